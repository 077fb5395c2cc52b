//! Epoch AI's table of notable AI systems (`data/epoch/all_ai_models.csv`, CC BY 4.0),
//! recognised by its header. Each row is a `model` (its id a kebab-case slug of `System`);
//! each organization of `Organization` an `organization` it is `developed_by`; `Base
//! model` a `fine_tuned_from` edge; dates, parameters, compute, domain, task, access,
//! country and training data are its facts. Every node and edge cites its row: the row's
//! `Link`, published by Epoch AI.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::build::{Builder, FileId, Origin, OriginFile};
use crate::diag::{Code, Diagnostic, Error, Location, SourceFile};
use crate::graph::{AttrValue, Node, NodeInfo, Source};
use crate::read::{csv, files, schema_toml, Reader};

pub struct Epoch;

const NAMESPACE: &str = "epoch";

/// The columns that say a CSV file is Epoch's table.
const SIGNATURE: [&str; 4] = ["System", "Organization", "Publication date", "Base model"];

/// The database itself, which every row's source names as its publisher.
const DATABASE: &str = "epoch-ai";

impl Reader for Epoch {
    fn name(&self) -> &'static str {
        "Epoch AI's table of AI systems (a .csv with System, Organization, Publication date and Base model)"
    }

    fn recognises(&self, path: &Path) -> bool {
        path.is_file()
            && path.extension().is_some_and(|e| e == "csv")
            && header(path).is_some_and(|h| SIGNATURE.iter().all(|c| h.iter().any(|x| x == c)))
    }

    fn namespace(&self) -> Option<&'static str> {
        Some(NAMESPACE)
    }

    fn read(&self, path: &Path, b: &mut Builder) -> Result<(), Error> {
        read(path, b)
    }
}

fn header(path: &Path) -> Option<Vec<String>> {
    let mut rdr = ::csv::ReaderBuilder::new().from_reader(files::open_limited(path).ok()?);
    let h = rdr.headers().ok()?;
    Some(
        h.iter()
            .map(|c| c.trim_start_matches('\u{feff}').to_string())
            .collect(),
    )
}

/// One row, as read.
struct Row {
    line: u64,
    system: String,
    organizations: Vec<String>,
    date: String,
    base: String,
    link: Option<String>,
    reference: String,
    authors: Vec<String>,
    attrs: Vec<(&'static str, AttrValue)>,
}

/// The columns kept as facts, each with how its cells read.
const FACTS: [(&str, &str, Cell); 7] = [
    ("Parameters", "parameters", Cell::Number),
    (
        "Training compute (FLOP)",
        "training_compute_flop",
        Cell::Float,
    ),
    ("Domain", "domain", Cell::List),
    ("Task", "task", Cell::List),
    ("Model accessibility", "model_accessibility", Cell::Text),
    ("Country (from Organization)", "country", Cell::List),
    ("Training dataset", "training_dataset", Cell::Text),
];

#[derive(Debug, Clone, Copy)]
enum Cell {
    /// A whole number when it is one (`7000000000.00`), else a float.
    Number,
    Float,
    /// Comma-separated, each item once.
    List,
    Text,
}

fn cell(text: &str, how: Cell) -> Result<AttrValue, String> {
    let number = || {
        text.trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("`{text}` is not a number"))
    };
    Ok(match how {
        Cell::Number => {
            let x = number()?;
            if x.fract() == 0.0 && x.abs() < 9.0e15 {
                AttrValue::Int(x as i64)
            } else {
                AttrValue::Float(x)
            }
        }
        Cell::Float => AttrValue::Float(number()?),
        Cell::List => {
            let mut items: Vec<&str> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                if seen.insert(item) {
                    items.push(item);
                }
            }
            AttrValue::List(
                items
                    .into_iter()
                    .map(|s| AttrValue::Str(s.into()))
                    .collect(),
            )
        }
        Cell::Text => AttrValue::Str(text.trim().into()),
    })
}

fn read(path: &Path, b: &mut Builder) -> Result<(), Error> {
    if !b.has_schema() {
        let file = SourceFile::new(
            Path::new("<genkg's schema for Epoch AI's table>"),
            include_str!("epoch_schema.toml").into(),
        );
        let schema = schema_toml::parse(&file, b.report());
        b.use_schema(schema, Origin::NONE);
    }
    let shared: Arc<Path> = path.into();
    let file = b.add_file(OriginFile::Rows(shared.clone()));
    let rows = rows(path, &shared, b)?;
    b.declare_source(
        Source {
            id: DATABASE.into(),
            title: "Parameter, Compute and Data Trends in Machine Learning".into(),
            authors: vec!["Epoch AI".into()],
            url: Some("https://epoch.ai/data/notable-ai-models".into()),
            publisher: Some("Epoch AI".into()),
            ..Source::default()
        },
        Origin::file(file),
    );
    let ids = slugs(rows.iter().map(|r| r.system.as_str()));
    // Each organization where it is first named.
    let mut orgs: Vec<(&str, u64)> = Vec::new();
    let mut named = std::collections::HashSet::new();
    for r in &rows {
        for o in &r.organizations {
            if named.insert(o.as_str()) {
                orgs.push((o, r.line));
            }
        }
    }
    orgs.sort_unstable();
    let org_ids = organization_ids(orgs.iter().map(|(o, _)| *o), &ids);
    add_organizations(b, &orgs, &org_ids, file);
    for row in &rows {
        add_model(b, row, &ids, &org_ids, file);
    }
    let relation = b.relation("fine_tuned_from");
    for row in rows.iter().filter(|r| !r.base.is_empty()) {
        let (Some(relation), Some(base)) = (relation, ids.get(row.base.as_str())) else {
            let at = Origin::row(file, row.line);
            b.split().1.unknown_end(&row.base, at);
            continue;
        };
        let source = b.cite(&row_source_id(&ids[row.system.as_str()]), Origin::NONE);
        b.edge_by_ids(
            &ids[row.system.as_str()],
            base,
            relation,
            Some(source),
            Origin::row(file, row.line),
        );
    }
    Ok(())
}

fn row_source_id(id: &str) -> String {
    format!("{NAMESPACE}:{id}")
}

/// Every row, with what is wrong with a row reported at it.
fn rows(path: &Path, shared: &Arc<Path>, b: &mut Builder) -> Result<Vec<Row>, Error> {
    let mut rdr = ::csv::ReaderBuilder::new().from_reader(std::io::BufReader::with_capacity(
        1 << 20,
        files::open_limited(path)?,
    ));
    let head: Vec<String> = match rdr.headers() {
        Ok(h) => h
            .iter()
            .map(|c| c.trim_start_matches('\u{feff}').to_string())
            .collect(),
        Err(e) => return Err(Error::one(csv::row_error(shared, &[], e)?)),
    };
    let table = Table {
        path: shared,
        head: &head,
    };
    let mut out = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut record = ::csv::StringRecord::new();
    let mut records = csv::Rows::new(rdr, shared, &head);
    while records.next(b.report(), |r| r.read_record(&mut record))? {
        out.extend(table.row(&record, &mut seen, b.report()));
    }
    records.finish(b.report())?;
    Ok(out)
}

/// The table being read: its path and header.
struct Table<'a> {
    path: &'a Arc<Path>,
    head: &'a [String],
}

impl Table<'_> {
    fn at(&self, line: u64, column: &str) -> Option<Location> {
        Some(Location::Row {
            path: self.path.clone(),
            line,
            column: Some(column.to_string()),
        })
    }

    /// One record as a row, or `None` (reported) when it has no System or a System twice.
    fn row(
        &self,
        record: &::csv::StringRecord,
        seen: &mut HashMap<String, u64>,
        report: &mut crate::diag::Report,
    ) -> Option<Row> {
        let line = record.position().map_or(0, |p| p.line());
        let get = |name: &str| {
            self.head
                .iter()
                .position(|h| h == name)
                .and_then(|i| record.get(i))
                .unwrap_or("")
                .trim()
        };
        let system = get("System").to_string();
        if system.is_empty() {
            report.push(
                Diagnostic::error(Code::BadRow, "a row without a `System`")
                    .located(self.at(line, "System")),
            );
            return None;
        }
        if let Some(first) = seen.insert(system.clone(), line) {
            report.push(
                Diagnostic::error(Code::DuplicateId, format!("`{system}` is listed twice"))
                    .located(self.at(line, "System"))
                    .help(format!("it is also on line {first}")),
            );
            return None;
        }
        let mut attrs = Vec::new();
        for (column, key, how) in FACTS {
            let text = get(column);
            if text.is_empty() {
                continue;
            }
            match cell(text, how) {
                Ok(v) => attrs.push((key, v)),
                Err(msg) => report.push(
                    Diagnostic::error(Code::WrongType, msg)
                        .located(self.at(line, column))
                        .help("write a finite number such as 7000000000 or 8.1e+23"),
                ),
            }
        }
        let list = |name: &str| -> Vec<String> {
            get(name)
                .split(',')
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty())
                .collect()
        };
        Some(Row {
            line,
            organizations: list("Organization"),
            date: get("Publication date").to_string(),
            base: get("Base model").to_string(),
            link: get("Link")
                .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
                .find(|s| s.starts_with("http"))
                .map(String::from),
            reference: get("Reference").to_string(),
            authors: list("Authors").into_iter().take(5).collect(),
            system,
            attrs,
        })
    }
}

fn add_organizations(
    b: &mut Builder,
    orgs: &[(&str, u64)],
    ids: &HashMap<String, String>,
    file: FileId,
) {
    let Some(kind) = b.kind("organization") else {
        return;
    };
    let source = b.cite(DATABASE, Origin::file(file));
    for &(org, line) in orgs {
        let node = Node {
            kind,
            year: None,
            name: Some(org.into()),
            source: Some(source),
            info: None,
        };
        b.add_node(
            &ids[org],
            node,
            Vec::new(),
            Origin::row(file, line),
            Origin::NONE,
        );
    }
}

/// Organizations' ids: their slugs, with `-org` where a system has the id already
/// (ELYZA is a company and a model).
fn organization_ids<'a>(
    orgs: impl Iterator<Item = &'a str>,
    systems: &HashMap<String, String>,
) -> HashMap<String, String> {
    let taken: std::collections::HashSet<&str> = systems.values().map(String::as_str).collect();
    slugs(orgs)
        .into_iter()
        .map(|(name, id)| {
            let id = if taken.contains(id.as_str()) {
                format!("{id}-org")
            } else {
                id
            };
            (name, id)
        })
        .collect()
}

fn add_model(
    b: &mut Builder,
    row: &Row,
    ids: &HashMap<String, String>,
    org_ids: &HashMap<String, String>,
    file: FileId,
) {
    let Some(kind) = b.kind("model") else { return };
    let id = &ids[row.system.as_str()];
    let at = Origin::row(file, row.line);
    let year = row.date.get(..4).and_then(|y| y.parse().ok());
    b.declare_source(
        Source {
            id: row_source_id(id),
            title: if row.reference.is_empty() {
                row.system.clone()
            } else {
                row.reference.clone()
            },
            authors: row.authors.clone(),
            year,
            url: row.link.clone(),
            publisher: Some("Epoch AI".into()),
            ..Source::default()
        },
        at,
    );
    let source = b.cite(&row_source_id(id), at);
    let node = Node {
        kind,
        year: None,
        name: Some(row.system.as_str().into()),
        source: Some(source),
        info: (!row.date.is_empty()).then(|| {
            Box::new(NodeInfo {
                date: Some(row.date.clone()),
                ..NodeInfo::default()
            })
        }),
    };
    let attrs = row
        .attrs
        .iter()
        .map(|(k, v)| (b.node_column(k), v.clone()))
        .collect();
    b.add_node(id, node, attrs, at, Origin::NONE);
    let Some(developed_by) = b.relation("developed_by") else {
        return;
    };
    for org in &row.organizations {
        b.edge_by_ids(id, &org_ids[org.as_str()], developed_by, Some(source), at);
    }
}

/// A kebab-case id for each name: ASCII letters and digits, `+` as `plus`, Greek letters
/// by name. Names that would share an id (`CaLM`, `CALM`) take `-2`, `-3` in name order,
/// so an id does not depend on where a row is in the file.
pub fn slugs<'a>(names: impl Iterator<Item = &'a str>) -> HashMap<String, String> {
    let mut names: Vec<&str> = names.collect();
    names.sort_unstable();
    names.dedup();
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut out = HashMap::new();
    for name in names {
        let base = slug(name);
        let count = taken.entry(base.clone()).or_insert(0);
        *count += 1;
        let id = if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        };
        out.insert(name.to_string(), id);
    }
    out
}

pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let word = |w: &str, out: &mut String| {
        if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        out.push_str(w);
        out.push('-');
    };
    for c in name.trim().chars() {
        match c {
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            '+' => word("plus", &mut out),
            'α' => word("alpha", &mut out),
            'β' => word("beta", &mut out),
            'γ' => word("gamma", &mut out),
            'λ' => word("lambda", &mut out),
            'Σ' | 'σ' => word("sigma", &mut out),
            'Ü' | 'ü' => out.push('u'),
            'é' | 'è' => out.push('e'),
            '×' => out.push('x'),
            _ => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "system".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_kebab_case_and_distinct() {
        assert_eq!(slug("Llama 2-70B"), "llama-2-70b");
        assert_eq!(slug("PanGu-Σ"), "pangu-sigma");
        assert_eq!(slug("PointNet++"), "pointnet-plus-plus");
        assert_eq!(slug("Command R\n"), "command-r");
        assert_eq!(slug("Command R+"), "command-r-plus");
        assert_eq!(slug("DALL·E 2"), "dall-e-2");
        let s = slugs(["CaLM", "CALM", "x"].into_iter());
        assert_eq!(s["CALM"], "calm");
        assert_eq!(s["CaLM"], "calm-2");
        for id in s.values() {
            assert!(crate::read::kb::is_kebab(id), "{id}");
        }
    }

    #[test]
    fn cells() {
        assert_eq!(
            cell("7000000000.00", Cell::Number).unwrap(),
            AttrValue::Int(7_000_000_000)
        );
        assert_eq!(cell("1.5e3", Cell::Number).unwrap(), AttrValue::Int(1500));
        assert_eq!(cell("2.5", Cell::Number).unwrap(), AttrValue::Float(2.5));
        assert!(cell("lots", Cell::Number).is_err());
        assert!(cell("inf", Cell::Float).is_err());
        assert_eq!(
            cell("Language,Vision, Language", Cell::List).unwrap(),
            AttrValue::List(
                vec![
                    AttrValue::Str("Language".into()),
                    AttrValue::Str("Vision".into())
                ]
                .into()
            )
        );
    }
}

//! The HTML explorer (`export --format html`): a self-contained, deterministic page, checked
//! here as bytes and then driven in a real headless Chromium through Selenium.
//!
//! The browser side is tests/browser/explorer.py, run once (one browser session) with the
//! Python build.rs found; it only observes and prints JSON, and the tests below compare what it
//! saw with the CLI's own answers: every node of `genkg list`, search as `genkg show` resolves
//! names, `lineage()` as `genkg lineage ID --format list` (and `--down`) for the survey's 23
//! models, a real click on a drawn node, the URL fragment and the back button, the keyboard,
//! the filters, adversarial and hostile names shown literally, no console error and no request
//! but `file:` and `data:`. It also saves the screenshot `exports/explorer.png`.
//!
//! The browser tests are ignored (and say why) without Chromium, its driver and Selenium;
//! tests/tools.rs fails under `CI=true` when they are missing.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use common::{copy_fixture, genkg, root, s, stdout_of, survey_models, tempdir};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Helpers

fn lines(text: &str) -> BTreeSet<String> {
    text.lines().map(String::from).collect()
}

/// The JSON block of a page, parsed.
fn page_data(page: &str) -> Value {
    let open = "<script type=\"application/json\" id=\"genkg-data\">";
    let start = page.find(open).expect("the data block") + open.len();
    let len = page[start..]
        .find("</script>")
        .expect("the data block ends");
    serde_json::from_str(&page[start..start + len]).expect("the data block is JSON")
}

/// The adversarial fixture (tests/fixtures/exports/adversarial) with the shipped schema,
/// copied to `<dir>/kb`.
fn adversarial_kb(dir: &Path) -> PathBuf {
    let kb = dir.join("kb");
    copy_fixture(&root().join("tests/fixtures/exports/adversarial"), &kb);
    std::fs::copy(root().join("graph/schema.toml"), kb.join("schema.toml"))
        .expect("copy the schema");
    kb
}

/// The names of the adversarial fixture, exactly as written in its TOML.
const ADVERSARIAL_NAMES: [(&str, &str); 6] = [
    ("quote-model", "The \"Quoted\" Model"),
    ("zh-model", "生成式模型"),
    ("multi-line", "First line\nSecond line"),
    ("back-slash", "Back\\slash \\N <tech> & co"),
    ("ampersand-lab", "Smith & Jones <Lab> \"SJ\""),
    ("text-to-text", "Text to \"text\""),
];

/// A node-link graph whose strings try to break out of the page: a `</script>` in a name, an
/// `<img onerror>` in a summary, a `javascript:` URL, markup in a note.
fn hostile_graph() -> Value {
    json!({
        "nodes": [
            {"id": "script-breaker", "kind": "model", "name": "</script><script>window.pwned=1</script>",
             "year": 2020, "summary": "<img src=x onerror=\"window.pwned=2\"> & <!-- not a comment",
             "url": "javascript:window.pwned=3"},
            {"id": "html-name", "kind": "model", "name": "<b>bold</b> & \"quotes\" 'single' \u{2028}",
             "year": 2021, "url": "https://example.org/a?b=1&c=2"},
            {"id": "</script>", "kind": "technique", "name": "<svg onload=\"window.pwned=4\">", "year": 2019}
        ],
        "edges": [
            {"from": "html-name", "to": "script-breaker", "relation": "based_on", "note": "</script><b>note</b>"},
            {"from": "script-breaker", "to": "</script>", "relation": "uses"}
        ]
    })
}

/// A graph the size of the landscape layer (~2,500 nodes, ~3,500 edges), made up but shaped
/// like Epoch AI's table: models over 35 years, more each year, each developed by one or two
/// of 600 organizations, some fine-tuned from or based on earlier models. The same every run.
fn big_graph() -> Value {
    let mut seed: u64 = 230_104_655;
    let mut rand = move |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let orgs = 600;
    let models = 1900;
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for o in 0..orgs {
        nodes.push(json!({"id": format!("org-{o:03}"), "kind": "organization", "name": format!("Organization {o}")}));
    }
    let mut years = Vec::new();
    for m in 0..models {
        // Quadratic growth: most models are recent, as in the real table.
        let r = rand(1000) as f64 / 1000.0;
        let year = 1990 + (34.0 * r.sqrt()) as i64;
        let month = 1 + rand(12);
        years.push(year);
        nodes.push(json!({
            "id": format!("model-{m:04}"), "kind": "model", "name": format!("Model {m}"),
            "year": year, "date": format!("{year}-{month:02}-01"),
            "summary": format!("A made-up model number {m}, for measuring the explorer at the landscape's size."),
            "attributes": {"parameters": rand(1_000_000_000)},
        }));
        let first = rand(orgs);
        edges.push(json!({"from": format!("model-{m:04}"), "to": format!("org-{first:03}"), "relation": "developed_by"}));
        if rand(3) == 0 {
            let second = (first + 1 + rand(orgs - 1)) % orgs;
            edges.push(json!({"from": format!("model-{m:04}"), "to": format!("org-{second:03}"), "relation": "developed_by"}));
        }
    }
    // Lineage only towards earlier models, so it has no cycle.
    for m in 0..models {
        for (relation, odds) in [("fine_tuned_from", 6), ("based_on", 5)] {
            if m > 10 && rand(odds) == 0 {
                let other = rand(m as u64) as usize;
                if years[other] <= years[m] {
                    edges.push(json!({"from": format!("model-{m:04}"), "to": format!("model-{other:04}"), "relation": relation}));
                }
            }
        }
    }
    json!({"nodes": nodes, "edges": edges})
}

// ---------------------------------------------------------------------------------------------
// The page as bytes (no browser needed)

#[test]
fn html_export_is_deterministic() {
    let tmp = tempdir();
    for extra in [
        &[][..],
        &["--lineage", "dall-e-2"],
        &["--kind", "model", "--since", "2021"],
        &["--path", "whisper", "chatgpt"],
    ] {
        let mut outs = Vec::new();
        for i in 0..2 {
            let path = tmp.path().join(format!("run{i}.html"));
            let mut args = vec!["export", "--format", "html"];
            args.extend_from_slice(extra);
            args.extend_from_slice(&["-o", s(&path)]);
            genkg(&args).run().ok();
            outs.push(std::fs::read(&path).expect("read the page"));
        }
        assert!(!outs[0].is_empty(), "no page for {extra:?}");
        assert!(
            outs[0] == outs[1],
            "two exports of {extra:?} differ byte for byte"
        );
    }
    // stdout and -o give the same bytes; `lineage --format html` is `export --lineage`.
    let file = tmp.path().join("lineage.html");
    genkg(&[
        "export",
        "--format",
        "html",
        "--lineage",
        "dall-e-2",
        "-o",
        s(&file),
    ])
    .run()
    .ok();
    let printed = stdout_of(&["export", "--format", "html", "--lineage", "dall-e-2"]);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        printed.as_bytes(),
        "export --format html -o differs from stdout"
    );
    assert_eq!(
        stdout_of(&["lineage", "dall-e-2", "--format", "html"]),
        printed,
        "`lineage dall-e-2 --format html` differs from `export --format html --lineage dall-e-2`"
    );
}

#[test]
fn html_page_is_self_contained() {
    let page = stdout_of(&["export", "--format", "html"]);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"),
        "the page lacks its Content-Security-Policy"
    );
    // Two script blocks (the data and the code), one style block, nothing loaded.
    assert_eq!(page.matches("<script").count(), 2, "script blocks");
    assert_eq!(page.matches("</script>").count(), 2, "script ends");
    assert_eq!(page.matches("<style").count(), 1, "style blocks");
    let code_and_markup: String = {
        let data = page.find("id=\"genkg-data\">").unwrap();
        let end = data + page[data..].find("</script>").unwrap();
        format!("{}{}", &page[..data], &page[end..])
    };
    for needle in [
        " src=",
        "<link rel=\"stylesheet",
        "@import",
        "url(",
        "fetch(",
        "XMLHttpRequest",
        "http://",
        "https://",
        "WebSocket",
        "importScripts",
        "sendBeacon",
    ] {
        assert!(
            !code_and_markup.contains(needle),
            "the page's markup or code contains {needle:?}: it must load nothing"
        );
    }
    // No timestamps: the only date-like strings are the data's.
    assert!(!page.contains("Generated at"));
}

#[test]
fn html_data_matches_the_json_export() {
    let page = stdout_of(&["export", "--format", "html"]);
    let data = page_data(&page);
    let json: Value =
        serde_json::from_str(&stdout_of(&["export", "--format", "json"])).expect("JSON");
    assert_eq!(
        data["nodes"], json["nodes"],
        "the page's nodes differ from the JSON export's"
    );
    assert_eq!(
        data["edges"], json["edges"],
        "the page's edges differ from the JSON export's"
    );
    // The schema: every kind and relation, with their styles and phrases, in schema order.
    let kinds: Vec<&str> = data["schema"]["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "model",
            "technique",
            "organization",
            "modality",
            "category",
            "dataset"
        ]
    );
    let lineage: Vec<&str> = data["schema"]["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["lineage"] == json!(true))
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        lineage,
        ["uses", "based_on", "fine_tuned_from", "variant_of"]
    );
    for r in data["schema"]["relations"].as_array().unwrap() {
        for key in ["phrase", "inverse", "style", "color"] {
            assert!(r[key].is_string(), "relation {} lacks {key}", r["name"]);
        }
    }
    // Every source cited is there once, sorted, with a link.
    let sources: Vec<&str> = data["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    let mut sorted = sources.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sources, sorted, "sources are not sorted and unique");
    let cited: BTreeSet<&str> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .chain(json["edges"].as_array().unwrap())
        .filter_map(|x| x["source"].as_str())
        .collect();
    assert_eq!(
        cited,
        sources.iter().copied().collect(),
        "the page's sources are not exactly those cited"
    );
    assert!(data["sources"].as_array().unwrap().iter().all(|s| s["link"]
        .as_str()
        .is_some_and(|l| l.starts_with("https://"))));
}

#[test]
fn html_data_cannot_break_out_of_its_script_block() {
    let tmp = tempdir();
    let graph = tmp.path().join("hostile.json");
    std::fs::write(&graph, hostile_graph().to_string()).unwrap();
    let run = genkg(&["export", "--format", "html"]).graph(&graph).run();
    run.ok();
    let page = &run.stdout;
    assert_eq!(
        page.matches("</script>").count(),
        2,
        "data closed a script block"
    );
    assert_eq!(
        page.matches("<script").count(),
        2,
        "data opened a script block"
    );
    assert!(!page.contains("<img"), "data put markup in the page");
    assert!(!page.contains("<svg"), "data put markup in the page");
    assert!(!page.contains("<!-- not"), "data opened an HTML comment");
    // Yet every string is intact in the data.
    let data = page_data(page);
    let want = hostile_graph();
    for want in want["nodes"].as_array().unwrap() {
        let got = data["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == want["id"])
            .unwrap_or_else(|| panic!("the page lost the node {}", want["id"]));
        assert_eq!(got["name"], want["name"]);
        assert_eq!(got["summary"], want["summary"]);
    }
}

// ---------------------------------------------------------------------------------------------
// In the browser: one session for every check (tests/browser/explorer.py)

struct Seen {
    out: Value,
    expect: Expect,
}

/// What the CLI says, to compare the page with.
struct Expect {
    ids: BTreeSet<String>,
    models: Vec<String>,
    ancestors: BTreeMap<String, BTreeSet<String>>,
    descendants: BTreeMap<String, BTreeSet<String>>,
    queries: Vec<(String, Option<String>)>,
    adversarial_ids: Vec<String>,
    /// Every node of the adversarial fixture, as `genkg list` gives them.
    adversarial_all: BTreeSet<String>,
    hostile_ids: Vec<String>,
    lineage_page: BTreeSet<String>,
    /// The big graph: its ids to select, with their ancestors and descendants from the CLI.
    big_lineages: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>,
    big_nodes: usize,
    /// The ids of tests/fixtures/exports/odd-ids.
    odd_ids: BTreeSet<String>,
}

const CLICK: &str = "whisper";
const BACK: [&str; 2] = ["dall-e-2", "chatgpt"];
const SHOT_NODE: &str = "stable-diffusion";
const QUERIES: [&str; 9] = [
    "unCLIP",
    "dalle2",
    "DALL·E 2",
    "dall-e-2",
    "stable diffusion",
    "OPENAI",
    "gpt 3.5",
    "transfomer",
    "whisper",
];

fn browser_run() -> &'static Result<Seen, String> {
    static SEEN: OnceLock<Result<Seen, String>> = OnceLock::new();
    SEEN.get_or_init(run_browser)
}

fn seen() -> &'static Seen {
    match browser_run() {
        Ok(s) => s,
        Err(e) => panic!("the browser run failed:\n{e}"),
    }
}

fn run_browser() -> Result<Seen, String> {
    let tmp = tempdir();
    let dir = tmp.path();
    // The committed page, made fresh in a temporary copy (the committed one is checked against
    // `export --all` by tests/exports.rs); and three more pages.
    let whole = dir.join("explorer.html");
    let all = dir.join("all");
    genkg(&["export", "--all", "-o", s(&all)]).run().ok();
    std::fs::copy(all.join("explorer.html"), &whole).map_err(|e| e.to_string())?;
    let kb = adversarial_kb(dir);
    let adversarial = dir.join("adversarial.html");
    genkg(&["export", "--format", "html", "-o", s(&adversarial)])
        .graph(&kb)
        .run()
        .ok();
    let hostile_json = dir.join("hostile.json");
    std::fs::write(&hostile_json, hostile_graph().to_string()).map_err(|e| e.to_string())?;
    let hostile = dir.join("hostile.html");
    genkg(&["export", "--format", "html", "-o", s(&hostile)])
        .graph(&hostile_json)
        .run()
        .ok();
    let lineage = dir.join("lineage.html");
    genkg(&[
        "export",
        "--format",
        "html",
        "--lineage",
        SHOT_NODE,
        "-o",
        s(&lineage),
    ])
    .run()
    .ok();

    let big_dir = dir.join("big");
    std::fs::create_dir_all(&big_dir).map_err(|e| e.to_string())?;
    std::fs::write(big_dir.join("graph.json"), big_graph().to_string())
        .map_err(|e| e.to_string())?;
    std::fs::copy(
        root().join("graph/schema.toml"),
        big_dir.join("schema.toml"),
    )
    .map_err(|e| e.to_string())?;
    let big = dir.join("big.html");
    genkg(&["export", "--format", "html", "-o", s(&big)])
        .graph(big_dir.join("graph.json"))
        .run()
        .ok();
    let big_ids: Vec<String> = [
        "model-1899",
        "model-0042",
        "model-1500",
        "org-007",
        "model-0003",
        "model-0999",
    ]
    .map(String::from)
    .to_vec();
    let big_lineage = |args: &[&str]| {
        let run = genkg(args).graph(big_dir.join("graph.json")).run();
        run.ok();
        lines(&run.stdout)
    };
    let big_lineages = big_ids
        .iter()
        .map(|id| {
            (
                id.clone(),
                (
                    big_lineage(&["lineage", id, "--format", "list"]),
                    big_lineage(&["lineage", id, "--down", "--format", "list"]),
                ),
            )
        })
        .collect();

    let odd = dir.join("odd.html");
    let odd_graph = root().join("tests/fixtures/exports/odd-ids/graph.json");
    genkg(&["export", "--format", "html", "-o", s(&odd)])
        .graph(&odd_graph)
        .run()
        .ok();
    let odd_ids = {
        let run = genkg(&["list", "--format", "json"]).graph(&odd_graph).run();
        run.ok();
        let v: Value = serde_json::from_str(&run.stdout).expect("JSON");
        strings(&Value::Array(
            v["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["id"].clone())
                .collect(),
        ))
    };
    let empty = dir.join("empty.html");
    genkg(&[
        "export",
        "--format",
        "html",
        "--since",
        "3000",
        "-o",
        s(&empty),
    ])
    .run()
    .ok();

    let models = survey_models();
    let list = |args: &[&str]| lines(&stdout_of(args));
    let mut ancestors = BTreeMap::new();
    let mut descendants = BTreeMap::new();
    for m in &models {
        ancestors.insert(m.clone(), list(&["lineage", m, "--format", "list"]));
        descendants.insert(
            m.clone(),
            list(&["lineage", m, "--down", "--format", "list"]),
        );
    }
    let queries = QUERIES
        .iter()
        .map(|q| {
            let run = genkg(&["show", q, "--format", "json"]).run();
            let id = (run.code == Some(0)).then(|| {
                serde_json::from_str::<Value>(&run.stdout).expect("JSON")["id"]
                    .as_str()
                    .unwrap()
                    .to_string()
            });
            (q.to_string(), id)
        })
        .collect();
    let mut lineage_page = list(&["lineage", SHOT_NODE, "--format", "list"]);
    lineage_page.insert(SHOT_NODE.to_string());
    let expect = Expect {
        ids: list(&["list", "--format", "ids"]),
        models: models.clone(),
        ancestors,
        descendants,
        queries,
        adversarial_ids: ADVERSARIAL_NAMES
            .iter()
            .map(|(id, _)| id.to_string())
            .collect(),
        adversarial_all: {
            let run = genkg(&["list", "--format", "ids"]).graph(&kb).run();
            run.ok();
            lines(&run.stdout)
        },
        hostile_ids: ["script-breaker", "html-name", "</script>"]
            .map(String::from)
            .to_vec(),
        lineage_page,
        big_lineages,
        big_nodes: big_graph()["nodes"].as_array().unwrap().len(),
        odd_ids,
    };

    let shot = dir.join("explorer.png");
    // Every relation of the graph but `uses`.
    let stats: Value = serde_json::from_str(&stdout_of(&["stats", "--format", "json"]))
        .map_err(|e| e.to_string())?;
    let relations: Vec<String> = stats["relations"]
        .as_object()
        .expect("relations")
        .keys()
        .filter(|r| *r != "uses")
        .cloned()
        .collect();
    let config = json!({
        "pages": {"whole": whole, "adversarial": adversarial, "hostile": hostile, "lineage": lineage, "big": big, "odd": odd, "empty": empty},
        "big_ids": big_ids,
        "queries": QUERIES,
        "models": models,
        "click": CLICK,
        "back": BACK,
        "adversarial_ids": expect.adversarial_ids,
        "hostile_ids": expect.hostile_ids,
        "screenshot": shot,
        "shot_node": SHOT_NODE,
        "filters": {
            "org_openai": {"organization": "openai"},
            "year_2021": {"from": 2021, "to": 2021},
            "without_uses": {"relations": relations},
            "only_models": {"kinds": ["model"]},
        },
    });
    let config_path = dir.join("config.json");
    std::fs::write(&config_path, config.to_string()).map_err(|e| e.to_string())?;

    let py = env!("GENKG_TEST_PYTHON");
    let script = root().join("tests/browser/explorer.py");
    let out = Command::new(py)
        .arg(&script)
        .arg(&config_path)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run Python `{py}`: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!(
            "{py} {} failed ({:?}):\n{stderr}",
            script.display(),
            out.status.code()
        ));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let out: Value = serde_json::from_str(&stdout)
        .map_err(|e| format!("explorer.py printed no JSON ({e}):\n{stdout}\n{stderr}"))?;
    save_screenshot(&shot);
    Ok(Seen { out, expect })
}

/// The README's picture: exports/explorer.png, rewritten only when the pixels changed.
fn save_screenshot(shot: &Path) {
    let Ok(png) = std::fs::read(shot) else {
        return;
    };
    let target = root().join("exports/explorer.png");
    if std::fs::read(&target).ok().as_deref() != Some(png.as_slice()) {
        std::fs::write(&target, png).expect("write exports/explorer.png");
    }
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|x| x.as_str().expect("a string").to_string())
        .collect()
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs chromium, chromium-driver and selenium (see .ci/run)"
)]
fn explorer_makes_no_request_and_logs_no_error() {
    let out = &seen().out;
    let requests = strings(&out["requests"]);
    let remote: Vec<&String> = requests
        .iter()
        .filter(|u| !u.starts_with("file:") && !u.starts_with("data:"))
        .collect();
    assert!(remote.is_empty(), "the pages requested {remote:?}");
    assert!(
        requests.iter().any(|u| u.starts_with("file:")),
        "no request was recorded at all: is performance logging on? {out}"
    );
    let noisy: Vec<&Value> = out["console"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["level"] == "SEVERE" || m["level"] == "WARNING")
        .collect();
    assert!(noisy.is_empty(), "console errors or warnings: {noisy:#?}");
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs chromium, chromium-driver and selenium (see .ci/run)"
)]
fn explorer_holds_every_node() {
    let Seen { out, expect } = seen();
    assert_eq!(out["ready"], json!(true), "genkg.ready never became true");
    assert_eq!(
        strings(&out["nodes"]),
        expect.ids,
        "genkg.nodes() differs from `genkg list --format ids`"
    );
    assert_eq!(out["selected_at_start"], Value::Null);
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs chromium, chromium-driver and selenium (see .ci/run)"
)]
fn explorer_search_matches_names_as_the_cli_does() {
    let Seen { out, expect } = seen();
    for (q, cli) in &expect.queries {
        let got = out["search"][q.as_str()].as_array().expect("a list");
        let first = got.first().and_then(|v| v.as_str());
        match cli {
            Some(id) => assert_eq!(
                first,
                Some(id.as_str()),
                "search({q:?}) puts {first:?} first; `genkg show {q:?}` shows {id} (all: {got:?})"
            ),
            // A typo the CLI only suggests a fix for: the page lists the suggestion.
            None => assert!(
                got.iter().any(|v| v == "transformer"),
                "search({q:?}) does not suggest transformer: {got:?}"
            ),
        }
    }
    assert_eq!(out["search"]["unCLIP"][0], "dall-e-2");
    assert_eq!(out["search"]["dalle2"][0], "dall-e-2");
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs chromium, chromium-driver and selenium (see .ci/run)"
)]
fn explorer_lineage_equals_the_cli_for_every_survey_model() {
    let Seen { out, expect } = seen();
    let mut wrong = Vec::new();
    for m in &expect.models {
        let got = &out["lineages"][m.as_str()];
        assert_eq!(got["selected"], json!(m), "select({m}) did not select it");
        let (a, d) = (strings(&got["ancestors"]), strings(&got["descendants"]));
        if a != expect.ancestors[m] {
            wrong.push(format!(
                "{m} ancestors: page {a:?}, cli {:?}",
                expect.ancestors[m]
            ));
        }
        if d != expect.descendants[m] {
            wrong.push(format!(
                "{m} descendants: page {d:?}, cli {:?}",
                expect.descendants[m]
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "lineage() differs from `genkg lineage`:\n{}",
        wrong.join("\n")
    );
    assert_eq!(expect.models.len(), 23);
    // The family tree shows exactly the selection and its lineage.
    let tree = &out["tree"];
    assert_eq!(tree["mode"], "tree");
    let mut want = expect.ancestors[CLICK].clone();
    want.extend(expect.descendants[CLICK].iter().cloned());
    want.insert(CLICK.to_string());
    assert_eq!(
        strings(&tree["visible"]),
        want,
        "the family tree of {CLICK}"
    );
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs chromium, chromium-driver and selenium (see .ci/run)"
)]
fn explorer_click_on_a_node_opens_its_details_and_sources() {
    let out = &seen().out;
    assert_eq!(
        out["details_after_clear"],
        Value::Null,
        "select(null) left the details open"
    );
    assert!(
        out["click_location"].is_object(),
        "{CLICK} is not drawn: {}",
        out["click_location"]
    );
    let click = &out["click"];
    assert_eq!(
        click["selected"], CLICK,
        "a click on the drawn {CLICK} did not select it: {click}"
    );
    assert_eq!(click["hash"], format!("#{CLICK}"));
    let details = &click["details"];
    assert_eq!(details["name"], "Whisper");
    // Every source and every relation of `genkg show whisper`, in the same words.
    let show = stdout_of(&["show", CLICK]);
    let text = details["text"].as_str().unwrap();
    let sources = strings(&details["sources"]);
    let mut in_sources = false;
    let mut n_sources = 0;
    for line in show.lines() {
        if line == "Sources" {
            in_sources = true;
            continue;
        }
        if in_sources && line.starts_with("  [") {
            n_sources += 1;
            let (id, rest) = line.trim().split_once(' ').unwrap();
            let title = rest.split(" (").next().unwrap();
            assert!(
                sources.iter().any(|s| s.contains(id) && s.contains(title)),
                "the details lack the source {id} {title:?}: {sources:?}"
            );
            let link = rest.rsplit(' ').next().unwrap();
            assert!(
                details["links"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|l| l == link),
                "the details lack the link {link}"
            );
        }
    }
    assert!(n_sources >= 2, "`genkg show {CLICK}` lists its sources");
    assert_eq!(
        sources.len(),
        n_sources,
        "other sources than `genkg show`'s: {sources:?}"
    );
    for phrase in [
        "is developed by",
        "takes as input",
        "produces",
        "uses",
        "is trained on",
        "is filed by the survey under",
    ] {
        assert!(text.contains(phrase), "the details lack {phrase:?}");
    }
    let relations = details["relations"].as_array().unwrap();
    // Both of `genkg show`'s lists: its relations and what refers to it.
    let section = |title: &str| {
        show.lines()
            .skip_while(|l| *l != title)
            .skip(1)
            .take_while(|l| !l.is_empty())
            .count()
    };
    let shown = section("Relations") + section("Referenced by");
    assert_eq!(relations.len(), shown, "relations: page {relations:?}");
    // A click on empty space clears the selection and closes the details.
    assert_eq!(out["click_empty"]["selected"], Value::Null);
    assert_eq!(out["click_empty"]["details"], Value::Null);
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs chromium, chromium-driver and selenium (see .ci/run)"
)]
fn explorer_url_fragment_and_back_button() {
    let h = &seen().out["hash"];
    assert_eq!(h["opened"], json!(true));
    assert_eq!(
        h["selected_from_hash"], BACK[0],
        "#{} did not select it",
        BACK[0]
    );
    assert_eq!(h["details_name"], "DALL·E 2");
    assert_eq!(h["hash_after_select"], format!("#{}", BACK[1]));
    assert_eq!(
        h["after_back"], BACK[0],
        "the back button did not return to {}",
        BACK[0]
    );
    assert_eq!(
        h["after_forward"], BACK[1],
        "forward did not return to {}",
        BACK[1]
    );
    assert_eq!(h["hash_in_tree"], format!("#{}&view=tree", BACK[1]));
    assert_eq!(h["after_back_from_tree"], json!([BACK[1], "landscape"]));
    let tree = &h["opened_in_tree"];
    assert_eq!(tree[0], BACK[0], "#{}&view=tree", BACK[0]);
    assert_eq!(tree[1], "tree");
    let expect = &seen().expect;
    let size = expect.ancestors[BACK[0]].len() + expect.descendants[BACK[0]].len() + 1;
    assert_eq!(tree[2], json!(size), "the family tree opened from a link");
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs chromium, chromium-driver and selenium (see .ci/run)"
)]
fn explorer_keyboard_search_and_escape() {
    let k = &seen().out["keys"];
    assert_eq!(k["focused"], "search", "/ did not focus the search box");
    assert_eq!(
        k["listed"][0], "dall-e-2",
        "typing unclip lists {}",
        k["listed"]
    );
    assert_eq!(
        k["active"], "dall-e-2",
        "down then up does not come back to the first result"
    );
    assert_eq!(
        k["selected"], "dall-e-2",
        "Enter did not select the first result"
    );
    assert_eq!(k["results_hidden"], json!(true));
    assert_eq!(
        k["after_escape"],
        Value::Null,
        "Esc did not clear the selection"
    );
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs chromium, chromium-driver and selenium (see .ci/run)"
)]
fn explorer_filters_hide_what_they_should() {
    let Seen { out, expect } = seen();
    let f = &out["filters"];
    let orgs = lines(&stdout_of(&[
        "list",
        "--kind",
        "organization",
        "--format",
        "ids",
    ]));
    let without = strings(&f["without_organizations"]);
    assert!(
        without.is_disjoint(&orgs),
        "unticking organization left some drawn"
    );
    assert_eq!(
        without,
        expect.ids.difference(&orgs).cloned().collect(),
        "unticking organization hid more"
    );
    assert_eq!(strings(&f["all_again"]), expect.ids);
    assert_eq!(
        strings(&f["reset"]),
        expect.ids,
        "filter(null) did not bring every node back"
    );

    let dated = |ids: &BTreeSet<String>| -> BTreeSet<String> {
        let undated = lines(&stdout_of(&[
            "list",
            "--format",
            "ids",
            "--kind",
            "organization",
        ]))
        .into_iter()
        .chain(lines(&stdout_of(&[
            "list", "--format", "ids", "--kind", "modality",
        ])))
        .chain(lines(&stdout_of(&[
            "list", "--format", "ids", "--kind", "category",
        ])))
        .collect::<BTreeSet<_>>();
        ids.difference(&undated).cloned().collect()
    };
    // By organization: its models (as `genkg list --org`), itself, and undated context.
    let openai = strings(&f["org_openai"]["nodes"]);
    let cli = lines(&stdout_of(&["list", "--org", "openai", "--format", "ids"]));
    assert!(
        openai.is_superset(&cli),
        "--org openai: page {openai:?}, cli {cli:?}"
    );
    assert!(openai.contains("openai"));
    assert_eq!(
        dated(&openai),
        dated(&cli),
        "the organization filter shows other dated nodes"
    );
    // By year: the dated nodes of `genkg list --since 2021 --until 2021`.
    let y2021 = strings(&f["year_2021"]["nodes"]);
    let cli = lines(&stdout_of(&[
        "list", "--since", "2021", "--until", "2021", "--format", "ids",
    ]));
    assert_eq!(dated(&y2021), cli, "the year filter");
    // By relation: no `uses` edge drawn, every other one still there.
    let edges = f["without_uses"]["edges"].as_array().unwrap();
    assert!(
        edges.iter().all(|e| e[1] != "uses"),
        "uses edges drawn while hidden"
    );
    let stats: Value = serde_json::from_str(&stdout_of(&["stats", "--format", "json"])).unwrap();
    let (total, uses) = (
        stats["edges"].as_u64().unwrap(),
        stats["relations"]["uses"].as_u64().unwrap(),
    );
    assert_eq!(
        edges.len() as u64,
        total - uses,
        "hiding uses hid other edges"
    );
    // By kind: only models, and only edges between them.
    let models = strings(&f["only_models"]["nodes"]);
    assert_eq!(
        models,
        lines(&stdout_of(&["list", "--kind", "model", "--format", "ids"]))
    );
    for e in f["only_models"]["edges"].as_array().unwrap() {
        assert!(models.contains(e[0].as_str().unwrap()) && models.contains(e[2].as_str().unwrap()));
    }
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs chromium, chromium-driver and selenium (see .ci/run)"
)]
fn explorer_shows_adversarial_names_literally() {
    let Seen { out, expect } = seen();
    let a = &out["adversarial"];
    assert_eq!(a["ready"], json!(true));
    assert_eq!(strings(&a["nodes"]), expect.adversarial_all);
    for (id, name) in ADVERSARIAL_NAMES {
        let shown = &a["shown"][id];
        assert_eq!(shown["selected"], id);
        assert_eq!(
            shown["details_name"], name,
            "the details of {id} show another name"
        );
        assert_eq!(
            shown["result_name"], name,
            "the search result for {id} shows another name"
        );
    }
    assert_eq!(
        a["shown"]["quote-model"]["summary"],
        "A summary with \"quotes\", a back\\slash, <angle> & ampersand, and 生成式模型."
    );
    assert_eq!(
        a["shown"]["zh-model"]["summary"],
        "中文摘要：一个生成式模型。"
    );
    assert_eq!(a["scripts"], 2);
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs chromium, chromium-driver and selenium (see .ci/run)"
)]
fn explorer_shows_hostile_strings_and_runs_none() {
    let h = &seen().out["hostile"];
    assert_eq!(h["ready"], json!(true));
    assert_eq!(h["pwned"], Value::Null, "a string of the data ran as code");
    assert_eq!(h["scripts"], 2, "the data added a script");
    let want = hostile_graph();
    for n in want["nodes"].as_array().unwrap() {
        let id = n["id"].as_str().unwrap();
        let shown = &h["shown"][id];
        assert_eq!(shown["selected"], id);
        assert_eq!(shown["details_name"], n["name"], "{id}");
        assert_eq!(shown["result_name"], n["name"], "{id}");
    }
    // A javascript: URL is shown as text, never as a link; an https one is a link.
    let breaker = &h["shown"]["script-breaker"];
    assert!(
        breaker["links"].as_array().unwrap().is_empty(),
        "a javascript: URL became a link: {breaker}"
    );
    assert_eq!(breaker["summary"], want["nodes"][0]["summary"]);
    assert_eq!(
        h["shown"]["html-name"]["links"][0],
        "https://example.org/a?b=1&c=2"
    );
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs chromium, chromium-driver and selenium (see .ci/run)"
)]
fn explorer_of_a_lineage_holds_it_and_opens_on_its_root() {
    let Seen { out, expect } = seen();
    let l = &out["lineage_page"];
    assert_eq!(l["ready"], json!(true));
    assert_eq!(strings(&l["nodes"]), expect.lineage_page);
    assert_eq!(l["selected"], SHOT_NODE, "a lineage page opens on its root");
    assert_eq!(
        strings(&l["lineage"]["ancestors"]),
        expect.ancestors[SHOT_NODE]
    );
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs chromium, chromium-driver and selenium (see .ci/run)"
)]
fn explorer_screenshot_is_saved() {
    let out = &seen().out;
    let png = std::fs::read(root().join("exports/explorer.png")).expect("exports/explorer.png");
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "exports/explorer.png is not a PNG"
    );
    assert!(png.len() > 20_000, "the screenshot is suspiciously small");
    assert!(out["screenshot"].is_string());
    let timings = &out["timings"];
    assert!(
        timings["total"].as_f64().is_some(),
        "genkg.timings: {timings}"
    );
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs chromium, chromium-driver and selenium (see .ci/run)"
)]
fn explorer_stays_quick_at_the_landscape_size() {
    let Seen { out, expect } = seen();
    let big = &out["big"];
    assert_eq!(big["ready"], json!(true));
    assert_eq!(big["nodes"], json!(expect.big_nodes));
    assert!(
        expect.big_nodes >= 2_400,
        "the big graph has {} nodes",
        expect.big_nodes
    );
    // The goal is under 1 s on a 2-core machine (scripts/bench-explorer measures it); the
    // bounds here are loose, for a machine busy with other tests.
    let ready = big["ready_ms"].as_f64().unwrap();
    let mut selects = Vec::new();
    for (id, (ancestors, descendants)) in &expect.big_lineages {
        let seen = &big["select"][id.as_str()];
        assert_eq!(seen["selected"], json!(id));
        assert_eq!(&strings(&seen["ancestors"]), ancestors, "ancestors of {id}");
        assert_eq!(
            &strings(&seen["descendants"]),
            descendants,
            "descendants of {id}"
        );
        selects.push(seen["ms"].as_f64().unwrap());
    }
    selects.sort_by(f64::total_cmp);
    let median = selects[selects.len() / 2];
    eprintln!(
        "big graph ({} nodes): ready {ready:.0} ms, select to frame median {median:.0} ms (all {selects:?}), search {:.1} ms",
        expect.big_nodes, big["search_ms"]
    );
    assert!(
        ready < 4_000.0,
        "ready after {ready:.0} ms at the landscape's size"
    );
    assert!(
        median < 2_000.0,
        "select takes {median:.0} ms at the landscape's size"
    );
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs chromium, chromium-driver and selenium (see .ci/run)"
)]
fn explorer_links_to_odd_ids_and_draws_an_empty_selection() {
    let Seen { out, expect } = seen();
    let odd = &out["odd"];
    assert_eq!(odd["ready"], json!(true));
    assert_eq!(strings(&odd["nodes"]), expect.odd_ids);
    for id in &expect.odd_ids {
        assert_eq!(
            odd["by_hash"][id.as_str()],
            json!(id),
            "#{id:?} (percent-encoded) did not select it"
        );
    }
    let round = &odd["tree_hash_roundtrip"];
    assert!(
        round[0].as_str().unwrap().ends_with("&view=tree"),
        "{round}"
    );
    assert_eq!(round[2], "tree");
    // A selection with nothing in it is a page that says so.
    let empty = &out["empty"];
    assert_eq!(empty["ready"], json!(true));
    assert_eq!(empty["nodes"], json!([]));
    assert_eq!(
        empty["message"],
        json!(true),
        "the empty page shows no message"
    );
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs chromium, chromium-driver and selenium (see .ci/run)"
)]
fn explorer_controls_work_as_a_person_uses_them() {
    let c = &seen().out["controls"];
    assert_eq!(c["ready"], json!(true));
    assert_eq!(c["org"], "openai", "choosing an organization in the list");
    assert_eq!(c["from"], json!(2020), "typing a year in the from box");
    assert_eq!(c["after_reset"]["organization"], Value::Null, "Reset");
    assert_eq!(c["after_reset"]["from"], Value::Null, "Reset");
    assert_eq!(
        c["tree_button"], "#gpt-3&view=tree",
        "the Family tree button"
    );
    assert_eq!(c["f_key"], "landscape", "the f key");
    let drag = c["drag"]
        .as_array()
        .expect("gpt-3 drawn before and after the drag");
    assert!(
        (drag[0].as_i64().unwrap() + 120).abs() <= 2 && (drag[1].as_i64().unwrap() - 40).abs() <= 2,
        "a drag of (-120, 40) moved the drawing by {drag:?}"
    );
    assert_eq!(c["drag_kept_selection"], "gpt-3", "a drag is not a click");
    assert_eq!(c["wheel_moved"], json!(true), "the wheel does not zoom");
    assert_eq!(
        c["zoom_in_moved"],
        json!(true),
        "the + button does not zoom"
    );
    assert_eq!(
        c["map_shown"],
        json!(true),
        "no overview map when zoomed in"
    );
    assert_eq!(
        c["map_moved"],
        json!(true),
        "a click on the map does not move the view"
    );
    assert_eq!(
        c["fit_hides_map"],
        json!(true),
        "the map stays when everything fits"
    );
    // Dark: the page and the drawing's background.
    assert_eq!(c["dark_ready"], json!(true));
    assert_eq!(c["dark"]["body"], "rgb(21, 23, 26)", "{}", c["dark"]);
    let px: Vec<u64> = c["dark"]["canvas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert!(
        px.iter().all(|&v| v < 80),
        "the drawing is not dark: {px:?}"
    );
}

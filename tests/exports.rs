//! The exporters, end to end: every DOT genkg writes is drawn by the real Graphviz `dot`,
//! names with quotes, backslashes, newlines, `<&>` and Chinese text survive escaping, every
//! format is deterministic, `lineage --format F` is `export --lineage` byte for byte, the
//! committed exports/ directory is current, a missing Graphviz fails cleanly (leaving the
//! DOT), writes are atomic, and Mermaid warns past its edge limit.
//!
//! The tests that run Graphviz are ignored (and say so) when `dot` is missing; build.rs finds
//! it, and tests/tools.rs fails under `CI=true` when it is missing.

mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{copy_fixture, genkg, root, s, stdout_of, tempdir, Run};

// ---------------------------------------------------------------------------------------------
// Helpers

/// Runs `dot ARGS` on `input` and returns its output, failing the test on any error.
fn dot(args: &[&str], input: &[u8], what: &str) -> Vec<u8> {
    let mut child = Command::new("dot")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot runs");
    let mut stdin = child.stdin.take().expect("piped");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("dot finishes");
    writer.join().expect("writer").expect("dot reads its input");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "dot {} failed on {what}: {}",
        args.join(" "),
        stderr
    );
    // Font lookups may warn on a bare machine; anything else (syntax, lost edges) is ours.
    let serious: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.to_lowercase().contains("font"))
        .collect();
    assert!(
        serious.is_empty(),
        "dot {} warned on {what}:\n{}",
        args.join(" "),
        serious.join("\n")
    );
    out.stdout
}

/// `dot -Tsvg` of a DOT text; the SVG as text.
fn render_svg(dot_text: &str, what: &str) -> String {
    let svg = dot(&["-Tsvg"], dot_text.as_bytes(), what);
    let svg = String::from_utf8(svg).expect("SVG is UTF-8");
    assert!(svg.contains("<svg"), "dot wrote no SVG for {what}");
    svg
}

/// Runs genkg and returns the raw output (for binary formats, where `Run` would be lossy).
fn raw(args: &[&str]) -> Output {
    let out = genkg(args).command().output().expect("genkg runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "genkg {} failed:\n{stderr}",
        args.join(" ")
    );
    assert!(!stderr.contains("panicked"), "genkg panicked:\n{stderr}");
    out
}

/// Every file under `dir`, as paths relative to it.
fn files_under(dir: &Path) -> BTreeSet<PathBuf> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeSet<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read a directory") {
            let p = entry.expect("a directory entry").path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(p.strip_prefix(base).expect("under base").to_path_buf());
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

/// Fails if a `.genkg-*` temporary file is left anywhere under `dir`.
fn no_temp_files(dir: &Path) {
    let left: Vec<_> = files_under(dir)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".genkg-"))
        })
        .collect();
    assert!(
        left.is_empty(),
        "temporary files left in {}: {left:?}",
        dir.display()
    );
}

/// A few survey models whose lineages differ in shape (deep chains, diamonds, several roots).
const MODELS: [&str; 5] = ["chatgpt", "dall-e-2", "stable-diffusion", "whisper", "gato"];

/// The adversarial fixture (tests/fixtures/exports/adversarial) with the shipped schema,
/// copied to `<tmp>/kb`.
fn adversarial_kb() -> tempfile::TempDir {
    let tmp = tempdir();
    let kb = tmp.path().join("kb");
    copy_fixture(&root().join("tests/fixtures/exports/adversarial"), &kb);
    std::fs::copy(root().join("graph/schema.toml"), kb.join("schema.toml"))
        .expect("copy the schema");
    tmp
}

/// genkg on the adversarial knowledge base.
fn adversarial(tmp: &tempfile::TempDir, args: &[&str]) -> Run {
    genkg(args).current_dir(tmp.path()).graph("kb").run()
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

/// Text as Graphviz writes it into SVG: XML-escaped, `"` as `&quot;`.
fn svg_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

// ---------------------------------------------------------------------------------------------
// (a) Every DOT genkg writes is drawn by the real `dot`

#[test]
#[cfg_attr(
    not(has_dot),
    ignore = "needs Graphviz's dot: apt-get install -y graphviz"
)]
fn dot_of_the_whole_graph_renders() {
    let d = stdout_of(&["export", "--format", "dot"]);
    let svg = render_svg(&d, "the whole graph");
    // Every node of the graph is drawn.
    for id in stdout_of(&["list", "--format", "ids"]).lines() {
        assert!(
            svg.contains(&format!(
                "<title>{}</title>",
                svg_escape(id).replace('-', "&#45;")
            )),
            "the SVG of the whole graph has no node {id}"
        );
    }
}

#[test]
#[cfg_attr(
    not(has_dot),
    ignore = "needs Graphviz's dot: apt-get install -y graphviz"
)]
fn dot_of_lineages_renders() {
    for m in MODELS {
        render_svg(
            &stdout_of(&["lineage", m, "--format", "dot"]),
            &format!("the lineage of {m}"),
        );
        render_svg(
            &stdout_of(&["export", "--format", "dot", "--lineage", m, "--down"]),
            &format!("the descendants of {m}"),
        );
    }
    render_svg(
        &stdout_of(&[
            "export",
            "--format",
            "dot",
            "--lineage",
            "transformer",
            "--down",
            "--depth",
            "2",
        ]),
        "transformer --down --depth 2",
    );
    render_svg(
        &stdout_of(&["export", "--format", "dot", "--path", "whisper", "chatgpt"]),
        "the path whisper → chatgpt",
    );
}

#[test]
#[cfg_attr(
    not(has_dot),
    ignore = "needs Graphviz's dot: apt-get install -y graphviz"
)]
fn dot_renders_with_every_cluster_by() {
    for by in ["category", "organization", "kind", "none"] {
        let d = stdout_of(&["export", "--format", "dot", "--cluster-by", by]);
        if by != "none" {
            assert!(
                d.contains("subgraph \"cluster_"),
                "--cluster-by {by} drew no cluster"
            );
        }
        render_svg(&d, &format!("the whole graph --cluster-by {by}"));
        render_svg(
            &stdout_of(&[
                "export",
                "--format",
                "dot",
                "--lineage",
                "stable-diffusion",
                "--cluster-by",
                by,
            ]),
            &format!("the lineage of stable-diffusion --cluster-by {by}"),
        );
    }
}

#[test]
#[cfg_attr(
    not(has_dot),
    ignore = "needs Graphviz's dot: apt-get install -y graphviz"
)]
fn dot_renders_as_a_timeline_and_top_to_bottom() {
    let t = stdout_of(&["export", "--format", "dot", "--timeline"]);
    assert!(
        t.contains("rank=\"same\""),
        "a timeline ranks nodes by year"
    );
    render_svg(&t, "the whole graph --timeline");
    render_svg(
        &stdout_of(&[
            "export",
            "--format",
            "dot",
            "--lineage",
            "chatgpt",
            "--timeline",
        ]),
        "the lineage of chatgpt --timeline",
    );
    let tb = stdout_of(&["export", "--format", "dot", "--rankdir", "TB"]);
    assert!(
        tb.contains("rankdir=\"TB\""),
        "--rankdir TB is not in the DOT"
    );
    render_svg(&tb, "the whole graph --rankdir TB");
    render_svg(
        &stdout_of(&[
            "export",
            "--format",
            "dot",
            "--kind",
            "model",
            "--rankdir",
            "TB",
            "--timeline",
            "--cluster-by",
            "organization",
        ]),
        "models --rankdir TB --timeline --cluster-by organization",
    );
}

#[test]
#[cfg_attr(
    not(has_dot),
    ignore = "needs Graphviz's dot: apt-get install -y graphviz"
)]
fn committed_dot_files_render() {
    let dir = root().join("exports");
    for rel in files_under(&dir) {
        if rel.extension().is_some_and(|e| e == "dot") {
            let text = std::fs::read_to_string(dir.join(&rel)).expect("read a DOT file");
            render_svg(&text, &format!("exports/{}", rel.display()));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// (b) Escaping: adversarial names survive DOT and Graphviz

#[test]
fn adversarial_fixture_is_a_valid_knowledge_base() {
    let kb = adversarial_kb();
    adversarial(&kb, &["check", "--strict"]).ok();
    let names: Vec<String> = serde_json::from_str::<serde_json::Value>(
        &adversarial(&kb, &["export", "--format", "json"]).stdout,
    )
    .expect("JSON")["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["name"].as_str().expect("a name").to_string())
        .collect();
    for (_, name) in ADVERSARIAL_NAMES {
        assert!(
            names.iter().any(|n| n == name),
            "the fixture lost the name {name:?} (names: {names:?})"
        );
    }
}

#[test]
#[cfg_attr(
    not(has_dot),
    ignore = "needs Graphviz's dot: apt-get install -y graphviz"
)]
fn adversarial_names_survive_dot_and_svg() {
    let kb = adversarial_kb();
    let run = adversarial(&kb, &["export", "--format", "dot"]);
    run.ok();
    let svg = render_svg(&run.stdout, "the adversarial fixture");
    // Node labels: dot draws one <text> per line of the label, XML-escaped.
    for (id, name) in ADVERSARIAL_NAMES {
        for line in name.lines() {
            let text = format!(">{}</text>", svg_escape(line));
            assert!(
                svg.contains(&text),
                "the SVG lacks the label line {line:?} of {id} (looked for {text:?})\n{svg}"
            );
        }
    }
    // Summaries and notes go into tooltips (xlink:title, newlines as &#10;).
    for tip in [
        "A summary with &quot;quotes&quot;, a back\\slash, &lt;angle&gt; &amp; ampersand, and 生成式模型.",
        "中文摘要：一个生成式模型。",
        "a note with &quot;quotes&quot; and &lt;&amp;&gt; and a&#10;newline",
        "基于生成式模型",
        "Line one&#10;line two with a \\n literal",
        "Ends with a backslash \\&#10;",
    ] {
        assert!(svg.contains(tip), "the SVG lacks the tooltip text {tip:?}\n{svg}");
    }
    // genkg's own SVG (dot run by genkg) is the same drawing.
    let run = adversarial(&kb, &["export", "--format", "svg"]);
    run.ok();
    assert_eq!(
        run.stdout, svg,
        "export --format svg differs from dot -Tsvg of the DOT"
    );
}

#[test]
#[cfg_attr(
    not(has_dot),
    ignore = "needs Graphviz's dot: apt-get install -y graphviz"
)]
fn adversarial_clusters_lineages_and_timelines_render() {
    let kb = adversarial_kb();
    let org = svg_escape("Smith & Jones <Lab> \"SJ\"");
    let category = svg_escape("Text to \"text\"");
    for (args, cluster) in [
        (&["--cluster-by", "organization"][..], Some(&org)),
        (&["--cluster-by", "category"], Some(&category)),
        (&["--cluster-by", "kind"], None),
        (&["--timeline"], None),
        (&["--rankdir", "TB", "--lineage", "quote-model"], None),
        (&["--lineage", "back-slash", "--down", "--timeline"], None),
    ] {
        let mut full = vec!["export", "--format", "dot"];
        full.extend_from_slice(args);
        let run = adversarial(&kb, &full);
        run.ok();
        let svg = render_svg(
            &run.stdout,
            &format!("the adversarial fixture {}", args.join(" ")),
        );
        if let Some(label) = cluster {
            // The cluster's label is drawn as well as the node's.
            let n = svg.matches(&format!(">{label}</text>")).count();
            assert!(
                n >= 2,
                "{}: the cluster label {label:?} is drawn {n} times",
                args.join(" ")
            );
        }
    }
    // The lineage of the quoted model, by name.
    let run = adversarial(
        &kb,
        &["lineage", "The \"Quoted\" Model", "--format", "list"],
    );
    run.ok().stdout_is("back-slash\nmulti-line\nzh-model\n");
}

#[test]
fn adversarial_names_are_escaped_in_every_text_format() {
    let kb = adversarial_kb();
    // DOT: `"` and `\` escaped, newlines as \n.
    let d = adversarial(&kb, &["export", "--format", "dot"]);
    d.ok();
    for needle in [
        r#"label="The \"Quoted\" Model\n2022""#,
        r#"label="Back\\slash \\N <tech> & co\n2019""#,
        r#"label="First line\nSecond line\n2020""#,
        r#"label="生成式模型\n2021""#,
    ] {
        d.stdout_has(needle);
    }
    // GraphML: XML-escaped.
    let g = adversarial(&kb, &["export", "--format", "graphml"]);
    g.ok();
    g.stdout_has("Smith &amp; Jones &lt;Lab&gt; &quot;SJ&quot;")
        .stdout_has("The &quot;Quoted&quot; Model")
        .stdout_has("生成式模型");
    // Turtle: string literals with \" \\ \n.
    let t = adversarial(&kb, &["export", "--format", "turtle"]);
    t.ok();
    t.stdout_has(r#"rdfs:label "The \"Quoted\" Model""#)
        .stdout_has(r#"rdfs:label "Back\\slash \\N <tech> & co""#)
        .stdout_has(r#"rdfs:label "First line\nSecond line""#)
        .stdout_has("rdfs:label \"生成式模型\"");
    // Cypher: single-quoted strings.
    let c = adversarial(&kb, &["export", "--format", "cypher"]);
    c.ok();
    c.stdout_has(r#"name: 'The "Quoted" Model'"#)
        .stdout_has(r#"name: 'Back\\slash \\N <tech> & co'"#)
        .stdout_has(r#"name: 'First line\nSecond line'"#);
    // Mermaid: quotes as #quot;, no raw newline inside a label.
    let m = adversarial(&kb, &["export", "--format", "mermaid"]);
    m.ok();
    m.stdout_has("[\"The #quot;Quoted#quot; Model<br/>2022\"]")
        .stdout_has("[\"生成式模型<br/>2021\"]");
    for line in m.stdout.lines() {
        assert!(
            !line.contains('[') || line.ends_with("\"]"),
            "a Mermaid node label spans lines: {line:?}\n{}",
            m.stdout
        );
    }
    // GEXF is XML too.
    let x = adversarial(&kb, &["export", "--format", "gexf"]);
    x.ok();
    x.stdout_has("Smith &amp; Jones &lt;Lab&gt; &quot;SJ&quot;");
}

// ---------------------------------------------------------------------------------------------
// (c) Determinism

/// Two runs of `export --format F ARGS -o file` write the same bytes.
fn same_bytes_twice(format: &str, extra: &[&str]) {
    let tmp = tempdir();
    let mut outs = Vec::new();
    for i in 0..2 {
        let path = tmp.path().join(format!("run{i}.{format}"));
        let mut args = vec!["export", "--format", format];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["-o", s(&path)]);
        raw(&args);
        outs.push(if format == "csv" {
            let mut all = Vec::new();
            for f in ["nodes.csv", "edges.csv"] {
                all.extend(std::fs::read(path.join(f)).expect("read a CSV file"));
            }
            all
        } else {
            std::fs::read(&path).expect("read the export")
        });
    }
    let (a, b) = (&outs[0], &outs[1]);
    let (a, b) = if format == "pdf" {
        // cairo stamps the time of rendering into the PDF; that line aside, it must match.
        (strip_pdf_date(a), strip_pdf_date(b))
    } else {
        (a.clone(), b.clone())
    };
    assert!(
        !a.is_empty(),
        "export --format {format} {} wrote nothing",
        extra.join(" ")
    );
    assert!(
        a == b,
        "two runs of export --format {format} {} differ",
        extra.join(" ")
    );
}

fn strip_pdf_date(pdf: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pdf.len());
    for line in pdf.split(|&b| b == b'\n') {
        if !line.windows(13).any(|w| w == b"/CreationDate") {
            out.extend_from_slice(line);
        }
        out.push(b'\n');
    }
    out
}

#[test]
fn every_text_format_is_deterministic() {
    for format in [
        "json", "dot", "graphml", "gexf", "mermaid", "cypher", "csv", "turtle",
    ] {
        same_bytes_twice(format, &[]);
        same_bytes_twice(format, &["--lineage", "dall-e-2"]);
        same_bytes_twice(format, &["--kind", "model", "--since", "2021"]);
    }
    for extra in [
        &["--cluster-by", "category"][..],
        &["--cluster-by", "organization"],
        &["--cluster-by", "kind"],
        &["--timeline"],
    ] {
        same_bytes_twice("dot", extra);
    }
}

#[test]
#[cfg_attr(
    not(has_dot),
    ignore = "needs Graphviz's dot: apt-get install -y graphviz"
)]
fn every_rendered_format_is_deterministic() {
    for format in ["svg", "png", "pdf"] {
        same_bytes_twice(format, &["--lineage", "chatgpt"]);
    }
    same_bytes_twice("svg", &[]);
}

#[test]
fn stdout_and_file_exports_are_the_same_bytes() {
    let tmp = tempdir();
    for format in [
        "json", "dot", "graphml", "gexf", "mermaid", "cypher", "turtle",
    ] {
        let path = tmp.path().join(format!("x.{format}"));
        raw(&[
            "export",
            "--format",
            format,
            "--lineage",
            "muse",
            "-o",
            s(&path),
        ]);
        let printed = raw(&["export", "--format", format, "--lineage", "muse"]).stdout;
        assert_eq!(
            std::fs::read(&path).expect("read the export"),
            printed,
            "export --format {format} -o differs from stdout"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// (d) `lineage X --format F` is `export --format F --lineage X`

#[test]
fn lineage_format_equals_export_lineage() {
    for m in MODELS {
        for format in ["dot", "mermaid", "graphml", "json", "turtle"] {
            let a = raw(&["lineage", m, "--format", format]).stdout;
            let b = raw(&["export", "--format", format, "--lineage", m]).stdout;
            assert!(
                a == b,
                "`lineage {m} --format {format}` differs from `export --format {format} --lineage {m}`"
            );
        }
        // The same with options on both sides.
        let a = raw(&[
            "lineage",
            m,
            "--down",
            "--depth",
            "2",
            "--format",
            "dot",
            "--cluster-by",
            "kind",
        ])
        .stdout;
        let b = raw(&[
            "export",
            "--format",
            "dot",
            "--lineage",
            m,
            "--down",
            "--depth",
            "2",
            "--cluster-by",
            "kind",
        ])
        .stdout;
        assert!(a == b, "`lineage {m} --down --depth 2` differs from export");
    }
}

#[test]
#[cfg_attr(
    not(has_dot),
    ignore = "needs Graphviz's dot: apt-get install -y graphviz"
)]
fn lineage_svg_equals_export_lineage_svg() {
    let tmp = tempdir();
    let (a, b) = (tmp.path().join("a.svg"), tmp.path().join("b.svg"));
    raw(&["lineage", "chatgpt", "--format", "svg", "-o", s(&a)]);
    raw(&[
        "export",
        "--format",
        "svg",
        "--lineage",
        "chatgpt",
        "-o",
        s(&b),
    ]);
    assert!(
        std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(),
        "lineage --format svg differs from export --lineage"
    );
}

// ---------------------------------------------------------------------------------------------
// (e) Snapshots

fn snapshot(name: &str, args: &[&str]) {
    let run = genkg(args).run();
    run.ok();
    assert!(
        run.stderr.is_empty(),
        "genkg {} wrote to stderr:\n{}",
        args.join(" "),
        run.stderr
    );
    insta::with_settings!({
        snapshot_path => "fixtures/exports/snapshots",
        description => format!("genkg {}", args.join(" ")),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, run.stdout);
    });
}

#[test]
fn lineage_chatgpt_dot() {
    snapshot(
        "lineage_chatgpt_dot",
        &["lineage", "chatgpt", "--format", "dot"],
    );
}

#[test]
fn lineage_chatgpt_mermaid() {
    snapshot(
        "lineage_chatgpt_mermaid",
        &["lineage", "chatgpt", "--format", "mermaid"],
    );
}

// ---------------------------------------------------------------------------------------------
// (f) exports/ is current

#[test]
#[cfg_attr(
    not(has_dot),
    ignore = "needs Graphviz's dot: apt-get install -y graphviz"
)]
fn committed_exports_are_not_stale() {
    const STALE: &str = "exports/ is stale: run `cargo run -- export --all`";
    let tmp = tempdir();
    let fresh = tmp.path().join("exports");
    raw(&["export", "--all", "-o", s(&fresh)]);
    let committed = root().join("exports");
    let (want, have) = (files_under(&fresh), files_under(&committed));
    let missing: Vec<_> = want.difference(&have).collect();
    // The explorer's screenshot is taken by tests/explorer.rs in a browser, not by export --all.
    let extra: Vec<_> = have
        .difference(&want)
        .filter(|p| *p != Path::new("explorer.png"))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{STALE}\n  not committed: {missing:?}\n  no longer written: {extra:?}"
    );
    let mut differ = Vec::new();
    for rel in &want {
        // SVG embeds the Graphviz version: only its presence is checked.
        if rel.extension().is_some_and(|e| e == "svg") {
            continue;
        }
        let a = std::fs::read(fresh.join(rel)).expect("read a fresh export");
        let b = std::fs::read(committed.join(rel)).expect("read a committed export");
        if a != b {
            differ.push(rel.display().to_string());
        }
    }
    assert!(differ.is_empty(), "{STALE}\n  differ: {differ:?}");
    no_temp_files(&fresh);
}

#[test]
#[cfg_attr(
    not(has_dot),
    ignore = "needs Graphviz's dot: apt-get install -y graphviz"
)]
fn export_all_defaults_to_exports_in_the_working_directory() {
    let tmp = tempdir();
    let graph = root().join("graph");
    genkg(&["export", "--all"])
        .current_dir(tmp.path())
        .graph(&graph)
        .run()
        .ok();
    let written = files_under(&tmp.path().join("exports"));
    for f in [
        "graph.json",
        "graph.graphml",
        "graph.dot",
        "graph.svg",
        "timeline.dot",
        "taxonomy.md",
    ] {
        assert!(
            written.contains(Path::new(f)),
            "export --all wrote no {f} (wrote {written:?})"
        );
    }
    assert!(written.contains(Path::new("lineage/chatgpt.dot")));
    assert!(written.contains(Path::new("category/text-to-image.svg")));
}

// ---------------------------------------------------------------------------------------------
// (g) Rendering without Graphviz

#[test]
fn rendering_without_dot_fails_and_leaves_the_dot_beside() {
    let tmp = tempdir();
    // A PATH with nothing on it: genkg itself is run by its absolute path.
    let empty = tmp.path().join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    let expected_dot = raw(&["export", "--format", "dot", "--lineage", "chatgpt"]).stdout;
    for format in ["svg", "png", "pdf"] {
        let out_dir = tmp.path().join(format!("out-{format}"));
        let target = out_dir.join(format!("chatgpt.{format}"));
        let run = genkg(&[
            "export",
            "--format",
            format,
            "--lineage",
            "chatgpt",
            "-o",
            s(&target),
        ])
        .env("PATH", s(&empty))
        .run();
        run.fails().stderr_has("graphviz").code("no-graphviz");
        assert!(
            !target.exists(),
            "{format}: a {} was written without dot",
            target.display()
        );
        let beside = target.with_extension("dot");
        assert!(
            beside.is_file(),
            "{format}: the DOT was not written beside the -o path\n{}",
            run.stderr
        );
        assert_eq!(
            std::fs::read(&beside).unwrap(),
            expected_dot,
            "{format}: the DOT left beside differs from export --format dot"
        );
        run.stderr_has(s(&beside));
        no_temp_files(&out_dir);
    }
    // The same through `lineage`.
    let target = tmp.path().join("via-lineage/chatgpt.svg");
    let run = genkg(&["lineage", "chatgpt", "--format", "svg", "-o", s(&target)])
        .env("PATH", s(&empty))
        .run();
    run.fails().stderr_has("graphviz");
    assert!(
        target.with_extension("dot").is_file(),
        "lineage left no DOT beside"
    );
}

#[test]
fn rendering_without_dot_to_stdout_fails_cleanly() {
    let tmp = tempdir();
    let empty = tmp.path().join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    let run = genkg(&["export", "--format", "svg", "--lineage", "chatgpt"])
        .current_dir(tmp.path())
        .graph(root().join("graph"))
        .env("PATH", s(&empty))
        .run();
    run.fails().stderr_has("graphviz").stdout_empty();
}

// ---------------------------------------------------------------------------------------------
// (h) Atomic writes

#[test]
fn writes_leave_no_temporary_files() {
    let tmp = tempdir();
    let dir = tmp.path().join("out");
    for format in [
        "json", "dot", "graphml", "gexf", "mermaid", "cypher", "turtle",
    ] {
        raw(&[
            "export",
            "--format",
            format,
            "-o",
            s(&dir.join(format!("graph.{format}"))),
        ]);
        // Writing over an existing file too.
        raw(&[
            "export",
            "--format",
            format,
            "--kind",
            "model",
            "-o",
            s(&dir.join(format!("graph.{format}"))),
        ]);
    }
    raw(&["export", "--format", "csv", "-o", s(&dir.join("csv"))]);
    raw(&["export", "--format", "csv", "-o", s(&dir.join("csv"))]);
    raw(&[
        "lineage",
        "chatgpt",
        "--format",
        "json",
        "-o",
        s(&dir.join("lineage.json")),
    ]);
    no_temp_files(&dir);
    let written = files_under(&dir);
    assert_eq!(written.len(), 7 + 2 + 1, "unexpected files: {written:?}");
    // An overwrite replaces the whole file.
    assert_eq!(
        std::fs::read(dir.join("graph.json")).unwrap(),
        raw(&["export", "--format", "json", "--kind", "model"]).stdout
    );
}

#[test]
fn a_failed_write_leaves_no_temporary_files() {
    let tmp = tempdir();
    // The target is an existing directory: the rename over it fails.
    let target = tmp.path().join("taken.json");
    std::fs::create_dir_all(target.join("inside")).unwrap();
    let run = genkg(&["export", "--format", "json", "-o", s(&target)]).run();
    run.fails();
    no_temp_files(tmp.path());
}

#[cfg(unix)]
#[test]
fn exported_files_respect_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    // A file written with umask 022 is readable by everyone (0644), as with `> file` or cp;
    // an export must be too (a web server serving exports/ reads them as another user).
    let tmp = tempdir();
    let exe = assert_cmd::cargo::cargo_bin("genkg");
    let target = tmp.path().join("graph.json");
    let status = Command::new("/bin/sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" --graph \"$1\" export --format json -o \"$2\"")
        .arg(&exe)
        .arg(root().join("graph"))
        .arg(&target)
        .stderr(Stdio::null())
        .status()
        .expect("sh runs");
    assert!(status.success());
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode, 0o644,
        "an export written under umask 022 has mode {mode:o}, not 644"
    );
}

// ---------------------------------------------------------------------------------------------
// (i) Mermaid's edge limit

/// A node-link JSON graph with `edges` edges over 40 nodes (no schema beside: kinds and
/// relations are taken as found).
fn big_json_graph(dir: &Path, edges: usize) -> PathBuf {
    let nodes: Vec<serde_json::Value> = (0..40)
        .map(|i| serde_json::json!({"id": format!("n{i}"), "kind": "model", "name": format!("Node {i}")}))
        .collect();
    let edge_list: Vec<serde_json::Value> = (0..edges)
        .map(|k| {
            let (a, b) = (k % 40, (k / 40 + k % 40 + 1) % 40);
            serde_json::json!({"from": format!("n{a}"), "to": format!("n{b}"), "relation": "uses"})
        })
        .collect();
    let path = dir.join(format!("big-{edges}.json"));
    std::fs::write(
        &path,
        serde_json::to_string(&serde_json::json!({"nodes": nodes, "edges": edge_list})).unwrap(),
    )
    .unwrap();
    path
}

#[test]
fn mermaid_warns_past_500_edges_and_still_writes() {
    let tmp = tempdir();
    let big = big_json_graph(tmp.path(), 520);
    let stats = genkg(&["stats", "--format", "json"]).graph(&big).run();
    stats.ok().stdout_has("\"edges\": 520");

    let run = genkg(&["export", "--format", "mermaid"]).graph(&big).run();
    run.ok()
        .stderr_has("520 edges")
        .stderr_has("500")
        .code("mermaid-limit");
    let arrows = run
        .stdout
        .lines()
        .filter(|l| l.contains("-->|uses|"))
        .count();
    assert_eq!(arrows, 520, "the Mermaid export lost edges");

    let out = tmp.path().join("big.mmd");
    let run = genkg(&["export", "--format", "mermaid", "-o", s(&out)])
        .graph(&big)
        .run();
    run.ok().stderr_has("500");
    let written = std::fs::read_to_string(&out).expect("the Mermaid file is written");
    assert_eq!(
        written.lines().filter(|l| l.contains("-->|uses|")).count(),
        520
    );
    no_temp_files(tmp.path());
}

#[test]
fn mermaid_is_quiet_at_500_edges() {
    let tmp = tempdir();
    let big = big_json_graph(tmp.path(), 500);
    let run = genkg(&["export", "--format", "mermaid"]).graph(&big).run();
    run.ok();
    assert!(
        run.stderr.is_empty(),
        "500 edges is within the limit:\n{}",
        run.stderr
    );
    // Other formats never warn about Mermaid.
    let big = big_json_graph(tmp.path(), 520);
    let run = genkg(&["export", "--format", "dot"]).graph(&big).run();
    run.ok();
    assert!(run.stderr.is_empty(), "dot warned:\n{}", run.stderr);
}

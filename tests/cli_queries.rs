//! The query commands on the shipped graph: whole outputs as snapshots, and the behaviour
//! every user relies on (names resolve, errors explain, lists are sorted, trees never repeat
//! a subtree, exports are deterministic, pipes close quietly).

mod common;

use std::collections::BTreeSet;

use common::{genkg, stdout_of};

/// Runs `genkg ARGS` on the shipped graph, expects success, and snapshots the whole stdout
/// under `name`, with the command line as the snapshot's description.
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
        description => format!("genkg {}", args.join(" ")),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, run.stdout);
    });
}

// ---------------------------------------------------------------------------------------------
// Snapshots of whole outputs

#[test]
fn show_dall_e_2() {
    snapshot("show_dall_e_2", &["show", "dall-e-2"]);
}

#[test]
fn show_whisper() {
    snapshot("show_whisper", &["show", "whisper"]);
}

#[test]
fn stats() {
    snapshot("stats", &["stats"]);
}

#[test]
fn lineage_stable_diffusion() {
    snapshot("lineage_stable_diffusion", &["lineage", "stable-diffusion"]);
}

#[test]
fn lineage_transformer_down_models() {
    snapshot(
        "lineage_transformer_down_models",
        &["lineage", "transformer", "--down", "--kind", "model"],
    );
}

#[test]
fn lineage_chatgpt_list() {
    snapshot(
        "lineage_chatgpt_list",
        &["lineage", "chatgpt", "--format", "list"],
    );
}

#[test]
fn path_whisper_chatgpt() {
    snapshot("path_whisper_chatgpt", &["path", "whisper", "chatgpt"]);
}

#[test]
fn path_dall_e_2_ddpm_directed() {
    snapshot(
        "path_dall_e_2_ddpm_directed",
        &["path", "dall-e-2", "ddpm", "--directed"],
    );
}

#[test]
fn path_imagen_muse_all() {
    snapshot(
        "path_imagen_muse_all",
        &["path", "imagen", "muse", "--all", "--max-len", "3"],
    );
}

#[test]
fn common_dall_e_2_stable_diffusion() {
    snapshot(
        "common_dall_e_2_stable_diffusion",
        &["common", "dall-e-2", "stable-diffusion"],
    );
}

#[test]
fn taxonomy_by_category() {
    snapshot("taxonomy_by_category", &["taxonomy"]);
}

#[test]
fn taxonomy_by_company() {
    snapshot("taxonomy_by_company", &["taxonomy", "--by", "company"]);
}

#[test]
fn list_openai_models() {
    snapshot(
        "list_openai_models",
        &["list", "--kind", "model", "--org", "openai"],
    );
}

#[test]
fn list_audio_input_ids() {
    snapshot(
        "list_audio_input_ids",
        &["list", "--input", "audio", "--format", "ids"],
    );
}

// ---------------------------------------------------------------------------------------------
// Names and aliases

#[test]
fn names_and_aliases_resolve_to_the_id() {
    let by_id = stdout_of(&["show", "dall-e-2"]);
    for name in ["DALL·E 2", "dalle2", "DALL-E 2", "unCLIP", "Dall E 2"] {
        assert_eq!(stdout_of(&["show", name]), by_id, "show {name:?}");
    }
    let by_id = stdout_of(&["show", "stable-diffusion"]);
    for name in ["Stable Diffusion", "stable diffusion", "STABLE-DIFFUSION"] {
        assert_eq!(stdout_of(&["show", name]), by_id, "show {name:?}");
    }
}

#[test]
fn names_resolve_in_every_query() {
    assert_eq!(
        stdout_of(&["lineage", "Stable Diffusion"]),
        stdout_of(&["lineage", "stable-diffusion"])
    );
    assert_eq!(
        stdout_of(&["path", "DALL·E 2", "ddpm", "--directed"]),
        stdout_of(&["path", "dall-e-2", "ddpm", "--directed"])
    );
    assert_eq!(
        stdout_of(&["common", "dalle2", "Stable Diffusion"]),
        stdout_of(&["common", "dall-e-2", "stable-diffusion"])
    );
}

#[test]
fn unknown_id_fails_with_did_you_mean() {
    genkg(&["show", "transfomer"])
        .run()
        .fails()
        .stdout_empty()
        .code("unknown-id")
        .stderr_has("no node is called `transfomer`")
        .help_has("did you mean one of `transformer` (Transformer)");
    genkg(&["lineage", "chatgtp"])
        .run()
        .fails()
        .code("unknown-id")
        .help_has("`chatgpt` (ChatGPT)");
    genkg(&["path", "whisper", "stable-difusion"])
        .run()
        .fails()
        .code("unknown-id")
        .help_has("`stable-diffusion` (Stable Diffusion)");
}

#[test]
fn unknown_id_with_nothing_close_points_at_list() {
    genkg(&["show", "zzzzqqqq"])
        .run()
        .fails()
        .code("unknown-id")
        .help_has("`genkg list` shows every node");
}

// ---------------------------------------------------------------------------------------------
// Paths

#[test]
fn no_directed_path_from_a_root_technique_to_a_model() {
    genkg(&["path", "transformer", "dall-e-2", "--directed"])
        .run()
        .fails()
        .stdout_empty()
        .code("no-path")
        .stderr_has("no path from Transformer to DALL·E 2")
        .help_has("try without --directed");
    // Undirected, the same two are related.
    genkg(&["path", "transformer", "dall-e-2"]).run().ok();
}

#[test]
fn path_count_is_the_length_of_the_shortest_path() {
    genkg(&["path", "whisper", "chatgpt", "--format", "count"])
        .run()
        .ok()
        .stdout_is("2\n");
    genkg(&["path", "whisper", "whisper", "--format", "count"])
        .run()
        .ok()
        .stdout_is("0\n");
}

#[test]
fn path_json_has_its_steps() {
    let out = stdout_of(&["path", "dall-e-2", "ddpm", "--directed", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["from"], "dall-e-2");
    assert_eq!(v["to"], "ddpm");
    assert_eq!(v["paths"][0]["length"], 1);
    assert_eq!(v["paths"][0]["steps"][0]["relation"], "uses");
    assert_eq!(v["paths"][0]["steps"][0]["forward"], true);
}

#[test]
fn all_paths_are_sorted_shortest_first_and_within_max_len() {
    let out = stdout_of(&["path", "imagen", "muse", "--all", "--max-len", "3"]);
    let lengths: Vec<usize> = out
        .lines()
        .filter_map(|l| {
            l.strip_suffix(" steps)")
                .or_else(|| l.strip_suffix(" step)"))
        })
        .map(|l| l.rsplit('(').next().unwrap().parse().unwrap())
        .collect();
    assert!(!lengths.is_empty());
    assert!(lengths.windows(2).all(|w| w[0] <= w[1]), "{lengths:?}");
    assert!(lengths.iter().all(|&n| (1..=3).contains(&n)), "{lengths:?}");
}

// ---------------------------------------------------------------------------------------------
// Lineage: lists and trees

fn lines(s: &str) -> Vec<String> {
    s.lines().map(str::to_string).collect()
}

#[test]
fn lineage_list_excludes_the_root_and_is_sorted() {
    for root in ["chatgpt", "stable-diffusion", "transformer", "dall-e-2"] {
        for down in [false, true] {
            let mut args = vec!["lineage", root, "--format", "list"];
            if down {
                args.push("--down");
            }
            let ids = lines(&stdout_of(&args));
            assert!(!ids.iter().any(|i| i == root), "{args:?}: {ids:?}");
            let mut sorted = ids.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(ids, sorted, "{args:?} is not sorted or repeats an id");
            let count = stdout_of(&[&args[..2], &["--format", "count"][..], &args[4..]].concat());
            assert_eq!(count, format!("{}\n", ids.len()), "{args:?}");
        }
    }
}

/// The ids in a tree, in order: the text inside the last `[...]` of each line.
fn tree_ids(tree: &str) -> Vec<String> {
    tree.lines()
        .map(|l| {
            let open = l.rfind('[').expect("a label [id]");
            let close = l[open..].find(']').expect("a closing ]") + open;
            l[open + 1..close].to_string()
        })
        .collect()
}

/// The depth of a tree line: its prefix is made of 4-character columns.
fn depth(line: &str) -> usize {
    let prefix: String = line
        .chars()
        .take_while(|c| matches!(c, '│' | '├' | '└' | '─' | ' '))
        .collect();
    prefix.chars().count() / 4
}

/// A repeated node ("(*)") has no children; every other node appears once; the ids in the
/// tree are the lineage list plus the root.
fn assert_tree_is_sound(args: &[&str], tree: &str, list: &str) {
    let tree_lines: Vec<&str> = tree.lines().collect();
    for (i, line) in tree_lines.iter().enumerate() {
        if line.ends_with(" (*)") {
            if let Some(next) = tree_lines.get(i + 1) {
                assert!(
                    depth(next) <= depth(line),
                    "{args:?}: repeated node on line {} has children:\n{tree}",
                    i + 1
                );
            }
        }
    }
    let expanded: Vec<String> = tree_lines
        .iter()
        .filter(|l| !l.ends_with(" (*)"))
        .map(|l| tree_ids(l).remove(0))
        .collect();
    let unique: BTreeSet<&String> = expanded.iter().collect();
    assert_eq!(
        unique.len(),
        expanded.len(),
        "{args:?}: a node is expanded twice:\n{tree}"
    );
    let all: BTreeSet<String> = tree_ids(tree).into_iter().skip(1).collect();
    let listed: BTreeSet<String> = list.lines().map(str::to_string).collect();
    assert_eq!(all, listed, "{args:?}: tree and list disagree");
}

#[test]
fn lineage_trees_never_repeat_a_subtree() {
    for (root, extra) in [
        ("stable-diffusion", &[][..]),
        ("chatgpt", &[]),
        ("magic3d", &[]),
        ("transformer", &["--down"]),
        ("transformer", &["--down", "--kind", "model"]),
        ("ddpm", &["--down"]),
        ("diffusion", &["--down", "--kind", "technique"]),
        ("gpt-3", &["--down", "--depth", "1"]),
        ("stable-diffusion", &["--depth", "2"]),
    ] {
        let args: Vec<&str> = [&["lineage", root][..], extra].concat();
        let tree = stdout_of(&args);
        let list = stdout_of(&[&args[..], &["--format", "list"][..]].concat());
        assert_tree_is_sound(&args, &tree, &list);
    }
}

/// A node first met at the depth limit is printed without its subtree; where it shows again
/// higher up, its children within the depth must still appear.
#[test]
fn a_depth_limited_tree_shows_everything_the_list_has() {
    for args in [
        &["lineage", "dall-e-2", "--depth", "2"][..],
        &["lineage", "muse", "--depth", "2"],
        &["lineage", "u-net", "--down", "--depth", "2"],
    ] {
        let tree = stdout_of(args);
        let list = stdout_of(&[args, &["--format", "list"][..]].concat());
        let shown: BTreeSet<String> = tree_ids(&tree).into_iter().skip(1).collect();
        let listed: BTreeSet<String> = list.lines().map(str::to_string).collect();
        let missing: Vec<&String> = listed.difference(&shown).collect();
        assert!(
            missing.is_empty(),
            "{args:?}: the tree leaves out {missing:?} that the list has:\n{tree}"
        );
    }
}

/// Every tree of every node, both ways, in one batch run (one load of the graph).
#[test]
fn every_lineage_tree_is_sound() {
    let ids = lines(&stdout_of(&["list", "--format", "ids"]));
    assert!(ids.len() > 100);
    for down in ["", " --down"] {
        let script: String = ids
            .iter()
            .flat_map(|id| {
                [
                    format!("lineage {id}{down}\n"),
                    format!("lineage {id}{down} --format list\n"),
                ]
            })
            .collect();
        let out = stdout_of_batch(&script);
        // Split the batch output back into (tree, list) pairs: tree lines all hold a
        // `[id]` label, list lines are bare ids.
        let mut rest: Vec<&str> = out.lines().collect();
        for id in &ids {
            assert!(
                rest.first().is_some_and(|l| l.contains(&format!("[{id}]"))),
                "tree of {id} expected, got {:?}",
                rest.first()
            );
            let tree_len = 1 + rest[1..]
                .iter()
                .take_while(|l| l.starts_with(['├', '└', '│', ' ']) && l.contains('['))
                .count();
            let list_len = rest[tree_len..]
                .iter()
                .take_while(|l| !l.contains('['))
                .count();
            let tree = rest[..tree_len].join("\n");
            let list = rest[tree_len..tree_len + list_len].join("\n");
            let args = ["lineage", id.as_str(), down.trim()];
            assert_tree_is_sound(&args, &tree, &list);
            rest = rest[tree_len + list_len..].to_vec();
        }
        assert!(rest.is_empty(), "left over: {rest:?}");
    }
}

fn stdout_of_batch(script: &str) -> String {
    let run = genkg(&["batch"]).stdin(script).run();
    run.ok();
    run.stdout
}

/// Under one parent, each child shows once; when several relations lead to it (also through
/// nodes hidden by --kind), their phrases are joined on that one line.
#[test]
fn a_tree_lists_each_child_once_per_parent() {
    for args in [
        &["lineage", "transformer", "--down", "--kind", "model"][..],
        &["lineage", "diffusion", "--down", "--kind", "model"],
        &["lineage", "chatgpt", "--kind", "technique"],
        &["lineage", "transformer", "--down"],
    ] {
        let tree = stdout_of(args);
        let tree_lines: Vec<&str> = tree.lines().collect();
        // Walk the tree keeping the stack of parents; collect children per parent line.
        let mut stack: Vec<(usize, BTreeSet<String>)> = vec![(0, BTreeSet::new())];
        for line in &tree_lines[1..] {
            let d = depth(line);
            stack.truncate(d);
            let id = tree_ids(line).remove(0);
            let siblings = &mut stack.last_mut().expect("a parent").1;
            assert!(
                siblings.insert(id.clone()),
                "{args:?}: `{id}` is listed twice under one parent:\n{tree}"
            );
            stack.push((d, BTreeSet::new()));
        }
    }
}

#[test]
fn lineage_depth_limits_the_tree() {
    let tree = stdout_of(&["lineage", "stable-diffusion", "--depth", "1"]);
    assert!(tree.lines().skip(1).all(|l| depth(l) == 1), "{tree}");
    assert_eq!(
        stdout_of(&[
            "lineage",
            "stable-diffusion",
            "--depth",
            "1",
            "--format",
            "list"
        ]),
        "classifier-free-guidance\nclip\nlatent-diffusion\nu-net\n"
    );
}

#[test]
fn lineage_by_one_relation() {
    assert_eq!(
        stdout_of(&[
            "lineage",
            "chatgpt",
            "--relation",
            "fine_tuned_from",
            "--format",
            "list"
        ]),
        "gpt-3-5\n"
    );
    genkg(&["lineage", "chatgpt", "--relation", "fine_tuned"])
        .run()
        .fails()
        .no_panic();
}

// ---------------------------------------------------------------------------------------------
// Export

#[test]
fn export_json_is_deterministic_with_nodes_and_edges() {
    let a = genkg(&["export", "--format", "json"]).run();
    a.ok();
    let b = genkg(&["export", "--format", "json"]).run();
    b.ok();
    assert!(a.stdout == b.stdout, "two exports differ");
    let v: serde_json::Value = serde_json::from_str(&a.stdout).expect("valid JSON");
    let keys: Vec<&String> = v.as_object().expect("an object").keys().collect();
    assert_eq!(keys, ["nodes", "edges"]);
    let stats: serde_json::Value =
        serde_json::from_str(&stdout_of(&["stats", "--format", "json"])).unwrap();
    assert_eq!(v["nodes"].as_array().unwrap().len() as u64, stats["nodes"]);
    assert_eq!(v["edges"].as_array().unwrap().len() as u64, stats["edges"]);
}

#[test]
fn export_json_to_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("graph.json");
    genkg(&["export", "--format", "json", "-o", file.to_str().unwrap()])
        .run()
        .ok()
        .stdout_empty()
        .stderr_has("wrote ");
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, stdout_of(&["export", "--format", "json"]));
}

#[test]
fn lineage_json_is_a_node_link_selection() {
    let out = stdout_of(&["lineage", "chatgpt", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let ids: BTreeSet<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    let mut expected: BTreeSet<String> =
        lines(&stdout_of(&["lineage", "chatgpt", "--format", "list"]))
            .into_iter()
            .collect();
    expected.insert("chatgpt".into());
    assert_eq!(ids, expected.iter().map(String::as_str).collect());
}

// ---------------------------------------------------------------------------------------------
// Pipes, completions, batch, help

#[test]
fn a_closed_stdout_is_not_an_error() {
    use std::process::{Command, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("genkg");
    for args in [
        &["show", "dall-e-2"][..],
        &["path", "imagen", "muse", "--all", "--max-len", "4"],
        &["lineage", "transformer", "--down"],
    ] {
        let mut child = Command::new(&bin)
            .args(args)
            .current_dir(common::root())
            .env("NO_COLOR", "1")
            .env_remove("GENKG_GRAPH")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("genkg starts");
        // Like `genkg ... | head -0`: the reader goes away before genkg writes.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("genkg ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} wrote to stderr: {stderr}");
    }
}

#[test]
fn a_pipe_closed_after_one_line_is_not_an_error() {
    // Through a shell, as a user would: `genkg lineage transformer --down | head -1`.
    let bin = assert_cmd::cargo::cargo_bin("genkg");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' lineage transformer --down | head -1",
            bin.display()
        ))
        .current_dir(common::root())
        .env("NO_COLOR", "1")
        .env_remove("GENKG_GRAPH")
        .output()
        .expect("sh runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stdout, "Transformer [transformer] 2017\n");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(out.status.success());
}

#[test]
fn completions_bash_prints_a_script() {
    genkg(&["completions", "bash"])
        .run()
        .ok()
        .stdout_has("_genkg()")
        .stdout_has("lineage");
    for shell in ["zsh", "fish"] {
        genkg(&["completions", shell]).run().ok();
    }
}

#[test]
fn batch_runs_several_commands_on_one_load() {
    let script = "# a comment\n\nshow dall-e-2\nlineage chatgpt --format count\npath whisper chatgpt --format count\nshow \"Stable Diffusion\"\n";
    let expected = [
        stdout_of(&["show", "dall-e-2"]),
        stdout_of(&["lineage", "chatgpt", "--format", "count"]),
        stdout_of(&["path", "whisper", "chatgpt", "--format", "count"]),
        stdout_of(&["show", "stable-diffusion"]),
    ]
    .concat();
    genkg(&["batch"])
        .stdin(script)
        .run()
        .ok()
        .stdout_is(&expected);
}

#[test]
fn batch_from_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("queries.txt");
    std::fs::write(&file, "stats\nlist --input audio --format ids\n").unwrap();
    let expected = [
        stdout_of(&["stats"]),
        stdout_of(&["list", "--input", "audio", "--format", "ids"]),
    ]
    .concat();
    genkg(&["batch", file.to_str().unwrap()])
        .run()
        .ok()
        .stdout_is(&expected);
}

#[test]
fn batch_goes_on_after_a_failing_line_and_returns_the_worst_code() {
    let run = genkg(&["batch"])
        .stdin("show nope\nlineage chatgpt --format count\n")
        .run();
    run.fails()
        .code("unknown-id")
        .stdout_is(&stdout_of(&["lineage", "chatgpt", "--format", "count"]));
    genkg(&["batch"])
        .stdin("frobnicate\nshow nope\nstats --format count\n")
        .run()
        .usage_error()
        .stderr_has("batch line 1:")
        .stderr_has("batch line 3:");
    genkg(&["batch"])
        .stdin("batch\n")
        .run()
        .usage_error()
        .stderr_has("batch line 1: batch cannot nest");
}

const COMMANDS: [&str; 11] = [
    "check",
    "stats",
    "show",
    "list",
    "lineage",
    "path",
    "common",
    "taxonomy",
    "export",
    "batch",
    "completions",
];

#[test]
fn every_command_help_has_an_example() {
    genkg(&["--help"]).run().ok().stdout_has("Example");
    for cmd in COMMANDS {
        genkg(&[cmd, "--help"]).run().ok().stdout_has("Example");
    }
}

/// The examples in `--help` run as printed against the shipped graph (those that only
/// print; the ones that write files or draw are left to the exporters' tests).
#[test]
fn help_examples_work_on_the_shipped_graph() {
    for cmd in COMMANDS {
        if cmd == "export" {
            continue;
        }
        let help = stdout_of(&[cmd, "--help"]);
        for line in help.lines().map(str::trim) {
            let line = line.split("  #").next().unwrap().trim();
            let (stdin, command) = match line.split_once(" | ") {
                Some((printf, rest)) if printf.starts_with("printf ") => {
                    let text = genkg::cli::split_words(printf)
                        .remove(1)
                        .replace("\\n", "\n");
                    (Some(text), rest)
                }
                _ => (None, line),
            };
            if !command.starts_with("genkg ") || command.contains(" -o ") {
                continue;
            }
            let words = genkg::cli::split_words(command);
            let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
            let mut run = genkg(&args);
            if let Some(text) = stdin {
                run = run.stdin(text);
            }
            let run = run.run();
            assert_eq!(
                run.code,
                Some(0),
                "the example `{line}` in `genkg {cmd} --help` fails:\n{}",
                run.stderr
            );
        }
    }
}

#[test]
fn usage_errors_exit_2() {
    genkg(&["lineage"]).run().usage_error();
    genkg(&["lineage", "chatgpt", "--format", "nope"])
        .run()
        .usage_error();
    genkg(&["frobnicate"]).run().usage_error();
}

#[test]
fn list_formats_agree() {
    let ids = lines(&stdout_of(&["list", "--kind", "model", "--format", "ids"]));
    let stats: serde_json::Value =
        serde_json::from_str(&stdout_of(&["stats", "--format", "json"])).unwrap();
    assert_eq!(ids.len() as u64, stats["kinds"]["model"]);
    assert_eq!(
        stdout_of(&["list", "--kind", "model", "--format", "count"]),
        format!("{}\n", ids.len())
    );
    let table = stdout_of(&["list", "--kind", "model"]);
    let table_ids: Vec<String> = table
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    assert_eq!(table_ids, ids);
}

//! Usage errors exit 2 from every command, whether clap finds them or the library does; and
//! every export format (the one list, `Format`) works through every command that takes it.

mod common;

use clap::CommandFactory;
use common::genkg;
use genkg::cli::Cli;
use genkg::export::Format;

/// Every subcommand's name, from the one definition of the command line.
fn subcommands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|n| n != "help")
        .collect()
}

#[test]
fn an_unknown_flag_exits_2_from_every_command() {
    let names = subcommands();
    assert!(names.len() >= 11, "{names:?}");
    for name in &names {
        genkg(&[name.as_str(), "--no-such-flag"])
            .run()
            .usage_error()
            .stderr_has("--no-such-flag");
    }
}

#[test]
fn a_missing_argument_exits_2_from_every_command_that_needs_one() {
    let cmd = Cli::command();
    for sub in cmd.get_subcommands() {
        let needs = sub.get_arguments().any(|a| a.is_required_set());
        if needs {
            genkg(&[sub.get_name()]).run().usage_error();
        }
    }
}

#[test]
fn a_bad_format_value_exits_2_from_every_command_with_a_format() {
    let cmd = Cli::command();
    for sub in cmd.get_subcommands() {
        if !sub.get_arguments().any(|a| a.get_id() == "format") {
            continue;
        }
        let mut args = vec![sub.get_name()];
        // Give required positional arguments a value, so only --format is wrong.
        for a in sub.get_arguments() {
            if a.is_positional() && a.is_required_set() {
                args.push("chatgpt");
            }
        }
        args.extend(["--format", "nope"]);
        genkg(&args).run().usage_error().stderr_has("nope");
    }
}

#[test]
fn usage_errors_found_by_the_library_exit_2() {
    // The CSV pair is a directory: without -o there is nowhere to put it.
    genkg(&["export", "--format", "csv"])
        .run()
        .usage_error()
        .code("usage")
        .stderr_has("name a directory with -o");
    genkg(&["lineage", "chatgpt", "--format", "csv"])
        .run()
        .usage_error();
    genkg(&["path", "whisper", "chatgpt", "--format", "csv"])
        .run()
        .usage_error();
}

#[test]
fn a_bad_batch_line_is_a_usage_error() {
    genkg(&["batch"])
        .stdin("show chatgpt\nshow --nope\n")
        .run()
        .usage_error()
        .stdout_has("ChatGPT")
        .stderr_has("batch line 2");
}

#[test]
fn data_and_query_failures_exit_1() {
    genkg(&["show", "no-such-model"])
        .run()
        .fails()
        .code("unknown-id");
    genkg(&["lineage", "chatgpt", "--relation", "nope"])
        .run()
        .fails()
        .code("unknown-relation");
    genkg(&["check"])
        .graph("no/such/graph")
        .run()
        .fails()
        .code("no-graph");
}

/// Formats Graphviz draws are skipped without it (tests/exports.rs covers them).
fn formats() -> Vec<Format> {
    Format::all()
        .iter()
        .copied()
        .filter(|f| cfg!(has_dot) || !f.is_drawing())
        .collect()
}

#[test]
fn every_format_exports_through_export_lineage_and_path() {
    let tmp = tempfile::tempdir().unwrap();
    for f in formats() {
        let out = tmp.path().join(format!("out.{}", f.name()));
        let o = out.to_str().unwrap();
        genkg(&["export", "--format", f.name(), "-o", o]).run().ok();
        assert!(out.exists(), "{}", f.name());
        for args in [
            vec!["lineage", "chatgpt", "--format", f.name(), "-o", o],
            vec!["path", "whisper", "chatgpt", "--format", f.name(), "-o", o],
        ] {
            genkg(&args).run().ok().stderr_has("wrote");
        }
    }
}

#[test]
fn help_lists_every_format() {
    let help = genkg(&["export", "--help"]).run();
    for f in Format::all() {
        help.ok().stdout_has(f.name());
    }
    let help = genkg(&["lineage", "--help"]).run();
    for name in ["tree", "list", "count"] {
        help.ok().stdout_has(name);
    }
    for f in Format::all() {
        help.ok().stdout_has(f.name());
    }
}

//! `genkg check`: the shipped graph is clean, and every class of mistake in a knowledge base
//! is reported with its code, its place (`path:line:col`) and, where one applies, a hint.
//!
//! Each bad knowledge base is the small valid one of `common::Kb::base()` with one change,
//! written to a temporary directory and checked from there as `--graph kb`, so the paths in
//! the report read `kb/...`. The multi-error report is snapshotted from a committed fixture.

mod common;

use common::{genkg, Kb};

// ---------------------------------------------------------------------------------------------
// The shipped graph and the base fixture

#[test]
fn shipped_graph_checks_clean_under_strict() {
    genkg(&["check", "--strict"])
        .run()
        .ok()
        .stdout_empty()
        .stderr_has("graph: ok (0 warnings)");
}

#[test]
fn shipped_graph_checks_clean_by_absolute_path_and_env() {
    let abs = common::shipped_graph();
    genkg(&["check", "--strict"]).graph(&abs).run().ok();
    genkg(&["check", "--strict"])
        .current_dir(std::env::temp_dir())
        .env("GENKG_GRAPH", abs.to_str().unwrap())
        .run()
        .ok();
}

#[test]
fn base_fixture_is_clean() {
    let kb = Kb::base().build();
    kb.check_strict().ok().stderr_has("kb: ok (0 warnings)");
    assert_eq!(kb.check().counts(), (0, 0));
}

// ---------------------------------------------------------------------------------------------
// One fixture per error class

#[test]
fn toml_syntax() {
    let kb = Kb::base()
        .file(
            "technique/vae.toml",
            "name = \"VAE\"\nyear = \nsource = \"paper\"\n",
        )
        .build();
    kb.check()
        .fails()
        .code("toml-syntax")
        .at("kb/technique/vae.toml:2:8")
        .stderr_has("invalid TOML");
}

#[test]
fn toml_syntax_in_schema_and_sources() {
    let kb = Kb::base()
        .file("sources.toml", "[paper\ntitle = \"A paper\"\n")
        .build();
    kb.check()
        .fails()
        .code("toml-syntax")
        .stderr_has("[kb/sources.toml:1:");

    let kb = Kb::base().file("schema.toml", "[kinds.model\n").build();
    kb.check()
        .fails()
        .code("toml-syntax")
        .stderr_has("[kb/schema.toml:1:");
}

/// A file that does not parse still names a node: files that point at it should not get a
/// second, misleading `unknown-id` ("every target must be the id (file stem) of a node").
#[test]
fn toml_syntax_error_does_not_cascade_into_unknown_ids() {
    let kb = Kb::base()
        .file("model/glide.toml", "name = \"GLIDE\"\nyear = \n")
        .build();
    let run = kb.check();
    run.fails()
        .code("toml-syntax")
        .at("kb/model/glide.toml:2:8");
    run.no_code("unknown-id");
    assert_eq!(run.counts(), (1, 0), "{}", run.stderr);
}

#[test]
fn unknown_key_suggests_the_field() {
    let kb = Kb::base()
        .append("model/glide.toml", "summry = \"A diffusion model\"\n")
        .build();
    kb.check()
        .fails()
        .code("unknown-key")
        .at("kb/model/glide.toml:6:1")
        .stderr_has("unknown key `summry`")
        .help_has("did you mean `summary`?");
}

#[test]
fn unknown_relation_key_suggests_the_relation() {
    // A key holding ids is a relation: the same `unknown-relation` as in JSON and CSV.
    let kb = Kb::base()
        .append("model/glide.toml", "base_on = [\"transformer\"]\n")
        .build();
    kb.check()
        .fails()
        .code("unknown-relation")
        .at("kb/model/glide.toml:6:12")
        .stderr_has("unknown relation `base_on`")
        .help_has("did you mean `based_on`?");
}

#[test]
fn unknown_key_in_a_target_table() {
    let kb = Kb::base()
        .file(
            "model/glide.toml",
            "name = \"GLIDE\"\nyear = 2021\nsource = \"paper\"\ndeveloped_by = [\"openai\"]\nuses = [{ to = \"transformer\", nte = \"x\" }]\n",
        )
        .build();
    kb.check()
        .fails()
        .code("unknown-key")
        .at("kb/model/glide.toml:5:31")
        .help_has("did you mean `note`?");
}

#[test]
fn unknown_key_in_schema() {
    let kb = Kb::base()
        .file(
            "schema.toml",
            &common::SCHEMA.replace("phrase = \"uses\"", "phrse = \"uses\""),
        )
        .build();
    kb.check()
        .fails()
        .code("unknown-key")
        .stderr_has("[kb/schema.toml:")
        .help_has("did you mean `phrase`?");
}

#[test]
fn unknown_target_id_suggests_the_close_id() {
    let kb = Kb::base()
        .file(
            "model/glide.toml",
            "name = \"GLIDE\"\nyear = 2021\nsource = \"paper\"\ndeveloped_by = [\"openai\"]\nuses = [\"transfomer\"]\n",
        )
        .build();
    kb.check()
        .fails()
        .code("unknown-id")
        .at("kb/model/glide.toml:5:9")
        .stderr_has("no node has the id `transfomer`")
        .help_has("did you mean `transformer` (Transformer)?");
}

#[test]
fn a_name_written_where_an_id_belongs_suggests_the_id() {
    let kb = Kb::base()
        .file(
            "model/dall-e-3.toml",
            "name = \"DALL·E 3\"\nyear = 2023\nsource = \"paper\"\ndeveloped_by = [\"openai\"]\nbased_on = [\"DALL·E 2\"]\n",
        )
        .build();
    kb.check()
        .fails()
        .code("unknown-id")
        .at("kb/model/dall-e-3.toml:5:13")
        .stderr_has("no node has the id `DALL·E 2`")
        .help_has("did you mean `dall-e-2` (DALL·E 2)? relations name ids");
}

#[test]
fn an_alias_written_where_an_id_belongs_suggests_the_id() {
    let kb = Kb::base()
        .file(
            "model/dall-e-3.toml",
            "name = \"DALL·E 3\"\nyear = 2023\nsource = \"paper\"\ndeveloped_by = [\"openai\"]\nbased_on = [{ to = \"unCLIP\" }]\n",
        )
        .build();
    kb.check()
        .fails()
        .code("unknown-id")
        .at("kb/model/dall-e-3.toml:5:20")
        .help_has("did you mean `dall-e-2` (DALL·E 2)?");
}

#[test]
fn kind_not_allowed_at_the_target() {
    let kb = Kb::base()
        .file(
            "model/glide.toml",
            "name = \"GLIDE\"\nyear = 2021\nsource = \"paper\"\ndeveloped_by = [\"transformer\"]\n",
        )
        .build();
    kb.check()
        .fails()
        .code("kind-not-allowed")
        .at("kb/model/glide.toml:4:17")
        .stderr_has("`developed_by` cannot point at a technique")
        .stderr_has("`transformer` is a technique")
        .help_has("`developed_by` goes to an organization");
}

#[test]
fn kind_not_allowed_at_the_source() {
    let kb = Kb::base()
        .file(
            "organization/openai.toml",
            "name = \"OpenAI\"\nsource = \"paper\"\nuses = [\"transformer\"]\n",
        )
        .build();
    kb.check()
        .fails()
        .code("kind-not-allowed")
        .at("kb/organization/openai.toml:3:9")
        .stderr_has("`uses` cannot start at an organization")
        .stderr_has("`openai` is an organization")
        .help_has("`uses` goes from a model or a technique");
}

#[test]
fn unknown_kind_folder_suggests_the_kind() {
    let kb = Kb::base()
        .file("modell/imagen.toml", "name = \"Imagen\"\nyear = 2022\n")
        .build();
    kb.check()
        .fails()
        .code("unknown-kind")
        .stderr_has("kb/modell/imagen.toml: `imagen` has the unknown kind `modell`")
        .help_has("did you mean `model`?");
}

#[test]
fn unknown_kind_in_the_schema() {
    let kb = Kb::base()
        .file(
            "schema.toml",
            &common::SCHEMA.replace("to = [\"organization\"]", "to = [\"organisation\"]"),
        )
        .build();
    kb.check()
        .fails()
        .code("unknown-kind")
        .stderr_has("unknown kind `organisation`")
        .at("kb/schema.toml:13:7")
        .help_has("did you mean `organization`?");
}

#[test]
fn duplicate_id_across_kinds() {
    let kb = Kb::base()
        .file(
            "technique/glide.toml",
            "name = \"GLIDE technique\"\nyear = 2021\nsource = \"paper\"\n",
        )
        .build();
    kb.check()
        .fails()
        .code("duplicate-id")
        .stderr_has("kb/technique/glide.toml: id `glide` is defined twice")
        .help_has("it is also kb/model/glide.toml");
}

#[test]
fn bad_id_suggests_a_kebab_case_name() {
    let kb = Kb::base()
        .file(
            "model/Big_Model.toml",
            "name = \"Big\"\nyear = 2022\nsource = \"paper\"\ndeveloped_by = [\"openai\"]\n",
        )
        .build();
    kb.check()
        .fails()
        .code("bad-id")
        .stderr_has("kb/model/Big_Model.toml: id `Big_Model` is not lowercase kebab-case")
        .help_has("rename the file to `big-model.toml`");
}

#[test]
fn unknown_source_of_a_node_suggests_the_source() {
    let kb = Kb::base()
        .file(
            "technique/transformer.toml",
            "name = \"Transformer\"\nyear = 2017\nsource = \"papr\"\n",
        )
        .build();
    kb.check()
        .fails()
        .code("unknown-source")
        .at("kb/technique/transformer.toml:3:10")
        .stderr_has("unknown source `papr`")
        .help_has("did you mean `paper`?");
}

#[test]
fn unknown_source_of_an_edge() {
    let kb = Kb::base()
        .file(
            "model/glide.toml",
            "name = \"GLIDE\"\nyear = 2021\nsource = \"paper\"\ndeveloped_by = [\"openai\"]\nuses = [{ to = \"transformer\", source = \"survy\" }]\n",
        )
        .build();
    kb.check()
        .fails()
        .code("unknown-source")
        .at("kb/model/glide.toml:5:40")
        .help_has("did you mean `survey`?");
}

#[test]
fn unknown_default_source_in_the_schema() {
    let schema = common::SCHEMA.replace(
        "inverse = \"develops\"",
        "inverse = \"develops\"\ndefault_source = \"nobody\"",
    );
    let kb = Kb::base().file("schema.toml", &schema).build();
    kb.check()
        .fails()
        .code("unknown-source")
        .stderr_has("relation `developed_by` cites `nobody` by default");
}

#[test]
fn self_loop() {
    let kb = Kb::base()
        .append("model/glide.toml", "based_on = [\"glide\"]\n")
        .build();
    kb.check()
        .fails()
        .code("self-loop")
        .at("kb/model/glide.toml:6:13")
        .stderr_has("`glide` points at itself through `based_on`");
}

#[test]
fn lineage_cycle() {
    let kb = Kb::base()
        .file(
            "technique/transformer.toml",
            "name = \"Transformer\"\nyear = 2023\nsource = \"paper\"\nbased_on = [\"dall-e-2\"]\n",
        )
        .build();
    let run = kb.check();
    run.fails()
        .code("lineage-cycle")
        .stderr_has("lineage cycle: dall-e-2 → transformer → dall-e-2")
        .help_has("a node cannot be built on itself");
    assert!(
        run.stderr.contains("[kb/model/dall-e-2.toml:6:9]")
            || run.stderr.contains("[kb/technique/transformer.toml:4:13]"),
        "the cycle should point at one of its edges\n{}",
        run.stderr
    );
}

#[test]
fn lineage_cycle_of_three_through_two_relations() {
    let kb = Kb::base()
        .file(
            "technique/transformer.toml",
            "name = \"Transformer\"\nyear = 2023\nsource = \"paper\"\nbased_on = [\"glide\"]\n",
        )
        .build();
    // glide uses transformer, transformer based_on glide; dall-e-2 hangs off the cycle.
    kb.check()
        .fails()
        .code("lineage-cycle")
        .stderr_has("lineage cycle: glide → transformer → glide");
}

#[test]
fn wrong_type() {
    let kb = Kb::base()
        .file(
            "model/glide.toml",
            "name = \"GLIDE\"\nyear = \"2021\"\nsource = \"paper\"\ndeveloped_by = [\"openai\"]\n",
        )
        .build();
    kb.check()
        .fails()
        .code("wrong-type")
        .at("kb/model/glide.toml:2:8")
        .stderr_has("`year` must be an integer");
}

/// A fill with a two-byte character where GEXF reads the green pair panicked the GEXF
/// export (found by fuzzing snapshots); colors are now checked when the schema is read.
#[test]
fn regression_color_with_a_multibyte_character_panicked_the_gexf_export() {
    let schema = common::SCHEMA
        .replace(
            "description = \"A model\"",
            "description = \"A model\"\nfill = \"#a\u{3d3}bcd\"",
        )
        .replace(
            "phrase = \"uses\"",
            "phrase = \"uses\"\ncolor = \"light blue\"",
        );
    let kb = Kb::base().file("schema.toml", &schema).build();
    let out = kb.genkg(&["export", "--format", "gexf"]).run();
    out.fails()
        .code("wrong-type")
        .at("kb/schema.toml:3:8")
        .stderr_has("`fill` is not a color: \"#a\u{3d3}bcd\"")
        .stderr_has("`color` is not a color: \"light blue\"")
        .help_has("Graphviz color name");
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn wrong_type_of_a_relation() {
    let kb = Kb::base()
        .file(
            "model/glide.toml",
            "name = \"GLIDE\"\nyear = 2021\nsource = \"paper\"\ndeveloped_by = \"openai\"\n",
        )
        .build();
    kb.check()
        .fails()
        .code("wrong-type")
        .at("kb/model/glide.toml:4:16")
        .stderr_has("`developed_by` must be a list of targets")
        .help_has("write `developed_by = [\"id\"]`");
}

#[test]
fn bad_date() {
    let kb = Kb::base()
        .append("model/glide.toml", "date = \"2021-13-01\"\n")
        .build();
    kb.check()
        .fails()
        .code("bad-date")
        .at("kb/model/glide.toml:6:8")
        .stderr_has("`2021-13-01` is not a date");
}

#[test]
fn bad_date_disagreeing_with_the_year() {
    let kb = Kb::base()
        .append("model/glide.toml", "date = \"2020-12-20\"\n")
        .build();
    kb.check()
        .fails()
        .code("bad-date")
        .at("kb/model/glide.toml:6:8")
        .stderr_has("date 2020-12-20 disagrees with year 2021");
}

#[test]
fn no_schema() {
    let kb = Kb::base().without("schema.toml").build();
    kb.check()
        .fails()
        .code("no-schema")
        .stderr_has("kb has no schema.toml");
}

#[test]
fn no_graph() {
    let kb = Kb::empty().build();
    kb.genkg(&["check"])
        .graph("nowhere")
        .run()
        .fails()
        .code("no-graph")
        .stderr_has("graph `nowhere` does not exist")
        .help_has("--graph");
}

#[test]
fn empty_graph() {
    let kb = Kb::bare().dir("model").build();
    kb.check()
        .fails()
        .code("empty-graph")
        .stderr_has("kb holds no entities");
}

// ---------------------------------------------------------------------------------------------
// Warnings: exit 0 with the warning, exit 1 under --strict

#[test]
fn unsourced_is_a_warning() {
    let kb = Kb::base()
        .file(
            "model/glide.toml",
            "name = \"GLIDE\"\nyear = 2021\ndeveloped_by = [\"openai\"]\nuses = [\"transformer\"]\n",
        )
        .build();
    kb.check()
        .ok()
        .code("unsourced")
        .at("kb/model/glide.toml:3:17")
        .stderr_has("⚠ `developed_by -> openai` cites no source")
        .stderr_has("kb: ok (2 warnings)");
    kb.check_strict()
        .fails()
        .code("unsourced")
        .stderr_has("kb: 2 errors, 0 warnings");
}

#[test]
fn an_edge_source_keeps_an_unsourced_node_quiet() {
    let kb = Kb::base()
        .file(
            "model/glide.toml",
            "name = \"GLIDE\"\nyear = 2021\ndeveloped_by = [{ to = \"openai\", source = \"paper\" }]\nuses = [{ to = \"transformer\", source = \"survey\" }]\n",
        )
        .build();
    kb.check_strict().ok();
}

#[test]
fn missing_expected_is_a_warning() {
    let kb = Kb::base()
        .file(
            "model/glide.toml",
            "name = \"GLIDE\"\nsource = \"paper\"\nuses = [\"transformer\"]\n",
        )
        .build();
    let run = kb.check();
    run.ok()
        .code("missing-expected")
        .stderr_has("kb/model/glide.toml: model `glide` has no `year`")
        .stderr_has("kb/model/glide.toml: model `glide` has no `developed_by`")
        .help_has("the schema expects every model to have year, developed_by");
    kb.check_strict().fails().code("missing-expected");
}

#[test]
fn dated_before_ancestor_is_a_warning() {
    let kb = Kb::base()
        .file(
            "model/glide.toml",
            "name = \"GLIDE\"\nyear = 2016\nsource = \"paper\"\ndeveloped_by = [\"openai\"]\nuses = [\"transformer\"]\n",
        )
        .build();
    kb.check()
        .ok()
        .code("dated-before-ancestor")
        .at("kb/model/glide.toml:5:9")
        .stderr_has("`glide` (2016) is dated before `transformer` (2017), which it uses")
        .stderr_has("kb: ok (1 warning)");
    kb.check_strict().fails().code("dated-before-ancestor");
}

#[test]
fn undated_ancestor_is_a_warning() {
    let kb = Kb::base()
        .file(
            "technique/transformer.toml",
            "name = \"Transformer\"\nsource = \"paper\"\n",
        )
        .build();
    let run = kb.check();
    run.ok()
        .code("undated-ancestor")
        .at("kb/model/glide.toml:5:9")
        .at("kb/model/dall-e-2.toml:6:9")
        .stderr_has("`transformer` has no year, but `glide` is built on it")
        .help_has("give `transformer` a year");
    assert_eq!(run.counts(), (0, 2), "{}", run.stderr);
    kb.check_strict().fails().code("undated-ancestor");
}

#[test]
fn a_query_on_a_graph_with_only_warnings_works() {
    let kb = Kb::base()
        .file(
            "technique/transformer.toml",
            "name = \"Transformer\"\nsource = \"paper\"\n",
        )
        .build();
    kb.genkg(&["show", "transformer"])
        .run()
        .ok()
        .stdout_has("Transformer");
}

#[test]
fn a_query_on_an_invalid_graph_fails_with_the_errors() {
    let kb = Kb::base()
        .append("model/glide.toml", "summry = \"x\"\n")
        .build();
    kb.genkg(&["show", "glide"])
        .run()
        .fails()
        .stdout_empty()
        .code("unknown-key")
        .at("kb/model/glide.toml:6:1");
}

// ---------------------------------------------------------------------------------------------
// Many errors, one run

#[test]
fn errors_in_several_files_are_all_reported_in_one_run() {
    let run = genkg(&["check"]).graph("tests/fixtures/multi-error").run();
    run.fails();
    let mut codes = run.codes();
    codes.sort();
    assert_eq!(
        codes,
        [
            "bad-date",
            "kind-not-allowed",
            "unknown-id",
            "unknown-id",
            "unknown-key",
            "unknown-kind",
            "unknown-source",
            "wrong-type",
        ],
        "{}",
        run.stderr
    );
    let dir = "tests/fixtures/multi-error";
    run.at(&format!("{dir}/model/dall-e-2.toml:3:1"))
        .at(&format!("{dir}/model/dall-e-2.toml:6:9"))
        .at(&format!("{dir}/model/dall-e-3.toml:5:13"))
        .at(&format!("{dir}/model/glide.toml:2:8"))
        .at(&format!("{dir}/model/glide.toml:3:10"))
        .at(&format!("{dir}/model/glide.toml:4:17"))
        .at(&format!("{dir}/technique/transformer.toml:3:8"))
        .stderr_has(&format!(
            "{dir}/modell/imagen.toml: `imagen` has the unknown kind"
        ))
        .help_has("did you mean `summary`?")
        .help_has("did you mean `transformer` (Transformer)?")
        .help_has("did you mean `dall-e-2` (DALL·E 2)? relations name ids")
        .help_has("did you mean `paper`?")
        .help_has("did you mean `model`?")
        .stderr_has(&format!("{dir}: 8 errors, 0 warnings"));
    assert_eq!(run.counts(), (8, 0));
}

#[test]
fn multi_error_report() {
    let run = genkg(&["check"]).graph("tests/fixtures/multi-error").run();
    run.fails();
    insta::assert_snapshot!("multi_error_report", run.stderr);
}

#[test]
fn reports_are_the_same_on_every_run() {
    let a = genkg(&["check"]).graph("tests/fixtures/multi-error").run();
    let b = genkg(&["check"]).graph("tests/fixtures/multi-error").run();
    assert_eq!(a.stderr, b.stderr);
}

// ---------------------------------------------------------------------------------------------
// Nothing to load: a clear error, exit 1, no panic

#[test]
fn missing_graph_dir_is_a_clear_error() {
    genkg(&["check"])
        .graph("tests/fixtures/does-not-exist")
        .run()
        .fails()
        .stdout_empty()
        .code("no-graph")
        .stderr_has("graph `tests/fixtures/does-not-exist` does not exist");
}

#[test]
fn missing_graph_dir_fails_every_query_clearly() {
    for args in [
        &["show", "dall-e-2"][..],
        &["stats"],
        &["lineage", "chatgpt"],
        &["path", "a", "b"],
        &["list"],
        &["taxonomy"],
    ] {
        genkg(args)
            .graph("tests/fixtures/does-not-exist")
            .run()
            .fails()
            .code("no-graph");
    }
}

#[test]
fn empty_graph_dir_is_a_clear_error() {
    let kb = Kb::empty().build();
    kb.check()
        .fails()
        .stdout_empty()
        .code("no-schema")
        .stderr_has("kb has no schema.toml");
    kb.genkg(&["show", "x"]).run().fails().code("no-schema");
}

#[test]
fn a_file_as_graph_is_a_clear_error() {
    genkg(&["check"])
        .graph("graph/schema.toml")
        .run()
        .fails()
        .no_panic();
}

/// An empty id in JSON was a node (CSV has always refused one).
#[test]
fn a_json_node_without_an_id_is_an_error() {
    let tmp = common::tempdir();
    let g = tmp.path().join("g.json");
    std::fs::write(
        &g,
        r#"{"nodes": [{"id": "a", "kind": "model"}, {"id": "", "kind": "model"}], "edges": []}"#,
    )
    .unwrap();
    genkg(&["check"])
        .graph(&g)
        .run()
        .fails()
        .code("bad-id")
        .stderr_has("a node without an id")
        .at(&format!("{}:1:43", g.display()));
}

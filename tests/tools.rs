//! The outside programs other tests need. build.rs looks for them; a test whose program is
//! missing is ignored with the reason. In CI (`CI=true`) nothing may be skipped: this test
//! fails and names what is missing.

#[test]
fn every_tool_is_installed_under_ci() {
    let missing = env!("GENKG_TOOLS_MISSING");
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    if ci {
        assert!(
            missing.is_empty(),
            "CI=true, but these tools are missing, so their tests were ignored: {missing} \
             (.ci/run installs git, Graphviz, Chromium and its driver, and a venv with networkx, \
             ladybug, rdflib and selenium)"
        );
    } else if !missing.is_empty() {
        eprintln!("tests ignored for want of: {missing}");
    }
}

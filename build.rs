//! Finds, once per build, which outside programs the tests can use: git, Graphviz's `dot`, the
//! Python consumers (networkx, LadybugDB, rdflib) and a headless browser (Chromium, its
//! driver and Selenium). Each becomes a cfg (`has_dot`, `has_networkx`, ...) so that a test
//! needing one is `#[ignore = "..."]`d when it is missing and shows as ignored in `cargo
//! test`, never as a silent pass. `tests/tools.rs` fails under `CI=true` when any is missing.
//!
//! The Python is `$GENKG_PYTHON`, else the repository's `.venv/bin/python`, else `python3`;
//! the tests run the same one (`GENKG_TEST_PYTHON`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const TOOLS: [&str; 6] = [
    "has_git",
    "has_dot",
    "has_networkx",
    "has_ladybug",
    "has_rdflib",
    "has_browser",
];

fn runs(program: &Path, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A program on PATH, as a full path.
fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn python(root: &Path) -> PathBuf {
    if let Some(p) = std::env::var_os("GENKG_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = root.join(".venv/bin/python");
    if venv.is_file() {
        return venv;
    }
    which("python3").unwrap_or_else(|| PathBuf::from("python3"))
}

/// Where the Python keeps its packages: a pip install there reruns this script.
fn site_packages(py: &Path) -> Option<PathBuf> {
    let out = Command::new(py)
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let p = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    p.is_dir().then_some(p)
}

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    println!("cargo:rerun-if-changed=build.rs");
    for var in ["GENKG_PYTHON", "PATH"] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    for tool in TOOLS {
        println!("cargo::rustc-check-cfg=cfg({tool})");
    }
    // Installing a program or a package changes these directories.
    for dir in ["/usr/bin", "/usr/local/bin"] {
        if Path::new(dir).is_dir() {
            println!("cargo:rerun-if-changed={dir}");
        }
    }
    let py = python(&root);
    println!("cargo:rustc-env=GENKG_TEST_PYTHON={}", py.display());
    if let Some(site) = site_packages(&py) {
        println!("cargo:rerun-if-changed={}", site.display());
    } else if root.join(".venv").is_dir() {
        println!("cargo:rerun-if-changed={}", root.join(".venv").display());
    }

    let module = |m: &str| runs(&py, &["-c", &format!("import {m}")]);
    let found = [
        (
            "has_git",
            which("git").is_some_and(|g| runs(&g, &["--version"])),
        ),
        ("has_dot", which("dot").is_some_and(|d| runs(&d, &["-V"]))),
        ("has_networkx", module("networkx")),
        ("has_ladybug", module("ladybug")),
        ("has_rdflib", module("rdflib")),
        (
            "has_browser",
            which("chromium").is_some() && which("chromedriver").is_some() && module("selenium"),
        ),
    ];
    let mut missing = Vec::new();
    for (cfg, present) in found {
        if present {
            println!("cargo:rustc-cfg={cfg}");
        } else {
            missing.push(cfg);
        }
    }
    println!("cargo:rustc-env=GENKG_TOOLS_MISSING={}", missing.join(","));
}

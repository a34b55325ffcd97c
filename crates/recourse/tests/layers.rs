//! The layers hold by construction: the foundations are a crate of their own that cannot
//! name the core, and no capability names the engine. This test fails on the first import
//! that would break them.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The code of a file before its tests, comments and doc examples left out.
fn code_of(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let before_tests = text.split("#[cfg(test)]").next().unwrap_or_default();
    before_tests
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `file` is a module its parent declares under `#[cfg(test)]`.
fn is_test_module(file: &Path) -> bool {
    let Some(stem) = file.file_stem().and_then(|s| s.to_str()) else {
        return false;
    };
    let Some(dir) = file.parent() else {
        return false;
    };
    ["mod.rs", "../mod.rs"].iter().any(|parent| {
        std::fs::read_to_string(dir.join(parent)).is_ok_and(|text| {
            text.contains(&format!("#[cfg(test)]\nmod {stem};"))
                || text.contains(&format!("#[cfg(test)]\npub(crate) mod {stem};"))
        })
    })
}

/// The capabilities: every folder of the core's `src` (one folder per capability).
fn capability_folders() -> Vec<PathBuf> {
    let src = Path::new(ROOT).join("src");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "ops"))
        .collect();
    folders.sort();
    folders
}

#[test]
fn no_capability_names_the_engine() {
    let folders = capability_folders();
    assert!(folders.len() >= 7, "{folders:?}");
    let mut offending = Vec::new();
    for folder in folders {
        for file in sources(&folder) {
            // Tests build engines to call operations; the code under test must not.
            if is_test_module(&file) {
                continue;
            }
            let code = code_of(&file);
            for needle in ["crate::engine", "crate::Engine", "Engine::"] {
                if code.contains(needle) {
                    offending.push(format!("{}: {needle}", file.display()));
                }
            }
        }
    }
    assert!(
        offending.is_empty(),
        "capabilities naming the engine: {offending:#?}"
    );
}

#[test]
fn the_operations_surface_names_no_capability() {
    let code = code_of(&Path::new(ROOT).join("src/ops.rs"));
    for folder in capability_folders() {
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        for needle in [format!("crate::{name}::"), format!("crate::{name}::{{")] {
            assert!(
                !code.contains(&needle),
                "ops.rs names the capability `{name}`"
            );
        }
    }
    assert!(!code.contains("crate::engine"), "ops.rs names the engine");
}

#[test]
fn the_foundations_depend_on_nothing_above_them() {
    let manifest =
        std::fs::read_to_string(Path::new(ROOT).join("../recourse-base/Cargo.toml")).unwrap();
    let deps = manifest.split("[dependencies]").nth(1).unwrap_or_default();
    let deps = deps.split("\n[").next().unwrap_or_default();
    for line in deps.lines() {
        let name = line.split(['.', '=', ' ']).next().unwrap_or_default();
        assert!(
            name != "recourse"
                && !(name.starts_with("recourse-") && name != "recourse-payments-derive"),
            "recourse-payments-base depends on {name}"
        );
    }
}

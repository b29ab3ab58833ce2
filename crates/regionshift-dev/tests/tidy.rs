//! House rules checked as tests: the core's layering (read from ARCHITECTURE.md), the
//! core's manifest free of browser and CLI crates, no IO or clock in the core, every
//! module saying what it is for, no network code, and a strict CSP for the page.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the repository root")
}

fn core_src() -> PathBuf {
    repo().join("crates/regionshift-core/src")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Every Rust file of every crate: sources, tests and benchmarks.
fn workspace_rust_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(repo().join("crates")).expect("crates/").flatten() {
        for dir in ["src", "tests", "benches"] {
            files.extend(rust_files(&entry.path().join(dir)));
        }
    }
    files.sort();
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Code lines only: comments are allowed to name what the code must not use.
fn code_of(text: &str) -> String {
    text.lines()
        .filter(|line| {
            let line = line.trim_start();
            !line.starts_with("//")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The core's layers as ARCHITECTURE.md writes them, lowest first: lines such as
/// `layer 0: diagnostics input units graph` inside the "Layers" section.
fn layers() -> BTreeMap<String, usize> {
    let text = read(&repo().join("ARCHITECTURE.md"));
    let mut layers = BTreeMap::new();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix("layer ") else { continue };
        let Some((number, modules)) = rest.split_once(':') else { continue };
        let number: usize = number.trim().parse().expect("a layer number");
        for module in modules.split_whitespace() {
            assert!(layers.insert(module.to_string(), number).is_none(), "{module} is in two layers");
        }
    }
    assert!(layers.len() > 5, "ARCHITECTURE.md lists the core's layers (`layer N: module ...`)");
    layers
}

/// The top-level module a core source file belongs to (`cost` for `src/cost/rules.rs`).
fn module_of(path: &Path) -> Option<String> {
    let relative = path.strip_prefix(core_src()).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    match first.strip_suffix(".rs") {
        Some("lib") => None,
        Some(name) => Some(name.to_string()),
        None => Some(first.to_string()),
    }
}

/// The top-level modules a piece of code names through `crate::`, including every
/// member of `use crate::{a::X, b}` groups.
fn crate_references(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().last();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `regionshift_core::`, `my_crate::`
        }
        if let Some(group) = rest.strip_prefix('{') {
            // The names at the group's top level, up to its closing brace.
            let mut depth = 0usize;
            let mut current = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.push(current.split("::").next().unwrap_or("").trim().to_string());
                        current.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    current.push(c);
                }
            }
            found.push(current.split("::").next().unwrap_or("").trim().to_string());
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            found.push(name);
        }
    }
    found.retain(|name| !name.is_empty() && name != "self");
    found
}

#[test]
fn crate_references_are_found_in_paths_and_groups() {
    let code = "use crate::cost::X;\nuse crate::{plan::{a, b}, units};\nlet x = crate::azure::regions::all();\nregionshift_core::report::build";
    assert_eq!(crate_references(code), ["cost", "plan", "units", "azure"]);
}

/// A core module may use only modules of a lower layer: never one of its own layer
/// (sideways) or above (back). Checked over whole files, tests beside the code included.
#[test]
fn the_core_is_layered() {
    let layers = layers();
    let mut offenders = Vec::new();
    let mut unlisted = Vec::new();
    for path in rust_files(&core_src()) {
        let Some(module) = module_of(&path) else { continue };
        let Some(&own) = layers.get(&module) else {
            unlisted.push(module);
            continue;
        };
        for name in crate_references(&code_of(&read(&path))) {
            if name == module {
                continue;
            }
            match layers.get(&name) {
                Some(&layer) if layer < own => {}
                Some(&layer) => offenders.push(format!(
                    "{} ({module}, layer {own}) uses {name} (layer {layer})",
                    path.strip_prefix(repo()).unwrap_or(&path).display()
                )),
                None => unlisted.push(name),
            }
        }
    }
    unlisted.sort();
    unlisted.dedup();
    assert!(unlisted.is_empty(), "core modules ARCHITECTURE.md does not place in a layer: {unlisted:?}");
    assert!(offenders.is_empty(), "uses of a module of the same layer or above: {offenders:#?}");
}

/// What `cargo tree` says the core depends on, for every target: no browser crate and
/// no command-line crate, whatever the manifest's conditions.
#[test]
fn the_core_depends_on_no_browser_or_cli_crate() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .current_dir(repo())
        .args([
            "tree",
            "--offline",
            "--locked",
            "-p",
            "regionshift-core",
            "-e",
            "normal,build",
            "--target",
            "all",
            "--prefix",
            "none",
        ])
        .output()
        .expect("cargo tree runs");
    assert!(output.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
    let tree = String::from_utf8_lossy(&output.stdout);
    let names: Vec<&str> = tree.lines().filter_map(|line| line.split_whitespace().next()).collect();
    assert!(names.contains(&"serde_json"), "cargo tree lists the core's dependencies: {tree}");
    for forbidden in ["web-sys", "js-sys", "wasm-bindgen", "yew", "gloo", "clap"] {
        assert!(
            !names.iter().any(|name| *name == forbidden || name.starts_with(&format!("{forbidden}-"))),
            "regionshift-core depends on {forbidden}:\n{tree}"
        );
    }
}

#[test]
fn the_core_knows_nothing_of_the_browser() {
    let browser_crates = ["yew", "web_sys", "js_sys", "gloo", "wasm_bindgen"];
    let mut offenders = Vec::new();
    for path in rust_files(&core_src()) {
        let code = code_of(&read(&path));
        for name in browser_crates {
            if code.contains(&format!("{name}::")) || code.contains(&format!("use {name}")) {
                offenders.push(format!("{} uses {name}", path.display()));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

#[test]
fn the_core_does_no_io_and_reads_no_clock() {
    let forbidden = ["std::fs", "std::net", "std::time", "SystemTime", "Instant::now", "std::env", "std::process"];
    let mut offenders = Vec::new();
    for path in rust_files(&core_src()) {
        if path.file_name().is_some_and(|n| n == "tests.rs") {
            continue; // tests beside the code may read fixtures and the corpus
        }
        let text = read(&path);
        let code = code_of(text.split("#[cfg(test)]").next().unwrap_or(""));
        for name in forbidden {
            if code.contains(name) {
                offenders.push(format!("{} uses {name}", path.display()));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

#[test]
fn every_module_opens_with_a_doc_line() {
    let files = workspace_rust_files();
    assert!(files.len() > 50, "found the workspace's files");
    let missing: Vec<String> = files
        .iter()
        .filter(|path| {
            let text = read(path);
            !text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").starts_with("//!")
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(missing.is_empty(), "files without a `//!` first line: {missing:#?}");
}

#[test]
fn nothing_has_network_code() {
    let network = [
        "fetch(",
        "XmlHttpRequest",
        "WebSocket",
        "EventSource",
        "gloo::net",
        "gloo_net",
        "reqwest",
        "send_beacon",
        "Request::new",
    ];
    // Names in Azure data that contain one of the above without being code: API
    // Management's diagnostic log category, in the sample estate's generator.
    let data_names = ["WebSocketConnectionLogs"];
    let mut offenders = Vec::new();
    for path in workspace_rust_files() {
        if path.ends_with("regionshift-dev/tests/tidy.rs") {
            continue; // this list
        }
        let mut code = code_of(&read(&path));
        for name in data_names {
            code = code.replace(&format!("\"{name}\""), "");
        }
        for name in network {
            if code.contains(name) {
                offenders.push(format!("{} contains {name}", path.display()));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
    // Yew's runtime links gloo's HTTP module transitively; what matters is that nothing
    // of ours asks for one (checked above and in the manifests) and that the browser sees
    // no request leave the origin (tests/e2e).
    let mut manifests = vec![repo().join("Cargo.toml")];
    for entry in std::fs::read_dir(repo().join("crates")).expect("crates/").flatten() {
        manifests.push(entry.path().join("Cargo.toml"));
    }
    for manifest in manifests {
        let text = read(&manifest);
        for crate_name in ["reqwest", "gloo-net", "ureq", "hyper", "surf", "\"net\""] {
            assert!(
                !text.contains(crate_name),
                "{} asks for the network crate or feature {crate_name}",
                manifest.display()
            );
        }
    }
}

#[test]
fn the_page_has_a_strict_csp_and_no_third_party_assets() {
    let html = read(&repo().join("index.html"));
    let csp_start = html.find("Content-Security-Policy").expect("index.html has a CSP meta tag");
    let csp = &html[csp_start..html[csp_start..].find('>').map_or(html.len(), |end| csp_start + end)];
    for directive in
        ["default-src 'none'", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'none'"]
    {
        assert!(csp.contains(directive), "the CSP lacks {directive}: {csp}");
    }
    assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'") && !csp.contains('*'), "{csp}");
    assert!(!csp.contains("http:") && !csp.contains("https:"), "the CSP names another origin: {csp}");
    let mut assets = vec![html.clone()];
    if let Ok(entries) = std::fs::read_dir(repo().join("static")) {
        for entry in entries.flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                assets.push(text);
            }
        }
    }
    for text in assets {
        for needle in ["src=\"http", "href=\"http", "url(http", "@import url(", "//cdn", "googleapis", "analytics"] {
            assert!(!text.contains(needle), "a static asset refers to another origin ({needle})");
        }
    }
}

/// The modules user text reaches: each denies, outside tests, what could panic on it.
const USER_TEXT_MODULES: [&str; 6] =
    ["input/mod.rs", "inventory/mod.rs", "catalog/user.rs", "cost/load.rs", "report/embed.rs", "azure/id.rs"];
const USER_TEXT_LINTS: &str = "#![cfg_attr(not(test), deny(clippy::string_slice, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used))]";

#[test]
fn the_readers_deny_what_could_panic_on_user_text() {
    let missing: Vec<&str> = USER_TEXT_MODULES
        .iter()
        .copied()
        .filter(|module| !read(&core_src().join(module)).contains(USER_TEXT_LINTS))
        .collect();
    assert!(missing.is_empty(), "modules without `{USER_TEXT_LINTS}`: {missing:?}");
}

#[test]
fn every_allowed_panic_lint_says_why() {
    let lints = ["string_slice", "indexing_slicing", "unwrap_used", "expect_used"];
    let mut unexplained = Vec::new();
    for path in rust_files(&core_src()) {
        let text = read(&path);
        let lines: Vec<&str> = text.lines().collect();
        for (index, line) in lines.iter().enumerate() {
            let allows = line.contains("allow(") && lints.iter().any(|lint| line.contains(&format!("clippy::{lint}")));
            let explained = index > 0 && lines.get(index - 1).is_some_and(|above| above.trim_start().starts_with("//"));
            if allows && !explained {
                unexplained.push(format!("{}:{}", path.display(), index + 1));
            }
        }
    }
    assert!(unexplained.is_empty(), "an allow of a panic lint needs a comment above saying why: {unexplained:#?}");
}

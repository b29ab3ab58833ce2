//! House rules checked as tests: the core knows nothing of the browser, every module
//! says what it is for, the app has no network code, and the page's CSP is strict.

use std::path::{Path, PathBuf};

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
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

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Code lines only: comments are allowed to name what the code must not use.
fn code_of(text: &str) -> String {
    text.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_core_knows_nothing_of_the_browser() {
    let browser_crates = ["yew", "web_sys", "js_sys", "gloo", "wasm_bindgen"];
    let mut offenders = Vec::new();
    for path in rust_files(&repo().join("src")) {
        if path.starts_with(repo().join("src/web")) {
            continue;
        }
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
    for path in rust_files(&repo().join("src")) {
        let is_test_file = path.file_name().is_some_and(|n| n == "tests.rs");
        if path.starts_with(repo().join("src/web")) || path.starts_with(repo().join("src/bin")) || is_test_file {
            continue;
        }
        let text = read(&path);
        // Tests beside the code may read fixtures and the corpus.
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
    let mut missing = Vec::new();
    for dir in ["src", "tests", "benches"] {
        for path in rust_files(&repo().join(dir)) {
            let text = read(&path);
            let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            if !first.starts_with("//!") {
                missing.push(path.display().to_string());
            }
        }
    }
    assert!(missing.is_empty(), "files without a `//!` first line: {missing:#?}");
}

#[test]
fn the_app_has_no_network_code() {
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
    let mut offenders = Vec::new();
    for path in rust_files(&repo().join("src")) {
        let code = code_of(&read(&path));
        for name in network {
            if code.contains(name) {
                offenders.push(format!("{} contains {name}", path.display()));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
    // Yew's runtime links gloo's HTTP module transitively; what matters is that nothing
    // of ours asks for one (checked above and in the manifest) and that the browser sees
    // no request leave the origin (tests/e2e).
    let manifest = read(&repo().join("Cargo.toml"));
    for crate_name in ["reqwest", "gloo-net", "ureq", "hyper", "surf", "\"net\""] {
        assert!(!manifest.contains(crate_name), "Cargo.toml asks for the network crate or feature {crate_name}");
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

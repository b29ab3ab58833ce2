//! Tests of the ARM template reader: small inline templates per feature, hand-written
//! fixtures under `tests/fixtures/arm/`, and the shared third-party corpus when present.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::{expand_template, looks_like_template};
use crate::inventory::text::strip_json_comments;
use crate::inventory::ResourceId;

fn collect_json(dir: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_json(&path, into);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            into.push(path);
        }
    }
}

#[test]
fn expands_every_template_of_the_shared_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/arm");
    if !root.is_dir() {
        return;
    }
    let mut files = Vec::new();
    collect_json(&root, &mut files);
    files.sort();
    let mut totals: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for path in &files {
        let relative = path.strip_prefix(&root).unwrap_or(path).display().to_string();
        let text = std::fs::read_to_string(path).expect("corpus files are UTF-8");
        let template: Value = serde_json::from_str(&strip_json_comments(&text)).expect("corpus files are JSON");
        assert!(looks_like_template(&template), "{relative} is not recognised as a template");
        let expansion = expand_template(&template);
        let declared = match template.get("resources") {
            Some(Value::Array(items)) => items.len(),
            Some(Value::Object(members)) => members.len(),
            _ => 0,
        };
        if declared > 0 {
            assert!(!expansion.resources.is_empty(), "{relative} expanded to no resources");
        }
        for (location, record) in &expansion.resources {
            let id = record.id.as_ref().and_then(Value::as_str).unwrap_or_default();
            assert!(ResourceId::parse(id).is_ok(), "{relative} {location}: {id} does not parse");
        }
        println!("{relative}: {} resources", expansion.resources.len());
        for diagnostic in &expansion.diagnostics {
            println!("    {diagnostic}");
        }
        let folder = relative.split('/').next().unwrap_or("").to_string();
        let total = totals.entry(folder).or_default();
        total.0 += 1;
        total.1 += expansion.resources.len();
    }
    for (folder, (count, resources)) in &totals {
        println!("{folder}: {count} files, {resources} resources");
    }
}

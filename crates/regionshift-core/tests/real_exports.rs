//! Real exports people have: every file must import with the right count, ids,
//! resource groups, locations and VM sizes, and none a user would expect to work may
//! be refused.
//!
//! Two sets are read in place, never copied into this repository:
//! - `../shared/wild/`, exports with provenance the whole team has (CI has it): the
//!   test FAILS when the folder is missing, so a broken checkout cannot pass quietly;
//! - a research set of real third-party exports with a `manifest.json` of their
//!   expected facts, read when `REGIONSHIFT_REAL_EXPORTS` names its folder (opt-in:
//!   skipped with a note otherwise). It prints one line per file and fails on any
//!   difference from the manifest.

use std::collections::{BTreeMap, BTreeSet};
mod common;

use std::path::{Path, PathBuf};

use regionshift_core::azure::Location;
use regionshift_core::inventory::{import, IdOrigin, Import, ImportOptions, InputFormat, UNKNOWN_NAMESPACE};
use regionshift_core::{analyze, AnalysisOptions, InputFile};
use serde_json::Value;

fn read(paths: &[&Path]) -> Import {
    let files: Vec<InputFile> = paths
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            InputFile::new(path.file_name().unwrap().to_string_lossy(), bytes)
        })
        .collect();
    import(&files, &ImportOptions::default())
}

/// `../shared/wild` (the test fails when it is missing).
fn wild() -> PathBuf {
    common::shared::shared("wild")
}

fn vm_size(import: &Import, name: &str) -> Option<String> {
    let vm = import.inventory.resources.iter().find(|r| r.name == name)?;
    let properties = vm.properties_value()?;
    properties
        .as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("hardwareProfile"))?
        .1
        .as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("vmSize"))
        .and_then(|(_, v)| v.as_str().map(str::to_string))
}

#[test]
fn az_vm_list_keeps_the_size_and_network_links_of_its_flattened_objects() {
    let dir = wild();
    let vm = read(&[&dir.join("pblin-re-datamarket-azure-tf-vm.json")]);
    assert_eq!(vm.files[0].format, Some(InputFormat::AzCliList));
    assert_eq!(vm.inventory.len(), 1);
    let resource = &vm.inventory.resources[0];
    assert_eq!(resource.id_origin, IdOrigin::Exported);
    assert_eq!(resource.resource_group.as_deref(), Some("REBLOC-BERLIN"));
    assert_eq!(vm_size(&vm, "rebloc-trial").as_deref(), Some("Standard_DC2s"));

    let nsgs = read(&[&dir.join("pblin-re-datamarket-azure-tf-nsgs.json")]);
    assert_eq!(nsgs.files[0].format, Some(InputFormat::AzCliList));
    let nsg = nsgs.inventory.resources[0].properties_value().unwrap();
    let rules = nsg["securityRules"].as_array().unwrap();
    assert!(!rules.is_empty() && rules.iter().all(|rule| rule["properties"]["access"].is_string()));

    // The VM's NIC and the NSG's attachments are dependencies the plan finds.
    let analysis = analyze(
        &[
            InputFile::new("vm.json", std::fs::read(dir.join("pblin-re-datamarket-azure-tf-vm.json")).unwrap()),
            InputFile::new("nsgs.json", std::fs::read(dir.join("pblin-re-datamarket-azure-tf-nsgs.json")).unwrap()),
        ],
        &AnalysisOptions::default(),
    );
    let external: Vec<String> = analysis.plan.external.iter().map(|x| x.path.clone()).collect();
    assert!(
        external.iter().any(|path| path.starts_with("properties.networkProfile.networkInterfaces")),
        "{external:?}"
    );
}

#[test]
fn the_json_and_csv_of_one_powershell_export_give_each_resource_once() {
    let dir = wild();
    let json = dir.join("amex678-azure-inventory-insights-generator-resources.json");
    let csv = dir.join("amex678-azure-inventory-insights-generator-resources.csv");
    let alone = read(&[&json]);
    assert_eq!(alone.files[0].format, Some(InputFormat::PowershellJson));
    assert_eq!(alone.inventory.len(), 89);
    assert!(alone.inventory.resources.iter().all(|r| r.id_origin == IdOrigin::Exported));
    let groups: BTreeSet<String> =
        alone.inventory.resources.iter().filter_map(|r| r.resource_group.as_deref()).map(str::to_lowercase).collect();
    assert_eq!(groups.len(), 7, "{groups:?}");
    assert!(!groups.iter().any(|g| g.contains('{')));
    let storage = alone.inventory.resources.iter().find(|r| r.name == "mcaps97700b11998514dc").unwrap();
    assert_eq!(storage.sku.as_ref().and_then(|s| s.name.as_deref()), Some("Standard_LRS"));
    assert_eq!(storage.kind.as_deref(), Some("StorageV2"));
    assert_eq!(storage.tags.get("Action").map(String::as_str), Some("Do Not Delete"));

    let csv_alone = read(&[&csv]);
    assert_eq!(csv_alone.files[0].format, Some(InputFormat::PowershellCsv));
    assert_eq!(csv_alone.inventory.len(), 89);

    let both = read(&[&json, &csv]);
    assert_eq!(both.inventory.len(), 89, "each resource once");
    assert!(both.inventory.resources.iter().all(|r| r.sources.len() == 2));
    assert!(!both.diagnostics.iter().any(|d| d.code == "import.merge-conflict"), "{:#?}", both.diagnostics);
}

#[test]
fn a_french_portal_export_reads_its_headers_and_type_names() {
    let dir = wild();
    let result = read(&[&dir.join("Darryll1-Projet-Data-Engineering--Azureresources.csv")]);
    assert_eq!(result.files[0].format, Some(InputFormat::PortalCsv));
    let types: Vec<&str> = result.inventory.resources.iter().map(|r| r.resource_type.as_str()).collect();
    assert_eq!(
        types,
        [
            "Microsoft.Databricks/workspaces",
            "Microsoft.DataFactory/factories",
            "Microsoft.Storage/storageAccounts",
            "Microsoft.Synapse/workspaces"
        ]
    );
    assert!(result.inventory.resources.iter().all(|r| r.location.as_ref().unwrap().as_str() == "eastus2"));
}

#[test]
fn the_sql_master_database_is_marked_and_planned_as_no_data_move() {
    let dir = wild();
    let path = dir.join("Reikundayo149-Master_Bot-azure-resources.json");
    let result = read(&[&path]);
    assert_eq!(result.inventory.len(), 4);
    let master = result.inventory.resources.iter().find(|r| r.name.ends_with("/master")).unwrap();
    assert!(master.system.is_some());
    let user = result.inventory.resources.iter().find(|r| r.name.ends_with("/masterbotdb")).unwrap();
    assert!(user.system.is_none());
    let analysis =
        analyze(&[InputFile::new("azure-resources.json", std::fs::read(&path).unwrap())], &AnalysisOptions::default());
    let task = analysis
        .plan
        .waves
        .iter()
        .flat_map(|wave| &wave.tasks)
        .find(|task| task.resource.as_str() == master.id.as_str())
        .expect("the master database is in the plan");
    assert!(task.data_gb.is_none(), "{task:?}");
    assert!(task.hours.is_zero());
}

/// One manifest entry's expected facts.
struct Expected<'a> {
    dest: &'a str,
    records: usize,
    groups: Option<BTreeSet<String>>,
    locations: BTreeSet<String>,
    vm_sizes: BTreeMap<String, u64>,
}

fn expected(entry: &Value) -> Expected<'_> {
    let facts = &entry["facts"];
    let strings = |value: &Value| -> BTreeSet<String> {
        value.as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_string).collect()
    };
    Expected {
        dest: entry["dest"].as_str().unwrap(),
        records: facts["records"].as_u64().unwrap() as usize,
        groups: facts.get("resource_groups").map(|g| strings(g).into_iter().map(|g| g.to_lowercase()).collect()),
        locations: strings(&facts["locations"])
            .iter()
            .filter_map(|l| Location::new(l))
            .map(|l| l.as_str().to_string())
            .collect(),
        vm_sizes: facts
            .get("vm_sizes")
            .and_then(Value::as_object)
            .map(|sizes| sizes.iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(0))).collect())
            .unwrap_or_default(),
    }
}

/// What one file gave, against what it should.
fn measure(dir: &Path, expected: &Expected) -> (String, Vec<String>) {
    let path = dir.join(expected.dest);
    let result = read(&[&path]);
    let file = &result.files[0];
    let mut wrong = Vec::new();
    if let Some(error) = &file.error {
        wrong.push(format!("refused: {error}"));
    }
    let resources = &result.inventory.resources;
    if resources.len() != expected.records || file.records != expected.records {
        wrong.push(format!("{} records, {} resources, expected {}", file.records, resources.len(), expected.records));
    }
    if let Some(groups) = &expected.groups {
        let found: BTreeSet<String> =
            resources.iter().filter_map(|r| r.resource_group.as_deref()).map(str::to_lowercase).collect();
        // A resource groups export lists the groups themselves.
        let named: BTreeSet<String> = resources
            .iter()
            .filter(|r| r.resource_type.key() == "microsoft.resources/resourcegroups")
            .map(|r| r.name.to_lowercase())
            .collect();
        if &found != groups && &named != groups {
            wrong.push(format!("resource groups {found:?}, expected {groups:?}"));
        }
    }
    let locations: BTreeSet<String> =
        resources.iter().filter_map(|r| r.location.as_ref()).map(|l| l.as_str().to_string()).collect();
    if !expected.locations.is_empty() && locations != expected.locations {
        wrong.push(format!("locations {locations:?}, expected {:?}", expected.locations));
    }
    let mut sizes: BTreeMap<String, u64> = BTreeMap::new();
    for resource in resources.iter().filter(|r| r.resource_type.key() == "microsoft.compute/virtualmachines") {
        if let Some(size) = vm_size(&result, &resource.name) {
            *sizes.entry(size).or_default() += 1;
        }
    }
    if !expected.vm_sizes.is_empty() && sizes != expected.vm_sizes {
        wrong.push(format!("VM sizes {sizes:?}, expected {:?}", expected.vm_sizes));
    }
    let unknown = resources.iter().filter(|r| r.resource_type.namespace() == UNKNOWN_NAMESPACE).count();
    let exported = resources.iter().filter(|r| r.id_origin == IdOrigin::Exported).count();
    let line = format!(
        "{:<22} {:>4} resources  {:>4} exported ids  {:>2} unknown types  {}",
        file.format.map_or("REFUSED", |f| f.short_name()),
        resources.len(),
        exported,
        unknown,
        expected.dest
    );
    (line, wrong)
}

#[test]
fn real_exports_import_with_their_expected_facts() {
    let Some(dir) = std::env::var_os("REGIONSHIFT_REAL_EXPORTS").map(PathBuf::from) else {
        println!("REGIONSHIFT_REAL_EXPORTS is not set: the research set of real exports was not read");
        return;
    };
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).expect("manifest.json in the folder"))
            .expect("manifest.json is JSON");
    let mut failures = Vec::new();
    for entry in manifest.as_array().expect("a list of files") {
        let expected = expected(entry);
        let (line, wrong) = measure(&dir, &expected);
        println!("{} {line}", if wrong.is_empty() { "ok  " } else { "FAIL" });
        for problem in &wrong {
            println!("       {problem}");
        }
        if !wrong.is_empty() {
            failures.push(expected.dest.to_string());
        }
    }
    assert!(failures.is_empty(), "{} file(s) differ from the manifest: {failures:#?}", failures.len());
}

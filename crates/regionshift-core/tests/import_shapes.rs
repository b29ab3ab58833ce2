//! One fixture per export shape (`tests/fixtures/inventory/shapes/`, written from each
//! tool's documented output with made-up names), each imported alone, with its
//! format, count, ids, groups, subscriptions, locations, types, SKUs, kinds and the
//! properties the assessment, cost and plan read.

use std::collections::BTreeSet;

use regionshift_core::inventory::{import, IdOrigin, Import, ImportOptions, InputFormat, Resource};
use regionshift_core::{analyze, AnalysisOptions, InputFile};
use serde_json::Value;

const SUB: &str = "3f2b8a1e-5c4d-4e6f-9a0b-1c2d3e4f5a6b";

fn fixture(name: &str) -> InputFile {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/inventory/shapes/");
    let bytes = std::fs::read(format!("{path}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"));
    InputFile::new(name, bytes)
}

/// Imports one fixture and checks what every shape must give: its format, its record
/// count, every record imported, and no file error.
fn check(name: &str, format: InputFormat, count: usize) -> Import {
    let result = import(&[fixture(name)], &ImportOptions::default());
    let file = &result.files[0];
    assert_eq!(file.error, None, "{name}");
    assert_eq!(file.format, Some(format), "{name}");
    assert_eq!((file.records, file.imported, file.skipped), (count, count, 0), "{name}: {:#?}", result.diagnostics);
    assert_eq!(result.inventory.len(), count, "{name}");
    result
}

fn named<'a>(result: &'a Import, name: &str) -> &'a Resource {
    result.inventory.resources.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("no {name}"))
}

fn property(resource: &Resource, path: &[&str]) -> Option<Value> {
    let mut value = resource.properties_value()?;
    for key in path {
        let next = match &value {
            Value::Object(map) => map.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.clone()),
            Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i).cloned()),
            _ => None,
        }?;
        value = next;
    }
    Some(value)
}

fn size(resource: &Resource) -> Option<String> {
    property(resource, &["hardwareProfile", "vmSize"]).and_then(|v| v.as_str().map(str::to_string))
}

fn groups(result: &Import) -> BTreeSet<String> {
    result.inventory.resources.iter().filter_map(|r| r.resource_group.clone()).collect()
}

fn codes(result: &Import) -> Vec<&'static str> {
    result.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn az_vm_list() {
    let result = check("az-vm-list.json", InputFormat::AzCliList, 2);
    let web = named(&result, "harbor-web-01");
    assert_eq!(web.id_origin, IdOrigin::Exported);
    assert_eq!(web.resource_group.as_deref(), Some("HARBOR-PROD"));
    assert_eq!(web.subscription.as_deref(), Some(SUB));
    assert_eq!(web.location.as_ref().unwrap().as_str(), "westeurope");
    assert_eq!(web.zones, ["1"]);
    assert_eq!(size(web).as_deref(), Some("Standard_D4s_v5"));
    assert_eq!(property(web, &["storageProfile", "osDisk", "osType"]), Some(Value::from("Linux")));
    let nic = property(web, &["networkProfile", "networkInterfaces", "0"]).unwrap();
    assert!(nic["id"].as_str().unwrap().ends_with("/networkInterfaces/harbor-web-01-nic"));
    assert!(nic.get("resourceGroup").is_none(), "az CLI's injected group is not a property");
    assert!(property(web, &["resources"]).is_none(), "extensions are resources of their own");
    assert_eq!(size(named(&result, "harbor-jobs-01")).as_deref(), Some("Standard_E8s_v5"));
}

#[test]
fn az_vm_show_with_details() {
    let result = check("az-vm-show-details.json", InputFormat::AzCliList, 1);
    let db = named(&result, "harbor-db-01");
    assert_eq!(size(db).as_deref(), Some("Standard_E16ds_v5"));
    assert_eq!(property(db, &["powerState"]), Some(Value::from("VM running")));
    assert_eq!(db.resource_group.as_deref(), Some("harbor-data"));
}

#[test]
fn az_network_nic_list_links_subnets_in_arm_shape() {
    let result = check("az-network-nic-list.json", InputFormat::AzCliList, 2);
    let nic = named(&result, "harbor-web-01-nic");
    let config = property(nic, &["ipConfigurations", "0"]).unwrap();
    assert_eq!(config["name"], "ipconfig1");
    assert!(config["properties"]["subnet"]["id"].as_str().unwrap().ends_with("/subnets/web"));
    assert_eq!(config["properties"]["privateIPAddress"], "10.20.0.4");
    // The plan finds the subnet and the public IP, and not the VM the NIC names back.
    let analysis = analyze(&[fixture("az-network-nic-list.json")], &AnalysisOptions::default());
    let external: Vec<(&str, &str)> = analysis.plan.external.iter().map(|x| (x.path.as_str(), x.to.as_str())).collect();
    assert!(
        external.iter().any(|(path, to)| path.starts_with("properties.ipConfigurations[0].properties.subnet")
            && to.ends_with("/virtualNetworks/harbor-vnet")),
        "{external:#?}"
    );
    assert!(!external.iter().any(|(_, to)| to.contains("/virtualMachines/")), "{external:#?}");
}

#[test]
fn az_resource_list_marks_the_master_database() {
    let result = check("az-resource-list.json", InputFormat::ResourceArray, 5);
    assert!(result.inventory.resources.iter().all(|r| r.properties.is_none()), "no properties: none invented");
    let master = named(&result, "harbor-sql/master");
    assert!(master.system.as_deref().unwrap().contains("master"));
    assert_eq!(master.kind.as_deref(), Some("v12.0,system"));
    let orders = named(&result, "harbor-sql/orders");
    assert!(orders.system.is_none());
    assert_eq!(orders.sku.as_ref().unwrap().capacity, Some(10));
    assert_eq!(named(&result, "harborlogs01").sku.as_ref().unwrap().name.as_deref(), Some("Standard_GRS"));
}

#[test]
fn az_resource_list_query_keeps_every_row_and_its_group() {
    let result = check("az-resource-list-query.json", InputFormat::AzCliQuery, 5);
    assert!(result.inventory.resources.iter().all(|r| r.id_origin == IdOrigin::Synthesised));
    assert_eq!(groups(&result), ["HARBOR-PROD", "harbor-prod"].map(String::from).into_iter().collect());
    // Two rows with the same name, type and group (two subscriptions the projection
    // left out) stay two resources.
    let vms = result.inventory.resources.iter().filter(|r| r.name == "harbor-web-01").count();
    assert_eq!(vms, 2);
    assert!(codes(&result).contains(&"import.kept-apart"));
    let ids: BTreeSet<&str> = result.inventory.resources.iter().map(|r| r.id.key()).collect();
    assert_eq!(ids.len(), 5);
    assert_eq!(named(&result, "harbor-ai").resource_type.as_str(), "Microsoft.Insights/components");
}

#[test]
fn az_vm_list_query_with_sizes() {
    let result = check("az-vm-list-query.json", InputFormat::AzCliQuery, 2);
    let web = named(&result, "harbor-web-01");
    assert_eq!(web.resource_type.as_str(), "Microsoft.Compute/virtualMachines");
    assert_eq!(size(web).as_deref(), Some("Standard_D4s_v5"));
    assert_eq!(
        property(named(&result, "harbor-jobs-01"), &["storageProfile", "osDisk", "osType"]),
        Some("Windows".into())
    );
    let unread = result.diagnostics.iter().find(|d| d.code == "import.keys-not-read").unwrap();
    assert!(unread.message.contains("Zone"), "{}", unread.message);
}

#[test]
fn az_resource_list_table_in_utf8_and_utf16() {
    let result = check("az-resource-list-table.txt", InputFormat::AzCliTable, 6);
    assert_eq!(groups(&result), ["HARBOR-PROD", "harbor-net", "harbor-prod"].map(String::from).into_iter().collect());
    let agent = named(&result, "harbor-web-01/AzureMonitorLinuxAgent");
    assert_eq!(agent.resource_type.as_str(), "Microsoft.Compute/virtualMachines/extensions");
    assert_eq!(named(&result, "Application Insights Smart Detection").location.as_ref().unwrap().as_str(), "global");
    // As Windows PowerShell 5.1's `>` writes it.
    let text = String::from_utf8(fixture("az-resource-list-table.txt").bytes).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let utf16 = import(&[InputFile::new("resources.txt", bytes)], &ImportOptions::default());
    assert_eq!(utf16.files[0].format, Some(InputFormat::AzCliTable));
    assert_eq!(utf16.inventory.len(), 6);
}

#[test]
fn az_vm_list_details_table_is_read_as_virtual_machines() {
    let result = check("az-vm-list-details-table.txt", InputFormat::AzCliTable, 2);
    assert!(result.inventory.resources.iter().all(|r| r.resource_type.as_str() == "Microsoft.Compute/virtualMachines"));
    assert_eq!(named(&result, "harbor-web-01").zones, ["1"]);
    assert!(named(&result, "harbor-jobs-01").zones.is_empty());
}

#[test]
fn az_resource_list_tsv() {
    let result = check("az-resource-list.tsv", InputFormat::AzCliTsv, 3);
    assert!(result.inventory.resources.iter().all(|r| r.id_origin == IdOrigin::Exported));
    let orders = named(&result, "harbor-sql/orders");
    assert_eq!(orders.kind.as_deref(), Some("v12.0,user"));
    assert_eq!(orders.location.as_ref().unwrap().as_str(), "westeurope");
    assert_eq!(orders.resource_group.as_deref(), Some("harbor-data"));
}

#[test]
fn powershell_get_azresource_json() {
    let result = check("ps-get-azresource.json", InputFormat::PowershellJson, 3);
    assert!(result.inventory.resources.iter().all(|r| r.id_origin == IdOrigin::Exported));
    assert!(result.inventory.resources.iter().all(|r| r.subscription.as_deref() == Some(SUB)));
    assert_eq!(groups(&result), ["HARBOR-PROD", "harbor-data", "harbor-prod"].map(String::from).into_iter().collect());
    let logs = named(&result, "harborlogs01");
    let sku = logs.sku.as_ref().unwrap();
    assert_eq!((sku.name.as_deref(), sku.tier.as_deref()), (Some("Standard_GRS"), Some("Standard")));
    assert_eq!(logs.kind.as_deref(), Some("StorageV2"));
    assert_eq!(logs.tags["app"], "harbor");
    assert!(logs.properties.is_none(), "Get-AzResource has no properties without -ExpandProperties");
    assert_eq!(named(&result, "harbor-sql/orders").sku.as_ref().unwrap().capacity, Some(10));
}

#[test]
fn powershell_single_object() {
    let result = check("ps-get-azresource-single.json", InputFormat::PowershellJson, 1);
    let vault = named(&result, "harbor-vault");
    assert_eq!(vault.resource_type.as_str(), "Microsoft.KeyVault/vaults");
    assert_eq!(vault.subscription.as_deref(), Some(SUB), "taken from the id when SubscriptionId is null");
}

#[test]
fn powershell_get_azvm_at_default_depth() {
    let result = check("ps-get-azvm-depth2.json", InputFormat::PowershellJson, 1);
    let web = named(&result, "harbor-web-01");
    assert_eq!(size(web).as_deref(), Some("Standard_D4s_v5"));
    assert_eq!(property(web, &["storageProfile", "osDisk"]), Some(Value::Null), "cut by the depth limit");
    assert_eq!(web.zones, ["1"]);
    let truncated = result.diagnostics.iter().find(|d| d.code == "import.depth-truncated").unwrap();
    assert!(truncated.message.starts_with("6 value(s) in 1 record(s)"), "{}", truncated.message);
    assert!(truncated.hint.as_deref().unwrap().contains("-Depth"));
}

#[test]
fn powershell_export_csv_with_a_type_line() {
    let result = check("ps-export-csv.csv", InputFormat::PowershellCsv, 4);
    assert!(result.inventory.resources.iter().all(|r| r.id_origin == IdOrigin::Exported));
    let logs = named(&result, "harborlogs01");
    assert_eq!(logs.sku.as_ref().unwrap().name.as_deref(), Some("Standard_GRS"));
    assert_eq!(logs.kind.as_deref(), Some("StorageV2"));
    assert!(logs.tags.is_empty());
    assert!(codes(&result).contains(&"import.tags-lost"), "{:?}", codes(&result));
    assert_eq!(named(&result, "harbor-ag").resource_type.as_str(), "Microsoft.Insights/actionGroups");
}

#[test]
fn powershell_resource_groups_csv_with_semicolons() {
    let result = check("ps-get-azresourcegroup.csv", InputFormat::ResourceGroupsCsv, 3);
    let group = named(&result, "harbor-prod");
    assert_eq!(group.resource_type.as_str(), "Microsoft.Resources/resourceGroups");
    assert_eq!(group.id_origin, IdOrigin::Exported);
    assert_eq!(group.subscription.as_deref(), Some(SUB));
}

#[test]
fn powershell_get_azvm_csv_says_what_it_lost() {
    let result = check("ps-get-azvm.csv", InputFormat::PowershellCsv, 2);
    assert!(size(named(&result, "harbor-web-01")).is_none());
    let lost = result.diagnostics.iter().find(|d| d.code == "csv.objects-as-type-names").unwrap();
    assert!(lost.message.contains("HardwareProfile") && lost.message.contains("StorageProfile"), "{}", lost.message);
}

#[test]
fn portal_csv_in_french_spanish_portuguese_german_and_chinese() {
    let fr = check("portal-fr.csv", InputFormat::PortalCsv, 4);
    assert_eq!(named(&fr, "harborlogs01").resource_type.as_str(), "Microsoft.Storage/storageAccounts");
    assert_eq!(named(&fr, "harbor-syn").resource_type.as_str(), "Microsoft.Synapse/workspaces", "left in English");
    assert!(fr.inventory.resources.iter().all(|r| r.location.as_ref().unwrap().as_str() == "westeurope"));

    let es = check("portal-es.csv", InputFormat::PortalCsv, 3);
    let orders = named(&es, "harbor-sql/orders");
    assert_eq!(orders.resource_type.as_str(), "Microsoft.Sql/servers/databases");
    assert_eq!(orders.resource_group.as_deref(), Some("harbor-data"));
    assert_eq!(orders.subscription_name.as_deref(), Some("Suscripción de Azure 1"));
    assert_eq!(named(&es, "harbor-kv").resource_type.as_str(), "Microsoft.KeyVault/vaults");

    let pt = check("portal-pt-br.csv", InputFormat::PortalCsv, 4);
    assert_eq!(named(&pt, "harbor-sql/orders").resource_type.as_str(), "Microsoft.Sql/servers/databases");
    let hub = named(&pt, "harbor-hub");
    assert_eq!(
        (hub.resource_type.as_str(), hub.kind.as_deref()),
        ("Microsoft.MachineLearningServices/workspaces", Some("Hub"))
    );
    assert_eq!(named(&pt, "harbor-speech").kind.as_deref(), Some("SpeechServices"));

    let de = check("portal-de.csv", InputFormat::PortalCsv, 3);
    let db = named(&de, "harbor-sql/harbor-db");
    assert_eq!(db.location.as_ref().unwrap().as_str(), "germanywestcentral", "a German region name");
    assert_eq!(named(&de, "harbor-widget").resource_type.as_str(), "Unknown/Widget-Fabrik");
    assert!(codes(&de).contains(&"csv.unknown-type"));

    let zh = check("portal-zh-hans.csv", InputFormat::PortalCsv, 2);
    let db = named(&zh, "harbor-sql/harbor-db");
    assert_eq!(db.resource_type.as_str(), "Microsoft.Sql/servers/databases");
    assert_eq!(db.location.as_ref().unwrap().as_str(), "chinanorth3");
    assert_eq!(db.subscription_name.as_deref(), Some("Harbor 生产"));
}

#[test]
fn portal_csv_unknown_types_sku_and_kind() {
    let result = check("portal-en-unknown-types.csv", InputFormat::PortalCsv, 6);
    let pings: Vec<&Resource> =
        result.inventory.resources.iter().filter(|r| r.resource_type.as_str() == "Unknown/Availability test").collect();
    assert_eq!(pings.len(), 2);
    let flow = named(&result, "harbor-nsg-flowlog (NetworkWatcher_westeurope/harbor-nsg-flowlog)");
    assert_eq!(flow.resource_type.as_str(), "Unknown/NSG flow log");
    let unknown: Vec<&str> =
        result.diagnostics.iter().filter(|d| d.code == "csv.unknown-type").map(|d| d.message.as_str()).collect();
    assert_eq!(unknown.len(), 2, "one per display type: {unknown:#?}");
    assert!(unknown[0].contains("\"Availability test\"") && unknown[0].starts_with("2 rows"));
    let logs = named(&result, "harborlogs01");
    assert_eq!(logs.sku.as_ref().unwrap().name.as_deref(), Some("Standard_GRS"));
    assert_eq!(logs.kind.as_deref(), Some("StorageV2"));
    assert_eq!(named(&result, "harbor-search").sku.as_ref().unwrap().name.as_deref(), Some("basic"));
    assert_eq!(named(&result, "harbor-web-01").subscription_name.as_deref(), Some("Harbor Production"));
}

#[test]
fn portal_virtual_machines_page() {
    let result = check("Virtualmachines.csv", InputFormat::PortalServiceCsv, 2);
    let jobs = named(&result, "harbor-jobs-01");
    assert_eq!(jobs.resource_type.as_str(), "Microsoft.Compute/virtualMachines");
    assert_eq!(size(jobs).as_deref(), Some("Standard_E8s_v5"));
    assert_eq!(property(jobs, &["storageProfile", "osDisk", "osType"]), Some("Windows".into()));
    assert_eq!(jobs.resource_group.as_deref(), Some("HARBOR-PROD"));
    assert_eq!(jobs.id_origin, IdOrigin::Synthesised);
    assert!(codes(&result).contains(&"csv.page"));
}

#[test]
fn portal_resource_groups_export() {
    let result = check("Azureresourcegroups.csv", InputFormat::ResourceGroupsCsv, 3);
    let group = named(&result, "NetworkWatcherRG");
    assert_eq!(group.resource_type.as_str(), "Microsoft.Resources/resourceGroups");
    assert_eq!(group.resource_group.as_deref(), Some("NetworkWatcherRG"));
    assert_eq!(group.subscription_name.as_deref(), Some("Harbor Production"));
}

#[test]
fn portal_json_view() {
    let result = check("portal-json-view.json", InputFormat::SingleResource, 1);
    let logs = named(&result, "harborlogs01");
    assert_eq!(logs.resource_type.as_str(), "Microsoft.Storage/storageAccounts");
    assert_eq!(logs.resource_group.as_deref(), Some("harbor-prod"), "from the id");
    assert_eq!(logs.api_version.as_deref(), Some("2023-05-01"));
    assert_eq!(logs.kind.as_deref(), Some("StorageV2"));
    assert_eq!(property(logs, &["secondaryLocation"]), Some("northeurope".into()));
}

#[test]
fn resource_graph_explorer_csv_download() {
    let result = check("resource-graph-download.csv", InputFormat::QueryCsv, 2);
    assert!(result.inventory.resources.iter().all(|r| r.id_origin == IdOrigin::Exported));
    let web = named(&result, "harbor-web-01");
    assert_eq!(web.resource_type.as_str(), "Microsoft.Compute/virtualMachines");
    assert_eq!(size(web).as_deref(), Some("Standard_D4s_v5"));
    assert_eq!((web.zones.as_slice(), web.tags["app"].as_str()), (["1".to_string()].as_slice(), "harbor"));
    let logs = named(&result, "harborlogs01");
    assert_eq!(logs.sku.as_ref().unwrap().tier.as_deref(), Some("Standard"));
    assert!(logs.identity.is_some());
    assert!(result.diagnostics.is_empty(), "{:#?}", result.diagnostics);
}

#[test]
fn an_exported_template_without_defaults_names_resources_after_their_parameters() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/arm/exported-without-defaults.json");
    let file = InputFile::new("template.json", std::fs::read(path).unwrap());
    let result = import(&[file], &ImportOptions::default());
    let names: Vec<&str> = result.inventory.resources.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["virtualMachines_harbor_box_name", "networkInterfaces_harbor_box_nic_name"]);
    let vm = named(&result, "virtualMachines_harbor_box_name");
    assert_eq!(vm.depends_on[0].id.as_ref().unwrap().name(), "networkInterfaces_harbor_box_nic_name");
    assert!(codes(&result).contains(&"template.named-after-parameter"));
    assert!(!result.inventory.resources.iter().any(|r| r.id.as_str().contains("{networkInterfaces")));
}

#[test]
fn every_shape_together_imports_and_merges_only_by_full_id() {
    let names = [
        "az-vm-list.json",
        "az-network-nic-list.json",
        "az-resource-list.json",
        "az-resource-list-table.txt",
        "az-resource-list.tsv",
        "ps-get-azresource.json",
        "ps-export-csv.csv",
        "portal-json-view.json",
        "Virtualmachines.csv",
    ];
    let files: Vec<InputFile> = names.iter().map(|n| fixture(n)).collect();
    let result = import(&files, &ImportOptions::default());
    assert!(result.files.iter().all(|f| f.error.is_none()));
    // harborlogs01 has its full id in five files (az resource list, its TSV, PowerShell
    // JSON and CSV, the JSON View): one resource, five sources.
    let logs: Vec<&Resource> = result.inventory.resources.iter().filter(|r| r.name == "harborlogs01").collect();
    assert_eq!(logs.len(), 1);
    assert_eq!(logs[0].sources.len(), 5);
    assert!(logs[0].properties.is_some(), "the JSON View's properties are kept");
    // The same VM from the az list and the portal page stays two resources: the page
    // row has no id.
    let web: Vec<&Resource> = result.inventory.resources.iter().filter(|r| r.name == "harbor-web-01").collect();
    assert_eq!(web.len(), 3, "az list + PowerShell JSON + CSV as one, the table row, the page row");
    assert_eq!(web.iter().filter(|r| r.id_origin == IdOrigin::Exported).count(), 1);
    assert_eq!(web.iter().find(|r| r.id_origin == IdOrigin::Exported).unwrap().sources.len(), 3);
}

//! A test per rule (a resource that passes, one that fails, one left unknown), and
//! the readiness rules.

use serde_json::{json, Value};

use super::*;
use crate::catalog::Catalog;
use crate::input::InputFile;
use crate::inventory::{import, ImportOptions};

const SUB: &str = "/subscriptions/7d2a9c41-5e0b-4c7e-9f1a-2b3c4d5e6f70/resourceGroups/rg";

fn id(kind: &str, name: &str) -> String {
    format!("{SUB}/providers/{kind}/{name}")
}

/// Imports the records as a Resource Graph export and assesses them.
fn run(records: Vec<Value>, target: &str) -> Assessment {
    let text = json!({ "data": records }).to_string();
    let imported = import(&[InputFile::new("t.json", text.into_bytes())], &ImportOptions::default());
    assert!(imported.diagnostics.iter().all(|d| d.code != "import.record-skipped"), "{:?}", imported.diagnostics);
    let options = AssessOptions { target: Location::new(target).unwrap() };
    assess(&imported.inventory, &Catalog::embedded(), &options)
}

fn one(record: Value, target: &str) -> (Readiness, Vec<&'static str>, Assessment) {
    let assessment = run(vec![record], target);
    let resource = &assessment.resources[0];
    let rules = resource.findings.iter().map(|&i| assessment.findings[i].rule_name).collect();
    (resource.readiness, rules, assessment)
}

fn vm(size: Option<&str>, location: &str) -> Value {
    let mut record = json!({ "id": id("Microsoft.Compute/virtualMachines", "vm1"), "location": location });
    if let Some(size) = size {
        record["properties"] = json!({ "hardwareProfile": { "vmSize": size },
            "storageProfile": { "imageReference": { "publisher": "Canonical", "offer": "ubuntu-24_04-lts", "sku": "server" } } });
    }
    record
}

#[test]
fn every_rule_in_the_table_is_well_formed_and_unique() {
    let rules = all_rules();
    assert!(rules.len() >= 20);
    let mut ids: Vec<&str> = rules.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), rules.len());
    for rule in rules {
        assert!(rule.doc.starts_with("https://"), "{}", rule.id);
        assert!(!rule.remediation.is_empty() && !rule.checks.is_empty(), "{}", rule.id);
    }
}

#[test]
fn vm_size_offered_passes_fails_with_alternatives_and_is_unknown_without_properties() {
    let (readiness, rules, _) = one(vm(Some("Standard_D2s_v5"), "chinanorth3"), "chinanorth3");
    assert_eq!((readiness, rules), (Readiness::Ready, vec![]));
    let (readiness, rules, assessment) = one(vm(Some("Standard_D4d_v5"), "eastus"), "chinanorth3");
    assert_eq!(readiness, Readiness::NotReady);
    assert!(rules.contains(&"vm-size-offered"), "{rules:?}");
    let finding = assessment.findings.iter().find(|f| f.rule_name == "vm-size-offered").unwrap();
    assert_eq!(finding.evidence.path, "properties.hardwareProfile.vmSize");
    assert_eq!(finding.evidence.value, "Standard_D4d_v5");
    // At least 4 vCPUs and 16 GiB, same family first.
    assert!(finding.alternatives[0].starts_with("Standard_D4"), "{:?}", finding.alternatives);
    // A size whose specs are unknown is still a blocker; the message says why nothing is suggested.
    let (_, _, assessment) = one(vm(Some("Standard_D2ps_v5"), "eastus"), "chinanorth3");
    let finding = assessment.findings.iter().find(|f| f.rule_name == "vm-size-offered").unwrap();
    assert!(finding.alternatives.is_empty() && finding.message.contains("specs"), "{}", finding.message);
    let (readiness, _, assessment) = one(vm(None, "chinanorth3"), "chinanorth3");
    assert_eq!(readiness, Readiness::Unknown);
    assert_eq!(assessment.unknown_causes[0].field, "properties.hardwareProfile.vmSize");
    assert!(assessment.unknown_causes[0].how_to_export.contains("Resource Graph"));
}

#[test]
fn type_offered_and_services_china_lacks() {
    let vnet =
        json!({ "id": id("Microsoft.Network/virtualNetworks", "v"), "location": "chinanorth3", "properties": {} });
    assert_eq!(one(vnet.clone(), "chinanorth3").0, Readiness::Ready);
    let openai = json!({ "id": id("Microsoft.CognitiveServices/accounts", "oai"), "kind": "OpenAI", "location": "eastus", "properties": {} });
    let (readiness, rules, _) = one(openai, "chinanorth3");
    assert_eq!((readiness, rules), (Readiness::NotReady, vec!["service-not-in-china"]));
    let vision = json!({ "id": id("Microsoft.CognitiveServices/accounts", "cv"), "kind": "ComputerVision", "location": "eastus", "properties": {} });
    assert!(!one(vision, "chinanorth3").1.contains(&"service-not-in-china"));
    let mariadb = json!({ "id": id("Microsoft.DBforMariaDB/servers", "m"), "location": "eastus", "properties": {} });
    assert_eq!(one(mariadb, "westeurope").1, vec!["type-offered"]);
    // A region the catalog does not know leaves the resource unknown, never ready.
    assert_eq!(one(vnet, "brazilsouth").0, Readiness::Unknown);
}

#[test]
fn zones_offered() {
    let mut zonal = vm(Some("Standard_D2s_v5"), "chinanorth3");
    zonal["zones"] = json!(["1"]);
    assert_eq!(one(zonal.clone(), "chinanorth3").0, Readiness::Ready);
    let (readiness, rules, _) = one(zonal, "chinaeast2");
    assert_eq!((readiness, rules), (Readiness::ReadyWithConditions, vec!["zones-offered"]));
}

#[test]
fn disk_sku_offered() {
    let disk = |sku: Option<&str>| {
        let mut record = json!({ "id": id("Microsoft.Compute/disks", "d"), "location": "chinanorth3", "properties": { "diskSizeGB": 64 } });
        if let Some(sku) = sku {
            record["sku"] = json!({ "name": sku });
        }
        record
    };
    assert_eq!(one(disk(Some("PremiumV2_LRS")), "chinanorth3").0, Readiness::Ready);
    assert_eq!(one(disk(Some("PremiumV2_LRS")), "chinanorth").1, vec!["disk-sku-offered"]);
    assert_eq!(one(disk(None), "chinanorth3").0, Readiness::Unknown);
}

#[test]
fn storage_redundancy_and_access_tier() {
    let account = |sku: &str, tier: &str| {
        json!({ "id": id("Microsoft.Storage/storageAccounts", "st"), "location": "chinanorth3", "kind": "StorageV2",
                "sku": { "name": sku }, "properties": { "accessTier": tier } })
    };
    assert_eq!(one(account("Standard_GZRS", "Hot"), "chinanorth3").0, Readiness::Ready);
    assert_eq!(one(account("Standard_GZRS", "Hot"), "chinaeast2").1, vec!["storage-redundancy-offered"]);
    assert_eq!(one(account("Standard_LRS", "Cold"), "chinanorth3").1, vec!["storage-tier-offered"]);
    let no_sku = json!({ "id": id("Microsoft.Storage/storageAccounts", "st"), "location": "chinanorth3" });
    assert_eq!(one(no_sku, "chinanorth3").0, Readiness::Unknown);
}

#[test]
fn sql_objective_offered() {
    let db = |name: &str, tier: &str| json!({ "id": id("Microsoft.Sql/servers", "s") + "/databases/db", "location": "chinanorth", "sku": { "name": name, "tier": tier }, "properties": {} });
    assert_eq!(one(db("S0", "Standard"), "chinanorth").0, Readiness::Ready);
    assert_eq!(one(db("GP_Gen5_2", "GeneralPurpose"), "chinanorth").1, vec!["sql-objective-offered"]);
    let no_sku = json!({ "id": id("Microsoft.Sql/servers", "s") + "/databases/db", "location": "chinanorth" });
    assert_eq!(one(no_sku, "chinanorth").0, Readiness::Unknown);
}

#[test]
fn app_service_tier_offered() {
    let plan = |name: &str| json!({ "id": id("Microsoft.Web/serverFarms", "p"), "location": "chinanorth", "sku": { "name": name }, "properties": {} });
    assert_eq!(one(plan("P1v2"), "chinanorth2").0, Readiness::Ready);
    assert_eq!(one(plan("P1v3"), "chinanorth").1, vec!["app-service-tier-offered"]);
}

#[test]
fn redis_key_vault_gateway_and_firewall_skus() {
    let redis = |tier: &str| json!({ "id": id("Microsoft.Cache/Redis", "r"), "location": "chinanorth3", "properties": { "sku": { "name": tier, "family": "P", "capacity": 1 } } });
    assert_eq!(one(redis("Premium"), "chinanorth3").0, Readiness::Ready);
    assert_eq!(one(redis("Enterprise"), "chinanorth3").1, vec!["redis-tier-offered"]);
    assert_eq!(one(redis("Ultimate"), "chinanorth3").0, Readiness::Unknown, "a tier the catalog does not know");
    let vault = json!({ "id": id("Microsoft.KeyVault/vaults", "kv"), "location": "chinanorth3", "properties": { "sku": { "name": "premium", "family": "A" } } });
    assert_eq!(one(vault, "chinanorth3").0, Readiness::Ready);
    let vault_without = json!({ "id": id("Microsoft.KeyVault/vaults", "kv"), "location": "chinanorth3" });
    assert_eq!(one(vault_without, "chinanorth3").0, Readiness::Unknown);
    let gateway = |sku: &str| json!({ "id": id("Microsoft.Network/applicationGateways", "ag"), "location": "chinanorth3", "properties": { "sku": { "name": sku, "tier": sku } } });
    assert_eq!(one(gateway("WAF_v2"), "chinanorth3").0, Readiness::Ready);
    assert_eq!(one(gateway("Standard_Small"), "chinanorth3").1, vec!["app-gateway-sku-offered"]);
    let firewall = |tier: &str| json!({ "id": id("Microsoft.Network/azureFirewalls", "fw"), "location": "chinanorth3", "properties": { "sku": { "name": "AZFW_VNet", "tier": tier } } });
    assert_eq!(one(firewall("Standard"), "chinanorth3").0, Readiness::Ready);
    assert_eq!(one(firewall("Galactic"), "chinanorth3").0, Readiness::Unknown, "a tier the catalog does not know");
    let (readiness, rules, _) = one(firewall("Standard"), "chinaeast3");
    assert_eq!(readiness, Readiness::NotReady);
    assert!(rules == ["firewall-sku-offered"] || rules == ["type-offered"], "{rules:?}");
}

#[test]
fn cosmos_capabilities() {
    let account = |capability: &str| {
        json!({ "id": id("Microsoft.DocumentDB/databaseAccounts", "c"), "location": "chinanorth3", "kind": "GlobalDocumentDB",
        "properties": { "capabilities": [{ "name": capability }], "enableMultipleWriteLocations": false } })
    };
    assert_eq!(one(account("EnableServerless"), "chinanorth3").0, Readiness::Ready);
    // The snapshot names no capability China lacks; one it does not know leaves the
    // account unknown rather than ready.
    assert_eq!(one(account("EnableCassandra"), "chinanorth3").0, Readiness::Unknown);
    let bare = json!({ "id": id("Microsoft.DocumentDB/databaseAccounts", "c"), "location": "chinanorth3" });
    assert_eq!(one(bare, "chinanorth3").0, Readiness::Unknown);
}

#[test]
fn legacy_resources() {
    let classic = json!({ "id": id("Microsoft.ClassicCompute/domainNames", "cs"), "location": "eastus" });
    assert!(one(classic, "eastus2").1.contains(&"classic-resource"));
    let ip = |sku: Option<&str>| {
        let mut record = json!({ "id": id("Microsoft.Network/publicIPAddresses", "ip"), "location": "chinanorth3", "properties": {} });
        if let Some(sku) = sku {
            record["sku"] = json!({ "name": sku, "tier": "Regional" });
        }
        record
    };
    assert_eq!(one(ip(Some("Standard")), "chinanorth3").0, Readiness::Ready);
    assert!(one(ip(Some("Basic")), "chinanorth3").1.contains(&"basic-public-ip"));
    assert_eq!(one(ip(None), "chinanorth3").0, Readiness::Unknown);
    let lb = json!({ "id": id("Microsoft.Network/loadBalancers", "lb"), "location": "chinanorth3", "sku": { "name": "Basic" }, "properties": {} });
    assert!(one(lb, "chinanorth3").1.contains(&"basic-load-balancer"));
}

#[test]
fn vm_images_and_extensions() {
    let mut bitnami = vm(Some("Standard_D2s_v5"), "eastus");
    bitnami["properties"]["storageProfile"]["imageReference"] =
        json!({ "publisher": "bitnami", "offer": "wordpress", "sku": "4-4" });
    assert!(one(bitnami.clone(), "chinanorth3").1.contains(&"vm-image-offered"));
    assert!(!one(bitnami, "westeurope").1.contains(&"vm-image-offered"), "global marketplaces are not checked");
    let extension = |publisher: &str, kind: &str| {
        json!({ "id": id("Microsoft.Compute/virtualMachines", "vm1") + "/extensions/x", "location": "chinanorth3",
        "properties": { "publisher": publisher, "type": kind, "typeHandlerVersion": "1.0" } })
    };
    assert_eq!(one(extension("Microsoft.Azure.Monitor", "AzureMonitorLinuxAgent"), "chinanorth3").0, Readiness::Ready);
    assert_eq!(
        one(extension("Microsoft.EnterpriseCloud.Monitoring", "OmsAgentForLinux"), "chinanorth3").1,
        vec!["vm-extension-offered"]
    );
}

#[test]
fn api_versions_of_template_resources() {
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
            { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "1999-01-01", "name": "old", "location": "eastus", "properties": {} },
            { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "new", "location": "eastus", "properties": {} }
        ]
    });
    let imported = import(&[InputFile::new("t.json", template.to_string().into_bytes())], &ImportOptions::default());
    let options = AssessOptions { target: Location::new("westeurope").unwrap() };
    let assessment = assess(&imported.inventory, &Catalog::embedded(), &options);
    let old = assessment.resources.iter().find(|r| r.name == "old").unwrap();
    let new = assessment.resources.iter().find(|r| r.name == "new").unwrap();
    assert_eq!(old.readiness, Readiness::ReadyWithConditions);
    assert_eq!(assessment.findings[old.findings[0]].rule_name, "api-version-known");
    assert_eq!(new.readiness, Readiness::Ready);
}

#[test]
fn cross_cloud_moves_get_their_own_findings() {
    let app = json!({ "id": id("Microsoft.Web/sites", "shop"), "location": "eastus", "kind": "app",
        "identity": { "type": "SystemAssigned" },
        "properties": { "hostNames": ["shop.contoso.com", "shop.azurewebsites.net"], "defaultHostName": "shop.azurewebsites.net",
            "siteConfig": { "appSettings": [{ "name": "DB", "value": "Server=tcp:sql1.database.windows.net,1433" }] } } });
    let (readiness, rules, assessment) = one(app.clone(), "chinanorth3");
    assert!(assessment.crosses_clouds);
    assert_eq!(readiness, Readiness::ReadyWithConditions);
    for rule in ["cross-cloud-identity", "cross-cloud-endpoints", "cross-cloud-icp"] {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }
    let endpoint = assessment.findings.iter().find(|f| f.rule_name == "cross-cloud-endpoints").unwrap();
    assert!(endpoint.evidence.path.starts_with("properties.siteConfig.appSettings"), "{}", endpoint.evidence.path);
    // Within one cloud none of these apply.
    let (_, rules, assessment) = one(app, "westeurope");
    assert!(!assessment.crosses_clouds);
    assert!(rules.iter().all(|r| !r.starts_with("cross-cloud")), "{rules:?}");
    // A peer that moves along is re-peered in the target; one that stays behind is a blocker.
    let peered = |remote: &str| {
        json!({ "id": id("Microsoft.Network/virtualNetworks", "hub"), "location": "eastus",
        "properties": { "virtualNetworkPeerings": [{ "name": "to-spoke", "properties": { "remoteVirtualNetwork": { "id": id("Microsoft.Network/virtualNetworks", remote) } } }] } })
    };
    let spoke =
        json!({ "id": id("Microsoft.Network/virtualNetworks", "spoke"), "location": "eastus", "properties": {} });
    let together = run(vec![peered("spoke"), spoke], "chinanorth3");
    assert!(together.findings.iter().all(|f| f.rule_name != "cross-cloud-connectivity"));
    let (readiness, rules, _) = one(peered("elsewhere"), "chinanorth3");
    assert_eq!((readiness, rules), (Readiness::NotReady, vec!["cross-cloud-connectivity"]));
}

#[test]
fn marketplace_plans_need_the_target_clouds_marketplace() {
    let mut bought = vm(Some("Standard_D2s_v5"), "eastus");
    bought["plan"] =
        json!({ "name": "fortigate-byol", "publisher": "fortinet", "product": "fortinet_fortigate-vm_v5" });
    assert!(one(bought.clone(), "chinanorth3").1.contains(&"cross-cloud-marketplace"));
    assert!(!one(bought, "westeurope").1.contains(&"cross-cloud-marketplace"), "same cloud, same marketplace");
}

#[test]
fn every_resource_gets_a_migration_method_and_the_summary_adds_up() {
    let records = vec![
        vm(Some("Standard_D2s_v5"), "eastus"),
        vm(None, "eastus"),
        json!({ "id": id("Microsoft.Network/publicIPAddresses", "ip"), "location": "eastus", "sku": { "name": "Basic" }, "properties": {} }),
    ];
    let assessment = run(records, "chinanorth3");
    let summary = &assessment.summary;
    assert_eq!(summary.resources, summary.ready + summary.ready_with_conditions + summary.not_ready + summary.unknown);
    assert!(assessment.resources.iter().all(|r| !r.method.steps.is_empty()));
    assert!(assessment.resources.iter().all(|r| r.method.cross_cloud));
}

#[test]
fn the_sample_estate_is_assessed_against_every_target() {
    let sample = include_bytes!("../../../../data/sample-estate.json");
    let imported = import(&[InputFile::new("sample.json", sample.to_vec())], &ImportOptions::default());
    let catalog = Catalog::embedded();
    for target in
        ["chinanorth", "chinanorth2", "chinanorth3", "chinaeast", "chinaeast2", "chinaeast3", "eastus", "westeurope"]
    {
        let assessment =
            assess(&imported.inventory, &catalog, &AssessOptions { target: Location::new(target).unwrap() });
        assert_eq!(assessment.resources.len(), imported.inventory.len());
        if target.starts_with("china") {
            assert!(assessment.summary.not_ready > 0, "{target}: the sample holds things China lacks");
        }
    }
}

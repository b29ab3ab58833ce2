//! A test per rule (a resource that passes, one that fails, one left unknown), and
//! the readiness rules.

use serde_json::{json, Value};

use super::*;
use crate::catalog::{Catalog, Offer, Says, SourceKind};
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
    let options = AssessOptions { target: Location::new(target).unwrap(), on: None };
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
    // Azure OpenAI exists in Azure China, in regions no source names: Unknown, not absent.
    assert_eq!(readiness, Readiness::Unknown);
    assert_eq!(rules, vec!["availability-unknown"]);
    let vision = json!({ "id": id("Microsoft.CognitiveServices/accounts", "cv"), "kind": "ComputerVision", "location": "eastus", "properties": {} });
    assert!(!one(vision, "chinanorth3").1.contains(&"service-not-in-china"));
    let maps = json!({ "id": id("Microsoft.Maps/accounts", "m"), "location": "eastus", "sku": { "name": "G2" }, "properties": {} });
    let (readiness, rules, assessment) = one(maps, "chinanorth3");
    assert_eq!((readiness, rules), (Readiness::NotReady, vec!["service-not-in-china"]));
    let sources = assessment.findings[0].sources.as_ref().unwrap();
    assert_eq!(sources.deciding().unwrap().source.id, "price:catalogue");
    let mariadb = json!({ "id": id("Microsoft.DBforMariaDB/servers", "m"), "location": "eastus", "properties": {} });
    assert_eq!(one(mariadb, "westeurope").1, vec!["retired"]);
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
    assert_eq!(one(disk(Some("PremiumV2_LRS")), "chinaeast2").1, vec!["disk-sku-offered"]);
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
    assert_eq!(one(db("S0", "Standard"), "chinaeast2").0, Readiness::Ready);
    assert_eq!(one(db("GP_Gen5_2", "GeneralPurpose"), "chinaeast2").0, Readiness::Ready);
    // Serverless is documented absent in China North and China East: the edition
    // (GeneralPurpose) does not overrule the objective.
    assert!(one(db("GP_S_Gen5_2", "GeneralPurpose"), "chinanorth").1.contains(&"sql-objective-offered"));
    assert_eq!(one(db("GP_S_Gen5_2", "GeneralPurpose"), "chinanorth2").0, Readiness::Ready);
    let no_sku = json!({ "id": id("Microsoft.Sql/servers", "s") + "/databases/db", "location": "chinanorth" });
    assert_eq!(one(no_sku, "chinaeast2").0, Readiness::Unknown);
}

#[test]
fn app_service_tier_offered() {
    let plan = |name: &str| json!({ "id": id("Microsoft.Web/serverFarms", "p"), "location": "chinanorth", "sku": { "name": name }, "properties": {} });
    assert_eq!(one(plan("P1v2"), "chinanorth2").0, Readiness::Ready);
    assert!(one(plan("P1v3"), "chinanorth").1.contains(&"app-service-tier-offered"));
    assert_eq!(one(plan("P1v3"), "chinaeast2").0, Readiness::Ready);
    // Isolated (v1) plans went with App Service Environment v1/v2.
    assert_eq!(one(plan("I1"), "chinanorth3").1, vec!["retired"]);
}

#[test]
fn redis_key_vault_gateway_and_firewall_skus() {
    let redis = |tier: &str| json!({ "id": id("Microsoft.Cache/Redis", "r"), "location": "chinanorth3", "properties": { "sku": { "name": tier, "family": "P", "capacity": 1 } } });
    // Azure Cache for Redis retires on 2028-09-30: ready, with that condition.
    let (readiness, rules, _) = one(redis("Premium"), "chinanorth3");
    assert_eq!((readiness, rules), (Readiness::ReadyWithConditions, vec!["retiring"]));
    assert_eq!(one(redis("Enterprise"), "chinanorth3").1, vec!["retiring", "redis-tier-offered"]);
    assert_eq!(one(redis("Ultimate"), "chinanorth3").0, Readiness::Unknown, "a tier the catalog does not know");
    let vault = json!({ "id": id("Microsoft.KeyVault/vaults", "kv"), "location": "chinanorth3", "properties": { "sku": { "name": "premium", "family": "A" } } });
    assert_eq!(one(vault, "chinanorth3").0, Readiness::Ready);
    let vault_without = json!({ "id": id("Microsoft.KeyVault/vaults", "kv"), "location": "chinanorth3" });
    assert_eq!(one(vault_without, "chinanorth3").0, Readiness::Unknown);
    let gateway = |sku: &str| json!({ "id": id("Microsoft.Network/applicationGateways", "ag"), "location": "chinanorth3", "properties": { "sku": { "name": sku, "tier": sku } } });
    assert_eq!(one(gateway("WAF_v2"), "chinanorth3").0, Readiness::Ready);
    let v1 = json!({ "id": id("Microsoft.Network/applicationGateways", "ag"), "location": "chinanorth3", "properties": { "sku": { "name": "Standard_Small", "tier": "Standard" } } });
    assert_eq!(one(v1, "chinanorth3").1, vec!["retired"]);
    let firewall = |tier: &str| json!({ "id": id("Microsoft.Network/azureFirewalls", "fw"), "location": "chinanorth3", "properties": { "sku": { "name": "AZFW_VNet", "tier": tier } } });
    assert_eq!(one(firewall("Standard"), "chinanorth3").0, Readiness::Ready);
    assert_eq!(one(firewall("Galactic"), "chinanorth3").0, Readiness::Unknown, "a tier the catalog does not know");
    // China East 3: only a price page's region selector leaves it out, which decides nothing.
    let (readiness, rules, _) = one(firewall("Standard"), "chinaeast3");
    assert_eq!(readiness, Readiness::Unknown);
    assert_eq!(rules, vec!["region-access-restricted", "availability-unknown"]);
}

#[test]
fn cosmos_capabilities() {
    let account = |capability: &str| {
        json!({ "id": id("Microsoft.DocumentDB/databaseAccounts", "c"), "location": "chinanorth3", "kind": "GlobalDocumentDB",
        "properties": { "capabilities": [{ "name": capability }], "enableMultipleWriteLocations": false } })
    };
    assert_eq!(one(account("EnableServerless"), "chinanorth3").0, Readiness::Ready);
    assert_eq!(one(account("EnableCassandra"), "chinanorth3").0, Readiness::Ready);
    // A capability no source covers leaves the account unknown rather than ready.
    assert_eq!(one(account("EnableNoSQLVectorSearch"), "chinanorth3").0, Readiness::Unknown);
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
        vec!["retired"]
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
    let options = AssessOptions { target: Location::new("westeurope").unwrap(), on: None };
    let assessment = assess(&imported.inventory, &Catalog::embedded(), &options);
    let old = assessment.resources.iter().find(|r| &*r.name == "old").unwrap();
    let new = assessment.resources.iter().find(|r| &*r.name == "new").unwrap();
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
            assess(&imported.inventory, &catalog, &AssessOptions { target: Location::new(target).unwrap(), on: None });
        assert_eq!(assessment.resources.len(), imported.inventory.len());
        if target.starts_with("china") {
            assert!(assessment.summary.not_ready > 0, "{target}: the sample holds things China lacks");
        }
        // A remediation pointing to an alternative has one listed, or the message says
        // why none is named.
        for finding in &assessment.findings {
            if finding.remediation.contains("alternative listed with the finding") {
                assert!(
                    !finding.alternatives.is_empty() || finding.message.contains("No alternative is named"),
                    "{target}: {} on {} names no alternative and does not say why: {}",
                    finding.rule,
                    finding.resource,
                    finding.message
                );
            }
        }
    }
    assert!(all_rules().iter().all(|rule| !rule.remediation.contains("named below")));
}

// One test per class of error of issue 17 (catalog truth): a resource that must be Ready
// (or at least not blocked) and one that must not be Ready, each with its evidence.

fn finding<'a>(assessment: &'a Assessment, rule: &str) -> &'a Finding {
    assessment.findings.iter().find(|f| f.rule_name == rule).unwrap_or_else(|| panic!("no {rule} finding"))
}

#[test]
fn offered_services_are_not_called_absent() {
    let cluster =
        json!({ "id": id("Microsoft.DocumentDB/mongoClusters", "docdb"), "location": "eastus", "properties": {} });
    assert_eq!(one(cluster.clone(), "chinanorth2").0, Readiness::Ready);
    let (readiness, rules, assessment) = one(cluster, "chinaeast3");
    assert_eq!(readiness, Readiness::NotReady);
    assert!(rules.contains(&"type-offered"), "{rules:?}");
    let sources = finding(&assessment, "type-offered").sources.as_ref().unwrap();
    assert_eq!(
        sources.deciding().unwrap().source.url.as_deref(),
        Some("https://docs.azure.cn/en-us/documentdb/regional-availability")
    );
}

#[test]
fn a_sku_offered_in_one_region_is_not_accepted_in_another() {
    let disk = json!({ "id": id("Microsoft.Compute/disks", "d"), "location": "eastus", "zones": ["1"],
        "sku": { "name": "PremiumV2_LRS" }, "properties": { "diskSizeGB": 64 } });
    assert_eq!(one(disk.clone(), "chinanorth3").0, Readiness::Ready);
    let (readiness, rules, assessment) = one(disk, "chinaeast3");
    assert_eq!(readiness, Readiness::NotReady);
    assert!(rules.contains(&"disk-sku-offered"), "{rules:?}");
    let sources = finding(&assessment, "disk-sku-offered").sources.as_ref().unwrap();
    assert_eq!(sources.deciding().unwrap().source.kind, SourceKind::Documentation);
    assert!(sources.conflict, "the price page that shows it for China East 3 is kept, and disagrees");
    assert!(sources.statements.iter().any(|s| s.source.kind == SourceKind::PricePage && s.says == Says::Offered));
}

#[test]
fn price_page_region_lists_do_not_override_documentation() {
    let workspace = json!({ "id": id("Microsoft.Databricks/workspaces", "dbw"), "location": "eastus", "sku": { "name": "premium" }, "properties": {} });
    // China East 3 is in the product's region table: only the region's access restriction remains.
    let (readiness, rules, _) = one(workspace.clone(), "chinaeast3");
    assert_eq!((readiness, rules), (Readiness::ReadyWithConditions, vec!["region-access-restricted"]));
    assert!(one(workspace, "chinanorth").1.contains(&"type-offered"), "the table leaves China North out");
    // A blocker resting on a price page alone is gone; the page is still shown.
    let signalr = json!({ "id": id("Microsoft.SignalRService/SignalR", "sr"), "location": "eastus", "properties": {} });
    let (readiness, rules, assessment) = one(signalr, "chinanorth3");
    assert_eq!((readiness, rules), (Readiness::Unknown, vec!["availability-unknown"]));
    let sources = finding(&assessment, "availability-unknown").sources.as_ref().unwrap();
    assert!(sources.statements.iter().all(|s| s.says == Says::Unlisted && s.source.kind == SourceKind::PricePage));
    let automation =
        json!({ "id": id("Microsoft.Automation/automationAccounts", "aa"), "location": "eastus", "properties": {} });
    assert_eq!(one(automation, "chinanorth3").0, Readiness::Ready);
    let bastion = json!({ "id": id("Microsoft.Network/bastionHosts", "b"), "location": "eastus", "sku": { "name": "Standard" }, "properties": {} });
    assert_eq!(one(bastion, "chinanorth3").0, Readiness::Ready);
}

#[test]
fn cognitive_services_are_assessed_by_kind() {
    let account = |kind: Option<&str>| {
        let mut record = json!({ "id": id("Microsoft.CognitiveServices/accounts", "ai"), "location": "eastus", "sku": { "name": "S0" }, "properties": {} });
        if let Some(kind) = kind {
            record["kind"] = json!(kind);
        }
        record
    };
    assert_eq!(one(account(Some("SpeechServices")), "chinanorth2").0, Readiness::Ready);
    let (readiness, rules, assessment) = one(account(Some("SpeechServices")), "chinaeast2");
    assert_eq!((readiness, rules), (Readiness::Ready, vec![]), "{:?}", assessment.findings);
    let (readiness, rules, assessment) = one(account(Some("SpeechServices")), "chinanorth");
    assert_eq!(readiness, Readiness::NotReady);
    assert!(rules.contains(&"kind-offered"), "{rules:?}");
    assert!(finding(&assessment, "kind-offered").message.contains("Azure AI Speech"));
    assert_eq!(one(account(Some("TextTranslation")), "chinaeast").0, Readiness::NotReady);
    assert_eq!(one(account(Some("TextTranslation")), "chinanorth2").0, Readiness::Ready);
    // Without a kind the account's service is unknown: never a pass.
    let (readiness, _, assessment) = one(account(None), "chinanorth3");
    assert_eq!(readiness, Readiness::Unknown);
    assert!(assessment.unknown_causes.iter().any(|c| c.field == "kind"));
    // Azure OpenAI is not called absent from China, nor passed.
    assert_eq!(one(account(Some("OpenAI")), "chinanorth3").0, Readiness::Unknown);
}

#[test]
fn restrictions_and_retirements_are_surfaced() {
    let vnet = json!({ "id": id("Microsoft.Network/virtualNetworks", "v"), "location": "eastus", "properties": {} });
    assert_eq!(one(vnet.clone(), "chinanorth3").0, Readiness::Ready);
    let (readiness, rules, assessment) = one(vnet.clone(), "chinaeast3");
    assert_eq!((readiness, rules), (Readiness::ReadyWithConditions, vec!["region-access-restricted"]));
    let restricted = finding(&assessment, "region-access-restricted");
    assert!(restricted.message.contains("support request"), "{}", restricted.message);
    assert!(restricted.sources.as_ref().unwrap().statements.iter().all(|s| s.says == Says::Restricted));
    // The unconfirmed retirement of China North is a condition citing its source, not a blocker.
    let (readiness, rules, assessment) = one(vnet, "chinanorth");
    assert_eq!((readiness, rules), (Readiness::ReadyWithConditions, vec!["region-retirement-announced"]));
    assert!(finding(&assessment, "region-retirement-announced").message.contains("not confirmed"));

    let qna = json!({ "id": id("Microsoft.CognitiveServices/accounts", "qna"), "kind": "QnAMaker", "location": "eastus", "properties": {} });
    for target in ["chinanorth3", "eastus", "westeurope"] {
        let (readiness, rules, assessment) = one(qna.clone(), target);
        assert_eq!((readiness, rules), (Readiness::NotReady, vec!["retired"]), "{target}");
        let retired = finding(&assessment, "retired");
        assert!(retired.message.contains("2025-03-31") && retired.alternatives[0].contains("question answering"));
        assert_eq!(retired.sources.as_ref().unwrap().offer, Offer::NotOffered);
    }
    // Retiring later: ready, with the date as a condition.
    let vision = json!({ "id": id("Microsoft.CognitiveServices/accounts", "cv"), "kind": "ComputerVision", "location": "eastus", "properties": {} });
    let (readiness, rules, assessment) = one(vision, "chinanorth3");
    assert_eq!((readiness, rules), (Readiness::ReadyWithConditions, vec!["retiring"]));
    assert!(finding(&assessment, "retiring").message.contains("2028-09-25"));
    // Retirement is judged on the assessment's date.
    let imported = import(&[InputFile::new("t.json", json!({ "data": [json!({ "id": id("Microsoft.Cache/Redis", "r"), "location": "eastus", "properties": { "sku": { "name": "Premium" } } })] }).to_string().into_bytes())], &ImportOptions::default());
    let later = AssessOptions { target: Location::new("eastus").unwrap(), on: Some("2028-10-01".parse().unwrap()) };
    let assessment = assess(&imported.inventory, &Catalog::embedded(), &later);
    assert_eq!(assessment.resources[0].readiness, Readiness::NotReady);
}

#[test]
fn services_sold_in_china_are_not_left_unknown_where_a_source_decides() {
    let job =
        json!({ "id": id("Microsoft.StreamAnalytics/streamingjobs", "asa"), "location": "eastus", "properties": {} });
    let (readiness, _, assessment) = one(job.clone(), "chinanorth3");
    assert_eq!(readiness, Readiness::Ready, "{:?}", assessment.findings);
    // China North (2014) is not covered by the service-category statement: still Unknown,
    // with the price page that sells it China-wide shown.
    let (readiness, rules, _) = one(job, "chinanorth");
    assert_eq!(readiness, Readiness::Unknown);
    assert!(rules.contains(&"availability-unknown"), "{rules:?}");
    let wan = json!({ "id": id("Microsoft.Network/virtualWans", "wan"), "location": "eastus", "properties": {} });
    assert_eq!(one(wan.clone(), "chinanorth3").0, Readiness::Ready);
    assert_eq!(one(wan, "chinaeast2").0, Readiness::Unknown);
}

#[test]
fn spot_priority_is_applied_not_dropped() {
    let spot = |size: &str| {
        let mut record = vm(Some(size), "eastus");
        record["properties"]["priority"] = json!("Spot");
        record
    };
    assert_eq!(one(vm(Some("Standard_D2s_v5"), "eastus"), "chinanorth3").0, Readiness::Ready);
    let (readiness, _, assessment) = one(spot("Standard_D2s_v5"), "chinanorth3");
    assert_eq!(readiness, Readiness::Unknown, "no source says China sells Spot: never Ready");
    assert!(assessment.unknown_causes.iter().any(|c| c.field == "catalog: Spot VMs in the target region"));
    assert_eq!(one(spot("Standard_D2s_v5"), "eastus").0, Readiness::Ready);
    // The user's list-skus answers per size.
    let text = json!({ "data": [spot("Standard_D2s_v5")] }).to_string();
    let imported = import(&[InputFile::new("t.json", text.into_bytes())], &ImportOptions::default());
    let mut catalog = Catalog::embedded();
    let skus = r#"[{"resourceType": "virtualMachines", "name": "Standard_D2s_v5", "locations": ["chinanorth3"],
        "capabilities": [{"name": "vCPUs", "value": "2"}, {"name": "MemoryGB", "value": "8"}, {"name": "LowPriorityCapable", "value": "False"}]}]"#;
    catalog.load_user_files(&[InputFile::new("skus.json", skus)]);
    let options = AssessOptions { target: Location::new("chinanorth3").unwrap(), on: None };
    let assessment = assess(&imported.inventory, &catalog, &options);
    assert_eq!(assessment.resources[0].readiness, Readiness::NotReady);
    let spot = finding(&assessment, "spot-offered");
    assert_eq!(spot.sources.as_ref().unwrap().deciding().unwrap().source.file.as_deref(), Some("skus.json"));
}

#[test]
fn findings_carry_their_evidence_in_the_json() {
    let disk = json!({ "id": id("Microsoft.Compute/disks", "d"), "location": "eastus", "sku": { "name": "Premium_ZRS" }, "properties": {} });
    let (_, _, assessment) = one(disk, "chinaeast2");
    let json = serde_json::to_value(&assessment).unwrap();
    let sources = &json["findings"][0]["sources"];
    assert_eq!(sources["offer"], "not-offered");
    let deciding = &sources["statements"][sources["decided_by"].as_u64().unwrap() as usize];
    assert_eq!(deciding["kind"], "documentation");
    assert!(deciding["url"].as_str().unwrap().starts_with("https://"));
    assert!(deciding["date"].as_str().unwrap().len() == 10);
    assert_eq!(deciding["says"], "not-offered");
    // A finding that does not rest on the catalog has no sources.
    let app = json!({ "id": id("Microsoft.Web/sites", "w"), "location": "eastus", "kind": "app", "identity": { "type": "SystemAssigned" }, "properties": {} });
    let (_, _, assessment) = one(app, "chinanorth3");
    assert!(serde_json::to_value(&assessment).unwrap()["findings"][0].get("sources").is_none());
}

#[test]
fn assessing_several_targets_at_once_gives_each_targets_own_assessment() {
    let sample = include_bytes!("../../../../data/sample-estate.json");
    let imported = import(&[InputFile::new("sample-estate.json", &sample[..])], &ImportOptions::default());
    let catalog = Catalog::embedded();
    let options: Vec<AssessOptions> = ["chinanorth3", "eastus", "chinaeast3", "chinanorth3"]
        .iter()
        .map(|target| AssessOptions { target: Location::new(target).unwrap(), on: None })
        .collect();
    let each = assess_each(&imported.inventory, &catalog, &options);
    assert_eq!(each.len(), options.len());
    for (assessment, options) in each.iter().zip(&options) {
        let alone = assess(&imported.inventory, &catalog, options);
        assert_eq!(serde_json::to_value(assessment).unwrap(), serde_json::to_value(&alone).unwrap());
    }
    assert!(assess_each(&imported.inventory, &catalog, &[]).is_empty());
}

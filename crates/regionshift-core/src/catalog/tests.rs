//! Tests of the catalog: the embedded snapshot, its queries, and user files.

use super::*;
use crate::diagnostics::Severity;

fn at(name: &str) -> Location {
    Location::new(name).unwrap()
}

fn ty(name: &str) -> ResourceType {
    ResourceType::new(name)
}

fn fixture(name: &str) -> InputFile {
    let path = format!("{}/tests/fixtures/catalog/{name}", concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    InputFile::new(name, std::fs::read(&path).unwrap())
}

fn with_fixtures() -> (Catalog, Vec<Diagnostic>) {
    let mut catalog = Catalog::embedded();
    let diagnostics = catalog.load_user_files(&[fixture("az-provider-list.json"), fixture("az-vm-list-skus.json")]);
    (catalog, diagnostics)
}

const CHINA: [&str; 6] = ["chinanorth", "chinanorth2", "chinanorth3", "chinaeast", "chinaeast2", "chinaeast3"];
const GLOBAL: [&str; 10] = [
    "eastus",
    "eastus2",
    "westus2",
    "westeurope",
    "northeurope",
    "uksouth",
    "southeastasia",
    "eastasia",
    "japaneast",
    "australiaeast",
];

#[test]
fn every_embedded_file_parses_and_has_a_date_and_a_schema() {
    for (name, text) in snapshot::files() {
        let meta = snapshot::meta_of(text).unwrap_or_else(|| panic!("{name}: no _meta with as_of"));
        assert!(meta.as_of.parse::<Date>().is_ok(), "{name}: as_of is not a YYYY-MM-DD date: {}", meta.as_of);
        assert!(meta.schema.len() > 60, "{name}: _meta.schema says too little");
    }
    let snapshot = snapshot::parse();
    assert!(snapshot.sources.len() > 150);
    assert!(snapshot.types.len() > 170);
    assert!(snapshot.kinds.len() >= 4);
    assert!(snapshot.retirements.len() > 50);
    assert!(snapshot.restricted.iter().any(|r| r.region == "chinaeast3" && r.access_restricted));
    assert!(snapshot.types_provenance.is_some());
    assert!(snapshot.sizes_provenance.is_some());
    assert!(snapshot.zones_provenance.is_some());
    assert!(snapshot.skus_provenance.is_some());
    assert!(snapshot.unavailable.len() > 15);
    assert!(snapshot.specs.len() > 400);
    // Every kind in skus.json is one the code knows.
    let file: serde_json::Value = serde_json::from_str(crate::data::text(crate::data::DataFile::CatalogSkus)).unwrap();
    for kind in file["kinds"].as_object().unwrap().keys() {
        assert!(SkuKind::from_data_name(kind).is_some(), "unknown SKU kind {kind}");
    }
}

#[test]
fn the_embedded_data_stays_small() {
    let total: usize = snapshot::files().iter().map(|(_, text)| text.len()).sum();
    // Every fact names its source now (sources.json and the statements): about 450 KB, a
    // few dozen KB once gzipped into the app.
    assert!(total <= 480 * 1024, "embedded catalog JSON is {total} bytes");
}

#[test]
fn the_snapshot_covers_every_target_region() {
    let catalog = Catalog::embedded();
    assert_eq!(catalog.as_of(), "2026-03-20");
    for region in CHINA.iter().chain(GLOBAL.iter()) {
        let region = at(region);
        assert!(catalog.knows_region(&region), "{region}");
        assert_ne!(catalog.resource_type(&region, &ty("Microsoft.Compute/virtualMachines")).offer, Offer::Unknown);
        assert!(catalog.zones(&region).is_some(), "{region}");
        assert_eq!(catalog.sku(&region, SkuKind::PublicIp, "Standard").offer, Offer::Offered, "{region}");
    }
    assert!(!catalog.knows_region(&at("brazilsouth")));
    assert_eq!(
        catalog.resource_type(&at("brazilsouth"), &ty("Microsoft.Compute/virtualMachines")).offer,
        Offer::Unknown
    );
}

#[test]
fn only_china_north_3_has_zones_in_china() {
    let catalog = Catalog::embedded();
    assert_eq!(catalog.zones(&at("chinanorth3")), Some(vec!["1".to_string(), "2".to_string(), "3".to_string()]));
    assert_eq!(catalog.zones(&at("China East 2")), Some(Vec::new()));
    for region in CHINA.iter().filter(|r| **r != "chinanorth3") {
        assert_eq!(catalog.zones(&at(region)), Some(Vec::new()), "{region}");
    }
    for region in GLOBAL {
        assert_eq!(catalog.zones(&at(region)).map(|z| z.len()), Some(3), "{region}");
    }
    assert_eq!(catalog.zones(&at("marscentral")), None);
}

#[test]
fn vm_sizes_per_region() {
    let catalog = Catalog::embedded();
    let n3 = at("chinanorth3");
    assert_eq!(catalog.vm_size(&n3, "Standard_D2s_v5").offer, Offer::Offered);
    assert_eq!(catalog.vm_size(&n3, "standard_d2S_V5").offer, Offer::Offered);
    // Easv5 is China North 3 only; China North (2014) has no v5 sizes.
    assert_eq!(catalog.vm_size(&at("chinanorth"), "Standard_D2s_v5").offer, Offer::NotOffered);
    assert_eq!(catalog.vm_size(&n3, "Standard_E4as_v5").offer, Offer::Offered);
    assert_eq!(catalog.vm_size(&at("chinaeast2"), "Standard_E4as_v5").offer, Offer::NotOffered);
    // The global regions without a snapshot list are unknown, not "not offered".
    assert_eq!(catalog.vm_size(&at("eastus2"), "Standard_D2s_v5").offer, Offer::Unknown);
    assert_eq!(catalog.vm_size(&at("eastus"), "Standard_D2s_v5").offer, Offer::Offered);

    let spec = catalog.vm_size_spec("standard_d4s_v3").unwrap();
    assert_eq!((spec.name.as_str(), spec.vcpus, spec.memory_gib), ("Standard_D4s_v3", 4, Decimal::from(16)));
    assert_eq!(spec.family, "standardDSv3Family");
    assert_eq!(catalog.vm_size_spec("Standard_B1ls").unwrap().memory_gib, Decimal::new(5, 1));
    assert!(catalog.vm_size_spec("Standard_Nope").is_none());

    let sizes = catalog.vm_sizes(&at("chinaeast2"));
    assert!(sizes.len() > 200);
    assert!(sizes.windows(2).all(|w| (w[0].vcpus, w[0].memory_gib) <= (w[1].vcpus, w[1].memory_gib)));
    // Sizes in a region without zones have no zones; in China North 3 per-size zones are unknown.
    assert_eq!(sizes[0].zones, Some(Vec::new()));
    assert_eq!(catalog.vm_size_in(&n3, "Standard_D2s_v5").unwrap().zones, None);
}

#[test]
fn closest_sizes_prefer_the_same_family() {
    let catalog = Catalog::embedded();
    // Dsv5 is not offered in China North; Dv2/DSv2-family and others are.
    let north = at("chinanorth");
    assert_eq!(catalog.vm_size(&north, "Standard_D4s_v5").offer, Offer::NotOffered);
    let closest = catalog.closest_vm_sizes(&north, "Standard_D4s_v5", 5);
    assert!(!closest.is_empty());
    for size in &closest {
        assert!(size.vcpus >= 4 && size.memory_gib >= Decimal::from(16), "{size:?}");
        assert_eq!(catalog.vm_size(&north, &size.name).offer, Offer::Offered);
    }
    // The same series letter (D) comes before other series.
    assert!(closest[0].name.starts_with("Standard_D"), "{closest:?}");

    // In China North 3, an unoffered size of a family offered there gets that family first.
    let n3 = at("chinanorth3");
    let wanted = "Standard_D4s_v3";
    if catalog.vm_size(&n3, wanted).offer == Offer::NotOffered {
        let closest = catalog.closest_vm_sizes(&n3, wanted, 3);
        assert_eq!(closest[0].family.to_ascii_lowercase(), "standarddsv3family");
    }
    let e2 = at("chinaeast2");
    let closest = catalog.closest_vm_sizes(&e2, "Standard_E4as_v5", 3);
    assert!(!closest.is_empty());
    assert!(closest.iter().all(|s| s.vcpus >= 4 && s.memory_gib >= Decimal::from(32)));
    // The first choice is in the same family when one is offered, else the same series.
    assert!(closest[0].name.starts_with("Standard_E"), "{closest:?}");
    assert!(catalog.closest_vm_sizes(&e2, "Standard_Unknown", 3).is_empty());
    assert!(catalog.closest_vm_sizes(&at("eastus2"), "Standard_D2s_v3", 3).is_empty());
}

#[test]
fn same_family_beats_same_series() {
    let catalog = Catalog::embedded();
    let n2 = at("chinanorth2");
    // Standard_D2s_v5 is offered in China North 2; ask for something bigger in the family
    // by taking a Dsv5 size and checking the first alternative is Dsv5.
    let closest = catalog.closest_vm_sizes(&n2, "Standard_D2s_v5", 2);
    assert_eq!(closest[0].family.to_ascii_lowercase(), "standarddsv5family", "{closest:?}");
    assert_ne!(closest[0].name, "Standard_D2s_v5");
}

#[test]
fn sku_facts() {
    let catalog = Catalog::embedded();
    let (n3, north, e2) = (at("chinanorth3"), at("chinanorth"), at("chinaeast2"));
    assert_eq!(catalog.sku(&n3, SkuKind::ManagedDisk, "PremiumV2_LRS").offer, Offer::Offered);
    assert_eq!(catalog.sku(&north, SkuKind::ManagedDisk, "PremiumV2_LRS").offer, Offer::NotOffered);
    assert_eq!(catalog.sku(&n3, SkuKind::ManagedDisk, "premium_zrs").offer, Offer::Offered);
    assert_eq!(catalog.sku(&e2, SkuKind::ManagedDisk, "Premium_ZRS").offer, Offer::NotOffered);
    for region in CHINA {
        let expected = if region == "chinanorth3" { Offer::Offered } else { Offer::NotOffered };
        assert_eq!(catalog.sku(&at(region), SkuKind::StorageRedundancy, "GZRS").offer, expected, "{region}");
        assert_eq!(catalog.sku(&at(region), SkuKind::StorageRedundancy, "Standard_RAGZRS").offer, expected, "{region}");
        assert_eq!(catalog.sku(&at(region), SkuKind::Redis, "Enterprise").offer, Offer::NotOffered, "{region}");
        assert_eq!(catalog.sku(&at(region), SkuKind::Redis, "Enterprise_E10").offer, Offer::NotOffered, "{region}");
        assert_eq!(catalog.sku(&at(region), SkuKind::ApplicationGateway, "WAF_v2").offer, Offer::Offered, "{region}");
        // Retired SKUs are in the retirement table, not among the SKU facts.
        assert_eq!(catalog.sku(&at(region), SkuKind::PublicIp, "Basic").offer, Offer::Unknown, "{region}");
    }
    assert_eq!(catalog.sku(&at("westeurope"), SkuKind::StorageRedundancy, "RA-GZRS").offer, Offer::Offered);
    assert_eq!(catalog.sku(&at("westeurope"), SkuKind::Redis, "Enterprise").offer, Offer::Offered);
    assert_eq!(catalog.sku(&n3, SkuKind::Redis, "Premium P1").offer, Offer::Offered);
    assert_eq!(catalog.sku(&n3, SkuKind::Redis, "Premium").offer, Offer::Offered);
    assert_eq!(catalog.sku(&n3, SkuKind::SqlDatabase, "GP_Gen5_8").offer, Offer::Offered);
    // Provisioned vCore: documentation (Gen5 hardware wherever SQL Database is) beats the
    // price page that shows no vCore table for China North; serverless is documented absent.
    let gp = catalog.sku(&north, SkuKind::SqlDatabase, "GP_Gen5_8");
    assert_eq!(gp.offer, Offer::Offered);
    assert_eq!(gp.deciding().unwrap().source.kind, SourceKind::Documentation);
    assert!(gp.conflict, "the price page leaves the vCore tiers out");
    assert_eq!(catalog.sku(&north, SkuKind::SqlDatabase, "GP_S_Gen5_2").offer, Offer::NotOffered);
    assert_eq!(catalog.sku(&n3, SkuKind::SqlDatabase, "GP_S_Gen5_2").offer, Offer::Offered);
    assert_eq!(catalog.sku(&north, SkuKind::SqlDatabase, "HS_Gen5").offer, Offer::Unknown);
    assert_eq!(catalog.sku(&north, SkuKind::SqlDatabase, "S3").offer, Offer::Offered);
    assert_eq!(catalog.sku(&n3, SkuKind::CosmosCapability, "EnableGremlin").offer, Offer::Offered);
    assert_eq!(catalog.sku(&n3, SkuKind::CosmosCapability, "EnableServerless").offer, Offer::Offered);
    // A price page that leaves China East 3 out of its selector does not decide.
    let firewall = catalog.sku(&at("chinaeast3"), SkuKind::Firewall, "Standard");
    assert_eq!(firewall.offer, Offer::Unknown);
    assert_eq!(firewall.statements[0].says, Says::Unlisted);
    assert_eq!(catalog.sku(&n3, SkuKind::Firewall, "Premium").offer, Offer::Offered);
    assert_eq!(catalog.sku(&n3, SkuKind::KeyVault, "premium").offer, Offer::Offered);
    assert_eq!(catalog.sku(&n3, SkuKind::StorageAccessTier, "Archive").offer, Offer::NotOffered);
    assert_eq!(catalog.sku(&at("chinanorth2"), SkuKind::StorageAccessTier, "Archive").offer, Offer::Offered);
    assert_eq!(catalog.sku(&north, SkuKind::AppServicePlan, "P1v3").offer, Offer::NotOffered);
    assert_eq!(catalog.sku(&n3, SkuKind::AppServicePlan, "P1v3").offer, Offer::Offered);
    assert_eq!(catalog.sku(&north, SkuKind::AppServicePlanLinux, "B1").offer, Offer::NotOffered);
    assert_eq!(catalog.sku(&e2, SkuKind::AppServicePlan, "I1v2").offer, Offer::Unknown);
    assert_eq!(catalog.sku(&at("eastus"), SkuKind::AppServicePlan, "EP1").offer, Offer::Offered);
    assert_eq!(catalog.sku(&at("eastus"), SkuKind::LoadBalancer, "Gateway").offer, Offer::Offered);
    assert_eq!(catalog.sku(&at("brazilsouth"), SkuKind::LoadBalancer, "Standard").offer, Offer::Unknown);
}

#[test]
fn resource_types_and_api_versions() {
    let catalog = Catalog::embedded();
    let n3 = at("chinanorth3");
    assert_eq!(catalog.resource_type(&n3, &ty("microsoft.app/containerapps")).offer, Offer::Offered);
    // The price page's selector leaves China East 2 out: not a verdict.
    let apps = catalog.resource_type(&at("chinaeast2"), &ty("Microsoft.App/containerApps"));
    assert_eq!(apps.offer, Offer::Unknown);
    assert!(apps.statements.iter().any(|s| s.says == Says::Unlisted && s.source.kind == SourceKind::PricePage));
    assert_eq!(catalog.resource_type(&n3, &ty("Microsoft.Web/staticSites")).offer, Offer::NotOffered);
    assert_eq!(catalog.resource_type(&at("eastus"), &ty("Microsoft.Web/staticSites")).offer, Offer::Unknown);
    assert_eq!(catalog.resource_type(&n3, &ty("Microsoft.Network/virtualNetworks/subnets")).offer, Offer::Offered);
    assert_eq!(catalog.resource_type(&n3, &ty("Microsoft.Network/dnsZones")).offer, Offer::Offered);
    assert_eq!(catalog.resource_type(&n3, &ty("Microsoft.Network/frontDoors")).offer, Offer::NotOffered);
    // Retired types are the retirement table's business.
    let single = ty("Microsoft.DBforMySQL/servers");
    assert!(catalog.retirements(&single).any(|r| r.date.to_string() == "2024-09-16"));
    assert_eq!(catalog.resource_type(&n3, &ty("Contoso.Widgets/gadgets")).offer, Offer::Unknown);

    let versions = catalog.api_versions(&at("westeurope"), &ty("Microsoft.Compute/virtualMachines")).unwrap();
    assert!(versions.iter().any(|v| v == "2023-09-01"));
    assert!(catalog.api_versions(&at("westeurope"), &ty("Microsoft.Network/virtualNetworks/subnets")).is_some());
    // No API version facts for Azure China in the snapshot, nor for types not offered.
    assert!(catalog.api_versions(&at("westeurope"), &ty("Microsoft.Web/staticSites")).is_none());
    assert!(catalog.api_versions(&n3, &ty("Microsoft.Compute/virtualMachines")).is_none());
}

#[test]
fn services_missing_from_china() {
    let catalog = Catalog::embedded();
    let n3 = at("chinanorth3");
    let redis = catalog.unavailable_service(&ty("microsoft.cache/redisenterprise")).unwrap();
    assert_eq!(redis.alternative.as_deref(), Some("Azure Cache for Redis Premium"));
    let answer = catalog.resource_type(&n3, &ty("Microsoft.Cache/redisEnterprise"));
    assert_eq!(answer.offer, Offer::NotOffered);
    assert_eq!(answer.deciding().unwrap().source.id, "price:catalogue");
    assert_eq!(answer.deciding().unwrap().source.strength, Strength::Absence);
    // Documented in five China regions: no longer called absent.
    assert!(catalog.unavailable_service(&ty("Microsoft.DocumentDB/mongoClusters")).is_none());
    assert!(catalog.unavailable_service(&ty("Microsoft.Compute/virtualMachines")).is_none());
}

#[test]
fn parts_say_where_facts_come_from() {
    let catalog = Catalog::embedded();
    let parts = catalog.parts();
    assert!(parts.iter().all(|p| matches!(p.provenance, Provenance::Snapshot { .. })));
    for region in CHINA {
        for part in ["resource types", "VM sizes", "zones", "SKUs"] {
            assert!(
                parts.iter().any(|p| p.part == part && p.region.as_deref() == Some(region)),
                "{region} lacks {part}"
            );
        }
    }
    assert!(!parts.iter().any(|p| p.part == "VM sizes" && p.region.as_deref() == Some("eastus2")));
}

#[test]
fn user_files_take_precedence_for_the_regions_they_cover() {
    let (catalog, diagnostics) = with_fixtures();
    assert!(diagnostics.iter().all(|d| d.severity == Severity::Info), "{diagnostics:#?}");
    assert!(diagnostics
        .iter()
        .any(|d| d.code == "catalog.user-data" && d.message.contains("VM sizes for chinanorth3")));
    assert!(diagnostics.iter().any(|d| d.code == "catalog.records-ignored" && d.message.contains("availabilitySets")));
    let n3 = at("chinanorth3");

    // VM sizes: only what the file lists, with its specs, zones and restrictions.
    assert_eq!(catalog.vm_size(&n3, "Standard_D2s_v3").offer, Offer::Offered);
    assert_eq!(catalog.vm_size(&n3, "Standard_D2s_v5").offer, Offer::NotOffered);
    let d2 = catalog.vm_size_in(&n3, "standard_d2s_v3").unwrap();
    assert_eq!(d2.zones, Some(vec!["1".to_string(), "2".to_string()]));
    assert!(!d2.restricted);
    let d4 = catalog.vm_size_in(&n3, "Standard_D4s_v3").unwrap();
    assert!(d4.restricted);
    assert_eq!(catalog.vm_size(&n3, "Standard_D4s_v3").offer, Offer::Offered);
    assert_eq!(catalog.vm_size_spec("Standard_B1ls").unwrap().memory_gib, Decimal::new(5, 1));
    // Restricted sizes are not suggested.
    let closest = catalog.closest_vm_sizes(&n3, "Standard_D2s_v5", 5);
    assert_eq!(closest.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["Standard_D2s_v3"]);
    assert_eq!(catalog.zones(&n3), Some(vec!["1".to_string(), "2".to_string(), "3".to_string()]));
    // Other regions keep the snapshot.
    assert_eq!(catalog.vm_size(&at("chinanorth2"), "Standard_D2s_v5").offer, Offer::Offered);

    // SKUs: disks from the file (complete for the region), the rest from the snapshot.
    assert_eq!(catalog.sku(&n3, SkuKind::ManagedDisk, "Premium_LRS").offer, Offer::Offered);
    assert_eq!(catalog.sku(&n3, SkuKind::ManagedDisk, "PremiumV2_LRS").offer, Offer::NotOffered);
    assert_eq!(catalog.sku(&n3, SkuKind::StorageRedundancy, "GZRS").offer, Offer::Offered);

    // The user's file decides; the snapshot's statements stay beside it.
    let size = catalog.vm_size(&n3, "Standard_D2s_v5");
    assert_eq!(size.deciding().unwrap().source.kind, SourceKind::UserFile);
    assert_eq!(size.deciding().unwrap().source.file.as_deref(), Some("az-vm-list-skus.json"));
    assert!(size.conflict && size.statements.iter().any(|s| s.source.kind == SourceKind::PricePage));

    // Resource types: the file's namespaces decide; others stay the snapshot's.
    assert_eq!(catalog.resource_type(&n3, &ty("Microsoft.Network/bastionHosts")).offer, Offer::Offered);
    assert_eq!(
        catalog.resource_type(&at("chinaeast2"), &ty("Microsoft.Network/bastionHosts")).offer,
        Offer::NotOffered
    );
    assert_eq!(catalog.resource_type(&n3, &ty("Microsoft.Compute/cloudServices")).offer, Offer::NotOffered);
    assert_eq!(catalog.resource_type(&n3, &ty("Microsoft.Compute/galleries")).offer, Offer::NotOffered);
    assert_eq!(catalog.resource_type(&n3, &ty("Microsoft.Network/dnsZones")).offer, Offer::Offered);
    assert_eq!(catalog.resource_type(&n3, &ty("Microsoft.Network/virtualNetworks/subnets")).offer, Offer::Offered);
    assert_eq!(catalog.resource_type(&n3, &ty("Microsoft.Storage/storageAccounts")).offer, Offer::Offered);
    assert_eq!(
        catalog.api_versions(&n3, &ty("Microsoft.Compute/virtualMachines")).unwrap(),
        ["2023-09-01", "2023-07-01", "2022-11-01"]
    );
    assert!(catalog.api_versions(&n3, &ty("Microsoft.Storage/storageAccounts")).is_none());

    let parts = catalog.parts();
    let find = |part: &str, region: &str| {
        parts
            .iter()
            .filter(|p| p.part == part && p.region.as_deref() == Some(region))
            .map(|p| p.provenance.clone())
            .collect::<Vec<_>>()
    };
    let user = |file: &str| Provenance::User { file: file.to_string() };
    assert_eq!(find("VM sizes", "chinanorth3"), [user("az-vm-list-skus.json")]);
    assert_eq!(find("zones", "chinanorth3"), [user("az-vm-list-skus.json")]);
    assert_eq!(find("resource types", "chinanorth3"), [user("az-provider-list.json")]);
    assert_eq!(find("resource types", "chinaeast2"), [user("az-provider-list.json")]);
    let skus = find("SKUs", "chinanorth3");
    assert_eq!(skus.len(), 2);
    assert!(skus.contains(&user("az-vm-list-skus.json")));
    assert!(matches!(find("VM sizes", "chinaeast2")[..], [Provenance::Snapshot { .. }]));
    assert!(matches!(find("zones", "chinanorth2")[..], [Provenance::Snapshot { .. }]));
}

#[test]
fn the_rest_api_shape_and_a_single_provider_are_read() {
    let mut catalog = Catalog::embedded();
    let skus = r#"{"value": [{"resourceType": "virtualMachines", "name": "Standard_X9", "locations": ["eastus2"],
        "locationInfo": [{"location": "eastus2", "zones": ["2"]}],
        "capabilities": [{"name": "vCPUs", "value": "9"}, {"name": "MemoryGB", "value": "18"}]}],
        "nextLink": "https://management.azure.com/next"}"#;
    let provider = r#"{"namespace": "Microsoft.Maps", "resourceTypes": [{"resourceType": "accounts",
        "locations": ["China North 3"], "apiVersions": ["2023-06-01"]}]}"#;
    let diagnostics =
        catalog.load_user_files(&[InputFile::new("rest.json", skus), InputFile::new("maps.json", provider)]);
    assert!(diagnostics.iter().any(|d| d.code == "catalog.more-pages"), "{diagnostics:#?}");
    assert_eq!(catalog.vm_size(&at("eastus2"), "Standard_X9").offer, Offer::Offered);
    assert_eq!(catalog.zones(&at("eastus2")), Some(vec!["2".to_string()]));
    assert_eq!(catalog.vm_size_spec("Standard_X9").unwrap().vcpus, 9);
    // The user's provider list is fresher than the snapshot's "unavailable" entry.
    let maps = ty("Microsoft.Maps/accounts");
    assert_eq!(catalog.resource_type(&at("chinanorth3"), &maps).offer, Offer::Offered);
    let answer = catalog.resource_type(&at("chinanorth3"), &maps);
    assert_eq!(answer.deciding().unwrap().source.file.as_deref(), Some("maps.json"));
    assert!(answer.conflict, "the price catalogue's absence disagrees");
    assert_eq!(catalog.resource_type(&at("chinanorth2"), &maps).offer, Offer::NotOffered);
}

#[test]
fn bad_user_files_give_diagnostics() {
    let cases: [(&str, &[u8], &str, &str); 8] = [
        ("empty.json", b"", "catalog.file-unusable", "empty"),
        ("broken.json", b"[{\"namespace\": ", "catalog.file-unusable", "not valid JSON at line 1"),
        ("table.txt", b"ResourceType     Locations    Name\n", "catalog.unknown-shape", "not JSON"),
        ("inventory.json", br#"{"data": [], "count": 0}"#, "catalog.unknown-shape", "keys data, count"),
        (
            "resources.json",
            br#"[{"id": "/subscriptions/x", "type": "Microsoft.Web/sites"}]"#,
            "catalog.unknown-shape",
            "none of them a provider",
        ),
        ("number.json", b"42", "catalog.unknown-shape", "lone JSON number"),
        ("value.json", br#"{"value": 3}"#, "catalog.unknown-shape", "another shape"),
        ("binary.json", b"PK\x03\x04rest", "catalog.file-unusable", "not"),
    ];
    for (name, bytes, code, says) in cases {
        let mut catalog = Catalog::embedded();
        let diagnostics = catalog.load_user_files(&[InputFile::new(name, bytes)]);
        assert_eq!(diagnostics.len(), 1, "{name}: {diagnostics:#?}");
        let diagnostic = &diagnostics[0];
        assert_eq!((diagnostic.severity, diagnostic.code), (Severity::Error, code), "{name}: {diagnostic}");
        assert!(diagnostic.message.contains(says), "{name}: {}", diagnostic.message);
        assert!(diagnostic.message.contains("az provider list"), "{name}: says what is accepted");
        assert_eq!(diagnostic.file.as_deref(), Some(name));
        assert!(catalog.parts().iter().all(|p| matches!(p.provenance, Provenance::Snapshot { .. })));
    }
}

#[test]
fn bad_records_are_skipped_and_the_rest_kept() {
    let mut catalog = Catalog::embedded();
    let mixed = r#"[7, {"namespace": "Microsoft.Web", "resourceTypes": "oops"},
        {"resourceType": "virtualMachines", "name": "Standard_Q1"},
        {"something": "else"},
        {"resourceType": "disks", "name": "Premium_LRS", "locations": ["uksouth"]}]"#;
    let diagnostics = catalog.load_user_files(&[InputFile::new("mixed.json", mixed)]);
    let skipped = diagnostics.iter().filter(|d| d.code == "catalog.record-skipped").count();
    assert_eq!(skipped, 4, "{diagnostics:#?}");
    assert_eq!(catalog.sku(&at("uksouth"), SkuKind::ManagedDisk, "Premium_LRS").offer, Offer::Offered);
    assert_eq!(catalog.sku(&at("uksouth"), SkuKind::ManagedDisk, "UltraSSD_LRS").offer, Offer::NotOffered);

    let many: String = format!("[{}]", vec!["{\"x\": 1}"; 30].join(","));
    let diagnostics = catalog.load_user_files(&[InputFile::new("many.json", many)]);
    assert_eq!(diagnostics.len(), 1, "no usable record means an unusable file");
}

#[test]
fn utf16_files_are_decoded() {
    let text = r#"[{"resourceType": "disks", "name": "UltraSSD_LRS", "locations": ["japaneast"]}]"#;
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut catalog = Catalog::embedded();
    let diagnostics = catalog.load_user_files(&[InputFile::new("utf16.json", bytes)]);
    assert!(diagnostics.iter().all(|d| d.severity == Severity::Info), "{diagnostics:#?}");
    assert_eq!(catalog.sku(&at("japaneast"), SkuKind::ManagedDisk, "UltraSSD_LRS").offer, Offer::Offered);
}

#[test]
fn sku_names_normalise() {
    assert_eq!(norm_sku(SkuKind::StorageRedundancy, "Standard_RAGZRS"), "ragzrs");
    assert_eq!(norm_sku(SkuKind::StorageRedundancy, "RA-GZRS"), "ragzrs");
    assert_eq!(norm_sku(SkuKind::SqlDatabase, "GP_S_Gen5_2"), "gpsgen5");
    assert_eq!(norm_sku(SkuKind::SqlDatabase, "S12"), "s12");
    assert_eq!(norm_sku(SkuKind::Redis, "Premium P1"), "premiump1");
    assert_eq!(series("Standard_NC6s_v3"), "NC");
    assert_eq!(series("Standard_E4-2s_v4"), "E");
}

#[test]
fn serialises_for_the_app() {
    let part = CatalogPart {
        part: "zones",
        region: Some("chinanorth3".into()),
        provenance: Provenance::User { file: "skus.json".into() },
        detail: None,
    };
    let json = serde_json::to_value(&part).unwrap();
    assert_eq!(json["provenance"]["kind"], "user");
    assert_eq!(serde_json::to_value(Offer::NotOffered).unwrap(), "not-offered");
    let size = Catalog::embedded().vm_size_spec("Standard_B1ls").unwrap();
    assert_eq!(serde_json::to_value(&size).unwrap()["memory_gib"], "0.5");
}

/// Every source id the data files cite, with the file and where.
fn cited_sources() -> Vec<(String, String, String)> {
    fn walk(value: &serde_json::Value, file: &str, path: &str, out: &mut Vec<(String, String, String)>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, item) in map {
                    let here = format!("{path}.{key}");
                    match (key.as_str(), item) {
                        ("source", serde_json::Value::String(id)) => out.push((file.into(), here, id.clone())),
                        ("sources", serde_json::Value::Array(ids)) => {
                            for id in ids.iter().filter_map(serde_json::Value::as_str) {
                                out.push((file.into(), here.clone(), id.to_string()));
                            }
                        }
                        _ if key != "_meta" => walk(item, file, &here, out),
                        _ => {}
                    }
                }
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, file, &format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (name, text) in snapshot::files().iter().filter(|(name, _)| *name != "sources.json") {
        walk(&serde_json::from_str(text).unwrap(), name, "", &mut out);
    }
    out
}

#[test]
fn every_availability_fact_has_a_source_kind_and_a_date() {
    let sources: serde_json::Value =
        serde_json::from_str(crate::data::text(crate::data::DataFile::CatalogSources)).unwrap();
    let sources = sources["sources"].as_object().unwrap();
    for (id, source) in sources {
        let kind = source["kind"].as_str().unwrap_or("");
        assert!(SourceKind::from_data_name(kind).is_some_and(|k| k != SourceKind::UserFile), "{id}: kind {kind:?}");
        assert!(source["date"].as_str().is_some_and(|d| d.parse::<Date>().is_ok()), "{id}: no YYYY-MM-DD date");
        assert!(matches!(source["dateIs"].as_str(), Some("published" | "captured" | "retrieved")), "{id}");
        assert!(Strength::from_data_name(source["strength"].as_str().unwrap_or("")).is_some(), "{id}: strength");
        assert!(source["url"].as_str().is_some_and(|u| u.starts_with("https://")), "{id}: no URL to check");
    }
    let cited = cited_sources();
    assert!(cited.len() > 600, "{}", cited.len());
    for (file, path, id) in &cited {
        assert!(sources.contains_key(id), "{file}{path}: cites {id}, which sources.json lacks");
    }
    // Every statement (types, kinds, SKUs), size list, zone list, restriction and retirement names a source.
    let check = |name: &str, pointer: &str, field: &str| {
        let text = snapshot::files().iter().find(|(n, _)| *n == name).unwrap().1;
        let file: serde_json::Value = serde_json::from_str(text).unwrap();
        let items: Vec<&serde_json::Value> = match file.pointer(pointer).unwrap() {
            serde_json::Value::Array(items) => items.iter().collect(),
            serde_json::Value::Object(map) => map.values().collect(),
            _ => panic!("{name}{pointer}"),
        };
        assert!(!items.is_empty(), "{name}{pointer}");
        for item in items {
            assert!(!item[field].is_null(), "{name}{pointer}: an entry without {field}: {item}");
        }
    };
    for (name, text) in [
        ("resource-types.json", crate::data::text(crate::data::DataFile::CatalogResourceTypes)),
        ("kinds.json", crate::data::text(crate::data::DataFile::CatalogKinds)),
    ] {
        let file: serde_json::Value = serde_json::from_str(text).unwrap();
        let types = file["types"].as_array().unwrap();
        let statements: Vec<&serde_json::Value> = if name == "kinds.json" {
            types
                .iter()
                .flat_map(|t| t["kinds"].as_array().unwrap())
                .flat_map(|k| k["statements"].as_array().unwrap())
                .collect()
        } else {
            types.iter().flat_map(|t| t["statements"].as_array().unwrap()).collect()
        };
        assert!(statements.iter().all(|s| s["source"].is_string()), "{name}: a statement without a source");
    }
    for kind in ["managedDisk", "storageRedundancy", "sqlDatabase", "vmPriority"] {
        check("skus.json", &format!("/kinds/{kind}"), "source");
    }
    check("vm-sizes.json", "/regions", "source");
    check("zones.json", "/zones", "source");
    check("restricted-regions.json", "/regions", "sources");
    check("retirements.json", "/retirements", "sources");
    check("retirements.json", "/retirements", "date");
}

fn source(id: &str, kind: SourceKind, strength: Strength, date: &str) -> Arc<Source> {
    Arc::new(Source {
        id: id.into(),
        kind,
        url: Some(format!("https://example.org/{id}")),
        file: None,
        date: Some(date.into()),
        date_is: Some(DateIs::Published),
        strength,
        note: String::new(),
    })
}

#[test]
fn precedence_decides_and_conflicts_stay_visible() {
    let docs = source("docs", SourceKind::Documentation, Strength::Primary, "2026-01-01");
    let policy = source("policy", SourceKind::Documentation, Strength::Policy, "2025-04-11");
    let price = source("price", SourceKind::PricePage, Strength::Primary, "2026-07-26");
    let old = source("old", SourceKind::ResourceManager, Strength::Historical, "2019-07-17");
    let user = Arc::new(Source::user_file("providers.json".into()));
    let say = |source: &Arc<Source>, says| Statement::new(source.clone(), says, None);

    // Documentation beats a price page; the price page's disagreement is kept and flagged.
    let answer = Answer::decide(vec![say(&price, Says::Offered), say(&docs, Says::NotOffered)]);
    assert_eq!((answer.offer, answer.conflict), (Offer::NotOffered, true));
    assert_eq!(answer.deciding().unwrap().source.id, "docs");
    assert_eq!(answer.statements.len(), 2);
    // The user's file beats everything.
    let answer = Answer::decide(vec![say(&docs, Says::NotOffered), say(&user, Says::Offered)]);
    assert_eq!(answer.deciding().unwrap().source.kind, SourceKind::UserFile);
    assert_eq!(answer.offer, Offer::Offered);
    // Within a kind, strength: a region table beats a policy statement.
    let answer = Answer::decide(vec![say(&policy, Says::Offered), say(&docs, Says::NotOffered)]);
    assert_eq!(answer.offer, Offer::NotOffered);
    // Historical sources and lists that leave a region out never decide.
    let answer = Answer::decide(vec![say(&old, Says::NotOffered), say(&price, Says::Unlisted)]);
    assert_eq!((answer.offer, answer.decided_by), (Offer::Unknown, None));
    assert_eq!(answer.statements.len(), 2);
    // Sources of equal standing that disagree leave it Unknown, flagged.
    let twin = source("twin", SourceKind::Documentation, Strength::Primary, "2026-02-01");
    let answer = Answer::decide(vec![say(&docs, Says::Offered), say(&twin, Says::NotOffered)]);
    assert_eq!((answer.offer, answer.conflict), (Offer::Unknown, true));
    assert!(answer.summary().contains("disagree"));
    // No source, no verdict.
    assert_eq!(Answer::decide(Vec::new()).offer, Offer::Unknown);
    // The JSON names each source's kind, URL, date and what it said.
    let json = serde_json::to_value(Answer::decide(vec![say(&price, Says::Offered)])).unwrap();
    assert_eq!(json["offer"], "offered");
    assert_eq!(json["statements"][0]["kind"], "price-page");
    assert_eq!(json["statements"][0]["url"], "https://example.org/price");
    assert_eq!(json["statements"][0]["date"], "2026-07-26");
    assert_eq!(json["statements"][0]["says"], "offered");
    assert_eq!(json["decided_by"], 0);
}

#[test]
fn kinds_decide_per_region() {
    let catalog = Catalog::embedded();
    let cognitive = ty("Microsoft.CognitiveServices/accounts");
    assert!(catalog.kind_required(&cognitive));
    assert!(!catalog.kind_required(&ty("Microsoft.Web/sites")));
    let kind = |region: &str, kind: &str| catalog.kind(&at(region), &cognitive, kind).unwrap();
    // Speech: documented for China East 2, China North 2 and China North 3 only; the price
    // page that still shows China North is overruled, and says so.
    let speech = kind("chinanorth", "SpeechServices");
    assert_eq!((speech.offer, speech.conflict), (Offer::NotOffered, true));
    assert_eq!(speech.deciding().unwrap().source.kind, SourceKind::Documentation);
    assert_eq!(kind("chinanorth2", "SpeechServices").offer, Offer::Offered);
    assert_eq!(kind("chinaeast", "TextTranslation").offer, Offer::NotOffered);
    assert_eq!(kind("chinanorth", "TextTranslation").offer, Offer::Offered);
    // Azure OpenAI exists in Azure China, in regions no source names: Unknown, not absent.
    let openai = kind("chinanorth3", "OpenAI");
    assert_eq!(openai.offer, Offer::Unknown);
    assert_eq!(openai.statements[0].says, Says::InCloud);
    // A kind the table lacks is Unknown for a type whose service is its kind.
    assert_eq!(kind("chinanorth3", "SomethingNew").offer, Offer::Unknown);
    assert_eq!(kind("eastus", "SpeechServices").offer, Offer::Offered);
    // App Service kinds match as word sets; an unlisted kind leaves the type's answer.
    let sites = ty("Microsoft.Web/sites");
    assert_eq!(catalog.kind(&at("chinaeast"), &sites, "linux,app").unwrap().offer, Offer::Offered);
    assert!(catalog.kind(&at("chinaeast"), &sites, "api").is_none());
    assert_eq!(catalog.kind_service(&sites, "functionapp, linux"), Some("Azure Functions (Linux)"));
    let storage = ty("Microsoft.Storage/storageAccounts");
    assert_eq!(catalog.kind(&at("chinanorth3"), &storage, "BlockBlobStorage").unwrap().offer, Offer::Offered);
    assert_eq!(catalog.kind(&at("chinaeast2"), &storage, "FileStorage").unwrap().offer, Offer::Unknown);
}

#[test]
fn types_follow_the_product_they_are_part_of() {
    let catalog = Catalog::embedded();
    let nic = catalog.resource_type(&at("chinanorth"), &ty("Microsoft.Network/networkInterfaces"));
    assert_eq!(nic.offer, Offer::Offered);
    assert!(nic.note.as_deref().is_some_and(|n| n.contains("Virtual Network")), "{:?}", nic.note);
    // A child type the data does not name takes its parent's answer, with a note.
    let link = catalog.resource_type(&at("chinanorth3"), &ty("Microsoft.Network/privateDnsZones/virtualNetworkLinks"));
    assert_eq!(link.offer, Offer::Offered);
    assert!(link.note.is_some());
    // Documentation overturns the price catalogue: DocumentDB (vCore) in five China regions.
    let mongo = ty("Microsoft.DocumentDB/mongoClusters");
    for region in ["chinanorth", "chinanorth2", "chinanorth3", "chinaeast", "chinaeast2"] {
        assert_eq!(catalog.resource_type(&at(region), &mongo).offer, Offer::Offered, "{region}");
    }
    assert_eq!(catalog.resource_type(&at("chinaeast3"), &mongo).offer, Offer::NotOffered);
    // Databricks: the product's region table includes China East 3, its price page does not.
    let databricks = catalog.resource_type(&at("chinaeast3"), &ty("Microsoft.Databricks/workspaces"));
    assert_eq!((databricks.offer, databricks.conflict), (Offer::Offered, true));
    // Stream Analytics: a foundational service (documentation), sold China-wide (price page).
    let asa = catalog.resource_type(&at("chinanorth3"), &ty("Microsoft.StreamAnalytics/streamingjobs"));
    assert_eq!(asa.offer, Offer::Offered);
    assert_eq!(asa.deciding().unwrap().source.strength, Strength::Policy);
    // Bastion in China North 3 rests on no price page: mainstream service, recommended region.
    let bastion = catalog.resource_type(&at("chinanorth3"), &ty("Microsoft.Network/bastionHosts"));
    assert_eq!(bastion.offer, Offer::Offered);
    assert_eq!(catalog.resource_type(&at("chinaeast2"), &ty("Microsoft.Network/bastionHosts")).offer, Offer::Unknown);
}

#[test]
fn retirements_match_on_the_fields_they_name() {
    let catalog = Catalog::embedded();
    let on: Date = "2026-12-06".parse().unwrap();
    assert_eq!(catalog.retirements_as_of(), Some(on));
    let cognitive = ty("Microsoft.CognitiveServices/accounts");
    let read = |kind: Option<&'static str>| {
        move |field: &str| match field {
            "kind" => kind.map(|k| vec![k.to_string()]),
            _ => Some(Vec::new()),
        }
    };
    let qna = catalog.retirements(&cognitive).find(|r| r.service == "QnA Maker").unwrap();
    assert!(qna.retired_on(on));
    assert_eq!(
        qna.matches(&read(Some("qnamaker"))),
        RetirementMatch::Yes { field: "kind".into(), value: "qnamaker".into() }
    );
    assert_eq!(qna.matches(&read(Some("TextAnalytics"))), RetirementMatch::No);
    assert_eq!(qna.matches(&read(None)), RetirementMatch::CannotTell { field: "kind".into() });
    let answer = qna.answer(on);
    assert_eq!(answer.offer, Offer::NotOffered);
    assert!(answer.statements.iter().all(|s| s.says == Says::Retired && s.source.kind == SourceKind::RetirementNotice));
    let vision = catalog.retirements(&cognitive).find(|r| r.service.contains("Image Analysis")).unwrap();
    assert!(!vision.retired_on(on));
    assert_eq!(vision.answer(on).statements[0].says, Says::Retiring);
    // Classic types by pattern; sizes by pattern, for scale sets and node pools too.
    assert!(catalog
        .retirements(&ty("Microsoft.ClassicCompute/domainNames"))
        .any(|r| r.rule.as_deref() == Some("classic-resource")));
    let scale_set = ty("Microsoft.Compute/virtualMachineScaleSets");
    let sizes = |size: &'static str| {
        move |field: &str| Some(if field == "vmSize" { vec![size.to_string()] } else { Vec::new() })
    };
    assert!(catalog
        .retirements(&scale_set)
        .any(|r| matches!(r.matches(&sizes("Standard_NV12s_v3")), RetirementMatch::Yes { .. })));
    assert!(!catalog
        .retirements(&scale_set)
        .any(|r| r.retired_on(on) && matches!(r.matches(&sizes("Standard_D4s_v5")), RetirementMatch::Yes { .. })));
    assert!(retirements::glob("standard_ds1?_v2", "standard_ds11_v2"));
    assert!(!retirements::glob("standard_d?_v2", "standard_ds11_v2"));
    assert!(retirements::glob("microsoft.classic*", "microsoft.classicnetwork/virtualnetworks"));
}

#[test]
fn restricted_regions_say_what_and_how() {
    let catalog = Catalog::embedded();
    let east3 = catalog.region_notice(&at("chinaeast3")).unwrap();
    assert!(east3.access_restricted && east3.confirmed);
    assert!(east3.how_to_request_access.as_deref().is_some_and(|h| h.contains("support request")));
    assert!(east3
        .answer()
        .statements
        .iter()
        .any(|s| s.source.url.as_deref() == Some("https://docs.azure.cn/en-us/reliability/regions-list")));
    let east = catalog.region_notice(&at("chinaeast")).unwrap();
    assert!(!east.access_restricted && !east.confirmed);
    assert!(catalog.region_notice(&at("chinanorth3")).is_none());
}

#[test]
fn spot_comes_from_the_users_list_skus_per_size() {
    let catalog = Catalog::embedded();
    // No source says whether Azure China sells Spot: Unknown, never a pass.
    assert_eq!(catalog.vm_priority(&at("chinanorth3"), "Spot", Some("Standard_D2s_v5")).offer, Offer::Unknown);
    assert_eq!(catalog.vm_priority(&at("eastus"), "Spot", None).offer, Offer::Offered);
    let mut catalog = Catalog::embedded();
    let skus = r#"[{"resourceType": "virtualMachines", "name": "Standard_D2s_v5", "locations": ["chinanorth3"],
        "capabilities": [{"name": "vCPUs", "value": "2"}, {"name": "MemoryGB", "value": "8"},
        {"name": "LowPriorityCapable", "value": "False"}]},
        {"resourceType": "virtualMachines", "name": "Standard_D4s_v5", "locations": ["chinanorth3"],
        "capabilities": [{"name": "LowPriorityCapable", "value": "True"}]}]"#;
    catalog.load_user_files(&[InputFile::new("skus.json", skus)]);
    let n3 = at("chinanorth3");
    let spot = catalog.vm_priority(&n3, "Spot", Some("standard_d2s_v5"));
    assert_eq!(spot.offer, Offer::NotOffered);
    assert_eq!(spot.deciding().unwrap().source.file.as_deref(), Some("skus.json"));
    assert_eq!(catalog.vm_priority(&n3, "Spot", Some("Standard_D4s_v5")).offer, Offer::Offered);
}

//! Tests of the cost engine: exact money, tier rounding, reservation and Hybrid Benefit
//! arithmetic, price files, free and unpriced resources, and the sample estate.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::value::RawValue;

use super::prices::{PriceEntry, PriceOrigin, Term, Unit};
use super::*;
use crate::azure::{Location, ResourceId, ResourceType};
use crate::input::InputFile;
use crate::inventory::{IdOrigin, Inventory, Resource, Sku};
use crate::units::{round_for_display, Money};

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn loc(text: &str) -> Location {
    Location::new(text).unwrap()
}

fn resource(name: &str, resource_type: &str, sku: Option<Sku>, kind: Option<&str>, properties: &str) -> Resource {
    // A child type (`Microsoft.Sql/servers/elasticPools`) gets a parent named `parent`.
    let path = match resource_type.matches('/').count() {
        1 => format!("{resource_type}/{name}"),
        _ => {
            let (parent, child) = resource_type.rsplit_once('/').unwrap();
            format!("{parent}/parent/{child}/{name}")
        }
    };
    let id = format!("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-test/providers/{path}");
    Resource {
        id: ResourceId::parse(&id).unwrap(),
        id_origin: IdOrigin::Exported,
        name: name.to_string(),
        resource_type: ResourceType::new(resource_type),
        location: Some(loc("eastus")),
        resource_group: Some("rg-test".into()),
        subscription: None,
        subscription_name: None,
        kind: kind.map(String::from),
        sku,
        zones: Vec::new(),
        tags: Default::default(),
        identity: None,
        managed_by: None,
        plan: None,
        properties: (!properties.is_empty()).then(|| RawValue::from_string(properties.to_string()).unwrap()),
        api_version: None,
        depends_on: Vec::new(),
        system: None,
        sources: Vec::new(),
    }
}

fn sku(name: &str) -> Option<Sku> {
    Some(Sku { name: Some(name.into()), ..Sku::default() })
}

fn vm(name: &str, size: &str, os: &str, license: Option<&str>) -> Resource {
    let license = license.map(|l| format!(",\"licenseType\":\"{l}\"")).unwrap_or_default();
    let props = format!(
        "{{\"hardwareProfile\":{{\"vmSize\":\"{size}\"}},\"storageProfile\":{{\"osDisk\":{{\"osType\":\"{os}\"}}}}{license}}}"
    );
    resource(name, "Microsoft.Compute/virtualMachines", None, None, &props)
}

fn inventory(resources: Vec<Resource>) -> Inventory {
    Inventory { resources }
}

fn fixture(name: &str) -> InputFile {
    let path = format!("{}/tests/fixtures/cost/{name}", concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    InputFile::new(name, std::fs::read(path).unwrap())
}

fn china_book() -> PriceBook {
    let mut book = PriceBook::embedded();
    let (report, diagnostics) = book.load_user_files(&[fixture("china-price-sheet.csv")]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(report.rows_used, 8);
    book
}

#[test]
fn the_embedded_snapshot_parses_with_its_date_and_prices() {
    let book = PriceBook::embedded();
    assert!(book.len() > 10_000, "{}", book.len());
    assert_eq!(book.as_of(), "2026-07-26");
    assert!(!book.notes().is_empty());
    let entry = book.get(&loc("chinanorth3"), "vm/standard_d2s_v3/linux", Term::PayAsYouGo).unwrap();
    assert_eq!(entry.price, d("0.72"));
    assert_eq!(entry.currency, Currency::Cny);
    assert!(matches!(entry.origin, PriceOrigin::Snapshot { .. }));
    // China-wide prices apply in every China region, never in a global one.
    assert!(book.get(&loc("chinaeast"), "nat/gateway", Term::PayAsYouGo).is_some());
    assert!(book.get(&loc("eastus"), "nat/gateway", Term::PayAsYouGo).is_none());
    // A global region's own price is USD, not the China-wide CNY one.
    let eastus = book.get(&loc("eastus"), "pip/standard/static", Term::PayAsYouGo).unwrap();
    assert_eq!((eastus.price, eastus.currency), (d("0.005"), Currency::Usd));
}

#[test]
fn one_hundred_thousand_lines_of_a_tenth_sum_exactly() {
    let direct: Decimal = std::iter::repeat_n(d("0.1"), 100_000).sum();
    assert_eq!(direct, d("10000.0"));

    let mut book = PriceBook::empty();
    let origin = PriceOrigin::User { file: "test".into(), effective: None };
    book.insert(
        "chinanorth3",
        "dns/zone",
        Term::PayAsYouGo,
        PriceEntry { price: d("0.1"), unit: Unit::Month, currency: Currency::Cny, origin, tiers: Vec::new() },
    );
    let zones: Vec<Resource> = (0..100_000)
        .map(|i| resource(&format!("zone{i}.example"), "Microsoft.Network/dnszones", None, None, ""))
        .collect();
    let estimate = estimate(&inventory(zones), &loc("chinanorth3"), &book, None, &CostOptions::default());
    assert_eq!(estimate.lines.len(), 100_000);
    assert_eq!(estimate.total_monthly, d("10000"));
    assert_eq!(estimate.by_category["Networking"], d("10000"));
}

#[test]
fn disk_sizes_round_up_to_their_tier() {
    assert_eq!(disk_tier('P', d("100")), Some(("P10".into(), 128)));
    assert_eq!(disk_tier('P', d("128")), Some(("P10".into(), 128)));
    assert_eq!(disk_tier('P', d("129")), Some(("P15".into(), 256)));
    assert_eq!(disk_tier('P', d("4")), Some(("P1".into(), 4)));
    assert_eq!(disk_tier('E', d("1000")), Some(("E30".into(), 1024)));
    assert_eq!(disk_tier('P', d("32767")), Some(("P80".into(), 32767)));
    assert_eq!(disk_tier('P', d("32768")), None);
    assert_eq!(disk_tier('S', d("10")), Some(("S4".into(), 32)));

    let disk = |name: &str, size: &str| {
        resource(name, "Microsoft.Compute/disks", sku("Premium_LRS"), None, &format!("{{\"diskSizeGB\":{size}}}"))
    };
    let estimate = estimate(
        &inventory(vec![disk("a", "100"), disk("b", "129")]),
        &loc("chinanorth3"),
        &PriceBook::embedded(),
        None,
        &CostOptions::default(),
    );
    assert_eq!(estimate.lines[0].meter, "disk/p10/lrs");
    assert_eq!(estimate.lines[0].monthly, d("116.87"));
    assert_eq!(estimate.lines[1].meter, "disk/p15/lrs");
    assert_eq!(estimate.lines[1].monthly, d("225.41"));
}

#[test]
fn hybrid_benefit_gives_windows_vms_the_linux_rate() {
    let book = PriceBook::embedded();
    let target = loc("chinanorth3");
    let vms = inventory(vec![
        vm("linux", "Standard_D2s_v3", "Linux", None),
        vm("windows", "Standard_D2s_v3", "Windows", None),
        vm("ahb", "Standard_D2s_v3", "Windows", Some("Windows_Server")),
    ]);
    let as_deployed = estimate(&vms, &target, &book, None, &CostOptions::default());
    let monthly: Vec<Decimal> = as_deployed.lines.iter().map(|l| l.monthly).collect();
    // 0.72 × 730 = 525.6 (Linux); 1.386 × 730 = 1011.78 (Windows); AHB = Linux rate.
    assert_eq!(monthly, vec![d("525.6"), d("1011.78"), d("525.6")]);
    assert!(as_deployed.lines[2].assumption.as_deref().unwrap().contains("Hybrid Benefit"));
    assert_eq!(as_deployed.total_monthly, d("2062.98"));

    let none = estimate(
        &vms,
        &target,
        &book,
        None,
        &CostOptions { hybrid_benefit: HybridBenefit::None, ..CostOptions::default() },
    );
    assert_eq!(none.total_monthly, d("2549.16"));
    let all = estimate(
        &vms,
        &target,
        &book,
        None,
        &CostOptions { hybrid_benefit: HybridBenefit::All, ..CostOptions::default() },
    );
    assert_eq!(all.total_monthly, d("1576.8"));
}

#[test]
fn reservations_use_the_term_price_and_add_the_windows_licence_when_only_linux_has_one() {
    let book = china_book();
    let target = loc("chinanorth3");
    let vms = inventory(vec![
        vm("linux", "Standard_D2s_v3", "Linux", None),
        vm("windows", "Standard_D2s_v3", "Windows", None),
    ]);
    let one_year = estimate(
        &vms,
        &target,
        &book,
        None,
        &CostOptions { pricing: Pricing::Reserved1Year, ..CostOptions::default() },
    );
    // Linux: the sheet's term total, 1624.53 / 12 = 135.3775 a month.
    assert_eq!(one_year.lines[0].monthly, d("135.3775"));
    assert!(matches!(one_year.lines[0].origin, PriceOrigin::User { .. }));
    // Windows: the calculator's Windows 1-year prepaid price, per month.
    assert_eq!(one_year.lines[1].monthly, d("639.3602"));
    assert!(matches!(one_year.lines[1].origin, PriceOrigin::Snapshot { .. }));
    assert_eq!((one_year.coverage.reserved_resources, one_year.coverage.reservation_fallbacks), (2, 0));

    let three_years = estimate(
        &inventory(vec![vm("linux", "Standard_D2s_v3", "Linux", None)]),
        &target,
        &book,
        None,
        &CostOptions { pricing: Pricing::Reserved3Years, ..CostOptions::default() },
    );
    // 2801.89 / 36 = 77.830277…, kept to ten places.
    assert_eq!(three_years.lines[0].monthly, line_amount(d("2801.89") / d("36")));
    assert_eq!(three_years.lines[0].monthly, d("77.8302777778"));
    assert_eq!(round_for_display(three_years.total_monthly), d("77.83"));

    // A book with a Linux reservation but no Windows one: the Linux reservation plus the
    // licence, (1.25 − 0.678302) × 730 = 417.33954.
    let mut book = PriceBook::empty();
    let (_, diagnostics) = book.load_user_files(&[fixture("china-price-sheet.csv")]);
    assert!(diagnostics.is_empty());
    let windows = estimate(
        &inventory(vec![vm("windows", "Standard_D2s_v3", "Windows", None)]),
        &target,
        &book,
        None,
        &CostOptions { pricing: Pricing::Reserved1Year, ..CostOptions::default() },
    );
    let got: Vec<(&str, Decimal)> = windows.lines.iter().map(|l| (l.meter.as_str(), l.monthly)).collect();
    assert_eq!(
        got,
        vec![("vm/standard_d2s_v3/linux", d("135.3775")), ("vm/standard_d2s_v3/windows licence", d("417.33954"))]
    );

    // No reservation price here, though other regions have one: pay-as-you-go, counted.
    let other = estimate(
        &inventory(vec![vm("a", "Standard_A2_v2", "Linux", None)]),
        &loc("chinanorth"),
        &PriceBook::embedded(),
        None,
        &CostOptions { pricing: Pricing::Reserved3Years, ..CostOptions::default() },
    );
    assert_eq!((other.coverage.reserved_resources, other.coverage.reservation_fallbacks), (0, 0));
    assert!(other.notes.iter().any(|n| n.contains("3-year reservation option priced nothing")), "{:?}", other.notes);
}

#[test]
fn discount_hours_and_exchange_rate_are_applied_only_as_asked() {
    let book = PriceBook::embedded();
    let vms = inventory(vec![vm("linux", "Standard_D2s_v3", "Linux", None)]);
    let options = CostOptions {
        discount_percent: Some("10".parse().unwrap()),
        hours_per_month: "100".parse().unwrap(),
        exchange_rate: Some(ExchangeRate { from: Currency::Cny, to: Currency::Usd, rate: d("0.14") }),
        ..CostOptions::default()
    };
    let estimate = estimate(&vms, &loc("chinanorth3"), &book, None, &options);
    // 0.72 × 100 h = 72; 10% off = 64.8; × 0.14 = 9.072.
    assert_eq!(estimate.lines[0].list_monthly, d("72"));
    assert_eq!(estimate.total_monthly, d("64.8"));
    assert_eq!(estimate.converted.as_ref().unwrap().total_monthly, d("9.072"));
    assert_eq!(estimate.converted.as_ref().unwrap().rate.to, Currency::Usd);

    let no_rate = super::estimate(&vms, &loc("chinanorth3"), &book, None, &CostOptions::default());
    assert!(no_rate.converted.is_none());
    assert_eq!(no_rate.currency, Currency::Cny);
}

#[test]
fn free_types_are_free_and_unsupported_types_are_unpriced_never_zero() {
    let resources = vec![
        resource("vnet", "Microsoft.Network/virtualNetworks", None, None, "{}"),
        resource("thing", "Contoso.Widgets/gadgets", None, None, "{}"),
        resource("bare", "Microsoft.Compute/virtualMachines", None, None, ""),
        vm("linux", "Standard_D2s_v3", "Linux", None),
    ];
    let estimate =
        estimate(&inventory(resources), &loc("chinanorth3"), &PriceBook::embedded(), None, &CostOptions::default());
    assert_eq!(estimate.free.len(), 1);
    assert_eq!(estimate.free[0].name(), "vnet");
    assert_eq!(estimate.unpriced.len(), 2);
    assert_eq!(estimate.unpriced[0].reason, UnpricedReason::TypeNotSupported);
    assert_eq!(
        estimate.unpriced[1].reason,
        UnpricedReason::InputMissing { field: "properties.hardwareProfile.vmSize".into() }
    );
    assert!(!estimate.unpriced[1].hint.is_empty());
    assert_eq!(estimate.total_monthly, d("525.6"));
    let coverage = &estimate.coverage;
    assert_eq!(
        (coverage.priced_resources, coverage.unpriced_resources, coverage.free_resources, coverage.total_resources),
        (1, 2, 1, 4)
    );
    assert_eq!(coverage.priced_percent.unwrap().round_dp(4), d("33.3333"));
}

#[test]
fn only_the_catalog_says_not_offered_and_a_missing_price_says_where_to_get_one() {
    let book = PriceBook::embedded();
    let v5 = inventory(vec![vm("v5", "Standard_D2s_v5", "Windows", None)]);
    // Dsv5 has prices in other China regions but not in China North (a legacy region).
    let without_catalog = estimate(&v5, &loc("chinanorth"), &book, None, &CostOptions::default());
    assert_eq!(without_catalog.unpriced[0].reason, UnpricedReason::NoPriceLoaded);
    assert!(without_catalog.unpriced[0].hint.contains("other Azure China regions have one"));
    // The catalog lists the size as not offered there.
    let catalog = crate::catalog::Catalog::embedded();
    let with_catalog = estimate(&v5, &loc("chinanorth"), &book, Some(&catalog), &CostOptions::default());
    assert_eq!(with_catalog.unpriced[0].reason, UnpricedReason::NotOfferedInTarget);
    assert_eq!(with_catalog.coverage.not_offered_resources, 1);
    assert_eq!(with_catalog.coverage.priced_percent, None, "nothing chargeable can run there");
    // Hot LRS blob storage has no price in China North 3 on blobs.html but the Data Lake
    // page's block blob table gives one: priced, not "not offered".
    let account = resource(
        "st",
        "Microsoft.Storage/storageAccounts",
        sku("Standard_LRS"),
        Some("StorageV2"),
        "{\"accessTier\":\"Hot\"}",
    );
    let north3 =
        estimate(&inventory(vec![account]), &loc("chinanorth3"), &book, Some(&catalog), &CostOptions::default());
    assert_eq!(north3.lines[0].unit_price, d("0.1484"), "{:?}", north3.unpriced);
    // Global regions: no dated capture of Windows prices; the hint points to the spend export.
    let global = estimate(
        &inventory(vec![vm("w", "Standard_D2s_v3", "Windows", None)]),
        &loc("eastus"),
        &book,
        None,
        &CostOptions::default(),
    );
    assert_eq!(global.unpriced[0].reason, UnpricedReason::NoPriceLoaded);
    assert!(global.unpriced[0].hint.contains("--spend"), "{}", global.unpriced[0].hint);
    assert_eq!(global.currency, Currency::Usd);
    assert_eq!(global.total_monthly, Decimal::ZERO);
    assert_eq!(global.coverage.priced_resources, 0);
}

#[test]
fn usage_based_lines_use_named_assumptions_that_can_be_overridden_per_resource() {
    let mut book = china_book();
    let account = resource(
        "st",
        "Microsoft.Storage/storageAccounts",
        sku("Standard_LRS"),
        Some("StorageV2"),
        "{\"accessTier\":\"Hot\"}",
    );
    let workspace = resource("law", "Microsoft.OperationalInsights/workspaces", None, None, "{}");
    let mut options = CostOptions::default();
    options.per_resource.insert(
        workspace.id.as_str().to_ascii_uppercase(),
        Assumptions { log_analytics_gb_per_day: d("2"), ..Assumptions::default() },
    );
    let estimate = estimate(&inventory(vec![account, workspace]), &loc("chinanorth3"), &book, None, &options);
    // 100 GB × 0.140564 (user price beats the snapshot's 0.149).
    assert_eq!(estimate.lines[0].monthly, d("14.0564"));
    assert!(estimate.lines[0].usage_based);
    assert!(estimate.lines[0].assumption.as_deref().unwrap().contains("storage_gb"));
    // 2 GB/day × 730/24 days × 2.5.
    assert_eq!(estimate.lines[1].monthly, line_amount(d("2") * d("730") / d("24") * d("2.5")));
    assert_eq!(estimate.lines[1].monthly, d("152.0833333333"));
    assert_eq!(estimate.usage_monthly, estimate.total_monthly);
    assert_eq!(estimate.coverage.usage_based_lines, 2);
    let (_, diagnostics) = book.load_user_files(&[]);
    assert!(diagnostics.is_empty());
}

#[test]
fn a_china_price_sheet_loads_with_its_report() {
    let mut book = PriceBook::embedded();
    let (report, diagnostics) = book.load_user_files(&[fixture("china-price-sheet.csv")]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(report.rows_read, 12);
    assert_eq!(report.rows_used, 8);
    assert_eq!(report.rows_ignored, 4);
    assert_eq!(report.currencies, vec![Currency::Cny]);
    assert_eq!(report.date_range, Some(("2026-04-01".into(), "2026-06-30".into())));
    assert!(report.conflicts.is_empty());
    let entry = book.get(&loc("chinanorth3"), "vm/standard_d2s_v3/linux", Term::PayAsYouGo).unwrap();
    assert_eq!(entry.price, d("0.678302"));
    assert_eq!(
        entry.origin,
        PriceOrigin::User { file: "china-price-sheet.csv".into(), effective: Some("2026-05-01".into()) }
    );
    // The blob band from 51,200 GB joins its meter's first tier.
    let blob = book.get(&loc("chinanorth3"), "blob/hot/lrs", Term::PayAsYouGo).unwrap();
    let tiers: Vec<(Decimal, Decimal)> = blob.tiers.iter().map(|t| (t.from, t.price)).collect();
    assert_eq!(tiers, vec![(d("0"), d("0.140564")), (d("51200"), d("0.134938"))]);
    // The non-primary chinaeast2 row was not used.
    assert_eq!(book.get(&loc("chinaeast2"), "vm/standard_d2s_v3/linux", Term::PayAsYouGo).unwrap().price, d("0.719"));
}

#[test]
fn retail_api_pages_load_and_report_conflicts() {
    let mut book = PriceBook::embedded();
    let (report, diagnostics) =
        book.load_user_files(&[fixture("retail-prices-page1.json"), fixture("retail-prices-page2.json")]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(report.rows_read, 7);
    assert_eq!(report.rows_used, 6);
    assert_eq!(report.currencies, vec![Currency::Usd]);
    assert_eq!(report.date_range, Some(("2025-09-01".into(), "2026-02-01".into())));
    assert_eq!(report.conflicts.len(), 1);
    assert_eq!((report.conflicts[0].kept, report.conflicts[0].dropped), (d("0.1"), d("0.096")));

    let ip = resource("ip", "Microsoft.Network/publicIPAddresses", sku("Standard"), None, "{}");
    let disk = resource("disk", "Microsoft.Compute/disks", sku("Premium_LRS"), None, "{\"diskSizeGB\":128}");
    let estate = inventory(vec![vm("w", "Standard_D2s_v3", "Windows", None), ip, disk]);
    let source = estimate_source(&estate, &book, &CostOptions::default());
    assert_eq!(source.currency, Currency::Usd);
    assert!(source.unpriced.is_empty(), "{:?}", source.unpriced);
    // 0.188 × 730 + 0.005 × 730 + 19.71.
    assert_eq!(source.total_monthly, d("137.24") + d("3.65") + d("19.71"));
    assert!(source.lines.iter().all(|l| matches!(l.origin, PriceOrigin::User { .. })));
}

#[test]
fn bad_price_files_get_clear_diagnostics() {
    let mut book = PriceBook::embedded();
    let (report, diagnostics) = book.load_user_files(&[
        fixture("bad-columns.csv"),
        fixture("non-numeric-price.csv"),
        fixture("mixed-currencies.csv"),
        InputFile::new("cny-for-eastus.json", r#"{"Items":[{"currencyCode":"CNY","retailPrice":0.7,"armRegionName":"eastus","meterName":"D2s v3","productName":"Virtual Machines DSv3 Series","skuName":"D2s v3","serviceName":"Virtual Machines","unitOfMeasure":"1 Hour","type":"Consumption","armSkuName":"Standard_D2s_v3"}]}"#),
        InputFile::new("broken.json", "{\"Items\": [1, 2"),
    ]);
    let codes: Vec<(&str, Option<&str>)> = diagnostics.iter().map(|d| (d.code, d.file.as_deref())).collect();
    assert_eq!(
        codes,
        vec![
            ("cost.prices-wrong-columns", Some("bad-columns.csv")),
            ("cost.price-not-numeric", Some("non-numeric-price.csv")),
            ("cost.prices-mixed-currencies", Some("mixed-currencies.csv")),
            ("cost.price-currency-region", Some("cny-for-eastus.json")),
            ("cost.prices-unreadable", Some("broken.json")),
        ]
    );
    // Each message says what was found and what is accepted.
    let text = |i: usize| format!("{} {}", diagnostics[i].message, diagnostics[i].hint.as_deref().unwrap_or(""));
    assert!(diagnostics[0].message.contains("retailPrice") && diagnostics[0].message.contains("type"));
    assert!(
        text(0).contains("it has: currencyCode, price,") && text(0).contains("required: currencyCode"),
        "{}",
        text(0)
    );
    assert_eq!(diagnostics[1].location.as_deref(), Some("row 1"));
    assert!(text(1).contains("\"n/a\"") && text(1).contains("decimal numbers"), "{}", text(1));
    assert!(text(2).contains("(CNY, USD)") && text(2).contains("one currency per file"), "{}", text(2));
    assert!(text(3).contains("in CNY") && text(3).contains("eastus lists prices in USD"), "{}", text(3));
    assert!(text(4).contains("not a saved Azure Retail Prices API page"), "{}", text(4));
    // The good row next to the non-numeric one was kept.
    assert_eq!(report.rows_used, 1);
    assert_eq!(book.get(&loc("chinanorth3"), "vm/standard_d2s_v3/windows", Term::PayAsYouGo).unwrap().price, d("1.25"));
}

#[test]
fn the_sample_estate_is_estimated_for_china_north_3() {
    let bytes = include_bytes!("../../../../data/sample-estate.json").to_vec();
    let import = crate::inventory::import(&[InputFile::new("sample-estate.json", bytes)], &Default::default());
    let estate = &import.inventory;
    assert!(estate.len() > 300);
    let book = PriceBook::embedded();
    let target = estimate(estate, &loc("chinanorth3"), &book, None, &CostOptions::default());
    let coverage = &target.coverage;
    assert_eq!(coverage.priced_resources + coverage.unpriced_resources + coverage.free_resources, estate.len());
    assert_eq!(coverage.total_resources, estate.len());
    assert!(coverage.priced_resources > 50, "{coverage:?}");
    assert!(coverage.free_resources > 50, "{coverage:?}");
    assert_eq!(target.currency, Currency::Cny);
    assert_eq!(target.total_monthly, target.lines.iter().map(|l| l.monthly).sum::<Decimal>());
    assert_eq!(target.total_monthly, target.by_category.values().copied().sum::<Decimal>());
    assert_eq!(target.total_monthly, target.by_resource_group.values().copied().sum::<Decimal>());
    assert!(target.unpriced.iter().all(|u| !u.hint.is_empty()));
    assert_eq!(target.most_expensive(5).len(), 5);

    let source = estimate_source(estate, &book, &CostOptions::default());
    assert_eq!(source.currency, Currency::Usd);
    assert_eq!(source.coverage.total_resources, estate.len());
    let share = source_cost_coverage(&target, &source);
    eprintln!(
        "sample estate → chinanorth3: {} priced, {} unpriced, {} free of {}; total {}; source {} ({} priced); source cost covered {:?}%",
        coverage.priced_resources,
        coverage.unpriced_resources,
        coverage.free_resources,
        coverage.total_resources,
        Money::new(target.total_monthly, target.currency),
        Money::new(source.total_monthly, source.currency),
        source.coverage.priced_resources,
        share.map(round_for_display),
    );
    let mut reasons: std::collections::BTreeMap<&str, usize> = Default::default();
    for unpriced in &target.unpriced {
        *reasons.entry(unpriced.reason.label()).or_default() += 1;
    }
    eprintln!("unpriced by reason: {reasons:?}");
}

#[test]
fn utf16_price_files_load_and_binary_ones_are_refused() {
    let csv = String::from_utf8(fixture("china-price-sheet.csv").bytes).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(csv.encode_utf16().flat_map(u16::to_le_bytes));
    let mut as_utf16 = PriceBook::empty();
    let (report16, diagnostics16) = as_utf16.load_user_files(&[InputFile::new("sheet-utf16.csv", utf16)]);
    let mut as_utf8 = PriceBook::empty();
    let (report8, _) = as_utf8.load_user_files(&[InputFile::new("sheet.csv", csv.into_bytes())]);
    assert_eq!(report16.rows_used, report8.rows_used);
    assert!(report16.rows_used > 0);
    assert!(diagnostics16.iter().all(|d| d.code != "cost.prices-unreadable"), "{diagnostics16:?}");
    let mut book = PriceBook::empty();
    let (_, diagnostics) = book.load_user_files(&[InputFile::new("prices.zip", b"PK\x03\x04rest".to_vec())]);
    assert!(
        diagnostics.iter().any(|d| d.code == "cost.prices-unreadable" && d.message.contains("ZIP")),
        "{diagnostics:?}"
    );
}

/// The embedded snapshot plus one Retail Prices API page with the newer families' meters.
fn new_meters_book() -> PriceBook {
    let mut book = PriceBook::embedded();
    let (report, diagnostics) = book.load_user_files(&[fixture("retail-prices-new-meters.json")]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!((report.rows_read, report.rows_used, report.rows_ignored), (25, 25, 0), "{report:?}");
    book
}

/// Prices resources in eastus from the new-meter page: (meter, quantity, monthly) per line.
fn check_eastus(resources: Vec<Resource>, options: &CostOptions) -> Vec<(String, Decimal, Decimal)> {
    let estimate = estimate(&inventory(resources), &loc("eastus"), &new_meters_book(), None, options);
    assert!(estimate.unpriced.is_empty(), "{:?}", estimate.unpriced);
    assert!(estimate.lines.iter().all(|l| matches!(l.origin, PriceOrigin::User { .. })));
    estimate.lines.iter().map(|l| (l.meter.clone(), l.quantity, l.monthly)).collect()
}

fn line(meter: &str, quantity: &str, monthly: &str) -> (String, Decimal, Decimal) {
    (meter.to_string(), d(quantity), d(monthly))
}

fn sku_with(name: &str, tier: Option<&str>, capacity: Option<i64>) -> Option<Sku> {
    Some(Sku { name: Some(name.into()), tier: tier.map(String::from), capacity, ..Sku::default() })
}

#[test]
fn snapshots_are_priced_from_their_size_the_source_disk_or_the_assumption() {
    let snapshot =
        |name: &str, props: &str| resource(name, "Microsoft.Compute/snapshots", sku("Standard_LRS"), None, props);
    let disk = resource("src", "Microsoft.Compute/disks", sku("Premium_LRS"), None, "{\"diskSizeGB\":128}");
    let from_source = snapshot("b", &format!("{{\"creationData\":{{\"sourceResourceId\":\"{}\"}}}}", disk.id.as_str()));
    let sized = snapshot("a", "{\"diskSizeGB\":512,\"incremental\":true}");
    let mut options = CostOptions::default();
    let estimate = estimate(
        &inventory(vec![disk, sized.clone(), from_source]),
        &loc("eastus"),
        &new_meters_book(),
        None,
        &options,
    );
    let lines: Vec<(String, Decimal, Decimal)> =
        estimate.lines.iter().map(|l| (l.meter.clone(), l.quantity, l.monthly)).collect();
    assert_eq!(lines, vec![line("snapshot/standard/lrs", "512", "25.6"), line("snapshot/standard/lrs", "128", "6.4")]);
    assert!(estimate.lines[0].usage_based);
    assert!(estimate.lines[1].assumption.as_deref().unwrap().contains("source disk"));

    options
        .per_resource
        .insert(sized.id.as_str().to_string(), Assumptions { snapshot_gb: Some(d("50")), ..Assumptions::default() });
    let lines = check_eastus(vec![sized], &options);
    assert_eq!(lines, vec![line("snapshot/standard/lrs", "50", "2.5")]);
}

#[test]
fn elastic_pools_are_priced_by_vcores_or_edtus() {
    let vcore = resource(
        "pool",
        "Microsoft.Sql/servers/elasticPools",
        sku_with("GP_Gen5", Some("GeneralPurpose"), Some(4)),
        Some("vcore,pool"),
        "{\"maxSizeBytes\":107374182400,\"licenseType\":\"LicenseIncluded\"}",
    );
    let dtu = resource(
        "dtu",
        "Microsoft.Sql/servers/elasticPools",
        sku_with("StandardPool", Some("Standard"), Some(100)),
        None,
        "{}",
    );
    let lines = check_eastus(vec![vcore, dtu], &CostOptions::default());
    let days = d("730") / d("24");
    assert_eq!(
        lines,
        vec![
            line("sqlpool/vcore/gp_gen5_4", "730", "657"),
            line("sqlpool/storage/gp", "100", "10"),
            ("sqlpool/dtu/standard_100".to_string(), days, d("7.2") * days),
        ]
    );
}

#[test]
fn managed_instances_are_priced_by_vcores_and_storage() {
    let instance = resource(
        "mi",
        "Microsoft.Sql/managedInstances",
        sku_with("GP_Gen5", Some("GeneralPurpose"), Some(8)),
        None,
        "{\"vCores\":8,\"storageSizeInGB\":256,\"licenseType\":\"BasePrice\"}",
    );
    let lines = check_eastus(vec![instance], &CostOptions::default());
    assert_eq!(lines, vec![line("sqlmi/vcore/gp_gen5_8", "730", "1606"), line("sqlmi/storage/gp", "256", "25.6")]);
}

#[test]
fn flexible_servers_are_priced_per_vcore_with_high_availability_doubling() {
    let mysql = resource(
        "mysql",
        "Microsoft.DBforMySQL/flexibleServers",
        sku_with("Standard_D2ds_v4", Some("GeneralPurpose"), None),
        None,
        "{\"storage\":{\"storageSizeGB\":256},\"highAvailability\":{\"mode\":\"Disabled\"}}",
    );
    let postgres = resource(
        "psql",
        "Microsoft.DBforPostgreSQL/flexibleServers",
        sku_with("Standard_D4ds_v5", Some("GeneralPurpose"), None),
        None,
        "{\"storage\":{\"storageSizeGB\":1024},\"highAvailability\":{\"mode\":\"ZoneRedundant\"}}",
    );
    let lines = check_eastus(vec![mysql, postgres], &CostOptions::default());
    assert_eq!(
        lines,
        vec![
            line("mysql/vcore/generalpurpose_ddsv4", "1460", "73"),
            line("mysql/storage", "256", "25.6"),
            line("postgresql/vcore/generalpurpose_ddsv5", "5840", "350.4"),
            line("postgresql/storage", "2048", "204.8"),
        ]
    );
}

#[test]
fn cosmos_accounts_price_provisioned_throughput_and_serverless_usage() {
    let provisioned = resource("c1", "Microsoft.DocumentDB/databaseAccounts", None, Some("GlobalDocumentDB"), "{}");
    let serverless = resource(
        "c2",
        "Microsoft.DocumentDB/databaseAccounts",
        None,
        Some("GlobalDocumentDB"),
        "{\"capabilities\":[{\"name\":\"EnableServerless\"}]}",
    );
    let lines = check_eastus(vec![provisioned, serverless.clone()], &CostOptions::default());
    assert_eq!(
        lines,
        vec![
            line("cosmos/provisioned/single", "2920", "23.36"),
            line("cosmos/storage", "10", "2.5"),
            line("cosmos/serverless", "50", "12.5"),
            line("cosmos/storage", "10", "2.5"),
        ]
    );

    // Azure China prices come from the snapshot: three regions with multi-region writes.
    let multi = resource(
        "c3",
        "Microsoft.DocumentDB/databaseAccounts",
        None,
        None,
        "{\"enableMultipleWriteLocations\":true,\"locations\":[{},{},{}]}",
    );
    let mut options = CostOptions::default();
    options.per_resource.insert(
        serverless.id.as_str().into(),
        Assumptions { cosmos_serverless_million_ru: d("7"), cosmos_storage_gb: d("1"), ..Assumptions::default() },
    );
    let china =
        estimate(&inventory(vec![multi, serverless]), &loc("chinanorth3"), &PriceBook::embedded(), None, &options);
    let got: Vec<(String, Decimal, Decimal)> =
        china.lines.iter().map(|l| (l.meter.clone(), l.quantity, l.monthly)).collect();
    assert_eq!(
        got,
        vec![
            line("cosmos/provisioned/multi", "8760", "893.52"),
            line("cosmos/storage", "30", "77.28"),
            line("cosmos/serverless", "7", "16.52"),
            line("cosmos/storage", "1", "2.576"),
        ]
    );
    assert_eq!(china.usage_monthly, d("77.28") + d("16.52") + d("2.576"));
}

#[test]
fn consumption_functions_are_usage_with_the_free_grant_as_a_zero_tier() {
    let plan = resource(
        "func",
        "Microsoft.Web/serverfarms",
        sku_with("Y1", Some("Dynamic"), Some(0)),
        Some("functionapp"),
        "{}",
    );
    let lines = check_eastus(vec![plan.clone()], &CostOptions::default());
    assert_eq!(lines, vec![line("functions/executions", "1", "0"), line("functions/gbseconds", "100000", "0")]);

    let mut options = CostOptions::default();
    options.assumptions.function_million_executions = d("5");
    options.assumptions.function_gb_seconds = d("1000000");
    let lines = check_eastus(vec![plan], &options);
    assert_eq!(
        lines,
        vec![
            line("functions/executions", "1", "0"),
            line("functions/executions from 1", "4", "0.8"),
            line("functions/gbseconds", "400000", "0"),
            line("functions/gbseconds from 400000", "600000", "9.6"),
        ]
    );
}

#[test]
fn application_insights_ingestion_is_usage() {
    let classic =
        resource("appi", "Microsoft.Insights/components", None, Some("web"), "{\"Application_Type\":\"web\"}");
    let lines = check_eastus(vec![classic], &CostOptions::default());
    assert_eq!(lines, vec![line("appinsights/ingestion", "5", "11.5")]);
    // Workspace-based: billed as Log Analytics ingestion, which this book lacks for eastus.
    let workspace = resource(
        "appi2",
        "Microsoft.Insights/components",
        None,
        Some("web"),
        "{\"IngestionMode\":\"LogAnalytics\",\"WorkspaceResourceId\":\"/subscriptions/x/resourceGroups/r/providers/Microsoft.OperationalInsights/workspaces/w\"}",
    );
    let estimate =
        estimate(&inventory(vec![workspace]), &loc("eastus"), &new_meters_book(), None, &CostOptions::default());
    assert_eq!(estimate.unpriced[0].reason, UnpricedReason::NoPriceLoaded);
    assert!(estimate.unpriced[0].hint.contains("loganalytics/ingestion"));
}

#[test]
fn service_bus_and_event_hubs_namespaces_are_priced_by_tier_and_units() {
    let standard =
        resource("sb1", "Microsoft.ServiceBus/namespaces", sku_with("Standard", Some("Standard"), None), None, "{}");
    let premium =
        resource("sb2", "Microsoft.ServiceBus/namespaces", sku_with("Premium", Some("Premium"), Some(2)), None, "{}");
    let hubs = resource(
        "eh",
        "Microsoft.EventHub/namespaces",
        sku_with("Standard", Some("Standard"), Some(2)),
        None,
        "{\"isAutoInflateEnabled\":true,\"maximumThroughputUnits\":10}",
    );
    let lines = check_eastus(vec![standard, premium, hubs], &CostOptions::default());
    assert_eq!(
        lines,
        vec![
            line("servicebus/standard/base", "730", "9.855"),
            line("servicebus/standard/operations", "10", "8"),
            line("servicebus/premium/unit", "1460", "1354.88"),
            line("eventhubs/standard/tu", "1460", "43.8"),
            line("eventhubs/standard/ingress", "100", "2.8"),
        ]
    );
}

#[test]
fn private_endpoints_and_expressroute_gateways_are_priced_by_the_hour() {
    let endpoint = resource("pe", "Microsoft.Network/privateEndpoints", None, None, "{}");
    let gateway = resource(
        "ergw",
        "Microsoft.Network/virtualNetworkGateways",
        None,
        None,
        "{\"gatewayType\":\"ExpressRoute\",\"sku\":{\"name\":\"ErGw1AZ\",\"tier\":\"ErGw1AZ\"}}",
    );
    let lines = check_eastus(vec![endpoint, gateway], &CostOptions::default());
    assert_eq!(lines, vec![line("privatelink/endpoint", "730", "7.3"), line("ergw/ergw1az", "730", "306.6")]);
}

#[test]
fn families_the_pages_price_are_priced_in_china_north_3() {
    let resources = vec![
        resource("snap", "Microsoft.Compute/snapshots", sku("Standard_LRS"), None, "{\"diskSizeGB\":64}"),
        resource("pool", "Microsoft.Sql/servers/elasticPools", sku_with("GP_Gen5", None, Some(4)), None, "{}"),
        resource("mi", "Microsoft.Sql/managedInstances", sku_with("GP_Gen5", None, Some(8)), None, "{}"),
        resource(
            "my",
            "Microsoft.DBforMySQL/flexibleServers",
            sku_with("Standard_B1ms", Some("Burstable"), None),
            None,
            "{}",
        ),
        resource("fn", "Microsoft.Web/serverfarms", sku_with("Y1", Some("Dynamic"), None), None, "{}"),
        resource("appi", "Microsoft.Insights/components", None, None, "{}"),
        resource("sb", "Microsoft.ServiceBus/namespaces", sku("Standard"), None, "{}"),
        resource("eh", "Microsoft.EventHub/namespaces", sku("Basic"), None, "{}"),
        resource("pe", "Microsoft.Network/privateEndpoints", None, None, "{}"),
        resource(
            "er",
            "Microsoft.Network/virtualNetworkGateways",
            None,
            None,
            "{\"gatewayType\":\"ExpressRoute\",\"sku\":{\"name\":\"ErGw1AZ\"}}",
        ),
    ];
    let estimate =
        estimate(&inventory(resources), &loc("chinanorth3"), &PriceBook::embedded(), None, &CostOptions::default());
    assert!(estimate.unpriced.is_empty(), "{:?}", estimate.unpriced);
    let meters: Vec<(&str, Decimal)> = estimate.lines.iter().map(|l| (l.meter.as_str(), l.unit_price)).collect();
    assert_eq!(
        meters,
        vec![
            ("snapshot/standard/lrs", d("0.3")),
            ("sqlpool/vcore/gp_gen5_4", d("7.1126")),
            ("sqlmi/vcore/gp_gen5_8", d("14.2251")),
            ("mysql/standard_b1ms", d("0.1449")),
            ("functions/executions", d("1.30")),
            ("functions/gbseconds", d("0.000113")),
            ("loganalytics/ingestion", d("23.4")),
            ("servicebus/standard/base", d("0.0851")),
            ("eventhubs/basic/tu", d("0.097")),
            ("eventhubs/basic/ingress", d("0.18")),
            ("privatelink/endpoint", d("0.102")),
            ("ergw/ergw1az", d("3.67")),
        ]
    );
    assert!(estimate
        .lines
        .iter()
        .all(|l| matches!(&l.origin, PriceOrigin::Snapshot { date, .. } if date == "2026-07-26")));
}

#[test]
fn every_usage_assumption_can_be_overridden_per_resource() {
    let resources = vec![
        resource("st", "Microsoft.Storage/storageAccounts", sku("Standard_LRS"), Some("StorageV2"), "{}"),
        resource("kv", "Microsoft.KeyVault/vaults", None, None, "{}"),
        resource(
            "cosmos",
            "Microsoft.DocumentDB/databaseAccounts",
            None,
            None,
            "{\"capabilities\":[{\"name\":\"EnableServerless\"}]}",
        ),
        resource("prov", "Microsoft.DocumentDB/databaseAccounts", None, None, "{}"),
        resource("snap", "Microsoft.Compute/snapshots", None, None, "{\"diskSizeGB\":64}"),
    ];
    let changed = Assumptions {
        storage_gb: d("1"),
        key_vault_10k_operations: d("2"),
        log_analytics_gb_per_day: d("3"),
        snapshot_gb: Some(d("4")),
        cosmos_ru_per_second: d("500"),
        cosmos_storage_gb: d("6"),
        cosmos_serverless_million_ru: d("7"),
        function_million_executions: d("8"),
        function_gb_seconds: d("9"),
        app_insights_gb_per_month: d("10"),
        service_bus_million_operations: d("11"),
        event_hubs_million_events: d("12"),
        ..Assumptions::default()
    };
    let mut options = CostOptions::default();
    for resource in &resources {
        options.per_resource.insert(resource.id.as_str().to_ascii_uppercase(), changed.clone());
    }
    let book = new_meters_book();
    let china = estimate(&inventory(resources.clone()), &loc("chinaeast2"), &book, None, &options);
    let quantities: Vec<(&str, Decimal)> = china.lines.iter().map(|l| (l.meter.as_str(), l.quantity)).collect();
    assert_eq!(
        quantities,
        vec![
            ("blob/hot/lrs", d("1")),
            ("keyvault/standard/operations", d("2")),
            ("cosmos/serverless", d("7")),
            ("cosmos/storage", d("6")),
            ("cosmos/provisioned/single", d("5") * d("730")),
            ("cosmos/storage", d("6")),
            ("snapshot/standard/lrs", d("4")),
        ]
    );
    let usage = [
        resource("law", "Microsoft.OperationalInsights/workspaces", None, None, "{}"),
        resource("fn", "Microsoft.Web/serverfarms", sku_with("Y1", Some("Dynamic"), None), None, "{}"),
        resource("appi", "Microsoft.Insights/components", None, None, "{}"),
        resource("sb", "Microsoft.ServiceBus/namespaces", sku("Basic"), None, "{}"),
        resource("eh", "Microsoft.EventHub/namespaces", sku("Standard"), None, "{}"),
        resources[4].clone(),
    ];
    for resource in &usage {
        options.per_resource.insert(resource.id.as_str().to_string(), changed.clone());
    }
    let eastus = estimate(&inventory(usage.to_vec()), &loc("eastus"), &book, None, &options);
    let quantities: Vec<(&str, Decimal)> =
        eastus.lines.iter().filter(|l| l.usage_based).map(|l| (l.meter.as_str(), l.quantity)).collect();
    assert_eq!(
        quantities,
        vec![
            ("functions/executions", d("1")),
            ("functions/executions from 1", d("7")),
            ("functions/gbseconds", d("9")),
            ("appinsights/ingestion", d("10")),
            ("eventhubs/standard/ingress", d("12")),
            ("snapshot/standard/lrs", d("4")),
        ]
    );
    // Log Analytics and Basic Service Bus have no eastus price here: unpriced, with the
    // override still named in nothing that counts.
    assert_eq!(eastus.unpriced.len(), 2);
}

#[test]
fn assumptions_are_read_and_set_by_name() {
    let mut assumptions = Assumptions::default();
    for (name, _) in Assumptions::NAMES {
        if *name == "snapshot_gb" {
            assert_eq!(assumptions.get(name), None, "unset by default");
        } else {
            assert!(assumptions.get(name).is_some(), "{name}");
        }
        assumptions.set(name, Some(d("7.5"))).unwrap();
        assert_eq!(assumptions.get(name), Some(d("7.5")), "{name}");
    }
    assert_eq!(assumptions.storage_gb, d("7.5"));
    assert_eq!(assumptions.snapshot_gb, Some(d("7.5")));
    assumptions.set("snapshot_gb", None).unwrap();
    assert_eq!(assumptions.snapshot_gb, None);
    assert!(assumptions.set("storage_gb", None).unwrap_err().contains("needs a number"));
    assert!(assumptions.set("storage_gb", Some(d("-1"))).unwrap_err().contains("negative"));
    let unknown = assumptions.set("moon_gb", Some(d("1"))).unwrap_err();
    assert!(unknown.contains("moon_gb") && unknown.contains("storage_gb"), "{unknown}");
}

#[test]
fn a_global_price_missing_in_one_region_is_not_called_unoffered() {
    let book = PriceBook::embedded();
    // The snapshot prices a Standard public IP in eastus only: in westeurope that means
    // no price is loaded, not that the service is not sold there.
    assert!(book.get(&loc("eastus"), "pip/standard/static", Term::PayAsYouGo).is_some());
    let (reason, hint) = book.lookup(&loc("westeurope"), "pip/standard/static", Term::PayAsYouGo).unwrap_err();
    assert_eq!(reason, UnpricedReason::NoPriceLoaded);
    assert!(hint.contains("Retail Prices API"), "{hint}");
}

#[test]
fn pricing_in_several_targets_at_once_gives_each_targets_own_estimate() {
    let estate = inventory(vec![
        vm("web-1", "Standard_D2s_v3", "Linux", None),
        vm("app-1", "Standard_E4s_v5", "Windows", Some("Windows_Server")),
        resource("data", "Microsoft.Storage/storageAccounts", sku("Standard_GRS"), Some("StorageV2"), "{}"),
    ]);
    let (book, options) = (PriceBook::embedded(), CostOptions::default());
    let targets = [loc("chinanorth3"), loc("eastus"), loc("chinaeast2")];
    let each = estimate_each(&estate, &targets, &book, None, &options);
    assert_eq!(each.len(), targets.len());
    for (estimate, target) in each.iter().zip(&targets) {
        assert_eq!(*estimate, super::estimate(&estate, target, &book, None, &options));
    }
}

/// The snapshot holds the page's price for every spot-checked cell
/// (`tests/fixtures/cost/page-facts.json`: page, table, row, column, unit, date, commit),
/// family by family, in each region the page shows it in.
#[test]
fn the_snapshot_agrees_with_the_pages_family_by_family() {
    #[derive(serde::Deserialize)]
    struct Fact {
        family: String,
        regions: Vec<String>,
        meter: String,
        unit: String,
        term: String,
        price: String,
        table: String,
        date: String,
    }
    #[derive(serde::Deserialize)]
    struct Facts {
        facts: Vec<Fact>,
    }
    let file = fixture("page-facts.json");
    let facts: Facts = serde_json::from_slice(&file.bytes).unwrap();
    let book = PriceBook::embedded();
    let mut families = std::collections::BTreeSet::new();
    for fact in &facts.facts {
        let term = match fact.term.as_str() {
            "1y" => Term::Reserved1Year,
            "3y" => Term::Reserved3Years,
            _ => Term::PayAsYouGo,
        };
        for region in &fact.regions {
            let entry = book
                .get(&loc(region), &fact.meter, term)
                .unwrap_or_else(|| panic!("{}: no {} in {region} ({})", fact.family, fact.meter, fact.table));
            let printed = d(&fact.price.replace(',', ""));
            assert_eq!(entry.price, printed, "{}: {} in {region}, table {}", fact.family, fact.meter, fact.table);
            assert_eq!(Some(entry.unit), Unit::from_code(&fact.unit), "{}: {}", fact.family, fact.meter);
            assert!(
                matches!(&entry.origin, PriceOrigin::Snapshot { date, .. } if *date == fact.date),
                "{}: {} is dated {:?}",
                fact.family,
                fact.meter,
                entry.origin
            );
        }
        families.insert(fact.family.as_str());
    }
    assert!(families.len() >= 32, "{families:?}");
    // The correction of issue 10: Premium P4 is the visible table's 387.24 a day, not
    // 15,605.74 from the table the page hides in every region.
    assert_eq!(book.get(&loc("chinanorth3"), "sqldb/dtu/p4", Term::PayAsYouGo).unwrap().price, d("387.24"));
    // A region's own calculator series wins over one naming several regions (D2 v3 Linux
    // in China North 3: 0.72, not 0.85).
    assert_eq!(book.get(&loc("chinanorth3"), "vm/standard_d2_v3/linux", Term::PayAsYouGo).unwrap().price, d("0.72"));
}

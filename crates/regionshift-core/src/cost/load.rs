//! Reading the user's price files: the Azure China price sheet CSV (prices.azure.cn)
//! and saved pages of the Azure Retail Prices API JSON (prices.azure.com).
//!
//! Both name their columns alike (`currencyCode`, `retailPrice`, `armRegionName`,
//! `meterName`, ...; the China sheet says `term` where the API says
//! `reservationTerm`). Prices are read from their text, never through floats. Rows are
//! mapped to the price book's meter keys; rows no rule needs are counted and ignored.
//! A file mixing currencies is refused; a row whose currency is not the list currency of
//! its region's cloud (for example CNY from the global API, which is a conversion of
//! USD) is skipped with a diagnostic.

// User text reaches this module: no slicing or indexing that could panic, no unwrap or
// expect outside tests (a local `allow` only where an index is proven in range, saying why).
#![cfg_attr(not(test), deny(clippy::string_slice, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used))]

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::prices::{parse_decimal, PriceEntry, PriceOrigin, PriceTier, Term, Unit, CHINA_WIDE};
use super::PriceBook;
use crate::azure::regions;
use crate::azure::Location;
use crate::diagnostics::Diagnostic;
use crate::input::{text, InputFile, DEFAULT_MAX_FILE_BYTES};
use crate::units::Currency;

/// What loading the user's price files did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LoadReport {
    pub files: Vec<String>,
    pub rows_read: usize,
    /// Rows that became prices in the book.
    pub rows_used: usize,
    /// Rows no pricing rule needs (other services, tiers above the first, dev/test,
    /// savings plans, non-primary meters).
    pub rows_ignored: usize,
    /// Rows skipped with a diagnostic.
    pub rows_rejected: usize,
    pub currencies: Vec<Currency>,
    /// Earliest and latest effective date of the rows used (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_range: Option<(String, String)>,
    pub conflicts: Vec<PriceConflict>,
}

/// Two loaded rows priced the same meter differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriceConflict {
    pub region: String,
    pub meter: String,
    pub term: Term,
    pub kept: Decimal,
    pub dropped: Decimal,
    pub files: Vec<String>,
}

/// One price row, whatever file it came from.
#[derive(Default)]
struct Row {
    currency: String,
    price: String,
    region: String,
    meter_name: String,
    product: String,
    sku_name: String,
    service: String,
    unit: String,
    kind: String,
    term: String,
    arm_sku: String,
    tier_minimum: String,
    effective: String,
    primary: String,
}

const REQUIRED: &[&str] = &[
    "currencyCode",
    "retailPrice",
    "armRegionName",
    "meterName",
    "productName",
    "skuName",
    "serviceName",
    "unitOfMeasure",
    "type",
];

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RetailPage {
    items: Vec<RetailItem>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RetailItem {
    currency_code: Option<String>,
    retail_price: Option<Box<RawValue>>,
    unit_price: Option<Box<RawValue>>,
    arm_region_name: Option<String>,
    meter_name: Option<String>,
    product_name: Option<String>,
    sku_name: Option<String>,
    service_name: Option<String>,
    unit_of_measure: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    reservation_term: Option<String>,
    arm_sku_name: Option<String>,
    tier_minimum_units: Option<Box<RawValue>>,
    effective_start_date: Option<String>,
    is_primary_meter_region: Option<bool>,
}

fn raw_text(raw: &Option<Box<RawValue>>) -> String {
    raw.as_ref().map(|r| r.get().trim_matches('"').to_string()).unwrap_or_default()
}

fn read_json(file: &InputFile, text: &str) -> Result<Vec<Row>, Diagnostic> {
    let page: RetailPage = serde_json::from_str(text).map_err(|e| {
        Diagnostic::error("cost.prices-unreadable", format!("not a saved Azure Retail Prices API page: {e}"))
            .in_file(&file.name)
            .with_hint("save the JSON the API returns, with its \"Items\" array, one page per file")
    })?;
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|field| {
            !page.items.is_empty()
                && page.items.iter().all(|item| match *field {
                    "currencyCode" => item.currency_code.is_none(),
                    "retailPrice" => item.retail_price.is_none() && item.unit_price.is_none(),
                    "armRegionName" => item.arm_region_name.is_none(),
                    "meterName" => item.meter_name.is_none(),
                    "productName" => item.product_name.is_none(),
                    "skuName" => item.sku_name.is_none(),
                    "serviceName" => item.service_name.is_none(),
                    "unitOfMeasure" => item.unit_of_measure.is_none(),
                    _ => item.kind.is_none(),
                })
        })
        .collect();
    if !missing.is_empty() {
        let found: Vec<&str> = REQUIRED.iter().copied().filter(|field| !missing.contains(field)).collect();
        return Err(wrong_columns(file, &missing, &found));
    }
    Ok(page
        .items
        .into_iter()
        .map(|item| Row {
            currency: item.currency_code.unwrap_or_default(),
            price: if item.retail_price.is_some() { raw_text(&item.retail_price) } else { raw_text(&item.unit_price) },
            region: item.arm_region_name.unwrap_or_default(),
            meter_name: item.meter_name.unwrap_or_default(),
            product: item.product_name.unwrap_or_default(),
            sku_name: item.sku_name.unwrap_or_default(),
            service: item.service_name.unwrap_or_default(),
            unit: item.unit_of_measure.unwrap_or_default(),
            kind: item.kind.unwrap_or_default(),
            term: item.reservation_term.unwrap_or_default(),
            arm_sku: item.arm_sku_name.unwrap_or_default(),
            tier_minimum: raw_text(&item.tier_minimum_units),
            effective: item.effective_start_date.unwrap_or_default(),
            primary: item.is_primary_meter_region.map(|p| p.to_string()).unwrap_or_default(),
        })
        .collect())
}

fn wrong_columns(file: &InputFile, missing: &[&str], found: &[&str]) -> Diagnostic {
    let found = if found.is_empty() { "none".to_string() } else { found.join(", ") };
    let message = format!("price file lacks the column(s) {}; it has: {found}", missing.join(", "));
    Diagnostic::error("cost.prices-wrong-columns", message).in_file(&file.name).with_hint(format!(
        "load the Azure China price sheet CSV or Retail Prices API JSON; required: {}",
        REQUIRED.join(", ")
    ))
}

fn read_csv(file: &InputFile, text: &str) -> Result<Vec<Row>, Diagnostic> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| {
            Diagnostic::error("cost.prices-unreadable", format!("unreadable CSV header: {e}")).in_file(&file.name)
        })?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|name| column(name).is_none() && !(*name == "retailPrice" && column("unitPrice").is_some()))
        .collect();
    if !missing.is_empty() {
        let found: Vec<&str> = headers.iter().map(str::trim).collect();
        return Err(wrong_columns(file, &missing, &found));
    }
    let index = |name: &str| column(name);
    let price_column = index("retailPrice").or_else(|| index("unitPrice"));
    let term_column = index("term").or_else(|| index("reservationTerm"));
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            Diagnostic::error("cost.prices-unreadable", format!("unreadable CSV: {e}")).in_file(&file.name)
        })?;
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim().to_string();
        rows.push(Row {
            currency: get(index("currencyCode")),
            price: get(price_column),
            region: get(index("armRegionName")),
            meter_name: get(index("meterName")),
            product: get(index("productName")),
            sku_name: get(index("skuName")),
            service: get(index("serviceName")),
            unit: get(index("unitOfMeasure")),
            kind: get(index("type")),
            term: get(term_column),
            arm_sku: get(index("armSkuName")),
            tier_minimum: get(index("tierMinimumUnits")),
            effective: get(index("effectiveStartDate")),
            primary: get(index("isPrimaryMeterRegion")),
        });
    }
    Ok(rows)
}

fn unit_of(text: &str) -> Option<(Unit, Decimal)> {
    Some(match text.trim() {
        "1 Hour" | "1/Hour" => (Unit::Hour, Decimal::ONE),
        "100 Hours" => (Unit::Hour, Decimal::ONE_HUNDRED),
        "1/Day" | "1 Day" => (Unit::Day, Decimal::ONE),
        "1/Month" => (Unit::Month, Decimal::ONE),
        "1 GB/Month" => (Unit::GbMonth, Decimal::ONE),
        "1 GB" => (Unit::Gb, Decimal::ONE),
        "10K" => (Unit::TenThousand, Decimal::ONE),
        "1M" | "1 Million" | "1M RU" | "1M RUs" => (Unit::Million, Decimal::ONE),
        "1K" => (Unit::Million, Decimal::new(1, 3)),
        // Functions counts executions in tens.
        "10" => (Unit::Million, Decimal::new(1, 5)),
        "1 GB Second" => (Unit::GbSecond, Decimal::ONE),
        _ => return None,
    })
}

/// `General Purpose` → `gp` (SQL editions as the pricing rules spell them).
fn sql_edition(product: &str) -> Option<&'static str> {
    [("General Purpose", "gp"), ("Business Critical", "bc"), ("Hyperscale", "hs")]
        .into_iter()
        .find(|(name, _)| product.contains(name))
        .map(|(_, edition)| edition)
}

/// `… - Compute Gen5` with sku `8 vCore` and meter `vCore` → `gp_gen5_8`.
fn sql_vcore(row: &Row) -> Option<String> {
    let edition = sql_edition(&row.product)?;
    let family = row.product.split("- Compute ").nth(1)?.trim();
    let vcores = row.sku_name.strip_suffix(" vCore")?;
    let valid = row.meter_name == "vCore" && !family.contains(' ') && vcores.chars().all(|c| c.is_ascii_digit());
    valid.then(|| format!("{edition}_{}_{vcores}", family.to_ascii_lowercase()))
}

/// Storage meters of SQL products: `General Purpose Data Stored` (not the free allowance).
fn sql_storage(row: &Row) -> Option<&'static str> {
    let stored = row.product.contains("- Storage")
        && row.meter_name.ends_with("Data Stored")
        && !row.meter_name.contains("Free");
    stored.then(|| sql_edition(&row.product)).flatten()
}

/// The meter key a row prices, or `None` when no rule needs it.
fn meter_key(row: &Row) -> Option<String> {
    let meter = row.meter_name.as_str();
    let product = row.product.as_str();
    match row.service.as_str() {
        "Storage" if product.ends_with("Managed Disks") && meter.ends_with(" Snapshots") => {
            let kind = match product {
                "Standard HDD Managed Disks" => "standard",
                "Premium SSD Managed Disks" => "premium",
                "Standard SSD Managed Disks" => "standardssd",
                _ => return None,
            };
            let redundancy = meter.strip_suffix(" Snapshots")?;
            (redundancy == "LRS" || redundancy == "ZRS")
                .then(|| format!("snapshot/{kind}/{}", redundancy.to_ascii_lowercase()))
        }
        "SQL Database" if product.contains("Elastic Pool") => {
            if let Some(tier) = product.strip_prefix("SQL Database Elastic Pool - ") {
                let edtus = meter.strip_suffix(" eDTUs").or_else(|| meter.strip_suffix(" eDTU"))?;
                return Some(format!("sqlpool/dtu/{}_{edtus}", tier.trim().to_ascii_lowercase()));
            }
            if let Some(edition) = sql_storage(row) {
                return Some(format!("sqlpool/storage/{edition}"));
            }
            sql_vcore(row).map(|sku| format!("sqlpool/vcore/{sku}"))
        }
        "SQL Managed Instance" => match sql_storage(row) {
            Some(edition) => Some(format!("sqlmi/storage/{edition}")),
            None => sql_vcore(row).map(|sku| format!("sqlmi/vcore/{sku}")),
        },
        "Azure Database for MySQL" | "Azure Database for PostgreSQL" if product.contains("Flexible Server") => {
            let service = if row.service.ends_with("MySQL") { "mysql" } else { "postgresql" };
            if product.ends_with("Flexible Server Storage") {
                return (meter == "Storage Data Stored").then(|| format!("{service}/storage"));
            }
            let series = product.strip_suffix(" Series Compute")?.rsplit(' ').next()?.to_ascii_lowercase();
            let tier =
                ["Burstable", "General Purpose", "Memory Optimized"].into_iter().find(|t| product.contains(t))?;
            if tier == "Burstable" {
                return (!meter.contains(' ')).then(|| format!("{service}/burstable/{}", meter.to_ascii_lowercase()));
            }
            let tier = tier.replace(' ', "").to_ascii_lowercase();
            (meter == "vCore").then(|| format!("{service}/vcore/{tier}_{series}"))
        }
        service if service.contains("Cosmos DB") => {
            if meter == "100 RU/s" {
                Some("cosmos/provisioned/single".into())
            } else if meter.contains("RU/s") && (meter.contains("Multi") || meter.contains("multi")) {
                Some("cosmos/provisioned/multi".into())
            } else if meter.contains("Serverless") || meter == "1M RUs" || meter == "1M RU" {
                Some("cosmos/serverless".into())
            } else if meter == "Data Stored" && !product.contains("Analytical") && !product.contains("Backup") {
                Some("cosmos/storage".into())
            } else {
                None
            }
        }
        "Functions" => match meter {
            "Standard Total Executions" => Some("functions/executions".into()),
            "Standard Execution Time" => Some("functions/gbseconds".into()),
            _ => None,
        },
        "Application Insights" if meter.contains("Data Ingestion") || meter.contains("Overage Data") => {
            Some("appinsights/ingestion".into())
        }
        "Service Bus" => match meter {
            "Standard Base Unit" => Some("servicebus/standard/base".into()),
            "Standard Messaging Operations" => Some("servicebus/standard/operations".into()),
            "Basic Messaging Operations" => Some("servicebus/basic/operations".into()),
            _ if meter.starts_with("Premium Messaging Unit") => Some("servicebus/premium/unit".into()),
            _ => None,
        },
        "Event Hubs" => match meter {
            "Basic Throughput Unit" => Some("eventhubs/basic/tu".into()),
            "Standard Throughput Unit" => Some("eventhubs/standard/tu".into()),
            "Premium Processing Unit" => Some("eventhubs/premium/pu".into()),
            "Basic Ingress Events" => Some("eventhubs/basic/ingress".into()),
            "Standard Ingress Events" => Some("eventhubs/standard/ingress".into()),
            _ => None,
        },
        "Virtual Network" if product.contains("Private Link") => {
            (meter == "Standard Private Endpoint").then(|| "privatelink/endpoint".into())
        }
        "ExpressRoute" if product.contains("Gateway") => {
            let sku = meter.strip_suffix(" Gateway")?;
            Some(format!("ergw/{}", sku.replace(' ', "").to_ascii_lowercase()))
        }
        "Virtual Machines" => {
            let skip = ["Spot", "Low Priority"].iter().any(|s| meter.contains(s))
                || ["Cloud Services", "Dedicated Host"].iter().any(|s| product.contains(s));
            if skip || row.arm_sku.is_empty() {
                return None;
            }
            let os = if product.ends_with("Windows") && row.kind != "Reservation" { "windows" } else { "linux" };
            Some(format!("vm/{}/{os}", row.arm_sku.to_ascii_lowercase()))
        }
        "Storage" if product.contains("Managed Disks") => {
            let mut words = meter.split(' ');
            let (Some(tier), Some(redundancy), Some("Disk"), None) =
                (words.next(), words.next(), words.next(), words.next())
            else {
                return None;
            };
            // A tier is P, E or S and a number (`P30`, `E10`); compared by characters, as a
            // meter name may start with any letter.
            let mut chars = tier.chars();
            let valid = chars.next().is_some_and(|c| matches!(c, 'P' | 'E' | 'S'))
                && !chars.as_str().is_empty()
                && chars.all(|c| c.is_ascii_digit());
            (valid && (redundancy == "LRS" || redundancy == "ZRS"))
                .then(|| format!("disk/{}/{}", tier.to_ascii_lowercase(), redundancy.to_ascii_lowercase()))
        }
        "Storage" if product == "General Block Blob v2" || product == "Blob Storage" => {
            let rest = meter.strip_suffix(" Data Stored")?;
            let (tier, redundancy) = rest.split_once(' ')?;
            Some(format!("blob/{}/{}", tier.to_ascii_lowercase(), redundancy.to_ascii_lowercase().replace('-', "")))
        }
        "Virtual Network" if product == "IP Addresses" => match meter {
            "Standard IPv4 Static Public IP" => Some("pip/standard/static".into()),
            "Basic IPv4 Static Public IP" => Some("pip/basic/static".into()),
            "Basic IPv4 Dynamic Public IP" => Some("pip/basic/dynamic".into()),
            _ => None,
        },
        "Azure App Service" if product.contains("Plan") => {
            let sku = meter.strip_suffix(" App")?.replace(' ', "").to_ascii_lowercase();
            let os = if product.contains("Linux") { "linux" } else { "windows" };
            Some(format!("appservice/{sku}/{os}"))
        }
        "SQL Database" if meter.ends_with(" DTUs") || meter.ends_with(" DTU") => {
            let sku = row.sku_name.to_ascii_lowercase();
            (!sku.is_empty() && !sku.contains(' ')).then(|| format!("sqldb/dtu/{sku}"))
        }
        "Redis Cache" => {
            let size = meter.strip_suffix(" Cache Instance").or_else(|| meter.strip_suffix(" Cache"))?;
            let tier = ["Basic", "Standard", "Premium"].into_iter().find(|t| product.contains(t))?;
            Some(format!("redis/{}/{}", tier.to_ascii_lowercase(), size.to_ascii_lowercase()))
        }
        "Log Analytics" if meter == "Pay-as-you-go Data Ingestion" || meter == "Analytics Logs Data Ingestion" => {
            Some("loganalytics/ingestion".into())
        }
        "Key Vault" if meter == "Operations" && product.contains("Key Vault") => {
            let tier = if row.sku_name.eq_ignore_ascii_case("Premium") { "premium" } else { "standard" };
            Some(format!("keyvault/{tier}/operations"))
        }
        _ => None,
    }
}

impl PriceBook {
    /// Loads price files the user saved. Their prices override the snapshot's for the
    /// same region and meter and are marked as from the user. Unusable files and rows
    /// are reported as diagnostics; good rows next to bad ones are kept.
    pub fn load_user_files(&mut self, files: &[InputFile]) -> (LoadReport, Vec<Diagnostic>) {
        let mut report = LoadReport::default();
        let mut diagnostics = Vec::new();
        let mut currencies = BTreeSet::new();
        let mut dates: Vec<String> = Vec::new();
        let mut upper_tiers: BTreeMap<(String, String, Term), Vec<PriceTier>> = BTreeMap::new();
        for file in files {
            report.files.push(file.name.clone());
            // The same decoding as inventories: BOMs, UTF-16, binary and size checks.
            let text = match text::decode(&file.bytes, DEFAULT_MAX_FILE_BYTES) {
                Ok((text, _)) => text,
                Err(error) => {
                    diagnostics.push(
                        Diagnostic::error("cost.prices-unreadable", format!("{} was not loaded: {error}", file.name))
                            .in_file(&file.name),
                    );
                    continue;
                }
            };
            let text = text.trim_start_matches('\u{feff}');
            let rows = if text.trim_start().starts_with('{') { read_json(file, text) } else { read_csv(file, text) };
            let rows = match rows {
                Ok(rows) => rows,
                Err(diagnostic) => {
                    diagnostics.push(diagnostic);
                    continue;
                }
            };
            report.rows_read += rows.len();
            let file_currencies: BTreeSet<String> =
                rows.iter().map(|r| r.currency.trim().to_ascii_uppercase()).filter(|c| !c.is_empty()).collect();
            if file_currencies.len() > 1 {
                report.rows_rejected += rows.len();
                diagnostics.push(
                    Diagnostic::error(
                        "cost.prices-mixed-currencies",
                        format!(
                            "the file mixes currencies ({}); none of its prices were used",
                            file_currencies.into_iter().collect::<Vec<_>>().join(", ")
                        ),
                    )
                    .in_file(&file.name)
                    .with_hint("load one currency per file: CNY for Azure China, USD for global regions"),
                );
                continue;
            }
            for (index, row) in rows.iter().enumerate() {
                let at = format!("row {}", index + 1);
                let tier_minimum = parse_decimal(&row.tier_minimum).filter(|t| !t.is_zero());
                let ignore = row.primary.eq_ignore_ascii_case("false");
                let term = match (row.kind.as_str(), row.term.trim()) {
                    ("Consumption", _) => Some(Term::PayAsYouGo),
                    ("Reservation", "1 Year") => Some(Term::Reserved1Year),
                    ("Reservation", "3 Years") => Some(Term::Reserved3Years),
                    _ => None,
                };
                let key = meter_key(row);
                let unit = unit_of(&row.unit);
                let (Some(term), Some(key), Some((unit, per)), false) = (term, key, unit, ignore) else {
                    report.rows_ignored += 1;
                    continue;
                };
                let Some(price) = parse_decimal(&row.price) else {
                    report.rows_rejected += 1;
                    diagnostics.push(
                        Diagnostic::warning(
                            "cost.price-not-numeric",
                            format!("price {:?} is not a number; row skipped", row.price),
                        )
                        .in_file(&file.name)
                        .at(&at)
                        .with_hint("prices must be plain or scientific decimal numbers, such as 0.678302 or 1.5E-05"),
                    );
                    continue;
                };
                let Some(currency) = Currency::parse(&row.currency) else {
                    report.rows_rejected += 1;
                    diagnostics.push(
                        Diagnostic::warning(
                            "cost.price-currency-unsupported",
                            format!("currency {:?} is not supported; row skipped", row.currency),
                        )
                        .in_file(&file.name)
                        .at(&at)
                        .with_hint("load CNY prices for Azure China and USD prices for global regions"),
                    );
                    continue;
                };
                let region_text = row.region.trim();
                let region = if region_text.eq_ignore_ascii_case("china") {
                    Some((CHINA_WIDE.to_string(), Currency::Cny))
                } else {
                    Location::new(region_text).and_then(|l| {
                        regions::region(&l).map(|r| (l.as_str().to_string(), super::currency_of_cloud(r.cloud)))
                    })
                };
                let Some((region, list_currency)) = region else {
                    report.rows_ignored += 1;
                    continue;
                };
                if currency != list_currency {
                    report.rows_rejected += 1;
                    diagnostics.push(
                        Diagnostic::warning(
                            "cost.price-currency-region",
                            format!("{region} lists prices in {list_currency}, but this row is in {currency}; row skipped"),
                        )
                        .in_file(&file.name)
                        .at(&at)
                        .with_hint("CNY prices from the global Retail Prices API are conversions of USD, not Azure China prices"),
                    );
                    continue;
                }
                // A price per unit and a tier's first unit, per the unit the meter is sold
                // in (`100 /Month`): checked, as a file may hold any number.
                let per_unit = price.checked_div(per);
                let tier_from = tier_minimum.map(|minimum| minimum.checked_mul(per));
                let tier_fits = !matches!(tier_from, Some(None));
                let Some(price) = per_unit.filter(|p| !p.is_sign_negative() && tier_fits) else {
                    report.rows_rejected += 1;
                    diagnostics.push(
                        Diagnostic::warning(
                            "cost.price-out-of-range",
                            format!(
                                "price {:?} per {:?} (from {:?} units) is negative or too large to use; row skipped",
                                row.price, row.unit, row.tier_minimum
                            ),
                        )
                        .in_file(&file.name)
                        .at(&at)
                        .with_hint("a price is the list price of one unit: 0 or more, at most about 10^26"),
                    );
                    continue;
                };
                let tier_minimum = tier_from.flatten();
                let unit = if term == Term::PayAsYouGo { unit } else { Unit::Term };
                let effective = (!row.effective.is_empty()).then(|| row.effective.chars().take(10).collect::<String>());
                if let Some(minimum) = tier_minimum {
                    // A band above the first: joined to its meter's first tier once every
                    // file is read.
                    upper_tiers.entry((region, key, term)).or_default().push(PriceTier { from: minimum, price });
                    continue;
                }
                let entry = PriceEntry {
                    price,
                    unit,
                    currency,
                    origin: PriceOrigin::User { file: file.name.clone(), effective: effective.clone() },
                    tiers: Vec::new(),
                };
                if let Some(existing) = self.get_exact(&region, &key, term) {
                    if let PriceOrigin::User { file: other_file, effective: other_effective } = &existing.origin {
                        if existing.price != entry.price {
                            let newer = effective > *other_effective;
                            let (kept, dropped) =
                                if newer { (entry.price, existing.price) } else { (existing.price, entry.price) };
                            report.conflicts.push(PriceConflict {
                                region: region.clone(),
                                meter: key.clone(),
                                term,
                                kept,
                                dropped,
                                files: vec![other_file.clone(), file.name.clone()],
                            });
                            if !newer {
                                report.rows_ignored += 1;
                                continue;
                            }
                        }
                    }
                }
                currencies.insert(currency);
                if let Some(date) = effective {
                    dates.push(date);
                }
                report.rows_used += 1;
                self.insert(&region, &key, term, entry);
            }
        }
        for ((region, key, term), mut tiers) in upper_tiers {
            let entry = self
                .get_exact_mut(&region, &key, term)
                .filter(|entry| matches!(entry.origin, PriceOrigin::User { .. }));
            let Some(entry) = entry else {
                // No first tier was loaded for this meter: its bands alone cannot price it.
                report.rows_ignored += tiers.len();
                continue;
            };
            report.rows_used += tiers.len();
            tiers.sort_unstable_by_key(|tier| tier.from);
            tiers.dedup_by(|a, b| a.from == b.from);
            entry.tiers = std::iter::once(PriceTier { from: Decimal::ZERO, price: entry.price }).chain(tiers).collect();
        }
        report.currencies = currencies.into_iter().collect();
        dates.sort_unstable();
        report.date_range = dates.first().cloned().zip(dates.last().cloned());
        (report, diagnostics)
    }
}

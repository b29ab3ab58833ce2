//! Pricing rules per resource type: which meters a resource uses, how many units a
//! month, and what was assumed. Each rule reads the resource's SKU and properties and
//! asks the price book; it never guesses a price.

use rust_decimal::Decimal;
use serde_json::Value;

use super::prices::{Lookup, PriceEntry, Term, Unit};
use super::{CostOptions, HybridBenefit, PriceBook, PriceOrigin, UnpricedReason};
use crate::inventory::{Location, Resource};

/// A line before totals and discounts.
pub(crate) struct Draft {
    pub meter: String,
    pub quantity: Decimal,
    pub unit: String,
    pub unit_price: Decimal,
    pub usage_based: bool,
    pub assumption: Option<String>,
    pub origin: PriceOrigin,
}

pub(crate) enum Outcome {
    Free,
    Priced { lines: Vec<Draft>, reservation_fallback: bool },
    Unpriced { reason: UnpricedReason, hint: String },
}

impl Outcome {
    pub(crate) fn unpriced(reason: UnpricedReason, hint: impl Into<String>) -> Outcome {
        Outcome::Unpriced { reason, hint: hint.into() }
    }
    fn missing(field: &str, hint: &str) -> Outcome {
        Outcome::unpriced(UnpricedReason::InputMissing { field: field.to_string() }, hint)
    }
    fn lines(lines: Vec<Draft>) -> Outcome {
        Outcome::Priced { lines, reservation_fallback: false }
    }
}

impl From<(UnpricedReason, String)> for Outcome {
    fn from((reason, hint): (UnpricedReason, String)) -> Outcome {
        Outcome::Unpriced { reason, hint }
    }
}

/// Types that cost nothing by themselves (their cost, if any, is billed on another
/// resource that is priced: a site on its plan, a WAF policy on its gateway).
const FREE_TYPES: &[&str] = &[
    "microsoft.resources/resourcegroups",
    "microsoft.network/virtualnetworks",
    "microsoft.network/virtualnetworks/subnets",
    "microsoft.network/networksecuritygroups",
    "microsoft.network/routetables",
    "microsoft.network/applicationsecuritygroups",
    "microsoft.network/networkinterfaces",
    "microsoft.network/networkwatchers",
    "microsoft.network/localnetworkgateways",
    "microsoft.network/privatednszones/virtualnetworklinks",
    "microsoft.network/applicationgatewaywebapplicationfirewallpolicies",
    "microsoft.compute/availabilitysets",
    "microsoft.compute/proximityplacementgroups",
    "microsoft.compute/sshpublickeys",
    "microsoft.compute/virtualmachines/extensions",
    "microsoft.compute/diskencryptionsets",
    "microsoft.managedidentity/userassignedidentities",
    "microsoft.sql/servers",
    "microsoft.web/sites",
    "microsoft.web/sites/slots",
    "microsoft.insights/diagnosticsettings",
    "microsoft.insights/workbooks",
    "microsoft.portal/dashboards",
    "microsoft.storage/storageaccounts/blobservices",
    "microsoft.storage/storageaccounts/fileservices",
    "microsoft.storage/storageaccounts/queueservices",
    "microsoft.storage/storageaccounts/tableservices",
];

pub(crate) fn is_free(resource: &Resource) -> bool {
    let key = resource.resource_type.key();
    FREE_TYPES.contains(&key) || key.starts_with("microsoft.authorization/")
}

struct Ctx<'a> {
    resource: &'a Resource,
    props: Option<Value>,
    region: &'a Location,
    prices: &'a PriceBook,
    options: &'a CostOptions,
}

impl Ctx<'_> {
    fn prop(&self, path: &[&str]) -> Option<&Value> {
        let mut value = self.props.as_ref()?;
        for segment in path {
            value = value.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(segment)).map(|(_, v)| v)?;
        }
        Some(value)
    }
    fn prop_str(&self, path: &[&str]) -> Option<&str> {
        self.prop(path).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
    }
    fn prop_decimal(&self, path: &[&str]) -> Option<Decimal> {
        match self.prop(path)? {
            Value::Number(n) => super::prices::parse_decimal(&n.to_string()),
            Value::String(s) => super::prices::parse_decimal(s),
            _ => None,
        }
    }
    fn sku_name(&self) -> Option<&str> {
        self.resource.sku.as_ref().and_then(|s| s.name.as_deref()).or_else(|| self.prop_str(&["sku", "name"]))
    }
    fn sku_tier(&self) -> Option<&str> {
        self.resource.sku.as_ref().and_then(|s| s.tier.as_deref()).or_else(|| self.prop_str(&["sku", "tier"]))
    }
    fn sku_capacity(&self) -> Option<Decimal> {
        self.resource
            .sku
            .as_ref()
            .and_then(|s| s.capacity)
            .map(Decimal::from)
            .or_else(|| self.prop_decimal(&["sku", "capacity"]))
    }
    fn lookup(&self, key: &str) -> Lookup<'_> {
        self.prices.lookup(self.region, key, Term::PayAsYouGo)
    }
    fn hours(&self) -> Decimal {
        self.options.hours_per_month
    }
    /// A line for `count` items running all month (or `count` units a month for
    /// volume prices).
    fn line(&self, key: &str, entry: &PriceEntry, count: Decimal, assumption: Option<String>) -> Draft {
        let (quantity, unit) = match entry.unit {
            Unit::Hour => (count * self.hours(), "hours"),
            Unit::Day => (count * self.hours() / Decimal::from(24), "days"),
            Unit::Month => (count, "months"),
            Unit::GbMonth => (count, "GB-months"),
            Unit::Gb => (count, "GB"),
            Unit::TenThousand => (count, "10K operations"),
            Unit::Term => (count, "reservation terms"),
        };
        Draft {
            meter: key.to_string(),
            quantity,
            unit: unit.to_string(),
            unit_price: entry.price,
            usage_based: false,
            assumption,
            origin: entry.origin.clone(),
        }
    }
    fn simple(&self, key: &str, count: Decimal, assumption: Option<String>) -> Outcome {
        match self.lookup(key) {
            Ok(entry) => Outcome::lines(vec![self.line(key, entry, count, assumption)]),
            Err(e) => e.into(),
        }
    }
    fn usage(&self, key: &str, quantity: Decimal, assumption: String) -> Outcome {
        match self.lookup(key) {
            Ok(entry) => {
                let mut draft = self.line(key, entry, quantity, Some(assumption));
                draft.usage_based = true;
                Outcome::lines(vec![draft])
            }
            Err(e) => e.into(),
        }
    }
}

/// Prices one resource in `region`.
pub(crate) fn price(resource: &Resource, region: &Location, prices: &PriceBook, options: &CostOptions) -> Outcome {
    if is_free(resource) {
        return Outcome::Free;
    }
    let ctx = Ctx { resource, props: resource.properties_value(), region, prices, options };
    match resource.resource_type.key() {
        "microsoft.compute/virtualmachines" => virtual_machine(&ctx),
        "microsoft.compute/virtualmachinescalesets" => scale_set(&ctx),
        "microsoft.compute/disks" => managed_disk(&ctx),
        "microsoft.network/publicipaddresses" => public_ip(&ctx),
        "microsoft.storage/storageaccounts" => storage_account(&ctx),
        "microsoft.web/serverfarms" => app_service_plan(&ctx),
        "microsoft.sql/servers/databases" => sql_database(&ctx),
        "microsoft.cache/redis" => redis(&ctx),
        "microsoft.keyvault/vaults" => key_vault(&ctx),
        "microsoft.operationalinsights/workspaces" => log_analytics(&ctx),
        "microsoft.network/loadbalancers" => load_balancer(&ctx),
        "microsoft.network/natgateways" => ctx.simple("nat/gateway", Decimal::ONE, None),
        "microsoft.containerservice/managedclusters" => aks(&ctx),
        "microsoft.network/azurefirewalls" => firewall(&ctx),
        "microsoft.network/bastionhosts" => bastion(&ctx),
        "microsoft.network/virtualnetworkgateways" => vpn_gateway(&ctx),
        "microsoft.network/applicationgateways" => application_gateway(&ctx),
        "microsoft.containerregistry/registries" => match ctx.sku_name() {
            Some(sku) => ctx.simple(&format!("acr/{}", sku.to_ascii_lowercase()), Decimal::ONE, None),
            None => Outcome::missing("sku.name", "export the registry with its SKU (Basic, Standard, Premium)"),
        },
        "microsoft.network/dnszones" => ctx.simple("dns/zone", Decimal::ONE, Some("query charges not included".into())),
        _ => Outcome::unpriced(
            UnpricedReason::TypeNotSupported,
            format!("RegionShift has no pricing rule for {} yet; price it by hand", resource.resource_type),
        ),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Os {
    Linux,
    Windows,
}

/// OS of a VM or scale-set profile: `osType`, else the image, else assumed Linux.
fn os_of(ctx: &Ctx<'_>, profile: &[&str]) -> (Os, Option<String>) {
    let path = |rest: &[&'static str]| -> Vec<&str> { profile.iter().copied().chain(rest.iter().copied()).collect() };
    if let Some(os) = ctx.prop_str(&path(&["storageProfile", "osDisk", "osType"])) {
        return (if os.eq_ignore_ascii_case("windows") { Os::Windows } else { Os::Linux }, None);
    }
    let image: Vec<&str> = ["publisher", "offer", "sku"]
        .iter()
        .filter_map(|field| ctx.prop_str(&path(&["storageProfile", "imageReference", field])))
        .collect();
    if !image.is_empty() {
        let windows = image.iter().any(|s| s.to_ascii_lowercase().contains("windows"));
        return (if windows { Os::Windows } else { Os::Linux }, None);
    }
    (Os::Linux, Some("OS not in the export (no osType or image): Linux price assumed".to_string()))
}

fn vm_lines(
    ctx: &Ctx<'_>,
    size: &str,
    os: Os,
    license: Option<&str>,
    count: Decimal,
    os_note: Option<String>,
) -> Outcome {
    let size = size.to_ascii_lowercase();
    let brings_licence =
        license.is_some_and(|l| l.eq_ignore_ascii_case("Windows_Server") || l.eq_ignore_ascii_case("Windows_Client"));
    let hybrid = os == Os::Windows
        && match ctx.options.hybrid_benefit {
            HybridBenefit::AsDeployed => brings_licence,
            HybridBenefit::All => true,
            HybridBenefit::None => false,
        };
    let mut notes: Vec<String> = os_note.into_iter().collect();
    if hybrid {
        notes.push("Azure Hybrid Benefit: Windows licence brought, Linux (compute-only) rate".into());
    }
    let linux_key = format!("vm/{size}/linux");
    let payg_key = if os == Os::Windows && !hybrid { format!("vm/{size}/windows") } else { linux_key.clone() };
    let term = ctx.options.pricing.term();
    let join = |notes: &[String]| (!notes.is_empty()).then(|| notes.join("; "));
    if let Some(months) = term.months() {
        if let Ok(reserved) = ctx.prices.lookup(ctx.region, &linux_key, term) {
            let mut lines = vec![Draft {
                meter: linux_key.clone(),
                quantity: count,
                unit: "months of reservation".to_string(),
                unit_price: reserved.price / months,
                usage_based: false,
                assumption: {
                    notes.push(format!("reservation term total {} spread over {months} months", reserved.price));
                    join(&notes)
                },
                origin: reserved.origin.clone(),
            }];
            if payg_key != linux_key {
                // A reservation covers compute only: the Windows licence is the
                // difference between the Windows and Linux pay-as-you-go rates.
                let (windows, linux) = match (ctx.lookup(&payg_key), ctx.lookup(&linux_key)) {
                    (Ok(w), Ok(l)) => (w, l),
                    (Err(e), _) | (_, Err(e)) => return e.into(),
                };
                if windows.unit != Unit::Hour || linux.unit != Unit::Hour {
                    return Outcome::unpriced(
                        UnpricedReason::AmbiguousMatch,
                        "Windows and Linux prices are in different units; the licence share cannot be derived",
                    );
                }
                lines.push(Draft {
                    meter: format!("{payg_key} licence"),
                    quantity: count * ctx.hours(),
                    unit: "hours".into(),
                    unit_price: windows.price - linux.price,
                    usage_based: false,
                    assumption: Some("Windows licence = Windows minus Linux pay-as-you-go rate".into()),
                    origin: windows.origin.clone(),
                });
            }
            return Outcome::lines(lines);
        }
        notes.push(format!(
            "no {} reservation price loaded for {size}: pay-as-you-go price used",
            if months == Decimal::from(12) { "1-year" } else { "3-year" }
        ));
        return match ctx.lookup(&payg_key) {
            Ok(entry) => Outcome::Priced {
                lines: vec![ctx.line(&payg_key, entry, count, join(&notes))],
                reservation_fallback: true,
            },
            Err(e) => e.into(),
        };
    }
    match ctx.lookup(&payg_key) {
        Ok(entry) => Outcome::lines(vec![ctx.line(&payg_key, entry, count, join(&notes))]),
        Err(e) => e.into(),
    }
}

fn virtual_machine(ctx: &Ctx<'_>) -> Outcome {
    let Some(size) = ctx.prop_str(&["hardwareProfile", "vmSize"]) else {
        return Outcome::missing(
            "properties.hardwareProfile.vmSize",
            "export VMs with their properties (Resource Graph or az vm list)",
        );
    };
    let (os, note) = os_of(ctx, &[]);
    vm_lines(ctx, size, os, ctx.prop_str(&["licenseType"]), Decimal::ONE, note)
}

fn scale_set(ctx: &Ctx<'_>) -> Outcome {
    let Some(size) = ctx.sku_name() else {
        return Outcome::missing("sku.name", "export the scale set with its SKU");
    };
    let Some(capacity) = ctx.sku_capacity() else {
        return Outcome::missing("sku.capacity", "export the scale set with its SKU capacity (instance count)");
    };
    let (os, note) = os_of(ctx, &["virtualMachineProfile"]);
    vm_lines(ctx, size, os, ctx.prop_str(&["virtualMachineProfile", "licenseType"]), capacity, note)
}

/// Managed-disk tiers: (size in GiB, tier number), smallest first.
const DISK_TIERS: &[(u32, u32)] = &[
    (4, 1),
    (8, 2),
    (16, 3),
    (32, 4),
    (64, 6),
    (128, 10),
    (256, 15),
    (512, 20),
    (1024, 30),
    (2048, 40),
    (4096, 50),
    (8192, 60),
    (16384, 70),
    (32767, 80),
];

/// The tier a disk of `size_gib` is billed as: its size rounded up to the next tier
/// (`P10` for 100 GiB Premium, `P15` for 129). Standard HDD starts at S4 (32 GiB).
pub fn disk_tier(prefix: char, size_gib: Decimal) -> Option<(String, u32)> {
    let smallest = if prefix == 'S' { 32 } else { 0 };
    DISK_TIERS
        .iter()
        .find(|(size, _)| *size >= smallest && size_gib <= Decimal::from(*size))
        .map(|(size, tier)| (format!("{prefix}{tier}"), *size))
}

fn managed_disk(ctx: &Ctx<'_>) -> Outcome {
    let Some(sku) = ctx.sku_name() else {
        return Outcome::missing("sku.name", "export the disk with its SKU (Premium_LRS, StandardSSD_LRS, ...)");
    };
    let (kind, redundancy) = sku.split_once('_').unwrap_or((sku, "LRS"));
    let prefix = match kind.to_ascii_lowercase().as_str() {
        "premium" => 'P',
        "standardssd" => 'E',
        "standard" => 'S',
        _ => {
            return Outcome::unpriced(
                UnpricedReason::TypeNotSupported,
                format!("{sku} disks are billed by provisioned capacity, IOPS and throughput, which RegionShift does not price yet"),
            )
        }
    };
    let size = ctx
        .prop_decimal(&["diskSizeGB"])
        .or_else(|| ctx.prop_decimal(&["diskSizeBytes"]).map(|bytes| (bytes / Decimal::from(1u64 << 30)).ceil()));
    let Some(size) = size else {
        return Outcome::missing("properties.diskSizeGB", "export disks with their properties");
    };
    let Some((tier, tier_size)) = disk_tier(prefix, size) else {
        return Outcome::unpriced(
            UnpricedReason::TypeNotSupported,
            format!("{size} GiB is larger than the largest disk tier (32767 GiB)"),
        );
    };
    let key = format!("disk/{}/{}", tier.to_ascii_lowercase(), redundancy.to_ascii_lowercase());
    let note = format!("{size} GiB billed as {tier} ({tier_size} GiB)");
    ctx.simple(&key, Decimal::ONE, Some(note))
}

fn public_ip(ctx: &Ctx<'_>) -> Outcome {
    let Some(sku) = ctx.sku_name() else {
        return Outcome::missing("sku.name", "export the public IP with its SKU (Basic or Standard)");
    };
    let sku = sku.to_ascii_lowercase();
    let allocation = if sku == "standard" {
        "static".to_string()
    } else {
        match ctx.prop_str(&["publicIPAllocationMethod"]) {
            Some(method) => method.to_ascii_lowercase(),
            None => {
                return Outcome::missing(
                    "properties.publicIPAllocationMethod",
                    "export the public IP with its properties",
                )
            }
        }
    };
    ctx.simple(&format!("pip/{sku}/{allocation}"), Decimal::ONE, None)
}

fn storage_account(ctx: &Ctx<'_>) -> Outcome {
    let Some(sku) = ctx.sku_name() else {
        return Outcome::missing("sku.name", "export the storage account with its SKU (Standard_LRS, ...)");
    };
    let (performance, redundancy) = sku.split_once('_').unwrap_or((sku, ""));
    let kind = ctx.resource.kind.as_deref().unwrap_or("");
    if !performance.eq_ignore_ascii_case("standard")
        || !(kind.eq_ignore_ascii_case("StorageV2") || kind.eq_ignore_ascii_case("BlobStorage"))
    {
        return Outcome::unpriced(
            UnpricedReason::TypeNotSupported,
            format!("only Standard general-purpose v2 and Blob storage accounts are priced; this one is {sku} {kind}"),
        );
    }
    let (tier, tier_note) = match ctx.prop_str(&["accessTier"]) {
        Some(tier) => (tier.to_ascii_lowercase(), String::new()),
        None => ("hot".to_string(), ", access tier not exported: Hot assumed".to_string()),
    };
    let gb = ctx.options.assumptions_for(&ctx.resource.id).storage_gb;
    let key = format!("blob/{tier}/{}", redundancy.to_ascii_lowercase().replace('-', ""));
    ctx.usage(&key, gb, format!("assumed {gb} GB stored as block blobs (assumption storage_gb){tier_note}; operations and egress not included"))
}

fn app_service_plan(ctx: &Ctx<'_>) -> Outcome {
    let Some(sku) = ctx.sku_name() else {
        return Outcome::missing("sku.name", "export the plan with its SKU");
    };
    let sku = sku.to_ascii_lowercase().replace(' ', "");
    let tier = ctx.sku_tier().unwrap_or("").to_ascii_lowercase();
    if sku == "y1" || tier == "dynamic" || sku.starts_with("ep") || tier == "elasticpremium" || sku.starts_with("fc") {
        return Outcome::unpriced(
            UnpricedReason::TypeNotSupported,
            "consumption and elastic premium Function plans are billed by executions and usage, which RegionShift does not price yet",
        );
    }
    let linux = ctx.resource.kind.as_deref().is_some_and(|k| k.to_ascii_lowercase().contains("linux"))
        || ctx.prop(&["reserved"]).and_then(Value::as_bool).unwrap_or(false);
    let os = if linux { "linux" } else { "windows" };
    let (workers, note) = match ctx.sku_capacity().filter(|c| *c > Decimal::ZERO) {
        Some(capacity) => (capacity, None),
        None => (Decimal::ONE, Some("worker count not exported: 1 worker assumed".to_string())),
    };
    ctx.simple(&format!("appservice/{sku}/{os}"), workers, note)
}

fn sql_database(ctx: &Ctx<'_>) -> Outcome {
    let Some(name) = ctx.sku_name() else {
        return Outcome::missing("sku.name", "export the database with its SKU (service objective)");
    };
    let lower = name.to_ascii_lowercase();
    if lower == "system" || ctx.sku_tier().is_some_and(|t| t.eq_ignore_ascii_case("system")) {
        return Outcome::Free;
    }
    if lower == "elasticpool" {
        return Outcome::Free;
    }
    let dtu = lower == "basic"
        || ((lower.starts_with('s') || lower.starts_with('p'))
            && lower[1..].chars().all(|c| c.is_ascii_digit())
            && lower.len() > 1);
    if dtu {
        return ctx.simple(&format!("sqldb/dtu/{lower}"), Decimal::ONE, None);
    }
    let parts: Vec<&str> = lower.split('_').collect();
    let (edition, generation, vcores) = match parts.as_slice() {
        [edition, "s", ..] => {
            return Outcome::unpriced(
                UnpricedReason::TypeNotSupported,
                format!(
                "{edition} serverless databases are billed by vCore-seconds used, which RegionShift does not price yet"
            ),
            )
        }
        [edition, generation, vcores] => (*edition, *generation, Some(vcores.to_string())),
        [edition, generation] => (*edition, *generation, ctx.sku_capacity().map(|c| c.to_string())),
        _ => {
            return Outcome::unpriced(
                UnpricedReason::TypeNotSupported,
                format!("service objective {name} is not priced"),
            )
        }
    };
    let Some(vcores) = vcores else {
        return Outcome::missing("sku.capacity", "export the database with its vCore count");
    };
    let key = format!("sqldb/vcore/{edition}_{generation}_{vcores}");
    let mut notes = vec!["licence-included compute price".to_string()];
    if ctx.prop_str(&["licenseType"]).is_some_and(|l| l.eq_ignore_ascii_case("BasePrice")) {
        notes.push("licenseType BasePrice (Hybrid Benefit) not deducted: no separate licence price is loaded".into());
    }
    let compute = match ctx.lookup(&key) {
        Ok(entry) => ctx.line(&key, entry, Decimal::ONE, Some(notes.join("; "))),
        Err(e) => return e.into(),
    };
    let mut lines = vec![compute];
    if let Some(bytes) = ctx.prop_decimal(&["maxSizeBytes"]) {
        let storage_key = format!("sqldb/storage/{edition}");
        match ctx.lookup(&storage_key) {
            Ok(entry) => {
                let gb = (bytes / Decimal::from(1u64 << 30)).ceil();
                lines.push(ctx.line(&storage_key, entry, gb, Some(format!("{gb} GB maximum size billed as storage"))));
            }
            Err((reason, hint)) => return Outcome::Unpriced { reason, hint: format!("storage: {hint}") },
        }
    }
    Outcome::lines(lines)
}

fn redis(ctx: &Ctx<'_>) -> Outcome {
    let tier = ctx.sku_name().map(str::to_ascii_lowercase);
    let family = ctx
        .resource
        .sku
        .as_ref()
        .and_then(|s| s.family.clone())
        .or_else(|| ctx.prop_str(&["sku", "family"]).map(String::from));
    let capacity = ctx.sku_capacity();
    let (Some(tier), Some(family), Some(capacity)) = (tier, family, capacity) else {
        return Outcome::missing("sku (name, family, capacity)", "export the cache with its SKU");
    };
    let key = format!("redis/{tier}/{}{capacity}", family.to_ascii_lowercase());
    let (shards, note) = if tier == "premium" {
        let shards = ctx.prop_decimal(&["shardCount"]).filter(|s| *s > Decimal::ZERO).unwrap_or(Decimal::ONE);
        (shards, Some(format!("{shards} shard(s) at the per-shard price; extra replicas not included")))
    } else {
        (Decimal::ONE, None)
    };
    ctx.simple(&key, shards, note)
}

fn key_vault(ctx: &Ctx<'_>) -> Outcome {
    let operations = ctx.options.assumptions_for(&ctx.resource.id).key_vault_10k_operations;
    ctx.usage(
        "keyvault/operations",
        operations,
        format!("assumed {operations} × 10,000 secret operations a month (assumption key_vault_10k_operations); keys and certificates not included"),
    )
}

fn log_analytics(ctx: &Ctx<'_>) -> Outcome {
    let per_day = ctx.options.assumptions_for(&ctx.resource.id).log_analytics_gb_per_day;
    let gb = per_day * ctx.hours() / Decimal::from(24);
    ctx.usage(
        "loganalytics/ingestion",
        gb,
        format!("assumed {per_day} GB ingested a day (assumption log_analytics_gb_per_day); free allowances and retention not included"),
    )
}

fn load_balancer(ctx: &Ctx<'_>) -> Outcome {
    match ctx.sku_name().map(str::to_ascii_lowercase).as_deref() {
        Some("basic") => Outcome::Free,
        Some("standard") => {
            let rules = ["loadBalancingRules", "outboundRules"]
                .iter()
                .map(|field| ctx.prop(&[field]).and_then(Value::as_array).map_or(0, Vec::len))
                .sum::<usize>();
            let first = match ctx.lookup("lb/standard/first5") {
                Ok(entry) => ctx.line(
                    "lb/standard/first5",
                    entry,
                    Decimal::ONE,
                    Some(format!("{rules} rule(s); data processed not included")),
                ),
                Err(e) => return e.into(),
            };
            let mut lines = vec![first];
            if rules > 5 {
                match ctx.lookup("lb/standard/rule") {
                    Ok(entry) => lines.push(ctx.line("lb/standard/rule", entry, Decimal::from(rules - 5), None)),
                    Err(e) => return e.into(),
                }
            }
            Outcome::lines(lines)
        }
        Some(other) => {
            Outcome::unpriced(UnpricedReason::TypeNotSupported, format!("{other} load balancers are not priced"))
        }
        None => Outcome::missing("sku.name", "export the load balancer with its SKU"),
    }
}

fn aks(ctx: &Ctx<'_>) -> Outcome {
    let tier = ctx.sku_tier().map(str::to_ascii_lowercase).unwrap_or_else(|| "free".into());
    let tier = if tier == "paid" { "standard".to_string() } else { tier };
    ctx.simple(
        &format!("aks/{tier}"),
        Decimal::ONE,
        Some("cluster management only; nodes are priced through their scale sets".into()),
    )
}

fn firewall(ctx: &Ctx<'_>) -> Outcome {
    match ctx.prop_str(&["sku", "tier"]) {
        Some(tier) => ctx.simple(
            &format!("firewall/{}", tier.to_ascii_lowercase()),
            Decimal::ONE,
            Some("data processed not included".into()),
        ),
        None => Outcome::missing("properties.sku.tier", "export the firewall with its properties"),
    }
}

fn bastion(ctx: &Ctx<'_>) -> Outcome {
    match ctx.sku_name() {
        Some(sku) => ctx.simple(
            &format!("bastion/{}", sku.to_ascii_lowercase()),
            Decimal::ONE,
            Some("base instance only; extra scale units and outbound data not included".into()),
        ),
        None => Outcome::missing("sku.name", "export the Bastion host with its SKU"),
    }
}

fn vpn_gateway(ctx: &Ctx<'_>) -> Outcome {
    match ctx.prop_str(&["sku", "name"]) {
        Some(sku) => ctx.simple(
            &format!("vpngw/{}", sku.to_ascii_lowercase()),
            Decimal::ONE,
            Some("gateway hours only; extra tunnels and egress not included".into()),
        ),
        None => Outcome::missing("properties.sku.name", "export the gateway with its properties"),
    }
}

fn application_gateway(ctx: &Ctx<'_>) -> Outcome {
    let Some(name) = ctx.prop_str(&["sku", "name"]).map(str::to_ascii_lowercase) else {
        return Outcome::missing("properties.sku.name", "export the gateway with its properties");
    };
    if name.ends_with("_v2") {
        let units = ctx
            .prop_decimal(&["autoscaleConfiguration", "minCapacity"])
            .or_else(|| ctx.prop_decimal(&["sku", "capacity"]))
            .unwrap_or(Decimal::ZERO);
        let fixed_key = format!("appgw/{name}/fixed");
        let cu_key = format!("appgw/{name}/cu");
        let (fixed, cu) = match (ctx.lookup(&fixed_key), ctx.lookup(&cu_key)) {
            (Ok(f), Ok(c)) => (f, c),
            (Err(e), _) | (_, Err(e)) => return e.into(),
        };
        let mut cu_line = ctx.line(
            &cu_key,
            cu,
            units,
            Some(format!("{units} capacity unit(s): the minimum capacity, as actual use is not exported")),
        );
        cu_line.usage_based = true;
        return Outcome::lines(vec![ctx.line(&fixed_key, fixed, Decimal::ONE, None), cu_line]);
    }
    let count = ctx.prop_decimal(&["sku", "capacity"]).unwrap_or(Decimal::ONE);
    ctx.simple(&format!("appgw/{name}/instance"), count, Some("data processed not included".into()))
}

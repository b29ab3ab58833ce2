//! Pricing rules per resource type: which meters a resource uses, how many units a
//! month, and what was assumed. Each rule reads the resource's SKU and properties and
//! asks the price book; it never guesses a price.

use std::cell::OnceCell;
use std::collections::HashMap;

use rust_decimal::Decimal;
use serde_json::Value;

use super::prices::{Lookup, PriceEntry, Term, Unit};
use super::{Assumptions, CostOptions, HybridBenefit, PriceBook, PriceOrigin, UnpricedReason};
use crate::azure::{Location, ResourceId};
use crate::inventory::{Inventory, Resource};

/// A line before totals and discounts.
#[derive(Clone)]
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
    "microsoft.sql/managedinstances/databases",
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

/// A price that could not be found, or an input that is missing: the reason and a hint.
type Miss = (UnpricedReason, String);

fn missing(field: &str, hint: &str) -> Miss {
    (UnpricedReason::InputMissing { field: field.to_string() }, hint.to_string())
}

impl From<Result<Vec<Draft>, Miss>> for Outcome {
    fn from(result: Result<Vec<Draft>, Miss>) -> Outcome {
        match result {
            Ok(lines) => Outcome::lines(lines),
            Err(miss) => miss.into(),
        }
    }
}

/// What every resource of one estimate is priced with, prepared once per estimate.
pub(crate) struct Env<'a> {
    inventory: &'a Inventory,
    prices: &'a PriceBook,
    options: &'a CostOptions,
    /// [`CostOptions::per_resource`] by lowercased id, so finding a resource's
    /// assumptions is one hash lookup.
    overrides: HashMap<String, &'a Assumptions>,
}

impl<'a> Env<'a> {
    pub(crate) fn new(inventory: &'a Inventory, prices: &'a PriceBook, options: &'a CostOptions) -> Env<'a> {
        let overrides = options.per_resource.iter().map(|(id, a)| (id.to_ascii_lowercase(), a)).collect();
        Env { inventory, prices, options, overrides }
    }

    fn assumptions(&self, resource: &Resource) -> &'a Assumptions {
        if self.overrides.is_empty() {
            return &self.options.assumptions;
        }
        self.overrides.get(resource.id.key()).copied().unwrap_or(&self.options.assumptions)
    }

    /// Prices one resource in `region`. `props` holds the resource's properties once
    /// parsed (the first rule that reads one parses them); pricing a resource in several
    /// regions shares them.
    pub(crate) fn price(&self, resource: &Resource, region: &Location, props: &OnceCell<Option<Value>>) -> Outcome {
        price(&Ctx { env: self, resource, props, region, prices: self.prices, options: self.options })
    }
}

struct Ctx<'a> {
    env: &'a Env<'a>,
    resource: &'a Resource,
    /// The properties, parsed the first time a rule reads one, and only then.
    props: &'a OnceCell<Option<Value>>,
    region: &'a Location,
    prices: &'a PriceBook,
    options: &'a CostOptions,
}

impl Ctx<'_> {
    fn props(&self) -> Option<&Value> {
        self.props.get_or_init(|| self.resource.properties_value()).as_ref()
    }
    fn prop(&self, path: &[&str]) -> Option<&Value> {
        value_at(self.props()?, path)
    }
    fn prop_str(&self, path: &[&str]) -> Option<&str> {
        self.prop(path).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
    }
    fn prop_decimal(&self, path: &[&str]) -> Option<Decimal> {
        self.prop(path).and_then(decimal_of)
    }
    fn prop_bool(&self, path: &[&str]) -> bool {
        self.prop(path).and_then(Value::as_bool).unwrap_or(false)
    }
    fn assumptions(&self) -> &Assumptions {
        self.env.assumptions(self.resource)
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
        self.options.hours_per_month.get()
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
            Unit::Million => (count, "millions"),
            Unit::GbSecond => (count, "GB-seconds"),
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
        let mut lines = Vec::new();
        self.fixed(&mut lines, key, count, assumption).map(|()| lines).into()
    }
    fn usage(&self, key: &str, quantity: Decimal, assumption: String) -> Outcome {
        let mut lines = Vec::new();
        self.used(&mut lines, key, quantity, assumption).map(|()| lines).into()
    }
    /// Adds a line priced by the configuration (`count` items all month).
    fn fixed(&self, lines: &mut Vec<Draft>, key: &str, count: Decimal, assumption: Option<String>) -> Result<(), Miss> {
        let entry = self.lookup(key)?;
        lines.push(self.line(key, entry, count, assumption));
        Ok(())
    }
    /// Adds the lines of an assumed usage `quantity`: one line per price tier it
    /// reaches when the price is graduated (a free grant shows as a line at zero).
    fn used(&self, lines: &mut Vec<Draft>, key: &str, quantity: Decimal, assumption: String) -> Result<(), Miss> {
        let entry = self.lookup(key)?;
        let mut base = self.line(key, entry, quantity, Some(assumption));
        base.usage_based = true;
        let total = base.quantity;
        let before = lines.len();
        for (index, tier) in entry.tiers.iter().enumerate() {
            let upper = entry.tiers.get(index + 1).map(|next| next.from);
            let band = upper.map_or(total, |upper| total.min(upper)) - tier.from;
            if band <= Decimal::ZERO {
                continue;
            }
            let meter =
                if tier.from.is_zero() { key.to_string() } else { format!("{key} from {}", tier.from.normalize()) };
            lines.push(Draft { meter, quantity: band, unit_price: tier.price, ..base.clone() });
        }
        if lines.len() == before {
            lines.push(base);
        }
        Ok(())
    }
}

fn value_at<'v>(mut value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    for segment in path {
        let object = value.as_object()?;
        value = match object.get(*segment) {
            Some(found) => found,
            None => object.iter().find(|(k, _)| k.eq_ignore_ascii_case(segment)).map(|(_, v)| v)?,
        };
    }
    Some(value)
}

fn decimal_of(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(n) => super::prices::parse_decimal(&n.to_string()),
        Value::String(s) => super::prices::parse_decimal(s),
        _ => None,
    }
}

fn price(ctx: &Ctx<'_>) -> Outcome {
    let resource = ctx.resource;
    if is_free(resource) {
        return Outcome::Free;
    }
    match resource.resource_type.key() {
        "microsoft.compute/virtualmachines" => virtual_machine(ctx),
        "microsoft.compute/virtualmachinescalesets" => scale_set(ctx),
        "microsoft.compute/disks" => managed_disk(ctx),
        "microsoft.compute/snapshots" => snapshot(ctx).into(),
        "microsoft.network/publicipaddresses" => public_ip(ctx),
        "microsoft.storage/storageaccounts" => storage_account(ctx),
        "microsoft.web/serverfarms" => app_service_plan(ctx),
        "microsoft.sql/servers/databases" => sql_database(ctx),
        "microsoft.sql/servers/elasticpools" => elastic_pool(ctx).into(),
        "microsoft.sql/managedinstances" => managed_instance(ctx).into(),
        "microsoft.dbformysql/flexibleservers" => flexible_server(ctx, "mysql").into(),
        "microsoft.dbforpostgresql/flexibleservers" => flexible_server(ctx, "postgresql").into(),
        "microsoft.documentdb/databaseaccounts" => cosmos(ctx).into(),
        "microsoft.cache/redis" => redis(ctx),
        "microsoft.keyvault/vaults" => key_vault(ctx),
        "microsoft.operationalinsights/workspaces" => log_analytics(ctx),
        "microsoft.insights/components" => app_insights(ctx),
        "microsoft.servicebus/namespaces" => service_bus(ctx).into(),
        "microsoft.eventhub/namespaces" => event_hubs(ctx).into(),
        "microsoft.network/loadbalancers" => load_balancer(ctx),
        "microsoft.network/natgateways" => ctx.simple("nat/gateway", Decimal::ONE, None),
        "microsoft.network/privateendpoints" => ctx.simple(
            "privatelink/endpoint",
            Decimal::ONE,
            Some("endpoint hours only; data processed not included".into()),
        ),
        "microsoft.containerservice/managedclusters" => aks(ctx),
        "microsoft.network/azurefirewalls" => firewall(ctx),
        "microsoft.network/bastionhosts" => bastion(ctx),
        "microsoft.network/virtualnetworkgateways" => network_gateway(ctx),
        "microsoft.network/applicationgateways" => application_gateway(ctx),
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
    let gb = ctx.assumptions().storage_gb;
    let key = format!("blob/{tier}/{}", redundancy.to_ascii_lowercase().replace('-', ""));
    ctx.usage(&key, gb, format!("assumed {gb} GB stored as block blobs (assumption storage_gb){tier_note}; operations and egress not included"))
}

fn app_service_plan(ctx: &Ctx<'_>) -> Outcome {
    let Some(sku) = ctx.sku_name() else {
        return Outcome::missing("sku.name", "export the plan with its SKU");
    };
    let sku = sku.to_ascii_lowercase().replace(' ', "");
    let tier = ctx.sku_tier().unwrap_or("").to_ascii_lowercase();
    if sku == "y1" || tier == "dynamic" {
        return function_consumption(ctx);
    }
    if sku.starts_with("ep") || tier == "elasticpremium" || sku.starts_with("fc") || tier == "flexconsumption" {
        return Outcome::unpriced(
            UnpricedReason::TypeNotSupported,
            "Elastic Premium and Flex Consumption Function plans are billed by vCPU and memory duration, which RegionShift does not price yet",
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
    let operations = ctx.assumptions().key_vault_10k_operations;
    ctx.usage(
        "keyvault/operations",
        operations,
        format!("assumed {operations} × 10,000 secret operations a month (assumption key_vault_10k_operations); keys and certificates not included"),
    )
}

fn log_analytics(ctx: &Ctx<'_>) -> Outcome {
    let per_day = ctx.assumptions().log_analytics_gb_per_day;
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

fn network_gateway(ctx: &Ctx<'_>) -> Outcome {
    let Some(sku) = ctx.prop_str(&["sku", "name"]) else {
        return Outcome::missing("properties.sku.name", "export the gateway with its properties");
    };
    let sku = sku.to_ascii_lowercase();
    if ctx.prop_str(&["gatewayType"]).is_some_and(|t| t.eq_ignore_ascii_case("ExpressRoute")) {
        return ctx.simple(
            &format!("ergw/{sku}"),
            Decimal::ONE,
            Some("ExpressRoute gateway hours only; the circuit and its data are billed on the circuit".into()),
        );
    }
    ctx.simple(
        &format!("vpngw/{sku}"),
        Decimal::ONE,
        Some("gateway hours only; extra tunnels and egress not included".into()),
    )
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

/// A disk size in GiB from a disk's or snapshot's properties.
fn disk_size_gib(props: &Value) -> Option<Decimal> {
    value_at(props, &["diskSizeGB"]).and_then(decimal_of).or_else(|| {
        value_at(props, &["diskSizeBytes"]).and_then(decimal_of).map(|b| (b / Decimal::from(1u64 << 30)).ceil())
    })
}

fn snapshot(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let (kind, redundancy, sku_note) = match ctx.sku_name() {
        Some(sku) => {
            let (kind, redundancy) = sku.split_once('_').unwrap_or((sku, "LRS"));
            (kind.to_ascii_lowercase(), redundancy.to_ascii_lowercase(), None)
        }
        None => ("standard".to_string(), "lrs".to_string(), Some("SKU not exported: Standard_LRS assumed")),
    };
    let (gb, basis) = if let Some(gb) = ctx.assumptions().snapshot_gb {
        (gb, "set by the snapshot_gb assumption".to_string())
    } else if let Some(gb) = ctx.props().and_then(disk_size_gib) {
        (gb, "the snapshot's size, an upper bound of the data it holds (assumption snapshot_gb)".to_string())
    } else if let Some(gb) = source_disk_size(ctx) {
        (gb, "the size of its source disk, an upper bound of the data it holds (assumption snapshot_gb)".to_string())
    } else {
        return Err(missing(
            "properties.diskSizeGB",
            "export the snapshot with its properties (or its source disk), or set the snapshot_gb assumption for it",
        ));
    };
    let mut note = format!("{gb} GB stored: {basis}");
    if ctx.prop_bool(&["incremental"]) {
        note.push_str("; incremental snapshots bill only the changed data");
    }
    if let Some(sku_note) = sku_note {
        note.push_str("; ");
        note.push_str(sku_note);
    }
    let mut lines = Vec::new();
    ctx.used(&mut lines, &format!("snapshot/{kind}/{redundancy}"), gb, note)?;
    Ok(lines)
}

/// The size of the disk a snapshot was copied from, when that disk is in the inventory.
fn source_disk_size(ctx: &Ctx<'_>) -> Option<Decimal> {
    let source = ctx.prop_str(&["creationData", "sourceResourceId"])?;
    let disk = ctx.env.inventory.get(&ResourceId::parse(source).ok()?)?;
    disk_size_gib(&disk.properties_value()?)
}

/// `GP_Gen5` → (`gp`, `gen5`); `BC_Gen5_8` → (`bc`, `gen5`, with 8 vCores).
fn vcore_sku(name: &str) -> Option<(String, String, Option<&str>)> {
    let mut parts = name.split('_');
    let edition = parts.next()?.to_ascii_lowercase();
    let family = parts.next()?.to_ascii_lowercase();
    let vcores = parts.next();
    (parts.next().is_none() && !family.is_empty()).then_some((edition, family, vcores))
}

fn licence_note(ctx: &Ctx<'_>) -> String {
    if ctx.prop_str(&["licenseType"]).is_some_and(|l| l.eq_ignore_ascii_case("BasePrice")) {
        "licenseType BasePrice (Hybrid Benefit): the compute price as loaded; a licence billed as a separate meter is not added".into()
    } else {
        "the compute price as loaded; check that it includes the SQL licence".into()
    }
}

fn elastic_pool(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let name = ctx.sku_name().ok_or_else(|| missing("sku.name", "export the elastic pool with its SKU"))?;
    let capacity = ctx
        .sku_capacity()
        .ok_or_else(|| missing("sku.capacity", "export the elastic pool with its SKU capacity (eDTUs or vCores)"))?;
    let lower = name.to_ascii_lowercase();
    let mut lines = Vec::new();
    if let Some(tier) = lower.strip_suffix("pool") {
        ctx.fixed(
            &mut lines,
            &format!("sqlpool/dtu/{tier}_{capacity}"),
            Decimal::ONE,
            Some(format!("{capacity} eDTUs")),
        )?;
        return Ok(lines);
    }
    let Some((edition, family, None)) = vcore_sku(&lower) else {
        return Err((UnpricedReason::TypeNotSupported, format!("elastic pool SKU {name} is not priced")));
    };
    let note = format!("{capacity} vCores; {}", licence_note(ctx));
    ctx.fixed(&mut lines, &format!("sqlpool/vcore/{edition}_{family}_{capacity}"), Decimal::ONE, Some(note))?;
    if let Some(bytes) = ctx.prop_decimal(&["maxSizeBytes"]) {
        let gb = (bytes / Decimal::from(1u64 << 30)).ceil();
        let note = format!("{gb} GB maximum size billed as storage");
        ctx.fixed(&mut lines, &format!("sqlpool/storage/{edition}"), gb, Some(note))?;
    }
    Ok(lines)
}

fn managed_instance(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let name = ctx.sku_name().ok_or_else(|| missing("sku.name", "export the managed instance with its SKU"))?;
    let vcores = ctx
        .sku_capacity()
        .or_else(|| ctx.prop_decimal(&["vCores"]))
        .ok_or_else(|| missing("properties.vCores", "export the managed instance with its properties (vCores)"))?;
    let Some((edition, family, None)) = vcore_sku(name) else {
        return Err((UnpricedReason::TypeNotSupported, format!("managed instance SKU {name} is not priced")));
    };
    let mut lines = Vec::new();
    let note = format!("{vcores} vCores; {}", licence_note(ctx));
    ctx.fixed(&mut lines, &format!("sqlmi/vcore/{edition}_{family}_{vcores}"), Decimal::ONE, Some(note))?;
    if let Some(gb) = ctx.prop_decimal(&["storageSizeInGB"]) {
        let note = format!("{gb} GB reserved storage; any included allowance not deducted");
        ctx.fixed(&mut lines, &format!("sqlmi/storage/{edition}"), gb, Some(note))?;
    }
    Ok(lines)
}

/// Azure Database for MySQL or PostgreSQL flexible server: compute per vCore-hour of its
/// series (per server-hour for Burstable), doubled with high availability, plus storage.
fn flexible_server(ctx: &Ctx<'_>, service: &str) -> Result<Vec<Draft>, Miss> {
    let name = ctx.sku_name().ok_or_else(|| missing("sku.name", "export the server with its SKU"))?;
    let lower = name.to_ascii_lowercase();
    // Templates spell the SKU `GP_Standard_D2ds_v4`; exports `Standard_D2ds_v4` plus a tier.
    let (prefix_tier, size) = match lower.split_once("_standard_") {
        Some((prefix, size)) => (Some(prefix), size),
        None => (None, lower.strip_prefix("standard_").unwrap_or(&lower)),
    };
    let tier = match (ctx.sku_tier().map(str::to_ascii_lowercase), prefix_tier) {
        (Some(tier), _) => tier,
        (None, Some("b")) => "burstable".into(),
        (None, Some("gp")) => "generalpurpose".into(),
        (None, Some("mo")) => "memoryoptimized".into(),
        _ => return Err(missing("sku.tier", "export the server with its SKU tier")),
    };
    let ha = ctx
        .prop_str(&["highAvailability", "mode"])
        .is_some_and(|m| !m.eq_ignore_ascii_case("Disabled") && !m.eq_ignore_ascii_case("None"));
    let servers = if ha { Decimal::TWO } else { Decimal::ONE };
    let ha_note = if ha { "; high availability: a standby doubles compute and storage" } else { "" };
    let mut lines = Vec::new();
    if tier == "burstable" {
        ctx.fixed(&mut lines, &format!("{service}/burstable/{size}"), servers, Some(format!("{name}{ha_note}")))?;
    } else {
        // `d2ds_v4` → family `d`, 2 vCores, series `ddsv4`.
        let (head, version) = size.split_once('_').unwrap_or((size, ""));
        let family_end = head.find(|c: char| c.is_ascii_digit()).unwrap_or(head.len());
        let digits_end = head[family_end..].find(|c: char| !c.is_ascii_digit()).map_or(head.len(), |i| family_end + i);
        let Ok(vcores) = head[family_end..digits_end].parse::<u32>() else {
            return Err((UnpricedReason::TypeNotSupported, format!("server SKU {name} is not priced")));
        };
        let series = format!("{}{}{version}", &head[..family_end], &head[digits_end..]);
        let count = Decimal::from(vcores) * servers;
        let note = format!("{name}: {vcores} vCores{ha_note}");
        ctx.fixed(&mut lines, &format!("{service}/vcore/{tier}_{series}"), count, Some(note))?;
    }
    if let Some(gb) = ctx.prop_decimal(&["storage", "storageSizeGB"]) {
        let note = format!("{gb} GB provisioned storage{ha_note}");
        ctx.fixed(&mut lines, &format!("{service}/storage"), gb * servers, Some(note))?;
    }
    Ok(lines)
}

fn cosmos(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let assumptions = ctx.assumptions();
    let serverless = ctx.prop(&["capabilities"]).and_then(Value::as_array).is_some_and(|caps| {
        caps.iter().any(|c| value_at(c, &["name"]).and_then(Value::as_str) == Some("EnableServerless"))
    });
    let regions = ctx.prop(&["locations"]).and_then(Value::as_array).map_or(1, |l| l.len().max(1));
    let regions = Decimal::from(regions);
    let mut lines = Vec::new();
    if serverless {
        let ru = assumptions.cosmos_serverless_million_ru;
        let note = format!("assumed {ru} million request units a month (assumption cosmos_serverless_million_ru)");
        ctx.used(&mut lines, "cosmos/serverless", ru, note)?;
    } else {
        let ru = assumptions.cosmos_ru_per_second;
        let multi = ctx.prop_bool(&["enableMultipleWriteLocations"]) && regions > Decimal::ONE;
        let key = if multi { "cosmos/provisioned/multi" } else { "cosmos/provisioned/single" };
        let note = format!(
            "assumed {ru} RU/s (assumption cosmos_ru_per_second: throughput is set on databases and containers, \
             which the export does not hold) in {regions} region(s){}; autoscale and free tier not modelled",
            if multi { " with multi-region writes" } else { "" }
        );
        ctx.fixed(&mut lines, key, ru / Decimal::ONE_HUNDRED * regions, Some(note))?;
    }
    let gb = assumptions.cosmos_storage_gb;
    let note = format!("assumed {gb} GB stored in each of {regions} region(s) (assumption cosmos_storage_gb)");
    ctx.used(&mut lines, "cosmos/storage", gb * regions, note)?;
    Ok(lines)
}

fn function_consumption(ctx: &Ctx<'_>) -> Outcome {
    let assumptions = ctx.assumptions();
    let grant = "; a monthly free grant is deducted only when the loaded price file lists it as a zero-price tier";
    let mut lines = Vec::new();
    let executions = assumptions.function_million_executions;
    let result = ctx
        .used(
            &mut lines,
            "functions/executions",
            executions,
            format!("assumed {executions} million executions a month (assumption function_million_executions){grant}"),
        )
        .and_then(|()| {
            let gb_seconds = assumptions.function_gb_seconds;
            ctx.used(
                &mut lines,
                "functions/gbseconds",
                gb_seconds,
                format!("assumed {gb_seconds} GB-seconds a month (assumption function_gb_seconds){grant}"),
            )
        });
    result.map(|()| lines).into()
}

fn app_insights(ctx: &Ctx<'_>) -> Outcome {
    let gb = ctx.assumptions().app_insights_gb_per_month;
    // A workspace-based resource's data is billed as Log Analytics ingestion.
    let workspace = ctx.prop_str(&["WorkspaceResourceId"]).is_some()
        || ctx.prop_str(&["IngestionMode"]).is_some_and(|m| m.eq_ignore_ascii_case("LogAnalytics"));
    let (key, how) = if workspace {
        ("loganalytics/ingestion", "billed as Log Analytics ingestion of its workspace")
    } else {
        ("appinsights/ingestion", "classic resource")
    };
    ctx.usage(key, gb, format!("assumed {gb} GB ingested a month (assumption app_insights_gb_per_month), {how}"))
}

fn service_bus(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let tier = ctx.sku_name().ok_or_else(|| missing("sku.name", "export the namespace with its SKU"))?;
    let tier = tier.to_ascii_lowercase();
    let mut lines = Vec::new();
    let operations = ctx.assumptions().service_bus_million_operations;
    let ops_note = || {
        format!("assumed {operations} million messaging operations a month (assumption service_bus_million_operations)")
    };
    match tier.as_str() {
        "basic" => ctx.used(&mut lines, "servicebus/basic/operations", operations, ops_note())?,
        "standard" => {
            ctx.fixed(&mut lines, "servicebus/standard/base", Decimal::ONE, None)?;
            ctx.used(&mut lines, "servicebus/standard/operations", operations, ops_note())?;
        }
        "premium" => {
            let (units, note) = match ctx.sku_capacity() {
                Some(units) => (units, format!("{units} messaging unit(s)")),
                None => (Decimal::ONE, "messaging units not exported: 1 assumed".to_string()),
            };
            ctx.fixed(&mut lines, "servicebus/premium/unit", units, Some(note))?;
        }
        other => return Err((UnpricedReason::TypeNotSupported, format!("Service Bus tier {other} is not priced"))),
    }
    Ok(lines)
}

fn event_hubs(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let tier = ctx.sku_name().ok_or_else(|| missing("sku.name", "export the namespace with its SKU"))?;
    let tier = tier.to_ascii_lowercase();
    let (units, mut note) = match ctx.sku_capacity().filter(|c| *c > Decimal::ZERO) {
        Some(units) => (units, format!("{units} unit(s)")),
        None => (Decimal::ONE, "capacity not exported: 1 unit assumed".to_string()),
    };
    let mut lines = Vec::new();
    match tier.as_str() {
        "basic" | "standard" => {
            if ctx.prop_bool(&["isAutoInflateEnabled"]) {
                note.push_str("; auto-inflate above the base capacity not included");
            }
            ctx.fixed(&mut lines, &format!("eventhubs/{tier}/tu"), units, Some(note))?;
            let events = ctx.assumptions().event_hubs_million_events;
            let note =
                format!("assumed {events} million ingress events a month (assumption event_hubs_million_events)");
            ctx.used(&mut lines, &format!("eventhubs/{tier}/ingress"), events, note)?;
        }
        "premium" => ctx.fixed(&mut lines, "eventhubs/premium/pu", units, Some(note))?,
        other => return Err((UnpricedReason::TypeNotSupported, format!("Event Hubs tier {other} is not priced"))),
    }
    Ok(lines)
}

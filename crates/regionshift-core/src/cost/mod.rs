//! Cost estimation: what an estate costs per month in a target region, and where it is.
//!
//! [`estimate`] prices every resource in the target region; [`estimate_source`] prices
//! every resource in its own current region. Both return an [`Estimate`] whose lines,
//! unpriced bins, free resources and coverage say exactly what was and was not priced.
//! [`estimate_each`] prices in several targets at once, parsing each resource's
//! properties once for all of them.
//!
//! # Money
//!
//! Money is [`Decimal`] plus a [`Currency`], parsed from the text of price files and
//! never through floating point; the rounding policy is `units`' (lines keep ten
//! decimal places, amounts are rounded half-to-even to cents only when shown). A month has 730 hours unless [`CostOptions::hours_per_month`]
//! says otherwise; daily prices count `hours_per_month / 24` days.
//!
//! # Honesty rules
//!
//! - A resource that cannot be priced lands in [`Estimate::unpriced`] with a reason and
//!   a hint; it never counts as zero in a total.
//! - Resource types that cost nothing (virtual networks, NSGs, ...) are listed in
//!   [`Estimate::free`], not priced at zero and not unpriced.
//! - Each side is priced in its own currency (CNY for Azure China, USD for global
//!   regions); a conversion is made only with the [`ExchangeRate`] the user gives.
//!
//! The core does no IO and reads no clock: price files arrive as bytes
//! ([`PriceBook::load_user_files`]) and the snapshot is embedded.

mod load;
mod prices;
mod rules;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::inventory::{Inventory, Resource};
use crate::spend::SpendSummary;

use crate::azure::regions::{self, Cloud};
use crate::azure::{Location, ResourceId, ResourceType};
use crate::units::{line_amount, Currency};

pub use load::{LoadReport, PriceConflict};
pub use prices::{PriceBook, PriceEntry, PriceOrigin, PriceTier, Term, Unit};
pub use rules::disk_tier;

/// The currency of a region's list prices, when the region is known: CNY in Azure
/// China, USD elsewhere.
pub fn currency_of(location: &Location) -> Option<Currency> {
    regions::region(location).map(|region| currency_of_cloud(region.cloud))
}

/// The currency a cloud's list prices are in.
pub fn currency_of_cloud(cloud: Cloud) -> Currency {
    match cloud {
        Cloud::AzureChinaCloud => Currency::Cny,
        Cloud::AzureCloud | Cloud::AzureUSGovernment => Currency::Usd,
    }
}

/// A rate the user entered: one unit of `from` is `rate` units of `to`. Two different
/// currencies and a rate above 0; written and read as `USD:CNY=7.10`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RateFields")]
pub struct ExchangeRate {
    pub from: Currency,
    pub to: Currency,
    pub rate: Decimal,
}

impl ExchangeRate {
    /// A rate from `from` to `to`, checked.
    pub fn new(from: Currency, to: Currency, rate: Decimal) -> Result<ExchangeRate, String> {
        if from == to || rate <= Decimal::ZERO {
            return Err(format!(
                "an exchange rate needs two different currencies and a rate above 0, not {from}:{to}={rate}"
            ));
        }
        Ok(ExchangeRate { from, to, rate })
    }
}

/// The fields of a saved [`ExchangeRate`], checked by [`ExchangeRate::new`] when read.
#[derive(Deserialize)]
struct RateFields {
    from: Currency,
    to: Currency,
    rate: Decimal,
}

impl TryFrom<RateFields> for ExchangeRate {
    type Error = String;

    fn try_from(fields: RateFields) -> Result<ExchangeRate, String> {
        ExchangeRate::new(fields.from, fields.to, fields.rate)
    }
}

impl FromStr for ExchangeRate {
    type Err = String;

    /// `USD:CNY=7.10`: one US dollar is 7.10 yuan.
    fn from_str(text: &str) -> Result<ExchangeRate, String> {
        let wrong = || format!("an exchange rate is FROM:TO=RATE such as USD:CNY=7.10, not {text:?}");
        let (pair, rate) = text.split_once('=').ok_or_else(wrong)?;
        let (from, to) = pair.split_once(':').ok_or_else(wrong)?;
        let rate = rate.trim().parse::<Decimal>().map_err(|_| wrong())?;
        ExchangeRate::new(from.parse()?, to.parse()?, rate)
    }
}

impl fmt::Display for ExchangeRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}={}", self.from, self.to, self.rate)
    }
}

/// Hours in a month: above 0 and at most 744 (31 days of 24 hours); 730 by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Decimal", into = "Decimal")]
pub struct HoursPerMonth(Decimal);

impl HoursPerMonth {
    pub fn new(hours: Decimal) -> Result<HoursPerMonth, String> {
        if hours <= Decimal::ZERO || hours > Decimal::from(744) {
            return Err(format!("hours in a month must be above 0 and at most 744, not {hours}"));
        }
        Ok(HoursPerMonth(hours))
    }

    pub fn get(self) -> Decimal {
        self.0
    }
}

impl Default for HoursPerMonth {
    fn default() -> HoursPerMonth {
        HoursPerMonth(Decimal::from(730))
    }
}

/// A discount off every line, in percent: from 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Decimal", into = "Decimal")]
pub struct DiscountPercent(Decimal);

impl DiscountPercent {
    pub fn new(percent: Decimal) -> Result<DiscountPercent, String> {
        if percent < Decimal::ZERO || percent > Decimal::ONE_HUNDRED {
            return Err(format!("a discount is a percentage from 0 to 100, not {percent}"));
        }
        Ok(DiscountPercent(percent))
    }

    pub fn get(self) -> Decimal {
        self.0
    }
}

/// Reads a decimal option (`12.5`), naming what was expected when it is not one.
fn decimal_option(text: &str, what: &str) -> Result<Decimal, String> {
    text.trim().parse::<Decimal>().map_err(|_| format!("{what} is a number such as 12.5, not {text:?}"))
}

macro_rules! decimal_newtype_conversions {
    ($name:ident, $what:literal) => {
        impl TryFrom<Decimal> for $name {
            type Error = String;
            fn try_from(value: Decimal) -> Result<$name, String> {
                $name::new(value)
            }
        }
        impl From<$name> for Decimal {
            fn from(value: $name) -> Decimal {
                value.0
            }
        }
        impl FromStr for $name {
            type Err = String;
            fn from_str(text: &str) -> Result<$name, String> {
                $name::new(decimal_option(text, $what)?)
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

decimal_newtype_conversions!(HoursPerMonth, "hours in a month");
decimal_newtype_conversions!(DiscountPercent, "a discount");

/// How compute is bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pricing {
    #[default]
    PayAsYouGo,
    Reserved1Year,
    Reserved3Years,
}

impl FromStr for Pricing {
    type Err = String;

    fn from_str(text: &str) -> Result<Pricing, String> {
        match text.trim() {
            "payg" | "pay-as-you-go" => Ok(Pricing::PayAsYouGo),
            "1y" | "1-year" => Ok(Pricing::Reserved1Year),
            "3y" | "3-year" | "3-years" => Ok(Pricing::Reserved3Years),
            _ => Err(format!("pricing is payg, 1y or 3y, not {text:?}")),
        }
    }
}

/// As the command line and the app write it: `payg`, `1y`, `3y`.
impl fmt::Display for Pricing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Pricing::PayAsYouGo => "payg",
            Pricing::Reserved1Year => "1y",
            Pricing::Reserved3Years => "3y",
        })
    }
}

impl Pricing {
    fn term(self) -> Term {
        match self {
            Pricing::PayAsYouGo => Term::PayAsYouGo,
            Pricing::Reserved1Year => Term::Reserved1Year,
            Pricing::Reserved3Years => Term::Reserved3Years,
        }
    }
}

/// Azure Hybrid Benefit for Windows virtual machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HybridBenefit {
    /// As each VM is deployed: `licenseType: Windows_Server` (or `Windows_Client`)
    /// gets the Linux (compute-only) rate, other Windows VMs the Windows rate.
    #[default]
    AsDeployed,
    /// Every Windows VM brings its licence: Linux rate throughout.
    All,
    /// No VM brings a licence: Windows rate for every Windows VM, whatever its
    /// `licenseType` says.
    None,
}

impl FromStr for HybridBenefit {
    type Err = String;

    fn from_str(text: &str) -> Result<HybridBenefit, String> {
        match text.trim() {
            "as-deployed" => Ok(HybridBenefit::AsDeployed),
            "all" => Ok(HybridBenefit::All),
            "none" => Ok(HybridBenefit::None),
            _ => Err(format!("Hybrid Benefit is as-deployed, all or none, not {text:?}")),
        }
    }
}

/// As the command line and the app write it: `as-deployed`, `all`, `none`.
impl fmt::Display for HybridBenefit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HybridBenefit::AsDeployed => "as-deployed",
            HybridBenefit::All => "all",
            HybridBenefit::None => "none",
        })
    }
}

/// The usage figures usage-based lines are priced with. Each is a named assumption the
/// user can edit globally ([`CostOptions::assumptions`]) or per resource
/// ([`CostOptions::per_resource`]); every line priced from one names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Assumptions {
    /// GB stored per storage account (default 100).
    pub storage_gb: Decimal,
    /// Key Vault operations per month, in units of 10,000 (default 10, i.e. 100,000).
    pub key_vault_10k_operations: Decimal,
    /// GB ingested per day by a Log Analytics workspace (default 1).
    pub log_analytics_gb_per_day: Decimal,
    /// GB a disk snapshot stores. `None` (the default) uses the snapshot's own size, else
    /// the size of the disk it was taken from when that disk is in the inventory: an
    /// upper bound, as snapshots bill the data they hold.
    pub snapshot_gb: Option<Decimal>,
    /// Provisioned throughput of a Cosmos DB account in RU/s (default 400): throughput is
    /// set on databases and containers, which exports rarely include.
    pub cosmos_ru_per_second: Decimal,
    /// GB a Cosmos DB account stores in each of its regions (default 10).
    pub cosmos_storage_gb: Decimal,
    /// Million request units a serverless Cosmos DB account consumes a month (default 50).
    pub cosmos_serverless_million_ru: Decimal,
    /// Million executions a month of a consumption Function plan (default 1).
    pub function_million_executions: Decimal,
    /// GB-seconds of execution time a month of a consumption Function plan (default
    /// 100,000).
    pub function_gb_seconds: Decimal,
    /// GB a month an Application Insights resource ingests (default 5).
    pub app_insights_gb_per_month: Decimal,
    /// Million messaging operations a month of a Basic or Standard Service Bus namespace
    /// (default 10).
    pub service_bus_million_operations: Decimal,
    /// Million ingress events a month of a Basic or Standard Event Hubs namespace
    /// (default 100).
    pub event_hubs_million_events: Decimal,
    /// Million operations a month of an Event Grid topic or domain (default 1).
    pub event_grid_million_operations: Decimal,
    /// Action executions a month of a consumption Logic App (default 10,000).
    pub logic_app_actions: Decimal,
    /// Job run minutes a month of an Automation account (default 500).
    pub automation_job_minutes: Decimal,
    /// Thousand activity runs a month of a Data Factory (default 1).
    pub data_factory_thousand_runs: Decimal,
    /// Notifications a month each action group receiver is sent (default 100).
    pub alert_notifications_per_month: Decimal,
    /// Hours a month each replica of a consumption container app is active (default 730).
    pub container_app_active_hours: Decimal,
    /// VMs of 50 to 500 GB a Recovery Services vault protects (default 1).
    pub backup_protected_instances: Decimal,
    /// GB of backup storage a Recovery Services vault holds (default 100).
    pub backup_storage_gb: Decimal,
}

impl Default for Assumptions {
    fn default() -> Assumptions {
        Assumptions {
            storage_gb: Decimal::from(100),
            key_vault_10k_operations: Decimal::from(10),
            log_analytics_gb_per_day: Decimal::ONE,
            snapshot_gb: None,
            cosmos_ru_per_second: Decimal::from(400),
            cosmos_storage_gb: Decimal::from(10),
            cosmos_serverless_million_ru: Decimal::from(50),
            function_million_executions: Decimal::ONE,
            function_gb_seconds: Decimal::from(100_000),
            app_insights_gb_per_month: Decimal::from(5),
            service_bus_million_operations: Decimal::from(10),
            event_hubs_million_events: Decimal::from(100),
            event_grid_million_operations: Decimal::ONE,
            logic_app_actions: Decimal::from(10_000),
            automation_job_minutes: Decimal::from(500),
            data_factory_thousand_runs: Decimal::ONE,
            alert_notifications_per_month: Decimal::from(100),
            container_app_active_hours: Decimal::from(730),
            backup_protected_instances: Decimal::ONE,
            backup_storage_gb: Decimal::from(100),
        }
    }
}

/// Everything that changes how an estimate is priced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CostOptions {
    /// Hours in a month (default 730).
    pub hours_per_month: HoursPerMonth,
    pub pricing: Pricing,
    pub hybrid_benefit: HybridBenefit,
    /// A discount off every line, in percent (0 to 100), e.g. a negotiated rate.
    pub discount_percent: Option<DiscountPercent>,
    /// Used only when given, and only to show the total in another currency.
    pub exchange_rate: Option<ExchangeRate>,
    pub assumptions: Assumptions,
    /// Assumptions for single resources, keyed by resource id (compared ignoring case).
    /// An entry is the whole set for that resource: start from a copy of
    /// [`CostOptions::assumptions`] and change the figures that differ.
    pub per_resource: BTreeMap<String, Assumptions>,
}

impl Default for CostOptions {
    fn default() -> CostOptions {
        CostOptions {
            hours_per_month: HoursPerMonth::default(),
            pricing: Pricing::PayAsYouGo,
            hybrid_benefit: HybridBenefit::AsDeployed,
            discount_percent: None,
            exchange_rate: None,
            assumptions: Assumptions::default(),
            per_resource: BTreeMap::new(),
        }
    }
}

impl CostOptions {
    /// Checks what the types alone cannot: every usage assumption, global and per
    /// resource, is a number of 0 or more. The newtypes ([`HoursPerMonth`],
    /// [`DiscountPercent`], [`ExchangeRate`]) hold their own bounds.
    pub fn validate(&self) -> Result<(), String> {
        self.assumptions.validate()?;
        for (resource, assumptions) in &self.per_resource {
            assumptions.validate().map_err(|error| format!("{resource}: {error}"))?;
        }
        Ok(())
    }

    /// The assumptions a resource is priced with: its own entry in
    /// [`CostOptions::per_resource`], else the global ones.
    pub fn assumptions_for(&self, id: &ResourceId) -> &Assumptions {
        self.per_resource
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(id.as_str()))
            .map(|(_, assumptions)| assumptions)
            .unwrap_or(&self.assumptions)
    }
}

/// One priced component of one resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CostLine {
    pub resource: ResourceId,
    /// The meter key in the price book (`vm/standard_d2s_v3/linux`).
    pub meter: String,
    /// How many `unit`s a month.
    pub quantity: Decimal,
    pub unit: String,
    /// The list price per `unit`, as the price book holds it.
    pub unit_price: Decimal,
    /// `unit_price × quantity`, before any discount; full precision.
    pub list_monthly: Decimal,
    /// The monthly amount after the discount option; full precision.
    pub monthly: Decimal,
    /// Driven by an assumed usage figure rather than by the resource's configuration.
    pub usage_based: bool,
    /// What was assumed to price this line, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    /// Where the price came from (the snapshot or a file the user loaded).
    pub origin: PriceOrigin,
}

/// Why a resource could not be priced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum UnpricedReason {
    /// No pricing rule exists for the resource type (or this variant of it).
    TypeNotSupported,
    /// The export lacks a field the rule needs.
    InputMissing { field: String },
    /// Priced elsewhere in the same cloud, but no price exists for this region.
    NotOfferedInTarget,
    /// More than one price fits and nothing tells which applies.
    AmbiguousMatch,
    /// No price for this meter is loaded for the cloud at all.
    NoPriceLoaded,
    /// The resource's region lists prices in another currency than the estimate, and
    /// no exchange rate was given.
    OtherCurrency { currency: Currency },
    /// An amount (price times quantity, a discount, a total) is beyond what a `Decimal`
    /// holds exactly: the price, a size in the export or an assumption is absurd.
    AmountTooLarge,
}

impl UnpricedReason {
    pub fn label(&self) -> &'static str {
        match self {
            UnpricedReason::TypeNotSupported => "type not supported",
            UnpricedReason::InputMissing { .. } => "input missing",
            UnpricedReason::NotOfferedInTarget => "not offered in the target",
            UnpricedReason::AmbiguousMatch => "ambiguous match",
            UnpricedReason::NoPriceLoaded => "no price loaded",
            UnpricedReason::OtherCurrency { .. } => "other currency",
            UnpricedReason::AmountTooLarge => "amount too large",
        }
    }
}

/// A resource left out of the total, with why and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unpriced {
    pub resource: ResourceId,
    pub reason: UnpricedReason,
    pub hint: String,
}

/// How much of the estate the estimate covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Resources with at least one line and nothing left unpriced.
    pub priced_resources: usize,
    /// Resources left unpriced, whatever the reason (`not_offered_resources` included).
    pub unpriced_resources: usize,
    /// Unpriced because the catalog says the target does not offer their type, size or
    /// SKU: they cannot run there as they are (the assessment says what to use instead).
    pub not_offered_resources: usize,
    pub free_resources: usize,
    pub total_resources: usize,
    /// Priced share of the chargeable resources the region offers, in percent:
    /// `priced / (total - free - not offered) × 100`; `None` when there are none.
    pub priced_percent: Option<Decimal>,
    /// Lines driven by assumed usage.
    pub usage_based_lines: usize,
    /// Resources with at least one line at a reservation price (when one was asked for).
    pub reserved_resources: usize,
    /// Resources priced pay-as-you-go although a reservation was asked for and other
    /// regions of the cloud have a reservation price for what they use.
    pub reservation_fallbacks: usize,
}

impl Coverage {
    /// Resources that cost something and can run in the region as they are.
    pub fn chargeable(&self) -> usize {
        self.total_resources.saturating_sub(self.free_resources + self.not_offered_resources)
    }
}

/// The total shown in another currency, with the rate the user gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Converted {
    pub rate: ExchangeRate,
    pub total_monthly: Decimal,
}

/// A monthly cost estimate for one side of a move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Estimate {
    pub currency: Currency,
    /// The region priced in (`None` for the source side, where each resource is priced
    /// in its own region).
    pub region: Option<Location>,
    pub lines: Vec<CostLine>,
    pub unpriced: Vec<Unpriced>,
    pub free: Vec<ResourceId>,
    /// The exact sum of the lines' `monthly`. Unpriced resources are not in it.
    pub total_monthly: Decimal,
    /// The part of the total from usage-based lines.
    pub usage_monthly: Decimal,
    pub coverage: Coverage,
    pub by_category: BTreeMap<String, Decimal>,
    pub by_resource_group: BTreeMap<String, Decimal>,
    pub by_type: BTreeMap<String, Decimal>,
    /// The total converted with the user's exchange rate, when one was given for this
    /// estimate's currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub converted: Option<Converted>,
    /// Remarks about the options (an ignored exchange rate, an invalid discount).
    pub notes: Vec<String>,
}

impl Estimate {
    /// The resources by monthly cost, most expensive first (ties by id).
    pub fn most_expensive(&self, limit: usize) -> Vec<(ResourceId, Decimal)> {
        let mut by_resource: BTreeMap<&str, (ResourceId, Decimal)> = BTreeMap::new();
        for line in &self.lines {
            let entry =
                by_resource.entry(line.resource.key()).or_insert_with(|| (line.resource.clone(), Decimal::ZERO));
            entry.1 += line.monthly;
        }
        let mut list: Vec<(ResourceId, Decimal)> = by_resource.into_values().collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.key().cmp(b.0.key())));
        list.truncate(limit);
        list
    }
}

/// Prices every resource of the inventory in the target region. With the catalog, a
/// resource whose type, size or SKU the catalog says the region does not offer is
/// unpriced as not offered; without it, nothing is called not offered.
pub fn estimate(
    inventory: &Inventory,
    target: &Location,
    prices: &PriceBook,
    catalog: Option<&Catalog>,
    options: &CostOptions,
) -> Estimate {
    let mut each = [(target, Builder::for_target(target, options))];
    price_all(inventory, prices, catalog, options, &mut each);
    let [(_, builder)] = each;
    builder.finish()
}

/// Prices the inventory in several target regions at once: for each, the very result
/// [`estimate`] gives, in the order of `targets`; each resource's properties are parsed
/// at most once for all of them.
pub fn estimate_each(
    inventory: &Inventory,
    targets: &[Location],
    prices: &PriceBook,
    catalog: Option<&Catalog>,
    options: &CostOptions,
) -> Vec<Estimate> {
    let mut each: Vec<(&Location, Builder<'_>)> =
        targets.iter().map(|target| (target, Builder::for_target(target, options))).collect();
    price_all(inventory, prices, catalog, options, &mut each);
    each.into_iter().map(|(_, builder)| builder.finish()).collect()
}

/// Prices resource by resource, in every target in turn, sharing the parsed properties.
fn price_all(
    inventory: &Inventory,
    prices: &PriceBook,
    catalog: Option<&Catalog>,
    options: &CostOptions,
    each: &mut [(&Location, Builder<'_>)],
) {
    let env = rules::Env::new(inventory, prices, options, catalog);
    for resource in &inventory.resources {
        let props = std::cell::OnceCell::new();
        for (target, builder) in each.iter_mut() {
            let outcome = env.price(resource, target, &props);
            builder.add(resource, outcome);
        }
    }
}

/// Prices every resource in its own current region. The estimate's currency is the one
/// most resources' regions list prices in (USD on a tie); resources whose region lists
/// another currency are unpriced with [`UnpricedReason::OtherCurrency`]. It depends on
/// the inventory and the options only, never on a target.
pub fn estimate_source(inventory: &Inventory, prices: &PriceBook, options: &CostOptions) -> Estimate {
    let mut counts: BTreeMap<Currency, usize> = BTreeMap::new();
    for resource in &inventory.resources {
        if let Some(currency) = resource.location.as_ref().and_then(currency_of) {
            *counts.entry(currency).or_default() += 1;
        }
    }
    let cny = counts.get(&Currency::Cny).copied().unwrap_or(0);
    let usd = counts.get(&Currency::Usd).copied().unwrap_or(0);
    let currency = if cny > usd { Currency::Cny } else { Currency::Usd };
    let mut builder = Builder::new(currency, None, options);
    let env = rules::Env::new(inventory, prices, options, None);
    for resource in &inventory.resources {
        let outcome = match &resource.location {
            _ if rules::is_free(resource) => rules::Outcome::Free,
            None => rules::Outcome::unpriced(
                UnpricedReason::InputMissing { field: "location".into() },
                "the export gives no location for this resource; export it with its location",
            ),
            Some(location) => match currency_of(location) {
                Some(other) if other != currency => rules::Outcome::unpriced(
                    UnpricedReason::OtherCurrency { currency: other },
                    format!("{location} lists prices in {other}; this estimate is in {currency}"),
                ),
                Some(_) => env.price(resource, location, &std::cell::OnceCell::new()),
                None => rules::Outcome::unpriced(
                    UnpricedReason::NoPriceLoaded,
                    format!("{location} is not a regional location, so no list price applies; load a Cost Management export (--spend) for what it costs today"),
                ),
            },
        };
        builder.add(resource, outcome);
    }
    builder.finish()
}

/// The share (percent) of the source estimate's priced cost whose resources the target
/// estimate also prices: how much of today's bill the target figure accounts for.
/// `None` when the source has no priced cost.
pub fn source_cost_coverage(target: &Estimate, source: &Estimate) -> Option<Decimal> {
    if source.total_monthly.is_zero() {
        return None;
    }
    let priced_in_target: std::collections::HashSet<&str> = target.lines.iter().map(|l| l.resource.key()).collect();
    // Checked: the totals come from the user's prices and may be near `Decimal`'s limit.
    let covered = source
        .lines
        .iter()
        .filter(|l| priced_in_target.contains(l.resource.key()))
        .try_fold(Decimal::ZERO, |sum, line| sum.checked_add(line.monthly))?;
    covered.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(source.total_monthly)
}

/// What "today" is in a [`Comparison`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// List prices in the regions the resources run in now.
    ListPrice,
    /// The monthly average of a Cost Management export.
    ActualSpend,
}

/// The change between today and the target, like for like: over the resources priced
/// on both sides only, with how many those are and what share of each side's total
/// they hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    pub basis: Basis,
    /// Resources priced (or with spend) today and priced in the target.
    pub resources: usize,
    /// Today's amount of those resources, in `today_currency`.
    pub today_monthly: Decimal,
    pub today_currency: String,
    /// Today's amount of those resources in the target's currency: itself when the
    /// currencies agree, converted with the user's rate otherwise, `None` without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub today_in_target_currency: Option<Decimal>,
    /// The target's amount of those resources.
    pub target_monthly: Decimal,
    pub target_currency: Currency,
    /// Target minus today, in the target's currency; `None` when today cannot be
    /// expressed in the target's currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Decimal>,
    /// The share of today's whole total these resources hold, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub today_share_percent: Option<Decimal>,
    /// The share of the target's whole total these resources hold, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_share_percent: Option<Decimal>,
    /// Why there is no change, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Compares the target with today's list prices, like for like.
pub fn compare_list_price(target: &Estimate, source: &Estimate, rate: Option<&ExchangeRate>) -> Comparison {
    let mut today: HashMap<&str, Decimal> = HashMap::new();
    for line in &source.lines {
        let amount = today.entry(line.resource.key()).or_default();
        *amount = amount.saturating_add(line.monthly);
    }
    compare(target, Basis::ListPrice, source.currency.code(), source.total_monthly, &today, rate)
}

/// Compares the target with today's actual spend (matched resources), like for like.
pub fn compare_spend(target: &Estimate, spend: &SpendSummary, rate: Option<&ExchangeRate>) -> Comparison {
    let today: HashMap<&str, Decimal> = spend.lines.iter().map(|line| (line.resource.key(), line.monthly)).collect();
    compare(target, Basis::ActualSpend, &spend.currency, spend.total_monthly, &today, rate)
}

fn compare(
    target: &Estimate,
    basis: Basis,
    today_currency: &str,
    today_total: Decimal,
    today: &HashMap<&str, Decimal>,
    rate: Option<&ExchangeRate>,
) -> Comparison {
    let mut target_by_resource: BTreeMap<&str, Decimal> = BTreeMap::new();
    for line in &target.lines {
        let amount = target_by_resource.entry(line.resource.key()).or_default();
        *amount = amount.saturating_add(line.monthly);
    }
    let (mut resources, mut today_sum, mut target_sum) = (0usize, Decimal::ZERO, Decimal::ZERO);
    for (key, amount) in &target_by_resource {
        if let Some(now) = today.get(key) {
            resources += 1;
            today_sum = today_sum.saturating_add(*now);
            target_sum = target_sum.saturating_add(*amount);
        }
    }
    let share = |part: Decimal, whole: Decimal| {
        (!whole.is_zero()).then(|| part.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(whole)).flatten()
    };
    let mut note = None;
    let today_in_target_currency = if today_currency == target.currency.code() {
        Some(today_sum)
    } else {
        match rate.filter(|r| r.from.code() == today_currency && r.to == target.currency) {
            Some(rate) => today_sum.checked_mul(rate.rate).map(line_amount),
            None => {
                note = Some(format!(
                    "today is in {today_currency} and the target in {}: give an exchange rate {today_currency}:{}=RATE (--exchange-rate in the CLI) to compare",
                    target.currency, target.currency
                ));
                None
            }
        }
    };
    if resources == 0 {
        note = Some(match basis {
            Basis::ListPrice => "no resource is priced both today and in the target".to_string(),
            Basis::ActualSpend => "no resource with spend is priced in the target".to_string(),
        });
    }
    let change = today_in_target_currency.filter(|_| resources > 0).and_then(|today| target_sum.checked_sub(today));
    Comparison {
        basis,
        resources,
        today_monthly: today_sum,
        today_currency: today_currency.to_string(),
        today_in_target_currency,
        target_monthly: target_sum,
        target_currency: target.currency,
        change,
        today_share_percent: share(today_sum, today_total),
        target_share_percent: share(target_sum, target.total_monthly),
        note,
    }
}

/// The category a resource type's cost is reported under (`data/type-classes.json`).
pub fn category(resource_type: &ResourceType) -> &'static str {
    &crate::azure::class_of(resource_type.key()).category
}

/// A line with its list and discounted monthly amounts.
type Amounted = (rules::Draft, Decimal, Decimal);

/// The sums one resource's lines make, checked before any is stored.
struct Totals {
    total: Decimal,
    usage: Decimal,
    category: Decimal,
    group: Decimal,
    resource_type: Decimal,
}

struct Builder<'a> {
    options: &'a CostOptions,
    estimate: Estimate,
    notes: Vec<String>,
    discount: Option<Decimal>,
}

impl<'a> Builder<'a> {
    /// The builder of an estimate in a target region.
    fn for_target(target: &Location, options: &'a CostOptions) -> Builder<'a> {
        let currency = currency_of(target).unwrap_or(Currency::Usd);
        let mut builder = Builder::new(currency, Some(target.clone()), options);
        if regions::region(target).is_none() {
            builder.notes.push(format!("{target} is not a known region: no prices apply to it"));
        }
        builder
    }

    fn new(currency: Currency, region: Option<Location>, options: &'a CostOptions) -> Builder<'a> {
        let mut notes = Vec::new();
        let discount = options.discount_percent.map(DiscountPercent::get).filter(|percent| !percent.is_zero());
        if let Some(percent) = discount {
            notes.push(format!("a discount of {percent}% is applied to every line"));
        }
        if options.hours_per_month != HoursPerMonth::default() {
            notes.push(format!("a month counts {} hours", options.hours_per_month));
        }
        Builder {
            options,
            estimate: Estimate {
                currency,
                region,
                lines: Vec::new(),
                unpriced: Vec::new(),
                free: Vec::new(),
                total_monthly: Decimal::ZERO,
                usage_monthly: Decimal::ZERO,
                coverage: Coverage {
                    priced_resources: 0,
                    unpriced_resources: 0,
                    not_offered_resources: 0,
                    free_resources: 0,
                    total_resources: 0,
                    priced_percent: None,
                    usage_based_lines: 0,
                    reserved_resources: 0,
                    reservation_fallbacks: 0,
                },
                by_category: BTreeMap::new(),
                by_resource_group: BTreeMap::new(),
                by_type: BTreeMap::new(),
                converted: None,
                notes: Vec::new(),
            },
            notes,
            discount,
        }
    }

    /// The amounts of one resource's lines, its total and its usage-based part, or what
    /// is too large to compute: every operation on a price, a quantity or a discount is
    /// checked, since prices, sizes and assumptions come from the user's files.
    fn amounts(&self, lines: Vec<rules::Draft>) -> Result<(Vec<Amounted>, Decimal, Decimal), String> {
        let mut sum = Decimal::ZERO;
        let mut usage = Decimal::ZERO;
        let mut out = Vec::with_capacity(lines.len());
        for draft in lines {
            let list_monthly = draft
                .unit_price
                .checked_mul(draft.quantity)
                .map(line_amount)
                .ok_or_else(|| format!("{} × {} {}", draft.unit_price, draft.quantity, draft.unit))?;
            let monthly = match self.discount {
                Some(percent) => list_monthly
                    .checked_mul(Decimal::ONE_HUNDRED - percent)
                    .and_then(|amount| amount.checked_div(Decimal::ONE_HUNDRED))
                    .map(line_amount)
                    .ok_or_else(|| format!("{list_monthly} less {percent}%"))?,
                None => list_monthly,
            };
            sum = sum.checked_add(monthly).ok_or_else(|| "the resource's total".to_string())?;
            if draft.usage_based {
                usage = usage.checked_add(monthly).ok_or_else(|| "the resource's usage-based total".to_string())?;
            }
            out.push((draft, list_monthly, monthly));
        }
        Ok((out, sum, usage))
    }

    fn unpriced(&mut self, resource: &Resource, reason: UnpricedReason, hint: String) {
        let estimate = &mut self.estimate;
        estimate.coverage.unpriced_resources += 1;
        if reason == UnpricedReason::NotOfferedInTarget {
            estimate.coverage.not_offered_resources += 1;
        }
        estimate.unpriced.push(Unpriced { resource: resource.id.clone(), reason, hint });
    }

    fn add(&mut self, resource: &Resource, outcome: rules::Outcome) {
        self.estimate.coverage.total_resources += 1;
        let (lines, reservation) = match outcome {
            rules::Outcome::Free => {
                self.estimate.coverage.free_resources += 1;
                self.estimate.free.push(resource.id.clone());
                return;
            }
            rules::Outcome::Unpriced { reason, hint } => return self.unpriced(resource, reason, hint),
            // A resource whose rule found nothing to bill costs nothing: free, never a
            // priced zero.
            rules::Outcome::Priced { lines, .. } if lines.is_empty() => {
                self.estimate.coverage.free_resources += 1;
                self.estimate.free.push(resource.id.clone());
                return;
            }
            rules::Outcome::Priced { lines, reservation } => (lines, reservation),
        };
        let group = resource
            .id
            .resource_group()
            .or(resource.resource_group.as_deref())
            .map(str::to_ascii_lowercase)
            .unwrap_or_else(|| "(none)".to_string());
        let category = category(&resource.resource_type);
        let resource_type = resource.resource_type.as_str();
        // Every sum the resource adds to is computed before any is changed, so a resource
        // too large to add leaves the estimate as it was.
        let computed = self.amounts(lines).and_then(|(lines, sum, usage)| {
            let estimate = &self.estimate;
            let plus = |map: &BTreeMap<String, Decimal>, key: &str| {
                map.get(key).copied().unwrap_or_default().checked_add(sum).ok_or_else(|| format!("the total of {key}"))
            };
            let totals = Totals {
                total: estimate.total_monthly.checked_add(sum).ok_or_else(|| "the estimate's total".to_string())?,
                usage: estimate.usage_monthly.checked_add(usage).ok_or_else(|| "the usage-based total".to_string())?,
                category: plus(&estimate.by_category, category)?,
                group: plus(&estimate.by_resource_group, &group)?,
                resource_type: plus(&estimate.by_type, resource_type)?,
            };
            Ok((lines, totals))
        });
        let (lines, totals) = match computed {
            Ok(computed) => computed,
            Err(what) => {
                let hint = format!("{what} is too large to compute exactly; check the quantity, assumption or price");
                return self.unpriced(resource, UnpricedReason::AmountTooLarge, hint);
            }
        };
        let estimate = &mut self.estimate;
        estimate.coverage.priced_resources += 1;
        match reservation {
            rules::Reservation::Used => estimate.coverage.reserved_resources += 1,
            rules::Reservation::FellBack => estimate.coverage.reservation_fallbacks += 1,
            rules::Reservation::NotApplicable => {}
        }
        estimate.total_monthly = totals.total;
        estimate.usage_monthly = totals.usage;
        estimate.by_category.insert(category.to_string(), totals.category);
        estimate.by_resource_group.insert(group, totals.group);
        estimate.by_type.insert(resource_type.to_string(), totals.resource_type);
        for (draft, list_monthly, monthly) in lines {
            if draft.usage_based {
                estimate.coverage.usage_based_lines += 1;
            }
            estimate.lines.push(CostLine {
                resource: resource.id.clone(),
                meter: draft.meter,
                quantity: draft.quantity,
                unit: draft.unit,
                unit_price: draft.unit_price,
                list_monthly,
                monthly,
                usage_based: draft.usage_based,
                assumption: draft.assumption,
                origin: draft.origin,
            });
        }
    }

    fn finish(mut self) -> Estimate {
        let coverage = &mut self.estimate.coverage;
        let chargeable = coverage.chargeable();
        coverage.priced_percent = (chargeable > 0)
            .then(|| Decimal::from(coverage.priced_resources) * Decimal::ONE_HUNDRED / Decimal::from(chargeable));
        if let Some(term) = match self.options.pricing {
            Pricing::PayAsYouGo => None,
            Pricing::Reserved1Year => Some("1-year"),
            Pricing::Reserved3Years => Some("3-year"),
        } {
            let (reserved, fallbacks) = (coverage.reserved_resources, coverage.reservation_fallbacks);
            self.notes.push(if reserved == 0 {
                format!(
                    "the {term} reservation option priced nothing: no {term} reservation price applies to these resources here, so every line is pay-as-you-go"
                )
            } else {
                format!(
                    "{reserved} resource(s) priced at {term} reservation prices; {fallbacks} fell back to pay-as-you-go (no {term} price in this region); the rest have no reservation price"
                )
            });
        }
        if let Some(rate) = &self.options.exchange_rate {
            if rate.from == self.estimate.currency {
                match self.estimate.total_monthly.checked_mul(rate.rate) {
                    Some(total) => {
                        self.estimate.converted =
                            Some(Converted { rate: rate.clone(), total_monthly: line_amount(total) })
                    }
                    None => self.notes.push(format!("the total is too large to convert at {rate}")),
                }
            } else if rate.to != self.estimate.currency {
                self.notes.push(format!(
                    "the exchange rate from {} is not used: this estimate is in {}",
                    rate.from, self.estimate.currency
                ));
            }
        }
        self.estimate.notes = self.notes;
        self.estimate
    }
}

/// One list of the assumptions that are plain numbers: their names (as the CLI's
/// `--assume` and the app spell them), what they mean, and the field each one sets.
macro_rules! named_assumptions {
    ($($field:ident: $meaning:literal),* $(,)?) => {
        impl Assumptions {
            /// Every assumption by name, with what it means. `snapshot_gb` may also be
            /// left unset (the snapshot's or its source disk's size is used then).
            pub const NAMES: &'static [(&'static str, &'static str)] = &[
                $((stringify!($field), $meaning),)*
                ("snapshot_gb", "GB a disk snapshot stores (unset: its own or its source disk's size)"),
            ];

            /// The value of one assumption by name (`None` for an unknown name, or for
            /// `snapshot_gb` when it is left unset).
            pub fn get(&self, name: &str) -> Option<Decimal> {
                match name {
                    $(stringify!($field) => Some(self.$field),)*
                    "snapshot_gb" => self.snapshot_gb,
                    _ => None,
                }
            }

            /// Changes one assumption by name; `None` unsets `snapshot_gb`. Refuses
            /// unknown names, negative values and unsetting any other assumption.
            pub fn set(&mut self, name: &str, value: Option<Decimal>) -> Result<(), String> {
                if let Some(value) = value.filter(|v| v.is_sign_negative() && !v.is_zero()) {
                    return Err(format!("{name} cannot be negative ({value})"));
                }
                match (name, value) {
                    $((stringify!($field), Some(value)) => self.$field = value,)*
                    ("snapshot_gb", value) => self.snapshot_gb = value,
                    (name, None) if Self::NAMES.iter().any(|(n, _)| *n == name) => {
                        return Err(format!("{name} needs a number"));
                    }
                    _ => {
                        let known: Vec<&str> = Self::NAMES.iter().map(|(n, _)| *n).collect();
                        return Err(format!("no assumption is called {name:?}; the names are {}", known.join(", ")));
                    }
                }
                Ok(())
            }

            /// Checks every assumption is a number of 0 or more (what [`Self::set`]
            /// enforces one at a time), for options read back from a saved report.
            pub fn validate(&self) -> Result<(), String> {
                for (name, _) in Self::NAMES {
                    if let Some(value) = self.get(name).filter(|v| v.is_sign_negative() && !v.is_zero()) {
                        return Err(format!("{name} cannot be negative ({value})"));
                    }
                }
                Ok(())
            }

            /// Sets one assumption from `NAME=VALUE` (`storage_gb=500`), as the command
            /// line writes it.
            pub fn set_from_text(&mut self, setting: &str) -> Result<(), String> {
                let (name, value) = setting
                    .split_once('=')
                    .ok_or_else(|| format!("an assumption is NAME=VALUE (e.g. storage_gb=500), not {setting:?}"))?;
                let value = decimal_option(value, name.trim())?;
                self.set(name.trim(), Some(value))
            }
        }
    };
}

named_assumptions! {
    storage_gb: "GB stored per storage account",
    key_vault_10k_operations: "Key Vault operations a month, in units of 10,000",
    log_analytics_gb_per_day: "GB a Log Analytics workspace ingests a day",
    cosmos_ru_per_second: "Provisioned RU/s of a Cosmos DB account",
    cosmos_storage_gb: "GB a Cosmos DB account stores in each region",
    cosmos_serverless_million_ru: "Million RU a serverless Cosmos DB account uses a month",
    function_million_executions: "Million executions a month of a consumption Function plan",
    function_gb_seconds: "GB-seconds a month of a consumption Function plan",
    app_insights_gb_per_month: "GB an Application Insights resource ingests a month",
    service_bus_million_operations: "Million operations a month of a Service Bus namespace",
    event_hubs_million_events: "Million ingress events a month of an Event Hubs namespace",
    event_grid_million_operations: "Million operations a month of an Event Grid topic or domain",
    logic_app_actions: "Action executions a month of a consumption Logic App",
    automation_job_minutes: "Job run minutes a month of an Automation account",
    data_factory_thousand_runs: "Thousand activity runs a month of a Data Factory",
    alert_notifications_per_month: "Notifications a month sent to each action group receiver",
    container_app_active_hours: "Hours a month each replica of a consumption container app is active",
    backup_protected_instances: "VMs a Recovery Services vault protects",
    backup_storage_gb: "GB of backup storage a Recovery Services vault holds",
}

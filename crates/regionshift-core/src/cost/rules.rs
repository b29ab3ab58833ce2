//! Pricing rules per resource type: which meters a resource uses, how many units a
//! month, and what was assumed. Each rule reads the resource's SKU and properties and
//! asks the price book; it never guesses a price. In a target region it first asks the
//! catalog: only the catalog says a type, size or SKU is not offered there; a price the
//! book lacks is "no price loaded". Arithmetic on amounts is checked: a quantity or a
//! price too large to compute leaves the resource unpriced, never panics.

use std::cell::{Cell, OnceCell};
use std::collections::HashMap;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde_json::Value;

use super::prices::{Lookup, PriceEntry, Term, Unit};
use super::{Assumptions, CostOptions, HybridBenefit, PriceBook, PriceOrigin, Pricing, UnpricedReason};
use crate::azure::regions::{self, Cloud};
use crate::azure::{Location, ResourceId};
use crate::catalog::{Catalog, Offer, SkuKind};
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

/// How a resource fared with a reservation option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Reservation {
    /// Pay-as-you-go was asked for, or nothing the resource uses has reservation prices
    /// anywhere in its cloud.
    NotApplicable,
    /// A reservation price exists elsewhere in the cloud but not here: pay-as-you-go used.
    FellBack,
    /// At least one line is priced at the reservation price.
    Used,
}

pub(crate) enum Outcome {
    Free,
    Priced { lines: Vec<Draft>, reservation: Reservation },
    Unpriced { reason: UnpricedReason, hint: String },
}

impl Outcome {
    pub(crate) fn unpriced(reason: UnpricedReason, hint: impl Into<String>) -> Outcome {
        Outcome::Unpriced { reason, hint: hint.into() }
    }
    fn missing(field: &str, hint: &str) -> Outcome {
        Outcome::unpriced(UnpricedReason::InputMissing { field: field.to_string() }, hint)
    }
    fn unsupported(hint: impl Into<String>) -> Outcome {
        Outcome::unpriced(UnpricedReason::TypeNotSupported, hint)
    }
}

impl From<(UnpricedReason, String)> for Outcome {
    fn from((reason, hint): (UnpricedReason, String)) -> Outcome {
        Outcome::Unpriced { reason, hint }
    }
}

/// Types that cost nothing by themselves (their cost, if any, is billed on another
/// resource that is priced: a site on its plan, a WAF policy on its gateway, a VPN
/// connection's tunnel in its gateway's price, a data collection rule's data on its
/// workspace).
const FREE_TYPES: &[&str] = &[
    "microsoft.resources/resourcegroups",
    "microsoft.resources/templatespecs",
    "microsoft.network/virtualnetworks",
    "microsoft.network/networksecuritygroups",
    "microsoft.network/routetables",
    "microsoft.network/applicationsecuritygroups",
    "microsoft.network/networkinterfaces",
    "microsoft.network/networkwatchers",
    "microsoft.network/localnetworkgateways",
    "microsoft.network/connections",
    "microsoft.network/privatelinkservices",
    "microsoft.network/ipgroups",
    "microsoft.network/serviceendpointpolicies",
    "microsoft.network/applicationgatewaywebapplicationfirewallpolicies",
    "microsoft.network/frontdoorwebapplicationfirewallpolicies",
    "microsoft.network/dnsresolvers",
    "microsoft.compute/availabilitysets",
    "microsoft.compute/proximityplacementgroups",
    "microsoft.compute/sshpublickeys",
    "microsoft.compute/diskencryptionsets",
    "microsoft.compute/diskaccesses",
    "microsoft.compute/galleries",
    "microsoft.compute/galleries/images",
    "microsoft.compute/images",
    "microsoft.managedidentity/userassignedidentities",
    "microsoft.sql/servers",
    "microsoft.sql/managedinstances/databases",
    "microsoft.web/sites",
    "microsoft.web/sites/slots",
    "microsoft.web/connections",
    "microsoft.web/certificates",
    "microsoft.insights/diagnosticsettings",
    "microsoft.insights/workbooks",
    "microsoft.insights/activitylogalerts",
    "microsoft.insights/autoscalesettings",
    "microsoft.insights/datacollectionrules",
    "microsoft.insights/datacollectionendpoints",
    "microsoft.insights/privatelinkscopes",
    "microsoft.alertsmanagement/smartdetectoralertrules",
    "microsoft.alertsmanagement/actionrules",
    "microsoft.operationsmanagement/solutions",
    "microsoft.portal/dashboards",
    "microsoft.eventgrid/systemtopics",
    "microsoft.devcenter/projects",
];

/// Child types billed on their parent (its databases, shares, records, rules), except
/// the children listed in [`PRICED_CHILDREN`].
const PARENT_BILLED: &[&str] = &[
    "microsoft.storage/storageaccounts/",
    "microsoft.network/virtualnetworks/",
    "microsoft.network/networksecuritygroups/",
    "microsoft.network/routetables/",
    "microsoft.network/loadbalancers/",
    "microsoft.network/applicationgateways/",
    "microsoft.network/azurefirewalls/",
    "microsoft.network/firewallpolicies/",
    "microsoft.network/privateendpoints/",
    "microsoft.network/privatednszones/",
    "microsoft.network/dnszones/",
    "microsoft.network/virtualnetworkgateways/",
    "microsoft.network/trafficmanagerprofiles/",
    "microsoft.network/frontdoors/",
    "microsoft.network/networkwatchers/",
    "microsoft.sql/servers/",
    "microsoft.sql/managedinstances/",
    "microsoft.keyvault/vaults/",
    "microsoft.servicebus/namespaces/",
    "microsoft.eventhub/namespaces/",
    "microsoft.eventgrid/",
    "microsoft.documentdb/databaseaccounts/",
    "microsoft.web/sites/",
    "microsoft.web/serverfarms/",
    "microsoft.apimanagement/service/",
    "microsoft.operationalinsights/workspaces/",
    "microsoft.containerregistry/registries/",
    "microsoft.cache/redis/",
    "microsoft.insights/components/",
    "microsoft.dbformysql/flexibleservers/",
    "microsoft.dbforpostgresql/flexibleservers/",
    "microsoft.app/managedenvironments/",
    "microsoft.recoveryservices/vaults/",
    "microsoft.automation/automationaccounts/",
    "microsoft.logic/workflows/",
    "microsoft.cdn/profiles/",
    "microsoft.compute/virtualmachines/",
    "microsoft.compute/virtualmachinescalesets/",
    "microsoft.containerservice/managedclusters/",
    "microsoft.search/searchservices/",
    "microsoft.appconfiguration/configurationstores/",
    "microsoft.datafactory/factories/",
    "microsoft.synapse/workspaces/",
];

/// Child types priced on their own although their parent's other children are not.
const PRICED_CHILDREN: &[&str] = &[
    "microsoft.sql/servers/databases",
    "microsoft.sql/servers/elasticpools",
    "microsoft.containerregistry/registries/replications",
    "microsoft.synapse/workspaces/sqlpools",
    "microsoft.synapse/workspaces/bigdatapools",
    "microsoft.network/dnsresolvers/inboundendpoints",
    "microsoft.network/dnsresolvers/outboundendpoints",
];

pub(crate) fn is_free(resource: &Resource) -> bool {
    let key = resource.resource_type.key();
    FREE_TYPES.contains(&key)
        || key.starts_with("microsoft.authorization/")
        || (!PRICED_CHILDREN.contains(&key) && PARENT_BILLED.iter().any(|prefix| key.starts_with(prefix)))
}

/// A price that could not be found, or an input that is missing: the reason and a hint.
type Miss = (UnpricedReason, String);

fn missing(field: &str, hint: &str) -> Miss {
    (UnpricedReason::InputMissing { field: field.to_string() }, hint.to_string())
}

fn too_large(what: &str) -> Miss {
    (
        UnpricedReason::AmountTooLarge,
        format!("{what} is too large to compute exactly; check the quantity, assumption or price"),
    )
}

/// `a × b`, or the resource is unpriced with [`UnpricedReason::AmountTooLarge`].
pub(crate) fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Miss> {
    a.checked_mul(b).ok_or_else(|| too_large(&format!("{a} × {b}")))
}

fn div(a: Decimal, b: Decimal) -> Result<Decimal, Miss> {
    a.checked_div(b).ok_or_else(|| too_large(&format!("{a} ÷ {b}")))
}

fn sub(a: Decimal, b: Decimal) -> Result<Decimal, Miss> {
    a.checked_sub(b).ok_or_else(|| too_large(&format!("{a} − {b}")))
}

impl From<Result<Vec<Draft>, Miss>> for Outcome {
    fn from(result: Result<Vec<Draft>, Miss>) -> Outcome {
        match result {
            Ok(lines) => Outcome::Priced { lines, reservation: Reservation::NotApplicable },
            Err(miss) => miss.into(),
        }
    }
}

/// What every resource of one estimate is priced with, prepared once per estimate.
pub(crate) struct Env<'a> {
    inventory: &'a Inventory,
    prices: &'a PriceBook,
    options: &'a CostOptions,
    /// The catalog, when pricing in a target region: it alone says what is not offered.
    catalog: Option<&'a Catalog>,
    /// [`CostOptions::per_resource`] by lowercased id, so finding a resource's
    /// assumptions is one hash lookup.
    overrides: HashMap<String, &'a Assumptions>,
}

impl<'a> Env<'a> {
    pub(crate) fn new(
        inventory: &'a Inventory,
        prices: &'a PriceBook,
        options: &'a CostOptions,
        catalog: Option<&'a Catalog>,
    ) -> Env<'a> {
        let overrides = options.per_resource.iter().map(|(id, a)| (id.to_ascii_lowercase(), a)).collect();
        Env { inventory, prices, options, catalog, overrides }
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
        let ctx = Ctx {
            env: self,
            resource,
            props,
            region,
            cloud: regions::region(region).map(|r| r.cloud),
            prices: self.prices,
            options: self.options,
            reservation: Cell::new(Reservation::NotApplicable),
        };
        match price(&ctx) {
            Outcome::Priced { lines, .. } => Outcome::Priced { lines, reservation: ctx.reservation.get() },
            other => other,
        }
    }
}

struct Ctx<'a> {
    env: &'a Env<'a>,
    resource: &'a Resource,
    /// The properties, parsed the first time a rule reads one, and only then.
    props: &'a OnceCell<Option<Value>>,
    region: &'a Location,
    cloud: Option<Cloud>,
    prices: &'a PriceBook,
    options: &'a CostOptions,
    reservation: Cell<Reservation>,
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
    fn prop_len(&self, path: &[&str]) -> usize {
        self.prop(path).and_then(Value::as_array).map_or(0, Vec::len)
    }
    fn assumptions(&self) -> &Assumptions {
        self.env.assumptions(self.resource)
    }
    fn sku_name(&self) -> Option<&str> {
        self.resource
            .sku
            .as_ref()
            .and_then(|s| s.name.as_deref())
            .filter(|s| !s.trim().is_empty())
            .or_else(|| self.prop_str(&["sku", "name"]))
    }
    fn sku_tier(&self) -> Option<&str> {
        self.resource
            .sku
            .as_ref()
            .and_then(|s| s.tier.as_deref())
            .filter(|s| !s.trim().is_empty())
            .or_else(|| self.prop_str(&["sku", "tier"]))
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
    /// The catalog's word on a SKU in the target region: only `NotOffered` stops pricing.
    fn sku_offered(&self, kind: SkuKind, name: &str, what: &str) -> Result<(), Miss> {
        match self.env.catalog.map(|catalog| catalog.sku(self.region, kind, name).offer) {
            Some(Offer::NotOffered) => Err((
                UnpricedReason::NotOfferedInTarget,
                format!(
                    "the catalog lists {what} {name} as not offered in {}; see the assessment for what to use instead",
                    self.region
                ),
            )),
            _ => Ok(()),
        }
    }
    /// The price of `key` for the chosen term: the reservation price when one was asked
    /// for and exists here, else pay-as-you-go (noting a fallback when other regions of
    /// the cloud have a reservation price for it).
    fn priced(&self, key: &str) -> Result<(&PriceEntry, bool), Miss> {
        let term = self.options.pricing.term();
        if term != Term::PayAsYouGo {
            if let Ok(entry) = self.prices.lookup(self.region, key, term) {
                self.note_reservation(Reservation::Used);
                return Ok((entry, true));
            }
            if self.cloud.is_some_and(|cloud| self.prices.is_known(cloud, key, term)) {
                self.note_reservation(Reservation::FellBack);
            }
        }
        Ok((self.lookup(key)?, false))
    }
    fn note_reservation(&self, seen: Reservation) {
        if seen > self.reservation.get() {
            self.reservation.set(seen);
        }
    }
    /// A line for `count` items running all month (or `count` units a month for
    /// volume prices).
    fn line(&self, key: &str, entry: &PriceEntry, count: Decimal, assumption: Option<String>) -> Result<Draft, Miss> {
        let days = div(self.hours(), Decimal::from(24))?;
        let (quantity, unit, unit_price) = match entry.unit {
            Unit::Hour => (mul(count, self.hours())?, "hours", entry.price),
            Unit::Day => (mul(count, days)?, "days", entry.price),
            Unit::Month => (count, "months", entry.price),
            Unit::GbMonth => (count, "GB-months", entry.price),
            Unit::Gb => (count, "GB", entry.price),
            Unit::Tb => (count, "TB", entry.price),
            Unit::Thousand => (count, "thousands", entry.price),
            Unit::TenThousand => (count, "10K operations", entry.price),
            Unit::HundredThousand => (count, "100Ks", entry.price),
            Unit::Million => (count, "millions", entry.price),
            Unit::GbSecond => (count, "GB-seconds", entry.price),
            Unit::Second => (count, "seconds", entry.price),
            Unit::Minute => (count, "minutes", entry.price),
            Unit::Each => (count, "items", entry.price),
            Unit::Term => {
                let months = self.options.pricing.term().months().unwrap_or(Decimal::from(12));
                (count, "months of reservation", div(entry.price, months)?)
            }
        };
        Ok(Draft {
            meter: key.to_string(),
            quantity,
            unit: unit.to_string(),
            unit_price,
            usage_based: false,
            assumption,
            origin: entry.origin.clone(),
        })
    }
    fn simple(&self, key: &str, count: Decimal, assumption: Option<String>) -> Outcome {
        let mut lines = Vec::new();
        self.fixed(&mut lines, key, count, assumption).map(|()| lines).into()
    }
    fn usage(&self, key: &str, quantity: Decimal, assumption: String) -> Outcome {
        let mut lines = Vec::new();
        self.used(&mut lines, key, quantity, assumption).map(|()| lines).into()
    }
    /// Adds a line priced by the configuration (`count` items all month), at the
    /// reservation price when one was asked for and exists.
    fn fixed(&self, lines: &mut Vec<Draft>, key: &str, count: Decimal, assumption: Option<String>) -> Result<(), Miss> {
        let (entry, reserved) = self.priced(key)?;
        let assumption = if reserved {
            let term = match self.options.pricing {
                Pricing::Reserved1Year => "1-year",
                _ => "3-year",
            };
            Some(join_notes(assumption, format!("{term} reservation price")))
        } else {
            assumption
        };
        lines.push(self.line(key, entry, count, assumption)?);
        Ok(())
    }
    /// Adds the lines of an assumed usage `quantity`: one line per price tier it
    /// reaches when the price is graduated (a free grant shows as a line at zero).
    fn used(&self, lines: &mut Vec<Draft>, key: &str, quantity: Decimal, assumption: String) -> Result<(), Miss> {
        let entry = self.lookup(key)?;
        let mut base = self.line(key, entry, quantity, Some(assumption))?;
        base.usage_based = true;
        let total = base.quantity;
        let before = lines.len();
        for (index, tier) in entry.tiers.iter().enumerate() {
            let upper = entry.tiers.get(index + 1).map(|next| next.from);
            let band = sub(upper.map_or(total, |upper| total.min(upper)), tier.from)?;
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

fn join_notes(note: Option<String>, more: String) -> String {
    match note {
        Some(note) => format!("{note}; {more}"),
        None => more,
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

/// What the catalog says about the resource's type in the target region, before any
/// rule runs: a service Azure China lacks, or a type the region does not offer.
fn not_offered(ctx: &Ctx<'_>) -> Option<Outcome> {
    let catalog = ctx.env.catalog?;
    let resource = ctx.resource;
    if catalog.resource_type(ctx.region, &resource.resource_type).offer == Offer::NotOffered {
        let in_china = ctx.cloud == Some(Cloud::AzureChinaCloud);
        if let Some(service) = catalog.unavailable_service(&resource.resource_type).filter(|_| in_china) {
            let alternative = service.alternative.as_ref().map(|a| format!("; instead: {a}")).unwrap_or_default();
            return Some(Outcome::unpriced(
                UnpricedReason::NotOfferedInTarget,
                format!("{} is not offered in Azure China{alternative}", service.service),
            ));
        }
        return Some(Outcome::unpriced(
            UnpricedReason::NotOfferedInTarget,
            format!("the catalog lists {} as not offered in {}", resource.resource_type, ctx.region),
        ));
    }
    // The account or app kind, for the types whose service depends on it.
    let kind = resource.kind.as_deref().map(str::trim).filter(|k| !k.is_empty())?;
    let answer = catalog.kind(ctx.region, &resource.resource_type, kind)?;
    if answer.offer == Offer::NotOffered {
        let service = catalog.kind_service(&resource.resource_type, kind).unwrap_or(kind);
        return Some(Outcome::unpriced(
            UnpricedReason::NotOfferedInTarget,
            format!(
                "the catalog lists {service} ({}, kind {kind}) as not offered in {}",
                resource.resource_type, ctx.region
            ),
        ));
    }
    None
}

fn price(ctx: &Ctx<'_>) -> Outcome {
    let resource = ctx.resource;
    if is_free(resource) {
        return Outcome::Free;
    }
    if let Some(outcome) = not_offered(ctx) {
        return outcome;
    }
    match resource.resource_type.key() {
        "microsoft.compute/virtualmachines" => virtual_machine(ctx),
        "microsoft.compute/virtualmachinescalesets" => scale_set(ctx),
        "microsoft.compute/disks" => managed_disk(ctx).into(),
        "microsoft.compute/snapshots" => snapshot(ctx).into(),
        "microsoft.compute/galleries/images/versions" => image_version(ctx).into(),
        "microsoft.network/publicipaddresses" => public_ip(ctx).into(),
        "microsoft.network/publicipprefixes" => public_ip_prefix(ctx).into(),
        "microsoft.storage/storageaccounts" => storage_account(ctx).into(),
        "microsoft.web/serverfarms" => app_service_plan(ctx),
        "microsoft.sql/servers/databases" => sql_database(ctx),
        "microsoft.sql/servers/elasticpools" => elastic_pool(ctx).into(),
        "microsoft.sql/managedinstances" => managed_instance(ctx).into(),
        "microsoft.dbformysql/flexibleservers" => flexible_server(ctx, "mysql").into(),
        "microsoft.dbforpostgresql/flexibleservers" => flexible_server(ctx, "postgresql").into(),
        "microsoft.documentdb/databaseaccounts" => cosmos(ctx).into(),
        "microsoft.cache/redis" => redis(ctx).into(),
        "microsoft.keyvault/vaults" => key_vault(ctx),
        "microsoft.keyvault/managedhsms" => ctx.simple(
            "keyvault/hsm/standard_b1",
            Decimal::ONE,
            Some("HSM pool hours; key operations not included".into()),
        ),
        "microsoft.operationalinsights/workspaces" => log_analytics(ctx),
        "microsoft.insights/components" => app_insights(ctx),
        "microsoft.insights/metricalerts" => metric_alert(ctx).into(),
        "microsoft.insights/scheduledqueryrules" => log_alert(ctx).into(),
        "microsoft.insights/actiongroups" => action_group(ctx),
        "microsoft.insights/webtests" => web_test(ctx),
        "microsoft.servicebus/namespaces" => service_bus(ctx).into(),
        "microsoft.eventhub/namespaces" => event_hubs(ctx).into(),
        "microsoft.eventhub/clusters" => match ctx.sku_capacity() {
            Some(units) => ctx.simple("eventhubs/dedicated/cu", units, Some(format!("{units} capacity unit(s)"))),
            None => Outcome::missing("sku.capacity", "export the Event Hubs cluster with its SKU capacity"),
        },
        "microsoft.eventgrid/topics" | "microsoft.eventgrid/domains" => {
            let million = ctx.assumptions().event_grid_million_operations;
            ctx.usage(
                "eventgrid/operations",
                million,
                format!("assumed {million} million operations a month (assumption event_grid_million_operations)"),
            )
        }
        "microsoft.logic/workflows" => logic_app(ctx),
        "microsoft.network/loadbalancers" => load_balancer(ctx).into(),
        "microsoft.network/natgateways" => ctx.simple(
            "nat/gateway",
            Decimal::ONE,
            Some("gateway hours; data processed not included".into()),
        ),
        "microsoft.network/privateendpoints" => ctx.simple(
            "privatelink/endpoint",
            Decimal::ONE,
            Some("endpoint hours only; data processed not included".into()),
        ),
        "microsoft.network/dnszones" | "microsoft.network/privatednszones" => {
            ctx.simple("dns/zone", Decimal::ONE, Some("hosted zone (first 25 zones' price); queries not included".into()))
        }
        "microsoft.network/dnsresolvers/inboundendpoints" => ctx.simple("dnsresolver/inbound", Decimal::ONE, None),
        "microsoft.network/dnsresolvers/outboundendpoints" => ctx.simple("dnsresolver/outbound", Decimal::ONE, None),
        "microsoft.network/dnsforwardingrulesets" => ctx.simple("dnsresolver/ruleset", Decimal::ONE, None),
        "microsoft.containerservice/managedclusters" => aks(ctx),
        "microsoft.network/azurefirewalls" => firewall(ctx).into(),
        "microsoft.network/firewallpolicies" => firewall_policy(ctx),
        "microsoft.network/bastionhosts" => bastion(ctx),
        "microsoft.network/virtualnetworkgateways" => network_gateway(ctx),
        "microsoft.network/expressroutecircuits" => expressroute_circuit(ctx),
        "microsoft.network/applicationgateways" => application_gateway(ctx).into(),
        "microsoft.network/trafficmanagerprofiles" => traffic_manager(ctx).into(),
        "microsoft.cdn/profiles" => cdn_profile(ctx),
        "microsoft.containerregistry/registries" => match ctx.sku_name() {
            Some(sku) => ctx.simple(&format!("acr/{}", sku.to_ascii_lowercase()), Decimal::ONE, None),
            None => Outcome::missing("sku.name", "export the registry with its SKU (Basic, Standard, Premium)"),
        },
        "microsoft.containerregistry/registries/replications" => Outcome::unpriced(
            UnpricedReason::NoPriceLoaded,
            if ctx.cloud == Some(Cloud::AzureChinaCloud) {
                "the azure.cn Container Registry page gives no price for a geo-replica; load the Azure China price sheet CSV"
            } else {
                "no dated public capture of a geo-replica's price: load a Cost Management export (--spend) for what it costs today, or saved pages of the Azure Retail Prices API (prices.azure.com)"
            },
        ),
        "microsoft.containerinstance/containergroups" => container_group(ctx).into(),
        "microsoft.app/managedenvironments" => container_environment(ctx).into(),
        "microsoft.app/containerapps" => container_app(ctx).into(),
        "microsoft.apimanagement/service" => api_management(ctx),
        "microsoft.appconfiguration/configurationstores" => app_configuration(ctx),
        "microsoft.search/searchservices" => search(ctx),
        "microsoft.recoveryservices/vaults" => recovery_vault(ctx).into(),
        "microsoft.automation/automationaccounts" => {
            let minutes = ctx.assumptions().automation_job_minutes;
            ctx.usage(
                "automation/jobminutes",
                minutes,
                format!("assumed {minutes} job minutes a month (assumption automation_job_minutes); any free grant not deducted"),
            )
        }
        "microsoft.datafactory/factories" => {
            let runs = ctx.assumptions().data_factory_thousand_runs;
            ctx.usage(
                "datafactory/orchestration",
                runs,
                format!("assumed {runs} thousand activity runs a month on the Azure integration runtime (assumption data_factory_thousand_runs); data movement not included"),
            )
        }
        "microsoft.synapse/workspaces" => Outcome::Free,
        "microsoft.synapse/workspaces/sqlpools" => match ctx.sku_name() {
            Some(sku) => ctx.simple(&format!("synapse/{}", sku.to_ascii_lowercase()), Decimal::ONE, Some("compute only; storage not included".into())),
            None => Outcome::missing("sku.name", "export the dedicated SQL pool with its SKU (DW100c, ...)"),
        },
        "microsoft.signalrservice/signalr" => match ctx.sku_tier().or(ctx.sku_name()).map(str::to_ascii_lowercase) {
            Some(tier) if tier.starts_with("free") => Outcome::Free,
            Some(tier) if tier.starts_with("standard") => {
                let units = ctx.sku_capacity().filter(|c| *c > Decimal::ZERO).unwrap_or(Decimal::ONE);
                ctx.simple("signalr/standard/unit", units, Some(format!("{units} unit(s); messages above the included quota not included")))
            }
            Some(tier) => Outcome::unsupported(format!("SignalR tier {tier} is not priced")),
            None => Outcome::missing("sku.name", "export the SignalR service with its SKU"),
        },
        "microsoft.appplatform/spring" => match ctx.sku_tier().map(str::to_ascii_lowercase).as_deref() {
            Some(tier @ ("basic" | "standard")) => ctx.simple(
                &format!("springapps/{tier}/base"),
                Decimal::ONE,
                Some("the tier's base price; vCPU and memory above the included amount not counted".into()),
            ),
            Some(tier) => Outcome::unsupported(format!("Azure Spring Apps {tier} is not priced")),
            None => Outcome::missing("sku.tier", "export the Spring Apps service with its SKU"),
        },
        "microsoft.dashboard/grafana" => ctx.simple(
            "grafana/standard/instance",
            Decimal::ONE,
            Some("instance hours; active users not included".into()),
        ),
        "microsoft.databricks/workspaces" => Outcome::unsupported(
            "Databricks is billed by the DBUs its clusters use, which the export does not hold; load a Cost Management export (--spend) for what it costs today",
        ),
        "microsoft.cognitiveservices/accounts" => Outcome::unsupported(
            "Azure AI services are billed per transaction of each API, which the export does not hold; load a Cost Management export (--spend) for what it costs today",
        ),
        _ => Outcome::unsupported(format!(
            "RegionShift has no pricing rule for {} yet; price it by hand",
            resource.resource_type
        )),
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
    if let Some(catalog) = ctx.env.catalog {
        if catalog.vm_size(ctx.region, size).offer == Offer::NotOffered {
            return Outcome::unpriced(
                UnpricedReason::NotOfferedInTarget,
                format!(
                    "the catalog lists VM size {size} as not offered in {}; see the assessment for the closest sizes",
                    ctx.region
                ),
            );
        }
    }
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
    let key = if os == Os::Windows && !hybrid { format!("vm/{size}/windows") } else { linux_key.clone() };
    let join = |notes: &[String]| (!notes.is_empty()).then(|| notes.join("; "));
    let term = ctx.options.pricing.term();
    if term != Term::PayAsYouGo && key != linux_key && ctx.prices.lookup(ctx.region, &key, term).is_err() {
        // No Windows reservation price: a reservation covers compute only, so the Linux
        // reservation plus the Windows licence (Windows minus Linux pay-as-you-go).
        if let (Ok(_), Ok(windows), Ok(linux)) =
            (ctx.prices.lookup(ctx.region, &linux_key, term), ctx.lookup(&key), ctx.lookup(&linux_key))
        {
            if windows.unit == Unit::Hour && linux.unit == Unit::Hour {
                let mut lines = Vec::new();
                let result = ctx.fixed(&mut lines, &linux_key, count, join(&notes)).and_then(|()| {
                    let licence = sub(windows.price, linux.price)?;
                    let hours = mul(count, ctx.hours())?;
                    lines.push(Draft {
                        meter: format!("{key} licence"),
                        quantity: hours,
                        unit: "hours".into(),
                        unit_price: licence,
                        usage_based: false,
                        assumption: Some("Windows licence = Windows minus Linux pay-as-you-go rate".into()),
                        origin: windows.origin.clone(),
                    });
                    Ok(())
                });
                return result.map(|()| lines).into();
            }
        }
    }
    let mut lines = Vec::new();
    match ctx.fixed(&mut lines, &key, count, join(&notes)) {
        Ok(()) => Outcome::Priced { lines, reservation: Reservation::NotApplicable },
        Err((UnpricedReason::NoPriceLoaded, _))
            if key.ends_with("/linux")
                && ctx.options.pricing == Pricing::PayAsYouGo
                && ctx.prices.lookup(ctx.region, &key, Term::Reserved1Year).is_ok() =>
        {
            Outcome::unpriced(
                UnpricedReason::NoPriceLoaded,
                format!(
                    "the azure.cn price list of the snapshot gives {size} a Linux 1-year reservation price but no Linux pay-as-you-go price in {}; price with --pricing 1y, or load the Azure China price sheet CSV",
                    ctx.region
                ),
            )
        }
        Err(miss) => miss.into(),
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

/// A disk size in GiB from a disk's or snapshot's properties.
fn disk_size_gib(props: &Value) -> Option<Decimal> {
    value_at(props, &["diskSizeGB"]).and_then(decimal_of).or_else(|| {
        value_at(props, &["diskSizeBytes"])
            .and_then(decimal_of)
            .and_then(|b| b.checked_div(Decimal::from(1u64 << 30)))
            .map(|gib| gib.ceil())
    })
}

fn managed_disk(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let sku = ctx
        .sku_name()
        .ok_or_else(|| missing("sku.name", "export the disk with its SKU (Premium_LRS, StandardSSD_LRS, ...)"))?;
    ctx.sku_offered(SkuKind::ManagedDisk, sku, "disk SKU")?;
    let (kind, redundancy) = sku.split_once('_').unwrap_or((sku, "LRS"));
    let size = ctx
        .props()
        .and_then(disk_size_gib)
        .ok_or_else(|| missing("properties.diskSizeGB", "export disks with their properties"))?;
    let kind = kind.to_ascii_lowercase();
    if kind == "premiumv2" || kind == "ultrassd" {
        return provisioned_disk(ctx, if kind == "premiumv2" { "pv2" } else { "ultra" }, size);
    }
    let prefix = match kind.as_str() {
        "premium" => 'P',
        "standardssd" => 'E',
        "standard" => 'S',
        _ => return Err((UnpricedReason::TypeNotSupported, format!("{sku} disks are not priced"))),
    };
    let (tier, tier_size) = disk_tier(prefix, size).ok_or_else(|| {
        (UnpricedReason::TypeNotSupported, format!("{size} GiB is larger than the largest disk tier (32767 GiB)"))
    })?;
    let key = format!("disk/{}/{}", tier.to_ascii_lowercase(), redundancy.to_ascii_lowercase());
    let mut lines = Vec::new();
    ctx.fixed(&mut lines, &key, Decimal::ONE, Some(format!("{size} GiB billed as {tier} ({tier_size} GiB)")))?;
    Ok(lines)
}

/// Premium SSD v2 and Ultra disks: provisioned GiB, IOPS and MB/s a month. Premium SSD
/// v2 includes 3,000 IOPS and 125 MB/s (the page's "at no additional cost").
fn provisioned_disk(ctx: &Ctx<'_>, kind: &str, size: Decimal) -> Result<Vec<Draft>, Miss> {
    let iops = ctx.prop_decimal(&["diskIOPSReadWrite"]);
    let mbps = ctx.prop_decimal(&["diskMBpsReadWrite"]);
    let (free_iops, free_mbps) =
        if kind == "pv2" { (Decimal::from(3000), Decimal::from(125)) } else { (Decimal::ZERO, Decimal::ZERO) };
    let mut lines = Vec::new();
    ctx.fixed(&mut lines, &format!("disk/{kind}/capacity"), size, Some(format!("{size} GiB provisioned")))?;
    match iops {
        Some(iops) => {
            let billed = sub(iops, free_iops)?.max(Decimal::ZERO);
            let note = format!("{iops} provisioned IOPS, {billed} billed");
            ctx.fixed(&mut lines, &format!("disk/{kind}/iops"), billed, Some(note))?;
        }
        None if kind == "ultra" => {
            return Err(missing("properties.diskIOPSReadWrite", "export the Ultra disk with its provisioned IOPS"))
        }
        None => {}
    }
    match mbps {
        Some(mbps) => {
            let billed = sub(mbps, free_mbps)?.max(Decimal::ZERO);
            let note = format!("{mbps} MB/s provisioned, {billed} billed");
            ctx.fixed(&mut lines, &format!("disk/{kind}/mbps"), billed, Some(note))?;
        }
        None if kind == "ultra" => {
            return Err(missing(
                "properties.diskMBpsReadWrite",
                "export the Ultra disk with its provisioned throughput",
            ))
        }
        None => {}
    }
    for line in &mut lines {
        line.unit = match line.meter.rsplit('/').next() {
            Some("capacity") => "GiB-months".into(),
            Some("iops") => "IOPS-months".into(),
            _ => "MB/s-months".into(),
        };
    }
    Ok(lines)
}

fn public_ip(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let sku =
        ctx.sku_name().ok_or_else(|| missing("sku.name", "export the public IP with its SKU (Basic or Standard)"))?;
    ctx.sku_offered(SkuKind::PublicIp, sku, "public IP SKU")?;
    let sku = sku.to_ascii_lowercase();
    let allocation = if sku == "standard" {
        "static".to_string()
    } else {
        ctx.prop_str(&["publicIPAllocationMethod"])
            .map(str::to_ascii_lowercase)
            .ok_or_else(|| missing("properties.publicIPAllocationMethod", "export the public IP with its properties"))?
    };
    let mut lines = Vec::new();
    ctx.fixed(&mut lines, &format!("pip/{sku}/{allocation}"), Decimal::ONE, None)?;
    Ok(lines)
}

fn public_ip_prefix(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let length = ctx
        .prop_decimal(&["prefixLength"])
        .ok_or_else(|| missing("properties.prefixLength", "export the prefix with its properties"))?;
    let bits = match length.to_u32() {
        Some(length @ 16..=32) => 32 - length,
        _ => return Err(missing("properties.prefixLength", "an IPv4 prefix is /16 to /32")),
    };
    let addresses = Decimal::from(1u64 << bits);
    let mut lines = Vec::new();
    ctx.fixed(&mut lines, "pip/prefix/ip", addresses, Some(format!("/{length}: {addresses} addresses")))?;
    Ok(lines)
}

fn storage_account(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let sku = ctx
        .sku_name()
        .ok_or_else(|| missing("sku.name", "export the storage account with its SKU (Standard_LRS, ...)"))?;
    let (performance, redundancy) = sku.split_once('_').unwrap_or((sku, ""));
    let redundancy = redundancy.to_ascii_lowercase().replace('-', "");
    ctx.sku_offered(SkuKind::StorageRedundancy, sku, "storage redundancy")?;
    let kind = ctx.resource.kind.as_deref().unwrap_or("").to_ascii_lowercase();
    let gb = ctx.assumptions().storage_gb;
    let mut lines = Vec::new();
    match (performance.to_ascii_lowercase().as_str(), kind.as_str()) {
        ("standard", "storagev2" | "blobstorage" | "") => {
            let (tier, tier_note) = match ctx.prop_str(&["accessTier"]) {
                Some(tier) => (tier.to_ascii_lowercase(), String::new()),
                None => ("hot".to_string(), ", access tier not exported: Hot assumed".to_string()),
            };
            ctx.sku_offered(SkuKind::StorageAccessTier, &tier, "blob access tier")?;
            let key = format!("blob/{tier}/{redundancy}");
            let note = format!(
                "assumed {gb} GB stored as block blobs (assumption storage_gb){tier_note}; operations and egress not included"
            );
            ctx.used(&mut lines, &key, gb, note)?;
        }
        ("premium", "blockblobstorage") => {
            let note = format!("assumed {gb} GB of premium block blobs (assumption storage_gb); operations not included");
            ctx.used(&mut lines, &format!("blob/premium/{redundancy}"), gb, note)?;
        }
        ("premium", "filestorage") => {
            let note = format!("assumed {gb} GiB of provisioned premium file shares (assumption storage_gb)");
            ctx.used(&mut lines, &format!("files/premium/{redundancy}"), gb, note)?;
        }
        _ => {
            return Err((
                UnpricedReason::TypeNotSupported,
                format!("{sku} {} storage accounts are not priced (general-purpose v1 and page-blob accounts price differently); price by hand", ctx.resource.kind.as_deref().unwrap_or("(no kind)")),
            ))
        }
    }
    Ok(lines)
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
    if sku.starts_with("ep") || tier == "elasticpremium" {
        return elastic_premium(ctx, &sku).into();
    }
    if sku.starts_with("fc") || tier == "flexconsumption" {
        return Outcome::unsupported(
            "Flex Consumption Function plans are not priced: the azure.cn pages show no Flex Consumption price",
        );
    }
    if sku == "f1" || tier == "free" {
        return Outcome::Free;
    }
    let linux = ctx.resource.kind.as_deref().is_some_and(|k| k.to_ascii_lowercase().contains("linux"))
        || ctx.prop(&["reserved"]).and_then(Value::as_bool).unwrap_or(false);
    let os = if linux { "linux" } else { "windows" };
    let kind = if linux { SkuKind::AppServicePlanLinux } else { SkuKind::AppServicePlan };
    if let Err(miss) = ctx.sku_offered(kind, &sku, "App Service plan SKU") {
        return miss.into();
    }
    let (workers, note) = match ctx.sku_capacity().filter(|c| *c > Decimal::ZERO) {
        Some(capacity) => (capacity, None),
        None => (Decimal::ONE, Some("worker count not exported: 1 worker assumed".to_string())),
    };
    ctx.simple(&format!("appservice/{sku}/{os}"), workers, note)
}

/// Functions Premium plan instance sizes: vCPUs and GB of memory (Microsoft's "Azure
/// Functions Premium plan", available instance SKUs).
const ELASTIC_PREMIUM: &[(&str, u32, &str)] = &[("ep1", 1, "3.5"), ("ep2", 2, "7"), ("ep3", 4, "14")];

/// An Elastic Premium plan: its always-ready instances' vCPU and memory all month.
fn elastic_premium(ctx: &Ctx<'_>, sku: &str) -> Result<Vec<Draft>, Miss> {
    let Some((_, vcpus, memory)) = ELASTIC_PREMIUM.iter().find(|(name, _, _)| *name == sku) else {
        return Err((UnpricedReason::TypeNotSupported, format!("Elastic Premium size {sku} is not priced")));
    };
    let memory = super::prices::parse_decimal(memory).unwrap_or(Decimal::ZERO);
    let instances = ctx.sku_capacity().filter(|c| *c > Decimal::ZERO).unwrap_or(Decimal::ONE);
    let note = format!(
        "{instances} always-ready instance(s) of {vcpus} vCPU and {memory} GB ({sku}); instances added when scaling out not included"
    );
    let mut lines = Vec::new();
    ctx.fixed(&mut lines, "functions/premium/vcpu", mul(instances, Decimal::from(*vcpus))?, Some(note.clone()))?;
    ctx.fixed(&mut lines, "functions/premium/memory", mul(instances, memory)?, Some(note))?;
    lines[0].unit = "vCPU-hours".into();
    lines[1].unit = "GB-hours".into();
    Ok(lines)
}

fn sql_database(ctx: &Ctx<'_>) -> Outcome {
    let Some(name) = ctx.sku_name() else {
        return Outcome::missing("sku.name", "export the database with its SKU (service objective)");
    };
    let lower = name.to_ascii_lowercase();
    if lower == "system" || ctx.sku_tier().is_some_and(|t| t.eq_ignore_ascii_case("system")) || lower == "elasticpool" {
        return Outcome::Free;
    }
    if let Err(miss) = ctx.sku_offered(SkuKind::SqlDatabase, name, "SQL Database service objective") {
        return miss.into();
    }
    let dtu = lower == "basic"
        || ((lower.starts_with('s') || lower.starts_with('p'))
            && lower.len() > 1
            && lower[1..].chars().all(|c| c.is_ascii_digit()));
    if dtu {
        return ctx.simple(&format!("sqldb/dtu/{lower}"), Decimal::ONE, None);
    }
    let parts: Vec<&str> = lower.split('_').collect();
    let (edition, generation, vcores) = match parts.as_slice() {
        [edition, "s", ..] => {
            return Outcome::unsupported(format!(
                "{edition} serverless databases are billed by vCore-seconds used, and the azure.cn page shows no serverless price"
            ))
        }
        [edition, generation, vcores] => (*edition, *generation, Some(vcores.to_string())),
        [edition, generation] => (*edition, *generation, ctx.sku_capacity().map(|c| c.to_string())),
        _ => return Outcome::unsupported(format!("service objective {name} is not priced")),
    };
    let Some(vcores) = vcores else {
        return Outcome::missing("sku.capacity", "export the database with its vCore count");
    };
    let key = format!("sqldb/vcore/{edition}_{generation}_{vcores}");
    let mut notes = vec!["licence-included compute price".to_string()];
    if ctx.prop_str(&["licenseType"]).is_some_and(|l| l.eq_ignore_ascii_case("BasePrice")) {
        notes.push("licenseType BasePrice (Hybrid Benefit) not deducted".into());
    }
    let mut lines = Vec::new();
    if let Err(miss) = ctx.fixed(&mut lines, &key, Decimal::ONE, Some(notes.join("; "))) {
        return miss.into();
    }
    if edition == "hs" {
        // Hyperscale bills the storage it uses, not its maximum size.
        if let Some(first) = lines.first_mut() {
            first.assumption =
                Some(join_notes(first.assumption.take(), "storage is billed by use and not included".into()));
        }
    } else if let Some(bytes) = ctx.prop_decimal(&["maxSizeBytes"]) {
        let storage_key = format!("sqldb/storage/{edition}");
        let gb = match bytes.checked_div(Decimal::from(1u64 << 30)) {
            Some(gb) => gb.ceil(),
            None => return too_large("maxSizeBytes").into(),
        };
        match ctx.lookup(&storage_key) {
            Ok(entry) => {
                match ctx.line(&storage_key, entry, gb, Some(format!("{gb} GB maximum size billed as storage"))) {
                    Ok(line) => lines.push(line),
                    Err(miss) => return miss.into(),
                }
            }
            Err(_) => {
                // The compute is priced; say the storage is not.
                if let Some(first) = lines.first_mut() {
                    first.assumption = Some(join_notes(
                        first.assumption.take(),
                        format!("storage not included: no {storage_key} price in {}", ctx.region),
                    ));
                }
            }
        }
    }
    Outcome::Priced { lines, reservation: Reservation::NotApplicable }
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
        "licenseType BasePrice (Hybrid Benefit): the licence-included price, not reduced".into()
    } else {
        "licence-included compute price".into()
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
        let gb = div(bytes, Decimal::from(1u64 << 30))?.ceil();
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
        let note = format!("{gb} GB reserved storage; the included allowance is not deducted");
        ctx.fixed(&mut lines, &format!("sqlmi/storage/{edition}"), gb, Some(note))?;
    }
    Ok(lines)
}

/// Azure Database for MySQL or PostgreSQL flexible server: compute per server-hour of
/// its size, doubled with high availability, plus provisioned storage.
fn flexible_server(ctx: &Ctx<'_>, service: &str) -> Result<Vec<Draft>, Miss> {
    let name = ctx.sku_name().ok_or_else(|| missing("sku.name", "export the server with its SKU"))?;
    let lower = name.to_ascii_lowercase();
    // Templates spell the SKU `GP_Standard_D2ds_v4`; exports `Standard_D2ds_v4` plus a tier.
    let size = match lower.split_once("_standard_") {
        Some((_, size)) => size,
        None => lower.strip_prefix("standard_").unwrap_or(&lower),
    };
    let ha = ctx
        .prop_str(&["highAvailability", "mode"])
        .is_some_and(|m| !m.eq_ignore_ascii_case("Disabled") && !m.eq_ignore_ascii_case("None"));
    let servers = if ha { Decimal::TWO } else { Decimal::ONE };
    let ha_note = if ha { "; high availability: a standby doubles compute and storage" } else { "" };
    let mut lines = Vec::new();
    let size_key = format!("{service}/standard_{size}");
    match ctx.fixed(&mut lines, &size_key, servers, Some(format!("{name}{ha_note}"))) {
        Ok(()) => {}
        // Price files of the Retail Prices API price flexible servers per vCore of a
        // series (`mysql/vcore/generalpurpose_ddsv4`) or per burstable size.
        Err(miss) => match per_vcore_key(ctx, size).map(|(key, count)| (key.replace("{service}", service), count)) {
            Some((key, count)) if ctx.lookup(&key).is_ok() => {
                let note = format!("{name}: {count} vCore(s) per server{ha_note}");
                ctx.fixed(&mut lines, &key, mul(count, servers)?, Some(note))?;
            }
            _ => return Err(miss),
        },
    }
    if let Some(gb) = ctx.prop_decimal(&["storage", "storageSizeGB"]) {
        let note = format!("{gb} GB provisioned storage{ha_note}");
        ctx.fixed(&mut lines, &format!("{service}/storage"), mul(gb, servers)?, Some(note))?;
    }
    Ok(lines)
}

/// `d2ds_v4` of a General Purpose server → (`{service}/vcore/generalpurpose_ddsv4`, 2);
/// a Burstable size → (`{service}/burstable/b1ms`, 1). `{service}` is filled in by the caller.
fn per_vcore_key(ctx: &Ctx<'_>, size: &str) -> Option<(String, Decimal)> {
    let tier = ctx.sku_tier().map(str::to_ascii_lowercase)?;
    if tier == "burstable" {
        return Some((format!("{{service}}/burstable/{size}"), Decimal::ONE));
    }
    let (head, version) = size.split_once('_').unwrap_or((size, ""));
    let family_end = head.find(|c: char| c.is_ascii_digit())?;
    let digits_end = head[family_end..].find(|c: char| !c.is_ascii_digit()).map_or(head.len(), |i| family_end + i);
    let vcores: u32 = head[family_end..digits_end].parse().ok()?;
    let series = format!("{}{}{version}", &head[..family_end], &head[digits_end..]);
    Some((format!("{{service}}/vcore/{tier}_{series}"), Decimal::from(vcores)))
}

fn cosmos(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let assumptions = ctx.assumptions();
    let serverless = ctx.prop(&["capabilities"]).and_then(Value::as_array).is_some_and(|caps| {
        caps.iter().any(|c| value_at(c, &["name"]).and_then(Value::as_str) == Some("EnableServerless"))
    });
    if serverless {
        ctx.sku_offered(SkuKind::CosmosCapability, "EnableServerless", "Cosmos DB capability")?;
    }
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
        ctx.fixed(&mut lines, key, mul(div(ru, Decimal::ONE_HUNDRED)?, regions)?, Some(note))?;
        if let Some(line) = lines.last_mut() {
            line.unit = "100 RU/s-hours".into();
        }
    }
    let gb = assumptions.cosmos_storage_gb;
    let note = format!("assumed {gb} GB stored in each of {regions} region(s) (assumption cosmos_storage_gb)");
    ctx.used(&mut lines, "cosmos/storage", mul(gb, regions)?, note)?;
    Ok(lines)
}

fn redis(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let tier = ctx.sku_name().map(str::to_ascii_lowercase);
    let family = ctx
        .resource
        .sku
        .as_ref()
        .and_then(|s| s.family.clone())
        .or_else(|| ctx.prop_str(&["sku", "family"]).map(String::from));
    let capacity = ctx.sku_capacity();
    let (Some(tier), Some(family), Some(capacity)) = (tier, family, capacity) else {
        return Err(missing("sku (name, family, capacity)", "export the cache with its SKU"));
    };
    let size = format!("{}{capacity}", family.to_ascii_lowercase());
    ctx.sku_offered(SkuKind::Redis, &format!("{tier} {size}"), "Redis SKU")?;
    let key = format!("redis/{tier}/{size}");
    let (shards, note) = if tier == "premium" {
        let shards = ctx.prop_decimal(&["shardCount"]).filter(|s| *s > Decimal::ZERO).unwrap_or(Decimal::ONE);
        (shards, Some(format!("{shards} shard(s) at the per-shard price; extra replicas not included")))
    } else {
        (Decimal::ONE, None)
    };
    let mut lines = Vec::new();
    ctx.fixed(&mut lines, &key, shards, note)?;
    Ok(lines)
}

fn key_vault(ctx: &Ctx<'_>) -> Outcome {
    let tier = ctx.sku_name().map(str::to_ascii_lowercase).unwrap_or_else(|| "standard".into());
    let tier = if tier == "premium" { "premium" } else { "standard" };
    let operations = ctx.assumptions().key_vault_10k_operations;
    ctx.usage(
        &format!("keyvault/{tier}/operations"),
        operations,
        format!("assumed {operations} × 10,000 secret operations a month (assumption key_vault_10k_operations); keys and certificates not included"),
    )
}

fn log_analytics(ctx: &Ctx<'_>) -> Outcome {
    let per_day = ctx.assumptions().log_analytics_gb_per_day;
    let gb = match div(ctx.hours(), Decimal::from(24)).and_then(|days| mul(per_day, days)) {
        Ok(gb) => gb,
        Err(miss) => return miss.into(),
    };
    ctx.usage(
        "loganalytics/ingestion",
        gb,
        format!("assumed {per_day} GB ingested a day (assumption log_analytics_gb_per_day); free allowances and retention not included"),
    )
}

fn app_insights(ctx: &Ctx<'_>) -> Outcome {
    let gb = ctx.assumptions().app_insights_gb_per_month;
    // A workspace-based resource's data is billed as Log Analytics ingestion; Azure
    // China bills classic resources the same way (the monitor page has no other price).
    let workspace = ctx.prop_str(&["WorkspaceResourceId"]).is_some()
        || ctx.prop_str(&["IngestionMode"]).is_some_and(|m| m.eq_ignore_ascii_case("LogAnalytics"));
    let china = ctx.cloud == Some(Cloud::AzureChinaCloud);
    let (key, how) = if workspace || china {
        ("loganalytics/ingestion", "billed as Log Analytics data ingestion")
    } else {
        ("appinsights/ingestion", "classic resource")
    };
    ctx.usage(key, gb, format!("assumed {gb} GB ingested a month (assumption app_insights_gb_per_month), {how}"))
}

/// A metric alert rule: one monitored time series per criterion and resource in scope;
/// dynamic thresholds cost a second time-series price.
fn metric_alert(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let criteria = ctx.prop(&["criteria", "allOf"]).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    let scopes = ctx.prop_len(&["scopes"]).max(1);
    let count = criteria.len().max(1);
    let dynamic = criteria
        .iter()
        .filter(|c| value_at(c, &["criterionType"]).and_then(Value::as_str) == Some("DynamicThresholdCriterion"))
        .count();
    let series = Decimal::from(count * scopes);
    let mut lines = Vec::new();
    let note = format!(
        "{count} criterion(s) × {scopes} resource(s) in scope = {series} time series; dimensions not expanded; the free monthly series are not deducted"
    );
    ctx.fixed(&mut lines, "alerts/metric/timeseries", series, Some(note))?;
    if dynamic > 0 {
        let extra = Decimal::from(dynamic * scopes);
        ctx.fixed(
            &mut lines,
            "alerts/metric/timeseries",
            extra,
            Some(format!("{extra} dynamic-threshold series (priced again)")),
        )?;
    }
    for line in &mut lines {
        line.unit = "time series-months".into();
    }
    Ok(lines)
}

/// A log search alert rule, priced by how often it runs (rules running every 15
/// minutes or less often take the 15-minute price).
fn log_alert(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let frequency = ctx.prop_str(&["evaluationFrequency"]).unwrap_or("PT15M");
    let minutes = iso_minutes(frequency)
        .ok_or_else(|| missing("properties.evaluationFrequency", "export the rule with its evaluation frequency"))?;
    let band = match minutes {
        0..=1 => 1,
        2..=5 => 5,
        6..=10 => 10,
        _ => 15,
    };
    let note =
        format!("evaluated every {minutes} minute(s): the {band}-minute rule price; extra time series not included");
    let mut lines = Vec::new();
    ctx.fixed(&mut lines, &format!("alerts/log/{band}min"), Decimal::ONE, Some(note))?;
    lines[0].unit = "rule-months".into();
    Ok(lines)
}

/// `PT5M` → 5, `PT1H` → 60, `P1D` → 1440.
fn iso_minutes(text: &str) -> Option<u32> {
    let rest = text.trim().strip_prefix('P')?;
    let (days, time) = rest.split_once('T').unwrap_or((rest, ""));
    let mut minutes = 0u32;
    if let Some(d) = days.strip_suffix('D') {
        minutes = minutes.checked_add(d.parse::<u32>().ok()?.checked_mul(1440)?)?;
    } else if !days.is_empty() {
        return None;
    }
    let mut number = String::new();
    for c in time.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let value: u32 = number.parse().ok()?;
        number.clear();
        minutes = minutes.checked_add(match c {
            'H' => value.checked_mul(60)?,
            'M' => value,
            'S' => value.div_ceil(60),
            _ => return None,
        })?;
    }
    number.is_empty().then_some(minutes)
}

/// An action group: its email, SMS and webhook receivers, each sent the assumed
/// number of notifications a month.
fn action_group(ctx: &Ctx<'_>) -> Outcome {
    let sent = ctx.assumptions().alert_notifications_per_month;
    let emails = ctx.prop_len(&["emailReceivers"]) + ctx.prop_len(&["armRoleReceivers"]);
    let webhooks = ctx.prop_len(&["webhookReceivers"]);
    let sms = ctx.prop(&["smsReceivers"]).and_then(Value::as_array).cloned().unwrap_or_default();
    if emails + webhooks + sms.len() == 0 {
        return Outcome::Free;
    }
    let mut lines = Vec::new();
    let assumption = |what: &str, count: usize| {
        format!("{count} {what} receiver(s) × assumed {sent} notifications a month (assumption alert_notifications_per_month); free grants not deducted")
    };
    let result = (|| {
        if emails > 0 {
            let blocks = div(mul(Decimal::from(emails), sent)?, Decimal::from(100_000))?;
            ctx.used(&mut lines, "alerts/notify/email", blocks, assumption("email", emails))?;
        }
        if webhooks > 0 {
            let blocks = div(mul(Decimal::from(webhooks), sent)?, Decimal::from(1_000_000))?;
            ctx.used(&mut lines, "alerts/notify/webhook", blocks, assumption("webhook", webhooks))?;
        }
        let china_sms =
            sms.iter().filter(|r| value_at(r, &["countryCode"]).and_then(Value::as_str) == Some("86")).count();
        if china_sms > 0 {
            let count = mul(Decimal::from(china_sms), sent)?;
            ctx.used(&mut lines, "alerts/notify/sms_cn", count, assumption("SMS (+86)", china_sms))?;
        }
        if china_sms < sms.len() {
            return Err((
                UnpricedReason::TypeNotSupported,
                "SMS receivers outside China (+86) are not priced; price them by hand".to_string(),
            ));
        }
        Ok(())
    })();
    result.map(|()| lines).into()
}

/// A standard availability test: one execution per location per interval.
fn web_test(ctx: &Ctx<'_>) -> Outcome {
    let kind = ctx.prop_str(&["Kind"]).or(ctx.resource.kind.as_deref()).unwrap_or("").to_ascii_lowercase();
    if kind != "standard" {
        return Outcome::unsupported(format!(
            "{kind} availability tests are not priced (classic URL ping tests are free)"
        ));
    }
    let locations = Decimal::from(ctx.prop_len(&["Locations"]).max(1));
    let seconds = ctx.prop_decimal(&["Frequency"]).filter(|f| *f > Decimal::ZERO).unwrap_or(Decimal::from(300));
    let runs = div(mul(ctx.hours(), Decimal::from(3600)).unwrap_or(Decimal::ZERO), seconds)
        .and_then(|per_location| mul(per_location, locations))
        .and_then(|runs| div(runs, Decimal::from(10_000)));
    match runs {
        Ok(blocks) => {
            ctx.usage("appinsights/webtests", blocks, format!("{locations} location(s) every {seconds} s, all month"))
        }
        Err(miss) => miss.into(),
    }
}

fn load_balancer(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let sku = ctx.sku_name().ok_or_else(|| missing("sku.name", "export the load balancer with its SKU"))?;
    ctx.sku_offered(SkuKind::LoadBalancer, sku, "load balancer SKU")?;
    let mut lines = Vec::new();
    match sku.to_ascii_lowercase().as_str() {
        "basic" => {}
        "standard" => {
            let rules =
                ["loadBalancingRules", "outboundRules"].iter().map(|field| ctx.prop_len(&[field])).sum::<usize>();
            let note = format!("{rules} rule(s); data processed not included");
            ctx.fixed(&mut lines, "lb/standard/first5", Decimal::ONE, Some(note))?;
            if rules > 5 {
                ctx.fixed(&mut lines, "lb/standard/rule", Decimal::from(rules - 5), None)?;
            }
        }
        "gateway" => {
            ctx.fixed(&mut lines, "lb/gateway/hour", Decimal::ONE, Some("data processed not included".into()))?
        }
        other => return Err((UnpricedReason::TypeNotSupported, format!("{other} load balancers are not priced"))),
    }
    Ok(lines)
}

fn aks(ctx: &Ctx<'_>) -> Outcome {
    match ctx.sku_tier().map(str::to_ascii_lowercase).as_deref() {
        None | Some("free") => Outcome::Free,
        Some("standard" | "paid") => ctx.simple(
            "aks/standard",
            Decimal::ONE,
            Some("Standard tier (uptime SLA) cluster management; nodes are priced through their scale sets".into()),
        ),
        Some(other) => Outcome::unpriced(
            UnpricedReason::NoPriceLoaded,
            format!("the azure.cn AKS page gives no usable {other} tier price; load the Azure China price sheet CSV"),
        ),
    }
}

fn firewall(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let tier = ctx
        .prop_str(&["sku", "tier"])
        .ok_or_else(|| missing("properties.sku.tier", "export the firewall with its properties"))?;
    ctx.sku_offered(SkuKind::Firewall, tier, "Firewall tier")?;
    let mut lines = Vec::new();
    ctx.fixed(
        &mut lines,
        &format!("firewall/{}", tier.to_ascii_lowercase()),
        Decimal::ONE,
        Some("deployment hours; data processed not included".into()),
    )?;
    Ok(lines)
}

/// A firewall policy: the page charges every base policy per region; a child policy in a
/// single hub is free.
fn firewall_policy(ctx: &Ctx<'_>) -> Outcome {
    let child = ctx.prop(&["basePolicy", "id"]).is_some();
    if child && ctx.prop_len(&["firewalls"]) <= 1 {
        return Outcome::Free;
    }
    ctx.simple(
        "firewallpolicy/policy",
        Decimal::ONE,
        Some("the page's price per policy per region, taken as monthly; policy analytics not included".into()),
    )
}

fn bastion(ctx: &Ctx<'_>) -> Outcome {
    match ctx.sku_name() {
        Some(sku) if sku.eq_ignore_ascii_case("developer") => Outcome::Free,
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
            Some("ExpressRoute gateway hours only; the circuit is billed on the circuit".into()),
        );
    }
    ctx.simple(
        &format!("vpngw/{sku}"),
        Decimal::ONE,
        Some("gateway hours; the first 10 site-to-site tunnels are included, egress not".into()),
    )
}

fn expressroute_circuit(ctx: &Ctx<'_>) -> Outcome {
    let tier = ctx.resource.sku.as_ref().and_then(|s| s.tier.clone()).unwrap_or_default().to_ascii_lowercase();
    let family = ctx.resource.sku.as_ref().and_then(|s| s.family.clone()).unwrap_or_default().to_ascii_lowercase();
    let mbps = ctx
        .prop_decimal(&["serviceProviderProperties", "bandwidthInMbps"])
        .or_else(|| ctx.prop_decimal(&["bandwidthInGbps"]).and_then(|g| g.checked_mul(Decimal::from(1000))));
    let plan = match family.as_str() {
        "metereddata" => "metered",
        "unlimiteddata" => "unlimited",
        _ => return Outcome::missing("sku.family", "export the circuit with its SKU (tier and family)"),
    };
    let Some(mbps) = mbps else {
        return Outcome::missing(
            "properties.serviceProviderProperties.bandwidthInMbps",
            "export the circuit with its properties",
        );
    };
    if tier != "standard" && tier != "premium" {
        return Outcome::missing("sku.tier", "export the circuit with its SKU tier (Standard or Premium)");
    }
    ctx.simple(
        &format!("ercircuit/{tier}/{plan}/{}", mbps.normalize()),
        Decimal::ONE,
        Some("port fee; outbound data of a metered plan not included".into()),
    )
}

fn application_gateway(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let name = ctx
        .prop_str(&["sku", "name"])
        .map(str::to_ascii_lowercase)
        .ok_or_else(|| missing("properties.sku.name", "export the gateway with its properties"))?;
    ctx.sku_offered(SkuKind::ApplicationGateway, &name, "Application Gateway SKU")?;
    let mut lines = Vec::new();
    if name.ends_with("_v2") || name == "basic" {
        let units = ctx
            .prop_decimal(&["autoscaleConfiguration", "minCapacity"])
            .or_else(|| ctx.prop_decimal(&["sku", "capacity"]))
            .unwrap_or(Decimal::ZERO);
        ctx.fixed(&mut lines, &format!("appgw/{name}/fixed"), Decimal::ONE, None)?;
        let note = format!("{units} capacity unit(s): the minimum capacity, as actual use is not exported");
        ctx.fixed(&mut lines, &format!("appgw/{name}/cu"), units, Some(note))?;
        if let Some(line) = lines.last_mut() {
            line.usage_based = true;
        }
        return Ok(lines);
    }
    let count = ctx.prop_decimal(&["sku", "capacity"]).unwrap_or(Decimal::ONE);
    ctx.fixed(&mut lines, &format!("appgw/{name}/instance"), count, Some("data processed not included".into()))?;
    Ok(lines)
}

fn traffic_manager(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let endpoints = ctx.prop(&["endpoints"]).and_then(Value::as_array).ok_or_else(|| {
        missing("properties.endpoints", "export the Traffic Manager profile with its properties (endpoints)")
    })?;
    let mut counts: [usize; 3] = [0; 3];
    for endpoint in endpoints {
        let kind = value_at(endpoint, &["type"]).and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
        let index = if kind.ends_with("externalendpoints") {
            1
        } else if kind.ends_with("nestedendpoints") {
            2
        } else {
            0
        };
        counts[index] += 1;
    }
    let mut lines = Vec::new();
    for (count, key, what) in [
        (counts[0], "trafficmanager/endpoint/azure", "Azure endpoint(s) with basic health checks"),
        (counts[1], "trafficmanager/endpoint/external", "external endpoint(s)"),
        (counts[2], "trafficmanager/endpoint/nested", "nested endpoint(s)"),
    ] {
        if count > 0 {
            let note = format!("{count} {what}; DNS queries not included");
            ctx.fixed(&mut lines, key, Decimal::from(count), Some(note))?;
        }
    }
    if lines.is_empty() {
        return Err(missing("properties.endpoints", "the profile has no endpoints to price"));
    }
    Ok(lines)
}

fn cdn_profile(ctx: &Ctx<'_>) -> Outcome {
    let sku = ctx.sku_name().unwrap_or("").to_ascii_lowercase();
    match sku.as_str() {
        "standard_azurefrontdoor" => ctx.simple(
            "frontdoor/standard/base",
            Decimal::ONE,
            Some("base fee; requests and data transfer not included".into()),
        ),
        "premium_azurefrontdoor" => ctx.simple(
            "frontdoor/premium/base",
            Decimal::ONE,
            Some("base fee; requests and data transfer not included".into()),
        ),
        "" => Outcome::missing("sku.name", "export the profile with its SKU"),
        _ => Outcome::unsupported(format!(
            "CDN profiles ({sku}) are billed by data transferred, which the export does not hold; load a Cost Management export (--spend)"
        )),
    }
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
    ctx.sku_offered(SkuKind::StorageRedundancy, &redundancy, "snapshot redundancy")?;
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

/// A gallery image version: every replica is stored as a snapshot of the image.
fn image_version(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let gb = ctx.prop_decimal(&["storageProfile", "osDiskImage", "sizeInGB"]).ok_or_else(|| {
        missing("properties.storageProfile.osDiskImage.sizeInGB", "export the image version with its properties")
    })?;
    let targets = ctx.prop(&["publishingProfile", "targetRegions"]).and_then(Value::as_array);
    let replicas: Decimal = match targets {
        Some(targets) if !targets.is_empty() => targets
            .iter()
            .map(|t| value_at(t, &["regionalReplicaCount"]).and_then(decimal_of).unwrap_or(Decimal::ONE))
            .try_fold(Decimal::ZERO, |sum, n| sum.checked_add(n))
            .ok_or_else(|| too_large("replica count"))?,
        _ => ctx.prop_decimal(&["publishingProfile", "replicaCount"]).unwrap_or(Decimal::ONE),
    };
    let redundancy = ctx
        .prop_str(&["publishingProfile", "storageAccountType"])
        .and_then(|t| t.rsplit('_').next())
        .unwrap_or("LRS")
        .to_ascii_lowercase();
    ctx.sku_offered(SkuKind::StorageRedundancy, &redundancy, "image replica redundancy")?;
    let note =
        format!("{replicas} replica(s) of {gb} GB, each stored as a snapshot; in the target, as many replicas assumed");
    let mut lines = Vec::new();
    ctx.used(&mut lines, &format!("snapshot/standard/{redundancy}"), mul(gb, replicas)?, note)?;
    Ok(lines)
}

fn function_consumption(ctx: &Ctx<'_>) -> Outcome {
    let assumptions = ctx.assumptions();
    let grant = "; any monthly free grant is not deducted";
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
            ctx.fixed(
                &mut lines,
                "servicebus/standard/base",
                Decimal::ONE,
                Some("base charge, which includes the first 13 million operations a month".into()),
            )?;
            if ctx.lookup("servicebus/standard/operations").is_ok() {
                ctx.used(&mut lines, "servicebus/standard/operations", operations, ops_note())?;
            }
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

fn logic_app(ctx: &Ctx<'_>) -> Outcome {
    if ctx.sku_name().is_some_and(|s| !s.eq_ignore_ascii_case("standard") && !s.eq_ignore_ascii_case("free")) {
        return Outcome::unsupported("Logic Apps integration-service-environment workflows are not priced");
    }
    let actions = ctx.assumptions().logic_app_actions;
    ctx.usage(
        "logicapps/action",
        actions,
        format!("assumed {actions} action executions a month (assumption logic_app_actions); connector calls and any free grant not counted"),
    )
}

/// `cpu` and `memoryInGB` requests of every container in a container group.
fn container_group(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    if ctx.prop_str(&["osType"]).is_some_and(|os| os.eq_ignore_ascii_case("windows")) {
        return Err((
            UnpricedReason::NoPriceLoaded,
            "the azure.cn Container Instances page prices Linux container groups only".into(),
        ));
    }
    let containers = ctx
        .prop(&["containers"])
        .and_then(Value::as_array)
        .ok_or_else(|| missing("properties.containers", "export the container group with its properties"))?;
    let (mut cpu, mut memory) = (Decimal::ZERO, Decimal::ZERO);
    for container in containers {
        let requests = value_at(container, &["properties", "resources", "requests"]);
        let get =
            |field: &str| requests.and_then(|r| value_at(r, &[field])).and_then(decimal_of).unwrap_or(Decimal::ZERO);
        cpu = cpu.checked_add(get("cpu")).ok_or_else(|| too_large("vCPU"))?;
        memory = memory.checked_add(get("memoryInGB")).ok_or_else(|| too_large("memory"))?;
    }
    let mut lines = Vec::new();
    ctx.fixed(&mut lines, "aci/linux/vcpu", cpu, Some(format!("{cpu} vCPU running all month")))?;
    ctx.fixed(&mut lines, "aci/linux/memory", memory, Some(format!("{memory} GB running all month")))?;
    Ok(lines)
}

/// A Container Apps environment: free on the consumption profile alone; dedicated
/// workload profiles add the plan management fee and their nodes (`D4` is 4 vCPU and
/// 16 GiB, `E8` 8 vCPU and 64 GiB: the profile name gives the vCPUs, D 4 GiB and E 8 GiB
/// per vCPU).
fn container_environment(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let profiles = ctx.prop(&["workloadProfiles"]).and_then(Value::as_array).cloned().unwrap_or_default();
    let dedicated: Vec<(String, Decimal, Decimal)> = profiles
        .iter()
        .filter_map(|p| {
            let kind = value_at(p, &["workloadProfileType"]).and_then(Value::as_str)?.to_ascii_uppercase();
            let per_vcpu = match kind.chars().next()? {
                'D' => Decimal::from(4),
                'E' => Decimal::from(8),
                _ => return None,
            };
            let vcpus: Decimal = kind[1..].parse::<u32>().ok()?.into();
            let nodes = value_at(p, &["minimumCount"]).and_then(decimal_of).unwrap_or(Decimal::ZERO);
            Some((kind, vcpus.checked_mul(nodes)?, vcpus.checked_mul(per_vcpu)?.checked_mul(nodes)?))
        })
        .collect();
    let mut lines = Vec::new();
    if dedicated.is_empty() {
        return Ok(lines);
    }
    ctx.fixed(
        &mut lines,
        "containerapps/dedicated/management",
        Decimal::ONE,
        Some("dedicated plan management".into()),
    )?;
    let (vcpu, memory) = dedicated
        .iter()
        .try_fold((Decimal::ZERO, Decimal::ZERO), |(v, m), (_, dv, dm)| {
            Some((v.checked_add(*dv)?, m.checked_add(*dm)?))
        })
        .ok_or_else(|| too_large("workload profile nodes"))?;
    let names: Vec<&str> = dedicated.iter().map(|(k, _, _)| k.as_str()).collect();
    let note = format!("minimum nodes of the {} profile(s): {vcpu} vCPU, {memory} GiB", names.join(", "));
    ctx.fixed(&mut lines, "containerapps/dedicated/vcpu", vcpu, Some(note.clone()))?;
    ctx.fixed(&mut lines, "containerapps/dedicated/memory", memory, Some(note))?;
    Ok(lines)
}

/// A container app on the consumption profile: its replicas' vCPU and memory at the
/// active rate for the assumed hours (minimum replicas, at least one).
fn container_app(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    if let Some(profile) = ctx.prop_str(&["workloadProfileName"]) {
        if !profile.eq_ignore_ascii_case("consumption") {
            // On a dedicated workload profile: billed on its environment's nodes.
            return Ok(Vec::new());
        }
    }
    let containers = ctx.prop(&["template", "containers"]).and_then(Value::as_array).cloned().unwrap_or_default();
    if containers.is_empty() {
        return Err(missing("properties.template.containers", "export the container app with its properties"));
    }
    let (mut cpu, mut memory) = (Decimal::ZERO, Decimal::ZERO);
    for container in &containers {
        let resources = value_at(container, &["resources"]);
        cpu = cpu
            .checked_add(resources.and_then(|r| value_at(r, &["cpu"])).and_then(decimal_of).unwrap_or(Decimal::ZERO))
            .ok_or_else(|| too_large("vCPU"))?;
        let mem = resources
            .and_then(|r| value_at(r, &["memory"]))
            .and_then(Value::as_str)
            .and_then(|m| super::prices::parse_decimal(m.trim_end_matches("Gi")))
            .unwrap_or(Decimal::ZERO);
        memory = memory.checked_add(mem).ok_or_else(|| too_large("memory"))?;
    }
    let replicas =
        ctx.prop_decimal(&["template", "scale", "minReplicas"]).filter(|r| *r > Decimal::ZERO).unwrap_or(Decimal::ONE);
    let hours = ctx.assumptions().container_app_active_hours;
    let seconds = mul(mul(hours, Decimal::from(3600))?, replicas)?;
    let note = format!(
        "{replicas} replica(s) of {cpu} vCPU and {memory} GiB active {hours} hours a month (assumption container_app_active_hours); requests and the free grant not counted"
    );
    let mut lines = Vec::new();
    ctx.used(&mut lines, "containerapps/vcpu/active", mul(seconds, cpu)?, note.clone())?;
    ctx.used(&mut lines, "containerapps/memory/active", mul(seconds, memory)?, note)?;
    for line in &mut lines {
        line.unit = if line.meter.contains("vcpu") { "vCPU-seconds".into() } else { "GiB-seconds".into() };
    }
    Ok(lines)
}

fn api_management(ctx: &Ctx<'_>) -> Outcome {
    let Some(tier) = ctx.sku_name().map(str::to_ascii_lowercase) else {
        return Outcome::missing("sku.name", "export the API Management service with its SKU");
    };
    if tier == "consumption" {
        return Outcome::unsupported("API Management Consumption is billed per call, which the export does not hold");
    }
    let units = ctx.sku_capacity().filter(|c| *c > Decimal::ZERO).unwrap_or(Decimal::ONE);
    let extra = ctx
        .prop(&["additionalLocations"])
        .and_then(Value::as_array)
        .map(|locations| {
            locations
                .iter()
                .filter_map(|l| value_at(l, &["sku", "capacity"]).and_then(decimal_of))
                .fold(Decimal::ZERO, |a, b| a.saturating_add(b))
        })
        .unwrap_or(Decimal::ZERO);
    let total = units.saturating_add(extra);
    let note = if extra > Decimal::ZERO {
        format!("{units} unit(s) in the primary region and {extra} in additional regions")
    } else {
        format!("{units} unit(s)")
    };
    ctx.simple(&format!("apim/{tier}/unit"), total, Some(note))
}

fn app_configuration(ctx: &Ctx<'_>) -> Outcome {
    match ctx.sku_name().map(str::to_ascii_lowercase).as_deref() {
        Some("free") => Outcome::Free,
        Some("standard") | None => {
            let replicas = ctx.prop_len(&["replicas"]);
            let count = Decimal::from(1 + replicas);
            ctx.simple(
                "appconfig/standard/store",
                count,
                Some(format!("the store and {replicas} replica(s); request overage not included")),
            )
        }
        Some(other) => Outcome::unsupported(format!("App Configuration {other} is not priced")),
    }
}

fn search(ctx: &Ctx<'_>) -> Outcome {
    let Some(sku) = ctx.sku_name().map(str::to_ascii_lowercase) else {
        return Outcome::missing("sku.name", "export the search service with its SKU");
    };
    if sku == "free" {
        return Outcome::Free;
    }
    let tier = match sku.as_str() {
        "standard" => "s1",
        "standard2" => "s2",
        "standard3" => "s3",
        "storage_optimized_l1" => "l1",
        "storage_optimized_l2" => "l2",
        other => other,
    };
    let replicas = ctx.prop_decimal(&["replicaCount"]).filter(|r| *r > Decimal::ZERO).unwrap_or(Decimal::ONE);
    let partitions = ctx.prop_decimal(&["partitionCount"]).filter(|p| *p > Decimal::ZERO).unwrap_or(Decimal::ONE);
    let units = match mul(replicas, partitions) {
        Ok(units) => units,
        Err(miss) => return miss.into(),
    };
    ctx.simple(
        &format!("search/{tier}/unit"),
        units,
        Some(format!("{replicas} replica(s) × {partitions} partition(s) = {units} search unit(s)")),
    )
}

/// A Recovery Services vault: the protected VMs and the backup storage it holds,
/// both assumed (the export holds neither).
fn recovery_vault(ctx: &Ctx<'_>) -> Result<Vec<Draft>, Miss> {
    let assumptions = ctx.assumptions();
    let instances = assumptions.backup_protected_instances;
    let gb = assumptions.backup_storage_gb;
    let redundancy = match ctx.prop_str(&["redundancySettings", "standardTierStorageRedundancy"]) {
        Some(r) if r.eq_ignore_ascii_case("LocallyRedundant") => "lrs",
        Some(r) if r.eq_ignore_ascii_case("ZoneRedundant") => "zrs",
        _ => "grs",
    };
    let mut lines = Vec::new();
    ctx.used(
        &mut lines,
        "backup/vm/medium",
        instances,
        format!("assumed {instances} protected VM(s) of 50-500 GB (assumption backup_protected_instances)"),
    )?;
    ctx.used(
        &mut lines,
        &format!("backup/storage/{redundancy}"),
        gb,
        format!("assumed {gb} GB of backup storage (assumption backup_storage_gb)"),
    )?;
    Ok(lines)
}

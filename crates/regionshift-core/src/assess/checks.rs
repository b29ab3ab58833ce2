//! The checks behind the rules: each reads one resource, asks the catalog, and yields
//! findings with the catalog's evidence, or records the input it needed and did not have.
//!
//! Order per resource: retirements (every target), the target region's restriction, the
//! type, then (when the type is offered) its kind, size, priority, SKUs and zones. An
//! aspect that is retired is not checked for availability again.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

use super::{rule, Evidence, Finding, MissingInput};
use crate::azure::regions::{self, Cloud};
use crate::azure::{Location, ResourceId};
use crate::catalog::{Answer, Catalog, Offer, RegionNotice, Retirement, RetirementMatch, SkuKind};
use crate::inventory::{Inventory, Resource};
use crate::units::Date;

/// What every check may read besides the resource.
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    /// The whole estate: a reference to a resource in it moves along; one outside it
    /// stays behind.
    pub inventory: &'a Inventory,
    pub target: &'a Location,
    pub target_cloud: Option<Cloud>,
    pub crosses_clouds: bool,
    /// Retirement dates on or before this day are past.
    pub on: Date,
    /// The target region's restriction and its evidence, looked up once.
    pub notice: Option<(&'a RegionNotice, Arc<Answer>)>,
    /// The closest offered sizes to each VM size the target lacks, by size as written:
    /// estates repeat a few sizes, and finding the closest ones reads every size of the
    /// region.
    closest_sizes: RefCell<HashMap<String, Vec<String>>>,
}

impl<'a> Context<'a> {
    /// The context of an assessment of the inventory for the target; `crosses_clouds`
    /// says whether the move crosses clouds (`super::crosses_clouds`).
    pub fn new(
        catalog: &'a Catalog,
        inventory: &'a Inventory,
        target: &'a Location,
        on: Date,
        crosses_clouds: bool,
    ) -> Context<'a> {
        Context {
            catalog,
            inventory,
            target,
            target_cloud: regions::region(target).map(|r| r.cloud),
            crosses_clouds,
            on,
            notice: catalog.region_notice(target).map(|notice| (notice, Arc::new(notice.answer()))),
            closest_sizes: RefCell::new(HashMap::new()),
        }
    }

    /// The closest offered sizes to one the target lacks, as alternatives.
    fn closest_sizes(&self, size: &str) -> Vec<String> {
        if let Some(known) = self.closest_sizes.borrow().get(size) {
            return known.clone();
        }
        let closest: Vec<String> = self
            .catalog
            .closest_vm_sizes(self.target, size, 3)
            .into_iter()
            .map(|s| format!("{} ({} vCPU, {} GiB)", s.name, s.vcpus, s.memory_gib))
            .collect();
        self.closest_sizes.borrow_mut().insert(size.to_string(), closest.clone());
        closest
    }
}

/// The retirements concerning each (lowercased) type of the estate, looked up once: they
/// concern every target alike.
pub fn retirements_by_type<'a>(catalog: &'a Catalog, inventory: &'a Inventory) -> HashMap<String, Vec<&'a Retirement>> {
    let mut retirements: HashMap<String, Vec<&'a Retirement>> = HashMap::new();
    for resource in &inventory.resources {
        let key = resource.resource_type.key();
        if !retirements.contains_key(key) {
            retirements.insert(key.to_string(), catalog.retirements(&resource.resource_type).collect());
        }
    }
    retirements
}

/// What the checks of one resource read that does not depend on the target: the
/// retirements of its type, and what is worked out from its properties the first time a
/// check needs it (parsing them, looking for global endpoints in them). An assessment for
/// several targets shares it between the targets.
pub struct Shared<'a> {
    /// The resource's name and type, as its assessments and findings name it.
    pub name: Arc<str>,
    pub resource_type: Arc<str>,
    retirements: &'a [&'a Retirement],
    properties: OnceCell<Option<Value>>,
    names_global_endpoint: OnceCell<bool>,
    configured_endpoint: OnceCell<Option<(String, String)>>,
}

impl<'a> Shared<'a> {
    /// Nothing worked out yet, for a resource whose type has these retirements.
    pub fn new(resource: &Resource, retirements: &'a [&'a Retirement]) -> Shared<'a> {
        Shared {
            name: Arc::from(resource.name.as_str()),
            resource_type: Arc::from(resource.resource_type.as_str()),
            retirements,
            properties: OnceCell::new(),
            names_global_endpoint: OnceCell::new(),
            configured_endpoint: OnceCell::new(),
        }
    }
}

/// The findings of one resource, and what input was missing.
#[derive(Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub missing: Vec<MissingInput>,
}

const PROPERTIES_HINT: &str = "export with Resource Graph including properties (see the export kit: az graph query -q \"Resources | project id, name, type, location, sku, zones, properties, ...\")";
const SKU_HINT: &str =
    "export with Resource Graph or az resource list, which carry the sku block; the portal CSV does not";

/// How to get a missing field into the export.
pub fn how_to_export(field: &str) -> &'static str {
    if field.starts_with("catalog") {
        "load az provider list and az vm list-skus output taken in the target cloud (the catalog panel, or --catalog)"
    } else if field.starts_with("properties") {
        PROPERTIES_HINT
    } else if field.starts_with("sku") {
        SKU_HINT
    } else {
        "export with Resource Graph (see the export kit), which carries location, sku, zones and properties"
    }
}

struct Check<'r, 'c> {
    resource: &'r Resource,
    context: &'c Context<'c>,
    shared: &'r Shared<'r>,
    properties: Option<&'r Value>,
    /// The export had properties, whether or not they were parsed.
    has_properties: bool,
    outcome: Outcome,
    /// The fields of retirements that apply and are past (`type` for a whole type).
    retired: Vec<String>,
}

/// Runs every check that applies to the resource. `properties` holds the resource's
/// properties once parsed: the first check that needs them parses them, and an
/// assessment for several targets shares them (they do not depend on the target).
pub fn check<'r>(resource: &'r Resource, context: &Context<'_>, shared: &'r Shared<'r>) -> Outcome {
    let type_key = resource.resource_type.key();
    // Parsing properties is the costliest step: only the checks that read them pay it.
    let cross_cloud = context.crosses_clouds && context.target_cloud.is_some();
    let needs_properties = TYPES_READING_PROPERTIES.contains(&type_key)
        || shared
            .retirements
            .iter()
            .any(|retirement| retirement.fields().any(|field| field.starts_with("properties.")))
        || (cross_cloud
            && resource
                .properties
                .as_ref()
                .is_some_and(|p| *shared.names_global_endpoint.get_or_init(|| names_global_endpoint(p.get()))));
    let properties =
        if needs_properties { shared.properties.get_or_init(|| resource.properties_value()).as_ref() } else { None };
    let has_properties = resource.properties.is_some();
    let mut check = Check {
        resource,
        context,
        shared,
        properties,
        has_properties,
        outcome: Outcome::default(),
        retired: Vec::new(),
    };
    check.retirements();
    check.region_notice();
    let offered = !check.is_retired("type") && check.type_offered();
    if offered {
        check.api_version();
        check.kind_offered();
        match type_key {
            "microsoft.compute/virtualmachines" => {
                check.vm_size_at("properties.hardwareProfile.vmSize", &["hardwareProfile", "vmSize"]);
                check.vm_image(&["storageProfile", "imageReference"], "properties.storageProfile.imageReference");
                check.priority(&["priority"], "properties.priority", &["hardwareProfile", "vmSize"]);
            }
            "microsoft.compute/virtualmachinescalesets" => {
                check.vm_size_from_sku();
                check.vm_image(
                    &["virtualMachineProfile", "storageProfile", "imageReference"],
                    "properties.virtualMachineProfile.storageProfile.imageReference",
                );
                check.priority(
                    &["virtualMachineProfile", "priority"],
                    "properties.virtualMachineProfile.priority",
                    &[],
                );
            }
            "microsoft.containerservice/managedclusters" => check.aks_pools(),
            "microsoft.containerservice/managedclusters/agentpools" => {
                check.vm_size_at("properties.vmSize", &["vmSize"]);
                check.priority(&["scaleSetPriority"], "properties.scaleSetPriority", &["vmSize"]);
            }
            "microsoft.compute/disks" => check.sku_named(SkuKind::ManagedDisk, "disk-sku-offered", "managed disk SKU"),
            "microsoft.storage/storageaccounts" => check.storage(),
            "microsoft.sql/servers/databases" => check.sql_database(),
            "microsoft.sql/servers/elasticpools" => check.sql_database(),
            "microsoft.web/serverfarms" => {
                check.sku_named(SkuKind::AppServicePlan, "app-service-tier-offered", "App Service plan tier")
            }
            "microsoft.cache/redis" => check.property_sku(&REDIS_SKU),
            "microsoft.keyvault/vaults" => check.property_sku(&KEY_VAULT_SKU),
            "microsoft.network/applicationgateways" => check.property_sku(&APP_GATEWAY_SKU),
            "microsoft.network/azurefirewalls" => check.property_sku(&FIREWALL_SKU),
            "microsoft.documentdb/databaseaccounts" => check.cosmos(),
            _ => {}
        }
        check.zones();
    }
    if cross_cloud {
        check.cross_cloud(type_key);
    }
    check.outcome
}

/// The SKU paths whose retirement makes the SKU's availability moot.
/// What a finding whose remediation points to an alternative says when the catalog names
/// none.
const NO_ALTERNATIVE: &str = " No alternative is named: the catalog knows no service in the target that \
     replaces it like for like, so the choice is between keeping it where it is offered and redesigning \
     without it.";

const SKU_FIELDS: [&str; 4] = ["sku.name", "sku.tier", "properties.sku.name", "properties.sku.tier"];

impl Check<'_, '_> {
    fn finding(&mut self, rule_name: &str, path: &str, value: &str, message: String, alternatives: Vec<String>) {
        self.push(rule_name, path, value, message, alternatives, None);
    }

    /// A finding resting on the catalog's answer, which it carries as its sources.
    fn push(
        &mut self,
        rule_name: &str,
        path: &str,
        value: &str,
        message: String,
        alternatives: Vec<String>,
        sources: Option<Arc<Answer>>,
    ) {
        let rule = rule(rule_name);
        self.outcome.findings.push(Finding {
            rule: rule.id,
            rule_name: rule.name,
            severity: rule.severity,
            category: rule.category,
            resource: self.resource.id.clone(),
            resource_name: Arc::clone(&self.shared.name),
            resource_type: Arc::clone(&self.shared.resource_type),
            evidence: Evidence { path: path.to_string(), value: value.to_string() },
            message,
            remediation: rule.remediation,
            alternatives,
            doc: rule.doc,
            sources,
        });
    }

    /// Records an Unknown answer: the input the check lacked, and, when some source
    /// spoke without deciding, an informational finding showing what they said.
    fn unknown(
        &mut self,
        rule_name: &str,
        field: &'static str,
        what: &str,
        path: &str,
        value: &str,
        answer: Arc<Answer>,
    ) {
        self.missing(rule_name, field);
        if answer.statements.is_empty() {
            return;
        }
        let message = format!(
            "Whether {what} is offered in {} is Unknown: {}. No source, no verdict; load az provider list or az vm list-skus taken in the target cloud to decide it.",
            self.target_name(),
            answer.summary()
        );
        self.push("availability-unknown", path, value, message, Vec::new(), Some(answer));
    }

    fn is_retired(&self, field: &str) -> bool {
        self.retired.iter().any(|f| f == field)
    }

    fn missing(&mut self, rule_name: &str, field: &'static str) {
        let rule = rule(rule_name);
        let entry = MissingInput { field, rule: rule.id };
        if !self.outcome.missing.contains(&entry) {
            self.outcome.missing.push(entry);
        }
    }

    fn target_name(&self) -> String {
        regions::display_name(self.context.target)
    }

    /// The value at a path under `properties`, or `None` with the reason recorded as
    /// missing input when the export had no properties at all.
    fn property<'v>(&'v self, path: &[&str]) -> Option<&'v Value> {
        let mut value = self.properties?;
        for key in path {
            value = get_ignoring_case(value, key)?;
        }
        Some(value)
    }

    fn has_properties(&self) -> bool {
        self.has_properties
    }

    /// The retirements of the resource's type that apply to it: past ones are Not ready
    /// (and their aspect is not checked again), later ones a condition naming the date.
    fn retirements(&mut self) {
        let resource_type = self.resource.resource_type.clone();
        let matches: Vec<(&Retirement, RetirementMatch)> = self
            .shared
            .retirements
            .iter()
            .map(|retirement| (*retirement, retirement.matches(&|field| self.field(field))))
            .filter(|(_, found)| *found != RetirementMatch::No)
            .collect();
        let mut reported: Vec<String> = Vec::new();
        for (retirement, found) in matches {
            let retired = retirement.retired_on(self.context.on);
            let rule_name = match (&retirement.rule, retired && !retirement.condition_only) {
                (Some(rule), true) => rule.as_str(),
                (None, true) => "retired",
                (_, false) => "retiring",
            };
            let (field, value) = match found {
                RetirementMatch::Yes { field, value } => (field, value),
                RetirementMatch::CannotTell { field } => {
                    if let Some(field) = MISSING_FIELDS.iter().find(|f| **f == field) {
                        self.missing(rule_name, field);
                    }
                    continue;
                }
                RetirementMatch::No => continue,
            };
            // One finding per aspect: the most specific row comes first in the table.
            let aspect = if SKU_FIELDS.contains(&field.as_str()) { "sku".to_string() } else { field.clone() };
            if reported.contains(&aspect) {
                continue;
            }
            reported.push(aspect.clone());
            let (path, value) = if field == "type" {
                ("type".to_string(), resource_type.as_str().to_string())
            } else if field == "vmSize" {
                (self.vm_size_path().to_string(), value)
            } else {
                (field.clone(), value)
            };
            let instead = retirement.replacement.as_ref().map(|r| format!(" Use {r} instead.")).unwrap_or_default();
            let message = match (retired, retirement.condition_only) {
                (true, false) => format!("{} ({path} {value}): retired on {}.{instead}", retirement.service, retirement.date),
                (true, true) => format!(
                    "{} ({path} {value}): standard support ended on {}; it runs only with paid extended support.{instead}",
                    retirement.service, retirement.date
                ),
                (false, _) => format!(
                    "{} ({path} {value}): retires on {}; plan the change before then.{instead}",
                    retirement.service, retirement.date
                ),
            };
            let alternatives = retirement.replacement.iter().cloned().collect();
            let answer = Arc::new(retirement.answer(self.context.on));
            let shown = if value.is_empty() { resource_type.as_str().to_string() } else { value.clone() };
            self.push(rule_name, &path, &shown, message, alternatives, Some(answer));
            if retired && !retirement.condition_only {
                self.retired.push(aspect);
            }
        }
    }

    /// A field the retirement table reads: `None` when the export cannot tell.
    fn field(&self, field: &str) -> Option<Vec<String>> {
        let resource = self.resource;
        let one = |value: Option<&String>| Some(value.map(|v| vec![v.clone()]).unwrap_or_default());
        match field {
            "kind" => resource.kind.as_ref().map(|kind| vec![kind.clone()]),
            "sku.name" => resource.sku.as_ref().map(|sku| sku.name.clone().into_iter().collect()),
            "sku.tier" => resource.sku.as_ref().map(|sku| sku.tier.clone().into_iter().collect()),
            "plan.product" => {
                let plan = resource.plan.as_ref()?;
                let value: Value = serde_json::from_str(plan.get()).ok()?;
                one(get_ignoring_case(&value, "product").and_then(Value::as_str).map(str::to_string).as_ref())
            }
            "vmSize" => {
                let key = resource.resource_type.key();
                if key == "microsoft.compute/virtualmachinescalesets" {
                    return resource.sku.as_ref().map(|sku| sku.name.clone().into_iter().collect());
                }
                self.properties?;
                let sizes: Vec<String> = match key {
                    "microsoft.compute/virtualmachines" => self
                        .property(&["hardwareProfile", "vmSize"])
                        .and_then(Value::as_str)
                        .map(str::to_string)
                        .into_iter()
                        .collect(),
                    "microsoft.containerservice/managedclusters/agentpools" => {
                        self.property(&["vmSize"]).and_then(Value::as_str).map(str::to_string).into_iter().collect()
                    }
                    "microsoft.containerservice/managedclusters" => self
                        .property(&["agentPoolProfiles"])
                        .and_then(Value::as_array)
                        .map(|pools| {
                            pools
                                .iter()
                                .filter_map(|p| get_ignoring_case(p, "vmSize")?.as_str().map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default(),
                    _ => Vec::new(),
                };
                Some(sizes)
            }
            _ => {
                let path = field.strip_prefix("properties.")?;
                self.properties?;
                let keys: Vec<&str> = path.split('.').collect();
                Some(match self.property(&keys) {
                    Some(Value::String(text)) => vec![text.clone()],
                    Some(Value::Number(number)) => vec![number.to_string()],
                    Some(Value::Bool(flag)) => vec![flag.to_string()],
                    _ => Vec::new(),
                })
            }
        }
    }

    /// Where the resource names its VM size.
    fn vm_size_path(&self) -> &'static str {
        match self.resource.resource_type.key() {
            "microsoft.compute/virtualmachinescalesets" => "sku.name",
            "microsoft.containerservice/managedclusters/agentpools" => "properties.vmSize",
            "microsoft.containerservice/managedclusters" => "properties.agentPoolProfiles[].vmSize",
            _ => "properties.hardwareProfile.vmSize",
        }
    }

    /// The target region's restriction (access by request, or an announced retirement),
    /// once per resource that lives in a region.
    fn region_notice(&mut self) {
        // Only what is deployed into a region: not global or location-less resources.
        if self.resource.location.as_ref().is_none_or(Location::is_global) {
            return;
        }
        let Some((notice, answer)) = self.context.notice.clone() else { return };
        if notice.access_restricted {
            let how = notice.how_to_request_access.as_deref().unwrap_or("");
            let message = format!("{} {how}", notice.restriction).trim().to_string();
            self.push(
                "region-access-restricted",
                "location",
                notice.region.as_str(),
                message,
                Vec::new(),
                Some(answer),
            );
        } else {
            let confirmed = if notice.confirmed { "" } else { " (a single source, not confirmed by a second)" };
            let date = notice.date.as_deref().unwrap_or("a date not given");
            let message = format!(
                "A retirement of {} on {date} was announced{confirmed}. {}",
                notice.display_name, notice.restriction
            );
            let alternatives = notice.alternative.iter().cloned().collect();
            self.push(
                "region-retirement-announced",
                "location",
                notice.region.as_str(),
                message,
                alternatives,
                Some(answer),
            );
        }
    }

    fn type_offered(&mut self) -> bool {
        let catalog = self.context.catalog;
        let resource_type = &self.resource.resource_type;
        let type_text = resource_type.as_str().to_string();
        let answer = catalog.resource_type(self.context.target, resource_type);
        match answer.offer {
            Offer::Offered => true,
            Offer::NotOffered => {
                let in_china = self.context.target_cloud == Some(Cloud::AzureChinaCloud);
                match catalog.unavailable_service(resource_type).filter(|_| in_china) {
                    Some(unavailable) => {
                        let mut message = format!(
                            "{} ({}) is not offered in {} ({}).",
                            unavailable.service,
                            kind_suffix(&type_text, self.resource.kind.as_deref()),
                            self.target_name(),
                            answer.summary()
                        );
                        if unavailable.alternative.is_none() {
                            message.push_str(NO_ALTERNATIVE);
                        }
                        let alternatives = unavailable.alternative.clone().into_iter().collect();
                        self.push("service-not-in-china", "type", &type_text, message, alternatives, Some(answer));
                    }
                    None => {
                        let message = format!(
                            "{type_text} is not offered in {} ({}).{NO_ALTERNATIVE}",
                            self.target_name(),
                            answer.summary()
                        );
                        self.push("type-offered", "type", &type_text, message, Vec::new(), Some(answer));
                    }
                }
                false
            }
            Offer::Unknown => {
                self.unknown(
                    "type-offered",
                    "catalog: resource types of the target region",
                    &type_text,
                    "type",
                    &type_text,
                    answer,
                );
                false
            }
        }
    }

    /// The account or app kind, for the types whose service depends on it.
    fn kind_offered(&mut self) {
        if self.is_retired("kind") {
            return;
        }
        let catalog = self.context.catalog;
        let resource_type = &self.resource.resource_type;
        let Some(kind) = self.resource.kind.clone().filter(|k| !k.trim().is_empty()) else {
            if catalog.kind_required(resource_type) {
                self.missing("kind-offered", "kind");
            }
            return;
        };
        let Some(answer) = catalog.kind(self.context.target, resource_type, &kind) else { return };
        let service = catalog.kind_service(resource_type, &kind).unwrap_or(&kind).to_string();
        let what = format!("{service} ({}, kind {kind})", resource_type.as_str());
        match answer.offer {
            Offer::Offered => {}
            Offer::NotOffered => {
                let message = format!("{what} is not offered in {} ({}).", self.target_name(), answer.summary());
                self.push("kind-offered", "kind", &kind, message, Vec::new(), Some(answer));
            }
            Offer::Unknown => {
                self.unknown("kind-offered", "catalog: kinds of the target region", &what, "kind", &kind, answer)
            }
        }
    }

    /// Spot (or low) priority for a VM, scale set or node pool.
    fn priority(&mut self, keys: &[&str], path: &str, size_keys: &[&str]) {
        let Some(priority) = self.property(keys).and_then(Value::as_str).map(str::to_string) else { return };
        if priority.eq_ignore_ascii_case("Regular") {
            return;
        }
        let size = if size_keys.is_empty() {
            self.resource.sku.as_ref().and_then(|s| s.name.clone())
        } else {
            self.property(size_keys).and_then(Value::as_str).map(str::to_string)
        };
        self.spot(&priority, size.as_deref(), path);
    }

    fn spot(&mut self, priority: &str, size: Option<&str>, path: &str) {
        let answer = self.context.catalog.vm_priority(self.context.target, priority, size);
        let what = format!("{priority} priority (Azure Spot)");
        match answer.offer {
            Offer::Offered => {}
            Offer::NotOffered => {
                let message = format!("{what} is not offered in {} ({}).", self.target_name(), answer.summary());
                self.push("spot-offered", path, priority, message, vec!["Regular priority".into()], Some(answer));
            }
            Offer::Unknown => {
                self.unknown("spot-offered", "catalog: Spot VMs in the target region", &what, path, priority, answer)
            }
        }
    }

    fn api_version(&mut self) {
        let Some(version) = self.resource.api_version.clone() else { return };
        let Some(known) = self.context.catalog.api_versions(self.context.target, &self.resource.resource_type) else {
            return;
        };
        if !known.iter().any(|v| v.eq_ignore_ascii_case(&version)) {
            let newest: Vec<String> = known.iter().take(3).cloned().collect();
            let message = format!(
                "The template deploys {} with API version {version}, which {} does not list.",
                self.resource.resource_type,
                self.target_name()
            );
            self.finding("api-version-known", "apiVersion", &version, message, newest);
        }
    }

    fn vm_size_at(&mut self, path: &'static str, keys: &[&str]) {
        if !self.has_properties() {
            self.missing("vm-size-offered", path);
            return;
        }
        match self.property(keys).and_then(Value::as_str).map(str::to_string) {
            Some(size) => self.vm_size(&size, path),
            None => self.missing("vm-size-offered", path),
        }
    }

    fn vm_size_from_sku(&mut self) {
        match self.resource.sku.as_ref().and_then(|s| s.name.clone()) {
            Some(size) => self.vm_size(&size, "sku.name"),
            None => self.missing("vm-size-offered", "sku.name"),
        }
    }

    fn vm_size(&mut self, size: &str, path: &str) {
        if self.is_retired("vmSize") {
            return;
        }
        let answer = self.context.catalog.vm_size(self.context.target, size);
        match answer.offer {
            Offer::Offered => {}
            Offer::NotOffered => {
                let alternatives = self.context.closest_sizes(size);
                let message = if alternatives.is_empty() && self.context.catalog.vm_size_spec(size).is_none() {
                    format!(
                        "VM size {size} is not offered in {} ({}); its specs are unknown to the catalog, so no alternative is suggested.",
                        self.target_name(),
                        answer.summary()
                    )
                } else {
                    format!("VM size {size} is not offered in {} ({}).", self.target_name(), answer.summary())
                };
                self.push("vm-size-offered", path, size, message, alternatives, Some(answer));
            }
            Offer::Unknown => {
                let what = format!("VM size {size}");
                self.unknown("vm-size-offered", "catalog: VM sizes of the target region", &what, path, size, answer)
            }
        }
    }

    fn aks_pools(&mut self) {
        if !self.has_properties() {
            self.missing("vm-size-offered", "properties.agentPoolProfiles[].vmSize");
            return;
        }
        let pools: Vec<(Option<String>, Option<String>)> = self
            .property(&["agentPoolProfiles"])
            .and_then(Value::as_array)
            .map(|pools| {
                let text = |pool: &Value, key: &str| get_ignoring_case(pool, key)?.as_str().map(str::to_string);
                pools.iter().map(|pool| (text(pool, "vmSize"), text(pool, "scaleSetPriority"))).collect()
            })
            .unwrap_or_default();
        for (size, priority) in pools {
            if let Some(size) = &size {
                self.vm_size(size, "properties.agentPoolProfiles[].vmSize");
            }
            if let Some(priority) = priority.filter(|p| !p.eq_ignore_ascii_case("Regular")) {
                self.spot(&priority, size.as_deref(), "properties.agentPoolProfiles[].scaleSetPriority");
            }
        }
    }

    fn vm_image(&mut self, keys: &[&str], path: &'static str) {
        if !self.has_properties() {
            self.missing("vm-image-offered", path);
            return;
        }
        let Some(image) = self.property(keys).cloned() else { return };
        let field = |key: &str| get_ignoring_case(&image, key).and_then(Value::as_str).map(str::to_string);
        if let Some(id) = field("id") {
            let message = format!(
                "The VM is built from a custom or gallery image ({id}); the image must exist in {} before the VM can be recreated there.",
                self.target_name()
            );
            self.finding("vm-image-offered", &format!("{path}.id"), &id, message, Vec::new());
            return;
        }
        let (Some(publisher), Some(offer), Some(sku)) = (field("publisher"), field("offer"), field("sku")) else {
            return;
        };
        if self.context.target_cloud == Some(Cloud::AzureChinaCloud)
            && !CHINA_IMAGE_PUBLISHERS.iter().any(|p| p.eq_ignore_ascii_case(&publisher))
        {
            let message = format!(
                "Image {publisher}:{offer}:{sku} comes from a publisher whose images are not known to be in the Azure China marketplace."
            );
            self.finding("vm-image-offered", path, &format!("{publisher}:{offer}:{sku}"), message, Vec::new());
        }
    }

    fn zones(&mut self) {
        if self.resource.zones.is_empty() {
            return;
        }
        match self.context.catalog.zones(self.context.target) {
            Some(zones) => {
                let missing: Vec<&String> = self.resource.zones.iter().filter(|z| !zones.contains(z)).collect();
                if let Some(first) = missing.first() {
                    let answer = self.context.catalog.zone(self.context.target, first);
                    let used = self.resource.zones.join(", ");
                    let message = if zones.is_empty() {
                        format!(
                            "The resource is pinned to zone(s) {used}; {} has no availability zones.",
                            self.target_name()
                        )
                    } else {
                        format!(
                            "The resource uses zone(s) {used}; {} offers zones {}.",
                            self.target_name(),
                            zones.join(", ")
                        )
                    };
                    self.push("zones-offered", "zones", &used, message, Vec::new(), Some(answer));
                }
            }
            None => self.missing("zones-offered", "catalog: zones of the target region"),
        }
    }

    fn sku_named(&mut self, kind: SkuKind, rule_name: &'static str, what: &str) {
        if self.is_retired("sku") {
            return;
        }
        match self.resource.sku.as_ref().and_then(|s| s.name.clone()) {
            Some(name) => self.sku_offered(kind, rule_name, what, "sku.name", &name),
            None => self.missing(rule_name, "sku.name"),
        }
    }

    fn sku_offered(&mut self, kind: SkuKind, rule_name: &'static str, what: &str, path: &str, name: &str) {
        let answer = self.context.catalog.sku(self.context.target, kind, name);
        match answer.offer {
            Offer::Offered => {}
            Offer::NotOffered => {
                let message =
                    format!("The {what} {name} is not offered in {} ({}).", self.target_name(), answer.summary());
                self.push(rule_name, path, name, message, Vec::new(), Some(answer));
            }
            Offer::Unknown => {
                let what = format!("the {what} {name}");
                self.unknown(rule_name, "catalog: SKUs of the target region", &what, path, name, answer)
            }
        }
    }

    fn storage(&mut self) {
        if self.is_retired("kind") || self.is_retired("sku") {
            return;
        }
        match self.resource.sku.as_ref().and_then(|s| s.name.clone()) {
            Some(name) => {
                // Storage SKU names are {tier}_{redundancy}: Standard_RAGZRS, Premium_ZRS.
                let redundancy = name.rsplit('_').next().unwrap_or(&name).to_string();
                self.sku_offered(
                    SkuKind::StorageRedundancy,
                    "storage-redundancy-offered",
                    "storage redundancy",
                    "sku.name",
                    &redundancy,
                );
            }
            None => self.missing("storage-redundancy-offered", "sku.name"),
        }
        if let Some(tier) = self.property(&["accessTier"]).and_then(Value::as_str).map(str::to_string) {
            self.sku_offered(
                SkuKind::StorageAccessTier,
                "storage-tier-offered",
                "blob access tier",
                "properties.accessTier",
                &tier,
            );
        }
    }

    fn sql_database(&mut self) {
        if self.resource.name.eq_ignore_ascii_case("master")
            || self.resource.name.to_ascii_lowercase().ends_with("/master")
        {
            return;
        }
        let sku = self.resource.sku.clone().unwrap_or_default();
        match (sku.name, sku.tier) {
            (Some(name), tier) => {
                // The service objective decides; the edition (tier) only when the
                // objective is unknown (`ElasticPool` names no objective).
                let mut answer = self.context.catalog.sku(self.context.target, SkuKind::SqlDatabase, &name);
                if answer.offer == Offer::Unknown {
                    if let Some(tier) = tier {
                        let by_tier = self.context.catalog.sku(self.context.target, SkuKind::SqlDatabase, &tier);
                        if by_tier.offer != Offer::Unknown {
                            answer = by_tier;
                        }
                    }
                }
                match answer.offer {
                    Offer::Offered => {}
                    Offer::Unknown => {
                        let what = format!("SQL service objective {name}");
                        self.unknown(
                            "sql-objective-offered",
                            "catalog: SKUs of the target region",
                            &what,
                            "sku.name",
                            &name,
                            answer,
                        )
                    }
                    Offer::NotOffered => {
                        let message = format!(
                            "SQL service objective {name} is not offered in {} ({}).",
                            self.target_name(),
                            answer.summary()
                        );
                        self.push("sql-objective-offered", "sku.name", &name, message, Vec::new(), Some(answer));
                    }
                }
            }
            (None, _) => self.missing("sql-objective-offered", "sku.name"),
        }
    }

    /// A SKU named inside `properties` (Redis, Key Vault, Application Gateway,
    /// Firewall): offered, not offered, or unknown when the export has no properties.
    fn property_sku(&mut self, sku: &PropertySku) {
        if self.is_retired("sku") {
            return;
        }
        if !self.has_properties() {
            self.missing(sku.rule, sku.path);
            return;
        }
        match self.property(sku.keys).and_then(Value::as_str).map(str::to_string) {
            Some(name) => self.sku_offered(sku.kind, sku.rule, sku.what, sku.path, &name),
            None => self.missing(sku.rule, sku.path),
        }
    }

    fn cosmos(&mut self) {
        if !self.has_properties() {
            self.missing("cosmos-capability-offered", "properties.capabilities");
            return;
        }
        let capabilities: Vec<String> = self
            .property(&["capabilities"])
            .and_then(Value::as_array)
            .map(|list| {
                list.iter().filter_map(|c| get_ignoring_case(c, "name")?.as_str().map(str::to_string)).collect()
            })
            .unwrap_or_default();
        for capability in capabilities {
            self.sku_offered(
                SkuKind::CosmosCapability,
                "cosmos-capability-offered",
                "Cosmos DB capability",
                "properties.capabilities[].name",
                &capability,
            );
        }
        if self.property(&["enableMultipleWriteLocations"]).and_then(Value::as_bool) == Some(true) {
            self.sku_offered(
                SkuKind::CosmosCapability,
                "cosmos-capability-offered",
                "Cosmos DB capability",
                "properties.enableMultipleWriteLocations",
                "EnableMultipleWriteLocations",
            );
        }
    }

    fn cross_cloud(&mut self, type_key: &str) {
        let target = self.target_name();
        if let Some(identity) = &self.resource.identity {
            let kinds = serde_json::from_str::<Value>(identity.get())
                .ok()
                .and_then(|v| get_ignoring_case(&v, "type").and_then(Value::as_str).map(str::to_string))
                .unwrap_or_else(|| "managed identity".to_string());
            if !kinds.eq_ignore_ascii_case("None") {
                let message = format!("The resource uses a managed identity ({kinds}); identities and their role assignments do not cross into {target}'s cloud and must be re-created there.");
                self.finding("cross-cloud-identity", "identity.type", &kinds, message, Vec::new());
            }
        }
        if matches!(
            type_key,
            "microsoft.authorization/roleassignments" | "microsoft.managedidentity/userassignedidentities"
        ) {
            let message = format!(
                "{} lives in the source tenant's Entra ID and must be re-created in the target cloud's tenant.",
                self.resource.resource_type
            );
            self.finding(
                "cross-cloud-identity",
                "type",
                self.resource.resource_type.as_str().to_string().as_str(),
                message,
                Vec::new(),
            );
        }
        if let Some(properties) = self.properties {
            let shared = self.shared;
            let found = shared.configured_endpoint.get_or_init(|| {
                let mut found = None;
                find_configured_endpoint(properties, &mut vec!["properties".to_string()], &mut found);
                found
            });
            if let Some((path, text)) = found {
                let lower = text.to_ascii_lowercase();
                let alternatives = GLOBAL_ENDPOINTS
                    .iter()
                    .filter(|(g, _)| lower.contains(g))
                    .map(|(g, c)| format!("{g} → {c}"))
                    .collect();
                let message = format!(
                    "The configuration names a global Azure endpoint ({text}), which does not exist in {target}'s cloud."
                );
                self.finding("cross-cloud-endpoints", path, text, message, alternatives);
            }
        }
        if self.context.target_cloud == Some(Cloud::AzureChinaCloud) {
            if let Some(domain) = self.custom_domain(type_key) {
                let message = format!(
                    "The custom domain {domain} will be served from Azure China, which requires an ICP filing."
                );
                self.finding("cross-cloud-icp", "properties.hostNames", &domain, message, Vec::new());
            }
        }
        // Peering and replication are re-created inside the target cloud when both ends
        // move; a peer that stays behind would have to be reached across clouds.
        let remote_peers: Vec<String> = match type_key {
            "microsoft.network/virtualnetworks" => self
                .property(&["virtualNetworkPeerings"])
                .and_then(Value::as_array)
                .map(|peerings| {
                    peerings
                        .iter()
                        .filter_map(|p| {
                            let properties = get_ignoring_case(p, "properties").unwrap_or(p);
                            let remote = get_ignoring_case(properties, "remoteVirtualNetwork")?;
                            get_ignoring_case(remote, "id")?.as_str().map(str::to_string)
                        })
                        .collect()
                })
                .unwrap_or_default(),
            "microsoft.network/virtualnetworks/virtualnetworkpeerings" => self
                .property(&["remoteVirtualNetwork", "id"])
                .and_then(Value::as_str)
                .map(|id| vec![id.to_string()])
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let staying: Vec<String> = remote_peers
            .into_iter()
            .filter(|id| ResourceId::parse(id).map_or(true, |id| self.context.inventory.get(&id.top_level()).is_none()))
            .collect();
        if !staying.is_empty() {
            let message = format!(
                "The virtual network is peered with {} network(s) outside this estate; peering cannot span the source cloud and {target}'s cloud.",
                staying.len()
            );
            self.finding(
                "cross-cloud-connectivity",
                "properties.virtualNetworkPeerings[].remoteVirtualNetwork.id",
                &staying.join(", "),
                message,
                vec![
                    "VPN gateway connection between the clouds".into(),
                    "add the peer to the estate being moved".into(),
                ],
            );
        }
        if self.resource.plan.is_some() {
            let plan = self.resource.plan.as_ref().map(|p| p.get().to_string()).unwrap_or_default();
            let message = "The resource was bought through the marketplace (plan); the offer must exist in the target cloud's marketplace.".to_string();
            self.finding("cross-cloud-marketplace", "plan", &plan, message, Vec::new());
        }
    }

    fn custom_domain(&self, type_key: &str) -> Option<String> {
        match type_key {
            "microsoft.web/sites" | "microsoft.web/sites/slots" => self
                .property(&["hostNames"])
                .and_then(Value::as_array)?
                .iter()
                .filter_map(Value::as_str)
                .find(|host| !host.to_ascii_lowercase().ends_with(".azurewebsites.net"))
                .map(str::to_string),
            "microsoft.network/dnszones" => Some(self.resource.name.clone()),
            _ => None,
        }
    }
}

/// Where a resource type names its SKU inside `properties`, and the rule checking it.
struct PropertySku {
    kind: SkuKind,
    rule: &'static str,
    what: &'static str,
    path: &'static str,
    keys: &'static [&'static str],
}

const REDIS_SKU: PropertySku = PropertySku {
    kind: SkuKind::Redis,
    rule: "redis-tier-offered",
    what: "Redis tier",
    path: "properties.sku.name",
    keys: &["sku", "name"],
};

const KEY_VAULT_SKU: PropertySku = PropertySku {
    kind: SkuKind::KeyVault,
    rule: "key-vault-sku-offered",
    what: "Key Vault SKU",
    path: "properties.sku.name",
    keys: &["sku", "name"],
};

const APP_GATEWAY_SKU: PropertySku = PropertySku {
    kind: SkuKind::ApplicationGateway,
    rule: "app-gateway-sku-offered",
    what: "Application Gateway SKU",
    path: "properties.sku.name",
    keys: &["sku", "name"],
};

const FIREWALL_SKU: PropertySku = PropertySku {
    kind: SkuKind::Firewall,
    rule: "firewall-sku-offered",
    what: "Azure Firewall SKU",
    path: "properties.sku.tier",
    keys: &["sku", "tier"],
};

fn kind_suffix(type_text: &str, kind: Option<&str>) -> String {
    match kind {
        Some(kind) => format!("{type_text}, kind {kind}"),
        None => type_text.to_string(),
    }
}

/// Looks a key up in an object ignoring ASCII case, as Azure treats property names.
fn get_ignoring_case<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    let object = value.as_object()?;
    object.get(key).or_else(|| object.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v))
}

/// Finds the first string naming a global endpoint in configuration, skipping the
/// endpoints Azure computes for the resource itself (they change on their own when the
/// resource is re-created in the target cloud).
fn find_configured_endpoint(value: &Value, path: &mut Vec<String>, found: &mut Option<(String, String)>) {
    if found.is_some() {
        return;
    }
    match value {
        Value::String(text) if names_global_endpoint(text) => *found = Some((path.join(""), text.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(format!("[{i}]"));
                find_configured_endpoint(item, path, found);
                path.pop();
            }
        }
        Value::Object(object) => {
            for (key, item) in object {
                if COMPUTED_ENDPOINT_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key)) {
                    continue;
                }
                path.push(format!(".{key}"));
                find_configured_endpoint(item, path, found);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Does the text name a global Azure endpoint? Endpoints are written in lower case
/// nearly always, so the common case costs no allocation.
fn names_global_endpoint(text: &str) -> bool {
    if GLOBAL_ENDPOINTS.iter().any(|(global, _)| text.contains(global)) {
        return true;
    }
    text.bytes().any(|b| b.is_ascii_uppercase()) && {
        let lower = text.to_ascii_lowercase();
        GLOBAL_ENDPOINTS.iter().any(|(global, _)| lower.contains(global))
    }
}

/// The fields whose absence from the export leaves a retirement check without its input.
const MISSING_FIELDS: [&str; 3] = ["kind", "sku.name", "sku.tier"];

/// Resource types whose checks read `properties`.
const TYPES_READING_PROPERTIES: [&str; 15] = [
    "microsoft.web/sites",
    "microsoft.web/sites/slots",
    "microsoft.compute/virtualmachines",
    "microsoft.compute/virtualmachinescalesets",
    "microsoft.containerservice/managedclusters",
    "microsoft.containerservice/managedclusters/agentpools",
    "microsoft.compute/virtualmachines/extensions",
    "microsoft.storage/storageaccounts",
    "microsoft.cache/redis",
    "microsoft.keyvault/vaults",
    "microsoft.network/applicationgateways",
    "microsoft.network/azurefirewalls",
    "microsoft.documentdb/databaseaccounts",
    "microsoft.network/virtualnetworks",
    "microsoft.network/virtualnetworks/virtualnetworkpeerings",
];

/// Properties in which Azure reports a resource's own endpoints.
const COMPUTED_ENDPOINT_KEYS: [&str; 14] = [
    "primaryEndpoints",
    "secondaryEndpoints",
    "defaultHostName",
    "hostNames",
    "enabledHostNames",
    "hostNameSslStates",
    "fullyQualifiedDomainName",
    "loginServer",
    "vaultUri",
    "documentEndpoint",
    "serviceBusEndpoint",
    "dataEndpointHostNames",
    "endpoint",
    "repositoryUrl",
];

/// Image publishers whose images the Azure China marketplace carries.
const CHINA_IMAGE_PUBLISHERS: [&str; 9] = [
    "Canonical",
    "MicrosoftWindowsServer",
    "MicrosoftWindowsDesktop",
    "MicrosoftSQLServer",
    "OpenLogic",
    "RedHat",
    "SUSE",
    "Debian",
    "microsoft-aks",
];

/// Global Azure endpoint suffixes and their Azure China forms.
const GLOBAL_ENDPOINTS: [(&str, &str); 9] = [
    (".core.windows.net", ".core.chinacloudapi.cn"),
    (".database.windows.net", ".database.chinacloudapi.cn"),
    (".vault.azure.net", ".vault.azure.cn"),
    (".azurewebsites.net", ".chinacloudsites.cn"),
    (".azurecr.io", ".azurecr.cn"),
    ("login.microsoftonline.com", "login.chinacloudapi.cn"),
    ("management.azure.com", "management.chinacloudapi.cn"),
    (".documents.azure.com", ".documents.azure.cn"),
    (".servicebus.windows.net", ".servicebus.chinacloudapi.cn"),
];

//! The checks behind the rules: each reads one resource, asks the catalog, and yields
//! findings, or records the input it needed and did not have.

use serde_json::Value;

use super::{rule, Evidence, Finding, MissingInput};
use crate::azure::regions::{self, Cloud};
use crate::azure::{Location, ResourceId};
use crate::catalog::{Catalog, Offer, SkuKind};
use crate::inventory::{Inventory, Resource};

/// What every check may read besides the resource.
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    /// The whole estate: a reference to a resource in it moves along; one outside it
    /// stays behind.
    pub inventory: &'a Inventory,
    pub target: &'a Location,
    pub target_cloud: Option<Cloud>,
    pub crosses_clouds: bool,
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
    properties: Option<Value>,
    /// The export had properties, whether or not they were parsed.
    has_properties: bool,
    outcome: Outcome,
}

/// Runs every check that applies to the resource.
pub fn check(resource: &Resource, context: &Context<'_>) -> Outcome {
    let type_key = resource.resource_type.key().to_string();
    // Parsing properties is the costliest step: only the checks that read them pay it.
    let cross_cloud = context.crosses_clouds && context.target_cloud.is_some();
    let needs_properties = TYPES_READING_PROPERTIES.contains(&type_key.as_str())
        || (cross_cloud && resource.properties.as_ref().is_some_and(|p| names_global_endpoint(p.get())));
    let properties = if needs_properties { resource.properties_value() } else { None };
    let has_properties = resource.properties.is_some();
    let mut check = Check { resource, context, properties, has_properties, outcome: Outcome::default() };
    let offered = check.type_offered();
    check.legacy(&type_key);
    if offered {
        check.api_version();
        match type_key.as_str() {
            "microsoft.compute/virtualmachines" => {
                check.vm_size_at("properties.hardwareProfile.vmSize", &["hardwareProfile", "vmSize"]);
                check.vm_image(&["storageProfile", "imageReference"], "properties.storageProfile.imageReference");
            }
            "microsoft.compute/virtualmachinescalesets" => {
                check.vm_size_from_sku();
                check.vm_image(
                    &["virtualMachineProfile", "storageProfile", "imageReference"],
                    "properties.virtualMachineProfile.storageProfile.imageReference",
                );
            }
            "microsoft.containerservice/managedclusters" => check.aks_pools(),
            "microsoft.containerservice/managedclusters/agentpools" => {
                check.vm_size_at("properties.vmSize", &["vmSize"]);
            }
            "microsoft.compute/virtualmachines/extensions" => check.vm_extension(),
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
        check.cross_cloud(&type_key);
    }
    check.outcome
}

impl Check<'_, '_> {
    fn finding(&mut self, rule_name: &str, path: &str, value: &str, message: String, alternatives: Vec<String>) {
        let doc = rule(rule_name).doc.to_string();
        self.finding_with_doc(rule_name, path, value, message, alternatives, doc);
    }

    fn finding_with_doc(
        &mut self,
        rule_name: &str,
        path: &str,
        value: &str,
        message: String,
        alternatives: Vec<String>,
        doc: String,
    ) {
        let rule = rule(rule_name);
        self.outcome.findings.push(Finding {
            rule: rule.id,
            rule_name: rule.name,
            severity: rule.severity,
            category: rule.category,
            resource: self.resource.id.clone(),
            resource_name: self.resource.name.clone(),
            resource_type: self.resource.resource_type.as_str().to_string(),
            evidence: Evidence { path: path.to_string(), value: value.to_string() },
            message,
            remediation: rule.remediation.to_string(),
            alternatives,
            doc,
        });
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
        let mut value = self.properties.as_ref()?;
        for key in path {
            value = get_ignoring_case(value, key)?;
        }
        Some(value)
    }

    fn has_properties(&self) -> bool {
        self.has_properties
    }

    fn type_offered(&mut self) -> bool {
        let resource_type = &self.resource.resource_type;
        let type_text = resource_type.as_str().to_string();
        if let Some(unavailable) =
            self.context.catalog.unavailable_service(self.context.target, resource_type, self.resource.kind.as_deref())
        {
            let message = format!(
                "{} ({}) is not offered in {}.",
                unavailable.service,
                kind_suffix(&type_text, self.resource.kind.as_deref()),
                self.target_name()
            );
            let alternatives = unavailable.alternative.clone().into_iter().collect();
            let doc = unavailable.doc.clone().unwrap_or_else(|| rule("service-not-in-china").doc.to_string());
            self.finding_with_doc("service-not-in-china", "type", &type_text, message, alternatives, doc);
            return false;
        }
        match self.context.catalog.resource_type(self.context.target, resource_type) {
            Offer::Offered => true,
            Offer::NotOffered => {
                let message = format!("{type_text} is not offered in {}.", self.target_name());
                self.finding("type-offered", "type", &type_text, message, Vec::new());
                false
            }
            Offer::Unknown => {
                self.missing("type-offered", "catalog: resource types of the target region");
                false
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
        match self.context.catalog.vm_size(self.context.target, size) {
            Offer::Offered => {}
            Offer::NotOffered => {
                let alternatives: Vec<String> = self
                    .context
                    .catalog
                    .closest_vm_sizes(self.context.target, size, 3)
                    .into_iter()
                    .map(|s| format!("{} ({} vCPU, {} GiB)", s.name, s.vcpus, s.memory_gib))
                    .collect();
                let message = if alternatives.is_empty() && self.context.catalog.vm_size_spec(size).is_none() {
                    format!(
                        "VM size {size} is not offered in {}; its specs are unknown to the catalog, so no alternative is suggested.",
                        self.target_name()
                    )
                } else {
                    format!("VM size {size} is not offered in {}.", self.target_name())
                };
                self.finding("vm-size-offered", path, size, message, alternatives);
            }
            Offer::Unknown => self.missing("vm-size-offered", "catalog: VM sizes of the target region"),
        }
    }

    fn aks_pools(&mut self) {
        if !self.has_properties() {
            self.missing("vm-size-offered", "properties.agentPoolProfiles[].vmSize");
            return;
        }
        let sizes: Vec<String> = self
            .property(&["agentPoolProfiles"])
            .and_then(Value::as_array)
            .map(|pools| {
                pools.iter().filter_map(|p| get_ignoring_case(p, "vmSize")?.as_str().map(str::to_string)).collect()
            })
            .unwrap_or_default();
        for size in sizes {
            self.vm_size(&size, "properties.agentPoolProfiles[].vmSize");
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

    fn vm_extension(&mut self) {
        if !self.has_properties() {
            self.missing("vm-extension-offered", "properties.publisher");
            return;
        }
        let publisher = self.property(&["publisher"]).and_then(Value::as_str).unwrap_or("").to_string();
        let extension_type = self.property(&["type"]).and_then(Value::as_str).unwrap_or("").to_string();
        if publisher.is_empty() || extension_type.is_empty() {
            self.missing("vm-extension-offered", "properties.publisher");
            return;
        }
        if let Some((_, _, successor)) = RETIRED_EXTENSIONS
            .iter()
            .find(|(p, t, _)| p.eq_ignore_ascii_case(&publisher) && t.eq_ignore_ascii_case(&extension_type))
        {
            let message =
                format!("Extension {publisher}.{extension_type} is retired and is not deployed in new regions.");
            self.finding(
                "vm-extension-offered",
                "properties.type",
                &format!("{publisher}.{extension_type}"),
                message,
                vec![successor.to_string()],
            );
        }
    }

    fn zones(&mut self) {
        if self.resource.zones.is_empty() {
            return;
        }
        match self.context.catalog.zones(self.context.target) {
            Some(zones) => {
                let missing: Vec<&String> = self.resource.zones.iter().filter(|z| !zones.contains(z)).collect();
                if !missing.is_empty() {
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
                    self.finding("zones-offered", "zones", &used, message, Vec::new());
                }
            }
            None => self.missing("zones-offered", "catalog: zones of the target region"),
        }
    }

    fn sku_named(&mut self, kind: SkuKind, rule_name: &'static str, what: &str) {
        match self.resource.sku.as_ref().and_then(|s| s.name.clone()) {
            Some(name) => self.sku_offered(kind, rule_name, what, "sku.name", &name),
            None => self.missing(rule_name, "sku.name"),
        }
    }

    fn sku_offered(&mut self, kind: SkuKind, rule_name: &'static str, what: &str, path: &str, name: &str) {
        match self.context.catalog.sku(self.context.target, kind, name) {
            Offer::Offered => {}
            Offer::NotOffered => {
                let message = format!("The {what} {name} is not offered in {}.", self.target_name());
                self.finding(rule_name, path, name, message, Vec::new());
            }
            Offer::Unknown => self.missing(rule_name, "catalog: SKUs of the target region"),
        }
    }

    fn storage(&mut self) {
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
                let offered = self.context.catalog.sku(self.context.target, SkuKind::SqlDatabase, &name);
                let by_tier = tier.map(|t| self.context.catalog.sku(self.context.target, SkuKind::SqlDatabase, &t));
                match (offered, by_tier) {
                    (Offer::Offered, _) | (_, Some(Offer::Offered)) => {}
                    (Offer::Unknown, None | Some(Offer::Unknown)) => {
                        self.missing("sql-objective-offered", "catalog: SKUs of the target region")
                    }
                    _ => {
                        let message = format!("SQL service objective {name} is not offered in {}.", self.target_name());
                        self.finding("sql-objective-offered", "sku.name", &name, message, Vec::new());
                    }
                }
            }
            (None, _) => self.missing("sql-objective-offered", "sku.name"),
        }
    }

    /// A SKU named inside `properties` (Redis, Key Vault, Application Gateway,
    /// Firewall): offered, not offered, or unknown when the export has no properties.
    fn property_sku(&mut self, sku: &PropertySku) {
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

    fn legacy(&mut self, type_key: &str) {
        if type_key.starts_with("microsoft.classic") {
            let type_text = self.resource.resource_type.as_str().to_string();
            let message =
                format!("{type_text} is a classic (Azure Service Manager) resource; classic resources are retired.");
            self.finding(
                "classic-resource",
                "type",
                &type_text,
                message,
                vec!["the Azure Resource Manager equivalent".into()],
            );
            return;
        }
        let sku = self.resource.sku.as_ref().and_then(|s| s.name.clone());
        match (type_key, sku) {
            ("microsoft.network/publicipaddresses", Some(name)) if name.eq_ignore_ascii_case("Basic") => {
                let message = "The public IP uses the Basic SKU, retired on 30 September 2025.".to_string();
                self.finding("basic-public-ip", "sku.name", &name, message, vec!["Standard public IP".into()]);
            }
            ("microsoft.network/publicipaddresses", None) => self.missing("basic-public-ip", "sku.name"),
            ("microsoft.network/loadbalancers", Some(name)) if name.eq_ignore_ascii_case("Basic") => {
                let message = "The load balancer uses the Basic SKU, retired on 30 September 2025.".to_string();
                self.finding("basic-load-balancer", "sku.name", &name, message, vec!["Standard load balancer".into()]);
            }
            ("microsoft.network/loadbalancers", None) => self.missing("basic-load-balancer", "sku.name"),
            _ => {}
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
        if let Some(properties) = &self.properties {
            let mut found = None;
            find_configured_endpoint(properties, &mut vec!["properties".to_string()], &mut found);
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
                self.finding("cross-cloud-endpoints", &path, &text, message, alternatives);
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

/// Retired VM extensions, and what replaces them.
const RETIRED_EXTENSIONS: [(&str, &str, &str); 3] = [
    (
        "Microsoft.EnterpriseCloud.Monitoring",
        "MicrosoftMonitoringAgent",
        "Azure Monitor Agent (AzureMonitorWindowsAgent)",
    ),
    ("Microsoft.EnterpriseCloud.Monitoring", "OmsAgentForLinux", "Azure Monitor Agent (AzureMonitorLinuxAgent)"),
    ("Microsoft.Azure.Diagnostics", "LinuxDiagnostic", "Azure Monitor Agent (AzureMonitorLinuxAgent)"),
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

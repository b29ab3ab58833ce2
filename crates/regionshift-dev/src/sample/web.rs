//! Web: App Service plans, web apps with their staging slots, and function apps.

use serde_json::{json, Value};

use super::ids::{
    display, guid, id_apps, last, rid, stamp, system_identity, t_app, t_func, t_web, t_weu, tags, user_identity, APPS,
    EUS, WEU,
};
use super::monitoring::{self, insights, AI_API, AI_FUNC, AI_STOREFRONT};
use super::network::{private_endpoint, subnet};
use super::{data, Estate};

pub(super) fn storefront() -> String {
    rid(APPS, "Microsoft.Web/sites", "app-retail-storefront")
}

/// An App Service plan: SKU, tier, family, workers, kind.
#[allow(clippy::too_many_arguments)] // the columns of one plan
fn plan(
    e: &mut Estate,
    name: &str,
    location: &str,
    sku: &str,
    tier: &str,
    family: &str,
    capacity: u32,
    kind: &str,
    tags: &Value,
    reserved: bool,
    elastic: bool,
) -> String {
    let id = rid(APPS, "Microsoft.Web/serverFarms", name);
    let properties = json!({
        "serverFarmId": 0, "name": name, "workerSize": "Default", "workerSizeId": 0, "currentWorkerSize": "Default",
        "currentWorkerSizeId": 0, "currentNumberOfWorkers": capacity, "status": "Ready",
        "webSpace": format!("{APPS}-{}webspace", title(location)),
        "maximumNumberOfWorkers": if tier == "PremiumV3" { 30 } else { 10 }, "geoRegion": display(location),
        "numberOfSites": 0, "isSpot": false, "perSiteScaling": false, "elasticScaleEnabled": elastic,
        "maximumElasticWorkerCount": if elastic { 20 } else { 1 }, "numberOfWorkers": capacity, "reserved": reserved,
        "isXenon": false, "hyperV": false, "targetWorkerCount": 0, "targetWorkerSizeId": 0,
        "provisioningState": "Succeeded", "kind": kind, "zoneRedundant": tier == "PremiumV3" && capacity >= 3,
    });
    e.add(&id, "Microsoft.Web/serverFarms", location, properties)
        .kind(kind)
        .sku(json!({"name": sku, "tier": tier, "size": sku, "family": family, "capacity": capacity}))
        .tags(tags);
    id
}

/// Python's `str.title()`: each run of letters capitalised.
fn title(text: &str) -> String {
    let mut out = String::new();
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphabetic() {
            if in_word {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            in_word = true;
        } else {
            out.push(c);
            in_word = false;
        }
    }
    out
}

/// A web or function app, or a slot of one.
struct Site<'a> {
    name: &'a str,
    plan: &'a str,
    location: &'a str,
    kind: &'a str,
    runtime: &'a str,
    tags: Value,
    slot: Option<&'a str>,
    subnet: Option<&'a str>,
    insights: Option<&'a str>,
    settings: &'a [(&'a str, &'a str)],
    identity: Value,
    storage: Option<&'a str>,
}

impl<'a> Site<'a> {
    fn new(name: &'a str, plan: &'a str, location: &'a str, kind: &'a str, runtime: &'a str, tags: Value) -> Self {
        Site {
            name,
            plan,
            location,
            kind,
            runtime,
            tags,
            slot: None,
            subnet: None,
            insights: None,
            settings: &[],
            identity: Value::Null,
            storage: None,
        }
    }
}

fn site(e: &mut Estate, s: Site<'_>) -> String {
    let name = s.name;
    let site_id = rid(APPS, "Microsoft.Web/sites", name);
    let host = s.slot.map_or_else(|| name.to_string(), |slot| format!("{name}-{slot}"));
    let id = s.slot.map_or_else(|| site_id.clone(), |slot| format!("{site_id}/slots/{slot}"));
    let mut settings: Vec<Value> = s.settings.iter().map(|(k, v)| json!({"name": k, "value": v})).collect();
    if let Some(component) = s.insights {
        let key = insights(component).key;
        settings.push(
            json!({"name": "APPLICATIONINSIGHTS_CONNECTION_STRING", "value": format!("InstrumentationKey={key}")}),
        );
    }
    if let Some(storage) = s.storage {
        settings.push(json!({"name": "AzureWebJobsStorage__accountName", "value": last(storage)}));
    }
    let linux = s.kind.contains("linux");
    let functions = s.kind.contains("functionapp");
    let mut properties = json!({
        "name": s.slot.map_or_else(|| name.to_string(), |slot| format!("{name}({slot})")), "state": "Running",
        "hostNames": [format!("{host}.azurewebsites.net")], "webSpace": format!("{APPS}-EastUSwebspace"),
        "repositorySiteName": name, "usageState": "Normal", "enabled": true,
        "enabledHostNames": [format!("{host}.azurewebsites.net"), format!("{host}.scm.azurewebsites.net")],
        "availabilityState": "Normal",
        "hostNameSslStates": [{"name": format!("{host}.azurewebsites.net"), "sslState": "Disabled",
                               "hostType": "Standard"},
                              {"name": format!("{host}.scm.azurewebsites.net"), "sslState": "Disabled",
                               "hostType": "Repository"}],
        "serverFarmId": s.plan, "reserved": linux, "isXenon": false, "hyperV": false,
        "lastModifiedTimeUtc": stamp(&[&id]), "vnetRouteAllEnabled": s.subnet.is_some(),
        "siteConfig": {"numberOfWorkers": 1, "linuxFxVersion": if linux { s.runtime } else { "" },
                       "windowsFxVersion": null, "netFrameworkVersion": if linux { Value::Null } else { json!("v8.0") },
                       "alwaysOn": !functions, "http20Enabled": true, "minTlsVersion": "1.2",
                       "scmMinTlsVersion": "1.2", "ftpsState": "Disabled",
                       "functionAppScaleLimit": if functions { 200 } else { 0 }, "appSettings": settings},
        "scmSiteAlsoStopped": false, "clientAffinityEnabled": false, "clientCertEnabled": false,
        "clientCertMode": "Required", "hostNamesDisabled": false,
        "customDomainVerificationId": guid(&["cdv", name]).replace('-', "").to_uppercase().repeat(2),
        "outboundIpAddresses": "20.119.8.44,20.119.8.45,20.119.8.46",
        "possibleOutboundIpAddresses": "20.119.8.44,20.119.8.45,20.119.8.46,20.119.8.47,20.119.8.48",
        "containerSize": if functions { 1536 } else { 0 }, "dailyMemoryTimeQuota": 0, "resourceGroup": APPS,
        "defaultHostName": format!("{host}.azurewebsites.net"), "httpsOnly": true, "redundancyMode": "None",
        "publicNetworkAccess": "Enabled", "storageAccountRequired": false,
        "keyVaultReferenceIdentity": if s.identity.is_null() { "SystemAssigned".to_string() } else { id_apps() },
    });
    if let Some(subnet) = s.subnet {
        properties["virtualNetworkSubnetId"] = json!(subnet);
    }
    let (resource_type, record_name) = match s.slot {
        Some(slot) => ("Microsoft.Web/sites/slots", format!("{name}/{slot}")),
        None => ("Microsoft.Web/sites", name.to_string()),
    };
    e.add(&id, resource_type, s.location, properties)
        .kind(s.kind)
        .identity(s.identity)
        .tags(&s.tags)
        .name(&record_name);
    id
}

/// The plans, the storefront and API with their staging slots, the European admin app,
/// and the function apps.
pub(super) fn apps(e: &mut Estate) {
    let t_func = t_func();
    let asp_web = plan(e, "asp-retail-web-eus", EUS, "P1v3", "PremiumV3", "Pv3", 3, "linux", &t_web(), true, false);
    let asp_api = plan(e, "asp-retail-api-eus", EUS, "P0v3", "PremiumV3", "Pv3", 2, "linux", &t_app(), true, false);
    let asp_func = plan(e, "asp-retail-func-eus", EUS, "Y1", "Dynamic", "Y", 0, "functionapp", &t_func, false, false);
    let asp_weu = plan(e, "asp-retail-admin-weu", WEU, "S1", "Standard", "S", 1, "app", &t_weu(), false, false);
    let asp_func_ep =
        plan(e, "asp-retail-func-ep-eus", EUS, "EP1", "ElasticPremium", "EP", 1, "elastic", &t_func, true, true);

    let integration = subnet("vnet-spoke-apps-eus", "snet-appsvc-int");
    let int = Some(integration.as_str());
    let user = |name: &str| user_identity(name, &[&id_apps()], false);
    let st_func = data::st_func();
    let functions_storage = Some(st_func.as_str());
    site(
        e,
        Site {
            subnet: int,
            insights: Some(AI_STOREFRONT),
            identity: user("storefront"),
            settings: &[
                ("KeyVaultUri", "https://kv-retail-prod-eus.vault.azure.net/"),
                ("CATALOG_API", "https://app-retail-api.azurewebsites.net"),
            ],
            ..Site::new("app-retail-storefront", &asp_web, EUS, "app,linux", "NODE|20-lts", t_web())
        },
    );
    site(
        e,
        Site {
            slot: Some("staging"),
            subnet: int,
            insights: Some(AI_STOREFRONT),
            identity: user("storefront-staging"),
            ..Site::new("app-retail-storefront", &asp_web, EUS, "app,linux", "NODE|20-lts", t_web())
        },
    );
    let api = site(
        e,
        Site {
            subnet: int,
            insights: Some(AI_API),
            identity: user("api"),
            settings: &[(
                "ConnectionStrings__Orders",
                "Server=tcp:sql-retail-core-eus.database.windows.net,1433;Database=sqldb-orders;Authentication=Active Directory Managed Identity",
            )],
            ..Site::new("app-retail-api", &asp_api, EUS, "app,linux", "DOTNETCORE|8.0", t_app())
        },
    );
    site(
        e,
        Site {
            slot: Some("staging"),
            subnet: int,
            insights: Some(AI_API),
            identity: user("api-staging"),
            ..Site::new("app-retail-api", &asp_api, EUS, "app,linux", "DOTNETCORE|8.0", t_app())
        },
    );
    site(
        e,
        Site {
            identity: system_identity("admin-weu"),
            ..Site::new("app-retail-admin-weu", &asp_weu, WEU, "app", "", t_weu())
        },
    );
    site(
        e,
        Site {
            insights: Some(AI_FUNC),
            storage: functions_storage,
            identity: user("func-orders"),
            settings: &[
                ("FUNCTIONS_EXTENSION_VERSION", "~4"),
                ("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated"),
                ("ServiceBusConnection__fullyQualifiedNamespace", "sb-retail-orders.servicebus.windows.net"),
            ],
            ..Site::new("func-retail-orders", &asp_func, EUS, "functionapp", "", t_func.clone())
        },
    );
    site(
        e,
        Site {
            insights: Some(AI_FUNC),
            storage: functions_storage,
            identity: system_identity("func-images"),
            settings: &[("FUNCTIONS_EXTENSION_VERSION", "~4"), ("FUNCTIONS_WORKER_RUNTIME", "python")],
            ..Site::new(
                "func-retail-images",
                &asp_func,
                EUS,
                "functionapp,linux",
                "PYTHON|3.11",
                tags("imagery", "ecom", "CC-4220"),
            )
        },
    );
    site(
        e,
        Site {
            subnet: int,
            insights: Some(AI_FUNC),
            storage: functions_storage,
            identity: user("func-inventory"),
            settings: &[("FUNCTIONS_EXTENSION_VERSION", "~4"), ("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated")],
            ..Site::new(
                "func-retail-inventory-sync",
                &asp_func_ep,
                EUS,
                "functionapp,linux",
                "DOTNET-ISOLATED|8.0",
                tags("inventory", "supplychain", "CC-4400"),
            )
        },
    );
    private_endpoint(
        e,
        "pe-app-retail-api",
        EUS,
        &subnet("vnet-spoke-apps-eus", "snet-pe"),
        &api,
        "sites",
        &["privatelink.azurewebsites.net"],
        &t_app(),
        APPS,
    );
    monitoring::diagnostics(
        e,
        &storefront(),
        &["AppServiceHTTPLogs", "AppServiceConsoleLogs", "AppServiceAppLogs"],
        None,
    );
}

//! Integration: Service Bus, Event Hubs, Event Grid, the Office 365 API connection and
//! the Logic Apps that use it, and API Management.

use serde_json::{json, Value};

use super::data::st_lake;
use super::ids::{
    guid, guid_hex, id_apps, id_cmk, rid, stamp, system_identity, t_app, t_data, t_func, tags, user_identity, APPS,
    DATA, EUS, SUB,
};
use super::monitoring;
use super::network::{pe_connection, private_endpoint, public_ip, subnet, PublicIp};
use super::Estate;

pub(super) fn service_bus() -> String {
    rid(APPS, "Microsoft.ServiceBus/namespaces", "sb-retail-orders")
}

/// Messaging, events, workflows and the API gateway.
pub(super) fn messaging_and_apis(e: &mut Estate) {
    let t_func = t_func();
    let sb = service_bus();
    let pe_sb = private_endpoint(
        e,
        "pe-sb-retail-orders",
        EUS,
        &subnet("vnet-spoke-apps-eus", "snet-pe"),
        &sb,
        "namespace",
        &["privatelink.servicebus.windows.net"],
        &t_func,
        APPS,
    );
    let properties = json!({
        "minimumTlsVersion": "1.2", "publicNetworkAccess": "Disabled", "disableLocalAuth": true, "zoneRedundant": true,
        "privateEndpointConnections": [pe_connection(&sb, &pe_sb)], "provisioningState": "Succeeded",
        "status": "Active", "premiumMessagingPartitions": 1, "createdAt": stamp(&["sb"]), "updatedAt": stamp(&["sb2"]),
        "serviceBusEndpoint": "https://sb-retail-orders.servicebus.windows.net:443/",
        "metricId": format!("{SUB}:sb-retail-orders"),
        "encryption": {"keySource": "Microsoft.KeyVault", "requireInfrastructureEncryption": false,
                       "keyVaultProperties": [{"keyName": "cmk-servicebus",
                                               "keyVaultUri": "https://kv-retail-prod-eus.vault.azure.net",
                                               "identity": {"userAssignedIdentity": id_cmk()}}]},
    });
    e.add(&sb, "Microsoft.ServiceBus/namespaces", EUS, properties)
        .sku(json!({"name": "Premium", "tier": "Premium", "capacity": 1}))
        .identity(user_identity("sb", &[&id_cmk()], false))
        .tags(&t_func);
    monitoring::diagnostics(e, &sb, &["OperationalLogs", "RuntimeAuditLogs"], None);

    let hubs = rid(APPS, "Microsoft.EventHub/namespaces", "evhns-retail-telemetry");
    let properties = json!({
        "minimumTlsVersion": "1.2", "publicNetworkAccess": "Enabled", "disableLocalAuth": false, "zoneRedundant": true,
        "isAutoInflateEnabled": true, "maximumThroughputUnits": 10, "kafkaEnabled": true,
        "provisioningState": "Succeeded", "status": "Active", "createdAt": stamp(&["evh"]),
        "serviceBusEndpoint": "https://evhns-retail-telemetry.servicebus.windows.net:443/",
        "metricId": format!("{SUB}:evhns-retail-telemetry"), "privateEndpointConnections": [],
    });
    e.add(&hubs, "Microsoft.EventHub/namespaces", EUS, properties)
        .sku(json!({"name": "Standard", "tier": "Standard", "capacity": 2}))
        .tags(&tags("store-telemetry", "storeops", "CC-4310"));

    let properties = json!({
        "provisioningState": "Succeeded", "source": st_lake(), "topicType": "Microsoft.Storage.StorageAccounts",
        "metricResourceId": guid(&["egst"]),
    });
    let system_topic = rid(DATA, "Microsoft.EventGrid/systemTopics", "egst-retail-datalake");
    e.add(&system_topic, "Microsoft.EventGrid/systemTopics", EUS, properties)
        .identity(system_identity("egst"))
        .tags(&t_data());
    let properties = json!({
        "provisioningState": "Succeeded",
        "endpoint": "https://egt-retail-order-events.eastus-1.eventgrid.azure.net/api/events",
        "inputSchema": "CloudEventSchemaV1_0", "metricResourceId": guid(&["egt"]), "publicNetworkAccess": "Enabled",
        "disableLocalAuth": true, "dataResidencyBoundary": "WithinGeopair", "inboundIpRules": [],
        "privateEndpointConnections": [],
    });
    let topic = rid(APPS, "Microsoft.EventGrid/topics", "egt-retail-order-events");
    e.add(&topic, "Microsoft.EventGrid/topics", EUS, properties)
        .sku(json!({"name": "Basic"}))
        .kind("Azure")
        .identity(system_identity("egt"))
        .tags(&t_func);

    workflows(e);
    api_management(e);
}

/// The Office 365 connection and the Logic Apps, one of which sends through it.
fn workflows(e: &mut Estate) {
    let supplier = tags("supplier-portal", "supplychain", "CC-4400");
    let connection = rid(APPS, "Microsoft.Web/connections", "office365-supplier-alerts");
    let managed_api = format!("/subscriptions/{SUB}/providers/Microsoft.Web/locations/eastus/managedApis/office365");
    let properties = json!({
        "displayName": "supplier-alerts@contoso-retail.example",
        "statuses": [{"status": "Connected"}],
        "customParameterValues": {}, "nonSecretParameterValues": {}, "createdTime": stamp(&["conn"]),
        "changedTime": stamp(&["conn2"]),
        "api": {"name": "office365", "displayName": "Office 365 Outlook", "id": managed_api,
                "type": "Microsoft.Web/locations/managedApis"},
        "testLinks": [],
    });
    e.add(&connection, "Microsoft.Web/connections", EUS, properties).kind("V1").tags(&supplier);

    let flows = [
        (
            "logic-retail-supplier-sync",
            json!({"Recurrence": {"type": "Recurrence", "recurrence": {"frequency": "Hour", "interval": 1}}}),
            json!({"Send_alert": {"type": "ApiConnection",
                                  "inputs": {"host": {"connection": {"name": "@parameters('$connections')['office365']['connectionId']"}},
                                             "method": "post", "path": "/v2/Mail"}}}),
        ),
        (
            "logic-retail-price-feed",
            json!({"When_a_blob_is_added": {"type": "Request", "kind": "Http", "inputs": {"schema": {}}}}),
            json!({"Forward_to_topic": {"type": "Http",
                                        "inputs": {"method": "POST",
                                                   "uri": "https://egt-retail-order-events.eastus-1.eventgrid.azure.net/api/events"}}}),
        ),
    ];
    for (name, trigger, actions) in flows {
        let parameters: Value = if name.contains("supplier") {
            json!({"$connections": {"value": {"office365": {"connectionId": connection,
                                                             "connectionName": "office365-supplier-alerts",
                                                             "id": managed_api}}}})
        } else {
            json!({})
        };
        let properties = json!({
            "provisioningState": "Succeeded", "createdTime": stamp(&[name]), "changedTime": stamp(&["c", name]),
            "state": "Enabled", "version": guid_hex(&["wfver", name])[..20].to_uppercase(),
            "accessEndpoint": format!("https://prod-42.eastus.logic.azure.com:443/workflows/{}", guid_hex(&["wf", name])),
            "definition": {"$schema": "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
                           "contentVersion": "1.0.0.0",
                           "parameters": {"$connections": {"defaultValue": {}, "type": "Object"}},
                           "triggers": trigger, "actions": actions, "outputs": {}},
            "parameters": parameters, "endpointsConfiguration": {},
        });
        e.add(&rid(APPS, "Microsoft.Logic/workflows", name), "Microsoft.Logic/workflows", EUS, properties)
            .tags(&supplier);
    }
}

/// API Management, Premium, in the apps spoke with a second region in West Europe.
fn api_management(e: &mut Estate) {
    let apim = rid(APPS, "Microsoft.ApiManagement/service", "apim-retail-prod");
    let options = PublicIp { zones: json!(["1", "2"]), dns: Some("apim-retail-prod-eus"), ..Default::default() };
    let apim_ip = public_ip(e, APPS, "pip-apim-retail-prod", EUS, &t_app(), options);
    let properties = json!({
        "publisherEmail": "api-team@contoso-retail.example", "publisherName": "Contoso Retail",
        "notificationSenderEmail": "apimgmt-noreply@mail.windowsazure.com",
        "provisioningState": "Succeeded", "targetProvisioningState": "", "createdAtUtc": stamp(&["apim"]),
        "gatewayUrl": "https://apim-retail-prod.azure-api.net",
        "gatewayRegionalUrl": "https://apim-retail-prod-eastus-01.regional.azure-api.net",
        "portalUrl": "https://apim-retail-prod.portal.azure-api.net",
        "developerPortalUrl": "https://apim-retail-prod.developer.azure-api.net",
        "managementApiUrl": "https://apim-retail-prod.management.azure-api.net",
        "scmUrl": "https://apim-retail-prod.scm.azure-api.net",
        "hostnameConfigurations": [{"type": "Proxy", "hostName": "apim-retail-prod.azure-api.net",
                                    "negotiateClientCertificate": false, "defaultSslBinding": true,
                                    "certificateSource": "BuiltIn"}],
        "publicIPAddresses": ["20.231.10.88"], "privateIPAddresses": ["10.20.6.5"], "publicIpAddressId": apim_ip,
        "additionalLocations": [{"location": "West Europe", "sku": {"name": "Premium", "capacity": 1}, "zones": [],
                                 "publicIPAddresses": ["20.103.77.14"], "virtualNetworkConfiguration": null,
                                 "gatewayRegionalUrl": "https://apim-retail-prod-westeurope-01.regional.azure-api.net",
                                 "disableGateway": false, "platformVersion": "stv2"}],
        "virtualNetworkConfiguration": {"subnetResourceId": subnet("vnet-spoke-apps-eus", "snet-apim")},
        "customProperties": {"Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": "False"},
        "virtualNetworkType": "External", "disableGateway": false, "natGatewayState": "Disabled",
        "apiVersionConstraint": {}, "publicNetworkAccess": "Enabled", "platformVersion": "stv2",
    });
    e.add(&apim, "Microsoft.ApiManagement/service", EUS, properties)
        .sku(json!({"name": "Premium", "capacity": 1}))
        .zones(json!(["1", "2"]))
        .identity(user_identity("apim", &[&id_apps()], true))
        .tags(&t_app());
    monitoring::diagnostics(e, &apim, &["GatewayLogs", "WebSocketConnectionLogs"], None);
}

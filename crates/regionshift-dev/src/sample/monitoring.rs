//! Monitoring: the Log Analytics workspaces, action groups, Application Insights
//! components, diagnostic settings, a data collection rule, and the alerts, added once
//! their targets exist.

use serde_json::{json, Value};

use super::ids::{guid, rid, stamp, tag_mon, tags, tags_for, EUS, MON, SUB, WEU};
use super::{compute, containers, data, integration, network, web, Estate};

pub(super) fn law() -> String {
    rid(MON, "Microsoft.OperationalInsights/workspaces", "log-retail-prod-eus")
}

fn law_weu() -> String {
    rid(MON, "Microsoft.OperationalInsights/workspaces", "log-retail-stores-weu")
}

fn ag_oncall() -> String {
    rid(MON, "Microsoft.Insights/actionGroups", "ag-retail-oncall")
}

fn ag_platform() -> String {
    rid(MON, "Microsoft.Insights/actionGroups", "ag-retail-platform")
}

/// An Application Insights component: its id and instrumentation key.
pub(super) struct Insights {
    pub id: String,
    pub key: String,
}

pub(super) fn insights(name: &str) -> Insights {
    Insights { id: rid(MON, "Microsoft.Insights/components", name), key: guid(&["ikey", name]) }
}

pub(super) const AI_STOREFRONT: &str = "appi-retail-storefront";
pub(super) const AI_API: &str = "appi-retail-api";
pub(super) const AI_FUNC: &str = "appi-retail-functions";
const AI_AKS: &str = "appi-retail-recommendations";

/// Workspaces, action groups and Application Insights components.
pub(super) fn workspaces(e: &mut Estate) {
    for (id, location, retention, tags) in
        [(law(), EUS, 90, tag_mon()), (law_weu(), WEU, 30, tags_for("monitoring", "platform", "CC-4110", "stores-eu"))]
    {
        let properties = json!({
            "provisioningState": "Succeeded", "customerId": guid(&["customer", &id]),
            "sku": {"name": "PerGB2018", "lastSkuUpdate": stamp(&[&id])}, "retentionInDays": retention,
            "features": {"legacy": 0, "searchVersion": 1, "enableLogAccessUsingOnlyResourcePermissions": true},
            "workspaceCapping": {"dailyQuotaGb": -1.0, "dataIngestionStatus": "RespectQuota"},
            "publicNetworkAccessForIngestion": "Enabled", "publicNetworkAccessForQuery": "Enabled",
            "createdDate": stamp(&["created", &id]), "modifiedDate": stamp(&["modified", &id]),
        });
        e.add(&id, "Microsoft.OperationalInsights/workspaces", location, properties).tags(&tags);
    }

    for (id, short, email) in
        [(ag_oncall(), "retailoncal", "storeops-oncall"), (ag_platform(), "retailplat", "platform-team")]
    {
        let properties = json!({
            "groupShortName": short, "enabled": true,
            "emailReceivers": [{"name": email, "emailAddress": format!("{email}@contoso-retail.example"),
                                "useCommonAlertSchema": true, "status": "Enabled"}],
            "smsReceivers": [], "webhookReceivers": [], "itsmReceivers": [], "azureAppPushReceivers": [],
            "automationRunbookReceivers": [], "voiceReceivers": [], "logicAppReceivers": [],
            "azureFunctionReceivers": [],
            "armRoleReceivers": [{"name": "owners", "roleId": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
                                  "useCommonAlertSchema": true}],
            "eventHubReceivers": [],
        });
        e.add(&id, "Microsoft.Insights/actionGroups", "global", properties).tags(&tag_mon());
    }

    for (name, app, owner, cost) in [
        (AI_STOREFRONT, "storefront", "ecom", "CC-4200"),
        (AI_API, "storefront-api", "ecom", "CC-4200"),
        (AI_FUNC, "order-processing", "ecom", "CC-4210"),
        (AI_AKS, "recommendations", "data", "CC-4300"),
    ] {
        let Insights { id, key } = insights(name);
        let properties = json!({
            "ApplicationId": name, "AppId": guid(&["appid", name]), "Application_Type": "web", "Flow_Type": "Bluefield",
            "Request_Source": "rest", "InstrumentationKey": key,
            "ConnectionString": format!("InstrumentationKey={key};IngestionEndpoint=https://eastus-8.in.applicationinsights.azure.com/;LiveEndpoint=https://eastus.livediagnostics.monitor.azure.com/"),
            "Name": name, "CreationDate": stamp(&[name]), "TenantId": SUB, "provisioningState": "Succeeded",
            "SamplingPercentage": null, "RetentionInDays": 90, "WorkspaceResourceId": law(),
            "IngestionMode": "LogAnalytics", "publicNetworkAccessForIngestion": "Enabled",
            "publicNetworkAccessForQuery": "Enabled", "Ver": "v2",
        });
        e.add(&id, "Microsoft.Insights/components", EUS, properties).kind("web").tags(&tags(app, owner, cost));
    }
}

/// A diagnostic setting (an extension resource on `target`) sending to the production
/// workspace, and to a storage account when given.
pub(super) fn diagnostics(e: &mut Estate, target: &str, categories: &[&str], storage: Option<&str>) {
    let id = format!("{target}/providers/Microsoft.Insights/diagnosticSettings/diag-to-log-analytics");
    let retention = json!({"enabled": false, "days": 0});
    let logs: Vec<Value> = categories
        .iter()
        .map(|c| json!({"category": c, "categoryGroup": null, "enabled": true, "retentionPolicy": retention}))
        .collect();
    let mut properties = json!({
        "workspaceId": law(), "logs": logs,
        "metrics": [{"category": "AllMetrics", "enabled": true, "retentionPolicy": retention}],
    });
    if target.contains("/azureFirewalls/") {
        properties["logAnalyticsDestinationType"] = json!("Dedicated");
    }
    if let Some(storage) = storage {
        properties["storageAccountId"] = json!(storage);
    }
    e.add(&id, "Microsoft.Insights/diagnosticSettings", "", properties).name("diag-to-log-analytics").no_location();
}

/// A metric alert on one resource, evaluated every five minutes over fifteen.
#[allow(clippy::too_many_arguments)] // the columns of one alert
fn metric_alert(
    e: &mut Estate,
    name: &str,
    scope: &str,
    metric: &str,
    namespace: &str,
    threshold: u32,
    group: &str,
    description: &str,
    severity: u32,
) {
    let properties = json!({
        "description": description, "severity": severity, "enabled": true, "scopes": [scope],
        "evaluationFrequency": "PT5M", "windowSize": "PT15M",
        "criteria": {"odata.type": "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
                     "allOf": [{"name": "criterion1", "metricName": metric, "metricNamespace": namespace,
                                "operator": "GreaterThan", "threshold": threshold, "timeAggregation": "Average",
                                "criterionType": "StaticThresholdCriterion", "dimensions": []}]},
        "autoMitigate": true, "targetResourceType": namespace, "targetResourceRegion": EUS,
        "actions": [{"actionGroupId": group, "webHookProperties": {}}],
    });
    e.add(&rid(MON, "Microsoft.Insights/metricAlerts", name), "Microsoft.Insights/metricAlerts", "global", properties)
        .tags(&tag_mon());
}

/// The data collection rule for VM insights, the log, activity-log and metric alerts.
pub(super) fn alerts(e: &mut Estate) {
    let properties = json!({
        "immutableId": format!("dcr-{}", guid(&["dcr"]).replace('-', "")), "provisioningState": "Succeeded",
        "dataSources": {"performanceCounters": [{"streams": ["Microsoft-Perf"], "samplingFrequencyInSeconds": 60,
                                                 "counterSpecifiers": [r"\Processor(_Total)\% Processor Time",
                                                                       r"\Memory\Available Bytes",
                                                                       r"\LogicalDisk(_Total)\% Free Space"],
                                                 "name": "perfCounterDataSource60"}],
                        "syslog": [{"streams": ["Microsoft-Syslog"], "facilityNames": ["auth", "daemon", "syslog"],
                                    "logLevels": ["Warning", "Error", "Critical", "Alert", "Emergency"],
                                    "name": "sysLogsDataSource"}]},
        "destinations": {"logAnalytics": [{"workspaceResourceId": law(), "workspaceId": guid(&["customer", &law()]),
                                           "name": "la-retail-prod"}]},
        "dataFlows": [{"streams": ["Microsoft-Perf", "Microsoft-Syslog"], "destinations": ["la-retail-prod"]}],
    });
    let dcr = rid(MON, "Microsoft.Insights/dataCollectionRules", "dcr-retail-vm-insights");
    e.add(&dcr, "Microsoft.Insights/dataCollectionRules", EUS, properties).kind("Linux").tags(&tag_mon());

    let properties = json!({
        "displayName": "sqr-retail-failed-checkouts",
        "description": "More than 50 failed checkout requests in 15 minutes",
        "severity": 1, "enabled": true, "evaluationFrequency": "PT5M", "scopes": [insights(AI_API).id],
        "windowSize": "PT15M", "targetResourceTypes": ["microsoft.insights/components"],
        "criteria": {"allOf": [{"query": "requests | where success == false and name has 'checkout'",
                                "timeAggregation": "Count", "dimensions": [], "operator": "GreaterThan", "threshold": 50,
                                "failingPeriods": {"numberOfEvaluationPeriods": 1, "minFailingPeriodsToAlert": 1}}]},
        "autoMitigate": true, "actions": {"actionGroups": [ag_oncall()], "customProperties": {}},
    });
    let query = rid(MON, "Microsoft.Insights/scheduledQueryRules", "sqr-retail-failed-checkouts");
    e.add(&query, "Microsoft.Insights/scheduledQueryRules", EUS, properties).kind("LogAlert").tags(&tag_mon());

    let properties = json!({
        "scopes": [format!("/subscriptions/{SUB}")], "enabled": true,
        "description": "Azure service health incidents in the regions Contoso Retail runs in",
        "condition": {"allOf": [{"field": "category", "equals": "ServiceHealth"},
                                {"anyOf": [{"field": "properties.incidentType", "equals": "Incident"},
                                           {"field": "properties.incidentType", "equals": "Maintenance"}]}]},
        "actions": {"actionGroups": [{"actionGroupId": ag_platform(), "webhookProperties": {}}]},
    });
    let health = rid(MON, "Microsoft.Insights/activityLogAlerts", "ala-retail-service-health");
    e.add(&health, "Microsoft.Insights/activityLogAlerts", "global", properties).tags(&tag_mon());

    let vms = "Microsoft.Compute/virtualMachines";
    let databases = "Microsoft.Sql/servers/databases";
    let (oncall, platform) = (ag_oncall(), ag_platform());
    let alerts = [
        (
            "alert-vm-retail-app-01-cpu",
            compute::app_vm(1),
            "Percentage CPU",
            vms,
            85,
            &oncall,
            "CPU above 85% on vm-retail-app-01",
            2,
        ),
        (
            "alert-vm-retail-app-02-cpu",
            compute::app_vm(2),
            "Percentage CPU",
            vms,
            85,
            &oncall,
            "CPU above 85% on vm-retail-app-02",
            2,
        ),
        (
            "alert-vm-retail-merchsql-01-disk",
            compute::sql_vm(),
            "Data Disk IOPS Consumed Percentage",
            vms,
            90,
            &platform,
            "Data disk IOPS saturated on the merchandising SQL VM",
            2,
        ),
        (
            "alert-sqldb-orders-cpu",
            data::db_orders(),
            "cpu_percent",
            databases,
            80,
            &oncall,
            "sqldb-orders CPU above 80%",
            2,
        ),
        (
            "alert-sqldb-catalog-dtu",
            data::db_catalog(),
            "dtu_consumption_percent",
            databases,
            90,
            &oncall,
            "sqldb-catalog DTU above 90%",
            2,
        ),
        (
            "alert-app-retail-storefront-5xx",
            web::storefront(),
            "Http5xx",
            "Microsoft.Web/sites",
            25,
            &oncall,
            "Storefront returns server errors",
            1,
        ),
        (
            "alert-aks-retail-prod-node-cpu",
            containers::aks(),
            "node_cpu_usage_percentage",
            "Microsoft.ContainerService/managedClusters",
            80,
            &platform,
            "AKS node CPU above 80%",
            2,
        ),
        (
            "alert-sb-retail-orders-deadletter",
            integration::service_bus(),
            "DeadletteredMessages",
            "Microsoft.ServiceBus/namespaces",
            10,
            &oncall,
            "Orders are dead-lettering",
            2,
        ),
        (
            "alert-redis-retail-session-memory",
            data::redis(),
            "usedmemorypercentage",
            "Microsoft.Cache/Redis",
            90,
            &platform,
            "Session cache memory above 90%",
            2,
        ),
        (
            "alert-agw-retail-storefront-unhealthy",
            network::app_gateway(),
            "UnhealthyHostCount",
            "Microsoft.Network/applicationGateways",
            0,
            &oncall,
            "Storefront backend unhealthy",
            1,
        ),
    ];
    for (name, scope, metric, namespace, threshold, group, description, severity) in alerts {
        metric_alert(e, name, &scope, metric, namespace, threshold, group, description, severity);
    }
}

//! Containers: the registry and its replicas, the AKS cluster with the node resource
//! group AKS creates (public IP, NSG, node pool scale sets, load balancer), Container Apps
//! and a container instance.

use serde_json::{json, Value};

use super::compute::{scale_set, ScaleSet, SSH_KEY, VMSS};
use super::ids::{
    guid, guid_hex, id_aks, id_apps, id_kubelet, link, rid, stamp, system_identity, t_pos, tags_for, user_identity,
    AKS_NODES, APPS, EUS, SEA, TENANT, WEU,
};
use super::monitoring::{self, law};
use super::network::{pe_connection, private_endpoint, subnet};
use super::Estate;

pub(super) fn aks() -> String {
    rid(APPS, "Microsoft.ContainerService/managedClusters", "aks-retail-prod")
}

const AKS_FRONTEND: &str = "a3f9c2d81e6b44f0b7d5e8c1a9f2b4d6";
const ORCHESTRATOR: &str = "1.29.4";

/// The registry, AKS, Container Apps and the label-printer container instance.
pub(super) fn clusters(e: &mut Estate) {
    let t_aks = tags_for("recommendations", "data", "CC-4300", "aks-platform");
    let acr = rid(APPS, "Microsoft.ContainerRegistry/registries", "acrretailprod");
    let pe_acr = private_endpoint(
        e,
        "pe-acr-retail-prod",
        EUS,
        &subnet("vnet-spoke-apps-eus", "snet-pe"),
        &acr,
        "registry",
        &["privatelink.azurecr.io"],
        &t_aks,
        APPS,
    );
    let data_hosts = [EUS, WEU, SEA].map(|loc| format!("acrretailprod.{loc}.data.azurecr.io"));
    let properties = json!({
        "loginServer": "acrretailprod.azurecr.io", "creationDate": stamp(&["acr"]), "provisioningState": "Succeeded",
        "adminUserEnabled": false, "networkRuleSet": {"defaultAction": "Deny", "ipRules": []},
        "policies": {"quarantinePolicy": {"status": "disabled"}, "trustPolicy": {"type": "Notary", "status": "disabled"},
                     "retentionPolicy": {"days": 30, "status": "enabled"}, "exportPolicy": {"status": "enabled"}},
        "encryption": {"status": "disabled"}, "dataEndpointEnabled": true,
        "dataEndpointHostNames": data_hosts,
        "privateEndpointConnections": [pe_connection(&acr, &pe_acr)], "publicNetworkAccess": "Disabled",
        "networkRuleBypassOptions": "AzureServices", "zoneRedundancy": "Enabled", "anonymousPullEnabled": false,
    });
    e.add(&acr, "Microsoft.ContainerRegistry/registries", EUS, properties)
        .sku(json!({"name": "Premium", "tier": "Premium"}))
        .identity(system_identity("acr"))
        .tags(&t_aks);
    for loc in [WEU, SEA] {
        let properties = json!({
            "provisioningState": "Succeeded",
            "status": {"displayStatus": "Ready", "timestamp": stamp(&["repl", loc])},
            "regionEndpointEnabled": true, "zoneRedundancy": if loc == WEU { "Enabled" } else { "Disabled" },
        });
        e.add(
            &format!("{acr}/replications/{loc}"),
            "Microsoft.ContainerRegistry/registries/replications",
            loc,
            properties,
        )
        .tags(&t_aks);
    }

    kubernetes(e, &t_aks);
    container_apps(e, &t_aks);

    // Container instance printing shelf labels, injected into the apps spoke
    let aci = rid(APPS, "Microsoft.ContainerInstance/containerGroups", "ci-retail-label-printer");
    let properties = json!({
        "provisioningState": "Succeeded", "sku": "Standard", "osType": "Linux", "restartPolicy": "Always",
        "containers": [{"name": "label-printer",
                        "properties": {"image": "acrretailprod.azurecr.io/stores/label-printer:5.0.3",
                                       "ports": [{"protocol": "TCP", "port": 9100}],
                                       "environmentVariables": [{"name": "PRINTER_QUEUE", "value": "shelf-labels"}],
                                       "resources": {"requests": {"memoryInGB": 1.5, "cpu": 1.0}}}}],
        "imageRegistryCredentials": [{"server": "acrretailprod.azurecr.io", "identity": id_apps()}],
        "ipAddress": {"ports": [{"protocol": "TCP", "port": 9100}], "type": "Private", "ip": "10.20.4.4"},
        "subnetIds": [link(&subnet("vnet-spoke-apps-eus", "snet-aci"))],
        "instanceView": {"state": "Running"},
    });
    e.add(&aci, "Microsoft.ContainerInstance/containerGroups", EUS, properties)
        .identity(user_identity("aci", &[&id_apps()], false))
        .tags(&t_pos());
}

/// The AKS cluster and its node resource group, as AKS creates it.
fn kubernetes(e: &mut Estate, t_aks: &Value) {
    let aks = aks();
    let aks_ip = rid(AKS_NODES, "Microsoft.Network/publicIPAddresses", &format!("kubernetes-{AKS_FRONTEND}"));
    let aks_lb = rid(AKS_NODES, "Microsoft.Network/loadBalancers", "kubernetes");
    let aks_nsg = rid(AKS_NODES, "Microsoft.Network/networkSecurityGroups", "aks-agentpool-38517204-nsg");
    let aks_subnet = subnet("vnet-spoke-apps-eus", "snet-aks");
    let kubelet = id_kubelet();
    // pool, VM size, nodes, mode, autoscaler minimum and maximum
    let pools = [("system", "Standard_D4s_v5", 3, "System", 3, 5), ("user", "Standard_D8s_v5", 4, "User", 2, 12)];
    let managed = json!({"aks-managed-createOperationID": guid(&["aksop"]),
                         "aks-managed-orchestrator": format!("Kubernetes:{ORCHESTRATOR}")});
    let profiles: Vec<Value> = pools
        .iter()
        .map(|&(pool, size, count, mode, low, high)| {
            json!({
                "name": pool, "count": count, "vmSize": size, "osDiskSizeGB": 128, "osDiskType": "Ephemeral",
                "kubeletDiskType": "OS", "vnetSubnetID": aks_subnet, "maxPods": 50, "type": "VirtualMachineScaleSets",
                "availabilityZones": ["1", "2", "3"], "maxCount": high, "minCount": low, "enableAutoScaling": true,
                "provisioningState": "Succeeded", "powerState": {"code": "Running"},
                "orchestratorVersion": ORCHESTRATOR, "currentOrchestratorVersion": ORCHESTRATOR,
                "enableNodePublicIP": false, "mode": mode, "osType": "Linux", "osSKU": "Ubuntu",
                "nodeImageVersion": "AKSUbuntu-2204gen2containerd-202405.03.0",
                "upgradeSettings": {"maxSurge": "33%"}, "enableFIPS": false,
                "nodeTaints": if mode == "System" { json!(["CriticalAddonsOnly=true:NoSchedule"]) } else { json!([]) },
            })
        })
        .collect();
    let properties = json!({
        "provisioningState": "Succeeded", "powerState": {"code": "Running"}, "kubernetesVersion": ORCHESTRATOR,
        "currentKubernetesVersion": ORCHESTRATOR, "dnsPrefix": "aks-retail-prod",
        "fqdn": "aks-retail-prod-3b9f1c2d.hcp.eastus.azmk8s.io",
        "azurePortalFQDN": "aks-retail-prod-3b9f1c2d.portal.hcp.eastus.azmk8s.io",
        "agentPoolProfiles": profiles,
        "linuxProfile": {"adminUsername": "azureuser", "ssh": {"publicKeys": [{"keyData": SSH_KEY}]}},
        "servicePrincipalProfile": {"clientId": "msi"},
        "addonProfiles": {"omsagent": {"enabled": true,
                                       "config": {"logAnalyticsWorkspaceResourceID": law(), "useAADAuth": "true"}},
                          "azureKeyvaultSecretsProvider": {"enabled": true,
                                                           "config": {"enableSecretRotation": "true",
                                                                      "rotationPollInterval": "2m"}},
                          "azurepolicy": {"enabled": true}},
        "nodeResourceGroup": AKS_NODES, "enableRBAC": true, "supportPlan": "KubernetesOfficial",
        "networkProfile": {"networkPlugin": "azure", "networkPolicy": "calico", "serviceCidr": "10.100.0.0/16",
                           "dnsServiceIP": "10.100.0.10", "outboundType": "loadBalancer", "loadBalancerSku": "standard",
                           "loadBalancerProfile": {"managedOutboundIPs": {"count": 1},
                                                   "effectiveOutboundIPs": [link(&aks_ip)],
                                                   "backendPoolType": "nodeIPConfiguration"},
                           "serviceCidrs": ["10.100.0.0/16"], "ipFamilies": ["IPv4"]},
        "aadProfile": {"managed": true, "adminGroupObjectIDs": [guid(&["aks-admins"])], "enableAzureRBAC": true,
                       "tenantID": TENANT},
        "maxAgentPools": 100,
        "apiServerAccessProfile": {"enablePrivateCluster": false, "authorizedIPRanges": ["203.0.113.0/24"]},
        "identityProfile": {"kubeletidentity": {"resourceId": kubelet, "clientId": guid(&["client", &kubelet]),
                                                "objectId": guid(&["principal", &kubelet])}},
        "autoScalerProfile": {"balance-similar-node-groups": "false", "expander": "random",
                              "max-graceful-termination-sec": "600", "scan-interval": "10s",
                              "skip-nodes-with-local-storage": "false"},
        "autoUpgradeProfile": {"upgradeChannel": "patch", "nodeOSUpgradeChannel": "NodeImage"},
        "disableLocalAccounts": true,
        "securityProfile": {"defender": {"logAnalyticsWorkspaceResourceId": law(),
                                         "securityMonitoring": {"enabled": true}}},
        "storageProfile": {"diskCSIDriver": {"enabled": true}, "fileCSIDriver": {"enabled": true},
                           "snapshotController": {"enabled": true}},
        "oidcIssuerProfile": {"enabled": true,
                              "issuerURL": format!("https://eastus.oic.prod-aks.azure.com/{TENANT}/{}/", guid(&["oidc"]))},
        "workloadAutoScalerProfile": {}, "azureMonitorProfile": {"metrics": {"enabled": false}},
        "resourceUID": guid_hex(&["aksuid"])[..24],
    });
    e.add(&aks, "Microsoft.ContainerService/managedClusters", EUS, properties)
        .sku(json!({"name": "Base", "tier": "Standard"}))
        .identity(user_identity("aks", &[&id_aks()], false))
        .tags(t_aks);
    monitoring::diagnostics(e, &aks, &["kube-audit-admin", "kube-apiserver", "cluster-autoscaler"], None);

    let frontend = format!("{aks_lb}/frontendIPConfigurations/{AKS_FRONTEND}");
    let outbound_rule = format!("{aks_lb}/outboundRules/aksOutboundRule");
    let outbound_pool = format!("{aks_lb}/backendAddressPools/aksOutboundBackendPool");
    let mut ip_tags = managed.clone();
    ip_tags["aks-managed-type"] = json!("aks-slb-managed-outbound-ip");
    let properties = json!({
        "provisioningState": "Succeeded", "resourceGuid": guid(&[&aks_ip]), "ipAddress": "52.191.40.17",
        "publicIPAddressVersion": "IPv4", "publicIPAllocationMethod": "Static", "idleTimeoutInMinutes": 30,
        "ipTags": [], "ipConfiguration": link(&frontend),
    });
    e.add(&aks_ip, "Microsoft.Network/publicIPAddresses", EUS, properties)
        .sku(json!({"name": "Standard", "tier": "Regional"}))
        .zones(json!(["1", "2", "3"]))
        .tags(&ip_tags);
    let properties = json!({
        "provisioningState": "Succeeded", "resourceGuid": guid(&[&aks_nsg]), "securityRules": [],
        "defaultSecurityRules": [],
    });
    e.add(&aks_nsg, "Microsoft.Network/networkSecurityGroups", EUS, properties).tags(&managed);
    for (pool, size, count, ..) in pools {
        let mut pool_tags = managed.clone();
        pool_tags["aks-managed-poolName"] = json!(pool);
        pool_tags["aks-managed-kubeletIdentityClientID"] = json!(guid(&["client", &kubelet]));
        let id = rid(AKS_NODES, VMSS, &format!("aks-{pool}-38517204-vmss"));
        scale_set(
            e,
            ScaleSet {
                pool: Some(outbound_pool.clone()),
                nsg: Some(aks_nsg.clone()),
                identity: user_identity(&format!("aks-{pool}"), &[&kubelet], false),
                ..ScaleSet::new(id, size, count, aks_subnet.clone(), pool_tags, json!(["1", "2", "3"]))
            },
        );
    }
    let properties = json!({
        "provisioningState": "Succeeded", "resourceGuid": guid(&[&aks_lb]),
        "frontendIPConfigurations": [{"name": AKS_FRONTEND, "id": frontend,
                                      "properties": {"provisioningState": "Succeeded",
                                                     "privateIPAllocationMethod": "Dynamic",
                                                     "publicIPAddress": link(&aks_ip),
                                                     "outboundRules": [link(&outbound_rule)]}}],
        "backendAddressPools": [{"name": "aksOutboundBackendPool", "id": outbound_pool,
                                 "properties": {"provisioningState": "Succeeded",
                                                "outboundRules": [link(&outbound_rule)]}}],
        "outboundRules": [{"name": "aksOutboundRule", "id": outbound_rule,
                           "properties": {"provisioningState": "Succeeded", "allocatedOutboundPorts": 0,
                                          "protocol": "All", "enableTcpReset": true, "idleTimeoutInMinutes": 30,
                                          "backendAddressPool": link(&outbound_pool),
                                          "frontendIPConfigurations": [link(&frontend)]}}],
        "probes": [], "loadBalancingRules": [], "inboundNatRules": [], "inboundNatPools": [],
    });
    e.add(&aks_lb, "Microsoft.Network/loadBalancers", EUS, properties)
        .sku(json!({"name": "Standard", "tier": "Regional"}))
        .tags(&managed);
}

/// The Container Apps environment, injected into the apps spoke, and its apps.
fn container_apps(e: &mut Estate, t_aks: &Value) {
    let environment = rid(APPS, "Microsoft.App/managedEnvironments", "cae-retail-prod");
    let domain = "cae-retail-prod.internal.kindpond-4b2c9d1e.eastus.azurecontainerapps.io";
    let properties = json!({
        "provisioningState": "Succeeded", "daprAIInstrumentationKey": null,
        "vnetConfiguration": {"internal": true, "infrastructureSubnetId": subnet("vnet-spoke-apps-eus", "snet-aca")},
        "defaultDomain": domain, "staticIp": "10.20.8.120",
        "appLogsConfiguration": {"destination": "log-analytics",
                                 "logAnalyticsConfiguration": {"customerId": guid(&["customer", &law()])}},
        "zoneRedundant": true,
        "workloadProfiles": [{"workloadProfileType": "Consumption", "name": "Consumption"},
                             {"workloadProfileType": "D4", "name": "general", "minimumCount": 1, "maximumCount": 3}],
        "infrastructureResourceGroup": "ME_cae-retail-prod_rg-retail-apps_eastus",
        "peerAuthentication": {"mtls": {"enabled": false}},
    });
    e.add(&environment, "Microsoft.App/managedEnvironments", EUS, properties).tags(t_aks);
    for (app, image, port, profile) in [
        ("ca-retail-recs-api", "acrretailprod.azurecr.io/recs/api:2024.05.2", Some(8080), "general"),
        ("ca-retail-notifier", "acrretailprod.azurecr.io/notify/worker:1.14.0", None, "Consumption"),
        ("ca-retail-search-sync", "acrretailprod.azurecr.io/search/sync:3.2.1", None, "Consumption"),
    ] {
        let id = rid(APPS, "Microsoft.App/containerApps", app);
        let mut config = json!({
            "activeRevisionsMode": "Single", "maxInactiveRevisions": 10,
            "registries": [{"server": "acrretailprod.azurecr.io", "identity": id_apps()}],
            "secrets": [{"name": "servicebus-connection",
                         "keyVaultUrl": "https://kv-retail-prod-eus.vault.azure.net/secrets/sb-conn",
                         "identity": id_apps()}],
        });
        if let Some(port) = port {
            config["ingress"] = json!({
                "fqdn": format!("{app}.{domain}"), "external": false, "targetPort": port, "transport": "Auto",
                "allowInsecure": false, "traffic": [{"weight": 100, "latestRevision": true}],
            });
        }
        let properties = json!({
            "provisioningState": "Succeeded", "runningStatus": "Running", "managedEnvironmentId": environment,
            "environmentId": environment, "workloadProfileName": profile, "outboundIpAddresses": ["20.120.44.10"],
            "latestRevisionName": format!("{app}--r{}", &guid(&["rev", app])[..7]), "configuration": config,
            "template": {"containers": [{"image": image, "name": app.strip_prefix("ca-retail-").unwrap_or(app),
                                         "resources": {"cpu": 1.0, "memory": "2Gi", "ephemeralStorage": "4Gi"}}],
                         "scale": {"minReplicas": 1, "maxReplicas": 10}},
        });
        e.add(&id, "Microsoft.App/containerApps", EUS, properties)
            .identity(user_identity(app, &[&id_apps()], false))
            .tags(t_aks);
    }
}

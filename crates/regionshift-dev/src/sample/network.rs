//! The network: hub and spoke VNets with their NSGs and route tables, the NAT gateway,
//! firewall, Bastion, VPN gateway, Application Gateway and its WAF policy, public IPs,
//! and, once every resource is known, the private endpoints with their NICs and private
//! DNS zones and then the VNets themselves, whose subnets list what uses them.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::ids::{guid, guid_number, id_appgw, last, link, rid, tag_net, tags_for, user_identity, EUS, NET, SEA, WEU};
use super::{monitoring, Estate};

/// A VNet of the estate: its address space and subnets, and the tags' cost centre and
/// workload (owned by netops like all the network).
struct Vnet {
    name: &'static str,
    location: &'static str,
    prefix: &'static str,
    subnets: &'static [Subnet],
    cost: &'static str,
    workload: &'static str,
}

/// A subnet and what is attached to it: NSG and route table by name, the NAT gateway,
/// the service it is delegated to, its service endpoints.
struct Subnet {
    name: &'static str,
    prefix: &'static str,
    nsg: Option<&'static str>,
    route_table: Option<&'static str>,
    nat_gateway: bool,
    delegation: Option<&'static str>,
    service_endpoints: &'static [&'static str],
}

const fn plain(name: &'static str, prefix: &'static str) -> Subnet {
    Subnet { name, prefix, nsg: None, route_table: None, nat_gateway: false, delegation: None, service_endpoints: &[] }
}

const fn guarded(name: &'static str, prefix: &'static str, nsg: &'static str) -> Subnet {
    Subnet { nsg: Some(nsg), ..plain(name, prefix) }
}

const HUB: &str = "vnet-hub-eus";
const SPOKE_APPS: &str = "vnet-spoke-apps-eus";
const SPOKE_DATA: &str = "vnet-spoke-data-eus";
const HUB_WEU: &str = "vnet-hub-weu";
const STORES_SEA: &str = "vnet-stores-sea";

/// The VNets in the order they are written; each subnet lists its users in the order
/// they were added.
const VNETS: [Vnet; 5] = [
    Vnet {
        name: HUB,
        location: EUS,
        prefix: "10.10.0.0/16",
        subnets: &[
            plain("GatewaySubnet", "10.10.0.0/27"),
            plain("AzureFirewallSubnet", "10.10.1.0/26"),
            guarded("AzureBastionSubnet", "10.10.2.0/26", "nsg-bastion"),
            guarded("snet-shared", "10.10.3.0/24", "nsg-hub-shared"),
            guarded("snet-appgw", "10.10.4.0/24", "nsg-appgw"),
        ],
        cost: "CC-4100",
        workload: "connectivity",
    },
    Vnet {
        name: SPOKE_APPS,
        location: EUS,
        prefix: "10.20.0.0/16",
        subnets: &[
            Subnet { route_table: Some("rt-spoke-apps"), ..guarded("snet-web", "10.20.1.0/24", "nsg-spoke-web") },
            Subnet {
                route_table: Some("rt-spoke-apps"),
                nat_gateway: true,
                service_endpoints: &["Microsoft.Storage", "Microsoft.KeyVault"],
                ..guarded("snet-app", "10.20.2.0/24", "nsg-spoke-app")
            },
            Subnet {
                delegation: Some("Microsoft.Web/serverFarms"),
                ..guarded("snet-appsvc-int", "10.20.3.0/26", "nsg-spoke-app")
            },
            Subnet {
                delegation: Some("Microsoft.ContainerInstance/containerGroups"),
                ..guarded("snet-aci", "10.20.4.0/27", "nsg-spoke-app")
            },
            guarded("snet-pe", "10.20.5.0/24", "nsg-spoke-pe"),
            guarded("snet-apim", "10.20.6.0/27", "nsg-spoke-app"),
            Subnet { delegation: Some("Microsoft.App/environments"), ..plain("snet-aca", "10.20.8.0/23") },
            Subnet {
                route_table: Some("rt-spoke-apps"),
                service_endpoints: &["Microsoft.Storage", "Microsoft.ContainerRegistry"],
                ..plain("snet-aks", "10.20.16.0/20")
            },
        ],
        cost: "CC-4100",
        workload: "apps-spoke",
    },
    Vnet {
        name: SPOKE_DATA,
        location: EUS,
        prefix: "10.30.0.0/16",
        subnets: &[
            Subnet {
                route_table: Some("rt-sqlmi"),
                delegation: Some("Microsoft.Sql/managedInstances"),
                ..guarded("snet-sqlmi", "10.30.0.0/24", "nsg-sqlmi")
            },
            Subnet {
                route_table: Some("rt-spoke-data"),
                delegation: Some("Microsoft.DBforMySQL/flexibleServers"),
                ..guarded("snet-mysql", "10.30.1.0/24", "nsg-spoke-data")
            },
            Subnet {
                route_table: Some("rt-spoke-data"),
                delegation: Some("Microsoft.DBforPostgreSQL/flexibleServers"),
                ..guarded("snet-pgsql", "10.30.2.0/24", "nsg-spoke-data")
            },
            guarded("snet-pe", "10.30.3.0/24", "nsg-spoke-pe"),
            guarded("snet-redis", "10.30.4.0/24", "nsg-spoke-data"),
            Subnet {
                route_table: Some("rt-spoke-data"),
                service_endpoints: &["Microsoft.Storage"],
                ..guarded("snet-compute", "10.30.5.0/24", "nsg-spoke-data")
            },
            Subnet {
                delegation: Some("Microsoft.Databricks/workspaces"),
                ..guarded("snet-dbw-public", "10.30.8.0/24", "nsg-dbw-retail-analytics")
            },
            Subnet {
                delegation: Some("Microsoft.Databricks/workspaces"),
                ..guarded("snet-dbw-private", "10.30.9.0/24", "nsg-dbw-retail-analytics")
            },
        ],
        cost: "CC-4100",
        workload: "data-spoke",
    },
    Vnet {
        name: HUB_WEU,
        location: WEU,
        prefix: "10.40.0.0/16",
        subnets: &[
            Subnet {
                route_table: Some("rt-stores-weu"),
                service_endpoints: &["Microsoft.Sql"],
                ..guarded("snet-stores", "10.40.1.0/24", "nsg-stores-weu")
            },
            plain("snet-pe", "10.40.2.0/24"),
        ],
        cost: "CC-4110",
        workload: "stores-eu",
    },
    Vnet {
        name: STORES_SEA,
        location: SEA,
        prefix: "10.50.0.0/16",
        subnets: &[guarded("snet-stores", "10.50.1.0/24", "nsg-stores-sea")],
        cost: "CC-4120",
        workload: "stores-apac",
    },
];

/// Peerings between the hub and each spoke, written on both sides.
const PEERINGS: [(&str, &str); 4] = [(HUB, SPOKE_APPS), (HUB, SPOKE_DATA), (HUB, HUB_WEU), (HUB, STORES_SEA)];

fn vnet_plan(name: &str) -> &'static Vnet {
    VNETS.iter().find(|vnet| vnet.name == name).unwrap_or_else(|| panic!("no VNet {name} in the sample estate"))
}

pub(super) fn vnet_id(name: &str) -> String {
    rid(NET, "Microsoft.Network/virtualNetworks", name)
}

/// The id of a subnet the VNet table declares.
pub(super) fn subnet(vnet: &str, name: &str) -> String {
    let plan = vnet_plan(vnet);
    assert!(plan.subnets.iter().any(|s| s.name == name), "no subnet {name} in {vnet}");
    format!("{}/subnets/{name}", vnet_id(vnet))
}

/// The first three octets of a subnet's address prefix.
pub(super) fn private_prefix(subnet_id: &str) -> String {
    let parts: Vec<&str> = subnet_id.split('/').collect();
    let (vnet, name) = (parts[parts.len() - 3], parts[parts.len() - 1]);
    let prefix = vnet_plan(vnet).subnets.iter().find(|s| s.name == name).map_or("", |s| s.prefix);
    let address = prefix.split('/').next().unwrap_or_default();
    address.split('.').take(3).collect::<Vec<_>>().join(".")
}

pub(super) fn nsg_id(name: &str) -> String {
    rid(NET, "Microsoft.Network/networkSecurityGroups", name)
}

fn route_table_id(name: &str) -> String {
    rid(NET, "Microsoft.Network/routeTables", name)
}

pub(super) fn nat_gateway() -> String {
    rid(NET, "Microsoft.Network/natGateways", "ng-retail-apps-eus")
}

pub(super) fn asg_web() -> String {
    rid(NET, "Microsoft.Network/applicationSecurityGroups", "asg-retail-web")
}

pub(super) fn asg_app() -> String {
    rid(NET, "Microsoft.Network/applicationSecurityGroups", "asg-retail-app")
}

pub(super) fn firewall() -> String {
    rid(NET, "Microsoft.Network/azureFirewalls", "afw-retail-hub-eus")
}

pub(super) fn app_gateway() -> String {
    rid(NET, "Microsoft.Network/applicationGateways", "agw-retail-storefront-eus")
}

fn waf_policy() -> String {
    rid(NET, "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies", "wafp-retail-storefront")
}

pub(super) fn dns_mysql() -> String {
    rid(NET, "Microsoft.Network/privateDnsZones", "retail-cms.private.mysql.database.azure.com")
}

pub(super) fn dns_pg() -> String {
    rid(NET, "Microsoft.Network/privateDnsZones", "retail-inventory.private.postgres.database.azure.com")
}

const FIREWALL_IP: &str = "10.10.1.4";

/// An NSG rule: name, direction, access, priority, protocol, source, destination port.
type Rule = (&'static str, &'static str, &'static str, u32, &'static str, &'static str, &'static str);

const WEB_RULES: [Rule; 3] = [
    ("allow-https-from-appgw", "Inbound", "Allow", 100, "Tcp", "10.10.4.0/24", "443"),
    ("allow-http-lb-probe", "Inbound", "Allow", 110, "Tcp", "AzureLoadBalancer", "8080"),
    ("allow-ssh-from-bastion", "Inbound", "Allow", 120, "Tcp", "10.10.2.0/26", "22"),
];

fn nsg(e: &mut Estate, name: &str, location: &str, rules: &[Rule], tags: &Value) {
    let id = nsg_id(name);
    e.nsg_users.insert(id.clone(), Default::default());
    let security_rules: Vec<Value> = rules
        .iter()
        .map(|&(rule, direction, access, priority, protocol, source, port)| {
            json!({
                "name": rule,
                "id": format!("{id}/securityRules/{rule}"),
                "type": "Microsoft.Network/networkSecurityGroups/securityRules",
                "properties": {
                    "provisioningState": "Succeeded", "protocol": protocol, "sourcePortRange": "*",
                    "destinationPortRange": port, "sourceAddressPrefix": source, "destinationAddressPrefix": "*",
                    "access": access, "priority": priority, "direction": direction,
                    "sourcePortRanges": [], "destinationPortRanges": [], "sourceAddressPrefixes": [],
                    "destinationAddressPrefixes": [],
                },
            })
        })
        .collect();
    let defaults: Vec<Value> = [
        ("AllowVnetInBound", "Inbound", "Allow", 65000, "VirtualNetwork"),
        ("AllowAzureLoadBalancerInBound", "Inbound", "Allow", 65001, "AzureLoadBalancer"),
        ("DenyAllInBound", "Inbound", "Deny", 65500, "*"),
        ("AllowVnetOutBound", "Outbound", "Allow", 65000, "VirtualNetwork"),
        ("AllowInternetOutBound", "Outbound", "Allow", 65001, "*"),
        ("DenyAllOutBound", "Outbound", "Deny", 65500, "*"),
    ]
    .into_iter()
    .map(|(rule, direction, access, priority, source)| {
        json!({
            "name": rule,
            "id": format!("{id}/defaultSecurityRules/{rule}"),
            "type": "Microsoft.Network/networkSecurityGroups/defaultSecurityRules",
            "properties": {
                "provisioningState": "Succeeded", "protocol": "*", "sourcePortRange": "*",
                "destinationPortRange": "*", "sourceAddressPrefix": source, "destinationAddressPrefix": "*",
                "access": access, "priority": priority, "direction": direction,
            },
        })
    })
    .collect();
    let properties = json!({
        "provisioningState": "Succeeded", "resourceGuid": guid(&[&id]), "securityRules": security_rules,
        "defaultSecurityRules": defaults,
    });
    e.add(&id, "Microsoft.Network/networkSecurityGroups", location, properties).tags(tags);
}

/// A route: name, address prefix, next hop type, next hop address.
type Route = (&'static str, &'static str, &'static str, Option<&'static str>);

fn route_table(e: &mut Estate, name: &str, location: &str, routes: &[Route], tags: &Value) {
    let id = route_table_id(name);
    e.route_table_users.insert(id.clone(), Vec::new());
    let routes: Vec<Value> = routes
        .iter()
        .map(|&(route, prefix, hop_type, hop)| {
            let mut properties =
                json!({"provisioningState": "Succeeded", "addressPrefix": prefix, "nextHopType": hop_type});
            if let Some(hop) = hop {
                properties["nextHopIpAddress"] = json!(hop);
            }
            json!({
                "name": route, "id": format!("{id}/routes/{route}"), "type": "Microsoft.Network/routeTables/routes",
                "properties": properties,
            })
        })
        .collect();
    let properties = json!({
        "provisioningState": "Succeeded", "resourceGuid": guid(&[&id]), "disableBgpRoutePropagation": true,
        "routes": routes,
    });
    e.add(&id, "Microsoft.Network/routeTables", location, properties).tags(tags);
}

/// How a public IP is set up beyond its name: Basic SKU (and then dynamic), zones,
/// what uses it (a NAT gateway or an IP configuration), a DNS label.
#[derive(Default)]
pub(super) struct PublicIp<'a> {
    pub basic: bool,
    pub zones: Value,
    pub user: Option<&'a str>,
    pub dns: Option<&'a str>,
}

/// A public IP address; its address derives from its id.
pub(super) fn public_ip(
    e: &mut Estate,
    group: &str,
    name: &str,
    location: &str,
    tags: &Value,
    options: PublicIp<'_>,
) -> String {
    let id = rid(group, "Microsoft.Network/publicIPAddresses", name);
    let n = guid_number(&[&id], 6);
    let mut properties = json!({
        "provisioningState": "Succeeded", "resourceGuid": guid(&[&id]),
        "ipAddress": format!("{}.{}.{}.{}", 20 + n % 32, (n >> 5) % 250, (n >> 10) % 250, 1 + (n >> 15) % 250),
        "publicIPAddressVersion": "IPv4", "publicIPAllocationMethod": if options.basic { "Dynamic" } else { "Static" },
        "idleTimeoutInMinutes": 4, "ipTags": [],
    });
    if !options.basic {
        properties["ddosSettings"] = json!({"protectionMode": "VirtualNetworkInherited"});
    }
    if let Some(dns) = options.dns {
        properties["dnsSettings"] =
            json!({"domainNameLabel": dns, "fqdn": format!("{dns}.{location}.cloudapp.azure.com")});
    }
    if let Some(user) = options.user {
        let key = if user.contains("/natGateways/") { "natGateway" } else { "ipConfiguration" };
        properties[key] = link(user);
    }
    e.add(&id, "Microsoft.Network/publicIPAddresses", location, properties)
        .sku(json!({"name": if options.basic { "Basic" } else { "Standard" }, "tier": "Regional"}))
        .zones(options.zones)
        .tags(tags);
    id
}

/// NSGs, route tables, the NAT gateway, application security groups, the firewall and
/// its policy, Bastion, the VPN gateway to headquarters, and the WAF policy.
pub(super) fn hub_and_spokes(e: &mut Estate) {
    let net = tag_net();
    let eu = tags_for("network", "netops", "CC-4110", "stores-eu");
    let apac = tags_for("network", "netops", "CC-4120", "stores-apac");

    let bastion_ssh = ("allow-ssh-from-bastion", "Inbound", "Allow", 110, "Tcp", "10.10.2.0/26", "22");
    nsg(
        e,
        "nsg-hub-shared",
        EUS,
        &[
            ("allow-rdp-from-bastion", "Inbound", "Allow", 100, "Tcp", "10.10.2.0/26", "3389"),
            bastion_ssh,
            ("allow-ssh-from-hq", "Inbound", "Allow", 120, "Tcp", "203.0.113.0/24", "22"),
        ],
        &net,
    );
    nsg(
        e,
        "nsg-bastion",
        EUS,
        &[
            ("AllowHttpsInbound", "Inbound", "Allow", 120, "Tcp", "Internet", "443"),
            ("AllowGatewayManagerInbound", "Inbound", "Allow", 130, "Tcp", "GatewayManager", "443"),
            ("AllowSshRdpOutbound", "Outbound", "Allow", 100, "*", "*", "22-3389"),
        ],
        &net,
    );
    nsg(
        e,
        "nsg-appgw",
        EUS,
        &[
            ("AllowGatewayManager", "Inbound", "Allow", 100, "Tcp", "GatewayManager", "65200-65535"),
            ("AllowHttps", "Inbound", "Allow", 110, "Tcp", "Internet", "443"),
        ],
        &net,
    );
    nsg(e, "nsg-spoke-web", EUS, &WEB_RULES, &net);
    nsg(
        e,
        "nsg-spoke-app",
        EUS,
        &[("allow-api-from-web", "Inbound", "Allow", 100, "Tcp", "10.20.1.0/24", "8443"), bastion_ssh],
        &net,
    );
    nsg(e, "nsg-spoke-pe", EUS, &[("deny-internet", "Inbound", "Deny", 4000, "*", "Internet", "*")], &net);
    nsg(
        e,
        "nsg-sqlmi",
        EUS,
        &[
            ("allow-tds-inbound", "Inbound", "Allow", 1000, "Tcp", "VirtualNetwork", "1433"),
            ("allow-redirect-inbound", "Inbound", "Allow", 1100, "Tcp", "VirtualNetwork", "11000-11999"),
        ],
        &net,
    );
    nsg(
        e,
        "nsg-spoke-data",
        EUS,
        &[
            ("allow-pg-from-apps", "Inbound", "Allow", 100, "Tcp", "10.20.0.0/16", "5432"),
            ("allow-mysql-from-apps", "Inbound", "Allow", 110, "Tcp", "10.20.0.0/16", "3306"),
            ("allow-redis-from-apps", "Inbound", "Allow", 120, "Tcp", "10.20.0.0/16", "6379-6380"),
        ],
        &net,
    );
    nsg(
        e,
        "nsg-stores-weu",
        WEU,
        &[WEB_RULES[0], WEB_RULES[1], ("allow-pos-sync", "Inbound", "Allow", 130, "Tcp", "198.51.100.0/24", "8443")],
        &eu,
    );
    nsg(
        e,
        "nsg-stores-sea",
        SEA,
        &[WEB_RULES[0], WEB_RULES[1], ("allow-pos-sync", "Inbound", "Allow", 130, "Tcp", "192.0.2.0/24", "8443")],
        &apac,
    );
    nsg(e, "vm-jump-01-nsg", EUS, &[("SSH", "Inbound", "Allow", 300, "Tcp", "*", "22")], &net);
    nsg(
        e,
        "nsg-dbw-retail-analytics",
        EUS,
        &[
            (
                "Microsoft.Databricks-workspaces_UseOnly_databricks-worker-to-worker-inbound",
                "Inbound",
                "Allow",
                100,
                "*",
                "VirtualNetwork",
                "*",
            ),
            (
                "Microsoft.Databricks-workspaces_UseOnly_databricks-worker-to-webapp",
                "Outbound",
                "Allow",
                100,
                "Tcp",
                "VirtualNetwork",
                "443",
            ),
        ],
        &net,
    );

    let via_firewall = Some(FIREWALL_IP);
    route_table(
        e,
        "rt-spoke-apps",
        EUS,
        &[
            ("default-via-firewall", "0.0.0.0/0", "VirtualAppliance", via_firewall),
            ("hq-via-firewall", "172.16.0.0/12", "VirtualAppliance", via_firewall),
        ],
        &net,
    );
    route_table(
        e,
        "rt-spoke-data",
        EUS,
        &[("default-via-firewall", "0.0.0.0/0", "VirtualAppliance", via_firewall)],
        &net,
    );
    route_table(
        e,
        "rt-sqlmi",
        EUS,
        &[
            ("mi-management", "0.0.0.0/0", "Internet", None),
            ("mi-subnet-to-vnetlocal", "10.30.0.0/24", "VnetLocal", None),
        ],
        &net,
    );
    route_table(e, "rt-stores-weu", WEU, &[("hq-via-hub", "172.16.0.0/12", "VirtualAppliance", via_firewall)], &eu);

    let nat = nat_gateway();
    let nat_ip = public_ip(
        e,
        NET,
        "pip-ng-retail-apps-eus",
        EUS,
        &net,
        PublicIp { zones: json!(["1"]), user: Some(&nat), ..Default::default() },
    );
    let properties = json!({
        "provisioningState": "Succeeded", "resourceGuid": guid(&["nat"]), "idleTimeoutInMinutes": 10,
        "publicIpAddresses": [link(&nat_ip)], "subnets": [link(&subnet(SPOKE_APPS, "snet-app"))],
    });
    e.add(&nat, "Microsoft.Network/natGateways", EUS, properties)
        .sku(json!({"name": "Standard"}))
        .zones(json!(["1"]))
        .tags(&net);

    for (id, seed) in [(asg_web(), "asg-web"), (asg_app(), "asg-app")] {
        let properties = json!({"provisioningState": "Succeeded", "resourceGuid": guid(&[seed])});
        e.add(&id, "Microsoft.Network/applicationSecurityGroups", EUS, properties).tags(&net);
    }

    // Azure Firewall with its policy
    let fw = firewall();
    let policy = rid(NET, "Microsoft.Network/firewallPolicies", "afwp-retail-hub");
    let fw_ipconfig = format!("{fw}/azureFirewallIpConfigurations/ipconfig-fw");
    let fw_ip = public_ip(
        e,
        NET,
        "pip-afw-retail-hub-eus",
        EUS,
        &net,
        PublicIp { zones: json!(["1", "2", "3"]), user: Some(&fw_ipconfig), ..Default::default() },
    );
    let properties = json!({
        "provisioningState": "Succeeded", "sku": {"tier": "Premium"}, "threatIntelMode": "Deny",
        "dnsSettings": {"enableProxy": true, "servers": []},
        "intrusionDetection": {"mode": "Alert"},
        "insights": {"isEnabled": true, "retentionDays": 30,
                     "logAnalyticsResources": {"defaultWorkspaceId": link(&monitoring::law()), "workspaces": []}},
        "ruleCollectionGroups": [link(&format!("{policy}/ruleCollectionGroups/rcg-retail-default"))],
        "firewalls": [link(&fw)], "childPolicies": [],
    });
    e.add(&policy, "Microsoft.Network/firewallPolicies", EUS, properties).tags(&net);
    let fw_subnet = subnet(HUB, "AzureFirewallSubnet");
    e.use_subnet(&fw_subnet, &fw_ipconfig);
    let properties = json!({
        "provisioningState": "Succeeded", "sku": {"name": "AZFW_VNet", "tier": "Premium"}, "threatIntelMode": "Deny",
        "additionalProperties": {}, "firewallPolicy": link(&policy),
        "ipConfigurations": [{"name": "ipconfig-fw", "id": fw_ipconfig,
                              "properties": {"provisioningState": "Succeeded", "privateIPAddress": FIREWALL_IP,
                                             "publicIPAddress": link(&fw_ip), "subnet": link(&fw_subnet)}}],
        "networkRuleCollections": [], "applicationRuleCollections": [], "natRuleCollections": [],
        "hubIPAddresses": {"privateIPAddress": FIREWALL_IP},
    });
    e.add(&fw, "Microsoft.Network/azureFirewalls", EUS, properties).zones(json!(["1", "2", "3"])).tags(&net);

    // Bastion
    let bastion = rid(NET, "Microsoft.Network/bastionHosts", "bas-retail-hub-eus");
    let bastion_ipconfig = format!("{bastion}/bastionHostIpConfigurations/IpConf");
    let bastion_ip = public_ip(
        e,
        NET,
        "pip-bas-retail-hub-eus",
        EUS,
        &net,
        PublicIp { user: Some(&bastion_ipconfig), ..Default::default() },
    );
    let bastion_subnet = subnet(HUB, "AzureBastionSubnet");
    e.use_subnet(&bastion_subnet, &bastion_ipconfig);
    let properties = json!({
        "provisioningState": "Succeeded", "dnsName": "bst-6b1f2c7d-52a0-4e0c-9f1b-3c4d5e6f7a8b.bastion.azure.com",
        "scaleUnits": 2, "enableTunneling": true, "enableIpConnect": false, "enableShareableLink": false,
        "disableCopyPaste": false, "enableFileCopy": true,
        "ipConfigurations": [{"name": "IpConf", "id": bastion_ipconfig,
                              "properties": {"provisioningState": "Succeeded", "privateIPAllocationMethod": "Dynamic",
                                             "publicIPAddress": link(&bastion_ip), "subnet": link(&bastion_subnet)}}],
    });
    e.add(&bastion, "Microsoft.Network/bastionHosts", EUS, properties).sku(json!({"name": "Standard"})).tags(&net);

    // VPN gateway to headquarters
    let vpn = rid(NET, "Microsoft.Network/virtualNetworkGateways", "vgw-retail-hub-eus");
    let vpn_ipconfig = format!("{vpn}/ipConfigurations/default");
    let vpn_ip = public_ip(
        e,
        NET,
        "pip-vgw-retail-hub-eus",
        EUS,
        &net,
        PublicIp { zones: json!(["1", "2", "3"]), user: Some(&vpn_ipconfig), ..Default::default() },
    );
    let gateway_subnet = subnet(HUB, "GatewaySubnet");
    e.use_subnet(&gateway_subnet, &vpn_ipconfig);
    let properties = json!({
        "provisioningState": "Succeeded", "resourceGuid": guid(&["vpngw"]),
        "sku": {"name": "VpnGw2AZ", "tier": "VpnGw2AZ", "capacity": 2}, "gatewayType": "Vpn", "vpnType": "RouteBased",
        "vpnGatewayGeneration": "Generation2", "enableBgp": true, "activeActive": false, "enablePrivateIpAddress": false,
        "ipConfigurations": [{"name": "default", "id": vpn_ipconfig,
                              "properties": {"provisioningState": "Succeeded", "privateIPAllocationMethod": "Dynamic",
                                             "publicIPAddress": link(&vpn_ip), "subnet": link(&gateway_subnet)}}],
        "bgpSettings": {"asn": 65515, "bgpPeeringAddress": "10.10.0.30", "peerWeight": 0,
                        "bgpPeeringAddresses": [{"ipconfigurationId": vpn_ipconfig,
                                                 "defaultBgpIpAddresses": ["10.10.0.30"], "customBgpIpAddresses": [],
                                                 "tunnelIpAddresses": []}]},
    });
    e.add(&vpn, "Microsoft.Network/virtualNetworkGateways", EUS, properties).tags(&net);
    let local = rid(NET, "Microsoft.Network/localNetworkGateways", "lgw-retail-hq-seattle");
    let properties = json!({
        "provisioningState": "Succeeded", "resourceGuid": guid(&["lng"]), "gatewayIpAddress": "203.0.113.10",
        "localNetworkAddressSpace": {"addressPrefixes": ["172.16.0.0/12"]},
        "bgpSettings": {"asn": 65010, "bgpPeeringAddress": "172.16.0.1", "peerWeight": 0},
    });
    e.add(&local, "Microsoft.Network/localNetworkGateways", EUS, properties).tags(&net);
    let properties = json!({
        "provisioningState": "Succeeded", "resourceGuid": guid(&["conn"]), "connectionType": "IPsec",
        "connectionProtocol": "IKEv2", "routingWeight": 0, "enableBgp": true, "useLocalAzureIpAddress": false,
        "usePolicyBasedTrafficSelectors": false, "virtualNetworkGateway1": link(&vpn), "localNetworkGateway2": link(&local),
        "connectionStatus": "Connected", "ingressBytesTransferred": 18_734_455_112_u64,
        "egressBytesTransferred": 9_251_773_301_u64, "dpdTimeoutSeconds": 45, "connectionMode": "Default",
        "ipsecPolicies": [], "trafficSelectorPolicies": [],
    });
    e.add(
        &rid(NET, "Microsoft.Network/connections", "cn-retail-hub-to-hq"),
        "Microsoft.Network/connections",
        EUS,
        properties,
    )
    .tags(&net);

    // The WAF policy of the Application Gateway in front of the storefront
    let properties = json!({
        "provisioningState": "Succeeded", "resourceState": "Enabled",
        "policySettings": {"state": "Enabled", "mode": "Prevention", "requestBodyCheck": true,
                           "maxRequestBodySizeInKb": 128, "fileUploadLimitInMb": 100},
        "managedRules": {"managedRuleSets": [{"ruleSetType": "Microsoft_DefaultRuleSet", "ruleSetVersion": "2.1",
                                              "ruleGroupOverrides": []},
                                             {"ruleSetType": "Microsoft_BotManagerRuleSet", "ruleSetVersion": "1.0",
                                              "ruleGroupOverrides": []}],
                         "exclusions": []},
        "customRules": [{"name": "BlockSanctionedGeos", "priority": 10, "ruleType": "MatchRule", "action": "Block",
                         "state": "Enabled",
                         "matchConditions": [{"matchVariables": [{"variableName": "RemoteAddr"}], "operator": "GeoMatch",
                                              "negationConditon": false, "matchValues": ["KP", "IR"],
                                              "transforms": []}]}],
        "applicationGateways": [link(&app_gateway())],
    });
    e.add(&waf_policy(), "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies", EUS, properties)
        .tags(&net);
}

/// The Application Gateway v2 in front of the storefront, with its public IP.
pub(super) fn application_gateway(e: &mut Estate) {
    let net = tag_net();
    let gw = app_gateway();
    let frontend = format!("{gw}/frontendIPConfigurations/appGwPublicFrontendIp");
    let gw_ip = public_ip(
        e,
        NET,
        "pip-agw-retail-storefront-eus",
        EUS,
        &net,
        PublicIp {
            zones: json!(["1", "2", "3"]),
            user: Some(&frontend),
            dns: Some("contoso-retail-shop"),
            basic: false,
        },
    );
    let gw_subnet = subnet(HUB, "snet-appgw");
    let gw_ipconfig = format!("{gw}/gatewayIPConfigurations/appGatewayIpConfig");
    e.use_subnet(&gw_subnet, &gw_ipconfig);
    let part = |path: &str| format!("{gw}/{path}");
    let properties = json!({
        "provisioningState": "Succeeded", "resourceGuid": guid(&[&gw]), "operationalState": "Running",
        "sku": {"name": "WAF_v2", "tier": "WAF_v2", "family": "Generation_1"},
        "autoscaleConfiguration": {"minCapacity": 2, "maxCapacity": 10},
        "gatewayIPConfigurations": [{"name": "appGatewayIpConfig", "id": gw_ipconfig,
                                     "properties": {"provisioningState": "Succeeded", "subnet": link(&gw_subnet)}}],
        "sslCertificates": [{"name": "shop-contoso-retail", "id": part("sslCertificates/shop-contoso-retail"),
                             "properties": {"provisioningState": "Succeeded",
                                            "keyVaultSecretId": "https://kv-retail-prod-eus.vault.azure.net/secrets/shop-contoso-retail-tls"}}],
        "frontendIPConfigurations": [{"name": "appGwPublicFrontendIp", "id": frontend,
                                      "properties": {"provisioningState": "Succeeded",
                                                     "privateIPAllocationMethod": "Dynamic",
                                                     "publicIPAddress": link(&gw_ip)}}],
        "frontendPorts": [{"name": "port_443", "id": part("frontendPorts/port_443"), "properties": {"port": 443}}],
        "backendAddressPools": [{"name": "be-storefront", "id": part("backendAddressPools/be-storefront"),
                                 "properties": {"backendAddresses": [{"fqdn": "app-retail-storefront.azurewebsites.net"}]}},
                                {"name": "be-web-vms", "id": part("backendAddressPools/be-web-vms"),
                                 "properties": {"backendAddresses": [{"ipAddress": "10.20.1.250"}]}}],
        "backendHttpSettingsCollection": [{"name": "https-storefront",
                                           "id": part("backendHttpSettingsCollection/https-storefront"),
                                           "properties": {"port": 443, "protocol": "Https", "cookieBasedAffinity": "Disabled",
                                                          "pickHostNameFromBackendAddress": true, "requestTimeout": 30,
                                                          "probe": link(&part("probes/storefront-health"))}}],
        "httpListeners": [{"name": "https-shop", "id": part("httpListeners/https-shop"),
                           "properties": {"frontendIPConfiguration": link(&frontend),
                                          "frontendPort": link(&part("frontendPorts/port_443")), "protocol": "Https",
                                          "sslCertificate": link(&part("sslCertificates/shop-contoso-retail")),
                                          "hostName": "shop.contoso-retail.example", "requireServerNameIndication": true}}],
        "requestRoutingRules": [{"name": "shop-to-storefront", "id": part("requestRoutingRules/shop-to-storefront"),
                                 "properties": {"ruleType": "Basic", "priority": 100,
                                                "httpListener": link(&part("httpListeners/https-shop")),
                                                "backendAddressPool": link(&part("backendAddressPools/be-storefront")),
                                                "backendHttpSettings": link(&part("backendHttpSettingsCollection/https-storefront"))}}],
        "probes": [{"name": "storefront-health", "id": part("probes/storefront-health"),
                    "properties": {"protocol": "Https", "path": "/health", "interval": 30, "timeout": 30,
                                   "unhealthyThreshold": 3, "pickHostNameFromBackendHttpSettings": true}}],
        "sslPolicy": {"policyType": "Predefined", "policyName": "AppGwSslPolicy20220101"},
        "enableHttp2": true, "firewallPolicy": link(&waf_policy()), "forceFirewallPolicyAssociation": true,
    });
    e.add(&gw, "Microsoft.Network/applicationGateways", EUS, properties)
        .zones(json!(["1", "2", "3"]))
        .identity(user_identity("appgw", &[&id_appgw()], false))
        .tags(&net);
    monitoring::diagnostics(e, &gw, &["ApplicationGatewayAccessLog", "ApplicationGatewayFirewallLog"], None);
    monitoring::diagnostics(e, &firewall(), &["AZFWApplicationRule", "AZFWNetworkRule", "AZFWDnsQuery"], None);
}

/// A private endpoint, declared with its target; written by [`private_endpoints`] once
/// every endpoint is known, the target's back-reference by the target's writer.
pub(super) struct PrivateEndpoint {
    id: String,
    name: String,
    location: String,
    subnet: String,
    target: String,
    group: String,
    zones: Vec<String>,
    tags: Value,
}

/// Declares a private endpoint in `group` (resource group) and returns its id.
#[allow(clippy::too_many_arguments)] // the columns of one declaration
pub(super) fn private_endpoint(
    e: &mut Estate,
    name: &str,
    location: &str,
    subnet_id: &str,
    target: &str,
    group_id: &str,
    zones: &[&str],
    tags: &Value,
    group: &str,
) -> String {
    let id = rid(group, "Microsoft.Network/privateEndpoints", name);
    e.private_endpoints.push(PrivateEndpoint {
        id: id.clone(),
        name: name.to_string(),
        location: location.to_string(),
        subnet: subnet_id.to_string(),
        target: target.to_string(),
        group: group_id.to_string(),
        zones: zones.iter().map(|z| z.to_string()).collect(),
        tags: tags.clone(),
    });
    id
}

/// The connection a private endpoint's target lists.
pub(super) fn pe_connection(target: &str, endpoint: &str) -> Value {
    let name = last(endpoint);
    json!({
        "id": format!("{target}/privateEndpointConnections/{name}.{}", guid(&["pec", name])),
        "properties": {"privateEndpoint": link(endpoint), "groupIds": null,
                       "privateLinkServiceConnectionState": {"status": "Approved", "description": "Auto-approved",
                                                             "actionsRequired": "None"},
                       "provisioningState": "Succeeded"},
    })
}

/// The private endpoints with their NICs, then the private DNS zones with their links.
pub(super) fn private_endpoints(e: &mut Estate) {
    let mut zones: BTreeMap<String, usize> = BTreeMap::new();
    for pe in std::mem::take(&mut e.private_endpoints) {
        let (id, name) = (&pe.id, &pe.name);
        let group = pe.id.split('/').nth(4).unwrap_or_default();
        let nic = rid(group, "Microsoft.Network/networkInterfaces", &format!("{name}.nic.{}", guid(&["penic", name])));
        let in_subnet = e.subnet_endpoints.get(&pe.subnet).map_or(0, Vec::len);
        let ip = format!("{}.{}", private_prefix(&pe.subnet), 10 + in_subnet);
        let zone = pe.zones.first().map_or("", String::as_str);
        let fqdn = format!("{}.{}", last(&pe.target), zone.strip_prefix("privatelink.").unwrap_or(zone));
        let ipconfig_name = format!("privateEndpointIpConfig.{}", guid(&["peip", name]));
        let ipconfig = format!("{nic}/ipConfigurations/{ipconfig_name}");
        e.subnet_endpoints.entry(pe.subnet.clone()).or_default().push(link(id));
        e.use_subnet(&pe.subnet, &ipconfig);
        let properties = json!({
            "provisioningState": "Succeeded", "resourceGuid": guid(&[id]), "subnet": link(&pe.subnet),
            "networkInterfaces": [link(&nic)], "customNetworkInterfaceName": "",
            "privateLinkServiceConnections": [{"name": name, "id": format!("{id}/privateLinkServiceConnections/{name}"),
                                               "type": "Microsoft.Network/privateEndpoints/privateLinkServiceConnections",
                                               "properties": {"provisioningState": "Succeeded",
                                                              "privateLinkServiceId": pe.target,
                                                              "groupIds": [pe.group],
                                                              "privateLinkServiceConnectionState": {
                                                                  "status": "Approved", "description": "Auto-Approved",
                                                                  "actionsRequired": "None"}}}],
            "manualPrivateLinkServiceConnections": [],
            "customDnsConfigs": [{"fqdn": fqdn, "ipAddresses": [ip]}],
            "ipConfigurations": [], "applicationSecurityGroups": [],
        });
        e.add(id, "Microsoft.Network/privateEndpoints", &pe.location, properties).tags(&pe.tags);
        let properties = json!({
            "provisioningState": "Succeeded", "resourceGuid": guid(&[&nic]),
            "ipConfigurations": [{"name": ipconfig_name, "id": ipconfig,
                                  "type": "Microsoft.Network/networkInterfaces/ipConfigurations",
                                  "properties": {"provisioningState": "Succeeded", "privateIPAddress": ip,
                                                 "privateIPAllocationMethod": "Dynamic", "subnet": link(&pe.subnet),
                                                 "primary": true, "privateIPAddressVersion": "IPv4",
                                                 "privateLinkConnectionProperties": {"groupId": pe.group,
                                                                                     "requiredMemberName": pe.group,
                                                                                     "fqdns": [fqdn]}}}],
            "dnsSettings": {"dnsServers": [], "appliedDnsServers": []}, "enableAcceleratedNetworking": false,
            "enableIPForwarding": false, "privateEndpoint": link(id), "nicType": "Standard",
            "vnetEncryptionSupported": false,
        });
        e.add(&nic, "Microsoft.Network/networkInterfaces", &pe.location, properties);
        for zone in &pe.zones {
            *zones.entry(zone.clone()).or_default() += 1;
        }
    }
    for zone in [dns_mysql(), dns_pg()] {
        zones.entry(last(&zone).to_string()).or_default();
    }
    let net = tag_net();
    for (zone, records) in zones {
        let zone_id = rid(NET, "Microsoft.Network/privateDnsZones", &zone);
        let links = if zone.ends_with("mysql.database.azure.com") || zone.ends_with("postgres.database.azure.com") {
            [HUB, SPOKE_DATA]
        } else {
            [HUB, HUB_WEU]
        };
        let properties = json!({
            "maxNumberOfRecordSets": 25000, "maxNumberOfVirtualNetworkLinks": 1000,
            "maxNumberOfVirtualNetworkLinksWithRegistration": 100, "numberOfRecordSets": records + 1,
            "numberOfVirtualNetworkLinks": links.len(), "numberOfVirtualNetworkLinksWithRegistration": 0,
            "provisioningState": "Succeeded", "internalId": guid(&["zone", &zone]).replace('-', ""),
        });
        e.add(&zone_id, "Microsoft.Network/privateDnsZones", "global", properties).tags(&net);
        for vnet in links {
            let properties = json!({
                "virtualNetwork": link(&vnet_id(vnet)), "registrationEnabled": false,
                "virtualNetworkLinkState": "Completed", "provisioningState": "Succeeded", "resolutionPolicy": "Default",
            });
            let link_id = format!("{zone_id}/virtualNetworkLinks/link-{vnet}");
            e.add(&link_id, "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "global", properties).tags(&net);
        }
    }
}

/// The VNets, whose subnets list the IP configurations and private endpoints in them;
/// then the subnets and NICs each NSG and route table serves.
pub(super) fn virtual_networks(e: &mut Estate) {
    for vnet in &VNETS {
        let id = vnet_id(vnet.name);
        let mut subnets = Vec::new();
        for s in vnet.subnets {
            let subnet_id = format!("{id}/subnets/{}", s.name);
            let mut properties = json!({"provisioningState": "Succeeded", "addressPrefix": s.prefix});
            if let Some(nsg) = s.nsg {
                properties["networkSecurityGroup"] = link(&nsg_id(nsg));
                e.nsg_users.entry(nsg_id(nsg)).or_default().subnets.push(link(&subnet_id));
            }
            if let Some(table) = s.route_table {
                properties["routeTable"] = link(&route_table_id(table));
                e.route_table_users.entry(route_table_id(table)).or_default().push(link(&subnet_id));
            }
            if s.nat_gateway {
                properties["natGateway"] = link(&nat_gateway());
            }
            properties["serviceEndpoints"] = s
                .service_endpoints
                .iter()
                .map(|service| {
                    json!({"provisioningState": "Succeeded", "service": service, "locations": [vnet.location, "westus"]})
                })
                .collect();
            properties["delegations"] = match s.delegation {
                Some(service) => json!([{
                    "name": "delegation", "id": format!("{subnet_id}/delegations/delegation"),
                    "type": "Microsoft.Network/virtualNetworks/subnets/delegations",
                    "properties": {"provisioningState": "Succeeded", "serviceName": service,
                                   "actions": ["Microsoft.Network/virtualNetworks/subnets/join/action"]},
                }]),
                None => json!([]),
            };
            if let Some(ipconfigs) = e.subnet_ipconfigs.get(&subnet_id) {
                properties["ipConfigurations"] = json!(ipconfigs);
            }
            if let Some(endpoints) = e.subnet_endpoints.get(&subnet_id) {
                properties["privateEndpoints"] = json!(endpoints);
            }
            properties["privateEndpointNetworkPolicies"] =
                json!(if s.name == "snet-pe" { "Disabled" } else { "Enabled" });
            properties["privateLinkServiceNetworkPolicies"] = json!("Enabled");
            subnets.push(json!({
                "name": s.name, "id": subnet_id, "type": "Microsoft.Network/virtualNetworks/subnets",
                "properties": properties,
            }));
        }
        let peerings: Vec<Value> = PEERINGS
            .iter()
            .filter_map(|&(hub, spoke)| match vnet.name {
                name if name == hub => Some((spoke, true)),
                name if name == spoke => Some((hub, false)),
                _ => None,
            })
            .map(|(remote, from_hub)| {
                let remote_plan = vnet_plan(remote);
                let peer = format!(
                    "peer-{}-to-{}",
                    vnet.name.strip_prefix("vnet-").unwrap_or(vnet.name),
                    remote.strip_prefix("vnet-").unwrap_or(remote)
                );
                json!({
                    "name": peer, "id": format!("{id}/virtualNetworkPeerings/{peer}"),
                    "type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
                    "properties": {"provisioningState": "Succeeded", "resourceGuid": guid(&[&id, remote]),
                                   "peeringState": "Connected", "peeringSyncLevel": "FullyInSync",
                                   "remoteVirtualNetwork": link(&vnet_id(remote)), "allowVirtualNetworkAccess": true,
                                   "allowForwardedTraffic": true, "allowGatewayTransit": from_hub && vnet.name == HUB,
                                   "useRemoteGateways": !from_hub && remote == HUB, "doNotVerifyRemoteGateways": false,
                                   "remoteAddressSpace": {"addressPrefixes": [remote_plan.prefix]},
                                   "remoteVirtualNetworkAddressSpace": {"addressPrefixes": [remote_plan.prefix]}},
                })
            })
            .collect();
        let properties = json!({
            "provisioningState": "Succeeded", "resourceGuid": guid(&[&id]),
            "addressSpace": {"addressPrefixes": [vnet.prefix]},
            "dhcpOptions": {"dnsServers": []}, "subnets": subnets, "virtualNetworkPeerings": peerings,
            "enableDdosProtection": false, "privateEndpointVNetPolicies": "Disabled",
        });
        let tags = tags_for("network", "netops", vnet.cost, vnet.workload);
        e.add(&id, "Microsoft.Network/virtualNetworks", vnet.location, properties).tags(&tags);
    }
    for (nsg, users) in std::mem::take(&mut e.nsg_users) {
        let Some(properties) = e.properties_mut(&nsg) else { continue };
        if !users.subnets.is_empty() {
            properties.insert("subnets".to_string(), Value::Array(users.subnets));
        }
        if !users.network_interfaces.is_empty() {
            properties.insert("networkInterfaces".to_string(), Value::Array(users.network_interfaces));
        }
    }
    for (table, users) in std::mem::take(&mut e.route_table_users) {
        if let Some(properties) = e.properties_mut(&table) {
            properties.insert("subnets".to_string(), Value::Array(users));
        }
    }
}

#!/usr/bin/env python3
"""Writes data/sample-estate.json, the sample estate RegionShift ships with.

Everything in it is fictional: the company ("Contoso Retail"), the subscription
and tenant GUIDs, names, addresses, keys and e-mail addresses are made up. Only
the shapes are real: the file is what `az graph query -q "Resources | project id,
name, type, location, resourceGroup, subscriptionId, kind, sku, zones, tags,
identity, managedBy, plan, properties" -o json` prints for an estate of this
kind, with property bodies shaped like Resource Graph rows.

The estate is a global-Azure retail company about to move into Azure China. It
runs mostly in eastus, with store back-ends in westeurope and southeastasia, and
holds on purpose the things a move into Azure China trips over: VM sizes, disk
SKUs, storage redundancy and App Service tiers China lacks or has in one region
only, services China does not offer, a Basic public IP and a classic cloud
service.

Every reference is consistent: NICs point at existing subnets, VMs at their NICs
and disks, disks back at their VMs, private endpoints at their targets and
subnets, web apps at their plans and integration subnets, monitoring at its
workspace. The script checks that before writing.

Deterministic: GUIDs are UUIDv5 of the resource names, so running it twice gives
the same bytes. Python 3 standard library only.

    python3 scripts/make-sample-estate.py            # writes data/sample-estate.json
    python3 scripts/make-sample-estate.py --check    # fails if the file is stale
"""

import json
import pathlib
import sys
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "data" / "sample-estate.json"

NAMESPACE = uuid.UUID("6f0c2a4e-3b1d-5e7f-8a9b-0c1d2e3f4a5b")
TENANT = "5a1d3c9e-7b2f-4e6a-8c0d-1f9e3b7a2c64"
SUB = "3f1c7a52-9d4e-4b8a-a6f3-2c5e8d1b7a90"  # Contoso Retail - Production
SUB_LABS = "8b2e4f61-3c7d-4e19-9a05-d6f2b81c4e37"  # Contoso Retail - Innovation

NET = "rg-retail-network"
DATA = "rg-retail-data"
APPS = "rg-retail-apps"
MON = "rg-retail-monitoring"
LABS = "rg-retail-innovation"
AKS_NODES = "MC_rg-retail-apps_aks-retail-prod_eastus"

EUS, WEU, SEA, EUS2 = "eastus", "westeurope", "southeastasia", "eastus2"


def guid(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def rid(rg, rtype, name, sub=SUB):
    return f"/subscriptions/{sub}/resourceGroups/{rg}/providers/{rtype}/{name}"


def ref(target):
    return {"id": target}


def stamp(*parts):
    """A fixed, plausible creation time derived from the name."""
    n = int(guid("time", *parts)[:8], 16)
    return f"20{21 + n % 3}-{1 + n % 12:02d}-{1 + (n >> 4) % 28:02d}T{(n >> 9) % 24:02d}:{(n >> 14) % 60:02d}:{(n >> 20) % 60:02d}.{n % 9999999:07d}Z"


def tags(app, env="prod", owner="platform", cost="CC-4100", workload=None, **extra):
    t = {"app": app, "env": env, "owner": f"{owner}@contoso-retail.example", "costCenter": cost, "workload": workload or app}
    t.update(extra)
    return t


TAG_NET = tags("network", owner="netops", cost="CC-4100", workload="connectivity")
TAG_MON = tags("monitoring", owner="platform", cost="CC-4100", workload="observability")
TAG_SEC = tags("security", owner="secops", cost="CC-4150", workload="identity")


class Estate:
    def __init__(self):
        self.records = {}
        self.subnet_ipconfigs = {}
        self.subnet_endpoints = {}
        self.nsg_users = {}
        self.route_table_users = {}

    def add(self, resource_id, rtype, location, properties, *, kind="", sku=None, zones=None, tag=None,
            identity=None, managed_by="", plan=None, name=None):
        parts = resource_id.split("/")
        if resource_id.lower() in (k.lower() for k in self.records):
            raise SystemExit(f"duplicate id {resource_id}")
        record = {
            "id": resource_id,
            "name": name or parts[-1],
            "type": rtype.lower(),
            "location": location,
            "resourceGroup": parts[4],
            "subscriptionId": parts[2],
            "kind": kind,
            "sku": sku,
            "zones": zones,
            "tags": tag if tag is not None else {},
            "identity": identity,
            "managedBy": managed_by,
            "plan": plan,
            "properties": properties,
        }
        self.records[resource_id] = record
        return resource_id

    def use_subnet(self, subnet, ipconfig):
        self.subnet_ipconfigs.setdefault(subnet, []).append(ref(ipconfig))

    def endpoint_in(self, subnet, endpoint):
        self.subnet_endpoints.setdefault(subnet, []).append(ref(endpoint))


E = Estate()


def system_identity(name):
    return {"type": "SystemAssigned", "principalId": guid("principal", name), "tenantId": TENANT}


def user_identity(name, *identities, system=False):
    ids = {i: {"principalId": guid("principal", i, name), "clientId": guid("client", i)} for i in identities}
    block = {"type": "SystemAssigned, UserAssigned" if system else "UserAssigned", "userAssignedIdentities": ids}
    if system:
        block["principalId"] = guid("principal", name)
        block["tenantId"] = TENANT
    return block


# ---------------------------------------------------------------------------
# Identity and security
# ---------------------------------------------------------------------------

def managed_identity(rg, name, location, tag, sub=SUB):
    return E.add(rid(rg, "Microsoft.ManagedIdentity/userAssignedIdentities", name, sub),
                 "Microsoft.ManagedIdentity/userAssignedIdentities", location,
                 {"tenantId": TENANT, "principalId": guid("principal", name), "clientId": guid("client", name)},
                 tag=tag)


ID_APPS = managed_identity(APPS, "id-retail-apps", EUS, tags("storefront", owner="ecom", cost="CC-4200"))
ID_AKS = managed_identity(APPS, "id-retail-aks", EUS, tags("aks", owner="platform", cost="CC-4100"))
ID_CMK = managed_identity(DATA, "id-retail-cmk", EUS, TAG_SEC)
ID_APPGW = managed_identity(NET, "id-retail-appgw", EUS, TAG_NET)
ID_KUBELET = managed_identity(AKS_NODES, "aks-retail-prod-agentpool", EUS, {})

KV_PROD = rid(DATA, "Microsoft.KeyVault/vaults", "kv-retail-prod-eus")
KV_WEU = rid(DATA, "Microsoft.KeyVault/vaults", "kv-retail-weu")


# ---------------------------------------------------------------------------
# Network: hub and spokes, shared network services
# ---------------------------------------------------------------------------

VNETS = {}


def vnet_plan(name, location, prefix, subnets, tag):
    """Declares a VNet; its body is written last, once every subnet user is known."""
    vnet = rid(NET, "Microsoft.Network/virtualNetworks", name)
    VNETS[name] = {"id": vnet, "location": location, "prefix": prefix, "subnets": subnets, "peerings": [], "tag": tag}
    return vnet


def subnet(vnet_name, subnet_name):
    plan = VNETS[vnet_name]
    if subnet_name not in plan["subnets"]:
        raise SystemExit(f"no subnet {subnet_name} in {vnet_name}")
    return f"{plan['id']}/subnets/{subnet_name}"


def nsg(name, location, rules, tag, rg=NET):
    nsg_id = rid(rg, "Microsoft.Network/networkSecurityGroups", name)
    E.nsg_users[nsg_id] = {"subnets": [], "networkInterfaces": []}
    security_rules = []
    for rule_name, direction, access, priority, protocol, source, port in rules:
        security_rules.append({
            "name": rule_name,
            "id": f"{nsg_id}/securityRules/{rule_name}",
            "type": "Microsoft.Network/networkSecurityGroups/securityRules",
            "properties": {
                "provisioningState": "Succeeded", "protocol": protocol, "sourcePortRange": "*",
                "destinationPortRange": port, "sourceAddressPrefix": source, "destinationAddressPrefix": "*",
                "access": access, "priority": priority, "direction": direction,
                "sourcePortRanges": [], "destinationPortRanges": [], "sourceAddressPrefixes": [],
                "destinationAddressPrefixes": [],
            },
        })
    defaults = []
    for rule_name, direction, access, priority, source in [
        ("AllowVnetInBound", "Inbound", "Allow", 65000, "VirtualNetwork"),
        ("AllowAzureLoadBalancerInBound", "Inbound", "Allow", 65001, "AzureLoadBalancer"),
        ("DenyAllInBound", "Inbound", "Deny", 65500, "*"),
        ("AllowVnetOutBound", "Outbound", "Allow", 65000, "VirtualNetwork"),
        ("AllowInternetOutBound", "Outbound", "Allow", 65001, "*"),
        ("DenyAllOutBound", "Outbound", "Deny", 65500, "*"),
    ]:
        defaults.append({
            "name": rule_name,
            "id": f"{nsg_id}/defaultSecurityRules/{rule_name}",
            "type": "Microsoft.Network/networkSecurityGroups/defaultSecurityRules",
            "properties": {"provisioningState": "Succeeded", "protocol": "*", "sourcePortRange": "*",
                           "destinationPortRange": "*", "sourceAddressPrefix": source, "destinationAddressPrefix": "*",
                           "access": access, "priority": priority, "direction": direction},
        })
    E.add(nsg_id, "Microsoft.Network/networkSecurityGroups", location,
          {"provisioningState": "Succeeded", "resourceGuid": guid(nsg_id), "securityRules": security_rules,
           "defaultSecurityRules": defaults},
          tag=tag)
    return nsg_id


def route_table(name, location, routes, tag):
    rt_id = rid(NET, "Microsoft.Network/routeTables", name)
    E.route_table_users[rt_id] = []
    E.add(rt_id, "Microsoft.Network/routeTables", location, {
        "provisioningState": "Succeeded", "resourceGuid": guid(rt_id), "disableBgpRoutePropagation": True,
        "routes": [{"name": n, "id": f"{rt_id}/routes/{n}", "type": "Microsoft.Network/routeTables/routes",
                    "properties": {"provisioningState": "Succeeded", "addressPrefix": prefix, "nextHopType": hop_type,
                                   **({"nextHopIpAddress": hop} if hop else {})}}
                   for n, prefix, hop_type, hop in routes],
    }, tag=tag)
    return rt_id


def public_ip(rg, name, location, tag, *, basic=False, zones=None, user=None, dns=None, static=True):
    pip_id = rid(rg, "Microsoft.Network/publicIPAddresses", name)
    n = int(guid(pip_id)[:6], 16)
    props = {
        "provisioningState": "Succeeded", "resourceGuid": guid(pip_id),
        "ipAddress": f"{20 + n % 32}.{(n >> 5) % 250}.{(n >> 10) % 250}.{1 + (n >> 15) % 250}",
        "publicIPAddressVersion": "IPv4", "publicIPAllocationMethod": "Static" if static else "Dynamic",
        "idleTimeoutInMinutes": 4, "ipTags": [],
    }
    if not basic:
        props["ddosSettings"] = {"protectionMode": "VirtualNetworkInherited"}
    if dns:
        props["dnsSettings"] = {"domainNameLabel": dns, "fqdn": f"{dns}.{location}.cloudapp.azure.com"}
    if user:
        props["natGateway" if "/natGateways/" in user else "ipConfiguration"] = ref(user)
    E.add(pip_id, "Microsoft.Network/publicIPAddresses", location, props,
          sku={"name": "Basic" if basic else "Standard", "tier": "Regional"}, zones=zones, tag=tag)
    return pip_id


HUB = vnet_plan("vnet-hub-eus", EUS, "10.10.0.0/16", {
    "GatewaySubnet": "10.10.0.0/27", "AzureFirewallSubnet": "10.10.1.0/26", "AzureBastionSubnet": "10.10.2.0/26",
    "snet-shared": "10.10.3.0/24", "snet-appgw": "10.10.4.0/24"}, TAG_NET)
SPOKE_APPS = vnet_plan("vnet-spoke-apps-eus", EUS, "10.20.0.0/16", {
    "snet-web": "10.20.1.0/24", "snet-app": "10.20.2.0/24", "snet-appsvc-int": "10.20.3.0/26",
    "snet-aci": "10.20.4.0/27", "snet-pe": "10.20.5.0/24", "snet-apim": "10.20.6.0/27",
    "snet-aca": "10.20.8.0/23", "snet-aks": "10.20.16.0/20"}, tags("network", owner="netops", cost="CC-4100", workload="apps-spoke"))
SPOKE_DATA = vnet_plan("vnet-spoke-data-eus", EUS, "10.30.0.0/16", {
    "snet-sqlmi": "10.30.0.0/24", "snet-mysql": "10.30.1.0/24", "snet-pgsql": "10.30.2.0/24",
    "snet-pe": "10.30.3.0/24", "snet-redis": "10.30.4.0/24", "snet-compute": "10.30.5.0/24",
    "snet-dbw-public": "10.30.8.0/24", "snet-dbw-private": "10.30.9.0/24"},
    tags("network", owner="netops", cost="CC-4100", workload="data-spoke"))
HUB_WEU = vnet_plan("vnet-hub-weu", WEU, "10.40.0.0/16", {"snet-stores": "10.40.1.0/24", "snet-pe": "10.40.2.0/24"},
                    tags("network", owner="netops", cost="CC-4110", workload="stores-eu"))
STORES_SEA = vnet_plan("vnet-stores-sea", SEA, "10.50.0.0/16", {"snet-stores": "10.50.1.0/24"},
                       tags("network", owner="netops", cost="CC-4120", workload="stores-apac"))

WEB_RULES = [("allow-https-from-appgw", "Inbound", "Allow", 100, "Tcp", "10.10.4.0/24", "443"),
             ("allow-http-lb-probe", "Inbound", "Allow", 110, "Tcp", "AzureLoadBalancer", "8080"),
             ("allow-ssh-from-bastion", "Inbound", "Allow", 120, "Tcp", "10.10.2.0/26", "22")]
NSG_SHARED = nsg("nsg-hub-shared", EUS, [("allow-rdp-from-bastion", "Inbound", "Allow", 100, "Tcp", "10.10.2.0/26", "3389"),
                                         ("allow-ssh-from-bastion", "Inbound", "Allow", 110, "Tcp", "10.10.2.0/26", "22"),
                                         ("allow-ssh-from-hq", "Inbound", "Allow", 120, "Tcp", "203.0.113.0/24", "22")], TAG_NET)
NSG_BASTION = nsg("nsg-bastion", EUS, [("AllowHttpsInbound", "Inbound", "Allow", 120, "Tcp", "Internet", "443"),
                                       ("AllowGatewayManagerInbound", "Inbound", "Allow", 130, "Tcp", "GatewayManager", "443"),
                                       ("AllowSshRdpOutbound", "Outbound", "Allow", 100, "*", "*", "22-3389")], TAG_NET)
NSG_APPGW = nsg("nsg-appgw", EUS, [("AllowGatewayManager", "Inbound", "Allow", 100, "Tcp", "GatewayManager", "65200-65535"),
                                   ("AllowHttps", "Inbound", "Allow", 110, "Tcp", "Internet", "443")], TAG_NET)
NSG_WEB = nsg("nsg-spoke-web", EUS, WEB_RULES, TAG_NET)
NSG_APP = nsg("nsg-spoke-app", EUS, [("allow-api-from-web", "Inbound", "Allow", 100, "Tcp", "10.20.1.0/24", "8443"),
                                     ("allow-ssh-from-bastion", "Inbound", "Allow", 110, "Tcp", "10.10.2.0/26", "22")], TAG_NET)
NSG_PE = nsg("nsg-spoke-pe", EUS, [("deny-internet", "Inbound", "Deny", 4000, "*", "Internet", "*")], TAG_NET)
NSG_SQLMI = nsg("nsg-sqlmi", EUS, [("allow-tds-inbound", "Inbound", "Allow", 1000, "Tcp", "VirtualNetwork", "1433"),
                                   ("allow-redirect-inbound", "Inbound", "Allow", 1100, "Tcp", "VirtualNetwork", "11000-11999")], TAG_NET)
NSG_DATA = nsg("nsg-spoke-data", EUS, [("allow-pg-from-apps", "Inbound", "Allow", 100, "Tcp", "10.20.0.0/16", "5432"),
                                       ("allow-mysql-from-apps", "Inbound", "Allow", 110, "Tcp", "10.20.0.0/16", "3306"),
                                       ("allow-redis-from-apps", "Inbound", "Allow", 120, "Tcp", "10.20.0.0/16", "6379-6380")], TAG_NET)
NSG_WEU = nsg("nsg-stores-weu", WEU, WEB_RULES[:2] + [("allow-pos-sync", "Inbound", "Allow", 130, "Tcp", "198.51.100.0/24", "8443")],
              tags("network", owner="netops", cost="CC-4110", workload="stores-eu"))
NSG_SEA = nsg("nsg-stores-sea", SEA, WEB_RULES[:2] + [("allow-pos-sync", "Inbound", "Allow", 130, "Tcp", "192.0.2.0/24", "8443")],
              tags("network", owner="netops", cost="CC-4120", workload="stores-apac"))
NSG_JUMP = nsg("vm-jump-01-nsg", EUS, [("SSH", "Inbound", "Allow", 300, "Tcp", "*", "22")], TAG_NET)
NSG_DBW = nsg("nsg-dbw-retail-analytics", EUS, [
    ("Microsoft.Databricks-workspaces_UseOnly_databricks-worker-to-worker-inbound", "Inbound", "Allow", 100, "*", "VirtualNetwork", "*"),
    ("Microsoft.Databricks-workspaces_UseOnly_databricks-worker-to-webapp", "Outbound", "Allow", 100, "Tcp", "VirtualNetwork", "443")],
    TAG_NET)

FIREWALL_IP = "10.10.1.4"
RT_APPS = route_table("rt-spoke-apps", EUS, [("default-via-firewall", "0.0.0.0/0", "VirtualAppliance", FIREWALL_IP),
                                            ("hq-via-firewall", "172.16.0.0/12", "VirtualAppliance", FIREWALL_IP)], TAG_NET)
RT_DATA = route_table("rt-spoke-data", EUS, [("default-via-firewall", "0.0.0.0/0", "VirtualAppliance", FIREWALL_IP)], TAG_NET)
RT_SQLMI = route_table("rt-sqlmi", EUS, [("mi-management", "0.0.0.0/0", "Internet", None),
                                         ("mi-subnet-to-vnetlocal", "10.30.0.0/24", "VnetLocal", None)], TAG_NET)
RT_WEU = route_table("rt-stores-weu", WEU, [("hq-via-hub", "172.16.0.0/12", "VirtualAppliance", FIREWALL_IP)],
                     tags("network", owner="netops", cost="CC-4110", workload="stores-eu"))

SUBNET_CONFIG = {
    # subnet: (nsg, route table, nat gateway, delegation service, service endpoints)
    ("vnet-hub-eus", "AzureBastionSubnet"): (NSG_BASTION, None, None, None, []),
    ("vnet-hub-eus", "snet-shared"): (NSG_SHARED, None, None, None, []),
    ("vnet-hub-eus", "snet-appgw"): (NSG_APPGW, None, None, None, []),
    ("vnet-spoke-apps-eus", "snet-web"): (NSG_WEB, RT_APPS, None, None, []),
    ("vnet-spoke-apps-eus", "snet-app"): (NSG_APP, RT_APPS, "ng-retail-apps-eus", None, ["Microsoft.Storage", "Microsoft.KeyVault"]),
    ("vnet-spoke-apps-eus", "snet-appsvc-int"): (NSG_APP, None, None, "Microsoft.Web/serverFarms", []),
    ("vnet-spoke-apps-eus", "snet-aci"): (NSG_APP, None, None, "Microsoft.ContainerInstance/containerGroups", []),
    ("vnet-spoke-apps-eus", "snet-pe"): (NSG_PE, None, None, None, []),
    ("vnet-spoke-apps-eus", "snet-apim"): (NSG_APP, None, None, None, []),
    ("vnet-spoke-apps-eus", "snet-aca"): (None, None, None, "Microsoft.App/environments", []),
    ("vnet-spoke-apps-eus", "snet-aks"): (None, RT_APPS, None, None, ["Microsoft.Storage", "Microsoft.ContainerRegistry"]),
    ("vnet-spoke-data-eus", "snet-sqlmi"): (NSG_SQLMI, RT_SQLMI, None, "Microsoft.Sql/managedInstances", []),
    ("vnet-spoke-data-eus", "snet-mysql"): (NSG_DATA, RT_DATA, None, "Microsoft.DBforMySQL/flexibleServers", []),
    ("vnet-spoke-data-eus", "snet-pgsql"): (NSG_DATA, RT_DATA, None, "Microsoft.DBforPostgreSQL/flexibleServers", []),
    ("vnet-spoke-data-eus", "snet-pe"): (NSG_PE, None, None, None, []),
    ("vnet-spoke-data-eus", "snet-redis"): (NSG_DATA, None, None, None, []),
    ("vnet-spoke-data-eus", "snet-compute"): (NSG_DATA, RT_DATA, None, None, ["Microsoft.Storage"]),
    ("vnet-spoke-data-eus", "snet-dbw-public"): (NSG_DBW, None, None, "Microsoft.Databricks/workspaces", []),
    ("vnet-spoke-data-eus", "snet-dbw-private"): (NSG_DBW, None, None, "Microsoft.Databricks/workspaces", []),
    ("vnet-hub-weu", "snet-stores"): (NSG_WEU, RT_WEU, None, None, ["Microsoft.Sql"]),
    ("vnet-hub-weu", "snet-pe"): (None, None, None, None, []),
    ("vnet-stores-sea", "snet-stores"): (NSG_SEA, None, None, None, []),
}

NAT_PIP = public_ip(NET, "pip-ng-retail-apps-eus", EUS, TAG_NET, zones=["1"],
                    user=rid(NET, "Microsoft.Network/natGateways", "ng-retail-apps-eus"))
NAT = E.add(rid(NET, "Microsoft.Network/natGateways", "ng-retail-apps-eus"), "Microsoft.Network/natGateways", EUS, {
    "provisioningState": "Succeeded", "resourceGuid": guid("nat"), "idleTimeoutInMinutes": 10,
    "publicIpAddresses": [ref(NAT_PIP)], "subnets": [ref(subnet("vnet-spoke-apps-eus", "snet-app"))],
}, sku={"name": "Standard"}, zones=["1"], tag=TAG_NET)

ASG_WEB = E.add(rid(NET, "Microsoft.Network/applicationSecurityGroups", "asg-retail-web"),
                "Microsoft.Network/applicationSecurityGroups", EUS,
                {"provisioningState": "Succeeded", "resourceGuid": guid("asg-web")}, tag=TAG_NET)
ASG_APP = E.add(rid(NET, "Microsoft.Network/applicationSecurityGroups", "asg-retail-app"),
                "Microsoft.Network/applicationSecurityGroups", EUS,
                {"provisioningState": "Succeeded", "resourceGuid": guid("asg-app")}, tag=TAG_NET)

# Azure Firewall with its policy
FW = rid(NET, "Microsoft.Network/azureFirewalls", "afw-retail-hub-eus")
FW_POLICY = rid(NET, "Microsoft.Network/firewallPolicies", "afwp-retail-hub")
FW_PIP = public_ip(NET, "pip-afw-retail-hub-eus", EUS, TAG_NET, zones=["1", "2", "3"],
                   user=f"{FW}/azureFirewallIpConfigurations/ipconfig-fw")
LAW = rid(MON, "Microsoft.OperationalInsights/workspaces", "log-retail-prod-eus")
LAW_WEU = rid(MON, "Microsoft.OperationalInsights/workspaces", "log-retail-stores-weu")
E.add(FW_POLICY, "Microsoft.Network/firewallPolicies", EUS, {
    "provisioningState": "Succeeded", "sku": {"tier": "Premium"}, "threatIntelMode": "Deny",
    "dnsSettings": {"enableProxy": True, "servers": []},
    "intrusionDetection": {"mode": "Alert"},
    "insights": {"isEnabled": True, "retentionDays": 30,
                 "logAnalyticsResources": {"defaultWorkspaceId": ref(LAW), "workspaces": []}},
    "ruleCollectionGroups": [ref(f"{FW_POLICY}/ruleCollectionGroups/rcg-retail-default")],
    "firewalls": [ref(FW)], "childPolicies": [],
}, tag=TAG_NET)
E.use_subnet(subnet("vnet-hub-eus", "AzureFirewallSubnet"), f"{FW}/azureFirewallIpConfigurations/ipconfig-fw")
E.add(FW, "Microsoft.Network/azureFirewalls", EUS, {
    "provisioningState": "Succeeded", "sku": {"name": "AZFW_VNet", "tier": "Premium"}, "threatIntelMode": "Deny",
    "additionalProperties": {}, "firewallPolicy": ref(FW_POLICY),
    "ipConfigurations": [{"name": "ipconfig-fw", "id": f"{FW}/azureFirewallIpConfigurations/ipconfig-fw",
                          "properties": {"provisioningState": "Succeeded", "privateIPAddress": FIREWALL_IP,
                                         "publicIPAddress": ref(FW_PIP),
                                         "subnet": ref(subnet("vnet-hub-eus", "AzureFirewallSubnet"))}}],
    "networkRuleCollections": [], "applicationRuleCollections": [], "natRuleCollections": [],
    "hubIPAddresses": {"privateIPAddress": FIREWALL_IP},
}, zones=["1", "2", "3"], tag=TAG_NET)

# Bastion
BASTION = rid(NET, "Microsoft.Network/bastionHosts", "bas-retail-hub-eus")
BASTION_PIP = public_ip(NET, "pip-bas-retail-hub-eus", EUS, TAG_NET, user=f"{BASTION}/bastionHostIpConfigurations/IpConf")
E.use_subnet(subnet("vnet-hub-eus", "AzureBastionSubnet"), f"{BASTION}/bastionHostIpConfigurations/IpConf")
E.add(BASTION, "Microsoft.Network/bastionHosts", EUS, {
    "provisioningState": "Succeeded", "dnsName": "bst-6b1f2c7d-52a0-4e0c-9f1b-3c4d5e6f7a8b.bastion.azure.com",
    "scaleUnits": 2, "enableTunneling": True, "enableIpConnect": False, "enableShareableLink": False,
    "disableCopyPaste": False, "enableFileCopy": True,
    "ipConfigurations": [{"name": "IpConf", "id": f"{BASTION}/bastionHostIpConfigurations/IpConf",
                          "properties": {"provisioningState": "Succeeded", "privateIPAllocationMethod": "Dynamic",
                                         "publicIPAddress": ref(BASTION_PIP),
                                         "subnet": ref(subnet("vnet-hub-eus", "AzureBastionSubnet"))}}],
}, sku={"name": "Standard"}, tag=TAG_NET)

# VPN gateway to headquarters
VPNGW = rid(NET, "Microsoft.Network/virtualNetworkGateways", "vgw-retail-hub-eus")
VPNGW_PIP = public_ip(NET, "pip-vgw-retail-hub-eus", EUS, TAG_NET, zones=["1", "2", "3"], user=f"{VPNGW}/ipConfigurations/default")
E.use_subnet(subnet("vnet-hub-eus", "GatewaySubnet"), f"{VPNGW}/ipConfigurations/default")
E.add(VPNGW, "Microsoft.Network/virtualNetworkGateways", EUS, {
    "provisioningState": "Succeeded", "resourceGuid": guid("vpngw"),
    "sku": {"name": "VpnGw2AZ", "tier": "VpnGw2AZ", "capacity": 2}, "gatewayType": "Vpn", "vpnType": "RouteBased",
    "vpnGatewayGeneration": "Generation2", "enableBgp": True, "activeActive": False, "enablePrivateIpAddress": False,
    "ipConfigurations": [{"name": "default", "id": f"{VPNGW}/ipConfigurations/default",
                          "properties": {"provisioningState": "Succeeded", "privateIPAllocationMethod": "Dynamic",
                                         "publicIPAddress": ref(VPNGW_PIP),
                                         "subnet": ref(subnet("vnet-hub-eus", "GatewaySubnet"))}}],
    "bgpSettings": {"asn": 65515, "bgpPeeringAddress": "10.10.0.30", "peerWeight": 0,
                    "bgpPeeringAddresses": [{"ipconfigurationId": f"{VPNGW}/ipConfigurations/default",
                                             "defaultBgpIpAddresses": ["10.10.0.30"], "customBgpIpAddresses": [],
                                             "tunnelIpAddresses": []}]},
}, tag=TAG_NET)
LNG = E.add(rid(NET, "Microsoft.Network/localNetworkGateways", "lgw-retail-hq-seattle"), "Microsoft.Network/localNetworkGateways", EUS, {
    "provisioningState": "Succeeded", "resourceGuid": guid("lng"), "gatewayIpAddress": "203.0.113.10",
    "localNetworkAddressSpace": {"addressPrefixes": ["172.16.0.0/12"]},
    "bgpSettings": {"asn": 65010, "bgpPeeringAddress": "172.16.0.1", "peerWeight": 0},
}, tag=TAG_NET)
E.add(rid(NET, "Microsoft.Network/connections", "cn-retail-hub-to-hq"), "Microsoft.Network/connections", EUS, {
    "provisioningState": "Succeeded", "resourceGuid": guid("conn"), "connectionType": "IPsec", "connectionProtocol": "IKEv2",
    "routingWeight": 0, "enableBgp": True, "useLocalAzureIpAddress": False, "usePolicyBasedTrafficSelectors": False,
    "virtualNetworkGateway1": ref(VPNGW), "localNetworkGateway2": ref(LNG), "connectionStatus": "Connected",
    "ingressBytesTransferred": 18734455112, "egressBytesTransferred": 9251773301, "dpdTimeoutSeconds": 45,
    "connectionMode": "Default", "ipsecPolicies": [], "trafficSelectorPolicies": [],
}, tag=TAG_NET)

# Application Gateway v2 with a WAF policy, in front of the storefront
APPGW = rid(NET, "Microsoft.Network/applicationGateways", "agw-retail-storefront-eus")
WAF = rid(NET, "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies", "wafp-retail-storefront")
APPGW_PIP = public_ip(NET, "pip-agw-retail-storefront-eus", EUS, TAG_NET, zones=["1", "2", "3"],
                      user=f"{APPGW}/frontendIPConfigurations/appGwPublicFrontendIp", dns="contoso-retail-shop")
E.add(WAF, "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies", EUS, {
    "provisioningState": "Succeeded", "resourceState": "Enabled",
    "policySettings": {"state": "Enabled", "mode": "Prevention", "requestBodyCheck": True, "maxRequestBodySizeInKb": 128,
                       "fileUploadLimitInMb": 100},
    "managedRules": {"managedRuleSets": [{"ruleSetType": "Microsoft_DefaultRuleSet", "ruleSetVersion": "2.1",
                                          "ruleGroupOverrides": []},
                                         {"ruleSetType": "Microsoft_BotManagerRuleSet", "ruleSetVersion": "1.0",
                                          "ruleGroupOverrides": []}],
                     "exclusions": []},
    "customRules": [{"name": "BlockSanctionedGeos", "priority": 10, "ruleType": "MatchRule", "action": "Block",
                     "state": "Enabled",
                     "matchConditions": [{"matchVariables": [{"variableName": "RemoteAddr"}], "operator": "GeoMatch",
                                          "negationConditon": False, "matchValues": ["KP", "IR"], "transforms": []}]}],
    "applicationGateways": [ref(APPGW)],
}, tag=TAG_NET)

# ---------------------------------------------------------------------------
# Monitoring
# ---------------------------------------------------------------------------

for law_id, location, retention, tag in [(LAW, EUS, 90, TAG_MON),
                                         (LAW_WEU, WEU, 30, tags("monitoring", owner="platform", cost="CC-4110", workload="stores-eu"))]:
    E.add(law_id, "Microsoft.OperationalInsights/workspaces", location, {
        "provisioningState": "Succeeded", "customerId": guid("customer", law_id),
        "sku": {"name": "PerGB2018", "lastSkuUpdate": stamp(law_id)}, "retentionInDays": retention,
        "features": {"legacy": 0, "searchVersion": 1, "enableLogAccessUsingOnlyResourcePermissions": True},
        "workspaceCapping": {"dailyQuotaGb": -1.0, "dataIngestionStatus": "RespectQuota"},
        "publicNetworkAccessForIngestion": "Enabled", "publicNetworkAccessForQuery": "Enabled",
        "createdDate": stamp("created", law_id), "modifiedDate": stamp("modified", law_id),
    }, tag=tag)

AG_ONCALL = rid(MON, "Microsoft.Insights/actionGroups", "ag-retail-oncall")
AG_PLATFORM = rid(MON, "Microsoft.Insights/actionGroups", "ag-retail-platform")
for ag_id, short, email in [(AG_ONCALL, "retailoncal", "storeops-oncall"), (AG_PLATFORM, "retailplat", "platform-team")]:
    E.add(ag_id, "Microsoft.Insights/actionGroups", "global", {
        "groupShortName": short, "enabled": True,
        "emailReceivers": [{"name": email, "emailAddress": f"{email}@contoso-retail.example", "useCommonAlertSchema": True,
                            "status": "Enabled"}],
        "smsReceivers": [], "webhookReceivers": [], "itsmReceivers": [], "azureAppPushReceivers": [],
        "automationRunbookReceivers": [], "voiceReceivers": [], "logicAppReceivers": [], "azureFunctionReceivers": [],
        "armRoleReceivers": [{"name": "owners", "roleId": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "useCommonAlertSchema": True}],
        "eventHubReceivers": [],
    }, tag=TAG_MON)


def app_insights(name, app, owner, cost):
    ai_id = rid(MON, "Microsoft.Insights/components", name)
    key = guid("ikey", name)
    E.add(ai_id, "Microsoft.Insights/components", EUS, {
        "ApplicationId": name, "AppId": guid("appid", name), "Application_Type": "web", "Flow_Type": "Bluefield",
        "Request_Source": "rest", "InstrumentationKey": key,
        "ConnectionString": f"InstrumentationKey={key};IngestionEndpoint=https://eastus-8.in.applicationinsights.azure.com/;LiveEndpoint=https://eastus.livediagnostics.monitor.azure.com/",
        "Name": name, "CreationDate": stamp(name), "TenantId": SUB, "provisioningState": "Succeeded",
        "SamplingPercentage": None, "RetentionInDays": 90, "WorkspaceResourceId": LAW, "IngestionMode": "LogAnalytics",
        "publicNetworkAccessForIngestion": "Enabled", "publicNetworkAccessForQuery": "Enabled", "Ver": "v2",
    }, kind="web", tag=tags(app, owner=owner, cost=cost))
    return ai_id, key


AI_STOREFRONT = app_insights("appi-retail-storefront", "storefront", "ecom", "CC-4200")
AI_API = app_insights("appi-retail-api", "storefront-api", "ecom", "CC-4200")
AI_FUNC = app_insights("appi-retail-functions", "order-processing", "ecom", "CC-4210")
AI_AKS = app_insights("appi-retail-recommendations", "recommendations", "data", "CC-4300")


def metric_alert(name, scope, metric, namespace, threshold, group, description, operator="GreaterThan", severity=2):
    E.add(rid(MON, "Microsoft.Insights/metricAlerts", name), "Microsoft.Insights/metricAlerts", "global", {
        "description": description, "severity": severity, "enabled": True, "scopes": [scope],
        "evaluationFrequency": "PT5M", "windowSize": "PT15M",
        "criteria": {"odata.type": "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
                     "allOf": [{"name": "criterion1", "metricName": metric, "metricNamespace": namespace,
                                "operator": operator, "threshold": threshold, "timeAggregation": "Average",
                                "criterionType": "StaticThresholdCriterion", "dimensions": []}]},
        "autoMitigate": True, "targetResourceType": namespace, "targetResourceRegion": EUS,
        "actions": [{"actionGroupId": group, "webHookProperties": {}}],
    }, tag=TAG_MON)


DIAGNOSTICS = []


def diagnostics(target, categories, workspace=LAW, storage=None):
    """A diagnostic setting (an extension resource on `target`), written after `target`."""
    DIAGNOSTICS.append((target, categories, workspace, storage))


# ---------------------------------------------------------------------------
# Compute
# ---------------------------------------------------------------------------

DES = rid(DATA, "Microsoft.Compute/diskEncryptionSets", "des-retail-cmk")
ST_DIAG = rid(MON, "Microsoft.Storage/storageAccounts", "stretaildiageus")
AVSET_WEB = rid(APPS, "Microsoft.Compute/availabilitySets", "avail-retail-web-eus")
AVSET_WEU = rid(APPS, "Microsoft.Compute/availabilitySets", "avail-retail-stores-weu")
LB_WEB = rid(APPS, "Microsoft.Network/loadBalancers", "lbi-retail-web-eus")
LB_WEU = rid(APPS, "Microsoft.Network/loadBalancers", "lbe-retail-stores-weu")
LB_NAT = {}

UBUNTU = {"publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts-gen2", "version": "latest",
          "exactVersion": "22.04.202404100"}
UBUNTU_ARM = {"publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts-arm64", "version": "latest",
              "exactVersion": "22.04.202404100"}
WINDOWS = {"publisher": "MicrosoftWindowsServer", "offer": "WindowsServer", "sku": "2022-datacenter-azure-edition",
           "version": "latest", "exactVersion": "20348.2402.240405"}
SQL_IMAGE = {"publisher": "microsoftsqlserver", "offer": "sql2022-ws2022", "sku": "enterprise-gen2", "version": "latest",
             "exactVersion": "16.0.240412"}
HPC_IMAGE = {"publisher": "microsoft-dsvm", "offer": "ubuntu-hpc", "sku": "2204", "version": "latest", "exactVersion": "22.04.2024041001"}

SSH_KEY = ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQC7fictionalKeyForTheContosoRetailSampleEstateOnly0000000000000000000"
           "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000 retailadmin@contoso-retail.example")


def vm(rg, name, location, size, subnet_id, *, image=UBUNTU, os_sku="Premium_LRS", os_size=64, data=(), zone=None,
       avset=None, nsg_id=None, asg=None, pool=None, pip=None, tag=None, extensions=(), identity=True, plan=None,
       ultra=False, os_zrs=False, pip_dns=None):
    """A VM with its NIC, OS disk, data disks and extensions. `data` holds (suffix, GiB, sku) triples."""
    vm_id = rid(rg, "Microsoft.Compute/virtualMachines", name)
    nic_id = rid(rg, "Microsoft.Network/networkInterfaces", f"{name}-nic")
    ipconfig = f"{nic_id}/ipConfigurations/ipconfig1"
    zones = [zone] if zone else None
    linux = image is not WINDOWS and image is not SQL_IMAGE
    prefix = subnet_id.split("/")[-1]
    n = int(guid(vm_id)[:4], 16)
    pip_id = None
    if pip:
        pip_id = public_ip(rg, f"{name}-pip", location, tag, basic=pip == "basic", zones=zones, user=ipconfig,
                           static=pip != "basic", dns=pip_dns)
    E.use_subnet(subnet_id, ipconfig)
    ip_props = {"provisioningState": "Succeeded", "privateIPAddress": f"{private_prefix(subnet_id)}.{4 + n % 200}",
                "privateIPAllocationMethod": "Dynamic", "privateIPAddressVersion": "IPv4", "primary": True,
                "subnet": ref(subnet_id)}
    if pip_id:
        ip_props["publicIPAddress"] = ref(pip_id)
    if pool:
        ip_props["loadBalancerBackendAddressPools"] = [ref(pool)]
        LB_NAT.setdefault(pool, []).append(ipconfig)
    if asg:
        ip_props["applicationSecurityGroups"] = [ref(asg)]
    nic_props = {
        "provisioningState": "Succeeded", "resourceGuid": guid(nic_id),
        "ipConfigurations": [{"name": "ipconfig1", "id": ipconfig, "type": "Microsoft.Network/networkInterfaces/ipConfigurations",
                              "properties": ip_props}],
        "dnsSettings": {"dnsServers": [], "appliedDnsServers": [],
                        "internalDomainNameSuffix": f"{guid('dns', prefix)[:22].replace('-', '')}.bx.internal.cloudapp.net"},
        "macAddress": f"00-0D-3A-{n % 256:02X}-{(n >> 8) % 256:02X}-{(n >> 3) % 256:02X}",
        "enableAcceleratedNetworking": not size.startswith("Standard_B"), "enableIPForwarding": False,
        "primary": True, "virtualMachine": ref(vm_id), "nicType": "Standard", "vnetEncryptionSupported": False,
        "hostedWorkloads": [], "tapConfigurations": [],
    }
    if nsg_id:
        nic_props["networkSecurityGroup"] = ref(nsg_id)
        E.nsg_users[nsg_id]["networkInterfaces"].append(ref(nic_id))
    E.add(nic_id, "Microsoft.Network/networkInterfaces", location, nic_props, tag=tag)

    os_disk = rid(rg, "Microsoft.Compute/disks", f"{name}_OsDisk_1_{guid('os', name).replace('-', '')}")
    os_sku = "Premium_ZRS" if os_zrs else os_sku
    disk(os_disk, location, os_size, os_sku, vm_id, zones if not os_zrs else None, tag, os_type="Linux" if linux else "Windows",
         image=image)
    data_disks = []
    for lun, (suffix, gib, sku) in enumerate(data):
        disk_id = rid(rg, "Microsoft.Compute/disks", f"{name}-{suffix}")
        disk(disk_id, location, gib, sku, vm_id, None if sku.endswith("ZRS") else zones, tag)
        entry = {"lun": lun, "name": f"{name}-{suffix}", "createOption": "Attach",
                 "caching": "None" if sku in ("UltraSSD_LRS", "PremiumV2_LRS") else "ReadOnly",
                 "writeAcceleratorEnabled": False,
                 "managedDisk": {"storageAccountType": sku, "id": disk_id}, "deleteOption": "Detach",
                 "diskSizeGB": gib, "toBeDetached": False}
        data_disks.append(entry)

    os_profile = {"computerName": name[:15], "adminUsername": "retailadmin", "secrets": [],
                  "allowExtensionOperations": True, "requireGuestProvisionSignal": True}
    if linux:
        os_profile["linuxConfiguration"] = {
            "disablePasswordAuthentication": True, "provisionVMAgent": True,
            "ssh": {"publicKeys": [{"path": "/home/retailadmin/.ssh/authorized_keys", "keyData": SSH_KEY}]},
            "patchSettings": {"patchMode": "ImageDefault", "assessmentMode": "ImageDefault"},
        }
    else:
        os_profile["windowsConfiguration"] = {
            "provisionVMAgent": True, "enableAutomaticUpdates": True,
            "patchSettings": {"patchMode": "AutomaticByPlatform", "assessmentMode": "AutomaticByPlatform",
                              "enableHotpatching": False, "automaticByPlatformSettings": {"rebootSetting": "IfRequired"}},
        }
    props = {
        "vmId": guid("vmid", vm_id),
        "hardwareProfile": {"vmSize": size},
        "storageProfile": {
            "imageReference": image,
            "osDisk": {"osType": "Linux" if linux else "Windows", "name": os_disk.split("/")[-1], "createOption": "FromImage",
                       "caching": "ReadWrite",
                       "managedDisk": {"storageAccountType": os_sku, "id": os_disk, "diskEncryptionSet": ref(DES)},
                       "deleteOption": "Delete", "diskSizeGB": os_size},
            "dataDisks": data_disks,
            "diskControllerType": "SCSI",
        },
        "osProfile": os_profile,
        "securityProfile": {"uefiSettings": {"secureBootEnabled": True, "vTpmEnabled": True}, "securityType": "TrustedLaunch"},
        "networkProfile": {"networkInterfaces": [{"id": nic_id, "properties": {"deleteOption": "Detach", "primary": True}}]},
        "diagnosticsProfile": {"bootDiagnostics": {"enabled": True, "storageUri": "https://stretaildiageus.blob.core.windows.net/"}},
        "provisioningState": "Succeeded",
        "timeCreated": stamp(vm_id),
        "extended": {"instanceView": {
            "computerName": name[:15], "osName": "ubuntu" if linux else "Windows Server 2022 Datacenter Azure Edition",
            "osVersion": "22.04" if linux else "10.0.20348.2402", "hyperVGeneration": "V2",
            "powerState": {"code": "PowerState/running", "level": "Info", "displayStatus": "VM running"}}},
    }
    if ultra:
        props["additionalCapabilities"] = {"ultraSSDEnabled": True, "hibernationEnabled": False}
    if avset:
        props["availabilitySet"] = ref(avset)
    if not linux:
        props["licenseType"] = "Windows_Server"
    vm_identity = user_identity(name, ID_APPS, system=True) if identity else None
    E.add(vm_id, "Microsoft.Compute/virtualMachines", location, props, zones=zones, tag=tag, identity=vm_identity, plan=plan)
    for ext in extensions:
        extension(vm_id, location, ext, linux, tag)
    return vm_id


def private_prefix(subnet_id):
    vnet_name, subnet_name = subnet_id.split("/")[-3], subnet_id.split("/")[-1]
    prefix = VNETS[vnet_name]["subnets"][subnet_name]
    return ".".join(prefix.split("/")[0].split(".")[:3])


def disk(disk_id, location, gib, sku, vm_id, zones, tag, os_type=None, image=None):
    props = {
        "creationData": {"createOption": "Empty"},
        "diskSizeGB": gib, "diskSizeBytes": gib * 1024 ** 3, "uniqueId": guid("disk", disk_id),
        "encryption": {"diskEncryptionSetId": DES, "type": "EncryptionAtRestWithCustomerKey"},
        "networkAccessPolicy": "DenyAll", "publicNetworkAccess": "Disabled", "timeCreated": stamp(disk_id),
        "provisioningState": "Succeeded", "diskState": "Attached" if vm_id else "Unattached",
        "supportedCapabilities": {"diskControllerTypes": "SCSI, NVMe", "acceleratedNetwork": True, "architecture": "x64"},
        "dataAccessAuthMode": "None",
    }
    if os_type:
        arch = "Arm64" if image is UBUNTU_ARM else "x64"
        props["osType"] = os_type
        props["hyperVGeneration"] = "V2"
        props["supportedCapabilities"]["architecture"] = arch
        props["creationData"] = {"createOption": "FromImage", "imageReference": {
            "id": f"/Subscriptions/{SUB}/Providers/Microsoft.Compute/Locations/{location}/Publishers/{image['publisher']}"
                  f"/ArtifactTypes/VMImage/Offers/{image['offer']}/Skus/{image['sku']}/Versions/{image['exactVersion']}"}}
        props["securityProfile"] = {"securityType": "TrustedLaunch"}
    if sku in ("UltraSSD_LRS", "PremiumV2_LRS"):
        props["diskIOPSReadWrite"] = 20000 if sku == "UltraSSD_LRS" else 6000
        props["diskMBpsReadWrite"] = 1000 if sku == "UltraSSD_LRS" else 250
        props["logicalSectorSize"] = 4096
    elif sku.startswith("Premium"):
        props["tier"] = premium_tier(gib)
    E.add(disk_id, "Microsoft.Compute/disks", location, props,
          sku={"name": sku, "tier": "Premium" if sku.startswith(("Premium", "Ultra")) else "Standard"},
          zones=zones, tag=tag, managed_by=vm_id or "")


def premium_tier(gib):
    for limit, tier in [(32, "P4"), (64, "P6"), (128, "P10"), (256, "P15"), (512, "P20"), (1024, "P30"), (2048, "P40"),
                        (4096, "P50")]:
        if gib <= limit:
            return tier
    return "P60"


EXTENSIONS = {
    "ama": ("AzureMonitorLinuxAgent", "AzureMonitorWindowsAgent", "Microsoft.Azure.Monitor", "1.29", "1.22"),
    "deps": ("DependencyAgentLinux", "DependencyAgentWindows", "Microsoft.Azure.Monitoring.DependencyAgent", "9.10", "9.10"),
    "mde": ("MDE.Linux", "MDE.Windows", "Microsoft.Azure.AzureDefenderForServers", "1.0", "1.0"),
    "script": ("CustomScript", "CustomScriptExtension", None, "2.1", "1.10"),
    "aad": ("AADSSHLoginForLinux", "AADLoginForWindows", "Microsoft.Azure.ActiveDirectory", "1.0", "2.0"),
    "sqliaas": (None, "SqlIaasExtension", "Microsoft.SqlServer.Management", None, "2.0"),
    "gpu": ("NvidiaGpuDriverLinux", None, "Microsoft.HpcCompute", "1.9", None),
}


def extension(vm_id, location, key, linux, tag):
    linux_name, windows_name, publisher, linux_version, windows_version = EXTENSIONS[key]
    name = linux_name if linux else windows_name
    if key == "script":
        publisher = "Microsoft.Azure.Extensions" if linux else "Microsoft.Compute"
    settings = {}
    if key == "ama":
        settings = {"authentication": {"managedIdentity": {"identifier-name": "mi_res_id", "identifier-value": ID_APPS}}}
    elif key == "script":
        settings = {"fileUris": ["https://stretailartifacts.blob.core.windows.net/bootstrap/install-pos-agent.sh"
                                 if linux else "https://stretailartifacts.blob.core.windows.net/bootstrap/Install-PosAgent.ps1"]}
    elif key == "sqliaas":
        settings = {"SqlManagement": {"IsEnabled": True}, "ServerConfigurationsManagementSettings": {
            "SQLConnectivityUpdateSettings": {"ConnectivityType": "PRIVATE", "Port": 1433}}}
    E.add(f"{vm_id}/extensions/{name}", "Microsoft.Compute/virtualMachines/extensions", location, {
        "autoUpgradeMinorVersion": True, "enableAutomaticUpgrade": key in ("ama", "mde"), "provisioningState": "Succeeded",
        "publisher": publisher, "type": name, "typeHandlerVersion": linux_version if linux else windows_version,
        "settings": settings,
    }, tag=tag)


T_WEB = tags("storefront", owner="ecom", cost="CC-4200", workload="storefront-web")
T_APP = tags("storefront-api", owner="ecom", cost="CC-4200", workload="storefront-app")
T_POS = tags("pos", owner="storeops", cost="CC-4310", workload="store-backend")
T_DATA = tags("data-platform", owner="data", cost="CC-4300", workload="analytics")
T_WEU = tags("pos", owner="storeops", cost="CC-4110", workload="stores-eu")
T_SEA = tags("pos", owner="storeops", cost="CC-4120", workload="stores-apac")

LB_WEB_POOL = f"{LB_WEB}/backendAddressPools/be-web"
LB_WEU_POOL = f"{LB_WEU}/backendAddressPools/be-stores"

# Web tier (availability set behind an internal load balancer)
WEB_VMS = [vm(APPS, f"vm-retail-web-{i:02d}", EUS, "Standard_D4s_v5", subnet("vnet-spoke-apps-eus", "snet-web"),
              avset=AVSET_WEB, nsg_id=NSG_WEB, asg=ASG_WEB, pool=LB_WEB_POOL, tag=T_WEB, extensions=("ama", "mde"))
           for i in (1, 2, 3)]
# App tier, zonal
APP_VMS = [vm(APPS, f"vm-retail-app-{i:02d}", EUS, "Standard_E8s_v5", subnet("vnet-spoke-apps-eus", "snet-app"),
              zone=str(i), nsg_id=NSG_APP, asg=ASG_APP, data=(("data0", 256, "Premium_LRS"),), tag=T_APP,
              extensions=("ama", "deps", "mde"))
           for i in (1, 2)]
# Jump box with a Basic public IP (Basic SKU public IPs retired 2025-09-30 in global Azure)
JUMP = vm(NET, "vm-jump-01", EUS, "Standard_B2ms", subnet("vnet-hub-eus", "snet-shared"), nsg_id=NSG_JUMP, pip="basic",
          os_sku="StandardSSD_LRS", os_size=30, tag=TAG_NET, extensions=("aad",), identity=False)
# ARM64 POS integration server (Dpsv5 sizes are not offered in Azure China)
POS_ARM = vm(APPS, "vm-retail-posint-01", EUS, "Standard_D2ps_v5", subnet("vnet-spoke-apps-eus", "snet-app"), image=UBUNTU_ARM,
             zone="1", nsg_id=NSG_APP, data=(("data0", 128, "StandardSSD_LRS"),), tag=T_POS, extensions=("ama",))
# SQL Server on a VM for the legacy merchandising system: Ultra data disk, Premium SSD v2 log disk
SQLVM = vm(DATA, "vm-retail-merchsql-01", EUS, "Standard_E16ds_v5", subnet("vnet-spoke-data-eus", "snet-compute"),
           image=SQL_IMAGE, os_size=127, zone="2", nsg_id=NSG_DATA,
           data=(("data-ultra", 1024, "UltraSSD_LRS"), ("log-pv2", 512, "PremiumV2_LRS"), ("backup", 2048, "Standard_LRS")),
           ultra=True, tag=tags("merchandising", owner="data", cost="CC-4300"), extensions=("sqliaas", "ama", "mde"))
# GPU VM for product imagery (NVadsA10 v5: China North 3 only)
RENDER = vm(DATA, "vm-retail-render-01", EUS, "Standard_NV36ads_A10_v5", subnet("vnet-spoke-data-eus", "snet-compute"),
            image=UBUNTU, os_size=128, nsg_id=NSG_DATA, data=(("assets", 1024, "Premium_ZRS"),), os_zrs=True,
            tag=tags("imagery", owner="ecom", cost="CC-4220"), extensions=("gpu", "ama"))
# HPC VM for demand forecasting (HBv4: not offered in Azure China)
HPC = vm(DATA, "vm-retail-forecast-01", EUS, "Standard_HB176rs_v4", subnet("vnet-spoke-data-eus", "snet-compute"),
         image=HPC_IMAGE, os_size=64, data=(("scratch", 2048, "PremiumV2_LRS"),), zone="1", tag=T_DATA,
         extensions=("ama",), plan=None)
# Store back-ends in Europe and Asia
WEU_VMS = [vm(APPS, f"vm-stores-weu-{i:02d}", WEU, "Standard_D2s_v3", subnet("vnet-hub-weu", "snet-stores"), image=WINDOWS,
              os_sku="Premium_LRS", os_size=127, avset=AVSET_WEU, nsg_id=NSG_WEU, pool=LB_WEU_POOL,
              data=(("data0", 128, "StandardSSD_LRS"),), tag=T_WEU, extensions=("ama", "script"))
           for i in (1, 2, 3, 4)]
SEA_VMS = [vm(APPS, f"vm-stores-sea-{i:02d}", SEA, "Standard_DS2_v2", subnet("vnet-stores-sea", "snet-stores"),
              os_sku="StandardSSD_LRS", nsg_id=NSG_SEA, pip="standard" if i == 1 else None,
              pip_dns="contoso-retail-stores-sea" if i == 1 else None,
              data=(("data0", 256, "Standard_LRS"),), tag=T_SEA, extensions=("ama", "script"))
           for i in (1, 2, 3, 4)]

# An orphaned disk left over from a migration, and a snapshot of it
ORPHAN = rid(APPS, "Microsoft.Compute/disks", "disk-retail-legacy-export-01")
disk(ORPHAN, EUS, 512, "Premium_LRS", None, None, tags("legacy-pos", owner="storeops", cost="CC-4310", workload="retired"))
E.add(rid(APPS, "Microsoft.Compute/snapshots", "snap-retail-legacy-export-01-2023q4"), "Microsoft.Compute/snapshots", EUS, {
    "creationData": {"createOption": "Copy", "sourceResourceId": ORPHAN, "sourceUniqueId": guid("disk", ORPHAN)},
    "diskSizeGB": 512, "diskSizeBytes": 512 * 1024 ** 3, "incremental": True, "uniqueId": guid("snap"),
    "encryption": {"type": "EncryptionAtRestWithPlatformKey"}, "networkAccessPolicy": "DenyAll",
    "publicNetworkAccess": "Disabled", "timeCreated": stamp("snap"), "provisioningState": "Succeeded",
    "diskState": "Unattached", "dataAccessAuthMode": "None",
}, sku={"name": "Standard_ZRS", "tier": "Standard"}, tag=tags("legacy-pos", owner="storeops", cost="CC-4310", workload="retired"))

for avset_id, location, members, tag in [(AVSET_WEB, EUS, WEB_VMS, T_WEB), (AVSET_WEU, WEU, WEU_VMS, T_WEU)]:
    E.add(avset_id, "Microsoft.Compute/availabilitySets", location, {
        "platformUpdateDomainCount": 5, "platformFaultDomainCount": 2 if location == WEU else 3,
        "virtualMachines": [ref(v) for v in members], "statuses": [],
    }, sku={"name": "Aligned"}, tag=tag)

E.add(DES, "Microsoft.Compute/diskEncryptionSets", EUS, {
    "activeKey": {"sourceVault": ref(KV_PROD), "keyUrl": f"https://kv-retail-prod-eus.vault.azure.net/keys/cmk-disks/{guid('cmk').replace('-', '')}"},
    "encryptionType": "EncryptionAtRestWithCustomerKey", "rotationToLatestKeyVersionEnabled": True,
    "provisioningState": "Succeeded", "previousKeys": [], "lastKeyRotationTimestamp": stamp("des"),
}, identity=user_identity("des", ID_CMK), tag=TAG_SEC)

# Load balancers: internal for the web tier, public for the European stores
E.use_subnet(subnet("vnet-spoke-apps-eus", "snet-web"), f"{LB_WEB}/frontendIPConfigurations/fe-web")
LB_WEU_PIP = public_ip(APPS, "pip-lbe-retail-stores-weu", WEU, T_WEU, zones=["1", "2", "3"],
                       user=f"{LB_WEU}/frontendIPConfigurations/fe-stores", dns="contoso-retail-stores-weu")


def load_balancer(lb_id, location, frontend, frontend_props, pool, tag, port):
    pool_name = pool.split("/")[-1]
    E.add(lb_id, "Microsoft.Network/loadBalancers", location, {
        "provisioningState": "Succeeded", "resourceGuid": guid(lb_id),
        "frontendIPConfigurations": [{"name": frontend, "id": f"{lb_id}/frontendIPConfigurations/{frontend}",
                                      "properties": {"provisioningState": "Succeeded", **frontend_props,
                                                     "loadBalancingRules": [ref(f"{lb_id}/loadBalancingRules/https")]}}],
        "backendAddressPools": [{"name": pool_name, "id": pool,
                                 "properties": {"provisioningState": "Succeeded",
                                                "backendIPConfigurations": [ref(c) for c in LB_NAT.get(pool, [])],
                                                "loadBalancingRules": [ref(f"{lb_id}/loadBalancingRules/https")]}}],
        "probes": [{"name": "probe-https", "id": f"{lb_id}/probes/probe-https",
                    "properties": {"provisioningState": "Succeeded", "protocol": "Https", "port": port, "requestPath": "/healthz",
                                   "intervalInSeconds": 15, "numberOfProbes": 2, "probeThreshold": 1}}],
        "loadBalancingRules": [{"name": "https", "id": f"{lb_id}/loadBalancingRules/https",
                                "properties": {"provisioningState": "Succeeded",
                                               "frontendIPConfiguration": ref(f"{lb_id}/frontendIPConfigurations/{frontend}"),
                                               "backendAddressPool": ref(pool), "probe": ref(f"{lb_id}/probes/probe-https"),
                                               "protocol": "Tcp", "frontendPort": 443, "backendPort": port,
                                               "idleTimeoutInMinutes": 4, "loadDistribution": "Default",
                                               "enableFloatingIP": False, "enableTcpReset": True, "disableOutboundSnat": True}}],
        "inboundNatRules": [], "outboundRules": [], "inboundNatPools": [],
    }, sku={"name": "Standard", "tier": "Regional"}, tag=tag)


load_balancer(LB_WEB, EUS, "fe-web", {"privateIPAddress": "10.20.1.250", "privateIPAllocationMethod": "Static",
                                      "subnet": ref(subnet("vnet-spoke-apps-eus", "snet-web"))},
              LB_WEB_POOL, T_WEB, 8443)
load_balancer(LB_WEU, WEU, "fe-stores", {"privateIPAllocationMethod": "Dynamic", "publicIPAddress": ref(LB_WEU_PIP)},
              LB_WEU_POOL, T_WEU, 443)

# Checkout VM scale set (Uniform, zonal) and a Spot scale set for batch price recalculation
VMSS_CHECKOUT = rid(APPS, "Microsoft.Compute/virtualMachineScaleSets", "vmss-retail-checkout-eus")
VMSS_SPOT = rid(APPS, "Microsoft.Compute/virtualMachineScaleSets", "vmss-retail-pricing-spot-eus")


GALLERY = rid(APPS, "Microsoft.Compute/galleries", "gal_retail_images")
GALLERY_IMAGE = f"{GALLERY}/images/pos-ubuntu-2204"
GALLERY_VERSION = f"{GALLERY_IMAGE}/versions/1.4.0"
T_IMAGES = tags("golden-images", owner="platform", cost="CC-4100", workload="build")
E.add(GALLERY, "Microsoft.Compute/galleries", EUS, {
    "description": "Golden images for store and checkout servers", "identifier": {"uniqueName": f"{SUB}-GAL_RETAIL_IMAGES"},
    "provisioningState": "Succeeded", "sharingProfile": {"permissions": "Private"},
}, tag=T_IMAGES)
E.add(GALLERY_IMAGE, "Microsoft.Compute/galleries/images", EUS, {
    "osType": "Linux", "osState": "Generalized", "hyperVGeneration": "V2", "architecture": "x64",
    "identifier": {"publisher": "ContosoRetail", "offer": "pos-ubuntu", "sku": "2204-gen2"},
    "recommended": {"vCPUs": {"min": 2, "max": 16}, "memory": {"min": 4, "max": 64}},
    "features": [{"name": "SecurityType", "value": "TrustedLaunchSupported"}], "provisioningState": "Succeeded",
}, name="pos-ubuntu-2204", tag=T_IMAGES)
E.add(GALLERY_VERSION, "Microsoft.Compute/galleries/images/versions", EUS, {
    "publishingProfile": {"targetRegions": [{"name": DISPLAY_NAME, "regionalReplicaCount": 2, "storageAccountType": "Standard_ZRS"}
                                            for DISPLAY_NAME in ("East US", "West Europe", "Southeast Asia")],
                          "replicaCount": 2, "excludeFromLatest": False, "publishedDate": stamp("galv"),
                          "storageAccountType": "Standard_ZRS", "replicationMode": "Full"},
    "storageProfile": {"osDiskImage": {"sizeInGB": 64, "hostCaching": "ReadWrite"}},
    "safetyProfile": {"allowDeletionOfReplicatedLocations": False, "reportedForPolicyViolation": False},
    "provisioningState": "Succeeded", "replicationStatus": {"aggregatedState": "Completed", "summary": []},
}, name="1.4.0", tag=T_IMAGES)


def scale_set(vmss_id, size, capacity, subnet_id, tag, zones, *, spot=False, pool=None, nsg_id=None, extra=None, identity=None,
              image=None):
    name = vmss_id.split("/")[-1]
    ipconfig = {"name": "ipconfig1", "properties": {"primary": True, "subnet": ref(subnet_id), "privateIPAddressVersion": "IPv4"}}
    if pool:
        ipconfig["properties"]["loadBalancerBackendAddressPools"] = [ref(pool)]
    nic = {"name": f"{name}-nic", "properties": {"primary": True, "enableAcceleratedNetworking": True,
                                                 "enableIPForwarding": False, "ipConfigurations": [ipconfig],
                                                 "dnsSettings": {"dnsServers": []}}}
    if nsg_id:
        nic["properties"]["networkSecurityGroup"] = ref(nsg_id)
    profile = {
        "osProfile": {"computerNamePrefix": name[:9], "adminUsername": "retailadmin",
                      "linuxConfiguration": {"disablePasswordAuthentication": True, "provisionVMAgent": True,
                                             "ssh": {"publicKeys": [{"path": "/home/retailadmin/.ssh/authorized_keys",
                                                                     "keyData": SSH_KEY}]}},
                      "secrets": [], "allowExtensionOperations": True},
        "storageProfile": {"osDisk": {"osType": "Linux", "createOption": "FromImage", "caching": "ReadOnly",
                                      "managedDisk": {"storageAccountType": "Premium_LRS"}, "diskSizeGB": 128},
                           "imageReference": image or UBUNTU, "dataDisks": []},
        "networkProfile": {"networkInterfaceConfigurations": [nic]},
        "diagnosticsProfile": {"bootDiagnostics": {"enabled": True}},
    }
    if spot:
        profile["priority"] = "Spot"
        profile["evictionPolicy"] = "Delete"
        profile["billingProfile"] = {"maxPrice": -1}
    props = {"singlePlacementGroup": False, "orchestrationMode": "Uniform",
             "upgradePolicy": {"mode": "Rolling", "rollingUpgradePolicy": {"maxBatchInstancePercent": 20,
                                                                            "maxUnhealthyInstancePercent": 20,
                                                                            "pauseTimeBetweenBatches": "PT0S"}},
             "virtualMachineProfile": profile, "overprovision": False, "doNotRunExtensionsOnOverprovisionedVMs": False,
             "provisioningState": "Succeeded", "uniqueId": guid("vmss", name), "platformFaultDomainCount": 1,
             "timeCreated": stamp(vmss_id)}
    if extra:
        props.update(extra)
    E.add(vmss_id, "Microsoft.Compute/virtualMachineScaleSets", EUS, props,
          sku={"name": size, "tier": "Standard", "capacity": capacity}, zones=zones, tag=tag, identity=identity)


scale_set(VMSS_CHECKOUT, "Standard_D4s_v5", 4, subnet("vnet-spoke-apps-eus", "snet-app"), T_APP, ["1", "2", "3"],
          nsg_id=NSG_APP, identity=user_identity("vmss-checkout", ID_APPS), image={"id": GALLERY_VERSION})
scale_set(VMSS_SPOT, "Standard_F8s_v2", 6, subnet("vnet-spoke-apps-eus", "snet-app"),
          tags("pricing", owner="ecom", cost="CC-4230", workload="batch"), None, spot=True)

# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------

T_SQL = tags("core-db", owner="data", cost="CC-4300", workload="orders")
SQL = rid(DATA, "Microsoft.Sql/servers", "sql-retail-core-eus")
SQL_WEU = rid(DATA, "Microsoft.Sql/servers", "sql-retail-stores-weu")
POOL = f"{SQL}/elasticPools/sqlep-retail-shared"

PRIVATE_ENDPOINTS = []


def private_endpoint(name, location, subnet_id, target, group, zone_names, tag, rg=DATA):
    """Declares a private endpoint and its NIC; the target's back-reference is added by its writer."""
    pe_id = rid(rg, "Microsoft.Network/privateEndpoints", name)
    PRIVATE_ENDPOINTS.append((pe_id, name, location, subnet_id, target, group, zone_names, tag, rg))
    return pe_id


def pe_connection(target, pe_id):
    name = pe_id.split("/")[-1]
    return {"id": f"{target}/privateEndpointConnections/{name}.{guid('pec', name)}",
            "properties": {"privateEndpoint": ref(pe_id), "groupIds": None,
                           "privateLinkServiceConnectionState": {"status": "Approved", "description": "Auto-approved",
                                                                 "actionsRequired": "None"},
                           "provisioningState": "Succeeded"}}


PE_SQL = private_endpoint("pe-sql-retail-core-eus", EUS, subnet("vnet-spoke-data-eus", "snet-pe"), SQL, "sqlServer",
                          ["privatelink.database.windows.net"], T_SQL)
PE_SQL_WEU = private_endpoint("pe-sql-retail-stores-weu", WEU, subnet("vnet-hub-weu", "snet-pe"), SQL_WEU, "sqlServer",
                              ["privatelink.database.windows.net"], T_WEU)

for server, location, admin, tag, endpoint in [(SQL, EUS, "sqladmin-core", T_SQL, PE_SQL),
                                               (SQL_WEU, WEU, "sqladmin-stores", T_WEU, PE_SQL_WEU)]:
    name = server.split("/")[-1]
    E.add(server, "Microsoft.Sql/servers", location, {
        "administratorLogin": admin, "version": "12.0", "state": "Ready",
        "fullyQualifiedDomainName": f"{name}.database.windows.net",
        "privateEndpointConnections": [pe_connection(server, endpoint)],
        "minimalTlsVersion": "1.2", "publicNetworkAccess": "Disabled", "restrictOutboundNetworkAccess": "Disabled",
        "administrators": {"administratorType": "ActiveDirectory", "principalType": "Group", "login": "sg-retail-dba",
                           "sid": guid("sid", name), "tenantId": TENANT, "azureADOnlyAuthentication": True},
        "primaryUserAssignedIdentityId": ID_APPS,
    }, kind="v12.0", identity=user_identity(name, ID_APPS), tag=tag)
    diagnostics(server, ["SQLSecurityAuditEvents", "DevOpsOperationsAudit"])

E.add(POOL, "Microsoft.Sql/servers/elasticPools", EUS, {
    "state": "Ready", "creationDate": stamp(POOL), "maxSizeBytes": 805306368000,
    "perDatabaseSettings": {"minCapacity": 0.0, "maxCapacity": 4.0}, "zoneRedundant": True, "licenseType": "LicenseIncluded",
    "maintenanceConfigurationId": "/subscriptions/" + SUB + "/providers/Microsoft.Maintenance/publicMaintenanceConfigurations/SQL_Default",
    "availabilityZone": "NoPreference",
}, kind="vcore,pool", sku={"name": "GP_Gen5", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 4}, tag=T_SQL)


def database(server, name, location, sku, max_bytes, tag, *, pool=None, kind="v12.0,user,vcore", zone_redundant=False,
             extra=None):
    db_id = f"{server}/databases/{name}"
    objective = sku["name"] if sku["tier"] in ("Standard", "Premium", "Basic", "System") else f"{sku['name']}_{sku['capacity']}"
    if pool:
        objective = "ElasticPool"
    props = {
        "collation": "SQL_Latin1_General_CP1_CI_AS", "maxSizeBytes": max_bytes, "status": "Online",
        "databaseId": guid("db", db_id), "creationDate": stamp(db_id), "currentServiceObjectiveName": objective,
        "requestedServiceObjectiveName": objective, "defaultSecondaryLocation": "westus" if location == EUS else "northeurope",
        "catalogCollation": "SQL_Latin1_General_CP1_CI_AS", "zoneRedundant": zone_redundant, "readScale": "Disabled",
        "currentSku": sku, "currentBackupStorageRedundancy": "Geo", "requestedBackupStorageRedundancy": "Geo",
        "maintenanceConfigurationId": "/subscriptions/" + SUB + "/providers/Microsoft.Maintenance/publicMaintenanceConfigurations/SQL_Default",
        "isLedgerOn": False, "isInfraEncryptionEnabled": False, "availabilityZone": "NoPreference",
    }
    if kind.endswith("vcore"):
        props["licenseType"] = "LicenseIncluded"
    if pool:
        props["elasticPoolId"] = pool
    if extra:
        props.update(extra)
    E.add(db_id, "Microsoft.Sql/servers/databases", location, props, kind=kind, sku=sku, tag=tag)
    return db_id


GIB = 1024 ** 3
DB_ORDERS = database(SQL, "sqldb-orders", EUS, {"name": "GP_Gen5", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 8},
                     500 * GIB, T_SQL, zone_redundant=True)
DB_CATALOG = database(SQL, "sqldb-catalog", EUS, {"name": "S3", "tier": "Standard", "capacity": 100}, 250 * GIB,
                      tags("catalog", owner="ecom", cost="CC-4200"), kind="v12.0,user")
database(SQL, "sqldb-loyalty", EUS, {"name": "ElasticPool", "tier": "GeneralPurpose", "capacity": 0}, 200 * GIB,
         tags("loyalty", owner="ecom", cost="CC-4240"), pool=POOL, kind="v12.0,user,vcore,pool")
database(SQL, "sqldb-promotions", EUS, {"name": "ElasticPool", "tier": "GeneralPurpose", "capacity": 0}, 100 * GIB,
         tags("promotions", owner="ecom", cost="CC-4240"), pool=POOL, kind="v12.0,user,vcore,pool")
DB_ANALYTICS = database(SQL, "sqldb-sales-analytics", EUS,
                        {"name": "HS_Gen5", "tier": "Hyperscale", "family": "Gen5", "capacity": 8}, 100 * 1024 * GIB, T_DATA,
                        kind="v12.0,user,vcore,hyperscale", extra={"highAvailabilityReplicaCount": 1, "readScale": "Enabled"})
database(SQL, "master", EUS, {"name": "System", "tier": "System", "capacity": 0}, 32 * GIB, {}, kind="v12.0,system")
DB_STORES_EU = database(SQL_WEU, "sqldb-stores-eu", WEU, {"name": "S2", "tier": "Standard", "capacity": 50}, 250 * GIB, T_WEU,
                        kind="v12.0,user")
database(SQL_WEU, "master", WEU, {"name": "System", "tier": "System", "capacity": 0}, 32 * GIB, {}, kind="v12.0,system")
diagnostics(DB_ORDERS, ["SQLInsights", "QueryStoreRuntimeStatistics", "Errors"])

# SQL Managed Instance for the ERP
SQLMI = rid(DATA, "Microsoft.Sql/managedInstances", "sqlmi-retail-erp")
T_ERP = tags("erp", owner="finance-it", cost="CC-4500")
E.add(SQLMI, "Microsoft.Sql/managedInstances", EUS, {
    "provisioningState": "Succeeded", "state": "Ready",
    "fullyQualifiedDomainName": f"sqlmi-retail-erp.{guid('dnszone')[:12].replace('-', '')}.database.windows.net",
    "administratorLogin": "miadmin", "subnetId": subnet("vnet-spoke-data-eus", "snet-sqlmi"), "licenseType": "BasePrice",
    "vCores": 8, "storageSizeInGB": 1024, "collation": "SQL_Latin1_General_CP1_CI_AS", "dnsZone": guid("dnszone")[:12].replace("-", ""),
    "publicDataEndpointEnabled": False, "proxyOverride": "Redirect", "timezoneId": "Pacific Standard Time",
    "minimalTlsVersion": "1.2", "requestedBackupStorageRedundancy": "Geo", "currentBackupStorageRedundancy": "Geo",
    "zoneRedundant": False, "maintenanceConfigurationId": "/subscriptions/" + SUB + "/providers/Microsoft.Maintenance/publicMaintenanceConfigurations/SQL_Default",
    "primaryUserAssignedIdentityId": ID_APPS, "privateEndpointConnections": [],
}, sku={"name": "GP_Gen5", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 8},
    identity=user_identity("sqlmi", ID_APPS, system=True), tag=T_ERP)
for db in ("erp-finance", "erp-supplychain"):
    E.add(f"{SQLMI}/databases/{db}", "Microsoft.Sql/managedInstances/databases", EUS, {
        "collation": "SQL_Latin1_General_CP1_CI_AS", "status": "Online", "creationDate": stamp(db),
        "defaultSecondaryLocation": "westus", "isLedgerOn": False,
    }, tag=T_ERP)

# MySQL and PostgreSQL flexible servers, VNet-injected, with private DNS zones
DNS_MYSQL = rid(NET, "Microsoft.Network/privateDnsZones", "retail-cms.private.mysql.database.azure.com")
DNS_PG = rid(NET, "Microsoft.Network/privateDnsZones", "retail-inventory.private.postgres.database.azure.com")
MYSQL = rid(DATA, "Microsoft.DBforMySQL/flexibleServers", "mysql-retail-cms")
PGSQL = rid(DATA, "Microsoft.DBforPostgreSQL/flexibleServers", "psql-retail-inventory")
E.add(MYSQL, "Microsoft.DBforMySQL/flexibleServers", EUS, {
    "administratorLogin": "cmsadmin", "version": "8.0.21", "state": "Ready",
    "fullyQualifiedDomainName": "mysql-retail-cms.mysql.database.azure.com", "availabilityZone": "1",
    "storage": {"storageSizeGB": 256, "iops": 1140, "autoGrow": "Enabled", "autoIoScaling": "Disabled",
                "storageSku": "Premium_LRS", "logOnDisk": "Disabled"},
    "backup": {"backupRetentionDays": 14, "geoRedundantBackup": "Enabled", "earliestRestoreDate": stamp("mysql-restore")},
    "highAvailability": {"mode": "Disabled", "state": "NotEnabled", "standbyAvailabilityZone": ""},
    "network": {"publicNetworkAccess": "Disabled", "delegatedSubnetResourceId": subnet("vnet-spoke-data-eus", "snet-mysql"),
                "privateDnsZoneResourceId": DNS_MYSQL},
    "maintenanceWindow": {"customWindow": "Enabled", "startHour": 3, "startMinute": 0, "dayOfWeek": 0},
    "replicationRole": "None", "replicaCapacity": 10,
}, sku={"name": "Standard_D2ds_v4", "tier": "GeneralPurpose"}, tag=tags("cms", owner="ecom", cost="CC-4200"))
E.add(PGSQL, "Microsoft.DBforPostgreSQL/flexibleServers", EUS, {
    "administratorLogin": "inventoryadmin", "version": "15", "minorVersion": "7", "state": "Ready",
    "fullyQualifiedDomainName": "psql-retail-inventory.postgres.database.azure.com", "availabilityZone": "1",
    "storage": {"storageSizeGB": 1024, "autoGrow": "Enabled", "tier": "P30", "iops": 5000, "type": ""},
    "authConfig": {"activeDirectoryAuth": "Enabled", "passwordAuth": "Enabled", "tenantId": TENANT},
    "backup": {"backupRetentionDays": 35, "geoRedundantBackup": "Enabled", "earliestRestoreDate": stamp("pg-restore")},
    "network": {"publicNetworkAccess": "Disabled", "delegatedSubnetResourceId": subnet("vnet-spoke-data-eus", "snet-pgsql"),
                "privateDnsZoneArmResourceId": DNS_PG},
    "highAvailability": {"mode": "ZoneRedundant", "state": "Healthy", "standbyAvailabilityZone": "2"},
    "maintenanceWindow": {"customWindow": "Disabled", "dayOfWeek": 0, "startHour": 0, "startMinute": 0},
    "replicationRole": "Primary", "replicaCapacity": 5,
}, sku={"name": "Standard_D4ds_v5", "tier": "GeneralPurpose"}, tag=tags("inventory", owner="supplychain", cost="CC-4400"))
diagnostics(PGSQL, ["PostgreSQLLogs", "PostgreSQLFlexSessions"])

# Cosmos DB: serverless cart store; multi-region-write catalog; MongoDB API for reviews
COSMOS_CART = rid(DATA, "Microsoft.DocumentDB/databaseAccounts", "cosmos-retail-cart")
COSMOS_CATALOG = rid(DATA, "Microsoft.DocumentDB/databaseAccounts", "cosmos-retail-catalog")
COSMOS_REVIEWS = rid(DATA, "Microsoft.DocumentDB/databaseAccounts", "cosmos-retail-reviews")
PE_COSMOS = private_endpoint("pe-cosmos-retail-catalog", EUS, subnet("vnet-spoke-data-eus", "snet-pe"), COSMOS_CATALOG, "Sql",
                             ["privatelink.documents.azure.com"], T_DATA)


def cosmos(account, kind, locations, capabilities, tag, *, multi_write=False, endpoint=None, analytical=False):
    name = account.split("/")[-1]
    locs = [{"id": f"{name}-{loc}", "locationName": DISPLAY[loc],
             "documentEndpoint": f"https://{name}-{loc}.documents.azure.com:443/", "provisioningState": "Succeeded",
             "failoverPriority": i, "isZoneRedundant": loc == EUS} for i, loc in enumerate(locations)]
    props = {
        "provisioningState": "Succeeded", "documentEndpoint": f"https://{name}.documents.azure.com:443/",
        "databaseAccountOfferType": "Standard", "ipRules": [], "isVirtualNetworkFilterEnabled": False,
        "virtualNetworkRules": [], "enableAutomaticFailover": True, "enableMultipleWriteLocations": multi_write,
        "consistencyPolicy": {"defaultConsistencyLevel": "Session", "maxIntervalInSeconds": 5, "maxStalenessPrefix": 100},
        "capabilities": [{"name": c} for c in capabilities],
        "writeLocations": locs if multi_write else locs[:1], "readLocations": locs, "locations": locs,
        "failoverPolicies": [{"id": l["id"], "locationName": l["locationName"], "failoverPriority": l["failoverPriority"]}
                             for l in locs],
        "privateEndpointConnections": [pe_connection(account, endpoint)] if endpoint else [],
        "enableFreeTier": False, "enableAnalyticalStorage": analytical, "publicNetworkAccess": "Disabled" if endpoint else "Enabled",
        "disableLocalAuth": True, "minimalTlsVersion": "Tls12", "instanceId": guid("cosmos", name),
        "backupPolicy": {"type": "Continuous", "continuousModeProperties": {"tier": "Continuous30Days"}},
        "networkAclBypass": "None", "networkAclBypassResourceIds": [],
    }
    if kind == "MongoDB":
        props["apiProperties"] = {"serverVersion": "6.0"}
    E.add(account, "Microsoft.DocumentDB/databaseAccounts", locations[0], props, kind=kind, tag=tag,
          identity=system_identity(name))


DISPLAY = {EUS: "East US", WEU: "West Europe", SEA: "Southeast Asia", EUS2: "East US 2"}
cosmos(COSMOS_CART, "GlobalDocumentDB", [EUS], ["EnableServerless"], tags("cart", owner="ecom", cost="CC-4200"))
cosmos(COSMOS_CATALOG, "GlobalDocumentDB", [EUS, WEU, SEA], [], tags("catalog", owner="ecom", cost="CC-4200"),
       multi_write=True, endpoint=PE_COSMOS, analytical=True)
cosmos(COSMOS_REVIEWS, "MongoDB", [EUS, WEU], ["EnableMongo", "DisableRateLimitingResponses"],
       tags("reviews", owner="ecom", cost="CC-4250"))
diagnostics(COSMOS_CATALOG, ["DataPlaneRequests", "PartitionKeyStatistics"])

# Redis: Premium in a VNet for sessions; Enterprise for recommendations (not offered in Azure China)
REDIS = rid(DATA, "Microsoft.Cache/Redis", "redis-retail-session")
E.add(REDIS, "Microsoft.Cache/Redis", EUS, {
    "provisioningState": "Succeeded", "redisVersion": "6.0",
    "sku": {"name": "Premium", "family": "P", "capacity": 2}, "enableNonSslPort": False, "minimumTlsVersion": "1.2",
    "publicNetworkAccess": "Disabled", "redisConfiguration": {"maxmemory-policy": "allkeys-lru", "maxmemory-reserved": "642",
                                                             "rdb-backup-enabled": "true", "rdb-backup-frequency": "60",
                                                             "aad-enabled": "true"},
    "subnetId": subnet("vnet-spoke-data-eus", "snet-redis"), "staticIP": "10.30.4.10", "shardCount": 2,
    "replicasPerMaster": 1, "replicasPerPrimary": 1, "updateChannel": "Stable",
    "hostName": "redis-retail-session.redis.cache.windows.net", "port": 6379, "sslPort": 6380,
    "instances": [{"sslPort": 15000, "nonSslPort": 13000, "shardId": 0, "isMaster": True, "isPrimary": True, "zone": "1"},
                  {"sslPort": 15001, "nonSslPort": 13001, "shardId": 0, "isMaster": False, "isPrimary": False, "zone": "2"}],
    "linkedServers": [], "privateEndpointConnections": [],
}, zones=["1", "2"], tag=tags("session-cache", owner="ecom", cost="CC-4200"))
REDIS_ENT = rid(DATA, "Microsoft.Cache/redisEnterprise", "redisent-retail-recs")
E.add(REDIS_ENT, "Microsoft.Cache/redisEnterprise", EUS, {
    "provisioningState": "Succeeded", "resourceState": "Running", "hostName": "redisent-retail-recs.eastus.redisenterprise.cache.azure.net",
    "redisVersion": "7", "minimumTlsVersion": "1.2", "privateEndpointConnections": [],
}, sku={"name": "Enterprise_E10", "capacity": 2}, zones=["1", "2", "3"], tag=tags("recommendations", owner="data", cost="CC-4300"))
E.add(f"{REDIS_ENT}/databases/default", "Microsoft.Cache/redisEnterprise/databases", EUS, {
    "provisioningState": "Succeeded", "resourceState": "Running", "clientProtocol": "Encrypted", "port": 10000,
    "clusteringPolicy": "EnterpriseCluster", "evictionPolicy": "NoEviction",
    "modules": [{"name": "RediSearch", "args": "", "version": "2.8.4"}, {"name": "RedisJSON", "args": "", "version": "2.6.6"}],
    "persistence": {"aofEnabled": False, "rdbEnabled": True, "rdbFrequency": "6h"},
}, name="default", tag=tags("recommendations", owner="data", cost="CC-4300"))

# Storage accounts
STORAGE = {}


def storage(rg, name, location, sku, kind, tag, *, hns=False, tier="Hot", endpoint=None, subnets=(), large_file=False,
            public_access=False):
    sa_id = rid(rg, "Microsoft.Storage/storageAccounts", name)
    STORAGE[name] = sa_id
    paired = {EUS: "westus", WEU: "northeurope", SEA: "eastasia"}[location]
    geo = "GRS" in sku or "GZRS" in sku
    props = {
        "keyCreationTime": {"key1": stamp("key1", name), "key2": stamp("key2", name)},
        "privateEndpointConnections": [pe_connection(sa_id, endpoint)] if endpoint else [],
        "minimumTlsVersion": "TLS1_2", "allowBlobPublicAccess": public_access, "allowSharedKeyAccess": False,
        "isHnsEnabled": hns, "largeFileSharesState": "Enabled" if large_file else None,
        "networkAcls": {"bypass": "AzureServices", "defaultAction": "Deny" if subnets or endpoint else "Allow",
                        "ipRules": [], "ipv6Rules": [],
                        "virtualNetworkRules": [{"id": s, "action": "Allow", "state": "Succeeded"} for s in subnets],
                        "resourceAccessRules": []},
        "supportsHttpsTrafficOnly": True,
        "encryption": {"requireInfrastructureEncryption": False, "keySource": "Microsoft.Storage",
                       "services": {s: {"keyType": "Account", "enabled": True, "lastEnabledTime": stamp("enc", name)}
                                    for s in ("file", "blob")}},
        "accessTier": tier if kind != "FileStorage" else None,
        "provisioningState": "Succeeded", "creationTime": stamp(name),
        "primaryEndpoints": {s: f"https://{name}.{s}.core.windows.net/" for s in
                             (("file",) if kind == "FileStorage" else ("dfs", "web", "blob", "queue", "table", "file"))},
        "primaryLocation": location, "statusOfPrimary": "available",
    }
    if props["largeFileSharesState"] is None:
        del props["largeFileSharesState"]
    if props["accessTier"] is None:
        del props["accessTier"]
    if geo:
        props["secondaryLocation"] = paired
        props["statusOfSecondary"] = "available"
        if sku.startswith("Standard_RA"):
            props["secondaryEndpoints"] = {s: f"https://{name}-secondary.{s}.core.windows.net/" for s in ("blob", "queue", "table", "web", "dfs")}
    E.add(sa_id, "Microsoft.Storage/storageAccounts", location, props, kind=kind,
          sku={"name": sku, "tier": "Premium" if sku.startswith("Premium") else "Standard"}, tag=tag)
    return sa_id


PE_BLOB = private_endpoint("pe-st-retail-data-blob", EUS, subnet("vnet-spoke-data-eus", "snet-pe"),
                           rid(DATA, "Microsoft.Storage/storageAccounts", "stretaildataeus"), "blob",
                           ["privatelink.blob.core.windows.net"], T_DATA)
storage(MON, "stretaildiageus", EUS, "Standard_LRS", "StorageV2", TAG_MON)
storage(APPS, "stretailwebassets", EUS, "Standard_ZRS", "StorageV2", tags("storefront", owner="ecom", cost="CC-4200"),
        public_access=True)
ST_DATA = storage(DATA, "stretaildataeus", EUS, "Standard_GZRS", "StorageV2", T_DATA, endpoint=PE_BLOB,
                  subnets=[subnet("vnet-spoke-apps-eus", "snet-app"), subnet("vnet-spoke-apps-eus", "snet-aks")])
storage(DATA, "stretailbackupeus", EUS, "Standard_RAGZRS", "StorageV2", tags("backup", owner="platform", cost="CC-4100"),
        tier="Cool")
storage(DATA, "stretailfileseus", EUS, "Premium_LRS", "FileStorage", tags("pos", owner="storeops", cost="CC-4310"),
        subnets=[subnet("vnet-spoke-apps-eus", "snet-app")], large_file=True)
ST_LAKE = storage(DATA, "stretaillakeeus", EUS, "Standard_LRS", "StorageV2", T_DATA, hns=True,
                  subnets=[subnet("vnet-spoke-data-eus", "snet-compute")])
storage(DATA, "stretailarchiveeus", EUS, "Standard_GRS", "StorageV2", tags("compliance", owner="finance-it", cost="CC-4500"),
        tier="Cold")
storage(APPS, "stretailartifacts", EUS, "Standard_LRS", "StorageV2", tags("build", owner="platform", cost="CC-4100"))
ST_FUNC = storage(APPS, "stfuncretailorders", EUS, "Standard_LRS", "StorageV2", tags("order-processing", owner="ecom", cost="CC-4210"))
storage(APPS, "stretailstoresweu", WEU, "Standard_LRS", "StorageV2", T_WEU, subnets=[subnet("vnet-hub-weu", "snet-stores")])
storage(APPS, "stretailstoressea", SEA, "Standard_GRS", "StorageV2", T_SEA)
diagnostics(f"{ST_DATA}/blobServices/default", ["StorageRead", "StorageWrite", "StorageDelete"])

# Key vaults
PE_KV = private_endpoint("pe-kv-retail-prod-eus", EUS, subnet("vnet-spoke-apps-eus", "snet-pe"), KV_PROD, "vault",
                         ["privatelink.vaultcore.azure.net"], TAG_SEC)
PE_KV_WEU = private_endpoint("pe-kv-retail-weu", WEU, subnet("vnet-hub-weu", "snet-pe"), KV_WEU, "vault",
                             ["privatelink.vaultcore.azure.net"], T_WEU)
for kv_id, location, sku_name, endpoint, rules, tag in [
        (KV_PROD, EUS, "premium", PE_KV, [subnet("vnet-spoke-apps-eus", "snet-app")], TAG_SEC),
        (KV_WEU, WEU, "standard", PE_KV_WEU, [subnet("vnet-hub-weu", "snet-stores")], T_WEU)]:
    name = kv_id.split("/")[-1]
    E.add(kv_id, "Microsoft.KeyVault/vaults", location, {
        "sku": {"family": "A", "name": sku_name}, "tenantId": TENANT,
        "networkAcls": {"bypass": "AzureServices", "defaultAction": "Deny", "ipRules": [],
                        "virtualNetworkRules": [{"id": s, "ignoreMissingVnetServiceEndpoint": False} for s in rules]},
        "accessPolicies": [], "enabledForDeployment": False, "enabledForDiskEncryption": True,
        "enabledForTemplateDeployment": False, "enableSoftDelete": True, "softDeleteRetentionInDays": 90,
        "enableRbacAuthorization": True, "enablePurgeProtection": True, "vaultUri": f"https://{name}.vault.azure.net/",
        "provisioningState": "Succeeded", "publicNetworkAccess": "Disabled" if endpoint else "Enabled",
        "privateEndpointConnections": [pe_connection(kv_id, endpoint)] if endpoint else [],
    }, tag=tag)
diagnostics(KV_PROD, ["AuditEvent", "AzurePolicyEvaluationDetails"], storage=ST_DIAG)

# ---------------------------------------------------------------------------
# Web
# ---------------------------------------------------------------------------

T_FUNC = tags("order-processing", owner="ecom", cost="CC-4210")


def plan(name, location, sku, tier, family, capacity, kind, tag, reserved=True, elastic=False):
    plan_id = rid(APPS, "Microsoft.Web/serverFarms", name)
    E.add(plan_id, "Microsoft.Web/serverFarms", location, {
        "serverFarmId": 0, "name": name, "workerSize": "Default", "workerSizeId": 0, "currentWorkerSize": "Default",
        "currentWorkerSizeId": 0, "currentNumberOfWorkers": capacity, "status": "Ready", "webSpace": f"{APPS}-{location.title()}webspace",
        "maximumNumberOfWorkers": 30 if tier == "PremiumV3" else 10, "geoRegion": DISPLAY[location], "numberOfSites": 0,
        "isSpot": False, "perSiteScaling": False, "elasticScaleEnabled": elastic, "maximumElasticWorkerCount": 20 if elastic else 1,
        "numberOfWorkers": capacity, "reserved": reserved, "isXenon": False, "hyperV": False, "targetWorkerCount": 0,
        "targetWorkerSizeId": 0, "provisioningState": "Succeeded", "kind": kind, "zoneRedundant": tier == "PremiumV3" and capacity >= 3,
    }, kind=kind, sku={"name": sku, "tier": tier, "size": sku, "family": family, "capacity": capacity}, tag=tag)
    return plan_id


ASP_WEB = plan("asp-retail-web-eus", EUS, "P1v3", "PremiumV3", "Pv3", 3, "linux", T_WEB)
ASP_API = plan("asp-retail-api-eus", EUS, "P0v3", "PremiumV3", "Pv3", 2, "linux", T_APP)
ASP_FUNC = plan("asp-retail-func-eus", EUS, "Y1", "Dynamic", "Y", 0, "functionapp", T_FUNC, reserved=False)
ASP_WEU = plan("asp-retail-admin-weu", WEU, "S1", "Standard", "S", 1, "app", T_WEU, reserved=False)
ASP_FUNC_EP = plan("asp-retail-func-ep-eus", EUS, "EP1", "ElasticPremium", "EP", 1, "elastic", T_FUNC, elastic=True)


def site(name, plan_id, location, kind, runtime, tag, *, slot=None, subnet_id=None, insights=None, settings=(), identity=None,
         storage_account=None):
    site_id = rid(APPS, "Microsoft.Web/sites", name)
    host = f"{name}-{slot}" if slot else name
    resource_id = f"{site_id}/slots/{slot}" if slot else site_id
    app_settings = [{"name": k, "value": v} for k, v in settings]
    if insights:
        app_settings.append({"name": "APPLICATIONINSIGHTS_CONNECTION_STRING", "value": f"InstrumentationKey={insights[1]}"})
    if storage_account:
        app_settings.append({"name": "AzureWebJobsStorage__accountName", "value": storage_account.split("/")[-1]})
    linux = "linux" in kind
    props = {
        "name": f"{name}({slot})" if slot else name, "state": "Running",
        "hostNames": [f"{host}.azurewebsites.net"], "webSpace": f"{APPS}-EastUSwebspace", "repositorySiteName": name,
        "usageState": "Normal", "enabled": True,
        "enabledHostNames": [f"{host}.azurewebsites.net", f"{host}.scm.azurewebsites.net"],
        "availabilityState": "Normal",
        "hostNameSslStates": [{"name": f"{host}.azurewebsites.net", "sslState": "Disabled", "hostType": "Standard"},
                              {"name": f"{host}.scm.azurewebsites.net", "sslState": "Disabled", "hostType": "Repository"}],
        "serverFarmId": plan_id, "reserved": linux, "isXenon": False, "hyperV": False,
        "lastModifiedTimeUtc": stamp(resource_id), "vnetRouteAllEnabled": subnet_id is not None,
        "siteConfig": {"numberOfWorkers": 1, "linuxFxVersion": runtime if linux else "", "windowsFxVersion": None,
                       "netFrameworkVersion": "v8.0" if not linux else None, "alwaysOn": "functionapp" not in kind,
                       "http20Enabled": True, "minTlsVersion": "1.2", "scmMinTlsVersion": "1.2", "ftpsState": "Disabled",
                       "functionAppScaleLimit": 200 if "functionapp" in kind else 0, "appSettings": app_settings},
        "scmSiteAlsoStopped": False, "clientAffinityEnabled": False, "clientCertEnabled": False, "clientCertMode": "Required",
        "hostNamesDisabled": False, "customDomainVerificationId": guid("cdv", name).replace("-", "").upper() * 2,
        "outboundIpAddresses": "20.119.8.44,20.119.8.45,20.119.8.46",
        "possibleOutboundIpAddresses": "20.119.8.44,20.119.8.45,20.119.8.46,20.119.8.47,20.119.8.48",
        "containerSize": 1536 if "functionapp" in kind else 0, "dailyMemoryTimeQuota": 0, "resourceGroup": APPS,
        "defaultHostName": f"{host}.azurewebsites.net", "httpsOnly": True, "redundancyMode": "None",
        "publicNetworkAccess": "Enabled", "storageAccountRequired": False,
        "keyVaultReferenceIdentity": ID_APPS if identity else "SystemAssigned",
    }
    if subnet_id:
        props["virtualNetworkSubnetId"] = subnet_id
    E.add(resource_id, "Microsoft.Web/sites/slots" if slot else "Microsoft.Web/sites", location, props, kind=kind,
          identity=identity, tag=tag, name=f"{name}/{slot}" if slot else name)
    return resource_id


INT = subnet("vnet-spoke-apps-eus", "snet-appsvc-int")
STOREFRONT = site("app-retail-storefront", ASP_WEB, EUS, "app,linux", "NODE|20-lts", T_WEB, subnet_id=INT,
                  insights=AI_STOREFRONT, identity=user_identity("storefront", ID_APPS),
                  settings=[("KeyVaultUri", "https://kv-retail-prod-eus.vault.azure.net/"), ("CATALOG_API", "https://app-retail-api.azurewebsites.net")])
site("app-retail-storefront", ASP_WEB, EUS, "app,linux", "NODE|20-lts", T_WEB, slot="staging", subnet_id=INT,
     insights=AI_STOREFRONT, identity=user_identity("storefront-staging", ID_APPS))
API = site("app-retail-api", ASP_API, EUS, "app,linux", "DOTNETCORE|8.0", T_APP, subnet_id=INT, insights=AI_API,
           identity=user_identity("api", ID_APPS),
           settings=[("ConnectionStrings__Orders", "Server=tcp:sql-retail-core-eus.database.windows.net,1433;Database=sqldb-orders;Authentication=Active Directory Managed Identity")])
site("app-retail-api", ASP_API, EUS, "app,linux", "DOTNETCORE|8.0", T_APP, slot="staging", subnet_id=INT, insights=AI_API,
     identity=user_identity("api-staging", ID_APPS))
site("app-retail-admin-weu", ASP_WEU, WEU, "app", "", T_WEU, identity=system_identity("admin-weu"))
FUNC_ORDERS = site("func-retail-orders", ASP_FUNC, EUS, "functionapp", "", T_FUNC, insights=AI_FUNC, storage_account=ST_FUNC,
                   identity=user_identity("func-orders", ID_APPS),
                   settings=[("FUNCTIONS_EXTENSION_VERSION", "~4"), ("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated"),
                             ("ServiceBusConnection__fullyQualifiedNamespace", "sb-retail-orders.servicebus.windows.net")])
site("func-retail-images", ASP_FUNC, EUS, "functionapp,linux", "PYTHON|3.11", tags("imagery", owner="ecom", cost="CC-4220"),
     insights=AI_FUNC, storage_account=ST_FUNC, identity=system_identity("func-images"),
     settings=[("FUNCTIONS_EXTENSION_VERSION", "~4"), ("FUNCTIONS_WORKER_RUNTIME", "python")])
site("func-retail-inventory-sync", ASP_FUNC_EP, EUS, "functionapp,linux", "DOTNET-ISOLATED|8.0",
     tags("inventory", owner="supplychain", cost="CC-4400"), subnet_id=INT, insights=AI_FUNC, storage_account=ST_FUNC,
     identity=user_identity("func-inventory", ID_APPS),
     settings=[("FUNCTIONS_EXTENSION_VERSION", "~4"), ("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated")])
private_endpoint("pe-app-retail-api", EUS, subnet("vnet-spoke-apps-eus", "snet-pe"), API, "sites",
                 ["privatelink.azurewebsites.net"], T_APP, rg=APPS)
diagnostics(STOREFRONT, ["AppServiceHTTPLogs", "AppServiceConsoleLogs", "AppServiceAppLogs"])

# ---------------------------------------------------------------------------
# Containers
# ---------------------------------------------------------------------------

T_AKS = tags("recommendations", owner="data", cost="CC-4300", workload="aks-platform")
ACR = rid(APPS, "Microsoft.ContainerRegistry/registries", "acrretailprod")
PE_ACR = private_endpoint("pe-acr-retail-prod", EUS, subnet("vnet-spoke-apps-eus", "snet-pe"), ACR, "registry",
                          ["privatelink.azurecr.io"], T_AKS, rg=APPS)
E.add(ACR, "Microsoft.ContainerRegistry/registries", EUS, {
    "loginServer": "acrretailprod.azurecr.io", "creationDate": stamp("acr"), "provisioningState": "Succeeded",
    "adminUserEnabled": False, "networkRuleSet": {"defaultAction": "Deny", "ipRules": []},
    "policies": {"quarantinePolicy": {"status": "disabled"}, "trustPolicy": {"type": "Notary", "status": "disabled"},
                 "retentionPolicy": {"days": 30, "status": "enabled"}, "exportPolicy": {"status": "enabled"}},
    "encryption": {"status": "disabled"}, "dataEndpointEnabled": True,
    "dataEndpointHostNames": [f"acrretailprod.{loc}.data.azurecr.io" for loc in (EUS, WEU, SEA)],
    "privateEndpointConnections": [pe_connection(ACR, PE_ACR)], "publicNetworkAccess": "Disabled",
    "networkRuleBypassOptions": "AzureServices", "zoneRedundancy": "Enabled", "anonymousPullEnabled": False,
}, sku={"name": "Premium", "tier": "Premium"}, identity=system_identity("acr"), tag=T_AKS)
for loc in (WEU, SEA):
    E.add(f"{ACR}/replications/{loc}", "Microsoft.ContainerRegistry/registries/replications", loc, {
        "provisioningState": "Succeeded", "status": {"displayStatus": "Ready", "timestamp": stamp("repl", loc)},
        "regionEndpointEnabled": True, "zoneRedundancy": "Enabled" if loc == WEU else "Disabled",
    }, tag=T_AKS)

AKS = rid(APPS, "Microsoft.ContainerService/managedClusters", "aks-retail-prod")
AKS_PIP = rid(AKS_NODES, "Microsoft.Network/publicIPAddresses", "kubernetes-a3f9c2d81e6b44f0b7d5e8c1a9f2b4d6")
AKS_LB = rid(AKS_NODES, "Microsoft.Network/loadBalancers", "kubernetes")
AKS_NSG = rid(AKS_NODES, "Microsoft.Network/networkSecurityGroups", "aks-agentpool-38517204-nsg")
AKS_SUBNET = subnet("vnet-spoke-apps-eus", "snet-aks")
POOLS = [("system", "Standard_D4s_v5", 3, "System", 3, 5), ("user", "Standard_D8s_v5", 4, "User", 2, 12)]
aks_managed = {"aks-managed-createOperationID": guid("aksop"), "aks-managed-orchestrator": "Kubernetes:1.29.4"}
E.add(AKS, "Microsoft.ContainerService/managedClusters", EUS, {
    "provisioningState": "Succeeded", "powerState": {"code": "Running"}, "kubernetesVersion": "1.29.4",
    "currentKubernetesVersion": "1.29.4", "dnsPrefix": "aks-retail-prod",
    "fqdn": "aks-retail-prod-3b9f1c2d.hcp.eastus.azmk8s.io", "azurePortalFQDN": "aks-retail-prod-3b9f1c2d.portal.hcp.eastus.azmk8s.io",
    "agentPoolProfiles": [{"name": pool, "count": count, "vmSize": size, "osDiskSizeGB": 128, "osDiskType": "Ephemeral",
                           "kubeletDiskType": "OS", "vnetSubnetID": AKS_SUBNET, "maxPods": 50, "type": "VirtualMachineScaleSets",
                           "availabilityZones": ["1", "2", "3"], "maxCount": high, "minCount": low, "enableAutoScaling": True,
                           "provisioningState": "Succeeded", "powerState": {"code": "Running"}, "orchestratorVersion": "1.29.4",
                           "currentOrchestratorVersion": "1.29.4", "enableNodePublicIP": False, "mode": mode,
                           "osType": "Linux", "osSKU": "Ubuntu", "nodeImageVersion": "AKSUbuntu-2204gen2containerd-202405.03.0",
                           "upgradeSettings": {"maxSurge": "33%"}, "enableFIPS": False,
                           "nodeTaints": ["CriticalAddonsOnly=true:NoSchedule"] if mode == "System" else []}
                          for pool, size, count, mode, low, high in POOLS],
    "linuxProfile": {"adminUsername": "azureuser", "ssh": {"publicKeys": [{"keyData": SSH_KEY}]}},
    "servicePrincipalProfile": {"clientId": "msi"},
    "addonProfiles": {"omsagent": {"enabled": True, "config": {"logAnalyticsWorkspaceResourceID": LAW, "useAADAuth": "true"}},
                      "azureKeyvaultSecretsProvider": {"enabled": True, "config": {"enableSecretRotation": "true",
                                                                                    "rotationPollInterval": "2m"}},
                      "azurepolicy": {"enabled": True}},
    "nodeResourceGroup": AKS_NODES, "enableRBAC": True, "supportPlan": "KubernetesOfficial",
    "networkProfile": {"networkPlugin": "azure", "networkPolicy": "calico", "serviceCidr": "10.100.0.0/16",
                       "dnsServiceIP": "10.100.0.10", "outboundType": "loadBalancer", "loadBalancerSku": "standard",
                       "loadBalancerProfile": {"managedOutboundIPs": {"count": 1}, "effectiveOutboundIPs": [ref(AKS_PIP)],
                                               "backendPoolType": "nodeIPConfiguration"},
                       "serviceCidrs": ["10.100.0.0/16"], "ipFamilies": ["IPv4"]},
    "aadProfile": {"managed": True, "adminGroupObjectIDs": [guid("aks-admins")], "enableAzureRBAC": True, "tenantID": TENANT},
    "maxAgentPools": 100, "apiServerAccessProfile": {"enablePrivateCluster": False, "authorizedIPRanges": ["203.0.113.0/24"]},
    "identityProfile": {"kubeletidentity": {"resourceId": ID_KUBELET, "clientId": guid("client", ID_KUBELET),
                                            "objectId": guid("principal", ID_KUBELET)}},
    "autoScalerProfile": {"balance-similar-node-groups": "false", "expander": "random", "max-graceful-termination-sec": "600",
                          "scan-interval": "10s", "skip-nodes-with-local-storage": "false"},
    "autoUpgradeProfile": {"upgradeChannel": "patch", "nodeOSUpgradeChannel": "NodeImage"},
    "disableLocalAccounts": True, "securityProfile": {"defender": {"logAnalyticsWorkspaceResourceId": LAW,
                                                                  "securityMonitoring": {"enabled": True}}},
    "storageProfile": {"diskCSIDriver": {"enabled": True}, "fileCSIDriver": {"enabled": True},
                       "snapshotController": {"enabled": True}},
    "oidcIssuerProfile": {"enabled": True, "issuerURL": f"https://eastus.oic.prod-aks.azure.com/{TENANT}/{guid('oidc')}/"},
    "workloadAutoScalerProfile": {}, "azureMonitorProfile": {"metrics": {"enabled": False}},
    "resourceUID": guid("aksuid").replace("-", "")[:24],
}, sku={"name": "Base", "tier": "Standard"}, identity=user_identity("aks", ID_AKS), tag=T_AKS)
diagnostics(AKS, ["kube-audit-admin", "kube-apiserver", "cluster-autoscaler"])

# The AKS node resource group, as AKS creates it
E.add(AKS_PIP, "Microsoft.Network/publicIPAddresses", EUS, {
    "provisioningState": "Succeeded", "resourceGuid": guid(AKS_PIP), "ipAddress": "52.191.40.17",
    "publicIPAddressVersion": "IPv4", "publicIPAllocationMethod": "Static", "idleTimeoutInMinutes": 30, "ipTags": [],
    "ipConfiguration": ref(f"{AKS_LB}/frontendIPConfigurations/a3f9c2d81e6b44f0b7d5e8c1a9f2b4d6"),
}, sku={"name": "Standard", "tier": "Regional"}, zones=["1", "2", "3"], tag={**aks_managed, "aks-managed-type": "aks-slb-managed-outbound-ip"})
E.add(AKS_NSG, "Microsoft.Network/networkSecurityGroups", EUS, {
    "provisioningState": "Succeeded", "resourceGuid": guid(AKS_NSG), "securityRules": [], "defaultSecurityRules": [],
}, tag=aks_managed)
AKS_VMSS = []
for pool, size, count, mode, _, _ in POOLS:
    vmss_id = rid(AKS_NODES, "Microsoft.Compute/virtualMachineScaleSets", f"aks-{pool}-38517204-vmss")
    AKS_VMSS.append(vmss_id)
    scale_set(vmss_id, size, count, AKS_SUBNET, {**aks_managed, "aks-managed-poolName": pool,
                                                 "aks-managed-kubeletIdentityClientID": guid("client", ID_KUBELET)},
              ["1", "2", "3"], pool=f"{AKS_LB}/backendAddressPools/aksOutboundBackendPool", nsg_id=AKS_NSG,
              identity=user_identity(f"aks-{pool}", ID_KUBELET))
E.add(AKS_LB, "Microsoft.Network/loadBalancers", EUS, {
    "provisioningState": "Succeeded", "resourceGuid": guid(AKS_LB),
    "frontendIPConfigurations": [{"name": "a3f9c2d81e6b44f0b7d5e8c1a9f2b4d6",
                                  "id": f"{AKS_LB}/frontendIPConfigurations/a3f9c2d81e6b44f0b7d5e8c1a9f2b4d6",
                                  "properties": {"provisioningState": "Succeeded", "privateIPAllocationMethod": "Dynamic",
                                                 "publicIPAddress": ref(AKS_PIP),
                                                 "outboundRules": [ref(f"{AKS_LB}/outboundRules/aksOutboundRule")]}}],
    "backendAddressPools": [{"name": "aksOutboundBackendPool", "id": f"{AKS_LB}/backendAddressPools/aksOutboundBackendPool",
                             "properties": {"provisioningState": "Succeeded",
                                            "outboundRules": [ref(f"{AKS_LB}/outboundRules/aksOutboundRule")]}}],
    "outboundRules": [{"name": "aksOutboundRule", "id": f"{AKS_LB}/outboundRules/aksOutboundRule",
                       "properties": {"provisioningState": "Succeeded", "allocatedOutboundPorts": 0, "protocol": "All",
                                      "enableTcpReset": True, "idleTimeoutInMinutes": 30,
                                      "backendAddressPool": ref(f"{AKS_LB}/backendAddressPools/aksOutboundBackendPool"),
                                      "frontendIPConfigurations": [ref(f"{AKS_LB}/frontendIPConfigurations/a3f9c2d81e6b44f0b7d5e8c1a9f2b4d6")]}}],
    "probes": [], "loadBalancingRules": [], "inboundNatRules": [], "inboundNatPools": [],
}, sku={"name": "Standard", "tier": "Regional"}, tag=aks_managed)

# Container Apps
CAE = rid(APPS, "Microsoft.App/managedEnvironments", "cae-retail-prod")
E.add(CAE, "Microsoft.App/managedEnvironments", EUS, {
    "provisioningState": "Succeeded", "daprAIInstrumentationKey": None,
    "vnetConfiguration": {"internal": True, "infrastructureSubnetId": subnet("vnet-spoke-apps-eus", "snet-aca")},
    "defaultDomain": "cae-retail-prod.internal.kindpond-4b2c9d1e.eastus.azurecontainerapps.io", "staticIp": "10.20.8.120",
    "appLogsConfiguration": {"destination": "log-analytics",
                             "logAnalyticsConfiguration": {"customerId": guid("customer", LAW)}},
    "zoneRedundant": True, "workloadProfiles": [{"workloadProfileType": "Consumption", "name": "Consumption"},
                                                {"workloadProfileType": "D4", "name": "general", "minimumCount": 1,
                                                 "maximumCount": 3}],
    "infrastructureResourceGroup": "ME_cae-retail-prod_rg-retail-apps_eastus", "peerAuthentication": {"mtls": {"enabled": False}},
}, tag=T_AKS)
for app_name, image, port, profile in [("ca-retail-recs-api", "acrretailprod.azurecr.io/recs/api:2024.05.2", 8080, "general"),
                                       ("ca-retail-notifier", "acrretailprod.azurecr.io/notify/worker:1.14.0", None, "Consumption"),
                                       ("ca-retail-search-sync", "acrretailprod.azurecr.io/search/sync:3.2.1", None, "Consumption")]:
    ca_id = rid(APPS, "Microsoft.App/containerApps", app_name)
    config = {"activeRevisionsMode": "Single", "maxInactiveRevisions": 10,
              "registries": [{"server": "acrretailprod.azurecr.io", "identity": ID_APPS}],
              "secrets": [{"name": "servicebus-connection", "keyVaultUrl": "https://kv-retail-prod-eus.vault.azure.net/secrets/sb-conn",
                           "identity": ID_APPS}]}
    if port:
        config["ingress"] = {"fqdn": f"{app_name}.cae-retail-prod.internal.kindpond-4b2c9d1e.eastus.azurecontainerapps.io",
                             "external": False, "targetPort": port, "transport": "Auto", "allowInsecure": False,
                             "traffic": [{"weight": 100, "latestRevision": True}]}
    E.add(ca_id, "Microsoft.App/containerApps", EUS, {
        "provisioningState": "Succeeded", "runningStatus": "Running", "managedEnvironmentId": CAE, "environmentId": CAE,
        "workloadProfileName": profile, "outboundIpAddresses": ["20.120.44.10"],
        "latestRevisionName": f"{app_name}--r{guid('rev', app_name)[:7]}", "configuration": config,
        "template": {"containers": [{"image": image, "name": app_name.removeprefix("ca-retail-"),
                                     "resources": {"cpu": 1.0, "memory": "2Gi", "ephemeralStorage": "4Gi"}}],
                     "scale": {"minReplicas": 1, "maxReplicas": 10}},
    }, identity=user_identity(app_name, ID_APPS), tag=T_AKS)

# Container instance printing shelf labels, injected into the apps spoke
ACI = rid(APPS, "Microsoft.ContainerInstance/containerGroups", "ci-retail-label-printer")
E.add(ACI, "Microsoft.ContainerInstance/containerGroups", EUS, {
    "provisioningState": "Succeeded", "sku": "Standard", "osType": "Linux", "restartPolicy": "Always",
    "containers": [{"name": "label-printer", "properties": {"image": "acrretailprod.azurecr.io/stores/label-printer:5.0.3",
                                                            "ports": [{"protocol": "TCP", "port": 9100}],
                                                            "environmentVariables": [{"name": "PRINTER_QUEUE", "value": "shelf-labels"}],
                                                            "resources": {"requests": {"memoryInGB": 1.5, "cpu": 1.0}}}}],
    "imageRegistryCredentials": [{"server": "acrretailprod.azurecr.io", "identity": ID_APPS}],
    "ipAddress": {"ports": [{"protocol": "TCP", "port": 9100}], "type": "Private", "ip": "10.20.4.4"},
    "subnetIds": [ref(subnet("vnet-spoke-apps-eus", "snet-aci"))],
    "instanceView": {"state": "Running"},
}, identity=user_identity("aci", ID_APPS), tag=T_POS)

# ---------------------------------------------------------------------------
# Integration
# ---------------------------------------------------------------------------

SB = rid(APPS, "Microsoft.ServiceBus/namespaces", "sb-retail-orders")
PE_SB = private_endpoint("pe-sb-retail-orders", EUS, subnet("vnet-spoke-apps-eus", "snet-pe"), SB, "namespace",
                         ["privatelink.servicebus.windows.net"], T_FUNC, rg=APPS)
E.add(SB, "Microsoft.ServiceBus/namespaces", EUS, {
    "minimumTlsVersion": "1.2", "publicNetworkAccess": "Disabled", "disableLocalAuth": True, "zoneRedundant": True,
    "privateEndpointConnections": [pe_connection(SB, PE_SB)], "provisioningState": "Succeeded", "status": "Active",
    "premiumMessagingPartitions": 1, "createdAt": stamp("sb"), "updatedAt": stamp("sb2"),
    "serviceBusEndpoint": "https://sb-retail-orders.servicebus.windows.net:443/", "metricId": f"{SUB}:sb-retail-orders",
    "encryption": {"keySource": "Microsoft.KeyVault", "requireInfrastructureEncryption": False,
                   "keyVaultProperties": [{"keyName": "cmk-servicebus", "keyVaultUri": "https://kv-retail-prod-eus.vault.azure.net",
                                           "identity": {"userAssignedIdentity": ID_CMK}}]},
}, sku={"name": "Premium", "tier": "Premium", "capacity": 1}, identity=user_identity("sb", ID_CMK), tag=T_FUNC)
diagnostics(SB, ["OperationalLogs", "RuntimeAuditLogs"])
EVH = rid(APPS, "Microsoft.EventHub/namespaces", "evhns-retail-telemetry")
E.add(EVH, "Microsoft.EventHub/namespaces", EUS, {
    "minimumTlsVersion": "1.2", "publicNetworkAccess": "Enabled", "disableLocalAuth": False, "zoneRedundant": True,
    "isAutoInflateEnabled": True, "maximumThroughputUnits": 10, "kafkaEnabled": True, "provisioningState": "Succeeded",
    "status": "Active", "createdAt": stamp("evh"), "serviceBusEndpoint": "https://evhns-retail-telemetry.servicebus.windows.net:443/",
    "metricId": f"{SUB}:evhns-retail-telemetry", "privateEndpointConnections": [],
}, sku={"name": "Standard", "tier": "Standard", "capacity": 2}, tag=tags("store-telemetry", owner="storeops", cost="CC-4310"))
E.add(rid(DATA, "Microsoft.EventGrid/systemTopics", "egst-retail-datalake"), "Microsoft.EventGrid/systemTopics", EUS, {
    "provisioningState": "Succeeded", "source": ST_LAKE, "topicType": "Microsoft.Storage.StorageAccounts",
    "metricResourceId": guid("egst"),
}, identity=system_identity("egst"), tag=T_DATA)
E.add(rid(APPS, "Microsoft.EventGrid/topics", "egt-retail-order-events"), "Microsoft.EventGrid/topics", EUS, {
    "provisioningState": "Succeeded", "endpoint": "https://egt-retail-order-events.eastus-1.eventgrid.azure.net/api/events",
    "inputSchema": "CloudEventSchemaV1_0", "metricResourceId": guid("egt"), "publicNetworkAccess": "Enabled",
    "disableLocalAuth": True, "dataResidencyBoundary": "WithinGeopair", "inboundIpRules": [], "privateEndpointConnections": [],
}, sku={"name": "Basic"}, kind="Azure", identity=system_identity("egt"), tag=T_FUNC)

API_CONN = rid(APPS, "Microsoft.Web/connections", "office365-supplier-alerts")
E.add(API_CONN, "Microsoft.Web/connections", EUS, {
    "displayName": "supplier-alerts@contoso-retail.example",
    "statuses": [{"status": "Connected"}],
    "customParameterValues": {}, "nonSecretParameterValues": {}, "createdTime": stamp("conn"), "changedTime": stamp("conn2"),
    "api": {"name": "office365", "displayName": "Office 365 Outlook",
            "id": f"/subscriptions/{SUB}/providers/Microsoft.Web/locations/eastus/managedApis/office365", "type": "Microsoft.Web/locations/managedApis"},
    "testLinks": [],
}, kind="V1", tag=tags("supplier-portal", owner="supplychain", cost="CC-4400"))
for wf_name, trigger, actions in [
        ("logic-retail-supplier-sync", {"Recurrence": {"type": "Recurrence", "recurrence": {"frequency": "Hour", "interval": 1}}},
         {"Send_alert": {"type": "ApiConnection", "inputs": {"host": {"connection": {"name": "@parameters('$connections')['office365']['connectionId']"}},
                                                              "method": "post", "path": "/v2/Mail"}}}),
        ("logic-retail-price-feed", {"When_a_blob_is_added": {"type": "Request", "kind": "Http", "inputs": {"schema": {}}}},
         {"Forward_to_topic": {"type": "Http", "inputs": {"method": "POST", "uri": "https://egt-retail-order-events.eastus-1.eventgrid.azure.net/api/events"}}})]:
    params = {"$connections": {"value": {"office365": {"connectionId": API_CONN, "connectionName": "office365-supplier-alerts",
                                                       "id": f"/subscriptions/{SUB}/providers/Microsoft.Web/locations/eastus/managedApis/office365"}}}} \
        if "supplier" in wf_name else {}
    E.add(rid(APPS, "Microsoft.Logic/workflows", wf_name), "Microsoft.Logic/workflows", EUS, {
        "provisioningState": "Succeeded", "createdTime": stamp(wf_name), "changedTime": stamp("c", wf_name), "state": "Enabled",
        "version": guid("wfver", wf_name).replace("-", "")[:20].upper(), "accessEndpoint":
            f"https://prod-42.eastus.logic.azure.com:443/workflows/{guid('wf', wf_name).replace('-', '')}",
        "definition": {"$schema": "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
                       "contentVersion": "1.0.0.0", "parameters": {"$connections": {"defaultValue": {}, "type": "Object"}},
                       "triggers": trigger, "actions": actions, "outputs": {}},
        "parameters": params, "endpointsConfiguration": {},
    }, tag=tags("supplier-portal", owner="supplychain", cost="CC-4400"))

APIM = rid(APPS, "Microsoft.ApiManagement/service", "apim-retail-prod")
APIM_PIP = public_ip(APPS, "pip-apim-retail-prod", EUS, T_APP, zones=["1", "2"], dns="apim-retail-prod-eus")
E.add(APIM, "Microsoft.ApiManagement/service", EUS, {
    "publisherEmail": "api-team@contoso-retail.example", "publisherName": "Contoso Retail", "notificationSenderEmail": "apimgmt-noreply@mail.windowsazure.com",
    "provisioningState": "Succeeded", "targetProvisioningState": "", "createdAtUtc": stamp("apim"),
    "gatewayUrl": "https://apim-retail-prod.azure-api.net", "gatewayRegionalUrl": "https://apim-retail-prod-eastus-01.regional.azure-api.net",
    "portalUrl": "https://apim-retail-prod.portal.azure-api.net", "developerPortalUrl": "https://apim-retail-prod.developer.azure-api.net",
    "managementApiUrl": "https://apim-retail-prod.management.azure-api.net", "scmUrl": "https://apim-retail-prod.scm.azure-api.net",
    "hostnameConfigurations": [{"type": "Proxy", "hostName": "apim-retail-prod.azure-api.net", "negotiateClientCertificate": False,
                                "defaultSslBinding": True, "certificateSource": "BuiltIn"}],
    "publicIPAddresses": ["20.231.10.88"], "privateIPAddresses": ["10.20.6.5"], "publicIpAddressId": APIM_PIP,
    "additionalLocations": [{"location": "West Europe", "sku": {"name": "Premium", "capacity": 1}, "zones": [],
                             "publicIPAddresses": ["20.103.77.14"], "virtualNetworkConfiguration": None,
                             "gatewayRegionalUrl": "https://apim-retail-prod-westeurope-01.regional.azure-api.net",
                             "disableGateway": False, "platformVersion": "stv2"}],
    "virtualNetworkConfiguration": {"subnetResourceId": subnet("vnet-spoke-apps-eus", "snet-apim")},
    "customProperties": {"Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": "False"},
    "virtualNetworkType": "External", "disableGateway": False, "natGatewayState": "Disabled", "apiVersionConstraint": {},
    "publicNetworkAccess": "Enabled", "platformVersion": "stv2",
}, sku={"name": "Premium", "capacity": 1}, zones=["1", "2"], identity=user_identity("apim", ID_APPS, system=True), tag=T_APP)
diagnostics(APIM, ["GatewayLogs", "WebSocketConnectionLogs"])

# Application Gateway body (needs the storefront host and the identity above)
E.use_subnet(subnet("vnet-hub-eus", "snet-appgw"), f"{APPGW}/gatewayIPConfigurations/appGatewayIpConfig")
E.add(APPGW, "Microsoft.Network/applicationGateways", EUS, {
    "provisioningState": "Succeeded", "resourceGuid": guid(APPGW), "operationalState": "Running",
    "sku": {"name": "WAF_v2", "tier": "WAF_v2", "family": "Generation_1"},
    "autoscaleConfiguration": {"minCapacity": 2, "maxCapacity": 10},
    "gatewayIPConfigurations": [{"name": "appGatewayIpConfig", "id": f"{APPGW}/gatewayIPConfigurations/appGatewayIpConfig",
                                 "properties": {"provisioningState": "Succeeded", "subnet": ref(subnet("vnet-hub-eus", "snet-appgw"))}}],
    "sslCertificates": [{"name": "shop-contoso-retail", "id": f"{APPGW}/sslCertificates/shop-contoso-retail",
                         "properties": {"provisioningState": "Succeeded",
                                        "keyVaultSecretId": "https://kv-retail-prod-eus.vault.azure.net/secrets/shop-contoso-retail-tls"}}],
    "frontendIPConfigurations": [{"name": "appGwPublicFrontendIp", "id": f"{APPGW}/frontendIPConfigurations/appGwPublicFrontendIp",
                                  "properties": {"provisioningState": "Succeeded", "privateIPAllocationMethod": "Dynamic",
                                                 "publicIPAddress": ref(APPGW_PIP)}}],
    "frontendPorts": [{"name": "port_443", "id": f"{APPGW}/frontendPorts/port_443", "properties": {"port": 443}}],
    "backendAddressPools": [{"name": "be-storefront", "id": f"{APPGW}/backendAddressPools/be-storefront",
                             "properties": {"backendAddresses": [{"fqdn": "app-retail-storefront.azurewebsites.net"}]}},
                            {"name": "be-web-vms", "id": f"{APPGW}/backendAddressPools/be-web-vms",
                             "properties": {"backendAddresses": [{"ipAddress": "10.20.1.250"}]}}],
    "backendHttpSettingsCollection": [{"name": "https-storefront", "id": f"{APPGW}/backendHttpSettingsCollection/https-storefront",
                                       "properties": {"port": 443, "protocol": "Https", "cookieBasedAffinity": "Disabled",
                                                      "pickHostNameFromBackendAddress": True, "requestTimeout": 30,
                                                      "probe": ref(f"{APPGW}/probes/storefront-health")}}],
    "httpListeners": [{"name": "https-shop", "id": f"{APPGW}/httpListeners/https-shop",
                       "properties": {"frontendIPConfiguration": ref(f"{APPGW}/frontendIPConfigurations/appGwPublicFrontendIp"),
                                      "frontendPort": ref(f"{APPGW}/frontendPorts/port_443"), "protocol": "Https",
                                      "sslCertificate": ref(f"{APPGW}/sslCertificates/shop-contoso-retail"),
                                      "hostName": "shop.contoso-retail.example", "requireServerNameIndication": True}}],
    "requestRoutingRules": [{"name": "shop-to-storefront", "id": f"{APPGW}/requestRoutingRules/shop-to-storefront",
                             "properties": {"ruleType": "Basic", "priority": 100,
                                            "httpListener": ref(f"{APPGW}/httpListeners/https-shop"),
                                            "backendAddressPool": ref(f"{APPGW}/backendAddressPools/be-storefront"),
                                            "backendHttpSettings": ref(f"{APPGW}/backendHttpSettingsCollection/https-storefront")}}],
    "probes": [{"name": "storefront-health", "id": f"{APPGW}/probes/storefront-health",
                "properties": {"protocol": "Https", "path": "/health", "interval": 30, "timeout": 30, "unhealthyThreshold": 3,
                               "pickHostNameFromBackendHttpSettings": True}}],
    "sslPolicy": {"policyType": "Predefined", "policyName": "AppGwSslPolicy20220101"},
    "enableHttp2": True, "firewallPolicy": ref(WAF), "forceFirewallPolicyAssociation": True,
}, zones=["1", "2", "3"], identity=user_identity("appgw", ID_APPGW), tag=TAG_NET)
diagnostics(APPGW, ["ApplicationGatewayAccessLog", "ApplicationGatewayFirewallLog"])
diagnostics(FW, ["AZFWApplicationRule", "AZFWNetworkRule", "AZFWDnsQuery"])

# ---------------------------------------------------------------------------
# Edge, AI and other services, several of them not offered in Azure China
# ---------------------------------------------------------------------------

T_EDGE = tags("storefront", owner="ecom", cost="CC-4200", workload="edge")
FD_CLASSIC = rid(NET, "Microsoft.Network/frontDoors", "fd-retail-legacy")
E.add(FD_CLASSIC, "Microsoft.Network/frontDoors", "global", {
    "provisioningState": "Succeeded", "resourceState": "Enabled", "enabledState": "Enabled", "friendlyName": "legacy storefront",
    "cname": "fd-retail-legacy.azurefd.net", "frontdoorId": guid("fd"),
    "frontendEndpoints": [{"id": f"{FD_CLASSIC}/frontendEndpoints/fd-retail-legacy-azurefd-net", "name": "fd-retail-legacy-azurefd-net",
                           "properties": {"hostName": "fd-retail-legacy.azurefd.net", "sessionAffinityEnabledState": "Disabled",
                                          "sessionAffinityTtlSeconds": 0, "resourceState": "Enabled"}}],
    "backendPools": [{"id": f"{FD_CLASSIC}/backendPools/storefront", "name": "storefront",
                      "properties": {"backends": [{"address": "app-retail-storefront.azurewebsites.net", "httpPort": 80,
                                                   "httpsPort": 443, "priority": 1, "weight": 50, "enabledState": "Enabled",
                                                   "backendHostHeader": "app-retail-storefront.azurewebsites.net"}],
                                     "loadBalancingSettings": ref(f"{FD_CLASSIC}/loadBalancingSettings/lb"),
                                     "healthProbeSettings": ref(f"{FD_CLASSIC}/healthProbeSettings/probe"),
                                     "resourceState": "Enabled"}}],
    "loadBalancingSettings": [{"id": f"{FD_CLASSIC}/loadBalancingSettings/lb", "name": "lb",
                               "properties": {"sampleSize": 4, "successfulSamplesRequired": 2, "additionalLatencyMilliseconds": 0}}],
    "healthProbeSettings": [{"id": f"{FD_CLASSIC}/healthProbeSettings/probe", "name": "probe",
                             "properties": {"path": "/health", "protocol": "Https", "intervalInSeconds": 30,
                                            "healthProbeMethod": "HEAD", "enabledState": "Enabled"}}],
    "routingRules": [{"id": f"{FD_CLASSIC}/routingRules/default", "name": "default",
                      "properties": {"frontendEndpoints": [ref(f"{FD_CLASSIC}/frontendEndpoints/fd-retail-legacy-azurefd-net")],
                                     "acceptedProtocols": ["Https"], "patternsToMatch": ["/*"], "enabledState": "Enabled",
                                     "routeConfiguration": {"@odata.type": "#Microsoft.Azure.FrontDoor.Models.FrontdoorForwardingConfiguration",
                                                            "forwardingProtocol": "HttpsOnly",
                                                            "backendPool": ref(f"{FD_CLASSIC}/backendPools/storefront")}}}],
    "backendPoolsSettings": {"enforceCertificateNameCheck": "Enabled", "sendRecvTimeoutSeconds": 30},
}, tag=T_EDGE)
AFD = rid(NET, "Microsoft.Cdn/profiles", "afd-retail-global")
E.add(AFD, "Microsoft.Cdn/profiles", "global", {
    "provisioningState": "Succeeded", "resourceState": "Active", "frontDoorId": guid("afd"), "originResponseTimeoutSeconds": 60,
    "extendedProperties": {},
}, kind="frontdoor", sku={"name": "Standard_AzureFrontDoor"}, tag=T_EDGE)
E.add(f"{AFD}/afdEndpoints/shop-contoso-retail", "Microsoft.Cdn/profiles/afdEndpoints", "global", {
    "provisioningState": "Succeeded", "deploymentStatus": "NotStarted", "enabledState": "Enabled",
    "hostName": "shop-contoso-retail-f3a9b2c1d4e5f6a7.z01.azurefd.net", "autoGeneratedDomainNameLabelScope": "TenantReuse",
}, tag=T_EDGE)
E.add(rid(NET, "Microsoft.Network/dnszones", "contoso-retail.example"), "Microsoft.Network/dnszones", "global", {
    "maxNumberOfRecordSets": 10000, "numberOfRecordSets": 14, "zoneType": "Public",
    "nameServers": ["ns1-07.azure-dns.com.", "ns2-07.azure-dns.net.", "ns3-07.azure-dns.org.", "ns4-07.azure-dns.info."],
}, tag=T_EDGE)

T_LABS = tags("innovation", env="dev", owner="digital-labs", cost="CC-4900", workload="labs")
E.add(rid(APPS, "Microsoft.CognitiveServices/accounts", "cog-retail-vision"), "Microsoft.CognitiveServices/accounts", EUS, {
    "endpoint": "https://cog-retail-vision.cognitiveservices.azure.com/", "provisioningState": "Succeeded",
    "customSubDomainName": "cog-retail-vision", "publicNetworkAccess": "Enabled", "disableLocalAuth": True,
    "networkAcls": {"defaultAction": "Allow", "ipRules": [], "virtualNetworkRules": []}, "isMigrated": False,
    "dateCreated": stamp("cog"),
}, kind="ComputerVision", sku={"name": "S1"}, identity=system_identity("cog"), tag=tags("imagery", owner="ecom", cost="CC-4220"))
E.add(rid(LABS, "Microsoft.CognitiveServices/accounts", "oai-retail-assistant", SUB_LABS), "Microsoft.CognitiveServices/accounts", EUS2, {
    "endpoint": "https://oai-retail-assistant.openai.azure.com/", "provisioningState": "Succeeded",
    "customSubDomainName": "oai-retail-assistant", "publicNetworkAccess": "Enabled", "disableLocalAuth": True,
    "networkAcls": {"defaultAction": "Allow", "ipRules": [], "virtualNetworkRules": []}, "isMigrated": False,
    "dateCreated": stamp("oai"), "capabilities": [{"name": "ContentFilter"}, {"name": "MaxFineTuneCount", "value": "100"}],
}, kind="OpenAI", sku={"name": "S0"}, identity=system_identity("oai"), tag=T_LABS)
E.add(rid(LABS, "Microsoft.Web/staticSites", "stapp-retail-lookbook", SUB_LABS), "Microsoft.Web/staticSites", EUS2, {
    "defaultHostname": "gentle-river-0a1b2c3d4.5.azurestaticapps.net", "repositoryUrl": "https://github.com/contoso-retail-example/lookbook",
    "branch": "main", "customDomains": [], "stagingEnvironmentPolicy": "Enabled", "allowConfigFileUpdates": True,
    "provider": "GitHub", "enterpriseGradeCdnStatus": "Disabled", "publicNetworkAccess": "Enabled",
}, sku={"name": "Standard", "tier": "Standard"}, tag=T_LABS)
E.add(rid(LABS, "Microsoft.Maps/accounts", "map-retail-storelocator", SUB_LABS), "Microsoft.Maps/accounts", "global", {
    "uniqueId": guid("maps"), "disableLocalAuth": True, "provisioningState": "Succeeded",
}, kind="Gen2", sku={"name": "G2", "tier": "Standard"}, tag=T_LABS)
E.add(rid(LABS, "Microsoft.LoadTestService/loadTests", "lt-retail-checkout", SUB_LABS), "Microsoft.LoadTestService/loadTests", EUS, {
    "description": "Black Friday checkout load tests", "dataPlaneURI": f"{guid('lt')}.eastus.cnt-prod.loadtesting.azure.com",
    "provisioningState": "Succeeded",
}, identity=system_identity("lt"), tag=T_LABS)
DEVCENTER = rid(LABS, "Microsoft.DevCenter/devcenters", "dc-retail", SUB_LABS)
E.add(DEVCENTER, "Microsoft.DevCenter/devcenters", EUS, {
    "provisioningState": "Succeeded", "devCenterUri": f"https://{guid('dc')}-dc-retail.eastus.devcenter.azure.com/",
}, identity=system_identity("dc"), tag=T_LABS)
E.add(rid(LABS, "Microsoft.DevCenter/projects", "dcp-retail-storefront", SUB_LABS), "Microsoft.DevCenter/projects", EUS, {
    "provisioningState": "Succeeded", "devCenterId": DEVCENTER, "description": "Dev boxes for the storefront team",
    "maxDevBoxesPerUser": 2, "devCenterUri": f"https://{guid('dc')}-dc-retail.eastus.devcenter.azure.com/",
}, tag=T_LABS)
E.add(rid(LABS, "Microsoft.Dashboard/grafana", "amg-retail-ops", SUB_LABS), "Microsoft.Dashboard/grafana", EUS, {
    "provisioningState": "Succeeded", "grafanaVersion": "10.4.1", "endpoint": "https://amg-retail-ops-b7c8d9e0f1a2.eus.grafana.azure.com",
    "zoneRedundancy": "Disabled", "publicNetworkAccess": "Enabled", "apiKey": "Disabled", "deterministicOutboundIP": "Disabled",
    "autoGeneratedDomainNameLabelScope": "TenantReuse", "grafanaMajorVersion": "10",
    "grafanaIntegrations": {"azureMonitorWorkspaceIntegrations": []},
}, sku={"name": "Standard"}, identity=system_identity("amg"), tag=T_LABS)
E.add(rid(APPS, "Microsoft.AppPlatform/Spring", "asa-retail-legacy-java"), "Microsoft.AppPlatform/Spring", EUS, {
    "provisioningState": "Succeeded", "version": 3, "serviceId": guid("asa").replace("-", ""), "powerState": "Running",
    "zoneRedundant": False, "fqdn": "asa-retail-legacy-java.azuremicroservices.io",
    "networkProfile": {"outboundType": "loadBalancer", "outboundIPs": {"publicIPs": ["20.185.100.21"]}},
}, sku={"name": "S0", "tier": "Standard", "capacity": 25}, tag=tags("legacy-java", owner="ecom", cost="CC-4200"))
E.add(rid(APPS, "Microsoft.ClassicCompute/domainNames", "cs-retail-legacy-pos"), "Microsoft.ClassicCompute/domainNames", EUS, {
    "status": "Created", "label": "cs-retail-legacy-pos", "hostName": "cs-retail-legacy-pos.cloudapp.net",
    "deploymentSlots": [{"name": "Production", "status": "Running"}],
}, tag={})
RSV = rid(DATA, "Microsoft.RecoveryServices/vaults", "rsv-retail-prod-eus")
E.add(RSV, "Microsoft.RecoveryServices/vaults", EUS, {
    "provisioningState": "Succeeded", "privateEndpointStateForBackup": "None", "privateEndpointStateForSiteRecovery": "None",
    "publicNetworkAccess": "Enabled", "redundancySettings": {"standardTierStorageRedundancy": "GeoRedundant",
                                                             "crossRegionRestore": "Enabled"},
    "securitySettings": {"immutabilitySettings": {"state": "Unlocked"}, "softDeleteSettings": {"softDeleteState": "Enabled",
                                                                                              "softDeleteRetentionPeriodInDays": 14}},
    "monitoringSettings": {"azureMonitorAlertSettings": {"alertsForAllJobFailures": "Enabled"}},
}, sku={"name": "RS0", "tier": "Standard"}, identity=system_identity("rsv"), tag=tags("backup", owner="platform", cost="CC-4100"))
E.add(rid(APPS, "Microsoft.Automation/automationAccounts", "aa-retail-ops"), "Microsoft.Automation/automationAccounts", EUS, {
    "provisioningState": "Succeeded", "sku": {"name": "Basic"}, "state": "Ok", "creationTime": stamp("aa"),
    "lastModifiedTime": stamp("aa2"), "publicNetworkAccess": True, "disableLocalAuth": False,
    "encryption": {"keySource": "Microsoft.Automation", "identity": {}},
}, identity=system_identity("aa"), tag=tags("operations", owner="platform", cost="CC-4100"))

SEARCH = rid(APPS, "Microsoft.Search/searchServices", "srch-retail-catalog")
PE_SEARCH = private_endpoint("pe-srch-retail-catalog", EUS, subnet("vnet-spoke-apps-eus", "snet-pe"), SEARCH, "searchService",
                             ["privatelink.search.windows.net"], tags("catalog", owner="ecom", cost="CC-4200"), rg=APPS)
E.add(SEARCH, "Microsoft.Search/searchServices", EUS, {
    "replicaCount": 2, "partitionCount": 1, "hostingMode": "default", "publicNetworkAccess": "Disabled", "status": "running",
    "statusDetails": "", "provisioningState": "succeeded", "networkRuleSet": {"ipRules": [], "bypass": "None"},
    "privateEndpointConnections": [pe_connection(SEARCH, PE_SEARCH)], "sharedPrivateLinkResources": [],
    "disableLocalAuth": True, "authOptions": None, "semanticSearch": "standard",
    "encryptionWithCmk": {"enforcement": "Unspecified", "encryptionComplianceStatus": "Compliant"},
}, sku={"name": "standard"}, identity=system_identity("srch"), tag=tags("catalog", owner="ecom", cost="CC-4200"))
APPCS = rid(APPS, "Microsoft.AppConfiguration/configurationStores", "appcs-retail-prod")
PE_APPCS = private_endpoint("pe-appcs-retail-prod", EUS, subnet("vnet-spoke-apps-eus", "snet-pe"), APPCS, "configurationStores",
                            ["privatelink.azconfig.io"], T_APP, rg=APPS)
E.add(APPCS, "Microsoft.AppConfiguration/configurationStores", EUS, {
    "provisioningState": "Succeeded", "creationDate": stamp("appcs"), "endpoint": "https://appcs-retail-prod.azconfig.io",
    "encryption": {"keyVaultProperties": None}, "privateEndpointConnections": [pe_connection(APPCS, PE_APPCS)],
    "publicNetworkAccess": "Disabled", "disableLocalAuth": True, "softDeleteRetentionInDays": 7, "enablePurgeProtection": True,
}, sku={"name": "standard"}, identity=user_identity("appcs", ID_APPS), tag=T_APP)
E.add(rid(DATA, "Microsoft.DataFactory/factories", "adf-retail-ingest"), "Microsoft.DataFactory/factories", EUS, {
    "provisioningState": "Succeeded", "createTime": stamp("adf"), "version": "2018-06-01", "publicNetworkAccess": "Enabled",
    "globalParameters": {"environment": {"type": "String", "value": "prod"}},
    "encryption": {"vaultBaseUrl": "https://kv-retail-prod-eus.vault.azure.net", "keyName": "cmk-adf",
                   "identity": {"userAssignedIdentity": ID_CMK}},
    "repoConfiguration": {"type": "FactoryGitHubConfiguration", "accountName": "contoso-retail-example",
                          "repositoryName": "data-pipelines", "collaborationBranch": "main", "rootFolder": "/adf"},
}, identity=user_identity("adf", ID_CMK, system=True), tag=T_DATA)
DBW_MANAGED_RG = f"/subscriptions/{SUB}/resourceGroups/databricks-rg-dbw-retail-analytics-k3m9q7x2"
E.add(rid(DATA, "Microsoft.Databricks/workspaces", "dbw-retail-analytics"), "Microsoft.Databricks/workspaces", EUS, {
    "managedResourceGroupId": DBW_MANAGED_RG, "provisioningState": "Succeeded", "workspaceId": "4821937562018473",
    "workspaceUrl": "adb-4821937562018473.13.azuredatabricks.net", "createdDateTime": stamp("dbw"),
    "publicNetworkAccess": "Enabled", "requiredNsgRules": "AllRules",
    "parameters": {"customVirtualNetworkId": {"type": "String", "value": VNETS["vnet-spoke-data-eus"]["id"]},
                   "customPublicSubnetName": {"type": "String", "value": "snet-dbw-public"},
                   "customPrivateSubnetName": {"type": "String", "value": "snet-dbw-private"},
                   "enableNoPublicIp": {"type": "Bool", "value": True},
                   "prepareEncryption": {"type": "Bool", "value": False},
                   "requireInfrastructureEncryption": {"type": "Bool", "value": False},
                   "storageAccountName": {"type": "String", "value": "dbstoragek3m9q7x2retail"},
                   "storageAccountSkuName": {"type": "String", "value": "Standard_GRS"}},
    "authorizations": [{"principalId": "9a74af6f-d153-4348-988a-e2672920bee9",
                        "roleDefinitionId": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"}],
}, sku={"name": "premium"}, tag=T_DATA)

E.add(rid(MON, "Microsoft.Insights/dataCollectionRules", "dcr-retail-vm-insights"), "Microsoft.Insights/dataCollectionRules", EUS, {
    "immutableId": "dcr-" + guid("dcr").replace("-", ""), "provisioningState": "Succeeded",
    "dataSources": {"performanceCounters": [{"streams": ["Microsoft-Perf"], "samplingFrequencyInSeconds": 60,
                                             "counterSpecifiers": ["\\Processor(_Total)\\% Processor Time", "\\Memory\\Available Bytes",
                                                                   "\\LogicalDisk(_Total)\\% Free Space"],
                                             "name": "perfCounterDataSource60"}],
                    "syslog": [{"streams": ["Microsoft-Syslog"], "facilityNames": ["auth", "daemon", "syslog"],
                                "logLevels": ["Warning", "Error", "Critical", "Alert", "Emergency"], "name": "sysLogsDataSource"}]},
    "destinations": {"logAnalytics": [{"workspaceResourceId": LAW, "workspaceId": guid("customer", LAW), "name": "la-retail-prod"}]},
    "dataFlows": [{"streams": ["Microsoft-Perf", "Microsoft-Syslog"], "destinations": ["la-retail-prod"]}],
}, kind="Linux", tag=TAG_MON)
E.add(rid(MON, "Microsoft.Insights/scheduledQueryRules", "sqr-retail-failed-checkouts"), "Microsoft.Insights/scheduledQueryRules", EUS, {
    "displayName": "sqr-retail-failed-checkouts", "description": "More than 50 failed checkout requests in 15 minutes",
    "severity": 1, "enabled": True, "evaluationFrequency": "PT5M", "scopes": [AI_API[0]], "windowSize": "PT15M",
    "targetResourceTypes": ["microsoft.insights/components"],
    "criteria": {"allOf": [{"query": "requests | where success == false and name has 'checkout'", "timeAggregation": "Count",
                            "dimensions": [], "operator": "GreaterThan", "threshold": 50,
                            "failingPeriods": {"numberOfEvaluationPeriods": 1, "minFailingPeriodsToAlert": 1}}]},
    "autoMitigate": True, "actions": {"actionGroups": [AG_ONCALL], "customProperties": {}},
}, kind="LogAlert", tag=TAG_MON)
E.add(rid(MON, "Microsoft.Insights/activityLogAlerts", "ala-retail-service-health"), "Microsoft.Insights/activityLogAlerts", "global", {
    "scopes": [f"/subscriptions/{SUB}"], "enabled": True,
    "description": "Azure service health incidents in the regions Contoso Retail runs in",
    "condition": {"allOf": [{"field": "category", "equals": "ServiceHealth"},
                            {"anyOf": [{"field": "properties.incidentType", "equals": "Incident"},
                                       {"field": "properties.incidentType", "equals": "Maintenance"}]}]},
    "actions": {"actionGroups": [{"actionGroupId": AG_PLATFORM, "webhookProperties": {}}]},
}, tag=TAG_MON)

TM = rid(NET, "Microsoft.Network/trafficManagerProfiles", "tm-retail-stores-sync")
E.add(TM, "Microsoft.Network/trafficManagerProfiles", "global", {
    "profileStatus": "Enabled", "trafficRoutingMethod": "Performance", "maxReturn": 0, "trafficViewEnrollmentStatus": "Disabled",
    "dnsConfig": {"relativeName": "contoso-retail-stores-sync", "fqdn": "contoso-retail-stores-sync.trafficmanager.net", "ttl": 60},
    "monitorConfig": {"profileMonitorStatus": "Online", "protocol": "HTTPS", "port": 443, "path": "/healthz",
                      "intervalInSeconds": 30, "toleratedNumberOfFailures": 3, "timeoutInSeconds": 10},
    "endpoints": [{"id": f"{TM}/azureEndpoints/{name}", "name": name, "type": "Microsoft.Network/trafficManagerProfiles/azureEndpoints",
                   "properties": {"endpointStatus": "Enabled", "endpointMonitorStatus": "Online", "targetResourceId": target,
                                  "target": f"{label}.{location}.cloudapp.azure.com", "weight": 1, "priority": priority,
                                  "endpointLocation": DISPLAY[location], "alwaysServe": "Disabled"}}
                  for name, target, label, location, priority in [
                      ("stores-weu", LB_WEU_PIP, "contoso-retail-stores-weu", WEU, 1),
                      ("stores-sea", rid(APPS, "Microsoft.Network/publicIPAddresses", "vm-stores-sea-01-pip"),
                       "contoso-retail-stores-sea", SEA, 2)]],
}, tag=T_EDGE)

# ---------------------------------------------------------------------------
# Alerts, now that their targets exist
# ---------------------------------------------------------------------------

metric_alert("alert-vm-retail-app-01-cpu", APP_VMS[0], "Percentage CPU", "Microsoft.Compute/virtualMachines", 85, AG_ONCALL,
             "CPU above 85% on vm-retail-app-01")
metric_alert("alert-vm-retail-app-02-cpu", APP_VMS[1], "Percentage CPU", "Microsoft.Compute/virtualMachines", 85, AG_ONCALL,
             "CPU above 85% on vm-retail-app-02")
metric_alert("alert-vm-retail-merchsql-01-disk", SQLVM, "Data Disk IOPS Consumed Percentage", "Microsoft.Compute/virtualMachines", 90,
             AG_PLATFORM, "Data disk IOPS saturated on the merchandising SQL VM")
metric_alert("alert-sqldb-orders-cpu", DB_ORDERS, "cpu_percent", "Microsoft.Sql/servers/databases", 80, AG_ONCALL,
             "sqldb-orders CPU above 80%")
metric_alert("alert-sqldb-catalog-dtu", DB_CATALOG, "dtu_consumption_percent", "Microsoft.Sql/servers/databases", 90, AG_ONCALL,
             "sqldb-catalog DTU above 90%")
metric_alert("alert-app-retail-storefront-5xx", STOREFRONT, "Http5xx", "Microsoft.Web/sites", 25, AG_ONCALL,
             "Storefront returns server errors", severity=1)
metric_alert("alert-aks-retail-prod-node-cpu", AKS, "node_cpu_usage_percentage", "Microsoft.ContainerService/managedClusters", 80,
             AG_PLATFORM, "AKS node CPU above 80%")
metric_alert("alert-sb-retail-orders-deadletter", SB, "DeadletteredMessages", "Microsoft.ServiceBus/namespaces", 10, AG_ONCALL,
             "Orders are dead-lettering")
metric_alert("alert-redis-retail-session-memory", REDIS, "usedmemorypercentage", "Microsoft.Cache/Redis", 90, AG_PLATFORM,
             "Session cache memory above 90%")
metric_alert("alert-agw-retail-storefront-unhealthy", APPGW, "UnhealthyHostCount", "Microsoft.Network/applicationGateways", 0,
             AG_ONCALL, "Storefront backend unhealthy", severity=1)

for target, categories, workspace, storage_account in DIAGNOSTICS:
    diag_id = f"{target}/providers/Microsoft.Insights/diagnosticSettings/diag-to-log-analytics"
    props = {"workspaceId": workspace, "logAnalyticsDestinationType": "Dedicated" if "/azureFirewalls/" in target else None,
             "logs": [{"category": c, "categoryGroup": None, "enabled": True,
                       "retentionPolicy": {"enabled": False, "days": 0}} for c in categories],
             "metrics": [{"category": "AllMetrics", "enabled": True, "retentionPolicy": {"enabled": False, "days": 0}}]}
    if props["logAnalyticsDestinationType"] is None:
        del props["logAnalyticsDestinationType"]
    if storage_account:
        props["storageAccountId"] = storage_account
    E.add(diag_id, "Microsoft.Insights/diagnosticSettings", None, props, name="diag-to-log-analytics")

# ---------------------------------------------------------------------------
# Private endpoints, their NICs, private DNS zones; then the VNets themselves
# ---------------------------------------------------------------------------

ZONES = {}
for pe_id, name, location, subnet_id, target, group, zone_names, tag, rg in PRIVATE_ENDPOINTS:
    nic_id = rid(rg, "Microsoft.Network/networkInterfaces", f"{name}.nic.{guid('penic', name)}")
    ip = f"{private_prefix(subnet_id)}.{10 + len(E.subnet_endpoints.get(subnet_id, []))}"
    target_name = target.split("/")[-1]
    E.endpoint_in(subnet_id, pe_id)
    E.use_subnet(subnet_id, f"{nic_id}/ipConfigurations/privateEndpointIpConfig.{guid('peip', name)}")
    E.add(pe_id, "Microsoft.Network/privateEndpoints", location, {
        "provisioningState": "Succeeded", "resourceGuid": guid(pe_id), "subnet": ref(subnet_id),
        "networkInterfaces": [ref(nic_id)], "customNetworkInterfaceName": "",
        "privateLinkServiceConnections": [{"name": name, "id": f"{pe_id}/privateLinkServiceConnections/{name}",
                                           "type": "Microsoft.Network/privateEndpoints/privateLinkServiceConnections",
                                           "properties": {"provisioningState": "Succeeded", "privateLinkServiceId": target,
                                                          "groupIds": [group],
                                                          "privateLinkServiceConnectionState": {"status": "Approved",
                                                                                                "description": "Auto-Approved",
                                                                                                "actionsRequired": "None"}}}],
        "manualPrivateLinkServiceConnections": [],
        "customDnsConfigs": [{"fqdn": f"{target_name}.{zone_names[0].removeprefix('privatelink.')}", "ipAddresses": [ip]}],
        "ipConfigurations": [], "applicationSecurityGroups": [],
    }, tag=tag)
    E.add(nic_id, "Microsoft.Network/networkInterfaces", location, {
        "provisioningState": "Succeeded", "resourceGuid": guid(nic_id),
        "ipConfigurations": [{"name": f"privateEndpointIpConfig.{guid('peip', name)}",
                              "id": f"{nic_id}/ipConfigurations/privateEndpointIpConfig.{guid('peip', name)}",
                              "type": "Microsoft.Network/networkInterfaces/ipConfigurations",
                              "properties": {"provisioningState": "Succeeded", "privateIPAddress": ip,
                                             "privateIPAllocationMethod": "Dynamic", "subnet": ref(subnet_id), "primary": True,
                                             "privateIPAddressVersion": "IPv4",
                                             "privateLinkConnectionProperties": {"groupId": group, "requiredMemberName": group,
                                                                                 "fqdns": [f"{target_name}.{zone_names[0].removeprefix('privatelink.')}"]}}}],
        "dnsSettings": {"dnsServers": [], "appliedDnsServers": []}, "enableAcceleratedNetworking": False,
        "enableIPForwarding": False, "privateEndpoint": ref(pe_id), "nicType": "Standard", "vnetEncryptionSupported": False,
    }, tag={})
    for zone in zone_names:
        ZONES.setdefault(zone, []).append((target_name, ip))

for zone_id in (DNS_MYSQL, DNS_PG):
    ZONES.setdefault(zone_id.split("/")[-1], [])
for zone, records in sorted(ZONES.items()):
    zone_id = rid(NET, "Microsoft.Network/privateDnsZones", zone)
    links = ["vnet-hub-eus", "vnet-spoke-data-eus"] if zone.endswith(("mysql.database.azure.com", "postgres.database.azure.com")) \
        else ["vnet-hub-eus", "vnet-hub-weu"]
    E.add(zone_id, "Microsoft.Network/privateDnsZones", "global", {
        "maxNumberOfRecordSets": 25000, "maxNumberOfVirtualNetworkLinks": 1000,
        "maxNumberOfVirtualNetworkLinksWithRegistration": 100, "numberOfRecordSets": len(records) + 1,
        "numberOfVirtualNetworkLinks": len(links), "numberOfVirtualNetworkLinksWithRegistration": 0,
        "provisioningState": "Succeeded", "internalId": guid("zone", zone).replace("-", ""),
    }, tag=TAG_NET)
    for vnet_name in links:
        E.add(f"{zone_id}/virtualNetworkLinks/link-{vnet_name}", "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "global", {
            "virtualNetwork": ref(VNETS[vnet_name]["id"]), "registrationEnabled": False,
            "virtualNetworkLinkState": "Completed", "provisioningState": "Succeeded", "resolutionPolicy": "Default",
        }, tag=TAG_NET)

for a, b in [("vnet-hub-eus", "vnet-spoke-apps-eus"), ("vnet-hub-eus", "vnet-spoke-data-eus"), ("vnet-hub-eus", "vnet-hub-weu"),
             ("vnet-hub-eus", "vnet-stores-sea")]:
    VNETS[a]["peerings"].append((b, True))
    VNETS[b]["peerings"].append((a, False))

for vnet_name, plan_ in VNETS.items():
    vnet_id = plan_["id"]
    subnets = []
    for subnet_name, prefix in plan_["subnets"].items():
        subnet_id = f"{vnet_id}/subnets/{subnet_name}"
        nsg_id, rt_id, nat, delegation, endpoints = SUBNET_CONFIG.get((vnet_name, subnet_name), (None, None, None, None, []))
        props = {"provisioningState": "Succeeded", "addressPrefix": prefix}
        if nsg_id:
            props["networkSecurityGroup"] = ref(nsg_id)
            E.nsg_users[nsg_id]["subnets"].append(ref(subnet_id))
        if rt_id:
            props["routeTable"] = ref(rt_id)
            E.route_table_users[rt_id].append(ref(subnet_id))
        if nat:
            props["natGateway"] = ref(NAT)
        props["serviceEndpoints"] = [{"provisioningState": "Succeeded", "service": s, "locations": [plan_["location"], "westus"]}
                                     for s in endpoints]
        props["delegations"] = [{"name": "delegation", "id": f"{subnet_id}/delegations/delegation",
                                 "type": "Microsoft.Network/virtualNetworks/subnets/delegations",
                                 "properties": {"provisioningState": "Succeeded", "serviceName": delegation,
                                                "actions": ["Microsoft.Network/virtualNetworks/subnets/join/action"]}}] \
            if delegation else []
        if subnet_id in E.subnet_ipconfigs:
            props["ipConfigurations"] = E.subnet_ipconfigs[subnet_id]
        if subnet_id in E.subnet_endpoints:
            props["privateEndpoints"] = E.subnet_endpoints[subnet_id]
        props["privateEndpointNetworkPolicies"] = "Disabled" if subnet_name == "snet-pe" else "Enabled"
        props["privateLinkServiceNetworkPolicies"] = "Enabled"
        subnets.append({"name": subnet_name, "id": subnet_id, "type": "Microsoft.Network/virtualNetworks/subnets",
                        "properties": props})
    peerings = []
    for remote, is_hub in plan_["peerings"]:
        remote_plan = VNETS[remote]
        peer_name = f"peer-{vnet_name.removeprefix('vnet-')}-to-{remote.removeprefix('vnet-')}"
        peerings.append({"name": peer_name, "id": f"{vnet_id}/virtualNetworkPeerings/{peer_name}",
                         "type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
                         "properties": {"provisioningState": "Succeeded", "resourceGuid": guid(vnet_id, remote),
                                        "peeringState": "Connected", "peeringSyncLevel": "FullyInSync",
                                        "remoteVirtualNetwork": ref(remote_plan["id"]), "allowVirtualNetworkAccess": True,
                                        "allowForwardedTraffic": True, "allowGatewayTransit": is_hub and vnet_name == "vnet-hub-eus",
                                        "useRemoteGateways": not is_hub and remote == "vnet-hub-eus", "doNotVerifyRemoteGateways": False,
                                        "remoteAddressSpace": {"addressPrefixes": [remote_plan["prefix"]]},
                                        "remoteVirtualNetworkAddressSpace": {"addressPrefixes": [remote_plan["prefix"]]}}})
    E.add(vnet_id, "Microsoft.Network/virtualNetworks", plan_["location"], {
        "provisioningState": "Succeeded", "resourceGuid": guid(vnet_id),
        "addressSpace": {"addressPrefixes": [plan_["prefix"]]},
        "dhcpOptions": {"dnsServers": []}, "subnets": subnets, "virtualNetworkPeerings": peerings,
        "enableDdosProtection": False, "privateEndpointVNetPolicies": "Disabled",
    }, tag=plan_["tag"])

for nsg_id, users in E.nsg_users.items():
    props = E.records[nsg_id]["properties"]
    if users["subnets"]:
        props["subnets"] = users["subnets"]
    if users["networkInterfaces"]:
        props["networkInterfaces"] = users["networkInterfaces"]
for rt_id, users in E.route_table_users.items():
    E.records[rt_id]["properties"]["subnets"] = users

# ---------------------------------------------------------------------------
# Checks, then the file
# ---------------------------------------------------------------------------

# Ids of things outside any estate: platform images, maintenance windows, managed API definitions.
EXTERNAL = ("/providers/Microsoft.Maintenance/publicMaintenanceConfigurations/", "/Providers/Microsoft.Compute/Locations/",
            "/providers/Microsoft.Web/locations/")


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)


def check(records):
    ids = {r["id"].lower() for r in records}
    containers = set()
    for r in records:
        for s in strings(r["properties"]):
            if s.startswith("/subscriptions/") and "/subnets/" in s:
                containers.add(s.split("/subnets/")[0].lower())
    problems = []
    for r in records:
        refs = list(strings(r["properties"])) + list(strings(r["identity"])) + [r["managedBy"]]
        for s in refs:
            if not s.startswith("/subscriptions/") or s == r["id"] or any(x in s for x in EXTERNAL):
                continue
            if "/providers/" not in s:
                continue  # a subscription or resource group: a scope, never in a Resources export
            parts = s.split("/")
            # a reference resolves when it, or a parent of it, is a resource of the estate
            if not any("/".join(parts[:n]).lower() in ids for n in range(len(parts), 8, -1)):
                problems.append(f"{r['id']}: {s}")
    for r in records:
        if r["type"] == "microsoft.network/networkinterfaces":
            for config in r["properties"]["ipConfigurations"]:
                subnet_id = config["properties"]["subnet"]["id"]
                vnet_id = subnet_id.split("/subnets/")[0]
                vnet = next(v for v in records if v["id"] == vnet_id)
                if subnet_id not in {s["id"] for s in vnet["properties"]["subnets"]}:
                    problems.append(f"{r['id']}: subnet {subnet_id} not in its VNet")
        if r["type"] == "microsoft.compute/disks" and r["managedBy"]:
            owner = next(v for v in records if v["id"] == r["managedBy"])
            profile = owner["properties"]["storageProfile"]
            attached = {profile["osDisk"]["managedDisk"]["id"]} | {d["managedDisk"]["id"] for d in profile["dataDisks"]}
            if r["id"] not in attached:
                problems.append(f"{r['id']}: managedBy {r['managedBy']} does not attach it")
    if problems:
        raise SystemExit("inconsistent references:\n  " + "\n  ".join(problems))
    if not 300 <= len(records) <= 400:
        raise SystemExit(f"{len(records)} resources; the sample estate should hold 300-400")


def main():
    records = sorted(E.records.values(), key=lambda r: (r["subscriptionId"] != SUB, r["resourceGroup"].lower(), r["type"], r["id"].lower()))
    check(records)
    document = {"count": len(records), "data": records, "skip_token": None, "total_records": len(records)}
    text = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if "--check" in sys.argv[1:]:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{OUTPUT.relative_to(ROOT)} is stale: run scripts/make-sample-estate.py")
        return
    OUTPUT.write_text(text, encoding="utf-8")
    by_type = {}
    for r in records:
        by_type[r["type"]] = by_type.get(r["type"], 0) + 1
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(records)} resources, {len(by_type)} types, {len(text)} bytes")


if __name__ == "__main__":
    main()

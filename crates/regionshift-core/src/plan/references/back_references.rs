//! Back-references Azure computes: the target of a forward reference lists what refers
//! to it (a NIC's `virtualMachine`, a subnet's `ipConfigurations`, a disk's share
//! info, `privateEndpointConnections` on any type). They point the wrong way, so the
//! scan skips their subtrees and they never become edges.

/// Property paths (lowercased, `[]` for any array element) that hold back-references
/// Azure computes on the target side of a forward reference, by resource type.
pub(super) fn back_references(type_key: &str) -> &'static [&'static str] {
    const SUBNET_VNET: &[&str] = &[
        "properties.subnets[].properties.ipconfigurations",
        "properties.subnets[].properties.ipconfigurationprofiles",
        "properties.subnets[].properties.privateendpoints",
        "properties.subnets[].properties.serviceassociationlinks",
        "properties.subnets[].properties.resourcenavigationlinks",
        "properties.subnets[].properties.applicationgatewayipconfigurations",
        "properties.ddosprotectionplan.virtualnetworks",
    ];
    const SUBNET: &[&str] = &[
        "properties.ipconfigurations",
        "properties.ipconfigurationprofiles",
        "properties.privateendpoints",
        "properties.serviceassociationlinks",
        "properties.resourcenavigationlinks",
        "properties.applicationgatewayipconfigurations",
    ];
    match type_key {
        "microsoft.network/networkinterfaces" => {
            &["properties.virtualmachine", "properties.hostedworkloads", "properties.tapconfigurations"]
        }
        "microsoft.network/publicipaddresses" => &[
            "properties.ipconfiguration",
            "properties.natgateway",
            "properties.linkedpublicipaddress",
            "properties.servicepublicipaddress",
        ],
        "microsoft.network/virtualnetworks" => SUBNET_VNET,
        "microsoft.network/virtualnetworks/subnets" => SUBNET,
        "microsoft.network/networksecuritygroups" => {
            &["properties.networkinterfaces", "properties.subnets", "properties.flowlogs"]
        }
        "microsoft.network/routetables" | "microsoft.network/natgateways" | "microsoft.network/serviceendpointpolicies" => {
            &["properties.subnets"]
        }
        "microsoft.network/loadbalancers" => &[
            "properties.backendaddresspools[].properties.backendipconfigurations",
            "properties.backendaddresspools[].properties.loadbalancerbackendaddresses[].properties.networkinterfaceipconfiguration",
            "properties.inboundnatrules[].properties.backendipconfiguration",
        ],
        "microsoft.network/applicationgateways" => {
            &["properties.backendaddresspools[].properties.backendipconfigurations"]
        }
        "microsoft.network/ddosprotectionplans" => &["properties.publicipaddresses", "properties.virtualnetworks"],
        "microsoft.network/publicipprefixes" => &["properties.publicipaddresses", "properties.natgateway"],
        "microsoft.network/ipgroups" => &["properties.firewalls", "properties.firewallpolicies"],
        "microsoft.network/virtualwans" => &["properties.virtualhubs", "properties.vpnsites"],
        "microsoft.network/virtualhubs" => &[
            "properties.vpngateway",
            "properties.expressroutegateway",
            "properties.p2svpngateway",
            "properties.azurefirewall",
            "properties.bgpconnections",
            "properties.ipconfigurations",
        ],
        "microsoft.network/firewallpolicies" => &["properties.firewalls", "properties.childpolicies"],
        "microsoft.network/applicationgatewaywebapplicationfirewallpolicies" => {
            &["properties.applicationgateways", "properties.httplisteners", "properties.pathbasedrules"]
        }
        "microsoft.network/frontdoorwebapplicationfirewallpolicies" => {
            &["properties.frontendendpointlinks", "properties.routinglinks", "properties.securitypolicylinks"]
        }
        "microsoft.network/privateendpoints" | "microsoft.network/privatelinkservices" => {
            &["properties.networkinterfaces"]
        }
        "microsoft.compute/availabilitysets" => &["properties.virtualmachines"],
        "microsoft.compute/proximityplacementgroups" => {
            &["properties.virtualmachines", "properties.virtualmachinescalesets", "properties.availabilitysets"]
        }
        "microsoft.compute/hostgroups" => &["properties.hosts"],
        "microsoft.compute/hostgroups/hosts" => &["properties.virtualmachines"],
        "microsoft.compute/disks" => &["properties.shareinfo"],
        "microsoft.compute/capacityreservationgroups" => &["properties.virtualmachinesassociated"],
        "microsoft.compute/capacityreservationgroups/capacityreservations" => {
            &["properties.virtualmachinesassociated"]
        }
        // A workspace's managed resource group is created by the service.
        "microsoft.databricks/workspaces" => &["properties.managedresourcegroupid"],
        _ => &[],
    }
}

/// Key names that hold back-references on any type.
pub(super) fn is_back_reference_key(key: &str) -> bool {
    key.eq_ignore_ascii_case("privateEndpointConnections")
}

//! The kind of an edge (network, data, identity, ...), decided by the types at its two
//! ends. What a type means for that is worked out once per resource ([`TypeClass`]),
//! not once per edge.

use std::fmt;

use serde::Serialize;

/// What kind of need an edge expresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// A child resource needs its parent, an extension resource the resource it extends.
    Containment,
    /// Virtual networks, subnets, interfaces, addresses, gateways, private endpoints.
    Network,
    /// Storage, databases, caches, messaging, disks.
    Data,
    /// Managed identities.
    Identity,
    /// Key vaults, network security groups, encryption sets, firewall and WAF policies.
    Security,
    /// Log Analytics, Application Insights, alerts and diagnostic settings.
    Monitoring,
    /// A plan, environment or cluster the resource runs on (a web app's App Service
    /// plan, a container app's environment), or any other configuration reference.
    Hosting,
    /// Declared by a template's `dependsOn`.
    Declared,
}

impl EdgeKind {
    pub fn label(self) -> &'static str {
        match self {
            EdgeKind::Containment => "containment",
            EdgeKind::Network => "network",
            EdgeKind::Data => "data",
            EdgeKind::Identity => "identity",
            EdgeKind::Security => "security",
            EdgeKind::Monitoring => "monitoring",
            EdgeKind::Hosting => "hosting",
            EdgeKind::Declared => "declared",
        }
    }
}

impl fmt::Display for EdgeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What the kind of an edge depends on about the types at its ends, worked out once
/// per resource rather than once per edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TypeClass {
    resource_group: bool,
    identity: bool,
    security: bool,
    monitoring: bool,
    network: bool,
    data: bool,
}

impl TypeClass {
    pub(super) fn of(type_key: &str) -> TypeClass {
        let namespace = namespace(type_key);
        let top = top_type(type_key);
        TypeClass {
            resource_group: type_key == "microsoft.resources/resourcegroups",
            identity: namespace == "microsoft.managedidentity",
            security: namespace == "microsoft.keyvault" || SECURITY_TYPES.contains(&top),
            monitoring: MONITORING_NAMESPACES.contains(&namespace),
            network: namespace == "microsoft.network",
            data: DATA_NAMESPACES.contains(&namespace)
                || matches!(top, "microsoft.compute/disks" | "microsoft.compute/snapshots"),
        }
    }
}

/// Classifies a reference by the types at both ends and where it was found.
pub(super) fn kind_by_class(source: TypeClass, target: TypeClass, identity: bool) -> EdgeKind {
    if target.resource_group {
        EdgeKind::Containment
    } else if identity || target.identity {
        EdgeKind::Identity
    } else if target.security {
        EdgeKind::Security
    } else if source.monitoring || target.monitoring {
        EdgeKind::Monitoring
    } else if target.network {
        EdgeKind::Network
    } else if target.data {
        EdgeKind::Data
    } else {
        EdgeKind::Hosting
    }
}

/// [`kind_by_class`] for two type keys.
pub(super) fn kind_by_type(source: &str, target: &str, identity: bool) -> EdgeKind {
    kind_by_class(TypeClass::of(source), TypeClass::of(target), identity)
}

pub(super) fn namespace(type_key: &str) -> &str {
    type_key.split('/').next().unwrap_or("")
}

/// The type of the top-level resource of a type (`microsoft.sql/servers` for
/// `microsoft.sql/servers/databases`).
pub(super) fn top_type(type_key: &str) -> &str {
    match type_key.match_indices('/').nth(1) {
        Some((cut, _)) => &type_key[..cut],
        None => type_key,
    }
}

const SECURITY_TYPES: &[&str] = &[
    "microsoft.network/networksecuritygroups",
    "microsoft.network/applicationsecuritygroups",
    "microsoft.network/firewallpolicies",
    "microsoft.network/frontdoorwebapplicationfirewallpolicies",
    "microsoft.network/applicationgatewaywebapplicationfirewallpolicies",
    "microsoft.network/ddosprotectionplans",
    "microsoft.compute/diskencryptionsets",
];

const DATA_NAMESPACES: &[&str] = &[
    "microsoft.storage",
    "microsoft.sql",
    "microsoft.dbforpostgresql",
    "microsoft.dbformysql",
    "microsoft.dbformariadb",
    "microsoft.documentdb",
    "microsoft.cache",
    "microsoft.eventhub",
    "microsoft.servicebus",
    "microsoft.netapp",
    "microsoft.elasticsan",
    "microsoft.kusto",
    "microsoft.datalakestore",
    "microsoft.containerregistry",
];

const MONITORING_NAMESPACES: &[&str] =
    &["microsoft.insights", "microsoft.operationalinsights", "microsoft.alertsmanagement", "microsoft.monitor"];

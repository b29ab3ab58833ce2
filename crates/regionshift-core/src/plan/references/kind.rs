//! The kind of an edge (network, data, identity, ...), decided by the types at its two
//! ends. What a type means for that is worked out once per resource ([`TypeClass`]),
//! not once per edge.

use std::fmt;

use serde::Serialize;

use crate::azure::{class_of, Role};

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

/// What the kind of an edge depends on about the type at one end (from the shared type
/// classes), worked out once per resource rather than once per edge.
pub(super) type TypeClass = Role;

/// The role of a type at the end of an edge.
pub(super) fn class_of_type(type_key: &str) -> TypeClass {
    class_of(type_key).role
}

/// Classifies a reference by the types at both ends and where it was found.
pub(super) fn kind_by_class(source: TypeClass, target: TypeClass, identity: bool) -> EdgeKind {
    match (source, target) {
        (_, Role::ResourceGroup) => EdgeKind::Containment,
        _ if identity || target == Role::Identity => EdgeKind::Identity,
        (_, Role::Security) => EdgeKind::Security,
        (Role::Monitoring, _) | (_, Role::Monitoring) => EdgeKind::Monitoring,
        (_, Role::Network) => EdgeKind::Network,
        (_, Role::Data) => EdgeKind::Data,
        _ => EdgeKind::Hosting,
    }
}

/// [`kind_by_class`] for two type keys.
pub(super) fn kind_by_type(source: &str, target: &str, identity: bool) -> EdgeKind {
    kind_by_class(class_of_type(source), class_of_type(target), identity)
}

pub(super) fn namespace(type_key: &str) -> &str {
    type_key.split('/').next().unwrap_or("")
}

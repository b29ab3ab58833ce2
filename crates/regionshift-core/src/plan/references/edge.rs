//! What detection finds: edges between resources of the inventory, references leaving
//! it, and the graph of both. The plan works on [`IndexEdge`]s (inventory positions);
//! [`Edge`]s name their ends by id for everyone else.

use serde::Serialize;

use super::kind::EdgeKind;
use crate::plan::ResourceRef;

/// `from` needs `to`: `to` moves in the same wave as `from` or an earlier one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// The dependent.
    pub from: ResourceRef,
    /// The dependency.
    pub to: ResourceRef,
    pub kind: EdgeKind,
    /// Where the reference was found: `properties.ipConfigurations[0].properties.subnet.id`,
    /// `identity.userAssignedIdentities`, `dependsOn`, or `id` for containment.
    pub path: String,
    /// Must the dependency exist in the target before the dependent is moved? False
    /// for monitoring links and for references found in URLs and connection strings,
    /// which can be pointed at the new resource afterwards.
    pub must_exist_first: bool,
}

/// A reference to something that is not in the inventory: it must exist in the target
/// already, or be added to the scope of the move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExternalDependency {
    pub from: ResourceRef,
    /// What must exist: the top-level resource id of the reference, or the host name
    /// for a reference found in a URL or connection string, or the text of an
    /// unresolved `dependsOn` entry.
    pub to: String,
    /// The reference as written.
    pub reference: String,
    pub path: String,
    pub kind: EdgeKind,
}

/// Every edge between resources of an inventory, and every reference leaving it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DependencyGraph {
    /// Sorted by `from` then `to` (id keys); at most one edge per pair.
    pub edges: Vec<Edge>,
    /// Sorted by `from` then `to`; at most one per pair.
    pub external: Vec<ExternalDependency>,
}

/// An edge between inventory positions.
#[derive(Debug, Clone)]
pub(crate) struct IndexEdge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    pub path: String,
    pub must_exist_first: bool,
}

pub(crate) struct Detected {
    /// Sorted by `(from, to)`, which is id-key order as the inventory is sorted by key.
    pub edges: Vec<IndexEdge>,
    pub external: Vec<ExternalDependency>,
}

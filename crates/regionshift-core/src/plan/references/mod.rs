//! Dependency detection: which resource needs which, read from `dependsOn`, from ids
//! (containment) and from every reference inside `properties`, `identity` and tags.
//!
//! [`detect`] indexes the inventory once (`index`: by id key ignoring case, `caseless`,
//! and lazily by name, type and principal id), then visits each resource in inventory
//! order:
//!
//! 1. containment from its id (`structure`);
//! 2. references in its body (`scan`): `properties` are walked straight from their raw
//!    JSON text (`walk`), skipping the subtrees that hold back-references Azure computes
//!    (`back_references`); each string is recognised as an id (`ids`), a template
//!    expression (`expressions`), a bare name or principal id (`names`), or a host name
//!    that names a resource (`hosts`) unless it is the service's own endpoint
//!    (`own_endpoints`);
//! 3. each reference resolved against the index (`resolve`): to the nearest resource of
//!    the inventory on its id's chain (a subnet id names the virtual network when the
//!    subnet is not a resource of its own), or else to an external dependency;
//! 4. the `dependsOn` its template declared (`structure`).
//!
//! Edges take their kind from the types at both ends (`kind`). Candidates are merged
//! into at most one edge per pair (`collect`), and [`Detected`] holds them by inventory
//! position (`edge`).

mod back_references;
mod caseless;
mod collect;
mod edge;
mod expressions;
mod hosts;
mod ids;
mod index;
mod kind;
mod names;
mod own_endpoints;
mod resolve;
mod scan;
mod structure;
mod walk;

#[cfg(test)]
mod tests;

use super::{resource_refs, ResourceRef};
use crate::inventory::{Inventory, Resource};
use collect::Collector;
use index::Index;

pub use edge::{DependencyGraph, Edge, ExternalDependency};
pub(crate) use edge::{Detected, IndexEdge};
pub use kind::EdgeKind;
pub(in crate::plan) use walk::extract;

/// Finds the dependencies between the resources of an inventory.
pub fn dependencies(inventory: &Inventory) -> DependencyGraph {
    let refs = resource_refs(inventory);
    let found = detect(inventory, &refs);
    let resources = &refs;
    DependencyGraph {
        edges: found
            .edges
            .iter()
            .map(|edge| Edge {
                from: resources[edge.from].clone(),
                to: resources[edge.to].clone(),
                kind: edge.kind,
                path: edge.path.clone(),
                must_exist_first: edge.must_exist_first,
            })
            .collect(),
        external: found.external,
    }
}

/// The resource whose dependencies are being found.
#[derive(Clone, Copy)]
struct Dependent<'a> {
    /// Its position in the inventory.
    position: usize,
    resource: &'a Resource,
    /// Its id, as edges and external dependencies name it.
    reference: &'a ResourceRef,
}

/// Finds every edge and external dependency of the inventory, by inventory position.
pub(crate) fn detect(inventory: &Inventory, refs: &[ResourceRef]) -> Detected {
    let index = Index::new(inventory);
    let mut collector = Collector::default();
    let mut strings = Vec::new();
    for (position, resource) in inventory.resources.iter().enumerate() {
        let dependent = Dependent { position, resource, reference: &refs[position] };
        collector.start(position);
        structure::containment(&mut collector, &index, dependent);
        strings.clear();
        scan::scan_resource(resource, &index, &mut strings);
        for found in strings.drain(..) {
            resolve::reference(&mut collector, &index, dependent, found);
        }
        structure::declared(&mut collector, &index, dependent);
    }
    collector.finish()
}

//! Edges known without reading a resource's body: containment, read from the id (a
//! child needs its parent, an extension resource the resource it extends, a resource
//! its group when the group is part of the inventory), and the `dependsOn` a template
//! declared.

use super::collect::{Collector, Source};
use super::edge::ExternalDependency;
use super::ids::parent_key;
use super::index::Index;
use super::kind::EdgeKind;
use super::Dependent;

/// A child needs its parent, an extension resource its target, a resource its group
/// when the group is part of the inventory.
pub(super) fn containment(collector: &mut Collector, index: &Index, dependent: Dependent) {
    let Dependent { position: from, resource, reference } = dependent;
    if let Some(parent_key) = parent_key(resource.id.key()) {
        match index.resolve(parent_key) {
            Some(to) if to != from => collector.edge(to, Source::Containment, EdgeKind::Containment, "id".into(), true),
            Some(_) => {}
            None => {
                // The parent is not in the inventory: it must exist in the target.
                if let Some(parent) = resource.id.parent() {
                    collector.outside(reference, &parent, "id".into(), EdgeKind::Containment);
                }
            }
        }
    } else if let Some(group) = index.group_of(&resource.id).filter(|_| resource.id.depth() > 0) {
        if group != from {
            collector.edge(group, Source::Containment, EdgeKind::Containment, "id".into(), true);
        }
    }
}

/// Dependencies the template declared.
pub(super) fn declared(collector: &mut Collector, index: &Index, dependent: Dependent) {
    let Dependent { position: from, resource, reference } = dependent;
    for declared in &resource.depends_on {
        match declared.id.as_ref().map(|id| (id, index.resolve(id.key()))) {
            Some((_, Some(to))) if to != from => {
                collector.edge(to, Source::Declared, EdgeKind::Declared, "dependsOn".into(), true)
            }
            Some((_, Some(_))) => {}
            Some((id, None)) => collector.external(
                id.top_level().key().to_string(),
                ExternalDependency {
                    from: reference.clone(),
                    to: id.top_level().as_str().to_string(),
                    reference: declared.text.clone(),
                    path: "dependsOn".into(),
                    kind: EdgeKind::Declared,
                },
            ),
            None => collector.external(
                declared.text.to_ascii_lowercase(),
                ExternalDependency {
                    from: reference.clone(),
                    to: declared.text.clone(),
                    reference: declared.text.clone(),
                    path: "dependsOn".into(),
                    kind: EdgeKind::Declared,
                },
            ),
        }
    }
}

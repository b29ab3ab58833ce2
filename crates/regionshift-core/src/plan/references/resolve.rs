//! What a reference found in a resource's body becomes: an edge to the resource of the
//! inventory it names (or the nearest one up its id's chain), an external dependency
//! when it names something outside the inventory, or nothing (the resource itself, a
//! platform id, a scope, a name or expression that names no single resource).
//! Template expressions, principal ids and host names are soft evidence: they rank
//! below ids when one pair is found twice, and what a host name names need not exist
//! first (a URL or connection string can be pointed at the new resource afterwards).

use super::collect::{Collector, Source};
use super::edge::ExternalDependency;
use super::ids::{id_key, is_platform, is_self_reference};
use super::index::Index;
use super::kind::{kind_by_type, EdgeKind};
use super::scan::{Found, Target};
use super::Dependent;
use crate::azure::ResourceId;

/// Records what one reference found in the dependent's body names.
pub(super) fn reference(collector: &mut Collector, index: &Index, dependent: Dependent, found: Found) {
    let Dependent { position: from, resource, reference } = dependent;
    match found.target {
        Target::Resolved(to) => {
            if to != from {
                let kind = index.kind(from, to, found.identity);
                collector.edge(to, Source::Property, kind, found.path, kind != EdgeKind::Monitoring);
            }
        }
        Target::Group(to) => {
            if to != from {
                collector.edge(to, Source::Property, EdgeKind::Containment, found.path, true);
            }
        }
        Target::Id(text) => {
            let key = id_key(&text);
            if is_self_reference(resource.id.key(), &key) {
                return;
            }
            if !key.contains("/providers/") {
                // A resource group or subscription: an edge only when the group
                // is part of the inventory; a scope is never external.
                if let Some(to) = index.group(&key).filter(|&to| to != from) {
                    collector.edge(to, Source::Property, EdgeKind::Containment, found.path, true);
                }
                return;
            }
            match index.resolve(&key) {
                Some(to) if to != from => {
                    let kind = index.kind(from, to, found.identity);
                    let must = kind != EdgeKind::Monitoring;
                    collector.edge(to, Source::Property, kind, found.path, must);
                }
                Some(_) => {}
                None => {
                    let Ok(id) = ResourceId::parse(&text) else { return };
                    if is_platform(&id) {
                        return;
                    }
                    let target_type = id.top_level().resource_type();
                    let kind = kind_by_type(resource.resource_type.key(), target_type.key(), found.identity);
                    collector.outside(reference, &id, found.path, kind);
                }
            }
        }
        Target::Name { name, types } => {
            if let Some(to) = index.by_name(types, &name).filter(|&to| to != from) {
                let kind = index.kind(from, to, found.identity);
                collector.edge(to, Source::Property, kind, found.path, true);
            }
        }
        Target::Expression { named } => {
            for (type_key, name) in named {
                if let Some(to) = index.by_expression(&type_key, name.as_deref(), from) {
                    let kind = index.kind(from, to, found.identity);
                    collector.edge(to, Source::Soft, kind, found.path.clone(), kind != EdgeKind::Monitoring);
                }
            }
        }
        Target::Principal(guid) => {
            if let Some(to) = index.by_principal(&guid).filter(|&to| to != from) {
                collector.edge(to, Source::Soft, EdgeKind::Identity, found.path, true);
            }
        }
        Target::Host { host, types, text } => match index.by_name(types, &host.name) {
            Some(to) if to != from => {
                let kind = index.kind(from, to, found.identity);
                collector.edge(to, Source::Soft, kind, found.path, false);
            }
            Some(_) => {}
            None => collector.external(
                host.full.clone(),
                ExternalDependency {
                    from: reference.clone(),
                    to: host.full,
                    reference: text,
                    path: found.path,
                    kind: kind_by_type(resource.resource_type.key(), types[0], found.identity),
                },
            ),
        },
    }
}

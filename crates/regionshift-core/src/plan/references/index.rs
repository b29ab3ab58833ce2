//! Lookups into the inventory: by id key (ignoring case, or the nearest resource up an
//! id's chain), by resource group, and for references that are not ids, by name, by
//! template expression and by managed identity principal id. The maps only non-id
//! references need are built on first use.

use std::cell::OnceCell;
use std::collections::HashMap;

use super::caseless::{Caseless, KeyMap};
use super::expressions::ANY_IDENTITY;
use super::hosts::HOSTS;
use super::ids::parent_key;
use super::kind::{class_of_type, kind_by_class, EdgeKind, TypeClass};
use super::names::NAME_REFERENCES;
use crate::azure::ResourceId;
use crate::inventory::{Inventory, Resource};

/// Lookups into the inventory by id key and by name.
pub(super) struct Index<'a> {
    by_key: KeyMap<Caseless<'a>, usize>,
    /// What each resource's type means for the kind of an edge, by position.
    classes: Vec<TypeClass>,
    /// `(lowercased top-level type, lowercased name)` to positions.
    by_type_name: HashMap<(&'a str, String), Vec<usize>>,
    has_groups: bool,
    /// Lowercased type to positions, built on first use (template expressions only).
    by_type: OnceCell<HashMap<&'a str, Vec<usize>>>,
    /// Lowercased principal ids of managed identities to positions, built on first use.
    by_principal: OnceCell<HashMap<String, Vec<usize>>>,
    /// Positions of resources with a system-assigned identity, built on first use.
    with_identity: OnceCell<Vec<usize>>,
    resources: &'a [Resource],
}

impl<'a> Index<'a> {
    pub(super) fn new(inventory: &'a Inventory) -> Index<'a> {
        let mut by_key = KeyMap::with_capacity_and_hasher(inventory.len(), Default::default());
        let mut by_type_name: HashMap<(&str, String), Vec<usize>> = HashMap::new();
        let mut has_groups = false;
        let mut classes = Vec::with_capacity(inventory.len());
        for (position, resource) in inventory.resources.iter().enumerate() {
            classes.push(class_of_type(resource.resource_type.key()));
            by_key.insert(Caseless(resource.id.key()), position);
            let type_key = resource.resource_type.key();
            if HOSTS.iter().any(|host| host.types.contains(&type_key))
                || NAME_REFERENCES.iter().any(|(_, _, types)| types.contains(&type_key))
            {
                by_type_name.entry((type_key, resource.id.name().to_ascii_lowercase())).or_default().push(position);
            }
            has_groups |= type_key == "microsoft.resources/resourcegroups";
        }
        Index {
            by_key,
            classes,
            by_type_name,
            has_groups,
            by_type: OnceCell::new(),
            by_principal: OnceCell::new(),
            with_identity: OnceCell::new(),
            resources: &inventory.resources,
        }
    }

    /// The resource with exactly this id key, written in any case.
    pub(super) fn get(&self, key: &str) -> Option<usize> {
        self.by_key.get(&Caseless(key)).copied()
    }

    /// The kind of an edge between two resources of the inventory, by position.
    pub(super) fn kind(&self, from: usize, to: usize, identity: bool) -> EdgeKind {
        kind_by_class(self.classes[from], self.classes[to], identity)
    }

    /// The resource the id key names, or the nearest resource up its chain.
    pub(super) fn resolve(&self, key: &str) -> Option<usize> {
        let mut current = Some(key);
        while let Some(key) = current {
            if let Some(&position) = self.by_key.get(&Caseless(key)) {
                return Some(position);
            }
            current = parent_key(key);
        }
        None
    }

    /// A resource group id key, when groups are resources of the inventory.
    pub(super) fn group(&self, key: &str) -> Option<usize> {
        if !self.has_groups {
            return None;
        }
        self.by_key.get(&Caseless(key)).copied()
    }

    /// The group a top-level resource lives in, when groups are part of the inventory.
    pub(super) fn group_of(&self, id: &ResourceId) -> Option<usize> {
        if !self.has_groups {
            return None;
        }
        let key = format!("/subscriptions/{}/resourcegroups/{}", id.subscription()?, id.resource_group()?);
        self.by_key.get(&Caseless(&key)).copied()
    }

    /// The resource a template expression names by type and name; without a literal
    /// name, the only resource of the type other than the one referring to it.
    pub(super) fn by_expression(&self, type_key: &str, name: Option<&str>, from: usize) -> Option<usize> {
        if type_key == ANY_IDENTITY {
            let with_identity = self.with_identity.get_or_init(|| {
                (0..self.resources.len())
                    .filter(|&p| {
                        self.resources[p]
                            .identity
                            .as_ref()
                            .is_some_and(|i| i.get().to_ascii_lowercase().contains("systemassigned"))
                    })
                    .collect()
            });
            let mut others = with_identity.iter().copied().filter(|&p| p != from);
            let first = others.next()?;
            return others.next().is_none().then_some(first);
        }
        let by_type = self.by_type.get_or_init(|| {
            let mut by_type: HashMap<&str, Vec<usize>> = HashMap::new();
            for (position, resource) in self.resources.iter().enumerate() {
                by_type.entry(resource.resource_type.key()).or_default().push(position);
            }
            by_type
        });
        let candidates = by_type.get(type_key)?;
        match name {
            Some(name) => {
                let mut matching = candidates.iter().copied().filter(|&p| {
                    let id = &self.resources[p].id;
                    id.full_name().eq_ignore_ascii_case(name) || id.name().eq_ignore_ascii_case(name)
                });
                let first = matching.next()?;
                matching.next().is_none().then_some(first).filter(|&p| p != from)
            }
            None => {
                let mut others = candidates.iter().copied().filter(|&p| p != from);
                let first = others.next()?;
                others.next().is_none().then_some(first)
            }
        }
    }

    /// The resource whose managed identity has this principal id.
    pub(super) fn by_principal(&self, guid: &str) -> Option<usize> {
        let index = self.by_principal.get_or_init(|| {
            let mut index: HashMap<String, Vec<usize>> = HashMap::new();
            for (position, resource) in self.resources.iter().enumerate() {
                let Some(identity) = &resource.identity else { continue };
                let Ok(value) = serde_json::from_str::<serde_json::Value>(identity.get()) else { continue };
                let Some(object) = value.as_object() else { continue };
                if let Some((_, principal)) = object.iter().find(|(k, _)| k.eq_ignore_ascii_case("principalId")) {
                    if let Some(principal) = principal.as_str() {
                        index.entry(principal.to_ascii_lowercase()).or_default().push(position);
                    }
                }
            }
            index
        });
        match index.get(guid)?.as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    }

    /// The one resource of one of these types with this name (names are global for
    /// the types host names are made from); ambiguous names resolve to nothing.
    pub(super) fn by_name(&self, types: &[&str], name: &str) -> Option<usize> {
        let mut found = None;
        for type_key in types {
            if let Some(positions) = self.by_type_name.get(&(*type_key, name.to_string())) {
                if positions.len() > 1 || found.is_some() {
                    return None;
                }
                found = Some(positions[0]);
            }
        }
        found
    }
}

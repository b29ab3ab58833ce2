//! Move groups (migration packages): resources that should move together, by default
//! the weakly connected components of the dependency graph, or by resource group, or
//! by the value of a tag.

use std::collections::BTreeMap;

use super::references::IndexEdge;
use super::{GroupBy, MoveGroup, ResourceRef};
use crate::inventory::Inventory;

/// Name of the group of resources without a resource group.
pub const NO_GROUP: &str = "(no resource group)";
/// Name of the group of resources without the tag.
pub const UNTAGGED: &str = "(untagged)";

pub(crate) fn groups(
    inventory: &Inventory,
    refs: &[ResourceRef],
    edges: &[IndexEdge],
    group_by: &GroupBy,
) -> Vec<MoveGroup> {
    let resources = &inventory.resources;
    // Key (lowercased) to (display name, positions); positions stay ascending.
    let mut named: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    let mut add = |name: String, position: usize| {
        named.entry(name.to_lowercase()).or_insert_with(|| (name, Vec::new())).1.push(position);
    };
    match group_by {
        GroupBy::Component => {
            let mut sets = DisjointSets::new(resources.len());
            for edge in edges {
                sets.union(edge.from, edge.to);
            }
            // Components in order of their first resource. A lone resource is named
            // after itself; a larger component after the resource group most of its
            // resources are in, and how many other groups it spans, which is how people
            // know their estate.
            let mut first_of: BTreeMap<usize, usize> = BTreeMap::new();
            let mut components: Vec<Vec<usize>> = Vec::new();
            for position in 0..resources.len() {
                let root = sets.find(position);
                let index = *first_of.entry(root).or_insert_with(|| {
                    components.push(Vec::new());
                    components.len() - 1
                });
                components[index].push(position);
            }
            let width = components.len().to_string().len();
            return components
                .into_iter()
                .enumerate()
                .map(|(index, positions)| MoveGroup {
                    name: format!("Component {:0width$}: {}", index + 1, component_name(inventory, &positions)),
                    resources: positions.into_iter().map(|p| refs[p].clone()).collect(),
                })
                .collect();
        }
        GroupBy::ResourceGroup => {
            for (position, resource) in resources.iter().enumerate() {
                let group =
                    resource.resource_group.clone().or_else(|| resource.id.resource_group().map(str::to_string));
                add(group.unwrap_or_else(|| NO_GROUP.to_string()), position);
            }
        }
        GroupBy::Tag(tag) => {
            for (position, resource) in resources.iter().enumerate() {
                let value = resource.tags.iter().find(|(name, _)| name.eq_ignore_ascii_case(tag)).map(|(_, v)| v);
                add(value.cloned().unwrap_or_else(|| UNTAGGED.to_string()), position);
            }
        }
    }
    named
        .into_values()
        .map(|(name, positions)| MoveGroup {
            name,
            resources: positions.into_iter().map(|p| refs[p].clone()).collect(),
        })
        .collect()
}

/// `vm-web-01` for a lone resource; `rg-retail-apps` for a component in one resource
/// group; `rg-retail-apps +4 groups` for one that spans five, named after the group
/// most of its resources are in (the first by name on a tie).
fn component_name(inventory: &Inventory, positions: &[usize]) -> String {
    let resources = &inventory.resources;
    if let [only] = positions {
        return resources[*only].name.clone();
    }
    let mut counts: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for &position in positions {
        let resource = &resources[position];
        let group = resource.resource_group.as_deref().or(resource.id.resource_group()).unwrap_or(NO_GROUP);
        counts.entry(group.to_lowercase()).or_insert_with(|| (0, group.to_string())).0 += 1;
    }
    let others = counts.len() - 1;
    let (_, (_, main)) = counts
        .iter()
        .max_by(|(a_key, (a, _)), (b_key, (b, _))| a.cmp(b).then_with(|| b_key.cmp(a_key)))
        .expect("a component has resources");
    match others {
        0 => main.clone(),
        1 => format!("{main} +1 group"),
        n => format!("{main} +{n} groups"),
    }
}

/// Union-find with path halving and union by size.
struct DisjointSets {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl DisjointSets {
    fn new(count: usize) -> DisjointSets {
        DisjointSets { parent: (0..count).collect(), size: vec![1; count] }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a;
        self.size[a] += self.size[b];
    }
}

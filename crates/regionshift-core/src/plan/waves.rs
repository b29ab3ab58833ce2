//! Move units and waves: strongly connected components of the dependency graph become
//! units, and the units are put in waves so that every dependency moves in the same
//! wave as its dependent or an earlier one.
//!
//! Each resource has a phase (foundation, data, compute and apps, monitoring). A unit's
//! phase is the earliest of its resources'; it moves in the phase of its own or of its
//! latest dependency, whichever is later ("unless dependencies say otherwise"). Within
//! a phase the units are in a topological order that prefers earlier phases and then
//! id keys, and are cut into waves of at most `max_wave_size` resources; a dependency
//! in the same phase comes earlier in the order, so it never lands in a later wave.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use super::references::IndexEdge;
use crate::azure::{class_of, Phase};
use crate::inventory::Inventory;

/// Strongly connected components: each is one move unit.
pub(crate) struct Units {
    /// Unit of each inventory position.
    pub unit_of: Vec<usize>,
    /// Positions of each unit's resources, ascending; units ordered by first position.
    pub members: Vec<Vec<usize>>,
}

pub(crate) fn units(count: usize, edges: &[IndexEdge]) -> Units {
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(count, edges.len());
    for _ in 0..count {
        graph.add_node(());
    }
    for edge in edges {
        graph.add_edge(NodeIndex::new(edge.from), NodeIndex::new(edge.to), ());
    }
    // Kosaraju's algorithm in petgraph is iterative: a long chain cannot overflow the
    // stack (the browser's is small), which the recursive Tarjan could.
    let mut members: Vec<Vec<usize>> = kosaraju_scc(&graph)
        .into_iter()
        .map(|component| {
            let mut positions: Vec<usize> = component.into_iter().map(|node| node.index()).collect();
            positions.sort_unstable();
            positions
        })
        .collect();
    members.sort_unstable_by_key(|positions| positions[0]);
    let mut unit_of = vec![0; count];
    for (unit, positions) in members.iter().enumerate() {
        for &position in positions {
            unit_of[position] = unit;
        }
    }
    Units { unit_of, members }
}

impl Units {
    /// Positions in `edges` of the edges inside each unit of more than one resource,
    /// with the unit, in unit order.
    pub(crate) fn cycle_edges(&self, edges: &[IndexEdge]) -> Vec<(usize, Vec<usize>)> {
        let mut by_unit: Vec<Option<Vec<usize>>> =
            self.members.iter().map(|m| if m.len() > 1 { Some(Vec::new()) } else { None }).collect();
        for (position, edge) in edges.iter().enumerate() {
            let unit = self.unit_of[edge.from];
            if unit == self.unit_of[edge.to] {
                if let Some(list) = by_unit[unit].as_mut() {
                    list.push(position);
                }
            }
        }
        by_unit.into_iter().enumerate().filter_map(|(unit, list)| list.map(|list| (unit, list))).collect()
    }
}

/// Neighbour lists of `count` nodes in two flat arrays (compressed sparse rows): one
/// allocation for all of them instead of one per node.
pub(crate) struct Adjacency {
    start: Vec<usize>,
    list: Vec<usize>,
}

impl Adjacency {
    /// From `(node, neighbour)` pairs; each node's neighbours keep the pairs' order.
    pub(crate) fn new(count: usize, pairs: &[(usize, usize)]) -> Adjacency {
        let mut start = vec![0usize; count + 1];
        for &(node, _) in pairs {
            start[node + 1] += 1;
        }
        for i in 0..count {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        let mut list = vec![0usize; pairs.len()];
        for &(node, neighbour) in pairs {
            list[next[node]] = neighbour;
            next[node] += 1;
        }
        Adjacency { start, list }
    }

    pub(crate) fn of(&self, node: usize) -> &[usize] {
        &self.list[self.start[node]..self.start[node + 1]]
    }
}

/// A wave before scheduling: its phase and units.
pub(crate) struct PlannedWave {
    pub phase: Phase,
    pub units: Vec<usize>,
}

pub(crate) fn waves(
    inventory: &Inventory,
    edges: &[IndexEdge],
    units: &Units,
    max_wave_size: usize,
) -> Vec<PlannedWave> {
    let count = units.members.len();
    let phase: Vec<Phase> = units
        .members
        .iter()
        .map(|members| {
            members
                .iter()
                .map(|&i| class_of(inventory.resources[i].resource_type.key()).phase)
                .min()
                .unwrap_or(Phase::Compute)
        })
        .collect();
    // Unit dependencies, without duplicates.
    let mut pairs: Vec<(usize, usize)> = edges
        .iter()
        .map(|edge| (units.unit_of[edge.from], units.unit_of[edge.to]))
        .filter(|(from, to)| from != to)
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut waiting = vec![0usize; count];
    for &(from, _) in &pairs {
        waiting[from] += 1;
    }
    let dependencies = Adjacency::new(count, &pairs);
    let reversed: Vec<(usize, usize)> = pairs.iter().map(|&(from, to)| (to, from)).collect();
    let dependents = Adjacency::new(count, &reversed);
    // Kahn's algorithm; among ready units the earliest phase, then the first id key.
    let mut ready: BinaryHeap<Reverse<(Phase, usize)>> =
        (0..count).filter(|&u| waiting[u] == 0).map(|u| Reverse((phase[u], u))).collect();
    let mut order = Vec::with_capacity(count);
    let mut moves_in = vec![Phase::Foundation; count];
    while let Some(Reverse((_, unit))) = ready.pop() {
        moves_in[unit] = dependencies.of(unit).iter().map(|&d| moves_in[d]).fold(phase[unit], Phase::max);
        order.push(unit);
        for &dependent in dependents.of(unit) {
            waiting[dependent] -= 1;
            if waiting[dependent] == 0 {
                ready.push(Reverse((phase[dependent], dependent)));
            }
        }
    }
    debug_assert_eq!(order.len(), count, "the unit graph of strongly connected components is acyclic");
    let mut waves = Vec::new();
    for current in Phase::ALL {
        let mut wave: Option<(PlannedWave, usize)> = None;
        for &unit in order.iter().filter(|&&u| moves_in[u] == current) {
            let size = units.members[unit].len();
            if let Some((open, filled)) = wave.as_mut() {
                if max_wave_size == 0 || *filled + size <= max_wave_size {
                    open.units.push(unit);
                    *filled += size;
                    continue;
                }
            }
            if let Some((full, _)) = wave.take() {
                waves.push(full);
            }
            wave = Some((PlannedWave { phase: current, units: vec![unit] }, size));
        }
        if let Some((last, _)) = wave {
            waves.push(last);
        }
    }
    waves
}

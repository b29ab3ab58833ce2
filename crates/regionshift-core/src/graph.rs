//! A layered drawing layout for dependency graphs, shared by the app's graph view and
//! the offline report: every dependency sits in a column left of what needs it, the
//! members of a cycle share a column, and rows are ordered to shorten edges.
//!
//! Pure and deterministic: the same nodes and edges give the same places. Iterative
//! throughout (no recursion), so a graph of any depth lays out without exhausting the
//! browser's stack.

use std::collections::VecDeque;

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;

/// How far apart columns and rows are drawn, and how hard the row order is worked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    pub column_width: u32,
    pub row_height: u32,
    /// Sweeps of the barycentre heuristic (each sweep goes right, then left).
    pub sweeps: usize,
}

impl Default for LayoutOptions {
    fn default() -> LayoutOptions {
        LayoutOptions { column_width: 220, row_height: 40, sweeps: 4 }
    }
}

/// Where one node is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Place {
    /// Column: 0 for nodes that depend on nothing in the graph.
    pub layer: usize,
    /// Position within the column, from the top.
    pub row: usize,
    pub x: u32,
    pub y: u32,
}

/// Places for every node, by node index, and the drawing's size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Layout {
    pub places: Vec<Place>,
    pub layers: usize,
    pub width: u32,
    pub height: u32,
}

/// Lays out `node_count` nodes joined by `edges`, each `(dependent, dependency)` as node
/// indices. Edges naming a node outside the range are ignored; a self-edge is harmless.
pub fn layered(node_count: usize, edges: &[(usize, usize)], options: &LayoutOptions) -> Layout {
    let edges: Vec<(usize, usize)> =
        edges.iter().copied().filter(|&(a, b)| a < node_count && b < node_count && a != b).collect();
    let layer = layers(node_count, &edges);
    let layers = layer.iter().map(|&l| l + 1).max().unwrap_or(0);

    // Rows: start in index order, then order each column by the mean row of its
    // neighbours in the column before (going right) or after (going left).
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); layers];
    for (node, &l) in layer.iter().enumerate() {
        columns[l].push(node);
    }
    let mut row = vec![0usize; node_count];
    let renumber = |columns: &Vec<Vec<usize>>, row: &mut Vec<usize>| {
        for column in columns {
            for (position, &node) in column.iter().enumerate() {
                row[node] = position;
            }
        }
    };
    renumber(&columns, &mut row);
    // Neighbours in other columns, both directions.
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); node_count];
    for &(dependent, dependency) in &edges {
        if layer[dependent] != layer[dependency] {
            neighbours[dependent].push(dependency);
            neighbours[dependency].push(dependent);
        }
    }
    for _ in 0..options.sweeps {
        for direction in [true, false] {
            let order: Vec<usize> =
                if direction { (1..layers).collect() } else { (0..layers.saturating_sub(1)).rev().collect() };
            for l in order {
                let reference = if direction { l - 1 } else { l + 1 };
                let mut keyed: Vec<(u64, usize, usize)> = columns[l]
                    .iter()
                    .map(|&node| {
                        let around: Vec<usize> = neighbours[node]
                            .iter()
                            .copied()
                            .filter(|&n| layer[n] == reference)
                            .map(|n| row[n])
                            .collect();
                        // Barycentre scaled to keep integer arithmetic; nodes without
                        // neighbours there keep their place.
                        let key = if around.is_empty() {
                            row[node] as u64 * 1000
                        } else {
                            around.iter().sum::<usize>() as u64 * 1000 / around.len() as u64
                        };
                        (key, row[node], node)
                    })
                    .collect();
                keyed.sort_unstable();
                columns[l] = keyed.into_iter().map(|(_, _, node)| node).collect();
                for (position, &node) in columns[l].iter().enumerate() {
                    row[node] = position;
                }
            }
        }
    }
    let tallest = columns.iter().map(Vec::len).max().unwrap_or(0);
    let places = (0..node_count)
        .map(|node| Place {
            layer: layer[node],
            row: row[node],
            x: layer[node] as u32 * options.column_width,
            y: row[node] as u32 * options.row_height,
        })
        .collect();
    Layout { places, layers, width: layers as u32 * options.column_width, height: tallest as u32 * options.row_height }
}

/// The column of each node: one more than the deepest of its dependencies, with the
/// members of a cycle sharing one column (longest path over the condensation).
fn layers(node_count: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(node_count, edges.len());
    for _ in 0..node_count {
        graph.add_node(());
    }
    for &(dependent, dependency) in edges {
        graph.add_edge(NodeIndex::new(dependent), NodeIndex::new(dependency), ());
    }
    let components = kosaraju_scc(&graph);
    let mut component_of = vec![0usize; node_count];
    for (c, members) in components.iter().enumerate() {
        for member in members {
            component_of[member.index()] = c;
        }
    }
    // Condensed edges: dependency component → dependent component.
    let count = components.len();
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut waiting = vec![0usize; count];
    for &(dependent, dependency) in edges {
        let (a, b) = (component_of[dependency], component_of[dependent]);
        if a != b {
            outgoing[a].push(b);
            waiting[b] += 1;
        }
    }
    let mut depth = vec![0usize; count];
    let mut ready: VecDeque<usize> = (0..count).filter(|&c| waiting[c] == 0).collect();
    while let Some(c) = ready.pop_front() {
        for &next in &outgoing[c] {
            depth[next] = depth[next].max(depth[c] + 1);
            waiting[next] -= 1;
            if waiting[next] == 0 {
                ready.push_back(next);
            }
        }
    }
    (0..node_count).map(|node| depth[component_of[node]]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(n: usize, edges: &[(usize, usize)]) -> Layout {
        layered(n, edges, &LayoutOptions::default())
    }

    #[test]
    fn dependencies_sit_left_of_what_needs_them() {
        // 0 needs 1, 1 needs 2, 3 needs 2.
        let l = layout(4, &[(0, 1), (1, 2), (3, 2)]);
        assert_eq!(l.places.iter().map(|p| p.layer).collect::<Vec<_>>(), [2, 1, 0, 1]);
        assert_eq!(l.layers, 3);
        assert_eq!(l.width, 3 * 220);
        assert_eq!(l.height, 2 * 40);
    }

    #[test]
    fn a_cycle_shares_a_column_and_terminates() {
        // 0 and 1 need each other; 2 needs 0.
        let l = layout(3, &[(0, 1), (1, 0), (2, 0)]);
        assert_eq!(l.places[0].layer, l.places[1].layer);
        assert_eq!(l.places[2].layer, l.places[0].layer + 1);
    }

    #[test]
    fn rows_follow_their_neighbours() {
        // Column 0: nodes 0 and 1; column 1: node 2 needs 1, node 3 needs 0. After the
        // sweeps, 3 sits above 2 like 0 sits above 1.
        let l = layout(4, &[(2, 1), (3, 0)]);
        assert!(l.places[0].row < l.places[1].row);
        assert!(l.places[3].row < l.places[2].row, "{:?}", l.places);
    }

    #[test]
    fn out_of_range_edges_are_ignored_and_empty_graphs_are_empty() {
        assert_eq!(layout(0, &[(0, 1)]).places.len(), 0);
        let l = layout(2, &[(0, 7), (1, 1)]);
        assert_eq!(l.layers, 1);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn every_edge_points_left_or_stays_in_a_cycle(
                n in 1usize..40,
                raw in proptest::collection::vec((0usize..40, 0usize..40), 0..120),
            ) {
                let edges: Vec<(usize, usize)> = raw.into_iter().map(|(a, b)| (a % n, b % n)).collect();
                let l = layered(n, &edges, &LayoutOptions::default());
                let again = layered(n, &edges, &LayoutOptions::default());
                prop_assert_eq!(&l, &again);
                for &(dependent, dependency) in &edges {
                    prop_assert!(l.places[dependency].layer <= l.places[dependent].layer);
                }
                // Rows in a column are distinct.
                let mut seen = std::collections::HashSet::new();
                for place in &l.places {
                    prop_assert!(seen.insert((place.layer, place.row)));
                }
            }
        }
    }
}

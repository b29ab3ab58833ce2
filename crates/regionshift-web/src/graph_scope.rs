//! What the dependency graph draws, apart from drawing it: a scope (a set of the plan's
//! resources) becomes at most [`MAX_NODES`] nodes. A scope that small is drawn resource
//! by resource; a larger one is aggregated, first by move group, then by resource group,
//! then by type, then in slices, with the number of dependencies between each pair of
//! groups, and a group opens on demand as a scope of its own. A resource's neighbourhood
//! (what it needs and what needs it) is a scope too.
//!
//! Built once per analysis ([`GraphIndex`]) and once per scope ([`GraphView`]), so
//! selecting, zooming and moving between nodes look nothing up again.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use std::collections::{BTreeMap, HashMap};

use regionshift_core::plan::{Plan, ResourceRef};

/// The most nodes one drawing holds: about what a person reads at once, with labels at
/// their normal size.
pub const MAX_NODES: usize = 40;

/// How a scope too large to draw whole is split, in the order tried: a way that leaves
/// the scope in one piece is skipped for the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grouping {
    MoveGroup,
    ResourceGroup,
    Type,
    /// Consecutive runs of the scope's resources in id order.
    Slice,
}

impl Grouping {
    fn next(self) -> Grouping {
        match self {
            Grouping::MoveGroup => Grouping::ResourceGroup,
            Grouping::ResourceGroup => Grouping::Type,
            Grouping::Type | Grouping::Slice => Grouping::Slice,
        }
    }

    /// The word for one group of this grouping, as nodes and headings show it.
    pub fn noun(self) -> &'static str {
        match self {
            Grouping::MoveGroup => "move group",
            Grouping::ResourceGroup => "resource group",
            Grouping::Type => "type",
            Grouping::Slice => "slice",
        }
    }
}

/// The plan's resources and dependencies by position, built once per analysis.
#[derive(Debug)]
pub struct GraphIndex {
    /// Every resource of the plan, in wave order.
    pub resources: Vec<ResourceRef>,
    /// Resource position by id key.
    position: HashMap<String, usize>,
    /// `(plan edge, dependent, dependency)` for edges with both ends in the plan.
    pub edges: Vec<(usize, usize, usize)>,
    /// Edges (positions in `edges`) leaving each resource: what it needs.
    pub needs: Vec<Vec<usize>>,
    /// Edges arriving at each resource: what needs it.
    pub needed_by: Vec<Vec<usize>>,
    /// The move group (position in `Plan::groups`) of each resource.
    move_group: Vec<Option<usize>>,
    group_names: Vec<String>,
}

impl GraphIndex {
    pub fn new(plan: &Plan) -> GraphIndex {
        let resources: Vec<ResourceRef> = plan.waves.iter().flat_map(|w| w.resources.iter().cloned()).collect();
        let position: HashMap<String, usize> =
            resources.iter().enumerate().map(|(i, r)| (r.key().to_string(), i)).collect();
        let edges: Vec<(usize, usize, usize)> = plan
            .edges
            .iter()
            .enumerate()
            .filter_map(|(e, edge)| Some((e, *position.get(edge.from.key())?, *position.get(edge.to.key())?)))
            .collect();
        let mut needs = vec![Vec::new(); resources.len()];
        let mut needed_by = vec![Vec::new(); resources.len()];
        for (k, &(_, from, to)) in edges.iter().enumerate() {
            needs[from].push(k);
            needed_by[to].push(k);
        }
        let mut move_group = vec![None; resources.len()];
        for (g, group) in plan.groups.iter().enumerate() {
            for r in &group.resources {
                if let Some(&p) = position.get(r.key()) {
                    move_group[p] = Some(g);
                }
            }
        }
        let group_names = plan.groups.iter().map(|g| g.name.clone()).collect();
        GraphIndex { resources, position, edges, needs, needed_by, move_group, group_names }
    }

    pub fn len(&self) -> usize {
        self.resources.len()
    }

    pub fn is_empty(&self) -> bool {
        self.resources.is_empty()
    }

    /// The position of a resource by its id key.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.position.get(key).copied()
    }

    /// Every resource, as the first scope.
    pub fn everything(&self) -> Scope {
        Scope {
            title: format!("All {} resources", self.len()),
            members: (0..self.len()).collect(),
            grouping: Grouping::MoveGroup,
        }
    }

    /// The members of a move group, by its name.
    pub fn move_group(&self, name: &str) -> Option<Scope> {
        let g = self.group_names.iter().position(|n| n == name)?;
        let members: Vec<usize> = (0..self.len()).filter(|&p| self.move_group[p] == Some(g)).collect();
        Some(Scope { title: format!("Move group {name}"), members, grouping: Grouping::ResourceGroup })
    }

    /// A resource and what it needs and what needs it, directly: the resource first, then
    /// what it needs, then what needs it, at most [`MAX_NODES`] in all. The second value
    /// counts the neighbours left out.
    pub fn neighbourhood(&self, node: usize) -> (Scope, usize) {
        let mut members = vec![node];
        let around = self.needs[node]
            .iter()
            .map(|&k| self.edges[k].2)
            .chain(self.needed_by[node].iter().map(|&k| self.edges[k].1));
        let mut left_out = 0;
        for other in around {
            if members.contains(&other) {
                continue;
            }
            if members.len() < MAX_NODES {
                members.push(other);
            } else {
                left_out += 1;
            }
        }
        let title = format!("Around {}", self.resources[node].name());
        (Scope { title, members, grouping: Grouping::Slice }, left_out)
    }

    /// The key one resource has in a grouping, and the label shown for it.
    fn key(&self, node: usize, grouping: Grouping) -> (String, String) {
        let resource = &self.resources[node];
        match grouping {
            Grouping::MoveGroup => match self.move_group[node] {
                Some(g) => (format!("{g:08}"), self.group_names[g].clone()),
                None => (String::new(), "(no move group)".to_string()),
            },
            Grouping::ResourceGroup => match resource.resource_group() {
                Some(group) => (group.to_ascii_lowercase(), group.to_string()),
                None => (String::new(), "(no resource group)".to_string()),
            },
            Grouping::Type => {
                let kind = resource.resource_type();
                let label = kind.display_name().unwrap_or(kind.as_str()).to_string();
                (kind.as_str().to_ascii_lowercase(), label)
            }
            Grouping::Slice => (String::new(), String::new()),
        }
    }
}

/// A set of the plan's resources, drawn as one drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// What the breadcrumb calls it.
    pub title: String,
    /// Positions in [`GraphIndex::resources`].
    pub members: Vec<usize>,
    /// The first grouping tried when the scope is too large to draw whole.
    pub grouping: Grouping,
}

/// One node of a drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A resource, by position in [`GraphIndex::resources`].
    Resource(usize),
    /// Several resources drawn as one; opening it draws them as a scope.
    Group { label: String, scope: Scope },
}

/// An arrow of a drawing, from the dependent node to the node it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub from: usize,
    pub to: usize,
    /// The dependencies the arrow stands for (positions in [`GraphIndex::edges`]).
    pub edges: Vec<usize>,
}

/// What one scope draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphView {
    pub nodes: Vec<Node>,
    pub links: Vec<Link>,
    /// How the nodes are grouped, when they are groups.
    pub grouping: Option<Grouping>,
    /// Dependencies between the scope and resources outside it.
    pub leaving: usize,
}

impl GraphView {
    /// The nodes at most: never more than [`MAX_NODES`].
    pub fn build(index: &GraphIndex, scope: &Scope) -> GraphView {
        let (nodes, grouping) = if scope.members.len() <= MAX_NODES {
            (scope.members.iter().map(|&m| Node::Resource(m)).collect(), None)
        } else {
            let (nodes, grouping) = groups(index, scope);
            (nodes, Some(grouping))
        };
        // Which node each member is drawn in.
        let mut node_of: HashMap<usize, usize> = HashMap::new();
        for (n, node) in nodes.iter().enumerate() {
            match node {
                Node::Resource(m) => {
                    node_of.insert(*m, n);
                }
                Node::Group { scope, .. } => {
                    for &m in &scope.members {
                        node_of.insert(m, n);
                    }
                }
            }
        }
        let mut links: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        let mut leaving = 0;
        for &member in &scope.members {
            for &k in index.needs[member].iter().chain(&index.needed_by[member]) {
                let (_, from, to) = index.edges[k];
                match (node_of.get(&from), node_of.get(&to)) {
                    (Some(&a), Some(&b)) => {
                        // Each edge once: from its dependent's side.
                        if from == member && a != b {
                            links.entry((a, b)).or_default().push(k);
                        }
                    }
                    _ => leaving += 1,
                }
            }
        }
        let links = links.into_iter().map(|((from, to), edges)| Link { from, to, edges }).collect();
        GraphView { nodes, links, grouping, leaving }
    }

    /// Resources the drawing holds, in groups or alone.
    pub fn resource_count(&self) -> usize {
        self.nodes
            .iter()
            .map(|n| match n {
                Node::Resource(_) => 1,
                Node::Group { scope, .. } => scope.members.len(),
            })
            .sum()
    }
}

/// Splits a scope of more than [`MAX_NODES`] resources into at most that many groups.
fn groups(index: &GraphIndex, scope: &Scope) -> (Vec<Node>, Grouping) {
    let mut grouping = scope.grouping;
    loop {
        if grouping == Grouping::Slice {
            return (slices(scope), Grouping::Slice);
        }
        let mut parts: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
        for &m in &scope.members {
            let (key, label) = index.key(m, grouping);
            parts.entry(key).or_insert_with(|| (label, Vec::new())).1.push(m);
        }
        if parts.len() < 2 {
            grouping = grouping.next();
            continue;
        }
        // Largest first (then by key). Past the limit, the largest half of the nodes are
        // groups of their own and the rest are runs of groups, as many as keep each run and
        // their count within the limit: opening a run splits it the same way, so any number
        // of groups is a few steps deep.
        let mut parts: Vec<(String, Vec<usize>)> = parts.into_values().collect();
        parts.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        let total = parts.len();
        let alone = if total > MAX_NODES { MAX_NODES / 2 } else { total };
        let run = (total - alone).div_ceil(MAX_NODES - alone).max(1);
        let noun = grouping.noun();
        let mut nodes: Vec<Node> = Vec::new();
        let mut parts = parts.into_iter();
        for (label, members) in parts.by_ref().take(alone) {
            let title = format!("{} {label}", capitalised(noun));
            nodes.push(group_node(label, title, members, grouping.next()));
        }
        let rest: Vec<(String, Vec<usize>)> = parts.collect();
        for (i, chunk) in rest.chunks(run).enumerate() {
            let first = alone + i * run + 1;
            let last = first + chunk.len() - 1;
            let members: Vec<usize> = chunk.iter().flat_map(|(_, m)| m.iter().copied()).collect();
            let (label, next) = if chunk.len() == 1 {
                (chunk[0].0.clone(), grouping.next())
            } else {
                (format!("{}s {first}–{last} of {total}", capitalised(noun)), grouping)
            };
            let title = format!("{label} ({})", scope.title);
            nodes.push(group_node(label, title, members, next));
        }
        return (nodes, grouping);
    }
}

/// A node for a group: the resource itself when the group holds one.
fn group_node(label: String, title: String, mut members: Vec<usize>, grouping: Grouping) -> Node {
    if members.len() == 1 {
        return Node::Resource(members[0]);
    }
    members.sort_unstable();
    Node::Group { label, scope: Scope { title, members, grouping } }
}

/// Consecutive runs in id order, as few as keep each run and their count within the limit.
fn slices(scope: &Scope) -> Vec<Node> {
    let mut members = scope.members.clone();
    members.sort_unstable();
    let size = members.len().div_ceil(MAX_NODES).max(MAX_NODES);
    members
        .chunks(size)
        .enumerate()
        .map(|(i, chunk)| {
            let (first, last) = (i * size + 1, i * size + chunk.len());
            let label = format!("{first}–{last}");
            let title = format!("{}, {label}", scope.title);
            Node::Group { label, scope: Scope { title, members: chunk.to_vec(), grouping: Grouping::Slice } }
        })
        .collect()
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Which node the arrow keys move to, from `current`, given each node's column and row
/// (`places[n] = (layer, row)`): left and right to the nearest row of the next column that
/// has nodes, up and down within the column. `None` when there is nowhere to go.
pub fn step(places: &[(usize, usize)], current: usize, key: &str) -> Option<usize> {
    let &(layer, row) = places.get(current)?;
    let in_layer = |l: usize| places.iter().enumerate().filter(move |(_, p)| p.0 == l).map(|(n, p)| (n, p.1));
    match key {
        "ArrowUp" => in_layer(layer).filter(|&(_, r)| r < row).max_by_key(|&(_, r)| r).map(|(n, _)| n),
        "ArrowDown" => in_layer(layer).filter(|&(_, r)| r > row).min_by_key(|&(_, r)| r).map(|(n, _)| n),
        "ArrowLeft" | "ArrowRight" => {
            let layers = places.iter().map(|p| p.0 + 1).max().unwrap_or(0);
            let mut l = layer;
            loop {
                l = if key == "ArrowLeft" { l.checked_sub(1)? } else { l + 1 };
                if l >= layers {
                    return None;
                }
                if let Some((n, _)) = in_layer(l).min_by_key(|&(_, r)| (r.abs_diff(row), r)) {
                    return Some(n);
                }
            }
        }
        "Home" => in_layer(layer).min_by_key(|&(_, r)| r).map(|(n, _)| n),
        "End" => in_layer(layer).max_by_key(|&(_, r)| r).map(|(n, _)| n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regionshift_core::{analyze, AnalysisOptions, InputFile};

    fn sample() -> regionshift_core::Analysis {
        let json = include_str!("../../../data/sample-estate.json");
        analyze(&[InputFile::new("sample-estate.json", json)], &AnalysisOptions::default())
    }

    /// Every member of the scope is in exactly one node.
    fn covers(view: &GraphView, scope: &Scope) {
        let mut seen: Vec<usize> = view
            .nodes
            .iter()
            .flat_map(|n| match n {
                Node::Resource(m) => vec![*m],
                Node::Group { scope, .. } => scope.members.clone(),
            })
            .collect();
        seen.sort_unstable();
        let mut members = scope.members.clone();
        members.sort_unstable();
        assert_eq!(seen, members, "{}", scope.title);
    }

    /// Opens every group, depth first: no drawing has more than MAX_NODES nodes, every
    /// drawing covers its scope, and every path ends in resources.
    fn walk(index: &GraphIndex, scope: &Scope, depth: usize) -> usize {
        assert!(depth < 64, "groups keep opening into groups: {}", scope.title);
        let view = GraphView::build(index, scope);
        assert!(view.nodes.len() <= MAX_NODES, "{} draws {} nodes", scope.title, view.nodes.len());
        assert!(!view.nodes.is_empty());
        covers(&view, scope);
        let mut drawn = 0;
        for node in &view.nodes {
            match node {
                Node::Resource(_) => drawn += 1,
                Node::Group { scope: inner, .. } => {
                    assert!(inner.members.len() < scope.members.len(), "a group is smaller than its scope");
                    drawn += walk(index, inner, depth + 1);
                }
            }
        }
        drawn
    }

    #[test]
    fn the_sample_opens_aggregated_and_every_drawing_is_readable() {
        let analysis = sample();
        let index = GraphIndex::new(&analysis.plan);
        assert!(index.len() > MAX_NODES, "the sample is large: {}", index.len());
        let all = index.everything();
        let view = GraphView::build(&index, &all);
        assert!(view.grouping.is_some());
        assert!(view.nodes.iter().any(|n| matches!(n, Node::Group { .. })));
        assert_eq!(view.resource_count(), index.len());
        assert_eq!(walk(&index, &all, 0), index.len(), "opening every group reaches every resource once");
    }

    #[test]
    fn links_count_the_dependencies_between_groups() {
        let analysis = sample();
        let index = GraphIndex::new(&analysis.plan);
        let largest = analysis.plan.groups.iter().max_by_key(|g| g.resources.len()).unwrap();
        let scope = index.move_group(&largest.name).unwrap();
        assert!(scope.members.len() > MAX_NODES);
        let view = GraphView::build(&index, &scope);
        assert_eq!(view.grouping, Some(Grouping::ResourceGroup));
        // Every dependency inside the scope is in a link or joins two members of one node.
        let inside: Vec<usize> = index
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| scope.members.contains(&e.1) && scope.members.contains(&e.2))
            .map(|(k, _)| k)
            .collect();
        let linked: usize = view.links.iter().map(|l| l.edges.len()).sum();
        assert!(linked > 0);
        assert!(linked <= inside.len());
        for link in &view.links {
            assert_ne!(link.from, link.to);
            for &k in &link.edges {
                assert!(inside.contains(&k));
            }
        }
        // A move group has no dependency leaving it.
        assert_eq!(view.leaving, 0);
    }

    #[test]
    fn a_neighbourhood_is_the_resource_and_its_direct_dependencies() {
        let analysis = sample();
        let index = GraphIndex::new(&analysis.plan);
        let busiest = (0..index.len()).max_by_key(|&n| index.needs[n].len() + index.needed_by[n].len()).unwrap();
        let (scope, left_out) = index.neighbourhood(busiest);
        assert_eq!(scope.members[0], busiest);
        assert!(scope.members.len() <= MAX_NODES);
        let mut around: Vec<usize> = index.needs[busiest]
            .iter()
            .map(|&k| index.edges[k].2)
            .chain(index.needed_by[busiest].iter().map(|&k| index.edges[k].1))
            .collect();
        around.sort_unstable();
        around.dedup();
        assert_eq!(scope.members.len() - 1 + left_out, around.len());
        let view = GraphView::build(&index, &scope);
        assert!(view.nodes.iter().all(|n| matches!(n, Node::Resource(_))));
        assert!(view.links.iter().all(|l| l.edges.len() == 1));
    }

    #[test]
    fn many_groups_keep_the_largest_and_gather_the_rest() {
        // 100 resource groups of 3 resources each, and no dependencies.
        let mut json = String::from("[");
        for g in 0..100 {
            for r in 0..3 {
                if json.len() > 1 {
                    json.push(',');
                }
                json.push_str(&format!(
                    r#"{{"id": "/subscriptions/s/resourceGroups/rg-{g:03}/providers/Microsoft.Network/publicIPAddresses/ip-{r}", "name": "ip-{r}", "type": "Microsoft.Network/publicIPAddresses", "location": "eastus"}}"#
                ));
            }
        }
        json.push(']');
        let analysis = analyze(&[InputFile::new("t.json", json)], &AnalysisOptions::default());
        let index = GraphIndex::new(&analysis.plan);
        assert_eq!(index.len(), 300);
        let all = index.everything();
        let view = GraphView::build(&index, &all);
        assert!(view.nodes.len() <= MAX_NODES);
        // Each resource is its own move group: the largest alone (here, resources), the
        // rest in runs that open into at most MAX_NODES move groups each.
        let runs: Vec<&Scope> = view
            .nodes
            .iter()
            .filter_map(|n| match n {
                Node::Group { scope, .. } => Some(scope),
                Node::Resource(_) => None,
            })
            .collect();
        assert_eq!(view.nodes.len() - runs.len(), MAX_NODES / 2);
        match &view.nodes[MAX_NODES / 2] {
            Node::Group { label, .. } => assert_eq!(label, "Move groups 21–34 of 300"),
            other => panic!("{other:?}"),
        }
        for run in runs {
            let inner = GraphView::build(&index, run);
            assert!(inner.nodes.iter().all(|n| matches!(n, Node::Resource(_))), "{}", run.title);
        }
        assert_eq!(walk(&index, &all, 0), 300);
    }

    #[test]
    fn one_large_group_of_one_type_is_drawn_in_slices() {
        let members: Vec<usize> = (0..1000).collect();
        let scope = Scope { title: "t".into(), members, grouping: Grouping::Slice };
        let nodes = slices(&scope);
        assert_eq!(nodes.len(), 25);
        let wide = Scope { title: "t".into(), members: (0..100_000).collect(), grouping: Grouping::Slice };
        let nodes = slices(&wide);
        assert_eq!(nodes.len(), MAX_NODES);
        match &nodes[0] {
            Node::Group { label, scope } => {
                assert_eq!(label, "1–2500");
                assert_eq!(scope.members.len(), 2500);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn arrow_keys_move_between_columns_and_rows() {
        // Column 0: nodes 0 (row 0), 1 (row 1); column 1: node 2 (row 0); column 3: node 3 (row 5).
        let places = [(0, 0), (0, 1), (1, 0), (3, 5)];
        assert_eq!(step(&places, 0, "ArrowDown"), Some(1));
        assert_eq!(step(&places, 1, "ArrowDown"), None);
        assert_eq!(step(&places, 1, "ArrowUp"), Some(0));
        assert_eq!(step(&places, 1, "ArrowRight"), Some(2));
        assert_eq!(step(&places, 2, "ArrowRight"), Some(3), "an empty column is skipped");
        assert_eq!(step(&places, 3, "ArrowRight"), None);
        assert_eq!(step(&places, 2, "ArrowLeft"), Some(0));
        assert_eq!(step(&places, 0, "ArrowLeft"), None);
        assert_eq!(step(&places, 1, "Home"), Some(0));
        assert_eq!(step(&places, 0, "End"), Some(1));
        assert_eq!(step(&places, 0, "x"), None);
    }
}

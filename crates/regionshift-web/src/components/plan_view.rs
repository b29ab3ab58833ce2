//! The plan view: waves and total duration, the plan options, the dependency graph (a
//! layered SVG drawing with zoom and pan, where selecting a resource highlights what it
//! needs and what needs it, and cycles are marked), the waves table, the Gantt chart,
//! cycles, external dependencies, move groups, the assumptions and the caveat.

use std::collections::{BTreeSet, HashSet};
use std::rc::Rc;

use regionshift_core::graph::{self, Layout, LayoutOptions, Place};
use regionshift_core::inventory::Resource;
use regionshift_core::plan::{DataBasis, GroupBy, PlanOptions};
use regionshift_core::units::Hours;
use regionshift_core::Analysis;
use rust_decimal::Decimal;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::pager::Pager;
use super::resource_assessment::ResourceAssessmentView;
use super::resource_story::ResourceStory;
use super::Shared;
use crate::format;
use crate::graph_scope::{self, GraphIndex, GraphView, Node, Scope, MAX_NODES};
use crate::table::{Page, PAGE_SIZE};

/// Move groups offered in the graph's scope menu, largest first.
const SCOPE_CHOICES: usize = 100;
/// Waves drawn in the Gantt chart; the table lists them all.
const GANTT_WAVES: usize = 80;
const NODE_WIDTH: i64 = 240;
/// Rows of the grid nodes without dependencies fill, at least.
const GRID_ROWS: usize = 8;
const NODE_HEIGHT: i64 = 40;
const MARGIN: i64 = 24;

#[derive(Properties, PartialEq)]
pub struct PlanViewProps {
    pub analysis: Shared<Analysis>,
    pub options: PlanOptions,
    pub on_options: Callback<PlanOptions>,
}

/// Hours as the core shows them (`114.88 h`), with days beside long spans.
fn hours(value: Decimal) -> String {
    if value >= Decimal::from(48) {
        format!("{} ({} days)", Hours(value), (value / Decimal::from(24)).round_dp(1))
    } else {
        Hours(value).to_string()
    }
}

#[function_component]
pub fn PlanView(props: &PlanViewProps) -> Html {
    let plan = &props.analysis.plan;
    let resources: usize = plan.waves.iter().map(|w| w.resources.len()).sum();
    html! {
        <section class="panel plan" id="plan" aria-labelledby="plan-title">
            <div class="section-head">
                <h2 id="plan-title">{"Migration plan"}</h2>
                <p class="muted">{"Dependencies, waves and durations"}</p>
            </div>
            <p class="caveat" role="note"><strong>{"Draft: "}</strong>{plan.caveat}</p>
            <div class="cost-totals">
                <div class="stat">
                    <span class="stat-label">{"Waves"}</span>
                    <strong class="stat-value" data-testid="wave-count">{plan.waves.len()}</strong>
                    <span class="muted small">{format!("{} resources, {} move groups", format::count(resources), format::count(plan.groups.len()))}</span>
                </div>
                <div class="stat">
                    <span class="stat-label">{"Duration"}</span>
                    <strong class="stat-value" data-testid="plan-duration">{hours(plan.total_hours)}</strong>
                    <span class="muted small">{format!("{} workers, {} Mbps", props.options.workers, props.options.bandwidth_mbps)}</span>
                </div>
                <div class="stat">
                    <span class="stat-label">{"Dependencies"}</span>
                    <strong class="stat-value">{format::count(plan.edges.len())}</strong>
                    <span class="muted small">{format!("{}, {} external", format::plural(plan.cycles.len(), "cycle", "cycles"), format::count(plan.external.len()))}</span>
                </div>
            </div>
            <PlanOptionsPanel options={props.options.clone()} on_options={props.on_options.clone()} />
            // Keyed by the analysis: a new one starts the graph again from the whole plan.
            <DependencyGraph key={format!("{:p}", Rc::as_ptr(&props.analysis.0))} analysis={props.analysis.clone()} />
            <Gantt analysis={props.analysis.clone()} />
            <WavesTable analysis={props.analysis.clone()} />
            <Cycles analysis={props.analysis.clone()} />
            <External analysis={props.analysis.clone()} />
            <div class="plan-assumptions">
                <h3>{"Assumptions"}</h3>
                <div class="table-scroll">
                <table class="files compact">
                    <thead><tr><th scope="col">{"Assumption"}</th><th scope="col">{"Value"}</th><th scope="col">{"Why"}</th><th scope="col" class="num">{"Resources"}</th></tr></thead>
                    <tbody>
                        { for plan.assumptions.iter().map(|a| html! {
                            <tr key={a.name}>
                                <th scope="row">{a.name}</th>
                                <td>{format!("{} {}", a.value, a.unit)}</td>
                                <td class="small">{a.why}</td>
                                <td class="num">{if a.applies_to == 0 { "–".to_string() } else { format::count(a.applies_to) }}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct OptionsProps {
    options: PlanOptions,
    on_options: Callback<PlanOptions>,
}

#[function_component]
fn PlanOptionsPanel(props: &OptionsProps) -> Html {
    let error = use_state(|| Option::<String>::None);
    let options = &props.options;
    let group_value = match &options.group_by {
        GroupBy::Component => "component".to_string(),
        GroupBy::ResourceGroup => "resource-group".to_string(),
        GroupBy::Tag(_) => "tag".to_string(),
    };
    let tag_name = match &options.group_by {
        GroupBy::Tag(name) => name.clone(),
        _ => "app".to_string(),
    };
    let emit = {
        let (on_options, error) = (props.on_options.clone(), error.clone());
        move |result: Result<PlanOptions, String>| match result {
            Ok(next) => {
                error.set(None);
                on_options.emit(next);
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let on_group = {
        let (options, emit, tag_name) = (options.clone(), emit.clone(), tag_name.clone());
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<HtmlSelectElement>() else { return };
            let mut next = options.clone();
            next.group_by = match select.value().as_str() {
                "tag" => GroupBy::Tag(tag_name.clone()),
                other => other.parse().unwrap_or(GroupBy::Component),
            };
            emit(Ok(next));
        })
    };
    let on_tag = {
        let (options, emit) = (options.clone(), emit.clone());
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else { return };
            let mut next = options.clone();
            match format!("tag:{}", input.value()).parse() {
                Ok(group_by) => {
                    next.group_by = group_by;
                    emit(Ok(next));
                }
                Err(message) => emit(Err(message)),
            }
        })
    };
    let number = |apply: fn(&mut PlanOptions, &str) -> Result<(), String>| {
        let (options, emit) = (options.clone(), emit.clone());
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else { return };
            let mut next = options.clone();
            emit(apply(&mut next, input.value().trim()).map(|()| next));
        })
    };
    // Every value goes through the core's own parser for it, the one the command line
    // and a report read back use.
    let on_max_wave = number(|o, text| {
        o.max_wave_size = text.parse().map_err(|_| "The wave size is a whole number (0 for no limit).".to_string())?;
        Ok(())
    });
    let on_bandwidth = number(|o, text| {
        o.bandwidth_mbps = text.parse()?;
        Ok(())
    });
    let on_workers = number(|o, text| {
        o.workers = text.parse()?;
        Ok(())
    });
    html! {
        <div class="cost-options">
            <h3>{"Plan options"}</h3>
            if let Some(message) = &*error { <p class="error" role="alert">{message}</p> }
            <div class="option-grid">
                <label class="field">
                    <span class="field-label">{"Move groups"}</span>
                    <select data-testid="plan-group-by" onchange={on_group}>
                        <option value="component" selected={group_value == "component"}>{"Connected resources"}</option>
                        <option value="resource-group" selected={group_value == "resource-group"}>{"Resource group"}</option>
                        <option value="tag" selected={group_value == "tag"}>{"A tag"}</option>
                    </select>
                </label>
                if group_value == "tag" {
                    <label class="field">
                        <span class="field-label">{"Tag name"}</span>
                        <input type="text" data-testid="plan-tag" value={tag_name} onchange={on_tag} />
                    </label>
                }
                <label class="field">
                    <span class="field-label">{"Most resources per wave"}</span>
                    <input type="text" inputmode="numeric" data-testid="plan-max-wave" value={options.max_wave_size.to_string()} onchange={on_max_wave} />
                </label>
                <label class="field">
                    <span class="field-label">{"Bandwidth (Mbps)"}</span>
                    <input type="text" inputmode="decimal" data-testid="plan-bandwidth" value={options.bandwidth_mbps.to_string()} onchange={on_bandwidth} />
                </label>
                <label class="field">
                    <span class="field-label">{"Workers"}</span>
                    <input type="text" inputmode="numeric" data-testid="plan-workers" value={options.workers.to_string()} onchange={on_workers} />
                </label>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PlanPartProps {
    analysis: Shared<Analysis>,
}

/// One drawing: the scope's nodes and arrows and their layout, built once per scope, so
/// zooming, panning and moving between nodes look nothing up again.
struct Drawing {
    view: GraphView,
    layout: Layout,
}

fn drawing(index: &GraphIndex, scope: &Scope) -> Drawing {
    let view = GraphView::build(index, scope);
    let options =
        LayoutOptions { column_width: NODE_WIDTH as u32 + 90, row_height: NODE_HEIGHT as u32 + 18, sweeps: 4 };
    // Nodes joined to others are laid out in columns by dependency; the others (a move
    // group depends on no other) fill a grid to their right instead of one tall column.
    let mut joined: Vec<usize> = view.links.iter().flat_map(|l| [l.from, l.to]).collect();
    joined.sort_unstable();
    joined.dedup();
    let local = |node: usize| joined.binary_search(&node).ok();
    let pairs: Vec<(usize, usize)> = view.links.iter().filter_map(|l| Some((local(l.from)?, local(l.to)?))).collect();
    let inner = graph::layered(joined.len(), &pairs, &options);
    let tallest = inner.places.iter().map(|p| p.row + 1).max().unwrap_or(0).max(GRID_ROWS);
    let mut places = Vec::with_capacity(view.nodes.len());
    let mut alone = 0usize;
    for node in 0..view.nodes.len() {
        places.push(match local(node) {
            Some(l) => inner.places[l],
            None => {
                let (layer, row) = (inner.layers + alone / tallest, alone % tallest);
                alone += 1;
                Place { layer, row, x: layer as u32 * options.column_width, y: row as u32 * options.row_height }
            }
        });
    }
    let layers = places.iter().map(|p| p.layer + 1).max().unwrap_or(0);
    let rows = places.iter().map(|p| p.row + 1).max().unwrap_or(0);
    let layout = Layout {
        places,
        layers,
        width: (layers as u32 * options.column_width).saturating_sub(90),
        height: (rows as u32 * options.row_height).saturating_sub(18),
    };
    Drawing { view, layout }
}

/// How far right of its column the arc from row `from` to row `to` of one column reaches:
/// further for rows further apart, and further again upwards than downwards, so the two
/// directions between a pair of rows (and their counts) do not lie on each other.
fn arc_bulge(from: usize, to: usize) -> i64 {
    (40 + 14 * from.abs_diff(to) as i64).min(180) + if from > to { 34 } else { 0 }
}

/// What a resource's node says under its name: the type's display name, or the last
/// part of its ARM type (`virtualMachines/extensions`).
fn type_line(resource: &regionshift_core::plan::ResourceRef) -> String {
    let kind = resource.resource_type();
    match kind.display_name() {
        Some(name) => name.to_string(),
        None => kind.as_str().split_once('/').map_or(kind.as_str(), |(_, rest)| rest).to_string(),
    }
}

/// A label cut to `most` characters, with an ellipsis when cut.
fn cut(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_string();
    }
    let mut label: String = text.chars().take(most - 1).collect();
    label.push('…');
    label
}

/// The resource with this id key in the inventory, and its position in the assessment
/// when the assessment lists the same resource there.
fn inventory_entry(analysis: &Analysis, key: &str) -> Option<(Shared<Resource>, Option<usize>)> {
    let resources = &analysis.inventory.resources;
    // The inventory is sorted by id key.
    let position = resources.binary_search_by(|r| r.id.key().cmp(key)).ok()?;
    let assessed = analysis
        .assessment
        .as_ref()
        .and_then(|a| a.resources.get(position))
        .is_some_and(|a| a.id == resources[position].id);
    Some((Shared(Rc::new(resources[position].clone())), assessed.then_some(position)))
}

#[derive(Properties, PartialEq)]
struct GraphProps {
    analysis: Shared<Analysis>,
}

/// The dependency graph: one tab stop (a listbox whose options are the nodes), arrow keys
/// between nodes, Enter selects a resource or opens a group; a breadcrumb of the scopes
/// opened; the selected resource's story, its neighbourhood, zoom to it with the rest
/// dimmed; and the drawing as a table.
#[function_component]
fn DependencyGraph(props: &GraphProps) -> Html {
    let analysis = props.analysis.clone();
    let plan = &analysis.plan;
    let index = use_memo(analysis.clone(), |analysis| GraphIndex::new(&analysis.plan));
    // The scopes opened, the whole plan first. The component is keyed by the analysis,
    // so a new analysis starts again from the whole plan.
    let trail = {
        let index = index.clone();
        use_state(move || vec![index.everything()])
    };
    let selected = use_state_eq(|| Option::<usize>::None);
    let active = use_state_eq(|| 0usize);
    let view = use_state_eq(|| Option::<(i64, i64, i64, i64)>::None);
    let note = use_state_eq(|| Option::<String>::None);
    let drag = use_mut_ref(|| Option::<(i32, i32, (i64, i64, i64, i64))>::None);
    let svg_ref = use_node_ref();
    let scope = trail.last().cloned().unwrap_or_else(|| index.everything());
    let drawing = {
        let index = index.clone();
        use_memo((analysis.clone(), scope.clone()), move |(_, scope)| drawing(&index, scope))
    };
    let cycle_edges: HashSet<usize> = plan.cycles.iter().flat_map(|c| c.edges.iter().copied()).collect();

    // Going somewhere: a scope, then a resource selected in it (or none).
    let go = {
        let (trail, selected, active, view, note) =
            (trail.clone(), selected.clone(), active.clone(), view.clone(), note.clone());
        Callback::from(move |(next, pick, message): (Vec<Scope>, Option<usize>, Option<String>)| {
            let position =
                pick.and_then(|r| next.last().and_then(|s| s.members.iter().position(|&m| m == r))).unwrap_or(0);
            trail.set(next);
            selected.set(pick);
            active.set(position);
            view.set(None);
            note.set(message);
        })
    };
    // Selecting a resource: in this drawing when it is there, else in its neighbourhood.
    let select_resource = {
        let (drawing, trail, go, selected, active) =
            (drawing.clone(), trail.clone(), go.clone(), selected.clone(), active.clone());
        let index = index.clone();
        Callback::from(move |resource: usize| {
            let here = drawing.view.nodes.iter().position(|n| *n == Node::Resource(resource));
            match here {
                Some(node) => {
                    selected.set(Some(resource));
                    active.set(node);
                }
                None => {
                    let (around, left_out) = index.neighbourhood(resource);
                    let mut next = (*trail).clone();
                    next.push(around);
                    let message = (left_out > 0)
                        .then(|| format!("{left_out} more dependencies are not drawn; the story below lists them."));
                    go.emit((next, Some(resource), message));
                }
            }
        })
    };
    // Enter on a node, or a click: a resource is selected (again: unselected), a group opens.
    let activate = {
        let (drawing, trail, go, selected, active) =
            (drawing.clone(), trail.clone(), go.clone(), selected.clone(), active.clone());
        Callback::from(move |node: usize| {
            active.set(node);
            match drawing.view.nodes.get(node) {
                Some(Node::Resource(r)) => selected.set(if *selected == Some(*r) { None } else { Some(*r) }),
                Some(Node::Group { scope, .. }) => {
                    let mut next = (*trail).clone();
                    next.push(scope.clone());
                    go.emit((next, None, None));
                }
                None => {}
            }
        })
    };
    let open_by_key = {
        let (index, select_resource) = (index.clone(), select_resource.clone());
        Callback::from(move |key: String| {
            if let Some(resource) = index.find(&key) {
                select_resource.emit(resource);
            }
        })
    };

    let on_scope = {
        let (index, go) = (index.clone(), go.clone());
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<HtmlSelectElement>() else { return };
            let mut next = vec![index.everything()];
            next.extend(index.move_group(&select.value()));
            go.emit((next, None, None));
        })
    };
    let mut largest: Vec<&regionshift_core::plan::MoveGroup> = plan.groups.iter().collect();
    largest.sort_by(|a, b| b.resources.len().cmp(&a.resources.len()).then_with(|| a.name.cmp(&b.name)));
    largest.truncate(SCOPE_CHOICES);
    let current_group = (trail.len() == 2).then(|| trail[1].title.clone());
    let scope_select = html! {
        <label class="field inline">
            <span class="field-label">{"Move group"}</span>
            <select data-testid="graph-scope" onchange={on_scope}>
                <option value="" selected={current_group.is_none()}>{format!("All {} resources", format::count(index.len()))}</option>
                { for largest.iter().map(|g| html! {
                    <option value={g.name.clone()} selected={current_group.as_deref() == Some(format!("Move group {}", g.name).as_str())}>
                        {format!("{} ({})", g.name, g.resources.len())}
                    </option>
                }) }
            </select>
        </label>
    };
    let breadcrumb = html! {
        <nav class="graph-trail" aria-label="Graph scopes opened" data-testid="graph-trail">
            <ol>
                { for trail.iter().enumerate().map(|(i, s)| {
                    if i + 1 == trail.len() {
                        html! { <li aria-current="location"><strong>{&s.title}</strong></li> }
                    } else {
                        let (go, trail) = (go.clone(), trail.clone());
                        let onclick = Callback::from(move |_: MouseEvent| go.emit((trail[..=i].to_vec(), None, None)));
                        html! { <li><button type="button" class="link-button" {onclick}>{&s.title}</button></li> }
                    }
                }) }
            </ol>
        </nav>
    };
    if index.is_empty() {
        return html! {
            <div class="graph-view">
                <h3>{"Dependency graph"}</h3>
                <p class="muted" data-testid="dependency-graph">{"The plan has no resources to draw."}</p>
            </div>
        };
    }

    let nodes = &drawing.view.nodes;
    let place = |node: usize| drawing.layout.places[node];
    // Room on the right for the arcs of cycles in the last column.
    let last = drawing.layout.layers.saturating_sub(1);
    let arcs = drawing
        .view
        .links
        .iter()
        .filter(|l| place(l.from).layer == last && place(l.to).layer == last)
        .map(|l| arc_bulge(place(l.to).row, place(l.from).row))
        .max()
        .unwrap_or(0);
    let full = (
        -MARGIN,
        -MARGIN,
        drawing.layout.width as i64 + 2 * MARGIN + arcs,
        (drawing.layout.height as i64).max(NODE_HEIGHT) + 2 * MARGIN,
    );
    let (vx, vy, vw, vh) = view.unwrap_or(full);
    let selected_node = selected.and_then(|r| nodes.iter().position(|n| *n == Node::Resource(r)));
    let (needs, needed_by): (BTreeSet<usize>, BTreeSet<usize>) = match selected_node {
        Some(node) => (
            drawing.view.links.iter().filter(|l| l.from == node).map(|l| l.to).collect(),
            drawing.view.links.iter().filter(|l| l.to == node).map(|l| l.from).collect(),
        ),
        None => (BTreeSet::new(), BTreeSet::new()),
    };
    let zoom = |factor_percent: i64| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| {
            let (x, y, w, h) = view.unwrap_or(full);
            let (nw, nh) = ((w * factor_percent / 100).max(100), (h * factor_percent / 100).max(60));
            view.set(Some((x + (w - nw) / 2, y + (h - nh) / 2, nw, nh)));
        })
    };
    let reset = {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.set(None))
    };
    // The selected node and its neighbours, framed.
    let zoom_to_selection = selected_node.map(|node| {
        let view = view.clone();
        let framed: Vec<usize> =
            std::iter::once(node).chain(needs.iter().copied()).chain(needed_by.iter().copied()).collect();
        let xs = framed.iter().map(|&n| place(n).x as i64);
        let ys = framed.iter().map(|&n| place(n).y as i64);
        let (x0, x1) = (xs.clone().min().unwrap_or(0), xs.max().unwrap_or(0) + NODE_WIDTH);
        let (y0, y1) = (ys.clone().min().unwrap_or(0), ys.max().unwrap_or(0) + NODE_HEIGHT);
        Callback::from(move |_: MouseEvent| {
            view.set(Some((x0 - MARGIN, y0 - MARGIN, (x1 - x0 + 2 * MARGIN).max(300), (y1 - y0 + 2 * MARGIN).max(120))))
        })
    });
    let onmousedown = {
        let drag = drag.clone();
        Callback::from(move |event: MouseEvent| {
            *drag.borrow_mut() = Some((event.client_x(), event.client_y(), (vx, vy, vw, vh)));
        })
    };
    let onmousemove = {
        let (drag, view, svg_ref) = (drag.clone(), view.clone(), svg_ref.clone());
        Callback::from(move |event: MouseEvent| {
            let Some((x0, y0, (sx, sy, sw, sh))) = *drag.borrow() else { return };
            let width = svg_ref.cast::<web_sys::Element>().map_or(800.0, |e| e.get_bounding_client_rect().width());
            let scale = if width > 0.0 { sw as f64 / width } else { 1.0 };
            let dx = (f64::from(event.client_x() - x0) * scale) as i64;
            let dy = (f64::from(event.client_y() - y0) * scale) as i64;
            if dx != 0 || dy != 0 {
                view.set(Some((sx - dx, sy - dy, sw, sh)));
            }
        })
    };
    let stop_drag = {
        let drag = drag.clone();
        Callback::from(move |_: MouseEvent| *drag.borrow_mut() = None)
    };
    let places: Vec<(usize, usize)> = drawing.layout.places.iter().map(|p| (p.layer, p.row)).collect();
    let onkeydown = {
        let (active, activate, selected) = (active.clone(), activate.clone(), selected.clone());
        Callback::from(move |event: KeyboardEvent| {
            let key = event.key();
            match key.as_str() {
                "Enter" | " " => {
                    event.prevent_default();
                    activate.emit(*active);
                }
                "Escape" => selected.set(None),
                _ => {
                    if let Some(next) = graph_scope::step(&places, *active, &key) {
                        event.prevent_default();
                        active.set(next);
                    } else if key.starts_with("Arrow") {
                        // At an edge of the drawing: stay, and keep the page still.
                        event.prevent_default();
                    }
                }
            }
        })
    };
    let name_of = |node: usize| match &nodes[node] {
        Node::Resource(r) => index.resources[*r].full_name(),
        Node::Group { label, .. } => label.clone(),
    };
    let describe = |node: usize| match &nodes[node] {
        Node::Resource(r) => {
            let resource = &index.resources[*r];
            format!(
                "{}, {}, needs {}, needed by {}",
                resource.full_name(),
                type_line(resource),
                index.needs[*r].len(),
                index.needed_by[*r].len()
            )
        }
        Node::Group { label, scope } => {
            format!("{label}: {}; Enter opens it", format::plural(scope.members.len(), "resource", "resources"))
        }
    };
    let active_node = (*active).min(nodes.len().saturating_sub(1));
    let grouped = drawing.view.grouping.map(|g| format!(", grouped by {}", g.noun())).unwrap_or_default();
    let label = format!(
        "Dependency graph of {}{grouped}: {} nodes holding {} resources, {} arrows. Arrow keys move between nodes; Enter selects a resource or opens a group.",
        scope.title,
        nodes.len(),
        drawing.view.resource_count(),
        drawing.view.links.len()
    );
    let (px_width, px_height) = (full.2, full.3);
    html! {
        <div class="graph-view">
            <h3>{"Dependency graph"}</h3>
            <div class="graph-tools">
                {scope_select}
                <button type="button" class="button small" onclick={zoom(80)} aria-label="Zoom in">{"+"}</button>
                <button type="button" class="button small" onclick={zoom(125)} aria-label="Zoom out">{"−"}</button>
                <button type="button" class="button small ghost" onclick={reset}>{"Fit"}</button>
                if let Some(onclick) = zoom_to_selection.clone() {
                    <button type="button" class="button small ghost" {onclick} data-testid="graph-zoom-selection">{"Zoom to selection"}</button>
                }
            </div>
            {breadcrumb}
            <p class="muted small">
                {format!("At most {MAX_NODES} nodes a drawing: larger scopes are drawn as groups (move groups, then resource groups, types or runs), with the number of dependencies on each arrow; open a group to draw what it holds. Dependencies are on the left of what needs them. Tab to the drawing, then arrow keys and Enter; drag to pan.")}
                if drawing.view.leaving > 0 { {format!(" {} dependencies lead outside this scope.", format::count(drawing.view.leaving))} }
            </p>
            if let Some(message) = &*note { <p class="muted small" role="status">{message}</p> }
            <div class="graph-canvas">
                <svg ref={svg_ref} class={classes!("dependency-graph", selected_node.is_some().then_some("has-selection"))}
                    data-testid="dependency-graph" data-nodes={nodes.len().to_string()}
                    width={px_width.to_string()} height={px_height.to_string()}
                    viewBox={format!("{vx} {vy} {vw} {vh}")} role="listbox" tabindex="0" aria-label={label}
                    aria-activedescendant={format!("graph-node-{active_node}")}
                    {onkeydown} {onmousedown} {onmousemove} onmouseup={stop_drag.clone()} onmouseleave={stop_drag}>
                    <defs>
                        <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                            <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head" />
                        </marker>
                    </defs>
                    <g aria-hidden="true">
                        { for drawing.view.links.iter().enumerate().map(|(i, link)| {
                            // Drawn from the dependency (left) to what needs it (right).
                            let (a, b) = (place(link.to), place(link.from));
                            let (x1, y1) = (a.x as i64 + NODE_WIDTH, a.y as i64 + NODE_HEIGHT / 2);
                            let (x2, y2) = (b.x as i64, b.y as i64 + NODE_HEIGHT / 2);
                            let (d, mx, my) = if a.layer == b.layer {
                                // Same column (a cycle): an arc on the right, wider the
                                // further apart the rows.
                                let bulge = arc_bulge(a.row, b.row);
                                (format!("M {x1} {y1} C {} {y1} {} {y2} {x1} {y2}", x1 + bulge, x1 + bulge), x1 + bulge * 3 / 4, (y1 + y2) / 2)
                            } else {
                                let mid = (x1 + x2) / 2;
                                (format!("M {x1} {y1} C {mid} {y1} {mid} {y2} {x2} {y2}"), mid, (y1 + y2) / 2)
                            };
                            let first = &plan.edges[index.edges[link.edges[0]].0];
                            let class = classes!(
                                "edge",
                                link.edges.iter().any(|&k| cycle_edges.contains(&index.edges[k].0)).then_some("cycle"),
                                (selected_node == Some(link.from)).then_some("needs"),
                                (selected_node == Some(link.to)).then_some("needed-by"),
                                (selected_node.is_some() && selected_node != Some(link.from) && selected_node != Some(link.to)).then_some("dim"),
                                (link.edges.len() == 1 && !first.must_exist_first).then_some("soft"),
                            );
                            let title = if link.edges.len() == 1 {
                                format!("{} needs {} ({}, {})", name_of(link.from), name_of(link.to), first.kind.label(), first.path)
                            } else {
                                format!("{} dependencies: {} needs {}", link.edges.len(), name_of(link.from), name_of(link.to))
                            };
                            html! {
                                <g key={i}>
                                    <path {d} class={class} marker-end="url(#arrow)"><title>{title}</title></path>
                                    if link.edges.len() > 1 {
                                        <text x={mx.to_string()} y={(my - 4).to_string()} class="edge-count" text-anchor="middle">{format::count(link.edges.len())}</text>
                                    }
                                </g>
                            }
                        }) }
                    </g>
                    { for (0..nodes.len()).map(|node| {
                        let p = place(node);
                        let onclick = {
                            let activate = activate.clone();
                            Callback::from(move |_: MouseEvent| activate.emit(node))
                        };
                        let is_group = matches!(nodes[node], Node::Group { .. });
                        let class = classes!(
                            "node",
                            is_group.then_some("group"),
                            (active_node == node).then_some("active"),
                            (selected_node == Some(node)).then_some("selected"),
                            needs.contains(&node).then_some("needs"),
                            needed_by.contains(&node).then_some("needed-by"),
                            (selected_node.is_some() && selected_node != Some(node) && !needs.contains(&node) && !needed_by.contains(&node)).then_some("dim"),
                        );
                        let (line1, line2) = match &nodes[node] {
                            Node::Resource(r) => {
                                let resource = &index.resources[*r];
                                (cut(&resource.full_name(), 27), cut(&type_line(resource), 36))
                            }
                            Node::Group { label, scope } => (
                                cut(label, 27),
                                format!("{} · open", format::plural(scope.members.len(), "resource", "resources")),
                            ),
                        };
                        html! {
                            <g key={node} id={format!("graph-node-{node}")} class={class} role="option"
                                aria-selected={(selected_node == Some(node)).to_string()} aria-label={describe(node)}
                                transform={format!("translate({} {})", p.x, p.y)} {onclick}>
                                <rect width={NODE_WIDTH.to_string()} height={NODE_HEIGHT.to_string()} rx="5" />
                                // Cut to fit: the option's name is the full text.
                                <text x="8" y="16" class="node-name" aria-hidden="true">{line1}</text>
                                <text x="8" y="32" class="node-kind" aria-hidden="true">{line2}</text>
                            </g>
                        }
                    }) }
                </svg>
            </div>
            if let Some(resource) = *selected {
                <GraphSelection analysis={analysis.clone()} resource={AttrValue::from(index.resources[resource].key().to_string())}
                    neighbourhood={
                        let (index, go, trail) = (index.clone(), go.clone(), trail.clone());
                        Callback::from(move |_: MouseEvent| {
                            let (around, left_out) = index.neighbourhood(resource);
                            let mut next = (*trail).clone();
                            next.push(around);
                            let message = (left_out > 0).then(|| format!("{left_out} more dependencies are not drawn; the story below lists them."));
                            go.emit((next, Some(resource), message));
                        })
                    }
                    on_open={open_by_key} />
            }
            <details class="graph-list" data-testid="graph-list">
                <summary>{format!("The drawing as a table ({} nodes, {} arrows)", nodes.len(), drawing.view.links.len())}</summary>
                <div class="table-scroll">
                <table class="files compact">
                    <caption class="visually-hidden">{format!("Nodes of the dependency graph of {}", scope.title)}</caption>
                    <thead><tr><th scope="col">{"Node"}</th><th scope="col">{"What"}</th><th scope="col">{"Needs"}</th><th scope="col">{"Needed by"}</th></tr></thead>
                    <tbody>
                        { for (0..nodes.len()).map(|node| {
                            let onclick = {
                                let activate = activate.clone();
                                Callback::from(move |_: MouseEvent| activate.emit(node))
                            };
                            let what = match &nodes[node] {
                                Node::Resource(r) => {
                                    let kind = index.resources[*r].resource_type();
                                    kind.display_name().unwrap_or(kind.as_str()).to_string()
                                }
                                Node::Group { scope, .. } => format!(
                                    "{}, {}",
                                    drawing.view.grouping.map_or("group", |g| g.noun()),
                                    format::plural(scope.members.len(), "resource", "resources")
                                ),
                            };
                            let ends = |outgoing: bool| -> String {
                                drawing.view.links.iter()
                                    .filter(|l| if outgoing { l.from == node } else { l.to == node })
                                    .map(|l| {
                                        let other = name_of(if outgoing { l.to } else { l.from });
                                        if l.edges.len() > 1 { format!("{other} ({})", l.edges.len()) } else { other }
                                    })
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            };
                            html! {
                                <tr key={node}>
                                    <th scope="row"><button type="button" class="link-button" {onclick}>{name_of(node)}</button></th>
                                    <td>{what}</td>
                                    <td class="small">{ends(true)}</td>
                                    <td class="small">{ends(false)}</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                </div>
            </details>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SelectionProps {
    analysis: Shared<Analysis>,
    resource: AttrValue,
    neighbourhood: Callback<MouseEvent>,
    on_open: Callback<String>,
}

/// The selected resource's story under the graph: what it is, its neighbourhood, its
/// cost, wave and dependencies both ways, and its findings and method.
#[function_component]
fn GraphSelection(props: &SelectionProps) -> Html {
    let entry =
        use_memo((props.analysis.clone(), props.resource.clone()), |(analysis, key)| inventory_entry(analysis, key));
    let Some((resource, assessed)) = (*entry).clone() else {
        return Html::default();
    };
    let kind = resource.resource_type.display_name().unwrap_or(resource.resource_type.as_str()).to_string();
    html! {
        <div class="graph-selection" data-testid="graph-selection" aria-live="polite">
            <div class="detail-head">
                <h4 id="graph-selection-title">{&resource.name}<span class="muted">{format!(" ({kind})")}</span></h4>
                <button type="button" class="button small ghost" onclick={props.neighbourhood.clone()} data-testid="graph-neighbourhood">
                    {"Draw what surrounds it"}
                </button>
            </div>
            <p class="small"><span class="key key-needs"></span>{" needs "}<span class="key key-needed-by"></span>{" needed by"}</p>
            <ResourceStory analysis={props.analysis.clone()} resource={props.resource.clone()} on_open={props.on_open.clone()} />
            if let Some(index) = assessed {
                <ResourceAssessmentView analysis={props.analysis.clone()} {index} testid="graph-selection-assessment" nested=true />
            }
        </div>
    }
}

#[function_component]
fn Gantt(props: &PlanPartProps) -> Html {
    let plan = &props.analysis.plan;
    if plan.waves.is_empty() || plan.total_hours.is_zero() {
        return Html::default();
    }
    const LABEL: i64 = 90;
    const WIDTH: i64 = 760;
    const LANE: i64 = 7;
    let workers = plan.waves.iter().flat_map(|w| w.tasks.iter().map(|t| t.worker + 1)).max().unwrap_or(1) as i64;
    let row = workers * LANE + 12;
    let shown = plan.waves.len().min(GANTT_WAVES);
    let x =
        |h: Decimal| -> i64 { LABEL + (h * Decimal::from(WIDTH) / plan.total_hours).round().try_into().unwrap_or(0) };
    let height = row * shown as i64 + 26;
    html! {
        <figure class="chart gantt">
            <h3>{"Gantt chart"}</h3>
            <svg viewBox={format!("0 0 {} {height}", LABEL + WIDTH + 10)} role="img" data-testid="gantt"
                aria-label={format!("Gantt chart of {} waves over {}", plan.waves.len(), hours(plan.total_hours))}>
                { for plan.waves.iter().take(shown).enumerate().map(|(i, wave)| {
                    let y = i as i64 * row;
                    html! {
                        <g key={wave.number}>
                            <text x="0" y={(y + 12).to_string()} class="chart-label">{format!("Wave {}", wave.number)}</text>
                            <rect x={x(wave.start_hours).to_string()} y={y.to_string()} height={(row - 6).to_string()}
                                width={(x(wave.end_hours) - x(wave.start_hours)).max(1).to_string()} class={classes!("wave-span", wave.phase.label().to_lowercase())} />
                            { for wave.tasks.iter().map(|task| {
                                let (x1, x2) = (x(task.start_hours), x(task.end_hours));
                                html! {
                                    <rect x={x1.to_string()} y={(y + 2 + task.worker as i64 * LANE).to_string()} height={(LANE - 2).to_string()}
                                        width={(x2 - x1).max(1).to_string()} class="task-bar">
                                        <title>{format!("{}: {} ({} to {})", task.resource.name(), task.method.label(), hours(task.start_hours), hours(task.end_hours))}</title>
                                    </rect>
                                }
                            }) }
                        </g>
                    }
                }) }
                <text x={LABEL.to_string()} y={(height - 6).to_string()} class="chart-value">{"0 h"}</text>
                <text x={(LABEL + WIDTH).to_string()} y={(height - 6).to_string()} class="chart-value" text-anchor="end">{hours(plan.total_hours)}</text>
            </svg>
            <figcaption class="muted small">
                {"Each wave starts when the one before ends; within a wave, bars are tasks on each worker's lane."}
                if plan.waves.len() > shown { {format!(" The first {shown} of {} waves are drawn; the table lists all.", plan.waves.len())} }
            </figcaption>
        </figure>
    }
}

/// The waves, a page at a time; a wave's tasks render only when shown, a page at a time.
#[function_component]
fn WavesTable(props: &PlanPartProps) -> Html {
    let plan = &props.analysis.plan;
    let page_number = use_state_eq(|| 0usize);
    let page = Page::of(plan.waves.len(), *page_number, PAGE_SIZE);
    let on_page = {
        let page_number = page_number.clone();
        Callback::from(move |n: usize| page_number.set(n))
    };
    html! {
        <div class="waves">
            <h3>{"Waves"}</h3>
            <Pager {page} on_page={on_page.clone()} label="waves" testid="waves-pager" />
            <div class="table-scroll">
                <table class="files compact" data-testid="waves-table">
                    <thead><tr>
                        <th scope="col" class="num">{"Wave"}</th><th scope="col">{"Phase"}</th><th scope="col" class="num">{"Resources"}</th>
                        <th scope="col" class="num">{"Starts"}</th><th scope="col" class="num">{"Takes"}</th><th scope="col">{"Tasks"}</th>
                    </tr></thead>
                    <tbody>
                        { for plan.waves[page.start..page.end].iter().enumerate().map(|(i, wave)| html! {
                            <tr key={wave.number}>
                                <th scope="row" class="num">{wave.number}</th>
                                <td>{wave.phase.label()}</td>
                                <td class="num">{wave.resources.len()}</td>
                                <td class="num">{hours(wave.start_hours)}</td>
                                <td class="num">{hours(wave.makespan_hours)}</td>
                                <td><WaveTasks analysis={props.analysis.clone()} wave={page.start + i} /></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <Pager {page} {on_page} label="waves" />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct WaveTasksProps {
    analysis: Shared<Analysis>,
    /// Position in `Plan::waves`.
    wave: usize,
}

#[function_component]
fn WaveTasks(props: &WaveTasksProps) -> Html {
    let shown = use_state_eq(|| false);
    let page_number = use_state_eq(|| 0usize);
    let Some(wave) = props.analysis.plan.waves.get(props.wave) else { return Html::default() };
    let toggle = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(!*shown))
    };
    let page = Page::of(wave.tasks.len(), *page_number, PAGE_SIZE);
    let on_page = {
        let page_number = page_number.clone();
        Callback::from(move |n: usize| page_number.set(n))
    };
    let list_id = format!("wave-tasks-{}", wave.number);
    html! {
        <>
            <button type="button" class="link-button" onclick={toggle} aria-expanded={shown.to_string()} aria-controls={list_id.clone()}>
                {format!("{} {}", if *shown { "Hide" } else { "Show" }, format::plural(wave.tasks.len(), "task", "tasks"))}
            </button>
            if *shown {
                <div id={list_id}>
                    <ul class="small tasks">
                        { for wave.tasks[page.start..page.end].iter().map(|task| html! {
                            <li key={task.resource.key().to_string()}>
                                <strong>{task.resource.name()}</strong>
                                {format!(" — {}, {}", task.method.label(), hours(task.hours))}
                                {match (&task.data_gb, &task.data_basis) {
                                    (Some(gb), DataBasis::Assumption(name)) => format!(", {gb} GB assumed ({name})"),
                                    (Some(gb), _) => format!(", {gb} GB"),
                                    _ => String::new(),
                                }}
                                {format!(", worker {}", task.worker + 1)}
                            </li>
                        }) }
                    </ul>
                    <Pager {page} {on_page} label={format!("wave {}'s tasks", wave.number)} />
                </div>
            }
        </>
    }
}

#[function_component]
fn Cycles(props: &PlanPartProps) -> Html {
    let plan = &props.analysis.plan;
    if plan.cycles.is_empty() {
        return Html::default();
    }
    html! {
        <div class="cycles">
            <h3>{format!("Cycles ({}): each moves as one unit", plan.cycles.len())}</h3>
            <ul>
                { for plan.cycles.iter().enumerate().map(|(i, cycle)| html! {
                    <li key={i}>
                        <strong>{cycle.resources.iter().map(|r| r.name()).collect::<Vec<_>>().join(" ⇄ ")}</strong>
                        <ul class="small">
                            { for cycle.edges.iter().map(|&e| {
                                let edge = &plan.edges[e];
                                html! { <li key={e}>{format!("{} needs {} via ", edge.from.name(), edge.to.name())}<code>{&edge.path}</code></li> }
                            }) }
                        </ul>
                    </li>
                }) }
            </ul>
        </div>
    }
}

#[function_component]
fn External(props: &PlanPartProps) -> Html {
    let page_number = use_state_eq(|| 0usize);
    let plan = &props.analysis.plan;
    if plan.external.is_empty() {
        return Html::default();
    }
    let rows = &plan.external;
    let page = Page::of(rows.len(), *page_number, PAGE_SIZE);
    let on_page = {
        let page_number = page_number.clone();
        Callback::from(move |n: usize| page_number.set(n))
    };
    html! {
        <div class="external">
            <h3>{format!("External dependencies ({}): must exist in the target, or join the move", rows.len())}</h3>
            <Pager {page} {on_page} label="external dependencies" />
            <div class="table-scroll">
            <table class="files compact" data-testid="external-dependencies">
                <thead><tr><th scope="col">{"Resource"}</th><th scope="col">{"Needs"}</th><th scope="col">{"Kind"}</th><th scope="col">{"Found at"}</th></tr></thead>
                <tbody>
                    { for rows[page.start..page.end].iter().enumerate().map(|(i, x)| html! {
                        <tr key={page.start + i}>
                            <th scope="row" class="wrap">{x.from.name()}</th>
                            <td class="wrap"><code>{&x.to}</code></td>
                            <td>{x.kind.label()}</td>
                            <td class="small"><code>{&x.path}</code></td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </div>
    }
}

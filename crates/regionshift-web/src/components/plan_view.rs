//! The plan view: waves and total duration, the plan options, the dependency graph (a
//! layered SVG drawing with zoom and pan, where selecting a resource highlights what it
//! needs and what needs it, and cycles are marked), the waves table, the Gantt chart,
//! cycles, external dependencies, move groups, the assumptions and the caveat.

use std::collections::{BTreeSet, HashMap, HashSet};

use regionshift_core::graph::{self, Layout, LayoutOptions};
use regionshift_core::plan::{DataBasis, GroupBy, Plan, PlanOptions, ResourceRef};
use regionshift_core::units::Hours;
use regionshift_core::Analysis;
use rust_decimal::Decimal;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::Shared;
use crate::format;

/// Graphs with more nodes than this are not drawn whole: the view asks for a move group.
const MAX_DRAWN: usize = 400;
/// Above this many resources the graph opens on the largest move group, not on all.
const WHOLE_BY_DEFAULT: usize = 150;
/// Waves drawn in the Gantt chart; the table lists them all.
const GANTT_WAVES: usize = 80;
const NODE_WIDTH: i64 = 180;
const NODE_HEIGHT: i64 = 26;

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
            <DependencyGraph analysis={props.analysis.clone()} />
            <Gantt analysis={props.analysis.clone()} />
            <WavesTable analysis={props.analysis.clone()} />
            <Cycles analysis={props.analysis.clone()} />
            <External analysis={props.analysis.clone()} />
            <div class="plan-assumptions">
                <h3>{"Assumptions"}</h3>
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

/// What one drawing shows: its resources, the edges between them (index into
/// `Plan::edges`, then positions in `nodes`), and their layout. Built once per scope, so
/// zooming, panning and selecting re-render without looking anything up again.
struct Drawing {
    nodes: Vec<ResourceRef>,
    edges: Vec<(usize, usize, usize)>,
    layout: Layout,
}

fn drawing(plan: &Plan, scope: &str) -> Option<Drawing> {
    let nodes: Vec<ResourceRef> = match plan.groups.iter().find(|g| g.name == scope) {
        Some(group) if group.resources.len() <= MAX_DRAWN => group.resources.clone(),
        Some(_) => return None,
        None if plan.waves.iter().map(|w| w.resources.len()).sum::<usize>() <= MAX_DRAWN => {
            plan.waves.iter().flat_map(|w| w.resources.iter().cloned()).collect()
        }
        None => return None,
    };
    if nodes.is_empty() {
        return None;
    }
    let edges: Vec<(usize, usize, usize)> = {
        let local: HashMap<&str, usize> = nodes.iter().enumerate().map(|(l, r)| (r.key(), l)).collect();
        plan.edges
            .iter()
            .enumerate()
            .filter_map(|(e, edge)| Some((e, *local.get(edge.from.key())?, *local.get(edge.to.key())?)))
            .collect()
    };
    let pairs: Vec<(usize, usize)> = edges.iter().map(|&(_, a, b)| (a, b)).collect();
    let layout = graph::layered(
        nodes.len(),
        &pairs,
        &LayoutOptions { column_width: NODE_WIDTH as u32 + 70, row_height: NODE_HEIGHT as u32 + 14, sweeps: 4 },
    );
    Some(Drawing { nodes, edges, layout })
}

#[function_component]
fn DependencyGraph(props: &PlanPartProps) -> Html {
    let plan = &props.analysis.plan;
    let total: usize = plan.waves.iter().map(|w| w.resources.len()).sum();
    // Default scope: everything when it can be drawn, else the largest move group.
    let default_scope = if total <= WHOLE_BY_DEFAULT {
        String::new()
    } else {
        plan.groups
            .iter()
            .max_by_key(|g| (g.resources.len().min(MAX_DRAWN), std::cmp::Reverse(g.name.clone())))
            .filter(|g| g.resources.len() <= MAX_DRAWN)
            .map(|g| g.name.clone())
            .unwrap_or_default()
    };
    let scope = use_state_eq(|| default_scope.clone());
    let selected = use_state_eq(|| Option::<usize>::None);
    let view = use_state_eq(|| Option::<(i64, i64, i64, i64)>::None);
    let drag = use_mut_ref(|| Option::<(i32, i32, (i64, i64, i64, i64))>::None);
    let svg_ref = use_node_ref();
    let drawing =
        use_memo((props.analysis.clone(), (*scope).clone()), |(analysis, scope)| drawing(&analysis.plan, scope));
    let cycle_edges: HashSet<usize> = plan.cycles.iter().flat_map(|c| c.edges.iter().copied()).collect();

    let on_scope = {
        let (scope, selected, view) = (scope.clone(), selected.clone(), view.clone());
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                scope.set(select.value());
                selected.set(None);
                view.set(None);
            }
        })
    };
    let scope_select = html! {
        <label class="field inline">
            <span class="field-label">{"Show"}</span>
            <select data-testid="graph-scope" onchange={on_scope}>
                <option value="" selected={scope.is_empty()} disabled={total > MAX_DRAWN}>
                    {format!("All {} resources", format::count(total))}
                </option>
                { for plan.groups.iter().map(|g| html! {
                    <option value={g.name.clone()} selected={*scope == g.name} disabled={g.resources.len() > MAX_DRAWN}>
                        {format!("{} ({})", g.name, g.resources.len())}
                    </option>
                }) }
            </select>
        </label>
    };
    let Some(drawing) = drawing.as_ref() else {
        return html! {
            <div class="graph-view">
                <h3>{"Dependency graph"}</h3>
                {scope_select}
                <p class="muted" data-testid="dependency-graph">
                    {format!("This scope is too large to draw (over {MAX_DRAWN} resources): choose a move group, or group by resource group or by a tag.")}
                </p>
            </div>
        };
    };
    let margin = 20i64;
    let full = (
        -margin,
        -margin,
        drawing.layout.width as i64 + 2 * margin,
        (drawing.layout.height as i64).max(NODE_HEIGHT) + 2 * margin,
    );
    let (vx, vy, vw, vh) = view.unwrap_or(full);
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
            view.set(Some((sx - dx, sy - dy, sw, sh)));
        })
    };
    let stop_drag = {
        let drag = drag.clone();
        Callback::from(move |_: MouseEvent| *drag.borrow_mut() = None)
    };
    let selected_node = *selected;
    let (needs, needed_by): (BTreeSet<usize>, BTreeSet<usize>) = match selected_node {
        Some(node) => (
            drawing.edges.iter().filter(|e| e.1 == node).map(|e| e.2).collect(),
            drawing.edges.iter().filter(|e| e.2 == node).map(|e| e.1).collect(),
        ),
        None => (BTreeSet::new(), BTreeSet::new()),
    };
    let name_of = |node: usize| drawing.nodes[node].name().to_string();
    let place = |node: usize| drawing.layout.places[node];
    html! {
        <div class="graph-view">
            <h3>{"Dependency graph"}</h3>
            <div class="graph-tools">
                {scope_select}
                <button type="button" class="button small" onclick={zoom(80)} aria-label="Zoom in">{"+"}</button>
                <button type="button" class="button small" onclick={zoom(125)} aria-label="Zoom out">{"−"}</button>
                <button type="button" class="button small ghost" onclick={reset}>{"Fit"}</button>
                <span class="muted small">{"Drag to pan. Dependencies are on the left; select a resource to see what it needs and what needs it."}</span>
            </div>
            <svg ref={svg_ref} class="dependency-graph" data-testid="dependency-graph"
                viewBox={format!("{vx} {vy} {vw} {vh}")} role="img"
                aria-label={format!("Dependency graph of {} resources and {} dependencies", drawing.nodes.len(), drawing.edges.len())}
                {onmousedown} {onmousemove} onmouseup={stop_drag.clone()} onmouseleave={stop_drag}>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head" />
                    </marker>
                </defs>
                { for drawing.edges.iter().map(|&(e, from, to)| {
                    // Drawn from the dependency (left) to what needs it (right).
                    let (a, b) = (place(to), place(from));
                    let (x1, y1) = (a.x as i64 + NODE_WIDTH, a.y as i64 + NODE_HEIGHT / 2);
                    let (x2, y2) = (b.x as i64, b.y as i64 + NODE_HEIGHT / 2);
                    let d = if a.layer == b.layer {
                        // Same column (a cycle): an arc on the right.
                        format!("M {x1} {y1} C {} {y1} {} {y2} {x1} {y2}", x1 + 40, x1 + 40)
                    } else {
                        let mid = (x1 + x2) / 2;
                        format!("M {x1} {y1} C {mid} {y1} {mid} {y2} {x2} {y2}")
                    };
                    let class = classes!(
                        "edge",
                        cycle_edges.contains(&e).then_some("cycle"),
                        (selected_node == Some(from)).then_some("needs"),
                        (selected_node == Some(to)).then_some("needed-by"),
                        (!plan.edges[e].must_exist_first).then_some("soft"),
                    );
                    html! {
                        <path key={e} {d} class={class} marker-end="url(#arrow)">
                            <title>{format!("{} needs {} ({}, {})", name_of(from), name_of(to), plan.edges[e].kind.label(), plan.edges[e].path)}</title>
                        </path>
                    }
                }) }
                { for (0..drawing.nodes.len()).map(|node| {
                    let p = place(node);
                    let resource = &drawing.nodes[node];
                    let select = {
                        let selected = selected.clone();
                        Callback::from(move |_: MouseEvent| {
                            selected.set(if *selected == Some(node) { None } else { Some(node) })
                        })
                    };
                    let class = classes!(
                        "node",
                        (selected_node == Some(node)).then_some("selected"),
                        needs.contains(&node).then_some("needs"),
                        needed_by.contains(&node).then_some("needed-by"),
                    );
                    let mut label: String = resource.name().chars().take(24).collect();
                    if resource.name().chars().count() > 24 {
                        label.push('…');
                    }
                    html! {
                        <g key={resource.key().to_string()} class={class} transform={format!("translate({} {})", p.x, p.y)}
                            onclick={select} role="button" tabindex="0" aria-label={resource.name().to_string()}>
                            <rect width={NODE_WIDTH.to_string()} height={NODE_HEIGHT.to_string()} rx="5" />
                            <text x="8" y="17">{label}</text>
                            <title>{format!("{} ({})", resource.name(), resource.resource_type())}</title>
                        </g>
                    }
                }) }
            </svg>
            if let Some(node) = selected_node {
                <div class="graph-selection" data-testid="graph-selection">
                    <p><strong>{name_of(node)}</strong>{format!(" ({})", drawing.nodes[node].resource_type())}</p>
                    <p><span class="key key-needs"></span>{format!(" Needs {}: ", needs.len())}
                        {needs.iter().map(|&n| name_of(n)).collect::<Vec<_>>().join(", ")}</p>
                    <p><span class="key key-needed-by"></span>{format!(" Needed by {}: ", needed_by.len())}
                        {needed_by.iter().map(|&n| name_of(n)).collect::<Vec<_>>().join(", ")}</p>
                </div>
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

#[function_component]
fn WavesTable(props: &PlanPartProps) -> Html {
    let plan = &props.analysis.plan;
    html! {
        <div class="waves">
            <h3>{"Waves"}</h3>
            <table class="files compact" data-testid="waves-table">
                <thead><tr>
                    <th scope="col" class="num">{"Wave"}</th><th scope="col">{"Phase"}</th><th scope="col" class="num">{"Resources"}</th>
                    <th scope="col" class="num">{"Starts"}</th><th scope="col" class="num">{"Takes"}</th><th scope="col">{"Tasks"}</th>
                </tr></thead>
                <tbody>
                    { for plan.waves.iter().map(|wave| html! {
                        <tr key={wave.number}>
                            <th scope="row" class="num">{wave.number}</th>
                            <td>{wave.phase.label()}</td>
                            <td class="num">{wave.resources.len()}</td>
                            <td class="num">{hours(wave.start_hours)}</td>
                            <td class="num">{hours(wave.makespan_hours)}</td>
                            <td>
                                <details>
                                    <summary>{format::plural(wave.tasks.len(), "task", "tasks")}</summary>
                                    <ul class="small tasks">
                                        { for wave.tasks.iter().map(|task| html! {
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
                                </details>
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
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
    let plan = &props.analysis.plan;
    if plan.external.is_empty() {
        return Html::default();
    }
    let rows = &plan.external;
    html! {
        <div class="external">
            <h3>{format!("External dependencies ({}): must exist in the target, or join the move", rows.len())}</h3>
            <table class="files compact" data-testid="external-dependencies">
                <thead><tr><th scope="col">{"Resource"}</th><th scope="col">{"Needs"}</th><th scope="col">{"Kind"}</th><th scope="col">{"Found at"}</th></tr></thead>
                <tbody>
                    { for rows.iter().enumerate().map(|(i, x)| html! {
                        <tr key={i}>
                            <th scope="row" class="wrap">{x.from.name()}</th>
                            <td class="wrap"><code>{&x.to}</code></td>
                            <td>{x.kind.label()}</td>
                            <td class="small"><code>{&x.path}</code></td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

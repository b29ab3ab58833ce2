//! The workspace, once something is loaded: the inputs with the status line, the target
//! and catalog panel, the diagnostics, and each view the analysis has (dashboard,
//! compare, assessment, cost, plan, inventory) with links to them. Which views are present is
//! decided by the state ([`crate::state::Views`]).
//!
//! Answers first: once there are inputs, a target and results, the setup (inputs, target
//! and catalog) collapses to one line with a "Change" button, so the dashboard is the
//! first thing on the screen, and focus moves to the dashboard's heading when results
//! first appear or the setup collapses.

use yew::prelude::*;

use super::assessment_view::AssessmentView;
use super::compare_view::CompareView;
use super::cost_view::CostView;
use super::dashboard::Dashboard;
use super::diagnostics::DiagnosticsPanel;
use super::file_list::FileList;
use super::findings_triage::{Decide, RuleFocus};
use super::inventory_view::InventoryView;
use super::plan_view::PlanView;
use super::target::TargetPanel;
use super::{dispatch, Effects, Shared, SharedArc};
use crate::assessment;
use crate::format;
use crate::state::{Action, Destination, ReadProblem, State, Status, Views};

#[derive(Properties, PartialEq)]
pub struct WorkspaceProps {
    pub state: UseReducerHandle<State>,
    pub effects: Effects,
    pub views: Views,
    /// The loader, built by the page so it keeps its callbacks.
    pub loader: Html,
    /// Today, in days since 1970-01-01 (from the browser's clock).
    pub today: i64,
    /// Today on this device, `YYYY-MM-DD`: the report's date.
    pub date: AttrValue,
}

#[function_component]
pub fn Workspace(props: &WorkspaceProps) -> Html {
    let state = &props.state;
    let views = props.views;
    let read_files = &props.effects.read_files;
    let on_catalog_files = read_files.reform(|files: Vec<web_sys::File>| (files, Destination::Catalog));
    let on_price_files = read_files.reform(|files: Vec<web_sys::File>| (files, Destination::Prices));
    let on_spend_files = read_files.reform(|files: Vec<web_sys::File>| (files, Destination::Spend));
    let on_remove = dispatch(state, Action::Remove);
    let on_remove_side_file = dispatch(state, Action::RemoveSideFile);
    let on_cancel = dispatch(state, Action::CancelRead);
    let on_clear = dispatch(state, |()| Action::ClearAll);
    let on_cost_options = dispatch(state, Action::SetCostOptions);
    let on_plan_options = dispatch(state, Action::SetPlanOptions);
    let on_compare = dispatch(state, |()| Action::Compare);
    let on_ranking = dispatch(state, Action::SetRanking);

    let on_decide = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(rule, resource, decision): Decide| {
            dispatcher.dispatch(Action::Decide { rule, resource, decision });
        })
    };
    // The dashboard's top blockers open the findings of a rule.
    let focus = use_state_eq(|| None::<RuleFocus>);
    let on_rule = {
        let focus = focus.clone();
        Callback::from(move |rule: String| {
            let nonce = focus.as_ref().map_or(1, |f| f.nonce + 1);
            focus.set(Some(RuleFocus { rule, nonce }));
        })
    };

    // Answers first: the setup collapses once there are results for a target.
    let setup_open = use_state_eq(|| false);
    let collapsed = views.dashboard && state.target.is_some() && !*setup_open;
    // Focus follows: to the dashboard's heading when results first appear or the setup
    // collapses, to the inputs' heading when the setup is opened again.
    {
        let before = use_mut_ref(|| (false, false));
        use_effect_with((views.dashboard, collapsed), move |&(dashboard, collapsed)| {
            let (had_dashboard, was_collapsed) = *before.borrow();
            *before.borrow_mut() = (dashboard, collapsed);
            let target = if dashboard && (!had_dashboard || (collapsed && !was_collapsed)) {
                Some("dashboard-title")
            } else if was_collapsed && !collapsed && dashboard {
                Some("inputs-title")
            } else {
                None
            };
            let heading = target.and_then(|id| gloo::utils::document().get_element_by_id(id));
            if let Some(Ok(heading)) = heading.map(wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>) {
                let _ = heading.focus();
            }
        });
    }
    let open_setup = {
        let setup_open = setup_open.clone();
        Callback::from(move |_: MouseEvent| setup_open.set(true))
    };
    let close_setup = {
        let setup_open = setup_open.clone();
        Callback::from(move |_: MouseEvent| setup_open.set(false))
    };
    let problems: Vec<ReadProblem> = state
        .problems
        .iter()
        .cloned()
        .chain(state.decision_problems.iter().map(|d| ReadProblem {
            name: d.file.clone().unwrap_or_else(|| "saved decisions".to_string()),
            message: format!("{}{}", d.location.as_ref().map(|l| format!("{l}: ")).unwrap_or_default(), d.message),
        }))
        .collect();

    let analysis = state.analysis().cloned().map(Shared);
    let summary_line = analysis.as_ref().map(|a| {
        let target = a
            .assessment
            .as_ref()
            .map(|s| format!("{} ({})", s.target_display_name, s.target.as_str()))
            .or_else(|| state.target.clone())
            .unwrap_or_default();
        format!(
            "{} · {} · target {} · catalog snapshot of {}{}",
            format::plural(state.inputs.len(), "input", "inputs"),
            format::plural(a.summary.resources, "resource", "resources"),
            target,
            a.catalog.as_of,
            if state.catalog.is_empty() && state.prices.is_empty() && state.spend.is_empty() {
                String::new()
            } else {
                format!(
                    ", {}",
                    format::plural(
                        state.catalog.len() + state.prices.len() + state.spend.len(),
                        "file of yours",
                        "files of yours"
                    )
                )
            }
        )
    });
    // The picker offers the catalog's regions plus any only the user's files cover.
    let user_regions = analysis.as_ref().map(|a| assessment::user_regions(&a.catalog)).unwrap_or_default();
    let groups = use_memo(user_regions, |extra| assessment::region_groups(extra));
    let shown = |present: bool| analysis.clone().filter(|_| present);

    html! {
        <div class="workspace">
            if collapsed {
                <section class="panel setup-summary" data-testid="setup-summary" aria-label="Inputs and target">
                    <p>{summary_line.clone().unwrap_or_default()}</p>
                    <StatusLine status={state.status()} />
                    <button type="button" class="button small" data-testid="setup-change" onclick={open_setup}>
                        {"Change inputs or target"}
                    </button>
                </section>
            } else if views.dashboard && state.target.is_some() {
                <p class="setup-done">
                    <button type="button" class="button small ghost" data-testid="setup-done" onclick={close_setup}>
                        {"Done: show the results first"}
                    </button>
                </p>
            }
            <div class="setup" hidden={collapsed}>
            <section class="panel inputs" aria-labelledby="inputs-title">
                <h2 id="inputs-title" tabindex="-1">{"Inputs"}</h2>
                {props.loader.clone()}
                <FileList
                    state={state.clone()}
                    {on_remove}
                    on_cancel={on_cancel.clone()}
                    {on_clear}
                />
                <StatusLine status={state.status()} />
            </section>
            <TargetPanel
                state={state.clone()}
                analysis={analysis.clone()}
                {groups}
                today={props.today}
                on_target={props.effects.set_target.clone()}
                {on_catalog_files}
                on_remove_side_file={on_remove_side_file.clone()}
                on_cancel={on_cancel.clone()}
            />
            </div>
            if views.diagnostics {
                <DiagnosticsPanel analysis={analysis.clone()} {problems} />
            }
            if let Some(analysis) = shown(views.dashboard) {
                <ViewNav {views} />
                <Dashboard {analysis} date={props.date.clone()} on_download={props.effects.download.clone()}
                    comparison_ready={state.comparison().is_some()} decisions={state.decisions.clone()} {on_rule} />
            }
            if let Some(analysis) = shown(views.compare) {
                <CompareView
                    {analysis}
                    comparison={state.comparison().map(|c| SharedArc(c.clone()))}
                    wanted={state.compare_wanted}
                    ranking={state.ranking.clone()}
                    target={state.target.clone()}
                    {on_compare}
                    {on_ranking}
                    on_target={props.effects.set_target.clone()}
                />
            }
            if let Some(analysis) = shown(views.assessment) {
                <AssessmentView {analysis} decisions={state.decisions.clone()} {on_decide} focus={(*focus).clone()} />
            }
            if let Some(analysis) = shown(views.cost) {
                <CostView
                    {analysis}
                    state={state.clone()}
                    on_options={on_cost_options}
                    {on_price_files}
                    {on_spend_files}
                    {on_remove_side_file}
                    {on_cancel}
                />
            }
            if let Some(analysis) = shown(views.plan) {
                <PlanView {analysis} options={state.plan.clone()} on_options={on_plan_options} />
            }
            if let Some(analysis) = shown(views.inventory) {
                <InventoryView {analysis} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ViewNavProps {
    views: Views,
}

/// Links to each view present, kept in sight while scrolling.
#[function_component]
fn ViewNav(props: &ViewNavProps) -> Html {
    let views = props.views;
    let links = [
        ("#dashboard", "Dashboard", true),
        ("#target", "Target", true),
        ("#compare", "Compare", views.compare),
        ("#assessment", "Assessment", views.assessment),
        ("#cost", "Cost", views.cost),
        ("#plan", "Plan", true),
        ("#inventory", "Inventory", true),
        ("#resources", "Resources", true),
    ];
    html! {
        <nav class="view-nav" aria-label="Views">
            { for links.iter().filter(|l| l.2).map(|(href, label, _)| html! { <a href={*href}>{*label}</a> }) }
        </nav>
    }
}

#[derive(Properties, PartialEq)]
struct StatusLineProps {
    status: Status,
}

#[function_component]
fn StatusLine(props: &StatusLineProps) -> Html {
    let text = match props.status {
        Status::Empty | Status::Ready => String::new(),
        Status::Reading(n) => format!("Reading {}…", format::plural(n, "file", "files")),
        Status::Analysing => "Analysing…".to_string(),
    };
    let busy = !text.is_empty();
    html! {
        <p class={classes!("status", busy.then_some("busy"))} role="status" aria-live="polite">
            if busy { <span class="spinner" aria-hidden="true"></span> }
            {text}
        </p>
    }
}

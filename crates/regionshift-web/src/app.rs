//! The root component: owns the state, reads files, runs the analysis, and lays out the
//! landing page or the workspace.
//!
//! Effects live here and report back to the pure reducer (`state.rs`): file reads (whose
//! handles are kept until they finish, since dropping one cancels the read) and the
//! analysis, which runs on a short timer so the "Analysing…" status is painted first.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use gloo::file::FileReadError;
use gloo::timers::callback::Timeout;
use regionshift_core::analysis::reanalyze;
use regionshift_core::input::DEFAULT_MAX_FILE_BYTES;
use regionshift_core::units::Date;
use regionshift_core::{analyze, InputFile};
use yew::prelude::*;

use crate::assessment;
use crate::components::assessment_view::AssessmentView;
use crate::components::cost_view::CostView;
use crate::components::dashboard::Dashboard;
use crate::components::diagnostics::DiagnosticsPanel;
use crate::components::drop_zone::Loader;
use crate::components::file_list::FileList;
use crate::components::inventory_view::InventoryView;
use crate::components::landing::Landing;
use crate::components::plan_view::PlanView;
use crate::components::target::TargetPanel;
use crate::components::Shared;
use crate::dom;
use crate::format;
use crate::state::{Action, Destination, State, Status};

/// The fictional sample estate offered on the landing page.
const SAMPLE: &[u8] = include_bytes!("../../../data/sample-estate.json");
const SAMPLE_NAME: &str = "sample-estate.json";

/// Delay before an analysis starts, so the browser paints the status first.
const ANALYSIS_DELAY_MS: u32 = 30;

/// Mounts the app into `#app` (replacing its loading message), or into `<body>`.
pub fn start() {
    match gloo::utils::document().get_element_by_id("app") {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}

fn read_error_message(error: &FileReadError) -> String {
    match error {
        FileReadError::AbortedEarly => "the browser stopped reading the file".to_string(),
        FileReadError::NotFound(_) => "the file is no longer there (was it moved or deleted?)".to_string(),
        FileReadError::NotReadable(_) => {
            "the browser could not read the file (it may have changed on disk, or access was denied)".to_string()
        }
        FileReadError::Security(_) => "the browser refused to read the file for security reasons".to_string(),
    }
}

/// The target region remembered from an earlier visit (a UI preference: only the name).
fn stored_target() -> Option<String> {
    let storage = gloo::utils::window().local_storage().ok()??;
    let name = storage.get_item(assessment::TARGET_KEY).ok()??;
    let groups = assessment::region_groups(&[]);
    assessment::is_known_target(&name, &groups).then_some(name)
}

fn store_target(target: Option<&str>) {
    let Ok(Some(storage)) = gloo::utils::window().local_storage() else { return };
    // Storage may be full or disabled; the choice then lasts for this visit only.
    let _ = match target {
        Some(name) => storage.set_item(assessment::TARGET_KEY, name),
        None => storage.remove_item(assessment::TARGET_KEY),
    };
}

/// Today's date on this device, in days since 1970-01-01 (the core reads no clock).
fn today() -> i64 {
    let now = js_sys::Date::new_0();
    assessment::days_from_civil(i64::from(now.get_full_year()), now.get_month() + 1, now.get_date())
}

/// Today's date on this device as `YYYY-MM-DD` (the core's `Date`), for reports.
fn today_text() -> String {
    let now = js_sys::Date::new_0();
    let year = i32::try_from(now.get_full_year()).unwrap_or_default();
    let (month, day) = (now.get_month() + 1, now.get_date());
    Date::new(year, month, day).map(|date| date.to_string()).unwrap_or_default()
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| State::with_target(stored_target()));
    // Live reader handles by token; dropping one cancels its read.
    let readers: Rc<RefCell<HashMap<u64, FileReader>>> = use_mut_ref(HashMap::new);
    let next_token = use_mut_ref(|| 0u64);
    let drag_depth = use_mut_ref(|| 0i32);
    let dragging = use_state_eq(|| false);

    // Drop the handles of reads that finished, were cancelled or cleared.
    {
        let readers = readers.clone();
        let tokens: Vec<u64> = state.reading.iter().map(|r| r.token).collect();
        use_effect_with(tokens, move |tokens| {
            readers.borrow_mut().retain(|token, _| tokens.contains(token));
        });
    }

    // Analyse whenever the inputs changed and no read is pending.
    {
        let job = state.analysis_job();
        let dispatcher = state.dispatcher();
        use_effect_with(job.as_ref().map(|j| j.revision), move |_| {
            let timeout = job.map(|job| {
                Timeout::new(ANALYSIS_DELAY_MS, move || {
                    let options = State::options_for(&job);
                    // Only the options changed: analyse the inventory already read.
                    let analysis = match &job.reuse {
                        Some(previous) => reanalyze(previous, &options),
                        None => {
                            let files: Vec<InputFile> = job
                                .files
                                .iter()
                                .map(|(name, bytes)| InputFile::new(name.clone(), bytes.as_slice()))
                                .collect();
                            analyze(&files, &options)
                        }
                    };
                    drop(options);
                    dispatcher.dispatch(Action::Analysed {
                        revision: job.revision,
                        input_ids: job.input_ids,
                        analysis: Rc::new(analysis),
                    });
                })
            });
            // A newer revision cancels an analysis that has not started.
            move || drop(timeout)
        });
    }

    let read_files = {
        let dispatcher = state.dispatcher();
        let readers = readers.clone();
        Callback::from(move |(files, destination): (Vec<web_sys::File>, Destination)| {
            for file in files {
                let file = gloo::file::File::from(file);
                let name = file.name();
                let size = file.size();
                if size > DEFAULT_MAX_FILE_BYTES {
                    dispatcher.dispatch(Action::ReadRefused {
                        name,
                        message: format!(
                            "the file is {}, over the {} limit; split the export into pages \
                             (az graph query --first 1000 --skip-token) and load them together",
                            format::bytes(size),
                            format::bytes(DEFAULT_MAX_FILE_BYTES)
                        ),
                    });
                    continue;
                }
                let token = {
                    let mut next = next_token.borrow_mut();
                    *next += 1;
                    *next
                };
                dispatcher.dispatch(Action::ReadStarted { token, name, size, destination });
                let done = dispatcher.clone();
                let reader = gloo::file::callbacks::read_as_bytes(&file, move |result| {
                    done.dispatch(Action::ReadFinished {
                        token,
                        result: result.map_err(|error| read_error_message(&error)),
                    });
                });
                readers.borrow_mut().insert(token, reader);
            }
        })
    };

    let on_files = read_files.reform(|files: Vec<web_sys::File>| (files, Destination::Inventory));
    let on_catalog_files = read_files.reform(|files: Vec<web_sys::File>| (files, Destination::Catalog));
    let on_price_files = read_files.reform(|files: Vec<web_sys::File>| (files, Destination::Prices));
    let on_remove_side_file = {
        let dispatcher = state.dispatcher();
        Callback::from(move |id: u64| dispatcher.dispatch(Action::RemoveSideFile(id)))
    };
    let on_target = {
        let dispatcher = state.dispatcher();
        Callback::from(move |target: Option<String>| {
            store_target(target.as_deref());
            dispatcher.dispatch(Action::SetTarget(target));
        })
    };

    let on_cost_options = {
        let dispatcher = state.dispatcher();
        Callback::from(move |options| dispatcher.dispatch(Action::SetCostOptions(options)))
    };

    let on_plan_options = {
        let dispatcher = state.dispatcher();
        Callback::from(move |options| dispatcher.dispatch(Action::SetPlanOptions(options)))
    };

    let on_paste = {
        let dispatcher = state.dispatcher();
        Callback::from(move |text: String| dispatcher.dispatch(Action::Paste(text)))
    };
    let on_sample = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| {
            dispatcher.dispatch(Action::AddSample { name: SAMPLE_NAME.to_string(), bytes: SAMPLE.to_vec() })
        })
    };
    let on_remove = {
        let dispatcher = state.dispatcher();
        Callback::from(move |id: u64| dispatcher.dispatch(Action::Remove(id)))
    };
    let on_cancel = {
        let dispatcher = state.dispatcher();
        Callback::from(move |token: u64| dispatcher.dispatch(Action::CancelRead(token)))
    };
    let on_clear = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::ClearAll))
    };

    // The whole page accepts dropped files; the counter copes with enter/leave pairs
    // fired by every child element.
    let ondragenter = {
        let (drag_depth, dragging) = (drag_depth.clone(), dragging.clone());
        Callback::from(move |event: DragEvent| {
            if dom::drag_has_files(&event) {
                event.prevent_default();
                *drag_depth.borrow_mut() += 1;
                dragging.set(true);
            }
        })
    };
    let ondragover = Callback::from(move |event: DragEvent| {
        if dom::drag_has_files(&event) {
            event.prevent_default();
            if let Some(transfer) = event.data_transfer() {
                transfer.set_drop_effect("copy");
            }
        }
    });
    let ondragleave = {
        let (drag_depth, dragging) = (drag_depth.clone(), dragging.clone());
        Callback::from(move |_: DragEvent| {
            let mut depth = drag_depth.borrow_mut();
            *depth = (*depth - 1).max(0);
            if *depth == 0 {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let (drag_depth, dragging, on_files) = (drag_depth.clone(), dragging.clone(), on_files.clone());
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            *drag_depth.borrow_mut() = 0;
            dragging.set(false);
            let files = dom::files(event.data_transfer().and_then(|t| t.files()));
            if !files.is_empty() {
                on_files.emit(files);
            }
        })
    };

    let status = state.status();
    let loader = html! {
        <Loader
            on_files={on_files.clone()}
            on_paste={on_paste.clone()}
            on_sample={on_sample.clone()}
            has_sample={state.has_sample()}
            compact={status != Status::Empty}
            dragging={*dragging}
        />
    };
    let problems = state.problems.clone();
    let analysis = state.analysis().cloned().map(Shared);
    let show_diagnostics =
        !problems.is_empty() || analysis.as_ref().is_some_and(|a| !a.diagnostics.is_empty() || a.has_file_errors());
    // The picker offers the catalog's regions plus any only the user's files cover.
    let user_regions = analysis.as_ref().map(|a| assessment::user_regions(&a.catalog)).unwrap_or_default();
    let groups = use_memo(user_regions, |extra| assessment::region_groups(extra));
    let today = *use_memo((), |()| today());
    let today_text = (*use_memo((), |()| today_text())).clone();
    let show_assessment = analysis.as_ref().is_some_and(|a| a.assessment.is_some() && a.summary.resources > 0);

    let classes = classes!("app", dragging.then_some("is-dragging"));
    html! {
        <div class={classes} {ondragenter} {ondragover} {ondragleave} {ondrop}>
            <a class="skip-link" href="#main">{"Skip to content"}</a>
            <header class="topbar">
                <div class="brand">
                    <span class="logo" aria-hidden="true"></span>
                    <span class="brand-name">{"RegionShift"}</span>
                    <span class="brand-tag">{"Azure region move planner"}</span>
                </div>
                <p class="privacy-pill" title="RegionShift runs entirely in this page: no upload, no network requests">
                    <span class="dot" aria-hidden="true"></span>
                    {"Offline: your data stays in this browser"}
                </p>
            </header>
            <main id="main" tabindex="-1">
                if status == Status::Empty {
                    if show_diagnostics {
                        <DiagnosticsPanel analysis={analysis.clone()} problems={problems.clone()} />
                        <p class="actions">
                            <button type="button" class="button" data-testid="clear-button"
                                onclick={on_clear.reform(|_: MouseEvent| ())}>{"Clear all"}</button>
                        </p>
                    }
                    <Landing loader={loader} />
                } else {
                    <div class="workspace">
                        <section class="panel inputs" aria-labelledby="inputs-title">
                            <h2 id="inputs-title">{"Inputs"}</h2>
                            {loader}
                            <FileList
                                state={state.clone()}
                                on_remove={on_remove}
                                on_cancel={on_cancel.clone()}
                                on_clear={on_clear.clone()}
                            />
                            <StatusLine {status} />
                        </section>
                        <TargetPanel
                            state={state.clone()}
                            analysis={analysis.clone()}
                            groups={groups}
                            {today}
                            {on_target}
                            {on_catalog_files}
                            on_remove_side_file={on_remove_side_file.clone()}
                            on_cancel={on_cancel.clone()}
                        />
                        if show_diagnostics {
                            <DiagnosticsPanel analysis={analysis.clone()} problems={problems.clone()} />
                        }
                        if let Some(analysis) = analysis.clone().filter(|a| a.summary.resources > 0) {
                            <ViewNav analysis={analysis.clone()} />
                            <Dashboard {analysis} state={state.clone()} date={today_text.clone()} />
                        }
                        if let Some(analysis) = analysis.clone().filter(|_| show_assessment) {
                            <AssessmentView {analysis} />
                        }
                        if let Some(analysis) = analysis.clone().filter(|a| a.cost.is_some() && a.summary.resources > 0) {
                            <CostView
                                {analysis}
                                state={state.clone()}
                                on_options={on_cost_options}
                                on_price_files={on_price_files}
                                on_remove_side_file={on_remove_side_file.clone()}
                                on_cancel={on_cancel.clone()}
                            />
                        }
                        if let Some(analysis) = analysis.clone().filter(|a| a.summary.resources > 0) {
                            <PlanView {analysis} options={state.plan.clone()} on_options={on_plan_options} />
                        }
                        if let Some(analysis) = analysis.clone() {
                            <InventoryView analysis={analysis} />
                        }
                    </div>
                }
            </main>
            <footer class="footer">
                <p>{"RegionShift reads your exports in this page with WebAssembly. Nothing you load is \
                     uploaded, stored or sent anywhere; closing the tab forgets it. Only the name of the \
                     target region you choose is remembered, as a preference."}</p>
            </footer>
            <div class="drop-overlay" aria-hidden="true">
                <p>{"Drop to add these files"}</p>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ViewNavProps {
    analysis: Shared<regionshift_core::Analysis>,
}

/// Links to each view present, kept in sight while scrolling.
#[function_component]
fn ViewNav(props: &ViewNavProps) -> Html {
    let analysis = &props.analysis;
    let links = [
        ("#dashboard", "Dashboard", true),
        ("#target", "Target", true),
        ("#assessment", "Assessment", analysis.assessment.is_some()),
        ("#cost", "Cost", analysis.cost.is_some()),
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

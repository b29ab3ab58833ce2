//! The page: header, the landing page (with any read problems) or the workspace, and the
//! footer. The whole page is a drop target: files dropped anywhere are read as
//! inventory, and the page says so while they are dragged over it.

use yew::prelude::*;

use super::diagnostics::DiagnosticsPanel;
use super::drop_zone::Loader;
use super::landing::Landing;
use super::workspace::Workspace;
use super::{dispatch, Effects, Shared};
use crate::dom;
use crate::state::{Action, Destination, State};
use crate::static_files;

/// The fictional sample estate offered by the loader (a static file of the site).
const SAMPLE_NAME: &str = "sample-estate.json";

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    pub state: UseReducerHandle<State>,
    pub effects: Effects,
    /// Today, in days since 1970-01-01 (from the browser's clock).
    pub today: i64,
    /// Today on this device, `YYYY-MM-DD`: the report's date.
    pub date: AttrValue,
}

#[function_component]
pub fn Layout(props: &LayoutProps) -> Html {
    let state = &props.state;
    let drag_depth = use_mut_ref(|| 0i32);
    let dragging = use_state_eq(|| false);

    let on_files = props.effects.read_files.reform(|files: Vec<web_sys::File>| (files, Destination::Inventory));
    let on_paste = dispatch(state, Action::Paste);
    let on_sample = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| {
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                dispatcher.dispatch(match static_files::read(static_files::SAMPLE_PATH).await {
                    Ok(bytes) => Action::AddSample { name: SAMPLE_NAME.to_string(), bytes },
                    Err(message) => Action::ReadRefused { name: SAMPLE_NAME.to_string(), message },
                });
            });
        })
    };
    let on_clear = dispatch(state, |()| Action::ClearAll);

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

    let views = state.views();
    let loader = html! {
        <Loader
            {on_files}
            {on_paste}
            {on_sample}
            has_sample={state.has_sample()}
            compact={!views.landing}
            dragging={*dragging}
        />
    };

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
                if views.landing {
                    if views.diagnostics {
                        <DiagnosticsPanel
                            analysis={state.analysis().cloned().map(Shared)}
                            problems={state.problems.clone()}
                        />
                        <p class="actions">
                            <button type="button" class="button" data-testid="clear-button"
                                onclick={on_clear.reform(|_: MouseEvent| ())}>{"Clear all"}</button>
                        </p>
                    }
                    <Landing {loader} />
                } else {
                    <Workspace
                        state={state.clone()}
                        effects={props.effects.clone()}
                        {views}
                        {loader}
                        today={props.today}
                        date={props.date.clone()}
                    />
                }
            </main>
            <footer class="footer">
                <p>{"RegionShift reads your exports in this page with WebAssembly. Nothing you load is \
                     uploaded or sent anywhere; closing the tab forgets it. Only the name of the target \
                     region you choose and the decisions you record on findings (with their owners and \
                     notes, kept per inventory) are remembered, in this browser."}</p>
            </footer>
            <div class="drop-overlay" aria-hidden="true">
                <p>{"Drop to add these files"}</p>
            </div>
        </div>
    }
}

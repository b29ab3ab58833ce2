//! The root component: owns the state and runs the effects, nothing else. The page is
//! laid out by `components::layout`, and every decision is the pure reducer's
//! (`state.rs`).
//!
//! The effects report back to the reducer with actions: file reads (whose handles are
//! kept until they finish, since dropping one cancels the read), the analysis, which
//! runs on a short timer so the "Analysing…" status is painted first, the comparison of
//! every target when asked (on a timer too, on the analysis's import), the remembered
//! target region and each inventory's decisions on its findings (local storage), today's
//! date (the core reads no clock) and downloads.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use gloo::file::callbacks::FileReader;
use gloo::file::FileReadError;
use gloo::timers::callback::Timeout;
use regionshift_core::analysis::reanalyze;
use regionshift_core::compare;
use regionshift_core::decisions::Decisions;
use regionshift_core::units::Date;
use regionshift_core::{analyze, InputFile};
use yew::prelude::*;

use crate::assessment;
use crate::components::layout::Layout;
use crate::components::Effects;
use crate::crash;
use crate::dom;
use crate::state::{self, Action, Destination, DownloadRequest, State};
use crate::static_files;
use crate::triage;

/// Delay before an analysis starts, so the browser paints the status first.
const ANALYSIS_DELAY_MS: u32 = 30;

/// Installs the panic hook, then mounts the app into `#app` (replacing its loading
/// message), or into `<body>`.
pub fn start() {
    crash::install();
    // The core's data files come from the site first (they are not in the wasm).
    wasm_bindgen_futures::spawn_local(async {
        let stage = crash::enter("loading the catalog, prices and rules");
        if let Err(message) = static_files::install_data().await {
            boot_failed(&format!(
                "RegionShift could not load its data files from this site ({message}). Serve the whole site folder, \
                 including data/, and reload."
            ));
            return;
        }
        drop(stage);
        match gloo::utils::document().get_element_by_id("app") {
            Some(root) => {
                root.set_inner_html("");
                yew::Renderer::<App>::with_root(root).render();
            }
            None => {
                yew::Renderer::<App>::new().render();
            }
        }
        crash::settle("showing the page");
    });
}

/// Says why the page cannot start, where the loading message was.
fn boot_failed(message: &str) {
    gloo::console::error!(message.to_string());
    if let Some(status) = gloo::utils::document().get_element_by_id("boot-status") {
        status.set_text_content(Some(message));
        let _ = status.set_attribute("class", "boot-status boot-error");
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

/// The decisions kept in this browser for the inventory of `key`, read entry by entry.
fn stored_decisions(key: &str) -> (Decisions, Vec<regionshift_core::Diagnostic>) {
    let text = gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|storage| storage.get_item(&format!("{}{key}", triage::DECISIONS_KEY_PREFIX)).ok().flatten());
    match text {
        Some(text) => Decisions::parse(&text, "the decisions saved in this browser"),
        None => (Decisions::default(), Vec::new()),
    }
}

/// Keeps an inventory's decisions in this browser (none: the entry is removed).
fn store_decisions(key: &str, decisions: &Decisions) {
    let Ok(Some(storage)) = gloo::utils::window().local_storage() else { return };
    let name = format!("{}{key}", triage::DECISIONS_KEY_PREFIX);
    // Storage may be full or disabled: the decisions then last for this visit (and in
    // any report downloaded meanwhile).
    let _ =
        if decisions.is_empty() { storage.remove_item(&name) } else { storage.set_item(&name, &decisions.to_json()) };
}

/// Today's date on this device (the core reads no clock).
fn today() -> Date {
    let now = js_sys::Date::new_0();
    let year = i32::try_from(now.get_full_year()).unwrap_or_default();
    Date::new(year, now.get_month() + 1, now.get_date()).unwrap_or_else(|| Date::from_days_since_epoch(0))
}

#[function_component]
pub fn App() -> Html {
    crash::test_panic("render");
    let state = use_reducer(|| State::starting(stored_target(), today()));
    // Live reader handles by token; dropping one cancels its read.
    let readers: Rc<RefCell<HashMap<u64, FileReader>>> = use_mut_ref(HashMap::new);
    let next_token = use_mut_ref(|| 0u64);
    let today_date = *use_memo((), |()| today());
    let date = (*use_memo(today_date, |date| AttrValue::from(date.to_string()))).clone();
    let today = today_date.days_since_epoch();

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
                    let _stage = crash::enter("analysing the inputs");
                    let options = State::options_for(&job);
                    crash::remember_inputs(&job.files, &job.catalog, &job.prices, &options);
                    crash::test_panic("analysis");
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

    // A newly loaded inventory: restore the decisions kept for it (unless a reopened
    // report brought its own).
    {
        let dispatcher = state.dispatcher();
        use_effect_with((state.decisions_key.clone(), state.decisions_loaded), move |(key, loaded)| {
            if let (Some(key), false) = (key, loaded) {
                let (decisions, problems) = stored_decisions(key);
                dispatcher.dispatch(Action::RestoreDecisions { key: key.clone(), decisions, problems });
            }
        });
    }
    // Keep the decisions whenever they change.
    {
        let (loaded, decisions) = (state.decisions_loaded, state.decisions.clone());
        use_effect_with((state.decisions_key.clone(), state.decisions_revision), move |(key, _)| {
            if let (Some(key), true) = (key, loaded) {
                store_decisions(key, &decisions);
            }
        });
    }

    // Compare every target when asked, once the analysis of the current inputs is ready;
    // the comparison reuses the analysis's import.
    {
        let job = state.comparison_job();
        let dispatcher = state.dispatcher();
        use_effect_with(job.as_ref().map(|j| j.basis.clone()), move |_| {
            let timeout = job.map(|job| {
                Timeout::new(ANALYSIS_DELAY_MS, move || {
                    let comparison = compare::compare(&job.analysis, &job.options, &job.compare);
                    dispatcher.dispatch(Action::Compared { basis: job.basis, comparison: Arc::new(comparison) });
                })
            });
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
                if let Some(message) = state::read_refusal(size) {
                    dispatcher.dispatch(Action::ReadRefused { name, message });
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
                    let _stage = crash::enter("reading a file");
                    done.dispatch(Action::ReadFinished {
                        token,
                        result: result.map_err(|error| read_error_message(&error)),
                    });
                });
                readers.borrow_mut().insert(token, reader);
            }
        })
    };

    let set_target = {
        let dispatcher = state.dispatcher();
        Callback::from(move |target: Option<String>| {
            store_target(target.as_deref());
            dispatcher.dispatch(Action::SetTarget(target));
        })
    };

    let download = {
        let (state, date) = (state.clone(), date.clone());
        Callback::from(move |request: DownloadRequest| {
            let _stage = crash::enter("preparing a download");
            if let Some(file) = state.download(request, &date) {
                dom::download(&file.name, file.mime, &file.text);
            }
        })
    };

    html! {
        <Layout {state} effects={Effects { read_files, set_target, download }} {today} {date} />
    }
}

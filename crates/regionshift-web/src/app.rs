//! The root component: owns the state and runs the effects, nothing else. The page is
//! laid out by `components::layout`, and every decision is the pure reducer's
//! (`state.rs`).
//!
//! The effects report back to the reducer with actions: file reads (whose handles are
//! kept until they finish, since dropping one cancels the read), the analysis, which
//! runs on a short timer so the "Analysing…" status is painted first, the comparison of
//! every target when asked (on a timer too, on the analysis's import), the remembered
//! target region and each inventory's decisions on its findings (local storage), today's
//! date (the core reads no clock) and downloads, which the download worker builds off the
//! page's thread (`background.rs`: progress, cancel, and a failure reported in the page
//! with the inputs kept; where no worker can start, the page says downloads need one).

use std::cell::{Cell, RefCell};
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
use crate::background::{Background, Heard};
use crate::components::layout::Layout;
use crate::components::progress::{Failure, Feed, Posted, Progress, Working};
use crate::components::Effects;
use crate::crash;
use crate::dom;
use crate::order;
use crate::protocol::{Reply, Stage};
use crate::state::{self, Action, Destination, DownloadRequest, Export, State, Status};
use crate::static_files;
use crate::triage;

/// A download built on the page, kept in case the worker cannot start.
type OnThePage = Box<dyn FnOnce()>;

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

    // The download worker, started on the first download and terminated to cancel one.
    let background: Rc<RefCell<Option<Background>>> = use_mut_ref(|| None);
    let workerless: Rc<Cell<bool>> = (*use_memo((), |()| Rc::new(Cell::new(false)))).clone();
    let job_ids: Rc<Cell<u32>> = (*use_memo((), |()| Rc::new(Cell::new(0)))).clone();
    // The download in the worker (its job and what it makes), and the stage it is at.
    let current: Rc<Cell<Option<(u32, Export)>>> = (*use_memo((), |()| Rc::new(Cell::new(None)))).clone();
    // The progress line's own channel: the worker's stages re-render it alone.
    let feed: Rc<Feed> = (*use_memo((), |()| Rc::new(Feed::default()))).clone();
    // Builds the current download on the page when the worker cannot start.
    let fallback: Rc<RefCell<Option<OnThePage>>> = use_mut_ref(|| None);

    let heard = {
        let (feed, background, fallback) = (feed.clone(), background.clone(), fallback.clone());
        let (current, workerless) = (current.clone(), workerless.clone());
        Callback::from(move |heard: Heard| {
            let ours = |job: u32| current.get().is_some_and(|(ours, _)| ours == job);
            // The handle is dropped after the message is handled, not inside its own handler.
            let stop = {
                let background = background.clone();
                move || Timeout::new(0, move || drop(background.borrow_mut().take())).forget()
            };
            match heard {
                Heard::Reply(Reply::Progress { job, stage }, _) if ours(job) => {
                    if let Some((_, export)) = current.get() {
                        feed.post(Posted::Task(Some((export, stage))));
                    }
                }
                Heard::Reply(Reply::Done { job, name, mime }, bytes) if ours(job) => {
                    current.set(None);
                    fallback.borrow_mut().take();
                    feed.post(Posted::Task(None));
                    if let Some(bytes) = bytes {
                        dom::download_bytes(&name, &mime, &bytes);
                    }
                }
                Heard::Reply(Reply::Failed { job, stage, message, location }, _) => {
                    if job.is_none_or(ours) {
                        current.set(None);
                        fallback.borrow_mut().take();
                        feed.post(Posted::Task(None));
                        gloo::console::error!(format!(
                            "RegionShift's worker failed at {stage}: {message} ({location})"
                        ));
                        let bundles = crash::bundle_links(&message, &location, &stage);
                        feed.post(Posted::Failure(Some(Failure { stage, message, bundles })));
                    }
                    stop();
                }
                Heard::Reply(..) => {}
                Heard::Broken { ready, message } => {
                    let pending = fallback.borrow_mut().take();
                    if current.take().is_some() {
                        feed.post(Posted::Task(None));
                        match pending {
                            // The worker never started (a page opened from file://): the
                            // page builds the download, and every later one.
                            Some(build) if !ready => {
                                workerless.set(true);
                                build();
                            }
                            _ => feed.post(Posted::Failure(Some(Failure {
                                stage: "the download worker".to_string(),
                                bundles: crash::bundle_links(&message, "", "the download worker"),
                                message,
                            }))),
                        }
                    }
                    stop();
                }
            }
        })
    };

    let download = {
        let (state, date) = (state.clone(), date.clone());
        let (feed, background, fallback) = (feed.clone(), background.clone(), fallback.clone());
        let (current, workerless) = (current.clone(), workerless.clone());
        Callback::from(move |request: DownloadRequest| {
            feed.post(Posted::Failure(None));
            // Without a worker there is no download: the page does not carry the report's
            // writers (they would put its wasm over budget); it says so instead.
            let on_the_page = {
                let feed = feed.clone();
                move || {
                    let message = "downloads are built by a Web Worker, which this browser did not start \
                                   (open the site from a web server, not from disk); your files are unchanged"
                        .to_string();
                    feed.post(Posted::Failure(Some(Failure {
                        stage: "starting the download worker".to_string(),
                        bundles: crash::bundle_links(&message, "", "starting the download worker"),
                        message,
                    })));
                }
            };
            if workerless.get() {
                return on_the_page();
            }
            let job = job_ids.get() + 1;
            job_ids.set(job);
            let export = request.export;
            let Some((mut order, bytes)) = order::order(&state, request, &date, job) else { return };
            order.panic_at = crash::worker_test_panic();
            // One download at a time: another one asked for replaces it.
            if current.get().is_some() {
                background.borrow_mut().take();
            }
            let mut slot = background.borrow_mut();
            if slot.is_none() {
                match Background::start(heard.clone()) {
                    Ok(started) => *slot = Some(started),
                    Err(error) => {
                        gloo::console::warn!(format!("RegionShift's download worker did not start: {error}"));
                        workerless.set(true);
                        drop(slot);
                        return on_the_page();
                    }
                }
            }
            let sent = slot.as_ref().map(|worker| worker.send(&order, &bytes));
            drop(slot);
            if let Some(Err(error)) = sent {
                gloo::console::warn!(format!("RegionShift could not send the download to its worker: {error}"));
                background.borrow_mut().take();
                return on_the_page();
            }
            current.set(Some((job, export)));
            *fallback.borrow_mut() = Some(Box::new(on_the_page));
            feed.post(Posted::Task(Some((export, Stage::Reading))));
        })
    };

    let cancel = {
        let (feed, background, fallback, current) =
            (feed.clone(), background.clone(), fallback.clone(), current.clone());
        Callback::from(move |()| {
            background.borrow_mut().take();
            fallback.borrow_mut().take();
            current.set(None);
            feed.post(Posted::Task(None));
        })
    };
    let working = match state.status() {
        Status::Reading(files) => {
            let bytes: u64 = state.reading.iter().map(|r| r.size).sum();
            let plural = if files == 1 { "" } else { "s" };
            Some(Working {
                id: "reading",
                text: format!("Reading {files} file{plural} ({})…", crate::format::bytes(bytes)),
                cancellable: false,
            })
        }
        Status::Analysing => Some(Working {
            id: "analysis",
            text: "Analysing the inputs (import, assessment, cost and plan)…".to_string(),
            cancellable: false,
        }),
        Status::Empty | Status::Ready => None,
    };

    html! {
        <>
            <Progress {working} {feed} on_cancel={cancel} />
            <Layout {state} effects={Effects { read_files, set_target, download }} {today} {date} />
        </>
    }
}

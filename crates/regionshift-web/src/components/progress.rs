//! What the app is working on, with a way to stop it: the progress line
//! (`analysis-progress`, its stage in `data-stage`) and, for work done by the download
//! worker, the cancel button (`analysis-cancel`); and the report of a failure the page
//! survived (the worker panicked): the stage, the message, that the files are unchanged,
//! and the diagnostic bundles of the panic report (`crash.rs`).
//!
//! The worker's progress reaches this component through a [`Feed`], not through the
//! app's state: a stage change re-renders this line alone, not the views (whose
//! re-render rebuilds the dashboard's report model on the page's thread).

use std::cell::RefCell;

use yew::prelude::*;

use crate::export::Export;
use crate::protocol::Stage;

/// What the app tells the progress line about the download worker.
pub enum Posted {
    /// The download being built (what it is and its stage), or none.
    Task(Option<(Export, Stage)>),
    /// A failure to report, or none (dismissed, or a new download asked for).
    Failure(Option<Failure>),
}

/// The channel from the app's effects to the progress line, which listens while shown.
#[derive(Default)]
pub struct Feed {
    listener: RefCell<Option<Callback<Posted>>>,
}

impl Feed {
    pub fn post(&self, posted: Posted) {
        let listener = self.listener.borrow().clone();
        if let Some(listener) = listener {
            listener.emit(posted);
        }
    }
}

impl PartialEq for Feed {
    fn eq(&self, other: &Feed) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Work in progress: `id` is the stable stage name (`reading`, `analysis`,
/// `comparison`, `report`, `writing`), `text` says it in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Working {
    pub id: &'static str,
    pub text: String,
    /// The work can be cancelled (it runs in the worker).
    pub cancellable: bool,
}

/// A failure of the worker: the stage it was at, its message, and the bundles' links.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub stage: String,
    pub message: String,
    /// `blob:` URLs of the diagnostic bundle without, then with, the inputs.
    pub bundles: Vec<String>,
}

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    /// What the page itself is doing (reading files, its analysis).
    pub working: Option<Working>,
    pub feed: std::rc::Rc<Feed>,
    /// Cancels the download in the worker.
    pub on_cancel: Callback<()>,
}

#[function_component]
pub fn Progress(props: &ProgressProps) -> Html {
    let task = use_state(|| None::<(Export, Stage)>);
    let failure = use_state(|| None::<Failure>);
    {
        let (task, failure) = (task.clone(), failure.clone());
        use_effect_with(props.feed.clone(), move |feed| {
            *feed.listener.borrow_mut() = Some(Callback::from(move |posted| match posted {
                Posted::Task(posted) => task.set(posted),
                Posted::Failure(posted) => failure.set(posted),
            }));
            let feed = feed.clone();
            move || drop(feed.listener.borrow_mut().take())
        });
    }
    let in_worker = task.map(|(export, stage)| Working {
        id: stage.id(),
        text: format!("Preparing the {}: {}…", export_name(export), stage.describe()),
        cancellable: true,
    });
    let working = in_worker.as_ref().or(props.working.as_ref()).map(|working| {
        let cancel = working.cancellable.then(|| {
            let on_cancel = props.on_cancel.clone();
            html! {
                <button type="button" class="button" data-testid="analysis-cancel"
                    onclick={Callback::from(move |_: MouseEvent| on_cancel.emit(()))}>{"Cancel"}</button>
            }
        });
        html! {
            <div class="progress" role="status" aria-live="polite">
                <span class="progress-text" data-testid="analysis-progress" data-stage={working.id}>{&working.text}</span>
                {cancel}
            </div>
        }
    });
    let shown_failure = (*failure).as_ref().map(|shown| {
        let failure = failure.clone();
        let on_dismiss = Callback::from(move |()| failure.set(None));
        let labels = [
            ("crash-bundle", "regionshift-crash.json", "Download a diagnostic bundle (no subscription data)"),
            (
                "crash-bundle-with-inputs",
                "regionshift-crash-with-inputs.json",
                "…with my input files and options (contains subscription data)",
            ),
        ];
        let links = shown.bundles.iter().zip(labels).map(|(url, (test_id, file, label))| {
            html! { <a href={url.clone()} download={file} data-testid={test_id}>{label}</a> }
        });
        html! {
            <section class="crash" role="alert" data-testid="analysis-failure">
                <h2>{"The analysis failed"}</h2>
                <p class="crash-message">
                    {format!("The analysis failed at {}: {}; your files are unchanged; please report it.", shown.stage, shown.message)}
                </p>
                <p>{"This is a bug in RegionShift, not a problem with your files. The files you loaded are still loaded; \
                     the page works on (nothing was uploaded)."}</p>
                <p class="crash-downloads">{for links}</p>
                <button type="button" class="button" data-testid="analysis-failure-dismiss"
                    onclick={Callback::from(move |_: MouseEvent| on_dismiss.emit(()))}>{"Dismiss"}</button>
            </section>
        }
    });
    html! { <>{shown_failure}{working}</> }
}

/// What a download is, in words.
fn export_name(export: Export) -> &'static str {
    match export {
        Export::Report => "HTML report",
        Export::Json => "JSON export",
        Export::Markdown => "Markdown summary",
        Export::FindingsCsv => "findings CSV",
        Export::CostsCsv => "costs CSV",
        Export::PlanCsv => "plan CSV",
    }
}

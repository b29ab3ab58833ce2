//! What the app is working on, with a way to stop it: the progress line
//! (`analysis-progress`, its stage in `data-stage`) and, for work done by the download
//! worker, the cancel button (`analysis-cancel`); and the report of a failure the page
//! survived (the worker panicked): the stage, the message, that the files are unchanged,
//! and the diagnostic bundles of the panic report (`crash.rs`).

use yew::prelude::*;

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
    pub working: Option<Working>,
    pub failure: Option<Failure>,
    pub on_cancel: Callback<()>,
    pub on_dismiss: Callback<()>,
}

#[function_component]
pub fn Progress(props: &ProgressProps) -> Html {
    let working = props.working.as_ref().map(|working| {
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
    let failure = props.failure.as_ref().map(|failure| {
        let on_dismiss = props.on_dismiss.clone();
        let labels = [
            ("crash-bundle", "regionshift-crash.json", "Download a diagnostic bundle (no subscription data)"),
            (
                "crash-bundle-with-inputs",
                "regionshift-crash-with-inputs.json",
                "…with my input files and options (contains subscription data)",
            ),
        ];
        let links = failure.bundles.iter().zip(labels).map(|(url, (test_id, file, label))| {
            html! { <a href={url.clone()} download={file} data-testid={test_id}>{label}</a> }
        });
        html! {
            <section class="crash" role="alert" data-testid="analysis-failure">
                <h2>{"The analysis failed"}</h2>
                <p class="crash-message">
                    {format!("The analysis failed at {}: {}; your files are unchanged; please report it.", failure.stage, failure.message)}
                </p>
                <p>{"This is a bug in RegionShift, not a problem with your files. The files you loaded are still loaded; \
                     the page works on (nothing was uploaded)."}</p>
                <p class="crash-downloads">{for links}</p>
                <button type="button" class="button" data-testid="analysis-failure-dismiss"
                    onclick={Callback::from(move |_: MouseEvent| on_dismiss.emit(()))}>{"Dismiss"}</button>
            </section>
        }
    });
    html! { <>{failure}{working}</> }
}

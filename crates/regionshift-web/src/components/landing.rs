//! The landing page: what RegionShift does today, the privacy promise, the loader, and which
//! exports it reads (with the commands that produce the best one).

use regionshift_core::inventory::completeness::export_kit;
use regionshift_core::inventory::InputFormat;
use yew::prelude::*;

/// Every format the importer recognises, in the order people are likely to have them.
const FORMATS: [InputFormat; InputFormat::ALL.len()] = InputFormat::ALL;

#[derive(Properties, PartialEq)]
pub struct LandingProps {
    /// The loader, owned by the app so it keeps its callbacks.
    pub loader: Html,
}

#[function_component]
pub fn Landing(props: &LandingProps) -> Html {
    html! {
        <div class="landing">
            <section class="hero" aria-labelledby="hero-title">
                <h1 id="hero-title">{"Plan your Azure region move, without handing over your inventory"}</h1>
                <p class="lead">
                    {"RegionShift plans moves between public Azure regions and into Azure China \
                      (operated by 21Vianet), where services, SKUs and identities differ. It reads and \
                      merges your exported inventory and says what the export lacks; assesses every \
                      resource for the target region you choose (what blocks the move, what to use \
                      instead, how to move it); prices the estate there and today; plans the move in \
                      waves from the dependencies it finds; compares every target side by side; and lets \
                      your team record a decision on each finding. It all ends up in one offline report."}
                </p>
                <div class="privacy-callout" role="note" aria-labelledby="privacy-title">
                    <h2 id="privacy-title">{"Nothing leaves your browser"}</h2>
                    <ul>
                        <li>{"Files are read and analysed here, in WebAssembly. There is no upload and no server."}</li>
                        <li>{"The page asks nothing of any other site; its security policy forbids it. It reads \
                              only its own files from the site that serves it: the app, its catalog, prices and \
                              rules, and the sample estate when you ask for it."}</li>
                        <li>{"Nothing you load is stored: closing or reloading the tab forgets the inventory. \
                              Only your choice of target region and the decisions you record on findings \
                              are remembered, in this browser."}</li>
                    </ul>
                </div>
            </section>

            <section class="start" aria-labelledby="start-title">
                <h2 id="start-title">{"Load an inventory"}</h2>
                {props.loader.clone()}
            </section>

            <section class="features" aria-labelledby="features-title">
                <h2 id="features-title">{"What you get"}</h2>
                <ul class="feature-grid">
                    <li class="feature">
                        <h3>{"Assessment and triage"}</h3>
                        <p>{"Every resource Ready, Ready with conditions, Not ready or Unknown for the target, \
                             with the evidence, the catalog's sources and the migration method. Findings grouped \
                             by rule, searched and sorted; accept, waive (with a reason) or mark them as needing \
                             work, with an owner and a note."}</p>
                    </li>
                    <li class="feature">
                        <h3>{"Cost"}</h3>
                        <p>{"What the estate costs a month today and in the target, side by side, from price \
                             snapshots bundled with the app or your own price sheets and Cost Management exports."}</p>
                    </li>
                    <li class="feature">
                        <h3>{"Plan and compare"}</h3>
                        <p>{"Move waves ordered by the dependencies found in properties and templates, with \
                             durations; and every target region side by side, ranked, with a suggestion explained."}</p>
                    </li>
                    <li class="feature">
                        <h3>{"Reports"}</h3>
                        <p>{"One offline HTML report (optionally redacted) that reopens here to continue, plus \
                             JSON, Markdown and CSV exports, all made in the page."}</p>
                    </li>
                </ul>
            </section>

            <section class="formats" aria-labelledby="formats-title">
                <h2 id="formats-title">{"Accepted exports"}</h2>
                <ul class="format-list">
                    { for FORMATS.iter().map(|f| html! { <li>{f.label()}</li> }) }
                </ul>
                <p class="muted">
                    {"UTF-8 or UTF-16 text, with or without a byte order mark. Load several files at once \
                      (for example every page of a Resource Graph export): they are merged by resource id."}
                </p>
                <details class="export-help">
                    <summary>{"How to export the richest inventory"}</summary>
                    { for export_kit().into_iter().take(2).map(|command| html! {
                        <div class="command">
                            <h3>{command.title}</h3>
                            <p class="muted">{command.why}</p>
                            <pre class="code" tabindex="0" aria-label={command.title}><code>{command.command}</code></pre>
                        </div>
                    }) }
                </details>
            </section>
        </div>
    }
}

//! What the inventory lacks (gaps), what that limits, and the export kit: the exact
//! commands that produce a richer export, in selectable `<pre>` blocks.

use regionshift_core::Analysis;
use yew::prelude::*;

use super::Shared;
use crate::format;

#[derive(Properties, PartialEq)]
pub struct CompletenessProps {
    pub analysis: Shared<Analysis>,
}

#[function_component]
pub fn CompletenessPanel(props: &CompletenessProps) -> Html {
    let completeness = &props.analysis.completeness;
    let has_gaps = !completeness.gaps.is_empty();
    html! {
        <section class="panel completeness" aria-labelledby="completeness-title">
            <div class="section-head">
                <h2 id="completeness-title">{"What the export lacks"}</h2>
            </div>
            if has_gaps {
                <ul class="gaps">
                    { for completeness.gaps.iter().map(|gap| html! {
                        <li class="gap" key={gap.code}>
                            <p class="gap-head">
                                <span class="badge warn">{format::plural(gap.resources, "resource", "resources")}</span>
                                {" lack "}{&gap.missing}
                            </p>
                            <p><strong>{"Limits: "}</strong>{&gap.limits}</p>
                            <p><strong>{"Remedy: "}</strong>{&gap.remedy}</p>
                        </li>
                    }) }
                </ul>
            } else if props.analysis.summary.resources > 0 {
                <p class="good-note">{"Nothing is missing: ids, properties, locations and resource groups are all present."}</p>
            }
            <details class="export-kit">
                <summary>{"Export kit: commands for a richer inventory"}</summary>
                <p class="muted">{"Run these where you are signed in to Azure, then load the files they write. \
                                   Select a command to copy it."}</p>
                { for completeness.export_kit.iter().map(|command| html! {
                    <div class="command" key={command.title}>
                        <h3>{command.title}<span class="badge">{command.shell}</span></h3>
                        <p class="muted">{command.why}</p>
                        <pre class="code" tabindex="0" aria-label={command.title}><code>{command.command}</code></pre>
                    </div>
                }) }
            </details>
        </section>
    }
}

//! One resource's assessment: readiness, each finding with its evidence (and, for a
//! finding resting on the catalog, what each source says, with a link to check it),
//! remediation, alternatives and documentation link, the input that was missing, and the
//! migration method (method, tools, data move, downtime, steps, caveats, link).
//!
//! Links are plain `<a href>` to documentation: following one is the user's navigation in
//! a new tab, not a request from the page's code. Only `https:` links are rendered as links.

use regionshift_core::assess::{FindingSeverity, Readiness};
use regionshift_core::azure::regions;
use regionshift_core::catalog::{Answer, DateIs, Offer, Says};
use regionshift_core::methods::Downtime;
use regionshift_core::units::Hours;
use regionshift_core::Analysis;
use yew::prelude::*;

use super::Shared;

#[derive(Properties, PartialEq)]
pub struct ResourceAssessmentProps {
    pub analysis: Shared<Analysis>,
    /// Index into `Assessment::resources`.
    pub index: usize,
    pub testid: AttrValue,
    /// Shows a close button when given.
    #[prop_or_default]
    pub on_close: Option<Callback<()>>,
    /// Heading level for the panel's title: the panel stands alone (`h3`) or sits inside
    /// the resource details (`h4`).
    #[prop_or(false)]
    pub nested: bool,
}

pub fn readiness_class(readiness: Readiness) -> &'static str {
    match readiness {
        Readiness::Ready => "readiness-ready",
        Readiness::ReadyWithConditions => "readiness-conditions",
        Readiness::NotReady => "readiness-not-ready",
        Readiness::Unknown => "readiness-unknown",
    }
}

pub fn severity_class(severity: FindingSeverity) -> &'static str {
    match severity {
        FindingSeverity::Blocker => "sev-error",
        FindingSeverity::Warning => "sev-warning",
        FindingSeverity::Info => "sev-info",
    }
}

fn downtime_label(downtime: Downtime) -> &'static str {
    match downtime {
        Downtime::None => "None",
        Downtime::Minutes => "Minutes",
        Downtime::Hours => "Hours",
        Downtime::Days => "Days",
    }
}

/// A documentation link that opens in a new tab without sending a referrer, or the text
/// when it is not an `https:` address.
pub fn doc_link(url: &str, text: &str) -> Html {
    if url.starts_with("https://") {
        html! {
            <a href={url.to_string()} target="_blank" rel="noreferrer noopener">
                {text.to_string()}<span class="visually-hidden">{" (opens in a new tab)"}</span>
            </a>
        }
    } else if url.is_empty() {
        Html::default()
    } else {
        html! { <span class="muted">{url.to_string()}</span> }
    }
}

/// What the catalog's sources say behind a finding: the answer, whether any source
/// disagrees, and every statement with a link to check it, the deciding one marked.
fn sources_view(answer: &Answer) -> Html {
    let verdict = match (answer.offer, answer.deciding().map(|s| s.says)) {
        (_, Some(says @ (Says::Retired | Says::Retiring | Says::Restricted))) => says.label(),
        (Offer::Offered, _) => "offered",
        (Offer::NotOffered, _) => "not offered",
        (Offer::Unknown, _) => "unknown: no source decides it",
    };
    let conflict = if answer.conflict { "; sources disagree" } else { "" };
    html! {
        <div class="finding-sources" data-testid="finding-sources">
            <p><strong>{"Sources: "}</strong>{format!("{verdict}{conflict}")}
                if let Some(note) = &answer.note { <span class="muted">{format!(" ({note})")}</span> }
            </p>
            <ul class="source-list">
                { for answer.statements.iter().enumerate().map(|(i, statement)| {
                    let source = &statement.source;
                    let deciding = answer.decided_by == Some(i);
                    let reference = match &source.url {
                        Some(url) => doc_link(url, url),
                        None => html! { <code class="wrap">{source.reference().to_string()}</code> },
                    };
                    let date = match (&source.date, source.date_is) {
                        (Some(date), Some(DateIs::Captured)) => format!(" (captured {date})"),
                        (Some(date), Some(DateIs::Retrieved)) => format!(" (read {date})"),
                        (Some(date), _) => format!(" ({date})"),
                        (None, _) => String::new(),
                    };
                    html! {
                        <li class={classes!(deciding.then_some("deciding"))}>
                            {format!("{} ", source.kind.label())}{reference}{date}{": "}{statement.says.label()}
                            if deciding { <strong>{" (decides)"}</strong> }
                            if let Some(detail) = &statement.detail { {format!("; {detail}")} }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

#[function_component]
pub fn ResourceAssessmentView(props: &ResourceAssessmentProps) -> Html {
    let Some(assessment) = props.analysis.assessment.as_ref() else { return Html::default() };
    let Some(resource) = assessment.resources.get(props.index) else { return Html::default() };
    let method = &resource.method;
    let title_id = format!("{}-title", props.testid);
    let title = html! { <>{&resource.name}</> };
    let type_text = {
        let resource_type = regionshift_core::azure::ResourceType::new(&resource.resource_type);
        match resource_type.display_name() {
            Some(display) => format!("{display} ({})", resource_type.as_str()),
            None => resource_type.as_str().to_string(),
        }
    };
    let source = resource.source_location.as_ref().map_or_else(|| "unknown".to_string(), regions::display_name);
    let findings = resource.findings.iter().filter_map(|&i| assessment.findings.get(i));
    html! {
        <section class={classes!("assessment-detail", props.nested.then_some("nested"))}
            data-testid={props.testid.clone()} aria-labelledby={title_id.clone()}>
            <div class="detail-head">
                if props.nested {
                    <h4 id={title_id.clone()} class="plain">{format!("Readiness for {}", assessment.target_display_name)}</h4>
                } else {
                    <h3 id={title_id.clone()}>{title}</h3>
                }
                if let Some(on_close) = &props.on_close {
                    <button type="button" class="button small ghost" aria-label="Close the resource assessment"
                        onclick={on_close.reform(|_: MouseEvent| ())}>{"Close"}</button>
                }
            </div>
            <p class="readiness-line">
                <span class={classes!("badge", readiness_class(resource.readiness))}>{resource.readiness.label()}</span>
                {format!(" for {} ({})", assessment.target_display_name, assessment.target.as_str())}
            </p>
            if !props.nested {
                <dl class="facts">
                    <dt>{"Type"}</dt><dd>{type_text}</dd>
                    <dt>{"Resource group"}</dt><dd>{resource.resource_group.clone().unwrap_or_else(|| "—".to_string())}</dd>
                    <dt>{"Moves"}</dt><dd>{format!("{source} → {}", assessment.target_display_name)}</dd>
                </dl>
            }
            if !resource.missing.is_empty() {
                <h4>{"Missing input"}</h4>
                <ul class="missing-list">
                    { for resource.missing.iter().map(|m| html! {
                        <li><code>{m.field}</code>{format!(" (needed by {})", m.rule)}</li>
                    }) }
                </ul>
            }
            <h4>{format!("Findings ({})", resource.findings.len())}</h4>
            if resource.findings.is_empty() {
                <p class="muted">{"No findings: nothing in the export stands in the way."}</p>
            } else {
                <ol class="finding-list">
                    { for findings.map(|finding| html! {
                        <li class={classes!("finding", severity_class(finding.severity))}>
                            <div class="diagnostic-head">
                                <span class={classes!("badge", severity_class(finding.severity))}>{finding.severity.label()}</span>
                                <code class="diagnostic-code">{finding.rule}</code>
                                <span class="muted small">{finding.rule_name}{" · "}{finding.category}</span>
                            </div>
                            <p class="finding-message">{&finding.message}</p>
                            <p class="evidence"><strong>{"Evidence: "}</strong>
                                <code class="wrap">{&finding.evidence.path}</code>{" = "}<code class="wrap">{&finding.evidence.value}</code>
                            </p>
                            if let Some(answer) = finding.sources.as_deref() {
                                {sources_view(answer)}
                            }
                            <p><strong>{"Remediation: "}</strong>{finding.remediation}</p>
                            if !finding.alternatives.is_empty() {
                                <p class="alternatives-title"><strong>{"Alternatives:"}</strong></p>
                                <ul class="alternatives">
                                    { for finding.alternatives.iter().map(|a| html! { <li>{a}</li> }) }
                                </ul>
                            }
                            if !finding.doc.is_empty() {
                                <p class="doc-link">{doc_link(finding.doc, "Documentation")}</p>
                            }
                        </li>
                    }) }
                </ol>
            }
            <h4>{"Migration method"}</h4>
            <div class="method" data-testid="migration-method">
                <p class="method-name"><strong>{method.method.label()}</strong>
                    <span class="muted">{format!(" · {}", method.service)}</span></p>
                if method.cross_cloud {
                    <p class="muted small">{"Advice for a move across clouds, where replication, peering and geo-features do not reach."}</p>
                }
                if method.generic {
                    <p class="muted small">{"General advice: the method table has no entry for this type."}</p>
                }
                <dl class="facts">
                    <dt>{"Tools"}</dt>
                    <dd>{if method.tools.is_empty() { "—".to_string() } else { method.tools.join(", ") }}</dd>
                    <dt>{"Data move"}</dt>
                    <dd>{if method.data_move { "Yes: data must be copied" } else { "No: configuration only" }}</dd>
                    <dt>{"Downtime"}</dt>
                    <dd>{downtime_label(method.downtime)}</dd>
                    <dt>{"Hands-on effort"}</dt>
                    <dd>{format!("about {} per instance, excluding copy time", Hours(method.fixed_overhead_hours))}</dd>
                </dl>
                if !method.steps.is_empty() {
                    <p class="list-title"><strong>{"Steps"}</strong></p>
                    <ol class="steps">
                        { for method.steps.iter().map(|step| html! { <li>{step}</li> }) }
                    </ol>
                }
                if !method.caveats.is_empty() {
                    <p class="list-title"><strong>{"Caveats"}</strong></p>
                    <ul class="caveats">
                        { for method.caveats.iter().map(|caveat| html! { <li>{caveat}</li> }) }
                    </ul>
                }
                if !method.link.is_empty() {
                    <p class="doc-link">{doc_link(&method.link, "How to move it (documentation)")}</p>
                }
            </div>
        </section>
    }
}

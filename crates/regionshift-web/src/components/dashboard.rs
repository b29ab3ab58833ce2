//! The dashboard: the report model's summary at a glance (resources, readiness split,
//! blockers by category, monthly cost in the target next to today's with coverage,
//! waves and duration), how the findings stand with the team's decisions ("12 blockers,
//! 3 waived") and the top blocking rules, each opening its findings, links into each
//! view, the inputs, catalog and price dates and
//! the options used; and the download buttons: the offline HTML report (optionally
//! redacted, with the comparison of targets when one is made and wanted) and the CSV,
//! JSON and Markdown exports, which the app builds
//! (`State::download`) and offers. Every figure comes from the same `report::Report`
//! the downloads render, so they cannot disagree.

use regionshift_core::decisions::Decisions;
use regionshift_core::report::{self, Redaction, ReportOptions};
use regionshift_core::Analysis;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Shared;
use crate::format;
use crate::state::{DownloadRequest, Export};
use crate::triage;

/// Rules listed under "Top blockers".
const TOP_BLOCKERS: usize = 5;

#[derive(Properties, PartialEq)]
pub struct DashboardProps {
    pub analysis: Shared<Analysis>,
    /// Today on this device, `YYYY-MM-DD`: the report's date.
    pub date: AttrValue,
    /// Asks the app for a download.
    pub on_download: Callback<DownloadRequest>,
    /// A comparison of targets is made for the current inputs and options: the downloads
    /// may include it.
    pub comparison_ready: bool,
    /// The team's decisions on the findings.
    pub decisions: Decisions,
    /// Opens the findings of one rule.
    pub on_rule: Callback<String>,
}

#[function_component]
pub fn Dashboard(props: &DashboardProps) -> Html {
    let redact = use_state_eq(|| false);
    let with_comparison = use_state_eq(|| true);
    let report = use_memo((props.analysis.clone(), props.date.clone()), |(analysis, date)| {
        report::build(
            analysis,
            &ReportOptions {
                date: date.to_string(),
                redact: Redaction::None,
                source: None,
                ..ReportOptions::default()
            },
        )
    });
    let summary = &report.summary;
    let scope = &report.scope;

    let project = use_state_eq(String::new);
    let author = use_state_eq(String::new);
    let download = |export: Export| {
        let (on_download, redact) = (props.on_download.clone(), redact.clone());
        let compare = props.comparison_ready && *with_comparison;
        let written = |text: &str| Some(text.trim().to_string()).filter(|t| !t.is_empty());
        let (project, author) = (written(&project), written(&author));
        Callback::from(move |_: MouseEvent| {
            on_download.emit(DownloadRequest {
                export,
                redact: *redact,
                compare,
                project: project.clone(),
                author: author.clone(),
            })
        })
    };
    let text_input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                state.set(input.value());
            }
        })
    };
    let on_with_comparison = {
        let with_comparison = with_comparison.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                with_comparison.set(input.checked());
            }
        })
    };
    let on_redact = {
        let redact = redact.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                redact.set(input.checked());
            }
        })
    };

    let readiness_total: usize = summary.readiness.iter().map(|c| c.count).sum();
    let assessment = props.analysis.assessment.as_ref();
    let tally = assessment.map(|a| props.decisions.tally(a));
    let top = assessment.map(|a| triage::top_blockers(a, &props.decisions, TOP_BLOCKERS)).unwrap_or_default();
    html! {
        <section class="panel dashboard" id="dashboard" aria-labelledby="dashboard-title" data-testid="dashboard">
            <div class="section-head">
                <h2 id="dashboard-title" tabindex="-1">{"Dashboard"}</h2>
                <p class="muted">
                    {match (&summary.target, &summary.target_name) {
                        (Some(target), Some(name)) => format!("Move to {name} ({target})"),
                        _ => "Choose a target region to assess and price the move".to_string(),
                    }}
                </p>
            </div>
            <div class="cost-totals">
                <a class="stat link-card" href="#inventory">
                    <span class="stat-label">{"Resources in scope"}</span>
                    <strong class="stat-value">{format::count(summary.resources)}</strong>
                    <span class="muted small">{format!("{}, {}", format::plural(scope.files.len(), "file", "files"), format::plural(scope.source_regions.len(), "source region", "source regions"))}</span>
                </a>
                if readiness_total > 0 {
                    <a class="stat link-card" href="#assessment">
                        <span class="stat-label">{"Blockers"}</span>
                        <strong class="stat-value">{format::count(summary.blockers)}</strong>
                        <span class="muted small">{format!("{} warnings", format::count(summary.warnings))}</span>
                    </a>
                }
                if let Some(cost) = &summary.cost {
                    <a class="stat link-card" href="#cost">
                        <span class="stat-label">{"Monthly cost, target / today"}</span>
                        <strong class="stat-value">{cost.target_text()}</strong>
                        <span class="muted small" data-testid="dashboard-cost-today">
                            {format!("today {}", cost.today_text())}
                            {cost.delta().map(|d| format!(", change {} {}", d.change(), cost.delta_scope().unwrap_or_default())).unwrap_or_default()}
                            {format!("; {} priced, {} unpriced",
                                cost.target_priced_percent.map_or("n/a".to_string(), |p| p.to_string()),
                                format::count(cost.unpriced_in_target))}
                        </span>
                    </a>
                }
                <a class="stat link-card" href="#plan">
                    <span class="stat-label">{"Waves and duration"}</span>
                    <strong class="stat-value">{format!("{} waves", summary.waves)}</strong>
                    <span class="muted small">{format!("{}; {}, {}, {} external", summary.total_hours, format::plural(summary.dependencies, "dependency", "dependencies"), format::plural(summary.cycles, "cycle", "cycles"), format::count(summary.external_dependencies))}</span>
                </a>
            </div>
            if let Some(tally) = tally {
                <div class="triage-summary">
                    <p class="decision-count">
                        <strong data-testid="decision-count">{tally.to_string()}</strong>
                        <span class="muted small">
                            {format!(" · {} with an owner · open blockers and their decisions are in ", format::plural(tally.owned, "finding", "findings"))}
                            <a href="#findings">{"Findings"}</a>
                        </span>
                    </p>
                    if top.is_empty() {
                        <p class="good-note" data-testid="top-blockers">{"No blocker is left open."}</p>
                    } else {
                        <h3 id="top-blockers-title">{"Top blockers"}</h3>
                        <ol class="top-blockers" data-testid="top-blockers" aria-labelledby="top-blockers-title">
                            { for top.iter().map(|blocker| {
                                let onclick = {
                                    let (on_rule, rule) = (props.on_rule.clone(), blocker.rule.to_string());
                                    Callback::from(move |_: MouseEvent| on_rule.emit(rule.clone()))
                                };
                                html! {
                                    <li key={blocker.rule} data-rule={blocker.rule}>
                                        <button type="button" class="link-button" {onclick}>
                                            {format!("{} {}", blocker.rule, blocker.rule_name)}
                                        </button>
                                        {" "}<span class="badge sev-error">{format::count(blocker.open)}</span>
                                        <span class="muted small">{format!(" open on {}", format::plural(blocker.resources, "resource", "resources"))}</span>
                                    </li>
                                }
                            }) }
                        </ol>
                    }
                </div>
            }
            if readiness_total > 0 {
                <div class="dashboard-grid">
                    <figure class="chart readiness-chart">
                        <figcaption>{"Readiness"}</figcaption>
                        <ReadinessBar counts={summary.readiness.clone()} />
                    </figure>
                    if !summary.blockers_by_category.is_empty() {
                        <div>
                            <h3>{"Blockers by category"}</h3>
                            <ul class="plain">
                                { for summary.blockers_by_category.iter().map(|c| html! {
                                    <li key={c.key.clone()}><span class="badge sev-error">{c.count}</span>{format!(" {}", c.label)}</li>
                                }) }
                            </ul>
                        </div>
                    }
                </div>
            }
            <details class="scope">
                <summary>{"Inputs, data dates and options"}</summary>
                <ul class="small">
                    { for scope.files.iter().map(|f| html! {
                        <li key={f.name.clone()}>{format!("{}: {}, {} imported{}", f.name, f.format, f.imported, f.error.as_ref().map(|e| format!(", error: {e}")).unwrap_or_default())}</li>
                    }) }
                    <li>{format!("Catalog snapshot of {}{}", scope.catalog_as_of,
                        if scope.catalog_user_files.is_empty() { String::new() } else { format!("; your files: {}", scope.catalog_user_files.join(", ")) })}</li>
                    if let Some(prices) = &scope.price_snapshot_as_of {
                        <li>{format!("Price snapshot of {prices}{}",
                            if scope.price_user_files.is_empty() { String::new() } else { format!("; your files: {}", scope.price_user_files.join(", ")) })}</li>
                    }
                    { for scope.options.iter().map(|o| html! { <li key={o.name.clone()}>{format!("{}: {}", o.name, o.value)}</li> }) }
                </ul>
            </details>
            <div class="report-downloads">
                <h3>{"Share"}</h3>
                <p class="muted small">
                    {"The report is one HTML file that works offline, from a disk or an email attachment, and prints to PDF. \
                      It embeds your inputs so it can be dropped back here to continue, unless you redact it."}
                </p>
                <p class="report-heading">
                    <label>{"Project "}
                        <input type="text" data-testid="report-project-name" value={(*project).clone()}
                            oninput={text_input(&project)} placeholder="e.g. Contoso retail move" maxlength="120" />
                    </label>
                    <label>{" Prepared by "}
                        <input type="text" data-testid="report-author" value={(*author).clone()}
                            oninput={text_input(&author)} maxlength="120" />
                    </label>
                </p>
                <label class="check">
                    <input type="checkbox" data-testid="report-redact" checked={*redact} onchange={on_redact} />
                    {" Redact: replace names, ids, subscriptions, resource groups, tags and IP addresses with pseudonyms"}
                </label>
                if props.comparison_ready {
                    <label class="check">
                        <input type="checkbox" data-testid="report-compare" checked={*with_comparison} onchange={on_with_comparison} />
                        {" Include the comparison of targets (the report and the Markdown summary)"}
                    </label>
                } else {
                    <p class="muted small">{"Compare the targets (Compare view) to add the comparison to the report."}</p>
                }
                <p class="actions">
                    <button type="button" class="button primary" data-testid="report-download" onclick={download(Export::Report)}>{"Download the report (HTML)"}</button>
                    <button type="button" class="button" data-testid="export-json" onclick={download(Export::Json)}>{"JSON"}</button>
                    <button type="button" class="button" data-testid="export-markdown" onclick={download(Export::Markdown)}>{"Markdown summary"}</button>
                    <button type="button" class="button" data-testid="export-findings-csv" onclick={download(Export::FindingsCsv)}>{"Findings CSV"}</button>
                    <button type="button" class="button" data-testid="export-costs-csv" onclick={download(Export::CostsCsv)}>{"Costs CSV"}</button>
                    <button type="button" class="button" data-testid="export-plan-csv" onclick={download(Export::PlanCsv)}>{"Plan CSV"}</button>
                </p>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ReadinessBarProps {
    counts: Vec<report::LabelCount>,
}

/// One stacked bar of the readiness split, drawn in SVG (no inline styles).
#[function_component]
fn ReadinessBar(props: &ReadinessBarProps) -> Html {
    const WIDTH: usize = 600;
    let total: usize = props.counts.iter().map(|c| c.count).sum::<usize>().max(1);
    let mut x = 0usize;
    let mut legend_x = 0usize;
    html! {
        <svg viewBox={format!("0 0 {WIDTH} 56")} role="img" class="dash-readiness"
            aria-label={props.counts.iter().map(|c| format!("{} {}", c.label, c.count)).collect::<Vec<_>>().join(", ")}>
            { for props.counts.iter().map(|c| {
                let width = c.count * WIDTH / total;
                let at = x;
                x += width;
                html! {
                    <rect key={c.key.clone()} x={at.to_string()} y="0" height="24" width={width.to_string()} class={classes!("rb", format!("rb-{}", c.key))}>
                        <title>{format!("{}: {}", c.label, c.count)}</title>
                    </rect>
                }
            }) }
            { for props.counts.iter().map(|c| {
                let text = format!("{} {}", c.label, format::count(c.count));
                let at = legend_x;
                // Each entry as wide as its text (about 7 units a character at 12px).
                legend_x += 14 + 7 * text.chars().count() + 20;
                html! {
                    <g key={format!("legend-{}", c.key)} transform={format!("translate({at} 40)")}>
                        <rect width="10" height="10" y="-9" class={classes!("rb", format!("rb-{}", c.key))} />
                        <text x="14" class="chart-label">{text}</text>
                    </g>
                }
            }) }
        </svg>
    }
}

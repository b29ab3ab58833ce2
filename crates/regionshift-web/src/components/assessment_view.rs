//! The assessment view: the readiness summary (counts and a bar), what a move across
//! clouds means, blockers by category, what the export lacked (unknown causes) and the
//! findings, either by rule with the team's decisions (`findings_triage.rs`) or as a
//! table of each finding, filterable by severity, category, resource group and type, with
//! the per-resource panel beside it.
//!
//! The findings are ordered once per analysis and filtered once per filter change, as index
//! vectors (`assessment.rs`); the table renders one page of them, so an estate with very
//! many findings stays responsive.

use std::rc::Rc;

use regionshift_core::azure::regions::Cloud;
use regionshift_core::decisions::Decisions;
use regionshift_core::inventory::summary::Count;
use regionshift_core::Analysis;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::bars::BarList;
use super::findings_triage::{Decide, FindingsGroups, RuleFocus};
use super::resource_assessment::{severity_class, ResourceAssessmentView};
use super::Shared;
use crate::assessment::{self, FindingFilter, FindingIndex};
use crate::format;

#[derive(Properties, PartialEq)]
pub struct AssessmentViewProps {
    pub analysis: Shared<Analysis>,
    /// The team's decisions on the findings.
    pub decisions: Decisions,
    pub on_decide: Callback<Decide>,
    /// A rule to show (from the dashboard's top blockers).
    #[prop_or_default]
    pub focus: Option<RuleFocus>,
}

#[function_component]
pub fn AssessmentView(props: &AssessmentViewProps) -> Html {
    let Some(assessment) = props.analysis.assessment.as_ref() else { return Html::default() };
    let summary = &assessment.summary;
    let blockers: Vec<Count> = {
        let mut counts: Vec<Count> = summary
            .blockers_by_category
            .iter()
            .map(|(category, &count)| Count { key: category.to_string(), label: category.to_string(), count })
            .collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
        counts
    };
    let target_cloud = assessment.target_cloud.map_or("an unknown cloud", Cloud::label);
    html! {
        <>
            <section class="panel assessment" id="assessment" aria-labelledby="assessment-title">
                <div class="section-head">
                    <h2 id="assessment-title">
                        {format!("Assessment for {} ({})", assessment.target_display_name, assessment.target.as_str())}
                    </h2>
                    <p class="muted">{target_cloud}</p>
                </div>
                <ReadinessSummary analysis={props.analysis.clone()} />
                if assessment.crosses_clouds {
                    <CrossCloudNotice target={target_cloud} />
                }
                <div class="bar-grid">
                    if !blockers.is_empty() {
                        <BarList title="Blockers by category" counts={Rc::new(blockers)} />
                    }
                    if !assessment.unknown_causes.is_empty() {
                        <div class="unknown-causes">
                            <h3>{"Why some resources are unknown"}</h3>
                            <ul class="gaps">
                                { for assessment.unknown_causes.iter().map(|cause| html! {
                                    <li class="gap" key={cause.field}>
                                        <p class="gap-head">
                                            <span class="badge warn">{format::plural(cause.resources, "resource", "resources")}</span>
                                            {" lack "}<code>{cause.field}</code>
                                        </p>
                                        <p><strong>{"How to export it: "}</strong>{cause.how_to_export}</p>
                                    </li>
                                }) }
                            </ul>
                        </div>
                    }
                </div>
            </section>
            <FindingsPanel analysis={props.analysis.clone()} decisions={props.decisions.clone()}
                on_decide={props.on_decide.clone()} focus={props.focus.clone()} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    analysis: Shared<Analysis>,
}

#[function_component]
fn ReadinessSummary(props: &SummaryProps) -> Html {
    let Some(assessment) = props.analysis.assessment.as_ref() else { return Html::default() };
    let s = &assessment.summary;
    let classes = [
        ("Ready", s.ready, "readiness-ready"),
        ("Ready with conditions", s.ready_with_conditions, "readiness-conditions"),
        ("Not ready", s.not_ready, "readiness-not-ready"),
        ("Unknown", s.unknown, "readiness-unknown"),
    ];
    let total = s.resources.max(1) as f64;
    let mut x = 0.0;
    let segments: Vec<Html> = classes
        .iter()
        .filter(|(_, count, _)| *count > 0)
        .map(|(label, count, class)| {
            let width = *count as f64 / total * 1000.0;
            let segment = html! {
                <rect x={format!("{x:.2}")} y="0" width={format!("{width:.2}")} height="14" class={*class}>
                    <title>{format!("{label}: {}", format::count(*count))}</title>
                </rect>
            };
            x += width;
            segment
        })
        .collect();
    let description = classes
        .iter()
        .map(|(label, count, _)| format!("{} {}", format::count(*count), label.to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <div class="readiness-summary" data-testid="readiness-summary">
            <p class="muted">
                {format!("{} assessed: {}, {} across {}.",
                    format::plural(s.resources, "resource", "resources"),
                    format::plural(s.blockers, "blocker", "blockers"),
                    format::plural(s.warnings, "warning", "warnings"),
                    format::plural(assessment.findings.len(), "finding", "findings"))}
            </p>
            <dl class="readiness-stats">
                { for classes.iter().map(|(label, count, class)| html! {
                    <div class={classes!("stat", *class)}>
                        <dt>{*label}</dt>
                        <dd>{format::count(*count)}</dd>
                    </div>
                }) }
            </dl>
            <svg class="readiness-bar" viewBox="0 0 1000 14" preserveAspectRatio="none" width="100%" height="14"
                role="img" aria-label={format!("Readiness: {description}")}>
                <rect x="0" y="0" width="1000" height="14" class="readiness-track" />
                { for segments }
            </svg>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CrossCloudProps {
    target: &'static str,
}

#[function_component]
fn CrossCloudNotice(props: &CrossCloudProps) -> Html {
    html! {
        <div class="cross-cloud" role="note" aria-labelledby="cross-cloud-title" data-testid="crosses-clouds">
            <h3 id="cross-cloud-title">{format!("This move crosses clouds, into {}", props.target)}</h3>
            <p>{"Some resources sit in another cloud than the target. Clouds share nothing, so this is a \
                 migration rather than a region move:"}</p>
            <ul>
                <li>{"A separate Microsoft Entra ID tenant and separate subscriptions: identities, role \
                      assignments, service principals and managed identities are created again."}</li>
                <li>{"Different service endpoints, such as "}<code>{"*.chinacloudapi.cn"}</code>
                    {" and "}<code>{"*.chinacloudsites.cn"}</code>
                    {" in Azure China: connection strings, SDK settings and scripts must change."}</li>
                <li>{"Marketplace differences: images, offers and third-party solutions may be missing."}</li>
                <li>{"ICP filing with the Chinese authorities before a public custom domain can be served \
                      from Azure China."}</li>
                <li>{"No peering, replication, geo-restore or Site Recovery between clouds: data is copied \
                      and services are redeployed."}</li>
            </ul>
        </div>
    }
}

fn select_value(event: &Event) -> Option<String> {
    let value = event.target_dyn_into::<HtmlSelectElement>()?.value();
    (!value.is_empty()).then_some(value)
}

#[derive(Properties, PartialEq)]
struct FindingsPanelProps {
    analysis: Shared<Analysis>,
    decisions: Decisions,
    on_decide: Callback<Decide>,
    focus: Option<RuleFocus>,
}

#[function_component]
fn FindingsPanel(props: &FindingsPanelProps) -> Html {
    let analysis = props.analysis.clone();
    // By rule (with decisions) or each finding in a table.
    let by_rule = use_state_eq(|| false);
    {
        let by_rule = by_rule.clone();
        use_effect_with(props.focus.clone(), move |focus| {
            if focus.is_some() {
                by_rule.set(true);
            }
        });
    }
    let filter = use_state_eq(FindingFilter::default);
    let page = use_state_eq(|| 0usize);
    let selected = use_state_eq(|| None::<String>);

    let index: Rc<FindingIndex> = use_memo(analysis.clone(), |analysis| {
        analysis.assessment.as_ref().map(assessment::index_findings).unwrap_or_default()
    });
    let choices = {
        let index = index.clone();
        use_memo(analysis.clone(), move |analysis| {
            analysis.assessment.as_ref().map(|a| assessment::filter_choices(a, &index)).unwrap_or_default()
        })
    };
    let rows = {
        let index = index.clone();
        use_memo((analysis.clone(), (*filter).clone()), move |(analysis, filter)| {
            Shared(Rc::new(
                analysis
                    .assessment
                    .as_ref()
                    .map(|a| assessment::filter_findings(a, &index, filter))
                    .unwrap_or_default(),
            ))
        })
    };
    // New rows: back to the first page.
    {
        let page = page.clone();
        use_effect_with((*rows).clone(), move |_| page.set(0));
    }
    // The selected resource, by id key, resolved to its index in the assessment.
    let selected_index = use_memo((analysis.clone(), (*selected).clone()), |(analysis, selected)| {
        let key = selected.as_deref()?;
        let resources = &analysis.assessment.as_ref()?.resources;
        resources
            .binary_search_by(|r| r.id.key().cmp(key))
            .ok()
            .or_else(|| resources.iter().position(|r| r.id.key() == key))
    });

    let Some(assessment) = analysis.assessment.as_ref() else { return Html::default() };
    let total = assessment.findings.len();
    let len = rows.len();
    let range = assessment::page_range(len, *page);
    let pages = assessment::pages(len);
    let current_page = (*page).min(pages - 1);

    let on_filter = |update: fn(&mut FindingFilter, Option<String>)| {
        let filter = filter.clone();
        Callback::from(move |event: Event| {
            let mut next = (*filter).clone();
            update(&mut next, select_value(&event));
            filter.set(next);
        })
    };
    let on_severity = on_filter(|f, v| f.severity = v.as_deref().and_then(assessment::parse_severity));
    let on_category = on_filter(|f, v| f.category = v);
    let on_group = on_filter(|f, v| f.resource_group = v);
    let on_type = on_filter(|f, v| f.resource_type = v);
    let reset = {
        let filter = filter.clone();
        Callback::from(move |_: MouseEvent| filter.set(FindingFilter::default()))
    };
    let go = |to: usize| {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set(to))
    };
    let on_close = {
        let selected = selected.clone();
        Callback::from(move |()| selected.set(None))
    };

    let option = |value: String, label: String, count: usize, current: Option<&str>| {
        let is_selected = current == Some(value.as_str());
        html! { <option value={value} selected={is_selected}>{format!("{label} ({})", format::count(count))}</option> }
    };
    let severity_value = filter.severity.map(|s| s.label());
    let [blockers, warnings, infos] = choices.severities;

    let row_html = |position: usize| {
        let i = rows[position] as usize;
        let finding = &assessment.findings[i];
        let owner = index.owner.get(i).copied().unwrap_or(0) as usize;
        let key = assessment.resources.get(owner).map(|r| r.id.key().to_string()).unwrap_or_default();
        let is_selected = selected.as_deref() == Some(key.as_str());
        let onclick = {
            let (selected, key) = (selected.clone(), key.clone());
            Callback::from(move |_: MouseEvent| selected.set(Some(key.clone())))
        };
        html! {
            <tr key={i} class={classes!("finding-row", is_selected.then_some("selected"))}
                aria-current={is_selected.then_some("true")} {onclick}>
                <td><span class={classes!("badge", severity_class(finding.severity))}>{finding.severity.label()}</span></td>
                <td class="rule">
                    <code>{finding.rule}</code>
                    <span class="muted small block">{finding.rule_name}</span>
                </td>
                <td class="finding-resource">
                    <button type="button" class="row-button" title={finding.resource.as_str().to_string()}>
                        {&finding.resource_name}
                    </button>
                    <span class="muted small block">{finding.category}</span>
                </td>
                <td class="finding-message">{&finding.message}</td>
                <td class="evidence">
                    <code class="wrap">{&finding.evidence.path}</code>{" = "}<code class="wrap">{&finding.evidence.value}</code>
                </td>
            </tr>
        }
    };

    let tally = props.decisions.tally(assessment);
    let mode = |grouped: bool| {
        let by_rule = by_rule.clone();
        Callback::from(move |_: MouseEvent| by_rule.set(grouped))
    };
    let toggle = html! {
        <div class="segmented" role="group" aria-label="Show the findings">
            <button type="button" class="button small" data-testid="findings-by-rule"
                aria-pressed={by_rule.to_string()} onclick={mode(true)}>{"By rule, with decisions"}</button>
            <button type="button" class="button small" data-testid="findings-each"
                aria-pressed={(!*by_rule).to_string()} onclick={mode(false)}>{"Each finding"}</button>
            <span class="muted small" data-testid="findings-decisions">{format!("Decisions: {tally}")}</span>
        </div>
    };
    if *by_rule {
        return html! {
            <section class="panel findings" id="findings" aria-labelledby="findings-title">
                <div class="section-head">
                    <h2 id="findings-title" tabindex="-1">{"Findings"}</h2>
                    <p class="muted">{format::plural(total, "finding", "findings")}</p>
                </div>
                {toggle}
                <FindingsGroups analysis={analysis.clone()} decisions={props.decisions.clone()}
                    on_decide={props.on_decide.clone()} focus={props.focus.clone()} />
            </section>
        };
    }
    html! {
        <section class="panel findings" id="findings" aria-labelledby="findings-title">
            <div class="section-head">
                <h2 id="findings-title" tabindex="-1">{"Findings"}</h2>
                <p class="muted" aria-live="polite">
                    if filter.is_empty() {
                        {format::plural(total, "finding", "findings")}
                    } else {
                        {format!("{} of {} match", format::count(len), format::count(total))}
                    }
                </p>
            </div>
            {toggle}
            if total > 0 {
                <div class="finding-filters">
                    <div class="filter">
                        <label for="finding-severity">{"Severity"}</label>
                        <select id="finding-severity" data-testid="finding-severity" onchange={on_severity}>
                            <option value="" selected={severity_value.is_none()}>{format!("All ({})", format::count(total))}</option>
                            {option("blocker".into(), "Blockers".into(), blockers, severity_value)}
                            {option("warning".into(), "Warnings".into(), warnings, severity_value)}
                            {option("info".into(), "Info".into(), infos, severity_value)}
                        </select>
                    </div>
                    <div class="filter">
                        <label for="finding-category">{"Category"}</label>
                        <select id="finding-category" data-testid="finding-category" onchange={on_category}>
                            <option value="" selected={filter.category.is_none()}>{"All"}</option>
                            { for choices.categories.iter().map(|c| option(c.value.clone(), c.label.clone(), c.count, filter.category.as_deref())) }
                        </select>
                    </div>
                    <div class="filter">
                        <label for="finding-group">{"Resource group"}</label>
                        <select id="finding-group" data-testid="finding-group" onchange={on_group}>
                            <option value="" selected={filter.resource_group.is_none()}>{"All"}</option>
                            { for choices.resource_groups.iter().map(|c| option(c.value.clone(), c.label.clone(), c.count, filter.resource_group.as_deref())) }
                        </select>
                    </div>
                    <div class="filter">
                        <label for="finding-type">{"Type"}</label>
                        <select id="finding-type" data-testid="finding-type" onchange={on_type}>
                            <option value="" selected={filter.resource_type.is_none()}>{"All"}</option>
                            { for choices.resource_types.iter().map(|c| option(c.value.clone(), c.label.clone(), c.count, filter.resource_type.as_deref())) }
                        </select>
                    </div>
                    if !filter.is_empty() {
                        <button type="button" class="button small ghost" onclick={reset}>{"Reset filters"}</button>
                    }
                </div>
            }
            <div class="resources-layout findings-layout">
                <div class="findings-main">
                    if total == 0 {
                        <p class="good-note">{"No findings: nothing in the export stands in the way of this move."}</p>
                    } else {
                        <div class="table-wrap findings-wrap" tabindex="0" role="region" aria-label="Findings table">
                            <table class="findings-table" data-testid="findings-table">
                                <caption class="visually-hidden">
                                    {"Findings of the assessment. Choose a resource to see its evidence, remediation and migration method."}
                                </caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{"Severity"}</th>
                                        <th scope="col">{"Rule"}</th>
                                        <th scope="col">{"Resource"}</th>
                                        <th scope="col">{"Message"}</th>
                                        <th scope="col">{"Evidence"}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    { for range.clone().map(row_html) }
                                </tbody>
                            </table>
                            if len == 0 {
                                <p class="rt-empty">{"No finding matches the filters."}</p>
                            }
                        </div>
                        if pages > 1 {
                            <nav class="pager" aria-label="Findings pages">
                                <button type="button" class="button small" disabled={current_page == 0}
                                    onclick={go(current_page.saturating_sub(1))}>{"Previous"}</button>
                                <span class="muted">
                                    {format!("Page {} of {} (findings {}–{} of {})", current_page + 1, pages,
                                        format::count(range.start + 1), format::count(range.end), format::count(len))}
                                </span>
                                <button type="button" class="button small" disabled={current_page + 1 >= pages}
                                    onclick={go(current_page + 1)}>{"Next"}</button>
                            </nav>
                        }
                    }
                </div>
                if let Some(index) = *selected_index {
                    <aside class="detail" aria-label="Resource assessment">
                        <ResourceAssessmentView analysis={analysis.clone()} {index}
                            testid="resource-assessment" on_close={Some(on_close)} />
                    </aside>
                } else {
                    <aside class="detail empty" aria-label="Resource assessment">
                        <p class="muted">{"Choose a finding to see the resource's evidence, remediation, \
                                           alternatives and migration method."}</p>
                    </aside>
                }
            </div>
        </section>
    }
}

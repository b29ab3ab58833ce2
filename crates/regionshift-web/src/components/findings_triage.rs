//! The findings triage: the findings grouped by rule (one row per rule with its severity,
//! count and affected resources, expanding to the list), searched as free text, filtered
//! by readiness and sorted (`triage.rs`), and the team's decision on a rule or on one
//! finding: open, accepted, waived (with a reason) or needs work, an owner and a note.
//! Decisions go to the app's state, which keeps them in this browser for the loaded
//! inventory and puts them in the downloads.

use std::collections::BTreeSet;

use regionshift_core::assess::Assessment;
use regionshift_core::decisions::{Decision, Decisions, Status};
use regionshift_core::Analysis;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::resource_assessment::severity_class;
use super::Shared;
use crate::format;
use crate::triage::{self, GroupQuery, SortBy};

/// A decision asked for: the rule, the resource id for one finding (none for the whole
/// rule), and the decision.
pub type Decide = (String, Option<String>, Decision);

/// A request to show one rule's findings (from the dashboard's top blockers); `nonce`
/// makes asking twice for the same rule a new request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleFocus {
    pub rule: String,
    pub nonce: u64,
}

#[derive(Properties, PartialEq)]
pub struct FindingsGroupsProps {
    pub analysis: Shared<Analysis>,
    pub decisions: Decisions,
    pub on_decide: Callback<Decide>,
    #[prop_or_default]
    pub focus: Option<RuleFocus>,
}

fn select_value(event: &Event) -> String {
    event.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default()
}

/// The findings by rule with search, readiness filter, sort and decisions.
#[function_component]
pub fn FindingsGroups(props: &FindingsGroupsProps) -> Html {
    let query = use_state_eq(GroupQuery::default);
    let expanded = use_state_eq(BTreeSet::<String>::new);

    // A rule asked for from the dashboard: search for it, expand it, focus its row.
    {
        let (query, expanded) = (query.clone(), expanded.clone());
        use_effect_with(props.focus.clone(), move |focus| {
            let mut pending = None;
            if let Some(focus) = focus {
                query.set(GroupQuery { text: focus.rule.clone(), ..GroupQuery::default() });
                expanded.set(BTreeSet::from([focus.rule.clone()]));
                let selector = format!("[data-testid=\"findings-groups\"] [data-rule=\"{}\"]", focus.rule);
                pending = Some(gloo::timers::callback::Timeout::new(60, move || {
                    let Some(row) = gloo::utils::document().query_selector(&selector).ok().flatten() else { return };
                    // The row scrolls to the top, below the sticky navigation (its
                    // scroll-margin-top), then its toggle takes the focus.
                    row.scroll_into_view();
                    let toggle = row.query_selector(".row-toggle").ok().flatten();
                    if let Some(Ok(toggle)) = toggle.map(wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>) {
                        let _ = toggle.focus();
                    }
                }));
            }
            move || drop(pending)
        });
    }

    // Sorting by decision depends on the decisions; other orders do not, so typing a note
    // does not regroup the findings.
    let decisions_for_sort = (query.sort == SortBy::Decision).then(|| props.decisions.clone());
    let groups =
        use_memo((props.analysis.clone(), (*query).clone(), decisions_for_sort), |(analysis, query, decisions)| {
            let empty = Decisions::default();
            analysis
                .assessment
                .as_ref()
                .map(|a| triage::group_findings(a, decisions.as_ref().unwrap_or(&empty), query))
                .unwrap_or_default()
        });
    let Some(assessment) = props.analysis.assessment.as_ref() else { return Html::default() };

    let on_text = {
        let query = query.clone();
        Callback::from(move |event: InputEvent| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else { return };
            query.set(GroupQuery { text: input.value(), ..(*query).clone() });
        })
    };
    let on_readiness = {
        let query = query.clone();
        Callback::from(move |event: Event| {
            let readiness = triage::parse_readiness(&select_value(&event));
            query.set(GroupQuery { readiness, ..(*query).clone() });
        })
    };
    let on_sort = {
        let query = query.clone();
        Callback::from(move |event: Event| {
            let sort = SortBy::parse(&select_value(&event)).unwrap_or_default();
            query.set(GroupQuery { sort, ..(*query).clone() });
        })
    };
    let readiness_value =
        query.readiness.and_then(|r| triage::READINESS.iter().find(|(x, _)| *x == r)).map(|(_, v)| *v);
    let shown: usize = groups.iter().map(|g| g.findings.len()).sum();

    html! {
        <div class="triage">
            <div class="finding-filters">
                <div class="filter grow">
                    <label for="findings-search">{"Search"}</label>
                    <input id="findings-search" type="search" data-testid="findings-search" value={query.text.clone()}
                        placeholder="Rule, resource, type, message…" oninput={on_text} />
                </div>
                <div class="filter">
                    <label for="findings-readiness">{"Readiness"}</label>
                    <select id="findings-readiness" data-testid="findings-readiness" onchange={on_readiness}>
                        <option value="" selected={readiness_value.is_none()}>{"All resources"}</option>
                        { for triage::READINESS.iter().map(|(readiness, value)| html! {
                            <option value={*value} selected={readiness_value == Some(*value)}>{readiness.label()}</option>
                        }) }
                    </select>
                </div>
                <div class="filter">
                    <label for="findings-sort">{"Sort"}</label>
                    <select id="findings-sort" data-testid="findings-sort" onchange={on_sort}>
                        { for SortBy::ALL.iter().map(|sort| html! {
                            <option value={sort.as_str()} selected={query.sort == *sort}>{sort.label()}</option>
                        }) }
                    </select>
                </div>
            </div>
            <p class="muted small" aria-live="polite">
                {format!("{} in {}", format::plural(shown, "finding", "findings"), format::plural(groups.len(), "rule", "rules"))}
            </p>
            <div class="rule-groups" data-testid="findings-groups" role="list" aria-label="Findings by rule">
                { for groups.iter().map(|group| {
                    let is_open = expanded.contains(group.rule);
                    let toggle = {
                        let (expanded, rule) = (expanded.clone(), group.rule.to_string());
                        Callback::from(move |_: MouseEvent| {
                            let mut next = (*expanded).clone();
                            if !next.remove(&rule) {
                                next.insert(rule.clone());
                            }
                            expanded.set(next);
                        })
                    };
                    let rule_decision = props.decisions.rule(group.rule).cloned().unwrap_or_default();
                    let on_rule = {
                        let (on_decide, rule) = (props.on_decide.clone(), group.rule.to_string());
                        Callback::from(move |decision: Decision| on_decide.emit((rule.clone(), None, decision)))
                    };
                    let list_id = format!("rule-findings-{}", group.rule);
                    html! {
                        <div class="rule-group" role="listitem" key={group.rule} data-rule={group.rule}>
                            <div class="rule-row">
                                <button type="button" class="row-toggle" aria-expanded={is_open.to_string()}
                                    aria-controls={is_open.then(|| list_id.clone())} onclick={toggle}>
                                    <span class={classes!("badge", severity_class(group.severity))}>{group.severity.label()}</span>
                                    {" "}<code>{group.rule}</code>{" "}<span class="rule-name">{group.rule_name}</span>
                                </button>
                                <span class="rule-counts muted small">
                                    {format!("{} on {} · {}",
                                        format::plural(group.findings.len(), "finding", "findings"),
                                        format::plural(group.resources, "resource", "resources"),
                                        group.category)}
                                </span>
                                <DecisionControls scope="rule" subject={group.rule.to_string()}
                                    decision={rule_decision.clone()} inherited={None::<Decision>} on_change={on_rule} />
                            </div>
                            if is_open {
                                <div class="rule-body" id={list_id}>
                                    <p class="small"><strong>{"Remediation: "}</strong>{group.remediation}</p>
                                    <ul class="rule-findings">
                                        { for group.findings.iter().take(triage::GROUP_ROWS).map(|&i| finding_row(assessment, i, &props.decisions, &rule_decision, &props.on_decide)) }
                                    </ul>
                                    if group.findings.len() > triage::GROUP_ROWS {
                                        <p class="muted small">
                                            {format!("and {} more: search to narrow them, or decide for the whole rule above",
                                                format::count(group.findings.len() - triage::GROUP_ROWS))}
                                        </p>
                                    }
                                </div>
                            }
                        </div>
                    }
                }) }
            </div>
            if groups.is_empty() {
                <p class="rt-empty">{"No finding matches."}</p>
            }
        </div>
    }
}

/// One finding under its rule, with its own decision (or its rule's, shown as inherited).
fn finding_row(
    assessment: &Assessment,
    i: usize,
    decisions: &Decisions,
    rule_decision: &Decision,
    on_decide: &Callback<Decide>,
) -> Html {
    let Some(finding) = assessment.findings.get(i) else { return Html::default() };
    let own = decisions.finding(finding.rule, finding.resource.as_str()).cloned();
    let on_change = {
        let (on_decide, rule, resource) =
            (on_decide.clone(), finding.rule.to_string(), finding.resource.as_str().to_string());
        Callback::from(move |decision: Decision| on_decide.emit((rule.clone(), Some(resource.clone()), decision)))
    };
    let inherited = (own.is_none() && !rule_decision.is_blank()).then(|| rule_decision.clone());
    html! {
        <li key={i} class="rule-finding" data-resource={finding.resource.as_str().to_string()}>
            <div class="rule-finding-text">
                <strong title={finding.resource.as_str().to_string()}>{&finding.resource_name}</strong>
                <span class="muted small">{format!(" {}", finding.resource_type)}</span>
                <p class="small">{&finding.message}</p>
                if !finding.alternatives.is_empty() {
                    <p class="small"><strong>{"Alternatives: "}</strong>{finding.alternatives.join(", ")}</p>
                }
            </div>
            <DecisionControls scope="finding" subject={format!("{} on {}", finding.rule, finding.resource_name)}
                decision={own.unwrap_or_default()} {inherited} {on_change} />
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct DecisionControlsProps {
    /// `rule` or `finding`, as `data-scope`.
    scope: &'static str,
    /// What the decision is about, for the controls' accessible names.
    subject: String,
    decision: Decision,
    /// For a finding without its own decision, its rule's.
    inherited: Option<Decision>,
    on_change: Callback<Decision>,
}

/// The decision select, the owner and the note of a rule or a finding.
#[function_component]
fn DecisionControls(props: &DecisionControlsProps) -> Html {
    let shown = props.inherited.as_ref().unwrap_or(&props.decision);
    let on_status = {
        let (on_change, decision) = (props.on_change.clone(), props.decision.clone());
        Callback::from(move |event: Event| {
            let status = select_value(&event).parse().unwrap_or_default();
            on_change.emit(Decision { status, ..decision.clone() });
        })
    };
    let text = |field: fn(&mut Decision, String)| {
        let (on_change, decision) = (props.on_change.clone(), props.decision.clone());
        let status = shown.status;
        Callback::from(move |event: InputEvent| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else { return };
            // Writing an owner or note on a finding that follows its rule starts its own
            // decision, with the rule's status.
            let mut next =
                Decision { status: if decision.is_blank() { status } else { decision.status }, ..decision.clone() };
            field(&mut next, input.value());
            on_change.emit(next);
        })
    };
    let lacks_reason = shown.lacks_reason();
    let inherited = props.inherited.is_some();
    html! {
        <div class={classes!("decision", format!("decision-{}", shown.status.as_str()))} data-scope={props.scope}>
            <select data-testid="finding-decision" aria-label={format!("Decision for {}", props.subject)} onchange={on_status}>
                { for Status::ALL.iter().map(|status| html! {
                    <option value={status.as_str()} selected={shown.status == *status}>{status.label()}</option>
                }) }
            </select>
            <input type="text" data-testid="finding-owner" aria-label={format!("Owner of {}", props.subject)}
                placeholder={if inherited { props.inherited.as_ref().map(|d| d.owner.clone()).filter(|o| !o.is_empty()).unwrap_or_else(|| "Owner".into()) } else { "Owner".into() }}
                value={props.decision.owner.clone()} oninput={text(|d, v| d.owner = v)} />
            <input type="text" data-testid="finding-note" aria-label={format!("Note on {}", props.subject)}
                placeholder={if shown.status == Status::Waived { "Why it is waived" } else { "Note" }}
                aria-invalid={(lacks_reason && !inherited).then_some("true")}
                value={props.decision.note.clone()} oninput={text(|d, v| d.note = v)} />
            if inherited {
                <span class="muted small">{"as the rule"}</span>
            } else if lacks_reason {
                <span class="badge warn small">{"say why it is waived"}</span>
            }
        </div>
    }
}

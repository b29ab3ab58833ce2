//! The Compare view: every target side by side, from the report model's comparison
//! section (`report::comparison_section`), so it says what the report and the CLI say.
//! Before the user asks, a button; then the suggestion with its reasons, the ranking rule
//! (presets or the user's own, applied without analysing again), and a sortable table of
//! the targets, one row each, with a button that makes a row the current target; below,
//! what blocks each target and its pair.

use std::rc::Rc;

use regionshift_core::compare::{Comparison, Ranking};
use regionshift_core::report::{self, ComparisonRow, ComparisonSection};
use regionshift_core::Analysis;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::{Shared, SharedArc};
use crate::comparison::{self, Column, Sort};
use crate::format;

/// Rules offered as presets; any other rule can be typed.
const PRESETS: [(&str, &str); 5] = [
    ("blockers,cost,duration", "Fewest blockers, then cost, then duration (default)"),
    ("blockers,duration,cost", "Fewest blockers, then duration, then cost"),
    ("blockers,unknown,cost,duration", "Fewest blockers, then fewest Unknown, then cost, then duration"),
    ("cost,blockers,duration", "Lowest cost first"),
    ("blockers=3,cost=1,duration=1", "Weighted: 3 × blockers + cost + duration"),
];

/// Resources listed per target as Not ready there and ready elsewhere.
const READY_ELSEWHERE_SHOWN: usize = 20;

#[derive(Properties, PartialEq)]
pub struct CompareViewProps {
    pub analysis: Shared<Analysis>,
    /// The comparison of the current inputs and options, once made.
    pub comparison: Option<SharedArc<Comparison>>,
    /// The user asked for it (it is being made when there is none yet).
    pub wanted: bool,
    pub ranking: Ranking,
    /// The current target (programmatic name).
    pub target: Option<String>,
    pub on_compare: Callback<()>,
    pub on_ranking: Callback<Ranking>,
    /// Makes a target the current one.
    pub on_target: Callback<Option<String>>,
}

#[function_component]
pub fn CompareView(props: &CompareViewProps) -> Html {
    let sort = use_state_eq(Sort::default);
    let section = use_memo((props.analysis.clone(), props.comparison.clone()), |(analysis, comparison)| {
        comparison.as_ref().map(|comparison| Shared(Rc::new(report::comparison_section(analysis, comparison))))
    });
    html! {
        <section class="panel compare" id="compare" aria-labelledby="compare-title" data-testid="compare-view">
            <div class="section-head">
                <h2 id="compare-title">{"Compare targets"}</h2>
                <p class="muted">{"Every target region the catalog knows, side by side, on the same inputs and options"}</p>
            </div>
            { match (&*section, props.wanted) {
                (Some(section), _) => html! {
                    <Compared
                        section={section.clone()}
                        analysis={props.analysis.clone()}
                        ranking={props.ranking.clone()}
                        target={props.target.clone()}
                        sort={*sort}
                        on_sort={Callback::from({ let sort = sort.clone(); move |column: Column| sort.set(sort.clicked(column)) })}
                        on_ranking={props.on_ranking.clone()}
                        on_target={props.on_target.clone()}
                    />
                },
                (None, true) => html! {
                    <p class="status busy" role="status"><span class="spinner" aria-hidden="true"></span>
                        {"Comparing every target…"}</p>
                },
                (None, false) => html! {
                    <>
                        <p>{"Assess, price and plan the move for every target at once: readiness, blockers, monthly cost, \
                             duration, whether the move crosses clouds and which regions are restricted, ranked by a rule \
                             you can change, with the suggestion explained."}</p>
                        <p class="actions">
                            <button type="button" class="button primary" data-testid="compare-button"
                                onclick={props.on_compare.reform(|_: MouseEvent| ())}>{"Compare every target"}</button>
                        </p>
                    </>
                },
            } }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ComparedProps {
    section: Shared<ComparisonSection>,
    analysis: Shared<Analysis>,
    ranking: Ranking,
    target: Option<String>,
    sort: Sort,
    on_sort: Callback<Column>,
    on_ranking: Callback<Ranking>,
    on_target: Callback<Option<String>>,
}

#[function_component]
fn Compared(props: &ComparedProps) -> Html {
    let section = &props.section;
    let rows = &section.rows;
    let order = comparison::sorted(rows, props.sort);
    let choose = |target: &str| {
        let (on_target, target) = (props.on_target.clone(), target.to_string());
        Callback::from(move |_: MouseEvent| on_target.emit(Some(target.clone())))
    };
    let header = |column: Column| {
        let numeric = column != Column::Target;
        let sorted = props.sort.column == column;
        let aria_sort = match (sorted, props.sort.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        let arrow = match (sorted, props.sort.descending) {
            (false, _) => "",
            (true, false) => "▲",
            (true, true) => "▼",
        };
        let onclick = props.on_sort.reform(move |_: MouseEvent| column);
        html! {
            <th scope="col" aria-sort={aria_sort} class={classes!(numeric.then_some("num"))}>
                <button type="button" class="sort-button" {onclick}>
                    {column.title()}<span class="sort-arrow" aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    let is_current = |row: &ComparisonRow| props.target.as_deref() == Some(row.target.as_str());
    html! {
        <>
            if let Some(suggestion) = &section.suggestion {
                <div class="compare-suggestion" data-testid="compare-suggestion">
                    <h3>{format!("Suggested: {} ({})", suggestion.target_name, suggestion.target)}</h3>
                    <ul>
                        { for suggestion.reasons.iter().map(|reason| html! { <li>{reason}</li> }) }
                    </ul>
                    if props.target.as_deref() != Some(suggestion.target.as_str()) {
                        <p class="actions">
                            <button type="button" class="button primary" data-testid="compare-use-suggestion"
                                onclick={choose(&suggestion.target)}>
                                {format!("Make {} the target", suggestion.target_name)}
                            </button>
                        </p>
                    }
                </div>
            }
            <RankingRule ranking={props.ranking.clone()} words={section.rule.clone()} on_ranking={props.on_ranking.clone()} />
            if let Some(today) = &section.today {
                <p class="muted small">{format!("Today the estate costs {} a month{}. Costs in CNY and USD are compared only with an exchange rate (Cost view).",
                    today.money(), today.priced_percent.map(|p| format!(" ({p} of chargeable resources priced)")).unwrap_or_default())}</p>
            }
            <div class="table-wrap">
                <table class="files compare-table" data-testid="compare-table">
                    <caption class="visually-hidden">{"Every target, one row each; click a header to sort"}</caption>
                    <thead>
                        <tr>
                            {header(Column::Rank)}
                            {header(Column::Target)}
                            <th scope="col">{"Cloud"}</th>
                            <th scope="col" class="num">{"Ready"}</th>
                            <th scope="col" class="num">{"With conditions"}</th>
                            {header(Column::NotReady)}
                            {header(Column::Unknown)}
                            {header(Column::Blockers)}
                            {header(Column::Monthly)}
                            {header(Column::Priced)}
                            <th scope="col" class="num">{"Change"}</th>
                            {header(Column::Plan)}
                            <th scope="col" class="num">{"Waves"}</th>
                            <th scope="col">{"Notes"}</th>
                            <th scope="col"><span class="visually-hidden">{"Target"}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        { for order.iter().map(|&i| {
                            let row = &rows[i];
                            let current = is_current(row);
                            html! {
                                <tr key={row.target.clone()} data-testid="compare-row" data-target={row.target.clone()}
                                    class={classes!(current.then_some("selected"))} aria-current={current.then_some("true")}>
                                    <td class="num">{row.rank}</td>
                                    <th scope="row">{&row.target_name}<span class="muted small block">{&row.target}</span></th>
                                    <td class="small">{&row.cloud}</td>
                                    <td class="num">{format::count(row.count("ready"))}</td>
                                    <td class="num">{format::count(row.count("ready-with-conditions"))}</td>
                                    <td class="num">{format::count(row.count("not-ready"))}</td>
                                    <td class="num">{format::count(row.count("unknown"))}</td>
                                    <td class="num">{format::count(row.blockers)}</td>
                                    <td class="num">{row.money().to_string()}</td>
                                    <td class="num">{row.priced_percent.map_or("n/a".to_string(), |p| p.to_string())}</td>
                                    <td class="num">{row.change().map_or("n/a".to_string(), |c| c.change().to_string())}</td>
                                    <td class="num">{row.plan_hours.to_string()}</td>
                                    <td class="num">{row.waves}</td>
                                    <td class="small">{notes(row)}</td>
                                    <td>
                                        if current {
                                            <span class="badge ok">{"current target"}</span>
                                        } else {
                                            <button type="button" class="button small" data-testid="compare-choose"
                                                onclick={choose(&row.target)}
                                                aria-label={format!("Make {} the target", row.target_name)}>{"Make target"}</button>
                                        }
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <h3>{"Each target"}</h3>
            { for order.iter().map(|&i| details(&rows[i], &props.analysis)) }
        </>
    }
}

/// The short notes of a row: current, restricted, a notice, crossing clouds.
fn notes(row: &ComparisonRow) -> String {
    let mut notes = Vec::new();
    if row.restricted {
        notes.push("access-restricted");
    } else if !row.notice.is_empty() {
        notes.push("notice");
    }
    if row.crosses_clouds {
        notes.push("crosses clouds");
    }
    notes.join(", ")
}

/// What blocks a target, what is Not ready there and ready elsewhere, its pair and notice.
fn details(row: &ComparisonRow, analysis: &Analysis) -> Html {
    let name =
        |position: usize| analysis.inventory.resources.get(position).map_or("?", |r| r.name.as_str()).to_string();
    html! {
        <details key={row.target.clone()} class="compare-details">
            <summary>{format!("{}. {} ({}): {}, {} Not ready here and ready elsewhere", row.rank, row.target_name, row.target,
                format::plural(row.blockers, "blocker", "blockers"), format::count(row.ready_elsewhere.len()))}</summary>
            if !row.blocked.is_empty() {
                <ul class="small">
                    { for row.blocked.iter().map(|b| html! {
                        <li><code>{&b.what}</code>{format!(" ({} {}): {}", b.rule, b.rule_name, format::plural(b.resources, "resource", "resources"))}</li>
                    }) }
                </ul>
            }
            if !row.ready_elsewhere.is_empty() {
                <p class="small">{"Not ready here, ready elsewhere:"}</p>
                <ul class="small">
                    { for row.ready_elsewhere.iter().take(READY_ELSEWHERE_SHOWN).map(|r| html! {
                        <li>{format!("{}: ready in {}", name(r.resource), r.ready_in.join(", "))}</li>
                    }) }
                    if row.ready_elsewhere.len() > READY_ELSEWHERE_SHOWN {
                        <li class="muted">{format!("and {} more (in the report and the JSON export)", format::count(row.ready_elsewhere.len() - READY_ELSEWHERE_SHOWN))}</li>
                    }
                </ul>
            }
            if let Some(paired) = &row.paired {
                <p class="small">{format!("Pair for disaster recovery: {} ({}): {}.", paired.region_name, paired.region, paired.readiness())}</p>
            }
            if !row.notice.is_empty() {
                <p class="caveat small" role="note">{&row.notice}</p>
            }
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct RankingRuleProps {
    ranking: Ranking,
    words: String,
    on_ranking: Callback<Ranking>,
}

/// The ranking rule in words, with presets and a field for the user's own rule.
#[function_component]
fn RankingRule(props: &RankingRuleProps) -> Html {
    let error = use_state_eq(|| None::<String>);
    let current = props.ranking.to_string();
    let on_preset = {
        let (on_ranking, error) = (props.on_ranking.clone(), error.clone());
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<HtmlSelectElement>() else { return };
            if let Ok(ranking) = select.value().parse::<Ranking>() {
                error.set(None);
                on_ranking.emit(ranking);
            }
        })
    };
    let on_custom = {
        let (on_ranking, error) = (props.on_ranking.clone(), error.clone());
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else { return };
            match input.value().parse::<Ranking>() {
                Ok(ranking) => {
                    error.set(None);
                    on_ranking.emit(ranking);
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    let is_preset = PRESETS.iter().any(|(rule, _)| *rule == current);
    html! {
        <div class="compare-rule">
            <p>{"Ranked by "}<strong data-testid="compare-rule">{&props.words}</strong>{"."}</p>
            <div class="field-row">
                <label for="compare-rank" class="field-label">{"Rule"}</label>
                <select id="compare-rank" data-testid="compare-rank" onchange={on_preset}>
                    { for PRESETS.iter().map(|(rule, label)| html! {
                        <option value={*rule} selected={*rule == current}>{*label}</option>
                    }) }
                    if !is_preset {
                        <option value={current.clone()} selected=true>{format!("Your rule: {current}")}</option>
                    }
                </select>
                <label for="compare-rank-custom" class="field-label">{"or write one"}</label>
                <input id="compare-rank-custom" type="text" data-testid="compare-rank-custom" value={current.clone()}
                    placeholder="blockers,cost,duration or blockers=3,cost=1,duration=1" onchange={on_custom}
                    aria-describedby="compare-rank-help" />
            </div>
            <p id="compare-rank-help" class="muted small">
                {"Criteria in order (blockers, cost, duration, unknown): the first that tells two targets apart decides; \
                  or weights, each criterion relative to the highest among the targets. Costs compare like for like, on \
                  the resources priced in every target."}
            </p>
            if let Some(message) = &*error {
                <p class="error small" role="alert">{message}</p>
            }
        </div>
    }
}

//! The cost view: the monthly total in the target next to today (the actual spend of the
//! Cost Management exports loaded, with its period, or list prices) and the change
//! computed like for like, coverage, a chart and breakdowns by category, resource group
//! and type, the most expensive resources, the unpriced bins, the pricing options and
//! usage assumptions (global and per resource), the user's price files with what they
//! gave, and the spend files with what they gave (matched resources, spend on no
//! resource of the inventory, chargeable resources without spend).

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use regionshift_core::cost::{
    self, Assumptions, Basis, Comparison, CostOptions, DiscountPercent, Estimate, ExchangeRate,
};
use regionshift_core::spend::SpendSummary;

use regionshift_core::units::{Currency, Hours, Money, Percent};
use regionshift_core::Analysis;
use rust_decimal::Decimal;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::pager::Pager;
use super::side_files::SideFiles;
use super::Shared;
use crate::dom;
use crate::format;
use crate::state::{Destination, State};
use crate::table::{Page, PAGE_SIZE};

/// Resources listed in "most expensive".
const TOP: usize = 15;

#[derive(Properties, PartialEq)]
pub struct CostViewProps {
    pub analysis: Shared<Analysis>,
    pub state: UseReducerHandle<State>,
    pub on_options: Callback<CostOptions>,
    pub on_price_files: Callback<Vec<web_sys::File>>,
    pub on_spend_files: Callback<Vec<web_sys::File>>,
    pub on_remove_side_file: Callback<u64>,
    pub on_cancel: Callback<u64>,
}

fn money(amount: Decimal, currency: Currency) -> String {
    Money::new(amount, currency).to_string()
}

fn percent(value: Option<Decimal>) -> String {
    value.map_or_else(|| "n/a".to_string(), |p| Percent(p).to_string())
}

/// An estimate's total, or "not priced" with the count when it prices nothing: never a
/// total of 0.00 for resources nobody priced.
fn total_text(estimate: &Estimate) -> String {
    let coverage = &estimate.coverage;
    if coverage.priced_resources == 0 && estimate.total_monthly.is_zero() {
        format!("not priced ({})", format::plural(coverage.chargeable(), "chargeable resource", "chargeable resources"))
    } else {
        money(estimate.total_monthly, estimate.currency)
    }
}

/// An amount in a currency given by its code (spend files may bill in any).
fn money_in(amount: Decimal, currency: &str) -> String {
    format!("{currency} {}", regionshift_core::units::Amount(amount))
}

/// `3 months, 2025-01-05 to 2025-03-31`.
fn period(spend: &SpendSummary) -> String {
    match (spend.period_start, spend.period_end) {
        (Some(start), Some(end)) => {
            format!("{}, {start} to {end}", format::plural(spend.months as usize, "month", "months"))
        }
        _ => "no rows".to_string(),
    }
}

/// The change, like for like, or why there is none.
fn change_stat(comparison: &Comparison) -> Html {
    let against = match comparison.basis {
        Basis::ActualSpend => "against the actual spend",
        Basis::ListPrice => "against list prices",
    };
    match comparison.change {
        Some(change) => html! {
            <>
                <strong class={classes!("stat-value", if change.is_sign_positive() { "up" } else { "down" })}>
                    {Money::new(change, comparison.target_currency).change().to_string()}
                </strong>
                <span class="muted small" data-testid="cost-change-scope">{format!(
                    "{against}, over the {} priced on both sides ({} today, {} in the target; {} of today's total, {} of the target's)",
                    format::plural(comparison.resources, "resource", "resources"),
                    money_in(comparison.today_monthly, &comparison.today_currency),
                    money(comparison.target_monthly, comparison.target_currency),
                    percent(comparison.today_share_percent),
                    percent(comparison.target_share_percent),
                )}</span>
            </>
        },
        None => html! {
            <>
                <strong class="stat-value muted">{"—"}</strong>
                <span class="muted small" data-testid="cost-change-scope">{format!(
                    "{against}: {}",
                    comparison.note.as_deref().unwrap_or("the sides cannot be compared")
                )}</span>
            </>
        },
    }
}

#[function_component]
pub fn CostView(props: &CostViewProps) -> Html {
    let Some(report) = props.analysis.cost.as_ref() else { return Html::default() };
    let (target, source) = (&report.target, &report.source);
    let region = target.region.as_ref().map_or("the target", |r| r.as_str()).to_string();
    let spend = report.spend.as_ref();
    // What an option that prices nothing says, next to the totals.
    let option_notes: Vec<&String> = target.notes.iter().filter(|n| n.contains("reservation")).collect();
    let other_notes = target.notes.iter().chain(&source.notes).filter(|n| !n.contains("reservation"));
    html! {
        <section class="panel cost" id="cost" aria-labelledby="cost-title">
            <div class="section-head">
                <h2 id="cost-title">{format!("Monthly cost in {region}")}</h2>
                <p class="muted">{format!("List prices, {} a month", Hours(props.state.cost.hours_per_month.get()))}</p>
            </div>
            <div class="cost-totals" data-testid="cost-total">
                <div class="stat">
                    <span class="stat-label">{format!("In {region}")}</span>
                    <strong class="stat-value" data-testid="cost-target-total">{total_text(target)}</strong>
                    if let Some(converted) = &target.converted {
                        <span class="muted small">{format!("= {} at {}", money(converted.total_monthly, converted.rate.to), converted.rate.rate)}</span>
                    }
                    { for option_notes.iter().map(|note| html! { <span class="small warn-text" data-testid="cost-option-note">{note.to_string()}</span> }) }
                </div>
                <div class="stat">
                    if let Some(spend) = spend {
                        <span class="stat-label">{"Today, actual spend"}</span>
                        <strong class="stat-value" data-testid="cost-today">{money_in(spend.total_monthly, &spend.currency)}</strong>
                        <span class="muted small">{format!("a month over {} ({})", period(spend), spend.basis.map_or("cost", |b| b.label()))}</span>
                        <span class="muted small" data-testid="cost-list-price-today">{format!(
                            "at list prices: {} ({} priced)",
                            total_text(source),
                            format::count(source.coverage.priced_resources)
                        )}</span>
                    } else {
                        <span class="stat-label">{"Where it runs now, at list prices"}</span>
                        <strong class="stat-value" data-testid="cost-today">{total_text(source)}</strong>
                        if let Some(converted) = &source.converted {
                            <span class="muted small">{format!("= {} at {} {}/{}", money(converted.total_monthly, converted.rate.to), converted.rate.rate, converted.rate.to, converted.rate.from)}</span>
                        }
                        <span class="muted small">{"Load a Cost Management export below for what it actually costs"}</span>
                    }
                </div>
                <div class="stat">
                    <span class="stat-label">{"Change"}</span>
                    {change_stat(&report.comparison)}
                    if spend.is_some() && report.list_price_comparison.change.is_some() {
                        <span class="muted small">{format!(
                            "At list prices: {} over {}",
                            report.list_price_comparison.change.map(|c| Money::new(c, report.list_price_comparison.target_currency).change().to_string()).unwrap_or_default(),
                            format::plural(report.list_price_comparison.resources, "resource", "resources"),
                        )}</span>
                    }
                </div>
            </div>
            <p class="coverage" data-testid="cost-coverage">
                <strong>{"Coverage: "}</strong>
                {format!(
                    "{} of {} chargeable resources priced in {region} ({}); {} of today's priced cost is covered. {} free, {} unpriced (not counted as zero), {} of them not offered in {region} as they are (see the assessment). ",
                    format::count(target.coverage.priced_resources),
                    format::count(target.coverage.chargeable()),
                    percent(target.coverage.priced_percent),
                    percent(report.source_cost_coverage),
                    format::count(target.coverage.free_resources),
                    format::count(target.coverage.unpriced_resources),
                    format::count(target.coverage.not_offered_resources),
                )}
                {format!(
                    "Today's side: {} priced, {} unpriced. {} usage-based lines ({}) rest on the assumptions below.",
                    format::count(source.coverage.priced_resources),
                    format::count(source.coverage.unpriced_resources),
                    format::count(target.coverage.usage_based_lines),
                    money(target.usage_monthly, target.currency),
                )}
            </p>
            { for other_notes.map(|note| html! { <p class="muted small">{format!("Note: {note}")}</p> }) }
            <CategoryChart target={target.clone()} today={today_by_category(report, props.state.cost.exchange_rate.as_ref())} />
            <div class="cost-grid">
                <Breakdown title="By category" target={target.by_category.clone()} source={source.by_category.clone()} target_currency={target.currency} source_currency={source.currency} />
                <Breakdown title="By resource group" target={target.by_resource_group.clone()} source={source.by_resource_group.clone()} target_currency={target.currency} source_currency={source.currency} />
                <Breakdown title="By type" target={target.by_type.clone()} source={source.by_type.clone()} target_currency={target.currency} source_currency={source.currency} />
            </div>
            <MostExpensive estimate={target.clone()} />
            <UnpricedList estimate={target.clone()} />
            <OptionsPanel options={props.state.cost.clone()} estimate={target.clone()} on_options={props.on_options.clone()} />
            <PricesPanel
                analysis={props.analysis.clone()}
                state={props.state.clone()}
                on_price_files={props.on_price_files.clone()}
                on_remove={props.on_remove_side_file.clone()}
                on_cancel={props.on_cancel.clone()}
            />
            <SpendPanel
                analysis={props.analysis.clone()}
                state={props.state.clone()}
                on_spend_files={props.on_spend_files.clone()}
                on_remove={props.on_remove_side_file.clone()}
                on_cancel={props.on_cancel.clone()}
            />
        </section>
    }
}

/// Today by category: the actual spend of the matched resources when exports are
/// loaded, else list prices; with the factor that brings it into the target's currency
/// (1 when they agree, the user's rate otherwise, none without one).
#[derive(Clone, PartialEq)]
struct Today {
    by_category: BTreeMap<String, Decimal>,
    currency: String,
    label: &'static str,
    to_target: Option<Decimal>,
}

fn today_by_category(report: &regionshift_core::CostReport, rate: Option<&ExchangeRate>) -> Today {
    let target = report.target.currency;
    let (by_category, currency, label) = match &report.spend {
        Some(spend) => {
            let mut by_category: BTreeMap<String, Decimal> = BTreeMap::new();
            for line in &spend.lines {
                let category = cost::category(&line.resource.resource_type()).to_string();
                let sum = by_category.entry(category).or_default();
                *sum = sum.saturating_add(line.monthly);
            }
            (by_category, spend.currency.clone(), "today (actual spend)")
        }
        None => (report.source.by_category.clone(), report.source.currency.code().to_string(), "today (list prices)"),
    };
    let to_target = if currency == target.code() {
        Some(Decimal::ONE)
    } else {
        rate.filter(|r| r.from.code() == currency && r.to == target).map(|r| r.rate)
    };
    Today { by_category, currency, label, to_target }
}

#[derive(Properties, PartialEq)]
struct ChartProps {
    target: Estimate,
    today: Today,
}

/// Horizontal bars per category, the target above today. Both sides share one scale
/// when today can be expressed in the target's currency (the same currency, or a rate
/// given); otherwise each side has its own, and the chart says so.
#[function_component]
fn CategoryChart(props: &ChartProps) -> Html {
    let today = &props.today;
    let categories: BTreeSet<&String> = props.target.by_category.keys().chain(today.by_category.keys()).collect();
    if categories.is_empty() {
        return Html::default();
    }
    // Today's amounts in the target's currency where possible, for the shared scale.
    let today_scaled: BTreeMap<&String, Decimal> = today
        .by_category
        .iter()
        .map(|(k, v)| (k, today.to_target.and_then(|f| v.checked_mul(f)).unwrap_or(*v)))
        .collect();
    let max_target = props.target.by_category.values().copied().max().unwrap_or(Decimal::ZERO);
    let max_today = today_scaled.values().copied().max().unwrap_or(Decimal::ZERO);
    let one_scale = today.to_target.is_some();
    let (max_target, max_today) =
        if one_scale { (max_target.max(max_today), max_target.max(max_today)) } else { (max_target, max_today) };
    const LABEL: i64 = 130;
    const WIDTH: i64 = 420;
    const ROW: i64 = 34;
    let scale = |amount: Option<Decimal>, max: Decimal| -> i64 {
        let amount = amount.unwrap_or(Decimal::ZERO);
        if max.is_zero() {
            0
        } else {
            amount
                .checked_mul(Decimal::from(WIDTH))
                .and_then(|a| a.checked_div(max))
                .map_or(0, |v| v.round().try_into().unwrap_or(0))
        }
    };
    let height = ROW * categories.len() as i64 + 24;
    html! {
        <figure class="chart" data-testid="cost-chart">
            <svg viewBox={format!("0 0 {} {height}", LABEL + WIDTH + 130)} role="img"
                aria-label={format!("Monthly cost by category, target and {}", today.label)}>
                { for categories.iter().enumerate().map(|(row, category)| {
                    let y = row as i64 * ROW;
                    let t = props.target.by_category.get(*category).copied();
                    let s = today_scaled.get(category).copied();
                    let shown = today.by_category.get(*category).map(|a| money_in(*a, &today.currency)).unwrap_or_else(|| "–".to_string());
                    html! {
                        <g key={category.to_string()}>
                            <text x="0" y={(y + 18).to_string()} class="chart-label">{category.to_string()}</text>
                            <rect x={LABEL.to_string()} y={(y + 4).to_string()} height="12"
                                width={scale(t, max_target).to_string()} class="bar-target" />
                            <text x={(LABEL + scale(t, max_target) + 6).to_string()} y={(y + 14).to_string()} class="chart-value">{t.map_or_else(|| "–".to_string(), |a| money(a, props.target.currency))}</text>
                            <rect x={LABEL.to_string()} y={(y + 18).to_string()} height="12"
                                width={scale(s, max_today).to_string()} class="bar-source" />
                            <text x={(LABEL + scale(s, max_today) + 6).to_string()} y={(y + 28).to_string()} class="chart-value">{shown}</text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption class="muted small">
                <span class="key key-target"></span>{" target  "}<span class="key key-source"></span>{format!(" {}", today.label)}
                if one_scale {
                    if today.currency != props.target.currency.code() { {format!(" · one scale, {} converted to {} at the rate given", today.currency, props.target.currency)} }
                } else {
                    {format!(" · each side on its own scale ({} and {}): give an exchange rate to draw them on one", props.target.currency, today.currency)}
                }
            </figcaption>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
struct BreakdownProps {
    title: AttrValue,
    target: BTreeMap<String, Decimal>,
    source: BTreeMap<String, Decimal>,
    target_currency: Currency,
    source_currency: Currency,
}

#[function_component]
fn Breakdown(props: &BreakdownProps) -> Html {
    let page_number = use_state_eq(|| 0usize);
    let mut keys: Vec<&String> =
        props.target.keys().chain(props.source.keys()).collect::<BTreeSet<_>>().into_iter().collect();
    keys.sort_by(|a, b| {
        let (x, y) =
            (props.target.get(*a).copied().unwrap_or_default(), props.target.get(*b).copied().unwrap_or_default());
        y.cmp(&x).then_with(|| a.cmp(b))
    });
    let page = Page::of(keys.len(), *page_number, PAGE_SIZE);
    let on_page = {
        let page_number = page_number.clone();
        Callback::from(move |n: usize| page_number.set(n))
    };
    html! {
        <div class="breakdown">
            <h3>{&props.title}</h3>
            <Pager {page} {on_page} label={props.title.to_string()} />
            <table class="files compact">
                <thead><tr><th scope="col"><span class="visually-hidden">{&props.title}</span></th><th scope="col" class="num">{"Target"}</th><th scope="col" class="num">{"Today"}</th></tr></thead>
                <tbody>
                    { for keys[page.start..page.end].iter().map(|key| html! {
                        <tr key={key.to_string()}>
                            <th scope="row" class="wrap">{key.to_string()}</th>
                            <td class="num">{props.target.get(*key).map_or_else(|| "–".to_string(), |a| money(*a, props.target_currency))}</td>
                            <td class="num">{props.source.get(*key).map_or_else(|| "–".to_string(), |a| money(*a, props.source_currency))}</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct EstimateProps {
    estimate: Estimate,
}

#[function_component]
fn MostExpensive(props: &EstimateProps) -> Html {
    let top = props.estimate.most_expensive(TOP);
    if top.is_empty() {
        return Html::default();
    }
    html! {
        <div class="top-resources">
            <h3>{format!("Most expensive in the target (top {})", top.len())}</h3>
            <table class="files compact">
                <thead><tr><th scope="col">{"Resource"}</th><th scope="col">{"Type"}</th><th scope="col" class="num">{"Per month"}</th></tr></thead>
                <tbody>
                    { for top.iter().map(|(id, amount)| html! {
                        <tr key={id.as_str().to_string()}>
                            <th scope="row" class="wrap" title={id.as_str().to_string()}>{id.name()}</th>
                            <td class="muted small">{id.resource_type().to_string()}</td>
                            <td class="num">{money(*amount, props.estimate.currency)}</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[function_component]
fn UnpricedList(props: &EstimateProps) -> Html {
    let mut bins: BTreeMap<&str, Vec<&cost::Unpriced>> = BTreeMap::new();
    for unpriced in &props.estimate.unpriced {
        bins.entry(unpriced.reason.label()).or_default().push(unpriced);
    }
    html! {
        <div class="unpriced" data-testid="unpriced-list">
            <h3>{format!("Not priced ({}): left out of the total, never counted as zero", format::count(props.estimate.unpriced.len()))}</h3>
            if bins.is_empty() {
                <p class="muted">{"Every chargeable resource has a price."}</p>
            }
            { for bins.into_iter().map(|(reason, list)| html! {
                <UnpricedBin key={reason.to_string()} {reason} list={Shared(Rc::new(list.into_iter().cloned().collect::<Vec<_>>()))} />
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct BinProps {
    reason: &'static str,
    list: Shared<Vec<cost::Unpriced>>,
}

/// One reason's unpriced resources: rendered only when shown, a page at a time.
#[function_component]
fn UnpricedBin(props: &BinProps) -> Html {
    let shown = use_state_eq(|| false);
    let page_number = use_state_eq(|| 0usize);
    let toggle = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(!*shown))
    };
    let page = Page::of(props.list.len(), *page_number, PAGE_SIZE);
    let on_page = {
        let page_number = page_number.clone();
        Callback::from(move |n: usize| page_number.set(n))
    };
    html! {
        <div class="unpriced-bin">
            <button type="button" class="link-button" onclick={toggle} aria-expanded={shown.to_string()}>
                <span class="badge warn">{format::count(props.list.len())}</span>{format!(" {}", props.reason)}
            </button>
            if *shown {
                <ul>
                    { for props.list[page.start..page.end].iter().map(|unpriced| html! {
                        <li key={unpriced.resource.as_str().to_string()}>
                            <strong class="file-ref" title={unpriced.resource.as_str().to_string()}>{unpriced.resource.name()}</strong>
                            <span class="muted small">{format!(" {} ", unpriced.resource.resource_type())}</span>
                            <span class="small">{&unpriced.hint}</span>
                        </li>
                    }) }
                </ul>
                <Pager {page} {on_page} label={format!("resources not priced: {}", props.reason)} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct OptionsProps {
    options: CostOptions,
    estimate: Estimate,
    on_options: Callback<CostOptions>,
}

fn select_value(event: &Event) -> Option<String> {
    event.target_dyn_into::<HtmlSelectElement>().map(|s| s.value())
}

/// The pricing options and the usage assumptions, global and per resource.
#[function_component]
fn OptionsPanel(props: &OptionsProps) -> Html {
    let error = use_state(|| Option::<String>::None);
    let assumed_page_number = use_state_eq(|| 0usize);
    let options = &props.options;
    // Every control edits a copy of the options and hands it up; the reducer re-runs
    // the analysis only when something changed.
    let edit = |apply: fn(&mut CostOptions, &Event) -> Result<(), String>| {
        let (options, on_options, error) = (options.clone(), props.on_options.clone(), error.clone());
        Callback::from(move |event: Event| {
            let mut next = options.clone();
            match apply(&mut next, &event) {
                Ok(()) => {
                    error.set(None);
                    on_options.emit(next);
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    // Every value goes through the core's own parser for it, the one the command line
    // and a report read back use.
    let on_pricing = edit(|o, e| {
        o.pricing = select_value(e).unwrap_or_default().parse()?;
        Ok(())
    });
    let on_hybrid = edit(|o, e| {
        o.hybrid_benefit = select_value(e).unwrap_or_default().parse()?;
        Ok(())
    });
    let on_discount = edit(|o, e| {
        let text = dom::input_value(e);
        o.discount_percent = match text.trim() {
            "" => None,
            text => Some(text.parse::<DiscountPercent>()?).filter(|p| !p.get().is_zero()),
        };
        Ok(())
    });
    let on_hours = edit(|o, e| {
        o.hours_per_month = dom::input_value(e).parse()?;
        Ok(())
    });
    let on_rate = edit(|o, e| {
        let text = dom::input_value(e);
        o.exchange_rate = match text.trim() {
            "" => None,
            rate => Some(format!("USD:CNY={rate}").parse::<ExchangeRate>()?),
        };
        Ok(())
    });
    let rate_text = options.exchange_rate.as_ref().map(|r| r.rate.to_string()).unwrap_or_default();
    let pricing = options.pricing.to_string();
    let hybrid = options.hybrid_benefit.to_string();
    let on_assumption = {
        let (options, on_options, error) = (options.clone(), props.on_options.clone(), error.clone());
        Callback::from(move |(resource, name, event): (Option<String>, &'static str, Event)| {
            let text = dom::input_value(&event);
            let value = match text.trim() {
                "" => None,
                text => match text.parse::<Decimal>() {
                    Ok(value) => Some(value),
                    Err(_) => {
                        error.set(Some(format!("{name} takes a number of 0 or more, not {text:?}.")));
                        return;
                    }
                },
            };
            let mut next = options.clone();
            let slot = match &resource {
                Some(id) => next.per_resource.entry(id.clone()).or_insert_with(|| options.assumptions.clone()),
                None => &mut next.assumptions,
            };
            match slot.set(name, value) {
                Ok(()) => {
                    error.set(None);
                    on_options.emit(next);
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    let reset_resource = {
        let (options, on_options) = (options.clone(), props.on_options.clone());
        Callback::from(move |id: String| {
            let mut next = options.clone();
            next.per_resource.remove(&id);
            on_options.emit(next);
        })
    };
    // Resources whose lines rest on a named assumption, and which ones: per-resource
    // values matter only there.
    let assumed: Vec<(String, String, Vec<&'static str>)> = {
        let mut by_resource: BTreeMap<String, (String, BTreeSet<&'static str>)> = BTreeMap::new();
        for line in &props.estimate.lines {
            let Some(text) = &line.assumption else { continue };
            let names: Vec<&'static str> = Assumptions::NAMES
                .iter()
                .map(|(name, _)| *name)
                .filter(|name| text.contains(&format!("(assumption {name})")))
                .collect();
            if names.is_empty() {
                continue;
            }
            by_resource
                .entry(line.resource.as_str().to_string())
                .or_insert_with(|| (line.resource.name().to_string(), BTreeSet::new()))
                .1
                .extend(names);
        }
        by_resource.into_iter().map(|(id, (name, names))| (id, name, names.into_iter().collect())).collect()
    };
    let assumed_page = Page::of(assumed.len(), *assumed_page_number, PAGE_SIZE);
    let on_assumed_page = {
        let page_number = assumed_page_number.clone();
        Callback::from(move |n: usize| page_number.set(n))
    };
    html! {
        <div class="cost-options" aria-labelledby="cost-options-title">
            <h3 id="cost-options-title">{"Assumptions and pricing options"}</h3>
            if let Some(message) = &*error {
                <p class="error" role="alert">{message}</p>
            }
            <div class="option-grid">
                <label class="field">
                    <span class="field-label">{"Pricing"}</span>
                    <select data-testid="cost-pricing" onchange={on_pricing}>
                        <option value="payg" selected={pricing == "payg"}>{"Pay as you go"}</option>
                        <option value="1y" selected={pricing == "1y"}>{"1-year reservation (where priced)"}</option>
                        <option value="3y" selected={pricing == "3y"}>{"3-year reservation (where priced)"}</option>
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{"Azure Hybrid Benefit"}</span>
                    <select data-testid="cost-hybrid-benefit" onchange={on_hybrid}>
                        <option value="as-deployed" selected={hybrid == "as-deployed"}>{"As deployed (licenseType)"}</option>
                        <option value="all" selected={hybrid == "all"}>{"Every Windows VM"}</option>
                        <option value="none" selected={hybrid == "none"}>{"No VM"}</option>
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{"Discount (%)"}</span>
                    <input type="text" inputmode="decimal" data-testid="cost-discount"
                        value={options.discount_percent.map(|d| d.to_string()).unwrap_or_default()} onchange={on_discount} />
                </label>
                <label class="field">
                    <span class="field-label">{"Hours per month"}</span>
                    <input type="text" inputmode="decimal" data-testid="cost-hours" value={options.hours_per_month.to_string()} onchange={on_hours} />
                </label>
                <label class="field">
                    <span class="field-label">{"Exchange rate (CNY per USD)"}</span>
                    <input type="text" inputmode="decimal" data-testid="cost-exchange-rate" placeholder="none: no conversion"
                        value={rate_text} onchange={on_rate} />
                </label>
            </div>
            <h4>{"Usage assumptions for every resource"}</h4>
            <div class="option-grid">
                { for Assumptions::NAMES.iter().map(|(name, meaning)| {
                    let on_assumption = on_assumption.clone();
                    let name: &'static str = name;
                    html! {
                        <label class="field" key={name}>
                            <span class="field-label">{*meaning}</span>
                            <input type="text" inputmode="decimal" data-testid={format!("assumption-{name}")}
                                value={options.assumptions.get(name).map(|v| v.to_string()).unwrap_or_default()}
                                onchange={Callback::from(move |e: Event| on_assumption.emit((None, name, e)))} />
                        </label>
                    }
                }) }
            </div>
            if !assumed.is_empty() {
                <details class="per-resource">
                    <summary>{format!("Per resource ({} resources are priced with assumptions)", assumed.len())}</summary>
                    <Pager page={assumed_page} on_page={on_assumed_page} label="resources priced with assumptions" />
                    <table class="files compact">
                        <thead><tr><th scope="col">{"Resource"}</th><th scope="col">{"Assumptions"}</th><th scope="col">{""}</th></tr></thead>
                        <tbody>
                            { for assumed[assumed_page.start..assumed_page.end].iter().map(|(id, name, names)| {
                                let own = options.per_resource.get(id);
                                let effective = own.unwrap_or(&options.assumptions);
                                let reset = {
                                    let (id, reset_resource) = (id.clone(), reset_resource.clone());
                                    Callback::from(move |_: MouseEvent| reset_resource.emit(id.clone()))
                                };
                                html! {
                                    <tr key={id.clone()}>
                                        <th scope="row" class="wrap" title={id.clone()}>{name}</th>
                                        <td>
                                            { for names.iter().map(|&assumption| {
                                                let (on_assumption, id) = (on_assumption.clone(), id.clone());
                                                html! {
                                                    <label class="field inline">
                                                        <span class="small">{assumption}</span>
                                                        <input type="text" inputmode="decimal" class="narrow"
                                                            aria-label={format!("{assumption} for {name}")}
                                                            value={effective.get(assumption).map(|v| v.to_string()).unwrap_or_default()}
                                                            onchange={Callback::from(move |e: Event| on_assumption.emit((Some(id.clone()), assumption, e)))} />
                                                    </label>
                                                }
                                            }) }
                                        </td>
                                        <td>
                                            if own.is_some() {
                                                <button type="button" class="button small ghost" onclick={reset}>{"Use global"}</button>
                                            }
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </details>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PricesProps {
    analysis: Shared<Analysis>,
    state: UseReducerHandle<State>,
    on_price_files: Callback<Vec<web_sys::File>>,
    on_remove: Callback<u64>,
    on_cancel: Callback<u64>,
}

/// Where the prices come from: the snapshot, and the user's files with what they gave.
#[function_component]
fn PricesPanel(props: &PricesProps) -> Html {
    let Some(report) = props.analysis.cost.as_ref() else { return Html::default() };
    let prices = &report.prices;
    let user = &prices.user;
    let on_change = dom::on_files_chosen(props.on_price_files.clone());
    html! {
        <div class="prices" aria-labelledby="prices-title">
            <h3 id="prices-title">{"Prices"}</h3>
            <p>
                {format!("Embedded snapshot of {}. ", prices.snapshot_as_of)}
                { for prices.snapshot_notes.iter().map(|note| html! { <span class="muted small block">{note}</span> }) }
            </p>
            <p class="muted small">
                {"Load fresher prices: the Azure China price sheet (CSV, CNY) or saved pages of the Azure Retail \
                  Prices API (JSON). They override the snapshot for the meters they hold; nothing leaves this page."}
            </p>
            <div class="drop-actions left">
                <input id="price-input" class="visually-hidden" type="file" multiple=true
                    accept=".csv,.json,text/csv,application/json" data-testid="price-input" onchange={on_change} />
                <label for="price-input" class="button">{"Load price files…"}</label>
            </div>
            <SideFiles state={props.state.clone()} analysis={Some(props.analysis.clone())}
                destination={Destination::Prices} code_prefix="cost.prices" noun="price file"
                on_remove={props.on_remove.clone()} on_cancel={props.on_cancel.clone()} />
            if !user.files.is_empty() {
                <p class="small" data-testid="price-report">
                    {format!(
                        "From your files: {} rows read, {} used, {} not needed, {} rejected; currencies {}",
                        format::count(user.rows_read),
                        format::count(user.rows_used),
                        format::count(user.rows_ignored),
                        format::count(user.rows_rejected),
                        if user.currencies.is_empty() { "none".to_string() } else { user.currencies.iter().map(|c| c.code()).collect::<Vec<_>>().join(", ") },
                    )}
                    if let Some((from, to)) = &user.date_range { {format!("; effective {from} to {to}")} }
                    {format!("; {} conflicts.", user.conflicts.len())}
                </p>
                if !user.conflicts.is_empty() {
                    <details>
                        <summary>{"Conflicting prices"}</summary>
                        <ul class="small">
                            { for user.conflicts.iter().map(|c| html! {
                                <li>{format!("{} {} ({:?}): kept {}, dropped {} ({})", c.region, c.meter, c.term, c.kept, c.dropped, c.files.join(", "))}</li>
                            }) }
                        </ul>
                    </details>
                }
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SpendProps {
    analysis: Shared<Analysis>,
    state: UseReducerHandle<State>,
    on_spend_files: Callback<Vec<web_sys::File>>,
    on_remove: Callback<u64>,
    on_cancel: Callback<u64>,
}

/// How many resources the spend lists show before "and N more".
const SPEND_LIST: usize = 50;

/// Today's actual spend: the Cost Management exports, what each gave, the resources with
/// the most spend, spend on no resource of the inventory and chargeable resources
/// without spend.
#[function_component]
fn SpendPanel(props: &SpendProps) -> Html {
    let Some(report) = props.analysis.cost.as_ref() else { return Html::default() };
    let on_change = dom::on_files_chosen(props.on_spend_files.clone());
    let free: BTreeSet<&str> = report.target.free.iter().map(|id| id.key()).collect();
    html! {
        <div class="prices spend" aria-labelledby="spend-title">
            <h3 id="spend-title">{"Today's actual spend"}</h3>
            <p class="muted small">
                {"Load the Cost Management exports you have: Enterprise Agreement or Microsoft Customer Agreement \
                  cost details (actual or amortized), FOCUS, the older usage details, or the Azure China enterprise \
                  portal's usage file (CSV, UTF-8 or UTF-16; several months at once). Rows are summed exactly per \
                  resource and month; today becomes their monthly average. Nothing leaves this page."}
            </p>
            <div class="drop-actions left">
                <input id="spend-input" class="visually-hidden" type="file" multiple=true
                    accept=".csv,.txt,text/csv" data-testid="spend-input" onchange={on_change} />
                <label for="spend-input" class="button">{"Load Cost Management exports…"}</label>
            </div>
            <SideFiles state={props.state.clone()} analysis={Some(props.analysis.clone())}
                destination={Destination::Spend} code_prefix="spend." noun="spend file"
                on_remove={props.on_remove.clone()} on_cancel={props.on_cancel.clone()} />
            if let Some(spend) = &report.spend {
                <div data-testid="spend-report">
                    <p class="small">
                        <strong>{format!("{} a month", money_in(spend.total_monthly, &spend.currency))}</strong>
                        {format!(
                            " ({}; {}): {} matched ({} a month), {} a month on rows with no resource of the inventory. Total of every row: {} {}.",
                            spend.basis.map_or("cost", |b| b.label()),
                            period(spend),
                            format::plural(spend.matched_resources, "resource", "resources"),
                            money_in(spend.matched_monthly, &spend.currency),
                            money_in(spend.unmatched_monthly, &spend.currency),
                            spend.currency,
                            spend.total,
                        )}
                    </p>
                    <table class="files compact" data-testid="spend-files">
                        <thead><tr>
                            <th scope="col">{"File"}</th><th scope="col">{"Kind"}</th><th scope="col">{"Amount column"}</th>
                            <th scope="col" class="num">{"Rows"}</th><th scope="col" class="num">{"Used"}</th><th scope="col" class="num">{"Rejected"}</th>
                        </tr></thead>
                        <tbody>
                            { for spend.files.iter().map(|file| html! {
                                <tr key={file.name.clone()}>
                                    <th scope="row" class="wrap">{&file.name}</th>
                                    if let Some(error) = &file.error {
                                        <td colspan="5" class="error">{format!("not used: {error}")}</td>
                                    } else {
                                        <td>{file.kind.map_or("?", |k| k.label())}</td>
                                        <td>{file.amount_column.clone().unwrap_or_default()}</td>
                                        <td class="num">{format::count(file.rows as usize)}</td>
                                        <td class="num">{format::count(file.rows_used as usize)}</td>
                                        <td class="num">{format::count(file.rows_rejected as usize)}</td>
                                    }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    { for spend.notes.iter().map(|note| html! { <p class="muted small">{format!("Note: {note}")}</p> }) }
                    <SpendLists spend={spend.clone()} free={free.iter().map(|k| k.to_string()).collect::<BTreeSet<String>>()} />
                </div>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SpendListsProps {
    spend: SpendSummary,
    /// Keys of the resources the estimate finds free (left out of "without spend").
    free: BTreeSet<String>,
}

/// The resources with the most spend, the spend on no resource of the inventory, and the
/// chargeable resources without spend.
#[function_component]
fn SpendLists(props: &SpendListsProps) -> Html {
    let spend = &props.spend;
    let mut top: Vec<&regionshift_core::spend::SpendLine> = spend.lines.iter().collect();
    top.sort_by(|a, b| b.monthly.cmp(&a.monthly).then_with(|| a.resource.key().cmp(b.resource.key())));
    let without: Vec<&regionshift_core::azure::ResourceId> =
        spend.resources_without_spend.iter().filter(|id| !props.free.contains(id.key())).collect();
    let more = |n: usize| {
        (n > SPEND_LIST).then(|| html! { <li class="muted">{format!("and {} more (the JSON report lists every one)", format::count(n - SPEND_LIST))}</li> })
    };
    html! {
        <>
            if !top.is_empty() {
                <details class="unpriced-bin" open=true>
                    <summary>{format!("Most spend today ({} resources matched)", format::count(top.len()))}</summary>
                    <table class="files compact" data-testid="spend-top">
                        <thead><tr><th scope="col">{"Resource"}</th><th scope="col">{"Type"}</th><th scope="col" class="num">{"Per month"}</th></tr></thead>
                        <tbody>
                            { for top.iter().take(TOP).map(|line| html! {
                                <tr key={line.resource.as_str().to_string()}>
                                    <th scope="row" class="wrap" title={line.resource.as_str().to_string()}>{line.resource.name()}</th>
                                    <td class="muted small">{line.resource.resource_type().to_string()}</td>
                                    <td class="num">{money_in(line.monthly, &spend.currency)}</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </details>
            }
            <details class="unpriced-bin" data-testid="spend-unmatched">
                <summary><span class="badge warn">{format::count(spend.unmatched_rows.len())}</span>{format!(
                    " spend on no resource of the inventory ({} a month): deleted since the inventory, outside it, or not a resource",
                    money_in(spend.unmatched_monthly, &spend.currency)
                )}</summary>
                <ul>
                    { for spend.unmatched_rows.iter().take(SPEND_LIST).map(|row| html! {
                        <li key={row.resource_id.clone()}>
                            <strong class="file-ref">{if row.resource_id.is_empty() { "(no resource id)" } else { row.resource_id.as_str() }}</strong>
                            <span class="muted small">{format!(" {}, {} ", row.why.label(), format::plural(row.rows as usize, "row", "rows"))}</span>
                            <span class="small">{format!("{} a month", money_in(row.monthly, &spend.currency))}</span>
                        </li>
                    }) }
                    { for more(spend.unmatched_rows.len()) }
                </ul>
            </details>
            <details class="unpriced-bin" data-testid="spend-without">
                <summary><span class="badge warn">{format::count(without.len())}</span>{" chargeable resources of the inventory without spend rows"}</summary>
                <ul>
                    { for without.iter().take(SPEND_LIST).map(|id| html! {
                        <li key={id.as_str().to_string()}>
                            <strong class="file-ref" title={id.as_str().to_string()}>{id.name()}</strong>
                            <span class="muted small">{format!(" {}", id.resource_type())}</span>
                        </li>
                    }) }
                    { for more(without.len()) }
                </ul>
            </details>
        </>
    }
}

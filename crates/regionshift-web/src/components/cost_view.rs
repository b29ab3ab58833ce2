//! The cost view: the monthly total in the target next to the source with the delta,
//! coverage, a chart and breakdowns by category, resource group and type, the most
//! expensive resources, the unpriced bins, the pricing options and usage assumptions
//! (global and per resource), and the user's price files with what they gave.

use std::collections::{BTreeMap, BTreeSet};

use regionshift_core::cost::{self, Assumptions, CostOptions, DiscountPercent, Estimate, ExchangeRate};

use regionshift_core::units::{Currency, Hours, Money, Percent};
use regionshift_core::Analysis;
use rust_decimal::Decimal;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::side_files::SideFiles;
use super::Shared;
use crate::dom;
use crate::format;
use crate::state::{Destination, State};

/// Resources listed in "most expensive".
const TOP: usize = 15;

#[derive(Properties, PartialEq)]
pub struct CostViewProps {
    pub analysis: Shared<Analysis>,
    pub state: UseReducerHandle<State>,
    pub on_options: Callback<CostOptions>,
    pub on_price_files: Callback<Vec<web_sys::File>>,
    pub on_remove_side_file: Callback<u64>,
    pub on_cancel: Callback<u64>,
}

fn money(amount: Decimal, currency: Currency) -> String {
    Money::new(amount, currency).to_string()
}

fn percent(value: Option<Decimal>) -> String {
    value.map_or_else(|| "n/a".to_string(), |p| Percent(p).to_string())
}

#[function_component]
pub fn CostView(props: &CostViewProps) -> Html {
    let Some(report) = props.analysis.cost.as_ref() else { return Html::default() };
    let (target, source) = (&report.target, &report.source);
    let region = target.region.as_ref().map_or("the target", |r| r.as_str()).to_string();
    let delta = report.delta();
    html! {
        <section class="panel cost" id="cost" aria-labelledby="cost-title">
            <div class="section-head">
                <h2 id="cost-title">{format!("Monthly cost in {region}")}</h2>
                <p class="muted">{format!("List prices, {} a month", Hours(props.state.cost.hours_per_month.get()))}</p>
            </div>
            <div class="cost-totals" data-testid="cost-total">
                <div class="stat">
                    <span class="stat-label">{format!("In {region}")}</span>
                    <strong class="stat-value">{money(target.total_monthly, target.currency)}</strong>
                    if let Some(converted) = &target.converted {
                        <span class="muted small">{format!("= {} at {}", money(converted.total_monthly, converted.rate.to), converted.rate.rate)}</span>
                    }
                </div>
                <div class="stat">
                    <span class="stat-label">{"Where it runs now"}</span>
                    <strong class="stat-value">{money(source.total_monthly, source.currency)}</strong>
                    if let Some(converted) = &source.converted {
                        <span class="muted small">{format!("= {} at {} {}/{}", money(converted.total_monthly, converted.rate.to), converted.rate.rate, converted.rate.to, converted.rate.from)}</span>
                    }
                </div>
                <div class="stat">
                    <span class="stat-label">{"Change"}</span>
                    if let Some((amount, currency)) = delta {
                        <strong class={classes!("stat-value", if amount.is_sign_positive() { "up" } else { "down" })}>
                            {Money::new(amount, currency).change().to_string()}
                        </strong>
                        <span class="muted small">{"Priced resources only, on each side"}</span>
                    } else {
                        <strong class="stat-value muted">{"—"}</strong>
                        <span class="muted small">{format!("The sides are in {} and {}: enter an exchange rate below to compare", source.currency, target.currency)}</span>
                    }
                </div>
            </div>
            <p class="coverage" data-testid="cost-coverage">
                <strong>{"Coverage: "}</strong>
                {format!(
                    "{} of {} chargeable resources priced in {region} ({}); {} of today's priced cost is covered. {} free, {} unpriced (not counted as zero). ",
                    format::count(target.coverage.priced_resources),
                    format::count(target.coverage.total_resources - target.coverage.free_resources),
                    percent(target.coverage.priced_percent),
                    percent(report.source_cost_coverage),
                    format::count(target.coverage.free_resources),
                    format::count(target.coverage.unpriced_resources),
                )}
                {format!(
                    "Today's side: {} priced, {} unpriced. {} usage-based lines ({}) rest on the assumptions below.",
                    format::count(source.coverage.priced_resources),
                    format::count(source.coverage.unpriced_resources),
                    format::count(target.coverage.usage_based_lines),
                    money(target.usage_monthly, target.currency),
                )}
            </p>
            { for target.notes.iter().chain(&source.notes).map(|note| html! { <p class="muted small">{format!("Note: {note}")}</p> }) }
            <CategoryChart target={target.clone()} source={source.clone()} />
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
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ChartProps {
    target: Estimate,
    source: Estimate,
}

/// Horizontal bars per category, the target above the source. When the currencies
/// differ each side is drawn on its own scale, and the chart says so.
#[function_component]
fn CategoryChart(props: &ChartProps) -> Html {
    let categories: BTreeSet<&String> =
        props.target.by_category.keys().chain(props.source.by_category.keys()).collect();
    if categories.is_empty() {
        return Html::default();
    }
    let same_currency = props.target.currency == props.source.currency;
    let max_of = |e: &Estimate| e.by_category.values().copied().max().unwrap_or(Decimal::ZERO);
    let (max_target, max_source) = if same_currency {
        let max = max_of(&props.target).max(max_of(&props.source));
        (max, max)
    } else {
        (max_of(&props.target), max_of(&props.source))
    };
    const LABEL: i64 = 130;
    const WIDTH: i64 = 420;
    const ROW: i64 = 34;
    let scale = |amount: Option<&Decimal>, max: Decimal| -> i64 {
        let amount = amount.copied().unwrap_or(Decimal::ZERO);
        if max.is_zero() {
            0
        } else {
            (amount * Decimal::from(WIDTH) / max).round().try_into().unwrap_or(0)
        }
    };
    let height = ROW * categories.len() as i64 + 24;
    html! {
        <figure class="chart">
            <svg viewBox={format!("0 0 {} {height}", LABEL + WIDTH + 130)} role="img"
                aria-label="Monthly cost by category, target and today">
                { for categories.iter().enumerate().map(|(row, category)| {
                    let y = row as i64 * ROW;
                    let t = props.target.by_category.get(*category);
                    let s = props.source.by_category.get(*category);
                    let label = |amount: Option<&Decimal>, currency| amount.map_or_else(|| "–".to_string(), |a| money(*a, currency));
                    html! {
                        <g key={category.to_string()}>
                            <text x="0" y={(y + 18).to_string()} class="chart-label">{category.to_string()}</text>
                            <rect x={LABEL.to_string()} y={(y + 4).to_string()} height="12"
                                width={scale(t, max_target).to_string()} class="bar-target" />
                            <text x={(LABEL + scale(t, max_target) + 6).to_string()} y={(y + 14).to_string()} class="chart-value">{label(t, props.target.currency)}</text>
                            <rect x={LABEL.to_string()} y={(y + 18).to_string()} height="12"
                                width={scale(s, max_source).to_string()} class="bar-source" />
                            <text x={(LABEL + scale(s, max_source) + 6).to_string()} y={(y + 28).to_string()} class="chart-value">{label(s, props.source.currency)}</text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption class="muted small">
                <span class="key key-target"></span>{" target  "}<span class="key key-source"></span>{" today"}
                if !same_currency { {format!(" · each side on its own scale ({} and {})", props.target.currency, props.source.currency)} }
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
    let mut keys: Vec<&String> =
        props.target.keys().chain(props.source.keys()).collect::<BTreeSet<_>>().into_iter().collect();
    keys.sort_by(|a, b| {
        let (x, y) =
            (props.target.get(*a).copied().unwrap_or_default(), props.target.get(*b).copied().unwrap_or_default());
        y.cmp(&x).then_with(|| a.cmp(b))
    });
    html! {
        <div class="breakdown">
            <h3>{&props.title}</h3>
            <table class="files compact">
                <thead><tr><th scope="col">{""}</th><th scope="col" class="num">{"Target"}</th><th scope="col" class="num">{"Today"}</th></tr></thead>
                <tbody>
                    { for keys.iter().map(|key| html! {
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
            { for bins.iter().map(|(reason, list)| html! {
                <details class="unpriced-bin" key={reason.to_string()}>
                    <summary><span class="badge warn">{format::count(list.len())}</span>{format!(" {reason}")}</summary>
                    <ul>
                        { for list.iter().map(|unpriced| html! {
                            <li key={unpriced.resource.as_str().to_string()}>
                                <strong class="file-ref" title={unpriced.resource.as_str().to_string()}>{unpriced.resource.name()}</strong>
                                <span class="muted small">{format!(" {} ", unpriced.resource.resource_type())}</span>
                                <span class="small">{&unpriced.hint}</span>
                            </li>
                        }) }
                    </ul>
                </details>
            }) }
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
                    <table class="files compact">
                        <thead><tr><th scope="col">{"Resource"}</th><th scope="col">{"Assumptions"}</th><th scope="col">{""}</th></tr></thead>
                        <tbody>
                            { for assumed.iter().map(|(id, name, names)| {
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

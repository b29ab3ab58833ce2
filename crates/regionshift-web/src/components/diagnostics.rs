//! The diagnostics panel: files that could not be used (always listed, with the error
//! message), then every diagnostic with severity, code, file, location, message and hint,
//! filterable by severity.

use regionshift_core::{Analysis, Severity};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::Shared;
use crate::format;
use crate::state::ReadProblem;

/// Diagnostics rendered before "Show all".
const FIRST_ROWS: usize = 200;

#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    pub analysis: Option<Shared<Analysis>>,
    /// Files the browser could not read, or that were refused before reading.
    pub problems: Vec<ReadProblem>,
}

fn parse_filter(value: &str) -> Option<Severity> {
    match value {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    }
}

#[function_component]
pub fn DiagnosticsPanel(props: &DiagnosticsProps) -> Html {
    let filter = use_state_eq(|| None::<Severity>);
    let show_all = use_state_eq(|| false);
    let diagnostics = props.analysis.as_ref().map_or(&[][..], |a| a.diagnostics.as_slice());

    let onchange = {
        let (filter, show_all) = (filter.clone(), show_all.clone());
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                filter.set(parse_filter(&select.value()));
                show_all.set(false);
            }
        })
    };
    let count = |severity: Severity| diagnostics.iter().filter(|d| d.severity == severity).count();
    let (errors, warnings, infos) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    let matching: Vec<_> = diagnostics.iter().filter(|d| filter.is_none_or(|s| d.severity == s)).collect();
    let shown = if *show_all { matching.len() } else { matching.len().min(FIRST_ROWS) };

    let unusable: Vec<(String, String)> = props
        .problems
        .iter()
        .map(|p| (p.name.clone(), p.message.clone()))
        .chain(
            props
                .analysis
                .iter()
                .flat_map(|a| a.files.iter().filter_map(|f| f.error.as_ref().map(|e| (f.name.clone(), e.to_string())))),
        )
        .collect();

    let option = |value: &'static str, label: &str, n: usize| {
        let selected = parse_filter(value) == *filter;
        html! { <option value={value} {selected}>{format!("{label} ({})", format::count(n))}</option> }
    };

    html! {
        <section class="panel diagnostics" data-testid="diagnostics" aria-labelledby="diagnostics-title">
            <div class="section-head">
                <h2 id="diagnostics-title">{"Diagnostics"}</h2>
                if !diagnostics.is_empty() {
                    <div class="filter">
                        <label for="severity-filter">{"Show"}</label>
                        <select id="severity-filter" {onchange}>
                            {option("all", "All", diagnostics.len())}
                            {option("error", "Errors", errors)}
                            {option("warning", "Warnings", warnings)}
                            {option("info", "Info", infos)}
                        </select>
                    </div>
                }
            </div>
            if !unusable.is_empty() {
                <div class="unusable" role="alert">
                    <h3>{format!("{} could not be used", format::plural(unusable.len(), "file", "files"))}</h3>
                    <ul>
                        { for unusable.iter().map(|(name, message)| html! {
                            <li><strong class="file-ref">{name}</strong>{": "}{message}</li>
                        }) }
                    </ul>
                </div>
            }
            if !diagnostics.is_empty() {
                <ul class="diagnostic-list" tabindex="0" aria-label="Diagnostics list">
                    { for matching.iter().take(shown).map(|d| {
                        let severity = d.severity.label();
                        let place = match (&d.file, &d.location) {
                            (Some(file), Some(location)) => format!("{file}, {location}"),
                            (Some(file), None) => file.clone(),
                            (None, Some(location)) => location.clone(),
                            (None, None) => String::new(),
                        };
                        html! {
                            <li class={classes!("diagnostic", format!("sev-{severity}"))}>
                                <div class="diagnostic-head">
                                    <span class={classes!("badge", format!("sev-{severity}"))}>{severity}</span>
                                    <code class="diagnostic-code">{d.code}</code>
                                    if !place.is_empty() { <span class="diagnostic-place">{place}</span> }
                                </div>
                                <p class="diagnostic-message">{&d.message}</p>
                                if let Some(hint) = &d.hint {
                                    <p class="diagnostic-hint"><strong>{"Hint: "}</strong>{hint}</p>
                                }
                            </li>
                        }
                    }) }
                </ul>
                if matching.is_empty() {
                    <p class="muted">{"No diagnostics of this severity."}</p>
                }
                if shown < matching.len() {
                    <button type="button" class="button small" onclick={
                        let show_all = show_all.clone();
                        Callback::from(move |_: MouseEvent| show_all.set(true))
                    }>{format!("Show all {}", format::count(matching.len()))}</button>
                }
            }
        </section>
    }
}

//! The target region picker and the catalog panel: the snapshot's date and age, which
//! parts of the catalog come from the user's files and which from the snapshot, and the
//! loader for `az provider list` / `az vm list-skus` output taken in the target cloud.

use regionshift_core::azure::regions;
use regionshift_core::catalog::Provenance;
use regionshift_core::Analysis;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::side_files::SideFiles;
use super::Shared;
use crate::assessment::{self, RegionGroup};
use crate::dom;
use crate::format;
use crate::state::{Destination, State};

/// A snapshot older than this many days earns a suggestion to load fresh data.
const STALE_DAYS: i64 = 180;

#[derive(Properties, PartialEq)]
pub struct TargetPanelProps {
    pub state: UseReducerHandle<State>,
    pub analysis: Option<Shared<Analysis>>,
    /// The regions the picker offers.
    pub groups: std::rc::Rc<Vec<RegionGroup>>,
    /// Today, in days since 1970-01-01 (from the browser's clock).
    pub today: i64,
    pub on_target: Callback<Option<String>>,
    pub on_catalog_files: Callback<Vec<web_sys::File>>,
    pub on_remove_side_file: Callback<u64>,
    pub on_cancel: Callback<u64>,
}

#[function_component]
pub fn TargetPanel(props: &TargetPanelProps) -> Html {
    let state = &*props.state;
    let target = state.target.clone();

    let onchange = {
        let on_target = props.on_target.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                let value = select.value();
                on_target.emit((!value.is_empty()).then_some(value));
            }
        })
    };
    let on_catalog_change = dom::on_files_chosen(props.on_catalog_files.clone());

    let assessed_target = props.analysis.as_ref().and_then(|a| a.assessment.as_ref()).map(|a| a.target.as_str());
    let pending = target.is_some() && assessed_target != target.as_deref();
    let target_label =
        target.as_deref().and_then(regionshift_core::azure::Location::new).map(|l| regions::display_name(&l));

    html! {
        <section class="panel target" id="target" aria-labelledby="target-title">
            <div class="target-grid">
                <div class="target-pick">
                    <h2 id="target-title">{"Target region"}</h2>
                    <label for="target-region" class="field-label">{"Assess the estate for a move to"}</label>
                    <select id="target-region" data-testid="target-region" {onchange} aria-describedby="target-help">
                        <option value="" selected={target.is_none()}>{"Choose a target region"}</option>
                        { for props.groups.iter().map(|group| html! {
                            <optgroup label={group.label}>
                                { for group.regions.iter().map(|(name, display)| html! {
                                    <option value={name.clone()} selected={target.as_deref() == Some(name.as_str())}>
                                        {format!("{display} ({name})")}
                                    </option>
                                }) }
                            </optgroup>
                        }) }
                    </select>
                    <p id="target-help" class="muted small">
                        {"Only regions the catalog has facts for are listed. This page remembers the choice \
                          (the region's name only) for your next visit."}
                    </p>
                    if pending {
                        <p class="status busy" role="status"><span class="spinner" aria-hidden="true"></span>
                            {format!("Assessing for {}…", target_label.clone().unwrap_or_default())}</p>
                    }
                </div>
                <CatalogPanel
                    state={props.state.clone()}
                    analysis={props.analysis.clone()}
                    today={props.today}
                    on_change={on_catalog_change}
                    on_remove={props.on_remove_side_file.clone()}
                    on_cancel={props.on_cancel.clone()}
                />
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CatalogPanelProps {
    state: UseReducerHandle<State>,
    analysis: Option<Shared<Analysis>>,
    today: i64,
    on_change: Callback<Event>,
    on_remove: Callback<u64>,
    on_cancel: Callback<u64>,
}

#[function_component]
fn CatalogPanel(props: &CatalogPanelProps) -> Html {
    let state = &*props.state;
    let report = props.analysis.as_ref().map(|a| &a.catalog);
    let as_of = report.map(|r| r.as_of.as_str());
    let age = as_of.and_then(|d| assessment::age_days(d, props.today));
    let parts = report.map(|r| assessment::shown_parts(r, state.target.as_deref())).unwrap_or_default();
    let catalog_diagnostics: Vec<_> =
        props.analysis.iter().flat_map(|a| a.diagnostics.iter()).filter(|d| d.code.starts_with("catalog.")).collect();

    html! {
        <div class="catalog" data-testid="catalog-panel" aria-labelledby="catalog-title">
            <h2 id="catalog-title">{"Region catalog"}</h2>
            if let Some(as_of) = as_of {
                <p class="catalog-age">
                    {format!("Embedded snapshot of {as_of}")}
                    { match age {
                        Some(days) if days >= 0 => html! {
                            <>
                                {format!(", {} old", format::plural(days as usize, "day", "days"))}
                                if days > STALE_DAYS {
                                    {" "}<span class="badge warn">{"consider loading fresh data"}</span>
                                }
                            </>
                        },
                        Some(_) => html! { {" (dated after this device's date)"} },
                        None => Html::default(),
                    } }
                    {"."}
                </p>
            }
            if parts.is_empty() {
                <p class="muted small">
                    if state.target.is_none() {
                        {"Choose a target region to see where the catalog's facts for it come from."}
                    } else {
                        {"The catalog has no facts for this region."}
                    }
                </p>
            } else {
                <div class="table-wrap">
                    <table class="files catalog-parts">
                        <caption class="visually-hidden">{"Where each part of the catalog comes from"}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{"Part"}</th>
                                <th scope="col">{"Region"}</th>
                                <th scope="col">{"Comes from"}</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for parts.iter().map(|part| {
                                let region = part.region.as_deref().and_then(regionshift_core::azure::Location::new)
                                    .map_or_else(|| "all".to_string(), |l| format!("{} ({})", regions::display_name(&l), l.as_str()));
                                let source = match &part.provenance {
                                    Provenance::User { file } => html! {
                                        <><span class="badge ok">{"your file"}</span>{" "}<strong class="file-ref">{file}</strong></>
                                    },
                                    Provenance::Snapshot { as_of, source } => html! {
                                        <><span class="badge">{"snapshot"}</span>{format!(" of {as_of}")}
                                          <span class="muted small block" title={source.clone()}>{short(source)}</span></>
                                    },
                                };
                                html! {
                                    <tr>
                                        <th scope="row">{part.part}
                                            if let Some(detail) = &part.detail { <span class="muted small block">{detail}</span> }
                                        </th>
                                        <td>{region}</td>
                                        <td>{source}</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            <details class="catalog-load">
                <summary>{"Replace the snapshot with fresh data from your subscription"}</summary>
                <p class="muted small">
                    {"Sign in to the target cloud and save the JSON output of these commands, then load the files. \
                      They replace the snapshot for the regions and parts they cover; nothing leaves this page."}
                </p>
                <pre class="code" tabindex="0" aria-label="Catalog commands"><code>
                    {"az cloud set -n AzureChinaCloud   # or AzureCloud\naz login\n\
                      az provider list --expand \"resourceTypes/locations\" -o json > providers.json\n\
                      az vm list-skus -o json > skus.json"}
                </code></pre>
                <div class="drop-actions left">
                    <input id="catalog-input" class="visually-hidden" type="file" multiple=true
                        accept=".json,application/json" data-testid="catalog-input" onchange={props.on_change.clone()} />
                    <label for="catalog-input" class="button">{"Load catalog files…"}</label>
                </div>
            </details>
            <SideFiles state={props.state.clone()} analysis={props.analysis.clone()}
                destination={Destination::Catalog} code_prefix="catalog." noun="catalog file"
                on_remove={props.on_remove.clone()} on_cancel={props.on_cancel.clone()} />
            if !catalog_diagnostics.is_empty() {
                <p class="small">
                    {format!("{} about the catalog files: see Diagnostics.", format::plural(catalog_diagnostics.len(), "diagnostic", "diagnostics"))}
                </p>
            }
        </div>
    }
}

/// The first clause of a long source note, for the table (the whole note is its title).
fn short(source: &str) -> String {
    const MAX: usize = 90;
    let first = source.split(['(', ';']).next().unwrap_or(source).trim().trim_end_matches([',', '.']);
    if first.chars().count() <= MAX {
        first.to_string()
    } else {
        let cut: String = first.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

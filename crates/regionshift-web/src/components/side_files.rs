//! The list of loaded side files (catalog, price or spend files): name, size, diagnostics
//! counts, a remove button, and the files still being read with a cancel button.

use regionshift_core::{Analysis, Severity};
use yew::prelude::*;

use super::Shared;
use crate::format;
use crate::state::{Destination, State};

#[derive(Properties, PartialEq)]
pub struct SideFilesProps {
    pub state: UseReducerHandle<State>,
    pub analysis: Option<Shared<Analysis>>,
    pub destination: Destination,
    /// Diagnostics whose code starts with this are counted per file.
    pub code_prefix: AttrValue,
    /// What the files are, for labels: "catalog file", "price file", "spend file".
    pub noun: AttrValue,
    pub on_remove: Callback<u64>,
    pub on_cancel: Callback<u64>,
}

#[function_component]
pub fn SideFiles(props: &SideFilesProps) -> Html {
    let state = &*props.state;
    let files = match props.destination {
        Destination::Catalog => &state.catalog,
        Destination::Prices => &state.prices,
        Destination::Spend => &state.spend,
        Destination::Inventory => &state.inputs,
    };
    if files.is_empty() && state.reading_for(props.destination).next().is_none() {
        return html! {};
    }
    let count_for = |name: &str, severity: Severity| {
        props
            .analysis
            .iter()
            .flat_map(|a| a.diagnostics.iter())
            .filter(|d| d.code.starts_with(props.code_prefix.as_str()))
            .filter(|d| d.severity == severity && d.file.as_deref() == Some(name))
            .count()
    };
    let noun = props.noun.as_str();
    html! {
        <ul class="catalog-files" aria-label={format!("Loaded {noun}s")}>
            { for files.iter().map(|input| {
                let remove = {
                    let (id, on_remove) = (input.id, props.on_remove.clone());
                    Callback::from(move |_: MouseEvent| on_remove.emit(id))
                };
                let (errors, warnings) = (count_for(&input.name, Severity::Error), count_for(&input.name, Severity::Warning));
                html! {
                    <li key={input.id}>
                        <strong class="file-ref">{&input.name}</strong>
                        <span class="muted small">{format!(" {}", format::bytes(input.bytes.len() as u64))}</span>
                        if errors > 0 { {" "}<span class="badge sev-error">{format::plural(errors, "error", "errors")}</span> }
                        if warnings > 0 { {" "}<span class="badge sev-warning">{format::plural(warnings, "warning", "warnings")}</span> }
                        <button type="button" class="button small ghost" onclick={remove}
                            aria-label={format!("Remove {noun} {}", input.name)}>{"Remove"}</button>
                    </li>
                }
            }) }
            { for state.reading_for(props.destination).map(|reading| {
                let cancel = {
                    let (token, on_cancel) = (reading.token, props.on_cancel.clone());
                    Callback::from(move |_: MouseEvent| on_cancel.emit(token))
                };
                html! {
                    <li key={format!("reading-{}", reading.token)}>
                        <span class="spinner" aria-hidden="true"></span>
                        <strong class="file-ref">{&reading.name}</strong>{" reading…"}
                        <button type="button" class="button small ghost" onclick={cancel}
                            aria-label={format!("Stop reading {}", reading.name)}>{"Cancel"}</button>
                    </li>
                }
            }) }
        </ul>
    }
}

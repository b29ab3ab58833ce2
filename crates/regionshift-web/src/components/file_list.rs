//! The list of inputs: each loaded file with what the import made of it (format,
//! encoding, records, imported, skipped, error), files still being read, and the
//! remove / cancel / clear-all controls.

use yew::prelude::*;

use crate::format;
use crate::state::{Destination, Source, State};

#[derive(Properties, PartialEq)]
pub struct FileListProps {
    pub state: UseReducerHandle<State>,
    pub on_remove: Callback<u64>,
    pub on_cancel: Callback<u64>,
    pub on_clear: Callback<()>,
}

#[function_component]
pub fn FileList(props: &FileListProps) -> Html {
    let state = &*props.state;
    let rows = state.inputs.iter().map(|input| {
        let report = state.report_for(input.id);
        let source = match input.source {
            Source::File => "file",
            Source::Pasted => "pasted",
            Source::Sample => "sample",
        };
        let remove = {
            let (id, on_remove) = (input.id, props.on_remove.clone());
            Callback::from(move |_: MouseEvent| on_remove.emit(id))
        };
        let (format, encoding, records, imported, skipped, outcome) = match report {
            Some(report) => (
                report.format.map_or_else(|| "—".to_string(), |f| f.label().to_string()),
                report.encoding.map_or("—", |e| e.label()).to_string(),
                format::count(report.records),
                format::count(report.imported),
                format::count(report.skipped),
                match &report.error {
                    Some(error) => html! { <span class="file-error">{error.to_string()}</span> },
                    None if report.imported == 0 && report.skipped == 0 => html! {
                        <span class="file-empty" data-testid="file-empty">
                            <span class="badge warn">{"no resources found"}</span>
                            <span class="small block">
                                {"The file was read but holds no resource. Accepted: the JSON of az resource list, \
                                  az graph query or Get-AzResource, portal and PowerShell CSV exports, az -o table \
                                  or -o tsv output, and ARM templates (see the landing page's list)."}
                            </span>
                        </span>
                    },
                    None if report.skipped > 0 => html! { <span class="badge warn">{"partly imported"}</span> },
                    None => html! { <span class="badge ok">{"imported"}</span> },
                },
            ),
            None => {
                let dash = || "…".to_string();
                (dash(), dash(), dash(), dash(), dash(), html! { <span class="badge">{"analysing…"}</span> })
            }
        };
        let failed = report.is_some_and(|r| r.error.is_some());
        html! {
            <tr key={input.id} class={classes!(failed.then_some("failed"))}>
                <th scope="row" class="file-name">
                    <span class="name" title={input.name.clone()}>{&input.name}</span>
                    <span class="muted small">{format!("{source}, {}", format::bytes(input.bytes.len() as u64))}</span>
                </th>
                <td>{format}</td>
                <td>{encoding}</td>
                <td class="num">{records}</td>
                <td class="num">{imported}</td>
                <td class="num">{skipped}</td>
                <td class="outcome">{outcome}</td>
                <td class="row-actions">
                    <button type="button" class="button small ghost" onclick={remove}
                        aria-label={format!("Remove {}", input.name)}>{"Remove"}</button>
                </td>
            </tr>
        }
    });
    let reading = state.reading_for(Destination::Inventory).map(|reading| {
        let cancel = {
            let (token, on_cancel) = (reading.token, props.on_cancel.clone());
            Callback::from(move |_: MouseEvent| on_cancel.emit(token))
        };
        html! {
            <tr key={format!("reading-{}", reading.token)} class="reading">
                <th scope="row" class="file-name">
                    <span class="name" title={reading.name.clone()}>{&reading.name}</span>
                    <span class="muted small">{format!("file, {}", format::bytes(reading.size))}</span>
                </th>
                <td colspan="6"><span class="spinner" aria-hidden="true"></span>{" Reading…"}</td>
                <td class="row-actions">
                    <button type="button" class="button small ghost" onclick={cancel}
                        aria-label={format!("Stop reading {}", reading.name)}>{"Cancel"}</button>
                </td>
            </tr>
        }
    });
    let count = state.inputs.len() + state.reading_for(Destination::Inventory).count();
    html! {
        <div class="file-list" data-testid="file-list">
            <div class="section-head">
                <h3>{format::plural(count, "input", "inputs")}</h3>
                <button type="button" class="button small" data-testid="clear-button"
                    disabled={state.is_empty()}
                    onclick={props.on_clear.reform(|_: MouseEvent| ())}>{"Clear all"}</button>
            </div>
            <div class="table-wrap">
                <table class="files">
                    <thead>
                        <tr>
                            <th scope="col">{"File"}</th>
                            <th scope="col">{"Format"}</th>
                            <th scope="col">{"Encoding"}</th>
                            <th scope="col" class="num">{"Records"}</th>
                            <th scope="col" class="num">{"Imported"}</th>
                            <th scope="col" class="num">{"Skipped"}</th>
                            <th scope="col">{"Outcome"}</th>
                            <th scope="col"><span class="visually-hidden">{"Actions"}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows }
                        { for reading }
                    </tbody>
                </table>
            </div>
        </div>
    }
}

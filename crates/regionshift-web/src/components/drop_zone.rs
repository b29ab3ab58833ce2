//! The loader: the drop zone with the file picker, the sample button, and the paste box.
//!
//! Dropping works anywhere on the page (the root handles it); this zone is the visible
//! target and says so. Files are handed to the app, which reads them.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::dom;

/// File types offered by the picker; any file can still be dropped or chosen with "All files".
const ACCEPT: &str = ".json,.csv,.txt,application/json,text/csv,text/plain";

#[derive(Properties, PartialEq)]
pub struct LoaderProps {
    pub on_files: Callback<Vec<web_sys::File>>,
    pub on_paste: Callback<String>,
    pub on_sample: Callback<()>,
    /// The sample estate is already loaded.
    pub has_sample: bool,
    /// Smaller layout once something is loaded.
    pub compact: bool,
    /// Files are being dragged over the page.
    pub dragging: bool,
}

#[function_component]
pub fn Loader(props: &LoaderProps) -> Html {
    let paste_ref = use_node_ref();
    let has_text = use_state_eq(|| false);

    let onchange = dom::on_files_chosen(props.on_files.clone());

    let oninput = {
        let has_text = has_text.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event.target_dyn_into::<HtmlTextAreaElement>() {
                has_text.set(!area.value().trim().is_empty());
            }
        })
    };

    let import_pasted = {
        let (paste_ref, has_text, on_paste) = (paste_ref.clone(), has_text.clone(), props.on_paste.clone());
        move || {
            if let Some(area) = paste_ref.cast::<HtmlTextAreaElement>() {
                let text = area.value();
                if !text.trim().is_empty() {
                    area.set_value("");
                    has_text.set(false);
                    on_paste.emit(text);
                }
            }
        }
    };
    let onclick_paste = {
        let import_pasted = import_pasted.clone();
        Callback::from(move |_: MouseEvent| import_pasted())
    };
    // Ctrl+Enter (or Cmd+Enter) in the paste box imports.
    let onkeydown_paste = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
            event.prevent_default();
            import_pasted();
        }
    });
    let onclick_sample = props.on_sample.reform(|_: MouseEvent| ());

    let classes = classes!("loader", props.compact.then_some("compact"));
    let zone_classes = classes!("drop-zone", props.dragging.then_some("dragging"));
    html! {
        <div class={classes}>
            <div class={zone_classes} data-testid="drop-zone">
                <p class="drop-title">
                    if props.compact { {"Add more files: drop them here, or"} } else { {"Drop your inventory files here"} }
                </p>
                <p class="drop-sub">
                    if props.compact {
                        {"they are merged with what is loaded."}
                    } else {
                        {"JSON or CSV exports, several at once; they are merged by resource id."}
                    }
                </p>
                <div class="drop-actions">
                    <input
                        id="inventory-input"
                        class="visually-hidden"
                        type="file"
                        multiple=true
                        accept={ACCEPT}
                        data-testid="inventory-input"
                        {onchange}
                    />
                    <label for="inventory-input" class="button primary">{"Choose files…"}</label>
                    <button
                        type="button"
                        class="button"
                        data-testid="sample-button"
                        disabled={props.has_sample}
                        onclick={onclick_sample}
                    >
                        if props.has_sample { {"Sample estate loaded"} } else { {"Try the sample estate"} }
                    </button>
                </div>
            </div>
            <div class="paste">
                <label for="paste-input" class="paste-label">{"Or paste JSON or CSV text"}</label>
                <textarea
                    id="paste-input"
                    ref={paste_ref}
                    data-testid="paste-input"
                    rows={if props.compact { "3" } else { "5" }}
                    spellcheck="false"
                    autocomplete="off"
                    placeholder="[{\"id\": \"/subscriptions/…\", \"type\": \"Microsoft.Compute/virtualMachines\", …}]"
                    aria-describedby="paste-help"
                    {oninput}
                    onkeydown={onkeydown_paste}
                />
                <div class="paste-actions">
                    <span id="paste-help" class="muted small">{"Ctrl+Enter imports. The text stays in this page."}</span>
                    <button
                        type="button"
                        class="button"
                        data-testid="paste-button"
                        disabled={!*has_text}
                        onclick={onclick_paste}
                    >
                        {"Import pasted text"}
                    </button>
                </div>
            </div>
        </div>
    }
}

//! The resource table: searchable, sortable, and virtualised so 100,000 rows scroll
//! smoothly.
//!
//! Rows have a fixed height. The scroll container holds a body as tall as all rows and
//! renders only the rows in view (plus overscan), shifted into place with a transform. The
//! sorted order is computed once per sort change and the filtered rows once per query
//! change (`table.rs`); the search input is debounced. Heights and offsets are set through
//! the CSSOM (`dom::set_style`) because the CSP forbids `style` attributes.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use regionshift_core::Analysis;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use super::resource_assessment::readiness_class;
use super::resource_detail::ResourceDetail;
use super::Shared;
use crate::dom;
use crate::format;
use crate::table::{self, Column, Labels, Query, Sort, Window};

/// Row height in pixels; `--row-height` in `static/app.css` must match.
const ROW_HEIGHT: f64 = 34.0;
/// Rows rendered beyond each edge of the viewport.
const OVERSCAN: usize = 10;
/// Delay between the last keystroke and the search.
const SEARCH_DEBOUNCE_MS: u32 = 150;
/// Viewport height assumed before the table is measured.
const INITIAL_VIEWPORT: f64 = 600.0;

#[derive(Properties, PartialEq)]
pub struct ResourceTableProps {
    pub analysis: Shared<Analysis>,
}

/// The rows of the table after sorting and filtering, compared by identity.
type Rows = Shared<Vec<u32>>;

#[function_component]
pub fn ResourceTable(props: &ResourceTableProps) -> Html {
    let analysis = props.analysis.clone();
    let search_text = use_state(String::new);
    let query = use_state_eq(Query::default);
    let debounce = use_mut_ref(|| None::<Timeout>);
    let sort = use_state_eq(Sort::default);
    let selected = use_state_eq(|| None::<String>);
    let window = use_state_eq(|| Window { start: 0, end: 0 });
    let scroller = use_node_ref();
    let body = use_node_ref();
    let rows_ref = use_node_ref();

    let labels = use_memo(analysis.clone(), |analysis| Labels::from_analysis(analysis));
    let order = {
        let labels = labels.clone();
        use_memo((analysis.clone(), *sort), move |(analysis, sort)| {
            table::sorted_order(&analysis.inventory.resources, *sort, &labels)
        })
    };
    let rows: Rows = {
        let (labels, order) = (labels.clone(), order.clone());
        let memo = use_memo((analysis.clone(), *sort, (*query).clone()), move |(analysis, _, query)| {
            Shared(Rc::new(table::filtered(&analysis.inventory.resources, &order, query, &labels)))
        });
        (*memo).clone()
    };
    let len = rows.len();

    // New rows (query, sort or analysis changed): back to the top, and size the body.
    {
        let (scroller, body, window) = (scroller.clone(), body.clone(), window.clone());
        use_effect_with(rows.clone(), move |rows| {
            // Size the body first: the scroller shrinks to fit a short list.
            if let Some(body) = body.cast::<Element>() {
                dom::set_style(&body, "height", &format!("{}px", rows.len() as f64 * ROW_HEIGHT));
            }
            let viewport = scroller.cast::<Element>().map_or(INITIAL_VIEWPORT, |s| {
                s.set_scroll_top(0);
                f64::from(s.client_height())
            });
            window.set(table::visible_window(rows.len(), 0.0, viewport, ROW_HEIGHT, OVERSCAN));
        });
    }
    // The window may be stale for one render after the rows changed; clamp it.
    let end = window.end.min(len);
    let start = window.start.min(end);
    {
        let rows_ref = rows_ref.clone();
        use_effect_with(start, move |start| {
            if let Some(element) = rows_ref.cast::<Element>() {
                dom::set_style(&element, "transform", &format!("translateY({}px)", *start as f64 * ROW_HEIGHT));
            }
        });
    }

    let onscroll = {
        let (window, len) = (window.clone(), len);
        Callback::from(move |event: Event| {
            if let Some(element) = event.target_dyn_into::<Element>() {
                let top = f64::from(element.scroll_top());
                let height = f64::from(element.client_height());
                window.set(table::visible_window(len, top, height, ROW_HEIGHT, OVERSCAN));
            }
        })
    };

    let oninput = {
        let (search_text, query, debounce) = (search_text.clone(), query.clone(), debounce.clone());
        Callback::from(move |event: InputEvent| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else { return };
            let text = input.value();
            search_text.set(text.clone());
            let query = query.clone();
            // Replacing the timer drops (cancels) the previous one.
            *debounce.borrow_mut() = Some(Timeout::new(SEARCH_DEBOUNCE_MS, move || query.set(Query::new(&text))));
        })
    };
    let onkeydown_search = {
        let (search_text, query, debounce) = (search_text.clone(), query.clone(), debounce.clone());
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                debounce.borrow_mut().take();
                search_text.set(String::new());
                query.set(Query::default());
            }
        })
    };

    let resources = &analysis.inventory.resources;
    let with_readiness = labels.has_readiness();
    let columns: &[Column] = if with_readiness { &Column::WITH_READINESS } else { &Column::ALL };
    let header = columns.iter().map(|&column| {
        let sorted = sort.column == column;
        let aria_sort = match (sorted, sort.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        let onclick = {
            let sort = sort.clone();
            Callback::from(move |_: MouseEvent| sort.set(sort.clicked(column)))
        };
        let arrow = match (sorted, sort.descending) {
            (false, _) => "",
            (true, false) => "▲",
            (true, true) => "▼",
        };
        html! {
            <div role="columnheader" class="rt-cell" aria-sort={aria_sort}>
                <button type="button" class="sort-button" {onclick}>
                    {column.title()}<span class="sort-arrow" aria-hidden="true">{arrow}</span>
                </button>
            </div>
        }
    });

    let row_html = |position: usize| {
        let index = rows[position];
        let resource = &resources[index as usize];
        let key = resource.id.key().to_string();
        let is_selected = selected.as_deref() == Some(key.as_str());
        let onclick = {
            let (selected, key) = (selected.clone(), key.clone());
            Callback::from(move |_: MouseEvent| selected.set(Some(key.clone())))
        };
        let cell = |column: Column| table::cell(resource, index as usize, column, &labels).unwrap_or("").to_string();
        let readiness = labels.readiness(index as usize);
        html! {
            <div role="row" key={index} aria-rowindex={(position + 2).to_string()}
                class={classes!("rt-row", is_selected.then_some("selected"), (position % 2 == 1).then_some("odd"))}
                aria-current={is_selected.then_some("true")}
                {onclick}>
                <div role="cell" class="rt-cell rt-name">
                    <button type="button" class="row-button" title={resource.id.as_str().to_string()}>{&resource.name}</button>
                </div>
                if let Some(readiness) = readiness {
                    <div role="cell" class="rt-cell">
                        <span class={classes!("badge", readiness_class(readiness))}>{readiness.label()}</span>
                    </div>
                }
                <div role="cell" class="rt-cell" title={resource.resource_type.as_str().to_string()}>{cell(Column::Type)}</div>
                <div role="cell" class="rt-cell">{cell(Column::ResourceGroup)}</div>
                <div role="cell" class="rt-cell" title={resource.location.as_ref().map(|l| l.as_str().to_string())}>{cell(Column::Location)}</div>
                <div role="cell" class="rt-cell mono">{cell(Column::Subscription)}</div>
            </div>
        }
    };

    let selected_resource = use_memo((analysis.clone(), (*selected).clone()), |(analysis, selected)| {
        let key = selected.as_deref()?;
        let resources = &analysis.inventory.resources;
        // The inventory is sorted by id key.
        let index = resources.binary_search_by(|r| r.id.key().cmp(key)).ok()?;
        Some((Shared(Rc::new(resources[index].clone())), index))
    });
    let on_open = {
        let selected = selected.clone();
        Callback::from(move |key: String| selected.set(Some(key)))
    };
    let on_close = {
        let selected = selected.clone();
        Callback::from(move |()| selected.set(None))
    };

    html! {
        <section class="panel resources" id="resources" aria-labelledby="resources-title">
            <div class="section-head">
                <h2 id="resources-title">{"Resources"}</h2>
                <p class="muted" aria-live="polite">
                    if query.is_empty() {
                        {format::plural(len, "resource", "resources")}
                    } else {
                        {format!("{} of {} match", format::count(len), format::count(resources.len()))}
                    }
                </p>
            </div>
            <div class="search">
                <label for="resource-search">{"Search"}</label>
                <input id="resource-search" type="search" data-testid="resource-search"
                    placeholder="Name, type, resource group, location or id"
                    autocomplete="off" spellcheck="false"
                    value={(*search_text).clone()} {oninput} onkeydown={onkeydown_search} />
            </div>
            <div class="resources-layout">
                <div class={classes!("rt", with_readiness.then_some("with-readiness"))} role="table" aria-label="Resources" aria-rowcount={(len + 1).to_string()} data-testid="resource-table">
                    <div class="rt-scroll-x">
                        <div role="rowgroup" class="rt-head">
                            <div role="row" class="rt-row rt-header" aria-rowindex="1">{ for header }</div>
                        </div>
                        // The scroller is the body's row group: a focusable element between
                        // the table and its rows must carry a role the table allows.
                        <div class="rt-scroll" ref={scroller} {onscroll} tabindex="0" role="rowgroup" aria-label="Rows, scrollable">
                            <div class="rt-body" ref={body}>
                                <div class="rt-window" ref={rows_ref}>
                                    { for (start..end).map(row_html) }
                                </div>
                            </div>
                            if len == 0 {
                                <div role="row" class="rt-row"><div role="cell" class="rt-empty">{"No resource matches the search."}</div></div>
                            }
                        </div>
                    </div>
                </div>
                <ResourceDetail
                    resource={(*selected_resource).as_ref().map(|(resource, _)| resource.clone())}
                    assessment={(*selected_resource).as_ref().filter(|_| with_readiness).map(|(_, index)| (analysis.clone(), *index))}
                    story={Some((analysis.clone(), on_open))}
                    {on_close} />
            </div>
        </section>
    }
}

//! A compact bar list of counts (by type, region, group, subscription).
//!
//! Bars are `<meter>` elements, so their length needs no inline style (which the CSP
//! forbids).

use std::rc::Rc;

use regionshift_core::inventory::summary::Count;
use yew::prelude::*;

use crate::format;

/// Rows shown before "Show all".
const FOLDED_ROWS: usize = 8;

#[derive(Properties, PartialEq)]
pub struct BarListProps {
    pub title: AttrValue,
    /// Largest first, as the summary gives them.
    pub counts: Rc<Vec<Count>>,
    /// Show the key under the label when they differ (types: display name and ARM type).
    #[prop_or(false)]
    pub show_keys: bool,
}

#[function_component]
pub fn BarList(props: &BarListProps) -> Html {
    let expanded = use_state_eq(|| false);
    let max = props.counts.first().map_or(1, |c| c.count.max(1));
    let shown = if *expanded { props.counts.len() } else { FOLDED_ROWS.min(props.counts.len()) };
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let hidden = props.counts.len() - shown;
    html! {
        <div class="bar-list">
            <h3>{&props.title}<span class="muted">{format!(" ({})", format::count(props.counts.len()))}</span></h3>
            <ol>
                { for props.counts.iter().take(shown).map(|count| {
                    let key = (props.show_keys && count.key != count.label).then(|| count.key.clone());
                    html! {
                        <li>
                            <span class="bar-label" title={count.key.clone()}>
                                {&count.label}
                                if let Some(key) = key { <span class="bar-key">{key}</span> }
                            </span>
                            <meter min="0" max={max.to_string()} value={count.count.to_string()} aria-hidden="true"></meter>
                            <span class="bar-count">{format::count(count.count)}</span>
                        </li>
                    }
                }) }
            </ol>
            if hidden > 0 || *expanded && props.counts.len() > FOLDED_ROWS {
                <button type="button" class="button small ghost" onclick={toggle} aria-expanded={expanded.to_string()}>
                    if *expanded { {"Show fewer"} } else { {format!("Show all {}", format::count(props.counts.len()))} }
                </button>
            }
        </div>
    }
}

//! The page controls of a long list: which rows are shown (`rows 1–100 of 100,000`) and
//! first, previous, next and last page buttons. Nothing when the list fits on one page.

use yew::prelude::*;

use crate::table::Page;

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    pub page: Page,
    /// The page asked for, 0-based.
    pub on_page: Callback<usize>,
    /// What the list is, for the controls' accessible name.
    pub label: AttrValue,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

#[function_component]
pub fn Pager(props: &PagerProps) -> Html {
    let page = props.page;
    if page.pages <= 1 {
        return Html::default();
    }
    let button = |text: &'static str, name: &'static str, to: usize, enabled: bool| {
        let on_page = props.on_page.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_page.emit(to));
        html! {
            <button type="button" class="button small ghost" {onclick} disabled={!enabled} aria-label={name}>{text}</button>
        }
    };
    let last = page.pages - 1;
    html! {
        <nav class="pager" aria-label={format!("Pages of {}", props.label)} data-testid={props.testid.clone()}>
            {button("«", "First page", 0, page.number > 0)}
            {button("‹", "Previous page", page.number.saturating_sub(1), page.number > 0)}
            <span class="small" aria-live="polite">{format!("{}, page {} of {}", page.label(), page.number + 1, crate::format::count(page.pages))}</span>
            {button("›", "Next page", (page.number + 1).min(last), page.number < last)}
            {button("»", "Last page", last, page.number < last)}
        </nav>
    }
}

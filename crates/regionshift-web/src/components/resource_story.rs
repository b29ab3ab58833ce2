//! A resource's story beside its findings and method: monthly cost in the target and
//! where it runs now, its wave and start, its move group, and what it needs and what
//! needs it, each a link that opens that resource (`story.rs` gathers it).

use regionshift_core::units::Hours;
use regionshift_core::Analysis;
use yew::prelude::*;

use super::Shared;
use crate::story::{self, Link, SideCost};

/// Dependencies listed each way before "and N more".
const LISTED: usize = 50;

#[derive(Properties, PartialEq)]
pub struct ResourceStoryProps {
    pub analysis: Shared<Analysis>,
    /// The resource's id key.
    pub resource: AttrValue,
    /// Opens another resource, by id key.
    pub on_open: Callback<String>,
}

fn cost_text(cost: &SideCost) -> Html {
    match cost {
        SideCost::Priced(money) => html! { <strong>{format!("{money} a month")}</strong> },
        SideCost::Free => html! { {"Free"} },
        SideCost::Unpriced { reason, hint } => html! {
            <>{format!("Not priced: {reason}")}if !hint.is_empty() { <span class="muted small">{format!(" ({hint})")}</span> }</>
        },
        SideCost::Absent => html! { <span class="muted">{"—"}</span> },
    }
}

fn links(title: &str, testid: &'static str, list: &[Link], on_open: &Callback<String>) -> Html {
    html! {
        <div class="story-links" data-testid={testid}>
            <h4>{format!("{title} {}", list.len())}</h4>
            if list.is_empty() {
                <p class="muted small">{"Nothing in the inventory."}</p>
            } else {
                <ul class="small">
                    { for list.iter().take(LISTED).map(|link| {
                        let name = match &link.key {
                            Some(key) => {
                                let (on_open, key) = (on_open.clone(), key.clone());
                                let onclick = Callback::from(move |_: MouseEvent| on_open.emit(key.clone()));
                                html! { <button type="button" class="link-button" {onclick}>{&link.name}</button> }
                            }
                            None => html! { <code class="wrap">{&link.name}</code> },
                        };
                        let order = if link.must_exist_first { "must exist first" } else { "can follow" };
                        html! { <li>{name}{format!(" — {}, {order}", link.kind)}</li> }
                    }) }
                    if list.len() > LISTED { <li class="muted">{format!("and {} more", list.len() - LISTED)}</li> }
                </ul>
            }
        </div>
    }
}

#[function_component]
pub fn ResourceStory(props: &ResourceStoryProps) -> Html {
    let story =
        use_memo((props.analysis.clone(), props.resource.clone()), |(analysis, key)| story::story(analysis, key));
    let target = story.target.clone().unwrap_or_else(|| "the target".to_string());
    html! {
        <section class="story" data-testid="resource-story" aria-label="Cost, wave and dependencies">
            <dl class="facts">
                if let Some((there, today)) = &story.cost {
                    <dt>{format!("Monthly cost in {target}")}</dt>
                    <dd data-testid="story-cost-target">{cost_text(there)}</dd>
                    <dt>{"Monthly cost today (list prices)"}</dt>
                    <dd data-testid="story-cost-source">{cost_text(today)}</dd>
                } else {
                    <dt>{"Monthly cost"}</dt>
                    <dd class="muted">{"Choose a target region to price it there and today."}</dd>
                }
                <dt>{"Wave"}</dt>
                <dd data-testid="story-wave">
                    if let Some(m) = &story.movement {
                        {format!("Wave {} ({}), starts at {}", m.wave, m.phase, Hours(m.wave_start_hours))}
                        if let (Some(start), Some(hours), Some(method)) = (m.start_hours, m.hours, m.method) {
                            {format!("; its task starts at {} and takes {} ({})", Hours(start), Hours(hours), method.label())}
                        }
                    } else {
                        <span class="muted">{"Not in the plan"}</span>
                    }
                </dd>
                <dt>{"Move group"}</dt>
                <dd>{story.move_group.clone().unwrap_or_else(|| "—".to_string())}</dd>
            </dl>
            {links("Needs", "story-needs", &story.needs, &props.on_open)}
            {links("Needed by", "story-needed-by", &story.needed_by, &props.on_open)}
            if !story.external.is_empty() {
                {links("Outside the inventory:", "story-external", &story.external, &props.on_open)}
            }
        </section>
    }
}

//! The detail panel of the selected resource, its whole story: id, type, location, SKU;
//! its monthly cost in the target and today, wave and start, what it needs and what
//! needs it (each a link to that resource); with an assessment, its readiness, findings
//! and migration method; then tags, sources, declared dependencies and the properties,
//! pretty-printed.

use regionshift_core::azure::regions;
use regionshift_core::inventory::Resource;
use regionshift_core::Analysis;
use yew::prelude::*;

use super::resource_assessment::ResourceAssessmentView;
use super::resource_story::ResourceStory;
use super::Shared;

#[derive(Properties, PartialEq)]
pub struct ResourceDetailProps {
    pub resource: Option<Shared<Resource>>,
    /// The analysis holding an assessment, and the resource's index in it.
    #[prop_or_default]
    pub assessment: Option<(Shared<Analysis>, usize)>,
    /// The analysis for the resource's story (cost, wave, dependencies both ways), and
    /// what opens another resource by id key.
    #[prop_or_default]
    pub story: Option<(Shared<Analysis>, Callback<String>)>,
    pub on_close: Callback<()>,
}

fn row(label: &'static str, value: Html) -> Html {
    html! {
        <>
            <dt>{label}</dt>
            <dd>{value}</dd>
        </>
    }
}

fn text_or_dash(value: Option<&str>) -> Html {
    match value {
        Some(value) if !value.is_empty() => html! { {value.to_string()} },
        _ => html! { <span class="muted">{"—"}</span> },
    }
}

#[function_component]
pub fn ResourceDetail(props: &ResourceDetailProps) -> Html {
    // Pretty-printed once per selection.
    let properties = use_memo(props.resource.clone(), |resource| {
        let value = resource.as_ref()?.properties_value()?;
        Some(serde_json::to_string_pretty(&value).unwrap_or_default())
    });
    let Some(resource) = props.resource.as_ref() else {
        return html! {
            <aside class="detail empty" aria-label="Resource details">
                <p class="muted">{"Select a resource to see its story: cost, wave, what it needs and what needs it, findings, tags, sources and properties."}</p>
            </aside>
        };
    };
    let location = resource.location.as_ref().map(|l| {
        let name = regions::display_name(l);
        if name == l.as_str() {
            name
        } else {
            format!("{name} ({})", l.as_str())
        }
    });
    let sku = resource.sku.as_ref().map(|sku| {
        let parts = [
            sku.name.as_ref().map(|v| format!("name {v}")),
            sku.tier.as_ref().map(|v| format!("tier {v}")),
            sku.size.as_ref().map(|v| format!("size {v}")),
            sku.family.as_ref().map(|v| format!("family {v}")),
            sku.capacity.map(|v| format!("capacity {v}")),
        ];
        parts.into_iter().flatten().collect::<Vec<_>>().join(", ")
    });
    let type_text = match resource.resource_type.display_name() {
        Some(display) => format!("{display} ({})", resource.resource_type.as_str()),
        None => resource.resource_type.as_str().to_string(),
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <aside class="detail" aria-labelledby="detail-title">
            <div class="detail-head">
                <h3 id="detail-title">{&resource.name}</h3>
                <button type="button" class="button small ghost" onclick={close} aria-label="Close details">{"Close"}</button>
            </div>
            <dl class="facts">
                {row("Id", html! { <code class="wrap">{resource.id.as_str().to_string()}</code> })}
                {row("Type", html! { {type_text} })}
                {row("Location", text_or_dash(location.as_deref()))}
                {row("Resource group", text_or_dash(resource.resource_group.as_deref()))}
                {row("Subscription", text_or_dash(resource.subscription.as_deref()))}
                if resource.kind.is_some() { {row("Kind", text_or_dash(resource.kind.as_deref()))} }
                {row("SKU", text_or_dash(sku.as_deref()))}
                if !resource.zones.is_empty() { {row("Zones", html! { {resource.zones.join(", ")} })} }
                if let Some(managed_by) = &resource.managed_by { {row("Managed by", html! { <code class="wrap">{managed_by.clone()}</code> })} }
            </dl>
            if let Some((analysis, on_open)) = props.story.clone() {
                <ResourceStory {analysis} resource={AttrValue::from(resource.id.key().to_string())} {on_open} />
            }
            if let Some((analysis, index)) = props.assessment.clone() {
                <ResourceAssessmentView {analysis} {index} testid="resource-detail-assessment" nested=true />
            }
            <h4>{"Tags"}</h4>
            if resource.tags.is_empty() {
                <p class="muted">{"No tags."}</p>
            } else {
                <table class="kv">
                    <thead><tr><th scope="col">{"Tag"}</th><th scope="col">{"Value"}</th></tr></thead>
                    <tbody>
                        { for resource.tags.iter().map(|(k, v)| html! { <tr><th scope="row">{k}</th><td>{v}</td></tr> }) }
                    </tbody>
                </table>
            }
            <h4>{"Sources"}</h4>
            <ul class="sources">
                { for resource.sources.iter().map(|s| html! { <li><strong>{&s.file}</strong>{", "}{&s.record}</li> }) }
            </ul>
            if !resource.depends_on.is_empty() {
                <h4>{"Declared dependencies"}</h4>
                <ul class="sources">
                    { for resource.depends_on.iter().map(|d| html! {
                        <li><code class="wrap">{d.id.as_ref().map_or(d.text.clone(), |id| id.as_str().to_string())}</code></li>
                    }) }
                </ul>
            }
            <h4>{"Properties"}</h4>
            if let Some(properties) = properties.as_ref() {
                <pre class="code json" tabindex="0" aria-label="Properties JSON"><code>{properties.clone()}</code></pre>
            } else {
                <p class="muted">{"The export carried no properties for this resource (see the export kit)."}</p>
            }
        </aside>
    }
}

//! The inventory view: the resource count, breakdowns by type, region, resource group and
//! subscription, what the export lacks, and the resource table.

use std::rc::Rc;

use regionshift_core::Analysis;
use yew::prelude::*;

use super::bars::BarList;
use super::completeness::CompletenessPanel;
use super::resource_table::ResourceTable;
use super::Shared;
use crate::format;

#[derive(Properties, PartialEq)]
pub struct InventoryViewProps {
    pub analysis: Shared<Analysis>,
}

#[function_component]
pub fn InventoryView(props: &InventoryViewProps) -> Html {
    let analysis = &props.analysis;
    let summary = &analysis.summary;
    let files = analysis.files.len();
    let usable = analysis.files.iter().filter(|f| f.error.is_none()).count();
    html! {
        <>
            <section class="panel overview" id="inventory" aria-labelledby="overview-title">
                <div class="section-head">
                    <h2 id="overview-title">{"Inventory"}</h2>
                    <p class="muted">
                        {format!("from {} of {}", format::plural(usable, "usable file", "usable files"), format::count(files))}
                    </p>
                </div>
                <p class="resource-count">
                    <strong class="count-number" data-testid="inventory-count">{summary.resources}</strong>
                    <span class="count-unit">{if summary.resources == 1 { " resource" } else { " resources" }}</span>
                </p>
                if summary.resources > 0 {
                    <div class="bar-grid">
                        <BarList title="By type" counts={Rc::new(summary.by_type.clone())} show_keys=true />
                        <BarList title="By region" counts={Rc::new(summary.by_location.clone())} show_keys=true />
                        <BarList title="By resource group" counts={Rc::new(summary.by_resource_group.clone())} />
                        <BarList title="By subscription" counts={Rc::new(summary.by_subscription.clone())} />
                    </div>
                } else {
                    <p class="empty-note">
                        {"No resources were imported. The file table above and the diagnostics below say why."}
                    </p>
                }
            </section>
            <CompletenessPanel analysis={analysis.clone()} />
            if summary.resources > 0 {
                <ResourceTable analysis={analysis.clone()} />
            }
        </>
    }
}

//! The resources section: every resource in inventory order, and the distinct
//! migration methods they refer to.

use std::collections::BTreeMap;

use super::{json_label, MethodDetail, MissingRow, ResourceRow};
use crate::analysis::Analysis;
use crate::assess::Readiness;
use crate::methods::MigrationMethod;
use crate::report::redact::Redactor;

/// The resource rows (waves are filled in by the plan) and the methods they name.
pub(super) fn resources_and_methods(analysis: &Analysis, r: &mut Redactor) -> (Vec<ResourceRow>, Vec<MethodDetail>) {
    let assessment = analysis.assessment.as_ref();
    let mut methods = Methods::default();
    let mut resources = Vec::with_capacity(analysis.inventory.resources.len());
    for (position, resource) in analysis.inventory.resources.iter().enumerate() {
        // The assessment lists the resources in inventory order.
        let assessed = assessment.and_then(|a| a.resources.get(position)).filter(|a| a.id == resource.id);
        resources.push(ResourceRow {
            id: r.id(resource.id.as_str()),
            name: r.name(&resource.name),
            resource_type: resource.resource_type.as_str().to_string(),
            resource_group: resource.resource_group.as_deref().map(|g| r.group(g)).unwrap_or_default(),
            location: resource.location.as_ref().map(|l| l.as_str().to_string()).unwrap_or_default(),
            readiness: assessed.map(|a| readiness_key(a.readiness).to_string()).unwrap_or_default(),
            method: assessed.map(|a| methods.position(&a.method)),
            wave: None,
            missing: assessed
                .map(|a| {
                    a.missing
                        .iter()
                        .map(|m| MissingRow { field: m.field.to_string(), rule: m.rule.to_string() })
                        .collect()
                })
                .unwrap_or_default(),
        });
    }
    (resources, methods.list)
}

/// The stable key of a readiness (`not-ready`).
pub(super) fn readiness_key(readiness: Readiness) -> &'static str {
    match readiness {
        Readiness::Ready => "ready",
        Readiness::ReadyWithConditions => "ready-with-conditions",
        Readiness::NotReady => "not-ready",
        Readiness::Unknown => "unknown",
    }
}

/// The distinct methods, in order of first use.
#[derive(Default)]
struct Methods {
    list: Vec<MethodDetail>,
    index: BTreeMap<String, usize>,
}

impl Methods {
    fn position(&mut self, m: &MigrationMethod) -> usize {
        let key = format!("{}|{:?}|{}|{}", m.service, m.method, m.cross_cloud, m.generic);
        let list = &mut self.list;
        *self.index.entry(key).or_insert_with(|| {
            list.push(MethodDetail {
                service: m.service.clone(),
                method: m.method.label().to_string(),
                tools: m.tools.clone(),
                data_move: m.data_move,
                downtime: json_label(&m.downtime),
                steps: m.steps.clone(),
                caveats: m.caveats.clone(),
                link: m.link.clone(),
                cross_cloud: m.cross_cloud,
                generic: m.generic,
            });
            list.len() - 1
        })
    }
}

//! The report model: one serialisable view of an analysis that every rendering reads.
//!
//! Built by [`build`]; sorted, labelled and rounded here (money half-to-even to two
//! decimals, hours to two decimals), redacted here when asked, so the HTML, CSV,
//! Markdown and JSON renderings can never disagree or leak what redaction removed.
//! Sections refer to resources by their position in [`Report::resources`].

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::embed::PackedSource;
use super::redact::Redactor;
use super::{Redaction, ReportOptions, SCHEMA};
use crate::analysis::Analysis;
use crate::assess::{FindingSeverity, Readiness};
use crate::cost::{self, Estimate};
use crate::units::{round_for_display, Money};

/// How many of the most expensive resources the cost section lists.
const TOP_RESOURCES: usize = 10;

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// `regionshift.report/1`.
    pub schema: String,
    /// `RegionShift 0.1.0`.
    pub generator: String,
    /// The date the report was made (`YYYY-MM-DD`), as the caller gave it.
    pub date: String,
    pub redacted: bool,
    pub summary: Summary,
    pub scope: Scope,
    /// Every resource, in inventory order; other sections refer to positions here.
    pub resources: Vec<ResourceRow>,
    /// The distinct migration methods; [`ResourceRow::method`] refers to positions here.
    pub methods: Vec<MethodDetail>,
    pub readiness: ReadinessSection,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cost: Option<CostSection>,
    pub plan: PlanSection,
    pub diagnostics: Vec<DiagnosticRow>,
    pub glossary: Vec<GlossaryEntry>,
    /// The inputs and options, packed, so the report re-imports by re-running the
    /// analysis. Absent from redacted reports.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source: Option<PackedSource>,
}

/// The executive summary's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub resources: usize,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub target: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub target_name: Option<String>,
    pub crosses_clouds: bool,
    /// Ready, ready with conditions, not ready, unknown (empty without a target).
    pub readiness: Vec<LabelCount>,
    pub blockers: usize,
    pub warnings: usize,
    pub blockers_by_category: Vec<LabelCount>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cost: Option<CostSummary>,
    pub waves: usize,
    pub total_hours: Decimal,
    pub dependencies: usize,
    pub cycles: usize,
    pub external_dependencies: usize,
}

/// A label and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelCount {
    /// A stable key (`ready`, `not-ready`, a category, a type).
    pub key: String,
    pub label: String,
    pub count: usize,
}

/// The monthly cost in the target next to the source's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostSummary {
    pub target_currency: String,
    pub target_monthly: Decimal,
    pub source_currency: String,
    pub source_monthly: Decimal,
    /// Target minus source, only when both are in one currency.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub delta_monthly: Option<Decimal>,
    /// Priced share of the resources that cost something in the target, in percent.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub target_priced_percent: Option<Decimal>,
    /// The share of the source's priced cost that the target figure also prices.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source_cost_coverage_percent: Option<Decimal>,
    pub unpriced_in_target: usize,
}

/// What the report covers and with which data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scope {
    pub files: Vec<FileRow>,
    pub by_type: Vec<LabelCount>,
    pub by_location: Vec<LabelCount>,
    pub by_resource_group: Vec<LabelCount>,
    pub by_subscription: Vec<LabelCount>,
    /// The regions the resources are in now.
    pub source_regions: Vec<String>,
    pub catalog_as_of: String,
    pub catalog_user_files: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub price_snapshot_as_of: Option<String>,
    pub price_user_files: Vec<String>,
    /// The options the analysis and the report used, as name and value.
    pub options: Vec<NameValue>,
    /// What the input lacks and how to export it.
    pub gaps: Vec<NameValue>,
}

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRow {
    pub name: String,
    pub size: u64,
    pub format: String,
    pub records: usize,
    pub imported: usize,
    pub skipped: usize,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
}

/// A name and a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameValue {
    pub name: String,
    pub value: String,
}

/// One resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceRow {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub resource_type: String,
    pub resource_group: String,
    pub location: String,
    /// `ready`, `ready-with-conditions`, `not-ready`, `unknown`; empty without a target.
    pub readiness: String,
    /// Position in [`Report::methods`], when assessed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub method: Option<usize>,
    /// The move wave (1-based).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub wave: Option<usize>,
}

/// A migration method as the table gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodDetail {
    pub service: String,
    pub method: String,
    pub tools: Vec<String>,
    pub data_move: bool,
    pub downtime: String,
    pub steps: Vec<String>,
    pub caveats: Vec<String>,
    pub link: String,
    pub cross_cloud: bool,
    pub generic: bool,
}

/// Every finding, grouped by rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadinessSection {
    /// Blockers first, then warnings, then remarks; by rule id within a severity.
    pub groups: Vec<FindingGroup>,
    /// Fields the input lacked, how many resources that left unknown, how to export it.
    pub unknown_causes: Vec<UnknownCauseRow>,
}

/// The findings of one rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingGroup {
    pub rule: String,
    pub rule_name: String,
    pub severity: String,
    pub category: String,
    /// The remediation and documentation most of the group's findings share; a finding
    /// whose own differ carries them itself.
    pub remediation: String,
    pub doc: String,
    pub findings: Vec<FindingRow>,
}

impl FindingGroup {
    /// A finding's remediation: its own, else the group's.
    pub fn remediation_of<'a>(&'a self, finding: &'a FindingRow) -> &'a str {
        if finding.remediation.is_empty() {
            &self.remediation
        } else {
            &finding.remediation
        }
    }

    /// A finding's documentation page: its own, else the group's.
    pub fn doc_of<'a>(&'a self, finding: &'a FindingRow) -> &'a str {
        if finding.doc.is_empty() {
            &self.doc
        } else {
            &finding.doc
        }
    }
}

/// One finding about one resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingRow {
    /// Position in [`Report::resources`].
    pub resource: usize,
    pub evidence_path: String,
    pub evidence_value: String,
    pub message: String,
    /// Empty when the same as the group's ([`FindingGroup::remediation_of`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub remediation: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// Empty when the same as the group's ([`FindingGroup::doc_of`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc: String,
}

/// A field the input lacked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnknownCauseRow {
    pub field: String,
    pub resources: usize,
    pub how_to_export: String,
}

/// Target and source estimates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostSection {
    pub target: EstimateView,
    pub source: EstimateView,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source_cost_coverage_percent: Option<Decimal>,
    /// What the figures assume: usage assumptions with how many lines use each, the
    /// snapshot's remarks, the rounding policy.
    pub assumptions: Vec<String>,
}

/// One side's monthly estimate, rounded for display.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EstimateView {
    pub currency: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub region: Option<String>,
    pub total_monthly: Decimal,
    pub usage_monthly: Decimal,
    pub priced_resources: usize,
    pub unpriced_resources: usize,
    pub free_resources: usize,
    pub total_resources: usize,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub priced_percent: Option<Decimal>,
    pub by_category: Vec<Amount>,
    pub by_resource_group: Vec<Amount>,
    pub by_type: Vec<Amount>,
    /// The most expensive resources (`label` is the position in [`Report::resources`]).
    pub top_resources: Vec<ResourceAmount>,
    pub unpriced: Vec<UnpricedBin>,
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub converted: Option<String>,
}

/// A labelled amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amount {
    pub label: String,
    pub monthly: Decimal,
}

/// A resource's monthly amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceAmount {
    pub resource: usize,
    pub monthly: Decimal,
}

/// Resources left out of a total for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnpricedBin {
    pub reason: String,
    pub resources: Vec<UnpricedRow>,
}

/// One unpriced resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnpricedRow {
    /// Position in [`Report::resources`] (or `None` for a resource not in the inventory).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub resource: Option<usize>,
    pub detail: String,
    pub hint: String,
}

/// The migration plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSection {
    pub edges: Vec<EdgeRow>,
    /// Each cycle's resources (positions in [`Report::resources`]).
    pub cycles: Vec<Vec<usize>>,
    pub groups: Vec<GroupRow>,
    pub waves: Vec<WaveRow>,
    pub total_hours: Decimal,
    pub critical_path: Vec<usize>,
    pub external: Vec<ExternalRow>,
    pub assumptions: Vec<AssumptionRow>,
    pub caveat: String,
}

/// `from` needs `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EdgeRow {
    pub from: usize,
    pub to: usize,
    pub kind: String,
    pub path: String,
    pub must_exist_first: bool,
}

/// A move group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRow {
    pub name: String,
    pub resources: Vec<usize>,
}

/// One wave and its tasks (the Gantt chart's data).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaveRow {
    pub number: usize,
    pub phase: String,
    pub resources: usize,
    pub units: usize,
    pub start_hours: Decimal,
    pub end_hours: Decimal,
    pub makespan_hours: Decimal,
    pub tasks: Vec<TaskRow>,
}

/// Moving one resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskRow {
    pub resource: usize,
    pub method: String,
    pub hours: Decimal,
    pub start_hours: Decimal,
    pub end_hours: Decimal,
    pub worker: u32,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub data_gb: Option<Decimal>,
}

/// A reference leaving the inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalRow {
    pub from: usize,
    pub to: String,
    pub reference: String,
    pub path: String,
    pub kind: String,
}

/// A value the plan assumed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssumptionRow {
    pub name: String,
    pub value: String,
    pub unit: String,
    pub why: String,
    pub applies_to: usize,
}

/// A diagnostic of the import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosticRow {
    pub severity: String,
    pub code: String,
    pub file: String,
    pub location: String,
    pub message: String,
    pub hint: String,
}

/// A term and what it means here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    pub term: String,
    pub meaning: String,
}

/// Builds the report model of an analysis, redacted when the options say so.
pub(crate) fn compose(analysis: &Analysis, options: &ReportOptions) -> Report {
    let redacted = options.redact == Redaction::Pseudonyms;
    let mut redactor = if redacted { Redactor::new(analysis) } else { Redactor::disabled() };
    let r = &mut redactor;
    let assessment = analysis.assessment.as_ref();

    // Resources, in inventory order; the assessment lists them in the same order.
    let mut position_of: BTreeMap<String, usize> = BTreeMap::new();
    let mut methods: Vec<MethodDetail> = Vec::new();
    let mut method_index: BTreeMap<String, usize> = BTreeMap::new();
    let mut resources = Vec::with_capacity(analysis.inventory.resources.len());
    for (position, resource) in analysis.inventory.resources.iter().enumerate() {
        position_of.insert(resource.id.key().to_string(), position);
        let assessed = assessment.and_then(|a| a.resources.get(position)).filter(|a| a.id == resource.id);
        let method = assessed.map(|assessed| {
            let m = &assessed.method;
            let key = format!("{}|{:?}|{}|{}", m.service, m.method, m.cross_cloud, m.generic);
            *method_index.entry(key).or_insert_with(|| {
                methods.push(MethodDetail {
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
                methods.len() - 1
            })
        });
        resources.push(ResourceRow {
            id: r.id(resource.id.as_str()),
            name: r.name(&resource.name),
            resource_type: resource.resource_type.as_str().to_string(),
            resource_group: resource.resource_group.as_deref().map(|g| r.group(g)).unwrap_or_default(),
            location: resource.location.as_ref().map(|l| l.as_str().to_string()).unwrap_or_default(),
            readiness: assessed.map(|a| readiness_key(a.readiness).to_string()).unwrap_or_default(),
            method,
            wave: None,
        });
    }
    let position = |id: &str, position_of: &BTreeMap<String, usize>| position_of.get(&id.to_ascii_lowercase()).copied();

    // Readiness.
    let mut groups: BTreeMap<(FindingSeverity, &str), FindingGroup> = BTreeMap::new();
    if let Some(assessment) = assessment {
        for finding in &assessment.findings {
            let Some(resource) = position(finding.resource.as_str(), &position_of) else { continue };
            let group = groups.entry((finding.severity, finding.rule)).or_insert_with(|| FindingGroup {
                rule: finding.rule.to_string(),
                rule_name: finding.rule_name.to_string(),
                severity: finding.severity.label().to_string(),
                category: finding.category.to_string(),
                remediation: String::new(),
                doc: String::new(),
                findings: Vec::new(),
            });
            group.findings.push(FindingRow {
                resource,
                evidence_path: r.text(&finding.evidence.path),
                evidence_value: r.text(&finding.evidence.value),
                message: r.text(&finding.message),
                remediation: r.text(&finding.remediation),
                alternatives: finding.alternatives.iter().map(|a| r.text(a)).collect(),
                doc: finding.doc.clone(),
            });
        }
    }
    let mut groups: Vec<FindingGroup> = groups.into_values().collect();
    for group in &mut groups {
        share_common(group);
    }
    let readiness = ReadinessSection {
        groups,
        unknown_causes: assessment
            .map(|a| {
                a.unknown_causes
                    .iter()
                    .map(|c| UnknownCauseRow {
                        field: c.field.to_string(),
                        resources: c.resources,
                        how_to_export: c.how_to_export.to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    };

    // Plan.
    let plan = &analysis.plan;
    let resource_position = |id: &crate::azure::ResourceId| position_of.get(id.key()).copied();
    let edges: Vec<EdgeRow> = plan
        .edges
        .iter()
        .filter_map(|edge| {
            Some(EdgeRow {
                from: resource_position(&edge.from)?,
                to: resource_position(&edge.to)?,
                kind: edge.kind.label().to_string(),
                path: r.text(&edge.path),
                must_exist_first: edge.must_exist_first,
            })
        })
        .collect();
    let mut waves = Vec::with_capacity(plan.waves.len());
    for wave in &plan.waves {
        for id in &wave.resources {
            if let Some(p) = resource_position(id) {
                resources[p].wave = Some(wave.number);
            }
        }
        waves.push(WaveRow {
            number: wave.number,
            phase: wave.phase.label().to_string(),
            resources: wave.resources.len(),
            units: wave.units,
            start_hours: hours(wave.start_hours),
            end_hours: hours(wave.end_hours),
            makespan_hours: hours(wave.makespan_hours),
            tasks: wave
                .tasks
                .iter()
                .filter_map(|task| {
                    Some(TaskRow {
                        resource: resource_position(&task.resource)?,
                        method: task.method.label().to_string(),
                        hours: hours(task.hours),
                        start_hours: hours(task.start_hours),
                        end_hours: hours(task.end_hours),
                        worker: task.worker,
                        data_gb: task.data_gb.map(hours),
                    })
                })
                .collect(),
        });
    }
    let plan_section = PlanSection {
        edges,
        cycles: plan
            .cycles
            .iter()
            .map(|c| c.resources.iter().filter_map(|id| resource_position(id)).collect())
            .collect(),
        groups: plan
            .groups
            .iter()
            .map(|g| GroupRow {
                name: r.group_name(&g.name),
                resources: g.resources.iter().filter_map(|id| resource_position(id)).collect(),
            })
            .collect(),
        waves,
        total_hours: hours(plan.total_hours),
        critical_path: plan.critical_path.iter().filter_map(|id| resource_position(id)).collect(),
        external: plan
            .external
            .iter()
            .filter_map(|e| {
                Some(ExternalRow {
                    from: resource_position(&e.from)?,
                    to: r.external(&e.to),
                    reference: r.external(&e.reference),
                    path: r.text(&e.path),
                    kind: e.kind.label().to_string(),
                })
            })
            .collect(),
        assumptions: plan
            .assumptions
            .iter()
            .map(|a| AssumptionRow {
                name: a.name.to_string(),
                value: a.value.clone(),
                unit: a.unit.to_string(),
                why: a.why.to_string(),
                applies_to: a.applies_to,
            })
            .collect(),
        caveat: plan.caveat.to_string(),
    };

    // Cost.
    let cost = analysis.cost.as_ref().map(|cost| {
        let mut assumptions: BTreeMap<String, usize> = BTreeMap::new();
        for line in &cost.target.lines {
            if let Some(assumption) = &line.assumption {
                *assumptions.entry(r.text(assumption)).or_default() += 1;
            }
        }
        let mut assumptions: Vec<String> =
            assumptions.into_iter().map(|(text, lines)| format!("{text} ({lines} target lines)")).collect();
        assumptions.extend(cost.prices.snapshot_notes.iter().cloned());
        assumptions.push(
            "Amounts are monthly list prices, rounded half-to-even to two decimals only when shown; unpriced resources count in no total"
                .to_string(),
        );
        CostSection {
            target: estimate_view(&cost.target, &position_of, r),
            source: estimate_view(&cost.source, &position_of, r),
            source_cost_coverage_percent: cost.source_cost_coverage.map(percent),
            assumptions,
        }
    });

    // Summary.
    let summary = Summary {
        resources: analysis.inventory.resources.len(),
        target: assessment.map(|a| a.target.as_str().to_string()),
        target_name: assessment.map(|a| a.target_display_name.clone()),
        crosses_clouds: assessment.is_some_and(|a| a.crosses_clouds),
        readiness: assessment
            .map(|a| {
                let s = &a.summary;
                [
                    (Readiness::Ready, s.ready),
                    (Readiness::ReadyWithConditions, s.ready_with_conditions),
                    (Readiness::NotReady, s.not_ready),
                    (Readiness::Unknown, s.unknown),
                ]
                .into_iter()
                .map(|(readiness, count)| LabelCount {
                    key: readiness_key(readiness).to_string(),
                    label: readiness.label().to_string(),
                    count,
                })
                .collect()
            })
            .unwrap_or_default(),
        blockers: assessment.map_or(0, |a| a.summary.blockers),
        warnings: assessment.map_or(0, |a| a.summary.warnings),
        blockers_by_category: assessment
            .map(|a| {
                let mut list: Vec<LabelCount> = a
                    .summary
                    .blockers_by_category
                    .iter()
                    .map(|(category, count)| LabelCount {
                        key: category.to_string(),
                        label: category.to_string(),
                        count: *count,
                    })
                    .collect();
                list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
                list
            })
            .unwrap_or_default(),
        cost: cost.as_ref().map(|c| CostSummary {
            target_currency: c.target.currency.clone(),
            target_monthly: c.target.total_monthly,
            source_currency: c.source.currency.clone(),
            source_monthly: c.source.total_monthly,
            delta_monthly: analysis.cost.as_ref().and_then(|cost| cost.delta()).map(|(delta, _)| money(delta)),
            target_priced_percent: c.target.priced_percent,
            source_cost_coverage_percent: c.source_cost_coverage_percent,
            unpriced_in_target: c.target.unpriced_resources,
        }),
        waves: plan_section.waves.len(),
        total_hours: plan_section.total_hours,
        dependencies: plan_section.edges.len(),
        cycles: plan_section.cycles.len(),
        external_dependencies: plan_section.external.len(),
    };

    // Scope.
    let by = |counts: &[crate::inventory::summary::Count], r: &mut Redactor, kind: CountKind| -> Vec<LabelCount> {
        counts
            .iter()
            .map(|c| {
                let (key, label) = match kind {
                    CountKind::Plain => (c.key.clone(), c.label.clone()),
                    CountKind::Group => (r.group(&c.key), r.group(&c.label)),
                    CountKind::Subscription => (r.subscription(&c.key), r.subscription(&c.label)),
                };
                LabelCount { key, label, count: c.count }
            })
            .collect()
    };
    let mut source_regions: Vec<String> =
        analysis.summary.by_location.iter().map(|c| c.key.clone()).filter(|k| k != "(none)").collect();
    source_regions.sort();
    let scope = Scope {
        files: analysis
            .files
            .iter()
            .map(|f| FileRow {
                name: r.file(&f.name),
                size: f.size,
                format: f.format.map(|format| json_label(&format)).unwrap_or_default(),
                records: f.records,
                imported: f.imported,
                skipped: f.skipped,
                error: f.error.as_ref().map(|e| r.text(&e.to_string())),
            })
            .collect(),
        by_type: by(&analysis.summary.by_type, r, CountKind::Plain),
        by_location: by(&analysis.summary.by_location, r, CountKind::Plain),
        by_resource_group: by(&analysis.summary.by_resource_group, r, CountKind::Group),
        by_subscription: by(&analysis.summary.by_subscription, r, CountKind::Subscription),
        source_regions,
        catalog_as_of: analysis.catalog.as_of.clone(),
        catalog_user_files: analysis.catalog.user_files.iter().map(|f| r.file(f)).collect(),
        price_snapshot_as_of: analysis.cost.as_ref().map(|c| c.prices.snapshot_as_of.clone()),
        price_user_files: analysis
            .cost
            .as_ref()
            .map(|c| c.prices.user.files.iter().map(|f| r.file(f)).collect())
            .unwrap_or_default(),
        options: scope_options(analysis, options),
        gaps: analysis
            .completeness
            .gaps
            .iter()
            .map(|g| NameValue {
                name: r.text(&g.missing),
                value: r.text(&format!("{} resources: {} {}", g.resources, g.limits, g.remedy)),
            })
            .collect(),
    };

    let diagnostics = analysis
        .diagnostics
        .iter()
        .map(|d| DiagnosticRow {
            severity: d.severity.label().to_string(),
            code: d.code.to_string(),
            file: d.file.as_deref().map(|f| r.file(f)).unwrap_or_default(),
            location: d.location.as_deref().map(|l| r.text(l)).unwrap_or_default(),
            message: r.text(&d.message),
            hint: d.hint.as_deref().map(|h| r.text(h)).unwrap_or_default(),
        })
        .collect();

    let source = if redactor.is_enabled() { None } else { options.source.as_ref().map(PackedSource::pack) };

    Report {
        schema: SCHEMA.to_string(),
        generator: super::GENERATOR.to_string(),
        date: options.date.clone(),
        redacted,
        summary,
        scope,
        resources,
        methods,
        readiness,
        cost,
        plan: plan_section,
        diagnostics,
        glossary: glossary(),
        source,
    }
}

/// Moves the most common remediation and documentation of a group's findings to the
/// group (ties: the first in sort order), leaving findings only what differs.
fn share_common(group: &mut FindingGroup) {
    fn most_common<'a>(texts: impl Iterator<Item = &'a str>) -> String {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for text in texts {
            *counts.entry(text).or_default() += 1;
        }
        let mut best: Option<(&str, usize)> = None;
        for (text, count) in counts {
            if best.is_none_or(|b| count > b.1) {
                best = Some((text, count));
            }
        }
        best.map(|b| b.0.to_string()).unwrap_or_default()
    }
    group.remediation = most_common(group.findings.iter().map(|f| f.remediation.as_str()));
    group.doc = most_common(group.findings.iter().map(|f| f.doc.as_str()));
    for finding in &mut group.findings {
        if finding.remediation == group.remediation {
            finding.remediation.clear();
        }
        if finding.doc == group.doc {
            finding.doc.clear();
        }
    }
}

#[derive(Clone, Copy)]
enum CountKind {
    Plain,
    Group,
    Subscription,
}

fn scope_options(analysis: &Analysis, options: &ReportOptions) -> Vec<NameValue> {
    let mut list = Vec::new();
    let mut push = |name: &str, value: String| list.push(NameValue { name: name.to_string(), value });
    match &analysis.assessment {
        Some(a) => push("Target region", format!("{} ({})", a.target_display_name, a.target.as_str())),
        None => push("Target region", "none: no assessment, cost or target-specific plan".to_string()),
    }
    push("Report date", options.date.clone());
    push(
        "Redaction",
        match options.redact {
            Redaction::None => "none: names, ids and addresses as exported".to_string(),
            Redaction::Pseudonyms => {
                "names, ids, subscriptions, resource groups, tags and IP addresses replaced with pseudonyms".to_string()
            }
        },
    );
    if let Some(source) = &options.source {
        let o = &source.options;
        push("Pricing", json_label(&o.cost.pricing));
        push("Hybrid benefit", json_label(&o.cost.hybrid_benefit));
        push("Hours per month", o.cost.hours_per_month.to_string());
        if let Some(discount) = o.cost.discount_percent {
            push("Discount", format!("{discount}%"));
        }
        push("Move groups by", serde_json::to_value(&o.plan.group_by).map(|v| v.to_string()).unwrap_or_default());
        push("Largest wave", o.plan.max_wave_size.to_string());
    }
    list
}

fn estimate_view(estimate: &Estimate, position_of: &BTreeMap<String, usize>, r: &mut Redactor) -> EstimateView {
    let amounts = |map: &BTreeMap<String, Decimal>, r: &mut Redactor, groups: bool| -> Vec<Amount> {
        let mut list: Vec<Amount> = map
            .iter()
            .map(|(label, monthly)| Amount {
                label: if groups { r.group(label) } else { label.clone() },
                monthly: money(*monthly),
            })
            .collect();
        list.sort_by(|a, b| b.monthly.cmp(&a.monthly).then_with(|| a.label.cmp(&b.label)));
        list
    };
    let mut bins: BTreeMap<&'static str, Vec<UnpricedRow>> = BTreeMap::new();
    for unpriced in &estimate.unpriced {
        let detail = match &unpriced.reason {
            cost::UnpricedReason::InputMissing { field } => format!("missing {field}"),
            cost::UnpricedReason::OtherCurrency { currency } => format!("prices in {currency}"),
            _ => String::new(),
        };
        bins.entry(unpriced.reason.label()).or_default().push(UnpricedRow {
            resource: position_of.get(unpriced.resource.key()).copied(),
            detail,
            hint: r.text(&unpriced.hint),
        });
    }
    let coverage = &estimate.coverage;
    EstimateView {
        currency: estimate.currency.code().to_string(),
        region: estimate.region.as_ref().map(|l| l.as_str().to_string()),
        total_monthly: money(estimate.total_monthly),
        usage_monthly: money(estimate.usage_monthly),
        priced_resources: coverage.priced_resources,
        unpriced_resources: coverage.unpriced_resources,
        free_resources: coverage.free_resources,
        total_resources: coverage.total_resources,
        priced_percent: coverage.priced_percent.map(percent),
        by_category: amounts(&estimate.by_category, r, false),
        by_resource_group: amounts(&estimate.by_resource_group, r, true),
        by_type: amounts(&estimate.by_type, r, false),
        top_resources: estimate
            .most_expensive(TOP_RESOURCES)
            .into_iter()
            .filter_map(|(id, monthly)| {
                Some(ResourceAmount { resource: position_of.get(id.key()).copied()?, monthly: money(monthly) })
            })
            .collect(),
        unpriced: bins
            .into_iter()
            .map(|(reason, resources)| UnpricedBin { reason: reason.to_string(), resources })
            .collect(),
        notes: estimate.notes.iter().map(|n| r.text(n)).collect(),
        converted: estimate.converted.as_ref().map(|c| {
            format!("{} at {} {} per {}", Money::new(c.total_monthly, c.rate.to), c.rate.rate, c.rate.to, c.rate.from)
        }),
    }
}

/// Money as shown: half-to-even, two decimals.
fn money(amount: Decimal) -> Decimal {
    round_for_display(amount)
}

/// Hours and percentages as shown: two decimals.
fn hours(value: Decimal) -> Decimal {
    round_for_display(value)
}

fn percent(value: Decimal) -> Decimal {
    round_for_display(value)
}

fn readiness_key(readiness: Readiness) -> &'static str {
    match readiness {
        Readiness::Ready => "ready",
        Readiness::ReadyWithConditions => "ready-with-conditions",
        Readiness::NotReady => "not-ready",
        Readiness::Unknown => "unknown",
    }
}

/// A unit-like enum's serde name (`pay-as-you-go`).
fn json_label<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn glossary() -> Vec<GlossaryEntry> {
    [
        ("Readiness", "Whether a resource can move to the target as it is: Ready, Ready with conditions (warnings to act on), Not ready (a blocker), or Unknown (the input lacks what a check needs; never a silent pass)."),
        ("Blocker", "A finding that stops the resource from moving as it is; the remediation says what to change."),
        ("Finding", "One problem or remark about one resource, from a rule of data/rules.json, with its evidence (property path and value)."),
        ("Migration method", "How a resource gets to the target: replication, Resource Mover, redeploying a template, backup and restore, copying data, or recreating it."),
        ("Unpriced", "A resource the estimate could not price, with the reason and a hint; it counts as nothing in any total, never as zero cost."),
        ("Coverage", "The priced share of the resources that cost something; the source cost coverage is the share of today's priced cost that the target figure also prices."),
        ("Dependency", "A reference from one resource to another (network, data, identity, security, monitoring, hosting, containment or a template's dependsOn): the dependency moves first or with it."),
        ("Cycle", "Resources that depend on each other in a circle; they move together as one unit."),
        ("External dependency", "A reference to something outside the inventory: it must exist in the target already or be added to the scope."),
        ("Move group", "Resources that should move together (a migration package)."),
        ("Wave", "Resources that move in one step after every earlier wave has finished; foundation first, then data, compute and apps, then monitoring."),
        ("Gantt chart", "The waves and their tasks on a time axis in hours from the start of the move."),
        ("Critical path", "The chain of tasks in each wave that decided when it ended."),
        ("Pseudonym", "In a redacted report, a stable stand-in (vm-3, rg-2, sub-1, ip-4) for a name, id, subscription, resource group, tag or IP address."),
    ]
    .into_iter()
    .map(|(term, meaning)| GlossaryEntry { term: term.to_string(), meaning: meaning.to_string() })
    .collect()
}

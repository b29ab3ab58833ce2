//! The report model: one serialisable view of an analysis that every rendering reads.
//!
//! Built by [`build`](super::build); sorted, labelled and rounded here (money
//! half-to-even to two decimals, hours and percentages to two decimals, as
//! [`Hours`] and [`Percent`]), redacted here when asked, so the text, HTML, CSV,
//! Markdown and JSON renderings can never disagree or leak what redaction removed.
//! Sections refer to resources by their position in [`Report::resources`].
//!
//! [`compose`] runs one function per section, each in its own submodule: `resources`
//! (the resources and their migration methods), `readiness`, `plan`, `cost`,
//! `summary`, `scope`, `diagnostics`, `glossary` and, when asked, `comparison`. The order matters only for
//! redaction: pseudonyms of things outside the inventory (an unknown id or address in
//! a message) are numbered in the order the sections meet them.
//!
//! Fields added after the first version of `regionshift.report/1` read as empty when
//! absent (`#[serde(default)]`), so older reports still reopen.

mod comparison;
mod cost;
mod diagnostics;
mod glossary;
mod plan;
mod readiness;
mod resources;
mod scope;
mod summary;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::embed::PackedSource;
use super::redact::Redactor;
use super::{Redaction, ReportOptions, SCHEMA};
use crate::analysis::Analysis;
use crate::azure::ResourceId;
pub use crate::decisions::Tally;
use crate::units::{round_for_display, Currency, Date, Hours, Money, Percent};

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// `regionshift.report/1`.
    pub schema: String,
    /// `RegionShift 0.1.0`.
    pub generator: String,
    /// The date the report was made (`YYYY-MM-DD`), as the caller gave it.
    pub date: String,
    /// The project the report is for and who made it, as the user wrote them.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub project: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub author: Option<String>,
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
    /// The targets side by side, when the report was asked for a comparison
    /// ([`ReportOptions::comparison`](super::ReportOptions::comparison)).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub comparison: Option<ComparisonSection>,
    /// The inputs and options, packed, so the report re-imports by re-running the
    /// analysis. Absent from redacted reports.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source: Option<PackedSource>,
    /// (+) The team's decisions in their stored form (`regionshift.decisions/1`, keyed
    /// by rule and resource id), when any are recorded. Absent from redacted reports,
    /// whose findings still show them.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub decisions: Option<serde_json::Value>,
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
    /// The rules that block the most resources, most first (key: the rule's id, label:
    /// what it checks, count: the resources it blocks); at most [`TOP_BLOCKERS`].
    #[serde(default)]
    pub top_blockers: Vec<LabelCount>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cost: Option<CostSummary>,
    pub waves: usize,
    pub total_hours: Hours,
    pub dependencies: usize,
    pub cycles: usize,
    pub external_dependencies: usize,
    /// (+) How the findings stand with the team's decisions (with a target).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decisions: Option<Tally>,
}

/// Most rules the executive summary names as top blockers.
pub const TOP_BLOCKERS: usize = 5;

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
    pub target_currency: Currency,
    pub target_monthly: Decimal,
    pub source_currency: Currency,
    pub source_monthly: Decimal,
    /// Target minus source, in the target's currency, only when both are in one
    /// currency or the user gave an exchange rate.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub delta_monthly: Option<Decimal>,
    /// Priced share of the resources that cost something in the target, in percent.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub target_priced_percent: Option<Percent>,
    /// The share of the source's priced cost that the target figure also prices.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source_cost_coverage_percent: Option<Percent>,
    pub unpriced_in_target: usize,
    /// Resources priced on each side: a side with none is "not priced", never 0.00.
    #[serde(default)]
    pub target_priced_resources: usize,
    #[serde(default)]
    pub source_priced_resources: usize,
    /// Today's actual monthly spend from the Cost Management exports loaded, when any:
    /// then "today" is this figure, and `delta_monthly` compares with it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub spend: Option<SpendHeadline>,
    /// How many resources the change is computed over (priced on both sides), and what
    /// share of each side's total they hold.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub comparison: Option<ComparisonView>,
}

/// Today's actual spend, as the summary shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpendHeadline {
    /// The billing currency's code (`CNY`, `USD`, `EUR`; `XXX` when the files state none).
    pub currency: String,
    pub total_monthly: Decimal,
    /// `3 months, 2025-01-05 to 2025-03-31`.
    pub period: String,
}

impl SpendHeadline {
    /// The monthly spend, as shown: `CNY 1,234.50`.
    pub fn amount(&self) -> String {
        format!("{} {}", self.currency, crate::units::Amount(self.total_monthly))
    }
}

impl CostSummary {
    /// The monthly cost in the target, as shown.
    pub fn target(&self) -> Money {
        Money::new(self.target_monthly, self.target_currency)
    }

    /// The monthly cost today, as shown.
    pub fn source(&self) -> Money {
        Money::new(self.source_monthly, self.source_currency)
    }

    /// The change from today to the target, in the target's currency, when comparable.
    pub fn delta(&self) -> Option<Money> {
        self.delta_monthly.map(|delta| Money::new(delta, self.target_currency))
    }

    /// The target's total as shown, or "not priced" when nothing is.
    pub fn target_text(&self) -> String {
        if self.target_priced_resources == 0 && self.target_monthly.is_zero() {
            "not priced".to_string()
        } else {
            self.target().to_string()
        }
    }

    /// Today as shown: the actual spend when exports were loaded, else the list prices
    /// (or "not priced").
    pub fn today_text(&self) -> String {
        match &self.spend {
            Some(spend) => format!("{} (actual spend, {})", spend.amount(), spend.period),
            None => self.list_price_text(),
        }
    }

    /// Today at list prices, as shown (or "not priced").
    pub fn list_price_text(&self) -> String {
        if self.source_priced_resources == 0 && self.source_monthly.is_zero() {
            "not priced".to_string()
        } else {
            format!("{} (list prices)", self.source())
        }
    }

    /// Over how many resources the change is computed, when it is: `over the 38
    /// resources priced on both sides`.
    pub fn delta_scope(&self) -> Option<String> {
        let comparison = self.comparison.as_ref().filter(|c| c.change.is_some())?;
        Some(format!(
            "over the {} resources priced on both sides{}",
            comparison.resources,
            if comparison.is_spend() { ", against the actual spend" } else { "" }
        ))
    }
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
    /// Where each part of the catalog came from, per region: the snapshot or the
    /// user's files.
    #[serde(default)]
    pub catalog_parts: Vec<CatalogPartRow>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub price_snapshot_as_of: Option<String>,
    pub price_user_files: Vec<String>,
    /// The options the analysis and the report used, as name and value.
    pub options: Vec<NameValue>,
    /// What the input lacks and how to export it, one line each (see
    /// [`Scope::input_gaps`] for the parts).
    pub gaps: Vec<NameValue>,
    /// What the input lacks: how many resources, what it leaves unknown, the remedy.
    #[serde(default)]
    pub input_gaps: Vec<GapRow>,
    /// The commands that export a richer inventory (the core's own text).
    #[serde(default)]
    pub export_kit: Vec<ExportCommandRow>,
}

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRow {
    pub name: String,
    pub size: u64,
    /// The format's key (`resource-graph-cli`); empty when not recognised.
    pub format: String,
    /// The format in words (`Resource Graph, az graph query output`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub format_label: String,
    /// The text encoding found (`UTF-8`, `UTF-16 LE`); empty when not decoded.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub encoding: String,
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

/// One part of the catalog for one region, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogPartRow {
    /// `resource types`, `VM sizes`, `zones` or `SKUs`.
    pub part: String,
    /// The region, or empty for every region.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    /// Which SKU kinds the part covers, when only some.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
    /// `snapshot` or `user`.
    pub origin: String,
    /// The snapshot's date, or the user's files (comma-separated).
    pub from: String,
}

/// What the input lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapRow {
    /// A stable code (`no-properties`).
    pub code: String,
    /// How many resources lack it.
    pub resources: usize,
    pub missing: String,
    /// What that leaves unknown.
    pub limits: String,
    /// Which export gives it.
    pub remedy: String,
}

/// A command that exports a richer inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportCommandRow {
    pub title: String,
    /// `bash` or `powershell`.
    pub shell: String,
    pub command: String,
    pub why: String,
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
    /// What the input lacked for a check of this resource (why it is Unknown).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<MissingRow>,
}

/// A piece of input a check needed and did not find.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingRow {
    /// What was missing (`properties.hardwareProfile.vmSize`).
    pub field: String,
    /// The rule that needed it.
    pub rule: String,
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
    /// (+) The team's decision on the whole rule, when one is recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionView>,
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

    /// The decision that applies to a finding: its own, else the rule's.
    pub fn decision_of<'a>(&'a self, finding: &'a FindingRow) -> Option<&'a DecisionView> {
        finding.decision.as_ref().or(self.decision.as_ref())
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
    /// What the catalog's sources say, for a finding that rests on them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<SourcesView>,
    /// (+) The team's decision on this finding itself, when one is recorded (else the
    /// rule's applies: [`FindingGroup::decision_of`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionView>,
}

/// A decision as the report shows it ([`crate::decisions::Decision`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionView {
    /// `open`, `accepted`, `waived` or `needs-work`.
    pub status: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// For a waiver, the reason.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// What the catalog's sources say behind a finding: the answer, whether any source
/// disagrees, and every statement, the deciding one marked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourcesView {
    /// `offered`, `not offered` or `unknown`.
    pub answer: String,
    pub conflict: bool,
    /// How the answer was reached when not from its own statements alone.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    pub statements: Vec<SourceStatement>,
}

/// One source's statement behind a finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceStatement {
    /// This statement decided the answer.
    pub deciding: bool,
    /// `documentation`, `price page`, `your file`, ...
    pub kind: String,
    /// Where to check it: a URL, or the user's file name (redacted when asked).
    pub reference: String,
    /// `read 2026-12-06`, `captured 2026-07-26`, `dated 2025-11-19`; empty for a user's file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// `offered`, `not offered`, `not listed`, `retired`, ...
    pub says: String,
    /// What the source says in particular.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

impl SourceStatement {
    /// One line: `documentation https://… (read 2026-12-06): not offered; detail`.
    pub fn line(&self) -> String {
        let mut text = format!("{} {}", self.kind, self.reference);
        if !self.date.is_empty() {
            text.push_str(&format!(" ({})", self.date));
        }
        text.push_str(&format!(": {}", self.says));
        if !self.detail.is_empty() {
            text.push_str(&format!("; {}", self.detail));
        }
        text
    }
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
    pub source_cost_coverage_percent: Option<Percent>,
    /// What the figures assume: usage assumptions with how many lines use each, the
    /// snapshot's remarks, the rounding policy.
    pub assumptions: Vec<String>,
    /// What the user's price files gave (all zero when none were loaded; their names
    /// are [`Scope::price_user_files`]).
    #[serde(default)]
    pub user_prices: UserPricesRow,
    /// The change from today to the target, like for like (against the actual spend
    /// when exports were loaded).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub comparison: Option<ComparisonView>,
    /// The same against today's list prices, when the headline compares with spend.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub list_price_comparison: Option<ComparisonView>,
    /// Today's actual spend from the Cost Management exports loaded.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub spend: Option<SpendView>,
}

/// A like-for-like comparison of today and the target, rounded for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparisonView {
    /// `list-price` or `actual-spend`.
    pub basis: String,
    /// Resources priced (or with spend) today and priced in the target.
    pub resources: usize,
    pub today_currency: String,
    pub today_monthly: Decimal,
    pub target_currency: Currency,
    pub target_monthly: Decimal,
    /// Today's amount in the target's currency (itself, or at the user's rate).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub today_in_target_currency: Option<Decimal>,
    /// Target minus today, in the target's currency.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub change: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub today_share_percent: Option<Percent>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub target_share_percent: Option<Percent>,
    /// Why there is no change.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub note: Option<String>,
}

impl ComparisonView {
    /// The change, as shown with its sign: `CNY +1,234.50`.
    pub fn change(&self) -> Option<String> {
        self.change.map(|change| Money::new(change, self.target_currency).change().to_string())
    }

    /// Today's side of the comparison, as shown.
    pub fn today(&self) -> String {
        format!("{} {}", self.today_currency, crate::units::Amount(self.today_monthly))
    }

    /// Whether today is the actual spend.
    pub fn is_spend(&self) -> bool {
        self.basis == "actual-spend"
    }
}

/// Today's actual spend: what the exports gave and how it matches the inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpendView {
    pub currency: String,
    /// `actual cost`, `amortized cost`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub basis: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub period_start: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub period_end: Option<Date>,
    pub months: u32,
    /// The monthly average of every row used, matched or not: the real bill.
    pub total_monthly: Decimal,
    pub matched_resources: usize,
    pub matched_monthly: Decimal,
    pub unmatched_monthly: Decimal,
    /// The resources with the most spend.
    pub top_resources: Vec<ResourceAmount>,
    /// Spend on no resource of the inventory, by id as the export wrote it.
    pub unmatched: Vec<SpendUnmatchedRow>,
    /// Chargeable resources of the inventory without any spend row.
    pub without_spend: Vec<usize>,
    pub files: Vec<SpendFileRow>,
    pub notes: Vec<String>,
}

impl SpendView {
    /// An amount of the spend's currency, as shown.
    pub fn amount(&self, amount: Decimal) -> String {
        format!("{} {}", self.currency, crate::units::Amount(amount))
    }

    /// `3 months, 2025-01-05 to 2025-03-31`.
    pub fn period(&self) -> String {
        match (self.period_start, self.period_end) {
            (Some(start), Some(end)) => {
                format!("{} month{}, {start} to {end}", self.months, if self.months == 1 { "" } else { "s" })
            }
            _ => "no rows".to_string(),
        }
    }
}

/// Spend with no resource of the inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpendUnmatchedRow {
    /// The resource id as written (redacted like any id), empty when the rows had none.
    pub resource_id: String,
    /// `not in the inventory`, `not a resource`, `no resource id`.
    pub why: String,
    pub rows: u64,
    pub monthly: Decimal,
}

/// What one spend file gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpendFileRow {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub amount_column: Option<String>,
    pub rows: u64,
    pub rows_used: u64,
    pub rows_rejected: u64,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
}

/// What the user's price files gave.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPricesRow {
    pub rows_read: usize,
    /// Rows that became prices.
    pub rows_used: usize,
    /// Rows no pricing rule needs.
    pub rows_ignored: usize,
    /// Rows skipped with a diagnostic.
    pub rows_rejected: usize,
    /// Meters two rows priced differently.
    pub conflicts: usize,
}

/// One side's monthly estimate, rounded for display.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EstimateView {
    pub currency: Currency,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub region: Option<String>,
    pub total_monthly: Decimal,
    pub usage_monthly: Decimal,
    pub priced_resources: usize,
    pub unpriced_resources: usize,
    /// Of the unpriced, those whose type, size or SKU the catalog says the region does
    /// not offer (they count in no coverage).
    #[serde(default)]
    pub not_offered_resources: usize,
    pub free_resources: usize,
    pub total_resources: usize,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub priced_percent: Option<Percent>,
    /// Resources priced at a reservation price (when one was asked for).
    #[serde(default)]
    pub reserved_resources: usize,
    /// Lines priced with a usage assumption.
    #[serde(default)]
    pub usage_based_lines: usize,
    /// Lines priced pay-as-you-go because no reservation price exists.
    #[serde(default)]
    pub reservation_fallbacks: usize,
    pub by_category: Vec<Amount>,
    pub by_resource_group: Vec<Amount>,
    pub by_type: Vec<Amount>,
    /// The most expensive resources.
    pub top_resources: Vec<ResourceAmount>,
    pub unpriced: Vec<UnpricedBin>,
    pub notes: Vec<String>,
    /// The total converted at the user's exchange rate, in words.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub converted: Option<String>,
    /// The same conversion as figures.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub conversion: Option<ConversionRow>,
}

impl EstimateView {
    /// An amount of this estimate's currency, as shown.
    pub fn money(&self, amount: Decimal) -> Money {
        Money::new(amount, self.currency)
    }

    /// The total as shown, or "not priced" when no resource is: never `CNY 0.00` for
    /// an estimate that priced nothing.
    pub fn total(&self) -> String {
        if self.priced_resources == 0 && self.total_monthly.is_zero() {
            let chargeable = self.total_resources - self.free_resources;
            format!("not priced ({} chargeable resource{})", chargeable, if chargeable == 1 { "" } else { "s" })
        } else {
            self.money(self.total_monthly).to_string()
        }
    }
}

/// A total converted at the user's exchange rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversionRow {
    /// The currency converted into.
    pub currency: Currency,
    /// Units of `currency` per unit of the estimate's currency.
    pub rate: Decimal,
    pub total_monthly: Decimal,
}

impl ConversionRow {
    /// The converted total, as shown.
    pub fn total(&self) -> Money {
        Money::new(self.total_monthly, self.currency)
    }
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
    /// With spend loaded, on the source side: what the resource actually cost a month,
    /// when the export has rows for it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub actual_monthly: Option<Decimal>,
}

/// The migration plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSection {
    pub edges: Vec<EdgeRow>,
    /// How many dependencies of each kind, and how many of those must exist first.
    #[serde(default)]
    pub dependencies_by_kind: Vec<KindCount>,
    /// Each cycle's resources (positions in [`Report::resources`]).
    pub cycles: Vec<Vec<usize>>,
    /// The edges forming each cycle, in the order of `cycles` (positions in `edges`).
    #[serde(default)]
    pub cycle_edges: Vec<Vec<usize>>,
    pub groups: Vec<GroupRow>,
    pub waves: Vec<WaveRow>,
    pub total_hours: Hours,
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

/// The dependencies of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCount {
    pub kind: String,
    pub edges: usize,
    pub must_exist_first: usize,
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
    pub start_hours: Hours,
    pub end_hours: Hours,
    pub makespan_hours: Hours,
    pub tasks: Vec<TaskRow>,
}

/// Moving one resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskRow {
    pub resource: usize,
    pub method: String,
    pub hours: Hours,
    pub start_hours: Hours,
    pub end_hours: Hours,
    /// The worker running the task, from 0.
    pub worker: u32,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub data_gb: Option<Decimal>,
    /// The method's fixed overhead, part of `hours`.
    #[serde(default)]
    pub fixed_hours: Hours,
    /// Copying the data, the rest of `hours`.
    #[serde(default)]
    pub transfer_hours: Hours,
    /// Where the data size came from: `from properties.diskSizeGB`,
    /// `assumed (disk-gb)`, `moves with other tasks`; empty when no data moves.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub data_basis: String,
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

/// The targets side by side, ranked, with the suggestion (`compare`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonSection {
    /// The ranking rule as written (`blockers,cost,duration`).
    pub ranking: String,
    /// The rule in words.
    pub rule: String,
    /// The analysis's own target, when it had one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub current: Option<String>,
    /// Where the estate runs now.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub today: Option<TodayRow>,
    /// From first to last by the rule.
    pub rows: Vec<ComparisonRow>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub suggestion: Option<SuggestionRow>,
}

/// The monthly cost where the estate runs now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodayRow {
    pub currency: Currency,
    pub monthly: Decimal,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub priced_percent: Option<Percent>,
}

impl TodayRow {
    /// The monthly cost, as shown.
    pub fn money(&self) -> Money {
        Money::new(self.monthly, self.currency)
    }
}

/// One target of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonRow {
    /// 1 for the first by the rule.
    pub rank: usize,
    /// `chinanorth3`.
    pub target: String,
    /// `China North 3`.
    pub target_name: String,
    /// The cloud in words (`Azure China (21Vianet)`); empty when unknown.
    pub cloud: String,
    /// The analysis's own target.
    pub current: bool,
    /// Ready, ready with conditions, not ready, unknown.
    pub readiness: Vec<LabelCount>,
    pub blockers: usize,
    pub warnings: usize,
    pub blockers_by_category: Vec<LabelCount>,
    /// What blocks, most resources first.
    pub blocked: Vec<BlockedRow>,
    /// Resources Not ready here and ready in other compared targets.
    pub ready_elsewhere: Vec<ReadyElsewhereRow>,
    pub currency: Currency,
    pub monthly: Decimal,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub priced_percent: Option<Percent>,
    pub unpriced: usize,
    /// Target minus today, in the target's currency, when comparable.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub change: Option<Decimal>,
    pub plan_hours: Hours,
    pub waves: usize,
    pub crosses_clouds: bool,
    /// Access-restricted: a subscription must be granted access first.
    pub restricted: bool,
    /// The region's restriction or announced retirement.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notice: String,
    /// The pair in the regions table and the estate's readiness there.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub paired: Option<PairedRow>,
}

impl ComparisonRow {
    /// What sets the row apart, in words: the current target, an access restriction or
    /// another notice, a move across clouds.
    pub fn notes(&self) -> Vec<&'static str> {
        let mut notes = Vec::new();
        if self.current {
            notes.push("current target");
        }
        if self.restricted {
            notes.push("access-restricted");
        } else if !self.notice.is_empty() {
            notes.push("notice");
        }
        if self.crosses_clouds {
            notes.push("crosses clouds");
        }
        notes
    }

    /// The monthly cost, as shown.
    pub fn money(&self) -> Money {
        Money::new(self.monthly, self.currency)
    }

    /// The change from today, as shown, when comparable.
    pub fn change(&self) -> Option<Money> {
        self.change.map(|change| Money::new(change, self.currency))
    }

    /// How many resources are in a readiness class (`not-ready`).
    pub fn count(&self, key: &str) -> usize {
        self.readiness.iter().find(|c| c.key == key).map_or(0, |c| c.count)
    }
}

/// One thing that blocks the move to a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockedRow {
    pub rule: String,
    pub rule_name: String,
    /// A SKU, size or type; the rule's name when the evidence names resources.
    pub what: String,
    pub resources: usize,
}

/// A resource Not ready in one target and ready in others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadyElsewhereRow {
    /// Position in [`Report::resources`].
    pub resource: usize,
    /// The targets (`chinanorth3`) where it is ready or ready with conditions.
    pub ready_in: Vec<String>,
}

/// A target's pair for disaster recovery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairedRow {
    pub region: String,
    pub region_name: String,
    /// Whether the estate was assessed there (the catalog knows the region).
    pub assessed: bool,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub not_ready: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unknown: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub blockers: Option<usize>,
}

impl PairedRow {
    /// The estate's readiness there in words: `ready (no resource Not ready)`,
    /// `3 resources Not ready (4 blockers)`, `not assessed`.
    pub fn readiness(&self) -> String {
        match (self.assessed, self.not_ready, self.blockers) {
            (true, Some(0), _) => "ready (no resource Not ready)".to_string(),
            (true, Some(not_ready), Some(blockers)) => format!("{not_ready} Not ready ({blockers} blockers)"),
            _ => "not assessed (the catalog has no facts for it)".to_string(),
        }
    }
}

/// The suggested target and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionRow {
    pub target: String,
    pub target_name: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub runner_up: Option<String>,
    pub reasons: Vec<String>,
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
    let positions = Positions::of(analysis);
    let (mut resources, methods) = resources::resources_and_methods(analysis, r);
    let readiness = readiness::readiness(analysis, &positions, &options.decisions, r);
    let plan = plan::plan(analysis, &positions, r);
    for wave in &analysis.plan.waves {
        for id in &wave.resources {
            if let Some(position) = positions.get(id) {
                resources[position].wave = Some(wave.number);
            }
        }
    }
    let cost = cost::cost(analysis, &positions, r);
    let mut summary = summary::summary(analysis, cost.as_ref(), &plan);
    summary.decisions = analysis.assessment.as_ref().map(|a| options.decisions.tally(a));
    let scope = scope::scope(analysis, options, r);
    let diagnostics = diagnostics::diagnostics(analysis, r);
    let comparison = options.comparison.as_deref().map(|c| comparison::comparison(c, &positions, r));
    let source = if r.is_enabled() { None } else { options.source.as_ref().map(PackedSource::pack) };
    Report {
        schema: SCHEMA.to_string(),
        generator: super::GENERATOR.to_string(),
        date: options.date.clone(),
        project: options.project.clone(),
        author: options.author.clone(),
        redacted,
        summary,
        scope,
        resources,
        methods,
        readiness,
        cost,
        plan,
        diagnostics,
        glossary: glossary::glossary(),
        comparison,
        source,
        decisions: (!redacted && !options.decisions.is_empty()).then(|| options.decisions.to_value()),
    }
}

/// The comparison section of a comparison of the analysis's inventory, unredacted, for a
/// view that shows only it.
pub(crate) fn comparison_section(analysis: &Analysis, comparison: &crate::compare::Comparison) -> ComparisonSection {
    comparison::comparison(comparison, &Positions::of(analysis), &mut Redactor::disabled())
}

/// Where each resource of the inventory is in [`Report::resources`], by id.
struct Positions {
    by_key: BTreeMap<String, usize>,
}

impl Positions {
    fn of(analysis: &Analysis) -> Positions {
        let by_key = analysis
            .inventory
            .resources
            .iter()
            .enumerate()
            .map(|(position, resource)| (resource.id.key().to_string(), position))
            .collect();
        Positions { by_key }
    }

    /// The position of a resource of the inventory, or `None` for any other id.
    fn get(&self, id: &ResourceId) -> Option<usize> {
        self.by_key.get(id.key()).copied()
    }
}

/// Money as shown: half-to-even, two decimals.
fn money(amount: Decimal) -> Decimal {
    round_for_display(amount)
}

/// Hours as shown: two decimals.
fn hours(value: Decimal) -> Hours {
    Hours(round_for_display(value))
}

/// A percentage as shown: two decimals.
fn percent(value: Decimal) -> Percent {
    Percent(round_for_display(value))
}

/// A unit-like enum's serde name (`pay-as-you-go`).
fn json_label<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

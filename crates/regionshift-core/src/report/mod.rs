//! Reports: one model of an analysis ([`build`]) and its renderings, the offline HTML
//! report ([`html::render`]), CSV exports ([`csv`]), a Markdown summary
//! ([`markdown::render`]), versioned JSON ([`json`]) and the plain text the CLI prints
//! ([`text`]: one function per view).
//!
//! The module is pure like the rest of the core: no IO, no clock (the report's date is
//! [`ReportOptions::date`]), no browser crates. The same analysis, options and date give
//! byte-identical output: everything is sorted, nothing iterates a hash map.
//!
//! # One model
//!
//! [`build`] turns an [`Analysis`] into a [`Report`]: summary figures, scope, findings
//! grouped by rule, migration method per resource, cost, plan, diagnostics, glossary,
//! one function per section (`model/`). Amounts, hours and percentages are rounded
//! there, once (half-to-even, two decimals), and every rendering reads only the model,
//! so their numbers cannot disagree. Renderings show them to people through the
//! `Display` of [`crate::units`] (`CNY 1,234.50`, `CNY +12.00`, `39.18%`, `8.25 h`);
//! only the CSV cells meant for spreadsheets keep plain decimals.
//!
//! # Redaction
//!
//! With [`Redaction::Pseudonyms`] the model is redacted while it is built, so every
//! rendering is (the dependency graph and the embedded JSON included): resource names,
//! resource ids, subscription ids and names, resource group names, tag keys and values,
//! input file names and IPv4/IPv6 addresses and CIDR ranges become stable pseudonyms
//! (`vm-7`, `sub-2`, `rg-3`, `ip-4`, `input-1.json`), numbered by first appearance in
//! the sorted inventory. Free text that may hold them (finding messages and evidence,
//! hints, diagnostics, external dependencies, move group names, what the input lacks,
//! file errors) is rewritten with the same table, and the user's catalog and price
//! file names are pseudonyms wherever they appear. Resource types, regions, SKUs, the
//! rules' wording and the export kit's commands (the core's own text) are kept.
//!
//! # Re-import
//!
//! The HTML report embeds a JSON document in
//! `<script type="application/json" id="regionshift-analysis">`, with `<`, `>`, `&`,
//! U+2028 and U+2029 written as `\u003c`-style escapes so no text can end the block.
//! An unredacted report made with [`ReportOptions::source`] embeds the headline
//! figures and its inputs and options ([`Report::source`], each file deflated and
//! base64-encoded), from which the whole model is rebuilt; otherwise it embeds the
//! whole model (the JSON export below), deflated and base64-encoded the same way. [`reopen`] reads either back (or the JSON
//! export itself), running no analysis: the inputs, options and date of an unredacted
//! report, on which `analyze` restores the very same analysis, so the app can continue
//! where the report was made, or the model of a redacted one. A redacted report never carries its
//! inputs: it re-imports as a read-only view of its (redacted) model.
//!
//! # JSON schema `regionshift.report/1`
//!
//! [`json`] writes the [`Report`] as JSON; a change that removes or renames a field
//! bumps the version. Money, hours and percentages are decimal strings (`"1234.50"`),
//! currencies ISO codes (`CNY`, `USD`). Resources are listed once in `resources` and
//! referred to everywhere else by their position. Fields marked (+) were added within
//! version 1: a reader meets them only in newer reports, and reads them as empty when
//! they are absent.
//!
//! | field | content |
//! |---|---|
//! | `schema`, `generator`, `date`, `redacted` | `regionshift.report/1`, `RegionShift 0.1.0`, the report date, whether pseudonyms replace names |
//! | `summary` | `resources`, `target`, `target_name`, `crosses_clouds`, `readiness[]` and `blockers_by_category[]` (`{key, label, count}`), `blockers`, `warnings`, `cost` (`target_currency`, `target_monthly`, `source_currency`, `source_monthly`, `delta_monthly` in the target's currency when both sides share it or the user gave an exchange rate, `target_priced_percent`, `source_cost_coverage_percent`, `unpriced_in_target`, (+) `target_priced_resources`, (+) `source_priced_resources`, (+) `spend` (`currency`, `total_monthly`, `period`) with spend loaded, (+) `comparison` (as in `cost`)), `waves`, `total_hours`, `dependencies`, `cycles`, `external_dependencies`, (+) `decisions` with a target (how the findings stand with the team's decisions: `blockers` and `warnings` not settled, `waived`, `waived_blockers`, `accepted`, `needs_work`, `owned`) |
//! | `scope` | `files[]` (`name`, `size`, `format`, (+) `format_label`, (+) `encoding`, `records`, `imported`, `skipped`, `error`), `by_type[]`, `by_location[]`, `by_resource_group[]`, `by_subscription[]`, `source_regions[]`, `catalog_as_of`, `catalog_user_files[]`, (+) `catalog_parts[]` (`part`, `region`, `detail`, `origin`: `snapshot` or `user`, `from`: the snapshot's date or the user's files), `price_snapshot_as_of`, `price_user_files[]`, `options[]` and `gaps[]` (`{name, value}`), (+) `input_gaps[]` (`code`, `resources`, `missing`, `limits`, `remedy`), (+) `export_kit[]` (`title`, `shell`, `command`, `why`) |
//! | `resources[]` | `id`, `name`, `type`, `resource_group`, `location`, `readiness`, `method` (position in `methods`), `wave`, (+) `missing[]` (`field`, `rule`: what a check lacked) |
//! | `methods[]` | `service`, `method`, `tools`, `data_move`, `downtime`, `steps`, `caveats`, `link`, `cross_cloud`, `generic` |
//! | `readiness` | `groups[]` (`rule`, `rule_name`, `severity`, `category`, `findings[]`: `resource`, `evidence_path`, `evidence_value`, `message`, `remediation`, `alternatives`, `doc`, (+) `sources` for a finding resting on the catalog: `answer`, `conflict`, `note`, `statements[]` (`deciding`, `kind`, `reference` (a URL or the user's file name, redacted when asked), `date`, `says`, `detail`)), (+) `decision` on a finding or a group (`status`: `open`, `accepted`, `waived` or `needs-work`; `owner`, `note`; a finding's own wins over its group's), `unknown_causes[]` (`field`, `resources`, `how_to_export`) |
//! | `cost` | with a target: `target` and `source` (`currency`, `region`, `total_monthly`, `usage_monthly`, coverage counts, `priced_percent`, (+) `usage_based_lines`, (+) `reservation_fallbacks`, `by_category[]`, `by_resource_group[]`, `by_type[]` as `{label, monthly}`, `top_resources[]` as `{resource, monthly}`, `unpriced[]` bins `{reason, resources[]: {resource, detail, hint, (+) actual_monthly}}` (`actual_monthly`: on the source side, what the spend export says the resource costs), `notes`, `converted` (in words), (+) `conversion` (`currency`, `rate`, `total_monthly`), (+) `not_offered_resources`, (+) `reserved_resources`), `source_cost_coverage_percent`, `assumptions[]`, (+) `user_prices` (`rows_read`, `rows_used`, `rows_ignored`, `rows_rejected`, `conflicts`), (+) `comparison` (the change, like for like: `basis` `actual-spend` or `list-price`, `resources` priced on both sides, `today_currency`, `today_monthly`, `target_currency`, `target_monthly`, `today_in_target_currency`, `change`, `today_share_percent`, `target_share_percent`, `note` when not computed), (+) `list_price_comparison` (the same against list prices, with spend loaded), (+) `spend` (`currency`, `basis`, `period_start`, `period_end`, `months`, `total_monthly`, `matched_resources`, `matched_monthly`, `unmatched_monthly`, `top_resources[]`, `unmatched[]` (`resource_id`, `why`, `rows`, `monthly`), `without_spend[]` (chargeable resources, positions), `files[]` (`name`, `kind`, `amount_column`, `rows`, `rows_used`, `rows_rejected`, `error`), `notes`)) |
//! | `plan` | `edges[]` (`from`, `to`, `kind`, `path`, `must_exist_first`), (+) `dependencies_by_kind[]` (`kind`, `edges`, `must_exist_first`), `cycles[][]`, (+) `cycle_edges[][]` (positions in `edges`), `groups[]` (`name`, `resources`), `waves[]` (`number`, `phase`, `resources`, `units`, `start_hours`, `end_hours`, `makespan_hours`, `tasks[]`: `resource`, `method`, `hours`, `start_hours`, `end_hours`, `worker` (from 0), `data_gb`, (+) `fixed_hours`, (+) `transfer_hours`, (+) `data_basis`), `total_hours`, `critical_path[]`, `external[]` (`from`, `to`, `reference`, `path`, `kind`), `assumptions[]`, `caveat` |
//! | (+) `comparison` | when asked: `ranking`, `rule`, `current`, `today` (`currency`, `monthly`, `priced_percent`), `rows[]` first to last (`rank`, `target`, `target_name`, `cloud`, `current`, `readiness[]`, `blockers`, `warnings`, `blockers_by_category[]`, `blocked[]` (`rule`, `rule_name`, `what`, `resources`), `ready_elsewhere[]` (`resource`, `ready_in[]`), `currency`, `monthly`, `priced_percent`, `unpriced`, `change`, `plan_hours`, `waves`, `crosses_clouds`, `restricted`, `notice`, `paired` (`region`, `region_name`, `assessed`, `not_ready`, `unknown`, `blockers`)), `suggestion` (`target`, `target_name`, `runner_up`, `reasons[]`) |
//! | `diagnostics[]` | `severity`, `code`, `file`, `location`, `message`, `hint` |
//! | `glossary[]` | `term`, `meaning` |
//! | (+) `decisions` | unredacted reports with decisions: the team's decisions in their stored form (`regionshift.decisions/1`, see [`crate::decisions`]), from which reopening the report restores them |
//! | `source` | unredacted reports made with a source: `options` (the analysis options' JSON form), `files[]` (`role`: `inventory`, `catalog`, `prices` or `spend`; `name`, `size`, `deflate_base64`) |

pub mod csv;
pub(crate) mod embed;
pub mod html;
pub mod markdown;
mod model;
mod redact;
pub mod text;

#[cfg(test)]
mod tests;

use std::sync::Arc;

use crate::analysis::Analysis;
use crate::compare::Comparison;
use crate::decisions::Decisions;

pub use embed::{reopen, PackedFile, PackedSource, Reopened, ReportError, Source, EMBEDDED_ID};
pub use model::*;

/// The report's schema and version.
pub const SCHEMA: &str = "regionshift.report/1";

/// What made the report.
pub const GENERATOR: &str = concat!("RegionShift ", env!("CARGO_PKG_VERSION"));

/// Whether names and addresses are replaced before the report is shared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Redaction {
    /// Everything as exported.
    #[default]
    None,
    /// Stable pseudonyms for names, ids, subscriptions, resource groups, tags, file
    /// names and IP addresses, throughout.
    Pseudonyms,
}

/// How a report is made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// The report's date, `YYYY-MM-DD` (the core reads no clock).
    pub date: String,
    /// The project the report is for and who made it, shown in its heading and summary
    /// (kept as written, also when redacting: the user chose them for the reader).
    pub project: Option<String>,
    pub author: Option<String>,
    pub redact: Redaction,
    /// The inputs and options of the analysis, embedded so the report re-imports
    /// (ignored when redacting).
    pub source: Option<Source>,
    /// A comparison of targets for this analysis's inventory ([`crate::compare::compare`]),
    /// when the user asks for one: the report then has a comparison section.
    pub comparison: Option<Arc<Comparison>>,
    /// The team's decisions on the findings: shown with each finding and rule, counted
    /// in the summary, and (unredacted) kept in the report so reopening it restores them.
    pub decisions: Decisions,
}

/// The report as versioned JSON (`regionshift.report/1`, see the module docs).
pub fn json(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}

/// Builds the report of an analysis; see [`Report`].
pub fn build(analysis: &Analysis, options: &ReportOptions) -> Report {
    model::compose(analysis, options)
}

/// The comparison section alone, unredacted, for a view that shows only it (the app's
/// Compare view): what [`build`] puts in [`Report::comparison`] when asked.
pub fn comparison_section(analysis: &Analysis, comparison: &Comparison) -> ComparisonSection {
    model::comparison_section(analysis, comparison)
}

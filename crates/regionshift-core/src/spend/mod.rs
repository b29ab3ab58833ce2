//! Today's real spend, from the Cost Management exports people have: the cost details
//! CSV of an Enterprise Agreement or a Microsoft Customer Agreement (actual or
//! amortized), the FOCUS export, the older usage details CSV and the Enterprise
//! portal's usage CSV (global or Azure China's ea.azure.cn).
//!
//! [`SpendLoader`] reads files in chunks (`feed`), so a file of any size streams through
//! in the memory of one chunk plus the sums; [`load`] does the same for whole files.
//! Each file's kind is detected from its header ([`ExportKind`]); UTF-8 and UTF-16,
//! Excel-style quoting, localised headers and an Enterprise portal preamble are read.
//! Rows sum per resource id (compared ignoring case) and per month, exactly
//! ([`Exact`]: no float, no rounding while summing); [`Spend::summarize`] matches the
//! sums against the inventory's ids and gives monthly averages over the months the
//! files cover.
//!
//! A file that cannot be used (not an export, mixed currencies, another currency than
//! the other files) gets an error diagnostic saying what was found and what is accepted;
//! a bad row (an amount that is not a number, an unreadable date) is skipped with a
//! warning; the other files and rows still load. Actual and amortized files are never
//! added together: when both are loaded, the amortized ones are left out, and said so.

mod amount;
mod detect;
mod reader;
mod table;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rust_decimal::Decimal;
use serde::Serialize;

pub use amount::{AmountError, Exact};
pub use detect::ExportKind;

use crate::azure::ResourceId;
use crate::diagnostics::Diagnostic;
use crate::input::{Encoding, InputFile};
use crate::units::{line_amount, Date};

use reader::{FileReader, FileResult};
use table::Table;

/// The chunk size [`load`] feeds files in.
const CHUNK: usize = 1 << 20;

/// Whether a file's amounts are actual (billed) or amortized cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CostBasis {
    Actual,
    Amortized,
    /// No reservation or savings-plan rows: actual and amortized cost are the same.
    ActualOrAmortized,
}

impl CostBasis {
    pub fn label(self) -> &'static str {
        match self {
            CostBasis::Actual => "actual cost",
            CostBasis::Amortized => "amortized cost",
            CostBasis::ActualOrAmortized => "actual cost (no reservations: the same amortized)",
        }
    }
}

/// What one spend file gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpendFile {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<ExportKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<Encoding>,
    /// The column summed, as the file spells it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_column: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<CostBasis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Lines before the header (the Enterprise portal's preamble).
    pub preamble_lines: usize,
    pub rows: u64,
    pub rows_used: u64,
    /// Rows skipped with a diagnostic.
    pub rows_rejected: u64,
    /// FOCUS rows of another provider (AWS, Oracle): not Azure spend.
    pub rows_other_provider: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_day: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_day: Option<Date>,
    /// Why none of the file's rows are used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The sums of every loaded spend file, by resource id and month.
#[derive(Debug, Clone, Default)]
pub struct Spend {
    pub files: Vec<SpendFile>,
    /// The billing currency (`XXX` when no file states one).
    pub currency: String,
    table: Table,
    months: BTreeMap<u32, Exact>,
    first: Option<Date>,
    last: Option<Date>,
    pub notes: Vec<String>,
}

impl PartialEq for Spend {
    fn eq(&self, other: &Spend) -> bool {
        self.files == other.files && self.currency == other.currency && self.months == other.months
    }
}

/// Reads spend files in chunks.
#[derive(Default)]
pub struct SpendLoader {
    results: Vec<FileResult>,
    current: Option<FileReader>,
}

impl SpendLoader {
    pub fn new() -> SpendLoader {
        SpendLoader::default()
    }

    /// Starts a file (ending the one before, if any).
    pub fn begin(&mut self, name: &str) {
        self.end();
        self.current = Some(FileReader::new(name));
    }

    /// The next bytes of the current file.
    pub fn feed(&mut self, chunk: &[u8]) {
        if let Some(reader) = &mut self.current {
            reader.feed(chunk);
        }
    }

    /// Ends the current file.
    pub fn end(&mut self) {
        if let Some(reader) = self.current.take() {
            self.results.push(reader.finish());
        }
    }

    /// Every file's sums, joined, and the diagnostics.
    pub fn finish(mut self) -> (Spend, Vec<Diagnostic>) {
        self.end();
        join(self.results)
    }
}

/// Loads whole files (in chunks, as a stream would arrive).
pub fn load(files: &[InputFile]) -> (Spend, Vec<Diagnostic>) {
    let mut loader = SpendLoader::new();
    for file in files {
        loader.begin(&file.name);
        for chunk in file.bytes.chunks(CHUNK) {
            loader.feed(chunk);
        }
        loader.end();
    }
    loader.finish()
}

fn month_name(month: u32) -> String {
    format!("{:04}-{:02}", month / 12, month % 12 + 1)
}

fn join(results: Vec<FileResult>) -> (Spend, Vec<Diagnostic>) {
    let mut spend = Spend::default();
    let mut diagnostics = Vec::new();
    // Which files' rows count: usable ones, one currency, never actual and amortized.
    let mut usable: Vec<bool> = Vec::new();
    let mut currency: Option<String> = None;
    for result in &results {
        let mut ok = result.error.is_none();
        if let Some(error) = &result.error {
            diagnostics.push(
                Diagnostic::error("spend.unusable", format!("{} was not loaded: {error}", result.name))
                    .in_file(&result.name),
            );
        }
        if ok && result.currencies.len() > 1 {
            ok = false;
            let found: Vec<&str> = result.currencies.iter().map(String::as_str).collect();
            diagnostics.push(
                Diagnostic::error(
                    "spend.mixed-currencies",
                    format!(
                        "{} mixes billing currencies ({}); none of its rows were used",
                        result.name,
                        found.join(", ")
                    ),
                )
                .in_file(&result.name)
                .with_hint("load one export per billing currency; each file must have a single billing currency"),
            );
        }
        if ok {
            if let Some(file_currency) = result.currencies.iter().next() {
                match &currency {
                    Some(known) if known != file_currency => {
                        ok = false;
                        diagnostics.push(
                            Diagnostic::error(
                                "spend.currency-differs",
                                format!(
                                    "{} is billed in {file_currency}, the other spend files in {known}; none of its rows were used",
                                    result.name
                                ),
                            )
                            .in_file(&result.name)
                            .with_hint(format!("load the exports billed in {known} together, or only this one")),
                        );
                    }
                    Some(_) => {}
                    None => currency = Some(file_currency.clone()),
                }
            }
        }
        if ok && result.rows == 0 {
            diagnostics.push(
                Diagnostic::warning("spend.no-rows", format!("{} has a header but no rows", result.name))
                    .in_file(&result.name),
            );
        }
        usable.push(ok);
    }
    let bases: BTreeSet<_> = results.iter().zip(&usable).filter(|(_, ok)| **ok).map(|(r, _)| r.basis()).collect();
    if bases.contains(&CostBasis::Actual) && bases.contains(&CostBasis::Amortized) {
        for (result, ok) in results.iter().zip(usable.iter_mut()) {
            if *ok && result.basis() == CostBasis::Amortized {
                *ok = false;
                diagnostics.push(
                    Diagnostic::warning(
                        "spend.actual-and-amortized",
                        format!(
                            "{} holds amortized cost and other files actual cost: adding both would count reservations twice, so it was left out",
                            result.name
                        ),
                    )
                    .in_file(&result.name)
                    .with_hint("load either the actual-cost or the amortized-cost exports of a period"),
                );
            }
        }
    }
    let mut month_files: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for (result, ok) in results.into_iter().zip(usable) {
        diagnostics.extend(result.diagnostics.iter().cloned());
        let basis = result.layout.as_ref().map(|_| result.basis());
        let mut file = SpendFile {
            name: result.name.clone(),
            kind: result.layout.as_ref().map(|layout| match layout.kind {
                ExportKind::EaPortalUsage if result.china_rows > 0 => ExportKind::ChinaEaPortalUsage,
                kind => kind,
            }),
            encoding: result.encoding,
            amount_column: result.layout.as_ref().map(|l| l.cost_name.clone()),
            basis,
            currency: result.currencies.iter().next().cloned(),
            preamble_lines: result.preamble_lines,
            rows: result.rows,
            rows_used: if ok { result.rows_used } else { 0 },
            rows_rejected: result.rows_rejected,
            rows_other_provider: result.rows_other_provider,
            first_day: result.first,
            last_day: result.last,
            error: result.error.clone(),
        };
        if result.amounts_rounded > 0 {
            diagnostics.push(
                Diagnostic::info(
                    "spend.amount-rounded",
                    format!(
                        "{} amount(s) had more than 28 decimal places and were rounded half-to-even to 28 before summing",
                        result.amounts_rounded
                    ),
                )
                .in_file(&result.name),
            );
        }
        if result.rows_other_provider > 0 {
            diagnostics.push(
                Diagnostic::info(
                    "spend.other-provider",
                    format!(
                        "{} row(s) of other cloud providers are not Azure spend and were left out",
                        result.rows_other_provider
                    ),
                )
                .in_file(&result.name),
            );
        }
        if ok {
            for month in result.months.keys() {
                month_files.entry(*month).or_default().push(file.name.clone());
            }
            for (month, amount) in &result.months {
                let entry = spend.months.entry(*month).or_default();
                *entry = entry.checked_add(*amount).unwrap_or(*entry);
            }
            if !spend.table.merge(result.table) {
                file.error = Some("its sums are beyond any bill".to_string());
            }
            spend.first = match (spend.first, result.first) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            spend.last = match (spend.last, result.last) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
        } else if file.error.is_none() {
            file.error = Some("left out (see the diagnostics)".to_string());
        }
        spend.files.push(file);
    }
    for (month, files) in &month_files {
        if files.len() > 1 {
            diagnostics.push(Diagnostic::warning(
                "spend.overlap",
                format!(
                    "{} is in more than one file ({}): rows of both are added; make sure they are not the same export twice",
                    month_name(*month),
                    files.join(", ")
                ),
            ));
        }
    }
    let china = spend.files.iter().any(|f| f.kind == Some(ExportKind::ChinaEaPortalUsage));
    spend.currency = match currency {
        Some(currency) => currency,
        None if china => {
            spend.notes.push(
                "the Azure China Enterprise portal file states no currency: CNY, its billing currency, is taken".into(),
            );
            "CNY".to_string()
        }
        None if !spend.months.is_empty() => {
            spend.notes.push("no file states a billing currency: the amounts are shown as XXX (no currency)".into());
            "XXX".to_string()
        }
        None => "XXX".to_string(),
    };
    (spend, diagnostics)
}

/// One resource's spend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpendLine {
    pub resource: ResourceId,
    pub rows: u64,
    /// The exact sum of its rows over the period.
    pub total: Exact,
    /// `total` divided by the months the files cover.
    pub monthly: Decimal,
}

/// Spend rows with no resource in the inventory: a resource deleted since the
/// inventory, one outside it, rows without a resource id, or purchases that are not a
/// resource (reservations, Marketplace).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnmatchedSpend {
    /// The resource id as the export wrote it (empty when the rows had none).
    pub resource_id: String,
    pub why: UnmatchedWhy,
    pub rows: u64,
    pub total: Exact,
    pub monthly: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnmatchedWhy {
    /// An ARM resource id the inventory does not hold (deleted since, or not exported).
    NotInInventory,
    /// Not an ARM resource (a reservation order, a classic or Marketplace item).
    NotAResource,
    /// The rows name no resource (support, Marketplace and other purchases).
    NoResourceId,
}

impl UnmatchedWhy {
    pub fn label(self) -> &'static str {
        match self {
            UnmatchedWhy::NotInInventory => "not in the inventory",
            UnmatchedWhy::NotAResource => "not a resource",
            UnmatchedWhy::NoResourceId => "no resource id",
        }
    }
}

/// One month's spend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthSpend {
    /// `YYYY-MM`.
    pub month: String,
    pub total: Exact,
}

/// The spend matched against an inventory: what `cost.spend` holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpendSummary {
    pub currency: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<CostBasis>,
    /// The first and last charge days of the rows used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_start: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_end: Option<Date>,
    /// Calendar months with rows: the averages divide by this.
    pub months: u32,
    /// The exact sum of every row used, matched or not.
    pub total: Exact,
    /// `total` divided by `months`: the real monthly bill.
    pub total_monthly: Decimal,
    pub matched_resources: usize,
    /// The monthly average of the matched resources' rows.
    pub matched_monthly: Decimal,
    /// Matched resources, by id.
    pub lines: Vec<SpendLine>,
    /// Rows with no resource in the inventory, by id as written.
    pub unmatched_rows: Vec<UnmatchedSpend>,
    /// The monthly average of the unmatched rows.
    pub unmatched_monthly: Decimal,
    /// Resources of the inventory without any spend row.
    pub resources_without_spend: Vec<ResourceId>,
    pub by_month: Vec<MonthSpend>,
    pub files: Vec<SpendFile>,
    pub notes: Vec<String>,
}

impl Spend {
    /// Is anything loaded?
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Matches the sums against the inventory's resource ids.
    pub fn summarize<'a>(&self, resources: impl IntoIterator<Item = &'a ResourceId>) -> SpendSummary {
        let months = u32::try_from(self.months.len()).unwrap_or(u32::MAX);
        let divisor = Decimal::from(months.max(1));
        let average = |total: Exact| -> Decimal {
            total.to_decimal().and_then(|t| t.checked_div(divisor)).map(line_amount).unwrap_or(Decimal::MAX)
        };
        // Each inventory id looked up in the table (ids compared ignoring ASCII case);
        // the table's entries no id took are the unmatched spend.
        let mut taken = vec![false; self.table.entries.len()];
        let mut lines: Vec<SpendLine> = Vec::new();
        let mut resources_without_spend: Vec<ResourceId> = Vec::new();
        let mut matched_total = Exact::ZERO;
        for id in resources {
            match self.table.find(id.as_str().as_bytes()) {
                Some(entry) if !taken[entry.index()] => {
                    taken[entry.index()] = true;
                    matched_total = matched_total.checked_add(entry.total).unwrap_or(matched_total);
                    lines.push(SpendLine {
                        resource: id.clone(),
                        rows: entry.rows,
                        total: entry.total,
                        monthly: Decimal::ZERO,
                    });
                }
                Some(_) => {} // the same id twice in the inventory
                None => resources_without_spend.push(id.clone()),
            }
        }
        // Sorted by id (inventories usually are already, which the sort finds at once).
        lines.sort_by(|a, b| a.resource.key().cmp(b.resource.key()));
        let mut seen = HashSet::new();
        resources_without_spend.retain(|id| seen.insert(id.key().to_string()));
        let mut unmatched: Vec<UnmatchedSpend> = Vec::new();
        let mut total = Exact::ZERO;
        let mut unmatched_total = Exact::ZERO;
        for (entry, taken) in self.table.entries.iter().zip(&taken) {
            let sum = entry.total;
            let entry_id = self.table.id(entry);
            total = total.checked_add(sum).unwrap_or(total);
            if *taken {
                continue;
            }
            unmatched_total = unmatched_total.checked_add(sum).unwrap_or(unmatched_total);
            let why = if entry_id.is_empty() {
                UnmatchedWhy::NoResourceId
            } else if ResourceId::parse(entry_id)
                .is_ok_and(|_| entry_id.get(..15).is_some_and(|head| head.eq_ignore_ascii_case("/subscriptions/")))
            {
                UnmatchedWhy::NotInInventory
            } else {
                UnmatchedWhy::NotAResource
            };
            unmatched.push(UnmatchedSpend {
                resource_id: entry_id.to_string(),
                why,
                rows: entry.rows,
                total: sum,
                monthly: Decimal::ZERO,
            });
        }
        for line in &mut lines {
            line.monthly = average(line.total);
        }
        for row in &mut unmatched {
            row.monthly = average(row.total);
        }
        unmatched.sort_by_key(|u| u.resource_id.to_ascii_lowercase());
        let bases: BTreeSet<CostBasis> =
            self.files.iter().filter(|f| f.error.is_none()).filter_map(|f| f.basis).collect();
        let basis = match bases.len() {
            1 => bases.into_iter().next(),
            _ if bases.contains(&CostBasis::Actual) => Some(CostBasis::Actual),
            _ => None,
        };
        let mut notes = self.notes.clone();
        if let (Some(first), Some(last)) = (self.first, self.last) {
            if first.day() > 1 {
                notes.push(format!(
                    "the first month ({}) starts on {first}: it may be partial, which lowers the monthly average",
                    month_name(first.year() as u32 * 12 + first.month() - 1)
                ));
            }
            let next = Date::from_days_since_epoch(last.days_since_epoch() + 1);
            if next.month() == last.month() {
                notes.push(format!(
                    "the last month ({}) ends on {last}: it may be partial, which lowers the monthly average",
                    month_name(last.year() as u32 * 12 + last.month() - 1)
                ));
            }
        }
        SpendSummary {
            currency: self.currency.clone(),
            basis,
            period_start: self.first,
            period_end: self.last,
            months,
            total,
            total_monthly: average(total),
            matched_resources: lines.len(),
            matched_monthly: average(matched_total),
            lines,
            unmatched_rows: unmatched,
            unmatched_monthly: average(unmatched_total),
            resources_without_spend,
            by_month: self.months.iter().map(|(m, t)| MonthSpend { month: month_name(*m), total: *t }).collect(),
            files: self.files.clone(),
            notes,
        }
    }
}

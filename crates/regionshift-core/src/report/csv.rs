//! CSV exports of the report for spreadsheets: findings, costs and the plan.
//!
//! Excel-friendly: a UTF-8 byte order mark, CRLF line ends, RFC 4180 quoting (a field
//! with a comma, quote or line break is quoted, quotes doubled), and no formula
//! injection: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets
//! a leading `'` so a spreadsheet shows it as text.
//!
//! Amounts, hours and sizes are cells for a spreadsheet to compute with, so they are
//! plain decimals with two places (`1234.50`, no thousands separator, no currency or
//! unit: the currency has its own column, hours their column name), not the
//! [`crate::units`] display forms the other renderings show people.

use super::Report;

/// One row per finding: severity, rule, category, resource, evidence, message,
/// remediation, alternatives, documentation, and the team's decision that applies to it
/// (`decision`: open, accepted, waived or needs-work; `decided_for`: `finding` or `rule`;
/// owner and note).
pub fn findings(report: &Report) -> String {
    let mut out = Table::new(&[
        "severity",
        "rule",
        "rule_name",
        "category",
        "resource_id",
        "resource_name",
        "resource_type",
        "evidence_path",
        "evidence_value",
        "message",
        "remediation",
        "alternatives",
        "doc",
        "decision",
        "decided_for",
        "owner",
        "note",
    ]);
    for group in &report.readiness.groups {
        for finding in &group.findings {
            let resource = report.resources.get(finding.resource);
            let decision = group.decision_of(finding);
            let decided_for = match (&finding.decision, &group.decision) {
                (Some(_), _) => "finding",
                (None, Some(_)) => "rule",
                (None, None) => "",
            };
            out.row(&[
                &group.severity,
                &group.rule,
                &group.rule_name,
                &group.category,
                resource.map_or("", |r| r.id.as_str()),
                resource.map_or("", |r| r.name.as_str()),
                resource.map_or("", |r| r.resource_type.as_str()),
                &finding.evidence_path,
                &finding.evidence_value,
                &finding.message,
                group.remediation_of(finding),
                &finding.alternatives.join("; "),
                group.doc_of(finding),
                decision.map_or("open", |d| d.status.as_str()),
                decided_for,
                decision.map_or("", |d| d.owner.as_str()),
                decision.map_or("", |d| d.note.as_str()),
            ]);
        }
    }
    out.finish()
}

/// The cost breakdowns and unpriced resources, one row each: `side` (target or
/// source), `kind` (`total`, `category`, `resource-group`, `type`, `top-resource`,
/// `unpriced`), name, monthly amount (a plain decimal for the spreadsheet, see the
/// module docs), currency, detail.
pub fn costs(report: &Report) -> String {
    let mut out = Table::new(&["side", "kind", "name", "resource_id", "monthly", "currency", "detail"]);
    if let Some(cost) = &report.cost {
        for (side, estimate) in [("target", &cost.target), ("source", &cost.source)] {
            let currency = estimate.currency.code();
            out.row(&[
                side,
                "total",
                estimate.region.as_deref().unwrap_or(""),
                "",
                &format!("{:.2}", estimate.total_monthly),
                currency,
                "",
            ]);
            for (kind, list) in [
                ("category", &estimate.by_category),
                ("resource-group", &estimate.by_resource_group),
                ("type", &estimate.by_type),
            ] {
                for amount in list {
                    out.row(&[side, kind, &amount.label, "", &format!("{:.2}", amount.monthly), currency, ""]);
                }
            }
            for top in &estimate.top_resources {
                let resource = report.resources.get(top.resource);
                out.row(&[
                    side,
                    "top-resource",
                    resource.map_or("", |r| r.name.as_str()),
                    resource.map_or("", |r| r.id.as_str()),
                    &format!("{:.2}", top.monthly),
                    currency,
                    "",
                ]);
            }
            for bin in &estimate.unpriced {
                for row in &bin.resources {
                    let resource = row.resource.and_then(|p| report.resources.get(p));
                    let detail =
                        if row.detail.is_empty() { row.hint.clone() } else { format!("{}: {}", row.detail, row.hint) };
                    out.row(&[
                        side,
                        "unpriced",
                        resource.map_or("", |r| r.name.as_str()),
                        resource.map_or("", |r| r.id.as_str()),
                        "",
                        currency,
                        &format!("{}: {detail}", bin.reason),
                    ]);
                }
            }
        }
    }
    out.finish()
}

/// One row per task of the plan, in wave order. Hours and gigabytes are plain decimals
/// for the spreadsheet (see the module docs).
pub fn plan(report: &Report) -> String {
    let mut out = Table::new(&[
        "wave",
        "phase",
        "resource_id",
        "resource_name",
        "resource_type",
        "method",
        "data_gb",
        "hours",
        "start_hours",
        "end_hours",
        "worker",
    ]);
    for wave in &report.plan.waves {
        for task in &wave.tasks {
            let resource = report.resources.get(task.resource);
            out.row(&[
                &wave.number.to_string(),
                &wave.phase,
                resource.map_or("", |r| r.id.as_str()),
                resource.map_or("", |r| r.name.as_str()),
                resource.map_or("", |r| r.resource_type.as_str()),
                &task.method,
                &task.data_gb.map(|gb| format!("{gb:.2}")).unwrap_or_default(),
                &format!("{:.2}", task.hours.0),
                &format!("{:.2}", task.start_hours.0),
                &format!("{:.2}", task.end_hours.0),
                &(task.worker + 1).to_string(),
            ]);
        }
    }
    out.finish()
}

/// Escapes one cell: neutralises formulas, then quotes when needed.
pub fn cell(text: &str) -> String {
    let guarded =
        if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

struct Table {
    text: String,
}

impl Table {
    fn new(headers: &[&str]) -> Table {
        let mut table = Table { text: String::from("\u{feff}") };
        table.row(headers);
        table
    }

    fn row(&mut self, cells: &[&str]) {
        for (index, text) in cells.iter().enumerate() {
            if index > 0 {
                self.text.push(',');
            }
            self.text.push_str(&cell(text));
        }
        self.text.push_str("\r\n");
    }

    fn finish(self) -> String {
        self.text
    }
}

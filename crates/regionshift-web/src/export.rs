//! The files the dashboard offers for download, rendered from one report model: the
//! one place a download's name, type and text are decided, shared by the page
//! (`State::download`) and the worker that builds downloads off the page's thread.

use regionshift_core::report::{self, Report};
#[cfg(test)]
use regionshift_core::{report::ReportOptions, Analysis};
use serde::{Deserialize, Serialize};

/// One of the files the dashboard offers for download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Export {
    /// The offline HTML report.
    Report,
    /// The report model as JSON.
    Json,
    /// The Markdown summary.
    Markdown,
    FindingsCsv,
    CostsCsv,
    PlanCsv,
}

/// A file to offer for download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub name: String,
    pub mime: &'static str,
    pub text: String,
}

/// Builds the report of `analysis` with `options` and renders it as `export` (what the
/// tests expect of the worker, which builds every download).
#[cfg(test)]
pub fn render(analysis: &Analysis, export: Export, options: &ReportOptions) -> Download {
    render_report(&report::build(analysis, options), export)
}

/// Renders a report model already built as `export`.
pub fn render_report(report: &Report, export: Export) -> Download {
    let (extension, mime, text) = match export {
        Export::Report => ("html", "text/html;charset=utf-8", report::html::render(report)),
        Export::Json => ("json", "application/json", report::json(report)),
        Export::Markdown => ("md", "text/markdown;charset=utf-8", report::markdown::render(report)),
        Export::FindingsCsv => ("findings.csv", "text/csv;charset=utf-8", report::csv::findings(report)),
        Export::CostsCsv => ("costs.csv", "text/csv;charset=utf-8", report::csv::costs(report)),
        Export::PlanCsv => ("plan.csv", "text/csv;charset=utf-8", report::csv::plan(report)),
    };
    Download { name: file_name(report, extension), mime, text }
}

/// A file name for a download: `regionshift-chinanorth3-2026-11-25.html`.
fn file_name(report: &Report, extension: &str) -> String {
    let target = report.summary.target.as_deref().unwrap_or("no-target");
    let redacted = if report.redacted { "-redacted" } else { "" };
    format!("regionshift-{target}-{}{redacted}.{extension}", report.date)
}

//! The diagnostics section: every diagnostic of the analysis, with file names and free
//! text redacted.

use super::DiagnosticRow;
use crate::analysis::Analysis;
use crate::report::redact::Redactor;

/// The analysis's diagnostics, in its order.
pub(super) fn diagnostics(analysis: &Analysis, r: &mut Redactor) -> Vec<DiagnosticRow> {
    analysis
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
        .collect()
}

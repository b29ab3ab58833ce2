//! The machine-readable copy a report carries, and reading it back.
//!
//! An unredacted report packs what the analysis ran on ([`Source`]: the input files,
//! the catalog and price files, the options) into [`PackedSource`]: each file deflated
//! and base64-encoded, the options as their JSON form. The HTML then embeds the
//! headline figures (`summary`) and the packed source, not the whole model, which the
//! source rebuilds: [`reopen`] gives the source back, and the caller runs `analyze`
//! and [`super::build`] on it again, which restores the very analysis and report (both
//! are pure functions of these). This keeps a 10,000-resource report under 15 MB. A
//! redacted report carries no source: it embeds its whole (redacted) model, deflated,
//! and reopens as that model (a read-only view; the app says it cannot continue from
//! it). Reading a report back never runs an analysis.
//!
//! The embedded document: `{schema, generator, date, redacted, summary, source,
//! decisions}` when unredacted with a source (`decisions`, the team's in their stored
//! form, only when any are recorded), `{schema, generator, date, redacted, summary,
//! report_deflate_base64}` otherwise (the [`Report`] as [`super::json`] writes it, raw
//! DEFLATE, then base64). `summary` is plain JSON in both, for a quick look.

// User text reaches this module: no slicing or indexing that could panic, no unwrap or
// expect outside tests (a local `allow` only where an index is proven in range, saying why).
#![cfg_attr(not(test), deny(clippy::string_slice, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used))]

use std::fmt;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use super::{Report, Summary, SCHEMA};
use crate::analysis::AnalysisOptions;
use crate::decisions::Decisions;
use crate::diagnostics::Diagnostic;
use crate::input::InputFile;

/// The `id` of the `<script type="application/json">` element holding the report model.
pub const EMBEDDED_ID: &str = "regionshift-analysis";

/// The largest file a packed source may inflate to (the import's own default limit).
const MAX_UNPACKED_BYTES: usize = 512 * 1024 * 1024;

/// Deflate level: 6 is zlib's default balance of size and speed.
const DEFLATE_LEVEL: u8 = 6;

/// What an analysis ran on: enough to run it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The inventory files, as given to `analyze`.
    pub files: Vec<InputFile>,
    /// The options, including the catalog and price files.
    pub options: AnalysisOptions,
}

/// A [`Source`] as a report stores it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackedSource {
    /// The options' JSON form (the catalog and price files are in `files`).
    pub options: serde_json::Value,
    pub files: Vec<PackedFile>,
}

/// One file, deflated (raw DEFLATE, RFC 1951) and base64-encoded (standard alphabet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackedFile {
    /// `inventory`, `catalog`, `prices` or `spend`.
    pub role: String,
    pub name: String,
    /// The file's size before packing, in bytes.
    pub size: usize,
    pub deflate_base64: String,
}

/// Why a report could not be read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportError {
    /// The text is neither a RegionShift report nor its JSON export.
    NoEmbeddedData,
    /// The embedded data is not valid JSON of the report's shape.
    NotJson { message: String },
    /// The data is of another schema or version.
    UnsupportedSchema { found: String },
    /// The packed source could not be unpacked.
    BadSource { message: String },
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportError::NoEmbeddedData => write!(
                f,
                "no RegionShift report data found; expected an HTML report with a <script id=\"{EMBEDDED_ID}\"> block or its JSON export"
            ),
            ReportError::NotJson { message } => write!(f, "the report's embedded data is not a {SCHEMA} document: {message}"),
            ReportError::UnsupportedSchema { found } => {
                write!(f, "the report is of schema {found}; this version reads {SCHEMA}")
            }
            ReportError::BadSource { message } => write!(f, "the report's packed inputs cannot be read: {message}"),
        }
    }
}

impl std::error::Error for ReportError {}

impl PackedSource {
    /// Packs a source.
    pub fn pack(source: &Source) -> PackedSource {
        let mut files = Vec::new();
        let mut push = |role: &str, file: &InputFile| {
            let deflated = miniz_oxide::deflate::compress_to_vec(&file.bytes, DEFLATE_LEVEL);
            files.push(PackedFile {
                role: role.to_string(),
                name: file.name.clone(),
                size: file.bytes.len(),
                deflate_base64: base64::engine::general_purpose::STANDARD.encode(deflated),
            });
        };
        for file in &source.files {
            push("inventory", file);
        }
        for file in &source.options.catalog_files {
            push("catalog", file);
        }
        for file in &source.options.price_files {
            push("prices", file);
        }
        for file in &source.options.spend_files {
            push("spend", file);
        }
        PackedSource { options: serde_json::to_value(&source.options).unwrap_or(serde_json::Value::Null), files }
    }

    /// Unpacks the files and options, ready for `analyze`.
    ///
    /// # Errors
    ///
    /// [`ReportError::BadSource`] when a file does not decode or the options are not of
    /// the shape this version writes.
    pub fn unpack(&self) -> Result<Source, ReportError> {
        let bad = |message: String| ReportError::BadSource { message };
        // Every option type reads back what it writes; fields a later version adds keep
        // their defaults when an older report is reopened.
        let mut options: AnalysisOptions =
            serde_json::from_value(self.options.clone()).map_err(|e| bad(format!("options: {e}")))?;
        // The same check as the command line's and the app's.
        options.validate().map_err(|e| bad(format!("options: {e}")))?;
        let mut files = Vec::new();
        for packed in &self.files {
            let deflated = base64::engine::general_purpose::STANDARD
                .decode(packed.deflate_base64.as_bytes())
                .map_err(|e| bad(format!("{}: {e}", packed.name)))?;
            let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_UNPACKED_BYTES)
                .map_err(|e| bad(format!("{}: {e:?}", packed.name)))?;
            let file = InputFile::new(packed.name.clone(), bytes);
            match packed.role.as_str() {
                "inventory" => files.push(file),
                "catalog" => options.catalog_files.push(file),
                "prices" => options.price_files.push(file),
                "spend" => options.spend_files.push(file),
                other => return Err(bad(format!("{}: unknown role {other}", packed.name))),
            }
        }
        Ok(Source { files, options })
    }
}

/// The document the HTML embeds (see the module docs).
#[derive(Serialize)]
struct EmbeddedRef<'a> {
    schema: &'a str,
    generator: &'a str,
    date: &'a str,
    redacted: bool,
    summary: &'a Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a PackedSource>,
    /// The team's decisions (`regionshift.decisions/1`), beside the source they apply to.
    #[serde(skip_serializing_if = "Option::is_none")]
    decisions: Option<&'a serde_json::Value>,
    /// The whole model's JSON, deflated and base64-encoded like the inputs: it is the
    /// bulk of a report that carries no inputs, and compresses about tenfold.
    #[serde(skip_serializing_if = "Option::is_none")]
    report_deflate_base64: Option<String>,
}

#[derive(Deserialize)]
struct Embedded {
    date: String,
    #[serde(default)]
    source: Option<PackedSource>,
    #[serde(default)]
    report_deflate_base64: Option<String>,
    #[serde(default)]
    decisions: Option<serde_json::Value>,
}

/// The JSON the HTML report embeds.
pub(crate) fn embedded_json(report: &Report) -> String {
    let (source, full) = match &report.source {
        Some(source) if !report.redacted => (Some(source), None),
        _ => (None, Some(report)),
    };
    let document = EmbeddedRef {
        schema: &report.schema,
        generator: &report.generator,
        date: &report.date,
        redacted: report.redacted,
        summary: &report.summary,
        source,
        decisions: source.and(report.decisions.as_ref()),
        report_deflate_base64: full.map(|report| {
            let json = serde_json::to_vec(report).unwrap_or_default();
            base64::engine::general_purpose::STANDARD
                .encode(miniz_oxide::deflate::compress_to_vec(&json, DEFLATE_LEVEL))
        }),
    };
    serde_json::to_string(&document).unwrap_or_default()
}

/// What a report file gives back.
#[derive(Debug, Clone, PartialEq)]
pub enum Reopened {
    /// An unredacted report made with its source: the inputs, options and date it was
    /// made with. `analyze` and [`super::build`] on them give the very same analysis and
    /// report, so the app can continue where the report was made; with the team's
    /// decisions it carried, and what of them could not be read.
    Source { source: Box<Source>, date: String, decisions: Decisions, diagnostics: Vec<Diagnostic> },
    /// A redacted report, or the JSON export: the model itself, a read-only view.
    Model(Box<Report>),
}

/// Reads a report back from an HTML report (its embedded JSON block) or from the JSON
/// export. Runs no analysis: an unredacted report gives its inputs and options back
/// ([`Reopened::Source`]); a redacted report or the JSON export gives its model.
///
/// # Errors
///
/// [`ReportError::NoEmbeddedData`] when the text holds no report data,
/// [`ReportError::NotJson`] when the data does not parse,
/// [`ReportError::UnsupportedSchema`] for another schema or version,
/// [`ReportError::BadSource`] when the packed inputs or options do not read back.
pub fn reopen(text: &str) -> Result<Reopened, ReportError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let is_export = trimmed.starts_with('{');
    let json = if is_export {
        trimmed
    } else {
        let opening = format!("<script type=\"application/json\" id=\"{EMBEDDED_ID}\">");
        let start = text.find(&opening).ok_or(ReportError::NoEmbeddedData)? + opening.len();
        let embedded = text.get(start..).unwrap_or_default();
        let end = embedded.find("</script>").ok_or(ReportError::NoEmbeddedData)?;
        embedded.get(..end).unwrap_or_default()
    };
    #[derive(Deserialize)]
    struct Header {
        schema: Option<String>,
    }
    let header: Header = serde_json::from_str(json).map_err(|e| ReportError::NotJson { message: e.to_string() })?;
    match header.schema {
        Some(schema) if schema == SCHEMA => {}
        Some(schema) => return Err(ReportError::UnsupportedSchema { found: schema }),
        None => return Err(ReportError::UnsupportedSchema { found: "(none)".to_string() }),
    }
    let not_json = |e: serde_json::Error| ReportError::NotJson { message: e.to_string() };
    if is_export {
        let report: Report = serde_json::from_str(json).map_err(not_json)?;
        return match &report.source {
            Some(packed) if !report.redacted => {
                let (decisions, diagnostics) = saved_decisions(report.decisions.as_ref());
                Ok(Reopened::Source { source: Box::new(packed.unpack()?), date: report.date, decisions, diagnostics })
            }
            _ => Ok(Reopened::Model(Box::new(report))),
        };
    }
    let embedded: Embedded = serde_json::from_str(json).map_err(not_json)?;
    match (embedded.report_deflate_base64, embedded.source) {
        (Some(packed), _) => {
            let bad = |message: String| ReportError::NotJson { message };
            let deflated = base64::engine::general_purpose::STANDARD
                .decode(packed.as_bytes())
                .map_err(|e| bad(format!("the embedded report: {e}")))?;
            let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_UNPACKED_BYTES)
                .map_err(|e| bad(format!("the embedded report: {e:?}")))?;
            serde_json::from_slice(&json).map(|report| Reopened::Model(Box::new(report))).map_err(not_json)
        }
        (None, Some(packed)) => {
            let (decisions, diagnostics) = saved_decisions(embedded.decisions.as_ref());
            Ok(Reopened::Source { source: Box::new(packed.unpack()?), date: embedded.date, decisions, diagnostics })
        }
        (None, None) => Err(ReportError::NotJson { message: "neither a report nor its inputs".to_string() }),
    }
}

/// The decisions a report carries, read entry by entry (none when it carries none).
fn saved_decisions(value: Option<&serde_json::Value>) -> (Decisions, Vec<Diagnostic>) {
    match value {
        Some(value) => Decisions::read(value, "the report's decisions"),
        None => (Decisions::default(), Vec::new()),
    }
}

//! Inventory import: reads every common Azure export, detects its format, and merges
//! the files into one validated inventory with diagnostics.
//!
//! Flow: `text` decodes bytes; `json` or `portal_csv` reads the shape into
//! `raw::RawResource`s (templates go through `arm`); `normalize` validates each record;
//! [`import`] merges the files by id and says what the input lacks (`completeness`).

mod arm;
pub mod completeness;
mod json;
mod model;
mod normalize;
mod portal_csv;
pub mod raw;
pub mod summary;

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::azure::ResourceId;
use crate::diagnostics::{Diagnostic, Sink};
use crate::input::text;
use crate::input::DecodeError;
use crate::input::{Encoding, InputFile, DEFAULT_MAX_FILE_BYTES};
pub use model::{DeclaredDependency, IdOrigin, Resource, Sku, SourceRef};
use raw::{RawEntry, RawResource};

/// JSON nested deeper than this is refused (real exports stay far below it).
pub const DEFAULT_MAX_DEPTH: usize = 100;

/// Limits for reading input files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportOptions {
    pub max_file_bytes: u64,
    pub max_depth: usize,
}

impl Default for ImportOptions {
    fn default() -> ImportOptions {
        ImportOptions { max_file_bytes: DEFAULT_MAX_FILE_BYTES, max_depth: DEFAULT_MAX_DEPTH }
    }
}

impl ImportOptions {
    /// Both limits must be above 0.
    pub fn validate(&self) -> Result<(), String> {
        if self.max_file_bytes == 0 || self.max_depth == 0 {
            return Err(format!(
                "the import limits must be above 0 (largest file {} bytes, deepest nesting {})",
                self.max_file_bytes, self.max_depth
            ));
        }
        Ok(())
    }

    /// Sets the largest file from a number of MiB as the command line writes it.
    pub fn set_max_file_mib(&mut self, text: &str) -> Result<(), String> {
        let mib: u64 = text
            .trim()
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("the largest file is a positive whole number of MiB, not {text:?}"))?;
        self.max_file_bytes = mib.saturating_mul(1024 * 1024);
        Ok(())
    }
}

/// The export formats RegionShift recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputFormat {
    /// A JSON array of resources: `az resource list`, `az vm list`, a Resource Graph
    /// Explorer download.
    ResourceArray,
    /// An ARM list response `{"value": [...]}` saved from a REST `GET`.
    ArmListResponse,
    /// `az graph query` output: `{"count", "data", "skip_token", "total_records"}`.
    ResourceGraphCli,
    /// The Resource Graph REST response with `data` as an array of objects.
    ResourceGraphObjects,
    /// The Resource Graph REST response with `data` as `{"columns", "rows"}`.
    ResourceGraphTable,
    /// One resource object (`az vm show`, a REST `GET` of one resource).
    SingleResource,
    /// An ARM template: portal "Export template", `az group export`, or hand-written.
    ArmTemplate,
    /// The portal's "All resources" CSV export.
    PortalCsv,
}

impl InputFormat {
    pub fn label(self) -> &'static str {
        match self {
            InputFormat::ResourceArray => "JSON array of resources (az CLI list, Resource Graph Explorer download)",
            InputFormat::ArmListResponse => "ARM list response ({\"value\": [...]})",
            InputFormat::ResourceGraphCli => "Resource Graph, az graph query output",
            InputFormat::ResourceGraphObjects => "Resource Graph REST response (object array)",
            InputFormat::ResourceGraphTable => "Resource Graph REST response (table form)",
            InputFormat::SingleResource => "single resource object",
            InputFormat::ArmTemplate => "ARM template",
            InputFormat::PortalCsv => "Azure portal \"All resources\" CSV",
        }
    }
}

/// The shapes accepted, for error messages.
pub const ACCEPTED_SHAPES: &str =
    "a JSON array of resources (az resource list, az vm list, Resource Graph Explorer download); \
{\"value\": [...]} (ARM list response); Resource Graph output ({\"data\": [...]} from az graph query or REST, \
or {\"data\": {\"columns\", \"rows\"}}); one resource object with id and type; an ARM template \
(with $schema and resources); or the portal's \"All resources\" CSV";

/// Why a whole file could not be used. Problems inside a usable file are diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FileError {
    Empty,
    TooLarge { size: u64, limit: u64 },
    Binary { what: String },
    Encoding { message: String },
    NotJson { line: usize, column: usize, message: String },
    TooDeep { line: usize, column: usize, limit: usize },
    UnknownShape { found: String },
    Csv { line: usize, message: String },
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Empty => write!(f, "the file is empty; expected {ACCEPTED_SHAPES}"),
            FileError::TooLarge { size, limit } => write!(
                f,
                "the file is {} MiB, over the {} MiB limit; split the export into pages (az graph query --first 1000 --skip-token) and load them together",
                size.div_ceil(1024 * 1024),
                limit / (1024 * 1024)
            ),
            FileError::Binary { what } => write!(f, "this is {what}, not an inventory; expected {ACCEPTED_SHAPES}"),
            FileError::Encoding { message } => f.write_str(message),
            FileError::NotJson { line, column, message } => {
                write!(f, "not valid JSON at line {line}, column {column}: {message}")
            }
            FileError::TooDeep { line, column, limit } => write!(
                f,
                "the JSON nests deeper than {limit} levels (at line {line}, column {column}); Azure exports never do, so this is not an inventory"
            ),
            FileError::UnknownShape { found } => write!(f, "found {found}; expected {ACCEPTED_SHAPES}"),
            FileError::Csv { line, message } => write!(f, "CSV line {line}: {message}"),
        }
    }
}

impl From<DecodeError> for FileError {
    fn from(error: DecodeError) -> FileError {
        match error {
            DecodeError::TooLarge { size, limit } => FileError::TooLarge { size, limit },
            DecodeError::Binary { what } => FileError::Binary { what },
            DecodeError::Encoding { message } => FileError::Encoding { message },
        }
    }
}

/// What happened to one input file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub name: String,
    pub size: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<Encoding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<InputFormat>,
    /// Records found in the file.
    pub records: usize,
    /// Records that became resources (before merging duplicates across files).
    pub imported: usize,
    /// Records skipped, each with a diagnostic.
    pub skipped: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<FileError>,
    /// Resource Graph paging: the total the service reported and whether more pages exist.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paging: Option<Paging>,
}

/// Resource Graph paging facts of one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paging {
    pub total_records: Option<u64>,
    pub more_pages: bool,
}

/// The merged, validated resources, sorted by id.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Inventory {
    pub resources: Vec<Resource>,
}

impl Inventory {
    pub fn len(&self) -> usize {
        self.resources.len()
    }

    pub fn is_empty(&self) -> bool {
        self.resources.is_empty()
    }

    /// Finds a resource by id, ignoring case.
    pub fn get(&self, id: &ResourceId) -> Option<&Resource> {
        self.resources.binary_search_by(|r| r.id.key().cmp(id.key())).ok().map(|i| &self.resources[i])
    }
}

/// The result of importing a set of files.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Import {
    pub inventory: Inventory,
    pub files: Vec<FileReport>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Imports and merges files. Never fails: unusable files are reported in `files` and
/// `diagnostics`, and every good file is still imported.
pub fn import(files: &[InputFile], options: &ImportOptions) -> Import {
    let mut result = Import::default();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut resources: Vec<Resource> = Vec::new();
    let mut merged = 0usize;
    for file in files {
        let mut sink = Sink::new(&file.name);
        let mut report = FileReport {
            name: file.name.clone(),
            size: file.bytes.len() as u64,
            encoding: None,
            format: None,
            records: 0,
            imported: 0,
            skipped: 0,
            error: None,
            paging: None,
        };
        match read_file(&file.bytes, options, &mut sink) {
            Err(error) => {
                sink.push(Diagnostic::error(
                    "import.file-unusable",
                    format!("{} was not imported: {error}", file.name),
                ));
                report.error = Some(error);
            }
            Ok(read) => {
                report.encoding = Some(read.encoding);
                report.format = Some(read.format);
                report.records = read.records.len();
                report.paging = read.paging;
                resources.reserve(read.records.len());
                for (location, raw) in read.records {
                    let source = SourceRef { file: file.name.clone(), record: location.clone() };
                    let describe = describe_record(&raw);
                    match normalize::resource(*raw, source) {
                        Ok((resource, notes)) => {
                            for note in notes {
                                sink.push(
                                    Diagnostic::warning("import.record-field-ignored", format!("{describe}: {note}"))
                                        .at(location.clone()),
                                );
                            }
                            report.imported += 1;
                            match index.get(resource.id.key()) {
                                Some(&existing) => {
                                    merged += 1;
                                    merge(&mut resources[existing], resource, &mut sink);
                                }
                                None => {
                                    index.insert(resource.id.key().to_string(), resources.len());
                                    resources.push(resource);
                                }
                            }
                        }
                        Err(rejection) => {
                            report.skipped += 1;
                            let mut diagnostic = Diagnostic::warning(
                                "import.record-skipped",
                                format!("{describe} was skipped: {}", rejection.message),
                            )
                            .at(location);
                            if let Some(hint) = rejection.hint {
                                diagnostic = diagnostic.with_hint(hint);
                            }
                            sink.push(diagnostic);
                        }
                    }
                }
                if report.records == 0 && sink.count("import.not-resources") == 0 {
                    sink.push(Diagnostic::warning(
                        "import.no-records",
                        format!("{} ({}) holds no resources", file.name, read.format.label()),
                    ));
                }
            }
        }
        result.diagnostics.extend(sink.finish());
        result.files.push(report);
    }
    if merged > 0 {
        result.diagnostics.push(Diagnostic::info(
            "import.duplicates-merged",
            format!("{merged} records named a resource already read (same id, ignoring case) and were merged into it"),
        ));
    }
    check_paging(&result.files, &mut result.diagnostics);
    // Ids are unique here (duplicates were merged), so an unstable sort gives the same
    // order, and unlike `sort_by` it allocates no scratch copy of half the inventory.
    resources.sort_unstable_by(|a, b| a.id.key().cmp(b.id.key()));
    result.inventory = Inventory { resources };
    result
}

struct FileRead {
    encoding: Encoding,
    format: InputFormat,
    // Boxed as the JSON reader made them: unboxing copied every record into a second
    // vector that stayed allocated until the last record was normalised.
    records: Vec<(String, Box<RawResource>)>,
    paging: Option<Paging>,
}

fn read_file(bytes: &[u8], options: &ImportOptions, sink: &mut Sink) -> Result<FileRead, FileError> {
    if bytes.is_empty() {
        return Err(FileError::Empty);
    }
    let (text, encoding) = text::decode(bytes, options.max_file_bytes)?;
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if trimmed.is_empty() {
        return Err(FileError::Empty);
    }
    if !(trimmed.starts_with('{') || trimmed.starts_with('[') || trimmed.starts_with("//") || trimmed.starts_with("/*"))
    {
        if portal_csv::looks_like_portal_csv(trimmed) {
            // The reader counts lines itself, so it gets the text with only a BOM removed.
            let read = portal_csv::read_portal_csv(text.trim_start_matches('\u{feff}'))?;
            sink.extend(read.diagnostics);
            let records = read
                .records
                .into_iter()
                .zip(read.subscription_names.into_iter().chain(std::iter::repeat(None)))
                .map(|((location, mut raw), subscription_name)| {
                    raw.subscription_name = subscription_name;
                    (location, Box::new(raw))
                })
                .collect();
            return Ok(FileRead { encoding, format: InputFormat::PortalCsv, records, paging: None });
        }
        if let Ok(json::TopLevel::Scalar(kind)) = serde_json::from_str::<json::TopLevel>(trimmed) {
            return Err(FileError::UnknownShape { found: format!("{kind} at the top level") });
        }
        let first_line: String = trimmed.lines().next().unwrap_or("").chars().take(60).collect();
        return Err(FileError::UnknownShape {
            found: format!("text that is neither JSON nor a portal CSV (it begins {first_line:?})"),
        });
    }
    let scan = text::scan_json(&text, options.max_depth);
    if let Some(offset) = scan.too_deep_at {
        let (line, column) = text::line_column(&text.as_bytes()[..offset]);
        return Err(FileError::TooDeep { line, column, limit: options.max_depth });
    }
    let stripped;
    let json_text: &str = if scan.has_comments {
        stripped = text::strip_json_comments(&text);
        &stripped
    } else {
        &text
    };
    let top: json::TopLevel = serde_json::from_str(json_text).map_err(|error| FileError::NotJson {
        line: error.line(),
        column: error.column(),
        message: json_error_message(&error),
    })?;
    let (format, records, paging) = classify(top, sink)?;
    Ok(FileRead { encoding, format, records, paging })
}

fn json_error_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    // serde_json appends " at line L column C"; the caller reports those itself.
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

type Classified = (InputFormat, Vec<(String, Box<RawResource>)>, Option<Paging>);

fn classify(top: json::TopLevel, sink: &mut Sink) -> Result<Classified, FileError> {
    match top {
        json::TopLevel::Scalar(kind) => Err(FileError::UnknownShape { found: format!("{kind} at the top level") }),
        json::TopLevel::Array(entries) => Ok((InputFormat::ResourceArray, records_of(entries, "", sink), None)),
        json::TopLevel::Object(envelope) => {
            let json::Envelope { value, data, other } = envelope;
            if let Some(entries) = value {
                return Ok((InputFormat::ArmListResponse, records_of(entries, "value", sink), None));
            }
            let cli_keys = other.contains_key("skip_token") || other.contains_key("total_records");
            let paging = graph_paging(&other);
            if let Some(entries) = data {
                let format = if cli_keys { InputFormat::ResourceGraphCli } else { InputFormat::ResourceGraphObjects };
                let records = only_resources(records_of(entries, "data", sink), sink);
                return Ok((format, records, paging));
            }
            if let Some(table) = other.get("data").filter(|d| d.get("columns").is_some()) {
                let (columns, rows) = json::table_rows(table).ok_or_else(|| FileError::UnknownShape {
                    found: "a Resource Graph table whose columns or rows are not arrays".to_string(),
                })?;
                let records = only_resources(table_records(&columns, rows, sink), sink);
                return Ok((InputFormat::ResourceGraphTable, records, paging));
            }
            let object = Value::Object(other);
            if arm::looks_like_template(&object) {
                let expansion = arm::expand_template(&object);
                sink.extend(expansion.diagnostics);
                let records =
                    expansion.resources.into_iter().map(|(location, raw)| (location, Box::new(raw))).collect();
                return Ok((InputFormat::ArmTemplate, records, None));
            }
            let Value::Object(other) = object else { unreachable!("built as an object above") };
            if other.get("id").is_some_and(Value::is_string) && other.get("type").is_some_and(Value::is_string) {
                return Ok((
                    InputFormat::SingleResource,
                    vec![("the object".to_string(), Box::new(RawResource::from_object(other)))],
                    None,
                ));
            }
            let mut keys: Vec<&str> = other.keys().map(String::as_str).take(8).collect();
            if other.len() > keys.len() {
                keys.push("...");
            }
            let found = if keys.is_empty() {
                "an empty JSON object".to_string()
            } else if other.contains_key("$schema")
                && other.get("parameters").is_some()
                && other.get("resources").is_none()
            {
                "an ARM parameters file (it sets template parameters but lists no resources)".to_string()
            } else {
                format!("a JSON object with keys {}", keys.join(", "))
            };
            Err(FileError::UnknownShape { found })
        }
    }
}

fn records_of(entries: Vec<RawEntry>, path: &str, sink: &mut Sink) -> Vec<(String, Box<RawResource>)> {
    let mut records = Vec::with_capacity(entries.len());
    for (i, entry) in entries.into_iter().enumerate() {
        let location = format!("{path}[{i}]");
        match entry {
            RawEntry::Record(record) => records.push((location, record)),
            RawEntry::NotAnObject(kind) => sink.push(
                Diagnostic::warning(
                    "import.record-skipped",
                    format!("record {i} is {kind}, not a resource object; it was skipped"),
                )
                .at(location),
            ),
        }
    }
    records
}

fn table_records(columns: &[String], rows: &[Value], sink: &mut Sink) -> Vec<(String, Box<RawResource>)> {
    let mut records = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let location = format!("data.rows[{i}]");
        match row {
            Value::Array(cells) => {
                if cells.len() != columns.len() {
                    sink.push(
                        Diagnostic::warning(
                            "import.row-length",
                            format!(
                                "row {i} has {} cells for {} columns; missing cells are empty",
                                cells.len(),
                                columns.len()
                            ),
                        )
                        .at(location.clone()),
                    );
                }
                let object = columns.iter().cloned().zip(cells.iter().cloned()).collect();
                records.push((location, Box::new(RawResource::from_object(object))));
            }
            other => sink.push(
                Diagnostic::warning(
                    "import.record-skipped",
                    format!("row {i} is not an array of cells ({other:.40}); it was skipped"),
                )
                .at(location),
            ),
        }
    }
    records
}

fn graph_paging(other: &serde_json::Map<String, Value>) -> Option<Paging> {
    let token = other.get("skip_token").or_else(|| other.get("$skipToken"));
    let total = other.get("total_records").or_else(|| other.get("totalRecords"));
    if token.is_none() && total.is_none() {
        return None;
    }
    let more_pages = token.is_some_and(|t| t.as_str().is_some_and(|s| !s.is_empty()));
    let total_records = total.and_then(|t| t.as_u64().or_else(|| t.as_str().and_then(|s| s.parse().ok())));
    Some(Paging { total_records, more_pages })
}

/// A Resource Graph query that projected no resource columns (a `count`, a `summarize`)
/// is legal output but not an inventory: say so once instead of once per row, and
/// keep none of its rows.
fn only_resources(records: Vec<(String, Box<RawResource>)>, sink: &mut Sink) -> Vec<(String, Box<RawResource>)> {
    if !records.is_empty()
        && records.iter().all(|(_, r)| r.id.is_none() && r.name.is_none() && r.resource_type.is_none())
    {
        sink.push(
            Diagnostic::warning(
                "import.not-resources",
                "this Resource Graph result has no id, name or type columns (a count or summarize query); its rows are not resources",
            )
            .with_hint(completeness::RESOURCE_GRAPH_HINT),
        );
        return Vec::new();
    }
    records
}

fn check_paging(files: &[FileReport], diagnostics: &mut Vec<Diagnostic>) {
    let pages: Vec<&FileReport> = files.iter().filter(|f| f.paging.is_some()).collect();
    let Some(total) = pages.iter().filter_map(|f| f.paging.as_ref()?.total_records).max() else { return };
    let loaded: usize = pages.iter().map(|f| f.records).sum();
    if (loaded as u64) < total {
        diagnostics.push(
            Diagnostic::warning(
                "import.pages-missing",
                format!(
                    "Resource Graph reported {total} records in all, but the {} page file(s) loaded hold {loaded}",
                    pages.len()
                ),
            )
            .with_hint(
                "load every page together; the export kit shows a loop that follows skip_token until the last page",
            ),
        );
    }
}

fn describe_record(raw: &RawResource) -> String {
    let name = [&raw.id, &raw.name].into_iter().find_map(|v| v.as_ref().and_then(Value::as_str).map(str::to_string));
    match name {
        Some(name) => format!("record {name:?}"),
        None => "a record".to_string(),
    }
}

/// Merges a second record of the same resource into the first: fills what the first
/// lacks, and reports real conflicts.
fn merge(into: &mut Resource, other: Resource, sink: &mut Sink) {
    if let (Some(a), Some(b)) = (&into.location, &other.location) {
        if a != b {
            sink.push(Diagnostic::warning(
                "import.merge-conflict",
                format!("{} appears with locations {a} and {b}; {a} (read first) is kept", into.id),
            ));
        }
    }
    if into.properties.is_none() {
        into.properties = other.properties;
    }
    into.location = into.location.take().or(other.location);
    into.resource_group = into.resource_group.take().or(other.resource_group);
    into.subscription = into.subscription.take().or(other.subscription);
    into.subscription_name = into.subscription_name.take().or(other.subscription_name);
    into.kind = into.kind.take().or(other.kind);
    into.sku = into.sku.take().or(other.sku);
    into.identity = into.identity.take().or(other.identity);
    into.managed_by = into.managed_by.take().or(other.managed_by);
    into.plan = into.plan.take().or(other.plan);
    into.api_version = into.api_version.take().or(other.api_version);
    if into.zones.is_empty() {
        into.zones = other.zones;
    }
    for (key, value) in other.tags {
        into.tags.entry(key).or_insert(value);
    }
    if into.id_origin != IdOrigin::Exported && other.id_origin == IdOrigin::Exported {
        into.id = other.id;
        into.id_origin = IdOrigin::Exported;
    }
    into.depends_on.extend(other.depends_on);
    into.sources.extend(other.sources);
}

#[cfg(test)]
mod tests;

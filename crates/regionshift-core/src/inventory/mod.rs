//! Inventory import: reads every common Azure export, detects its format, and merges
//! the files into one validated inventory with diagnostics.
//!
//! Flow: `text` decodes bytes; `json` (JSON lists, Resource Graph, single objects,
//! az CLI and PowerShell objects), `delimited` (portal and PowerShell CSV) or `az_text`
//! (`-o table`, `-o tsv`) reads the shape into `raw::RawResource`s (templates go
//! through `arm`); `normalize` validates each record; [`import`] merges records that
//! carry the same full id, keeps every other record as its own resource, fills a
//! child's missing location from its parent, and says what the input lacks
//! (`completeness`).

// User text reaches this module: no slicing or indexing that could panic, no unwrap or
// expect outside tests (a local `allow` only where an index is proven in range, saying why).
#![cfg_attr(not(test), deny(clippy::string_slice, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used))]

mod arm;
mod az_text;
pub mod completeness;
mod delimited;
mod json;
mod model;
mod normalize;
pub mod raw;
/// The shared material (`../shared`) for the tests beside the code; missing, they fail.
#[cfg(test)]
#[path = "../../tests/common/shared.rs"]
mod shared_material;
pub mod summary;
mod system;
mod vocabulary;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::azure::{Location, ResourceId};
use crate::diagnostics::{Diagnostic, Sink};
use crate::input::text;
use crate::input::DecodeError;
use crate::input::{Encoding, InputFile, DEFAULT_MAX_FILE_BYTES};
pub use model::{DeclaredDependency, IdOrigin, Resource, Sku, SourceRef};
use raw::{Marks, RawEntry, RawResource};

/// The namespace of a type known only by a portal display name no table has
/// (`Unknown/availabilityTest`): the resource is imported, and every check that
/// needs its type says it is unknown.
pub const UNKNOWN_NAMESPACE: &str = "Unknown";

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
    /// A JSON array of resources in ARM's shape: `az resource list`, a Resource Graph
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
    /// One resource object in ARM's shape: the portal's "JSON View", a REST `GET`,
    /// Resource Explorer.
    SingleResource,
    /// An ARM template: portal "Export template", `az group export`, or hand-written.
    ArmTemplate,
    /// The portal's "All resources" CSV, in any portal language.
    PortalCsv,
    /// az CLI per-service output, whose properties sit at the top level: `az vm list`,
    /// `az vm show`, `az network nic list`... (array or one object).
    AzCliList,
    /// `az ... --query` JSON with the author's own keys (`Name`, `RG`, `Location`).
    AzCliQuery,
    /// `az resource list -o table` (and other az tables).
    AzCliTable,
    /// `az resource list -o tsv`.
    AzCliTsv,
    /// PowerShell objects through `ConvertTo-Json`: `Get-AzResource`, `Get-AzVM`...
    PowershellJson,
    /// PowerShell objects through `Export-Csv` or `ConvertTo-Csv`.
    PowershellCsv,
    /// The CSV of one service's portal page (Virtual machines, Storage accounts...).
    PortalServiceCsv,
    /// The portal's Resource groups CSV, or `Get-AzResourceGroup | Export-Csv`.
    ResourceGroupsCsv,
    /// A query's rows with ids as CSV (`id, name, type, ...`): Resource Graph
    /// Explorer's download, objects (properties, sku, tags) as JSON text.
    QueryCsv,
}

impl InputFormat {
    /// Every format, in the order people are likely to have them.
    pub const ALL: [InputFormat; 17] = [
        InputFormat::ResourceGraphCli,
        InputFormat::ResourceGraphObjects,
        InputFormat::ResourceGraphTable,
        InputFormat::ResourceArray,
        InputFormat::AzCliList,
        InputFormat::AzCliQuery,
        InputFormat::AzCliTable,
        InputFormat::AzCliTsv,
        InputFormat::PowershellJson,
        InputFormat::PowershellCsv,
        InputFormat::ArmListResponse,
        InputFormat::SingleResource,
        InputFormat::ArmTemplate,
        InputFormat::PortalCsv,
        InputFormat::PortalServiceCsv,
        InputFormat::ResourceGroupsCsv,
        InputFormat::QueryCsv,
    ];

    pub fn label(self) -> &'static str {
        match self {
            InputFormat::ResourceArray => {
                "JSON array of resources (az resource list, Resource Graph Explorer download)"
            }
            InputFormat::ArmListResponse => "ARM list response ({\"value\": [...]})",
            InputFormat::ResourceGraphCli => "Resource Graph, az graph query output",
            InputFormat::ResourceGraphObjects => "Resource Graph REST response (object array)",
            InputFormat::ResourceGraphTable => "Resource Graph REST response (table form)",
            InputFormat::SingleResource => "single resource object (portal JSON View, REST GET)",
            InputFormat::ArmTemplate => "ARM template",
            InputFormat::PortalCsv => "Azure portal \"All resources\" CSV",
            InputFormat::AzCliList => "az CLI service list or show (az vm list, az network nic list)",
            InputFormat::AzCliQuery => "az CLI --query projection (JSON)",
            InputFormat::AzCliTable => "az CLI table (-o table)",
            InputFormat::AzCliTsv => "az CLI tab-separated values (-o tsv)",
            InputFormat::PowershellJson => "PowerShell objects as JSON (Get-AzResource, Get-AzVM | ConvertTo-Json)",
            InputFormat::PowershellCsv => "PowerShell Export-Csv",
            InputFormat::PortalServiceCsv => "Azure portal service page CSV (Virtual machines, Storage accounts...)",
            InputFormat::ResourceGroupsCsv => "resource groups CSV (portal Resource groups, Get-AzResourceGroup)",
            InputFormat::QueryCsv => "CSV of query rows with ids (Resource Graph Explorer download)",
        }
    }

    /// A short name for the format in running text ("the portal CSV").
    pub fn short_name(self) -> &'static str {
        match self {
            InputFormat::ResourceArray => "JSON resource list",
            InputFormat::ArmListResponse => "ARM list response",
            InputFormat::ResourceGraphCli | InputFormat::ResourceGraphObjects | InputFormat::ResourceGraphTable => {
                "Resource Graph export"
            }
            InputFormat::SingleResource => "single resource object",
            InputFormat::ArmTemplate => "ARM template",
            InputFormat::PortalCsv => "portal \"All resources\" CSV",
            InputFormat::AzCliList => "az CLI service list",
            InputFormat::AzCliQuery => "az CLI --query projection",
            InputFormat::AzCliTable => "az CLI table",
            InputFormat::AzCliTsv => "az CLI TSV",
            InputFormat::PowershellJson => "PowerShell JSON",
            InputFormat::PowershellCsv => "PowerShell CSV",
            InputFormat::PortalServiceCsv => "portal service page CSV",
            InputFormat::ResourceGroupsCsv => "resource groups CSV",
            InputFormat::QueryCsv => "query CSV",
        }
    }
}

/// The shapes accepted, for error messages.
pub const ACCEPTED_SHAPES: &str =
    "a JSON array of resources (az resource list, az vm list and other az CLI lists, --query projections, \
Resource Graph Explorer download); {\"value\": [...]} (ARM list response); Resource Graph output ({\"data\": [...]} \
from az graph query or REST, or {\"data\": {\"columns\", \"rows\"}}); one resource object (portal JSON View, az vm show); \
PowerShell objects through ConvertTo-Json or Export-Csv; an ARM template (with $schema and resources); az CLI -o table \
or -o tsv output; or a portal CSV (All resources in any portal language, a service page, Resource groups)";

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
        self.resources.binary_search_by(|r| r.id.key().cmp(id.key())).ok().and_then(|i| self.resources.get(i))
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
///
/// Records are merged only when they carry the same full resource id (ignoring case).
/// A record without one (a portal CSV row, a `--query` row without `id`, a template
/// resource whose subscription is symbolic) is a resource of its own, even when its
/// name, type and group are another's: nothing says the two are the same.
pub fn import(files: &[InputFile], options: &ImportOptions) -> Import {
    let mut result = Import::default();
    let mut read: Vec<Resource> = Vec::new();
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
        match read_file(&file.bytes, &file.name, options, &mut sink) {
            Err(error) => {
                // The diagnostic names the file already: the message does not repeat it.
                sink.push(Diagnostic::error("import.file-unusable", format!("not imported: {error}")));
                report.error = Some(error);
            }
            Ok(file_read) => {
                report.encoding = Some(file_read.encoding);
                report.format = Some(file_read.format);
                report.records = file_read.records.len();
                report.paging = file_read.paging;
                read.reserve(file_read.records.len());
                let mut findings = FileFindings::default();
                for (location, raw) in file_read.records {
                    let source = SourceRef { file: file.name.clone(), record: location.clone() };
                    let describe = describe_record(&raw);
                    match normalize::resource(*raw, source) {
                        Ok(normalize::Normalized { resource, notes, findings: found }) => {
                            for note in notes {
                                sink.push(
                                    Diagnostic::warning("import.record-field-ignored", format!("{describe}: {note}"))
                                        .at(location.clone()),
                                );
                            }
                            findings.add(found);
                            report.imported += 1;
                            read.push(resource);
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
                findings.report(&mut sink);
                if report.records == 0 && sink.count("import.not-resources") == 0 {
                    sink.push(Diagnostic::warning(
                        "import.no-records",
                        format!("the file ({}) holds no resources", file_read.format.label()),
                    ));
                }
            }
        }
        result.diagnostics.extend(sink.finish());
        result.files.push(report);
    }
    let mut resources = merge_by_id(read, &mut result.diagnostics);
    inherit_locations(&mut resources, &mut result.diagnostics);
    check_paging(&result.files, &mut result.diagnostics);
    // Ids are unique here (duplicates were merged or told apart), so an unstable sort
    // gives the same order, and unlike `sort_by` it allocates no scratch copy of half
    // the inventory.
    resources.sort_unstable_by(|a, b| a.id.key().cmp(b.id.key()));
    result.inventory = Inventory { resources };
    result
}

/// What normalising a file's records found, said once for the file.
#[derive(Default)]
struct FileFindings {
    truncated_values: usize,
    truncated_records: usize,
    tags_lost: usize,
}

impl FileFindings {
    fn add(&mut self, found: normalize::Findings) {
        self.truncated_values += found.truncated;
        self.truncated_records += usize::from(found.truncated > 0);
        self.tags_lost += usize::from(found.tags_lost);
    }

    fn report(&self, sink: &mut Sink) {
        if self.truncated_records > 0 {
            sink.push(
                Diagnostic::warning(
                    "import.depth-truncated",
                    format!(
                        "{} value(s) in {} record(s) are .NET type names (such as Microsoft.Azure.Management.Compute.Models.OSDisk) where ConvertTo-Json stopped at its depth limit; they were left out, so what they held (OS disk, image, network interfaces) is unknown",
                        self.truncated_values, self.truncated_records
                    ),
                )
                .with_hint("export again with ConvertTo-Json -Depth 10, or with Resource Graph"),
            );
        }
        if self.tags_lost > 0 {
            sink.push(Diagnostic::info(
                "import.tags-lost",
                format!(
                    "{} record(s) have tags written as a .NET type name (System.Collections...), as Export-Csv and shallow ConvertTo-Json write them: their tags are unknown",
                    self.tags_lost
                ),
            ));
        }
    }
}

/// Does the resource carry a full id, one that names the same resource in any export?
/// An id built from a subscription id, a group, a type and a name is the resource's
/// own id (PowerShell's `Export-Csv` of `ResourceName, ResourceType,
/// ResourceGroupName, SubscriptionId`); one built without the subscription id, or
/// from its display name, could be anyone's.
fn has_full_id(resource: &Resource) -> bool {
    match resource.id_origin {
        IdOrigin::Exported => true,
        IdOrigin::Template => !resource.id.as_str().contains('{'),
        IdOrigin::Synthesised => {
            resource.subscription.as_deref().is_some_and(raw::is_guid)
                && resource.resource_group.is_some()
                && resource.id.subscription() == resource.subscription.as_deref()
        }
    }
}

/// Merges records with the same full id; gives every other record an id of its own.
/// Works in the vector the records came in: a second copy of a large inventory would
/// raise the import's peak memory by a third.
fn merge_by_id(read: Vec<Resource>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Resource> {
    // `Option<Resource>` has `Resource`'s size, so both conversions reuse the buffer.
    let mut slots: Vec<Option<Resource>> = read.into_iter().map(Some).collect();
    let mut index: HashMap<String, usize> = HashMap::with_capacity(slots.len());
    let mut merged = 0usize;
    let mut conflicts = Vec::new();
    for position in 0..slots.len() {
        let Some(resource) = slots.get(position).and_then(Option::as_ref).filter(|r| has_full_id(r)) else { continue };
        match index.get(resource.id.key()) {
            Some(&first) => {
                if let Some(resource) = slots.get_mut(position).and_then(Option::take) {
                    if let Some(into) = slots.get_mut(first).and_then(Option::as_mut) {
                        merged += 1;
                        merge(into, resource, &mut conflicts);
                    }
                }
            }
            None => {
                index.insert(resource.id.key().to_string(), position);
            }
        }
    }
    let mut told_apart = 0usize;
    for (position, slot) in slots.iter_mut().enumerate() {
        let Some(resource) = slot.as_mut().filter(|r| !has_full_id(r)) else { continue };
        if index.contains_key(resource.id.key()) {
            told_apart += 1;
            if let Some(id) = (2..).map_while(|n| distinct_id(&resource.id, n)).find(|id| !index.contains_key(id.key()))
            {
                resource.id = id;
            }
        }
        index.insert(resource.id.key().to_string(), position);
    }
    drop(index);
    if merged > 0 {
        diagnostics.push(Diagnostic::info(
            "import.duplicates-merged",
            format!("{merged} records named a resource already read (same id, ignoring case) and were merged into it"),
        ));
    }
    if told_apart > 0 {
        diagnostics.push(Diagnostic::info(
            "import.kept-apart",
            format!(
                "{told_apart} records without a full resource id have the same name, type and group as another record; each is kept as a resource of its own (its id gets a number), since nothing says they are the same resource"
            ),
        ).with_hint("exports with ids (Resource Graph, az resource list, the portal CSV with RESOURCE LINK) merge exactly"));
    }
    diagnostics.extend(conflicts);
    // `filter_map` collects in place; `flatten` would allocate a second vector.
    #[allow(clippy::filter_map_identity)]
    slots.into_iter().filter_map(|slot| slot).collect()
}

/// The id with ` (n)` after its subscription (or, without one, its name): a record
/// without a full id that would otherwise share another's.
fn distinct_id(id: &ResourceId, n: usize) -> Option<ResourceId> {
    let text = id.as_str();
    let mut segments: Vec<String> = text.split('/').map(str::to_string).collect();
    let at = if segments.get(1).is_some_and(|s| s.eq_ignore_ascii_case("subscriptions")) && segments.len() > 2 {
        2
    } else {
        segments.len() - 1
    };
    let segment = segments.get_mut(at)?;
    *segment = format!("{segment} ({n})");
    ResourceId::parse(&segments.join("/")).ok()
}

/// A child resource without a location (a subnet, a saved search, a blob service)
/// is where its parent is: it takes the location of its nearest ancestor in the
/// inventory that has one.
fn inherit_locations(resources: &mut [Resource], diagnostics: &mut Vec<Diagnostic>) {
    if !resources.iter().any(|r| r.location.is_none() && r.id.depth() > 1) {
        return;
    }
    let located: HashMap<&str, &Location> =
        resources.iter().filter_map(|r| Some((r.id.key(), r.location.as_ref()?))).collect();
    let mut updates: Vec<(usize, Location)> = Vec::new();
    for (position, resource) in resources.iter().enumerate() {
        if resource.location.is_some() || resource.id.depth() < 2 {
            continue;
        }
        let mut parent = resource.id.parent();
        while let Some(id) = parent {
            if let Some(location) = located.get(id.key()) {
                updates.push((position, (*location).clone()));
                break;
            }
            parent = if id.depth() > 1 { id.parent() } else { None };
        }
    }
    if updates.is_empty() {
        return;
    }
    let count = updates.len();
    for (position, location) in updates {
        if let Some(resource) = resources.get_mut(position) {
            resource.location = Some(location);
        }
    }
    diagnostics.push(Diagnostic::info(
        "import.location-inherited",
        format!("{count} child resources without a location (subnets, blob services, saved searches...) take their parent's"),
    ));
}

struct FileRead {
    encoding: Encoding,
    format: InputFormat,
    // Boxed as the JSON reader made them: unboxing copied every record into a second
    // vector that stayed allocated until the last record was normalised.
    records: Vec<(String, Box<RawResource>)>,
    paging: Option<Paging>,
}

fn read_file(bytes: &[u8], name: &str, options: &ImportOptions, sink: &mut Sink) -> Result<FileRead, FileError> {
    if bytes.is_empty() {
        return Err(FileError::Empty);
    }
    let (text, encoding) = match text::decode(bytes, options.max_file_bytes) {
        Ok(decoded) => decoded,
        Err(DecodeError::Encoding { message }) => match windows_1252_csv(bytes) {
            Some(text) => (std::borrow::Cow::Owned(text), Encoding::Windows1252),
            None => return Err(FileError::Encoding { message }),
        },
        Err(error) => return Err(error.into()),
    };
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if trimmed.is_empty() {
        return Err(FileError::Empty);
    }
    if !(trimmed.starts_with('{') || trimmed.starts_with('[') || trimmed.starts_with("//") || trimmed.starts_with("/*"))
    {
        return read_text(&text, trimmed, encoding, name, sink);
    }
    let scan = text::scan_json(&text, options.max_depth);
    if let Some(offset) = scan.too_deep_at {
        let (line, column) = text::line_column(text.as_bytes().get(..offset).unwrap_or_default());
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
    if matches!(format, InputFormat::AzCliQuery) {
        unread_keys(&records, sink);
    }
    Ok(FileRead { encoding, format, records, paging })
}

/// A CSV export that is not UTF-8 but Windows-1252, as Excel saves "CSV (Comma
/// delimited)" on a Western European Windows (a French portal export re-saved turns
/// `Fabrique de données` into the byte 0xE9). Anything else stays an encoding error.
fn windows_1252_csv(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return None;
    }
    let text = text::decode_windows_1252(bytes)?;
    delimited::looks_like_csv(&text).then_some(text)
}

/// Reads a file that is not JSON: a CSV export, an az CLI table or TSV.
fn read_text(
    text: &str,
    trimmed: &str,
    encoding: Encoding,
    name: &str,
    sink: &mut Sink,
) -> Result<FileRead, FileError> {
    // The readers count lines themselves, so they get the text with only a BOM removed.
    let body = text.trim_start_matches('\u{feff}');
    let (format, read) = if az_text::looks_like_table(trimmed) {
        (InputFormat::AzCliTable, az_text::read_table(body, name)?)
    } else if delimited::looks_like_csv(trimmed) {
        let read = delimited::read_csv(body, name)?;
        let format = match read.kind {
            delimited::CsvKind::Portal => InputFormat::PortalCsv,
            delimited::CsvKind::PortalPage => InputFormat::PortalServiceCsv,
            delimited::CsvKind::ResourceGroups => InputFormat::ResourceGroupsCsv,
            delimited::CsvKind::PowerShell => InputFormat::PowershellCsv,
            delimited::CsvKind::Query => InputFormat::QueryCsv,
        };
        (format, read)
    } else if az_text::looks_like_tsv(trimmed) {
        (InputFormat::AzCliTsv, az_text::read_tsv(body))
    } else {
        if let Ok(json::TopLevel::Scalar(kind)) = serde_json::from_str::<json::TopLevel>(trimmed) {
            return Err(FileError::UnknownShape { found: format!("{kind} at the top level") });
        }
        let first_line: String = trimmed.lines().next().unwrap_or("").chars().take(60).collect();
        return Err(FileError::UnknownShape {
            found: format!(
                "text that is neither JSON, a CSV with a known header, nor an az CLI table (it begins {first_line:?})"
            ),
        });
    };
    sink.extend(read.diagnostics);
    let records = read.records.into_iter().map(|(location, raw)| (location, Box::new(raw))).collect();
    Ok(FileRead { encoding, format, records, paging: None })
}

/// Says which keys of a `--query` projection were not read, so an author's alias
/// RegionShift does not know is named rather than silently dropped.
fn unread_keys(records: &[(String, Box<RawResource>)], sink: &mut Sink) {
    let mut keys: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, raw) in records {
        if raw.id.is_some() && !raw.marks.contains(Marks::ALIAS) {
            continue;
        }
        for (key, _) in raw.members() {
            *keys.entry(key.as_str()).or_default() += 1;
        }
    }
    if keys.is_empty() {
        return;
    }
    let names: Vec<&str> = keys.keys().copied().collect();
    sink.push(
        Diagnostic::info(
            "import.keys-not-read",
            format!("the key(s) {} are not read: RegionShift does not know what they hold", names.join(", ")),
        )
        .with_hint(
            "name the columns as RegionShift reads them: id (or Id, ResourceId), name (Name, ResourceName, VmName), \
             type (Type, ResourceType), resourceGroup (RG, ResourceGroup, ResourceGroupName), location (Location, Region), \
             subscriptionId (Subscription), kind, sku, size (Size, VmSize), osType",
        ),
    );
}

fn json_error_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    // serde_json appends " at line L column C"; the caller reports those itself.
    match text.rfind(" at line ") {
        Some(cut) => text.get(..cut).unwrap_or(&text).to_string(),
        None => text,
    }
}

type Classified = (InputFormat, Vec<(String, Box<RawResource>)>, Option<Paging>);

/// The shape of one JSON record, from its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// ARM's shape, with `properties`.
    Arm,
    /// ARM's shape without properties (`az resource list`).
    Listing,
    /// az CLI's flattened objects.
    AzCli,
    PowerShell,
    Query,
}

fn shape(raw: &RawResource) -> Shape {
    let capitalised = raw.marks.contains(Marks::CAPITALISED) && !raw.marks.contains(Marks::AZ_RESOURCE_GROUP);
    if raw.marks.contains(Marks::POWERSHELL) {
        Shape::PowerShell
    } else if raw.marks.contains(Marks::ALIAS) || raw.id.is_none() {
        Shape::Query
    } else if raw.properties.is_some() {
        Shape::Arm
    } else if raw
        .members()
        .iter()
        .any(|(key, value)| value.get() != "null" && !key.eq_ignore_ascii_case("provisioningState"))
    {
        if capitalised {
            Shape::PowerShell
        } else {
            Shape::AzCli
        }
    } else if capitalised {
        Shape::Query
    } else {
        Shape::Listing
    }
}

/// The format of a list of JSON records (or of one object): the shape most records
/// have.
fn json_format(records: &[(String, Box<RawResource>)], single: bool) -> InputFormat {
    let mut counts = [0usize; 5];
    let order = [Shape::Arm, Shape::Listing, Shape::AzCli, Shape::PowerShell, Shape::Query];
    for (_, raw) in records {
        let found = shape(raw);
        if let Some(count) = order.iter().position(|s| *s == found).and_then(|at| counts.get_mut(at)) {
            *count += 1;
        }
    }
    let (best, _) = order.iter().zip(counts).fold(
        (Shape::Arm, 0),
        |best, (shape, count)| {
            if count > best.1 {
                (*shape, count)
            } else {
                best
            }
        },
    );
    match best {
        Shape::Arm | Shape::Listing if single => InputFormat::SingleResource,
        Shape::Arm | Shape::Listing => InputFormat::ResourceArray,
        Shape::AzCli => InputFormat::AzCliList,
        Shape::PowerShell => InputFormat::PowershellJson,
        Shape::Query => InputFormat::AzCliQuery,
    }
}

fn classify(top: json::TopLevel, sink: &mut Sink) -> Result<Classified, FileError> {
    match top {
        json::TopLevel::Scalar(kind) => Err(FileError::UnknownShape { found: format!("{kind} at the top level") }),
        json::TopLevel::Array(entries) => {
            let records = records_of(entries, "", sink);
            Ok((json_format(&records, false), records, None))
        }
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
            // One resource: an id (`id`, `Id`, `ResourceId`), or a name and a type.
            let raw = RawResource::from_object(other);
            let names_one = raw.id.as_ref().is_some_and(Value::is_string)
                || (raw.name.as_ref().is_some_and(Value::is_string)
                    && raw.resource_type.as_ref().is_some_and(Value::is_string));
            if names_one {
                let records = vec![("the object".to_string(), Box::new(raw))];
                return Ok((json_format(&records, true), records, None));
            }
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
    let token = other.get("skip_token").or_else(|| other.get("$skipToken")).or_else(|| other.get("SkipToken"));
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

/// Where a record was read, for messages: `file.csv (line 7)`.
fn origin(resource: &Resource) -> String {
    match resource.sources.first() {
        Some(source) if source.record.is_empty() => source.file.clone(),
        Some(source) => format!("{} ({})", source.file, source.record),
        None => "an earlier file".to_string(),
    }
}

/// Merges a second record of the same resource into the first: fills what the first
/// lacks, and reports a disagreement on type, location or SKU naming both records.
fn merge(into: &mut Resource, other: Resource, conflicts: &mut Vec<Diagnostic>) {
    let mut disagree = |what: &str, kept: String, dropped: String| {
        conflicts.push(
            Diagnostic::warning(
                "import.merge-conflict",
                format!(
                    "{} appears with {what} {kept} in {} and {dropped} in {}; {kept} (read first) is kept",
                    into.id,
                    origin(into),
                    origin(&other)
                ),
            )
            .with_hint("check that both files describe the same resource at the same time"),
        );
    };
    if let (Some(a), Some(b)) = (&into.location, &other.location) {
        if a != b {
            disagree("location", a.to_string(), b.to_string());
        }
    }
    if let (Some(a), Some(b)) = (&into.sku, &other.sku) {
        let (a, b) = (a.name.as_deref().unwrap_or(""), b.name.as_deref().unwrap_or(""));
        if !a.is_empty() && !b.is_empty() && !a.eq_ignore_ascii_case(b) {
            disagree("SKU", a.to_string(), b.to_string());
        }
    }
    if let (Some(a), Some(b)) = (&into.kind, &other.kind) {
        if !a.eq_ignore_ascii_case(b) {
            disagree("kind", a.clone(), b.clone());
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
    into.system = into.system.take().or(other.system);
    if into.zones.is_empty() {
        into.zones = other.zones;
    }
    for (key, value) in other.tags {
        into.tags.entry(key).or_insert(value);
    }
    // An id the export wrote beats the same id built from names (its spelling too).
    if into.id_origin != IdOrigin::Exported && other.id_origin == IdOrigin::Exported {
        into.id = other.id;
        into.id_origin = IdOrigin::Exported;
    }
    into.depends_on.extend(other.depends_on);
    into.sources.extend(other.sources);
}

#[cfg(test)]
mod tests;

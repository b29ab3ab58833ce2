//! Reader for delimited exports: the Azure portal's "Export to CSV" of the All
//! resources view (in any portal language), of a service's own page (Virtual
//! machines, Storage accounts...) and of the Resource groups view; and PowerShell's
//! `Export-Csv` / `ConvertTo-Csv`.
//!
//! The portal names each resource by its display type ("Virtual machine", "Compte de
//! stockage") instead of its ARM type, and has no ids. Real exports vary: comma, TAB
//! or semicolon separated, an Excel `sep=,` line before the header, CRLF or LF, a
//! header that ends with a comma while the rows do not, quoted or bare fields,
//! optional columns (RESOURCE GROUP, SUBSCRIPTION, RESOURCE LINK, SKU, KIND...), an
//! older two-column `NAME,RESOURCE TYPE` form with raw ARM types, and headers, type
//! names and (rarely) region names in the portal's language. Child resources are
//! written `db (server/db)`. A display type no table knows is still imported, as an
//! unknown type, with a diagnostic naming it.
//!
//! Windows PowerShell 5.1 starts its CSV with a `#TYPE <type name>` line unless told
//! not to, quotes every field, and writes nested objects as their .NET type name
//! (`System.Collections.Hashtable` for tags, `...Models.HardwareProfile` for a VM's
//! hardware): what such a column held is lost, and the reader says so.
//!
//! Each usable row becomes a [`RawResource`] with name, type, location, resource
//! group, subscription (an id, or a display name), kind, SKU, VM size and OS where the
//! file has them, and the resource id when an id or RESOURCE LINK column gives one.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::normalize::is_type_name;
use super::raw::{is_guid, RawResource};
use super::vocabulary::{self, Column};
use super::{FileError, UNKNOWN_NAMESPACE};
use crate::azure::ResourceId;
use crate::diagnostics::Diagnostic;

/// Which export a delimited file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CsvKind {
    /// The portal's All resources view (a TYPE column, or ids).
    Portal,
    /// A service's own portal page: the page implies the type.
    PortalPage,
    /// The portal's Resource groups view, or `Get-AzResourceGroup | Export-Csv`.
    ResourceGroups,
    /// A query's rows with ids (Resource Graph Explorer's CSV download), objects as
    /// JSON text.
    Query,
    /// PowerShell's `Export-Csv` / `ConvertTo-Csv` of resource objects.
    PowerShell,
}

/// What a delimited export yielded.
#[derive(Debug)]
pub(crate) struct CsvRead {
    pub kind: CsvKind,
    /// `("line 7", record)` for every usable row, in file order.
    pub records: Vec<(String, RawResource)>,
    /// Rows skipped and other problems, located by line; the caller adds the file name.
    pub diagnostics: Vec<Diagnostic>,
}

/// Does this text look like a delimited export RegionShift reads? Looks only at the
/// first lines: a `#TYPE` line or an optional `sep=` line, then a header with a name
/// or id column and at least one other column it knows, in any portal language.
pub(crate) fn looks_like_csv(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines().map(str::trim).filter(|line| !line.is_empty());
    let Some(mut header) = lines.next() else { return false };
    let mut delimiter = None;
    if type_line(header).is_some() {
        return true;
    }
    if let Some(named) = sep_line(header) {
        delimiter = named;
        match lines.next() {
            Some(next) => header = next,
            None => return false,
        }
    }
    let delimiter = delimiter.unwrap_or_else(|| guess_delimiter(header));
    let cells: Vec<&str> = header.split(char::from(delimiter)).map(|cell| cell.trim().trim_matches('"')).collect();
    let columns: Vec<Option<Column>> = cells.iter().map(|cell| vocabulary::column(cell)).collect();
    // `Get-AzResourceGroup | Export-Csv` names each group by ResourceGroupName.
    let named = columns.iter().any(|c| matches!(c, Some(Column::Name | Column::Id | Column::Link)))
        || cells.contains(&"ResourceGroupName");
    let others = columns.iter().filter(|c| c.is_some()).count();
    named && others >= 2
}

/// A Windows PowerShell `#TYPE <type name>` first line; returns the type name.
fn type_line(line: &str) -> Option<&str> {
    let line = line.trim_start_matches('\u{feff}').trim();
    line.get(..5).filter(|prefix| prefix.eq_ignore_ascii_case("#type"))?;
    Some(line.get(5..)?.trim())
}

/// A portal page a per-service export came from.
#[derive(Debug, Deserialize)]
struct Page {
    page: String,
    files: Vec<String>,
    #[serde(rename = "type")]
    resource_type: String,
    #[serde(default)]
    kind: Option<String>,
    columns: Vec<String>,
    /// The page's TYPE column holds kinds (the Storage accounts page), not types.
    #[serde(default)]
    type_column_is_kind: bool,
}

#[derive(Deserialize)]
struct PagesFile {
    pages: Vec<Page>,
}

// The table is embedded in the binary, not user data; a test parses it.
#[allow(clippy::expect_used)]
fn pages() -> &'static [Page] {
    static PAGES: OnceLock<Vec<Page>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let file: PagesFile = serde_json::from_str(crate::data::text(crate::data::DataFile::PortalPages))
            .expect("data/portal-pages.json is checked by a test");
        file.pages
    })
}

/// The page a file name names (`Virtualmachines.csv`, `AzureVirtualMachines (1).csv`).
fn page_of_file(file_name: &str) -> Option<&'static Page> {
    let stem = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = stem.rsplit_once('.').map_or(stem, |(stem, _)| stem);
    let key: String = vocabulary::header_key(stem);
    let key = key.trim_end_matches(|c: char| c.is_ascii_digit());
    let bare = key.strip_prefix("azure").unwrap_or(key);
    pages().iter().find(|page| page.files.iter().any(|f| f == key || f == bare))
}

/// Is the file named like the portal's Resource groups export?
fn names_resource_groups(file_name: &str) -> bool {
    vocabulary::header_key(file_name).contains("resourcegroups")
}

/// The page whose own columns the header has.
fn page_of_columns(keys: &[String]) -> Option<&'static Page> {
    pages().iter().find(|page| !page.columns.is_empty() && page.columns.iter().any(|c| keys.contains(c)))
}

/// PowerShell member names that mark an `Export-Csv` header.
const POWERSHELL_HEADERS: &[&str] =
    &["ResourceGroupName", "ResourceId", "ResourceName", "ResourceType", "TagsTable", "ProvisioningState", "VmId"];

/// Reads a delimited export. Fails only when the file has no usable header; problems
/// in rows are diagnostics, and a row is skipped only when it names nothing.
pub(crate) fn read_csv(text: &str, file_name: &str) -> Result<CsvRead, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut skipped_lines = 0;
    let mut body = text;
    let mut dotnet_type = None;
    // Leading lines: PowerShell's `#TYPE`, Excel's `sep=`.
    let mut named_delimiter = None;
    loop {
        let end = body.find(['\r', '\n']).unwrap_or(body.len());
        let (line, rest) = body.split_at_checked(end).unwrap_or((body, ""));
        let rest = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix(['\r', '\n'])).unwrap_or(rest);
        if let Some(name) = type_line(line).filter(|_| dotnet_type.is_none() && skipped_lines == 0) {
            dotnet_type = Some(name.to_string());
        } else if let Some(named) = sep_line(line).filter(|_| named_delimiter.is_none()) {
            named_delimiter = Some(named);
        } else {
            break;
        }
        body = rest;
        skipped_lines += 1;
    }
    let header_text = body.lines().find(|line| !line.trim().is_empty()).unwrap_or("");
    let delimiter = named_delimiter.flatten().unwrap_or_else(|| guess_delimiter(header_text));

    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(body.as_bytes());
    let mut record = csv::StringRecord::new();
    // The csv crate's own line numbers skip blank lines; count them from byte offsets.
    let mut lines = LineCounter::new(body, skipped_lines);
    let csv_error = |error: csv::Error| FileError::Csv {
        line: error.position().map_or(skipped_lines + 1, |position| position.line() as usize + skipped_lines),
        message: format!("the file is not readable as CSV: {error}"),
    };

    // The header is the first record with any text in it.
    let (header, header_line) = loop {
        if !reader.read_record(&mut record).map_err(csv_error)? {
            return Err(FileError::Csv {
                line: skipped_lines + 1,
                message: "the file has no header line; the portal export begins with NAME,TYPE,...".into(),
            });
        }
        if !is_blank(&record) {
            break (
                record.iter().map(|field| field.trim().to_string()).collect::<Vec<String>>(),
                lines.line_of(&record),
            );
        }
    };
    let layout = Layout::of(&header, dotnet_type.as_deref(), file_name)
        .map_err(|message| FileError::Csv { line: header_line, message })?;
    let keys: Vec<String> = header.iter().map(|text| vocabulary::header_key(text)).collect();
    let mut rows = Rows::new(layout);
    loop {
        if !reader.read_record(&mut record).map_err(csv_error)? {
            break;
        }
        if is_blank(&record) || is_repeated_header(&record, &keys) {
            continue;
        }
        let label = format!("line {}", lines.line_of(&record));
        rows.push(label, &record);
    }
    Ok(rows.finish(&header))
}

/// Reads the rows of a table whose header is already known (a CSV file, an az CLI
/// `-o table` output). Fails when the header says too little to read resources.
pub(crate) fn table(header: &[String], file_name: &str) -> Result<Rows, String> {
    Layout::of(header, None, file_name).map(Rows::new)
}

/// Rows read so far, and what to say about them once all are read.
pub(crate) struct Rows {
    layout: Layout,
    read: CsvRead,
    unknown_types: BTreeMap<String, Vec<String>>,
    lost_columns: BTreeMap<usize, usize>,
    rows: usize,
}

impl Rows {
    fn new(layout: Layout) -> Rows {
        let read = CsvRead { kind: layout.kind, records: Vec::new(), diagnostics: Vec::new() };
        Rows { layout, read, unknown_types: BTreeMap::new(), lost_columns: BTreeMap::new(), rows: 0 }
    }

    /// Reads one data row, located by `label` ("line 7").
    pub(crate) fn push(&mut self, label: String, record: &csv::StringRecord) {
        self.rows += 1;
        for index in &self.layout.unread {
            if record.get(*index).is_some_and(is_type_name) {
                *self.lost_columns.entry(*index).or_default() += 1;
            }
        }
        match self.layout.row(record) {
            Ok((raw, unknown)) => {
                if let Some(display) = unknown {
                    self.unknown_types.entry(display).or_default().push(label.clone());
                }
                self.read.records.push((label, raw));
            }
            Err(diagnostic) => self.read.diagnostics.push(diagnostic.at(label)),
        }
    }

    /// The records, and diagnostics about the file as a whole.
    pub(crate) fn finish(mut self, header: &[String]) -> CsvRead {
        let read = &mut self.read;
        for (display, labels) in std::mem::take(&mut self.unknown_types) {
            let rows = match labels.as_slice() {
                [one] => format!("the row at {one} has"),
                [first, ..] => format!("{} rows (the first at {first}) have", labels.len()),
                [] => continue,
            };
            read.diagnostics.push(
                Diagnostic::warning(
                    "csv.unknown-type",
                    format!(
                        "{rows} the portal type {display:?}, which RegionShift's tables do not know; imported with the unknown type {UNKNOWN_NAMESPACE}/{}",
                        unknown_segment(&display)
                    ),
                )
                .with_hint(
                    "these resources are Unknown in the assessment; export them with Resource Graph or az resource list, \
                     which give the ARM type, or show the RESOURCE LINK column in the portal before exporting",
                ),
            );
        }
        if !self.lost_columns.is_empty() {
            let names: Vec<&str> =
                self.lost_columns.keys().filter_map(|i| header.get(*i)).map(String::as_str).collect();
            read.diagnostics.push(
                Diagnostic::warning(
                    "csv.objects-as-type-names",
                    format!(
                        "the column(s) {} hold .NET type names, not values: Export-Csv writes nested objects that way, so what they held (a VM's size, OS, disks, network interfaces) is not in this file",
                        names.join(", ")
                    ),
                )
                .with_hint("export with ConvertTo-Json -Depth 10 instead, or with Resource Graph"),
            );
        }
        let ignored: Vec<&str> = self
            .layout
            .ignored
            .iter()
            .filter(|i| !self.lost_columns.contains_key(i))
            .filter_map(|i| header.get(*i))
            .map(String::as_str)
            .collect();
        if !ignored.is_empty() {
            read.diagnostics.push(Diagnostic::info(
                "csv.columns-not-read",
                format!("the column(s) {} are not read", ignored.join(", ")),
            ));
        }
        if let (Some(page), Some(resource_type)) = (self.layout.page, self.layout.implied_type) {
            read.diagnostics.push(Diagnostic::info(
                "csv.page",
                format!(
                    "read as the portal's {page} page: a row whose type the file does not give is a {resource_type}"
                ),
            ));
        }
        if self.rows == 0 {
            read.diagnostics.push(
                Diagnostic::warning("csv.no-rows", "the export has a header but no resources")
                    .with_hint("clear the filters of the \"All resources\" view before exporting"),
            );
        }
        self.read
    }
}

/// Turns record byte offsets into 1-based line numbers of the whole file, counting
/// forward only (records come in order).
struct LineCounter<'a> {
    body: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(body: &'a str, lines_before: usize) -> LineCounter<'a> {
        LineCounter { body: body.as_bytes(), offset: 0, line: lines_before + 1 }
    }

    fn line_of(&mut self, record: &csv::StringRecord) -> usize {
        let mut start = record.position().map_or(self.offset, |position| position.byte() as usize).min(self.body.len());
        // A record's position may include the line ends before it.
        while matches!(self.body.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        // Line ends are LF, CRLF or a lone CR.
        let passed = self.body.get(self.offset..start).unwrap_or_default();
        for (index, byte) in passed.iter().enumerate() {
            match byte {
                b'\n' => self.line += 1,
                b'\r' if passed.get(index + 1).or(self.body.get(start)) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
        }
        self.offset = self.offset.max(start);
        self.line
    }
}

/// The type segment of a display name no table knows: the name as written, spaces
/// evened out and without `/` (`Unknown/Azure DevOps organization`).
pub(crate) fn unknown_segment(display: &str) -> String {
    display.split_whitespace().collect::<Vec<_>>().join(" ").replace('/', "-")
}

/// Where each column read is, by position, and what the file is.
#[derive(Debug)]
struct Layout {
    kind: CsvKind,
    name: Option<usize>,
    resource_type: Option<usize>,
    resource_group: Option<usize>,
    location: Option<usize>,
    subscription: Option<usize>,
    subscription_id: Option<usize>,
    id: Option<usize>,
    link: Option<usize>,
    kind_column: Option<usize>,
    sku: Option<usize>,
    size: Option<usize>,
    os_type: Option<usize>,
    tags: Option<usize>,
    server: Option<usize>,
    properties: Option<usize>,
    identity: Option<usize>,
    zones: Option<usize>,
    managed_by: Option<usize>,
    plan: Option<usize>,
    /// The type every row has: a service page's, or resource groups'.
    implied_type: Option<&'static str>,
    /// The portal page the file was read as, for the note saying so.
    page: Option<&'static str>,
    implied_kind: Option<&'static str>,
    /// Columns not read (for the type-name check and the note listing them).
    unread: Vec<usize>,
    /// Unread columns worth naming (not empty, not the portal's own status columns).
    ignored: Vec<usize>,
}

const RESOURCE_GROUPS: &str = "Microsoft.Resources/resourceGroups";

impl Layout {
    /// Finds the columns in the header cells as written and decides what the file is.
    fn of(header: &[String], dotnet_type: Option<&str>, file_name: &str) -> Result<Layout, String> {
        let keys: Vec<String> = header.iter().map(|text| vocabulary::header_key(text)).collect();
        let mut layout = Layout {
            kind: CsvKind::Portal,
            name: None,
            resource_type: None,
            resource_group: None,
            location: None,
            subscription: None,
            subscription_id: None,
            id: None,
            link: None,
            kind_column: None,
            sku: None,
            size: None,
            os_type: None,
            tags: None,
            server: None,
            properties: None,
            identity: None,
            zones: None,
            managed_by: None,
            plan: None,
            implied_type: None,
            implied_kind: None,
            page: None,
            unread: Vec::new(),
            ignored: Vec::new(),
        };
        let mut group_name_column = None;
        for (index, cell) in header.iter().enumerate() {
            let slot = match vocabulary::column(cell) {
                Some(Column::Name) => &mut layout.name,
                Some(Column::Type) => &mut layout.resource_type,
                Some(Column::ResourceGroup) => {
                    if cell.trim() == "ResourceGroupName" {
                        group_name_column = Some(index);
                    }
                    &mut layout.resource_group
                }
                Some(Column::Location) => &mut layout.location,
                Some(Column::Subscription) => &mut layout.subscription,
                Some(Column::SubscriptionId) => &mut layout.subscription_id,
                Some(Column::Id) => &mut layout.id,
                Some(Column::Link) => &mut layout.link,
                Some(Column::Kind) => &mut layout.kind_column,
                Some(Column::Sku) => &mut layout.sku,
                Some(Column::Size) => &mut layout.size,
                Some(Column::OsType) => &mut layout.os_type,
                Some(Column::Tags) => &mut layout.tags,
                Some(Column::Server) => &mut layout.server,
                Some(Column::Properties) => &mut layout.properties,
                Some(Column::Identity) => &mut layout.identity,
                Some(Column::Zones) => &mut layout.zones,
                Some(Column::ManagedBy) => &mut layout.managed_by,
                Some(Column::Plan) => &mut layout.plan,
                None => {
                    layout.unread.push(index);
                    // Status columns and envelope metadata say nothing the plan needs.
                    const NOT_WORTH_NAMING: &[&str] = &[
                        "status",
                        "powerstate",
                        "provisioningstate",
                        "apptype",
                        "tenantid",
                        "extendedlocation",
                        "etag",
                    ];
                    if keys.get(index).is_some_and(|key| !key.is_empty() && !NOT_WORTH_NAMING.contains(&key.as_str())) {
                        layout.ignored.push(index);
                    }
                    continue;
                }
            };
            if slot.is_some() {
                layout.unread.push(index);
            } else {
                *slot = Some(index);
            }
        }
        let powershell = dotnet_type.is_some() || header.iter().any(|cell| POWERSHELL_HEADERS.contains(&cell.trim()));
        if powershell {
            layout.kind = CsvKind::PowerShell;
        } else if layout.id.is_some()
            && layout.resource_type.is_some_and(|i| keys.get(i).is_some_and(|key| key == "type"))
        {
            // `id, name, type, ...` as a Resource Graph query names its columns.
            layout.kind = CsvKind::Query;
        }
        let found = header.iter().filter(|text| !text.is_empty()).cloned().collect::<Vec<_>>().join(", ");
        // `Get-AzResourceGroup | Export-Csv`: the group's name is ResourceGroupName.
        if let Some(index) = group_name_column.filter(|_| powershell && layout.name.is_none()) {
            layout.name = Some(index);
            layout.resource_group = None;
            layout.implied_type = Some(RESOURCE_GROUPS);
            layout.kind = CsvKind::ResourceGroups;
            return Ok(layout);
        }
        let typed = layout.resource_type.is_some() || layout.id.is_some() || layout.link.is_some();
        if layout.name.is_some() && typed {
            let page = page_of_file(file_name).filter(|page| page.type_column_is_kind);
            if let Some(page) = page.filter(|_| layout.id.is_none() && layout.link.is_none()) {
                // A page's own TYPE column (a storage account's kind) does not name types.
                layout.implied_type = Some(page.resource_type.as_str());
                layout.implied_kind = page.kind.as_deref();
                layout.page = Some(page.page.as_str());
                layout.kind = CsvKind::PortalPage;
            }
            return Ok(layout);
        }
        if layout.name.is_some() && !typed {
            if let Some(page) = page_of_file(file_name).or_else(|| page_of_columns(&keys)) {
                layout.implied_type = Some(page.resource_type.as_str());
                layout.implied_kind = page.kind.as_deref();
                layout.page = Some(page.page.as_str());
                layout.kind = CsvKind::PortalPage;
                return Ok(layout);
            }
            // The Resource groups view: NAME, SUBSCRIPTION, LOCATION and no group column.
            if layout.resource_group.is_none()
                && (names_resource_groups(file_name) || (layout.subscription.is_some() && layout.location.is_some()))
            {
                layout.implied_type = Some(RESOURCE_GROUPS);
                layout.kind = CsvKind::ResourceGroups;
                return Ok(layout);
            }
            return Err(format!(
                "the header ({found}) names resources but not their type: there is no TYPE, id or RESOURCE LINK column, \
                 and neither the file name nor the columns say which portal page it came from; accepted are the \
                 \"All resources\" export (NAME, TYPE, ...), a service page's export named as the portal names it \
                 (Virtualmachines.csv, Storageaccounts.csv, ...), the Resource groups export, and PowerShell's Export-Csv \
                 of Get-AzResource"
            ));
        }
        Err(format!(
            "the header ({found}) has no name column; accepted are the portal's \"All resources\" export (NAME, TYPE, \
             ... in any portal language), a service page's or the Resource groups export, and PowerShell's Export-Csv \
             (Name or ResourceName, ResourceType, ResourceGroupName, ...)"
        ))
    }

    /// Builds the record of one data row, or says why the row is skipped. The second
    /// value is a display type no table knows, when the row has one.
    fn row(&self, record: &csv::StringRecord) -> Result<(RawResource, Option<String>), Diagnostic> {
        let cell = |index: Option<usize>| -> Option<&str> {
            let text = record.get(index?)?.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
            (!text.is_empty()).then_some(text)
        };
        let mut raw = RawResource::default();
        let mut unknown = None;

        // An id (explicit, or from the portal link) is exact: it fixes type, name and scope.
        let explicit_id = cell(self.id);
        let id = match explicit_id {
            Some(text) => ResourceId::parse(text).ok(),
            None => cell(self.link).and_then(id_from_link).and_then(|text| ResourceId::parse(&text).ok()),
        }
        .filter(|id| id.depth() > 0 || id.resource_type().key() == "microsoft.resources/resourcegroups");
        if let Some(text) = explicit_id {
            raw.id = Some(Value::String(text.to_string()));
        } else if let Some(id) = &id {
            raw.id = Some(Value::String(id.as_str().to_string()));
        }

        let type_text = cell(self.resource_type);
        let name_text = cell(self.name);
        let mut implied_kind = self.implied_kind;
        let mut known_type = true;
        let resource_type = match (&id, type_text) {
            (Some(id), _) => id.resource_type().as_str().to_string(),
            (None, Some(text)) if text.contains('/') && !text.contains(' ') => text.to_string(),
            (None, Some(text)) => match (vocabulary::portal_type(text), self.implied_type) {
                (Some(found), _) => {
                    implied_kind = implied_kind.or(found.kind);
                    found.resource_type.as_str().to_string()
                }
                // A service page's TYPE column holds its own words (a storage account's kind).
                (None, Some(implied)) => {
                    raw.kind = Some(Value::String(text.to_string()));
                    implied.to_string()
                }
                (None, None) => {
                    known_type = false;
                    unknown = Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
                    format!("{UNKNOWN_NAMESPACE}/{}", unknown_segment(text))
                }
            },
            (None, None) => match self.implied_type {
                Some(implied) => implied.to_string(),
                None => {
                    return Err(Diagnostic::warning(
                        "csv.missing-type",
                        format!("{:?} has no type; the row was skipped", name_text.unwrap_or("")),
                    )
                    .with_hint("the TYPE column must name each resource's type"))
                }
            },
        };
        raw.resource_type = Some(Value::String(resource_type));

        let name = match (&id, name_text) {
            (Some(id), _) if id.depth() > 0 => id.full_name(),
            (Some(id), _) => id.name().to_string(),
            (None, Some(text)) => match cell(self.server) {
                // The SQL databases page names the server in a column of its own.
                Some(server) if !text.contains('/') => format!("{server}/{text}"),
                _ if known_type => resource_name(text),
                _ => text.to_string(),
            },
            (None, None) => {
                return Err(Diagnostic::warning(
                    "csv.missing-name",
                    format!("a {} row has no name; it was skipped", type_text.unwrap_or("resource")),
                )
                .with_hint("the NAME column must name each resource"))
            }
        };
        raw.name = Some(Value::String(name));

        raw.location = cell(self.location).map(|text| {
            // Localized portals keep English region names so far; a translated one is
            // read through the language tables.
            Value::String(vocabulary::region(text).map_or_else(|| text.to_string(), str::to_string))
        });
        raw.resource_group = cell(self.resource_group).map(|text| Value::String(text.to_string()));
        raw.subscription_id = cell(self.subscription_id).map(|text| Value::String(text.to_string()));
        if let Some(text) = cell(self.subscription) {
            if is_guid(text) {
                raw.subscription_id.get_or_insert_with(|| Value::String(text.to_string()));
            } else {
                raw.subscription_name = Some(text.to_string());
            }
        }
        if let Some(kind) = cell(self.kind_column).or(implied_kind.filter(|k| !k.is_empty())) {
            raw.kind = Some(Value::String(kind.to_string()));
        }
        raw.sku = cell(self.sku).and_then(json_or_text);
        raw.tags = cell(self.tags).and_then(json_or_text);
        raw.properties = cell(self.properties).and_then(json_object);
        raw.identity = cell(self.identity).and_then(json_object);
        raw.plan = cell(self.plan).and_then(json_object);
        raw.zones = cell(self.zones).and_then(|text| {
            json_object(text).or_else(|| {
                let zones: Vec<&str> = text.split(',').map(str::trim).filter(|z| !z.is_empty()).collect();
                serde_json::value::to_raw_value(&zones).ok()
            })
        });
        raw.managed_by = cell(self.managed_by).map(|text| Value::String(text.to_string()));
        if let Some(size) = cell(self.size) {
            raw.extra_mut().vm_size = Some(Value::String(size.to_string()));
        }
        if let Some(os) = cell(self.os_type) {
            raw.extra_mut().os_type = Some(Value::String(os.to_string()));
        }
        Ok((raw, unknown))
    }
}

/// A cell as a JSON value kept raw for `normalize` to read: the object or array a
/// query's CSV writes as JSON text (`{"name":"Standard_LRS"}`), else the text itself.
fn json_or_text(text: &str) -> Option<Box<RawValue>> {
    json_object(text).or_else(|| serde_json::value::to_raw_value(text).ok())
}

/// A cell holding a JSON object or array, as written.
fn json_object(text: &str) -> Option<Box<RawValue>> {
    if !(text.starts_with('{') || text.starts_with('[')) {
        return None;
    }
    serde_json::from_str::<Box<RawValue>>(text).ok().filter(|raw| raw.get() != "null")
}

/// The ARM name of a row's NAME: the portal writes child resources as
/// `db (server/db)` (SQL databases, runbooks, image versions), which is `server/db`
/// in ARM, and workbooks as `<guid> (display name)`, whose ARM name is the guid.
fn resource_name(text: &str) -> String {
    if let Some(inside) = text.strip_suffix(')') {
        for (open, _) in inside.match_indices(" (") {
            let (Some(outer), Some(inner)) = (inside.get(..open), inside.get(open + 2..)) else { continue };
            let (outer, inner) = (outer.trim(), inner.trim());
            if outer.is_empty() {
                continue;
            }
            match inner.rsplit_once('/') {
                Some((_, last)) if last.eq_ignore_ascii_case(outer) && !inner.split('/').any(str::is_empty) => {
                    return inner.to_string();
                }
                None if is_guid(outer) => return outer.to_string(),
                _ => {}
            }
        }
    }
    text.to_string()
}

/// The resource id in a portal link such as
/// `https://portal.azure.com#resource/subscriptions/.../providers/Microsoft.Web/sites/app`.
fn id_from_link(link: &str) -> Option<String> {
    let fragment = link.get(link.find('#')?..)?;
    let start = fragment.find("/subscriptions/")?;
    Some(percent_decode(fragment.get(start..)?))
}

/// Decodes `%XX` escapes; text that would not stay UTF-8 is returned as it was.
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let escaped = (byte == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// An Excel hint line `sep=,` (any case). Returns the delimiter it names, or `None`
/// inside when it names none usable.
fn sep_line(line: &str) -> Option<Option<u8>> {
    let line = line.trim_start_matches('\u{feff}').trim_end_matches(['\r', '\n']);
    let prefix = line.get(..4)?;
    if !prefix.eq_ignore_ascii_case("sep=") {
        return None;
    }
    let named = line.get(4..)?;
    let mut chars = named.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii() && c != '"' => Some(Some(c as u8)),
        (None, None) => Some(None),
        // `sep=` followed by more text is not the hint line but data.
        _ => None,
    }
}

/// Picks the delimiter of a header line: the most frequent of comma, TAB and semicolon
/// outside quotes; comma when there is none.
fn guess_delimiter(header: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b'\t', 0), (b';', 0)];
    let mut quoted = false;
    for byte in header.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(count) = counts.iter_mut().find(|(delimiter, _)| *delimiter == byte) {
                count.1 += 1;
            }
        }
    }
    counts.iter().fold((b',', 0), |best, &(delimiter, count)| if count > best.1 { (delimiter, count) } else { best }).0
}

fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|field| field.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}').is_empty())
}

/// A second header inside the file, as two exports pasted together have.
fn is_repeated_header(record: &csv::StringRecord, header: &[String]) -> bool {
    record.len() >= 2 && record.iter().zip(header).all(|(field, key)| vocabulary::header_key(field) == *key)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::azure::ResourceType;
    use crate::diagnostics::Severity;

    fn parse(text: &str) -> CsvRead {
        read_csv(text, "Azureresources.csv").unwrap_or_else(|error| panic!("{error:?}"))
    }

    fn read_portal_csv(text: &str) -> Result<CsvRead, FileError> {
        read_csv(text, "Azureresources.csv")
    }

    fn looks_like_portal_csv(text: &str) -> bool {
        looks_like_csv(text)
    }

    fn subscription_names(read: &CsvRead) -> Vec<Option<&str>> {
        read.records.iter().map(|(_, raw)| raw.subscription_name.as_deref()).collect()
    }

    fn text_of(value: &Option<Value>) -> Option<&str> {
        value.as_ref().and_then(Value::as_str)
    }

    /// `(label, name, type, location)` of every record.
    fn summary(read: &CsvRead) -> Vec<(String, String, String, String)> {
        read.records
            .iter()
            .map(|(label, raw)| {
                (
                    label.clone(),
                    text_of(&raw.name).unwrap_or("").to_string(),
                    text_of(&raw.resource_type).unwrap_or("").to_string(),
                    text_of(&raw.location).unwrap_or("").to_string(),
                )
            })
            .collect()
    }

    fn codes(read: &CsvRead) -> Vec<&'static str> {
        read.diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn reads_the_three_column_export_with_a_trailing_comma_in_the_header_only() {
        let read = parse("NAME,TYPE,LOCATION,\n\"vm1\",\"Virtual machine\",\"East US\"\n\"vm1-ip\",\"Public IP address\",\"East US\"");
        assert_eq!(
            summary(&read),
            [
                ("line 2".into(), "vm1".into(), "Microsoft.Compute/virtualMachines".into(), "East US".into()),
                ("line 3".into(), "vm1-ip".into(), "Microsoft.Network/publicIPAddresses".into(), "East US".into()),
            ]
        );
        assert!(read.diagnostics.is_empty());
        assert_eq!(subscription_names(&read), [None, None]);
    }

    #[test]
    fn reads_group_and_subscription_name_columns() {
        let read = parse(include_str!("../../../../tests/fixtures/csv/sep-full-header.csv"));
        assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
        assert_eq!(read.records.len(), 4);
        let (label, vm) = &read.records[0];
        assert_eq!(label, "line 3", "the sep= line counts as a line");
        assert_eq!(text_of(&vm.resource_group), Some("app-rg"));
        assert!(vm.subscription_id.is_none(), "a subscription name is not an id");
        assert_eq!(subscription_names(&read)[0], Some("Contoso Production"));
        // A subscription written as a GUID is an id.
        let (_, plan) = &read.records[3];
        assert_eq!(text_of(&plan.subscription_id), Some("6f1c3c0e-2b8e-4c3f-9d0a-1e2f3a4b5c6d"));
        assert_eq!(subscription_names(&read)[3], None);
    }

    #[test]
    fn honours_the_separator_a_sep_line_names() {
        let read = parse("SEP=;\nNAME;TYPE;LOCATION\nweb, blue;App Service;West Europe\n");
        assert_eq!(
            summary(&read)[0],
            ("line 3".into(), "web, blue".into(), "Microsoft.Web/sites".into(), "West Europe".into())
        );
        for text in ["sep=,\r\nNAME,TYPE\r\na,Disk\r\n", "sep=,\rNAME,TYPE\ra,Disk\r", "sep=,\nNAME,TYPE\na,Disk"] {
            let read = read_portal_csv(text).unwrap();
            assert_eq!(read.records[0].0, "line 3", "{text:?}");
        }
    }

    #[test]
    fn detects_tab_separated_crlf_exports() {
        let text = include_str!("../../../../tests/fixtures/csv/tab-crlf.csv");
        assert!(looks_like_portal_csv(text));
        let read = parse(text);
        assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
        let records = summary(&read);
        assert_eq!(records.len(), 4);
        assert_eq!(
            records[0],
            ("line 2".into(), "hub-vnet".into(), "Microsoft.Network/virtualNetworks".into(), "North Europe".into())
        );
        assert_eq!(records[3].1, "sqlsrv01/orders");
        // CRLF is handled whatever the checkout did to the fixture's line ends.
        let crlf = read_portal_csv("NAME\tTYPE\tLOCATION\r\nnic1\tNetwork interface\tEast US\r\n").unwrap();
        assert_eq!(summary(&crlf)[0].3, "East US");
    }

    #[test]
    fn reads_the_two_column_form_with_raw_arm_types() {
        let read = parse("NAME,RESOURCE TYPE,\n\"myftp\",\"microsoft.web/sites\"\n");
        assert_eq!(summary(&read), [("line 2".into(), "myftp".into(), "microsoft.web/sites".into(), String::new())]);
        assert!(read.records[0].1.location.is_none());
    }

    #[test]
    fn tolerates_a_leading_bom_blank_lines_and_no_final_newline() {
        let read =
            parse("\u{feff}NAME,TYPE,LOCATION,\n\n\"a\",\"Disk\",\"UK South\"\n\n\n\"b\",\"Snapshot\",\"UK South\"");
        let labels: Vec<String> = read.records.iter().map(|(label, _)| label.clone()).collect();
        assert_eq!(labels, ["line 3", "line 6"]);
        assert!(read.diagnostics.is_empty());
    }

    #[test]
    fn line_numbers_count_every_line_end() {
        // Lone CR line ends, a quoted name spanning two lines, and a blank line.
        let read = parse("NAME,TYPE\r\"multi\nline\",Disk\r\rb,Disk\r");
        let labels: Vec<&str> = read.records.iter().map(|(label, _)| label.as_str()).collect();
        assert_eq!(labels, ["line 2", "line 5"]);
        assert_eq!(text_of(&read.records[0].1.name), Some("multi\nline"));
    }

    #[test]
    fn reads_quoted_fields_with_commas_and_quotes() {
        let read = parse(
            "NAME,TYPE,LOCATION,\n\"Failure Anomalies - app, \"\"prod\"\"\",\"Smart detector alert rule\",\"Global\"\n",
        );
        let records = summary(&read);
        assert_eq!(records[0].1, "Failure Anomalies - app, \"prod\"");
        assert_eq!(records[0].2, "Microsoft.AlertsManagement/smartDetectorAlertRules");
        assert_eq!(records[0].3, "Global");
    }

    #[test]
    fn display_types_match_ignoring_case() {
        let read = parse("NAME,TYPE\nnic0,Network Interface\nnic1,network interface\nnic2,Regular Network Interface\n");
        assert!(summary(&read).iter().all(|r| r.2 == "Microsoft.Network/networkInterfaces"));
    }

    #[test]
    fn child_names_in_parentheses_become_arm_names() {
        let read = parse(
            "NAME,TYPE,LOCATION,\n\
             \"orders (sqlsrv/orders)\",\"SQL database\",\"East US\"\n\
             \"Tidy (ops-automation/Tidy)\",\"Runbook\",\"East US\"\n\
             \"1.0.0 (gallery/golden/1.0.0)\",\"VM image version\",\"UAE North\"\n\
             \"612e2618-076d-4336-b0b3-64ba1d809037 (Workbook 1)\",\"Azure Workbook\",\"East US\"\n\
             \"Security(law-1)\",\"Solution\",\"West US 2\"\n\
             \"odd (name)\",\"Disk\",\"East US\"\n",
        );
        let names: Vec<(String, String)> = summary(&read).into_iter().map(|r| (r.1, r.2)).collect();
        assert_eq!(
            names,
            [
                ("sqlsrv/orders".to_string(), "Microsoft.Sql/servers/databases".to_string()),
                ("ops-automation/Tidy".into(), "Microsoft.Automation/automationAccounts/runbooks".into()),
                ("gallery/golden/1.0.0".into(), "Microsoft.Compute/galleries/images/versions".into()),
                ("612e2618-076d-4336-b0b3-64ba1d809037".into(), "Microsoft.Insights/workbooks".into()),
                ("Security(law-1)".into(), "Microsoft.OperationsManagement/solutions".into()),
                ("odd (name)".into(), "Microsoft.Compute/disks".into()),
            ]
        );
    }

    #[test]
    fn imports_unknown_types_and_skips_nameless_rows_with_warnings() {
        let read = parse("NAME,TYPE,LOCATION,\n\"w1\",\"Widget factory\",\"East US\"\n,\"Disk\",\"East US\"\n\"x\",,\"East US\"\n\"ok\",\"Disk\",\"East US\"\n\"w2 (f/w2)\",\"Widget  factory\",\"East US\"\n");
        assert_eq!(read.records.len(), 3);
        assert_eq!(text_of(&read.records[0].1.resource_type), Some("Unknown/Widget factory"));
        assert_eq!(text_of(&read.records[2].1.name), Some("w2 (f/w2)"), "an unknown type's child name is kept whole");
        assert_eq!(codes(&read), ["csv.missing-name", "csv.missing-type", "csv.unknown-type"]);
        let unknown = &read.diagnostics[2];
        assert_eq!(unknown.severity, Severity::Warning);
        assert!(
            unknown.message.contains("2 rows (the first at line 2)") && unknown.message.contains("\"Widget factory\""),
            "{}",
            unknown.message
        );
        assert!(unknown.hint.is_some());
        assert_eq!(read.diagnostics[0].location.as_deref(), Some("line 3"));
    }

    #[test]
    fn resource_links_give_ids_exact_types_and_child_names() {
        let read = parse(include_str!("../../../../tests/fixtures/csv/resource-link.csv"));
        assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
        let records = summary(&read);
        // "Foundry project" is not in the table, but the link names the type.
        assert_eq!(records[0].1, "hub-01/research");
        assert_eq!(records[0].2, "Microsoft.CognitiveServices/accounts/projects");
        assert_eq!(records[1].1, "sqlsrv/db1", "the link gives the parent the NAME column lacks");
        let (_, action_group) = &read.records[2];
        assert_eq!(text_of(&action_group.name), Some("Application Insights Smart Detection"));
        assert_eq!(
            text_of(&action_group.id),
            Some("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-web/providers/microsoft.insights/actiongroups/Application Insights Smart Detection")
        );
        // A link that is not a resource link is ignored; the display type still works.
        assert_eq!(records[3].2, "Microsoft.Storage/storageAccounts");
        assert!(read.records[3].1.id.is_none());
    }

    #[test]
    fn extra_columns_are_read_and_unknown_ones_named() {
        let read = parse(
            "NAME,TYPE,KIND,TAGS,SKU,LOCATION,OWNER\n\
             api,Function App,,\"env: prod; team: a\",Y1,West Europe,ops\n\
             web,App Service,app,,P1v3,West Europe,\n",
        );
        assert_eq!(codes(&read), ["csv.columns-not-read"]);
        assert!(read.diagnostics[0].message.contains("OWNER"));
        assert_eq!(text_of(&read.records[0].1.kind), Some("functionapp"), "implied by the display name");
        assert_eq!(text_of(&read.records[1].1.kind), Some("app"));
        assert_eq!(text_of(&read.records[1].1.location), Some("West Europe"));
        assert_eq!(read.records[0].1.tags.as_ref().unwrap().get(), r#""env: prod; team: a""#);
        assert_eq!(read.records[1].1.sku.as_ref().unwrap().get(), r#""P1v3""#);
    }

    #[test]
    fn service_pages_imply_their_type_and_only_the_storage_page_reads_type_as_kind() {
        let storage = read_csv(
            "NAME,TYPE,RESOURCE GROUP,LOCATION\nlogs01,StorageV2 (general purpose v2),app,West Europe\n",
            "Storageaccounts.csv",
        )
        .unwrap();
        assert_eq!(storage.kind, CsvKind::PortalPage);
        assert_eq!(text_of(&storage.records[0].1.resource_type), Some("Microsoft.Storage/storageAccounts"));
        assert_eq!(text_of(&storage.records[0].1.kind), Some("StorageV2 (general purpose v2)"));
        // An All resources export saved under a page's name is still read by its types.
        let all = read_csv("NAME,TYPE\nweb1,Virtual machine\nping,Availability test\n", "vms.csv").unwrap();
        assert_eq!(all.kind, CsvKind::Portal);
        assert_eq!(text_of(&all.records[1].1.resource_type), Some("Unknown/Availability test"));
        let sql = read_csv("NAME,SERVER,PRICING TIER,LOCATION\norders,sql01,S0,East US\n", "export.csv").unwrap();
        assert_eq!(sql.kind, CsvKind::PortalPage, "the SERVER column names the SQL databases page");
        assert_eq!(text_of(&sql.records[0].1.name), Some("sql01/orders"));
        assert_eq!(sql.records[0].1.sku.as_ref().unwrap().get(), r#""S0""#);
    }

    #[test]
    fn reads_explicit_id_columns() {
        let read = parse(
            "\"ResourceName\",\"ResourceType\",\"ResourceGroupName\",\"Location\",\"SubscriptionId\"\n\
             \"vm1/ext\",\"Microsoft.Compute/virtualMachines/extensions\",\"rg\",\"japaneast\",\"6f1c3c0e-2b8e-4c3f-9d0a-1e2f3a4b5c6d\"\n",
        );
        let (_, raw) = &read.records[0];
        assert_eq!(text_of(&raw.name), Some("vm1/ext"));
        assert_eq!(text_of(&raw.subscription_id), Some("6f1c3c0e-2b8e-4c3f-9d0a-1e2f3a4b5c6d"));
        assert_eq!(text_of(&raw.resource_group), Some("rg"));
    }

    #[test]
    fn repeated_headers_are_skipped_and_a_header_alone_is_worth_a_warning() {
        let read = parse("NAME,TYPE\na,Disk\nNAME,TYPE\nb,Disk\n");
        assert_eq!(read.records.len(), 2);
        assert!(read.diagnostics.is_empty());
        let read = parse("NAME,TYPE,LOCATION,");
        assert!(read.records.is_empty());
        assert_eq!(codes(&read), ["csv.no-rows"]);
    }

    #[test]
    fn files_without_a_usable_header_are_errors() {
        assert!(matches!(read_portal_csv(""), Err(FileError::Csv { line: 1, .. })));
        assert!(matches!(read_portal_csv("sep=,\n"), Err(FileError::Csv { line: 2, .. })));
        match read_portal_csv("sep=,\nTitle,\"Item count\"\na,1\n") {
            Err(FileError::Csv { line, message }) => {
                assert_eq!(line, 2);
                assert!(message.contains("(Title, Item count)"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        match read_portal_csv("NAME,LOCATION\nvm1,East US\n") {
            Err(FileError::Csv { line: 1, message }) => assert!(message.contains("not their type"), "{message}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn sniffs_portal_exports_only() {
        assert!(looks_like_portal_csv("NAME,TYPE,LOCATION,\n\"a\",\"Disk\",\"East US\""));
        assert!(looks_like_portal_csv("SEP=,\nNAME,TYPE,RESOURCE GROUP,LOCATION,SUBSCRIPTION,\n"));
        assert!(looks_like_portal_csv("\u{feff}\"NAME\"\t\"TYPE\"\n"));
        assert!(looks_like_portal_csv("NAME,RESOURCE TYPE,\n"));
        assert!(looks_like_portal_csv("NOMBRE,TIPO,UBICACIÓN,\n"));
        assert!(looks_like_portal_csv(
            "#TYPE Selected.Microsoft.Azure.Commands.ResourceManager.Cmdlets.SdkModels.PSResource\n"
        ));
        assert!(looks_like_portal_csv("id,location\n/subscriptions/x,eastus\n"), "ids name resources");
        assert!(!looks_like_portal_csv("{\"value\": []}"));
        assert!(!looks_like_portal_csv("title,count\nx,1\n"));
        assert!(!looks_like_portal_csv("sep=,"));
        assert!(!looks_like_portal_csv(""));
        assert!(!looks_like_portal_csv("hello world"));
    }

    #[test]
    fn helpers_handle_odd_input() {
        assert_eq!(percent_decode("/a%20b%2Fc%zz%"), "/a b/c%zz%");
        assert_eq!(percent_decode("%ff"), "%ff", "invalid UTF-8 stays as written");
        assert_eq!(id_from_link("https://portal.azure.cn/#@contoso.partner.onmschina.cn/resource/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/a").as_deref(),
            Some("/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/a"));
        assert_eq!(id_from_link("https://example.com/subscriptions/x"), None);
        assert_eq!(sep_line("SEP=\t"), Some(Some(b'\t')));
        assert_eq!(sep_line("sep="), Some(None));
        assert_eq!(sep_line("sep=abc"), None);
        assert_eq!(sep_line("NAME,TYPE"), None);
        assert_eq!(sep_line("sé"), None);
        assert_eq!(guess_delimiter("\"a,b\"\tc\td"), b'\t');
        assert_eq!(guess_delimiter("NAME"), b',');
        assert!(is_guid("6f1c3c0e-2b8e-4c3f-9d0a-1e2f3a4b5c6d"));
        assert!(!is_guid("6f1c3c0e-2b8e-4c3f-9d0a-1e2f3a4b5c6"));
        assert_eq!(unknown_segment(" Azure  DevOps/org "), "Azure DevOps-org");
        assert_eq!(resource_name("x (a//x)"), "x (a//x)");
        assert_eq!(resource_name(" ()"), " ()");
        assert_eq!(resource_name("é (ü/é)"), "ü/é");
    }

    // Property tests run natively only: proptest needs an OS random source.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,200}") {
            let _ = looks_like_portal_csv(&text);
            let _ = read_portal_csv(&text);
            let with_header = format!("NAME,TYPE,LOCATION,RESOURCE LINK\n{text}");
            let _ = read_portal_csv(&with_header);
        }

        #[test]
        fn never_panics_on_csv_like_rows(rows in proptest::collection::vec("[\"a-z ,()/%#\t\r\n\u{feff}é-]{0,40}", 0..8)) {
            let text = format!("sep=,\nNAME,TYPE,RESOURCE GROUP,LOCATION,SUBSCRIPTION,RESOURCE LINK,\n{}", rows.join("\n"));
            proptest::prop_assert!(read_portal_csv(&text).is_ok());
        }
    }

    #[derive(serde::Deserialize)]
    struct TypeTable {
        types: Vec<TypeRow>,
    }

    #[derive(serde::Deserialize)]
    struct TypeRow {
        #[serde(rename = "type")]
        resource_type: String,
        portal: Vec<String>,
    }

    #[test]
    fn the_type_table_has_no_duplicates_or_ambiguous_display_names() {
        let table: TypeTable = serde_json::from_str(crate::data::text(crate::data::DataFile::ResourceTypes)).unwrap();
        assert!(table.types.len() > 300, "{} types", table.types.len());
        let mut types: HashMap<String, &str> = HashMap::new();
        let mut display: HashMap<String, &str> = HashMap::new();
        for row in &table.types {
            let resource_type = row.resource_type.as_str();
            assert!(
                resource_type.starts_with("Microsoft.") && resource_type.contains('/') && !resource_type.ends_with('/'),
                "{resource_type}"
            );
            if let Some(previous) = types.insert(resource_type.to_ascii_lowercase(), resource_type) {
                panic!("{resource_type} is listed twice (also as {previous})");
            }
            let mut own = std::collections::HashSet::new();
            for name in &row.portal {
                assert!(own.insert(name.as_str()), "{name:?} is listed twice for {resource_type}");
                assert_eq!(name.trim(), name, "{name:?}");
                if let Some(other) = display.insert(name.to_lowercase(), resource_type) {
                    assert_eq!(other, resource_type, "{name:?} maps to {other} and to {resource_type}");
                }
                assert_eq!(ResourceType::from_portal_name(name).unwrap().as_str(), resource_type);
            }
            assert_eq!(ResourceType::new(&resource_type.to_lowercase()).as_str(), resource_type);
        }
        // The spellings Azure uses for a few types that are often written otherwise.
        for canonical in [
            "Microsoft.Network/publicIPAddresses",
            "Microsoft.Insights/components",
            "Microsoft.Cache/Redis",
            "Microsoft.DocumentDB/databaseAccounts",
            "Microsoft.OperationalInsights/workspaces",
            "Microsoft.Web/serverFarms",
            "Microsoft.ClassicCompute/domainNames",
        ] {
            assert_eq!(ResourceType::new(&canonical.to_uppercase()).as_str(), canonical);
        }
    }

    /// Every real export in the shared corpus reads without error, every display type
    /// is known, and every data row becomes a record.
    #[test]
    fn reads_every_corpus_export() {
        let dir = crate::inventory::shared_material::shared("corpus/csv");
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.retain(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")));
        paths.sort();
        assert!(!paths.is_empty());
        for path in paths {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(looks_like_portal_csv(&text), "{file} is not sniffed as a portal CSV");
            let read = read_portal_csv(&text).unwrap_or_else(|error| panic!("{file}: {error:?}"));
            let unknown: Vec<String> =
                read.diagnostics.iter().filter(|d| d.code == "csv.unknown-type").map(|d| d.to_string()).collect();
            assert!(unknown.is_empty(), "{file}: {unknown:#?}");
            let mut data_rows = text.lines().filter(|line| !line.trim().is_empty()).count() - 1;
            if text.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("sep=")) {
                data_rows -= 1;
            }
            assert_eq!(read.records.len(), data_rows, "{file}: {:?}", read.diagnostics);
            println!(
                "{file}: {} rows, {} records, {} diagnostics",
                data_rows,
                read.records.len(),
                read.diagnostics.len()
            );
        }
    }
}

//! Reader for the Azure portal's "All resources" → "Export to CSV" file.
//!
//! The export names each resource by its portal display type ("Virtual machine",
//! "SQL database") instead of its ARM type, and has no ids. Real exports vary: comma or
//! TAB separated, an Excel `sep=,` line before the header, CRLF or LF, a header that
//! ends with a comma while the rows do not, quoted or bare fields, optional columns
//! (RESOURCE GROUP, SUBSCRIPTION, RESOURCE LINK, ...), and an older two-column
//! `NAME,RESOURCE TYPE` form with raw ARM types. Child resources are written
//! `db (server/db)`.
//!
//! Each usable row becomes a [`RawResource`] with name, type, location (display text;
//! normalisation happens later), resource group and, when a RESOURCE LINK or id column
//! is present, the resource id. The SUBSCRIPTION column holds the subscription's
//! display name, which is not an id; it is returned beside the records in
//! [`CsvRead::subscription_names`].

use serde_json::Value;

use super::raw::RawResource;
use super::FileError;
use crate::azure::{ResourceId, ResourceType};
use crate::diagnostics::Diagnostic;

/// What a portal CSV export yielded.
#[derive(Debug, Default)]
pub(crate) struct CsvRead {
    /// `("line 7", record)` for every usable row, in file order.
    pub records: Vec<(String, RawResource)>,
    /// Parallel to `records`: the row's subscription display name (SUBSCRIPTION column,
    /// e.g. "Pay-As-You-Go"), when the export has one and it is not an id.
    pub subscription_names: Vec<Option<String>>,
    /// Rows skipped and other problems, located by line; the caller adds the file name.
    pub diagnostics: Vec<Diagnostic>,
}

/// Is this text a portal "All resources" export? Looks only at the first lines: an
/// optional `sep=` line, then a header with a name column and a type column. Headers in
/// other portal languages count too, so that the reader can say what is wrong.
pub(crate) fn looks_like_portal_csv(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines().map(str::trim).filter(|line| !line.is_empty());
    let Some(mut header) = lines.next() else { return false };
    let mut delimiter = None;
    if let Some(named) = sep_line(header) {
        delimiter = named;
        match lines.next() {
            Some(next) => header = next,
            None => return false,
        }
    }
    let delimiter = delimiter.unwrap_or_else(|| guess_delimiter(header));
    let cells: Vec<String> = header.split(char::from(delimiter)).map(header_key).collect();
    let names =
        cells.iter().any(|key| matches!(column_of(key), Some(Column::Name)) || FOREIGN_NAME.contains(&key.as_str()));
    let types =
        cells.iter().any(|key| matches!(column_of(key), Some(Column::Type)) || FOREIGN_TYPE.contains(&key.as_str()));
    names && types
}

/// Reads a portal CSV export. Fails only when the file has no usable header; problems
/// in rows are diagnostics and the rows are skipped.
pub(crate) fn read_portal_csv(text: &str) -> Result<CsvRead, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The first line ends at LF, CRLF or a lone CR.
    let first_end = text.find(['\r', '\n']).unwrap_or(text.len());
    let (named_delimiter, body, skipped_lines) = match sep_line(&text[..first_end]) {
        Some(named) => {
            let rest = &text[first_end..];
            let rest = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix(['\r', '\n'])).unwrap_or(rest);
            (named, rest, 1)
        }
        None => (None, text, 0),
    };
    let header_text = body.lines().find(|line| !line.trim().is_empty()).unwrap_or("");
    let delimiter = named_delimiter.unwrap_or_else(|| guess_delimiter(header_text));

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
    let columns = Columns::of(&header).map_err(|message| FileError::Csv { line: header_line, message })?;
    let header: Vec<String> = header.iter().map(|text| header_key(text)).collect();

    let mut read = CsvRead::default();
    let mut rows = 0usize;
    loop {
        if !reader.read_record(&mut record).map_err(csv_error)? {
            break;
        }
        if is_blank(&record) || is_repeated_header(&record, &header) {
            continue;
        }
        rows += 1;
        let label = format!("line {}", lines.line_of(&record));
        match row(&record, &columns) {
            Ok((raw, subscription_name)) => {
                read.records.push((label, raw));
                read.subscription_names.push(subscription_name);
            }
            Err(diagnostic) => read.diagnostics.push(diagnostic.at(label)),
        }
    }
    if rows == 0 {
        read.diagnostics.push(
            Diagnostic::warning("csv.no-rows", "the export has a header but no resources")
                .with_hint("clear the filters of the \"All resources\" view before exporting"),
        );
    }
    Ok(read)
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
        while start < self.body.len() && matches!(self.body[start], b'\r' | b'\n') {
            start += 1;
        }
        // Line ends are LF, CRLF or a lone CR.
        for index in self.offset..start {
            match self.body[index] {
                b'\n' => self.line += 1,
                b'\r' if self.body.get(index + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
        }
        self.offset = self.offset.max(start);
        self.line
    }
}

/// The columns RegionShift reads; every other column is ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Type,
    ResourceGroup,
    Location,
    /// The subscription's display name.
    Subscription,
    SubscriptionId,
    Id,
    /// A portal URL ending in `#resource/subscriptions/...`.
    Link,
    Kind,
}

/// Maps a header key (see [`header_key`]) to the column it names.
fn column_of(key: &str) -> Option<Column> {
    Some(match key {
        "NAME" | "RESOURCENAME" => Column::Name,
        "TYPE" | "RESOURCETYPE" => Column::Type,
        "RESOURCEGROUP" | "RESOURCEGROUPNAME" => Column::ResourceGroup,
        "LOCATION" | "REGION" => Column::Location,
        "SUBSCRIPTION" | "SUBSCRIPTIONNAME" => Column::Subscription,
        "SUBSCRIPTIONID" => Column::SubscriptionId,
        "ID" | "RESOURCEID" => Column::Id,
        "RESOURCELINK" => Column::Link,
        "KIND" => Column::Kind,
        _ => return None,
    })
}

/// Header words of the name and type columns in exports made with the portal in
/// another language (French, Spanish, Portuguese, Italian, German, Dutch).
const FOREIGN_NAME: &[&str] = &["NOM", "NOMBRE", "NOME", "NAAM"];
const FOREIGN_TYPE: &[&str] = &["TIPO", "TYP"];

/// Header text reduced to upper-case letters and digits: `Resource group` → `RESOURCEGROUP`.
fn header_key(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase).collect()
}

/// Where each column read is, by position.
#[derive(Debug, Default)]
struct Columns {
    name: Option<usize>,
    resource_type: Option<usize>,
    resource_group: Option<usize>,
    location: Option<usize>,
    subscription: Option<usize>,
    subscription_id: Option<usize>,
    id: Option<usize>,
    link: Option<usize>,
    kind: Option<usize>,
}

impl Columns {
    /// Finds the columns in the header cells as written.
    fn of(header: &[String]) -> Result<Columns, String> {
        let keys: Vec<String> = header.iter().map(|text| header_key(text)).collect();
        let mut columns = Columns::default();
        for (index, key) in keys.iter().enumerate() {
            let slot = match column_of(key) {
                Some(Column::Name) => &mut columns.name,
                Some(Column::Type) => &mut columns.resource_type,
                Some(Column::ResourceGroup) => &mut columns.resource_group,
                Some(Column::Location) => &mut columns.location,
                Some(Column::Subscription) => &mut columns.subscription,
                Some(Column::SubscriptionId) => &mut columns.subscription_id,
                Some(Column::Id) => &mut columns.id,
                Some(Column::Link) => &mut columns.link,
                Some(Column::Kind) => &mut columns.kind,
                None => continue,
            };
            slot.get_or_insert(index);
        }
        if columns.name.is_some() && (columns.resource_type.is_some() || columns.id.is_some() || columns.link.is_some())
        {
            return Ok(columns);
        }
        let found = header.iter().filter(|text| !text.is_empty()).cloned().collect::<Vec<_>>().join(", ");
        let foreign =
            keys.iter().any(|key| FOREIGN_NAME.contains(&key.as_str()) || FOREIGN_TYPE.contains(&key.as_str()));
        Err(if foreign {
            format!(
                "the header ({found}) is not the English one (NAME, TYPE, LOCATION, ...): RegionShift reads the \
                 \"All resources\" export made with the portal language set to English, because the TYPE column \
                 holds translated names; switch the portal language to English and export again"
            )
        } else {
            format!(
                "the header ({found}) has no NAME and TYPE columns; the portal's \"All resources\" export begins \
                 with NAME,TYPE,..."
            )
        })
    }
}

/// Builds the record of one data row, or says why the row is skipped.
fn row(record: &csv::StringRecord, columns: &Columns) -> Result<(RawResource, Option<String>), Diagnostic> {
    let cell = |index: Option<usize>| -> Option<&str> {
        let text = record.get(index?)?.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        (!text.is_empty()).then_some(text)
    };
    let mut raw = RawResource::default();

    // An id (explicit, or from the portal link) is exact: it fixes type, name and scope.
    let explicit_id = cell(columns.id);
    let id = match explicit_id {
        Some(text) => ResourceId::parse(text).ok(),
        None => cell(columns.link).and_then(id_from_link).and_then(|text| ResourceId::parse(&text).ok()),
    }
    .filter(|id| id.depth() > 0);
    if let Some(text) = explicit_id {
        raw.id = Some(Value::String(text.to_string()));
    } else if let Some(id) = &id {
        raw.id = Some(Value::String(id.as_str().to_string()));
    }

    let type_text = cell(columns.resource_type);
    let name_text = cell(columns.name);
    let resource_type =
        match (&id, type_text) {
            (Some(id), _) => id.resource_type().as_str().to_string(),
            (None, Some(text)) if text.contains('/') => text.to_string(),
            (None, Some(text)) => match ResourceType::from_portal_name(text) {
                Some(resource_type) => resource_type.as_str().to_string(),
                None => return Err(Diagnostic::warning(
                    "csv.unknown-type",
                    format!(
                        "{:?} has the portal type {text:?}, which RegionShift does not know; the row was skipped",
                        name_text.unwrap_or("")
                    ),
                )
                .with_hint(
                    "export this resource with `az resource list` or Azure Resource Graph, which give the ARM type, \
                     or include the RESOURCE LINK column in the portal export",
                )),
            },
            (None, None) => {
                return Err(Diagnostic::warning(
                    "csv.missing-type",
                    format!("{:?} has no type; the row was skipped", name_text.unwrap_or("")),
                )
                .with_hint("the TYPE column must name each resource's type"))
            }
        };
    raw.resource_type = Some(Value::String(resource_type));

    let name = match (&id, name_text) {
        (Some(id), _) => id.full_name(),
        (None, Some(text)) => resource_name(text),
        (None, None) => {
            return Err(Diagnostic::warning(
                "csv.missing-name",
                format!("a {} row has no name; it was skipped", type_text.unwrap_or("resource")),
            )
            .with_hint("the NAME column must name each resource"))
        }
    };
    raw.name = Some(Value::String(name));

    raw.location = cell(columns.location).map(|text| Value::String(text.to_string()));
    raw.resource_group = cell(columns.resource_group).map(|text| Value::String(text.to_string()));
    raw.subscription_id = cell(columns.subscription_id).map(|text| Value::String(text.to_string()));
    let mut subscription_name = None;
    if let Some(text) = cell(columns.subscription) {
        if is_guid(text) {
            raw.subscription_id.get_or_insert_with(|| Value::String(text.to_string()));
        } else {
            subscription_name = Some(text.to_string());
        }
    }
    raw.kind =
        cell(columns.kind).or_else(|| type_text.and_then(implied_kind)).map(|text| Value::String(text.to_string()));
    Ok((raw, subscription_name))
}

/// The ARM name of a row's NAME: the portal writes child resources as
/// `db (server/db)` (SQL databases, runbooks, image versions), which is `server/db`
/// in ARM, and workbooks as `<guid> (display name)`, whose ARM name is the guid.
fn resource_name(text: &str) -> String {
    if let Some(inside) = text.strip_suffix(')') {
        for (open, _) in inside.match_indices(" (") {
            let outer = inside[..open].trim();
            let inner = inside[open + 2..].trim();
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
    let fragment = &link[link.find('#')?..];
    let start = fragment.find("/subscriptions/")?;
    Some(percent_decode(&fragment[start..]))
}

/// Decodes `%XX` escapes; text that would not stay UTF-8 is returned as it was.
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
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
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// ARM `kind` values the portal's display name implies (a "Function App" is a
/// `Microsoft.Web/sites` of kind `functionapp`).
fn implied_kind(display_name: &str) -> Option<&'static str> {
    const KINDS: &[(&str, &str)] = &[
        ("function app", "functionapp"),
        ("logic app (standard)", "functionapp,workflowapp"),
        ("azure cosmos db api for mongodb account", "MongoDB"),
        ("azure ai hub", "Hub"),
        ("azure ai project", "Project"),
        ("azure openai", "OpenAI"),
        ("openai", "OpenAI"),
        ("azure ai services", "AIServices"),
        ("foundry", "AIServices"),
        ("azure ai foundry", "AIServices"),
        ("speech service", "SpeechServices"),
        ("language", "TextAnalytics"),
        ("translator", "TextTranslation"),
        ("document intelligence", "FormRecognizer"),
        ("form recognizer", "FormRecognizer"),
        ("computer vision", "ComputerVision"),
        ("face api", "Face"),
        ("qna maker", "QnAMaker"),
    ];
    let key = display_name.trim().to_lowercase();
    KINDS.iter().find(|(name, _)| *name == key).map(|(_, kind)| *kind)
}

/// An Excel hint line `sep=,` (any case). Returns the delimiter it names, or `None`
/// inside when it names none usable.
fn sep_line(line: &str) -> Option<Option<u8>> {
    let line = line.trim_start_matches('\u{feff}').trim_end_matches(['\r', '\n']);
    let prefix = line.get(..4)?;
    if !prefix.eq_ignore_ascii_case("sep=") {
        return None;
    }
    let named = &line[4..];
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
    record.len() >= 2 && record.iter().zip(header).all(|(field, key)| header_key(field) == *key)
}

fn is_guid(text: &str) -> bool {
    text.len() == 36
        && text
            .char_indices()
            .all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { c == '-' } else { c.is_ascii_hexdigit() })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::Path;

    use super::*;
    use crate::diagnostics::Severity;

    fn parse(text: &str) -> CsvRead {
        read_portal_csv(text).unwrap_or_else(|error| panic!("{error:?}"))
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
        assert_eq!(read.subscription_names, [None, None]);
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
        assert_eq!(read.subscription_names[0].as_deref(), Some("Contoso Production"));
        // A subscription written as a GUID is an id.
        let (_, plan) = &read.records[3];
        assert_eq!(text_of(&plan.subscription_id), Some("6f1c3c0e-2b8e-4c3f-9d0a-1e2f3a4b5c6d"));
        assert_eq!(read.subscription_names[3], None);
    }

    #[test]
    fn honours_the_separator_a_sep_line_names() {
        let read = parse("SEP=;\nNAME;TYPE;LOCATION\nweb, blue;App Service;West Europe\n");
        assert_eq!(
            summary(&read)[0],
            ("line 3".into(), "web, blue".into(), "Microsoft.Web/sites".into(), "West Europe".into())
        );
        for text in ["sep=,\r\nNAME,TYPE\r\na,Disk\r\n", "sep=,\rNAME,TYPE\ra,Disk\r", "sep=,\nNAME,TYPE\na,Disk"] {
            let read = super::read_portal_csv(text).unwrap();
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
    fn skips_unknown_types_and_nameless_rows_with_warnings() {
        let read = parse("NAME,TYPE,LOCATION,\n\"w1\",\"Widget factory\",\"East US\"\n,\"Disk\",\"East US\"\n\"x\",,\"East US\"\n\"ok\",\"Disk\",\"East US\"\n");
        assert_eq!(read.records.len(), 1);
        assert_eq!(codes(&read), ["csv.unknown-type", "csv.missing-name", "csv.missing-type"]);
        let unknown = &read.diagnostics[0];
        assert_eq!(unknown.severity, Severity::Warning);
        assert_eq!(unknown.location.as_deref(), Some("line 2"));
        assert!(
            unknown.message.contains("\"w1\"") && unknown.message.contains("\"Widget factory\""),
            "{}",
            unknown.message
        );
        assert!(unknown.hint.is_some());
        assert_eq!(read.diagnostics[1].location.as_deref(), Some("line 3"));
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
    fn extra_columns_are_tolerated_and_kind_is_read() {
        let read = parse(
            "NAME,TYPE,KIND,TAGS,SKU,LOCATION\n\
             api,Function App,,\"env: prod; team: a\",Y1,West Europe\n\
             web,App Service,app,,P1v3,West Europe\n",
        );
        assert!(read.diagnostics.is_empty());
        assert_eq!(text_of(&read.records[0].1.kind), Some("functionapp"), "implied by the display name");
        assert_eq!(text_of(&read.records[1].1.kind), Some("app"));
        assert_eq!(text_of(&read.records[1].1.location), Some("West Europe"));
        assert!(read.records[0].1.tags.is_none() && read.records[0].1.sku.is_none());
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
        match read_portal_csv("NOM,TYPE,EMPLACEMENT,\n\"st1\",\"Compte de stockage\",\"East US\"\n") {
            Err(FileError::Csv { line: 1, message }) => assert!(message.contains("English"), "{message}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn sniffs_portal_exports_only() {
        assert!(looks_like_portal_csv("NAME,TYPE,LOCATION,\n\"a\",\"Disk\",\"East US\""));
        assert!(looks_like_portal_csv("SEP=,\nNAME,TYPE,RESOURCE GROUP,LOCATION,SUBSCRIPTION,\n"));
        assert!(looks_like_portal_csv("\u{feff}\"NAME\"\t\"TYPE\"\n"));
        assert!(looks_like_portal_csv("NAME,RESOURCE TYPE,\n"));
        assert!(looks_like_portal_csv("NOMBRE,TIPO,UBICACIÓN,\n"), "foreign headers reach the reader, which explains");
        assert!(!looks_like_portal_csv("{\"value\": []}"));
        assert!(!looks_like_portal_csv("id,location\n/subscriptions/x,eastus\n"));
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
            let read = read_portal_csv(&text).unwrap();
            proptest::prop_assert_eq!(read.records.len(), read.subscription_names.len());
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
        let table: TypeTable = serde_json::from_str(include_str!("../../../../data/resource-types.json")).unwrap();
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
        let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("../shared/corpus/csv");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("no corpus at {}; skipped", dir.display());
            return;
        };
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
            assert_eq!(read.subscription_names.len(), data_rows);
            println!(
                "{file}: {} rows, {} records, {} diagnostics",
                data_rows,
                read.records.len(),
                read.diagnostics.len()
            );
        }
    }
}

//! Reader for az CLI's text outputs, as people paste them into files: `-o table` and
//! `-o tsv`.
//!
//! A table (`az resource list -o table`) has a header, a line of dashes under each
//! column, and columns two spaces apart, each as wide as its widest cell; cells are
//! never cut, and names may hold spaces, so columns are found from the dashes. Its
//! columns are read by name as the delimited reader reads a CSV header (`Name`,
//! `ResourceGroup`, `Location`, `Type`; a `--query` table's own names).
//!
//! TSV has no header: plain objects are printed in alphabetical key order, nested
//! objects as empty cells, lists as their length and `null` as `None`. Columns are
//! found from the resource id in each line: `az resource list -o tsv` writes
//! `identity kind location managedBy name plan properties provisioningState
//! resourceGroup sku tags type` after `id`, and a line whose name and type cells agree
//! with its id is read that way; any other line gives its id only.

use serde_json::Value;

use super::delimited::{self, CsvRead};
use super::raw::RawResource;
use super::FileError;
use crate::azure::ResourceId;
use crate::diagnostics::Diagnostic;

/// Is this text an az CLI table: a header line, then a line of dash runs?
pub(crate) fn looks_like_table(text: &str) -> bool {
    let mut lines = text.lines().filter(|line| !line.trim().is_empty());
    let (Some(header), Some(rule)) = (lines.next(), lines.next()) else { return false };
    !header.trim_start().starts_with('-') && rule_columns(rule).is_some_and(|c| !c.is_empty())
}

/// The columns a line of dashes marks, as `(start, end)` character positions.
fn rule_columns(rule: &str) -> Option<Vec<(usize, usize)>> {
    let rule = rule.trim_end();
    if rule.is_empty() || !rule.chars().all(|c| c == '-' || c == ' ') || !rule.contains("--") {
        return None;
    }
    let mut columns = Vec::new();
    let mut start = None;
    for (i, c) in rule.chars().enumerate() {
        match (c, start) {
            ('-', None) => start = Some(i),
            (' ', Some(s)) => {
                columns.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        columns.push((s, rule.chars().count()));
    }
    Some(columns)
}

/// Reads an az CLI `-o table` output.
pub(crate) fn read_table(text: &str, file_name: &str) -> Result<CsvRead, FileError> {
    let mut lines = text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty());
    let (Some((header_index, header_line)), Some((_, rule))) = (lines.next(), lines.next()) else {
        return Err(FileError::Csv { line: 1, message: "the table has no header and rule lines".into() });
    };
    let columns = rule_columns(rule).unwrap_or_default();
    let cells = |line: &str| -> Vec<String> {
        let chars: Vec<char> = line.chars().collect();
        columns
            .iter()
            .enumerate()
            .map(|(i, (start, end))| {
                // A cell runs to the next column's start (the last to the line's end):
                // a value wider than the dashes would be the table's own bug, but
                // costs nothing to allow.
                let end = columns.get(i + 1).map_or(chars.len(), |next| next.0.max(*end));
                chars.get(*start..end.min(chars.len())).map_or_else(String::new, |c| c.iter().collect::<String>())
            })
            .map(|cell| cell.trim().to_string())
            .collect()
    };
    let header = cells(header_line);
    let mut rows = delimited::table(&header, file_name).map_err(|message| FileError::Csv {
        line: header_index + 1,
        message: message.replace("the header (", "the table's header ("),
    })?;
    for (index, line) in lines {
        let record = csv::StringRecord::from(cells(line));
        rows.push(format!("line {}", index + 1), &record);
    }
    Ok(rows.finish(&header))
}

/// Is this text az CLI TSV: TAB-separated lines with resource ids in them?
pub(crate) fn looks_like_tsv(text: &str) -> bool {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .take(5)
        .any(|line| line.contains('\t') && line.split('\t').any(|cell| id_cell(cell).is_some()))
}

fn id_cell(cell: &str) -> Option<ResourceId> {
    let cell = cell.trim();
    let lower = cell.get(..15)?;
    if !lower.eq_ignore_ascii_case("/subscriptions/") {
        return None;
    }
    ResourceId::parse(cell).ok().filter(|id| id.depth() > 0)
}

/// Positions after `id` in `az resource list -o tsv` (keys in alphabetical order).
const KIND_AFTER_ID: usize = 2;
const LOCATION_AFTER_ID: usize = 3;
const NAME_AFTER_ID: usize = 5;
const GROUP_AFTER_ID: usize = 9;
const TYPE_AFTER_ID: usize = 12;

/// Reads an az CLI `-o tsv` output.
pub(crate) fn read_tsv(text: &str) -> CsvRead {
    let mut read = CsvRead { kind: delimited::CsvKind::Portal, records: Vec::new(), diagnostics: Vec::new() };
    let mut ids_only = 0usize;
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let label = format!("line {}", index + 1);
        let cells: Vec<&str> = line.split('\t').map(|c| c.trim_end_matches('\r')).collect();
        let Some((at, id)) = cells.iter().enumerate().find_map(|(i, c)| id_cell(c).map(|id| (i, id))) else {
            read.diagnostics.push(
                Diagnostic::warning("import.record-skipped", "the line holds no resource id; it was skipped").at(label),
            );
            continue;
        };
        let cell = |offset: usize| -> Option<&str> {
            let text = cells.get(at + offset)?.trim();
            (!text.is_empty() && text != "None").then_some(text)
        };
        let mut raw = RawResource { id: Some(Value::String(id.as_str().to_string())), ..RawResource::default() };
        let listed = cell(NAME_AFTER_ID)
            .is_some_and(|name| name.eq_ignore_ascii_case(&id.full_name()) || name.eq_ignore_ascii_case(id.name()))
            && cell(TYPE_AFTER_ID).is_some_and(|t| t.eq_ignore_ascii_case(id.resource_type().as_str()));
        if listed {
            let text = |offset: usize| cell(offset).map(|t| Value::String(t.to_string()));
            raw.name = text(NAME_AFTER_ID);
            raw.kind = text(KIND_AFTER_ID);
            raw.location = text(LOCATION_AFTER_ID);
            raw.resource_group = text(GROUP_AFTER_ID);
            raw.resource_type = text(TYPE_AFTER_ID);
        } else {
            ids_only += 1;
        }
        read.records.push((label, raw));
    }
    if ids_only > 0 {
        read.diagnostics.push(
            Diagnostic::info(
                "import.tsv-ids-only",
                format!(
                    "{ids_only} line(s) are not in az resource list's column order: only their ids were read (name, type, group and subscription come from the id; location and kind are unknown)"
                ),
            )
            .with_hint("TSV has no header; use -o json, which names every value"),
        );
    }
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(value: &Option<Value>) -> Option<&str> {
        value.as_ref().and_then(Value::as_str)
    }

    #[test]
    fn reads_a_resource_list_table_with_wide_and_blank_cells() {
        let text = "Name                 ResourceGroup    Location      Type                           Status\n\
                    -------------------  ---------------  ------------  -----------------------------  --------\n\
                    flink_OsDisk_1_a b   2DT-FINAL-TEAM4  koreacentral  Microsoft.Compute/disks\n\
                    vnet-1               2dt-final-team4  koreacentral  Microsoft.Network/virtualNetworks\n";
        assert!(looks_like_table(text));
        let read = read_table(text, "resources.txt").unwrap();
        assert_eq!(read.records.len(), 2);
        let (label, disk) = &read.records[0];
        assert_eq!(label, "line 3");
        assert_eq!(text_of(&disk.name), Some("flink_OsDisk_1_a b"));
        assert_eq!(text_of(&disk.resource_group), Some("2DT-FINAL-TEAM4"));
        assert_eq!(text_of(&disk.resource_type), Some("Microsoft.Compute/disks"));
        assert!(read.diagnostics.iter().all(|d| d.code != "csv.columns-not-read"), "{:?}", read.diagnostics);
    }

    #[test]
    fn a_vm_table_without_a_type_column_is_read_as_virtual_machines() {
        let text = "Name    ResourceGroup    PowerState    PublicIps    Fqdns    Location    Zones\n\
                    ------  ---------------  ------------  -----------  -------  ----------  -------\n\
                    web1    APP              VM running    20.1.2.3              eastus      1\n";
        let read = read_table(text, "vms.txt").unwrap();
        assert_eq!(text_of(&read.records[0].1.resource_type), Some("Microsoft.Compute/virtualMachines"));
        let untyped = "Name    Location\n------  ----------\nweb1    eastus\n";
        assert!(matches!(read_table(untyped, "x.txt"), Err(FileError::Csv { line: 1, .. })));
    }

    #[test]
    fn reads_resource_list_tsv_by_its_ids() {
        let id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v";
        let listed = format!(
            "2025-11-29T05:02:00+00:00\t2025-11-29T04:51:09+00:00\tNone\t{id}\tNone\tNone\tkoreacentral\tNone\tv\tNone\tNone\tSucceeded\trg\tNone\t\tMicrosoft.Network/virtualNetworks\n"
        );
        assert!(looks_like_tsv(&listed));
        let read = read_tsv(&format!("{listed}\n{id}/subnets/a\tnorthcentralus\nno id here\tat all\n"));
        assert_eq!(read.records.len(), 2);
        assert_eq!(text_of(&read.records[0].1.location), Some("koreacentral"));
        assert_eq!(text_of(&read.records[0].1.resource_group), Some("rg"));
        assert!(read.records[1].1.location.is_none());
        let codes: Vec<&str> = read.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["import.record-skipped", "import.tsv-ids-only"]);
        assert!(!looks_like_tsv("NAME\tTYPE\nvm\tVirtual machine\n"));
    }

    // Property tests run natively only: proptest needs an OS random source.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn never_panics(rows in proptest::collection::vec("[a-zA-Z0-9 /\t\r\u{e9}\u{4e2d}-]{0,60}", 0..6)) {
            let body = rows.join("\n");
            let table = format!("Name  ResourceGroup  Type\n----  -------------  ----\n{body}");
            let _ = looks_like_table(&table);
            let _ = read_table(&table, "x.txt");
            let _ = read_table(&body, "x.txt");
            let tsv = format!("/subscriptions/s/resourceGroups/g/providers/A.B/c/d\t{body}");
            let _ = looks_like_tsv(&tsv);
            let _ = read_tsv(&tsv);
            let _ = read_tsv(&body);
        }
    }
}

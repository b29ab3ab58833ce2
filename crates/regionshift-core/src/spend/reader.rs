//! Reading one export file in chunks: encoding (BOM, UTF-16), the header (after any
//! preamble lines), then each record's needed fields, with RFC 4180 quoting (quoted
//! fields may hold delimiters, doubled quotes and line breaks). Records are parsed in
//! place in the chunk they arrive in; only a record split across two chunks is copied,
//! so memory stays near one chunk whatever the file's size.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::amount::{AmountError, Exact};
use super::detect::{self, ExportKind, Layout};
use super::table::{AddError, Table};
use super::CostBasis;
use crate::diagnostics::{Diagnostic, Sink};
use crate::input::Encoding;
use crate::units::Date;

/// Lines searched for a header (the Enterprise portal puts a preamble first).
const HEADER_LINES: usize = 30;

/// What reading one file gave, before it joins the others.
pub(crate) struct FileResult {
    pub name: String,
    pub encoding: Option<Encoding>,
    pub layout: Option<Layout>,
    pub preamble_lines: usize,
    pub rows: u64,
    pub rows_used: u64,
    pub rows_rejected: u64,
    pub rows_other_provider: u64,
    pub amounts_rounded: u64,
    pub currencies: BTreeSet<String>,
    pub amortized_signals: u64,
    pub actual_signals: u64,
    pub china_rows: u64,
    pub first: Option<Date>,
    pub last: Option<Date>,
    pub months: BTreeMap<u32, Exact>,
    pub table: Table,
    /// Why the whole file cannot be used.
    pub error: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileResult {
    pub fn basis(&self) -> CostBasis {
        match self.layout.as_ref().map(|l| l.kind) {
            Some(kind) if kind.actual_only() => CostBasis::Actual,
            Some(ExportKind::Focus10 | ExportKind::Focus12) => CostBasis::Actual,
            _ if self.amortized_signals > 0 => CostBasis::Amortized,
            _ if self.actual_signals > 0 => CostBasis::Actual,
            _ => {
                let name = self.name.to_ascii_lowercase();
                if name.contains("amortized") || name.contains("amortised") {
                    CostBasis::Amortized
                } else if name.contains("actual") {
                    CostBasis::Actual
                } else {
                    CostBasis::ActualOrAmortized
                }
            }
        }
    }
}

enum Decoding {
    /// The first bytes, until the encoding is known.
    Undecided(Vec<u8>),
    Utf8,
    Utf16 {
        big_endian: bool,
        odd: Option<u8>,
        high: Option<u16>,
    },
}

/// Reads one file, chunk by chunk.
pub(crate) struct FileReader {
    result: FileResult,
    sink: Sink,
    decoding: Decoding,
    /// UTF-8 bytes of a UTF-16 file's chunk.
    converted: Vec<u8>,
    /// A record split across chunks, awaiting its end.
    pending: Vec<u8>,
    /// Lines read before the header.
    lines: usize,
    /// The spans of the current record's needed fields, by slot, reused.
    spans: Vec<(usize, usize)>,
    /// For each column up to the last needed one, its slot in `spans` or `NOT_NEEDED`.
    slot_of: Vec<u8>,
    /// For each column, the first needed column at or after it.
    next_needed: Vec<usize>,
    /// Fields the current record had.
    columns: usize,
    /// The last currency and date read, as most rows repeat them.
    last_currency: Vec<u8>,
    /// The sum of the month being read, added to `result.months` when another month
    /// comes (rows mostly come a month at a time).
    month: Option<(u32, Exact)>,
    last_date: Option<(Vec<u8>, Date)>,
}

impl FileReader {
    pub fn new(name: &str) -> FileReader {
        FileReader {
            result: FileResult {
                name: name.to_string(),
                encoding: None,
                layout: None,
                preamble_lines: 0,
                rows: 0,
                rows_used: 0,
                rows_rejected: 0,
                rows_other_provider: 0,
                amounts_rounded: 0,
                currencies: BTreeSet::new(),
                amortized_signals: 0,
                actual_signals: 0,
                china_rows: 0,
                first: None,
                last: None,
                months: BTreeMap::new(),
                table: Table::default(),
                error: None,
                diagnostics: Vec::new(),
            },
            sink: Sink::new(name),
            decoding: Decoding::Undecided(Vec::new()),
            converted: Vec::new(),
            pending: Vec::new(),
            lines: 0,
            spans: Vec::new(),
            slot_of: Vec::new(),
            next_needed: Vec::new(),
            columns: 0,
            last_currency: Vec::new(),
            month: None,
            last_date: None,
        }
    }

    fn fail(&mut self, message: String) {
        if self.result.error.is_none() {
            self.result.error = Some(message);
        }
    }

    /// Reads the next chunk of the file.
    pub fn feed(&mut self, chunk: &[u8]) {
        if self.result.error.is_some() {
            return;
        }
        if let Decoding::Undecided(head) = &mut self.decoding {
            head.extend_from_slice(chunk);
            if head.len() < 4 {
                return;
            }
            let head = std::mem::take(head);
            self.decide(&head);
            if self.result.error.is_none() {
                self.feed_decoded(&head);
            }
            return;
        }
        self.feed_decoded(chunk);
    }

    fn decide(&mut self, head: &[u8]) {
        const MAGIC: [(&[u8], &str); 5] = [
            (b"PK\x03\x04", "a ZIP archive (extract the export first)"),
            (b"\x1F\x8B", "a gzip archive (decompress the export first)"),
            (b"PAR1", "a Parquet file (export as CSV)"),
            (b"\xD0\xCF\x11\xE0", "an old Excel workbook (save the sheet as CSV)"),
            (b"%PDF", "a PDF document"),
        ];
        if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| head.starts_with(magic)) {
            return self.fail(format!("this is {what}, not a CSV cost export"));
        }
        let (decoding, encoding) = if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            (Decoding::Utf8, Encoding::Utf8Bom)
        } else if head.starts_with(&[0xFF, 0xFE]) {
            (Decoding::Utf16 { big_endian: false, odd: None, high: None }, Encoding::Utf16Le)
        } else if head.starts_with(&[0xFE, 0xFF]) {
            (Decoding::Utf16 { big_endian: true, odd: None, high: None }, Encoding::Utf16Be)
        } else if head.len() >= 4 && head[0] != 0 && head[1] == 0 && head[3] == 0 {
            (Decoding::Utf16 { big_endian: false, odd: None, high: None }, Encoding::Utf16Le)
        } else if head.len() >= 4 && head[0] == 0 && head[2] == 0 && head[1] != 0 {
            (Decoding::Utf16 { big_endian: true, odd: None, high: None }, Encoding::Utf16Be)
        } else {
            (Decoding::Utf8, Encoding::Utf8)
        };
        self.decoding = decoding;
        self.result.encoding = Some(encoding);
    }

    fn feed_decoded(&mut self, bytes: &[u8]) {
        match &mut self.decoding {
            Decoding::Undecided(_) => {}
            Decoding::Utf8 => {
                let bytes = if self.result.rows == 0 && self.lines == 0 && self.pending.is_empty() {
                    bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes)
                } else {
                    bytes
                };
                self.process(bytes, false);
            }
            Decoding::Utf16 { big_endian, odd, high } => {
                let mut converted = std::mem::take(&mut self.converted);
                converted.clear();
                let mut error = None;
                let mut units = bytes.iter().copied();
                let mut first = odd.take();
                loop {
                    let a = match first.take() {
                        Some(a) => a,
                        None => match units.next() {
                            Some(a) => a,
                            None => break,
                        },
                    };
                    let Some(b) = units.next() else {
                        *odd = Some(a);
                        break;
                    };
                    let unit = if *big_endian { u16::from_be_bytes([a, b]) } else { u16::from_le_bytes([a, b]) };
                    if unit == 0xFEFF && converted.is_empty() && self.lines == 0 && self.result.rows == 0 {
                        continue;
                    }
                    let c = match (high.take(), unit) {
                        (None, 0xD800..=0xDBFF) => {
                            *high = Some(unit);
                            continue;
                        }
                        (Some(h), 0xDC00..=0xDFFF) => char::decode_utf16([h, unit]).next().and_then(Result::ok),
                        (None, _) => char::decode_utf16([unit]).next().and_then(Result::ok),
                        (Some(_), _) => None,
                    };
                    match c {
                        Some(c) => {
                            let mut buffer = [0u8; 4];
                            converted.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                        }
                        None => {
                            error = Some(format!("the file is not valid UTF-16: unpaired surrogate 0x{unit:04X}"));
                            break;
                        }
                    }
                }
                if let Some(error) = error {
                    self.fail(error);
                } else {
                    self.process(&converted, false);
                }
                self.converted = converted;
            }
        }
    }

    /// Ends the file: its last record, and what it gave.
    pub fn finish(mut self) -> FileResult {
        if let Decoding::Undecided(head) = &mut self.decoding {
            let head = std::mem::take(head);
            if head.is_empty() {
                self.fail("the file is empty".to_string());
            } else {
                self.decide(&head);
                if self.result.error.is_none() {
                    self.feed_decoded(&head);
                }
            }
        }
        if self.result.error.is_none() && !self.pending.is_empty() {
            let pending = std::mem::take(&mut self.pending);
            self.process(&pending, true);
        }
        if self.result.error.is_none() && self.result.layout.is_none() {
            self.fail(format!(
                "no cost export header in the first {HEADER_LINES} lines; accepted: EA or MCA cost details (CostInBillingCurrency or Cost, ResourceId, Date, BillingCurrency), FOCUS (BilledCost, ResourceId, ChargePeriodStart, BillingCurrency), usage details (PreTaxCost or ExtendedCost, InstanceId, UsageDateTime or Date)"
            ));
        }
        self.flush_month();
        self.result.diagnostics = self.sink.finish();
        self.result
    }

    /// Adds the month being read to the month sums (the sum was checked when formed).
    fn flush_month(&mut self) {
        if let Some((month, sum)) = self.month.take() {
            self.result.months.insert(month, sum);
        }
    }

    /// Parses the complete records in `data`; keeps an unfinished last one in `pending`.
    fn process(&mut self, data: &[u8], at_end: bool) {
        let mut start = 0;
        if !self.pending.is_empty() && !at_end {
            // The pending record continues in `data`: find its end (a line break outside
            // quotes; an odd number of quotes so far means inside a quoted field), copy
            // only that much, and parse the joined record.
            let mut in_quotes = memchr::memchr_iter(b'"', &self.pending).count() % 2 == 1;
            let mut q = 0;
            let end = loop {
                match memchr::memchr2(b'\n', b'"', &data[q..]) {
                    Some(i) => {
                        let at = q + i;
                        if data[at] == b'"' {
                            in_quotes = !in_quotes;
                        } else if !in_quotes {
                            break Some(at);
                        }
                        q = at + 1;
                    }
                    None => break None,
                }
            };
            let Some(end) = end else {
                self.pending.extend_from_slice(data);
                return;
            };
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(&data[..=end]);
            self.records(&joined, true);
            joined.clear();
            self.pending = joined;
            start = end + 1;
        }
        let rest = &data[start..];
        let used = self.records(rest, at_end);
        if used < rest.len() {
            self.pending.extend_from_slice(&rest[used..]);
        }
    }

    /// Parses every complete record of `data` (the header lines first, while the header
    /// is not found); returns how many bytes they took.
    fn records(&mut self, data: &[u8], at_end: bool) -> usize {
        let mut start = 0;
        while self.result.layout.is_none() {
            if self.result.error.is_some() || start >= data.len() {
                return data.len();
            }
            match self.header_line(data, start, at_end) {
                Some(end) => start = end.min(data.len()),
                None => return start,
            }
        }
        let Some(layout) = &self.result.layout else { return data.len() };
        let (delimiter, last) = (layout.delimiter, layout.last);
        if self.slot_of.is_empty() {
            self.prepare_slots();
        }
        let data_rest = &data[start..];
        let scan = Scan::new(delimiter);
        // `inside`: all ones while the block so far ends inside a quoted field.
        let (mut field_start, mut inside) = (0usize, 0u64);
        let (mut row_start, mut column) = (0usize, 0usize);
        self.begin_row();
        let mut base = 0;
        'blocks: while base < data_rest.len() {
            let (delimiters, quotes, line_feeds) = scan.masks(data_rest, base);
            // Bit i of `quoted` is set when byte i is inside quotes (a running parity of
            // the quotes up to it); delimiters and line breaks there are text.
            let quoted = prefix_xor(quotes) ^ inside;
            inside = 0u64.wrapping_sub(quoted >> 63);
            let (delimiters, line_feeds) = (delimiters & !quoted, line_feeds & !quoted);
            let mut events = delimiters | line_feeds;
            if events == 0 {
                base += BLOCK;
                continue;
            }
            if line_feeds == 0 {
                // Only delimiters: they end fields `column` to `column + count - 1`;
                // when none of them is needed, the block is done in one step.
                let count = delimiters.count_ones() as usize;
                if self.next_needed[column.min(self.next_needed.len() - 1)] >= column + count {
                    column += count;
                    field_start = base + (63 - delimiters.leading_zeros() as usize) + 1;
                    base += BLOCK;
                    continue;
                }
            }
            while events != 0 {
                let at = base + events.trailing_zeros() as usize;
                events &= events - 1;
                if let Some(&slot) = self.slot_of.get(column) {
                    if slot != NOT_NEEDED {
                        self.spans[slot as usize] = (start + field_start, start + at);
                    }
                }
                column += 1;
                field_start = at + 1;
                let mut end = (data_rest[at] == b'\n').then_some(at);
                if end.is_none() && column > last {
                    // Every needed field is read: on to the end of the record, past
                    // any quoted line break.
                    let mut q = at + 1;
                    let mut in_quotes = false;
                    end = loop {
                        match memchr::memchr2(b'\n', b'"', &data_rest[q..]) {
                            Some(i) if data_rest[q + i] == b'"' => {
                                in_quotes = !in_quotes;
                                q += i + 1;
                            }
                            Some(i) if in_quotes => q += i + 1,
                            Some(i) => break Some(q + i),
                            None => break None,
                        }
                    };
                    if end.is_none() {
                        if at_end {
                            self.columns = column;
                            self.row(data);
                            return data.len();
                        }
                        break 'blocks;
                    }
                }
                if let Some(end) = end {
                    self.columns = column;
                    self.row(data);
                    self.begin_row();
                    column = 0;
                    row_start = end + 1;
                    field_start = end + 1;
                    if end != at {
                        // The next record starts past the skipped text, outside quotes.
                        base = end + 1;
                        inside = 0;
                        continue 'blocks;
                    }
                }
            }
            base += BLOCK;
        }
        if at_end && row_start < data_rest.len() {
            if trim(&data[start + row_start..]).is_empty() {
                return data.len();
            }
            if let Some(&slot) = self.slot_of.get(column) {
                if slot != NOT_NEEDED {
                    self.spans[slot as usize] = (start + field_start, data.len());
                }
            }
            self.columns = column + 1;
            self.row(data);
            return data.len();
        }
        start + row_start
    }

    /// The slot each needed column's span goes to, and for each column the next needed
    /// one (for skipping words of unneeded fields).
    fn prepare_slots(&mut self) {
        let Some(layout) = &self.result.layout else { return };
        let needed = [
            Some(layout.cost),
            Some(layout.id),
            Some(layout.date),
            layout.currency,
            layout.charge_type,
            layout.pricing_model,
            layout.provider,
            layout.region,
        ];
        self.slot_of = vec![NOT_NEEDED; layout.last + 1];
        self.spans = vec![(0, 0); needed.len()];
        for (slot, column) in needed.iter().enumerate() {
            if let Some(column) = column {
                self.slot_of[*column] = slot as u8;
            }
        }
        self.next_needed = vec![usize::MAX; layout.last + 2];
        for column in (0..=layout.last).rev() {
            self.next_needed[column] =
                if self.slot_of[column] != NOT_NEEDED { column } else { self.next_needed[column + 1] };
        }
    }

    /// Clears the spans for the next record.
    fn begin_row(&mut self) {
        for span in &mut self.spans {
            *span = (0, 0);
        }
        self.columns = 0;
    }

    /// A field's bytes: without the quotes around a quoted field (and its doubled quotes
    /// made single), and without the carriage return of a CRLF line end.
    fn field<'d>(&self, data: &'d [u8], column: usize) -> Cow<'d, [u8]> {
        let slot = match self.slot_of.get(column) {
            Some(&slot) if slot != NOT_NEEDED && column < self.columns => slot,
            _ => return Cow::Borrowed(&[]),
        };
        let Some(&(start, mut end)) = self.spans.get(slot as usize) else { return Cow::Borrowed(&[]) };
        if end > start && data[end - 1] == b'\r' {
            end -= 1;
        }
        let raw = &data[start..end];
        // Only a field that starts with a quote (after spaces) is quoted.
        if raw.iter().find(|b| **b != b' ' && **b != b'\t') != Some(&b'"') {
            return Cow::Borrowed(raw);
        }
        // `"a ""b"", c"`, perhaps with spaces outside the quotes.
        let trimmed = trim(raw);
        let inner = match trimmed.strip_prefix(b"\"") {
            Some(rest) => rest.strip_suffix(b"\"").unwrap_or(rest),
            None => trimmed,
        };
        if memchr::memchr(b'"', inner).is_none() {
            return Cow::Borrowed(inner);
        }
        let mut out = Vec::with_capacity(inner.len());
        let mut i = 0;
        while i < inner.len() {
            out.push(inner[i]);
            i += if inner[i] == b'"' && inner.get(i + 1) == Some(&b'"') { 2 } else { 1 };
        }
        Cow::Owned(out)
    }

    /// A line before the header: a header, or a preamble line.
    fn header_line(&mut self, data: &[u8], start: usize, at_end: bool) -> Option<usize> {
        let end = match memchr::memchr(b'\n', &data[start..]) {
            Some(i) => start + i,
            None if at_end => data.len(),
            None => return None,
        };
        let line = String::from_utf8_lossy(&data[start..end]);
        let line = line.trim_end_matches('\r');
        self.lines += 1;
        if !line.trim().is_empty() {
            let mut best: Option<(usize, Vec<String>, u8)> = None;
            for delimiter in [b',', b'\t', b';'] {
                let names = split_line(line, delimiter);
                let known = names.iter().filter(|n| detect::known_column(&detect::normalise(n))).count();
                if best.as_ref().is_none_or(|(k, _, _)| known > *k) {
                    best = Some((known, names, delimiter));
                }
            }
            if let Some((known, names, delimiter)) = best {
                if known >= 2 {
                    if let Some(layout) = detect::detect(&names, delimiter) {
                        self.result.preamble_lines = self.lines - 1;
                        self.result.layout = Some(layout);
                        return Some(end + 1);
                    }
                    if known >= 4 {
                        let shown: Vec<&str> = names.iter().take(12).map(String::as_str).collect();
                        self.fail(format!(
                            "the header has no cost, resource id and date columns of a known export: found {}{}; accepted: EA or MCA cost details (CostInBillingCurrency or Cost, ResourceId, Date), FOCUS (BilledCost, ResourceId, ChargePeriodStart), usage details (PreTaxCost or ExtendedCost, InstanceId, UsageDateTime or Date)",
                            shown.join(", "),
                            if names.len() > 12 { ", ..." } else { "" }
                        ));
                        return Some(end + 1);
                    }
                }
            }
        }
        if self.lines >= HEADER_LINES {
            self.fail(format!(
                "no cost export header in the first {HEADER_LINES} lines (the first line starts {:?}); accepted: EA or MCA cost details, FOCUS, usage details CSV",
                line.chars().take(60).collect::<String>()
            ));
        }
        Some(end + 1)
    }

    /// One data record, its fields in `spans`.
    fn row(&mut self, data: &[u8]) {
        let Some(layout) = self.result.layout.as_ref() else { return };
        if self.columns <= 1 {
            return; // an empty line (or one without any delimiter)
        }
        self.result.rows += 1;
        let line = self.result.rows + self.result.preamble_lines as u64 + 1;
        let (cost, id, date, currency, provider, charge, pricing, region) = (
            layout.cost,
            layout.id,
            layout.date,
            layout.currency,
            layout.provider,
            layout.charge_type,
            layout.pricing_model,
            layout.region,
        );
        let china_kind = layout.kind == ExportKind::EaPortalUsage;
        if let Some(provider) = provider {
            let value = self.field(data, provider);
            let value = trim(&value);
            if !value.is_empty() && !value.eq_ignore_ascii_case(b"Microsoft") && !value.eq_ignore_ascii_case(b"NULL") {
                self.result.rows_other_provider += 1;
                return;
            }
        }
        if self.columns <= date.max(cost) {
            self.result.rows_rejected += 1;
            self.sink.push(
                Diagnostic::warning(
                    "spend.row-short",
                    format!(
                        "the row has {} fields; the header has more (the cost is field {})",
                        self.columns,
                        cost + 1
                    ),
                )
                .at(format!("line {line}")),
            );
            return;
        }
        let amount_text = self.field(data, cost);
        let amount_text = trim(&amount_text);
        let amount = if amount_text.is_empty() || amount_text.eq_ignore_ascii_case(b"NULL") {
            Ok((Exact::ZERO, false))
        } else {
            Exact::parse_bytes(amount_text)
        };
        let (amount, rounded) = match amount {
            Ok(amount) => amount,
            Err(error) => {
                self.result.rows_rejected += 1;
                let found = String::from_utf8_lossy(amount_text).chars().take(40).collect::<String>();
                let message = match error {
                    AmountError::NotANumber => format!("{} {found:?} is not a number; row skipped", layout.cost_name),
                    AmountError::TooLarge => {
                        format!("{} {found:?} is too large for any bill; row skipped", layout.cost_name)
                    }
                };
                self.sink.push(
                    Diagnostic::warning("spend.amount-not-numeric", message).at(format!("line {line}")).with_hint(
                        "amounts are decimal numbers such as 12.5, -0.25 or 1.91107E-08, with a point for decimals",
                    ),
                );
                return;
            }
        };
        if rounded {
            self.result.amounts_rounded += 1;
        }
        let date_text = self.field(data, date);
        let date_text = trim(&date_text);
        let day = match &self.last_date {
            Some((text, day)) if text.as_slice() == date_text => Some(*day),
            _ => {
                let day = parse_date(date_text);
                if let Some(day) = day {
                    self.last_date = Some((date_text.to_vec(), day));
                }
                day
            }
        };
        let Some(day) = day else {
            self.result.rows_rejected += 1;
            let found = String::from_utf8_lossy(date_text).chars().take(40).collect::<String>();
            self.sink.push(
                Diagnostic::warning("spend.date-unreadable", format!("date {found:?} is not a date; row skipped"))
                    .at(format!("line {line}"))
                    .with_hint("dates are MM/DD/YYYY as Cost Management writes them, YYYY-MM-DD, or ISO 8601 (2025-01-05T00:00Z)"),
            );
            return;
        };
        if let Some(currency) = currency {
            let value = self.field(data, currency);
            let value = trim(&value);
            if !value.is_empty()
                && !value.eq_ignore_ascii_case(b"NULL")
                && !value.eq_ignore_ascii_case(&self.last_currency)
            {
                self.last_currency = value.to_vec();
                self.result.currencies.insert(String::from_utf8_lossy(value).to_ascii_uppercase());
            }
        }
        if let Some(charge) = charge {
            let value = self.field(data, charge);
            let value = trim(&value);
            if value.eq_ignore_ascii_case(b"UnusedReservation") || value.eq_ignore_ascii_case(b"UnusedSavingsPlan") {
                self.result.amortized_signals += 1;
            } else if value.eq_ignore_ascii_case(b"Purchase") {
                let model = pricing.map(|p| self.field(data, p).into_owned()).unwrap_or_default();
                let model = trim(&model);
                if model.eq_ignore_ascii_case(b"Reservation") || model.eq_ignore_ascii_case(b"SavingsPlan") {
                    self.result.actual_signals += 1;
                }
            }
        }
        if china_kind {
            if let Some(region) = region {
                let value = self.field(data, region);
                let value = trim(&value).to_ascii_lowercase();
                if value.starts_with(b"china") || value.starts_with(b"cn ") {
                    self.result.china_rows += 1;
                }
            }
        }
        let id_text = self.field(data, id);
        let mut id_bytes = trim(&id_text);
        while let Some(stripped) = id_bytes.strip_suffix(b"/") {
            id_bytes = stripped;
        }
        if id_bytes.eq_ignore_ascii_case(b"NULL") {
            id_bytes = b"";
        }
        let month = day.year() as u32 * 12 + day.month() - 1;
        if self.month.is_some_and(|(current, _)| current != month) {
            self.flush_month();
        }
        let so_far = match self.month {
            Some((_, sum)) => sum,
            None => self.result.months.get(&month).copied().unwrap_or(Exact::ZERO),
        };
        let month_sum = so_far.checked_add(amount);
        let added = match month_sum {
            Some(_) => self.result.table.add(id_bytes, amount),
            None => Err(AddError::TooLarge),
        };
        if let Err(error) = added {
            self.result.rows_rejected += 1;
            let (code, message) = match error {
                AddError::NotUtf8 => ("spend.id-unreadable", "the resource id is not valid UTF-8; row skipped"),
                AddError::TooLarge => (
                    "spend.amount-too-large",
                    "the sum of this resource's or this month's rows is beyond any bill; row skipped",
                ),
                AddError::TooMany => ("spend.too-many-ids", "more than four billion resource ids; row skipped"),
            };
            self.sink.push(Diagnostic::warning(code, message).at(format!("line {line}")));
            return;
        }
        if let Some(sum) = month_sum {
            self.month = Some((month, sum));
        }
        self.result.rows_used += 1;
        if self.result.first.is_none_or(|first| day < first) {
            self.result.first = Some(day);
        }
        if self.result.last.is_none_or(|last| day > last) {
            self.result.last = Some(day);
        }
    }
}

/// A column that no slot needs.
const NOT_NEEDED: u8 = u8::MAX;

/// The masks of a block found both ways: the scan this target uses, and 64-bit words
/// (for the property tests, which run natively).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn masks_both_ways(delimiter: u8, block: &[u8; BLOCK]) -> [(u64, u64, u64); 2] {
    let scan = Scan::new(delimiter);
    [scan.block(block), scan.block_in_words(block)]
}

/// Bit i set when an odd number of bits 0..=i of `bits` are set.
fn prefix_xor(mut bits: u64) -> u64 {
    for shift in [1, 2, 4, 8, 16, 32] {
        bits ^= bits << shift;
    }
    bits
}

/// Bytes a scan step looks at.
pub(crate) const BLOCK: usize = 64;

/// Finds delimiters, quotes and line feeds 64 bytes at a time: bit `i` of each mask is
/// set when byte `i` of the block is the byte looked for.
struct Scan {
    delimiter: u8,
}

impl Scan {
    fn new(delimiter: u8) -> Scan {
        Scan { delimiter }
    }

    /// The delimiter, quote and line-feed masks of the block at `offset` (bytes past the
    /// end of the data are none of them).
    #[inline]
    fn masks(&self, data: &[u8], offset: usize) -> (u64, u64, u64) {
        if let Some(block) = data.get(offset..offset + BLOCK).and_then(|block| <&[u8; BLOCK]>::try_from(block).ok()) {
            return self.block(block);
        }
        let rest = data.get(offset..).unwrap_or(&[]);
        let mut padded = [0u8; BLOCK];
        let len = rest.len().min(BLOCK);
        padded[..len].copy_from_slice(&rest[..len]);
        let (delimiters, quotes, line_feeds) = self.block(&padded);
        let valid = if len >= BLOCK { u64::MAX } else { (1u64 << len) - 1 };
        (delimiters & valid, quotes & valid, line_feeds & valid)
    }

    /// Sixteen bytes at a time with SSE2.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[inline]
    fn block(&self, block: &[u8; BLOCK]) -> (u64, u64, u64) {
        use safe_arch::{cmp_eq_mask_i8_m128i, load_unaligned_m128i, move_mask_i8_m128i, set_splat_i8_m128i};
        // Four 16-byte parts (always there in a 64-byte block).
        let vectors = [0, 16, 32, 48]
            .map(|at| block[at..].first_chunk::<16>().map_or(set_splat_i8_m128i(0), load_unaligned_m128i));
        let mask = |byte: u8| {
            let wanted = set_splat_i8_m128i(byte as i8);
            let found = |i: usize| move_mask_i8_m128i(cmp_eq_mask_i8_m128i(vectors[i], wanted)) as u16 as u64;
            found(0) | found(1) << 16 | found(2) << 32 | found(3) << 48
        };
        (mask(self.delimiter), mask(b'"'), mask(b'\n'))
    }

    /// Elsewhere (WebAssembly), 64-bit words.
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    #[inline]
    fn block(&self, block: &[u8; BLOCK]) -> (u64, u64, u64) {
        self.block_in_words(block)
    }

    /// Eight bytes at a time in 64-bit words (tested against SSE2 where both exist).
    #[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2", not(test)), allow(dead_code))]
    #[inline]
    fn block_in_words(&self, block: &[u8; BLOCK]) -> (u64, u64, u64) {
        const LOW_BITS: u64 = 0x0101_0101_0101_0101;
        const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
        let repeated = [self.delimiter, b'"', b'\n'].map(|byte| LOW_BITS * u64::from(byte));
        let mut masks = [0u64; 3];
        for (part, bytes) in block.chunks_exact(8).enumerate() {
            let mut word = [0u8; 8];
            word.copy_from_slice(bytes);
            let word = u64::from_le_bytes(word);
            for (mask, repeated) in masks.iter_mut().zip(&repeated) {
                let x = word ^ repeated;
                // A zero byte of `x` keeps its high bit clear in `(x & 0x7f..) + 0x7f.. | x`;
                // the multiplication gathers the eight high bits into the top byte.
                let zero_bytes = !(((x & !HIGH_BITS).wrapping_add(!HIGH_BITS)) | x) & HIGH_BITS;
                let packed = ((zero_bytes >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
                *mask |= packed << (part * 8);
            }
        }
        (masks[0], masks[1], masks[2])
    }
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |e| e + 1);
    &bytes[start..end]
}

/// Splits a header line at `delimiter`, honouring quotes.
fn split_line(line: &str, delimiter: u8) -> Vec<String> {
    let mut names = Vec::new();
    let mut current = String::new();
    let mut in_quotes = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if in_quotes && chars.peek() == Some(&'"') => {
                current.push('"');
                chars.next();
            }
            '"' => in_quotes = !in_quotes,
            c if !in_quotes && c as u32 == u32::from(delimiter) => names.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    names.push(current);
    names
}

/// `MM/DD/YYYY` (`M/D/YYYY`, `M/D/YY`), `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]Z`,
/// `YYYY-MM-DD HH:MM:SS`, `YYYYMMDD`. A day first above 12 is not read as a month.
pub(crate) fn parse_date(text: &[u8]) -> Option<Date> {
    // The two shapes exports write, without splitting: MM/DD/YYYY and YYYY-MM-DD[T...].
    let digits = |bytes: &[u8]| -> Option<u32> {
        bytes.iter().try_fold(0u32, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
    };
    if text.len() == 10 && text[2] == b'/' && text[5] == b'/' {
        if let (Some(m), Some(d), Some(y)) = (digits(&text[..2]), digits(&text[3..5]), digits(&text[6..])) {
            return Date::new(i32::try_from(y).ok()?, m, d);
        }
    }
    if text.len() >= 10 && text[4] == b'-' && text[7] == b'-' && matches!(text.get(10), None | Some(b'T' | b' ')) {
        if let (Some(y), Some(m), Some(d)) = (digits(&text[..4]), digits(&text[5..7]), digits(&text[8..10])) {
            return Date::new(i32::try_from(y).ok()?, m, d);
        }
    }
    let text = std::str::from_utf8(text).ok()?.trim();
    let date = text.split(['T', ' ']).next()?;
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
    };
    if date.contains('/') {
        let mut parts = date.split('/');
        let (Some(m), Some(d), Some(y), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return None;
        };
        let (m, d, y) = (number(m)?, number(d)?, number(y)?);
        let year = match y {
            0..=99 => 2000 + y,
            _ => y,
        };
        return Date::new(i32::try_from(year).ok()?, m, d);
    }
    if date.contains('-') {
        let mut parts = date.split('-');
        let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return None;
        };
        if y.len() != 4 {
            return None;
        }
        return Date::new(i32::try_from(number(y)?).ok()?, number(m)?, number(d)?);
    }
    if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        let value: u32 = date.parse().ok()?;
        return Date::new(i32::try_from(value / 10_000).ok()?, value / 100 % 100, value % 100);
    }
    None
}

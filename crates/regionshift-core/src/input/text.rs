//! Turns the bytes of an input file into text: size limit, binary detection, BOMs,
//! UTF-16, and the comments ARM accepts in templates.

use std::fmt;

/// Why a file's bytes are not text this crate can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The file is larger than the caller's limit.
    TooLarge { size: u64, limit: u64 },
    /// A binary file: an archive, a document, an image (`what` says which).
    Binary { what: String },
    /// Not valid UTF-8 or UTF-16; the message says where.
    Encoding { message: String },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::TooLarge { size, limit } => write!(
                f,
                "the file is {} MiB, over the {} MiB limit",
                size.div_ceil(1024 * 1024),
                limit / (1024 * 1024)
            ),
            DecodeError::Binary { what } => write!(f, "this is {what}, not a text file"),
            DecodeError::Encoding { message } => f.write_str(message),
        }
    }
}

/// The encoding a file was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Encoding {
    #[serde(rename = "UTF-8")]
    Utf8,
    #[serde(rename = "UTF-8 with BOM")]
    Utf8Bom,
    #[serde(rename = "UTF-16 LE")]
    Utf16Le,
    #[serde(rename = "UTF-16 BE")]
    Utf16Be,
    /// Windows-1252, what Excel's "CSV (Comma delimited)" saves on a Western European
    /// Windows; read only where the caller asks for it ([`decode_windows_1252`]).
    #[serde(rename = "Windows-1252")]
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Decodes a file's bytes. UTF-8 text is borrowed; other encodings are converted.
pub fn decode(bytes: &[u8], max_bytes: u64) -> Result<(std::borrow::Cow<'_, str>, Encoding), DecodeError> {
    let size = bytes.len() as u64;
    if size > max_bytes {
        return Err(DecodeError::TooLarge { size, limit: max_bytes });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest, Encoding::Utf8Bom);
    }
    // UTF-32's marks begin like UTF-16's: told apart first.
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(DecodeError::Binary { what: "UTF-32 text (save it as UTF-8, or UTF-16 with a BOM)".to_string() });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, Encoding::Utf16Be);
    }
    if let Some(what) = known_binary(bytes) {
        return Err(DecodeError::Binary { what: what.to_string() });
    }
    let head = bytes.get(..4096).unwrap_or(bytes);
    if head.contains(&0) {
        // UTF-16 without a BOM: text that is mostly ASCII has a zero in nearly every
        // other byte, starting with its first character.
        let mostly_zero = |offset: usize| {
            let half: Vec<u8> = head.iter().skip(offset).step_by(2).copied().collect();
            half.len() >= 2 && half.iter().filter(|b| **b == 0).count() * 10 >= half.len() * 8
        };
        if let [first, second, _, _, ..] = head {
            if *first != 0 && *second == 0 && mostly_zero(1) {
                return utf16(bytes, Encoding::Utf16Le);
            }
            if *first == 0 && *second != 0 && mostly_zero(0) {
                return utf16(bytes, Encoding::Utf16Be);
            }
        }
        return Err(DecodeError::Binary { what: "a binary file (it contains NUL bytes)".to_string() });
    }
    utf8(bytes, Encoding::Utf8)
}

fn utf8(bytes: &[u8], encoding: Encoding) -> Result<(std::borrow::Cow<'_, str>, Encoding), DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((std::borrow::Cow::Borrowed(text), encoding)),
        Err(error) => {
            let offset = error.valid_up_to();
            let (line, column) = line_column(bytes.get(..offset).unwrap_or(bytes));
            Err(DecodeError::Encoding {
                message: format!(
                    "the file is not valid UTF-8: invalid byte 0x{:02X} at line {line}, column {column}; save it as UTF-8 or UTF-16 with a BOM",
                    bytes.get(offset).copied().unwrap_or_default()
                ),
            })
        }
    }
}

/// Decodes Windows-1252 text (every byte is a character), or `None` when the bytes
/// hold a NUL or one of the five bytes the code page leaves undefined: then they are
/// not Windows-1252 text.
pub fn decode_windows_1252(bytes: &[u8]) -> Option<String> {
    // 0x80..=0x9F, where Windows-1252 differs from Latin-1; 0 marks bytes it leaves undefined.
    const HIGH: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘', '’', '“', '”',
        '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    for &byte in bytes {
        let c = match byte {
            0 => return None,
            0x80..=0x9F => HIGH.get(usize::from(byte - 0x80)).copied().unwrap_or('\0'),
            _ => char::from(byte),
        };
        if c == '\0' {
            return None;
        }
        text.push(c);
    }
    Some(text)
}

fn utf16(bytes: &[u8], encoding: Encoding) -> Result<(std::borrow::Cow<'_, str>, Encoding), DecodeError> {
    if bytes.len() % 2 != 0 {
        return Err(DecodeError::Encoding {
            message: format!(
                "the file claims {} but has an odd number of bytes ({})",
                encoding.label(),
                bytes.len() + 2
            ),
        });
    }
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = <[u8; 2]>::try_from(pair).unwrap_or_default();
        match encoding {
            Encoding::Utf16Be => u16::from_be_bytes(pair),
            _ => u16::from_le_bytes(pair),
        }
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    for (index, unit) in char::decode_utf16(units).enumerate() {
        match unit {
            Ok(c) => text.push(c),
            Err(error) => {
                return Err(DecodeError::Encoding {
                    message: format!(
                        "the file is not valid {}: unpaired surrogate 0x{:04X} at character {}",
                        encoding.label(),
                        error.unpaired_surrogate(),
                        index + 1
                    ),
                })
            }
        }
    }
    Ok((std::borrow::Cow::Owned(text), encoding))
}

fn known_binary(bytes: &[u8]) -> Option<&'static str> {
    // An Excel workbook is a ZIP archive whose first entries name its parts.
    let head = bytes.get(..2048).unwrap_or(bytes);
    let names_part = |part: &[u8]| head.windows(part.len()).any(|window| window == part);
    if bytes.starts_with(b"PK\x03\x04") && (names_part(b"xl/") || names_part(b"[Content_Types].xml")) {
        return Some("an Excel workbook (save the sheet as CSV UTF-8, or export CSV from the portal)");
    }
    const MAGIC: [(&[u8], &str); 7] = [
        (b"PK\x03\x04", "a ZIP archive (extract the export first)"),
        (b"\x1F\x8B", "a gzip archive (decompress it first)"),
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"\xD0\xCF\x11\xE0", "an old Office document (save the sheet as CSV)"),
        (b"\x00asm", "a WebAssembly module"),
    ];
    MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, what)| *what)
}

/// 1-based line and column (in characters) of the end of `bytes`.
pub fn line_column(bytes: &[u8]) -> (usize, usize) {
    let line = 1 + bytes.iter().filter(|b| **b == b'\n').count();
    let line_start = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    let column = 1 + String::from_utf8_lossy(bytes.get(line_start..).unwrap_or_default()).chars().count();
    (line, column)
}

/// What a quick scan of JSON text found outside strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonScan {
    /// The deepest nesting of arrays and objects, and the byte offset where a limit was
    /// first passed.
    pub max_depth: usize,
    pub too_deep_at: Option<usize>,
    /// The text has `//` or `/* */` comments (which ARM templates may have).
    pub has_comments: bool,
}

/// Scans JSON text once for nesting depth and comments, without building anything.
pub fn scan_json(text: &str, depth_limit: usize) -> JsonScan {
    let bytes = text.as_bytes();
    let mut scan = JsonScan { max_depth: 0, too_deep_at: None, has_comments: false };
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'"' => i = closing_quote(bytes, i),
            b'{' | b'[' => {
                depth += 1;
                if depth > scan.max_depth {
                    scan.max_depth = depth;
                    if depth > depth_limit && scan.too_deep_at.is_none() {
                        scan.too_deep_at = Some(i);
                    }
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'/' if matches!(bytes.get(i + 1), Some(b'/') | Some(b'*')) => scan.has_comments = true,
            _ => {}
        }
        i += 1;
    }
    scan
}

/// The index of the quote closing the JSON string that opens at `open` (or the end of
/// the text when the string is not closed), skipping escaped characters.
fn closing_quote(bytes: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Replaces `//` and `/* */` comments outside strings with spaces, keeping every
/// newline so line and column numbers in later errors still match the file.
pub fn strip_json_comments(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'"' => {
                let start = i;
                i = closing_quote(bytes, i);
                let end = (i + 1).min(bytes.len());
                out.extend_from_slice(bytes.get(start..end).unwrap_or_default());
                i = end;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while bytes.get(i).is_some_and(|b| *b != b'\n') {
                    out.push(b' ');
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                out.extend_from_slice(b"  ");
                i += 2;
                while let Some(&inside) = bytes.get(i).filter(|b| !(**b == b'*' && bytes.get(i + 1) == Some(&b'/'))) {
                    out.push(if inside == b'\n' { b'\n' } else { b' ' });
                    i += 1;
                }
                if i < bytes.len() {
                    out.extend_from_slice(b"  ");
                    i += 2;
                }
                continue;
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    // Only ASCII bytes outside strings were replaced by ASCII spaces, except inside
    // comments, where multi-byte characters became one space per byte.
    String::from_utf8(out).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {

    #[test]
    fn windows_1252_decodes_its_own_bytes_and_refuses_undefined_ones() {
        assert_eq!(decode_windows_1252(b"donn\xe9es \x80 \x93x\x94").as_deref(), Some("données € “x”"));
        assert_eq!(decode_windows_1252(b"a\x81b"), None);
        assert_eq!(decode_windows_1252(b"a\x00b"), None);
    }
    use super::*;

    const LIMIT: u64 = 1 << 20;

    #[test]
    fn decodes_every_accepted_encoding() {
        let text = "[{\"name\":\"vm-北京\"}]";
        assert_eq!(decode(text.as_bytes(), LIMIT).unwrap(), (text.into(), Encoding::Utf8));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom, LIMIT).unwrap(), (text.into(), Encoding::Utf8Bom));
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le, LIMIT).unwrap(), (text.into(), Encoding::Utf16Le));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be, LIMIT).unwrap(), (text.into(), Encoding::Utf16Be));
        let bomless: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&bomless, LIMIT).unwrap(), (text.into(), Encoding::Utf16Le));
    }

    #[test]
    fn refuses_binary_oversized_and_broken_text() {
        assert!(matches!(decode(b"PK\x03\x04rest", LIMIT), Err(DecodeError::Binary { what }) if what.contains("ZIP")));
        assert!(matches!(decode(&[1, 0, 0, 2, 0, 0, 7], LIMIT), Err(DecodeError::Binary { .. })));
        assert_eq!(decode(&[b'x'; 11], 10), Err(DecodeError::TooLarge { size: 11, limit: 10 }));
        let error = decode(b"[\n  \"a\xFFb\"]", LIMIT).unwrap_err();
        assert!(
            matches!(&error, DecodeError::Encoding { message } if message.contains("line 2, column 5")),
            "{error:?}"
        );
        assert!(matches!(decode(&[0xFF, 0xFE, 0x41], LIMIT), Err(DecodeError::Encoding { .. })));
        for utf32 in [&b"\xFF\xFE\x00\x00[\x00\x00\x00"[..], &b"\x00\x00\xFE\xFF\x00\x00\x00["[..]] {
            assert!(
                matches!(decode(utf32, LIMIT), Err(DecodeError::Binary { what }) if what.starts_with("UTF-32 text")),
                "{utf32:?}"
            );
        }
        let workbook = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml";
        assert!(
            matches!(decode(workbook, LIMIT), Err(DecodeError::Binary { what }) if what.starts_with("an Excel workbook"))
        );
    }

    #[test]
    fn scan_finds_depth_and_comments_outside_strings() {
        let scan = scan_json(r#"{"a": [[{"b": "[[[[//"}]]]}"#, 3);
        assert_eq!(scan.max_depth, 4);
        assert_eq!(scan.too_deep_at, Some(8));
        assert!(!scan.has_comments);
        assert!(scan_json("{ // x\n}", 10).has_comments);
        assert!(scan_json("{ /* x */ }", 10).has_comments);
    }

    #[test]
    fn strips_comments_and_keeps_lines() {
        let text = "{\n  // a comment \"quoted\"\n  \"url\": \"http://x/*y*/\", /* multi\nline */ \"b\": 1\n}";
        let stripped = strip_json_comments(text);
        assert_eq!(stripped.lines().count(), text.lines().count());
        let value: serde_json::Value = serde_json::from_str(&stripped).unwrap();
        assert_eq!(value["url"], "http://x/*y*/");
        assert_eq!(value["b"], 1);
    }
}

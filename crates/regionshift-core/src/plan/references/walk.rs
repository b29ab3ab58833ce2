//! A walk over the raw JSON text of properties, without serde's visitors and without
//! building a tree: it tells a [`Visitor`] which member or element it enters and
//! leaves and hands it every string, and steps over everything else. [`extract`] reads
//! one value at a path the same way.
//!
//! The text was validated at import, so the walk reads bytes directly, without UTF-8
//! re-validation; that is what keeps planning faster than import. On text that is not
//! valid JSON it stops early: it may lose references, never invent them.

use std::borrow::Cow;

/// Deepest nesting the walker follows; a deeper value ends the walk (serde_json's own
/// limit at import is 128, so nothing that imported is deeper).
const MAX_DEPTH: usize = 128;

/// What a walk reports as it goes: where it is and the strings it finds.
pub(super) trait Visitor<'t> {
    /// The walk is about to read the value of the member `key`. False skips the value:
    /// the visitor then sees nothing of it, and no [`Visitor::leave`] follows.
    fn enter_key(&mut self, key: Cow<'t, str>) -> bool;
    /// The walk is about to read the element at `position` of an array.
    fn enter_index(&mut self, position: usize);
    /// The walk has read the value last entered.
    fn leave(&mut self);
    /// A string value, unescaped.
    fn string(&mut self, text: &str);
}

/// Stands for "no visitor" in a walk that only steps over values; it has no value, so
/// none of its methods can run.
enum Skip {}

impl Visitor<'_> for Skip {
    fn enter_key(&mut self, _: Cow<'_, str>) -> bool {
        match *self {}
    }

    fn enter_index(&mut self, _: usize) {
        match *self {}
    }

    fn leave(&mut self) {
        match *self {}
    }

    fn string(&mut self, _: &str) {
        match *self {}
    }
}

/// Walks one JSON value, reporting to `visitor`. Returns `None` if the text ends early
/// or is not JSON.
pub(super) fn walk<'t>(text: &'t str, visitor: &mut impl Visitor<'t>) -> Option<()> {
    Walk { text, at: 0 }.value(Some(visitor), 0)
}

/// The value at `path` (names compared ignoring case) in a JSON text, read without
/// building the rest of the tree.
pub(in crate::plan) fn extract(raw: &str, path: &[&str]) -> Option<serde_json::Value> {
    let mut walk = Walk { text: raw, at: 0 };
    for name in path {
        if walk.peek()? != b'{' {
            return None;
        }
        walk.at += 1;
        loop {
            match walk.peek()? {
                b'"' => {}
                _ => return None,
            }
            let key = walk.string()?;
            if walk.peek()? != b':' {
                return None;
            }
            walk.at += 1;
            if key.eq_ignore_ascii_case(name) {
                break;
            }
            walk.skip(0)?;
            match walk.peek()? {
                b',' => walk.at += 1,
                _ => return None,
            }
        }
    }
    walk.skip_whitespace();
    let start = walk.at;
    walk.skip(0)?;
    serde_json::from_str(&raw[start..walk.at]).ok()
}

/// A position in JSON text that import has already validated.
struct Walk<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Walk<'t> {
    fn skip_whitespace(&mut self) {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() && matches!(bytes[self.at], b' ' | b'\n' | b'\r' | b'\t') {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.text.as_bytes().get(self.at).copied()
    }

    /// The string starting at the current `"`, unescaped only when it has escapes.
    fn string(&mut self) -> Option<Cow<'t, str>> {
        let bytes = self.text.as_bytes();
        let start = self.at + 1;
        let mut end = start;
        let mut escaped = false;
        loop {
            // Eight bytes at a time while none is a quote or a backslash.
            while end + 8 <= bytes.len() {
                let word = u64::from_le_bytes(bytes[end..end + 8].try_into().ok()?);
                if has_byte(word, b'"') || has_byte(word, b'\\') {
                    break;
                }
                end += 8;
            }
            match bytes.get(end)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    end += 2;
                }
                _ => end += 1,
            }
        }
        self.at = end + 1;
        if escaped {
            serde_json::from_str::<String>(&self.text[start - 1..=end]).ok().map(Cow::Owned)
        } else {
            Some(Cow::Borrowed(&self.text[start..end]))
        }
    }

    /// Steps over a number, `true`, `false` or `null`.
    fn scalar(&mut self) {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() && !matches!(bytes[self.at], b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
            self.at += 1;
        }
    }

    /// Steps over one value.
    fn skip(&mut self, depth: usize) -> Option<()> {
        self.value(None::<&mut Skip>, depth)
    }

    /// Walks one value; what it holds goes to `visitor` unless it is `None` (a skipped
    /// subtree).
    fn value<V: Visitor<'t>>(&mut self, mut visitor: Option<&mut V>, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'"' => {
                let text = self.string()?;
                if let Some(visitor) = visitor {
                    visitor.string(&text);
                }
            }
            b'{' => {
                self.at += 1;
                if self.peek()? == b'}' {
                    self.at += 1;
                    return Some(());
                }
                loop {
                    if self.peek()? != b'"' {
                        return None;
                    }
                    let key = self.string()?;
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.at += 1;
                    match visitor.as_deref_mut() {
                        Some(visitor) => {
                            if visitor.enter_key(key) {
                                self.value(Some(&mut *visitor), depth + 1)?;
                                visitor.leave();
                            } else {
                                self.skip(depth + 1)?;
                            }
                        }
                        None => self.skip(depth + 1)?,
                    }
                    match self.peek()? {
                        b',' => self.at += 1,
                        b'}' => {
                            self.at += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.at += 1;
                if self.peek()? == b']' {
                    self.at += 1;
                    return Some(());
                }
                let mut position = 0usize;
                loop {
                    match visitor.as_deref_mut() {
                        Some(visitor) => {
                            visitor.enter_index(position);
                            self.value(Some(&mut *visitor), depth + 1)?;
                            visitor.leave();
                        }
                        None => self.skip(depth + 1)?,
                    }
                    position += 1;
                    match self.peek()? {
                        b',' => self.at += 1,
                        b']' => {
                            self.at += 1;
                            break;
                        }
                        _ => return None,
                    }
                }
            }
            _ => self.scalar(),
        }
        Some(())
    }
}

/// Does any byte of the word equal `byte`? (The classic SWAR zero-byte test.)
fn has_byte(word: u64, byte: u8) -> bool {
    let x = word ^ (u64::from(byte) * 0x0101_0101_0101_0101);
    (x.wrapping_sub(0x0101_0101_0101_0101) & !x & 0x8080_8080_8080_8080) != 0
}

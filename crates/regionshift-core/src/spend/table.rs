//! Spend summed per resource id (compared ignoring ASCII case, as Azure compares ids)
//! without lowercasing a copy of every row's id: the id is hashed with
//! its ASCII letters folded, eight bytes at a time, and compared ignoring case.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::amount::Exact;

/// One resource id's rows.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Where the id, as first written, is in the table's `ids`.
    id_start: usize,
    id_len: usize,
    pub rows: u64,
    /// The sum of its rows.
    pub total: Exact,
    /// The next entry with the same hash, or `u32::MAX`.
    next: u32,
    /// Its place in the table's entries.
    index: u32,
}

impl Entry {
    /// Its place in the table's entries.
    pub fn index(&self) -> usize {
        self.index as usize
    }
}

/// Passes a precomputed hash through.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    index: HashMap<u64, u32, BuildHasherDefault<Identity>>,
    pub entries: Vec<Entry>,
    /// Every id one after the other, in the order first seen (rows come in much the
    /// same order, so comparing a row's id with its entry's reads memory in order).
    ids: String,
    /// The last entry added to.
    last: Option<u32>,
}

impl Table {
    /// An entry's id as first written.
    pub fn id(&self, entry: &Entry) -> &str {
        self.ids.get(entry.id_start..entry.id_start + entry.id_len).unwrap_or("")
    }

    /// Adds `amount` to the id's month. The id's bytes are checked to be UTF-8 only
    /// when the id is new: bytes equal to a known id but for ASCII case are UTF-8 too.
    pub fn add(&mut self, id: &[u8], amount: Exact) -> Result<(), AddError> {
        let index = self.find_or_insert(id)?;
        let entry = &mut self.entries[index as usize];
        entry.total = entry.total.checked_add(amount).ok_or(AddError::TooLarge)?;
        entry.rows += 1;
        Ok(())
    }

    /// The entry of an id, if any.
    pub fn find(&self, id: &[u8]) -> Option<&Entry> {
        let mut at = self.index.get(&hash_ignoring_case(id)).copied().unwrap_or(u32::MAX);
        while at != u32::MAX {
            let entry = &self.entries[at as usize];
            if eq_ignoring_case(self.id(entry).as_bytes(), id) {
                return Some(entry);
            }
            at = entry.next;
        }
        None
    }

    /// Adds another table's sums (a file joining the others).
    pub fn merge(&mut self, other: Table) -> bool {
        if self.entries.is_empty() {
            *self = other;
            return true;
        }
        for entry in &other.entries {
            let Ok(index) = self.find_or_insert(other.id(entry).as_bytes()) else { return false };
            let target = &mut self.entries[index as usize];
            target.rows += entry.rows;
            match target.total.checked_add(entry.total) {
                Some(sum) => target.total = sum,
                None => return false,
            }
        }
        true
    }

    fn find_or_insert(&mut self, id: &[u8]) -> Result<u32, AddError> {
        // Exports list a resource's rows together, and resources in the same order
        // period after period: the last entry and the one after it come first, compared
        // as written (no hash needed when one of them is the row's id).
        if let Some(last) = self.last {
            for guess in [last, last + 1] {
                if let Some(entry) = self.entries.get(guess as usize) {
                    if entry.id_len == id.len() && self.id(entry).as_bytes() == id {
                        self.last = Some(guess);
                        return Ok(guess);
                    }
                }
            }
        }
        let hash = hash_ignoring_case(id);
        let head = self.index.get(&hash).copied().unwrap_or(u32::MAX);
        let mut at = head;
        while at != u32::MAX {
            if eq_ignoring_case(self.id(&self.entries[at as usize]).as_bytes(), id) {
                self.last = Some(at);
                return Ok(at);
            }
            at = self.entries[at as usize].next;
        }
        let id = std::str::from_utf8(id).map_err(|_| AddError::NotUtf8)?;
        let index = u32::try_from(self.entries.len()).map_err(|_| AddError::TooMany)?;
        let id_start = self.ids.len();
        self.ids.push_str(id);
        self.entries.push(Entry { id_start, id_len: id.len(), rows: 0, total: Exact::ZERO, next: head, index });
        self.index.insert(hash, index);
        self.last = Some(index);
        Ok(index)
    }
}

/// Why a row could not be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AddError {
    /// The sum would exceed any bill.
    TooLarge,
    /// The id is not UTF-8.
    NotUtf8,
    /// More than four billion resource ids.
    TooMany,
}

/// ASCII upper-case letters of eight bytes made lower case (other bytes change in a
/// way that depends on them alone, which is all a hash needs).
fn fold(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let seven = x & !HIGH;
    let from_a = seven.wrapping_add(0x3f3f_3f3f_3f3f_3f3f); // high bit: byte >= 'A'
    let after_z = seven.wrapping_add(0x2525_2525_2525_2525); // high bit: byte > 'Z'
    let upper = from_a & !after_z & HIGH & !x;
    x | (upper >> 2)
}

/// Are the bytes equal but for ASCII case? (Most ids repeat as first written, so the
/// plain comparison comes first.)
fn eq_ignoring_case(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a == b {
        return true;
    }
    let word = |bytes: &[u8]| {
        let mut word = [0u8; 8];
        word[..bytes.len()].copy_from_slice(bytes);
        fold(u64::from_le_bytes(word))
    };
    a.chunks(8).zip(b.chunks(8)).all(|(x, y)| word(x) == word(y))
}

/// A hash of the bytes that ignores ASCII case.
pub(crate) fn hash_ignoring_case(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut hash = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        hash = (hash.rotate_left(5) ^ fold(u64::from_le_bytes(word))).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        hash = (hash.rotate_left(5) ^ fold(u64::from_le_bytes(word))).wrapping_mul(K);
    }
    // Mixes the high bits into the low ones, which pick the bucket.
    hash ^= hash >> 32;
    hash = hash.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash ^ (hash >> 29)
}

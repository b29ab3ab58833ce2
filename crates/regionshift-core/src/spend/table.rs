//! Spend summed per resource id (compared ignoring ASCII case, as Azure compares ids)
//! and per month, without lowercasing a copy of every row's id: the id is hashed with
//! its ASCII letters folded, eight bytes at a time, and compared ignoring case.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::amount::Exact;

/// One resource id's rows.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The id as first written.
    pub id: String,
    pub rows: u64,
    /// (month index: year × 12 + month − 1, sum), in the order first seen.
    pub months: Vec<(u32, Exact)>,
    /// The next entry with the same hash, or `u32::MAX`.
    next: u32,
}

impl Entry {
    pub fn total(&self) -> Option<Exact> {
        self.months.iter().try_fold(Exact::ZERO, |sum, (_, amount)| sum.checked_add(*amount))
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
    /// The last entry added to, as most exports list a resource's rows together.
    last: Option<u32>,
}

impl Table {
    /// Adds `amount` to the id's month; `false` when the sum would exceed any bill.
    pub fn add(&mut self, id: &str, month: u32, amount: Exact) -> bool {
        let index = self.find_or_insert(id);
        let entry = &mut self.entries[index as usize];
        entry.rows += 1;
        match entry.months.iter_mut().find(|(m, _)| *m == month) {
            Some((_, sum)) => match sum.checked_add(amount) {
                Some(new) => *sum = new,
                None => return false,
            },
            None => entry.months.push((month, amount)),
        }
        true
    }

    /// Adds another table's sums (a file joining the others).
    pub fn merge(&mut self, other: Table) -> bool {
        for entry in other.entries {
            let index = self.find_or_insert(&entry.id);
            let target = &mut self.entries[index as usize];
            target.rows += entry.rows;
            for (month, amount) in entry.months {
                match target.months.iter_mut().find(|(m, _)| *m == month) {
                    Some((_, sum)) => match sum.checked_add(amount) {
                        Some(new) => *sum = new,
                        None => return false,
                    },
                    None => target.months.push((month, amount)),
                }
            }
        }
        true
    }

    fn find_or_insert(&mut self, id: &str) -> u32 {
        if let Some(last) = self.last {
            if self.entries[last as usize].id.eq_ignore_ascii_case(id) {
                return last;
            }
        }
        let hash = hash_ignoring_case(id.as_bytes());
        let mut at = self.index.get(&hash).copied().unwrap_or(u32::MAX);
        let head = at;
        while at != u32::MAX {
            if self.entries[at as usize].id.eq_ignore_ascii_case(id) {
                self.last = Some(at);
                return at;
            }
            at = self.entries[at as usize].next;
        }
        let index = u32::try_from(self.entries.len()).unwrap_or(u32::MAX - 1);
        self.entries.push(Entry { id: id.to_string(), rows: 0, months: Vec::new(), next: head });
        self.index.insert(hash, index);
        self.last = Some(index);
        index
    }
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
    hash
}

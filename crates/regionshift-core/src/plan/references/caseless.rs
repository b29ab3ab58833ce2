//! Hash map keys for ids that compare and hash ignoring ASCII case, eight bytes at a
//! time, so an id found in a resource body is looked up in the index as written,
//! without lowercasing a copy first.

use std::collections::HashMap;

/// A fast hasher for id keys (FxHash's mixing): the keys are the user's own data, so
/// there is no adversary to defend against with SipHash.
#[derive(Default)]
pub(super) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(super) type KeyMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// Eight bytes with `A`-`Z` lowercased at once (other bytes, UTF-8 included, unchanged).
pub(super) fn ascii_lowercase_word(word: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = word & !HIGH;
    // The high bit of each byte says: at least 'A', and above 'Z'.
    let at_least_a = low7 + 0x3f3f_3f3f_3f3f_3f3f;
    let above_z = low7 + 0x2525_2525_2525_2525;
    let upper = at_least_a & !above_z & !word & HIGH;
    word | (upper >> 2)
}

/// An id key compared and hashed ignoring ASCII case, so an id found in a resource
/// body is looked up as written, without lowercasing a copy first.
#[derive(Clone, Copy)]
pub(super) struct Caseless<'a>(pub(super) &'a str);

impl PartialEq for Caseless<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for Caseless<'_> {}

impl std::hash::Hash for Caseless<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for chunk in self.0.as_bytes().chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            state.write_u64(ascii_lowercase_word(u64::from_le_bytes(word)));
        }
        state.write_usize(self.0.len());
    }
}

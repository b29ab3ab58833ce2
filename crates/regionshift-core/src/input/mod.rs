//! Input files as the shells hand them to the core: a name and bytes, the limits on
//! reading them, and decoding bytes into text (BOMs, UTF-16, binary sniffing, the
//! comments ARM accepts in JSON). A leaf: it knows nothing of what the files hold.

// User text reaches this module: no slicing or indexing that could panic, no unwrap or
// expect outside tests (a local `allow` only where an index is proven in range, saying why).
#![cfg_attr(not(test), deny(clippy::string_slice, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used))]

pub mod text;

pub use text::{DecodeError, Encoding};

/// Files larger than this are refused unless the caller sets another limit.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// One file to read: its name (for messages) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl InputFile {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> InputFile {
        InputFile { name: name.into(), bytes: bytes.into() }
    }
}

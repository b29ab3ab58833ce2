//! A service's own endpoints: a host name made from the resource's own name
//! (`NAME-secondary.blob…`, `NAME-eastus.documents…`, `NAME.ZONE.database…`) in the
//! resource's own properties is where it is reached, not a reference to another
//! resource.

use super::kind::namespace;

/// Is a host name of one of `host_types`, found in `text` in the properties of a
/// resource of type `own_type` named `own_name`, that resource's own endpoint?
pub(super) fn is_own_endpoint(text: &str, host_types: &[&str], own_type: &str, own_name: &str) -> bool {
    namespace(host_types[0]) == namespace(own_type) && names_own_endpoint(text, own_name)
}

/// Does the text hold a host name that starts with the resource's own name followed by
/// `.` or `-` (its regional, secondary or zone-qualified endpoint)?
pub(super) fn names_own_endpoint(text: &str, own_name: &str) -> bool {
    let (text, name) = (text.as_bytes(), own_name.as_bytes());
    if name.is_empty() {
        return false;
    }
    let is_host_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'.' || b == b'-';
    text.split(|&b| !is_host_byte(b)).any(|token| {
        token.len() > name.len()
            && token[..name.len()].eq_ignore_ascii_case(name)
            && matches!(token[name.len()], b'.' | b'-')
    })
}

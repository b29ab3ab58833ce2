//! Strings that are not ids but name a resource where an id is expected: a bare name
//! in a property that may hold one (a web app's `serverFarmId` naming its plan), and a
//! GUID that may be the principal id of a resource's managed identity (a vault access
//! policy's `objectId`, a role assignment's `principalId`).

/// Properties that may hold a bare name instead of an id: (source type, path pattern,
/// target types).
pub(super) const NAME_REFERENCES: &[(&str, &str, &[&str])] = &[
    ("microsoft.web/sites", "properties.serverfarmid", &["microsoft.web/serverfarms"]),
    ("microsoft.web/sites/slots", "properties.serverfarmid", &["microsoft.web/serverfarms"]),
];

/// The target types when the property at `pattern` of a resource of type `type_key`
/// may hold a bare name.
pub(super) fn name_reference(type_key: &str, pattern: &str) -> Option<&'static [&'static str]> {
    NAME_REFERENCES.iter().find(|(source, path, _)| *source == type_key && *path == pattern).map(|(_, _, types)| *types)
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
pub(super) fn is_guid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

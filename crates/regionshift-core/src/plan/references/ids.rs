//! Resource ids as text, without parsing them: what looks like an id, its key, its
//! parent's key, whether it points inside the resource itself, and the platform ids
//! that are never resources of an inventory.

use crate::azure::ResourceId;

/// Does the reference (an id key) point into the resource itself (an LB rule to its own
/// frontend, a NIC's own IP configuration)?
pub(super) fn is_self_reference(own: &str, target: &str) -> bool {
    target == own || (target.starts_with(own) && target.as_bytes().get(own.len()) == Some(&b'/'))
}

/// [`is_self_reference`] for a target as written (any case); `own` is lowercase.
pub(super) fn is_self_reference_caseless(own: &str, target: &str) -> bool {
    target.len() >= own.len()
        && target.as_bytes()[..own.len()].eq_ignore_ascii_case(own.as_bytes())
        && (target.len() == own.len() || target.as_bytes()[own.len()] == b'/')
}

/// The lowercased id without a trailing slash.
pub(super) fn id_key(text: &str) -> String {
    let text = text.trim();
    text.strip_suffix('/').unwrap_or(text).to_ascii_lowercase()
}

/// Could this text be a resource id? It starts with `/subscriptions/` or
/// `/providers/`, has no empty segment, and its last provider section has a type for
/// every name. Cheaper than parsing; a text that passes is parsed only if it names
/// nothing in the inventory.
pub(super) fn looks_like_id(text: &str) -> bool {
    let bytes = text.as_bytes();
    let starts =
        |prefix: &str| bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes());
    if !(starts("/subscriptions/") || starts("/providers/"))
        || text.contains("//")
        || bytes.iter().any(u8::is_ascii_whitespace)
    {
        return false;
    }
    let body = text.strip_suffix('/').unwrap_or(text);
    let at = if body.bytes().any(|b| b.is_ascii_uppercase()) {
        body.to_ascii_lowercase().rfind("/providers/")
    } else {
        body.rfind("/providers/")
    };
    match at {
        Some(at) => {
            let segments = body[at + "/providers/".len()..].split('/').count();
            segments >= 3 && segments % 2 == 1
        }
        None => true,
    }
}

/// The id key of the parent of an id key, as [`ResourceId::parent`] defines it: the
/// parent in the type chain, or for a top-level extension resource the resource it
/// extends. Expects a lowercased key.
pub(super) fn parent_key(key: &str) -> Option<&str> {
    let at = key.rfind("/providers/")?;
    let section = &key[at + "/providers/".len()..];
    let segments = section.split('/').count();
    if segments >= 5 {
        let cut = key.rfind('/')?;
        let cut = key[..cut].rfind('/')?;
        return Some(&key[..cut]);
    }
    let scope = &key[..at];
    scope.contains("/providers/").then_some(scope)
}

/// Ids of platform things that are never inventory resources: locations, marketplace
/// images, built-in role and policy definitions, public maintenance configurations.
pub(super) fn is_platform(id: &ResourceId) -> bool {
    let key = id.key();
    if key.contains("/locations/") {
        return true;
    }
    let type_key = id.resource_type();
    matches!(
        type_key.key(),
        "microsoft.authorization/roledefinitions"
            | "microsoft.authorization/policydefinitions"
            | "microsoft.authorization/policysetdefinitions"
            | "microsoft.maintenance/publicmaintenanceconfigurations"
            | "microsoft.resources/subscriptions"
            | "microsoft.resources/tenants"
    )
}

//! Azure resource ids, parsed and compared case-insensitively as Azure does.
//!
//! An id names a scope (tenant, subscription, resource group) and then one or more
//! provider sections: `/providers/{namespace}/{type}/{name}[/{childType}/{childName}]*`.
//! Extension resources (diagnostic settings, role assignments, locks) add a further
//! `/providers/...` section on top of the resource they extend.

// User text reaches this module: no slicing or indexing that could panic, no unwrap or
// expect outside tests (a local `allow` only where an index is proven in range, saying why).
#![cfg_attr(not(test), deny(clippy::string_slice, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used))]

use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Serialize, Serializer};

use std::sync::Arc;

use super::ResourceType;

/// A parsed Azure resource id. Equality and hashing ignore ASCII case. Cloning is
/// cheap (the parsed parts are shared), so every edge, line and task that names a
/// resource can hold its id.
#[derive(Clone)]
pub struct ResourceId(Arc<IdParts>);

struct IdParts {
    raw: String,
    key: String,
    subscription: Option<String>,
    resource_group: Option<String>,
    /// The provider section the resource itself belongs to (the last one).
    namespace: Option<String>,
    /// `(type segment, name segment)` pairs of the last provider section.
    chain: Vec<(String, String)>,
    /// Number of bytes of `raw` before the last provider section: the scope the
    /// resource lives in (an extension resource's parent resource, or a group).
    scope_len: usize,
}

/// Why a string is not a resource id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdError {
    pub reason: &'static str,
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason)
    }
}

impl ResourceId {
    /// Parses an id such as
    /// `/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Network/virtualNetworks/{v}/subnets/{n}`.
    /// Subscription and resource group ids themselves are accepted too.
    pub fn parse(text: &str) -> Result<ResourceId, IdError> {
        let trimmed = text.trim();
        let body = trimmed.strip_prefix('/').ok_or(IdError { reason: "a resource id starts with '/'" })?;
        let body = body.strip_suffix('/').unwrap_or(body);
        if body.is_empty() {
            return Err(IdError { reason: "the id is empty" });
        }
        let segments: Vec<&str> = body.split('/').collect();
        if segments.iter().any(|s| s.is_empty()) {
            return Err(IdError { reason: "the id has an empty segment ('//')" });
        }
        let mut subscription = None;
        let mut resource_group = None;
        let mut index = 0;
        let first = segments.first().copied().unwrap_or_default();
        if first.eq_ignore_ascii_case("subscriptions") {
            let sub = segments.get(1).ok_or(IdError { reason: "'subscriptions' is not followed by an id" })?;
            subscription = Some((*sub).to_string());
            index = 2;
            if segments.get(2).is_some_and(|s| s.eq_ignore_ascii_case("resourceGroups")) {
                let group = segments.get(3).ok_or(IdError { reason: "'resourceGroups' is not followed by a name" })?;
                resource_group = Some((*group).to_string());
                index = 4;
            }
        } else if !first.eq_ignore_ascii_case("providers") {
            return Err(IdError { reason: "a resource id begins with /subscriptions/ or /providers/" });
        }
        // Find the last provider section.
        let mut last_providers = None;
        let mut i = index;
        while let Some(segment) = segments.get(i) {
            if segment.eq_ignore_ascii_case("providers") {
                last_providers = Some(i);
                // namespace + at least one type/name pair follow in a valid section
                i += 2;
            } else {
                i += 1;
            }
        }
        let (namespace, chain, scope_len) = match last_providers {
            None => {
                if index != segments.len() {
                    return Err(IdError { reason: "unexpected segments after the scope; expected /providers/..." });
                }
                (None, Vec::new(), 0)
            }
            Some(p) => {
                let namespace =
                    segments.get(p + 1).ok_or(IdError { reason: "'providers' is not followed by a namespace" })?;
                let rest = segments.get(p + 2..).unwrap_or_default();
                if rest.is_empty() {
                    return Err(IdError { reason: "the provider namespace is not followed by a type and name" });
                }
                if rest.len() % 2 != 0 {
                    return Err(IdError { reason: "a resource type in the id has no name after it" });
                }
                let chain = rest
                    .chunks_exact(2)
                    .filter_map(|pair| match pair {
                        [resource_type, name] => Some((resource_type.to_string(), name.to_string())),
                        _ => None,
                    })
                    .collect();
                // Bytes before "/providers" of the last section.
                let scope_len = 1 + segments.iter().take(p).map(|s| s.len() + 1).sum::<usize>();
                let scope_len = scope_len.saturating_sub(1);
                (Some((*namespace).to_string()), chain, scope_len)
            }
        };
        let raw = trimmed.strip_suffix('/').unwrap_or(trimmed).to_string();
        let key = raw.to_ascii_lowercase();
        Ok(ResourceId(Arc::new(IdParts { raw, key, subscription, resource_group, namespace, chain, scope_len })))
    }

    /// The id as it was written (trailing slash removed).
    pub fn as_str(&self) -> &str {
        &self.0.raw
    }

    /// The lowercased id used for comparison.
    pub fn key(&self) -> &str {
        &self.0.key
    }

    pub fn subscription(&self) -> Option<&str> {
        self.0.subscription.as_deref()
    }

    pub fn resource_group(&self) -> Option<&str> {
        self.0.resource_group.as_deref()
    }

    /// The resource's own name (the last name segment).
    pub fn name(&self) -> &str {
        match self.0.chain.last() {
            Some((_, name)) => name,
            None => self.0.resource_group.as_deref().or(self.0.subscription.as_deref()).unwrap_or(""),
        }
    }

    /// The names of the chain joined with '/', as ARM writes child names (`vnet/subnet`).
    pub fn full_name(&self) -> String {
        self.0.chain.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join("/")
    }

    /// The resource type the id names, including child types
    /// (`Microsoft.Network/virtualNetworks/subnets`).
    pub fn resource_type(&self) -> ResourceType {
        match &self.0.namespace {
            Some(namespace) => {
                let mut text = namespace.clone();
                for (segment, _) in &self.0.chain {
                    text.push('/');
                    text.push_str(segment);
                }
                ResourceType::new(&text)
            }
            None if self.0.resource_group.is_some() => ResourceType::new("Microsoft.Resources/resourceGroups"),
            None if self.0.subscription.is_some() => ResourceType::new("Microsoft.Resources/subscriptions"),
            None => ResourceType::new("Microsoft.Resources/tenants"),
        }
    }

    /// How many type/name pairs the resource's provider section has: 1 for a top-level
    /// resource, 2 for a child such as a subnet.
    pub fn depth(&self) -> usize {
        self.0.chain.len()
    }

    /// The parent resource of a child resource (a subnet's virtual network), or the
    /// resource an extension resource extends, or `None` for a top-level resource.
    pub fn parent(&self) -> Option<ResourceId> {
        if self.0.chain.len() > 1 {
            let (t, n) = self.0.chain.last()?;
            let cut = self.0.raw.len().checked_sub(t.len() + n.len() + 2)?;
            return ResourceId::parse(self.0.raw.get(..cut)?).ok();
        }
        if self.0.chain.len() == 1 && self.0.scope_len > 0 {
            let scope = ResourceId::parse(self.0.raw.get(..self.0.scope_len)?).ok()?;
            if scope.0.namespace.is_some() {
                return Some(scope);
            }
        }
        None
    }

    /// The top-level resource this id belongs to: itself for a top-level resource,
    /// the virtual network for a subnet, and so on.
    pub fn top_level(&self) -> ResourceId {
        let mut current = self.clone();
        while current.0.chain.len() > 1 {
            match current.parent() {
                Some(parent) => current = parent,
                None => break,
            }
        }
        current
    }

    /// Is this an extension resource (one scoped to another resource)?
    pub fn is_extension(&self) -> bool {
        self.0.scope_len > 0 && {
            self.0.key.get(..self.0.scope_len).is_some_and(|scope| scope.contains("/providers/"))
        }
    }
}

impl PartialEq for ResourceId {
    fn eq(&self, other: &ResourceId) -> bool {
        self.0.key == other.0.key
    }
}

impl Eq for ResourceId {}

impl Hash for ResourceId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.key.hash(state);
    }
}

impl PartialOrd for ResourceId {
    fn partial_cmp(&self, other: &ResourceId) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ResourceId {
    fn cmp(&self, other: &ResourceId) -> std::cmp::Ordering {
        self.0.key.cmp(&other.0.key)
    }
}

impl fmt::Debug for ResourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResourceId({})", self.0.raw)
    }
}

impl fmt::Display for ResourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.raw)
    }
}

impl Serialize for ResourceId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUBNET: &str =
        "/subscriptions/0000/resourceGroups/Net-RG/providers/Microsoft.Network/virtualNetworks/hub/subnets/app";

    #[test]
    fn parses_a_child_id_and_finds_its_parent() {
        let id = ResourceId::parse(SUBNET).unwrap();
        assert_eq!(id.subscription(), Some("0000"));
        assert_eq!(id.resource_group(), Some("Net-RG"));
        assert_eq!(id.name(), "app");
        assert_eq!(id.full_name(), "hub/app");
        assert_eq!(id.resource_type().as_str(), "Microsoft.Network/virtualNetworks/subnets");
        let parent = id.parent().unwrap();
        assert_eq!(
            parent.as_str(),
            "/subscriptions/0000/resourceGroups/Net-RG/providers/Microsoft.Network/virtualNetworks/hub"
        );
        assert_eq!(id.top_level(), parent);
        assert!(parent.parent().is_none());
    }

    #[test]
    fn compares_ignoring_case() {
        let a = ResourceId::parse(SUBNET).unwrap();
        let b = ResourceId::parse(&SUBNET.to_uppercase()).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.cmp(&b), std::cmp::Ordering::Equal);
        let mut set = std::collections::HashSet::new();
        set.insert(a);
        assert!(set.contains(&b));
    }

    #[test]
    fn extension_resources_have_their_target_as_parent() {
        let id = ResourceId::parse(
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/app/providers/Microsoft.Insights/diagnosticSettings/logs",
        )
        .unwrap();
        assert!(id.is_extension());
        assert_eq!(id.resource_type().as_str(), "Microsoft.Insights/diagnosticSettings");
        assert_eq!(id.parent().unwrap().resource_type().as_str(), "Microsoft.Web/sites");
    }

    #[test]
    fn scopes_are_ids_too() {
        let group = ResourceId::parse("/subscriptions/s/resourceGroups/g/").unwrap();
        assert_eq!(group.resource_type().as_str(), "Microsoft.Resources/resourceGroups");
        assert_eq!(group.name(), "g");
        let sub = ResourceId::parse("/subscriptions/s").unwrap();
        assert_eq!(sub.resource_type().as_str(), "Microsoft.Resources/subscriptions");
    }

    #[test]
    fn rejects_what_is_not_an_id() {
        for bad in [
            "",
            "/",
            "subscriptions/s",
            "/subscriptions",
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks",
            "/foo/bar",
            "/subscriptions/s//x",
        ] {
            assert!(ResourceId::parse(bad).is_err(), "{bad:?} parsed");
        }
    }
}

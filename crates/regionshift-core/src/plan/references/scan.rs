//! The scan of one resource's body for references: every string of `properties` (read
//! by the walk, subtrees of back-references skipped), `hidden-link:` and
//! `hidden-related:` tags, and `identity.userAssignedIdentities`. Each string is
//! recognised as an id, a template expression, a bare name, a principal id or a host
//! name, or dropped; what is kept is a [`Found`] with the path it was found at.
//!
//! Most strings are not references, so a string costs no allocation unless it is kept:
//! the path is rendered and an id copied only for a reference found.

use std::borrow::Cow;

use super::back_references::{back_references, is_back_reference_key};
use super::expressions::{expression_references, typed_reference};
use super::hosts::{find_host, Host};
use super::ids::{is_self_reference, is_self_reference_caseless, looks_like_id};
use super::index::Index;
use super::names::{is_guid, name_reference, NAME_REFERENCES};
use super::own_endpoints::is_own_endpoint;
use super::walk::{extract, walk, Visitor};
use crate::inventory::Resource;

/// What a reference names, as far as the scan could tell.
pub(super) enum Target {
    /// Text that looks like a resource id, not resolved yet.
    Id(String),
    /// An id naming this resource of the inventory (or a sub-resource of it).
    Resolved(usize),
    /// A resource group id naming a group of the inventory.
    Group(usize),
    Host {
        host: Host,
        types: &'static [&'static str],
        text: String,
    },
    /// A bare name where an id is expected (`serverFarmId` may name the plan).
    Name {
        name: String,
        types: &'static [&'static str],
    },
    /// A template expression that could not be evaluated offline, naming resources by
    /// type and, when literal, by name.
    Expression {
        named: Vec<(String, Option<String>)>,
    },
    /// A GUID that may be the principal id of a resource's managed identity (a vault
    /// access policy's `objectId`, a role assignment's `principalId`).
    Principal(String),
}

/// A reference found in a resource's body.
pub(super) struct Found {
    /// The path as found, with array positions.
    pub(super) path: String,
    /// Found in the `identity` block.
    pub(super) identity: bool,
    pub(super) target: Target,
}

/// Collects the references in a resource's `properties` and `identity`.
// Inlined into `detect`, its only caller, so the search in its tag loop is specialised
// there (cachegrind: 0.3% of the plan's instructions).
#[inline]
pub(super) fn scan_resource(resource: &Resource, index: &Index, found: &mut Vec<Found>) {
    if let Some(properties) = &resource.properties {
        let mut scan = Scan {
            index,
            own_key: resource.id.key(),
            own_name: resource.id.name(),
            key: String::new(),
            type_key: resource.resource_type.key(),
            back_references: back_references(resource.resource_type.key()),
            steps: Vec::new(),
            pattern: String::from("properties"),
            needs_pattern: !back_references(resource.resource_type.key()).is_empty()
                || NAME_REFERENCES.iter().any(|(source, _, _)| *source == resource.resource_type.key()),
            found,
        };
        // Properties were parsed once at import, so the walk cannot fail; a failure
        // would only lose references, never invent them.
        let _ = walk(properties.get(), &mut scan);
    }
    // `hidden-link:{id}` (Application Insights to the app it watches) and
    // `hidden-related:{id}` (an app to its plan) tags name what the resource serves.
    for key in resource.tags.keys() {
        let Some((prefix, id)) = key.split_once(':') else { continue };
        if (prefix.eq_ignore_ascii_case("hidden-link") || prefix.eq_ignore_ascii_case("hidden-related"))
            && looks_like_id(id)
        {
            found.push(Found { path: format!("tags.{key}"), identity: false, target: Target::Id(id.to_string()) });
        }
    }
    if let Some(identity) = &resource.identity {
        if let Some(value) = extract(identity.get(), &["userAssignedIdentities"]) {
            for key in value.as_object().into_iter().flat_map(|o| o.keys()) {
                if looks_like_id(key) {
                    found.push(Found {
                        path: "identity.userAssignedIdentities".into(),
                        identity: true,
                        target: Target::Id(key.clone()),
                    });
                }
            }
        }
    }
}

/// One step of the path the scanner is at.
enum Segment<'de> {
    Key(Cow<'de, str>),
    Index(usize),
}

/// A step, and the length of the pattern before it (restored when the walk leaves it).
struct Step<'de> {
    segment: Segment<'de>,
    pattern_len: usize,
}

struct Scan<'a, 'i, 'de> {
    index: &'a Index<'i>,
    own_key: &'a str,
    /// The resource's own name: a host name made from it (`NAME-secondary.blob…`,
    /// `NAME-eastus.documents…`, `NAME.ZONE.database…`) is the resource's own endpoint.
    own_name: &'a str,
    /// Reused buffer for lowercased id keys.
    key: String,
    type_key: &'a str,
    back_references: &'static [&'static str],
    /// Where the scanner is, below `properties`; rendered only for a reference found.
    steps: Vec<Step<'de>>,
    /// The path lowercased, array positions as `[]`; kept only for types with
    /// back-reference or name rules (`needs_pattern`), else built on demand.
    pattern: String,
    needs_pattern: bool,
    found: &'a mut Vec<Found>,
}

/// The pattern of a path: lowercased, array positions as `[]`.
fn pattern_of(path: &str) -> String {
    let mut pattern = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                pattern.push_str("[]");
            }
            ']' => in_index = false,
            _ if in_index => {}
            _ => pattern.push(c.to_ascii_lowercase()),
        }
    }
    pattern
}

fn push_index(path: &mut String, mut position: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (position % 10) as u8;
        position /= 10;
        if position == 0 {
            break;
        }
    }
    path.push('[');
    path.push_str(std::str::from_utf8(&digits[at..]).unwrap_or("0"));
    path.push(']');
}

impl<'de> Visitor<'de> for Scan<'_, '_, 'de> {
    #[inline]
    fn enter_key(&mut self, key: Cow<'de, str>) -> bool {
        let pattern_len = self.pattern.len();
        if self.needs_pattern {
            self.pattern.push('.');
            let start = self.pattern.len();
            self.pattern.push_str(&key);
            self.pattern[start..].make_ascii_lowercase();
        }
        if is_back_reference_key(&key) || (self.needs_pattern && self.back_references.contains(&self.pattern.as_str()))
        {
            self.pattern.truncate(pattern_len);
            return false;
        }
        self.steps.push(Step { segment: Segment::Key(key), pattern_len });
        true
    }

    #[inline]
    fn enter_index(&mut self, position: usize) {
        let pattern_len = self.pattern.len();
        if self.needs_pattern {
            self.pattern.push_str("[]");
        }
        self.steps.push(Step { segment: Segment::Index(position), pattern_len });
    }

    #[inline]
    fn leave(&mut self) {
        if let Some(step) = self.steps.pop() {
            self.pattern.truncate(step.pattern_len);
        }
    }

    fn string(&mut self, text: &str) {
        let trimmed = text.trim();
        if trimmed.starts_with('/') {
            // Most ids name a resource of the inventory: looked up as written (the
            // index ignores case), and only those that do not are lowercased and kept.
            let written = trimmed.strip_suffix('/').unwrap_or(trimmed);
            if let Some(position) = self.index.get(written) {
                if !is_self_reference_caseless(self.own_key, written) {
                    self.found.push(Found { path: self.path(), identity: false, target: Target::Resolved(position) });
                }
                return;
            }
            self.key.clear();
            self.key.push_str(written);
            self.key.make_ascii_lowercase();
            if is_self_reference(self.own_key, &self.key) {
                return;
            }
            if !looks_like_id(&self.key) {
                return;
            }
            let target = if !self.key.contains("/providers/") {
                match self.index.group(&self.key) {
                    Some(position) => Target::Group(position),
                    None => return,
                }
            } else {
                match self.index.resolve(&self.key) {
                    Some(position) => Target::Resolved(position),
                    None => Target::Id(trimmed.to_string()),
                }
            };
            self.found.push(Found { path: self.path(), identity: false, target });
        } else if trimmed.starts_with('[') && !trimmed.starts_with("[[") && trimmed.ends_with(']') {
            let mut named = expression_references(trimmed);
            if named.is_empty() {
                named.extend(typed_reference(trimmed, &self.pattern()).map(|t| (t.to_string(), None)));
            }
            if !named.is_empty() {
                self.found.push(Found { path: self.path(), identity: false, target: Target::Expression { named } });
            }
        } else if let Some(types) = self.name_reference() {
            if !trimmed.is_empty() {
                self.found.push(Found {
                    path: self.path(),
                    identity: false,
                    target: Target::Name { name: trimmed.to_ascii_lowercase(), types },
                });
            }
        } else if is_guid(trimmed) {
            self.found.push(Found {
                path: self.path(),
                identity: false,
                target: Target::Principal(trimmed.to_ascii_lowercase()),
            });
        } else if let Some((host, types)) =
            find_host(trimmed).filter(|(_, types)| !is_own_endpoint(trimmed, types, self.type_key, self.own_name))
        {
            self.found.push(Found {
                path: self.path(),
                identity: false,
                target: Target::Host { host, types, text: trimmed.to_string() },
            });
        }
    }
}

impl Scan<'_, '_, '_> {
    /// The current path, as `properties.a.b[0].c`.
    fn path(&self) -> String {
        let mut path = String::from("properties");
        for step in &self.steps {
            match &step.segment {
                Segment::Key(key) => {
                    path.push('.');
                    path.push_str(key);
                }
                Segment::Index(position) => push_index(&mut path, *position),
            }
        }
        path
    }

    /// The target types when the current property may hold a bare name.
    fn name_reference(&self) -> Option<&'static [&'static str]> {
        if self.needs_pattern {
            name_reference(self.type_key, &self.pattern)
        } else {
            None
        }
    }

    fn pattern(&self) -> Cow<'_, str> {
        if self.needs_pattern {
            Cow::Borrowed(&self.pattern)
        } else {
            Cow::Owned(pattern_of(&self.path()))
        }
    }
}

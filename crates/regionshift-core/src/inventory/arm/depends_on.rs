//! `dependsOn` resolution: each entry is matched against the resources of the same
//! template by full id, copy-loop or symbolic name, `Namespace/type/name`, or bare name.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::azure::ResourceId;

use super::scope::is_full_type;

/// Copy-loop names and symbolic names (`languageVersion` 2.0), per template frame and
/// lowercased, to the ids they stand for.
pub(super) type Aliases = HashMap<(usize, String), Vec<String>>;

/// Indexes of the template's resources for resolving `dependsOn` entries.
pub(super) struct Lookup {
    ids: HashMap<String, String>,
    /// `(frame, "namespace/type/child/name/childName")`, lowercased.
    type_names: HashMap<(usize, String), Vec<String>>,
    /// `(frame, full name)`, lowercased.
    names: HashMap<(usize, String), Vec<String>>,
    /// `(frame, last name segment)` of child resources, lowercased: ARM also accepts a
    /// child's own name (`topic` for `namespace/topic`).
    leaf_names: HashMap<(usize, String), Vec<String>>,
    aliases: Aliases,
}

impl Lookup {
    /// Indexes `(template frame, id)` pairs.
    pub(super) fn new<'a>(resources: impl Iterator<Item = (usize, &'a str)>, aliases: Aliases) -> Lookup {
        let mut lookup = Lookup {
            ids: HashMap::new(),
            type_names: HashMap::new(),
            names: HashMap::new(),
            leaf_names: HashMap::new(),
            aliases,
        };
        for (frame, text) in resources {
            lookup.ids.insert(text.to_ascii_lowercase(), text.to_string());
            let Ok(id) = ResourceId::parse(text) else { continue };
            let full_name = id.full_name().to_ascii_lowercase();
            let type_name = format!("{}/{full_name}", id.resource_type().key());
            lookup.type_names.entry((frame, type_name)).or_default().push(text.to_string());
            if id.depth() > 1 {
                let leaf = id.name().to_ascii_lowercase();
                lookup.leaf_names.entry((frame, leaf)).or_default().push(text.to_string());
            }
            lookup.names.entry((frame, full_name)).or_default().push(text.to_string());
        }
        lookup
    }

    /// Resolves the `dependsOn` entries of the resource `own_id`: matched entries become
    /// ids (a copy-loop name becomes every instance), others stay as text and are added
    /// to `unresolved` unless they are full ids. Duplicates and the resource itself are
    /// dropped.
    pub(super) fn resolve_all(
        &self,
        frame: usize,
        own_id: &str,
        entries: &[String],
        unresolved: &mut BTreeSet<String>,
    ) -> Vec<String> {
        let mut seen = HashSet::new();
        let mut resolved = Vec::new();
        for entry in entries {
            let found = self.resolve(frame, entry);
            if found.is_empty() && !entry.starts_with('/') {
                unresolved.insert(entry.clone());
            }
            let targets = if found.is_empty() { vec![entry.clone()] } else { found };
            for target in targets {
                if !target.eq_ignore_ascii_case(own_id) && seen.insert(target.to_ascii_lowercase()) {
                    resolved.push(target);
                }
            }
        }
        resolved
    }

    /// The ids a `dependsOn` entry stands for: a full id, a copy-loop or symbolic name,
    /// `Namespace/type/name` (also interleaved for children), or a bare name (a child's
    /// own name last). Empty when
    /// nothing in the same template matches.
    fn resolve(&self, frame: usize, entry: &str) -> Vec<String> {
        let text = entry.trim();
        let key = text.to_ascii_lowercase();
        if text.starts_with('/') {
            if let Some(id) = self.ids.get(&key) {
                return vec![id.clone()];
            }
            // The same resource may be named from another group (a cross-group nested
            // deployment); match it by type and name within the template.
            return ResourceId::parse(text)
                .ok()
                .and_then(|id| {
                    let type_name = format!("{}/{}", id.resource_type().key(), id.full_name().to_ascii_lowercase());
                    self.type_names.get(&(frame, type_name)).cloned()
                })
                .unwrap_or_default();
        }
        if let Some(ids) = self.aliases.get(&(frame, key.clone())) {
            return ids.clone();
        }
        if let Some(ids) = self.type_names.get(&(frame, key.clone())) {
            return ids.clone();
        }
        if is_full_type(text) {
            let interleaved = format!("/subscriptions/s/resourceGroups/g/providers/{}", text.trim_matches('/'));
            if let Ok(id) = ResourceId::parse(&interleaved) {
                let type_name = format!("{}/{}", id.resource_type().key(), id.full_name().to_ascii_lowercase());
                if let Some(ids) = self.type_names.get(&(frame, type_name)) {
                    return ids.clone();
                }
            }
        }
        let by_name = self.names.get(&(frame, key.clone())).or_else(|| self.leaf_names.get(&(frame, key)));
        by_name.cloned().unwrap_or_default()
    }
}

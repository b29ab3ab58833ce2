//! Dependency detection: which resource needs which, read from `dependsOn`, from ids
//! (containment) and from every reference inside `properties` and `identity`.
//!
//! Properties are walked straight from their raw JSON text (`Walk`), without serde's
//! visitors and without building a tree:
//! the scanner keeps the path it is at, skips the subtrees that hold back-references
//! Azure computes (a NIC's `virtualMachine`, a subnet's `ipConfigurations`,
//! `privateEndpointConnections` on any target), and collects every string that is a
//! resource id, plus host names that name a resource (storage, key vault and database
//! endpoints). A reference resolves to the nearest resource of the inventory on its id's
//! chain (a subnet id names the virtual network when the subnet is not a resource of
//! its own); one that resolves to nothing is an external dependency.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use super::{resource_refs, ResourceRef};
use crate::azure::ResourceId;
use crate::inventory::{Inventory, Resource};

/// What kind of need an edge expresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// A child resource needs its parent, an extension resource the resource it extends.
    Containment,
    /// Virtual networks, subnets, interfaces, addresses, gateways, private endpoints.
    Network,
    /// Storage, databases, caches, messaging, disks.
    Data,
    /// Managed identities.
    Identity,
    /// Key vaults, network security groups, encryption sets, firewall and WAF policies.
    Security,
    /// Log Analytics, Application Insights, alerts and diagnostic settings.
    Monitoring,
    /// A plan, environment or cluster the resource runs on (a web app's App Service
    /// plan, a container app's environment), or any other configuration reference.
    Hosting,
    /// Declared by a template's `dependsOn`.
    Declared,
}

impl EdgeKind {
    pub fn label(self) -> &'static str {
        match self {
            EdgeKind::Containment => "containment",
            EdgeKind::Network => "network",
            EdgeKind::Data => "data",
            EdgeKind::Identity => "identity",
            EdgeKind::Security => "security",
            EdgeKind::Monitoring => "monitoring",
            EdgeKind::Hosting => "hosting",
            EdgeKind::Declared => "declared",
        }
    }
}

impl fmt::Display for EdgeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// `from` needs `to`: `to` moves in the same wave as `from` or an earlier one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// The dependent.
    pub from: ResourceRef,
    /// The dependency.
    pub to: ResourceRef,
    pub kind: EdgeKind,
    /// Where the reference was found: `properties.ipConfigurations[0].properties.subnet.id`,
    /// `identity.userAssignedIdentities`, `dependsOn`, or `id` for containment.
    pub path: String,
    /// Must the dependency exist in the target before the dependent is moved? False
    /// for monitoring links and for references found in URLs and connection strings,
    /// which can be pointed at the new resource afterwards.
    pub must_exist_first: bool,
}

/// A reference to something that is not in the inventory: it must exist in the target
/// already, or be added to the scope of the move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExternalDependency {
    pub from: ResourceRef,
    /// What must exist: the top-level resource id of the reference, or the host name
    /// for a reference found in a URL or connection string, or the text of an
    /// unresolved `dependsOn` entry.
    pub to: String,
    /// The reference as written.
    pub reference: String,
    pub path: String,
    pub kind: EdgeKind,
}

/// Every edge between resources of an inventory, and every reference leaving it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DependencyGraph {
    /// Sorted by `from` then `to` (id keys); at most one edge per pair.
    pub edges: Vec<Edge>,
    /// Sorted by `from` then `to`; at most one per pair.
    pub external: Vec<ExternalDependency>,
}

/// Finds the dependencies between the resources of an inventory.
pub fn dependencies(inventory: &Inventory) -> DependencyGraph {
    let refs = resource_refs(inventory);
    let found = detect(inventory, &refs);
    let resources = &refs;
    DependencyGraph {
        edges: found
            .edges
            .iter()
            .map(|edge| Edge {
                from: resources[edge.from].clone(),
                to: resources[edge.to].clone(),
                kind: edge.kind,
                path: edge.path.clone(),
                must_exist_first: edge.must_exist_first,
            })
            .collect(),
        external: found.external,
    }
}

/// An edge between inventory positions.
#[derive(Debug, Clone)]
pub(crate) struct IndexEdge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    pub path: String,
    pub must_exist_first: bool,
}

pub(crate) struct Detected {
    /// Sorted by `(from, to)`, which is id-key order as the inventory is sorted by key.
    pub edges: Vec<IndexEdge>,
    pub external: Vec<ExternalDependency>,
}

/// Which source of an edge wins when one pair is found more than once.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Containment,
    Property,
    Soft,
    Declared,
}

struct Candidate {
    from: usize,
    to: usize,
    source: Source,
    order: usize,
    kind: EdgeKind,
    path: String,
    must_exist_first: bool,
}

pub(crate) fn detect(inventory: &Inventory, refs: &[ResourceRef]) -> Detected {
    let index = Index::new(inventory);
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut external: Vec<(usize, String, ExternalDependency)> = Vec::new();
    let mut strings = Vec::new();
    for (from, resource) in inventory.resources.iter().enumerate() {
        let mut order = 0usize;
        let mut push = |to: usize, source: Source, kind: EdgeKind, path: String, must: bool| {
            order += 1;
            candidates.push(Candidate { from, to, source, order, kind, path, must_exist_first: must });
        };
        // Containment: a child needs its parent, an extension resource its target, a
        // resource its group when the group is part of the inventory.
        if let Some(parent_key) = parent_key(resource.id.key()) {
            match index.resolve(parent_key) {
                Some(to) if to != from => push(to, Source::Containment, EdgeKind::Containment, "id".into(), true),
                Some(_) => {}
                None => {
                    // The parent is not in the inventory: it must exist in the target.
                    if let Some(parent) = resource.id.parent() {
                        external.push(outside(from, &refs[from], &parent, "id".into(), EdgeKind::Containment));
                    }
                }
            }
        } else if let Some(group) = index.group_of(&resource.id).filter(|_| resource.id.depth() > 0) {
            if group != from {
                push(group, Source::Containment, EdgeKind::Containment, "id".into(), true);
            }
        }
        // References inside the resource body.
        strings.clear();
        scan_resource(resource, &index, &mut strings);
        for found in strings.drain(..) {
            match found.target {
                Target::Resolved(to) => {
                    if to != from {
                        let kind = kind_by_class(index.classes[from], index.classes[to], found.identity);
                        push(to, Source::Property, kind, found.path, kind != EdgeKind::Monitoring);
                    }
                }
                Target::Group(to) => {
                    if to != from {
                        push(to, Source::Property, EdgeKind::Containment, found.path, true);
                    }
                }
                Target::Id(text) => {
                    let key = id_key(&text);
                    if is_self_reference(resource.id.key(), &key) {
                        continue;
                    }
                    if !key.contains("/providers/") {
                        // A resource group or subscription: an edge only when the group
                        // is part of the inventory; a scope is never external.
                        if let Some(to) = index.group(&key).filter(|&to| to != from) {
                            push(to, Source::Property, EdgeKind::Containment, found.path, true);
                        }
                        continue;
                    }
                    match index.resolve(&key) {
                        Some(to) if to != from => {
                            let kind = kind_by_class(index.classes[from], index.classes[to], found.identity);
                            let must = kind != EdgeKind::Monitoring;
                            push(to, Source::Property, kind, found.path, must);
                        }
                        Some(_) => {}
                        None => {
                            let Ok(id) = ResourceId::parse(&text) else { continue };
                            if is_platform(&id) {
                                continue;
                            }
                            let target_type = id.top_level().resource_type();
                            let kind = kind_by_type(resource.resource_type.key(), target_type.key(), found.identity);
                            external.push(outside(from, &refs[from], &id, found.path, kind));
                        }
                    }
                }
                Target::Name { name, types } => {
                    if let Some(to) = index.by_name(types, &name).filter(|&to| to != from) {
                        let kind = kind_by_class(index.classes[from], index.classes[to], found.identity);
                        push(to, Source::Property, kind, found.path, true);
                    }
                }
                Target::Expression { named } => {
                    for (type_key, name) in named {
                        if let Some(to) = index.by_expression(&type_key, name.as_deref(), from) {
                            let kind = kind_by_class(index.classes[from], index.classes[to], found.identity);
                            push(to, Source::Soft, kind, found.path.clone(), kind != EdgeKind::Monitoring);
                        }
                    }
                }
                Target::Principal(guid) => {
                    if let Some(to) = index.by_principal(&guid).filter(|&to| to != from) {
                        push(to, Source::Soft, EdgeKind::Identity, found.path, true);
                    }
                }
                Target::Host { host, types, text } => match index.by_name(types, &host.name) {
                    Some(to) if to != from => {
                        let kind = kind_by_class(index.classes[from], index.classes[to], found.identity);
                        push(to, Source::Soft, kind, found.path, false);
                    }
                    Some(_) => {}
                    None => external.push((
                        from,
                        host.full.clone(),
                        ExternalDependency {
                            from: refs[from].clone(),
                            to: host.full,
                            reference: text,
                            path: found.path,
                            kind: kind_by_type(resource.resource_type.key(), types[0], found.identity),
                        },
                    )),
                },
            }
        }
        // Dependencies the template declared.
        for declared in &resource.depends_on {
            match declared.id.as_ref().map(|id| (id, index.resolve(id.key()))) {
                Some((_, Some(to))) if to != from => {
                    push(to, Source::Declared, EdgeKind::Declared, "dependsOn".into(), true)
                }
                Some((_, Some(_))) => {}
                Some((id, None)) => external.push((
                    from,
                    id.top_level().key().to_string(),
                    ExternalDependency {
                        from: refs[from].clone(),
                        to: id.top_level().as_str().to_string(),
                        reference: declared.text.clone(),
                        path: "dependsOn".into(),
                        kind: EdgeKind::Declared,
                    },
                )),
                None => external.push((
                    from,
                    declared.text.to_ascii_lowercase(),
                    ExternalDependency {
                        from: refs[from].clone(),
                        to: declared.text.clone(),
                        reference: declared.text.clone(),
                        path: "dependsOn".into(),
                        kind: EdgeKind::Declared,
                    },
                )),
            }
        }
    }
    // Candidates come in inventory order already: only each resource's own need sorting.
    for own in candidates.chunk_by_mut(|a, b| a.from == b.from) {
        own.sort_unstable_by_key(|c| (c.to, c.source, c.order));
    }
    debug_assert!(candidates.windows(2).all(|w| w[0].from <= w[1].from));
    let mut edges: Vec<IndexEdge> = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        if let Some(last) = edges.last_mut() {
            if last.from == candidate.from && last.to == candidate.to {
                last.must_exist_first |= candidate.must_exist_first;
                continue;
            }
        }
        edges.push(IndexEdge {
            from: candidate.from,
            to: candidate.to,
            kind: candidate.kind,
            path: candidate.path,
            must_exist_first: candidate.must_exist_first,
        });
    }
    // Stable: the first reference found of a pair keeps its path.
    external.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    external.dedup_by(|b, a| a.0 == b.0 && a.1 == b.1);
    Detected { edges, external: external.into_iter().map(|(_, _, dependency)| dependency).collect() }
}

/// A fast hasher for id keys (FxHash's mixing): the keys are the user's own data, so
/// there is no adversary to defend against with SipHash.
#[derive(Default)]
struct KeyHasher(u64);

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

type KeyMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// Eight bytes with `A`-`Z` lowercased at once (other bytes, UTF-8 included, unchanged).
fn ascii_lowercase_word(word: u64) -> u64 {
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
struct Caseless<'a>(&'a str);

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

/// Lookups into the inventory by id key and by name.
struct Index<'a> {
    by_key: KeyMap<Caseless<'a>, usize>,
    /// What each resource's type means for the kind of an edge, by position.
    classes: Vec<TypeClass>,
    /// `(lowercased top-level type, lowercased name)` to positions.
    by_type_name: HashMap<(&'a str, String), Vec<usize>>,
    has_groups: bool,
    /// Lowercased type to positions, built on first use (template expressions only).
    by_type: std::cell::OnceCell<HashMap<&'a str, Vec<usize>>>,
    /// Lowercased principal ids of managed identities to positions, built on first use.
    by_principal: std::cell::OnceCell<HashMap<String, Vec<usize>>>,
    /// Positions of resources with a system-assigned identity, built on first use.
    with_identity: std::cell::OnceCell<Vec<usize>>,
    resources: &'a [Resource],
}

impl<'a> Index<'a> {
    fn new(inventory: &'a Inventory) -> Index<'a> {
        let mut by_key = KeyMap::with_capacity_and_hasher(inventory.len(), Default::default());
        let mut by_type_name: HashMap<(&str, String), Vec<usize>> = HashMap::new();
        let mut has_groups = false;
        let mut classes = Vec::with_capacity(inventory.len());
        for (position, resource) in inventory.resources.iter().enumerate() {
            classes.push(TypeClass::of(resource.resource_type.key()));
            by_key.insert(Caseless(resource.id.key()), position);
            let type_key = resource.resource_type.key();
            if HOSTS.iter().any(|host| host.types.contains(&type_key))
                || NAME_REFERENCES.iter().any(|(_, _, types)| types.contains(&type_key))
            {
                by_type_name.entry((type_key, resource.id.name().to_ascii_lowercase())).or_default().push(position);
            }
            has_groups |= type_key == "microsoft.resources/resourcegroups";
        }
        Index {
            by_key,
            classes,
            by_type_name,
            has_groups,
            by_type: std::cell::OnceCell::new(),
            by_principal: std::cell::OnceCell::new(),
            with_identity: std::cell::OnceCell::new(),
            resources: &inventory.resources,
        }
    }

    /// The resource the id key names, or the nearest resource up its chain.
    fn resolve(&self, key: &str) -> Option<usize> {
        let mut current = Some(key);
        while let Some(key) = current {
            if let Some(&position) = self.by_key.get(&Caseless(key)) {
                return Some(position);
            }
            current = parent_key(key);
        }
        None
    }

    /// A resource group id key, when groups are resources of the inventory.
    fn group(&self, key: &str) -> Option<usize> {
        if !self.has_groups {
            return None;
        }
        self.by_key.get(&Caseless(key)).copied()
    }

    /// The group a top-level resource lives in, when groups are part of the inventory.
    fn group_of(&self, id: &ResourceId) -> Option<usize> {
        if !self.has_groups {
            return None;
        }
        let key = format!("/subscriptions/{}/resourcegroups/{}", id.subscription()?, id.resource_group()?);
        self.by_key.get(&Caseless(&key)).copied()
    }

    /// The resource a template expression names by type and name; without a literal
    /// name, the only resource of the type other than the one referring to it.
    fn by_expression(&self, type_key: &str, name: Option<&str>, from: usize) -> Option<usize> {
        if type_key == ANY_IDENTITY {
            let with_identity = self.with_identity.get_or_init(|| {
                (0..self.resources.len())
                    .filter(|&p| {
                        self.resources[p]
                            .identity
                            .as_ref()
                            .is_some_and(|i| i.get().to_ascii_lowercase().contains("systemassigned"))
                    })
                    .collect()
            });
            let mut others = with_identity.iter().copied().filter(|&p| p != from);
            let first = others.next()?;
            return others.next().is_none().then_some(first);
        }
        let by_type = self.by_type.get_or_init(|| {
            let mut by_type: HashMap<&str, Vec<usize>> = HashMap::new();
            for (position, resource) in self.resources.iter().enumerate() {
                by_type.entry(resource.resource_type.key()).or_default().push(position);
            }
            by_type
        });
        let candidates = by_type.get(type_key)?;
        match name {
            Some(name) => {
                let mut matching = candidates.iter().copied().filter(|&p| {
                    let id = &self.resources[p].id;
                    id.full_name().eq_ignore_ascii_case(name) || id.name().eq_ignore_ascii_case(name)
                });
                let first = matching.next()?;
                matching.next().is_none().then_some(first).filter(|&p| p != from)
            }
            None => {
                let mut others = candidates.iter().copied().filter(|&p| p != from);
                let first = others.next()?;
                others.next().is_none().then_some(first)
            }
        }
    }

    /// The resource whose managed identity has this principal id.
    fn by_principal(&self, guid: &str) -> Option<usize> {
        let index = self.by_principal.get_or_init(|| {
            let mut index: HashMap<String, Vec<usize>> = HashMap::new();
            for (position, resource) in self.resources.iter().enumerate() {
                let Some(identity) = &resource.identity else { continue };
                let Ok(value) = serde_json::from_str::<serde_json::Value>(identity.get()) else { continue };
                let Some(object) = value.as_object() else { continue };
                if let Some((_, principal)) = object.iter().find(|(k, _)| k.eq_ignore_ascii_case("principalId")) {
                    if let Some(principal) = principal.as_str() {
                        index.entry(principal.to_ascii_lowercase()).or_default().push(position);
                    }
                }
            }
            index
        });
        match index.get(guid)?.as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    }

    /// The one resource of one of these types with this name (names are global for
    /// the types host names are made from); ambiguous names resolve to nothing.
    fn by_name(&self, types: &[&str], name: &str) -> Option<usize> {
        let mut found = None;
        for type_key in types {
            if let Some(positions) = self.by_type_name.get(&(*type_key, name.to_string())) {
                if positions.len() > 1 || found.is_some() {
                    return None;
                }
                found = Some(positions[0]);
            }
        }
        found
    }
}

/// Points the reference (an id key) into the resource itself (an LB rule to its own
/// frontend, a NIC's own IP configuration)?
/// A reference to a resource outside the inventory: it must exist in the target (or be
/// added to the scope). Keyed by the top-level resource that must exist.
fn outside(
    from: usize,
    from_ref: &ResourceRef,
    reference: &ResourceId,
    path: String,
    kind: EdgeKind,
) -> (usize, String, ExternalDependency) {
    let top = reference.top_level();
    let dependency = ExternalDependency {
        from: from_ref.clone(),
        to: top.as_str().to_string(),
        reference: reference.as_str().to_string(),
        path,
        kind,
    };
    (from, top.key().to_string(), dependency)
}

/// [`is_self_reference`] for a target as written (any case); `own` is lowercase.
fn is_self_reference_caseless(own: &str, target: &str) -> bool {
    target.len() >= own.len()
        && target.as_bytes()[..own.len()].eq_ignore_ascii_case(own.as_bytes())
        && (target.len() == own.len() || target.as_bytes()[own.len()] == b'/')
}

fn is_self_reference(own: &str, target: &str) -> bool {
    target == own || (target.starts_with(own) && target.as_bytes().get(own.len()) == Some(&b'/'))
}

/// The lowercased id without a trailing slash.
fn id_key(text: &str) -> String {
    let text = text.trim();
    text.strip_suffix('/').unwrap_or(text).to_ascii_lowercase()
}

/// Could this text be a resource id? It starts with `/subscriptions/` or
/// `/providers/`, has no empty segment, and its last provider section has a type for
/// every name. Cheaper than parsing; a text that passes is parsed only if it names
/// nothing in the inventory.
fn looks_like_id(text: &str) -> bool {
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
fn parent_key(key: &str) -> Option<&str> {
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
fn is_platform(id: &ResourceId) -> bool {
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

fn namespace(type_key: &str) -> &str {
    type_key.split('/').next().unwrap_or("")
}

/// The type of the top-level resource of a type (`microsoft.sql/servers` for
/// `microsoft.sql/servers/databases`).
fn top_type(type_key: &str) -> &str {
    match type_key.match_indices('/').nth(1) {
        Some((cut, _)) => &type_key[..cut],
        None => type_key,
    }
}

const SECURITY_TYPES: &[&str] = &[
    "microsoft.network/networksecuritygroups",
    "microsoft.network/applicationsecuritygroups",
    "microsoft.network/firewallpolicies",
    "microsoft.network/frontdoorwebapplicationfirewallpolicies",
    "microsoft.network/applicationgatewaywebapplicationfirewallpolicies",
    "microsoft.network/ddosprotectionplans",
    "microsoft.compute/diskencryptionsets",
];

const DATA_NAMESPACES: &[&str] = &[
    "microsoft.storage",
    "microsoft.sql",
    "microsoft.dbforpostgresql",
    "microsoft.dbformysql",
    "microsoft.dbformariadb",
    "microsoft.documentdb",
    "microsoft.cache",
    "microsoft.eventhub",
    "microsoft.servicebus",
    "microsoft.netapp",
    "microsoft.elasticsan",
    "microsoft.kusto",
    "microsoft.datalakestore",
    "microsoft.containerregistry",
];

const MONITORING_NAMESPACES: &[&str] =
    &["microsoft.insights", "microsoft.operationalinsights", "microsoft.alertsmanagement", "microsoft.monitor"];

/// What the kind of an edge depends on about the types at its ends, worked out once
/// per resource rather than once per edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TypeClass {
    resource_group: bool,
    identity: bool,
    security: bool,
    monitoring: bool,
    network: bool,
    data: bool,
}

impl TypeClass {
    fn of(type_key: &str) -> TypeClass {
        let namespace = namespace(type_key);
        let top = top_type(type_key);
        TypeClass {
            resource_group: type_key == "microsoft.resources/resourcegroups",
            identity: namespace == "microsoft.managedidentity",
            security: namespace == "microsoft.keyvault" || SECURITY_TYPES.contains(&top),
            monitoring: MONITORING_NAMESPACES.contains(&namespace),
            network: namespace == "microsoft.network",
            data: DATA_NAMESPACES.contains(&namespace)
                || matches!(top, "microsoft.compute/disks" | "microsoft.compute/snapshots"),
        }
    }
}

/// Classifies a reference by the types at both ends and where it was found.
fn kind_by_class(source: TypeClass, target: TypeClass, identity: bool) -> EdgeKind {
    if target.resource_group {
        EdgeKind::Containment
    } else if identity || target.identity {
        EdgeKind::Identity
    } else if target.security {
        EdgeKind::Security
    } else if source.monitoring || target.monitoring {
        EdgeKind::Monitoring
    } else if target.network {
        EdgeKind::Network
    } else if target.data {
        EdgeKind::Data
    } else {
        EdgeKind::Hosting
    }
}

/// [`kind_by_class`] for two type keys.
fn kind_by_type(source: &str, target: &str, identity: bool) -> EdgeKind {
    kind_by_class(TypeClass::of(source), TypeClass::of(target), identity)
}

/// A resource named by a host name: `NAME` + one of `suffixes`.
struct HostRule {
    suffixes: &'static [&'static str],
    types: &'static [&'static str],
}

/// Host names of endpoints that name their resource, in every cloud.
const HOSTS: &[HostRule] = &[
    HostRule {
        suffixes: &[
            ".blob.core.windows.net",
            ".file.core.windows.net",
            ".queue.core.windows.net",
            ".table.core.windows.net",
            ".dfs.core.windows.net",
            ".web.core.windows.net",
            ".blob.core.chinacloudapi.cn",
            ".file.core.chinacloudapi.cn",
            ".queue.core.chinacloudapi.cn",
            ".table.core.chinacloudapi.cn",
            ".dfs.core.chinacloudapi.cn",
            ".blob.core.usgovcloudapi.net",
            ".file.core.usgovcloudapi.net",
        ],
        types: &["microsoft.storage/storageaccounts"],
    },
    HostRule {
        suffixes: &[".vault.azure.net", ".vault.azure.cn", ".vault.usgovcloudapi.net"],
        types: &["microsoft.keyvault/vaults"],
    },
    HostRule {
        suffixes: &[".database.windows.net", ".database.chinacloudapi.cn", ".database.usgovcloudapi.net"],
        types: &["microsoft.sql/servers"],
    },
    HostRule {
        suffixes: &[".postgres.database.azure.com", ".postgres.database.chinacloudapi.cn"],
        types: &["microsoft.dbforpostgresql/flexibleservers", "microsoft.dbforpostgresql/servers"],
    },
    HostRule {
        suffixes: &[".mysql.database.azure.com", ".mysql.database.chinacloudapi.cn"],
        types: &["microsoft.dbformysql/flexibleservers", "microsoft.dbformysql/servers"],
    },
    HostRule {
        suffixes: &[".redis.cache.windows.net", ".redis.cache.chinacloudapi.cn"],
        types: &["microsoft.cache/redis"],
    },
    HostRule {
        suffixes: &[".documents.azure.com", ".documents.azure.cn"],
        types: &["microsoft.documentdb/databaseaccounts"],
    },
    HostRule {
        suffixes: &[".servicebus.windows.net", ".servicebus.chinacloudapi.cn"],
        types: &["microsoft.servicebus/namespaces", "microsoft.eventhub/namespaces"],
    },
];

/// A host name found in a string: the resource name and the whole host.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Host {
    name: String,
    full: String,
}

/// Finds the first host name of [`HOSTS`] in a string, with the types it may name.
/// Host names are the maximal runs of letters, digits, dots and hyphens; one matches
/// when it ends with a suffix of the table and has a name before it.
fn find_host(text: &str) -> Option<(Host, &'static [&'static str])> {
    if text.len() < 12 || text.bytes().filter(|&b| b == b'.').take(3).count() < 3 {
        return None;
    }
    let is_host_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'.' || b == b'-';
    for token in text.as_bytes().split(|&b| !is_host_byte(b)) {
        if token.len() < 12 || token.iter().filter(|&&b| b == b'.').count() < 3 {
            continue;
        }
        for rule in HOSTS {
            for suffix in rule.suffixes {
                let suffix = suffix.as_bytes();
                if token.len() <= suffix.len() || !token[token.len() - suffix.len()..].eq_ignore_ascii_case(suffix) {
                    continue;
                }
                let head = &token[..token.len() - suffix.len()];
                let name = head.rsplit(|&b| b == b'.').next().unwrap_or(head);
                if name.is_empty() {
                    continue;
                }
                // The token is ASCII (host bytes only), so these are valid UTF-8.
                let lower = |bytes: &[u8]| String::from_utf8_lossy(bytes).to_ascii_lowercase();
                let full_start = token.len() - suffix.len() - name.len();
                return Some((Host { name: lower(name), full: lower(&token[full_start..]) }, rule.types));
            }
        }
    }
    None
}

/// Does the text hold a host name that starts with the resource's own name followed by
/// `.` or `-` (its regional, secondary or zone-qualified endpoint)?
fn names_own_endpoint(text: &str, own_name: &str) -> bool {
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

/// Properties that may hold a bare name instead of an id: (source type, path pattern,
/// target types).
const NAME_REFERENCES: &[(&str, &str, &[&str])] = &[
    ("microsoft.web/sites", "properties.serverfarmid", &["microsoft.web/serverfarms"]),
    ("microsoft.web/sites/slots", "properties.serverfarmid", &["microsoft.web/serverfarms"]),
];

fn name_reference(type_key: &str, pattern: &str) -> Option<&'static [&'static str]> {
    NAME_REFERENCES.iter().find(|(source, path, _)| *source == type_key && *path == pattern).map(|(_, _, types)| *types)
}

/// The resources a template expression refers to through `resourceId()`, or through
/// `reference()`/`listKeys()` of a `concat('Namespace/type/', ...)`: the lowercased
/// type and, when every name argument is a literal, the name (`parent/child`).
fn expression_references(text: &str) -> Vec<(String, Option<String>)> {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    for call in ["resourceid(", "reference(concat(", "listkeys(concat("] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(call) {
            let start = from + at + call.len();
            from = start;
            // Skip `subscriptionResourceId(` and the like, which end in `resourceid(`.
            if call == "resourceid(" && lower[..start - call.len()].ends_with(|c: char| c.is_ascii_alphanumeric()) {
                continue;
            }
            let arguments = split_arguments(&text[start..]);
            let Some(type_at) = arguments.iter().position(|a| {
                literal(a).is_some_and(|l| l.contains('/') && l.split('/').next().is_some_and(|n| n.contains('.')))
            }) else {
                continue;
            };
            let Some(type_text) = arguments.get(type_at).and_then(|a| literal(a)) else { continue };
            let mut segments: Vec<&str> = type_text.trim_matches('/').split('/').collect();
            // `concat('Microsoft.Sql/servers/', name)`: a type followed by names.
            let mut names: Vec<Option<String>> = Vec::new();
            if call != "resourceid(" && segments.len() > 2 && segments.len() % 2 == 1 {
                // Namespace/type/name...: keep the type, names come after.
                let extra: Vec<String> = segments[2..].iter().map(|s| s.to_string()).collect();
                segments.truncate(2);
                names.extend(extra.into_iter().map(Some));
            }
            names.extend(arguments[type_at + 1..].iter().map(|a| literal(a).map(str::to_string)));
            let type_key = segments.join("/").to_ascii_lowercase();
            let name = if !names.is_empty() && names.iter().all(Option::is_some) {
                Some(names.into_iter().flatten().collect::<Vec<_>>().join("/"))
            } else {
                None
            };
            if !found.iter().any(|(t, n): &(String, Option<String>)| *t == type_key && *n == name) {
                found.push((type_key, name));
            }
        }
    }
    found
}

/// Stands for "the resource with a managed identity" in [`typed_reference`].
const ANY_IDENTITY: &str = "*identity";

/// The type a `reference()` or `listKeys()` of a name the offline evaluation could not
/// know (`reference(variables('vmId'))`) must have, from the member it reads or from
/// the property it fills.
fn typed_reference(text: &str, pattern: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase();
    if !(lower.contains("reference(") || lower.contains("listkeys(")) {
        return None;
    }
    const MEMBERS: &[(&str, &str)] = &[
        (").instrumentationkey", "microsoft.insights/components"),
        (").connectionstring", "microsoft.insights/components"),
        (").customerid", "microsoft.operationalinsights/workspaces"),
        (").primarysharedkey", "microsoft.operationalinsights/workspaces"),
        (").primaryendpoints", "microsoft.storage/storageaccounts"),
        (").identity.principalid", ANY_IDENTITY),
    ];
    const PATHS: &[(&str, &str)] = &[
        ("properties.diagnosticsprofile.bootdiagnostics.storageuri", "microsoft.storage/storageaccounts"),
        ("properties.settings.workspaceid", "microsoft.operationalinsights/workspaces"),
        ("properties.protectedsettings.workspacekey", "microsoft.operationalinsights/workspaces"),
    ];
    MEMBERS
        .iter()
        .find(|(member, _)| lower.contains(member))
        .or_else(|| PATHS.iter().find(|(path, _)| *path == pattern))
        .map(|(_, type_key)| *type_key)
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
fn is_guid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// The top-level, comma-separated arguments of a call, up to its closing parenthesis.
fn split_arguments(text: &str) -> Vec<&str> {
    let mut arguments = Vec::new();
    let (mut depth, mut quoted, mut start) = (0usize, false, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            _ if quoted => {}
            '(' | '[' => depth += 1,
            ')' | ']' if depth == 0 => {
                arguments.push(text[start..i].trim());
                return arguments;
            }
            ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                arguments.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    arguments
}

/// The text of a quoted literal argument (`'Microsoft.Web/sites'`).
fn literal(argument: &str) -> Option<&str> {
    let inner = argument.strip_prefix('\'')?.strip_suffix('\'')?;
    (!inner.contains('\'')).then_some(inner)
}

enum Target {
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

struct Found {
    /// The path as found, with array positions.
    path: String,
    /// Found in the `identity` block.
    identity: bool,
    target: Target,
}

/// Collects the references in a resource's `properties` and `identity`.
fn scan_resource(resource: &Resource, index: &Index, found: &mut Vec<Found>) {
    if let Some(properties) = &resource.properties {
        let mut scan = Scan {
            index,
            own_key: resource.id.key(),
            own_name: resource.id.name(),
            key: String::new(),
            type_key: resource.resource_type.key(),
            back_references: back_references(resource.resource_type.key()),
            segments: Vec::new(),
            pattern: String::from("properties"),
            needs_pattern: !back_references(resource.resource_type.key()).is_empty()
                || NAME_REFERENCES.iter().any(|(source, _, _)| *source == resource.resource_type.key()),
            found,
        };
        // Properties were parsed once at import, so the walk cannot fail; a failure
        // would only lose references, never invent them.
        let _ = Walk { text: properties.get(), at: 0 }.value(Some(&mut scan), 0);
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

/// Property paths (lowercased, `[]` for any array element) that hold back-references
/// Azure computes on the target side of a forward reference, by resource type.
fn back_references(type_key: &str) -> &'static [&'static str] {
    const SUBNET_VNET: &[&str] = &[
        "properties.subnets[].properties.ipconfigurations",
        "properties.subnets[].properties.ipconfigurationprofiles",
        "properties.subnets[].properties.privateendpoints",
        "properties.subnets[].properties.serviceassociationlinks",
        "properties.subnets[].properties.resourcenavigationlinks",
        "properties.subnets[].properties.applicationgatewayipconfigurations",
        "properties.ddosprotectionplan.virtualnetworks",
    ];
    const SUBNET: &[&str] = &[
        "properties.ipconfigurations",
        "properties.ipconfigurationprofiles",
        "properties.privateendpoints",
        "properties.serviceassociationlinks",
        "properties.resourcenavigationlinks",
        "properties.applicationgatewayipconfigurations",
    ];
    match type_key {
        "microsoft.network/networkinterfaces" => {
            &["properties.virtualmachine", "properties.hostedworkloads", "properties.tapconfigurations"]
        }
        "microsoft.network/publicipaddresses" => &[
            "properties.ipconfiguration",
            "properties.natgateway",
            "properties.linkedpublicipaddress",
            "properties.servicepublicipaddress",
        ],
        "microsoft.network/virtualnetworks" => SUBNET_VNET,
        "microsoft.network/virtualnetworks/subnets" => SUBNET,
        "microsoft.network/networksecuritygroups" => {
            &["properties.networkinterfaces", "properties.subnets", "properties.flowlogs"]
        }
        "microsoft.network/routetables" | "microsoft.network/natgateways" | "microsoft.network/serviceendpointpolicies" => {
            &["properties.subnets"]
        }
        "microsoft.network/loadbalancers" => &[
            "properties.backendaddresspools[].properties.backendipconfigurations",
            "properties.backendaddresspools[].properties.loadbalancerbackendaddresses[].properties.networkinterfaceipconfiguration",
            "properties.inboundnatrules[].properties.backendipconfiguration",
        ],
        "microsoft.network/applicationgateways" => {
            &["properties.backendaddresspools[].properties.backendipconfigurations"]
        }
        "microsoft.network/ddosprotectionplans" => &["properties.publicipaddresses", "properties.virtualnetworks"],
        "microsoft.network/publicipprefixes" => &["properties.publicipaddresses", "properties.natgateway"],
        "microsoft.network/ipgroups" => &["properties.firewalls", "properties.firewallpolicies"],
        "microsoft.network/virtualwans" => &["properties.virtualhubs", "properties.vpnsites"],
        "microsoft.network/virtualhubs" => &[
            "properties.vpngateway",
            "properties.expressroutegateway",
            "properties.p2svpngateway",
            "properties.azurefirewall",
            "properties.bgpconnections",
            "properties.ipconfigurations",
        ],
        "microsoft.network/firewallpolicies" => &["properties.firewalls", "properties.childpolicies"],
        "microsoft.network/applicationgatewaywebapplicationfirewallpolicies" => {
            &["properties.applicationgateways", "properties.httplisteners", "properties.pathbasedrules"]
        }
        "microsoft.network/frontdoorwebapplicationfirewallpolicies" => {
            &["properties.frontendendpointlinks", "properties.routinglinks", "properties.securitypolicylinks"]
        }
        "microsoft.network/privateendpoints" | "microsoft.network/privatelinkservices" => {
            &["properties.networkinterfaces"]
        }
        "microsoft.compute/availabilitysets" => &["properties.virtualmachines"],
        "microsoft.compute/proximityplacementgroups" => {
            &["properties.virtualmachines", "properties.virtualmachinescalesets", "properties.availabilitysets"]
        }
        "microsoft.compute/hostgroups" => &["properties.hosts"],
        "microsoft.compute/hostgroups/hosts" => &["properties.virtualmachines"],
        "microsoft.compute/disks" => &["properties.shareinfo"],
        "microsoft.compute/capacityreservationgroups" => &["properties.virtualmachinesassociated"],
        "microsoft.compute/capacityreservationgroups/capacityreservations" => {
            &["properties.virtualmachinesassociated"]
        }
        // A workspace's managed resource group is created by the service.
        "microsoft.databricks/workspaces" => &["properties.managedresourcegroupid"],
        _ => &[],
    }
}

/// Key names that hold back-references on any type.
fn is_back_reference_key(key: &str) -> bool {
    key.eq_ignore_ascii_case("privateEndpointConnections")
}

/// One step of the path the scanner is at.
enum Segment<'de> {
    Key(Cow<'de, str>),
    Index(usize),
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
    segments: Vec<Segment<'de>>,
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

impl Scan<'_, '_, '_> {
    /// The current path, as `properties.a.b[0].c`.
    fn path(&self) -> String {
        let mut path = String::from("properties");
        for segment in &self.segments {
            match segment {
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

    fn pattern(&self) -> std::borrow::Cow<'_, str> {
        if self.needs_pattern {
            Cow::Borrowed(&self.pattern)
        } else {
            Cow::Owned(pattern_of(&self.path()))
        }
    }

    fn string(&mut self, text: &str) {
        let trimmed = text.trim();
        if trimmed.starts_with('/') {
            // Most ids name a resource of the inventory: looked up as written (the
            // index ignores case), and only those that do not are lowercased and kept.
            let written = trimmed.strip_suffix('/').unwrap_or(trimmed);
            if let Some(&position) = self.index.by_key.get(&Caseless(written)) {
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
        } else if let Some((host, types)) = find_host(trimmed).filter(|(_, types)| {
            // A service's own endpoints, not a reference to another resource of it.
            namespace(types[0]) != namespace(self.type_key) || !names_own_endpoint(trimmed, self.own_name)
        }) {
            self.found.push(Found {
                path: self.path(),
                identity: false,
                target: Target::Host { host, types, text: trimmed.to_string() },
            });
        }
    }
}

/// The value at `path` (names compared ignoring case) in a JSON text, read without
/// building the rest of the tree.
pub(super) fn extract(raw: &str, path: &[&str]) -> Option<serde_json::Value> {
    let mut walk = Walk { text: raw, at: 0 };
    for name in path {
        if walk.peek()? != b'{' {
            return None;
        }
        walk.at += 1;
        loop {
            match walk.peek()? {
                b'"' => {}
                _ => return None,
            }
            let key = walk.string()?;
            if walk.peek()? != b':' {
                return None;
            }
            walk.at += 1;
            if key.eq_ignore_ascii_case(name) {
                break;
            }
            walk.value(None, 0)?;
            match walk.peek()? {
                b',' => walk.at += 1,
                _ => return None,
            }
        }
    }
    walk.skip_whitespace();
    let start = walk.at;
    walk.value(None, 0)?;
    serde_json::from_str(&raw[start..walk.at]).ok()
}

/// Deepest nesting the walker follows; deeper values are skipped (serde_json's own
/// limit at import is 128, so nothing that imported is deeper).
const MAX_DEPTH: usize = 128;

/// A walk over JSON text that import has already validated: strings are handed to the
/// [`Scan`] with the path they are at, everything else is stepped over. Reading bytes
/// directly, without serde's visitor machinery or UTF-8 re-validation, is what keeps
/// planning faster than import. On text that is not valid JSON it stops early: it may
/// lose references, never invent them.
struct Walk<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Walk<'t> {
    fn skip_whitespace(&mut self) {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() && matches!(bytes[self.at], b' ' | b'\n' | b'\r' | b'\t') {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.text.as_bytes().get(self.at).copied()
    }

    /// The string starting at the current `"`, unescaped only when it has escapes.
    fn string(&mut self) -> Option<Cow<'t, str>> {
        let bytes = self.text.as_bytes();
        let start = self.at + 1;
        let mut end = start;
        let mut escaped = false;
        loop {
            // Eight bytes at a time while none is a quote or a backslash.
            while end + 8 <= bytes.len() {
                let word = u64::from_le_bytes(bytes[end..end + 8].try_into().ok()?);
                if has_byte(word, b'"') || has_byte(word, b'\\') {
                    break;
                }
                end += 8;
            }
            match bytes.get(end)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    end += 2;
                }
                _ => end += 1,
            }
        }
        self.at = end + 1;
        if escaped {
            serde_json::from_str::<String>(&self.text[start - 1..=end]).ok().map(Cow::Owned)
        } else {
            Some(Cow::Borrowed(&self.text[start..end]))
        }
    }

    /// Steps over a number, `true`, `false` or `null`.
    fn scalar(&mut self) {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() && !matches!(bytes[self.at], b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
            self.at += 1;
        }
    }

    /// Walks one value; strings go to `scan` unless it is `None` (a skipped subtree).
    fn value(&mut self, mut scan: Option<&mut Scan<'_, '_, 't>>, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'"' => {
                let text = self.string()?;
                if let Some(scan) = scan {
                    scan.string(&text);
                }
            }
            b'{' => {
                self.at += 1;
                if self.peek()? == b'}' {
                    self.at += 1;
                    return Some(());
                }
                loop {
                    if self.peek()? != b'"' {
                        return None;
                    }
                    let key = self.string()?;
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.at += 1;
                    match scan.as_deref_mut() {
                        Some(scan) => {
                            let pattern_len = scan.pattern.len();
                            if scan.needs_pattern {
                                scan.pattern.push('.');
                                let start = scan.pattern.len();
                                scan.pattern.push_str(&key);
                                scan.pattern[start..].make_ascii_lowercase();
                            }
                            if is_back_reference_key(&key)
                                || (scan.needs_pattern && scan.back_references.contains(&scan.pattern.as_str()))
                            {
                                self.value(None, depth + 1)?;
                            } else {
                                scan.segments.push(Segment::Key(key));
                                self.value(Some(&mut *scan), depth + 1)?;
                                scan.segments.pop();
                            }
                            scan.pattern.truncate(pattern_len);
                        }
                        None => self.value(None, depth + 1)?,
                    }
                    match self.peek()? {
                        b',' => self.at += 1,
                        b'}' => {
                            self.at += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.at += 1;
                if self.peek()? == b']' {
                    self.at += 1;
                    return Some(());
                }
                let pattern_len = scan.as_ref().map_or(0, |scan| scan.pattern.len());
                if let Some(scan) = scan.as_deref_mut() {
                    if scan.needs_pattern {
                        scan.pattern.push_str("[]");
                    }
                }
                let mut position = 0usize;
                loop {
                    match scan.as_deref_mut() {
                        Some(scan) => {
                            scan.segments.push(Segment::Index(position));
                            self.value(Some(&mut *scan), depth + 1)?;
                            scan.segments.pop();
                        }
                        None => self.value(None, depth + 1)?,
                    }
                    position += 1;
                    match self.peek()? {
                        b',' => self.at += 1,
                        b']' => {
                            self.at += 1;
                            break;
                        }
                        _ => return None,
                    }
                }
                if let Some(scan) = scan {
                    scan.pattern.truncate(pattern_len);
                }
            }
            _ => self.scalar(),
        }
        Some(())
    }
}

/// Does any byte of the word equal `byte`? (The classic SWAR zero-byte test.)
fn has_byte(word: u64, byte: u8) -> bool {
    let x = word ^ (u64::from(byte) * 0x0101_0101_0101_0101);
    (x.wrapping_sub(0x0101_0101_0101_0101) & !x & 0x8080_8080_8080_8080) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_give_the_resource_name() {
        let (host, types) = find_host("https://Diag01.blob.core.windows.net/").unwrap();
        assert_eq!(host.name, "diag01");
        assert_eq!(host.full, "diag01.blob.core.windows.net");
        assert_eq!(types, &["microsoft.storage/storageaccounts"]);
        let (host, _) =
            find_host("Server=tcp:sql-prod.database.windows.net,1433;Initial Catalog=app;User ID=x").unwrap();
        assert_eq!(host.name, "sql-prod");
        let (host, _) = find_host("https://kv-app.vault.azure.cn/keys/k/0123").unwrap();
        assert_eq!(host.name, "kv-app");
        assert!(find_host("https://example.com/x").is_none());
        assert!(find_host("10.0.0.4").is_none());
        assert!(find_host(".blob.core.windows.net").is_none());
        assert!(find_host("x.blob.core.windows.net.evil.example").is_none());
    }

    #[test]
    fn own_endpoints_are_recognised() {
        assert!(names_own_endpoint("https://st01-secondary.blob.core.windows.net/", "st01"));
        assert!(names_own_endpoint("https://cosmos-a-eastus.documents.azure.com:443/", "Cosmos-A"));
        assert!(names_own_endpoint("mi-erp.e8d9008c434.database.windows.net", "mi-erp"));
        assert!(!names_own_endpoint("https://st012.blob.core.windows.net/", "st01"));
        assert!(!names_own_endpoint("https://other.blob.core.windows.net/", "st01"));
    }

    #[test]
    fn self_references_point_inside_the_resource() {
        let lb = "/subscriptions/s/resourcegroups/g/providers/microsoft.network/loadbalancers/lb";
        assert!(is_self_reference(lb, &format!("{lb}/frontendipconfigurations/f")));
        assert!(is_self_reference(lb, lb));
        assert!(!is_self_reference(lb, &format!("{lb}2")));
    }

    #[test]
    fn id_keys_know_their_parent_like_resource_ids_do() {
        for text in [
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/a",
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v",
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/app/providers/Microsoft.Insights/diagnosticSettings/d",
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Sql/servers/s/databases/d/providers/Microsoft.Authorization/locks/l",
        ] {
            assert!(looks_like_id(text), "{text}");
            let id = ResourceId::parse(text).unwrap();
            let key = id_key(text);
            assert_eq!(parent_key(&key), id.parent().as_ref().map(ResourceId::key), "{text}");
        }
        for text in [
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks",
            "/x/y",
            "/subscriptions//a",
        ] {
            assert!(!looks_like_id(text), "{text}");
        }
    }

    #[test]
    fn kinds_follow_the_target() {
        assert_eq!(
            kind_by_type("microsoft.network/networkinterfaces", "microsoft.network/virtualnetworks", false),
            EdgeKind::Network
        );
        assert_eq!(kind_by_type("microsoft.web/sites", "microsoft.web/serverfarms", false), EdgeKind::Hosting);
        assert_eq!(kind_by_type("microsoft.compute/virtualmachines", "microsoft.compute/disks", false), EdgeKind::Data);
        assert_eq!(kind_by_type("microsoft.compute/disks", "microsoft.keyvault/vaults", false), EdgeKind::Security);
        assert_eq!(
            kind_by_type("microsoft.insights/components", "microsoft.operationalinsights/workspaces", false),
            EdgeKind::Monitoring
        );
        assert_eq!(
            kind_by_type("microsoft.web/sites", "microsoft.managedidentity/userassignedidentities", true),
            EdgeKind::Identity
        );
        assert_eq!(top_type("microsoft.sql/servers/databases"), "microsoft.sql/servers");
    }
}

#[cfg(test)]
mod word_tests {
    use super::ascii_lowercase_word;

    #[test]
    fn eight_bytes_lowercase_like_the_standard_library() {
        for text in [*b"ABCDEFGH", *b"@[`{Zz09", *b"/Sub/RG/", [0xc3, 0x84, b'A', 0x7f, 0x80, 0xff, b'Z', b'a']] {
            let mut expected = text;
            expected.make_ascii_lowercase();
            assert_eq!(ascii_lowercase_word(u64::from_le_bytes(text)).to_le_bytes(), expected, "{text:?}");
        }
        for byte in 0..=255u8 {
            let word = u64::from_le_bytes([byte; 8]);
            assert_eq!(ascii_lowercase_word(word).to_le_bytes(), [byte.to_ascii_lowercase(); 8], "{byte}");
        }
    }
}

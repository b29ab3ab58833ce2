//! Redaction: stable pseudonyms for everything that identifies the customer's estate.
//!
//! [`Redactor::new`] walks the inventory in its order (sorted by id), then the plan's
//! external dependencies, and gives each subscription (`sub-1`), resource group
//! (`rg-1`), resource name (`vm-1`, `disk-2`, `res-3`: a prefix from the type), tag key
//! (`tag-1`), tag value (`value-1`), input file name (`input-1.json`) and IP address or
//! CIDR range (`ip-1`) a pseudonym, numbered by first appearance. The same input always
//! gives the same pseudonyms; no pseudonym equals an original string.
//!
//! Structured fields go through the tables directly ([`Redactor::id`],
//! [`Redactor::name`], ...). Free text (messages, hints, evidence, diagnostics) goes
//! through [`Redactor::text`], which replaces in one left-to-right pass: resource ids
//! (`/subscriptions/...`, pseudonymised segment by segment, so unknown ids are covered
//! too), every original string of the tables (longest first, ignoring ASCII case, not
//! inside a longer word), and IPv4 and IPv6 addresses with an optional prefix length.
//! Resource types, regions, SKUs and the rules' own wording are kept.
//!
//! Limits: originals shorter than three characters, and tag keys and values (often
//! ordinary words such as `env` or `analytics`), are replaced where they are a field,
//! not inside free text, where they would match the report's own words.

use std::collections::{BTreeSet, HashMap};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};

use crate::analysis::Analysis;

/// Originals shorter than this are not searched for in free text.
const MIN_TEXT_MATCH: usize = 3;

/// One pseudonym table: original (lowercased) to pseudonym, with per-prefix counters.
#[derive(Default)]
struct Table {
    map: HashMap<String, String>,
}

/// Pseudonyms for one analysis. Without redaction every method returns its input.
pub(crate) struct Redactor {
    enabled: bool,
    /// Every original string, lowercased: a pseudonym must not equal one.
    originals: BTreeSet<String>,
    counters: HashMap<String, usize>,
    subscriptions: Table,
    groups: Table,
    names: Table,
    tag_keys: Table,
    tag_values: Table,
    files: Table,
    ips: Table,
    /// Free-text patterns: the original strings and their replacements, longest first.
    patterns: Vec<(String, String)>,
    automaton: Option<AhoCorasick>,
}

impl Redactor {
    /// A redactor that changes nothing.
    pub(crate) fn disabled() -> Redactor {
        Redactor::empty(false)
    }

    fn empty(enabled: bool) -> Redactor {
        Redactor {
            enabled,
            originals: BTreeSet::new(),
            counters: HashMap::new(),
            subscriptions: Table::default(),
            groups: Table::default(),
            names: Table::default(),
            tag_keys: Table::default(),
            tag_values: Table::default(),
            files: Table::default(),
            ips: Table::default(),
            patterns: Vec::new(),
            automaton: None,
        }
    }

    /// Builds the tables for an analysis: first every original is collected (so no
    /// pseudonym can equal one), then pseudonyms are given in order of appearance.
    pub(crate) fn new(analysis: &Analysis) -> Redactor {
        let mut redactor = Redactor::empty(true);
        // Pass 1: collect the originals.
        let mut ids: Vec<&str> = Vec::new();
        for resource in &analysis.inventory.resources {
            ids.push(resource.id.as_str());
            for dependency in &resource.depends_on {
                ids.push(&dependency.text);
            }
        }
        for external in &analysis.plan.external {
            ids.push(&external.to);
            ids.push(&external.reference);
        }
        for id in &ids {
            for (_, segment) in id_segments(id) {
                redactor.originals.insert(segment.to_ascii_lowercase());
            }
        }
        for resource in &analysis.inventory.resources {
            for text in [
                &resource.name,
                resource.resource_group.as_deref().unwrap_or(""),
                resource.subscription.as_deref().unwrap_or(""),
                resource.subscription_name.as_deref().unwrap_or(""),
            ] {
                redactor.originals.insert(text.to_ascii_lowercase());
            }
            for (key, value) in &resource.tags {
                redactor.originals.insert(key.to_ascii_lowercase());
                redactor.originals.insert(value.to_ascii_lowercase());
            }
        }
        for file in &analysis.files {
            redactor.originals.insert(file.name.to_ascii_lowercase());
        }
        // The user's catalog files are named in findings resting on them.
        for file in &analysis.catalog.user_files {
            redactor.originals.insert(file.to_ascii_lowercase());
        }
        redactor.originals.remove("");
        // Pass 2: pseudonyms in order of first appearance.
        for resource in &analysis.inventory.resources {
            redactor.id(resource.id.as_str());
            if let Some(subscription) = &resource.subscription {
                let pseudonym = redactor.subscription(subscription);
                if let Some(name) = &resource.subscription_name {
                    redactor.subscriptions.map.entry(name.to_ascii_lowercase()).or_insert(pseudonym);
                }
            }
            if let Some(group) = &resource.resource_group {
                redactor.group(group);
            }
            let prefix = prefix_for_type(resource.resource_type.as_str().rsplit('/').next().unwrap_or(""));
            for part in resource.name.split('/') {
                redactor.assign_name(part, prefix);
            }
            for (key, value) in &resource.tags {
                redactor.tag_key(key);
                redactor.tag_value(value);
            }
            if let Some(properties) = &resource.properties {
                for ip in find_ips(properties.get()) {
                    redactor.ip(ip);
                }
            }
        }
        for external in &analysis.plan.external {
            redactor.external(&external.to);
        }
        for file in &analysis.files {
            redactor.file(&file.name);
        }
        for file in &analysis.catalog.user_files {
            redactor.file(file);
        }
        redactor.build_patterns();
        redactor
    }

    pub(crate) fn is_enabled(&self) -> bool {
        self.enabled
    }

    fn build_patterns(&mut self) {
        let mut patterns: Vec<(String, String)> = Vec::new();
        // Tag keys and values are often ordinary words (`env`, `analytics`): they are
        // replaced where they are fields ([`Redactor::group_name`]), not in free text.
        for table in [&self.names, &self.groups, &self.subscriptions, &self.files] {
            for (original, pseudonym) in &table.map {
                if original.len() >= MIN_TEXT_MATCH {
                    patterns.push((original.clone(), pseudonym.clone()));
                }
            }
        }
        // Longest first, then by text, so the table is deterministic whatever the map's
        // order; the same original in two tables keeps the first table's pseudonym.
        patterns.sort_unstable_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        patterns.dedup_by(|a, b| a.0 == b.0);
        if !patterns.is_empty() {
            self.automaton = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(patterns.iter().map(|(original, _)| original.as_str()))
                .ok();
        }
        self.patterns = patterns;
    }

    fn next(&mut self, prefix: &str) -> String {
        loop {
            let counter = self.counters.entry(prefix.to_string()).or_default();
            *counter += 1;
            let candidate = format!("{prefix}-{counter}");
            if !self.originals.contains(&candidate) {
                return candidate;
            }
        }
    }

    fn lookup_or_assign(&mut self, which: Which, original: &str, prefix: &str) -> String {
        let key = original.to_ascii_lowercase();
        if let Some(found) = self.table(which).map.get(&key) {
            return found.clone();
        }
        let pseudonym = self.next(prefix);
        self.table(which).map.insert(key, pseudonym.clone());
        pseudonym
    }

    fn table(&mut self, which: Which) -> &mut Table {
        match which {
            Which::Subscription => &mut self.subscriptions,
            Which::Group => &mut self.groups,
            Which::Name => &mut self.names,
            Which::TagKey => &mut self.tag_keys,
            Which::TagValue => &mut self.tag_values,
            Which::Ip => &mut self.ips,
        }
    }

    fn assign_name(&mut self, name: &str, prefix: &str) -> String {
        if name.is_empty() {
            return String::new();
        }
        self.lookup_or_assign(Which::Name, name, prefix)
    }

    /// A subscription id or display name.
    pub(crate) fn subscription(&mut self, text: &str) -> String {
        if !self.enabled || text.is_empty() {
            return text.to_string();
        }
        self.lookup_or_assign(Which::Subscription, text, "sub")
    }

    /// A resource group name.
    pub(crate) fn group(&mut self, text: &str) -> String {
        if !self.enabled || text.is_empty() || text == "(none)" {
            return text.to_string();
        }
        self.lookup_or_assign(Which::Group, text, "rg")
    }

    /// A resource name (`vnet/subnet` child names part by part).
    pub(crate) fn name(&mut self, text: &str) -> String {
        if !self.enabled {
            return text.to_string();
        }
        text.split('/').map(|part| self.assign_name(part, "res")).collect::<Vec<_>>().join("/")
    }

    pub(crate) fn tag_key(&mut self, text: &str) -> String {
        if !self.enabled {
            return text.to_string();
        }
        self.lookup_or_assign(Which::TagKey, text, "tag")
    }

    pub(crate) fn tag_value(&mut self, text: &str) -> String {
        if !self.enabled {
            return text.to_string();
        }
        self.lookup_or_assign(Which::TagValue, text, "value")
    }

    /// An input file name: `input-1.json` (the extension is kept).
    pub(crate) fn file(&mut self, text: &str) -> String {
        if !self.enabled {
            return text.to_string();
        }
        let key = text.to_ascii_lowercase();
        if let Some(found) = self.files.map.get(&key) {
            return found.clone();
        }
        let extension = text
            .rsplit_once('.')
            .map(|(_, e)| e)
            .filter(|e| !e.is_empty() && e.len() <= 5 && e.bytes().all(|b| b.is_ascii_alphanumeric()));
        let stem = self.next("input");
        let pseudonym = match extension {
            Some(extension) => format!("{stem}.{}", extension.to_ascii_lowercase()),
            None => stem,
        };
        self.files.map.insert(key, pseudonym.clone());
        pseudonym
    }

    /// Input file names joined with `, ` (as a catalog part's provenance lists them),
    /// each as [`Redactor::file`].
    pub(crate) fn file_list(&mut self, text: &str) -> String {
        if !self.enabled {
            return text.to_string();
        }
        text.split(", ").map(|name| self.file(name)).collect::<Vec<_>>().join(", ")
    }

    fn ip(&mut self, text: &str) -> String {
        self.lookup_or_assign(Which::Ip, text, "ip")
    }

    /// A move group's name: a tag value when groups are formed by tag, else free text
    /// (a resource group or a resource name).
    pub(crate) fn group_name(&mut self, text: &str) -> String {
        if !self.enabled {
            return text.to_string();
        }
        match self.tag_values.map.get(&text.to_ascii_lowercase()) {
            Some(pseudonym) => pseudonym.clone(),
            None => self.text(text),
        }
    }

    /// An external dependency: a resource id, a host name or other text.
    pub(crate) fn external(&mut self, text: &str) -> String {
        if !self.enabled {
            return text.to_string();
        }
        if text.trim_start().to_ascii_lowercase().starts_with("/subscriptions/") {
            return self.id(text);
        }
        if let Some(scheme_end) = text.find("://") {
            // A URL: the host as a host name, the rest as free text.
            let host_start = scheme_end + 3;
            let host_end = text[host_start..].find([':', '/', '?', '#']).map_or(text.len(), |i| host_start + i);
            let host = self.external(&text[host_start..host_end]);
            let rest = self.text(&text[host_end..]);
            return format!("{}{host}{rest}", &text[..host_start]);
        }
        if !text.contains(char::is_whitespace) && text.contains('.') && find_ips(text).is_empty() {
            // A host name: keep the public suffix that says what service it is.
            let (host, suffix) = split_host(text);
            if !host.is_empty() {
                return format!("{}{suffix}", self.lookup_or_assign(Which::Name, host, "host"));
            }
        }
        self.text(text)
    }

    /// A resource id, segment by segment: types and provider namespaces are kept.
    pub(crate) fn id(&mut self, text: &str) -> String {
        if !self.enabled {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut previous_type = "";
        for (position, (kind, segment)) in id_segments(text).into_iter().enumerate() {
            if position > 0 || text.starts_with('/') {
                out.push('/');
            }
            let replaced = match kind {
                Segment::Keep => segment.to_string(),
                Segment::Subscription => self.subscription(segment),
                Segment::Group => self.group(segment),
                Segment::Name => {
                    let prefix = prefix_for_type(previous_type);
                    self.assign_name(segment, prefix)
                }
            };
            if kind == Segment::Keep {
                previous_type = segment;
            }
            out.push_str(&replaced);
        }
        out
    }

    /// Free text: ids, known originals and IP addresses replaced in one pass.
    pub(crate) fn text(&mut self, text: &str) -> String {
        if !self.enabled || text.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut position = 0;
        while position < text.len() {
            let id_start = find_id_start(text, position);
            let pattern = self.find_pattern(text, position);
            let ip = find_ip_from(text, position);
            // The earliest match wins; at the same place an id, then an IP, then a
            // pattern (ids and IPs are never shorter than a name inside them).
            let mut best: Option<(usize, usize, Kind)> = None;
            if let Some(start) = id_start {
                best = Some((start, id_end(text, start), Kind::Id));
            }
            if let Some((start, end)) = ip {
                if best.is_none_or(|b| start < b.0) {
                    best = Some((start, end, Kind::Ip));
                }
            }
            if let Some((start, end, index)) = pattern {
                if best.is_none_or(|b| start < b.0) {
                    best = Some((start, end, Kind::Pattern(index)));
                }
            }
            let Some((start, end, kind)) = best else {
                out.push_str(&text[position..]);
                break;
            };
            out.push_str(&text[position..start]);
            let original = &text[start..end];
            let replacement = match kind {
                Kind::Id => self.id(original),
                Kind::Ip => self.ip(original),
                Kind::Pattern(index) => self.patterns[index].1.clone(),
            };
            out.push_str(&replacement);
            position = end;
        }
        out
    }

    /// The next original of the table at or after `from` that is not part of a longer
    /// word: `(start, end, pattern index)`.
    fn find_pattern(&self, text: &str, from: usize) -> Option<(usize, usize, usize)> {
        let automaton = self.automaton.as_ref()?;
        let bytes = text.as_bytes();
        let mut from = from;
        while from < text.len() {
            let found = automaton.find(Input::new(text).range(from..))?;
            let (start, end) = (found.start(), found.end());
            let glued_before = start > 0 && is_word(bytes[start - 1]) && is_word(bytes[start]);
            let glued_after = end < bytes.len() && is_word(bytes[end]) && is_word(bytes[end - 1]);
            if !glued_before && !glued_after {
                return Some((start, end, found.pattern().as_usize()));
            }
            // Retry from the next character boundary.
            from = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }
}

#[derive(Clone, Copy)]
enum Which {
    Subscription,
    Group,
    Name,
    TagKey,
    TagValue,
    Ip,
}

#[derive(Clone, Copy)]
enum Kind {
    Id,
    Ip,
    Pattern(usize),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Segment {
    Keep,
    Subscription,
    Group,
    Name,
}

fn is_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
}

/// The segments of a resource id and what each is. Anything after `providers` goes
/// namespace, then type and name pairs; a nested `providers` starts over.
fn id_segments(text: &str) -> Vec<(Segment, &str)> {
    let mut segments = Vec::new();
    let mut expect = Segment::Keep;
    let mut in_provider = false;
    let mut after_namespace = false;
    for segment in text.split('/').filter(|s| !s.is_empty()) {
        let lower = segment.to_ascii_lowercase();
        let kind = if expect != Segment::Keep {
            let kind = expect;
            expect = Segment::Keep;
            kind
        } else if lower == "providers" {
            in_provider = true;
            after_namespace = false;
            Segment::Keep
        } else if in_provider && !after_namespace {
            after_namespace = true;
            Segment::Keep
        } else if in_provider {
            expect = Segment::Name;
            Segment::Keep
        } else if lower == "subscriptions" {
            expect = Segment::Subscription;
            Segment::Keep
        } else if lower == "resourcegroups" {
            expect = Segment::Group;
            Segment::Keep
        } else {
            Segment::Name
        };
        segments.push((kind, segment));
    }
    segments
}

fn find_id_start(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let needle = b"/subscriptions/";
    let mut index = from;
    while index + needle.len() <= bytes.len() {
        if bytes[index] == b'/' && bytes[index..index + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(index);
        }
        index += 1;
    }
    None
}

fn id_end(text: &str, start: usize) -> usize {
    text[start..]
        .find(|c: char| {
            c.is_whitespace()
                || matches!(c, '"' | '\'' | ',' | ';' | '(' | ')' | '[' | ']' | '{' | '}' | '<' | '>' | '`')
        })
        .map_or(text.len(), |offset| start + offset)
}

/// The prefix of a pseudonym for a resource of this type (its last type segment).
fn prefix_for_type(type_segment: &str) -> &'static str {
    match type_segment.to_ascii_lowercase().as_str() {
        "virtualmachines" => "vm",
        "virtualmachinescalesets" => "vmss",
        "disks" => "disk",
        "networkinterfaces" => "nic",
        "virtualnetworks" => "vnet",
        "subnets" => "snet",
        "networksecuritygroups" => "nsg",
        "publicipaddresses" => "pip",
        "loadbalancers" => "lb",
        "applicationgateways" => "agw",
        "storageaccounts" => "st",
        "vaults" => "kv",
        "sites" => "app",
        "serverfarms" => "plan",
        "servers" | "flexibleservers" => "server",
        "databases" => "db",
        "managedclusters" => "aks",
        "registries" => "cr",
        "workspaces" => "log",
        "components" => "appi",
        "userassignedidentities" => "id",
        "privateendpoints" => "pe",
        "extensions" => "ext",
        _ => "res",
    }
}

/// Splits a host name into the customer's part and a well-known public suffix.
fn split_host(host: &str) -> (&str, &str) {
    const SUFFIXES: [&str; 14] = [
        ".database.windows.net",
        ".database.chinacloudapi.cn",
        ".blob.core.windows.net",
        ".blob.core.chinacloudapi.cn",
        ".vault.azure.net",
        ".vault.azure.cn",
        ".azurewebsites.net",
        ".chinacloudsites.cn",
        ".servicebus.windows.net",
        ".redis.cache.windows.net",
        ".documents.azure.com",
        ".azurecr.io",
        ".core.windows.net",
        ".windows.net",
    ];
    let lower = host.to_ascii_lowercase();
    for suffix in SUFFIXES {
        if lower.ends_with(suffix) && lower.len() > suffix.len() {
            let cut = host.len() - suffix.len();
            return (&host[..cut], &host[cut..]);
        }
    }
    (host, "")
}

/// Every IP address (or CIDR range) in a text, in order.
pub(crate) fn find_ips(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut position = 0;
    while let Some((start, end)) = find_ip_from(text, position) {
        found.push(&text[start..end]);
        position = end;
    }
    found
}

/// The next IPv4 or IPv6 address (with an optional `/prefix`) at or after `from`.
fn find_ip_from(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut index = from;
    while index < bytes.len() {
        let byte = bytes[index];
        let starts_token =
            index == 0 || !(bytes[index - 1].is_ascii_alphanumeric() || matches!(bytes[index - 1], b'.' | b':'));
        if starts_token && (byte.is_ascii_hexdigit() || byte == b':') {
            let mut end = index;
            while end < bytes.len() && (bytes[end].is_ascii_hexdigit() || matches!(bytes[end], b'.' | b':')) {
                end += 1;
            }
            let candidate = text[index..end].trim_end_matches('.');
            let candidate_end = index + candidate.len();
            let next_is_word = candidate_end < bytes.len()
                && (bytes[candidate_end].is_ascii_alphanumeric() || bytes[candidate_end] == b'_');
            if !next_is_word && (is_ipv4(candidate) || is_ipv6(candidate)) {
                return Some((index, with_prefix(bytes, candidate_end)));
            }
            index = end.max(index + 1);
        } else {
            index += 1;
        }
    }
    None
}

fn with_prefix(bytes: &[u8], end: usize) -> usize {
    if end < bytes.len() && bytes[end] == b'/' {
        let digits = bytes[end + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
        let after = end + 1 + digits;
        if (1..=3).contains(&digits) && (after >= bytes.len() || !bytes[after].is_ascii_alphanumeric()) {
            return after;
        }
    }
    end
}

fn is_ipv4(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

fn is_ipv6(text: &str) -> bool {
    if text.matches(':').count() < 2 || text.contains(":::") {
        return false;
    }
    let (head, ipv4_tail) = match text.rfind(':') {
        Some(colon) if text[colon + 1..].contains('.') => (&text[..colon + 1], Some(&text[colon + 1..])),
        _ => (text, None),
    };
    if ipv4_tail.is_some_and(|tail| !is_ipv4(tail)) || (ipv4_tail.is_none() && head.contains('.')) {
        return false;
    }
    let compressed = head.contains("::");
    if head.matches("::").count() > 1 {
        return false;
    }
    let groups: Vec<&str> = head.split(':').filter(|g| !g.is_empty()).collect();
    if !groups.iter().all(|g| g.len() <= 4 && g.bytes().all(|b| b.is_ascii_hexdigit())) {
        return false;
    }
    let width = groups.len() + if ipv4_tail.is_some() { 2 } else { 0 };
    if compressed {
        (1..8).contains(&width)
    } else {
        width == 8 && !head.starts_with(':')
    }
}

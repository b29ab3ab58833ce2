//! The tables' logic, apart from rendering: the resource table's sorting, case-insensitive
//! search and virtual window of rows to render, and the pages every other long list is
//! shown in (waves, tasks, unpriced resources), so no view renders more than a page.
//!
//! Sorting and filtering work on index vectors into `Inventory::resources`, computed once
//! per sort or query change (not per render), so a 100,000-row table scrolls smoothly.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use std::cmp::Ordering;
use std::collections::HashMap;

use regionshift_core::assess::Readiness;
use regionshift_core::inventory::summary::InventorySummary;
use regionshift_core::inventory::Resource;
use regionshift_core::Analysis;

/// A sortable column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    Type,
    ResourceGroup,
    Location,
    Subscription,
    /// Readiness for the target region, when there is an assessment.
    Readiness,
}

impl Column {
    pub const ALL: [Column; 5] =
        [Column::Name, Column::Type, Column::ResourceGroup, Column::Location, Column::Subscription];
    pub const WITH_READINESS: [Column; 6] =
        [Column::Name, Column::Readiness, Column::Type, Column::ResourceGroup, Column::Location, Column::Subscription];

    pub fn title(self) -> &'static str {
        match self {
            Column::Name => "Name",
            Column::Type => "Type",
            Column::ResourceGroup => "Resource group",
            Column::Location => "Location",
            Column::Subscription => "Subscription",
            Column::Readiness => "Readiness",
        }
    }
}

/// A table's order: a column and a direction (the resource table's and the Compare
/// view's, each with its own columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sort<C> {
    pub column: C,
    pub descending: bool,
}

impl Default for Sort<Column> {
    fn default() -> Sort<Column> {
        Sort { column: Column::Name, descending: false }
    }
}

impl<C: PartialEq + Copy> Sort<C> {
    /// Clicking a header: the same column flips direction, another sorts ascending.
    pub fn clicked(self, column: C) -> Sort<C> {
        if self.column == column {
            Sort { column, descending: !self.descending }
        } else {
            Sort { column, descending: false }
        }
    }
}

/// Display labels the table needs that are not on the resource itself.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// Programmatic location (`chinanorth3`) to display name (`China North 3`).
    locations: HashMap<String, String>,
    /// Readiness per resource, by its index in the inventory; empty without an assessment.
    readiness: Vec<Readiness>,
}

impl Labels {
    pub fn from_summary(summary: &InventorySummary) -> Labels {
        Labels {
            locations: summary.by_location.iter().map(|c| (c.key.clone(), c.label.clone())).collect(),
            readiness: Vec::new(),
        }
    }

    /// Labels for an analysis, with readiness when it holds an assessment of the same
    /// resources (the assessment lists them in the inventory's order).
    pub fn from_analysis(analysis: &Analysis) -> Labels {
        let mut labels = Labels::from_summary(&analysis.summary);
        if let Some(assessment) = &analysis.assessment {
            let resources = &analysis.inventory.resources;
            let aligned = assessment.resources.len() == resources.len()
                && assessment.resources.iter().zip(resources).all(|(a, r)| a.id == r.id);
            if aligned {
                labels.readiness = assessment.resources.iter().map(|a| a.readiness).collect();
            }
        }
        labels
    }

    /// Does the table have a readiness column?
    pub fn has_readiness(&self) -> bool {
        !self.readiness.is_empty()
    }

    /// The readiness of the resource at `index` in the inventory.
    pub fn readiness(&self, index: usize) -> Option<Readiness> {
        self.readiness.get(index).copied()
    }

    /// The location as shown: its display name when known.
    pub fn location<'a>(&'a self, resource: &'a Resource) -> Option<&'a str> {
        let location = resource.location.as_ref()?.as_str();
        Some(self.locations.get(location).map_or(location, String::as_str))
    }
}

/// The type as shown: the portal's display name when known, else the ARM type.
pub fn type_label(resource: &Resource) -> &str {
    resource.resource_type.display_name().unwrap_or(resource.resource_type.as_str())
}

/// The text a column shows (and sorts by) for the resource at `index` in the inventory;
/// `None` when it has none.
pub fn cell<'a>(resource: &'a Resource, index: usize, column: Column, labels: &'a Labels) -> Option<&'a str> {
    match column {
        Column::Readiness => labels.readiness(index).map(Readiness::label),
        Column::Name => Some(resource.name.as_str()),
        Column::Type => Some(type_label(resource)),
        Column::ResourceGroup => resource.resource_group.as_deref(),
        Column::Location => labels.location(resource),
        Column::Subscription => resource.subscription.as_deref(),
    }
}

/// Compares ignoring ASCII case, then by exact text so the order is total.
pub fn cmp_ignore_case(a: &str, b: &str) -> Ordering {
    let folded = a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase()));
    folded.then_with(|| a.cmp(b))
}

/// Indices of all resources in the given order. Resources without a value in the column
/// come last in either direction; ties keep the inventory's order (by id).
pub fn sorted_order(resources: &[Resource], sort: Sort<Column>, labels: &Labels) -> Vec<u32> {
    let keys: Vec<Option<&str>> = resources.iter().enumerate().map(|(i, r)| cell(r, i, sort.column, labels)).collect();
    let mut order: Vec<u32> = (0..resources.len() as u32).collect();
    order.sort_by(|&a, &b| match (keys[a as usize], keys[b as usize]) {
        (Some(x), Some(y)) => {
            let ordering = cmp_ignore_case(x, y);
            if sort.descending {
                ordering.reverse()
            } else {
                ordering
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
    order
}

/// A search query, trimmed and lowercased once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    needle: String,
}

impl Query {
    pub fn new(text: &str) -> Query {
        Query { needle: text.trim().to_lowercase() }
    }

    pub fn is_empty(&self) -> bool {
        self.needle.is_empty()
    }

    /// Does the resource's name, type (ARM or display name), resource group, location
    /// (programmatic or display name), subscription, id or readiness contain the query,
    /// ignoring case? `index` is the resource's position in the inventory.
    pub fn matches(&self, resource: &Resource, index: usize, labels: &Labels) -> bool {
        if self.needle.is_empty() {
            return true;
        }
        let hit = |text: &str| contains_ignore_case(text, &self.needle);
        hit(&resource.name)
            || hit(resource.id.as_str())
            || hit(resource.resource_type.as_str())
            || resource.resource_type.display_name().is_some_and(hit)
            || resource.resource_group.as_deref().is_some_and(hit)
            || resource.location.as_ref().is_some_and(|l| hit(l.as_str()))
            || labels.location(resource).is_some_and(hit)
            || resource.subscription.as_deref().is_some_and(hit)
            || labels.readiness(index).is_some_and(|r| hit(r.label()))
    }
}

/// Does `haystack` contain `needle` (already lowercase), ignoring case? Allocation-free for
/// ASCII needles, which is what people type to find Azure resources.
pub fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if needle.is_ascii() {
        // ASCII bytes never occur inside a multi-byte UTF-8 sequence, so a byte search is exact.
        let needle = needle.as_bytes();
        haystack.len() >= needle.len()
            && haystack.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
    } else {
        haystack.to_lowercase().contains(needle)
    }
}

/// The rows of `order` that match the query, in order.
pub fn filtered(resources: &[Resource], order: &[u32], query: &Query, labels: &Labels) -> Vec<u32> {
    if query.is_empty() {
        return order.to_vec();
    }
    order.iter().copied().filter(|&i| query.matches(&resources[i as usize], i as usize, labels)).collect()
}

/// The rows to render: those in view plus `overscan` on each side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: usize,
    pub end: usize,
}

/// Which rows of `len` fixed-height rows are in a viewport scrolled to `scroll_top`.
pub fn visible_window(len: usize, scroll_top: f64, viewport_height: f64, row_height: f64, overscan: usize) -> Window {
    if len == 0 || row_height <= 0.0 {
        return Window { start: 0, end: 0 };
    }
    let first = (scroll_top.max(0.0) / row_height).floor() as usize;
    let visible = (viewport_height.max(0.0) / row_height).ceil() as usize + 1;
    let first = first.min(len.saturating_sub(1));
    Window { start: first.saturating_sub(overscan), end: (first + visible + overscan).min(len) }
}

/// Rows a page of a long list holds.
pub const PAGE_SIZE: usize = 100;

/// One page of a list of `len` rows, `size` a page (at least one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// 0-based, clamped to the last page.
    pub number: usize,
    pub pages: usize,
    pub start: usize,
    pub end: usize,
    pub len: usize,
}

impl Page {
    pub fn of(len: usize, number: usize, size: usize) -> Page {
        let size = size.max(1);
        let pages = len.div_ceil(size).max(1);
        let number = number.min(pages - 1);
        let start = (number * size).min(len);
        Page { number, pages, start, end: (start + size).min(len), len }
    }

    /// What the page shows: `rows 1–100 of 100,000`.
    pub fn label(&self) -> String {
        if self.len == 0 {
            return "no rows".to_string();
        }
        format!(
            "rows {}–{} of {}",
            crate::format::count(self.start + 1),
            crate::format::count(self.end),
            crate::format::count(self.len)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regionshift_core::{analyze, AnalysisOptions, InputFile};

    fn inventory() -> (Vec<Resource>, Labels) {
        let json = r#"[
          {"id": "/subscriptions/s1/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-01", "name": "web-01", "type": "Microsoft.Compute/virtualMachines", "location": "chinanorth3"},
          {"id": "/subscriptions/s1/resourceGroups/RG-Data/providers/Microsoft.Storage/storageAccounts/Alpha", "name": "Alpha", "type": "Microsoft.Storage/storageAccounts", "location": "eastus"},
          {"id": "/subscriptions/s2/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/beta", "name": "beta", "type": "Microsoft.Network/virtualNetworks", "location": "westeurope"},
          {"id": "/subscriptions/s2/resourceGroups/rg-net/providers/Microsoft.Network/dnszones/zeta.example", "name": "zeta.example", "type": "Microsoft.Network/dnszones"}
        ]"#;
        let analysis = analyze(&[InputFile::new("t.json", json)], &AnalysisOptions::default());
        assert_eq!(analysis.inventory.resources.len(), 4, "{:?}", analysis.diagnostics);
        let labels = Labels::from_summary(&analysis.summary);
        (analysis.inventory.resources.clone(), labels)
    }

    fn names(resources: &[Resource], order: &[u32]) -> Vec<String> {
        order.iter().map(|&i| resources[i as usize].name.clone()).collect()
    }

    #[test]
    fn sorts_by_name_ignoring_case_both_ways() {
        let (resources, labels) = inventory();
        let up = sorted_order(&resources, Sort::default(), &labels);
        assert_eq!(names(&resources, &up), ["Alpha", "beta", "web-01", "zeta.example"]);
        let down = sorted_order(&resources, Sort::default().clicked(Column::Name), &labels);
        assert_eq!(names(&resources, &down), ["zeta.example", "web-01", "beta", "Alpha"]);
    }

    #[test]
    fn missing_values_sort_last_in_either_direction() {
        let (resources, labels) = inventory();
        let sort = Sort::default().clicked(Column::Location);
        assert_eq!(sort, Sort { column: Column::Location, descending: false });
        let up = names(&resources, &sorted_order(&resources, sort, &labels));
        assert_eq!(up.last().unwrap(), "zeta.example");
        let down = names(&resources, &sorted_order(&resources, sort.clicked(Column::Location), &labels));
        assert_eq!(down.last().unwrap(), "zeta.example");
        assert_ne!(up[..3], down[..3]);
    }

    #[test]
    fn sorts_by_resource_group_ignoring_case() {
        let (resources, labels) = inventory();
        let order = sorted_order(&resources, Sort { column: Column::ResourceGroup, descending: false }, &labels);
        let groups: Vec<&str> =
            order.iter().map(|&i| resources[i as usize].resource_group.as_deref().unwrap_or("")).collect();
        assert_eq!(groups, ["RG-Data", "rg-net", "rg-net", "rg-web"]);
    }

    #[test]
    fn searches_every_column_and_the_id_ignoring_case() {
        let (resources, labels) = inventory();
        let order = sorted_order(&resources, Sort::default(), &labels);
        let find = |q: &str| names(&resources, &filtered(&resources, &order, &Query::new(q), &labels));
        assert_eq!(find("WEB-01"), ["web-01"]);
        assert_eq!(find("  alpha "), ["Alpha"]);
        assert_eq!(find("storageaccounts"), ["Alpha"]);
        assert_eq!(find("rg-net"), ["beta", "zeta.example"]);
        assert_eq!(find("China North"), ["web-01"], "location display name");
        assert_eq!(find("westeurope"), ["beta"], "programmatic location");
        assert_eq!(find("/subscriptions/s2/"), ["beta", "zeta.example"]);
        assert_eq!(find(""), ["Alpha", "beta", "web-01", "zeta.example"]);
        assert!(find("nothing-like-this").is_empty());
    }

    #[test]
    fn readiness_is_a_column_when_assessed() {
        let json = include_str!("../../../tests/fixtures/inventory/shop-graph.json");
        let options = AnalysisOptions {
            target: regionshift_core::azure::Location::new("chinanorth3"),
            ..AnalysisOptions::default()
        };
        let analysis = analyze(&[InputFile::new("t.json", json)], &options);
        let labels = Labels::from_analysis(&analysis);
        assert!(labels.has_readiness());
        let resources = &analysis.inventory.resources;
        let order = sorted_order(resources, Sort { column: Column::Readiness, descending: false }, &labels);
        let cells: Vec<&str> = order
            .iter()
            .map(|&i| cell(&resources[i as usize], i as usize, Column::Readiness, &labels).unwrap())
            .collect();
        assert!(cells.windows(2).all(|w| cmp_ignore_case(w[0], w[1]).is_le()), "{cells:?}");
        let label = cells[0].to_string();
        let found = filtered(resources, &order, &Query::new(&label), &labels);
        assert!(!found.is_empty());
        assert!(!Labels::from_summary(&analysis.summary).has_readiness());
    }

    #[test]
    fn case_insensitive_contains_handles_non_ascii() {
        assert!(contains_ignore_case("Größe-Konto", "größe"));
        assert!(contains_ignore_case("ÄBC", "äb"));
        assert!(contains_ignore_case("naïve-VM", "vm"));
        assert!(!contains_ignore_case("ab", "abc"));
        assert!(contains_ignore_case("anything", ""));
    }

    #[test]
    fn pages_cover_the_list_once_and_clamp() {
        let first = Page::of(100_000, 0, PAGE_SIZE);
        assert_eq!((first.start, first.end, first.pages), (0, 100, 1000));
        assert_eq!(first.label(), "rows 1–100 of 100,000");
        let last = Page::of(250, 7, PAGE_SIZE);
        assert_eq!((last.number, last.start, last.end), (2, 200, 250), "past the end: the last page");
        assert_eq!(last.label(), "rows 201–250 of 250");
        let empty = Page::of(0, 3, PAGE_SIZE);
        assert_eq!((empty.number, empty.start, empty.end, empty.pages), (0, 0, 0, 1));
        assert_eq!(empty.label(), "no rows");
        // Every row is on exactly one page.
        let len = 1234;
        let pages = Page::of(len, 0, 100).pages;
        let covered: usize = (0..pages).map(|n| Page::of(len, n, 100)).map(|p| p.end - p.start).sum();
        assert_eq!(covered, len);
        assert_eq!(Page::of(5, 0, 0).end, 1, "a page holds at least one row");
    }

    #[test]
    fn the_window_covers_the_viewport_and_the_overscan() {
        assert_eq!(visible_window(0, 0.0, 500.0, 32.0, 8), Window { start: 0, end: 0 });
        assert_eq!(visible_window(5, 0.0, 500.0, 32.0, 8), Window { start: 0, end: 5 });
        // 100,000 rows scrolled to row 1000: 16 rows in a 500 px viewport, plus one partly shown.
        let w = visible_window(100_000, 32_000.0, 500.0, 32.0, 8);
        assert_eq!(w, Window { start: 992, end: 1000 + 17 + 8 });
        // Scrolled past the end (the list just shrank): still shows the last rows.
        let w = visible_window(10, 10_000.0, 500.0, 32.0, 8);
        assert_eq!(w, Window { start: 1, end: 10 });
    }
}

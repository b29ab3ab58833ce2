//! The assessment view's logic, apart from rendering: the target regions offered by the
//! picker, the catalog's age, which catalog parts to show, and the findings table's order,
//! filters and pages.
//!
//! Like `table.rs`, the findings are handled as index vectors into
//! `Assessment::findings`, computed once per analysis or filter change (not per render), so
//! an estate with hundreds of thousands of findings stays responsive.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use std::collections::BTreeMap;

use regionshift_core::analysis::CatalogReport;
use regionshift_core::assess::{Assessment, FindingSeverity};
use regionshift_core::azure::regions::{self, Cloud};
use regionshift_core::azure::{Location, ResourceType};
use regionshift_core::catalog::{Catalog, CatalogPart, Provenance};
use regionshift_core::units::Date;

use crate::table::cmp_ignore_case;

/// The localStorage key of the remembered target region (only its name is stored).
pub const TARGET_KEY: &str = "regionshift.target-region";

/// Findings rendered per page of the findings table.
pub const PAGE_SIZE: usize = 100;

/// One group of the target picker: a cloud and its regions (name, display name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionGroup {
    pub label: &'static str,
    pub regions: Vec<(String, String)>,
}

/// The regions the catalog knows, grouped by cloud: Azure China first, then global Azure,
/// then any other cloud. `extra` adds regions only the user's catalog files cover.
pub fn region_groups(extra: &[String]) -> Vec<RegionGroup> {
    let catalog = Catalog::embedded();
    let order = [Cloud::AzureChinaCloud, Cloud::AzureCloud, Cloud::AzureUSGovernment];
    order
        .iter()
        .filter_map(|&cloud| {
            let regions: Vec<(String, String)> = regions::all()
                .iter()
                .filter(|region| region.cloud == cloud)
                .filter(|region| {
                    extra.iter().any(|name| name == &region.name)
                        || Location::new(&region.name).is_some_and(|location| catalog.knows_region(&location))
                })
                .map(|region| (region.name.clone(), region.display_name.clone()))
                .collect();
            (!regions.is_empty()).then_some(RegionGroup { label: cloud.label(), regions })
        })
        .collect()
}

/// Is the name a region the picker offers? Used to ignore a stale remembered choice.
pub fn is_known_target(name: &str, groups: &[RegionGroup]) -> bool {
    groups.iter().any(|group| group.regions.iter().any(|(region, _)| region == name))
}

/// How many days old a dated snapshot is on `today` (days since 1970-01-01).
pub fn age_days(as_of: &str, today: i64) -> Option<i64> {
    let date: Date = as_of.get(..10)?.parse().ok()?;
    Some(today - date.days_since_epoch())
}

/// The catalog parts worth showing: every part for the target region, then every part the
/// user's files provide for other regions.
pub fn shown_parts<'a>(report: &'a CatalogReport, target: Option<&str>) -> Vec<&'a CatalogPart> {
    let for_target = |part: &&CatalogPart| target.is_some() && part.region.as_deref() == target;
    let mut parts: Vec<&CatalogPart> = report.parts.iter().filter(for_target).collect();
    parts.extend(
        report.parts.iter().filter(|part| !for_target(part) && matches!(part.provenance, Provenance::User { .. })),
    );
    parts
}

/// Regions that only the user's catalog files cover (for the picker).
pub fn user_regions(report: &CatalogReport) -> Vec<String> {
    let mut regions: Vec<String> = report
        .parts
        .iter()
        .filter(|part| matches!(part.provenance, Provenance::User { .. }))
        .filter_map(|part| part.region.clone())
        .collect();
    regions.sort();
    regions.dedup();
    regions
}

/// The value filters of the findings table: `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FindingFilter {
    pub severity: Option<FindingSeverity>,
    pub category: Option<String>,
    /// Lowercased: resource groups compare ignoring case, as in Azure.
    pub resource_group: Option<String>,
    /// Lowercased ARM type.
    pub resource_type: Option<String>,
}

impl FindingFilter {
    pub fn is_empty(&self) -> bool {
        *self == FindingFilter::default()
    }
}

/// Finding indexes in display order, and for each finding the index of its resource in
/// `Assessment::resources`. Computed once per analysis.
#[derive(Debug, Clone, Default)]
pub struct FindingIndex {
    pub order: Vec<u32>,
    pub owner: Vec<u32>,
}

fn severity_rank(severity: FindingSeverity) -> u8 {
    match severity {
        FindingSeverity::Blocker => 0,
        FindingSeverity::Warning => 1,
        FindingSeverity::Info => 2,
    }
}

pub fn parse_severity(value: &str) -> Option<FindingSeverity> {
    match value {
        "blocker" => Some(FindingSeverity::Blocker),
        "warning" => Some(FindingSeverity::Warning),
        "info" => Some(FindingSeverity::Info),
        _ => None,
    }
}

/// Orders findings by severity (blockers first), then resource name, then rule.
pub fn index_findings(assessment: &Assessment) -> FindingIndex {
    let findings = &assessment.findings;
    let mut owner = vec![0u32; findings.len()];
    for (position, resource) in assessment.resources.iter().enumerate() {
        for &finding in &resource.findings {
            if let Some(slot) = owner.get_mut(finding) {
                *slot = position as u32;
            }
        }
    }
    let mut order: Vec<u32> = (0..findings.len() as u32).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&findings[a as usize], &findings[b as usize]);
        severity_rank(x.severity)
            .cmp(&severity_rank(y.severity))
            .then_with(|| cmp_ignore_case(&x.resource_name, &y.resource_name))
            .then_with(|| x.rule.cmp(y.rule))
            .then_with(|| a.cmp(&b))
    });
    FindingIndex { order, owner }
}

/// The findings of `index.order` that pass the filter, in order.
pub fn filter_findings(assessment: &Assessment, index: &FindingIndex, filter: &FindingFilter) -> Vec<u32> {
    if filter.is_empty() {
        return index.order.clone();
    }
    index
        .order
        .iter()
        .copied()
        .filter(|&i| {
            let finding = &assessment.findings[i as usize];
            let resource = index.owner.get(i as usize).and_then(|&r| assessment.resources.get(r as usize));
            filter.severity.is_none_or(|s| finding.severity == s)
                && filter.category.as_deref().is_none_or(|c| finding.category == c)
                && filter.resource_type.as_deref().is_none_or(|t| finding.resource_type.eq_ignore_ascii_case(t))
                && filter.resource_group.as_deref().is_none_or(|g| {
                    resource.and_then(|r| r.resource_group.as_deref()).is_some_and(|rg| rg.eq_ignore_ascii_case(g))
                })
        })
        .collect()
}

/// One choice of a filter: the value, a label and how many findings have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub count: usize,
}

/// The choices of the category, resource group and type filters, sorted by label.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterChoices {
    pub categories: Vec<Choice>,
    pub resource_groups: Vec<Choice>,
    pub resource_types: Vec<Choice>,
    /// Blockers, warnings, infos.
    pub severities: [usize; 3],
}

fn choices(map: BTreeMap<String, (String, usize)>) -> Vec<Choice> {
    let mut out: Vec<Choice> = map.into_iter().map(|(value, (label, count))| Choice { value, label, count }).collect();
    out.sort_by(|a, b| cmp_ignore_case(&a.label, &b.label));
    out
}

pub fn filter_choices(assessment: &Assessment, index: &FindingIndex) -> FilterChoices {
    let mut categories: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut groups: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut types: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut severities = [0usize; 3];
    for (i, finding) in assessment.findings.iter().enumerate() {
        severities[usize::from(severity_rank(finding.severity))] += 1;
        categories.entry(finding.category.to_string()).or_insert_with(|| (finding.category.to_string(), 0)).1 += 1;
        let type_key = finding.resource_type.to_ascii_lowercase();
        types
            .entry(type_key)
            .or_insert_with(|| {
                let resource_type = ResourceType::new(&finding.resource_type);
                let label = match resource_type.display_name() {
                    Some(display) => format!("{display} ({})", resource_type.as_str()),
                    None => resource_type.as_str().to_string(),
                };
                (label, 0)
            })
            .1 += 1;
        let group = index
            .owner
            .get(i)
            .and_then(|&r| assessment.resources.get(r as usize))
            .and_then(|r| r.resource_group.as_deref());
        if let Some(group) = group {
            groups.entry(group.to_ascii_lowercase()).or_insert_with(|| (group.to_string(), 0)).1 += 1;
        }
    }
    FilterChoices {
        categories: choices(categories),
        resource_groups: choices(groups),
        resource_types: choices(types),
        severities,
    }
}

/// The page count of `len` rows, at least one.
pub fn pages(len: usize) -> usize {
    len.div_ceil(PAGE_SIZE).max(1)
}

/// The rows of page `page` (from 0), clamped to the rows there are.
pub fn page_range(len: usize, page: usize) -> std::ops::Range<usize> {
    let page = page.min(pages(len) - 1);
    let start = (page * PAGE_SIZE).min(len);
    start..(start + PAGE_SIZE).min(len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regionshift_core::{analyze, AnalysisOptions, InputFile};

    const SHOP: &str = include_str!("../../../tests/fixtures/inventory/shop-graph.json");
    const SAMPLE: &[u8] = include_bytes!("../../../data/sample-estate.json");

    fn assessed(bytes: &[u8], target: &str) -> regionshift_core::Analysis {
        let options = AnalysisOptions { target: Location::new(target), ..AnalysisOptions::default() };
        analyze(&[InputFile::new("estate.json", bytes)], &options)
    }

    #[test]
    fn the_picker_lists_china_first_then_global() {
        let groups = region_groups(&[]);
        assert_eq!(groups[0].label, Cloud::AzureChinaCloud.label());
        assert_eq!(groups[1].label, Cloud::AzureCloud.label());
        let china: Vec<&str> = groups[0].regions.iter().map(|(name, _)| name.as_str()).collect();
        for region in ["chinanorth", "chinanorth2", "chinanorth3", "chinaeast", "chinaeast2", "chinaeast3"] {
            assert!(china.contains(&region), "{region} in {china:?}");
        }
        assert!(is_known_target("eastus", &groups));
        assert!(is_known_target("chinanorth3", &groups));
        assert!(!is_known_target("atlantis", &groups));
    }

    #[test]
    fn snapshot_ages_in_days() {
        let day = |text: &str| text.parse::<Date>().unwrap().days_since_epoch();
        assert_eq!(age_days("2026-03-20", day("2026-11-25")), Some(250));
        assert_eq!(age_days("2024-02-28", day("2024-03-01")), Some(2), "leap year");
        assert_eq!(age_days("2026-03-20T10:00:00Z", day("2026-03-21")), Some(1), "a time after the day is ignored");
        assert_eq!(age_days("2026-13-01", day("2026-03-21")), None);
        assert_eq!(age_days("soon", day("2026-03-21")), None);
    }

    #[test]
    fn findings_are_ordered_filtered_and_paged() {
        let analysis = assessed(SAMPLE, "chinanorth3");
        let assessment = analysis.assessment.as_ref().unwrap();
        assert!(!assessment.findings.is_empty());
        let index = index_findings(assessment);
        assert_eq!(index.order.len(), assessment.findings.len());
        let severities: Vec<u8> =
            index.order.iter().map(|&i| severity_rank(assessment.findings[i as usize].severity)).collect();
        assert!(severities.windows(2).all(|w| w[0] <= w[1]), "blockers first");
        for (position, resource) in assessment.resources.iter().enumerate() {
            for &finding in &resource.findings {
                assert_eq!(index.owner[finding] as usize, position);
            }
        }
        let choices = filter_choices(assessment, &index);
        assert_eq!(choices.severities.iter().sum::<usize>(), assessment.findings.len());
        let all = filter_findings(assessment, &index, &FindingFilter::default());
        assert_eq!(all.len(), assessment.findings.len());
        let blockers = FindingFilter { severity: Some(FindingSeverity::Blocker), ..FindingFilter::default() };
        assert_eq!(filter_findings(assessment, &index, &blockers).len(), choices.severities[0]);
        for choice in &choices.categories {
            let filter = FindingFilter { category: Some(choice.value.clone()), ..FindingFilter::default() };
            assert_eq!(filter_findings(assessment, &index, &filter).len(), choice.count, "{}", choice.label);
        }
        for choice in &choices.resource_groups {
            let filter = FindingFilter { resource_group: Some(choice.value.clone()), ..FindingFilter::default() };
            assert_eq!(filter_findings(assessment, &index, &filter).len(), choice.count, "{}", choice.label);
        }
        for choice in &choices.resource_types {
            let filter = FindingFilter { resource_type: Some(choice.value.clone()), ..FindingFilter::default() };
            assert_eq!(filter_findings(assessment, &index, &filter).len(), choice.count, "{}", choice.label);
        }
    }

    #[test]
    fn pages_cover_every_row_once() {
        assert_eq!(pages(0), 1);
        assert_eq!(page_range(0, 0), 0..0);
        assert_eq!(pages(250), 3);
        assert_eq!(page_range(250, 2), 200..250);
        assert_eq!(page_range(250, 9), 200..250, "clamped to the last page");
        assert_eq!(page_range(100, 0), 0..100);
    }

    #[test]
    fn catalog_parts_for_the_target_come_first() {
        let analysis = assessed(SHOP.as_bytes(), "chinanorth3");
        let parts = shown_parts(&analysis.catalog, Some("chinanorth3"));
        assert!(!parts.is_empty());
        assert!(parts.iter().all(|p| p.region.as_deref() == Some("chinanorth3")));
        assert!(parts.iter().any(|p| p.part == "VM sizes"));
        assert!(shown_parts(&analysis.catalog, None).is_empty(), "no user files, no target");
        assert!(user_regions(&analysis.catalog).is_empty());
    }

    #[test]
    fn user_catalog_files_are_shown_as_the_users() {
        let skus = include_bytes!("../../../tests/fixtures/catalog-e2e/vm-skus.json");
        let options = AnalysisOptions {
            target: Location::new("chinanorth3"),
            catalog_files: vec![InputFile::new("vm-skus.json", &skus[..])],
            ..AnalysisOptions::default()
        };
        let analysis = analyze(&[InputFile::new("shop.json", SHOP)], &options);
        let sizes = shown_parts(&analysis.catalog, Some("chinanorth3"))
            .into_iter()
            .find(|p| p.part == "VM sizes")
            .expect("VM sizes part");
        assert_eq!(sizes.provenance, Provenance::User { file: "vm-skus.json".into() });
        assert_eq!(user_regions(&analysis.catalog), ["chinanorth3"]);
        assert!(
            !analysis
                .diagnostics
                .iter()
                .any(|d| d.code.starts_with("catalog.") && d.severity == regionshift_core::Severity::Error),
            "{:?}",
            analysis.diagnostics
        );
    }
}

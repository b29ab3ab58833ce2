//! The Azure regions RegionShift knows: public cloud, Azure China and Azure US
//! Government, with display names, geography and region pairs.
//!
//! The table is `data/regions.json`, embedded at build time and parsed once. Lookups
//! take a normalised [`Location`], so `China North 3`, `chinanorth3` and
//! `(Asia Pacific) China North 3` all find the same region. Logical locations such as
//! `global` are not regions.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::Location;

/// The sovereign cloud a region belongs to. Clouds do not share tenants, identities or
/// endpoints, so moving between them is a migration, not a region move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Cloud {
    /// The global public cloud.
    AzureCloud,
    /// Azure China, operated by 21Vianet.
    AzureChinaCloud,
    /// Azure Government (US).
    AzureUSGovernment,
}

impl Cloud {
    pub fn label(self) -> &'static str {
        match self {
            Cloud::AzureCloud => "Azure (global)",
            Cloud::AzureChinaCloud => "Azure China (21Vianet)",
            Cloud::AzureUSGovernment => "Azure US Government",
        }
    }
}

/// One Azure region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    /// The programmatic name (`chinanorth3`), which is what [`Location`] normalises to.
    pub name: String,
    /// The name the portal shows (`China North 3`).
    pub display_name: String,
    pub cloud: Cloud,
    /// The geography the region belongs to (`China`, `Europe`, `United States`).
    pub geography: String,
    /// The programmatic name of the paired region, when the region has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paired_region: Option<String>,
}

impl Region {
    /// The region's pair, when it has one.
    pub fn paired(&self) -> Option<&'static Region> {
        let paired = self.paired_region.as_deref()?;
        table().by_name.get(paired).map(|&index| &table().regions[index])
    }
}

/// The region a location names, or `None` for unknown and logical locations (`global`).
pub fn region(location: &Location) -> Option<&'static Region> {
    let table = table();
    table.by_name.get(location.as_str()).map(|&index| &table.regions[index])
}

/// Every known region, in the order of the table (grouped by cloud and geography).
pub fn all() -> &'static [Region] {
    &table().regions
}

/// The region's display name when the location is a known region, else the location as
/// written in its normalised form.
pub fn display_name(location: &Location) -> String {
    match region(location) {
        Some(region) => region.display_name.clone(),
        None => location.as_str().to_string(),
    }
}

#[derive(Deserialize)]
struct RegionFile {
    regions: Vec<Region>,
}

struct Table {
    regions: Vec<Region>,
    by_name: HashMap<String, usize>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        // The embedded file is checked by the tests below; a broken table is a build
        // defect, so an empty table (every lookup unknown) is the only fallback needed.
        let regions = serde_json::from_str::<RegionFile>(crate::data::text(crate::data::DataFile::Regions))
            .map(|file| file.regions)
            .unwrap_or_default();
        let by_name = regions.iter().enumerate().map(|(index, region)| (region.name.clone(), index)).collect();
        Table { regions, by_name }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location(text: &str) -> Location {
        Location::new(text).unwrap()
    }

    #[test]
    fn the_embedded_table_parses_and_is_not_empty() {
        let file: RegionFile = serde_json::from_str(crate::data::text(crate::data::DataFile::Regions)).unwrap();
        assert_eq!(file.regions.len(), all().len());
        assert!(all().len() > 60);
    }

    #[test]
    fn china_north_3_is_in_the_china_cloud() {
        let region = region(&location("chinanorth3")).unwrap();
        assert_eq!(region.cloud, Cloud::AzureChinaCloud);
        assert_eq!(region.display_name, "China North 3");
        assert_eq!(region.geography, "China");
        assert_eq!(region.paired().unwrap().name, "chinaeast3");
    }

    #[test]
    fn there_are_six_china_regions() {
        let mut china: Vec<&str> =
            all().iter().filter(|r| r.cloud == Cloud::AzureChinaCloud).map(|r| r.name.as_str()).collect();
        china.sort_unstable();
        assert_eq!(china, ["chinaeast", "chinaeast2", "chinaeast3", "chinanorth", "chinanorth2", "chinanorth3"]);
    }

    #[test]
    fn display_names_normalise_to_known_regions() {
        let region = region(&location("East US 2")).unwrap();
        assert_eq!(region.name, "eastus2");
        assert_eq!(region.cloud, Cloud::AzureCloud);
        assert_eq!(super::region(&location("(Europe) West Europe")).unwrap().name, "westeurope");
        assert_eq!(super::region(&location("USGov Virginia")).unwrap().cloud, Cloud::AzureUSGovernment);
    }

    #[test]
    fn every_name_is_the_normalised_display_name() {
        for region in all() {
            assert_eq!(Location::new(&region.display_name).unwrap().as_str(), region.name, "{region:?}");
        }
    }

    #[test]
    fn names_are_unique_and_pairs_are_known_regions_of_the_same_cloud() {
        let mut seen = std::collections::HashSet::new();
        for region in all() {
            assert!(seen.insert(region.name.as_str()), "{} is listed twice", region.name);
            if let Some(pair) = &region.paired_region {
                let paired = region.paired().unwrap_or_else(|| panic!("{}: unknown pair {pair}", region.name));
                assert_eq!(paired.cloud, region.cloud, "{} is paired across clouds", region.name);
                assert_ne!(&paired.name, &region.name);
            }
        }
    }

    #[test]
    fn global_is_not_a_region() {
        let global = location("Global");
        assert!(global.is_global());
        assert!(region(&global).is_none());
        assert_eq!(display_name(&global), "global");
        assert_eq!(display_name(&location("uksouth")), "UK South");
        assert_eq!(display_name(&location("Mars Central")), "marscentral");
    }

    #[test]
    fn clouds_have_labels() {
        assert_eq!(Cloud::AzureChinaCloud.label(), "Azure China (21Vianet)");
        let cloud: Cloud = serde_json::from_str("\"AzureUSGovernment\"").unwrap();
        assert_eq!(cloud, Cloud::AzureUSGovernment);
    }
}

//! Azure locations in their programmatic form (`chinanorth3`), whatever form they were
//! written in.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An Azure location in its programmatic form (`chinanorth3`), whatever form it
/// was written in (`China North 3`, `ChinaNorth3`).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Location(String);

/// Read through [`Location::new`], so a saved location is normalised like any other.
impl<'de> Deserialize<'de> for Location {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Location, D::Error> {
        let text = String::deserialize(deserializer)?;
        Location::new(&text).ok_or_else(|| serde::de::Error::custom("a location cannot be empty"))
    }
}

impl Location {
    /// Normalises a location: lowercase, without spaces or punctuation, and without
    /// a geography prefix such as `(Asia Pacific) `. Returns `None` for an empty text.
    pub fn new(text: &str) -> Option<Location> {
        let mut text = text.trim();
        if text.starts_with('(') {
            if let Some(end) = text.find(')') {
                text = text[end + 1..].trim();
            }
        }
        let name: String = text.chars().filter(|c| c.is_alphanumeric()).flat_map(|c| c.to_lowercase()).collect();
        (!name.is_empty()).then_some(Location(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Resources such as DNS zones and Front Door live in `global`.
    pub fn is_global(&self) -> bool {
        self.0 == "global"
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Location({})", self.0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_normalise_every_spelling() {
        for spelling in ["China North 3", "chinanorth3", "ChinaNorth3", " china north 3 "] {
            assert_eq!(Location::new(spelling).unwrap().as_str(), "chinanorth3");
        }
        assert_eq!(Location::new("(US) East US 2").unwrap().as_str(), "eastus2");
        assert!(Location::new("  ").is_none());
        assert!(Location::new("Global").unwrap().is_global());
    }
}

//! The price book: prices by region, meter key and term, from the embedded dated
//! snapshot (`data/prices/snapshot.json`) and from price files the user loads.
//!
//! Meter keys are this crate's own names for what the pricing rules need
//! (`vm/standard_d2s_v3/linux`, `disk/p10/lrs`, `sqldb/dtu/s0`); both the snapshot and
//! the user-file readers produce them, so a rule never sees a source's spelling. The
//! region `china` holds Azure China prices that apply to every China region.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::UnpricedReason;

use crate::azure::regions::{self, Cloud};
use crate::azure::Location;
use crate::units::Currency;

/// The region key for prices that apply to every Azure China region.
pub(crate) const CHINA_WIDE: &str = "china";

/// What a price is per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Hour,
    Day,
    Month,
    GbMonth,
    Gb,
    Tb,
    /// Per thousand (runs, records).
    Thousand,
    TenThousand,
    /// Per hundred thousand (notification emails).
    HundredThousand,
    /// Per million: request units, executions, operations or events.
    Million,
    /// Per GB-second of memory held while running (Functions consumption).
    GbSecond,
    /// Per second (Container Apps vCPU- and GiB-seconds).
    Second,
    /// Per minute (Automation job run time).
    Minute,
    /// Per item (a text message, an action execution).
    Each,
    /// A reservation's total for its whole term.
    Term,
}

impl Unit {
    pub(crate) fn from_code(code: &str) -> Option<Unit> {
        Some(match code {
            "h" => Unit::Hour,
            "d" => Unit::Day,
            "m" => Unit::Month,
            "gbm" => Unit::GbMonth,
            "gb" => Unit::Gb,
            "tb" => Unit::Tb,
            "1k" => Unit::Thousand,
            "10k" => Unit::TenThousand,
            "100k" => Unit::HundredThousand,
            "1m" => Unit::Million,
            "gbs" => Unit::GbSecond,
            "s" => Unit::Second,
            "min" => Unit::Minute,
            "n" => Unit::Each,
            _ => return None,
        })
    }
}

/// How long a price commits the buyer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Term {
    PayAsYouGo,
    Reserved1Year,
    Reserved3Years,
}

impl Term {
    fn index(self) -> usize {
        match self {
            Term::PayAsYouGo => 0,
            Term::Reserved1Year => 1,
            Term::Reserved3Years => 2,
        }
    }

    /// Months a reservation's term total is spread over.
    pub fn months(self) -> Option<Decimal> {
        match self {
            Term::PayAsYouGo => None,
            Term::Reserved1Year => Some(Decimal::from(12)),
            Term::Reserved3Years => Some(Decimal::from(36)),
        }
    }
}

/// Where a price came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PriceOrigin {
    /// The embedded snapshot: its source and that source's date.
    Snapshot { source: String, date: String },
    /// A file the user loaded, with the price's effective date when the file gave one.
    User {
        file: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        effective: Option<String>,
    },
}

/// One price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriceEntry {
    /// The price per unit (of the first tier, when the meter is tiered).
    pub price: Decimal,
    pub unit: Unit,
    pub currency: Currency,
    pub origin: PriceOrigin,
    /// Graduated tiers, lowest first, when the price file gave more than one: each unit
    /// from a tier's `from` up to the next tier's is charged at that tier's price. Empty
    /// for a flat price. A free grant is a first tier at price zero.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<PriceTier>,
}

/// One band of a graduated price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriceTier {
    /// The first unit (of the entry's unit) this price applies to.
    pub from: Decimal,
    pub price: Decimal,
}

/// The outcome of looking a meter up for a region.
pub(crate) type Lookup<'a> = Result<&'a PriceEntry, (UnpricedReason, String)>;

/// The prices of one meter in one region, by term.
type TermPrices = [Option<PriceEntry>; 3];

/// Prices by region, then meter key, then term. Nested maps keyed by `String` are looked
/// up with `&str`, so a lookup allocates nothing.
#[derive(Debug, Clone, Default)]
pub struct PriceBook {
    pub(crate) entries: HashMap<String, HashMap<String, TermPrices>>,
    /// Meter keys present in some region of a cloud, with one bit per term, to tell "not
    /// offered here" from "no price loaded".
    pub(crate) known: HashMap<Cloud, HashMap<String, u8>>,
    count: usize,
    as_of: String,
    notes: Vec<String>,
}

#[derive(Deserialize)]
struct SnapshotFile {
    #[serde(rename = "_meta")]
    meta: SnapshotMeta,
    regions: HashMap<String, SnapshotRegion>,
}

#[derive(Deserialize)]
struct SnapshotMeta {
    as_of: String,
    sources: HashMap<String, SnapshotSource>,
    notes: Vec<String>,
}

#[derive(Deserialize)]
struct SnapshotSource {
    date: String,
    what: String,
}

#[derive(Deserialize)]
struct SnapshotRegion {
    currency: String,
    payg: HashMap<String, String>,
    #[serde(default, rename = "1y")]
    reserved_1y: HashMap<String, String>,
    #[serde(default, rename = "3y")]
    reserved_3y: HashMap<String, String>,
}

/// Reads a decimal from its text, plain (`0.096`) or scientific (`1.5E-05`).
pub(crate) fn parse_decimal(text: &str) -> Option<Decimal> {
    let text = text.trim();
    Decimal::from_str(text).ok().or_else(|| Decimal::from_scientific(text).ok())
}

fn cloud_of_region_key(region: &str) -> Option<Cloud> {
    if region == CHINA_WIDE {
        return Some(Cloud::AzureChinaCloud);
    }
    Location::new(region).and_then(|location| regions::region(&location)).map(|r| r.cloud)
}

fn parse_snapshot(text: &str) -> Result<PriceBook, String> {
    let file: SnapshotFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut book = PriceBook { as_of: file.meta.as_of, notes: file.meta.notes, ..PriceBook::default() };
    for (region, group) in file.regions {
        let currency = Currency::parse(&group.currency).ok_or_else(|| format!("{region}: bad currency"))?;
        let terms = [
            (Term::PayAsYouGo, group.payg),
            (Term::Reserved1Year, group.reserved_1y),
            (Term::Reserved3Years, group.reserved_3y),
        ];
        for (term, prices) in terms {
            for (key, value) in prices {
                let mut parts = value.split(' ');
                let (Some(price), Some(unit), Some(source), None) =
                    (parts.next(), parts.next(), parts.next(), parts.next())
                else {
                    return Err(format!("{region} {key}: expected 'price unit source'"));
                };
                let price = parse_decimal(price).ok_or_else(|| format!("{region} {key}: bad price {price}"))?;
                let unit = Unit::from_code(unit).ok_or_else(|| format!("{region} {key}: bad unit {unit}"))?;
                let source =
                    file.meta.sources.get(source).ok_or_else(|| format!("{region} {key}: unknown source {source}"))?;
                let origin = PriceOrigin::Snapshot { source: source.what.clone(), date: source.date.clone() };
                book.insert(&region, &key, term, PriceEntry { price, unit, currency, origin, tiers: Vec::new() });
            }
        }
    }
    Ok(book)
}

impl PriceBook {
    /// The embedded snapshot, parsed once. A broken snapshot is a build defect caught by
    /// the tests; the only fallback is an empty book (everything unpriced, never zero).
    pub fn embedded() -> PriceBook {
        static BOOK: OnceLock<PriceBook> = OnceLock::new();
        BOOK.get_or_init(|| parse_snapshot(crate::data::text(crate::data::DataFile::PriceSnapshot)).unwrap_or_default())
            .clone()
    }

    /// An empty book: nothing priced.
    pub fn empty() -> PriceBook {
        PriceBook::default()
    }

    /// The snapshot's date.
    pub fn as_of(&self) -> &str {
        &self.as_of
    }

    /// What the snapshot says about its own limits.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// How many prices the book holds.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Adds or replaces a price. `region` is a programmatic region name or `china`.
    pub(crate) fn insert(&mut self, region: &str, key: &str, term: Term, entry: PriceEntry) {
        if let Some(cloud) = cloud_of_region_key(region) {
            *self.known.entry(cloud).or_default().entry(key.to_string()).or_default() |= 1 << term.index();
        }
        let slot =
            &mut self.entries.entry(region.to_string()).or_default().entry(key.to_string()).or_default()[term.index()];
        if slot.is_none() {
            self.count += 1;
        }
        *slot = Some(entry);
    }

    pub(crate) fn get_exact(&self, region: &str, key: &str, term: Term) -> Option<&PriceEntry> {
        self.entries.get(region)?.get(key)?[term.index()].as_ref()
    }

    pub(crate) fn get_exact_mut(&mut self, region: &str, key: &str, term: Term) -> Option<&mut PriceEntry> {
        self.entries.get_mut(region)?.get_mut(key)?[term.index()].as_mut()
    }

    pub(crate) fn is_known(&self, cloud: Cloud, key: &str, term: Term) -> bool {
        self.known.get(&cloud).and_then(|keys| keys.get(key)).is_some_and(|bits| bits & (1 << term.index()) != 0)
    }

    /// The price of a meter in a region: the region's own price, else (Azure China) the
    /// China-wide price. Never another region's price.
    pub fn get(&self, region: &Location, key: &str, term: Term) -> Option<&PriceEntry> {
        self.lookup(region, key, term).ok()
    }

    pub(crate) fn lookup(&self, region: &Location, key: &str, term: Term) -> Lookup<'_> {
        let Some(cloud) = regions::region(region).map(|r| r.cloud) else {
            return Err((
                UnpricedReason::NoPriceLoaded,
                format!("{region} is not a known region, so no prices apply to it"),
            ));
        };
        if let Some(entry) = self.get_exact(region.as_str(), key, term) {
            return Ok(entry);
        }
        if cloud == Cloud::AzureChinaCloud {
            if let Some(entry) = self.get_exact(CHINA_WIDE, key, term) {
                return Ok(entry);
            }
        }
        // A missing price never means "not offered": only the catalog says that, and the
        // rules ask it. The hint says whether other regions of the cloud have the price.
        let elsewhere = self.is_known(cloud, key, term);
        let hint = match (cloud, elsewhere) {
            (Cloud::AzureChinaCloud, true) => format!(
                "no price for {key} in {region} on the azure.cn pages of the snapshot (other Azure China regions have one); load the Azure China price sheet CSV (prices.azure.cn)"
            ),
            (Cloud::AzureChinaCloud, false) => format!(
                "no price for {key} on the azure.cn pages of the snapshot; load the Azure China price sheet CSV (prices.azure.cn)"
            ),
            _ => format!(
                "no dated public capture of the {key} price in {region}: load a Cost Management export (--spend) for what it costs today, or saved pages of the Azure Retail Prices API (prices.azure.com)"
            ),
        };
        Err((UnpricedReason::NoPriceLoaded, hint))
    }
}

//! The ranking rule of a comparison, which the user sees and changes: criteria in order
//! (fewest blockers, then lowest monthly cost, then shortest move, by default) or
//! weights.
//!
//! Ranking never fails and is a total order: ties end in the order the targets were
//! given (the regions table's when all are compared). Costs in two currencies are
//! compared only through the user's exchange rate: in criteria order, targets tied so
//! far whose costs cannot all be put in one currency skip the cost criterion; with
//! weights, each cost counts relative to the highest cost in its own currency.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cost::ExchangeRate;
use crate::units::Currency;

/// One thing targets are ranked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Criterion {
    /// Fewer blocker findings first.
    Blockers,
    /// A lower monthly cost in the target first (of the resources priced there).
    Cost,
    /// A shorter move first (the plan's total hours).
    Duration,
    /// Fewer resources left Unknown first (the catalog or the export lacks facts).
    Unknown,
}

impl Criterion {
    /// The default rule's criteria, in order.
    pub const DEFAULT: [Criterion; 3] = [Criterion::Blockers, Criterion::Cost, Criterion::Duration];
    /// Every criterion.
    pub const ALL: [Criterion; 4] = [Criterion::Blockers, Criterion::Cost, Criterion::Duration, Criterion::Unknown];

    /// The name the rule is written with: `blockers`, `cost`, `duration`.
    pub fn name(self) -> &'static str {
        match self {
            Criterion::Blockers => "blockers",
            Criterion::Cost => "cost",
            Criterion::Duration => "duration",
            Criterion::Unknown => "unknown",
        }
    }

    /// What the criterion prefers, in words: `fewest blockers`.
    pub fn words(self) -> &'static str {
        match self {
            Criterion::Blockers => "fewest blockers",
            Criterion::Cost => "lowest monthly cost (of the resources priced in every target)",
            Criterion::Duration => "shortest move",
            Criterion::Unknown => "fewest resources Unknown",
        }
    }

    fn parse(text: &str) -> Option<Criterion> {
        Criterion::ALL.into_iter().find(|criterion| criterion.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// How much each criterion weighs in a weighted ranking (0 or more, not all 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weights {
    pub blockers: Decimal,
    pub cost: Decimal,
    pub duration: Decimal,
    pub unknown: Decimal,
}

impl Weights {
    fn of(&self, criterion: Criterion) -> Decimal {
        match criterion {
            Criterion::Blockers => self.blockers,
            Criterion::Cost => self.cost,
            Criterion::Duration => self.duration,
            Criterion::Unknown => self.unknown,
        }
    }
}

/// How targets are ranked. Written and read as text, on the command line, in the app and
/// in JSON alike: criteria in order (`blockers,cost,duration`, the default) or weights
/// (`blockers=3,cost=1,duration=1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Ranking {
    /// The criteria in order: the first that tells two targets apart decides.
    Order(Vec<Criterion>),
    /// The lowest score wins: each criterion's value divided by the highest among the
    /// targets, times its weight, summed.
    Weights(Weights),
}

impl Default for Ranking {
    fn default() -> Ranking {
        Ranking::Order(Criterion::DEFAULT.to_vec())
    }
}

impl Ranking {
    /// The rule in words: `fewest blockers, then lowest monthly cost, then shortest
    /// move`.
    pub fn words(&self) -> String {
        match self {
            Ranking::Order(criteria) => {
                let words: Vec<&str> = criteria.iter().map(|criterion| criterion.words()).collect();
                words.join(", then ")
            }
            Ranking::Weights(weights) => {
                let terms: Vec<String> = Criterion::ALL
                    .iter()
                    .filter(|criterion| !weights.of(**criterion).is_zero())
                    .map(|criterion| format!("{} × {}", weights.of(*criterion).normalize(), criterion.name()))
                    .collect();
                format!(
                    "lowest weighted score, {}, each relative to the highest among the targets (the cost of the resources priced in every target, relative to the highest in its currency unless an exchange rate converts it)",
                    terms.join(" + ")
                )
            }
        }
    }
}

impl FromStr for Ranking {
    type Err = String;

    fn from_str(text: &str) -> Result<Ranking, String> {
        let wrong = |why: &str| {
            format!(
                "a ranking is criteria in order such as blockers,cost,duration or weights such as blockers=3,cost=1,duration=1 (the criteria are blockers, cost, duration and unknown): {why}, in {text:?}"
            )
        };
        let parts: Vec<&str> = text.split(',').map(str::trim).filter(|part| !part.is_empty()).collect();
        if parts.is_empty() {
            return Err(wrong("no criterion"));
        }
        if parts.iter().any(|part| part.contains('=')) {
            let mut weights = Weights {
                blockers: Decimal::ZERO,
                cost: Decimal::ZERO,
                duration: Decimal::ZERO,
                unknown: Decimal::ZERO,
            };
            let mut seen = Vec::new();
            for part in parts {
                let (name, weight) = part.split_once('=').ok_or_else(|| wrong("every criterion needs a weight"))?;
                let criterion = Criterion::parse(name).ok_or_else(|| wrong(&format!("unknown criterion {name:?}")))?;
                let weight: Decimal =
                    weight.trim().parse().map_err(|_| wrong(&format!("the weight {weight:?} is not a number")))?;
                if weight.is_sign_negative() && !weight.is_zero() {
                    return Err(wrong("a weight cannot be negative"));
                }
                if seen.contains(&criterion) {
                    return Err(wrong(&format!("{} is given twice", criterion.name())));
                }
                seen.push(criterion);
                match criterion {
                    Criterion::Blockers => weights.blockers = weight,
                    Criterion::Cost => weights.cost = weight,
                    Criterion::Duration => weights.duration = weight,
                    Criterion::Unknown => weights.unknown = weight,
                }
            }
            if Criterion::ALL.iter().all(|criterion| weights.of(*criterion).is_zero()) {
                return Err(wrong("at least one weight must be above 0"));
            }
            return Ok(Ranking::Weights(weights));
        }
        let mut criteria = Vec::new();
        for part in parts {
            let criterion = Criterion::parse(part).ok_or_else(|| wrong(&format!("unknown criterion {part:?}")))?;
            if criteria.contains(&criterion) {
                return Err(wrong(&format!("{} is given twice", criterion.name())));
            }
            criteria.push(criterion);
        }
        Ok(Ranking::Order(criteria))
    }
}

impl TryFrom<String> for Ranking {
    type Error = String;
    fn try_from(text: String) -> Result<Ranking, String> {
        text.parse()
    }
}

impl From<Ranking> for String {
    fn from(ranking: Ranking) -> String {
        ranking.to_string()
    }
}

impl fmt::Display for Ranking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ranking::Order(criteria) => {
                let names: Vec<&str> = criteria.iter().map(|criterion| criterion.name()).collect();
                f.write_str(&names.join(","))
            }
            Ranking::Weights(weights) => {
                let terms: Vec<String> = Criterion::ALL
                    .iter()
                    .filter(|criterion| Criterion::DEFAULT.contains(criterion) || !weights.of(**criterion).is_zero())
                    .map(|criterion| format!("{}={}", criterion.name(), weights.of(*criterion).normalize()))
                    .collect();
                f.write_str(&terms.join(","))
            }
        }
    }
}

/// What a target is ranked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Key<'a> {
    pub blockers: usize,
    pub unknown: usize,
    pub currency: Currency,
    pub hours: Decimal,
    /// Each resource's monthly cost there, in inventory order: `None` when it is unpriced
    /// there, 0 when it is free.
    pub costs: &'a [Option<Decimal>],
}

/// The targets from first to last (positions in `keys`), and with weights each target's
/// score (lower is better).
pub(super) struct Ranked {
    pub order: Vec<usize>,
    pub scores: Option<Vec<Decimal>>,
}

/// Ranks the targets by the rule.
pub(super) fn rank(keys: &[Key<'_>], ranking: &Ranking, rate: Option<&ExchangeRate>) -> Ranked {
    match ranking {
        Ranking::Order(criteria) => {
            let mut order = Vec::with_capacity(keys.len());
            in_order(keys, (0..keys.len()).collect(), criteria, rate, &mut order);
            Ranked { order, scores: None }
        }
        Ranking::Weights(weights) => {
            let scores = scores(keys, weights, rate);
            let mut order: Vec<usize> = (0..keys.len()).collect();
            order.sort_unstable_by(|&a, &b| {
                scores[a].cmp(&scores[b]).then(keys[a].blockers.cmp(&keys[b].blockers)).then(a.cmp(&b))
            });
            Ranked { order, scores: Some(scores) }
        }
    }
}

/// Each member's value of a criterion, compared within the group: the cost is that of the
/// resources priced in every member, in one currency; `None` when the members' costs
/// cannot be put in one currency.
fn values(
    keys: &[Key<'_>],
    members: &[usize],
    criterion: Criterion,
    rate: Option<&ExchangeRate>,
) -> Option<Vec<Decimal>> {
    match criterion {
        Criterion::Blockers => Some(members.iter().map(|&m| Decimal::from(keys[m].blockers)).collect()),
        Criterion::Unknown => Some(members.iter().map(|&m| Decimal::from(keys[m].unknown)).collect()),
        Criterion::Duration => Some(members.iter().map(|&m| keys[m].hours).collect()),
        Criterion::Cost => {
            let currency = common_currency(members.iter().map(|&m| keys[m].currency), rate)?;
            like_for_like(keys, members)
                .into_iter()
                .zip(members)
                .map(|(sum, &m)| amount_in(sum, keys[m].currency, currency, rate))
                .collect()
        }
    }
}

/// Each member's cost of the resources priced in every member (in its own currency).
pub(super) fn like_for_like(keys: &[Key<'_>], members: &[usize]) -> Vec<Decimal> {
    let resources = members.iter().map(|&m| keys[m].costs.len()).min().unwrap_or(0);
    let mut sums = vec![Decimal::ZERO; members.len()];
    for resource in 0..resources {
        let costs: Option<Vec<Decimal>> = members.iter().map(|&m| keys[m].costs[resource]).collect();
        if let Some(costs) = costs {
            for (sum, cost) in sums.iter_mut().zip(costs) {
                *sum = sum.checked_add(cost).unwrap_or(*sum);
            }
        }
    }
    sums
}

/// How many resources every member prices and some member charges for (free ones left
/// out).
pub(super) fn priced_in_all(keys: &[Key<'_>], members: &[usize]) -> usize {
    let resources = members.iter().map(|&m| keys[m].costs.len()).min().unwrap_or(0);
    (0..resources)
        .filter(|&resource| {
            let costs: Option<Vec<Decimal>> = members.iter().map(|&m| keys[m].costs[resource]).collect();
            costs.is_some_and(|costs| costs.iter().any(|cost| !cost.is_zero()))
        })
        .count()
}

/// Orders `members` by the first criterion, then each run of equal values by the rest;
/// the last tie-break is the position. A group whose costs cannot be put in one currency
/// skips the cost criterion.
fn in_order(
    keys: &[Key<'_>],
    mut members: Vec<usize>,
    criteria: &[Criterion],
    rate: Option<&ExchangeRate>,
    out: &mut Vec<usize>,
) {
    let Some((&first, rest)) = criteria.split_first() else {
        members.sort_unstable();
        out.extend(members);
        return;
    };
    if members.len() < 2 {
        out.extend(members);
        return;
    }
    let Some(values) = values(keys, &members, first, rate) else {
        in_order(keys, members, rest, rate, out);
        return;
    };
    let mut valued: Vec<(usize, Decimal)> = members.into_iter().zip(values).collect();
    valued.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    let mut start = 0;
    while start < valued.len() {
        let end = start + valued[start..].iter().take_while(|value| value.1 == valued[start].1).count();
        in_order(keys, valued[start..end].iter().map(|value| value.0).collect(), rest, rate, out);
        start = end;
    }
}

/// The criterion that puts `first` before `second` when ranking by criteria in order,
/// following [`in_order`]'s steps for the group holding both: `None` when they tie on
/// every criterion (their order then decides).
pub(super) fn deciding(
    keys: &[Key<'_>],
    criteria: &[Criterion],
    rate: Option<&ExchangeRate>,
    first: usize,
    second: usize,
) -> Option<Criterion> {
    let mut group: Vec<usize> = (0..keys.len()).collect();
    for &criterion in criteria {
        let Some(values) = values(keys, &group, criterion, rate) else { continue };
        let value_of = |member: usize| group.iter().position(|&m| m == member).map(|i| values[i]);
        let mine = value_of(first);
        if mine != value_of(second) {
            return Some(criterion);
        }
        group = group.iter().zip(&values).filter(|(_, value)| Some(**value) == mine).map(|(&m, _)| m).collect();
    }
    None
}

/// The weighted score of every target.
fn scores(keys: &[Key<'_>], weights: &Weights, rate: Option<&ExchangeRate>) -> Vec<Decimal> {
    let all: Vec<usize> = (0..keys.len()).collect();
    let count = |f: fn(&Key<'_>) -> usize| keys.iter().map(|key| Decimal::from(f(key))).collect::<Vec<_>>();
    let blockers = count(|key| key.blockers);
    let unknown = count(|key| key.unknown);
    let hours: Vec<Decimal> = keys.iter().map(|key| key.hours).collect();
    // Costs of the resources priced everywhere, in one currency when the rate allows,
    // else each in its own and relative to the highest in that currency.
    let common = common_currency(keys.iter().map(|key| key.currency), rate);
    let costs: Vec<(Currency, Decimal)> = like_for_like(keys, &all)
        .into_iter()
        .zip(keys)
        .map(|(sum, key)| {
            match common.and_then(|currency| Some((currency, amount_in(sum, key.currency, currency, rate)?))) {
                Some(converted) => converted,
                None => (key.currency, sum),
            }
        })
        .collect();
    let cost_share: Vec<Decimal> = costs
        .iter()
        .map(|(currency, cost)| {
            let highest = costs.iter().filter(|(c, _)| c == currency).map(|(_, cost)| *cost).max();
            share(*cost, highest.unwrap_or(Decimal::ZERO))
        })
        .collect();
    let highest = |values: &[Decimal]| values.iter().copied().max().unwrap_or(Decimal::ZERO);
    let (most_blockers, most_unknown, most_hours) = (highest(&blockers), highest(&unknown), highest(&hours));
    (0..keys.len())
        .map(|i| {
            let terms = [
                weights.blockers.checked_mul(share(blockers[i], most_blockers)),
                weights.cost.checked_mul(cost_share[i]),
                weights.duration.checked_mul(share(hours[i], most_hours)),
                weights.unknown.checked_mul(share(unknown[i], most_unknown)),
            ];
            let sum = terms.into_iter().flatten().try_fold(Decimal::ZERO, |sum, term| sum.checked_add(term));
            sum.unwrap_or(Decimal::MAX).round_dp(6)
        })
        .collect()
}

/// `value / highest`, 0 when the highest is not above 0.
fn share(value: Decimal, highest: Decimal) -> Decimal {
    if highest <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    value.checked_div(highest).unwrap_or(Decimal::ZERO)
}

/// One currency every given currency can be put in: theirs when they share one, else the
/// rate's target currency when the rate converts each of them.
pub(super) fn common_currency(
    currencies: impl Iterator<Item = Currency>,
    rate: Option<&ExchangeRate>,
) -> Option<Currency> {
    let mut found: Vec<Currency> = Vec::new();
    for currency in currencies {
        if !found.contains(&currency) {
            found.push(currency);
        }
    }
    match (found.as_slice(), rate) {
        ([], _) => None,
        ([one], _) => Some(*one),
        (many, Some(rate)) if many.iter().all(|c| *c == rate.from || *c == rate.to) => Some(rate.to),
        _ => None,
    }
}

/// An amount in `to`, through the rate when it is in another currency.
pub(super) fn amount_in(amount: Decimal, from: Currency, to: Currency, rate: Option<&ExchangeRate>) -> Option<Decimal> {
    if from == to {
        return Some(amount);
    }
    let rate = rate?;
    if from == rate.from && to == rate.to {
        amount.checked_mul(rate.rate)
    } else if from == rate.to && to == rate.from {
        amount.checked_div(rate.rate)
    } else {
        None
    }
}

//! A resource's whole story, gathered from an analysis for its detail: its monthly cost in
//! the target and where it runs now (or why it is unpriced), its wave, move group and
//! task, and what it needs and what needs it, each by id key so the page can link to it.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use regionshift_core::cost::Estimate;
use regionshift_core::methods::MethodKind;
use regionshift_core::units::Money;
use regionshift_core::Analysis;
use rust_decimal::Decimal;

/// A resource's monthly cost on one side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SideCost {
    /// Priced: the sum of its lines (after the discount option).
    Priced(Money),
    /// Free in the price snapshot.
    Free,
    /// Unpriced, with the reason's label and hint.
    Unpriced { reason: &'static str, hint: String },
    /// The estimate does not mention it.
    Absent,
}

/// One dependency of the story, either way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The other resource's id key, when it is in the inventory.
    pub key: Option<String>,
    /// Its name, or the reference's target when it is outside the inventory.
    pub name: String,
    pub kind: &'static str,
    pub path: String,
    pub must_exist_first: bool,
}

/// The wave a resource moves in, and its task there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub wave: usize,
    pub phase: &'static str,
    pub wave_start_hours: Decimal,
    pub start_hours: Option<Decimal>,
    pub hours: Option<Decimal>,
    pub method: Option<MethodKind>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    /// Target and today's list prices; `None` without a target (no estimate).
    pub cost: Option<(SideCost, SideCost)>,
    pub target: Option<String>,
    pub movement: Option<Move>,
    pub move_group: Option<String>,
    pub needs: Vec<Link>,
    pub needed_by: Vec<Link>,
    /// References to resources outside the inventory.
    pub external: Vec<Link>,
}

fn side(estimate: &Estimate, key: &str) -> SideCost {
    let mut total: Option<Decimal> = None;
    for line in estimate.lines.iter().filter(|l| l.resource.key() == key) {
        // The estimate's own total was checked; a part of it cannot overflow, but say so if it did.
        total = match total.unwrap_or(Decimal::ZERO).checked_add(line.monthly) {
            Some(sum) => Some(sum),
            None => return SideCost::Unpriced { reason: "amount too large", hint: String::new() },
        };
    }
    if let Some(unpriced) = estimate.unpriced.iter().find(|u| u.resource.key() == key) {
        return SideCost::Unpriced { reason: unpriced.reason.label(), hint: unpriced.hint.clone() };
    }
    match total {
        Some(amount) => SideCost::Priced(Money::new(amount, estimate.currency)),
        None if estimate.free.iter().any(|f| f.key() == key) => SideCost::Free,
        None => SideCost::Absent,
    }
}

/// The story of the resource whose id key is `key`.
pub fn story(analysis: &Analysis, key: &str) -> Story {
    let plan = &analysis.plan;
    let cost = analysis.cost.as_ref().map(|c| (side(&c.target, key), side(&c.source, key)));
    let target = analysis.cost.as_ref().and_then(|c| c.target.region.as_ref()).map(|l| {
        let name = regionshift_core::azure::regions::display_name(l);
        name.to_string()
    });
    let movement = plan.waves.iter().find(|w| w.resources.iter().any(|r| r.key() == key)).map(|wave| {
        let task = wave.tasks.iter().find(|t| t.resource.key() == key);
        Move {
            wave: wave.number,
            phase: wave.phase.label(),
            wave_start_hours: wave.start_hours,
            start_hours: task.map(|t| t.start_hours),
            hours: task.map(|t| t.hours),
            method: task.map(|t| t.method),
        }
    });
    let move_group = plan.groups.iter().find(|g| g.resources.iter().any(|r| r.key() == key)).map(|g| g.name.clone());
    let link = |other: &regionshift_core::plan::ResourceRef, edge: &regionshift_core::plan::Edge| Link {
        key: Some(other.key().to_string()),
        name: other.name().to_string(),
        kind: edge.kind.label(),
        path: edge.path.clone(),
        must_exist_first: edge.must_exist_first,
    };
    let needs = plan.edges.iter().filter(|e| e.from.key() == key).map(|e| link(&e.to, e)).collect();
    let needed_by = plan.edges.iter().filter(|e| e.to.key() == key).map(|e| link(&e.from, e)).collect();
    let external = plan
        .external
        .iter()
        .filter(|x| x.from.key() == key)
        .map(|x| Link {
            key: None,
            name: x.to.clone(),
            kind: x.kind.label(),
            path: x.path.clone(),
            must_exist_first: true,
        })
        .collect();
    Story { cost, target, movement, move_group, needs, needed_by, external }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regionshift_core::azure::Location;
    use regionshift_core::{analyze, AnalysisOptions, InputFile};

    #[test]
    fn a_resource_of_the_sample_has_cost_on_both_sides_a_wave_and_dependencies_both_ways() {
        let json = include_str!("../../../data/sample-estate.json");
        let options = AnalysisOptions { target: Location::new("chinanorth3"), ..AnalysisOptions::default() };
        let analysis = analyze(&[InputFile::new("sample-estate.json", json)], &options);
        let cost = analysis.cost.as_ref().unwrap();
        // A resource priced on both sides that needs something and is needed by something.
        let priced_both = |key: &str| {
            cost.target.lines.iter().any(|l| l.resource.key() == key)
                && cost.source.lines.iter().any(|l| l.resource.key() == key)
        };
        let key = analysis
            .plan
            .edges
            .iter()
            .map(|e| e.from.key().to_string())
            .find(|k| priced_both(k) && analysis.plan.edges.iter().any(|e| e.to.key() == k))
            .expect("the sample has such a resource");
        let story = story(&analysis, &key);
        let sum = |estimate: &Estimate| {
            estimate.lines.iter().filter(|l| l.resource.key() == key).map(|l| l.monthly).sum::<Decimal>()
        };
        match story.cost.as_ref().unwrap() {
            (SideCost::Priced(target), SideCost::Priced(source)) => {
                assert_eq!(target.amount, sum(&cost.target));
                assert_eq!(source.amount, sum(&cost.source));
                assert_eq!(target.currency, cost.target.currency);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(story.target.as_deref(), Some("China North 3"));
        let movement = story.movement.unwrap();
        assert!(analysis.plan.waves[movement.wave - 1].resources.iter().any(|r| r.key() == key));
        assert!(movement.start_hours.unwrap() >= movement.wave_start_hours);
        assert!(story.move_group.is_some());
        assert_eq!(story.needs.len(), analysis.plan.edges.iter().filter(|e| e.from.key() == key).count());
        assert!(!story.needs.is_empty() && !story.needed_by.is_empty());
        assert!(story.needed_by.iter().all(|l| l.key.is_some()));
    }

    #[test]
    fn without_a_target_there_is_no_cost_and_an_unknown_key_has_no_story() {
        let json = include_str!("../../../data/sample-estate.json");
        let analysis = analyze(&[InputFile::new("sample-estate.json", json)], &AnalysisOptions::default());
        let key = analysis.inventory.resources[0].id.key().to_string();
        assert!(story(&analysis, &key).cost.is_none());
        assert!(story(&analysis, &key).movement.is_some());
        let none = story(&analysis, "/subscriptions/none");
        assert!(none.movement.is_none() && none.needs.is_empty() && none.move_group.is_none());
    }
}

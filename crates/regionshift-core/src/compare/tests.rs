//! The ranking rule (written and read, ordered, weighed, currencies), the comparison of
//! the sample estate over every target, and the property that a row is what a fresh
//! single-target analysis of that target says.

use rust_decimal::Decimal;

use super::rank::{deciding, rank, Key};
use super::*;
use crate::analysis::analyze;
use crate::input::InputFile;
use crate::units::Currency;

const SAMPLE: &[u8] = include_bytes!("../../../../data/sample-estate.json");

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn key(blockers: usize, cost: &str, currency: Currency, hours: &str) -> Key<'static> {
    let costs = Box::leak(vec![Some(d(cost))].into_boxed_slice());
    Key { blockers, unknown: 0, currency, hours: d(hours), costs }
}

fn priced(costs: &[Option<&str>]) -> Key<'static> {
    let costs = Box::leak(costs.iter().map(|c| c.map(d)).collect::<Vec<_>>().into_boxed_slice());
    Key { blockers: 0, unknown: 0, currency: Currency::Cny, hours: Decimal::ONE, costs }
}

fn order(keys: &[Key], ranking: &str, rate: Option<&str>) -> Vec<usize> {
    let rate: Option<ExchangeRate> = rate.map(|r| r.parse().unwrap());
    rank(keys, &ranking.parse().unwrap(), rate.as_ref()).order
}

/// Compares the sample estate over `targets` (every known target when empty).
fn check(targets: &[&str], ranking: &str) -> (Analysis, Comparison) {
    let analysis = analyze(&[InputFile::new("sample-estate.json", SAMPLE)], &AnalysisOptions::default());
    let options = CompareOptions {
        targets: targets.iter().filter_map(|t| Location::new(t)).collect(),
        ranking: ranking.parse().unwrap(),
    };
    let comparison = compare(&analysis, &AnalysisOptions::default(), &options);
    (analysis, comparison)
}

#[test]
fn a_ranking_is_written_and_read_as_text() {
    for text in ["blockers,cost,duration", "cost,blockers", "duration", "blockers=3,cost=1,duration=0.5"] {
        let ranking: Ranking = text.parse().unwrap();
        assert_eq!(ranking.to_string(), text);
        let json = serde_json::to_string(&ranking).unwrap();
        assert_eq!(serde_json::from_str::<Ranking>(&json).unwrap(), ranking);
    }
    assert_eq!(Ranking::default().to_string(), "blockers,cost,duration");
    assert_eq!(" Blockers , COST ".parse::<Ranking>().unwrap().to_string(), "blockers,cost");
    assert_eq!("cost=2".parse::<Ranking>().unwrap().to_string(), "blockers=0,cost=2,duration=0");
    assert_eq!(
        Ranking::default().words(),
        "fewest blockers, then lowest monthly cost (of the resources priced in every target), then shortest move"
    );
    assert_eq!(
        "unknown=1,blockers=2".parse::<Ranking>().unwrap().to_string(),
        "blockers=2,cost=0,duration=0,unknown=1"
    );
    for bad in [
        "",
        " , ",
        "price",
        "cost,cost",
        "blockers=-1",
        "cost=x",
        "blockers=0,cost=0",
        "cost=1,cost=2",
        "blockers,cost=1",
    ] {
        let error = bad.parse::<Ranking>().unwrap_err();
        assert!(error.contains("blockers,cost,duration"), "{bad:?}: {error}");
        assert!(serde_json::from_str::<Ranking>(&serde_json::to_string(bad).unwrap()).is_err());
    }
}

#[test]
fn a_list_of_targets_is_read_by_the_catalogs_rule() {
    let names = |text: &str| -> Vec<String> {
        CompareOptions::parse_targets(text).unwrap().iter().map(|t| t.as_str().to_string()).collect()
    };
    assert_eq!(names("chinanorth3, China East 2,chinanorth3"), ["chinanorth3", "chinaeast2"]);
    assert!(names("all").is_empty() && names(" ").is_empty());
    let error = CompareOptions::parse_targets("chinanorth3,Mars Central").unwrap_err();
    assert!(error.contains("Mars Central") && error.contains("chinaeast3"), "{error}");
}

#[test]
fn criteria_in_order_decide_one_after_the_other_and_ties_keep_the_order_given() {
    let keys = [
        key(2, "10", Currency::Cny, "5"),
        key(0, "30", Currency::Cny, "5"),
        key(0, "20", Currency::Cny, "9"),
        key(0, "20", Currency::Cny, "7"),
        key(0, "20", Currency::Cny, "7"),
    ];
    assert_eq!(order(&keys, "blockers,cost,duration", None), [3, 4, 2, 1, 0]);
    assert_eq!(order(&keys, "cost,blockers", None), [0, 2, 3, 4, 1]);
    assert_eq!(order(&keys, "duration", None), [0, 1, 3, 4, 2]);
    let criteria = Criterion::DEFAULT;
    assert_eq!(deciding(&keys, &criteria, None, 3, 2), Some(Criterion::Duration));
    assert_eq!(deciding(&keys, &criteria, None, 2, 1), Some(Criterion::Cost));
    assert_eq!(deciding(&keys, &criteria, None, 1, 0), Some(Criterion::Blockers));
    assert_eq!(deciding(&keys, &criteria, None, 3, 4), None);
}

#[test]
fn costs_in_two_currencies_are_compared_only_through_the_exchange_rate() {
    // China in CNY, global in USD: without a rate the cost cannot tell them apart, so
    // the duration decides; at USD:CNY=7 the global target costs CNY 770, the dearer.
    let keys = [key(0, "700", Currency::Cny, "9"), key(0, "110", Currency::Usd, "5")];
    assert_eq!(order(&keys, "blockers,cost,duration", None), [1, 0]);
    assert_eq!(order(&keys, "cost", None), [0, 1], "not comparable: the order given");
    assert_eq!(deciding(&keys, &Criterion::DEFAULT, None, 1, 0), Some(Criterion::Duration));
    assert_eq!(order(&keys, "blockers,cost,duration", Some("USD:CNY=7")), [0, 1]);
    assert_eq!(order(&keys, "blockers,cost,duration", Some("CNY:USD=0.1")), [0, 1], "USD 70 against USD 110");
    let rate: ExchangeRate = "USD:CNY=7".parse().unwrap();
    assert_eq!(deciding(&keys, &Criterion::DEFAULT, Some(&rate), 0, 1), Some(Criterion::Cost));
}

#[test]
fn costs_are_ranked_like_for_like_on_the_resources_priced_in_every_target() {
    // The second target looks cheaper in total because it cannot price the third
    // resource; on the two resources both price, it is the dearer.
    let keys = [priced(&[Some("10"), Some("10"), Some("500")]), priced(&[Some("15"), Some("10"), None])];
    assert_eq!(order(&keys, "cost", None), [0, 1]);
    assert_eq!(super::rank::like_for_like(&keys, &[0, 1]), [d("20"), d("25")]);
    assert_eq!(super::rank::priced_in_all(&keys, &[0, 1]), 2);
    assert_eq!(super::rank::priced_in_all(&[priced(&[Some("0")]), priced(&[Some("0")])], &[0, 1]), 0, "free");
    // With a third target that prices only the first resource, the three compare on it.
    let keys = [keys[0], keys[1], priced(&[Some("5"), None, None])];
    assert_eq!(order(&keys, "cost", None), [2, 0, 1]);
    let unknown = [Key { unknown: 3, ..keys[2] }, Key { unknown: 1, ..keys[2] }];
    assert_eq!(order(&unknown, "unknown", None), [1, 0]);
}

#[test]
fn weights_rank_by_the_lowest_score_relative_to_the_highest_values() {
    let keys =
        [key(4, "100", Currency::Cny, "10"), key(0, "400", Currency::Cny, "10"), key(1, "100", Currency::Cny, "20")];
    // Relative values: blockers 1, 0, 0.25; cost 0.25, 1, 0.25; duration 0.5, 0.5, 1.
    assert_eq!(order(&keys, "blockers=1,cost=1,duration=3", None), [1, 0, 2]);
    assert_eq!(order(&keys, "blockers=10,cost=1,duration=1", None), [1, 2, 0]);
    assert_eq!(order(&keys, "blockers=1,cost=1,duration=1", None), [1, 2, 0], "a tie: fewer blockers first");
    assert_eq!(order(&keys, "cost=1", None), [2, 0, 1]);
    let ranked = rank(&keys, &"blockers=1".parse().unwrap(), None);
    assert_eq!(ranked.scores.unwrap(), [d("1"), d("0"), d("0.25")]);
    // Nothing to divide by: every value 0 scores 0, and the order given decides.
    let zeros = [key(0, "0", Currency::Usd, "0"), key(0, "0", Currency::Cny, "0")];
    assert_eq!(order(&zeros, "blockers=1,cost=1,duration=1", None), [0, 1]);
}

#[test]
fn the_sample_estate_is_compared_over_every_known_target() {
    let (analysis, comparison) = check(&[], "blockers,cost,duration");
    let known = known_targets();
    let rows: Vec<&Location> = comparison.targets.iter().map(|row| &row.target).collect();
    assert_eq!(rows, known.iter().collect::<Vec<_>>());
    assert_eq!(comparison.resources, analysis.summary.resources);
    let mut ranks: Vec<usize> = comparison.targets.iter().map(|row| row.rank).collect();
    ranks.sort_unstable();
    assert_eq!(ranks, (1..=known.len()).collect::<Vec<_>>());

    let suggestion = comparison.suggestion.as_ref().unwrap();
    let first = comparison.row(&suggestion.target).unwrap();
    assert_eq!(first.rank, 1);
    assert!(comparison.targets.iter().all(|row| first.blockers <= row.blockers));
    assert!(suggestion.reasons.len() >= 5, "{:#?}", suggestion.reasons);
    assert!(suggestion.reasons[0].starts_with(&format!("{}: ", first.display_name)));
    assert!(suggestion.reasons.iter().any(|r| r.contains("pair in the regions table")), "{:#?}", suggestion.reasons);

    let east3 = comparison.row(&Location::new("chinaeast3").unwrap()).unwrap();
    assert!(east3.restricted && east3.notice.as_deref().is_some_and(|n| n.contains("access-restricted")));
    let north3 = comparison.row(&Location::new("chinanorth3").unwrap()).unwrap();
    assert!(!north3.restricted && north3.crosses_clouds);
    let pair = north3.paired.as_ref().unwrap();
    assert_eq!((pair.region.as_str(), pair.assessed), ("chinaeast3", true));
    assert_eq!(pair.not_ready, Some(east3.readiness.not_ready));
    let east_us = comparison.row(&Location::new("eastus").unwrap()).unwrap();
    assert!(!east_us.paired.as_ref().unwrap().assessed, "West US is not a target the catalog knows");
    assert!(!east_us.crosses_clouds || analysis.summary.by_location.iter().any(|l| l.key.starts_with("china")));

    // A resource Not ready somewhere is listed with the targets where it can move.
    for row in &comparison.targets {
        for resource in &row.ready_elsewhere {
            assert!(!resource.ready_in.is_empty() && !resource.ready_in.contains(&row.target));
        }
        let blocked: usize = row.blocked.iter().map(|b| b.resources).sum();
        assert!(row.blockers == 0 || blocked > 0);
    }
    assert!(comparison.targets.iter().any(|row| !row.ready_elsewhere.is_empty()));
}

#[test]
fn a_subset_is_compared_in_the_order_given_and_pairs_outside_it_are_still_assessed() {
    let (_, comparison) = check(&["chinaeast2", "chinanorth3", "chinaeast2"], "blockers,cost,duration");
    let rows: Vec<&str> = comparison.targets.iter().map(|row| row.target.as_str()).collect();
    assert_eq!(rows, ["chinaeast2", "chinanorth3"]);
    let east2 = &comparison.targets[0];
    let pair = east2.paired.as_ref().unwrap();
    assert_eq!((pair.region.as_str(), pair.assessed), ("chinanorth2", true));
    assert!(pair.not_ready.is_some());
    for resource in &east2.ready_elsewhere {
        assert_eq!(resource.ready_in, [Location::new("chinanorth3").unwrap()]);
    }
}

#[test]
fn another_rule_reranks_without_analysing_again() {
    let (_, comparison) = check(&[], "blockers,cost,duration");
    for rule in ["duration,blockers", "cost", "blockers=1,cost=5,duration=1"] {
        let ranking: Ranking = rule.parse().unwrap();
        let (_, fresh) = check(&[], rule);
        assert_eq!(comparison.reranked(&ranking), fresh, "{rule}");
    }
}

#[test]
fn nothing_to_compare_gives_no_suggestion() {
    let analysis = analyze(&[], &AnalysisOptions::default());
    let options = CompareOptions { targets: vec![Location::new("chinanorth3").unwrap()], ..CompareOptions::default() };
    let comparison = compare(&analysis, &AnalysisOptions::default(), &options);
    assert_eq!(comparison.targets.len(), 1);
    assert_eq!(comparison.targets[0].readiness.resources, 0);
    let suggestion = comparison.suggestion.unwrap();
    assert!(suggestion.reasons[0].contains("the only target compared"), "{:?}", suggestion.reasons);
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// The sample estate's records, to draw small estates from.
    fn records() -> Vec<serde_json::Value> {
        let export: serde_json::Value = serde_json::from_slice(SAMPLE).unwrap();
        export["data"].as_array().unwrap().clone()
    }

    fn estates() -> impl Strategy<Value = Vec<u8>> {
        let all = records();
        let count = all.len();
        proptest::collection::btree_set(0..count, 1..40).prop_map(move |picked| {
            let rows: Vec<&serde_json::Value> = picked.iter().map(|&i| &all[i]).collect();
            serde_json::to_vec(&serde_json::json!({ "data": rows })).unwrap()
        })
    }

    fn targets() -> impl Strategy<Value = Vec<Location>> {
        let known = known_targets();
        let count = known.len();
        proptest::collection::vec(0..count, 1..5)
            .prop_map(move |picked| picked.iter().map(|&i| known[i].clone()).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn a_row_is_what_a_fresh_analysis_of_its_target_says(
            estate in estates(), targets in targets(), discount in 0u32..30, rate in proptest::option::of(5u32..9),
        ) {
            let inputs = [InputFile::new("estate.json", estate)];
            let mut options = AnalysisOptions::default();
            options.cost.discount_percent = Some(discount.to_string().parse().unwrap());
            options.cost.exchange_rate = rate.map(|r| format!("USD:CNY={r}").parse().unwrap());
            let analysis = analyze(&inputs, &options);
            let comparison = compare(&analysis, &options, &CompareOptions { targets, ..CompareOptions::default() });
            for row in &comparison.targets {
                let alone = analyze(&inputs, &AnalysisOptions { target: Some(row.target.clone()), ..options.clone() });
                let assessment = alone.assessment.as_ref().unwrap();
                let cost = alone.cost.as_ref().unwrap();
                let summary = &assessment.summary;
                prop_assert_eq!(row.readiness, ReadinessCounts::of(summary));
                prop_assert_eq!(row.blockers, summary.blockers);
                prop_assert_eq!(row.warnings, summary.warnings);
                prop_assert_eq!(&row.blockers_by_category, &summary.blockers_by_category);
                prop_assert_eq!(row.cloud, assessment.target_cloud);
                prop_assert_eq!(row.crosses_clouds, assessment.crosses_clouds);
                prop_assert_eq!(row.monthly.currency, cost.target.currency);
                prop_assert_eq!(row.monthly.total, cost.target.total_monthly);
                prop_assert_eq!(row.monthly.priced_percent, cost.target.coverage.priced_percent);
                prop_assert_eq!(row.monthly.unpriced, cost.target.coverage.unpriced_resources);
                prop_assert_eq!(row.monthly.change, cost.delta().map(|(change, _)| change));
                prop_assert_eq!(row.monthly.source_cost_coverage, cost.source_cost_coverage);
                prop_assert_eq!(row.plan_hours, alone.plan.total_hours);
                prop_assert_eq!(row.waves, alone.plan.waves.len());
                let blocker_findings = assessment.findings.iter().filter(|f| f.severity == FindingSeverity::Blocker).count();
                prop_assert_eq!(blocker_findings, row.blockers);
            }
            let suggestion = comparison.suggestion.as_ref().unwrap();
            let first = comparison.row(&suggestion.target).unwrap();
            prop_assert!(comparison.targets.iter().all(|row| first.blockers <= row.blockers));
        }
    }
}

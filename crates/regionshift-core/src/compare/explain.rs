//! Why the suggestion ranks first, in sentences: its blockers, monthly cost and move
//! duration against the runner-up's, which criterion of the rule decided, its paired
//! region and the estate's readiness there, and whether the move crosses clouds or the
//! region is restricted.
//!
//! Figures are shown through `units` (`CNY 12,300.00`, `120.5 h`, `95.1%`); costs in two
//! currencies are set against each other only through the user's exchange rate.

use rust_decimal::Decimal;

use super::rank::{amount_in, common_currency, deciding, like_for_like, priced_in_all, Key, Ranking};
use super::{Blocked, Comparison, TargetRow};
use crate::units::{Hours, Money, Percent};

/// Blocking things listed by name before "and N more".
const LISTED: usize = 3;

/// The reasons the winner ranks first; `scores` are the weighted scores of the winner and
/// the runner-up when the rule weighs.
pub(super) fn reasons(
    comparison: &Comparison,
    winner: &TargetRow,
    runner_up: Option<&TargetRow>,
    scores: Option<(Option<Decimal>, Option<Decimal>)>,
) -> Vec<String> {
    let mut reasons = Vec::new();
    let name = &winner.display_name;
    match runner_up {
        None => {
            reasons.push(format!("{name}: {}, the only target compared", blockers(winner.blockers)));
            reasons.push(format!(
                "{} a month{}",
                money(winner),
                priced(winner).map(|p| format!(" ({p} of chargeable resources priced)")).unwrap_or_default()
            ));
            reasons.push(format!(
                "The move takes {} in {}",
                Hours(winner.plan_hours),
                plural(winner.waves, "wave", "waves")
            ));
        }
        Some(other) => {
            reasons.push(blockers_against(winner, other));
            reasons.push(cost_against(comparison, winner, other));
            reasons.push(duration_against(winner, other));
            reasons.push(decided(comparison, winner, other, scores));
            if winner.readiness.unknown > other.readiness.unknown {
                reasons.push(format!(
                    "{name} leaves {} Unknown against {} in {}: the catalog or the export lacks facts there; load az provider list and az vm list-skus taken in the target cloud to decide them",
                    plural(winner.readiness.unknown, "resource", "resources"),
                    other.readiness.unknown,
                    other.display_name
                ));
            }
        }
    }
    if let Some(paired) = &winner.paired {
        let pair = &paired.display_name;
        let sentence = match (paired.assessed, paired.not_ready, paired.blockers) {
            (true, Some(0), Some(blockers_there)) => format!(
                "For disaster recovery, {name}'s pair in the regions table is {pair}, and the estate is ready there too: no resource Not ready ({}{})",
                self::blockers(blockers_there),
                unknown(paired.unknown)
            ),
            (true, Some(not_ready), Some(blockers_there)) => format!(
                "For disaster recovery, {name}'s pair in the regions table is {pair}, but the estate is not ready there: {} Not ready ({}{})",
                plural(not_ready, "resource", "resources"),
                self::blockers(blockers_there),
                unknown(paired.unknown)
            ),
            _ => format!(
                "For disaster recovery, {name}'s pair in the regions table is {pair}; the catalog has no facts for it, so the estate is not assessed there"
            ),
        };
        reasons.push(sentence);
    } else {
        reasons.push(format!(
            "{name} has no pair in the regions table: choose a disaster recovery region in the same geography yourself"
        ));
    }
    if winner.crosses_clouds {
        let cloud = winner.cloud.map_or("another cloud", |cloud| cloud.label());
        reasons.push(format!(
            "The move crosses into {cloud}: identities, endpoints, ICP filing and peering are in the assessment, and the plan uses cross-cloud methods"
        ));
    }
    if let Some(notice) = &winner.notice {
        let what = if winner.restricted { "is access-restricted" } else { "has a notice" };
        reasons.push(format!("{name} {what}: {notice}"));
    }
    reasons
}

fn blockers_against(winner: &TargetRow, other: &TargetRow) -> String {
    let (name, other_name) = (&winner.display_name, &other.display_name);
    if winner.blockers == other.blockers {
        return format!("{name}: {}, as many as {other_name}", blockers(winner.blockers));
    }
    let what = listed(&other.blocked, &winner.blocked);
    let what = if what.is_empty() { String::new() } else { format!(" ({what})") };
    format!("{name}: {} vs {} in {other_name}{what}", blockers(winner.blockers), other.blockers)
}

/// What blocks in `other` and not in `winner`, by name, the most resources first.
fn listed(other: &[Blocked], winner: &[Blocked]) -> String {
    let only: Vec<&Blocked> =
        other.iter().filter(|b| !winner.iter().any(|w| w.rule == b.rule && w.what == b.what)).collect();
    let names: Vec<&str> = only.iter().take(LISTED).map(|b| b.what.as_str()).collect();
    let mut text = names.join(", ");
    if only.len() > LISTED {
        text.push_str(&format!(" and {} more", only.len() - LISTED));
    }
    text
}

fn cost_against(comparison: &Comparison, winner: &TargetRow, other: &TargetRow) -> String {
    let other_name = &other.display_name;
    let rate = comparison.exchange_rate.as_ref();
    let coverage = match (priced(winner), priced(other)) {
        (Some(mine), Some(theirs)) => format!("{mine} vs {theirs} of chargeable resources priced"),
        _ => "coverage unknown".to_string(),
    };
    let in_all = format!("in all {} vs {}, {coverage}", money(winner), money(other));
    let currencies = [winner.monthly.currency, other.monthly.currency];
    let Some(currency) = common_currency(currencies.into_iter(), rate) else {
        return format!(
            "The monthly cost is not compared with {other_name}'s: they are in {} and {}; give an exchange rate such as USD:CNY=7.10 to compare ({in_all})",
            winner.monthly.currency, other.monthly.currency
        );
    };
    let keys = [winner.key(), other.key()];
    let both = like_for_like(&keys, &[0, 1]);
    let count = priced_in_all(&keys, &[0, 1]);
    let (Some(mine), Some(theirs)) = (
        amount_in(both[0], winner.monthly.currency, currency, rate),
        amount_in(both[1], other.monthly.currency, currency, rate),
    ) else {
        return format!("The monthly cost is not compared with {other_name}'s ({in_all})");
    };
    let converted = match rate {
        Some(rate) if winner.monthly.currency != other.monthly.currency => format!(" at {rate}"),
        _ => String::new(),
    };
    let like = format!(
        "for the {} priced in both, {} vs {}{converted}; {in_all}",
        plural(count, "resource", "resources"),
        Money::new(mine, currency),
        Money::new(theirs, currency)
    );
    // Sums of monthly costs never come near Decimal's range; no figure beats a panic.
    let difference = mine.checked_sub(theirs).unwrap_or(Decimal::ZERO);
    if difference.is_zero() {
        format!("The same monthly cost as {other_name} ({like})")
    } else if difference.is_sign_positive() {
        format!("{} a month more than {other_name} ({like})", Money::new(difference, currency))
    } else {
        format!("{} a month less than {other_name} ({like})", Money::new(-difference, currency))
    }
}

fn duration_against(winner: &TargetRow, other: &TargetRow) -> String {
    let other_name = &other.display_name;
    let takes = format!("The move takes {} in {}", Hours(winner.plan_hours), plural(winner.waves, "wave", "waves"));
    let difference = winner.plan_hours.checked_sub(other.plan_hours).unwrap_or(Decimal::ZERO);
    if difference.is_zero() {
        format!("{takes}, as long as to {other_name}")
    } else if difference.is_sign_positive() {
        format!("{takes}, {} more than to {other_name}", Hours(difference))
    } else {
        format!("{takes}, {} less than to {other_name}", Hours(-difference))
    }
}

/// Which criterion of the rule put the winner before the runner-up.
fn decided(
    comparison: &Comparison,
    winner: &TargetRow,
    other: &TargetRow,
    scores: Option<(Option<Decimal>, Option<Decimal>)>,
) -> String {
    let (name, other_name) = (&winner.display_name, &other.display_name);
    let rule = &comparison.rule;
    match &comparison.ranking {
        Ranking::Weights(_) => match scores {
            Some((Some(mine), Some(theirs))) => format!(
                "{name} has the lowest weighted score: {} vs {} for {other_name} (the rule: {rule})",
                mine.normalize(),
                theirs.normalize()
            ),
            _ => format!("{name} ranks first by the rule: {rule}"),
        },
        Ranking::Order(criteria) => {
            let keys: Vec<Key<'_>> = comparison.targets.iter().map(TargetRow::key).collect();
            let position = |row: &TargetRow| comparison.targets.iter().position(|r| r.target == row.target);
            let deciding = match (position(winner), position(other)) {
                (Some(first), Some(second)) => {
                    deciding(&keys, criteria, comparison.exchange_rate.as_ref(), first, second)
                }
                _ => None,
            };
            match deciding {
                Some(criterion) => format!(
                    "Decided by {}: the first criterion of the rule ({rule}) that tells {name} and {other_name} apart",
                    criterion.words()
                ),
                None => format!(
                    "{name} and {other_name} tie on every criterion of the rule ({rule}); {name} comes first in the order compared"
                ),
            }
        }
    }
}

fn money(row: &TargetRow) -> Money {
    Money::new(row.monthly.total, row.monthly.currency)
}

fn priced(row: &TargetRow) -> Option<Percent> {
    row.monthly.priced_percent.map(Percent)
}

fn blockers(count: usize) -> String {
    plural(count, "blocker", "blockers")
}

fn unknown(count: Option<usize>) -> String {
    match count {
        Some(count) if count > 0 => format!(", {count} Unknown"),
        _ => String::new(),
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

//! The Compare view's table, apart from rendering: which order the report model's
//! comparison rows are shown in when the user sorts by a column (rank, the rule's order,
//! by default). Pure, so it is tested natively.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use std::cmp::Ordering;

use regionshift_core::report::ComparisonRow;

/// A column the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// The rule's order.
    Rank,
    Target,
    Blockers,
    NotReady,
    Unknown,
    /// Within a currency (CNY targets, then USD ones).
    Monthly,
    Priced,
    Plan,
}

impl Column {
    pub fn title(self) -> &'static str {
        match self {
            Column::Rank => "Rank",
            Column::Target => "Target",
            Column::Blockers => "Blockers",
            Column::NotReady => "Not ready",
            Column::Unknown => "Unknown",
            Column::Monthly => "Monthly",
            Column::Priced => "Priced",
            Column::Plan => "Plan",
        }
    }
}

/// The Compare table's order.
pub type Sort = crate::table::Sort<Column>;

impl Default for Sort {
    fn default() -> Sort {
        Sort { column: Column::Rank, descending: false }
    }
}

/// Positions of the rows in the order shown; ties keep the rule's order, and a row
/// without a value (no priced share) comes last either way.
pub fn sorted(rows: &[ComparisonRow], sort: Sort) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&rows[a], &rows[b]);
        let by_column = match sort.column {
            Column::Rank => Some(x.rank.cmp(&y.rank)),
            Column::Target => Some(x.target_name.to_lowercase().cmp(&y.target_name.to_lowercase())),
            Column::Blockers => Some(x.blockers.cmp(&y.blockers)),
            Column::NotReady => Some(x.count("not-ready").cmp(&y.count("not-ready"))),
            Column::Unknown => Some(x.count("unknown").cmp(&y.count("unknown"))),
            Column::Monthly => Some((x.currency, x.monthly).cmp(&(y.currency, y.monthly))),
            Column::Plan => Some(x.plan_hours.cmp(&y.plan_hours)),
            Column::Priced => match (x.priced_percent, y.priced_percent) {
                (Some(p), Some(q)) => Some(p.cmp(&q)),
                (Some(_), None) => return Ordering::Less,
                (None, Some(_)) => return Ordering::Greater,
                (None, None) => Some(Ordering::Equal),
            },
        };
        let ordering = by_column.unwrap_or(Ordering::Equal);
        let ordering = if sort.descending { ordering.reverse() } else { ordering };
        ordering.then(x.rank.cmp(&y.rank))
    });
    order
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use regionshift_core::compare::{compare, CompareOptions};
    use regionshift_core::report::{self, ReportOptions};
    use regionshift_core::{analyze, AnalysisOptions, InputFile};

    fn rows() -> Vec<ComparisonRow> {
        let sample = include_bytes!("../../../data/sample-estate.json");
        let analysis = analyze(&[InputFile::new("sample.json", &sample[..])], &AnalysisOptions::default());
        let comparison = compare(&analysis, &AnalysisOptions::default(), &CompareOptions::default());
        let options = ReportOptions { comparison: Some(Arc::new(comparison.clone())), ..ReportOptions::default() };
        let section = report::build(&analysis, &options).comparison.unwrap();
        assert_eq!(report::comparison_section(&analysis, &comparison), section, "the view's section is the report's");
        section.rows
    }

    #[test]
    fn rows_sort_by_rank_then_by_any_column_both_ways() {
        let rows = rows();
        let ranks: Vec<usize> = sorted(&rows, Sort::default()).iter().map(|&i| rows[i].rank).collect();
        assert_eq!(ranks, (1..=rows.len()).collect::<Vec<_>>());
        let by_blockers = Sort::default().clicked(Column::Blockers);
        let blockers: Vec<usize> = sorted(&rows, by_blockers).iter().map(|&i| rows[i].blockers).collect();
        assert!(blockers.windows(2).all(|w| w[0] <= w[1]), "{blockers:?}");
        let down: Vec<usize> =
            sorted(&rows, by_blockers.clicked(Column::Blockers)).iter().map(|&i| rows[i].blockers).collect();
        assert!(down.windows(2).all(|w| w[0] >= w[1]), "{down:?}");
        let monthly = sorted(&rows, Sort::default().clicked(Column::Monthly));
        let first_usd = monthly.iter().position(|&i| rows[i].currency.code() == "USD").unwrap();
        assert!(monthly[..first_usd].iter().all(|&i| rows[i].currency.code() == "CNY"), "one currency after another");
        for column in [Column::Target, Column::NotReady, Column::Unknown, Column::Priced, Column::Plan] {
            let mut order = sorted(&rows, Sort { column, descending: false });
            order.sort_unstable();
            assert_eq!(order, (0..rows.len()).collect::<Vec<_>>(), "{}: every row once", column.title());
        }
    }
}

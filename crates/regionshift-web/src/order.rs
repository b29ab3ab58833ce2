//! The order the page posts to the download worker for a download asked for: the
//! current inputs, side files and options (the same the page's analysis ran with) and
//! the shared bytes of every file, in the order the order names them.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use std::rc::Rc;

use crate::protocol::{NamedFile, Order, Role};
use crate::state::{DownloadRequest, State};

/// The order for `request` dated `date` (`YYYY-MM-DD`), with the bytes to send beside
/// it; none before the current inputs are analysed (the page offers no download then).
pub fn order(state: &State, request: DownloadRequest, date: &str, job: u32) -> Option<(Order, Vec<Rc<Vec<u8>>>)> {
    state.analysis()?;
    let analysis_job = state.job();
    let mut files = Vec::new();
    let mut bytes = Vec::new();
    for (role, list) in [
        (Role::Inventory, &analysis_job.files),
        (Role::Catalog, &analysis_job.catalog),
        (Role::Prices, &analysis_job.prices),
        (Role::Spend, &analysis_job.spend),
    ] {
        for (name, shared) in list {
            files.push(NamedFile { name: name.clone(), role });
            bytes.push(Rc::clone(shared));
        }
    }
    let order = Order {
        job,
        export: request.export,
        redact: request.redact,
        date: date.to_string(),
        compare: state.comparison().filter(|_| request.compare).map(|_| state.ranking.to_string()),
        options: State::options_for(&analysis_job),
        files,
        project: request.project.clone(),
        author: request.author.clone(),
        decisions: if state.decisions.is_empty() { serde_json::Value::Null } else { state.decisions.to_value() },
        panic_at: None,
    };
    Some((order, bytes))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use regionshift_core::compare::{compare, CompareOptions};
    use regionshift_core::units::Date;
    use regionshift_core::{analyze, InputFile};

    use super::*;
    use crate::protocol::{fulfil, Stage};
    use crate::state::{Action, Destination, Export};

    const SHOP: &str = include_str!("../../../tests/fixtures/inventory/shop-graph.json");

    fn analysed(state: State) -> State {
        let job = state.analysis_job().expect("an analysis is due");
        let files: Vec<InputFile> =
            job.files.iter().map(|(name, bytes)| InputFile::new(name.clone(), bytes.as_slice())).collect();
        let analysis = analyze(&files, &State::options_for(&job));
        state.apply(Action::Analysed { revision: job.revision, input_ids: job.input_ids, analysis: Rc::new(analysis) })
    }

    /// The order as the worker reads it: through JSON, with copies of the bytes.
    fn through_the_worker(order: &Order, bytes: &[Rc<Vec<u8>>]) -> (crate::export::Download, Vec<Stage>) {
        let order: Order = serde_json::from_str(&serde_json::to_string(order).unwrap()).unwrap();
        let mut stages = Vec::new();
        let download = fulfil(&order, bytes.iter().map(|b| b.to_vec()).collect(), |stage| stages.push(stage)).unwrap();
        (download, stages)
    }

    #[test]
    fn the_worker_builds_every_download_as_the_page_would() {
        let today = Date::new(2026, 11, 25).unwrap();
        assert!(order(&State::default(), request(Export::Report, false, false), "2026-11-25", 1).is_none());
        let state = State::starting(Some("chinanorth3".into()), today)
            .apply(Action::Paste(SHOP.into()))
            .apply(Action::ReadStarted {
                token: 1,
                name: "prices.csv".into(),
                size: 1,
                destination: Destination::Prices,
            })
            .apply(Action::ReadFinished { token: 1, result: Ok(b"Meter,Price\nnot a price sheet,1\n".to_vec()) });
        let state = analysed(state);
        for export in
            [Export::Report, Export::Json, Export::Markdown, Export::FindingsCsv, Export::CostsCsv, Export::PlanCsv]
        {
            for redact in [false, true] {
                let asked = request(export, redact, false);
                let (order, bytes) = order(&state, asked.clone(), "2026-11-25", 7).unwrap();
                assert_eq!(order.files.iter().map(|f| f.role).collect::<Vec<_>>(), [Role::Inventory, Role::Prices]);
                let (download, stages) = through_the_worker(&order, &bytes);
                assert_eq!(download, state.download(asked, "2026-11-25").unwrap(), "{export:?} redact {redact}");
                assert_eq!(stages, [Stage::Reading, Stage::Analysis, Stage::Report, Stage::Writing]);
            }
        }
    }

    #[test]
    fn the_worker_adds_the_comparison_ranked_as_the_page_ranks_it() {
        let today = Date::new(2026, 11, 25).unwrap();
        let state = analysed(State::starting(Some("chinaeast2".into()), today).apply(Action::Paste(SHOP.into())))
            .apply(Action::SetRanking("duration,cost".parse().unwrap()))
            .apply(Action::Compare);
        let job = state.comparison_job().unwrap();
        let comparison = compare(&job.analysis, &job.options, &CompareOptions { ..job.compare.clone() });
        let state = state.apply(Action::Compared { basis: job.basis, comparison: Arc::new(comparison) });
        let asked = request(Export::Markdown, false, true);
        let (order, bytes) = order(&state, asked.clone(), "2026-11-25", 8).unwrap();
        assert_eq!(order.compare.as_deref(), Some(state.ranking.to_string().as_str()));
        let (download, stages) = through_the_worker(&order, &bytes);
        assert!(download.text.contains("## Comparison of targets"));
        assert_eq!(download, state.download(asked, "2026-11-25").unwrap());
        assert!(stages.contains(&Stage::Comparison));
    }

    #[test]
    fn an_order_whose_files_do_not_match_is_refused_not_guessed() {
        let state = analysed(State::default().apply(Action::Paste(SHOP.into())));
        let (order, _) = order(&state, request(Export::Json, false, false), "2026-11-25", 9).unwrap();
        let error = fulfil(&order, Vec::new(), |_| {}).unwrap_err();
        assert_eq!(error, "the order names 1 files but carries 0");
        let wrong = Order { compare: Some("fastest".into()), ..order.clone() };
        let error = fulfil(&wrong, vec![SHOP.as_bytes().to_vec()], |_| {}).unwrap_err();
        assert!(error.starts_with("a ranking is criteria in order"), "{error}");
    }

    fn request(export: Export, redact: bool, compare: bool) -> DownloadRequest {
        DownloadRequest { export, redact, compare, project: Some("Shop move".to_string()), author: None }
    }
}

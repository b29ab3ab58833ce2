//! The app's state as a pure reducer: which inputs are loaded or being read, and the
//! analysis of the current set of inputs.
//!
//! Nothing here touches the browser, so the logic is unit-tested natively. Reading files
//! and running the analysis are effects in `app.rs`: they report back with [`Action`]s.
//! Every change to the inputs bumps [`State::revision`]; an analysis carries the revision
//! it was computed for, and a stale one is ignored.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use std::rc::Rc;

use regionshift::inventory::FileReport;
use regionshift::Analysis;

/// Where an input came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A file picked or dropped.
    File,
    /// Text pasted into the paste box.
    Pasted,
    /// The embedded sample estate.
    Sample,
}

/// One loaded input: its name and bytes. The bytes are shared, so cloning the state is cheap.
#[derive(Debug, Clone)]
pub struct Input {
    pub id: u64,
    pub name: String,
    pub source: Source,
    pub bytes: Rc<Vec<u8>>,
}

impl PartialEq for Input {
    fn eq(&self, other: &Input) -> bool {
        self.id == other.id && self.name == other.name && Rc::ptr_eq(&self.bytes, &other.bytes)
    }
}

/// A file the browser is still reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// Chosen by the caller, which keeps the reader handle under this token.
    pub token: u64,
    pub name: String,
    pub size: u64,
}

/// A file that could not be read at all (the browser refused it, or it is too large to read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadProblem {
    pub name: String,
    pub message: String,
}

/// An analysis and the inputs (by id, in order) it was computed from.
#[derive(Debug, Clone)]
pub struct Analysed {
    pub revision: u64,
    pub input_ids: Vec<u64>,
    pub analysis: Rc<Analysis>,
}

/// The work the app must do to bring the analysis up to date.
#[derive(Debug, Clone)]
pub struct AnalysisJob {
    pub revision: u64,
    pub input_ids: Vec<u64>,
    /// Name and bytes of each input, in order.
    pub files: Vec<(String, Rc<Vec<u8>>)>,
}

/// What the app is doing, for the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing loaded.
    Empty,
    /// The browser is reading this many files.
    Reading(usize),
    /// The inputs changed and the analysis is being recomputed.
    Analysing,
    /// The analysis matches the inputs.
    Ready,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    pub inputs: Vec<Input>,
    pub reading: Vec<Reading>,
    pub problems: Vec<ReadProblem>,
    /// Bumped by every change to `inputs`.
    pub revision: u64,
    /// The latest analysis; it may be older than `revision` while a new one runs.
    pub analysed: Option<Analysed>,
    next_id: u64,
    pasted: u32,
}

#[derive(Debug)]
pub enum Action {
    /// The browser started reading a file; `token` names the reader.
    ReadStarted { token: u64, name: String, size: u64 },
    /// A read finished, with the bytes or the browser's error message.
    ReadFinished { token: u64, result: Result<Vec<u8>, String> },
    /// The user stopped a read.
    CancelRead(u64),
    /// A file was refused before reading (for example, too large).
    ReadRefused { name: String, message: String },
    /// Text from the paste box.
    Paste(String),
    /// The embedded sample; added once, however often it is asked for.
    AddSample { name: String, bytes: Vec<u8> },
    /// Remove one input.
    Remove(u64),
    /// Forget every input, read and problem.
    ClearAll,
    /// An analysis finished.
    Analysed { revision: u64, input_ids: Vec<u64>, analysis: Rc<Analysis> },
}

impl State {
    fn add_input(&mut self, name: String, source: Source, bytes: Vec<u8>) {
        self.next_id += 1;
        self.inputs.push(Input { id: self.next_id, name, source, bytes: Rc::new(bytes) });
        self.inputs_changed();
    }

    fn inputs_changed(&mut self) {
        self.revision += 1;
        if self.inputs.is_empty() {
            self.analysed = None;
        }
    }

    /// Applies one action. Pure: the same state and action give the same result.
    pub fn apply(mut self, action: Action) -> State {
        match action {
            Action::ReadStarted { token, name, size } => {
                if !self.reading.iter().any(|r| r.token == token) {
                    self.reading.push(Reading { token, name, size });
                }
            }
            Action::ReadFinished { token, result } => {
                // A read that was cancelled or cleared meanwhile is ignored.
                if let Some(position) = self.reading.iter().position(|r| r.token == token) {
                    let reading = self.reading.remove(position);
                    match result {
                        Ok(bytes) => self.add_input(reading.name, Source::File, bytes),
                        Err(message) => self.problems.push(ReadProblem { name: reading.name, message }),
                    }
                }
            }
            Action::CancelRead(token) => self.reading.retain(|r| r.token != token),
            Action::ReadRefused { name, message } => self.problems.push(ReadProblem { name, message }),
            Action::Paste(text) => {
                if !text.trim().is_empty() {
                    self.pasted += 1;
                    let name = format!("pasted text {}", self.pasted);
                    self.add_input(name, Source::Pasted, text.into_bytes());
                }
            }
            Action::AddSample { name, bytes } => {
                if !self.inputs.iter().any(|i| i.source == Source::Sample) {
                    self.add_input(name, Source::Sample, bytes);
                }
            }
            Action::Remove(id) => {
                let before = self.inputs.len();
                self.inputs.retain(|i| i.id != id);
                if self.inputs.len() != before {
                    self.inputs_changed();
                }
            }
            Action::ClearAll => {
                self.inputs.clear();
                self.reading.clear();
                self.problems.clear();
                self.pasted = 0;
                self.inputs_changed();
            }
            Action::Analysed { revision, input_ids, analysis } => {
                if revision == self.revision && !self.inputs.is_empty() {
                    self.analysed = Some(Analysed { revision, input_ids, analysis });
                }
            }
        }
        self
    }

    /// Is an analysis of the current inputs due? Not while files are still being read,
    /// so that dropping ten files analyses once.
    pub fn analysis_job(&self) -> Option<AnalysisJob> {
        let current = self.analysed.as_ref().is_some_and(|a| a.revision == self.revision);
        if current || self.inputs.is_empty() || !self.reading.is_empty() {
            return None;
        }
        Some(AnalysisJob {
            revision: self.revision,
            input_ids: self.inputs.iter().map(|i| i.id).collect(),
            files: self.inputs.iter().map(|i| (i.name.clone(), Rc::clone(&i.bytes))).collect(),
        })
    }

    pub fn status(&self) -> Status {
        if !self.reading.is_empty() {
            Status::Reading(self.reading.len())
        } else if self.inputs.is_empty() {
            Status::Empty
        } else if self.analysed.as_ref().is_some_and(|a| a.revision == self.revision) {
            Status::Ready
        } else {
            Status::Analysing
        }
    }

    pub fn analysis(&self) -> Option<&Rc<Analysis>> {
        self.analysed.as_ref().map(|a| &a.analysis)
    }

    /// The analysis's report on one input, when the input was part of it.
    pub fn report_for(&self, id: u64) -> Option<&FileReport> {
        let analysed = self.analysed.as_ref()?;
        let position = analysed.input_ids.iter().position(|&i| i == id)?;
        analysed.analysis.files.get(position)
    }

    pub fn has_sample(&self) -> bool {
        self.inputs.iter().any(|i| i.source == Source::Sample)
    }

    /// Is there anything to clear?
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty() && self.reading.is_empty() && self.problems.is_empty()
    }
}

/// Cheap equality for re-render decisions: inputs only change with `revision`, and an
/// analysis is compared by identity.
impl PartialEq for State {
    fn eq(&self, other: &State) -> bool {
        let same_analysis = match (&self.analysed, &other.analysed) {
            (Some(a), Some(b)) => a.revision == b.revision && Rc::ptr_eq(&a.analysis, &b.analysis),
            (None, None) => true,
            _ => false,
        };
        self.revision == other.revision
            && same_analysis
            && self.inputs == other.inputs
            && self.reading == other.reading
            && self.problems == other.problems
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regionshift::{analyze, AnalysisOptions, InputFile};

    const SHOP: &str = include_str!("../../tests/fixtures/inventory/shop-graph.json");

    fn run(state: State, job: &AnalysisJob) -> State {
        let files: Vec<InputFile> =
            job.files.iter().map(|(name, bytes)| InputFile::new(name.clone(), bytes.as_slice())).collect();
        let analysis = analyze(&files, &AnalysisOptions::default());
        state.apply(Action::Analysed {
            revision: job.revision,
            input_ids: job.input_ids.clone(),
            analysis: Rc::new(analysis),
        })
    }

    #[test]
    fn a_read_file_becomes_an_input_and_is_analysed() {
        let state = State::default().apply(Action::ReadStarted { token: 7, name: "shop.json".into(), size: 10 });
        assert_eq!(state.status(), Status::Reading(1));
        assert!(state.analysis_job().is_none(), "no analysis while reading");
        let state = state.apply(Action::ReadFinished { token: 7, result: Ok(SHOP.as_bytes().to_vec()) });
        assert_eq!(state.status(), Status::Analysing);
        let job = state.analysis_job().expect("a job");
        let state = run(state, &job);
        assert_eq!(state.status(), Status::Ready);
        assert!(state.analysis_job().is_none());
        assert_eq!(state.analysis().unwrap().summary.resources, 5);
        let id = state.inputs[0].id;
        assert_eq!(state.report_for(id).unwrap().name, "shop.json");
    }

    #[test]
    fn analysis_waits_for_every_read() {
        let state = State::default()
            .apply(Action::ReadStarted { token: 1, name: "a.json".into(), size: 1 })
            .apply(Action::ReadStarted { token: 2, name: "b.json".into(), size: 1 })
            .apply(Action::ReadFinished { token: 1, result: Ok(b"[]".to_vec()) });
        assert!(state.analysis_job().is_none());
        let state = state.apply(Action::ReadFinished { token: 2, result: Err("NotReadableError".into()) });
        let job = state.analysis_job().unwrap();
        assert_eq!(job.files.len(), 1);
        assert_eq!(state.problems, vec![ReadProblem { name: "b.json".into(), message: "NotReadableError".into() }]);
    }

    #[test]
    fn a_stale_analysis_is_ignored() {
        let state = State::default().apply(Action::Paste(SHOP.into()));
        let old = state.analysis_job().unwrap();
        let state = state.apply(Action::Paste("[]".into()));
        let state = run(state, &old);
        assert!(state.analysed.is_none());
        assert_eq!(state.status(), Status::Analysing);
        let job = state.analysis_job().unwrap();
        let state = run(state, &job);
        assert_eq!(state.status(), Status::Ready);
        assert_eq!(state.analysis().unwrap().files.len(), 2);
    }

    #[test]
    fn cancelled_and_cleared_reads_are_ignored_when_they_finish() {
        let state = State::default()
            .apply(Action::ReadStarted { token: 1, name: "a.json".into(), size: 1 })
            .apply(Action::CancelRead(1))
            .apply(Action::ReadFinished { token: 1, result: Ok(b"[]".to_vec()) });
        assert!(state.inputs.is_empty());
        let state = state
            .apply(Action::ReadStarted { token: 2, name: "b.json".into(), size: 1 })
            .apply(Action::ClearAll)
            .apply(Action::ReadFinished { token: 2, result: Ok(b"[]".to_vec()) });
        assert!(state.is_empty());
        assert_eq!(state.status(), Status::Empty);
    }

    #[test]
    fn the_sample_is_added_once_and_inputs_can_be_removed() {
        let state = State::default()
            .apply(Action::AddSample { name: "sample.json".into(), bytes: SHOP.into() })
            .apply(Action::AddSample { name: "sample.json".into(), bytes: SHOP.into() })
            .apply(Action::Paste("   ".into()))
            .apply(Action::Paste("[]".into()));
        assert_eq!(state.inputs.len(), 2);
        assert!(state.has_sample());
        assert_eq!(state.inputs[1].name, "pasted text 1");
        let job = state.analysis_job().unwrap();
        let state = run(state, &job);
        let sample = state.inputs[0].id;
        let state = state.apply(Action::Remove(sample));
        assert_eq!(state.inputs.len(), 1);
        assert!(!state.has_sample());
        assert!(state.report_for(sample).is_some(), "the old analysis still describes it until the new one");
        assert_eq!(state.status(), Status::Analysing);
        let pasted = state.inputs[0].id;
        let state = state.apply(Action::Remove(pasted));
        assert!(state.analysed.is_none());
        assert_eq!(state.status(), Status::Empty);
    }

    #[test]
    fn refused_files_are_problems_until_cleared() {
        let state =
            State::default().apply(Action::ReadRefused { name: "huge.json".into(), message: "too large".into() });
        assert!(!state.is_empty());
        assert_eq!(state.status(), Status::Empty);
        let state = state.apply(Action::ClearAll);
        assert!(state.is_empty());
    }
}

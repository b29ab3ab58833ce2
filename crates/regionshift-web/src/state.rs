//! The app's state as a pure reducer: which inputs are loaded or being read, the
//! analysis of the current set of inputs and, when asked, the comparison of every target;
//! and the decisions made from it: which views the page shows ([`State::views`]), which
//! files are refused before reading ([`read_refusal`]), when a comparison is due
//! ([`State::comparison_job`]) and what each download holds ([`State::download`]); and
//! the team's decisions on the findings of the loaded inventory ([`State::decisions`],
//! under [`State::decisions_key`]), which the app keeps in the browser and a reopened
//! report brings back.
//!
//! Nothing here touches the browser, so the logic is unit-tested natively. Reading files,
//! running the analysis and offering downloads are effects in `app.rs`: they report back
//! with [`Action`]s. Every change to the inputs bumps [`State::revision`]; an analysis
//! carries the revision it was computed for, and a stale one is ignored.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use std::rc::Rc;
use std::sync::Arc;

use regionshift_core::compare::{CompareOptions, Comparison, Ranking};
use regionshift_core::cost::CostOptions;
use regionshift_core::decisions::{self, Decision, Decisions};
use regionshift_core::input::DEFAULT_MAX_FILE_BYTES;
use regionshift_core::inventory::FileReport;
use regionshift_core::plan::PlanOptions;
#[cfg(test)]
use regionshift_core::report::{Redaction, ReportOptions};
use regionshift_core::units::Date;
use regionshift_core::{report, Analysis};

#[cfg(test)]
pub use crate::export::Download;
pub use crate::export::Export;
use crate::format;

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

/// What a file being read is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// An inventory export.
    Inventory,
    /// Catalog data (`az provider list`, `az vm list-skus`) that replaces the snapshot.
    Catalog,
    /// Price files (Azure China price sheet CSV, Retail Prices API pages).
    Prices,
    /// Cost Management exports: today's actual spend.
    Spend,
}

/// A file the browser is still reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// Chosen by the caller, which keeps the reader handle under this token.
    pub token: u64,
    pub name: String,
    pub size: u64,
    pub destination: Destination,
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
    /// The target region to assess for (a programmatic name), if one is chosen.
    pub target: Option<String>,
    /// Name and bytes of each catalog file, in order.
    pub catalog: Vec<(String, Rc<Vec<u8>>)>,
    /// Name and bytes of each price file, in order.
    pub prices: Vec<(String, Rc<Vec<u8>>)>,
    /// Name and bytes of each Cost Management export, in order.
    pub spend: Vec<(String, Rc<Vec<u8>>)>,
    pub cost: CostOptions,
    pub plan: PlanOptions,
    /// The day the analysis is made on (today on this device).
    pub date: Option<Date>,
    /// The latest analysis when it was made from these very inputs: only the options
    /// changed, so it can be analysed again without reading the inputs
    /// (`regionshift_core::analysis::reanalyze`).
    pub reuse: Option<Rc<Analysis>>,
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

/// Which parts of the page are shown, decided from the state alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Views {
    /// The landing page: nothing is loaded or being read. Otherwise the workspace.
    pub landing: bool,
    /// Files that could not be read, file errors or diagnostics of the analysis.
    pub diagnostics: bool,
    /// The links to each view and the dashboard: an analysis of at least one resource.
    pub dashboard: bool,
    /// An assessment (a target is chosen) of at least one resource.
    pub assessment: bool,
    /// A cost estimate (a target is chosen) of at least one resource.
    pub cost: bool,
    /// A plan of at least one resource.
    pub plan: bool,
    /// The Compare view: every target side by side, for at least one resource.
    pub compare: bool,
    /// Any analysis, even of no resources.
    pub inventory: bool,
}

/// A download asked for: which file, whether to redact it, and whether to add the
/// comparison of targets (when one is made for the current inputs and options).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadRequest {
    pub export: Export,
    pub redact: bool,
    pub compare: bool,
    /// The report's title and who prepared it, when the user wrote them.
    pub project: Option<String>,
    pub author: Option<String>,
}

/// What a comparison of targets depends on: the inputs, the catalog and price files and
/// the options, not the target (choosing another target keeps the comparison).
#[derive(Debug, Clone, PartialEq)]
pub struct CompareBasis {
    pub input_ids: Vec<u64>,
    pub side_file_ids: Vec<u64>,
    pub cost: CostOptions,
    pub plan: PlanOptions,
    pub date: Option<Date>,
}

/// A comparison of every target and what it was made from.
#[derive(Debug, Clone)]
pub struct Compared {
    pub basis: CompareBasis,
    pub comparison: Arc<Comparison>,
}

/// The work the app must do to compare the targets: the current analysis (whose import
/// the comparison reuses), its options and the comparison's.
#[derive(Debug, Clone)]
pub struct CompareJob {
    pub basis: CompareBasis,
    pub analysis: Rc<Analysis>,
    pub options: regionshift_core::AnalysisOptions,
    pub compare: CompareOptions,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    pub inputs: Vec<Input>,
    /// Catalog files the user loaded (`az provider list`, `az vm list-skus` output).
    pub catalog: Vec<Input>,
    /// Price files the user loaded.
    pub prices: Vec<Input>,
    /// Cost Management exports the user loaded (today's actual spend).
    pub spend: Vec<Input>,
    /// How the estimate is priced (assumptions included).
    pub cost: CostOptions,
    /// How the plan is formed.
    pub plan: PlanOptions,
    pub reading: Vec<Reading>,
    pub problems: Vec<ReadProblem>,
    /// The target region (programmatic name), a UI preference kept across visits.
    pub target: Option<String>,
    /// Bumped by every change to `inputs`, `catalog`, `prices`, `spend`, `target` or the
    /// options.
    pub revision: u64,
    /// The latest analysis; it may be older than `revision` while a new one runs.
    pub analysed: Option<Analysed>,
    /// Today on this device, which the analysis judges retirements against (the core
    /// reads no clock).
    pub today: Option<Date>,
    /// The user asked for the comparison of every target (the Compare view): it is made
    /// again whenever the inputs or options change, but not the target.
    pub compare_wanted: bool,
    /// How the comparison ranks targets.
    pub ranking: Ranking,
    /// The latest comparison; it may be older than the inputs and options while a new
    /// one is made.
    pub compared: Option<Compared>,
    /// The team's decisions on the findings of the loaded inventory; kept in the
    /// browser under [`State::decisions_key`] by the app.
    pub decisions: Decisions,
    /// The key of the loaded inventory (`regionshift_core::decisions::inventory_key`),
    /// under which its decisions are kept; `None` without inputs.
    pub decisions_key: Option<String>,
    /// The decisions belong to `decisions_key`: restored from the browser or from a
    /// reopened report, or changed by the user. Until then the app restores them and
    /// saves nothing.
    pub decisions_loaded: bool,
    /// Bumped by every change to the decisions.
    pub decisions_revision: u64,
    /// What of the restored decisions could not be read.
    pub decision_problems: Vec<regionshift_core::Diagnostic>,
    next_id: u64,
    pasted: u32,
}

// The cost options (with their usage assumptions) make one variant larger than the
// others; actions are few and short-lived, so boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Action {
    /// The browser started reading a file; `token` names the reader.
    ReadStarted { token: u64, name: String, size: u64, destination: Destination },
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
    /// Remove one catalog, price or spend file.
    RemoveSideFile(u64),
    /// Change how the estimate is priced.
    SetCostOptions(CostOptions),
    /// Change how the plan is formed.
    SetPlanOptions(PlanOptions),
    /// Choose the target region (a programmatic name), or none.
    SetTarget(Option<String>),
    /// Forget every input, read and problem.
    ClearAll,
    /// An analysis finished.
    Analysed { revision: u64, input_ids: Vec<u64>, analysis: Rc<Analysis> },
    /// Compare every target (the Compare view's button).
    Compare,
    /// A comparison finished, for the inputs and options of `basis`.
    Compared { basis: CompareBasis, comparison: Arc<Comparison> },
    /// Rank the compared targets by another rule (nothing is analysed again).
    SetRanking(Ranking),
    /// Record a decision on a rule (`resource: None`) or on one finding.
    Decide { rule: String, resource: Option<String>, decision: Decision },
    /// The decisions kept in the browser for the inventory of `key`, read back.
    RestoreDecisions { key: String, decisions: Decisions, problems: Vec<regionshift_core::Diagnostic> },
}

impl State {
    /// The state the app starts in: the target region remembered from an earlier visit,
    /// and today on this device.
    pub fn starting(target: Option<String>, today: Date) -> State {
        State { target, today: Some(today), ..State::default() }
    }

    fn add_input(&mut self, name: String, source: Source, bytes: Vec<u8>) {
        self.next_id += 1;
        self.inputs.push(Input { id: self.next_id, name, source, bytes: Rc::new(bytes) });
        self.inputs_changed();
    }

    /// Continues where a report left off: its inputs, catalog, price and spend files,
    /// target, options and decisions replace the current ones.
    fn reopen(&mut self, reopened: ReopenedReport) {
        let ReopenedReport { source, decisions, problems } = reopened;
        let options = source.options;
        self.inputs.clear();
        self.catalog.clear();
        self.prices.clear();
        self.spend.clear();
        for file in source.files {
            self.add_input(file.name, Source::File, file.bytes);
        }
        for (list, files) in [
            (&mut self.catalog, options.catalog_files),
            (&mut self.prices, options.price_files),
            (&mut self.spend, options.spend_files),
        ] {
            for file in files {
                self.next_id += 1;
                list.push(Input {
                    id: self.next_id,
                    name: file.name,
                    source: Source::File,
                    bytes: Rc::new(file.bytes),
                });
            }
        }
        self.target = options.target.map(|t| t.as_str().to_string());
        self.cost = options.cost;
        self.plan = options.plan;
        self.inputs_changed();
        // The report's decisions are those of its inventory: they replace any kept for
        // it, and the app keeps them.
        self.decisions = decisions;
        self.decisions_loaded = true;
        self.decision_problems = problems;
        self.decisions_revision += 1;
    }

    fn inputs_changed(&mut self) {
        self.revision += 1;
        if self.inputs.is_empty() {
            self.analysed = None;
        }
        let key =
            (!self.inputs.is_empty()).then(|| decisions::inventory_key(self.inputs.iter().map(|i| i.bytes.as_slice())));
        if key != self.decisions_key {
            self.decisions_key = key;
            self.decisions = Decisions::default();
            self.decisions_loaded = false;
            self.decision_problems.clear();
            self.decisions_revision += 1;
        }
    }

    /// Applies one action. Pure: the same state and action give the same result.
    pub fn apply(mut self, action: Action) -> State {
        match action {
            Action::ReadStarted { token, name, size, destination } => {
                if !self.reading.iter().any(|r| r.token == token) {
                    self.reading.push(Reading { token, name, size, destination });
                }
            }
            Action::ReadFinished { token, result } => {
                // A read that was cancelled or cleared meanwhile is ignored.
                if let Some(position) = self.reading.iter().position(|r| r.token == token) {
                    let reading = self.reading.remove(position);
                    match (result, reading.destination) {
                        (Ok(bytes), Destination::Inventory) => match reopened_report(&bytes) {
                            None => self.add_input(reading.name, Source::File, bytes),
                            Some(Ok(reopened)) => self.reopen(reopened),
                            Some(Err(message)) => self.problems.push(ReadProblem { name: reading.name, message }),
                        },
                        (
                            Ok(bytes),
                            destination @ (Destination::Catalog | Destination::Prices | Destination::Spend),
                        ) => {
                            self.next_id += 1;
                            let input = Input {
                                id: self.next_id,
                                name: reading.name,
                                source: Source::File,
                                bytes: Rc::new(bytes),
                            };
                            match destination {
                                Destination::Catalog => self.catalog.push(input),
                                Destination::Spend => self.spend.push(input),
                                _ => self.prices.push(input),
                            }
                            self.revision += 1;
                        }
                        (Err(message), _) => self.problems.push(ReadProblem { name: reading.name, message }),
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
            Action::RemoveSideFile(id) => {
                let before = self.catalog.len() + self.prices.len() + self.spend.len();
                self.catalog.retain(|i| i.id != id);
                self.prices.retain(|i| i.id != id);
                self.spend.retain(|i| i.id != id);
                if self.catalog.len() + self.prices.len() + self.spend.len() != before {
                    self.revision += 1;
                }
            }
            Action::SetCostOptions(options) => {
                if options != self.cost {
                    self.cost = options;
                    self.revision += 1;
                }
            }
            Action::SetPlanOptions(options) => {
                if options != self.plan {
                    self.plan = options;
                    self.revision += 1;
                }
            }
            Action::SetTarget(target) => {
                if target != self.target {
                    self.target = target;
                    self.revision += 1;
                }
            }
            Action::ClearAll => {
                self.compare_wanted = false;
                self.compared = None;
                self.inputs.clear();
                self.catalog.clear();
                self.prices.clear();
                self.spend.clear();
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
            Action::Compare => self.compare_wanted = true,
            Action::Compared { basis, comparison } => {
                // A comparison of inputs or options changed meanwhile is stale.
                if basis == self.compare_basis() && !self.inputs.is_empty() {
                    let comparison = if comparison.ranking == self.ranking {
                        comparison
                    } else {
                        Arc::new(comparison.reranked(&self.ranking))
                    };
                    self.compared = Some(Compared { basis, comparison });
                }
            }
            Action::SetRanking(ranking) => {
                if let Some(compared) = &mut self.compared {
                    compared.comparison = Arc::new(compared.comparison.reranked(&ranking));
                }
                self.ranking = ranking;
            }
            Action::Decide { rule, resource, decision } => {
                if self.decisions_key.is_some() {
                    match resource {
                        Some(resource) => self.decisions.set_finding(&rule, &resource, decision),
                        None => self.decisions.set_rule(&rule, decision),
                    }
                    self.decisions_loaded = true;
                    self.decisions_revision += 1;
                }
            }
            Action::RestoreDecisions { key, decisions, problems } => {
                // Only for the inventory loaded now, and only before anything else set
                // its decisions (a reopened report's, or the user's).
                if self.decisions_key.as_deref() == Some(key.as_str()) && !self.decisions_loaded {
                    self.decisions = decisions;
                    self.decision_problems = problems;
                    self.decisions_loaded = true;
                    self.decisions_revision += 1;
                }
            }
        }
        self
    }

    /// What a comparison made now would depend on.
    pub fn compare_basis(&self) -> CompareBasis {
        CompareBasis {
            input_ids: self.inputs.iter().map(|i| i.id).collect(),
            side_file_ids: self.catalog.iter().chain(&self.prices).map(|i| i.id).collect(),
            cost: self.cost.clone(),
            plan: self.plan.clone(),
            date: self.today,
        }
    }

    /// The comparison of the current inputs and options, if one is made.
    pub fn comparison(&self) -> Option<&Arc<Comparison>> {
        self.compared.as_ref().filter(|c| c.basis == self.compare_basis()).map(|c| &c.comparison)
    }

    /// Is a comparison due? When asked for, once the analysis of the current inputs is
    /// ready, and not already made for them.
    pub fn comparison_job(&self) -> Option<CompareJob> {
        if !self.compare_wanted || self.status() != Status::Ready || self.comparison().is_some() {
            return None;
        }
        let analysis = Rc::clone(self.analysis()?);
        Some(CompareJob {
            basis: self.compare_basis(),
            analysis,
            options: State::options_for(&self.job()),
            compare: CompareOptions { targets: Vec::new(), ranking: self.ranking.clone() },
        })
    }

    /// Is an analysis of the current inputs due? Not while files are still being read,
    /// so that dropping ten files analyses once.
    pub fn analysis_job(&self) -> Option<AnalysisJob> {
        let current = self.analysed.as_ref().is_some_and(|a| a.revision == self.revision);
        if current || self.inputs.is_empty() || !self.reading.is_empty() {
            return None;
        }
        Some(self.job())
    }

    /// The inputs and options as they are now, whether or not they are analysed.
    pub fn job(&self) -> AnalysisJob {
        let input_ids: Vec<u64> = self.inputs.iter().map(|i| i.id).collect();
        AnalysisJob {
            revision: self.revision,
            input_ids: input_ids.clone(),
            files: self.inputs.iter().map(|i| (i.name.clone(), Rc::clone(&i.bytes))).collect(),
            target: self.target.clone(),
            catalog: self.catalog.iter().map(|i| (i.name.clone(), Rc::clone(&i.bytes))).collect(),
            prices: self.prices.iter().map(|i| (i.name.clone(), Rc::clone(&i.bytes))).collect(),
            spend: self.spend.iter().map(|i| (i.name.clone(), Rc::clone(&i.bytes))).collect(),
            cost: self.cost.clone(),
            plan: self.plan.clone(),
            date: self.today,
            reuse: self.analysed.as_ref().filter(|a| a.input_ids == input_ids).map(|a| Rc::clone(&a.analysis)),
        }
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
        self.inputs.is_empty()
            && self.catalog.is_empty()
            && self.prices.is_empty()
            && self.spend.is_empty()
            && self.reading.is_empty()
            && self.problems.is_empty()
    }

    /// Files being read for the given destination.
    pub fn reading_for(&self, destination: Destination) -> impl Iterator<Item = &Reading> {
        self.reading.iter().filter(move |r| r.destination == destination)
    }

    /// Which parts of the page to show.
    pub fn views(&self) -> Views {
        let analysis = self.analysis();
        let resources = analysis.is_some_and(|a| a.summary.resources > 0);
        Views {
            landing: self.status() == Status::Empty,
            diagnostics: !self.problems.is_empty()
                || !self.decision_problems.is_empty()
                || analysis.is_some_and(|a| !a.diagnostics.is_empty() || a.has_file_errors()),
            dashboard: resources,
            assessment: resources && analysis.is_some_and(|a| a.assessment.is_some()),
            cost: resources && analysis.is_some_and(|a| a.cost.is_some()),
            plan: resources,
            compare: resources,
            inventory: analysis.is_some(),
        }
    }

    /// The file a download asks for, made from the current analysis and dated `date`
    /// (`YYYY-MM-DD`). Each download builds its own report: the HTML report embeds the
    /// inputs and options so it re-imports, unless it is redacted (then it embeds no
    /// inputs at all). The page asks the download worker for it (`order.rs`, which the
    /// tests hold to this); the page itself does not build downloads, which keeps the
    /// report's writers out of its wasm.
    #[cfg(test)]
    pub fn download(&self, request: DownloadRequest, date: &str) -> Option<Download> {
        let analysis = self.analysis()?;
        let options = ReportOptions {
            date: date.to_string(),
            redact: if request.redact { Redaction::Pseudonyms } else { Redaction::None },
            source: (!request.redact && request.export == Export::Report).then(|| self.report_source()),
            comparison: self.comparison().filter(|_| request.compare).map(|comparison| self.marked(comparison)),
            project: request.project.clone(),
            author: request.author.clone(),
            decisions: self.decisions.clone(),
        };
        Some(crate::export::render(analysis, request.export, &options))
    }

    /// The comparison with the current target marked (the target may have changed since
    /// it was made; the comparison does not depend on it).
    #[cfg(test)]
    fn marked(&self, comparison: &Arc<Comparison>) -> Arc<Comparison> {
        let current = self.target.as_deref().and_then(regionshift_core::azure::Location::new);
        if comparison.current == current {
            return Arc::clone(comparison);
        }
        Arc::new(Comparison { current, ..(**comparison).clone() })
    }

    /// What a report is made from, so it re-imports: the inputs and the options.
    #[cfg(test)]
    fn report_source(&self) -> report::Source {
        let job = self.job();
        let files = job
            .files
            .iter()
            .map(|(name, bytes)| regionshift_core::InputFile::new(name.clone(), bytes.as_slice()))
            .collect();
        report::Source { files, options: State::options_for(&job) }
    }

    /// The options the analysis of `job` runs with.
    pub fn options_for(job: &AnalysisJob) -> regionshift_core::AnalysisOptions {
        regionshift_core::AnalysisOptions {
            target: job.target.as_deref().and_then(regionshift_core::azure::Location::new),
            catalog_files: side_files(&job.catalog),
            price_files: side_files(&job.prices),
            spend_files: side_files(&job.spend),
            cost: job.cost.clone(),
            plan: job.plan.clone(),
            date: job.date,
            ..regionshift_core::AnalysisOptions::default()
        }
    }
}

/// Why a file of `size` bytes is refused before it is read, if it is: it is larger than
/// the import accepts.
pub fn read_refusal(size: u64) -> Option<String> {
    (size > DEFAULT_MAX_FILE_BYTES).then(|| {
        format!(
            "the file is {}, over the {} limit; split the export into pages \
             (az graph query --first 1000 --skip-token) and load them together",
            format::bytes(size),
            format::bytes(DEFAULT_MAX_FILE_BYTES)
        )
    })
}

/// What a report gives back to continue from: its inputs and options, its decisions,
/// and what of them could not be read.
#[derive(Debug)]
struct ReopenedReport {
    source: report::Source,
    decisions: Decisions,
    problems: Vec<regionshift_core::Diagnostic>,
}

/// Is this file a RegionShift report (HTML or its JSON export)? Then the inputs,
/// options and decisions it carries, or why it cannot be reopened.
fn reopened_report(bytes: &[u8]) -> Option<Result<ReopenedReport, String>> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head);
    let is_html_report = head.contains("<html") && bytes.len() < 512 * 1024 * 1024 && {
        let marker = format!("id=\"{}\"", report::EMBEDDED_ID);
        bytes.windows(marker.len()).any(|w| w == marker.as_bytes())
    };
    let is_json_report = head.contains(&format!("\"schema\": \"{}\"", report::SCHEMA));
    if !is_html_report && !is_json_report {
        return None;
    }
    let text = String::from_utf8_lossy(bytes);
    let reopened = report::reopen(&text).map_err(|e| e.to_string()).and_then(|reopened| match reopened {
        report::Reopened::Source { source, decisions, diagnostics, .. } => {
            Ok(ReopenedReport { source: *source, decisions, problems: diagnostics })
        }
        report::Reopened::Model(_) => {
            Err("this report is redacted, so it carries no inputs and cannot be reopened here; \
                     open the report itself to read it, or load the original exports"
                .to_string())
        }
    });
    Some(reopened)
}

fn side_files(files: &[(String, Rc<Vec<u8>>)]) -> Vec<regionshift_core::InputFile> {
    files.iter().map(|(name, bytes)| regionshift_core::InputFile::new(name.clone(), bytes.as_slice())).collect()
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
        let same_comparison = match (&self.compared, &other.compared) {
            (Some(a), Some(b)) => Arc::ptr_eq(&a.comparison, &b.comparison),
            (None, None) => true,
            _ => false,
        };
        self.revision == other.revision
            && same_analysis
            && same_comparison
            && self.decisions_revision == other.decisions_revision
            && self.decisions_key == other.decisions_key
            && self.compare_wanted == other.compare_wanted
            && self.ranking == other.ranking
            && self.target == other.target
            && self.inputs == other.inputs
            && self.catalog == other.catalog
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

    fn day() -> Date {
        "2026-12-06".parse().unwrap()
    }
    use regionshift_core::{analyze, InputFile};

    const SHOP: &str = include_str!("../../../tests/fixtures/inventory/shop-graph.json");

    fn run(state: State, job: &AnalysisJob) -> State {
        let files: Vec<InputFile> =
            job.files.iter().map(|(name, bytes)| InputFile::new(name.clone(), bytes.as_slice())).collect();
        let options = State::options_for(job);
        // As the app does: only the options changed, so the inventory is reused.
        let analysis = match &job.reuse {
            Some(previous) => regionshift_core::analysis::reanalyze(previous, &options),
            None => analyze(&files, &options),
        };
        state.apply(Action::Analysed {
            revision: job.revision,
            input_ids: job.input_ids.clone(),
            analysis: Rc::new(analysis),
        })
    }

    #[test]
    fn a_read_file_becomes_an_input_and_is_analysed() {
        let state = State::default().apply(Action::ReadStarted {
            token: 7,
            name: "shop.json".into(),
            size: 10,
            destination: Destination::Inventory,
        });
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
            .apply(Action::ReadStarted {
                token: 1,
                name: "a.json".into(),
                size: 1,
                destination: Destination::Inventory,
            })
            .apply(Action::ReadStarted {
                token: 2,
                name: "b.json".into(),
                size: 1,
                destination: Destination::Inventory,
            })
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
            .apply(Action::ReadStarted {
                token: 1,
                name: "a.json".into(),
                size: 1,
                destination: Destination::Inventory,
            })
            .apply(Action::CancelRead(1))
            .apply(Action::ReadFinished { token: 1, result: Ok(b"[]".to_vec()) });
        assert!(state.inputs.is_empty());
        let state = state
            .apply(Action::ReadStarted {
                token: 2,
                name: "b.json".into(),
                size: 1,
                destination: Destination::Inventory,
            })
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
    fn target_and_catalog_changes_rerun_the_analysis_with_them() {
        let state = State::starting(Some("chinanorth3".into()), day()).apply(Action::Paste(SHOP.into()));
        let job = state.analysis_job().unwrap();
        assert_eq!(job.target.as_deref(), Some("chinanorth3"));
        let state = run(state, &job);
        let assessment = state.analysis().unwrap().assessment.as_ref().expect("assessed");
        assert_eq!(assessment.target.as_str(), "chinanorth3");
        assert!(state.analysis_job().is_none());
        // The same target again changes nothing.
        let state = state.apply(Action::SetTarget(Some("chinanorth3".into())));
        assert_eq!(state.status(), Status::Ready);
        let state = state.apply(Action::SetTarget(None));
        assert_eq!(state.status(), Status::Analysing);
        let state = run(state.clone(), &state.analysis_job().unwrap());
        assert!(state.analysis().unwrap().assessment.is_none());
        // A catalog file is read, then analysed with the inputs, then removed.
        let state = state
            .apply(Action::ReadStarted {
                token: 3,
                name: "skus.json".into(),
                size: 2,
                destination: Destination::Catalog,
            })
            .apply(Action::ReadFinished { token: 3, result: Ok(b"[]".to_vec()) });
        assert_eq!((state.inputs.len(), state.catalog.len()), (1, 1));
        let job = state.analysis_job().unwrap();
        assert_eq!(job.catalog.len(), 1);
        let state = run(state, &job);
        assert_eq!(state.analysis().unwrap().catalog.user_files, ["skus.json"]);
        let id = state.catalog[0].id;
        let state = state.apply(Action::RemoveSideFile(id));
        assert!(state.catalog.is_empty());
        assert_eq!(state.status(), Status::Analysing);
        let state = state.apply(Action::ClearAll);
        assert!(state.is_empty());
    }

    #[test]
    fn price_files_and_options_rerun_the_analysis_with_them() {
        let state = State::starting(Some("chinanorth3".into()), day()).apply(Action::Paste(SHOP.into()));
        let state = run(state.clone(), &state.analysis_job().unwrap());
        assert!(state.analysis().unwrap().cost.is_some());
        let state = state
            .apply(Action::ReadStarted {
                token: 4,
                name: "sheet.csv".into(),
                size: 2,
                destination: Destination::Prices,
            })
            .apply(Action::ReadFinished { token: 4, result: Ok(b"not,a,price,sheet\n1,2,3,4\n".to_vec()) });
        assert_eq!((state.catalog.len(), state.prices.len()), (0, 1));
        let job = state.analysis_job().unwrap();
        assert_eq!(job.prices.len(), 1);
        let state = run(state, &job);
        let analysis = state.analysis().unwrap();
        assert_eq!(analysis.cost.as_ref().unwrap().prices.user.files, ["sheet.csv"]);
        assert!(
            analysis.diagnostics.iter().any(|d| d.code == "cost.prices-wrong-columns"),
            "{:?}",
            analysis.diagnostics
        );
        // Options: a change re-runs the analysis with them; the same options do not.
        let mut cost = state.cost.clone();
        cost.discount_percent = Some("10".parse().unwrap());
        let state = state.apply(Action::SetCostOptions(cost.clone()));
        assert_eq!(state.status(), Status::Analysing);
        let job = state.analysis_job().unwrap();
        assert_eq!(job.cost, cost);
        assert!(job.reuse.is_some(), "only the options changed: the inventory is reused");
        let state = run(state, &job);
        let state = state.apply(Action::SetCostOptions(cost));
        assert_eq!(state.status(), Status::Ready);
        let discounted = state.analysis().unwrap().cost.as_ref().unwrap().target.total_monthly;
        let fresh = analyze(&[InputFile::new("p", SHOP)], &State::options_for(&state.job()));
        assert_eq!(discounted, fresh.cost.as_ref().unwrap().target.total_monthly);
        // New inputs are read again.
        let more = state.clone().apply(Action::Paste(SHOP.into()));
        assert!(more.analysis_job().unwrap().reuse.is_none());
        let mut plan = state.plan.clone();
        plan.workers = "1".parse().unwrap();
        let state = state.apply(Action::SetPlanOptions(plan));
        let job = state.analysis_job().unwrap();
        assert_eq!(job.plan.workers.get(), 1);
        let id = state.prices[0].id;
        let state = state.apply(Action::RemoveSideFile(id));
        assert!(state.prices.is_empty());
    }

    /// Two months of one of the shop's VMs and a row of a deleted one.
    const SPEND: &str = "Date,ResourceId,CostInBillingCurrency,BillingCurrencyCode,AccountOwnerId\n\
        01/05/2025,/subscriptions/7d2a9c41-5e0b-4c7e-9f1a-2b3c4d5e6f70/resourceGroups/rg-shop-app/providers/Microsoft.Compute/virtualMachines/web-01,12.50,USD,x\n\
        02/05/2025,/subscriptions/7d2a9c41-5e0b-4c7e-9f1a-2b3c4d5e6f70/resourceGroups/RG-SHOP-APP/providers/Microsoft.Compute/virtualMachines/WEB-01,13.50,USD,x\n\
        02/07/2025,/subscriptions/7d2a9c41-5e0b-4c7e-9f1a-2b3c4d5e6f70/resourceGroups/rg-shop-app/providers/Microsoft.Compute/virtualMachines/gone,4,USD,x\n";

    #[test]
    fn spend_files_give_today_s_actual_spend_and_stay_through_option_changes() {
        let state = State::starting(Some("chinanorth3".into()), day()).apply(Action::Paste(SHOP.into()));
        let state = run(state.clone(), &state.analysis_job().unwrap());
        assert!(state.analysis().unwrap().cost.as_ref().unwrap().spend.is_none());
        let state = state
            .apply(Action::ReadStarted { token: 5, name: "costs.csv".into(), size: 2, destination: Destination::Spend })
            .apply(Action::ReadFinished { token: 5, result: Ok(SPEND.as_bytes().to_vec()) });
        assert_eq!((state.prices.len(), state.spend.len()), (0, 1));
        let job = state.analysis_job().unwrap();
        assert_eq!(job.spend.len(), 1);
        assert!(job.reuse.is_some(), "a side file leaves the inventory as it was");
        let state = run(state, &job);
        let spend = state.analysis().unwrap().cost.as_ref().unwrap().spend.clone().expect("spend");
        assert_eq!(spend.files[0].name, "costs.csv");
        assert_eq!(spend.matched_resources, 1, "{spend:?}");
        assert_eq!(spend.total.to_string(), "30");
        assert_eq!(spend.total_monthly, rust_decimal::Decimal::from(15));
        assert_eq!(spend.unmatched_rows.len(), 1);
        // Another option: the spend stays (read once, kept by the analysis).
        let mut cost = state.cost.clone();
        cost.discount_percent = Some("5".parse().unwrap());
        let state = state.apply(Action::SetCostOptions(cost));
        let state = run(state.clone(), &state.analysis_job().unwrap());
        assert_eq!(state.analysis().unwrap().cost.as_ref().unwrap().spend.as_ref(), Some(&spend));
        let id = state.spend[0].id;
        let state = state.apply(Action::RemoveSideFile(id));
        assert!(state.spend.is_empty());
        let state = run(state.clone(), &state.analysis_job().unwrap());
        assert!(state.analysis().unwrap().cost.as_ref().unwrap().spend.is_none());
    }

    #[test]
    fn decisions_belong_to_the_loaded_inventory_and_ride_in_the_report() {
        use regionshift_core::decisions::Status;
        let sample = include_str!("../../../data/sample-estate.json");
        let state = State::starting(Some("chinanorth3".into()), day()).apply(Action::Paste(sample.into()));
        let key = state.decisions_key.clone().expect("a key for the inventory");
        assert!(!state.decisions_loaded);
        // Kept decisions for another inventory are not restored; for this one they are.
        let mut kept = Decisions::new();
        kept.set_rule("RS001", Decision { status: Status::Accepted, ..Decision::default() });
        let other = state.clone().apply(Action::RestoreDecisions {
            key: "0000".into(),
            decisions: kept.clone(),
            problems: Vec::new(),
        });
        assert!(other.decisions.is_empty() && !other.decisions_loaded);
        let state = state.apply(Action::RestoreDecisions { key: key.clone(), decisions: kept, problems: Vec::new() });
        assert!(state.decisions_loaded && state.decisions.rule("RS001").is_some());
        let state = run(state.clone(), &state.analysis_job().unwrap());
        let finding = state.analysis().unwrap().assessment.as_ref().unwrap().findings[0].clone();
        let waived = Decision { status: Status::Waived, owner: "Li Wei".into(), note: "by hand".into() };
        let state = state.apply(Action::Decide { rule: finding.rule.into(), resource: None, decision: waived.clone() });
        let revision = state.revision;
        assert_eq!(state.decisions.rule(finding.rule), Some(&waived));
        assert!(state.analysis_job().is_none(), "a decision analyses nothing again");
        assert_eq!(state.revision, revision);
        // The report carries them, and reopening it restores them (not what was kept).
        let html = state.download(
            DownloadRequest { export: Export::Report, redact: false, compare: false, project: None, author: None },
            "2026-12-06",
        );
        let csv = state.download(
            DownloadRequest { export: Export::FindingsCsv, redact: false, compare: false, project: None, author: None },
            "2026-12-06",
        );
        assert!(csv.unwrap().text.contains(",waived,rule,Li Wei,by hand"));
        let reopened = State::default()
            .apply(Action::ReadStarted {
                token: 1,
                name: "r.html".into(),
                size: 1,
                destination: Destination::Inventory,
            })
            .apply(Action::ReadFinished { token: 1, result: Ok(html.unwrap().text.into_bytes()) });
        assert_eq!(reopened.decisions_key.as_deref(), Some(key.as_str()));
        assert!(reopened.decisions_loaded);
        assert_eq!(reopened.decisions, state.decisions);
        let late =
            reopened.clone().apply(Action::RestoreDecisions { key, decisions: Decisions::new(), problems: Vec::new() });
        assert_eq!(late.decisions, state.decisions, "the report's decisions win over those kept");
        // Another inventory starts with none.
        let cleared = reopened.apply(Action::ClearAll);
        assert!(cleared.decisions.is_empty() && cleared.decisions_key.is_none());
    }

    #[test]
    fn a_dropped_report_reopens_its_inputs_and_options() {
        let plan = PlanOptions { workers: "2".parse().unwrap(), ..PlanOptions::default() };
        let state = State::starting(Some("chinaeast2".into()), day()).apply(Action::Paste(SHOP.into()));
        let state = state.apply(Action::SetPlanOptions(plan));
        let job = state.analysis_job().unwrap();
        let state = run(state, &job);
        let analysis = state.analysis().unwrap();
        let source = report::Source {
            files: vec![regionshift_core::InputFile::new("shop.json", SHOP.as_bytes())],
            options: State::options_for(&job),
        };
        let html = report::html::render(&report::build(
            analysis,
            &report::ReportOptions {
                date: "2026-11-25".into(),
                redact: report::Redaction::None,
                source: Some(source),
                ..report::ReportOptions::default()
            },
        ));
        let reopened = State::default()
            .apply(Action::ReadStarted {
                token: 1,
                name: "r.html".into(),
                size: 1,
                destination: Destination::Inventory,
            })
            .apply(Action::ReadFinished { token: 1, result: Ok(html.into_bytes()) });
        assert!(reopened.problems.is_empty(), "{:?}", reopened.problems);
        assert_eq!(reopened.inputs.len(), 1);
        assert_eq!(reopened.inputs[0].name, "shop.json");
        assert_eq!(reopened.target.as_deref(), Some("chinaeast2"));
        assert_eq!(reopened.plan.workers.get(), 2);
        let again = run(reopened.clone(), &reopened.analysis_job().unwrap());
        assert_eq!(again.analysis().unwrap().summary.resources, analysis.summary.resources);
        assert_eq!(again.analysis().unwrap().plan.total_hours, analysis.plan.total_hours);
        // A redacted report says why it cannot be reopened.
        let redacted = report::html::render(&report::build(
            analysis,
            &report::ReportOptions {
                date: "2026-11-25".into(),
                redact: report::Redaction::Pseudonyms,
                source: None,
                ..report::ReportOptions::default()
            },
        ));
        let refused = State::default()
            .apply(Action::ReadStarted {
                token: 2,
                name: "r.html".into(),
                size: 1,
                destination: Destination::Inventory,
            })
            .apply(Action::ReadFinished { token: 2, result: Ok(redacted.into_bytes()) });
        assert!(refused.inputs.is_empty());
        assert!(refused.problems[0].message.contains("redacted"), "{:?}", refused.problems);
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

    #[test]
    fn files_over_the_import_limit_are_refused_before_reading() {
        assert_eq!(read_refusal(DEFAULT_MAX_FILE_BYTES), None);
        let message = read_refusal(DEFAULT_MAX_FILE_BYTES + 1).expect("refused");
        assert!(message.starts_with("the file is "), "{message}");
        assert!(message.contains(&format!("over the {} limit", format::bytes(DEFAULT_MAX_FILE_BYTES))), "{message}");
        assert!(message.contains("split the export into pages (az graph query"), "{message}");
    }

    #[test]
    fn the_views_follow_what_is_loaded_and_analysed() {
        let empty = State::default();
        assert_eq!(empty.views(), Views { landing: true, ..Views::default() });
        let refused = empty.apply(Action::ReadRefused { name: "huge.json".into(), message: "too large".into() });
        assert_eq!(refused.views(), Views { landing: true, diagnostics: true, ..Views::default() });
        let reading = State::default().apply(Action::ReadStarted {
            token: 1,
            name: "a.json".into(),
            size: 1,
            destination: Destination::Inventory,
        });
        assert_eq!(reading.views(), Views::default(), "the workspace, nothing analysed yet");
        let nothing = State::default().apply(Action::Paste("[]".into()));
        let nothing = run(nothing.clone(), &nothing.analysis_job().unwrap());
        let views = nothing.views();
        assert!(views.inventory && !views.dashboard && !views.plan, "{views:?}");
        assert_eq!(views.diagnostics, !nothing.analysis().unwrap().diagnostics.is_empty());
        let shop = State::default().apply(Action::Paste(SHOP.into()));
        let shop = run(shop.clone(), &shop.analysis_job().unwrap());
        let views = shop.views();
        assert!(views.dashboard && views.plan && views.inventory, "{views:?}");
        assert!(!views.assessment && !views.cost, "no target: {views:?}");
        let targeted = shop.apply(Action::SetTarget(Some("chinanorth3".into())));
        let targeted = run(targeted.clone(), &targeted.analysis_job().unwrap());
        let views = targeted.views();
        assert!(views.assessment && views.cost && views.dashboard && views.plan && views.inventory && !views.landing);
    }

    #[test]
    fn downloads_are_named_for_target_and_date_and_only_the_plain_report_embeds_inputs() {
        let request = |export, redact| DownloadRequest { export, redact, compare: false, project: None, author: None };
        assert!(State::default().download(request(Export::Report, false), "2026-11-25").is_none());
        let state = State::starting(Some("chinanorth3".into()), day()).apply(Action::Paste(SHOP.into()));
        let state = run(state.clone(), &state.analysis_job().unwrap());
        let names: Vec<(String, &str)> =
            [Export::Report, Export::Json, Export::Markdown, Export::FindingsCsv, Export::CostsCsv, Export::PlanCsv]
                .into_iter()
                .map(|export| {
                    let download = state.download(request(export, false), "2026-11-25").unwrap();
                    (download.name, download.mime)
                })
                .collect();
        let expected = [
            ("html", "text/html;charset=utf-8"),
            ("json", "application/json"),
            ("md", "text/markdown;charset=utf-8"),
            ("findings.csv", "text/csv;charset=utf-8"),
            ("costs.csv", "text/csv;charset=utf-8"),
            ("plan.csv", "text/csv;charset=utf-8"),
        ];
        for ((name, mime), (extension, expected_mime)) in names.iter().zip(expected) {
            assert_eq!(name, &format!("regionshift-chinanorth3-2026-11-25.{extension}"));
            assert_eq!(*mime, expected_mime);
        }
        // The plain report reopens with its inputs; the redacted one is named so and cannot.
        let reopen = |text: String| {
            State::default()
                .apply(Action::ReadStarted {
                    token: 1,
                    name: "r.html".into(),
                    size: 1,
                    destination: Destination::Inventory,
                })
                .apply(Action::ReadFinished { token: 1, result: Ok(text.into_bytes()) })
        };
        let plain = state.download(request(Export::Report, false), "2026-11-25").unwrap();
        let reopened = reopen(plain.text);
        assert_eq!((reopened.inputs.len(), reopened.target.as_deref()), (1, Some("chinanorth3")));
        let redacted = state.download(request(Export::Report, true), "2026-11-25").unwrap();
        assert_eq!(redacted.name, "regionshift-chinanorth3-2026-11-25-redacted.html");
        let refused = reopen(redacted.text);
        assert!(refused.inputs.is_empty() && refused.problems[0].message.contains("redacted"));
        let json = state.download(request(Export::Json, false), "2026-11-25").unwrap();
        let json: serde_json::Value = serde_json::from_str(&json.text).unwrap();
        assert!(json.get("source").is_none(), "only the HTML report embeds the inputs");
    }

    /// Runs a comparison job as the app does.
    fn compare_now(state: State) -> State {
        let job = state.comparison_job().expect("a comparison is due");
        let comparison = regionshift_core::compare::compare(&job.analysis, &job.options, &job.compare);
        state.apply(Action::Compared { basis: job.basis, comparison: Arc::new(comparison) })
    }

    #[test]
    fn a_comparison_is_made_when_asked_kept_across_targets_and_ranked_again_without_analysing() {
        let state = State::starting(Some("chinaeast2".into()), day()).apply(Action::Paste(SHOP.into()));
        assert!(state.comparison_job().is_none(), "not asked for");
        let state = state.apply(Action::Compare);
        assert!(state.comparison_job().is_none(), "not before the analysis");
        let job = state.analysis_job().unwrap();
        let state = run(state, &job);
        assert!(state.views().compare);
        let state = compare_now(state);
        assert!(state.comparison_job().is_none(), "made");
        let comparison = Arc::clone(state.comparison().unwrap());
        assert_eq!(comparison.targets.len(), regionshift_core::analysis::known_targets().len());

        // Another target keeps the comparison; the download marks the new target.
        let suggested = comparison.suggestion.as_ref().unwrap().target.as_str().to_string();
        let state = state.apply(Action::SetTarget(Some(suggested.clone())));
        assert!(Arc::ptr_eq(state.comparison().unwrap(), &comparison));
        assert!(state.comparison_job().is_none());
        let state = run(state.clone(), &state.analysis_job().unwrap());
        let request =
            DownloadRequest { export: Export::Markdown, redact: false, compare: true, project: None, author: None };
        let markdown = state.download(request.clone(), "2026-11-25").unwrap().text;
        assert!(markdown.contains("## Comparison of targets"), "{markdown}");
        assert!(markdown.contains("current target"), "{markdown}");
        let plain = state.download(DownloadRequest { compare: false, ..request }, "2026-11-25").unwrap().text;
        assert!(!plain.contains("## Comparison of targets"));

        // Another rule reranks at once; other options make the comparison stale.
        let ranking: Ranking = "duration,cost".parse().unwrap();
        let state = state.apply(Action::SetRanking(ranking.clone()));
        assert_eq!(state.comparison().unwrap().ranking, ranking);
        assert!(state.comparison_job().is_none(), "nothing analysed again");
        let cost = CostOptions { discount_percent: Some("5".parse().unwrap()), ..CostOptions::default() };
        let state = state.apply(Action::SetCostOptions(cost));
        assert!(state.comparison().is_none());
        let state = run(state.clone(), &state.analysis_job().unwrap());
        let job = state.comparison_job().expect("made again for the new options");
        assert_eq!(job.compare.ranking, ranking);
        // A comparison of older options that finishes late is ignored.
        let stale = Compared { basis: CompareBasis { date: None, ..job.basis.clone() }, comparison };
        let state = state.apply(Action::Compared { basis: stale.basis, comparison: stale.comparison });
        assert!(state.comparison().is_none());
        let state = compare_now(state);
        assert!(state.comparison().is_some());
        let state = state.apply(Action::ClearAll);
        assert!(state.compared.is_none() && !state.compare_wanted);
    }
}

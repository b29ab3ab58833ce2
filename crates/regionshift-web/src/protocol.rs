//! What the page and the download worker (`worker.rs`) say to each other, and the work
//! the worker does for an order ([`fulfil`]), kept pure so it is tested natively.
//!
//! The page posts an [`Order`] (as JSON) with the bytes of every file it names, in the
//! order named (their buffers transferred, not cloned); the worker answers with
//! [`Reply`]s: `Ready` once it listens, `Progress` at each [`Stage`], `Done` with the
//! file's bytes (transferred), or `Failed` with the stage and the message of a panic.

use std::sync::Arc;

use regionshift_core::compare::{self, CompareOptions, Ranking};
use regionshift_core::decisions::Decisions;
use regionshift_core::report::{self, Redaction, ReportOptions};
use regionshift_core::{analyze, AnalysisOptions, InputFile};
use serde::{Deserialize, Serialize};

use crate::export::{self, Download, Export};

/// What a file sent with an order is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Inventory,
    Catalog,
    Prices,
    Spend,
}

/// The name and role of one file of an order; its bytes travel beside the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedFile {
    pub name: String,
    pub role: Role,
}

/// A download to build: the inputs and options of the page's analysis and what to
/// render from them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Order {
    /// Chosen by the page; every reply names it.
    pub job: u32,
    pub export: Export,
    pub redact: bool,
    /// The report's date, `YYYY-MM-DD` (the worker reads no clock either).
    pub date: String,
    /// Add the comparison of every target, ranked by this rule.
    pub compare: Option<String>,
    /// The analysis's options; the side files are among `files`.
    pub options: AnalysisOptions,
    pub files: Vec<NamedFile>,
    /// The report's title and who prepared it, as the user wrote them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The team's decisions on the findings, in their stored form
    /// (`regionshift.decisions/1`, [`Decisions::to_value`]).
    #[serde(default)]
    pub decisions: serde_json::Value,
    /// Only honoured by a `test-hooks` build: panic at this stage (`?panic=worker-STAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub panic_at: Option<String>,
}

/// What the worker is doing; `id` is the `data-stage` of the page's progress element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Taking the files' bytes from the order.
    Reading,
    /// Import, assessment, cost and plan (`regionshift_core::analyze`).
    Analysis,
    /// The comparison of every target.
    Comparison,
    /// The report model.
    Report,
    /// Rendering the file.
    Writing,
}

impl Stage {
    /// The stable id of the stage (the progress element's `data-stage`).
    pub fn id(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Analysis => "analysis",
            Stage::Comparison => "comparison",
            Stage::Report => "report",
            Stage::Writing => "writing",
        }
    }
}

impl Stage {
    /// What the stage is, in words ("the analysis failed at building the report").
    pub fn describe(self) -> &'static str {
        match self {
            Stage::Reading => "reading the files",
            Stage::Analysis => "the analysis (import, assessment, cost and plan)",
            Stage::Comparison => "comparing every target",
            Stage::Report => "building the report",
            Stage::Writing => "writing the file",
        }
    }
}

/// What the worker says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Reply {
    /// The worker listens: orders posted before this would be lost.
    Ready,
    Progress {
        job: u32,
        stage: Stage,
    },
    /// The file is built; its bytes travel beside the reply.
    Done {
        job: u32,
        name: String,
        mime: String,
    },
    /// The order could not be read, or the worker panicked at `stage` (then the worker is
    /// dead: the page starts a fresh one for the next order).
    Failed {
        job: Option<u32>,
        stage: String,
        message: String,
        location: String,
    },
}

/// The inputs and the options (side files included) of an order, from the bytes sent with it.
pub fn inputs(order: &Order, mut bytes: Vec<Vec<u8>>) -> Result<(Vec<InputFile>, AnalysisOptions), String> {
    if bytes.len() != order.files.len() {
        return Err(format!("the order names {} files but carries {}", order.files.len(), bytes.len()));
    }
    let mut options = AnalysisOptions {
        catalog_files: Vec::new(),
        price_files: Vec::new(),
        spend_files: Vec::new(),
        ..order.options.clone()
    };
    let mut inputs = Vec::new();
    for (file, bytes) in order.files.iter().zip(bytes.drain(..)) {
        let input = InputFile { name: file.name.clone(), bytes };
        match file.role {
            Role::Inventory => inputs.push(input),
            Role::Catalog => options.catalog_files.push(input),
            Role::Prices => options.price_files.push(input),
            Role::Spend => options.spend_files.push(input),
        }
    }
    Ok((inputs, options))
}

/// Builds the download an order asks for, saying each stage as it starts.
pub fn fulfil(order: &Order, bytes: Vec<Vec<u8>>, mut progress: impl FnMut(Stage)) -> Result<Download, String> {
    progress(Stage::Reading);
    let (inputs, options) = inputs(order, bytes)?;
    // The page wrote them from decisions it holds: none is dropped reading them back.
    let decisions = if order.decisions.is_null() {
        Decisions::default()
    } else {
        let (decisions, problems) = Decisions::read(&order.decisions, "the page's decisions");
        if let Some(problem) = problems.first() {
            return Err(format!("the order's decisions could not be read: {}", problem.message));
        }
        decisions
    };
    let ranking = order.compare.as_deref().map(str::parse::<Ranking>).transpose()?;
    progress(Stage::Analysis);
    let analysis = analyze(&inputs, &options);
    let comparison = ranking.map(|ranking| {
        progress(Stage::Comparison);
        Arc::new(compare::compare(&analysis, &options, &CompareOptions { targets: Vec::new(), ranking }))
    });
    progress(Stage::Report);
    let source = (!order.redact && order.export == Export::Report)
        .then(|| report::Source { files: inputs, options: options.clone() });
    let report = report::build(
        &analysis,
        &ReportOptions {
            date: order.date.clone(),
            redact: if order.redact { Redaction::Pseudonyms } else { Redaction::None },
            source,
            comparison,
            project: order.project.clone(),
            author: order.author.clone(),
            decisions,
        },
    );
    progress(Stage::Writing);
    Ok(export::render_report(&report, order.export))
}

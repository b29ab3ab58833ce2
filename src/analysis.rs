//! The one entry point: the app, the CLI and the tests all call [`analyze`].

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::inventory::completeness::{self, Completeness};
use crate::inventory::summary::{self, InventorySummary};
use crate::inventory::{self, FileReport, ImportOptions, Inventory};

pub use crate::inventory::InputFile;

/// Version of the JSON form of [`Analysis`] (see README, "JSON output").
pub const SCHEMA: &str = "regionshift.analysis/1";

/// Everything an analysis may be asked to do differently.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AnalysisOptions {
    pub import: ImportOptions,
}

/// The result of one analysis.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub schema: &'static str,
    pub files: Vec<FileReport>,
    pub summary: InventorySummary,
    pub completeness: Completeness,
    pub diagnostics: Vec<Diagnostic>,
    pub inventory: Inventory,
}

impl Analysis {
    /// Did any input file fail to load?
    pub fn has_file_errors(&self) -> bool {
        self.files.iter().any(|f| f.error.is_some())
    }
}

/// Imports the inputs and analyses them. Never fails: problems are diagnostics.
pub fn analyze(inputs: &[InputFile], options: &AnalysisOptions) -> Analysis {
    let import = inventory::import(inputs, &options.import);
    let summary = summary::summarize(&import.inventory);
    let completeness = completeness::assess(&import);
    Analysis {
        schema: SCHEMA,
        files: import.files,
        summary,
        completeness,
        diagnostics: import.diagnostics,
        inventory: import.inventory,
    }
}

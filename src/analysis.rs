//! The one entry point: the app, the CLI and the tests all call [`analyze`].

use serde::Serialize;

use crate::assess::{self, AssessOptions, Assessment};
use crate::catalog::{Catalog, CatalogPart};
use crate::diagnostics::Diagnostic;
use crate::inventory::completeness::{self, Completeness};
use crate::inventory::summary::{self, InventorySummary};
use crate::inventory::{self, FileReport, ImportOptions, Inventory, Location};

pub use crate::inventory::InputFile;

/// Version of the JSON form of [`Analysis`] (see README, "JSON output").
pub const SCHEMA: &str = "regionshift.analysis/1";

/// Everything an analysis may be asked to do differently.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AnalysisOptions {
    pub import: ImportOptions,
    /// The region to assess the estate for; without one there is no assessment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Location>,
    /// Catalog data the user loaded (`az provider list`, `az vm list-skus`), which
    /// replaces the embedded snapshot for the regions and parts it covers.
    #[serde(skip)]
    pub catalog_files: Vec<InputFile>,
}

/// Which catalog the analysis used: the snapshot's date, and which parts came from
/// the user's files.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogReport {
    pub as_of: String,
    pub user_files: Vec<String>,
    pub parts: Vec<CatalogPart>,
}

/// The result of one analysis.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub schema: &'static str,
    pub files: Vec<FileReport>,
    pub summary: InventorySummary,
    pub completeness: Completeness,
    pub diagnostics: Vec<Diagnostic>,
    pub catalog: CatalogReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
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
    let mut diagnostics = import.diagnostics;
    let mut catalog = Catalog::embedded();
    if !options.catalog_files.is_empty() {
        diagnostics.extend(catalog.load_user_files(&options.catalog_files));
    }
    let assessment = options
        .target
        .as_ref()
        .map(|target| assess::assess(&import.inventory, &catalog, &AssessOptions { target: target.clone() }));
    let catalog = CatalogReport {
        as_of: catalog.as_of().to_string(),
        user_files: options.catalog_files.iter().map(|f| f.name.clone()).collect(),
        parts: catalog.parts(),
    };
    Analysis {
        schema: SCHEMA,
        files: import.files,
        summary,
        completeness,
        diagnostics,
        catalog,
        assessment,
        inventory: import.inventory,
    }
}

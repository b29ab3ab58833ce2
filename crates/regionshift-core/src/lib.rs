//! RegionShift core: reads Azure inventory exports and analyses them for a region move.
//!
//! The core is pure: it knows nothing of the browser, does no IO and reads no clock.
//! The Yew app (`src/web`) and the command-line tool (`src/bin/regionshift.rs`) read
//! files, then call [`analyze`] and render what it returns; [`compare::compare`] sets
//! every target side by side on an analysis's import.

pub mod analysis;
pub mod assess;
pub mod azure;
pub mod catalog;
pub mod compare;
pub mod cost;
pub mod data;
pub mod decisions;
pub mod diagnostics;
pub mod graph;
pub mod input;
pub mod inventory;
pub mod methods;
pub mod plan;
pub mod report;
pub mod spend;
pub mod units;

pub use analysis::{analyze, analyze_with_spend, Analysis, AnalysisOptions, CostReport, PricesReport};
pub use diagnostics::{Diagnostic, Severity};
pub use input::InputFile;

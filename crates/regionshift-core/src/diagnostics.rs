//! Diagnostics: problems found inside otherwise usable input, reported as data.

use std::collections::HashMap;

use serde::Serialize;

/// Per file and kind, this many diagnostics are listed one by one; the rest are counted.
pub const DETAILED_DIAGNOSTICS: usize = 20;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A whole file could not be used.
    Error,
    /// Something was skipped or is doubtful; the rest of the input was kept.
    Warning,
    /// Worth knowing; nothing was lost.
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem, with where it was found and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable, dotted identifier such as `import.record-skipped`.
    pub code: &'static str,
    /// The input file the problem was found in, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Where in the file: a record index, a line, a template resource path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    pub message: String,
    /// What the user can do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity, code, file: None, location: None, message: message.into(), hint: None }
    }

    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, message)
    }

    pub fn info(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Info, code, message)
    }

    pub fn in_file(mut self, file: impl Into<String>) -> Diagnostic {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, location: impl Into<String>) -> Diagnostic {
        self.location = Some(location.into());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}]", self.severity.label(), self.code)?;
        if let Some(file) = &self.file {
            write!(f, " {file}")?;
            if let Some(location) = &self.location {
                write!(f, " ({location})")?;
            }
        } else if let Some(location) = &self.location {
            write!(f, " ({location})")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Collects one file's diagnostics, listing the first few of each kind and counting
/// the rest, so a file with 100,000 odd records stays readable.
pub struct Sink {
    file: String,
    diagnostics: Vec<Diagnostic>,
    counts: HashMap<&'static str, usize>,
}

impl Sink {
    pub fn new(file: &str) -> Sink {
        Sink { file: file.to_string(), diagnostics: Vec::new(), counts: HashMap::new() }
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        let count = self.counts.entry(diagnostic.code).or_insert(0);
        *count += 1;
        if *count <= DETAILED_DIAGNOSTICS {
            let diagnostic = if diagnostic.file.is_none() { diagnostic.in_file(self.file.clone()) } else { diagnostic };
            self.diagnostics.push(diagnostic);
        }
    }

    /// How many diagnostics with this code were pushed (listed or counted).
    pub fn count(&self, code: &str) -> usize {
        self.counts.get(code).copied().unwrap_or(0)
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        for diagnostic in diagnostics {
            self.push(diagnostic);
        }
    }

    pub fn finish(mut self) -> Vec<Diagnostic> {
        let mut extra: Vec<(&'static str, usize)> =
            self.counts.iter().filter(|(_, n)| **n > DETAILED_DIAGNOSTICS).map(|(c, n)| (*c, *n)).collect();
        extra.sort_unstable();
        for (code, count) in extra {
            let severity = self.diagnostics.iter().find(|d| d.code == code).map_or(Severity::Warning, |d| d.severity);
            self.diagnostics.push(
                Diagnostic::new(
                    severity,
                    code,
                    format!(
                        "{} more of the same kind ({code}) in this file are not listed one by one",
                        count - DETAILED_DIAGNOSTICS
                    ),
                )
                .in_file(self.file.clone()),
            );
        }
        self.diagnostics
    }
}

//! The data files the core reads (the catalog, the price snapshot, the rules, the
//! migration methods, the vocabularies of Azure's types, regions and portal exports):
//! compiled in with the `embedded-data` feature (the default: the CLI, the tests), or
//! installed at run time by a shell that serves them as static files of its own origin
//! (the web app, which keeps its wasm within its size budget that way).
//!
//! Every table built from a data file is built once, on first use: a shell that installs
//! the files does so before it runs anything else of the core.

use std::collections::HashMap;
use std::sync::OnceLock;

macro_rules! data_files {
    ($($variant:ident => $path:literal,)*) => {
        /// One data file, by its path under `data/`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum DataFile {
            $($variant,)*
        }

        impl DataFile {
            /// Every data file the core reads.
            pub const ALL: &'static [DataFile] = &[$(DataFile::$variant,)*];

            /// The file's path under `data/` (`catalog/vm-sizes.json`).
            pub fn path(self) -> &'static str {
                match self {
                    $(DataFile::$variant => $path,)*
                }
            }

            #[cfg(feature = "embedded-data")]
            fn embedded(self) -> &'static str {
                match self {
                    $(DataFile::$variant => include_str!(concat!("../../../data/", $path)),)*
                }
            }
        }
    };
}

data_files! {
    CatalogSources => "catalog/sources.json",
    CatalogResourceTypes => "catalog/resource-types.json",
    CatalogKinds => "catalog/kinds.json",
    CatalogVmSizes => "catalog/vm-sizes.json",
    CatalogZones => "catalog/zones.json",
    CatalogSkus => "catalog/skus.json",
    CatalogUnavailable => "catalog/unavailable-in-china.json",
    CatalogRestricted => "catalog/restricted-regions.json",
    CatalogRetirements => "catalog/retirements.json",
    PriceSnapshot => "prices/snapshot.json",
    MigrationMethods => "migration-methods.json",
    Rules => "rules.json",
    Regions => "regions.json",
    ResourceTypes => "resource-types.json",
    TypeClasses => "type-classes.json",
    SystemResources => "system-resources.json",
    PortalPages => "portal-pages.json",
    PortalLanguages => "portal-languages.json",
}

static INSTALLED: OnceLock<HashMap<DataFile, &'static str>> = OnceLock::new();

/// The text of a data file: the installed one, else the compiled-in one; empty when
/// neither exists (a shell that did not install the files: [`missing`] names them).
pub fn text(file: DataFile) -> &'static str {
    if let Some(text) = INSTALLED.get().and_then(|files| files.get(&file)) {
        return text;
    }
    #[cfg(feature = "embedded-data")]
    {
        file.embedded()
    }
    #[cfg(not(feature = "embedded-data"))]
    {
        ""
    }
}

/// Why [`install`] refused the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstallError {
    /// Files were installed already (the tables built from them may be in use).
    AlreadyInstalled,
    /// These files were not given.
    Missing(Vec<&'static str>),
}

impl std::fmt::Display for InstallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InstallError::AlreadyInstalled => f.write_str("the data files are installed already"),
            InstallError::Missing(paths) => write!(f, "data files missing: {}", paths.join(", ")),
        }
    }
}

impl std::error::Error for InstallError {}

/// Installs every data file, once, before anything else of the core runs. The texts
/// live as long as the program, as compiled-in files do.
///
/// # Errors
///
/// [`InstallError::Missing`] when a file is not given (nothing is installed then),
/// [`InstallError::AlreadyInstalled`] on a second call.
pub fn install(files: HashMap<DataFile, String>) -> Result<(), InstallError> {
    let missing: Vec<&'static str> =
        DataFile::ALL.iter().filter(|file| !files.contains_key(file)).map(|file| file.path()).collect();
    if !missing.is_empty() {
        return Err(InstallError::Missing(missing));
    }
    let files = files.into_iter().map(|(file, text)| (file, &*Box::leak(text.into_boxed_str()))).collect();
    INSTALLED.set(files).map_err(|_| InstallError::AlreadyInstalled)
}

/// The data files this build can give neither from its own copy nor from an installed
/// one: empty unless a shell built without `embedded-data` has not installed them.
pub fn missing() -> Vec<&'static str> {
    DataFile::ALL.iter().filter(|file| text(**file).is_empty()).map(|file| file.path()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_compiled_in_and_parses_as_json() {
        for file in DataFile::ALL {
            let text = text(*file);
            assert!(!text.is_empty(), "{}", file.path());
            serde_json::from_str::<serde_json::Value>(text).unwrap_or_else(|e| panic!("{}: {e}", file.path()));
        }
        assert!(missing().is_empty());
    }

    #[test]
    fn every_path_is_a_file_of_the_data_folder() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        for file in DataFile::ALL {
            assert!(root.join(file.path()).is_file(), "{}", file.path());
        }
    }

    #[test]
    fn installing_needs_every_file() {
        let one: HashMap<DataFile, String> = [(DataFile::Rules, String::from("{}"))].into_iter().collect();
        match install(one) {
            Err(InstallError::Missing(paths)) => {
                assert_eq!(paths.len(), DataFile::ALL.len() - 1);
                assert!(!paths.contains(&"rules.json"));
            }
            other => panic!("{other:?}"),
        }
        assert!(INSTALLED.get().is_none(), "nothing is installed when a file is missing");
    }
}

//! The words exports use for columns, types and regions: the column names of the
//! portal's CSV exports in its languages, of PowerShell's `Export-Csv` and of az CLI
//! tables and `--query` projections; the portal's display names of resource types in
//! every language (with the ARM kind a name implies); and localized region names.
//!
//! Facts are data: English type names come from `data/resource-types.json` first, then
//! from `data/portal-languages.json`, which also holds every other language's header
//! words, type names and region names with their sources. Text is compared after
//! [`fold`]: case, accents, no-break spaces and repeated spaces do not matter.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::azure::ResourceType;

/// A column a reader knows what to do with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    /// A portal display name ("Virtual machine") or an ARM type.
    Type,
    ResourceGroup,
    Location,
    /// A subscription's display name, or its id when the text is a GUID.
    Subscription,
    SubscriptionId,
    Id,
    /// A portal URL ending in `#resource/subscriptions/...`.
    Link,
    Kind,
    /// A SKU name (`Standard_LRS`) or the portal's PRICING TIER.
    Sku,
    /// A VM size (the Virtual machines page's SIZE).
    Size,
    /// `Linux` or `Windows`.
    OsType,
    Tags,
    /// The logical server of a SQL database (the SQL databases page).
    Server,
    /// Columns a Resource Graph query's CSV holds as JSON text.
    Properties,
    Identity,
    Zones,
    ManagedBy,
    Plan,
}

/// Case-folds text and removes what varies between exports of the same word: accents
/// (`UBICACIÓN`, `Ubicacion`), the dotted capital I of a Turkish upper-casing
/// (`ABONELİK`), no-break spaces and repeated spaces.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            space = true;
            continue;
        }
        if space && !folded.is_empty() {
            folded.push(' ');
        }
        space = false;
        for lower in c.to_lowercase() {
            // Combining marks (what a locale-aware upper-casing of `i` leaves).
            if ('\u{300}'..='\u{36f}').contains(&lower) {
                continue;
            }
            folded.push(unaccented(lower));
        }
    }
    folded
}

/// The base letter of a lower-case Latin letter with a diacritic.
fn unaccented(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ł' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// A header cell reduced to folded letters and digits: `Resource group` and
/// `RESOURCE GROUP` are both `resourcegroup`.
pub fn header_key(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The column a header names, in English (portal, PowerShell, az CLI spellings and
/// common aliases) or in one of the portal's other languages.
pub fn column(header: &str) -> Option<Column> {
    let key = header_key(header);
    english_column(&key).or_else(|| tables().headers.get(&key).copied())
}

/// English column names and aliases, as [`header_key`]s.
fn english_column(key: &str) -> Option<Column> {
    Some(match key {
        "name" | "resourcename" | "vmname" | "storageaccountname" => Column::Name,
        "type" | "resourcetype" => Column::Type,
        "resourcegroup" | "resourcegroupname" | "rg" => Column::ResourceGroup,
        "location" | "region" => Column::Location,
        "subscription" | "subscriptionname" => Column::Subscription,
        "subscriptionid" => Column::SubscriptionId,
        "id" | "resourceid" => Column::Id,
        "resourcelink" => Column::Link,
        "kind" => Column::Kind,
        "sku" | "skuname" | "pricingtier" => Column::Sku,
        "size" | "vmsize" => Column::Size,
        "operatingsystem" | "ostype" | "os" => Column::OsType,
        "tags" => Column::Tags,
        "server" | "servername" => Column::Server,
        "properties" => Column::Properties,
        "identity" => Column::Identity,
        "zones" => Column::Zones,
        "managedby" => Column::ManagedBy,
        "plan" => Column::Plan,
        _ => return None,
    })
}

/// A resource type found by its portal display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalType {
    pub resource_type: ResourceType,
    /// The ARM kind the display name implies ("Function App" is a site of kind
    /// `functionapp`).
    pub kind: Option<&'static str>,
}

/// Looks a portal display type up in every language: the repository's English table
/// first, then the portal language tables.
pub fn portal_type(display: &str) -> Option<PortalType> {
    let folded = fold(display);
    let listed = tables().types.get(&folded);
    let kind = implied_kind(&folded).or_else(|| listed.and_then(|(_, kind)| kind.as_deref()));
    if let Some(resource_type) = ResourceType::from_portal_name(&folded) {
        return Some(PortalType { resource_type, kind });
    }
    let (resource_type, _) = listed?;
    Some(PortalType { resource_type: ResourceType::new(resource_type), kind })
}

/// ARM `kind` values English display names imply.
fn implied_kind(folded: &str) -> Option<&'static str> {
    const KINDS: &[(&str, &str)] = &[
        ("function app", "functionapp"),
        ("logic app (standard)", "functionapp,workflowapp"),
        ("azure cosmos db api for mongodb account", "MongoDB"),
        ("azure ai hub", "Hub"),
        ("azure ai project", "Project"),
        ("azure openai", "OpenAI"),
        ("openai", "OpenAI"),
        ("azure ai services", "AIServices"),
        ("foundry", "AIServices"),
        ("azure ai foundry", "AIServices"),
        ("speech service", "SpeechServices"),
        ("language", "TextAnalytics"),
        ("translator", "TextTranslation"),
        ("document intelligence", "FormRecognizer"),
        ("form recognizer", "FormRecognizer"),
        ("computer vision", "ComputerVision"),
        ("face api", "Face"),
        ("qna maker", "QnAMaker"),
    ];
    KINDS.iter().find(|(name, _)| *name == folded).map(|(_, kind)| *kind)
}

/// The programmatic name of a region written in one of the portal's languages
/// (`USA Est 2` → `eastus2`). English display names need no table: they
/// normalise by themselves (`East US 2` → `eastus2`).
pub fn region(display: &str) -> Option<&'static str> {
    tables().regions.get(&fold(display)).map(String::as_str)
}

#[derive(Deserialize)]
struct LanguagesFile {
    languages: HashMap<String, Language>,
}

#[derive(Deserialize)]
struct Language {
    headers: HashMap<String, Vec<String>>,
    /// `[display, type]` or `[display, type, kind]`.
    types: Vec<Vec<String>>,
    /// `[display, name]`.
    regions: Vec<(String, String)>,
}

struct Tables {
    headers: HashMap<String, Column>,
    types: HashMap<String, (String, Option<String>)>,
    regions: HashMap<String, String>,
}

// The tables are embedded in the binary, not user data; a test parses them.
#[allow(clippy::expect_used)]
fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let file: LanguagesFile = serde_json::from_str(crate::data::text(crate::data::DataFile::PortalLanguages))
            .expect("data/portal-languages.json is checked by a test");
        let mut tables = Tables { headers: HashMap::new(), types: HashMap::new(), regions: HashMap::new() };
        // English first, then the others in a fixed order, so a name two languages
        // share resolves the same way every time.
        let mut languages: Vec<(String, Language)> = file.languages.into_iter().collect();
        languages.sort_unstable_by(|a, b| (a.0 != "en", &a.0).cmp(&(b.0 != "en", &b.0)));
        for (_, language) in languages {
            for (role, words) in language.headers {
                let column = match role.as_str() {
                    "name" => Column::Name,
                    "type" => Column::Type,
                    "resourceGroup" => Column::ResourceGroup,
                    "location" => Column::Location,
                    "subscription" => Column::Subscription,
                    "resourceLink" => Column::Link,
                    _ => continue,
                };
                for word in words {
                    tables.headers.entry(header_key(&word)).or_insert(column);
                }
            }
            for row in language.types {
                if let [display, resource_type, rest @ ..] = row.as_slice() {
                    tables.types.entry(fold(display)).or_insert_with(|| (resource_type.clone(), rest.first().cloned()));
                }
            }
            for (display, name) in language.regions {
                tables.regions.entry(fold(&display)).or_insert(name);
            }
        }
        tables
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_spacing() {
        assert_eq!(fold("  UBICACIÓN "), "ubicacion");
        assert_eq!(fold("Banco\u{a0}de  dados SQL"), "banco de dados sql");
        assert_eq!(fold("ABONELİK"), "abonelik");
        assert_eq!(header_key("RESOURCE GROUP"), "resourcegroup");
        assert_eq!(header_key("リソース グループ"), "リソースグループ");
    }

    #[test]
    fn headers_in_every_language_name_their_columns() {
        for (header, expected) in [
            ("NAME", Column::Name),
            ("NOM", Column::Name),
            ("NOMBRE", Column::Name),
            ("NOME", Column::Name),
            ("名称", Column::Name),
            ("TIPO", Column::Type),
            ("EMPLACEMENT", Column::Location),
            ("UBICACIÓN", Column::Location),
            ("LOCALIZAÇÃO", Column::Location),
            ("ABONELİK", Column::Subscription),
            ("ABONELIK", Column::Subscription),
            ("GRUPO DE RECURSOS", Column::ResourceGroup),
            ("RESSOURCENGRUPPE", Column::ResourceGroup),
            ("ResourceGroupName", Column::ResourceGroup),
            ("RG", Column::ResourceGroup),
            ("SIZE", Column::Size),
            ("OPERATING SYSTEM", Column::OsType),
            ("PRICING TIER", Column::Sku),
        ] {
            assert_eq!(column(header), Some(expected), "{header}");
        }
        assert_eq!(column("STATUS"), None);
    }

    #[test]
    fn display_types_resolve_in_every_language_and_english() {
        let found = |name: &str| portal_type(name).map(|t| (t.resource_type.as_str().to_string(), t.kind));
        assert_eq!(found("Compte de stockage").unwrap().0, "Microsoft.Storage/storageAccounts");
        assert_eq!(found("Banco\u{a0}de dados SQL").unwrap().0, "Microsoft.Sql/servers/databases");
        assert_eq!(found("virtual machine").unwrap().0, "Microsoft.Compute/virtualMachines");
        assert_eq!(found("Function App").unwrap(), ("Microsoft.Web/sites".to_string(), Some("functionapp")));
        assert_eq!(found("Aplicativo de funções").unwrap().1, Some("functionapp"));
        assert_eq!(found("Cognitive Services").unwrap().1, Some("CognitiveServices"));
        // From the English list of every type's display name.
        assert_eq!(found("Application Insights availability test").unwrap().0, "Microsoft.Insights/webtests");
        assert!(found("Widget factory").is_none());
    }

    #[test]
    fn localized_region_names_resolve() {
        assert_eq!(region("USA Est 2"), Some("eastus2"));
        assert_eq!(region("美国东部 2"), Some("eastus2"));
        assert_eq!(region("East US 2"), None, "English names need no table");
    }

    #[test]
    fn the_language_tables_cover_the_portal_languages_and_agree() {
        let file: LanguagesFile =
            serde_json::from_str(crate::data::text(crate::data::DataFile::PortalLanguages)).unwrap();
        for code in [
            "en", "zh-Hans", "zh-Hant", "ja", "ko", "fr", "de", "es", "pt-BR", "pt-PT", "it", "ru", "nl", "pl", "tr",
            "sv", "cs", "hu",
        ] {
            let language = &file.languages[code];
            for role in ["name", "type", "location", "resourceGroup", "subscription"] {
                assert!(language.headers.get(role).is_some_and(|w| !w.is_empty()), "{code} has no {role} header");
            }
        }
        // A header word names one column whatever the language.
        let mut roles: HashMap<String, &str> = HashMap::new();
        for language in file.languages.values() {
            for (role, words) in &language.headers {
                for word in words {
                    let role = if role == "resourceType" { "type" } else { role.as_str() };
                    if let Some(other) = roles.insert(header_key(word), role) {
                        assert_eq!(other, role, "{word} names two columns");
                    }
                }
            }
            for row in &language.types {
                assert!(matches!(row.len(), 2 | 3), "{row:?}");
                assert!(row[1].contains('/'), "{row:?}");
            }
        }
    }
}

//! Resources the platform creates and recreates by itself with their parent (a SQL
//! server's `master` database): exports list them, but moving them is no data move.
//! The rules are data (`data/system-resources.json`).

use std::sync::OnceLock;

use serde::Deserialize;

use crate::azure::{ResourceId, ResourceType};

#[derive(Deserialize)]
struct File {
    resources: Vec<Rule>,
}

#[derive(Deserialize)]
struct Rule {
    #[serde(rename = "type")]
    resource_type: String,
    names: Vec<String>,
    kinds: Vec<String>,
    why: String,
}

// The table is embedded in the binary, not user data; a test parses it.
#[allow(clippy::expect_used)]
fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        let file: File = serde_json::from_str(crate::data::text(crate::data::DataFile::SystemResources))
            .expect("data/system-resources.json is checked by a test");
        file.resources
    })
}

/// Why the resource is one the platform recreates, or `None` for an ordinary resource.
pub fn reason(id: &ResourceId, resource_type: &ResourceType, kind: Option<&str>) -> Option<&'static str> {
    let rule = rules().iter().find(|rule| rule.resource_type.eq_ignore_ascii_case(resource_type.as_str()))?;
    let named = rule.names.iter().any(|name| name.eq_ignore_ascii_case(id.name()));
    let kinded = kind
        .is_some_and(|kind| kind.split(',').any(|word| rule.kinds.iter().any(|k| k.eq_ignore_ascii_case(word.trim()))));
    (named || kinded).then_some(rule.why.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(id: &str, kind: Option<&str>) -> Option<&'static str> {
        let id = ResourceId::parse(id).unwrap();
        reason(&id, &id.resource_type(), kind)
    }

    #[test]
    fn the_sql_master_database_is_a_system_resource() {
        let db = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Sql/servers/srv/databases";
        assert!(check(&format!("{db}/master"), None).unwrap().contains("master"));
        assert!(check(&format!("{db}/MASTER"), Some("v12.0,user")).is_some());
        assert!(check(&format!("{db}/other"), Some("v12.0,system,serverless")).is_some());
        assert_eq!(check(&format!("{db}/orders"), Some("v12.0,user")), None);
        assert_eq!(check("/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/master", None), None);
        assert!(rules().iter().all(|rule| ResourceType::new(&rule.resource_type).is_known()));
    }
}

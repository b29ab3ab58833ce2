//! What an inventory lacks, what that limits, and the exact commands ("export kit")
//! that produce a richer export.

use serde::Serialize;

use super::{IdOrigin, Import, InputFormat, Resource};

/// The hint given wherever a richer export would help.
pub const RESOURCE_GRAPH_HINT: &str =
    "export with Resource Graph, which includes properties: see the export kit (az graph query ... --first 1000, following skip_token)";

/// One kind of missing information.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// A stable identifier such as `no-properties`.
    pub code: &'static str,
    /// How many resources lack it.
    pub resources: usize,
    /// What is missing, in plain words.
    pub missing: String,
    /// What that leaves unknown later on.
    pub limits: String,
    /// Which export gives it.
    pub remedy: String,
}

/// A command that produces a richer inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportCommand {
    pub title: &'static str,
    pub shell: &'static str,
    pub command: &'static str,
    pub why: &'static str,
}

/// The gaps of an import, most widespread first, and the export kit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Completeness {
    pub gaps: Vec<Gap>,
    pub export_kit: Vec<ExportCommand>,
}

/// The formats of the files the resources counted were read from, for a gap's
/// wording: "the portal \"All resources\" CSV and the az CLI --query projection".
fn formats(import: &Import, predicate: &dyn Fn(&Resource) -> bool) -> String {
    let by_file: std::collections::HashMap<&str, InputFormat> =
        import.files.iter().filter_map(|f| Some((f.name.as_str(), f.format?))).collect();
    let mut names: Vec<&'static str> = Vec::new();
    for resource in import.inventory.resources.iter().filter(|r| predicate(r)) {
        for source in &resource.sources {
            if let Some(format) = by_file.get(source.file.as_str()) {
                if !names.contains(&format.short_name()) {
                    names.push(format.short_name());
                }
            }
        }
    }
    names.sort_unstable();
    let names: Vec<String> = names.iter().map(|n| format!("the {n}")).collect();
    match names.as_slice() {
        [] => "the export".to_string(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Says what the imported inventory lacks. Each gap's `missing` is a noun phrase that
/// reads after "no" or "lack" ("resource group").
pub fn assess(import: &Import) -> Completeness {
    let resources = &import.inventory.resources;
    let count = |predicate: &dyn Fn(&Resource) -> bool| resources.iter().filter(|r| predicate(r)).count();
    let mut gaps = Vec::new();

    let lacks_properties = |r: &Resource| r.properties.is_none() && r.id_origin != IdOrigin::Synthesised;
    let no_properties = count(&lacks_properties);
    let synthesised = |r: &Resource| r.id_origin == IdOrigin::Synthesised;
    let csv_only = count(&synthesised);
    if no_properties > 0 {
        gaps.push(Gap {
            code: "no-properties",
            resources: no_properties,
            missing: format!("resource properties (not in {})", formats(import, &lacks_properties)),
            limits: "VM sizes, disk sizes and SKUs held in properties, OS images, network references and the dependencies between resources are unknown".into(),
            remedy: RESOURCE_GRAPH_HINT.into(),
        });
    }
    if csv_only > 0 {
        gaps.push(Gap {
            code: "no-ids",
            resources: csv_only,
            missing: format!("resource ids and most properties (not in {})", formats(import, &synthesised)),
            limits: "ids were built from names: a row that names its subscription id and group merges with other exports of the same resource, any other row stays a resource of its own; most sizes, SKUs and dependencies are unknown".into(),
            remedy: RESOURCE_GRAPH_HINT.into(),
        });
    }
    // Extension resources (diagnostic settings, locks) live where what they extend lives.
    let no_location = count(&|r| r.location.is_none() && !r.id.is_extension());
    if no_location > 0 {
        gaps.push(Gap {
            code: "no-location",
            resources: no_location,
            missing: "location (templates that deploy to the resource group's location, or exports without the column)"
                .into(),
            limits: "the source region of these resources is unknown".into(),
            remedy: "use a Resource Graph export, which carries the deployed location".into(),
        });
    }
    let no_group = count(&|r| {
        r.resource_type.key() != "microsoft.resources/resourcegroups"
            && r.resource_group.as_deref().is_none_or(|g| g.starts_with('{') && r.id_origin != IdOrigin::Template)
    });
    if no_group > 0 {
        gaps.push(Gap {
            code: "no-resource-group",
            resources: no_group,
            missing: "resource group".into(),
            limits: "grouping and moving by resource group is not possible for these resources".into(),
            remedy: "export the portal CSV with the Resource group column shown, or use Resource Graph".into(),
        });
    }
    let templated = count(&|r| r.id_origin == IdOrigin::Template);
    if templated > 0 {
        gaps.push(Gap {
            code: "template-scope",
            resources: templated,
            missing: "deployed subscription and resource group (a template names them symbolically)".into(),
            limits: "template resources match other exports only by type and name; values computed at deployment (reference(), listKeys()) stay symbolic".into(),
            remedy: "add a Resource Graph export of the same resource groups; the template still supplies dependsOn".into(),
        });
    }
    gaps.sort_unstable_by(|a, b| b.resources.cmp(&a.resources).then(a.code.cmp(b.code)));
    Completeness { gaps, export_kit: export_kit() }
}

/// The commands that produce the richest inventory RegionShift reads.
pub fn export_kit() -> Vec<ExportCommand> {
    vec![
        ExportCommand {
            title: "Every resource with its properties (Resource Graph, Bash)",
            shell: "bash",
            command: r#"q="Resources | project id, name, type, location, resourceGroup, subscriptionId, kind, sku, zones, tags, identity, managedBy, plan, properties"
token=""; page=1
while :; do
  az graph query -q "$q" --first 1000 ${token:+--skip-token "$token"} -o json > "inventory-$page.json"
  token=$(az graph query -q "$q" --first 1000 ${token:+--skip-token "$token"} --query skip_token -o tsv 2>/dev/null)
  [ -z "$token" ] && break
  page=$((page+1))
done"#,
            why: "Resource Graph returns properties (sizes, SKUs, references) for every subscription you can read, 1000 rows a page; load all the page files together",
        },
        ExportCommand {
            title: "Every resource with its properties (Resource Graph, PowerShell)",
            shell: "powershell",
            command: r#"$q = "Resources | project id, name, type, location, resourceGroup, subscriptionId, kind, sku, zones, tags, identity, managedBy, plan, properties"
$all = @(); $token = $null
do {
  $page = if ($token) { Search-AzGraph -Query $q -First 1000 -SkipToken $token } else { Search-AzGraph -Query $q -First 1000 }
  $all += $page.Data; $token = $page.SkipToken
} while ($token)
$all | ConvertTo-Json -Depth 100 | Out-File -Encoding utf8 inventory.json"#,
            why: "the same export from PowerShell (Az.ResourceGraph module); -Depth 100 keeps nested properties",
        },
        ExportCommand {
            title: "Resource groups, for scope and grouping",
            shell: "bash",
            command: r#"az graph query -q "ResourceContainers | where type =~ 'microsoft.resources/subscriptions/resourcegroups' | project id, name, type, location, subscriptionId, tags" --first 1000 -o json > resource-groups.json"#,
            why: "adds the resource groups themselves (location and tags), which Resources queries leave out",
        },
        ExportCommand {
            title: "Declared dependencies of one resource group",
            shell: "bash",
            command: "az group export --name MY-RESOURCE-GROUP --include-parameter-default-value > MY-RESOURCE-GROUP-template.json",
            why: "the ARM template export carries dependsOn, which the migration plan uses alongside the references found in properties",
        },
        ExportCommand {
            title: "A quick list without properties",
            shell: "bash",
            command: "az resource list -o json > resources.json",
            why: "fast, but has no properties: sizes, SKUs in properties and dependencies stay unknown",
        },
    ]
}

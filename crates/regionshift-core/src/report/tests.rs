//! Unit tests of the report core: escaping, redaction of free text and addresses,
//! pseudonym stability, CSV cells, Markdown escaping, the script hash.

use super::html::{escape, json_for_script};
use super::redact::{find_ips, Redactor};
use super::{build, Redaction, ReportOptions};
use crate::analysis::{analyze, AnalysisOptions};
use crate::azure::Location;
use crate::input::InputFile;

fn analysis(json: &str) -> crate::analysis::Analysis {
    let options = AnalysisOptions { target: Location::new("chinanorth3"), ..AnalysisOptions::default() };
    analyze(&[InputFile::new("estate.json", json.as_bytes().to_vec())], &options)
}

const ESTATE: &str = r#"[
  {"id": "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-shop/providers/Microsoft.Network/virtualNetworks/shop-vnet",
   "name": "shop-vnet", "type": "Microsoft.Network/virtualNetworks", "location": "eastus", "resourceGroup": "rg-shop",
   "tags": {"owner": "alice@contoso.example"},
   "properties": {"addressSpace": {"addressPrefixes": ["10.1.0.0/16", "2001:db8::/32"]}}},
  {"id": "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-shop/providers/Microsoft.Compute/virtualMachines/shop-web01",
   "name": "shop-web01", "type": "Microsoft.Compute/virtualMachines", "location": "eastus", "resourceGroup": "rg-shop",
   "properties": {"hardwareProfile": {"vmSize": "Standard_D2s_v3"}}}
]"#;

fn redactor() -> Redactor {
    Redactor::new(&analysis(ESTATE))
}

#[test]
fn pseudonyms_follow_the_sorted_inventory_and_are_stable() {
    let mut r = redactor();
    // Inventory order is by id: the VM (Microsoft.Compute) before the VNet.
    assert_eq!(r.name("shop-web01"), "vm-1");
    assert_eq!(r.name("SHOP-VNET"), "vnet-1");
    assert_eq!(r.group("RG-SHOP"), "rg-1");
    assert_eq!(r.subscription("11111111-2222-3333-4444-555555555555"), "sub-1");
    assert_eq!(
        r.id("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-shop/providers/Microsoft.Compute/virtualMachines/shop-web01"),
        "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Compute/virtualMachines/vm-1"
    );
    assert_eq!(r.tag_value("alice@contoso.example"), "value-1");
    // The addresses in the properties were numbered in order.
    assert_eq!(r.text("range 10.1.0.0/16 and 2001:db8::/32"), "range ip-1 and ip-2");
}

#[test]
fn free_text_is_redacted_in_one_pass() {
    let mut r = redactor();
    assert_eq!(
        r.text("VM shop-web01 in rg-shop uses size Standard_D2s_v3; peer of Shop-Vnet at 10.9.8.7"),
        "VM vm-1 in rg-1 uses size Standard_D2s_v3; peer of vnet-1 at ip-3"
    );
    // Not inside a longer word, and types and regions stay.
    assert_eq!(
        r.text("shop-web01x eastus Microsoft.Compute/virtualMachines"),
        "shop-web01x eastus Microsoft.Compute/virtualMachines"
    );
    // An id of a resource outside the inventory is pseudonymised segment by segment.
    assert_eq!(
        r.text("needs /subscriptions/99999999-2222-3333-4444-555555555555/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/hub, please"),
        "needs /subscriptions/sub-2/resourceGroups/rg-2/providers/Microsoft.Network/virtualNetworks/vnet-2, please"
    );
    // External references: hosts keep their service suffix, URLs their shape.
    assert_eq!(r.external("crm-prod.database.windows.net"), "host-1.database.windows.net");
    assert_eq!(
        r.external("https://CRM-prod.database.windows.net:1433/db"),
        "https://host-1.database.windows.net:1433/db"
    );
    // A pseudonym in the output is not replaced again.
    assert_eq!(r.text("vm-1"), "vm-1");
    // A list of file names (a catalog part loaded from several files), name by name.
    assert_eq!(r.file_list("estate.json, skus.json"), "input-1.json, input-2.json");
}

#[test]
fn addresses_are_found_and_other_numbers_are_not() {
    assert_eq!(
        find_ips("a 10.0.0.1 b 192.168.1.0/24, c fe80::1 d 2001:db8:0:0:0:0:0:1"),
        vec!["10.0.0.1", "192.168.1.0/24", "fe80::1", "2001:db8:0:0:0:0:0:1"]
    );
    assert!(find_ips("version 1.2.3, time 10:30:00, size 300.5, 256.1.1.1, api 2023-01-01").is_empty());
    assert_eq!(find_ips("::ffff:10.0.0.1"), vec!["::ffff:10.0.0.1"]);
}

#[test]
fn without_redaction_nothing_changes() {
    let mut r = Redactor::disabled();
    assert_eq!(r.text("shop-web01 at 10.0.0.1"), "shop-web01 at 10.0.0.1");
    assert_eq!(r.name("shop-web01"), "shop-web01");
}

#[test]
fn html_escaping_covers_text_attributes_and_controls() {
    assert_eq!(
        escape("<a href=\"x\" onclick='y'>&</a>"),
        "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
    );
    assert_eq!(escape("a\u{0}b\u{1b}c\td"), "a\u{fffd}b\u{fffd}c\td");
    assert_eq!(
        json_for_script("\"</script><!--&\u{2028}\u{2029}\""),
        "\"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029\""
    );
}

#[test]
fn the_script_hash_is_the_hash_of_the_script() {
    use base64::Engine as _;
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(super::html::SCRIPT.as_bytes());
    let expected = format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(digest));
    assert_eq!(super::html::script_hash(), expected);
    assert!(super::html::content_security_policy().contains(&format!("script-src '{expected}'")));
}

#[test]
fn markdown_escapes_user_text() {
    assert_eq!(super::markdown::escape("a|b`c<d>\n*e*"), "a\\|b\\`c&lt;d&gt; \\*e\\*");
}

#[test]
fn a_redacted_model_keeps_types_regions_and_skus() {
    let analysis = analysis(ESTATE);
    let report = build(
        &analysis,
        &ReportOptions {
            date: "2026-01-01".into(),
            redact: Redaction::Pseudonyms,
            source: None,
            ..ReportOptions::default()
        },
    );
    let vm = report.resources.iter().find(|r| r.resource_type == "Microsoft.Compute/virtualMachines").unwrap();
    assert_eq!(vm.name, "vm-1");
    assert_eq!(vm.location, "eastus");
    let json = super::json(&report);
    assert!(!json.contains("shop-web01") && !json.contains("rg-shop") && !json.contains("11111111-2222"));
    assert!(!json.contains("10.1.0.0") && !json.contains("alice@"));
}

#[test]
fn the_text_sends_no_control_character_to_the_terminal() {
    let estate = r#"[{"id": "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/evil",
        "name": "evil\u001b]0;owned\u0007\u001b[2J", "type": "Microsoft.Network/virtualNetworks", "location": "eastus", "resourceGroup": "rg-x"}]"#;
    let report = build(&analysis(estate), &ReportOptions { date: "2026-01-01".into(), ..ReportOptions::default() });
    let text = super::text::plan(&report);
    assert!(text.contains("evil\u{fffd}]0;owned\u{fffd}\u{fffd}[2J (Microsoft.Network/virtualNetworks)"), "{text}");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn findings_show_their_sources_and_redaction_hides_the_users_file_names() {
    let estate = r#"[{"id": "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-shop/providers/Microsoft.Compute/virtualMachines/shop-web01",
        "name": "shop-web01", "type": "Microsoft.Compute/virtualMachines", "location": "eastus", "resourceGroup": "rg-shop",
        "properties": {"hardwareProfile": {"vmSize": "Standard_D2s_v5"}}}]"#;
    let skus = r#"[{"resourceType": "virtualMachines", "name": "Standard_D4s_v5", "locations": ["chinanorth3"],
        "capabilities": [{"name": "vCPUs", "value": "4"}, {"name": "MemoryGB", "value": "16"}]}]"#;
    let mut options = AnalysisOptions { target: Location::new("chinanorth3"), ..AnalysisOptions::default() };
    options.catalog_files.push(InputFile::new("contoso-prod-skus.json", skus));
    let analysis = analyze(&[InputFile::new("estate.json", estate)], &options);
    for (redact, shown) in [(Redaction::None, true), (Redaction::Pseudonyms, false)] {
        let report = build(&analysis, &ReportOptions { redact, ..ReportOptions::default() });
        let finding = report.readiness.groups.iter().flat_map(|g| &g.findings).find(|f| f.sources.is_some()).unwrap();
        let sources = finding.sources.as_ref().unwrap();
        assert_eq!(sources.answer, "not offered");
        assert!(sources.conflict, "the snapshot's price calculator lists the size");
        let deciding = sources.statements.iter().find(|s| s.deciding).unwrap();
        assert_eq!(deciding.kind, "your file");
        assert_eq!(deciding.reference == "contoso-prod-skus.json", shown, "{}", deciding.reference);
        assert!(sources.statements.iter().any(|s| s.reference.starts_with("https://www.azure.cn/")));
        let text = super::text::assessment(&report);
        assert!(text.contains("sources (not offered; sources disagree):"), "{text}");
        assert_eq!(text.contains("contoso-prod-skus.json"), shown);
        let html = super::html::render(&report);
        assert!(html.contains("<li class=\"deciding\">your file "), "the HTML lists the deciding source");
    }
}

/// The project and author head the report and the summary, escaped; blank ones are not
/// shown; the top blockers count each blocked resource once per rule.
#[test]
fn the_heading_names_the_project_and_the_top_blockers_count_resources() {
    let estate = ESTATE.replace("Standard_D2s_v3", "Standard_NV6");
    let analysis = analysis(&estate);
    let options = ReportOptions {
        date: "2026-12-06".to_string(),
        project: Some("Shop <move> & \"go\"".to_string()),
        author: Some("Ana".to_string()),
        ..ReportOptions::default()
    };
    let report = build(&analysis, &options);
    let html = super::html::render(&report);
    assert!(html.contains("<h1>Shop &lt;move&gt; &amp; &quot;go&quot;</h1>"), "{}", &html[..2000.min(html.len())]);
    assert!(html.contains("prepared by Ana"));
    let markdown = super::markdown::render(&report);
    assert!(markdown.starts_with("# Shop &lt;move&gt; &amp; \"go\""), "{}", &markdown[..200.min(markdown.len())]);

    let blank = build(&analysis, &ReportOptions { project: Some("  ".to_string()), ..ReportOptions::default() });
    assert!(super::html::render(&blank).contains("<h1>Migration report: to China North 3</h1>"));

    let assessment = analysis.assessment.as_ref().expect("a target");
    for rule in &report.summary.top_blockers {
        let mut blocked: Vec<&str> = assessment
            .findings
            .iter()
            .filter(|f| f.rule == rule.key && f.severity == crate::assess::FindingSeverity::Blocker)
            .map(|f| f.resource.key())
            .collect();
        blocked.sort_unstable();
        blocked.dedup();
        assert_eq!(rule.count, blocked.len(), "{}", rule.key);
        assert!(html.contains(&format!("data-rule=\"{}\"", rule.key)));
    }
    assert!(!report.summary.top_blockers.is_empty(), "Standard_NV6 is not offered in China North 3");
}

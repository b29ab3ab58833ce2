//! Import tests: every accepted shape, merging, and every kind of bad input.

use super::*;
use crate::diagnostics::DETAILED_DIAGNOSTICS;

const VNET: &str = "/subscriptions/1111/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/hub";
const VM: &str = "/subscriptions/1111/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/web1";

fn run(files: &[(&str, &str)]) -> Import {
    let inputs: Vec<InputFile> = files.iter().map(|(n, t)| InputFile::new(*n, t.as_bytes())).collect();
    import(&inputs, &ImportOptions::default())
}

fn single(text: &str) -> Import {
    run(&[("input", text)])
}

fn ids(import: &Import) -> Vec<&str> {
    import.inventory.resources.iter().map(|r| r.id.as_str()).collect()
}

fn codes(import: &Import) -> Vec<&'static str> {
    import.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn reads_az_resource_list_without_properties() {
    let text = format!(
        r#"[{{"id":"{VNET}","name":"hub","type":"Microsoft.Network/virtualNetworks","location":"eastus","resourceGroup":"rg-net","tags":{{"env":"prod"}}}},
            {{"id":"{VM}","name":"web1","type":"Microsoft.Compute/virtualMachines","location":"East US"}}]"#
    );
    let result = single(&text);
    assert_eq!(result.files[0].format, Some(InputFormat::ResourceArray));
    assert_eq!(ids(&result), [VM, VNET]);
    assert!(result.inventory.resources.iter().all(|r| r.properties.is_none()));
    assert!(result.diagnostics.is_empty(), "{:?}", result.diagnostics);
    let gaps = completeness::assess(&result).gaps;
    assert_eq!(gaps[0].code, "no-properties");
    assert_eq!(gaps[0].resources, 2);
}

#[test]
fn reads_an_arm_list_response_and_full_objects() {
    let text = format!(
        r#"{{"value":[{{"id":"{VM}","name":"web1","type":"Microsoft.Compute/virtualMachines","location":"chinanorth3",
            "properties":{{"hardwareProfile":{{"vmSize":"Standard_D2s_v5"}}}}}}],"nextLink":null}}"#
    );
    let result = single(&text);
    assert_eq!(result.files[0].format, Some(InputFormat::ArmListResponse));
    let vm = &result.inventory.resources[0];
    assert_eq!(vm.properties_value().unwrap()["hardwareProfile"]["vmSize"], "Standard_D2s_v5");
}

#[test]
fn reads_every_resource_graph_form() {
    let cli = format!(
        r#"{{"count":1,"data":[{{"id":"{VM}","type":"microsoft.compute/virtualmachines","location":"eastus"}}],"skip_token":null,"total_records":1}}"#
    );
    let rest =
        format!(r#"{{"totalRecords":1,"count":1,"data":[{{"id":"{VM}"}}],"facets":[],"resultTruncated":"false"}}"#);
    let table = format!(
        r#"{{"totalRecords":2,"count":2,"data":{{"columns":[{{"name":"id","type":"string"}},{{"name":"location","type":"string"}}],
            "rows":[["{VM}","westeurope"],["{VNET}","westeurope"]]}},"facets":[],"resultTruncated":"false"}}"#
    );
    let explorer = format!(
        r#"[{{"id":"{VNET}","name":"hub","type":"microsoft.network/virtualnetworks","location":"westeurope","properties":{{}}}}]"#
    );
    for (text, format, count) in [
        (cli, InputFormat::ResourceGraphCli, 1),
        (rest, InputFormat::ResourceGraphObjects, 1),
        (table, InputFormat::ResourceGraphTable, 2),
        (explorer, InputFormat::ResourceArray, 1),
    ] {
        let result = single(&text);
        assert_eq!(result.files[0].format, Some(format));
        assert_eq!(result.inventory.len(), count, "{format:?}");
        assert!(result.diagnostics.is_empty(), "{format:?}: {:?}", result.diagnostics);
    }
    let table = single(&format!(r#"{{"data":{{"columns":[{{"name":"id"}}],"rows":[["{VM}"]]}}}}"#));
    assert_eq!(table.inventory.resources[0].resource_type.as_str(), "Microsoft.Compute/virtualMachines");
    assert_eq!(table.inventory.resources[0].name, "web1");
}

#[test]
fn reads_search_azgraph_through_convertto_json() {
    let text = format!(r#"{{"SkipToken": null, "Data": [{{"id":"{VM}","location":"eastus","properties":{{}}}}]}}"#);
    let result = single(&text);
    assert_eq!(result.files[0].format, Some(InputFormat::ResourceGraphObjects));
    assert_eq!(result.inventory.len(), 1);
    assert!(result.files[0].paging.as_ref().is_some_and(|p| !p.more_pages));
}

#[test]
fn merges_paged_resource_graph_results_and_warns_about_missing_pages() {
    let page = |ids: &[&str], token: &str| {
        let data: Vec<String> = ids.iter().map(|id| format!(r#"{{"id":"{id}"}}"#)).collect();
        format!(r#"{{"count":{},"data":[{}],"skip_token":{token},"total_records":3}}"#, ids.len(), data.join(","))
    };
    let first = page(&[VM], r#""abc""#);
    let second = page(&[VNET], "null");
    let two = run(&[("p1.json", &first), ("p2.json", &second)]);
    assert_eq!(two.inventory.len(), 2);
    assert!(two.files[0].paging.as_ref().unwrap().more_pages);
    assert!(codes(&two).contains(&"import.pages-missing"), "{:?}", two.diagnostics);
    let third_id = "/subscriptions/1111/resourceGroups/rg-app/providers/Microsoft.Web/sites/shop";
    let third = page(&[third_id], "null");
    let all = run(&[("p1.json", &first), ("p2.json", &second), ("p3.json", &third)]);
    assert_eq!(all.inventory.len(), 3);
    assert!(!codes(&all).contains(&"import.pages-missing"));
}

#[test]
fn merges_duplicates_across_files_by_case_insensitive_id() {
    let listed = format!(
        r#"[{{"id":"{}","type":"Microsoft.Compute/virtualMachines","location":"eastus","tags":{{"a":"1"}}}}]"#,
        VM.to_uppercase()
    );
    let graph =
        format!(r#"{{"data":[{{"id":"{VM}","location":"East US","properties":{{"x":1}},"tags":{{"b":"2"}}}}]}}"#);
    let result = run(&[("list.json", &listed), ("graph.json", &graph)]);
    assert_eq!(result.inventory.len(), 1);
    let vm = &result.inventory.resources[0];
    assert!(vm.properties.is_some(), "the richer record's properties are kept");
    assert_eq!(vm.tags.len(), 2);
    assert_eq!(vm.sources.len(), 2);
    assert!(codes(&result).contains(&"import.duplicates-merged"));
    assert!(!codes(&result).contains(&"import.merge-conflict"));
}

#[test]
fn reports_location_conflicts_when_merging() {
    let a = format!(r#"[{{"id":"{VM}","location":"eastus"}}]"#);
    let b = format!(r#"[{{"id":"{VM}","location":"westus"}}]"#);
    let result = run(&[("a", &a), ("b", &b)]);
    assert!(codes(&result).contains(&"import.merge-conflict"));
}

#[test]
fn reads_a_single_resource_object() {
    let result = single(&format!(
        r#"{{"id":"{VM}","name":"web1","type":"Microsoft.Compute/virtualMachines","location":"eastus"}}"#
    ));
    assert_eq!(result.files[0].format, Some(InputFormat::SingleResource));
    assert_eq!(result.inventory.len(), 1);
}

#[test]
fn reads_utf16_files_as_powershell_writes_them() {
    let text = format!(r#"[{{"id":"{VM}","location":"China East 2"}}]"#);
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let result = import(&[InputFile::new("ps.json", bytes)], &ImportOptions::default());
    assert_eq!(result.files[0].encoding, Some(Encoding::Utf16Le));
    assert_eq!(result.inventory.resources[0].location.as_ref().unwrap().as_str(), "chinaeast2");
}

#[test]
fn skips_bad_records_with_a_diagnostic_naming_them_and_keeps_the_rest() {
    let text = format!(
        r#"[{{"id":"{VM}"}}, 42, {{"id":"not an id","name":"broken"}}, {{"name":"orphan"}}, {{"id":"{VNET}"}}]"#
    );
    let result = single(&text);
    assert_eq!(result.inventory.len(), 2);
    assert_eq!(result.files[0].records, 4);
    assert_eq!(result.files[0].skipped, 2);
    let skipped: Vec<&Diagnostic> = result.diagnostics.iter().filter(|d| d.code == "import.record-skipped").collect();
    assert_eq!(skipped.len(), 3);
    assert_eq!(skipped[0].location.as_deref(), Some("[1]"));
    assert!(skipped[0].message.contains("a number"));
    assert!(skipped[1].message.contains("not an id"), "{}", skipped[1].message);
    assert!(skipped[2].message.contains("orphan"), "{}", skipped[2].message);
    assert!(skipped.iter().all(|d| d.file.as_deref() == Some("input")));
}

#[test]
fn caps_repeated_diagnostics_per_file() {
    let records: Vec<String> = (0..50).map(|_| "7".to_string()).collect();
    let result = single(&format!("[{}]", records.join(",")));
    let skipped = result.diagnostics.iter().filter(|d| d.code == "import.record-skipped").count();
    assert_eq!(skipped, DETAILED_DIAGNOSTICS + 1);
    assert!(result.diagnostics.last().unwrap().message.starts_with("30 more"));
}

#[test]
fn bad_files_get_typed_errors_and_good_files_still_load() {
    let good = format!(r#"[{{"id":"{VM}"}}]"#);
    let deep = format!("{}{}", "[".repeat(150), "]".repeat(150));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.json", Vec::new()),
        ("blank.json", b"  \r\n\t ".to_vec()),
        ("broken.json", b"[{\"id\": \n  \"x\",, }]".to_vec()),
        ("binary.bin", vec![0x00, 0x01, 0x02, 0x03, 0xFF, 0x00, 0x10, 0x00]),
        ("archive.zip", b"PK\x03\x04....".to_vec()),
        ("deep.json", deep.into_bytes()),
        ("shape.json", br#"{"hello": "world"}"#.to_vec()),
        ("scalar.json", b"42".to_vec()),
        ("prose.txt", b"Dear team, here is the inventory".to_vec()),
        ("params.json", br#"{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#","parameters":{}}"#.to_vec()),
        ("good.json", good.into_bytes()),
    ];
    let inputs: Vec<InputFile> = cases.iter().map(|(n, b)| InputFile::new(*n, b.clone())).collect();
    let result = import(&inputs, &ImportOptions::default());
    assert_eq!(result.inventory.len(), 1, "the good file still loads");
    let error = |name: &str| result.files.iter().find(|f| f.name == name).unwrap().error.clone();
    assert_eq!(error("empty.json"), Some(FileError::Empty));
    assert_eq!(error("blank.json"), Some(FileError::Empty));
    assert!(matches!(error("broken.json"), Some(FileError::NotJson { line: 2, .. })), "{:?}", error("broken.json"));
    assert!(matches!(error("binary.bin"), Some(FileError::Binary { .. })));
    assert!(matches!(error("archive.zip"), Some(FileError::Binary { what }) if what.contains("ZIP")));
    assert!(
        matches!(error("deep.json"), Some(FileError::TooDeep { line: 1, column: 101, limit: 100 })),
        "{:?}",
        error("deep.json")
    );
    assert!(matches!(error("shape.json"), Some(FileError::UnknownShape { found }) if found.contains("hello")));
    assert!(matches!(error("scalar.json"), Some(FileError::UnknownShape { found }) if found.contains("number")));
    assert!(matches!(error("prose.txt"), Some(FileError::UnknownShape { found }) if found.contains("Dear team")));
    assert!(
        matches!(error("params.json"), Some(FileError::UnknownShape { found }) if found.contains("parameters file"))
    );
    assert_eq!(error("good.json"), None);
    let unusable = result.diagnostics.iter().filter(|d| d.code == "import.file-unusable").count();
    assert_eq!(unusable, 10);
    // Every message says what was found and what is accepted, or where the problem is.
    for file in &result.files {
        if let Some(error) = &file.error {
            let text = error.to_string();
            assert!(text.contains("expected") || text.contains("line") || text.contains("limit"), "{text}");
        }
    }
}

#[test]
fn refuses_files_over_the_size_limit() {
    let options = ImportOptions { max_file_bytes: 10, ..ImportOptions::default() };
    let result = import(&[InputFile::new("big.json", vec![b' '; 11])], &options);
    assert_eq!(result.files[0].error, Some(FileError::TooLarge { size: 11, limit: 10 }));
    assert!(result.files[0].error.as_ref().unwrap().to_string().contains("limit"));
}

#[test]
fn not_json_errors_give_line_and_column() {
    let result = single("{\n  \"value\": [\n    {\"id\": }\n  ]\n}");
    let Some(FileError::NotJson { line, column, message }) = &result.files[0].error else {
        panic!("{:?}", result.files[0])
    };
    assert_eq!((*line, *column), (3, 12));
    assert!(!message.contains("at line"), "{message}");
}

#[test]
fn count_queries_are_explained_not_imported() {
    let result = single(r#"{"count":1,"data":[{"Count":1}],"skip_token":null,"total_records":1}"#);
    assert!(result.files[0].error.is_none());
    assert!(result.inventory.is_empty());
    assert!(codes(&result).contains(&"import.not-resources"));
}

#[test]
fn templates_with_comments_are_read() {
    let template = r#"{
      // exported by hand
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      /* one resource */
      "resources": [{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "hub", "location": "chinanorth3", "properties": {}}]
    }"#;
    let result = single(template);
    assert_eq!(result.files[0].format, Some(InputFormat::ArmTemplate));
    assert_eq!(result.inventory.len(), 1);
    let vnet = &result.inventory.resources[0];
    assert_eq!(vnet.id_origin, IdOrigin::Template);
    assert_eq!(vnet.location.as_ref().unwrap().as_str(), "chinanorth3");
}

#[test]
fn inventory_lookup_ignores_case() {
    let result = single(&format!(r#"[{{"id":"{VM}"}},{{"id":"{VNET}"}}]"#));
    let id = ResourceId::parse(&VNET.to_uppercase()).unwrap();
    assert_eq!(result.inventory.get(&id).unwrap().name, "hub");
}

#[test]
fn reads_a_csv_excel_saved_as_windows_1252_and_refuses_other_invalid_utf8() {
    let mut bytes = b"NOM;TYPE;EMPLACEMENT\r\nadf1;Fabrique de donn".to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(b"es (V2);West Europe\r\n");
    let result = import(&[InputFile::new("Azureresources.csv", bytes)], &ImportOptions::default());
    assert_eq!(result.files[0].encoding, Some(Encoding::Windows1252));
    assert_eq!(result.inventory.resources[0].resource_type.as_str(), "Microsoft.DataFactory/factories");
    let json = [b"[{\"id\": \"".as_slice(), &[0xE9], b"\"}]"].concat();
    let result = import(&[InputFile::new("bad.json", json)], &ImportOptions::default());
    assert!(matches!(result.files[0].error, Some(FileError::Encoding { .. })), "{:?}", result.files[0]);
}

#[test]
fn records_without_a_full_id_are_never_merged() {
    let csv = "NAME,TYPE,RESOURCE GROUP,LOCATION,SUBSCRIPTION\nweb,App Service,rg,East US,Pay-As-You-Go\nweb,App Service,rg,East US,Pay-As-You-Go\n";
    let result = run(&[("a.csv", csv), ("b.csv", csv)]);
    assert_eq!(result.inventory.len(), 4, "two people's web apps stay apart");
    let ids: std::collections::BTreeSet<&str> = ids(&result).into_iter().collect();
    assert_eq!(ids.len(), 4);
    assert!(
        ids.contains("/subscriptions/Pay-As-You-Go (2)/resourceGroups/rg/providers/Microsoft.Web/sites/web"),
        "{ids:?}"
    );
    assert!(result.inventory.resources.iter().all(|r| r.sources.len() == 1));
    assert!(result.inventory.resources.iter().all(|r| r.subscription_name.as_deref() == Some("Pay-As-You-Go")));
    assert!(codes(&result).contains(&"import.kept-apart"));
    assert!(!codes(&result).contains(&"import.duplicates-merged"));
    // A full id merges with itself and never with a record that only looks the same.
    let exported = format!(r#"[{{"id":"{VM}","location":"eastus"}}]"#);
    let synthesised = r#"[{"name":"web1","type":"Microsoft.Compute/virtualMachines","resourceGroup":"rg-app","subscriptionId":"1111"}]"#;
    let result = run(&[("projection.json", synthesised), ("list.json", &exported), ("again.json", &exported)]);
    assert_eq!(result.inventory.len(), 2);
    let vm = result.inventory.get(&ResourceId::parse(VM).unwrap()).unwrap();
    assert_eq!((vm.id_origin, vm.sources.len()), (IdOrigin::Exported, 2));
    // A row naming its subscription id, group, type and name names exactly one resource.
    let subscription = "6f1c3c0e-2b8e-4c3f-9d0a-1e2f3a4b5c6d";
    let id =
        format!("/subscriptions/{subscription}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/web1");
    let csv = format!("\"ResourceName\",\"ResourceType\",\"ResourceGroupName\",\"SubscriptionId\"\n\"web1\",\"Microsoft.Compute/virtualMachines\",\"RG-APP\",\"{subscription}\"\n");
    let json = format!(r#"[{{"id":"{id}","location":"eastus"}}]"#);
    let result = run(&[("resources.csv", &csv), ("resources.json", &json)]);
    assert_eq!(result.inventory.len(), 1, "{:#?}", result.inventory.resources);
    assert_eq!(result.inventory.resources[0].sources.len(), 2);
    assert_eq!(result.inventory.resources[0].id_origin, IdOrigin::Exported, "the exported id is kept");
}

#[test]
fn merge_conflicts_name_both_records() {
    let a = format!(r#"[{{"id":"{VM}","location":"eastus","sku":{{"name":"Standard_B2s"}}}}]"#);
    let b = format!(r#"[{{"id":"{VM}","location":"westus","sku":"Standard_D2s_v5"}}]"#);
    let result = run(&[("a.json", &a), ("b.json", &b)]);
    let conflicts: Vec<&Diagnostic> = result.diagnostics.iter().filter(|d| d.code == "import.merge-conflict").collect();
    assert_eq!(conflicts.len(), 2, "{conflicts:#?}");
    for conflict in &conflicts {
        assert!(
            conflict.message.contains("a.json ([0])") && conflict.message.contains("b.json ([0])"),
            "{}",
            conflict.message
        );
    }
    assert!(conflicts[0].message.contains("location eastus") && conflicts[1].message.contains("SKU Standard_B2s"));
    let vm = &result.inventory.resources[0];
    assert_eq!(vm.location.as_ref().unwrap().as_str(), "eastus");
}

#[test]
fn children_without_a_location_take_their_parents() {
    let subnet = format!("{VNET}/subnets/app");
    let search = "/subscriptions/1111/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/law/savedSearches/s1";
    let text = format!(
        r#"[{{"id":"{VNET}","location":"chinanorth3"}},{{"id":"{subnet}"}},{{"id":"{subnet}/x/y"}},{{"id":"{search}"}}]"#
    );
    let result = single(&text);
    let location = |id: &str| {
        result.inventory.get(&ResourceId::parse(id).unwrap()).unwrap().location.as_ref().map(|l| l.as_str().to_string())
    };
    assert_eq!(location(&subnet).as_deref(), Some("chinanorth3"));
    assert_eq!(location(&format!("{subnet}/x/y")).as_deref(), Some("chinanorth3"), "through a parent in the inventory");
    assert_eq!(location(search), None, "the workspace is not in the inventory");
    assert!(codes(&result).contains(&"import.location-inherited"));
    let gaps = completeness::assess(&result).gaps;
    assert_eq!(gaps.iter().find(|g| g.code == "no-location").map(|g| g.resources), Some(1));
}

#[test]
fn a_file_error_names_the_file_once() {
    let result = run(&[("notes.txt", "Dear team, here is the inventory")]);
    let error = result.diagnostics.iter().find(|d| d.code == "import.file-unusable").unwrap();
    assert_eq!(error.file.as_deref(), Some("notes.txt"));
    assert!(!error.message.contains("notes.txt"), "{}", error.message);
    assert_eq!(error.to_string().matches("notes.txt").count(), 1, "{error}");
}

#[test]
fn gaps_name_the_formats_they_come_from_and_read_after_no() {
    let csv = "NAME,TYPE,LOCATION\nweb,App Service,East US\n";
    let projection = r#"[{"Name":"db","Type":"Microsoft.Sql/servers","RG":"data"}]"#;
    let listing = format!(r#"[{{"id":"{VM}","location":"eastus","properties":null}}]"#);
    let result = run(&[("Azureresources.csv", csv), ("query.json", projection), ("list.json", &listing)]);
    let gaps = completeness::assess(&result).gaps;
    let gap = |code: &str| gaps.iter().find(|g| g.code == code).unwrap();
    assert_eq!(
        gap("no-ids").missing,
        "resource ids and most properties (not in the az CLI --query projection and the portal \"All resources\" CSV)"
    );
    assert_eq!(gap("no-properties").missing, "resource properties (not in the JSON resource list)");
    assert_eq!(gap("no-resource-group").missing, "resource group");
    assert_eq!(gap("no-resource-group").resources, 1, "only the CSV row lacks its group");
    for gap in &gaps {
        assert!(!gap.missing.starts_with("the ") && !gap.missing.starts_with("a "), "{}", gap.missing);
    }
}

#[test]
fn bad_text_names_what_was_found_and_what_is_accepted() {
    let result = run(&[("list.txt", "Name    Location\n------  ---------\nweb1    eastus\n")]);
    let error = result.files[0].error.as_ref().unwrap().to_string();
    assert!(error.contains("(Name, Location)") && error.contains("accepted"), "{error}");
    let result = run(&[("ids.tsv", "web1\teastus\nweb2\twestus\n")]);
    let error = result.files[0].error.as_ref().unwrap().to_string();
    assert!(error.contains("begins \"web1") && error.contains("expected"), "{error}");
}

// Property tests run natively only: proptest needs an OS random source.
#[cfg(not(target_arch = "wasm32"))]
mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let result = import(&[InputFile::new("fuzz", bytes)], &ImportOptions::default());
            prop_assert_eq!(result.files.len(), 1);
        }

        #[test]
        fn on_json_like_text(text in r#"[\[\]{}",:0-9a-z/ \n\\-]{0,200}"#) {
            let result = import(&[InputFile::new("fuzz.json", text.into_bytes())], &ImportOptions::default());
            prop_assert_eq!(result.files.len(), 1);
        }

        #[test]
        fn on_records_with_odd_fields(
            id in prop_oneof![Just("\"/subscriptions/s/resourceGroups/g/providers/A.B/c/d\"".to_string()), "[a-z0-9/\" ]{0,30}".prop_map(|s| format!("{s:?}")), Just("null".to_string()), Just("[1]".to_string())],
            tags in prop_oneof![Just("{}".to_string()), Just("[]".to_string()), Just("\"x\"".to_string()), Just("{\"a\":{\"b\":1}}".to_string())],
            sku in prop_oneof![Just("null".to_string()), Just("\"S1\"".to_string()), Just("{\"capacity\":\"x\"}".to_string()), Just("7".to_string())],
        ) {
            let text = format!(r#"[{{"id":{id},"tags":{tags},"sku":{sku},"zones":{tags},"location":{sku}}}]"#);
            let result = import(&[InputFile::new("odd.json", text.into_bytes())], &ImportOptions::default());
            let usable = result.files[0].error.is_none() || matches!(result.files[0].error, Some(FileError::NotJson { .. }));
            prop_assert!(usable, "unexpected error {:?}", result.files[0].error);
            prop_assert_eq!(result.files[0].records, result.files[0].imported + result.files[0].skipped);
        }
    }
}

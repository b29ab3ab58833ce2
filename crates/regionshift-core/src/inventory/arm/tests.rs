//! Tests of the ARM template reader: small inline templates per feature, hand-written
//! fixtures under `tests/fixtures/arm/`, and the shared third-party corpus when present.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::evaluate::{Context, CopyFrame, Evaluated, Unresolved};
use super::expression::{classify, parse, Expr, TemplateText};
use super::functions::{guid, unique_string};
use super::scope::Scope;
use super::{expand_template, looks_like_template, TemplateExpansion};
use crate::azure::ResourceId;
use crate::diagnostics::Severity;
use crate::input::text::strip_json_comments;
use crate::inventory::raw::RawResource;

const GROUP: &str = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}";

macro_rules! fixture {
    ($name:literal) => {
        serde_json::from_str::<Value>(include_str!(concat!("../../../../../tests/fixtures/arm/", $name)))
            .expect("fixtures are JSON")
    };
}

fn context(template: &Value) -> Context<'_> {
    Context::new(template, HashMap::new(), Scope::for_schema(None), "{deploymentName}".to_string())
}

fn eval_in(template: &Value, text: &str) -> Evaluated {
    context(template).evaluate_text(text, &[])
}

fn eval(text: &str) -> Evaluated {
    eval_in(&json!({}), text)
}

fn id_of(record: &RawResource) -> &str {
    record.id.as_ref().and_then(Value::as_str).unwrap_or_default()
}

fn text_of(value: Option<&Value>) -> Option<&str> {
    value.and_then(Value::as_str)
}

/// The record whose name is `name`.
fn named<'e>(expansion: &'e TemplateExpansion, name: &str) -> &'e RawResource {
    expansion
        .resources
        .iter()
        .map(|(_, record)| record)
        .find(|record| text_of(record.name.as_ref()) == Some(name))
        .unwrap_or_else(|| panic!("no resource named {name}"))
}

fn properties(record: &RawResource) -> Value {
    record.properties.as_ref().map_or(Value::Null, |raw| serde_json::from_str(raw.get()).expect("valid JSON"))
}

fn codes(expansion: &TemplateExpansion) -> Vec<&'static str> {
    expansion.diagnostics.iter().map(|diagnostic| diagnostic.code).collect()
}

fn assert_ids_parse(expansion: &TemplateExpansion) {
    for (location, record) in &expansion.resources {
        assert!(ResourceId::parse(id_of(record)).is_ok(), "{location}: {} does not parse", id_of(record));
    }
}

fn collect_json(dir: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_json(&path, into);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            into.push(path);
        }
    }
}

#[test]
fn expands_every_template_of_the_shared_corpus() {
    let root = crate::inventory::shared_material::shared("corpus/arm");
    let mut files = Vec::new();
    collect_json(&root, &mut files);
    files.sort();
    let mut totals: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for path in &files {
        let relative = path.strip_prefix(&root).unwrap_or(path).display().to_string();
        let text = std::fs::read_to_string(path).expect("corpus files are UTF-8");
        let template: Value = serde_json::from_str(&strip_json_comments(&text)).expect("corpus files are JSON");
        assert!(looks_like_template(&template), "{relative} is not recognised as a template");
        let expansion = expand_template(&template);
        let declared = match template.get("resources") {
            Some(Value::Array(items)) => items.len(),
            Some(Value::Object(members)) => members.len(),
            _ => 0,
        };
        if declared > 0 {
            assert!(!expansion.resources.is_empty(), "{relative} expanded to no resources");
        }
        for (location, record) in &expansion.resources {
            let id = record.id.as_ref().and_then(Value::as_str).unwrap_or_default();
            assert!(ResourceId::parse(id).is_ok(), "{relative} {location}: {id} does not parse");
        }
        let warnings = expansion.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
        println!("{relative}: {} resources, {warnings} warning(s)", expansion.resources.len());
        let folder = relative.split('/').next().unwrap_or("").to_string();
        let total = totals.entry(folder).or_default();
        total.0 += 1;
        total.1 += expansion.resources.len();
    }
    for (folder, (count, resources)) in &totals {
        println!("{folder}: {count} files, {resources} resources");
    }
}

#[test]
fn classify_tells_expressions_from_literals() {
    assert_eq!(classify("[concat('a')]"), TemplateText::Expression("concat('a')"));
    assert_eq!(classify("[[not an expression]"), TemplateText::Literal("[not an expression]".into()));
    assert_eq!(classify("plain [text]"), TemplateText::Literal("plain [text]".into()));
    assert_eq!(classify("[unclosed"), TemplateText::Literal("[unclosed".into()));
}

#[test]
fn parses_calls_literals_and_accessors() {
    let expr = parse(" concat('it''s', -2, true)[0].name ").expect("parses");
    let call = Expr::Call {
        name: "concat".into(),
        args: vec![Expr::String("it's".into()), Expr::Integer(-2), Expr::Boolean(true)],
    };
    let indexed = Expr::Index { target: Box::new(call), index: Box::new(Expr::Integer(0)) };
    assert_eq!(expr, Expr::Property { target: Box::new(indexed), name: "name".into() });
    assert_eq!(parse("null").expect("parses"), Expr::Null);
    assert!(matches!(parse("contoso.uniqueName('x')"), Ok(Expr::Call { name, .. }) if name == "contoso.uniqueName"));
}

#[test]
fn parse_errors_are_reported_not_panics() {
    let deep = format!("{}1{}", "concat(".repeat(10_000), ")".repeat(10_000));
    for bad in
        ["", "concat(", "'open", "a b", "1.5", "x.", "f(1,)", "f(1 2)", "f()]", "#", "-", "99999999999999999999", &deep]
    {
        assert!(parse(bad).is_err(), "{bad:.40} parsed");
    }
}

#[test]
fn evaluates_the_function_library() {
    let cases: &[(&str, Value)] = &[
        ("plain", json!("plain")),
        ("[[literal]", json!("[literal]")),
        ("['it''s']", json!("it's")),
        ("[concat('a', 'b', 1, true)]", json!("ab1True")),
        ("[concat(createArray(1), createArray(2, 3))]", json!([1, 2, 3])),
        ("[format('{0}-{1:D3}-{{x}}', 'vm', 7)]", json!("vm-007-{x}")),
        ("[toLower('AbC')]", json!("abc")),
        ("[toUpper('abc')]", json!("ABC")),
        ("[replace('a-b-c', '-', '')]", json!("abc")),
        ("[substring('abcdef', 1, 3)]", json!("bcd")),
        ("[substring('abcdef', 4)]", json!("ef")),
        ("[split('a,b;c', createArray(',', ';'))]", json!(["a", "b", "c"])),
        ("[join(createArray('a', 'b'), '-')]", json!("a-b")),
        ("[first('abc')]", json!("a")),
        ("[last(createArray(1, 2))]", json!(2)),
        ("[length(createObject('a', 1, 'b', 2))]", json!(2)),
        ("[length('héllo')]", json!(5)),
        ("[empty('')]", json!(true)),
        ("[empty(createArray(1))]", json!(false)),
        ("[contains(createArray('x', 'y'), 'y')]", json!(true)),
        ("[contains(createObject('Key', 1), 'key')]", json!(true)),
        ("[contains('abc', 'B')]", json!(false)),
        ("[equals(1, 1)]", json!(true)),
        ("[equals('a', 'A')]", json!(false)),
        ("[not(and(true, or(false, true)))]", json!(false)),
        ("[if(equals(1, 2), 'yes', 'no')]", json!("no")),
        ("[coalesce(null(), '', 'x')]", json!("")),
        ("[string(true)]", json!("True")),
        ("[string(createObject('a', 1))]", json!("{\"a\":1}")),
        ("[int('42')]", json!(42)),
        ("[bool('TRUE')]", json!(true)),
        ("[add(2, mul(3, 4))]", json!(14)),
        ("[sub(10, div(9, 3))]", json!(7)),
        ("[mod(10, 4)]", json!(2)),
        ("[min(3, 1, 2)]", json!(1)),
        ("[max(createArray(3, 9, 2))]", json!(9)),
        ("[greater(2, 1)]", json!(true)),
        ("[lessOrEquals('a', 'b')]", json!(true)),
        ("[union(createObject('a', 1), createObject('b', 2))]", json!({"a": 1, "b": 2})),
        ("[union(createArray(1, 2), createArray(2, 3))]", json!([1, 2, 3])),
        ("[take('abcdef', 2)]", json!("ab")),
        ("[skip(createArray(1, 2, 3), 2)]", json!([3])),
        ("[trim('  x ')]", json!("x")),
        ("[startsWith('Microsoft.Web', 'microsoft')]", json!(true)),
        ("[endsWith('abc', 'BC')]", json!(true)),
        ("[indexOf('abcabc', 'C')]", json!(2)),
        ("[lastIndexOf('abcabc', 'c')]", json!(5)),
        ("[indexOf('abc', 'z')]", json!(-1)),
        ("[padLeft(7, 3, '0')]", json!("007")),
        ("[range(1, 3)]", json!([1, 2, 3])),
        ("[array('x')]", json!(["x"])),
        ("[json('{\"a\": [1]}').a[0]]", json!(1)),
        ("[items(createObject('b', 2, 'a', 1))[0].key]", json!("a")),
        ("[createObject('k', 'v').K]", json!("v")),
        ("[createObject('k', 'v')['k']]", json!("v")),
        ("[uri('https://x.invalid/a/b.json', 'c.json')]", json!("https://x.invalid/a/c.json")),
        ("[TOLOWER('Mixed')]", json!("mixed")),
    ];
    for (text, expected) in cases {
        assert_eq!(eval(text).as_ref(), Ok(expected), "{text}");
    }
}

#[test]
fn malformed_calls_are_invalid_not_panics() {
    for text in [
        "[substring('abc', 5)]",
        "[div(1, 0)]",
        "[add(9223372036854775807, 1)]",
        "[createArray(1)[3]]",
        "[createObject('a')]",
        "[range(0, 1000000000)]",
        "[padLeft('x', 1000000000)]",
        "[json('{')]",
        "[format('{1}', 'x')]",
        "[not('x')]",
        "[if(1, 2, 3)]",
        "[parameters('missing')]",
        "[variables('missing')]",
        "[copyIndex()]",
        "[createObject('a', 1).b]",
        "[concat(createArray(1), 'x')]",
    ] {
        assert!(matches!(eval(text), Err(Unresolved::Invalid(_))), "{text}: {:?}", eval(text));
    }
}

#[test]
fn scope_functions_are_symbolic() {
    assert_eq!(eval("[resourceGroup().name]"), Ok(json!("{resourceGroupName}")));
    assert_eq!(eval("[resourceGroup().id]"), Ok(json!(GROUP)));
    assert_eq!(eval("[subscription().subscriptionId]"), Ok(json!("{subscriptionId}")));
    assert_eq!(eval("[subscription().id]"), Ok(json!("/subscriptions/{subscriptionId}")));
    assert_eq!(eval("[environment().suffixes.storage]"), Ok(json!("{environment().suffixes.storage}")));
    assert_eq!(eval("[environment().name]"), Ok(json!("{environment().name}")));
    assert_eq!(eval("[deployment().name]"), Ok(json!("{deploymentName}")));
    assert_eq!(eval("[resourceGroup().location]"), Err(Unresolved::GroupLocation));
    assert!(matches!(eval("[deployment().properties.templateLink.uri]"), Err(Unresolved::DeploymentTime(_))));
}

#[test]
fn resource_id_functions_build_ids_in_the_symbolic_scope() {
    let network = "/providers/Microsoft.Network/virtualNetworks";
    let cases = [
        ("[resourceId('Microsoft.Network/virtualNetworks', 'v')]", format!("{GROUP}{network}/v")),
        ("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 's')]", format!("{GROUP}{network}/v/subnets/s")),
        ("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v/s')]", format!("{GROUP}{network}/v/subnets/s")),
        (
            "[resourceId('other-rg', 'Microsoft.Network/virtualNetworks', 'v')]",
            format!("/subscriptions/{{subscriptionId}}/resourceGroups/other-rg{network}/v"),
        ),
        (
            "[resourceId('sub', 'rg', 'Microsoft.Network/virtualNetworks/subnets', 'v', 's')]",
            format!("/subscriptions/sub/resourceGroups/rg{network}/v/subnets/s"),
        ),
        (
            "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'r')]",
            "/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/r".to_string(),
        ),
        (
            "[subscriptionResourceId('s2', 'Microsoft.Resources/resourceGroups', 'rg')]",
            "/subscriptions/s2/providers/Microsoft.Resources/resourceGroups/rg".to_string(),
        ),
        (
            "[tenantResourceId('Microsoft.Billing/billingAccounts', 'b')]",
            "/providers/Microsoft.Billing/billingAccounts/b".to_string(),
        ),
        (
            "[extensionResourceId(resourceId('Microsoft.Web/sites', 'app'), 'Microsoft.Insights/diagnosticSettings', 'logs')]",
            format!("{GROUP}/providers/Microsoft.Web/sites/app/providers/Microsoft.Insights/diagnosticSettings/logs"),
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(eval(text), Ok(Value::String(expected.clone())), "{text}");
        assert!(ResourceId::parse(&expected).is_ok(), "{expected}");
    }
    assert!(matches!(
        eval("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v')]"),
        Err(Unresolved::Invalid(_))
    ));
    assert!(matches!(eval("[resourceId('a', 'b', 'c', 'Microsoft.X/y', 'n')]"), Err(Unresolved::Invalid(_))));
}

#[test]
fn unique_string_and_guid_are_stable_and_shaped() {
    let parts = |items: &[&str]| items.iter().map(|item| (*item).to_string()).collect::<Vec<_>>();
    let first = unique_string(&parts(&["rg-id"]));
    assert_eq!(first, unique_string(&parts(&["rg-id"])));
    assert_ne!(first, unique_string(&parts(&["rg-id2"])));
    assert_ne!(unique_string(&parts(&["a", "b"])), unique_string(&parts(&["ab"])));
    assert_eq!(first.len(), 13);
    assert!(first.chars().all(|c| c.is_ascii_lowercase() || ('2'..='7').contains(&c)), "{first}");
    assert_eq!(eval("[uniqueString('rg-id')]"), Ok(Value::String(first)));
    let id = guid(&parts(&["a", "b"]));
    assert_eq!(id, guid(&parts(&["a", "b"])));
    assert_eq!(id.len(), 36);
    assert_eq!(id.match_indices('-').map(|(at, _)| at).collect::<Vec<_>>(), [8, 13, 18, 23]);
    assert_eq!(&id[14..15], "5");
    assert!(id.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
}

#[test]
fn parameters_and_variables_evaluate_lazily_with_cycle_protection() {
    let template = json!({
        "parameters": {
            "a": {"type": "string", "defaultValue": "x"},
            "B": {"type": "string", "defaultValue": "[concat(parameters('a'), 'y')]"},
            "adminName": {"type": "string"},
            "count": {"type": "int"},
            "nics_web_externalid": {"type": "String", "defaultValue": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/networkInterfaces/web"}
        },
        "variables": {
            "first": "[concat(variables('second'), '!')]",
            "second": "[parameters('b')]",
            "loopA": "[variables('loopB')]",
            "loopB": "[variables('loopA')]",
            "unused": "[reference('x').id]",
            "roles": {"reader": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'r')]"},
            "copy": [{"name": "disks", "count": 2, "input": {"lun": "[copyIndex('disks')]"}}]
        }
    });
    assert_eq!(eval_in(&template, "[variables('first')]"), Ok(json!("xy!")));
    assert!(
        matches!(eval_in(&template, "[variables('loopA')]"), Err(Unresolved::Invalid(reason)) if reason.contains("itself"))
    );
    assert_eq!(eval_in(&template, "[parameters('adminName')]"), Ok(json!("{adminName}")));
    assert_eq!(eval_in(&template, "[parameters('count')]"), Err(Unresolved::NoValue("count".into())));
    assert_eq!(eval_in(&template, "[variables('disks')]"), Ok(json!([{"lun": 0}, {"lun": 1}])));
    assert_eq!(
        eval_in(&template, "[variables('roles').reader]"),
        Ok(json!("/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/r"))
    );
    assert_eq!(
        eval_in(&template, "[parameters('nics_web_externalid')]"),
        Ok(json!("/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/networkInterfaces/web"))
    );
    assert_eq!(
        eval_in(&template, "[variables('roles')[parameters('adminName')]]"),
        Err(Unresolved::NoValue("adminName".into()))
    );
}

#[test]
fn deployment_time_values_stay_unresolved() {
    for text in [
        "[reference('vm').id]",
        "[listKeys('sa', '2023-01-01').keys[0].value]",
        "[listAccountSas('sa')]",
        "[newGuid()]",
        "[utcNow()]",
    ] {
        assert!(matches!(eval(text), Err(Unresolved::DeploymentTime(_))), "{text}");
    }
    for text in ["[filter(createArray(1), 'x')]", "[contoso.name()]", "[noSuchFunction()]"] {
        assert!(matches!(eval(text), Err(Unresolved::Unsupported(_))), "{text}");
    }
    // Only the branch taken, and only a decisive argument, is evaluated.
    assert_eq!(eval("[if(true, 'a', reference('x'))]"), Ok(json!("a")));
    assert_eq!(eval("[or(reference('x').on, true)]"), Ok(json!(true)));
    assert!(matches!(eval("[and(reference('x').on, true)]"), Err(Unresolved::DeploymentTime(_))));
}

#[test]
fn copy_index_reads_the_enclosing_loops() {
    let template = json!({});
    let context = context(&template);
    let loops = [
        CopyFrame { name: "vmLoop".into(), index: 2, resource_level: true },
        CopyFrame { name: "dataDisks".into(), index: 5, resource_level: false },
    ];
    let at = |text: &str| context.evaluate_text(text, &loops);
    assert_eq!(at("[copyIndex()]"), Ok(json!(2)));
    assert_eq!(at("[copyIndex(1)]"), Ok(json!(3)));
    assert_eq!(at("[copyIndex('DATADISKS')]"), Ok(json!(5)));
    assert_eq!(at("[copyIndex('dataDisks', 10)]"), Ok(json!(15)));
    assert!(at("[copyIndex('other')]").is_err());
}

#[test]
fn looks_like_template_recognises_templates_only() {
    assert!(looks_like_template(
        &json!({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"})
    ));
    assert!(looks_like_template(&json!({"contentVersion": "1.0.0.0", "resources": []})));
    assert!(looks_like_template(&json!({"parameters": {}, "resources": {}})));
    assert!(!looks_like_template(&json!({"resources": []})));
    assert!(!looks_like_template(&json!({"value": [{"id": "/subscriptions/s"}]})));
    assert!(!looks_like_template(&json!([{"resources": []}])));
}

#[test]
fn nested_children_take_their_parents_type_and_name() {
    let expansion = expand_template(&json!({
        "contentVersion": "1.0.0.0",
        "resources": [{
            "type": "Microsoft.Network/virtualNetworks",
            "name": "hub",
            "location": "chinanorth3",
            "resources": [
                {"type": "subnets", "name": "apps", "resources": [{"type": "Microsoft.Network/virtualNetworks/subnets/fakeChildren", "name": "leaf"}]},
                {"type": "Microsoft.Network/virtualNetworks/subnets", "name": "hub/data"},
                {"type": "providers/diagnosticSettings", "name": "Microsoft.Insights/logs"}
            ]
        }]
    }));
    let net = format!("{GROUP}/providers/Microsoft.Network/virtualNetworks/hub");
    let found: Vec<(&str, &str, &str)> = expansion
        .resources
        .iter()
        .map(|(location, record)| {
            (location.as_str(), text_of(record.resource_type.as_ref()).unwrap_or_default(), id_of(record))
        })
        .collect();
    assert_eq!(
        found,
        [
            ("resources[0]", "Microsoft.Network/virtualNetworks", net.as_str()),
            ("resources[0].resources[0]", "Microsoft.Network/virtualNetworks/subnets", &format!("{net}/subnets/apps")),
            (
                "resources[0].resources[0].resources[0]",
                "Microsoft.Network/virtualNetworks/subnets/fakeChildren",
                &format!("{net}/subnets/apps/fakeChildren/leaf")
            ),
            ("resources[0].resources[1]", "Microsoft.Network/virtualNetworks/subnets", &format!("{net}/subnets/data")),
            (
                "resources[0].resources[2]",
                "Microsoft.Insights/diagnosticSettings",
                &format!("{net}/providers/Microsoft.Insights/diagnosticSettings/logs")
            ),
        ]
    );
    assert_eq!(text_of(named(&expansion, "hub/apps").name.as_ref()), Some("hub/apps"));
    assert!(expansion.resources.iter().all(|(_, record)| record.from_template));
    assert_ids_parse(&expansion);
}

#[test]
fn legacy_extension_names_become_extension_ids() {
    let expansion = expand_template(&json!({
        "contentVersion": "1.0.0.0",
        "resources": [{
            "type": "Microsoft.Network/virtualNetworks/subnets/providers/roleAssignments",
            "name": "[concat('vnet', '/', 'aks', '/Microsoft.Authorization/', guid('x'))]",
            "properties": {"scope": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'aks')]"}
        }]
    }));
    let (_, record) = &expansion.resources[0];
    let id = ResourceId::parse(id_of(record)).expect("parses");
    assert_eq!(text_of(record.resource_type.as_ref()), Some("Microsoft.Authorization/roleAssignments"));
    assert!(id.is_extension());
    assert_eq!(id.parent().map(|parent| parent.full_name()), Some("vnet/aks".to_string()));
}

#[test]
fn web_tier_fixture_expands_loops_children_conditions_and_dependencies() {
    let expansion = expand_template(&fixture!("web-tier.json"));
    assert_ids_parse(&expansion);
    let names: Vec<&str> = expansion.resources.iter().filter_map(|(_, record)| text_of(record.name.as_ref())).collect();
    assert_eq!(names.len(), 13, "{names:?}");
    assert!(!names.contains(&"shop-bastion"), "the false condition is skipped");
    let nic = named(&expansion, "shop-nic-2");
    let pip = |n: u8| format!("{GROUP}/providers/Microsoft.Network/publicIPAddresses/shop-pip-{n}");
    let subnet = format!("{GROUP}/providers/Microsoft.Network/virtualNetworks/shop-vnet/subnets/web");
    assert_eq!(nic.depends_on, [pip(1), pip(2), subnet.clone()]);
    assert_eq!(properties(nic)["ipConfigurations"][0]["properties"]["publicIPAddress"]["id"], json!(pip(2)));
    assert_eq!(properties(nic)["ipConfigurations"][0]["properties"]["subnet"]["id"], json!(subnet));
    let vm = named(&expansion, "shop-vm-1");
    let storage = expansion
        .resources
        .iter()
        .map(|(_, record)| record)
        .find(|record| text_of(record.resource_type.as_ref()) == Some("Microsoft.Storage/storageAccounts"))
        .expect("the storage account is listed");
    assert_eq!(vm.depends_on[1], id_of(storage), "a dependsOn holding a name resolves to the id");
    assert_eq!(
        storage.tags.as_ref().map(|t| serde_json::from_str::<Value>(t.get()).unwrap()),
        Some(json!({"owner": "{adminUsername}", "tier-shop": "web"})),
        "tag keys are evaluated too"
    );
    assert_eq!(text_of(storage.kind.as_ref()), Some("StorageV2"));
    let vm_properties = properties(vm);
    assert_eq!(
        vm_properties["storageProfile"]["dataDisks"],
        json!([
            {"lun": 0, "name": "data-0-0", "diskSizeGB": 64},
            {"lun": 1, "name": "data-0-1", "diskSizeGB": 64},
            {"lun": 2, "name": "data-0-2", "diskSizeGB": 64}
        ])
    );
    assert_eq!(
        vm_properties["diagnosticsProfile"]["bootDiagnostics"]["storageUri"],
        json!("[reference(resourceId('Microsoft.Storage/storageAccounts', variables('storageName'))).primaryEndpoints.blob]"),
        "reference() is kept as written"
    );
    assert_eq!(vm_properties["osProfile"]["adminUsername"], json!("{adminUsername}"));
    assert_eq!(
        named(&expansion, "shop-vm-2/monitor").depends_on,
        [format!("{GROUP}/providers/Microsoft.Compute/virtualMachines/shop-vm-2")]
    );
    let located: Vec<(&str, Option<&str>)> = expansion
        .resources
        .iter()
        .filter(|(_, record)| record.location.is_some())
        .map(|(location, record)| (location.as_str(), text_of(record.location.as_ref())))
        .collect();
    assert_eq!(located, [("resources[4]", Some("westeurope"))]);
    let from_group: Vec<_> =
        expansion.diagnostics.iter().filter(|diagnostic| diagnostic.code == "template.location-from-group").collect();
    assert_eq!(from_group.len(), 1);
    assert!(from_group[0].message.starts_with("10 resource(s)"), "{}", from_group[0].message);
    assert!(codes(&expansion).contains(&"template.condition-false"));
    assert!(codes(&expansion).contains(&"template.condition-unknown"));
    let settings = named(&expansion, "send-to-storage");
    assert_eq!(
        id_of(settings),
        format!("{GROUP}/providers/Microsoft.Network/networkSecurityGroups/shop-nsg/providers/Microsoft.Insights/diagnosticSettings/send-to-storage")
    );
}

#[test]
fn copy_loops_with_unknown_counts_list_one_instance_or_stay_as_written() {
    let expansion = expand_template(&json!({
        "contentVersion": "1.0.0.0",
        "parameters": {"names": {"type": "array"}, "disks": {"type": "int"}},
        "resources": [{
            "type": "Microsoft.Compute/virtualMachines",
            "name": "[concat('vm', copyIndex())]",
            "copy": {"name": "vms", "count": "[length(parameters('names'))]"},
            "properties": {"storageProfile": {"copy": [{"name": "dataDisks", "count": "[parameters('disks')]", "input": {"lun": "[copyIndex('dataDisks')]"}}]}}
        }]
    }));
    assert_eq!(expansion.resources.len(), 1);
    let (location, vm) = &expansion.resources[0];
    assert_eq!(location, "resources[0] (vms 0)");
    assert_eq!(text_of(vm.name.as_ref()), Some("vm0"));
    let warning = expansion.diagnostics.iter().find(|d| d.code == "template.copy-count-unknown").expect("warned");
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.location.as_deref(), Some("resources[0]"));
    assert_eq!(
        properties(vm)["storageProfile"],
        json!({"copy": [{"name": "dataDisks", "count": "[parameters('disks')]", "input": {"lun": "[copyIndex('dataDisks')]"}}]}),
        "a property loop whose count is unknown is kept as written"
    );
}

#[test]
fn copy_counts_of_zero_and_above_the_limit_are_reported() {
    let template = |count: i64| {
        json!({"contentVersion": "1.0.0.0", "resources": [
            {"type": "Microsoft.Network/publicIPAddresses", "name": "[concat('ip', copyIndex())]", "copy": {"name": "ips", "count": count}}
        ]})
    };
    let none = expand_template(&template(0));
    assert!(none.resources.is_empty());
    assert_eq!(codes(&none), ["template.copy-empty"]);
    let many = expand_template(&template(5_000));
    assert_eq!(many.resources.len(), 800);
    assert!(codes(&many).contains(&"template.copy-count-too-large"));
}

#[test]
fn conditions_skip_false_resources_and_keep_unknown_ones() {
    let expansion = expand_template(&json!({
        "contentVersion": "1.0.0.0",
        "parameters": {"mode": {"type": "string", "defaultValue": "new"}, "secret": {"type": "object"}},
        "resources": [
            {"condition": "[equals(parameters('mode'), 'existing')]", "type": "Microsoft.Network/virtualNetworks", "name": "skipped",
             "resources": [{"type": "subnets", "name": "child"}]},
            {"condition": "[parameters('secret').enabled]", "type": "Microsoft.Network/virtualNetworks", "name": "unknown"},
            {"condition": true, "type": "Microsoft.Network/virtualNetworks", "name": "kept"}
        ]
    }));
    let names: Vec<_> = expansion.resources.iter().filter_map(|(_, record)| text_of(record.name.as_ref())).collect();
    assert_eq!(names, ["unknown", "kept"]);
    let false_condition =
        expansion.diagnostics.iter().find(|d| d.code == "template.condition-false").expect("reported");
    assert_eq!((false_condition.severity, false_condition.location.as_deref()), (Severity::Info, Some("resources[0]")));
    let unknown = expansion.diagnostics.iter().find(|d| d.code == "template.condition-unknown").expect("reported");
    assert_eq!((unknown.severity, unknown.location.as_deref()), (Severity::Info, Some("resources[1]")));
}

#[test]
fn depends_on_resolves_every_entry_form() {
    let expansion = expand_template(&json!({
        "contentVersion": "1.0.0.0",
        "parameters": {"storageName": {"type": "string", "defaultValue": "logs01"}},
        "variables": {
            "storageId": "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageName'))]",
            "netName": "net1"
        },
        "resources": [
            {"type": "Microsoft.Network/virtualNetworks", "name": "[variables('netName')]",
             "resources": [{"type": "subnets", "name": "a"}]},
            {"type": "Microsoft.Network/networkInterfaces", "name": "nic1"},
            {"type": "Microsoft.Network/publicIPAddresses", "name": "[concat('ip', copyIndex())]", "copy": {"name": "ipLoop", "count": 2}},
            {"type": "Microsoft.Storage/storageAccounts", "name": "[parameters('storageName')]"},
            {"type": "Microsoft.Compute/virtualMachines", "name": "vm1", "dependsOn": [
                "[resourceId('Microsoft.Network/virtualNetworks', 'net1')]",
                "Microsoft.Network/networkInterfaces/nic1",
                "nic1",
                "ipLoop",
                "[variables('storageId')]",
                "[parameters('storageName')]",
                "Microsoft.Network/virtualNetworks/net1/subnets/a",
                "a",
                "vm1",
                "/subscriptions/other/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/outside",
                "somethingElse"
            ]}
        ]
    }));
    let vm = named(&expansion, "vm1");
    let under = |path: &str| format!("{GROUP}/providers/{path}");
    assert_eq!(
        vm.depends_on,
        [
            under("Microsoft.Network/virtualNetworks/net1"),
            under("Microsoft.Network/networkInterfaces/nic1"),
            under("Microsoft.Network/publicIPAddresses/ip0"),
            under("Microsoft.Network/publicIPAddresses/ip1"),
            under("Microsoft.Storage/storageAccounts/logs01"),
            under("Microsoft.Network/virtualNetworks/net1/subnets/a"),
            "/subscriptions/other/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/outside"
                .to_string(),
            "somethingElse".to_string(),
        ]
    );
    let unresolved =
        expansion.diagnostics.iter().find(|d| d.code == "template.depends-on-unresolved").expect("reported");
    assert!(unresolved.message.ends_with("somethingElse"), "{}", unresolved.message);
}

#[test]
fn language_version_two_uses_symbolic_names_and_skips_existing_resources() {
    let expansion = expand_template(&fixture!("symbolic-names.json"));
    assert_ids_parse(&expansion);
    let locations: Vec<&str> = expansion.resources.iter().map(|(location, _)| location.as_str()).collect();
    assert_eq!(
        locations,
        [
            "resources['links'] (links 0)",
            "resources['links'] (links 1)",
            "resources['vnet']",
            "resources['zones'] (zones 0)",
            "resources['zones'] (zones 1)"
        ]
    );
    let existing = expansion.diagnostics.iter().find(|d| d.code == "template.existing-resource").expect("reported");
    assert_eq!((existing.severity, existing.location.as_deref()), (Severity::Info, Some("resources['logs']")));
    let link = named(&expansion, "fabrikam.internal/spoke-link");
    assert_eq!(
        link.depends_on,
        [
            format!("{GROUP}/providers/Microsoft.Network/virtualNetworks/spoke-vnet"),
            format!("{GROUP}/providers/Microsoft.Network/privateDnsZones/contoso.internal"),
            format!("{GROUP}/providers/Microsoft.Network/privateDnsZones/fabrikam.internal"),
            "/subscriptions/{subscriptionId}/resourceGroups/monitoring-rg/providers/Microsoft.OperationalInsights/workspaces/central-logs"
                .to_string(),
        ]
    );
    assert_eq!(text_of(named(&expansion, "spoke-vnet").location.as_ref()), Some("chinaeast2"));
}

#[test]
fn nested_deployments_expand_in_inner_and_outer_scope() {
    let expansion = expand_template(&fixture!("nested-deployments.json"));
    assert_ids_parse(&expansion);
    let shared = "/subscriptions/{subscriptionId}/resourceGroups/shared-network-rg";
    let zone = named(&expansion, "privatelink.orders.internal");
    assert_eq!(
        id_of(zone),
        format!("{shared}/providers/Microsoft.Network/privateDnsZones/privatelink.orders.internal")
    );
    assert_eq!(
        zone.tags.as_ref().map(|t| serde_json::from_str::<Value>(t.get()).unwrap()),
        Some(json!({"owner": "inner-default", "group": "shared-network-rg", "key": "[parameters('adminKey')]"})),
        "inner scope: own defaults, the target group, Key Vault references kept as written"
    );
    let deployment = named(&expansion, "shared-dns");
    assert_eq!(id_of(deployment), format!("{shared}/providers/Microsoft.Resources/deployments/shared-dns"));
    assert_eq!(properties(deployment)["parameters"]["zoneName"]["value"], json!("privatelink.orders.internal"));
    assert_eq!(
        properties(deployment)["template"]["resources"][0]["name"],
        json!("[parameters('zoneName')]"),
        "the inner template is kept as written"
    );
    assert_eq!(named(&expansion, "app-tier").depends_on, [id_of(deployment)]);
    let site = named(&expansion, "orders");
    assert_eq!(
        site.depends_on,
        [format!("{GROUP}/providers/Microsoft.Web/serverfarms/orders-plan")],
        "outer scope variables"
    );
    let locations: Vec<&str> = expansion.resources.iter().map(|(location, _)| location.as_str()).collect();
    assert!(locations.contains(&"resources[1].properties.template.resources[1]"), "{locations:?}");
    let linked = expansion.diagnostics.iter().find(|d| d.code == "template.linked-template").expect("reported");
    assert!(linked.message.contains("https://example.invalid/templates/monitoring.json"), "{}", linked.message);
    assert_eq!(expansion.resources.len(), 6);
}

#[test]
fn exported_templates_use_their_externalid_parameters() {
    let expansion = expand_template(&fixture!("exported-group.json"));
    assert_ids_parse(&expansion);
    let subnet = named(&expansion, "hub-vnet/apps");
    assert_eq!(text_of(subnet.resource_type.as_ref()), Some("Microsoft.Network/virtualNetworks/subnets"));
    assert_eq!(subnet.depends_on, [format!("{GROUP}/providers/Microsoft.Network/virtualNetworks/hub-vnet")]);
    let vm = named(&expansion, "app01");
    assert_eq!(
        properties(vm)["storageProfile"]["osDisk"]["managedDisk"]["id"],
        json!("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/APP-RG/providers/Microsoft.Compute/disks/app01_OsDisk_1")
    );
    assert_eq!(vm.zones.as_ref().map(|z| z.get()), Some(r#"["2"]"#));
    assert_eq!(vm.identity.as_ref().map(|raw| raw.get()), Some(r#"{"type":"SystemAssigned"}"#));
    let nic = named(&expansion, "app01-nic");
    assert_eq!((text_of(nic.location.as_ref()), text_of(nic.kind.as_ref())), (Some("chinanorth3"), Some("Regular")));
    assert!(expansion.diagnostics.iter().all(|d| d.severity == Severity::Info), "{:?}", expansion.diagnostics);
}

#[test]
fn locations_from_the_resource_group_are_left_empty_and_counted_once() {
    let expansion = expand_template(&json!({
        "contentVersion": "1.0.0.0",
        "parameters": {"location": {"type": "string", "defaultValue": "[resourceGroup().location]"}},
        "resources": [
            {"type": "Microsoft.Network/virtualNetworks", "name": "a", "location": "[parameters('location')]"},
            {"type": "Microsoft.Network/virtualNetworks", "name": "b", "location": "[resourceGroup().location]"},
            {"type": "Microsoft.Network/virtualNetworks", "name": "c", "location": "[toLower('ChinaNorth3')]"}
        ]
    }));
    let locations: Vec<Option<&str>> =
        expansion.resources.iter().map(|(_, record)| text_of(record.location.as_ref())).collect();
    assert_eq!(locations, [None, None, Some("chinanorth3")]);
    assert_eq!(codes(&expansion), ["template.location-from-group"]);
    assert!(expansion.diagnostics[0].message.starts_with("2 resource(s)"));
}

#[test]
fn subscription_templates_place_resources_in_the_subscription() {
    let expansion = expand_template(&json!({
        "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
        "resources": [{"type": "Microsoft.Resources/resourceGroups", "name": "app-rg", "location": "chinanorth3"}]
    }));
    assert_eq!(
        id_of(&expansion.resources[0].1),
        "/subscriptions/{subscriptionId}/providers/Microsoft.Resources/resourceGroups/app-rg"
    );
}

#[test]
fn broken_declarations_are_reported_and_never_fail_the_template() {
    let expansion = expand_template(&json!({
        "contentVersion": "1.0.0.0",
        "resources": [
            42,
            {"name": "no-type"},
            {"type": "[reference('x').type]", "name": "unknown-type"},
            {"type": "Microsoft.Web/sites", "name": "[reference('x').siteName]"},
            {"type": "Microsoft.Web/sites", "name": "too/many/parts"},
            {"type": "Microsoft.Web/sites/slots", "name": "lonely"},
            {"type": "Microsoft.Web/sites"},
            {"type": "NoNamespace", "name": "x"},
            {"type": "Microsoft.Web/sites", "name": "app", "resources": "not a list"}
        ]
    }));
    assert_ids_parse(&expansion);
    let names: Vec<&str> = expansion.resources.iter().filter_map(|(_, record)| text_of(record.name.as_ref())).collect();
    assert_eq!(names, ["[reference('x').siteName]", "too/many/parts", "lonely", "{name}", "app"]);
    for code in [
        "template.resource-not-an-object",
        "template.type-missing",
        "template.type-unknown",
        "template.name-unknown",
        "template.name-type-mismatch",
        "template.name-missing",
        "template.type-invalid",
        "template.resources-not-a-list",
    ] {
        assert!(codes(&expansion).contains(&code), "{code} missing from {:?}", codes(&expansion));
    }
    assert!(expand_template(&json!("not a template")).resources.is_empty());
    assert_eq!(codes(&expand_template(&json!({"contentVersion": "1.0.0.0"}))), ["template.no-resources"]);
}

#[test]
fn deeply_nested_values_are_bounded() {
    let mut deep = json!("[concat('x')]");
    for _ in 0..300 {
        deep = json!({ "inner": deep });
    }
    let template = json!({"contentVersion": "1.0.0.0", "resources": [{"type": "Microsoft.Web/sites", "name": "app", "properties": deep}]});
    let expansion = expand_template(&template);
    assert_eq!(expansion.resources.len(), 1);
    let nested_call = format!("[{}'x'{}]", "concat(".repeat(5_000), ")".repeat(5_000));
    assert!(matches!(eval(&nested_call), Err(Unresolved::Invalid(_))));
    // A long chain of variables, each buried in objects, stops at the depth limit.
    let mut variables = serde_json::Map::new();
    for i in 0..400 {
        variables.insert(format!("v{i}"), json!({"a": {"b": [format!("[variables('v{}')]", i + 1)]}}));
    }
    let template = json!({"variables": variables});
    assert!(eval_in(&template, "[variables('v0')]").is_ok(), "the innermost level is kept as written");
    let chain = json!({"variables": (0..400).map(|i| (format!("v{i}"), json!(format!("[variables('v{}')]", i + 1)))).collect::<serde_json::Map<_, _>>()});
    assert!(matches!(eval_in(&chain, "[variables('v0')]"), Err(Unresolved::Invalid(_))));
}

#[test]
fn child_types_are_compared_without_slicing_inside_characters() {
    let expansion = expand_template(&json!({
        "contentVersion": "1.0.0.0",
        "resources": [{"type": "Contoso.Wé/things", "name": "a", "resources": [{"type": "Contoso.W/things€/x", "name": "b"}]}]
    }));
    assert_eq!(expansion.resources.len(), 2);
    assert_ids_parse(&expansion);
}

// Property tests run natively only: proptest needs an OS random source.
#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_on_arbitrary_expressions(
        text in "\\[[a-zA-Z()',.\\[\\] 0-9{}/é-]{0,48}\\]",
        literal in "[a-zA-Z0-9./ {}é€-]{0,24}",
    ) {
        let template = json!({
            "contentVersion": "1.0.0.0",
            "parameters": {"p": {"type": "string", "defaultValue": text.clone()}},
            "variables": {"v": text.clone()},
            "resources": [{
                "type": "Microsoft.Network/virtualNetworks",
                "name": text.clone(),
                "location": text.clone(),
                "condition": text.clone(),
                "copy": {"name": "loop", "count": text.clone()},
                "dependsOn": [text.clone(), "[variables('v')]"],
                "properties": {"a": text.clone(), "b": "[parameters('p')]", "copy": [{"name": "c", "count": text.clone(), "input": text.clone()}]},
                "resources": [{"type": text.clone(), "name": text.clone()}, {"type": literal.clone(), "name": literal.clone()}]
            }, {
                "type": literal.clone(),
                "name": literal.clone(),
                "scope": literal.clone(),
                "dependsOn": [literal.clone()]
            }]
        });
        let expansion = expand_template(&template);
        for (_, record) in &expansion.resources {
            proptest::prop_assert!(ResourceId::parse(id_of(record)).is_ok(), "{}", id_of(record));
        }
    }
}

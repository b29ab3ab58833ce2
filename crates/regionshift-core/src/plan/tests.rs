//! Unit tests of dependency detection, waves and durations, on small estates written
//! as Resource Graph rows, and property tests on random graphs with cycles.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::schedule::{throughput_gb_per_hour, transfer_hours};
use super::*;
use crate::azure::ResourceType;
use crate::input::InputFile;
use crate::inventory::{import, DeclaredDependency, ImportOptions};
use crate::methods::method_for;

const RG: &str = "/subscriptions/0000/resourceGroups/app-rg/providers";

fn id(rest: &str) -> String {
    format!("{RG}/{rest}")
}

fn row(rest: &str, properties: Value) -> Value {
    let full = id(rest);
    let parsed = ResourceId::parse(&full).unwrap();
    json!({
        "id": full,
        "name": parsed.name(),
        "type": parsed.resource_type().as_str(),
        "location": "eastus",
        "resourceGroup": "app-rg",
        "subscriptionId": "0000",
        "properties": properties,
    })
}

fn inventory(rows: Vec<Value>) -> Inventory {
    let text = serde_json::to_string(&rows).unwrap();
    let imported = import(&[InputFile::new("estate.json", text)], &ImportOptions::default());
    assert_eq!(imported.inventory.len(), rows.len(), "{:#?}", imported.diagnostics);
    imported.inventory
}

fn edge_set(graph: &DependencyGraph) -> Vec<(String, String)> {
    graph.edges.iter().map(|e| (e.from.name().to_string(), e.to.name().to_string())).collect()
}

fn has_edge(graph: &DependencyGraph, from: &str, to: &str) -> bool {
    graph.edges.iter().any(|e| e.from.name() == from && e.to.name() == to)
}

fn network() -> Vec<Value> {
    vec![
        row(
            "Microsoft.Network/virtualNetworks/vnet",
            json!({"subnets": [{"id": id("Microsoft.Network/virtualNetworks/vnet/subnets/app"), "name": "app",
                "properties": {"addressPrefix": "10.0.0.0/24",
                    "networkSecurityGroup": {"id": id("Microsoft.Network/networkSecurityGroups/nsg")},
                    "ipConfigurations": [{"id": id("Microsoft.Network/networkInterfaces/nic/ipConfigurations/ip")}]}}]}),
        ),
        row(
            "Microsoft.Network/networkSecurityGroups/nsg",
            json!({"securityRules": [], "subnets": [{"id": id("Microsoft.Network/virtualNetworks/vnet/subnets/app")}],
                "networkInterfaces": [{"id": id("Microsoft.Network/networkInterfaces/nic")}]}),
        ),
        row(
            "Microsoft.Network/networkInterfaces/nic",
            json!({"ipConfigurations": [{"id": id("Microsoft.Network/networkInterfaces/nic/ipConfigurations/ip"), "name": "ip",
                "properties": {"subnet": {"id": id("Microsoft.Network/virtualNetworks/vnet/subnets/app")},
                    "publicIPAddress": {"id": id("Microsoft.Network/publicIPAddresses/pip")}}}],
                "virtualMachine": {"id": id("Microsoft.Compute/virtualMachines/vm")}}),
        ),
        row(
            "Microsoft.Network/publicIPAddresses/pip",
            json!({"ipConfiguration": {"id": id("Microsoft.Network/networkInterfaces/nic/ipConfigurations/ip")}}),
        ),
    ]
}

fn estate() -> Vec<Value> {
    let mut rows = network();
    rows.push(row(
        "Microsoft.Compute/virtualMachines/vm",
        json!({"networkProfile": {"networkInterfaces": [{"id": id("Microsoft.Network/networkInterfaces/nic")}]},
            "storageProfile": {"osDisk": {"managedDisk": {"id": id("Microsoft.Compute/disks/osdisk")}, "diskSizeGB": 128}},
            "diagnosticsProfile": {"bootDiagnostics": {"enabled": true, "storageUri": "https://diagstore.blob.core.windows.net/"}}}),
    ));
    let mut disk = row("Microsoft.Compute/disks/osdisk", json!({"diskSizeGB": 128}));
    disk["managedBy"] = json!(id("Microsoft.Compute/virtualMachines/vm"));
    rows.push(disk);
    rows.push(row(
        "Microsoft.Storage/storageAccounts/diagstore",
        json!({"privateEndpointConnections": [{"id": id("Microsoft.Storage/storageAccounts/diagstore/privateEndpointConnections/c"),
            "properties": {"privateEndpoint": {"id": id("Microsoft.Network/privateEndpoints/pe")}}}]}),
    ));
    rows.push(row(
        "Microsoft.Network/privateEndpoints/pe",
        json!({"subnet": {"id": id("Microsoft.Network/virtualNetworks/vnet/subnets/app")},
            "privateLinkServiceConnections": [{"name": "c", "properties": {
                "privateLinkServiceId": id("Microsoft.Storage/storageAccounts/diagstore"), "groupIds": ["blob"]}}],
            "networkInterfaces": [{"id": id("Microsoft.Network/networkInterfaces/pe-nic")}]}),
    ));
    rows
}

#[test]
fn a_nic_needs_the_virtual_network_of_its_subnet() {
    let graph = dependencies(&inventory(network()));
    let edge = graph.edges.iter().find(|e| e.from.name() == "nic" && e.to.name() == "vnet").unwrap();
    assert_eq!(edge.kind, EdgeKind::Network);
    assert_eq!(edge.path, "properties.ipConfigurations[0].properties.subnet.id");
    assert!(edge.must_exist_first);
    assert!(has_edge(&graph, "nic", "pip"));
    assert!(has_edge(&graph, "vnet", "nsg"));
}

#[test]
fn back_references_azure_computes_are_not_edges() {
    let graph = dependencies(&inventory(estate()));
    // NIC virtualMachine, PIP ipConfiguration, NSG subnets and interfaces, subnet
    // ipConfigurations, disk managedBy, privateEndpointConnections on the target.
    for (from, to) in [
        ("nic", "vm"),
        ("pip", "nic"),
        ("nsg", "vnet"),
        ("nsg", "nic"),
        ("vnet", "nic"),
        ("osdisk", "vm"),
        ("diagstore", "pe"),
    ] {
        assert!(!has_edge(&graph, from, to), "{from} -> {to} in {:?}", edge_set(&graph));
    }
}

#[test]
fn a_vm_needs_its_nic_and_disk_and_its_boot_diagnostics_account() {
    let graph = dependencies(&inventory(estate()));
    let find = |to: &str| graph.edges.iter().find(|e| e.from.name() == "vm" && e.to.name() == to).unwrap();
    assert_eq!(find("nic").kind, EdgeKind::Network);
    assert_eq!(find("osdisk").kind, EdgeKind::Data);
    let boot = find("diagstore");
    assert_eq!(boot.kind, EdgeKind::Data);
    assert_eq!(boot.path, "properties.diagnosticsProfile.bootDiagnostics.storageUri");
    assert!(!boot.must_exist_first, "a storage URI can be pointed at the new account afterwards");
}

#[test]
fn a_private_endpoint_needs_its_target_and_subnet() {
    let graph = dependencies(&inventory(estate()));
    assert!(has_edge(&graph, "pe", "diagstore"));
    assert!(has_edge(&graph, "pe", "vnet"));
    // The endpoint's own interface is created by the endpoint: not an external need.
    assert!(graph.external.iter().all(|x| !x.to.contains("pe-nic")), "{:#?}", graph.external);
}

#[test]
fn references_out_of_the_inventory_are_external_dependencies() {
    let rows = vec![row(
        "Microsoft.Network/networkInterfaces/nic",
        json!({"ipConfigurations": [{"name": "ip", "properties": {"subnet": {"id":
            "/subscriptions/0000/resourceGroups/hub-rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/shared"}}}]}),
    )];
    let graph = dependencies(&inventory(rows));
    assert!(graph.edges.is_empty());
    assert_eq!(graph.external.len(), 1);
    let external = &graph.external[0];
    assert_eq!(
        external.to,
        "/subscriptions/0000/resourceGroups/hub-rg/providers/Microsoft.Network/virtualNetworks/hub"
    );
    assert!(external.reference.ends_with("/subnets/shared"));
    assert_eq!(external.kind, EdgeKind::Network);
    assert_eq!(external.path, "properties.ipConfigurations[0].properties.subnet.id");
}

#[test]
fn own_sub_resources_are_not_edges() {
    let rows = vec![row(
        "Microsoft.Network/loadBalancers/lb",
        json!({"frontendIPConfigurations": [{"id": id("Microsoft.Network/loadBalancers/lb/frontendIPConfigurations/fe"), "name": "fe"}],
            "loadBalancingRules": [{"name": "r", "properties": {
                "frontendIPConfiguration": {"id": id("Microsoft.Network/loadBalancers/lb/frontendIPConfigurations/fe")},
                "backendAddressPool": {"id": id("Microsoft.Network/loadBalancers/lb/backendAddressPools/be")}}}]}),
    )];
    let graph = dependencies(&inventory(rows));
    assert!(graph.edges.is_empty() && graph.external.is_empty(), "{graph:#?}");
}

#[test]
fn children_need_their_parent_and_declared_dependencies_are_edges() {
    let mut inventory = inventory(vec![
        row("Microsoft.Sql/servers/sql", json!({})),
        row("Microsoft.Sql/servers/sql/databases/db", json!({"maxSizeBytes": 268435456000u64})),
        row("Microsoft.Web/serverfarms/plan", json!({})),
        row("Microsoft.Web/sites/web", json!({"serverFarmId": id("Microsoft.Web/serverfarms/plan")})),
    ]);
    let web = inventory.resources.iter().position(|r| r.id.name() == "web").unwrap();
    inventory.resources[web].depends_on = vec![
        DeclaredDependency {
            text: "sql".into(),
            id: Some(ResourceId::parse(&id("Microsoft.Sql/servers/sql")).unwrap()),
        },
        DeclaredDependency { text: "[parameters('other')]".into(), id: None },
    ];
    let graph = dependencies(&inventory);
    let containment = graph.edges.iter().find(|e| e.from.name() == "db").unwrap();
    assert_eq!(
        (containment.to.name(), containment.kind, containment.path.as_str()),
        ("sql", EdgeKind::Containment, "id")
    );
    let hosting = graph.edges.iter().find(|e| e.from.name() == "web" && e.to.name() == "plan").unwrap();
    assert_eq!(hosting.kind, EdgeKind::Hosting);
    let declared = graph.edges.iter().find(|e| e.from.name() == "web" && e.to.name() == "sql").unwrap();
    assert_eq!((declared.kind, declared.path.as_str()), (EdgeKind::Declared, "dependsOn"));
    assert!(graph.external.iter().any(|x| x.to == "[parameters('other')]" && x.kind == EdgeKind::Declared));
}

#[test]
fn connection_strings_and_key_urls_name_their_resource() {
    let rows = vec![
        row("Microsoft.Sql/servers/sql-prod", json!({})),
        row("Microsoft.KeyVault/vaults/kv-app", json!({})),
        row(
            "Microsoft.Web/sites/web",
            json!({"siteConfig": {"connectionStrings": [{"name": "db",
                "connectionString": "Server=tcp:sql-prod.database.windows.net,1433;Initial Catalog=app"}]}}),
        ),
        row(
            "Microsoft.Compute/diskEncryptionSets/des",
            json!({"activeKey": {"keyUrl": "https://KV-App.vault.azure.net/keys/k/01"}}),
        ),
    ];
    let graph = dependencies(&inventory(rows));
    let sql = graph.edges.iter().find(|e| e.from.name() == "web").unwrap();
    assert_eq!((sql.to.name(), sql.kind), ("sql-prod", EdgeKind::Data));
    let vault = graph.edges.iter().find(|e| e.from.name() == "des").unwrap();
    assert_eq!((vault.to.name(), vault.kind), ("kv-app", EdgeKind::Security));
}

#[test]
fn user_assigned_identities_are_identity_edges() {
    let mut web = row("Microsoft.Web/sites/web", json!({}));
    web["identity"] = json!({"type": "UserAssigned", "userAssignedIdentities": {
        id("Microsoft.ManagedIdentity/userAssignedIdentities/app-id"): {"principalId": "p"}}});
    let graph =
        dependencies(&inventory(vec![web, row("Microsoft.ManagedIdentity/userAssignedIdentities/app-id", json!({}))]));
    assert_eq!(graph.edges.len(), 1);
    assert_eq!(
        (graph.edges[0].kind, graph.edges[0].path.as_str()),
        (EdgeKind::Identity, "identity.userAssignedIdentities")
    );
}

fn peered() -> Vec<Value> {
    let peering = |name: &str, remote: &str| {
        json!({"virtualNetworkPeerings": [{"name": name, "properties": {
            "remoteVirtualNetwork": {"id": id(&format!("Microsoft.Network/virtualNetworks/{remote}"))}}}]})
    };
    vec![
        row("Microsoft.Network/virtualNetworks/hub", peering("to-spoke", "spoke")),
        row("Microsoft.Network/virtualNetworks/spoke", peering("to-hub", "hub")),
        row(
            "Microsoft.Network/networkInterfaces/nic",
            json!({"ipConfigurations": [{"name": "ip", "properties": {
            "subnet": {"id": id("Microsoft.Network/virtualNetworks/spoke/subnets/s")}}}]}),
        ),
    ]
}

#[test]
fn peered_networks_form_one_cycle_that_moves_as_one_unit() {
    let plan = plan(&inventory(peered()), &PlanOptions::default());
    assert_eq!(plan.cycles.len(), 1);
    let cycle = &plan.cycles[0];
    let names: Vec<&str> = cycle.resources.iter().map(|r| r.name()).collect();
    assert_eq!(names, ["hub", "spoke"]);
    assert_eq!(cycle.edges.len(), 2);
    for &position in &cycle.edges {
        let edge = &plan.edges[position];
        assert!(cycle.resources.contains(&edge.from) && cycle.resources.contains(&edge.to));
    }
    assert_eq!(plan.waves.len(), 1, "max 50 per wave: one foundation wave");
    assert_eq!(plan.waves[0].units, 2);
    assert_eq!(plan.groups.len(), 1);
}

fn wave_of(plan: &Plan) -> HashMap<String, usize> {
    plan.waves.iter().flat_map(|w| w.resources.iter().map(move |r| (r.key().to_string(), w.number))).collect()
}

fn assert_edges_respected(plan: &Plan) {
    let waves = wave_of(plan);
    for edge in &plan.edges {
        assert!(waves[edge.to.key()] <= waves[edge.from.key()], "{} needs {}", edge.from, edge.to);
    }
}

#[test]
fn waves_put_foundation_first_and_respect_every_edge() {
    let plan = plan(&inventory(estate()), &PlanOptions::default());
    assert_edges_respected(&plan);
    let phases: Vec<Phase> = plan.waves.iter().map(|w| w.phase).collect();
    let mut sorted = phases.clone();
    sorted.sort();
    assert_eq!(phases, sorted);
    let waves = wave_of(&plan);
    let wave = |name: &str| waves[id(name).to_ascii_lowercase().as_str()];
    assert!(wave("Microsoft.Network/virtualNetworks/vnet") < wave("Microsoft.Storage/storageAccounts/diagstore"));
    assert!(wave("Microsoft.Storage/storageAccounts/diagstore") < wave("Microsoft.Compute/virtualMachines/vm"));
    // The private endpoint is networking, but its target is data: it follows it.
    assert!(wave("Microsoft.Network/privateEndpoints/pe") >= wave("Microsoft.Storage/storageAccounts/diagstore"));
    assert_eq!(plan.caveat, CAVEAT);
}

#[test]
fn waves_never_exceed_the_maximum_size() {
    for max in [1, 2, 3] {
        let plan = plan(&inventory(estate()), &PlanOptions { max_wave_size: max, ..PlanOptions::default() });
        assert!(plan.waves.iter().all(|w| w.resources.len() <= max), "max {max}");
        assert_edges_respected(&plan);
        assert_eq!(plan.waves.iter().map(|w| w.resources.len()).sum::<usize>(), 8);
    }
    // A cycle larger than the limit still moves as one unit, alone in its wave.
    let plan = plan(&inventory(peered()), &PlanOptions { max_wave_size: 1, ..PlanOptions::default() });
    assert_eq!(plan.waves[0].resources.len(), 2);
    assert_eq!(plan.waves[0].units, 1);
}

#[test]
fn throughput_and_copy_times_are_exact() {
    assert_eq!(throughput_gb_per_hour(Decimal::from(1000)), Decimal::from(450));
    assert_eq!(throughput_gb_per_hour(Decimal::from(100)), Decimal::from(45));
    // 128 GB at 450 GB/h is 0.2844… h, rounded up to 0.29.
    assert_eq!(transfer_hours(Decimal::from(128), Decimal::from(450)), Decimal::new(29, 2));
    assert_eq!(transfer_hours(Decimal::from(128), Decimal::from(45)), Decimal::new(285, 2));
    assert_eq!(transfer_hours(Decimal::from(900), Decimal::from(450)), Decimal::from(2));
    assert_eq!(transfer_hours(Decimal::from(5), Decimal::ZERO), Decimal::ZERO);
}

fn disks(sizes: &[u32]) -> Inventory {
    inventory(
        sizes
            .iter()
            .enumerate()
            .map(|(i, gb)| row(&format!("Microsoft.Compute/disks/d{i}"), json!({"diskSizeGB": gb})))
            .collect(),
    )
}

#[test]
fn task_hours_are_overhead_plus_data_over_throughput() {
    let options = PlanOptions { cross_cloud: true, ..PlanOptions::default() };
    let fixed = method_for(&ResourceType::new("Microsoft.Compute/disks"), None, true).fixed_overhead_hours;
    assert_eq!(fixed, Decimal::new(15, 1));
    let plan = plan(&disks(&[128]), &options);
    let task = &plan.waves[0].tasks[0];
    assert_eq!(task.data_gb, Some(Decimal::from(128)));
    assert_eq!(task.data_basis, DataBasis::Property("properties.diskSizeGB".into()));
    assert_eq!(task.transfer_hours, Decimal::new(29, 2));
    assert_eq!(task.hours, Decimal::new(179, 2));
    assert_eq!(plan.total_hours, Decimal::new(179, 2));
    // A database's maxSizeBytes is a cap: a 250 GiB cap moves the assumed 50 GB
    // (50 / 450 = 0.111… → 0.12 h); a 10 GiB cap moves at most 10 GB (0.0222… → 0.03 h).
    let db = |cap: u64| {
        inventory(vec![
            row("Microsoft.Sql/servers/sql", json!({})),
            row("Microsoft.Sql/servers/sql/databases/db", json!({"maxSizeBytes": cap})),
        ])
    };
    let task_of =
        |plan: &Plan| plan.waves.iter().flat_map(|w| &w.tasks).find(|t| t.resource.name() == "db").cloned().unwrap();
    let task = task_of(&super::plan(&db(268_435_456_000), &options));
    assert_eq!(task.data_gb, Some(Decimal::from(50)));
    assert_eq!(task.data_basis, DataBasis::Assumption(schedule::DATABASE_GB));
    assert_eq!(task.transfer_hours, Decimal::new(12, 2));
    let task = task_of(&super::plan(&db(10_737_418_240), &options));
    assert_eq!(task.data_gb, Some(Decimal::from(10)));
    assert_eq!(task.data_basis, DataBasis::Property("properties.maxSizeBytes".into()));
    assert_eq!(task.transfer_hours, Decimal::new(3, 2));
}

#[test]
fn storage_accounts_use_the_named_assumption() {
    let plan = plan(&inventory(vec![row("Microsoft.Storage/storageAccounts/st", json!({}))]), &PlanOptions::default());
    let task = &plan.waves[0].tasks[0];
    assert_eq!(task.data_basis, DataBasis::Assumption(schedule::STORAGE_ACCOUNT_GB));
    assert_eq!(task.data_gb, Some(Decimal::from(100)));
    // 100 / 450 = 0.222… → 0.23.
    assert_eq!(task.transfer_hours, Decimal::new(23, 2));
    let assumption = plan.assumptions.iter().find(|a| a.name == schedule::STORAGE_ACCOUNT_GB).unwrap();
    assert_eq!((assumption.value.as_str(), assumption.unit, assumption.applies_to), ("100", "GB", 1));
}

#[test]
fn a_wave_is_list_scheduled_longest_first_on_the_workers() {
    // Transfers of 1, 2 and 3 hours plus 1.5 h overhead each: 2.5, 3.5 and 4.5 hours.
    // Two workers: 4.5 on one; 3.5 then 2.5 on the other, ending at 6.
    let options = PlanOptions { cross_cloud: true, workers: Workers::new(2).unwrap(), ..PlanOptions::default() };
    let plan = plan(&disks(&[450, 900, 1350]), &options);
    assert_eq!(plan.waves.len(), 1);
    let wave = &plan.waves[0];
    let timing: Vec<(&str, Decimal, Decimal, u32)> =
        wave.tasks.iter().map(|t| (t.resource.name(), t.start_hours, t.end_hours, t.worker)).collect();
    assert_eq!(
        timing,
        [
            ("d2", Decimal::ZERO, Decimal::new(45, 1), 0),
            ("d1", Decimal::ZERO, Decimal::new(35, 1), 1),
            ("d0", Decimal::new(35, 1), Decimal::from(6), 1),
        ]
    );
    assert_eq!(wave.makespan_hours, Decimal::from(6));
    assert_eq!(plan.total_hours, Decimal::from(6));
    let path: Vec<&str> = plan.critical_path.iter().map(|r| r.name()).collect();
    assert_eq!(path, ["d1", "d0"], "d0 waited for d1's worker");
    // One worker: the sum, 10.5 hours.
    let plan =
        super::plan(&disks(&[450, 900, 1350]), &PlanOptions { workers: Workers::new(1).unwrap(), ..options.clone() });
    assert_eq!(plan.total_hours, Decimal::new(105, 1));
}

#[test]
fn dependencies_in_one_wave_start_after_their_dependency_ends() {
    let plan = plan(
        &inventory(estate()),
        &PlanOptions { max_wave_size: 0, workers: Workers::new(8).unwrap(), ..PlanOptions::default() },
    );
    let tasks: HashMap<&str, &Task> =
        plan.waves.iter().flat_map(|w| &w.tasks).map(|t| (t.resource.name(), t)).collect();
    for edge in &plan.edges {
        let (from, to) = (tasks[edge.from.name()], tasks[edge.to.name()]);
        assert!(from.start_hours >= to.end_hours, "{} starts before {} ends", edge.from, edge.to);
    }
    let last_wave = plan.waves.last().unwrap();
    assert_eq!(plan.total_hours, last_wave.end_hours);
    assert_eq!(plan.total_hours, plan.waves.iter().map(|w| w.makespan_hours).sum::<Decimal>());
}

#[test]
fn groups_follow_the_option() {
    let mut rows = estate();
    rows[0]["tags"] = json!({"App": "shop"});
    rows.push(row("Microsoft.Storage/storageAccounts/lonely", json!({})));
    let inventory = inventory(rows);
    let by_component = plan(&inventory, &PlanOptions::default()).groups;
    assert_eq!(by_component.len(), 2);
    assert_eq!(by_component[1].resources.len(), 1);
    // A component is named after the resource group most of it is in; a lone
    // resource after itself.
    assert_eq!(by_component[0].name, "Component 1: app-rg");
    assert_eq!(by_component[1].name, "Component 2: lonely");
    let by_group = plan(&inventory, &PlanOptions { group_by: GroupBy::ResourceGroup, ..PlanOptions::default() }).groups;
    assert_eq!(by_group.len(), 1);
    assert_eq!(by_group[0].name, "app-rg");
    let by_tag =
        plan(&inventory, &PlanOptions { group_by: GroupBy::Tag("app".into()), ..PlanOptions::default() }).groups;
    let names: Vec<&str> = by_tag.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, [groups::UNTAGGED, "shop"]);
}

#[test]
fn the_sample_estate_plans() {
    let text = include_str!("../../../../data/sample-estate.json");
    let inventory = import(&[InputFile::new("sample-estate.json", text)], &ImportOptions::default()).inventory;
    let plan = plan(&inventory, &PlanOptions::default());
    assert_edges_respected(&plan);
    assert!(!plan.edges.is_empty());
    assert_eq!(plan.waves.iter().map(|w| w.resources.len()).sum::<usize>(), inventory.len());
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use proptest::prelude::*;

    use super::*;

    const TYPES: &[&str] = &[
        "Microsoft.Network/virtualNetworks",
        "Microsoft.Network/networkInterfaces",
        "Microsoft.Compute/virtualMachines",
        "Microsoft.Compute/disks",
        "Microsoft.Storage/storageAccounts",
        "Microsoft.Web/sites",
        "Microsoft.Insights/components",
        "Microsoft.KeyVault/vaults",
    ];

    /// Random estates: resources of assorted types, each referring to any others
    /// (cycles included) through a property.
    fn estates() -> impl Strategy<Value = Inventory> {
        (1usize..24)
            .prop_flat_map(|n| {
                (
                    proptest::collection::vec(0..TYPES.len(), n),
                    proptest::collection::vec((0..n, 0..n), 0..n * 3),
                    proptest::collection::vec(0u32..2000, n),
                )
            })
            .prop_map(|(types, references, sizes)| {
                let ids: Vec<String> =
                    types.iter().enumerate().map(|(i, &t)| format!("{}/r{i:02}", TYPES[t])).collect();
                let rows = ids
                    .iter()
                    .enumerate()
                    .map(|(i, rest)| {
                        let refs: Vec<Value> = references
                            .iter()
                            .filter(|(from, _)| *from == i)
                            .map(|(_, to)| json!({"id": id(&ids[*to])}))
                            .collect();
                        row(rest, json!({"links": refs, "diskSizeGB": sizes[i]}))
                    })
                    .collect();
                inventory(rows)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn every_dependency_moves_in_the_same_or_an_earlier_wave(
            inventory in estates(), max in 0usize..5, workers in 1u32..5,
        ) {
            let options = PlanOptions { max_wave_size: max, workers: Workers::new(workers).unwrap(), ..PlanOptions::default() };
            let plan = plan(&inventory, &options);
            let waves = wave_of(&plan);
            prop_assert_eq!(waves.len(), inventory.len());
            for edge in &plan.edges {
                prop_assert!(waves[edge.to.key()] <= waves[edge.from.key()]);
            }
            for wave in &plan.waves {
                prop_assert!(max == 0 || wave.resources.len() <= max || wave.units == 1);
                prop_assert!(wave.makespan_hours >= Decimal::ZERO);
            }
            for cycle in &plan.cycles {
                prop_assert!(cycle.resources.len() > 1 && !cycle.edges.is_empty());
            }
            prop_assert_eq!(plan.total_hours, plan.waves.iter().map(|w| w.makespan_hours).sum::<Decimal>());
        }

        #[test]
        fn the_same_input_gives_the_same_plan(inventory in estates(), max in 0usize..5) {
            let options = PlanOptions { max_wave_size: max, ..PlanOptions::default() };
            let first = serde_json::to_string(&plan(&inventory, &options)).unwrap();
            let second = serde_json::to_string(&plan(&inventory.clone(), &options)).unwrap();
            prop_assert_eq!(first, second);
        }
    }
}

#[test]
fn planning_with_several_options_at_once_gives_each_their_own_plan() {
    let estate = inventory(estate());
    let options = [
        PlanOptions::default(),
        PlanOptions { cross_cloud: true, ..PlanOptions::default() },
        PlanOptions { max_wave_size: 2, workers: Workers::new(1).unwrap(), ..PlanOptions::default() },
    ];
    let each = plan_each(&estate, &options);
    assert_eq!(each.len(), options.len());
    for (planned, options) in each.iter().zip(&options) {
        let alone = plan(&estate, options);
        assert_eq!(serde_json::to_value(planned).unwrap(), serde_json::to_value(&alone).unwrap());
    }
    assert!(plan_each(&estate, &[]).is_empty());
}

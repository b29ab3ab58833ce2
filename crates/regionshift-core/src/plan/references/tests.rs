//! Unit tests of the parts of dependency detection: host names, own endpoints, self
//! references, id keys, edge kinds and the case-insensitive hashing of id keys. The
//! detection as a whole is tested in `plan/tests.rs`.

use super::caseless::ascii_lowercase_word;
use super::hosts::find_host;
use super::ids::{id_key, is_self_reference, looks_like_id, parent_key};
use super::kind::{kind_by_type, EdgeKind};
use super::own_endpoints::names_own_endpoint;
use crate::azure::ResourceId;

#[test]
fn host_names_give_the_resource_name() {
    let (host, types) = find_host("https://Diag01.blob.core.windows.net/").unwrap();
    assert_eq!(host.name, "diag01");
    assert_eq!(host.full, "diag01.blob.core.windows.net");
    assert_eq!(types, &["microsoft.storage/storageaccounts"]);
    let (host, _) = find_host("Server=tcp:sql-prod.database.windows.net,1433;Initial Catalog=app;User ID=x").unwrap();
    assert_eq!(host.name, "sql-prod");
    let (host, _) = find_host("https://kv-app.vault.azure.cn/keys/k/0123").unwrap();
    assert_eq!(host.name, "kv-app");
    assert!(find_host("https://example.com/x").is_none());
    assert!(find_host("10.0.0.4").is_none());
    assert!(find_host(".blob.core.windows.net").is_none());
    assert!(find_host("x.blob.core.windows.net.evil.example").is_none());
}

#[test]
fn own_endpoints_are_recognised() {
    assert!(names_own_endpoint("https://st01-secondary.blob.core.windows.net/", "st01"));
    assert!(names_own_endpoint("https://cosmos-a-eastus.documents.azure.com:443/", "Cosmos-A"));
    assert!(names_own_endpoint("mi-erp.e8d9008c434.database.windows.net", "mi-erp"));
    assert!(!names_own_endpoint("https://st012.blob.core.windows.net/", "st01"));
    assert!(!names_own_endpoint("https://other.blob.core.windows.net/", "st01"));
}

#[test]
fn self_references_point_inside_the_resource() {
    let lb = "/subscriptions/s/resourcegroups/g/providers/microsoft.network/loadbalancers/lb";
    assert!(is_self_reference(lb, &format!("{lb}/frontendipconfigurations/f")));
    assert!(is_self_reference(lb, lb));
    assert!(!is_self_reference(lb, &format!("{lb}2")));
}

#[test]
fn id_keys_know_their_parent_like_resource_ids_do() {
    for text in [
        "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/a",
        "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v",
        "/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/app/providers/Microsoft.Insights/diagnosticSettings/d",
        "/subscriptions/s/resourceGroups/g/providers/Microsoft.Sql/servers/s/databases/d/providers/Microsoft.Authorization/locks/l",
    ] {
        assert!(looks_like_id(text), "{text}");
        let id = ResourceId::parse(text).unwrap();
        let key = id_key(text);
        assert_eq!(parent_key(&key), id.parent().as_ref().map(ResourceId::key), "{text}");
    }
    for text in
        ["/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks", "/x/y", "/subscriptions//a"]
    {
        assert!(!looks_like_id(text), "{text}");
    }
}

#[test]
fn kinds_follow_the_target() {
    assert_eq!(
        kind_by_type("microsoft.network/networkinterfaces", "microsoft.network/virtualnetworks", false),
        EdgeKind::Network
    );
    assert_eq!(kind_by_type("microsoft.web/sites", "microsoft.web/serverfarms", false), EdgeKind::Hosting);
    assert_eq!(kind_by_type("microsoft.compute/virtualmachines", "microsoft.compute/disks", false), EdgeKind::Data);
    assert_eq!(kind_by_type("microsoft.compute/disks", "microsoft.keyvault/vaults", false), EdgeKind::Security);
    assert_eq!(
        kind_by_type("microsoft.insights/components", "microsoft.operationalinsights/workspaces", false),
        EdgeKind::Monitoring
    );
    assert_eq!(
        kind_by_type("microsoft.web/sites", "microsoft.managedidentity/userassignedidentities", true),
        EdgeKind::Identity
    );
    assert_eq!(
        kind_by_type("microsoft.web/sites", "microsoft.sql/servers/databases", false),
        EdgeKind::Data,
        "a child type takes its namespace's class"
    );
}

#[test]
fn eight_bytes_lowercase_like_the_standard_library() {
    for text in [*b"ABCDEFGH", *b"@[`{Zz09", *b"/Sub/RG/", [0xc3, 0x84, b'A', 0x7f, 0x80, 0xff, b'Z', b'a']] {
        let mut expected = text;
        expected.make_ascii_lowercase();
        assert_eq!(ascii_lowercase_word(u64::from_le_bytes(text)).to_le_bytes(), expected, "{text:?}");
    }
    for byte in 0..=255u8 {
        let word = u64::from_le_bytes([byte; 8]);
        assert_eq!(ascii_lowercase_word(word).to_le_bytes(), [byte.to_ascii_lowercase(); 8], "{byte}");
    }
}

//! Names and ids of the sample estate: its tenant, subscriptions, resource groups and
//! regions, resource ids, the name-derived GUIDs and timestamps that keep it
//! deterministic, its tags, and the managed identities other resources use.

use serde_json::{json, Map, Value};
use sha1::{Digest, Sha1};

use super::Estate;

/// The namespace of every GUID in the estate, `6f0c2a4e-3b1d-5e7f-8a9b-0c1d2e3f4a5b`.
const NAMESPACE: [u8; 16] =
    [0x6f, 0x0c, 0x2a, 0x4e, 0x3b, 0x1d, 0x5e, 0x7f, 0x8a, 0x9b, 0x0c, 0x1d, 0x2e, 0x3f, 0x4a, 0x5b];

pub(super) const TENANT: &str = "5a1d3c9e-7b2f-4e6a-8c0d-1f9e3b7a2c64";
/// Contoso Retail - Production.
pub(super) const SUB: &str = "3f1c7a52-9d4e-4b8a-a6f3-2c5e8d1b7a90";
/// Contoso Retail - Innovation.
pub(super) const SUB_LABS: &str = "8b2e4f61-3c7d-4e19-9a05-d6f2b81c4e37";

pub(super) const NET: &str = "rg-retail-network";
pub(super) const DATA: &str = "rg-retail-data";
pub(super) const APPS: &str = "rg-retail-apps";
pub(super) const MON: &str = "rg-retail-monitoring";
pub(super) const LABS: &str = "rg-retail-innovation";
pub(super) const AKS_NODES: &str = "MC_rg-retail-apps_aks-retail-prod_eastus";

pub(super) const EUS: &str = "eastus";
pub(super) const WEU: &str = "westeurope";
pub(super) const SEA: &str = "southeastasia";
pub(super) const EUS2: &str = "eastus2";

/// A region's display name.
pub(super) fn display(location: &str) -> &'static str {
    match location {
        EUS => "East US",
        WEU => "West Europe",
        SEA => "Southeast Asia",
        EUS2 => "East US 2",
        _ => "",
    }
}

/// The name-based (version 5, SHA-1) UUID of `name` in `namespace` (RFC 9562), in its
/// lower-case hyphenated form.
pub(super) fn uuid_v5(namespace: &[u8; 16], name: &str) -> String {
    let digest = Sha1::new().chain_update(namespace).chain_update(name.as_bytes()).finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC variant
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// The estate's GUID for a name made of `parts` joined by `/`.
pub(super) fn guid(parts: &[&str]) -> String {
    uuid_v5(&NAMESPACE, &parts.join("/"))
}

/// A GUID without its hyphens.
pub(super) fn guid_hex(parts: &[&str]) -> String {
    guid(parts).replace('-', "")
}

/// The first `digits` hex digits of a GUID as a number: the estate's source of variety.
pub(super) fn guid_number(parts: &[&str], digits: usize) -> u64 {
    u64::from_str_radix(&guid(parts)[..digits], 16).unwrap_or_default()
}

/// A fixed, plausible creation time derived from the name.
pub(super) fn stamp(parts: &[&str]) -> String {
    let mut named = vec!["time"];
    named.extend_from_slice(parts);
    let n = guid_number(&named, 8);
    format!(
        "20{}-{:02}-{:02}T{:02}:{:02}:{:02}.{:07}Z",
        21 + n % 3,
        1 + n % 12,
        1 + (n >> 4) % 28,
        (n >> 9) % 24,
        (n >> 14) % 60,
        (n >> 20) % 60,
        n % 9_999_999
    )
}

/// The id of a resource of the production subscription.
pub(super) fn rid(group: &str, resource_type: &str, name: &str) -> String {
    rid_in(SUB, group, resource_type, name)
}

/// The id of a resource of `subscription`.
pub(super) fn rid_in(subscription: &str, group: &str, resource_type: &str, name: &str) -> String {
    format!("/subscriptions/{subscription}/resourceGroups/{group}/providers/{resource_type}/{name}")
}

/// A reference to another resource, `{"id": ...}`.
pub(super) fn link(id: &str) -> Value {
    json!({"id": id})
}

/// The last segment of an id.
pub(super) fn last(id: &str) -> &str {
    id.rsplit('/').next().unwrap_or(id)
}

/// The tags every resource carries; `workload` is the app's unless given.
pub(super) fn tags(app: &str, owner: &str, cost: &str) -> Value {
    tags_for(app, owner, cost, app)
}

pub(super) fn tags_for(app: &str, owner: &str, cost: &str, workload: &str) -> Value {
    json!({
        "app": app, "env": "prod", "owner": format!("{owner}@contoso-retail.example"), "costCenter": cost,
        "workload": workload,
    })
}

pub(super) fn tag_net() -> Value {
    tags_for("network", "netops", "CC-4100", "connectivity")
}

pub(super) fn tag_mon() -> Value {
    tags_for("monitoring", "platform", "CC-4100", "observability")
}

pub(super) fn tag_sec() -> Value {
    tags_for("security", "secops", "CC-4150", "identity")
}

pub(super) fn t_web() -> Value {
    tags_for("storefront", "ecom", "CC-4200", "storefront-web")
}

pub(super) fn t_app() -> Value {
    tags_for("storefront-api", "ecom", "CC-4200", "storefront-app")
}

pub(super) fn t_pos() -> Value {
    tags_for("pos", "storeops", "CC-4310", "store-backend")
}

pub(super) fn t_data() -> Value {
    tags_for("data-platform", "data", "CC-4300", "analytics")
}

pub(super) fn t_weu() -> Value {
    tags_for("pos", "storeops", "CC-4110", "stores-eu")
}

pub(super) fn t_sea() -> Value {
    tags_for("pos", "storeops", "CC-4120", "stores-apac")
}

pub(super) fn t_func() -> Value {
    tags("order-processing", "ecom", "CC-4210")
}

/// A system-assigned identity.
pub(super) fn system_identity(name: &str) -> Value {
    json!({"type": "SystemAssigned", "principalId": guid(&["principal", name]), "tenantId": TENANT})
}

/// User-assigned identities, with a system-assigned one too when `system`.
pub(super) fn user_identity(name: &str, identities: &[&str], system: bool) -> Value {
    let assigned: Map<String, Value> = identities
        .iter()
        .map(|id| {
            (id.to_string(), json!({"principalId": guid(&["principal", id, name]), "clientId": guid(&["client", id])}))
        })
        .collect();
    let mut block = json!({
        "type": if system { "SystemAssigned, UserAssigned" } else { "UserAssigned" },
        "userAssignedIdentities": assigned,
    });
    if system {
        block["principalId"] = json!(guid(&["principal", name]));
        block["tenantId"] = json!(TENANT);
    }
    block
}

const IDENTITIES: &str = "Microsoft.ManagedIdentity/userAssignedIdentities";

pub(super) fn id_apps() -> String {
    rid(APPS, IDENTITIES, "id-retail-apps")
}

pub(super) fn id_aks() -> String {
    rid(APPS, IDENTITIES, "id-retail-aks")
}

pub(super) fn id_cmk() -> String {
    rid(DATA, IDENTITIES, "id-retail-cmk")
}

pub(super) fn id_appgw() -> String {
    rid(NET, IDENTITIES, "id-retail-appgw")
}

pub(super) fn id_kubelet() -> String {
    rid(AKS_NODES, IDENTITIES, "aks-retail-prod-agentpool")
}

/// The user-assigned managed identities.
pub(super) fn managed_identities(e: &mut Estate) {
    for (id, tags) in [
        (id_apps(), tags("storefront", "ecom", "CC-4200")),
        (id_aks(), tags("aks", "platform", "CC-4100")),
        (id_cmk(), tag_sec()),
        (id_appgw(), tag_net()),
        (id_kubelet(), json!({})),
    ] {
        let name = last(&id);
        let properties =
            json!({"tenantId": TENANT, "principalId": guid(&["principal", name]), "clientId": guid(&["client", name])});
        e.add(&id, IDENTITIES, EUS, properties).tags(&tags);
    }
}

//! Synthetic Resource Graph exports for benchmarks and scale tests.
//!
//! [`resource_graph_export`] writes a fictional estate of any size in the shape
//! `az graph query -o json` prints (`{"count", "data", "skip_token", "total_records"}`),
//! with property bodies shaped like real Resource Graph rows: VMs with their NICs,
//! disks and extensions, VNets with subnets, NSGs with rules, load balancers, NAT
//! gateways, storage accounts, key vaults, web apps, SQL databases, private endpoints,
//! monitoring, disk accesses, image galleries, placement groups; about 2 KB a record.
//! Every reference names a resource of the same export, as a full resource id or as a
//! key vault or storage URL: about 3 configuration references per resource (NIC to
//! subnet, VM to disk and gallery applications, disk to disk access) plus 0.55
//! back-references Azure adds (NIC to VM, subnet to NIC), which a dependency analysis
//! must recognise as not being edges.
//!
//! Generation is pure and deterministic: the same size and seed give the same bytes.
//! It reads no clock and no OS randomness; a splitmix64 generator seeded by the
//! caller makes the choices. The text is built with `write!` into one `String`.

use std::fmt::{self, Write as _};

/// What a synthetic export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportStats {
    /// Resource records in `data`.
    pub resources: usize,
    /// Configuration references: id strings and key vault or storage URLs in a record
    /// that name another resource of the export (NIC to subnet, VM to disk, disk
    /// `managedBy` VM, web app to plan, extension to its settings' vault).
    pub references: usize,
    /// Back-references Azure adds to show use (NIC to its VM, subnet to the NICs in
    /// it, NSG to its subnets); a dependency analysis must not count them as edges.
    pub back_references: usize,
    /// Length of the JSON text in bytes.
    pub bytes: usize,
}

impl ExportStats {
    /// Configuration references per resource.
    pub fn references_per_resource(&self) -> f64 {
        if self.resources == 0 {
            0.0
        } else {
            self.references as f64 / self.resources as f64
        }
    }

    /// Average record size in bytes, envelope included.
    pub fn bytes_per_resource(&self) -> f64 {
        if self.resources == 0 {
            0.0
        } else {
            self.bytes as f64 / self.resources as f64
        }
    }
}

/// An `az graph query` export of exactly `resources` records, generated from `seed`.
pub fn resource_graph_export(resources: usize, seed: u64) -> String {
    resource_graph_export_with_stats(resources, seed).0
}

/// [`resource_graph_export`], with counts of what the export holds.
pub fn resource_graph_export_with_stats(resources: usize, seed: u64) -> (String, ExportStats) {
    let mut generator = Generator::new(resources, seed);
    generator.run();
    let stats = ExportStats {
        resources: generator.written,
        references: generator.references,
        back_references: generator.back_references,
        bytes: generator.json.out.len(),
    };
    let mut text = generator.json.out;
    text.shrink_to_fit();
    (text, stats)
}

/// splitmix64: tiny, fast, and good enough to vary names and sizes (and the mutation
/// runner's choices).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    pub(crate) fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub(crate) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn guid(&mut self) -> Guid {
        Guid(self.next(), self.next())
    }

    fn timestamp(&mut self) -> Timestamp {
        Timestamp(self.next())
    }
}

/// A GUID in its usual 8-4-4-4-12 form.
#[derive(Clone, Copy)]
struct Guid(u64, u64);

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (a, b) = (self.0, self.1);
        write!(
            f,
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            0x8000 | ((b >> 48) & 0x3fff),
            b & 0xffff_ffff_ffff
        )
    }
}

/// An ARM timestamp between 2021 and 2024.
#[derive(Clone, Copy)]
struct Timestamp(u64);

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        write!(
            f,
            "{}-{:02}-{:02}T{:02}:{:02}:{:02}.{:07}Z",
            2021 + v % 4,
            1 + (v >> 8) % 12,
            1 + (v >> 16) % 28,
            (v >> 24) % 24,
            (v >> 32) % 60,
            (v >> 40) % 60,
            (v >> 44) % 10_000_000
        )
    }
}

/// A streaming JSON writer: commas are placed by the writer, values escaped.
struct Json {
    out: String,
    /// A value was written at the current level, so the next one needs a comma.
    comma: bool,
}

impl Json {
    fn separate(&mut self) {
        if self.comma {
            self.out.push(',');
        }
    }

    fn key(&mut self, key: &str) {
        self.separate();
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
        self.comma = false;
    }

    fn obj(&mut self) {
        self.separate();
        self.out.push('{');
        self.comma = false;
    }

    fn end_obj(&mut self) {
        self.out.push('}');
        self.comma = true;
    }

    fn arr(&mut self) {
        self.separate();
        self.out.push('[');
        self.comma = false;
    }

    fn end_arr(&mut self) {
        self.out.push(']');
        self.comma = true;
    }

    fn str(&mut self, value: &str) {
        self.separate();
        self.out.push('"');
        for c in value.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                c if (c as u32) < 0x20 => {
                    let _ = write!(self.out, "\\u{:04x}", c as u32);
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
        self.comma = true;
    }

    /// A string value made by formatting; the arguments must need no escaping.
    fn fmt(&mut self, args: fmt::Arguments<'_>) {
        self.separate();
        self.out.push('"');
        let _ = self.out.write_fmt(args);
        self.out.push('"');
        self.comma = true;
    }

    fn num(&mut self, value: impl fmt::Display) {
        self.separate();
        let _ = write!(self.out, "{value}");
        self.comma = true;
    }

    fn bool(&mut self, value: bool) {
        self.separate();
        self.out.push_str(if value { "true" } else { "false" });
        self.comma = true;
    }

    fn null(&mut self) {
        self.separate();
        self.out.push_str("null");
        self.comma = true;
    }

    fn ks(&mut self, key: &str, value: &str) {
        self.key(key);
        self.str(value);
    }

    fn kf(&mut self, key: &str, args: fmt::Arguments<'_>) {
        self.key(key);
        self.fmt(args);
    }

    fn kn(&mut self, key: &str, value: impl fmt::Display) {
        self.key(key);
        self.num(value);
    }

    fn kb(&mut self, key: &str, value: bool) {
        self.key(key);
        self.bool(value);
    }

    fn ko(&mut self, key: &str) {
        self.key(key);
        self.obj();
    }

    fn ka(&mut self, key: &str) {
        self.key(key);
        self.arr();
    }

    fn strs(&mut self, key: &str, values: &[&str]) {
        self.ka(key);
        for value in values {
            self.str(value);
        }
        self.end_arr();
    }
}

/// The SKU block of a record.
#[derive(Clone, Copy)]
enum Sku<'a> {
    None,
    Name(&'a str),
    Tier(&'a str, &'a str),
    Capacity(&'a str, &'a str, u64),
}

/// The identity block of a record.
#[derive(Clone, Copy)]
enum Identity<'a> {
    None,
    System,
    User(&'a str),
    SystemAndUser(&'a str),
}

/// The envelope of one record: everything but `properties`.
struct Head<'a> {
    id: &'a str,
    name: &'a str,
    /// The type as Azure spells it; Resource Graph writes it in lowercase.
    resource_type: &'a str,
    location: &'a str,
    kind: &'a str,
    sku: Sku<'a>,
    zones: &'a [&'a str],
    identity: Identity<'a>,
    managed_by: Option<&'a str>,
}

impl<'a> Head<'a> {
    fn new(id: &'a str, name: &'a str, resource_type: &'a str, location: &'a str) -> Head<'a> {
        Head {
            id,
            name,
            resource_type,
            location,
            kind: "",
            sku: Sku::None,
            zones: &[],
            identity: Identity::None,
            managed_by: None,
        }
    }
    fn kind(mut self, kind: &'a str) -> Self {
        self.kind = kind;
        self
    }
    fn sku(mut self, sku: Sku<'a>) -> Self {
        self.sku = sku;
        self
    }
    fn zones(mut self, zones: &'a [&'a str]) -> Self {
        self.zones = zones;
        self
    }
    fn identity(mut self, identity: Identity<'a>) -> Self {
        self.identity = identity;
        self
    }
    fn managed_by(mut self, id: &'a str) -> Self {
        self.managed_by = Some(id);
        self
    }
}

const LOCATIONS: [&str; 8] =
    ["eastus", "eastus2", "westeurope", "northeurope", "southeastasia", "japaneast", "westus2", "uksouth"];
const APPS: [&str; 16] = [
    "pos", "checkout", "catalog", "pricing", "loyalty", "orders", "payments", "search", "stock", "fulfil", "crm",
    "reports", "identity", "media", "promo", "supplier",
];
const ENVS: [&str; 4] = ["prod", "prod", "staging", "dev"];
const OWNERS: [&str; 6] = ["platform", "storeops", "ecom", "data", "finance-it", "supplychain"];
const VM_SIZES: [&str; 12] = [
    "Standard_D2s_v5",
    "Standard_D4s_v5",
    "Standard_D8s_v5",
    "Standard_E4s_v5",
    "Standard_E8ds_v5",
    "Standard_B2ms",
    "Standard_F4s_v2",
    "Standard_D4as_v5",
    "Standard_D2s_v3",
    "Standard_DS2_v2",
    "Standard_D4ps_v5",
    "Standard_L8s_v3",
];
const DISK_SKUS: [&str; 6] =
    ["Premium_LRS", "Premium_LRS", "StandardSSD_LRS", "Premium_ZRS", "Standard_LRS", "PremiumV2_LRS"];
const STORAGE_SKUS: [&str; 5] = ["Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_RAGRS", "Standard_GZRS"];
const PLAN_SKUS: [(&str, &str); 5] =
    [("P1v3", "PremiumV3"), ("P0v3", "PremiumV3"), ("S1", "Standard"), ("P2v3", "PremiumV3"), ("B2", "Basic")];
const DB_SKUS: [(&str, &str, u64); 5] = [
    ("GP_Gen5", "GeneralPurpose", 2),
    ("GP_Gen5", "GeneralPurpose", 4),
    ("S2", "Standard", 50),
    ("BC_Gen5", "BusinessCritical", 4),
    ("HS_Gen5", "Hyperscale", 2),
];
const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Gallery applications every VM installs.
const GALLERY_APPLICATIONS: [&str; 3] = ["monitoring-agent", "app-runtime", "log-shipper"];

/// Resources a workload writes before its VMs and web apps.
const CORE_RESOURCES: usize = 19;
/// Subnets of each workload VNet: name, NSG attached, route table attached.
const SUBNETS: [(&str, bool, bool); 4] =
    [("snet-app", true, true), ("snet-data", true, true), ("snet-pe", false, false), ("snet-integration", true, false)];

/// One VM of a workload plan.
struct VmPlan {
    public_ip: bool,
    data_disks: u64,
    extensions: u64,
    alert: bool,
    linux: bool,
}

/// One web app of a workload plan.
struct WebPlan {
    slot: bool,
    databases: u64,
}

/// A workload: one resource group with its network, VMs and web apps.
struct Workload {
    index: usize,
    subscription: String,
    group: String,
    location: &'static str,
    app: &'static str,
    env: &'static str,
    owner: &'static str,
    cost_center: u64,
    zoned: bool,
    vms: Vec<VmPlan>,
    webs: Vec<WebPlan>,
}

impl Workload {
    fn len(&self) -> usize {
        let vms: u64 =
            self.vms.iter().map(|v| 4 + v.public_ip as u64 + v.data_disks + v.extensions + v.alert as u64).sum();
        let webs: u64 = self.webs.iter().map(|w| 6 + w.slot as u64 + w.databases).sum();
        CORE_RESOURCES + (vms + webs) as usize
    }

    fn id(&self, resource_type: &str, name: &str) -> String {
        format!("/subscriptions/{}/resourceGroups/{}/providers/{resource_type}/{name}", self.subscription, self.group)
    }

    /// `{app}-{env}-{index}`, unique within the export.
    fn stem(&self) -> String {
        format!("{}-{}-{:05}", self.app, self.env, self.index)
    }

    /// A lowercase alphanumeric stem for names that allow nothing else.
    fn compact_stem(&self) -> String {
        format!("{}{}{:05}", self.app, &self.env[..1], self.index)
    }
}

/// Ids of a workload's shared resources, computed before anything is written.
struct Shared {
    vnet: String,
    subnets: Vec<String>,
    nsg: String,
    route_table: String,
    nat_ip: String,
    nat: String,
    asg: String,
    workspace: String,
    action_group: String,
    identity: String,
    vault: String,
    encryption_set: String,
    availability_set: String,
    load_balancer: String,
    storage: String,
    storage_name: String,
    vault_endpoint: String,
    storage_endpoint: String,
    disk_access: String,
    gallery: String,
    placement_group: String,
}

struct Generator {
    json: Json,
    rng: Rng,
    target: usize,
    written: usize,
    references: usize,
    back_references: usize,
    subscriptions: Vec<String>,
}

impl Generator {
    fn new(target: usize, seed: u64) -> Generator {
        let mut rng = Rng(seed);
        let subscriptions = (0..1 + target / 25_000).map(|_| rng.guid().to_string()).collect();
        Generator {
            json: Json { out: String::with_capacity(target * 2000 + 128), comma: false },
            rng,
            target,
            written: 0,
            references: 0,
            back_references: 0,
            subscriptions,
        }
    }

    fn run(&mut self) {
        self.json.obj();
        self.json.kn("count", self.target);
        self.json.ka("data");
        let mut index = 0;
        loop {
            let workload = self.plan(index);
            index += 1;
            if self.written + workload.len() > self.target {
                self.fill(&workload);
                break;
            }
            self.workload(&workload);
        }
        debug_assert_eq!(self.written, self.target);
        self.json.end_arr();
        self.json.key("skip_token");
        self.json.null();
        self.json.kn("total_records", self.target);
        self.json.end_obj();
    }

    fn plan(&mut self, index: usize) -> Workload {
        let rng = &mut self.rng;
        let subscription = self.subscriptions[index % self.subscriptions.len()].clone();
        let app = rng.pick(&APPS);
        let env = rng.pick(&ENVS);
        let vms = (0..rng.range(2, 8))
            .map(|_| VmPlan {
                public_ip: rng.chance(30),
                data_disks: rng.range(1, 2),
                extensions: rng.range(1, 2),
                alert: rng.chance(80),
                linux: rng.chance(70),
            })
            .collect();
        let webs = (0..rng.range(1, 2)).map(|_| WebPlan { slot: rng.chance(50), databases: rng.range(1, 2) }).collect();
        Workload {
            index,
            subscription,
            group: format!("rg-{app}-{env}-{index:05}"),
            location: rng.pick(&LOCATIONS),
            app,
            env,
            owner: rng.pick(&OWNERS),
            cost_center: rng.range(1000, 1999) * 10,
            zoned: rng.chance(40),
            vms,
            webs,
        }
    }

    fn reference(&mut self, key: &str, id: &str) {
        self.json.ko(key);
        self.json.ks("id", id);
        self.json.end_obj();
        self.references += 1;
    }

    fn back_reference(&mut self, key: &str, id: &str) {
        self.json.ko(key);
        self.json.ks("id", id);
        self.json.end_obj();
        self.back_references += 1;
    }

    /// Opens a record and its `properties` object.
    fn begin(&mut self, head: Head<'_>, workload: &Workload) {
        self.written += 1;
        let j = &mut self.json;
        j.obj();
        j.ks("id", head.id);
        j.ks("name", head.name);
        j.key("type");
        j.separate();
        j.out.push('"');
        j.out.extend(head.resource_type.chars().map(|c| c.to_ascii_lowercase()));
        j.out.push('"');
        j.comma = true;
        j.ks("location", head.location);
        j.ks("resourceGroup", &workload.group);
        j.ks("subscriptionId", &workload.subscription);
        j.ks("kind", head.kind);
        j.key("sku");
        match head.sku {
            Sku::None => j.null(),
            Sku::Name(name) => {
                j.obj();
                j.ks("name", name);
                j.end_obj();
            }
            Sku::Tier(name, tier) => {
                j.obj();
                j.ks("name", name);
                j.ks("tier", tier);
                j.end_obj();
            }
            Sku::Capacity(name, tier, capacity) => {
                j.obj();
                j.ks("name", name);
                j.ks("tier", tier);
                j.kn("capacity", capacity);
                j.end_obj();
            }
        }
        j.key("zones");
        if head.zones.is_empty() {
            j.null();
        } else {
            j.arr();
            for zone in head.zones {
                j.str(zone);
            }
            j.end_arr();
        }
        j.ko("tags");
        j.ks("app", workload.app);
        j.ks("env", workload.env);
        j.kf("owner", format_args!("{}@contoso-retail.example", workload.owner));
        j.kf("costCenter", format_args!("CC-{}", workload.cost_center));
        j.ks("workload", &workload.group[3..]);
        j.end_obj();
        j.key("identity");
        match head.identity {
            Identity::None => j.null(),
            Identity::System => {
                let (principal, tenant) = (self.rng.guid(), self.rng.guid());
                j.obj();
                j.ks("type", "SystemAssigned");
                j.kf("principalId", format_args!("{principal}"));
                j.kf("tenantId", format_args!("{tenant}"));
                j.end_obj();
            }
            Identity::User(id) | Identity::SystemAndUser(id) => {
                let both = matches!(head.identity, Identity::SystemAndUser(_));
                let (principal, client, tenant) = (self.rng.guid(), self.rng.guid(), self.rng.guid());
                j.obj();
                j.ks("type", if both { "SystemAssigned, UserAssigned" } else { "UserAssigned" });
                if both {
                    j.kf("principalId", format_args!("{}", self.rng.guid()));
                    j.kf("tenantId", format_args!("{tenant}"));
                }
                j.ko("userAssignedIdentities");
                j.ko(id);
                j.kf("principalId", format_args!("{principal}"));
                j.kf("clientId", format_args!("{client}"));
                j.end_obj();
                j.end_obj();
                j.end_obj();
                self.references += 1;
            }
        }
        let j = &mut self.json;
        match head.managed_by {
            Some(id) => {
                j.ks("managedBy", id);
                self.references += 1;
            }
            None => j.ks("managedBy", ""),
        }
        let j = &mut self.json;
        j.key("plan");
        j.null();
        j.ko("properties");
    }

    /// Closes `properties` and the record.
    fn end(&mut self) {
        self.json.end_obj();
        self.json.end_obj();
    }

    fn provisioned(&mut self) {
        self.json.ks("provisioningState", "Succeeded");
    }

    fn shared(workload: &Workload) -> Shared {
        let stem = workload.stem();
        let vnet = workload.id("Microsoft.Network/virtualNetworks", &format!("vnet-{stem}"));
        let subnets = SUBNETS.iter().map(|(name, _, _)| format!("{vnet}/subnets/{name}")).collect();
        Shared {
            subnets,
            vnet,
            nsg: workload.id("Microsoft.Network/networkSecurityGroups", &format!("nsg-{stem}")),
            route_table: workload.id("Microsoft.Network/routeTables", &format!("rt-{stem}")),
            nat_ip: workload.id("Microsoft.Network/publicIPAddresses", &format!("pip-nat-{stem}")),
            nat: workload.id("Microsoft.Network/natGateways", &format!("ng-{stem}")),
            asg: workload.id("Microsoft.Network/applicationSecurityGroups", &format!("asg-{stem}")),
            workspace: workload.id("Microsoft.OperationalInsights/workspaces", &format!("log-{stem}")),
            action_group: workload.id("Microsoft.Insights/actionGroups", &format!("ag-{stem}")),
            identity: workload.id("Microsoft.ManagedIdentity/userAssignedIdentities", &format!("id-{stem}")),
            vault: workload.id("Microsoft.KeyVault/vaults", &format!("kv-{}", workload.compact_stem())),
            encryption_set: workload.id("Microsoft.Compute/diskEncryptionSets", &format!("des-{stem}")),
            availability_set: workload.id("Microsoft.Compute/availabilitySets", &format!("avail-{stem}")),
            load_balancer: workload.id("Microsoft.Network/loadBalancers", &format!("lbi-{stem}")),
            storage: workload.id("Microsoft.Storage/storageAccounts", &format!("st{}", workload.compact_stem())),
            storage_name: format!("st{}", workload.compact_stem()),
            vault_endpoint: workload.id("Microsoft.Network/privateEndpoints", &format!("pe-kv-{stem}")),
            storage_endpoint: workload.id("Microsoft.Network/privateEndpoints", &format!("pe-st-{stem}")),
            disk_access: workload.id("Microsoft.Compute/diskAccesses", &format!("da-{stem}")),
            placement_group: workload.id("Microsoft.Compute/proximityPlacementGroups", &format!("ppg-{stem}")),
            gallery: workload.id("Microsoft.Compute/galleries", &format!("gal{}", workload.compact_stem())),
        }
    }

    fn vm_name(workload: &Workload, i: usize) -> String {
        format!("vm-{}-{i:02}", workload.stem())
    }

    fn nic_id(workload: &Workload, i: usize) -> String {
        workload.id("Microsoft.Network/networkInterfaces", &format!("{}-nic", Self::vm_name(workload, i)))
    }

    fn pe_id(workload: &Workload, w: usize) -> String {
        workload.id("Microsoft.Network/privateEndpoints", &format!("pe-sql-{}-{w}", workload.stem()))
    }

    fn workload(&mut self, workload: &Workload) {
        let shared = Self::shared(workload);
        self.network_security_group(workload, &shared);
        self.route_table(workload, &shared);
        self.public_ip(workload, &shared.nat_ip, Some(&shared.nat));
        self.nat_gateway(workload, &shared);
        self.application_security_group(workload, &shared);
        self.virtual_network(workload, &shared);
        self.workspace(workload, &shared);
        self.action_group(workload, &shared);
        self.user_identity(workload, &shared);
        self.key_vault(workload, &shared);
        self.disk_encryption_set(workload, &shared);
        self.availability_set(workload, &shared);
        self.disk_access(workload, &shared);
        self.gallery(workload, &shared);
        self.placement_group(workload, &shared);
        self.load_balancer(workload, &shared);
        self.storage_account(workload, &shared.storage, &shared.storage_name, Some(&shared));
        let vault_host = format!("kv-{}.vault.azure.net", workload.compact_stem());
        self.private_endpoint(workload, &shared, &shared.vault_endpoint, &shared.vault, "vault", &vault_host, 4);
        let blob_host = format!("{}.blob.core.windows.net", shared.storage_name);
        self.private_endpoint(workload, &shared, &shared.storage_endpoint, &shared.storage, "blob", &blob_host, 5);
        for (i, vm) in workload.vms.iter().enumerate() {
            self.virtual_machine(workload, &shared, i, vm);
        }
        for (w, web) in workload.webs.iter().enumerate() {
            self.web_app(workload, &shared, w, web);
        }
    }

    /// Fills the export up to its size with records that need no other resource.
    fn fill(&mut self, workload: &Workload) {
        let stem = workload.stem();
        let mut n = 0;
        while self.written < self.target {
            if n % 2 == 0 {
                let id = workload.id("Microsoft.Network/publicIPAddresses", &format!("pip-spare-{stem}-{n}"));
                self.public_ip(workload, &id, None);
            } else {
                let name = format!("st{}x{n}", workload.compact_stem());
                let id = workload.id("Microsoft.Storage/storageAccounts", &name);
                self.storage_account(workload, &id, &name, None);
            }
            n += 1;
        }
    }

    fn network_security_group(&mut self, workload: &Workload, shared: &Shared) {
        let name = format!("nsg-{}", workload.stem());
        self.begin(
            Head::new(&shared.nsg, &name, "Microsoft.Network/networkSecurityGroups", workload.location),
            workload,
        );
        let guid = self.rng.guid();
        let j = &mut self.json;
        j.kf("resourceGuid", format_args!("{guid}"));
        j.ka("securityRules");
        let rules: [(&str, &str, &str, &str, &str, u32); 6] = [
            ("allow-https-inbound", "Tcp", "*", "443", "Internet", 100),
            ("allow-lb-probe", "Tcp", "*", "8080", "AzureLoadBalancer", 110),
            ("allow-bastion-ssh", "Tcp", "*", "22", "10.0.254.0/26", 120),
            ("allow-bastion-rdp", "Tcp", "*", "3389", "10.0.254.0/26", 130),
            ("allow-sql-from-app", "Tcp", "*", "1433", "VirtualNetwork", 140),
            ("deny-all-inbound", "*", "*", "*", "*", 4096),
        ];
        for (rule, protocol, source_port, port, source, priority) in rules {
            j.obj();
            j.ks("name", rule);
            j.kf("id", format_args!("{}/securityRules/{rule}", shared.nsg));
            j.ks("type", "Microsoft.Network/networkSecurityGroups/securityRules");
            j.ko("properties");
            j.ks("provisioningState", "Succeeded");
            j.ks("protocol", protocol);
            j.ks("sourcePortRange", source_port);
            j.ks("destinationPortRange", port);
            j.ks("sourceAddressPrefix", source);
            j.ks("destinationAddressPrefix", "*");
            j.ks("access", if priority == 4096 { "Deny" } else { "Allow" });
            j.kn("priority", priority);
            j.ks("direction", "Inbound");
            j.strs("sourcePortRanges", &[]);
            j.strs("destinationPortRanges", &[]);
            j.strs("sourceAddressPrefixes", &[]);
            j.strs("destinationAddressPrefixes", &[]);
            j.end_obj();
            j.end_obj();
        }
        j.end_arr();
        j.ka("subnets");
        for (subnet, (_, nsg, _)) in shared.subnets.iter().zip(SUBNETS) {
            if nsg {
                j.obj();
                j.ks("id", subnet);
                j.end_obj();
                self.back_references += 1;
            }
        }
        self.json.end_arr();
        self.provisioned();
        self.end();
    }

    fn route_table(&mut self, workload: &Workload, shared: &Shared) {
        let name = format!("rt-{}", workload.stem());
        self.begin(Head::new(&shared.route_table, &name, "Microsoft.Network/routeTables", workload.location), workload);
        let j = &mut self.json;
        j.kb("disableBgpRoutePropagation", true);
        j.ka("routes");
        for (route, prefix, hop) in
            [("default-via-hub-fw", "0.0.0.0/0", "10.0.0.4"), ("onprem-stores", "172.16.0.0/12", "10.0.0.4")]
        {
            j.obj();
            j.ks("name", route);
            j.kf("id", format_args!("{}/routes/{route}", shared.route_table));
            j.ko("properties");
            j.ks("provisioningState", "Succeeded");
            j.ks("addressPrefix", prefix);
            j.ks("nextHopType", "VirtualAppliance");
            j.ks("nextHopIpAddress", hop);
            j.end_obj();
            j.end_obj();
        }
        j.end_arr();
        j.ka("subnets");
        for (subnet, (_, _, route_table)) in shared.subnets.iter().zip(SUBNETS) {
            if route_table {
                j.obj();
                j.ks("id", subnet);
                j.end_obj();
                self.back_references += 1;
            }
        }
        self.json.end_arr();
        self.provisioned();
        self.end();
    }

    /// A Standard public IP; `attached_to` is the NAT gateway or NIC ip configuration
    /// that uses it (a back-reference).
    fn public_ip(&mut self, workload: &Workload, id: &str, attached_to: Option<&str>) {
        let name = id.rsplit('/').next().unwrap_or(id);
        let zones: &[&str] = if workload.zoned { &["1", "2", "3"] } else { &[] };
        let head = Head::new(id, name, "Microsoft.Network/publicIPAddresses", workload.location)
            .sku(Sku::Tier("Standard", "Regional"))
            .zones(zones);
        self.begin(head, workload);
        let (guid, a, b) = (self.rng.guid(), self.rng.range(20, 52), self.rng.range(0, 255));
        let c = self.rng.range(0, 255);
        let j = &mut self.json;
        j.kf("resourceGuid", format_args!("{guid}"));
        j.kf("ipAddress", format_args!("{a}.{b}.{c}.{}", 1 + c % 250));
        j.ks("publicIPAddressVersion", "IPv4");
        j.ks("publicIPAllocationMethod", "Static");
        j.kn("idleTimeoutInMinutes", 4);
        j.strs("ipTags", &[]);
        j.ko("ddosSettings");
        j.ks("protectionMode", "VirtualNetworkInherited");
        j.end_obj();
        if let Some(user) = attached_to {
            if user.contains("/natGateways/") {
                self.back_reference("natGateway", user);
            } else {
                self.back_reference("ipConfiguration", user);
            }
        }
        self.provisioned();
        self.end();
    }

    fn nat_gateway(&mut self, workload: &Workload, shared: &Shared) {
        let name = format!("ng-{}", workload.stem());
        let zones: &[&str] = if workload.zoned { &["1"] } else { &[] };
        let head = Head::new(&shared.nat, &name, "Microsoft.Network/natGateways", workload.location)
            .sku(Sku::Name("Standard"))
            .zones(zones);
        self.begin(head, workload);
        let guid = self.rng.guid();
        self.json.kf("resourceGuid", format_args!("{guid}"));
        self.json.kn("idleTimeoutInMinutes", 10);
        self.json.ka("publicIpAddresses");
        self.json.obj();
        self.json.ks("id", &shared.nat_ip);
        self.json.end_obj();
        self.references += 1;
        self.json.end_arr();
        self.json.ka("subnets");
        self.json.obj();
        self.json.ks("id", &shared.subnets[0]);
        self.json.end_obj();
        self.back_references += 1;
        self.json.end_arr();
        self.provisioned();
        self.end();
    }

    fn application_security_group(&mut self, workload: &Workload, shared: &Shared) {
        let name = format!("asg-{}", workload.stem());
        self.begin(
            Head::new(&shared.asg, &name, "Microsoft.Network/applicationSecurityGroups", workload.location),
            workload,
        );
        let guid = self.rng.guid();
        self.json.kf("resourceGuid", format_args!("{guid}"));
        self.provisioned();
        self.end();
    }

    fn virtual_network(&mut self, workload: &Workload, shared: &Shared) {
        let name = format!("vnet-{}", workload.stem());
        self.begin(Head::new(&shared.vnet, &name, "Microsoft.Network/virtualNetworks", workload.location), workload);
        let (guid, octet) = (self.rng.guid(), workload.index % 250);
        self.provisioned();
        let j = &mut self.json;
        j.kf("resourceGuid", format_args!("{guid}"));
        j.ko("addressSpace");
        j.ka("addressPrefixes");
        j.fmt(format_args!("10.{octet}.0.0/16"));
        j.end_arr();
        j.end_obj();
        j.ka("subnets");
        for (s, (subnet, nsg, route_table)) in SUBNETS.iter().enumerate() {
            self.json.obj();
            self.json.ks("name", subnet);
            self.json.ks("id", &shared.subnets[s]);
            self.json.ks("type", "Microsoft.Network/virtualNetworks/subnets");
            self.json.ko("properties");
            self.json.ks("provisioningState", "Succeeded");
            self.json.kf("addressPrefix", format_args!("10.{octet}.{s}.0/24"));
            if *nsg {
                self.reference("networkSecurityGroup", &shared.nsg);
            }
            if *route_table {
                self.reference("routeTable", &shared.route_table);
            }
            if s == 0 {
                self.reference("natGateway", &shared.nat);
                self.json.ka("ipConfigurations");
                for i in 0..workload.vms.len() {
                    self.json.obj();
                    self.json.kf("id", format_args!("{}/ipConfigurations/ipconfig1", Self::nic_id(workload, i)));
                    self.json.end_obj();
                    self.back_references += 1;
                }
                self.json.end_arr();
            }
            if s == 2 {
                self.json.ka("privateEndpoints");
                let endpoints = [shared.vault_endpoint.clone(), shared.storage_endpoint.clone()];
                for pe in endpoints.into_iter().chain((0..workload.webs.len()).map(|w| Self::pe_id(workload, w))) {
                    self.json.obj();
                    self.json.ks("id", &pe);
                    self.json.end_obj();
                    self.back_references += 1;
                }
                self.json.end_arr();
                self.json.ks("privateEndpointNetworkPolicies", "Disabled");
            } else {
                self.json.ks("privateEndpointNetworkPolicies", "Enabled");
            }
            let j = &mut self.json;
            j.ka("serviceEndpoints");
            if s == 1 {
                for service in ["Microsoft.Storage", "Microsoft.KeyVault", "Microsoft.Sql"] {
                    j.obj();
                    j.ks("provisioningState", "Succeeded");
                    j.ks("service", service);
                    j.strs("locations", &[workload.location]);
                    j.end_obj();
                }
            }
            j.end_arr();
            j.ka("delegations");
            if s == 3 {
                j.obj();
                j.ks("name", "delegation");
                j.kf("id", format_args!("{}/delegations/delegation", shared.subnets[s]));
                j.ks("type", "Microsoft.Network/virtualNetworks/subnets/delegations");
                j.ko("properties");
                j.ks("provisioningState", "Succeeded");
                j.ks("serviceName", "Microsoft.Web/serverFarms");
                j.strs("actions", &["Microsoft.Network/virtualNetworks/subnets/action"]);
                j.end_obj();
                j.end_obj();
            }
            j.end_arr();
            j.ks("privateLinkServiceNetworkPolicies", "Enabled");
            j.end_obj();
            j.end_obj();
        }
        let j = &mut self.json;
        j.end_arr();
        j.ka("virtualNetworkPeerings");
        j.end_arr();
        j.kb("enableDdosProtection", false);
        j.ko("dhcpOptions");
        j.strs("dnsServers", &[]);
        j.end_obj();
        self.end();
    }

    fn workspace(&mut self, workload: &Workload, shared: &Shared) {
        let name = format!("log-{}", workload.stem());
        self.begin(
            Head::new(&shared.workspace, &name, "Microsoft.OperationalInsights/workspaces", workload.location),
            workload,
        );
        let (customer, created, modified) = (self.rng.guid(), self.rng.timestamp(), self.rng.timestamp());
        let j = &mut self.json;
        j.ks("provisioningState", "Succeeded");
        j.kf("customerId", format_args!("{customer}"));
        j.ko("sku");
        j.ks("name", "PerGB2018");
        j.kf("lastSkuUpdate", format_args!("{created}"));
        j.end_obj();
        j.kn("retentionInDays", if workload.env == "prod" { 90 } else { 30 });
        j.ko("features");
        j.kb("legacy", false);
        j.kb("searchVersion", true);
        j.kb("enableLogAccessUsingOnlyResourcePermissions", true);
        j.end_obj();
        j.ko("workspaceCapping");
        j.kn("dailyQuotaGb", -1.0);
        j.ks("dataIngestionStatus", "RespectQuota");
        j.end_obj();
        j.ks("publicNetworkAccessForIngestion", "Enabled");
        j.ks("publicNetworkAccessForQuery", "Enabled");
        j.kf("createdDate", format_args!("{created}"));
        j.kf("modifiedDate", format_args!("{modified}"));
        self.end();
    }

    fn action_group(&mut self, workload: &Workload, shared: &Shared) {
        let name = format!("ag-{}", workload.stem());
        self.begin(Head::new(&shared.action_group, &name, "Microsoft.Insights/actionGroups", "global"), workload);
        let j = &mut self.json;
        j.kf("groupShortName", format_args!("{}{}", workload.app, &workload.env[..1]));
        j.kb("enabled", true);
        j.ka("emailReceivers");
        j.obj();
        j.ks("name", "oncall");
        j.kf("emailAddress", format_args!("{}-oncall@contoso-retail.example", workload.owner));
        j.kb("useCommonAlertSchema", true);
        j.ks("status", "Enabled");
        j.end_obj();
        j.end_arr();
        for receivers in ["smsReceivers", "webhookReceivers", "azureAppPushReceivers", "logicAppReceivers"] {
            j.ka(receivers);
            j.end_arr();
        }
        self.end();
    }

    fn user_identity(&mut self, workload: &Workload, shared: &Shared) {
        let name = format!("id-{}", workload.stem());
        self.begin(
            Head::new(&shared.identity, &name, "Microsoft.ManagedIdentity/userAssignedIdentities", workload.location),
            workload,
        );
        let (tenant, principal, client) = (self.rng.guid(), self.rng.guid(), self.rng.guid());
        let j = &mut self.json;
        j.kf("tenantId", format_args!("{tenant}"));
        j.kf("principalId", format_args!("{principal}"));
        j.kf("clientId", format_args!("{client}"));
        self.end();
    }

    fn key_vault(&mut self, workload: &Workload, shared: &Shared) {
        let name = format!("kv-{}", workload.compact_stem());
        let head = Head::new(&shared.vault, &name, "Microsoft.KeyVault/vaults", workload.location);
        self.begin(head, workload);
        let tenant = self.rng.guid();
        let j = &mut self.json;
        j.ko("sku");
        j.ks("family", "A");
        j.ks("name", if workload.env == "prod" { "premium" } else { "standard" });
        j.end_obj();
        j.kf("tenantId", format_args!("{tenant}"));
        j.ko("networkAcls");
        j.ks("bypass", "AzureServices");
        j.ks("defaultAction", "Deny");
        j.ka("ipRules");
        j.end_arr();
        j.ka("virtualNetworkRules");
        for subnet in &shared.subnets[..2] {
            self.json.obj();
            self.json.ks("id", subnet);
            self.json.kb("ignoreMissingVnetServiceEndpoint", false);
            self.json.end_obj();
            self.references += 1;
        }
        let j = &mut self.json;
        j.end_arr();
        j.end_obj();
        j.ka("accessPolicies");
        j.end_arr();
        j.kb("enabledForDeployment", false);
        j.kb("enabledForDiskEncryption", true);
        j.kb("enabledForTemplateDeployment", false);
        j.kb("enableSoftDelete", true);
        j.kn("softDeleteRetentionInDays", 90);
        j.kb("enableRbacAuthorization", true);
        j.kb("enablePurgeProtection", true);
        j.kf("vaultUri", format_args!("https://kv-{}.vault.azure.net/", workload.compact_stem()));
        j.ks("provisioningState", "Succeeded");
        j.ks("publicNetworkAccess", "Disabled");
        self.endpoint_connection(&shared.vault, &shared.vault_endpoint);
        self.end();
    }

    fn disk_encryption_set(&mut self, workload: &Workload, shared: &Shared) {
        let name = format!("des-{}", workload.stem());
        let head = Head::new(&shared.encryption_set, &name, "Microsoft.Compute/diskEncryptionSets", workload.location)
            .identity(Identity::User(&shared.identity));
        self.begin(head, workload);
        let version = self.rng.guid();
        self.json.ko("activeKey");
        self.reference("sourceVault", &shared.vault);
        self.json.kf(
            "keyUrl",
            format_args!("https://kv-{}.vault.azure.net/keys/disk-cmk/{version}", workload.compact_stem()),
        );
        self.references += 1;
        self.json.end_obj();
        self.json.ks("encryptionType", "EncryptionAtRestWithCustomerKey");
        self.json.kb("rotationToLatestKeyVersionEnabled", true);
        self.provisioned();
        self.end();
    }

    fn disk_access(&mut self, workload: &Workload, shared: &Shared) {
        let name = format!("da-{}", workload.stem());
        self.begin(
            Head::new(&shared.disk_access, &name, "Microsoft.Compute/diskAccesses", workload.location),
            workload,
        );
        self.provisioned();
        self.end();
    }

    fn gallery(&mut self, workload: &Workload, shared: &Shared) {
        let name = format!("gal{}", workload.compact_stem());
        self.begin(Head::new(&shared.gallery, &name, "Microsoft.Compute/galleries", workload.location), workload);
        self.json.ks("description", "Hardened images of the workload");
        self.json.ko("identifier");
        self.json.kf("uniqueName", format_args!("{}-{}", workload.subscription, name.to_uppercase()));
        self.json.end_obj();
        self.provisioned();
        self.end();
    }

    fn placement_group(&mut self, workload: &Workload, shared: &Shared) {
        let name = format!("ppg-{}", workload.stem());
        let head =
            Head::new(&shared.placement_group, &name, "Microsoft.Compute/proximityPlacementGroups", workload.location);
        self.begin(head, workload);
        self.json.ks("proximityPlacementGroupType", "Standard");
        self.end();
    }

    /// The gallery image version a VM and its OS disk are built from.
    fn image_version(shared: &Shared, linux: bool) -> String {
        format!(
            "{}/images/{}/versions/1.0.0",
            shared.gallery,
            if linux { "ubuntu-2204-hardened" } else { "ws2022-hardened" }
        )
    }

    fn availability_set(&mut self, workload: &Workload, shared: &Shared) {
        let name = format!("avail-{}", workload.stem());
        let head = Head::new(&shared.availability_set, &name, "Microsoft.Compute/availabilitySets", workload.location)
            .sku(Sku::Name("Aligned"));
        self.begin(head, workload);
        self.json.kn("platformUpdateDomainCount", 5);
        self.json.kn("platformFaultDomainCount", 2);
        self.reference("proximityPlacementGroup", &shared.placement_group);
        self.json.ka("virtualMachines");
        for i in 0..workload.vms.len() {
            let vm = workload.id("Microsoft.Compute/virtualMachines", &Self::vm_name(workload, i));
            self.json.obj();
            self.json.ks("id", &vm);
            self.json.end_obj();
            self.back_references += 1;
        }
        self.json.end_arr();
        self.end();
    }

    fn load_balancer(&mut self, workload: &Workload, shared: &Shared) {
        let name = format!("lbi-{}", workload.stem());
        let lb = &shared.load_balancer;
        let head = Head::new(lb, &name, "Microsoft.Network/loadBalancers", workload.location)
            .sku(Sku::Tier("Standard", "Regional"));
        self.begin(head, workload);
        let guid = self.rng.guid();
        self.json.kf("resourceGuid", format_args!("{guid}"));
        self.provisioned();
        self.json.ka("frontendIPConfigurations");
        self.json.obj();
        self.json.ks("name", "fe-internal");
        self.json.kf("id", format_args!("{lb}/frontendIPConfigurations/fe-internal"));
        self.json.ko("properties");
        self.json.kf("privateIPAddress", format_args!("10.{}.0.10", workload.index % 250));
        self.json.ks("privateIPAllocationMethod", "Static");
        self.reference("subnet", &shared.subnets[0]);
        self.json.ka("loadBalancingRules");
        self.json.obj();
        self.json.kf("id", format_args!("{lb}/loadBalancingRules/http"));
        self.json.end_obj();
        self.json.end_arr();
        self.json.end_obj();
        self.json.end_obj();
        self.json.end_arr();
        self.json.ka("backendAddressPools");
        self.json.obj();
        self.json.ks("name", "be-app");
        self.json.kf("id", format_args!("{lb}/backendAddressPools/be-app"));
        self.json.ko("properties");
        self.json.ka("backendIPConfigurations");
        for i in 0..workload.vms.len() {
            self.json.obj();
            self.json.kf("id", format_args!("{}/ipConfigurations/ipconfig1", Self::nic_id(workload, i)));
            self.json.end_obj();
            self.back_references += 1;
        }
        let j = &mut self.json;
        j.end_arr();
        j.end_obj();
        j.end_obj();
        j.end_arr();
        j.ka("probes");
        j.obj();
        j.ks("name", "http-probe");
        j.kf("id", format_args!("{lb}/probes/http-probe"));
        j.ko("properties");
        j.ks("protocol", "Http");
        j.kn("port", 8080);
        j.ks("requestPath", "/healthz");
        j.kn("intervalInSeconds", 15);
        j.kn("numberOfProbes", 2);
        j.end_obj();
        j.end_obj();
        j.end_arr();
        j.ka("loadBalancingRules");
        j.obj();
        j.ks("name", "http");
        j.kf("id", format_args!("{lb}/loadBalancingRules/http"));
        j.ko("properties");
        j.ko("frontendIPConfiguration");
        j.kf("id", format_args!("{lb}/frontendIPConfigurations/fe-internal"));
        j.end_obj();
        j.ko("backendAddressPool");
        j.kf("id", format_args!("{lb}/backendAddressPools/be-app"));
        j.end_obj();
        j.ko("probe");
        j.kf("id", format_args!("{lb}/probes/http-probe"));
        j.end_obj();
        j.ks("protocol", "Tcp");
        j.kn("frontendPort", 80);
        j.kn("backendPort", 8080);
        j.kn("idleTimeoutInMinutes", 4);
        j.ks("loadDistribution", "Default");
        j.kb("enableFloatingIP", false);
        j.kb("disableOutboundSnat", true);
        j.end_obj();
        j.end_obj();
        j.end_arr();
        j.ka("inboundNatRules");
        j.end_arr();
        self.end();
    }

    /// A StorageV2 account; with `shared`, it admits the workload's data subnet.
    fn storage_account(&mut self, workload: &Workload, id: &str, name: &str, shared: Option<&Shared>) {
        let sku = self.rng.pick(&STORAGE_SKUS);
        let head = Head::new(id, name, "Microsoft.Storage/storageAccounts", workload.location)
            .kind("StorageV2")
            .sku(Sku::Tier(sku, "Standard"))
            .identity(match shared {
                Some(shared) => Identity::User(&shared.identity),
                None => Identity::System,
            });
        self.begin(head, workload);
        let (created, key1, key2) = (self.rng.timestamp(), self.rng.timestamp(), self.rng.timestamp());
        let hns = self.rng.chance(20);
        let j = &mut self.json;
        j.kf("creationTime", format_args!("{created}"));
        j.ko("keyCreationTime");
        j.kf("key1", format_args!("{key1}"));
        j.kf("key2", format_args!("{key2}"));
        j.end_obj();
        j.ks("minimumTlsVersion", "TLS1_2");
        j.kb("allowBlobPublicAccess", false);
        j.kb("allowSharedKeyAccess", false);
        j.kb("isHnsEnabled", hns);
        j.kb("supportsHttpsTrafficOnly", true);
        j.ks("accessTier", "Hot");
        j.ko("networkAcls");
        j.ks("bypass", "AzureServices");
        j.ks("defaultAction", if shared.is_some() { "Deny" } else { "Allow" });
        j.ka("ipRules");
        j.end_arr();
        j.ka("virtualNetworkRules");
        if let Some(shared) = shared {
            self.json.obj();
            self.json.ks("id", &shared.subnets[1]);
            self.json.ks("action", "Allow");
            self.json.ks("state", "Succeeded");
            self.json.end_obj();
            self.references += 1;
        }
        let j = &mut self.json;
        j.end_arr();
        j.end_obj();
        j.ko("primaryEndpoints");
        for service in ["dfs", "web", "blob", "queue", "table", "file"] {
            j.kf(service, format_args!("https://{name}.{service}.core.windows.net/"));
        }
        j.end_obj();
        j.ko("encryption");
        j.ko("services");
        for service in ["file", "blob"] {
            j.ko(service);
            j.ks("keyType", "Account");
            j.kb("enabled", true);
            j.kf("lastEnabledTime", format_args!("{created}"));
            j.end_obj();
        }
        j.end_obj();
        match shared {
            Some(shared) => {
                j.ks("keySource", "Microsoft.Keyvault");
                j.ko("keyvaultproperties");
                j.ks("keyname", "cmk-storage");
                j.kf("keyvaulturi", format_args!("https://kv-{}.vault.azure.net", workload.compact_stem()));
                j.end_obj();
                j.ko("identity");
                j.ks("userAssignedIdentity", &shared.identity);
                j.end_obj();
                self.references += 1;
            }
            None => j.ks("keySource", "Microsoft.Storage"),
        }
        let j = &mut self.json;
        j.end_obj();
        j.ks("primaryLocation", workload.location);
        j.ks("statusOfPrimary", "available");
        j.ks("provisioningState", "Succeeded");
        if let Some(shared) = shared {
            self.endpoint_connection(id, &shared.storage_endpoint);
        }
        self.end();
    }

    fn virtual_machine(&mut self, workload: &Workload, shared: &Shared, i: usize, plan: &VmPlan) {
        let vm_name = Self::vm_name(workload, i);
        let vm = workload.id("Microsoft.Compute/virtualMachines", &vm_name);
        let nic = Self::nic_id(workload, i);
        let ipconfig = format!("{nic}/ipConfigurations/ipconfig1");
        let pip = workload.id("Microsoft.Network/publicIPAddresses", &format!("{vm_name}-pip"));
        let size = self.rng.pick(&VM_SIZES);
        let zone = ["1", "2", "3"][i % 3];
        let zones: &[&str] = if workload.zoned { std::slice::from_ref(&zone) } else { &[] };
        let os_disk = workload.id("Microsoft.Compute/disks", &format!("{vm_name}_OsDisk_1"));
        let data_disks: Vec<(String, u64, &str)> = (0..plan.data_disks)
            .map(|d| {
                let id = workload.id("Microsoft.Compute/disks", &format!("{vm_name}-data{d}"));
                (id, self.rng.pick(&[128, 256, 512, 1024, 2048]), self.rng.pick(&DISK_SKUS))
            })
            .collect();
        let os_sku = if plan.linux { "Premium_LRS" } else { "StandardSSD_LRS" };

        if plan.public_ip {
            self.public_ip(workload, &pip, Some(&ipconfig));
        }
        // NIC
        let head = Head::new(
            &nic,
            &nic[nic.rfind('/').unwrap_or(0) + 1..],
            "Microsoft.Network/networkInterfaces",
            workload.location,
        );
        self.begin(head, workload);
        let (guid, mac) = (self.rng.guid(), self.rng.next());
        self.json.kf("resourceGuid", format_args!("{guid}"));
        self.provisioned();
        self.json.ka("ipConfigurations");
        self.json.obj();
        self.json.ks("name", "ipconfig1");
        self.json.ks("id", &ipconfig);
        self.json.ks("type", "Microsoft.Network/networkInterfaces/ipConfigurations");
        self.json.ko("properties");
        self.json.ks("provisioningState", "Succeeded");
        self.json.kf("privateIPAddress", format_args!("10.{}.0.{}", workload.index % 250, 4 + i));
        self.json.ks("privateIPAllocationMethod", "Dynamic");
        self.json.ks("privateIPAddressVersion", "IPv4");
        self.json.kb("primary", true);
        self.reference("subnet", &shared.subnets[0]);
        if plan.public_ip {
            self.reference("publicIPAddress", &pip);
        }
        self.json.ka("loadBalancerBackendAddressPools");
        self.json.obj();
        self.json.kf("id", format_args!("{}/backendAddressPools/be-app", shared.load_balancer));
        self.json.end_obj();
        self.references += 1;
        self.json.end_arr();
        self.json.ka("loadBalancerInboundNatRules");
        self.json.obj();
        self.json.kf("id", format_args!("{}/inboundNatRules/mgmt-{i:02}", shared.load_balancer));
        self.json.end_obj();
        self.references += 1;
        self.json.end_arr();
        self.json.ka("applicationSecurityGroups");
        self.json.obj();
        self.json.ks("id", &shared.asg);
        self.json.end_obj();
        self.references += 1;
        self.json.end_arr();
        self.json.end_obj();
        self.json.end_obj();
        self.json.end_arr();
        self.json.ko("dnsSettings");
        self.json.strs("dnsServers", &[]);
        self.json.strs("appliedDnsServers", &[]);
        self.json.kf("internalDomainNameSuffix", format_args!("{:x}.bx.internal.cloudapp.net", mac >> 20));
        self.json.end_obj();
        self.json.kf(
            "macAddress",
            format_args!("00-0D-3A-{:02X}-{:02X}-{:02X}", mac & 0xff, (mac >> 8) & 0xff, (mac >> 16) & 0xff),
        );
        self.json.kb("enableAcceleratedNetworking", !size.contains("B2"));
        self.json.kb("enableIPForwarding", false);
        self.reference("networkSecurityGroup", &shared.nsg);
        self.json.kb("primary", true);
        self.back_reference("virtualMachine", &vm);
        self.json.ks("nicType", "Standard");
        self.end();

        // OS disk
        self.disk(workload, shared, &os_disk, &vm, 64, os_sku, zones, Some(plan.linux));
        for (id, size, sku) in &data_disks {
            self.disk(workload, shared, id, &vm, *size, sku, zones, None);
        }

        // The VM itself
        let head = Head::new(&vm, &vm_name, "Microsoft.Compute/virtualMachines", workload.location)
            .zones(zones)
            .identity(Identity::SystemAndUser(&shared.identity));
        self.begin(head, workload);
        let (vm_id, created) = (self.rng.guid(), self.rng.timestamp());
        self.json.kf("vmId", format_args!("{vm_id}"));
        self.json.ko("hardwareProfile");
        self.json.ks("vmSize", size);
        self.json.end_obj();
        self.json.ko("storageProfile");
        self.json.ko("imageReference");
        let image = Self::image_version(shared, plan.linux);
        self.json.ks("id", &image);
        self.references += 1;
        self.json.end_obj();
        self.json.ko("osDisk");
        self.json.ks("osType", if plan.linux { "Linux" } else { "Windows" });
        self.json.kf("name", format_args!("{vm_name}_OsDisk_1"));
        self.json.ks("createOption", "FromImage");
        self.json.ks("caching", "ReadWrite");
        self.json.ko("managedDisk");
        self.json.ks("storageAccountType", os_sku);
        self.json.ks("id", &os_disk);
        self.references += 1;
        self.reference("diskEncryptionSet", &shared.encryption_set);
        self.json.end_obj();
        self.json.ks("deleteOption", "Delete");
        self.json.kn("diskSizeGB", 64);
        self.json.end_obj();
        self.json.ka("dataDisks");
        for (lun, (id, size, sku)) in data_disks.iter().enumerate() {
            self.json.obj();
            self.json.kn("lun", lun);
            self.json.ks("name", &id[id.rfind('/').unwrap_or(0) + 1..]);
            self.json.ks("createOption", "Attach");
            self.json.ks("caching", if sku.starts_with("PremiumV2") { "None" } else { "ReadOnly" });
            self.json.ko("managedDisk");
            self.json.ks("storageAccountType", sku);
            self.json.ks("id", id);
            self.references += 1;
            self.reference("diskEncryptionSet", &shared.encryption_set);
            self.json.end_obj();
            self.json.ks("deleteOption", "Detach");
            self.json.kn("diskSizeGB", size);
            self.json.kb("toBeDetached", false);
            self.json.end_obj();
        }
        self.json.end_arr();
        self.json.ks("diskControllerType", "SCSI");
        self.json.end_obj();
        self.json.ko("osProfile");
        self.json.ks("computerName", &vm_name[..vm_name.len().min(15)]);
        self.json.ks("adminUsername", "retailadmin");
        if plan.linux {
            self.json.ko("linuxConfiguration");
            self.json.kb("disablePasswordAuthentication", true);
            self.json.ko("ssh");
            self.json.ka("publicKeys");
            self.json.obj();
            self.json.ks("path", "/home/retailadmin/.ssh/authorized_keys");
            self.json.key("keyData");
            self.json.separate();
            self.json.out.push_str("\"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ");
            for _ in 0..8 {
                let bits = self.rng.next();
                for k in 0..10 {
                    self.json.out.push(BASE64[((bits >> (k * 6)) & 63) as usize] as char);
                }
            }
            self.json.out.push_str(" generated-by-synth\"");
            self.json.comma = true;
            self.json.end_obj();
            self.json.end_arr();
            self.json.end_obj();
            self.json.kb("provisionVMAgent", true);
            self.json.ko("patchSettings");
            self.json.ks("patchMode", "ImageDefault");
            self.json.ks("assessmentMode", "ImageDefault");
            self.json.end_obj();
            self.json.end_obj();
        } else {
            self.json.ko("windowsConfiguration");
            self.json.kb("provisionVMAgent", true);
            self.json.kb("enableAutomaticUpdates", true);
            self.json.ko("patchSettings");
            self.json.ks("patchMode", "AutomaticByPlatform");
            self.json.ks("assessmentMode", "AutomaticByPlatform");
            self.json.kb("enableHotpatching", true);
            self.json.end_obj();
            self.json.end_obj();
        }
        self.json.ka("secrets");
        self.json.end_arr();
        self.json.kb("allowExtensionOperations", true);
        self.json.kb("requireGuestProvisionSignal", true);
        self.json.end_obj();
        self.json.ko("securityProfile");
        self.json.ko("uefiSettings");
        self.json.kb("secureBootEnabled", true);
        self.json.kb("vTpmEnabled", true);
        self.json.end_obj();
        self.json.ks("securityType", "TrustedLaunch");
        self.json.end_obj();
        self.json.ko("networkProfile");
        self.json.ka("networkInterfaces");
        self.json.obj();
        self.json.ks("id", &nic);
        self.references += 1;
        self.json.ko("properties");
        self.json.ks("deleteOption", "Detach");
        self.json.kb("primary", true);
        self.json.end_obj();
        self.json.end_obj();
        self.json.end_arr();
        self.json.end_obj();
        self.json.ko("diagnosticsProfile");
        self.json.ko("bootDiagnostics");
        self.json.kb("enabled", true);
        self.json.kf("storageUri", format_args!("https://{}.blob.core.windows.net/", shared.storage_name));
        self.references += 1;
        self.json.end_obj();
        self.json.end_obj();
        self.reference("proximityPlacementGroup", &shared.placement_group);
        if !workload.zoned {
            self.reference("availabilitySet", &shared.availability_set);
        }
        // Applications installed from the workload's gallery.
        self.json.ko("applicationProfile");
        self.json.ka("galleryApplications");
        for (order, application) in GALLERY_APPLICATIONS.iter().enumerate() {
            self.json.obj();
            self.json.kn("order", order + 1);
            self.json
                .kf("packageReferenceId", format_args!("{}/applications/{application}/versions/1.4.2", shared.gallery));
            self.json.kb("treatFailureAsDeploymentFailure", true);
            self.json.end_obj();
            self.references += 1;
        }
        self.json.end_arr();
        self.json.end_obj();
        self.provisioned();
        self.json.kf("timeCreated", format_args!("{created}"));
        self.json.ko("extended");
        self.json.ko("instanceView");
        self.json.ks("computerName", &vm_name[..vm_name.len().min(15)]);
        self.json.ks("osName", if plan.linux { "ubuntu" } else { "Windows Server 2022 Datacenter Azure Edition" });
        self.json.ks("osVersion", if plan.linux { "22.04" } else { "10.0.20348.2402" });
        self.json.ks("hyperVGeneration", "V2");
        self.json.ko("powerState");
        self.json.ks("code", "PowerState/running");
        self.json.ks("level", "Info");
        self.json.ks("displayStatus", "VM running");
        self.json.end_obj();
        self.json.end_obj();
        self.json.end_obj();
        self.end();

        for e in 0..plan.extensions {
            self.extension(workload, shared, &vm, e, plan.linux);
        }
        if plan.alert {
            self.metric_alert(workload, shared, &vm, &vm_name);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn disk(
        &mut self,
        workload: &Workload,
        shared: &Shared,
        id: &str,
        vm: &str,
        size: u64,
        sku: &str,
        zones: &[&str],
        os: Option<bool>,
    ) {
        let name = &id[id.rfind('/').unwrap_or(0) + 1..];
        let zones = if sku.ends_with("ZRS") { &[] } else { zones };
        let head = Head::new(id, name, "Microsoft.Compute/disks", workload.location)
            .sku(Sku::Tier(sku, if sku.starts_with("Premium") { "Premium" } else { "Standard" }))
            .zones(zones)
            .managed_by(vm);
        self.begin(head, workload);
        let (unique, created) = (self.rng.guid(), self.rng.timestamp());
        if let Some(linux) = os {
            self.json.ks("osType", if linux { "Linux" } else { "Windows" });
            self.json.ks("hyperVGeneration", "V2");
        }
        self.json.ko("creationData");
        match os {
            Some(linux) => {
                self.json.ks("createOption", "FromImage");
                self.json.ko("galleryImageReference");
                let image = Self::image_version(shared, linux);
                self.json.ks("id", &image);
                self.references += 1;
                self.json.end_obj();
            }
            None => self.json.ks("createOption", "Empty"),
        }
        self.json.end_obj();
        self.json.kn("diskSizeGB", size);
        self.json.kn("diskSizeBytes", size << 30);
        self.json.kf("uniqueId", format_args!("{unique}"));
        if sku.starts_with("PremiumV2") {
            self.json.kn("diskIOPSReadWrite", 3000 + size * 2);
            self.json.kn("diskMBpsReadWrite", 125);
        }
        self.json.ko("encryption");
        self.reference("diskEncryptionSetId", &shared.encryption_set);
        self.json.ks("type", "EncryptionAtRestWithCustomerKey");
        self.json.end_obj();
        self.json.ks("networkAccessPolicy", "AllowPrivate");
        self.json.ks("diskAccessId", &shared.disk_access);
        self.references += 1;
        self.json.ks("publicNetworkAccess", "Disabled");
        self.json.kf("timeCreated", format_args!("{created}"));
        self.provisioned();
        self.json.ks("diskState", "Attached");
        self.json.ks("tier", if size > 512 { "P30" } else { "P15" });
        self.end();
    }

    fn extension(&mut self, workload: &Workload, shared: &Shared, vm: &str, e: u64, linux: bool) {
        let (name, publisher, kind, version) = match (e, linux) {
            (0, true) => ("AzureMonitorLinuxAgent", "Microsoft.Azure.Monitor", "AzureMonitorLinuxAgent", "1.29"),
            (0, false) => ("AzureMonitorWindowsAgent", "Microsoft.Azure.Monitor", "AzureMonitorWindowsAgent", "1.22"),
            (_, true) => {
                ("DependencyAgentLinux", "Microsoft.Azure.Monitoring.DependencyAgent", "DependencyAgentLinux", "9.10")
            }
            (_, false) => ("IaaSAntimalware", "Microsoft.Azure.Security", "IaaSAntimalware", "1.3"),
        };
        let id = format!("{vm}/extensions/{name}");
        self.begin(Head::new(&id, name, "Microsoft.Compute/virtualMachines/extensions", workload.location), workload);
        let j = &mut self.json;
        j.kb("autoUpgradeMinorVersion", true);
        j.kb("enableAutomaticUpgrade", e == 0);
        j.ks("provisioningState", "Succeeded");
        j.ks("publisher", publisher);
        j.ks("type", kind);
        j.ks("typeHandlerVersion", version);
        j.ko("settings");
        if e == 0 {
            j.ko("authentication");
            j.ko("managedIdentity");
            j.ks("identifier-name", "mi_res_id");
            j.ks("identifier-value", &shared.identity);
            j.end_obj();
            j.end_obj();
            self.references += 1;
        }
        self.json.end_obj();
        if e > 0 {
            let secret = self.rng.guid();
            self.json.ko("protectedSettingsFromKeyVault");
            self.reference("sourceVault", &shared.vault);
            self.json.kf(
                "secretUrl",
                format_args!("https://kv-{}.vault.azure.net/secrets/{name}-settings/{secret}", workload.compact_stem()),
            );
            self.references += 1;
            self.json.end_obj();
        }
        self.end();
    }

    fn metric_alert(&mut self, workload: &Workload, shared: &Shared, vm: &str, vm_name: &str) {
        let name = format!("alert-cpu-{vm_name}");
        let id = workload.id("Microsoft.Insights/metricAlerts", &name);
        self.begin(Head::new(&id, &name, "Microsoft.Insights/metricAlerts", "global"), workload);
        let j = &mut self.json;
        j.kf("description", format_args!("CPU above 85% on {vm_name}"));
        j.kn("severity", 2);
        j.kb("enabled", true);
        j.ka("scopes");
        j.str(vm);
        j.end_arr();
        self.references += 1;
        let j = &mut self.json;
        j.ks("evaluationFrequency", "PT5M");
        j.ks("windowSize", "PT15M");
        j.ko("criteria");
        j.ks("odata.type", "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria");
        j.ka("allOf");
        j.obj();
        j.ks("name", "cpu");
        j.ks("metricName", "Percentage CPU");
        j.ks("metricNamespace", "Microsoft.Compute/virtualMachines");
        j.ks("operator", "GreaterThan");
        j.kn("threshold", 85);
        j.ks("timeAggregation", "Average");
        j.ks("criterionType", "StaticThresholdCriterion");
        j.ka("dimensions");
        j.end_arr();
        j.end_obj();
        j.end_arr();
        j.end_obj();
        j.kb("autoMitigate", true);
        j.ka("actions");
        j.obj();
        j.ks("actionGroupId", &shared.action_group);
        j.ko("webHookProperties");
        j.end_obj();
        j.end_obj();
        j.end_arr();
        self.references += 1;
        self.end();
    }

    fn web_app(&mut self, workload: &Workload, shared: &Shared, w: usize, plan: &WebPlan) {
        let stem = workload.stem();
        let farm_name = format!("asp-{stem}-{w}");
        let farm = workload.id("Microsoft.Web/serverfarms", &farm_name);
        let site_name = format!("app-{stem}-{w}");
        let site = workload.id("Microsoft.Web/sites", &site_name);
        let insights_name = format!("appi-{stem}-{w}");
        let insights = workload.id("Microsoft.Insights/components", &insights_name);
        let server_name = format!("sql-{stem}-{w}");
        let server = workload.id("Microsoft.Sql/servers", &server_name);
        let (plan_sku, plan_tier) = self.rng.pick(&PLAN_SKUS);

        // App Service plan
        let head = Head::new(&farm, &farm_name, "Microsoft.Web/serverFarms", workload.location)
            .kind("linux")
            .sku(Sku::Capacity(plan_sku, plan_tier, self.rng.range(1, 3)));
        self.begin(head, workload);
        let j = &mut self.json;
        j.ks("status", "Ready");
        j.kn("maximumNumberOfWorkers", 30);
        j.ks("geoRegion", workload.location);
        j.kn("numberOfSites", 1 + plan.slot as u8);
        j.kb("perSiteScaling", false);
        j.kb("elasticScaleEnabled", false);
        j.kn("maximumElasticWorkerCount", 1);
        j.kb("isSpot", false);
        j.kb("reserved", true);
        j.kb("zoneRedundant", workload.zoned);
        j.ks("provisioningState", "Succeeded");
        self.end();

        // Application Insights
        let head = Head::new(&insights, &insights_name, "Microsoft.Insights/components", workload.location).kind("web");
        self.begin(head, workload);
        let (app_id, key, created) = (self.rng.guid(), self.rng.guid(), self.rng.timestamp());
        let j = &mut self.json;
        j.kf("ApplicationId", format_args!("{insights_name}"));
        j.kf("AppId", format_args!("{app_id}"));
        j.ks("Application_Type", "web");
        j.kf("InstrumentationKey", format_args!("{key}"));
        j.kf(
            "ConnectionString",
            format_args!(
                "InstrumentationKey={key};IngestionEndpoint=https://{}-1.in.applicationinsights.azure.com/",
                workload.location
            ),
        );
        j.kf("CreationDate", format_args!("{created}"));
        j.kn("RetentionInDays", 90);
        j.ks("IngestionMode", "LogAnalytics");
        j.ks("WorkspaceResourceId", &shared.workspace);
        self.references += 1;
        self.provisioned();
        self.end();

        // The web app and its slot
        let key = format!("{key}");
        self.site(workload, shared, &site, &site_name, &farm, &key, None);
        if plan.slot {
            let slot = format!("{site}/slots/staging");
            self.site(workload, shared, &slot, &format!("{site_name}/staging"), &farm, &key, Some("staging"));
        }

        // SQL server, databases and the server's private endpoint
        let head = Head::new(&server, &server_name, "Microsoft.Sql/servers", workload.location)
            .kind("v12.0")
            .identity(Identity::User(&shared.identity));
        self.begin(head, workload);
        let j = &mut self.json;
        j.ks("administratorLogin", "sqladmin");
        j.ks("version", "12.0");
        j.ks("state", "Ready");
        j.kf("fullyQualifiedDomainName", format_args!("{server_name}.database.windows.net"));
        j.ks("primaryUserAssignedIdentityId", &shared.identity);
        self.references += 1;
        let j = &mut self.json;
        j.ks("minimalTlsVersion", "1.2");
        j.ks("publicNetworkAccess", "Disabled");
        j.ks("restrictOutboundNetworkAccess", "Disabled");
        self.endpoint_connection(&server, &Self::pe_id(workload, w));
        self.end();
        for d in 0..plan.databases {
            self.database(workload, &server, w, d);
        }
        let fqdn = format!("{server_name}.database.windows.net");
        self.private_endpoint(workload, shared, &Self::pe_id(workload, w), &server, "sqlServer", &fqdn, 6 + w);
    }

    /// A private endpoint in the workload's endpoint subnet, connected to `target`.
    #[allow(clippy::too_many_arguments)]
    fn private_endpoint(
        &mut self,
        workload: &Workload,
        shared: &Shared,
        pe: &str,
        target: &str,
        group: &str,
        fqdn: &str,
        host: usize,
    ) {
        let pe_name = &pe[pe.rfind('/').unwrap_or(0) + 1..];
        self.begin(Head::new(pe, pe_name, "Microsoft.Network/privateEndpoints", workload.location), workload);
        self.provisioned();
        self.reference("subnet", &shared.subnets[2]);
        self.json.ka("privateLinkServiceConnections");
        self.json.obj();
        self.json.ks("name", pe_name);
        self.json.kf("id", format_args!("{pe}/privateLinkServiceConnections/{pe_name}"));
        self.json.ko("properties");
        self.json.ks("privateLinkServiceId", target);
        self.references += 1;
        self.json.strs("groupIds", &[group]);
        self.json.ko("privateLinkServiceConnectionState");
        self.json.ks("status", "Approved");
        self.json.ks("description", "Auto-approved");
        self.json.ks("actionsRequired", "None");
        self.json.end_obj();
        self.json.end_obj();
        self.json.end_obj();
        self.json.end_arr();
        self.json.ka("manualPrivateLinkServiceConnections");
        self.json.end_arr();
        self.json.ka("customDnsConfigs");
        self.json.obj();
        self.json.ks("fqdn", fqdn);
        self.json.ka("ipAddresses");
        self.json.fmt(format_args!("10.{}.2.{host}", workload.index % 250));
        self.json.end_arr();
        self.json.end_obj();
        self.json.end_arr();
        self.end();
    }

    /// `privateEndpointConnections` of a resource with one private endpoint.
    fn endpoint_connection(&mut self, target: &str, pe: &str) {
        let pe_name = &pe[pe.rfind('/').unwrap_or(0) + 1..];
        self.json.ka("privateEndpointConnections");
        self.json.obj();
        self.json.kf("id", format_args!("{target}/privateEndpointConnections/{pe_name}"));
        self.json.ko("properties");
        self.back_reference("privateEndpoint", pe);
        let j = &mut self.json;
        j.ko("privateLinkServiceConnectionState");
        j.ks("status", "Approved");
        j.ks("description", "Auto-approved");
        j.ks("actionsRequired", "None");
        j.end_obj();
        j.ks("provisioningState", "Succeeded");
        j.end_obj();
        j.end_obj();
        j.end_arr();
    }

    #[allow(clippy::too_many_arguments)]
    fn site(
        &mut self,
        workload: &Workload,
        shared: &Shared,
        id: &str,
        name: &str,
        farm: &str,
        insights_key: &str,
        slot: Option<&str>,
    ) {
        let host = match slot {
            Some(slot) => format!("{}-{slot}", name.split('/').next().unwrap_or(name)),
            None => name.to_string(),
        };
        let head = Head::new(
            id,
            name,
            if slot.is_some() { "Microsoft.Web/sites/slots" } else { "Microsoft.Web/sites" },
            workload.location,
        )
        .kind("app,linux")
        .identity(Identity::User(&shared.identity));
        self.begin(head, workload);
        let j = &mut self.json;
        j.ks("state", "Running");
        j.ka("hostNames");
        j.fmt(format_args!("{host}.azurewebsites.net"));
        j.end_arr();
        j.ks("usageState", "Normal");
        j.kb("enabled", true);
        j.ka("enabledHostNames");
        j.fmt(format_args!("{host}.azurewebsites.net"));
        j.fmt(format_args!("{host}.scm.azurewebsites.net"));
        j.end_arr();
        j.ks("availabilityState", "Normal");
        j.ks("serverFarmId", farm);
        j.kb("reserved", true);
        j.ks("virtualNetworkSubnetId", &shared.subnets[3]);
        j.kb("vnetRouteAllEnabled", true);
        j.ko("siteConfig");
        j.kn("numberOfWorkers", 1);
        j.ks("linuxFxVersion", "DOTNETCORE|8.0");
        j.kb("alwaysOn", true);
        j.kb("http20Enabled", true);
        j.ks("minTlsVersion", "1.2");
        j.ks("ftpsState", "Disabled");
        j.ka("appSettings");
        j.obj();
        j.ks("name", "APPLICATIONINSIGHTS_CONNECTION_STRING");
        j.kf("value", format_args!("InstrumentationKey={insights_key}"));
        j.end_obj();
        j.obj();
        j.ks("name", "KeyVaultUri");
        j.kf("value", format_args!("https://kv-{}.vault.azure.net/", workload.compact_stem()));
        j.end_obj();
        j.end_arr();
        j.end_obj();
        j.ks("keyVaultReferenceIdentity", &shared.identity);
        j.kb("httpsOnly", true);
        j.kf("defaultHostName", format_args!("{host}.azurewebsites.net"));
        j.ks("redundancyMode", "None");
        j.kb("clientAffinityEnabled", false);
        j.ks("outboundIpAddresses", "20.49.104.12,20.49.104.13,20.49.104.14");
        self.references += 3;
        self.end();
    }

    fn database(&mut self, workload: &Workload, server: &str, w: usize, d: u64) {
        let name = format!("sqldb-{}-{w}{d}", workload.app);
        let id = format!("{server}/databases/{name}");
        let (sku, tier, capacity) = self.rng.pick(&DB_SKUS);
        let kind = if tier == "Standard" { "v12.0,user" } else { "v12.0,user,vcore" };
        let head = Head::new(&id, &name, "Microsoft.Sql/servers/databases", workload.location)
            .kind(kind)
            .sku(Sku::Capacity(sku, tier, capacity));
        self.begin(head, workload);
        let (database, created) = (self.rng.guid(), self.rng.timestamp());
        let gib: u64 = self.rng.pick(&[32, 250, 500, 1024]);
        let j = &mut self.json;
        j.ks("collation", "SQL_Latin1_General_CP1_CI_AS");
        j.kn("maxSizeBytes", gib << 30);
        j.ks("status", "Online");
        j.kf("databaseId", format_args!("{database}"));
        j.kf("creationDate", format_args!("{created}"));
        let objective = if tier == "Standard" { sku.to_string() } else { format!("{sku}_{capacity}") };
        j.ks("currentServiceObjectiveName", &objective);
        j.ks("requestedServiceObjectiveName", &objective);
        j.ks("catalogCollation", "SQL_Latin1_General_CP1_CI_AS");
        j.kb("zoneRedundant", workload.zoned && tier != "Standard");
        j.ks("licenseType", "LicenseIncluded");
        j.ks("readScale", if tier == "BusinessCritical" { "Enabled" } else { "Disabled" });
        j.ks("currentBackupStorageRedundancy", "Geo");
        j.ks("requestedBackupStorageRedundancy", "Geo");
        j.kb("isLedgerOn", false);
        j.ko("currentSku");
        j.ks("name", sku);
        j.ks("tier", tier);
        j.kn("capacity", capacity);
        j.end_obj();
        self.end();
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use serde_json::Value;

    use super::*;
    use regionshift_core::{analyze, AnalysisOptions, InputFile, Severity};

    fn ids_in(value: &Value, found: &mut Vec<String>) {
        match value {
            Value::String(s) if s.starts_with("/subscriptions/") => found.push(s.clone()),
            Value::Array(items) => items.iter().for_each(|v| ids_in(v, found)),
            Value::Object(map) => {
                for (key, v) in map {
                    if key.starts_with("/subscriptions/") {
                        found.push(key.clone());
                    }
                    ids_in(v, found);
                }
            }
            _ => {}
        }
    }

    /// `/subscriptions/s/resourceGroups/g/providers/ns/type/name`, dropping child sections.
    fn top_level(id: &str) -> String {
        let segments: Vec<&str> = id.split('/').collect();
        let providers = segments.iter().position(|s| s.eq_ignore_ascii_case("providers")).expect("provider section");
        segments[..(providers + 4).min(segments.len())].join("/").to_ascii_lowercase()
    }

    #[test]
    fn is_deterministic_and_exactly_sized() {
        for size in [0, 1, 7, 60, 333] {
            let (text, stats) = resource_graph_export_with_stats(size, 42);
            assert_eq!(text, resource_graph_export(size, 42));
            let value: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(value["count"], size);
            assert_eq!(value["total_records"], size);
            assert!(value["skip_token"].is_null());
            assert_eq!(value["data"].as_array().unwrap().len(), size);
            assert_eq!(stats.resources, size);
            assert_eq!(stats.bytes, text.len());
        }
        assert_ne!(resource_graph_export(200, 1), resource_graph_export(200, 2));
    }

    #[test]
    fn every_id_in_a_body_names_a_resource_of_the_export() {
        let text = resource_graph_export(2_000, 7);
        let value: Value = serde_json::from_str(&text).unwrap();
        let records = value["data"].as_array().unwrap();
        let ids: HashSet<String> = records.iter().map(|r| r["id"].as_str().unwrap().to_ascii_lowercase()).collect();
        assert_eq!(ids.len(), records.len(), "ids are unique");
        let mut found = Vec::new();
        for record in records {
            for key in ["properties", "identity"] {
                ids_in(&record[key], &mut found);
            }
            if let Some(managed_by) = record["managedBy"].as_str().filter(|s| !s.is_empty()) {
                found.push(managed_by.to_string());
            }
        }
        let dangling: Vec<&String> = found
            .iter()
            .filter(|id| !id.contains("/Providers/Microsoft.Compute/Locations/") && !ids.contains(&top_level(id)))
            .collect();
        assert!(dangling.is_empty(), "{} dangling, first {:?}", dangling.len(), dangling.first());
    }

    #[test]
    fn has_the_advertised_density_and_size() {
        let (_, stats) = resource_graph_export_with_stats(5_000, 3);
        let per = stats.references_per_resource();
        assert!((2.8..=3.2).contains(&per), "{per} references per resource");
        let all = (stats.references + stats.back_references) as f64 / stats.resources as f64;
        assert!((3.2..=4.0).contains(&all), "{all} ids of other resources per resource");
        let size = stats.bytes_per_resource();
        assert!((1500.0..=3000.0).contains(&size), "{size} bytes per resource");
    }

    /// The sample estate the app ships, written by [`crate::sample`].
    #[test]
    fn sample_estate_imports_without_warnings() {
        let bytes = include_bytes!("../../../data/sample-estate.json");
        let analysis = analyze(&[InputFile::new("sample-estate.json", bytes.to_vec())], &AnalysisOptions::default());
        let problems: Vec<String> =
            analysis.diagnostics.iter().filter(|d| d.severity != Severity::Info).map(|d| d.to_string()).collect();
        assert!(problems.is_empty(), "{problems:#?}");
        assert_eq!(analysis.files[0].format, Some(regionshift_core::inventory::InputFormat::ResourceGraphCli));
        let value: Value = serde_json::from_slice(bytes).unwrap();
        assert_eq!(analysis.inventory.len(), value["count"].as_u64().unwrap() as usize, "every record is a resource");
        assert!((300..=400).contains(&analysis.inventory.len()));
    }

    #[test]
    fn imports_without_warnings() {
        let text = resource_graph_export(1_500, 11);
        let analysis = analyze(&[InputFile::new("synth.json", text.into_bytes())], &AnalysisOptions::default());
        let problems: Vec<String> =
            analysis.diagnostics.iter().filter(|d| d.severity != Severity::Info).map(|d| d.to_string()).collect();
        assert!(problems.is_empty(), "{problems:#?}");
        assert_eq!(analysis.inventory.len(), 1_500);
    }
}

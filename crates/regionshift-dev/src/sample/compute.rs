//! Compute: VMs with their NICs, disks and extensions, availability sets, the disk
//! encryption set, load balancers, the image gallery and the VM scale sets (the AKS node
//! pools' included, through [`scale_set`]).

use serde_json::{json, Value};

use super::ids::{
    guid, guid_hex, guid_number, id_apps, id_cmk, last, link, rid, stamp, t_app, t_data, t_pos, t_sea, t_web, t_weu,
    tag_net, tag_sec, tags, tags_for, user_identity, APPS, DATA, EUS, NET, SEA, SUB, WEU,
};
use super::network::{asg_app, asg_web, nsg_id, private_prefix, public_ip, subnet, PublicIp};
use super::{data, Estate};

const VMS: &str = "Microsoft.Compute/virtualMachines";
const DISKS: &str = "Microsoft.Compute/disks";

/// The app tier's VM `number` (1 or 2).
pub(super) fn app_vm(number: u32) -> String {
    rid(APPS, VMS, &format!("vm-retail-app-{number:02}"))
}

pub(super) fn sql_vm() -> String {
    rid(DATA, VMS, "vm-retail-merchsql-01")
}

pub(super) fn disk_encryption_set() -> String {
    rid(DATA, "Microsoft.Compute/diskEncryptionSets", "des-retail-cmk")
}

fn avset_web() -> String {
    rid(APPS, "Microsoft.Compute/availabilitySets", "avail-retail-web-eus")
}

fn avset_weu() -> String {
    rid(APPS, "Microsoft.Compute/availabilitySets", "avail-retail-stores-weu")
}

fn lb_web() -> String {
    rid(APPS, "Microsoft.Network/loadBalancers", "lbi-retail-web-eus")
}

fn lb_weu() -> String {
    rid(APPS, "Microsoft.Network/loadBalancers", "lbe-retail-stores-weu")
}

pub(super) fn lb_weu_ip() -> String {
    rid(APPS, "Microsoft.Network/publicIPAddresses", "pip-lbe-retail-stores-weu")
}

fn gallery() -> String {
    rid(APPS, "Microsoft.Compute/galleries", "gal_retail_images")
}

/// The marketplace images the VMs run.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Image {
    Ubuntu,
    UbuntuArm,
    Windows,
    SqlServer,
    Hpc,
}

impl Image {
    /// Publisher, offer, SKU and the exact version deployed.
    fn parts(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            Image::Ubuntu => ("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2", "22.04.202404100"),
            Image::UbuntuArm => ("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-arm64", "22.04.202404100"),
            Image::Windows => {
                ("MicrosoftWindowsServer", "WindowsServer", "2022-datacenter-azure-edition", "20348.2402.240405")
            }
            Image::SqlServer => ("microsoftsqlserver", "sql2022-ws2022", "enterprise-gen2", "16.0.240412"),
            Image::Hpc => ("microsoft-dsvm", "ubuntu-hpc", "2204", "22.04.2024041001"),
        }
    }

    pub(super) fn reference(self) -> Value {
        let (publisher, offer, sku, exact) = self.parts();
        json!({"publisher": publisher, "offer": offer, "sku": sku, "version": "latest", "exactVersion": exact})
    }

    fn linux(self) -> bool {
        !matches!(self, Image::Windows | Image::SqlServer)
    }
}

pub(super) const SSH_KEY: &str = concat!(
    "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQC7fictionalKeyForTheContosoRetailSampleEstateOnly0000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
    " retailadmin@contoso-retail.example"
);

/// A VM to create, with its NIC, OS disk, data disks and extensions; `data` holds
/// (suffix, GiB, SKU) of each data disk.
struct Vm<'a> {
    group: &'a str,
    name: String,
    location: &'a str,
    size: &'a str,
    subnet: String,
    image: Image,
    os_sku: &'a str,
    os_size: u64,
    data: &'a [(&'a str, u64, &'a str)],
    zone: Option<String>,
    avset: Option<String>,
    nsg: Option<String>,
    asg: Option<String>,
    pool: Option<String>,
    public_ip: Option<PublicIpKind>,
    tags: Value,
    extensions: &'a [&'a str],
    identity: bool,
    ultra: bool,
    os_zrs: bool,
    dns: Option<&'a str>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PublicIpKind {
    Basic,
    Standard,
}

impl<'a> Vm<'a> {
    fn new(group: &'a str, name: String, location: &'a str, size: &'a str, subnet: String, tags: Value) -> Self {
        Vm {
            group,
            name,
            location,
            size,
            subnet,
            image: Image::Ubuntu,
            os_sku: "Premium_LRS",
            os_size: 64,
            data: &[],
            zone: None,
            avset: None,
            nsg: None,
            asg: None,
            pool: None,
            public_ip: None,
            tags,
            extensions: &[],
            identity: true,
            ultra: false,
            os_zrs: false,
            dns: None,
        }
    }
}

fn vm(e: &mut Estate, v: Vm<'_>) -> String {
    let name = v.name.as_str();
    let vm_id = rid(v.group, VMS, name);
    let nic_id = rid(v.group, "Microsoft.Network/networkInterfaces", &format!("{name}-nic"));
    let ipconfig = format!("{nic_id}/ipConfigurations/ipconfig1");
    let zones = v.zone.as_ref().map_or(Value::Null, |zone| json!([zone]));
    let linux = v.image.linux();
    let subnet_name = last(&v.subnet);
    let n = guid_number(&[&vm_id], 4);
    let ip = v.public_ip.map(|kind| {
        let basic = kind == PublicIpKind::Basic;
        let options = PublicIp { basic, zones: zones.clone(), user: Some(&ipconfig), dns: v.dns };
        public_ip(e, v.group, &format!("{name}-pip"), v.location, &v.tags, options)
    });
    e.use_subnet(&v.subnet, &ipconfig);
    let mut ip_properties = json!({
        "provisioningState": "Succeeded", "privateIPAddress": format!("{}.{}", private_prefix(&v.subnet), 4 + n % 200),
        "privateIPAllocationMethod": "Dynamic", "privateIPAddressVersion": "IPv4", "primary": true,
        "subnet": link(&v.subnet),
    });
    if let Some(ip) = &ip {
        ip_properties["publicIPAddress"] = link(ip);
    }
    if let Some(pool) = &v.pool {
        ip_properties["loadBalancerBackendAddressPools"] = json!([link(pool)]);
        e.pool_members.entry(pool.clone()).or_default().push(ipconfig.clone());
    }
    if let Some(asg) = &v.asg {
        ip_properties["applicationSecurityGroups"] = json!([link(asg)]);
    }
    let mut nic = json!({
        "provisioningState": "Succeeded", "resourceGuid": guid(&[&nic_id]),
        "ipConfigurations": [{"name": "ipconfig1", "id": ipconfig,
                              "type": "Microsoft.Network/networkInterfaces/ipConfigurations",
                              "properties": ip_properties}],
        "dnsSettings": {"dnsServers": [], "appliedDnsServers": [],
                        "internalDomainNameSuffix": format!("{}.bx.internal.cloudapp.net",
                                                            guid(&["dns", subnet_name])[..22].replace('-', ""))},
        "macAddress": format!("00-0D-3A-{:02X}-{:02X}-{:02X}", n % 256, (n >> 8) % 256, (n >> 3) % 256),
        "enableAcceleratedNetworking": !v.size.starts_with("Standard_B"), "enableIPForwarding": false,
        "primary": true, "virtualMachine": link(&vm_id), "nicType": "Standard", "vnetEncryptionSupported": false,
        "hostedWorkloads": [], "tapConfigurations": [],
    });
    if let Some(nsg) = &v.nsg {
        nic["networkSecurityGroup"] = link(nsg);
        e.nsg_users.entry(nsg.clone()).or_default().network_interfaces.push(link(&nic_id));
    }
    e.add(&nic_id, "Microsoft.Network/networkInterfaces", v.location, nic).tags(&v.tags);

    let os_disk = rid(v.group, DISKS, &format!("{name}_OsDisk_1_{}", guid_hex(&["os", name])));
    let os_sku = if v.os_zrs { "Premium_ZRS" } else { v.os_sku };
    let os_type = if linux { "Linux" } else { "Windows" };
    let os_zones = if v.os_zrs { Value::Null } else { zones.clone() };
    disk(e, &os_disk, v.location, v.os_size, os_sku, Some(&vm_id), os_zones, &v.tags, Some((os_type, v.image)));
    let mut data_disks = Vec::new();
    for (lun, &(suffix, gib, sku)) in v.data.iter().enumerate() {
        let disk_name = format!("{name}-{suffix}");
        let disk_id = rid(v.group, DISKS, &disk_name);
        let disk_zones = if sku.ends_with("ZRS") { Value::Null } else { zones.clone() };
        disk(e, &disk_id, v.location, gib, sku, Some(&vm_id), disk_zones, &v.tags, None);
        data_disks.push(json!({
            "lun": lun, "name": disk_name, "createOption": "Attach",
            "caching": if matches!(sku, "UltraSSD_LRS" | "PremiumV2_LRS") { "None" } else { "ReadOnly" },
            "writeAcceleratorEnabled": false,
            "managedDisk": {"storageAccountType": sku, "id": disk_id}, "deleteOption": "Detach",
            "diskSizeGB": gib, "toBeDetached": false,
        }));
    }

    let computer_name: String = name.chars().take(15).collect();
    let mut os_profile = json!({
        "computerName": computer_name, "adminUsername": "retailadmin", "secrets": [],
        "allowExtensionOperations": true, "requireGuestProvisionSignal": true,
    });
    if linux {
        os_profile["linuxConfiguration"] = json!({
            "disablePasswordAuthentication": true, "provisionVMAgent": true,
            "ssh": {"publicKeys": [{"path": "/home/retailadmin/.ssh/authorized_keys", "keyData": SSH_KEY}]},
            "patchSettings": {"patchMode": "ImageDefault", "assessmentMode": "ImageDefault"},
        });
    } else {
        os_profile["windowsConfiguration"] = json!({
            "provisionVMAgent": true, "enableAutomaticUpdates": true,
            "patchSettings": {"patchMode": "AutomaticByPlatform", "assessmentMode": "AutomaticByPlatform",
                              "enableHotpatching": false,
                              "automaticByPlatformSettings": {"rebootSetting": "IfRequired"}},
        });
    }
    let mut properties = json!({
        "vmId": guid(&["vmid", &vm_id]),
        "hardwareProfile": {"vmSize": v.size},
        "storageProfile": {
            "imageReference": v.image.reference(),
            "osDisk": {"osType": os_type, "name": last(&os_disk), "createOption": "FromImage",
                       "caching": "ReadWrite",
                       "managedDisk": {"storageAccountType": os_sku, "id": os_disk,
                                       "diskEncryptionSet": link(&disk_encryption_set())},
                       "deleteOption": "Delete", "diskSizeGB": v.os_size},
            "dataDisks": data_disks,
            "diskControllerType": "SCSI",
        },
        "osProfile": os_profile,
        "securityProfile": {"uefiSettings": {"secureBootEnabled": true, "vTpmEnabled": true},
                            "securityType": "TrustedLaunch"},
        "networkProfile": {"networkInterfaces": [{"id": nic_id, "properties": {"deleteOption": "Detach", "primary": true}}]},
        "diagnosticsProfile": {"bootDiagnostics": {"enabled": true,
                                                   "storageUri": "https://stretaildiageus.blob.core.windows.net/"}},
        "provisioningState": "Succeeded",
        "timeCreated": stamp(&[&vm_id]),
        "extended": {"instanceView": {
            "computerName": computer_name,
            "osName": if linux { "ubuntu" } else { "Windows Server 2022 Datacenter Azure Edition" },
            "osVersion": if linux { "22.04" } else { "10.0.20348.2402" }, "hyperVGeneration": "V2",
            "powerState": {"code": "PowerState/running", "level": "Info", "displayStatus": "VM running"}}},
    });
    if v.ultra {
        properties["additionalCapabilities"] = json!({"ultraSSDEnabled": true, "hibernationEnabled": false});
    }
    if let Some(avset) = &v.avset {
        properties["availabilitySet"] = link(avset);
    }
    if !linux {
        properties["licenseType"] = json!("Windows_Server");
    }
    let identity = if v.identity { user_identity(name, &[&id_apps()], true) } else { Value::Null };
    e.add(&vm_id, VMS, v.location, properties).zones(zones).tags(&v.tags).identity(identity);
    for &key in v.extensions {
        extension(e, &vm_id, v.location, key, linux, &v.tags);
    }
    vm_id
}

/// A managed disk, attached to `vm` when given; an OS disk carries its OS type and image.
#[allow(clippy::too_many_arguments)] // the columns of one disk
fn disk(
    e: &mut Estate,
    id: &str,
    location: &str,
    gib: u64,
    sku: &str,
    vm: Option<&str>,
    zones: Value,
    tags: &Value,
    os: Option<(&str, Image)>,
) {
    let mut properties = json!({
        "creationData": {"createOption": "Empty"},
        "diskSizeGB": gib, "diskSizeBytes": gib * (1 << 30), "uniqueId": guid(&["disk", id]),
        "encryption": {"diskEncryptionSetId": disk_encryption_set(), "type": "EncryptionAtRestWithCustomerKey"},
        "networkAccessPolicy": "DenyAll", "publicNetworkAccess": "Disabled", "timeCreated": stamp(&[id]),
        "provisioningState": "Succeeded", "diskState": if vm.is_some() { "Attached" } else { "Unattached" },
        "supportedCapabilities": {"diskControllerTypes": "SCSI, NVMe", "acceleratedNetwork": true,
                                  "architecture": "x64"},
        "dataAccessAuthMode": "None",
    });
    if let Some((os_type, image)) = os {
        let (publisher, offer, image_sku, exact) = image.parts();
        properties["osType"] = json!(os_type);
        properties["hyperVGeneration"] = json!("V2");
        properties["supportedCapabilities"]["architecture"] =
            json!(if image == Image::UbuntuArm { "Arm64" } else { "x64" });
        properties["creationData"] = json!({"createOption": "FromImage", "imageReference": {
            "id": format!("/Subscriptions/{SUB}/Providers/Microsoft.Compute/Locations/{location}/Publishers/{publisher}/ArtifactTypes/VMImage/Offers/{offer}/Skus/{image_sku}/Versions/{exact}")}});
        properties["securityProfile"] = json!({"securityType": "TrustedLaunch"});
    }
    if matches!(sku, "UltraSSD_LRS" | "PremiumV2_LRS") {
        let ultra = sku == "UltraSSD_LRS";
        properties["diskIOPSReadWrite"] = json!(if ultra { 20000 } else { 6000 });
        properties["diskMBpsReadWrite"] = json!(if ultra { 1000 } else { 250 });
        properties["logicalSectorSize"] = json!(4096);
    } else if sku.starts_with("Premium") {
        properties["tier"] = json!(premium_tier(gib));
    }
    let tier = if sku.starts_with("Premium") || sku.starts_with("Ultra") { "Premium" } else { "Standard" };
    e.add(id, DISKS, location, properties)
        .sku(json!({"name": sku, "tier": tier}))
        .zones(zones)
        .tags(tags)
        .managed_by(vm.unwrap_or(""));
}

/// The performance tier of a Premium SSD of `gib` GiB.
fn premium_tier(gib: u64) -> &'static str {
    [(32, "P4"), (64, "P6"), (128, "P10"), (256, "P15"), (512, "P20"), (1024, "P30"), (2048, "P40"), (4096, "P50")]
        .into_iter()
        .find(|&(limit, _)| gib <= limit)
        .map_or("P60", |(_, tier)| tier)
}

/// A VM extension by key: its Linux and Windows names, publisher and versions.
fn extension(e: &mut Estate, vm_id: &str, location: &str, key: &str, linux: bool, tags: &Value) {
    let (linux_name, windows_name, publisher, linux_version, windows_version) = match key {
        "ama" => (
            Some("AzureMonitorLinuxAgent"),
            Some("AzureMonitorWindowsAgent"),
            "Microsoft.Azure.Monitor",
            Some("1.29"),
            Some("1.22"),
        ),
        "deps" => (
            Some("DependencyAgentLinux"),
            Some("DependencyAgentWindows"),
            "Microsoft.Azure.Monitoring.DependencyAgent",
            Some("9.10"),
            Some("9.10"),
        ),
        "mde" => (
            Some("MDE.Linux"),
            Some("MDE.Windows"),
            "Microsoft.Azure.AzureDefenderForServers",
            Some("1.0"),
            Some("1.0"),
        ),
        "script" => (
            Some("CustomScript"),
            Some("CustomScriptExtension"),
            if linux { "Microsoft.Azure.Extensions" } else { "Microsoft.Compute" },
            Some("2.1"),
            Some("1.10"),
        ),
        "aad" => (
            Some("AADSSHLoginForLinux"),
            Some("AADLoginForWindows"),
            "Microsoft.Azure.ActiveDirectory",
            Some("1.0"),
            Some("2.0"),
        ),
        "sqliaas" => (None, Some("SqlIaasExtension"), "Microsoft.SqlServer.Management", None, Some("2.0")),
        "gpu" => (Some("NvidiaGpuDriverLinux"), None, "Microsoft.HpcCompute", Some("1.9"), None),
        _ => (None, None, "", None, None),
    };
    let (name, version) = if linux { (linux_name, linux_version) } else { (windows_name, windows_version) };
    let Some(name) = name else {
        e.problems.push(format!("{vm_id}: no {key} extension for its OS"));
        return;
    };
    let settings = match key {
        "ama" => json!({"authentication": {"managedIdentity": {"identifier-name": "mi_res_id",
                                                                "identifier-value": id_apps()}}}),
        "script" => json!({"fileUris": [if linux {
            "https://stretailartifacts.blob.core.windows.net/bootstrap/install-pos-agent.sh"
        } else {
            "https://stretailartifacts.blob.core.windows.net/bootstrap/Install-PosAgent.ps1"
        }]}),
        "sqliaas" => json!({"SqlManagement": {"IsEnabled": true}, "ServerConfigurationsManagementSettings": {
            "SQLConnectivityUpdateSettings": {"ConnectivityType": "PRIVATE", "Port": 1433}}}),
        _ => json!({}),
    };
    let properties = json!({
        "autoUpgradeMinorVersion": true, "enableAutomaticUpgrade": matches!(key, "ama" | "mde"),
        "provisioningState": "Succeeded", "publisher": publisher, "type": name, "typeHandlerVersion": version,
        "settings": settings,
    });
    e.add(&format!("{vm_id}/extensions/{name}"), "Microsoft.Compute/virtualMachines/extensions", location, properties)
        .tags(tags);
}

/// VMs of every tier, the orphaned disk and its snapshot, availability sets, the disk
/// encryption set, load balancers, the image gallery and the scale sets.
pub(super) fn machines(e: &mut Estate) {
    let lb_web_pool = format!("{}/backendAddressPools/be-web", lb_web());
    let lb_weu_pool = format!("{}/backendAddressPools/be-stores", lb_weu());
    let apps_spoke = "vnet-spoke-apps-eus";
    let data_spoke = "vnet-spoke-data-eus";

    // Web tier (availability set behind an internal load balancer)
    let mut web_vms = Vec::new();
    for i in 1..=3 {
        let name = format!("vm-retail-web-{i:02}");
        web_vms.push(vm(
            e,
            Vm {
                avset: Some(avset_web()),
                nsg: Some(nsg_id("nsg-spoke-web")),
                asg: Some(asg_web()),
                pool: Some(lb_web_pool.clone()),
                extensions: &["ama", "mde"],
                ..Vm::new(APPS, name, EUS, "Standard_D4s_v5", subnet(apps_spoke, "snet-web"), t_web())
            },
        ));
    }
    // App tier, zonal
    for i in 1..=2 {
        let name = format!("vm-retail-app-{i:02}");
        vm(
            e,
            Vm {
                zone: Some(i.to_string()),
                nsg: Some(nsg_id("nsg-spoke-app")),
                asg: Some(asg_app()),
                data: &[("data0", 256, "Premium_LRS")],
                extensions: &["ama", "deps", "mde"],
                ..Vm::new(APPS, name, EUS, "Standard_E8s_v5", subnet(apps_spoke, "snet-app"), t_app())
            },
        );
    }
    // Jump box with a Basic public IP (Basic SKU public IPs retired 2025-09-30 in global Azure)
    vm(
        e,
        Vm {
            nsg: Some(nsg_id("vm-jump-01-nsg")),
            public_ip: Some(PublicIpKind::Basic),
            os_sku: "StandardSSD_LRS",
            os_size: 30,
            extensions: &["aad"],
            identity: false,
            ..Vm::new(NET, "vm-jump-01".into(), EUS, "Standard_B2ms", subnet("vnet-hub-eus", "snet-shared"), tag_net())
        },
    );
    // ARM64 POS integration server (Dpsv5 sizes are not offered in Azure China)
    vm(
        e,
        Vm {
            image: Image::UbuntuArm,
            zone: Some("1".into()),
            nsg: Some(nsg_id("nsg-spoke-app")),
            data: &[("data0", 128, "StandardSSD_LRS")],
            extensions: &["ama"],
            ..Vm::new(
                APPS,
                "vm-retail-posint-01".into(),
                EUS,
                "Standard_D2ps_v5",
                subnet(apps_spoke, "snet-app"),
                t_pos(),
            )
        },
    );
    // SQL Server on a VM for the legacy merchandising system: Ultra data disk, Premium SSD v2 log disk
    vm(
        e,
        Vm {
            image: Image::SqlServer,
            os_size: 127,
            zone: Some("2".into()),
            nsg: Some(nsg_id("nsg-spoke-data")),
            data: &[
                ("data-ultra", 1024, "UltraSSD_LRS"),
                ("log-pv2", 512, "PremiumV2_LRS"),
                ("backup", 2048, "Standard_LRS"),
            ],
            ultra: true,
            extensions: &["sqliaas", "ama", "mde"],
            ..Vm::new(
                DATA,
                "vm-retail-merchsql-01".into(),
                EUS,
                "Standard_E16ds_v5",
                subnet(data_spoke, "snet-compute"),
                tags("merchandising", "data", "CC-4300"),
            )
        },
    );
    // GPU VM for product imagery (NVadsA10 v5: China North 3 only)
    vm(
        e,
        Vm {
            os_size: 128,
            nsg: Some(nsg_id("nsg-spoke-data")),
            data: &[("assets", 1024, "Premium_ZRS")],
            os_zrs: true,
            extensions: &["gpu", "ama"],
            ..Vm::new(
                DATA,
                "vm-retail-render-01".into(),
                EUS,
                "Standard_NV36ads_A10_v5",
                subnet(data_spoke, "snet-compute"),
                tags("imagery", "ecom", "CC-4220"),
            )
        },
    );
    // HPC VM for demand forecasting (HBv4: not offered in Azure China)
    vm(
        e,
        Vm {
            image: Image::Hpc,
            data: &[("scratch", 2048, "PremiumV2_LRS")],
            zone: Some("1".into()),
            extensions: &["ama"],
            ..Vm::new(
                DATA,
                "vm-retail-forecast-01".into(),
                EUS,
                "Standard_HB176rs_v4",
                subnet(data_spoke, "snet-compute"),
                t_data(),
            )
        },
    );
    // Store back-ends in Europe and Asia
    let mut weu_vms = Vec::new();
    for i in 1..=4 {
        let name = format!("vm-stores-weu-{i:02}");
        weu_vms.push(vm(
            e,
            Vm {
                image: Image::Windows,
                os_size: 127,
                avset: Some(avset_weu()),
                nsg: Some(nsg_id("nsg-stores-weu")),
                pool: Some(lb_weu_pool.clone()),
                data: &[("data0", 128, "StandardSSD_LRS")],
                extensions: &["ama", "script"],
                ..Vm::new(APPS, name, WEU, "Standard_D2s_v3", subnet("vnet-hub-weu", "snet-stores"), t_weu())
            },
        ));
    }
    for i in 1..=4 {
        let name = format!("vm-stores-sea-{i:02}");
        vm(
            e,
            Vm {
                os_sku: "StandardSSD_LRS",
                nsg: Some(nsg_id("nsg-stores-sea")),
                public_ip: (i == 1).then_some(PublicIpKind::Standard),
                dns: (i == 1).then_some("contoso-retail-stores-sea"),
                data: &[("data0", 256, "Standard_LRS")],
                extensions: &["ama", "script"],
                ..Vm::new(APPS, name, SEA, "Standard_DS2_v2", subnet("vnet-stores-sea", "snet-stores"), t_sea())
            },
        );
    }

    // An orphaned disk left over from a migration, and a snapshot of it
    let retired = tags_for("legacy-pos", "storeops", "CC-4310", "retired");
    let orphan = rid(APPS, DISKS, "disk-retail-legacy-export-01");
    disk(e, &orphan, EUS, 512, "Premium_LRS", None, Value::Null, &retired, None);
    let properties = json!({
        "creationData": {"createOption": "Copy", "sourceResourceId": orphan,
                         "sourceUniqueId": guid(&["disk", &orphan])},
        "diskSizeGB": 512, "diskSizeBytes": 512_u64 << 30, "incremental": true, "uniqueId": guid(&["snap"]),
        "encryption": {"type": "EncryptionAtRestWithPlatformKey"}, "networkAccessPolicy": "DenyAll",
        "publicNetworkAccess": "Disabled", "timeCreated": stamp(&["snap"]), "provisioningState": "Succeeded",
        "diskState": "Unattached", "dataAccessAuthMode": "None",
    });
    let snapshot = rid(APPS, "Microsoft.Compute/snapshots", "snap-retail-legacy-export-01-2023q4");
    e.add(&snapshot, "Microsoft.Compute/snapshots", EUS, properties)
        .sku(json!({"name": "Standard_ZRS", "tier": "Standard"}))
        .tags(&retired);

    for (avset, location, members, tags) in [(avset_web(), EUS, web_vms, t_web()), (avset_weu(), WEU, weu_vms, t_weu())]
    {
        let properties = json!({
            "platformUpdateDomainCount": 5, "platformFaultDomainCount": if location == WEU { 2 } else { 3 },
            "virtualMachines": members.iter().map(|m| link(m)).collect::<Vec<_>>(), "statuses": [],
        });
        e.add(&avset, "Microsoft.Compute/availabilitySets", location, properties)
            .sku(json!({"name": "Aligned"}))
            .tags(&tags);
    }

    let properties = json!({
        "activeKey": {"sourceVault": link(&data::kv_prod()),
                      "keyUrl": format!("https://kv-retail-prod-eus.vault.azure.net/keys/cmk-disks/{}", guid_hex(&["cmk"]))},
        "encryptionType": "EncryptionAtRestWithCustomerKey", "rotationToLatestKeyVersionEnabled": true,
        "provisioningState": "Succeeded", "previousKeys": [], "lastKeyRotationTimestamp": stamp(&["des"]),
    });
    e.add(&disk_encryption_set(), "Microsoft.Compute/diskEncryptionSets", EUS, properties)
        .identity(user_identity("des", &[&id_cmk()], false))
        .tags(&tag_sec());

    // Load balancers: internal for the web tier, public for the European stores
    let web_frontend = format!("{}/frontendIPConfigurations/fe-web", lb_web());
    e.use_subnet(&subnet(apps_spoke, "snet-web"), &web_frontend);
    let weu_frontend = format!("{}/frontendIPConfigurations/fe-stores", lb_weu());
    let weu_ip = public_ip(
        e,
        APPS,
        last(&lb_weu_ip()),
        WEU,
        &t_weu(),
        PublicIp {
            zones: json!(["1", "2", "3"]),
            user: Some(&weu_frontend),
            dns: Some("contoso-retail-stores-weu"),
            basic: false,
        },
    );
    let web_frontend = json!({"privateIPAddress": "10.20.1.250", "privateIPAllocationMethod": "Static",
                              "subnet": link(&subnet(apps_spoke, "snet-web"))});
    load_balancer(e, &lb_web(), EUS, "fe-web", web_frontend, &lb_web_pool, &t_web(), 8443);
    let weu_frontend = json!({"privateIPAllocationMethod": "Dynamic", "publicIPAddress": link(&weu_ip)});
    load_balancer(e, &lb_weu(), WEU, "fe-stores", weu_frontend, &lb_weu_pool, &t_weu(), 443);

    images(e);

    // Checkout VM scale set (Uniform, zonal) and a Spot scale set for batch price recalculation
    let checkout = ScaleSet {
        nsg: Some(nsg_id("nsg-spoke-app")),
        identity: user_identity("vmss-checkout", &[&id_apps()], false),
        image: Some(json!({"id": gallery_version()})),
        ..ScaleSet::new(
            rid(APPS, VMSS, "vmss-retail-checkout-eus"),
            "Standard_D4s_v5",
            4,
            subnet(apps_spoke, "snet-app"),
            t_app(),
            json!(["1", "2", "3"]),
        )
    };
    scale_set(e, checkout);
    let spot = ScaleSet {
        spot: true,
        ..ScaleSet::new(
            rid(APPS, VMSS, "vmss-retail-pricing-spot-eus"),
            "Standard_F8s_v2",
            6,
            subnet(apps_spoke, "snet-app"),
            tags_for("pricing", "ecom", "CC-4230", "batch"),
            Value::Null,
        )
    };
    scale_set(e, spot);
}

#[allow(clippy::too_many_arguments)] // the columns of one load balancer
fn load_balancer(
    e: &mut Estate,
    id: &str,
    location: &str,
    frontend: &str,
    frontend_properties: Value,
    pool: &str,
    tags: &Value,
    port: u32,
) {
    let rule = link(&format!("{id}/loadBalancingRules/https"));
    let frontend_id = format!("{id}/frontendIPConfigurations/{frontend}");
    let mut frontend_body = json!({"provisioningState": "Succeeded", "loadBalancingRules": [rule]});
    if let (Some(body), Value::Object(extra)) = (frontend_body.as_object_mut(), frontend_properties) {
        body.extend(extra);
    }
    let members: Vec<Value> =
        e.pool_members.get(pool).map(|members| members.iter().map(|m| link(m)).collect()).unwrap_or_default();
    let properties = json!({
        "provisioningState": "Succeeded", "resourceGuid": guid(&[id]),
        "frontendIPConfigurations": [{"name": frontend, "id": frontend_id, "properties": frontend_body}],
        "backendAddressPools": [{"name": last(pool), "id": pool,
                                 "properties": {"provisioningState": "Succeeded",
                                                "backendIPConfigurations": members,
                                                "loadBalancingRules": [rule]}}],
        "probes": [{"name": "probe-https", "id": format!("{id}/probes/probe-https"),
                    "properties": {"provisioningState": "Succeeded", "protocol": "Https", "port": port,
                                   "requestPath": "/healthz", "intervalInSeconds": 15, "numberOfProbes": 2,
                                   "probeThreshold": 1}}],
        "loadBalancingRules": [{"name": "https", "id": format!("{id}/loadBalancingRules/https"),
                                "properties": {"provisioningState": "Succeeded",
                                               "frontendIPConfiguration": link(&frontend_id),
                                               "backendAddressPool": link(pool),
                                               "probe": link(&format!("{id}/probes/probe-https")),
                                               "protocol": "Tcp", "frontendPort": 443, "backendPort": port,
                                               "idleTimeoutInMinutes": 4, "loadDistribution": "Default",
                                               "enableFloatingIP": false, "enableTcpReset": true,
                                               "disableOutboundSnat": true}}],
        "inboundNatRules": [], "outboundRules": [], "inboundNatPools": [],
    });
    e.add(id, "Microsoft.Network/loadBalancers", location, properties)
        .sku(json!({"name": "Standard", "tier": "Regional"}))
        .tags(tags);
}

fn gallery_version() -> String {
    format!("{}/images/pos-ubuntu-2204/versions/1.4.0", gallery())
}

/// The golden image gallery, its image definition and version.
fn images(e: &mut Estate) {
    let gallery = gallery();
    let image = format!("{gallery}/images/pos-ubuntu-2204");
    let tags = tags_for("golden-images", "platform", "CC-4100", "build");
    let properties = json!({
        "description": "Golden images for store and checkout servers",
        "identifier": {"uniqueName": format!("{SUB}-GAL_RETAIL_IMAGES")},
        "provisioningState": "Succeeded", "sharingProfile": {"permissions": "Private"},
    });
    e.add(&gallery, "Microsoft.Compute/galleries", EUS, properties).tags(&tags);
    let properties = json!({
        "osType": "Linux", "osState": "Generalized", "hyperVGeneration": "V2", "architecture": "x64",
        "identifier": {"publisher": "ContosoRetail", "offer": "pos-ubuntu", "sku": "2204-gen2"},
        "recommended": {"vCPUs": {"min": 2, "max": 16}, "memory": {"min": 4, "max": 64}},
        "features": [{"name": "SecurityType", "value": "TrustedLaunchSupported"}], "provisioningState": "Succeeded",
    });
    e.add(&image, "Microsoft.Compute/galleries/images", EUS, properties).name("pos-ubuntu-2204").tags(&tags);
    let regions: Vec<Value> = ["East US", "West Europe", "Southeast Asia"]
        .into_iter()
        .map(|region| json!({"name": region, "regionalReplicaCount": 2, "storageAccountType": "Standard_ZRS"}))
        .collect();
    let properties = json!({
        "publishingProfile": {"targetRegions": regions, "replicaCount": 2, "excludeFromLatest": false,
                              "publishedDate": stamp(&["galv"]), "storageAccountType": "Standard_ZRS",
                              "replicationMode": "Full"},
        "storageProfile": {"osDiskImage": {"sizeInGB": 64, "hostCaching": "ReadWrite"}},
        "safetyProfile": {"allowDeletionOfReplicatedLocations": false, "reportedForPolicyViolation": false},
        "provisioningState": "Succeeded", "replicationStatus": {"aggregatedState": "Completed", "summary": []},
    });
    e.add(&gallery_version(), "Microsoft.Compute/galleries/images/versions", EUS, properties).name("1.4.0").tags(&tags);
}

pub(super) const VMSS: &str = "Microsoft.Compute/virtualMachineScaleSets";

/// A Uniform VM scale set in East US.
pub(super) struct ScaleSet {
    pub id: String,
    pub size: &'static str,
    pub capacity: u32,
    pub subnet: String,
    pub tags: Value,
    pub zones: Value,
    pub spot: bool,
    pub pool: Option<String>,
    pub nsg: Option<String>,
    pub identity: Value,
    pub image: Option<Value>,
}

impl ScaleSet {
    pub(super) fn new(
        id: String,
        size: &'static str,
        capacity: u32,
        subnet: String,
        tags: Value,
        zones: Value,
    ) -> Self {
        ScaleSet {
            id,
            size,
            capacity,
            subnet,
            tags,
            zones,
            spot: false,
            pool: None,
            nsg: None,
            identity: Value::Null,
            image: None,
        }
    }
}

pub(super) fn scale_set(e: &mut Estate, s: ScaleSet) {
    let name = last(&s.id);
    let mut ipconfig = json!({"name": "ipconfig1",
                              "properties": {"primary": true, "subnet": link(&s.subnet), "privateIPAddressVersion": "IPv4"}});
    if let Some(pool) = &s.pool {
        ipconfig["properties"]["loadBalancerBackendAddressPools"] = json!([link(pool)]);
    }
    let mut nic = json!({"name": format!("{name}-nic"),
                         "properties": {"primary": true, "enableAcceleratedNetworking": true,
                                        "enableIPForwarding": false, "ipConfigurations": [ipconfig],
                                        "dnsSettings": {"dnsServers": []}}});
    if let Some(nsg) = &s.nsg {
        nic["properties"]["networkSecurityGroup"] = link(nsg);
    }
    let prefix: String = name.chars().take(9).collect();
    let mut profile = json!({
        "osProfile": {"computerNamePrefix": prefix, "adminUsername": "retailadmin",
                      "linuxConfiguration": {"disablePasswordAuthentication": true, "provisionVMAgent": true,
                                             "ssh": {"publicKeys": [{"path": "/home/retailadmin/.ssh/authorized_keys",
                                                                     "keyData": SSH_KEY}]}},
                      "secrets": [], "allowExtensionOperations": true},
        "storageProfile": {"osDisk": {"osType": "Linux", "createOption": "FromImage", "caching": "ReadOnly",
                                      "managedDisk": {"storageAccountType": "Premium_LRS"}, "diskSizeGB": 128},
                           "imageReference": s.image.unwrap_or_else(|| Image::Ubuntu.reference()), "dataDisks": []},
        "networkProfile": {"networkInterfaceConfigurations": [nic]},
        "diagnosticsProfile": {"bootDiagnostics": {"enabled": true}},
    });
    if s.spot {
        profile["priority"] = json!("Spot");
        profile["evictionPolicy"] = json!("Delete");
        profile["billingProfile"] = json!({"maxPrice": -1});
    }
    let properties = json!({
        "singlePlacementGroup": false, "orchestrationMode": "Uniform",
        "upgradePolicy": {"mode": "Rolling", "rollingUpgradePolicy": {"maxBatchInstancePercent": 20,
                                                                       "maxUnhealthyInstancePercent": 20,
                                                                       "pauseTimeBetweenBatches": "PT0S"}},
        "virtualMachineProfile": profile, "overprovision": false, "doNotRunExtensionsOnOverprovisionedVMs": false,
        "provisioningState": "Succeeded", "uniqueId": guid(&["vmss", name]), "platformFaultDomainCount": 1,
        "timeCreated": stamp(&[&s.id]),
    });
    e.add(&s.id, VMSS, EUS, properties)
        .sku(json!({"name": s.size, "tier": "Standard", "capacity": s.capacity}))
        .zones(s.zones)
        .tags(&s.tags)
        .identity(s.identity);
}

//! Data: SQL servers, elastic pool and databases, the SQL managed instance, MySQL and
//! PostgreSQL flexible servers, Cosmos DB accounts, Redis caches, storage accounts and
//! key vaults.

use serde_json::{json, Value};

use super::ids::{
    display, guid, id_apps, last, rid, stamp, system_identity, t_data, t_sea, t_weu, tag_mon, tag_sec, tags, tags_for,
    user_identity, APPS, DATA, EUS, MON, SEA, SUB, TENANT, WEU,
};
use super::network::{dns_mysql, dns_pg, pe_connection, private_endpoint, subnet};
use super::{monitoring, Estate};

pub(super) fn kv_prod() -> String {
    rid(DATA, "Microsoft.KeyVault/vaults", "kv-retail-prod-eus")
}

fn kv_weu() -> String {
    rid(DATA, "Microsoft.KeyVault/vaults", "kv-retail-weu")
}

fn sql() -> String {
    rid(DATA, "Microsoft.Sql/servers", "sql-retail-core-eus")
}

pub(super) fn db_orders() -> String {
    format!("{}/databases/sqldb-orders", sql())
}

pub(super) fn db_catalog() -> String {
    format!("{}/databases/sqldb-catalog", sql())
}

pub(super) fn redis() -> String {
    rid(DATA, "Microsoft.Cache/Redis", "redis-retail-session")
}

fn storage_id(group: &str, name: &str) -> String {
    rid(group, "Microsoft.Storage/storageAccounts", name)
}

pub(super) fn st_lake() -> String {
    storage_id(DATA, "stretaillakeeus")
}

pub(super) fn st_func() -> String {
    storage_id(APPS, "stfuncretailorders")
}

const MAINTENANCE: &str = "providers/Microsoft.Maintenance/publicMaintenanceConfigurations/SQL_Default";
const GIB: u64 = 1 << 30;

/// SQL, the managed instance, MySQL, PostgreSQL, Cosmos DB, Redis, storage, key vaults.
pub(super) fn stores(e: &mut Estate) {
    sql_servers(e);
    open_source_databases(e);
    cosmos_accounts(e);
    caches(e);
    storage_accounts(e);
    key_vaults(e);
}

fn sql_servers(e: &mut Estate) {
    let t_sql = tags_for("core-db", "data", "CC-4300", "orders");
    let (sql, sql_weu) = (sql(), rid(DATA, "Microsoft.Sql/servers", "sql-retail-stores-weu"));
    let pool = format!("{sql}/elasticPools/sqlep-retail-shared");
    let maintenance = format!("/subscriptions/{SUB}/{MAINTENANCE}");
    let zone = ["privatelink.database.windows.net"];
    let pe_sql = private_endpoint(
        e,
        "pe-sql-retail-core-eus",
        EUS,
        &subnet("vnet-spoke-data-eus", "snet-pe"),
        &sql,
        "sqlServer",
        &zone,
        &t_sql,
        DATA,
    );
    let pe_sql_weu = private_endpoint(
        e,
        "pe-sql-retail-stores-weu",
        WEU,
        &subnet("vnet-hub-weu", "snet-pe"),
        &sql_weu,
        "sqlServer",
        &zone,
        &t_weu(),
        DATA,
    );
    for (server, location, admin, tags, endpoint) in
        [(&sql, EUS, "sqladmin-core", &t_sql, pe_sql), (&sql_weu, WEU, "sqladmin-stores", &t_weu(), pe_sql_weu)]
    {
        let name = last(server);
        let properties = json!({
            "administratorLogin": admin, "version": "12.0", "state": "Ready",
            "fullyQualifiedDomainName": format!("{name}.database.windows.net"),
            "privateEndpointConnections": [pe_connection(server, &endpoint)],
            "minimalTlsVersion": "1.2", "publicNetworkAccess": "Disabled", "restrictOutboundNetworkAccess": "Disabled",
            "administrators": {"administratorType": "ActiveDirectory", "principalType": "Group",
                               "login": "sg-retail-dba", "sid": guid(&["sid", name]), "tenantId": TENANT,
                               "azureADOnlyAuthentication": true},
            "primaryUserAssignedIdentityId": id_apps(),
        });
        e.add(server, "Microsoft.Sql/servers", location, properties)
            .kind("v12.0")
            .identity(user_identity(name, &[&id_apps()], false))
            .tags(tags);
        monitoring::diagnostics(e, server, &["SQLSecurityAuditEvents", "DevOpsOperationsAudit"], None);
    }

    let properties = json!({
        "state": "Ready", "creationDate": stamp(&[&pool]), "maxSizeBytes": 805_306_368_000_u64,
        "perDatabaseSettings": {"minCapacity": 0.0, "maxCapacity": 4.0}, "zoneRedundant": true,
        "licenseType": "LicenseIncluded", "maintenanceConfigurationId": maintenance,
        "availabilityZone": "NoPreference",
    });
    e.add(&pool, "Microsoft.Sql/servers/elasticPools", EUS, properties)
        .kind("vcore,pool")
        .sku(json!({"name": "GP_Gen5", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 4}))
        .tags(&t_sql);

    let gp =
        |capacity: u32| json!({"name": "GP_Gen5", "tier": "GeneralPurpose", "family": "Gen5", "capacity": capacity});
    let in_pool = json!({"name": "ElasticPool", "tier": "GeneralPurpose", "capacity": 0});
    let system = json!({"name": "System", "tier": "System", "capacity": 0});
    let databases = [
        Database { zone_redundant: true, ..Database::new(&sql, "sqldb-orders", EUS, gp(8), 500 * GIB, t_sql.clone()) },
        Database {
            kind: "v12.0,user",
            ..Database::new(
                &sql,
                "sqldb-catalog",
                EUS,
                json!({"name": "S3", "tier": "Standard", "capacity": 100}),
                250 * GIB,
                tags("catalog", "ecom", "CC-4200"),
            )
        },
        Database {
            pool: Some(&pool),
            kind: "v12.0,user,vcore,pool",
            ..Database::new(&sql, "sqldb-loyalty", EUS, in_pool.clone(), 200 * GIB, tags("loyalty", "ecom", "CC-4240"))
        },
        Database {
            pool: Some(&pool),
            kind: "v12.0,user,vcore,pool",
            ..Database::new(&sql, "sqldb-promotions", EUS, in_pool, 100 * GIB, tags("promotions", "ecom", "CC-4240"))
        },
        Database {
            kind: "v12.0,user,vcore,hyperscale",
            extra: json!({"highAvailabilityReplicaCount": 1, "readScale": "Enabled"}),
            ..Database::new(
                &sql,
                "sqldb-sales-analytics",
                EUS,
                json!({"name": "HS_Gen5", "tier": "Hyperscale", "family": "Gen5", "capacity": 8}),
                100 * 1024 * GIB,
                t_data(),
            )
        },
        Database { kind: "v12.0,system", ..Database::new(&sql, "master", EUS, system.clone(), 32 * GIB, json!({})) },
        Database {
            kind: "v12.0,user",
            ..Database::new(
                &sql_weu,
                "sqldb-stores-eu",
                WEU,
                json!({"name": "S2", "tier": "Standard", "capacity": 50}),
                250 * GIB,
                t_weu(),
            )
        },
        Database { kind: "v12.0,system", ..Database::new(&sql_weu, "master", WEU, system, 32 * GIB, json!({})) },
    ];
    for database in databases {
        add_database(e, database);
    }
    monitoring::diagnostics(e, &db_orders(), &["SQLInsights", "QueryStoreRuntimeStatistics", "Errors"], None);

    // SQL Managed Instance for the ERP
    let mi = rid(DATA, "Microsoft.Sql/managedInstances", "sqlmi-retail-erp");
    let t_erp = tags("erp", "finance-it", "CC-4500");
    let dns_zone = guid(&["dnszone"])[..12].replace('-', "");
    let properties = json!({
        "provisioningState": "Succeeded", "state": "Ready",
        "fullyQualifiedDomainName": format!("sqlmi-retail-erp.{dns_zone}.database.windows.net"),
        "administratorLogin": "miadmin", "subnetId": subnet("vnet-spoke-data-eus", "snet-sqlmi"),
        "licenseType": "BasePrice", "vCores": 8, "storageSizeInGB": 1024, "collation": "SQL_Latin1_General_CP1_CI_AS",
        "dnsZone": dns_zone, "publicDataEndpointEnabled": false, "proxyOverride": "Redirect",
        "timezoneId": "Pacific Standard Time", "minimalTlsVersion": "1.2", "requestedBackupStorageRedundancy": "Geo",
        "currentBackupStorageRedundancy": "Geo", "zoneRedundant": false, "maintenanceConfigurationId": maintenance,
        "primaryUserAssignedIdentityId": id_apps(), "privateEndpointConnections": [],
    });
    e.add(&mi, "Microsoft.Sql/managedInstances", EUS, properties)
        .sku(gp(8))
        .identity(user_identity("sqlmi", &[&id_apps()], true))
        .tags(&t_erp);
    for db in ["erp-finance", "erp-supplychain"] {
        let properties = json!({
            "collation": "SQL_Latin1_General_CP1_CI_AS", "status": "Online", "creationDate": stamp(&[db]),
            "defaultSecondaryLocation": "westus", "isLedgerOn": false,
        });
        e.add(&format!("{mi}/databases/{db}"), "Microsoft.Sql/managedInstances/databases", EUS, properties)
            .tags(&t_erp);
    }
}

/// A SQL database of a server; `extra` properties are added last.
struct Database<'a> {
    server: &'a str,
    name: &'a str,
    location: &'a str,
    sku: Value,
    max_bytes: u64,
    tags: Value,
    pool: Option<&'a str>,
    kind: &'a str,
    zone_redundant: bool,
    extra: Value,
}

impl<'a> Database<'a> {
    fn new(server: &'a str, name: &'a str, location: &'a str, sku: Value, max_bytes: u64, tags: Value) -> Self {
        Database {
            server,
            name,
            location,
            sku,
            max_bytes,
            tags,
            pool: None,
            kind: "v12.0,user,vcore",
            zone_redundant: false,
            extra: Value::Null,
        }
    }
}

fn add_database(e: &mut Estate, d: Database<'_>) {
    let id = format!("{}/databases/{}", d.server, d.name);
    let sku_name = d.sku["name"].as_str().unwrap_or_default();
    let objective = if d.pool.is_some() {
        "ElasticPool".to_string()
    } else if matches!(d.sku["tier"].as_str(), Some("Standard" | "Premium" | "Basic" | "System")) {
        sku_name.to_string()
    } else {
        format!("{sku_name}_{}", d.sku["capacity"])
    };
    let mut properties = json!({
        "collation": "SQL_Latin1_General_CP1_CI_AS", "maxSizeBytes": d.max_bytes, "status": "Online",
        "databaseId": guid(&["db", &id]), "creationDate": stamp(&[&id]), "currentServiceObjectiveName": objective,
        "requestedServiceObjectiveName": objective,
        "defaultSecondaryLocation": if d.location == EUS { "westus" } else { "northeurope" },
        "catalogCollation": "SQL_Latin1_General_CP1_CI_AS", "zoneRedundant": d.zone_redundant, "readScale": "Disabled",
        "currentSku": d.sku, "currentBackupStorageRedundancy": "Geo", "requestedBackupStorageRedundancy": "Geo",
        "maintenanceConfigurationId": format!("/subscriptions/{SUB}/{MAINTENANCE}"),
        "isLedgerOn": false, "isInfraEncryptionEnabled": false, "availabilityZone": "NoPreference",
    });
    if d.kind.ends_with("vcore") {
        properties["licenseType"] = json!("LicenseIncluded");
    }
    if let Some(pool) = d.pool {
        properties["elasticPoolId"] = json!(pool);
    }
    if let (Some(body), Value::Object(extra)) = (properties.as_object_mut(), d.extra) {
        body.extend(extra);
    }
    e.add(&id, "Microsoft.Sql/servers/databases", d.location, properties).kind(d.kind).sku(d.sku).tags(&d.tags);
}

/// MySQL and PostgreSQL flexible servers, VNet-injected, with private DNS zones.
fn open_source_databases(e: &mut Estate) {
    let mysql = rid(DATA, "Microsoft.DBforMySQL/flexibleServers", "mysql-retail-cms");
    let pgsql = rid(DATA, "Microsoft.DBforPostgreSQL/flexibleServers", "psql-retail-inventory");
    let properties = json!({
        "administratorLogin": "cmsadmin", "version": "8.0.21", "state": "Ready",
        "fullyQualifiedDomainName": "mysql-retail-cms.mysql.database.azure.com", "availabilityZone": "1",
        "storage": {"storageSizeGB": 256, "iops": 1140, "autoGrow": "Enabled", "autoIoScaling": "Disabled",
                    "storageSku": "Premium_LRS", "logOnDisk": "Disabled"},
        "backup": {"backupRetentionDays": 14, "geoRedundantBackup": "Enabled",
                   "earliestRestoreDate": stamp(&["mysql-restore"])},
        "highAvailability": {"mode": "Disabled", "state": "NotEnabled", "standbyAvailabilityZone": ""},
        "network": {"publicNetworkAccess": "Disabled",
                    "delegatedSubnetResourceId": subnet("vnet-spoke-data-eus", "snet-mysql"),
                    "privateDnsZoneResourceId": dns_mysql()},
        "maintenanceWindow": {"customWindow": "Enabled", "startHour": 3, "startMinute": 0, "dayOfWeek": 0},
        "replicationRole": "None", "replicaCapacity": 10,
    });
    e.add(&mysql, "Microsoft.DBforMySQL/flexibleServers", EUS, properties)
        .sku(json!({"name": "Standard_D2ds_v4", "tier": "GeneralPurpose"}))
        .tags(&tags("cms", "ecom", "CC-4200"));
    let properties = json!({
        "administratorLogin": "inventoryadmin", "version": "15", "minorVersion": "7", "state": "Ready",
        "fullyQualifiedDomainName": "psql-retail-inventory.postgres.database.azure.com", "availabilityZone": "1",
        "storage": {"storageSizeGB": 1024, "autoGrow": "Enabled", "tier": "P30", "iops": 5000, "type": ""},
        "authConfig": {"activeDirectoryAuth": "Enabled", "passwordAuth": "Enabled", "tenantId": TENANT},
        "backup": {"backupRetentionDays": 35, "geoRedundantBackup": "Enabled",
                   "earliestRestoreDate": stamp(&["pg-restore"])},
        "network": {"publicNetworkAccess": "Disabled",
                    "delegatedSubnetResourceId": subnet("vnet-spoke-data-eus", "snet-pgsql"),
                    "privateDnsZoneArmResourceId": dns_pg()},
        "highAvailability": {"mode": "ZoneRedundant", "state": "Healthy", "standbyAvailabilityZone": "2"},
        "maintenanceWindow": {"customWindow": "Disabled", "dayOfWeek": 0, "startHour": 0, "startMinute": 0},
        "replicationRole": "Primary", "replicaCapacity": 5,
    });
    e.add(&pgsql, "Microsoft.DBforPostgreSQL/flexibleServers", EUS, properties)
        .sku(json!({"name": "Standard_D4ds_v5", "tier": "GeneralPurpose"}))
        .tags(&tags("inventory", "supplychain", "CC-4400"));
    monitoring::diagnostics(e, &pgsql, &["PostgreSQLLogs", "PostgreSQLFlexSessions"], None);
}

/// Cosmos DB: serverless cart store; multi-region-write catalog; MongoDB API for reviews.
fn cosmos_accounts(e: &mut Estate) {
    let account = |name: &str| rid(DATA, "Microsoft.DocumentDB/databaseAccounts", name);
    let catalog = account("cosmos-retail-catalog");
    let endpoint = private_endpoint(
        e,
        "pe-cosmos-retail-catalog",
        EUS,
        &subnet("vnet-spoke-data-eus", "snet-pe"),
        &catalog,
        "Sql",
        &["privatelink.documents.azure.com"],
        &t_data(),
        DATA,
    );
    let accounts = [
        (
            account("cosmos-retail-cart"),
            "GlobalDocumentDB",
            &[EUS][..],
            &["EnableServerless"][..],
            tags("cart", "ecom", "CC-4200"),
            false,
            None,
            false,
        ),
        (
            catalog.clone(),
            "GlobalDocumentDB",
            &[EUS, WEU, SEA][..],
            &[][..],
            tags("catalog", "ecom", "CC-4200"),
            true,
            Some(endpoint),
            true,
        ),
        (
            account("cosmos-retail-reviews"),
            "MongoDB",
            &[EUS, WEU][..],
            &["EnableMongo", "DisableRateLimitingResponses"][..],
            tags("reviews", "ecom", "CC-4250"),
            false,
            None,
            false,
        ),
    ];
    for (id, kind, locations, capabilities, tags, multi_write, endpoint, analytical) in accounts {
        let name = last(&id);
        let locs: Vec<Value> = locations
            .iter()
            .enumerate()
            .map(|(priority, &loc)| {
                json!({"id": format!("{name}-{loc}"), "locationName": display(loc),
                       "documentEndpoint": format!("https://{name}-{loc}.documents.azure.com:443/"),
                       "provisioningState": "Succeeded", "failoverPriority": priority, "isZoneRedundant": loc == EUS})
            })
            .collect();
        let failover: Vec<Value> = locs
            .iter()
            .map(|l| json!({"id": l["id"], "locationName": l["locationName"], "failoverPriority": l["failoverPriority"]}))
            .collect();
        let connections: Vec<Value> = endpoint.iter().map(|pe| pe_connection(&id, pe)).collect();
        let mut properties = json!({
            "provisioningState": "Succeeded", "documentEndpoint": format!("https://{name}.documents.azure.com:443/"),
            "databaseAccountOfferType": "Standard", "ipRules": [], "isVirtualNetworkFilterEnabled": false,
            "virtualNetworkRules": [], "enableAutomaticFailover": true, "enableMultipleWriteLocations": multi_write,
            "consistencyPolicy": {"defaultConsistencyLevel": "Session", "maxIntervalInSeconds": 5,
                                  "maxStalenessPrefix": 100},
            "capabilities": capabilities.iter().map(|c| json!({"name": c})).collect::<Vec<_>>(),
            "writeLocations": if multi_write { &locs[..] } else { &locs[..1] }, "readLocations": locs,
            "locations": locs, "failoverPolicies": failover,
            "privateEndpointConnections": connections,
            "enableFreeTier": false, "enableAnalyticalStorage": analytical,
            "publicNetworkAccess": if endpoint.is_some() { "Disabled" } else { "Enabled" },
            "disableLocalAuth": true, "minimalTlsVersion": "Tls12", "instanceId": guid(&["cosmos", name]),
            "backupPolicy": {"type": "Continuous", "continuousModeProperties": {"tier": "Continuous30Days"}},
            "networkAclBypass": "None", "networkAclBypassResourceIds": [],
        });
        if kind == "MongoDB" {
            properties["apiProperties"] = json!({"serverVersion": "6.0"});
        }
        e.add(&id, "Microsoft.DocumentDB/databaseAccounts", locations[0], properties)
            .kind(kind)
            .tags(&tags)
            .identity(system_identity(name));
    }
    monitoring::diagnostics(e, &catalog, &["DataPlaneRequests", "PartitionKeyStatistics"], None);
}

/// Redis: Premium in a VNet for sessions; Enterprise for recommendations (not offered in
/// Azure China).
fn caches(e: &mut Estate) {
    let properties = json!({
        "provisioningState": "Succeeded", "redisVersion": "6.0",
        "sku": {"name": "Premium", "family": "P", "capacity": 2}, "enableNonSslPort": false, "minimumTlsVersion": "1.2",
        "publicNetworkAccess": "Disabled",
        "redisConfiguration": {"maxmemory-policy": "allkeys-lru", "maxmemory-reserved": "642",
                               "rdb-backup-enabled": "true", "rdb-backup-frequency": "60", "aad-enabled": "true"},
        "subnetId": subnet("vnet-spoke-data-eus", "snet-redis"), "staticIP": "10.30.4.10", "shardCount": 2,
        "replicasPerMaster": 1, "replicasPerPrimary": 1, "updateChannel": "Stable",
        "hostName": "redis-retail-session.redis.cache.windows.net", "port": 6379, "sslPort": 6380,
        "instances": [{"sslPort": 15000, "nonSslPort": 13000, "shardId": 0, "isMaster": true, "isPrimary": true,
                       "zone": "1"},
                      {"sslPort": 15001, "nonSslPort": 13001, "shardId": 0, "isMaster": false, "isPrimary": false,
                       "zone": "2"}],
        "linkedServers": [], "privateEndpointConnections": [],
    });
    e.add(&redis(), "Microsoft.Cache/Redis", EUS, properties).zones(json!(["1", "2"])).tags(&tags(
        "session-cache",
        "ecom",
        "CC-4200",
    ));
    let recommendations = tags("recommendations", "data", "CC-4300");
    let enterprise = rid(DATA, "Microsoft.Cache/redisEnterprise", "redisent-retail-recs");
    let properties = json!({
        "provisioningState": "Succeeded", "resourceState": "Running",
        "hostName": "redisent-retail-recs.eastus.redisenterprise.cache.azure.net",
        "redisVersion": "7", "minimumTlsVersion": "1.2", "privateEndpointConnections": [],
    });
    e.add(&enterprise, "Microsoft.Cache/redisEnterprise", EUS, properties)
        .sku(json!({"name": "Enterprise_E10", "capacity": 2}))
        .zones(json!(["1", "2", "3"]))
        .tags(&recommendations);
    let properties = json!({
        "provisioningState": "Succeeded", "resourceState": "Running", "clientProtocol": "Encrypted", "port": 10000,
        "clusteringPolicy": "EnterpriseCluster", "evictionPolicy": "NoEviction",
        "modules": [{"name": "RediSearch", "args": "", "version": "2.8.4"},
                    {"name": "RedisJSON", "args": "", "version": "2.6.6"}],
        "persistence": {"aofEnabled": false, "rdbEnabled": true, "rdbFrequency": "6h"},
    });
    e.add(&format!("{enterprise}/databases/default"), "Microsoft.Cache/redisEnterprise/databases", EUS, properties)
        .name("default")
        .tags(&recommendations);
}

/// A storage account to create.
struct Storage<'a> {
    group: &'a str,
    name: &'a str,
    location: &'a str,
    sku: &'a str,
    kind: &'a str,
    tags: Value,
    hns: bool,
    tier: &'a str,
    endpoint: Option<String>,
    subnets: Vec<String>,
    large_file: bool,
    public_access: bool,
}

impl<'a> Storage<'a> {
    fn new(group: &'a str, name: &'a str, location: &'a str, sku: &'a str, tags: Value) -> Self {
        Storage {
            group,
            name,
            location,
            sku,
            kind: "StorageV2",
            tags,
            hns: false,
            tier: "Hot",
            endpoint: None,
            subnets: Vec::new(),
            large_file: false,
            public_access: false,
        }
    }
}

fn add_storage(e: &mut Estate, s: Storage<'_>) {
    let (id, name) = (storage_id(s.group, s.name), s.name);
    let paired = match s.location {
        EUS => "westus",
        WEU => "northeurope",
        _ => "eastasia",
    };
    let geo = s.sku.contains("GRS") || s.sku.contains("GZRS");
    let file_only = s.kind == "FileStorage";
    let endpoints: &[&str] = if file_only { &["file"] } else { &["dfs", "web", "blob", "queue", "table", "file"] };
    let encrypted = json!({"keyType": "Account", "enabled": true, "lastEnabledTime": stamp(&["enc", name])});
    let mut properties = json!({
        "keyCreationTime": {"key1": stamp(&["key1", name]), "key2": stamp(&["key2", name])},
        "privateEndpointConnections": s.endpoint.iter().map(|pe| pe_connection(&id, pe)).collect::<Vec<_>>(),
        "minimumTlsVersion": "TLS1_2", "allowBlobPublicAccess": s.public_access, "allowSharedKeyAccess": false,
        "isHnsEnabled": s.hns,
        "networkAcls": {"bypass": "AzureServices",
                        "defaultAction": if s.subnets.is_empty() && s.endpoint.is_none() { "Allow" } else { "Deny" },
                        "ipRules": [], "ipv6Rules": [],
                        "virtualNetworkRules": s.subnets.iter()
                            .map(|subnet| json!({"id": subnet, "action": "Allow", "state": "Succeeded"}))
                            .collect::<Vec<_>>(),
                        "resourceAccessRules": []},
        "supportsHttpsTrafficOnly": true,
        "encryption": {"requireInfrastructureEncryption": false, "keySource": "Microsoft.Storage",
                       "services": {"file": encrypted, "blob": encrypted}},
        "provisioningState": "Succeeded", "creationTime": stamp(&[name]),
        "primaryEndpoints": endpoints.iter()
            .map(|service| (service.to_string(), json!(format!("https://{name}.{service}.core.windows.net/"))))
            .collect::<serde_json::Map<_, _>>(),
        "primaryLocation": s.location, "statusOfPrimary": "available",
    });
    if s.large_file {
        properties["largeFileSharesState"] = json!("Enabled");
    }
    if !file_only {
        properties["accessTier"] = json!(s.tier);
    }
    if geo {
        properties["secondaryLocation"] = json!(paired);
        properties["statusOfSecondary"] = json!("available");
        if s.sku.starts_with("Standard_RA") {
            properties["secondaryEndpoints"] = ["blob", "queue", "table", "web", "dfs"]
                .iter()
                .map(|service| {
                    (service.to_string(), json!(format!("https://{name}-secondary.{service}.core.windows.net/")))
                })
                .collect::<serde_json::Map<_, _>>()
                .into();
        }
    }
    let tier = if s.sku.starts_with("Premium") { "Premium" } else { "Standard" };
    e.add(&id, "Microsoft.Storage/storageAccounts", s.location, properties)
        .kind(s.kind)
        .sku(json!({"name": s.sku, "tier": tier}))
        .tags(&s.tags);
}

fn storage_accounts(e: &mut Estate) {
    let data_lake = storage_id(DATA, "stretaildataeus");
    let endpoint = private_endpoint(
        e,
        "pe-st-retail-data-blob",
        EUS,
        &subnet("vnet-spoke-data-eus", "snet-pe"),
        &data_lake,
        "blob",
        &["privatelink.blob.core.windows.net"],
        &t_data(),
        DATA,
    );
    let app_subnet = subnet("vnet-spoke-apps-eus", "snet-app");
    let accounts = [
        Storage::new(MON, "stretaildiageus", EUS, "Standard_LRS", tag_mon()),
        Storage {
            public_access: true,
            ..Storage::new(APPS, "stretailwebassets", EUS, "Standard_ZRS", tags("storefront", "ecom", "CC-4200"))
        },
        Storage {
            endpoint: Some(endpoint),
            subnets: vec![app_subnet.clone(), subnet("vnet-spoke-apps-eus", "snet-aks")],
            ..Storage::new(DATA, "stretaildataeus", EUS, "Standard_GZRS", t_data())
        },
        Storage {
            tier: "Cool",
            ..Storage::new(DATA, "stretailbackupeus", EUS, "Standard_RAGZRS", tags("backup", "platform", "CC-4100"))
        },
        Storage {
            kind: "FileStorage",
            subnets: vec![app_subnet],
            large_file: true,
            ..Storage::new(DATA, "stretailfileseus", EUS, "Premium_LRS", tags("pos", "storeops", "CC-4310"))
        },
        Storage {
            hns: true,
            subnets: vec![subnet("vnet-spoke-data-eus", "snet-compute")],
            ..Storage::new(DATA, "stretaillakeeus", EUS, "Standard_LRS", t_data())
        },
        Storage {
            tier: "Cold",
            ..Storage::new(DATA, "stretailarchiveeus", EUS, "Standard_GRS", tags("compliance", "finance-it", "CC-4500"))
        },
        Storage::new(APPS, "stretailartifacts", EUS, "Standard_LRS", tags("build", "platform", "CC-4100")),
        Storage::new(APPS, "stfuncretailorders", EUS, "Standard_LRS", tags("order-processing", "ecom", "CC-4210")),
        Storage {
            subnets: vec![subnet("vnet-hub-weu", "snet-stores")],
            ..Storage::new(APPS, "stretailstoresweu", WEU, "Standard_LRS", t_weu())
        },
        Storage::new(APPS, "stretailstoressea", SEA, "Standard_GRS", t_sea()),
    ];
    for account in accounts {
        add_storage(e, account);
    }
    monitoring::diagnostics(
        e,
        &format!("{data_lake}/blobServices/default"),
        &["StorageRead", "StorageWrite", "StorageDelete"],
        None,
    );
}

fn key_vaults(e: &mut Estate) {
    let zone = ["privatelink.vaultcore.azure.net"];
    let pe_prod = private_endpoint(
        e,
        "pe-kv-retail-prod-eus",
        EUS,
        &subnet("vnet-spoke-apps-eus", "snet-pe"),
        &kv_prod(),
        "vault",
        &zone,
        &tag_sec(),
        DATA,
    );
    let pe_weu = private_endpoint(
        e,
        "pe-kv-retail-weu",
        WEU,
        &subnet("vnet-hub-weu", "snet-pe"),
        &kv_weu(),
        "vault",
        &zone,
        &t_weu(),
        DATA,
    );
    for (id, location, sku, endpoint, rules, tags) in [
        (kv_prod(), EUS, "premium", pe_prod, subnet("vnet-spoke-apps-eus", "snet-app"), tag_sec()),
        (kv_weu(), WEU, "standard", pe_weu, subnet("vnet-hub-weu", "snet-stores"), t_weu()),
    ] {
        let name = last(&id);
        let properties = json!({
            "sku": {"family": "A", "name": sku}, "tenantId": TENANT,
            "networkAcls": {"bypass": "AzureServices", "defaultAction": "Deny", "ipRules": [],
                            "virtualNetworkRules": [{"id": rules, "ignoreMissingVnetServiceEndpoint": false}]},
            "accessPolicies": [], "enabledForDeployment": false, "enabledForDiskEncryption": true,
            "enabledForTemplateDeployment": false, "enableSoftDelete": true, "softDeleteRetentionInDays": 90,
            "enableRbacAuthorization": true, "enablePurgeProtection": true,
            "vaultUri": format!("https://{name}.vault.azure.net/"),
            "provisioningState": "Succeeded", "publicNetworkAccess": "Disabled",
            "privateEndpointConnections": [pe_connection(&id, &endpoint)],
        });
        e.add(&id, "Microsoft.KeyVault/vaults", location, properties).tags(&tags);
    }
    monitoring::diagnostics(
        e,
        &kv_prod(),
        &["AuditEvent", "AzurePolicyEvaluationDetails"],
        Some(&storage_id(MON, "stretaildiageus")),
    );
}

//! Host names that name a resource of the inventory: storage, Key Vault, database,
//! cache and messaging endpoints in every cloud, found in URLs and connection strings.
//! A host name names its resource (`NAME.blob.core.windows.net` is storage account
//! `NAME`), so such a reference resolves by type and name.

/// A resource named by a host name: `NAME` + one of `suffixes`.
pub(super) struct HostRule {
    pub(super) suffixes: &'static [&'static str],
    pub(super) types: &'static [&'static str],
}

/// Host names of endpoints that name their resource, in every cloud.
pub(super) const HOSTS: &[HostRule] = &[
    HostRule {
        suffixes: &[
            ".blob.core.windows.net",
            ".file.core.windows.net",
            ".queue.core.windows.net",
            ".table.core.windows.net",
            ".dfs.core.windows.net",
            ".web.core.windows.net",
            ".blob.core.chinacloudapi.cn",
            ".file.core.chinacloudapi.cn",
            ".queue.core.chinacloudapi.cn",
            ".table.core.chinacloudapi.cn",
            ".dfs.core.chinacloudapi.cn",
            ".blob.core.usgovcloudapi.net",
            ".file.core.usgovcloudapi.net",
        ],
        types: &["microsoft.storage/storageaccounts"],
    },
    HostRule {
        suffixes: &[".vault.azure.net", ".vault.azure.cn", ".vault.usgovcloudapi.net"],
        types: &["microsoft.keyvault/vaults"],
    },
    HostRule {
        suffixes: &[".database.windows.net", ".database.chinacloudapi.cn", ".database.usgovcloudapi.net"],
        types: &["microsoft.sql/servers"],
    },
    HostRule {
        suffixes: &[".postgres.database.azure.com", ".postgres.database.chinacloudapi.cn"],
        types: &["microsoft.dbforpostgresql/flexibleservers", "microsoft.dbforpostgresql/servers"],
    },
    HostRule {
        suffixes: &[".mysql.database.azure.com", ".mysql.database.chinacloudapi.cn"],
        types: &["microsoft.dbformysql/flexibleservers", "microsoft.dbformysql/servers"],
    },
    HostRule {
        suffixes: &[".redis.cache.windows.net", ".redis.cache.chinacloudapi.cn"],
        types: &["microsoft.cache/redis"],
    },
    HostRule {
        suffixes: &[".documents.azure.com", ".documents.azure.cn"],
        types: &["microsoft.documentdb/databaseaccounts"],
    },
    HostRule {
        suffixes: &[".servicebus.windows.net", ".servicebus.chinacloudapi.cn"],
        types: &["microsoft.servicebus/namespaces", "microsoft.eventhub/namespaces"],
    },
];

/// A host name found in a string: the resource name and the whole host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Host {
    pub(super) name: String,
    pub(super) full: String,
}

/// Finds the first host name of [`HOSTS`] in a string, with the types it may name.
/// Host names are the maximal runs of letters, digits, dots and hyphens; one matches
/// when it ends with a suffix of the table and has a name before it.
pub(super) fn find_host(text: &str) -> Option<(Host, &'static [&'static str])> {
    if text.len() < 12 || text.bytes().filter(|&b| b == b'.').take(3).count() < 3 {
        return None;
    }
    let is_host_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'.' || b == b'-';
    for token in text.as_bytes().split(|&b| !is_host_byte(b)) {
        if token.len() < 12 || token.iter().filter(|&&b| b == b'.').count() < 3 {
            continue;
        }
        for rule in HOSTS {
            for suffix in rule.suffixes {
                let suffix = suffix.as_bytes();
                if token.len() <= suffix.len() || !token[token.len() - suffix.len()..].eq_ignore_ascii_case(suffix) {
                    continue;
                }
                let head = &token[..token.len() - suffix.len()];
                let name = head.rsplit(|&b| b == b'.').next().unwrap_or(head);
                if name.is_empty() {
                    continue;
                }
                // The token is ASCII (host bytes only), so these are valid UTF-8.
                let lower = |bytes: &[u8]| String::from_utf8_lossy(bytes).to_ascii_lowercase();
                let full_start = token.len() - suffix.len() - name.len();
                return Some((Host { name: lower(name), full: lower(&token[full_start..]) }, rule.types));
            }
        }
    }
    None
}

//! Where a template's resources land: the deployment scope (tenant, management group,
//! subscription or resource group, each possibly symbolic) and the ids built in it.

/// Stands for the subscription a template is deployed to, unknown at export time.
pub(super) const SUBSCRIPTION_PLACEHOLDER: &str = "{subscriptionId}";
/// Stands for the resource group a template is deployed to.
pub(super) const GROUP_PLACEHOLDER: &str = "{resourceGroupName}";
/// Stands for the management group of a management-group deployment.
pub(super) const MANAGEMENT_GROUP_PLACEHOLDER: &str = "{managementGroupName}";

/// The scope a deployment targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Scope {
    Tenant,
    ManagementGroup(String),
    Subscription(String),
    ResourceGroup { subscription: String, group: String },
}

impl Scope {
    /// The scope a template's `$schema` says it is written for; a resource group unless
    /// the schema names another deployment level.
    pub(super) fn for_schema(schema: Option<&str>) -> Scope {
        let schema = schema.unwrap_or("").to_ascii_lowercase();
        if schema.contains("tenantdeploymenttemplate") {
            Scope::Tenant
        } else if schema.contains("managementgroupdeploymenttemplate") {
            Scope::ManagementGroup(MANAGEMENT_GROUP_PLACEHOLDER.to_string())
        } else if schema.contains("subscriptiondeploymenttemplate") {
            Scope::Subscription(SUBSCRIPTION_PLACEHOLDER.to_string())
        } else {
            Scope::ResourceGroup {
                subscription: SUBSCRIPTION_PLACEHOLDER.to_string(),
                group: GROUP_PLACEHOLDER.to_string(),
            }
        }
    }

    /// The id of the scope itself: `/subscriptions/{s}/resourceGroups/{g}`, or the empty
    /// text for the tenant.
    pub(super) fn id(&self) -> String {
        match self {
            Scope::Tenant => String::new(),
            Scope::ManagementGroup(name) => format!("/providers/Microsoft.Management/managementGroups/{name}"),
            Scope::Subscription(subscription) => format!("/subscriptions/{subscription}"),
            Scope::ResourceGroup { subscription, group } => {
                format!("/subscriptions/{subscription}/resourceGroups/{group}")
            }
        }
    }

    /// The subscription of the scope, or the placeholder above it.
    pub(super) fn subscription(&self) -> &str {
        match self {
            Scope::Subscription(subscription) | Scope::ResourceGroup { subscription, .. } => subscription,
            Scope::Tenant | Scope::ManagementGroup(_) => SUBSCRIPTION_PLACEHOLDER,
        }
    }

    pub(super) fn group(&self) -> Option<&str> {
        match self {
            Scope::ResourceGroup { group, .. } => Some(group),
            _ => None,
        }
    }

    /// The scope a nested deployment with `subscriptionId` and `resourceGroup` set
    /// deploys to.
    pub(super) fn retarget(&self, subscription: Option<String>, group: Option<String>) -> Scope {
        if subscription.is_none() && group.is_none() {
            return self.clone();
        }
        // A deployment naming only a subscription deploys to the subscription itself.
        let group = match &subscription {
            Some(_) => group,
            None => group.or_else(|| self.group().map(str::to_string)),
        };
        let subscription = subscription.unwrap_or_else(|| self.subscription().to_string());
        match group {
            Some(group) => Scope::ResourceGroup { subscription, group },
            None => Scope::Subscription(subscription),
        }
    }
}

/// A resource id built from a type and names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ComposedId {
    pub id: String,
    /// The type the id names: the declared type, or for the legacy extension form
    /// (`vnet/subnet/providers/roleAssignments`) the extension's own type.
    pub resource_type: String,
}

/// Builds `{scope}/providers/{namespace}/{type}/{name}[/{childType}/{childName}]*`.
/// Each type segment after the namespace takes one name segment; a `providers` type
/// segment opens an extension section whose namespace is the next name segment, which
/// is how older templates write extension resources
/// (`Microsoft.Network/virtualNetworks/subnets/providers/roleAssignments` named
/// `vnet/subnet/Microsoft.Authorization/{guid}`).
pub(super) fn compose_id(scope: &str, resource_type: &str, names: &[&str]) -> Result<ComposedId, String> {
    let types: Vec<&str> = resource_type.trim_matches('/').split('/').collect();
    if types.len() < 2 || types.iter().any(|segment| segment.trim().is_empty()) {
        return Err(format!("'{resource_type}' is not a resource type (Namespace/type)"));
    }
    if names.len() != types.len() - 1 {
        return Err(format!(
            "the type {resource_type} takes {} name segment(s), the name '{}' has {}",
            types.len() - 1,
            names.join("/"),
            names.len()
        ));
    }
    if let Some(empty) = names.iter().position(|name| name.trim().is_empty()) {
        return Err(format!("name segment {} of '{}' is empty", empty + 1, names.join("/")));
    }
    let (namespace, type_segments) =
        types.split_first().ok_or_else(|| format!("'{resource_type}' is not a resource type"))?;
    let mut id = format!("{}/providers/{namespace}", scope.trim_end_matches('/'));
    let mut effective_type = (*namespace).to_string();
    for (segment, name) in type_segments.iter().zip(names) {
        if segment.eq_ignore_ascii_case("providers") {
            id.push_str("/providers/");
            id.push_str(name);
            effective_type = (*name).to_string();
        } else {
            id.push('/');
            id.push_str(segment);
            id.push('/');
            id.push_str(name);
            effective_type.push('/');
            effective_type.push_str(segment);
        }
    }
    Ok(ComposedId { id, resource_type: effective_type })
}

/// Like [`compose_id`], but repairs the name so an id always results when the type is
/// well formed: missing leading segments become `{name}`, surplus trailing segments are
/// joined with `_` into the last one, and empty segments become `{name}`. Used only after
/// a diagnostic has said the name does not fit the type.
pub(super) fn compose_id_repaired(scope: &str, resource_type: &str, name: &str) -> Option<ComposedId> {
    let wanted = resource_type.trim_matches('/').split('/').count().checked_sub(1)?;
    if wanted == 0 {
        return None;
    }
    let mut names: Vec<String> =
        name.split('/').map(|segment| if segment.trim().is_empty() { "{name}" } else { segment }.to_string()).collect();
    while names.len() < wanted {
        names.insert(0, "{name}".to_string());
    }
    if names.len() > wanted {
        let tail = names.split_off(wanted - 1).join("_");
        names.push(tail);
    }
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    compose_id(scope, resource_type, &names).ok()
}

/// Is this a full type with a namespace (`Microsoft.Network/virtualNetworks`) rather
/// than a child's short type (`subnets`, `providers/diagnosticSettings`)?
pub(super) fn is_full_type(resource_type: &str) -> bool {
    resource_type.split('/').next().is_some_and(|namespace| namespace.contains('.'))
}

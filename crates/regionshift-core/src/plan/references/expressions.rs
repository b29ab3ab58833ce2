//! Template expressions the offline evaluation of an ARM template could not reduce to a
//! value (`[resourceId('Microsoft.Web/serverfarms', parameters('plan'))]`,
//! `[reference(variables('vmId')).identity.principalId]`): which resources they name,
//! by type and, when every name argument is a literal, by name.

/// The resources a template expression refers to through `resourceId()`, or through
/// `reference()`/`listKeys()` of a `concat('Namespace/type/', ...)`: the lowercased
/// type and, when every name argument is a literal, the name (`parent/child`).
pub(super) fn expression_references(text: &str) -> Vec<(String, Option<String>)> {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    for call in ["resourceid(", "reference(concat(", "listkeys(concat("] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(call) {
            let start = from + at + call.len();
            from = start;
            // Skip `subscriptionResourceId(` and the like, which end in `resourceid(`.
            if call == "resourceid(" && lower[..start - call.len()].ends_with(|c: char| c.is_ascii_alphanumeric()) {
                continue;
            }
            let arguments = split_arguments(&text[start..]);
            let Some(type_at) = arguments.iter().position(|a| {
                literal(a).is_some_and(|l| l.contains('/') && l.split('/').next().is_some_and(|n| n.contains('.')))
            }) else {
                continue;
            };
            let Some(type_text) = arguments.get(type_at).and_then(|a| literal(a)) else { continue };
            let mut segments: Vec<&str> = type_text.trim_matches('/').split('/').collect();
            // `concat('Microsoft.Sql/servers/', name)`: a type followed by names.
            let mut names: Vec<Option<String>> = Vec::new();
            if call != "resourceid(" && segments.len() > 2 && segments.len() % 2 == 1 {
                // Namespace/type/name...: keep the type, names come after.
                let extra: Vec<String> = segments[2..].iter().map(|s| s.to_string()).collect();
                segments.truncate(2);
                names.extend(extra.into_iter().map(Some));
            }
            names.extend(arguments[type_at + 1..].iter().map(|a| literal(a).map(str::to_string)));
            let type_key = segments.join("/").to_ascii_lowercase();
            let name = if !names.is_empty() && names.iter().all(Option::is_some) {
                Some(names.into_iter().flatten().collect::<Vec<_>>().join("/"))
            } else {
                None
            };
            if !found.iter().any(|(t, n): &(String, Option<String>)| *t == type_key && *n == name) {
                found.push((type_key, name));
            }
        }
    }
    found
}

/// Stands for "the resource with a managed identity" in [`typed_reference`].
pub(super) const ANY_IDENTITY: &str = "*identity";

/// The type a `reference()` or `listKeys()` of a name the offline evaluation could not
/// know (`reference(variables('vmId'))`) must have, from the member it reads or from
/// the property it fills.
pub(super) fn typed_reference(text: &str, pattern: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase();
    if !(lower.contains("reference(") || lower.contains("listkeys(")) {
        return None;
    }
    const MEMBERS: &[(&str, &str)] = &[
        (").instrumentationkey", "microsoft.insights/components"),
        (").connectionstring", "microsoft.insights/components"),
        (").customerid", "microsoft.operationalinsights/workspaces"),
        (").primarysharedkey", "microsoft.operationalinsights/workspaces"),
        (").primaryendpoints", "microsoft.storage/storageaccounts"),
        (").identity.principalid", ANY_IDENTITY),
    ];
    const PATHS: &[(&str, &str)] = &[
        ("properties.diagnosticsprofile.bootdiagnostics.storageuri", "microsoft.storage/storageaccounts"),
        ("properties.settings.workspaceid", "microsoft.operationalinsights/workspaces"),
        ("properties.protectedsettings.workspacekey", "microsoft.operationalinsights/workspaces"),
    ];
    MEMBERS
        .iter()
        .find(|(member, _)| lower.contains(member))
        .or_else(|| PATHS.iter().find(|(path, _)| *path == pattern))
        .map(|(_, type_key)| *type_key)
}

/// The top-level, comma-separated arguments of a call, up to its closing parenthesis.
fn split_arguments(text: &str) -> Vec<&str> {
    let mut arguments = Vec::new();
    let (mut depth, mut quoted, mut start) = (0usize, false, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            _ if quoted => {}
            '(' | '[' => depth += 1,
            ')' | ']' if depth == 0 => {
                arguments.push(text[start..i].trim());
                return arguments;
            }
            ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                arguments.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    arguments
}

/// The text of a quoted literal argument (`'Microsoft.Web/sites'`).
fn literal(argument: &str) -> Option<&str> {
    let inner = argument.strip_prefix('\'')?.strip_suffix('\'')?;
    (!inner.contains('\'')).then_some(inner)
}

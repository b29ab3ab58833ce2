//! ARM template reader: evaluates a deployment template (portal "Export template",
//! `az group export`, hand-written quickstarts, Bicep output) into the resources it
//! would create.
//!
//! A template is evaluated offline, so what only a deployment knows stays symbolic:
//! ids are built in the scope `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}`,
//! string parameters without a default read as `{parameterName}`, `environment()`
//! members as `{environment().suffixes.storage}`, and an expression that cannot be
//! evaluated at all (`reference()`, `listKeys()`) is kept in the properties as written.
//! `uniqueString()` and `guid()` are stable hashes of their arguments, not Azure's values.

mod depends_on;
mod evaluate;
mod expression;
mod functions;
mod scope;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::azure::ResourceId;
use crate::diagnostics::Diagnostic;
use crate::inventory::raw::RawResource;

use depends_on::{Aliases, Lookup};
use evaluate::{Context, CopyFrame, Evaluated, Notes, Unresolved, MAX_COPY_COUNT};
use scope::{compose_id, compose_id_repaired, is_full_type, ComposedId, Scope};

/// Deepest chain of inline nested deployments expanded.
const MAX_NESTED_DEPLOYMENTS: usize = 8;
/// Deepest chain of child resources declared inside their parents.
const MAX_CHILD_DEPTH: usize = 16;
/// Most resources one template may expand to (copy loops multiply).
const MAX_RESOURCES: usize = 20_000;
/// Name of the deployment a top-level template runs as.
const DEPLOYMENT_PLACEHOLDER: &str = "{deploymentName}";
const DEPLOYMENTS_TYPE: &str = "Microsoft.Resources/deployments";

/// The resources a template would create, with what was found along the way.
pub(crate) struct TemplateExpansion {
    /// (record location like "resources[3].resources[0]" or "resources['vm']", the resource)
    pub resources: Vec<(String, RawResource)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Is this JSON document an ARM template? Its `$schema` names a deployment template, or
/// it has `resources` next to `contentVersion`, `parameters` or `$schema`.
pub(crate) fn looks_like_template(value: &Value) -> bool {
    let Some(object) = value.as_object() else { return false };
    let schema = object.get("$schema").and_then(Value::as_str).unwrap_or("");
    if schema.to_ascii_lowercase().contains("deploymenttemplate") {
        return true;
    }
    object.contains_key("resources")
        && ["contentVersion", "parameters", "$schema"].iter().any(|key| object.contains_key(*key))
}

/// Evaluates a template into the resources it declares: child resources, copy loops,
/// conditions and inline nested deployments expanded, `dependsOn` resolved to ids.
pub(crate) fn expand_template(template: &Value) -> TemplateExpansion {
    let mut expansion = Expansion::default();
    let scope = Scope::for_schema(template.get("$schema").and_then(Value::as_str));
    let context = Context::new(template, HashMap::new(), scope.clone(), DEPLOYMENT_PLACEHOLDER.to_string());
    match template.get("resources") {
        Some(resources) => {
            let site = Site {
                path: "resources".to_string(),
                frame: 0,
                scope,
                loops: Vec::new(),
                parent: None,
                depth: 0,
                nesting: 0,
            };
            expansion.expand_resources(&context, resources, &site);
        }
        None => expansion.diagnostics.push(Diagnostic::warning(
            "template.no-resources",
            "the template has no \"resources\" section, so it declares no resources",
        )),
    }
    expansion.absorb(context.take_notes());
    expansion.finish()
}

/// Where a list of resource declarations sits.
struct Site<'p> {
    /// Path of the list in the file: `resources`, `resources[2].resources`.
    path: String,
    /// The template (top level or nested) the list belongs to; `dependsOn` names resolve
    /// within it.
    frame: usize,
    /// Where the resources are deployed.
    scope: Scope,
    /// Resource copy loops around the list.
    loops: Vec<CopyFrame>,
    parent: Option<&'p Parent>,
    depth: usize,
    nesting: usize,
}

/// The resource a nested child is declared in.
struct Parent {
    resource_type: String,
    name: String,
    scope_id: String,
}

/// One instance of a `Microsoft.Resources/deployments` declaration.
#[derive(Clone, Copy)]
struct Deployment<'d> {
    location: &'d str,
    label: &'d str,
    loops: &'d [CopyFrame],
    /// Where the deployment (and so its inner template) deploys.
    scope: &'d Scope,
    name: &'d str,
}

/// Who a declaration instance is: its full type and name, where it is deployed, its id.
struct Identity {
    resource_type: String,
    name: String,
    scope: Scope,
    /// The id the resource's own provider section is appended to.
    scope_id: String,
    composed: ComposedId,
}

/// One resource found, before its `dependsOn` is resolved.
struct Declared {
    location: String,
    frame: usize,
    id: String,
    depends_on: Vec<String>,
    record: RawResource,
}

#[derive(Default)]
struct Expansion {
    resources: Vec<Declared>,
    aliases: Aliases,
    diagnostics: Vec<Diagnostic>,
    frames: usize,
    group_located: usize,
    parameter_located: BTreeMap<String, usize>,
    notes: Notes,
    truncated: bool,
}

impl Expansion {
    fn expand_resources(&mut self, context: &Context, resources: &Value, site: &Site) {
        let entries: Vec<(String, Option<&str>, &Value)> = match resources {
            Value::Array(items) => {
                items.iter().enumerate().map(|(i, item)| (format!("{}[{i}]", site.path), None, item)).collect()
            }
            Value::Object(members) => members
                .iter()
                .map(|(key, item)| (format!("{}['{key}']", site.path), Some(key.as_str()), item))
                .collect(),
            _ => {
                self.diagnostics.push(
                    Diagnostic::warning(
                        "template.resources-not-a-list",
                        "\"resources\" is neither an array nor an object",
                    )
                    .at(&site.path),
                );
                return;
            }
        };
        for (location, symbolic_name, declaration) in entries {
            self.declare(context, declaration, &location, symbolic_name, site);
        }
    }

    /// Expands one resource declaration, once per copy-loop iteration.
    fn declare(
        &mut self,
        context: &Context,
        declaration: &Value,
        location: &str,
        symbolic_name: Option<&str>,
        site: &Site,
    ) {
        let Some(object) = declaration.as_object() else {
            let message =
                format!("the resource declaration is {}, not an object; it is skipped", evaluate::kind_of(declaration));
            self.diagnostics.push(Diagnostic::warning("template.resource-not-an-object", message).at(location));
            return;
        };
        if object.get("existing").and_then(Value::as_bool) == Some(true) {
            self.diagnostics.push(
                Diagnostic::info(
                    "template.existing-resource",
                    "refers to an existing resource (\"existing\": true) that the template does not create; it is not listed",
                )
                .at(location),
            );
            // A dependsOn naming the reference still resolves to the existing resource's id.
            if let Some(symbolic_name) = symbolic_name {
                if let Some(identity) = self.identify(context, object, location, &site.loops, site) {
                    let key = (site.frame, symbolic_name.to_ascii_lowercase());
                    self.aliases.entry(key).or_default().push(identity.composed.id);
                }
            }
            return;
        }
        let (loop_name, iterations) = match object.get("copy") {
            Some(copy) => self.copy_iterations(context, copy, location, &site.loops),
            None => (None, vec![None]),
        };
        let mut ids = Vec::new();
        for iteration in iterations {
            let mut loops = site.loops.clone();
            if let (Some(index), Some(name)) = (iteration, &loop_name) {
                loops.push(CopyFrame { name: name.clone(), index, resource_level: true });
            }
            if let Some(id) = self.declare_instance(context, object, location, &loops, site) {
                ids.push(id);
            }
        }
        for alias in [loop_name.as_deref(), symbolic_name].into_iter().flatten() {
            self.aliases.entry((site.frame, alias.to_ascii_lowercase())).or_default().extend(ids.iter().cloned());
        }
    }

    /// The loop name and iteration indexes of a resource `copy` section.
    fn copy_iterations(
        &mut self,
        context: &Context,
        copy: &Value,
        location: &str,
        loops: &[CopyFrame],
    ) -> (Option<String>, Vec<Option<i64>>) {
        let name = match copy.get("name").map(|name| context.evaluate_value(name, loops)) {
            Some(Ok(Value::String(name))) => name,
            _ => "copy".to_string(),
        };
        let iterations = match context.copy_count(copy.get("count"), loops) {
            Ok(count) if count > MAX_COPY_COUNT => {
                let message = format!(
                    "the copy loop '{name}' counts {count}, more than ARM allows; the first {MAX_COPY_COUNT} are listed"
                );
                self.diagnostics.push(Diagnostic::warning("template.copy-count-too-large", message).at(location));
                (0..MAX_COPY_COUNT).map(Some).collect()
            }
            Ok(count) if count <= 0 => {
                let message = format!("the copy loop '{name}' counts {count}, so it deploys nothing");
                self.diagnostics.push(Diagnostic::info("template.copy-empty", message).at(location));
                Vec::new()
            }
            Ok(count) => (0..count).map(Some).collect(),
            Err(reason) => {
                let message = format!(
                    "the count of copy loop '{name}' cannot be evaluated offline ({reason}); one instance is listed"
                );
                self.diagnostics.push(Diagnostic::warning("template.copy-count-unknown", message).at(location));
                vec![Some(0)]
            }
        };
        (Some(name), iterations)
    }

    /// Evaluates one instance of a resource declaration and records it; returns its id.
    fn declare_instance(
        &mut self,
        context: &Context,
        object: &Map<String, Value>,
        location: &str,
        loops: &[CopyFrame],
        site: &Site,
    ) -> Option<String> {
        if self.resources.len() >= MAX_RESOURCES {
            if !self.truncated {
                self.truncated = true;
                let message =
                    format!("the template expands to more than {MAX_RESOURCES} resources; the rest are not listed");
                self.diagnostics.push(Diagnostic::warning("template.too-many-resources", message).at(location));
            }
            return None;
        }
        let label = label_of(location, loops);
        if !self.condition_holds(context, object, &label, loops) {
            return None;
        }
        let Identity { resource_type, name, scope, scope_id, composed } =
            self.identify(context, object, &label, loops, site)?;
        let is_deployment = composed.resource_type.eq_ignore_ascii_case(DEPLOYMENTS_TYPE);
        let properties = object.get("properties").map(|properties| match properties {
            Value::Object(members) if is_deployment => {
                // The inner template is evaluated in its own scope below; keep it as written.
                let mut outer = members.clone();
                let template = outer.remove("template");
                let mut evaluated = context.evaluate_tree(&Value::Object(outer), loops);
                if let (Value::Object(evaluated), Some(template)) = (&mut evaluated, template) {
                    evaluated.insert("template".to_string(), template);
                }
                evaluated
            }
            _ => context.evaluate_tree(properties, loops),
        });
        let field =
            |key: &str| object.get(key).map(|value| context.evaluate_tree(value, loops)).filter(|v| !v.is_null());
        let record = RawResource {
            id: Some(Value::String(composed.id.clone())),
            name: Some(Value::String(name.clone())),
            resource_type: Some(Value::String(composed.resource_type.clone())),
            location: self.resource_location(context, object, &label, loops),
            kind: field("kind"),
            sku: raw(field("sku")),
            zones: raw(field("zones")),
            tags: raw(field("tags")),
            identity: raw(field("identity")),
            plan: raw(field("plan")),
            properties: raw(properties),
            api_version: field("apiVersion"),
            from_template: true,
            ..RawResource::default()
        };
        let depends_on = depends_on_texts(context, object, loops);
        self.resources.push(Declared {
            location: label.clone(),
            frame: site.frame,
            id: composed.id.clone(),
            depends_on,
            record,
        });
        if is_deployment {
            let deployment = Deployment { location, label: &label, loops, scope: &scope, name: &name };
            self.expand_deployment(context, object, site, &deployment);
        }
        if let Some(children) = object.get("resources") {
            if site.depth >= MAX_CHILD_DEPTH {
                let message = format!(
                    "child resources are nested more than {MAX_CHILD_DEPTH} levels deep; deeper ones are not listed"
                );
                self.diagnostics.push(Diagnostic::warning("template.too-deep", message).at(&label));
            } else {
                let parent = Parent { resource_type, name, scope_id };
                let child_site = Site {
                    path: format!("{location}.resources"),
                    frame: site.frame,
                    scope,
                    loops: loops.to_vec(),
                    parent: Some(&parent),
                    depth: site.depth + 1,
                    nesting: site.nesting,
                };
                self.expand_resources(context, children, &child_site);
            }
        }
        Some(composed.id)
    }

    /// Evaluates a declaration's type, name and scope into its id.
    fn identify(
        &mut self,
        context: &Context,
        object: &Map<String, Value>,
        label: &str,
        loops: &[CopyFrame],
        site: &Site,
    ) -> Option<Identity> {
        let declared_type = match object.get("type").map(|kind| context.evaluate_value(kind, loops)) {
            Some(Ok(Value::String(kind))) if !kind.trim().is_empty() => kind.trim().to_string(),
            Some(Err(reason)) => {
                let message =
                    format!("the resource type cannot be evaluated offline ({reason}); the resource is skipped");
                self.diagnostics.push(Diagnostic::warning("template.type-unknown", message).at(label));
                return None;
            }
            _ => {
                let message = "the resource has no type; it is skipped";
                self.diagnostics.push(Diagnostic::warning("template.type-missing", message).at(label));
                return None;
            }
        };
        let declared_name = self.resource_name(context, object, label, loops);
        let (resource_type, name) = qualify(site.parent, &declared_type, &declared_name);
        let scope = self.target_scope(context, object, label, loops, &site.scope);
        let scope_id = match site.parent {
            Some(parent) => parent.scope_id.clone(),
            None => self.extension_scope(context, object, label, loops, &scope),
        };
        let composed = self.compose(&scope_id, &scope, &resource_type, &name, label)?;
        Some(Identity { resource_type, name, scope, scope_id, composed })
    }

    /// Evaluates `condition`: false skips the resource, unknown keeps it.
    fn condition_holds(
        &mut self,
        context: &Context,
        object: &Map<String, Value>,
        label: &str,
        loops: &[CopyFrame],
    ) -> bool {
        let Some(condition) = object.get("condition") else { return true };
        let message = match context.evaluate_value(condition, loops) {
            Ok(Value::Bool(true)) => return true,
            Ok(Value::Bool(false)) => {
                let message =
                    "its condition is false, so it is not deployed and not listed (nor are its child resources)";
                self.diagnostics.push(Diagnostic::info("template.condition-false", message).at(label));
                return false;
            }
            Ok(other) => {
                format!("its condition is {}, not true or false; the resource is listed", evaluate::kind_of(&other))
            }
            Err(reason) => {
                format!("its condition cannot be evaluated offline ({reason}); the resource is listed as if deployed")
            }
        };
        self.diagnostics.push(Diagnostic::info("template.condition-unknown", message).at(label));
        true
    }

    /// The evaluated name, or the expression as written when it cannot be evaluated.
    fn resource_name(
        &mut self,
        context: &Context,
        object: &Map<String, Value>,
        label: &str,
        loops: &[CopyFrame],
    ) -> String {
        let Some(name) = object.get("name") else {
            self.diagnostics.push(
                Diagnostic::warning("template.name-missing", "the resource has no name; it is listed as {name}")
                    .at(label),
            );
            return "{name}".to_string();
        };
        match context.evaluate_value(name, loops) {
            Ok(Value::String(text)) => text,
            Ok(Value::Number(number)) => number.to_string(),
            Ok(other) => {
                let message =
                    format!("the name evaluates to {}, not text; it is kept as written", evaluate::kind_of(&other));
                self.diagnostics.push(Diagnostic::warning("template.name-unknown", message).at(label));
                as_written(name)
            }
            Err(reason) => {
                let message = format!("the name cannot be evaluated offline ({reason}); it is kept as written");
                self.diagnostics.push(Diagnostic::warning("template.name-unknown", message).at(label));
                as_written(name)
            }
        }
    }

    /// The scope a resource is deployed to: the template's, or the one a nested
    /// deployment names with `subscriptionId` and `resourceGroup`.
    fn target_scope(
        &mut self,
        context: &Context,
        object: &Map<String, Value>,
        label: &str,
        loops: &[CopyFrame],
        scope: &Scope,
    ) -> Scope {
        let mut read = |key: &str| {
            let value = object.get(key)?;
            match context.evaluate_value(value, loops) {
                Ok(Value::String(text)) if !text.trim().is_empty() => Some(text.trim().to_string()),
                Ok(_) => None,
                Err(reason) => {
                    let message =
                        format!("\"{key}\" cannot be evaluated offline ({reason}); the template's own scope is used");
                    self.diagnostics.push(Diagnostic::info("template.target-unknown", message).at(label));
                    None
                }
            }
        };
        let subscription = read("subscriptionId");
        let group = read("resourceGroup");
        scope.retarget(subscription, group)
    }

    /// The id an extension resource's `scope` names, or the deployment scope's id.
    fn extension_scope(
        &mut self,
        context: &Context,
        object: &Map<String, Value>,
        label: &str,
        loops: &[CopyFrame],
        scope: &Scope,
    ) -> String {
        let Some(target) = object.get("scope") else { return scope.id() };
        match context.evaluate_value(target, loops) {
            Ok(Value::String(text)) if text.starts_with('/') => text.trim_end_matches('/').to_string(),
            Ok(Value::String(text)) if text.contains('/') => {
                format!("{}/providers/{}", scope.id(), text.trim_matches('/'))
            }
            Ok(Value::String(text)) if text.is_empty() => scope.id(),
            outcome => {
                let why = match outcome {
                    Err(reason) => reason.to_string(),
                    Ok(value) => format!("{value} is not a resource id"),
                };
                let message =
                    format!("the extension scope cannot be evaluated offline ({why}); the deployment scope is used");
                self.diagnostics.push(Diagnostic::info("template.scope-unknown", message).at(label));
                scope.id()
            }
        }
    }

    /// Builds the resource id, repairing a name that does not fit the type.
    fn compose(
        &mut self,
        scope_id: &str,
        scope: &Scope,
        resource_type: &str,
        name: &str,
        label: &str,
    ) -> Option<ComposedId> {
        let names: Vec<&str> = name.split('/').collect();
        let composed = match compose_id(scope_id, resource_type, &names) {
            Ok(composed) => composed,
            Err(reason) => match compose_id_repaired(scope_id, resource_type, name) {
                Some(composed) => {
                    let message = format!("{reason}; the id is built as {}", composed.id);
                    self.diagnostics.push(Diagnostic::warning("template.name-type-mismatch", message).at(label));
                    composed
                }
                None => {
                    self.diagnostics.push(
                        Diagnostic::warning("template.type-invalid", format!("{reason}; the resource is skipped"))
                            .at(label),
                    );
                    return None;
                }
            },
        };
        if ResourceId::parse(&composed.id).is_ok() {
            return Some(composed);
        }
        // Only an odd extension scope can get here; fall back to the deployment scope.
        let fallback =
            compose_id_repaired(&scope.id(), resource_type, name).filter(|c| ResourceId::parse(&c.id).is_ok());
        let message = match &fallback {
            Some(fallback) => format!("the id {} is not valid; it is built as {} instead", composed.id, fallback.id),
            None => format!("the id {} is not valid; the resource is skipped", composed.id),
        };
        self.diagnostics.push(Diagnostic::warning("template.id-invalid", message).at(label));
        fallback
    }

    /// The evaluated location when it is text; locations that depend on the deployment
    /// are counted for the summary and left empty.
    fn resource_location(
        &mut self,
        context: &Context,
        object: &Map<String, Value>,
        label: &str,
        loops: &[CopyFrame],
    ) -> Option<Value> {
        let value = object.get("location")?;
        match context.evaluate_value(value, loops) {
            Ok(Value::String(text)) if text.contains('{') => {
                *self.parameter_located.entry(text).or_insert(0) += 1;
                None
            }
            Ok(Value::String(text)) if text.trim().is_empty() => None,
            Ok(Value::String(text)) => Some(Value::String(text)),
            Ok(other) => {
                let message =
                    format!("the location evaluates to {}, not text; it is left empty", evaluate::kind_of(&other));
                self.diagnostics.push(Diagnostic::warning("template.location-not-text", message).at(label));
                None
            }
            Err(Unresolved::GroupLocation) => {
                self.group_located += 1;
                None
            }
            Err(reason) => {
                let message = format!("the location cannot be evaluated offline ({reason}); it is left empty");
                self.diagnostics.push(Diagnostic::info("template.location-unknown", message).at(label));
                None
            }
        }
    }

    /// Lists what an inline nested deployment deploys, and reports linked templates.
    fn expand_deployment(
        &mut self,
        context: &Context,
        object: &Map<String, Value>,
        site: &Site,
        deployment: &Deployment,
    ) {
        let Deployment { location, label, loops, scope, name: deployment_name } = *deployment;
        let Some(properties) = object.get("properties").and_then(Value::as_object) else { return };
        if let Some(link) = properties.get("templateLink") {
            let target = ["uri", "id", "relativePath"].iter().find_map(|key| link.get(*key));
            let target = match target.map(|value| context.evaluate_value(value, loops)) {
                Some(Ok(Value::String(text))) => text,
                Some(_) => target.map(as_written).unwrap_or_default(),
                None => "an unnamed template".to_string(),
            };
            let message = format!(
                "the deployment '{deployment_name}' links to {target}, which cannot be read offline; the resources it deploys are not listed"
            );
            self.diagnostics.push(
                Diagnostic::info("template.linked-template", message)
                    .at(label)
                    .with_hint("Import the linked template as a file of its own to list its resources."),
            );
        }
        let Some(inner) = properties.get("template") else { return };
        if site.nesting >= MAX_NESTED_DEPLOYMENTS {
            let message = format!(
                "nested deployments go more than {MAX_NESTED_DEPLOYMENTS} levels deep; deeper ones are not expanded"
            );
            self.diagnostics.push(Diagnostic::warning("template.too-deep", message).at(label));
            return;
        }
        let Some(resources) = inner.get("resources") else { return };
        self.frames += 1;
        let is_inner = properties
            .get("expressionEvaluationOptions")
            .and_then(|options| options.get("scope"))
            .and_then(Value::as_str)
            .is_some_and(|mode| mode.eq_ignore_ascii_case("inner"));
        let mut inner_site = Site {
            path: format!("{location}.properties.template.resources"),
            frame: self.frames,
            scope: scope.clone(),
            loops: loops.to_vec(),
            parent: None,
            depth: 0,
            nesting: site.nesting + 1,
        };
        if is_inner {
            let supplied = deployment_parameters(context, properties.get("parameters"), loops);
            let inner_context = Context::new(inner, supplied, scope.clone(), deployment_name.to_string());
            // The inner template sees none of the outer loops; its records keep the
            // deployment's iteration in their path instead.
            inner_site.loops.clear();
            inner_site.path = format!("{label}.properties.template.resources");
            self.expand_resources(&inner_context, resources, &inner_site);
            self.absorb(inner_context.take_notes());
        } else {
            // Outer scope: the inner template's expressions use this template's
            // parameters and variables.
            self.expand_resources(context, resources, &inner_site);
        }
    }

    fn absorb(&mut self, notes: Notes) {
        for (reason, count) in notes.kept_symbolic {
            *self.notes.kept_symbolic.entry(reason).or_insert(0) += count;
        }
        self.notes.placeholders.extend(notes.placeholders);
        self.notes.named_after.extend(notes.named_after);
    }

    /// Resolves every `dependsOn` and writes the per-template summary diagnostics.
    fn finish(mut self) -> TemplateExpansion {
        let lookup = Lookup::new(
            self.resources.iter().map(|declared| (declared.frame, declared.id.as_str())),
            std::mem::take(&mut self.aliases),
        );
        let mut unresolved = BTreeSet::new();
        let mut resources = Vec::with_capacity(self.resources.len());
        for mut declared in std::mem::take(&mut self.resources) {
            declared.record.depends_on =
                lookup.resolve_all(declared.frame, &declared.id, &declared.depends_on, &mut unresolved);
            resources.push((declared.location, declared.record));
        }
        let mut diagnostics = std::mem::take(&mut self.diagnostics);
        diagnostics.extend(self.summary(&unresolved));
        TemplateExpansion { resources, diagnostics }
    }

    fn summary(&self, unresolved_dependencies: &BTreeSet<String>) -> Vec<Diagnostic> {
        let mut summary = Vec::new();
        if self.group_located > 0 {
            let message = format!(
                "{} resource(s) take their location from the resource group the template is deployed to \
                 (resourceGroup().location), which is unknown until deployment; their location is left empty",
                self.group_located
            );
            summary.push(Diagnostic::info("template.location-from-group", message));
        }
        if !self.parameter_located.is_empty() {
            let count: usize = self.parameter_located.values().sum();
            let names: Vec<&str> = self.parameter_located.keys().map(String::as_str).collect();
            let message = format!(
                "{count} resource(s) take their location from a value the deployer supplies ({}); their location is left empty",
                names.join(", ")
            );
            summary.push(Diagnostic::info("template.location-from-parameter", message));
        }
        if !self.notes.placeholders.is_empty() {
            let names: Vec<String> = self.notes.placeholders.iter().map(|name| format!("{{{name}}}")).collect();
            let message = format!(
                "{} parameter(s) have no default value and appear as placeholders: {}",
                names.len(),
                names.join(", ")
            );
            summary.push(Diagnostic::info("template.parameter-placeholders", message));
        }
        if !self.notes.named_after.is_empty() {
            let names: Vec<&str> = self.notes.named_after.iter().map(String::as_str).collect();
            let message = format!(
                "{} name parameter(s) have no default value; what they name is named after the parameter: {}",
                names.len(),
                names.join(", ")
            );
            summary.push(Diagnostic::info("template.named-after-parameter", message).with_hint(
                "export the template with its default values (az group export --include-parameter-default-value, \
                     or the portal's \"Include parameters\") to get the real names",
            ));
        }
        if !self.notes.kept_symbolic.is_empty() {
            let total: usize = self.notes.kept_symbolic.values().sum();
            let reasons: Vec<String> =
                self.notes.kept_symbolic.iter().map(|(reason, count)| format!("{reason}: {count}")).collect();
            let message = format!(
                "{total} value(s) can only be known during a deployment and were kept as written ({})",
                reasons.join("; ")
            );
            summary.push(Diagnostic::info("template.kept-symbolic", message));
        }
        if !unresolved_dependencies.is_empty() {
            let names: Vec<&str> = unresolved_dependencies.iter().map(String::as_str).collect();
            let message = format!(
                "{} dependsOn entr{} name nothing declared in the template and were kept as text: {}",
                names.len(),
                if names.len() == 1 { "y" } else { "ies" },
                names.join(", ")
            );
            summary.push(Diagnostic::info("template.depends-on-unresolved", message));
        }
        summary
    }
}

/// The record location with the copy-loop iterations that produced it:
/// `resources[1] (nicLoop 2)`.
fn label_of(location: &str, loops: &[CopyFrame]) -> String {
    if loops.is_empty() {
        return location.to_string();
    }
    let iterations: Vec<String> = loops.iter().map(|frame| format!("{} {}", frame.name, frame.index)).collect();
    format!("{location} ({})", iterations.join(", "))
}

/// A template value as its original text.
fn as_written(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn raw(value: Option<Value>) -> Option<Box<RawValue>> {
    value.filter(|value| !value.is_null()).and_then(|value| serde_json::value::to_raw_value(&value).ok())
}

/// The full type and name of a resource declared inside `parent`.
fn qualify(parent: Option<&Parent>, declared_type: &str, declared_name: &str) -> (String, String) {
    let Some(parent) = parent else {
        return (declared_type.to_string(), declared_name.to_string());
    };
    if !is_full_type(declared_type) {
        return (format!("{}/{declared_type}", parent.resource_type), format!("{}/{declared_name}", parent.name));
    }
    let prefix_length = parent.resource_type.len();
    let extends_parent =
        declared_type.get(..prefix_length).is_some_and(|p| p.eq_ignore_ascii_case(&parent.resource_type))
            && declared_type.get(prefix_length..).is_some_and(|rest| rest.starts_with('/'));
    let full_name = declared_name.split('/').count() + 1 == declared_type.split('/').count();
    if extends_parent && !full_name {
        (declared_type.to_string(), format!("{}/{declared_name}", parent.name))
    } else {
        (declared_type.to_string(), declared_name.to_string())
    }
}

/// The evaluated `dependsOn` entries as text; an entry that cannot be evaluated is kept as
/// written, and one that evaluates to an array contributes each item.
fn depends_on_texts(context: &Context, object: &Map<String, Value>, loops: &[CopyFrame]) -> Vec<String> {
    let Some(entries) = object.get("dependsOn").and_then(Value::as_array) else { return Vec::new() };
    let mut texts = Vec::new();
    for entry in entries {
        match context.evaluate_value(entry, loops) {
            Ok(Value::String(text)) => texts.push(text),
            Ok(Value::Array(items)) => texts.extend(items.iter().map(as_written)),
            Ok(other) => texts.push(as_written(&other)),
            Err(_) => texts.push(as_written(entry)),
        }
    }
    texts.retain(|text| !text.trim().is_empty());
    texts
}

/// The parameter values an inner-scope nested deployment passes, evaluated in the outer
/// template; Key Vault references are unknown offline.
fn deployment_parameters(
    context: &Context,
    parameters: Option<&Value>,
    loops: &[CopyFrame],
) -> HashMap<String, Evaluated> {
    let mut supplied = HashMap::new();
    let Some(parameters) = parameters.and_then(Value::as_object) else { return supplied };
    for (name, specification) in parameters {
        let value = if let Some(value) = specification.get("value") {
            context.evaluate_value(value, loops)
        } else if specification.get("reference").is_some() {
            Err(Unresolved::KeyVaultSecret(name.clone()))
        } else {
            continue;
        };
        supplied.insert(name.to_ascii_lowercase(), value);
    }
    supplied
}

//! The template function library (`concat`, `resourceId`, `uniqueString`, ...) evaluated
//! offline. Functions whose value only a deployment knows (`reference`, `listKeys`,
//! `newGuid`) are reported as unresolved so callers keep the expression as written.

use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::evaluate::{kind_of, placeholder_name, Context, CopyFrame, Evaluated, Unresolved};
use super::expression::Expr;
use super::scope::{compose_id, Scope};

/// Longest string or array a function may build (`padLeft`, `range`).
const MAX_GENERATED_LENGTH: i64 = 100_000;

/// The most characters and elements one function's result may hold. Values that feed
/// each other (`concat(variables('a'), variables('a'))` in a chain of variables) would
/// otherwise double at every step, to gigabytes: ARM refuses templates long before.
pub(super) const MAX_VALUE_SIZE: usize = 1_000_000;

/// Does `value` hold more than `limit` characters and elements? Stops counting as soon
/// as it does, so the check costs at most `limit` steps.
pub(super) fn exceeds(value: &Value, limit: usize) -> bool {
    fn count(value: &Value, budget: &mut usize) -> bool {
        let size = match value {
            Value::String(text) => text.len(),
            Value::Array(items) => items.len(),
            Value::Object(members) => members.len() + members.keys().map(String::len).sum::<usize>(),
            _ => 1,
        };
        if size > *budget {
            return true;
        }
        *budget -= size;
        match value {
            Value::Array(items) => items.iter().any(|item| count(item, budget)),
            Value::Object(members) => members.values().any(|member| count(member, budget)),
            _ => false,
        }
    }
    let mut budget = limit;
    count(value, &mut budget)
}

/// Functions that take lambdas or are otherwise not evaluated here.
const UNSUPPORTED: [&str; 8] =
    ["filter", "map", "reduce", "sort", "toobject", "lambda", "lambdavariables", "mapvalues"];

/// Calls the function `name` on unevaluated arguments.
pub(super) fn call(context: &Context, name: &str, args: &[Expr], loops: &[CopyFrame]) -> Evaluated {
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "if" => return conditional(context, args, loops),
        "coalesce" => return coalesce(context, args, loops),
        "and" => return logical(context, args, loops, false),
        "or" => return logical(context, args, loops, true),
        _ => {}
    }
    if is_deployment_time(&lower) {
        return Err(Unresolved::DeploymentTime(name.to_string()));
    }
    if lower.contains('.') || UNSUPPORTED.contains(&lower.as_str()) {
        return Err(Unresolved::Unsupported(name.to_string()));
    }
    let values = args.iter().map(|arg| context.eval(arg, loops)).collect::<Result<Vec<_>, _>>()?;
    let args = Args { function: name, values };
    let result = apply(context, &lower, &args, loops)?;
    if exceeds(&result, MAX_VALUE_SIZE) {
        return Err(args.invalid(&format!("its value passes {MAX_VALUE_SIZE} characters and elements")));
    }
    Ok(result)
}

/// Functions answered by the live deployment: resource state, secrets, time, randomness.
fn is_deployment_time(lower: &str) -> bool {
    matches!(lower, "reference" | "newguid" | "utcnow" | "pickzones" | "providers" | "resourceinfo")
        || lower.starts_with("list")
}

fn apply(context: &Context, lower: &str, args: &Args, loops: &[CopyFrame]) -> Evaluated {
    match lower {
        "parameters" => {
            args.arity(1, 1)?;
            context.parameter(args.text(0)?)
        }
        "variables" => {
            args.arity(1, 1)?;
            context.variable(args.text(0)?)
        }
        "copyindex" => copy_index(args, loops),
        "resourceid" => resource_id(context, args, IdKind::Group),
        "subscriptionresourceid" => resource_id(context, args, IdKind::Subscription),
        "tenantresourceid" => resource_id(context, args, IdKind::Tenant),
        "extensionresourceid" => resource_id(context, args, IdKind::Extension),
        "resourcegroup" => resource_group(context, args),
        "subscription" => Ok(subscription(&context.scope)),
        "tenant" => Ok(placeholder_object("tenant()", &["tenantId", "displayName", "countryCode"], &[])),
        "deployment" => Ok(Value::Object(Map::from_iter([
            ("name".to_string(), Value::String(context.deployment_name.clone())),
            ("type".to_string(), Value::String("Microsoft.Resources/deployments".into())),
        ]))),
        "environment" => Ok(environment()),
        _ => apply_pure(lower, args),
    }
}

/// Functions whose value depends on their arguments alone.
fn apply_pure(lower: &str, args: &Args) -> Evaluated {
    match lower {
        "concat" => concat(args),
        "format" => format(args),
        "string" => {
            args.arity(1, 1)?;
            Ok(Value::String(match args.value(0)? {
                Value::String(text) => text.clone(),
                value @ (Value::Array(_) | Value::Object(_)) => value.to_string(),
                value => text_of(value).unwrap_or_default(),
            }))
        }
        "int" => {
            args.arity(1, 1)?;
            match args.value(0)? {
                Value::String(text) => {
                    text.trim().parse::<i64>().map(Value::from).map_err(|_| args.invalid("not a number"))
                }
                _ => args.integer(0).map(Value::from),
            }
        }
        "bool" => {
            args.arity(1, 1)?;
            match args.value(0)? {
                Value::Bool(value) => Ok(Value::Bool(*value)),
                Value::String(text) if text.eq_ignore_ascii_case("true") => Ok(Value::Bool(true)),
                Value::String(text) if text.eq_ignore_ascii_case("false") => Ok(Value::Bool(false)),
                Value::Number(number) => Ok(Value::Bool(number.as_f64() != Some(0.0))),
                _ => Err(args.invalid("expects true or false")),
            }
        }
        "json" => {
            args.arity(1, 1)?;
            serde_json::from_str(args.text(0)?).map_err(|error| args.invalid(&format!("not JSON: {error}")))
        }
        "true" => Ok(Value::Bool(true)),
        "false" => Ok(Value::Bool(false)),
        "null" => Ok(Value::Null),
        "tolower" => string_map(args, str::to_lowercase),
        "toupper" => string_map(args, str::to_uppercase),
        "trim" => string_map(args, |text| text.trim().to_string()),
        "replace" => {
            args.arity(3, 3)?;
            let old = args.text(1)?;
            if old.is_empty() {
                return Err(args.invalid("the text to replace is empty"));
            }
            Ok(Value::String(args.text(0)?.replace(old, args.text(2)?)))
        }
        "substring" => substring(args),
        "split" => split(args),
        "join" => {
            args.arity(2, 2)?;
            let items = args.array(0)?;
            let parts = items.iter().map(|item| text_of(item).ok_or_else(|| args.invalid("joins only strings")));
            Ok(Value::String(parts.collect::<Result<Vec<_>, _>>()?.join(args.text(1)?)))
        }
        "startswith" | "endswith" => {
            args.arity(2, 2)?;
            let text = args.text(0)?.to_ascii_lowercase();
            let part = args.text(1)?.to_ascii_lowercase();
            Ok(Value::Bool(if lower == "startswith" { text.starts_with(&part) } else { text.ends_with(&part) }))
        }
        "indexof" | "lastindexof" => {
            args.arity(2, 2)?;
            let text = args.text(0)?;
            let (haystack, needle) = (text.to_ascii_lowercase(), args.text(1)?.to_ascii_lowercase());
            let found = if lower == "indexof" { haystack.find(&needle) } else { haystack.rfind(&needle) };
            // ASCII lowercasing keeps every byte where it was: `byte` is an offset in `text` too.
            Ok(Value::from(
                found.map_or(-1, |byte| text.get(..byte).map_or(-1, |before| before.chars().count() as i64)),
            ))
        }
        "padleft" => pad_left(args),
        "uniquestring" => {
            args.arity(1, usize::MAX)?;
            Ok(Value::String(unique_string(&args.texts()?)))
        }
        "guid" => {
            args.arity(1, usize::MAX)?;
            Ok(Value::String(guid(&args.texts()?)))
        }
        "uri" => {
            args.arity(2, 2)?;
            Ok(Value::String(resolve_uri(args.text(0)?, args.text(1)?)))
        }
        _ => apply_collection(lower, args),
    }
}

/// Functions over arrays, objects, numbers and comparisons.
fn apply_collection(lower: &str, args: &Args) -> Evaluated {
    match lower {
        "length" => {
            args.arity(1, 1)?;
            match args.value(0)? {
                Value::String(text) => Ok(Value::from(text.chars().count())),
                Value::Array(items) => Ok(Value::from(items.len())),
                Value::Object(members) => Ok(Value::from(members.len())),
                other => Err(args.invalid(&format!("has no length for {}", kind_of(other)))),
            }
        }
        "empty" => {
            args.arity(1, 1)?;
            Ok(Value::Bool(match args.value(0)? {
                Value::Null => true,
                Value::String(text) => text.is_empty(),
                Value::Array(items) => items.is_empty(),
                Value::Object(members) => members.is_empty(),
                _ => false,
            }))
        }
        "first" | "last" => {
            args.arity(1, 1)?;
            match args.value(0)? {
                Value::String(text) => {
                    let found = if lower == "first" { text.chars().next() } else { text.chars().next_back() };
                    Ok(Value::String(found.map(String::from).unwrap_or_default()))
                }
                Value::Array(items) => {
                    let found = if lower == "first" { items.first() } else { items.last() };
                    Ok(found.cloned().unwrap_or(Value::Null))
                }
                other => Err(args.invalid(&format!("expects a string or an array, not {}", kind_of(other)))),
            }
        }
        "take" | "skip" => take_or_skip(args, lower == "take"),
        "contains" => {
            args.arity(2, 2)?;
            let item = args.value(1)?;
            Ok(Value::Bool(match args.value(0)? {
                Value::String(text) => text_of(item).is_some_and(|part| text.contains(&part)),
                Value::Array(items) => items.iter().any(|candidate| equal(candidate, item)),
                Value::Object(members) => text_of(item)
                    .is_some_and(|key| members.keys().any(|candidate| candidate.eq_ignore_ascii_case(&key))),
                other => return Err(args.invalid(&format!("cannot search {}", kind_of(other)))),
            }))
        }
        "equals" => {
            args.arity(2, 2)?;
            Ok(Value::Bool(equal(args.value(0)?, args.value(1)?)))
        }
        "not" => {
            args.arity(1, 1)?;
            Ok(Value::Bool(!args.boolean(0)?))
        }
        "greater" | "greaterorequals" | "less" | "lessorequals" => {
            args.arity(2, 2)?;
            let ordering =
                compare(args.value(0)?, args.value(1)?).ok_or_else(|| args.invalid("compares numbers or strings"))?;
            Ok(Value::Bool(match lower {
                "greater" => ordering == Ordering::Greater,
                "greaterorequals" => ordering != Ordering::Less,
                "less" => ordering == Ordering::Less,
                _ => ordering != Ordering::Greater,
            }))
        }
        "add" | "sub" | "mul" | "div" | "mod" => arithmetic(lower, args),
        "min" | "max" => extreme(args, lower == "max"),
        "range" => {
            args.arity(2, 2)?;
            let (start, count) = (args.integer(0)?, args.integer(1)?);
            if !(0..=MAX_GENERATED_LENGTH).contains(&count) {
                return Err(args.invalid("the count is out of range"));
            }
            let end = start.checked_add(count).ok_or_else(|| args.invalid("the range overflows"))?;
            Ok(Value::Array((start..end).map(Value::from).collect()))
        }
        "createarray" => Ok(Value::Array(args.values.clone())),
        "array" => {
            args.arity(1, 1)?;
            Ok(match args.value(0)? {
                Value::Array(items) => Value::Array(items.clone()),
                other => Value::Array(vec![other.clone()]),
            })
        }
        "createobject" => {
            if args.values.len() % 2 != 0 {
                return Err(args.invalid("takes key and value pairs"));
            }
            let mut members = Map::new();
            for pair in args.values.chunks_exact(2) {
                let [key, value] = pair else { continue };
                let key = key.as_str().ok_or_else(|| args.invalid("keys must be strings"))?;
                members.insert(key.to_string(), value.clone());
            }
            Ok(Value::Object(members))
        }
        "items" => {
            args.arity(1, 1)?;
            let members = args.value(0)?.as_object().ok_or_else(|| args.invalid("expects an object"))?;
            let items = members.iter().map(|(key, value)| {
                Value::Object(Map::from_iter([
                    ("key".to_string(), Value::String(key.clone())),
                    ("value".to_string(), value.clone()),
                ]))
            });
            Ok(Value::Array(items.collect()))
        }
        "union" => union(args),
        _ => Err(Unresolved::Unsupported(args.function.to_string())),
    }
}

/// Evaluated arguments of one call.
struct Args<'n> {
    function: &'n str,
    values: Vec<Value>,
}

impl Args<'_> {
    fn invalid(&self, message: &str) -> Unresolved {
        Unresolved::Invalid(format!("{}: {message}", self.function))
    }

    fn arity(&self, min: usize, max: usize) -> Result<(), Unresolved> {
        let count = self.values.len();
        if count < min || count > max {
            return Err(self.invalid(&format!("{count} argument(s) given")));
        }
        Ok(())
    }

    fn value(&self, index: usize) -> Result<&Value, Unresolved> {
        self.values.get(index).ok_or_else(|| self.invalid(&format!("argument {} is missing", index + 1)))
    }

    fn text(&self, index: usize) -> Result<&str, Unresolved> {
        match self.value(index)? {
            Value::String(text) => Ok(text),
            other => Err(self.invalid(&format!("argument {} is {}, not a string", index + 1, kind_of(other)))),
        }
    }

    /// Every argument as text (strings, numbers and booleans).
    fn texts(&self) -> Result<Vec<String>, Unresolved> {
        self.values.iter().map(|value| text_of(value).ok_or_else(|| self.invalid("expects strings"))).collect()
    }

    fn integer(&self, index: usize) -> Result<i64, Unresolved> {
        match self.value(index)? {
            Value::Number(number) => number
                .as_i64()
                .or_else(|| number.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
                .ok_or_else(|| self.invalid("expects a whole number")),
            other => Err(self.invalid(&format!("argument {} is {}, not a number", index + 1, kind_of(other)))),
        }
    }

    fn boolean(&self, index: usize) -> Result<bool, Unresolved> {
        match self.value(index)? {
            Value::Bool(value) => Ok(*value),
            other => Err(self.invalid(&format!("argument {} is {}, not a boolean", index + 1, kind_of(other)))),
        }
    }

    fn array(&self, index: usize) -> Result<&Vec<Value>, Unresolved> {
        match self.value(index)? {
            Value::Array(items) => Ok(items),
            other => Err(self.invalid(&format!("argument {} is {}, not an array", index + 1, kind_of(other)))),
        }
    }
}

/// A value as ARM prints it inside a string: booleans as `True`/`False`, null as nothing.
/// Arrays and objects have no text form here.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(true) => Some("True".into()),
        Value::Bool(false) => Some("False".into()),
        Value::Null => Some(String::new()),
        Value::Array(_) | Value::Object(_) => None,
    }
}

fn string_map(args: &Args, map: impl Fn(&str) -> String) -> Evaluated {
    args.arity(1, 1)?;
    Ok(Value::String(map(args.text(0)?)))
}

/// Values compared as ARM's `equals` does: numbers by value, strings exactly.
fn equal(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| equal(x, y)),
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(key, x)| b.get(key).is_some_and(|y| equal(x, y)))
        }
        _ => left == right,
    }
}

fn compare(left: &Value, right: &Value) -> Option<Ordering> {
    match (left, right) {
        (Value::Number(a), Value::Number(b)) => a.as_f64()?.partial_cmp(&b.as_f64()?),
        (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

/// `if(condition, whenTrue, whenFalse)`: only the chosen branch is evaluated.
fn conditional(context: &Context, args: &[Expr], loops: &[CopyFrame]) -> Evaluated {
    let [condition, when_true, when_false] = args else {
        return Err(Unresolved::Invalid(format!("if: {} argument(s) given", args.len())));
    };
    match context.eval(condition, loops)? {
        Value::Bool(true) => context.eval(when_true, loops),
        Value::Bool(false) => context.eval(when_false, loops),
        other => Err(Unresolved::Invalid(format!("if: the condition is {}", kind_of(&other)))),
    }
}

/// `coalesce(...)`: the first argument that is not null, evaluated left to right.
fn coalesce(context: &Context, args: &[Expr], loops: &[CopyFrame]) -> Evaluated {
    for arg in args {
        let value = context.eval(arg, loops)?;
        if !value.is_null() {
            return Ok(value);
        }
    }
    Ok(Value::Null)
}

/// `and(...)` and `or(...)`: one decisive known argument settles the result even when
/// another argument is unknown.
fn logical(context: &Context, args: &[Expr], loops: &[CopyFrame], is_or: bool) -> Evaluated {
    let mut unknown = None;
    for arg in args {
        match context.eval(arg, loops) {
            Ok(Value::Bool(value)) if value == is_or => return Ok(Value::Bool(is_or)),
            Ok(Value::Bool(_)) => {}
            Ok(other) => return Err(Unresolved::Invalid(format!("and/or: an argument is {}", kind_of(&other)))),
            Err(reason) => unknown = unknown.or(Some(reason)),
        }
    }
    match unknown {
        Some(reason) => Err(reason),
        None => Ok(Value::Bool(!is_or)),
    }
}

/// `copyIndex()`, `copyIndex(offset)`, `copyIndex('loop')`, `copyIndex('loop', offset)`.
fn copy_index(args: &Args, loops: &[CopyFrame]) -> Evaluated {
    args.arity(0, 2)?;
    let (name, offset) = match args.values.as_slice() {
        [] => (None, 0),
        [Value::String(name)] => (Some(name.as_str()), 0),
        [_] => (None, args.integer(0)?),
        [_, _] => (Some(args.text(0)?), args.integer(1)?),
        _ => return Err(args.invalid("too many arguments")),
    };
    let frame = match name {
        Some(name) => loops.iter().rev().find(|frame| frame.name.eq_ignore_ascii_case(name)),
        None => loops.iter().rev().find(|frame| frame.resource_level).or_else(|| loops.last()),
    };
    let frame = frame.ok_or_else(|| args.invalid("used outside a copy loop"))?;
    frame.index.checked_add(offset).map(Value::from).ok_or_else(|| args.invalid("the index overflows"))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum IdKind {
    Group,
    Subscription,
    Tenant,
    Extension,
}

/// `resourceId([subscriptionId], [resourceGroupName], type, name1, name2, ...)` and its
/// subscription, tenant and extension variants.
fn resource_id(context: &Context, args: &Args, kind: IdKind) -> Evaluated {
    let texts = args.texts()?;
    let (scope, rest) = if kind == IdKind::Extension {
        match texts.split_first() {
            Some((target, rest)) => (target.trim_end_matches('/').to_string(), rest),
            None => return Err(args.invalid("no arguments")),
        }
    } else {
        let Some(type_position) = texts.iter().position(|text| text.contains('/')) else {
            // A type passed in a parameter without a value reads as `{resourceType}`.
            return Err(match texts.iter().find_map(|text| placeholder_name(text)) {
                Some(parameter) => Unresolved::NoValue(parameter.to_string()),
                None => args.invalid("no resource type argument"),
            });
        };
        let (before, rest) = texts.split_at(type_position);
        let scope = match (kind, before) {
            (IdKind::Group, []) => context.scope.id(),
            (IdKind::Group, [group]) => {
                Scope::ResourceGroup { subscription: context.scope.subscription().to_string(), group: group.clone() }
                    .id()
            }
            (IdKind::Group, [subscription, group]) => {
                Scope::ResourceGroup { subscription: subscription.clone(), group: group.clone() }.id()
            }
            (IdKind::Subscription, []) => Scope::Subscription(context.scope.subscription().to_string()).id(),
            (IdKind::Subscription, [subscription]) => Scope::Subscription(subscription.clone()).id(),
            (IdKind::Tenant, []) => Scope::Tenant.id(),
            _ => return Err(args.invalid("too many arguments before the resource type")),
        };
        (scope, rest)
    };
    let Some((resource_type, names)) = rest.split_first() else {
        return Err(args.invalid("no resource type argument"));
    };
    let names: Vec<&str> = names.iter().flat_map(|name| name.split('/')).collect();
    compose_id(&scope, resource_type, &names)
        .map(|composed| Value::String(composed.id))
        .map_err(|reason| args.invalid(&reason))
}

/// `resourceGroup()`: id and name are known (possibly symbolic); the location is not, and
/// reading it yields [`Unresolved::GroupLocation`].
fn resource_group(context: &Context, args: &Args) -> Evaluated {
    args.arity(0, 0)?;
    let Some(group) = context.scope.group() else {
        return Err(args.invalid("there is no resource group at this deployment scope"));
    };
    Ok(Value::Object(Map::from_iter([
        ("id".to_string(), Value::String(context.scope.id())),
        ("name".to_string(), Value::String(group.to_string())),
        ("type".to_string(), Value::String("Microsoft.Resources/resourceGroups".into())),
    ])))
}

fn subscription(scope: &Scope) -> Value {
    let subscription = scope.subscription();
    let mut object = placeholder_object("subscription()", &["tenantId", "displayName"], &[]);
    if let Value::Object(members) = &mut object {
        members.insert("id".into(), Value::String(format!("/subscriptions/{subscription}")));
        members.insert("subscriptionId".into(), Value::String(subscription.to_string()));
    }
    object
}

/// `environment()`: the cloud's endpoints and suffixes differ between Azure and Azure
/// China, so every member is a placeholder such as `{environment().suffixes.storage}`.
fn environment() -> Value {
    placeholder_object(
        "environment()",
        &[
            "name",
            "gallery",
            "graph",
            "portal",
            "graphAudience",
            "activeDirectoryDataLake",
            "batch",
            "media",
            "sqlManagement",
            "vmImageAliasDoc",
            "resourceManager",
        ],
        &[
            ("authentication", &["loginEndpoint", "audiences", "tenant", "identityProvider"]),
            (
                "suffixes",
                &[
                    "acrLoginServer",
                    "azureDatalakeAnalyticsCatalogAndJob",
                    "azureDatalakeStoreFileSystem",
                    "azureFrontDoorEndpointSuffix",
                    "keyvaultDns",
                    "sqlServerHostname",
                    "storage",
                ],
            ),
        ],
    )
}

/// An object whose members are `{owner.member}` placeholders.
fn placeholder_object(owner: &str, members: &[&str], groups: &[(&str, &[&str])]) -> Value {
    let mut object = Map::new();
    for member in members {
        object.insert((*member).to_string(), Value::String(format!("{{{owner}.{member}}}")));
    }
    for (group, group_members) in groups {
        let inner = group_members
            .iter()
            .map(|member| ((*member).to_string(), Value::String(format!("{{{owner}.{group}.{member}}}"))));
        object.insert((*group).to_string(), Value::Object(inner.collect()));
    }
    Value::Object(object)
}

/// `concat`: arrays joined when every argument is an array, otherwise text.
fn concat(args: &Args) -> Evaluated {
    if !args.values.is_empty() && args.values.iter().all(Value::is_array) {
        let items = args.values.iter().filter_map(Value::as_array).flatten().cloned();
        return Ok(Value::Array(items.collect()));
    }
    Ok(Value::String(args.texts()?.concat()))
}

/// `format('{0}-{1:D3}', ...)`: .NET composite formatting; format specifiers other than
/// `D<n>` (zero padding) are ignored.
fn format(args: &Args) -> Evaluated {
    args.arity(1, usize::MAX)?;
    let pattern = args.text(0)?;
    let texts = args.texts()?;
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let mut item = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(part) => item.push(part),
                        None => return Err(args.invalid("a '{' is not closed")),
                    }
                }
                let (position, spec) = item.split_once(':').unwrap_or((&item, ""));
                let position = position.split(',').next().unwrap_or("").trim();
                let index: usize =
                    position.parse().map_err(|_| args.invalid(&format!("bad placeholder {{{item}}}")))?;
                let text = texts.get(index + 1).ok_or_else(|| args.invalid(&format!("no argument for {{{index}}}")))?;
                let width = spec.strip_prefix(['D', 'd']).and_then(|digits| digits.parse::<usize>().ok());
                match width {
                    Some(width) if text.parse::<i64>().is_ok() && width <= 64 => {
                        out.push_str(&format!("{text:0>width$}"))
                    }
                    _ => out.push_str(text),
                }
            }
            '}' => return Err(args.invalid("a '}' is not escaped")),
            other => out.push(other),
        }
    }
    Ok(Value::String(out))
}

fn substring(args: &Args) -> Evaluated {
    args.arity(1, 3)?;
    let chars: Vec<char> = args.text(0)?.chars().collect();
    let start = if args.values.len() > 1 { args.integer(1)? } else { 0 };
    let start = usize::try_from(start)
        .ok()
        .filter(|start| *start <= chars.len())
        .ok_or_else(|| args.invalid("the start is outside the text"))?;
    let length = match args.values.len() {
        3 => usize::try_from(args.integer(2)?).map_err(|_| args.invalid("the length is negative"))?,
        _ => chars.len() - start,
    };
    let end = start
        .checked_add(length)
        .filter(|end| *end <= chars.len())
        .ok_or_else(|| args.invalid("the length runs past the end"))?;
    Ok(Value::String(chars.get(start..end).unwrap_or_default().iter().collect()))
}

fn split(args: &Args) -> Evaluated {
    args.arity(2, 2)?;
    let text = args.text(0)?;
    let delimiters: Vec<String> = match args.value(1)? {
        Value::Array(items) => items.iter().filter_map(|item| item.as_str().map(str::to_string)).collect(),
        _ => vec![args.text(1)?.to_string()],
    };
    let delimiters: Vec<&str> = delimiters.iter().map(String::as_str).filter(|d| !d.is_empty()).collect();
    let mut parts = Vec::new();
    let mut rest = text;
    loop {
        let next = delimiters.iter().filter_map(|d| rest.find(d).map(|at| (at, d.len()))).min_by_key(|(at, _)| *at);
        match next {
            Some((at, length)) => {
                parts.push(Value::String(rest.get(..at).unwrap_or_default().to_string()));
                rest = rest.get(at + length..).unwrap_or_default();
            }
            None => {
                parts.push(Value::String(rest.to_string()));
                break;
            }
        }
    }
    Ok(Value::Array(parts))
}

fn take_or_skip(args: &Args, take: bool) -> Evaluated {
    args.arity(2, 2)?;
    let count = usize::try_from(args.integer(1)?.max(0)).unwrap_or(usize::MAX);
    match args.value(0)? {
        Value::String(text) => {
            let chars = text.chars();
            Ok(Value::String(if take { chars.take(count).collect() } else { chars.skip(count).collect() }))
        }
        Value::Array(items) => {
            let items = items.iter().cloned();
            Ok(Value::Array(if take { items.take(count).collect() } else { items.skip(count).collect() }))
        }
        other => Err(args.invalid(&format!("expects a string or an array, not {}", kind_of(other)))),
    }
}

fn pad_left(args: &Args) -> Evaluated {
    args.arity(2, 3)?;
    let text = text_of(args.value(0)?).ok_or_else(|| args.invalid("pads only strings and numbers"))?;
    let width = args.integer(1)?;
    if !(0..=MAX_GENERATED_LENGTH).contains(&width) {
        return Err(args.invalid("the length is out of range"));
    }
    let fill = if args.values.len() == 3 { args.text(2)?.chars().next().unwrap_or(' ') } else { ' ' };
    let missing = usize::try_from(width).unwrap_or(0).saturating_sub(text.chars().count());
    Ok(Value::String(std::iter::repeat_n(fill, missing).chain(text.chars()).collect()))
}

fn arithmetic(lower: &str, args: &Args) -> Evaluated {
    args.arity(2, 2)?;
    let (a, b) = (args.integer(0)?, args.integer(1)?);
    let result = match lower {
        "add" => a.checked_add(b),
        "sub" => a.checked_sub(b),
        "mul" => a.checked_mul(b),
        "div" => a.checked_div(b),
        _ => a.checked_rem(b),
    };
    result.map(Value::from).ok_or_else(|| args.invalid("overflow or division by zero"))
}

fn extreme(args: &Args, max: bool) -> Evaluated {
    let numbers: Vec<Value> = match args.values.as_slice() {
        [Value::Array(items)] => items.clone(),
        values => values.to_vec(),
    };
    let numbers = numbers
        .iter()
        .map(|value| value.as_i64().ok_or_else(|| args.invalid("expects whole numbers")))
        .collect::<Result<Vec<_>, _>>()?;
    let found = if max { numbers.iter().max() } else { numbers.iter().min() };
    found.map(|n| Value::from(*n)).ok_or_else(|| args.invalid("no numbers given"))
}

fn union(args: &Args) -> Evaluated {
    args.arity(1, usize::MAX)?;
    if args.values.iter().all(Value::is_object) {
        let mut merged = Map::new();
        for members in args.values.iter().filter_map(Value::as_object) {
            merged.extend(members.iter().map(|(key, value)| (key.clone(), value.clone())));
        }
        return Ok(Value::Object(merged));
    }
    if args.values.iter().all(Value::is_array) {
        let mut merged: Vec<Value> = Vec::new();
        for item in args.values.iter().filter_map(Value::as_array).flatten() {
            if !merged.iter().any(|seen| equal(seen, item)) {
                merged.push(item.clone());
            }
        }
        return Ok(Value::Array(merged));
    }
    Err(args.invalid("expects only objects or only arrays"))
}

/// `uri(base, relative)`: RFC 3986 resolution for the shapes templates use.
fn resolve_uri(base: &str, relative: &str) -> String {
    if relative.contains("://") {
        return relative.to_string();
    }
    let authority_end =
        base.find("://").map(|at| at + 3).and_then(|start| base.get(start..)?.find('/').map(|at| start + at));
    if relative.starts_with('/') {
        let root = authority_end.and_then(|end| base.get(..end)).unwrap_or(base);
        return format!("{root}{relative}");
    }
    match base.rfind('/') {
        Some(at) if authority_end.is_some_and(|end| at >= end) => {
            format!("{}{relative}", base.get(..=at).unwrap_or(base))
        }
        _ => format!("{}/{relative}", base.trim_end_matches('/')),
    }
}

/// A stable 128-bit digest of the arguments: two FNV-1a lanes over the UTF-8 bytes with
/// a separator after each argument, each finished with the SplitMix64 mixer.
fn digest(parts: &[String]) -> u128 {
    const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
    const SECOND_PRIME: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut low: u64 = 0xcbf2_9ce4_8422_2325;
    let mut high: u64 = 0x6c62_272e_07bb_0142;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0x1f)) {
            low = (low ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
            high = (high ^ u64::from(byte)).wrapping_mul(SECOND_PRIME);
        }
    }
    (u128::from(mix(high)) << 64) | u128::from(mix(low ^ high.rotate_left(29)))
}

fn mix(mut value: u64) -> u64 {
    value = (value ^ (value >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    value = (value ^ (value >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    value ^ (value >> 31)
}

/// `uniqueString(...)`: 13 characters from `a-z2-7`, stable for the same arguments.
/// This is NOT the value Azure computes (its hash is not published); it only has the
/// same shape and the same determinism, so names built from it stay consistent within
/// and across imports.
pub(super) fn unique_string(parts: &[String]) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let hash = digest(parts);
    (0..13)
        .map(|i| char::from(ALPHABET.get(((hash >> (123 - 5 * i)) & 31) as usize).copied().unwrap_or(b'a')))
        .collect()
}

/// `guid(...)`: a GUID-shaped (version 5 layout) text, stable for the same arguments.
/// Like [`unique_string`], it is not the value Azure would compute.
pub(super) fn guid(parts: &[String]) -> String {
    let mut bytes = digest(parts).to_be_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x50;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let value = u128::from_be_bytes(bytes);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        value >> 96,
        (value >> 80) & 0xffff,
        (value >> 64) & 0xffff,
        (value >> 48) & 0xffff,
        value & 0xffff_ffff_ffff
    )
}

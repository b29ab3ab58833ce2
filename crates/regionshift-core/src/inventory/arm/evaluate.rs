//! Evaluation of template expressions against one template's parameters and variables,
//! keeping whatever only a real deployment could know symbolic.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use serde_json::{Map, Value};

use super::expression::{self, Expr, TemplateText};
use super::functions;
use super::scope::Scope;

/// Deepest recursion of evaluation, counting nested calls, parameter and variable
/// look-ups and JSON levels together, so no input can exhaust the stack.
const MAX_DEPTH: usize = 128;
/// ARM's own limit on the number of iterations of one copy loop.
pub(super) const MAX_COPY_COUNT: i64 = 800;

/// Why an expression has no value offline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Unresolved {
    /// The location of the resource group the template is deployed to.
    GroupLocation,
    /// A function whose value only exists during a deployment (`reference`, `listKeys`,
    /// `newGuid`, `utcNow`).
    DeploymentTime(String),
    /// A parameter value a deployment reads from Key Vault.
    KeyVaultSecret(String),
    /// A parameter that has neither a default value nor a supplied one, and is not a string.
    NoValue(String),
    /// A function this reader does not evaluate (lambdas, user-defined functions).
    Unsupported(String),
    /// The expression is malformed, or a function was used in a way ARM would reject.
    Invalid(String),
}

impl fmt::Display for Unresolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unresolved::GroupLocation => f.write_str("resourceGroup().location"),
            Unresolved::DeploymentTime(function) => write!(f, "{function}()"),
            Unresolved::KeyVaultSecret(name) => write!(f, "Key Vault secret for parameter '{name}'"),
            Unresolved::NoValue(name) => write!(f, "parameter '{name}' without a value"),
            Unresolved::Unsupported(function) => write!(f, "unsupported function {function}()"),
            Unresolved::Invalid(reason) => write!(f, "invalid expression ({reason})"),
        }
    }
}

pub(super) type Evaluated = Result<Value, Unresolved>;

/// The current iteration of a copy loop.
#[derive(Debug, Clone)]
pub(super) struct CopyFrame {
    pub name: String,
    pub index: i64,
    /// A resource-level loop (answers `copyIndex()` without a loop name).
    pub resource_level: bool,
}

/// What evaluation left symbolic, gathered for the per-template diagnostics.
#[derive(Debug, Default)]
pub(super) struct Notes {
    /// Expressions kept as written, counted by reason.
    pub kept_symbolic: BTreeMap<String, usize>,
    /// Parameters without a value that were shown as `{name}` placeholders.
    pub placeholders: BTreeSet<String>,
    /// Name parameters without a value that stood for their own name.
    pub named_after: BTreeSet<String>,
}

struct Parameter<'a> {
    name: String,
    definition: Option<&'a Value>,
    supplied: Option<Evaluated>,
}

/// One template's evaluation context: its parameters, variables and scope.
pub(super) struct Context<'a> {
    parameters: HashMap<String, Parameter<'a>>,
    variables: HashMap<String, (String, &'a Value)>,
    variable_loops: Vec<&'a Value>,
    pub(super) scope: Scope,
    pub(super) deployment_name: String,
    cache: RefCell<HashMap<String, Evaluated>>,
    in_progress: RefCell<Vec<String>>,
    depth: Cell<usize>,
    notes: RefCell<Notes>,
}

impl<'a> Context<'a> {
    /// A context for `template`; `supplied` holds parameter values a parent deployment
    /// passed (keys lowercased), which win over default values.
    pub(super) fn new(
        template: &'a Value,
        mut supplied: HashMap<String, Evaluated>,
        scope: Scope,
        deployment_name: String,
    ) -> Context<'a> {
        let mut parameters = HashMap::new();
        if let Some(declared) = template.get("parameters").and_then(Value::as_object) {
            for (name, definition) in declared {
                let key = name.to_ascii_lowercase();
                let supplied = supplied.remove(&key);
                parameters.insert(key, Parameter { name: name.clone(), definition: Some(definition), supplied });
            }
        }
        // Values passed for parameters the template does not declare are kept too, so an
        // expression naming them still evaluates.
        for (key, value) in supplied {
            parameters.insert(key.clone(), Parameter { name: key, definition: None, supplied: Some(value) });
        }
        let mut variables = HashMap::new();
        let mut variable_loops = Vec::new();
        if let Some(declared) = template.get("variables").and_then(Value::as_object) {
            for (name, definition) in declared {
                if name == "copy" {
                    if let Some(loops) = definition.as_array() {
                        variable_loops.extend(loops.iter());
                    }
                } else {
                    variables.insert(name.to_ascii_lowercase(), (name.clone(), definition));
                }
            }
        }
        Context {
            parameters,
            variables,
            variable_loops,
            scope,
            deployment_name,
            cache: RefCell::default(),
            in_progress: RefCell::default(),
            depth: Cell::new(0),
            notes: RefCell::default(),
        }
    }

    /// Takes what evaluation has left symbolic so far.
    pub(super) fn take_notes(&self) -> Notes {
        std::mem::take(&mut *self.notes.borrow_mut())
    }

    /// Evaluates a template value: an expression string to its value, objects and arrays
    /// member by member ([`Context::evaluate_tree`]), anything else as it is.
    pub(super) fn evaluate_value(&self, value: &Value, loops: &[CopyFrame]) -> Evaluated {
        match value {
            Value::String(text) => self.evaluate_text(text, loops),
            Value::Array(_) | Value::Object(_) => Ok(self.evaluate_tree(value, loops)),
            other => Ok(other.clone()),
        }
    }

    /// Evaluates a template string: the literal text, or the expression's value.
    pub(super) fn evaluate_text(&self, text: &str, loops: &[CopyFrame]) -> Evaluated {
        match expression::classify(text) {
            TemplateText::Literal(literal) => Ok(Value::String(literal.into_owned())),
            TemplateText::Expression(source) => {
                let expr = expression::parse(source).map_err(|error| Unresolved::Invalid(error.0))?;
                self.eval(&expr, loops)
            }
        }
    }

    /// Evaluates every expression inside a JSON tree. An expression that cannot be
    /// evaluated is kept as written, and property `copy` loops are expanded.
    pub(super) fn evaluate_tree(&self, value: &Value, loops: &[CopyFrame]) -> Value {
        self.descend(|| self.evaluate_tree_inner(value, loops)).unwrap_or_else(|| {
            self.note(&Unresolved::Invalid("the value is nested too deeply".into()));
            value.clone()
        })
    }

    fn evaluate_tree_inner(&self, value: &Value, loops: &[CopyFrame]) -> Value {
        match value {
            Value::String(text) => match self.evaluate_text(text, loops) {
                Ok(evaluated) => evaluated,
                Err(reason) => {
                    self.note(&reason);
                    value.clone()
                }
            },
            Value::Array(items) => Value::Array(items.iter().map(|item| self.evaluate_tree(item, loops)).collect()),
            Value::Object(members) => {
                let mut evaluated = Map::new();
                for (key, member) in members {
                    if key.eq_ignore_ascii_case("copy") && is_property_loop(member) {
                        self.expand_property_loops(member, loops, &mut evaluated);
                        continue;
                    }
                    let key = match self.evaluate_text(key, loops) {
                        Ok(Value::String(evaluated_key)) => evaluated_key,
                        _ => key.clone(),
                    };
                    evaluated.insert(key, self.evaluate_tree(member, loops));
                }
                Value::Object(evaluated)
            }
            other => other.clone(),
        }
    }

    /// `"copy": [{"name": "dataDisks", "count": 2, "input": {...}}]` inside properties
    /// becomes `"dataDisks": [..2 items..]`; a loop whose count is unknown stays as written.
    fn expand_property_loops(&self, member: &Value, loops: &[CopyFrame], into: &mut Map<String, Value>) {
        let Some(entries) = member.as_array() else { return };
        let mut unresolved = Vec::new();
        for entry in entries {
            let name = entry.get("name").and_then(Value::as_str).unwrap_or("copy");
            match self.copy_array(entry, loops) {
                Ok(items) => {
                    into.insert(name.to_string(), items);
                }
                Err(reason) => {
                    self.note(&reason);
                    unresolved.push(entry.clone());
                }
            }
        }
        if !unresolved.is_empty() {
            into.insert("copy".to_string(), Value::Array(unresolved));
        }
    }

    /// Evaluates one `{name, count, input}` loop into the array it produces.
    pub(super) fn copy_array(&self, entry: &Value, loops: &[CopyFrame]) -> Evaluated {
        let name = entry.get("name").and_then(Value::as_str).unwrap_or("copy").to_string();
        let count = self.copy_count(entry.get("count"), loops)?;
        if !(0..=MAX_COPY_COUNT).contains(&count) {
            return Err(Unresolved::Invalid(format!(
                "the copy loop '{name}' counts {count}, outside 0..={MAX_COPY_COUNT}"
            )));
        }
        let Some(input) = entry.get("input") else {
            return Err(Unresolved::Invalid(format!("the copy loop '{name}' has no input")));
        };
        let mut items = Vec::new();
        let mut frames = loops.to_vec();
        frames.push(CopyFrame { name, index: 0, resource_level: false });
        for index in 0..count {
            if let Some(frame) = frames.last_mut() {
                frame.index = index;
            }
            items.push(self.evaluate_value(input, &frames)?);
        }
        Ok(Value::Array(items))
    }

    /// Evaluates a copy loop's `count` to a whole number (not yet checked against limits).
    pub(super) fn copy_count(&self, count: Option<&Value>, loops: &[CopyFrame]) -> Result<i64, Unresolved> {
        let Some(count) = count else {
            return Err(Unresolved::Invalid("the copy loop has no count".into()));
        };
        let value = self.evaluate_value(count, loops)?;
        let count = match &value {
            Value::Number(number) => number.as_i64().or_else(|| number.as_f64().map(|f| f as i64)),
            Value::String(text) => text.trim().parse::<i64>().ok(),
            _ => None,
        };
        match count {
            Some(count) => Ok(count),
            None => Err(Unresolved::Invalid(format!("the copy count {value} is not a number"))),
        }
    }

    /// Records an expression kept as written.
    pub(super) fn note(&self, reason: &Unresolved) {
        *self.notes.borrow_mut().kept_symbolic.entry(reason.to_string()).or_insert(0) += 1;
    }

    /// Evaluates a parsed expression.
    pub(super) fn eval(&self, expr: &Expr, loops: &[CopyFrame]) -> Evaluated {
        self.descend(|| self.eval_inner(expr, loops))
            .unwrap_or_else(|| Err(Unresolved::Invalid("the expression is nested too deeply".into())))
    }

    /// Runs `work` one level deeper, or returns `None` at the depth limit.
    fn descend<T>(&self, work: impl FnOnce() -> T) -> Option<T> {
        let depth = self.depth.get();
        if depth >= MAX_DEPTH {
            return None;
        }
        self.depth.set(depth + 1);
        let result = work();
        self.depth.set(depth);
        Some(result)
    }

    fn eval_inner(&self, expr: &Expr, loops: &[CopyFrame]) -> Evaluated {
        match expr {
            Expr::String(text) => Ok(Value::String(text.clone())),
            Expr::Integer(value) => Ok(Value::from(*value)),
            Expr::Boolean(value) => Ok(Value::Bool(*value)),
            Expr::Null => Ok(Value::Null),
            Expr::Call { name, args } => functions::call(self, name, args, loops),
            Expr::Property { target, name } => member(&self.eval(target, loops)?, name),
            Expr::Index { target, index } => {
                let target = self.eval(target, loops)?;
                match (&target, self.eval(index, loops)?) {
                    (Value::Array(items), Value::Number(position)) => position
                        .as_u64()
                        .and_then(|position| items.get(usize::try_from(position).ok()?))
                        .cloned()
                        .ok_or_else(|| Unresolved::Invalid(format!("index {position} is outside the array"))),
                    (Value::Object(_), Value::String(name)) => member(&target, &name).map_err(|reason| {
                        // Indexing with a parameter that has no value is not the template's fault.
                        match placeholder_name(&name) {
                            Some(parameter) => Unresolved::NoValue(parameter.to_string()),
                            None => reason,
                        }
                    }),
                    (_, index) => Err(Unresolved::Invalid(format!("cannot index {} with {index}", kind_of(&target)))),
                }
            }
        }
    }

    /// `parameters('name')`: the supplied value, else the default value, else a `{name}`
    /// placeholder for string parameters.
    pub(super) fn parameter(&self, name: &str) -> Evaluated {
        let key = name.to_ascii_lowercase();
        let Some(parameter) = self.parameters.get(&key) else {
            return Err(Unresolved::Invalid(format!("the template has no parameter '{name}'")));
        };
        if let Some(supplied) = &parameter.supplied {
            return supplied.clone();
        }
        let definition = parameter.definition;
        self.cached(format!("parameters/{key}"), || match definition.and_then(|d| d.get("defaultValue")) {
            Some(default) => self.evaluate_value(default, &[]),
            None => {
                let kind = definition.and_then(|d| d.get("type")).and_then(Value::as_str).unwrap_or("string");
                if kind.eq_ignore_ascii_case("string") && is_name_parameter(&parameter.name) {
                    // `az group export` and the portal's export name a resource
                    // `<type>_<name>_name` and give no default unless asked: the
                    // parameter's name says more than a `{placeholder}`, and every
                    // resourceId() that uses it agrees.
                    self.notes.borrow_mut().named_after.insert(parameter.name.clone());
                    Ok(Value::String(parameter.name.clone()))
                } else if kind.eq_ignore_ascii_case("string") || kind.eq_ignore_ascii_case("securestring") {
                    self.notes.borrow_mut().placeholders.insert(parameter.name.clone());
                    Ok(Value::String(format!("{{{}}}", parameter.name)))
                } else {
                    Err(Unresolved::NoValue(parameter.name.clone()))
                }
            }
        })
    }

    /// `variables('name')`, including variables produced by a `copy` section.
    pub(super) fn variable(&self, name: &str) -> Evaluated {
        let key = name.to_ascii_lowercase();
        if let Some((_, definition)) = self.variables.get(&key) {
            let definition: &Value = definition;
            return self.cached(format!("variables/{key}"), || {
                let value = self.evaluate_value(definition, &[])?;
                // A literal may be long (an embedded script); one built from other
                // variables may not grow without bound.
                let limit = functions::MAX_VALUE_SIZE.max(definition.to_string().len());
                if functions::exceeds(&value, limit) {
                    return Err(Unresolved::Invalid(format!(
                        "the variable '{name}' passes {limit} characters and elements"
                    )));
                }
                Ok(value)
            });
        }
        let looped = self.variable_loops.iter().find(|entry| {
            entry.get("name").and_then(Value::as_str).is_some_and(|loop_name| loop_name.eq_ignore_ascii_case(name))
        });
        match looped {
            Some(entry) => self.cached(format!("variables/{key}"), || self.copy_array(entry, &[])),
            None => Err(Unresolved::Invalid(format!("the template has no variable '{name}'"))),
        }
    }

    /// Evaluates once per template, refusing a value that depends on itself.
    fn cached(&self, key: String, evaluate: impl FnOnce() -> Evaluated) -> Evaluated {
        if let Some(found) = self.cache.borrow().get(&key) {
            return found.clone();
        }
        if self.in_progress.borrow().contains(&key) {
            return Err(Unresolved::Invalid(format!("{key} refers to itself")));
        }
        self.in_progress.borrow_mut().push(key.clone());
        let result = evaluate();
        self.in_progress.borrow_mut().retain(|pending| pending != &key);
        self.cache.borrow_mut().insert(key, result.clone());
        result
    }
}

/// Is this `copy` member a list of property loops (`[{name, count, input}]`)?
fn is_property_loop(value: &Value) -> bool {
    value.as_array().is_some_and(|entries| {
        !entries.is_empty() && entries.iter().all(|entry| entry.get("name").is_some() && entry.get("input").is_some())
    })
}

/// `value.name`, ignoring case as ARM does.
pub(super) fn member(value: &Value, name: &str) -> Evaluated {
    let Value::Object(members) = value else {
        return Err(Unresolved::Invalid(format!("cannot read .{name} of {}", kind_of(value))));
    };
    if let Some(found) = members.get(name) {
        return Ok(found.clone());
    }
    if let Some((_, found)) = members.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)) {
        return Ok(found.clone());
    }
    // `resourceGroup()` and `deployment()` return objects without the members only a
    // deployment knows; asking for them is unresolved rather than invalid.
    let kind = members.get("type").and_then(Value::as_str).unwrap_or("");
    if kind.eq_ignore_ascii_case("Microsoft.Resources/resourceGroups") && name.eq_ignore_ascii_case("location") {
        return Err(Unresolved::GroupLocation);
    }
    if kind.eq_ignore_ascii_case("Microsoft.Resources/deployments") {
        return Err(Unresolved::DeploymentTime("deployment".into()));
    }
    Err(Unresolved::Invalid(format!("the object has no property '{name}'")))
}

/// Is this an exported template's name parameter (`virtualMachines_linux_box_name`,
/// as `az group export` and the portal's export name them)?
fn is_name_parameter(name: &str) -> bool {
    name.len() > 5 && name.get(name.len() - 5..).is_some_and(|end| end.eq_ignore_ascii_case("_name"))
}

/// The parameter name inside a `{name}` placeholder.
pub(super) fn placeholder_name(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('{')?.strip_suffix('}')?;
    (!inner.is_empty() && !inner.contains(['{', '}'])).then_some(inner)
}

pub(super) use crate::inventory::raw::kind_of;

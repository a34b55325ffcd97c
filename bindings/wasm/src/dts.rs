//! TypeScript declarations for every operation, written from the JSON Schemas the core
//! publishes (`OperationInfo::input_schema` / `output_schema`), never by hand.
//!
//! The output declares one type per schema definition (shared across operations when they
//! are the same type), `<Op>Input` and `<Op>Output` for each operation, the map
//! `Operations` from operation name to `{ input, output }`, and `OperationMethods`, the
//! typed method of each operation on the package's `Engine` (`money.allocate` becomes
//! `moneyAllocate`).
//!
//! Only the schema keywords the core's types produce are understood; any other keyword is
//! an error, so a schema this converter cannot express fails the build instead of
//! silently becoming `unknown`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Map, Value};

/// Keywords that describe or constrain a value without changing its TypeScript type.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$comment",
    "title",
    "description",
    "format",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "examples",
    "example",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
];

/// Keywords that shape the TypeScript type.
const STRUCTURAL: &[&str] = &[
    "$ref",
    "$defs",
    "type",
    "const",
    "enum",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "prefixItems",
    "oneOf",
    "anyOf",
    "allOf",
];

/// The method name of an operation on the package's `Engine`: `money.allocate` gives
/// `moneyAllocate`, `refund.check_policy` gives `refundCheckPolicy`.
pub fn method_name(operation: &str) -> String {
    let pascal = pascal_case(operation);
    let mut chars = pascal.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `money.allocate` gives `MoneyAllocate`.
pub fn pascal_case(operation: &str) -> String {
    operation
        .split(['.', '_', '-'])
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// One schema to declare: an operation's name and the JSON of its input and output schemas.
#[derive(Debug, Clone)]
pub struct OperationSchemas {
    /// `area.verb`.
    pub name: String,
    /// One line saying what it answers.
    pub summary: String,
    /// The request's JSON Schema.
    pub input: Value,
    /// The response's JSON Schema, receipt included.
    pub output: Value,
}

/// The schemas of every registered operation.
pub fn registry_schemas() -> Vec<OperationSchemas> {
    recourse_payments::engine::registry()
        .iter()
        .map(|op| OperationSchemas {
            name: op.name.to_owned(),
            summary: op.summary.to_owned(),
            input: op.input_schema().to_value(),
            output: op.output_schema().to_value(),
        })
        .collect()
}

/// Method names the package's `Engine` has of its own.
const RESERVED_METHODS: &[&str] = &["call", "callJson", "callBatch", "free", "fingerprint"];

/// The declarations of every registered operation, and `Config`, the engine's configuration.
///
/// # Errors
/// A message naming the schema and keyword that cannot be expressed.
pub fn generate() -> Result<String, String> {
    let config = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<recourse_payments::Config>()
        .to_value();
    generate_for(&registry_schemas(), &[("Config", &config)])
}

/// The declarations of `operations`, plus the named `extra` schemas.
///
/// # Errors
/// A message naming the schema and keyword that cannot be expressed.
pub fn generate_for(
    operations: &[OperationSchemas],
    extra: &[(&str, &Value)],
) -> Result<String, String> {
    let mut defs = Defs::default();
    let mut roots = String::new();
    let mut map = String::new();
    let mut methods = String::new();
    let mut seen_methods = BTreeMap::new();
    for (name, schema) in extra {
        let renames = defs.register(name, schema, name)?;
        let context = Context {
            renames: &renames,
            at: (*name).to_owned(),
        };
        let body = to_ts(schema, &context, 0)?;
        write_doc(&mut roots, description(schema), "");
        let _ = writeln!(roots, "export type {name} = {body};\n");
    }
    for op in operations {
        let pascal = pascal_case(&op.name);
        let method = method_name(&op.name);
        if RESERVED_METHODS.contains(&method.as_str()) {
            return Err(format!("{} would hide the method Engine.{method}", op.name));
        }
        if let Some(other) = seen_methods.insert(method.clone(), op.name.clone()) {
            return Err(format!(
                "{} and {other} would both be the method {method}",
                op.name
            ));
        }
        for (suffix, schema) in [("Input", &op.input), ("Output", &op.output)] {
            let root = format!("{pascal}{suffix}");
            let renames = defs.register(&pascal, schema, &root)?;
            let context = Context {
                renames: &renames,
                at: root.clone(),
            };
            let body = to_ts(schema, &context, 0)?;
            write_doc(&mut roots, description(schema), "");
            let _ = writeln!(roots, "export type {root} = {body};\n");
        }
        let _ = writeln!(
            map,
            "  /** {} */\n  {}: {{ input: {pascal}Input; output: {pascal}Output }};",
            comment_text(&op.summary),
            quote(&op.name)
        );
        let _ = writeln!(
            methods,
            "  /** `{}`: {} */\n  {method}(input: {pascal}Input): {pascal}Output;",
            op.name,
            comment_text(&op.summary)
        );
    }
    let mut out = String::from(
        "// Generated from the JSON Schemas of the Recourse operations registry by\n\
         // `recourse-wasm-dts`. Do not edit: rebuild with `bash scripts/wasm.sh`.\n\n",
    );
    out.push_str(&defs.declarations);
    out.push_str(&roots);
    out.push_str("/** Every operation by name, with the types of its input and output. */\n");
    out.push_str("export interface Operations {\n");
    out.push_str(&map);
    out.push_str("}\n\n/** The name of an operation, `area.verb`. */\n");
    out.push_str("export type OperationName = keyof Operations;\n\n");
    out.push_str("/** The typed method of each operation on `Engine`. */\n");
    out.push_str("export interface OperationMethods {\n");
    out.push_str(&methods);
    out.push_str("}\n");
    Ok(out)
}

/// The shared definitions, declared once each.
#[derive(Default)]
struct Defs {
    /// Declared name to the schema it stands for.
    schemas: BTreeMap<String, Value>,
    declarations: String,
}

impl Defs {
    /// Declares the `$defs` of `schema` and returns how its names map to declared names: the
    /// same name when the type is new or identical to one declared, `<Op><Name>` when a
    /// different type already took the name.
    fn register(
        &mut self,
        pascal: &str,
        schema: &Value,
        root: &str,
    ) -> Result<BTreeMap<String, String>, String> {
        let Some(local) = schema.get("$defs").and_then(Value::as_object) else {
            return Ok(BTreeMap::new());
        };
        let mut renames = BTreeMap::new();
        let mut fresh = Vec::new();
        for (name, def) in local {
            let mut declared = name.clone();
            if !is_identifier(&declared) {
                declared = declared
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
            }
            let mut candidate = declared.clone();
            let mut n = 1;
            loop {
                match self.schemas.get(&candidate) {
                    Some(existing) if existing == def => break,
                    Some(_) => {
                        candidate = if n == 1 {
                            format!("{pascal}{declared}")
                        } else {
                            format!("{pascal}{declared}{n}")
                        };
                        n += 1;
                    }
                    None => {
                        self.schemas.insert(candidate.clone(), def.clone());
                        fresh.push((candidate.clone(), def));
                        break;
                    }
                }
            }
            renames.insert(name.clone(), candidate);
        }
        for (declared, def) in fresh {
            let context = Context {
                renames: &renames,
                at: format!("{root} $defs/{declared}"),
            };
            let body = to_ts(def, &context, 0)?;
            write_doc(&mut self.declarations, description(def), "");
            let _ = writeln!(self.declarations, "export type {declared} = {body};\n");
        }
        Ok(renames)
    }
}

struct Context<'a> {
    renames: &'a BTreeMap<String, String>,
    /// Where we are, for error messages.
    at: String,
}

fn description(schema: &Value) -> Option<&str> {
    schema.get("description").and_then(Value::as_str)
}

/// The TypeScript type of `schema`, written at indentation `depth`.
fn to_ts(schema: &Value, cx: &Context<'_>, depth: usize) -> Result<String, String> {
    let object = match schema {
        Value::Bool(true) => return Ok("unknown".into()),
        Value::Bool(false) => return Ok("never".into()),
        Value::Object(object) => object,
        _ => {
            return Err(format!(
                "{}: a schema must be an object or a boolean",
                cx.at
            ))
        }
    };
    for key in object.keys() {
        if !ANNOTATIONS.contains(&key.as_str()) && !STRUCTURAL.contains(&key.as_str()) {
            return Err(format!("{}: the keyword `{key}` is not supported", cx.at));
        }
    }
    let mut parts = Vec::new();
    if let Some(reference) = object.get("$ref") {
        parts.push(reference_name(reference, cx)?);
    }
    if let Some(constant) = object.get("const") {
        parts.push(literal(constant, cx)?);
    } else if let Some(values) = object.get("enum") {
        let values = values
            .as_array()
            .ok_or_else(|| format!("{}: `enum` must be an array", cx.at))?;
        let literals: Result<Vec<_>, _> = values.iter().map(|v| literal(v, cx)).collect();
        parts.push(literals?.join(" | "));
    } else if let Some(types) = object.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
            _ => return Err(format!("{}: `type` must be a string or a list", cx.at)),
        };
        let mut union = Vec::new();
        for t in types {
            union.push(match t {
                "string" => "string".to_owned(),
                "integer" | "number" => "number".to_owned(),
                "boolean" => "boolean".to_owned(),
                "null" => "null".to_owned(),
                "array" => array_type(object, cx, depth)?,
                "object" => object_type(object, cx, depth)?,
                other => return Err(format!("{}: unknown type `{other}`", cx.at)),
            });
        }
        parts.push(union.join(" | "));
    } else if object.contains_key("properties") || object.contains_key("additionalProperties") {
        parts.push(object_type(object, cx, depth)?);
    }
    for (keyword, joiner) in [("oneOf", " | "), ("anyOf", " | "), ("allOf", " & ")] {
        if let Some(branches) = object.get(keyword) {
            let branches = branches
                .as_array()
                .ok_or_else(|| format!("{}: `{keyword}` must be an array", cx.at))?;
            let mut written = Vec::new();
            for (i, branch) in branches.iter().enumerate() {
                let inner = Context {
                    renames: cx.renames,
                    at: format!("{}/{keyword}[{i}]", cx.at),
                };
                written.push(parenthesize(to_ts(branch, &inner, depth)?));
            }
            if !written.is_empty() {
                parts.push(written.join(joiner));
            }
        }
    }
    Ok(match parts.len() {
        0 => "unknown".to_owned(),
        1 => parts.swap_remove(0),
        _ => parts
            .into_iter()
            .map(parenthesize)
            .collect::<Vec<_>>()
            .join(" & "),
    })
}

fn reference_name(reference: &Value, cx: &Context<'_>) -> Result<String, String> {
    let target = reference
        .as_str()
        .and_then(|r| r.strip_prefix("#/$defs/"))
        .ok_or_else(|| format!("{}: only `#/$defs/` references are supported", cx.at))?;
    cx.renames
        .get(target)
        .cloned()
        .ok_or_else(|| format!("{}: `$defs/{target}` is not defined", cx.at))
}

fn literal(value: &Value, cx: &Context<'_>) -> Result<String, String> {
    match value {
        Value::String(_) | Value::Number(_) | Value::Bool(_) | Value::Null => Ok(value.to_string()),
        _ => Err(format!(
            "{}: only scalar `const` and `enum` values are supported",
            cx.at
        )),
    }
}

fn array_type(
    object: &Map<String, Value>,
    cx: &Context<'_>,
    depth: usize,
) -> Result<String, String> {
    if let Some(prefix) = object.get("prefixItems").and_then(Value::as_array) {
        let items: Result<Vec<_>, _> = prefix.iter().map(|s| to_ts(s, cx, depth)).collect();
        return Ok(format!("[{}]", items?.join(", ")));
    }
    match object.get("items") {
        Some(items) => Ok(format!("{}[]", parenthesize(to_ts(items, cx, depth)?))),
        None => Ok("unknown[]".to_owned()),
    }
}

fn object_type(
    object: &Map<String, Value>,
    cx: &Context<'_>,
    depth: usize,
) -> Result<String, String> {
    let required: Vec<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let properties = object.get("properties").and_then(Value::as_object);
    let extra = object.get("additionalProperties");
    let pad = "  ".repeat(depth + 1);
    let mut out = String::from("{\n");
    for (name, property) in properties.into_iter().flatten() {
        let inner = Context {
            renames: cx.renames,
            at: format!("{}.{name}", cx.at),
        };
        write_doc(&mut out, description(property), &pad);
        let optional = if required.contains(&name.as_str()) {
            ""
        } else {
            "?"
        };
        let _ = writeln!(
            out,
            "{pad}{}{optional}: {};",
            property_key(name),
            to_ts(property, &inner, depth + 1)?
        );
    }
    match extra {
        None | Some(Value::Bool(false)) if properties.is_some() => {}
        None | Some(Value::Bool(true)) => {
            let _ = writeln!(out, "{pad}[key: string]: unknown;");
        }
        Some(Value::Bool(false)) => {}
        Some(schema) => {
            let inner = Context {
                renames: cx.renames,
                at: format!("{}.*", cx.at),
            };
            let value = to_ts(schema, &inner, depth + 1)?;
            let value = if properties.is_some() {
                // Named properties must fit the index signature too.
                format!("{value} | undefined")
            } else {
                value
            };
            let _ = writeln!(out, "{pad}[key: string]: {value};");
        }
    }
    out.push_str(&"  ".repeat(depth));
    out.push('}');
    Ok(out)
}

fn write_doc(out: &mut String, text: Option<&str>, pad: &str) {
    let Some(text) = text else { return };
    let lines: Vec<String> = text.lines().map(comment_text).collect();
    if lines.len() == 1 {
        let _ = writeln!(out, "{pad}/** {} */", lines.join(""));
    } else {
        let _ = writeln!(out, "{pad}/**");
        for line in lines {
            let _ = writeln!(out, "{pad} * {line}");
        }
        let _ = writeln!(out, "{pad} */");
    }
}

/// Text safe inside a `/** */` comment.
fn comment_text(text: &str) -> String {
    text.replace("*/", "*\\/")
}

fn parenthesize(ts: String) -> String {
    let simple = !ts.contains(" | ") && !ts.contains(" & ");
    if simple || (ts.starts_with('{') && ts.ends_with('}') && !ts.contains("} | ")) {
        ts
    } else {
        format!("({ts})")
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

fn property_key(name: &str) -> String {
    if is_identifier(name) {
        name.to_owned()
    } else {
        quote(name)
    }
}

fn quote(text: &str) -> String {
    Value::String(text.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn one(schema: Value) -> Result<String, String> {
        let renames = BTreeMap::new();
        to_ts(
            &schema,
            &Context {
                renames: &renames,
                at: "test".into(),
            },
            0,
        )
    }

    #[test]
    fn every_registered_operation_converts() {
        let out = generate().unwrap();
        for op in recourse_payments::engine::registry() {
            let pascal = pascal_case(op.name);
            assert!(out.contains(&format!("export type {pascal}Input = ")));
            assert!(out.contains(&format!("export type {pascal}Output = ")));
            assert!(out.contains(&format!("{}(input: {pascal}Input)", method_name(op.name))));
        }
        assert!(out.contains("export type Config = "));
    }

    #[test]
    fn names() {
        assert_eq!(method_name("money.allocate"), "moneyAllocate");
        assert_eq!(method_name("refund.check_policy"), "refundCheckPolicy");
        assert_eq!(pascal_case("sla.status"), "SlaStatus");
    }

    #[test]
    fn scalars_unions_and_objects() {
        assert_eq!(
            one(json!({"type": ["string", "null"]})).unwrap(),
            "string | null"
        );
        assert_eq!(one(json!({"enum": ["a", "b"]})).unwrap(), r#""a" | "b""#);
        assert_eq!(
            one(json!({"type": "array", "items": {"enum": [1, 2]}})).unwrap(),
            "(1 | 2)[]"
        );
        assert_eq!(
            one(json!({"oneOf": [{"const": "x"}, {"type": "integer"}]})).unwrap(),
            r#""x" | number"#
        );
        let object = one(json!({
            "type": "object",
            "properties": {"a": {"type": "string", "description": "A."}, "b-c": {"type": "integer"}},
            "required": ["a"],
            "additionalProperties": false
        }))
        .unwrap();
        assert_eq!(
            object,
            "{\n  /** A. */\n  a: string;\n  \"b-c\"?: number;\n}"
        );
        assert_eq!(
            one(json!({"type": "object", "additionalProperties": {"type": "integer"}})).unwrap(),
            "{\n  [key: string]: number;\n}"
        );
    }

    #[test]
    fn unknown_keywords_fail_loudly() {
        let e = one(json!({"type": "object", "patternProperties": {}})).unwrap_err();
        assert!(e.contains("patternProperties"));
        let e = one(json!({"$ref": "#/$defs/Missing"})).unwrap_err();
        assert!(e.contains("Missing"));
    }

    #[test]
    fn different_types_with_one_name_are_both_declared() {
        let make = |name: &str, t: &str| OperationSchemas {
            name: name.into(),
            summary: "s".into(),
            input: json!({"$ref": "#/$defs/Line", "$defs": {"Line": {"type": t}}}),
            output: json!({"type": "object", "properties": {}}),
        };
        let out = generate_for(&[make("a.one", "string"), make("b.two", "integer")], &[]).unwrap();
        assert!(out.contains("export type Line = string;"));
        assert!(out.contains("export type BTwoLine = number;"));
        assert!(out.contains("export type BTwoInput = BTwoLine;"));
        let clash = generate_for(&[make("a.b_c", "string"), make("a_b.c", "string")], &[]);
        assert!(clash.unwrap_err().contains("aBC"));
        let reserved = generate_for(&[make("call", "string")], &[]);
        assert!(reserved.unwrap_err().contains("Engine.call"));
    }
}

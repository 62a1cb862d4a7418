//! Compiles the built-in dataset (src/data/default.json, the human-edited source) into a
//! `static DEFAULT: Value` tree, so the wasm neither carries nor parses JSON text for it.

use serde_json::Value;
use std::fmt::Write;

fn main() {
    let source = "src/data/default.json";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).expect("src/data/default.json is readable");
    let value: Value = serde_json::from_str(&text).expect("src/data/default.json is JSON");
    let mut out = String::from(
        "/// The built-in dataset as a value tree.\npub static DEFAULT: json::Value = ",
    );
    write_value(&mut out, &value);
    out.push_str(";\n");
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(format!("{dir}/default_data.rs"), out).expect("OUT_DIR is writable");
}

/// A Rust constant expression for `value`: every text and list is `Cow::Borrowed`
/// (`{:?}` of a str or an f64 is a valid Rust literal).
fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("json::Value::Null"),
        Value::Bool(b) => write!(out, "json::Value::Bool({b})").unwrap(),
        Value::Number(n) => {
            let n = n.as_f64().expect("finite number");
            write!(out, "json::Value::Number({n:?})").unwrap()
        }
        Value::String(s) => write!(
            out,
            "json::Value::String(std::borrow::Cow::Borrowed({s:?}))"
        )
        .unwrap(),
        Value::Array(items) => {
            out.push_str("json::Value::Array(std::borrow::Cow::Borrowed(&[");
            for item in items {
                write_value(out, item);
                out.push(',');
            }
            out.push_str("]))");
        }
        Value::Object(members) => {
            out.push_str("json::Value::Object(std::borrow::Cow::Borrowed(&[");
            for (key, item) in members {
                write!(out, "(std::borrow::Cow::Borrowed({key:?}),").unwrap();
                write_value(out, item);
                out.push_str("),");
            }
            out.push_str("]))");
        }
    }
}

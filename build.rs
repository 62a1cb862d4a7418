//! Compiles the built-in dataset (src/data/default.json, the human-edited source and the
//! editors' template) into the compact binary form `data::json::decode` reads, so the
//! wasm neither carries nor parses JSON text for it.

use serde_json::Value;

fn main() {
    let source = "src/data/default.json";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).expect("src/data/default.json is readable");
    let value: Value = serde_json::from_str(&text).expect("src/data/default.json is JSON");
    let mut out = Vec::new();
    encode(&mut out, &value);
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(format!("{dir}/default.bin"), out).expect("OUT_DIR is writable");
}

/// One tag byte per value, then its payload (see `decode` in src/data/json.rs).
fn encode(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Null => out.push(b'n'),
        Value::Bool(true) => out.push(b't'),
        Value::Bool(false) => out.push(b'f'),
        Value::Number(n) => {
            out.push(b'd');
            let n = n.as_f64().expect("a finite number");
            out.extend_from_slice(&n.to_le_bytes());
        }
        Value::String(s) => {
            out.push(b's');
            string(out, s);
        }
        Value::Array(items) => {
            out.push(b'a');
            length(out, items.len());
            for item in items {
                encode(out, item);
            }
        }
        Value::Object(members) => {
            out.push(b'o');
            length(out, members.len());
            for (key, item) in members {
                string(out, key);
                encode(out, item);
            }
        }
    }
}

fn string(out: &mut Vec<u8>, s: &str) {
    length(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

/// LEB128.
fn length(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let byte = (n & 0x7F) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

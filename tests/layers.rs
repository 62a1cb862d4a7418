//! The modules of `src/` import one way: the vocabulary at the bottom, then data, scales
//! and layout, then the forms, then painting and output. Each module may use only modules
//! of a lower layer, so there can be no import cycle. Read from the source files, so a new
//! `use crate::…` that points upwards fails here.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::Path;

/// Every module of the library with its layer; lib.rs (the wasm boundary) sits above all.
const LAYERS: [(&str, u8); 14] = [
    ("vocab", 0),
    ("heap", 0),
    ("error", 1),
    ("format", 1),
    ("scale", 2),
    ("theme", 2),
    ("data", 3),
    ("layout", 3),
    ("describe", 4),
    ("hit", 4),
    ("paint", 4),
    ("charts", 5),
    ("svg", 6),
    ("long", 7),
];

fn layer(module: &str) -> u8 {
    LAYERS
        .iter()
        .find(|(m, _)| *m == module)
        .map(|(_, l)| *l)
        .unwrap_or_else(|| panic!("module {module} has no layer in tests/layers.rs"))
}

/// The `crate::name` paths a file refers to (also inside `use crate::{a, b::c}`), ignoring
/// comments.
fn crate_refs(source: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or("");
                for item in inner.split(',') {
                    out.insert(ident(item.trim()));
                }
            } else {
                out.insert(ident(rest));
            }
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

fn ident(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// (module, file contents) for every file of the library: `src/x.rs` and `src/x/*.rs`.
fn modules() -> Vec<(String, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&src).expect("src/") {
        let path = entry.expect("entry").path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if name == "lib" || name == "bin" || name == "main" {
            continue;
        }
        let files: Vec<_> = if path.is_dir() {
            std::fs::read_dir(&path)
                .expect("module dir")
                .map(|e| e.expect("entry").path())
                .filter(|p| p.extension().is_some_and(|e| e == "rs"))
                .collect()
        } else if path.extension().is_some_and(|e| e == "rs") {
            vec![path.clone()]
        } else {
            continue;
        };
        for file in files {
            let text = std::fs::read_to_string(&file).expect("readable");
            out.push((name.clone(), file.display().to_string(), text));
        }
    }
    out
}

#[test]
fn every_module_imports_only_lower_layers() {
    let mut checked = 0;
    for (module, file, text) in modules() {
        let own = layer(&module);
        for used in crate_refs(&text) {
            if used == module {
                continue;
            }
            assert!(
                layer(&used) < own,
                "{file}: module {module} (layer {own}) uses crate::{used} (layer {})",
                layer(&used)
            );
        }
        checked += 1;
    }
    assert!(checked >= LAYERS.len(), "only {checked} files read");
}

#[test]
fn the_vocabulary_imports_nothing_of_ours() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/vocab.rs"))
        .expect("src/vocab.rs");
    assert_eq!(crate_refs(&text), BTreeSet::new());
    assert!(!text.contains("super::") || text.contains("use super::*;"));
}

#[test]
fn the_scanner_finds_grouped_and_plain_paths() {
    let refs = crate_refs(
        "use crate::{data::Figure, vocab};\nlet x = crate::format::number(1.0); // crate::svg",
    );
    let expected: BTreeSet<String> = ["data", "vocab", "format"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(refs, expected);
}

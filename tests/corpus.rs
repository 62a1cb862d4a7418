//! The bad-input corpus (tests/corpus/): every `NN-name.json` must be refused with an
//! error whose message contains the line in `NN-name.expected`; every `valid/*.json`
//! (including the hostile-but-valid ones: markup in labels is text, not an error) must be
//! accepted. Cases too big to commit (over 512 KB, 100 000 points, a 1 MB label) are
//! generated here. The same files are loaded as `data-src` by tests/e2e/corpus.test.mjs.
#![cfg(not(target_arch = "wasm32"))]

use park_infographic::data::{Dataset, MAX_FIGURES, MAX_FIGURES_PER_CHART, MAX_JSON_BYTES};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The corpus has at least 30 cases; fewer means files went missing.
const MIN_CASES: usize = 30;
/// A message is read in a small box on a news page: it must never echo the input at
/// length (a megabyte label must not become a megabyte message).
const MAX_MESSAGE_CHARS: usize = 400;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// `NN-name.json` files, sorted: the numbered bad cases.
fn cases() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".json")
                && name.len() > 3
                && name.as_bytes()[..2].iter().all(u8::is_ascii_digit)
                && name.as_bytes()[2] == b'-'
        })
        .collect();
    files.sort();
    files
}

fn valid_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir().join("valid"))
        .expect("tests/corpus/valid exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn expected_of(case: &Path) -> String {
    let path = case.with_extension("expected");
    let text = read(&path);
    let line = text.trim_end_matches(['\n', '\r']);
    assert!(
        !line.is_empty() && !line.contains('\n'),
        "{}: must hold exactly one non-empty line",
        path.display()
    );
    line.to_string()
}

/// The error message for `json`, or why there is none.
fn message_of(json: &str) -> Result<String, String> {
    match Dataset::from_json(json) {
        Ok(data) => Err(format!(
            "accepted ({} charts, {} figures)",
            data.charts.len(),
            data.figures.len()
        )),
        Err(e) => Ok(e.to_string()),
    }
}

#[track_caller]
fn rejects(json: &str, expected: &str) {
    let message = message_of(json).unwrap_or_else(|why| panic!("{why}; expected {expected:?}"));
    assert!(
        message.contains(expected),
        "message {:?} lacks {expected:?}",
        clip(&message)
    );
    assert!(
        message.chars().count() <= MAX_MESSAGE_CHARS,
        "message is {} characters long: {:?}",
        message.chars().count(),
        clip(&message)
    );
}

fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(300).collect();
    if s.chars().nth(300).is_some() {
        out.push('…');
    }
    out
}

#[test]
fn corpus_has_at_least_30_cases_each_with_an_expected_message() {
    let cases = cases();
    assert!(
        cases.len() >= MIN_CASES,
        "only {} corpus cases in tests/corpus; there are at least {MIN_CASES}",
        cases.len()
    );
    let mut numbers = std::collections::HashSet::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            numbers.insert(name[..2].to_string()),
            "two cases are numbered {}",
            &name[..2]
        );
        assert!(
            case.with_extension("expected").exists(),
            "{name} has no .expected file"
        );
        let size = std::fs::metadata(case).unwrap().len();
        assert!(
            size < 16 * 1024,
            "{name} is {size} bytes; generate big cases in the test"
        );
    }
    // And no .expected without its case.
    for entry in std::fs::read_dir(corpus_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "expected") {
            assert!(
                path.with_extension("json").exists(),
                "{} has no .json case",
                path.display()
            );
        }
    }
}

/// Every case in one test, so a run reports every mismatch at once (with the message
/// actually produced), not just the first.
#[test]
fn every_corpus_case_is_refused_with_its_expected_message() {
    let mut failures = Vec::new();
    let cases = cases();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let expected = expected_of(case);
        let json = read(case);
        match message_of(&json) {
            Err(why) => failures.push(format!("{name}: {why}; expected {expected:?}")),
            Ok(message) if !message.contains(&expected) => failures.push(format!(
                "{name}: message {:?} lacks {expected:?}",
                clip(&message)
            )),
            Ok(message) if message.chars().count() > MAX_MESSAGE_CHARS => failures.push(format!(
                "{name}: message is {} characters long",
                message.chars().count()
            )),
            Ok(_) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus cases failed:\n  {}",
        failures.len(),
        cases.len(),
        failures.join("\n  ")
    );
}

#[test]
fn every_valid_file_is_accepted_including_hostile_markup_as_text() {
    let files = valid_files();
    assert!(
        files.iter().any(|f| f.ends_with("minimal.json")),
        "valid/minimal.json is the base of the corpus"
    );
    let refused: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            Dataset::from_json(&read(file))
                .err()
                .map(|e| format!("valid/{name} refused: {}", clip(&e.to_string())))
        })
        .collect();
    assert!(refused.is_empty(), "{}", refused.join("\n"));
    // Markup is data, not an error, and it is kept exactly as written (no escaping or
    // stripping at parse time: the DOM's textContent makes it text).
    let data = Dataset::from_json(&read(&corpus_dir().join("valid/markup-in-labels.json")))
        .expect("markup in labels is valid");
    assert_eq!(
        data.figures[0].label.en.as_deref(),
        Some("<img src=x onerror=window.__pwned=true>")
    );
    assert_eq!(
        data.figures[1].label.zh,
        "</script><script>window.__pwned=true</script>"
    );
}

/// A missing field belongs to the object that lacks it, not to that object's last key
/// (serde reports it at the closing brace, after the last key).
#[test]
fn a_missing_field_is_attributed_to_its_own_object() {
    // Top level: the dataset lacks `charts`; its last key is `figures`.
    let json = minimal_with(|v| {
        v.as_object_mut().unwrap().remove("charts");
    });
    let message = message_of(&json).expect("refused");
    assert!(
        message.starts_with("\"charts\" is missing; add it"),
        "the top-level object lacks charts, not figures: {message:?}"
    );
    // An empty object has no last key to strip: the path is the object's own.
    let json = minimal_with(|v| v["figures"][0]["period"] = json!({}));
    rejects(&json, "figures[0].period: \"year\" is missing; add it");
    let json = minimal_with(|v| v["source"] = json!({}));
    rejects(&json, "source: \"title\" is missing; add it");
    // Nested, with keys before the closing brace: already right, kept right.
    let json = minimal_with(|v| {
        v["figures"][1].as_object_mut().unwrap().remove("id");
    });
    rejects(&json, "figures[1]: \"id\" is missing; add it");
    // Sections are optional, but a figure's source must name one the file has.
    let json = minimal_with(|v| {
        v["source"].as_object_mut().unwrap().remove("sections");
    });
    rejects(
        &json,
        "figures[0].source.section: no section \"s1\" in source.sections",
    );
}

/// The minimal dataset with `change` applied (the generated cases start from it too).
fn minimal_with(change: impl FnOnce(&mut Value)) -> String {
    let mut v: Value =
        serde_json::from_str(&read(&corpus_dir().join("valid/minimal.json"))).unwrap();
    change(&mut v);
    serde_json::to_string(&v).unwrap()
}

fn point(i: usize) -> Value {
    json!({
        "id": format!("p{i}"),
        "label": {"zh": format!("点{i}"), "en": format!("Point {i}")},
        "value": i % 100,
        "unit": "percent",
        "period": {"year": 2021},
        "source": {"section": "s1", "paragraph": 1},
        "chart": "growth-2019"
    })
}

#[test]
fn a_file_over_512_kb_is_refused_before_parsing() {
    let note = "备注".repeat(150_000); // 900 KB of UTF-8
    let json = minimal_with(|v| v["figures"][0]["note"] = json!({"zh": note, "en": "note"}));
    assert!(json.len() > MAX_JSON_BYTES);
    rejects(
        &json,
        &format!(
            "the data file is {} KB; the limit is 512 KB",
            json.len() / 1024
        ),
    );
    // Padding alone counts too: the limit is on bytes, whatever they are.
    let json = format!("{}{}", minimal_with(|_| {}), " ".repeat(MAX_JSON_BYTES));
    rejects(&json, "the limit is 512 KB");
    // Just under the limit is parsed (and here accepted).
    let base = minimal_with(|_| {});
    let json = format!("{base}{}", " ".repeat(MAX_JSON_BYTES - base.len()));
    assert_eq!(json.len(), MAX_JSON_BYTES);
    assert!(
        Dataset::from_json(&json).is_ok(),
        "exactly 512 KB is allowed"
    );
}

#[test]
fn one_hundred_thousand_points_are_refused() {
    let json = minimal_with(|v| v["figures"] = Value::Array((0..100_000).map(point).collect()));
    rejects(&json, "KB; the limit is 512 KB");
    // Below the byte limit the figure limits speak: per dataset, then per chart.
    let json = minimal_with(|v| {
        v["figures"] = Value::Array(
            (0..1000)
                .map(|i| {
                    let mut p = point(i);
                    p.as_object_mut().unwrap().remove("chart");
                    p
                })
                .collect(),
        )
    });
    assert!(json.len() < MAX_JSON_BYTES);
    rejects(
        &json,
        &format!("figures: 1000 figures is too many to draw; the limit is {MAX_FIGURES}"),
    );
    let n = MAX_FIGURES_PER_CHART + 1;
    let json = minimal_with(|v| v["figures"] = Value::Array((0..n).map(point).collect()));
    rejects(
        &json,
        &format!(
            "charts[0]: chart \"growth-2019\" has {n} figures; at most {MAX_FIGURES_PER_CHART} can be told apart"
        ),
    );
}

#[test]
fn a_one_megabyte_label_is_refused_without_echoing_it() {
    let label = "x".repeat(1024 * 1024);
    let json = minimal_with(|v| v["figures"][0]["label"]["en"] = json!(label));
    rejects(&json, "KB; the limit is 512 KB");
    // A long label that fits the byte limit is refused by length, not echoed.
    let label = "长".repeat(10_000);
    let json = minimal_with(|v| v["figures"][0]["label"]["zh"] = json!(label));
    rejects(
        &json,
        "figures[0].label.zh: is 10000 characters long; the limit is 80",
    );
}

/// Messages quote the offending input (the text "…", the field "…"): long input must be
/// clipped there too.
#[test]
fn long_wrong_values_are_not_echoed_in_full() {
    let long = "x".repeat(100_000);
    let json = minimal_with(|v| v["figures"][0]["value"] = json!(long));
    rejects(&json, "figures[0].value: should be a number such as 12.5 (the unit goes in \"unit\"), not the text \"xxxx");
    let json = minimal_with(|v| v["figures"][0]["unit"] = json!(long));
    rejects(&json, "figures[0].unit: \"xxxx");
    let json = minimal_with(|v| v["figures"][0][long.as_str()] = json!(1));
    rejects(&json, "there is no field \"xxxx");
    let json = minimal_with(|v| v["charts"][0]["id"] = json!(long));
    rejects(&json, "charts[0].id: \"xxxx");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for depth in [200, 10_000, 50_000] {
        for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
            for at in ["\"schema\": ", "\"charts\": "] {
                let json = format!("{{{at}{}{}}}", open.repeat(depth), close.repeat(depth));
                let message = message_of(&json).expect("refused");
                assert!(message.chars().count() <= MAX_MESSAGE_CHARS);
            }
        }
    }
}

//! Schema 3: units by name (built in, the dataset's own, or unknown and shown as typed),
//! English optional (a chart with a text in Chinese only is shown in Chinese only, and
//! asked for in English says which text), values as the journalist typed them, nothing
//! invented where the data says nothing; version-2 files read as before (the default's
//! old file draws exactly the charts the new one draws); messages in plain words in both
//! languages, never in a parser's own.
#![cfg(not(target_arch = "wasm32"))]

use park_infographic::charts::layout;
use park_infographic::data::{check_json, compact, Dataset};
use park_infographic::describe::{describe, value};
use park_infographic::error::Error;
use park_infographic::layout::Frame;
use park_infographic::theme::{Theme, ThemeName};
use park_infographic::vocab::Lang;
use std::path::{Path, PathBuf};

fn file(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn data(path: &str) -> Dataset {
    Dataset::from_json(&file(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The value as readers read it, in both languages.
fn values(data: &Dataset, id: &str) -> (String, String) {
    let f = data.figure(id).expect("figure");
    (value(f, Lang::Zh), value(f, Lang::En))
}

#[test]
fn open_units_read_in_both_languages_as_typed_or_formatted() {
    let data = data("tests/corpus/valid/open-units.json");
    assert_eq!(data.converted_from, None);
    let cases = [
        ("output-growth", "12%", "12%"),
        ("investment-growth", "-3.5%", "-3.5%"),
        // Typed in Chinese only: the English is formatted from value and unit.
        ("fdi", "18.5亿美元", "US$1.85 billion"),
        ("talent", "1.2万人", "12,000 people"),
        ("firms", "超100家", "more than 100 firms"),
        // The dataset's own unit, with its English word.
        ("cars", "3.5万辆", "35,000 vehicles"),
    ];
    for (id, zh, en) in cases {
        assert_eq!(values(&data, id), (zh.to_string(), en.to_string()), "{id}");
    }
    for chart in ["growth-2023", "scale-2023"] {
        assert_eq!(data.langs(chart), Ok(vec![Lang::Zh, Lang::En]), "{chart}");
    }
    // The data table and tooltip say it as typed too, and name the unit by its name.
    let d = describe(&data, data.figure("firms").unwrap(), Lang::Zh);
    assert_eq!((d.value_text.as_str(), d.unit.as_str()), ("超100家", "家"));
    assert!(d.lines().contains(&"超100家".to_string()));
}

#[test]
fn an_unknown_unit_is_shown_as_typed_and_has_no_english() {
    let data = data("tests/corpus/valid/unknown-unit.json");
    assert_eq!(values(&data, "cars").0, "3.5万辆");
    assert_eq!(data.langs("scale-2023"), Ok(vec![Lang::Zh]));
    assert_eq!(data.langs("growth-2023"), Ok(vec![Lang::Zh, Lang::En]));
    let frame = Frame::new(360.0, 1.0).unwrap();
    let theme = Theme::get(ThemeName::Light);
    let refused = layout(&data, "scale-2023", Lang::En, theme, frame).unwrap_err();
    assert_eq!(
        refused,
        Error::NoEnglish {
            chart: "scale-2023".into(),
            path: "figures[5].unit".into()
        }
    );
    assert_eq!(
        refused.to_string(),
        "chart \"scale-2023\" has no English: figures[5].unit is in Chinese only; use lang=\"zh\" or add the English"
    );
    assert!(layout(&data, "scale-2023", Lang::Zh, theme, frame).is_ok());
}

#[test]
fn a_chart_in_chinese_only_is_valid_and_drawn_in_chinese_only() {
    let data = data("tests/corpus/valid/chinese-only.json");
    assert!(data.source.is_none() && data.subject.is_none());
    let frame = Frame::new(360.0, 1.0).unwrap();
    let theme = Theme::get(ThemeName::Light);
    for chart in ["growth-2023", "scale-2023"] {
        assert_eq!(data.langs(chart), Ok(vec![Lang::Zh]), "{chart}");
        let l = layout(&data, chart, Lang::Zh, theme, frame).expect("drawn in Chinese");
        // Nothing invented: no source line, no period.
        for text in l.texts() {
            assert!(
                !text.contains("来源") && !text.contains("2026"),
                "{chart}: {text}"
            );
        }
        let missing = match layout(&data, chart, Lang::En, theme, frame) {
            Err(Error::NoEnglish { path, .. }) => path,
            other => panic!("{chart} in English: {other:?}"),
        };
        assert!(missing.ends_with(".title"), "{missing}");
    }
    for f in &data.figures {
        let d = describe(&data, f, Lang::Zh);
        assert_eq!((d.period.as_str(), d.source.as_str()), ("", ""), "{}", f.id);
    }
    // The compact file keeps it all as it is.
    assert_eq!(compact::decode(&compact::encode(&data)), Ok(data.clone()));
}

/// The default as it was written in version 2 (tests/fixtures/default-schema2.json) is
/// read as version 3 and draws exactly what default.json, converted by hand, draws
/// without the annotations version 3 added.
#[test]
fn the_version_2_default_draws_the_same_charts_as_the_version_3_one() {
    let old = data("tests/fixtures/default-schema2.json");
    let new = Dataset::default_data().expect("default.json");
    assert_eq!((old.converted_from, new.converted_from), (Some(2), None));
    assert_eq!(old.chart_ids(), new.chart_ids());
    assert_eq!(old.figures.len(), new.figures.len());
    for (a, b) in old.figures.iter().zip(&new.figures) {
        assert_eq!(a.unit.name, b.unit.name, "{}", a.id);
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(value(a, lang), value(b, lang), "{} {lang:?}", a.id);
            let (da, db) = (describe(&old, a, lang), describe(&new, b, lang));
            assert_eq!(da.lines(), db.lines(), "{} {lang:?}", a.id);
        }
    }
    let mut plain = new.clone();
    plain.charts.iter_mut().for_each(|c| c.annotations.clear());
    for chart in new.chart_ids() {
        for lang in [Lang::Zh, Lang::En] {
            for width in [320.0, 640.0, 960.0] {
                let frame = Frame::new(width, 2.0).unwrap();
                let theme = Theme::get(ThemeName::Dark);
                let drawn = |d: &Dataset| layout(d, &chart, lang, theme, frame).unwrap();
                assert!(drawn(&old) == drawn(&plain), "{chart} {lang:?} {width}");
            }
        }
    }
}

/// The editor's forms fixture is a version-2 file (an editor's, with new chart ids): it
/// is read, converted and says so.
#[test]
fn the_forms_fixture_is_read_as_a_converted_version_2_file() {
    let data = data("tests/fixtures/forms.json");
    assert_eq!((data.schema, data.converted_from), (3, Some(2)));
}

fn corpus_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Words of a parser, not of an editor: they must never reach the editor's UI.
const PROGRAMMER_WORDS: [&str; 5] = [
    "invalid type",
    "unknown variant",
    "expected",
    "unknown field",
    "missing field",
];

#[test]
fn no_message_speaks_a_parsers_words_in_either_language() {
    let mut seen = 0;
    for path in corpus_files() {
        let text = std::fs::read_to_string(&path).expect("readable");
        for lang in [Lang::En, Lang::Zh] {
            let Some((_, message)) = check_json(&text, lang) else {
                continue;
            };
            seen += 1;
            for word in PROGRAMMER_WORDS {
                assert!(!message.contains(word), "{}: {message}", path.display());
            }
            if lang == Lang::Zh {
                let chinese = message
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                assert!(chinese, "{}: {message}", path.display());
            }
        }
    }
    assert!(seen >= 2 * 60, "only {seen} messages");
}

/// The English and Chinese messages of the corpus, side by side, for one case each kind:
/// what the editor shows beside the cell.
#[test]
fn messages_in_chinese_name_the_field_and_what_to_do() {
    let case = |name: &str| file(&format!("tests/corpus/{name}.json"));
    let zh = |name: &str| check_json(&case(name), Lang::Zh).expect("refused");
    assert_eq!(
        zh("12-value-as-string"),
        (
            "figures[0].value".to_string(),
            "应为数字，如 12.5（单位写在“unit”里），而不是文字“5.5”".to_string()
        )
    );
    assert_eq!(zh("16-negative-count").1, "-39 是负数；个数不能为负");
    assert_eq!(
        zh("63-value-1e309").1,
        "1e309 太大；图表最多显示到 1000000000000000（换用更大的单位，如亿元，数字就会变小）"
    );
    assert_eq!(
        zh("01-malformed-json"),
        (
            String::new(),
            "JSON 格式有误（第 4 行第 3 列）：这里之前缺少逗号（,）或 }".to_string()
        )
    );
    assert_eq!(
        zh("64-nesting-10000-deep").1,
        "JSON 格式有误（第 1 行第 88 列）：嵌套超过 64 层；数据集只有 5 层"
    );
    assert_eq!(check_json(&case("valid/open-units"), Lang::Zh), None);
}

/// A file nested 100 000 levels deep (238 KB) is one message, not a stack overflow,
/// wherever the nesting starts.
#[test]
fn a_hundred_thousand_levels_are_refused_by_the_scan() {
    for open in ["[", "{\"a\":"] {
        let json = format!("{{\"figures\": {}", open.repeat(100_000));
        let (path, message) = check_json(&json, Lang::En).expect("refused");
        assert_eq!(path, "");
        assert!(
            message.contains("nested more than 64 levels deep"),
            "{message}"
        );
    }
}

//! Validation of editors' JSON: every kind of mistake gets a message that names the field
//! (or the line and column) and the reason. Each case mutates the embedded default dataset
//! so the rest of the file stays valid and the one mistake is what is reported.
#![cfg(not(target_arch = "wasm32"))]

use park_infographic::data::{
    compact, derived_value, validate, Dataset, DEFAULT_JSON, MAX_FIGURES_PER_CHART,
};
use serde_json::{json, Value};

fn default_value() -> Value {
    serde_json::from_str(DEFAULT_JSON).expect("default dataset is JSON")
}

fn with(change: impl FnOnce(&mut Value)) -> String {
    let mut v = default_value();
    change(&mut v);
    serde_json::to_string_pretty(&v).expect("serialises")
}

fn error_of(json: &str) -> String {
    match Dataset::from_json(json) {
        Ok(_) => panic!("accepted invalid data"),
        Err(e) => e.to_string(),
    }
}

#[track_caller]
fn rejects(json: &str, expected: &str) {
    let message = error_of(json);
    assert!(
        message.contains(expected),
        "message {message:?} lacks {expected:?}"
    );
}

/// The built-in charts' module reads the compact files `render --compact` writes from
/// default.json, without validating them at every page load: this is where the source is
/// validated, and the files are checked to be exactly it (every chart's file too).
#[test]
fn the_built_in_data_passes_validation_and_its_files_are_it() {
    let data = Dataset::default_data().expect("default.json reads");
    validate(&data).expect("default is valid");
    assert_eq!(compact::decode(&compact::encode(&data)), Ok(data.clone()));
    assert!(
        data.figures.len() >= 50,
        "the article states more than 50 figures"
    );
    assert_eq!(data.charts.len(), 8);
}

/// The compact files' reader has no validator, only the limits that keep drawing safe:
/// whatever it refuses, validation refuses too (so no file an editor could publish is
/// refused), and it refuses what would break the charts (tests/fuzz.rs: that the reader
/// accepts every dataset validation accepts, and draws whatever it accepts).
#[test]
fn what_the_compact_reader_refuses_validation_refuses_too() {
    let base = Dataset::default_data().expect("default.json reads");
    type Change = fn(&mut Dataset);
    let changes: [(&str, Change); 6] = [
        ("NaN", |d| d.figures[0].value = Some(f64::NAN)),
        ("1e16", |d| d.figures[0].value = Some(1e16)),
        ("infinite low", |d| d.figures[0].low = Some(f64::INFINITY)),
        ("a 301-character note", |d| {
            d.figures[0].note = Some(park_infographic::data::Text {
                zh: "注".repeat(301),
                en: Some("note".into()),
            })
        }),
        ("501 figures", |d| {
            let extra = d.figures[0].clone();
            d.figures.resize(501, extra);
        }),
        ("a chart's id 300 times", |d| {
            let again = d.charts[0].clone();
            d.charts.resize(300, again);
        }),
    ];
    for (what, change) in changes {
        let mut data = base.clone();
        change(&mut data);
        assert!(compact::decode(&compact::encode(&data)).is_err(), "{what}");
        assert!(validate(&data).is_err(), "{what}");
    }
}

#[test]
fn invalid_json_reports_line_and_column() {
    rejects(
        "{\n  \"schema\": 2,\n  \"subject\": }",
        "invalid JSON at line 3, column 14",
    );
    rejects(
        &DEFAULT_JSON[..DEFAULT_JSON.len() / 2],
        "invalid JSON at line",
    );
    rejects("", "the data file is empty");
    rejects("   \n", "the data file is empty");
    rejects(
        "[1, 2]",
        "the data must be a JSON object ({…}), not a list […]",
    );
    rejects(
        "\"text\"",
        "the data must be a JSON object ({…}), not the text \"text\"",
    );
    rejects(
        &format!("{DEFAULT_JSON} trailing"),
        ": there is more after the end of the data; remove it",
    );
}

#[test]
fn missing_and_unknown_fields_are_named_with_their_path() {
    let json = with(|v| {
        v["figures"][3].as_object_mut().unwrap().remove("label");
    });
    rejects(&json, "figures[3]: \"label\" is missing; add it");
    let json = with(|v| {
        v["figures"][2].as_object_mut().unwrap().remove("value");
    });
    rejects(&json, "figures[2]: \"value\" is missing; add it");
    let json = with(|v| v["figures"][5]["lable"] = json!("typo"));
    rejects(
        &json,
        "figures[5].lable: there is no field \"lable\" here; check its spelling (the fields here: id, label,",
    );
    let json = with(|v| v["charts"][1]["title"]["fr"] = json!("titre"));
    rejects(
        &json,
        "charts[1].title.fr: there is no field \"fr\" here; check its spelling (the fields here: zh, en)",
    );
}

#[test]
fn wrong_types_are_named_with_their_path() {
    let json = with(|v| v["figures"][0]["value"] = json!("17.6"));
    rejects(
        &json,
        "figures[0].value: should be a number such as 12.5 (the unit goes in \"unit\"), not the text \"17.6\"",
    );
    let json = with(|v| v["figures"][0]["value"] = json!("NaN"));
    rejects(&json, "figures[0].value: should be a number");
    let json = with(|v| v["figures"][1]["unit"] = json!(12));
    rejects(
        &json,
        "figures[1].unit: should be text in double quotes, not the number 12",
    );
    let json = with(|v| v["figures"][1]["period"]["year"] = json!(-5));
    rejects(
        &json,
        "figures[1].period.year: should be a whole number from 0 to 65535, not the number -5",
    );
}

#[test]
fn numbers_beyond_f64_and_non_finite_values_are_refused() {
    let json = with(|v| v["figures"][0]["value"] = json!(1)).replacen(
        "\"value\": 1",
        "\"value\": 1e400",
        1,
    );
    rejects(&json, "figures[0].value: 1e400 is too large");
    let json = with(|v| v["figures"][0]["value"] = json!(1e300));
    rejects(&json, "figures[0].value: 1e300 is too large");
}

#[test]
fn negative_values_are_refused_where_they_cannot_be() {
    let json = with(|v| v["figures"][5]["value"] = json!(-39));
    rejects(
        &json,
        "figures[5].value: -39 is negative; a count cannot be",
    );
    let json = with(|v| v["figures"][5]["value"] = json!(39.5));
    rejects(
        &json,
        "figures[5].value: 39.5 is not a whole number; a count must be",
    );
    // A dataset's own unit may fall below zero (a balance); money in yuan may not.
    let json = with(|v| {
        v["figures"][5]["unit"] = json!("℃");
        v["figures"][5]["value"] = json!(-5);
        v["figures"][5].as_object_mut().unwrap().remove("counter");
    });
    assert!(Dataset::from_json(&json).is_ok());
    let json = with(|v| v["figures"][10]["value"] = json!(-300));
    rejects(
        &json,
        "figures[10].value: -300 is negative; a sum of money cannot be",
    );
    // Growth rates may fall: a negative percentage is fine.
    let json = with(|v| v["figures"][0]["value"] = json!(-3.2));
    assert!(Dataset::from_json(&json).is_ok());
}

#[test]
fn empty_series_are_refused() {
    rejects(
        &with(|v| v["figures"] = json!([])),
        "figures: the list is empty",
    );
    rejects(
        &with(|v| v["charts"] = json!([])),
        "charts: the list is empty",
    );
    let json = with(|v| {
        let figures = v["figures"].as_array_mut().unwrap();
        figures.retain(|f| f["chart"] != json!("rankings"));
    });
    rejects(&json, "chart \"rankings\" has no figures");
}

#[test]
fn duplicate_ids_are_refused() {
    let json = with(|v| v["figures"][4]["id"] = v["figures"][1]["id"].clone());
    rejects(
        &json,
        "figures[4].id: duplicate id \"industrial-output-growth-2019\" (also figures[1]); each id must be different",
    );
    let json = with(|v| v["charts"][2]["id"] = json!("growth-2019"));
    rejects(&json, "charts[2].id: duplicate id \"growth-2019\"");
    let json = with(|v| v["figures"][0]["id"] = json!("Bad Id"));
    rejects(&json, "figures[0].id: \"Bad Id\" is not a valid id");
}

#[test]
fn overlapping_bands_are_refused() {
    let json = with(|v| {
        let figures = v["figures"].as_array_mut().unwrap();
        let band = figures
            .iter_mut()
            .find(|f| f["band"]["min_yi_yuan"] == json!(20))
            .unwrap();
        band["band"]["min_yi_yuan"] = json!(15);
    });
    rejects(&json, "overlaps");
    rejects(&json, "each project belongs to one band");
}

#[test]
fn over_long_labels_and_control_characters_are_refused() {
    let json = with(|v| v["figures"][0]["label"]["zh"] = json!("长".repeat(81)));
    rejects(
        &json,
        "figures[0].label.zh: is 81 characters long; the limit is 80",
    );
    let json = with(|v| v["figures"][0]["label"]["en"] = json!("abc\u{202E}cba"));
    rejects(
        &json,
        "figures[0].label.en: contains the invisible control character U+202E",
    );
    let json = with(|v| v["figures"][0]["label"]["en"] = json!("line\u{0007}bell"));
    rejects(&json, "U+0007");
    let json = with(|v| v["figures"][0]["label"]["zh"] = json!("  "));
    rejects(&json, "figures[0].label.zh: is empty");
}

#[test]
fn too_many_points_to_draw_are_refused() {
    let json = with(|v| {
        let figures = v["figures"].as_array_mut().unwrap();
        let template = figures[0].clone();
        for i in 0..MAX_FIGURES_PER_CHART {
            let mut f = template.clone();
            f["id"] = json!(format!("extra-{i}"));
            figures.push(f);
        }
    });
    rejects(&json, "has 45 figures; at most 40 can be told apart");
    let mut v = default_value();
    let template = v["figures"][0].clone();
    let figures = v["figures"].as_array_mut().unwrap();
    for i in 0..1000 {
        let mut f = template.clone();
        f["id"] = json!(format!("many-{i}"));
        f.as_object_mut().unwrap().remove("chart");
        figures.push(f);
    }
    rejects(
        &serde_json::to_string(&v).unwrap(),
        "figures: 1058 figures is too many to draw",
    );
}

#[test]
fn references_must_resolve() {
    let json = with(|v| v["figures"][0]["source"]["section"] = json!("nowhere"));
    rejects(&json, "figures[0].source.section: no section \"nowhere\"");
    let json = with(|v| v["figures"][0]["source"]["paragraph"] = json!(13));
    rejects(
        &json,
        "figures[0].source.paragraph: section \"results\" has paragraphs 1 to 12, not 13",
    );
    let json = with(|v| v["figures"][0]["chart"] = json!("pie"));
    rejects(&json, "figures[0].chart: no chart \"pie\" in charts");
    // Any short kebab-case id is a chart id; other spellings are refused.
    let json = with(|v| v["charts"][0]["id"] = json!("Pie 2019"));
    rejects(&json, "charts[0].id: \"Pie 2019\" is not a valid id");
    let json = with(|v| v["charts"][0]["id"] = json!("pie--2019"));
    rejects(&json, "charts[0].id: \"pie--2019\" is not a valid id");
    let json = with(|v| v["charts"][0]["id"] = json!("all"));
    rejects(&json, "charts[0].id: \"all\" is reserved");
    let json = with(|v| v["figures"][5]["group"] = json!("nope"));
    rejects(
        &json,
        "figures[5].group: chart \"pipeline-2019\" has no group \"nope\"",
    );
}

#[test]
fn derived_figures_must_follow_their_rule() {
    let json = with(|v| {
        let figures = v["figures"].as_array_mut().unwrap();
        let f = figures
            .iter_mut()
            .find(|f| f["derived"]["op"] == json!("remainder"))
            .unwrap();
        f["value"] = json!(13);
    });
    rejects(&json, "13 does not follow its rule: the inputs give 12");
    let json = with(|v| {
        let figures = v["figures"].as_array_mut().unwrap();
        let f = figures
            .iter_mut()
            .find(|f| f["derived"]["op"] == json!("annual_rate"))
            .unwrap();
        f["value"] = json!(33.3);
    });
    rejects(&json, "does not follow its rule: the inputs give 25.99");
    let json = with(|v| {
        let figures = v["figures"].as_array_mut().unwrap();
        let f = figures
            .iter_mut()
            .find(|f| f["derived"].is_object())
            .unwrap();
        f["derived"]["from"] = json!(["ghost"]);
    });
    rejects(&json, "no figure with id \"ghost\"");
}

#[test]
fn versions_2_and_3_are_read_and_the_error_says_so() {
    let json = with(|v| v["schema"] = json!(1));
    rejects(
        &json,
        "schema: version 1 is not supported; this widget reads versions 2 and 3 (version 2 added a \"form\" to every chart)",
    );
    // Even a version-1 file without forms hears about the version, not the missing field.
    let json = with(|v| {
        v["schema"] = json!(1);
        for c in v["charts"].as_array_mut().unwrap() {
            c.as_object_mut().unwrap().remove("form");
        }
    });
    rejects(
        &json,
        "schema: version 1 is not supported; this widget reads versions 2 and 3",
    );
    let json = with(|v| v["schema"] = json!(4));
    rejects(
        &json,
        "schema: version 4 is not supported; this widget reads versions 2 and 3",
    );
    // Unit ids are version 2's: in version 3 a unit is named by its name.
    let json = with(|v| v["figures"][0]["unit"] = json!("percent"));
    let data = Dataset::from_json(&json).expect("an unknown unit is shown as written");
    assert_eq!(data.figures[0].unit.en, None);
}

#[test]
fn forms_are_named_from_the_vocabulary() {
    let json = with(|v| {
        v["charts"][0].as_object_mut().unwrap().remove("form");
    });
    rejects(&json, "charts[0]: \"form\" is missing; add it");
    let json = with(|v| v["charts"][0]["form"] = json!("pie"));
    rejects(
        &json,
        "charts[0].form: \"pie\" is not one of the choices here; use one of: bars, tiles, units, share, path, areas, ranks",
    );
    let json = with(|v| v["charts"][1]["groups"][0]["form"] = json!("log"));
    rejects(
        &json,
        "charts[1].groups[0].form: \"log\" is not one of the choices here",
    );
}

#[test]
fn an_editors_own_small_dataset_is_accepted() {
    let json = json!({
        "schema": 3,
        "subject": {"zh": "某园区", "en": "Some Park"},
        "source": {"title": {"zh": "年度报告", "en": "Annual report"},
                   "sections": [{"id": "s1", "title": {"zh": "一", "en": "One"}, "paragraphs": 3}]},
        "charts": [{"id": "growth-2021", "form": "bars", "title": {"zh": "增速", "en": "Growth"},
                    "description": {"zh": "两项增速。", "en": "Two growth rates."}}],
        "figures": [
            {"id": "a", "label": {"zh": "产值", "en": "Output"}, "value": 5.5, "unit": "%",
             "period": {"year": 2021}, "source": {"section": "s1", "paragraph": 1}, "chart": "growth-2021"},
            {"id": "b", "label": {"zh": "投资", "en": "Investment"}, "value": -1.5, "unit": "%",
             "period": {"year": 2021}, "source": {"section": "s1", "paragraph": 2}, "chart": "growth-2021"}
        ]
    });
    let data = Dataset::from_json(&json.to_string()).expect("valid");
    assert_eq!(data.figures.len(), 2);
}

/// The editor fills a derived figure's value in from its rule (`deriveValue`): for every
/// derived figure of the default, that is the value the file states, and a stale stated
/// value does not stop it (the file is read, not validated).
#[test]
fn derived_values_are_computed_from_their_rules() {
    let data = Dataset::default_data().expect("default.json reads");
    let derived: Vec<usize> = (0..data.figures.len())
        .filter(|&i| data.figures[i].derived.is_some())
        .collect();
    assert!(derived.len() >= 4, "the default has derived figures");
    for &i in &derived {
        let stated = data.figures[i].value.expect("derived figures have values");
        assert_eq!(derived_value(&data, i), Ok(stated), "figures[{i}]");
    }
    // 20 − 4 − 2 − 2 (the article's total and three larger bands), whatever the file says.
    let stale = with(|v| v["figures"][31]["value"] = json!(99));
    let data = Dataset::read_json(&stale).expect("reads");
    assert_eq!(data.figures[31].id, "target-projects-10-20yi-2020");
    assert_eq!(derived_value(&data, 31), Ok(12.0));
    assert!(
        derived_value(&data, 0).is_err(),
        "a stated figure has no rule"
    );
    assert!(derived_value(&data, 10_000).is_err(), "no such figure");
    assert_eq!(
        Dataset::derive_ops(),
        ["remainder", "ratio", "annual_rate", "index_path"]
    );
}

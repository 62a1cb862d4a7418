//! Annotations: what a bad one is told (named by its path, in the widget's English and the
//! editor's Chinese), that compact files carry them and draw what the JSON draws, and that
//! a chart whose annotation has no English is shown in Chinese only. (How they are drawn:
//! `src/charts/tests.rs`; what readers hear: `src/describe.rs`.)
#![cfg(not(target_arch = "wasm32"))]

use park_infographic::charts;
use park_infographic::data::{check_json, compact, Dataset};
use park_infographic::layout::Frame;
use park_infographic::theme::{Theme, ThemeName};
use park_infographic::vocab::Lang;
use serde_json::{json, Value};

/// An editor's dataset with every kind of annotation (its first chart has one of each).
const ANNOTATED: &str = include_str!("fixtures/annotations.json");

fn with(change: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(ANNOTATED).expect("the fixture is JSON");
    change(&mut v);
    serde_json::to_string_pretty(&v).expect("serialises")
}

/// The editor's check of `json`: the path and the message, in `lang`.
fn check(json: &str, lang: Lang) -> (String, String) {
    check_json(json, lang).expect("refused")
}

#[test]
fn the_annotated_dataset_is_valid() {
    assert_eq!(check_json(ANNOTATED, Lang::En), None);
}

/// A change to the fixture.
type Change = Box<dyn Fn(&mut Value)>;

/// A mistake, the path it is named by, and its message in English and in Chinese (written
/// here by hand, as the editor should show them).
type Mistake = (Change, &'static str, &'static str, &'static str);

/// The JSON pointer of annotation `k` of chart `c`.
fn annotation(c: usize, k: usize) -> String {
    format!("/charts/{c}/annotations/{k}")
}

/// Sets (or adds) the member at a JSON pointer.
fn set(at: String, value: Value) -> Change {
    Box::new(move |v: &mut Value| {
        let (parent, key) = at.rsplit_once('/').expect("a pointer");
        match v.pointer_mut(parent).expect("in the fixture") {
            Value::Array(items) => items[key.parse::<usize>().expect("an index")] = value.clone(),
            object => object[key] = value.clone(),
        }
    })
}

/// Each mistake is refused by the editor's check, named by its path with its message in
/// both languages, and the widget's message names it the same way.
fn assert_named(mistakes: Vec<Mistake>) {
    for (change, path, en, zh) in mistakes {
        let json = with(change);
        let (at, said) = check(&json, Lang::En);
        assert_eq!(at, path, "{said}");
        assert!(said.contains(en), "{path}: {said:?} lacks {en:?}");
        let (at, said) = check(&json, Lang::Zh);
        assert_eq!(at, path);
        assert!(said.contains(zh), "{path}: {said:?} lacks {zh:?}");
        let widget = Dataset::from_json(&json).expect_err("refused").to_string();
        assert!(widget.starts_with(&format!("{path}: ")), "{widget}");
    }
}

/// A figure or a unit the chart does not have, or a line on a chart without an axis.
#[test]
fn bad_annotations_naming_what_the_chart_lacks_are_named_by_their_path() {
    assert_named(vec![
        (
            set(annotation(0, 0) + "/figures/0", json!("no-such-figure")),
            "charts[0].annotations[0].figures[0]",
            "no figure \"no-such-figure\" in chart \"rates-2019\"; name one of its figures by its id",
            "数据“no-such-figure”不在图表“rates-2019”中；请写该图表中某个数据的 id",
        ),
        (
            set(annotation(0, 3) + "/figure", json!("count-pct-2019")),
            "charts[0].annotations[3].figure",
            "no figure \"count-pct-2019\" in chart \"rates-2019\"",
            "数据“count-pct-2019”不在图表“rates-2019”中",
        ),
        (
            set(annotation(0, 1) + "/unit", json!("亿元")),
            "charts[0].annotations[1].unit",
            "no axis of chart \"rates-2019\" is in \"亿元\"; its axes are in: %",
            "图表“rates-2019”没有以“亿元”为单位的坐标轴；它的坐标轴单位：%",
        ),
        (
            Box::new(|v: &mut Value| {
                let line = json!({"type": "line", "value": 100, "label": {"zh": "百", "en": "100"}});
                v.pointer_mut("/charts/3/annotations").unwrap().as_array_mut().unwrap().push(line);
            }),
            "charts[3].annotations[2]",
            "chart \"counts-2019\" draws no axis to put it on (it is drawn as tiles); lines and bands go on bars, ranks or a path",
            "图表“counts-2019”没有可放置它的坐标轴（绘制方式：tiles）；参考线和区间只用于条形图、排名和路径",
        ),
    ]);
}

/// A line's or band's place off its axis: a rank of 0, a period axis a chart lacks, a
/// year past the path, a range the wrong way round.
#[test]
fn bad_annotations_off_their_axis_are_named_by_their_path() {
    assert_named(vec![
        (
            set(annotation(2, 0) + "/from", json!(0)),
            "charts[2].annotations[0].from",
            "a rank starts at 1",
            "名次从 1 开始",
        ),
        (
            set(annotation(0, 2) + "/axis", json!("period")),
            "charts[0].annotations[2].axis",
            "chart \"rates-2019\" has no period axis (only a path has one); use \"value\"",
            "图表“rates-2019”没有时间轴（只有路径有）；请用“value”",
        ),
        (
            set(annotation(1, 1) + "/to", json!(500)),
            "charts[1].annotations[1].to",
            "500 is not on the path's period axis: write years from its start, 0 to 100",
            "500 不在路径的时间轴上：请写从起点算起的年数，0 到 100",
        ),
        (
            set(annotation(0, 2) + "/from", json!(6)),
            "charts[0].annotations[2].to",
            "5 must be above \"from\" (6)",
            "5 必须大于“from”（6）",
        ),
    ]);
}

/// Words left empty or missing.
#[test]
fn bad_annotations_without_their_words_are_named_by_their_path() {
    assert_named(vec![
        (
            set(annotation(0, 1) + "/label/zh", json!(" ")),
            "charts[0].annotations[1].label.zh",
            "is empty; write the text",
            "是空的，请填写",
        ),
        (
            Box::new(|v: &mut Value| {
                let line = v.pointer_mut("/charts/0/annotations/1").unwrap();
                line.as_object_mut().unwrap().remove("label");
            }),
            "charts[0].annotations[1]",
            "\"label\" is missing; add it",
            "缺少“label”，请补上",
        ),
    ]);
    // An empty English is no English: valid, shown in Chinese only (below).
    let json = with(set(annotation(0, 3) + "/text/en", json!("")));
    assert_eq!(check_json(&json, Lang::En), None);
}

/// An annotation that is not one: an unknown type or field, a second note on a figure, a
/// highlight of nothing, more than a chart takes.
#[test]
fn bad_annotations_of_the_wrong_shape_are_named_by_their_path() {
    assert_named(vec![
        (
            set(annotation(0, 2) + "/type", json!("arrow")),
            "charts[0].annotations[2].type",
            "\"arrow\" is not one of the choices here; use one of: highlight, line, band, note",
            "“arrow”不是此处的可选项；可选：highlight、line、band、note",
        ),
        (
            set(annotation(0, 3) + "/value", json!(3)),
            "charts[0].annotations[3].value",
            "there is no field \"value\" here; check its spelling (the fields here: type, figure, text)",
            "此处没有“value”这个字段，请检查拼写（此处的字段：type、figure、text）",
        ),
        (
            Box::new(|v: &mut Value| {
                let note = v.pointer("/charts/0/annotations/3").unwrap().clone();
                v.pointer_mut("/charts/0/annotations").unwrap().as_array_mut().unwrap().push(note);
            }),
            "charts[0].annotations[4].figure",
            "figure \"rate-fai-2019\" already has a note (annotations[3]); a figure takes one note",
            "数据“rate-fai-2019”已有注释（annotations[3]）；每个数据只能有一条注释",
        ),
        (
            set(annotation(0, 0) + "/figures", json!([])),
            "charts[0].annotations[0].figures",
            "the list is empty; name the figures to highlight by their ids",
            "列表是空的，请写出要突出显示的数据的 id",
        ),
        (
            Box::new(|v: &mut Value| {
                let list = v.pointer_mut("/charts/0/annotations").unwrap().as_array_mut().unwrap();
                let highlight = list[0].clone();
                list.resize(21, highlight);
            }),
            "charts[0].annotations",
            "21 annotations are too many for one chart; the limit is 20",
            "21 条注解对一个图表太多，上限是 20",
        ),
    ]);
}

/// A note without English keeps its chart in Chinese: asked for in English, the chart
/// names the note's text.
#[test]
fn an_annotation_without_english_keeps_its_chart_in_chinese() {
    let json = with(|v| v["charts"][0]["annotations"][3]["text"] = json!({"zh": "四项中增长最快"}));
    let data = Dataset::from_json(&json).expect("valid");
    assert_eq!(data.langs("rates-2019").unwrap(), [Lang::Zh]);
    let e = data
        .chart_in("rates-2019", Lang::En)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("charts[0].annotations[3].text is in Chinese only"),
        "{e}"
    );
    let json = with(|v| v["charts"][0]["annotations"][1]["unit"] = json!("万辆"));
    let e = check_json(&json, Lang::En).expect("no axis in 万辆").0;
    assert_eq!(e, "charts[0].annotations[1].unit");
}

/// Compact files carry every annotation: the file of each chart, read back, is the same
/// data and draws the same layout as the JSON, in both languages.
#[test]
fn compact_files_carry_annotations_and_draw_what_the_json_draws() {
    let data = Dataset::from_json(ANNOTATED).expect("valid");
    assert_eq!(compact::decode(&compact::encode(&data)), Ok(data.clone()));
    let theme = Theme::get(ThemeName::Light);
    for spec in &data.charts {
        let part = compact::subset(&data, &spec.id);
        let read = compact::decode(&compact::encode(&part)).expect("reads");
        assert_eq!(read.charts[0].annotations, spec.annotations, "{}", spec.id);
        for lang in [Lang::Zh, Lang::En] {
            let frame = Frame::new(375.0, 2.0).unwrap();
            // The same shapes, and the same marks of the same figures (by id: a chart's
            // file numbers its figures anew).
            let drawn = |d: &Dataset| {
                let l = charts::layout(d, &spec.id, lang, theme, frame).unwrap();
                let marks: Vec<_> = (l.marks.iter())
                    .map(|m| (d.figures[m.figure].id.clone(), m.annotation, m.hit, m.color))
                    .collect();
                (l.shapes, marks)
            };
            assert_eq!(drawn(&read), drawn(&data), "{} {lang:?}", spec.id);
        }
    }
}

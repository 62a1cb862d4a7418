//! No panics reachable from input: property-based fuzzing (proptest) of the dataset parser
//! and validator, and of everything a valid dataset then reaches — layout of every chart
//! at any frame, hit-testing, keyboard stepping, painting, formatting, describing, CSV —
//! and of the compact files' reader, which checks less than the validator (only what
//! drawing needs): whatever it accepts must draw as safely.
//!
//! `cargo test` (and `make test`) runs every property with proptest's default 256 cases
//! (the heaviest with fewer, see `heavy()`); `make fuzz` runs them with `PROPTEST_CASES`
//! (20 000 by default) in release mode, plus the `#[ignore]`d exhaustive sweeps:
//!   PROPTEST_CASES=20000 cargo test --release --test fuzz -- --include-ignored --nocapture
//! Each property prints how many cases it executed and how many datasets were accepted.
//! A crash found here is minimised and kept below as a `regression_…` test (and, when it
//! is a whole file, as a case in tests/corpus/).
#![cfg(not(target_arch = "wasm32"))]

use park_infographic::charts;
use park_infographic::data::{
    self, compact, Band, Bound, Dataset, Form, Kind, Period, Text, Unit, DEFAULT_JSON, MAX_FIGURES,
    MAX_JSON_BYTES,
};
use park_infographic::describe;
use park_infographic::error::Error;
use park_infographic::format;
use park_infographic::hit;
use park_infographic::layout::{self, Frame, Layout};
use park_infographic::paint::{paint, Target};
use park_infographic::scale;
use park_infographic::theme::{Theme, ThemeName};
use park_infographic::vocab::Lang;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

// ---------------------------------------------------------------------------------------
// Configuration and bookkeeping
// ---------------------------------------------------------------------------------------

/// proptest's defaults, which honour `PROPTEST_CASES`. Failures are not persisted to
/// files: a crash becomes an explicit `regression_…` test or corpus case instead.
fn config() -> Config {
    Config {
        failure_persistence: None,
        ..Config::default()
    }
}

/// For properties that lay out and paint every chart per case: a quarter of the cases
/// unless `PROPTEST_CASES` says otherwise (debug builds paint slowly).
fn heavy() -> Config {
    let mut c = config();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 64;
    }
    c
}

/// Counts cases and accepted datasets, and prints them with the time taken.
struct Tally {
    name: &'static str,
    start: Instant,
    cases: AtomicUsize,
    accepted: AtomicUsize,
    layouts: AtomicUsize,
}

impl Tally {
    fn new(name: &'static str) -> Tally {
        Tally {
            name,
            start: Instant::now(),
            cases: AtomicUsize::new(0),
            accepted: AtomicUsize::new(0),
            layouts: AtomicUsize::new(0),
        }
    }
    fn case(&self) {
        self.cases.fetch_add(1, Ordering::Relaxed);
    }
    fn accepted(&self) {
        self.accepted.fetch_add(1, Ordering::Relaxed);
    }
}

impl Drop for Tally {
    fn drop(&mut self) {
        eprintln!(
            "fuzz {}: {} executions ({} accepted datasets, {} layouts) in {:.1} s",
            self.name,
            self.cases.load(Ordering::Relaxed),
            self.accepted.load(Ordering::Relaxed),
            self.layouts.load(Ordering::Relaxed),
            self.start.elapsed().as_secs_f64()
        );
    }
}

/// Runs `test` over `strategy` with `config`, panicking with proptest's minimised input
/// on failure (a `proptest!`-macro equivalent that lets us count executions).
fn check<S: Strategy>(
    config: Config,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let mut runner = TestRunner::new(config);
    if let Err(e) = runner.run(&strategy, test) {
        panic!("{e}");
    }
}

// ---------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------

/// f64s that break code: NaN, infinities, signed zeros, subnormals, the extremes, values
/// at the validator's limits, and ordinary ones.
fn weird_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => -1e3..1e3f64,
        2 => (0u32..2000).prop_map(f64::from),
        2 => prop::sample::select(vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.05,
            0.5,
            99.95,
            1e15,
            -1e15,
            999_999_999_999_999.9,
            1e15 + 1.0,
            5e-324,
            -5e-324,
            1e-323,
            2.2250738585072014e-308,
            1e-300,
            -1e-300,
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ]),
        1 => -1e15..1e15f64,
        1 => any::<f64>(),
    ]
}

/// Widths and pixel ratios: the supported range, the clamped edges, and nonsense.
fn frame_args() -> impl Strategy<Value = (f64, f64)> {
    let width = prop_oneof![
        4 => 240.0..2400.0f64,
        1 => prop::sample::select(vec![
            0.0, -0.0, -1.0, 1.0, 239.99, 240.0, 2400.0, 2400.01, 1e6, 1e308,
            f64::MAX, f64::MIN_POSITIVE, 5e-324, f64::NAN, f64::INFINITY, f64::NEG_INFINITY,
        ]),
        1 => any::<f64>(),
    ];
    let dpr = prop_oneof![
        4 => prop::sample::select(vec![1.0, 1.1, 1.25, 1.5, 2.0, 2.625, 3.0, 4.0]),
        2 => 1.0..4.0f64,
        1 => prop::sample::select(vec![
            0.0, -0.0, -1.0, 0.5, 0.999, 4.0001, 1e9, 1e308, 5e-324, f64::NAN,
            f64::INFINITY, f64::NEG_INFINITY,
        ]),
        1 => any::<f64>(),
    ];
    (width, dpr)
}

/// Text an editor (or an attacker) might put in a label: any printable Unicode, CJK,
/// long unbroken words, markup, spaces, emoji and combining marks, at and around limits.
fn label_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "\\PC{1,40}",
        2 => "[\u{4e00}-\u{9fa5}，。、（）%]{1,80}",
        2 => "[A-Za-z0-9 ,.()%-]{1,80}",
        1 => "[A-Za-z]{60,80}",
        1 => "\\PC{78,82}",
        1 => "[a-z ]{1,300}",
        1 => prop::sample::select(vec![
            "<img src=x onerror=alert(1)>".to_string(),
            "</script><script>alert(1)</script>".to_string(),
            " x ".to_string(),
            "\u{3000}中\u{3000}".to_string(),
            "👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦".to_string(),
            "e\u{301}\u{301}\u{301}\u{301}\u{301}".to_string(),
            "=SUM(A1)".to_string(),
            "-1".to_string(),
            "\"quoted, with comma\"".to_string(),
            "a\u{200B}b\u{FEFF}c\u{2028}d".to_string(),
            "、".repeat(80),
            "%".repeat(80),
            "W".repeat(80),
        ]),
        1 => any::<String>(),
    ]
}

fn text() -> impl Strategy<Value = Text> {
    let en = prop_oneof![9 => label_text().prop_map(Some), 1 => Just(None)];
    (label_text(), en).prop_map(|(zh, en)| Text { zh, en })
}

/// Built-in units of every kind and base, and one no table knows (no English word).
const UNIT_NAMES: [&str; 16] = [
    "%",
    "个百分点",
    "个",
    "家",
    "亿元",
    "万元",
    "亿美元",
    "万人",
    "万平方米",
    "平方公里",
    "亩",
    "位",
    "年",
    "倍",
    "指数",
    "万辆",
];

fn unit(k: usize) -> Unit {
    let name = UNIT_NAMES[k % UNIT_NAMES.len()];
    match park_infographic::vocab::builtin_unit(name) {
        Some(spec) => spec.unit(),
        None => Unit {
            name: name.into(),
            zh: name.into(),
            en: None,
            scale: 1e4,
            base: "辆".into(),
            ..Unit::plain()
        },
    }
}
const BOUNDS: [Bound; 7] = [
    Bound::Exact,
    Bound::About,
    Bound::Nearly,
    Bound::AtLeast,
    Bound::MoreThan,
    Bound::Top,
    Bound::Range,
];
const KINDS: [Kind; 3] = [Kind::Actual, Kind::Plan, Kind::Aim];

/// One edit to a parsed dataset. Indices are taken modulo the list they index, so every
/// edit applies; many edits keep the dataset valid, which is what reaches the charts.
#[derive(Debug, Clone)]
enum Edit {
    Value(usize, f64),
    NoValue(usize),
    Low(usize, Option<f64>),
    Unit(usize, usize),
    Bound(usize, usize),
    Kind(usize, usize),
    Label(usize, Text),
    Short(usize, Option<Text>),
    Note(usize, Option<Text>),
    Counter(usize, Option<Text>),
    Period(usize, u16, Option<u8>, Option<u8>, Option<u8>, bool),
    Band(usize, Option<(f64, Option<f64>)>),
    Remove(usize),
    Duplicate(usize, usize),
    Move(usize, usize, usize),
    ChartText(usize, u8, Text),
    /// Scales every value of one unit (tiny, huge, negative, zero axes).
    ScaleAll(usize, f64),
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = || any::<usize>();
    let small_u8 = || prop::option::of(0u8..12);
    prop_oneof![
        6 => (i(), weird_f64()).prop_map(|(f, v)| Edit::Value(f, v)),
        1 => i().prop_map(Edit::NoValue),
        1 => (i(), prop::option::of(weird_f64())).prop_map(|(f, v)| Edit::Low(f, v)),
        2 => (i(), 0..UNIT_NAMES.len()).prop_map(|(f, u)| Edit::Unit(f, u)),
        2 => (i(), 0..BOUNDS.len()).prop_map(|(f, b)| Edit::Bound(f, b)),
        1 => (i(), 0..KINDS.len()).prop_map(|(f, k)| Edit::Kind(f, k)),
        3 => (i(), text()).prop_map(|(f, t)| Edit::Label(f, t)),
        1 => (i(), prop::option::of(text())).prop_map(|(f, t)| Edit::Short(f, t)),
        1 => (i(), prop::option::of(text())).prop_map(|(f, t)| Edit::Note(f, t)),
        1 => (i(), prop::option::of(text())).prop_map(|(f, t)| Edit::Counter(f, t)),
        1 => (i(), prop_oneof![1899u16..=2101, any::<u16>()], prop::option::of(0u8..6), small_u8(), small_u8(), any::<bool>())
            .prop_map(|(f, y, q, h, hl, a)| Edit::Period(f, y, q, h, hl, a)),
        1 => (i(), prop::option::of((weird_f64(), prop::option::of(weird_f64()))))
            .prop_map(|(f, b)| Edit::Band(f, b)),
        2 => i().prop_map(Edit::Remove),
        2 => (i(), 1usize..40).prop_map(|(f, n)| Edit::Duplicate(f, n)),
        2 => (i(), i(), i()).prop_map(|(f, c, g)| Edit::Move(f, c, g)),
        1 => (i(), 0u8..3, text()).prop_map(|(c, w, t)| Edit::ChartText(c, w, t)),
        1 => (0..UNIT_NAMES.len(), weird_f64()).prop_map(|(u, k)| Edit::ScaleAll(u, k)),
    ]
}

fn apply(data: &mut Dataset, edit: &Edit) {
    let n = data.figures.len();
    if n == 0 {
        return;
    }
    let fig = |i: usize| i % n;
    match edit.clone() {
        Edit::Value(i, v) => data.figures[fig(i)].value = Some(v),
        Edit::NoValue(i) => data.figures[fig(i)].value = None,
        Edit::Low(i, v) => data.figures[fig(i)].low = v,
        Edit::Unit(i, u) => data.figures[fig(i)].unit = unit(u),
        Edit::Bound(i, b) => data.figures[fig(i)].bound = BOUNDS[b],
        Edit::Kind(i, k) => data.figures[fig(i)].kind = KINDS[k],
        Edit::Label(i, t) => data.figures[fig(i)].label = t,
        Edit::Short(i, t) => data.figures[fig(i)].short = t,
        Edit::Note(i, t) => data.figures[fig(i)].note = t,
        Edit::Counter(i, t) => data.figures[fig(i)].counter = t,
        // Year 0 stands for no period at all.
        Edit::Period(i, year, quarter, h, hl, as_of) => {
            data.figures[fig(i)].period = (year != 0).then_some(Period {
                year,
                quarter,
                horizon_years: h,
                horizon_years_low: hl,
                as_of_report: as_of,
            });
        }
        Edit::Band(i, b) => {
            data.figures[fig(i)].band = b.map(|(min, max)| Band {
                min_yi_yuan: min,
                max_yi_yuan: max,
            })
        }
        Edit::Remove(i) => {
            data.figures.remove(fig(i));
        }
        Edit::Duplicate(i, k) => {
            let template = data.figures[fig(i)].clone();
            for j in 0..k {
                let mut f = template.clone();
                f.id = format!("{}-dup-{j}-{}", template.id, data.figures.len());
                f.derived = None;
                data.figures.push(f);
            }
        }
        Edit::Move(i, c, g) => {
            let chart = &data.charts[c % data.charts.len()];
            let group =
                (!chart.groups.is_empty()).then(|| chart.groups[g % chart.groups.len()].id.clone());
            let (id, group) = (chart.id.clone(), group);
            let f = &mut data.figures[fig(i)];
            f.chart = Some(id);
            f.group = group;
        }
        Edit::ChartText(c, which, t) => {
            let k = c % data.charts.len();
            let spec = &mut data.charts[k];
            match which {
                0 => spec.title = t,
                1 => spec.description = t,
                _ => spec.note = Some(t),
            }
        }
        Edit::ScaleAll(u, k) => {
            let name = UNIT_NAMES[u];
            for f in data.figures.iter_mut().filter(|f| f.unit.name == name) {
                f.value = f.value.map(|v| v * k);
                f.low = f.low.map(|v| v * k);
            }
        }
    }
}

/// Byte-level damage to a file: what a bad copy, a bad merge or a cut download does.
#[derive(Debug, Clone)]
enum ByteEdit {
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Replace(usize, u8),
    Truncate(usize),
    Copy(usize, usize, usize),
}

fn json_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        3 => prop::sample::select(b"{}[]\":,0123456789-+.eE \n\t\\nulltruefalse/u".to_vec()),
        1 => any::<u8>(),
    ]
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    let i = || any::<usize>();
    prop_oneof![
        3 => (i(), 1usize..16).prop_map(|(a, n)| ByteEdit::Delete(a, n)),
        3 => (i(), prop::collection::vec(json_byte(), 1..8)).prop_map(|(a, b)| ByteEdit::Insert(a, b)),
        3 => (i(), json_byte()).prop_map(|(a, b)| ByteEdit::Replace(a, b)),
        1 => i().prop_map(ByteEdit::Truncate),
        1 => (i(), 1usize..400, i()).prop_map(|(a, n, to)| ByteEdit::Copy(a, n, to)),
    ]
}

/// Bytes that mean something in a compact file: zero (an empty text or list, `None`, the
/// first name), one (`Some`), LEB128's continuation bit, the extremes.
fn compact_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        3 => prop::sample::select(vec![0x00, 0x01, 0x02, 0x07, 0x7F, 0x80, 0x81, 0xFF]),
        1 => any::<u8>(),
    ]
}

/// Damage to a compact file's payload: mostly one byte replaced, which leaves the
/// structure readable more often than not (a text, a number, a name changes), so the
/// result often reaches the charts; some bytes removed, added or copied.
fn compact_byte_edit() -> impl Strategy<Value = ByteEdit> {
    let i = || any::<usize>();
    prop_oneof![
        8 => (i(), compact_byte()).prop_map(|(a, b)| ByteEdit::Replace(a, b)),
        1 => (i(), 1usize..4).prop_map(|(a, n)| ByteEdit::Delete(a, n)),
        1 => (i(), prop::collection::vec(compact_byte(), 1..4)).prop_map(|(a, b)| ByteEdit::Insert(a, b)),
        1 => (i(), 1usize..64, i()).prop_map(|(a, n, to)| ByteEdit::Copy(a, n, to)),
    ]
}

fn apply_bytes(bytes: &mut Vec<u8>, e: &ByteEdit) {
    let len = bytes.len();
    let at = |i: usize| if len == 0 { 0 } else { i % (len + 1) };
    match e {
        ByteEdit::Delete(a, n) => {
            let a = at(*a);
            bytes.drain(a..(a + n).min(len));
        }
        ByteEdit::Insert(a, b) => {
            let a = at(*a);
            bytes.splice(a..a, b.iter().copied());
        }
        ByteEdit::Replace(a, b) => {
            if len > 0 {
                bytes[a % len] = *b;
            }
        }
        ByteEdit::Truncate(a) => bytes.truncate(at(*a)),
        ByteEdit::Copy(a, n, to) => {
            let a = at(*a);
            let piece: Vec<u8> = bytes[a..(a + n).min(len)].to_vec();
            let to = at(*to);
            bytes.splice(to..to, piece);
        }
    }
}

/// JSON values to drop into the dataset's tree: every JSON type, numbers at and beyond
/// the limits, strings with control characters, markup, names the schema knows, long ones.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        2 => any::<i64>().prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        3 => weird_f64().prop_map(|v| serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)),
        2 => prop::sample::select(vec![
            "percent", "count", "yi_yuan", "wan_yuan", "wan_m2", "km2", "rank", "years",
            "multiple", "index", "exact", "about", "nearly", "at_least", "more_than", "top",
            "range", "actual", "plan", "aim", "remainder", "ratio", "annual_rate",
            "index_path", "growth-2019", "pipeline-2019", "targets-2020", "rankings",
            "growth-path", "parks-2020", "results", "plans", "intro", "count", "bands",
            "growth-2020",
            "NaN", "Infinity", "-Infinity", "1e400", "", " ", "zh", "en", "%", "亿元",
            "万人", "亿美元", "个", "位", "指数", "万辆", "1.2万", "约5亿元", "超100家",
        ].into_iter().chain(charts::FORMS.iter().map(|def| def.name())).collect::<Vec<_>>())
        .prop_map(Value::from),
        2 => label_text().prop_map(Value::from),
        1 => "[\\x00-\\x1f\u{7f}\u{200e}\u{202e}\u{2066}]{1,5}".prop_map(Value::from),
        1 => (1usize..5000).prop_map(|n| Value::from("x".repeat(n))),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "zh",
                        "en",
                        "id",
                        "value",
                        "unit",
                        "label",
                        "year",
                        "min_yi_yuan",
                        "max_yi_yuan",
                        "op",
                        "from",
                        "rule",
                        "step",
                        "section",
                        "paragraph",
                        "typed",
                        "name",
                        "scale",
                        "base",
                        "x",
                        "fr",
                    ]),
                    inner,
                ),
                0..5
            )
            .prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

#[derive(Debug, Clone)]
enum ValueEdit {
    Set(usize, Value),
    Remove(usize),
    AddKey(usize, String, Value),
    DuplicateElement(usize),
}

fn value_edit() -> impl Strategy<Value = ValueEdit> {
    let i = || any::<usize>();
    prop_oneof![
        6 => (i(), json_value()).prop_map(|(p, v)| ValueEdit::Set(p, v)),
        2 => i().prop_map(ValueEdit::Remove),
        1 => (i(), "[a-z_]{1,12}", json_value()).prop_map(|(p, k, v)| ValueEdit::AddKey(p, k, v)),
        1 => i().prop_map(ValueEdit::DuplicateElement),
    ]
}

/// JSON pointers of every node in `v` (the root excluded).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(child, p, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(child, p, out);
            }
        }
        _ => {}
    }
}

fn apply_value(root: &mut Value, e: &ValueEdit) {
    let mut all = Vec::new();
    pointers(root, String::new(), &mut all);
    if all.is_empty() {
        return;
    }
    let pick = |i: &usize| all[i % all.len()].clone();
    let parent_and_key = |p: &str| {
        let (parent, key) = p.rsplit_once('/').unwrap();
        (
            parent.to_string(),
            key.replace("~1", "/").replace("~0", "~"),
        )
    };
    match e {
        ValueEdit::Set(i, v) => {
            if let Some(node) = root.pointer_mut(&pick(i)) {
                *node = v.clone();
            }
        }
        ValueEdit::Remove(i) => {
            let (parent, key) = parent_and_key(&pick(i));
            match root.pointer_mut(&parent) {
                Some(Value::Object(map)) => {
                    map.remove(&key);
                }
                Some(Value::Array(items)) => {
                    if let Ok(k) = key.parse::<usize>() {
                        if k < items.len() {
                            items.remove(k);
                        }
                    }
                }
                _ => {}
            }
        }
        ValueEdit::AddKey(i, k, v) => {
            if let Some(Value::Object(map)) = root.pointer_mut(&pick(i)) {
                map.insert(k.clone(), v.clone());
            }
        }
        ValueEdit::DuplicateElement(i) => {
            let (parent, key) = parent_and_key(&pick(i));
            if let (Some(Value::Array(items)), Ok(k)) =
                (root.pointer_mut(&parent), key.parse::<usize>())
            {
                if k < items.len() {
                    let copy = items[k].clone();
                    items.insert(k, copy);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// What an accepted dataset reaches
// ---------------------------------------------------------------------------------------

const THEMES: [ThemeName; 2] = [ThemeName::Light, ThemeName::Dark];
const LANGS: [Lang; 2] = [Lang::Zh, Lang::En];

/// `Chart.hitTest` in lib.rs: CSS px → device px, floor, non-finite → none.
fn hit_css(l: &Layout, x_css: f64, y_css: f64) -> Option<usize> {
    let (x, y) = ((x_css * l.scale).floor(), (y_css * l.scale).floor());
    if !x.is_finite() || !y.is_finite() {
        return None;
    }
    hit::hit(l, x as i32, y as i32)
}

/// The dataset's chart ids, then the built-in ones and an editor's new one, which a
/// mutated dataset may or may not have.
fn chart_ids(data: &Dataset) -> Vec<String> {
    let mut ids = data.chart_ids();
    for id in [
        "growth-2019",
        "pipeline-2019",
        "innovation-2019",
        "services-2019",
        "targets-2020",
        "parks-2020",
        "growth-path",
        "rankings",
        "growth-2020",
    ] {
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
    }
    ids
}

/// Formats and describes every figure, for both languages; checks the words of a
/// validated dataset never read "NaN" or "inf".
fn exercise_words(data: &Dataset) -> Result<(), TestCaseError> {
    for lang in LANGS {
        for f in &data.figures {
            let value = describe::value(f, lang);
            prop_assert!(!value.is_empty(), "empty value text for {}", f.id);
            prop_assert!(
                !value.contains("NaN") && !value.contains("inf"),
                "{} reads {value:?}",
                f.id
            );
            let _ = describe::period_of(f, lang);
            let _ = describe::kind(f.kind, lang);
            let _ = describe::source(data, f, lang);
            let _ = describe::derived(f, lang);
            if let Some(v) = f.value {
                let _ = format::axis_unit(&f.unit, v, lang);
            }
            let d = describe::describe(data, f, lang);
            let _ = d.sentence();
            prop_assert!(d.lines().len() >= 2);
        }
        for spec in &data.charts {
            let _ = describe::chart_description(data, spec, lang);
            for a in &spec.annotations {
                prop_assert!(describe::annotation(data, a, lang).lines().len() == 2);
            }
        }
    }
    Ok(())
}

/// Lays out every chart the dataset has at each frame (both languages, both themes),
/// then hit-tests, steps, highlights and paints. Panics are the failure; beyond that,
/// a valid dataset at a valid frame must lay out, and marks must answer for themselves.
fn exercise_charts(
    data: &Dataset,
    frames: &[(f64, f64)],
    points: &[(f64, f64)],
    paint_svg: bool,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    for (k, chart) in chart_ids(data).iter().enumerate() {
        let has_chart = data.chart(chart).is_some();
        for (j, &(w, dpr)) in frames.iter().enumerate() {
            let Ok(frame) = Frame::new(w, dpr) else {
                prop_assert!(
                    !(w.is_finite() && w > 0.0 && dpr.is_finite() && dpr > 0.0),
                    "Frame::new refused a usable size {w} × {dpr}"
                );
                continue;
            };
            prop_assert!(frame.width_px >= 240 && frame.width_px <= 2400 * 4);
            let lang = LANGS[(j + k) % 2];
            let theme = Theme::get(THEMES[(j / 2 + k) % 2]);
            let result = charts::layout(data, chart, lang, theme, frame);
            tally.layouts.fetch_add(1, Ordering::Relaxed);
            // A chart with a text in Chinese only is not drawn in English, and says so.
            let chinese_only = (data.chart(chart))
                .is_some_and(|spec| lang == Lang::En && spec.no_english.is_some());
            let layout = match (result, has_chart) {
                (Err(Error::NoEnglish { .. }), true) if chinese_only => continue,
                (Ok(l), true) => l,
                (Err(_), false) => continue,
                (Ok(_), false) => {
                    return Err(TestCaseError::fail("laid out a chart the dataset lacks"))
                }
                (Err(e), true) => {
                    return Err(TestCaseError::fail(format!(
                        "{chart:?} of a valid dataset at {w} × {dpr} failed: {e}"
                    )))
                }
            };
            prop_assert!(layout.width_px > 0 && layout.height_px > 0);
            let n = layout.marks.len();
            for (i, m) in layout.marks.iter().enumerate() {
                let f = data.figures.get(m.figure);
                prop_assert!(f.is_some(), "mark {i} points at figure {}", m.figure);
                prop_assert_eq!(f.unwrap().chart.as_deref(), Some(chart.as_str()));
                // Hit areas do not overlap: the centre of a mark's area answers that mark.
                if m.hit.w > 0 && m.hit.h > 0 {
                    let (cx, cy) = m.hit.center();
                    prop_assert_eq!(
                        hit::hit(&layout, cx, cy),
                        Some(i),
                        "{:?}: centre of mark {} ({:?}) answers another mark",
                        chart,
                        i,
                        m.hit
                    );
                }
                let d = describe::describe(data, f.unwrap(), lang);
                prop_assert!(!d.lines().is_empty());
            }
            for &(x, y) in points {
                if let Some(i) = hit_css(&layout, x, y) {
                    prop_assert!(i < n);
                }
                if let Some(i) = hit::hit(&layout, x as i32, y as i32) {
                    prop_assert!(i < n);
                }
            }
            for m in &layout.marks {
                for (x, y) in [
                    (m.hit.x, m.hit.y),
                    (m.hit.right(), m.hit.bottom()),
                    (m.hit.x - 1, m.hit.y - 1),
                    (m.hit.right() - 1, m.hit.bottom() - 1),
                ] {
                    if let Some(i) = hit::hit(&layout, x, y) {
                        prop_assert!(i < n);
                    }
                }
            }
            for current in [
                None,
                Some(0),
                Some(n.saturating_sub(1)),
                Some(n),
                Some(usize::MAX),
            ] {
                for delta in [-1, 0, 1, i32::MIN, i32::MAX] {
                    match hit::step(&layout, current, delta) {
                        Some(i) => prop_assert!(i < n),
                        None => prop_assert_eq!(n, 0),
                    }
                }
            }
            if paint_svg && j == 0 {
                paint_layout(&layout)?;
            }
        }
    }
    Ok(())
}

/// Paints the chart and each highlight with the SVG backend (the canvas backend runs the
/// same `paint` code in the browser).
fn paint_layout(layout: &Layout) -> Result<(), TestCaseError> {
    let size = (
        layout.width_px.max(1) as u32,
        layout.height_px.max(1) as u32,
    );
    let mut out = String::new();
    {
        let mut backend = plotters_svg::SVGBackend::with_string(&mut out, size);
        paint(
            &mut backend,
            &layout.shapes,
            Some(layout.background),
            Target::SVG,
        )
        .map_err(|e| TestCaseError::fail(format!("painting failed: {e}")))?;
    }
    Ok(())
}

fn points() -> impl Strategy<Value = Vec<(f64, f64)>> {
    let coord = prop_oneof![
        4 => -10.0..3000.0f64,
        1 => any::<f64>(),
        1 => prop::sample::select(vec![0.0, -0.0, -1.0, 0.5, 1e10, -1e10, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN]),
    ];
    prop::collection::vec((coord.clone(), coord), 0..12)
}

/// Everything an accepted dataset reaches.
fn exercise(
    data: &Dataset,
    frames: &[(f64, f64)],
    points: &[(f64, f64)],
    tally: &Tally,
) -> Result<(), TestCaseError> {
    tally.accepted();
    exercise_words(data)?;
    exercise_charts(data, frames, points, true, tally)
}

fn default_dataset() -> Dataset {
    Dataset::from_json(DEFAULT_JSON).expect("the default dataset is valid")
}

// ---------------------------------------------------------------------------------------
// (a) Arbitrary text never panics the parser
// ---------------------------------------------------------------------------------------

#[test]
fn from_json_never_panics_on_arbitrary_text() {
    let tally = Tally::new("(a) from_json(arbitrary text)");
    let text = prop_oneof![
        2 => any::<String>(),
        2 => "[{}\\[\\]\",:0-9a-z.eE+\\- \n\\\\]{0,200}",
        1 => "\\{\"[a-z]{1,8}\": ?[\\[{\"0-9tfn-]{0,40}",
        1 => prop::collection::vec(any::<u8>(), 0..300).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ];
    check(config(), text, |s| {
        tally.case();
        match Dataset::from_json(&s) {
            Ok(data) => {
                tally.accepted();
                exercise_words(&data)?;
            }
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
            }
        }
        Ok(())
    });
}

// ---------------------------------------------------------------------------------------
// (b) Mutations of the default dataset never panic, and accepted results render
// ---------------------------------------------------------------------------------------

#[test]
fn byte_mutations_of_the_default_dataset_never_panic() {
    let tally = Tally::new("(b1) from_json(byte-mutated default.json)");
    let strategy = (
        prop::collection::vec(byte_edit(), 1..6),
        prop::collection::vec(frame_args(), 1..3),
        points(),
    );
    check(config(), strategy, |(edits, frames, points)| {
        tally.case();
        let mut bytes = DEFAULT_JSON.as_bytes().to_vec();
        for e in &edits {
            apply_bytes(&mut bytes, e);
        }
        let text = String::from_utf8_lossy(&bytes);
        match Dataset::from_json(&text) {
            Ok(data) => exercise(&data, &frames, &points, &tally),
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                Ok(())
            }
        }
    });
}

#[test]
fn structured_mutations_of_the_default_dataset_never_panic() {
    let tally = Tally::new("(b2) from_json(JSON-tree-mutated default.json)");
    let base: Value = serde_json::from_str(DEFAULT_JSON).unwrap();
    let strategy = (
        prop::collection::vec(value_edit(), 1..5),
        prop::collection::vec(frame_args(), 1..3),
        points(),
        any::<bool>(),
    );
    check(heavy(), strategy, |(edits, frames, points, pretty)| {
        tally.case();
        let mut v = base.clone();
        for e in &edits {
            apply_value(&mut v, e);
        }
        let text = if pretty {
            serde_json::to_string_pretty(&v).unwrap()
        } else {
            serde_json::to_string(&v).unwrap()
        };
        match Dataset::from_json(&text) {
            Ok(data) => exercise(&data, &frames, &points, &tally),
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                Ok(())
            }
        }
    });
}

/// The editor's check (`checkJson`) over JSON of any shape, in both languages: its
/// messages are plain words, never a parser's ("invalid type", "unknown variant",
/// "expected …"), and name what they are about.
#[test]
fn the_editors_check_speaks_plainly_of_any_json() {
    let tally = Tally::new("(b2') check_json(JSON-tree-mutated default.json), zh and en");
    let base: Value = serde_json::from_str(DEFAULT_JSON).unwrap();
    let strategy = (
        prop::collection::vec(value_edit(), 1..6),
        any::<bool>(),
        prop::option::of(json_value()),
    );
    check(config(), strategy, |(edits, zh, whole)| {
        tally.case();
        // Either the default with edits, or a value of any shape in its place.
        let v = whole.unwrap_or_else(|| {
            let mut v = base.clone();
            for e in &edits {
                apply_value(&mut v, e);
            }
            v
        });
        let lang = if zh { Lang::Zh } else { Lang::En };
        let Some((_, message)) = data::check_json(&v.to_string(), lang) else {
            tally.accepted();
            return Ok(());
        };
        prop_assert!(!message.trim().is_empty());
        for word in [
            "invalid type",
            "unknown variant",
            "expected",
            "unknown field",
        ] {
            prop_assert!(!message.contains(word), "{message}");
        }
        Ok(())
    });
}

/// Edits to the parsed dataset that often keep it valid: this is the property that
/// reaches the charts with odd but acceptable data (tiny, huge, negative, null values,
/// 40 marks in a panel, long and exotic labels, every unit and bound everywhere).
#[test]
fn valid_edits_of_the_default_dataset_lay_out_hit_and_format_without_panics() {
    let tally = Tally::new("(b3) validate + layout/hit/paint(edited dataset)");
    let base = default_dataset();
    let strategy = (
        prop::collection::vec(edit(), 1..8),
        prop::collection::vec(frame_args(), 1..4),
        points(),
    );
    check(heavy(), strategy, |(edits, frames, points)| {
        tally.case();
        let mut data = base.clone();
        for e in &edits {
            apply(&mut data, e);
        }
        // As the JSON reader would have noted them for the data as edited.
        data.note_english();
        match data::validate(&data) {
            Ok(()) => exercise(&data, &frames, &points, &tally),
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                Ok(())
            }
        }
    });
}

// ---------------------------------------------------------------------------------------
// (c) Numbers
// ---------------------------------------------------------------------------------------

#[test]
fn number_formatting_never_panics_and_round_trips() {
    let tally = Tally::new("(c) format::number");
    let strategy = (weird_f64(), 0usize..6, any::<bool>());
    check(config(), strategy, |(v, d, en)| {
        tally.case();
        let lang = if en { Lang::En } else { Lang::Zh };
        let s = format::number(v, d, lang);
        prop_assert!(!s.is_empty());
        if !(v.is_finite() && v.abs() < 1e15) {
            return Ok(());
        }
        prop_assert!(!s.contains('e') && !s.contains("NaN"), "{v} → {s}");
        if lang == Lang::Zh {
            prop_assert!(!s.contains(','), "Chinese does not group: {s}");
        } else {
            // Groups of three between commas, in the integer part only.
            let int = s.trim_start_matches('-').split('.').next().unwrap();
            let groups: Vec<&str> = int.split(',').collect();
            prop_assert!(
                (1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3),
                "bad grouping {s}"
            );
            prop_assert!(!s.split('.').nth(1).unwrap_or("").contains(','));
        }
        if s.contains('.') {
            prop_assert!(
                !s.ends_with('0') && !s.ends_with('.'),
                "trailing zeros kept: {s}"
            );
        }
        prop_assert!(s != "-0", "negative zero printed");
        let back: f64 = s
            .replace(',', "")
            .parse()
            .map_err(|e| TestCaseError::fail(format!("{s:?} does not parse: {e}")))?;
        let tolerance = 10f64.powi(-(d as i32)) + v.abs() * 4.0 * f64::EPSILON;
        prop_assert!(
            (back - v).abs() <= tolerance,
            "{v} with {d} decimals → {s} → {back}"
        );
        Ok(())
    });
}

#[test]
fn amounts_and_ticks_never_panic() {
    let tally = Tally::new("(c') format::amount / axis_unit / ticks");
    let strategy = (weird_f64(), 0..UNIT_NAMES.len(), any::<bool>(), 0usize..12);
    check(config(), strategy, |(v, u, en, target)| {
        tally.case();
        let lang = if en { Lang::En } else { Lang::Zh };
        let counter = Text {
            zh: "个".into(),
            en: Some("things".into()),
        };
        let _ = format::amount(v, &unit(u), Some(&counter), lang);
        let _ = format::amount(v, &unit(u), None, lang);
        let _ = format::axis_unit(&unit(u), v, lang);
        // Axes are drawn for validated values only (finite, |v| ≤ 1e15): ticks must be
        // few and end at or above the maximum there.
        if v.is_finite() && v.abs() <= 1e15 && (1..=10).contains(&target) {
            let t = scale::nice_ticks(v, target);
            prop_assert!(
                t.len() >= 2 && t.len() <= 4 * target + 2,
                "ticks({v}, {target}) = {} ticks",
                t.len()
            );
            prop_assert!(*t.last().unwrap() >= v);
        }
        Ok(())
    });
}

// ---------------------------------------------------------------------------------------
// (d) Line wrapping
// ---------------------------------------------------------------------------------------

fn non_space(s: &str) -> Vec<char> {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn wrap_never_panics_and_never_loses_characters() {
    let tally = Tally::new("(d) layout::wrap");
    let size = prop_oneof![4 => 1i32..64, 1 => any::<i32>(), 1 => Just(0)];
    let width = prop_oneof![4 => 1i32..3000, 1 => any::<i32>(), 1 => Just(0)];
    let text = prop_oneof![
        label_text(),
        any::<String>(),
        "[a-z ]{0,60}",
        "[\u{4e00}-\u{4e10}，。）” ]{0,60}"
    ];
    check(
        config(),
        (text, size, any::<bool>(), width),
        |(s, size, bold, max)| {
            tally.case();
            let lines = layout::wrap(&s, size, bold, max);
            prop_assert_eq!(
                non_space(&lines.concat()),
                non_space(&s),
                "{:?} → {:?}",
                s,
                lines
            );
            if size > 0 && max > 0 {
                for line in &lines {
                    prop_assert!(
                        layout::text_width(line, size, bold) <= max || line.chars().count() == 1,
                        "line {:?} is wider than {}",
                        line,
                        max
                    );
                }
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------------------
// (e) Error positions
// ---------------------------------------------------------------------------------------

/// The syntax scan that runs before the platform's parser (JSON.parse in the browser,
/// serde_json here) never lets through what serde_json refuses, and refuses well-formed
/// JSON only for what it refuses on purpose (duplicate keys, lone surrogates, numbers
/// beyond f64, nesting deeper than `MAX_DEPTH`).
#[test]
fn the_syntax_scan_agrees_with_serde_json() {
    let tally = Tally::new("(e) data::json::check vs serde_json");
    let text = prop_oneof![
        any::<String>(),
        "[{}\\[\\]\",:a-z0-9.eE+\\- \n\\\\u]{0,120}",
        (0usize..DEFAULT_JSON.len()).prop_map(|n| {
            let mut n = n;
            while !DEFAULT_JSON.is_char_boundary(n) {
                n -= 1;
            }
            DEFAULT_JSON[..n].to_string()
        }),
    ];
    check(config(), text, |s| {
        tally.case();
        let scanned = data::json::check(&s);
        let parsed = serde_json::from_str::<Value>(&s);
        match (&scanned, &parsed) {
            (Ok(()), Ok(_)) | (Err(_), Err(_)) => {}
            (Ok(()), Err(e)) => prop_assert!(false, "scan passed, serde_json refused: {e}"),
            (Err(e), Ok(_)) => {
                let m = e.to_string();
                prop_assert!(
                    m.contains("duplicate field")
                        || m.contains("surrogate")
                        || m.contains("out of range")
                        || m.contains("nested"),
                    "scan refused well-formed JSON: {m}"
                );
            }
        }
        if scanned.is_ok() {
            tally.accepted();
            prop_assert!(data::json::parse(&s).is_ok());
        }
        Ok(())
    });
}

// ---------------------------------------------------------------------------------------
// (f) Compact files
// ---------------------------------------------------------------------------------------

/// What a widget does with a compact file it read: every chart at 320 and 960 CSS px, in
/// both languages (frames in pairs: `exercise_charts` alternates the language), hit-tested,
/// stepped and painted; the words of every figure; and no more marks over all charts
/// (`chart="all"`) than twice what a valid dataset may have, so nothing a file says is
/// drawn a thousand times over.
fn exercise_compact(data: &Dataset, tally: &Tally) -> Result<(), TestCaseError> {
    tally.accepted();
    exercise_words(data)?;
    let frames = [(320.0, 1.0), (320.0, 1.0), (960.0, 1.0), (960.0, 1.0)];
    exercise_charts(data, &frames, &[(40.0, 40.0)], true, tally)?;
    let frame = Frame::new(320.0, 1.0).expect("a usable size");
    let theme = Theme::get(ThemeName::Light);
    let mut marks = 0;
    for id in data.chart_ids() {
        let l = charts::layout(data, &id, Lang::Zh, theme, frame)
            .map_err(|e| TestCaseError::fail(format!("{id}: {e}")))?;
        marks += l.marks.len();
    }
    prop_assert!(marks <= 2 * MAX_FIGURES, "{marks} marks");
    Ok(())
}

/// The files the built-in data ships (`all.bin` and one per chart) and what editors
/// publish, changed: first as a dataset (any value, unit, bound, label, period; figures
/// removed, copied, moved: `encode` writes whatever it is given, so these reach `decode`
/// with NaN, negative counts, dangling references and everything else the validator would
/// have refused), then as bytes behind a re-computed checksum, so the damage reaches the
/// reader rather than stopping at the checksum. Whatever `decode` accepts is drawn.
#[test]
fn mutated_compact_files_are_refused_or_drawn() {
    let tally = Tally::new("(f) compact::decode(mutated file) + layout/hit/paint");
    let base = default_dataset();
    let mut files = vec![base.clone()];
    files.extend(base.chart_ids().iter().map(|id| compact::subset(&base, id)));
    let strategy = (
        0..files.len(),
        prop::collection::vec(edit(), 0..6),
        prop::collection::vec(compact_byte_edit(), 0..3),
    );
    check(heavy(), strategy, |(k, edits, byte_edits)| {
        tally.case();
        let mut data = files[k].clone();
        for e in &edits {
            apply(&mut data, e);
        }
        // As the JSON reader would have noted them for the data as edited.
        data.note_english();
        let mut payload = compact::encode(&data)[compact::HEADER_LEN..].to_vec();
        // The reader refuses nothing the validator accepts.
        if data::validate(&data).is_ok() {
            let read = compact::decode(&compact::with_header(&payload));
            prop_assert_eq!(read, Ok(data.clone()));
        }
        for e in &byte_edits {
            apply_bytes(&mut payload, e);
        }
        match compact::decode(&compact::with_header(&payload)) {
            Ok(read) => exercise_compact(&read, &tally),
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                Ok(())
            }
        }
    });
}

/// A units chart (one square per thing) whose count is a billion: read, and drawn as a
/// number, not as a billion squares.
#[test]
fn a_units_chart_with_a_count_of_a_billion_is_drawn_bounded() {
    let mut data = compact::subset(&default_dataset(), "targets-2020");
    assert_eq!(data.charts[0].form, Form::Units);
    let count = data
        .figures
        .iter()
        .position(|f| f.unit.whole && f.chart.is_some())
        .expect("the chart has a count");
    data.figures[count].value = Some(1e9);
    let read = compact::decode(&compact::encode(&data)).expect("a billion is a number");
    let tally = Tally::new("a units chart with a count of 1e9");
    exercise_compact(&read, &tally).unwrap();
    let frame = Frame::new(320.0, 1.0).unwrap();
    let theme = Theme::get(ThemeName::Light);
    let before = charts::layout(&default_dataset(), "targets-2020", Lang::Zh, theme, frame)
        .unwrap()
        .shapes
        .len();
    let after = charts::layout(&read, "targets-2020", Lang::Zh, theme, frame)
        .unwrap()
        .shapes
        .len();
    assert!(after < before + 50, "{before} shapes became {after}");
}

// ---------------------------------------------------------------------------------------
// Exhaustive sweeps (make fuzz only)
// ---------------------------------------------------------------------------------------

/// Every chart of the default dataset at every width from 240 to 2400 CSS px (step 3),
/// at the pixel ratios browsers report, in both languages and themes.
#[test]
#[ignore = "exhaustive sweep; run by make fuzz (--include-ignored)"]
fn sweep_default_dataset_every_width_and_ratio() {
    let tally = Tally::new("sweep: default dataset × widths × ratios");
    let data = default_dataset();
    tally.accepted();
    for dpr in [1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.625, 3.0, 3.5, 4.0] {
        let frames: Vec<(f64, f64)> = (240..=2400)
            .step_by(3)
            .map(|w| (f64::from(w), dpr))
            .collect();
        tally.case();
        exercise_charts(&data, &frames, &[], false, &tally).unwrap();
    }
}

/// Every single byte deleted from the default dataset, one at a time: none panics, and
/// the message always names a line or a field.
#[test]
#[ignore = "exhaustive sweep; run by make fuzz (--include-ignored)"]
fn sweep_every_single_byte_deletion() {
    let tally = Tally::new("sweep: every single-byte deletion of default.json");
    let bytes = DEFAULT_JSON.as_bytes();
    for i in 0..bytes.len() {
        tally.case();
        let mut b = bytes.to_vec();
        b.remove(i);
        let text = String::from_utf8_lossy(&b);
        if let Ok(data) = Dataset::from_json(&text) {
            tally.accepted();
            exercise_words(&data).unwrap();
        }
    }
    assert!(DEFAULT_JSON.len() < MAX_JSON_BYTES);
}

// ---------------------------------------------------------------------------------------
// Regressions: crashes the fuzzer found, minimised
// ---------------------------------------------------------------------------------------

/// A maximum so small that max / target underflows to 0 made the tick step 0 and the
/// tick count infinite: `ticks(1e-323, 1)` panicked with "capacity overflow" (found by
/// `amounts_and_ticks_never_panic`).
#[test]
fn regression_ticks_of_a_subnormal_maximum() {
    for (max, target) in [
        (1e-323, 1),
        (5e-324, 4),
        (5e-324, 2),
        (1e-320, 4),
        (f64::MIN_POSITIVE, 4),
    ] {
        let t = scale::nice_ticks(max, target);
        assert!(
            t.len() >= 2 && t.len() <= 12,
            "ticks({max:e}, {target}) = {t:?}"
        );
        assert!(*t.last().unwrap() >= max);
    }
}

/// The same through an editor's file: percentages may be any finite number, so values
/// like 5e-324 pass validation and reached `ticks` from the growth chart's axis.
#[test]
fn regression_a_chart_of_subnormal_values_lays_out() {
    let minimal = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/valid/minimal.json"
    ))
    .unwrap();
    for (a, b) in [
        ("5e-324", "1e-323"),
        ("-5e-324", "-1e-323"),
        ("5e-324", "-5e-324"),
    ] {
        let json = minimal
            .replace("\"value\": 5.5", &format!("\"value\": {a}"))
            .replace("\"value\": -1.5", &format!("\"value\": {b}"));
        let data = Dataset::from_json(&json).expect("tiny percentages are valid");
        let tally = Tally::new("regression: subnormal values");
        exercise(
            &data,
            &[(640.0, 1.0), (240.0, 2.0)],
            &[(10.0, 10.0)],
            &tally,
        )
        .unwrap();
    }
}

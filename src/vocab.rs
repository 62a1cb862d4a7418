//! The shared vocabulary: languages, chart forms, units (the one table of built-in units,
//! with their words in both languages and their factors), bounds and kinds of figures,
//! their names in the editor's two languages, and what an id may look like.
//!
//! A leaf module: every other module may import it, it imports nothing of ours. That keeps
//! the rest one-way (data → scale → layout → forms → paint); `tests/layers.rs` checks it.
//! The tables only the editor reads (`BUILTIN_UNITS`, the labels) are not linked into a
//! module that does not use them.

/// Text in Chinese and, optionally, English: a chart is shown in English only when every
/// text it shows has its English (`ChartSpec::no_english`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text {
    pub zh: String,
    pub en: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// `None` for anything but the spellings of zh and en the widget accepts.
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" | "zh-CN" | "zh-Hans" => Some(Lang::Zh),
            "en" | "en-US" | "en-GB" => Some(Lang::En),
            _ => None,
        }
    }

    /// The text in this language; Chinese where the English is missing (a chart shown in
    /// English has it everywhere it draws; this covers the rest, such as a section title).
    pub fn pick(self, text: &Text) -> &str {
        match (self, &text.en) {
            (Lang::En, Some(en)) => en,
            _ => &text.zh,
        }
    }

    /// The language's code as the widget spells it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// Declares `Form` and `FORM_NAMES` from one list, so no variant lacks its JSON name.
macro_rules! forms {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// How a chart (or one panel of it) is drawn. The dataset chooses; each form's file
        /// in `charts/` declares the rest of it, and `charts::FORMS` lists them in this order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Form {
            $($(#[$doc])* $variant,)*
        }

        /// Forms by their name in the JSON, in declaration order (the compact files write a
        /// form by this index).
        pub const FORM_NAMES: [(&str, Form); [$($name),*].len()] =
            [$(($name, Form::$variant)),*];
    };
}

// The name lives here, not in the form's file, because the readers (`data`) sit below
// the forms' layer and must parse it.
forms! {
    /// Comparable quantities as bars on one linear axis.
    Bars = "bars",
    /// Big numbers: unrelated counts, each with its unit, label and bound words.
    Tiles = "tiles",
    /// One square per thing: small counts and parts of a whole.
    Units = "units",
    /// A part of a whole as a filled bar against 100 %.
    Share = "share",
    /// Values over steps (an index path), with goals as markers.
    Path = "path",
    /// Proportional areas: squares whose area is to scale.
    Areas = "areas",
    /// Places in a ranking and "top N" goals on a linear scale of places.
    Ranks = "ranks",
}

impl Form {
    /// How many forms there are: `charts::FORMS` has one row for each.
    pub const COUNT: usize = FORM_NAMES.len();

    /// The form's name as in the JSON.
    pub fn as_str(self) -> &'static str {
        FORM_NAMES[self as usize].0
    }
}

/// What the forms need to know about a unit beyond its words: rates and points may fall
/// below zero, a rank is a place, an index has no words, a multiple is "×".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// A quantity: money, area, people, things… (the number scales to its base).
    Amount,
    /// Per cent (growth rates, shares).
    Percent,
    /// Percentage points (a change of a rate).
    Points,
    /// A place in a ranking (1 = first).
    Rank,
    /// A number of years.
    Years,
    /// A multiple ("doubles" = 2).
    Multiple,
    /// An index, base period = 100.
    Index,
}

/// `kind` of a unit, by name, in declaration order.
pub const UNIT_KIND_NAMES: [(&str, UnitKind); 7] = [
    ("amount", UnitKind::Amount),
    ("percent", UnitKind::Percent),
    ("points", UnitKind::Points),
    ("rank", UnitKind::Rank),
    ("years", UnitKind::Years),
    ("multiple", UnitKind::Multiple),
    ("index", UnitKind::Index),
];

/// What areas are measured in: the `areas` form draws units of this base to one scale.
pub const AREA_BASE: &str = "m2";

/// A unit's scale (and English scale) must lie in this range: conversions between two
/// units then stay finite for any value a dataset may hold.
pub const MIN_SCALE: f64 = 1e-9;
pub const MAX_SCALE: f64 = 1e12;

/// A figure's unit, resolved: its words in both languages and what it measures. Datasets
/// name units (`"亿元"`, `"万辆"`); the reader resolves each name against the built-in
/// table and the dataset's own `units`, and the compact files carry the result, so the
/// module that reads them needs no table.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The name the data uses (`亿元`, `%`, `万辆`).
    pub name: String,
    /// The word after a number in Chinese (`亿元`; empty for an index).
    pub zh: String,
    /// The word in English (`yuan`, `US$`); `None` when nobody gave one, and then a
    /// figure in this unit has no English (unless typed or given a counter).
    pub en: Option<String>,
    /// The English word goes before the number: `US$1.85 billion`.
    pub en_before: bool,
    /// The unit in its base: 亿元 is 1e8 yuan. Units of one base convert.
    pub scale: f64,
    /// How many base units the English word counts: 1 for `yuan` (亿元 in English is
    /// written in yuan), 1e6 for `km²` (平方公里 stays in km²).
    pub en_scale: f64,
    /// What the unit measures (`yuan`, `usd`, `m2`, `people`, `things`…).
    pub base: String,
    pub kind: UnitKind,
    /// Counts whole things (个, 家, 人): such values are whole, `units` draws them one square
    /// each, and Chinese puts 多 between the number and the word (260多批次).
    pub whole: bool,
}

impl Unit {
    /// No unit: a number alone.
    pub fn plain() -> Unit {
        Unit {
            name: String::new(),
            zh: String::new(),
            en: Some(String::new()),
            en_before: false,
            scale: 1.0,
            en_scale: 1.0,
            base: String::new(),
            kind: UnitKind::Amount,
            whole: false,
        }
    }

    /// `v` in `self` converted to `to`, when both measure the same thing.
    pub fn convert(&self, v: f64, to: &Unit) -> Option<f64> {
        if self.base != to.base {
            return None;
        }
        Some(if self.scale == to.scale {
            v
        } else {
            v * self.scale / to.scale
        })
    }

    /// `v` in the unit's base (yuan, m², things).
    pub fn in_base(&self, v: f64) -> f64 {
        v * self.scale
    }

    /// An area: `areas` draws it to scale.
    pub fn is_area(&self) -> bool {
        self.base == AREA_BASE
    }

    /// Scales within `MIN_SCALE..=MAX_SCALE` (a compact file's reader checks it).
    pub fn drawable(&self) -> bool {
        let ok = |s: f64| (MIN_SCALE..=MAX_SCALE).contains(&s);
        ok(self.scale) && ok(self.en_scale)
    }
}

/// A built-in unit, as `BUILTIN_UNITS` lists it (see `Unit` for the fields).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitSpec {
    pub name: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub en_before: bool,
    pub scale: f64,
    pub en_scale: f64,
    pub base: &'static str,
    pub kind: UnitKind,
    pub whole: bool,
}

impl UnitSpec {
    const fn new(name: &'static str, en: &'static str, base: &'static str, scale: f64) -> Self {
        UnitSpec {
            name,
            zh: name,
            en,
            en_before: false,
            scale,
            en_scale: 1.0,
            base,
            kind: UnitKind::Amount,
            whole: false,
        }
    }
    const fn kind(self, kind: UnitKind) -> Self {
        UnitSpec { kind, ..self }
    }
    const fn zh(self, zh: &'static str) -> Self {
        UnitSpec { zh, ..self }
    }
    /// English writes the word before the number (`US$`).
    const fn before(self) -> Self {
        UnitSpec {
            en_before: true,
            ..self
        }
    }
    /// Counts whole things.
    const fn counts(self) -> Self {
        UnitSpec {
            whole: true,
            ..self
        }
    }
    /// The English word counts the unit itself, not its base (km², GW).
    const fn en_as_is(self) -> Self {
        UnitSpec {
            en_scale: self.scale,
            ..self
        }
    }

    pub fn unit(&self) -> Unit {
        Unit {
            name: self.name.to_string(),
            zh: self.zh.to_string(),
            en: Some(self.en.to_string()),
            en_before: self.en_before,
            scale: self.scale,
            en_scale: self.en_scale,
            base: self.base.to_string(),
            kind: self.kind,
            whole: self.whole,
        }
    }
}

/// 1 亩 in m².
const MU_M2: f64 = 2000.0 / 3.0;

/// The built-in units, by name: the one table of units, their words and factors. A
/// dataset's `units` entry with one of these names overrides the fields it gives.
pub static BUILTIN_UNITS: [UnitSpec; 31] = [
    UnitSpec::new("%", "%", "percent", 1.0).kind(UnitKind::Percent),
    UnitSpec::new("个百分点", "percentage points", "points", 1.0).kind(UnitKind::Points),
    UnitSpec::new("亿元", "yuan", "yuan", 1e8),
    UnitSpec::new("万元", "yuan", "yuan", 1e4),
    UnitSpec::new("元", "yuan", "yuan", 1.0),
    UnitSpec::new("亿美元", "US$", "usd", 1e8).before(),
    UnitSpec::new("万美元", "US$", "usd", 1e4).before(),
    UnitSpec::new("美元", "US$", "usd", 1.0).before(),
    UnitSpec::new("万平方米", "m²", AREA_BASE, 1e4),
    UnitSpec::new("平方米", "m²", AREA_BASE, 1.0),
    UnitSpec::new("平方公里", "km²", AREA_BASE, 1e6).en_as_is(),
    UnitSpec::new("公顷", "hectares", AREA_BASE, 1e4).en_as_is(),
    UnitSpec::new("亩", "mu", AREA_BASE, MU_M2).en_as_is(),
    UnitSpec::new("个", "", "things", 1.0).counts(),
    UnitSpec::new("家", "firms", "firms", 1.0).counts(),
    UnitSpec::new("件", "items", "things", 1.0).counts(),
    UnitSpec::new("项", "items", "things", 1.0).counts(),
    UnitSpec::new("批次", "rounds", "things", 1.0).counts(),
    UnitSpec::new("次", "times", "times", 1.0).counts(),
    UnitSpec::new("人", "people", "people", 1.0).counts(),
    UnitSpec::new("万人", "people", "people", 1e4),
    UnitSpec::new("吨", "tonnes", "tonnes", 1.0),
    UnitSpec::new("万吨", "tonnes", "tonnes", 1e4),
    UnitSpec::new("年", "years", "years", 1.0).kind(UnitKind::Years),
    UnitSpec::new("倍", "×", "multiple", 1.0).kind(UnitKind::Multiple),
    UnitSpec::new("位", "", "rank", 1.0)
        .kind(UnitKind::Rank)
        .zh("名"),
    UnitSpec::new("指数", "", "index", 1.0)
        .kind(UnitKind::Index)
        .zh(""),
    UnitSpec::new("GW", "GW", "watts", 1e9).en_as_is(),
    UnitSpec::new("MW", "MW", "watts", 1e6).en_as_is(),
    UnitSpec::new("TEU", "TEU", "teu", 1.0).counts(),
    UnitSpec::new("万TEU", "TEU", "teu", 1e4),
];

/// The built-in unit of that name.
pub fn builtin_unit(name: &str) -> Option<&'static UnitSpec> {
    BUILTIN_UNITS.iter().find(|u| u.name == name)
}

/// Schema 2 named its ten units by id; schema-2 files are read with these as names.
pub const SCHEMA2_UNIT_IDS: [(&str, &str); 10] = [
    ("percent", "%"),
    ("count", "个"),
    ("yi_yuan", "亿元"),
    ("wan_yuan", "万元"),
    ("wan_m2", "万平方米"),
    ("km2", "平方公里"),
    ("rank", "位"),
    ("years", "年"),
    ("multiple", "倍"),
    ("index", "指数"),
];

/// How the stated number relates to the true one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bound {
    #[default]
    Exact,
    /// 约: approximately.
    About,
    /// 近: nearly (just under).
    Nearly,
    /// 以上 / 不少于: this or more.
    AtLeast,
    /// 超 / 多: more than.
    MoreThan,
    /// 前 N: within the first N places of a ranking.
    Top,
    /// `low`–`value`.
    Range,
}

/// `bound` in the data, by name.
pub const BOUND_NAMES: [(&str, Bound); 7] = [
    ("exact", Bound::Exact),
    ("about", Bound::About),
    ("nearly", Bound::Nearly),
    ("at_least", Bound::AtLeast),
    ("more_than", Bound::MoreThan),
    ("top", Bound::Top),
    ("range", Bound::Range),
];

/// Whether the figure is an outcome or an intention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// Achieved, or the state at the time of the source.
    #[default]
    Actual,
    /// A plan or commitment (计划, 确保, 规划).
    Plan,
    /// An aspiration (力争, 奋斗目标).
    Aim,
}

/// `kind` in the data, by name.
pub const KIND_NAMES: [(&str, Kind); 3] = [
    ("actual", Kind::Actual),
    ("plan", Kind::Plan),
    ("aim", Kind::Aim),
];

/// What an annotation of a chart does (`annotations[].type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnotationKind {
    /// Figures drawn in their own colour, every other mark of the chart muted.
    Highlight,
    /// A reference value across an axis, with its label (全国 6.1%).
    Line,
    /// A range of an axis, shaded, with its label.
    Band,
    /// A short text beside one figure's mark.
    Note,
}

/// `annotations[].type` in the data, by name.
pub const ANNOTATION_NAMES: [(&str, AnnotationKind); 4] = [
    ("highlight", AnnotationKind::Highlight),
    ("line", AnnotationKind::Line),
    ("band", AnnotationKind::Band),
    ("note", AnnotationKind::Note),
];

/// The axis a line or band lies across: the chart's values, or a path's steps (years
/// from its start).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Axis {
    #[default]
    Value,
    Period,
}

/// `annotations[].axis` in the data, by name.
pub const AXIS_NAMES: [(&str, Axis); 2] = [("value", Axis::Value), ("period", Axis::Period)];

/// A name of the data with what the editor calls it: (id, Chinese, English).
pub type Label = (&'static str, &'static str, &'static str);

/// Bounds as the editor names them, in `BOUND_NAMES` order.
pub const BOUND_LABELS: [Label; 7] = [
    ("exact", "确数", "exact"),
    ("about", "约", "about"),
    ("nearly", "近", "nearly"),
    ("at_least", "以上（不少于）", "at least"),
    ("more_than", "超、多", "more than"),
    ("top", "前N名", "top N"),
    ("range", "范围", "range"),
];

/// Kinds of figures as the editor names them, in `KIND_NAMES` order.
pub const KIND_LABELS: [Label; 3] = [
    ("actual", "实际", "result"),
    ("plan", "计划", "plan"),
    ("aim", "力争目标", "aim"),
];

/// The rules a derived figure follows (`derived.op`), as the editor names them.
pub const RULE_LABELS: [Label; 4] = [
    (
        "remainder",
        "差额：总数减去各部分",
        "remainder: a total minus its parts",
    ),
    (
        "ratio",
        "比值：两个数相除",
        "ratio: one figure divided by another",
    ),
    (
        "annual_rate",
        "年均增速：达到倍数所需",
        "yearly rate: what a multiple needs each year",
    ),
    (
        "index_path",
        "指数路径：按不变增速",
        "index path: at a constant rate",
    ),
];

/// Annotations as the editor names them, in `ANNOTATION_NAMES` order.
pub const ANNOTATION_LABELS: [Label; 4] = [
    ("highlight", "突出显示", "highlight"),
    ("line", "参考线", "reference line"),
    ("band", "区间", "band"),
    ("note", "注释", "note"),
];

/// Unit kinds as the editor names them, in `UNIT_KIND_NAMES` order.
pub const UNIT_KIND_LABELS: [Label; 7] = [
    ("amount", "数量", "amount"),
    ("percent", "百分比", "per cent"),
    ("points", "百分点", "percentage points"),
    ("rank", "名次", "rank"),
    ("years", "年数", "years"),
    ("multiple", "倍数", "multiple"),
    ("index", "指数", "index"),
];

/// The label in `lang` of a (id, zh, en) entry.
pub fn label(entry: &Label, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => entry.1,
        Lang::En => entry.2,
    }
}

/// Longest id, in bytes (ids end up in file names and element attributes).
pub const MAX_ID_CHARS: usize = 64;

/// Short kebab-case: lowercase letters and digits in words joined by single hyphens
/// (`growth-2020`, `fai-growth-2019`); no leading, trailing or doubled hyphen.
pub fn is_kebab_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_CHARS
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        // No leading, trailing or doubled hyphen: every part between hyphens has a character.
        && id.split('-').all(|part| !part.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_tables_list_every_variant_in_order() {
        // The rest of a form is checked against this table in `charts` (`FORMS`).
        for (k, (name, f)) in FORM_NAMES.iter().enumerate() {
            assert_eq!((*f as usize, f.as_str()), (k, *name));
        }
        // The compact files write these by discriminant, read them by index.
        for (k, (name, b)) in BOUND_NAMES.iter().enumerate() {
            assert_eq!((*b as usize, BOUND_LABELS[k].0), (k, *name));
        }
        for (k, (name, kind)) in KIND_NAMES.iter().enumerate() {
            assert_eq!((*kind as usize, KIND_LABELS[k].0), (k, *name));
        }
        for (k, (name, kind)) in UNIT_KIND_NAMES.iter().enumerate() {
            assert_eq!((*kind as usize, UNIT_KIND_LABELS[k].0), (k, *name));
        }
        for (k, (name, kind)) in ANNOTATION_NAMES.iter().enumerate() {
            assert_eq!((*kind as usize, ANNOTATION_LABELS[k].0), (k, *name));
        }
        for (k, (_, axis)) in AXIS_NAMES.iter().enumerate() {
            assert_eq!(*axis as usize, k);
        }
    }

    #[test]
    fn the_unit_table_has_each_name_once_and_every_schema_2_unit() {
        for (k, u) in BUILTIN_UNITS.iter().enumerate() {
            assert!(
                builtin_unit(u.name).is_some_and(|found| std::ptr::eq(found, &BUILTIN_UNITS[k]))
            );
            assert!(u.unit().drawable(), "{}", u.name);
        }
        for (old, name) in SCHEMA2_UNIT_IDS {
            assert!(builtin_unit(name).is_some(), "{old} → {name}");
        }
        for name in [
            "%",
            "个百分点",
            "亿元",
            "万元",
            "元",
            "亿美元",
            "万美元",
            "美元",
            "万平方米",
            "平方米",
            "平方公里",
            "亩",
            "个",
            "家",
            "件",
            "项",
            "人",
            "万人",
            "吨",
            "万吨",
            "年",
            "倍",
            "位",
            "指数",
            "GW",
            "MW",
            "TEU",
            "批次",
        ] {
            assert!(builtin_unit(name).is_some(), "{name}");
        }
    }

    #[test]
    fn units_of_one_base_convert_and_others_do_not() {
        let unit = |name| builtin_unit(name).expect("built in").unit();
        assert_eq!(
            unit("平方公里").convert(9.5, &unit("万平方米")),
            Some(950.0)
        );
        assert_eq!(unit("万元").convert(1200.0, &unit("亿元")), Some(0.12));
        assert_eq!(unit("万人").convert(1.2, &unit("人")), Some(12000.0));
        assert_eq!(unit("亿美元").convert(1.0, &unit("亿元")), None);
        assert_eq!(unit("平方公里").convert(1.0, &unit("亿元")), None);
        assert_eq!(unit("%").convert(5.0, &unit("%")), Some(5.0));
        assert_eq!(unit("%").convert(5.0, &unit("个百分点")), None);
    }

    #[test]
    fn ids_are_short_kebab_case() {
        for ok in ["growth-2020", "a", "x1-y2-z3", "rankings"] {
            assert!(is_kebab_id(ok), "{ok}");
        }
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "Growth",
            "a_b",
            "a b",
            "图表",
            &"x".repeat(65),
        ] {
            assert!(!is_kebab_id(bad), "{bad}");
        }
    }
}

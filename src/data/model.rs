//! The dataset's shape: what an editor's JSON must look like, and what the widget draws.
//!
//! `read.rs` fills these from JSON (refusing unknown fields, so a typo is reported);
//! checks across fields (finite numbers, unique ids, bands, derived rules, source
//! locations) live in `validate.rs`.

/// Text in both languages the widget speaks.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

/// The whole dataset: one park, one source, its charts and its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Schema version; only 1 exists.
    pub schema: u32,
    /// The park the figures describe.
    pub subject: Text,
    /// The article (or report) the figures come from.
    pub source: Source,
    /// Titles and descriptions of the charts this dataset feeds, in display order.
    pub charts: Vec<ChartSpec>,
    /// Every figure, in the order charts show them.
    pub figures: Vec<Figure>,
}

/// The source document, described in our own words, and its sections.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Our own short description of the source (not its headline).
    pub title: Text,
    /// Sections in document order; figures point into them.
    pub sections: Vec<Section>,
}

/// A section of the source; paragraphs are numbered from 1 within it.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    /// How the tooltip names the section.
    pub title: Text,
    /// Number of paragraphs, so a figure's paragraph reference can be checked.
    pub paragraphs: u32,
}

/// One chart's words: the drawing itself is chosen by `id` in code.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    /// One of the chart ids the widget knows (`growth-2019`, `pipeline-2019`, …).
    pub id: String,
    pub title: Text,
    /// One sentence saying what the chart shows; also its accessible description.
    pub description: Text,
    /// Optional remark drawn under the chart (context that has no number).
    pub note: Option<Text>,
    /// Panels of the chart, when its figures do not share one scale.
    pub groups: Vec<Group>,
}

/// A panel within a chart: figures on one scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub id: String,
    pub label: Text,
}

/// One number from the source, or derived from such numbers by a stated rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Stable id, lowercase letters, digits and '-'.
    pub id: String,
    pub label: Text,
    /// Shorter label for narrow columns; falls back to `label`.
    pub short: Option<Text>,
    /// The value in `unit`; `null` means the source names the thing but states no number.
    /// Required (a missing `value` is an error, an explicit `null` is not).
    pub value: Option<f64>,
    /// Lower end when the source gives a range ("1–2 times"); needs `bound: "range"`.
    pub low: Option<f64>,
    pub unit: Unit,
    /// Measure word for counts (个, 件, 项, 家, 批次) and its English noun.
    pub counter: Option<Text>,
    pub period: Period,
    pub bound: Bound,
    pub kind: Kind,
    /// Investment size class, for project counts split by size.
    pub band: Option<Band>,
    /// Present when the figure is computed from others rather than stated.
    pub derived: Option<Derived>,
    /// Where the figure (or, for derived ones, its inputs) is stated.
    pub source: SourceRef,
    /// The chart that shows it; figures without a chart appear only in the data table.
    pub chart: Option<String>,
    /// The chart's panel, when the chart has `groups`.
    pub group: Option<String>,
    /// Extra words for the tooltip (e.g. a park's focus industries).
    pub note: Option<Text>,
}

/// Units the widget knows how to format in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Per cent (growth rates, shares).
    Percent,
    /// A count of things; the measure word is in `Figure::counter`.
    Count,
    /// 亿元 = 100 million yuan.
    YiYuan,
    /// 万元 = 10 thousand yuan.
    WanYuan,
    /// 万平方米 = 10 000 m².
    WanM2,
    /// 平方公里 = km².
    Km2,
    /// A place in a ranking (1 = first).
    Rank,
    /// A number of years.
    Years,
    /// A multiple ("doubles" = 2).
    Multiple,
    /// An index, base period = 100.
    Index,
}

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

/// When a figure applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub year: u16,
    /// 1–4 when the figure covers one quarter.
    pub quarter: Option<u8>,
    /// For plans: the horizon in years from `year` ("within 3 years").
    pub horizon_years: Option<u8>,
    /// For plans stated as "2–3 years": the shorter horizon.
    pub horizon_years_low: Option<u8>,
    /// A snapshot at the time the source was written ("目前"), not a full-year total.
    pub as_of_report: bool,
}

/// An investment size class in 亿元, `[min, max)`; `max: null` means open-ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub min_yi_yuan: f64,
    pub max_yi_yuan: Option<f64>,
}

/// How a derived figure is computed; validation recomputes it and rejects a mismatch.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    pub op: DeriveOp,
    /// Input figure ids, in the order `op` documents.
    pub from: Vec<String>,
    /// The rule in words, shown in the tooltip.
    pub rule: Text,
    /// For `index_path`: the year (counted from the base) this point is for.
    pub step: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeriveOp {
    /// `from[0] − from[1] − from[2] − …` (same unit).
    Remainder,
    /// `from[0] / from[1]`, after converting both to base units (m², yuan).
    Ratio,
    /// Yearly rate in % that turns 1 into `from[0]` (a multiple) over its horizon.
    AnnualRate,
    /// Index (base 100) after `step` years on the constant-rate path to `from[0]`.
    IndexPath,
}

/// Where in the source a figure is stated: section id and paragraph (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRef {
    pub section: String,
    pub paragraph: u32,
}

//! The dataset's shape: what an editor's JSON must look like, and what the widget draws.
//!
//! `read.rs` fills these from JSON (refusing unknown fields, so a typo is reported);
//! checks across fields (finite numbers, unique ids, bands, derived rules, source
//! locations) live in `validate.rs`.

pub use crate::vocab::{Bound, Form, Kind, Text, Unit};

/// The whole dataset: one park, one source, its charts and its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Schema version; this widget reads version 2 (which added `form`).
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

/// One chart: its id, its form and its words. Any short kebab-case id works.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    /// Short kebab-case (`growth-2019`, `growth-2020`): used in `chart="…"` and file names.
    pub id: String,
    /// How the chart is drawn (`bars`, `tiles`, `units`, `share`, `path`, `areas`, `ranks`).
    /// Required; optional here only so that a version-1 file (which had no forms) reaches
    /// validation and hears about its version first. Read it through `form()`.
    pub form: Option<Form>,
    pub title: Text,
    /// One sentence saying what the chart shows; also its accessible description.
    pub description: Text,
    /// Optional remark drawn under the chart (context that has no number).
    pub note: Option<Text>,
    /// Panels of the chart, when its figures do not share one scale.
    pub groups: Vec<Group>,
}

impl ChartSpec {
    /// The chart's form (validation guarantees there is one).
    pub fn form(&self) -> Form {
        self.form.unwrap_or(Form::Tiles)
    }
}

/// A panel within a chart: figures on one scale, or in one form.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub id: String,
    pub label: Text,
    /// The panel's own form, when it differs from the chart's.
    pub form: Option<Form>,
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

/// `derived.op` in the data, by name.
pub const DERIVE_OP_NAMES: [(&str, DeriveOp); 4] = [
    ("remainder", DeriveOp::Remainder),
    ("ratio", DeriveOp::Ratio),
    ("annual_rate", DeriveOp::AnnualRate),
    ("index_path", DeriveOp::IndexPath),
];

/// Where in the source a figure is stated: section id and paragraph (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRef {
    pub section: String,
    pub paragraph: u32,
}

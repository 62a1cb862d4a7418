//! The dataset's shape: what an editor's JSON must look like, and what the widget draws.
//!
//! `read.rs` fills these from JSON (refusing unknown fields, so a typo is reported);
//! checks across fields (finite numbers, unique ids, bands, derived rules, source
//! locations) live in `validate.rs`.

use crate::vocab::Lang;
pub use crate::vocab::{AnnotationKind, Axis, Bound, Form, Kind, Text, Unit, UnitKind};

/// The whole dataset: one subject, its source, its charts and its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Schema version: 3 (a version-2 file is read as version 3, see `converted_from`).
    pub schema: u32,
    /// The version of the file this was read from, when it was older and converted
    /// (its unit ids read as unit names): the editor says so.
    pub converted_from: Option<u32>,
    /// The park (or company, or city) the figures describe.
    pub subject: Option<Text>,
    /// The article (or report) the figures come from; without it, no source line.
    pub source: Option<Source>,
    /// Titles and descriptions of the charts this dataset feeds, in display order.
    pub charts: Vec<ChartSpec>,
    /// Every figure, in the order charts show them.
    pub figures: Vec<Figure>,
}

impl Dataset {
    /// The figures of `spec` that its forms draw on an axis (`Figure::on_axis`), each with
    /// its panel's form, panel by panel: where a line or band can go.
    #[cfg(feature = "json")]
    pub fn axis_figures<'a>(&'a self, spec: &'a ChartSpec) -> Vec<(Form, &'a Figure)> {
        let panels: Vec<(Option<&str>, Form)> = match &spec.groups[..] {
            [] => vec![(None, spec.form)],
            groups => (groups.iter())
                .map(|g| (Some(g.id.as_str()), g.form.unwrap_or(spec.form)))
                .collect(),
        };
        let mut out = Vec::new();
        for (group, form) in panels {
            for (_, f) in self.figures_of(&spec.id) {
                if (group.is_none() || f.group.as_deref() == group) && f.on_axis(form) {
                    out.push((form, f));
                }
            }
        }
        out
    }
}

/// The source document, described in our own words, and its sections.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Our own short description of the source (not its headline).
    pub title: Text,
    /// Sections in document order; figures may point into them.
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
    pub form: Form,
    pub title: Text,
    /// One sentence saying what the chart shows; also its accessible description.
    pub description: Text,
    /// Optional remark drawn under the chart (context that has no number).
    pub note: Option<Text>,
    /// Panels of the chart, when its figures do not share one scale.
    pub groups: Vec<Group>,
    /// What the chart says about its figures besides drawing them: highlights, reference
    /// lines, bands and notes, in the order readers hear them.
    pub annotations: Vec<Annotation>,
    /// The first text the chart shows that has no English (its path, `figures[3].label`),
    /// or `None` when it can be shown in English. The JSON reader notes it
    /// (`Dataset::note_english`) and compact files carry it, so the module that reads
    /// those has no code to look for it (as it has no validator).
    pub no_english: Option<String>,
}

impl ChartSpec {
    /// The chart's form.
    pub fn form(&self) -> Form {
        self.form
    }
}

/// One annotation of a chart. The JSON writes each type with its own fields (README, "The
/// data"); the model holds them all in one shape, the fields a type has no use for empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    pub kind: AnnotationKind,
    /// Ids of the chart's figures: those highlighted, or the one a note is attached to.
    pub figures: Vec<String>,
    /// The axis a line or band lies across.
    pub axis: Axis,
    /// A line's value, or a band's low end: in `unit` on a value axis, in years from the
    /// path's start on a period axis.
    pub from: f64,
    /// A band's high end; a line's value again.
    pub to: f64,
    /// The unit of a line's or band's values (the chart's first axis's when the data names
    /// none), resolved as a figure's.
    pub unit: Unit,
    /// A line's or band's label, or a note's text; empty for a highlight.
    pub label: Text,
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
    /// The unit, resolved from its name (see `Unit`); a number alone has `Unit::plain`.
    pub unit: Unit,
    /// The figure's own measure word and English noun (个 → "projects"), in place of the
    /// unit's words.
    pub counter: Option<Text>,
    /// The value as the journalist typed it (超100家): readers see it as it is, in each
    /// language it is given in, in place of the number formatted from value and unit.
    pub typed: Option<Typed>,
    /// When the figure applies; nothing is shown when the data does not say.
    pub period: Option<Period>,
    pub bound: Bound,
    pub kind: Kind,
    /// Investment size class, for project counts split by size.
    pub band: Option<Band>,
    /// Present when the figure is computed from others rather than stated.
    pub derived: Option<Derived>,
    /// Where the figure (or, for derived ones, its inputs) is stated, if the data says.
    pub source: Option<SourceRef>,
    /// The chart that shows it; figures without a chart appear only in the data table.
    pub chart: Option<String>,
    /// The chart's panel, when the chart has `groups`.
    pub group: Option<String>,
    /// Extra words for the tooltip (e.g. a park's focus industries).
    pub note: Option<Text>,
}

impl Figure {
    /// Whether `form` draws the figure on its axis: every figure of bars, the places of
    /// ranks, the index points of a path (the rest of their panels are tiles).
    pub fn on_axis(&self, form: Form) -> bool {
        match form {
            Form::Bars => true,
            Form::Ranks => self.unit.kind == UnitKind::Rank,
            Form::Path => self.unit.kind == UnitKind::Index && self.step().is_some(),
            _ => false,
        }
    }

    /// An index point's step on its path: the year, counted from the base.
    pub fn step(&self) -> Option<u8> {
        self.derived.as_ref().and_then(|d| d.step)
    }
}

/// A value's wording as typed, in one language or both.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Typed {
    pub zh: Option<String>,
    pub en: Option<String>,
}

impl Typed {
    pub fn pick(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Zh => self.zh.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }
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

/// Where in the source a figure is stated: section id and, if known, paragraph (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRef {
    pub section: String,
    pub paragraph: Option<u32>,
}

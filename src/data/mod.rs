//! The dataset: its types, its compact files (the built-in data's, and what editors
//! publish), the checks every dataset passes before it is drawn, and (with the `json`
//! feature) editors' JSON: parsing, reading and validation.

pub mod compact;
#[cfg(feature = "json")]
mod english;
#[cfg(feature = "json")]
pub mod json;
mod model;
#[cfg(feature = "json")]
mod read;
#[cfg(feature = "json")]
pub mod typed;
#[cfg(feature = "json")]
mod units;
#[cfg(feature = "json")]
mod validate;

pub use model::*;
#[cfg(feature = "json")]
pub use validate::{derived_value, validate};

#[cfg(feature = "json")]
use crate::error::say;
use crate::error::Error;
use crate::vocab::Lang;

/// The default dataset (南通高新区, 2019 results and 2020 plans): the human-edited source of
/// the built-in charts' files (see `compact`) and the editors' template. No embed's module
/// carries it (a constant nothing uses is not linked).
#[cfg(feature = "json")]
pub const DEFAULT_JSON: &str = include_str!("default.json");

// The limits every dataset keeps, whichever reader reads it: `validate` checks them (and
// more) in editors' JSON, `compact::decode` as it reads a compact file.

/// The schema version this widget reads. Version 2 added `form` to every chart; version 3
/// names units (open units), makes English, periods and sources optional and keeps the
/// value as typed. Version-2 files are read too, converted as they are read.
pub const SCHEMA_VERSION: u32 = 3;
/// The older version read and converted.
pub const OLDEST_READ: u32 = 2;

/// Labels longer than this do not fit any chart row, even wrapped.
pub const MAX_LABEL_CHARS: usize = 80;
/// Notes, descriptions and rules are tooltip text; beyond this they are essays.
pub const MAX_NOTE_CHARS: usize = 300;
/// A whole dataset; more is not an infographic any more.
pub const MAX_FIGURES: usize = 500;
/// One chart; more marks than this cannot be told apart on a phone.
pub const MAX_FIGURES_PER_CHART: usize = 40;
/// A chart's annotations; more would say more than its figures.
pub const MAX_ANNOTATIONS: usize = 20;
/// The farthest step a path's period axis goes, in years from its start.
pub const MAX_STEPS: f64 = 100.0;
/// Beyond this (in absolute value) no chart scale or formatter is meaningful, f64 loses
/// integers, and unit conversions head for infinity.
pub const MAX_VALUE: f64 = 1e15;

/// The dataset's schema version: a reader refuses any other first, so an old file hears
/// about its version rather than about the fields a later version added. (The compact
/// reader needs no words for it: its format byte holds one schema.)
#[cfg(feature = "json")]
fn check_schema(version: u32) -> Result<(), Error> {
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    let hint = if version == 1 {
        say!(
            " (version 2 added a \"form\" to every chart)",
            "（第 2 版起每个图表都有“form”）"
        )
    } else {
        String::new()
    };
    Err(Error::invalid(
        "schema",
        say!(
            "version {} is not supported; this widget reads versions {} and {}{}",
            "不支持第 {} 版；本组件读取第 {} 版和第 {} 版{}",
            version,
            OLDEST_READ,
            SCHEMA_VERSION,
            hint
        ),
    ))
}

/// Editors' files larger than this are refused before parsing (the default is ~40 KB),
/// JSON and compact alike (a dataset's compact form is smaller than its JSON).
pub const MAX_JSON_BYTES: usize = 512 * 1024;

/// What the editor's check says of `json`: nothing when it is a valid dataset, else the
/// path of the field (empty for the file as a whole) and the message, in `lang`.
#[cfg(feature = "json")]
pub fn check_json(json: &str, lang: Lang) -> Option<(String, String)> {
    crate::error::in_lang(lang, || match Dataset::from_json(json) {
        Ok(_) => None,
        Err(Error::Invalid { path, reason }) => Some((path, reason)),
        Err(e) => Some((String::new(), e.to_string())),
    })
}

impl Dataset {
    /// Parses and validates a dataset; the error names the line and column, or the field.
    #[cfg(feature = "json")]
    pub fn from_json(json: &str) -> Result<Dataset, Error> {
        let data = Dataset::read_json(json)?;
        validate(&data)?;
        Ok(data)
    }

    /// Parses a dataset without the checks across fields (the editor computes derived
    /// values from a file whose stated values may be stale).
    #[cfg(feature = "json")]
    pub fn read_json(json: &str) -> Result<Dataset, Error> {
        // Editors' tools often save a byte-order mark; fetch().text() drops it, so must we.
        let json = json.strip_prefix('\u{FEFF}').unwrap_or(json);
        if json.trim().is_empty() {
            return Err(Error::invalid(
                "",
                say!("the data file is empty", "数据文件是空的"),
            ));
        }
        if json.len() > MAX_JSON_BYTES {
            return Err(Error::invalid(
                "",
                say!(
                    "the data file is {} KB; the limit is {} KB",
                    "数据文件有 {} KB，上限是 {} KB",
                    json.len() / 1024,
                    MAX_JSON_BYTES / 1024
                ),
            ));
        }
        json::check(json)?;
        let mut data = read::dataset(&json::parse(json)?)?;
        data.note_english();
        Ok(data)
    }

    /// The default dataset, read and validated as an editor's file.
    #[cfg(feature = "json")]
    pub fn default_data() -> Result<Dataset, Error> {
        Dataset::from_json(DEFAULT_JSON)
    }

    /// The names of the rules a derived figure can follow (`derived.op`).
    pub fn derive_ops() -> Vec<String> {
        DERIVE_OP_NAMES
            .iter()
            .map(|(name, _)| name.to_string())
            .collect()
    }

    /// The chart ids, in the dataset's order.
    pub fn chart_ids(&self) -> Vec<String> {
        self.charts.iter().map(|c| c.id.clone()).collect()
    }

    /// The chart's spec, or an error naming the charts this dataset has.
    pub fn chart_or_error(&self, id: &str) -> Result<&ChartSpec, Error> {
        self.chart(id).ok_or_else(|| Error::UnknownChart {
            id: id.to_string(),
            known: self.chart_ids(),
        })
    }

    /// The chart's spec, when it can be shown in `lang`: any chart in Chinese, in English
    /// only when every text it shows has its English.
    pub fn chart_in(&self, id: &str, lang: Lang) -> Result<&ChartSpec, Error> {
        let spec = self.chart_or_error(id)?;
        match (lang, &spec.no_english) {
            (Lang::En, Some(path)) => Err(Error::NoEnglish {
                chart: spec.id.clone(),
                path: path.clone(),
            }),
            _ => Ok(spec),
        }
    }

    /// The languages the chart can be shown in: Chinese, and English when it has it.
    #[cfg(feature = "json")]
    pub fn langs(&self, id: &str) -> Result<Vec<Lang>, Error> {
        let spec = self.chart_or_error(id)?;
        Ok(match spec.no_english {
            None => vec![Lang::Zh, Lang::En],
            Some(_) => vec![Lang::Zh],
        })
    }

    /// The chart's words, if the dataset has that chart.
    pub fn chart(&self, id: &str) -> Option<&ChartSpec> {
        self.charts.iter().find(|c| c.id == id)
    }

    /// Figures shown by one chart, with their indices into `figures`, in display order.
    pub fn figures_of<'a>(&'a self, chart: &'a str) -> impl Iterator<Item = (usize, &'a Figure)> {
        self.figures
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.chart.as_deref() == Some(chart))
    }

    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        let sections = self.source.as_ref().map(|s| s.sections.as_slice());
        sections.unwrap_or_default().iter().find(|s| s.id == id)
    }
}

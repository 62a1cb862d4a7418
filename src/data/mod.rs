//! The dataset: its types, its compact files (the built-in data's, and what editors
//! publish), the checks every dataset passes before it is drawn, and (with the `json`
//! feature) editors' JSON: parsing, reading and validation.

pub mod compact;
#[cfg(feature = "json")]
pub mod json;
mod model;
#[cfg(feature = "json")]
mod read;
#[cfg(feature = "json")]
mod validate;

pub use model::*;
#[cfg(feature = "json")]
pub use validate::{derived_value, validate};

use crate::error::Error;

/// The default dataset (南通高新区, 2019 results and 2020 plans): the human-edited source of
/// the built-in charts' files (see `compact`) and the editors' template. No embed's module
/// carries it (a constant nothing uses is not linked).
#[cfg(feature = "json")]
pub const DEFAULT_JSON: &str = include_str!("default.json");

// The limits every dataset keeps, whichever reader reads it: `validate` checks them (and
// more) in editors' JSON, `compact::decode` as it reads a compact file.

/// The schema version this widget reads. Version 2 added `form` to every chart.
pub const SCHEMA_VERSION: u32 = 2;

/// Labels longer than this do not fit any chart row, even wrapped.
pub const MAX_LABEL_CHARS: usize = 80;
/// Notes, descriptions and rules are tooltip text; beyond this they are essays.
pub const MAX_NOTE_CHARS: usize = 300;
/// A whole dataset; more is not an infographic any more.
pub const MAX_FIGURES: usize = 500;
/// One chart; more marks than this cannot be told apart on a phone.
pub const MAX_FIGURES_PER_CHART: usize = 40;
/// Beyond this (in absolute value) no chart scale or formatter is meaningful, f64 loses
/// integers, and unit conversions head for infinity.
pub const MAX_VALUE: f64 = 1e15;

/// The dataset's schema version. Validation runs it first, so an old file hears about its
/// version rather than about the fields version 2 added.
fn check_schema(version: u32) -> Result<(), Error> {
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    let hint = if version == 1 {
        " (it adds a \"form\" to every chart)"
    } else {
        ""
    };
    Err(Error::invalid(
        "schema",
        format!(
            "version {version} is not supported; this widget reads version {SCHEMA_VERSION}{hint}"
        ),
    ))
}

/// Editors' files larger than this are refused before parsing (the default is ~40 KB),
/// JSON and compact alike (a dataset's compact form is smaller than its JSON).
pub const MAX_JSON_BYTES: usize = 512 * 1024;

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
            return Err(Error::invalid("", "the data file is empty"));
        }
        if json.len() > MAX_JSON_BYTES {
            return Err(Error::invalid(
                "",
                format!(
                    "the data file is {} KB; the limit is {} KB",
                    json.len() / 1024,
                    MAX_JSON_BYTES / 1024
                ),
            ));
        }
        json::check(json)?;
        read::dataset(&json::parse(json)?)
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
        self.source.sections.iter().find(|s| s.id == id)
    }
}

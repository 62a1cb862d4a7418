//! The dataset: its types, the built-in data's compact files, and (with the `json`
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
pub use validate::{
    derived_value, validate, MAX_FIGURES, MAX_FIGURES_PER_CHART, MAX_LABEL_CHARS, MAX_NOTE_CHARS,
    SCHEMA_VERSION,
};

use crate::error::Error;

/// The default dataset (南通高新区, 2019 results and 2020 plans): the human-edited source of
/// the built-in charts' files (see `compact`) and the editors' template. No embed's module
/// carries it (a constant nothing uses is not linked).
#[cfg(feature = "json")]
pub const DEFAULT_JSON: &str = include_str!("default.json");

/// Editors' files larger than this are refused before parsing (the default is ~40 KB).
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

//! The dataset: its types, the embedded default, parsing and validation.

#[cfg(feature = "json")]
pub mod json;
mod model;
mod read;
#[cfg(feature = "json")]
mod validate;
mod value;

pub use model::*;
#[cfg(feature = "json")]
pub use validate::{
    derived_value, validate, MAX_FIGURES, MAX_FIGURES_PER_CHART, MAX_LABEL_CHARS, MAX_NOTE_CHARS,
    SCHEMA_VERSION,
};

use crate::error::Error;

/// The default dataset (南通高新区, 2019 results and 2020 plans) as the editors' template.
/// The wasm does not carry this text: it carries `DEFAULT` below.
#[cfg(not(target_arch = "wasm32"))]
pub const DEFAULT_JSON: &str = include_str!("default.json");

/// The built-in dataset in the compact form build.rs writes from default.json (see
/// `json::decode`): about as small as the JSON text gzipped, and no parsing at start.
static DEFAULT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default.bin"));

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

    /// The built-in dataset: decoded, not parsed, and not validated at start either (a
    /// native test validates it; it cannot change after the build).
    pub fn default_data() -> Result<Dataset, Error> {
        read::dataset(&value::decode(DEFAULT)?)
    }

    /// The names of the rules a derived figure can follow (`derived.op`).
    pub fn derive_ops() -> Vec<String> {
        read::OPS.iter().map(|(name, _)| name.to_string()).collect()
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

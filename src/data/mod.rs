//! The dataset: its types, the embedded default, parsing and validation.

mod model;
mod validate;

pub use model::*;
pub use validate::{validate, MAX_FIGURES, MAX_FIGURES_PER_CHART, MAX_LABEL_CHARS, MAX_NOTE_CHARS};

use crate::error::Error;

/// The default dataset (南通高新区, 2019 results and 2020 plans), compiled into the wasm.
pub const DEFAULT_JSON: &str = include_str!("default.json");

/// Editors' files larger than this are refused before parsing (the default is ~40 KB).
pub const MAX_JSON_BYTES: usize = 512 * 1024;

impl Dataset {
    /// Parses and validates a dataset; the error names the line and column, or the field.
    pub fn from_json(json: &str) -> Result<Dataset, Error> {
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
        // serde would read a top-level array as a struct's fields in order: refuse it plainly.
        match json.trim_start().chars().next() {
            Some('{') => {}
            Some('[') => {
                return Err(Error::invalid(
                    "",
                    "the data must be a JSON object ({…}), not an array",
                ))
            }
            _ => {}
        }
        let data: Dataset = serde_json::from_str(json).map_err(|e| from_json_error(json, e))?;
        validate(&data)?;
        Ok(data)
    }

    /// The embedded default dataset.
    pub fn default_data() -> Result<Dataset, Error> {
        Dataset::from_json(DEFAULT_JSON)
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

fn from_json_error(json: &str, e: serde_json::Error) -> Error {
    use serde_json::error::Category;
    let (line, column) = (e.line(), e.column());
    let message = strip_position(&e.to_string());
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => Error::Syntax {
            line,
            column,
            message,
        },
        Category::Data => {
            let mut path = path_at(json, line, column);
            // A missing field is reported at the object's closing brace, after its last
            // key: the field belongs to the object, not to that key.
            if message.starts_with("missing field") {
                if let Some(dot) = path.rfind('.').filter(|&d| !path.ends_with(']') && d > 0) {
                    path.truncate(dot);
                }
            }
            Error::invalid(path, format!("{message} (line {line}, column {column})"))
        }
    }
}

/// The JSON path ("figures[3].value") at a line and column, found by scanning the text
/// up to there and tracking keys and array indices. serde_json reports where an error is,
/// not in which field; editors need the field. (A scan is far smaller in the wasm than
/// serde_path_to_error, which doubles every deserializer.)
pub fn path_at(json: &str, line: usize, column: usize) -> String {
    enum Frame {
        Object(Option<String>),
        Array(usize),
    }
    let line_start: usize = json
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut end = (line_start + column.saturating_sub(1)).min(json.len());
    while !json.is_char_boundary(end) {
        end -= 1;
    }
    let mut stack: Vec<Frame> = Vec::new();
    let (mut in_string, mut escaped) = (false, false);
    let mut string = String::new();
    let mut last_string: Option<String> = None;
    for c in json[..end].chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => {
                    in_string = false;
                    last_string = Some(std::mem::take(&mut string));
                }
                (false, c) => string.push(c),
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' => stack.push(Frame::Object(None)),
            '[' => stack.push(Frame::Array(0)),
            '}' | ']' => {
                stack.pop();
            }
            ':' => {
                if let Some(Frame::Object(key)) = stack.last_mut() {
                    *key = last_string.take();
                }
            }
            ',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object(key)) => *key = None,
                None => {}
            },
            _ => {}
        }
    }
    // An unknown field is reported at (or just after) the closing quote of its key.
    if let Some(Frame::Object(key @ None)) = stack.last_mut() {
        *key = if in_string { Some(string) } else { last_string };
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) if path.is_empty() => path.push_str(key),
            Frame::Object(Some(key)) => {
                path.push('.');
                path.push_str(key);
            }
            Frame::Object(None) => {}
            Frame::Array(n) => path.push_str(&format!("[{n}]")),
        }
    }
    path
}

/// serde_json appends " at line L column C"; we report the position ourselves.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

//! One error type for everything that can go wrong, with messages written for the editor
//! who has to fix the data (they name the field and the reason).

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The text is not JSON at all (or stops early).
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not our schema, or a value a chart cannot show: `path` names the field.
    Invalid { path: String, reason: String },
    /// A chart id the dataset does not have; `known` lists the ones it has.
    UnknownChart { id: String, known: Vec<String> },
    /// A language other than `zh` and `en`.
    UnknownLang(String),
    /// A theme other than `light` and `dark`.
    UnknownTheme(String),
    /// A width or pixel ratio the widget cannot draw at.
    BadSize(String),
    /// The drawing backend (canvas or SVG) failed.
    Draw(String),
}

impl Error {
    pub(crate) fn invalid(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Invalid {
            path: path.into(),
            reason: reason.into(),
        }
    }

    /// Converts any plotters drawing error (from whichever backend) into ours.
    pub(crate) fn draw<E: std::error::Error + Send + Sync>(
        e: plotters::drawing::DrawingAreaErrorKind<E>,
    ) -> Self {
        Error::Draw(e.to_string())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Syntax {
                line,
                column,
                message,
            } => write!(f, "invalid JSON at line {line}, column {column}: {message}"),
            Error::Invalid { path, reason } if path.is_empty() => write!(f, "{reason}"),
            Error::Invalid { path, reason } => write!(f, "{path}: {reason}"),
            Error::UnknownChart { id, known } => write!(
                f,
                "unknown chart \"{}\"; known charts: {}, or all",
                clip(id),
                known.join(", ")
            ),
            Error::UnknownLang(lang) => {
                write!(f, "unknown lang \"{}\"; use zh or en", clip(lang))
            }
            Error::UnknownTheme(theme) => {
                write!(
                    f,
                    "unknown theme \"{}\"; use auto, light or dark",
                    clip(theme)
                )
            }
            Error::BadSize(why) => write!(f, "cannot draw at this size: {why}"),
            Error::Draw(why) => write!(f, "drawing failed: {why}"),
        }
    }
}

impl std::error::Error for Error {}

/// Echoes user input back in messages without echoing a megabyte of it.
pub(crate) fn clip(s: &str) -> String {
    const MAX_CHARS: usize = 40;
    let mut out: String = s.chars().take(MAX_CHARS).collect();
    if s.chars().nth(MAX_CHARS).is_some() {
        out.push('…');
    }
    out
}

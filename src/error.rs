//! One error type for everything that can go wrong, with messages written for the editor
//! who has to fix the data: they name the field and the reason, and say what to do.
//!
//! The editor shows the data's messages in its own language, Chinese or English. Messages
//! are written where they arise with `say!`, which holds both wordings; `in_lang` chooses
//! one for the messages made while it runs. Only the editor's module (and native builds,
//! which test both) carries the Chinese: a widget shows its errors in English, and its
//! module leaves the other wording out.

use crate::vocab::Lang;
use std::fmt;

/// A message in the language `in_lang` chose: `say!("{} is negative", "{}是负数", v)`.
/// (Positional arguments only: a format string passed through a macro cannot name
/// variables.)
#[cfg(any(not(target_arch = "wasm32"), feature = "editor"))]
macro_rules! say {
    ($en:literal, $zh:literal $(, $arg:expr)* $(,)?) => {
        if $crate::error::speaking_zh() {
            std::fmt::format(format_args!($zh $(, $arg)*))
        } else {
            std::fmt::format(format_args!($en $(, $arg)*))
        }
    };
}

/// The widgets' modules speak English only: the Chinese wording is left out.
#[cfg(not(any(not(target_arch = "wasm32"), feature = "editor")))]
macro_rules! say {
    ($en:literal, $zh:literal $(, $arg:expr)* $(,)?) => {
        std::fmt::format(format_args!($en $(, $arg)*))
    };
}

// Other modules speak through it only when they read JSON.
#[cfg(feature = "json")]
pub(crate) use say;

#[cfg(any(not(target_arch = "wasm32"), feature = "editor"))]
thread_local! {
    /// The language `say!` speaks on this thread (English unless `in_lang` says).
    static SPEAKING_ZH: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `make` with the messages it makes in `lang`.
pub fn in_lang<T>(lang: Lang, make: impl FnOnce() -> T) -> T {
    #[cfg(any(not(target_arch = "wasm32"), feature = "editor"))]
    {
        let before = SPEAKING_ZH.with(|zh| zh.replace(lang == Lang::Zh));
        let out = make();
        SPEAKING_ZH.with(|zh| zh.set(before));
        out
    }
    #[cfg(not(any(not(target_arch = "wasm32"), feature = "editor")))]
    {
        let _ = lang;
        make()
    }
}

/// Whether messages are made in Chinese now (see `in_lang`).
#[cfg(any(not(target_arch = "wasm32"), feature = "editor"))]
pub fn speaking_zh() -> bool {
    SPEAKING_ZH.with(|zh| zh.get())
}

#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The text is not JSON at all (or stops early). (Only a JSON reader says so.)
    #[cfg(feature = "json")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not our schema, or a value a chart cannot show: `path` names the field.
    Invalid { path: String, reason: String },
    /// A chart id the dataset does not have; `known` lists the ones it has.
    UnknownChart { id: String, known: Vec<String> },
    /// A chart asked for in English when one of its texts has none: `path` names it.
    NoEnglish { chart: String, path: String },
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
        e: plotters_backend::DrawingErrorKind<E>,
    ) -> Self {
        Error::Draw(e.to_string())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            #[cfg(feature = "json")]
            Error::Syntax {
                line,
                column,
                message,
            } => f.write_str(&say!(
                "invalid JSON at line {}, column {}: {}",
                "JSON 格式有误（第 {} 行第 {} 列）：{}",
                line,
                column,
                message
            )),
            Error::Invalid { path, reason } if path.is_empty() => write!(f, "{reason}"),
            Error::Invalid { path, reason } => write!(f, "{path}: {reason}"),
            Error::UnknownChart { id, known } => {
                write!(f, "unknown chart \"{}\"; known charts: ", clip(id))?;
                for name in known {
                    write!(f, "{name}, ")?;
                }
                f.write_str("or all")
            }
            Error::NoEnglish { chart, path } => f.write_str(&say!(
                "chart \"{}\" has no English: {} is in Chinese only; use lang=\"zh\" or add the English",
                "图表“{}”没有英文：{} 只有中文；请用中文（lang=\"zh\"）显示，或补上英文",
                chart,
                path
            )),
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
    match s.char_indices().nth(MAX_CHARS) {
        Some((end, _)) => format!("{}…", s.get(..end).unwrap_or_default()),
        None => s.to_string(),
    }
}

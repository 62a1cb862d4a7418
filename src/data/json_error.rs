//! serde_json's errors, reworded for editors: syntax errors keep their line and column;
//! data errors name the field (`figures[3].value`), found by scanning the text up to the
//! error's position. (A scan is far smaller in the wasm than serde_path_to_error, which
//! doubles every deserializer.) Quoted input is clipped so a megabyte-long wrong value is
//! not echoed back in full.

use crate::error::{clip, Error};

pub(super) fn from_json_error(json: &str, e: serde_json::Error) -> Error {
    use serde_json::error::Category;
    let (line, column) = (e.line(), e.column());
    let message = clip_quoted(&strip_position(&e.to_string()));
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => Error::Syntax {
            line,
            column,
            message,
        },
        Category::Data => {
            let mut frames = frames_at(json, line, column);
            // A missing field is reported at its object's closing brace, after the
            // object's last key: the field belongs to the object, not to that key.
            if message.starts_with("missing field") {
                if let Some(Frame::Object(key)) = frames.last_mut() {
                    *key = None;
                }
            }
            Error::invalid(
                join(&frames),
                format!("{message} (line {line}, column {column})"),
            )
        }
    }
}

enum Frame {
    Object(Option<String>),
    Array(usize),
}

/// The JSON path ("figures[3].value") at a line and column (both from 1).
pub fn path_at(json: &str, line: usize, column: usize) -> String {
    join(&frames_at(json, line, column))
}

/// The open objects and arrays at a position, with the current key or index of each.
fn frames_at(json: &str, line: usize, column: usize) -> Vec<Frame> {
    let line_start: usize = json
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut end = line_start
        .saturating_add(column.saturating_sub(1))
        .min(json.len());
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
    stack
}

fn join(frames: &[Frame]) -> String {
    let mut path = String::new();
    for frame in frames {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&clip(key));
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

/// Clips every "…" or `…` fragment (serde quotes the offending input) to a readable length.
fn clip_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(512));
    let mut quote: Option<char> = None;
    let mut inner = String::new();
    let mut escaped = false;
    for c in message.chars() {
        match quote {
            None => {
                out.push(c);
                if c == '"' || c == '`' {
                    quote = Some(c);
                }
            }
            Some(q) => {
                if escaped {
                    escaped = false;
                    inner.push(c);
                } else if c == '\\' && q == '"' {
                    escaped = true;
                    inner.push(c);
                } else if c == q {
                    out.push_str(&clip(&inner));
                    out.push(c);
                    inner.clear();
                    quote = None;
                } else {
                    inner.push(c);
                }
            }
        }
    }
    // An unterminated quote: keep what there is, clipped.
    out.push_str(&clip(&inner));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_follow_keys_and_indices() {
        let json =
            "{\n \"figures\": [\n  {\"id\": \"a\"},\n  {\"id\": \"b\", \"value\": \"x\"}\n ]\n}";
        assert_eq!(path_at(json, 4, 26), "figures[1].value");
        assert_eq!(path_at(json, 3, 4), "figures[0]");
        assert_eq!(path_at(json, 1, 1), "");
        assert_eq!(path_at(json, usize::MAX, usize::MAX), "");
    }

    #[test]
    fn quoted_input_is_clipped() {
        let long = "x".repeat(1000);
        let m = clip_quoted(&format!("invalid type: string \"{long}\", expected f64"));
        assert!(m.len() < 120, "{m}");
        assert!(m.ends_with("…\", expected f64"));
        assert_eq!(
            clip_quoted("unknown field `lable`"),
            "unknown field `lable`"
        );
        assert_eq!(clip_quoted("say \"a\\\"b\""), "say \"a\\\"b\"");
    }
}

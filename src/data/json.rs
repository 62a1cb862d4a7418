//! JSON in, a plain value tree out, with errors an editor can act on.
//!
//! The text is parsed by the platform's parser: the browser's `JSON.parse` in the wasm
//! (handed over with serde-wasm-bindgen, so no JSON parser is compiled into the module),
//! serde_json natively. Before that, `check` scans the text once: engines word
//! `JSON.parse` errors differently (WebKit gives no position at all), and `JSON.parse`
//! silently keeps the last of two equal keys and accepts lone surrogates. The scan gives
//! every engine the same line, column and reason, and refuses those too.
//!
//! Only builds with the `json` feature have this file: embeds of the built-in data
//! never read JSON text, so their module leaves it (and serde) out.

use crate::error::{clip, say, Error};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A JSON value. Object members keep their order (messages follow the file).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

/// Deeper than this is not a dataset (ours nest 5 levels). The scan refuses deeper text
/// before anything recursive (the parser, the conversion to `Value`, dropping it) runs,
/// so a file nested 100 000 levels is a message, not a stack overflow.
pub const MAX_DEPTH: usize = 64;

/// An object's keys are compared for duplicates up to this many; an object with more
/// distinct keys than any schema object has fields is refused as having unknown fields.
const MAX_KEYS_COMPARED: usize = 32;

/// The largest decimal exponent an f64 can hold (1.8e308); beyond it a number would
/// silently become Infinity in `JSON.parse`.
const MAX_DECIMAL_EXPONENT: i64 = 308;

/// Scans `text` for anything that is not one well-formed JSON value: the error names the
/// line and column (both from 1, columns in characters) and the reason.
pub fn check(text: &str) -> Result<(), Error> {
    Scan {
        text,
        s: text.as_bytes(),
        i: 0,
        stack: Vec::new(),
    }
    .document()
}

/// Parses text that `check` accepted. (serde_json's own message is not shown: it speaks
/// of what it "expected"; the scan has already said anything an editor can fix.)
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|e| Error::Syntax {
        line: e.line(),
        column: e.column(),
        message: say!("this JSON cannot be read", "无法读取这段 JSON"),
    })
}

/// Parses text that `check` accepted, with the browser's `JSON.parse`.
#[cfg(target_arch = "wasm32")]
pub fn parse(text: &str) -> Result<Value, Error> {
    let unreadable = || {
        let why = say!(
            "the browser could not read this JSON",
            "浏览器无法读取这段 JSON"
        );
        Error::invalid("", why)
    };
    let value = js_sys::JSON::parse(text).map_err(|_| unreadable())?;
    serde_wasm_bindgen::from_value(value).map_err(|_| unreadable())
}

enum Frame {
    /// The index of the current element.
    Array(usize),
    /// Byte ranges of the keys so far (the last is the current one).
    Object(Vec<(usize, usize)>),
}

struct Scan<'a> {
    text: &'a str,
    s: &'a [u8],
    i: usize,
    stack: Vec<Frame>,
}

impl<'a> Scan<'a> {
    fn document(mut self) -> Result<(), Error> {
        loop {
            self.value()?;
            // Close what the value ended, until a separator asks for the next value.
            loop {
                self.space();
                let next = self.s.get(self.i).copied();
                match (self.stack.last_mut(), next) {
                    (None, None) => return Ok(()),
                    (None, Some(_)) => return Err(self.fail(Fault::Trailing)),
                    (Some(_), None) => return Err(self.fail(Fault::End)),
                    (Some(Frame::Array(n)), Some(b',')) => {
                        *n += 1;
                        self.i += 1;
                        self.no_trailing_comma(b']')?;
                        break;
                    }
                    (Some(Frame::Object(_)), Some(b',')) => {
                        self.i += 1;
                        self.no_trailing_comma(b'}')?;
                        self.key()?;
                        break;
                    }
                    (Some(Frame::Array(_)), Some(b']')) | (Some(Frame::Object(_)), Some(b'}')) => {
                        self.i += 1;
                        self.stack.pop();
                    }
                    (Some(Frame::Array(_)), Some(_)) => return Err(self.fail(Fault::NoComma(']'))),
                    (Some(Frame::Object(_)), Some(_)) => return Err(self.fail(Fault::NoComma('}'))),
                }
            }
        }
    }

    /// One value; an array or object is only opened (the caller's loop closes it).
    fn value(&mut self) -> Result<(), Error> {
        self.space();
        let Some(&c) = self.s.get(self.i) else {
            return Err(self.fail(Fault::End));
        };
        match c {
            b'{' | b'[' => {
                if self.stack.len() >= MAX_DEPTH {
                    return Err(self.fail(Fault::Deep));
                }
                self.i += 1;
                self.space();
                let close = if c == b'{' { b'}' } else { b']' };
                if self.s.get(self.i) == Some(&close) {
                    self.i += 1;
                    return Ok(());
                }
                if c == b'{' {
                    self.stack.push(Frame::Object(Vec::new()));
                    self.key()?;
                } else {
                    self.stack.push(Frame::Array(0));
                }
                self.value()
            }
            b'"' => self.string().map(|_| ()),
            b'-' | b'0'..=b'9' => self.number(),
            b't' => self.literal("true"),
            b'f' => self.literal("false"),
            b'n' => self.literal("null"),
            _ => Err(self.fail(Fault::NoValue)),
        }
    }

    /// `"key":` in the innermost object; refuses a key the object already has.
    fn key(&mut self) -> Result<(), Error> {
        self.space();
        match self.s.get(self.i) {
            Some(b'"') => {}
            Some(_) => return Err(self.fail(Fault::Key)),
            None => return Err(self.fail(Fault::End)),
        }
        let at = self.i;
        let (start, end) = self.string()?;
        let (text, s) = (self.text, self.s);
        if let Some(Frame::Object(keys)) = self.stack.last_mut() {
            let compared = &keys[..keys.len().min(MAX_KEYS_COMPARED)];
            if compared.iter().any(|&(a, b)| s[a..b] == s[start..end]) {
                keys.push((start, end));
                let (line, column) = position(text, at);
                let why = say!(
                    "\"{}\" is written twice in one object (line {}, column {}); keep one",
                    "同一对象中“{}”写了两次（第 {} 行第 {} 列），请只保留一个",
                    clip(&text[start..end]),
                    line,
                    column
                );
                return Err(Error::invalid(self.path(), why));
            }
            keys.push((start, end));
        }
        self.space();
        if self.s.get(self.i) != Some(&b':') {
            return Err(self.fail(Fault::NoColon));
        }
        self.i += 1;
        Ok(())
    }

    fn no_trailing_comma(&mut self, close: u8) -> Result<(), Error> {
        self.space();
        if self.s.get(self.i) == Some(&close) {
            return Err(self.fail(Fault::TrailingComma));
        }
        Ok(())
    }

    /// A string starting at its opening quote; returns the byte range of its contents.
    fn string(&mut self) -> Result<(usize, usize), Error> {
        self.i += 1;
        let start = self.i;
        loop {
            let Some(&c) = self.s.get(self.i) else {
                return Err(self.fail(Fault::End));
            };
            match c {
                b'"' => {
                    self.i += 1;
                    return Ok((start, self.i - 1));
                }
                b'\\' => self.escape()?,
                0..=0x1F => return Err(self.fail(Fault::Control)),
                _ => self.i += 1,
            }
        }
    }

    fn escape(&mut self) -> Result<(), Error> {
        match self.s.get(self.i + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                self.i += 2;
                Ok(())
            }
            Some(b'u') => {
                let unit = self.hex4(self.i + 2)?;
                if (0xDC00..0xE000).contains(&unit) {
                    return Err(self.fail(Fault::Surrogate));
                }
                if (0xD800..0xDC00).contains(&unit) {
                    // A high surrogate must be followed by its low half.
                    let low = match self.s.get(self.i + 6..self.i + 8) {
                        Some(b"\\u") => self.hex4(self.i + 8)?,
                        _ => return Err(self.fail(Fault::Surrogate)),
                    };
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(self.fail(Fault::Surrogate));
                    }
                    self.i += 6;
                }
                self.i += 6;
                Ok(())
            }
            _ => Err(self.fail(Fault::Escape)),
        }
    }

    fn hex4(&self, at: usize) -> Result<u32, Error> {
        let digits = self.s.get(at..at + 4).unwrap_or_default();
        let mut unit = 0;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.fail(Fault::Hex)),
            };
            unit = unit * 16 + u32::from(v);
        }
        if digits.len() < 4 {
            return Err(self.fail(Fault::Hex));
        }
        Ok(unit)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, refused when beyond f64's range.
    fn number(&mut self) -> Result<(), Error> {
        let start = self.i;
        if self.s.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        let int = self.digits();
        if int.is_empty() || (int.len() > 1 && int[0] == b'0') {
            return Err(self.fail_at(start, Fault::Number));
        }
        let mut frac: &'a [u8] = &[];
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            frac = self.digits();
            if frac.is_empty() {
                return Err(self.fail_at(start, Fault::Number));
            }
        }
        let mut exponent: i64 = 0;
        if matches!(self.s.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            let negative = self.s.get(self.i) == Some(&b'-');
            if matches!(self.s.get(self.i), Some(b'-' | b'+')) {
                self.i += 1;
            }
            let digits = self.digits();
            if digits.is_empty() {
                return Err(self.fail_at(start, Fault::Number));
            }
            for &d in digits {
                exponent = (exponent * 10 + i64::from(d - b'0')).min(1 << 40);
            }
            if negative {
                exponent = -exponent;
            }
        }
        // The value is d.ddd × 10^(magnitude + exponent): magnitude counts the integer
        // digits after leading zeros (zeros after the point make it negative).
        let magnitude = match int.iter().position(|&d| d != b'0') {
            Some(first) => (int.len() - first) as i64 - 1,
            None => match frac.iter().position(|&d| d != b'0') {
                Some(zeros) => -(zeros as i64) - 1,
                None => return Ok(()), // zero
            },
        };
        if magnitude + exponent > MAX_DECIMAL_EXPONENT {
            let number = clip(&self.text[start..self.i]);
            return Err(Error::invalid(
                self.path(),
                super::validate::too_large(&number),
            ));
        }
        Ok(())
    }

    fn digits(&mut self) -> &'a [u8] {
        let start = self.i;
        while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        &self.s[start..self.i]
    }

    fn literal(&mut self, word: &str) -> Result<(), Error> {
        if self.s[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(())
        } else {
            Err(self.fail(Fault::NoValue))
        }
    }

    fn space(&mut self) {
        while matches!(self.s.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// The path to the current key or element: `figures[3].value`.
    fn path(&self) -> String {
        let mut path = String::new();
        for frame in &self.stack {
            match frame {
                Frame::Array(n) => path.push_str(&format!("[{n}]")),
                Frame::Object(keys) => {
                    if let Some(&(a, b)) = keys.last() {
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(&clip(&self.text[a..b]));
                    }
                }
            }
        }
        path
    }

    fn fail(&self, fault: Fault) -> Error {
        self.fail_at(self.i, fault)
    }

    fn fail_at(&self, at: usize, fault: Fault) -> Error {
        let (line, column) = position(self.text, at);
        Error::Syntax {
            line,
            column,
            message: fault.message(),
        }
    }
}

/// What is wrong where the scan stopped.
#[derive(Clone, Copy)]
enum Fault {
    End,
    Trailing,
    /// Neither a comma nor this closing bracket after a value.
    NoComma(char),
    NoValue,
    Key,
    NoColon,
    TrailingComma,
    Control,
    Surrogate,
    Escape,
    Hex,
    Number,
    Deep,
}

impl Fault {
    fn message(self) -> String {
        match self {
            Fault::End => say!(
                "the data ends too early; something is cut off",
                "数据提前结束，后面缺了内容"
            ),
            Fault::Trailing => say!(
                "there is more after the end of the data; remove it",
                "数据结束后还有内容，请删除"
            ),
            Fault::NoComma(close) => say!(
                "a comma (,) or {} is missing before this",
                "这里之前缺少逗号（,）或 {}",
                close
            ),
            Fault::NoValue => say!(
                "a value is missing here (text needs double quotes)",
                "这里缺少数值（文字要加双引号）"
            ),
            Fault::Key => say!("a field name must be in double quotes", "字段名要加双引号"),
            Fault::NoColon => say!(
                "a colon (:) is missing after the field name",
                "字段名后缺少冒号（:）"
            ),
            Fault::TrailingComma => say!(
                "a comma before the closing bracket; remove it",
                "右括号前多了一个逗号，请删除"
            ),
            Fault::Control => say!(
                "control character in a string; escape it",
                "文字中有控制字符，请转义"
            ),
            Fault::Surrogate => say!(
                "a \\u escape holds half a character (a lone surrogate); write the whole character",
                "\\u 转义只有半个字符（孤立的代理项），请写完整的字符"
            ),
            Fault::Escape => say!(
                "a backslash must start an escape such as \\n or \\\"",
                "反斜杠只能用于转义，如 \\n 或 \\\""
            ),
            Fault::Hex => say!(
                "\\u must be followed by 4 hexadecimal digits",
                "\\u 后面要有 4 位十六进制数字"
            ),
            Fault::Number => say!(
                "not a number as JSON writes them (digits, one point, no leading zeros)",
                "不是 JSON 的数字写法（数字、一个小数点、开头不能多余的 0）"
            ),
            Fault::Deep => say!(
                "nested more than {} levels deep; a dataset nests 5",
                "嵌套超过 {} 层；数据集只有 5 层",
                MAX_DEPTH
            ),
        }
    }
}

/// Line and column (from 1; the column in characters) of a byte offset.
fn position(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    /// `JSON.parse` never gives bytes, but serde-wasm-bindgen can (typed arrays). Refused
    /// here with a plain message: serde's default names the unexpected value, which links
    /// core's float formatting (about 14 KB) into the wasm.
    fn visit_bytes<E: serde::de::Error>(self, _: &[u8]) -> Result<Value, E> {
        Err(E::custom("bytes are not a JSON value"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            members.push((key, value));
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fails(text: &str) -> String {
        check(text).unwrap_err().to_string()
    }

    #[test]
    fn well_formed_json_passes() {
        for ok in [
            "{}",
            "[]",
            " {\"a\": [1, -2.5e3, 0.0, true, false, null, \"x\\n\\u00e9\\ud83d\\ude00\"]} ",
            "\"top\"",
            "1e308",
            "0.000001e-400",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn errors_name_line_column_and_reason() {
        let cases = [
            (
                "{\n  \"a\": 1\n  \"b\": 2}",
                "invalid JSON at line 3, column 3: a comma (,) or } is missing before this",
            ),
            (
                "{\"a\": [1,]}",
                "invalid JSON at line 1, column 10: a comma before the closing bracket; remove it",
            ),
            (
                "{\"a\": 1}\n}",
                "invalid JSON at line 2, column 1: there is more after the end of the data; remove it",
            ),
            (
                "{'a': 1}",
                "invalid JSON at line 1, column 2: a field name must be in double quotes",
            ),
            (
                "{\"a\":\n",
                "invalid JSON at line 2, column 1: the data ends too early; something is cut off",
            ),
            (
                "[\"\\ud800\"]",
                "invalid JSON at line 1, column 3: a \\u escape holds half a character (a lone surrogate); write the whole character",
            ),
            (
                "[\"a\u{1}\"]",
                "invalid JSON at line 1, column 4: control character in a string; escape it",
            ),
        ];
        for (text, message) in cases {
            assert_eq!(fails(text), message);
        }
        for bad in ["01", "-", "1.", "1e", "+1", "tru", "NaN", ""] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }

    /// A number beyond f64 is named by its field, as the editor's cell is.
    #[test]
    fn a_number_too_large_for_any_chart_names_its_field() {
        let message = fails("{\"figures\": [{\"value\": 1e309}]}");
        assert!(
            message.starts_with("figures[0].value: 1e309 is too large; "),
            "{message}"
        );
        assert!(fails("1e400").starts_with("1e400 is too large"));
    }

    #[test]
    fn messages_are_in_chinese_when_asked() {
        let zh = crate::error::in_lang(crate::vocab::Lang::Zh, || fails("{\"a\": [1,]}"));
        assert_eq!(
            zh,
            "JSON 格式有误（第 1 行第 10 列）：右括号前多了一个逗号，请删除"
        );
    }

    #[test]
    fn duplicate_keys_are_named_with_their_path() {
        assert_eq!(
            fails("{\"figures\": [{}, {\"value\": 1,\n \"value\": 2}]}"),
            "figures[1].value: \"value\" is written twice in one object (line 2, column 2); keep one"
        );
    }

    #[test]
    fn nesting_is_limited_without_recursion() {
        let deep = "[".repeat(100_000);
        assert_eq!(
            fails(&deep),
            "invalid JSON at line 1, column 65: nested more than 64 levels deep; a dataset nests 5"
        );
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(check(&ok), Ok(()));
        let objects = "{\"a\":".repeat(100_000);
        assert!(fails(&objects).contains("nested more than 64 levels deep"));
    }
}

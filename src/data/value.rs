//! The value tree both sources of data become before `read.rs` turns it into a
//! `Dataset`: the built-in dataset's compact bytes (decoded here) and, in builds that read
//! editors' files, their JSON text (`json.rs`).
//!
//! build.rs compiles the built-in dataset into the compact form `decode` reads: no JSON
//! text in the wasm, no parsing at start, and it is read like an editor's file.

use crate::error::Error;
use std::borrow::Cow;

pub type Str = Cow<'static, str>;

/// A JSON value. Object members keep their order (messages follow the file). Text is
/// borrowed from the built-in dataset's bytes, owned when it comes from an editor.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(Str),
    Array(Vec<Value>),
    Object(Vec<(Str, Value)>),
}

/// Decodes the compact form build.rs writes for the built-in dataset: one tag byte per
/// value (`n`ull, `t`rue, `f`alse; `d` and an f64, little-endian; `s`tring, `a`rray or
/// `o`bject and a LEB128 length), strings in UTF-8, object members as key and value.
/// A walk over the bytes that borrows every text: no parsing, no copies.
pub fn decode(bytes: &'static [u8]) -> Result<Value, Error> {
    let mut at = 0;
    let value = decode_value(bytes, &mut at)?;
    if at == bytes.len() {
        Ok(value)
    } else {
        Err(corrupt())
    }
}

fn decode_value(b: &'static [u8], at: &mut usize) -> Result<Value, Error> {
    let tag = *b.get(*at).ok_or_else(corrupt)?;
    *at += 1;
    Ok(match tag {
        b'n' => Value::Null,
        b't' => Value::Bool(true),
        b'f' => Value::Bool(false),
        b'd' => {
            let raw = b.get(*at..*at + 8).ok_or_else(corrupt)?;
            *at += 8;
            Value::Number(f64::from_le_bytes(raw.try_into().map_err(|_| corrupt())?))
        }
        b's' => Value::String(Cow::Borrowed(decode_str(b, at)?)),
        b'a' => {
            let n = decode_len(b, at)?;
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                items.push(decode_value(b, at)?);
            }
            Value::Array(items)
        }
        b'o' => {
            let n = decode_len(b, at)?;
            let mut members = Vec::with_capacity(n);
            for _ in 0..n {
                let key = decode_str(b, at)?;
                members.push((Cow::Borrowed(key), decode_value(b, at)?));
            }
            Value::Object(members)
        }
        _ => return Err(corrupt()),
    })
}

fn decode_str(b: &'static [u8], at: &mut usize) -> Result<&'static str, Error> {
    let n = decode_len(b, at)?;
    let raw = b.get(*at..*at + n).ok_or_else(corrupt)?;
    *at += n;
    std::str::from_utf8(raw).map_err(|_| corrupt())
}

/// A LEB128 length, no larger than the bytes left (so capacities stay honest).
fn decode_len(b: &[u8], at: &mut usize) -> Result<usize, Error> {
    let (mut n, mut shift) = (0usize, 0);
    loop {
        let byte = *b.get(*at).ok_or_else(corrupt)?;
        *at += 1;
        n |= usize::from(byte & 0x7F)
            .checked_shl(shift)
            .ok_or_else(corrupt)?;
        shift += 7;
        if byte < 0x80 {
            return if n <= b.len() { Ok(n) } else { Err(corrupt()) };
        }
    }
}

fn corrupt() -> Error {
    Error::invalid("", "the built-in dataset is damaged")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_compact_bytes_are_an_error() {
        assert_eq!(
            decode(b"o\x01\x01as\x01x"),
            Ok(Value::Object(vec![(
                Cow::Borrowed("a"),
                Value::String(Cow::Borrowed("x"))
            )]))
        );
        for bad in [
            &b""[..],
            b"x",
            b"s\x05ab",
            b"a\xff\xff\xff\x7f",
            b"d\x00",
            b"nn",
            b"s\x01\xff",
        ] {
            assert!(decode(bad).is_err(), "{bad:?}");
        }
    }
}

//! The built-in dataset in a compact binary form, one file per chart (`dist/data/<chart>.bin`,
//! and `all.bin` for `chart="all"`), which the built-in data's module reads.
//!
//! The format is the model itself: every field of every struct in declaration order, no
//! keys and no tags beyond what an `Option` or a list needs. The native `render` binary
//! writes the files from `default.json` after reading and validating it like an editor's
//! file (`cargo run --bin render -- --compact dist/data`), so the wasm that reads them needs
//! neither a JSON reader nor the validation, and a reader downloads one chart's figures,
//! not the whole dataset. A native test round-trips every file.
//!
//! Whole numbers are LEB128 (lengths, counts, years), other numbers f64 little-endian,
//! text UTF-8 after its length, enums the index of their name in the vocabulary's table.

use super::model::*;
use crate::error::Error;
use crate::vocab::{BOUND_NAMES, FORM_NAMES, KIND_NAMES, UNIT_IDS};

/// Reads a dataset written by `encode`.
pub fn decode(bytes: &[u8]) -> Result<Dataset, Error> {
    let mut r = Reader { bytes, at: 0 };
    let data = Dataset::get(&mut r)?;
    if r.at == bytes.len() {
        Ok(data)
    } else {
        Err(damaged())
    }
}

/// Writes `data` in the compact form. (The writing side is compiled with the `json`
/// feature, as the render binary is: the built-in charts' module only reads.)
#[cfg(feature = "json")]
pub fn encode(data: &Dataset) -> Vec<u8> {
    let mut out = Vec::new();
    data.put(&mut out);
    out
}

/// What one chart needs: the dataset's words and sections, the chart, its figures, and the
/// figures its derived ones are computed from (they stay in the data table and tooltips).
#[cfg(feature = "json")]
pub fn subset(data: &Dataset, chart: &str) -> Dataset {
    let shown = |f: &Figure| f.chart.as_deref() == Some(chart);
    let inputs: Vec<&str> = data
        .figures
        .iter()
        .filter(|f| shown(f))
        .filter_map(|f| f.derived.as_ref())
        .flat_map(|d| d.from.iter().map(String::as_str))
        .collect();
    Dataset {
        charts: data
            .charts
            .iter()
            .filter(|c| c.id == chart)
            .cloned()
            .collect(),
        figures: data
            .figures
            .iter()
            .filter(|f| shown(f) || inputs.contains(&f.id.as_str()))
            .cloned()
            .collect(),
        ..data.clone()
    }
}

fn damaged() -> Error {
    Error::invalid("", "the built-in data file is damaged")
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, Error> {
        let b = *self.bytes.get(self.at).ok_or_else(damaged)?;
        self.at += 1;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> Result<&[u8], Error> {
        let end = self.at.checked_add(n).ok_or_else(damaged)?;
        let taken = self.bytes.get(self.at..end).ok_or_else(damaged)?;
        self.at = end;
        Ok(taken)
    }

    fn whole(&mut self) -> Result<u32, Error> {
        let (mut n, mut shift) = (0u32, 0);
        loop {
            let b = self.byte()?;
            n |= u32::from(b & 0x7F).checked_shl(shift).ok_or_else(damaged)?;
            shift += 7;
            if b < 0x80 {
                return Ok(n);
            }
        }
    }

    /// A small whole number (an enum's index, a quarter, a step).
    fn small(&mut self) -> Result<u8, Error> {
        u8::try_from(self.whole()?).map_err(|_| damaged())
    }

    fn name<T: Copy>(&mut self, names: &[(&str, T)]) -> Result<T, Error> {
        let i = usize::from(self.small()?);
        names.get(i).map(|&(_, t)| t).ok_or_else(damaged)
    }
}

#[cfg(feature = "json")]
fn put_whole(out: &mut Vec<u8>, mut n: u32) {
    loop {
        let low = (n & 0x7F) as u8;
        n >>= 7;
        if n == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

#[cfg(feature = "json")]
fn put_name<T: PartialEq>(out: &mut Vec<u8>, names: &[(&str, T)], value: &T) {
    let i = names.iter().position(|(_, t)| t == value);
    put_whole(out, i.expect("every enum value has a name") as u32);
}

/// One field's type in the compact form: how it is read, and (natively) written.
trait Compact: Sized {
    fn get(r: &mut Reader) -> Result<Self, Error>;
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>);
}

/// `Compact` for a struct: its fields, in this order, both ways.
macro_rules! fields {
    ($t:ident { $($f:ident),* $(,)? }) => {
        impl Compact for $t {
            fn get(r: &mut Reader) -> Result<Self, Error> {
                Ok($t { $($f: Compact::get(r)?),* })
            }
            #[cfg(feature = "json")]
            fn put(&self, out: &mut Vec<u8>) {
                $(self.$f.put(out);)*
            }
        }
    };
}

/// `Compact` for an enum, by its index in a vocabulary table.
macro_rules! named {
    ($t:ty, $names:expr) => {
        impl Compact for $t {
            fn get(r: &mut Reader) -> Result<Self, Error> {
                r.name(&$names)
            }
            #[cfg(feature = "json")]
            fn put(&self, out: &mut Vec<u8>) {
                put_name(out, &$names, self)
            }
        }
    };
}

fields!(Dataset {
    schema,
    subject,
    source,
    charts,
    figures
});
fields!(Source { title, sections });
fields!(Section {
    id,
    title,
    paragraphs
});
fields!(ChartSpec {
    id,
    form,
    title,
    description,
    note,
    groups
});
fields!(Group { id, label, form });
fields!(Figure {
    id,
    label,
    short,
    value,
    low,
    unit,
    counter,
    period,
    bound,
    kind,
    band,
    derived,
    source,
    chart,
    group,
    note
});
fields!(Period {
    year,
    quarter,
    horizon_years,
    horizon_years_low,
    as_of_report
});
fields!(Band {
    min_yi_yuan,
    max_yi_yuan
});
fields!(Derived {
    op,
    from,
    rule,
    step
});
fields!(SourceRef { section, paragraph });
fields!(Text { zh, en });
named!(Form, FORM_NAMES);
named!(Unit, UNIT_IDS);
named!(Bound, BOUND_NAMES);
named!(Kind, KIND_NAMES);
named!(DeriveOp, DERIVE_OP_NAMES);

impl Compact for u32 {
    fn get(r: &mut Reader) -> Result<Self, Error> {
        r.whole()
    }
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>) {
        put_whole(out, *self);
    }
}

impl Compact for u16 {
    fn get(r: &mut Reader) -> Result<Self, Error> {
        u16::try_from(r.whole()?).map_err(|_| damaged())
    }
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>) {
        put_whole(out, u32::from(*self));
    }
}

impl Compact for u8 {
    fn get(r: &mut Reader) -> Result<Self, Error> {
        r.small()
    }
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>) {
        put_whole(out, u32::from(*self));
    }
}

impl Compact for bool {
    fn get(r: &mut Reader) -> Result<Self, Error> {
        Ok(r.small()? != 0)
    }
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
}

impl Compact for f64 {
    fn get(r: &mut Reader) -> Result<Self, Error> {
        let raw = r.take(8)?.try_into().map_err(|_| damaged())?;
        Ok(f64::from_le_bytes(raw))
    }
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

impl Compact for String {
    fn get(r: &mut Reader) -> Result<Self, Error> {
        let n = r.whole()? as usize;
        let raw = r.take(n)?;
        std::str::from_utf8(raw)
            .map(str::to_string)
            .map_err(|_| damaged())
    }
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>) {
        put_whole(out, self.len() as u32);
        out.extend_from_slice(self.as_bytes());
    }
}

impl<T: Compact> Compact for Option<T> {
    fn get(r: &mut Reader) -> Result<Self, Error> {
        match r.small()? {
            0 => Ok(None),
            1 => T::get(r).map(Some),
            _ => Err(damaged()),
        }
    }
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.put(out);
            }
        }
    }
}

impl<T: Compact> Compact for Vec<T> {
    fn get(r: &mut Reader) -> Result<Self, Error> {
        let n = r.whole()? as usize;
        // Each item takes at least a byte: a damaged length cannot ask for a huge capacity.
        if n > r.bytes.len() - r.at {
            return Err(damaged());
        }
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(T::get(r)?);
        }
        Ok(items)
    }
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>) {
        put_whole(out, self.len() as u32);
        for item in self {
            item.put(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_and_every_chart_of_it_round_trip() {
        let data = Dataset::default_data().expect("the default reads");
        assert_eq!(decode(&encode(&data)), Ok(data.clone()));
        for chart in &data.charts {
            let part = subset(&data, &chart.id);
            assert_eq!(decode(&encode(&part)), Ok(part.clone()));
            // A chart's file is valid on its own, and draws what the whole dataset draws.
            assert_eq!(crate::data::validate(&part), Ok(()), "{}", chart.id);
            assert_eq!(part.chart_ids(), std::slice::from_ref(&chart.id));
            let shown = |d: &Dataset| {
                d.figures_of(&chart.id)
                    .map(|(_, f)| f.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(shown(&part), shown(&data), "{}", chart.id);
        }
    }

    #[test]
    fn damaged_bytes_are_an_error_not_a_panic() {
        let bytes = encode(&Dataset::default_data().expect("the default reads"));
        for cut in [0, 1, 7, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut]), Err(damaged()), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), Err(damaged()));
        assert_eq!(decode(&[2, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]), Err(damaged()));
    }
}

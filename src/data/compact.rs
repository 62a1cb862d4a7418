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
    let mut r = Reader {
        bytes,
        at: 0,
        damaged: false,
    };
    let data = Dataset::get(&mut r);
    if r.damaged || r.at != bytes.len() {
        Err(damaged())
    } else {
        Ok(data)
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

/// Reads without stopping at the first problem: damage sets `damaged` and reads go on with
/// stand-in values (zero, empty), which `decode` then refuses as a whole. No early return
/// in the middle of a struct, so no code to drop its half-read fields: a third of the size.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    damaged: bool,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.at).copied();
        self.at += 1;
        self.damaged |= b.is_none();
        b.unwrap_or(0)
    }

    fn take(&mut self, n: usize) -> &[u8] {
        let start = self.at.min(self.bytes.len());
        let end = start.saturating_add(n).min(self.bytes.len());
        self.damaged |= end - start < n;
        self.at = end;
        &self.bytes[start..end]
    }

    fn whole(&mut self) -> u32 {
        let (mut n, mut shift) = (0u32, 0u32);
        loop {
            let b = self.byte();
            if shift > 28 {
                self.damaged = true;
                return 0;
            }
            n |= u32::from(b & 0x7F) << shift;
            shift += 7;
            if b < 0x80 {
                return n;
            }
        }
    }

    /// A small whole number (an enum's index, a quarter, a step).
    fn small(&mut self) -> u8 {
        let n = self.whole();
        self.damaged |= n > u32::from(u8::MAX);
        n as u8
    }

    fn name<T: Copy>(&mut self, names: &[(&str, T)]) -> T {
        let i = usize::from(self.small());
        self.damaged |= i >= names.len();
        names[i.min(names.len() - 1)].1
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

/// One field's type in the compact form: how it is read, and (natively) written.
trait Compact: Sized {
    fn get(r: &mut Reader) -> Self;
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>);
}

/// `Compact` for a struct: its fields, in this order, both ways.
macro_rules! fields {
    ($t:ident { $($f:ident),* $(,)? }) => {
        impl Compact for $t {
            fn get(r: &mut Reader) -> Self {
                $t { $($f: Compact::get(r)),* }
            }
            #[cfg(feature = "json")]
            fn put(&self, out: &mut Vec<u8>) {
                $(self.$f.put(out);)*
            }
        }
    };
}

/// `Compact` for an enum, by its index in a vocabulary table, which lists the variants in
/// declaration order (a vocab test checks it): the index is the discriminant.
macro_rules! named {
    ($t:ty, $names:expr) => {
        impl Compact for $t {
            fn get(r: &mut Reader) -> Self {
                r.name(&$names)
            }
            #[cfg(feature = "json")]
            fn put(&self, out: &mut Vec<u8>) {
                put_whole(out, *self as u32)
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
    fn get(r: &mut Reader) -> Self {
        r.whole()
    }
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>) {
        put_whole(out, *self);
    }
}

impl Compact for u16 {
    fn get(r: &mut Reader) -> Self {
        let n = r.whole();
        r.damaged |= n > u32::from(u16::MAX);
        n as u16
    }
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>) {
        put_whole(out, u32::from(*self));
    }
}

impl Compact for u8 {
    fn get(r: &mut Reader) -> Self {
        r.small()
    }
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>) {
        put_whole(out, u32::from(*self));
    }
}

impl Compact for bool {
    fn get(r: &mut Reader) -> Self {
        r.small() != 0
    }
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
}

impl Compact for f64 {
    fn get(r: &mut Reader) -> Self {
        let mut raw = [0; 8];
        for (to, from) in raw.iter_mut().zip(r.take(8)) {
            *to = *from;
        }
        f64::from_le_bytes(raw)
    }
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

impl Compact for String {
    fn get(r: &mut Reader) -> Self {
        let n = r.whole() as usize;
        let text = std::str::from_utf8(r.take(n)).map(str::to_string);
        r.damaged |= text.is_err();
        text.unwrap_or_default()
    }
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>) {
        put_whole(out, self.len() as u32);
        out.extend_from_slice(self.as_bytes());
    }
}

impl<T: Compact> Compact for Option<T> {
    fn get(r: &mut Reader) -> Self {
        let tag = r.small();
        r.damaged |= tag > 1;
        (tag == 1).then(|| T::get(r))
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
    fn get(r: &mut Reader) -> Self {
        let n = r.whole() as usize;
        // Each item takes at least a byte: a damaged length cannot ask for a huge list.
        let left = r.bytes.len().saturating_sub(r.at);
        r.damaged |= n > left;
        (0..n.min(left)).map(|_| T::get(r)).collect()
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
    fn rules_are_written_by_discriminant_and_read_by_index() {
        // (Form, Unit, Bound and Kind are checked beside their tables, in vocab.rs.)
        for (k, (_, op)) in DERIVE_OP_NAMES.iter().enumerate() {
            assert_eq!(*op as usize, k);
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
        // Any one byte changed: an error or a dataset, never a panic or a hang.
        let data = Dataset::default_data().expect("the default reads");
        let small = encode(&subset(&data, "rankings"));
        for at in 0..small.len() {
            for value in [0x00, 0x01, 0x7F, 0x80, 0xFF] {
                let mut changed = small.clone();
                changed[at] = value;
                let _ = decode(&changed);
            }
        }
    }
}

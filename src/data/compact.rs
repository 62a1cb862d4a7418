//! A dataset in a compact binary form, read by the module that has no JSON reader: the
//! built-in data (one file per chart, `dist/data/<chart>.bin`, and `all.bin` for
//! `chart="all"`) and the files editors publish for their own charts (a `data-src` ending
//! in `.bin`).
//!
//! A file is a 9-byte header and the payload:
//!
//! | bytes | what |
//! | --- | --- |
//! | 0–3 | magic: `89 50 4B 49` (0x89, then "PKI"; the high bit first refuses text at once) |
//! | 4 | the format version, `FORMAT` (2; format 1 held schema 2, with units by index) |
//! | 5–8 | CRC-32 of the payload (IEEE, as zlib's `crc32`), little-endian |
//! | 9– | the payload: the dataset |
//!
//! The payload is the model itself: every field of every struct in declaration order, no
//! keys and no tags beyond what an `Option` or a list needs. Whole numbers are LEB128
//! (lengths, counts, years), other numbers f64 little-endian, text UTF-8 after its length,
//! enums the index of their name in the vocabulary's table. Each figure carries its unit
//! resolved (name, words in both languages, scale, base, kind): the module that reads
//! these files has no table of units, and repeated units cost little once compressed.
//!
//! Writers validate the whole dataset first: the native `render` binary from `default.json`
//! (`cargo run --bin render -- --compact dist/data`), the editor's module from the
//! editor's JSON (`compactBytes`). The reader cannot trust that, as files come from
//! anywhere, and has no validator (its field-by-field checks and messages measured 2 KB of
//! gzipped wasm that every reader would download). So `decode` refuses a wrong magic, an
//! unknown format or schema, a file over `MAX_JSON_BYTES`, a damaged payload, and what the
//! layout could not draw safely: a number that is not finite or beyond `MAX_VALUE` (charts
//! would print "NaN", or "inf" once a unit is converted), a text longer than
//! `MAX_NOTE_CHARS` (the longest any text may be), more than `MAX_FIGURES` figures or charts
//! or `MAX_FIGURES_PER_CHART` panels in a chart, more marks and panels over all charts
//! than a valid dataset could draw (see `crowded`), and a unit whose scale would make
//! conversions overflow (`Unit::drawable`). These are the validator's limits, from
//! the same constants, checked as the bytes are read or in one pass after, each with a
//! plain message; a validated dataset always passes them (tests/fuzz.rs checks it). The
//! rest of validation (ids, references, units, periods, derived values, control
//! characters) keeps the data true to its source and readable, which the editor checked,
//! and is not needed to draw it: text reaches the canvas, and the page only as text.
//! `decode` never panics (one trap would stop every chart on the page, as they share one
//! wasm instance), and allocates only as the bytes it reads allow.

use super::model::*;
use super::{
    MAX_ANNOTATIONS, MAX_FIGURES, MAX_FIGURES_PER_CHART, MAX_JSON_BYTES, MAX_NOTE_CHARS, MAX_VALUE,
};
use crate::error::Error;
use crate::vocab::{
    ANNOTATION_NAMES, AXIS_NAMES, BOUND_NAMES, FORM_NAMES, KIND_NAMES, UNIT_KIND_NAMES,
};

/// The first bytes of every file.
pub const MAGIC: [u8; 4] = [0x89, b'P', b'K', b'I'];
/// The format this module reads and writes; a change to the payload's layout raises it.
pub const FORMAT: u8 = 2;
/// Magic, format and checksum: where the payload starts.
pub const HEADER_LEN: usize = 9;

/// Reads a dataset written by `encode`, refusing what charts could not draw safely.
pub fn decode(bytes: &[u8]) -> Result<Dataset, Error> {
    if !bytes.starts_with(&MAGIC) {
        return Err(refused("not a park-infographic data file".into()));
    }
    let Some((head, payload)) = bytes.split_first_chunk::<HEADER_LEN>() else {
        return Err(damaged());
    };
    if head[4] != FORMAT {
        return Err(refused(format!(
            "data file format {}; this widget reads format {FORMAT}",
            head[4]
        )));
    }
    // The JSON reader's limit, in this reader's words (its own would add their formatting).
    if bytes.len() > MAX_JSON_BYTES {
        return Err(refused(MANY.into()));
    }
    if crc32(payload).to_le_bytes() != [head[5], head[6], head[7], head[8]] {
        return Err(refused("the data file is damaged (checksum)".into()));
    }
    let mut r = Reader {
        bytes: payload,
        at: 0,
        damaged: false,
        undrawable: None,
    };
    let data = Dataset::get(&mut r);
    // The format byte says how the payload is laid out, and each format holds one schema:
    // any other inside is damage (the JSON reader's words for it are not downloaded here).
    if r.damaged || r.at != payload.len() || data.schema != super::SCHEMA_VERSION {
        return Err(damaged());
    }
    let lines = data.charts.iter().flat_map(|c| &c.annotations);
    let units =
        data.figures.iter().all(|f| f.unit.drawable()) && lines.clone().all(|a| a.unit.drawable());
    let undrawable = r.undrawable.or_else(|| (!units).then_some(NUMBER));
    match undrawable.or_else(|| crowded(&data).then_some(MANY)) {
        Some(why) => Err(refused(why.into())),
        None => Ok(data),
    }
}

const NUMBER: &str = "the data file has a number that is not finite, or too large to draw";
const MANY: &str = "the data file holds more than charts can draw";

/// What the charts would draw, counted as `charts::layout` draws it: every panel, and each
/// figure once per panel of its chart that it belongs to (once if the chart has none), over
/// every chart, as `chart="all"` draws them. A chart id or a panel id used twice would draw
/// the same figures again and again; a valid dataset draws at most `MAX_FIGURES` figures,
/// in at most as many panels (each panel needs a figure of its own). The count stops past
/// that, so with the lists' own limits a file made to be slow costs a million comparisons
/// of ids at most.
fn crowded(data: &Dataset) -> bool {
    let mut drawn = 0;
    for chart in &data.charts {
        drawn += chart.groups.len() + chart.annotations.len();
        for (_, f) in data.figures_of(&chart.id) {
            drawn += match &chart.groups[..] {
                [] => 1,
                groups => (groups.iter())
                    .filter(|g| f.group.as_deref() == Some(g.id.as_str()))
                    .count(),
            };
            if drawn > 2 * MAX_FIGURES {
                return true;
            }
        }
    }
    drawn > 2 * MAX_FIGURES
}

/// Writes `data` in the compact form, header included. (The writing side is compiled with
/// the `json` feature, as the render binary and the editor's module are: the module that
/// reads these files only reads.)
#[cfg(feature = "json")]
pub fn encode(data: &Dataset) -> Vec<u8> {
    let mut payload = Vec::new();
    data.put(&mut payload);
    with_header(&payload)
}

/// `payload` behind a header with its checksum: a file `decode` reads past the header.
#[cfg(feature = "json")]
pub fn with_header(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&MAGIC);
    out.push(FORMAT);
    out.extend_from_slice(&crc32(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// CRC-32 (IEEE 802.3, reflected, as zlib and PNG). Bit by bit, without the usual 1 KB
/// table: files are small, and the table would be wasm every reader downloads.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// What one chart needs: the source's title and the sections its figures name, the
/// chart, its figures, and the figures its derived ones are computed from (they stay in
/// the data table and tooltips). Not the subject, which no chart draws: a chart's file
/// is what its readers download.
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
    let figures: Vec<Figure> = data
        .figures
        .iter()
        .filter(|f| shown(f) || inputs.contains(&f.id.as_str()))
        .cloned()
        .collect();
    let named = |s: &Section| {
        let mut refs = figures.iter().filter_map(|f| f.source.as_ref());
        refs.any(|r| r.section == s.id)
    };
    let source = data.source.as_ref().map(|source| Source {
        title: source.title.clone(),
        sections: source
            .sections
            .iter()
            .filter(|s| named(s))
            .cloned()
            .collect(),
    });
    Dataset {
        subject: None,
        source,
        charts: data
            .charts
            .iter()
            .filter(|c| c.id == chart)
            .cloned()
            .collect(),
        figures,
        ..data.clone()
    }
}

fn refused(reason: String) -> Error {
    Error::invalid("", reason)
}

/// A payload that does not read as the format says, though its checksum matches.
fn damaged() -> Error {
    refused("the data file is damaged".into())
}

/// Reads without stopping at the first problem: damage sets `damaged` and reads go on with
/// stand-in values (zero, empty), which `decode` then refuses as a whole. No early return
/// in the middle of a struct, so no code to drop its half-read fields: a third of the size.
/// What reads well but could not be drawn is noted in `undrawable` (the first such thing).
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    damaged: bool,
    undrawable: Option<&'static str>,
}

impl Reader<'_> {
    fn refuse(&mut self, why: &'static str) {
        self.undrawable.get_or_insert(why);
    }

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
    /// The most items of this type a list may hold.
    const MOST: usize = usize::MAX;
    fn get(r: &mut Reader) -> Self;
    #[cfg(feature = "json")]
    fn put(&self, out: &mut Vec<u8>);
}

/// `Compact` for a struct: its fields, in this order, both ways; `most`: see `MOST`.
macro_rules! fields {
    ($t:ident $(most $most:ident)? { $($f:ident),* $(,)? }) => {
        impl Compact for $t {
            $(const MOST: usize = $most;)?
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
    converted_from,
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
// Each chart needs a figure of its own, and each panel too.
fields!(ChartSpec most MAX_FIGURES {
    id,
    form,
    title,
    description,
    note,
    groups,
    annotations,
    no_english
});
fields!(Group most MAX_FIGURES_PER_CHART { id, label, form });
fields!(Annotation most MAX_ANNOTATIONS {
    kind,
    figures,
    axis,
    from,
    to,
    unit,
    label
});
fields!(Figure most MAX_FIGURES {
    id,
    label,
    short,
    value,
    low,
    unit,
    counter,
    typed,
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
fields!(Typed { zh, en });
fields!(Unit {
    name,
    zh,
    en,
    en_before,
    scale,
    en_scale,
    base,
    kind,
    whole
});
named!(Form, FORM_NAMES);
named!(UnitKind, UNIT_KIND_NAMES);
named!(Bound, BOUND_NAMES);
named!(Kind, KIND_NAMES);
named!(DeriveOp, DERIVE_OP_NAMES);
named!(AnnotationKind, ANNOTATION_NAMES);
named!(Axis, AXIS_NAMES);

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
        let v = f64::from_le_bytes(raw);
        if v.is_nan() || v.abs() > MAX_VALUE {
            r.refuse(NUMBER);
        }
        v
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
        let text = text.unwrap_or_default();
        // Ids and references are far shorter in any valid dataset.
        if text.chars().count() > MAX_NOTE_CHARS {
            r.refuse(MANY);
        }
        text
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
        if n > T::MOST {
            r.refuse(MANY);
        }
        // Grown item by item, not sized from the length the file states, and given up at
        // the first damage: a list takes memory in proportion to bytes actually read.
        let mut items = Vec::new();
        while items.len() < n && !r.damaged {
            items.push(T::get(r));
        }
        items
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

    fn default_data() -> Dataset {
        Dataset::default_data().expect("the default reads")
    }

    fn message(bytes: &[u8]) -> String {
        match decode(bytes) {
            Ok(_) => panic!("accepted"),
            Err(e) => e.to_string(),
        }
    }

    /// A one-chart, one-figure file written byte by byte from the table in the module
    /// comment and the model's fields in order (by a Python script, not by `encode`), its
    /// CRC from Python's zlib.crc32.
    const HAND_MADE: [u8; 176] = [
        0x89, 0x50, 0x4B, 0x49, 0x02, 0xB2, 0x5B, 0xF3, 0x72, 0x03, 0x00, 0x01, 0x03, 0xE5, 0x9B,
        0xAD, 0x01, 0x04, 0x50, 0x61, 0x72, 0x6B, 0x01, 0x06, 0xE6, 0x8A, 0xA5, 0xE9, 0x81, 0x93,
        0x01, 0x06, 0x52, 0x65, 0x70, 0x6F, 0x72, 0x74, 0x01, 0x01, 0x73, 0x03, 0xE4, 0xB8, 0x80,
        0x01, 0x03, 0x4F, 0x6E, 0x65, 0x03, 0x01, 0x01, 0x63, 0x01, 0x03, 0xE5, 0x9B, 0xBE, 0x01,
        0x05, 0x43, 0x68, 0x61, 0x72, 0x74, 0x06, 0xE8, 0xAF, 0xB4, 0xE6, 0x98, 0x8E, 0x01, 0x05,
        0x41, 0x62, 0x6F, 0x75, 0x74, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x66, 0x03, 0xE6, 0x95,
        0xB0, 0x01, 0x05, 0x43, 0x6F, 0x75, 0x6E, 0x74, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x28, 0x40, 0x00, 0x03, 0xE4, 0xB8, 0xAA, 0x03, 0xE4, 0xB8, 0xAA, 0x01, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0,
        0x3F, 0x06, 0x74, 0x68, 0x69, 0x6E, 0x67, 0x73, 0x00, 0x01, 0x00, 0x01, 0x01, 0x05, 0x31,
        0x32, 0xE4, 0xB8, 0xAA, 0x00, 0x01, 0xE3, 0x0F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x01, 0x01, 0x73, 0x01, 0x01, 0x01, 0x01, 0x63, 0x00, 0x00,
    ];

    fn text(zh: &str, en: &str) -> Text {
        Text {
            zh: zh.into(),
            en: Some(en.into()),
        }
    }

    /// What `HAND_MADE` holds.
    fn hand_made_data() -> Dataset {
        Dataset {
            schema: 3,
            converted_from: None,
            subject: Some(text("园", "Park")),
            source: Some(Source {
                title: text("报道", "Report"),
                sections: vec![Section {
                    id: "s".into(),
                    title: text("一", "One"),
                    paragraphs: 3,
                }],
            }),
            charts: vec![ChartSpec {
                id: "c".into(),
                form: Form::Tiles,
                title: text("图", "Chart"),
                description: text("说明", "About"),
                note: None,
                groups: vec![],
                annotations: vec![],
                no_english: None,
            }],
            figures: vec![Figure {
                id: "f".into(),
                label: text("数", "Count"),
                short: None,
                value: Some(12.0),
                low: None,
                unit: crate::vocab::builtin_unit("个").expect("built in").unit(),
                counter: None,
                typed: Some(Typed {
                    zh: Some("12个".into()),
                    en: None,
                }),
                period: Some(Period {
                    year: 2019,
                    quarter: None,
                    horizon_years: None,
                    horizon_years_low: None,
                    as_of_report: false,
                }),
                bound: Bound::Exact,
                kind: Kind::Actual,
                band: None,
                derived: None,
                source: Some(SourceRef {
                    section: "s".into(),
                    paragraph: Some(1),
                }),
                chart: Some("c".into()),
                group: None,
                note: None,
            }],
        }
    }

    #[test]
    fn crc32_is_zlibs() {
        // Python: hex(zlib.crc32(b"123456789")), and so on.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"park-infographic"), 0x8F6E_2257);
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(crc32(&all), 0x2905_8C73);
    }

    #[test]
    fn a_file_written_by_hand_from_the_documented_layout_reads_and_is_what_encode_writes() {
        assert_eq!(decode(&HAND_MADE), Ok(hand_made_data()));
        assert_eq!(encode(&hand_made_data()), HAND_MADE);
    }

    #[test]
    fn the_default_and_every_chart_of_it_round_trip() {
        let data = default_data();
        let bytes = encode(&data);
        assert_eq!(bytes[..5], [0x89, b'P', b'K', b'I', 2]);
        assert_eq!(bytes[5..9], crc32(&bytes[9..]).to_le_bytes());
        assert_eq!(decode(&bytes), Ok(data.clone()));
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
    fn a_wrong_magic_or_format_is_refused_by_name() {
        const NOT_OURS: &str = "not a park-infographic data file";
        for bytes in [
            &b""[..],
            b"\x89PK",
            b"{\"schema\": 2}",
            b"\x89PNG\r\n\x1a\n\0\0\0",
        ] {
            assert_eq!(message(bytes), NOT_OURS, "{bytes:?}");
        }
        for (format, said) in [
            (1, "data file format 1; this widget reads format 2"),
            (3, "data file format 3; this widget reads format 2"),
        ] {
            let mut other = HAND_MADE;
            other[4] = format;
            assert_eq!(message(&other), said);
        }
        // The magic alone, or a header cut short: ours, but damaged.
        assert_eq!(message(&HAND_MADE[..4]), "the data file is damaged");
        assert_eq!(message(&HAND_MADE[..8]), "the data file is damaged");
    }

    #[test]
    fn any_one_flipped_bit_is_refused() {
        for at in 0..HAND_MADE.len() {
            for bit in 0..8 {
                let mut bytes = HAND_MADE;
                bytes[at] ^= 1 << bit;
                let expected = match at {
                    0..=3 => "not a park-infographic data file",
                    4 => "format",
                    _ => "the data file is damaged (checksum)",
                };
                let got = message(&bytes);
                assert!(got.contains(expected), "byte {at} bit {bit}: {got}");
            }
        }
        // And in a real chart's file, one bit per byte.
        let bytes = encode(&subset(&default_data(), "rankings"));
        for at in HEADER_LEN..bytes.len() {
            let mut changed = bytes.clone();
            changed[at] ^= 1 << (at % 8);
            assert_eq!(message(&changed), "the data file is damaged (checksum)");
        }
        let (mut cut, mut longer) = (bytes.clone(), bytes.clone());
        cut.pop();
        longer.push(0);
        assert_eq!(message(&cut), "the data file is damaged (checksum)");
        assert_eq!(message(&longer), "the data file is damaged (checksum)");
    }

    #[test]
    fn non_finite_and_huge_numbers_are_refused_in_every_number_field() {
        let base = default_data();
        let banded = base
            .figures
            .iter()
            .position(|f| f.band.is_some())
            .expect("the default has size bands");
        type Edit = fn(&mut Figure, f64);
        let fields: [(usize, Edit); 4] = [
            (0, |f, v| f.value = Some(v)),
            (0, |f, v| f.low = Some(v)),
            (banded, |f, v| {
                f.band.as_mut().expect("banded").min_yi_yuan = v
            }),
            (banded, |f, v| {
                f.band.as_mut().expect("banded").max_yi_yuan = Some(v);
            }),
        ];
        let number = "the data file has a number that is not finite, or too large to draw";
        for (k, (i, edit)) in fields.into_iter().enumerate() {
            for v in [
                f64::NAN,
                -f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                1e300,
                -1e16,
            ] {
                let mut data = base.clone();
                edit(&mut data.figures[i], v);
                // `encode` writes what it is given: the checksum is right, the number is not.
                assert_eq!(message(&encode(&data)), number, "field {k}, {v}");
            }
            // The limits themselves are drawn.
            for v in [1e15, -1e15, 0.0, -0.0, 5e-324] {
                let mut data = base.clone();
                edit(&mut data.figures[i], v);
                assert!(decode(&encode(&data)).is_ok(), "field {k}, {v}");
            }
        }
    }

    #[test]
    fn more_than_a_valid_dataset_holds_is_refused() {
        const MANY: &str = "the data file holds more than charts can draw";
        let base = default_data();
        let refused = |change: Change| {
            let mut data = base.clone();
            change(&mut data);
            decode(&encode(&data)).map_err(|e| e.to_string())
        };
        let grouped = base
            .charts
            .iter()
            .position(|c| c.groups.len() >= 2)
            .expect("a chart with panels");
        type Change<'a> = &'a dyn Fn(&mut Dataset);
        let cases: [(&str, Change); 7] = [
            ("a 301-character label", &|d| {
                d.figures[0].label.en = Some("x".repeat(301))
            }),
            ("a 301-character note", &|d| {
                d.charts[0].note = Some(Text {
                    zh: "注".repeat(301),
                    en: Some("note".into()),
                })
            }),
            ("501 figures", &|d| {
                let extra = d.figures[0].clone();
                d.figures.resize(501, extra);
            }),
            ("501 charts", &|d| {
                let extra = d.charts[0].clone();
                d.charts.resize(501, extra);
            }),
            ("41 panels in a chart", &|d| {
                let extra = d.charts[grouped].groups[0].clone();
                d.charts[grouped].groups.resize(41, extra);
            }),
            // An id used again draws its figures again: bounded by what a valid dataset
            // draws, not by the lists' lengths.
            ("a chart's id 300 times", &|d| {
                let again = d.charts[0].clone();
                d.charts.resize(300, again);
            }),
            ("40 panels with one id, over 40 figures", &|d| {
                let chart = &mut d.charts[grouped];
                let panel = chart.groups[0].clone();
                chart.groups = vec![panel.clone(); 40];
                let id = chart.id.clone();
                let mut figure = d.figures[0].clone();
                figure.chart = Some(id.clone());
                figure.group = Some(panel.id);
                d.figures.retain(|f| f.chart.as_ref() != Some(&id));
                d.figures.extend(std::iter::repeat_n(figure, 40));
            }),
        ];
        for (what, change) in cases {
            assert_eq!(refused(change), Err(MANY.into()), "{what}");
        }
        // At the limits, read: 300 characters, 500 figures (none in a chart), and one more
        // figure in a chart, to 40.
        let at_limits: [Change; 2] = [&|d| d.figures[0].label.zh = "字".repeat(300), &|d| {
            let mut extra = d.figures[0].clone();
            extra.chart = None;
            extra.group = None;
            d.figures.resize(500, extra);
        }];
        for change in at_limits {
            let mut data = base.clone();
            change(&mut data);
            assert_eq!(decode(&encode(&data)), Ok(data));
        }
    }

    #[test]
    fn the_schema_inside_must_be_one_the_widget_reads() {
        let mut data = hand_made_data();
        data.schema = 2;
        assert_eq!(message(&encode(&data)), "the data file is damaged");
    }

    #[test]
    fn damaged_payloads_with_a_right_checksum_are_an_error_not_a_panic() {
        let payload = &HAND_MADE[HEADER_LEN..];
        for cut in [0, 1, 7, payload.len() / 2, payload.len() - 1] {
            let bytes = with_header(&payload[..cut]);
            assert_eq!(message(&bytes), "the data file is damaged", "cut at {cut}");
        }
        let mut longer = payload.to_vec();
        longer.push(0);
        assert_eq!(message(&with_header(&longer)), "the data file is damaged");
        // A whole number longer than 32 bits.
        let huge = [2, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F];
        assert_eq!(message(&with_header(&huge)), "the data file is damaged");
        // A list that claims 2³² − 1 sections, in a file of 20 bytes: read until the bytes
        // run out, not allocated from the claim.
        let claims = [
            2, 1, b'a', 1, b'b', 1, b'c', 1, b'd', 0xFF, 0xFF, 0xFF, 0xFF, 0x0F,
        ];
        assert_eq!(message(&with_header(&claims)), "the data file is damaged");
    }

    #[test]
    fn files_over_the_size_limit_are_refused_before_reading() {
        let bytes = with_header(&vec![0; crate::data::MAX_JSON_BYTES]);
        assert_eq!(
            message(&bytes),
            "the data file holds more than charts can draw"
        );
    }

    /// (What such files draw is tested in tests/fuzz.rs: charts are a layer above data.)
    #[test]
    fn any_one_byte_changed_behind_a_right_checksum_is_refused_or_read() {
        let small = encode(&subset(&default_data(), "rankings"));
        let mut accepted = 0;
        for at in HEADER_LEN..small.len() {
            for value in [0x00, 0x80, 0xFF] {
                let mut payload = small[HEADER_LEN..].to_vec();
                payload[at - HEADER_LEN] = value;
                accepted += usize::from(decode(&with_header(&payload)).is_ok());
            }
        }
        // Most bytes are text and numbers: changed, the file still reads.
        assert!(accepted > 500, "only {accepted} changed files were read");
    }

    #[test]
    fn a_huge_count_is_read_and_past_max_value_refused() {
        // A units chart draws one square per thing: a count of a billion is read, and
        // drawn as a number (tests/fuzz.rs lays it out).
        let mut data = hand_made_data();
        data.charts[0].form = Form::Units;
        data.figures[0].value = Some(1e9);
        assert_eq!(decode(&encode(&data)), Ok(data.clone()));
        data.figures[0].value = Some(1e16);
        assert_eq!(
            message(&encode(&data)),
            "the data file has a number that is not finite, or too large to draw"
        );
    }
}

//! A spreadsheet cell as journalists type it, read into value, unit and bound: `12%`,
//! `3,000`, `1.2万`, `约5亿元`, `近300亿元`, `超100`, `100多`, `20个以上`, `18.5亿美元`,
//! `9家`, `1.2万人`, `-3.5%`, `1–2倍`, `前40`; in English `about 5`, `US$1.85bn`,
//! `more than 100`, `12,000 people`. The editor keeps the cell as typed (`typed`), shows
//! the reading beside it (`约 · 5 · 亿元`) and stores the value, unit and bound.
//!
//! Units are the built-in table's (`vocab::BUILTIN_UNITS`); a word that is none of them
//! is the unit as typed, marked unknown, for the editor to describe. English amounts are
//! read into the units Chinese writes them in: US$1.85bn is 18.5 亿美元.

use super::MAX_VALUE;
use crate::error::say;
use crate::vocab::{builtin_unit, Bound, BUILTIN_UNITS};

/// What a cell says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reading {
    /// The number (the upper end of a range); `None` for an empty or "not stated" cell.
    pub value: Option<f64>,
    /// The lower end of a range.
    pub low: Option<f64>,
    /// A built-in unit's name, or the word as typed when it is none (`unit_known` false).
    pub unit: Option<String>,
    pub unit_known: bool,
    pub bound: Bound,
    /// The cell, trimmed.
    pub typed: String,
    /// The reading for the editor's UI: "约 · 5 · 亿元".
    pub reading: String,
    /// Why the cell cannot be read; the other fields are then empty.
    pub error: Option<String>,
}

/// Cells that say there is no number.
const NO_VALUE: [&str; 9] = [
    "未披露",
    "不详",
    "无",
    "-",
    "—",
    "–",
    "n/a",
    "na",
    "not stated",
];

/// Reads one cell (see the module comment). Messages in the language `error::in_lang`
/// chose.
pub fn read_value(text: &str) -> Reading {
    let typed = text.trim().to_string();
    let cell = normalize(&typed);
    let mut out = Reading {
        typed,
        ..Reading::default()
    };
    if cell.is_empty() || NO_VALUE.iter().any(|w| cell.eq_ignore_ascii_case(w)) {
        out.reading = say!("not stated", "未披露");
        return out;
    }
    match parse(&cell) {
        Ok(read) => {
            out.reading = reading(&read);
            let Read {
                value,
                low,
                unit,
                known,
                bound,
            } = read;
            (out.value, out.low, out.unit, out.unit_known, out.bound) =
                (Some(value), low, unit, known, bound);
        }
        Err(why) => out.error = Some(why),
    }
    out
}

/// What `parse` found.
#[derive(Debug, PartialEq)]
struct Read {
    value: f64,
    low: Option<f64>,
    unit: Option<String>,
    known: bool,
    bound: Bound,
}

/// Full-width letters, digits and signs as ASCII (１２％ is 12%), the ideographic space
/// as a space, the minus sign as a hyphen.
fn normalize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2212}' => '-',
            '\u{FFE5}' => '¥',
            _ => c,
        })
        .collect()
}

/// Words before a number, longest first: (word, bound).
const BEFORE: [(&str, Bound); 24] = [
    ("approximately ", Bound::About),
    ("more than ", Bound::MoreThan),
    ("at least ", Bound::AtLeast),
    ("close to ", Bound::Nearly),
    ("roughly ", Bound::About),
    ("around ", Bound::About),
    ("almost ", Bound::Nearly),
    ("nearly ", Bound::Nearly),
    ("approx. ", Bound::About),
    ("about ", Bound::About),
    ("above ", Bound::MoreThan),
    ("over ", Bound::MoreThan),
    ("top ", Bound::Top),
    ("不少于", Bound::AtLeast),
    ("大约", Bound::About),
    ("约为", Bound::About),
    ("将近", Bound::Nearly),
    ("接近", Bound::Nearly),
    ("超过", Bound::MoreThan),
    ("至少", Bound::AtLeast),
    ("约", Bound::About),
    ("近", Bound::Nearly),
    ("超", Bound::MoreThan),
    ("逾", Bound::MoreThan),
];

/// Words after a number (after its unit, or between the two for 多): (word, bound).
const AFTER: [(&str, Bound); 7] = [
    (" or more", Bound::AtLeast),
    ("以上", Bound::AtLeast),
    ("左右", Bound::About),
    ("上下", Bound::About),
    ("多", Bound::MoreThan),
    ("余", Bound::MoreThan),
    ("+", Bound::MoreThan),
];

/// `rest` without a leading `word`, compared without regard to ASCII case.
fn strip_word<'a>(rest: &'a str, word: &str) -> Option<&'a str> {
    let head = rest.get(..word.len())?;
    head.eq_ignore_ascii_case(word).then(|| &rest[word.len()..])
}

fn parse(cell: &str) -> Result<Read, String> {
    let (mut bound, mut rest) = (Bound::Exact, cell);
    if let Some((r, b)) = BEFORE
        .iter()
        .find_map(|(w, b)| Some((strip_word(rest, w)?, *b)))
    {
        (bound, rest) = (b, r.trim_start());
    }
    let rank = match rest.strip_prefix('第').or_else(|| rest.strip_prefix('前')) {
        Some(r) => {
            bound = if rest.starts_with('前') {
                Bound::Top
            } else {
                bound
            };
            rest = r;
            true
        }
        None => bound == Bound::Top,
    };
    let (currency, r) = currency(rest);
    let (mut value, r) = number(r.trim_start(), cell)?;
    let (low, r) = match range_end(r, cell)? {
        Some((high, r)) => (Some(value), {
            value = high;
            r
        }),
        None => (None, r),
    };
    rest = r.trim_start();
    for (w, b) in AFTER {
        if let Some(r) = rest.strip_prefix(w) {
            (bound, rest) = (b, r.trim_start());
        } else if let Some(r) = rest.strip_suffix(w) {
            (bound, rest) = (b, r.trim_end());
        }
    }
    let bound = if low.is_some() { Bound::Range } else { bound };
    let mut read = unit(value, low, rest, currency, rank)?;
    read.bound = bound;
    check(read, cell)
}

/// A currency sign or code before the number: the base it names.
fn currency(rest: &str) -> (Option<&'static str>, &str) {
    const SIGNS: [(&str, &str); 7] = [
        ("US$", "usd"),
        ("USD", "usd"),
        ("$", "usd"),
        ("RMB", "yuan"),
        ("CNY", "yuan"),
        ("¥", "yuan"),
        ("￥", "yuan"),
    ];
    SIGNS
        .iter()
        .find_map(|(sign, base)| Some((Some(*base), strip_word(rest, sign)?)))
        .unwrap_or((None, rest))
}

/// A number at the start of `rest`: sign, digits with thousands commas, decimals, an
/// exponent. The rest of the text after it.
fn number<'a>(rest: &'a str, cell: &str) -> Result<(f64, &'a str), String> {
    let bytes = rest.as_bytes();
    let mut end = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    let digits_from = end;
    while bytes
        .get(end)
        .is_some_and(|b| b.is_ascii_digit() || *b == b'.' || (*b == b',' && end > digits_from))
    {
        end += 1;
    }
    if !bytes[digits_from..end].iter().any(u8::is_ascii_digit) {
        return Err(say!(
            "no number in \"{}\"; type a number such as 12.5, 1.2万 or 约5亿元",
            "“{}”中没有数字；请输入数字，如 12.5、1.2万 或 约5亿元",
            cell
        ));
    }
    // An exponent, only when digits follow the e (not the e of "eggs").
    if let Some(b'e' | b'E') = bytes.get(end) {
        let sign = usize::from(matches!(bytes.get(end + 1), Some(b'-' | b'+')));
        if bytes.get(end + 1 + sign).is_some_and(u8::is_ascii_digit) {
            end += 1 + sign;
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
        }
    }
    match decimal(&rest[..end]) {
        Some(v) => Ok((v, &rest[end..])),
        None => Err(say!(
            "\"{}\" is not a number as written; type digits with one decimal point",
            "“{}”不是数字的写法；请输入数字，最多一个小数点",
            cell
        )),
    }
}

/// `-1,234.5e3` as a number: its digits as a whole number, then scaled by a power of ten.
/// Exact, or correctly rounded, for the 15 significant digits a cell holds (the whole
/// number is exact, and one multiplication or division by an exact power of ten rounds
/// once); not `str::parse`, whose tables would be 5 KB of the editor's wasm. `None` for
/// two points or no digits; infinite beyond f64, for the caller to refuse.
fn decimal(text: &str) -> Option<f64> {
    let (number, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    let negative = number.starts_with('-');
    let (mut whole, mut scale, mut point, mut digits) = (0u64, 0i32, false, 0);
    for b in number.bytes() {
        match b {
            b'0'..=b'9' if whole < 100_000_000_000_000_000 => {
                whole = whole * 10 + u64::from(b - b'0');
                scale -= i32::from(point);
                digits += 1;
            }
            // Digits beyond 18 only say how large the number is.
            b'0'..=b'9' => scale += i32::from(!point),
            b'.' if !point => point = true,
            b'.' => return None,
            _ => {} // the sign, thousands commas
        }
    }
    let mut power: i32 = 0;
    for b in exponent.bytes().filter(u8::is_ascii_digit) {
        power = (power * 10 + i32::from(b - b'0')).min(10_000);
    }
    if exponent.starts_with('-') {
        power = -power;
    }
    if digits == 0 {
        return None;
    }
    let n = scale + power;
    let v = if n < 0 {
        whole as f64 / 10f64.powi(-n)
    } else {
        whole as f64 * 10f64.powi(n)
    };
    Some(if negative { -v } else { v })
}

/// The upper end of a range after `1–`, `1-`, `1~`, `1至`, `1到` or `1 to `.
fn range_end<'a>(rest: &'a str, cell: &str) -> Result<Option<(f64, &'a str)>, String> {
    const DASHES: [&str; 7] = ["–", "—", "-", "~", "至", "到", " to "];
    let Some(r) = DASHES.iter().find_map(|d| strip_word(rest, d)) else {
        return Ok(None);
    };
    let r = r.trim_start();
    // After the dash there may be the currency again: US$1–2bn, ¥1-¥2.
    let (_, r) = currency(r);
    if !r.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(None);
    }
    number(r, cell).map(Some)
}

/// Chinese magnitudes written before a unit or alone, longest first.
const MAGNITUDES_ZH: [(&str, f64); 6] = [
    ("万亿", 1e12),
    ("千万", 1e7),
    ("百万", 1e6),
    ("亿", 1e8),
    ("万", 1e4),
    ("千", 1e3),
];

/// English magnitude words and abbreviations.
const MAGNITUDES_EN: [(&str, f64); 9] = [
    ("trillion", 1e12),
    ("billion", 1e9),
    ("million", 1e6),
    ("thousand", 1e3),
    ("tn", 1e12),
    ("bn", 1e9),
    ("mn", 1e6),
    ("m", 1e6),
    ("k", 1e3),
];

/// The unit in the words after the number (and the currency before it).
fn unit(
    value: f64,
    low: Option<f64>,
    words: &str,
    currency: Option<&str>,
    rank: bool,
) -> Result<Read, String> {
    let known = |value, low, name: &str| Read {
        value,
        low,
        unit: Some(name.to_string()),
        known: true,
        bound: Bound::Exact,
    };
    if rank || ["名", "位"].contains(&words) || is_ordinal(words) {
        return Ok(known(value, low, "位"));
    }
    if words.is_empty() && currency.is_none() {
        return Ok(Read {
            value,
            low,
            unit: None,
            known: false,
            bound: Bound::Exact,
        });
    }
    if let Some(name) = chinese_unit(words) {
        return Ok(known(value, low, name));
    }
    if let Some((k, name)) = chinese_magnitude(words) {
        let scaled = |v: f64| tidy(v * k);
        return Ok(match name {
            Some(name) => known(scaled(value), low.map(scaled), name),
            None => Read {
                value: scaled(value),
                low: low.map(scaled),
                unit: None,
                known: false,
                bound: Bound::Exact,
            },
        });
    }
    if let Some(read) = english(value, low, words, currency) {
        return Ok(read);
    }
    Ok(Read {
        value,
        low,
        unit: Some(words.to_string()),
        known: false,
        bound: Bound::Exact,
    })
}

/// "4th", "1st": a place.
fn is_ordinal(words: &str) -> bool {
    ["st", "nd", "rd", "th"].contains(&words)
}

/// A built-in unit's name, or its sign: `%`, `x` and `×` for 倍, `pp` for points.
fn chinese_unit(words: &str) -> Option<&'static str> {
    let sign = match words {
        "x" | "X" | "×" | "times" => Some("倍"),
        "pp" | "个百分点" | "百分点" => Some("个百分点"),
        _ => None,
    };
    sign.or_else(|| builtin_unit(words).map(|u| u.name))
}

/// 万 alone (12000), or 千万元 (a magnitude before a known unit): the factor and the unit.
fn chinese_magnitude(words: &str) -> Option<(f64, Option<&'static str>)> {
    MAGNITUDES_ZH.iter().find_map(|(m, k)| {
        let rest = words.strip_prefix(m)?;
        match rest {
            "" => Some((*k, None)),
            rest => Some((*k, Some(chinese_unit(rest)?))),
        }
    })
}

/// English words: a magnitude ("bn", "million") and a noun ("people", "yuan"), or a
/// currency before the number. The amount goes into the unit Chinese would write it in.
fn english(value: f64, low: Option<f64>, words: &str, currency: Option<&str>) -> Option<Read> {
    let mut rest = words;
    let mut magnitude = None;
    for (word, k) in MAGNITUDES_EN {
        if let Some(r) = strip_word(rest, word) {
            if r.is_empty() || r.starts_with(' ') {
                (magnitude, rest) = (Some(k), r.trim_start());
                break;
            }
        }
    }
    let base = match (currency, rest.to_ascii_lowercase().as_str()) {
        (Some(base), "") => base,
        (_, "yuan" | "rmb" | "cny") => "yuan",
        (_, "usd" | "dollars" | "us dollars") => "usd",
        (None, noun) => english_noun(noun)?,
        _ => return None,
    };
    let k = magnitude.unwrap_or(1.0);
    let amount = value * k;
    // In 亿 or 万 when the English said how large (1.85bn, 1.2 million), else as is.
    let unit = BUILTIN_UNITS
        .iter()
        .filter(|u| u.base == base && u.en_scale == 1.0 && u.kind == crate::vocab::UnitKind::Amount)
        .filter(|u| (magnitude.is_some() || u.scale == 1.0) && u.scale <= amount.abs().max(1.0))
        .max_by(|a, b| a.scale.total_cmp(&b.scale))?;
    let scaled = |v: f64| tidy(v * k / unit.scale);
    Some(Read {
        value: scaled(value),
        low: low.map(scaled),
        unit: Some(unit.name.to_string()),
        known: true,
        bound: Bound::Exact,
    })
}

/// The base of the built-in unit whose English word this is ("firms" → firms).
fn english_noun(noun: &str) -> Option<&'static str> {
    let noun = match noun {
        "person" | "persons" => "people",
        "tons" | "ton" | "tonne" | "t" => "tonnes",
        "firm" | "companies" | "company" | "enterprises" => "firms",
        other => other,
    };
    BUILTIN_UNITS
        .iter()
        .find(|u| u.en == noun && u.scale == 1.0)
        .map(|u| u.base)
}

/// A product of decimals rounded to what they held: 1.85 × 1e9 / 1e8 is 18.5, not
/// 18.500000000000004.
fn tidy(v: f64) -> f64 {
    let exp = 10f64.powi(9 - v.abs().max(1.0).log10().floor() as i32);
    (v * exp).round() / exp
}

/// Finite, drawable, and a range that goes up.
fn check(read: Read, cell: &str) -> Result<Read, String> {
    let numbers = [Some(read.value), read.low];
    if numbers
        .iter()
        .flatten()
        .any(|v| !v.is_finite() || v.abs() > MAX_VALUE)
    {
        return Err(super::validate::too_large(cell));
    }
    if read.low.is_some_and(|low| low > read.value) {
        return Err(say!(
            "in \"{}\" the range goes down; write the smaller number first",
            "“{}”的范围是从大到小；请先写较小的数",
            cell
        ));
    }
    Ok(read)
}

/// "约 · 5 · 亿元", "1–2 · 倍", "前 · 40 · 位".
fn reading(read: &Read) -> String {
    let word = match read.bound {
        Bound::Exact | Bound::Range => "",
        Bound::About => "约",
        Bound::Nearly => "近",
        Bound::AtLeast => "不少于",
        Bound::MoreThan => "超过",
        Bound::Top => "前",
    };
    let n = |v: f64| crate::format::fixed(v, 9);
    let number = match read.low {
        Some(low) => format!("{}–{}", n(low), n(read.value)),
        None => n(read.value),
    };
    let unit = read.unit.as_deref().unwrap_or("");
    let parts = [word, number.as_str(), unit];
    let shown: Vec<&str> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    shown.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (cell, value, low, unit, known, bound, reading): written by hand.
    #[allow(clippy::type_complexity)]
    const CASES: [(&str, f64, Option<f64>, Option<&str>, bool, Bound, &str); 36] = [
        ("12%", 12.0, None, Some("%"), true, Bound::Exact, "12 · %"),
        ("3,000", 3000.0, None, None, false, Bound::Exact, "3000"),
        ("1.2万", 12000.0, None, None, false, Bound::Exact, "12000"),
        ("3.5亿", 3.5e8, None, None, false, Bound::Exact, "350000000"),
        (
            "约5亿元",
            5.0,
            None,
            Some("亿元"),
            true,
            Bound::About,
            "约 · 5 · 亿元",
        ),
        (
            "近300亿元",
            300.0,
            None,
            Some("亿元"),
            true,
            Bound::Nearly,
            "近 · 300 · 亿元",
        ),
        (
            "超100",
            100.0,
            None,
            None,
            false,
            Bound::MoreThan,
            "超过 · 100",
        ),
        (
            "100多",
            100.0,
            None,
            None,
            false,
            Bound::MoreThan,
            "超过 · 100",
        ),
        (
            "100多家",
            100.0,
            None,
            Some("家"),
            true,
            Bound::MoreThan,
            "超过 · 100 · 家",
        ),
        (
            "超100家",
            100.0,
            None,
            Some("家"),
            true,
            Bound::MoreThan,
            "超过 · 100 · 家",
        ),
        (
            "20个以上",
            20.0,
            None,
            Some("个"),
            true,
            Bound::AtLeast,
            "不少于 · 20 · 个",
        ),
        (
            "18.5亿美元",
            18.5,
            None,
            Some("亿美元"),
            true,
            Bound::Exact,
            "18.5 · 亿美元",
        ),
        ("9家", 9.0, None, Some("家"), true, Bound::Exact, "9 · 家"),
        (
            "1.2万人",
            1.2,
            None,
            Some("万人"),
            true,
            Bound::Exact,
            "1.2 · 万人",
        ),
        (
            "-3.5%",
            -3.5,
            None,
            Some("%"),
            true,
            Bound::Exact,
            "-3.5 · %",
        ),
        (
            "−3.5％",
            -3.5,
            None,
            Some("%"),
            true,
            Bound::Exact,
            "-3.5 · %",
        ),
        (
            "1–2倍",
            2.0,
            Some(1.0),
            Some("倍"),
            true,
            Bound::Range,
            "1–2 · 倍",
        ),
        (
            "1-2倍",
            2.0,
            Some(1.0),
            Some("倍"),
            true,
            Bound::Range,
            "1–2 · 倍",
        ),
        (
            "10至20亿元",
            20.0,
            Some(10.0),
            Some("亿元"),
            true,
            Bound::Range,
            "10–20 · 亿元",
        ),
        (
            "前40",
            40.0,
            None,
            Some("位"),
            true,
            Bound::Top,
            "前 · 40 · 位",
        ),
        (
            "前40名",
            40.0,
            None,
            Some("位"),
            true,
            Bound::Top,
            "前 · 40 · 位",
        ),
        ("第4名", 4.0, None, Some("位"), true, Bound::Exact, "4 · 位"),
        ("about 5", 5.0, None, None, false, Bound::About, "约 · 5"),
        (
            "US$1.85bn",
            18.5,
            None,
            Some("亿美元"),
            true,
            Bound::Exact,
            "18.5 · 亿美元",
        ),
        (
            "US$5,000",
            5000.0,
            None,
            Some("美元"),
            true,
            Bound::Exact,
            "5000 · 美元",
        ),
        (
            "more than 100",
            100.0,
            None,
            None,
            false,
            Bound::MoreThan,
            "超过 · 100",
        ),
        (
            "12,000 people",
            12000.0,
            None,
            Some("人"),
            true,
            Bound::Exact,
            "12000 · 人",
        ),
        (
            "1.2 million people",
            120.0,
            None,
            Some("万人"),
            true,
            Bound::Exact,
            "120 · 万人",
        ),
        (
            "5 billion yuan",
            50.0,
            None,
            Some("亿元"),
            true,
            Bound::Exact,
            "50 · 亿元",
        ),
        (
            "top 10",
            10.0,
            None,
            Some("位"),
            true,
            Bound::Top,
            "前 · 10 · 位",
        ),
        ("4th", 4.0, None, Some("位"), true, Bound::Exact, "4 · 位"),
        (
            "2.5个百分点",
            2.5,
            None,
            Some("个百分点"),
            true,
            Bound::Exact,
            "2.5 · 个百分点",
        ),
        (
            "3.5万辆",
            3.5,
            None,
            Some("万辆"),
            false,
            Bound::Exact,
            "3.5 · 万辆",
        ),
        (
            "１２％",
            12.0,
            None,
            Some("%"),
            true,
            Bound::Exact,
            "12 · %",
        ),
        (
            "1.5 GW",
            1.5,
            None,
            Some("GW"),
            true,
            Bound::Exact,
            "1.5 · GW",
        ),
        (
            "300左右",
            300.0,
            None,
            None,
            false,
            Bound::About,
            "约 · 300",
        ),
    ];

    #[test]
    fn cells_read_as_journalists_type_them() {
        for (cell, value, low, unit, known, bound, shown) in CASES {
            let r = crate::error::in_lang(crate::vocab::Lang::Zh, || read_value(cell));
            assert_eq!(r.error, None, "{cell}");
            let got = (r.value, r.low, r.unit.as_deref(), r.unit_known, r.bound);
            assert_eq!(got, (Some(value), low, unit, known, bound), "{cell}");
            assert_eq!(
                (r.reading.as_str(), r.typed.as_str()),
                (shown, cell),
                "{cell}"
            );
        }
    }

    #[test]
    fn empty_and_not_stated_cells_have_no_value_and_no_error() {
        for cell in ["", "  ", "未披露", "-", "N/A", "not stated"] {
            let r = read_value(cell);
            assert_eq!((r.value, r.error.as_deref()), (None, None), "{cell:?}");
        }
    }

    #[test]
    fn what_cannot_be_read_says_so_in_plain_words() {
        let en = |cell| read_value(cell).error.unwrap_or_default();
        assert!(
            en("1e309").contains("1e309 is too large"),
            "{}",
            en("1e309")
        );
        assert!(en("1e16").contains("too large"));
        assert!(en("很多").contains("no number in \"很多\""));
        assert!(en("2–1倍").contains("the range goes down"));
        let zh = crate::error::in_lang(crate::vocab::Lang::Zh, || read_value("1e309"));
        assert!(zh.error.unwrap_or_default().contains("太大"));
        // Trimmed, kept as typed.
        assert_eq!(read_value("  约5亿元 ").typed, "约5亿元");
    }
}

//! Numbers and amounts with their units as readers see them, in Chinese and English.
//! Pure functions over the vocabulary only (words about whole figures, with their bounds,
//! periods and sources, are in `describe.rs`).

pub use crate::vocab::Lang;
use crate::vocab::{Text, Unit, UnitKind};

/// A number with at most `decimals` decimals, trailing zeros dropped; English groups
/// thousands with commas, Chinese (which counts in 万 and 亿) does not.
pub fn number(v: f64, decimals: usize, lang: Lang) -> String {
    let s = fixed(v, decimals);
    if lang == Lang::Zh {
        return s;
    }
    let (sign, rest) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    // By byte position, not `split_once`: a pattern searcher is half a KB of wasm.
    let (int, frac) = match rest.bytes().position(|b| b == b'.') {
        Some(at) => (
            rest.get(..at).unwrap_or(rest),
            rest.get(at + 1..).unwrap_or(""),
        ),
        None => (rest, ""),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// `v` rounded to at most `decimals` places, trailing zeros dropped: "17.6", "-3", "0.12".
/// Integer arithmetic, not `format!("{:.2}")`, which links core's exact float formatting
/// (Dragon4, several KB) into the wasm.
pub fn fixed(v: f64, decimals: usize) -> String {
    // Fewer decimals for huge values, so the scaled value still fits a u64 (f64 has no
    // more precision there anyway).
    let mut decimals = decimals.min(9) as u32;
    let fits = |d: u32| (v.abs() * 10f64.powi(d as i32)).round() < u64::MAX as f64;
    while decimals > 0 && !fits(decimals) {
        decimals -= 1;
    }
    let unit = 10u64.pow(decimals);
    let scaled = (v.abs() * unit as f64).round();
    if !scaled.is_finite() || !fits(decimals) {
        // NaN, infinities and beyond 1.8e19 (validation keeps data far below).
        return non_finite(v);
    }
    let n = scaled as u64;
    let sign = if v < 0.0 && n != 0 { "-" } else { "" };
    let (int, frac) = (n / unit, n % unit);
    if frac == 0 {
        return format!("{sign}{int}");
    }
    let digits = format!("{frac:0width$}", width = decimals as usize);
    format!("{sign}{int}.{}", digits.trim_end_matches('0'))
}

/// What is left when a number is too big for `fixed`, without core's float formatting.
fn non_finite(v: f64) -> String {
    match v {
        _ if v.is_nan() => "NaN".into(),
        f64::INFINITY => "inf".into(),
        f64::NEG_INFINITY => "-inf".into(),
        _ => scientific(v),
    }
}

/// Scientific notation for messages about absurd values: "1e300", "-2.5e20".
pub fn scientific(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return if v == 0.0 { "0".into() } else { non_finite(v) };
    }
    let exp = exponent(v);
    format!("{}e{exp}", fixed(v / 10f64.powi(exp), 3))
}

/// The power of ten at or below `|v|`: ⌊log₁₀ |v|⌋, for finite non-zero `v`. Counted
/// with `powi` rather than taken from `log10`, which would link libm's logarithm into
/// the wasm for this alone. (`powi` of large exponents is off by an ulp or two, so a
/// value within a billionth of a power of ten counts as that power.)
pub fn exponent(v: f64) -> i32 {
    let v = v.abs() * (1.0 + 1e-9);
    let mut n = 0;
    while n < 400 && 10f64.powi(n + 1) <= v {
        n += 1;
    }
    while n > -400 && 10f64.powi(n) > v {
        n -= 1;
    }
    n
}

/// `parts` with `sep` between them: a loop, where `join`'s generic copying is a KB of wasm.
pub fn joined<S: AsRef<str>>(parts: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            out.push_str(sep);
        }
        out.push_str(part.as_ref());
    }
    out
}

/// The amount with its unit, without bound words: "300亿元", "30 billion yuan".
pub fn amount(v: f64, unit: &Unit, counter: Option<&Text>, lang: Lang) -> String {
    amount_parts(v, unit, counter, lang).join()
}

/// A value split where a big-number tile sets the number larger than its words:
/// `before + number + after` is the whole text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parts {
    pub before: String,
    pub number: String,
    pub after: String,
}

impl Parts {
    pub fn join(&self) -> String {
        format!("{}{}{}", self.before, self.number, self.after)
    }
}

/// `amount`, split into the words before the number, the number and the words after. A
/// counter (a figure's own measure word and noun) stands in for an amount's words (rates,
/// places, years and multiples keep theirs). Chinese writes the number in the unit
/// (300亿元); English in the unit's English word, which for most amounts counts the base
/// (亿元 → yuan), in millions and billions. (Strings pushed, not formatted: every reader
/// downloads this.)
pub fn amount_parts(v: f64, unit: &Unit, counter: Option<&Text>, lang: Lang) -> Parts {
    let counter = counter.filter(|_| unit.kind == UnitKind::Amount);
    let word = match lang {
        Lang::Zh => counter.map_or(&unit.zh, |c| &c.zh).as_str(),
        Lang::En => (counter.and_then(|c| c.en.as_ref()))
            .or(unit.en.as_ref())
            .map_or("", String::as_str),
    };
    let mut p = Parts::default();
    match (lang, unit.kind) {
        (_, UnitKind::Index) => p.number = number(v, 1, lang),
        (Lang::En, UnitKind::Rank) => {
            p.number = number(v.round(), 0, lang);
            p.after.push_str(ordinal(v));
        }
        (Lang::Zh, kind) => {
            if kind == UnitKind::Rank {
                p.before.push('第');
            }
            p.number = number(v, 2, lang);
            p.after.push_str(word);
        }
        (Lang::En, kind) => english(&mut p, v, unit, word, kind == UnitKind::Amount),
    }
    p
}

/// `amount_parts` in English: the number in the unit's English word (an amount in its
/// base, in millions and billions), the word before it or after it as the unit says.
fn english(p: &mut Parts, v: f64, unit: &Unit, word: &str, amount: bool) {
    let v = if amount {
        v * unit.scale / unit.en_scale
    } else {
        v
    };
    let (k, big) = if amount { magnitude(v) } else { (1.0, "") };
    let per = if amount {
        unit.scale / unit.en_scale / k
    } else {
        1.0
    };
    p.number = number(v / k, en_decimals(per), Lang::En);
    let word = if p.number == "1" && big.is_empty() {
        singular(word)
    } else {
        word
    };
    let spaced =
        |w: &str, at: Option<u8>| !w.is_empty() && at.is_some_and(|b| b.is_ascii_alphanumeric());
    if unit.en_before && amount {
        p.before.push_str(word);
        if spaced(word, word.bytes().last()) {
            p.before.push(' ');
        }
        p.after.push_str(big);
    } else {
        p.after.push_str(big);
        if spaced(word, word.bytes().next()) {
            p.after.push(' ');
        }
        p.after.push_str(word);
    }
}

/// Decimals of an English amount whose unit is `per` of the English number's (亿元 in
/// billions: 0.1), so that it says every digit of the Chinese, which has two in its unit.
fn en_decimals(per: f64) -> usize {
    let (mut decimals, mut last) = (2, per);
    while last < 0.99 && decimals < 9 {
        last *= 10.0;
        decimals += 1;
    }
    decimals
}

/// What a large English number is written in: (1e9, " billion"); (1, "") below a million.
fn magnitude(v: f64) -> (f64, &'static str) {
    match v.abs() {
        a if a >= 1e12 => (1e12, " trillion"),
        a if a >= 1e9 => (1e9, " billion"),
        a if a >= 1e6 => (1e6, " million"),
        _ => (1.0, ""),
    }
}

/// "firm" for "firms", "percentage point" for "percentage points": the last word of a
/// noun of one or two words, when it ends in one s. Longer phrases ("rounds of visits")
/// are left as written: their noun is not at the end. (No more grammar than that: it is
/// wasm every reader downloads; the units' words are chosen to suit it.)
fn singular(word: &str) -> &str {
    let phrase = word.bytes().filter(|&b| b == b' ').count() > 1;
    let stem = word
        .strip_suffix('s')
        .filter(|s| !phrase && !s.ends_with('s'));
    stem.unwrap_or(word)
}

/// The English ordinal suffix: 1st, 2nd, 3rd, 4th, 11th, 21st.
fn ordinal(v: f64) -> &'static str {
    let n = v.round() as i64;
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// An axis unit: the factor from the data unit to the unit ticks are written in, and its
/// name ("亿元", "billion yuan", "US$ million"); empty for plain numbers. English amount
/// axes switch to millions or billions of the base.
pub fn axis_unit(unit: &Unit, max: f64, lang: Lang) -> (f64, String) {
    let en = unit.en.as_deref().unwrap_or("");
    let name = match (lang, unit.kind) {
        (Lang::Zh, UnitKind::Rank) => "名次",
        (Lang::En, UnitKind::Rank) => "rank",
        (Lang::Zh, UnitKind::Index) => "指数（起点=100）",
        (Lang::En, UnitKind::Index) => "index (start = 100)",
        (Lang::Zh, _) => &unit.zh,
        (Lang::En, _) if en.is_empty() && unit.whole => "count",
        (Lang::En, _) => en,
    };
    if lang == Lang::Zh || unit.kind != UnitKind::Amount {
        return (1.0, name.to_string());
    }
    let per = unit.scale / unit.en_scale;
    let (k, big) = magnitude(max * per);
    let big = big.trim_start();
    let mut out = String::from(if unit.en_before { name } else { big });
    if !big.is_empty() && !name.is_empty() {
        out.push(' ');
    }
    out.push_str(if unit.en_before { big } else { name });
    (per / k, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_thousands_in_english_only() {
        assert_eq!(number(350000.0, 0, Lang::En), "350,000");
        assert_eq!(number(350000.0, 0, Lang::Zh), "350000");
        assert_eq!(number(-1234.5, 2, Lang::En), "-1,234.5");
        assert_eq!(number(26.0, 1, Lang::En), "26");
        assert_eq!(number(-0.0001, 2, Lang::En), "0");
        assert_eq!(number(0.12, 2, Lang::Zh), "0.12");
        assert_eq!(number(2.005, 1, Lang::Zh), "2");
        assert_eq!(number(999.996, 2, Lang::En), "1,000");
        assert_eq!(fixed(f64::NAN, 2), "NaN");
        assert_eq!(scientific(1e300), "1e300");
        assert_eq!(scientific(-2.5e20), "-2.5e20");
        for (v, n) in [
            (1.0, 0),
            (9.99, 0),
            (10.0, 1),
            (1e15, 15),
            (0.05, -2),
            (1e-300, -300),
        ] {
            assert_eq!(exponent(v), n, "{v}");
        }
    }

    fn unit(name: &str) -> Unit {
        crate::vocab::builtin_unit(name).expect("built in").unit()
    }

    #[test]
    fn english_money_axes_switch_scale() {
        let yi = unit("亿元");
        assert_eq!(
            axis_unit(&yi, 300.0, Lang::En),
            (0.1, "billion yuan".into())
        );
        assert_eq!(
            axis_unit(&yi, 2.0, Lang::En),
            (100.0, "million yuan".into())
        );
        assert_eq!(axis_unit(&yi, 300.0, Lang::Zh), (1.0, "亿元".into()));
        let usd = unit("亿美元");
        assert_eq!(axis_unit(&usd, 18.5, Lang::En), (0.1, "US$ billion".into()));
        assert_eq!(
            axis_unit(&unit("个"), 40.0, Lang::En),
            (1.0, "count".into())
        );
        assert_eq!(
            axis_unit(&unit("万平方米"), 35.0, Lang::En),
            (1e4, "m²".into())
        );
    }

    /// Amounts stated to the hundredth, as a reader writes them: Chinese keeps both
    /// decimals in its unit; English says the same digits in its base's words (亿元 is 10⁸
    /// yuan, so 12.35亿元 is 1,235,000,000 yuan). Written by hand, not computed.
    #[test]
    fn amounts_with_two_decimals_keep_both_in_both_languages() {
        let cases: [(f64, &str, &str, &str); 11] = [
            (12.35, "亿元", "12.35亿元", "1.235 billion yuan"),
            (1.05, "亿元", "1.05亿元", "105 million yuan"),
            (0.35, "亿元", "0.35亿元", "35 million yuan"),
            (1234.56, "万元", "1234.56万元", "12.3456 million yuan"),
            (1234.56, "元", "1234.56元", "1,234.56 yuan"),
            (18.25, "亿美元", "18.25亿美元", "US$1.825 billion"),
            (3.25, "万人", "3.25万人", "32,500 people"),
            (12.35, "万平方米", "12.35万平方米", "123,500 m²"),
            (9.75, "平方公里", "9.75平方公里", "9.75 km²"),
            (12.35, "%", "12.35%", "12.35%"),
            (2.25, "个百分点", "2.25个百分点", "2.25 percentage points"),
        ];
        for (v, name, zh, en) in cases {
            assert_eq!(amount(v, &unit(name), None, Lang::Zh), zh, "{v} {name}");
            assert_eq!(amount(v, &unit(name), None, Lang::En), en, "{v} {name}");
        }
    }

    /// Every expected string written by hand, not computed.
    #[test]
    fn open_units_read_in_both_languages() {
        let cases: [(f64, &str, &str, &str); 22] = [
            (18.5, "亿美元", "18.5亿美元", "US$1.85 billion"),
            (3.0, "万美元", "3万美元", "US$30,000"),
            (9.0, "家", "9家", "9 firms"),
            (1.0, "家", "1家", "1 firm"),
            (1.2, "万人", "1.2万人", "12,000 people"),
            (120.0, "万人", "120万人", "1.2 million people"),
            (300.0, "亿元", "300亿元", "30 billion yuan"),
            (1200.0, "万元", "1200万元", "12 million yuan"),
            (35.0, "万平方米", "35万平方米", "350,000 m²"),
            (9.5, "平方公里", "9.5平方公里", "9.5 km²"),
            (50.0, "亩", "50亩", "50 mu"),
            (3.5, "万吨", "3.5万吨", "35,000 tonnes"),
            (-3.5, "%", "-3.5%", "-3.5%"),
            (1.0, "个百分点", "1个百分点", "1 percentage point"),
            (2.5, "个百分点", "2.5个百分点", "2.5 percentage points"),
            (2.0, "倍", "2倍", "2×"),
            (1.0, "年", "1年", "1 year"),
            (4.0, "位", "第4名", "4th"),
            (158.74, "指数", "158.7", "158.7"),
            (1.5, "GW", "1.5GW", "1.5 GW"),
            (12.0, "批次", "12批次", "12 rounds"),
            (1.0, "批次", "1批次", "1 round"),
        ];
        for (v, name, zh, en) in cases {
            assert_eq!(amount(v, &unit(name), None, Lang::Zh), zh, "{name}");
            assert_eq!(amount(v, &unit(name), None, Lang::En), en, "{name}");
        }
        // A dataset's own unit with an English word, and one without.
        let mut cars = unit("万人");
        (cars.name, cars.zh, cars.en, cars.base) = (
            "万辆".into(),
            "万辆".into(),
            Some("vehicles".into()),
            "vehicles".into(),
        );
        assert_eq!(amount(3.5, &cars, None, Lang::En), "35,000 vehicles");
        cars.en = None;
        assert_eq!(amount(3.5, &cars, None, Lang::Zh), "3.5万辆");
        // A counter speaks for the unit.
        let counter = Text {
            zh: "批次".into(),
            en: Some("rounds of visits".into()),
        };
        assert_eq!(
            amount(260.0, &unit("个"), Some(&counter), Lang::Zh),
            "260批次"
        );
        assert_eq!(
            amount(260.0, &unit("个"), Some(&counter), Lang::En),
            "260 rounds of visits"
        );
    }
}

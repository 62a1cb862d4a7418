//! Numbers and amounts with their units as readers see them, in Chinese and English.
//! Pure functions over the vocabulary only (words about whole figures, with their bounds,
//! periods and sources, are in `describe.rs`).

pub use crate::vocab::Lang;
use crate::vocab::{Text, Unit};

/// A number with at most `decimals` decimals, trailing zeros dropped; English groups
/// thousands with commas, Chinese (which counts in 万 and 亿) does not.
pub fn number(v: f64, decimals: usize, lang: Lang) -> String {
    let s = fixed(v, decimals);
    if lang == Lang::Zh {
        return s;
    }
    let (sign, rest) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, ""), |(i, f)| (i, f));
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
    let exp = v.abs().log10().floor() as i32;
    format!("{}e{exp}", fixed(v / 10f64.powi(exp), 3))
}

/// The amount with its unit, without bound words: "300亿元", "30 billion yuan".
pub fn amount(v: f64, unit: Unit, counter: Option<&Text>, lang: Lang) -> String {
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
    fn new(before: &str, number: String, after: &str) -> Parts {
        Parts {
            before: before.to_string(),
            number,
            after: after.to_string(),
        }
    }

    pub fn join(&self) -> String {
        format!("{}{}{}", self.before, self.number, self.after)
    }
}

/// `amount`, split into the words before the number, the number and the words after.
pub fn amount_parts(v: f64, unit: Unit, counter: Option<&Text>, lang: Lang) -> Parts {
    let n = number(v, 2, lang);
    let p = |before: &str, after: &str| Parts::new(before, n.clone(), after);
    match (lang, unit) {
        (_, Unit::Percent) => p("", "%"),
        (Lang::Zh, Unit::Count) => p("", counter.map_or("", |c| &c.zh)),
        (Lang::En, Unit::Count) => match counter {
            Some(c) => p("", &format!(" {}", c.en)),
            None => p("", ""),
        },
        (Lang::Zh, Unit::YiYuan) => p("", "亿元"),
        (Lang::Zh, Unit::WanYuan) => p("", "万元"),
        // 1 亿 = 100 million; 10 亿 = 1 billion.
        (Lang::En, Unit::YiYuan | Unit::WanYuan) => en_yuan(in_base(v, unit)),
        (Lang::Zh, Unit::WanM2) => p("", "万平方米"),
        (Lang::En, Unit::WanM2) => Parts::new("", number(in_base(v, unit), 0, lang), " m²"),
        (Lang::Zh, Unit::Km2) => p("", "平方公里"),
        (Lang::En, Unit::Km2) => p("", " km²"),
        (Lang::Zh, Unit::Rank) => p("第", "名"),
        (Lang::En, Unit::Rank) => Parts::new("", number(v.round(), 0, lang), ordinal(v)),
        (Lang::Zh, Unit::Years) => p("", "年"),
        (Lang::En, Unit::Years) if v == 1.0 => p("", " year"),
        (Lang::En, Unit::Years) => p("", " years"),
        (Lang::Zh, Unit::Multiple) => p("", "倍"),
        (Lang::En, Unit::Multiple) => p("", "×"),
        (_, Unit::Index) => Parts::new("", number(v, 1, lang), ""),
    }
}

/// `v` in the base unit of its quantity (yuan, m²), from the one unit table.
fn in_base(v: f64, unit: Unit) -> f64 {
    unit.base().map_or(v, |(_, factor)| v * factor)
}

fn en_yuan(yuan: f64) -> Parts {
    let (scaled, words) = if yuan >= 1e9 {
        (yuan / 1e9, " billion yuan")
    } else if yuan >= 1e6 {
        (yuan / 1e6, " million yuan")
    } else {
        return Parts::new("", number(yuan, 0, Lang::En), " yuan");
    };
    Parts::new("", number(scaled, 2, Lang::En), words)
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
/// name. English money axes switch to billions or millions of yuan.
pub fn axis_unit(unit: Unit, max: f64, lang: Lang) -> (f64, &'static str) {
    match (lang, unit) {
        (_, Unit::Percent) => (1.0, "%"),
        (Lang::Zh, Unit::Count) => (1.0, "个"),
        (Lang::En, Unit::Count) => (1.0, "count"),
        (Lang::Zh, Unit::YiYuan) => (1.0, "亿元"),
        (Lang::En, Unit::YiYuan) if max >= 10.0 => (in_base(1.0, unit) / 1e9, "billion yuan"),
        (Lang::En, Unit::YiYuan | Unit::WanYuan) => (in_base(1.0, unit) / 1e6, "million yuan"),
        (Lang::Zh, Unit::WanYuan) => (1.0, "万元"),
        (Lang::Zh, Unit::WanM2) => (1.0, "万平方米"),
        (Lang::En, Unit::WanM2) => (in_base(1.0, unit), "m²"),
        (Lang::Zh, Unit::Km2) => (1.0, "平方公里"),
        (Lang::En, Unit::Km2) => (1.0, "km²"),
        (Lang::Zh, Unit::Rank) => (1.0, "名次"),
        (Lang::En, Unit::Rank) => (1.0, "rank"),
        (Lang::Zh, Unit::Years) => (1.0, "年"),
        (Lang::En, Unit::Years) => (1.0, "years"),
        (Lang::Zh, Unit::Multiple) => (1.0, "倍"),
        (Lang::En, Unit::Multiple) => (1.0, "×"),
        (Lang::Zh, Unit::Index) => (1.0, "指数（起点=100）"),
        (Lang::En, Unit::Index) => (1.0, "index (start = 100)"),
    }
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
    }

    #[test]
    fn english_money_axes_switch_scale() {
        assert_eq!(
            axis_unit(Unit::YiYuan, 300.0, Lang::En),
            (0.1, "billion yuan")
        );
        assert_eq!(
            axis_unit(Unit::YiYuan, 2.0, Lang::En),
            (100.0, "million yuan")
        );
        assert_eq!(axis_unit(Unit::YiYuan, 300.0, Lang::Zh), (1.0, "亿元"));
    }
}

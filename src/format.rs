//! Numbers, units, periods and sources as readers see them, in Chinese and English.
//! Pure functions: the tooltip, the axis ticks, the CSV and the SVG all come through here.

use crate::data::{Bound, Dataset, Figure, Kind, Period, Text, Unit};
use crate::error::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Result<Lang, Error> {
        match s {
            "zh" | "zh-CN" | "zh-Hans" => Ok(Lang::Zh),
            "en" | "en-US" | "en-GB" => Ok(Lang::En),
            other => Err(Error::UnknownLang(other.to_string())),
        }
    }

    pub fn pick(self, text: &Text) -> &str {
        match self {
            Lang::Zh => &text.zh,
            Lang::En => &text.en,
        }
    }
}

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
    let n = |v: f64| number(v, 2, lang);
    match (lang, unit) {
        (_, Unit::Percent) => format!("{}%", n(v)),
        (Lang::Zh, Unit::Count) => format!("{}{}", n(v), counter.map_or("", |c| &c.zh)),
        (Lang::En, Unit::Count) => match counter {
            Some(c) => format!("{} {}", n(v), c.en),
            None => n(v),
        },
        (Lang::Zh, Unit::YiYuan) => format!("{}亿元", n(v)),
        (Lang::Zh, Unit::WanYuan) => format!("{}万元", n(v)),
        // 1 亿 = 100 million; 10 亿 = 1 billion.
        (Lang::En, Unit::YiYuan) => en_yuan(v * 1e8),
        (Lang::En, Unit::WanYuan) => en_yuan(v * 1e4),
        (Lang::Zh, Unit::WanM2) => format!("{}万平方米", n(v)),
        (Lang::En, Unit::WanM2) => format!("{} m²", number(v * 1e4, 0, lang)),
        (Lang::Zh, Unit::Km2) => format!("{}平方公里", n(v)),
        (Lang::En, Unit::Km2) => format!("{} km²", n(v)),
        (Lang::Zh, Unit::Rank) => format!("第{}名", n(v)),
        (Lang::En, Unit::Rank) => ordinal(v),
        (Lang::Zh, Unit::Years) => format!("{}年", n(v)),
        (Lang::En, Unit::Years) if v == 1.0 => "1 year".to_string(),
        (Lang::En, Unit::Years) => format!("{} years", n(v)),
        (Lang::Zh, Unit::Multiple) => format!("{}倍", n(v)),
        (Lang::En, Unit::Multiple) => format!("{}×", n(v)),
        (_, Unit::Index) => number(v, 1, lang),
    }
}

fn en_yuan(yuan: f64) -> String {
    if yuan >= 1e9 {
        format!("{} billion yuan", number(yuan / 1e9, 2, Lang::En))
    } else if yuan >= 1e6 {
        format!("{} million yuan", number(yuan / 1e6, 2, Lang::En))
    } else {
        format!("{} yuan", number(yuan, 0, Lang::En))
    }
}

fn ordinal(v: f64) -> String {
    let n = v.round() as i64;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The figure's value as a reader should read it, bound words included:
/// "近300亿元", "260多批次", "20个以上", "前10名", "1–2次"; "nearly 30 billion yuan".
/// A figure without a value reads "未披露" / "not stated".
pub fn value(f: &Figure, lang: Lang) -> String {
    let Some(v) = f.value else {
        return match lang {
            Lang::Zh => "未披露".into(),
            Lang::En => "not stated".into(),
        };
    };
    let counter = f.counter.as_ref();
    let a = amount(v, f.unit, counter, lang);
    match (lang, f.bound) {
        (_, Bound::Exact) => a,
        (Lang::Zh, Bound::About) => format!("约{a}"),
        (Lang::Zh, Bound::Nearly) => format!("近{a}"),
        (Lang::Zh, Bound::AtLeast) => format!("{a}以上"),
        // Chinese puts 多 between the number and the measure word: 260多批次.
        (Lang::Zh, Bound::MoreThan) if f.unit == Unit::Count => {
            format!("{}多{}", number(v, 2, lang), counter.map_or("", |c| &c.zh))
        }
        (Lang::Zh, Bound::MoreThan) => format!("超{a}"),
        (Lang::Zh, Bound::Top) => format!("前{}名", number(v, 0, lang)),
        (Lang::En, Bound::About) => format!("about {a}"),
        (Lang::En, Bound::Nearly) => format!("nearly {a}"),
        (Lang::En, Bound::AtLeast) => format!("at least {a}"),
        (Lang::En, Bound::MoreThan) => format!("more than {a}"),
        (Lang::En, Bound::Top) => format!("top {}", number(v, 0, lang)),
        (_, Bound::Range) => {
            let low = f.low.map_or_else(String::new, |l| number(l, 2, lang));
            match (lang, f.unit) {
                // "1–2次", "1–2 events a month": the unit once, after the range.
                (Lang::Zh, _) | (Lang::En, Unit::Count | Unit::Percent) => format!("{low}–{a}"),
                (Lang::En, _) => format!("{low} to {a}"),
            }
        }
    }
}

/// When: "2019年", "2020年一季度", "2020年起2–3年内"; "2019", "Q1 2020", "within 2–3 years from 2020".
pub fn period(p: &Period, lang: Lang) -> String {
    let horizon = match (p.horizon_years_low, p.horizon_years) {
        (Some(low), Some(high)) => Some(format!("{low}–{high}")),
        (None, Some(h)) => Some(h.to_string()),
        _ => None,
    };
    match lang {
        Lang::Zh => {
            let mut s = format!("{}年", p.year);
            if let Some(q) = p.quarter {
                let q = ["一", "二", "三", "四"]
                    .get(usize::from(q).saturating_sub(1))
                    .unwrap_or(&"");
                s.push_str(&format!("{q}季度"));
            }
            if let Some(h) = horizon {
                s = format!("{s}起{h}年内");
            }
            if p.as_of_report {
                s.push_str("（报道时）");
            }
            s
        }
        Lang::En => {
            let mut s = match p.quarter {
                Some(q) => format!("Q{q} {}", p.year),
                None => p.year.to_string(),
            };
            if let Some(h) = horizon {
                s = format!("within {h} years from {s}");
            }
            if p.as_of_report {
                s.push_str(", at the time of the report");
            }
            s
        }
    }
}

/// "目标" words for plans and aims; nothing for results.
pub fn kind(k: Kind, lang: Lang) -> Option<&'static str> {
    match (k, lang) {
        (Kind::Actual, _) => None,
        (Kind::Plan, Lang::Zh) => Some("计划"),
        (Kind::Plan, Lang::En) => Some("plan"),
        (Kind::Aim, Lang::Zh) => Some("力争目标"),
        (Kind::Aim, Lang::En) => Some("aim"),
    }
}

/// "来源：「高质量发展迈出坚实步伐」第4段" / "Source: “Solid steps…”, paragraph 4".
pub fn source(data: &Dataset, f: &Figure, lang: Lang) -> String {
    let section = data
        .section(&f.source.section)
        .map_or(f.source.section.as_str(), |s| lang.pick(&s.title));
    match lang {
        Lang::Zh => format!("来源：「{section}」第{}段", f.source.paragraph),
        Lang::En => format!("Source: “{section}”, paragraph {}", f.source.paragraph),
    }
}

/// "推算：…" / "Derived: …", for figures computed from stated ones.
pub fn derived(f: &Figure, lang: Lang) -> Option<String> {
    let d = f.derived.as_ref()?;
    Some(match lang {
        Lang::Zh => format!("推算：{}", d.rule.zh),
        Lang::En => format!("Derived: {}", d.rule.en),
    })
}

/// The word drawn next to a derived mark.
pub fn derived_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "推算",
        Lang::En => "derived",
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
        (Lang::En, Unit::YiYuan) if max >= 10.0 => (0.1, "billion yuan"),
        (Lang::En, Unit::YiYuan) => (100.0, "million yuan"),
        (Lang::Zh, Unit::WanYuan) => (1.0, "万元"),
        (Lang::En, Unit::WanYuan) => (0.01, "million yuan"),
        (Lang::Zh, Unit::WanM2) => (1.0, "万平方米"),
        (Lang::En, Unit::WanM2) => (1e4, "m²"),
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

/// "Nice" tick values from 0 to at least `max`: steps of 1, 2, 2.5 or 5 × 10ⁿ, about
/// `target` of them, so axes read 0, 50, 100 rather than 0, 47, 94.
pub fn ticks(max: f64, target: usize) -> Vec<f64> {
    if !max.is_finite() || max <= 0.0 {
        return vec![0.0, 1.0];
    }
    let raw = max / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let n = (max / step).ceil();
    // A subnormal maximum gives a zero step and infinitely many ticks.
    if !step.is_normal() || !(1.0..=1000.0).contains(&n) {
        return vec![0.0, 1.0];
    }
    (0..=n as usize).map(|i| i as f64 * step).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Figure, SourceRef};

    fn fig(value: f64, unit: Unit, bound: Bound, counter: Option<(&str, &str)>) -> Figure {
        Figure {
            id: "x".into(),
            label: Text {
                zh: "标签".into(),
                en: "label".into(),
            },
            short: None,
            value: Some(value),
            low: None,
            unit,
            counter: counter.map(|(zh, en)| Text {
                zh: zh.into(),
                en: en.into(),
            }),
            period: Period {
                year: 2019,
                quarter: None,
                horizon_years: None,
                horizon_years_low: None,
                as_of_report: false,
            },
            bound,
            kind: Kind::Actual,
            band: None,
            derived: None,
            source: SourceRef {
                section: "s".into(),
                paragraph: 1,
            },
            chart: None,
            group: None,
            note: None,
        }
    }

    #[test]
    fn values_read_as_in_each_language() {
        let cases: &[(Figure, &str, &str)] = &[
            (
                fig(17.6, Unit::Percent, Bound::Exact, None),
                "17.6%",
                "17.6%",
            ),
            (
                fig(300.0, Unit::YiYuan, Bound::Nearly, None),
                "近300亿元",
                "nearly 30 billion yuan",
            ),
            (
                fig(220.0, Unit::YiYuan, Bound::Exact, None),
                "220亿元",
                "22 billion yuan",
            ),
            (
                fig(45.0, Unit::YiYuan, Bound::Exact, None),
                "45亿元",
                "4.5 billion yuan",
            ),
            (
                fig(2.0, Unit::YiYuan, Bound::Exact, None),
                "2亿元",
                "200 million yuan",
            ),
            (
                fig(10.0, Unit::YiYuan, Bound::MoreThan, None),
                "超10亿元",
                "more than 1 billion yuan",
            ),
            (
                fig(1200.0, Unit::WanYuan, Bound::Exact, None),
                "1200万元",
                "12 million yuan",
            ),
            (
                fig(35.0, Unit::WanM2, Bound::About, None),
                "约35万平方米",
                "about 350,000 m²",
            ),
            (
                fig(9.5, Unit::Km2, Bound::Exact, None),
                "9.5平方公里",
                "9.5 km²",
            ),
            (
                fig(
                    260.0,
                    Unit::Count,
                    Bound::MoreThan,
                    Some(("批次", "visits")),
                ),
                "260多批次",
                "more than 260 visits",
            ),
            (
                fig(20.0, Unit::Count, Bound::AtLeast, Some(("个", "projects"))),
                "20个以上",
                "at least 20 projects",
            ),
            (fig(4.0, Unit::Rank, Bound::Exact, None), "第4名", "4th"),
            (fig(1.0, Unit::Rank, Bound::Exact, None), "第1名", "1st"),
            (fig(10.0, Unit::Rank, Bound::Top, None), "前10名", "top 10"),
            (fig(3.0, Unit::Years, Bound::Exact, None), "3年", "3 years"),
            (fig(2.0, Unit::Multiple, Bound::Exact, None), "2倍", "2×"),
            (
                fig(158.74, Unit::Index, Bound::Exact, None),
                "158.7",
                "158.7",
            ),
            (
                fig(1000.0, Unit::YiYuan, Bound::MoreThan, None),
                "超1000亿元",
                "more than 100 billion yuan",
            ),
        ];
        for (f, zh, en) in cases {
            assert_eq!(value(f, Lang::Zh), *zh);
            assert_eq!(value(f, Lang::En), *en);
        }
    }

    #[test]
    fn ranges_and_missing_values() {
        let mut f = fig(
            2.0,
            Unit::Count,
            Bound::Range,
            Some(("次", "events a month")),
        );
        f.low = Some(1.0);
        assert_eq!(value(&f, Lang::Zh), "1–2次");
        assert_eq!(value(&f, Lang::En), "1–2 events a month");
        f.value = None;
        assert_eq!(value(&f, Lang::Zh), "未披露");
        assert_eq!(value(&f, Lang::En), "not stated");
    }

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
    fn periods_read_as_in_each_language() {
        let mut p = Period {
            year: 2020,
            quarter: Some(1),
            horizon_years: None,
            horizon_years_low: None,
            as_of_report: false,
        };
        assert_eq!(period(&p, Lang::Zh), "2020年一季度");
        assert_eq!(period(&p, Lang::En), "Q1 2020");
        p.quarter = None;
        p.horizon_years = Some(3);
        p.horizon_years_low = Some(2);
        assert_eq!(period(&p, Lang::Zh), "2020年起2–3年内");
        assert_eq!(period(&p, Lang::En), "within 2–3 years from 2020");
        p.horizon_years = None;
        p.horizon_years_low = None;
        p.as_of_report = true;
        assert_eq!(period(&p, Lang::Zh), "2020年（报道时）");
        assert_eq!(period(&p, Lang::En), "2020, at the time of the report");
    }

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(ticks(17.6, 4), vec![0.0, 5.0, 10.0, 15.0, 20.0]);
        assert_eq!(ticks(300.0, 4), vec![0.0, 100.0, 200.0, 300.0]);
        assert_eq!(ticks(46.0, 4), vec![0.0, 20.0, 40.0, 60.0]);
        assert_eq!(ticks(2.0, 4), vec![0.0, 0.5, 1.0, 1.5, 2.0]);
        assert_eq!(ticks(0.0, 4), vec![0.0, 1.0]);
        assert_eq!(ticks(f64::NAN, 4), vec![0.0, 1.0]);
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

    #[test]
    fn unknown_lang_is_named() {
        assert_eq!(
            Lang::parse("fr").unwrap_err().to_string(),
            "unknown lang \"fr\"; use zh or en"
        );
    }
}

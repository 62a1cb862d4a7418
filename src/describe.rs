//! Words about figures and charts for everything that is not the drawing: the tooltip,
//! the screen-reader announcement, the data table and the CSV download.

use crate::data::{Dataset, Figure, Period};
use crate::format::{amount_parts, number, Parts};
use crate::vocab::{Bound, Kind, Lang};

/// One figure, ready for the tooltip and the host page's `infographic:hover` event.
/// JavaScript gets it as an object with these fields in camelCase (`lib.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct Described {
    pub id: String,
    pub label: String,
    /// The number as stated (or derived); `None` when the source gives none.
    pub value: Option<f64>,
    /// The unit's name as in the data (`亿元`, `%`, `万辆`; empty for a number alone).
    pub unit: String,
    /// The value as a reader reads it: as typed, or with its bound words ("近300亿元").
    pub value_text: String,
    /// When; empty when the data does not say.
    pub period: String,
    /// "计划", "力争目标" / "plan", "aim"; absent for results.
    pub kind: Option<&'static str>,
    /// The rule, for derived figures.
    pub derived: Option<String>,
    pub note: Option<String>,
    /// Where it is stated; empty when the data does not say.
    pub source: String,
}

impl Described {
    /// The tooltip's lines, in order, without the ones the data has nothing for; also
    /// what the live region announces.
    pub fn lines(&self) -> Vec<String> {
        let when = match (self.period.as_str(), self.kind) {
            (period, None) => period.to_string(),
            ("", Some(kind)) => kind.to_string(),
            (period, Some(kind)) => format!("{period} · {kind}"),
        };
        let mut lines = vec![self.label.clone(), self.value_text.clone()];
        if !when.is_empty() {
            lines.push(when);
        }
        lines.extend(self.derived.clone());
        lines.extend(self.note.clone());
        if !self.source.is_empty() {
            lines.push(self.source.clone());
        }
        lines
    }

    /// One sentence for `aria-live`.
    pub fn sentence(&self) -> String {
        self.lines().join("；")
    }
}

/// The figure's value as a reader should read it: as the journalist typed it in that
/// language, else formatted with its bound words: "近300亿元", "260多批次", "20个以上",
/// "前10名", "1–2次"; "nearly 30 billion yuan". A figure without a value reads "未披露" /
/// "not stated".
pub fn value(f: &Figure, lang: Lang) -> String {
    value_parts(f, lang).join()
}

/// `value`, split into the words before the number, the number, and the words after
/// (a tile sets the number large): "近|300|亿元", "|260|多批次", "前|10|名".
pub fn value_parts(f: &Figure, lang: Lang) -> Parts {
    if let Some(typed) = f.typed.as_ref().and_then(|t| t.pick(lang)) {
        return typed_parts(typed);
    }
    let Some(v) = f.value else {
        let words = match lang {
            Lang::Zh => "未披露",
            Lang::En => "not stated",
        };
        return Parts {
            number: words.into(),
            ..Parts::default()
        };
    };
    let counter = f.counter.as_ref();
    let mut p = amount_parts(v, &f.unit, counter, lang);
    let before = |p: &mut Parts, words: &str| p.before.insert_str(0, words);
    match (lang, f.bound) {
        (_, Bound::Exact) => {}
        (Lang::Zh, Bound::About) => before(&mut p, "约"),
        (Lang::Zh, Bound::Nearly) => before(&mut p, "近"),
        (Lang::Zh, Bound::AtLeast) => p.after.push_str("以上"),
        // Chinese puts 多 between the number and the measure word: 260多批次.
        (Lang::Zh, Bound::MoreThan) if f.unit.whole => p.after.insert(0, '多'),
        (Lang::Zh, Bound::MoreThan) => before(&mut p, "超"),
        (Lang::Zh, Bound::Top) => p = top(v, "前", "名", lang),
        (Lang::En, Bound::About) => before(&mut p, "about "),
        (Lang::En, Bound::Nearly) => before(&mut p, "nearly "),
        (Lang::En, Bound::AtLeast) => before(&mut p, "at least "),
        (Lang::En, Bound::MoreThan) => before(&mut p, "more than "),
        (Lang::En, Bound::Top) => p = top(v, "top ", "", lang),
        (_, Bound::Range) => p = range(f, p, lang),
    }
    p
}

/// "1–2次", "1–2 events a month", "100–200 million yuan": the words once, after the
/// range, when both ends have the same; else "100,000 yuan to 2 billion yuan".
fn range(f: &Figure, high: Parts, lang: Lang) -> Parts {
    let Some(low) = f.low else { return high };
    let low = amount_parts(low, &f.unit, f.counter.as_ref(), lang);
    if lang == Lang::Zh || (low.before == high.before && low.after == high.after) {
        let number = format!("{}–{}", low.number, high.number);
        return Parts { number, ..high };
    }
    Parts {
        before: format!("{} to {}", low.join(), high.before),
        ..high
    }
}

/// A value as typed, split around its number so a tile can set it large: "超|100|家",
/// "US$|1.85| billion", "|1–2|倍"; all of it the number when it has no digits.
fn typed_parts(typed: &str) -> Parts {
    let first = typed.bytes().position(|b| b.is_ascii_digit());
    let last = typed.bytes().rposition(|b| b.is_ascii_digit());
    let (Some(a), Some(z)) = (first, last) else {
        return Parts {
            number: typed.to_string(),
            ..Parts::default()
        };
    };
    // Digits are one byte each: `a` and `z + 1` are character boundaries.
    let piece = |from: usize, to: usize| typed.get(from..to).unwrap_or_default().to_string();
    Parts {
        before: piece(0, a),
        number: piece(a, z + 1),
        after: piece(z + 1, typed.len()),
    }
}

fn top(v: f64, before: &str, after: &str, lang: Lang) -> Parts {
    Parts {
        before: before.into(),
        number: number(v, 0, lang),
        after: after.into(),
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

/// When the figure applies: `period`, or nothing when the data does not say.
pub fn period_of(f: &Figure, lang: Lang) -> String {
    f.period
        .as_ref()
        .map_or_else(String::new, |p| period(p, lang))
}

/// "来源：「高质量发展迈出坚实步伐」第4段" / "Source: “Solid steps…”, paragraph 4"; the
/// section alone when no paragraph is given, nothing when no source is.
pub fn source(data: &Dataset, f: &Figure, lang: Lang) -> String {
    let Some(source) = &f.source else {
        return String::new();
    };
    let section = data
        .section(&source.section)
        .map_or(source.section.as_str(), |s| lang.pick(&s.title));
    let mut out = match lang {
        Lang::Zh => format!("来源：「{section}」"),
        Lang::En => format!("Source: “{section}”"),
    };
    if let Some(p) = source.paragraph {
        out.push_str(&match lang {
            Lang::Zh => format!("第{p}段"),
            Lang::En => format!(", paragraph {p}"),
        });
    }
    out
}

/// "推算：…" / "Derived: …", for figures computed from stated ones.
pub fn derived(f: &Figure, lang: Lang) -> Option<String> {
    let d = f.derived.as_ref()?;
    let rule = lang.pick(&d.rule);
    Some(match lang {
        Lang::Zh => format!("推算：{rule}"),
        Lang::En => format!("Derived: {rule}"),
    })
}

/// The word drawn next to a derived mark.
pub fn derived_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "推算",
        Lang::En => "derived",
    }
}

pub fn describe(data: &Dataset, f: &Figure, lang: Lang) -> Described {
    Described {
        id: f.id.clone(),
        label: lang.pick(&f.label).to_string(),
        value: f.value,
        unit: f.unit.name.clone(),
        value_text: value(f, lang),
        period: period_of(f, lang),
        kind: kind(f.kind, lang),
        derived: derived(f, lang),
        note: f.note.as_ref().map(|n| lang.pick(n).to_string()),
        source: source(data, f, lang),
    }
}

/// The chart's figures as a CSV a spreadsheet opens correctly: UTF-8 with a byte-order
/// mark (Excel otherwise reads Chinese as mojibake), CRLF line ends, RFC 4180 quoting.
pub fn csv(data: &Dataset, chart: &str, lang: Lang) -> String {
    let header: [&str; 9] = match lang {
        Lang::Zh => [
            "编号",
            "指标",
            "数值",
            "单位",
            "表述",
            "时期",
            "类型",
            "推算规则",
            "来源",
        ],
        Lang::En => [
            "id",
            "label",
            "value",
            "unit",
            "as stated",
            "period",
            "kind",
            "derivation",
            "source",
        ],
    };
    let mut out = String::from("\u{FEFF}");
    push_row(&mut out, header.iter().map(|s| s.to_string()));
    for (_, f) in data.figures_of(chart) {
        let d = describe(data, f, lang);
        push_row(
            &mut out,
            [
                d.id,
                d.label,
                // The figure's value as a plain number: up to 9 decimals (more than any
                // stated figure has), by integer arithmetic (no float formatting in the wasm).
                d.value
                    .map_or_else(String::new, |v| crate::format::fixed(v, 9)),
                d.unit,
                d.value_text,
                d.period,
                d.kind.unwrap_or("").to_string(),
                d.derived.unwrap_or_default(),
                d.source,
            ]
            .into_iter(),
        );
    }
    out
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|c| csv_cell(&c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// Quotes a cell when needed; a leading `=`, `+`, `-` or `@` gets an apostrophe so a
/// spreadsheet does not run it as a formula (CSV injection).
fn csv_cell(s: &str) -> String {
    let s = match s.chars().next() {
        Some('=' | '+' | '@') => format!("'{s}"),
        // A negative number stays a number. (A digit check, not `parse::<f64>()`, whose
        // tables would add 25 KB to the wasm; `strip_prefix`, not a slice, which would
        // link the slicing panic's messages.)
        Some('-') if !s.strip_prefix('-').is_some_and(is_number) => format!("'{s}"),
        _ => s.to_string(),
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Digits with at most one decimal point, as `format::number` writes them.
fn is_number(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && s.bytes().filter(|&b| b == b'.').count() <= 1
        && s.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{SourceRef, Typed};
    use crate::vocab::{builtin_unit, Text};

    fn fig(value: f64, unit: &str, bound: Bound, counter: Option<(&str, &str)>) -> Figure {
        Figure {
            id: "x".into(),
            label: Text {
                zh: "标签".into(),
                en: Some("label".into()),
            },
            short: None,
            value: Some(value),
            low: None,
            unit: builtin_unit(unit).expect("built in").unit(),
            counter: counter.map(|(zh, en)| Text {
                zh: zh.into(),
                en: Some(en.into()),
            }),
            typed: None,
            period: Some(Period {
                year: 2019,
                quarter: None,
                horizon_years: None,
                horizon_years_low: None,
                as_of_report: false,
            }),
            bound,
            kind: Kind::Actual,
            band: None,
            derived: None,
            source: Some(SourceRef {
                section: "s".into(),
                paragraph: Some(1),
            }),
            chart: None,
            group: None,
            note: None,
        }
    }

    #[test]
    fn values_read_as_in_each_language() {
        let cases: &[(Figure, &str, &str)] = &[
            (fig(17.6, "%", Bound::Exact, None), "17.6%", "17.6%"),
            (
                fig(300.0, "亿元", Bound::Nearly, None),
                "近300亿元",
                "nearly 30 billion yuan",
            ),
            (
                fig(220.0, "亿元", Bound::Exact, None),
                "220亿元",
                "22 billion yuan",
            ),
            (
                fig(45.0, "亿元", Bound::Exact, None),
                "45亿元",
                "4.5 billion yuan",
            ),
            (
                fig(2.0, "亿元", Bound::Exact, None),
                "2亿元",
                "200 million yuan",
            ),
            (
                fig(10.0, "亿元", Bound::MoreThan, None),
                "超10亿元",
                "more than 1 billion yuan",
            ),
            (
                fig(1200.0, "万元", Bound::Exact, None),
                "1200万元",
                "12 million yuan",
            ),
            (
                fig(35.0, "万平方米", Bound::About, None),
                "约35万平方米",
                "about 350,000 m²",
            ),
            (
                fig(9.5, "平方公里", Bound::Exact, None),
                "9.5平方公里",
                "9.5 km²",
            ),
            (
                fig(260.0, "个", Bound::MoreThan, Some(("批次", "visits"))),
                "260多批次",
                "more than 260 visits",
            ),
            (
                fig(20.0, "个", Bound::AtLeast, Some(("个", "projects"))),
                "20个以上",
                "at least 20 projects",
            ),
            (fig(4.0, "位", Bound::Exact, None), "第4名", "4th"),
            (fig(1.0, "位", Bound::Exact, None), "第1名", "1st"),
            (fig(10.0, "位", Bound::Top, None), "前10名", "top 10"),
            (fig(3.0, "年", Bound::Exact, None), "3年", "3 years"),
            (fig(2.0, "倍", Bound::Exact, None), "2倍", "2×"),
            (fig(158.74, "指数", Bound::Exact, None), "158.7", "158.7"),
            (
                fig(1000.0, "亿元", Bound::MoreThan, None),
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
        let mut f = fig(2.0, "个", Bound::Range, Some(("次", "events a month")));
        f.low = Some(1.0);
        assert_eq!(value(&f, Lang::Zh), "1–2次");
        assert_eq!(value(&f, Lang::En), "1–2 events a month");
        let mut money = fig(2.0, "亿元", Bound::Range, None);
        money.low = Some(1.0);
        assert_eq!(value(&money, Lang::Zh), "1–2亿元");
        assert_eq!(value(&money, Lang::En), "100–200 million yuan");
        money.low = Some(0.001);
        assert_eq!(value(&money, Lang::En), "100,000 yuan to 200 million yuan");
        let mut firms = fig(3.0, "家", Bound::Range, None);
        firms.low = Some(2.0);
        assert_eq!(value(&firms, Lang::En), "2–3 firms");
        f.value = None;
        assert_eq!(value(&f, Lang::Zh), "未披露");
        assert_eq!(value(&f, Lang::En), "not stated");
    }

    /// What the journalist typed is what readers read, in each language it is given in;
    /// without it, the value is formatted. Expected strings written by hand.
    #[test]
    fn typed_values_are_shown_as_typed() {
        let mut f = fig(100.0, "家", Bound::MoreThan, None);
        assert_eq!(value(&f, Lang::Zh), "100多家");
        f.typed = Some(Typed {
            zh: Some("超100家".into()),
            en: None,
        });
        assert_eq!(value(&f, Lang::Zh), "超100家");
        assert_eq!(value(&f, Lang::En), "more than 100 firms");
        let parts = value_parts(&f, Lang::Zh);
        assert_eq!(
            (
                parts.before.as_str(),
                parts.number.as_str(),
                parts.after.as_str()
            ),
            ("超", "100", "家")
        );
        let mut usd = fig(18.5, "亿美元", Bound::Exact, None);
        usd.typed = Some(Typed {
            zh: Some("18.5亿美元".into()),
            en: Some("US$1.85bn".into()),
        });
        assert_eq!(value(&usd, Lang::En), "US$1.85bn");
        let parts = value_parts(&usd, Lang::En);
        assert_eq!(
            (parts.before.as_str(), parts.number.as_str()),
            ("US$", "1.85")
        );
        usd.typed = None;
        assert_eq!(value(&usd, Lang::En), "US$1.85 billion");
        let mut people = fig(1.2, "万人", Bound::About, None);
        assert_eq!(value(&people, Lang::Zh), "约1.2万人");
        assert_eq!(value(&people, Lang::En), "about 12,000 people");
        people.typed = Some(Typed {
            zh: Some("约一万二千人".into()),
            en: None,
        });
        assert_eq!(value_parts(&people, Lang::Zh).number, "约一万二千人");
    }

    #[test]
    fn no_period_and_no_source_leave_their_lines_out() {
        let data = Dataset::default_data().unwrap();
        let mut f = data.figures[0].clone();
        f.period = None;
        f.source = None;
        let d = describe(&data, &f, Lang::Zh);
        assert_eq!((d.period.as_str(), d.source.as_str()), ("", ""));
        assert_eq!(d.lines(), ["固定资产投资增速", "17.6%"]);
        f.kind = Kind::Plan;
        assert_eq!(describe(&data, &f, Lang::Zh).lines()[2], "计划");
        f.source = Some(SourceRef {
            section: "results".into(),
            paragraph: None,
        });
        let d = describe(&data, &f, Lang::En);
        assert_eq!(
            d.source,
            "Source: “Solid steps towards high-quality growth”"
        );
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
    fn csv_has_bom_header_and_one_row_per_figure() {
        let data = Dataset::default_data().unwrap();
        for spec in &data.charts {
            let chart = spec.id.as_str();
            let text = csv(&data, chart, Lang::Zh);
            assert!(text.starts_with('\u{FEFF}'));
            let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
            assert_eq!(lines.len(), 1 + data.figures_of(chart).count(), "{chart:?}");
            assert!(lines[0].contains("指标"));
        }
        let text = csv(&data, "growth-2019", Lang::En);
        assert!(text.contains("fai-growth-2019,"));
        assert!(text.contains(",17.6,%,17.6%,2019,"));
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_cell("-3.5"), "-3.5");
        assert_eq!(csv_cell("-1,234.5"), "\"-1,234.5\"");
        assert_eq!(csv_cell("-"), "'-");
        assert_eq!(csv_cell("-.5e3"), "'-.5e3");
        assert_eq!(csv_cell("-cmd"), "'-cmd");
    }

    #[test]
    fn described_figure_carries_bound_period_source_and_rule() {
        let data = Dataset::default_data().unwrap();
        for f in &data.figures {
            for lang in [Lang::Zh, Lang::En] {
                let d = describe(&data, f, lang);
                assert_eq!(d.id, f.id);
                assert_eq!(d.derived.is_some(), f.derived.is_some());
                let paragraph = f.source.as_ref().and_then(|s| s.paragraph);
                assert!(d.source.contains(&paragraph.expect("stated").to_string()));
                assert!(d.lines().len() >= 4);
            }
        }
    }
}

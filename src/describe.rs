//! Words about figures and charts for everything that is not the drawing: the tooltip,
//! the screen-reader announcement, the chart's description and the data table (and the
//! CSV download the widget writes from it).

use crate::data::{Annotation, AnnotationKind, Axis, ChartSpec, Dataset, Figure, Period};
use crate::format::{amount, amount_parts, joined, number, Parts};
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
    /// "突出显示" / "highlighted" when the chart highlights the figure.
    pub highlight: Option<&'static str>,
    /// The chart's note on the figure, with its word: "注：…" / "Note: …".
    pub remark: Option<String>,
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
        lines.extend(self.highlight.map(str::to_string));
        if !when.is_empty() {
            lines.push(when);
        }
        lines.extend(self.derived.clone());
        lines.extend(self.note.clone());
        lines.extend(self.remark.clone());
        if !self.source.is_empty() {
            lines.push(self.source.clone());
        }
        lines
    }

    /// One sentence for `aria-live`.
    pub fn sentence(&self) -> String {
        joined(&self.lines(), "；")
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
        highlight: None,
        remark: None,
    }
}

/// Figure `f` of chart `spec`, with what the chart's annotations say of it: whether it is
/// highlighted, and its note (read after the figure's own words).
pub fn in_chart(data: &Dataset, spec: &ChartSpec, f: &Figure, lang: Lang) -> Described {
    let mut d = describe(data, f, lang);
    for a in spec
        .annotations
        .iter()
        .filter(|a| a.figures.contains(&f.id))
    {
        match a.kind {
            AnnotationKind::Highlight => d.highlight = Some(word(AnnotationKind::Highlight, lang)),
            AnnotationKind::Note => {
                let text = lang.pick(&a.label);
                d.remark = Some(match lang {
                    Lang::Zh => format!("注：{text}"),
                    Lang::En => format!("Note: {text}"),
                });
            }
            _ => {}
        }
    }
    d
}

/// What readers call an annotation of this kind.
fn word(kind: AnnotationKind, lang: Lang) -> &'static str {
    let words = match kind {
        AnnotationKind::Highlight => ("突出显示", "Highlighted"),
        AnnotationKind::Line => ("参考线", "Reference line"),
        AnnotationKind::Band => ("区间", "Band"),
        AnnotationKind::Note => ("注", "Note"),
    };
    match lang {
        Lang::Zh => words.0,
        Lang::En => words.1,
    }
}

/// A line's or band's place on its axis ("6.1%", "0%–5%", "第5年", "years 1–2"), or the
/// label of the figure a note is on.
fn whereabouts(data: &Dataset, a: &Annotation, lang: Lang) -> String {
    if a.kind == AnnotationKind::Note {
        let f = a.figures.first().and_then(|id| data.figure(id));
        return f.map_or_else(String::new, |f| lang.pick(&f.label).to_string());
    }
    let at = |v: f64| match a.axis {
        Axis::Value => amount(v, &a.unit, None, lang),
        Axis::Period => number(v, 1, lang),
    };
    let span = match a.kind {
        AnnotationKind::Band => format!("{}–{}", at(a.from), at(a.to)),
        _ => at(a.from),
    };
    match (a.axis, lang, a.kind) {
        (Axis::Value, _, _) => span,
        (Axis::Period, Lang::Zh, _) => format!("第{span}年"),
        (Axis::Period, Lang::En, AnnotationKind::Band) => format!("years {span}"),
        (Axis::Period, Lang::En, _) => format!("year {span}"),
    }
}

/// A line, band or note for its label's tooltip, the data table and the live region: its
/// label (or text), then its kind and place ("参考线 · 6.1%").
pub fn annotation(data: &Dataset, a: &Annotation, lang: Lang) -> Described {
    let valued = a.kind == AnnotationKind::Line && a.axis == Axis::Value;
    Described {
        id: String::new(),
        label: lang.pick(&a.label).to_string(),
        value: valued.then_some(a.from),
        unit: if valued {
            a.unit.name.clone()
        } else {
            String::new()
        },
        value_text: format!("{} · {}", word(a.kind, lang), whereabouts(data, a, lang)),
        period: String::new(),
        kind: None,
        derived: None,
        note: None,
        source: String::new(),
        highlight: None,
        remark: None,
    }
}

/// The chart's accessible description: its sentence, then one for each annotation, in
/// their order, as its label's tooltip reads ("全国 6.1%；参考线 · 6.1%。"), a highlight
/// naming its figures ("突出显示：…").
pub fn chart_description(data: &Dataset, spec: &ChartSpec, lang: Lang) -> String {
    let mut out = lang.pick(&spec.description).to_string();
    let (colon, stop, space, and) = match lang {
        Lang::Zh => ("：", "。", "", "、"),
        Lang::En => (": ", ".", " ", ", "),
    };
    for a in &spec.annotations {
        out.push_str(space);
        if a.kind == AnnotationKind::Highlight {
            let labels: Vec<&str> = (a.figures.iter().filter_map(|id| data.figure(id)))
                .map(|f| lang.pick(&f.label))
                .collect();
            out.push_str(word(a.kind, lang));
            out.push_str(colon);
            out.push_str(&joined(&labels, and));
        } else {
            out.push_str(&annotation(data, a, lang).sentence());
        }
        out.push_str(stop);
    }
    out
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

    /// What readers hear of the built-in annotations, written out by hand: the highlighted
    /// first quarter says so and ends with its note; the growth path's lines say what and
    /// where they are; the description reads every annotation after the chart's sentence.
    #[test]
    fn annotations_are_read_after_the_figures_they_concern() {
        let data = Dataset::default_data().unwrap();
        let growth = data.chart("growth-2019").unwrap();
        let q1 = data.figure("ngit-output-growth-2020q1").unwrap();
        let d = in_chart(&data, growth, q1, Lang::Zh);
        assert_eq!(
            d.lines(),
            [
                "新一代信息技术企业产值增速（2020年一季度）",
                "11%",
                "突出显示",
                "2020年一季度",
                "疫情冲击下该产业仍实现正增长。",
                "注：疫情中逆势上升",
                "来源：「高质量发展迈出坚实步伐」第6段",
            ]
        );
        let d = in_chart(&data, growth, q1, Lang::En);
        assert_eq!(d.lines()[2], "Highlighted");
        assert_eq!(d.lines()[5], "Note: Rose despite the epidemic");
        let other = in_chart(&data, growth, &data.figures[0], Lang::Zh);
        assert_eq!((other.highlight, other.remark), (None, None));
        let path = data.chart("growth-path").unwrap();
        let level = annotation(&data, &path.annotations[0], Lang::Zh);
        assert_eq!(level.lines(), ["三年翻番：指数200（推算）", "参考线 · 200"]);
        assert_eq!((level.value, level.unit.as_str()), (Some(200.0), "指数"));
        let step = annotation(&data, &path.annotations[1], Lang::En);
        let said = step.sentence();
        assert_eq!(
            said,
            "Over 100 billion yuan in 5 years；Reference line · year 5"
        );
        assert_eq!(step.value, None);
        assert_eq!(
            chart_description(&data, growth, Lang::Zh),
            "图中为2019年四项主要经济指标的同比增速，以及2020年一季度新一代信息技术企业产值增速。\
             突出显示：新一代信息技术企业产值增速（2020年一季度）。\
             疫情中逆势上升；注 · 新一代信息技术企业产值增速（2020年一季度）。"
        );
        assert!(chart_description(&data, path, Lang::En).ends_with(
            " Double in 3 years: index 200 (derived)；Reference line · 200. \
             Over 100 billion yuan in 5 years；Reference line · year 5."
        ));
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

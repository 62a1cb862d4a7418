//! Checks across fields. Each failure names the field (`figures[3].value`) and says
//! what is wrong in words an editor can act on, in the editor's language (`say!`).

use super::model::*;
use super::{
    check_schema, MAX_ANNOTATIONS, MAX_FIGURES, MAX_FIGURES_PER_CHART, MAX_LABEL_CHARS,
    MAX_NOTE_CHARS, MAX_STEPS, MAX_VALUE,
};
use crate::error::{clip, say, Error};
use crate::vocab::{is_kebab_id, AREA_BASE, BUILTIN_UNITS, MAX_ID_CHARS};

/// Derived values are stored rounded to one decimal.
const DERIVED_TOLERANCE: f64 = 0.051;

pub fn validate(data: &Dataset) -> Result<(), Error> {
    check_schema(data.schema)?;
    if let Some(subject) = &data.subject {
        check_text("subject", subject, MAX_LABEL_CHARS)?;
    }
    if let Some(source) = &data.source {
        check_source(source)?;
    }
    check_chart_specs(data)?;
    check_figures(data)?;
    check_chart_contents(data)?;
    check_annotations(data)
}

fn check_source(source: &Source) -> Result<(), Error> {
    check_text("source.title", &source.title, MAX_NOTE_CHARS)?;
    let mut seen = Vec::new();
    for (i, s) in source.sections.iter().enumerate() {
        let path = format!("source.sections[{i}]");
        check_id(&format!("{path}.id"), &s.id)?;
        unique(&mut seen, &s.id, &format!("{path}.id"), "source.sections")?;
        check_text(&format!("{path}.title"), &s.title, MAX_LABEL_CHARS)?;
        if s.paragraphs == 0 {
            return Err(Error::invalid(
                format!("{path}.paragraphs"),
                say!("must be at least 1", "至少为 1"),
            ));
        }
    }
    Ok(())
}

fn check_chart_specs(data: &Dataset) -> Result<(), Error> {
    if data.charts.is_empty() {
        return Err(Error::invalid(
            "charts",
            say!(
                "the list is empty; name at least one chart",
                "列表是空的，请至少写一个图表"
            ),
        ));
    }
    let mut seen = Vec::new();
    for (i, chart) in data.charts.iter().enumerate() {
        let path = format!("charts[{i}]");
        check_id(&format!("{path}.id"), &chart.id)?;
        if chart.id == "all" {
            return Err(Error::invalid(
                format!("{path}.id"),
                say!(
                    "\"all\" is reserved for chart=\"all\" (every chart); choose another id",
                    "“all”已留给 chart=\"all\"（全部图表），请换一个 id"
                ),
            ));
        }
        unique(&mut seen, &chart.id, &format!("{path}.id"), "charts")?;
        check_text(&format!("{path}.title"), &chart.title, MAX_LABEL_CHARS)?;
        check_text(
            &format!("{path}.description"),
            &chart.description,
            MAX_NOTE_CHARS,
        )?;
        if let Some(note) = &chart.note {
            check_text(&format!("{path}.note"), note, MAX_NOTE_CHARS)?;
        }
        let mut groups = Vec::new();
        for (g, group) in chart.groups.iter().enumerate() {
            let gpath = format!("{path}.groups[{g}]");
            check_id(&format!("{gpath}.id"), &group.id)?;
            let list = format!("{path}.groups");
            unique(&mut groups, &group.id, &format!("{gpath}.id"), &list)?;
            check_text(&format!("{gpath}.label"), &group.label, MAX_LABEL_CHARS)?;
        }
    }
    Ok(())
}

/// Runs after the figures are checked: each chart and group must have something to draw.
fn check_chart_contents(data: &Dataset) -> Result<(), Error> {
    for (i, chart) in data.charts.iter().enumerate() {
        let path = format!("charts[{i}]");
        let count = data.figures_of(&chart.id).count();
        if count == 0 {
            return Err(Error::invalid(
                path,
                say!(
                    "chart \"{}\" has no figures: no figure names it in \"chart\"",
                    "图表“{}”没有数据：没有哪个数据的“chart”写的是它",
                    chart.id
                ),
            ));
        }
        if count > MAX_FIGURES_PER_CHART {
            return Err(Error::invalid(
                path,
                say!(
                    "chart \"{}\" has {} figures; at most {} can be told apart",
                    "图表“{}”有 {} 个数据；最多 {} 个才分得清",
                    chart.id,
                    count,
                    MAX_FIGURES_PER_CHART
                ),
            ));
        }
        for group in &chart.groups {
            let in_group = data
                .figures_of(&chart.id)
                .any(|(_, f)| f.group.as_deref() == Some(group.id.as_str()));
            if !in_group {
                return Err(Error::invalid(
                    path,
                    say!("group \"{}\" has no figures", "分组“{}”没有数据", group.id),
                ));
            }
        }
    }
    Ok(())
}

fn check_figures(data: &Dataset) -> Result<(), Error> {
    if data.figures.is_empty() {
        return Err(Error::invalid(
            "figures",
            say!(
                "the list is empty; there is nothing to draw",
                "列表是空的，没有可画的数据"
            ),
        ));
    }
    if data.figures.len() > MAX_FIGURES {
        return Err(Error::invalid(
            "figures",
            say!(
                "{} figures is too many to draw; the limit is {}",
                "{} 个数据太多，上限是 {}",
                data.figures.len(),
                MAX_FIGURES
            ),
        ));
    }
    let mut seen = Vec::new();
    for (i, f) in data.figures.iter().enumerate() {
        let path = format!("figures[{i}]");
        check_id(&format!("{path}.id"), &f.id)?;
        unique(&mut seen, &f.id, &format!("{path}.id"), "figures")?;
        check_figure(data, &path, f)?;
    }
    check_bands(data)?;
    for (i, f) in data.figures.iter().enumerate() {
        if let Some(derived) = &f.derived {
            check_derived(data, &format!("figures[{i}]"), f, derived)?;
        }
    }
    Ok(())
}

fn check_figure(data: &Dataset, path: &str, f: &Figure) -> Result<(), Error> {
    check_text(&format!("{path}.label"), &f.label, MAX_LABEL_CHARS)?;
    for (field, text, max) in [
        ("short", &f.short, MAX_LABEL_CHARS),
        ("counter", &f.counter, MAX_LABEL_CHARS),
        ("note", &f.note, MAX_NOTE_CHARS),
    ] {
        if let Some(text) = text {
            check_text(&format!("{path}.{field}"), text, max)?;
        }
    }
    if let Some(typed) = &f.typed {
        for (lang, s) in [("zh", &typed.zh), ("en", &typed.en)] {
            if let Some(s) = s {
                check_string(&format!("{path}.typed.{lang}"), s, MAX_LABEL_CHARS)?;
            }
        }
    }
    if let Some(v) = f.value {
        check_value(&format!("{path}.value"), v, &f.unit)?;
    } else if f.derived.is_some() {
        return Err(Error::invalid(
            format!("{path}.value"),
            say!(
                "a derived figure needs its computed value",
                "推算的数据需要填入算出的数值"
            ),
        ));
    }
    check_low(path, f)?;
    if let Some(period) = &f.period {
        check_period(&format!("{path}.period"), period)?;
    }
    if let Some(band) = &f.band {
        check_band(&format!("{path}.band"), band)?;
    }
    if let Some(source) = &f.source {
        check_source_ref(data, &format!("{path}.source"), source)?;
    }
    check_chart_ref(data, path, f)
}

/// `low` goes with `bound: "range"` and nothing else, and is not above the value.
fn check_low(path: &str, f: &Figure) -> Result<(), Error> {
    let lpath = format!("{path}.low");
    let why = match (f.bound, f.low, f.value) {
        (Bound::Range, Some(low), Some(high)) => {
            check_value(&lpath, low, &f.unit)?;
            if low <= high {
                return Ok(());
            }
            say!(
                "the range's low end {} is above its value {}",
                "范围的下限 {} 高于数值 {}",
                num(low),
                num(high)
            )
        }
        (Bound::Range, _, _) => say!(
            "bound \"range\" needs both \"low\" and \"value\"",
            "范围（bound \"range\"）需要“low”和“value”两个数"
        ),
        (_, Some(_), _) => say!(
            "\"low\" is only for bound \"range\"",
            "“low”只用于范围（bound \"range\"）"
        ),
        _ => return Ok(()),
    };
    Err(Error::invalid(lpath, why))
}

fn check_band(bpath: &str, band: &Band) -> Result<(), Error> {
    let yi_yuan = crate::vocab::builtin_unit("亿元").map_or_else(Unit::plain, |u| u.unit());
    check_value(&format!("{bpath}.min_yi_yuan"), band.min_yi_yuan, &yi_yuan)?;
    if let Some(max) = band.max_yi_yuan {
        check_value(&format!("{bpath}.max_yi_yuan"), max, &yi_yuan)?;
        if max <= band.min_yi_yuan {
            return Err(Error::invalid(
                format!("{bpath}.max_yi_yuan"),
                say!(
                    "must be above min_yi_yuan ({})",
                    "必须大于 min_yi_yuan（{}）",
                    num(band.min_yi_yuan)
                ),
            ));
        }
    }
    Ok(())
}

/// The section exists and has that paragraph.
fn check_source_ref(data: &Dataset, spath: &str, source: &SourceRef) -> Result<(), Error> {
    let Some(s) = data.section(&source.section) else {
        return Err(Error::invalid(
            format!("{spath}.section"),
            say!(
                "no section \"{}\" in source.sections",
                "source.sections 中没有“{}”这一节",
                clip(&source.section)
            ),
        ));
    };
    match source.paragraph {
        Some(p) if p == 0 || p > s.paragraphs => Err(Error::invalid(
            format!("{spath}.paragraph"),
            say!(
                "section \"{}\" has paragraphs 1 to {}, not {}",
                "“{}”一节只有第 1 到第 {} 段，没有第 {} 段",
                s.id,
                s.paragraphs,
                p
            ),
        )),
        _ => Ok(()),
    }
}

/// The chart exists, and the group when the chart has groups.
fn check_chart_ref(data: &Dataset, path: &str, f: &Figure) -> Result<(), Error> {
    let (chart_id, group) = match (&f.chart, &f.group) {
        (None, Some(_)) => {
            return Err(Error::invalid(
                format!("{path}.group"),
                say!(
                    "a group needs a chart; say which chart in \"chart\"",
                    "有分组就要有图表：请在“chart”中写明图表"
                ),
            ))
        }
        (None, None) => return Ok(()),
        (Some(chart_id), group) => (chart_id, group),
    };
    let Some(chart) = data.chart(chart_id) else {
        return Err(Error::invalid(
            format!("{path}.chart"),
            say!(
                "no chart \"{}\" in charts",
                "charts 中没有图表“{}”",
                clip(chart_id)
            ),
        ));
    };
    let why = match group {
        None if !chart.groups.is_empty() => say!(
            "chart \"{}\" has groups ({}); say which one",
            "图表“{}”有分组（{}），请写明是哪一个",
            chart.id,
            group_ids(chart)
        ),
        Some(g) if !chart.groups.iter().any(|cg| &cg.id == g) => say!(
            "chart \"{}\" has no group \"{}\" (it has: {})",
            "图表“{}”没有分组“{}”（它有：{}）",
            chart.id,
            clip(g),
            group_ids(chart)
        ),
        _ => return Ok(()),
    };
    Err(Error::invalid(format!("{path}.group"), why))
}

fn group_ids(chart: &ChartSpec) -> String {
    if chart.groups.is_empty() {
        return say!("none", "无");
    }
    let ids: Vec<&str> = chart.groups.iter().map(|g| g.id.as_str()).collect();
    super::read::choices(&ids)
}

/// Finite, within what the unit allows. JSON cannot spell NaN, but JS objects can.
fn check_value(path: &str, v: f64, unit: &Unit) -> Result<(), Error> {
    check_number(path, v, unit, true)
}

/// `check_value`; `whole`: a count must be a whole number (a reference line need not be:
/// an average of counts).
fn check_number(path: &str, v: f64, unit: &Unit, whole: bool) -> Result<(), Error> {
    let why = if !v.is_finite() {
        say!("{} is not a finite number", "{} 不是有限的数字", num(v))
    } else if v.abs() > MAX_VALUE {
        too_large(&crate::format::scientific(v))
    } else if !sign_allowed(v, unit) {
        match unit.kind {
            UnitKind::Rank => say!("a rank starts at 1", "名次从 1 开始"),
            UnitKind::Multiple => say!("a multiple must be above 0", "倍数必须大于 0"),
            _ => say!(
                "{} is negative; a {} cannot be",
                "{} 是负数；{}不能为负",
                num(v),
                unit_noun(unit)
            ),
        }
    } else if whole && (unit.whole || unit.kind == UnitKind::Rank) && v.fract() != 0.0 {
        say!(
            "{} is not a whole number; a {} must be",
            "{} 不是整数；{}必须是整数",
            num(v),
            unit_noun(unit)
        )
    } else {
        return Ok(());
    };
    Err(Error::invalid(path, why))
}

/// "1e309 is too large; …": also what the JSON scan says of a number beyond f64.
pub fn too_large(number: &str) -> String {
    say!(
        "{} is too large; a chart shows numbers up to 1000000000000000 (a larger unit, such as 亿元, makes it smaller)",
        "{} 太大；图表最多显示到 1000000000000000（换用更大的单位，如亿元，数字就会变小）",
        number
    )
}

/// Rates and points may fall; places start at 1, multiples above 0; the built-in
/// quantities (money, areas, counts, years) are not negative. A unit of the dataset's
/// own (a temperature, a balance) may be.
fn sign_allowed(v: f64, unit: &Unit) -> bool {
    match unit.kind {
        UnitKind::Percent | UnitKind::Points => true,
        UnitKind::Rank => v >= 1.0,
        UnitKind::Multiple => v > 0.0,
        UnitKind::Years | UnitKind::Index => v >= 0.0,
        UnitKind::Amount => v >= 0.0 || !BUILTIN_UNITS.iter().any(|u| u.base == unit.base),
    }
}

/// A number in a message, without core's float formatting (see `format::fixed`).
fn num(v: f64) -> String {
    crate::format::fixed(v, 9)
}

fn unit_noun(unit: &Unit) -> String {
    match (unit.kind, unit.base.as_str()) {
        (UnitKind::Percent, _) => say!("percentage", "百分比"),
        (UnitKind::Points, _) => say!("change in points", "百分点变化"),
        (UnitKind::Rank, _) => say!("rank", "名次"),
        (UnitKind::Years, _) => say!("number of years", "年数"),
        (UnitKind::Multiple, _) => say!("multiple", "倍数"),
        (UnitKind::Index, _) => say!("index", "指数"),
        _ if unit.whole => say!("count", "个数"),
        (_, "yuan" | "usd") => say!("sum of money", "金额"),
        (_, AREA_BASE) => say!("area", "面积"),
        _ => say!("quantity", "数量"),
    }
}

fn check_period(path: &str, p: &Period) -> Result<(), Error> {
    let (field, why) = if !(1900..=2100).contains(&p.year) {
        (
            "year",
            say!("{} is outside 1900–2100", "{} 不在 1900–2100 之间", p.year),
        )
    } else if let Some(q) = p.quarter.filter(|q| !(1..=4).contains(q)) {
        ("quarter", say!("{} is not 1–4", "{} 不是 1–4", q))
    } else {
        match (p.horizon_years_low, p.horizon_years) {
            (_, Some(0)) => ("horizon_years", say!("must be at least 1", "至少为 1")),
            (Some(_), None) => (
                "horizon_years_low",
                say!("needs horizon_years", "需要同时写 horizon_years"),
            ),
            (Some(low), Some(high)) if low == 0 || low > high => (
                "horizon_years_low",
                say!(
                    "must be between 1 and horizon_years ({})",
                    "必须在 1 和 horizon_years（{}）之间",
                    high
                ),
            ),
            _ => return Ok(()),
        }
    };
    Err(Error::invalid(format!("{path}.{field}"), why))
}

/// Size bands of one chart panel must not overlap: each project counts in one band.
/// Every pair is compared (a dataset has a handful of bands; no sort code in the wasm).
fn check_bands(data: &Dataset) -> Result<(), Error> {
    let banded: Vec<(usize, &Figure, &Band)> = data
        .figures
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.band.as_ref().map(|b| (i, f, b)))
        .collect();
    for (k, &(i, fi, bi)) in banded.iter().enumerate() {
        for &(j, fj, bj) in &banded[k + 1..] {
            if fi.chart != fj.chart || fi.group != fj.group {
                continue;
            }
            // Name the band that starts higher as overlapping the one below it.
            let ((ia, a), (ib, b)) = if bj.min_yi_yuan < bi.min_yi_yuan {
                ((j, bj), (i, bi))
            } else {
                ((i, bi), (j, bj))
            };
            if a.max_yi_yuan.is_none_or(|max| max > b.min_yi_yuan) {
                return Err(Error::invalid(
                    format!("figures[{ib}].band"),
                    say!(
                        "{} overlaps figures[{}] ({}); each project belongs to one band",
                        "{} 与 figures[{}]（{}）重叠；每个项目只属于一个档",
                        band_text(b),
                        ia,
                        band_text(a)
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn band_text(b: &Band) -> String {
    match b.max_yi_yuan {
        Some(max) => format!("{}–{} 亿元", num(b.min_yi_yuan), num(max)),
        None => format!("≥{} 亿元", num(b.min_yi_yuan)),
    }
}

/// Recomputes a derived figure from its inputs: a derived number must follow its rule.
fn check_derived(data: &Dataset, path: &str, f: &Figure, d: &Derived) -> Result<(), Error> {
    let dpath = format!("{path}.derived");
    check_text(&format!("{dpath}.rule"), &d.rule, MAX_NOTE_CHARS)?;
    let expected = compute(data, &dpath, f, d)?;
    let stated = f.value.unwrap_or(f64::NAN);
    if (stated - expected).abs() > DERIVED_TOLERANCE {
        return Err(Error::invalid(
            format!("{path}.value"),
            say!(
                "{} does not follow its rule: the inputs give {}",
                "{} 与推算规则不符：按输入算得 {}",
                num(stated),
                crate::format::fixed(expected, 2)
            ),
        ));
    }
    Ok(())
}

/// The value figure `index`'s rule gives from its inputs, rounded as derived values are
/// stored (one decimal): what the editor fills in, so a derived value is never typed.
pub fn derived_value(data: &Dataset, index: usize) -> Result<f64, Error> {
    let path = format!("figures[{index}]");
    let f = data
        .figures
        .get(index)
        .ok_or_else(|| Error::invalid(path.as_str(), say!("no such figure", "没有这个数据")))?;
    let d = f.derived.as_ref().ok_or_else(|| {
        Error::invalid(
            format!("{path}.derived"),
            say!("the figure has no rule", "这个数据没有推算规则"),
        )
    })?;
    let value = compute(data, &format!("{path}.derived"), f, d)?;
    Ok((value * 10.0).round() / 10.0)
}

/// The inputs of a derived figure, checked, then its rule applied to them.
fn compute(data: &Dataset, dpath: &str, f: &Figure, d: &Derived) -> Result<f64, Error> {
    let mut inputs = Vec::with_capacity(d.from.len());
    for (k, id) in d.from.iter().enumerate() {
        let why = match data.figure(id) {
            Some(input) if input.id == f.id => say!(
                "a figure cannot be derived from itself",
                "数据不能由自己推算"
            ),
            Some(input) => match input.value {
                Some(value) => {
                    inputs.push((input, value));
                    continue;
                }
                None => say!(
                    "figure \"{}\" has no value to derive from",
                    "数据“{}”没有数值，无法推算",
                    input.id
                ),
            },
            None => say!("no figure with id \"{}\"", "没有 id 为“{}”的数据", clip(id)),
        };
        return Err(Error::invalid(format!("{dpath}.from[{k}]"), why));
    }
    derive(dpath, f, d, &inputs)
}

fn derive(dpath: &str, f: &Figure, d: &Derived, inputs: &[(&Figure, f64)]) -> Result<f64, Error> {
    let from = || format!("{dpath}.from");
    let need = |n: usize, what: String| -> Result<(), Error> {
        if inputs.len() == n || (n == 0 && inputs.len() >= 2) {
            Ok(())
        } else {
            Err(Error::invalid(from(), what))
        }
    };
    match d.op {
        DeriveOp::Remainder => {
            need(
                0,
                say!(
                    "remainder needs a total and at least one part",
                    "差额需要一个总数和至少一个部分"
                ),
            )?;
            let (total, total_value) = inputs[0];
            let other = (inputs[1..].iter().map(|(p, _)| *p).chain([f]))
                .find(|p| p.unit.name != total.unit.name);
            if let Some(part) = other {
                return Err(Error::invalid(
                    from(),
                    say!(
                        "\"{}\" is in another unit than the total",
                        "“{}”与总数的单位不同",
                        part.id
                    ),
                ));
            }
            Ok(total_value - inputs[1..].iter().map(|(_, v)| v).sum::<f64>())
        }
        DeriveOp::Ratio => {
            need(
                2,
                say!(
                    "ratio needs exactly two figures: numerator, denominator",
                    "比值需要正好两个数据：分子和分母"
                ),
            )?;
            ratio(from(), inputs[0], inputs[1])
        }
        DeriveOp::AnnualRate | DeriveOp::IndexPath => {
            need(
                1,
                say!(
                    "needs exactly one figure: a multiple with a horizon",
                    "需要正好一个数据：带期限的倍数"
                ),
            )?;
            growth(dpath, d, inputs[0])
        }
    }
}

/// `a / b` in one base: the equipment park's area over the design park's.
fn ratio(path: String, (a, va): (&Figure, f64), (b, vb): (&Figure, f64)) -> Result<f64, Error> {
    let amounts = a.unit.kind == UnitKind::Amount && b.unit.kind == UnitKind::Amount;
    match a.unit.convert(va, &b.unit) {
        Some(va) if amounts && vb != 0.0 => Ok(va / vb),
        _ => Err(Error::invalid(
            path,
            say!(
                "\"{}\" and \"{}\" are not comparable quantities",
                "“{}”和“{}”不是可比较的量",
                a.id,
                b.id
            ),
        )),
    }
}

/// The yearly rate, or the index after `step` years, of a multiple over its horizon.
fn growth(dpath: &str, d: &Derived, (m, multiple): (&Figure, f64)) -> Result<f64, Error> {
    let horizon = m.period.and_then(|p| p.horizon_years);
    let Some(horizon) = horizon.filter(|_| m.unit.kind == UnitKind::Multiple) else {
        return Err(Error::invalid(
            format!("{dpath}.from[0]"),
            say!(
                "\"{}\" must be a multiple with period.horizon_years",
                "“{}”必须是带 period.horizon_years 的倍数",
                m.id
            ),
        ));
    };
    let years = f64::from(horizon);
    if d.op == DeriveOp::AnnualRate {
        return Ok((multiple.powf(1.0 / years) - 1.0) * 100.0);
    }
    let Some(step) = d.step else {
        return Err(Error::invalid(
            format!("{dpath}.step"),
            say!("index_path needs a step", "指数路径需要 step"),
        ));
    };
    Ok(100.0 * multiple.powf(f64::from(step) / years))
}

/// Each chart's annotations: highlights and notes name figures of the chart (a note one
/// that has none yet), lines and bands lie on an axis the chart draws, every text is there.
fn check_annotations(data: &Dataset) -> Result<(), Error> {
    for (c, chart) in data.charts.iter().enumerate() {
        let list = &chart.annotations;
        if list.len() > MAX_ANNOTATIONS {
            return Err(Error::invalid(
                format!("charts[{c}].annotations"),
                say!(
                    "{} annotations are too many for one chart; the limit is {}",
                    "{} 条注解对一个图表太多，上限是 {}",
                    list.len(),
                    MAX_ANNOTATIONS
                ),
            ));
        }
        for (k, a) in list.iter().enumerate() {
            let path = format!("charts[{c}].annotations[{k}]");
            match a.kind {
                AnnotationKind::Highlight => check_highlight(data, chart, &path, a)?,
                AnnotationKind::Note => check_note(data, chart, &path, k)?,
                _ => {
                    check_text(&format!("{path}.label"), &a.label, MAX_LABEL_CHARS)?;
                    check_on_axis(data, chart, &path, a)?;
                }
            }
        }
    }
    Ok(())
}

fn check_highlight(
    data: &Dataset,
    chart: &ChartSpec,
    path: &str,
    a: &Annotation,
) -> Result<(), Error> {
    if a.figures.is_empty() {
        return Err(Error::invalid(
            format!("{path}.figures"),
            say!(
                "the list is empty; name the figures to highlight by their ids",
                "列表是空的，请写出要突出显示的数据的 id"
            ),
        ));
    }
    for (j, id) in a.figures.iter().enumerate() {
        check_shown(data, chart, &format!("{path}.figures[{j}]"), id)?;
    }
    Ok(())
}

/// A note: on a figure of the chart that no earlier note is on, with its text.
fn check_note(data: &Dataset, chart: &ChartSpec, path: &str, k: usize) -> Result<(), Error> {
    let a = &chart.annotations[k];
    let id = a.figures.first().map_or("", String::as_str);
    check_shown(data, chart, &format!("{path}.figure"), id)?;
    let earlier = (chart.annotations[..k].iter()).position(|o| {
        o.kind == AnnotationKind::Note && o.figures.first().map(String::as_str) == Some(id)
    });
    if let Some(first) = earlier {
        return Err(Error::invalid(
            format!("{path}.figure"),
            say!(
                "figure \"{}\" already has a note (annotations[{}]); a figure takes one note",
                "数据“{}”已有注释（annotations[{}]）；每个数据只能有一条注释",
                id,
                first
            ),
        ));
    }
    check_text(&format!("{path}.text"), &a.label, MAX_LABEL_CHARS)
}

/// `id` names a figure the chart shows.
fn check_shown(data: &Dataset, chart: &ChartSpec, path: &str, id: &str) -> Result<(), Error> {
    if data.figures_of(&chart.id).any(|(_, f)| f.id == id) {
        return Ok(());
    }
    Err(Error::invalid(
        path,
        say!(
            "no figure \"{}\" in chart \"{}\"; name one of its figures by its id",
            "数据“{}”不在图表“{}”中；请写该图表中某个数据的 id",
            clip(id),
            chart.id
        ),
    ))
}

/// A line's value or a band's ends lie on an axis the chart draws: a value axis in their
/// unit (bars, ranks, a path's index), or a path's steps.
fn check_on_axis(
    data: &Dataset,
    chart: &ChartSpec,
    path: &str,
    a: &Annotation,
) -> Result<(), Error> {
    let ends: [(&str, f64); 2] = match a.kind {
        AnnotationKind::Line => [("value", a.from), ("value", a.to)],
        _ => [("from", a.from), ("to", a.to)],
    };
    let axes = data.axis_figures(chart);
    if axes.is_empty() {
        let mut forms = vec![chart.form.as_str()];
        forms.extend(chart.groups.iter().filter_map(|g| g.form).map(Form::as_str));
        return Err(Error::invalid(
            path,
            say!(
                "chart \"{}\" draws no axis to put it on (it is drawn as {}); lines and bands go on bars, ranks or a path",
                "图表“{}”没有可放置它的坐标轴（绘制方式：{}）；参考线和区间只用于条形图、排名和路径",
                chart.id,
                super::read::choices(&forms)
            ),
        ));
    }
    match a.axis {
        Axis::Period => check_on_steps(chart, path, &axes, &ends)?,
        Axis::Value => check_on_values(chart, path, a, &axes, &ends)?,
    }
    if a.kind == AnnotationKind::Band && a.from >= a.to {
        return Err(Error::invalid(
            format!("{path}.to"),
            say!(
                "{} must be above \"from\" ({})",
                "{} 必须大于“from”（{}）",
                num(a.to),
                num(a.from)
            ),
        ));
    }
    Ok(())
}

/// On a path's steps: 0 (its start) to `MAX_STEPS` years.
fn check_on_steps(
    chart: &ChartSpec,
    path: &str,
    axes: &[(Form, &Figure)],
    ends: &[(&str, f64); 2],
) -> Result<(), Error> {
    if !axes.iter().any(|(form, _)| *form == Form::Path) {
        return Err(Error::invalid(
            format!("{path}.axis"),
            say!(
                "chart \"{}\" has no period axis (only a path has one); use \"value\"",
                "图表“{}”没有时间轴（只有路径有）；请用“value”",
                chart.id
            ),
        ));
    }
    for &(field, v) in ends {
        if !(0.0..=MAX_STEPS).contains(&v) {
            return Err(Error::invalid(
                format!("{path}.{field}"),
                say!(
                    "{} is not on the path's period axis: write years from its start, 0 to {}",
                    "{} 不在路径的时间轴上：请写从起点算起的年数，0 到 {}",
                    num(v),
                    num(MAX_STEPS)
                ),
            ));
        }
    }
    Ok(())
}

/// On a value axis in the annotation's unit, where that unit's values may lie.
fn check_on_values(
    chart: &ChartSpec,
    path: &str,
    a: &Annotation,
    axes: &[(Form, &Figure)],
    ends: &[(&str, f64); 2],
) -> Result<(), Error> {
    if !axes
        .iter()
        .any(|(_, f)| f.unit.convert(1.0, &a.unit).is_some())
    {
        let mut units: Vec<&str> = Vec::new();
        for (_, f) in axes {
            if !units.contains(&f.unit.name.as_str()) {
                units.push(&f.unit.name);
            }
        }
        return Err(Error::invalid(
            format!("{path}.unit"),
            say!(
                "no axis of chart \"{}\" is in \"{}\"; its axes are in: {}",
                "图表“{}”没有以“{}”为单位的坐标轴；它的坐标轴单位：{}",
                chart.id,
                clip(&a.unit.name),
                super::read::choices(&units)
            ),
        ));
    }
    for &(field, v) in ends {
        check_number(&format!("{path}.{field}"), v, &a.unit, false)?;
    }
    Ok(())
}

fn check_id(path: &str, id: &str) -> Result<(), Error> {
    if is_kebab_id(id) {
        return Ok(());
    }
    Err(Error::invalid(
        path,
        say!(
            "\"{}\" is not a valid id: use 1–{} lowercase letters and digits, words joined by single '-'",
            "“{}”不是有效的 id：请用 1–{} 个小写字母和数字，单词之间用一个“-”连接",
            clip(id),
            MAX_ID_CHARS
        ),
    ))
}

/// `seen` holds the ids of items 0, 1, … so far. A linear scan (at most 500 figures) keeps
/// a hash map, and its hashing code, out of the wasm.
fn unique<'a>(seen: &mut Vec<&'a str>, id: &'a str, path: &str, list: &str) -> Result<(), Error> {
    if let Some(first) = seen.iter().position(|s| *s == id) {
        return Err(Error::invalid(
            path,
            say!(
                "duplicate id \"{}\" (also {}[{}]); each id must be different",
                "id“{}”重复（{}[{}] 也用了它）；每个 id 都要不同",
                id,
                list,
                first
            ),
        ));
    }
    seen.push(id);
    Ok(())
}

/// A text's Chinese, and its English when it has one.
fn check_text(path: &str, text: &Text, max_chars: usize) -> Result<(), Error> {
    check_string(&format!("{path}.zh"), &text.zh, max_chars)?;
    match &text.en {
        Some(en) => check_string(&format!("{path}.en"), en, max_chars),
        None => Ok(()),
    }
}

fn check_string(path: &str, s: &str, max_chars: usize) -> Result<(), Error> {
    let n = s.chars().count();
    let why = if s.trim().is_empty() {
        say!("is empty; write the text", "是空的，请填写")
    } else if n > max_chars {
        say!(
            "is {} characters long; the limit is {}",
            "有 {} 个字符，上限是 {}",
            n,
            max_chars
        )
    } else if let Some(c) = s.chars().find(|&c| is_hidden_control(c)) {
        say!(
            "contains the invisible control character U+{:04X}; remove it",
            "含有看不见的控制字符 U+{:04X}，请删除",
            c as u32
        )
    } else {
        return Ok(());
    };
    Err(Error::invalid(path, why))
}

/// Control characters and bidirectional overrides: invisible, and they can make a label
/// read differently from what it says (a right-to-left override reverses the digits).
fn is_hidden_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

//! Checks across fields. Each failure names the field (`figures[3].value`) and says
//! what is wrong in words an editor can act on.

use super::model::*;
use super::{
    check_schema, MAX_FIGURES, MAX_FIGURES_PER_CHART, MAX_LABEL_CHARS, MAX_NOTE_CHARS, MAX_VALUE,
};
use crate::error::{clip, Error};
use crate::vocab::{is_kebab_id, MAX_ID_CHARS};

/// Derived values are stored rounded to one decimal.
const DERIVED_TOLERANCE: f64 = 0.051;

pub fn validate(data: &Dataset) -> Result<(), Error> {
    check_schema(data.schema)?;
    check_text("subject", &data.subject, MAX_LABEL_CHARS)?;
    check_source(&data.source)?;
    check_chart_specs(data)?;
    check_figures(data)?;
    check_chart_contents(data)?;
    Ok(())
}

fn check_source(source: &Source) -> Result<(), Error> {
    check_text("source.title", &source.title, MAX_NOTE_CHARS)?;
    if source.sections.is_empty() {
        return Err(Error::invalid(
            "source.sections",
            "needs at least one section",
        ));
    }
    let mut seen = Vec::new();
    for (i, s) in source.sections.iter().enumerate() {
        let path = format!("source.sections[{i}]");
        check_id(&format!("{path}.id"), &s.id)?;
        unique(&mut seen, &s.id, &format!("{path}.id"), "source.sections")?;
        check_text(&format!("{path}.title"), &s.title, MAX_LABEL_CHARS)?;
        if s.paragraphs == 0 {
            return Err(Error::invalid(
                format!("{path}.paragraphs"),
                "must be at least 1",
            ));
        }
    }
    Ok(())
}

fn check_chart_specs(data: &Dataset) -> Result<(), Error> {
    if data.charts.is_empty() {
        return Err(Error::invalid(
            "charts",
            "the list is empty; name at least one chart",
        ));
    }
    let mut seen = Vec::new();
    for (i, chart) in data.charts.iter().enumerate() {
        let path = format!("charts[{i}]");
        check_id(&format!("{path}.id"), &chart.id)?;
        if chart.id == "all" {
            return Err(Error::invalid(
                format!("{path}.id"),
                "\"all\" is reserved for chart=\"all\"",
            ));
        }
        unique(&mut seen, &chart.id, &format!("{path}.id"), "charts")?;
        if chart.form.is_none() {
            return Err(Error::invalid(
                format!("{path}.form"),
                "missing: bars, tiles, units, share, path, areas or ranks",
            ));
        }
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
                format!(
                    "chart \"{}\" has no figures: no figure names it in \"chart\"",
                    chart.id
                ),
            ));
        }
        if count > MAX_FIGURES_PER_CHART {
            return Err(Error::invalid(
                path,
                format!(
                    "chart \"{}\" has {count} figures; at most {MAX_FIGURES_PER_CHART} can be told apart",
                    chart.id
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
                    format!("group \"{}\" has no figures", group.id),
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
            "the list is empty; there is nothing to draw",
        ));
    }
    if data.figures.len() > MAX_FIGURES {
        return Err(Error::invalid(
            "figures",
            format!(
                "{} figures is too many to draw; the limit is {MAX_FIGURES}",
                data.figures.len()
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
    if let Some(v) = f.value {
        check_value(&format!("{path}.value"), v, f.unit)?;
    } else if f.derived.is_some() {
        return Err(Error::invalid(
            format!("{path}.value"),
            "a derived figure needs its computed value",
        ));
    }
    check_low(path, f)?;
    check_period(&format!("{path}.period"), &f.period)?;
    if let Some(band) = &f.band {
        check_band(&format!("{path}.band"), band)?;
    }
    check_source_ref(data, path, f)?;
    check_chart_ref(data, path, f)
}

/// `low` goes with `bound: "range"` and nothing else, and is not above the value.
fn check_low(path: &str, f: &Figure) -> Result<(), Error> {
    match (f.bound, f.low, f.value) {
        (Bound::Range, Some(low), Some(high)) => {
            check_value(&format!("{path}.low"), low, f.unit)?;
            if low > high {
                return Err(Error::invalid(
                    format!("{path}.low"),
                    format!(
                        "the range's low end {} is above its value {}",
                        num(low),
                        num(high)
                    ),
                ));
            }
        }
        (Bound::Range, _, _) => {
            return Err(Error::invalid(
                format!("{path}.low"),
                "bound \"range\" needs both \"low\" and \"value\"",
            ))
        }
        (_, Some(_), _) => {
            return Err(Error::invalid(
                format!("{path}.low"),
                "\"low\" is only for bound \"range\"",
            ))
        }
        _ => {}
    }
    Ok(())
}

fn check_band(bpath: &str, band: &Band) -> Result<(), Error> {
    check_value(
        &format!("{bpath}.min_yi_yuan"),
        band.min_yi_yuan,
        Unit::YiYuan,
    )?;
    if let Some(max) = band.max_yi_yuan {
        check_value(&format!("{bpath}.max_yi_yuan"), max, Unit::YiYuan)?;
        if max <= band.min_yi_yuan {
            return Err(Error::invalid(
                format!("{bpath}.max_yi_yuan"),
                format!("must be above min_yi_yuan ({})", num(band.min_yi_yuan)),
            ));
        }
    }
    Ok(())
}

/// The section exists and has that paragraph.
fn check_source_ref(data: &Dataset, path: &str, f: &Figure) -> Result<(), Error> {
    let spath = format!("{path}.source");
    match data.section(&f.source.section) {
        None => {
            return Err(Error::invalid(
                format!("{spath}.section"),
                format!(
                    "no section \"{}\" in source.sections",
                    clip(&f.source.section)
                ),
            ))
        }
        Some(s) if f.source.paragraph == 0 || f.source.paragraph > s.paragraphs => {
            return Err(Error::invalid(
                format!("{spath}.paragraph"),
                format!(
                    "section \"{}\" has paragraphs 1 to {}, not {}",
                    s.id, s.paragraphs, f.source.paragraph
                ),
            ))
        }
        Some(_) => {}
    }
    Ok(())
}

/// The chart exists, and the group when the chart has groups.
fn check_chart_ref(data: &Dataset, path: &str, f: &Figure) -> Result<(), Error> {
    match (&f.chart, &f.group) {
        (None, Some(_)) => {
            return Err(Error::invalid(
                format!("{path}.group"),
                "a group needs a chart",
            ))
        }
        (None, None) => {}
        (Some(chart_id), group) => {
            let Some(chart) = data.chart(chart_id) else {
                return Err(Error::invalid(
                    format!("{path}.chart"),
                    format!("no chart \"{}\" in charts", clip(chart_id)),
                ));
            };
            match group {
                None if !chart.groups.is_empty() => {
                    return Err(Error::invalid(
                        format!("{path}.group"),
                        format!(
                            "chart \"{}\" has groups ({}); say which one",
                            chart.id,
                            group_ids(chart)
                        ),
                    ))
                }
                Some(g) if !chart.groups.iter().any(|cg| &cg.id == g) => {
                    return Err(Error::invalid(
                        format!("{path}.group"),
                        format!(
                            "chart \"{}\" has no group \"{}\" (it has: {})",
                            chart.id,
                            clip(g),
                            group_ids(chart)
                        ),
                    ))
                }
                _ => {}
            }
        }
    }
    Ok(())
}

fn group_ids(chart: &ChartSpec) -> String {
    if chart.groups.is_empty() {
        return "none".into();
    }
    chart
        .groups
        .iter()
        .map(|g| g.id.clone())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Finite, within what the unit allows. JSON cannot spell NaN, but JS objects can.
fn check_value(path: &str, v: f64, unit: Unit) -> Result<(), Error> {
    if !v.is_finite() {
        return Err(Error::invalid(
            path,
            format!("{} is not a finite number", num(v)),
        ));
    }
    if v.abs() > MAX_VALUE {
        return Err(Error::invalid(
            path,
            format!("{} is too large to draw", crate::format::scientific(v)),
        ));
    }
    let ok = match unit {
        // Growth rates can fall.
        Unit::Percent => true,
        Unit::Rank => v >= 1.0,
        Unit::Multiple => v > 0.0,
        _ => v >= 0.0,
    };
    if !ok {
        let why = match unit {
            Unit::Rank => "a rank starts at 1".to_string(),
            Unit::Multiple => "a multiple must be above 0".to_string(),
            _ => format!("{} is negative; a {} cannot be", num(v), unit_noun(unit)),
        };
        return Err(Error::invalid(path, why));
    }
    if matches!(unit, Unit::Count | Unit::Rank) && v.fract() != 0.0 {
        return Err(Error::invalid(
            path,
            format!(
                "{} is not a whole number; a {} must be",
                num(v),
                unit_noun(unit)
            ),
        ));
    }
    Ok(())
}

/// A number in a message, without core's float formatting (see `format::fixed`).
fn num(v: f64) -> String {
    crate::format::fixed(v, 9)
}

fn unit_noun(unit: Unit) -> &'static str {
    match unit {
        Unit::Percent => "percentage",
        Unit::Count => "count",
        Unit::YiYuan | Unit::WanYuan => "sum of money",
        Unit::WanM2 | Unit::Km2 => "area",
        Unit::Rank => "rank",
        Unit::Years => "number of years",
        Unit::Multiple => "multiple",
        Unit::Index => "index",
    }
}

fn check_period(path: &str, p: &Period) -> Result<(), Error> {
    if !(1900..=2100).contains(&p.year) {
        return Err(Error::invalid(
            format!("{path}.year"),
            format!("{} is outside 1900–2100", p.year),
        ));
    }
    if let Some(q) = p.quarter {
        if !(1..=4).contains(&q) {
            return Err(Error::invalid(
                format!("{path}.quarter"),
                format!("{q} is not 1–4"),
            ));
        }
    }
    match (p.horizon_years_low, p.horizon_years) {
        (_, Some(0)) => Err(Error::invalid(
            format!("{path}.horizon_years"),
            "must be at least 1",
        )),
        (Some(_), None) => Err(Error::invalid(
            format!("{path}.horizon_years_low"),
            "needs horizon_years",
        )),
        (Some(low), Some(high)) if low == 0 || low > high => Err(Error::invalid(
            format!("{path}.horizon_years_low"),
            format!("must be between 1 and horizon_years ({high})"),
        )),
        _ => Ok(()),
    }
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
                    format!(
                        "{} overlaps figures[{ia}] ({}); each project belongs to one band",
                        band_text(b),
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
            format!(
                "{} does not follow its rule: the inputs give {}",
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
        .ok_or_else(|| Error::invalid(path.as_str(), "no such figure"))?;
    let d = f
        .derived
        .as_ref()
        .ok_or_else(|| Error::invalid(format!("{path}.derived"), "the figure has no rule"))?;
    let value = compute(data, &format!("{path}.derived"), f, d)?;
    Ok((value * 10.0).round() / 10.0)
}

/// The inputs of a derived figure, checked, then its rule applied to them.
fn compute(data: &Dataset, dpath: &str, f: &Figure, d: &Derived) -> Result<f64, Error> {
    let mut inputs = Vec::with_capacity(d.from.len());
    for (k, id) in d.from.iter().enumerate() {
        let input = match data.figure(id) {
            Some(input) if input.id != f.id => input,
            Some(_) => {
                return Err(Error::invalid(
                    format!("{dpath}.from[{k}]"),
                    "a figure cannot be derived from itself",
                ))
            }
            None => {
                return Err(Error::invalid(
                    format!("{dpath}.from[{k}]"),
                    format!("no figure with id \"{}\"", clip(id)),
                ))
            }
        };
        let Some(value) = input.value else {
            return Err(Error::invalid(
                format!("{dpath}.from[{k}]"),
                format!("figure \"{}\" has no value to derive from", input.id),
            ));
        };
        inputs.push((input, value));
    }
    derive(dpath, f, d, &inputs)
}

fn derive(dpath: &str, f: &Figure, d: &Derived, inputs: &[(&Figure, f64)]) -> Result<f64, Error> {
    let need = |n: usize, what: &str| -> Result<(), Error> {
        if inputs.len() == n || (n == 0 && inputs.len() >= 2) {
            Ok(())
        } else {
            Err(Error::invalid(format!("{dpath}.from"), what.to_string()))
        }
    };
    match d.op {
        DeriveOp::Remainder => {
            need(0, "remainder needs a total and at least one part")?;
            let (total, total_value) = inputs[0];
            for (part, _) in &inputs[1..] {
                if part.unit != total.unit || f.unit != total.unit {
                    return Err(Error::invalid(
                        format!("{dpath}.from"),
                        format!("\"{}\" is in another unit than the total", part.id),
                    ));
                }
            }
            Ok(total_value - inputs[1..].iter().map(|(_, v)| v).sum::<f64>())
        }
        DeriveOp::Ratio => {
            need(2, "ratio needs exactly two figures: numerator, denominator")?;
            let (a, b) = (inputs[0], inputs[1]);
            let base = |(f, v): (&Figure, f64)| f.unit.base().map(|(q, k)| (q, v * k));
            match (base(a), base(b)) {
                (Some((qa, va)), Some((qb, vb))) if qa == qb && vb != 0.0 => Ok(va / vb),
                _ => Err(Error::invalid(
                    format!("{dpath}.from"),
                    format!(
                        "\"{}\" and \"{}\" are not comparable quantities",
                        a.0.id, b.0.id
                    ),
                )),
            }
        }
        DeriveOp::AnnualRate | DeriveOp::IndexPath => {
            need(1, "needs exactly one figure: a multiple with a horizon")?;
            let (m, multiple) = inputs[0];
            let Some(horizon) = m.period.horizon_years.filter(|_| m.unit == Unit::Multiple) else {
                return Err(Error::invalid(
                    format!("{dpath}.from[0]"),
                    format!("\"{}\" must be a multiple with period.horizon_years", m.id),
                ));
            };
            let years = f64::from(horizon);
            if d.op == DeriveOp::AnnualRate {
                return Ok((multiple.powf(1.0 / years) - 1.0) * 100.0);
            }
            let Some(step) = d.step else {
                return Err(Error::invalid(
                    format!("{dpath}.step"),
                    "index_path needs a step",
                ));
            };
            Ok(100.0 * multiple.powf(f64::from(step) / years))
        }
    }
}

fn check_id(path: &str, id: &str) -> Result<(), Error> {
    if is_kebab_id(id) {
        return Ok(());
    }
    Err(Error::invalid(
        path,
        format!(
            "\"{}\" is not a valid id: use 1–{MAX_ID_CHARS} lowercase letters and digits, words joined by single '-'",
            clip(id)
        ),
    ))
}

/// `seen` holds the ids of items 0, 1, … so far. A linear scan (at most 500 figures) keeps
/// a hash map, and its hashing code, out of the wasm.
fn unique<'a>(seen: &mut Vec<&'a str>, id: &'a str, path: &str, list: &str) -> Result<(), Error> {
    if let Some(first) = seen.iter().position(|s| *s == id) {
        return Err(Error::invalid(
            path,
            format!("duplicate id \"{id}\" (also {list}[{first}])"),
        ));
    }
    seen.push(id);
    Ok(())
}

fn check_text(path: &str, text: &Text, max_chars: usize) -> Result<(), Error> {
    for (lang, s) in [("zh", &text.zh), ("en", &text.en)] {
        let p = format!("{path}.{lang}");
        if s.trim().is_empty() {
            return Err(Error::invalid(p, "is empty"));
        }
        let n = s.chars().count();
        if n > max_chars {
            return Err(Error::invalid(
                p,
                format!("is {n} characters long; the limit is {max_chars}"),
            ));
        }
        if let Some(c) = s.chars().find(|&c| is_hidden_control(c)) {
            return Err(Error::invalid(
                p,
                format!(
                    "contains the invisible control character U+{:04X}; remove it",
                    c as u32
                ),
            ));
        }
    }
    Ok(())
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

//! `bars`: comparable quantities as bars from zero on one linear axis, values printed at
//! the bar ends. Consecutive figures in comparable units share an axis; another unit starts
//! a new one (never one axis for 个 and 亿元). Rates for a period other than the first
//! (Q1 2020 after the 2019 results) are set apart three ways, so no reader relies on colour
//! alone: their own colour, a caption naming the period, and a key.

use super::common::legend;
use super::guides::{self, Guide};
use super::rows::{self, tick_labels, unit_caption, Row};
use super::{FormDef, Panel};
use crate::data::{Axis, Figure, Period};
use crate::describe;
use crate::format;
use crate::layout::{Builder, Rect};
use crate::scale::Linear;
use crate::theme::Rgb;
use crate::vocab::{Form, Lang, UnitKind};

/// `bars` in the registry (`charts::FORMS`).
pub const FORM: FormDef = FormDef {
    form: Form::Bars,
    label: ("条形图", "bars"),
    for_: ("可比较的数值，单位相同", "comparable values in one unit"),
    accepts: |_| true,
    layout,
};

fn layout(b: &mut Builder, panel: &Panel) {
    let comparable =
        |a: &(usize, &Figure), z: &(usize, &Figure)| a.1.unit.convert(1.0, &z.1.unit).is_some();
    for run in panel.figures.chunk_by(comparable) {
        let guides = match run.first() {
            Some((_, f)) => guides::take(b, panel, Axis::Value, &f.unit),
            None => Vec::new(),
        };
        axis(b, run, &guides);
    }
}

/// One axis: its unit, rows of bars with the lines and bands it takes, ticks, their labels,
/// and the period key when periods differ.
fn axis(b: &mut Builder, run: &[(usize, &Figure)], guides: &[Guide]) {
    let Some(&(_, first)) = run.first() else {
        return;
    };
    let (lang, unit) = (b.lang, &first.unit);
    let (list, key) = rows_by_period(b, run);
    let values = run
        .iter()
        .filter_map(|(_, f)| f.unit.convert(f.value?, unit));
    let (min, max) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (min, max) = guides::extent(guides, (min, max));
    let (factor, name) = format::axis_unit(unit, max, lang);
    if !name.is_empty() {
        unit_caption(b, &name);
    }
    let grid = rows::grid(b, &list);
    let scale = Linear::from_zero(min, max, grid.track);
    let lines = scale.grid_lines(0.0);
    let spans = guides::spans(guides, &|v| scale.px(v));
    rows::draw(b, &list, &grid, &lines, &spans, &mut |b, r, mid| {
        let v = r.figure.unit.convert(r.figure.value?, unit)?;
        let (a, z) = (scale.px(0.0), scale.px(v));
        let h = b.px(14.0);
        let rect = Rect::new(a.min(z), mid - h / 2, (z - a).abs().max(b.px(2.0)), h);
        b.bar(rect, r.color, r.figure.derived.is_some());
        Some(rect)
    });
    let ticks: Vec<(i32, String)> = scale
        .ticks
        .iter()
        .map(|&t| (scale.px(t), format::number(t * factor, 2, lang)))
        .collect();
    tick_labels(b, &ticks);
    let last = run[run.len() - 1].0;
    guides::labels_below(b, guides, &spans, last);
    if !key.is_empty() {
        legend(b, &key);
    }
}

/// Rows in order; for rates, those of another period than the first get the secondary
/// colour and a caption where the period changes, and the key lists both periods.
fn rows_by_period<'a>(
    b: &Builder,
    run: &[(usize, &'a Figure)],
) -> (Vec<Row<'a>>, Vec<(Rgb, String)>) {
    let (theme, lang) = (b.theme, b.lang);
    let mut list: Vec<Row> = run.iter().map(|&f| Row::new(b, f)).collect();
    let Some(first) = run.first().map(|(_, f)| f.period) else {
        return (list, Vec::new());
    };
    if run[0].1.unit.kind != UnitKind::Percent {
        return (list, Vec::new());
    }
    let mut previous = first;
    let mut other = None;
    for row in &mut list {
        let period = row.figure.period;
        if period != first {
            row.color = b.tone(row.index, theme.secondary);
            other.get_or_insert(period);
        }
        if period != previous {
            row.caption = Some(when(period, lang)).filter(|w| !w.is_empty());
        }
        previous = period;
    }
    // Each period's swatch as its first row is drawn (muted when a highlight passes it by).
    let color = |p: Option<Period>| list.iter().find(|r| r.figure.period == p).map(|r| r.color);
    let key = other.map_or_else(Vec::new, |other| {
        vec![
            (color(first).unwrap_or(theme.primary), when(first, lang)),
            (color(other).unwrap_or(theme.secondary), when(other, lang)),
        ]
    });
    (list, key)
}

/// A period in a caption or key; nothing when the data says nothing.
fn when(period: Option<Period>, lang: Lang) -> String {
    period.map_or_else(String::new, |p| describe::period(&p, lang))
}

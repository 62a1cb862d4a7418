//! Pieces several charts share: panel headings, rows of bars or dots on one scale, and
//! legends. Each chart file decides which figures go where; these decide geometry.

use crate::data::{Bound, Figure, Kind, Unit};
use crate::format::{self, Lang};
use crate::layout::{text_width, wrap, Builder, HAlign, Rect, Shape, VAlign};
use crate::theme::{size_css, Rgb, Theme};

/// One row: a figure, its colour, and an optional caption drawn above it (a change of
/// period, a sub-heading).
pub struct Row<'a> {
    pub index: usize,
    pub figure: &'a Figure,
    pub color: Rgb,
    pub caption: Option<String>,
}

impl<'a> Row<'a> {
    pub fn new(theme: &Theme, (index, figure): (usize, &'a Figure)) -> Row<'a> {
        Row {
            index,
            figure,
            color: kind_color(theme, figure.kind),
            caption: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Bars from zero.
    Linear,
    /// Dots on a log₁₀ axis: for counts from 1 to hundreds, where bars would hide the small
    /// ones. Dots, not bars, because a bar's length on a log axis means nothing.
    Log,
    /// Places in a ranking, 1 at the left, on a log axis (1st vs 4th matters more than
    /// 30th vs 40th); "top N" draws as a span from 1 to N.
    Rank,
    /// Bars on a fixed 0–100 % axis: a share is read against the whole.
    Share,
}

/// Results, plans and aims each have their own colour in every chart.
pub fn kind_color(theme: &Theme, kind: Kind) -> Rgb {
    match kind {
        Kind::Actual => theme.primary,
        Kind::Plan => theme.secondary,
        Kind::Aim => theme.aim,
    }
}

/// The figure's value converted to `unit` (亿元 ↔ 万元, 平方公里 ↔ 万平方米), if comparable.
pub fn value_in(f: &Figure, unit: Unit) -> Option<f64> {
    convert(f.value?, f.unit, unit)
}

pub fn convert(v: f64, from: Unit, to: Unit) -> Option<f64> {
    let base = |u: Unit| match u {
        Unit::YiYuan => Some(("money", 1e8)),
        Unit::WanYuan => Some(("money", 1e4)),
        Unit::Km2 => Some(("area", 1e6)),
        Unit::WanM2 => Some(("area", 1e4)),
        _ => None,
    };
    if from == to {
        return Some(v);
    }
    match (base(from), base(to)) {
        (Some((qa, fa)), Some((qb, fb))) if qa == qb => Some(v * fa / fb),
        _ => None,
    }
}

/// The value as drawn beside a mark, with "(derived)" when it is.
pub fn value_text(f: &Figure, lang: Lang) -> String {
    let v = format::value(f, lang);
    match (f.derived.is_some(), lang) {
        (false, _) => v,
        (true, Lang::Zh) => format!("{v}（{}）", format::derived_tag(lang)),
        (true, Lang::En) => format!("{v} ({})", format::derived_tag(lang)),
    }
}

/// The label that fits `max_px`: the full one, else the short one.
pub fn label_fitting(f: &Figure, lang: Lang, size_px: i32, max_px: i32) -> &str {
    let full = lang.pick(&f.label);
    match &f.short {
        Some(short) if text_width(full, size_px, false) > max_px => lang.pick(short),
        _ => full,
    }
}

/// A panel heading: "label（unit）".
pub fn panel_header(b: &mut Builder, label: &str, unit: Option<&str>) {
    let text = match (unit, b.lang) {
        (None, _) => label.to_string(),
        (Some(u), Lang::Zh) => format!("{label}（{u}）"),
        (Some(u), Lang::En) => format!("{label} ({u})"),
    };
    let color = b.theme.text;
    b.paragraph(&text, size_css::LABEL, color, true);
    b.gap(2.0);
}

/// The unit a panel of rows is drawn in (its first figure's), as the axis names it.
pub fn axis_unit_name(rows: &[Row], lang: Lang) -> Option<&'static str> {
    let unit = rows.first()?.figure.unit;
    let max = rows
        .iter()
        .filter_map(|r| value_in(r.figure, unit))
        .fold(0.0, f64::max);
    Some(format::axis_unit(unit, max, lang).1)
}

/// Horizontal rows on one scale: label, bar or dot, value; tick labels underneath.
/// Labels sit in a column when they fit (full, else short), otherwise above their bar.
pub fn rows(b: &mut Builder, rows: &[Row], scale: Scale) {
    let Some(first) = rows.first() else { return };
    let (lang, theme) = (b.lang, b.theme);
    let unit = first.figure.unit;
    let values: Vec<Option<f64>> = rows.iter().map(|r| value_in(r.figure, unit)).collect();
    let lows: Vec<Option<f64>> = rows
        .iter()
        .map(|r| r.figure.low.and_then(|l| convert(l, r.figure.unit, unit)))
        .collect();
    let max = values.iter().flatten().fold(0.0f64, |a, &v| a.max(v));
    let min = values.iter().flatten().fold(0.0f64, |a, &v| a.min(v));

    let label_px = b.px(size_css::LABEL);
    let small_px = b.px(size_css::SMALL);
    let gap = b.px(8.0);
    let texts: Vec<String> = rows.iter().map(|r| value_text(r.figure, lang)).collect();
    let value_w = texts
        .iter()
        .map(|t| text_width(t, label_px, true))
        .max()
        .unwrap_or(0);
    let column_max = (f64::from(b.content_width()) * 0.42) as i32;
    let labels: Vec<&str> = rows
        .iter()
        .map(|r| label_fitting(r.figure, lang, label_px, column_max))
        .collect();
    let label_w = labels
        .iter()
        .map(|l| text_width(l, label_px, false))
        .max()
        .unwrap_or(0);
    // Side-by-side when the labels fit a column and leave a usable track.
    let track_if_wide = b.content_width() - label_w - gap - value_w - gap;
    let wide = label_w <= column_max && track_if_wide >= b.content_width() / 4;
    let x0 = b.left() + if wide { label_w + gap } else { 0 };
    let x1 = (b.right() - value_w - gap).max(x0 + b.px(40.0));

    let axis = Axis::new(scale, min, max, x0, x1);
    let label_line = b.px(size_css::LABEL * 1.35);
    // Above its bar a label has the whole width, and wraps there rather than spill.
    let label_lines: Vec<Vec<String>> = labels
        .iter()
        .map(|l| match wide {
            true => vec![l.to_string()],
            false => wrap(l, label_px, false, b.content_width()),
        })
        .collect();
    // A value wider than the room left right of the shortest usable track (x1 is held
    // 40 px from x0) wraps onto more lines rather than spill.
    let value_max = b.right() - x1 - gap;
    let value_lines: Vec<Vec<String>> = texts
        .iter()
        .map(|t| match text_width(t, label_px, true) <= value_max {
            true => vec![t.clone()],
            false => wrap(t, label_px, true, value_max),
        })
        .collect();
    let row_heights: Vec<i32> = (0..rows.len())
        .map(|k| {
            let above = if wide {
                0
            } else {
                label_lines[k].len() as i32 * label_line
            };
            let extra_value_lines = value_lines[k].len().saturating_sub(1) as i32;
            b.px(size_css::ROW_MIN) + above + extra_value_lines * label_line
        })
        .collect();
    let caption_h = b.px(size_css::SMALL * 1.7);
    let hit_gap = b.px(4.0);

    // Row positions first, so grid lines can be drawn under the bars.
    let top = b.y;
    let mut y = top;
    let mut row_tops = Vec::with_capacity(rows.len());
    for (r, row_h) in rows.iter().zip(&row_heights) {
        if r.caption.is_some() {
            y += caption_h;
        }
        row_tops.push(y);
        y += row_h;
    }
    let bottom = y;
    for &t in &axis.ticks {
        let x = axis.x(t);
        let zero_line = t == 0.0 && matches!(scale, Scale::Linear | Scale::Share);
        let color = if zero_line { theme.muted } else { theme.grid };
        b.line(vec![(x, top), (x, bottom - hit_gap)], color, 1.0, None);
    }

    for (k, r) in rows.iter().enumerate() {
        let (row_y, row_h) = (row_tops[k], row_heights[k]);
        if let Some(caption) = &r.caption {
            let at = (b.left(), row_y - caption_h + b.px(3.0));
            b.text(
                caption.clone(),
                at,
                small_px,
                theme.muted,
                HAlign::Left,
                VAlign::Top,
                true,
            );
        }
        // Beside the bar (wide) or above it (narrow); the bar takes the rest of the row.
        let (label_at, label_v, mark_zone) = if wide {
            let mid = row_y + (row_h - hit_gap) / 2;
            ((b.left(), mid), VAlign::Middle, (row_y, row_h - hit_gap))
        } else {
            let above = label_lines[k].len() as i32 * label_line;
            let zone = (row_y + above, row_h - above - hit_gap);
            ((b.left(), row_y), VAlign::Top, zone)
        };
        for (n, line) in label_lines[k].iter().enumerate() {
            let at = (label_at.0, label_at.1 + n as i32 * label_line);
            let color = theme.text;
            b.text(
                line.clone(),
                at,
                label_px,
                color,
                HAlign::Left,
                label_v,
                false,
            );
        }
        let mid = mark_zone.0 + mark_zone.1 / 2;
        let derived = r.figure.derived.is_some();
        let shape_rect = match (values[k], scale) {
            (None, _) => Rect::new(x0, mid, 0, 0),
            (Some(v), Scale::Linear | Scale::Share) => {
                let (a, z) = (axis.x(0.0), axis.x(v));
                let bar_h = b.px(14.0);
                let w = (z - a).abs().max(b.px(2.0));
                let rect = Rect::new(a.min(z), mid - bar_h / 2, w, bar_h);
                b.bar(rect, r.color, derived);
                rect
            }
            (Some(v), Scale::Log | Scale::Rank) => {
                let radius = b.px(5.0);
                let cx = axis.x(v);
                let mut left = cx;
                let top_n = scale == Scale::Rank && r.figure.bound == Bound::Top;
                let low = if top_n { Some(1.0) } else { lows[k] };
                if let Some(low) = low {
                    left = axis.x(low);
                    b.line(vec![(left, mid), (cx, mid)], r.color, 3.0, None);
                    push_dot(b, (left, mid), radius, r.color, derived);
                }
                push_dot(b, (cx, mid), radius, r.color, derived);
                Rect::new(
                    left - radius,
                    mid - radius,
                    cx - left + 2 * radius,
                    2 * radius,
                )
            }
        };
        let text_x = shape_rect.right() + b.px(6.0);
        let color = if values[k].is_some() {
            theme.text
        } else {
            theme.muted
        };
        let lines = &value_lines[k];
        let first_mid = mid - (lines.len() as i32 - 1) * label_line / 2;
        for (n, line) in lines.iter().enumerate() {
            let at = (text_x, first_mid + n as i32 * label_line);
            b.text(
                line.clone(),
                at,
                label_px,
                color,
                HAlign::Left,
                VAlign::Middle,
                true,
            );
        }
        let widest = lines.iter().map(|l| text_width(l, label_px, true)).max();
        let text_rect = Rect::new(
            text_x,
            first_mid - label_px / 2,
            widest.unwrap_or(0),
            label_px + (lines.len() as i32 - 1) * label_line,
        );
        // The mark is the bar or dot; with no value, the "not stated" words stand in.
        let (outline, color) = if values[k].is_some() {
            (shape_rect, r.color)
        } else {
            (text_rect, theme.muted)
        };
        b.mark(
            r.index,
            Rect::new(b.left(), row_y, b.content_width(), row_h - hit_gap),
            outline,
            color,
        );
    }
    b.y = bottom;
    axis.draw_labels(b, unit, max);
}

fn push_dot(b: &mut Builder, center: (i32, i32), radius_px: i32, color: Rgb, derived: bool) {
    let width_px = b.px(2.0);
    if derived {
        // Hollow for derived figures: the dot's counterpart of a striped bar.
        let bg = b.theme.background;
        b.shapes.push(Shape::Circle {
            center,
            radius_px,
            color: bg,
            filled: true,
            width_px,
        });
    }
    b.shapes.push(Shape::Circle {
        center,
        radius_px,
        color,
        filled: !derived,
        width_px,
    });
}

/// A horizontal value axis between two pixel columns.
pub struct Axis {
    pub scale: Scale,
    pub lo: f64,
    pub hi: f64,
    pub x0: i32,
    pub x1: i32,
    pub ticks: Vec<f64>,
}

impl Axis {
    pub fn new(scale: Scale, min: f64, max: f64, x0: i32, x1: i32) -> Axis {
        let (lo, hi, ticks) = match scale {
            Scale::Linear => {
                let up = format::ticks(max, 4);
                let down: Vec<f64> = if min < 0.0 {
                    format::ticks(-min, 2)
                        .into_iter()
                        .skip(1)
                        .map(|t| -t)
                        .collect()
                } else {
                    Vec::new()
                };
                let lo = down.last().copied().unwrap_or(0.0);
                let hi = up.last().copied().unwrap_or(1.0);
                let mut ticks: Vec<f64> = down.into_iter().rev().collect();
                ticks.extend(up);
                (lo, hi, ticks)
            }
            Scale::Log => {
                let decades = max.max(1.0).log10().ceil().max(1.0);
                let ticks = (0..=decades as i32).map(|k| 10f64.powi(k)).collect();
                (1.0, 10f64.powf(decades), ticks)
            }
            Scale::Rank => {
                // 1, 2, 5, 10, 20, 50, … up to the first step at or past the lowest place.
                // At least to 10, so first and fourth place do not look far apart.
                let mut ticks = vec![1.0];
                let mut k = 0;
                while ticks.last().is_some_and(|&t| t < max.max(10.0)) {
                    ticks.push([2.0, 5.0, 10.0][k % 3] * 10f64.powi(k as i32 / 3));
                    k += 1;
                }
                let hi = ticks.last().copied().unwrap_or(10.0);
                (1.0, hi, ticks)
            }
            Scale::Share => (0.0, 100.0, vec![0.0, 25.0, 50.0, 75.0, 100.0]),
        };
        Axis {
            scale,
            lo,
            hi,
            x0,
            x1,
            ticks,
        }
    }

    /// Pixel column of value `v`.
    pub fn x(&self, v: f64) -> i32 {
        let t = match self.scale {
            Scale::Linear | Scale::Share => (v - self.lo) / (self.hi - self.lo),
            Scale::Log | Scale::Rank => v.max(1.0).log10() / self.hi.log10(),
        };
        let t = if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.x0 + (t * f64::from(self.x1 - self.x0)).round() as i32
    }

    /// Tick labels under the rows, skipping any that would touch its left neighbour;
    /// for a log axis, says so.
    pub fn draw_labels(&self, b: &mut Builder, unit: Unit, max: f64) {
        let (lang, muted) = (b.lang, b.theme.muted);
        let size = b.px(size_css::SMALL);
        let (factor, _) = format::axis_unit(unit, max, lang);
        let mut last_right = i32::MIN;
        for &t in &self.ticks {
            let text = format::number(t * factor, 2, lang);
            let w = text_width(&text, size, false);
            let x = self.x(t);
            if x - w / 2 < last_right + b.px(4.0) || x + w / 2 > b.right() {
                continue;
            }
            b.text(
                text,
                (x, b.y),
                size,
                muted,
                HAlign::Center,
                VAlign::Top,
                false,
            );
            last_right = x + w / 2;
        }
        b.gap(size_css::SMALL * 1.6);
        if matches!(self.scale, Scale::Log | Scale::Rank) {
            // Its own line: beside the ticks it would collide with the last one.
            let note = match lang {
                Lang::Zh => "对数刻度：相邻刻度相差倍数相同",
                Lang::En => "Log scale: equal steps are equal multiples",
            };
            b.paragraph(note, size_css::SMALL, muted, false);
        }
    }
}

/// A row of colour keys, wrapping onto more lines when narrow.
pub fn legend(b: &mut Builder, items: &[(Rgb, String)]) {
    let size = b.px(size_css::SMALL);
    let swatch = b.px(11.0);
    let line_h = b.px(size_css::SMALL * 1.6);
    let mut x = b.left();
    for (color, label) in items {
        let w = swatch + b.px(5.0) + text_width(label, size, false) + b.px(14.0);
        if x > b.left() && x + w > b.right() {
            x = b.left();
            b.y += line_h;
        }
        b.fill(Rect::new(x, b.y + b.px(1.0), swatch, swatch), *color);
        let at = (x + swatch + b.px(5.0), b.y);
        b.text(
            label.clone(),
            at,
            size,
            b.theme.muted,
            HAlign::Left,
            VAlign::Top,
            false,
        );
        x += w;
    }
    b.y += line_h;
}

/// All of a chart's figures as rows: one panel per group (with its heading and unit), or a
/// single panel when the chart has no groups.
pub fn panels(b: &mut Builder, ctx: &super::Ctx, scale: Scale) {
    let theme = b.theme;
    if ctx.spec.groups.is_empty() {
        let rows: Vec<Row> = ctx.figures.iter().map(|&f| Row::new(&theme, f)).collect();
        self::rows(b, &rows, scale);
        return;
    }
    for group in &ctx.spec.groups {
        let rows: Vec<Row> = ctx
            .group(&group.id)
            .into_iter()
            .map(|f| Row::new(&theme, f))
            .collect();
        let unit = axis_unit_name(&rows, b.lang);
        let unit = unit.filter(|_| scale != Scale::Log);
        panel_header(b, b.lang.pick(&group.label), unit);
        self::rows(b, &rows, scale);
        b.gap(6.0);
    }
}

/// Figures that are best read as a sentence (a rate, a ratio, a goal with no scale to draw
/// it on): label, then the value in bold, one hoverable row each.
pub fn facts(b: &mut Builder, figures: &[(usize, &Figure)]) {
    let (lang, theme) = (b.lang, b.theme);
    let size = b.px(size_css::LABEL);
    let line_h = b.px(size_css::LABEL * 1.4);
    let hit_gap = b.px(4.0);
    for &(index, f) in figures {
        let top = b.y;
        let label = lang.pick(&f.label);
        let value = value_text(f, lang);
        let value_w = text_width(&value, size, true);
        let sep = b.px(10.0);
        let one_line = text_width(label, size, false) + sep + value_w <= b.content_width();
        let mid = top + b.px(size_css::ROW_MIN - 4.0) / 2;
        let outline;
        if one_line {
            b.text(
                label,
                (b.left(), mid),
                size,
                theme.text,
                HAlign::Left,
                VAlign::Middle,
                false,
            );
            b.text(
                value.clone(),
                (b.right(), mid),
                size,
                theme.text,
                HAlign::Right,
                VAlign::Middle,
                true,
            );
            outline = Rect::new(b.right() - value_w, mid - size / 2, value_w, size);
            b.y = top + b.px(size_css::ROW_MIN);
        } else {
            b.paragraph(label, size_css::LABEL, theme.text, false);
            b.text(
                value.clone(),
                (b.left(), b.y),
                size,
                theme.text,
                HAlign::Left,
                VAlign::Top,
                true,
            );
            outline = Rect::new(b.left(), b.y, value_w, size);
            b.y += line_h.max(b.px(size_css::ROW_MIN) - line_h) + hit_gap;
        }
        b.mark(
            index,
            Rect::new(b.left(), top, b.content_width(), b.y - top - hit_gap),
            outline,
            theme.text,
        );
    }
}

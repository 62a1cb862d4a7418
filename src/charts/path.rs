//! `path`: values over steps. A growth goal stated as a multiple ("double in three years")
//! has no base value in the source, so it is drawn as an index (start = 100) on the
//! constant-rate path the multiple implies, every point marked derived (hollow, dashed).
//! Lines and bands may lie across the index (a goal's level) or the steps (a goal's
//! horizon, a period); the goals themselves, like the yearly rate, are read as tiles below.
//! Lines are drawn last, over the path, broken around the texts.

use super::common::{dot, figure_color, kind_color, note, note_height, note_lines};
use super::guides::{self, clear, Guide, Label, Span};
use super::rows::labels_at;
use super::{FormDef, Panel};
use crate::data::{Axis, Figure, Form};
use crate::format;
use crate::layout::{text_width, Builder, HAlign, Rect, VAlign};
use crate::scale::Linear;
use crate::theme::size_css;
use crate::vocab::Lang;

/// The plot's height in CSS px.
const PLOT_CSS: f64 = 160.0;

/// The plot area and its two scales: steps across, index values up.
struct Plot {
    top: i32,
    bottom: i32,
    x: Linear,
    y: Linear,
}

/// A point of the path: the figure's index, the figure, its step.
type Point<'a> = (usize, &'a Figure, u8);

/// `path` in the registry (`charts::FORMS`).
pub const FORM: FormDef = FormDef {
    form: Form::Path,
    label: ("路径", "path"),
    for_: (
        "按步骤变化的数值（指数路径）",
        "values over steps (an index path)",
    ),
    accepts: |f| f.on_axis(Form::Path),
    layout,
};

fn layout(b: &mut Builder, panel: &Panel) {
    // In step order: each point goes in after those with a smaller or equal step. (A
    // path has a handful of points; the standard sorts would link ~3 KB into the wasm.)
    let mut points: Vec<Point> = Vec::new();
    for &(i, f) in &panel.figures {
        if let Some(s) = f.step() {
            let at = points.iter().take_while(|p| p.2 <= s).count();
            points.insert(at, (i, f, s));
        }
    }
    if let Some(&(_, first, _)) = points.first() {
        let levels = guides::take(b, panel, Axis::Value, &first.unit);
        let steps = guides::take(b, panel, Axis::Period, &first.unit);
        let plot = plot(b, &points, &levels, &steps);
        b.y = line_and_points(b, &plot, &points);
        let last = points[points.len() - 1].0;
        guide_labels(b, &plot, (&levels, &steps), last);
        let (across, up) = spans(&plot, &levels, &steps);
        guides::rule(b, &across, (plot.x.from_px, plot.x.to_px), false);
        guides::rule(b, &up, (plot.top, plot.bottom), true);
        b.gap(4.0);
    }
}

/// Scales, bands, grid, value ticks and step labels.
fn plot(b: &mut Builder, points: &[Point], levels: &[Guide], steps: &[Guide]) -> Plot {
    let lang = b.lang;
    let last_step = guides::extent(steps, (1.0, 1.0)).1.ceil() as u8;
    let horizon = points.iter().map(|p| p.2).fold(last_step, u8::max);
    // A level gets room above it for its label.
    let top_index = points.iter().filter_map(|p| p.1.value).fold(
        (guides::extent(levels, (0.0, 0.0)).1 * 1.12).max(100.0),
        f64::max,
    );
    let small = b.style(size_css::SMALL, b.theme.muted);
    let (_, axis_name) = format::axis_unit(&points[0].1.unit, top_index, lang);
    b.text(axis_name, (b.left(), b.y), small);
    let top = b.y + b.px(size_css::SMALL * 1.6);
    let bottom = top + b.px(PLOT_CSS);
    let y = Linear::from_zero(0.0, top_index, (bottom, top));
    let label_w = y
        .ticks
        .iter()
        .map(|t| text_width(&format::number(*t, 0, lang), small.size_px, false))
        .max()
        .unwrap_or(0);
    let x0 = b.left() + label_w + b.px(8.0);
    let ticks: Vec<f64> = (0..=horizon).map(f64::from).collect();
    let x = Linear::fixed(0.0, f64::from(horizon), ticks, (x0, b.right() - b.px(16.0)));
    let plot = Plot { top, bottom, x, y };
    let (across, up) = spans(&plot, levels, steps);
    guides::shade(b, &across, (plot.x.from_px, plot.x.to_px), false);
    guides::shade(b, &up, (top, bottom), true);
    grid(b, &plot);
    step_labels(b, &plot);
    plot
}

/// The lines and bands in pixels: those across the index (spans along y), those across
/// the steps (along x).
fn spans(plot: &Plot, levels: &[Guide], steps: &[Guide]) -> (Vec<Span>, Vec<Span>) {
    (
        guides::spans(levels, &|v| plot.y.px(v)),
        guides::spans(steps, &|s| plot.x.px(s)),
    )
}

/// Grid lines and value ticks at the index's ticks.
fn grid(b: &mut Builder, plot: &Plot) {
    let small = b.style(size_css::SMALL, b.theme.muted);
    let right = small.at(HAlign::Right, VAlign::Middle);
    for &t in &plot.y.ticks {
        let (y, grid) = (plot.y.px(t), b.theme.grid);
        b.line(
            vec![(plot.x.from_px, y), (plot.x.to_px, y)],
            grid,
            1.0,
            None,
        );
        let text = format::number(t, 0, b.lang);
        b.text(text, (plot.x.from_px - b.px(6.0), y), right);
    }
}

/// "起点, 第1年, …" / "start, yr 1, …" under the plot, dropping any that would collide.
fn step_labels(b: &mut Builder, plot: &Plot) {
    let lang = b.lang;
    let labels: Vec<(i32, String)> = plot
        .x
        .ticks
        .iter()
        .map(|&s| {
            let text = match (s as u32, lang) {
                (0, Lang::Zh) => "起点".to_string(),
                (0, Lang::En) => "start".to_string(),
                (n, Lang::Zh) => format!("第{n}年"),
                (n, Lang::En) => format!("yr {n}"),
            };
            (plot.x.px(s), text)
        })
        .collect();
    labels_at(b, &labels, plot.bottom + b.px(8.0));
}

/// The path (dashed when derived; muted when a highlight passes some of its points by),
/// its points with their values, and one hover column each, down to the notes under the
/// step labels. Returns the bottom of what it drew.
fn line_and_points(b: &mut Builder, plot: &Plot, points: &[Point]) -> i32 {
    let color = points
        .first()
        .map_or(b.theme.aim, |p| kind_color(&b.theme, p.1.kind));
    let lit = points.iter().all(|p| b.tone(p.0, color) == color);
    let line_color = if lit { color } else { b.theme.faded };
    let at = |s: u8, v: f64| (plot.x.px(f64::from(s)), plot.y.px(v));
    let path: Vec<(i32, i32)> = points
        .iter()
        .filter_map(|p| Some(at(p.2, p.1.value?)))
        .collect();
    let derived = points.iter().any(|p| p.1.derived.is_some());
    b.line(path, line_color, 2.0, derived.then_some(6.0));
    let columns = columns(b, plot, points);
    let notes: Vec<Vec<String>> = (points.iter().zip(&columns))
        .map(|(p, c)| note_lines(b, p.0, c.1 - c.0))
        .collect();
    let notes_top = plot.bottom + b.px(size_css::SMALL * 1.8);
    let tallest = notes.iter().map(|n| note_height(b, n)).max().unwrap_or(0);
    let bottom = notes_top + tallest;
    let (radius, value_style) = (b.px(5.0), b.style(size_css::SMALL, b.theme.text).bold());
    for (k, &(index, f, s)) in points.iter().enumerate() {
        let Some(v) = f.value else { continue };
        let (c, tone) = (at(s, v), figure_color(b, index, f));
        let outline = dot(b, c, radius, tone, f.derived.is_some());
        let above = (c.0, c.1 - radius - b.px(3.0));
        let value = format::number(v, 1, b.lang);
        b.text(value, above, value_style.at(HAlign::Center, VAlign::Bottom));
        note(b, &notes[k], (columns[k].0, notes_top), tone);
        let (left, right) = columns[k];
        let hit = Rect::new(left, plot.top, right - left, bottom - plot.top);
        b.mark(index, hit, outline, tone);
    }
    bottom
}

/// Each point's hover column: the columns meet halfway between neighbouring steps, so
/// they never overlap, and stay in the content.
fn columns(b: &Builder, plot: &Plot, points: &[Point]) -> Vec<(i32, i32)> {
    let half = (plot.x.px(1.0) - plot.x.px(0.0)) / 2;
    let xs: Vec<i32> = points.iter().map(|p| plot.x.px(f64::from(p.2))).collect();
    let column = |k: usize| {
        let x = xs[k];
        let left = k.checked_sub(1).map_or(x - half, |j| (xs[j] + x) / 2);
        let right = xs.get(k + 1).map_or(x + half, |&n| (x + n) / 2);
        (left.max(b.left()), right.min(b.right()))
    };
    (0..points.len()).map(column).collect()
}

/// Each line's and band's label in the plot beside it, where it is clear (`spots`); those
/// that fit nowhere there go under the plot.
fn guide_labels(b: &mut Builder, plot: &Plot, (levels, steps): (&[Guide], &[Guide]), last: usize) {
    let mut rest: Vec<Guide> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    for (guides, upright) in [(levels, false), (steps, true)] {
        for g in guides {
            if !place(b, plot, g, upright, last) {
                let left = plot.x.from_px;
                let (a, z) = match upright {
                    true => (plot.x.px(g.from), plot.x.px(g.to)),
                    false => (left, left),
                };
                rest.push(g.clone());
                spans.push((a, z, g.band));
            }
        }
    }
    guides::labels_below(b, &rest, &spans, last);
}

/// A guide's label at the first of its `spots` where it is clear; false if none is.
fn place(b: &mut Builder, plot: &Plot, g: &Guide, upright: bool, last: usize) -> bool {
    let (left, top) = (plot.x.from_px, plot.top);
    let bounds = Rect::new(left, top, b.right() - left, plot.bottom - top);
    let label = Label::new(b, &g.label, bounds.w);
    for (x, y) in spots(b, plot, g, &label, upright) {
        let r = label.at(x, y);
        if clear(b, r, bounds) {
            label.draw(b, r, g.index, last);
            return true;
        }
    }
    false
}

/// Where a guide's label may go in the plot, in order of preference: along a level's line
/// from its right end leftwards, above it then below it; left of a step's foot, then
/// right of it, then at its top; inside a band's top, then its other end.
fn spots(b: &Builder, plot: &Plot, g: &Guide, label: &Label, upright: bool) -> Vec<(i32, i32)> {
    let (w, h, gap) = (label.w, label.h, b.px(4.0));
    if upright {
        let (a, z) = (plot.x.px(g.from), plot.x.px(g.to));
        let (top, foot) = (plot.top + gap, plot.bottom - gap - h);
        let (before, after) = match g.band {
            false => (a - gap - w, a + gap),
            true => (z - gap - w, a + gap),
        };
        return vec![(before, foot), (after, foot), (before, top), (after, top)];
    }
    let (lo, hi) = (plot.y.px(g.from), plot.y.px(g.to));
    let rows = match g.band {
        false => [lo - gap - h, lo + gap],
        true => [hi + gap, lo - gap - h],
    };
    let (left, step) = (plot.x.from_px + gap, b.px(6.0));
    let mut out = Vec::new();
    for y in rows {
        let mut x = plot.x.to_px - w;
        while x >= left {
            out.push((x, y));
            x -= step;
        }
    }
    out
}

//! `path`: values over steps. A growth goal stated as a multiple ("double in three years")
//! has no base value in the source, so it is drawn as an index (start = 100) on the
//! constant-rate path the multiple implies, every point marked derived (hollow, dashed).
//! Goals are drawn as markers on the plot, a multiple as a target level, a sum of money
//! as a line at its horizon, and are read, like the yearly rate, as tiles below.

use super::common::{dot, kind_color};
use super::rows::labels_at;
use super::{tiles, Panel};
use crate::data::Figure;
use crate::format;
use crate::layout::{text_width, Builder, HAlign, Rect, VAlign};
use crate::scale::Linear;
use crate::theme::size_css;
use crate::vocab::{Lang, UnitKind};

/// The plot's height in CSS px.
const PLOT_CSS: f64 = 160.0;

/// The plot area and its two scales: steps across, index values up.
struct Plot {
    top: i32,
    bottom: i32,
    x: Linear,
    y: Linear,
}

fn step(f: &Figure) -> Option<u8> {
    f.derived.as_ref().and_then(|d| d.step)
}

pub fn layout(b: &mut Builder, panel: &Panel) {
    let (index, rest) = panel.split(|f| f.unit.kind == UnitKind::Index && step(f).is_some());
    // In step order: each point goes in after those with a smaller or equal step. (A
    // path has a handful of points; the standard sorts would link ~3 KB into the wasm.)
    let mut points: Vec<(usize, &Figure, u8)> = Vec::new();
    for &(i, f) in &index.figures {
        if let Some(s) = step(f) {
            let at = points.iter().take_while(|p| p.2 <= s).count();
            points.insert(at, (i, f, s));
        }
    }
    if !points.is_empty() {
        let goals: Vec<&Figure> = rest.figures.iter().map(|(_, f)| *f).collect();
        let plot = plot(b, &points, &goals);
        goal_markers(b, &plot, &goals);
        line_and_points(b, &plot, &points);
        b.y = plot.bottom + b.px(size_css::SMALL * 1.8);
        b.gap(4.0);
    }
    tiles::layout(b, &rest);
}

/// Scales, grid, value ticks and step labels.
fn plot(b: &mut Builder, points: &[(usize, &Figure, u8)], goals: &[&Figure]) -> Plot {
    let lang = b.lang;
    let horizon = goals
        .iter()
        .filter_map(|f| f.period?.horizon_years)
        .chain(points.iter().map(|p| p.2))
        .max()
        .unwrap_or(1)
        .max(1);
    let multiples = goals.iter().filter(|f| f.unit.kind == UnitKind::Multiple);
    let top_index = points
        .iter()
        .filter_map(|p| p.1.value)
        .chain(multiples.filter_map(|f| f.value.map(|m| m * 100.0)))
        .fold(100.0, f64::max);
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
    let steps: Vec<f64> = (0..=horizon).map(f64::from).collect();
    let x = Linear::fixed(0.0, f64::from(horizon), steps, (x0, b.right() - b.px(16.0)));
    for &t in &y.ticks {
        let grid = b.theme.grid;
        b.line(
            vec![(x.from_px, y.px(t)), (x.to_px, y.px(t))],
            grid,
            1.0,
            None,
        );
        let right = small.at(HAlign::Right, VAlign::Middle);
        b.text(format::number(t, 0, lang), (x0 - b.px(6.0), y.px(t)), right);
    }
    let plot = Plot { top, bottom, x, y };
    step_labels(b, &plot);
    plot
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

/// A multiple as a dashed target level up to its horizon; a goal in money as a dashed line
/// at its horizon. Neither is a hover target (their tiles below are).
fn goal_markers(b: &mut Builder, plot: &Plot, goals: &[&Figure]) {
    let lang = b.lang;
    for g in goals {
        let (Some(v), Some(h)) = (g.value, g.period.and_then(|p| p.horizon_years)) else {
            continue;
        };
        let color = kind_color(&b.theme, g.kind);
        let style = b.style(size_css::SMALL, color).bold();
        let hx = plot.x.px(f64::from(h));
        let text = crate::describe::value(g, lang);
        match g.unit.kind {
            UnitKind::Multiple => {
                let ly = plot.y.px(v * 100.0);
                b.line(vec![(plot.x.from_px, ly), (hx, ly)], color, 1.5, Some(5.0));
                // Below the level, at the start: the path is still low there.
                b.text(text, (plot.x.from_px + b.px(4.0), ly + b.px(3.0)), style);
            }
            UnitKind::Amount => {
                b.line(
                    vec![(hx, plot.top), (hx, plot.bottom)],
                    color,
                    1.5,
                    Some(5.0),
                );
                // Bottom right, left of its line: the path is high by then, so it is clear.
                let at = (hx - b.px(4.0), plot.bottom - b.px(4.0));
                b.text(text, at, style.at(HAlign::Right, VAlign::Bottom));
            }
            _ => {}
        }
    }
}

/// The path (dashed when derived), its points with their values, one hover column each.
fn line_and_points(b: &mut Builder, plot: &Plot, points: &[(usize, &Figure, u8)]) {
    let lang = b.lang;
    let color = points
        .first()
        .map_or(b.theme.aim, |p| kind_color(&b.theme, p.1.kind));
    let at = |s: u8, v: f64| (plot.x.px(f64::from(s)), plot.y.px(v));
    let path: Vec<(i32, i32)> = points
        .iter()
        .filter_map(|p| Some(at(p.2, p.1.value?)))
        .collect();
    let derived = points.iter().any(|p| p.1.derived.is_some());
    b.line(path, color, 2.0, derived.then_some(6.0));
    let half = (plot.x.px(1.0) - plot.x.px(0.0)) / 2;
    let radius = b.px(5.0);
    let value_style = b.style(size_css::SMALL, b.theme.text).bold();
    // Hover columns meet halfway between neighbouring steps, so they never overlap.
    let xs: Vec<i32> = points.iter().map(|p| plot.x.px(f64::from(p.2))).collect();
    for (k, &(index, f, s)) in points.iter().enumerate() {
        let Some(v) = f.value else { continue };
        let c = at(s, v);
        let left = k.checked_sub(1).map_or(c.0 - half, |j| (xs[j] + c.0) / 2);
        let right = xs.get(k + 1).map_or(c.0 + half, |&n| (c.0 + n) / 2);
        let outline = dot(b, c, radius, color, f.derived.is_some());
        let above = (c.0, c.1 - radius - b.px(3.0));
        b.text(
            format::number(v, 1, lang),
            above,
            value_style.at(HAlign::Center, VAlign::Bottom),
        );
        let (left, right) = (left.max(b.left()), right.min(b.right()));
        let hit = Rect::new(left, plot.top, right - left, plot.bottom - plot.top);
        b.mark(index, hit, outline, color);
    }
}

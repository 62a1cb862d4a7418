//! `growth-path`: a growth goal stated as a multiple ("double in three years") has no base
//! value in the source, so we draw it as an index (start = 100) on the constant-rate path
//! the multiple implies, with every point marked derived. Goals in absolute money (past
//! 1 000 亿 in five years) cannot sit on an index axis without a base; they are drawn as a
//! horizon marker and read as sentences below, as are the rate and the multiple.

use super::parts::{facts, kind_color};
use super::Ctx;
use crate::data::{Figure, Unit};
use crate::format::{self, Lang};
use crate::layout::{text_width, Builder, HAlign, Rect, Shape, VAlign};
use crate::theme::size_css;

pub fn layout(b: &mut Builder, ctx: &Ctx) {
    let (theme, lang) = (b.theme, b.lang);
    let step = |f: &Figure| f.derived.as_ref().and_then(|d| d.step);
    let mut points: Vec<(usize, &Figure, u8)> = ctx
        .figures
        .iter()
        .filter(|(_, f)| f.unit == Unit::Index)
        .filter_map(|&(i, f)| Some((i, f, step(f)?)))
        .collect();
    points.sort_unstable_by_key(|p| p.2);
    let rest: Vec<(usize, &Figure)> = ctx
        .figures
        .iter()
        .copied()
        .filter(|(i, _)| !points.iter().any(|p| p.0 == *i))
        .collect();
    if points.is_empty() {
        facts(b, &rest);
        return;
    }

    let horizon = ctx
        .figures
        .iter()
        .filter_map(|(_, f)| f.period.horizon_years)
        .chain(points.iter().map(|p| p.2))
        .max()
        .unwrap_or(1)
        .max(1);
    let goals: Vec<&Figure> = rest.iter().map(|(_, f)| *f).collect();
    let top_index = points
        .iter()
        .filter_map(|p| p.1.value)
        .chain(
            goals
                .iter()
                .filter(|f| f.unit == Unit::Multiple)
                .filter_map(|f| f.value.map(|m| m * 100.0)),
        )
        .fold(100.0, f64::max);
    let y_ticks = format::ticks(top_index, 4);
    let y_max = y_ticks.last().copied().unwrap_or(top_index);

    let small = b.px(size_css::SMALL);
    let label_w = y_ticks
        .iter()
        .map(|t| text_width(&format::number(*t, 0, lang), small, false))
        .max()
        .unwrap_or(0);
    let x0 = b.left() + label_w + b.px(8.0);
    let x1 = b.right() - b.px(16.0);
    let top = b.y + b.px(size_css::SMALL * 1.6);
    let plot_h = b.px(160.0);
    let bottom = top + plot_h;
    let x = |year: f64| x0 + (year / f64::from(horizon) * f64::from(x1 - x0)).round() as i32;
    let y = |v: f64| bottom - (v / y_max * f64::from(plot_h)).round() as i32;

    // Axis name above the plot.
    let (_, axis_name) = format::axis_unit(Unit::Index, y_max, lang);
    b.text(
        axis_name,
        (b.left(), b.y),
        small,
        theme.muted,
        HAlign::Left,
        VAlign::Top,
        false,
    );
    for &t in &y_ticks {
        b.line(vec![(x0, y(t)), (x1, y(t))], theme.grid, 1.0, None);
        let label = format::number(t, 0, lang);
        b.text(
            label,
            (x0 - b.px(6.0), y(t)),
            small,
            theme.muted,
            HAlign::Right,
            VAlign::Middle,
            false,
        );
    }
    let mut last_right = i32::MIN;
    for year in 0..=horizon {
        let label = match (year, lang) {
            (0, Lang::Zh) => "起点".to_string(),
            (0, Lang::En) => "start".to_string(),
            (n, Lang::Zh) => format!("第{n}年"),
            (n, Lang::En) => format!("yr {n}"),
        };
        let w = text_width(&label, small, false);
        let cx = x(f64::from(year));
        if cx - w / 2 > last_right + b.px(4.0) {
            b.text(
                label,
                (cx, bottom + b.px(8.0)),
                small,
                theme.muted,
                HAlign::Center,
                VAlign::Top,
                false,
            );
            last_right = cx + w / 2;
        }
    }

    // Stated goals as markers: a multiple as a target level up to its horizon, a goal in
    // money as a vertical line at its horizon. Neither is a hover target (their rows below are).
    for g in &goals {
        let (Some(v), Some(h)) = (g.value, g.period.horizon_years) else {
            continue;
        };
        let color = kind_color(&theme, g.kind);
        let hx = x(f64::from(h));
        match g.unit {
            Unit::Multiple => {
                let ly = y(v * 100.0);
                b.line(vec![(x0, ly), (hx, ly)], color, 1.5, Some(5.0));
                let text = format::value(g, lang);
                // Below the level, at the start: the path is still low there.
                b.text(
                    text,
                    (x0 + b.px(4.0), ly + b.px(3.0)),
                    small,
                    color,
                    HAlign::Left,
                    VAlign::Top,
                    true,
                );
            }
            Unit::YiYuan | Unit::WanYuan => {
                b.line(vec![(hx, top), (hx, bottom)], color, 1.5, Some(5.0));
                // Bottom right, left of its line: the path is high by then, so it is clear.
                let text = format::value(g, lang);
                b.text(
                    text,
                    (hx - b.px(4.0), bottom - b.px(4.0)),
                    small,
                    color,
                    HAlign::Right,
                    VAlign::Bottom,
                    true,
                );
            }
            _ => {}
        }
    }

    // The path and its points.
    let color = points
        .first()
        .map_or(theme.aim, |p| kind_color(&theme, p.1.kind));
    let path: Vec<(i32, i32)> = points
        .iter()
        .filter_map(|p| Some((x(f64::from(p.2)), y(p.1.value?))))
        .collect();
    let derived = points.iter().any(|p| p.1.derived.is_some());
    b.line(path, color, 2.0, if derived { Some(6.0) } else { None });
    let half = (x(1.0) - x(0.0)) / 2;
    let radius = b.px(5.0);
    for &(index, f, s) in &points {
        let Some(v) = f.value else { continue };
        let c = (x(f64::from(s)), y(v));
        if f.derived.is_some() {
            b.shapes.push(Shape::Circle {
                center: c,
                radius_px: radius,
                color: theme.background,
                filled: true,
                width_px: 1,
            });
        }
        b.shapes.push(Shape::Circle {
            center: c,
            radius_px: radius,
            color,
            filled: f.derived.is_none(),
            width_px: b.px(2.0),
        });
        let value = format::number(v, 1, lang);
        b.text(
            value,
            (c.0, c.1 - radius - b.px(3.0)),
            small,
            theme.text,
            HAlign::Center,
            VAlign::Bottom,
            true,
        );
        let left = (c.0 - half).max(b.left());
        let hit = Rect::new(left, top, (c.0 + half).min(b.right()) - left, plot_h);
        let outline = Rect::new(c.0 - radius, c.1 - radius, 2 * radius, 2 * radius);
        b.mark(index, hit, outline, color);
    }
    b.y = bottom + b.px(size_css::SMALL * 1.8);
    b.gap(4.0);
    facts(b, &rest);
}

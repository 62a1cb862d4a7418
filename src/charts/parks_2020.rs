//! `parks-2020`: planned parks as squares at true proportion of area (side ∝ √area, one
//! scale for all), so 9.5 km² and 35 万 m² are compared honestly; a square too small to see
//! at this width says so. A park whose area the source does not state is drawn as an empty
//! dashed square, not to scale. Other figures (the derived size ratio) read as sentences.

use super::parts::{facts, kind_color, value_text};
use super::Ctx;
use crate::data::{Figure, Unit};
use crate::format::Lang;
use crate::layout::{wrap, Builder, HAlign, Rect, Shape, VAlign};
use crate::theme::size_css;

/// Below this side (CSS px) a square is a speck; we draw a marker and say so instead.
const MIN_VISIBLE_SIDE_CSS: f64 = 3.0;

fn area_m2(f: &Figure) -> Option<f64> {
    match f.unit {
        Unit::Km2 => f.value.map(|v| v * 1e6),
        Unit::WanM2 => f.value.map(|v| v * 1e4),
        _ => None,
    }
}

pub fn layout(b: &mut Builder, ctx: &Ctx) {
    let (theme, lang) = (b.theme, b.lang);
    let is_area = |f: &Figure| matches!(f.unit, Unit::Km2 | Unit::WanM2);
    let areas: Vec<(usize, &Figure)> = ctx
        .figures
        .iter()
        .copied()
        .filter(|(_, f)| is_area(f))
        .collect();
    let others: Vec<(usize, &Figure)> = ctx
        .figures
        .iter()
        .copied()
        .filter(|(_, f)| !is_area(f))
        .collect();
    let largest_m2 = areas
        .iter()
        .filter_map(|(_, f)| area_m2(f))
        .fold(0.0, f64::max);

    // In CSS px, so the drawing is the same design at every pixel ratio.
    let content_css = f64::from(b.content_width()) / b.frame.scale;
    let side_max_css = (content_css * 0.42).min(190.0);
    let side_max = side_max_css * b.frame.scale;
    let column = b.left() + b.px(side_max_css + 12.0);
    let text_w = b.right() - column;
    let (label_px, small_px) = (b.px(size_css::LABEL), b.px(size_css::SMALL));
    let hit_gap = b.px(4.0);

    for &(index, f) in &areas {
        let top = b.y;
        let color = kind_color(&theme, f.kind);
        let side = match area_m2(f) {
            Some(m2) if largest_m2 > 0.0 => side_max * (m2 / largest_m2).sqrt(),
            _ => 0.0,
        };
        let mut lines: Vec<(String, i32, bool)> = Vec::new();
        for l in wrap(lang.pick(&f.label), label_px, false, text_w) {
            lines.push((l, label_px, false));
        }
        lines.push((value_text(f, lang), label_px, true));
        let tiny = f.value.is_some() && side < MIN_VISIBLE_SIDE_CSS * b.frame.scale;
        if tiny {
            let words = match lang {
                Lang::Zh => "按比例过小，此宽度下无法显示",
                Lang::En => "too small to show at this scale",
            };
            for l in wrap(words, small_px, false, text_w) {
                lines.push((l, small_px, false));
            }
        }
        if let Some(note) = &f.note {
            for l in wrap(lang.pick(note), small_px, false, text_w) {
                lines.push((l, small_px, false));
            }
        }
        let text_h: i32 = lines.iter().map(|(_, s, _)| s * 14 / 10).sum();

        let square = if f.value.is_none() {
            // Unknown area: a dashed outline with a question mark, explicitly not to scale.
            let s = b.px(28.0);
            let r = Rect::new(b.left(), top, s, s);
            let corners = vec![
                (r.x, r.y),
                (r.right(), r.y),
                (r.right(), r.bottom()),
                (r.x, r.bottom()),
                (r.x, r.y),
            ];
            b.line(corners, color, 1.5, Some(4.0));
            b.text(
                "?",
                r.center(),
                label_px,
                color,
                HAlign::Center,
                VAlign::Middle,
                true,
            );
            r
        } else if tiny {
            let r = Rect::new(b.left(), top + b.px(4.0), b.px(4.0), b.px(4.0));
            b.shapes.push(Shape::Circle {
                center: r.center(),
                radius_px: b.px(2.0),
                color,
                filled: true,
                width_px: 1,
            });
            r
        } else {
            let s = side.round() as i32;
            let r = Rect::new(b.left(), top, s.max(1), s.max(1));
            b.bar(r, color, f.derived.is_some());
            r
        };

        let mut y = top;
        for (text, size, bold) in &lines {
            let c = if *size == small_px {
                theme.muted
            } else {
                theme.text
            };
            b.text(
                text.clone(),
                (column, y),
                *size,
                c,
                HAlign::Left,
                VAlign::Top,
                *bold,
            );
            y += size * 14 / 10;
        }
        let row_h = square.h.max(text_h).max(b.px(size_css::ROW_MIN));
        b.y = top + row_h + b.px(10.0);
        b.mark(
            index,
            Rect::new(
                b.left(),
                top,
                b.content_width(),
                row_h + b.px(10.0) - hit_gap,
            ),
            square,
            color,
        );
    }
    let scale_note = match lang {
        Lang::Zh => "方块面积按实际面积同比例绘制（未披露者除外）",
        Lang::En => "Square areas are to scale with the parks' areas (except where not stated)",
    };
    b.paragraph(scale_note, size_css::SMALL, theme.muted, false);
    b.gap(4.0);
    facts(b, &others);
}

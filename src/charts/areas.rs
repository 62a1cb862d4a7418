//! `areas`: areas as squares at true proportion (side ∝ √area, one scale for all), so
//! 9.5 km² and 35 万 m² are compared honestly; a square too small to see at this width says
//! so. An area the source does not state is an empty dashed square, not to scale. Figures
//! that are not areas (the derived size ratio) are drawn as tiles.

use super::common::{figure_color, note, note_lines, value_text};
use super::{FormDef, Panel};
use crate::data::Figure;
use crate::layout::{wrap, Builder, HAlign, Rect, Shape, TextStyle, VAlign};
use crate::scale::Sqrt;
use crate::theme::size_css;
use crate::vocab::{Form, Lang};

/// Below this side (CSS px) a square is a speck; we draw a marker and say so instead.
const MIN_VISIBLE_SIDE_CSS: f64 = 3.0;

fn area_m2(f: &Figure) -> Option<f64> {
    f.value.filter(|_| is_area(f)).map(|v| f.unit.in_base(v))
}

fn is_area(f: &Figure) -> bool {
    f.unit.is_area()
}

/// `areas` in the registry (`charts::FORMS`).
pub const FORM: FormDef = FormDef {
    form: Form::Areas,
    label: ("面积", "areas"),
    for_: ("按实际比例绘制的面积", "areas drawn to scale"),
    accepts: is_area,
    layout,
};

fn layout(b: &mut Builder, panel: &Panel) {
    if !panel.figures.is_empty() {
        let largest = panel
            .figures
            .iter()
            .filter_map(|(_, f)| area_m2(f))
            .fold(0.0, f64::max);
        // In CSS px, so the drawing is the same design at every pixel ratio.
        let content_css = f64::from(b.content_width()) / b.frame.scale;
        let side_css = (content_css * 0.42).min(190.0);
        let scale = Sqrt {
            max_value: largest,
            max_side_px: side_css * b.frame.scale,
        };
        let column = b.left() + b.px(side_css + 12.0);
        for &(index, f) in &panel.figures {
            row(b, index, f, &scale, column);
        }
        let note = match b.lang {
            Lang::Zh => "方块面积按实际面积同比例绘制（未披露者除外）",
            Lang::En => "Square areas are to scale with the parks' areas (except where not stated)",
        };
        let muted = b.theme.muted;
        b.paragraph(note, size_css::SMALL, muted, false);
        b.gap(4.0);
    }
}

/// One area: its square at the left, label, value and notes in the column beside it.
fn row(b: &mut Builder, index: usize, f: &Figure, scale: &Sqrt, column: i32) {
    let top = b.y;
    let color = figure_color(b, index, f);
    let side = area_m2(f).map_or(0.0, |m2| scale.side(m2));
    let tiny = f.value.is_some() && side < MIN_VISIBLE_SIDE_CSS * b.frame.scale;
    let square = if f.value.is_none() {
        unknown_square(b, top, color)
    } else if tiny {
        let r = Rect::new(b.left(), top + b.px(4.0), b.px(4.0), b.px(4.0));
        let radius_px = b.px(2.0);
        b.shapes.push(Shape::Circle {
            center: r.center(),
            radius_px,
            color,
            filled: true,
            width_px: 1,
        });
        r
    } else {
        let s = (side.round() as i32).max(1);
        let r = Rect::new(b.left(), top, s, s);
        b.bar(r, color, f.derived.is_some());
        r
    };
    let text_bottom = words(b, f, column, top, tiny);
    let lines = note_lines(b, index, b.right() - column);
    let text_bottom = note(b, &lines, (column, text_bottom), color);
    let row_h = square.h.max(text_bottom - top).max(b.px(size_css::ROW_MIN));
    b.y = top + row_h + b.px(10.0);
    let hit = Rect::new(b.left(), top, b.content_width(), row_h + b.px(6.0));
    b.mark(index, hit, square, color);
}

/// Unknown area: a dashed outline with a question mark, explicitly not to scale.
fn unknown_square(b: &mut Builder, top: i32, color: crate::theme::Rgb) -> Rect {
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
    let style = b.style(size_css::LABEL, color).bold();
    b.text("?", r.center(), style.at(HAlign::Center, VAlign::Middle));
    r
}

/// Label, value, "too small" words and note, wrapped to the column; returns the bottom.
fn words(b: &mut Builder, f: &Figure, column: i32, top: i32, tiny: bool) -> i32 {
    let lang = b.lang;
    let text_w = b.right() - column;
    let label = b.style(size_css::LABEL, b.theme.text);
    let small = b.style(size_css::SMALL, b.theme.muted);
    let mut y = top;
    // Lines drawn as they come (no list of them: one copy of the loop in the wasm).
    let mut put = |b: &mut Builder, text: &str, style: TextStyle| {
        for line in wrap(text, style.size_px, style.bold, text_w) {
            b.text(line, (column, y), style);
            y += style.size_px * 14 / 10;
        }
    };
    put(b, lang.pick(&f.label), label);
    put(b, &value_text(f, lang), label.bold());
    if tiny {
        let words = match lang {
            Lang::Zh => "按比例过小，此宽度下无法显示",
            Lang::En => "too small to show at this scale",
        };
        put(b, words, small);
    }
    if let Some(note) = &f.note {
        put(b, lang.pick(note), small);
    }
    y
}

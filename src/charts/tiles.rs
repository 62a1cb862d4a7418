//! `tiles`: big numbers, the newsroom's way to show counts that do not share a scale (251
//! patents beside 1 award). Each tile: a rule in the figure's colour (hollow for derived
//! figures), the number set large with its bound words and unit beside or under it, the
//! label, and an optional small note. Tiles sit in a grid of equal columns.
//!
//! Also the fallback of every other form: a figure a form cannot draw (a money goal in a
//! path, a ratio among areas) is shown as a tile, never dropped.

use super::common::{figure_color, note, note_lines};
use super::{FormDef, Panel};
use crate::data::Figure;
use crate::describe;
use crate::layout::{blend, text_width, wrap, Builder, HAlign, Rect, Shape, VAlign};
use crate::theme::size_css;
use crate::vocab::{Form, Lang};

/// Narrowest and widest tile, in CSS px (a lone tile is not a full-width rule); at most
/// four columns.
const MIN_TILE_CSS: f64 = 140.0;
const MAX_TILE_CSS: f64 = 260.0;
const MAX_COLUMNS: i32 = 4;

/// `tiles` in the registry (`charts::FORMS`).
pub const FORM: FormDef = FormDef {
    form: Form::Tiles,
    label: ("大数字", "big numbers"),
    for_: ("互不相关的数字，单位各异", "unrelated figures, mixed units"),
    accepts: |_| true,
    layout,
};

pub fn layout(b: &mut Builder, panel: &Panel) {
    let n = panel.figures.len() as i32;
    if n == 0 {
        return;
    }
    let gap = b.px(12.0);
    let fit = (b.content_width() + gap) / (b.px(MIN_TILE_CSS) + gap);
    let columns = fit.clamp(1, MAX_COLUMNS).min(n);
    // Balance the rows: 9 tiles in 3 × 3 rather than 4 + 4 + 1.
    let rows = (n + columns - 1) / columns;
    let columns = (n + rows - 1) / rows;
    let tile_w = ((b.content_width() - gap * (columns - 1)) / columns).min(b.px(MAX_TILE_CSS));
    for chunk in panel.figures.chunks(columns as usize) {
        let top = b.y;
        let mut drawn = Vec::with_capacity(chunk.len());
        for (k, &(index, f)) in chunk.iter().enumerate() {
            let x = b.left() + k as i32 * (tile_w + gap);
            let (bottom, rule) = tile(b, (index, f), x, top, tile_w);
            drawn.push((index, f, x, bottom, rule));
        }
        let row_bottom = drawn
            .iter()
            .map(|d| d.3)
            .fold(top + b.px(size_css::ROW_MIN), i32::max);
        for &(index, f, x, _, rule) in &drawn {
            let hit = Rect::new(x, top, tile_w, row_bottom - top);
            let color = figure_color(b, index, f);
            b.mark(index, hit, rule, color);
        }
        b.y = row_bottom + gap;
    }
}

/// Draws one tile at (`x`, `top`), `w` wide; returns its bottom and its coloured rule.
fn tile(b: &mut Builder, (index, f): (usize, &Figure), x: i32, top: i32, w: i32) -> (i32, Rect) {
    let lang = b.lang;
    let color = figure_color(b, index, f);
    // Stated: a solid rule. Derived: a hollow, pale one, taller so its outline reads as an
    // outline (stripes do not read in a rule this thin). Both take the same slot, so the
    // numbers of a row of tiles line up.
    let slot = b.px(10.0);
    let rule = if f.derived.is_some() {
        let rect = Rect::new(x, top, w, slot);
        // The pale fill of every derived mark, inside the outline.
        b.fill(rect, blend(color, b.theme.background, 0.2));
        let width_px = b.px(2.0).max(2);
        b.shapes.push(Shape::Stroke {
            rect,
            color,
            width_px,
        });
        rect
    } else {
        let rect = Rect::new(x, top, w, b.px(5.0));
        b.fill(rect, color);
        rect
    };
    let mut y = number(b, f, x, top + slot + b.px(6.0), w);
    let label = b.style(size_css::LABEL, b.theme.text);
    let line_h = b.px(size_css::LABEL * 1.35);
    for line in wrap(lang.pick(&f.label), label.size_px, false, w) {
        b.text(line, (x, y), label);
        y += line_h;
    }
    let small = b.style(size_css::SMALL, b.theme.muted);
    let small_h = b.px(size_css::SMALL * 1.4);
    if f.derived.is_some() {
        let tag = match lang {
            Lang::Zh => "（推算）",
            Lang::En => "(derived)",
        };
        b.text(tag, (x, y), small);
        y += small_h;
    }
    let own = f.note.as_ref().map(|n| lang.pick(n)).unwrap_or_default();
    for line in wrap(own, small.size_px, false, w) {
        b.text(line, (x, y), small);
        y += small_h;
    }
    let lines = note_lines(b, index, w);
    y = note(b, &lines, (x, y), color);
    (y + b.px(2.0), rule)
}

/// The value: bound words, the number set large, the unit; what does not fit beside the
/// number wraps under it. Returns the next free row.
fn number(b: &mut Builder, f: &Figure, x: i32, top: i32, w: i32) -> i32 {
    let parts = describe::value_parts(f, b.lang);
    let color = if f.value.is_some() {
        b.theme.text
    } else {
        b.theme.muted
    };
    let words = b.style(size_css::LABEL, color).bold();
    let mut big = b.style(size_css::NUMBER, color).bold();
    // Shrink a number (or "not stated") that would not fit the tile at full size.
    while big.size_px > words.size_px && text_width(&parts.number, big.size_px, true) > w {
        big.size_px -= 1;
    }
    let before_w = text_width(&parts.before, words.size_px, true);
    let number_w = text_width(&parts.number, big.size_px, true);
    let after_w = text_width(&parts.after, words.size_px, true);
    let mut y = top;
    // The words before the number go above it when both do not fit one line.
    let mut at = x;
    if before_w + number_w > w && !parts.before.is_empty() {
        b.text(parts.before.clone(), (x, y), words);
        y += b.px(size_css::LABEL * 1.35);
    } else {
        at += before_w;
    }
    let base = y + big.size_px;
    let bottom_left = |s: crate::layout::TextStyle| s.at(HAlign::Left, VAlign::Bottom);
    if at > x {
        b.text(parts.before.clone(), (x, base), bottom_left(words));
    }
    b.text(parts.number.clone(), (at, base), bottom_left(big));
    y = base + b.px(4.0);
    if parts.after.is_empty() {
        return y;
    }
    // SVG collapses a leading space, so the gap is ours, not the text's.
    let after = parts.after.trim_start();
    let gap = b.px(3.0);
    if at + number_w + gap + after_w <= x + w {
        b.text(after, (at + number_w + gap, base), bottom_left(words));
        return y;
    }
    for line in wrap(after, words.size_px, true, w) {
        b.text(line, (x, y), words);
        y += b.px(size_css::LABEL * 1.35);
    }
    y + b.px(2.0)
}

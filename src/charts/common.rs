//! Small pieces several forms share: colours by kind (and by highlight), value and label
//! texts, a heading line with its value, notes, and a colour key.

use crate::data::Figure;
use crate::describe;
use crate::layout::{text_width, wrap, Builder, HAlign, Rect, Shape, VAlign};
use crate::theme::{size_css, Rgb, Theme};
use crate::vocab::{Kind, Lang};

/// Results, plans and aims each have their own colour in every form.
pub fn kind_color(theme: &Theme, kind: Kind) -> Rgb {
    match kind {
        Kind::Actual => theme.primary,
        Kind::Plan => theme.secondary,
        Kind::Aim => theme.aim,
    }
}

/// Figure `index`'s colour: its kind's, muted when a highlight names other figures.
pub fn figure_color(b: &Builder, index: usize, f: &Figure) -> Rgb {
    b.tone(index, kind_color(&b.theme, f.kind))
}

/// How far a note's text sits right of its rule.
const NOTE_INDENT_CSS: f64 = 7.0;

/// Figure `index`'s note, if it has one, wrapped to a column `w` px wide: what `note` draws.
pub fn note_lines(b: &Builder, index: usize, w: i32) -> Vec<String> {
    let size = b.px(size_css::SMALL);
    let w = w - b.px(NOTE_INDENT_CSS);
    b.note(index)
        .map_or_else(Vec::new, |text| wrap(&text, size, true, w))
}

/// The height `note` takes for `lines`.
pub fn note_height(b: &Builder, lines: &[String]) -> i32 {
    match lines.len() as i32 {
        0 => 0,
        n => n * b.px(size_css::SMALL * 1.4) + b.px(4.0),
    }
}

/// A note's lines from (`x`, `y`): a rule in its mark's `color` at their left ties them to
/// the mark; the text is bold beside it. Returns the bottom (`y` for no lines).
pub fn note(b: &mut Builder, lines: &[String], (x, y): (i32, i32), color: Rgb) -> i32 {
    if lines.is_empty() {
        return y;
    }
    let line_h = b.px(size_css::SMALL * 1.4);
    let (top, text_x) = (y + b.px(2.0), x + b.px(NOTE_INDENT_CSS));
    let bottom = top + lines.len() as i32 * line_h;
    let rule_x = x + b.px(1.0);
    b.line(
        vec![(rule_x, top + 1), (rule_x, bottom - 1)],
        color,
        2.0,
        None,
    );
    let style = b.style(size_css::SMALL, b.theme.text).bold();
    for (n, line) in lines.iter().enumerate() {
        b.text(line.clone(), (text_x, top + n as i32 * line_h), style);
    }
    bottom + b.px(2.0)
}

/// The value as drawn beside a mark, with "(derived)" when it is.
pub fn value_text(f: &Figure, lang: Lang) -> String {
    let v = describe::value(f, lang);
    match (f.derived.is_some(), lang) {
        (false, _) => v,
        (true, Lang::Zh) => format!("{v}（{}）", describe::derived_tag(lang)),
        (true, Lang::En) => format!("{v} ({})", describe::derived_tag(lang)),
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

/// A heading line for one figure: its label at the left (wrapped when long) and its value
/// in bold at the right, or under the label when both do not fit one line. Advances `b.y`
/// and returns the value's box.
pub fn label_and_value(b: &mut Builder, f: &Figure) -> Rect {
    let lang = b.lang;
    let style = b.style(size_css::LABEL, b.theme.text);
    let value = value_text(f, lang);
    let value_w = text_width(&value, style.size_px, true);
    let sep = b.px(10.0);
    let label = lang.pick(&f.label);
    let line_h = b.px(size_css::LABEL * 1.4);
    if text_width(label, style.size_px, false) + sep + value_w <= b.content_width() {
        let top = b.y;
        b.text(label, (b.left(), top), style);
        let right = style.bold().at(HAlign::Right, VAlign::Top);
        let rect = b.text(value, (b.right(), top), right);
        b.y += line_h;
        return rect;
    }
    for line in wrap(label, style.size_px, false, b.content_width()) {
        b.text(line, (b.left(), b.y), style);
        b.y += line_h;
    }
    let rect = b.text(value, (b.left(), b.y), style.bold());
    b.y += line_h;
    rect
}

/// A row of colour keys, wrapping onto more lines when narrow.
pub fn legend(b: &mut Builder, items: &[(Rgb, String)]) {
    let style = b.style(size_css::SMALL, b.theme.muted);
    let swatch = b.px(11.0);
    let line_h = b.px(size_css::SMALL * 1.6);
    let mut x = b.left();
    for (color, label) in items {
        let w = swatch + b.px(5.0) + text_width(label, style.size_px, false) + b.px(14.0);
        if x > b.left() && x + w > b.right() {
            x = b.left();
            b.y += line_h;
        }
        b.fill(Rect::new(x, b.y + b.px(1.0), swatch, swatch), *color);
        b.text(label.clone(), (x + swatch + b.px(5.0), b.y), style);
        x += w;
    }
    b.y += line_h;
}

/// A dot: filled for stated figures, hollow for derived ones (the dot's counterpart of a
/// striped bar). Returns its bounding box.
pub fn dot(b: &mut Builder, center: (i32, i32), radius_px: i32, color: Rgb, derived: bool) -> Rect {
    let width_px = b.px(2.0).max(1);
    if derived {
        let background = b.theme.background;
        b.shapes.push(Shape::Circle {
            center,
            radius_px,
            color: background,
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
    Rect::new(
        center.0 - radius_px,
        center.1 - radius_px,
        2 * radius_px,
        2 * radius_px,
    )
}

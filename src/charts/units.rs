//! `units`: one square per thing, for small counts and the parts of a whole (20 projects
//! to attract, 12 of them in the smallest size band; 12 working groups). Each figure is a
//! row: its label and value, then its squares in groups of five so they can be counted.
//! Rows share one square size, so parts line up under their total. Derived counts have
//! striped squares. Figures that are not small whole counts are drawn as tiles.

use super::common::{figure_color, label_and_value, note, note_lines};
use super::{FormDef, Panel};
use crate::data::Figure;
use crate::layout::{Builder, Rect};
use crate::theme::size_css;
use crate::vocab::{Bound, Form, UnitKind};

/// More squares than this cannot be counted at a glance; such counts become tiles.
pub const MAX_UNITS: f64 = 100.0;
const SQUARE_CSS: f64 = 10.0;
const GAP_CSS: f64 = 2.0;
/// Extra space after every fifth square.
const GROUP_GAP_CSS: f64 = 4.0;
const GROUP: i32 = 5;

/// Whole counts (of things or years) from 1 to `MAX_UNITS`, stated as one number.
fn fits(f: &Figure) -> bool {
    (f.unit.whole || f.unit.kind == UnitKind::Years)
        && f.bound != Bound::Range
        && f.value
            .is_some_and(|v| (1.0..=MAX_UNITS).contains(&v) && v.fract() == 0.0)
}

/// `units` in the registry (`charts::FORMS`).
pub const FORM: FormDef = FormDef {
    form: Form::Units,
    label: ("单位图", "unit squares"),
    for_: (
        "少量整数，一个一格（不超过100）",
        "small whole counts, one square each (100 at most)",
    ),
    accepts: fits,
    layout,
};

fn layout(b: &mut Builder, panel: &Panel) {
    let hit_gap = b.px(4.0);
    for &(index, f) in &panel.figures {
        let top = b.y;
        label_and_value(b, f);
        b.gap(2.0);
        let count = f.value.unwrap_or(0.0) as i32;
        let color = figure_color(b, index, f);
        let outline = row_of_squares(b, count, color, f.derived.is_some());
        let lines = note_lines(b, index, b.content_width());
        b.y = note(b, &lines, (b.left(), outline.bottom() + b.px(2.0)), color) + b.px(4.0);
        let h = (b.y - top).max(b.px(size_css::ROW_MIN));
        let hit = Rect::new(b.left(), top, b.content_width(), h - hit_gap);
        b.mark(index, hit, outline, color);
        b.y = top + h + b.px(2.0);
    }
}

/// `count` squares from `b.y`, wrapping at whole groups of five; returns their bounding box.
fn row_of_squares(b: &mut Builder, count: i32, color: crate::theme::Rgb, derived: bool) -> Rect {
    let (side, gap, group_gap) = (b.px(SQUARE_CSS), b.px(GAP_CSS), b.px(GROUP_GAP_CSS));
    let group_w = GROUP * (side + gap) + group_gap;
    let per_line = ((b.content_width() + group_gap) / group_w).max(1) * GROUP;
    let (left, top) = (b.left(), b.y);
    let mut right = left;
    for k in 0..count {
        let (line, col) = (k / per_line, k % per_line);
        let x = left + col * (side + gap) + (col / GROUP) * group_gap;
        let y = top + line * (side + gap);
        let square = Rect::new(x, y, side, side);
        b.bar(square, color, derived);
        right = right.max(square.right());
    }
    let lines = (count + per_line - 1) / per_line;
    Rect::new(left, top, right - left, lines * (side + gap) - gap)
}

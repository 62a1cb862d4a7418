//! `share`: a part of a whole as a bar filled to its share of a full-width track, so 50 %
//! reads as half at once. Each figure is a row: label and value, then the track with its
//! fill, 0 and 100 % at its ends. Figures that are not shares (0–100 %) are drawn as tiles.

use super::common::{figure_color, label_and_value, note, note_lines};
use super::{FormDef, Panel};
use crate::data::Figure;
use crate::layout::{Builder, HAlign, Rect, VAlign};
use crate::scale::Linear;
use crate::theme::size_css;
use crate::vocab::{Bound, Form, UnitKind};

fn fits(f: &Figure) -> bool {
    f.unit.kind == UnitKind::Percent
        && f.bound != Bound::Range
        && f.value.is_some_and(|v| (0.0..=100.0).contains(&v))
}

/// `share` in the registry (`charts::FORMS`).
pub const FORM: FormDef = FormDef {
    form: Form::Share,
    label: ("占比", "share"),
    for_: ("整体中的一部分（百分比）", "a part of a whole (per cent)"),
    accepts: fits,
    layout,
};

fn layout(b: &mut Builder, panel: &Panel) {
    let hit_gap = b.px(4.0);
    for &(index, f) in &panel.figures {
        let top = b.y;
        label_and_value(b, f);
        b.gap(2.0);
        let track = Rect::new(b.left(), b.y, b.content_width(), b.px(16.0));
        let scale = Linear::fixed(0.0, 100.0, Vec::new(), (track.x, track.right()));
        b.fill(track, b.theme.grid);
        let color = figure_color(b, index, f);
        let v = f.value.unwrap_or(0.0);
        let fill = Rect::new(
            track.x,
            track.y,
            (scale.px(v) - track.x).max(b.px(2.0)),
            track.h,
        );
        b.bar(fill, color, f.derived.is_some());
        b.y = track.bottom() + b.px(3.0);
        end_labels(b, &scale);
        let lines = note_lines(b, index, b.content_width());
        b.y = note(b, &lines, (b.left(), b.y), color);
        let hit = Rect::new(b.left(), top, b.content_width(), b.y - top);
        b.mark(index, hit, fill, color);
        b.y += hit_gap + b.px(2.0);
    }
}

/// "0" and "100%" under the track's ends.
fn end_labels(b: &mut Builder, scale: &Linear) {
    let style = b.style(size_css::SMALL, b.theme.muted);
    let y = b.y;
    b.text("0", (scale.from_px, y), style);
    b.text(
        "100%",
        (scale.to_px, y),
        style.at(HAlign::Right, VAlign::Top),
    );
    b.y = y + b.px(size_css::SMALL * 1.4);
}

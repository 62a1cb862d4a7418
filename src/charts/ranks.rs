//! `ranks`: places in a ranking on a linear scale of places, first place at the left and
//! at least ten places shown, so 1st and 4th read as close as they are. A place is a dot;
//! a "top N" goal is a bar spanning places 1 to N. No logarithmic axis: general readers do
//! not read one. Figures that are not places (a streak of years) are drawn as tiles.

use super::common::dot;
use super::guides::{self, Guide};
use super::rows::{self, tick_labels, Row};
use super::{FormDef, Panel};
use crate::data::{Axis, Figure, Form};
use crate::layout::{Builder, Rect};
use crate::scale::Linear;
use crate::theme::size_css;
use crate::vocab::{Bound, Lang};

/// `ranks` in the registry (`charts::FORMS`).
pub const FORM: FormDef = FormDef {
    form: Form::Ranks,
    label: ("排名", "rankings"),
    for_: ("名次与“前N名”目标", "places and top-N goals"),
    accepts: |f| f.on_axis(Form::Ranks),
    layout,
};

fn layout(b: &mut Builder, panel: &Panel) {
    if let Some((_, first)) = panel.figures.first() {
        let guides = guides::take(b, panel, Axis::Value, &first.unit);
        axis(b, &panel.figures, &guides);
    }
}

fn axis(b: &mut Builder, figures: &[(usize, &Figure)], guides: &[Guide]) {
    let theme = b.theme;
    let caption = match b.lang {
        Lang::Zh => "名次（第1名在最左）",
        Lang::En => "Place (1st at the left)",
    };
    b.paragraph(caption, size_css::SMALL, theme.muted, false);
    b.gap(2.0);
    let list: Vec<Row> = figures.iter().map(|&f| Row::new(b, f)).collect();
    let grid = rows::grid(b, &list);
    let lowest = figures
        .iter()
        .filter_map(|(_, f)| f.value)
        .fold(guides::extent(guides, (1.0, 1.0)).1, f64::max);
    // First place sits a dot's width in from the track, clear of its row's label.
    let (from_px, to_px) = grid.track;
    let scale = Linear::places(lowest, (from_px + b.px(8.0), to_px));
    let lines = scale.grid_lines(1.0);
    let spans = guides::spans(guides, &|v| scale.px(v));
    rows::draw(b, &list, &grid, &lines, &spans, &mut |b, r, mid| {
        let place = r.figure.value?;
        let derived = r.figure.derived.is_some();
        if r.figure.bound == Bound::Top {
            let (a, z) = (scale.px(1.0), scale.px(place));
            let h = b.px(10.0);
            let rect = Rect::new(a, mid - h / 2, (z - a).max(b.px(4.0)), h);
            b.bar(rect, r.color, derived);
            return Some(rect);
        }
        Some(dot(b, (scale.px(place), mid), b.px(6.0), r.color, derived))
    });
    let ticks: Vec<(i32, String)> = scale
        .ticks
        .iter()
        .map(|&t| (scale.px(t), crate::format::number(t, 0, b.lang)))
        .collect();
    tick_labels(b, &ticks);
    let last = figures[figures.len() - 1].0;
    guides::labels_below(b, guides, &spans, last);
}

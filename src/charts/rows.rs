//! Horizontal rows on one scale, shared by `bars` and `ranks`: a label column (or the label
//! above the track when the column would be too narrow), a track where the form draws its
//! mark, the value beside the mark, a figure's note under it, grid lines (and an
//! annotation's lines and bands) under the rows and tick labels below them.

use super::common::{figure_color, label_fitting, note, note_height, note_lines, value_text};
use super::guides::{self, Span};
use crate::data::Figure;
use crate::layout::{text_width, wrap, Builder, HAlign, Rect, VAlign};
use crate::scale::spaced;
use crate::theme::{size_css, Rgb};

/// One row: a figure, its colour, and an optional caption drawn above it (a change of
/// period, a sub-heading).
pub struct Row<'a> {
    pub index: usize,
    pub figure: &'a Figure,
    pub color: Rgb,
    pub caption: Option<String>,
}

impl<'a> Row<'a> {
    pub fn new(b: &Builder, (index, figure): (usize, &'a Figure)) -> Row<'a> {
        Row {
            index,
            figure,
            color: figure_color(b, index, figure),
            caption: None,
        }
    }
}

/// Where the rows go, measured before anything is drawn.
pub struct Grid {
    /// Labels in a column left of the track (else above it).
    pub wide: bool,
    /// The track's left and right pixel columns.
    pub track: (i32, i32),
    /// Each row's label, wrapped to the content width when it sits above its track.
    labels: Vec<Vec<String>>,
    /// Each row's value, wrapped when wider than the room right of the shortest track.
    values: Vec<Vec<String>>,
    /// Each row's note, wrapped to the room right of the track's start.
    notes: Vec<Vec<String>>,
}

/// Side by side when the labels fit a column and leave a usable track; else stacked.
pub fn grid(b: &Builder, rows: &[Row]) -> Grid {
    let lang = b.lang;
    let label_px = b.px(size_css::LABEL);
    let gap = b.px(8.0);
    let values: Vec<String> = rows.iter().map(|r| value_text(r.figure, lang)).collect();
    let value_w = values
        .iter()
        .map(|t| text_width(t, label_px, true))
        .max()
        .unwrap_or(0);
    let column_max = (f64::from(b.content_width()) * 0.42) as i32;
    let labels: Vec<String> = rows
        .iter()
        .map(|r| label_fitting(r.figure, lang, label_px, column_max).to_string())
        .collect();
    let label_w = labels
        .iter()
        .map(|l| text_width(l, label_px, false))
        .max()
        .unwrap_or(0);
    let track_if_wide = b.content_width() - label_w - gap - value_w - gap;
    let wide = label_w <= column_max && track_if_wide >= b.content_width() / 4;
    let x0 = b.left() + if wide { label_w + gap } else { 0 };
    let x1 = (b.right() - value_w - gap).max(x0 + b.px(40.0));
    // Above its track a label has the whole width and wraps there rather than spill; a
    // value wider than the room right of the shortest track (40 px) wraps too.
    let labels = labels
        .iter()
        .map(|l| match wide {
            true => vec![l.clone()],
            false => wrap(l, label_px, false, b.content_width()),
        })
        .collect();
    let value_max = b.right() - x1 - gap;
    let values = values
        .iter()
        .map(|t| match text_width(t, label_px, true) <= value_max {
            true => vec![t.clone()],
            false => wrap(t, label_px, true, value_max),
        })
        .collect();
    let notes = rows
        .iter()
        .map(|r| note_lines(b, r.index, b.right() - x0))
        .collect();
    Grid {
        wide,
        track: (x0, x1),
        labels,
        values,
        notes,
    }
}

impl Grid {
    /// Row `k`'s label lines above its track when stacked.
    fn above(&self, b: &Builder, k: usize) -> i32 {
        match self.wide {
            true => 0,
            false => self.labels[k].len() as i32 * b.px(size_css::LABEL * 1.35),
        }
    }

    /// Row `k`'s height: a finger-sized track, its label lines above it when stacked, any
    /// extra lines its value wraps onto, and its note under it.
    fn row_h(&self, b: &Builder, k: usize) -> i32 {
        let line = b.px(size_css::LABEL * 1.35);
        let extra = self.values[k].len().saturating_sub(1) as i32 * line;
        let note = note_height(b, &self.notes[k]);
        b.px(size_css::ROW_MIN) + self.above(b, k) + extra + note
    }
}

/// Draws a row's mark centred on the row's middle and returns its box, or `None` when
/// there is no value to draw. (A `dyn` closure: one copy of the rows' code in the wasm, not
/// one per form.)
pub type DrawMark<'m> = dyn FnMut(&mut Builder, &Row, i32) -> Option<Rect> + 'm;

/// Draws the rows from `b.y`: the bands of `spans` and grid lines at `lines` (x,
/// emphasised) under them, each row (`row`), and the lines of `spans` over them.
pub fn draw(
    b: &mut Builder,
    rows: &[Row],
    grid: &Grid,
    lines: &[(i32, bool)],
    spans: &[Span],
    mark: &mut DrawMark,
) {
    let caption_h = b.px(size_css::SMALL * 1.7);
    let top = b.y;
    let mut tops = Vec::with_capacity(rows.len());
    let mut y = top;
    for (k, r) in rows.iter().enumerate() {
        y += if r.caption.is_some() { caption_h } else { 0 };
        tops.push(y);
        y += grid.row_h(b, k);
    }
    let under = (top, y - b.px(4.0));
    guides::shade(b, spans, under, true);
    for &(x, strong) in lines {
        let color = if strong { b.theme.muted } else { b.theme.grid };
        b.line(vec![(x, under.0), (x, under.1)], color, 1.0, None);
    }
    for (k, r) in rows.iter().enumerate() {
        row(b, r, grid, (k, tops[k]), mark);
    }
    guides::rule(b, spans, under, true);
    b.y = y;
}

/// Row `k` from `row_y`: its caption, label, mark, value and note, and its hover area.
fn row(b: &mut Builder, r: &Row, grid: &Grid, (k, row_y): (usize, i32), mark: &mut DrawMark) {
    let label_line = b.px(size_css::LABEL * 1.35);
    let hit_gap = b.px(4.0);
    if let Some(caption) = &r.caption {
        let style = b.style(size_css::SMALL, b.theme.muted).bold();
        let at = (b.left(), row_y - b.px(size_css::SMALL * 1.7) + b.px(3.0));
        b.text(caption.clone(), at, style);
    }
    let row_h = grid.row_h(b, k);
    let label = b.style(size_css::LABEL, b.theme.text);
    let (above, note_h) = (grid.above(b, k), note_height(b, &grid.notes[k]));
    // The track's zone: the row without its label lines, note and gap.
    let zone = (row_y + above, row_h - above - note_h - hit_gap);
    if grid.wide {
        let middle = label.at(HAlign::Left, VAlign::Middle);
        b.text(
            grid.labels[k][0].clone(),
            (b.left(), zone.0 + zone.1 / 2),
            middle,
        );
    }
    for (n, line) in grid.labels[k].iter().enumerate().filter(|_| !grid.wide) {
        b.text(
            line.clone(),
            (b.left(), row_y + n as i32 * label_line),
            label,
        );
    }
    let mid = zone.0 + zone.1 / 2;
    let drawn = mark(b, r, mid);
    let text_x = drawn.map_or(grid.track.0, |d| d.right()) + b.px(6.0);
    let text_rect = value_lines(b, &grid.values[k], (text_x, mid), drawn.is_some());
    note(b, &grid.notes[k], (grid.track.0, zone.0 + zone.1), r.color);
    let hit = Rect::new(b.left(), row_y, b.content_width(), row_h - hit_gap);
    // The mark is the bar or dot; with no value, the "not stated" words stand in.
    match drawn {
        Some(outline) => b.mark(r.index, hit, outline, r.color),
        None => b.mark(r.index, hit, text_rect, b.theme.muted),
    }
}

/// A value's lines centred on `mid`, from `x`; muted when there is no mark. Returns their box.
fn value_lines(b: &mut Builder, lines: &[String], (x, mid): (i32, i32), drawn: bool) -> Rect {
    let color = if drawn { b.theme.text } else { b.theme.muted };
    let style = b
        .style(size_css::LABEL, color)
        .bold()
        .at(HAlign::Left, VAlign::Middle);
    let line_h = b.px(size_css::LABEL * 1.35);
    let first = mid - (lines.len() as i32 - 1) * line_h / 2;
    let mut rect = Rect::new(x, first - style.size_px / 2, 0, 0);
    for (n, line) in lines.iter().enumerate() {
        let r = b.text(line.clone(), (x, first + n as i32 * line_h), style);
        rect = Rect::new(rect.x, rect.y, rect.w.max(r.w), r.bottom() - rect.y);
    }
    rect
}

/// Tick labels under the rows at (x, text), dropping any that would touch a neighbour.
pub fn tick_labels(b: &mut Builder, ticks: &[(i32, String)]) {
    labels_at(b, ticks, b.y);
    b.gap(size_css::SMALL * 1.6);
}

/// Labels centred at (x, text) with their tops at `y`, by the one label-collision rule.
pub fn labels_at(b: &mut Builder, ticks: &[(i32, String)], y: i32) {
    let style = b
        .style(size_css::SMALL, b.theme.muted)
        .at(HAlign::Center, VAlign::Top);
    let spans: Vec<(i32, i32)> = ticks
        .iter()
        .map(|(x, t)| (*x, text_width(t, style.size_px, false)))
        .collect();
    let keep = spaced(&spans, b.px(4.0), (b.left(), b.right()));
    for ((x, text), keep) in ticks.iter().zip(keep) {
        if keep {
            b.text(text.clone(), (*x, y), style);
        }
    }
}

/// A small muted line naming what the axis counts in ("单位：亿元").
pub fn unit_caption(b: &mut Builder, name: &str) {
    let text = match b.lang {
        crate::vocab::Lang::Zh => format!("单位：{name}"),
        crate::vocab::Lang::En => format!("Unit: {name}"),
    };
    let muted = b.theme.muted;
    b.paragraph(&text, size_css::SMALL, muted, false);
    b.gap(2.0);
}

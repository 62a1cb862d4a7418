//! Lines and bands: an annotation's reference value or range across an axis, with its
//! label. An axis takes the ones in its unit (bars, ranks, a path's index) or on its steps
//! (a path's years) that no axis before it took; their values widen its domain, so each is
//! drawn where it belongs. A band is a shade behind the marks, a line a dashed rule under
//! them; labels are placed by the collision rule, and each label is a mark that hover and
//! keys reach after the figures of its axis.

use super::Panel;
use crate::data::{AnnotationKind, Axis, Unit, MAX_STEPS};
use crate::layout::{text_width, wrap, Builder, Rect, Shape};
use crate::theme::size_css;

/// A line or band an axis takes: its annotation, its ends in the axis's unit (a line's are
/// equal) and its label.
#[derive(Clone)]
pub struct Guide {
    pub index: usize,
    pub from: f64,
    pub to: f64,
    pub band: bool,
    pub label: String,
}

/// The lines and bands on `axis` not drawn yet that an axis in `unit` takes (a period
/// axis takes any), their values in `unit`; from now on they count as drawn.
pub fn take(b: &mut Builder, panel: &Panel, axis: Axis, unit: &Unit) -> Vec<Guide> {
    let mut out = Vec::new();
    for (k, a) in panel.annotations.iter().enumerate() {
        let kind = matches!(a.kind, AnnotationKind::Line | AnnotationKind::Band);
        if !kind || a.axis != axis || b.drawn.contains(&k) {
            continue;
        }
        let at = |v: f64| match axis {
            Axis::Period => Some(v.clamp(0.0, MAX_STEPS)),
            Axis::Value => a.unit.convert(v, unit),
        };
        let (Some(from), Some(to)) = (at(a.from), at(a.to)) else {
            continue;
        };
        b.drawn.push(k);
        out.push(Guide {
            index: k,
            from: from.min(to),
            to: from.max(to),
            band: a.kind == AnnotationKind::Band,
            label: b.lang.pick(&a.label).to_string(),
        });
    }
    out
}

/// The domain `(lo, hi)` widened to the guides' ends.
pub fn extent(guides: &[Guide], (mut lo, mut hi): (f64, f64)) -> (f64, f64) {
    for g in guides {
        (lo, hi) = (lo.min(g.from), hi.max(g.to));
    }
    (lo, hi)
}

/// A guide across an axis, in pixels: where it starts and ends along it, and whether it is
/// a band.
pub type Span = (i32, i32, bool);

/// The guides as spans, by the axis's `px`.
pub fn spans(guides: &[Guide], px: &dyn Fn(f64) -> i32) -> Vec<Span> {
    let span = |g: &Guide| {
        let (a, z) = (px(g.from), px(g.to));
        (a.min(z), a.max(z), g.band)
    };
    guides.iter().map(span).collect()
}

/// The bands of `spans` shaded, from `from` to `to` across the axis (`upright`: spans along
/// x, shaded from y `from` to `to`; else spans along y, from x `from` to `to`): drawn first,
/// behind the grid and the marks.
pub fn shade(b: &mut Builder, spans: &[Span], (from, to): (i32, i32), upright: bool) {
    for &(a, z, band) in spans {
        if band {
            let (along, across) = ((z - a).max(1), to - from);
            let rect = match upright {
                true => Rect::new(a, from, along, across),
                false => Rect::new(from, a, across, along),
            };
            b.fill(rect, b.theme.band);
        }
    }
}

/// The lines of `spans` as dashed rules from `from` to `to` across the axis (`upright`:
/// vertical rules; else horizontal ones), broken where a text lies across them so every
/// text reads on the background: drawn last, once the texts are placed.
pub fn rule(b: &mut Builder, spans: &[Span], (from, to): (i32, i32), upright: bool) {
    let gap = b.px(3.0);
    let texts: Vec<Rect> = b.shapes.iter().filter_map(Shape::text_box).collect();
    for &(at, _, band) in spans {
        // The stretches along the rule that texts cover.
        let mut covers: Vec<(i32, i32)> = Vec::new();
        for t in &texts {
            let t = t.inflate(gap);
            let (across, along) = match upright {
                true => ((t.x, t.right()), (t.y, t.bottom())),
                false => ((t.y, t.bottom()), (t.x, t.right())),
            };
            if !band && across.0 <= at && at < across.1 {
                covers.push(along);
            }
        }
        let mut s = from;
        while s < to && !band {
            if let Some(c) = covers.iter().find(|c| c.0 <= s && s < c.1) {
                s = c.1;
                continue;
            }
            let mut next = to;
            for c in &covers {
                if c.0 > s {
                    next = next.min(c.0);
                }
            }
            let points = match upright {
                true => vec![(at, s), (at, next)],
                false => vec![(s, at), (next, at)],
            };
            b.line(points, b.theme.text, 1.5, Some(4.0));
            s = next;
        }
    }
}

/// A guide's label: its text in lines wrapped to the width it was given, and their size.
pub struct Label {
    lines: Vec<String>,
    pub w: i32,
    pub h: i32,
}

impl Label {
    pub fn new(b: &Builder, text: &str, w: i32) -> Label {
        let (size, line_h) = (b.px(size_css::SMALL), b.px(size_css::SMALL * 1.4));
        let lines = wrap(text, size, true, w);
        let w = lines.iter().map(|l| text_width(l, size, true)).max();
        let h = lines.len() as i32 * line_h;
        Label {
            lines,
            w: w.unwrap_or(0),
            h,
        }
    }

    /// Its box with its top-left corner at (`x`, `y`).
    pub fn at(&self, x: i32, y: i32) -> Rect {
        Rect::new(x, y, self.w, self.h)
    }

    /// Draws it in `text` (its box) as guide `index`'s mark, read after `figure`.
    pub fn draw(&self, b: &mut Builder, text: Rect, index: usize, figure: usize) {
        let style = b.style(size_css::SMALL, b.theme.text).bold();
        let line_h = b.px(size_css::SMALL * 1.4);
        let mut y = text.y;
        for line in &self.lines {
            b.text(line.clone(), (text.x, y), style);
            y += line_h;
        }
        b.annotation_mark(index, figure, hit_of(b, text), text);
    }
}

/// The area that answers the pointer over a label's box: at least 24 CSS px each way (for
/// fingers), growing right and evenly up and down.
fn hit_of(b: &Builder, text: Rect) -> Rect {
    let min = b.px(24.0);
    let h = text.h.max(min);
    Rect::new(text.x, text.y - (h - text.h) / 2, text.w.max(min), h)
}

/// Whether a label's box `r` lies inside `bounds`, clear of every text and figure's mark
/// placed so far, and its hit area clear of every other label's: the collision rule in two
/// dimensions. (It may lie over a figure's hit area: labels answer the pointer first.)
pub fn clear(b: &Builder, r: Rect, bounds: Rect) -> bool {
    let inside = r.x >= bounds.x
        && r.y >= bounds.y
        && r.right() <= bounds.right()
        && r.bottom() <= bounds.bottom();
    let (hit, gap) = (hit_of(b, r), b.px(4.0));
    let mut texts = b.shapes.iter().filter_map(Shape::text_box);
    let mut marks = b.marks.iter().map(|m| match m.annotation {
        Some(_) => (m.hit.inflate(gap), hit),
        None => (m.outline, r),
    });
    inside && !texts.any(|t| t.intersects(&r)) && !marks.any(|(o, mine)| o.intersects(&mine))
}

/// The labels under an axis (from `b.y`), each centred under its line or band and kept in
/// the content, on the first line down where it is clear: each a mark read after `figure`.
pub fn labels_below(b: &mut Builder, guides: &[Guide], spans: &[Span], figure: usize) {
    let (top, slot, min) = (b.y, b.px(size_css::ROW_MIN), b.px(24.0));
    let bounds = Rect::new(b.left(), top, b.content_width(), i32::MAX / 4);
    for (g, &(a, z, _)) in guides.iter().zip(spans) {
        let label = Label::new(b, &g.label, b.content_width());
        // (max and min, not clamp: its check would bring number formatting into the wasm)
        let x = ((a + z) / 2 - label.w / 2)
            .min(b.right() - label.w.max(min))
            .max(b.left());
        // Its text sits in the middle of its hit area, which starts on the line's top.
        let mut r = label.at(x, top + (min - label.h).max(0) / 2);
        while !clear(b, r, bounds) {
            r.y += slot;
        }
        label.draw(b, r, g.index, figure);
        b.y = b.y.max(hit_of(b, r).bottom() + b.px(4.0));
    }
}

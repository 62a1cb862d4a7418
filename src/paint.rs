//! Paints a layout's display list with plotters, on whichever backend it is given: the
//! canvas in the browser, SVG natively. The only module that speaks plotters' drawing API,
//! and the backend's own (`DrawingBackend`), without a drawing area and its elements: the
//! display list is already in device pixels.

use crate::error::Error;
use crate::layout::{HAlign, Rect, Shape, VAlign};
use crate::theme::{size_css, Rgb};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Chinese first, so Latin-only fonts do not win for mixed labels; then the usual
/// system faces. The host must have one CJK face (the test setup installs WenQuanYi).
pub const FONT_FAMILY: &str = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif";

/// The fonts the charts' texts use, (CSS px, bold); `tiles` may shrink a big number to fit.
/// A page of several charts loads them before the first one's texts (embed.js, which has
/// a copy; tests keep both in step with the layouts).
pub const FONTS_CSS: [(i32, bool); 6] = [
    (size_css::TITLE as i32, true),
    (size_css::LABEL as i32, false),
    (size_css::LABEL as i32, true),
    (size_css::SMALL as i32, false),
    (size_css::SMALL as i32, true),
    (size_css::NUMBER as i32, true),
];

/// The CSS font the canvas backend sets for a text shape: plotters-canvas writes
/// "<style> <size>px <family>" from the style `paint_one` builds. Tests measure labels
/// with it (`render --labels`).
pub fn canvas_font(size_px: i32, bold: bool) -> String {
    let style = if bold { "bold" } else { "normal" };
    format!("{style} {size_px}px {FONT_FAMILY}")
}

/// Backend quirks the painter corrects for.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// plotters-svg writes `font-size` as size / 1.24; the canvas backend writes it as is.
    pub font_scale: f64,
}

impl Target {
    pub const CANVAS: Target = Target { font_scale: 1.0 };
    pub const SVG: Target = Target { font_scale: 1.24 };
}

fn color(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// What one call paints: all of a layout, or one of the parts a page may spread a drawing
/// over (`Part::SEQUENCE`, in that order): the shapes with the background, then the first
/// and the last half of the texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    All,
    Shapes,
    FirstTexts,
    LastTexts,
}

impl Part {
    /// The parts that, painted in this order, paint what `Part::All` does.
    pub const SEQUENCE: [Part; 3] = [Part::Shapes, Part::FirstTexts, Part::LastTexts];
}

/// Paints `shapes` in order; `background` clears the area first (None leaves it).
pub fn paint<DB: DrawingBackend>(
    area: &mut DB,
    shapes: &[Shape],
    background: Option<Rgb>,
    target: Target,
) -> Result<(), Error> {
    paint_part(area, shapes, background, target, Part::All)
}

/// `paint`, or one part of it (see `Part`).
pub fn paint_part<DB: DrawingBackend>(
    area: &mut DB,
    shapes: &[Shape],
    background: Option<Rgb>,
    target: Target,
    part: Part,
) -> Result<(), Error> {
    let font = |s: &Shape| match s {
        Shape::Text { size_px, bold, .. } => Some((*size_px, *bold)),
        _ => None,
    };
    if matches!(part, Part::All | Part::Shapes) {
        if let Some(bg) = background {
            let (w, h) = area.get_size();
            area.draw_rect((0, 0), (w as i32, h as i32), &color(bg), true)
                .map_err(Error::draw)?;
        }
        for shape in shapes.iter().filter(|s| font(s).is_none()) {
            paint_one(area, shape, target)?;
        }
    }
    if part == Part::Shapes {
        return area.present().map_err(Error::draw);
    }
    // Then the texts, font by font (each font's in layout order): a canvas parses the font
    // each time it changes, and labels, values and notes alternate fonts dozens of times
    // (a tenth of drawing a chart). No layout puts a shape over a text.
    let mut fonts: Vec<(i32, bool)> = Vec::new();
    for f in shapes.iter().filter_map(font) {
        if !fonts.contains(&f) {
            fonts.push(f);
        }
    }
    // Halves by count: shaping the texts is most of a chart's drawing on a phone.
    let count = shapes.iter().filter(|s| font(s).is_some()).count();
    let half = count.div_ceil(2);
    let drawn = match part {
        Part::FirstTexts => 0..half,
        Part::LastTexts => half..count,
        _ => 0..count,
    };
    let mut index = 0;
    for f in fonts {
        for shape in shapes.iter().filter(|s| font(s) == Some(f)) {
            if drawn.contains(&index) {
                paint_one(area, shape, target)?;
            }
            index += 1;
        }
    }
    area.present().map_err(Error::draw)
}

fn corners(r: &Rect) -> [(i32, i32); 2] {
    [(r.x, r.y), (r.right(), r.bottom())]
}

fn paint_one<DB: DrawingBackend>(
    area: &mut DB,
    shape: &Shape,
    target: Target,
) -> Result<(), Error> {
    let stroke = |c: &Rgb, w: &i32| color(*c).stroke_width(px_u32(*w));
    match shape {
        Shape::Fill { rect, color: c } => {
            let [a, z] = corners(rect);
            area.draw_rect(a, z, &color(*c), true).map_err(Error::draw)
        }
        Shape::Stroke {
            rect,
            color: c,
            width_px,
        } => outline(area, rect, stroke(c, width_px), *width_px),
        Shape::Hatch {
            rect,
            color: c,
            gap_px,
            width_px,
        } => segments(area, &hatch_segments(rect, *gap_px), stroke(c, width_px)),
        Shape::Line {
            points,
            color: c,
            width_px,
            dash_px,
        } => match dash_px {
            None => area
                .draw_path(points.iter().copied(), &stroke(c, width_px))
                .map_err(Error::draw),
            Some(dash) => segments(area, &dash_segments(points, *dash), stroke(c, width_px)),
        },
        Shape::Circle {
            center,
            radius_px,
            color: c,
            filled,
            width_px,
        } => {
            let style = match filled {
                true => color(*c).filled(),
                false => stroke(c, width_px),
            };
            area.draw_circle(*center, px_u32(*radius_px), &style, *filled)
                .map_err(Error::draw)
        }
        Shape::Text { .. } => paint_text(area, shape, target),
    }
}

/// A rectangle's outline, `width` wide, inside it: strokes are centred on the path, so it
/// is inset by half its width.
fn outline<DB: DrawingBackend>(
    area: &mut DB,
    rect: &Rect,
    style: ShapeStyle,
    width: i32,
) -> Result<(), Error> {
    let half = width / 2;
    let r = Rect::new(rect.x + half, rect.y + half, rect.w - width, rect.h - width);
    let [a, z] = corners(&r);
    area.draw_rect(a, z, &style, false).map_err(Error::draw)
}

/// Straight segments (stripes, dashes) in one style.
fn segments<DB: DrawingBackend>(
    area: &mut DB,
    segments: &[[(i32, i32); 2]],
    style: ShapeStyle,
) -> Result<(), Error> {
    for seg in segments {
        area.draw_path(seg.iter().copied(), &style)
            .map_err(Error::draw)?;
    }
    Ok(())
}

/// A text shape at its anchor, in the chart's font stack.
fn paint_text<DB: DrawingBackend>(
    area: &mut DB,
    shape: &Shape,
    target: Target,
) -> Result<(), Error> {
    let Shape::Text {
        text,
        at,
        size_px,
        color: c,
        h,
        v,
        bold,
    } = shape
    else {
        return Ok(());
    };
    let weight = if *bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    let size = f64::from(*size_px) * target.font_scale;
    let anchor = Pos::new(
        match h {
            HAlign::Left => HPos::Left,
            HAlign::Center => HPos::Center,
            HAlign::Right => HPos::Right,
        },
        match v {
            VAlign::Top => VPos::Top,
            VAlign::Middle => VPos::Center,
            VAlign::Bottom => VPos::Bottom,
        },
    );
    let fill = color(*c);
    // FontFamily::Name, not a &str: plotters lower-cases a &str family to match
    // "serif" etc., which links Unicode case tables (12 KB) into the wasm.
    let font = FontDesc::new(FontFamily::Name(FONT_FAMILY), size, weight);
    let style = TextStyle::from(font).color(&fill).pos(anchor);
    area.draw_text(text.as_str(), &style, *at)
        .map_err(Error::draw)
}

fn px_u32(v: i32) -> u32 {
    v.max(0) as u32
}

/// 45° stripes (rising to the right) every `gap` pixels, clipped to `r`.
pub fn hatch_segments(r: &Rect, gap: i32) -> Vec<[(i32, i32); 2]> {
    let gap = gap.max(2);
    let mut out = Vec::new();
    // Lines x + y = c for c across the rect's range of x + y.
    let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
    let mut c = x0 + y0 + gap;
    while c < x1 + y1 {
        // Intersect x + y = c with the rect.
        let start_x = (c - y1).max(x0);
        let end_x = (c - y0).min(x1);
        if start_x < end_x {
            out.push([(start_x, c - start_x), (end_x, c - end_x)]);
        }
        c += gap;
    }
    out
}

/// Splits a polyline into dashes of `dash` pixels separated by gaps of the same length.
pub fn dash_segments(points: &[(i32, i32)], dash: i32) -> Vec<[(i32, i32); 2]> {
    let dash = f64::from(dash.max(1));
    let mut out = Vec::new();
    let mut on = true;
    let mut left = dash;
    for w in points.windows(2) {
        let (a, b) = (
            (f64::from(w[0].0), f64::from(w[0].1)),
            (f64::from(w[1].0), f64::from(w[1].1)),
        );
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        if len == 0.0 {
            continue;
        }
        let mut t = 0.0;
        while t < len {
            let step = left.min(len - t);
            let p = |s: f64| {
                let k = s / len;
                (
                    (a.0 + (b.0 - a.0) * k).round() as i32,
                    (a.1 + (b.1 - a.1) * k).round() as i32,
                )
            };
            if on {
                out.push([p(t), p(t + step)]);
            }
            t += step;
            left -= step;
            if left <= 0.0 {
                on = !on;
                left = dash;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The widget names the charts' fonts itself (an export of them cost the wasm about 400 B
    /// gzip): the same family and fonts, or it would load fonts the charts do not use.
    #[test]
    fn embed_js_loads_the_charts_fonts() {
        let embed = include_str!("../www/embed/schedule.js");
        assert!(
            embed.contains(&format!("const FONT_FAMILY = \"{FONT_FAMILY}\";")),
            "www/embed/schedule.js's FONT_FAMILY differs from paint::FONT_FAMILY"
        );
        let fonts: Vec<String> = FONTS_CSS
            .iter()
            .map(|(px, bold)| format!("[{px}, \"{}\"]", if *bold { "bold" } else { "normal" }))
            .collect();
        let line = format!("const FONTS_CSS = [{}];", fonts.join(", "));
        assert!(
            embed.contains(&line),
            "www/embed/schedule.js should say: {line}"
        );
    }

    #[test]
    fn hatch_stays_inside_its_rect() {
        let r = Rect::new(10, 20, 50, 30);
        let segs = hatch_segments(&r, 6);
        assert!(segs.len() > 5);
        for [a, b] in segs {
            for (x, y) in [a, b] {
                assert!(
                    x >= r.x && x <= r.right() && y >= r.y && y <= r.bottom(),
                    "{x},{y}"
                );
            }
        }
    }

    #[test]
    fn dashes_cover_half_the_line() {
        let segs = dash_segments(&[(0, 0), (100, 0)], 10);
        assert_eq!(segs.len(), 5);
        assert_eq!(segs[0], [(0, 0), (10, 0)]);
        assert_eq!(segs[4], [(80, 0), (90, 0)]);
    }
}

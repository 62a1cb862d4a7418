//! Charts as SVG, written straight from a layout's display list (no plotters): standalone
//! documents for the no-script fallbacks and the editor's download (`render`), and the
//! picture a published snippet carries inline until its canvas is drawn (`picture`).
//!
//! Each shape is drawn as the canvas backend draws it (the same rectangles, the same
//! stroke geometry, the same hatch and dash segments from `paint`), so the picture matches
//! the canvas at the width it was laid out for. The markup is compact: integer
//! coordinates, runs of shapes that share a paint merged into one `<path>`, texts grouped
//! by font and colour, the font family once on the root, and presentation attributes only
//! (a strict page CSP refuses `style`).

use crate::charts;
use crate::data::Dataset;
use crate::error::Error;
use crate::layout::{Frame, HAlign, Layout, Rect, Shape, VAlign};
use crate::paint::{dash_segments, hatch_segments, FONT_FAMILY};
use crate::theme::{Rgb, Theme, ThemeName};
use crate::vocab::Lang;
use std::fmt::Write;

const XMLNS: &str = "http://www.w3.org/2000/svg";

/// Where a canvas puts the alphabetic baseline below a `textBaseline = "top"` anchor, in
/// thousandths of the font size: the primary font's ascent, normalised so that ascent and
/// descent make one em (what Chromium uses for top, middle and bottom). 761 is what
/// Chromium measures with WenQuanYi Micro Hei and is plotters' old 0.76em; Noto Sans CJK's
/// is 880, so with it the picture's texts sit 0.12em above the canvas's.
const ASCENT_PER_MILLE: i32 = 761;

/// How a picture is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// The light drawing on no background, its text and rule colours the page's own text
    /// colour (`currentColor`, fainter for the muted ones): it reads on a dark page too.
    /// (Hollow dots keep the light theme's white inside: it hides the line behind them.)
    Auto,
    Light,
    Dark,
}

impl Look {
    pub const ALL: [Look; 3] = [Look::Auto, Look::Light, Look::Dark];

    pub fn parse(s: &str) -> Result<Look, Error> {
        match s {
            "auto" => Ok(Look::Auto),
            "light" => Ok(Look::Light),
            "dark" => Ok(Look::Dark),
            other => Err(Error::UnknownTheme(other.to_string())),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Look::Auto => "auto",
            Look::Light => "light",
            Look::Dark => "dark",
        }
    }

    fn theme(self) -> Theme {
        Theme::get(match self {
            Look::Auto | Look::Light => ThemeName::Light,
            Look::Dark => ThemeName::Dark,
        })
    }
}

/// Renders a chart at `width_css` (pixel ratio 1) to a standalone SVG document of that
/// fixed size, in `theme`'s colours, with an accessible name and description.
pub fn render(
    data: &Dataset,
    chart: &str,
    lang: Lang,
    theme: Theme,
    width_css: f64,
) -> Result<(String, Layout), Error> {
    let layout = charts::layout(data, chart, lang, theme, Frame::new(width_css, 1.0)?)?;
    let (title, desc) = words(data, chart, lang);
    let (w, h) = (layout.width_px, layout.height_px);
    let mut out = format!(
        "<svg xmlns=\"{XMLNS}\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\""
    );
    root_end(&mut out, lang, &layout);
    let _ = write!(
        out,
        "<title>{}</title><desc>{}</desc>",
        escape(title),
        escape(&desc)
    );
    body(&mut out, &layout, None);
    out.push_str("</svg>\n");
    Ok((out, layout))
}

/// Below the canvas the widget puts one line of text links (www/embed.css: `.actions`, 2 px
/// above a 24 px line); a picture leaves that much room under the chart, so the widget,
/// canvas and line, is as tall as the picture was.
pub const LINKS_LINE_CSS: i32 = 26;

/// The chart's picture for a snippet's inline markup, laid out at `width_css`: as wide as
/// its container and exactly as tall as the widget that replaces it (the layout's height
/// and the line of links), drawn unscaled from the left at that width or wider and shrunk
/// to fit a narrower one, so the box does not move when the canvas replaces it.
pub fn picture(
    data: &Dataset,
    chart: &str,
    lang: Lang,
    look: Look,
    width_css: f64,
) -> Result<(String, Layout), Error> {
    let theme = look.theme();
    let layout = charts::layout(data, chart, lang, theme, Frame::new(width_css, 1.0)?)?;
    let title = escape(words(data, chart, lang).0);
    let (w, h) = (layout.width_px, layout.height_px + LINKS_LINE_CSS);
    // display="block": as an inline box the SVG would sit on a text baseline and make its
    // line taller than the chart.
    let mut out = format!(
        "<svg xmlns=\"{XMLNS}\" width=\"100%\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" preserveAspectRatio=\"xMinYMin meet\" display=\"block\" role=\"img\" aria-label=\"{title}\""
    );
    root_end(&mut out, lang, &layout);
    let _ = write!(out, "<title>{title}</title>");
    let page = (look == Look::Auto).then_some(theme);
    body(&mut out, &layout, page);
    out.push_str("</svg>");
    Ok((out, layout))
}

/// The chart's title and description (with what its annotations say) in `lang`.
fn words<'a>(data: &'a Dataset, chart: &str, lang: Lang) -> (&'a str, String) {
    let spec = data.chart(chart);
    (
        spec.map_or("", |s| lang.pick(&s.title)),
        spec.map_or_else(String::new, |s| {
            crate::describe::chart_description(data, s, lang)
        }),
    )
}

/// The root's language, font and (where a line has joins) miter limit, and the end of
/// its start tag.
fn root_end(out: &mut String, lang: Lang, layout: &Layout) {
    let code = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    // The family holds single quotes only, so it needs no escaping in double quotes.
    let _ = write!(out, " lang=\"{code}\" font-family=\"{FONT_FAMILY}\"");
    // A canvas's miter limit is 10, SVG's 4: sharper joins than 29° would differ.
    let joins = layout
        .shapes
        .iter()
        .any(|s| matches!(s, Shape::Line { points, dash_px: None, .. } if points.len() > 2));
    if joins {
        out.push_str(" stroke-miterlimit=\"10\"");
    }
    out.push('>');
}

/// The background (unless the page's shows through) and the display list: shapes first
/// and texts last, as `paint` paints them.
pub(crate) fn body(out: &mut String, layout: &Layout, page: Option<Theme>) {
    if page.is_none() {
        let _ = write!(
            out,
            "<rect width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            layout.width_px,
            layout.height_px,
            hex(layout.background)
        );
    }
    let ink = |c: Rgb| Ink::of(c, page);
    shapes(out, &layout.shapes, &ink);
    texts(out, &layout.shapes, &ink);
}

/// A colour as written: exact, or the page's text colour at an opacity (percent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ink {
    Rgb(Rgb),
    Current(u8),
}

impl Ink {
    /// With `page` (the light theme), its greys (text, muted, rules, a highlight's muted
    /// marks, a band's shade) become the page's text colour at the opacity that gives the
    /// same grey on its own white background.
    fn of(c: Rgb, page: Option<Theme>) -> Ink {
        let Some(t) = page else { return Ink::Rgb(c) };
        if ![t.text, t.highlight, t.muted, t.grid, t.faded, t.band].contains(&c) {
            return Ink::Rgb(c);
        }
        let sum = |c: Rgb| i32::from(c.0) + i32::from(c.1) + i32::from(c.2);
        let (bg, span) = (sum(t.background), (sum(t.background) - sum(t.text)).max(1));
        let pct = ((bg - sum(c)) * 200 + span) / (2 * span);
        Ink::Current(pct.clamp(0, 100) as u8)
    }

    /// ` fill="…"` (or stroke), with its opacity when it has one.
    fn write(self, out: &mut String, attr: &str) {
        match self {
            Ink::Rgb(c) => {
                let _ = write!(out, " {attr}=\"{}\"", hex(c));
            }
            Ink::Current(pct) => {
                let _ = write!(out, " {attr}=\"currentColor\"");
                if pct < 100 {
                    let _ = write!(out, " {attr}-opacity=\".{pct:02}\"");
                }
            }
        }
    }
}

/// `#rgb` when each channel's two digits agree, else `#rrggbb`.
fn hex(c: Rgb) -> String {
    let short = [c.0, c.1, c.2].iter().all(|v| v >> 4 == v & 15);
    if short {
        format!("#{:x}{:x}{:x}", c.0 & 15, c.1 & 15, c.2 & 15)
    } else {
        format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
    }
}

/// How a shape is painted: filled, or stroked at a width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pen {
    Fill(Ink),
    Stroke(Ink, i32),
}

impl Pen {
    fn write(self, out: &mut String) {
        match self {
            Pen::Fill(ink) => ink.write(out, "fill"),
            Pen::Stroke(ink, width) => {
                out.push_str(" fill=\"none\"");
                ink.write(out, "stroke");
                if width != 1 {
                    let _ = write!(out, " stroke-width=\"{width}\"");
                }
            }
        }
    }
}

/// What a shape adds to its run: subpaths (traced as the canvas backend traces them),
/// or a circle (centre, radius).
enum Geometry {
    Rect(Rect),
    Polylines(Vec<Vec<(i32, i32)>>),
    Circle((i32, i32), i32),
}

/// Path data with the pen's position, so each step is written relative or absolute,
/// whichever is shorter.
#[derive(Default)]
struct PathData {
    d: String,
    at: (i32, i32),
}

/// Two numbers as path data: a minus sign separates them by itself.
fn pair(a: i32, b: i32) -> String {
    if b < 0 {
        format!("{a}{b}")
    } else {
        format!("{a} {b}")
    }
}

impl PathData {
    fn move_to(&mut self, p: (i32, i32)) {
        let abs = format!("M{}", pair(p.0, p.1));
        let rel = format!("m{}", pair(p.0 - self.at.0, p.1 - self.at.1));
        let shorter = !self.d.is_empty() && rel.len() < abs.len();
        self.d.push_str(if shorter { &rel } else { &abs });
        self.at = p;
    }

    fn line_to(&mut self, p: (i32, i32)) {
        let (dx, dy) = (p.0 - self.at.0, p.1 - self.at.1);
        let _ = match (dx, dy) {
            (_, 0) => write!(self.d, "h{dx}"),
            (0, _) => write!(self.d, "v{dy}"),
            _ => write!(self.d, "l{}", pair(dx, dy)),
        };
        self.at = p;
    }

    /// A closed subpath round the rectangle; closing returns the pen to its corner.
    fn rect(&mut self, r: &Rect) {
        self.move_to((r.x, r.y));
        let back = [format!("h{}", -r.w), format!("H{}", r.x)];
        let back = back
            .iter()
            .min_by_key(|s| s.len())
            .map_or("", |s| s.as_str());
        let _ = write!(self.d, "h{}v{}{back}z", r.w, r.h);
    }

    fn polyline(&mut self, points: &[(i32, i32)]) {
        let Some((first, rest)) = points.split_first() else {
            return;
        };
        self.move_to(*first);
        for p in rest {
            self.line_to(*p);
        }
    }
}

/// Shapes with one pen, painted together: their path data, their other elements (tag
/// and attributes), and the boxes they may touch.
struct Run {
    pen: Pen,
    path: PathData,
    elements: Vec<(&'static str, String)>,
    boxes: Vec<Rect>,
}

impl Run {
    fn add(&mut self, geometry: &Geometry, reach: Rect) {
        match geometry {
            // A stroked rectangle as a <rect>: Chromium strokes a path's corners a shade
            // differently from canvas `strokeRect`, and a <rect> exactly like it. (One
            // of no width or height is a line, which a <rect> would not draw.)
            Geometry::Rect(r) if matches!(self.pen, Pen::Stroke(..)) && r.w > 0 && r.h > 0 => {
                let attrs = format!(
                    " x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
                    r.x, r.y, r.w, r.h
                );
                self.elements.push(("rect", attrs));
            }
            Geometry::Rect(r) => self.path.rect(r),
            Geometry::Polylines(lines) => lines.iter().for_each(|l| self.path.polyline(l)),
            Geometry::Circle((x, y), r) => {
                let attrs = format!(" cx=\"{x}\" cy=\"{y}\" r=\"{r}\"");
                self.elements.push(("circle", attrs));
            }
        }
        self.boxes.push(reach);
    }
}

/// The non-text shapes, as few elements as painting order allows: a shape joins the
/// latest run with its pen unless it touches a shape painted after that run (then it
/// would cover it or be covered differently). Within a run the order does not show, as
/// every part has the same paint.
fn shapes(out: &mut String, shapes: &[Shape], ink: &dyn Fn(Rgb) -> Ink) {
    let mut runs: Vec<Run> = Vec::new();
    for shape in shapes {
        let Some((pen, geometry)) = outline(shape, ink) else {
            continue;
        };
        let reach = reach(pen, &geometry);
        let mut join = None;
        for (k, run) in runs.iter().enumerate().rev() {
            if run.pen == pen {
                join = Some(k);
                break;
            }
            if run.boxes.iter().any(|b| b.intersects(&reach)) {
                break;
            }
        }
        let k = join.unwrap_or_else(|| {
            runs.push(Run {
                pen,
                path: PathData::default(),
                elements: Vec::new(),
                boxes: Vec::new(),
            });
            runs.len() - 1
        });
        runs[k].add(&geometry, reach);
    }
    for run in runs {
        write_run(out, &run);
    }
}

/// A run as one element, or a group of them under its pen.
fn write_run(out: &mut String, run: &Run) {
    let mut pen = String::new();
    run.pen.write(&mut pen);
    let d = &run.path.d;
    let _ = match (d.is_empty(), run.elements.as_slice()) {
        (false, []) => write!(out, "<path{pen} d=\"{d}\"/>"),
        (true, [(tag, attrs)]) => write!(out, "<{tag}{pen}{attrs}/>"),
        (empty, elements) => {
            let _ = write!(out, "<g{pen}>");
            if !empty {
                let _ = write!(out, "<path d=\"{d}\"/>");
            }
            for (tag, attrs) in elements {
                let _ = write!(out, "<{tag}{attrs}/>");
            }
            write!(out, "</g>")
        }
    };
}

/// The pixels a shape may touch (half-open, as `Rect` is): its geometry widened by half
/// its stroke, rounded out to whole pixels for the antialiased edge; where a polyline has
/// joins, by the longest miter a canvas draws (its miter limit 10 is 5 widths).
fn reach(pen: Pen, geometry: &Geometry) -> Rect {
    let half = match pen {
        Pen::Fill(_) => 0,
        Pen::Stroke(_, width) => (width + 1) / 2,
    };
    match geometry {
        Geometry::Rect(r) => r.inflate(half),
        Geometry::Circle((x, y), r) => Rect::new(x - r, y - r, 2 * r, 2 * r).inflate(half),
        Geometry::Polylines(lines) => {
            let points = || lines.iter().flatten();
            let (x0, x1) = (points().map(|p| p.0).min(), points().map(|p| p.0).max());
            let (y0, y1) = (points().map(|p| p.1).min(), points().map(|p| p.1).max());
            let joins = lines.iter().any(|l| l.len() > 2);
            let grow = if joins { 10 * half + 1 } else { half };
            match (x0, x1, y0, y1) {
                (Some(x0), Some(x1), Some(y0), Some(y1)) => {
                    Rect::new(x0, y0, x1 - x0, y1 - y0).inflate(grow)
                }
                _ => Rect::default(),
            }
        }
    }
}

/// Lines of two points or more; None if there are none (nothing to stroke).
fn polylines(mut lines: Vec<Vec<(i32, i32)>>) -> Option<Geometry> {
    lines.retain(|l| l.len() > 1);
    (!lines.is_empty()).then_some(Geometry::Polylines(lines))
}

/// A shape's pen and geometry; None for texts and for shapes the canvas paints nothing of.
fn outline(shape: &Shape, ink: &dyn Fn(Rgb) -> Ink) -> Option<(Pen, Geometry)> {
    let stroke = |c: &Rgb, w: &i32| (*w > 0).then(|| Pen::Stroke(ink(*c), *w));
    let pairs = |segments: Vec<[(i32, i32); 2]>| segments.iter().map(|s| s.to_vec()).collect();
    match shape {
        Shape::Fill { rect, color } => {
            let empty = rect.w == 0 || rect.h == 0;
            (!empty).then(|| (Pen::Fill(ink(*color)), Geometry::Rect(*rect)))
        }
        Shape::Stroke {
            rect,
            color,
            width_px,
        } => {
            // Inset by half the width, as `paint` does, so the outline stays inside.
            let half = width_px / 2;
            let r = Rect::new(
                rect.x + half,
                rect.y + half,
                rect.w - width_px,
                rect.h - width_px,
            );
            Some((stroke(color, width_px)?, Geometry::Rect(r)))
        }
        Shape::Hatch {
            rect,
            color,
            gap_px,
            width_px,
        } => {
            let lines = pairs(hatch_segments(rect, *gap_px));
            Some((stroke(color, width_px)?, polylines(lines)?))
        }
        Shape::Line {
            points,
            color,
            width_px,
            dash_px,
        } => {
            let lines = match dash_px {
                None => vec![points.clone()],
                Some(dash) => pairs(dash_segments(points, *dash)),
            };
            Some((stroke(color, width_px)?, polylines(lines)?))
        }
        Shape::Circle {
            center,
            radius_px,
            color,
            filled,
            width_px,
        } => {
            let pen = match filled {
                true => Pen::Fill(ink(*color)),
                false => stroke(color, width_px)?,
            };
            Some((pen, Geometry::Circle(*center, *radius_px.max(&0))))
        }
        Shape::Text { .. } => None,
    }
}

/// A text's font and colour: what its group sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Font {
    size_px: i32,
    bold: bool,
    ink: Ink,
}

/// The texts, one group per font and colour in order of first use; each group's most
/// common alignment is set on the group and the others on their texts. No shape is drawn
/// over a text, so the texts' order among the shapes does not show.
fn texts(out: &mut String, shapes: &[Shape], ink: &dyn Fn(Rgb) -> Ink) {
    let mut groups: Vec<(Font, Vec<&Shape>)> = Vec::new();
    for shape in shapes {
        let Shape::Text {
            size_px,
            color,
            bold,
            ..
        } = shape
        else {
            continue;
        };
        let font = Font {
            size_px: *size_px,
            bold: *bold,
            ink: ink(*color),
        };
        match groups.iter_mut().find(|(f, _)| *f == font) {
            Some((_, members)) => members.push(shape),
            None => groups.push((font, vec![shape])),
        }
    }
    for (font, members) in groups {
        let anchor = common_anchor(&members);
        let _ = write!(out, "<g font-size=\"{}\"", font.size_px);
        if font.bold {
            out.push_str(" font-weight=\"bold\"");
        }
        font.ink.write(out, "fill");
        if anchor != HAlign::Left {
            let _ = write!(out, " text-anchor=\"{}\"", anchor_name(anchor));
        }
        out.push('>');
        for shape in members {
            text(out, shape, anchor);
        }
        out.push_str("</g>");
    }
}

/// The alignment most of `texts` have; on a tie left, which the group need not name.
fn common_anchor(texts: &[&Shape]) -> HAlign {
    let count = |a: HAlign| {
        texts
            .iter()
            .filter(|s| matches!(s, Shape::Text { h, .. } if *h == a))
            .count()
    };
    // `max_by_key` keeps the last of equal keys.
    [HAlign::Right, HAlign::Center, HAlign::Left]
        .into_iter()
        .max_by_key(|a| count(*a))
        .unwrap_or(HAlign::Left)
}

fn anchor_name(h: HAlign) -> &'static str {
    match h {
        HAlign::Left => "start",
        HAlign::Center => "middle",
        HAlign::Right => "end",
    }
}

/// One `<text>` at its anchor. The canvas's `textBaseline` (top, middle, bottom of the
/// normalised em box) becomes the alphabetic baseline SVG draws on, moved down by that
/// offset for the text's size: the `dy` plotters wrote per text, folded into `y`.
fn text(out: &mut String, shape: &Shape, group_anchor: HAlign) {
    let Shape::Text {
        text,
        at,
        size_px,
        h,
        v,
        ..
    } = shape
    else {
        return;
    };
    let per_mille = match v {
        VAlign::Top => ASCENT_PER_MILLE,
        VAlign::Middle => ASCENT_PER_MILLE - 500,
        VAlign::Bottom => ASCENT_PER_MILLE - 1000,
    };
    // In tenths of a pixel, rounded.
    let offset = (size_px * per_mille + 50).div_euclid(100);
    let y = tenths(at.1 * 10 + offset);
    let _ = write!(out, "<text x=\"{}\" y=\"{y}\"", at.0);
    if *h != group_anchor {
        let _ = write!(out, " text-anchor=\"{}\"", anchor_name(*h));
    }
    let _ = write!(out, ">{}</text>", escape(text));
}

/// A number of tenths as the shortest decimal: 84 → "8.4", 80 → "8", -6 → "-.6".
fn tenths(v: i32) -> String {
    let (sign, a) = if v < 0 { ("-", -v) } else { ("", v) };
    match (a / 10, a % 10) {
        (whole, 0) => format!("{sign}{whole}"),
        (0, frac) => format!("{sign}.{frac}"),
        (whole, frac) => format!("{sign}{whole}.{frac}"),
    }
}

/// Text and attribute values for XML and for HTML's inline SVG alike: the five markup
/// characters as references (so data never opens or closes an element, or ends an
/// attribute), and the characters XML forbids (C0 controls but tab and line breaks,
/// U+FFFE, U+FFFF) as U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_family_needs_no_escaping_in_an_attribute() {
        assert!(!FONT_FAMILY.contains(['"', '&', '<', '>']));
    }

    #[test]
    fn numbers_are_written_short() {
        assert_eq!(tenths(84), "8.4");
        assert_eq!(tenths(80), "8");
        assert_eq!(tenths(-6), "-.6");
        assert_eq!(tenths(-26), "-2.6");
        assert_eq!(tenths(0), "0");
        assert_eq!(hex(Rgb(0xff, 0xff, 0xff)), "#fff");
        assert_eq!(hex(Rgb(0x00, 0x72, 0xb2)), "#0072b2");
        let mut d = PathData::default();
        d.polyline(&[(1, 2), (1, 9), (5, 9), (8, 4)]);
        d.rect(&Rect::new(9, 4, 3, 3));
        d.rect(&Rect::new(110, 80, 10, 10));
        d.rect(&Rect::new(122, 80, 10, 10));
        let rects = "M9 4h3v3H9zM110 80h10v10h-10zm12 0h10v10h-10z";
        assert_eq!(d.d, format!("M1 2v7h4l3-5{rects}"));
    }

    /// A shape joins an earlier run of its paint only over shapes it does not touch.
    #[test]
    fn shapes_merge_without_changing_what_covers_what() {
        let fill = |x: i32, c: Rgb| Shape::Fill {
            rect: Rect::new(x, 0, 10, 10),
            color: c,
        };
        let (red, blue) = (Rgb(255, 0, 0), Rgb(0, 0, 255));
        let write = |list: &[Shape]| {
            let mut out = String::new();
            shapes(&mut out, list, &|c| Ink::of(c, None));
            out
        };
        // Apart: the second red joins the first.
        let apart = write(&[fill(0, red), fill(20, blue), fill(40, red)]);
        assert_eq!(
            apart,
            "<path fill=\"#f00\" d=\"M0 0h10v10H0zM40 0h10v10H40z\"/><path fill=\"#00f\" d=\"M20 0h10v10H20z\"/>"
        );
        // Over the blue: it stays after it.
        let over = write(&[fill(0, red), fill(20, blue), fill(25, red)]);
        assert_eq!(over.matches("<path").count(), 3, "{over}");
        assert!(over.find("#00f") < over.rfind("#f00"), "{over}");
    }

    /// A canvas mitres joins up to 10 widths long, SVG by default up to 4: a solid line with
    /// joins gets the canvas's limit, and its reach covers the longest mitre.
    #[test]
    fn joins_are_mitred_as_on_a_canvas() {
        let line = |points: Vec<(i32, i32)>, dash_px| Shape::Line {
            points,
            color: Rgb(0, 0, 0),
            width_px: 2,
            dash_px,
        };
        let layout = |shapes| Layout {
            width_px: 100,
            height_px: 50,
            scale: 1.0,
            background: Rgb(255, 255, 255),
            shapes,
            marks: Vec::new(),
        };
        let root = |shapes| {
            let mut out = String::new();
            root_end(&mut out, Lang::En, &layout(shapes));
            out
        };
        let joined = vec![(0, 0), (50, 5), (0, 10)];
        assert!(root(vec![line(joined.clone(), None)]).contains("stroke-miterlimit=\"10\""));
        assert!(!root(vec![line(joined.clone(), Some(4))]).contains("miterlimit"));
        assert!(!root(vec![line(vec![(0, 0), (9, 9)], None)]).contains("miterlimit"));
        let pen = Pen::Stroke(Ink::Rgb(Rgb(0, 0, 0)), 2);
        let far = reach(pen, &Geometry::Polylines(vec![joined]));
        assert!(far.right() >= 50 + 10, "{far:?}");
        assert_eq!(
            outline(&line(vec![(3, 3)], None), &|c| Ink::Rgb(c)).map(|o| o.0),
            None
        );
    }

    #[test]
    fn the_page_colour_replaces_the_light_themes_greys() {
        let t = Theme::get(ThemeName::Light);
        assert_eq!(Ink::of(t.text, Some(t)), Ink::Current(100));
        assert_eq!(Ink::of(t.muted, Some(t)), Ink::Current(74));
        assert_eq!(Ink::of(t.grid, Some(t)), Ink::Current(15));
        assert_eq!(Ink::of(t.primary, Some(t)), Ink::Rgb(t.primary));
        assert_eq!(Ink::of(t.muted, None), Ink::Rgb(t.muted));
    }

    #[test]
    fn escaping_leaves_no_markup_character() {
        let s = escape("</svg><script>alert('x\"&')</script>\u{1}");
        assert!(!s.contains(['<', '>', '"', '\'']));
        assert_eq!(s.matches('&').count(), s.matches(';').count());
        assert!(s.ends_with('\u{FFFD}'));
    }
}

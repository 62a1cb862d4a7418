//! Where every mark sits, in device pixels, and the display list that paints it.
//!
//! Charts build a `Layout` with a `Builder`; `paint.rs` paints it on any plotters backend;
//! `hit.rs` answers "which mark is under this point" from it. Nothing here touches the DOM,
//! so layouts are tested natively. Text is measured with a deliberately generous estimate
//! (not the browser's metrics) so that the layout is the same in every browser, in the SVG
//! renderer and in tests, and labels that fit the estimate fit the real font.

use crate::error::Error;
use crate::theme::{size_css, Rgb, Theme};
use crate::vocab::Lang;

/// Narrower containers get a 240 px drawing scaled down by CSS rather than broken labels.
pub const MIN_WIDTH_CSS: f64 = 240.0;
pub const MAX_WIDTH_CSS: f64 = 2400.0;

/// The drawing surface: its width in device pixels and device pixels per CSS pixel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub width_px: i32,
    pub scale: f64,
}

impl Frame {
    /// `width_css` is the container's width; `dpr` is `window.devicePixelRatio`.
    pub fn new(width_css: f64, dpr: f64) -> Result<Frame, Error> {
        if !width_css.is_finite() || width_css <= 0.0 {
            return Err(Error::BadSize(format!(
                "width {} px",
                crate::format::fixed(width_css, 3)
            )));
        }
        if !dpr.is_finite() || dpr <= 0.0 {
            return Err(Error::BadSize(format!(
                "pixel ratio {}",
                crate::format::fixed(dpr, 3)
            )));
        }
        // Browser zoom gives ratios like 1.1 or 2.625; beyond 4 the canvas gets huge.
        let scale = dpr.clamp(1.0, 4.0);
        let width_css = width_css.clamp(MIN_WIDTH_CSS, MAX_WIDTH_CSS);
        Ok(Frame {
            width_px: (width_css * scale).round() as i32,
            scale,
        })
    }

    /// CSS pixels to device pixels.
    pub fn px(&self, css: f64) -> i32 {
        (css * self.scale).round() as i32
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

impl Rect {
    pub fn new(x: i32, y: i32, w: i32, h: i32) -> Rect {
        Rect {
            x,
            y,
            w: w.max(0),
            h: h.max(0),
        }
    }

    /// Half-open: a point on the right or bottom edge belongs to the next rect.
    pub fn contains(&self, x: i32, y: i32) -> bool {
        x >= self.x && x < self.x + self.w && y >= self.y && y < self.y + self.h
    }

    pub fn center(&self) -> (i32, i32) {
        (self.x + self.w / 2, self.y + self.h / 2)
    }

    pub fn right(&self) -> i32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> i32 {
        self.y + self.h
    }

    pub fn intersects(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }

    pub fn inflate(&self, d: i32) -> Rect {
        Rect::new(self.x - d, self.y - d, self.w + 2 * d, self.h + 2 * d)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HAlign {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VAlign {
    Top,
    Middle,
    Bottom,
}

/// One thing to paint. Coordinates are device pixels.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Fill {
        rect: Rect,
        color: Rgb,
    },
    Stroke {
        rect: Rect,
        color: Rgb,
        width_px: i32,
    },
    /// Diagonal stripes clipped to `rect`: the pattern for derived figures, so they read
    /// as different without relying on colour.
    Hatch {
        rect: Rect,
        color: Rgb,
        gap_px: i32,
        width_px: i32,
    },
    Line {
        points: Vec<(i32, i32)>,
        color: Rgb,
        width_px: i32,
        /// Dash and gap length; `None` is a solid line.
        dash_px: Option<i32>,
    },
    Circle {
        center: (i32, i32),
        radius_px: i32,
        color: Rgb,
        filled: bool,
        width_px: i32,
    },
    Text {
        text: String,
        at: (i32, i32),
        size_px: i32,
        color: Rgb,
        h: HAlign,
        v: VAlign,
        bold: bool,
    },
}

impl Shape {
    /// For text, the box the layout gave it: its estimated width (`text_width`) by its
    /// size, placed by its anchor and alignment. Layout keeps these boxes inside the
    /// drawing and apart; the browser tests check the real font fits them.
    pub fn text_box(&self) -> Option<Rect> {
        let Shape::Text {
            text,
            at,
            size_px,
            color,
            h,
            v,
            bold,
        } = self
        else {
            return None;
        };
        let style = TextStyle {
            size_px: *size_px,
            color: *color,
            h: *h,
            v: *v,
            bold: *bold,
        };
        Some(style.rect(text, *at))
    }
}

/// How a text is set: size, colour, anchor and weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub size_px: i32,
    pub color: Rgb,
    pub h: HAlign,
    pub v: VAlign,
    pub bold: bool,
}

impl TextStyle {
    /// Regular weight, anchored at its top-left corner.
    pub fn new(size_px: i32, color: Rgb) -> TextStyle {
        TextStyle {
            size_px,
            color,
            h: HAlign::Left,
            v: VAlign::Top,
            bold: false,
        }
    }

    pub fn bold(self) -> TextStyle {
        TextStyle { bold: true, ..self }
    }

    pub fn at(self, h: HAlign, v: VAlign) -> TextStyle {
        TextStyle { h, v, ..self }
    }

    /// The box the text takes when drawn at `at`, by the layout's width estimate.
    pub fn rect(&self, text: &str, at: (i32, i32)) -> Rect {
        let w = text_width(text, self.size_px, self.bold);
        let x = match self.h {
            HAlign::Left => at.0,
            HAlign::Center => at.0 - w / 2,
            HAlign::Right => at.0 - w,
        };
        let y = match self.v {
            VAlign::Top => at.1,
            VAlign::Middle => at.1 - self.size_px / 2,
            VAlign::Bottom => at.1 - self.size_px,
        };
        Rect::new(x, y, w, self.size_px)
    }
}

/// A hoverable mark: the figure it shows (or the annotation whose label it is), the area
/// that answers the pointer (rows are at least 24 CSS px tall so fingers hit them), and
/// the outline the highlight draws around.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    /// Index into `Dataset::figures`: the figure shown, or for an annotation's label the
    /// last figure of the axis it lies on (it is read after that one).
    pub figure: usize,
    /// Index into the chart's annotations, for a line's or band's label.
    pub annotation: Option<usize>,
    pub hit: Rect,
    pub outline: Rect,
    /// The colour the mark is drawn in (tests sample it; the highlight leaves it alone).
    pub color: Rgb,
}

/// A drawn chart: size, display list, and marks in reading (and keyboard) order.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width_px: i32,
    pub height_px: i32,
    pub scale: f64,
    pub background: Rgb,
    pub shapes: Vec<Shape>,
    pub marks: Vec<Mark>,
}

impl Layout {
    /// Every text drawn, in order: what the SVG must contain and what tests look for.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.shapes.iter().filter_map(|s| match s {
            Shape::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}

/// Estimated advance of one character in ems. Generous on purpose (see the module note).
fn char_em(c: char) -> f64 {
    match c {
        // CJK ideographs, kana, fullwidth forms and CJK punctuation are square.
        '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' => 1.0,
        '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FFEF}' => 1.0,
        '“' | '”' | '‘' | '’' | '—' | '…' => 1.0,
        ' ' => 0.3,
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '!' | '|' | '\'' | '(' | ')' => 0.32,
        'm' | 'w' | 'M' | 'W' | '%' => 0.92,
        'A'..='Z' => 0.7,
        '0'..='9' => 0.58,
        c if c.is_ascii() => 0.58,
        '²' => 0.4,
        _ => 0.75,
    }
}

/// Estimated width of `s` at `size_px`, in device pixels.
pub fn text_width(s: &str, size_px: i32, bold: bool) -> i32 {
    let em: f64 = s.chars().map(char_em).sum();
    let weight = if bold { 1.06 } else { 1.0 };
    (em * f64::from(size_px) * weight).ceil() as i32
}

/// Greedy line breaking: Chinese may break between any two characters (but not before
/// closing punctuation), English at spaces; a word longer than the line is cut.
pub fn wrap(s: &str, size_px: i32, bold: bool, max_px: i32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for token in tokens(s) {
        let candidate = format!("{line}{token}");
        if line.is_empty() || text_width(candidate.trim_end(), size_px, bold) <= max_px {
            line = candidate;
            continue;
        }
        lines.push(line.trim_end().to_string());
        line = token.trim_start().to_string();
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    // A single token wider than the line: cut it by characters so nothing spills.
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        out.extend(cut(&line, size_px, bold, max_px));
    }
    out
}

fn cut(line: &str, size_px: i32, bold: bool, max_px: i32) -> Vec<String> {
    if text_width(line, size_px, bold) <= max_px {
        return vec![line.to_string()];
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in line.chars() {
        cur.push(c);
        if text_width(&cur, size_px, bold) > max_px && cur.chars().count() > 1 {
            cur.pop();
            out.push(std::mem::take(&mut cur));
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Break opportunities: each CJK character is a token (closing punctuation sticks to the
/// one before it); Latin runs stay whole with their trailing space.
fn tokens(s: &str) -> Vec<String> {
    // A char loop, not `str::contains`: that links a substring searcher into the wasm.
    let closing = |c: char| "，。、；：？！）」』》〉%”’,.;:!?)".chars().any(|p| p == c);
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in s.chars() {
        let wide = char_em(c) >= 1.0 && c != '%';
        if closing(c) {
            match (word.is_empty(), out.last_mut()) {
                (false, _) => word.push(c),
                (true, Some(last)) => last.push(c),
                (true, None) => word.push(c),
            }
        } else if wide {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        } else if c == ' ' || (c == '-' && !word.is_empty()) {
            // After a space, or inside a hyphenated word ("Investment-|promotion").
            word.push(c);
            out.push(std::mem::take(&mut word));
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Accumulates a chart's layout top to bottom.
pub struct Builder {
    pub frame: Frame,
    pub theme: Theme,
    pub lang: Lang,
    pub shapes: Vec<Shape>,
    pub marks: Vec<Mark>,
    /// The next free row, in device pixels.
    pub y: i32,
    /// The figures a highlight names (indices into the dataset's figures): drawn in their
    /// colour while every other mark is muted. Empty: no highlight.
    pub highlight: Vec<usize>,
    /// Notes in the chart's language, by figure index.
    pub notes: Vec<(usize, String)>,
    /// Lines and bands (indices into the chart's annotations) already drawn: each goes on
    /// the first axis that takes it.
    pub drawn: Vec<usize>,
}

impl Builder {
    pub fn new(frame: Frame, theme: Theme, lang: Lang) -> Builder {
        let mut b = Builder {
            frame,
            theme,
            lang,
            shapes: Vec::new(),
            marks: Vec::new(),
            y: 0,
            highlight: Vec::new(),
            notes: Vec::new(),
            drawn: Vec::new(),
        };
        b.y = b.px(size_css::PAD);
        b
    }

    #[inline(never)]
    pub fn px(&self, css: f64) -> i32 {
        self.frame.px(css)
    }

    /// Left edge of the content (inside the padding).
    pub fn left(&self) -> i32 {
        self.px(size_css::PAD)
    }

    /// Right edge of the content.
    pub fn right(&self) -> i32 {
        self.frame.width_px - self.px(size_css::PAD)
    }

    pub fn content_width(&self) -> i32 {
        self.right() - self.left()
    }

    /// A text shape; returns the box it takes (by the width estimate).
    pub fn text(&mut self, text: impl Into<String>, at: (i32, i32), style: TextStyle) -> Rect {
        self.push_text(text.into(), at, style)
    }

    /// `text` for an owned string: one copy in the wasm, whatever callers pass.
    #[inline(never)]
    fn push_text(&mut self, text: String, at: (i32, i32), style: TextStyle) -> Rect {
        let rect = style.rect(&text, at);
        let TextStyle {
            size_px,
            color,
            h,
            v,
            bold,
        } = style;
        self.shapes.push(Shape::Text {
            text,
            at,
            size_px,
            color,
            h,
            v,
            bold,
        });
        rect
    }

    /// A style at `size_css` in `color`, in device pixels.
    #[inline(never)]
    pub fn style(&self, size_css: f64, color: Rgb) -> TextStyle {
        TextStyle::new(self.px(size_css), color)
    }

    /// Wrapped text across the content width, advancing `y`; returns the lines drawn.
    pub fn paragraph(&mut self, text: &str, size_css_px: f64, color: Rgb, bold: bool) -> usize {
        self.paragraph_indented(0, text, size_css_px, color, bold)
    }

    /// `paragraph`, starting `indent_px` right of the content's left edge.
    pub fn paragraph_indented(
        &mut self,
        indent_px: i32,
        text: &str,
        size_css_px: f64,
        color: Rgb,
        bold: bool,
    ) -> usize {
        let size = self.px(size_css_px);
        let line_h = self.px(size_css_px * 1.4);
        let lines = wrap(text, size, bold, self.content_width() - indent_px);
        let n = lines.len();
        let style = TextStyle {
            bold,
            ..TextStyle::new(size, color)
        };
        for line in lines {
            let at = (self.left() + indent_px, self.y);
            self.text(line, at, style);
            self.y += line_h;
        }
        n
    }

    #[inline(never)]
    pub fn fill(&mut self, rect: Rect, color: Rgb) {
        self.shapes.push(Shape::Fill { rect, color });
    }

    #[inline(never)]
    pub fn line(
        &mut self,
        points: Vec<(i32, i32)>,
        color: Rgb,
        width_css: f64,
        dash_css: Option<f64>,
    ) {
        let width_px = self.px(width_css).max(1);
        let dash_px = dash_css.map(|d| self.px(d).max(1));
        self.shapes.push(Shape::Line {
            points,
            color,
            width_px,
            dash_px,
        });
    }

    /// A bar: solid for stated figures; tinted and striped for derived ones.
    pub fn bar(&mut self, rect: Rect, color: Rgb, derived: bool) {
        if derived {
            let tint = blend(color, self.theme.background, 0.2);
            self.fill(rect, tint);
            let (gap_px, width_px) = (self.px(5.0).max(3), self.px(1.5).max(1));
            self.shapes.push(Shape::Hatch {
                rect,
                color,
                gap_px,
                width_px,
            });
            let width_px = self.px(1.0).max(1);
            self.shapes.push(Shape::Stroke {
                rect,
                color,
                width_px,
            });
        } else {
            self.fill(rect, color);
        }
    }

    /// A hoverable mark drawn in `color` (a bar, dot, row of squares, tile rule) within
    /// `outline`, answering the pointer over `hit`.
    #[inline(never)]
    pub fn mark(&mut self, figure: usize, hit: Rect, outline: Rect, color: Rgb) {
        self.marks.push(Mark {
            figure,
            annotation: None,
            hit,
            outline,
            color,
        });
    }

    /// The mark of annotation `k`'s label (`outline`), read after `figure`.
    pub fn annotation_mark(&mut self, k: usize, figure: usize, hit: Rect, outline: Rect) {
        self.mark(figure, hit, outline, self.theme.text);
        if let Some(m) = self.marks.last_mut() {
            m.annotation = Some(k);
        }
    }

    /// `color` for figure `figure`'s mark, or the muted grey when a highlight names others.
    pub fn tone(&self, figure: usize, color: Rgb) -> Rgb {
        match self.highlight.is_empty() || self.highlight.contains(&figure) {
            true => color,
            false => self.theme.faded,
        }
    }

    /// The note on figure `figure`, if it has one.
    pub fn note(&self, figure: usize) -> Option<String> {
        let note = self.notes.iter().find(|(i, _)| *i == figure);
        note.map(|(_, text)| text.clone())
    }

    /// Vertical space, in CSS pixels.
    pub fn gap(&mut self, css: f64) {
        self.y += self.px(css);
    }

    pub fn finish(self) -> Layout {
        let height_px = self.y + self.px(size_css::PAD);
        Layout {
            width_px: self.frame.width_px,
            height_px,
            scale: self.frame.scale,
            background: self.theme.background,
            shapes: self.shapes,
            marks: self.marks,
        }
    }
}

/// `a` over `b` at opacity `alpha`.
pub fn blend(a: Rgb, b: Rgb, alpha: f64) -> Rgb {
    let mix = |x: u8, y: u8| (f64::from(x) * alpha + f64::from(y) * (1.0 - alpha)).round() as u8;
    Rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_scales_and_clamps() {
        let f = Frame::new(320.0, 2.0).unwrap();
        assert_eq!((f.width_px, f.scale), (640, 2.0));
        assert_eq!(Frame::new(100.0, 1.0).unwrap().width_px, 240);
        assert_eq!(Frame::new(500.0, 9.0).unwrap().scale, 4.0);
        assert!(Frame::new(f64::NAN, 1.0).is_err());
        assert!(Frame::new(300.0, 0.0).is_err());
        assert!(Frame::new(-5.0, 1.0).is_err());
    }

    #[test]
    fn cjk_is_one_em_and_latin_narrower() {
        assert_eq!(text_width("固定资产", 10, false), 40);
        assert!(text_width("Fixed", 10, false) < 40);
        assert!(text_width("abc", 10, true) > text_width("abc", 10, false));
    }

    #[test]
    fn wrapping_fits_every_line_and_keeps_every_character() {
        let zh = "集成电路设计园以芯片设计、软件开发、物联网和云计算为主。";
        for max in [60, 100, 200] {
            let lines = wrap(zh, 12, false, max);
            assert!(
                lines.iter().all(|l| text_width(l, 12, false) <= max),
                "{lines:?}"
            );
            assert_eq!(lines.concat(), zh);
            // Closing punctuation never starts a line.
            assert!(lines
                .iter()
                .all(|l| !l.starts_with('，') && !l.starts_with('。')));
        }
        let en = "Chip design, software, the internet of things and cloud computing";
        let lines = wrap(en, 12, false, 120);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 12, false) <= 120));
        assert_eq!(lines.join(" "), en);
        let long = wrap("Supercalifragilistic", 12, false, 40);
        assert!(long.iter().all(|l| text_width(l, 12, false) <= 40));
        assert_eq!(long.concat(), "Supercalifragilistic");
    }

    #[test]
    fn rect_contains_is_half_open() {
        let r = Rect::new(10, 10, 5, 5);
        assert!(r.contains(10, 10) && r.contains(14, 14));
        assert!(!r.contains(15, 10) && !r.contains(10, 15) && !r.contains(9, 10));
    }
}

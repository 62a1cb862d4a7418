//! The chart set as one long image (长图) for places that run no scripts and show only
//! uploaded images (WeChat articles, Weibo posts, news-app feeds): a header, every chart
//! that has the language in the dataset's order (each its full layout: title, body,
//! notes), one legend for stated and derived figures, the sources and an optional QR code
//! to the interactive page, stacked into one SVG document 1080 px wide. Each chart alone
//! is written the same way for single posts (`chart_image`).
//!
//! It is laid out for a phone, not a desktop chart scaled down: the charts are laid out
//! at `LAYOUT_WIDTH_CSS` and drawn at `PIXEL_RATIO`, exactly as a phone's canvas would
//! draw them. Natively `raster` turns the document into a PNG with the system's CJK font
//! (`render --long`); the editor's module returns the same document for the browser to
//! draw on a canvas.

use crate::charts;
use crate::data::{Dataset, Figure};
use crate::describe;
use crate::error::Error;
use crate::layout::{text_width, wrap, Builder, Frame, Layout, Rect, Shape};
use crate::paint::FONT_FAMILY;
use crate::svg;
use crate::theme::{size_css, Rgb, Theme, ThemeName};
use crate::vocab::Lang;
use std::fmt::Write;

/// The width the platforms show at full size and scale down to a phone's column.
pub const WIDTH_PX: i32 = 1080;
/// The layout's width in CSS px: 1080 px at `PIXEL_RATIO`. Shown 360 px wide (a phone's
/// column), one CSS px of the layout is 1.2 px on the screen, so the smallest text the
/// charts set (11 px) reads 13.2 px, and 12.6 px in WeChat's narrower 343 px column: at
/// least 12 px wherever the image is shown at a phone's width. A 360 px layout at 3×
/// would show that text at 11 px; narrower than 300 px the charts' rows crowd.
pub const LAYOUT_WIDTH_CSS: f64 = 300.0;
pub const PIXEL_RATIO: f64 = 3.6;

/// The headline's size in CSS px: above the charts' titles (16).
const HEADLINE_CSS: f64 = 22.0;
/// The QR code's side, quiet zone included, in CSS px of the layout (about 140 px on a
/// phone's screen: a camera or WeChat's "识别图中二维码" reads it).
const QR_SIDE_CSS: f64 = 120.0;
/// Light modules around the code, as the QR standard asks.
const QR_QUIET_MODULES: i32 = 4;

/// The phone layout's drawing surface: 1080 px wide.
pub fn frame() -> Frame {
    Frame {
        width_px: WIDTH_PX,
        scale: PIXEL_RATIO,
    }
}

/// What a band of the long image holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Header,
    Legend,
    /// A thin rule between two bands.
    Rule,
    /// A chart, by id.
    Chart(String),
    Sources,
    Qr,
}

/// One band of the image, top to bottom: what it holds and where (device px).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub part: Part,
    pub y: i32,
    pub height_px: i32,
}

/// An image as an SVG document, its size and bands, and its alternative text.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub svg: String,
    pub width_px: i32,
    pub height_px: i32,
    pub bands: Vec<Band>,
    /// The words and figures in reading order, for the platforms' alternative-text
    /// fields (also the document's `<desc>`).
    pub text: String,
}

/// The long image of every chart that can be shown in `lang`, with a QR code to
/// `qr_url` when one is given. An error when no chart can be shown in `lang` (it names
/// the text the first chart lacks in English).
pub fn long_image(data: &Dataset, lang: Lang, qr_url: Option<&str>) -> Result<Image, Error> {
    let theme = Theme::get(ThemeName::Light);
    let ids = charts_in(data, lang)?;
    let mut bands: Vec<(Part, Layout, Vec<String>)> = Vec::new();
    let (head, words, title) = header(data, &ids, lang, theme);
    bands.push((Part::Header, head, words));
    if let Some((layout, words)) = legend(data, &ids, lang, theme) {
        bands.push((Part::Legend, layout, words));
    }
    // The charts without the dataset's source, so none has its own source line: the
    // sources are named once, at the end.
    let bare = Dataset {
        source: None,
        ..data.clone()
    };
    for (k, id) in ids.iter().enumerate() {
        let mut layout = charts::layout(&bare, id, lang, theme, frame())?;
        drop_key(&mut layout);
        let words = chart_words(data, id, lang, &layout, Some(k + 1));
        bands.push((Part::Rule, rule(theme), Vec::new()));
        bands.push((Part::Chart(id.clone()), layout, words));
    }
    if let Some((layout, words)) = sources(data, &ids, lang, theme) {
        bands.push((Part::Rule, rule(theme), Vec::new()));
        bands.push((Part::Sources, layout, words));
    }
    if let Some(url) = qr_url.map(str::trim).filter(|u| !u.is_empty()) {
        let (layout, words) = qr_band(url, data.source.is_some(), lang, theme)?;
        bands.push((Part::Qr, layout, words));
    }
    Ok(compose(bands, lang, &title))
}

/// One chart alone at the long image's phone layout, for a post of its own: its whole
/// layout (with its key and source line, as it must stand alone).
pub fn chart_image(data: &Dataset, chart: &str, lang: Lang) -> Result<Image, Error> {
    let spec = data.chart_in(chart, lang)?;
    let theme = Theme::get(ThemeName::Light);
    let layout = charts::layout(data, chart, lang, theme, frame())?;
    let words = chart_words(data, chart, lang, &layout, None);
    let title = lang.pick(&spec.title);
    let part = Part::Chart(spec.id.clone());
    Ok(compose(vec![(part, layout, words)], lang, title))
}

/// The ids of the charts that can be shown in `lang`, in the dataset's order.
fn charts_in(data: &Dataset, lang: Lang) -> Result<Vec<String>, Error> {
    let ids: Vec<String> = data
        .chart_ids()
        .into_iter()
        .filter(|id| data.chart_in(id, lang).is_ok())
        .collect();
    match (ids.is_empty(), data.charts.first()) {
        (false, _) => Ok(ids),
        (true, Some(first)) => data.chart_in(&first.id, lang).map(|_| Vec::new()),
        (true, None) => Err(Error::invalid("charts", "the dataset has no chart to draw")),
    }
}

/// The bands stacked into one document titled `title`; the alternative text is their
/// words, a paragraph each.
fn compose(bands: Vec<(Part, Layout, Vec<String>)>, lang: Lang, title: &str) -> Image {
    let height_px: i32 = bands.iter().map(|(_, l, _)| l.height_px).sum();
    let text = bands
        .iter()
        .filter(|(_, _, words)| !words.is_empty())
        .map(|(_, _, words)| words.join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n");
    let w = WIDTH_PX;
    let code = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    // A canvas's miter limit is 10, SVG's 4 (see svg.rs); the family holds no double quote.
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{height_px}\" viewBox=\"0 0 {w} {height_px}\" role=\"img\" lang=\"{code}\" font-family=\"{FONT_FAMILY}\" stroke-miterlimit=\"10\">"
    );
    let _ = write!(
        out,
        "<title>{}</title><desc>{}</desc>",
        svg::escape(title),
        svg::escape(&text)
    );
    let mut placed = Vec::new();
    let mut y = 0;
    for (part, layout, _) in bands {
        let _ = write!(out, "<g transform=\"translate(0 {y})\">");
        svg::body(&mut out, &layout, None);
        out.push_str("</g>");
        placed.push(Band {
            part,
            y,
            height_px: layout.height_px,
        });
        y += layout.height_px;
    }
    out.push_str("</svg>\n");
    Image {
        svg: out,
        width_px: w,
        height_px,
        bands: placed,
        text,
    }
}

/// The subject, the headline and a line with the years and the number of charts; and the
/// headline, the document's title.
fn header(
    data: &Dataset,
    ids: &[String],
    lang: Lang,
    theme: Theme,
) -> (Layout, Vec<String>, String) {
    let mut b = Builder::new(frame(), theme, lang);
    let subject = data.subject.as_ref().and_then(|s| in_lang(s, lang));
    let source = data.source.as_ref().and_then(|s| in_lang(&s.title, lang));
    // The article's own description is the story's title; without one, the subject; without
    // either, the journalist's title of the first chart, never a generic word.
    let lead = (ids.first())
        .and_then(|id| data.chart(id))
        .and_then(|c| in_lang(&c.title, lang));
    let headline = source.or(subject).or(lead).map_or_else(
        || match lang {
            Lang::Zh => "数据图表".to_string(),
            Lang::En => "Charts".to_string(),
        },
        str::to_string,
    );
    let mut words = Vec::new();
    if let Some(subject) = subject {
        b.paragraph(subject, size_css::LABEL, theme.primary, true);
        b.gap(4.0);
        words.push(subject.to_string());
    }
    b.paragraph(&headline, HEADLINE_CSS, theme.text, true);
    b.gap(6.0);
    let line = dateline(data, ids, lang);
    b.paragraph(&line, size_css::SMALL, theme.muted, false);
    words.extend([headline.clone(), line]);
    (b.finish(), words, headline)
}

/// A text in `lang` only: no Chinese words in an English image's header.
fn in_lang(text: &crate::vocab::Text, lang: Lang) -> Option<&str> {
    match lang {
        Lang::Zh => Some(text.zh.as_str()),
        Lang::En => text.en.as_deref(),
    }
}

/// "2019—2020年数据 · 共8张图 · 来源见文末": the years the figures are for (as the data
/// gives them), how many charts follow, and where the sources are.
fn dateline(data: &Dataset, ids: &[String], lang: Lang) -> String {
    let years: Vec<u16> = ids
        .iter()
        .flat_map(|id| data.figures_of(id))
        .filter_map(|(_, f)| f.period.map(|p| p.year))
        .collect();
    let span = match (years.iter().min(), years.iter().max()) {
        (Some(a), Some(b)) if a == b => Some(a.to_string()),
        (Some(a), Some(b)) => Some(match lang {
            Lang::Zh => format!("{a}—{b}"),
            Lang::En => format!("{a}–{b}"),
        }),
        _ => None,
    };
    let n = ids.len();
    let mut parts = Vec::new();
    match lang {
        Lang::Zh => {
            parts.extend(span.map(|s| format!("{s}年数据")));
            parts.push(format!("共{n}张图"));
            parts.extend(data.source.is_some().then(|| "来源见文末".to_string()));
        }
        Lang::En => {
            parts.extend(span.map(|s| format!("Figures for {s}")));
            parts.push(format!("{n} chart{}", if n == 1 { "" } else { "s" }));
            parts.extend(
                data.source
                    .is_some()
                    .then(|| "sources at the end".to_string()),
            );
        }
    }
    parts.join(" · ")
}

/// The key for stated and derived figures, once for the whole image, when any chart in it
/// shows a derived figure.
fn legend(
    data: &Dataset,
    ids: &[String],
    lang: Lang,
    theme: Theme,
) -> Option<(Layout, Vec<String>)> {
    let derived = ids
        .iter()
        .any(|id| data.figures_of(id).any(|(_, f)| f.derived.is_some()));
    if !derived {
        return None;
    }
    let (stated, inferred) = match lang {
        Lang::Zh => (
            "实心：文中直接给出的数字",
            "斜纹或空心：由文中数字推算，非原文直接给出",
        ),
        Lang::En => (
            "Solid: stated in the source",
            "Striped or hollow: derived from stated figures, not stated directly",
        ),
    };
    let mut b = Builder::new(frame(), theme, lang);
    for (derived, words) in [(false, stated), (true, inferred)] {
        let swatch = Rect::new(b.left(), b.y + b.px(2.0), b.px(18.0), b.px(11.0));
        b.bar(swatch, theme.primary, derived);
        let mut indent = swatch.w + b.px(6.0);
        if derived {
            // The path's hollow dot beside the striped bar.
            let r = b.px(4.5);
            b.shapes.push(Shape::Circle {
                center: (swatch.right() + b.px(5.0) + r, swatch.y + swatch.h / 2),
                radius_px: r,
                color: theme.primary,
                filled: false,
                width_px: b.px(1.5).max(1),
            });
            indent += 2 * r + b.px(5.0);
        }
        b.paragraph_indented(indent, words, size_css::SMALL, theme.text, false);
        b.gap(4.0);
    }
    Some((b.finish(), vec![stated.to_string(), inferred.to_string()]))
}

/// Removes the chart's own key for derived figures (the long image has one legend for
/// all): the striped swatch at the content's left edge that no mark has, and the text of
/// its rows, when they are the last things drawn (as without a source line they are).
/// A chart drawn otherwise keeps its key.
fn drop_key(layout: &mut Layout) {
    let left = frame().px(size_css::PAD);
    let marked = |r: &Rect| layout.marks.iter().any(|m| m.outline.intersects(r));
    let Some(k) = layout
        .shapes
        .iter()
        .rposition(|s| matches!(s, Shape::Hatch { rect, .. } if rect.x == left && !marked(rect)))
    else {
        return;
    };
    let Shape::Hatch { rect: swatch, .. } = layout.shapes[k] else {
        return;
    };
    let same = |s: Option<&Shape>| matches!(s, Some(Shape::Fill { rect, .. } | Shape::Stroke { rect, .. }) if *rect == swatch);
    // The key's first line starts a CSS px above its swatch.
    let top = swatch.y - frame().px(2.0);
    let after_key = layout.shapes[k + 2..]
        .iter()
        .all(|s| matches!(s, Shape::Text { .. }) && s.text_box().is_some_and(|b| b.y >= top));
    if k == 0 || !same(layout.shapes.get(k - 1)) || !same(layout.shapes.get(k + 1)) || !after_key {
        return;
    }
    layout.shapes.truncate(k - 1);
    // The key stood one CSS px below the row it started; the chart's padding follows.
    let pad = frame().px(size_css::PAD);
    layout.height_px = swatch.y - frame().px(1.0) + pad;
}

/// A chart's words in reading order: its title (numbered in the long image), its
/// description, each figure as the layout's marks order them, and its note.
fn chart_words(
    data: &Dataset,
    id: &str,
    lang: Lang,
    layout: &Layout,
    number: Option<usize>,
) -> Vec<String> {
    let Some(spec) = data.chart(id) else {
        return Vec::new();
    };
    let title = lang.pick(&spec.title);
    let mut words = vec![match number {
        Some(n) => format!("{n}. {title}"),
        None => title.to_string(),
    }];
    words.push(lang.pick(&spec.description).to_string());
    let mut order: Vec<usize> = Vec::new();
    let marked = layout.marks.iter().map(|m| m.figure);
    for i in marked.chain(data.figures_of(id).map(|(i, _)| i)) {
        if !order.contains(&i) {
            order.push(i);
        }
    }
    let figures = order.iter().filter_map(|&i| data.figures.get(i));
    words.extend(figures.map(|f| figure_words(data, f, lang)));
    if let Some(note) = &spec.note {
        words.push(match lang {
            Lang::Zh => format!("注：{}", lang.pick(note)),
            Lang::En => format!("Note: {}", lang.pick(note)),
        });
    }
    words
}

/// "· 地区生产总值增速：8.1%（2019年；推算：…）" / "· GDP growth: 8.1% (2019; derived: …)".
fn figure_words(data: &Dataset, f: &Figure, lang: Lang) -> String {
    let d = describe::describe(data, f, lang);
    let when = match (d.period.as_str(), d.kind) {
        (period, None) => period.to_string(),
        ("", Some(kind)) => kind.to_string(),
        (period, Some(kind)) => format!("{period} · {kind}"),
    };
    let extra: Vec<String> = [when]
        .into_iter()
        .chain(d.derived)
        .filter(|s| !s.is_empty())
        .collect();
    match (lang, extra.is_empty()) {
        (Lang::Zh, true) => format!("· {}：{}", d.label, d.value_text),
        (Lang::Zh, false) => format!("· {}：{}（{}）", d.label, d.value_text, extra.join("；")),
        (Lang::En, true) => format!("· {}: {}", d.label, d.value_text),
        (Lang::En, false) => format!("· {}: {} ({})", d.label, d.value_text, extra.join("; ")),
    }
}

/// The source, and the sections of it the charts' figures come from, in its order.
fn sources(
    data: &Dataset,
    ids: &[String],
    lang: Lang,
    theme: Theme,
) -> Option<(Layout, Vec<String>)> {
    let source = data.source.as_ref()?;
    let cited: Vec<&str> = source
        .sections
        .iter()
        .filter(|s| {
            ids.iter()
                .flat_map(|id| data.figures_of(id))
                .any(|(_, f)| f.source.as_ref().is_some_and(|r| r.section == s.id))
        })
        .map(|s| lang.pick(&s.title))
        .collect();
    let (heading, title) = match lang {
        Lang::Zh => ("来源".to_string(), lang.pick(&source.title).to_string()),
        Lang::En => ("Source".to_string(), lang.pick(&source.title).to_string()),
    };
    let mut words = vec![heading.clone(), title.clone()];
    if !cited.is_empty() {
        words.push(match lang {
            Lang::Zh => format!("引用章节：{}", quoted(&cited, "「", "」", "")),
            // No curly quotes: the CJK fonts the charts use draw them full width.
            Lang::En => format!("Sections cited: {}", cited.join("; ")),
        });
    }
    let mut b = Builder::new(frame(), theme, lang);
    b.paragraph(&heading, size_css::LABEL, theme.text, true);
    b.gap(4.0);
    for line in &words[1..] {
        b.paragraph(line, size_css::SMALL, theme.muted, false);
        b.gap(2.0);
    }
    Some((b.finish(), words))
}

fn quoted(items: &[&str], open: &str, close: &str, sep: &str) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("{open}{s}{close}")).collect();
    quoted.join(sep)
}

/// A thin rule across the content between two bands.
fn rule(theme: Theme) -> Layout {
    let f = frame();
    let (left, right, y) = (
        f.px(size_css::PAD),
        f.width_px - f.px(size_css::PAD),
        f.px(4.0),
    );
    Layout {
        width_px: f.width_px,
        height_px: 2 * y + f.px(1.0),
        scale: f.scale,
        background: theme.background,
        shapes: vec![Shape::Fill {
            rect: Rect::new(left, y, right - left, f.px(1.0).max(1)),
            color: theme.grid,
        }],
        marks: Vec::new(),
    }
}

/// The QR code to `url` at the left, and beside it a line saying what it opens, and the
/// address itself (readers who cannot scan can type it).
fn qr_band(
    url: &str,
    sourced: bool,
    lang: Lang,
    theme: Theme,
) -> Result<(Layout, Vec<String>), Error> {
    use qrcode::{EcLevel, QrCode};
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
        .map_err(|e| Error::invalid("qrUrl", format!("no QR code for this address: {e}")))?;
    let n = code.width() as i32;
    let mut b = Builder::new(frame(), theme, lang);
    let modules = n + 2 * QR_QUIET_MODULES;
    let module = (b.px(QR_SIDE_CSS) / modules)
        .max(3)
        .min(b.content_width() / modules);
    let (x0, y0) = (b.left(), b.y);
    let dark = |x: i32, y: i32| code[(x as usize, y as usize)] == qrcode::Color::Dark;
    for y in 0..n {
        let mut x = 0;
        while x < n {
            let start = x;
            while x < n && dark(x, y) {
                x += 1;
            }
            if x > start {
                let at = |m: i32| (m + QR_QUIET_MODULES) * module;
                let run = Rect::new(x0 + at(start), y0 + at(y), (x - start) * module, module);
                b.fill(run, Rgb(0, 0, 0));
            }
            x += 1;
        }
    }
    // A source is promised only where the data names one.
    let (scan, opens) = match (lang, sourced) {
        (Lang::Zh, true) => (
            "扫码打开交互版",
            "在网页上点按每个数字，查看单位、时期和出处",
        ),
        (Lang::Zh, false) => ("扫码打开交互版", "在网页上点按每个数字，查看单位和时期"),
        (Lang::En, true) => (
            "Scan for the interactive version",
            "Tap any figure on the web page for its unit, period and source",
        ),
        (Lang::En, false) => (
            "Scan for the interactive version",
            "Tap any figure on the web page for its unit and period",
        ),
    };
    let indent = modules * module + b.px(4.0);
    b.y = y0 + QR_QUIET_MODULES * module;
    b.paragraph_indented(indent, scan, size_css::LABEL, theme.text, true);
    b.gap(4.0);
    b.paragraph_indented(indent, opens, size_css::SMALL, theme.muted, false);
    b.gap(4.0);
    for line in url_lines(url, b.px(size_css::SMALL), b.content_width() - indent) {
        b.paragraph_indented(indent, &line, size_css::SMALL, theme.muted, false);
    }
    b.y = b.y.max(y0 + modules * module);
    let words = vec![format!("{scan}：{url}"), opens.to_string()];
    let words = match lang {
        Lang::Zh => words,
        Lang::En => vec![format!("{scan}: {url}"), opens.to_string()],
    };
    Ok((b.finish(), words))
}

/// An address in lines no wider than `max_px`, broken after its slashes, dots and other
/// separators rather than inside a word (a part too long for a line is cut).
fn url_lines(url: &str, size_px: i32, max_px: i32) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut part = String::new();
    for c in url.chars() {
        part.push(c);
        // `matches!`, not `str::contains`: that links a substring searcher into the wasm.
        if matches!(c, '/' | '.' | '?' | '&' | '=' | '-' | '_' | '#') {
            parts.push(std::mem::take(&mut part));
        }
    }
    parts.push(part);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in parts.iter().filter(|p| !p.is_empty()) {
        let wider = format!("{line}{part}");
        if !line.is_empty() && text_width(&wider, size_px, false) > max_px {
            lines.push(std::mem::replace(&mut line, part.clone()));
        } else {
            line = wider;
        }
    }
    lines.push(line);
    lines
        .iter()
        .flat_map(|l| wrap(l, size_px, false, max_px))
        .collect()
}

/// The long image and each chart's image as PNG files, natively: the SVG documents drawn
/// by resvg with the system's fonts.
#[cfg(not(target_arch = "wasm32"))]
pub mod raster {
    use super::Image;
    use crate::error::Error;
    use crate::paint::FONT_FAMILY;
    use resvg::{tiny_skia, usvg};
    use std::borrow::Cow;
    use std::collections::HashMap;
    use std::fmt::Write;
    use std::sync::Arc;
    use usvg::fontdb::{Family, Query, Weight};

    /// What the platforms take without recompressing the image into mush.
    pub const MAX_BYTES: usize = 2 * 1024 * 1024;

    /// The system's fonts, once for every image drawn with them, and whether the family
    /// the charts' text resolves to has a bold face.
    pub struct Fonts {
        db: Arc<usvg::fontdb::Database>,
        bold: bool,
    }

    impl Fonts {
        /// The system's fonts; an error unless one of the families the charts name for
        /// Chinese is installed (without one every Chinese character would be missing).
        pub fn system() -> Result<Fonts, Error> {
            let mut db = usvg::fontdb::Database::new();
            db.load_system_fonts();
            let named: Vec<&str> = FONT_FAMILY
                .split(',')
                .map(|f| f.trim().trim_matches('\''))
                .filter(|f| *f != "sans-serif")
                .collect();
            let found = db.faces().any(|face| {
                face.families
                    .iter()
                    .any(|(name, _)| named.contains(&name.as_str()))
            });
            if !found {
                return Err(Error::Draw(format!(
                    "no Chinese font installed: the images need one of {} (Debian: apt-get install fonts-wqy-microhei)",
                    named.join(", ")
                )));
            }
            let families: Vec<Family> = named.iter().map(|n| Family::Name(n)).collect();
            let query = Query {
                families: &families,
                weight: Weight::BOLD,
                ..Query::default()
            };
            let face = db.query(&query).and_then(|id| db.face(id));
            let bold = face.is_some_and(|f| f.weight.0 >= 600);
            Ok(Fonts {
                db: Arc::new(db),
                bold,
            })
        }
    }

    /// Bold text drawn as a browser draws a bold its font has no face for (WenQuanYi
    /// Micro Hei has none): the regular glyphs stroked in their own colour, 1/32 of the
    /// size wide, as Skia thickens them at these sizes. resvg would draw them regular.
    fn embolden(svg: &str) -> String {
        const BOLD: &str = " font-weight=\"bold\"";
        let mut out = String::with_capacity(svg.len() + svg.len() / 50);
        let mut rest = svg;
        while let Some(i) = rest.find(BOLD) {
            let start = rest[..i].rfind('<').unwrap_or(0);
            let end = i + rest[i..].find('>').unwrap_or(rest.len() - i);
            let tag = &rest[start..end];
            out.push_str(&rest[..end]);
            let size: f64 = attr(tag, "font-size")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0.0);
            if let Some(fill) = attr(tag, "fill") {
                let width = (size / 32.0 * 100.0).round() / 100.0;
                let _ = write!(
                    out,
                    " stroke=\"{fill}\" stroke-width=\"{width}\" stroke-linejoin=\"round\""
                );
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    /// An attribute's value in a start tag.
    fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
        let key = format!(" {name}=\"");
        let from = tag.find(&key)? + key.len();
        let len = tag[from..].find('"')?;
        Some(&tag[from..from + len])
    }

    /// The image's pixels: RGB, row by row, `width_px` × `height_px`.
    pub fn pixels(image: &Image, fonts: &Fonts) -> Result<Vec<u8>, Error> {
        let options = usvg::Options {
            fontdb: Arc::clone(&fonts.db),
            ..usvg::Options::default()
        };
        let svg = match fonts.bold {
            true => Cow::Borrowed(image.svg.as_str()),
            false => Cow::Owned(embolden(&image.svg)),
        };
        let tree = usvg::Tree::from_str(&svg, &options)
            .map_err(|e| Error::Draw(format!("the image's SVG: {e}")))?;
        let (w, h) = (image.width_px as u32, image.height_px as u32);
        let mut pixmap = tiny_skia::Pixmap::new(w, h)
            .ok_or_else(|| Error::Draw(format!("no {w} × {h} image")))?;
        pixmap.fill(tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            tiny_skia::Transform::identity(),
            &mut pixmap.as_mut(),
        );
        // Opaque everywhere (every band paints its background), so no alpha to undo.
        let mut rgb = Vec::with_capacity(pixmap.data().len() / 4 * 3);
        for p in pixmap.data().chunks_exact(4) {
            rgb.extend_from_slice(&p[..3]);
        }
        Ok(rgb)
    }

    /// The image as a PNG file of at most `MAX_BYTES` where it can be: its exact colours
    /// (see `encode`) or, when that is larger, 256 of them (`quantise`: edges lose a shade
    /// of their antialiasing, nothing blurs). An error when even that is larger.
    pub fn png(image: &Image, fonts: &Fonts) -> Result<Vec<u8>, Error> {
        let rgb = pixels(image, fonts)?;
        let (w, h) = (image.width_px as u32, image.height_px as u32);
        let exact = encode(&rgb, w, h)?;
        if exact.len() <= MAX_BYTES {
            return Ok(exact);
        }
        let (palette, indices) = quantise(&rgb);
        let small = indexed(&palette, &indices, w, h)?;
        if small.len() <= MAX_BYTES {
            return Ok(small);
        }
        Err(Error::Draw(format!(
            "the image is {} bytes even in 256 colours, over {MAX_BYTES}: draw fewer charts in it",
            small.len()
        )))
    }

    /// RGB pixels as a PNG with every colour as drawn: a palette when there are 256 or
    /// fewer, else true colour.
    pub fn encode(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, Error> {
        let mut palette: Vec<[u8; 3]> = Vec::new();
        let mut index: HashMap<[u8; 3], u8> = HashMap::new();
        let mut indices = Vec::with_capacity(rgb.len() / 3);
        // Most pixels repeat the one before (the background, bars): no lookup for those.
        let mut last: Option<([u8; 3], u8)> = None;
        for p in rgb.chunks_exact(3) {
            let c = [p[0], p[1], p[2]];
            let i = match (last, index.get(&c)) {
                (Some((l, i)), _) if l == c => i,
                (_, Some(i)) => *i,
                (_, None) if palette.len() < 256 => {
                    palette.push(c);
                    index.insert(c, (palette.len() - 1) as u8);
                    (palette.len() - 1) as u8
                }
                (_, None) => return write(rgb, png::ColorType::Rgb, None, w, h),
            };
            last = Some((c, i));
            indices.push(i);
        }
        indexed(&palette, &indices, w, h)
    }

    /// 256 colours for an image of more: the most used colour of each of the 256 most
    /// used cells of a 32-level grid (so the flat colours of bars and text stay exact and
    /// the palette spreads over the antialiased shades), and each pixel as the nearest.
    pub fn quantise(rgb: &[u8]) -> (Vec<[u8; 3]>, Vec<u8>) {
        let runs = runs(rgb);
        let mut counts: HashMap<[u8; 3], u64> = HashMap::new();
        for &(c, n) in &runs {
            *counts.entry(c).or_default() += n as u64;
        }
        // Per cell: pixels in it, and its most used colour (ties to the lower colour, so
        // the result does not depend on the map's order).
        let mut cells: HashMap<[u8; 3], (u64, u64, [u8; 3])> = HashMap::new();
        for (&c, &n) in &counts {
            let cell = cells.entry(c.map(|v| v >> 3)).or_insert((0, 0, c));
            cell.0 += n;
            if n > cell.1 || (n == cell.1 && c < cell.2) {
                (cell.1, cell.2) = (n, c);
            }
        }
        let mut ranked: Vec<(u64, [u8; 3])> = cells.values().map(|&(n, _, c)| (n, c)).collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let palette: Vec<[u8; 3]> = ranked.iter().take(256).map(|&(_, c)| c).collect();
        let nearest = |c: [u8; 3]| {
            let d = |p: &[u8; 3]| {
                (0..3)
                    .map(|k| (i32::from(p[k]) - i32::from(c[k])).pow(2))
                    .sum::<i32>()
            };
            (0..palette.len())
                .min_by_key(|&i| d(&palette[i]))
                .unwrap_or(0) as u8
        };
        let map: HashMap<[u8; 3], u8> = counts.keys().map(|&c| (c, nearest(c))).collect();
        let mut indices = Vec::with_capacity(rgb.len() / 3);
        for (c, n) in runs {
            let i = map.get(&c).copied().unwrap_or(0);
            indices.resize(indices.len() + n, i);
        }
        (palette, indices)
    }

    /// The pixels as runs of one colour, (colour, length): most of an image is runs.
    fn runs(rgb: &[u8]) -> Vec<([u8; 3], usize)> {
        let mut runs: Vec<([u8; 3], usize)> = Vec::new();
        for p in rgb.chunks_exact(3) {
            let c = [p[0], p[1], p[2]];
            match runs.last_mut() {
                Some((last, n)) if *last == c => *n += 1,
                _ => runs.push((c, 1)),
            }
        }
        runs
    }

    /// Palette indices as an 8-bit indexed PNG.
    fn indexed(palette: &[[u8; 3]], indices: &[u8], w: u32, h: u32) -> Result<Vec<u8>, Error> {
        let plte: Vec<u8> = palette.iter().flatten().copied().collect();
        write(indices, png::ColorType::Indexed, Some(plte), w, h)
    }

    fn write(
        data: &[u8],
        color: png::ColorType,
        palette: Option<Vec<u8>>,
        w: u32,
        h: u32,
    ) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        let mut e = png::Encoder::new(&mut out, w, h);
        e.set_color(color);
        e.set_depth(png::BitDepth::Eight);
        e.set_compression(png::Compression::Best);
        // Filters help true colour; a palette's indices compress best as they are.
        let filter = match palette {
            Some(plte) => {
                e.set_palette(plte);
                png::FilterType::NoFilter
            }
            None => {
                e.set_adaptive_filter(png::AdaptiveFilterType::Adaptive);
                png::FilterType::Sub
            }
        };
        e.set_filter(filter);
        let fail = |e: png::EncodingError| Error::Draw(format!("PNG: {e}"));
        let mut writer = e.write_header().map_err(fail)?;
        writer.write_image_data(data).map_err(fail)?;
        writer.finish().map_err(fail)?;
        Ok(out)
    }
}

//! The SVG the crate writes: `render` (fallback files, the editor's download) and
//! `picture` (a snippet's inline markup, shown until the canvas is drawn). Every chart of
//! the default dataset and every form of an editor's dataset with new chart ids renders in
//! both languages and every look; the markup holds only the elements and presentation
//! attributes a strict page CSP allows, escapes data, carries every text and each mark's
//! label and value, draws exactly the shapes `paint` draws on a canvas, and stays within
//! its byte budget.
#![cfg(not(target_arch = "wasm32"))]

use park_infographic::charts;
use park_infographic::data::{Dataset, UnitKind, DEFAULT_JSON};
use park_infographic::describe;
use park_infographic::layout::{HAlign, Layout, Shape, VAlign};
use park_infographic::paint::{paint, Target};
use park_infographic::svg::{escape, picture, render, Look, LINKS_LINE_CSS};
use park_infographic::theme::{Theme, ThemeName};
use park_infographic::vocab::Lang;

const EDITOR_JSON: &str = include_str!("fixtures/forms.json");
const LANGS: [Lang; 2] = [Lang::Zh, Lang::En];
const THEMES: [ThemeName; 2] = [ThemeName::Light, ThemeName::Dark];
const PICTURE_WIDTHS: [f64; 2] = [360.0, 640.0];

/// What a strict CSP page and an `<img>` accept, and nothing that runs or fetches: no
/// `style` (attribute or element), no event handlers, no links.
const ELEMENTS: [&str; 8] = [
    "svg", "title", "desc", "g", "path", "rect", "circle", "text",
];
const ATTRIBUTES: [&str; 25] = [
    "xmlns",
    "width",
    "height",
    "viewBox",
    "preserveAspectRatio",
    "display",
    "role",
    "aria-label",
    "lang",
    "font-family",
    "font-size",
    "font-weight",
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-miterlimit",
    "text-anchor",
    "x",
    "y",
    "cx",
    "cy",
    "r",
    "d",
];
const ENTITIES: [&str; 5] = ["&amp;", "&lt;", "&gt;", "&#34;", "&#39;"];

/// An element of the markup: its name, attributes, text (unescaped) and parent.
#[derive(Debug)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    parent: Option<usize>,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads `svg` strictly: one root `<svg>`, balanced tags, only `ELEMENTS` and
/// `ATTRIBUTES`, double-quoted values, text only in title, desc and text elements, and no
/// `&` but the escapes `svg::escape` writes. Panics (naming the problem) otherwise.
fn elements(svg: &str) -> Vec<Element> {
    let mut out: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut rest = svg.strip_suffix('\n').unwrap_or(svg);
    while !rest.is_empty() {
        if let Some(tail) = rest.strip_prefix("</") {
            let end = tail.find('>').expect("a closing tag ends");
            let top = open.pop().expect("a closing tag has an open element");
            assert_eq!(out[top].name, &tail[..end], "tags nest");
            rest = &tail[end + 1..];
        } else if let Some(tail) = rest.strip_prefix('<') {
            let end = tail.find('>').expect("a tag ends");
            let (tag, empty) = match tail[..end].strip_suffix('/') {
                Some(tag) => (tag, true),
                None => (&tail[..end], false),
            };
            assert!(
                !out.is_empty() || tag.starts_with("svg "),
                "the root is <svg>"
            );
            assert!(out.is_empty() || !open.is_empty(), "one root element");
            let mut element = start_tag(tag);
            element.parent = open.last().copied();
            out.push(element);
            if !empty {
                open.push(out.len() - 1);
            }
            rest = &tail[end + 1..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let top = *open.last().expect("text is inside an element");
            let name = out[top].name.as_str();
            assert!(
                ["title", "desc", "text"].contains(&name),
                "text in <{name}>"
            );
            out[top].text.push_str(&unescape(&rest[..end]));
            rest = &rest[end..];
        }
    }
    assert!(open.is_empty(), "every element is closed");
    out
}

/// `name a="…" b="…"`, checked against the allowed names.
fn start_tag(tag: &str) -> Element {
    let (name, mut rest) = tag.split_once(' ').unwrap_or((tag, ""));
    assert!(ELEMENTS.contains(&name), "element <{name}>");
    let mut attrs = Vec::new();
    while !rest.is_empty() {
        let (attr, tail) = rest.split_once("=\"").expect("attr=\"value\"");
        assert!(ATTRIBUTES.contains(&attr), "attribute {attr} on <{name}>");
        let (value, tail) = tail.split_once('"').expect("a closing quote");
        attrs.push((attr.to_string(), unescape(value)));
        rest = tail.strip_prefix(' ').unwrap_or(tail);
        assert!(
            tail.is_empty() || tail.starts_with(' '),
            "space between attributes"
        );
    }
    Element {
        name: name.to_string(),
        attrs,
        text: String::new(),
        parent: None,
    }
}

/// Markup-free text back from its escapes; any other `&` or a `<` fails.
fn unescape(s: &str) -> String {
    assert!(!s.contains('<'), "unescaped < in {s:?}");
    for (i, _) in s.match_indices('&') {
        assert!(
            ENTITIES.iter().any(|e| s[i..].starts_with(e)),
            "bare & in {s:?}"
        );
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// An attribute as the element has it or inherits it from its groups.
fn inherited<'a>(all: &'a [Element], mut i: usize, name: &str) -> Option<&'a str> {
    loop {
        if let Some(v) = all[i].attr(name) {
            return Some(v);
        }
        i = all[i].parent?;
    }
}

/// Every document the crate writes for `chart`, with its layout and how it is coloured.
fn documents(data: &Dataset, chart: &str, lang: Lang) -> Vec<(String, Layout, Option<Look>)> {
    let mut out = Vec::new();
    for theme in THEMES {
        let (svg, layout) = render(data, chart, lang, Theme::get(theme), 640.0).unwrap();
        out.push((svg, layout, None));
    }
    for look in Look::ALL {
        for width in PICTURE_WIDTHS {
            let (svg, layout) = picture(data, chart, lang, look, width).unwrap();
            out.push((svg, layout, Some(look)));
        }
    }
    out
}

#[test]
fn every_chart_renders_with_every_marks_label() {
    every_chart_renders(&Dataset::default_data().unwrap());
}

#[test]
fn every_form_renders_for_an_editors_new_chart_ids() {
    let data = Dataset::from_json(EDITOR_JSON).unwrap();
    for def in &charts::FORMS {
        assert!(
            data.charts.iter().any(|c| c.form() == def.form),
            "{}",
            def.name()
        );
    }
    every_chart_renders(&data);
}

fn every_chart_renders(data: &Dataset) {
    for spec in &data.charts {
        let chart = spec.id.as_str();
        for lang in LANGS {
            for (svg, layout, look) in documents(data, chart, lang) {
                let all = elements(&svg);
                let root = &all[0];
                let title = lang.pick(&spec.title);
                assert_eq!(all[1].name, "title", "{chart}");
                assert_eq!(all[1].text, title, "{chart}");
                assert_eq!(root.attr("role"), Some("img"));
                // A picture leaves room for the widget's line of links under the chart.
                let reserve = if look.is_some() { LINKS_LINE_CSS } else { 0 };
                let height = layout.height_px + reserve;
                assert_eq!(root.attr("height"), Some(&*height.to_string()));
                let view = format!("0 0 {} {height}", layout.width_px);
                assert_eq!(root.attr("viewBox"), Some(view.as_str()));
                if look.is_some() {
                    assert_eq!(root.attr("aria-label"), Some(title), "{chart}");
                }
                // Every text of the layout is in the SVG, as one <text> element.
                let texts: Vec<&str> = all
                    .iter()
                    .filter(|e| e.name == "text")
                    .map(|e| e.text.as_str())
                    .collect();
                let expected: Vec<&str> = layout.texts().collect();
                let mut sorted = (texts.clone(), expected);
                sorted.0.sort_unstable();
                sorted.1.sort_unstable();
                assert_eq!(sorted.0, sorted.1, "{chart} {lang:?} {look:?}");
                // (In the layout's order: a tile's number and unit are separate texts.)
                let joined: String = layout.texts().collect();
                marks_have_labels(data, chart, lang, &layout, &joined);
            }
        }
    }
}

/// Labels may wrap and a tile sets its number apart from its words: each mark's label
/// (or short label) and value are in the texts joined, without spaces.
fn marks_have_labels(data: &Dataset, chart: &str, lang: Lang, layout: &Layout, joined: &str) {
    let joined = joined.replace(' ', "");
    for m in &layout.marks {
        let f = &data.figures[m.figure];
        let label = lang.pick(&f.label).replace(' ', "");
        let short = f.short.as_ref().map(|s| lang.pick(s).replace(' ', ""));
        let value = describe::value(f, lang).replace(' ', "");
        let has_label = joined.contains(&label)
            || short.is_some_and(|s| joined.contains(&s))
            || f.unit.kind == UnitKind::Index;
        assert!(has_label, "{chart} {lang:?}: label of {}", f.id);
        assert!(
            joined.contains(&value) || f.unit.kind == UnitKind::Index,
            "{chart} {lang:?}: value {value} of {}",
            f.id
        );
    }
}

/// The snippet's box is as wide as its container and exactly the chart's height: a block
/// (not a baseline-aligned inline box), the drawing unscaled from the left when there is
/// room and shrunk to fit when not; as tall as the widget, chart and line of links.
#[test]
fn pictures_fill_their_width_at_the_layouts_height() {
    let data = Dataset::default_data().unwrap();
    for look in Look::ALL {
        let (svg, layout) = picture(&data, "growth-2019", Lang::Zh, look, 640.0).unwrap();
        let all = elements(&svg);
        assert_eq!(all[0].attr("width"), Some("100%"));
        let height = layout.height_px + LINKS_LINE_CSS;
        assert_eq!(all[0].attr("height"), Some(&*height.to_string()));
        assert_eq!(all[0].attr("preserveAspectRatio"), Some("xMinYMin meet"));
        assert_eq!(all[0].attr("display"), Some("block"));
        assert_eq!(all[0].attr("lang"), Some("zh-CN"));
        // The heights the widget reserves while loading: 298 px at every width 340-700
        // (with the note on the first quarter).
        assert_eq!(layout.height_px, 298, "{look:?}");
    }
}

/// `auto` shows the page's background and writes the light theme's text and rule greys as
/// the page's text colour; `light` and `dark` paint their theme's background first.
#[test]
fn the_auto_look_takes_the_pages_colours() {
    let data = Dataset::default_data().unwrap();
    let light = Theme::get(ThemeName::Light);
    let hex = |c: park_infographic::theme::Rgb| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2);
    for id in data.chart_ids() {
        for lang in LANGS {
            let (svg, layout) = picture(&data, &id, lang, Look::Auto, 640.0).unwrap();
            let all = elements(&svg);
            let background = |e: &Element| {
                e.name == "rect" && e.attr("width") == Some(&*layout.width_px.to_string())
            };
            assert!(!all.iter().any(background), "{id}: a background");
            assert!(svg.contains("fill=\"currentColor\""), "{id}");
            for grey in [light.text, light.muted] {
                assert!(!svg.contains(&hex(grey)), "{id}: {}", hex(grey));
            }
            assert!(!svg.contains("#ddd\""), "{id}: the rule colour");
            for (look, theme) in [
                (Look::Light, ThemeName::Light),
                (Look::Dark, ThemeName::Dark),
            ] {
                let (svg, layout) = picture(&data, &id, lang, look, 640.0).unwrap();
                let bg = Theme::get(theme).background;
                let all = elements(&svg);
                let rect = all.iter().find(|e| e.name == "rect").unwrap();
                assert_eq!(rect.attr("width"), Some(&*layout.width_px.to_string()));
                assert_eq!(rect.attr("height"), Some(&*layout.height_px.to_string()));
                let fill = rect.attr("fill").unwrap();
                assert!(hex(bg).starts_with(&fill[..2]), "{id} {look:?}: {fill}");
                assert!(!svg.contains("currentColor"), "{id} {look:?}");
            }
        }
    }
}

/// Data reaches the page as text only: a title and a label made of markup (closing the
/// SVG, opening a script, breaking out of an attribute) come out escaped, and a strict
/// reading of the markup finds them as text.
#[test]
fn markup_in_data_is_escaped_not_injected() {
    let hostile = "</svg><script>alert(\\\"x\\\")</script> & 'q' \\\"><img src=x onerror=alert(1)>";
    let json = DEFAULT_JSON
        .replacen("\"固定资产投资增速\"", &format!("\"{hostile}\""), 1)
        .replacen(
            "\"同比增速：2019年及2020年一季度（%）\"",
            &format!("\"{hostile}\""),
            1,
        );
    let bad = Dataset::from_json(&json).unwrap();
    let raw = hostile.replace("\\\"", "\"");
    for look in Look::ALL {
        let (svg, layout) = picture(&bad, "growth-2019", Lang::Zh, look, 360.0).unwrap();
        for tag in ["<script", "</script", "<img", "</svg><"] {
            assert!(!svg.contains(tag), "{tag} in {svg}");
        }
        assert!(svg.contains(&format!("aria-label=\"{}\"", escape(&raw))));
        // The strict reading finds no element but the writer's, and the words as written.
        let all = elements(&svg);
        assert_eq!(all[1].text, raw, "the title reads as written");
        let texts: Vec<&str> = all
            .iter()
            .filter(|e| e.name == "text")
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(texts.len(), layout.texts().count());
        assert!(texts.concat().contains("</svg><script>"));
    }
    let (svg, _) = render(
        &bad,
        "growth-2019",
        Lang::Zh,
        Theme::get(ThemeName::Light),
        960.0,
    )
    .unwrap();
    assert!(!svg.contains("<script") && !svg.contains("<img"));
    assert!(svg
        .contains("&lt;/svg&gt;&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;q&#39;"));
}

/// Bytes a published page carries per picture (raw; gzip takes 25-45% of it). Measured:
/// growth-2019 2.0-2.2 KB in every language, look and width (the aim was 3 KB); the
/// largest, targets-2020 in English at 360 px, 5.5 KB (its 28 units, one shape each).
const GROWTH_BUDGET: usize = 2_400;
const PICTURE_BUDGET: usize = 6_000;

#[test]
fn pictures_stay_within_their_byte_budget() {
    let data = Dataset::default_data().unwrap();
    for id in data.chart_ids() {
        for lang in LANGS {
            for look in Look::ALL {
                for width in PICTURE_WIDTHS {
                    let (svg, _) = picture(&data, &id, lang, look, width).unwrap();
                    let budget = match id.as_str() {
                        "growth-2019" => GROWTH_BUDGET,
                        _ => PICTURE_BUDGET,
                    };
                    let n = svg.len();
                    assert!(
                        n <= budget,
                        "{id} {lang:?} {look:?} {width}: {n} B > {budget}"
                    );
                }
            }
        }
    }
}

/// The shapes the SVG draws are the ones `paint` draws on a canvas (the same backend
/// calls, here through plotters' SVG backend): the same rectangles, stroked outlines,
/// lines, hatch stripes, dashes and circles in the same colours, compared as sets (the
/// writer may reorder shapes that do not touch). Texts keep their anchor, alignment, font
/// and colour, on the baseline the canvas's `textBaseline` puts them on.
#[test]
fn the_svg_draws_what_paint_draws() {
    for data in [
        Dataset::default_data().unwrap(),
        Dataset::from_json(EDITOR_JSON).unwrap(),
    ] {
        for id in data.chart_ids() {
            for lang in LANGS {
                for (svg, layout, look) in documents(&data, &id, lang) {
                    if look == Some(Look::Auto) {
                        continue; // Its greys are the page's colour.
                    }
                    let what = format!("{id} {lang:?} {look:?} {}", layout.width_px);
                    assert_eq!(drawn(&svg), painted(&layout), "{what}");
                    texts_sit_where_the_canvas_puts_them(&svg, &layout, &what);
                }
            }
        }
    }
}

/// `#rgb` or `#RRGGBB` as `#rrggbb`.
fn long_hex(c: &str) -> String {
    let c = c.to_ascii_lowercase();
    match c.len() {
        4 if c.starts_with('#') => c.chars().flat_map(|ch| [ch, ch]).skip(1).collect(),
        _ => c,
    }
}

/// The shapes of `layout` as `paint` draws them on plotters' SVG backend, one line each.
fn painted(layout: &Layout) -> Vec<String> {
    let mut out = String::new();
    {
        let size = (layout.width_px as u32, layout.height_px as u32);
        let mut backend = plotters_svg::SVGBackend::with_string(&mut out, size);
        paint(
            &mut backend,
            &layout.shapes,
            Some(layout.background),
            Target::SVG,
        )
        .unwrap();
    }
    let attr = |tag: &str, name: &str| -> String {
        let key = format!(" {name}=\"");
        let at = tag.find(&key).map(|i| i + key.len()).unwrap_or(tag.len());
        tag[at..].split('"').next().unwrap_or("").to_string()
    };
    let mut shapes = Vec::new();
    for tag in out.split('<').filter(|t| !t.starts_with('/')) {
        let (fill, stroke) = (long_hex(&attr(tag, "fill")), long_hex(&attr(tag, "stroke")));
        let line = if tag.starts_with("rect ") {
            let [x, y, w, h] = ["x", "y", "width", "height"].map(|n| attr(tag, n));
            if (w == "0" || h == "0") && stroke == "none" {
                continue; // A canvas paints nothing of an empty rectangle either.
            }
            match stroke.as_str() {
                "none" => format!("fill {fill} {x} {y} {w} {h}"),
                _ => format!("stroke {stroke} {x} {y} {w} {h}"),
            }
        } else if tag.starts_with("polyline ") {
            let points = attr(tag, "points").trim().replace(',', " ");
            format!("line {stroke} {} {points}", attr(tag, "stroke-width"))
        } else if tag.starts_with("circle ") {
            let [x, y, r] = ["cx", "cy", "r"].map(|n| attr(tag, n));
            match fill.as_str() {
                "none" => format!("ring {stroke} {} {x} {y} {r}", attr(tag, "stroke-width")),
                _ => format!("disc {fill} {x} {y} {r}"),
            }
        } else {
            continue;
        };
        shapes.push(line);
    }
    shapes.sort_unstable();
    shapes
}

/// The shapes the SVG draws, one line each in `painted`'s terms.
fn drawn(svg: &str) -> Vec<String> {
    let all = elements(svg);
    let mut shapes = Vec::new();
    for (i, e) in all.iter().enumerate() {
        let get = |name: &str| inherited(&all, i, name).unwrap_or("").to_string();
        let (fill, stroke) = (long_hex(&get("fill")), long_hex(&get("stroke")));
        let width = match get("stroke-width").as_str() {
            "" => "1".to_string(),
            w => w.to_string(),
        };
        let [x, y, w, h, cx, cy, r] =
            ["x", "y", "width", "height", "cx", "cy", "r"].map(|n| e.attr(n).unwrap_or("0"));
        match e.name.as_str() {
            "rect" if fill == "none" => shapes.push(format!("stroke {stroke} {x} {y} {w} {h}")),
            "rect" => shapes.push(format!("fill {fill} {x} {y} {w} {h}")),
            "circle" if fill == "none" => {
                shapes.push(format!("ring {stroke} {width} {cx} {cy} {r}"));
            }
            "circle" => shapes.push(format!("disc {fill} {cx} {cy} {r}")),
            "path" => {
                for (points, closed) in subpaths(e.attr("d").unwrap_or("")) {
                    shapes.push(match (closed, fill.as_str()) {
                        (true, _) => {
                            let [(x0, y0), _, (x1, y1), _] = points[..] else {
                                panic!("closed paths are rectangles: {points:?}");
                            };
                            let (w, h) = (x1 - x0, y1 - y0);
                            match fill.as_str() {
                                "none" => format!("stroke {stroke} {x0} {y0} {w} {h}"),
                                _ => format!("fill {fill} {x0} {y0} {w} {h}"),
                            }
                        }
                        (false, _) => {
                            let p: Vec<String> =
                                points.iter().map(|(x, y)| format!("{x} {y}")).collect();
                            format!("line {stroke} {width} {}", p.join(" "))
                        }
                    });
                }
            }
            _ => {}
        }
    }
    shapes.sort_unstable();
    shapes
}

/// Path data (M m h H v l z with integers, as the writer writes it) as subpaths of
/// absolute points, each with whether it was closed.
fn subpaths(d: &str) -> Vec<(Vec<(i32, i32)>, bool)> {
    let mut out: Vec<(Vec<(i32, i32)>, bool)> = Vec::new();
    let mut at = (0, 0);
    let mut chars = d.chars().peekable();
    let number = |chars: &mut std::iter::Peekable<std::str::Chars>| -> i32 {
        while chars.peek() == Some(&' ') {
            chars.next();
        }
        let mut s = String::new();
        while let Some(&c) = chars.peek() {
            if !(c.is_ascii_digit() || (c == '-' && s.is_empty())) {
                break;
            }
            s.push(c);
            chars.next();
        }
        s.parse().unwrap_or_else(|_| panic!("a number in {d:?}"))
    };
    while let Some(c) = chars.next() {
        let next = match c {
            'M' | 'm' => {
                let p = (number(&mut chars), number(&mut chars));
                at = if c == 'm' {
                    (at.0 + p.0, at.1 + p.1)
                } else {
                    p
                };
                out.push((vec![at], false));
                continue;
            }
            'h' => (at.0 + number(&mut chars), at.1),
            'H' => (number(&mut chars), at.1),
            'v' => (at.0, at.1 + number(&mut chars)),
            'l' => (at.0 + number(&mut chars), at.1 + number(&mut chars)),
            'z' => {
                let last = out.last_mut().expect("a subpath to close");
                last.1 = true;
                at = last.0[0];
                continue;
            }
            other => panic!("command {other:?} in {d:?}"),
        };
        at = next;
        out.last_mut().expect("a subpath").0.push(at);
    }
    out
}

/// Each layout text is a <text> at its anchor's x, aligned as the layout says, in its
/// size, weight and colour, with its baseline where the canvas's `textBaseline` (top,
/// middle, bottom) puts the alphabetic one: 0.761, 0.261 and -0.239 em below the anchor
/// for the normalised ascent Chromium measures with the test font (within 0.05 px).
fn texts_sit_where_the_canvas_puts_them(svg: &str, layout: &Layout, what: &str) {
    let all = elements(svg);
    let texts: Vec<usize> = (0..all.len()).filter(|&i| all[i].name == "text").collect();
    let shapes = layout
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Text { .. }));
    for shape in shapes {
        let Shape::Text {
            text,
            at,
            size_px,
            color,
            h,
            v,
            bold,
        } = shape
        else {
            continue;
        };
        let get = |i: usize, name: &str| inherited(&all, i, name).unwrap_or("").to_string();
        let anchor = match h {
            HAlign::Left => "start",
            HAlign::Center => "middle",
            HAlign::Right => "end",
        };
        let em = match v {
            VAlign::Top => 0.761,
            VAlign::Middle => 0.261,
            VAlign::Bottom => -0.239,
        };
        let baseline = f64::from(at.1) + em * f64::from(*size_px);
        let fill = format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2);
        let found = texts.iter().any(|&i| {
            let y: f64 = all[i].attr("y").unwrap_or("").parse().unwrap_or(f64::NAN);
            all[i].text == *text
                && all[i].attr("x") == Some(&*at.0.to_string())
                && (y - baseline).abs() <= 0.05 + 1e-9
                && [anchor, if anchor == "start" { "" } else { anchor }]
                    .contains(&get(i, "text-anchor").as_str())
                && get(i, "font-size") == size_px.to_string()
                && (get(i, "font-weight") == "bold") == *bold
                && long_hex(&get(i, "fill")) == fill
        });
        assert!(found, "{what}: {text:?} at {at:?} {h:?} {v:?}");
    }
}

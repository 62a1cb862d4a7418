//! Browser tests (`wasm-pack test --headless --chrome`): the real module draws into real
//! canvases in Chromium and the pixels are read back. Marks are located from the layout
//! the code returns, never from hard-coded positions.
#![cfg(target_arch = "wasm32")]

use park_infographic::charts;
use park_infographic::data::{AnnotationKind, Bound, ChartSpec, Dataset, Figure, Kind, UnitKind};
use park_infographic::layout::{text_width, Frame, HAlign, Layout, Rect, Shape, VAlign};
use park_infographic::theme::{size_css, Rgb, Theme, ThemeName};
use park_infographic::vocab::{Form, Lang};
use park_infographic::{Chart, Data};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn canvas() -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    document.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

fn context(canvas: &HtmlCanvasElement) -> CanvasRenderingContext2d {
    canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

/// RGBA of the pixels in a device-pixel rectangle.
fn pixels(canvas: &HtmlCanvasElement, x: i32, y: i32, w: i32, h: i32) -> Vec<[u8; 4]> {
    let data = context(canvas)
        .get_image_data(
            f64::from(x),
            f64::from(y),
            f64::from(w.max(1)),
            f64::from(h.max(1)),
        )
        .unwrap()
        .data();
    data.chunks(4).map(|p| [p[0], p[1], p[2], p[3]]).collect()
}

fn near(p: [u8; 4], c: Rgb, tolerance: i32) -> bool {
    (i32::from(p[0]) - i32::from(c.0)).abs() <= tolerance
        && (i32::from(p[1]) - i32::from(c.1)).abs() <= tolerance
        && (i32::from(p[2]) - i32::from(c.2)).abs() <= tolerance
}

const DEFAULT_JSON: &str = include_str!("../src/data/default.json");
/// An editor's dataset (not the default): a new chart id in each form.
const EDITOR_JSON: &str = include_str!("fixtures/forms.json");
/// An editor's dataset with annotations of every kind.
const ANNOTATED_JSON: &str = include_str!("fixtures/annotations.json");
/// The design's colours per theme, the spec every test shares (never `Theme`'s).
const PALETTE_JSON: &str = include_str!("fixtures/palette.json");

/// The colours the tests expect of one theme, read from the spec.
#[derive(Debug, Clone, Copy)]
struct Palette {
    background: Rgb,
    muted: Rgb,
    primary: Rgb,
    secondary: Rgb,
    aim: Rgb,
    /// The marks a highlight passes by.
    faded: Rgb,
}

impl Palette {
    fn of(theme: ThemeName) -> Palette {
        let key = if theme == ThemeName::Light {
            "\"light\""
        } else {
            "\"dark\""
        };
        let start = PALETTE_JSON.find(key).expect("the theme in the spec");
        let block = &PALETTE_JSON[start..];
        let block = &block[..block.find('}').expect("the theme's colours end")];
        let colour = |name: &str| {
            let field = format!("\"{name}\": \"#");
            let at = block
                .find(&field)
                .unwrap_or_else(|| panic!("{name} in the spec"))
                + field.len();
            let v = u32::from_str_radix(&block[at..at + 6], 16).expect("#rrggbb");
            Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
        };
        Palette {
            background: colour("background"),
            muted: colour("muted"),
            primary: colour("primary"),
            secondary: colour("secondary"),
            aim: colour("aim"),
            faded: colour("faded"),
        }
    }
}

/// Draws through the exported `Chart` handle, exactly as the page does; returns the
/// layout the same code computes natively, for locating marks.
fn draw(
    data: &Dataset,
    chart: &str,
    lang: Lang,
    theme: ThemeName,
    width_css: f64,
    dpr: f64,
) -> (HtmlCanvasElement, Chart, Layout) {
    draw_json(DEFAULT_JSON, data, chart, lang, theme, width_css, dpr)
}

/// `draw` for the dataset in `json` (`data` is the same, parsed natively).
fn draw_json(
    json: &str,
    data: &Dataset,
    chart: &str,
    lang: Lang,
    theme: ThemeName,
    width_css: f64,
    dpr: f64,
) -> (HtmlCanvasElement, Chart, Layout) {
    let canvas = canvas();
    let code = if lang == Lang::Zh { "zh" } else { "en" };
    let name = if theme == ThemeName::Light {
        "light"
    } else {
        "dark"
    };
    let handle_data = Data::from_json(json).unwrap();
    let mut handle = Chart::new(&handle_data, chart, code, name).unwrap();
    handle.lay_out(width_css, dpr).unwrap();
    handle.draw(&canvas).unwrap();
    let layout = charts::layout(
        data,
        chart,
        lang,
        Theme::get(theme),
        Frame::new(width_css, dpr).unwrap(),
    )
    .unwrap();
    (canvas, handle, layout)
}

#[wasm_bindgen_test]
fn growth_bars_have_their_colour_at_their_centre_and_the_backing_store_is_sharp() {
    let data = Dataset::default_data().unwrap();
    for dpr in [1.0, 2.0] {
        let (canvas, handle, layout) =
            draw(&data, "growth-2019", Lang::Zh, ThemeName::Light, 480.0, dpr);
        // Backing store = CSS size × devicePixelRatio.
        assert_eq!(canvas.width() as i32, (480.0 * dpr) as i32);
        assert_eq!(
            f64::from(canvas.height()),
            (handle.height_css() * dpr).round()
        );
        assert_eq!(layout.marks.len(), 5);
        // The design: the 2020 quarter, highlighted, in the secondary colour (the period
        // set apart); the 2019 results the highlight passes by in its grey.
        let palette = Palette::of(ThemeName::Light);
        let (grey, vermillion) = (palette.faded, palette.secondary);
        let expected = [grey, grey, grey, grey, vermillion];
        for (m, colour) in layout.marks.iter().zip(expected) {
            let (x, y) = m.outline.center();
            let p = pixels(&canvas, x, y, 1, 1)[0];
            assert!(
                near(p, colour, 2),
                "bar at ({x},{y}) is {p:?}, expected {colour:?}"
            );
        }
        let (x, y) = empty_point(&layout);
        let p = pixels(&canvas, x, y, 1, 1)[0];
        assert!(
            near(p, palette.background, 0),
            "background at ({x},{y}) is {p:?}"
        );
    }
}

/// The box a text shape covers: its estimated width (the layout's) and one line of its size.
fn text_box(shape: &Shape) -> Option<(&str, Rect, i32)> {
    let Shape::Text {
        text,
        at,
        size_px,
        h,
        v,
        bold,
        ..
    } = shape
    else {
        return None;
    };
    let w = text_width(text, *size_px, *bold);
    let x = match h {
        HAlign::Left => at.0,
        HAlign::Center => at.0 - w / 2,
        HAlign::Right => at.0 - w,
    };
    let y = match v {
        VAlign::Top => at.1,
        VAlign::Middle => at.1 - size_px / 2,
        VAlign::Bottom => at.1 - size_px,
    };
    Some((text.as_str(), Rect::new(x, y, w, *size_px), *size_px))
}

/// Which pixels of a one-character cell carry ink (differ clearly from the background).
fn ink_mask(canvas: &HtmlCanvasElement, cell: Rect, background: Rgb) -> Vec<bool> {
    pixels(canvas, cell.x, cell.y, cell.w, cell.h)
        .iter()
        .map(|p| !near(*p, background, 80))
        .collect()
}

fn mask_difference(a: &[bool], b: &[bool]) -> usize {
    a.iter().zip(b).filter(|(p, q)| p != q).count()
}

/// The one-em cells of the first `count` characters of the text shape `label` (CJK
/// characters are one em wide), a little taller than the em so nothing is cut.
fn label_cells(layout: &Layout, label: &[&str], count: usize) -> Vec<Rect> {
    let (_, rect, size) = layout
        .shapes
        .iter()
        .filter_map(text_box)
        .find(|(text, _, _)| label.contains(text))
        .expect("the label is drawn");
    let pad = size / 5;
    (0..count as i32)
        .map(|k| Rect::new(rect.x + k * size, rect.y - pad, size, size + 2 * pad))
        .collect()
}

#[wasm_bindgen_test]
fn chinese_labels_are_drawn_in_real_glyphs_not_empty_boxes() {
    // Without a CJK font every character is drawn as the font's "no glyph" box (or
    // nothing), the same for every character. So: draw the chart with its Chinese labels,
    // and again with the first label replaced by unassigned code points (which no font
    // has: the box every missing glyph gets); cut each label into one-em cells. Real
    // glyphs carry ink, differ from one another and from the box.
    let real_label = "固定资产投资增速";
    let real_short = "固定资产投资";
    let nothing: String = ('\u{2FE0}'..='\u{2FE7}').collect(); // unassigned in Unicode
    let nothing_short: String = nothing.chars().take(6).collect();
    let tofu_json = DEFAULT_JSON
        .replacen(&format!("\"{real_label}\""), &format!("\"{nothing}\""), 1)
        .replacen(
            &format!("\"{real_short}\""),
            &format!("\"{nothing_short}\""),
            1,
        );
    let real_data = Dataset::default_data().unwrap();
    let tofu_data = Dataset::from_json(&tofu_json).unwrap();
    assert_eq!(tofu_data.figures[0].label.zh, nothing, "the test's dataset");
    let background = Palette::of(ThemeName::Light).background;
    for (width, dpr) in [(480.0, 2.0), (320.0, 1.0)] {
        let (real_canvas, _, real_layout) = draw(
            &real_data,
            "growth-2019",
            Lang::Zh,
            ThemeName::Light,
            width,
            dpr,
        );
        let (tofu_canvas, _, tofu_layout) = draw_json(
            &tofu_json,
            &tofu_data,
            "growth-2019",
            Lang::Zh,
            ThemeName::Light,
            width,
            dpr,
        );
        let real_cells = label_cells(&real_layout, &[real_label, real_short], 6);
        let tofu_cell = label_cells(&tofu_layout, &[&nothing, &nothing_short], 1)[0];
        let area = (real_cells[0].w * real_cells[0].h) as usize;
        let tofu = ink_mask(&tofu_canvas, tofu_cell, background);
        let glyphs: Vec<Vec<bool>> = real_cells
            .iter()
            .map(|c| ink_mask(&real_canvas, *c, background))
            .collect();
        let chars: Vec<char> = real_short.chars().collect();
        for (k, glyph) in glyphs.iter().enumerate() {
            let ink = glyph.iter().filter(|p| **p).count();
            assert!(
                ink * 20 > area,
                "{width}@{dpr}: {} has {ink} ink pixels of {area}",
                chars[k]
            );
            let from_box = mask_difference(glyph, &tofu);
            assert!(
                from_box * 10 > area,
                "{width}@{dpr}: {} looks like a missing-glyph box ({from_box} of {area} pixels differ)",
                chars[k]
            );
            for (j, other) in glyphs.iter().enumerate().skip(k + 1) {
                if chars[j] == chars[k] {
                    // 资 twice: the same glyph, cell for cell (the cells are aligned).
                    assert!(
                        mask_difference(glyph, other) * 50 < area,
                        "{width}@{dpr}: {} twice",
                        chars[k]
                    );
                    continue;
                }
                let apart = mask_difference(glyph, other);
                assert!(
                    apart * 10 > area,
                    "{width}@{dpr}: {} and {} look alike ({apart} of {area} pixels differ)",
                    chars[k],
                    chars[j]
                );
            }
        }
    }
}

/// A point the layout leaves empty: in the padding left of the content (every shape
/// starts at the padding or right of it), at the first mark's height; checked against
/// every shape's box.
fn empty_point(layout: &Layout) -> (i32, i32) {
    let pad = (size_css::PAD * layout.scale).round() as i32;
    let (_, y) = layout.marks[0].hit.center();
    let point = (pad / 2, y);
    let inside =
        |r: Rect| point.0 >= r.x && point.0 < r.right() && point.1 >= r.y && point.1 < r.bottom();
    for shape in &layout.shapes {
        let covered = match shape {
            Shape::Fill { rect, .. } | Shape::Stroke { rect, .. } | Shape::Hatch { rect, .. } => {
                inside(rect.inflate(2))
            }
            Shape::Line { points, .. } => {
                points
                    .iter()
                    .any(|p| (p.0 - point.0).abs() <= 3 && (p.1 - point.1).abs() <= 3)
                    || points.windows(2).any(|w| {
                        let (x0, x1) = (w[0].0.min(w[1].0), w[0].0.max(w[1].0));
                        let (y0, y1) = (w[0].1.min(w[1].1), w[0].1.max(w[1].1));
                        inside(Rect::new(x0 - 3, y0 - 3, x1 - x0 + 6, y1 - y0 + 6))
                    })
            }
            Shape::Circle {
                center, radius_px, ..
            } => inside(Rect::new(
                center.0 - radius_px - 2,
                center.1 - radius_px - 2,
                2 * radius_px + 4,
                2 * radius_px + 4,
            )),
            Shape::Text { .. } => text_box(shape).is_some_and(|(_, r, _)| inside(r.inflate(2))),
        };
        assert!(!covered, "the padding point {point:?} is under {shape:?}");
    }
    point
}

/// The colour of a point painted solid inside `r`: the first pixel, from the box's middle
/// row outwards, that is not the background and whose eight neighbours have its colour
/// (an edge or a stripe has no such pixel). Found in the pixels, not asked of the layout.
fn painted_point(canvas: &HtmlCanvasElement, r: Rect, background: Rgb) -> Option<[u8; 4]> {
    let (w, h) = (r.w.max(1), r.h.max(1));
    let area = pixels(canvas, r.x, r.y, w, h);
    let at = |x: i32, y: i32| area[(y * w + x) as usize];
    let same =
        |p: [u8; 4], q: [u8; 4]| (0..3).all(|k| (i32::from(p[k]) - i32::from(q[k])).abs() <= 2);
    let rows = (0..h).map(|k| h / 2 + if k % 2 == 0 { k / 2 } else { -(k + 1) / 2 });
    for y in rows.filter(|y| (1..h - 1).contains(y)) {
        for x in 1..w - 1 {
            let p = at(x, y);
            let solid = (-1..=1).all(|dy| (-1..=1).all(|dx| same(p, at(x + dx, y + dy))));
            if solid && !near(p, background, 2) {
                return Some(p);
            }
        }
    }
    None
}

/// How the design draws a figure (README's table of forms and the form files' docs),
/// written out here rather than taken from the layout code: each figure is drawn by the
/// form of its panel (the group's, else the chart's) when that form can draw it, else as
/// a tile. Colours: the figure's kind in the theme, except that bars set rates of a later
/// period than the chart's first apart in the secondary colour. Derived figures are
/// striped (bars, squares) or hollow (dots, tile rules). A row without a value shows the
/// "not stated" words; an area without a value is an empty dashed square.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Drawn {
    Solid(Rgb),
    Derived(Rgb),
    Text(Rgb),
}

fn form_of(spec: &ChartSpec, figure: &Figure) -> Form {
    let group = spec
        .groups
        .iter()
        .find(|g| figure.group.as_deref() == Some(g.id.as_str()));
    group.and_then(|g| g.form).unwrap_or(spec.form())
}

/// Whether `form` draws `figure` itself (else it is a tile).
fn form_draws(form: Form, f: &Figure) -> bool {
    let v = f.value;
    match form {
        Form::Bars | Form::Tiles => true,
        Form::Ranks => f.unit.kind == UnitKind::Rank,
        Form::Units => {
            (f.unit.whole || f.unit.kind == UnitKind::Years)
                && f.bound != Bound::Range
                && v.is_some_and(|v| (1.0..=100.0).contains(&v) && v.fract() == 0.0)
        }
        Form::Share => {
            f.unit.kind == UnitKind::Percent
                && f.bound != Bound::Range
                && v.is_some_and(|v| (0.0..=100.0).contains(&v))
        }
        Form::Path => {
            f.unit.kind == UnitKind::Index && f.derived.as_ref().is_some_and(|d| d.step.is_some())
        }
        Form::Areas => f.unit.is_area(),
    }
}

fn drawn_as(spec: &ChartSpec, figure: &Figure, first: &Figure, palette: &Palette) -> Drawn {
    let drawn_by = form_of(spec, figure);
    let form = if form_draws(drawn_by, figure) {
        drawn_by
    } else {
        Form::Tiles
    };
    let kind = match figure.kind {
        Kind::Actual => palette.primary,
        Kind::Plan => palette.secondary,
        Kind::Aim => palette.aim,
    };
    let later_rate = figure.unit.kind == UnitKind::Percent && figure.period != first.period;
    let colour = if form == Form::Bars && later_rate {
        palette.secondary
    } else {
        kind
    };
    // A highlight leaves its figures their colour and greys every other.
    let highlights = spec
        .annotations
        .iter()
        .filter(|a| a.kind == AnnotationKind::Highlight);
    let mut named = highlights.flat_map(|a| a.figures.iter());
    let lit = spec
        .annotations
        .iter()
        .all(|a| a.kind != AnnotationKind::Highlight)
        || named.any(|id| *id == figure.id);
    let colour = if lit { colour } else { palette.faded };
    match (form, figure.value, figure.derived.is_some()) {
        (Form::Areas, None, _) => Drawn::Derived(colour),
        // A tile's rule is drawn whether or not there is a number.
        (Form::Tiles, None, _) => Drawn::Solid(colour),
        (_, None, _) => Drawn::Text(palette.muted),
        (_, Some(_), true) => Drawn::Derived(colour),
        (_, Some(_), false) => Drawn::Solid(colour),
    }
}

#[wasm_bindgen_test]
fn every_chart_draws_its_marks_in_the_designs_colours_in_both_themes_and_languages() {
    check_design(DEFAULT_JSON);
}

#[wasm_bindgen_test]
fn an_editors_new_chart_in_every_form_draws_in_the_designs_colours_and_answers_hover() {
    let data = Dataset::from_json(EDITOR_JSON).unwrap();
    let builtin = Dataset::default_data().unwrap();
    for def in &charts::FORMS {
        let spec = data.charts.iter().find(|c| c.form() == def.form).unwrap();
        assert!(builtin.chart(&spec.id).is_none(), "{} is a new id", spec.id);
    }
    check_design(EDITOR_JSON);
}

/// Every chart of the dataset in `json`, both themes and languages, 320 and 960 px at
/// ratios 1 and 2: each mark's pixels as the design says, the background where nothing
/// is drawn, and the hover and key APIs answering with each mark's figure.
fn check_design(json: &str) {
    let data = Dataset::from_json(json).unwrap();
    for theme_name in [ThemeName::Light, ThemeName::Dark] {
        let palette = Palette::of(theme_name);
        // The design's fill of a derived bar: its colour at 20 % over the background.
        let tint = |c: Rgb| {
            let mix = |x: u8, y: u8| (0.2 * f64::from(x) + 0.8 * f64::from(y)).round() as u8;
            Rgb(
                mix(c.0, palette.background.0),
                mix(c.1, palette.background.1),
                mix(c.2, palette.background.2),
            )
        };
        for lang in [Lang::Zh, Lang::En] {
            for spec in &data.charts {
                let chart = spec.id.as_str();
                let first = data
                    .figures
                    .iter()
                    .find(|f| f.chart.as_deref() == Some(chart))
                    .unwrap();
                for (width, dpr) in [(320.0, 1.0), (320.0, 2.0), (960.0, 1.0), (960.0, 2.0)] {
                    let (canvas, handle, layout) =
                        draw_json(json, &data, chart, lang, theme_name, width, dpr);
                    let at = format!("{chart} {lang:?} {theme_name:?} {width}@{dpr}");
                    assert_eq!(handle.mark_count(), layout.marks.len(), "{at}");
                    let (x, y) = empty_point(&layout);
                    let bg = pixels(&canvas, x, y, 1, 1)[0];
                    assert!(near(bg, palette.background, 0), "{at}: background {bg:?}");
                    for (i, m) in layout.marks.iter().enumerate() {
                        if m.annotation.is_some() {
                            check_label(&handle, &layout, i, &at);
                            continue;
                        }
                        let f = &data.figures[m.figure];
                        let r = m.outline;
                        let area = pixels(&canvas, r.x, r.y, r.w, r.h);
                        let count = |c: Rgb, tolerance: i32| {
                            area.iter().filter(|p| near(**p, c, tolerance)).count()
                        };
                        let what = format!("{at} mark {i} ({})", f.id);
                        let drawn = drawn_as(spec, f, first, &palette);
                        match drawn {
                            Drawn::Solid(c) => {
                                // Bars, dots, squares, rules: their colour inside their box
                                // (a row of squares has gaps, a tile's rule is thin).
                                let p = painted_point(&canvas, r, palette.background);
                                let p = p.unwrap_or_else(|| panic!("{what}: nothing painted"));
                                assert!(near(p, c, 40), "{what}: painted {p:?}, expected {c:?}");
                            }
                            Drawn::Derived(c) => {
                                // Stripes or a ring in the colour; no solid fill of it.
                                let (x, y) = r.center();
                                let lines = count(c, 24);
                                assert!(lines > 0, "{what}: no pixel of {c:?}");
                                assert!(
                                    lines * 2 < area.len(),
                                    "{what}: mostly solid {c:?}, not striped or hollow"
                                );
                                // Between the stripes (wide enough apart from 2x on), the tint;
                                // inside a ring, the background.
                                if r.w > 20 && r.h > 20 {
                                    let inner = count(tint(c), 8) + count(palette.background, 8);
                                    assert!(
                                        inner > 0,
                                        "{what}: no tint or hollow centre at ({x},{y})"
                                    );
                                }
                            }
                            Drawn::Text(c) => {
                                assert!(count(c, 40) > 0, "{what}: no text pixel of {c:?}");
                            }
                        }
                        let colour = match drawn {
                            Drawn::Solid(c) | Drawn::Derived(c) | Drawn::Text(c) => c,
                        };
                        assert_eq!(m.color, colour, "{what}: the layout's colour for it");
                        // The hover API answers the mark's centre with that mark's figure.
                        let (cx, cy) = m.hit.center();
                        let hit = handle.hit_test(f64::from(cx) / dpr, f64::from(cy) / dpr);
                        assert_eq!(hit, i as i32, "{what}");
                        let described = handle.describe(i);
                        let id = js_sys::Reflect::get(&described, &"id".into()).unwrap();
                        assert_eq!(id.as_string().as_deref(), Some(f.id.as_str()), "{what}");
                        // Keys: one step on from the mark before lands on this one.
                        let previous = i as i32 - 1;
                        assert_eq!(handle.step(previous, 1), i as i32, "{what}: arrow key");
                    }
                }
            }
        }
    }
}

/// A line's or band's label: the hover and key APIs answer with it (its type, no figure).
fn check_label(handle: &Chart, layout: &Layout, i: usize, at: &str) {
    let (cx, cy) = layout.marks[i].hit.center();
    let dpr = layout.scale;
    let hit = handle.hit_test(f64::from(cx) / dpr, f64::from(cy) / dpr);
    assert_eq!(hit, i as i32, "{at}: label {i}");
    let described = handle.describe(i);
    let get = |key: &str| js_sys::Reflect::get(&described, &key.into()).unwrap();
    assert!(get("id").is_null(), "{at}: label {i} has no figure");
    let kind = get("annotation").as_string();
    assert!(
        matches!(kind.as_deref(), Some("line" | "band")),
        "{at}: {kind:?}"
    );
    assert_eq!(
        handle.step(i as i32 - 1, 1),
        i as i32,
        "{at}: arrow key to label {i}"
    );
}

/// An editor's dataset with every kind of annotation draws its highlights in the design's
/// colours and greys, and answers hover and keys on the labels of its lines and bands.
#[wasm_bindgen_test]
fn an_annotated_dataset_draws_in_the_designs_colours_and_answers_on_its_labels() {
    check_design(ANNOTATED_JSON);
}

#[wasm_bindgen_test]
fn a_bad_dataset_is_an_error_not_a_panic() {
    let e = Data::from_json("{\"schema\": 1,").err().expect("rejected");
    let message = js_sys::Reflect::get(&e, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.starts_with("invalid JSON at line 1"), "{message}");
    let e = Chart::new(
        &Data::from_json(DEFAULT_JSON).unwrap(),
        "pie",
        "zh",
        "light",
    )
    .err()
    .expect("rejected");
    let message = js_sys::Reflect::get(&e, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.starts_with("unknown chart \"pie\""), "{message}");
}

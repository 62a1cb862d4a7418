//! Browser tests (`wasm-pack test --headless --chrome`): the real module draws into real
//! canvases in Chromium and the pixels are read back. Marks are located from the layout
//! the code returns, never from hard-coded positions.
#![cfg(target_arch = "wasm32")]

use park_infographic::charts::{self, ChartId};
use park_infographic::data::Dataset;
use park_infographic::format::Lang;
use park_infographic::layout::{blend, Frame, Layout};
use park_infographic::paint::FONT_FAMILY;
use park_infographic::theme::{Rgb, Theme, ThemeName};
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

/// Draws through the exported `Chart` handle, exactly as the page does; returns the
/// layout the same code computes natively, for locating marks.
fn draw(
    data: &Dataset,
    chart: ChartId,
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
    let mut handle = Chart::new(&Data::builtin().unwrap(), chart.as_str(), code, name).unwrap();
    handle.render(&canvas, width_css, dpr).unwrap();
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
        let (canvas, handle, layout) = draw(
            &data,
            ChartId::Growth2019,
            Lang::Zh,
            ThemeName::Light,
            480.0,
            dpr,
        );
        // Backing store = CSS size × devicePixelRatio.
        assert_eq!(canvas.width() as i32, (480.0 * dpr) as i32);
        assert_eq!(
            f64::from(canvas.height()),
            (handle.height_css() * dpr).round()
        );
        assert_eq!(layout.marks.len(), 5);
        for m in &layout.marks {
            let (x, y) = m.outline.center();
            let p = pixels(&canvas, x, y, 1, 1)[0];
            assert!(
                near(p, m.color, 2),
                "bar at ({x},{y}) is {p:?}, expected {:?}",
                m.color
            );
        }
        // The background is the theme's, away from any mark.
        let p = pixels(&canvas, 2, 2, 1, 1)[0];
        assert!(near(p, Theme::get(ThemeName::Light).background, 0));
    }
}

#[wasm_bindgen_test]
fn chinese_labels_produce_distinct_glyphs_not_empty_boxes() {
    // Without a CJK font every character renders as the same empty box: two different
    // characters then give identical pixels. With one, they differ.
    let canvas = canvas();
    canvas.set_width(80);
    canvas.set_height(40);
    let ctx = context(&canvas);
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, 80.0, 40.0);
    ctx.set_fill_style_str("#000");
    ctx.set_font(&format!("32px {FONT_FAMILY}"));
    ctx.set_text_baseline("top");
    ctx.fill_text("固", 2.0, 2.0).unwrap();
    ctx.fill_text("资", 42.0, 2.0).unwrap();
    let a = pixels(&canvas, 0, 0, 40, 40);
    let b = pixels(&canvas, 40, 0, 40, 40);
    let ink = |v: &[[u8; 4]]| v.iter().filter(|p| p[0] < 128).count();
    assert!(
        ink(&a) > 40 && ink(&b) > 40,
        "no ink: {} {}",
        ink(&a),
        ink(&b)
    );
    let differing = a
        .iter()
        .zip(&b)
        .filter(|(p, q)| (p[0] < 128) != (q[0] < 128))
        .count();
    assert!(
        differing > 40,
        "the two characters look the same ({differing} pixels differ): no CJK font?"
    );

    // And the chart's Chinese row labels put ink left of the bars.
    let data = Dataset::default_data().unwrap();
    let (canvas, _, layout) = draw(
        &data,
        ChartId::Growth2019,
        Lang::Zh,
        ThemeName::Light,
        480.0,
        2.0,
    );
    let first = layout.marks[0];
    let label_area = pixels(
        &canvas,
        first.hit.x,
        first.hit.y,
        first.outline.x - first.hit.x - 4,
        first.hit.h,
    );
    let dark = label_area
        .iter()
        .filter(|p| p[0] < 100 && p[1] < 100 && p[2] < 100)
        .count();
    assert!(dark > 50, "row label produced {dark} dark pixels");
}

#[wasm_bindgen_test]
fn every_chart_draws_its_marks_at_both_ratios_and_widths() {
    let data = Dataset::default_data().unwrap();
    for chart in ChartId::ALL {
        for (width, dpr) in [(320.0, 1.0), (320.0, 2.0), (960.0, 1.0), (960.0, 2.0)] {
            let (canvas, handle, layout) =
                draw(&data, chart, Lang::Zh, ThemeName::Light, width, dpr);
            assert_eq!(handle.mark_count(), layout.marks.len());
            for (i, m) in layout.marks.iter().enumerate() {
                let f = &data.figures[m.figure];
                let r = m.outline;
                let area = pixels(&canvas, r.x, r.y, r.w, r.h);
                let theme = Theme::get(ThemeName::Light);
                let tint = blend(m.color, theme.background, 0.2);
                // Stated figures are solid bars, dots, lines and squares: their centre is
                // their colour. (Derived ones are striped or hollow; sentences are text.)
                let solid = f.derived.is_none() && f.value.is_some() && m.color != theme.text;
                if solid {
                    let (x, y) = r.center();
                    let p = pixels(&canvas, x, y, 1, 1)[0];
                    assert!(
                        near(p, m.color, 40),
                        "{chart:?} {width}@{dpr} mark {i} ({}) centre {p:?}",
                        f.id
                    );
                }
                let coloured = area
                    .iter()
                    .filter(|p| near(**p, m.color, 24) || near(**p, tint, 6))
                    .count();
                assert!(
                    coloured > 0,
                    "{chart:?} {width}@{dpr} mark {i} ({}) has no pixel of its colour",
                    f.id
                );
                // The hover API answers the mark's centre with that mark's figure.
                let (cx, cy) = m.hit.center();
                let hit = handle.hit_test(f64::from(cx) / dpr, f64::from(cy) / dpr);
                assert_eq!(hit, i as i32, "{chart:?} {width}@{dpr}");
                let described = handle.describe(i);
                let id = js_sys::Reflect::get(&described, &"id".into()).unwrap();
                assert_eq!(id.as_string().as_deref(), Some(f.id.as_str()));
            }
        }
    }
}

#[wasm_bindgen_test]
fn a_bad_dataset_is_an_error_not_a_panic() {
    let e = Data::from_json("{\"schema\": 1,").err().expect("rejected");
    let message = js_sys::Reflect::get(&e, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.starts_with("invalid JSON at line 1"), "{message}");
    let e = Chart::new(&Data::builtin().unwrap(), "pie", "zh", "light")
        .err()
        .expect("rejected");
    let message = js_sys::Reflect::get(&e, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.starts_with("unknown chart \"pie\""), "{message}");
}

#[wasm_bindgen_test]
fn the_overlay_shows_only_the_current_highlight() {
    let data = Dataset::default_data().unwrap();
    let (_, handle, layout) = draw(
        &data,
        ChartId::Growth2019,
        Lang::Zh,
        ThemeName::Light,
        480.0,
        1.0,
    );
    let overlay = canvas();
    let ink = |m: usize| {
        let r = layout.marks[m].hit;
        pixels(&overlay, r.x, r.y, r.w, r.h)
            .iter()
            .filter(|p| p[3] > 0)
            .count()
    };
    handle.highlight(&overlay, 0).unwrap();
    assert!(ink(0) > 50, "mark 0 highlighted");
    handle.highlight(&overlay, 2).unwrap();
    assert!(ink(2) > 50, "mark 2 highlighted");
    assert_eq!(ink(0), 0, "mark 0's highlight is gone");
    handle.highlight(&overlay, -1).unwrap();
    assert_eq!(ink(2), 0, "cleared");
}

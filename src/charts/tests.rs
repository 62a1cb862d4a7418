//! Layout invariants for every chart of the default dataset and of an editor's dataset
//! with a new chart id in each form, in both languages and themes, at widths from 320 to
//! 960 px and pixel ratios 1 and 2: each figure has one mark; each mark's centre hits that
//! mark; hit areas never overlap; marks stay inside the frame; margins and gaps hit
//! nothing; no text spills out of the drawing or overlaps other text; the keyboard reaches
//! every mark.

use super::*;
use crate::data::Dataset;
use crate::hit::{hit, step};
use crate::layout::{Rect, Shape};
use crate::theme::ThemeName;
use crate::vocab::UnitKind;

const WIDTHS_CSS: [f64; 5] = [320.0, 375.0, 480.0, 720.0, 960.0];

/// An editor's dataset (not the default): new chart ids, one chart in each form.
const EDITOR_JSON: &str = include_str!("../../tests/fixtures/forms.json");

fn datasets() -> [Dataset; 2] {
    [
        Dataset::default_data().expect("default dataset"),
        Dataset::from_json(EDITOR_JSON).expect("editor's dataset"),
    ]
}

fn every_layout(mut check: impl FnMut(&Dataset, &str, Lang, f64, &Layout)) {
    for data in datasets() {
        for spec in &data.charts {
            let chart = spec.id.as_str();
            for lang in [Lang::Zh, Lang::En] {
                for theme in [ThemeName::Light, ThemeName::Dark] {
                    for width in WIDTHS_CSS {
                        for dpr in [1.0, 2.0] {
                            let frame = Frame::new(width, dpr).unwrap();
                            let l = layout(&data, chart, lang, Theme::get(theme), frame)
                                .unwrap_or_else(|e| panic!("{chart} {lang:?} {width}: {e}"));
                            check(&data, chart, lang, width * dpr, &l);
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn the_editors_dataset_has_a_new_chart_in_every_form() {
    let [default, editor] = datasets();
    for form in Form::ALL {
        let spec = editor.charts.iter().find(|c| c.form() == form);
        let spec = spec.unwrap_or_else(|| panic!("no {} chart", form.as_str()));
        assert!(default.chart(&spec.id).is_none(), "{} is not new", spec.id);
    }
}

#[test]
fn the_default_charts_are_drawn_in_their_forms_without_a_log_axis() {
    let [data, _] = datasets();
    let forms: Vec<(&str, &str)> = data
        .charts
        .iter()
        .map(|c| (c.id.as_str(), c.form().as_str()))
        .collect();
    assert_eq!(
        forms,
        [
            ("growth-2019", "bars"),
            ("pipeline-2019", "bars"),
            ("innovation-2019", "tiles"),
            ("services-2019", "tiles"),
            ("targets-2020", "units"),
            ("parks-2020", "areas"),
            ("growth-path", "path"),
            ("rankings", "ranks"),
        ]
    );
    every_layout(|_, chart, lang, _, l| {
        for text in l.texts() {
            assert!(
                !text.contains("对数") && !text.to_lowercase().contains("log scale"),
                "{chart} {lang:?}: {text}"
            );
        }
    });
}

#[test]
fn every_figure_of_a_chart_has_exactly_one_mark() {
    every_layout(|data, chart, _, _, l| {
        let mut expected: Vec<usize> = data.figures_of(chart).map(|(i, _)| i).collect();
        let mut got: Vec<usize> = l.marks.iter().map(|m| m.figure).collect();
        expected.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, expected, "{chart}");
    });
}

#[test]
fn each_marks_centre_hits_that_mark() {
    every_layout(|_, chart, lang, width, l| {
        for (i, m) in l.marks.iter().enumerate() {
            let (x, y) = m.hit.center();
            assert_eq!(
                hit(l, x, y),
                Some(i),
                "{chart} {lang:?} {width} hit centre of {i}"
            );
            let (x, y) = m.outline.center();
            assert_eq!(
                hit(l, x, y),
                Some(i),
                "{chart} {lang:?} {width} drawn centre of {i}"
            );
        }
    });
}

#[test]
fn marks_stay_inside_the_frame() {
    every_layout(|_, chart, lang, width, l| {
        let frame = Rect::new(0, 0, l.width_px, l.height_px);
        for (i, m) in l.marks.iter().enumerate() {
            for (what, r) in [("hit", m.hit), ("outline", m.outline)] {
                let inside = r.x >= frame.x
                    && r.y >= frame.y
                    && r.right() <= frame.right()
                    && r.bottom() <= frame.bottom();
                assert!(
                    inside,
                    "{chart} {lang:?} {width}: mark {i} {what} {r:?} outside {frame:?}"
                );
            }
        }
    });
}

#[test]
fn the_keyboard_reaches_every_mark_in_reading_order() {
    every_layout(|_, chart, _, width, l| {
        let mut seen = Vec::new();
        let mut current = None;
        for _ in 0..l.marks.len() {
            current = step(l, current, 1);
            seen.push(current.expect("a mark"));
        }
        assert_eq!(
            seen,
            (0..l.marks.len()).collect::<Vec<_>>(),
            "{chart} {width}"
        );
        assert_eq!(step(l, current, 1), Some(0), "{chart}: wraps");
        // Reading order: each mark starts below, or level with and right of, the one before.
        for pair in l.marks.windows(2) {
            let (a, b) = (pair[0].hit, pair[1].hit);
            assert!(
                b.y > a.y || (b.y == a.y && b.x > a.x),
                "{chart} {width}: {a:?} then {b:?}"
            );
        }
    });
}

#[test]
fn hit_areas_do_not_overlap_and_are_finger_sized() {
    every_layout(|_, chart, _, width, l| {
        for (i, a) in l.marks.iter().enumerate() {
            // WCAG 2.5.8: targets at least 24 × 24 CSS px.
            let min = (24.0 * l.scale).floor() as i32;
            assert!(
                a.hit.w >= min && a.hit.h >= min,
                "{chart} {width} mark {i}: {:?}",
                a.hit
            );
            for b in &l.marks[i + 1..] {
                assert!(
                    !a.hit.intersects(&b.hit),
                    "{chart} {width}: {:?} vs {:?}",
                    a.hit,
                    b.hit
                );
            }
        }
    });
}

#[test]
fn margins_and_gaps_hit_nothing() {
    every_layout(|_, chart, _, _, l| {
        let edge = (5.0 * l.scale) as i32;
        for y in (0..l.height_px).step_by(7) {
            assert_eq!(hit(l, edge, y), None, "{chart} left margin at y={y}");
            assert_eq!(
                hit(l, l.width_px - edge, y),
                None,
                "{chart} right margin at y={y}"
            );
        }
        for x in (0..l.width_px).step_by(11) {
            assert_eq!(hit(l, x, 2), None, "{chart} top margin");
            assert_eq!(hit(l, x, l.height_px - 2), None, "{chart} bottom margin");
        }
        // Between vertically stacked rows there is a gap that answers nothing.
        let mut rows: Vec<_> = l.marks.iter().map(|m| m.hit).collect();
        rows.sort_by_key(|r| (r.y, r.x));
        for pair in rows.windows(2) {
            if pair[1].y >= pair[0].bottom() && pair[0].x == pair[1].x {
                let gap_y = pair[0].bottom();
                assert_eq!(
                    hit(l, pair[0].center().0, gap_y),
                    None,
                    "{chart} gap at {gap_y}"
                );
            }
        }
    });
}

/// A text shape's box as the layout estimated it, with its text.
fn text_box(s: &Shape) -> Option<(Rect, &str)> {
    match s {
        Shape::Text { text, .. } => Some((s.text_box()?, text.as_str())),
        _ => None,
    }
}

#[test]
fn text_stays_inside_and_never_overlaps_other_text() {
    every_layout(|_, chart, lang, width, l| {
        let boxes: Vec<(Rect, &str)> = l.shapes.iter().filter_map(text_box).collect();
        for (r, text) in &boxes {
            assert!(
                r.x >= 0 && r.right() <= l.width_px && r.y >= 0 && r.bottom() <= l.height_px,
                "{chart} {lang:?} {width}: {text:?} spills: {r:?} in {}×{}",
                l.width_px,
                l.height_px
            );
        }
        for (i, (a, ta)) in boxes.iter().enumerate() {
            for (b, tb) in &boxes[i + 1..] {
                assert!(
                    !a.intersects(b),
                    "{chart} {lang:?} {width}: {ta:?} {a:?} overlaps {tb:?} {b:?}"
                );
            }
        }
    });
}

#[test]
fn every_mark_shows_its_label_or_short_label_and_value() {
    every_layout(|data, chart, lang, width, l| {
        let texts: Vec<&str> = l.texts().collect();
        // Wrapped labels are split across lines: compare without spaces and line breaks.
        let joined: String = texts.concat().chars().filter(|c| *c != ' ').collect();
        for m in &l.marks {
            let f = &data.figures[m.figure];
            let value = crate::describe::value(f, lang).replace(' ', "");
            assert!(
                joined.contains(&value) || f.unit.kind == UnitKind::Index,
                "{chart} {lang:?} {width}: value {value} of {:?} missing",
                f.id
            );
            let f = &data.figures[m.figure];
            let full = lang.pick(&f.label);
            let short = f.short.as_ref().map(|s| lang.pick(s));
            let shown = joined.contains(&full.replace(' ', ""));
            let shown = shown || short.is_some_and(|s| texts.contains(&s));
            // Index points label themselves by position on the axis and their value.
            let positional = f.unit.kind == UnitKind::Index;
            assert!(
                shown || positional,
                "{chart} {lang:?} {width}: {:?} missing",
                f.id
            );
        }
    });
}

#[test]
fn layouts_are_deterministic_and_scale_with_the_pixel_ratio() {
    let [data, _] = datasets();
    let theme = Theme::get(ThemeName::Light);
    for spec in &data.charts {
        let chart = spec.id.as_str();
        let one = layout(
            &data,
            chart,
            Lang::Zh,
            theme,
            Frame::new(400.0, 1.0).unwrap(),
        )
        .unwrap();
        let again = layout(
            &data,
            chart,
            Lang::Zh,
            theme,
            Frame::new(400.0, 1.0).unwrap(),
        )
        .unwrap();
        assert_eq!(one, again);
        let two = layout(
            &data,
            chart,
            Lang::Zh,
            theme,
            Frame::new(400.0, 2.0).unwrap(),
        )
        .unwrap();
        assert_eq!(two.width_px, 2 * one.width_px);
        // Rounding per element may move a line break; the design stays the same size.
        assert!(
            (two.height_px - 2 * one.height_px).abs() <= two.height_px / 20,
            "{chart} {} vs 2×{}",
            two.height_px,
            one.height_px
        );
        assert_eq!(one.marks.len(), two.marks.len());
    }
}

#[test]
fn narrow_columns_stack_labels_above_bars() {
    let data = Dataset::default_data().unwrap();
    let theme = Theme::get(ThemeName::Light);
    let wide = layout(
        &data,
        "pipeline-2019",
        Lang::En,
        theme,
        Frame::new(960.0, 1.0).unwrap(),
    )
    .unwrap();
    let narrow = layout(
        &data,
        "pipeline-2019",
        Lang::En,
        theme,
        Frame::new(320.0, 1.0).unwrap(),
    )
    .unwrap();
    assert!(narrow.height_px > wide.height_px);
}

#[test]
fn an_unknown_chart_in_the_dataset_is_a_clear_error() {
    let mut data = Dataset::default_data().unwrap();
    data.charts.retain(|c| c.id != "rankings");
    let e = layout(
        &data,
        "rankings",
        Lang::Zh,
        Theme::get(ThemeName::Light),
        Frame::new(320.0, 1.0).unwrap(),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("unknown chart \"rankings\"; known charts: growth-2019, pipeline-2019"),
        "{e}"
    );
}

/// `paint` draws every shape before any text (texts grouped by font, which the canvas
/// parses at each change): right only if no shape that comes after a text in the layout
/// lies over it.
#[test]
fn no_shape_is_drawn_over_an_earlier_text() {
    let bounds = |s: &Shape| -> Option<Rect> {
        match s {
            Shape::Fill { rect, .. } | Shape::Stroke { rect, .. } | Shape::Hatch { rect, .. } => {
                Some(*rect)
            }
            Shape::Circle {
                center, radius_px, ..
            } => Some(Rect::new(
                center.0 - radius_px,
                center.1 - radius_px,
                2 * radius_px,
                2 * radius_px,
            )),
            // Lines are checked point by point below.
            Shape::Line { .. } | Shape::Text { .. } => None,
        }
    };
    // A line crosses a box if a point along it, every pixel, lies inside.
    let crosses = |points: &[(i32, i32)], b: &Rect| {
        points.windows(2).any(|w| {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            let n = (x1 - x0).abs().max((y1 - y0).abs()).max(1);
            (0..=n).any(|k| {
                let x = x0 + (x1 - x0) * k / n;
                let y = y0 + (y1 - y0) * k / n;
                b.contains(x, y)
            })
        })
    };
    every_layout(|_, chart, lang, _, l| {
        for (i, text) in l.shapes.iter().enumerate() {
            let Some(tb) = text.text_box() else { continue };
            for later in &l.shapes[i + 1..] {
                let over = match later {
                    Shape::Line { points, .. } => crosses(points, &tb),
                    other => bounds(other).is_some_and(|b| b.intersects(&tb)),
                };
                assert!(
                    !over,
                    "{chart} {lang:?}: {later:?} is drawn over the text {text:?}"
                );
            }
        }
    });
}

/// A page may draw a chart over several tasks (`drawPart`, the parts of `Part::SEQUENCE`):
/// the parts together paint exactly what one `draw` does, for every chart (compared as SVG).
#[test]
#[cfg(not(target_arch = "wasm32"))] // SVG output is native (and the editor's)
fn the_parts_of_a_drawing_paint_what_one_call_paints() {
    use crate::paint::{paint_part, Part, Target};
    use plotters::prelude::IntoDrawingArea;
    use plotters_svg::SVGBackend;
    let svg = |l: &Layout, parts: &[Part]| {
        let mut out = String::new();
        {
            let size = (l.width_px.max(1) as u32, l.height_px.max(1) as u32);
            let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
            for &part in parts {
                paint_part(&area, &l.shapes, Some(l.background), Target::SVG, part).unwrap();
            }
        }
        out
    };
    every_layout(|_, chart, lang, width, l| {
        // (The SVG backend closes its document once, at the first call's end; a canvas
        // just keeps its pixels. Compared without the closing tag.)
        let body = |parts: &[Part]| svg(l, parts).replace("</svg>\n", "");
        let parts = body(&Part::SEQUENCE);
        assert!(
            parts.contains("<text"),
            "{chart} {lang:?} {width}: texts painted"
        );
        assert_eq!(parts, body(&[Part::All]), "{chart} {lang:?} {width}");
    });
}

/// embed.js loads `FONTS_CSS` before the first texts of a page of several charts (their
/// first use costs a task's budget on a phone): every text of every layout is in one of
/// them, or is a big number `tiles` shrank to fit (bold, between the label's size and its
/// own).
#[test]
fn texts_use_the_fonts_embed_js_loads() {
    use crate::paint::FONTS_CSS;
    use crate::theme::size_css;
    every_layout(|_, chart, lang, width, l| {
        for shape in &l.shapes {
            if let Shape::Text { size_px, bold, .. } = shape {
                let css = (f64::from(*size_px) / l.scale).round() as i32;
                let shrunk = *bold && css > size_css::LABEL as i32 && css < size_css::NUMBER as i32;
                assert!(
                    FONTS_CSS.contains(&(css, *bold)) || shrunk,
                    "{chart} {lang:?} {width}: a text at {css} px, bold {bold}"
                );
            }
        }
    });
}

//! Layout invariants for every chart of the default dataset and of an editor's dataset
//! with a new chart id in each form, in both languages and themes, at widths from 320 to
//! 960 px and pixel ratios 1 and 2: each figure has one mark; each mark's centre hits that
//! mark; hit areas never overlap; marks stay inside the frame; margins and gaps hit
//! nothing; no text spills out of the drawing or overlaps other text; the keyboard reaches
//! every mark.

use super::*;
use crate::data::AnnotationKind;
use crate::data::Dataset;
use crate::hit::{hit, step};
use crate::layout::HAlign;
use crate::layout::{Mark, Rect, Shape};
use crate::theme::{Rgb, ThemeName};
use crate::vocab::{Kind, UnitKind};

const WIDTHS_CSS: [f64; 5] = [320.0, 375.0, 480.0, 720.0, 960.0];

/// An editor's dataset (not the default): new chart ids, one chart in each form.
const EDITOR_JSON: &str = include_str!("../../tests/fixtures/forms.json");
/// An editor's dataset with annotations: every kind, notes in every form.
const ANNOTATED_JSON: &str = include_str!("../../tests/fixtures/annotations.json");

fn datasets() -> [Dataset; 2] {
    [
        Dataset::default_data().expect("default dataset"),
        Dataset::from_json(EDITOR_JSON).expect("editor's dataset"),
    ]
}

fn annotated() -> Dataset {
    Dataset::from_json(ANNOTATED_JSON).expect("annotated dataset")
}

fn every_layout(check: impl FnMut(&Dataset, &str, Lang, f64, &Layout)) {
    let [default, editor] = datasets();
    layouts_of(&[default, editor, annotated()], check);
}

fn layouts_of(datasets: &[Dataset], mut check: impl FnMut(&Dataset, &str, Lang, f64, &Layout)) {
    for data in datasets {
        for spec in &data.charts {
            let chart = spec.id.as_str();
            for lang in [Lang::Zh, Lang::En] {
                for theme in [ThemeName::Light, ThemeName::Dark] {
                    for width in WIDTHS_CSS {
                        for dpr in [1.0, 2.0] {
                            let frame = Frame::new(width, dpr).unwrap();
                            let l = layout(data, chart, lang, Theme::get(theme), frame)
                                .unwrap_or_else(|e| panic!("{chart} {lang:?} {width}: {e}"));
                            check(data, chart, lang, width * dpr, &l);
                        }
                    }
                }
            }
        }
    }
}

/// A form added to `vocab::forms!` but not here does not compile (`FORMS` has the enum's
/// length); this says what else a new form needs.
#[test]
fn the_registry_lists_each_form_in_the_enums_order_from_its_own_file() {
    use crate::vocab::FORM_NAMES;
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (k, (def, &(name, form))) in FORMS.iter().zip(FORM_NAMES.iter()).enumerate() {
        assert_eq!(
            def.form, form,
            "FORMS[{k}] is {:?}: rows go in the order of vocab::forms! ({name} here)",
            def.form
        );
        let file = format!("{}/src/charts/{name}.rs", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|_| panic!("form {name} is declared in {file}, which is missing"));
        let declares = format!("form: Form::{form:?},");
        assert!(
            text.contains(&declares),
            "{file} declares `FORM` ({declares})"
        );
        let words = [def.label.0, def.label.1, def.for_.0, def.for_.1];
        assert!(
            words.iter().all(|w| !w.is_empty()),
            "{name}: the editor's words"
        );
        assert!(!seen.contains(&def.label), "{name}: a label of its own");
        seen.push(def.label);
    }
    assert_eq!(FORMS.len(), FORM_NAMES.len());
}

#[test]
fn the_editors_dataset_has_a_new_chart_in_every_form() {
    let [default, editor] = datasets();
    for def in &super::FORMS {
        let spec = editor.charts.iter().find(|c| c.form() == def.form);
        let spec = spec.unwrap_or_else(|| panic!("no {} chart", def.name()));
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
        let figures = l.marks.iter().filter(|m| m.annotation.is_none());
        let mut got: Vec<usize> = figures.map(|m| m.figure).collect();
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
        // Reading order: each figure's mark starts below, or level with and right of, the
        // one before; a line's or band's label comes after the figure it is read after.
        let figures: Vec<&Mark> = l.marks.iter().filter(|m| m.annotation.is_none()).collect();
        for pair in figures.windows(2) {
            let (a, b) = (pair[0].hit, pair[1].hit);
            assert!(
                b.y > a.y || (b.y == a.y && b.x > a.x),
                "{chart} {width}: {a:?} then {b:?}"
            );
        }
        for (i, m) in l
            .marks
            .iter()
            .enumerate()
            .filter(|(_, m)| m.annotation.is_some())
        {
            let after = l.marks[..i]
                .iter()
                .position(|o| o.annotation.is_none() && o.figure == m.figure);
            assert!(
                after.is_some(),
                "{chart} {width}: label {i} before its figure"
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
            // Figures' areas apart, labels' areas apart (a label may lie over a figure's
            // area, and answers first: `each_marks_centre_hits_that_mark`).
            for b in &l.marks[i + 1..] {
                assert!(
                    a.annotation.is_some() != b.annotation.is_some() || !a.hit.intersects(&b.hit),
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
        for m in l.marks.iter().filter(|m| m.annotation.is_none()) {
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
    use plotters_svg::SVGBackend;
    let svg = |l: &Layout, parts: &[Part]| {
        let mut out = String::new();
        {
            let size = (l.width_px.max(1) as u32, l.height_px.max(1) as u32);
            let mut backend = SVGBackend::with_string(&mut out, size);
            for &part in parts {
                paint_part(
                    &mut backend,
                    &l.shapes,
                    Some(l.background),
                    Target::SVG,
                    part,
                )
                .unwrap();
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

/// The design's colours, restated here as the spec (light theme): each kind's, and the grey
/// of the marks a highlight passes by.
const LIGHT_KIND: [(Kind, Rgb); 3] = [
    (Kind::Actual, Rgb(0x00, 0x72, 0xb2)),
    (Kind::Plan, Rgb(0xd5, 0x5e, 0x00)),
    (Kind::Aim, Rgb(0x1b, 0x5e, 0x20)),
];
const LIGHT_FADED: Rgb = Rgb(0x8c, 0x8c, 0x8c);

/// Every text a layout draws, joined without spaces (wrapped texts are split over lines).
fn joined(l: &Layout) -> String {
    l.texts().collect::<String>().replace(' ', "")
}

/// Every annotation is drawn where readers meet it, in both languages and at every width:
/// a line's or band's label is a mark of its own (read after a figure of its axis), a
/// note's text sits inside its figure's hover area (hovering it shows the figure with its
/// note), and a highlight leaves its figures their colour while every other mark is grey.
#[test]
fn every_annotation_is_drawn_where_readers_meet_it() {
    let data = [annotated(), Dataset::default_data().unwrap()];
    layouts_of(&data, |data, chart, lang, width, l| {
        let spec = data.chart(chart).unwrap();
        let at = format!("{chart} {lang:?} {width}");
        let marks_of = |k| l.marks.iter().filter(|m| m.annotation == Some(k)).count();
        let highlighted: Vec<usize> = (spec.annotations.iter())
            .filter(|a| a.kind == AnnotationKind::Highlight)
            .flat_map(|a| a.figures.iter())
            .filter_map(|id| data.figures.iter().position(|f| f.id == *id))
            .collect();
        for (k, a) in spec.annotations.iter().enumerate() {
            let text = lang.pick(&a.label).replace(' ', "");
            match a.kind {
                AnnotationKind::Line | AnnotationKind::Band => {
                    assert_eq!(marks_of(k), 1, "{at}: annotation {k}'s label mark");
                    assert!(joined(l).contains(&text), "{at}: {text} drawn");
                }
                AnnotationKind::Note => {
                    assert_eq!(marks_of(k), 0, "{at}: a note is part of its figure");
                    assert!(joined(l).contains(&text), "{at}: {text} drawn");
                    let figure = data.figures.iter().position(|f| a.figures[0] == f.id);
                    let m = l.marks.iter().find(|m| Some(m.figure) == figure).unwrap();
                    for r in note_boxes(l, lang.pick(&a.label)) {
                        assert!(inside(r, m.hit), "{at}: note {r:?} outside {:?}", m.hit);
                    }
                }
                AnnotationKind::Highlight => {}
            }
        }
        if highlighted.is_empty() || l.scale != 1.0 || !l.background.eq(&Rgb(255, 255, 255)) {
            return;
        }
        for m in l.marks.iter().filter(|m| m.annotation.is_none()) {
            let f = &data.figures[m.figure];
            let kind = LIGHT_KIND.iter().find(|(k, _)| *k == f.kind).unwrap().1;
            if highlighted.contains(&m.figure) {
                assert_ne!(m.color, LIGHT_FADED, "{at}: {} highlighted", f.id);
            } else {
                assert_eq!(m.color, LIGHT_FADED, "{at}: {} muted", f.id);
                assert_ne!(m.color, kind);
            }
        }
    });
}

fn inside(r: Rect, outer: Rect) -> bool {
    r.x >= outer.x && r.y >= outer.y && r.right() <= outer.right() && r.bottom() <= outer.bottom()
}

/// The boxes of the text shapes that make up `text` (a note wrapped over lines): the run
/// of consecutive texts whose concatenation is it.
fn note_boxes(l: &Layout, text: &str) -> Vec<Rect> {
    let texts: Vec<(Rect, &str)> = l.shapes.iter().filter_map(text_box).collect();
    let want = text.replace(' ', "");
    for start in 0..texts.len() {
        let mut run = String::new();
        for (end, (_, t)) in texts.iter().enumerate().skip(start) {
            run.push_str(&t.replace(' ', ""));
            if run == want {
                return texts[start..=end].iter().map(|(r, _)| *r).collect();
            }
            if !want.starts_with(&run) {
                break;
            }
        }
    }
    panic!("{text:?} is not drawn");
}

/// A note is set beside its mark: clear of every other text (`text_stays_inside…`) and of
/// every mark drawn, at every width from 320 px, in both languages.
#[test]
fn notes_clear_every_mark() {
    layouts_of(
        &[annotated(), Dataset::default_data().unwrap()],
        |data, chart, lang, width, l| {
            let spec = data.chart(chart).unwrap();
            for a in spec
                .annotations
                .iter()
                .filter(|a| a.kind == AnnotationKind::Note)
            {
                for r in note_boxes(l, lang.pick(&a.label)) {
                    for m in &l.marks {
                        let o = m.outline;
                        assert!(
                            !r.intersects(&o),
                            "{chart} {lang:?} {width}: {r:?} on {o:?}"
                        );
                    }
                }
            }
        },
    );
}

/// Where the tick label `text` is anchored (ticks are centred or right-aligned).
fn at(l: &Layout, text: &str) -> (i32, i32) {
    let tick = l.shapes.iter().find_map(|s| match s {
        Shape::Text { text: t, at, h, .. } if t == text && *h != HAlign::Left => Some(*at),
        _ => None,
    });
    tick.unwrap_or_else(|| panic!("tick {text}"))
}

/// The points of every dashed line in the text colour: the annotations' rules.
fn dashed(l: &Layout) -> Vec<Vec<(i32, i32)>> {
    (l.shapes.iter())
        .filter_map(|s| match s {
            Shape::Line {
                points,
                color,
                dash_px: Some(_),
                ..
            } if *color == Rgb(0x1f, 0x1f, 0x1f) => Some(points.clone()),
            _ => None,
        })
        .collect()
}

/// A line and a band lie at their values on the axis the tick labels read: the rates
/// chart's average (9.3 %) between the ticks 5 and 10, its band from 0 to 5 (and the
/// built-in path's doubling at index 200 and its five-year goal at the fifth step, below).
#[test]
fn lines_and_bands_lie_at_their_values() {
    let theme = Theme::get(ThemeName::Light);
    let data = annotated();
    for width in WIDTHS_CSS {
        let l = layout(
            &data,
            "rates-2019",
            Lang::En,
            theme,
            Frame::new(width, 1.0).unwrap(),
        )
        .unwrap();
        let (x5, x10) = (at(&l, "5").0, at(&l, "10").0);
        let x = dashed(&l)[0][0].0;
        let expected = x5 + ((x10 - x5) as f64 * 4.3 / 5.0).round() as i32;
        assert!(
            (x - expected).abs() <= 1,
            "{width}: line at {x}, 9.3 is at {expected}"
        );
        let band = l.shapes.iter().find_map(|s| match s {
            Shape::Fill { rect, color } if *color == Rgb(0xee, 0xee, 0xee) => Some(*rect),
            _ => None,
        });
        let band = band.expect("the band's shade");
        assert!(
            (band.x - at(&l, "0").0).abs() <= 1 && (band.right() - x5).abs() <= 1,
            "{band:?}"
        );
    }
}

#[test]
fn the_growth_paths_goals_lie_at_index_200_and_the_fifth_step() {
    let theme = Theme::get(ThemeName::Light);
    let data = Dataset::default_data().unwrap();
    let l = layout(
        &data,
        "growth-path",
        Lang::Zh,
        theme,
        Frame::new(375.0, 1.0).unwrap(),
    )
    .unwrap();
    let (y100, y200) = (at(&l, "100").1, at(&l, "200").1);
    let lines = dashed(&l);
    assert!(
        lines.iter().any(|p| p[0].1 == y200 && p[1].1 == y200),
        "the doubling at 200"
    );
    assert!(y100 > y200);
    let x5 = at(&l, "第5年").0;
    assert!(
        lines.iter().any(|p| p[0].0 == x5 && p[1].0 == x5),
        "the goal at the fifth step"
    );
}

/// The built-in story annotates where the article does: the first quarter of 2020, which
/// grew against the epidemic, highlighted among 2019's rates with its note; the doubling
/// goal (derived: index 200) and the five-year goal as labelled lines on the growth path.
#[test]
fn the_built_in_story_annotates_where_the_article_does() {
    let data = Dataset::default_data().unwrap();
    let kinds = |chart: &str| -> Vec<AnnotationKind> {
        data.chart(chart)
            .unwrap()
            .annotations
            .iter()
            .map(|a| a.kind)
            .collect()
    };
    assert_eq!(
        kinds("growth-2019"),
        [AnnotationKind::Highlight, AnnotationKind::Note]
    );
    let growth = &data.chart("growth-2019").unwrap().annotations;
    assert_eq!(growth[0].figures, ["ngit-output-growth-2020q1"]);
    assert_eq!(growth[1].figures, ["ngit-output-growth-2020q1"]);
    assert_eq!(
        kinds("growth-path"),
        [AnnotationKind::Line, AnnotationKind::Line]
    );
    let path = &data.chart("growth-path").unwrap().annotations;
    assert_eq!(
        (path[0].from, path[0].label.zh.contains("推算")),
        (200.0, true)
    );
    assert_eq!(
        (path[1].axis, path[1].from),
        (crate::data::Axis::Period, 5.0)
    );
    for spec in &data.charts {
        let others = ["growth-2019", "growth-path"];
        assert!(others.contains(&spec.id.as_str()) || spec.annotations.is_empty());
    }
}

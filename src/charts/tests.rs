//! Layout invariants for every chart, language, theme, width and pixel ratio: each figure
//! has one mark; each mark's centre hits that mark; hit areas never overlap; margins and
//! gaps hit nothing; no text spills out of the drawing or overlaps other text.

use super::*;
use crate::data::Dataset;
use crate::hit::hit;
use crate::layout::Shape;
use crate::theme::ThemeName;

const WIDTHS_CSS: [f64; 4] = [320.0, 480.0, 720.0, 960.0];

fn every_layout(mut check: impl FnMut(&Dataset, ChartId, Lang, f64, &Layout)) {
    let data = Dataset::default_data().expect("default dataset");
    for chart in ChartId::ALL {
        for lang in [Lang::Zh, Lang::En] {
            for theme in [ThemeName::Light, ThemeName::Dark] {
                for width in WIDTHS_CSS {
                    for dpr in [1.0, 2.0] {
                        let frame = Frame::new(width, dpr).unwrap();
                        let l = layout(&data, chart, lang, Theme::get(theme), frame)
                            .unwrap_or_else(|e| panic!("{chart:?} {lang:?} {width}: {e}"));
                        check(&data, chart, lang, width, &l);
                    }
                }
            }
        }
    }
}

#[test]
fn every_figure_of_a_chart_has_exactly_one_mark() {
    every_layout(|data, chart, _, _, l| {
        let mut expected: Vec<usize> = data.figures_of(chart.as_str()).map(|(i, _)| i).collect();
        let mut got: Vec<usize> = l.marks.iter().map(|m| m.figure).collect();
        expected.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, expected, "{chart:?}");
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
                "{chart:?} {lang:?} {width} hit centre of {i}"
            );
            let (x, y) = m.outline.center();
            assert_eq!(
                hit(l, x, y),
                Some(i),
                "{chart:?} {lang:?} {width} drawn centre of {i}"
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
                "{chart:?} {width} mark {i}: {:?}",
                a.hit
            );
            for b in &l.marks[i + 1..] {
                assert!(
                    !a.hit.intersects(&b.hit),
                    "{chart:?} {width}: {:?} vs {:?}",
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
            assert_eq!(hit(l, edge, y), None, "{chart:?} left margin at y={y}");
            assert_eq!(
                hit(l, l.width_px - edge, y),
                None,
                "{chart:?} right margin at y={y}"
            );
        }
        for x in (0..l.width_px).step_by(11) {
            assert_eq!(hit(l, x, 2), None, "{chart:?} top margin");
            assert_eq!(hit(l, x, l.height_px - 2), None, "{chart:?} bottom margin");
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
                    "{chart:?} gap at {gap_y}"
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
                "{chart:?} {lang:?} {width}: {text:?} spills: {r:?} in {}×{}",
                l.width_px,
                l.height_px
            );
        }
        for (i, (a, ta)) in boxes.iter().enumerate() {
            for (b, tb) in &boxes[i + 1..] {
                assert!(
                    !a.intersects(b),
                    "{chart:?} {lang:?} {width}: {ta:?} {a:?} overlaps {tb:?} {b:?}"
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
            let full = lang.pick(&f.label);
            let short = f.short.as_ref().map(|s| lang.pick(s));
            let shown = joined.contains(&full.replace(' ', ""));
            let shown = shown || short.is_some_and(|s| texts.contains(&s));
            // Index points label themselves by position on the axis and their value.
            let positional = f.unit == crate::data::Unit::Index;
            assert!(
                shown || positional,
                "{chart:?} {lang:?} {width}: {:?} missing",
                f.id
            );
        }
    });
}

#[test]
fn layouts_are_deterministic_and_scale_with_the_pixel_ratio() {
    let data = Dataset::default_data().unwrap();
    let theme = Theme::get(ThemeName::Light);
    for chart in ChartId::ALL {
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
            "{chart:?} {} vs 2×{}",
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
        ChartId::Pipeline2019,
        Lang::En,
        theme,
        Frame::new(960.0, 1.0).unwrap(),
    )
    .unwrap();
    let narrow = layout(
        &data,
        ChartId::Pipeline2019,
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
        ChartId::Rankings,
        Lang::Zh,
        Theme::get(ThemeName::Light),
        Frame::new(320.0, 1.0).unwrap(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "charts: this dataset has no chart \"rankings\""
    );
}

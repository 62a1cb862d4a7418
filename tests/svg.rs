//! The native SVG output: every chart of the default dataset and every form of an editor's
//! dataset with new chart ids, both languages, both themes, renders, is well-formed enough
//! to carry its accessible name, and contains each mark's label and value.
#![cfg(not(target_arch = "wasm32"))]

use park_infographic::data::{Dataset, Unit};
use park_infographic::describe;
use park_infographic::svg::{escape, render};
use park_infographic::theme::{Theme, ThemeName};
use park_infographic::vocab::{Form, Lang};

const EDITOR_JSON: &str = include_str!("fixtures/forms.json");

#[test]
fn every_chart_renders_to_svg_with_every_marks_label() {
    every_chart_renders(&Dataset::default_data().unwrap());
}

#[test]
fn every_form_renders_to_svg_for_an_editors_new_chart_ids() {
    let data = Dataset::from_json(EDITOR_JSON).unwrap();
    for form in Form::ALL {
        assert!(data.charts.iter().any(|c| c.form() == form), "{form:?}");
    }
    every_chart_renders(&data);
}

fn every_chart_renders(data: &Dataset) {
    for spec in &data.charts {
        let chart = spec.id.as_str();
        for lang in [Lang::Zh, Lang::En] {
            for theme in [ThemeName::Light, ThemeName::Dark] {
                let (svg, layout) = render(data, chart, lang, Theme::get(theme), 640.0).unwrap();
                assert!(svg.starts_with("<svg"), "{chart}");
                assert!(svg.trim_end().ends_with("</svg>"), "{chart}");
                let title = lang.pick(&spec.title);
                assert!(svg.contains(&format!("<title>{}</title>", escape(title))));
                assert!(svg.contains(&format!("height=\"{}\"", layout.height_px)));
                // Every text of the layout is in the SVG, escaped, as one <text> element.
                for t in layout.texts() {
                    assert!(
                        svg.contains(&format!(">\n{}\n</text>", escape(t))),
                        "{chart}: {t}"
                    );
                }
                // Labels may wrap and a tile sets its number apart from its words: compare
                // the SVG's texts joined, without spaces.
                let joined: String = layout
                    .texts()
                    .map(escape)
                    .collect::<String>()
                    .replace(' ', "");
                for m in &layout.marks {
                    let f = &data.figures[m.figure];
                    let label = escape(lang.pick(&f.label)).replace(' ', "");
                    let short = f
                        .short
                        .as_ref()
                        .map(|s| escape(lang.pick(s)).replace(' ', ""));
                    let value = escape(&describe::value(f, lang)).replace(' ', "");
                    let has_label = joined.contains(&label)
                        || short.is_some_and(|s| joined.contains(&s))
                        || f.unit == Unit::Index;
                    assert!(has_label, "{chart} {lang:?}: label of {}", f.id);
                    assert!(
                        joined.contains(&value) || f.unit == Unit::Index,
                        "{chart} {lang:?}: value {value} of {}",
                        f.id
                    );
                }
            }
        }
    }
}

#[test]
fn markup_in_labels_is_escaped_not_injected() {
    let json = park_infographic::data::DEFAULT_JSON.replacen(
        "\"固定资产投资增速\"",
        "\"<img src=x onerror=alert(1)></script>\"",
        1,
    );
    let data = Dataset::from_json(&json).unwrap();
    let (svg, _) = render(
        &data,
        "growth-2019",
        Lang::Zh,
        Theme::get(ThemeName::Light),
        960.0,
    )
    .unwrap();
    assert!(!svg.contains("<img"));
    assert!(!svg.contains("</script>"));
    assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;"));
}

//! The native SVG output: every chart, both languages, both themes renders, is well-formed
//! enough to carry its accessible name, and contains each mark's label.
#![cfg(not(target_arch = "wasm32"))]

use park_infographic::charts::ChartId;
use park_infographic::data::Dataset;
use park_infographic::format::Lang;
use park_infographic::svg::{escape, render};
use park_infographic::theme::{Theme, ThemeName};

#[test]
fn every_chart_renders_to_svg_with_every_marks_label() {
    let data = Dataset::default_data().unwrap();
    for chart in ChartId::ALL {
        for lang in [Lang::Zh, Lang::En] {
            for theme in [ThemeName::Light, ThemeName::Dark] {
                let (svg, layout) = render(&data, chart, lang, Theme::get(theme), 640.0).unwrap();
                assert!(svg.starts_with("<svg"), "{chart:?}");
                assert!(svg.trim_end().ends_with("</svg>"), "{chart:?}");
                let title = lang.pick(&data.chart(chart.as_str()).unwrap().title);
                assert!(svg.contains(&format!("<title>{}</title>", escape(title))));
                assert!(svg.contains(&format!("height=\"{}\"", layout.height_px)));
                let text: String = svg.chars().filter(|c| *c != ' ').collect();
                for m in &layout.marks {
                    let f = &data.figures[m.figure];
                    let label = escape(lang.pick(&f.label)).replace(' ', "");
                    let short = f
                        .short
                        .as_ref()
                        .map(|s| escape(lang.pick(s)).replace(' ', ""));
                    let value = escape(&park_infographic::format::value(f, lang)).replace(' ', "");
                    let has_label = text.contains(&label)
                        || short.is_some_and(|s| text.contains(&s))
                        || f.unit == park_infographic::data::Unit::Index;
                    assert!(has_label, "{chart:?} {lang:?}: label of {}", f.id);
                    assert!(
                        text.contains(&value) || f.unit == park_infographic::data::Unit::Index,
                        "{chart:?} {lang:?}: value {value} of {}",
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
        ChartId::Growth2019,
        Lang::Zh,
        Theme::get(ThemeName::Light),
        960.0,
    )
    .unwrap();
    assert!(!svg.contains("<img"));
    assert!(!svg.contains("</script>"));
    assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;"));
}

//! The same charts as SVG, natively: for print, the no-script fallback and snapshot tests.

use crate::charts;
use crate::data::Dataset;
use crate::error::Error;
use crate::layout::{Frame, Layout};
use crate::paint::{paint, Target};
use crate::theme::Theme;
use crate::vocab::Lang;
use plotters::prelude::IntoDrawingArea;
use plotters_svg::SVGBackend;

/// Renders a chart at `width_css` (pixel ratio 1) to an SVG document with an accessible
/// name and description.
pub fn render(
    data: &Dataset,
    chart: &str,
    lang: Lang,
    theme: Theme,
    width_css: f64,
) -> Result<(String, Layout), Error> {
    let layout = charts::layout(data, chart, lang, theme, Frame::new(width_css, 1.0)?)?;
    let mut out = String::new();
    {
        let size = (
            layout.width_px.max(1) as u32,
            layout.height_px.max(1) as u32,
        );
        let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
        paint(&area, &layout.shapes, Some(layout.background), Target::SVG)?;
    }
    let spec = data.chart(chart);
    let title = spec.map_or("", |s| lang.pick(&s.title));
    let desc = spec.map_or("", |s| lang.pick(&s.description));
    let head = format!(
        " role=\"img\" lang=\"{}\"><title>{}</title><desc>{}</desc>",
        match lang {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        },
        escape(title),
        escape(desc)
    );
    // Insert the accessible name right after `<svg …`; plotters writes no title of its own.
    let svg = match out.find('>') {
        Some(i) => format!("{}{}{}", &out[..i], head, &out[i + 1..]),
        None => out,
    };
    Ok((svg, layout))
}

/// XML text escaping, the same rules plotters-svg applies to the labels it writes.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

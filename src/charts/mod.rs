//! The charts. Each file lays out one chart from the dataset, returning where every mark
//! sits and what to paint; `paint.rs` paints it on any plotters backend (canvas or SVG).
//! Titles, the note, the derived-figure key and the source line are common to all charts
//! and live here.

mod growth_2019;
mod growth_path;
mod innovation_2019;
mod parks_2020;
mod parts;
mod pipeline_2019;
mod rankings;
mod services_2019;
mod targets_2020;

use crate::data::{Dataset, Figure};
use crate::error::Error;
use crate::format::Lang;
use crate::layout::{Builder, Frame, Layout, Rect};
use crate::theme::{size_css, Theme};

/// The charts the widget can draw, in the order the whole infographic shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartId {
    Growth2019,
    Pipeline2019,
    Innovation2019,
    Services2019,
    Targets2020,
    Parks2020,
    GrowthPath,
    Rankings,
}

impl ChartId {
    pub const ALL: [ChartId; 8] = [
        ChartId::Growth2019,
        ChartId::Pipeline2019,
        ChartId::Innovation2019,
        ChartId::Services2019,
        ChartId::Targets2020,
        ChartId::Parks2020,
        ChartId::GrowthPath,
        ChartId::Rankings,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ChartId::Growth2019 => "growth-2019",
            ChartId::Pipeline2019 => "pipeline-2019",
            ChartId::Innovation2019 => "innovation-2019",
            ChartId::Services2019 => "services-2019",
            ChartId::Targets2020 => "targets-2020",
            ChartId::Parks2020 => "parks-2020",
            ChartId::GrowthPath => "growth-path",
            ChartId::Rankings => "rankings",
        }
    }

    pub fn parse(s: &str) -> Result<ChartId, Error> {
        ChartId::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| Error::UnknownChart(s.to_string()))
    }
}

/// What a chart's body is laid out from.
pub struct Ctx<'a> {
    pub data: &'a Dataset,
    pub spec: &'a crate::data::ChartSpec,
    /// The chart's figures with their indices into `data.figures`, in display order.
    pub figures: Vec<(usize, &'a Figure)>,
}

impl<'a> Ctx<'a> {
    /// Figures of one group (panel), in order.
    pub fn group(&self, group: &str) -> Vec<(usize, &'a Figure)> {
        self.figures
            .iter()
            .copied()
            .filter(|(_, f)| f.group.as_deref() == Some(group))
            .collect()
    }
}

/// Lays out `chart` at `frame`: title, body, note, legend and source line.
pub fn layout(
    data: &Dataset,
    chart: ChartId,
    lang: Lang,
    theme: Theme,
    frame: Frame,
) -> Result<Layout, Error> {
    let spec = data.chart(chart.as_str()).ok_or_else(|| {
        Error::invalid(
            "charts",
            format!("this dataset has no chart \"{}\"", chart.as_str()),
        )
    })?;
    let ctx = Ctx {
        data,
        spec,
        figures: data.figures_of(chart.as_str()).collect(),
    };
    let mut b = Builder::new(frame, theme, lang);
    b.paragraph(lang.pick(&spec.title), size_css::TITLE, theme.text, true);
    b.gap(6.0);
    match chart {
        ChartId::Growth2019 => growth_2019::layout(&mut b, &ctx),
        ChartId::Pipeline2019 => pipeline_2019::layout(&mut b, &ctx),
        ChartId::Innovation2019 => innovation_2019::layout(&mut b, &ctx),
        ChartId::Services2019 => services_2019::layout(&mut b, &ctx),
        ChartId::Targets2020 => targets_2020::layout(&mut b, &ctx),
        ChartId::Parks2020 => parks_2020::layout(&mut b, &ctx),
        ChartId::GrowthPath => growth_path::layout(&mut b, &ctx),
        ChartId::Rankings => rankings::layout(&mut b, &ctx),
    }
    footer(&mut b, &ctx);
    Ok(b.finish())
}

/// Note, the derived-figure key (when the chart shows any), and the source line.
fn footer(b: &mut Builder, ctx: &Ctx) {
    let lang = b.lang;
    let theme = b.theme;
    b.gap(4.0);
    if let Some(note) = &ctx.spec.note {
        b.paragraph(lang.pick(note), size_css::SMALL, theme.muted, false);
        b.gap(2.0);
    }
    if ctx.figures.iter().any(|(_, f)| f.derived.is_some()) {
        let swatch = Rect::new(b.left(), b.y + b.px(1.0), b.px(18.0), b.px(11.0));
        b.bar(swatch, theme.muted, true);
        let key = match lang {
            Lang::Zh => "斜纹或空心：由文中数字推算，非原文直接给出",
            Lang::En => "Striped or hollow: derived from stated figures, not stated directly",
        };
        let indent = swatch.w + b.px(6.0);
        b.paragraph_indented(indent, key, size_css::SMALL, theme.muted, false);
        b.gap(2.0);
    }
    let source = match lang {
        Lang::Zh => format!("来源：{}", ctx.data.source.title.zh),
        Lang::En => format!("Source: {}", ctx.data.source.title.en),
    };
    b.paragraph(&source, size_css::SMALL, theme.muted, false);
}

#[cfg(test)]
mod tests;

//! The forms. A chart is data: its spec names a form (and each panel may name its own), and
//! the registry below lists each form's declaration (`FORM` in its file: the editor's words
//! for it, which figures it draws itself, its layout). A new form is its variant and JSON
//! name in `vocab::forms!`, one file and one row in `FORMS`; a new chart is a spec in the
//! dataset, no code.
//!
//! Every form returns where each mark sits and what to paint; `paint.rs` paints it on any
//! plotters backend (canvas or SVG). Titles, panel headings, the note, the derived-figure
//! key and the source line are common to all forms and live here.

mod areas;
mod bars;
mod common;
mod guides;
mod path;
mod ranks;
mod rows;
mod share;
mod suggest;
mod tiles;
mod units;

pub use suggest::suggest;

use crate::data::{Annotation, AnnotationKind, ChartSpec, Dataset, Figure};
use crate::error::Error;
use crate::layout::{Builder, Frame, Layout, Rect};
use crate::theme::{size_css, Theme};
use crate::vocab::{Form, Lang};

/// The figures one form lays out: a whole chart, or one panel of it.
pub struct Panel<'a> {
    pub data: &'a Dataset,
    /// Figures with their indices into `data.figures`, in display order.
    pub figures: Vec<(usize, &'a Figure)>,
    /// The chart's annotations: the lines and bands its axes may take.
    pub annotations: &'a [Annotation],
}

impl<'a> Panel<'a> {
    /// Splits off the figures a form can draw; the rest are drawn as tiles.
    pub fn split(&self, fits: Accepts) -> (Panel<'a>, Panel<'a>) {
        let mut yes = Panel {
            figures: Vec::new(),
            ..*self
        };
        let mut no = Panel {
            figures: Vec::new(),
            ..*self
        };
        for &(i, f) in &self.figures {
            let side = if fits(f) { &mut yes } else { &mut no };
            side.figures.push((i, f));
        }
        (yes, no)
    }
}

/// A form's layout: draws the panel's figures from `b.y` down and leaves `b.y` below them.
pub type FormLayout = fn(&mut Builder, &Panel);

/// Whether a form draws a figure itself (else it is a tile).
pub type Accepts = fn(&Figure) -> bool;

/// Everything about a form beside its variant and JSON name (`vocab::forms!`): each form's
/// file declares one as `FORM`.
#[derive(Clone, Copy)]
pub struct FormDef {
    pub form: Form,
    /// What the editor calls it: (Chinese, English).
    pub label: (&'static str, &'static str),
    /// What it is for, as the editor says: (Chinese, English).
    pub for_: (&'static str, &'static str),
    /// The figures it draws itself; the others are drawn after them as tiles.
    pub accepts: Accepts,
    /// Draws the figures it accepts.
    pub layout: FormLayout,
}

impl FormDef {
    /// The form's name as in the JSON.
    pub fn name(&self) -> &'static str {
        self.form.as_str()
    }
}

/// The registry, in `Form` order: its length is the enum's, so a form missing here does
/// not compile, and a test checks the order.
pub const FORMS: [FormDef; Form::COUNT] = [
    bars::FORM,
    tiles::FORM,
    units::FORM,
    share::FORM,
    path::FORM,
    areas::FORM,
    ranks::FORM,
];

/// What drawing needs of `FORMS`, evaluated at compile time so that the editor's words are
/// not linked into a module that only draws.
const DRAW: [(Accepts, FormLayout); Form::COUNT] = {
    let mut out = [(FORMS[0].accepts, FORMS[0].layout); Form::COUNT];
    let mut k = 0;
    while k < Form::COUNT {
        out[k] = (FORMS[k].accepts, FORMS[k].layout);
        k += 1;
    }
    out
};

/// Draws `panel` in `form`: the figures it accepts, then the rest as tiles.
fn draw(b: &mut Builder, form: Form, panel: &Panel) {
    let (accepts, layout) = DRAW[form as usize];
    let (own, rest) = panel.split(accepts);
    layout(b, &own);
    tiles::layout(b, &rest);
}

/// Lays out `chart` at `frame`: title, body (in its form), note, key and source line.
pub fn layout(
    data: &Dataset,
    chart: &str,
    lang: Lang,
    theme: Theme,
    frame: Frame,
) -> Result<Layout, Error> {
    let spec = data.chart_in(chart, lang)?;
    let mut b = Builder::new(frame, theme, lang);
    annotate(&mut b, data, spec);
    b.paragraph(lang.pick(&spec.title), size_css::TITLE, theme.text, true);
    b.gap(6.0);
    body(&mut b, data, spec);
    footer(&mut b, data, spec);
    Ok(b.finish())
}

/// What the forms need of the chart's highlights and notes: the figures highlighted, and
/// each note by its figure.
fn annotate(b: &mut Builder, data: &Dataset, spec: &ChartSpec) {
    for a in &spec.annotations {
        let named = |id: &String| data.figures_of(&spec.id).find(|(_, f)| f.id == *id);
        let figures = a.figures.iter().filter_map(named).map(|(i, _)| i);
        match a.kind {
            AnnotationKind::Highlight => b.highlight.extend(figures),
            AnnotationKind::Note => {
                let text = b.lang.pick(&a.label).to_string();
                b.notes.extend(figures.map(|i| (i, text.clone())));
            }
            _ => {}
        }
    }
}

/// The chart in its form, or panel by panel (each with its heading and form).
fn body(b: &mut Builder, data: &Dataset, spec: &ChartSpec) {
    let figures: Vec<(usize, &Figure)> = data.figures_of(&spec.id).collect();
    let annotations = &spec.annotations[..];
    if spec.groups.is_empty() {
        let panel = Panel {
            data,
            figures,
            annotations,
        };
        draw(b, spec.form(), &panel);
        return;
    }
    for group in &spec.groups {
        let label = b.lang.pick(&group.label);
        let color = b.theme.text;
        b.paragraph(label, size_css::LABEL, color, true);
        b.gap(4.0);
        let in_group = figures
            .iter()
            .copied()
            .filter(|(_, f)| f.group.as_deref() == Some(group.id.as_str()))
            .collect();
        let form = group.form.unwrap_or(spec.form());
        let panel = Panel {
            data,
            figures: in_group,
            annotations,
        };
        draw(b, form, &panel);
        b.gap(8.0);
    }
}

/// Note, the derived-figure key (when the chart shows any), and the source line.
fn footer(b: &mut Builder, data: &Dataset, spec: &ChartSpec) {
    let lang = b.lang;
    let theme = b.theme;
    b.gap(4.0);
    if let Some(note) = &spec.note {
        b.paragraph(lang.pick(note), size_css::SMALL, theme.muted, false);
        b.gap(2.0);
    }
    if data.figures_of(&spec.id).any(|(_, f)| f.derived.is_some()) {
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
    if let Some(line) = data
        .source
        .as_ref()
        .map(|s| source_line(lang.pick(&s.title), lang))
    {
        b.paragraph(&line, size_css::SMALL, theme.muted, false);
    }
}

/// "来源：…" / "Source: …", unless the title already says so ("来源：国家统计局"): never
/// "来源：来源".
fn source_line(title: &str, lang: Lang) -> String {
    if title.starts_with("来源") || title.starts_with("Source") {
        return title.to_string();
    }
    match lang {
        Lang::Zh => format!("来源：{title}"),
        Lang::En => format!("Source: {title}"),
    }
}

#[cfg(test)]
mod tests;

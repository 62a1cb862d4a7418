//! Whether a chart can be shown in English. English is optional everywhere in the data: a
//! chart whose texts are all in Chinese is published in Chinese only, and asked for in
//! English it says which text has no English (rather than mixing the languages).

use super::model::*;

fn no_english(text: &Text) -> bool {
    text.en.is_none()
}

/// What of annotation `k` has no English, as a path from its index on: its label or
/// text, or the unit of a line's or band's value (written out beside the label).
fn annotation_missing((k, a): (usize, &Annotation)) -> Option<String> {
    let field = match a.kind {
        AnnotationKind::Highlight => return None,
        AnnotationKind::Note => "text",
        _ => "label",
    };
    if no_english(&a.label) {
        return Some(format!("{k}].{field}"));
    }
    let worded = matches!(a.unit.kind, UnitKind::Amount | UnitKind::Points);
    let valued = a.kind != AnnotationKind::Note && a.axis == Axis::Value;
    (valued && worded && a.unit.en.is_none()).then(|| format!("{k}].unit"))
}

impl Dataset {
    /// Notes in each chart the first text it shows without English (`no_english`).
    pub fn note_english(&mut self) {
        let missing: Vec<Option<String>> = self
            .charts
            .iter()
            .map(|c| self.missing_english(c))
            .collect();
        for (chart, missing) in self.charts.iter_mut().zip(missing) {
            chart.no_english = missing;
        }
    }

    /// The path of the first text the chart shows that has no English (`figures[3].label`;
    /// `figures[3].unit` when the words of its value are missing), or `None` when all of
    /// them have it: its title, description, note and panel labels, the source line, and
    /// its annotations' labels and texts (and their values' units), and each of its
    /// figures' labels, notes, rules, source sections and units' words.
    pub fn missing_english(&self, spec: &ChartSpec) -> Option<String> {
        let c = self
            .charts
            .iter()
            .position(|s| s.id == spec.id)
            .unwrap_or(0);
        let texts = [
            ("title", Some(&spec.title)),
            ("description", Some(&spec.description)),
            ("note", spec.note.as_ref()),
        ];
        if let Some((field, _)) = texts.iter().find(|(_, t)| t.is_some_and(no_english)) {
            return Some(format!("charts[{c}].{field}"));
        }
        if let Some(g) = spec.groups.iter().position(|g| no_english(&g.label)) {
            return Some(format!("charts[{c}].groups[{g}].label"));
        }
        if let Some(p) = spec
            .annotations
            .iter()
            .enumerate()
            .find_map(annotation_missing)
        {
            return Some(format!("charts[{c}].annotations[{p}"));
        }
        if self.source.as_ref().is_some_and(|s| no_english(&s.title)) {
            return Some("source.title".into());
        }
        self.figures_of(&spec.id).find_map(|(i, f)| {
            self.figure_missing_english(f)
                .map(|p| format!("figures[{i}].{p}"))
        })
    }

    /// What of one figure has no English, as a path within it.
    fn figure_missing_english(&self, f: &Figure) -> Option<&'static str> {
        let texts = [
            ("label", Some(&f.label)),
            ("short", f.short.as_ref()),
            ("note", f.note.as_ref()),
            ("derived.rule", f.derived.as_ref().map(|d| &d.rule)),
        ];
        if let Some((field, _)) = texts.iter().find(|(_, t)| t.is_some_and(no_english)) {
            return Some(field);
        }
        let section = f.source.as_ref().and_then(|s| self.section(&s.section));
        if section.is_some_and(|s| no_english(&s.title)) {
            return Some("source.section");
        }
        // A value's words: typed in English, or the counter's or the unit's English word.
        // Rates, places, years, multiples and indices have theirs built in.
        let typed = f.typed.as_ref().is_some_and(|t| t.en.is_some());
        let counter = f.counter.as_ref().is_some_and(|c| c.en.is_some());
        let worded = matches!(f.unit.kind, UnitKind::Amount | UnitKind::Points);
        if f.value.is_some() && !typed && !counter && worded && f.unit.en.is_none() {
            return Some("unit");
        }
        None
    }
}

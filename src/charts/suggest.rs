//! A form for a chart, suggested from its figures, for the editor: the journalist picks
//! rows and gets a chart drawn in the form that suits them, and can change it.

use crate::data::{Dataset, Figure};
use crate::error::Error;
use crate::vocab::{Form, UnitKind};

/// At most this many whole things are drawn one square each when suggesting `units`
/// (the form itself draws up to `units::MAX_UNITS`, but 40 is what a reader counts).
const MAX_SUGGESTED_UNITS: f64 = 40.0;

/// Ranks when most figures are places, path for an index over steps, areas when most are
/// areas, units for small whole counts of one thing, share for one part of a whole, bars
/// for two or more comparable values, tiles for the rest (unrelated figures, mixed
/// units).
pub fn suggest(data: &Dataset, chart: &str) -> Result<Form, Error> {
    let spec = data.chart_or_error(chart)?;
    let figures: Vec<&Figure> = data.figures_of(&spec.id).map(|(_, f)| f).collect();
    let most =
        |fits: fn(&Figure) -> bool| 2 * figures.iter().filter(|f| fits(f)).count() > figures.len();
    let all =
        |fits: &dyn Fn(&Figure) -> bool| !figures.is_empty() && figures.iter().all(|f| fits(f));
    let first = figures.first().map(|f| &f.unit);
    let one_thing = |f: &Figure| {
        Some(&f.unit) == first && f.counter == figures.first().and_then(|g| g.counter.clone())
    };
    let small_count = |f: &Figure| {
        let small = |v: f64| v.fract() == 0.0 && (1.0..=MAX_SUGGESTED_UNITS).contains(&v);
        f.unit.whole && f.value.is_some_and(small)
    };
    let share = |f: &Figure| {
        f.unit.kind == UnitKind::Percent && f.value.is_some_and(|v| (0.0..=100.0).contains(&v))
    };
    let comparable = |f: &Figure| first.is_some_and(|u| f.unit.convert(1.0, u).is_some());
    Ok(if most(|f| f.unit.kind == UnitKind::Rank) {
        Form::Ranks
    } else if figures.iter().any(|f| is_step(f)) {
        Form::Path
    } else if most(|f| f.unit.is_area()) {
        Form::Areas
    } else if all(&|f| small_count(f) && one_thing(f)) {
        Form::Units
    } else if figures.len() == 1 && all(&share) {
        Form::Share
    } else if figures.len() >= 2 && all(&comparable) {
        Form::Bars
    } else {
        Form::Tiles
    })
}

/// A point of an index path.
fn is_step(f: &Figure) -> bool {
    f.unit.kind == UnitKind::Index && f.derived.as_ref().is_some_and(|d| d.step.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-chart dataset of `figures`, each (label, value, unit).
    fn chart_of(figures: &[(&str, f64, &str)]) -> Dataset {
        let figures: Vec<String> = (figures.iter().enumerate())
            .map(|(i, (label, value, unit))| {
                format!(
                    r#"{{"id": "f{i}", "label": {{"zh": "{label}"}}, "value": {}, "unit": "{unit}", "chart": "c"}}"#,
                    crate::format::fixed(*value, 9)
                )
            })
            .collect();
        let json = format!(
            r#"{{"schema": 3, "charts": [{{"id": "c", "form": "tiles", "title": {{"zh": "图"}},
                "description": {{"zh": "说明"}}}}], "figures": [{}]}}"#,
            figures.join(",")
        );
        Dataset::from_json(&json).expect("valid")
    }

    #[test]
    fn a_form_is_suggested_from_the_figures() {
        type Rows<'a> = &'a [(&'a str, f64, &'a str)];
        let cases: [(Rows, Form); 7] = [
            (
                &[("产值", 7.2, "%"), ("投资", 17.6, "%"), ("收入", -4.5, "%")],
                Form::Bars,
            ),
            (
                &[("签约", 300.0, "亿元"), ("在建", 2200.0, "万元")],
                Form::Bars,
            ),
            (
                &[
                    ("专利", 251.0, "件"),
                    ("人才", 1.2, "万人"),
                    ("投资", 5.0, "亿美元"),
                ],
                Form::Tiles,
            ),
            (
                &[("工作组", 12.0, "个"), ("指导组", 5.0, "个")],
                Form::Units,
            ),
            (&[("份额", 50.0, "%")], Form::Share),
            (
                &[("设计园", 35.0, "万平方米"), ("装备园", 9.5, "平方公里")],
                Form::Areas,
            ),
            (&[("省内", 4.0, "位"), ("市内", 1.0, "位")], Form::Ranks),
        ];
        for (figures, form) in cases {
            assert_eq!(suggest(&chart_of(figures), "c"), Ok(form), "{figures:?}");
        }
        // Counts too large to count one by one are bars.
        let many = chart_of(&[("项目", 39.0, "个"), ("走访", 260.0, "个")]);
        assert_eq!(suggest(&many, "c"), Ok(Form::Bars));
    }

    #[test]
    fn the_default_charts_get_their_own_forms_where_one_form_fits_all_figures() {
        let data = Dataset::default_data().expect("default");
        for (chart, form) in [
            ("growth-2019", Form::Bars),
            ("innovation-2019", Form::Tiles),
            ("parks-2020", Form::Areas),
            ("growth-path", Form::Path),
            ("rankings", Form::Ranks),
        ] {
            assert_eq!(suggest(&data, chart), Ok(form), "{chart}");
        }
        assert!(suggest(&data, "nope").is_err());
    }
}

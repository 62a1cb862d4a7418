//! Words about figures and charts for everything that is not the drawing: the tooltip,
//! the screen-reader announcement, the data table and the CSV download.

use crate::charts::ChartId;
use crate::data::{Dataset, Figure, Unit};
use crate::format::{self, Lang};

/// One figure, ready for the tooltip and the host page's `infographic:hover` event.
/// JavaScript gets it as an object with these fields in camelCase (`lib.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct Described {
    pub id: String,
    pub label: String,
    /// The number as stated (or derived); `None` when the source gives none.
    pub value: Option<f64>,
    /// The unit's id as in the JSON (`yi_yuan`, `percent`, …).
    pub unit: &'static str,
    /// The value as a reader reads it, bound words included ("近300亿元").
    pub value_text: String,
    pub period: String,
    /// "计划", "力争目标" / "plan", "aim"; absent for results.
    pub kind: Option<&'static str>,
    /// The rule, for derived figures.
    pub derived: Option<String>,
    pub note: Option<String>,
    pub source: String,
}

impl Described {
    /// The tooltip's lines, in order; also what the live region announces.
    pub fn lines(&self) -> Vec<String> {
        let mut period = self.period.clone();
        if let Some(kind) = self.kind {
            period = format!("{period} · {kind}");
        }
        let mut lines = vec![self.label.clone(), self.value_text.clone(), period];
        lines.extend(self.derived.clone());
        lines.extend(self.note.clone());
        lines.push(self.source.clone());
        lines
    }

    /// One sentence for `aria-live`.
    pub fn sentence(&self) -> String {
        self.lines().join("；")
    }
}

pub fn unit_id(unit: Unit) -> &'static str {
    match unit {
        Unit::Percent => "percent",
        Unit::Count => "count",
        Unit::YiYuan => "yi_yuan",
        Unit::WanYuan => "wan_yuan",
        Unit::WanM2 => "wan_m2",
        Unit::Km2 => "km2",
        Unit::Rank => "rank",
        Unit::Years => "years",
        Unit::Multiple => "multiple",
        Unit::Index => "index",
    }
}

pub fn describe(data: &Dataset, f: &Figure, lang: Lang) -> Described {
    Described {
        id: f.id.clone(),
        label: lang.pick(&f.label).to_string(),
        value: f.value,
        unit: unit_id(f.unit),
        value_text: format::value(f, lang),
        period: format::period(&f.period, lang),
        kind: format::kind(f.kind, lang),
        derived: format::derived(f, lang),
        note: f.note.as_ref().map(|n| lang.pick(n).to_string()),
        source: format::source(data, f, lang),
    }
}

/// The chart's figures as a CSV a spreadsheet opens correctly: UTF-8 with a byte-order
/// mark (Excel otherwise reads Chinese as mojibake), CRLF line ends, RFC 4180 quoting.
pub fn csv(data: &Dataset, chart: ChartId, lang: Lang) -> String {
    let header: [&str; 9] = match lang {
        Lang::Zh => [
            "编号",
            "指标",
            "数值",
            "单位",
            "表述",
            "时期",
            "类型",
            "推算规则",
            "来源",
        ],
        Lang::En => [
            "id",
            "label",
            "value",
            "unit",
            "as stated",
            "period",
            "kind",
            "derivation",
            "source",
        ],
    };
    let mut out = String::from("\u{FEFF}");
    push_row(&mut out, header.iter().map(|s| s.to_string()));
    for (_, f) in data.figures_of(chart.as_str()) {
        let d = describe(data, f, lang);
        push_row(
            &mut out,
            [
                d.id,
                d.label,
                // The figure's value as a plain number: up to 9 decimals (more than any
                // stated figure has), by integer arithmetic (no float formatting in the wasm).
                d.value
                    .map_or_else(String::new, |v| crate::format::fixed(v, 9)),
                d.unit.to_string(),
                d.value_text,
                d.period,
                d.kind.unwrap_or("").to_string(),
                d.derived.unwrap_or_default(),
                d.source,
            ]
            .into_iter(),
        );
    }
    out
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|c| csv_cell(&c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// Quotes a cell when needed; a leading `=`, `+`, `-` or `@` gets an apostrophe so a
/// spreadsheet does not run it as a formula (CSV injection).
fn csv_cell(s: &str) -> String {
    let s = match s.chars().next() {
        Some('=' | '+' | '@') => format!("'{s}"),
        // A negative number stays a number. (A digit check, not `parse::<f64>()`, whose
        // tables would add 25 KB to the wasm.)
        Some('-') if !is_number(&s[1..]) => format!("'{s}"),
        _ => s.to_string(),
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Digits with at most one decimal point, as `format::number` writes them.
fn is_number(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && s.bytes().filter(|&b| b == b'.').count() <= 1
        && s.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_bom_header_and_one_row_per_figure() {
        let data = Dataset::default_data().unwrap();
        for chart in ChartId::ALL {
            let text = csv(&data, chart, Lang::Zh);
            assert!(text.starts_with('\u{FEFF}'));
            let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
            assert_eq!(
                lines.len(),
                1 + data.figures_of(chart.as_str()).count(),
                "{chart:?}"
            );
            assert!(lines[0].contains("指标"));
        }
        let text = csv(&data, ChartId::Growth2019, Lang::En);
        assert!(text.contains("fai-growth-2019,"));
        assert!(text.contains(",17.6,percent,17.6%,2019,"));
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_cell("-3.5"), "-3.5");
        assert_eq!(csv_cell("-1,234.5"), "\"-1,234.5\"");
        assert_eq!(csv_cell("-"), "'-");
        assert_eq!(csv_cell("-.5e3"), "'-.5e3");
        assert_eq!(csv_cell("-cmd"), "'-cmd");
    }

    #[test]
    fn described_figure_carries_bound_period_source_and_rule() {
        let data = Dataset::default_data().unwrap();
        for f in &data.figures {
            for lang in [Lang::Zh, Lang::En] {
                let d = describe(&data, f, lang);
                assert_eq!(d.id, f.id);
                assert_eq!(d.derived.is_some(), f.derived.is_some());
                assert!(d.source.contains(&f.source.paragraph.to_string()));
                assert!(d.lines().len() >= 4);
            }
        }
    }
}

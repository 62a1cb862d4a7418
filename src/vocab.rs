//! The shared vocabulary: languages, chart forms, units (with the one table of unit
//! factors), bounds and kinds of figures, and what an id may look like.
//!
//! A leaf module: every other module may import it, it imports nothing of ours. That keeps
//! the rest one-way (data → scale → layout → forms → paint); `tests/layers.rs` checks it.

/// Text in both languages the widget speaks.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// `None` for anything but the spellings of zh and en the widget accepts.
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" | "zh-CN" | "zh-Hans" => Some(Lang::Zh),
            "en" | "en-US" | "en-GB" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn pick(self, text: &Text) -> &str {
        match self {
            Lang::Zh => &text.zh,
            Lang::En => &text.en,
        }
    }
}

/// How a chart (or one panel of it) is drawn. The dataset chooses; `charts/mod.rs` maps
/// each form to its layout function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Comparable quantities as bars on one linear axis.
    Bars,
    /// Big numbers: unrelated counts, each with its unit, label and bound words.
    Tiles,
    /// One square per thing: small counts and parts of a whole.
    Units,
    /// A part of a whole as a filled bar against 100 %.
    Share,
    /// Values over steps (an index path), with goals as markers.
    Path,
    /// Proportional areas: squares whose area is to scale.
    Areas,
    /// Places in a ranking and "top N" goals on a linear scale of places.
    Ranks,
}

impl Form {
    pub const ALL: [Form; 7] = [
        Form::Bars,
        Form::Tiles,
        Form::Units,
        Form::Share,
        Form::Path,
        Form::Areas,
        Form::Ranks,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Form::Bars => "bars",
            Form::Tiles => "tiles",
            Form::Units => "units",
            Form::Share => "share",
            Form::Path => "path",
            Form::Areas => "areas",
            Form::Ranks => "ranks",
        }
    }
}

/// What a unit measures; values convert only within one quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    Money,
    Area,
    Count,
}

/// Units the widget knows how to format in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Per cent (growth rates, shares).
    Percent,
    /// A count of things; the measure word is in `Figure::counter`.
    Count,
    /// 亿元 = 100 million yuan.
    YiYuan,
    /// 万元 = 10 thousand yuan.
    WanYuan,
    /// 万平方米 = 10 000 m².
    WanM2,
    /// 平方公里 = km².
    Km2,
    /// A place in a ranking (1 = first).
    Rank,
    /// A number of years.
    Years,
    /// A multiple ("doubles" = 2).
    Multiple,
    /// An index, base period = 100.
    Index,
}

/// A unit, its JSON id, and its quantity with the factor to the quantity's base unit.
type UnitRow = (Unit, &'static str, Option<(Quantity, f64)>);

/// The one table of units: id as in the JSON, and the quantity with the factor to its base
/// unit (yuan, m², things). Validation, scales, areas and formatting all read this.
const UNITS: [UnitRow; 10] = [
    (Unit::Percent, "percent", None),
    (Unit::Count, "count", Some((Quantity::Count, 1.0))),
    (Unit::YiYuan, "yi_yuan", Some((Quantity::Money, 1e8))),
    (Unit::WanYuan, "wan_yuan", Some((Quantity::Money, 1e4))),
    (Unit::WanM2, "wan_m2", Some((Quantity::Area, 1e4))),
    (Unit::Km2, "km2", Some((Quantity::Area, 1e6))),
    (Unit::Rank, "rank", None),
    (Unit::Years, "years", None),
    (Unit::Multiple, "multiple", None),
    (Unit::Index, "index", None),
];

impl Unit {
    /// Every unit, in the table's order.
    pub const ALL: [Unit; 10] = [
        Unit::Percent,
        Unit::Count,
        Unit::YiYuan,
        Unit::WanYuan,
        Unit::WanM2,
        Unit::Km2,
        Unit::Rank,
        Unit::Years,
        Unit::Multiple,
        Unit::Index,
    ];

    fn row(self) -> &'static UnitRow {
        // The table lists every variant in declaration order.
        &UNITS[self as usize]
    }

    /// The unit's id as in the JSON (`yi_yuan`, `percent`, …).
    pub fn id(self) -> &'static str {
        self.row().1
    }

    /// The quantity measured and the factor to its base unit (1 亿元 = 1e8 yuan).
    pub fn base(self) -> Option<(Quantity, f64)> {
        self.row().2
    }

    /// `v` in `self` converted to `to`, when both measure the same quantity.
    pub fn convert(self, v: f64, to: Unit) -> Option<f64> {
        if self == to {
            return Some(v);
        }
        match (self.base(), to.base()) {
            (Some((qa, fa)), Some((qb, fb))) if qa == qb => Some(v * fa / fb),
            _ => None,
        }
    }
}

/// How the stated number relates to the true one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bound {
    #[default]
    Exact,
    /// 约: approximately.
    About,
    /// 近: nearly (just under).
    Nearly,
    /// 以上 / 不少于: this or more.
    AtLeast,
    /// 超 / 多: more than.
    MoreThan,
    /// 前 N: within the first N places of a ranking.
    Top,
    /// `low`–`value`.
    Range,
}

/// Whether the figure is an outcome or an intention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// Achieved, or the state at the time of the source.
    #[default]
    Actual,
    /// A plan or commitment (计划, 确保, 规划).
    Plan,
    /// An aspiration (力争, 奋斗目标).
    Aim,
}

/// Longest id, in bytes (ids end up in file names and element attributes).
pub const MAX_ID_CHARS: usize = 64;

/// Short kebab-case: lowercase letters and digits in words joined by single hyphens
/// (`growth-2020`, `fai-growth-2019`); no leading, trailing or doubled hyphen.
pub fn is_kebab_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_CHARS
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unit_table_lists_every_unit_in_order() {
        for u in Unit::ALL {
            assert_eq!(u.row().0, u);
        }
        assert_eq!(Unit::Km2.convert(9.5, Unit::WanM2), Some(950.0));
        assert_eq!(Unit::WanYuan.convert(1200.0, Unit::YiYuan), Some(0.12));
        assert_eq!(Unit::Km2.convert(1.0, Unit::YiYuan), None);
        assert_eq!(Unit::Percent.convert(5.0, Unit::Percent), Some(5.0));
    }

    #[test]
    fn ids_are_short_kebab_case() {
        for ok in ["growth-2020", "a", "x1-y2-z3", "rankings"] {
            assert!(is_kebab_id(ok), "{ok}");
        }
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "Growth",
            "a_b",
            "a b",
            "图表",
            &"x".repeat(65),
        ] {
            assert!(!is_kebab_id(bad), "{bad}");
        }
    }
}

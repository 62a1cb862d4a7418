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

    /// The form's name as in the JSON.
    pub fn as_str(self) -> &'static str {
        FORM_NAMES[self as usize].0
    }
}

/// Forms by their name in the JSON, in declaration order.
pub const FORM_NAMES: [(&str, Form); 7] = [
    ("bars", Form::Bars),
    ("tiles", Form::Tiles),
    ("units", Form::Units),
    ("share", Form::Share),
    ("path", Form::Path),
    ("areas", Form::Areas),
    ("ranks", Form::Ranks),
];

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

/// Units by their id in the JSON, in declaration order.
pub const UNIT_IDS: [(&str, Unit); 10] = [
    ("percent", Unit::Percent),
    ("count", Unit::Count),
    ("yi_yuan", Unit::YiYuan),
    ("wan_yuan", Unit::WanYuan),
    ("wan_m2", Unit::WanM2),
    ("km2", Unit::Km2),
    ("rank", Unit::Rank),
    ("years", Unit::Years),
    ("multiple", Unit::Multiple),
    ("index", Unit::Index),
];

impl Unit {
    /// The unit's id as in the JSON (`yi_yuan`, `percent`, …).
    pub fn id(self) -> &'static str {
        UNIT_IDS[self as usize].0
    }

    /// The one table of unit factors: the quantity a unit measures and the factor to its
    /// base unit (yuan, m², things). Validation, scales, areas and formatting all read it.
    pub fn base(self) -> Option<(Quantity, f64)> {
        match self {
            Unit::Count => Some((Quantity::Count, 1.0)),
            Unit::YiYuan => Some((Quantity::Money, 1e8)),
            Unit::WanYuan => Some((Quantity::Money, 1e4)),
            Unit::WanM2 => Some((Quantity::Area, 1e4)),
            Unit::Km2 => Some((Quantity::Area, 1e6)),
            Unit::Percent | Unit::Rank | Unit::Years | Unit::Multiple | Unit::Index => None,
        }
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

/// `bound` in the data, by name.
pub const BOUND_NAMES: [(&str, Bound); 7] = [
    ("exact", Bound::Exact),
    ("about", Bound::About),
    ("nearly", Bound::Nearly),
    ("at_least", Bound::AtLeast),
    ("more_than", Bound::MoreThan),
    ("top", Bound::Top),
    ("range", Bound::Range),
];

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

/// `kind` in the data, by name.
pub const KIND_NAMES: [(&str, Kind); 3] = [
    ("actual", Kind::Actual),
    ("plan", Kind::Plan),
    ("aim", Kind::Aim),
];

/// Longest id, in bytes (ids end up in file names and element attributes).
pub const MAX_ID_CHARS: usize = 64;

/// Short kebab-case: lowercase letters and digits in words joined by single hyphens
/// (`growth-2020`, `fai-growth-2019`); no leading, trailing or doubled hyphen.
pub fn is_kebab_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_CHARS
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        // No leading, trailing or doubled hyphen: every part between hyphens has a character.
        && id.split('-').all(|part| !part.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_tables_list_every_variant_in_order() {
        for (k, (id, u)) in UNIT_IDS.iter().enumerate() {
            assert_eq!((*u as usize, u.id()), (k, *id));
        }
        for (k, (name, f)) in FORM_NAMES.iter().enumerate() {
            assert_eq!((*f as usize, f.as_str(), Form::ALL[k]), (k, *name, *f));
        }
        // The built-in data's compact files write these by discriminant, read them by index.
        for (k, (_, b)) in BOUND_NAMES.iter().enumerate() {
            assert_eq!(*b as usize, k);
        }
        for (k, (_, kind)) in KIND_NAMES.iter().enumerate() {
            assert_eq!(*kind as usize, k);
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

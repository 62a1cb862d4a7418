//! A value tree to a `Dataset`, field by field: every error names the path it is at
//! (`figures[3].value`) and says in plain words what is wrong and what to write instead.
//! Unknown fields are refused, so a typo ("lable") is reported, not silently ignored.
//! Checks across fields live in `validate.rs`; units are resolved in `units.rs`.
//!
//! Version-2 files are read by the same code: their unit ids are read as the names of
//! the units they meant (`yi_yuan` → 亿元), and the dataset says it was converted.

use super::json::Value;
use super::model::*;
use super::units::{self, UnitEntry};
use super::{check_schema, OLDEST_READ, SCHEMA_VERSION};
use crate::error::{clip, say, Error};
use crate::vocab::{
    ANNOTATION_NAMES, AXIS_NAMES, BOUND_NAMES, FORM_NAMES, KIND_NAMES, UNIT_KIND_NAMES,
};

pub fn dataset(v: &Value) -> Result<Dataset, Error> {
    if !matches!(v, Value::Object(_)) {
        return Err(invalid(Path::Root, || {
            say!(
                "the data must be a JSON object ({{…}}), not {}",
                "数据应为 JSON 对象（{{…}}），而不是{}",
                found(v)
            )
        }));
    }
    const FIELDS: &[&str] = &["schema", "subject", "source", "units", "charts", "figures"];
    let o = Obj::new(v, Path::Root, FIELDS)?;
    // The version first: an old file hears about its version, not about fields it lacks.
    let schema = o.req("schema", |v, p| whole(v, p, u32::MAX))?;
    if schema != OLDEST_READ {
        check_schema(schema)?;
    }
    let entries = o.opt("units", |v, p| list(v, p, unit_entry))?;
    let entries = entries.unwrap_or_default();
    units::check_entries(&entries)?;
    let mut data = Dataset {
        schema: SCHEMA_VERSION,
        converted_from: (schema == OLDEST_READ).then_some(schema),
        subject: o.opt("subject", text)?,
        source: o.opt("source", source)?,
        charts: o.req("charts", |v, p| list(v, p, chart))?,
        figures: o.req("figures", |v, p| list(v, p, figure))?,
    };
    units::resolve(&mut data, &entries)?;
    Ok(data)
}

fn source(v: &Value, path: Path) -> Result<Source, Error> {
    let o = Obj::new(v, path, &["title", "sections"])?;
    Ok(Source {
        title: o.req("title", text)?,
        sections: o
            .opt("sections", |v, p| list(v, p, section))?
            .unwrap_or_default(),
    })
}

fn section(v: &Value, path: Path) -> Result<Section, Error> {
    let o = Obj::new(v, path, &["id", "title", "paragraphs"])?;
    Ok(Section {
        id: o.req("id", string)?,
        title: o.req("title", text)?,
        paragraphs: o.req("paragraphs", |v, p| whole(v, p, u32::MAX))?,
    })
}

fn chart(v: &Value, path: Path) -> Result<ChartSpec, Error> {
    const FIELDS: &[&str] = &[
        "id",
        "form",
        "title",
        "description",
        "note",
        "groups",
        "annotations",
    ];
    let o = Obj::new(v, path, FIELDS)?;
    Ok(ChartSpec {
        id: o.req("id", string)?,
        form: o.req("form", |v, p| variant(v, p, &FORM_NAMES))?,
        title: o.req("title", text)?,
        description: o.req("description", text)?,
        note: o.opt("note", text)?,
        groups: o
            .opt("groups", |v, p| list(v, p, group))?
            .unwrap_or_default(),
        annotations: o
            .opt("annotations", |v, p| list(v, p, annotation))?
            .unwrap_or_default(),
        no_english: None, // noted once the whole file is read
    })
}

/// The fields of each type of annotation, in `ANNOTATION_NAMES` order.
const ANNOTATION_FIELDS: [&[&str]; 4] = [
    &["type", "figures"],
    &["type", "value", "unit", "axis", "label"],
    &["type", "from", "to", "unit", "axis", "label"],
    &["type", "figure", "text"],
];

/// An annotation: its type first, which says what else it may have.
fn annotation(v: &Value, path: Path) -> Result<Annotation, Error> {
    let kind = Obj::any(v, path)?.req("type", |v, p| variant(v, p, &ANNOTATION_NAMES))?;
    let o = Obj::new(v, path, ANNOTATION_FIELDS[kind as usize])?;
    // The unit's name for now; `units::resolve` puts the unit it names in its place.
    let mut unit = Unit::plain();
    unit.name = o.opt("unit", string)?.unwrap_or_default();
    let (from, to) = match kind {
        AnnotationKind::Line => o.req("value", number).map(|v| (v, v))?,
        AnnotationKind::Band => (o.req("from", number)?, o.req("to", number)?),
        _ => (0.0, 0.0),
    };
    Ok(Annotation {
        kind,
        figures: match kind {
            AnnotationKind::Highlight => o.req("figures", |v, p| list(v, p, string))?,
            AnnotationKind::Note => vec![o.req("figure", string)?],
            _ => Vec::new(),
        },
        axis: o
            .opt("axis", |v, p| variant(v, p, &AXIS_NAMES))?
            .unwrap_or_default(),
        from,
        to,
        unit,
        label: match kind {
            AnnotationKind::Highlight => Text::default(),
            AnnotationKind::Note => o.req("text", text)?,
            _ => o.req("label", text)?,
        },
    })
}

fn group(v: &Value, path: Path) -> Result<Group, Error> {
    let o = Obj::new(v, path, &["id", "label", "form"])?;
    Ok(Group {
        id: o.req("id", string)?,
        label: o.req("label", text)?,
        form: o.opt("form", |v, p| variant(v, p, &FORM_NAMES))?,
    })
}

const FIGURE_FIELDS: &[&str] = &[
    "id", "label", "short", "value", "low", "unit", "counter", "typed", "period", "bound", "kind",
    "band", "derived", "source", "chart", "group", "note",
];

fn figure(v: &Value, path: Path) -> Result<Figure, Error> {
    let o = Obj::new(v, path, FIGURE_FIELDS)?;
    // The unit's name for now; `units::resolve` puts the unit it names in its place.
    let mut unit = Unit::plain();
    unit.name = o.opt("unit", string)?.unwrap_or_default();
    Ok(Figure {
        id: o.req("id", string)?,
        label: o.req("label", text)?,
        short: o.opt("short", text)?,
        // Required, but may be null: the source names the thing without a number.
        value: o.req("value", |v, p| match v {
            Value::Null => Ok(None),
            v => number(v, p).map(Some),
        })?,
        low: o.opt("low", number)?,
        unit,
        counter: o.opt("counter", text)?,
        typed: o.opt("typed", typed)?,
        period: o.opt("period", period)?,
        bound: o
            .opt("bound", |v, p| variant(v, p, &BOUND_NAMES))?
            .unwrap_or_default(),
        kind: o
            .opt("kind", |v, p| variant(v, p, &KIND_NAMES))?
            .unwrap_or_default(),
        band: o.opt("band", band)?,
        derived: o.opt("derived", derived)?,
        source: o.opt("source", source_ref)?,
        chart: o.opt("chart", string)?,
        group: o.opt("group", string)?,
        note: o.opt("note", text)?,
    })
}

fn unit_entry(v: &Value, path: Path) -> Result<UnitEntry, Error> {
    const FIELDS: &[&str] = &["name", "zh", "en", "en_before", "scale", "base", "kind"];
    let o = Obj::new(v, path, FIELDS)?;
    Ok(UnitEntry {
        name: o.req("name", string)?,
        zh: o.opt("zh", string)?,
        en: o.opt("en", string)?,
        en_before: o.opt("en_before", boolean)?,
        scale: o.opt("scale", number)?,
        base: o.opt("base", string)?,
        kind: o.opt("kind", |v, p| variant(v, p, &UNIT_KIND_NAMES))?,
    })
}

fn typed(v: &Value, path: Path) -> Result<Typed, Error> {
    let o = Obj::new(v, path, &["zh", "en"])?;
    Ok(Typed {
        zh: o.opt("zh", string)?.filter(|s| !s.trim().is_empty()),
        en: o.opt("en", string)?.filter(|s| !s.trim().is_empty()),
    })
}

fn period(v: &Value, path: Path) -> Result<Period, Error> {
    let o = Obj::new(
        v,
        path,
        &[
            "year",
            "quarter",
            "horizon_years",
            "horizon_years_low",
            "as_of_report",
        ],
    )?;
    let small = |v: &Value, p: Path| whole(v, p, u8::MAX.into()).map(|n| n as u8);
    Ok(Period {
        year: o.req("year", |v, p| {
            whole(v, p, u16::MAX.into()).map(|n| n as u16)
        })?,
        quarter: o.opt("quarter", small)?,
        horizon_years: o.opt("horizon_years", small)?,
        horizon_years_low: o.opt("horizon_years_low", small)?,
        as_of_report: o.opt("as_of_report", boolean)?.unwrap_or(false),
    })
}

fn band(v: &Value, path: Path) -> Result<Band, Error> {
    let o = Obj::new(v, path, &["min_yi_yuan", "max_yi_yuan"])?;
    Ok(Band {
        min_yi_yuan: o.req("min_yi_yuan", number)?,
        // Required, but null means open-ended.
        max_yi_yuan: o.req("max_yi_yuan", |v, p| match v {
            Value::Null => Ok(None),
            v => number(v, p).map(Some),
        })?,
    })
}

fn derived(v: &Value, path: Path) -> Result<Derived, Error> {
    let o = Obj::new(v, path, &["op", "from", "rule", "step"])?;
    Ok(Derived {
        op: o.req("op", |v, p| variant(v, p, &DERIVE_OP_NAMES))?,
        from: o.req("from", |v, p| list(v, p, string))?,
        rule: o.req("rule", text)?,
        step: o.opt("step", |v, p| whole(v, p, u8::MAX.into()).map(|n| n as u8))?,
    })
}

fn source_ref(v: &Value, path: Path) -> Result<SourceRef, Error> {
    let o = Obj::new(v, path, &["section", "paragraph"])?;
    Ok(SourceRef {
        section: o.req("section", string)?,
        paragraph: o.opt("paragraph", |v, p| whole(v, p, u32::MAX))?,
    })
}

/// `{"zh": …, "en": …}`; English is optional, and an empty one is none (an editor's
/// empty cell).
fn text(v: &Value, path: Path) -> Result<Text, Error> {
    let o = Obj::new(v, path, &["zh", "en"])?;
    Ok(Text {
        zh: o.req("zh", string)?,
        en: o.opt("en", string)?.filter(|s| !s.trim().is_empty()),
    })
}

/// Reads one value at a path.
type Read<T> = fn(&Value, Path) -> Result<T, Error>;

/// An object being read: its members and where it is.
struct Obj<'a> {
    path: Path<'a>,
    members: &'a [(String, Value)],
}

impl<'a> Obj<'a> {
    /// Refuses anything but an object whose keys are all among `known`.
    fn new(v: &'a Value, path: Path<'a>, known: &[&str]) -> Result<Obj<'a>, Error> {
        let Value::Object(members) = v else {
            return Err(wrong(v, path, Want::Object));
        };
        if let Some((key, _)) = members.iter().find(|(k, _)| !known.contains(&&**k)) {
            let key = clip(key); // a typo can be a megabyte long
            return Err(invalid(Path::Field(&path, &key), || {
                say!(
                    "there is no field \"{}\" here; check its spelling (the fields here: {})",
                    "此处没有“{}”这个字段，请检查拼写（此处的字段：{}）",
                    key,
                    choices(known)
                )
            }));
        }
        Ok(Obj { path, members })
    }

    /// Any object, whatever its keys (to read the field that says which keys it may have).
    fn any(v: &'a Value, path: Path<'a>) -> Result<Obj<'a>, Error> {
        match v {
            Value::Object(members) => Ok(Obj { path, members }),
            _ => Err(wrong(v, path, Want::Object)),
        }
    }

    fn get(&self, name: &str) -> Option<&'a Value> {
        self.members.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// A field that must be present.
    fn req<T>(
        &self,
        name: &str,
        read: impl Fn(&Value, Path) -> Result<T, Error>,
    ) -> Result<T, Error> {
        match self.get(name) {
            Some(v) => read(v, Path::Field(&self.path, name)),
            None => Err(invalid(self.path, || {
                say!("\"{}\" is missing; add it", "缺少“{}”，请补上", name)
            })),
        }
    }

    /// A field that may be absent or null.
    fn opt<T>(&self, name: &str, read: Read<T>) -> Result<Option<T>, Error> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => read(v, Path::Field(&self.path, name)).map(Some),
        }
    }
}

/// Where a value is in the file (`figures[3].value`): borrowed steps, written out only
/// when an error names them, so reading a valid file formats no paths.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Field(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn render(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Field(Path::Root, name) => name.to_string(),
            Path::Field(parent, name) => format!("{}.{name}", parent.render()),
            Path::Index(parent, i) => format!("{}[{i}]", parent.render()),
        }
    }
}

fn list<T>(v: &Value, path: Path, read: Read<T>) -> Result<Vec<T>, Error> {
    let Value::Array(items) = v else {
        return Err(wrong(v, path, Want::List));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| read(item, Path::Index(&path, i)))
        .collect()
}

fn string(v: &Value, path: Path) -> Result<String, Error> {
    match v {
        Value::String(s) => Ok(s.to_string()),
        v => Err(wrong(v, path, Want::Text)),
    }
}

fn number(v: &Value, path: Path) -> Result<f64, Error> {
    match v {
        Value::Number(n) => Ok(*n),
        v => Err(wrong(v, path, Want::Number)),
    }
}

fn boolean(v: &Value, path: Path) -> Result<bool, Error> {
    match v {
        Value::Bool(b) => Ok(*b),
        v => Err(wrong(v, path, Want::Bool)),
    }
}

/// A whole number from 0 to `max`.
fn whole(v: &Value, path: Path, max: u32) -> Result<u32, Error> {
    match v {
        Value::Number(n) if n.fract() == 0.0 && (0.0..=f64::from(max)).contains(n) => Ok(*n as u32),
        v if max == u32::MAX => Err(wrong(v, path, Want::Whole)),
        v => Err(wrong(v, path, Want::WholeTo(max))),
    }
}

fn variant<T: Copy>(v: &Value, path: Path, names: &[(&str, T)]) -> Result<T, Error> {
    let Value::String(s) = v else {
        return Err(wrong(v, path, Want::Text));
    };
    match names.iter().find(|(name, _)| *name == &**s) {
        Some(&(_, t)) => Ok(t),
        None => Err(invalid(path, || {
            let names: Vec<&str> = names.iter().map(|(name, _)| *name).collect();
            say!(
                "\"{}\" is not one of the choices here; use one of: {}",
                "“{}”不是此处的可选项；可选：{}",
                clip(s),
                choices(&names)
            )
        })),
    }
}

/// What a field should hold, for the message when it holds something else.
#[derive(Clone, Copy)]
enum Want {
    Number,
    Text,
    Object,
    List,
    Bool,
    Whole,
    WholeTo(u32),
}

/// "should be a number (…), not the text "1.2万"".
fn wrong(v: &Value, path: Path, want: Want) -> Error {
    invalid(path, || {
        let want = match want {
            Want::Number => say!(
                "a number such as 12.5 (the unit goes in \"unit\")",
                "数字，如 12.5（单位写在“unit”里）"
            ),
            Want::Text => say!("text in double quotes", "带双引号的文字"),
            Want::Object => say!("an object {{…}}", "对象 {{…}}"),
            Want::List => say!("a list […]", "列表 […]"),
            Want::Bool => say!("true or false", "true 或 false"),
            Want::Whole => say!("a whole number (0 or more)", "整数（0 或以上）"),
            Want::WholeTo(max) => say!("a whole number from 0 to {}", "0 到 {} 的整数", max),
        };
        say!("should be {}, not {}", "应为{}，而不是{}", want, found(v))
    })
}

/// The error at `path`, its reason written only when it is needed.
fn invalid(path: Path, reason: impl FnOnce() -> String) -> Error {
    Error::invalid(path.render(), reason())
}

/// What a value is, quoting it when short: `the text "5.5"`, `the number -1`, `a list […]`.
fn found(v: &Value) -> String {
    match v {
        Value::Null => say!("null (nothing)", "空值 null"),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => say!("the number {}", "数字 {}", crate::format::fixed(*n, 9)),
        Value::String(s) => say!("the text \"{}\"", "文字“{}”", clip(s)),
        Value::Array(_) => say!("a list […]", "列表 […]"),
        Value::Object(_) => say!("an object {{…}}", "对象 {{…}}"),
    }
}

/// Names for a message: "id, label, value" / "id、label、value".
pub(super) fn choices(names: &[&str]) -> String {
    let comma = say!(", ", "、");
    let mut out = String::new();
    for name in names {
        if !out.is_empty() {
            out.push_str(&comma);
        }
        out.push_str(name);
    }
    out
}

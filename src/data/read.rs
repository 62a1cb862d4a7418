//! A value tree to a `Dataset`, field by field: every error names the path it is at
//! (`figures[3].value`) and what is wrong. Unknown fields are refused, so a typo ("lable")
//! is reported, not silently ignored. Checks across fields live in `validate.rs`.

use super::json::Value;
use super::model::*;
use crate::error::{clip, Error};
use crate::vocab::{BOUND_NAMES, FORM_NAMES, KIND_NAMES, UNIT_IDS};

pub fn dataset(v: &Value) -> Result<Dataset, Error> {
    if !matches!(v, Value::Object(_)) {
        return Err(invalid(Path::Root, || {
            format!("the data must be a JSON object ({{…}}), not {}", found(v))
        }));
    }
    let o = Obj::new(
        v,
        Path::Root,
        &["schema", "subject", "source", "charts", "figures"],
    )?;
    Ok(Dataset {
        schema: o.req("schema", |v, p| whole(v, p, u32::MAX))?,
        subject: o.req("subject", text)?,
        source: o.req("source", source)?,
        charts: o.req("charts", |v, p| list(v, p, chart))?,
        figures: o.req("figures", |v, p| list(v, p, figure))?,
    })
}

fn source(v: &Value, path: Path) -> Result<Source, Error> {
    let o = Obj::new(v, path, &["title", "sections"])?;
    Ok(Source {
        title: o.req("title", text)?,
        sections: o.req("sections", |v, p| list(v, p, section))?,
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
    let o = Obj::new(
        v,
        path,
        &["id", "form", "title", "description", "note", "groups"],
    )?;
    Ok(ChartSpec {
        id: o.req("id", string)?,
        // Required: validation says so after the schema version (a version-1 file has none).
        form: o.opt("form", |v, p| variant(v, p, &FORM_NAMES))?,
        title: o.req("title", text)?,
        description: o.req("description", text)?,
        note: o.opt("note", text)?,
        groups: o
            .opt("groups", |v, p| list(v, p, group))?
            .unwrap_or_default(),
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
    "id", "label", "short", "value", "low", "unit", "counter", "period", "bound", "kind", "band",
    "derived", "source", "chart", "group", "note",
];

fn figure(v: &Value, path: Path) -> Result<Figure, Error> {
    let o = Obj::new(v, path, FIGURE_FIELDS)?;
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
        unit: o.req("unit", |v, p| variant(v, p, &UNIT_IDS))?,
        counter: o.opt("counter", text)?,
        period: o.req("period", period)?,
        bound: o
            .opt("bound", |v, p| variant(v, p, &BOUND_NAMES))?
            .unwrap_or_default(),
        kind: o
            .opt("kind", |v, p| variant(v, p, &KIND_NAMES))?
            .unwrap_or_default(),
        band: o.opt("band", band)?,
        derived: o.opt("derived", derived)?,
        source: o.req("source", source_ref)?,
        chart: o.opt("chart", string)?,
        group: o.opt("group", string)?,
        note: o.opt("note", text)?,
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
        as_of_report: o
            .opt("as_of_report", |v, p| match v {
                Value::Bool(b) => Ok(*b),
                v => Err(wrong(v, p, "true or false")),
            })?
            .unwrap_or(false),
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
        paragraph: o.req("paragraph", |v, p| whole(v, p, u32::MAX))?,
    })
}

fn text(v: &Value, path: Path) -> Result<Text, Error> {
    let o = Obj::new(v, path, &["zh", "en"])?;
    Ok(Text {
        zh: o.req("zh", string)?,
        en: o.req("en", string)?,
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
            return Err(wrong(v, path, "an object ({…})"));
        };
        if let Some((key, _)) = members.iter().find(|(k, _)| !known.contains(&&**k)) {
            let key = clip(key); // a typo can be a megabyte long
            return Err(invalid(Path::Field(&path, &key), || {
                format!("unknown field `{key}`, expected {}", one_of(known))
            }));
        }
        Ok(Obj { path, members })
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
            None => Err(invalid(self.path, || format!("missing field `{name}`"))),
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
#[cfg_attr(not(feature = "json"), allow(dead_code))] // the built-in data's module names no paths
enum Path<'a> {
    Root,
    Field(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    #[cfg_attr(not(feature = "json"), allow(dead_code))]
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
        return Err(wrong(v, path, "an array ([…])"));
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
        v => Err(wrong(v, path, "a string")),
    }
}

fn number(v: &Value, path: Path) -> Result<f64, Error> {
    match v {
        Value::Number(n) => Ok(*n),
        v => Err(wrong(v, path, "a number")),
    }
}

/// A whole number from 0 to `max`.
fn whole(v: &Value, path: Path, max: u32) -> Result<u32, Error> {
    match v {
        Value::Number(n) if n.fract() == 0.0 && (0.0..=f64::from(max)).contains(n) => Ok(*n as u32),
        v if max == u32::MAX => Err(wrong(v, path, "a whole number (0 or more)")),
        v => Err(wrong(v, path, &format!("a whole number from 0 to {max}"))),
    }
}

fn variant<T: Copy>(v: &Value, path: Path, names: &[(&str, T)]) -> Result<T, Error> {
    let Value::String(s) = v else {
        return Err(wrong(v, path, "a string"));
    };
    match names.iter().find(|(name, _)| *name == &**s) {
        Some(&(_, t)) => Ok(t),
        None => Err(invalid(path, || {
            let names: Vec<&str> = names.iter().map(|(name, _)| *name).collect();
            format!("unknown variant `{}`, expected {}", clip(s), one_of(&names))
        })),
    }
}

/// "invalid type: string "5.5", expected a number".
fn wrong(v: &Value, path: Path, expected: &str) -> Error {
    invalid(path, || {
        format!("invalid type: {}, expected {expected}", found(v))
    })
}

/// The error at `path`, its reason written only when it is needed.
#[cfg(feature = "json")]
fn invalid(path: Path, reason: impl FnOnce() -> String) -> Error {
    Error::invalid(path.render(), reason())
}

/// The built-in data's module reads only what build.rs compiled from default.json, which
/// a native test validates (tests/validation.rs): one plain error, no words for mistakes.
#[cfg(not(feature = "json"))]
fn invalid(_: Path, _: impl FnOnce() -> String) -> Error {
    Error::invalid("", "the built-in dataset is damaged")
}

/// What a value is, quoting it when short: `string "5.5"`, `number `-1``, `an array`.
fn found(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("number `{}`", crate::format::fixed(*n, 9)),
        Value::String(s) => format!("string \"{}\"", clip(s)),
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

/// "`zh` or `en`", "one of `a`, `b`, `c`".
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [a, b] => format!("{a} or {b}"),
        _ => format!("one of {}", quoted.join(", ")),
    }
}

//! Units by name: each figure's `unit` names a built-in unit (`vocab::BUILTIN_UNITS`) or
//! an entry of the dataset's own `units`, which adds a unit or overrides the fields it
//! gives of a built-in one. A name that is neither is shown as written, in Chinese, with
//! no English word (so a chart showing it has no English until the dataset gives one).
//!
//! Version-2 files named ten units by id (`yi_yuan`); they are read as the units they
//! meant, and only there.

use super::model::*;
use super::read::choices;
use super::OLDEST_READ;
use crate::error::{clip, say, Error};
use crate::vocab::{builtin_unit, UnitKind, MAX_SCALE, MIN_SCALE, SCHEMA2_UNIT_IDS};

/// One entry of the dataset's `units`: a unit's name and the fields it sets.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitEntry {
    pub name: String,
    pub zh: Option<String>,
    pub en: Option<String>,
    pub en_before: Option<bool>,
    pub scale: Option<f64>,
    pub base: Option<String>,
    pub kind: Option<UnitKind>,
}

/// Unit names and words are short: they sit after a number.
const MAX_UNIT_CHARS: usize = 20;

/// Entries have a name each, once, short words and a scale conversions can use.
pub fn check_entries(entries: &[UnitEntry]) -> Result<(), Error> {
    for (k, e) in entries.iter().enumerate() {
        let path = |field: &str| format!("units[{k}].{field}");
        let words = [("name", Some(&e.name)), ("zh", e.zh.as_ref())];
        let words = words
            .into_iter()
            .chain([("en", e.en.as_ref()), ("base", e.base.as_ref())]);
        for (field, word) in words {
            if let Some(word) = word {
                check_word(&path(field), word, field == "name")?;
            }
        }
        if let Some(first) = entries[..k].iter().position(|o| o.name == e.name) {
            return Err(Error::invalid(
                path("name"),
                say!(
                    "the unit \"{}\" is already described in units[{}]; describe it once",
                    "单位“{}”已在 units[{}] 中说明，只需说明一次",
                    clip(&e.name),
                    first
                ),
            ));
        }
        if let Some(scale) = e.scale.filter(|s| !(MIN_SCALE..=MAX_SCALE).contains(s)) {
            return Err(Error::invalid(
                path("scale"),
                say!(
                    "{} cannot be a unit's size: write how many of its base it is, from 0.000000001 to 1000000000000 (万 is 10000)",
                    "{} 不能作单位的大小：请写它等于多少个基本单位，0.000000001 到 1000000000000 之间（万为 10000）",
                    crate::format::fixed(scale, 9)
                ),
            ));
        }
    }
    Ok(())
}

/// A unit's name or word: not empty (a name), short, and without control characters.
fn check_word(path: &str, word: &str, required: bool) -> Result<(), Error> {
    let n = word.chars().count();
    let why = if required && word.trim().is_empty() {
        say!("is empty; name the unit", "是空的，请写上单位名称")
    } else if n > MAX_UNIT_CHARS {
        say!(
            "is {} characters long; a unit has at most {}",
            "有 {} 个字符；单位最多 {} 个字符",
            n,
            MAX_UNIT_CHARS
        )
    } else if word.chars().any(char::is_control) {
        say!(
            "contains an invisible control character; remove it",
            "含有看不见的控制字符，请删除"
        )
    } else {
        return Ok(());
    };
    Err(Error::invalid(path, why))
}

/// Puts in each figure the unit its name names (read into `unit.name`).
pub fn resolve(data: &mut Dataset, entries: &[UnitEntry]) -> Result<(), Error> {
    let old = data.converted_from == Some(OLDEST_READ);
    for (i, f) in data.figures.iter_mut().enumerate() {
        if f.unit.name.is_empty() {
            continue; // a number alone
        }
        let name = if old {
            schema2_name(f, i)?
        } else {
            check_word(&format!("figures[{i}].unit"), &f.unit.name, true)?;
            f.unit.name.clone()
        };
        f.unit = unit(&name, entries);
    }
    resolve_annotations(data, entries)
}

/// Puts in each line and band the unit its name names, or the unit of the chart's first
/// figure on an axis when it names none (a line on a chart of rates is a rate).
fn resolve_annotations(data: &mut Dataset, entries: &[UnitEntry]) -> Result<(), Error> {
    for c in 0..data.charts.len() {
        let first = (data.axis_figures(&data.charts[c]).first()).map(|(_, f)| f.unit.clone());
        for (k, a) in data.charts[c].annotations.iter_mut().enumerate() {
            if a.unit.name.is_empty() {
                a.unit = first.clone().unwrap_or_else(Unit::plain);
                continue;
            }
            check_word(
                &format!("charts[{c}].annotations[{k}].unit"),
                &a.unit.name,
                true,
            )?;
            a.unit = unit(&a.unit.name, entries);
        }
    }
    Ok(())
}

/// The unit called `name`: built in or new, with the dataset's entry for it applied.
pub fn unit(name: &str, entries: &[UnitEntry]) -> Unit {
    let mut unit = builtin_unit(name).map_or_else(|| unknown(name), |spec| spec.unit());
    if let Some(e) = entries.iter().find(|e| e.name == name) {
        unit.zh = e.zh.clone().unwrap_or(unit.zh);
        unit.en = e.en.clone().or(unit.en);
        unit.en_before = e.en_before.unwrap_or(unit.en_before);
        unit.scale = e.scale.unwrap_or(unit.scale);
        unit.base = e.base.clone().unwrap_or(unit.base);
        unit.kind = e.kind.unwrap_or(unit.kind);
    }
    unit
}

/// A unit nobody described: its name is its Chinese word; a leading 万 or 亿 is its size
/// (万辆 is 10 000 辆, and converts to 辆); no English.
fn unknown(name: &str) -> Unit {
    let (scale, base) = [("万", 1e4), ("亿", 1e8)]
        .iter()
        .find_map(|(prefix, scale)| {
            let rest = name.strip_prefix(prefix)?;
            (!rest.is_empty()).then_some((*scale, rest))
        })
        .unwrap_or((1.0, name));
    Unit {
        name: name.to_string(),
        zh: name.to_string(),
        en: None,
        base: base.to_string(),
        scale,
        ..Unit::plain()
    }
}

/// A version-2 unit id as the name of its unit. `count` was any count, its measure word
/// in `counter`: the unit of that word when there is one (家, 件), else 个.
fn schema2_name(f: &Figure, i: usize) -> Result<String, Error> {
    let Some(&(_, name)) = SCHEMA2_UNIT_IDS.iter().find(|(id, _)| *id == f.unit.name) else {
        let ids: Vec<&str> = SCHEMA2_UNIT_IDS.iter().map(|(id, _)| *id).collect();
        return Err(Error::invalid(
            format!("figures[{i}].unit"),
            say!(
                "\"{}\" is not a unit of version 2; use one of: {} (version 3 takes any unit by name, such as \"亿美元\")",
                "“{}”不是第 2 版的单位；可用：{}（第 3 版可直接写任何单位名称，如“亿美元”）",
                clip(&f.unit.name),
                choices(&ids)
            ),
        ));
    };
    let word = f.counter.as_ref().map(|c| c.zh.as_str());
    let counted = word.and_then(builtin_unit).filter(|u| u.whole);
    Ok(match (name, counted) {
        ("个", Some(unit)) => unit.name,
        _ => name,
    }
    .to_string())
}

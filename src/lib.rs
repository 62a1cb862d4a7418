//! park-infographic: an industrial park's indicators and plans as interactive charts.
//!
//! Plain Rust everywhere (data, layout, hit-testing, formatting, painting), tested
//! natively; this file is the only one that speaks `wasm_bindgen`. JavaScript gets two
//! handles: `Data` (a parsed, validated dataset, shared by every chart on a page) and
//! `Chart` (one chart: render, hit-test, highlight, describe). DOM events stay in
//! `www/embed.js`.

pub mod charts;
pub mod data;
pub mod describe;
pub mod error;
pub mod format;
#[cfg(target_arch = "wasm32")]
mod heap;
pub mod hit;
pub mod layout;
#[cfg(any(not(target_arch = "wasm32"), feature = "editor"))]
pub mod long;
pub mod paint;
pub mod scale;
#[cfg(any(not(target_arch = "wasm32"), feature = "editor"))]
pub mod svg;
pub mod theme;
pub mod vocab;

use data::{AnnotationKind, Dataset};
use error::Error;
use layout::{Frame, Layout};
use paint::{paint_part, Part, Target};
use plotters_canvas::CanvasBackend;
use std::rc::Rc;
use theme::{Theme, ThemeName};
use vocab::Lang;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static HEAP: heap::Heap = heap::Heap::new();

impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        JsError::new(&e.to_string()).into()
    }
}

/// In debug builds a panic's message reaches the console, not just "unreachable". Release
/// builds leave it out: the message formatting is code every reader would download.
#[cfg(debug_assertions)]
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// `lang` as the widget spells it, or an error naming the choices.
fn parse_lang(lang: &str) -> Result<Lang, Error> {
    Lang::parse(lang).ok_or_else(|| Error::UnknownLang(lang.to_string()))
}

/// A parsed and validated dataset. Parse once per page and share it between charts.
#[wasm_bindgen]
pub struct Data {
    inner: Rc<Dataset>,
}

/// Public methods, exported to JavaScript.
#[wasm_bindgen]
impl Data {
    /// A compact data file's bytes: the built-in data's (`data/<chart>.bin`, `data/all.bin`)
    /// or one an editor published (`compactBytes`). Files come from anywhere, so it checks
    /// the header and checksum, and what charts need to be drawn safely (`data::compact`).
    /// Only in the compact files' module: the JSON module's pages read editors' JSON.
    #[cfg(not(feature = "json"))]
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<Data, JsValue> {
        Ok(Data {
            inner: Rc::new(data::compact::decode(bytes)?),
        })
    }

    /// An editor's JSON in the same schema; the error names the line and column, or the
    /// field and what is wrong with it.
    #[cfg(feature = "json")]
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> Result<Data, JsValue> {
        Ok(Data {
            inner: Rc::new(Dataset::from_json(json)?),
        })
    }

    /// The chart ids this dataset has words for, in its order.
    #[wasm_bindgen(js_name = chartIds)]
    pub fn chart_ids(&self) -> Vec<String> {
        self.inner.chart_ids()
    }

    /// The languages the chart can be shown in: `["zh"]`, or `["zh", "en"]` when every
    /// text it shows has its English. (The editor's module only: a widget learns it from
    /// `new Chart`'s error, which names the text without English.)
    #[cfg(feature = "editor")]
    pub fn langs(&self, chart: &str) -> Result<Vec<String>, JsValue> {
        let langs = self.inner.langs(chart)?;
        Ok(langs.iter().map(|l| l.code().to_string()).collect())
    }

    /// The schema version the file was written in when it was older and was converted as
    /// it was read (2), else `undefined`. (The editor's module only.)
    #[cfg(feature = "editor")]
    #[wasm_bindgen(getter, js_name = convertedFrom)]
    pub fn converted_from(&self) -> Option<u32> {
        self.inner.converted_from
    }
}

/// One chart bound to a dataset, a language and a theme; keeps its last layout for hover.
#[wasm_bindgen]
pub struct Chart {
    data: Rc<Dataset>,
    id: String,
    lang: Lang,
    theme: Theme,
    layout: Option<Layout>,
}

/// Public methods, exported to JavaScript.
#[wasm_bindgen]
impl Chart {
    /// `chart`: any chart id the dataset has; `lang`: `zh` or `en` (`en` only for a chart
    /// with English everywhere: else the error names the text without); `theme`:
    /// `light` or `dark` (the host resolves `auto` from `prefers-color-scheme`).
    #[wasm_bindgen(constructor)]
    pub fn new(data: &Data, chart: &str, lang: &str, theme: &str) -> Result<Chart, JsValue> {
        let lang = parse_lang(lang)?;
        let id = data.inner.chart_in(chart, lang)?.id.clone();
        Ok(Chart {
            data: Rc::clone(&data.inner),
            id,
            lang,
            theme: Theme::get(ThemeName::parse(theme)?),
            layout: None,
        })
    }

    /// Lays out for `width_css` at pixel ratio `dpr` (hit-testing and `heightCss` answer
    /// from here on) …
    #[wasm_bindgen(js_name = layOut)]
    pub fn lay_out(&mut self, width_css: f64, dpr: f64) -> Result<(), JsValue> {
        let frame = Frame::new(width_css, dpr)?;
        self.layout = Some(charts::layout(
            &self.data, &self.id, self.lang, self.theme, frame,
        )?);
        Ok(())
    }

    /// … then draws that layout, sizing the canvas's backing store to it (CSS size × dpr,
    /// so it is sharp).
    pub fn draw(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        self.draw_part(canvas, Part::All)
    }

    /// `draw` spread over tasks (a page drawing many charts): draws part `index` of
    /// `Part::SEQUENCE` (0: the backing store, background and every shape but the texts;
    /// then the texts, in two halves, over what the parts before left on the same canvas;
    /// an index past the end is the last part). True once the drawing is whole.
    #[wasm_bindgen(js_name = drawPart)]
    pub fn draw_part_at(&self, canvas: &HtmlCanvasElement, index: u32) -> Result<bool, JsValue> {
        let last = Part::SEQUENCE.len() - 1;
        let i = (index as usize).min(last);
        self.draw_part(canvas, Part::SEQUENCE[i])?;
        Ok(i == last)
    }

    fn draw_part(&self, canvas: &HtmlCanvasElement, part: Part) -> Result<(), JsValue> {
        let layout = self
            .layout
            .as_ref()
            .ok_or_else(|| Error::Draw("the chart has not been laid out".into()))?;
        if matches!(part, Part::All | Part::Shapes) {
            canvas.set_width(layout.width_px.max(1) as u32);
            canvas.set_height(layout.height_px.max(1) as u32);
        }
        let mut backend = CanvasBackend::with_canvas_object(canvas.clone())
            .ok_or_else(|| Error::Draw("the canvas has no 2D context".into()))?;
        paint_part(
            &mut backend,
            &layout.shapes,
            Some(layout.background),
            Target::CANVAS,
            part,
        )?;
        Ok(())
    }

    /// Height of the last render in CSS pixels (0 before the first).
    #[wasm_bindgen(getter, js_name = heightCss)]
    pub fn height_css(&self) -> f64 {
        self.layout
            .as_ref()
            .map_or(0.0, |l| f64::from(l.height_px) / l.scale)
    }

    /// Width of the last render in CSS pixels (narrow containers are drawn at 240).
    #[wasm_bindgen(getter, js_name = widthCss)]
    pub fn width_css(&self) -> f64 {
        self.layout
            .as_ref()
            .map_or(0.0, |l| f64::from(l.width_px) / l.scale)
    }

    #[wasm_bindgen(getter, js_name = markCount)]
    pub fn mark_count(&self) -> usize {
        self.layout.as_ref().map_or(0, |l| l.marks.len())
    }

    /// The mark under a point given in CSS pixels from the canvas's top-left, or −1.
    #[wasm_bindgen(js_name = hitTest)]
    pub fn hit_test(&self, x_css: f64, y_css: f64) -> i32 {
        let Some(l) = &self.layout else { return -1 };
        let (x, y) = ((x_css * l.scale).floor(), (y_css * l.scale).floor());
        if !x.is_finite() || !y.is_finite() {
            return -1;
        }
        hit::hit(l, x as i32, y as i32).map_or(-1, |i| i as i32)
    }

    /// Arrow-key navigation: the mark `delta` (±1) from `current` (−1 for none), wrapping.
    pub fn step(&self, current: i32, delta: i32) -> i32 {
        let Some(l) = &self.layout else { return -1 };
        let current = usize::try_from(current).ok().filter(|&c| c < l.marks.len());
        hit::step(l, current, delta.signum()).map_or(-1, |i| i as i32)
    }

    /// The figure behind `mark`: `{id, label, value, unit, valueText, period, kind,
    /// derived, note, source, highlight, remark, lines, sentence}`; for a line's or band's label,
    /// the same with `id` null and `annotation` its type. `undefined` for no such mark.
    pub fn describe(&self, mark: usize) -> JsValue {
        let Some(m) = self.layout.as_ref().and_then(|l| l.marks.get(mark)) else {
            return JsValue::UNDEFINED;
        };
        let Some(spec) = self.data.chart(&self.id) else {
            return JsValue::UNDEFINED;
        };
        let d = match m.annotation {
            Some(k) => spec.annotations.get(k).map(|a| self.annotation(a)),
            None => self.data.figures.get(m.figure).map(|f| {
                let d = describe::in_chart(&self.data, spec, f, self.lang);
                let out = described_object(&d);
                (d, out)
            }),
        };
        let Some((d, out)) = d else {
            return JsValue::UNDEFINED;
        };
        let lines: js_sys::Array = d
            .lines()
            .iter()
            .map(|l| JsValue::from(l.as_str()))
            .collect();
        set(&out, "lines", lines.into());
        set(&out, "sentence", d.sentence().into());
        out.into()
    }

    /// `[x, y, w, h]` in CSS pixels: the drawn mark (bar, dot, square, tile rule).
    #[wasm_bindgen(js_name = markBox)]
    pub fn mark_box(&self, mark: usize) -> Vec<f64> {
        let Some((l, m)) = self
            .layout
            .as_ref()
            .and_then(|l| Some((l, l.marks.get(mark)?)))
        else {
            return Vec::new();
        };
        let r = m.outline;
        [r.x, r.y, r.w, r.h]
            .iter()
            .map(|v| f64::from(*v) / l.scale)
            .collect()
    }

    pub fn title(&self) -> String {
        self.data
            .chart(&self.id)
            .map_or_else(String::new, |s| self.lang.pick(&s.title).to_string())
    }

    /// What the chart shows, in a sentence, then what its annotations say (its accessible
    /// description).
    pub fn description(&self) -> String {
        self.data.chart(&self.id).map_or_else(String::new, |s| {
            describe::chart_description(&self.data, s, self.lang)
        })
    }

    /// Every figure of the chart, described (a note on it in its `remark`), then the lines
    /// and bands: the data-table alternative, read in that order.
    pub fn table(&self) -> js_sys::Array {
        let out = js_sys::Array::new();
        let Some(spec) = self.data.chart(&self.id) else {
            return out;
        };
        for (_, f) in self.data.figures_of(&self.id) {
            let d = describe::in_chart(&self.data, spec, f, self.lang);
            out.push(&described_object(&d));
        }
        for a in &spec.annotations {
            if matches!(a.kind, AnnotationKind::Line | AnnotationKind::Band) {
                out.push(&self.annotation(a).1);
            }
        }
        out
    }

    /// An annotation described, and as the plain object `describe` gives.
    fn annotation(&self, a: &data::Annotation) -> (describe::Described, js_sys::Object) {
        let d = describe::annotation(&self.data, a, self.lang);
        let out = described_object(&d);
        let kind = vocab::ANNOTATION_NAMES[a.kind as usize].0;
        set(&out, "annotation", kind.into());
        (d, out)
    }
}

/// A described figure as a plain object (absent values are `null`). Built directly rather
/// than through a serde serializer, whose string cache and glue readers would download.
fn described_object(d: &describe::Described) -> js_sys::Object {
    let text = |s: &Option<String>| s.as_deref().map_or(JsValue::NULL, JsValue::from);
    let out = js_sys::Object::new();
    let id = Some(d.id.clone()).filter(|id| !id.is_empty());
    set(&out, "id", text(&id));
    set(&out, "label", d.label.as_str().into());
    set(&out, "value", d.value.map_or(JsValue::NULL, JsValue::from));
    set(&out, "unit", d.unit.as_str().into());
    set(&out, "valueText", d.value_text.as_str().into());
    set(&out, "period", d.period.as_str().into());
    set(&out, "kind", d.kind.map_or(JsValue::NULL, JsValue::from));
    set(&out, "derived", text(&d.derived));
    set(&out, "note", text(&d.note));
    set(&out, "source", d.source.as_str().into());
    let highlight = d.highlight.map_or(JsValue::NULL, JsValue::from);
    set(&out, "highlight", highlight);
    set(&out, "remark", text(&d.remark));
    out
}

fn set(object: &js_sys::Object, key: &str, value: JsValue) {
    // Cannot fail: a fresh plain object with no setters or proxies.
    let _ = js_sys::Reflect::set(object, &key.into(), &value);
}

// The editor page's module (feature `editor`, www/editor/): what only the editor needs,
// so that no embed downloads it.

/// `[]` when `json` is a valid dataset, else `[path, message]`: the path names the field
/// (`figures[3].value`), or is empty for the file as a whole (invalid JSON: the message
/// has the line and column); the message is in `lang` (`zh` or `en`, English when
/// absent), in plain words. The same reading and validation as `Data.fromJson`.
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = checkJson)]
pub fn check_json(json: &str, lang: Option<String>) -> Vec<String> {
    match data::check_json(json, ui_lang(lang)) {
        None => Vec::new(),
        Some((path, message)) => vec![path, message],
    }
}

/// The value figure `index`'s `derived` rule gives from its inputs (one decimal). The file
/// is read but not validated: a stale stated value does not stop it.
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = deriveValue)]
pub fn derive_value(json: &str, index: usize) -> Result<f64, JsValue> {
    Ok(data::derived_value(&Dataset::read_json(json)?, index)?)
}

/// An editor's JSON, read and validated exactly as `Data.fromJson` reads it, in the compact
/// form (`data::compact`) that a widget with a `data-src` ending in `.bin` reads: what
/// the editor publishes.
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = compactBytes)]
pub fn compact_bytes(json: &str) -> Result<Vec<u8>, JsValue> {
    Ok(data::compact::encode(&Dataset::from_json(json)?))
}

/// The rule names `derived.op` accepts, in the order the schema documents them.
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = deriveOps)]
pub fn derive_ops() -> Vec<String> {
    Dataset::derive_ops()
}

/// One chart of a valid dataset as an SVG document at `width_css`, for print and for
/// platforms that run no scripts.
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = chartSvg)]
pub fn chart_svg(
    json: &str,
    chart: &str,
    lang: &str,
    theme: &str,
    width_css: f64,
) -> Result<String, JsValue> {
    let data = Dataset::from_json(json)?;
    let theme = Theme::get(ThemeName::parse(theme)?);
    Ok(svg::render(&data, chart, parse_lang(lang)?, theme, width_css)?.0)
}

/// The language an editor's call asks its messages in: `zh` or `en` (English when it
/// gives none, as before the editor spoke Chinese).
#[cfg(feature = "editor")]
fn ui_lang(lang: Option<String>) -> Lang {
    lang.as_deref().and_then(Lang::parse).unwrap_or(Lang::En)
}

/// One spreadsheet cell as journalists type it (`约5亿元`, `超100家`, `US$1.85bn`), read:
/// `{value, low?, unit, unitKnown, bound, typed, reading, error?}` (see
/// `data::typed::Reading`); `lang` is the language of `error` (and of `reading` for a
/// cell with no value).
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = readValue)]
pub fn read_value(text: &str, lang: Option<String>) -> JsValue {
    let r = error::in_lang(ui_lang(lang), || data::typed::read_value(text));
    let out = js_sys::Object::new();
    set(&out, "value", r.value.map_or(JsValue::NULL, JsValue::from));
    if let Some(low) = r.low {
        set(&out, "low", low.into());
    }
    let unit = r.unit.as_deref().map_or(JsValue::NULL, JsValue::from);
    set(&out, "unit", unit);
    set(&out, "unitKnown", r.unit_known.into());
    set(&out, "bound", vocab::BOUND_NAMES[r.bound as usize].0.into());
    set(&out, "typed", r.typed.as_str().into());
    set(&out, "reading", r.reading.as_str().into());
    if let Some(error) = &r.error {
        set(&out, "error", error.as_str().into());
    }
    out.into()
}

/// The vocabulary the editor offers, named in `lang`: `{units: [{name, zh, en, enBefore,
/// kind, base, scale}], bounds, kinds, unitKinds: [{id, label}], forms: [{id, label,
/// for}], rules: [{id, label}], annotations: [{id, label}], figuresPerChart}`. The editor
/// keeps no copy of any of it.
#[cfg(feature = "editor")]
#[wasm_bindgen]
pub fn vocabulary(lang: &str) -> Result<JsValue, JsValue> {
    use vocab::{label, Label};
    let lang = parse_lang(lang)?;
    let units: js_sys::Array = (vocab::BUILTIN_UNITS.iter())
        .map(|u| {
            let o = js_sys::Object::new();
            set(&o, "name", u.name.into());
            set(&o, "zh", u.zh.into());
            set(&o, "en", u.en.into());
            set(&o, "enBefore", u.en_before.into());
            set(&o, "kind", vocab::UNIT_KIND_NAMES[u.kind as usize].0.into());
            set(&o, "base", u.base.into());
            set(&o, "scale", u.scale.into());
            JsValue::from(o)
        })
        .collect();
    let named = |list: &[Label]| -> js_sys::Array {
        list.iter()
            .map(|entry| {
                let o = js_sys::Object::new();
                set(&o, "id", entry.0.into());
                set(&o, "label", label(entry, lang).into());
                JsValue::from(o)
            })
            .collect()
    };
    let forms: js_sys::Array = (charts::FORMS.iter())
        .map(|def| {
            let o = js_sys::Object::new();
            let pick =
                |(zh, en): (&'static str, &'static str)| if lang == Lang::Zh { zh } else { en };
            set(&o, "id", def.name().into());
            set(&o, "label", pick(def.label).into());
            set(&o, "for", pick(def.for_).into());
            JsValue::from(o)
        })
        .collect();
    let out = js_sys::Object::new();
    set(&out, "units", units.into());
    set(&out, "bounds", named(&vocab::BOUND_LABELS).into());
    set(&out, "kinds", named(&vocab::KIND_LABELS).into());
    set(&out, "unitKinds", named(&vocab::UNIT_KIND_LABELS).into());
    set(&out, "forms", forms.into());
    set(&out, "rules", named(&vocab::RULE_LABELS).into());
    set(&out, "annotations", named(&vocab::ANNOTATION_LABELS).into());
    // The editor spreads a long paste over charts the validator accepts.
    set(&out, "figuresPerChart", data::MAX_FIGURES_PER_CHART.into());
    Ok(out.into())
}

/// A form for the chart, from its figures: bars for comparable values in one unit, tiles
/// for unrelated figures, units for small whole counts, share for a part of a whole,
/// path for an index over steps, areas, ranks (`charts::suggest`). The file is read, not
/// validated: it may be half edited.
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = suggestForm)]
pub fn suggest_form(json: &str, chart: &str) -> Result<String, JsValue> {
    let data = Dataset::read_json(json)?;
    Ok(charts::suggest(&data, chart)?.as_str().to_string())
}

/// One chart of a valid dataset as the inline picture a snippet carries (`svg::picture`):
/// `look` is `auto`, `light` or `dark`.
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = chartPicture)]
pub fn chart_picture(
    json: &str,
    chart: &str,
    lang: &str,
    look: &str,
    width_css: f64,
) -> Result<String, JsValue> {
    let data = Dataset::from_json(json)?;
    let look = svg::Look::parse(look)?;
    Ok(svg::picture(&data, chart, parse_lang(lang)?, look, width_css)?.0)
}

/// One chart's compact file (what it shows and what its derived figures come from), as
/// the built-in charts' `data/<chart>.bin`: what a published snippet's widget downloads.
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = compactChart)]
pub fn compact_chart(json: &str, chart: &str) -> Result<Vec<u8>, JsValue> {
    let data = Dataset::from_json(json)?;
    let id = data.chart_or_error(chart)?.id.clone();
    Ok(data::compact::encode(&data::compact::subset(&data, &id)))
}

/// The chart set as one long image for WeChat, Weibo and feeds that run no scripts
/// (`long::long_image`): an SVG document 1080 px wide, light, in `lang`, every chart that
/// has that language, with a QR code to `qr_url` unless it is empty. With `chart`, that
/// chart alone at the same phone layout, for a post of its own (no QR code). The page
/// draws it on a canvas to save a PNG; its `<desc>` is the image's alternative text.
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = longImageSvg)]
pub fn long_image_svg(
    json: &str,
    lang: &str,
    qr_url: Option<String>,
    chart: Option<String>,
) -> Result<String, JsValue> {
    Ok(long_image_of(json, lang, qr_url, chart)?.svg)
}

/// The alternative text of the image `longImageSvg` returns for the same arguments: every
/// band's words and figures in reading order, as `render --long` writes its `.txt` files.
#[cfg(feature = "editor")]
#[wasm_bindgen(js_name = longImageText)]
pub fn long_image_text(
    json: &str,
    lang: &str,
    qr_url: Option<String>,
    chart: Option<String>,
) -> Result<String, JsValue> {
    Ok(long_image_of(json, lang, qr_url, chart)?.text)
}

/// The long image, or `chart` alone, as both exports above describe it.
#[cfg(feature = "editor")]
fn long_image_of(
    json: &str,
    lang: &str,
    qr_url: Option<String>,
    chart: Option<String>,
) -> Result<long::Image, Error> {
    let data = Dataset::from_json(json)?;
    let lang = parse_lang(lang)?;
    match chart {
        Some(id) => long::chart_image(&data, &id, lang),
        None => long::long_image(&data, lang, qr_url.as_deref()),
    }
}

//! Renders charts to SVG natively, with the same chart code the browser runs.
//!
//!     cargo run --bin render -- --chart growth-2019 --lang zh --out x.svg
//!     cargo run --bin render -- --all --out-dir dist/fallback      # <chart>.<lang>.svg
//!     cargo run --bin render -- --pictures out   # <chart>.<lang>.<look>.<width>.svg, inline
//!
//!     cargo run --bin render -- --heights dist/heights.js     # for the loading skeleton
//!     cargo run --bin render -- --compact dist/data           # <chart>.bin, all.bin
//!     cargo run --bin render -- --labels labels.json          # every label, for font checks
//!
//!     cargo run --bin render -- --long out --qr https://…/   # long.<lang>.png, .txt and
//!                                                            # <chart>.<lang>.png, .txt
//!
//! Options: --theme light|dark (light), --width CSS px (640), --data editor.json.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    match native::run(std::env::args().skip(1).collect()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("render: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use park_infographic::data::Dataset;
    use park_infographic::svg;
    use park_infographic::theme::{Theme, ThemeName};
    use park_infographic::vocab::Lang;
    use std::path::{Path, PathBuf};

    /// What the command line asks for.
    #[derive(Default)]
    struct Options {
        chart: Option<String>,
        lang: Option<String>,
        theme: Option<String>,
        width_css: Option<f64>,
        out: Option<PathBuf>,
        out_dir: Option<PathBuf>,
        data_path: Option<PathBuf>,
        all: bool,
        heights: Option<PathBuf>,
        labels: Option<PathBuf>,
        compact: Option<PathBuf>,
        pictures: Option<PathBuf>,
        long: Option<PathBuf>,
        qr: Option<String>,
    }

    fn parse(args: Vec<String>) -> Result<Options, String> {
        let mut o = Options::default();
        let mut it = args.into_iter();
        while let Some(flag) = it.next() {
            let mut value = || it.next().ok_or(format!("{flag} needs a value"));
            match flag.as_str() {
                "--chart" => o.chart = Some(value()?),
                "--lang" => o.lang = Some(value()?),
                "--theme" => o.theme = Some(value()?),
                "--width" => {
                    let w = value()?.parse().map_err(|e| format!("--width: {e}"))?;
                    o.width_css = Some(w);
                }
                "--out" => o.out = Some(PathBuf::from(value()?)),
                "--out-dir" => o.out_dir = Some(PathBuf::from(value()?)),
                "--data" => o.data_path = Some(PathBuf::from(value()?)),
                "--all" => o.all = true,
                "--heights" => o.heights = Some(PathBuf::from(value()?)),
                "--labels" => o.labels = Some(PathBuf::from(value()?)),
                "--compact" => o.compact = Some(PathBuf::from(value()?)),
                "--pictures" => o.pictures = Some(PathBuf::from(value()?)),
                "--long" => o.long = Some(PathBuf::from(value()?)),
                "--qr" => o.qr = Some(value()?),
                other => return Err(format!("unknown option {other}")),
            }
        }
        Ok(o)
    }

    /// The dataset: an editor's JSON file, or the built-in data.
    fn load(path: Option<&Path>) -> Result<Dataset, String> {
        let Some(p) = path else {
            return Dataset::default_data().map_err(|e| e.to_string());
        };
        let json = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
        Dataset::from_json(&json).map_err(|e| format!("{}: {e}", p.display()))
    }

    fn write(path: &Path, text: &str) -> Result<(), String> {
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn run(args: Vec<String>) -> Result<(), String> {
        let o = parse(args)?;
        let data = load(o.data_path.as_deref())?;
        let theme = ThemeName::parse(o.theme.as_deref().unwrap_or("light"));
        let theme = Theme::get(theme.map_err(|e| e.to_string())?);
        let width_css = o.width_css.unwrap_or(640.0);
        if let Some(path) = o.labels {
            return write(&path, &crate::labels::every_label(theme)?);
        }
        if let Some(dir) = o.compact {
            return compact_files(&data, &dir);
        }
        if let Some(path) = o.heights {
            return write(&path, &heights_module(&data, theme)?);
        }
        if let Some(dir) = o.pictures {
            return picture_files(&data, &dir);
        }
        if let Some(dir) = o.long {
            return long_files(&data, &dir, o.qr.as_deref());
        }
        if o.all {
            let dir = o.out_dir.ok_or("--all needs --out-dir")?;
            return fallback_files(&data, theme, width_css, &dir);
        }
        let id = o.chart.ok_or("--chart is required (or --all)")?;
        let lang = o.lang.unwrap_or_else(|| "zh".to_string());
        let lang = Lang::parse(&lang).ok_or(format!("unknown lang \"{lang}\"; use zh or en"))?;
        let (svg, _) =
            svg::render(&data, &id, lang, theme, width_css).map_err(|e| e.to_string())?;
        match o.out {
            Some(p) => write(&p, &svg),
            None => {
                print!("{svg}");
                Ok(())
            }
        }
    }

    const LANGS: [(&str, Lang); 2] = [("zh", Lang::Zh), ("en", Lang::En)];

    /// The languages chart `id` can be drawn in: Chinese, and English when every text it
    /// shows has its English (an editor's data may be in Chinese only).
    fn langs_of(data: &Dataset, id: &str) -> Result<Vec<(&'static str, Lang)>, String> {
        let langs = data.langs(id).map_err(|e| e.to_string())?;
        Ok(LANGS
            .into_iter()
            .filter(|(_, l)| langs.contains(l))
            .collect())
    }

    /// The no-script fallbacks, `<chart>.<lang>.svg`: standalone documents at one width.
    fn fallback_files(
        data: &Dataset,
        theme: Theme,
        width_css: f64,
        dir: &Path,
    ) -> Result<(), String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for id in data.chart_ids() {
            for (code, lang) in langs_of(data, &id)? {
                let (svg, _) =
                    svg::render(data, &id, lang, theme, width_css).map_err(|e| e.to_string())?;
                write(&dir.join(format!("{id}.{code}.svg")), &svg)?;
            }
        }
        Ok(())
    }

    /// The widths pictures are laid out for: a phone's column and a desktop article's.
    const PICTURE_WIDTHS_CSS: [u32; 2] = [360, 640];

    /// The snippets' inline pictures, `<chart>.<lang>.<look>.<width>.svg`, for every chart,
    /// language, look and picture width.
    fn picture_files(data: &Dataset, dir: &Path) -> Result<(), String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for id in data.chart_ids() {
            for (code, lang) in langs_of(data, &id)? {
                for look in svg::Look::ALL {
                    for width in PICTURE_WIDTHS_CSS {
                        let (svg, _) = svg::picture(data, &id, lang, look, f64::from(width))
                            .map_err(|e| format!("{id} {code} {}: {e}", look.name()))?;
                        let name = format!("{id}.{code}.{}.{width}.svg", look.name());
                        write(&dir.join(name), &svg)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// The images for platforms that run no scripts (WeChat, Weibo), at a phone's layout
    /// 1080 px wide: `long.<lang>.png`, every chart of that language in one long image
    /// (with a QR code to `qr` when given), and `<chart>.<lang>.png`, each chart alone;
    /// beside each its alternative text (`.txt`). A language no chart has gets no images.
    fn long_files(data: &Dataset, dir: &Path, qr: Option<&str>) -> Result<(), String> {
        use park_infographic::long::{chart_image, long_image, raster};
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let fonts = raster::Fonts::system().map_err(|e| e.to_string())?;
        for (code, lang) in LANGS {
            let ids: Vec<String> = data
                .chart_ids()
                .into_iter()
                .filter(|id| data.chart_in(id, lang).is_ok())
                .collect();
            if ids.is_empty() {
                continue;
            }
            let image = long_image(data, lang, qr).map_err(|e| format!("long.{code}: {e}"))?;
            let mut images = vec![(format!("long.{code}"), image)];
            for id in &ids {
                let image = chart_image(data, id, lang).map_err(|e| format!("{id}.{code}: {e}"))?;
                images.push((format!("{id}.{code}"), image));
            }
            for (name, image) in images {
                let png = raster::png(&image, &fonts).map_err(|e| format!("{name}.png: {e}"))?;
                if png.len() > raster::MAX_BYTES {
                    return Err(format!(
                        "{name}.png is {} bytes, over the platforms' {} bytes",
                        png.len(),
                        raster::MAX_BYTES
                    ));
                }
                let path = dir.join(format!("{name}.png"));
                std::fs::write(&path, png).map_err(|e| format!("{}: {e}", path.display()))?;
                write(
                    &dir.join(format!("{name}.txt")),
                    &format!("{}\n", image.text),
                )?;
            }
        }
        Ok(())
    }

    /// The data files the built-in charts' module reads (`data::compact`): one per chart
    /// with what that chart needs, and `all.bin` for `chart="all"`. Each is read back as
    /// the widget reads it before it is written, so no file the widget refuses ships.
    fn compact_files(data: &Dataset, dir: &std::path::Path) -> Result<(), String> {
        use park_infographic::data::compact::{decode, encode, subset};
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut files = vec![("all".to_string(), data.clone())];
        for id in data.chart_ids() {
            files.push((id.clone(), subset(data, &id)));
        }
        for (name, part) in files {
            let bytes = encode(&part);
            if decode(&bytes).as_ref() != Ok(&part) {
                return Err(format!("{name}.bin does not read back as written"));
            }
            let path = dir.join(format!("{name}.bin"));
            std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(())
    }

    /// Every chart's height (CSS px, pixel ratio 1) by width, as an ES module: the web
    /// component reserves this height while the wasm loads, so the page does not jump
    /// when the chart appears. Heights change at a few widths only, so each chart and
    /// language is a list of `[from width, height, from width, height, …]`, measured every
    /// HEIGHT_STEP_CSS px from 240 to 1200.
    fn heights_module(data: &Dataset, theme: Theme) -> Result<String, String> {
        use park_infographic::charts::layout;
        use park_infographic::layout::Frame;
        const HEIGHT_STEP_CSS: usize = 20;
        let mut charts = Vec::new();
        for c in &data.charts {
            let mut langs = Vec::new();
            for (code, lang) in [("zh", Lang::Zh), ("en", Lang::En)] {
                let mut changes: Vec<String> = Vec::new();
                let mut last = None;
                for w in (240..=1200u32).step_by(HEIGHT_STEP_CSS) {
                    let frame = Frame::new(f64::from(w), 1.0).map_err(|e| e.to_string())?;
                    let h = layout(data, &c.id, lang, theme, frame)
                        .map_err(|e| e.to_string())?
                        .height_px;
                    if last != Some(h) {
                        changes.extend([w.to_string(), h.to_string()]);
                        last = Some(h);
                    }
                }
                langs.push(format!("\"{code}\":[{}]", changes.join(",")));
            }
            charts.push(format!("\"{}\":{{{}}}", c.id, langs.join(",")));
        }
        Ok(format!(
            "// Generated by `render --heights`: chart heights (CSS px) by width, for the built-in data.\nexport default {{\"charts\":{{{}}}}};\n",
            charts.join(",")
        ))
    }
}

/// `--labels`: every text the layout places, with the canvas font it is painted in and
/// the box the layout gave it, for the default data and generated datasets that stress
/// text (labels at the length limit, big numbers), in both languages, at 320 and 960 CSS
/// px and pixel ratios 1 and 2. The cross-engine tests measure each with the browser's
/// real font (canvas `measureText`) and check it fits its box.
#[cfg(not(target_arch = "wasm32"))]
mod labels {
    use park_infographic::charts::layout;
    use park_infographic::data::{Dataset, DEFAULT_JSON, MAX_LABEL_CHARS};
    use park_infographic::layout::{Frame, Shape};
    use park_infographic::paint::canvas_font;
    use park_infographic::theme::Theme;
    use park_infographic::vocab::Lang;
    use serde_json::{json, Value};

    const WIDTHS_CSS: [f64; 2] = [320.0, 960.0];
    const RATIOS: [f64; 2] = [1.0, 2.0];

    pub fn every_label(theme: Theme) -> Result<String, String> {
        let base: Value = serde_json::from_str(DEFAULT_JSON).map_err(|e| e.to_string())?;
        let sets = [
            ("default", base.clone()),
            ("long-labels", long_labels(base.clone())),
            ("big-numbers", big_numbers(base)),
        ];
        let mut cases = Vec::new();
        for (name, value) in sets {
            // Generated data must be data an editor could send: it passes validation.
            let data =
                Dataset::from_json(&value.to_string()).map_err(|e| format!("{name}: {e}"))?;
            // The default data has a chart or panel in every form.
            for c in &data.charts {
                let id = c.id.as_str();
                for (code, lang) in [("zh", Lang::Zh), ("en", Lang::En)] {
                    for width_css in WIDTHS_CSS {
                        for dpr in RATIOS {
                            let frame = Frame::new(width_css, dpr).map_err(|e| e.to_string())?;
                            let l =
                                layout(&data, id, lang, theme, frame).map_err(|e| e.to_string())?;
                            let texts: Vec<Value> = l
                                .shapes
                                .iter()
                                .filter_map(|s| match s {
                                    Shape::Text {
                                        text,
                                        size_px,
                                        bold,
                                        ..
                                    } => {
                                        let b = s.text_box()?;
                                        Some(json!({
                                            "text": text,
                                            "font": canvas_font(*size_px, *bold),
                                            "box": [b.x, b.y, b.w, b.h],
                                        }))
                                    }
                                    _ => None,
                                })
                                .collect();
                            cases.push(json!({
                                "dataset": name,
                                "chart": c.id,
                                "lang": code,
                                "widthCss": width_css,
                                "dpr": dpr,
                                "widthPx": l.width_px,
                                "labels": texts,
                            }));
                        }
                    }
                }
            }
        }
        Ok(json!({ "cases": cases }).to_string())
    }

    /// `text` repeated to the label limit: the longest label an editor may send.
    fn at_limit(text: &str) -> String {
        let repeated: String = text
            .chars()
            .chain([' '])
            .cycle()
            .take(MAX_LABEL_CHARS)
            .collect();
        repeated.trim_end().to_string()
    }

    /// Every label-like text (titles, group and figure labels, short labels) at the limit.
    fn long_labels(mut data: Value) -> Value {
        // A text is {"zh": …, "en": …}; a missing one (no short label) stays missing.
        let stretch = |v: Option<&mut Value>| {
            for text in v
                .and_then(Value::as_object_mut)
                .into_iter()
                .flat_map(|o| o.values_mut())
            {
                if let Some(s) = text.as_str() {
                    *text = Value::String(at_limit(s));
                }
            }
        };
        for chart in each(data.get_mut("charts")) {
            stretch(chart.get_mut("title"));
            for group in each(chart.get_mut("groups")) {
                stretch(group.get_mut("label"));
            }
        }
        for figure in each(data.get_mut("figures")) {
            stretch(figure.get_mut("label"));
            stretch(figure.get_mut("short"));
        }
        data
    }

    /// The items of the array `v`, if it is one. (`get_mut`, not indexing: indexing a
    /// missing key would insert a null.)
    fn each(v: Option<&mut Value>) -> Vec<&mut Value> {
        v.and_then(Value::as_array_mut)
            .map(|a| a.iter_mut().collect())
            .unwrap_or_default()
    }

    /// Stated figures that no derived figure depends on, made huge (and growth rates
    /// steeply negative): the widest numbers the formatter writes.
    fn big_numbers(mut data: Value) -> Value {
        let figures = data["figures"].as_array_mut();
        let Some(figures) = figures else { return data };
        let used: Vec<String> = figures
            .iter()
            .flat_map(|f| f["derived"]["from"].as_array().cloned().unwrap_or_default())
            .filter_map(|id| id.as_str().map(str::to_string))
            .collect();
        for (k, f) in figures.iter_mut().enumerate() {
            let id = f["id"].as_str().unwrap_or_default().to_string();
            if f.get("derived").is_some() || used.contains(&id) || f["value"].is_null() {
                continue;
            }
            // Unit ids in a version-2 file, names in version 3.
            let big = match f["unit"].as_str() {
                Some("percent" | "%") if k % 2 == 0 => json!(-98765.4),
                Some("percent" | "%") => json!(123456.7),
                Some("count" | "rank" | "years" | "位" | "年") => json!(987_654_321_012_u64),
                Some(u) if park_infographic::vocab::builtin_unit(u).is_some_and(|u| u.whole) => {
                    json!(987_654_321_012_u64)
                }
                _ => json!(123_456_789.75),
            };
            f["value"] = big;
        }
        data
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

//! Renders charts to SVG natively, with the same chart code the browser runs.
//!
//!     cargo run --bin render -- --chart growth-2019 --lang zh --out x.svg
//!     cargo run --bin render -- --all --out-dir dist/fallback      # <chart>.<lang>.svg
//!
//!     cargo run --bin render -- --heights dist/heights.js     # for the loading skeleton
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
    use std::path::PathBuf;

    pub fn run(args: Vec<String>) -> Result<(), String> {
        let mut chart = None;
        let mut lang = "zh".to_string();
        let mut theme = "light".to_string();
        let mut width_css = 640.0;
        let (mut out, mut out_dir, mut data_path, mut all) = (None, None, None, false);
        let mut heights = None;
        let mut it = args.into_iter();
        while let Some(flag) = it.next() {
            let mut value = || it.next().ok_or(format!("{flag} needs a value"));
            match flag.as_str() {
                "--chart" => chart = Some(value()?),
                "--lang" => lang = value()?,
                "--theme" => theme = value()?,
                "--width" => width_css = value()?.parse().map_err(|e| format!("--width: {e}"))?,
                "--out" => out = Some(PathBuf::from(value()?)),
                "--out-dir" => out_dir = Some(PathBuf::from(value()?)),
                "--data" => data_path = Some(PathBuf::from(value()?)),
                "--all" => all = true,
                "--heights" => heights = Some(PathBuf::from(value()?)),
                other => return Err(format!("unknown option {other}")),
            }
        }
        let data = match data_path {
            Some(p) => {
                let json =
                    std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
                Dataset::from_json(&json).map_err(|e| format!("{}: {e}", p.display()))?
            }
            None => Dataset::default_data().map_err(|e| e.to_string())?,
        };
        let theme = Theme::get(ThemeName::parse(&theme).map_err(|e| e.to_string())?);
        if let Some(path) = heights {
            let js = heights_module(&data, theme)?;
            return std::fs::write(&path, js).map_err(|e| format!("{}: {e}", path.display()));
        }
        if all {
            let dir = out_dir.ok_or("--all needs --out-dir")?;
            std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            for id in data.chart_ids() {
                for (code, lang) in [("zh", Lang::Zh), ("en", Lang::En)] {
                    let (svg, _) = svg::render(&data, &id, lang, theme, width_css)
                        .map_err(|e| e.to_string())?;
                    let path = dir.join(format!("{id}.{code}.svg"));
                    std::fs::write(&path, svg).map_err(|e| format!("{}: {e}", path.display()))?;
                }
            }
            return Ok(());
        }
        let id = chart.ok_or("--chart is required (or --all)")?;
        let lang = Lang::parse(&lang).ok_or(format!("unknown lang \"{lang}\"; use zh or en"))?;
        let (svg, _) =
            svg::render(&data, &id, lang, theme, width_css).map_err(|e| e.to_string())?;
        match out {
            Some(p) => std::fs::write(&p, svg).map_err(|e| format!("{}: {e}", p.display())),
            None => {
                print!("{svg}");
                Ok(())
            }
        }
    }

    /// Every chart's height (CSS px, pixel ratio 1) at widths from 240 to 1200 px (every 20), as an
    /// ES module: the web component reserves this height while the wasm loads, so the
    /// page does not jump when the chart appears.
    fn heights_module(data: &Dataset, theme: Theme) -> Result<String, String> {
        use park_infographic::charts::layout;
        use park_infographic::layout::Frame;
        let widths: Vec<u32> = (240..=1200).step_by(20).collect();
        let mut charts = Vec::new();
        for c in &data.charts {
            let mut langs = Vec::new();
            for (code, lang) in [("zh", Lang::Zh), ("en", Lang::En)] {
                let mut hs = Vec::new();
                for w in &widths {
                    let frame = Frame::new(f64::from(*w), 1.0).map_err(|e| e.to_string())?;
                    hs.push(
                        layout(data, &c.id, lang, theme, frame)
                            .map_err(|e| e.to_string())?
                            .height_px
                            .to_string(),
                    );
                }
                langs.push(format!("\"{code}\":[{}]", hs.join(",")));
            }
            charts.push(format!("\"{}\":{{{}}}", c.id, langs.join(",")));
        }
        let widths: Vec<String> = widths.iter().map(u32::to_string).collect();
        Ok(format!(
            "// Generated by `render --heights`: chart heights (CSS px) by width, for the built-in data.\nexport default {{\"widths\":[{}],\"charts\":{{{}}}}};\n",
            widths.join(","),
            charts.join(",")
        ))
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

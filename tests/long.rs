//! The long image (长图) for WeChat and Weibo, and the chart images beside it, drawn
//! natively as `render --long` draws them and read back from the PNG: its size, its
//! bands, each chart's marks in their colours at their places, the QR code.
//!
//! Expected values come from the charts' own layouts (laid out here at 300 CSS px × 3.6 =
//! 1080 px, as the image is laid out to be read on a 360 px screen) and from the pixels,
//! not from `long`'s sums.
#![cfg(not(target_arch = "wasm32"))]

use park_infographic::charts;
use park_infographic::data::{Dataset, DEFAULT_JSON};
use park_infographic::layout::{Frame, Layout};
use park_infographic::long::{self, raster, Part};
use park_infographic::theme::{Rgb, Theme, ThemeName};
use park_infographic::vocab::Lang;
use serde_json::Value;
use std::sync::OnceLock;

const URL: &str = "https://news.example.com/2020/nantong-high-tech-zone/charts.html?from=wechat";
const LIMIT_BYTES: usize = 2 * 1024 * 1024;

/// A long image with its PNG, read back.
struct Drawn {
    image: long::Image,
    png_bytes: usize,
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

fn fonts() -> &'static raster::Fonts {
    static FONTS: OnceLock<raster::Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        raster::Fonts::system().expect("a CJK font (.ci/setup test installs fonts-wqy-microhei)")
    })
}

/// The built-in story's long image in `lang` with a QR code, drawn once for all tests.
fn drawn(lang: Lang) -> &'static Drawn {
    static ZH: OnceLock<Drawn> = OnceLock::new();
    static EN: OnceLock<Drawn> = OnceLock::new();
    let cell = match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    };
    cell.get_or_init(|| {
        let data = Dataset::default_data().unwrap();
        let image = long::long_image(&data, lang, Some(URL)).unwrap();
        let png = raster::png(&image, fonts()).unwrap();
        let (width, height, rgb) = decode(&png);
        Drawn {
            image,
            png_bytes: png.len(),
            width,
            height,
            rgb,
        }
    })
}

/// A PNG's width, height and RGB pixels.
fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(png);
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let rgb = match info.color_type {
        png::ColorType::Rgb => buf,
        png::ColorType::Rgba => buf
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect(),
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    (info.width, info.height, rgb)
}

fn pixel(d: &Drawn, x: i32, y: i32) -> Rgb {
    let i = (y as usize * d.width as usize + x as usize) * 3;
    Rgb(d.rgb[i], d.rgb[i + 1], d.rgb[i + 2])
}

/// The phone layout: 300 CSS px at 3.6 is 1080 px.
fn phone() -> Frame {
    let frame = Frame::new(300.0, 3.6).unwrap();
    assert_eq!(frame.width_px, 1080);
    frame
}

fn light() -> Theme {
    Theme::get(ThemeName::Light)
}

/// A chart as the long image shows it: laid out without the dataset's source line.
fn chart_layout(data: &Dataset, id: &str, lang: Lang) -> Layout {
    let bare = Dataset {
        source: None,
        ..data.clone()
    };
    charts::layout(&bare, id, lang, light(), phone()).unwrap()
}

fn chart_ids(data: &Dataset, lang: Lang) -> Vec<String> {
    let ids = data.chart_ids().into_iter();
    ids.filter(|id| data.chart_in(id, lang).is_ok()).collect()
}

fn band(image: &long::Image, part: &Part) -> long::Band {
    let found = image.bands.iter().find(|b| b.part == *part);
    found
        .unwrap_or_else(|| panic!("no band for {part:?}"))
        .clone()
}

#[test]
fn the_long_image_is_1080_wide_and_at_most_2_mb() {
    for lang in [Lang::Zh, Lang::En] {
        let d = drawn(lang);
        assert_eq!(d.width, 1080, "{lang:?}");
        assert_eq!(d.height as i32, d.image.height_px, "{lang:?}");
        assert!(
            d.png_bytes <= LIMIT_BYTES,
            "{lang:?}: {} bytes",
            d.png_bytes
        );
        // A long image, not a page: taller than all its charts' layouts together.
        let data = Dataset::default_data().unwrap();
        let charts: i32 = chart_ids(&data, lang)
            .iter()
            .map(|id| chart_layout(&data, id, lang).height_px)
            .sum();
        assert!(d.image.height_px > charts * 9 / 10, "{lang:?}");
    }
}

/// Every chart is in its band, in the dataset's order: its band has ink, and each stated
/// figure's mark is painted in its colour where the chart's own layout put it.
#[test]
fn every_chart_is_drawn_in_its_band_in_order() {
    let data = Dataset::default_data().unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let d = drawn(lang);
        let ids = chart_ids(&data, lang);
        assert_eq!(
            ids.len(),
            data.charts.len(),
            "the built-in charts all have English"
        );
        let mut last_y = -1;
        for id in &ids {
            let b = band(&d.image, &Part::Chart(id.clone()));
            assert!(b.y > last_y, "{id} out of order");
            last_y = b.y;
            let layout = chart_layout(&data, id, lang);
            assert!(b.height_px <= layout.height_px, "{id}");
            assert!(b.height_px > layout.height_px * 3 / 4, "{id}");
            let inked = (b.y..b.y + b.height_px)
                .flat_map(|y| (0..1080).step_by(3).map(move |x| (x, y)))
                .filter(|&(x, y)| pixel(d, x, y) != Rgb(255, 255, 255))
                .count();
            assert!(
                inked * 100 > (b.height_px as usize * 360),
                "{id}: {inked} inked"
            );
            for m in &layout.marks {
                if data.figures[m.figure].derived.is_some() {
                    continue;
                }
                // Somewhere in its outline the mark is painted in its own colour.
                let r = m.outline;
                let c = m.color;
                let near = |p: Rgb| {
                    p.0.abs_diff(c.0) <= 8 && p.1.abs_diff(c.1) <= 8 && p.2.abs_diff(c.2) <= 8
                };
                let found = (r.y..r.bottom())
                    .flat_map(|y| (r.x..r.right()).map(move |x| (x, y)))
                    .any(|(x, y)| near(pixel(d, x, b.y + y)));
                let figure = &data.figures[m.figure].id;
                assert!(found, "{id} {lang:?}: {figure} not in {c:?} in {r:?}");
            }
        }
    }
}

/// The QR code, read from the PNG's pixels, gives the address it was made for.
#[test]
fn the_qr_code_decodes_to_the_url() {
    for lang in [Lang::Zh, Lang::En] {
        let d = drawn(lang);
        let b = band(&d.image, &Part::Qr);
        assert_eq!(
            b.y + b.height_px,
            d.image.height_px,
            "the QR code ends the image"
        );
        let (w, h) = (d.width as usize, b.height_px as usize);
        let grey = |x: usize, y: usize| {
            let p = pixel(d, x as i32, b.y + y as i32);
            ((u32::from(p.0) * 299 + u32::from(p.1) * 587 + u32::from(p.2) * 114) / 1000) as u8
        };
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, grey);
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "{lang:?}: one QR code");
        let (_, content) = grids[0].decode().unwrap();
        assert_eq!(content, URL, "{lang:?}");
    }
}

/// Each text is at least 12 px when the 1080 px image is shown 360 px wide.
#[test]
fn text_is_phone_sized_at_360_px() {
    for lang in [Lang::Zh, Lang::En] {
        let svg = &drawn(lang).image.svg;
        let sizes: Vec<i32> = svg
            .split(" font-size=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().parse().unwrap())
            .collect();
        assert!(sizes.len() > 10, "{lang:?}");
        for size in sizes {
            assert!(
                size * 360 >= 12 * 1080,
                "{lang:?}: {size} px is under 12 at 360"
            );
        }
    }
}

/// More charts, a taller image: each chart adds at least most of its own height.
#[test]
fn the_height_grows_with_the_charts() {
    let data = Dataset::default_data().unwrap();
    let mut last = 0;
    for k in 1..=data.charts.len() {
        let part = Dataset {
            charts: data.charts[..k].to_vec(),
            ..data.clone()
        };
        let image = long::long_image(&part, Lang::Zh, None).unwrap();
        assert_eq!(image.width_px, 1080);
        let added = chart_layout(&data, &data.charts[k - 1].id, Lang::Zh).height_px;
        assert!(
            image.height_px - last >= added * 3 / 4,
            "chart {k}: {} after {last}",
            image.height_px
        );
        last = image.height_px;
    }
}

/// One legend for derived figures: the charts' own keys are not repeated under them.
#[test]
fn the_derived_key_is_shown_once() {
    let data = Dataset::default_data().unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let d = drawn(lang);
        band(&d.image, &Part::Legend);
        // The last text of a chart with derived figures is its key.
        let layout = chart_layout(&data, "targets-2020", lang);
        let key = layout.texts().last().unwrap().to_string();
        let count = d.image.svg.matches(&format!(">{key}<")).count();
        assert!(count <= 1, "{lang:?}: \"{key}\" {count} times");
    }
}

/// The alternative text tells the charts in order: each title and description.
#[test]
fn the_text_beside_it_has_every_chart_in_order() {
    let data = Dataset::default_data().unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let text = &drawn(lang).image.text;
        let mut from = 0;
        for spec in &data.charts {
            for words in [lang.pick(&spec.title), lang.pick(&spec.description)] {
                let at = text[from..].find(words);
                let at = at.unwrap_or_else(|| panic!("{lang:?}: no \"{words}\" after {from}"));
                from += at + words.len();
            }
        }
        assert!(text.contains(URL));
    }
}

/// The default data with the English of some charts' titles removed.
fn without_english(titles: &[usize]) -> Dataset {
    let mut json: Value = serde_json::from_str(DEFAULT_JSON).unwrap();
    for &k in titles {
        json["charts"][k]["title"]
            .as_object_mut()
            .unwrap()
            .remove("en");
    }
    Dataset::from_json(&json.to_string()).unwrap()
}

#[test]
fn a_chart_without_english_is_left_out_of_the_english_image() {
    let data = without_english(&[1]);
    let id = data.charts[1].id.clone();
    let has = |lang| {
        let image = long::long_image(&data, lang, None).unwrap();
        image
            .bands
            .iter()
            .any(|b| b.part == Part::Chart(id.clone()))
    };
    assert!(has(Lang::Zh));
    assert!(!has(Lang::En));
    let none: Vec<usize> = (0..data.charts.len()).collect();
    assert!(long::long_image(&without_english(&none), Lang::En, None).is_err());
}

/// A chart's own image is its whole layout (key and source line too) at 1080 px.
#[test]
fn a_chart_image_is_the_charts_whole_phone_layout() {
    let data = Dataset::default_data().unwrap();
    let layout = charts::layout(&data, "targets-2020", Lang::En, light(), phone()).unwrap();
    let image = long::chart_image(&data, "targets-2020", Lang::En).unwrap();
    assert_eq!((image.width_px, image.height_px), (1080, layout.height_px));
    for text in layout
        .texts()
        .filter(|t| !t.contains(['&', '<', '>', '"', '\'']))
    {
        assert!(image.svg.contains(&format!(">{text}<")), "{text}");
    }
}

/// `render --long` writes each language's long image, its text and each chart's image;
/// a language no chart has gets none.
#[test]
fn render_long_writes_the_images_of_the_languages_the_charts_have() {
    let mut json: Value = serde_json::from_str(DEFAULT_JSON).unwrap();
    let id = json["charts"][0]["id"].clone();
    json["charts"] = Value::Array(vec![json["charts"][0].clone()]);
    let figures = json["figures"].as_array().unwrap().clone();
    json["figures"] = figures.into_iter().filter(|f| f["chart"] == id).collect();
    json["charts"][0]["title"]
        .as_object_mut()
        .unwrap()
        .remove("en");
    let dir = std::env::temp_dir().join(format!("long-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data_path = dir.join("one.json");
    std::fs::write(&data_path, json.to_string()).unwrap();
    let out = dir.join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_render"))
        .args(["--data", data_path.to_str().unwrap(), "--long"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let id = json["charts"][0]["id"].as_str().unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    let expected = [
        format!("{id}.zh.png"),
        format!("{id}.zh.txt"),
        "long.zh.png".to_string(),
        "long.zh.txt".to_string(),
    ];
    assert_eq!(names, expected);
    for name in ["long.zh.png", &format!("{id}.zh.png")] {
        let png = std::fs::read(out.join(name)).unwrap();
        assert!(png.len() <= LIMIT_BYTES);
        assert_eq!(decode(&png).0, 1080, "{name}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An image of 256 colours or fewer is stored exactly in a palette; one of more gets the
/// 256 that matter most, its flat colours exact.
#[test]
fn colours_are_kept_exactly_or_quantised_to_256() {
    let (w, h) = (64u32, 64u32);
    let flat = [[255, 255, 255], [0, 114, 178], [31, 31, 31]];
    // Flat areas, and a ramp of 4096 shades along the bottom rows.
    let mut rgb = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let c = match y {
                0..=47 => flat[(x / 22) as usize],
                _ => [(x * 4) as u8, ((y - 48) * 16) as u8, 128],
            };
            rgb.extend(c);
        }
    }
    let (palette, indices) = raster::quantise(&rgb);
    assert!(palette.len() <= 256);
    for c in flat {
        let at = rgb.chunks_exact(3).position(|p| p == c).unwrap();
        assert_eq!(palette[indices[at] as usize], c);
    }
    let few: Vec<u8> = rgb[..(w * 48 * 3) as usize].to_vec();
    let png = raster::encode(&few, w, 48).unwrap();
    let (_, _, back) = decode(&png);
    assert_eq!(back, few);
}

/// The bands follow each other from the top to the bottom with no gap.
#[test]
fn the_bands_fill_the_image() {
    let d = drawn(Lang::Zh);
    let mut y = 0;
    for b in &d.image.bands {
        assert_eq!(b.y, y, "{:?}", b.part);
        y += b.height_px;
    }
    assert_eq!(y, d.image.height_px);
}

/// The source's own description heads the image and ends it; without a source (nothing
/// invented) the subject heads it and no sources band follows.
#[test]
fn the_header_and_the_sources_come_from_the_data() {
    let data = Dataset::default_data().unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let source = lang.pick(&data.source.as_ref().unwrap().title);
        let image = &drawn(lang).image;
        assert!(image.svg.contains(&format!("<title>{source}</title>")));
        band(image, &Part::Sources);
        let bare = Dataset {
            source: None,
            ..data.clone()
        };
        let image = long::long_image(&bare, lang, None).unwrap();
        let subject = lang.pick(data.subject.as_ref().unwrap());
        assert!(image.svg.contains(&format!("<title>{subject}</title>")));
        assert!(!image.bands.iter().any(|b| b.part == Part::Sources));
        assert!(!image.bands.iter().any(|b| b.part == Part::Qr));
    }
}

/// A journalist's data with neither subject nor source: the first chart's own title heads
/// the image (no generic word), and the QR code's line promises no source.
#[test]
fn without_subject_or_source_the_first_chart_heads_it_and_no_source_is_promised() {
    let data = Dataset::default_data().unwrap();
    let bare = Dataset {
        source: None,
        subject: None,
        ..data.clone()
    };
    for (lang, source_word) in [(Lang::Zh, "时期和出处"), (Lang::En, "period and source")] {
        let first = lang.pick(&data.charts[0].title);
        let image = long::long_image(&bare, lang, Some(URL)).unwrap();
        assert!(
            image.svg.contains(&format!("<title>{first}</title>")),
            "{lang:?}: headed by {first}"
        );
        assert!(!image.svg.contains("数据图表") && !image.svg.contains("<title>Charts</title>"));
        assert!(
            !image.text.contains(source_word),
            "{lang:?}: no source promised"
        );
        let with = long::long_image(&data, lang, Some(URL)).unwrap();
        assert!(
            with.text.contains(source_word),
            "{lang:?}: the source promised where named"
        );
    }
}

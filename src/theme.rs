//! Colours and type sizes. Results and plans use the Okabe–Ito blue and vermillion/orange;
//! aims a green dark (light theme) or pale (dark theme) enough to stay apart from the blue
//! for blue-yellow (tritan) readers too, which the Okabe–Ito bluish green did not. Tests
//! check WCAG contrast and CIEDE2000 differences under simulated colour-vision deficiencies.

use crate::error::Error;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// WCAG 2 relative luminance.
    pub fn luminance(self) -> f64 {
        fn channel(c: u8) -> f64 {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG 2 contrast ratio (1–21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Light,
    Dark,
}

impl ThemeName {
    /// `auto` is resolved by the host page (it knows `prefers-color-scheme`).
    pub fn parse(s: &str) -> Result<Self, Error> {
        match s {
            "light" => Ok(ThemeName::Light),
            "dark" => Ok(ThemeName::Dark),
            other => Err(Error::UnknownTheme(other.to_string())),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub background: Rgb,
    /// Titles, labels and values.
    pub text: Rgb,
    /// Axis ticks, source line, notes: still AA for small text.
    pub muted: Rgb,
    pub grid: Rgb,
    /// Stated figures (actual results).
    pub primary: Rgb,
    /// A different period or a plan, set apart from the primary series.
    pub secondary: Rgb,
    /// Aims and targets (力争).
    pub aim: Rgb,
    /// Outline of the hovered or focused mark.
    pub highlight: Rgb,
    /// The marks of a chart that highlights others: a grey that still holds 3:1.
    pub faded: Rgb,
    /// A band's shade behind the marks (an annotation's range of an axis).
    pub band: Rgb,
}

impl Theme {
    pub fn get(name: ThemeName) -> Theme {
        match name {
            ThemeName::Light => Theme {
                background: Rgb(0xff, 0xff, 0xff),
                text: Rgb(0x1f, 0x1f, 0x1f),
                muted: Rgb(0x59, 0x59, 0x59),
                grid: Rgb(0xdd, 0xdd, 0xdd),
                primary: Rgb(0x00, 0x72, 0xb2),
                secondary: Rgb(0xd5, 0x5e, 0x00),
                aim: Rgb(0x1b, 0x5e, 0x20),
                highlight: Rgb(0x1f, 0x1f, 0x1f),
                faded: Rgb(0x8c, 0x8c, 0x8c),
                band: Rgb(0xee, 0xee, 0xee),
            },
            ThemeName::Dark => Theme {
                background: Rgb(0x16, 0x18, 0x1c),
                text: Rgb(0xee, 0xee, 0xee),
                muted: Rgb(0xb0, 0xb0, 0xb0),
                grid: Rgb(0x3a, 0x3d, 0x44),
                primary: Rgb(0x56, 0xb4, 0xe9),
                secondary: Rgb(0xe6, 0x9f, 0x00),
                aim: Rgb(0xb2, 0xdf, 0x8a),
                highlight: Rgb(0xff, 0xff, 0xff),
                faded: Rgb(0x76, 0x76, 0x76),
                band: Rgb(0x26, 0x29, 0x30),
            },
        }
    }
}

/// Type sizes in CSS pixels; the layout multiplies them by the pixel ratio.
pub mod size_css {
    pub const TITLE: f64 = 16.0;
    pub const LABEL: f64 = 13.0;
    pub const SMALL: f64 = 11.0;
    /// A big number (`tiles`; smaller when a long "not stated" must fit).
    pub const NUMBER: f64 = 26.0;
    /// Rows are at least this tall so a finger can hit them (WCAG 2.5.8 asks for 24).
    pub const ROW_MIN: f64 = 28.0;
    pub const PAD: f64 = 10.0;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// embed.css paints the DOM around the canvas (background, text, the ring round
    /// the highlighted mark) with the same colours: each theme's, written as hex there.
    #[test]
    fn embed_css_colours_are_the_themes() {
        let css = include_str!("../www/embed.css");
        let block = |selector: &str| {
            let start = css.find(selector).expect("a rule for the theme") + selector.len();
            let end = start + css[start..].find('}').expect("the rule ends");
            &css[start..end]
        };
        let hex = |block: &str, var: &str| {
            let at = block.find(&format!("{var}: #")).expect(var) + var.len() + 3;
            let digits: String = block[at..]
                .chars()
                .take_while(|c| c.is_ascii_hexdigit())
                .collect();
            let full: String = match digits.len() {
                3 => digits.chars().flat_map(|c| [c, c]).collect(),
                _ => digits,
            };
            let v = u32::from_str_radix(&full, 16).expect("hex colour");
            Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
        };
        for (name, selector) in [
            (ThemeName::Light, ":host {"),
            (ThemeName::Dark, ".body[data-theme=\"dark\"] {"),
        ] {
            let (t, b) = (Theme::get(name), block(selector));
            assert_eq!(hex(b, "--pi-bg"), t.background, "{name:?} background");
            assert_eq!(hex(b, "--pi-text"), t.text, "{name:?} text");
            assert_eq!(hex(b, "--pi-muted"), t.muted, "{name:?} muted");
            assert_eq!(hex(b, "--pi-rule"), t.grid, "{name:?} rule");
            assert_eq!(hex(b, "--pi-highlight"), t.highlight, "{name:?} highlight");
        }
    }

    #[test]
    fn text_meets_wcag_aa_and_marks_meet_non_text_contrast() {
        for name in [ThemeName::Light, ThemeName::Dark] {
            let t = Theme::get(name);
            assert!(t.text.contrast(t.background) >= 7.0, "{name:?} text");
            assert!(t.muted.contrast(t.background) >= 4.5, "{name:?} muted");
            for (what, c) in [
                ("primary", t.primary),
                ("secondary", t.secondary),
                ("aim", t.aim),
                ("faded", t.faded),
            ] {
                // WCAG 1.4.11: graphical objects need 3:1 against their background.
                assert!(c.contrast(t.background) >= 3.0, "{name:?} {what}");
            }
            assert!(
                t.highlight.contrast(t.background) >= 7.0,
                "{name:?} highlight"
            );
        }
    }

    /// sRGB (0–255) to linear light (0–1), IEC 61966-2-1.
    fn linear(c: Rgb) -> [f64; 3] {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        [lin(c.0), lin(c.1), lin(c.2)]
    }

    /// Dichromat simulations of Machado, Oliveira & Fernandes (2009), "A Physiologically-
    /// based Model for Simulation of Color Vision Deficiency", IEEE TVCG 15(6): the
    /// severity-1.0 matrices, applied to linear RGB.
    const PROTAN: [[f64; 3]; 3] = [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ];
    const DEUTAN: [[f64; 3]; 3] = [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ];
    const TRITAN: [[f64; 3]; 3] = [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ];
    const TYPICAL: [[f64; 3]; 3] = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];

    /// Linear RGB to CIELAB (D65 white).
    fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
        let x = (0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b) / 0.950_47;
        let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175 * b;
        let z = (0.019_333_9 * r + 0.119_192 * g + 0.950_304_1 * b) / 1.088_83;
        let f = |t: f64| {
            const D: f64 = 6.0 / 29.0;
            if t > D * D * D {
                t.cbrt()
            } else {
                t / (3.0 * D * D) + 4.0 / 29.0
            }
        };
        let (fx, fy, fz) = (f(x), f(y), f(z));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }

    /// How a colour looks to a reader whose vision `m` simulates, in CIELAB.
    fn seen(c: Rgb, m: [[f64; 3]; 3]) -> [f64; 3] {
        let v = linear(c);
        lab(m.map(|row| (row[0] * v[0] + row[1] * v[1] + row[2] * v[2]).clamp(0.0, 1.0)))
    }

    /// CIEDE2000 colour difference, as written out by Sharma, Wu & Dalal (2005), "The
    /// CIEDE2000 color-difference formula: implementation notes", Color Res. Appl. 30(1).
    fn delta_e00(a: [f64; 3], b: [f64; 3]) -> f64 {
        let ([l1, a1, b1], [l2, a2, b2]) = (a, b);
        let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
        let c7 = c_bar.powi(7);
        let g = 0.5 * (1.0 - (c7 / (c7 + 25f64.powi(7))).sqrt());
        let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
        let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
        let hue = |b: f64, a: f64| {
            if a == 0.0 && b == 0.0 {
                0.0
            } else {
                b.atan2(a).to_degrees().rem_euclid(360.0)
            }
        };
        let (h1, h2) = (hue(b1, a1p), hue(b2, a2p));
        let dl = l2 - l1;
        let dc = c2p - c1p;
        let dh = if c1p * c2p == 0.0 {
            0.0
        } else if (h2 - h1).abs() <= 180.0 {
            h2 - h1
        } else if h2 - h1 > 180.0 {
            h2 - h1 - 360.0
        } else {
            h2 - h1 + 360.0
        };
        let d_big_h = 2.0 * (c1p * c2p).sqrt() * (dh / 2.0).to_radians().sin();
        let l_bar = (l1 + l2) / 2.0;
        let cp_bar = (c1p + c2p) / 2.0;
        let h_bar = if c1p * c2p == 0.0 {
            h1 + h2
        } else if (h1 - h2).abs() <= 180.0 {
            (h1 + h2) / 2.0
        } else if h1 + h2 < 360.0 {
            (h1 + h2 + 360.0) / 2.0
        } else {
            (h1 + h2 - 360.0) / 2.0
        };
        let cos = |deg: f64| deg.to_radians().cos();
        let t = 1.0 - 0.17 * cos(h_bar - 30.0)
            + 0.24 * cos(2.0 * h_bar)
            + 0.32 * cos(3.0 * h_bar + 6.0)
            - 0.20 * cos(4.0 * h_bar - 63.0);
        let d_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
        let cp7 = cp_bar.powi(7);
        let r_c = 2.0 * (cp7 / (cp7 + 25f64.powi(7))).sqrt();
        let s_l = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
        let s_c = 1.0 + 0.045 * cp_bar;
        let s_h = 1.0 + 0.015 * cp_bar * t;
        let r_t = -(2.0 * d_theta).to_radians().sin() * r_c;
        ((dl / s_l).powi(2)
            + (dc / s_c).powi(2)
            + (d_big_h / s_h).powi(2)
            + r_t * (dc / s_c) * (d_big_h / s_h))
            .sqrt()
    }

    #[test]
    fn ciede2000_matches_the_published_test_data() {
        // Pairs 1, 7, 17, 18 and 25 of Sharma, Wu & Dalal (2005), table 1.
        for (a, b, expected) in [
            ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
            ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
            ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
            ([50.0, 2.5, 0.0], [61.0, -5.0, 29.0], 22.8977),
            (
                [60.2574, -34.0099, 36.2677],
                [60.4626, -34.1751, 39.4387],
                1.2644,
            ),
        ] {
            let d = delta_e00(a, b);
            assert!(
                (d - expected).abs() < 1e-4,
                "{a:?} {b:?}: {d} vs {expected}"
            );
        }
    }

    /// The design's fill of a derived bar: its kind's colour at 20 % over the background.
    fn tint_of(c: Rgb, background: Rgb) -> Rgb {
        let mix = |x: u8, y: u8| (0.2 * f64::from(x) + 0.8 * f64::from(y)).round() as u8;
        Rgb(
            mix(c.0, background.0),
            mix(c.1, background.1),
            mix(c.2, background.2),
        )
    }

    /// ΔE00 of 10 is a difference anyone notices at a glance between two flat areas (2.3
    /// is a just-noticeable difference); marks are small, so the bar is set well above it.
    const APART_DE00: f64 = 10.0;

    #[test]
    fn every_colour_a_reader_must_tell_apart_stays_apart_with_each_colour_deficiency() {
        let visions = [
            ("typical", TYPICAL),
            ("protanopia", PROTAN),
            ("deuteranopia", DEUTAN),
            ("tritanopia", TRITAN),
        ];
        for name in [ThemeName::Light, ThemeName::Dark] {
            let t = Theme::get(name);
            let series = [
                ("primary", t.primary),
                ("secondary", t.secondary),
                ("aim", t.aim),
            ];
            let mut pairs: Vec<(String, Rgb, Rgb)> = Vec::new();
            for (i, &(a, ca)) in series.iter().enumerate() {
                // Results, plans and aims: each kind against the others.
                for &(b, cb) in &series[i + 1..] {
                    pairs.push((format!("{a} vs {b}"), ca, cb));
                }
                // Bars, lines and hollow dots against the chart's background.
                pairs.push((format!("{a} vs background"), ca, t.background));
                // The focus/hover outline is drawn next to the mark and on the background.
                pairs.push((format!("highlight vs {a}"), t.highlight, ca));
                // A derived bar's tint (its stripes and outline carry the kind's own
                // colour, checked above) must never read as a stated bar of any kind.
                let tint = tint_of(ca, t.background);
                for &(b, cb) in &series {
                    pairs.push((format!("{a} derived tint vs {b}"), tint, cb));
                }
            }
            pairs.push(("highlight vs background".into(), t.highlight, t.background));
            // A highlight keeps its figures' colours and greys the rest.
            for &(a, ca) in &series {
                pairs.push((format!("faded vs {a}"), t.faded, ca));
            }
            pairs.push(("faded vs background".into(), t.faded, t.background));
            for (vision, m) in visions {
                for (what, a, b) in &pairs {
                    let d = delta_e00(seen(*a, m), seen(*b, m));
                    assert!(
                        d >= APART_DE00,
                        "{name:?} {what} for {vision}: ΔE00 {d:.1} < {APART_DE00} ({a:?} vs {b:?})"
                    );
                }
            }
        }
    }

    /// A band is a shade behind the marks: seen, but quieter than any mark or grid line.
    #[test]
    fn a_band_is_a_quiet_shade_of_the_background() {
        for name in [ThemeName::Light, ThemeName::Dark] {
            let t = Theme::get(name);
            let d = |a: Rgb, b: Rgb| delta_e00(seen(a, TYPICAL), seen(b, TYPICAL));
            let shade = d(t.band, t.background);
            assert!(
                (2.5..d(t.grid, t.background)).contains(&shade),
                "{name:?}: {shade:.1}"
            );
        }
    }

    #[test]
    fn contrast_ratio_matches_known_values() {
        let (black, white) = (Rgb(0, 0, 0), Rgb(255, 255, 255));
        assert!((black.contrast(white) - 21.0).abs() < 1e-9);
        assert!((Rgb(0x77, 0x77, 0x77).contrast(white) - 4.48).abs() < 0.01);
    }

    #[test]
    fn unknown_theme_is_named() {
        assert_eq!(
            ThemeName::parse("sepia").unwrap_err().to_string(),
            "unknown theme \"sepia\"; use auto, light or dark"
        );
    }
}

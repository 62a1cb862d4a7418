//! Colours and type sizes. Colours are chosen from the Okabe–Ito palette (distinguishable
//! with the common colour-vision deficiencies) and checked for WCAG contrast in tests.

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
                aim: Rgb(0x00, 0x7a, 0x5a),
                highlight: Rgb(0x1f, 0x1f, 0x1f),
            },
            ThemeName::Dark => Theme {
                background: Rgb(0x16, 0x18, 0x1c),
                text: Rgb(0xee, 0xee, 0xee),
                muted: Rgb(0xb0, 0xb0, 0xb0),
                grid: Rgb(0x3a, 0x3d, 0x44),
                primary: Rgb(0x56, 0xb4, 0xe9),
                secondary: Rgb(0xe6, 0x9f, 0x00),
                aim: Rgb(0x3f, 0xc9, 0x9b),
                highlight: Rgb(0xff, 0xff, 0xff),
            },
        }
    }
}

/// Type sizes in CSS pixels; the layout multiplies them by the pixel ratio.
pub mod size_css {
    pub const TITLE: f64 = 16.0;
    pub const LABEL: f64 = 13.0;
    pub const SMALL: f64 = 11.0;
    /// Rows are at least this tall so a finger can hit them (WCAG 2.5.8 asks for 24).
    pub const ROW_MIN: f64 = 28.0;
    pub const PAD: f64 = 10.0;
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Viénot et al. (1999) dichromacy simulation, in linear RGB.
    fn simulate(c: Rgb, m: [[f64; 3]; 3]) -> [f64; 3] {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let enc = |v: f64| {
            let v = v.clamp(0.0, 1.0);
            255.0
                * if v <= 0.003_130_8 {
                    12.92 * v
                } else {
                    1.055 * v.powf(1.0 / 2.4) - 0.055
                }
        };
        let v = [lin(c.0), lin(c.1), lin(c.2)];
        m.map(|row| enc(row[0] * v[0] + row[1] * v[1] + row[2] * v[2]))
    }

    #[test]
    fn series_colours_stay_apart_for_protan_and_deutan_readers() {
        const DEUTAN: [[f64; 3]; 3] = [
            [0.29275, 0.70725, 0.0],
            [0.29275, 0.70725, 0.0],
            [-0.02234, 0.02234, 1.0],
        ];
        const PROTAN: [[f64; 3]; 3] = [
            [0.11238, 0.88762, 0.0],
            [0.11238, 0.88762, 0.0],
            [0.00401, -0.00401, 1.0],
        ];
        for name in [ThemeName::Light, ThemeName::Dark] {
            let t = Theme::get(name);
            let pairs = [
                (t.primary, t.secondary),
                (t.primary, t.aim),
                (t.secondary, t.aim),
            ];
            for (a, b) in pairs {
                for m in [DEUTAN, PROTAN] {
                    let (sa, sb) = (simulate(a, m), simulate(b, m));
                    let dist = (0..3).map(|i| (sa[i] - sb[i]).powi(2)).sum::<f64>().sqrt();
                    assert!(dist >= 75.0, "{name:?} {a:?} vs {b:?}: {dist:.0}");
                }
            }
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

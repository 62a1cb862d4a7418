//! Scales: where a value goes in pixels, shared by every form. Linear scales from zero (bars,
//! shares, paths), linear scales of places in a ranking, square-root sizing for areas, nice
//! tick values, and the one rule that drops a tick label that would touch its neighbour.
//!
//! There is deliberately no logarithmic scale: general news readers do not read one.

/// A linear map from a value domain to a pixel range, with the ticks to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Linear {
    pub lo: f64,
    pub hi: f64,
    pub from_px: i32,
    pub to_px: i32,
    pub ticks: Vec<f64>,
}

impl Linear {
    /// From zero (or below, for negative values) to a nice number at or above `max`.
    pub fn from_zero(min: f64, max: f64, (from_px, to_px): (i32, i32)) -> Linear {
        let up = nice_ticks(max, 4);
        let down: Vec<f64> = if min < 0.0 {
            nice_ticks(-min, 2)
                .into_iter()
                .skip(1)
                .map(|t| -t)
                .collect()
        } else {
            Vec::new()
        };
        let lo = down.last().copied().unwrap_or(0.0);
        let hi = up.last().copied().unwrap_or(1.0);
        let mut ticks: Vec<f64> = down.into_iter().rev().collect();
        ticks.extend(up);
        Linear::fixed(lo, hi, ticks, (from_px, to_px))
    }

    /// Places in a ranking, first place at `from_px`: 1 to a round number at or past the
    /// lowest place shown, and at least to 10 so 1st and 4th do not look far apart.
    pub fn places(max_place: f64, (from_px, to_px): (i32, i32)) -> Linear {
        let mut ticks: Vec<f64> = nice_ticks(max_place.max(10.0), 4)
            .into_iter()
            .filter(|t| t.fract() == 0.0)
            .collect();
        match ticks.first_mut() {
            Some(first) if *first == 0.0 => *first = 1.0,
            _ => ticks.insert(0, 1.0),
        }
        let hi = ticks.last().copied().unwrap_or(10.0).max(2.0);
        Linear::fixed(1.0, hi, ticks, (from_px, to_px))
    }

    /// Grid lines at the ticks, in pixels; the one at `baseline` (zero, first place) is
    /// marked to be drawn stronger.
    pub fn grid_lines(&self, baseline: f64) -> Vec<(i32, bool)> {
        self.ticks
            .iter()
            .map(|&t| (self.px(t), t == baseline))
            .collect()
    }

    /// A fixed domain with the ticks given (a share runs 0–100 %).
    pub fn fixed(lo: f64, hi: f64, ticks: Vec<f64>, (from_px, to_px): (i32, i32)) -> Linear {
        Linear {
            lo,
            hi,
            from_px,
            to_px,
            ticks,
        }
    }

    /// Pixel position of `v`, clamped to the range (a value outside the domain sits at its end).
    pub fn px(&self, v: f64) -> i32 {
        let t = (v - self.lo) / (self.hi - self.lo);
        let t = if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.from_px + (t * f64::from(self.to_px - self.from_px)).round() as i32
    }
}

/// Sizes a square so that its area, not its side, is proportional to the value: one scale
/// for every square of a chart, the largest value getting `max_side_px`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sqrt {
    pub max_value: f64,
    pub max_side_px: f64,
}

impl Sqrt {
    /// Side in pixels; 0 for no value, a non-positive one, or an empty scale.
    pub fn side(&self, v: f64) -> f64 {
        if self.max_value > 0.0 && v > 0.0 && v.is_finite() {
            self.max_side_px * (v / self.max_value).sqrt()
        } else {
            0.0
        }
    }
}

/// "Nice" tick values from 0 to at least `max`: steps of 1, 2, 2.5 or 5 × 10ⁿ, about
/// `target` of them, so axes read 0, 50, 100 rather than 0, 47, 94.
pub fn nice_ticks(max: f64, target: usize) -> Vec<f64> {
    if !max.is_finite() || max <= 0.0 {
        return vec![0.0, 1.0];
    }
    let raw = max / target.max(1) as f64;
    // `powi`, not `powf` and `log10`: the exponent is whole, and those link libm's general
    // functions (2.5 KB of wasm) for nothing; 10ⁿ and 1/10ⁿ are exact or correctly
    // rounded either way.
    let mag = 10f64.powi(crate::format::exponent(raw));
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let n = (max / step).ceil();
    // A subnormal maximum gives a zero step and infinitely many ticks.
    if !step.is_normal() || !(1.0..=1000.0).contains(&n) {
        return vec![0.0, 1.0];
    }
    (0..=n as usize).map(|i| i as f64 * step).collect()
}

/// The label-collision rule every axis uses: labels centred at `x` with width `w`, in
/// order; a label is kept when it stays within `bounds` and clears the last kept one by
/// `gap_px`. Returns which to draw.
pub fn spaced(labels: &[(i32, i32)], gap_px: i32, (left, right): (i32, i32)) -> Vec<bool> {
    let mut last_right = i32::MIN / 2;
    labels
        .iter()
        .map(|&(x, w)| {
            let (l, r) = (x - w / 2, x + w - w / 2);
            let keep = l >= left && r <= right && l >= last_right + gap_px;
            if keep {
                last_right = r;
            }
            keep
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(nice_ticks(17.6, 4), vec![0.0, 5.0, 10.0, 15.0, 20.0]);
        assert_eq!(nice_ticks(300.0, 4), vec![0.0, 100.0, 200.0, 300.0]);
        assert_eq!(nice_ticks(46.0, 4), vec![0.0, 20.0, 40.0, 60.0]);
        assert_eq!(nice_ticks(2.0, 4), vec![0.0, 0.5, 1.0, 1.5, 2.0]);
        assert_eq!(nice_ticks(0.0, 4), vec![0.0, 1.0]);
        assert_eq!(nice_ticks(f64::NAN, 4), vec![0.0, 1.0]);
    }

    #[test]
    fn linear_from_zero_maps_ends_and_handles_negatives() {
        let s = Linear::from_zero(0.0, 17.6, (100, 300));
        assert_eq!((s.lo, s.hi), (0.0, 20.0));
        assert_eq!((s.px(0.0), s.px(10.0), s.px(20.0)), (100, 200, 300));
        assert_eq!(s.px(99.0), 300, "clamped");
        let s = Linear::from_zero(-3.0, 8.0, (0, 100));
        assert!(s.lo < 0.0 && s.ticks.contains(&0.0));
        assert!(s.px(0.0) > 0);
    }

    #[test]
    fn places_are_linear_from_first_place() {
        let s = Linear::places(4.0, (0, 90));
        assert_eq!(s.ticks, vec![1.0, 5.0, 10.0]);
        assert_eq!((s.px(1.0), s.px(10.0)), (0, 90));
        // Linear: the gap from 1st to 4th is a third of the gap from 1st to 10th.
        assert_eq!(s.px(4.0), 30);
        let s = Linear::places(40.0, (0, 390));
        assert_eq!(s.ticks, vec![1.0, 10.0, 20.0, 30.0, 40.0]);
        assert_eq!(s.px(40.0), 390);
    }

    #[test]
    fn sqrt_scale_makes_area_proportional() {
        let s = Sqrt {
            max_value: 950.0,
            max_side_px: 100.0,
        };
        let (big, small) = (s.side(950.0), s.side(35.0));
        assert_eq!(big, 100.0);
        let ratio = (big * big) / (small * small);
        assert!((ratio - 950.0 / 35.0).abs() < 1e-9);
        assert_eq!(s.side(0.0), 0.0);
        assert_eq!(s.side(f64::NAN), 0.0);
    }

    #[test]
    fn spaced_drops_labels_that_would_touch() {
        let keep = spaced(&[(10, 10), (14, 10), (30, 10), (95, 20)], 4, (0, 100));
        assert_eq!(keep, vec![true, false, true, false]);
    }
}

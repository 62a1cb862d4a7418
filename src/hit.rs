//! Which mark is under a point: pure geometry over a layout, in device pixels.
//! Figures' hit areas are laid out not to overlap (tested per chart), and annotations'
//! labels not to overlap one another, so there is one match; gaps between rows and the
//! margins answer nothing.

use crate::layout::{Layout, Mark};

/// The index (into `layout.marks`) of the mark whose hit area contains the point. A line's
/// or band's label may lie over the marks of its axis (a path's columns): it answers first.
pub fn hit(layout: &Layout, x_px: i32, y_px: i32) -> Option<usize> {
    let at = |m: &Mark| m.hit.contains(x_px, y_px);
    let over = layout
        .marks
        .iter()
        .position(|m| m.annotation.is_some() && at(m));
    over.or_else(|| layout.marks.iter().position(at))
}

/// The next mark for arrow-key navigation: `step` of +1 or −1 from `current`, wrapping;
/// from nothing, forward starts at the first mark and backward at the last.
pub fn step(layout: &Layout, current: Option<usize>, step: i32) -> Option<usize> {
    let n = layout.marks.len();
    if n == 0 {
        return None;
    }
    Some(match current {
        None if step < 0 => n - 1,
        None => 0,
        Some(i) => (i as i64 + i64::from(step)).rem_euclid(n as i64) as usize,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Rect;
    use crate::theme::Rgb;

    fn layout(rects: &[Rect]) -> Layout {
        Layout {
            width_px: 100,
            height_px: 100,
            scale: 1.0,
            background: Rgb(255, 255, 255),
            shapes: vec![],
            marks: rects
                .iter()
                .enumerate()
                .map(|(i, r)| Mark {
                    figure: i,
                    annotation: None,
                    hit: *r,
                    outline: *r,
                    color: Rgb(0, 0, 0),
                })
                .collect(),
        }
    }

    #[test]
    fn finds_the_mark_under_the_point_and_nothing_in_gaps() {
        let l = layout(&[Rect::new(0, 0, 10, 10), Rect::new(0, 12, 10, 10)]);
        assert_eq!(hit(&l, 5, 5), Some(0));
        assert_eq!(hit(&l, 5, 15), Some(1));
        assert_eq!(hit(&l, 5, 11), None);
        assert_eq!(hit(&l, 50, 5), None);
        assert_eq!(hit(&l, -1, -1), None);
    }

    #[test]
    fn keyboard_steps_wrap_both_ways() {
        let l = layout(&[Rect::new(0, 0, 1, 1); 3]);
        assert_eq!(step(&l, None, 1), Some(0));
        assert_eq!(step(&l, None, -1), Some(2));
        assert_eq!(step(&l, Some(2), 1), Some(0));
        assert_eq!(step(&l, Some(0), -1), Some(2));
        assert_eq!(step(&layout(&[]), None, 1), None);
    }
}

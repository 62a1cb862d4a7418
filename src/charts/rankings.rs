//! `rankings`: where the park stands and where it aims. Places in a ranking sit on a rank
//! axis (1 at the left); "top N" aims span 1 to N; a share is a bar against 100 %; other
//! counts (years in a row) are plain bars. Each run of one unit gets its own axis.

use super::parts::{panel_header, rows, Row, Scale};
use super::Ctx;
use crate::data::{Figure, Unit};
use crate::layout::Builder;

pub fn layout(b: &mut Builder, ctx: &Ctx) {
    if ctx.spec.groups.is_empty() {
        by_unit(b, &ctx.figures);
        return;
    }
    for group in &ctx.spec.groups {
        panel_header(b, b.lang.pick(&group.label), None);
        by_unit(b, &ctx.group(&group.id));
        b.gap(6.0);
    }
}

/// Consecutive figures of one unit share an axis.
fn by_unit(b: &mut Builder, figures: &[(usize, &Figure)]) {
    let theme = b.theme;
    for run in figures.chunk_by(|a, z| a.1.unit == z.1.unit) {
        let scale = match run[0].1.unit {
            Unit::Rank => Scale::Rank,
            Unit::Percent => Scale::Share,
            _ => Scale::Linear,
        };
        let list: Vec<Row> = run.iter().map(|&f| Row::new(&theme, f)).collect();
        rows(b, &list, scale);
    }
}

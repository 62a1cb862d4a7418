//! `growth-2019`: year-on-year growth rates as bars on one % axis. Figures from another
//! period than the first (Q1 2020 after the 2019 results) are set apart three ways, so no
//! reader relies on colour alone: their own colour, a caption naming the period above
//! them, and a legend.

use super::parts::{legend, rows, Row, Scale};
use super::Ctx;
use crate::format;
use crate::layout::Builder;

pub fn layout(b: &mut Builder, ctx: &Ctx) {
    let (theme, lang) = (b.theme, b.lang);
    let Some(&(_, first)) = ctx.figures.first() else {
        return;
    };
    let mut list = Vec::with_capacity(ctx.figures.len());
    let mut previous = first.period;
    let mut other_period = None;
    for &(index, f) in &ctx.figures {
        let mut row = Row::new(&theme, (index, f));
        if f.period != first.period {
            row.color = theme.secondary;
            other_period.get_or_insert(f.period);
        }
        if f.period != previous {
            row.caption = Some(format::period(&f.period, lang));
        }
        previous = f.period;
        list.push(row);
    }
    rows(b, &list, Scale::Linear);
    if let Some(other) = other_period {
        let items = [
            (theme.primary, format::period(&first.period, lang)),
            (theme.secondary, format::period(&other, lang)),
        ];
        legend(b, &items);
    }
}

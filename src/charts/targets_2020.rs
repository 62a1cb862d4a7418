//! `targets-2020`: Plans, one panel per kind (projects by size band, new starts, investment, funds), each on its own linear axis; the 10–20 亿 band is derived and striped.

use super::parts::{panels, Scale};
use super::Ctx;
use crate::layout::Builder;

pub fn layout(b: &mut Builder, ctx: &Ctx) {
    panels(b, ctx, Scale::Linear);
}

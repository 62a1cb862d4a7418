//! `services-2019`: Visits (260+) and chambers (2) share no useful linear scale: dots on a log axis, a range (1–2 a month) as a segment.

use super::parts::{panels, Scale};
use super::Ctx;
use crate::layout::Builder;

pub fn layout(b: &mut Builder, ctx: &Ctx) {
    panels(b, ctx, Scale::Log);
}

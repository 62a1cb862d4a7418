//! `innovation-2019`: The counts run from 1 award to 251 patents: on a linear axis the small ones vanish, so dots on a log axis, with exact values printed.

use super::parts::{panels, Scale};
use super::Ctx;
use crate::layout::Builder;

pub fn layout(b: &mut Builder, ctx: &Ctx) {
    panels(b, ctx, Scale::Log);
}

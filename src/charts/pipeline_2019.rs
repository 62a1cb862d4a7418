//! `pipeline-2019`: Counts and money are different quantities, so each group is a panel with its own axis: never one axis for 个 and 亿元.

use super::parts::{panels, Scale};
use super::Ctx;
use crate::layout::Builder;

pub fn layout(b: &mut Builder, ctx: &Ctx) {
    panels(b, ctx, Scale::Linear);
}

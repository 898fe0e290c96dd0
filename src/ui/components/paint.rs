//! How spans are painted: CSS for label colours, tints and the stacked
//! underlines that tell nested spans apart.

use crate::model::{LabelDef, Stroke};

/// Vertical pitch between stacked underlines, in px.
pub const LANE_PITCH_PX: usize = 4;

/// `#rrggbb` with an alpha, as `rgba(...)`.
pub fn tint(hex: &str, alpha: f32) -> String {
    let channel = |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(128);
    format!("rgba({},{},{},{alpha})", channel(1), channel(3), channel(5))
}

/// One underline image for a span drawn on `lane`, as the three
/// `background-*` list entries `(image, size, position)`.
pub fn underline(def: &LabelDef, lane: usize) -> (String, String, String) {
    let c = def.color;
    let image = match def.stroke {
        Stroke::Solid => format!("linear-gradient({c},{c})"),
        Stroke::Double => format!("linear-gradient(to bottom,{c} 0 1px,transparent 1px 2px,{c} 2px 3px)"),
        Stroke::Dashed => format!("repeating-linear-gradient(90deg,{c} 0 7px,transparent 7px 10px)"),
        Stroke::Dotted => format!("repeating-linear-gradient(90deg,{c} 0 3px,transparent 3px 5px)"),
    };
    (image, "100% 3px".to_owned(), format!("0 calc(100% - {}px)", lane * LANE_PITCH_PX))
}

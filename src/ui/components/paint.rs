//! How spans are painted: CSS for label colours, tints and the stacked
//! underlines that tell nested spans apart.
//!
//! Colours are CSS variables (`--label-<index>`) set per theme by
//! [`label_palette`], so switching between light and dark repaints without
//! re-rendering a single run.

use crate::model::label::{lighten, parse_hex, DARK_LIGHTEN};
use crate::model::{Schema, Stroke};

/// Vertical pitch between stacked underlines, in px.
pub const LANE_PITCH_PX: usize = 4;

/// The colour variable of the label at `index`.
pub fn color_var(index: usize) -> String {
    format!("var(--label-{index})")
}

/// The chip colour variable of the label called `name` (grey if unknown).
pub fn chip_var(schema: &Schema, name: &str) -> String {
    schema.index_of(name).map_or_else(|| "#57606a".to_owned(), |index| format!("var(--chip-{index})"))
}

/// A translucent fill of the label at `index`, `percent` strong.
pub fn tint(index: usize, percent: u8) -> String {
    format!("color-mix(in srgb,var(--label-{index}) {percent}%,transparent)")
}

/// One underline image for a span drawn on `lane`, as the three
/// `background-*` list entries `(image, size, position)`.
pub fn underline(index: usize, stroke: Stroke, lane: usize) -> (String, String, String) {
    (stroke.css_image(&color_var(index)), "100% 3px".to_owned(), format!("0 calc(100% - {}px)", lane * LANE_PITCH_PX))
}

/// The stylesheet that defines every label's colour in both themes: the
/// schema colour in the light theme (and for chips, under white text), a
/// lightened one for underlines and text in the dark theme. Only valid
/// `#rrggbb` colours are written, so the sheet cannot be broken out of.
pub fn label_palette(schema: &Schema) -> String {
    let mut light = String::new();
    let mut dark = String::new();
    for (index, def) in schema.labels().iter().enumerate() {
        let color = if parse_hex(&def.color).is_some() { def.color.clone() } else { "#57606a".to_owned() };
        light.push_str(&format!("--label-{index}:{color};--chip-{index}:{color};"));
        dark.push_str(&format!("--label-{index}:{};", lighten(&color, DARK_LIGHTEN)));
    }
    format!(":root{{{light}}}:root[data-theme=dark]{{{dark}}}")
}

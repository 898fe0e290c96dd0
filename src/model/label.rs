//! Labels and the label schema: which labels exist, their hotkeys, colours
//! and how each is drawn so it can be told apart without colour.

use std::fmt;
use std::rc::Rc;

/// A label name such as `ACTOR`. Cheap to clone.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Label(Rc<str>);

impl Label {
    /// Wraps a label name.
    pub fn new(name: &str) -> Self {
        Label(Rc::from(name))
    }

    /// The label's name, e.g. `"ACTOR"`.
    pub fn name(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How a label's underline is drawn, so labels differ by more than colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stroke {
    Solid,
    Double,
    Dashed,
    Dotted,
}

/// One label of the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelDef {
    pub label: Label,
    /// The key that applies this label, e.g. `'1'`.
    pub key: char,
    /// `#rrggbb`; readable as white-on-colour and colour-on-white (WCAG AA).
    pub color: &'static str,
    pub stroke: Stroke,
    pub description: &'static str,
}

/// The labels a project annotates with, in hotkey order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schema {
    labels: Vec<LabelDef>,
}

impl Default for Schema {
    /// The four labels for trafficking news: actors, victim counts,
    /// locations and policy calls.
    fn default() -> Self {
        let def = |name: &str, key, color, stroke, description| LabelDef {
            label: Label::new(name),
            key,
            color,
            stroke,
            description,
        };
        Schema {
            labels: vec![
                def("ACTOR", '1', "#1d4ed8", Stroke::Solid, "A person, organisation or government that acts or speaks"),
                def("VICTIM_COUNT", '2', "#b91c1c", Stroke::Double, "A number of victims, with its noun: \"20 WNI\", \"16 orang\""),
                def("LOCATION", '3', "#047857", Stroke::Dashed, "A place: country, city, region, compound"),
                def("POLICY_CALL", '4', "#7e22ce", Stroke::Dotted, "A stated call for policy or action, from the call verb to the clause end"),
            ],
        }
    }
}

impl Schema {
    /// All labels in hotkey order.
    pub fn labels(&self) -> &[LabelDef] {
        &self.labels
    }

    /// The label bound to `key`, if any.
    pub fn label_for_key(&self, key: char) -> Option<&Label> {
        self.labels.iter().find(|def| def.key == key).map(|def| &def.label)
    }

    /// The definition of the label called `name`, if the schema has it.
    pub fn get(&self, name: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|def| def.label.name() == name)
    }

    /// The label names in schema order.
    pub fn names(&self) -> Vec<String> {
        self.labels.iter().map(|def| def.label.name().to_owned()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_schema_maps_keys_one_to_four() {
        let schema = Schema::default();
        let names: Vec<_> = "1234".chars().map(|k| schema.label_for_key(k).unwrap().name().to_owned()).collect();
        assert_eq!(names, ["ACTOR", "VICTIM_COUNT", "LOCATION", "POLICY_CALL"]);
        assert_eq!(schema.label_for_key('5'), None);
    }

    /// WCAG 2 relative luminance of a `#rrggbb` colour.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    #[test]
    fn label_colours_meet_wcag_aa_against_white() {
        for def in Schema::default().labels() {
            let contrast = (1.0 + 0.05) / (luminance(def.color) + 0.05);
            assert!(contrast >= 4.5, "{} {} has contrast {contrast:.2}", def.label, def.color);
        }
    }
}

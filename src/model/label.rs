//! Labels and the label schema: which labels exist, their hotkeys, colours,
//! guideline text, and how each is drawn so it can be told apart without
//! colour.

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

impl Stroke {
    /// The stroke for the label at `index` in the schema: they take turns.
    pub fn for_index(index: usize) -> Self {
        [Stroke::Solid, Stroke::Double, Stroke::Dashed, Stroke::Dotted][index % 4]
    }

    /// The CSS background image that draws this stroke in `color` (any CSS
    /// colour, e.g. `#1d4ed8` or `var(--label-0)`), 3px tall.
    pub fn css_image(self, color: &str) -> String {
        let c = color;
        match self {
            Stroke::Solid => format!("linear-gradient({c},{c})"),
            Stroke::Double => format!("linear-gradient(to bottom,{c} 0 1px,transparent 1px 2px,{c} 2px 3px)"),
            Stroke::Dashed => format!("repeating-linear-gradient(90deg,{c} 0 7px,transparent 7px 10px)"),
            Stroke::Dotted => format!("repeating-linear-gradient(90deg,{c} 0 3px,transparent 3px 5px)"),
        }
    }
}

/// A guideline example: a phrase and whether it should carry the label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    pub positive: bool,
}

/// One label of the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelDef {
    pub label: Label,
    /// The key that applies this label, e.g. `'1'`.
    pub key: char,
    /// `#rrggbb`: white text on it and it on white both meet WCAG AA.
    pub color: String,
    pub stroke: Stroke,
    /// The guideline: what the label covers, where a span begins and ends.
    pub description: String,
    pub examples: Vec<Example>,
    /// What its spans hold besides their text.
    pub value: ValueKind,
}

/// What a label's spans hold besides their text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ValueKind {
    /// Nothing, unless the annotator types a value.
    #[default]
    None,
    /// A number of things, read from the span's text when it is tagged:
    /// "20 WNI" -> `20`, "puluhan orang" -> `{"min":10,"max":99}`.
    Count,
}

impl ValueKind {
    /// The name in schema files: `"none"` or `"count"`.
    pub fn key(self) -> &'static str {
        match self {
            ValueKind::None => "none",
            ValueKind::Count => "count",
        }
    }

    /// Reads a [`ValueKind::key`].
    pub fn parse(key: &str) -> Option<Self> {
        [ValueKind::None, ValueKind::Count].into_iter().find(|kind| kind.key() == key)
    }
}

/// The labels a project annotates with, in hotkey order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schema {
    labels: Vec<LabelDef>,
}

impl Default for Schema {
    /// The four labels for Indonesian trafficking (TPPO) news, with their
    /// guidelines.
    fn default() -> Self {
        let def = |index: usize, name: &str, color: &str, description: &str, examples: &[(&str, bool)]| LabelDef {
            value: if name == "VICTIM_COUNT" { ValueKind::Count } else { ValueKind::None },
            label: Label::new(name),
            key: char::from(b'1' + index as u8),
            color: color.to_owned(),
            stroke: Stroke::for_index(index),
            description: description.to_owned(),
            examples: examples.iter().map(|(text, positive)| Example { text: (*text).to_owned(), positive: *positive }).collect(),
        };
        Schema {
            labels: vec![
                def(
                    0,
                    "ACTOR",
                    "#1d4ed8",
                    "A person, organisation or government that acts, speaks or is called on: ministries, police, ASEAN, named officials. Tag the name only, not the title before it.",
                    &[("Kao Kim Hourn", true), ("Kementerian Luar Negeri", true), ("Sekretaris Jenderal (title alone)", false)],
                ),
                def(
                    1,
                    "VICTIM_COUNT",
                    "#b91c1c",
                    "A number of victims with its noun, from the number to the noun (and its abbreviation in brackets). Leave out cue words such as \u{201c}sebanyak\u{201d}.",
                    &[("20 warga negara Indonesia (WNI)", true), ("16 orang", true), ("415 km (a distance)", false)],
                ),
                def(
                    2,
                    "LOCATION",
                    "#047857",
                    "A place: country, province, city, compound or venue. \u{201c}Myawaddy, Myanmar\u{201d} is one span; leave out \u{201c}di\u{201d}.",
                    &[("Nusa Dua Bali", true), ("Myawaddy, Myanmar", true), ("kawasan (a region in general)", false)],
                ),
                def(
                    3,
                    "POLICY_CALL",
                    "#7e22ce",
                    "A stated call for policy or action, from its subject to the end of the clause; actors and places inside it are tagged too.",
                    &[("ASEAN menangkal isu ini (TPPO) secara kolektif", true), ("Indonesia bisa memimpin dalam menyelesaikan kasus TPPO", true), ("a report of what happened", false)],
                ),
            ],
        }
    }
}

/// Letters the annotator's commands use (tag all, suggest, reject), never
/// given to a label.
pub const COMMAND_KEYS: [char; 3] = ['a', 's', 'x'];

impl Schema {
    /// All labels in hotkey order.
    pub fn labels(&self) -> &[LabelDef] {
        &self.labels
    }

    /// The labels, to edit; callers keep names and keys unique.
    pub(crate) fn labels_mut(&mut self) -> &mut Vec<LabelDef> {
        &mut self.labels
    }

    /// A schema of these labels, refusing repeated names or keys and
    /// colours that are not `#rrggbb`.
    pub fn from_labels(labels: Vec<LabelDef>) -> Result<Self, String> {
        for (i, def) in labels.iter().enumerate() {
            if labels[..i].iter().any(|other| other.label == def.label) {
                return Err(format!("The label {} appears twice.", def.label));
            }
            if labels[..i].iter().any(|other| other.key == def.key) {
                return Err(format!("Key {} is bound to two labels.", def.key));
            }
            if parse_hex(&def.color).is_none() {
                return Err(format!("{} has the colour \u{201c}{}\u{201d}, not one like #1d4ed8.", def.label, def.color));
            }
        }
        Ok(Schema { labels })
    }

    /// Whether `key` may apply a label: a digit, or a lowercase letter no
    /// command uses.
    pub fn is_label_key(key: char) -> bool {
        key.is_ascii_digit() || (key.is_ascii_lowercase() && !COMMAND_KEYS.contains(&key))
    }

    /// The label bound to `key`, if any.
    pub fn label_for_key(&self, key: char) -> Option<&Label> {
        self.labels.iter().find(|def| def.key == key).map(|def| &def.label)
    }

    /// The definition of the label called `name`, if the schema has it.
    pub fn get(&self, name: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|def| def.label.name() == name)
    }

    /// The position of the label called `name` in the schema.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.labels.iter().position(|def| def.label.name() == name)
    }

    /// Adds a label with the next free hotkey, a colour from the palette
    /// and the next stroke. Refuses an empty name or one already there.
    pub fn add(&mut self, name: &str) -> Result<(), String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("A label needs a name.".to_owned());
        }
        if self.get(name).is_some() {
            return Err(format!("The schema already has a label {name}."));
        }
        let index = self.labels.len();
        let key =
            ('1'..='9').chain('a'..='z').find(|k| !COMMAND_KEYS.contains(k) && self.labels.iter().all(|def| def.key != *k)).unwrap_or(' ');
        self.labels.push(LabelDef {
            label: Label::new(name),
            key,
            color: PALETTE[index % PALETTE.len()].to_owned(),
            stroke: Stroke::for_index(index),
            description: String::new(),
            examples: Vec::new(),
            value: ValueKind::None,
        });
        Ok(())
    }

    /// The label names in schema order.
    pub fn names(&self) -> Vec<String> {
        self.labels.iter().map(|def| def.label.name().to_owned()).collect()
    }
}

/// Colours for labels beyond the default four, all WCAG AA with white
/// text and on white.
pub const PALETTE: [&str; 8] = ["#1d4ed8", "#b91c1c", "#047857", "#7e22ce", "#9a3412", "#0e7490", "#a21caf", "#4d7c0f"];

/// Parses `#rrggbb` into its channels.
pub fn parse_hex(color: &str) -> Option<[u8; 3]> {
    let hex = color.strip_prefix('#').filter(|h| h.len() == 6 && h.is_ascii())?;
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// The colour's variant for dark backgrounds: mixed `amount` (0–1) of the
/// way towards white, so underlines and text stay readable on dark grey.
pub fn lighten(color: &str, amount: f64) -> String {
    let [r, g, b] = parse_hex(color).unwrap_or([128, 128, 128]);
    let mix = |c: u8| (f64::from(c) + (255.0 - f64::from(c)) * amount).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(r), mix(g), mix(b))
}

/// WCAG 2 contrast ratio between two `#rrggbb` colours (1 to 21).
pub fn contrast(a: &str, b: &str) -> f64 {
    let luminance = |color: &str| {
        let [r, g, b] = parse_hex(color).unwrap_or_default();
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// How far label colours are lightened for the dark theme.
pub const DARK_LIGHTEN: f64 = 0.45;

#[cfg(test)]
mod tests {

    #[test]
    fn twelve_labels_get_twelve_keys_none_a_command_uses() {
        let mut schema = Schema::default();
        for n in schema.labels().len()..12 {
            schema.add(&format!("LABEL_{n}")).unwrap();
        }
        let keys: String = schema.labels().iter().map(|def| def.key).collect();
        assert_eq!(keys, "123456789bcd");
        assert!(keys.chars().all(Schema::is_label_key));
        assert!(COMMAND_KEYS.iter().all(|&k| !Schema::is_label_key(k)));
        assert!(!Schema::is_label_key('B') && !Schema::is_label_key('?'));
    }

    use super::*;

    #[test]
    fn default_schema_maps_keys_one_to_four() {
        let schema = Schema::default();
        let names: Vec<_> = "1234".chars().map(|k| schema.label_for_key(k).unwrap().name().to_owned()).collect();
        assert_eq!(names, ["ACTOR", "VICTIM_COUNT", "LOCATION", "POLICY_CALL"]);
        assert_eq!(schema.label_for_key('5'), None);
        assert_eq!(schema.index_of("LOCATION"), Some(2));
    }

    /// The page backgrounds of the light and dark themes (styles/10-base.css).
    const LIGHT_SURFACE: &str = "#ffffff";
    const DARK_SURFACE: &str = "#1f2328";

    #[test]
    fn label_colours_meet_wcag_aa_in_both_themes() {
        for def in Schema::default().labels() {
            let on_light = contrast(&def.color, LIGHT_SURFACE);
            assert!(on_light >= 4.5, "{} {} on white: {on_light:.2}", def.label, def.color);
            let white_on_chip = contrast("#ffffff", &def.color);
            assert!(white_on_chip >= 4.5, "white on {} chip: {white_on_chip:.2}", def.label);
            let dark = lighten(&def.color, DARK_LIGHTEN);
            let on_dark = contrast(&dark, DARK_SURFACE);
            assert!(on_dark >= 4.5, "{} {dark} on the dark theme: {on_dark:.2}", def.label);
        }
    }

    #[test]
    fn palette_colours_meet_wcag_aa_in_both_themes() {
        for color in PALETTE {
            assert!(contrast(color, LIGHT_SURFACE) >= 4.5, "{color}");
            assert!(contrast(&lighten(color, DARK_LIGHTEN), DARK_SURFACE) >= 4.5, "{color} dark");
        }
    }

    #[test]
    fn added_labels_take_the_next_free_key_and_refuse_repeats() {
        let mut schema = Schema::default();
        schema.add("ORG").unwrap();
        assert_eq!(schema.label_for_key('5').map(Label::name), Some("ORG"));
        assert!(schema.add("ORG").is_err());
        assert!(schema.add("  ").is_err());
    }

    #[test]
    fn hex_parsing_refuses_anything_but_rrggbb() {
        assert_eq!(parse_hex("#1d4ed8"), Some([0x1d, 0x4e, 0xd8]));
        for bad in ["1d4ed8", "#1d4ed", "#1d4ed8;}", "#ggg000", "#é12345"] {
            assert_eq!(parse_hex(bad), None, "{bad}");
        }
        assert_eq!(lighten("#000000", 0.5), "#808080");
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    }
}

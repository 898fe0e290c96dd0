//! The outline of a JSON object file: where each top-level field's value
//! lies, and where each item of one list field lies, found by walking the
//! JSON's strings and brackets without building any value. A reader then
//! parses the small head and each item on its own, a few at a time, so a
//! 30 MB corpus is never one value in memory nor one long step.
//!
//! The walk checks the structure it passes (keys, colons, commas,
//! balanced brackets) but not what lies inside a value: parsing each part
//! does that.

use std::ops::Range;

/// Where the parts of a JSON object lie, as byte ranges of its text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Outline {
    /// Each field's key (as written, escapes and all: the keys sought
    /// have none) and its value.
    pub fields: Vec<(String, Range<usize>)>,
    /// Each item of the list field asked for, when it is a list.
    pub items: Option<Vec<Range<usize>>>,
}

/// The outline of `text`, a JSON object, with the value of the field
/// `list_key` split into its items, made a slice at a time: each
/// [`Self::walk`] goes on over about as many bytes as it is given, pausing
/// between the list's items, so the outline of a 30 MB file never holds the
/// page for long. It keeps positions only; each call is given the same text.
pub(crate) struct Outliner {
    list_key: String,
    at: usize,
    place: Place,
    outline: Outline,
}

/// Where an [`Outliner`] stands.
enum Place {
    /// At a field's key.
    Key,
    /// At an item of the list field `key` (or its end), whose value starts
    /// at `value_start`.
    Item { key: String, value_start: usize },
    /// Past the object's end.
    Done,
}

impl Outliner {
    /// Begins the outline of `text`; `None` when it does not open an object.
    pub(crate) fn new(text: &str, list_key: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let mut at = skip_space(bytes, 0);
        expect(bytes, &mut at, b'{')?;
        at = skip_space(bytes, at);
        let outline = Outline { fields: Vec::new(), items: None };
        let mut outliner = Outliner { list_key: list_key.to_owned(), at, place: Place::Key, outline };
        if bytes.get(at) == Some(&b'}') {
            (skip_space(bytes, at + 1) == bytes.len()).then_some(())?;
            outliner.place = Place::Done;
        }
        Some(outliner)
    }

    /// Walks on over about `budget` more bytes of `text`: `Some(true)` once
    /// the whole object is outlined, `Some(false)` if there is more, `None`
    /// when the text is not one object.
    pub(crate) fn walk(&mut self, text: &str, budget: usize) -> Option<bool> {
        let bytes = text.as_bytes();
        let stop = self.at.saturating_add(budget);
        loop {
            match std::mem::replace(&mut self.place, Place::Done) {
                Place::Done => return Some(true),
                Place::Key => {
                    let key_start = self.at;
                    self.at = skip_string(bytes, self.at)?;
                    let key = text[key_start + 1..self.at - 1].to_owned();
                    self.at = skip_space(bytes, self.at);
                    expect(bytes, &mut self.at, b':')?;
                    self.at = skip_space(bytes, self.at);
                    let value_start = self.at;
                    if key == self.list_key && bytes.get(self.at) == Some(&b'[') {
                        self.at = skip_space(bytes, self.at + 1);
                        self.outline.items = Some(Vec::new());
                        if bytes.get(self.at) == Some(&b']') {
                            self.at += 1;
                            self.outline.fields.push((key, value_start..self.at));
                            self.after_value(bytes)?;
                        } else {
                            self.place = Place::Item { key, value_start };
                        }
                    } else {
                        self.at = skip_value(bytes, self.at)?;
                        self.outline.fields.push((key, value_start..self.at));
                        self.after_value(bytes)?;
                    }
                }
                Place::Item { key, value_start } => {
                    if self.at >= stop {
                        self.place = Place::Item { key, value_start };
                        return Some(false);
                    }
                    let start = self.at;
                    self.at = skip_value(bytes, self.at)?;
                    self.outline.items.get_or_insert_with(Vec::new).push(start..self.at);
                    self.at = skip_space(bytes, self.at);
                    match bytes.get(self.at)? {
                        b',' => {
                            self.at = skip_space(bytes, self.at + 1);
                            self.place = Place::Item { key, value_start };
                        }
                        b']' => {
                            self.at += 1;
                            self.outline.fields.push((key, value_start..self.at));
                            self.after_value(bytes)?;
                        }
                        _ => return None,
                    }
                }
            }
        }
    }

    /// Past a field's value: on to the next key, or the end of the object
    /// (with nothing after it).
    fn after_value(&mut self, bytes: &[u8]) -> Option<()> {
        self.at = skip_space(bytes, self.at);
        match bytes.get(self.at)? {
            b',' => {
                self.at = skip_space(bytes, self.at + 1);
                self.place = Place::Key;
                Some(())
            }
            b'}' => (skip_space(bytes, self.at + 1) == bytes.len()).then(|| self.place = Place::Done),
            _ => None,
        }
    }

    /// The outline, once [`Self::walk`] has said it is whole.
    pub(crate) fn finish(self) -> Outline {
        self.outline
    }
}

fn expect(bytes: &[u8], at: &mut usize, byte: u8) -> Option<()> {
    (bytes.get(*at) == Some(&byte)).then(|| *at += 1)
}

fn skip_space(bytes: &[u8], at: usize) -> usize {
    at + bytes[at.min(bytes.len())..].iter().take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')).count()
}

/// Past the string that starts at `at`.
fn skip_string(bytes: &[u8], mut at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    at += 1;
    loop {
        at += bytes.get(at..)?.iter().position(|&b| b == b'"' || b == b'\\')?;
        if bytes[at] == b'"' {
            return Some(at + 1);
        }
        at += 2;
    }
}

/// Past the value that starts at `at`: a string, an object or list with
/// everything in it, or a bare word or number.
fn skip_value(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => skip_string(bytes, at),
        b'{' | b'[' => {
            let (mut at, mut depth) = (at, 0usize);
            loop {
                match bytes.get(at)? {
                    b'"' => {
                        at = skip_string(bytes, at)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(at + 1);
                        }
                    }
                    _ => {}
                }
                at += 1;
            }
        }
        _ => {
            let len = bytes[at..].iter().take_while(|b| !matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')).count();
            (len > 0).then_some(at + len)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole outline at once; `None` when the text does not have the
    /// structure of one object.
    fn outline(text: &str, list_key: &str) -> Option<Outline> {
        let mut outliner = Outliner::new(text, list_key)?;
        outliner.walk(text, usize::MAX)?;
        Some(outliner.finish())
    }

    fn parts<'a>(text: &'a str, outline: &'a Outline) -> (Vec<(&'a str, &'a str)>, Option<Vec<&'a str>>) {
        let fields = outline.fields.iter().map(|(key, range)| (key.as_str(), &text[range.clone()])).collect();
        (fields, outline.items.as_ref().map(|items| items.iter().map(|range| &text[range.clone()]).collect()))
    }

    #[test]
    fn fields_and_items_are_found_whatever_their_strings_hold() {
        let text = " {\"format\" : \"sorot\", \"labels\":[\"A]\", \"\\\"}\"],\n\"documents\": [ {\"text\": \"}]\\\\\", \"n\": [1, {}]} ,\n 7, \"x\" , [] ], \"z\": -1.5e3 }\n";
        let found = outline(text, "documents").unwrap();
        let (fields, items) = parts(text, &found);
        assert_eq!(
            fields,
            [
                ("format", "\"sorot\""),
                ("labels", "[\"A]\", \"\\\"}\"]"),
                ("documents", "[ {\"text\": \"}]\\\\\", \"n\": [1, {}]} ,\n 7, \"x\" , [] ]"),
                ("z", "-1.5e3")
            ]
        );
        assert_eq!(items.unwrap(), ["{\"text\": \"}]\\\\\", \"n\": [1, {}]}", "7", "\"x\"", "[]"]);
        assert_eq!(outline("{}", "documents"), Some(Outline { fields: vec![], items: None }));
        assert_eq!(outline("{\"documents\": []}", "documents").unwrap().items, Some(vec![]));
        assert_eq!(outline("{\"documents\": 7}", "documents").unwrap().items, None);
    }

    #[test]
    fn an_outline_walked_in_slices_is_the_outline_walked_at_once() {
        let items: Vec<String> = (0..40).map(|n| format!("{{\"text\": \"dokumen {n} ]}}\", \"n\": [{n}]}}")).collect();
        let text = format!("{{\"format\": \"sorot\", \"documents\": [{}], \"z\": {{\"a\": []}}}}", items.join(", "));
        let whole = outline(&text, "documents").unwrap();
        assert_eq!(whole.items.as_ref().map(Vec::len), Some(40));
        for budget in [1, 7, 100, 1_000] {
            let mut outliner = Outliner::new(&text, "documents").unwrap();
            let mut walks = 1;
            while !outliner.walk(&text, budget).unwrap() {
                walks += 1;
            }
            assert!(walks > text.len() / budget / 100, "{walks} walks of {budget}");
            assert_eq!(outliner.finish(), whole, "walked {budget} bytes at a time");
        }
        let broken = text.replace("], \"z\"", "} \"z\"");
        let mut outliner = Outliner::new(&broken, "documents").unwrap();
        let ended = std::iter::repeat_with(|| outliner.walk(&broken, 50)).find(|walk| *walk != Some(false));
        assert_eq!(ended, Some(None), "a broken list is found wherever the slices fall");
    }

    #[test]
    fn what_is_not_one_object_has_no_outline() {
        for text in [
            "",
            "[]",
            "{",
            "{\"a\" 1}",
            "{\"a\": 1 \"b\": 2}",
            "{\"a\": [1}",
            "{\"a\": \"x}",
            "{\"a\": 1}}",
            "{\"a\": 1} x",
            "{a: 1}",
            "{\"a\":}",
        ] {
            assert_eq!(outline(text, "a"), None, "{text}");
        }
    }
}

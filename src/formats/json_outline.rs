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

/// Outlines `text`, a JSON object, splitting the value of the field
/// `list_key` into its items; `None` when the text does not have the
/// structure of one object (the parser then says what is wrong).
pub(crate) fn outline(text: &str, list_key: &str) -> Option<Outline> {
    let bytes = text.as_bytes();
    let mut at = skip_space(bytes, 0);
    expect(bytes, &mut at, b'{')?;
    let mut outline = Outline { fields: Vec::new(), items: None };
    at = skip_space(bytes, at);
    if bytes.get(at) == Some(&b'}') {
        return (skip_space(bytes, at + 1) == bytes.len()).then_some(outline);
    }
    loop {
        let key_start = at;
        at = skip_string(bytes, at)?;
        let key = text[key_start + 1..at - 1].to_owned();
        at = skip_space(bytes, at);
        expect(bytes, &mut at, b':')?;
        at = skip_space(bytes, at);
        let value_start = at;
        if key == list_key && bytes.get(at) == Some(&b'[') {
            let (items, end) = list_items(bytes, at)?;
            outline.items = Some(items);
            at = end;
        } else {
            at = skip_value(bytes, at)?;
        }
        outline.fields.push((key, value_start..at));
        at = skip_space(bytes, at);
        match bytes.get(at)? {
            b',' => at = skip_space(bytes, at + 1),
            b'}' => return (skip_space(bytes, at + 1) == bytes.len()).then_some(outline),
            _ => return None,
        }
    }
}

/// The items of the list that starts at `at`, and where the list ends.
fn list_items(bytes: &[u8], mut at: usize) -> Option<(Vec<Range<usize>>, usize)> {
    let mut items = Vec::new();
    at = skip_space(bytes, at + 1);
    if bytes.get(at) == Some(&b']') {
        return Some((items, at + 1));
    }
    loop {
        let start = at;
        at = skip_value(bytes, at)?;
        items.push(start..at);
        at = skip_space(bytes, at);
        match bytes.get(at)? {
            b',' => at = skip_space(bytes, at + 1),
            b']' => return Some((items, at + 1)),
            _ => return None,
        }
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

//! Property tests: on any text, suggestions and occurrences are sorted,
//! non-empty, trimmed ranges of code points inside the text.

use proptest::prelude::*;
use sorot::suggest::{occurrences, suggest, PatternSet};

/// News words the rules react to, mixed with emoji, ZWJ sequences, flags,
/// combining marks, CJK, RTL text, CRLF and stray chars.
fn newsy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "20",
        "1.200",
        "1,5",
        "juta",
        "dua",
        "puluh",
        "ratusan",
        "lebih dari",
        "orang",
        "WNI",
        "(WNI)",
        "warga negara",
        "Indonesia",
        "Kabupaten",
        "Kota",
        "Myawaddy",
        "KBRI",
        "Menteri",
        "Kao Kim Hourn",
        ",",
        ".",
        "harus",
        "meminta",
        "agar",
        "“",
        "”",
        "\"",
        " ",
        " ",
        " ",
        "\u{a0}",
        "\r\n",
        "\n\n",
        "👨‍👩‍👧",
        "🇮🇩",
        "e\u{301}",
        "東京",
        "\u{200f}مرحبا",
        "\u{200b}",
        "-",
    ]);
    prop::collection::vec(prop_oneof![4 => pieces.prop_map(str::to_owned), 1 => any::<char>().prop_map(String::from)], 0..60)
        .prop_map(|parts| parts.concat())
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

proptest! {
    #[test]
    fn suggestions_are_sorted_trimmed_code_point_ranges(text in newsy_text()) {
        let patterns = PatternSet::from_jsonl(r#"{"label": "X", "pattern": [{"IS_PUNCT": true, "OP": "*"}, {"IS_ALPHA": true, "OP": "+"}]}"#).unwrap();
        let len = text.chars().count();
        let found = suggest(&text, &patterns);
        for s in &found {
            prop_assert!(s.start < s.end && s.end <= len, "{:?}", s);
            let sliced = slice(&text, s.start, s.end);
            prop_assert!(!sliced.is_empty() && sliced.trim() == sliced, "{:?} -> {:?}", s, sliced);
        }
        prop_assert!(found.windows(2).all(|w| (w[0].start, w[0].end, &w[0].label) < (w[1].start, w[1].end, &w[1].label)));
    }

    #[test]
    fn occurrences_slice_to_the_needle_words(text in newsy_text(), a in 0usize..60, b in 0usize..60, case_sensitive in any::<bool>()) {
        let len = text.chars().count();
        let needle = slice(&text, a.min(b).min(len), a.max(b).min(len));
        let found = occurrences(&text, &needle, case_sensitive);
        for &(start, end) in &found {
            prop_assert!(start < end && end <= len);
            let sliced = slice(&text, start, end);
            prop_assert!(!sliced.is_empty() && sliced.trim() == sliced);
        }
        prop_assert!(found.windows(2).all(|w| w[0].1 <= w[1].0));
    }
}

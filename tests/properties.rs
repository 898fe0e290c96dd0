//! Property tests over arbitrary Unicode: offset conversion, refinement and
//! undo keep their promises for any text, not just the fixtures.

use proptest::prelude::*;
use sorot::model::offsets::{char_to_byte_idx, char_to_utf16, slice_chars, utf16_to_char, Utf16Offset};
use sorot::model::refine::{refine, Precision};
use sorot::model::WorkAction;
use sorot::model::{AppState, Document, Label};
use unicode_segmentation::UnicodeSegmentation;

/// Text full of the hazards real news holds: emoji, ZWJ, flags, combining
/// marks, CJK, RTL, CRLF, tabs and no-break spaces.
fn hazardous_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Kao",
        "Kim",
        " ",
        "\u{a0}",
        "\t",
        "\r\n",
        "\n",
        ",",
        "(WNI)",
        "👨‍👩‍👧",
        "🇮🇩",
        "e\u{301}",
        "東京",
        "\u{200f}مرحبا",
        "สวัสดี",
        "💩",
        "\u{200b}",
        ".",
        "“",
        "”",
    ]);
    prop::collection::vec(prop_oneof![pieces.prop_map(str::to_owned), any::<char>().prop_map(String::from)], 0..40)
        .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn utf16_and_char_offsets_round_trip(text in hazardous_text()) {
        let char_len = text.chars().count();
        for char_idx in 0..=char_len {
            let utf16 = char_to_utf16(&text, char_idx).unwrap();
            prop_assert_eq!(utf16_to_char(&text, utf16), Some(char_idx));
        }
        prop_assert_eq!(char_to_utf16(&text, char_len + 1), None);
        let utf16_len = text.encode_utf16().count() as u32;
        for unit in 0..=utf16_len {
            let inside_pair = text.encode_utf16().nth(unit as usize).is_some_and(|u| (0xDC00..0xE000).contains(&u));
            prop_assert_eq!(utf16_to_char(&text, Utf16Offset(unit)).is_none(), inside_pair);
        }
    }

    #[test]
    fn byte_index_counting_agrees_with_decoding_chars(text in hazardous_text()) {
        let starts: Vec<usize> = text.char_indices().map(|(byte_idx, _)| byte_idx).chain([text.len()]).collect();
        for (char_idx, byte_idx) in starts.iter().enumerate() {
            prop_assert_eq!(char_to_byte_idx(&text, char_idx), Some(*byte_idx));
        }
        prop_assert_eq!(char_to_byte_idx(&text, starts.len()), None);
    }

    #[test]
    fn refine_is_idempotent_stays_inside_lines_and_respects_graphemes(
        text in hazardous_text(), a in 0usize..60, b in 0usize..60, word in any::<bool>()
    ) {
        let len = text.chars().count();
        let (start, end) = (a.min(b).min(len), a.max(b).min(len));
        let precision = if word { Precision::Word } else { Precision::Character };
        if let Some((s, e)) = refine(&text, start, end, precision) {
            prop_assert!(s < e && e <= len);
            prop_assert_eq!(refine(&text, s, e, precision), Some((s, e)));
            let boundaries: Vec<usize> = {
                let mut chars = 0;
                let mut out = vec![0];
                for g in text.graphemes(true) { chars += g.chars().count(); out.push(chars); }
                out
            };
            prop_assert!(boundaries.contains(&s) && boundaries.contains(&e));
            // Snapping never reaches past the word boundaries around the selection.
            let word_bounds: Vec<usize> = {
                let mut chars = 0;
                let mut out = vec![0];
                for w in text.split_word_bounds() { chars += w.chars().count(); out.push(chars); }
                out
            };
            let floor = word_bounds.iter().rev().copied().find(|&b| b <= start).unwrap_or(0);
            let ceil = word_bounds.iter().copied().find(|&b| b >= end).unwrap_or(len);
            prop_assert!(floor <= s && e <= ceil, "{s}..{e} outside {floor}..{ceil}");
            let sliced = slice_chars(&text, s, e).unwrap();
            prop_assert!(!sliced.starts_with(char::is_whitespace) && !sliced.ends_with(char::is_whitespace));
        }
    }

    #[test]
    fn any_tags_then_as_many_undos_give_back_the_start(
        text in hazardous_text(), ranges in prop::collection::vec((0usize..60, 0usize..60, 0usize..4), 0..12)
    ) {
        let labels = ["ACTOR", "VICTIM_COUNT", "LOCATION", "POLICY_CALL"];
        let mut state = AppState::with_document(Document::new("d", text.clone()));
        let start = state.current().annotations.clone();
        let len = text.chars().count();
        let mut snapshots = vec![start.clone()];
        for (a, b, l) in ranges {
            let action = WorkAction::Tag { start: a.min(b).min(len), end: a.max(b).min(len), label: Label::new(labels[l]) };
            if state.apply(action).is_ok() {
                snapshots.push(state.current().annotations.clone());
            }
        }
        for span in state.current().annotations.spans() {
            prop_assert!(span.start() < span.end() && span.end() <= len);
        }
        let sorted = state.current().annotations.spans().windows(2).all(|w| (w[0].start(), w[0].end()) <= (w[1].start(), w[1].end()));
        prop_assert!(sorted);
        for expected in snapshots.iter().rev().skip(1) {
            state.apply(WorkAction::Undo).unwrap();
            prop_assert_eq!(&state.current().annotations, expected);
        }
        prop_assert!(!state.apply(WorkAction::Undo).unwrap().changed);
        prop_assert_eq!(&state.current().annotations, &start);
        for expected in snapshots.iter().skip(1) {
            state.apply(WorkAction::Redo).unwrap();
            prop_assert_eq!(&state.current().annotations, expected);
        }
    }
}

//! The numeral parser: digits, words in Indonesian, Malay and English, vague
//! amounts and bounds, each to the value an annotator would write down.

use sorot::suggest::numerals::parse;
use sorot::suggest::VictimValue::{self, Exact, Range};

fn range(min: u64, max: Option<u64>) -> VictimValue {
    Range { min, max }
}

#[test]
fn numerals_parse_to_their_values() {
    let cases: &[(&str, Option<VictimValue>)] = &[
        // Digits, thousands separators and decimals with a scale word.
        ("20", Some(Exact(20))),
        ("1.200", Some(Exact(1_200))),
        ("1,200", Some(Exact(1_200))),
        ("7,000", Some(Exact(7_000))),
        ("1.200.000", Some(Exact(1_200_000))),
        ("1,5 juta", Some(Exact(1_500_000))),
        ("2.5 million", Some(Exact(2_500_000))),
        ("2 juta", Some(Exact(2_000_000))),
        ("200 ribu", Some(Exact(200_000))),
        ("1.200,5 juta", Some(Exact(1_200_500_000))),
        ("1,250 juta", Some(Exact(1_250_000_000))),
        ("1,5", None),
        ("1.2.3", None),
        // Indonesian and Malay words, with the "se-" prefix.
        ("dua", Some(Exact(2))),
        ("sebelas", Some(Exact(11))),
        ("dua belas", Some(Exact(12))),
        ("sepuluh", Some(Exact(10))),
        ("dua puluh", Some(Exact(20))),
        ("dua puluh enam", Some(Exact(26))),
        ("Dua Puluh", Some(Exact(20))),
        ("DUA PULUH", Some(Exact(20))),
        ("seratus", Some(Exact(100))),
        ("seratus dua puluh lima", Some(Exact(125))),
        ("tiga ratus", Some(Exact(300))),
        ("seribu", Some(Exact(1_000))),
        ("seribu dua ratus", Some(Exact(1_200))),
        ("dua ribu", Some(Exact(2_000))),
        ("sembilan ratus sembilan puluh sembilan ribu", Some(Exact(999_000))),
        ("dua juta", Some(Exact(2_000_000))),
        ("sejuta", Some(Exact(1_000_000))),
        ("dua juta lima ratus ribu", Some(Exact(2_500_000))),
        ("lapan", Some(Exact(8))),
        // English words.
        ("eleven", Some(Exact(11))),
        ("twenty", Some(Exact(20))),
        ("twenty-six", Some(Exact(26))),
        ("two hundred", Some(Exact(200))),
        ("two hundred and fifty", Some(Exact(250))),
        ("three thousand", Some(Exact(3_000))),
        // Vague amounts.
        ("belasan", Some(range(11, Some(19)))),
        ("puluhan", Some(range(10, Some(99)))),
        ("ratusan", Some(range(100, Some(999)))),
        ("ribuan", Some(range(1_000, Some(9_999)))),
        ("puluhan ribu", Some(range(10_000, Some(99_999)))),
        ("hundreds", Some(range(200, Some(999)))),
        // Bounds: "more than N" is at least N + 1.
        ("lebih dari 200", Some(range(201, None))),
        ("more than 200", Some(range(201, None))),
        ("lebih daripada 100", Some(range(101, None))),
        ("lebih dari seratus", Some(range(101, None))),
        ("at least 260", Some(range(260, None))),
        ("sedikitnya 260", Some(range(260, None))),
        ("sekurang-kurangnya 5", Some(range(5, None))),
        ("paling banyak 50", Some(range(0, Some(50)))),
        ("up to 50", Some(range(0, Some(50)))),
        ("kurang dari 50", Some(range(0, Some(49)))),
        // Ranges.
        ("10-15", Some(range(10, Some(15)))),
        ("10 hingga 15", Some(range(10, Some(15)))),
        ("dua-tiga", Some(range(2, Some(3)))),
        ("15-10", None),
        // Not numbers, or not only numbers.
        ("dua tiga", None),
        ("puluh", None),
        ("ratus dua", None),
        ("dua puluh ratus", None),
        ("sebanyak", None),
        ("sekitar 20", None),
        ("TPPO", None),
        ("lebih dari", None),
        ("", None),
    ];
    assert!(cases.len() >= 40);
    for &(phrase, expected) in cases {
        assert_eq!(parse(phrase), expected, "{phrase:?}");
    }
}

#[test]
fn values_serialise_as_a_number_or_a_range_and_back() {
    let cases = [(Exact(20), "20"), (range(10, Some(99)), r#"{"min":10,"max":99}"#), (range(201, None), r#"{"min":201,"max":null}"#)];
    for (value, json) in cases {
        assert_eq!(serde_json::to_string(&value).unwrap(), json);
        assert_eq!(serde_json::from_str::<VictimValue>(json).unwrap(), value);
    }
}

#[test]
fn overflowing_numbers_are_refused() {
    assert_eq!(parse("99999999999999999999"), None);
    assert_eq!(parse("999.999.999.999 triliun"), None);
}

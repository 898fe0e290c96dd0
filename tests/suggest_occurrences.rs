//! "Tag all occurrences": whole-word matches of a phrase, with or without
//! case, at code point offsets.

use sorot::suggest::occurrences;

/// `(text, needle, case sensitive, expected char ranges)`.
type Case = (&'static str, &'static str, bool, &'static [(usize, usize)]);

#[test]
fn occurrences_are_whole_words_in_code_points() {
    let cases: &[Case] = &[
        ("WNI, (WNI) dan wni", "WNI", true, &[(0, 3), (6, 9)]),
        ("WNI, (WNI) dan wni", "WNI", false, &[(0, 3), (6, 9), (15, 18)]),
        ("WNIs dan KWNI", "WNI", false, &[]),
        ("💩 WNI 👨‍👩‍👧 WNI", "WNI", true, &[(2, 5), (12, 15)]),
        ("Kao Kim Hourn dan Kao  Kim\nHourn", "Kao Kim Hourn", true, &[(0, 13), (18, 32)]),
        ("(WNI) dan ( WNI )", "(WNI)", true, &[(0, 5)]),
        ("Myawaddy, Myanmar dan Myawaddy ,Myanmar", "Myawaddy, Myanmar", true, &[(0, 17)]),
        ("ÉCOLE école", "école", false, &[(0, 5), (6, 11)]),
        ("ÉCOLE école", "école", true, &[(6, 11)]),
        ("a a a", "a a", true, &[(0, 3)]),
        ("Великий Новгород", "новгород", false, &[(8, 16)]),
        ("anything", "", true, &[]),
        ("anything", "  ", false, &[]),
        ("", "WNI", false, &[]),
    ];
    for &(text, needle, case_sensitive, expected) in cases {
        assert_eq!(occurrences(text, needle, case_sensitive), expected, "{needle:?} in {text:?} (case sensitive: {case_sensitive})");
    }
}

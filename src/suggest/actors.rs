//! ACTOR suggestions: institutions, organisation names and people.
//!
//! - [`INSTITUTIONS`]: known institutions and their abbreviations, matched
//!   as written ("Kemlu", "BP2MI", "Komnas HAM", "IOM"); the value is the
//!   canonical name. Those that name a post abroad or a regional command
//!   take the place after them: "KBRI Yangon", "Polda Bali"; a nationality
//!   before one is part of it: "Indonesian Foreign Ministry".
//! - [`ORGANISATION_HEADS`]: "Kementerian", "Dinas", "Komisi", ... followed
//!   by capitalised words: "Dinas Tenaga Kerja Provinsi Nusa Tenggara Timur".
//! - [`ROLES`] before a name: the span is the name alone.
//!   "Menteri Luar Negeri Retno Marsudi" -> "Retno Marsudi";
//!   "Sekretaris Jenderal ASEAN, Kao Kim Hourn" -> "Kao Kim Hourn";
//!   "Kabareskrim Polri Komjen Hendra Kusuma" -> "Hendra Kusuma".
//! - a speech verb before a capitalised name of two or more words:
//!   "said Linda Tran".
//! - every later mention of a name found so, and a single word of it after
//!   a speech verb: "kata Arif" once "Arif Prasetyo" is known.
//!
//! Headlines and captions (lines of capitalised words without a closing
//! full stop) are read only for institutions and names already found:
//! there every word looks like a name.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::gazetteer::place_at;
use super::occurrences::find_token_sequence;
use super::phrases::{Case, PhraseIndex};
use super::tokens::{bracketed_abbreviation, Gap, Token};
use super::{Suggestion, Value, ACTOR};

/// `(name as written, canonical name, takes a place)`.
pub const INSTITUTIONS: &[(&str, &str, bool)] = &[
    ("Kementerian Luar Negeri", "Kementerian Luar Negeri", false),
    ("Kemlu", "Kementerian Luar Negeri", false),
    ("Kemenlu", "Kementerian Luar Negeri", false),
    ("Kementerian Ketenagakerjaan", "Kementerian Ketenagakerjaan", false),
    ("Kemnaker", "Kementerian Ketenagakerjaan", false),
    ("Kementerian Sosial", "Kementerian Sosial", false),
    ("Kemensos", "Kementerian Sosial", false),
    ("Kementerian Pelindungan Pekerja Migran Indonesia", "Kementerian Pelindungan Pekerja Migran Indonesia", false),
    ("KP2MI", "Kementerian Pelindungan Pekerja Migran Indonesia", false),
    ("Badan Pelindungan Pekerja Migran Indonesia", "Badan Pelindungan Pekerja Migran Indonesia", false),
    ("BP2MI", "Badan Pelindungan Pekerja Migran Indonesia", false),
    ("Migrant Workers Protection Agency", "Badan Pelindungan Pekerja Migran Indonesia", false),
    ("Kepolisian Negara Republik Indonesia", "Kepolisian Negara Republik Indonesia", false),
    ("Polri", "Kepolisian Negara Republik Indonesia", false),
    ("Mabes Polri", "Kepolisian Negara Republik Indonesia", false),
    ("Badan Reserse Kriminal", "Badan Reserse Kriminal Polri", false),
    ("Bareskrim", "Badan Reserse Kriminal Polri", false),
    ("Bareskrim Polri", "Badan Reserse Kriminal Polri", false),
    ("Polda", "Kepolisian Daerah", true),
    ("Polres", "Kepolisian Resor", true),
    ("Polresta", "Kepolisian Resor Kota", true),
    ("Kedutaan Besar Republik Indonesia", "Kedutaan Besar Republik Indonesia", true),
    ("KBRI", "Kedutaan Besar Republik Indonesia", true),
    ("Indonesian Embassy", "Kedutaan Besar Republik Indonesia", false),
    ("KJRI", "Konsulat Jenderal Republik Indonesia", true),
    ("Direktorat Jenderal Imigrasi", "Direktorat Jenderal Imigrasi", false),
    ("Ditjen Imigrasi", "Direktorat Jenderal Imigrasi", false),
    ("Komisi Perlindungan Anak Indonesia", "Komisi Perlindungan Anak Indonesia", false),
    ("KPAI", "Komisi Perlindungan Anak Indonesia", false),
    ("Komisi Nasional Hak Asasi Manusia", "Komnas HAM", false),
    ("Komnas HAM", "Komnas HAM", false),
    ("Komnas Perempuan", "Komnas Perempuan", false),
    ("Lembaga Perlindungan Saksi dan Korban", "Lembaga Perlindungan Saksi dan Korban", false),
    ("LPSK", "Lembaga Perlindungan Saksi dan Korban", false),
    ("Dewan Perwakilan Rakyat", "Dewan Perwakilan Rakyat", false),
    ("DPR", "Dewan Perwakilan Rakyat", false),
    ("DPR RI", "Dewan Perwakilan Rakyat", false),
    ("Satgas TPPO", "Satgas TPPO", false),
    ("Gugus Tugas TPPO", "Gugus Tugas TPPO", false),
    ("Migrant CARE", "Migrant CARE", false),
    ("SBMI", "Serikat Buruh Migran Indonesia", false),
    ("Serikat Buruh Migran Indonesia", "Serikat Buruh Migran Indonesia", false),
    ("ASEAN", "ASEAN", false),
    ("Sekretariat ASEAN", "ASEAN Secretariat", false),
    ("ASEAN Secretariat", "ASEAN Secretariat", false),
    ("ASEANAPOL", "ASEANAPOL", false),
    ("PBB", "United Nations", false),
    ("Perserikatan Bangsa-Bangsa", "United Nations", false),
    ("United Nations", "United Nations", false),
    ("IOM", "International Organization for Migration", false),
    ("International Organization for Migration", "International Organization for Migration", false),
    ("UNODC", "United Nations Office on Drugs and Crime", false),
    ("United Nations Office on Drugs and Crime", "United Nations Office on Drugs and Crime", false),
    ("UNHCR", "UNHCR", false),
    ("ILO", "International Labour Organization", false),
    ("Interpol", "Interpol", false),
    ("Wisma Putra", "Kementerian Luar Negeri Malaysia", false),
    ("Polis Diraja Malaysia", "Polis Diraja Malaysia", false),
    ("PDRM", "Polis Diraja Malaysia", false),
    ("Royal Malaysia Police", "Polis Diraja Malaysia", false),
    ("Royal Thai Police", "Royal Thai Police", false),
    ("Foreign Ministry", "Foreign Ministry", false),
    ("Ministry of Foreign Affairs", "Foreign Ministry", false),
];

/// Nationalities that may stand before an institution: "Indonesian Foreign Ministry".
const DEMONYMS: &[&str] = &["Indonesian", "Malaysian", "Thai", "Cambodian", "Philippine", "Vietnamese", "Myanmar", "Lao", "Chinese"];

/// Words that open an organisation's name when capitalised words follow.
pub const ORGANISATION_HEADS: &[&str] = &[
    "Kementerian",
    "Kemenko",
    "Kepolisian",
    "Badan",
    "Dinas",
    "Direktorat",
    "Komisi",
    "Lembaga",
    "Kantor",
    "Kedutaan",
    "Konsulat",
    "Dewan",
    "Majelis",
    "Kejaksaan",
    "Pengadilan",
    "Satuan",
    "Balai",
    "Yayasan",
    "Serikat",
    "Jabatan",
    "Suruhanjaya",
    "Ministry",
    "Department",
    "Commission",
];

/// Roles, ranks and honorifics that stand before a person's name, in any case.
pub const ROLES: &[&str] = &[
    "Presiden",
    "Wakil Presiden",
    "Menteri",
    "Menteri Luar Negeri",
    "Menlu",
    "Wakil Menteri",
    "Perdana Menteri",
    "Timbalan Menteri",
    "Sekretaris Jenderal",
    "Sekjen",
    "Direktur",
    "Direktur Jenderal",
    "Dirjen",
    "Kepala",
    "Ketua",
    "Wakil Ketua",
    "Anggota",
    "Duta Besar",
    "Dubes",
    "Konsul Jenderal",
    "Juru Bicara",
    "Jubir",
    "Jurucakap",
    "Pengarah",
    "Komisioner",
    "Koordinator",
    "Peneliti",
    "Gubernur",
    "Bupati",
    "Wali Kota",
    "Kapolri",
    "Kapolda",
    "Kapolres",
    "Kabareskrim",
    "Jenderal",
    "Komjen",
    "Irjen",
    "Brigjen",
    "Kombes",
    "AKBP",
    "Datuk",
    "Datuk Seri",
    "Dato",
    "Dato Seri",
    "Tan Sri",
    "Dr",
    "Prof",
    "President",
    "Minister",
    "Foreign Minister",
    "Prime Minister",
    "Ambassador",
    "Secretary-General",
    "Secretary General",
    "Spokesperson",
    "Spokesman",
    "Director",
    "Director-General",
    "Commissioner",
    "Chief",
    "Police General",
];

/// Verbs that introduce a quoted speaker: "kata Arif", "said Linda Tran".
pub(crate) const SPEECH_VERBS: &[&str] =
    &["kata", "ujar", "ucap", "tutur", "ungkap", "jelas", "tegas", "berkata", "katanya", "said", "says", "told"];

/// Lower-case words allowed inside a name: "Ahmad bin Ismail".
const NAME_PARTICLES: &[&str] = &["bin", "binti"];

/// Lower-case words allowed inside an organisation's name when a capitalised
/// word follows: "Lembaga Perlindungan Saksi dan Korban".
const NAME_CONNECTORS: &[&str] = &["dan", "untuk", "of", "for", "on", "and"];

/// A person's name has at most this many words; an organisation's, after its head.
const NAME_WORDS: usize = 4;
const ORGANISATION_WORDS: usize = 8;

type Institution = (&'static str, bool);

fn institutions() -> &'static PhraseIndex<Institution> {
    static INDEX: OnceLock<PhraseIndex<Institution>> = OnceLock::new();
    INDEX.get_or_init(|| PhraseIndex::new(INSTITUTIONS.iter().map(|&(w, name, place)| (w, (name, place))), Case::AsWritten))
}

fn roles() -> &'static PhraseIndex<()> {
    static INDEX: OnceLock<PhraseIndex<()>> = OnceLock::new();
    INDEX.get_or_init(|| PhraseIndex::new(ROLES.iter().map(|&role| (role, ())), Case::Any))
}

/// Adds every ACTOR the rules find.
pub(crate) fn suggest(tokens: &[Token], out: &mut Vec<Suggestion>) {
    let headline = headline_tokens(tokens);
    let mut names: Vec<(usize, usize)> = Vec::new();
    // Roles inside an organisation's name ("Direktorat Jenderal Imigrasi")
    // are not roles: `covered` is the end of the last organisation found.
    let mut covered = 0;
    for i in 0..tokens.len() {
        let inside_organisation = i < covered;
        if let Some((end, (name, takes_place))) = institutions().longest_at(tokens, i) {
            let end = match place_at(tokens, end) {
                Some((after, _)) if takes_place && tokens[end].gap == Gap::Space => after,
                _ => end,
            };
            let start = match i.checked_sub(1) {
                Some(before) if DEMONYMS.contains(&tokens[before].text) && tokens[i].gap == Gap::Space => before,
                _ => i,
            };
            out.push(Suggestion::over(tokens, start, end, ACTOR, Some(Value::Organisation { name }), "actor.institution"));
            covered = covered.max(end);
        }
        if headline[i] {
            continue;
        }
        if let Some(end) = organisation_at(tokens, i) {
            out.push(Suggestion::over(tokens, i, end, ACTOR, None, "actor.organisation"));
            covered = covered.max(end);
        }
        if inside_organisation {
            continue;
        }
        if let Some(name) = titled_name_at(tokens, i).or_else(|| spoken_name_at(tokens, i)) {
            names.push(name);
        }
    }
    add_names(tokens, &names, out);
}

/// Adds the names found, every other mention of them, and single words of
/// them after a speech verb.
fn add_names(tokens: &[Token], names: &[(usize, usize)], out: &mut Vec<Suggestion>) {
    let mut seen = HashSet::new();
    let mut parts = HashSet::new();
    for &(start, end) in names {
        let name = &tokens[start..end];
        out.push(Suggestion::over(tokens, start, end, ACTOR, None, "actor.person"));
        parts.extend(name.iter().map(|t| t.text).filter(|w| !NAME_PARTICLES.contains(w)));
        if seen.insert(name.iter().map(|t| t.text).collect::<Vec<_>>()) {
            for (a, b) in find_token_sequence(tokens, name, true) {
                out.push(Suggestion::over(tokens, a, b, ACTOR, None, "actor.person_again"));
            }
        }
    }
    for (i, pair) in tokens.windows(2).enumerate() {
        if SPEECH_VERBS.contains(&pair[0].lower.as_ref()) && parts.contains(pair[1].text) {
            out.push(Suggestion::over(tokens, i + 1, i + 2, ACTOR, None, "actor.person_again"));
        }
    }
}

/// An organisation head and the capitalised words after it.
fn organisation_at(tokens: &[Token], i: usize) -> Option<usize> {
    (tokens[i].is_capitalised() && ORGANISATION_HEADS.contains(&tokens[i].text)).then_some(())?;
    let end = capitalised_run_end(tokens, i + 1, ORGANISATION_WORDS);
    (end > i + 1).then_some(end)
}

/// The end of a run of capitalised words from `j`, joined by connectors,
/// at most `limit` words and never past a line break.
fn capitalised_run_end(tokens: &[Token], j: usize, limit: usize) -> usize {
    let mut end = j;
    while end < tokens.len() && end - j < limit && (end == j || tokens[end].gap != Gap::Newline) {
        let token = &tokens[end];
        let joins = NAME_CONNECTORS.contains(&token.text)
            && end > j
            && tokens.get(end + 1).is_some_and(|next| next.is_capitalised() && institutions().longest_at(tokens, end + 1).is_none());
        if !(token.is_capitalised() || joins) {
            break;
        }
        end += 1;
    }
    end
}

/// A name after a role: the token range of the name alone.
fn titled_name_at(tokens: &[Token], i: usize) -> Option<(usize, usize)> {
    let (after_role, ()) = roles().longest_at(tokens, i)?;
    // "Kepala Dinas Tenaga Kerja NTT, Maria Lestari": the organisation,
    // then a comma, then the name.
    let comma = capitalised_run_end(tokens, after_role, ORGANISATION_WORDS);
    if tokens.get(comma).is_some_and(|t| t.text == ",") && names_an_organisation(tokens, after_role, comma) {
        if let Some(end) = name_end(tokens, comma + 1) {
            return Some((comma + 1, end));
        }
    }
    // "Kabareskrim Polri Komjen Hendra Kusuma": more roles, institutions,
    // abbreviations and places may stand between the role and the name. A
    // capitalised run followed by more of them is part of the title too:
    // "Direktur Reserse Kriminal Umum Polda Kepri Kombes Dwi Santoso".
    let mut k = after_title_words(tokens, after_role);
    loop {
        let end = name_end(tokens, k)?;
        let more = after_title_words(tokens, end);
        if more == end {
            return Some((k, end));
        }
        k = more;
    }
}

/// The index past the roles, institutions, places and abbreviations
/// (bare or in brackets) that start at `k`.
fn after_title_words(tokens: &[Token], mut k: usize) -> usize {
    while let Some(next) = roles()
        .longest_at(tokens, k)
        .map(|(end, ())| end)
        .or_else(|| institutions().longest_at(tokens, k).map(|(end, _)| end))
        .or_else(|| place_at(tokens, k).map(|(end, _)| end))
        .or_else(|| tokens.get(k).filter(|t| t.is_upper()).map(|_| k + 1))
        .or_else(|| bracketed_abbreviation(tokens, k))
    {
        k = next;
    }
    k
}

/// Whether `tokens[from..to]` reads as an organisation rather than a name:
/// empty, or holding an abbreviation, an institution or an organisation head.
fn names_an_organisation(tokens: &[Token], from: usize, to: usize) -> bool {
    from == to
        || ORGANISATION_HEADS.contains(&tokens[from].text)
        || (from..to).any(|k| tokens[k].is_upper() || institutions().longest_at(tokens, k).is_some())
}

/// "said Linda Tran": a name of two or more words after a speech verb.
fn spoken_name_at(tokens: &[Token], i: usize) -> Option<(usize, usize)> {
    SPEECH_VERBS.contains(&tokens[i].lower.as_ref()).then_some(())?;
    roles().longest_at(tokens, i + 1).is_none().then_some(())?;
    let end = name_end(tokens, i + 1)?;
    (end - (i + 1) >= 2).then_some((i + 1, end))
}

/// The end of a person's name starting at `k`: title-case words (and
/// particles between them), stopping before a known place or institution.
fn name_end(tokens: &[Token], k: usize) -> Option<usize> {
    let mut end = k;
    while let Some(token) = tokens.get(end) {
        let inside = end > k && token.gap != Gap::Newline;
        let word = token.is_title() || (inside && NAME_PARTICLES.contains(&token.text) && tokens.get(end + 1).is_some_and(Token::is_title));
        let known = place_at(tokens, end).is_some() || institutions().longest_at(tokens, end).is_some();
        if !word || known || (end > k && !inside) || end - k == NAME_WORDS {
            break;
        }
        end += 1;
    }
    (end > k).then_some(end)
}

/// For each token, whether its line reads like a headline or a caption: at
/// least three words, at least three quarters of them capitalised, and no
/// full stop at the end (a sentence of names ends with one).
fn headline_tokens(tokens: &[Token]) -> Vec<bool> {
    let mut flags = vec![false; tokens.len()];
    let mut line_start = 0;
    for end in 1..=tokens.len() {
        if end == tokens.len() || tokens[end].gap == Gap::Newline {
            let line = &tokens[line_start..end];
            let words: Vec<&Token> = line.iter().filter(|t| t.text.chars().any(char::is_alphabetic)).collect();
            let capitalised = words.iter().filter(|t| t.is_capitalised()).count();
            let last = line.iter().rev().find(|t| !matches!(t.text, "\"" | "\u{201d}" | "'" | "\u{2019}"));
            let full_stop = last.is_some_and(|t| t.text == ".");
            flags[line_start..end].fill(words.len() >= 3 && capitalised * 4 >= words.len() * 3 && !full_stop);
            line_start = end;
        }
    }
    flags
}

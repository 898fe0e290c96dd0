//! LOCATION suggestions from a bundled offline gazetteer and from
//! administrative cue words.
//!
//! - [`PLACES`]: ASEAN member states and neighbours, Indonesian provinces and
//!   their capitals, major cities and regencies, border crossings and known
//!   scam hubs, each as written in Indonesian, Malay or English news, with a
//!   canonical (English) name and ISO 3166-1 alpha-2 country code. A name
//!   matches whole tokens, as written or in capitals ("MAE SOT"); the
//!   longest name wins ("Golden Triangle Special Economic Zone" over
//!   "Golden Triangle").
//!   A known place followed by compass words is one place, with no value:
//!   "Lombok Timur", "Jakarta Selatan" ([`COMPASS`]).
//! - [`CUES`]: "Kota", "Kabupaten", "Provinsi", "Bandara", ... followed by
//!   capitalised words (joined by hyphens: "Bandara Soekarno-Hatta"). The
//!   cue is part of the span ("Kabupaten Bekasi" and "Kota Bekasi" are
//!   different places); when the words after it are a known place, the span
//!   carries that place's value, otherwise none.
//!
//! "Myawaddy, Myanmar" is two LOCATIONs, "Myawaddy" and "Myanmar": each is a
//! place with its own canonical name and country, and an annotator who wants
//! one span joins two suggestions more easily than splitting one.
//! Offsets are chars, half-open.

use std::sync::OnceLock;

use serde::Serialize;

use super::phrases::{Case, PhraseIndex};
use super::tokens::{Gap, Token};
use super::{Suggestion, Value, LOCATION};

/// A place the gazetteer knows: its canonical name and country.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The canonical name, e.g. "Cambodia" for "Kamboja".
    pub name: &'static str,
    /// ISO 3166-1 alpha-2 code of the country the place is in, e.g. "KH".
    pub country: &'static str,
}

/// `(name as written, canonical name, country)`. Add a row to add a place or
/// another spelling of one.
pub const PLACES: &[(&str, &str, &str)] = &[
    // ASEAN member states, neighbours and destination countries.
    ("Indonesia", "Indonesia", "ID"),
    ("Malaysia", "Malaysia", "MY"),
    ("Singapura", "Singapore", "SG"),
    ("Singapore", "Singapore", "SG"),
    ("Thailand", "Thailand", "TH"),
    ("Muangthai", "Thailand", "TH"),
    ("Filipina", "Philippines", "PH"),
    ("Philippines", "Philippines", "PH"),
    ("Vietnam", "Vietnam", "VN"),
    ("Viet Nam", "Vietnam", "VN"),
    ("Kamboja", "Cambodia", "KH"),
    ("Kemboja", "Cambodia", "KH"),
    ("Cambodia", "Cambodia", "KH"),
    ("Laos", "Laos", "LA"),
    ("Myanmar", "Myanmar", "MM"),
    ("Burma", "Myanmar", "MM"),
    ("Brunei", "Brunei", "BN"),
    ("Brunei Darussalam", "Brunei", "BN"),
    ("Timor Leste", "Timor-Leste", "TL"),
    ("Timor-Leste", "Timor-Leste", "TL"),
    ("Tiongkok", "China", "CN"),
    ("China", "China", "CN"),
    ("Taiwan", "Taiwan", "TW"),
    ("Hong Kong", "Hong Kong", "HK"),
    ("Jepang", "Japan", "JP"),
    ("Japan", "Japan", "JP"),
    ("Korea Selatan", "South Korea", "KR"),
    ("South Korea", "South Korea", "KR"),
    ("Australia", "Australia", "AU"),
    ("India", "India", "IN"),
    ("Papua Nugini", "Papua New Guinea", "PG"),
    ("Papua New Guinea", "Papua New Guinea", "PG"),
    ("Arab Saudi", "Saudi Arabia", "SA"),
    ("Saudi Arabia", "Saudi Arabia", "SA"),
    ("Uni Emirat Arab", "United Arab Emirates", "AE"),
    ("United Arab Emirates", "United Arab Emirates", "AE"),
    ("Dubai", "Dubai", "AE"),
    // Indonesian provinces.
    ("Aceh", "Aceh", "ID"),
    ("Sumatera Utara", "North Sumatra", "ID"),
    ("Sumut", "North Sumatra", "ID"),
    ("Sumatera Barat", "West Sumatra", "ID"),
    ("Sumbar", "West Sumatra", "ID"),
    ("Sumatera Selatan", "South Sumatra", "ID"),
    ("Sumsel", "South Sumatra", "ID"),
    ("Riau", "Riau", "ID"),
    ("Kepulauan Riau", "Riau Islands", "ID"),
    ("Kepri", "Riau Islands", "ID"),
    ("Jambi", "Jambi", "ID"),
    ("Bengkulu", "Bengkulu", "ID"),
    ("Lampung", "Lampung", "ID"),
    ("Bangka Belitung", "Bangka Belitung Islands", "ID"),
    ("Babel", "Bangka Belitung Islands", "ID"),
    ("Kepulauan Bangka Belitung", "Bangka Belitung Islands", "ID"),
    ("DKI Jakarta", "Jakarta", "ID"),
    ("Jakarta", "Jakarta", "ID"),
    ("Banten", "Banten", "ID"),
    ("Jawa Barat", "West Java", "ID"),
    ("Jabar", "West Java", "ID"),
    ("Jawa Tengah", "Central Java", "ID"),
    ("Jateng", "Central Java", "ID"),
    ("Jawa Timur", "East Java", "ID"),
    ("Jatim", "East Java", "ID"),
    ("DI Yogyakarta", "Yogyakarta", "ID"),
    ("Yogyakarta", "Yogyakarta", "ID"),
    ("Bali", "Bali", "ID"),
    ("Nusa Tenggara Barat", "West Nusa Tenggara", "ID"),
    ("NTB", "West Nusa Tenggara", "ID"),
    ("Nusa Tenggara Timur", "East Nusa Tenggara", "ID"),
    ("NTT", "East Nusa Tenggara", "ID"),
    ("Kalimantan Barat", "West Kalimantan", "ID"),
    ("Kalbar", "West Kalimantan", "ID"),
    ("Kalimantan Tengah", "Central Kalimantan", "ID"),
    ("Kalteng", "Central Kalimantan", "ID"),
    ("Kalimantan Selatan", "South Kalimantan", "ID"),
    ("Kalsel", "South Kalimantan", "ID"),
    ("Kalimantan Timur", "East Kalimantan", "ID"),
    ("Kaltim", "East Kalimantan", "ID"),
    ("Kalimantan Utara", "North Kalimantan", "ID"),
    ("Kaltara", "North Kalimantan", "ID"),
    ("Sulawesi Utara", "North Sulawesi", "ID"),
    ("Sulut", "North Sulawesi", "ID"),
    ("Sulawesi Tengah", "Central Sulawesi", "ID"),
    ("Sulteng", "Central Sulawesi", "ID"),
    ("Sulawesi Selatan", "South Sulawesi", "ID"),
    ("Sulsel", "South Sulawesi", "ID"),
    ("Sulawesi Tenggara", "Southeast Sulawesi", "ID"),
    ("Sultra", "Southeast Sulawesi", "ID"),
    ("Sulawesi Barat", "West Sulawesi", "ID"),
    ("Sulbar", "West Sulawesi", "ID"),
    ("Gorontalo", "Gorontalo", "ID"),
    ("Maluku", "Maluku", "ID"),
    ("Maluku Utara", "North Maluku", "ID"),
    ("Malut", "North Maluku", "ID"),
    ("Papua", "Papua", "ID"),
    ("Papua Barat", "West Papua", "ID"),
    ("Papua Barat Daya", "Southwest Papua", "ID"),
    ("Papua Selatan", "South Papua", "ID"),
    ("Papua Tengah", "Central Papua", "ID"),
    ("Papua Pegunungan", "Highland Papua", "ID"),
    // Indonesian provincial capitals, cities, regencies and crossings.
    ("Banda Aceh", "Banda Aceh", "ID"),
    ("Medan", "Medan", "ID"),
    ("Padang", "Padang", "ID"),
    ("Pekanbaru", "Pekanbaru", "ID"),
    ("Tanjung Pinang", "Tanjung Pinang", "ID"),
    ("Tanjungpinang", "Tanjung Pinang", "ID"),
    ("Palembang", "Palembang", "ID"),
    ("Pangkal Pinang", "Pangkal Pinang", "ID"),
    ("Bandar Lampung", "Bandar Lampung", "ID"),
    ("Bandung", "Bandung", "ID"),
    ("Semarang", "Semarang", "ID"),
    ("Surabaya", "Surabaya", "ID"),
    ("Denpasar", "Denpasar", "ID"),
    ("Mataram", "Mataram", "ID"),
    ("Kupang", "Kupang", "ID"),
    ("Pontianak", "Pontianak", "ID"),
    ("Palangka Raya", "Palangka Raya", "ID"),
    ("Banjarmasin", "Banjarmasin", "ID"),
    ("Samarinda", "Samarinda", "ID"),
    ("Tanjung Selor", "Tanjung Selor", "ID"),
    ("Manado", "Manado", "ID"),
    ("Palu", "Palu", "ID"),
    ("Makassar", "Makassar", "ID"),
    ("Kendari", "Kendari", "ID"),
    ("Mamuju", "Mamuju", "ID"),
    ("Ambon", "Ambon", "ID"),
    ("Sofifi", "Sofifi", "ID"),
    ("Jayapura", "Jayapura", "ID"),
    ("Manokwari", "Manokwari", "ID"),
    ("Sorong", "Sorong", "ID"),
    ("Merauke", "Merauke", "ID"),
    ("Nabire", "Nabire", "ID"),
    ("Batam", "Batam", "ID"),
    ("Bintan", "Bintan", "ID"),
    ("Tanjung Balai", "Tanjung Balai", "ID"),
    ("Tanjungbalai", "Tanjung Balai", "ID"),
    ("Dumai", "Dumai", "ID"),
    ("Bekasi", "Bekasi", "ID"),
    ("Tangerang", "Tangerang", "ID"),
    ("Depok", "Depok", "ID"),
    ("Bogor", "Bogor", "ID"),
    ("Sukabumi", "Sukabumi", "ID"),
    ("Cianjur", "Cianjur", "ID"),
    ("Indramayu", "Indramayu", "ID"),
    ("Cirebon", "Cirebon", "ID"),
    ("Malang", "Malang", "ID"),
    ("Surakarta", "Surakarta", "ID"),
    ("Balikpapan", "Balikpapan", "ID"),
    ("Nunukan", "Nunukan", "ID"),
    ("Entikong", "Entikong", "ID"),
    ("Lombok", "Lombok", "ID"),
    ("Sumba", "Sumba", "ID"),
    ("Nusa Dua", "Nusa Dua", "ID"),
    ("Labuan Bajo", "Labuan Bajo", "ID"),
    // Malaysia, Singapore and Brunei.
    ("Kuala Lumpur", "Kuala Lumpur", "MY"),
    ("Johor", "Johor", "MY"),
    ("Johor Bahru", "Johor Bahru", "MY"),
    ("Sabah", "Sabah", "MY"),
    ("Sarawak", "Sarawak", "MY"),
    ("Kota Kinabalu", "Kota Kinabalu", "MY"),
    ("Tawau", "Tawau", "MY"),
    ("Penang", "Penang", "MY"),
    ("Pulau Pinang", "Penang", "MY"),
    ("Bandar Seri Begawan", "Bandar Seri Begawan", "BN"),
    // Mainland South-East Asia, with the scam hubs and border crossings.
    ("Bangkok", "Bangkok", "TH"),
    ("Mae Sot", "Mae Sot", "TH"),
    ("Chiang Rai", "Chiang Rai", "TH"),
    ("Yangon", "Yangon", "MM"),
    ("Naypyidaw", "Naypyidaw", "MM"),
    ("Myawaddy", "Myawaddy", "MM"),
    ("Shwe Kokko", "Shwe Kokko", "MM"),
    ("KK Park", "KK Park", "MM"),
    ("Tachileik", "Tachileik", "MM"),
    ("Laukkaing", "Laukkaing", "MM"),
    ("Karen State", "Kayin State", "MM"),
    ("Kayin State", "Kayin State", "MM"),
    ("Negara Bagian Karen", "Kayin State", "MM"),
    ("Vientiane", "Vientiane", "LA"),
    ("Bokeo", "Bokeo", "LA"),
    ("Golden Triangle", "Golden Triangle Special Economic Zone", "LA"),
    ("Golden Triangle SEZ", "Golden Triangle Special Economic Zone", "LA"),
    ("Golden Triangle Special Economic Zone", "Golden Triangle Special Economic Zone", "LA"),
    ("Segitiga Emas", "Golden Triangle Special Economic Zone", "LA"),
    ("Zona Ekonomi Khusus Segitiga Emas", "Golden Triangle Special Economic Zone", "LA"),
    ("Kawasan Ekonomi Khusus Segitiga Emas", "Golden Triangle Special Economic Zone", "LA"),
    ("Phnom Penh", "Phnom Penh", "KH"),
    ("Sihanoukville", "Sihanoukville", "KH"),
    ("Preah Sihanouk", "Sihanoukville", "KH"),
    ("Bavet", "Bavet", "KH"),
    ("Poipet", "Poipet", "KH"),
    ("Hanoi", "Hanoi", "VN"),
    ("Ho Chi Minh City", "Ho Chi Minh City", "VN"),
    ("Manila", "Manila", "PH"),
    ("Pampanga", "Pampanga", "PH"),
];

/// Words that open a place name: "Kabupaten Sukabumi", "Pelabuhan Batam".
pub const CUES: &[&str] = &[
    "Kota",
    "Kabupaten",
    "Provinsi",
    "Kecamatan",
    "Kelurahan",
    "Desa",
    "Kampung",
    "Pulau",
    "Bandara",
    "Pelabuhan",
    "Sungai",
    "Selat",
    "Teluk",
    "Gunung",
];

/// Compass words that make a new place of a known one: "Lombok Timur".
pub const COMPASS: &[&str] = &["Utara", "Selatan", "Timur", "Barat", "Tengah", "Tenggara", "Daya", "Laut"];

/// At most this many capitalised words follow a cue.
const CUE_WORDS: usize = 4;

fn index() -> &'static PhraseIndex<Place> {
    static INDEX: OnceLock<PhraseIndex<Place>> = OnceLock::new();
    INDEX.get_or_init(|| {
        PhraseIndex::new(PLACES.iter().map(|&(written, name, country)| (written, Place { name, country })), Case::AsWritten)
    })
}

/// The longest known place at token `i` with the compass words after it:
/// the token index past them, and the place when there are none.
pub(crate) fn place_at(tokens: &[Token], i: usize) -> Option<(usize, Option<Place>)> {
    let (end, place) = index().longest_at(tokens, i)?;
    let compass = tokens[end..].iter().take_while(|t| t.gap == Gap::Space && COMPASS.contains(&t.text)).count();
    Some((end + compass, (compass == 0).then_some(place)))
}

/// Adds a LOCATION for every known place and every cue phrase, left to
/// right, never overlapping one another. A known place wins over a cue
/// ("Kota Kinabalu" is a city's name, not the cue "Kota").
pub(crate) fn suggest(tokens: &[Token], out: &mut Vec<Suggestion>) {
    let mut i = 0;
    while i < tokens.len() {
        if let Some((end, place)) = place_at(tokens, i) {
            out.push(Suggestion::over(tokens, i, end, LOCATION, place.map(Value::Place), "location.gazetteer"));
            i = end;
        } else if let Some((end, place)) = cue_at(tokens, i) {
            out.push(Suggestion::over(tokens, i, end, LOCATION, place.map(Value::Place), "location.cue"));
            i = end;
        } else {
            i += 1;
        }
    }
}

/// A cue and the capitalised words after it: the token index past them, and
/// the place when they name a known one.
fn cue_at(tokens: &[Token], i: usize) -> Option<(usize, Option<Place>)> {
    (tokens[i].is_capitalised() && CUES.contains(&tokens[i].text)).then_some(())?;
    if let Some(found) = place_at(tokens, i + 1).filter(|_| tokens[i + 1].gap != Gap::Newline) {
        return Some(found);
    }
    let mut end = i + 1;
    while let Some(token) = tokens.get(end).filter(|t| t.gap != Gap::Newline && end - i <= CUE_WORDS) {
        let hyphen = token.text == "-" && token.gap == Gap::None && end > i + 1;
        match tokens.get(end + 1) {
            Some(next) if hyphen && next.gap == Gap::None && next.is_capitalised() => end += 2,
            _ if token.is_capitalised() => end += 1,
            _ => break,
        }
    }
    (end > i + 1).then_some((end, None))
}

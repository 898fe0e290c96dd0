//! Each rule family on phrases from the seed article and from the kind of
//! news it stands for, checked through the public `suggest`.

use serde_json::{json, Value as Json};
use sorot::model::SEED_ARTICLE;
use sorot::suggest::{suggest, PatternSet, Suggestion};

/// The text of a suggestion, sliced by char offsets like Python's `text[start:end]`.
fn slice(text: &str, s: &Suggestion) -> String {
    text.chars().skip(s.start).take(s.end - s.start).collect()
}

/// `(text, value)` of every suggestion with `label`, in order.
fn found(text: &str, label: &str) -> Vec<(String, Json)> {
    suggest(text, &PatternSet::default())
        .iter()
        .filter(|s| s.label == label)
        .map(|s| (slice(text, s), s.value.map_or(Json::Null, |v| serde_json::to_value(v).unwrap())))
        .collect()
}

/// The texts of every suggestion with `label`, in order.
fn texts(text: &str, label: &str) -> Vec<String> {
    found(text, label).into_iter().map(|(t, _)| t).collect()
}

fn check(label: &str, cases: &[(&str, Vec<(&str, Json)>)]) {
    for (text, expected) in cases {
        let expected: Vec<(String, Json)> = expected.iter().map(|(t, v)| (t.to_string(), v.clone())).collect();
        assert_eq!(found(text, label), expected, "{label} in {text:?}");
    }
}

#[test]
fn victim_counts_take_the_number_and_the_noun_but_not_the_cue() {
    check(
        "VICTIM_COUNT",
        &[
            ("pada 5 Mei 2023 sebanyak 4 orang dan 6 Mei 2023 sebanyak 16 orang.", vec![("4 orang", json!(4)), ("16 orang", json!(16))]),
            (
                "memastikan sebanyak 20 warga negara Indonesia (WNI) yang menjadi korban TPPO",
                vec![("20 warga negara Indonesia (WNI)", json!(20))],
            ),
            ("3. 20 WNI korban TPPO di Myanmar berhasil dibawa keluar", vec![("20 WNI", json!(20))]),
            ("ratusan pekerja migran masih terjebak", vec![("ratusan pekerja migran", json!({"min": 100, "max": 999}))]),
            ("dua puluh WNI dipulangkan", vec![("dua puluh WNI", json!(20))]),
            ("sebanyak 1.200 orang", vec![("1.200 orang", json!(1200))]),
            ("1,5 juta pekerja migran", vec![("1,5 juta pekerja migran", json!(1_500_000))]),
            ("at least 260 victims were freed", vec![("at least 260 victims", json!({"min": 260, "max": null}))]),
            ("More than 7,000 foreign nationals remain", vec![("More than 7,000 foreign nationals", json!({"min": 7001, "max": null}))]),
            ("hundreds of workers", vec![("hundreds of workers", json!({"min": 200, "max": 999}))]),
            ("Seramai 26 rakyat Malaysia berjaya", vec![("26 rakyat Malaysia", json!(26))]),
            ("dua puluh satu calon pekerja migran", vec![("dua puluh satu calon pekerja migran", json!(21))]),
            ("seorang WNI", vec![("seorang WNI", json!(1))]),
            ("16 orang korban", vec![("16 orang korban", json!(16))]),
            ("16 orang\n\nKorban lain", vec![("16 orang", json!(16))]),
            // Not victim counts.
            ("anggaran 1,5 juta dolar", vec![]),
            ("lima orang tersangka", vec![]),
            ("Bareskrim Tangkap 5 Tersangka", vec![]),
            ("Myawaddy yang terletak 415 km dari Yangon", vec![]),
            ("Sidang ASCC 2023 di Nusa Dua", vec![]),
        ],
    );
}

#[test]
fn locations_come_from_the_gazetteer_and_cue_words() {
    let place = |name: &str, country: &str| json!({"name": name, "country": country});
    check(
        "LOCATION",
        &[
            ("dievakuasi dari Myawaddy, Myanmar.", vec![("Myawaddy", place("Myawaddy", "MM")), ("Myanmar", place("Myanmar", "MM"))]),
            ("sidang ASCC 2023 di Nusa Dua Bali, Senin", vec![("Nusa Dua", place("Nusa Dua", "ID")), ("Bali", place("Bali", "ID"))]),
            ("MAE SOT, Thailand", vec![("MAE SOT", place("Mae Sot", "TH")), ("Thailand", place("Thailand", "TH"))]),
            ("ke Kamboja", vec![("Kamboja", place("Cambodia", "KH"))]),
            (
                "berasal dari Kabupaten Sukabumi dan Kota Medan.",
                vec![("Kabupaten Sukabumi", place("Sukabumi", "ID")), ("Kota Medan", place("Medan", "ID"))],
            ),
            ("KJRI di Kota Kinabalu", vec![("Kota Kinabalu", place("Kota Kinabalu", "MY"))]),
            ("Di Kabupaten Timor Tengah Selatan, polisi", vec![("Kabupaten Timor Tengah Selatan", Json::Null)]),
            ("melalui Bandara Soekarno-Hatta sepanjang", vec![("Bandara Soekarno-Hatta", Json::Null)]),
            ("dari Lombok Timur", vec![("Lombok Timur", Json::Null)]),
            (
                "the Golden Triangle Special Economic Zone",
                vec![("Golden Triangle Special Economic Zone", place("Golden Triangle Special Economic Zone", "LA"))],
            ),
            (
                "near Myawaddy in Myanmar's Karen State",
                vec![
                    ("Myawaddy", place("Myawaddy", "MM")),
                    ("Myanmar", place("Myanmar", "MM")),
                    ("Karen State", place("Kayin State", "MM")),
                ],
            ),
            ("Myawaddy-based gangs", vec![("Myawaddy", place("Myawaddy", "MM"))]),
            // A place inside a victim count or an institution is not suggested.
            ("20 warga negara Indonesia (WNI) dari KBRI Yangon", vec![]),
            // Lower case and parts of words are not places.
            ("bali dan Balinese", vec![]),
        ],
    );
}

#[test]
fn actors_are_institutions_organisations_and_named_people() {
    let institution = |name: &str| json!({"name": name});
    check(
        "ACTOR",
        &[
            (
                "Sekretaris Jenderal ASEAN, Kao Kim Hourn, menyoroti maraknya kasus.",
                vec![("ASEAN", institution("ASEAN")), ("Kao Kim Hourn", Json::Null)],
            ),
            ("Menteri Luar Negeri Retno Marsudi memastikan hal itu.", vec![("Retno Marsudi", Json::Null)]),
            ("Menteri Luar Negeri, Retno Marsudi, memastikan bahwa", vec![("Retno Marsudi", Json::Null)]),
            ("Kementerian Luar Negeri mengungkapkan", vec![("Kementerian Luar Negeri", institution("Kementerian Luar Negeri"))]),
            ("menurut Kemlu", vec![("Kemlu", institution("Kementerian Luar Negeri"))]),
            ("KBRI Yangon memulangkan", vec![("KBRI Yangon", institution("Kedutaan Besar Republik Indonesia"))]),
            (
                "Kabareskrim Polri Komjen Hendra Kusuma mengatakan, para tersangka ditahan.",
                vec![("Polri", institution("Kepolisian Negara Republik Indonesia")), ("Hendra Kusuma", Json::Null)],
            ),
            (
                "Kepala Dinas Tenaga Kerja NTT, Maria Lestari, mengatakan. \"Cukup,\" kata Maria.",
                vec![("Dinas Tenaga Kerja NTT", Json::Null), ("Maria Lestari", Json::Null), ("Maria", Json::Null)],
            ),
            (
                "Ketua Serikat Buruh Migran Indonesia (SBMI) Rahmat Hidayat menyebut jalur Batam.",
                vec![
                    ("Serikat Buruh Migran Indonesia", institution("Serikat Buruh Migran Indonesia")),
                    ("SBMI", institution("Serikat Buruh Migran Indonesia")),
                    ("Rahmat Hidayat", Json::Null),
                ],
            ),
            ("networks,\" said Linda Tran, a regional adviser.", vec![("Linda Tran", Json::Null)]),
            ("The Indonesian Foreign Ministry urged", vec![("Indonesian Foreign Ministry", institution("Foreign Ministry"))]),
            ("Direktorat Jenderal Imigrasi menolak", vec![("Direktorat Jenderal Imigrasi", institution("Direktorat Jenderal Imigrasi"))]),
            // A headline: every word is capitalised, so only institutions count.
            ("Baca Juga: Menteri Sosial Budaya Sepakat Bawa 4 Dokumen ke KTT ASEAN", vec![("ASEAN", institution("ASEAN"))]),
        ],
    );
}

#[test]
fn a_name_found_once_is_found_everywhere() {
    let text = "Sekjen Minta Negara ASEAN Kerja Bersama\n\nSekretaris Jenderal ASEAN, Kao Kim Hourn, menyoroti kasus.\n\nKao Kim Hourn mengajak negara anggota.";
    assert_eq!(texts(text, "ACTOR"), ["ASEAN", "ASEAN", "Kao Kim Hourn", "Kao Kim Hourn"]);
}

#[test]
fn policy_calls_run_from_the_call_to_the_end_of_its_clause() {
    let call = |text: &'static str| vec![(text, Json::Null)];
    check(
        "POLICY_CALL",
        &[
            (
                "“Saya pikir penting bahwa ASEAN menangkal isu ini (TPPO) secara kolektif ketimbang individu, tetapi bekerja bersama,” kata dia",
                call("ASEAN menangkal isu ini (TPPO) secara kolektif"),
            ),
            (
                "Kao Kim Hourn mengajak negara-negara anggota ASEAN untuk bekerja bersama dalam menyelesaikan kasus TPPO.",
                call("negara-negara anggota ASEAN untuk bekerja bersama dalam menyelesaikan kasus TPPO"),
            ),
            (
                "Kao Kim Hourn juga mendorong supaya Indonesia bisa memimpin dalam menyelesaikan kasus TPPO di ASEAN.",
                call("Indonesia bisa memimpin dalam menyelesaikan kasus TPPO di ASEAN"),
            ),
            ("Dorong Indonesia pimpin penyelesaian TPPO\n\nDenpasar", call("Indonesia pimpin penyelesaian TPPO")),
            ("Menurut dia, pemerintah harus memperketat pengawasan.", call("pemerintah harus memperketat pengawasan")),
            (
                "Rizal Hakim menilai pemerintah harus menekan negara-negara ASEAN agar menutup kasino.",
                call("pemerintah harus menekan negara-negara ASEAN agar menutup kasino"),
            ),
            (
                "Pemerintah perlu memperkuat pengawasan di bandara, kata peneliti Migrant CARE.",
                call("Pemerintah perlu memperkuat pengawasan di bandara"),
            ),
            (
                "\"ASEAN member states must act together to dismantle these networks,\" said Linda Tran.",
                call("ASEAN member states must act together to dismantle these networks"),
            ),
            (
                "Human rights groups called on the Cambodian government to investigate officials.",
                call("the Cambodian government to investigate officials"),
            ),
            ("The ministry urged families to verify job offers (BP2MI) before travelling.", call("families to verify job offers (BP2MI) before travelling")),
            ("KPAI mendesak: “Pulangkan anak-anak itu sekarang”.", call("Pulangkan anak-anak itu sekarang")),
            // No call: a negated modal, or a verb with nothing after it.
            ("Korban tidak perlu membayar biaya pemulangan.", vec![]),
            ("Dia meminta.", vec![]),
        ],
    );
}

#[test]
fn the_seed_article_gets_its_key_suggestions_at_code_point_offsets() {
    let all = suggest(SEED_ARTICLE, &PatternSet::default());
    let has = |label: &str, wanted: &str| all.iter().any(|s| s.label == label && slice(SEED_ARTICLE, s) == wanted);
    for (label, wanted) in [
        ("VICTIM_COUNT", "20 warga negara Indonesia (WNI)"),
        ("VICTIM_COUNT", "16 orang"),
        ("LOCATION", "Myawaddy"),
        ("LOCATION", "Denpasar"),
        ("ACTOR", "Kao Kim Hourn"),
        ("ACTOR", "Retno Marsudi"),
        ("ACTOR", "Kementerian Luar Negeri"),
        ("POLICY_CALL", "ASEAN menangkal isu ini (TPPO) secara kolektif"),
    ] {
        assert!(has(label, wanted), "{label} {wanted:?}");
    }
    let seed_twenty = SEED_ARTICLE.find("20 warga negara").unwrap();
    let start = SEED_ARTICLE[..seed_twenty].chars().count();
    assert!(all.iter().any(|s| s.start == start && s.end == start + 31 && s.label == "VICTIM_COUNT"));
    assert!(all.windows(2).all(|w| (w[0].start, w[0].end, &w[0].label) < (w[1].start, w[1].end, &w[1].label)));
}

#[test]
fn one_label_never_nests_in_itself_but_labels_nest_in_each_other() {
    let text = "Ia mendesak Kementerian Pelindungan Pekerja Migran Indonesia menambah pos di Golden Triangle SEZ.";
    assert_eq!(texts(text, "ACTOR"), ["Kementerian Pelindungan Pekerja Migran Indonesia"]);
    assert_eq!(texts(text, "LOCATION"), ["Golden Triangle SEZ"]);
    assert_eq!(texts(text, "POLICY_CALL"), ["Kementerian Pelindungan Pekerja Migran Indonesia menambah pos di Golden Triangle SEZ"]);
}

#[test]
fn suggestions_serialise_with_their_rule_and_bare_value() {
    let all = suggest("sebanyak 16 orang", &PatternSet::default());
    assert_eq!(
        serde_json::to_value(&all).unwrap(),
        json!([{"start": 9, "end": 17, "label": "VICTIM_COUNT", "value": 16, "rule": "victim_count"}])
    );
}

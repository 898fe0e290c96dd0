//! `sorot stats`: documents, statuses, and span lengths per label in code
//! points, with nearest-rank percentiles worked out by hand.

mod cli_common;

use cli_common::{folder, ok, sorot, write};
use serde_json::{json, Value as Json};

/// ACTOR lengths 3, 13, 1 (an emoji is one code point), 5; LOCATION 4.
const FILE: &str = concat!(
    "{\"id\":\"a\",\"text\":\"Kao Kim Hourn ke Bali\",\"spans\":[[0,3,\"ACTOR\"],[0,13,\"ACTOR\"],[17,21,\"LOCATION\"]],\"status\":\"done\"}\n",
    "{\"id\":\"b\",\"text\":\"💩 ASEAN\",\"spans\":[[0,1,\"ACTOR\"],[2,7,\"ACTOR\"]]}\n",
    "{\"id\":\"c\",\"text\":\"Kosong\"}\n",
);

#[test]
fn lengths_are_code_points_and_percentiles_nearest_rank() {
    let dir = folder("cli_stats", "json");
    write(&dir, &[("a.jsonl", FILE)]);
    let stats: Json = serde_json::from_str(&ok(&sorot(&dir, &["stats", "a.jsonl", "--json"]))).unwrap();
    assert_eq!(stats["documents"], 3);
    assert_eq!(stats["spans"], 5);
    assert_eq!(stats["statuses"], json!([["todo", 1], ["in progress", 1], ["done", 1], ["skipped", 0]]));
    // ACTOR sorted: 1 3 5 13. Median: rank ⌈0.5·4⌉ = 2 → 3; p90: rank ⌈0.9·4⌉ = 4 → 13.
    // All sorted: 1 3 4 5 13. Median: rank 3 → 4; p90: rank ⌈4.5⌉ = 5 → 13.
    assert_eq!(
        stats["labels"],
        json!([
            {"label": "ACTOR", "spans": 4, "min": 1, "median": 3, "p90": 13, "max": 13},
            {"label": "LOCATION", "spans": 1, "min": 4, "median": 4, "p90": 4, "max": 4},
            {"label": "all", "spans": 5, "min": 1, "median": 4, "p90": 13, "max": 13},
        ])
    );
}

#[test]
fn the_table_reads_at_a_glance() {
    let dir = folder("cli_stats", "table");
    write(&dir, &[("a.jsonl", FILE)]);
    assert_eq!(
        ok(&sorot(&dir, &["stats", "a.jsonl"])),
        "a.jsonl: 3 documents, 5 spans\n\
         status: todo 1, in progress 1, done 1, skipped 0\n\
         \n\
         label     spans  min  median  p90  max\n\
         ACTOR         4    1       3   13   13\n\
         LOCATION      1    4       4    4    4\n\
         all           5    1       4   13   13\n\
         (span lengths in code points)\n"
    );
}

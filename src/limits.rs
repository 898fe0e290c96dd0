//! Every size limit and every timing the app keeps, in one place, each with
//! why it is what it is. Sizes are in bytes or lines; times in milliseconds.

/// The largest file an importer reads at once: 256 MiB. The command line
/// streams larger JSON Lines files line by line.
pub const MAX_FILE_BYTES: usize = 256 << 20;

/// The largest file the page opens: 64 MiB. Beyond it a browser tab stalls
/// on layout, so the file is refused with a message instead.
pub const MAX_PAGE_FILE_BYTES: usize = 64 << 20;

/// The most JSON Lines documents the page opens from one file: beyond this
/// the tab would stall for many seconds, so the file is refused, saying so.
pub const MAX_JSONL_LINES: usize = 50_000;

/// How long one slice of a long task (reading or exporting a corpus) may
/// hold the page before it paints and takes input again: with what follows
/// a slice (opening what it read, painting), the page answers within some
/// 50 ms.
pub const STEP_MS: f64 = 25.0;

/// The most text one write to the browser's storage carries, 256 KiB:
/// preparing and storing it takes some 20 ms, so a 30 MB corpus just
/// opened is stored in slices the page paints between, not in one freeze.
/// One edit is always far below it, and is stored in one write.
pub const STORE_SLICE_BYTES: usize = 256 << 10;

/// How long work put off until after the next paint waits at most for a
/// frame: a hidden tab paints none.
pub const PAINT_WAIT_MS: u32 = 100;

/// How long the page must rest after a scroll before its position is stored.
pub const SCROLL_REST_MS: u32 = 400;

/// When a span far away is scrolled to, the jump is made again after this
/// long: the blocks around it are drawn in between and move it.
pub const SCROLL_SETTLE_MS: u32 = 150;

/// Idle work (the first key press's rehearsal) runs at the latest after this long.
pub const IDLE_AT_THE_LATEST_MS: u32 = 1000;

//! What the browser's database holds so no work is lost to a reload or a
//! crash: the session as versioned records, and how to turn them back into
//! an [`AppState`](crate::model::AppState). Pure Rust; the IndexedDB calls
//! live in `ui::storage`.

pub mod read;
pub mod records;
pub mod snapshot;

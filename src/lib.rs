//! Sorot: a span annotator for NER training data that runs in the browser.
//!
//! Code map:
//! - [`model`]: the pure core — documents, char offsets, spans, undo, the
//!   `Action` reducer. Never imports yew, web-sys or gloo.
//! - [`formats`]: reading and writing annotation files (Sorot JSON).
//! - `ui` (wasm32 only): the Yew shell that renders the model and turns DOM
//!   events into `Action`s; the only place that sees UTF-16 offsets.
//! - [`sort`]: the one stable sort every module uses, so the wasm carries a
//!   single copy of the standard library's sort.
//! - [`decimal`]: numbers with fixed decimals, without the standard
//!   library's float formatting in the wasm.
//! - [`ids`]: the one document id allocator (`<id>-2`, `<id>-3`, …).
//! - [`limits`]: every size limit and timing, with its reason.
//! - [`rehearsal`]: the first key press's path run while the page is idle.

pub mod agree;
pub mod decimal;
pub mod formats;
pub mod ids;
pub mod limits;
pub mod model;
pub mod persist;
pub mod rehearsal;
pub mod sort;
pub mod suggest;

#[cfg(target_arch = "wasm32")]
pub mod ui;

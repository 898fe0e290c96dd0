//! Unpacks the wasm that `dist/sorot.html` carries: [`lzma::decode`], then
//! [`unsplit::unsplit`] puts the code streams of `xtask/src/wasm_split.rs`
//! back into a module, byte for byte.
//!
//! The page runs this crate as a wasm of 11 KiB of its own (built by
//! `cargo xtask build` and embedded beside the packed app), because
//! compiled code unpacks the app about three times faster than the
//! JavaScript decoders that preceded it, which ran once and mostly before
//! the JIT had caught up. Natively the same functions serve xtask and the
//! tests.
//!
//! In the wasm, `page` exports the calls the page makes and a memory that
//! only grows: the module unpacks once and is then dropped.

#![cfg_attr(target_arch = "wasm32", no_std)]

extern crate alloc;

pub mod lzma;
#[cfg(target_arch = "wasm32")]
mod page;
pub mod unsplit;

use alloc::vec::Vec;

/// Why packed bytes did not unpack. The page's bytes are checked by the
/// build, so in the page any of these means the file was damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// The LZMA header is not one this decoder reads.
    Header,
    /// The LZMA stream refers to bytes before the start or ends early.
    Stream,
    /// The unpacked streams do not add up to a module.
    Streams,
}

/// The wasm module that `xtask` packed into `packed`: LZMA-decoded, then
/// unsplit.
pub fn unpack(packed: &[u8]) -> Result<Vec<u8>, Damage> {
    unsplit::unsplit(&lzma::decode(packed)?)
}

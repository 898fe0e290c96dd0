//! Puts back the code section that `xtask/src/wasm_split.rs` split into
//! streams, byte for byte.
//!
//! The split bytes describe themselves: first how each instruction's
//! immediates are read (one kind byte per opcode, then per `0xfc`
//! instruction), then the lengths (u32 LE) of the module before its code,
//! the module after it and the 13 streams, then those bytes in that order.
//! Each instruction's first byte comes from the opcode stream and its
//! immediates from the stream its kind names, in the order the splitter
//! wrote them.

use alloc::vec;
use alloc::vec::Vec;

use crate::Damage;

/// The streams, in the splitter's order; these are the ones read here.
const STREAMS: usize = 13;
const SIZE: usize = 0;
const LOCALS: usize = 1;
const OP: usize = 2;
const MISC: usize = 11;

/// A kind byte is the immediates' stream times 16 plus their shape: 0 to 9
/// LEB128 numbers, or one of these.
pub const SHAPE_F32: u8 = 10;
pub const SHAPE_F64: u8 = 11;
/// A `br_table`: a count, then that many targets and the default.
pub const SHAPE_TABLE: u8 = 12;
/// A count, then that many numbers (a typed `select`).
pub const SHAPE_LIST: u8 = 13;
/// No such instruction.
pub const UNKNOWN: u8 = 0xff;

/// The prefix of the instructions in the second kind table.
const PREFIX_FC: u8 = 0xfc;

/// The module split into `split`.
pub fn unsplit(split: &[u8]) -> Result<Vec<u8>, Damage> {
    let fc_count = usize::from(*split.first().ok_or(Damage::Streams)?);
    let kinds = split.get(1..257).ok_or(Damage::Streams)?;
    let fc_kinds = split.get(257..257 + fc_count).ok_or(Damage::Streams)?;
    let header = 257 + fc_count;
    let length = |i: usize| -> Result<usize, Damage> {
        let bytes = split.get(header + 4 * i..header + 4 * i + 4).ok_or(Damage::Streams)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize)
    };
    let (before, after) = (length(0)?, length(1)?);
    let mut at = header + 4 * (2 + STREAMS);
    let before_code = split.get(at..at + before).ok_or(Damage::Streams)?;
    at += before;
    let mut streams = Streams { split, next: [0; STREAMS], ends: [0; STREAMS] };
    for s in 0..STREAMS {
        streams.next[s] = at;
        at += length(2 + s)?;
        streams.ends[s] = at;
    }
    let after_code = split.get(at..at + after).ok_or(Damage::Streams)?;
    let module_length = at + after - (header + 4 * (2 + STREAMS));

    let mut out = Output { bytes: vec![0; module_length], at: 0 };
    out.extend(before_code);
    let code_length = streams.ends[STREAMS - 1] - streams.next[0];
    let functions = if code_length > 0 { streams.leb(SIZE, &mut out) } else { 0 };
    for _ in 0..functions {
        let end = streams.leb(SIZE, &mut out) + out.at;
        let declarations = streams.leb(LOCALS, &mut out);
        // Garbage could claim more than the bytes hold.
        if end > module_length || declarations > streams.left(LOCALS) {
            return Err(Damage::Streams);
        }
        for _ in 0..declarations {
            streams.leb(LOCALS, &mut out);
            out.put(streams.byte(LOCALS));
        }
        while out.at < end {
            let op = streams.byte(OP);
            out.put(op);
            let kind = if op == PREFIX_FC {
                let number = streams.leb(MISC, &mut out);
                fc_kinds.get(number).copied().unwrap_or(UNKNOWN)
            } else {
                kinds[usize::from(op)]
            };
            if kind == UNKNOWN {
                return Err(Damage::Streams);
            }
            streams.immediates(usize::from(kind >> 4), kind & 15, &mut out)?;
        }
        if out.at > module_length {
            return Err(Damage::Streams);
        }
    }
    if streams.next != streams.ends || out.at + after_code.len() != module_length {
        return Err(Damage::Streams);
    }
    out.extend(after_code);
    Ok(out.bytes)
}

/// The module being rebuilt, allocated at its full length at once.
struct Output {
    bytes: Vec<u8>,
    /// Where the next byte goes; past the end when the streams claim more
    /// than the module holds (checked at the end of each function).
    at: usize,
}

impl Output {
    #[inline(always)]
    fn put(&mut self, byte: u8) {
        if let Some(slot) = self.bytes.get_mut(self.at) {
            *slot = byte;
        }
        self.at += 1;
    }

    fn extend(&mut self, bytes: &[u8]) {
        if let Some(slots) = self.bytes.get_mut(self.at..self.at + bytes.len()) {
            slots.copy_from_slice(bytes);
        }
        self.at += bytes.len();
    }
}

/// Where each stream is read next, and where it ends.
struct Streams<'a> {
    split: &'a [u8],
    next: [usize; STREAMS],
    ends: [usize; STREAMS],
}

impl Streams<'_> {
    /// The next byte of stream `s`; past the end of the bytes, zeros (the
    /// final check of every stream's end catches that).
    #[inline(always)]
    fn byte(&mut self, s: usize) -> u8 {
        let byte = self.split.get(self.next[s]).copied().unwrap_or(0);
        self.next[s] += 1;
        byte
    }

    /// How many bytes of stream `s` are still to read.
    fn left(&self, s: usize) -> usize {
        self.ends[s].saturating_sub(self.next[s])
    }

    /// Copies one LEB128 number from stream `s` and returns its value
    /// (saturated: only counts and sizes are read, and those are small).
    #[inline(always)]
    fn leb(&mut self, s: usize, out: &mut Output) -> usize {
        let (mut value, mut shift) = (0usize, 0u32);
        loop {
            let byte = self.byte(s);
            out.put(byte);
            value |= usize::from(byte & 127).checked_shl(shift).unwrap_or(0);
            shift += 7;
            if byte & 128 == 0 {
                return value;
            }
        }
    }

    /// Copies the immediates of one instruction, of `shape`, from stream `s`.
    #[inline(always)]
    fn immediates(&mut self, s: usize, shape: u8, out: &mut Output) -> Result<(), Damage> {
        let numbers = match shape {
            0 => return Ok(()),
            SHAPE_F32 | SHAPE_F64 => {
                let count = if shape == SHAPE_F32 { 4 } else { 8 };
                let bytes = self.split.get(self.next[s]..self.next[s] + count).ok_or(Damage::Streams)?;
                out.extend(bytes);
                self.next[s] += count;
                return Ok(());
            }
            SHAPE_TABLE => self.leb(s, out) + 1,
            SHAPE_LIST => self.leb(s, out),
            count => usize::from(count),
        };
        if numbers > self.left(s) {
            return Err(Damage::Streams);
        }
        for _ in 0..numbers {
            loop {
                let byte = self.byte(s);
                out.put(byte);
                if byte & 128 == 0 {
                    break;
                }
            }
        }
        Ok(())
    }
}

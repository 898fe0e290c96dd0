//! An LZMA decoder for the `.lzma` ("LZMA alone") format with the unpacked
//! size in its header, as `xtask/src/pack.rs` writes the wasm of
//! `dist/sorot.html`. It follows the reference decoder of the LZMA
//! specification (`LzmaSpec.cpp` in the LZMA SDK), with the whole output as
//! its dictionary.

use alloc::vec;
use alloc::vec::Vec;

use crate::Damage;

/// Probabilities are 11-bit fixed point; every one starts at one half.
const HALF: u16 = 1 << 10;
/// The bytes before the range coder: properties, dictionary size, unpacked size.
const HEADER_BYTES: usize = 13;
/// The largest `lc + lp` read: literal tables of 0x300 << 8 probabilities.
/// The packer uses 4.
const MOST_LITERAL_BITS: u32 = 8;

/// The unpacked bytes of `packed`.
pub fn decode(packed: &[u8]) -> Result<Vec<u8>, Damage> {
    let mut decoder = Decoder::new(packed)?;
    decoder.step(usize::MAX)?;
    decoder.finish()
}

/// The binary range decoder.
struct RangeCoder<'a> {
    input: &'a [u8],
    next: usize,
    range: u32,
    code: u32,
}

impl<'a> RangeCoder<'a> {
    /// Starts on `input`, whose first byte is always 0.
    fn new(input: &'a [u8]) -> Result<Self, Damage> {
        if input.len() < 5 || input[0] != 0 {
            return Err(Damage::Stream);
        }
        let code = u32::from_be_bytes([input[1], input[2], input[3], input[4]]);
        Ok(Self { input, next: 5, range: u32::MAX, code })
    }

    /// Whether decoding read past the end of the input (as zeros).
    fn overran(&self) -> bool {
        self.next > self.input.len()
    }

    #[inline(always)]
    fn normalize(&mut self) {
        if self.range < 1 << 24 {
            self.range <<= 8;
            self.code = (self.code << 8) | u32::from(self.input.get(self.next).copied().unwrap_or(0));
            self.next += 1;
        }
    }

    /// One bit with the adaptive probability `probability`.
    #[inline(always)]
    fn bit(&mut self, probability: &mut u16) -> u32 {
        let bound = (self.range >> 11) * u32::from(*probability);
        let bit = if self.code < bound {
            self.range = bound;
            *probability += (2048 - *probability) >> 5;
            0
        } else {
            self.range -= bound;
            self.code -= bound;
            *probability -= *probability >> 5;
            1
        };
        self.normalize();
        bit
    }

    /// `count` bits with probability one half, most significant first.
    fn direct_bits(&mut self, count: u32) -> u32 {
        let mut value = 0;
        for _ in 0..count {
            self.range >>= 1;
            let one = self.code >= self.range;
            if one {
                self.code -= self.range;
            }
            value = (value << 1) | u32::from(one);
            self.normalize();
        }
        value
    }

    /// A number of `bits` bits from a bit tree, most significant first;
    /// `probabilities[1..1 << bits]` are the tree's nodes.
    fn tree(&mut self, probabilities: &mut [u16], bits: u32) -> u32 {
        let mut node = 1;
        for _ in 0..bits {
            node = (node << 1) | self.bit(&mut probabilities[node as usize]);
        }
        node - (1 << bits)
    }

    /// A match length minus 2, from the length coder `coder` (see
    /// [`LENGTH_CODER`]).
    fn length(&mut self, coder: &mut [u16], pos_state: usize) -> u32 {
        let (choices, trees) = coder.split_at_mut(2);
        if self.bit(&mut choices[0]) == 0 {
            self.tree(&mut trees[pos_state * 8..pos_state * 8 + 8], 3)
        } else if self.bit(&mut choices[1]) == 0 {
            8 + self.tree(&mut trees[128 + pos_state * 8..128 + pos_state * 8 + 8], 3)
        } else {
            16 + self.tree(&mut trees[256..], 8)
        }
    }

    /// Like [`Self::tree`], least significant bit first.
    fn reverse_tree(&mut self, probabilities: &mut [u16], bits: u32) -> u32 {
        let (mut node, mut value) = (1, 0);
        for i in 0..bits {
            let bit = self.bit(&mut probabilities[node as usize]);
            node = (node << 1) | bit;
            value |= bit << i;
        }
        value
    }
}

/// Where each table of probabilities starts in [`Decoder::probabilities`],
/// which holds them all, one allocation filled at once.
const IS_MATCH: usize = 0;
const IS_REP0_LONG: usize = IS_MATCH + 192;
const IS_REP: usize = IS_REP0_LONG + 192;
const IS_REP_G0: usize = IS_REP + 12;
const IS_REP_G1: usize = IS_REP_G0 + 12;
const IS_REP_G2: usize = IS_REP_G1 + 12;
/// Six-bit trees, one per length class.
const SLOTS: usize = IS_REP_G2 + 12;
/// The reverse trees of distances below 128.
const DISTANCE_BITS: usize = SLOTS + 256;
const ALIGN_BITS: usize = DISTANCE_BITS + 115;
const MATCH_LENGTHS: usize = ALIGN_BITS + 16;
const REP_LENGTHS: usize = MATCH_LENGTHS + LENGTH_CODER;
/// Then `0x300 << (lc + lp)` for literals.
const LITERALS: usize = REP_LENGTHS + LENGTH_CODER;

/// A length coder: two choices, a low and a middle tree of 3 bits per
/// position state (16), and one high tree of 8 bits.
const LENGTH_CODER: usize = 2 + 2 * 16 * 8 + 256;

/// An LZMA stream being decoded, a step at a time: in the page, the
/// engine compiles a first call quickly and a hot function again, faster,
/// for its next calls, so a decoder called in steps runs mostly in the
/// faster code (about 25 ms rather than 45 ms here).
pub struct Decoder<'a> {
    coder: RangeCoder<'a>,
    /// The whole output, allocated at once; bytes before `pos` are decoded.
    out: Vec<u8>,
    pos: usize,
    /// Every adaptive probability, laid out as the constants above say.
    probabilities: Vec<u16>,
    lc: u32,
    lp_mask: usize,
    pb_mask: usize,
    /// The state machine of the last packets, 0 to 11.
    state: usize,
    /// The last four match distances, minus one.
    reps: [u32; 4],
}

impl<'a> Decoder<'a> {
    /// Reads the header of `packed` and readies the output.
    pub fn new(packed: &'a [u8]) -> Result<Self, Damage> {
        let header = packed.get(..HEADER_BYTES).ok_or(Damage::Header)?;
        let properties = u32::from(header[0]);
        let (lc, lp, pb) = (properties % 9, properties / 9 % 5, properties / 45);
        if pb > 4 || lc + lp > MOST_LITERAL_BITS {
            return Err(Damage::Header);
        }
        let mut size_bytes = [0; 8];
        size_bytes.copy_from_slice(&header[5..]);
        // An unknown size (all ones) is a stream with an end marker, which
        // the packer never writes.
        let size = usize::try_from(u64::from_le_bytes(size_bytes)).map_err(|_| Damage::Header)?;
        Ok(Self {
            coder: RangeCoder::new(&packed[HEADER_BYTES..])?,
            out: vec![0; size],
            pos: 0,
            probabilities: vec![HALF; LITERALS + (0x300 << (lc + lp))],
            lc,
            lp_mask: (1 << lp) - 1,
            pb_mask: (1 << pb) - 1,
            state: 0,
            reps: [0; 4],
        })
    }

    /// Decodes about `bytes` more bytes (a match may run past them);
    /// returns whether the output is full.
    pub fn step(&mut self, bytes: usize) -> Result<bool, Damage> {
        let until = self.pos.saturating_add(bytes).min(self.out.len());
        let (mut state, mut reps) = (self.state, self.reps);
        let result = self.run(&mut state, &mut reps, until);
        (self.state, self.reps) = (state, reps);
        result?;
        Ok(self.pos == self.out.len())
    }

    /// The output, once [`Self::step`] has filled it.
    pub fn finish(self) -> Result<Vec<u8>, Damage> {
        if self.pos < self.out.len() || self.coder.overran() {
            return Err(Damage::Stream);
        }
        Ok(self.out)
    }

    /// Decodes packets until the output reaches `until`, with the state and
    /// distances in locals.
    fn run(&mut self, state: &mut usize, reps: &mut [u32; 4], until: usize) -> Result<(), Damage> {
        while self.pos < until {
            let pos_state = self.pos & self.pb_mask;
            let p = &mut self.probabilities;
            if self.coder.bit(&mut p[IS_MATCH + (*state << 4) + pos_state]) == 0 {
                self.literal(*state, reps[0] as usize);
                *state = if *state < 4 {
                    0
                } else if *state < 10 {
                    *state - 3
                } else {
                    *state - 6
                };
                continue;
            }
            let length;
            if self.coder.bit(&mut p[IS_REP + *state]) == 1 {
                if self.coder.bit(&mut p[IS_REP_G0 + *state]) == 0 {
                    if self.coder.bit(&mut p[IS_REP0_LONG + (*state << 4) + pos_state]) == 0 {
                        *state = if *state < 7 { 9 } else { 11 };
                        self.copy(reps[0], 1)?;
                        continue;
                    }
                } else {
                    let distance;
                    if self.coder.bit(&mut p[IS_REP_G1 + *state]) == 0 {
                        distance = reps[1];
                    } else {
                        if self.coder.bit(&mut p[IS_REP_G2 + *state]) == 0 {
                            distance = reps[2];
                        } else {
                            distance = reps[3];
                            reps[3] = reps[2];
                        }
                        reps[2] = reps[1];
                    }
                    reps[1] = reps[0];
                    reps[0] = distance;
                }
                length = self.coder.length(&mut p[REP_LENGTHS..LITERALS], pos_state);
                *state = if *state < 7 { 8 } else { 11 };
            } else {
                *reps = [0, reps[0], reps[1], reps[2]];
                length = self.coder.length(&mut p[MATCH_LENGTHS..REP_LENGTHS], pos_state);
                *state = if *state < 7 { 7 } else { 10 };
                reps[0] = self.distance(length);
            }
            self.copy(reps[0], length as usize + 2)?;
        }
        Ok(())
    }

    /// One literal byte; after a match (`state` 7 or more) the byte at the
    /// last distance guides it.
    #[inline(always)]
    fn literal(&mut self, state: usize, rep0: usize) {
        let pos = self.pos;
        let previous = if pos > 0 { self.out[pos - 1] } else { 0 };
        let base = 0x300 * (((pos & self.lp_mask) << self.lc) + (usize::from(previous) >> (8 - self.lc)));
        let probabilities = &mut self.probabilities[LITERALS + base..LITERALS + base + 0x300];
        let mut symbol = 1usize;
        if state >= 7 {
            let mut match_byte = usize::from(self.out[pos - rep0 - 1]);
            while symbol < 0x100 {
                let match_bit = (match_byte >> 7) & 1;
                match_byte <<= 1;
                let bit = self.coder.bit(&mut probabilities[((1 + match_bit) << 8) + symbol]) as usize;
                symbol = (symbol << 1) | bit;
                if bit != match_bit {
                    break;
                }
            }
        }
        while symbol < 0x100 {
            symbol = (symbol << 1) | self.coder.bit(&mut probabilities[symbol]) as usize;
        }
        self.out[pos] = symbol as u8;
        self.pos += 1;
    }

    /// The distance (minus one) of a new match of `length` (minus two).
    fn distance(&mut self, length: u32) -> u32 {
        let p = &mut self.probabilities;
        let class = length.min(3) as usize;
        let slot = self.coder.tree(&mut p[SLOTS + (class << 6)..SLOTS + ((class + 1) << 6)], 6);
        if slot < 4 {
            return slot;
        }
        let bits = (slot >> 1) - 1;
        let base = (2 | (slot & 1)) << bits;
        if slot < 14 {
            return base + self.coder.reverse_tree(&mut p[DISTANCE_BITS + (base - slot) as usize..ALIGN_BITS], bits);
        }
        base + (self.coder.direct_bits(bits - 4) << 4) + self.coder.reverse_tree(&mut p[ALIGN_BITS..MATCH_LENGTHS], 4)
    }

    /// Repeats `length` bytes from `distance + 1` back, stopping at the
    /// end of the output.
    #[inline(always)]
    fn copy(&mut self, distance: u32, length: usize) -> Result<(), Damage> {
        let pos = self.pos;
        let from = pos.checked_sub(distance as usize).and_then(|from| from.checked_sub(1)).ok_or(Damage::Stream)?;
        let length = length.min(self.out.len() - pos);
        if from + length <= pos {
            self.out.copy_within(from..from + length, pos);
        } else {
            for i in 0..length {
                self.out[pos + i] = self.out[from + i];
            }
        }
        self.pos += length;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// Bytes that exercise every kind of LZMA packet: literals, short and
    /// long matches near and far, and repeated distances.
    pub fn varied_bytes(length: usize) -> Vec<u8> {
        let mut seed: u32 = 0x5eed;
        let mut random = move || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) as usize
        };
        let mut bytes = Vec::new();
        while bytes.len() < length {
            let run = 1 + random() % 300;
            if bytes.len() > run && random() % 3 > 0 {
                let from = random() % (bytes.len() - run);
                bytes.extend_from_within(from..from + run);
            } else {
                bytes.extend((0..run).map(|_| random() as u8));
            }
        }
        bytes
    }

    fn pack(bytes: &[u8], lc: u32, lp: u32, pb: u32) -> Vec<u8> {
        let mut options = lzma_rust2::LzmaOptions::with_preset(9);
        (options.lc, options.lp, options.pb) = (lc, lp, pb);
        let mut writer = lzma_rust2::LzmaWriter::new_use_header(Vec::new(), &options, Some(bytes.len() as u64)).unwrap();
        writer.write_all(bytes).unwrap();
        writer.finish().unwrap()
    }

    #[test]
    fn decodes_what_lzma_rust2_encodes_with_any_properties() {
        let data = varied_bytes(300_000);
        for (lc, lp, pb) in [(4, 0, 0), (3, 0, 2), (0, 2, 4), (8, 0, 0), (1, 3, 1)] {
            assert!(decode(&pack(&data, lc, lp, pb)).unwrap() == data, "lc {lc}, lp {lp}, pb {pb}");
        }
        assert_eq!(decode(&pack(b"", 4, 0, 0)).unwrap(), b"");
        let runs = [b"a".repeat(70_000), b"ab".repeat(5)].concat();
        assert!(decode(&pack(&runs, 4, 0, 0)).unwrap() == runs);
    }

    #[test]
    fn steps_of_any_size_decode_the_same() {
        let data = varied_bytes(100_000);
        let packed = pack(&data, 4, 0, 0);
        for step in [1, 7, 4096, 65_536] {
            let mut decoder = Decoder::new(&packed).unwrap();
            let mut steps = 1;
            while !decoder.step(step).unwrap() {
                steps += 1;
            }
            assert!(steps >= data.len() / step / 300, "{steps} steps of {step}");
            assert!(decoder.finish().unwrap() == data, "steps of {step}");
        }
        let unfinished = Decoder::new(&packed).unwrap();
        assert_eq!(unfinished.finish(), Err(Damage::Stream));
    }

    #[test]
    fn damage_is_an_error_not_a_panic() {
        let data = varied_bytes(20_000);
        let packed = pack(&data, 4, 0, 0);
        assert_eq!(decode(&packed[..10]), Err(Damage::Header));
        assert_eq!(decode(&packed[..packed.len() / 2]), Err(Damage::Stream));
        let mut bad_properties = packed.clone();
        bad_properties[0] = 225;
        assert_eq!(decode(&bad_properties), Err(Damage::Header));
        // Flipped bits give wrong bytes or a distance before the start; a
        // flipped bit anywhere must never panic.
        for at in (HEADER_BYTES + 5..packed.len()).step_by(97) {
            let mut flipped = packed.clone();
            flipped[at] ^= 0x10;
            let _ = decode(&flipped);
        }
    }
}

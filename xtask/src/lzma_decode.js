// lzmaDecode(packed): the bytes of an LZMA stream in the .lzma ("LZMA alone")
// format with its unpacked size in the header, as xtask/src/pack.rs writes the
// wasm of dist/sorot.html. Browsers only unpack gzip and deflate natively, and
// LZMA packs the wasm about a quarter smaller. This follows the reference
// decoder of the LZMA specification (LzmaSpec.cpp in the LZMA SDK), with the
// whole output as its dictionary; the stream is our own, so it is not checked.
function lzmaDecode(packed) {
  const props = packed[0];
  const lc = props % 9;
  const lp = (props / 9 | 0) % 5;
  const lpMask = (1 << lp) - 1;
  const pbMask = (1 << (props / 45 | 0)) - 1;
  let size = 0;
  for (let i = 12; i >= 5; i--) size = size * 256 + packed[i];
  const out = new Uint8Array(size);

  // The range decoder: byte 13 is always 0, the code starts at byte 14.
  let next = 18;
  // The range and the code, in a typed array rather than in two variables
  // the closures below share: numbers of 32 bits in a shared variable are
  // boxed, a new heap object on every change, and the decoder runs only
  // once, mostly before the JIT has caught up. This way it is about 40%
  // faster.
  const rc = new Uint32Array([0xffffffff, 0]);
  for (let i = 14; i < next; i++) rc[1] = rc[1] * 256 + packed[i];
  const normalize = () => {
    if (rc[0] < 0x1000000) {
      rc[0] *= 256;
      rc[1] = rc[1] * 256 + packed[next++];
    }
  };
  const bit = (probs, i) => {
    const prob = probs[i];
    const bound = (rc[0] >>> 11) * prob;
    let value = 0;
    if (rc[1] < bound) {
      rc[0] = bound;
      probs[i] = prob + ((2048 - prob) >> 5);
    } else {
      rc[0] -= bound;
      rc[1] -= bound;
      probs[i] = prob - (prob >> 5);
      value = 1;
    }
    normalize();
    return value;
  };
  const directBits = (count) => {
    let value = 0;
    while (count--) {
      rc[0] >>>= 1;
      const one = rc[1] >= rc[0];
      if (one) rc[1] -= rc[0];
      value = value * 2 + one;
      normalize();
    }
    return value;
  };
  const tree = (probs, base, bits) => {
    let m = 1;
    for (let i = 0; i < bits; i++) m = m * 2 + bit(probs, base + m);
    return m - (1 << bits);
  };
  const reverseTree = (probs, base, bits) => {
    let m = 1;
    let value = 0;
    for (let i = 0; i < bits; i++) {
      const b = bit(probs, base + m);
      m = m * 2 + b;
      value |= b << i;
    }
    return value;
  };

  const probs = (count) => new Uint16Array(count).fill(1024);
  const literals = probs(0x300 << (lc + lp));
  const isMatch = probs(192);
  const isRep0Long = probs(192);
  const isRep = probs(12);
  const isRepG0 = probs(12);
  const isRepG1 = probs(12);
  const isRepG2 = probs(12);
  const posSlots = probs(256);
  const posBits = probs(115);
  const alignBits = probs(16);
  const matchLengths = probs(514);
  const repLengths = probs(514);
  // A length coder holds choice, choice2, 16 low and 16 middle trees of 3 bits
  // (one per position state) and one high tree of 8 bits.
  const length = (coder, posState) =>
    !bit(coder, 0) ? tree(coder, 2 + posState * 8, 3)
      : !bit(coder, 1) ? 8 + tree(coder, 130 + posState * 8, 3)
        : 16 + tree(coder, 258, 8);
  const distance = (len) => {
    const slot = tree(posSlots, Math.min(len, 3) << 6, 6);
    if (slot < 4) return slot;
    const bits = (slot >> 1) - 1;
    const base = (2 + (slot & 1)) * 2 ** bits;
    if (slot < 14) return base + reverseTree(posBits, base - slot, bits);
    return base + directBits(bits - 4) * 16 + reverseTree(alignBits, 0, 4);
  };

  let state = 0;
  let rep0 = 0;
  let rep1 = 0;
  let rep2 = 0;
  let rep3 = 0;
  let pos = 0;
  while (pos < size) {
    const posState = pos & pbMask;
    if (!bit(isMatch, (state << 4) + posState)) {
      const previous = pos ? out[pos - 1] : 0;
      const base = 0x300 * (((pos & lpMask) << lc) + (previous >> (8 - lc)));
      let symbol = 1;
      if (state >= 7) {
        let matchByte = out[pos - rep0 - 1];
        while (symbol < 0x100) {
          const matchBit = (matchByte >> 7) & 1;
          matchByte <<= 1;
          const b = bit(literals, base + ((1 + matchBit) << 8) + symbol);
          symbol = symbol * 2 + b;
          if (b !== matchBit) break;
        }
      }
      while (symbol < 0x100) symbol = symbol * 2 + bit(literals, base + symbol);
      out[pos++] = symbol - 0x100;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len;
    if (bit(isRep, state)) {
      if (!bit(isRepG0, state)) {
        if (!bit(isRep0Long, (state << 4) + posState)) {
          state = state < 7 ? 9 : 11;
          out[pos] = out[pos - rep0 - 1];
          pos++;
          continue;
        }
      } else {
        let dist;
        if (!bit(isRepG1, state)) {
          dist = rep1;
        } else {
          if (!bit(isRepG2, state)) {
            dist = rep2;
          } else {
            dist = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = dist;
      }
      len = length(repLengths, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      len = length(matchLengths, posState);
      state = state < 7 ? 7 : 10;
      rep0 = distance(len);
    }
    for (const end = Math.min(pos + len + 2, size); pos < end; pos++) {
      out[pos] = out[pos - rep0 - 1];
    }
  }
  return out;
}

// unsplitWasm(packed): the wasm module that xtask/src/wasm_split.rs split
// into streams, byte for byte. `packed` starts with the lengths (u32 LE) of
// the module before its code, the module after it, and the 13 streams; the
// code is rebuilt by reading each instruction's opcode from the opcode
// stream and its immediates from theirs, in the order split() wrote them.
function unsplitWasm(packed) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const lengths = [];
  for (let i = 0; i < 15; i++) lengths.push(view.getUint32(4 * i, true));
  let at = 60;
  const before = packed.subarray(at, (at += lengths[0]));
  const bytes = [];
  const read = [];
  let codeLength = 0;
  for (let i = 2; i < 15; i++) {
    bytes.push(packed.subarray(at, (at += lengths[i])));
    read.push(0);
    codeLength += lengths[i];
  }
  const after = packed.subarray(at, at + lengths[1]);
  const out = new Uint8Array(before.length + codeLength + after.length);
  out.set(before);
  let o = before.length;
  // Streams, as in wasm_split.rs.
  const SIZE = 0, LOCALS = 1, OP = 2, BLOCK = 3, BRANCH = 4, LOCAL = 5, GLOBAL = 6, CALL = 7, I32 = 8, I64 = 9, MEMORY = 10, MISC = 11, FLOAT = 12;
  const byte = (s) => (out[o++] = bytes[s][read[s]++]);
  const copy = (s, n) => { for (let i = 0; i < n; i++) byte(s); };
  // A number whose value is not needed: copied until its last byte.
  const skip = (s) => {
    const from = bytes[s];
    let r = read[s], b;
    do out[o++] = b = from[r++]; while (b & 128);
    read[s] = r;
  };
  const leb = (s) => {
    let value = 0, scale = 1, b;
    do {
      b = byte(s);
      value += (b & 127) * scale;
      scale *= 128;
    } while (b & 128);
    return value;
  };
  const functions = codeLength ? leb(SIZE) : 0;
  for (let f = 0; f < functions; f++) {
    const size = leb(SIZE);
    const end = o + size;
    const declarations = leb(LOCALS);
    for (let i = 0; i < declarations; i++) { leb(LOCALS); byte(LOCALS); }
    while (o < end) {
      const op = byte(OP);
      if (op >= 0x45 && op <= 0xc4) continue;
      switch (op) {
        case 0x02: case 0x03: case 0x04: {
          const t = bytes[BLOCK][read[BLOCK]];
          if (t === 0x40 || t === 0x6f || t === 0x70 || (t >= 0x7b && t <= 0x7f)) byte(BLOCK); else skip(BLOCK);
          break;
        }
        case 0x0c: case 0x0d: skip(BRANCH); break;
        case 0x0e: { const targets = leb(BRANCH); for (let i = 0; i <= targets; i++) skip(BRANCH); break; }
        case 0x10: case 0xd2: skip(CALL); break;
        case 0x11: skip(MISC); skip(MISC); break;
        case 0x1c: copy(MISC, leb(MISC)); break;
        case 0x20: case 0x21: case 0x22: skip(LOCAL); break;
        case 0x23: case 0x24: skip(GLOBAL); break;
        case 0x25: case 0x26: skip(MISC); break;
        case 0x3f: case 0x40: case 0xd0: byte(MISC); break;
        case 0x41: skip(I32); break;
        case 0x42: skip(I64); break;
        case 0x43: copy(FLOAT, 4); break;
        case 0x44: copy(FLOAT, 8); break;
        case 0xfc: {
          const sub = leb(MISC);
          if (sub === 8) { leb(MISC); byte(MISC); }
          else if (sub === 9 || sub === 13 || (sub >= 15 && sub <= 17)) leb(MISC);
          else if (sub === 10) copy(MISC, 2);
          else if (sub === 11) byte(MISC);
          else if (sub === 12 || sub === 14) { leb(MISC); leb(MISC); }
          break;
        }
        default:
          if (op >= 0x28 && op <= 0x3e) { skip(MEMORY); skip(MEMORY); }
      }
    }
  }
  out.set(after, o);
  return out;
}

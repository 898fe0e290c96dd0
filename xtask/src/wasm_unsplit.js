// unsplitWasm(packed): the wasm module that xtask/src/wasm_split.rs split
// into streams, byte for byte. `packed` starts with the lengths (u32 LE) of
// the module before its code, the module after it, and the 13 streams; the
// code is rebuilt by reading each instruction's first byte from the opcode
// stream and its immediates from theirs, in the order split() wrote them.
// UNSPLIT_OPS and UNSPLIT_FC_OPS, written by the build before this function
// (wasm_split.rs, unsplit_tables), say for each opcode which stream holds
// its immediates and how to read them.
function unsplitWasm(packed) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const length = (i) => view.getUint32(4 * i, true);
  // Where each stream is read next; stream s is length(2 + s) bytes long.
  const next = new Int32Array(13);
  let at = 60 + length(0);
  let codeLength = 0;
  for (let s = 0; s < 13; s++) {
    next[s] = at;
    at += length(2 + s);
    codeLength += length(2 + s);
  }
  const out = new Uint8Array(length(0) + codeLength + length(1));
  out.set(packed.subarray(60, 60 + length(0)));
  let o = length(0);
  const SIZE = 0, LOCALS = 1, OP = 2, MISC = 11;
  // Copies one LEB128 number from stream s and returns its value.
  const leb = (s) => {
    let value = 0, scale = 1, b;
    do {
      b = out[o++] = packed[next[s]++];
      value += (b & 127) * scale;
      scale *= 128;
    } while (b & 128);
    return value;
  };
  // Each table entry as one number: its stream times 16 plus its shape,
  // the shape's place in SHAPES (0-9: that many numbers; then a float's 4
  // or 8 bytes, a br_table, a counted list).
  const SHAPES = '0123456789fdtv';
  const kinds = (table) => Uint8Array.from({ length: table.length / 2 }, (_, i) => (table.charCodeAt(2 * i) - 97) * 16 + SHAPES.indexOf(table[2 * i + 1]));
  const KINDS = kinds(UNSPLIT_OPS), FC_KINDS = kinds(UNSPLIT_FC_OPS);
  // The loop below inlines its copies: it runs once per instruction, mostly
  // before the JIT has optimized it, where every call counts.
  const functions = codeLength ? leb(SIZE) : 0;
  for (let f = 0; f < functions; f++) {
    const end = leb(SIZE) + o;
    const declarations = leb(LOCALS);
    for (let i = 0; i < declarations; i++) {
      leb(LOCALS);
      out[o++] = packed[next[LOCALS]++];
    }
    while (o < end) {
      const op = out[o++] = packed[next[OP]++];
      const kind = op === 0xfc ? FC_KINDS[leb(MISC)] : KINDS[op];
      let count = kind & 15;
      if (!count) continue;
      const s = kind >> 4;
      if (count === 10 || count === 11) {
        const r = next[s];
        count = count === 10 ? 4 : 8;
        out.set(packed.subarray(r, r + count), o);
        o += count;
        next[s] = r + count;
        continue;
      }
      if (count > 11) count = leb(s) + (count === 12);
      let r = next[s], b;
      while (count--) do b = out[o++] = packed[r++]; while (b & 128);
      next[s] = r;
    }
  }
  out.set(packed.subarray(at, at + length(1)), o);
  return out;
}

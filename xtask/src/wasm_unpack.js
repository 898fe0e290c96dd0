// unpackWasm(unpacker, packed): the app's wasm, unpacked from `packed` by
// the small wasm built from xtask/unpack (LZMA, then the split code put
// back), given as `unpacker`, a string of one character per byte. Compiled
// code unpacks several times faster than a decoder in JavaScript that runs
// once, mostly before the JIT catches up; it decodes in steps so that the
// engine's optimized code takes over after the first few.
function unpackWasm(unpacker, packed) {
  const code = new Uint8Array(unpacker.length);
  for (let i = 0; i < unpacker.length; i++) code[i] = unpacker.charCodeAt(i);
  const { memory, input, start, step, finish, unpacked_length } = new WebAssembly.Instance(new WebAssembly.Module(code)).exports;
  const at = input(packed.length);
  new Uint8Array(memory.buffer, at, packed.length).set(packed);
  const decoder = start(at, packed.length);
  let progress = decoder ? 0 : -1;
  while (progress === 0) progress = step(decoder);
  const module = progress === 1 ? finish(decoder) : 0;
  if (!module) throw new Error('This copy of sorot.html is damaged: the app inside it does not unpack. Download it again.');
  // A copy, so the unpacker's memory can go and the database keeps only the module.
  return new Uint8Array(memory.buffer, module, unpacked_length()).slice();
}

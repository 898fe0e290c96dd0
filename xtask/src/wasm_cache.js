// startFromCache(sha256, unpack, start): starts the app with this build's
// wasm, kept in the browser's database ("sorot-wasm") after the first start,
// so later starts of dist/sorot.html skip unpacking it (LZMA and unsplit,
// some 200 ms here). `sha256` is the unpacked wasm's SHA-256 in hex: it
// names the build and proves an entry whole, so a new sorot.html unpacks
// once and replaces the old entry, and a damaged one is never started.
// Without a database or WebCrypto it unpacks (`unpack()`) every time.
async function startFromCache(sha256, unpack, start) {
  const answer = (request) => new Promise((done) => {
    request.onsuccess = () => done(request.result);
    request.onerror = () => done(null);
  });
  const digest = async (bytes) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
  let database = null;
  try {
    const opening = indexedDB.open('sorot-wasm', 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore('wasm');
    database = crypto.subtle && await answer(opening);
    const kept = database && await answer(database.transaction('wasm').objectStore('wasm').get(sha256));
    if (kept instanceof Uint8Array && await digest(kept) === sha256) return start(kept);
  } catch {
    // No database here: unpack, and keep nothing.
  }
  const bytes = unpack();
  await start(bytes);
  try {
    const store = database?.transaction('wasm', 'readwrite').objectStore('wasm');
    store?.clear();
    store?.put(bytes, sha256);
  } catch {
    // Not kept: the next start unpacks again.
  }
}

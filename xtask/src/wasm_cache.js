// startFromCache(sha256, unpack, start): starts the app with this build's
// wasm, kept in the browser's database ("sorot-wasm") after the first start,
// so later starts of dist/sorot.html skip unpacking it. `sha256` is the
// unpacked wasm's SHA-256 in hex: it names the build and proves an entry
// whole, so a new sorot.html unpacks once and replaces the old entry, and a
// damaged one is never started. Local storage names the build last kept
// (written once the database has it), so a first start unpacks at once
// instead of first asking the database, some 20 ms here. Without a
// database or WebCrypto it unpacks (`await unpack()`) every time.
async function startFromCache(sha256, unpack, start) {
  const answer = (request) => new Promise((done) => {
    request.onsuccess = () => done(request.result);
    request.onerror = () => done(null);
  });
  const digest = async (bytes) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
  const open = () => {
    const opening = indexedDB.open('sorot-wasm', 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore('wasm');
    return answer(opening);
  };
  try {
    if (localStorage.getItem('sorot-wasm') === sha256 && crypto.subtle) {
      const database = await open();
      const kept = database && await answer(database.transaction('wasm').objectStore('wasm').get(sha256));
      database?.close();
      if (kept instanceof Uint8Array && await digest(kept) === sha256) return start(kept);
    }
  } catch {
    // No storage here: unpack.
  }
  const bytes = await unpack();
  await start(bytes);
  // Kept once the page has painted, so keeping never delays the start.
  (globalThis.requestIdleCallback ?? setTimeout)(async () => {
    try {
      const database = await open();
      const writing = database.transaction('wasm', 'readwrite');
      writing.objectStore('wasm').clear();
      writing.objectStore('wasm').put(bytes, sha256);
      writing.oncomplete = () => {
        localStorage.setItem('sorot-wasm', sha256);
        database.close();
      };
    } catch {
      // Not kept: the next start unpacks again.
    }
  });
}

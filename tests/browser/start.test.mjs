// The single file opened from disk keeps its unpacked wasm in the browser's
// database after the first start, so later starts skip unpacking it; an
// entry that is damaged, whole but of something else, or gone, is never
// started: the page unpacks its own wasm and keeps it again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, tag, exportJson, FILE_URL } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The entries of the wasm cache: their keys, sizes and whether each is a wasm module. */
function entries(page) {
  return page.evaluate(() => new Promise((done, fail) => {
    const opening = indexedDB.open('sorot-wasm', 1);
    opening.onerror = () => fail(opening.error);
    opening.onsuccess = () => {
      const store = opening.result.transaction('wasm').objectStore('wasm');
      const keys = store.getAllKeys();
      const values = store.getAll();
      values.onsuccess = () => done(keys.result.map((key, i) => ({
        key, size: values.result[i].length, wasm: WebAssembly.validate(values.result[i]),
      })));
    };
  }));
}

/** Waits until the cache holds exactly one wasm module (of `size` bytes, if given), and returns it. */
async function keptWhole(page, size = 0) {
  await page.waitForFunction((size) => new Promise((done) => {
    const opening = indexedDB.open('sorot-wasm', 1);
    opening.onsuccess = () => {
      const read = opening.result.transaction('wasm').objectStore('wasm').getAll();
      read.onsuccess = () => done(read.result.length === 1 && WebAssembly.validate(read.result[0]) && (!size || read.result[0].length === size));
    };
    opening.onerror = () => done(false);
  }), size, { timeout: 30_000 });
  const [entry] = await entries(page);
  return entry;
}

/**
 * Records in `window.unpackerStarts` how often the page compiled its
 * unpacker (the small wasm that exports `finish`), from the next start on.
 */
function countUnpacking(context) {
  return context.addInitScript(() => {
    window.unpackerStarts = 0;
    const Module = WebAssembly.Module;
    WebAssembly.Module = class extends Module {
      constructor(bytes) {
        super(bytes);
        if (Module.exports(this).some(({ name }) => name === 'finish')) window.unpackerStarts += 1;
      }
    };
  });
}

/** Puts `bytes` in the cache under `key`, in place of what it held. */
function replaceEntry(page, key, bytes) {
  return page.evaluate(([key, bytes]) => new Promise((done, fail) => {
    const opening = indexedDB.open('sorot-wasm', 1);
    opening.onsuccess = () => {
      const transaction = opening.result.transaction('wasm', 'readwrite');
      transaction.objectStore('wasm').put(new Uint8Array(bytes), key);
      transaction.oncomplete = () => done();
      transaction.onerror = () => fail(transaction.error);
    };
  }), [key, bytes]);
}

test('the single file keeps its unpacked wasm, and never starts a damaged or foreign one', async () => {
  const page = await openApp(browser, FILE_URL);
  await countUnpacking(page.context());
  const first = await keptWhole(page);
  assert.match(first.key, /^[0-9a-f]{64}$/, 'the entry is named by the SHA-256 of the wasm');
  assert.ok(first.size > 500_000, `the whole wasm is kept (${first.size} bytes)`);

  // A second start uses the entry, unpacking nothing: the page works, and the entry stays.
  await page.reload();
  await page.waitForSelector('article .seg');
  assert.equal(await page.evaluate(() => window.unpackerStarts), 0, 'a kept wasm is started without unpacking');
  await tag(page, 'Kao Kim Hourn', '1', { context: 'Jenderal ASEAN, Kao Kim Hourn, menyoroti' });
  assert.deepEqual(await entries(page), [first]);

  // Cut short, or a whole module of something else under the build's name:
  // neither is started; the page unpacks its own and puts it back.
  const truncated = Array.from({ length: 1000 }, (_, i) => [0, 97, 115, 109, 1, 0, 0, 0][i] ?? 0);
  const emptyModule = [0, 97, 115, 109, 1, 0, 0, 0];
  for (const bytes of [truncated, emptyModule]) {
    await replaceEntry(page, first.key, bytes);
    await page.reload();
    await page.waitForSelector('article .seg');
    assert.equal(await page.evaluate(() => window.unpackerStarts), 1, 'a damaged entry is replaced by unpacking');
    assert.deepEqual(await keptWhole(page, first.size), first);
  }
  // The database cleared behind the page's back: it unpacks and keeps again.
  await page.evaluate(() => new Promise((done) => {
    const opening = indexedDB.open('sorot-wasm', 1);
    opening.onsuccess = () => {
      const clearing = opening.result.transaction('wasm', 'readwrite');
      clearing.objectStore('wasm').clear();
      clearing.oncomplete = () => { opening.result.close(); done(); };
    };
  }));
  await page.reload();
  await page.waitForSelector('article .seg');
  assert.equal(await page.evaluate(() => window.unpackerStarts), 1);
  assert.deepEqual(await keptWhole(page, first.size), first);
  const { json } = await exportJson(page);
  assert.equal(json.documents[0].spans.length, 1, 'the span tagged before survives every start');
  assert.deepEqual(page.sorotErrors, []);
  await page.context().close();
});

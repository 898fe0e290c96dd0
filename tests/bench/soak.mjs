// The soak: thousands of span operations on Sorot's seed article at
// faster-than-human speed, then two questions. Does the JS heap (and the
// WebAssembly memory) keep growing? And is what Sorot stored in IndexedDB
// exactly what Export JSON downloads? Usually started by
// `cargo xtask bench --soak`.
//
//   node soak.mjs [--ops N] [--quick]     (default 5,000 operations; --quick: 500)
//
// Operations, mixed by a seeded PRNG: add (select a random word, inside a
// span or not, press 1–4), relabel (Tab to the next span, press 1–4), delete (Tab,
// Delete) and undo (Ctrl+Z), 5–10 ms apart. That pause is the only sleep:
// it paces the typist on purpose and synchronises nothing. Exits with
// status 1 when the stored spans and the export differ.
import assert from 'node:assert/strict';
import { setTimeout as pause } from 'node:timers/promises';
import { prng } from './generate.mjs';
import { launch, openPage, storageSettled, framesPassed, memory, download, clickButton, option, SOROT_URL } from './lib.mjs';

const argv = process.argv.slice(2);
const OPS = Number(option(argv, 'ops') ?? (argv.includes('--quick') ? 500 : 5_000));
if (!Number.isInteger(OPS) || OPS < 1) {
  console.error(`--ops needs a whole number of at least 1, got ${option(argv, 'ops')}`);
  process.exit(2);
}

/** Each operation's share of the mix. */
const MIX = [['add', 0.45], ['relabel', 0.25], ['delete', 0.15], ['undo', 0.15]];

function chooseOperation(random) {
  let roll = random();
  for (const [name, share] of MIX) {
    if (roll < share) return name;
    roll -= share;
  }
  return MIX[0][0];
}

/** Performs one operation the way a fast annotator would, keys only. */
async function perform(page, operation, random) {
  const digit = String(1 + Math.floor(random() * 4));
  switch (operation) {
    case 'add': {
      // Words inside spans count too: tagging them nests spans, or is refused as a duplicate.
      const picked = await page.evaluate((r) => window.__bench.selectWord('sorot', r, { inSpans: true }), random());
      if (picked) await page.keyboard.press(digit);
      return Boolean(picked);
    }
    case 'relabel':
      await page.keyboard.press('Tab');
      await page.keyboard.press(digit);
      return true;
    case 'delete':
      await page.keyboard.press('Tab');
      await page.keyboard.press('Delete');
      return true;
    default:
      await page.keyboard.press('Control+z');
      return true;
  }
}

/** Sorot's stored session: document ids, and each document's spans. */
async function readStorage(page) {
  return page.evaluate(async () => {
    const settle = (request) => new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const db = await settle(indexedDB.open('sorot'));
    try {
      const get = (key) => settle(db.transaction('records').objectStore('records').get(key));
      const meta = JSON.parse(await get('meta'));
      const documents = {};
      for (const id of meta.documents) documents[id] = JSON.parse(await get(`doc:${id}`)).spans;
      return { order: meta.documents, documents };
    } finally {
      db.close();
    }
  });
}

/**
 * Spans as {start, end, label}, sorted the way the export sorts them. Ids
 * are left out on purpose: storage keeps each span's stable id, while the
 * export numbers a document's spans 1..N in span order (as
 * src/formats/sorot_json.rs documents), so the two ids differ by design.
 */
function canonical(spans) {
  return spans
    .map(({ start, end, label }) => ({ start, end, label }))
    .sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
const growth = (from, to) => `${mb(from)} -> ${mb(to)} (${to >= from ? '+' : ''}${mb(to - from)})`;

async function main() {
  console.log(`soak: ${OPS} operations on Sorot's seed article at ${SOROT_URL}`);
  const browser = await launch();
  try {
    const page = await openPage(browser, 'sorot');
    const before = await memory(page);
    const random = prng(0x50a);
    const counts = Object.fromEntries(MIX.map(([name]) => [name, 0]));
    const started = performance.now();
    for (let i = 0; i < OPS; i++) {
      const operation = chooseOperation(random);
      if (await perform(page, operation, random)) counts[operation]++;
      await pause(5 + random() * 5);
      if ((i + 1) % 1000 === 0) console.log(`  ${i + 1} operations`);
    }
    const seconds = (performance.now() - started) / 1000;
    await framesPassed(page);
    await storageSettled(page);
    const after = await memory(page);
    const spansShown = await page.locator('[data-span-item]').count();

    const stored = await readStorage(page);
    const exported = JSON.parse((await download(page, clickButton(page, 'Export JSON'))).text);
    const exportedById = Object.fromEntries(exported.documents.map((d) => [d.id, canonical(d.spans)]));
    let equal = true;
    let problem = '';
    try {
      assert.deepEqual(exported.documents.map((d) => d.id), stored.order, 'the same documents, in the same order');
      for (const id of stored.order) assert.deepEqual(canonical(stored.documents[id]), exportedById[id], `the spans of ${id}`);
      for (const doc of exported.documents) assert.deepEqual(doc.spans.map((span) => span.id), doc.spans.map((_, i) => i + 1), `export ids of ${doc.id} are 1..N`);
      for (const id of stored.order) assert.equal(new Set(stored.documents[id].map((span) => span.id)).size, stored.documents[id].length, `stored ids of ${id} are unique`);
    } catch (error) {
      equal = false;
      problem = error.message;
    }
    const spansStored = Object.values(stored.documents).reduce((n, spans) => n + spans.length, 0);

    console.log(`\noperations: ${OPS} in ${seconds.toFixed(1)} s (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')})`);
    console.log(`JS heap after GC: ${growth(before.heap, after.heap)}`);
    console.log(`WebAssembly memory: ${growth(before.wasm, after.wasm)} (it only grows; a high-water mark)`);
    console.log(`spans: ${spansShown} listed, ${spansStored} stored in IndexedDB`);
    console.log(`IndexedDB vs Export JSON: ${equal ? 'EQUAL' : 'DIFFERENT'} (${stored.order.length} document(s), ${spansStored} spans; start, end and label compared exactly, ids by their own rules)`);
    if (!equal) console.log(problem);
    if (page.benchErrors.length) console.log(`page errors:\n${page.benchErrors.join('\n')}`);
    console.log(JSON.stringify({
      figure: 'soak', operations: OPS, seconds: Math.round(seconds * 10) / 10, counts,
      heap_bytes: { start: before.heap, end: after.heap }, wasm_bytes: { start: before.wasm, end: after.wasm },
      spans_stored: spansStored, storage_equals_export: equal,
    }));
    process.exitCode = equal && !page.benchErrors.length ? 0 : 1;
  } finally {
    await browser.close();
  }
}

await main();

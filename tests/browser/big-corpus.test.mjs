// A corpus of 10,000 documents: opening the JSON Lines file shows a
// progress bar while it is read a slice at a time, every document arrives,
// and Export JSON and Export as JSONL (written a slice at a time too) hold
// every document and span exactly. A Sorot file of as many opens in parts:
// its first document is on screen, ready to annotate, while the rest are
// still being read, and nothing of either is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openApp, exportAs, exportJson, assertOffsetsValid, slice, tag, HTTP_URL } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const DOCUMENTS = 10_000;

function corpusLines() {
  const lines = [];
  for (let i = 0; i < DOCUMENTS; i++) {
    const text = `Berita ${i}: 👨🏻‍🚒 Kao Kim Hourn mendesak ASEAN di Myawaddy.\nSebanyak ${i % 97} WNI korban TPPO tiba di “Jakarta”. ${'Kementerian Luar Negeri mencatat kasus baru. '.repeat(i % 5)}`;
    const actor = Array.from(text).join('').indexOf('Kao');
    const start = Array.from(text.slice(0, actor)).length;
    lines.push(JSON.stringify({ id: `berita-${i}`, text, meta: { source: 'uji' }, spans: [{ start, end: start + 13, label: 'ACTOR' }] }));
  }
  return lines.join('\n') + '\n';
}

/** Records whether a progress bar was ever shown, however briefly. */
async function watchProgress(page) {
  await page.evaluate(() => {
    window.__progressSeen = [];
    new MutationObserver(() => {
      const bar = document.querySelector('.progress-notice progress');
      if (bar) window.__progressSeen.push([Number(bar.value), Number(bar.max), bar.getAttribute('aria-label')]);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

test('10,000 JSON Lines documents open with a progress bar and export whole', async () => {
  const page = await openApp(browser, HTTP_URL);
  await page.waitForSelector('[data-storage="saved"]', { state: 'attached' });
  const where = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sorot-big-')), 'berita.jsonl');
  const jsonl = corpusLines();
  fs.writeFileSync(where, jsonl);

  await watchProgress(page);
  await page.locator('input[type=file]').setInputFiles(where);
  await page.waitForFunction((n) => document.querySelector('#docs-heading')?.textContent === `Documents (${n})`, DOCUMENTS + 1, { timeout: 60_000 });
  const seen = await page.evaluate(() => window.__progressSeen);
  assert.ok(seen.length > 0, 'a progress bar was shown while reading');
  assert.ok(seen.some(([, , label]) => label === 'Reading berita.jsonl'), JSON.stringify(seen.slice(0, 3)));
  const strange = seen.filter(([value, max, label]) => value > max || !['Reading berita.jsonl', 'Opening berita.jsonl'].includes(label));
  assert.deepEqual(strange, [], 'the bar counts up to its total, reading then opening');
  assert.equal(await page.locator('.progress-notice').count(), 0, 'the progress bar is gone once read');
  // The list shows the documents around the shown one, not ten thousand rows.
  assert.ok(await page.locator('.doc-item').count() <= 201);
  assert.match(await page.locator('article [data-block]').first().textContent(), /^Berita 0: /);

  await page.evaluate(() => { window.__progressSeen = []; });
  const { json } = await exportJson(page);
  assertOffsetsValid(json);
  const exported = json.documents.filter((d) => d.id.startsWith('berita-'));
  assert.equal(exported.length, DOCUMENTS);
  const source = jsonl.trim().split('\n').map((line) => JSON.parse(line));
  for (const i of [0, 1, 4_999, DOCUMENTS - 1]) {
    assert.equal(exported[i].id, source[i].id);
    assert.equal(exported[i].text, source[i].text);
    assert.deepEqual(exported[i].spans.map((s) => [s.start, s.end, s.label, s.text]), [[source[i].spans[0].start, source[i].spans[0].end, 'ACTOR', 'Kao Kim Hourn']]);
  }
  assert.ok((await page.evaluate(() => window.__progressSeen)).some(([, max, label]) => label === 'Exporting' && max === DOCUMENTS + 1));

  const files = await exportAs(page, 'jsonl', 1);
  const lines = files['sorot-corpus.jsonl'].trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(lines.length, DOCUMENTS + 1);
  for (const line of lines) {
    for (const span of line.spans) assert.equal(slice(line.text, span.start, span.end), span.text);
  }
  assert.deepEqual(page.sorotErrors, []);
});

test('10,000 documents of a Sorot file: the first is shown and tagged while the rest arrive', async () => {
  const page = await openApp(browser, HTTP_URL);
  await page.waitForSelector('[data-storage="saved"]', { state: 'attached' });
  const documents = corpusLines().trim().split('\n').map((line) => JSON.parse(line));
  const where = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sorot-big-')), 'berita.json');
  fs.writeFileSync(where, JSON.stringify({ format: 'sorot', version: 1, offset_unit: 'codepoint', documents }));

  // What the document list said when the first document came on screen.
  await page.evaluate(() => {
    window.__listWhenShown = null;
    const observer = new MutationObserver(() => {
      if (/^Berita 0: /.test(document.querySelector('article [data-block]')?.textContent ?? '')) {
        window.__listWhenShown = document.querySelector('#docs-heading')?.textContent;
        observer.disconnect();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.locator('input[type=file]').setInputFiles(where);
  await page.waitForFunction(() => window.__listWhenShown);
  const listWhenShown = await page.evaluate(() => window.__listWhenShown);
  const openWhenShown = Number(listWhenShown.match(/\((\d+)\)/)[1]) - 1;
  assert.ok(openWhenShown < DOCUMENTS / 10, `the first document was shown with ${openWhenShown} of ${DOCUMENTS} open`);
  // Annotating at once: the tag lands in the first document, whatever is still arriving.
  await tag(page, 'Myawaddy', '3', { context: 'ASEAN di Myawaddy' });
  await page.waitForFunction((n) => document.querySelector('#docs-heading')?.textContent === `Documents (${n})`, DOCUMENTS + 1, { timeout: 60_000 });
  await page.waitForFunction(() => document.querySelectorAll('.progress-notice').length === 0);
  assert.match(await page.locator('article [data-block]').first().textContent(), /^Berita 0: /, 'the tagged document stays shown');

  const check = (json) => {
    const opened = json.documents.filter((d) => d.id.startsWith('berita-'));
    assert.equal(opened.length, DOCUMENTS);
    assert.deepEqual(opened[0].spans.map((s) => [s.label, s.text]).sort(), [['ACTOR', 'Kao Kim Hourn'], ['LOCATION', 'Myawaddy']]);
    for (const i of [1, 4_999, DOCUMENTS - 1]) {
      assert.equal(opened[i].text, documents[i].text);
      assert.deepEqual(opened[i].spans.map((s) => [s.start, s.end, s.label]), [[documents[i].spans[0].start, documents[i].spans[0].end, 'ACTOR']]);
    }
  };
  check((await exportJson(page)).json);
  // Stored as it came: a reload brings back every document and the tag.
  await page.waitForSelector('[data-storage="saved"]', { state: 'attached', timeout: 60_000 });
  await page.reload();
  await page.waitForFunction((n) => document.querySelector('#docs-heading')?.textContent === `Documents (${n})`, DOCUMENTS + 1, { timeout: 60_000 });
  check((await exportJson(page)).json);
  assert.deepEqual(page.sorotErrors, []);
});

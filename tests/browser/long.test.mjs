// A long article: only blocks near the viewport draw their spans, and that
// must not show anywhere a person looks. Spans in view are drawn, find in
// page and copy reach text far below, the span list scrolls to a span that
// was never drawn, scrolling draws what comes into view, and tagging at the
// end of the article exports exact offsets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openApp, exportJson, assertOffsetsValid, slice, HTTP_URL } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PARAGRAPHS = 400;

/** A Sorot file of one long article: every paragraph has a nested ACTOR in a POLICY_CALL. */
function longArticle() {
  const lines = ['Laporan panjang tentang TPPO di Asia Tenggara'];
  for (let i = 0; i < PARAGRAPHS; i++) {
    lines.push(`Paragraf ${i}: Sekretaris Jenderal ASEAN Kao Kim Hourn 👨🏻‍🚒 meminta negara anggota ` +
      `bekerja sama menangkal perdagangan orang “secara kolektif” di Myawaddy, Myanmar, kata penanda${i}. ` +
      'Kementerian Luar Negeri mencatat 20 warga negara Indonesia (WNI) yang dipulangkan dari kawasan perbatasan. '.repeat(3));
  }
  const text = lines.join('\n\n');
  const chars = Array.from(text);
  const spans = [];
  let id = 1;
  let at = 0;
  for (const line of lines.slice(1)) {
    const lineStart = Array.from(text.slice(0, text.indexOf(line, at))).length;
    at = text.indexOf(line, at) + line.length;
    const offset = (needle) => lineStart + Array.from(line.slice(0, line.indexOf(needle))).length;
    const actor = offset('ASEAN');
    const call = offset('bekerja sama');
    spans.push({ id: id++, start: actor, end: actor + 5, label: 'ACTOR' });
    spans.push({ id: id++, start: call, end: offset(' di Myawaddy'), label: 'POLICY_CALL' });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  for (const span of spans) span.text = chars.slice(span.start, span.end).join('');
  return { format: 'sorot', version: 1, offset_unit: 'codepoint', labels: ['ACTOR', 'VICTIM_COUNT', 'LOCATION', 'POLICY_CALL'], documents: [{ id: 'panjang', title: lines[0], text, spans }] };
}

/** How many blocks draw their spans, and how many blocks there are. */
async function drawnBlocks(page) {
  return page.evaluate(() => {
    const blocks = [...document.querySelectorAll('article [data-block]')];
    return { drawn: blocks.filter((b) => b.querySelector('.tag')).length, total: blocks.length };
  });
}

/** Every block in the viewport draws a tag for each span starting in it. */
async function assertSpansInViewDrawn(page, file) {
  const starts = file.documents[0].spans.map((s) => s.start);
  const missing = await page.evaluate((starts) => {
    const blocks = [...document.querySelectorAll('article [data-block]')];
    const problems = [];
    blocks.forEach((block, i) => {
      const rect = block.getBoundingClientRect();
      if (rect.bottom < 0 || rect.top > innerHeight) return;
      const from = Number(block.dataset.block);
      const to = i + 1 < blocks.length ? Number(blocks[i + 1].dataset.block) : Infinity;
      const expected = starts.filter((s) => s >= from && s < to).length;
      const shown = block.querySelectorAll('.tag').length;
      if (shown !== expected) problems.push(`block ${from}: ${shown} of ${expected} tags`);
    });
    return problems;
  }, starts);
  assert.deepEqual(missing, []);
}

test('a long article draws only what is near, and nothing a person does can tell', async () => {
  const page = await openApp(browser, HTTP_URL);
  const file = longArticle();
  const where = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sorot-long-')), 'panjang.sorot.json');
  fs.writeFileSync(where, JSON.stringify(file));
  await page.locator('input[type=file]').setInputFiles(where);
  await page.waitForFunction(() => document.querySelector('article [data-block]')?.textContent.startsWith('Laporan panjang'));
  await page.waitForSelector('article .tag');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

  // Drawn: the blocks in view, not the article.
  const opened = await drawnBlocks(page);
  assert.equal(opened.total, PARAGRAPHS + 1);
  assert.ok(opened.drawn > 0 && opened.drawn < opened.total / 4, `drawn ${opened.drawn} of ${opened.total}`);
  await assertSpansInViewDrawn(page, file);

  // Find in page reaches the last paragraph, never drawn.
  const found = await page.evaluate((word) => {
    getSelection().removeAllRanges();
    const hit = window.find(word);
    return hit && getSelection().anchorNode.parentElement.closest('[data-block]').textContent.startsWith(`Paragraf ${399}`);
  }, `penanda${PARAGRAPHS - 1}.`);
  assert.ok(found, 'find in page found the word in the last paragraph');

  // Copying the whole article copies every paragraph.
  const copied = await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('article'));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    const text = getSelection().toString();
    getSelection().removeAllRanges();
    return text;
  });
  for (const i of [0, 200, PARAGRAPHS - 1]) assert.ok(copied.includes(`kata penanda${i}.`), `copy holds paragraph ${i}`);
  assert.ok(!copied.includes('ACTOR'), 'label tags are not copied');

  // The span list takes the reader to a span that was not drawn.
  const item = page.locator('[data-span-item]').last();
  const id = await item.getAttribute('data-span-item');
  await item.click();
  const tagOf = page.locator(`.tag[data-span="${id}"].is-selected`);
  await tagOf.waitFor();
  await page.waitForFunction((id) => {
    const rect = document.querySelector(`.tag[data-span="${id}"]`).getBoundingClientRect();
    return rect.top >= 0 && rect.bottom <= innerHeight;
  }, id);
  await page.keyboard.press('Escape');

  // Scrolling to the end draws the end.
  await page.evaluate(() => window.scrollTo(0, document.scrollingElement.scrollHeight));
  await page.waitForFunction(() => {
    const blocks = document.querySelectorAll('article [data-block]');
    return blocks[blocks.length - 1].querySelector('.tag');
  });
  await page.evaluate(() => window.scrollTo(0, document.scrollingElement.scrollHeight));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await assertSpansInViewDrawn(page, file);

  // Tagging in the last paragraph exports exact offsets.
  const last = page.locator('article [data-block]').last();
  const word = await last.evaluate((block) => {
    const run = [...block.querySelectorAll('.seg')].find((seg) => !seg.classList.contains('has-span') && seg.textContent.includes('Kementerian'));
    const node = run.firstChild;
    const from = node.data.indexOf('Kementerian');
    const range = document.createRange();
    range.setStart(node, from);
    range.setEnd(node, from + 'Kementerian Luar Negeri'.length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return getSelection().toString();
  });
  assert.equal(word, 'Kementerian Luar Negeri');
  await page.keyboard.press('1');
  await page.waitForFunction((n) => document.querySelectorAll('article .tag').length > 0 && document.querySelector('.span-list') && document.querySelector('#spans-heading').textContent.includes(`(${n})`), file.documents[0].spans.length + 1);

  const { json } = await exportJson(page);
  assertOffsetsValid(json);
  const doc = json.documents.find((d) => d.id === 'panjang');
  assert.equal(doc.text, file.documents[0].text);
  assert.equal(doc.spans.length, file.documents[0].spans.length + 1);
  const added = doc.spans.find((s) => s.text === 'Kementerian Luar Negeri' && s.label === 'ACTOR' && slice(doc.text, 0, s.start).startsWith(file.documents[0].title) && s.start > Array.from(doc.text).length - 800);
  assert.ok(added, 'the new span is in the last paragraph');
  assert.deepEqual(page.sorotErrors, []);
});

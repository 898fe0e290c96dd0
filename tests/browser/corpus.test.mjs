// A corpus, not a page: a 3-document JSONL opened through the file input,
// spans tagged in two documents, one marked done, and every export format
// downloaded and checked the way its consumer reads it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, tag, exportJson, exportAs, assertOffsetsValid, slice, HTTP_URL } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const ROWS = [
  { id: 'myawaddy', text: 'WNI dipulangkan dari Myawaddy\nSebanyak 20 WNI korban TPPO tiba di Jakarta.', meta: { source: 'IDN Times', date: '2023-05-08' } },
  { id: 'kamboja', text: 'Kemlu mendesak 👨‍👩‍👧 perlindungan\nKBRI Phnom Penh menerima 16 orang dari Sihanoukville.', meta: { source: 'Antara' } },
  { id: 'bali', text: 'Pertemuan di Bali\nASEAN menangkal isu ini secara kolektif.', spans: [{ start: 18, end: 23, label: 'ACTOR' }] },
];
const JSONL = ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n';

test('open a JSONL corpus, tag two documents, mark one done, export every format', async () => {
  const page = await openApp(browser, HTTP_URL);
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.accept(); });
  await page.locator('input[type=file]').setInputFiles({ name: 'batch.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(JSONL) });
  await page.waitForFunction(() => document.querySelectorAll('.doc-item').length === 4);
  assert.equal(await page.locator('article h1').textContent(), 'WNI dipulangkan dari Myawaddy');
  assert.match(await page.locator('.doc-meta').textContent(), /sourceIDN Times.*date2023-05-08/);
  await tag(page, '20 WNI', '2');
  await tag(page, 'Jakarta', '3');
  await page.getByRole('button', { name: 'Mark done' }).click();
  await page.waitForFunction(() => document.querySelector('.progress-text')?.textContent === '1 / 4 done');
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => document.querySelector('article h1')?.textContent.startsWith('Kemlu'));
  await tag(page, 'Sihanoukville', '3');
  await tag(page, 'KBRI Phnom Penh', '1');
  await tag(page, 'KBRI Phnom Penh menerima 16 orang dari Sihanoukville', '4');
  // The filter shows only done documents.
  await page.getByRole('button', { name: 'Show done' }).click();
  assert.equal(await page.locator('.doc-item').count(), 2, 'the done document, and the one shown');
  await page.getByRole('button', { name: 'Show all' }).click();

  const sorot = await exportAs(page, 'sorot', 1);
  const file = JSON.parse(sorot['sorot-corpus.sorot.json']);
  assertOffsetsValid(file);
  const byId = Object.fromEntries(file.documents.map((d) => [d.id, d]));
  assert.equal(byId.myawaddy.status, 'done');
  assert.deepEqual(byId.myawaddy.meta, { source: 'IDN Times', date: '2023-05-08' });
  assert.deepEqual(byId.myawaddy.spans.map((s) => s.text), ['20 WNI', 'Jakarta']);
  assert.equal(byId.kamboja.status, 'in progress');
  assert.deepEqual(byId.bali.spans.map((s) => [s.text, s.label]), [['ASEAN', 'ACTOR']]);
  assert.equal(byId.kamboja.text, ROWS[1].text);

  const spansOf = (id) => byId[id].spans.map((s) => [s.start, s.end, s.label]);
  const jsonl = (await exportAs(page, 'jsonl', 1))['sorot-corpus.jsonl'].trim().split('\n').map((l) => JSON.parse(l));
  for (const row of jsonl.slice(1)) {
    assert.deepEqual(row.spans.map((s) => [s.start, s.end, s.label]), spansOf(row.id));
    for (const s of row.spans) assert.ok(slice(row.text, s.start, s.end).trim().length > 0);
  }
  // doccano counts UTF-16 code units by default, as its page does: the family emoji is 8 of them.
  const doccano = (await exportAs(page, 'doccano', 1))['sorot-corpus.doccano.jsonl'].trim().split('\n').map((l) => JSON.parse(l));
  const utf16 = (text, at) => Array.from(text).slice(0, at).join('').length;
  assert.deepEqual(doccano[2].label, spansOf('kamboja').map(([s, e, l]) => [utf16(byId.kamboja.text, s), utf16(byId.kamboja.text, e), l]));
  assert.notDeepEqual(doccano[2].label, spansOf('kamboja'));
  const studio = JSON.parse((await exportAs(page, 'label-studio', 1))['sorot-corpus.label-studio.json']);
  for (const task of studio) {
    for (const region of task.annotations[0]?.result ?? []) {
      assert.equal(slice(task.data.text, region.value.start, region.value.end), region.value.text);
    }
  }
  const brat = (await exportAs(page, 'brat', 1))['sorot-corpus.brat.zip'];
  assert.ok(brat['annotation.conf'].includes('POLICY_CALL'));
  const ann = brat['kamboja.ann'];
  assert.ok(ann, `brat files: ${Object.keys(brat)}`);
  for (const line of ann.trim().split('\n').filter((l) => l.startsWith('T'))) {
    const [, labelAndRange, text] = line.split('\t');
    const [, start, end] = labelAndRange.split(' ');
    assert.equal(slice(brat['kamboja.txt'], Number(start), Number(end)), text);
  }
  // Flat formats cannot hold the nested POLICY_CALL: the export says so first
  // and writes the list beside the data.
  const conll = await exportAs(page, 'conll', 2);
  assert.match(dialogs.at(-1), /CoNLL IOB2 tags whole tokens, one label each, with no values, so these spans change or are left out[^]*\d+ notes?, saved beside the data/);
  assert.match(conll['sorot-corpus.conll.notes.txt'], /KBRI Phnom Penh|Sihanoukville/);
  assert.match(conll['sorot-corpus.conll'], /Sihanoukville\tB-LOCATION|KBRI\tB-POLICY_CALL|KBRI\tB-ACTOR/);
  const hf = await exportAs(page, 'hf', 3);
  const labels = JSON.parse(hf['labels.json']);
  const rows = hf['sorot-corpus.hf.jsonl'].trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(labels[0], 'O');
  for (const row of rows) assert.equal(row.tokens.length, row.ner_tags.length);
  assert.ok(rows.some((row) => row.ner_tags.some((t) => labels[t] === 'B-VICTIM_COUNT')));
  await page.context().close();
});

test('a broken JSONL line is reported by line and column; the good lines open', async () => {
  const page = await openApp(browser, HTTP_URL);
  const broken = [
    JSON.stringify({ id: 'ok', text: 'Di Bali', spans: [{ start: 3, end: 7, label: 'LOCATION' }] }),
    '{"id": "rusak", "text": "tanpa tutup',
    JSON.stringify({ id: 'terbalik', text: 'Di Myanmar', spans: [{ start: 9, end: 3, label: 'LOCATION' }] }),
  ].join('\n');
  await page.locator('input[type=file]').setInputFiles({ name: 'rusak.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(broken) });
  await page.waitForSelector('.notice.problem');
  const notice = await page.locator('.notice.problem').textContent();
  assert.match(notice, /Opened 2 documents from rusak\.jsonl; 2 problems skipped/);
  assert.match(notice, /rusak\.jsonl line 2.*column/);
  assert.match(notice, /line 3.*reversed/);
  assert.equal(await page.locator('.doc-item').count(), 3);
  await page.context().close();
});

test('a Sorot file from a future version, or of the wrong shape, is refused and nothing changes', async () => {
  const page = await openApp(browser, HTTP_URL);
  const future = JSON.stringify({ format: 'sorot', version: 7, documents: [] });
  await page.locator('input[type=file]').setInputFiles({ name: 'baru.json', mimeType: 'application/json', buffer: Buffer.from(future) });
  await page.waitForSelector('.notice.problem');
  assert.match(await page.locator('.notice.problem').textContent(), /baru\.json.*version 7/);
  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await page.locator('input[type=file]').setInputFiles({ name: 'aneh.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await page.waitForSelector('.notice.problem');
  assert.match(await page.locator('.notice.problem').textContent(), /aneh\.json/);
  assert.equal(await page.locator('.doc-item').count(), 1);
  await page.context().close();
});

test('pasting text outside a field opens it as a new document', async () => {
  const page = await openApp(browser, HTTP_URL);
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'Tempelan 💩\r\nKorban tiba di Batam.');
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  });
  await page.waitForFunction(() => document.querySelector('article h1')?.textContent === 'Tempelan 💩');
  await tag(page, 'Batam', '3');
  const { json } = await exportJson(page);
  const doc = json.documents.find((d) => d.id === 'pasted');
  assert.equal(doc.text, 'Tempelan 💩\r\nKorban tiba di Batam.');
  assert.deepEqual(doc.spans.map((s) => [s.start, s.end]), [[27, 32]]);
  await page.context().close();
});

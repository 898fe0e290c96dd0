// Teams without a server: the annotator's name stamped on exports, two
// annotators' files compared by text, and each kind of disagreement
// adjudicated into a new document that exports as a normal Sorot document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, tag, exportJson, assertOffsetsValid, HTTP_URL, slice } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TEXTS = [
  'Kao Kim Hourn mendorong ASEAN bertindak di Nusa Dua Bali.',
  'Sebanyak 20 WNI dievakuasi dari Myawaddy, Myanmar.',
  'KBRI Yangon menerima 16 orang korban.',
];

function span(text, needle, label) {
  const start = Array.from(text.slice(0, text.indexOf(needle))).length;
  return { start, end: start + Array.from(needle).length, label, text: needle };
}

function file(annotator, spansPerText) {
  return {
    format: 'sorot', version: 1, offset_unit: 'codepoint', labels: ['ACTOR', 'VICTIM_COUNT', 'LOCATION', 'POLICY_CALL'],
    documents: TEXTS.map((text, i) => ({ id: `doc-${i}`, title: text.slice(0, 20), text, annotator, spans: spansPerText[i].map(([n, l]) => span(text, n, l)) })),
  };
}

const ANA = file('ana', [
  [['Kao Kim Hourn', 'ACTOR'], ['ASEAN', 'ACTOR'], ['Nusa Dua Bali', 'LOCATION']],
  [['20 WNI', 'VICTIM_COUNT'], ['Myawaddy', 'LOCATION']],
  [['KBRI Yangon', 'ACTOR'], ['16 orang', 'VICTIM_COUNT']],
]);
const BUDI = file('budi', [
  [['Kao Kim', 'ACTOR'], ['ASEAN', 'LOCATION'], ['Nusa Dua Bali', 'LOCATION'], ['Bali', 'LOCATION']],
  [['20 WNI', 'VICTIM_COUNT'], ['Myawaddy', 'LOCATION']],
  [['KBRI Yangon', 'ACTOR'], ['16 orang korban', 'VICTIM_COUNT']],
]);

test('the annotator name is asked once and stamped on exports', async () => {
  const page = await openApp(browser, HTTP_URL);
  await page.getByLabel('Annotator name').fill('Sari');
  await page.getByLabel('Annotator name').press('Enter');
  await page.waitForSelector('.annotator');
  await tag(page, 'Kao Kim Hourn', '1', { context: 'Jenderal ASEAN, Kao Kim Hourn, menyoroti' });
  const { json } = await exportJson(page);
  assert.equal(json.documents[0].annotator, 'Sari');
  const span = json.documents[0].spans[0];
  assert.match(span.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(Math.abs(Date.parse(span.updated) - Date.now()) < 120000, 'stamped with the time of the change');
  await page.reload();
  await page.waitForSelector('.annotator');
  assert.match(await page.locator('.annotator').textContent(), /Sari/);
  await page.context().close();
});

test('compare two annotators and adjudicate each kind of disagreement', async () => {
  const page = await openApp(browser, HTTP_URL);
  await page.locator('input[type=file]').setInputFiles([
    { name: 'ana.sorot.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(ANA)) },
    { name: 'budi.sorot.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(BUDI)) },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('.doc-item').length === 7);
  await page.locator('.doc-item', { hasText: 'Kao Kim Hourn mendor' }).first().click();
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.waitForSelector('.compare-dialog');
  assert.match(await page.locator('.agreement-summary').textContent(), /ana vs budi: 3 shared documents, exact F1 0\.\d+/);
  assert.equal(await page.locator('.agreement-chart rect').count() > 0, true);
  assert.equal(await page.locator('.agreement-table tbody tr').count(), 3, 'one row per shared document');
  const kinds = await page.$$eval('.disagreement', (items) => items.map((i) => i.dataset.kind));
  assert.deepEqual(kinds.sort(), ['boundary', 'label', 'only B']);
  // Boundary: take A's "Kao Kim Hourn"; label: take B's LOCATION; only B ("Bali"): neither.
  const decide = async (kind, name) => page.locator(`.disagreement[data-kind="${kind}"]`).getByRole('button', { name, exact: true }).click();
  await decide('boundary', 'A');
  await decide('label', 'B');
  await decide('only B', 'Neither');
  await page.getByRole('button', { name: 'Create adjudicated document' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.doc-item').length === 8);
  const { json } = await exportJson(page);
  assertOffsetsValid(json);
  const adjudicated = json.documents.find((d) => d.annotator === 'adjudicated');
  assert.ok(adjudicated, json.documents.map((d) => d.annotator).join());
  assert.deepEqual(adjudicated.spans.map((s) => [slice(adjudicated.text, s.start, s.end), s.label]), [
    ['Kao Kim Hourn', 'ACTOR'], ['ASEAN', 'LOCATION'], ['Nusa Dua Bali', 'LOCATION'],
  ]);
  assert.deepEqual(adjudicated.meta.adjudication.map((a) => a.source), ['A', 'B', 'both']);
  await page.context().close();
});

// doccano's offset units in the page: the two files doccano 1.8.4 itself
// exported (a default project counting UTF-16 code units, a grapheme-mode
// project counting grapheme clusters) open with all six drawn spans on the
// drawn text; a file read in the wrong unit is not opened until the
// annotator accepts the likely unit; the chosen unit is remembered across a
// reload, and doccano exports count in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openApp, HTTP_URL, exportJson, exportAs, assertOffsetsValid, slice, screenshot } from './harness.mjs';

const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/doccano-1.8.4');
const DRAWN = [
  ['LOCATION', 'Jakarta'],
  ['ACTOR', 'Keluarga 👨‍👩‍👧‍👦'],
  ['VICTIM_COUNT', '28 WNI'],
  ['ACTOR', 'Menteri Jose\u0301 Rami\u0301rez'],
  ['VICTIM_COUNT', '16 orang'],
  ['POLICY_CALL', 'penutupan pusat penipuan daring'],
];

async function open(page, name) {
  await page.locator('input[type=file]').setInputFiles(path.join(FIXTURES, name));
}

/** The spans of the exported document whose id is `id`, as (label, text). */
async function drawnSpans(page, id) {
  const { json } = await exportJson(page);
  assertOffsetsValid(json);
  const doc = json.documents.find((d) => d.id === id);
  assert.ok(doc, `document ${id} in ${json.documents.map((d) => d.id)}`);
  return doc.spans.map((s) => [s.label, slice(doc.text, s.start, s.end)]);
}

test('real doccano exports open on the drawn text, in either unit, and the unit is remembered', async () => {
  const browser = await launch();
  try {
    const page = await openApp(browser, HTTP_URL);
    const unit = page.getByLabel('doccano offset unit');
    assert.equal(await unit.inputValue(), 'utf16', 'UTF-16 code units, as doccano counts by default');

    // A default project, read as doccano's page counts: UTF-16 code units.
    await open(page, 'default-project.jsonl');
    await page.waitForSelector('.notice.info');
    const said = await page.locator('.notice.info').textContent();
    assert.match(said, /Opened 1 document from default-project\.jsonl; offsets read as UTF-16 code units/);
    assert.deepEqual(await drawnSpans(page, '54'), DRAWN);

    // The grapheme-mode project read as UTF-16: doubted, nothing opened until accepted.
    const documents = await page.locator('.doc-item').count();
    await open(page, 'grapheme-mode-project.jsonl');
    await page.waitForSelector('.notice.problem .notice-accept');
    const offer = await page.locator('.notice.problem').textContent();
    assert.match(offer, /look like grapheme clusters rather than UTF-16 code units/);
    assert.match(offer, /Nothing is opened yet/);
    assert.equal(await page.locator('.doc-item').count(), documents, 'nothing opened before the annotator chooses');
    await screenshot(page, 'doccano-offer.png');
    await page.locator('.notice-accept').click();
    await page.waitForFunction((n) => document.querySelectorAll('.doc-item').length === n + 1, documents);
    // doccano numbered the same text 55: it is matched to the open document by text.
    await page.waitForSelector('.notice.info');
    assert.match(await page.locator('.notice.info').textContent(), /1 matched open documents by text, since doccano numbers documents itself \(55 is 54\)/);
    assert.deepEqual(await drawnSpans(page, '54-2'), DRAWN);

    // Choose grapheme clusters: doccano exports count in them, and the choice survives a reload.
    await unit.selectOption('grapheme');
    const files = await exportAs(page, 'doccano', 1);
    const lines = files['sorot-corpus.doccano.jsonl'].trim().split('\n').map((l) => JSON.parse(l));
    const grapheme = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'grapheme-mode-project.jsonl'), 'utf8'));
    for (const line of lines.slice(-2)) assert.deepEqual(line.label, grapheme.label);
    await page.reload();
    await page.waitForSelector('article .seg');
    assert.equal(await page.getByLabel('doccano offset unit').inputValue(), 'grapheme');
    assert.deepEqual(page.sorotErrors, []);
  } finally {
    await browser.close();
  }
});

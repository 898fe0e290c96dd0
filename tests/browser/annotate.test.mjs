// The first path through Sorot, as an annotator walks it: tag the seed
// article with the mouse and label keys, fix mistakes, export, and check the
// JSON — over http and from the single file opened with file://.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openApp, tag, dragSelect, exportJson, assertOffsetsValid, screenshot, slice, SEED, HTTP_URL, FILE_URL, spanCount } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const POLICY = 'ASEAN menangkal isu ini (TPPO) secara kolektif';

for (const [where, url] of [['http', HTTP_URL], ['file://', FILE_URL]]) {
  test(`annotate the seed article and export JSON (${where})`, async () => {
    const page = await openApp(browser, url);
    // Rendering never changes a character: every block's text is a line of the seed.
    const blockTexts = await page.$$eval('article [data-block]', (blocks) => blocks.map((b) => [b.textContent, Number(b.dataset.block)]));
    const lines = SEED.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
    assert.deepEqual(blockTexts.map(([t]) => t), lines);
    for (const [text, start] of blockTexts) assert.equal(slice(SEED, start, start + Array.from(text).length), text);
    assert.equal(await page.locator('article h1').textContent(), 'Sekjen Minta Negara ASEAN Kerja Bersama Tangkal Kasus TPPO');
    assert.ok((await page.locator('article h2').count()) >= 3, 'numbered section headings render as headings');
    assert.ok((await page.locator('article .boilerplate').count()) >= 6, 'scraped boilerplate is de-emphasised');

    await tag(page, 'Kao Kim Hourn', '1', { context: 'Jenderal ASEAN, Kao Kim Hourn, menyoroti' });
    await tag(page, POLICY, '4');
    await tag(page, 'ASEAN', '1', { context: POLICY });
    await tag(page, 'Nusa Dua Bali', '3', { context: 'ASCC 2023 di Nusa Dua Bali, Senin' });
    await tag(page, '20 warga negara Indonesia (WNI)', '2');
    await tag(page, 'Myawaddy, Myanmar', '3');
    await tag(page, 'Kementerian Luar Negeri', '2');

    // A label key with nothing selected relabels the selected span: the
    // ministry was mis-tagged VICTIM_COUNT and becomes an ACTOR.
    await page.keyboard.press('1');
    await page.waitForFunction(() => [...document.querySelectorAll('.span-item.is-selected .chip')].some((c) => c.textContent === 'ACTOR'));

    // The same selection with the same label again is refused with a message.
    await dragSelect(page, 'Myawaddy, Myanmar');
    await page.keyboard.press('3');
    await page.waitForSelector('.notice.problem');
    assert.match(await page.locator('.notice.problem').textContent(), /already tagged LOCATION/);
    await page.getByRole('button', { name: 'Dismiss message' }).click();

    // Click a span to select it, then Delete removes it.
    const before = await spanCount(page);
    await page.locator('article .seg', { hasText: 'Nusa Dua Bali' }).first().click();
    await page.waitForSelector('.span-item.is-selected');
    await page.keyboard.press('Delete');
    await page.waitForFunction((n) => document.querySelectorAll('[data-span-item]').length === n, before - 1);

    // Clicking an entry in the side panel selects that span.
    await page.locator('.span-item', { hasText: 'Kementerian Luar Negeri' }).click();
    assert.equal(await page.locator('.tag.is-selected').getAttribute('data-label'), 'ACTOR');

    // Label names are drawn outside the text: the POLICY_CALL block still copies as the original line.
    const policyBlock = await page.$eval('article [data-block]:has(.tag[data-label="POLICY_CALL"])', (b) => b.textContent);
    assert.ok(lines.includes(policyBlock));

    if (where === 'http') await screenshot(page, 'seed-annotated.png');
    const { name, json } = await exportJson(page);
    assert.equal(name, 'sorot-annotations.json');
    assertOffsetsValid(json);
    assert.deepEqual(json.labels, ['ACTOR', 'VICTIM_COUNT', 'LOCATION', 'POLICY_CALL']);
    const doc = json.documents[0];
    assert.equal(doc.id, 'seed-article');
    assert.equal(doc.text, SEED);
    assert.deepEqual(doc.spans.map((s) => [s.label, s.text]), [
      ['ACTOR', 'Kao Kim Hourn'],
      ['ACTOR', 'ASEAN'],
      ['POLICY_CALL', POLICY],
      ['VICTIM_COUNT', '20 warga negara Indonesia (WNI)'],
      ['LOCATION', 'Myawaddy, Myanmar'],
      ['ACTOR', 'Kementerian Luar Negeri'],
    ]);
    assert.deepEqual([doc.spans[0].start, doc.spans[0].end], [152, 165]);
    assert.deepEqual(page.sorotErrors, []);
    await page.context().close();
  });
}

test('open a .txt with emoji and CRLF through the file input and tag after the emoji', async () => {
  const page = await openApp(browser, HTTP_URL);
  const text = 'Berita 👨‍👩‍👧 hari ini\r\n\r\nKorban 🇮🇩 dari Myawaddy dipulangkan.\r\nCafe\u0301 di Bangkok.\r\n';
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sorot-')), 'berita-emoji.txt');
  fs.writeFileSync(file, text);
  await page.locator('input[type=file]').setInputFiles(file);
  await page.waitForFunction(() => document.querySelector('article h1')?.textContent === 'Berita 👨‍👩‍👧 hari ini');
  assert.equal(await page.locator('.doc-item').count(), 2, 'the switcher lists both documents');
  await tag(page, 'Myawaddy', '3');
  await tag(page, 'Bangkok', '3');
  const { json } = await exportJson(page);
  assertOffsetsValid(json);
  const doc = json.documents[1];
  assert.equal(doc.id, 'berita-emoji');
  assert.equal(doc.text, text);
  const codePoints = Array.from(text);
  const expected = (needle) => {
    const utf16 = text.indexOf(needle);
    return Array.from(text.slice(0, utf16)).length;
  };
  assert.deepEqual(doc.spans.map((s) => [s.start, s.end, s.text]), [
    [expected('Myawaddy'), expected('Myawaddy') + 8, 'Myawaddy'],
    [expected('Bangkok'), expected('Bangkok') + 7, 'Bangkok'],
  ]);
  assert.equal(expected('Myawaddy'), 40, 'code points, not UTF-16 units (which would give 45)');
  assert.equal(codePoints.slice(40, 48).join(''), 'Myawaddy');
  // Switching back shows the seed article again.
  await page.locator('.doc-item').first().click();
  await page.waitForFunction(() => document.querySelector('article h1')?.textContent.startsWith('Sekjen'));
  await page.context().close();
});


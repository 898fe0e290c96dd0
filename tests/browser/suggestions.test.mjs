// Offline pre-annotation: suggestions shown as outlines, accepted or
// rejected by key or click; tag-all-occurrences; normalised victim counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, tag, exportJson, assertOffsetsValid, HTTP_URL, spanCount } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const suggestionCount = (page) => page.locator('[data-suggestion-item]').count();

test('suggest, accept by click and Enter, reject with X, accept all of a label, undo as one step', async () => {
  const page = await openApp(browser, HTTP_URL);
  await page.keyboard.press('s');
  await page.waitForSelector('[data-suggestion-item]');
  const offered = await suggestionCount(page);
  assert.ok(offered > 10, `${offered} suggestions on the seed article`);
  assert.ok((await page.locator('article .seg.has-ghost').count()) > 0, 'suggestions are outlined in the text');
  const before = await exportJson(page);
  assert.equal(before.json.documents[0].spans.length, 0, 'suggestions never enter an export unless accepted');

  // Click the outline of the victim count, then Enter accepts it.
  await page.locator('article .seg.has-ghost', { hasText: 'warga negara Indonesia' }).first().click();
  await page.waitForSelector('.seg.ghost-selected');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-span-item]').length === 1);
  assert.equal(await suggestionCount(page), offered - 1);

  // X rejects the selected suggestion; suggesting again does not bring it back.
  const first = await page.locator('[data-suggestion-item] .span-text').first().textContent();
  await page.locator('[data-suggestion-item] .suggestion-pick').first().click();
  await page.keyboard.press('x');
  await page.waitForFunction((n) => document.querySelectorAll('[data-suggestion-item]').length === n, offered - 2);
  await page.keyboard.press('s');
  await page.waitForFunction((n) => document.querySelectorAll('[data-suggestion-item]').length === n, offered - 2);
  assert.ok(first.length > 0);

  // Accept all ACTOR suggestions, then undo them as one step.
  const spans = await spanCount(page);
  await page.getByRole('button', { name: /✓ all ACTOR/ }).click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-span-item]').length > n, spans);
  await page.keyboard.press('Control+z');
  await page.waitForFunction((n) => document.querySelectorAll('[data-span-item]').length === n, spans);

  const { json } = await exportJson(page);
  assertOffsetsValid(json);
  const victim = json.documents[0].spans.find((s) => s.label === 'VICTIM_COUNT');
  assert.equal(victim.text, '20 warga negara Indonesia (WNI)');
  assert.equal(victim.value, 20);
  await page.context().close();
});

test('tag all occurrences counts first, and a typed value replaces the parsed one', async () => {
  const page = await openApp(browser, HTTP_URL);
  await tag(page, 'Kao Kim Hourn', '1', { context: 'Jenderal ASEAN, Kao Kim Hourn, menyoroti' });
  await page.keyboard.press('a');
  await page.waitForSelector('.notice.problem');
  const offer = await page.locator('.notice.problem').textContent();
  const count = Number(offer.match(/Tag (\d+) more occurrences of “Kao Kim Hourn” as ACTOR in this document/)[1]);
  assert.ok(count >= 5, offer);
  await page.getByRole('button', { name: `Tag ${count}` }).click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-span-item]').length === n, count + 1);

  await tag(page, 'sebanyak 16 orang', '2', { context: 'dan 6 Mei 2023 sebanyak 16 orang' });
  const value = page.getByLabel('Normalised value');
  assert.equal(await value.inputValue(), '16');
  await value.fill('enam belas orang');
  await value.press('Enter');
  await page.waitForSelector('.notice.problem');
  assert.match(await page.locator('.notice.problem').textContent(), /is not a value/);
  await value.fill('dua puluh satu');
  await value.press('Tab');
  await page.waitForFunction(() => document.querySelector('[aria-label="Normalised value"]')?.value === '21');
  const { json } = await exportJson(page);
  const victim = json.documents[0].spans.find((s) => s.label === 'VICTIM_COUNT');
  assert.deepEqual([victim.text, victim.value], ['sebanyak 16 orang', 21]);
  await page.context().close();
});

test('a patterns file feeds Suggest, and accepted phrases come back in other documents', async () => {
  const page = await openApp(browser, HTTP_URL);
  const patterns = JSON.stringify({ label: 'ACTOR', pattern: 'Deti Mega Purnamasari' }) + '\n';
  await page.locator('input[type=file]').setInputFiles({ name: 'team-patterns.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(patterns) });
  await page.waitForFunction(() => /patterns from team-patterns\.jsonl/.test(document.querySelector('[aria-live]')?.textContent ?? ''));
  await page.keyboard.press('s');
  await page.locator('[data-suggestion-item]', { hasText: 'Deti Mega Purnamasari' }).getByRole('button', { name: /^Accept/ }).click();
  await page.waitForSelector('.span-item:has-text("Deti Mega Purnamasari")');
  await page.locator('input[type=file]').setInputFiles({ name: 'kedua.txt', mimeType: 'text/plain', buffer: Buffer.from('Judul\nLaporan Deti Mega Purnamasari dari Jakarta.') });
  await page.waitForFunction(() => document.querySelector('article h1')?.textContent === 'Judul');
  await page.keyboard.press('s');
  await page.waitForSelector('[data-suggestion-item]:has-text("Deti Mega Purnamasari")');
  await page.context().close();
});

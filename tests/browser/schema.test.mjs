// The label schema: edit it (add, key, rename), tag with the new key,
// export it inside the Sorot file, adopt it from the file in a fresh
// browser, and see the guideline follow the selected span. Fields keep what
// is typed in them through renders for other reasons.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, tag, exportJson, assertOffsetsValid, HTTP_URL } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('add a label, tag with its hotkey, rename it, export, and adopt the schema elsewhere', async () => {
  const page = await openApp(browser, HTTP_URL);
  await page.getByRole('button', { name: 'Edit labels' }).click();
  await page.getByLabel('New label name').fill('ORGANISATION');
  await page.getByRole('button', { name: 'Add label' }).click();
  await page.waitForSelector('[data-schema-label="ORGANISATION"]');
  await page.getByLabel('Key of ORGANISATION').fill('7');
  await page.getByLabel('Key of ORGANISATION').press('Tab');
  // A key already taken is refused with a message.
  await page.getByLabel('Key of ACTOR').fill('2');
  await page.getByLabel('Key of ACTOR').press('Tab');
  await page.waitForSelector('.notice.problem');
  assert.match(await page.locator('.notice.problem').textContent(), /Key 2 already applies VICTIM_COUNT/);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  assert.equal(await page.locator('.label-button', { hasText: 'ORGANISATION' }).locator('kbd').textContent(), '7');

  await tag(page, 'Kementerian Luar Negeri', '7');
  await tag(page, 'Kao Kim Hourn', '1', { context: 'Jenderal ASEAN, Kao Kim Hourn, menyoroti' });
  // The guideline panel leads with the selected span's label.
  await page.waitForSelector('.guideline.is-focused[data-guideline="ACTOR"]');

  await page.getByRole('button', { name: 'Edit labels' }).click();
  await page.getByLabel('Name of ORGANISATION').fill('ORG');
  await page.getByLabel('Name of ORGANISATION').press('Tab');
  await page.waitForSelector('[data-schema-label="ORG"]');
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  const { json } = await exportJson(page);
  assertOffsetsValid(json);
  assert.deepEqual(json.documents[0].spans.map((s) => [s.text, s.label]), [['Kao Kim Hourn', 'ACTOR'], ['Kementerian Luar Negeri', 'ORG']]);
  assert.ok(json.labels.includes('ORG'));
  assert.deepEqual(json.schema.labels.map((l) => [l.name, l.key]).at(-1), ['ORG', '7']);
  await page.context().close();

  // A fresh browser profile opens the file and adopts its schema.
  const other = await openApp(browser, HTTP_URL);
  await other.locator('input[type=file]').setInputFiles({ name: 'team.sorot.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
  await other.waitForSelector('.notice.problem');
  assert.match(await other.locator('.notice.problem').textContent(), /carries its own label schema/);
  await other.getByRole('button', { name: 'Adopt its schema' }).click();
  await other.waitForSelector('.label-button:has-text("ORG")');
  assert.equal(await other.locator('.label-button', { hasText: 'ORG' }).locator('kbd').textContent(), '7');
  const painted = await other.$$eval('article .tag', (tags) => tags.map((t) => t.dataset.label));
  assert.deepEqual(painted.sort(), ['ACTOR', 'ORG']);
  await other.context().close();
});

test('removing a label with spans relabels them, and the change undoes', async () => {
  const page = await openApp(browser, HTTP_URL);
  await tag(page, 'Nusa Dua Bali', '3', { context: 'ASCC 2023 di Nusa Dua Bali, Senin' });
  await page.getByRole('button', { name: 'Edit labels' }).click();
  await page.getByLabel('Remove LOCATION').selectOption('ACTOR');
  await page.waitForFunction(() => !document.querySelector('[data-schema-label="LOCATION"]'));
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  let { json } = await exportJson(page);
  assert.deepEqual(json.documents[0].spans.map((s) => s.label), ['ACTOR']);
  await page.getByRole('button', { name: 'Edit labels' }).click();
  await page.getByRole('button', { name: 'Undo schema change' }).click();
  await page.waitForSelector('[data-schema-label="LOCATION"]');
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  ({ json } = await exportJson(page));
  assert.deepEqual(json.documents[0].spans.map((s) => s.label), ['LOCATION']);
  await page.context().close();
});

/**
 * Makes the page render for a reason of its own while a field keeps the
 * focus, as a save finishing or the side panel catching up does: the help
 * overlay opens and closes by keys sent to the page rather than the field.
 */
async function renderElsewhere(page) {
  for (const key of ['?', 'Escape']) {
    await page.evaluate((key) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })), key);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
}

test('what is being typed in a field survives renders for other reasons', async () => {
  const page = await openApp(browser, HTTP_URL);
  await tag(page, 'Kao Kim Hourn', '1', { context: 'Jenderal ASEAN, Kao Kim Hourn, menyoroti' });
  const value = page.getByLabel('Normalised value');
  await value.fill('tiga');
  await renderElsewhere(page);
  assert.equal(await value.inputValue(), 'tiga', 'a render left the typed value alone');
  await value.press('Tab');
  await renderElsewhere(page);
  assert.equal(await value.inputValue(), '3', 'the committed value stands, normalised');

  await page.getByRole('button', { name: 'Edit labels' }).click();
  const key = page.getByLabel('Key of ACTOR');
  await key.fill('9');
  await renderElsewhere(page);
  assert.equal(await key.inputValue(), '9', 'a render left the typed key alone');
  await key.press('Tab');
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  assert.equal(await page.locator('.label-button', { hasText: 'ACTOR' }).locator('kbd').textContent(), '9');
  // A refused edit shows the value that stands again.
  await page.getByRole('button', { name: 'Edit labels' }).click();
  await page.getByLabel('Key of ACTOR').fill('2');
  await page.getByLabel('Key of ACTOR').press('Tab');
  await page.waitForSelector('.notice.problem');
  assert.equal(await page.getByLabel('Key of ACTOR').inputValue(), '9');
  assert.deepEqual(page.sorotErrors, []);
});

test('twelve labels: each applied by its own key, none taking a command key, the hint and help say which', async () => {
  const page = await openApp(browser, HTTP_URL);
  await page.getByRole('button', { name: 'Edit labels' }).click();
  for (let n = 5; n <= 12; n++) {
    await page.getByLabel('New label name').fill(`LABEL_${n}`);
    await page.getByRole('button', { name: 'Add label' }).click();
    await page.waitForSelector(`[data-schema-label="LABEL_${n}"]`);
  }
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  const keys = await page.locator('.label-button kbd').allTextContents();
  assert.deepEqual(keys, ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'b', 'c', 'd']);
  assert.match(await page.locator('.label-bar .hint').textContent(), /press 1–9, b–d/);
  const context = 'Denpasar, IDN Times - Sekretaris Jenderal ASEAN, Kao Kim Hourn, menyoroti maraknya kasus tindak pidana perdagangan orang';
  const words = ['Denpasar', 'IDN', 'Times', 'Sekretaris', 'Jenderal', 'menyoroti', 'maraknya', 'kasus', 'tindak', 'pidana', 'perdagangan', 'orang'];
  for (const [i, word] of words.entries()) await tag(page, word, keys[i], { context });
  const { json } = await exportJson(page);
  assertOffsetsValid(json);
  const labels = ['ACTOR', 'VICTIM_COUNT', 'LOCATION', 'POLICY_CALL', ...Array.from({ length: 8 }, (_, i) => `LABEL_${i + 5}`)];
  assert.deepEqual(json.documents[0].spans.map((s) => [s.text, s.label]).sort(), words.map((w, i) => [w, labels[i]]).sort());
  await page.keyboard.press('?');
  await page.waitForSelector('[role=dialog]');
  const help = await page.locator('[role=dialog]').textContent();
  assert.match(help, /dTag the selection LABEL_12, or relabel the selected span/);
  await page.keyboard.press('Escape');
  await page.context().close();
});

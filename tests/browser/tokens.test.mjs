// The token preview: a span tagged with exact characters whose end cuts a
// glued word is flagged in the span list, its details show the tokens a flat
// export tags with the cut marked, and CoNLL export says so before download.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, openText, tag, exportAs, screenshot, HTTP_URL } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TEXT = [
  'Kata kunci perdagangan orang',
  '',
  'Kasus TPPOSekretaris Jenderal ASEAN, Kao Kim Hourn, menyoroti 🇮🇩 korban di Великий Новгород.',
].join('\r\n') + '\r\n';

const WARNING = 'Its end cuts the token \u201cTPPOSekretaris\u201d: CoNLL and Hugging Face exports will tag the whole token.';

/** The chips of the details panel's token preview: [text, outside parts]. */
async function previewChips(page) {
  return page.locator('.token-preview .token').evaluateAll((chips) =>
    chips.map((chip) => [chip.textContent, [...chip.querySelectorAll('.token-outside')].map((part) => part.textContent)]));
}

test('a span edge inside a token is flagged, previewed and noted before a CoNLL export', async () => {
  const page = await openApp(browser, HTTP_URL);
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.accept(); });
  await openText(page, 'kunci.txt', TEXT);
  await page.waitForFunction(() => document.querySelector('article h1')?.textContent === 'Kata kunci perdagangan orang');

  // Alt+drag keeps exact characters, so the span ends inside the glued word.
  await tag(page, 'TPPO', '1', { context: 'Kasus TPPOSekretaris Jenderal', alt: true });
  await tag(page, 'Kao Kim Hourn', '1');
  const item = (text) => page.locator('.span-item', { has: page.locator('.span-text', { hasText: new RegExp(`^${text}$`) }) });
  assert.equal(await item('Kao Kim Hourn').locator('.cut-flag').count(), 0, 'a span on token edges has no flag');
  assert.deepEqual(await previewChips(page), [['Kao', []], ['Kim', []], ['Hourn', []]]);
  assert.equal(await page.locator('.token-warning').count(), 0);

  const flag = item('TPPO').locator('.cut-flag');
  assert.equal(await flag.getAttribute('title'), WARNING);
  await item('TPPO').click();
  await page.waitForFunction(() => document.querySelector('.details-text')?.textContent === 'TPPO');
  assert.deepEqual(await previewChips(page), [['TPPOSekretaris', ['Sekretaris']]]);
  assert.equal(await page.locator('.token.is-cut .token-edge').count(), 1, 'one bar marks the cut');
  assert.equal(await page.locator('.token-warning').textContent(), `\u26a0 ${WARNING}`);
  await page.locator('#span-details').scrollIntoViewIfNeeded();
  await screenshot(page, 'token-preview-light.png');

  const conll = await exportAs(page, 'conll', 2);
  const note = /ACTOR \d+\.\.\d+ "TPPO": ends inside the token "TPPOSekretaris" \(\d+\.\.\d+\): exported as the whole token/;
  assert.match(dialogs.at(-1), /^CoNLL IOB2 tags whole tokens/);
  assert.match(dialogs.at(-1), note);
  assert.match(conll['sorot-corpus.conll.notes.txt'], note);
  assert.match(conll['sorot-corpus.conll'], /TPPOSekretaris\tB-ACTOR\nJenderal\tO/);
  assert.deepEqual(page.sorotErrors, []);
  await page.context().close();
});

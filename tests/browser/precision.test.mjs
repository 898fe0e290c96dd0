// Selection that never drifts: entities after every Unicode hazard are
// tagged by mouse drag and by keyboard alone, and the export must slice back
// in code points (Python's text[start:end]) — and show exactly what it exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, tag, dragSelect, exportJson, assertOffsetsValid, openText, keyboardSelect, codePointIndex,
  screenshot, HTTP_URL, spanCount, scrollToTop,
} from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Each line holds a hazard before the entity that follows it. CRLF throughout.
const HAZARDS = [
  'Berita lintas aksara',
  'Keluarga 👨‍👩‍👧 dari Jakarta tiba.',
  'Bendera 🇮🇩 dan 🇲🇲 berkibar di Myawaddy.',
  'Cafe\u0301 sampai ke Bangkok\tlalu Yangon.',
  '被害者は 東京 から',
  '\u200fوصل الضحايا إلى القاهرة\u200f أمس',
  'ผู้เสียหายจากกรุงเทพมีสามคน',
  'Sebanyak 20\u00a0WNI dipulangkan\u200b ke Sihanoukville.',
].join('\r\n') + '\r\n';

const ENTITIES = [
  ['Jakarta', '3'],
  ['Myawaddy', '3'],
  ['Bangkok', '3'],
  ['Yangon', '3'],
  ['東京', '3'],
  ['القاهرة', '3'],
  ['กรุงเทพ', '3'],
  ['20\u00a0WNI', '2'],
  ['Sihanoukville', '3'],
];

/** [start, end, text, label] of every exported span of the opened document. */
async function exportedSpans(page) {
  const { json } = await exportJson(page);
  assertOffsetsValid(json);
  const doc = json.documents.find((d) => d.id === 'hazards');
  assert.equal(doc.text, HAZARDS, 'the text is exported exactly as opened (CRLF, NBSP, ZWSP, RLM kept)');
  return { doc, spans: doc.spans.map((s) => [s.start, s.end, s.text, s.label]) };
}

const LABEL_OF_KEY = { 2: 'VICTIM_COUNT', 3: 'LOCATION' };
const EXPECTED = ENTITIES.map(([text, key]) => {
  const start = codePointIndex(HAZARDS, text);
  return [start, start + Array.from(text).length, text, LABEL_OF_KEY[key]];
}).sort((a, b) => a[0] - b[0]);

test('drag-select an entity after each hazard, tag it, and export code point offsets', async () => {
  const page = await openApp(browser, HTTP_URL);
  await openText(page, 'hazards.txt', HAZARDS);
  // Thai has no spaces: select it with exact characters.
  for (const [text, key] of ENTITIES) await tag(page, text, key, { alt: /[\u0e00-\u0e7f]/.test(text) });
  const { doc, spans } = await exportedSpans(page);
  assert.deepEqual(spans, EXPECTED);
  // What is highlighted is what is exported: the runs painted for each span
  // concatenate to exactly its exported text.
  for (const span of doc.spans) {
    // The side panel names each span's internal id next to its offsets.
    const id = await page.locator('[data-span-item]', { hasText: `${span.start}\u2013${span.end}` }).getAttribute('data-span-item');
    const painted = await page.$$eval(`article .seg[data-spans~="${id}"]`, (runs) => runs.map((r) => r.textContent).join(''));
    assert.equal(painted, span.text, `highlight of span ${span.start}..${span.end}`);
  }
  // Invisible characters can be shown; the text and offsets do not change.
  await page.getByRole('button', { name: /Invisibles/ }).click();
  await page.waitForSelector('.seg.invisible[data-char="NBSP"]');
  assert.equal(await page.locator('.seg.invisible[data-char="ZWSP"]').count(), 1);
  assert.equal(await page.locator('.seg.invisible[data-char="TAB"]').count(), 1);
  assert.deepEqual((await exportedSpans(page)).spans, EXPECTED);
  await screenshot(page, 'hazards-invisibles.png');
  await page.context().close();
});

test('the same spans are made with the keyboard alone', async () => {
  const page = await openApp(browser, HTTP_URL);
  await openText(page, 'hazards.txt', HAZARDS);
  await page.locator('article').focus();
  for (const [start, end, text, label] of EXPECTED) {
    await keyboardSelect(page, start, end, { grapheme: /[\u0e00-\u0e7f]/.test(text) });
    assert.equal(await page.evaluate(() => window.getSelection().toString()), text, 'the keyboard selection is shown as the browser selection');
    const count = await spanCount(page);
    await page.keyboard.press(label === 'LOCATION' ? '3' : '2');
    await page.waitForFunction((n) => document.querySelectorAll('[data-span-item]').length === n, count + 1);
  }
  assert.deepEqual((await exportedSpans(page)).spans, EXPECTED);
  // Tab and Shift+Tab walk the spans; Enter opens the details; Delete removes.
  // (Export left the focus on its button, where Tab moves between controls.)
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await page.waitForFunction(() => document.querySelector('.span-item.is-selected')?.textContent.includes('Jakarta'));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'span-details');
  assert.match(await page.locator('#span-details').textContent(), /Jakarta/);
  await page.locator('article').focus();
  const count = await spanCount(page);
  await page.keyboard.press('Delete');
  await page.waitForFunction((n) => document.querySelectorAll('[data-span-item]').length === n, count - 1);
  assert.equal(await page.locator('[role=status]').textContent(), 'LOCATION: Jakarta removed');
  await page.context().close();
});

test('the caret bar is drawn at the caret: after tagging, and after arrow keys move it', async () => {
  const page = await openApp(browser, HTTP_URL);
  // The bar is placed once the frame showing the change is painted: wait
  // until it stands where the caret is, within a pixel.
  const barAtCaret = () => page.waitForFunction(() => {
    const article = document.querySelector('article');
    const bar = article.querySelector('.caret');
    if (!article.dataset.caret || bar.hidden) return false;
    const head = Number(article.dataset.caret);
    // The run the caret is drawn in: the last starting at or before it.
    const run = [...article.querySelectorAll('.seg')].filter((seg) => Number(seg.dataset.start) <= head).pop();
    const range = document.createRange();
    range.setStart(run.firstChild, Array.from(run.firstChild.data).slice(0, head - Number(run.dataset.start)).join('').length);
    const at = range.getBoundingClientRect();
    const drawn = bar.getBoundingClientRect();
    return Math.abs(drawn.left - at.left) <= 1 && Math.abs(drawn.top - at.top) <= 1 && drawn.height > 0;
  });
  await tag(page, 'Kao Kim Hourn', '1', { context: 'Jenderal ASEAN, Kao Kim Hourn, menyoroti' });
  await barAtCaret();
  const after = await page.locator('article').getAttribute('data-caret');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((b) => document.querySelector('article').dataset.caret !== b, after);
  await barAtCaret();
  await page.keyboard.press('ArrowRight');
  await barAtCaret();
  await page.context().close();
});

test('snapping, trimming, Alt for exact characters, double-click, and clipping to the article', async () => {
  const page = await openApp(browser, HTTP_URL);
  // A sloppy drag that starts mid-word and ends after the comma and space snaps to the name.
  await dragSelect(page, 'ao Kim Hourn, ', { context: 'Jenderal ASEAN, Kao Kim Hourn, menyoroti' });
  await page.keyboard.press('1');
  await page.waitForSelector('[data-span-item]');
  assert.equal(await page.locator('[role=status]').textContent(), 'ACTOR: Kao Kim Hourn added');
  // Glued words: Alt+drag keeps exact characters; a plain drag takes the whole glued word.
  const glued = 'Kasus TPPOSekretaris Jenderal';
  await tag(page, 'TPPO', '1', { context: glued, alt: true });
  await tag(page, 'TPPO', '4', { context: glued });
  // Double-click selects one word, ready to tag.
  const word = page.locator('article p', { hasText: 'berhasil dievakuasi dari Myawaddy, Myanmar' });
  const box = await word.evaluate((p) => {
    const text = p.textContent;
    for (const seg of p.querySelectorAll('.seg')) {
      const at = seg.textContent.indexOf('Myawaddy');
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(seg.firstChild, at + 2);
        range.setEnd(seg.firstChild, at + 3);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2, text };
      }
    }
    return null;
  });
  await page.mouse.dblclick(box.x, box.y);
  const count = await spanCount(page);
  await page.keyboard.press('3');
  await page.waitForFunction((n) => document.querySelectorAll('[data-span-item]').length === n, count + 1);
  // A drag from the label bar into the title keeps only the part inside the article.
  await scrollToTop(page);
  const hint = await page.locator('.label-bar .hint').boundingBox();
  const title = await page.locator('article h1 .seg').first().evaluate((seg) => {
    const range = document.createRange();
    const at = seg.textContent.indexOf('Negara');
    range.setStart(seg.firstChild, at + 6);
    range.setEnd(seg.firstChild, at + 6);
    const r = range.getBoundingClientRect();
    return { x: r.left - 1, y: r.top + r.height / 2 };
  });
  await page.mouse.move(hint.x + 5, hint.y + hint.height / 2);
  await page.mouse.down();
  await page.mouse.move(title.x, title.y, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.press('4');
  await page.waitForFunction((n) => document.querySelectorAll('[data-span-item]').length === n, count + 2);
  // A selection wholly outside the article tags nothing (with no span selected,
  // a label key then has nothing to act on).
  await page.keyboard.press('Escape');
  const side = await page.locator('#spans-heading').boundingBox();
  await page.mouse.move(side.x, side.y + 4);
  await page.mouse.down();
  await page.mouse.move(side.x + 60, side.y + 4, { steps: 3 });
  await page.mouse.up();
  await page.keyboard.press('2');
  await page.waitForSelector('.notice.problem');
  const { json } = await exportJson(page);
  assertOffsetsValid(json);
  assert.deepEqual(json.documents[0].spans.map((s) => [s.label, s.text]), [
    ['POLICY_CALL', 'Sekjen Minta Negara'],
    ['ACTOR', 'Kao Kim Hourn'],
    ['ACTOR', 'TPPO'],
    ['POLICY_CALL', 'TPPOSekretaris'],
    ['LOCATION', 'Myawaddy'],
  ]);
  assert.equal(json.documents[0].spans[0].start, 0);
  await page.context().close();
});

test('undo and redo by keys and buttons; the shortcut overlay', async () => {
  const page = await openApp(browser, HTTP_URL);
  await tag(page, 'Kao Kim Hourn', '1', { context: 'Jenderal ASEAN, Kao Kim Hourn, menyoroti' });
  await tag(page, 'Nusa Dua Bali', '3', { context: 'ASCC 2023 di Nusa Dua Bali, Senin' });
  const waitCount = (n) => page.waitForFunction((n) => document.querySelectorAll('[data-span-item]').length === n, n);
  await page.keyboard.press('Control+z');
  await waitCount(1);
  await page.keyboard.press('Control+z');
  await waitCount(0);
  assert.equal(await page.getByRole('button', { name: 'Undo' }).isDisabled(), true);
  await page.keyboard.press('Control+Shift+Z');
  await waitCount(1);
  await page.keyboard.press('Control+y');
  await waitCount(2);
  await page.getByRole('button', { name: 'Undo' }).click();
  await waitCount(1);
  await page.getByRole('button', { name: 'Redo' }).click();
  await waitCount(2);
  await page.keyboard.press('?');
  await page.waitForSelector('[role=dialog]');
  assert.match(await page.locator('[role=dialog]').textContent(), /Shift \+ arrows/);
  await page.keyboard.press('Escape');
  await page.waitForSelector('[role=dialog]', { state: 'detached' });
  const { json } = await exportJson(page);
  assert.deepEqual(json.documents[0].spans.map((s) => s.text), ['Kao Kim Hourn', 'Nusa Dua Bali']);
  await page.context().close();
});

test('a render for another reason never clears the selection the mouse made', async () => {
  const page = await openApp(browser, HTTP_URL);
  await tag(page, 'Kao Kim Hourn', '1', { context: 'Jenderal ASEAN, Kao Kim Hourn, menyoroti' });
  await dragSelect(page, 'Nusa Dua Bali', { context: 'ASCC 2023 di Nusa Dua Bali, Senin' });
  // Opening and closing the shortcut overlay re-renders the app twice.
  await page.keyboard.press('?');
  await page.waitForSelector('[role=dialog]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[role=dialog]', { state: 'detached' });
  assert.equal(await page.evaluate(() => window.getSelection().toString()), 'Nusa Dua Bali');
  await page.keyboard.press('3');
  await page.waitForFunction(() => document.querySelectorAll('[data-span-item]').length === 2);
  await page.context().close();
});

// Shared helpers for the browser tests: launch Debian's Chromium headless,
// open Sorot, select text with a real mouse drag, export, and check offsets
// the way Python would read them (code points, end exclusive).
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const HTTP_URL = process.env.SOROT_URL ?? 'http://127.0.0.1:8080/';
export const DIST = process.env.SOROT_DIST ?? path.resolve('../../dist');
export const FILE_URL = pathToFileURL(path.join(DIST, 'sorot.html')).href;
export const SEED = fs.readFileSync(process.env.SOROT_SEED ?? path.resolve('../../src/seed_article.txt'), 'utf8');
export const ARTIFACTS = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'artifacts');

export const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

/** Starts headless Chromium with a fresh profile. */
export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: FLAGS });
}

/** Opens Sorot at `url` in a new page and waits until the article is rendered. */
export async function openApp(browser, url) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(url);
  await page.waitForSelector('article .seg');
  page.sorotErrors = errors;
  return page;
}

/**
 * Drags the mouse over `target`, found inside the first article block text
 * that contains `context` (default: target itself). `occurrence` picks among
 * blocks containing `context`.
 */
export async function dragSelect(page, target, { context = target, occurrence = 0, alt = false } = {}) {
  const points = await page.evaluate(({ target, context, occurrence }) => {
    const blocks = [...document.querySelectorAll('article [data-block]')];
    const found = blocks.filter((b) => b.textContent.includes(context));
    const block = found[occurrence];
    if (!block) return null;
    if (!context.includes(target)) return null;
    const from = block.textContent.indexOf(context) + context.indexOf(target);
    const to = from + target.length; // UTF-16 units, as the DOM counts
    const runs = [...block.querySelectorAll('.seg')].map((seg) => seg.firstChild).filter(Boolean);
    const locate = (unit, preferNext) => {
      let seen = 0;
      for (const node of runs) {
        const len = node.data.length;
        if (unit < seen + len || (!preferNext && unit === seen + len)) return [node, unit - seen];
        seen += len;
      }
      return null;
    };
    const rectOf = (node, offset, width) => {
      const range = document.createRange();
      range.setStart(node, offset);
      range.setEnd(node, offset + width);
      const rects = range.getClientRects();
      return rects[width > 0 && offset > 0 && rects.length > 1 ? rects.length - 1 : 0] ?? range.getBoundingClientRect();
    };
    block.scrollIntoView({ block: 'center' });
    const [startNode, startOffset] = locate(from, true);
    const [endNode, endOffset] = locate(to, false);
    const first = rectOf(startNode, startOffset, 1);
    const last = rectOf(endNode, endOffset - 1, 1);
    // Right-to-left script starts at the right edge of its first letter.
    const rtl = /[\u0590-\u08ff]/.test(target);
    return {
      start: { x: rtl ? first.right - 1 : first.left + 1, y: first.top + first.height / 2 },
      end: { x: rtl ? last.left + 1 : last.right - 1, y: last.top + last.height / 2 },
    };
  }, { target, context, occurrence });
  assert.ok(points, `could not find ${JSON.stringify(context)} in the article`);
  if (alt) await page.keyboard.down('Alt');
  await page.mouse.move(points.start.x, points.start.y);
  await page.mouse.down();
  await page.mouse.move((points.start.x + points.end.x) / 2, (points.start.y + points.end.y) / 2, { steps: 4 });
  await page.mouse.move(points.end.x, points.end.y, { steps: 4 });
  await page.mouse.up();
  if (alt) await page.keyboard.up('Alt');
  const selected = await page.evaluate(() => window.getSelection().toString());
  assert.equal(selected, target, 'the mouse drag selected exactly the target text');
}

/** Selects `target` by dragging, presses `key`, waits for the span to show. */
export async function tag(page, target, key, options) {
  const before = await spanCount(page);
  await dragSelect(page, target, options);
  await page.keyboard.press(key);
  await page.waitForFunction((n) => document.querySelectorAll('[data-span-item]').length === n, before + 1);
}

/**
 * Scrolls to the top of the page once any smooth scroll under way (a new
 * span brought into view) has come to rest, and waits for the frame that
 * shows it: positions measured after this stay true.
 */
export async function scrollToTop(page) {
  await page.evaluate(() => new Promise((resolve) => {
    let last = -1;
    let still = 0;
    const step = () => {
      still = scrollY === last ? still + 1 : 0;
      last = scrollY;
      if (still < 3) {
        requestAnimationFrame(step);
        return;
      }
      scrollTo(0, 0);
      requestAnimationFrame(() => requestAnimationFrame(resolve));
    };
    requestAnimationFrame(step);
  }));
}

/** How many spans the side panel lists, once it has caught up with the article. */
export async function spanCount(page) {
  await panelCaughtUp(page);
  return page.locator('[data-span-item]').count();
}

/**
 * Waits until the side panel's span list, which follows the article a
 * frame behind, shows the document the article shows, with as many spans.
 */
export async function panelCaughtUp(page) {
  await page.waitForFunction(() => {
    const article = document.querySelector('article.article');
    const list = document.querySelector('section[data-span-count]');
    return article && list && article.dataset.doc === list.dataset.doc && article.dataset.spanCount === list.dataset.spanCount;
  });
}

/** Clicks "Export JSON" and returns the parsed download. */
export async function exportJson(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), json: JSON.parse(fs.readFileSync(file, 'utf8')) };
}

/** Python's text[start:end]: code points, end exclusive. */
export function slice(text, start, end) {
  return Array.from(text).slice(start, end).join('');
}

/** Every span of every document slices back to its text; spans sorted. */
export function assertOffsetsValid(file) {
  assert.equal(file.format, 'sorot');
  assert.equal(file.version, 1);
  assert.equal(file.offset_unit, 'codepoint');
  for (const doc of file.documents) {
    const length = Array.from(doc.text).length;
    let previous = null;
    for (const span of doc.spans) {
      assert.ok(span.start >= 0 && span.start < span.end && span.end <= length, `span ${span.id} in range`);
      assert.equal(slice(doc.text, span.start, span.end), span.text, `span ${span.id} slices back to its text`);
      if (previous) {
        const order = [previous.start - span.start, previous.end - span.end, previous.label < span.label ? -1 : previous.label > span.label ? 1 : 0];
        assert.ok(order.find((d) => d !== 0) <= 0 || order.every((d) => d === 0), 'spans sorted by (start, end, label)');
      }
      previous = span;
    }
  }
}

/** Saves a screenshot under tests/browser/artifacts/ for a person to look at. */
export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: false });
}

/** Opens `text` as a file called `name` through the file input. */
export async function openText(page, name, text) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sorot-')), name);
  fs.writeFileSync(file, text);
  const count = await page.locator('.doc-item').count();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.waitForFunction((n) => document.querySelectorAll('.doc-item').length === n, count + 1);
}

/** The keyboard caret's char position, as the article reports it. */
export async function caretHead(page) {
  const value = await page.locator('article').getAttribute('data-caret');
  return value === null ? null : Number(value);
}

/**
 * Selects chars start..end with arrow keys only: word steps to the start,
 * then Shift+word steps (or Shift+Alt grapheme steps) to the end.
 */
export async function keyboardSelect(page, start, end, { grapheme = false } = {}) {
  const step = async (key) => {
    const before = await caretHead(page);
    await page.keyboard.press(key);
    await page.waitForFunction((b) => document.querySelector('article').dataset.caret !== String(b), before);
    return caretHead(page);
  };
  let head = await caretHead(page);
  if (head === null) head = await step('ArrowRight');
  for (let i = 0; i < 500 && head < start; i++) head = await step(grapheme ? 'Alt+ArrowRight' : 'ArrowRight');
  for (let i = 0; i < 500 && head > start; i++) head = await step(grapheme ? 'Alt+ArrowLeft' : 'ArrowLeft');
  assert.equal(head, start, 'the caret reached the start by arrow keys');
  for (let i = 0; i < 500 && head < end; i++) head = await step(grapheme ? 'Shift+Alt+ArrowRight' : 'Shift+ArrowRight');
  assert.equal(head, end, 'the selection reached the end by Shift+arrow keys');
}

/** Code point index of the first `needle` in `text` (Python's text.index). */
export function codePointIndex(text, needle, from = 0) {
  const utf16 = text.indexOf(needle, from);
  assert.ok(utf16 >= 0, `${JSON.stringify(needle)} in text`);
  return Array.from(text.slice(0, utf16)).length;
}

/** Chooses a format in "Export as…" and returns every downloaded file by name. */
export async function exportAs(page, key, expectedFiles) {
  const files = {};
  const downloads = [];
  const listener = (download) => downloads.push(download);
  page.on('download', listener);
  await page.getByLabel('Export as').selectOption(key);
  await page.waitForFunction(() => true);
  while (downloads.length < expectedFiles) {
    await page.waitForEvent('download', { timeout: 5000 }).catch(() => {
      throw new Error(`${key}: expected ${expectedFiles} downloads, got ${downloads.map((d) => d.suggestedFilename())}`);
    });
  }
  page.off('download', listener);
  for (const download of downloads) files[download.suggestedFilename()] = fs.readFileSync(await download.path());
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, name.endsWith('.zip') ? unzip(bytes) : bytes.toString('utf8')]));
}

/** The entries of a ZIP archive of stored (uncompressed) files, by name. */
function unzip(bytes) {
  const entries = {};
  let at = 0;
  while (bytes.readUInt32LE(at) === 0x04034b50) {
    assert.equal(bytes.readUInt16LE(at + 8), 0, 'stored, not compressed');
    const size = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extraLength = bytes.readUInt16LE(at + 28);
    const name = bytes.toString('utf8', at + 30, at + 30 + nameLength);
    const start = at + 30 + nameLength + extraLength;
    entries[name] = bytes.toString('utf8', start, start + size);
    at = start + size;
  }
  return entries;
}

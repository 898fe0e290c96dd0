// Never lose an annotator's work: reload, a killed browser, the single file,
// two tabs, save-back, the unsaved-work warning, and storage from the future.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { launch, openApp, tag, exportJson, HTTP_URL, FILE_URL, spanCount, panelCaughtUp, FLAGS } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const KAO = { context: 'Jenderal ASEAN, Kao Kim Hourn, menyoroti' };
const NUSA = { context: 'ASCC 2023 di Nusa Dua Bali, Senin' };

/** Waits until every change is written to the browser's database. */
async function saved(page) {
  await page.waitForSelector('[data-storage="saved"]');
}

async function spanTexts(page) {
  return page.$$eval('.span-item .span-text', (items) => items.map((i) => i.textContent));
}

for (const [where, url] of [['http', HTTP_URL], ['file://', FILE_URL]]) {
  test(`a reload restores documents, spans, the current document and undo (${where})`, async () => {
    const page = await openApp(browser, url);
    await saved(page);
    await tag(page, 'Kao Kim Hourn', '1', KAO);
    await tag(page, 'Nusa Dua Bali', '3', NUSA);
    await page.locator('input[type=file]').setInputFiles({ name: 'kedua.txt', mimeType: 'text/plain', buffer: Buffer.from('Kedua 💩\r\nKorban di Myawaddy.') });
    await page.waitForFunction(() => document.querySelectorAll('.doc-item').length === 2);
    await tag(page, 'Myawaddy', '3');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelectorAll('[data-span-item]').length === 0);
    await saved(page);
    page.on('dialog', (dialog) => dialog.accept());
    await page.reload();
    await page.waitForSelector('article .seg');
    await saved(page);
    assert.equal(await page.locator('article h1').textContent(), 'Kedua 💩', 'the current document is shown again');
    assert.equal(await page.locator('.doc-item').count(), 2);
    await page.keyboard.press('Control+Shift+Z');
    await page.waitForFunction(() => document.querySelectorAll('[data-span-item]').length === 1);
    await page.locator('.doc-item').first().click();
    await page.waitForFunction(() => document.querySelector('article h1')?.textContent !== 'Kedua 💩');
    await panelCaughtUp(page);
    assert.deepEqual(await spanTexts(page), ['Kao Kim Hourn', 'Nusa Dua Bali']);
    await page.context().close();
  });
}

/** Starts Chromium on a profile folder with DevTools on a pipe-free port. */
async function startChromium(profile) {
  const child = spawn(process.env.CHROMIUM ?? '/usr/bin/chromium', [
    ...FLAGS, '--headless', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise((resolve, reject) => {
    let seen = '';
    child.stderr.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/DevTools listening on (ws:\/\/\S+)/);
      if (match) resolve(match[1]);
    });
    child.on('exit', () => reject(new Error(`chromium exited early: ${seen}`)));
  });
  const connected = await chromium.connectOverCDP(endpoint);
  return { child, connected };
}

test('work survives the browser being killed without warning', async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sorot-profile-'));
  let { child, connected } = await startChromium(profile);
  let page = await connected.contexts()[0].newPage();
  await page.goto(HTTP_URL);
  await page.waitForSelector('article .seg');
  await saved(page);
  await tag(page, 'Kao Kim Hourn', '1', KAO);
  await tag(page, 'Nusa Dua Bali', '3', NUSA);
  await saved(page);
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  ({ child, connected } = await startChromium(profile));
  page = await connected.contexts()[0].newPage();
  await page.goto(HTTP_URL);
  await page.waitForSelector('[data-span-item]');
  assert.deepEqual(await spanTexts(page), ['Kao Kim Hourn', 'Nusa Dua Bali']);
  await connected.close();
  child.kill('SIGKILL');
});

test('every span tagged by keyboard is stored within 100 ms of its key, whatever kills the browser then', async () => {
  // Measured here: killed 0 ms after the last of 15 key presses, 8–13 spans
  // survived (the last keys were not even handled yet); 10 ms, 11–15;
  // 20 ms and later, all 15. The promise checked is 100 ms, three times.
  for (let run = 0; run < 3; run++) {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sorot-profile-'));
    let { child, connected } = await startChromium(profile);
    let page = await connected.contexts()[0].newPage();
    await page.goto(HTTP_URL);
    await saved(page);
    await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('1');
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // The time under test: the kill comes 100 ms after the last key, with no wait for "saved".
    await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGKILL');
    await exited;
    ({ child, connected } = await startChromium(profile));
    page = await connected.contexts()[0].newPage();
    await page.goto(HTTP_URL);
    await page.waitForSelector('[data-span-item]');
    const kept = Number(await page.locator('article.article').getAttribute('data-span-count'));
    assert.equal(kept, 15, `run ${run + 1}: every span survived`);
    await connected.close();
    child.kill('SIGKILL');
  }
});

test('a second tab is read-only and says so', async () => {
  const first = await openApp(browser, HTTP_URL);
  await saved(first);
  await tag(first, 'Kao Kim Hourn', '1', KAO);
  await saved(first);
  const second = await first.context().newPage();
  await second.goto(HTTP_URL);
  await second.waitForSelector('.notice.problem');
  assert.match(await second.locator('.notice.problem').textContent(), /read-only: Sorot is already open in another tab/);
  await second.waitForSelector('[data-span-item]');
  assert.deepEqual(await spanTexts(second), ['Kao Kim Hourn'], 'the read-only tab shows the work');
  await second.keyboard.press('Delete');
  await second.locator('.span-item').first().click();
  await second.keyboard.press('Delete');
  await second.waitForFunction(() => /read-only/.test(document.querySelector('.notice.problem')?.textContent ?? ''));
  assert.equal(await spanCount(second), 1, 'the read-only tab refused the deletion');
  await first.context().close();
});

test('Save writes back to the same file where the browser allows it, and downloads elsewhere', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.addInitScript(() => {
    window.__pickerCalls = 0;
    window.__written = [];
    window.showSaveFilePicker = async () => {
      window.__pickerCalls += 1;
      return { createWritable: async () => ({ write: async (data) => window.__written.push(data), close: async () => {} }) };
    };
  });
  const page = await context.newPage();
  await page.goto(HTTP_URL);
  await page.waitForSelector('article .seg');
  await saved(page);
  await tag(page, 'Kao Kim Hourn', '1', KAO);
  await page.waitForSelector('[data-unsaved="1"]');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForSelector('[data-unsaved="0"]');
  await tag(page, 'Nusa Dua Bali', '3', NUSA);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForSelector('[data-unsaved="0"]');
  const { calls, written } = await page.evaluate(() => ({ calls: window.__pickerCalls, written: window.__written }));
  assert.equal(calls, 1, 'the second save writes back without asking again');
  assert.deepEqual(JSON.parse(written[1]).documents[0].spans.map((s) => s.text), ['Kao Kim Hourn', 'Nusa Dua Bali']);
  await context.close();

  const plain = await openApp(browser, HTTP_URL);
  await plain.evaluate(() => { delete window.showSaveFilePicker; });
  await saved(plain);
  const [download] = await Promise.all([plain.waitForEvent('download'), plain.getByRole('button', { name: 'Save', exact: true }).click()]);
  assert.equal(download.suggestedFilename(), 'sorot-annotations.json');
  await plain.context().close();
});

test('leaving warns only while something is unsaved', async () => {
  const page = await openApp(browser, HTTP_URL);
  await saved(page);
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.type()); dialog.accept(); });
  await tag(page, 'Kao Kim Hourn', '1', KAO);
  await saved(page);
  await page.reload();
  await page.waitForSelector('[data-span-item]');
  assert.deepEqual(dialogs, ['beforeunload']);
  await saved(page);
  await exportJson(page);
  await page.waitForSelector('[data-unsaved="0"]');
  await saved(page);
  await page.reload();
  await page.waitForSelector('[data-span-item]');
  assert.deepEqual(dialogs, ['beforeunload'], 'no warning once everything is exported');
  await page.context().close();
});

test('storage written by a newer Sorot is reported and never overwritten', async () => {
  const page = await openApp(browser, HTTP_URL);
  await saved(page);
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('sorot', 1);
    open.onsuccess = () => {
      const tx = open.result.transaction('records', 'readwrite');
      tx.objectStore('records').put(JSON.stringify({ schema_version: 99, documents: [], current: 0, next_span_id: 1, unsaved_changes: 0 }), 'meta');
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  await page.reload();
  await page.waitForSelector('.notice.problem');
  assert.match(await page.locator('.notice.problem').textContent(), /newer Sorot.*Nothing will be saved over it/);
  await tag(page, 'Kao Kim Hourn', '1', KAO);
  const meta = await page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('sorot', 1);
    open.onsuccess = () => {
      const get = open.result.transaction('records').objectStore('records').get('meta');
      get.onsuccess = () => resolve(JSON.parse(get.result));
    };
  }));
  assert.equal(meta.schema_version, 99, 'the newer record is untouched');
  assert.equal(await page.locator('[data-storage="off"]').count(), 1);
  await page.context().close();
});

test('a file too large to open is refused with its size, and the work stays', async () => {
  const page = await openApp(browser, HTTP_URL);
  await saved(page);
  await tag(page, 'Kao Kim Hourn', '1', KAO);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sorot-')), 'huge.txt');
  const chunk = Buffer.alloc(1 << 20, 'a');
  const fd = fs.openSync(file, 'w');
  for (let i = 0; i < 70; i++) fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  await page.locator('input[type=file]').setInputFiles(file);
  await page.waitForSelector('.notice.problem');
  assert.match(await page.locator('.notice.problem').textContent(), /huge\.txt is 73 MB; Sorot opens files up to 67 MB/);
  assert.equal(await page.locator('.doc-item').count(), 1);
  assert.deepEqual(await spanTexts(page), ['Kao Kim Hourn']);
  fs.rmSync(file);
  await page.context().close();
});

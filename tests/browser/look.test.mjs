// A tool for a full day: statistics drawn as SVG, a read-only HTML page to
// share, and both themes, captured as the README's screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openApp, tag, exportJson, screenshot, scrollToTop, HTTP_URL } from './harness.mjs';

// The README shows these: written by this test from the real build.
const README_SHOTS = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'screenshots');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('statistics count what was tagged, and Share as HTML writes a read-only annotated page', async () => {
  const page = await openApp(browser, HTTP_URL);
  await tag(page, 'Kao Kim Hourn', '1', { context: 'Jenderal ASEAN, Kao Kim Hourn, menyoroti' });
  await tag(page, 'ASEAN menangkal isu ini (TPPO) secara kolektif', '4');
  await tag(page, 'ASEAN', '1', { context: 'ASEAN menangkal isu ini (TPPO) secara kolektif' });
  await tag(page, 'Nusa Dua Bali', '3', { context: 'ASCC 2023 di Nusa Dua Bali, Senin' });
  const actorBar = await page.$$eval('.stats-chart:first-of-type g', (rows) =>
    rows.map((g) => [g.querySelector('.bar-label').textContent, g.querySelector('.bar-value').textContent]));
  assert.deepEqual(actorBar, [['ACTOR', '2'], ['VICTIM_COUNT', '0'], ['LOCATION', '1'], ['POLICY_CALL', '1']]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Share as HTML' }).click()]);
  assert.equal(download.suggestedFilename(), 'seed-article.html');
  const html = fs.readFileSync(await download.path(), 'utf8');
  assert.ok(!/<script/i.test(html), 'the shared page runs no code');
  const shared = await browser.newPage();
  await shared.setContent(html);
  const labels = await shared.$$eval('[data-label]', (els) => els.map((e) => e.getAttribute('data-label')));
  assert.deepEqual([...new Set(labels)].sort(), ['ACTOR', 'LOCATION', 'POLICY_CALL']);
  assert.match(await shared.locator('body').textContent(), /Kao Kim Hourn/);
  await shared.close();
  await page.context().close();
});

test('saving and exporting never move the article: the bars keep their height at laptop widths', async () => {
  for (const width of [1400, 1280]) {
    const page = await openApp(browser, HTTP_URL);
    await page.setViewportSize({ width, height: 900 });
    await page.waitForSelector('[data-storage="saved"]');
    // Every height the bars are laid out at, frame by frame, from here on.
    await page.evaluate(() => {
      window.barHeights = new Set();
      new ResizeObserver((entries) => entries.forEach((e) => window.barHeights.add(Math.round(e.contentRect.height))))
        .observe(document.querySelector('.top-bars'));
    });
    await tag(page, 'Kao Kim Hourn', '1', { context: 'Jenderal ASEAN, Kao Kim Hourn, menyoroti' });
    await page.waitForSelector('[data-storage="saved"]');
    await exportJson(page);
    await page.waitForSelector('[data-storage="saved"][data-unsaved="0"]');
    await page.keyboard.press('Control+z');
    await page.waitForSelector('[data-storage="saved"][data-unsaved="1"]');
    assert.equal((await page.evaluate(() => [...window.barHeights])).length, 1, `at ${width}px the bars changed height while saving`);
    await page.context().close();
  }
});

test('light and dark themes, captured for the README', async () => {
  const page = await openApp(browser, HTTP_URL);
  await tag(page, 'Kao Kim Hourn', '1', { context: 'Jenderal ASEAN, Kao Kim Hourn, menyoroti' });
  await tag(page, 'ASEAN menangkal isu ini (TPPO) secara kolektif', '4');
  await tag(page, 'ASEAN', '1', { context: 'ASEAN menangkal isu ini (TPPO) secara kolektif' });
  await tag(page, 'Nusa Dua Bali', '3', { context: 'ASCC 2023 di Nusa Dua Bali, Senin' });
  await tag(page, '20 warga negara Indonesia (WNI)', '2');
  await scrollToTop(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  await screenshot(page, 'sorot-light.png');
  fs.mkdirSync(README_SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(README_SHOTS, 'sorot-light.png') });
  await page.getByRole('button', { name: 'Theme: system' }).click();
  await page.getByRole('button', { name: 'Theme: light' }).click();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(22, 25, 29)');
  await page.screenshot({ path: path.join(README_SHOTS, 'sorot-dark.png') });
  await page.context().close();
});

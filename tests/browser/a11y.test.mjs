// Accessibility: axe-core, the engine behind the browsers' own audits, scans
// the page with a document open, spans tagged, a span selected, the
// shortcut overlay and the schema editor shown, in the light and the dark theme. Any violation
// fails, listed by rule and element.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { launch, openApp, tag, HTTP_URL } from './harness.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The violations axe finds on the page as it is, one line each. */
async function violations(page) {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations);
  return found.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary.split('\n')[1]?.trim()}`));
}

for (const theme of ['light', 'dark']) {
  test(`axe finds no violation in the ${theme} theme`, async () => {
    const page = await openApp(browser, HTTP_URL);
    // The theme button steps system → light → dark.
    for (const shown of theme === 'light' ? ['light'] : ['light', 'dark']) {
      await page.locator('.theme-button').click();
      await page.waitForFunction((t) => document.documentElement.dataset.theme === t, shown);
    }
    await tag(page, 'Kao Kim Hourn', '1', { context: 'Jenderal ASEAN, Kao Kim Hourn, menyoroti' });
    await tag(page, 'Nusa Dua Bali', '3', { context: 'ASCC 2023 di Nusa Dua Bali, Senin' });
    assert.deepEqual(await violations(page), [], 'the annotator with spans');
    await page.keyboard.press('?');
    await page.waitForSelector('[role=dialog]');
    assert.deepEqual(await violations(page), [], 'the shortcut overlay');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Edit labels' }).click();
    await page.waitForSelector('[role=dialog]');
    assert.deepEqual(await violations(page), [], 'the schema editor');
    await page.context().close();
  });
}

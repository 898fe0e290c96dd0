// Node-side helpers shared by the benchmark and the soak: launching
// Debian's Chromium, opening either page with the in-page probe, heap
// figures over CDP, Sorot's storage status and its Export JSON download.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
export const SOROT_URL = process.env.SOROT_URL ?? 'http://127.0.0.1:8080/';
export const REFERENCE_URL = process.env.REFERENCE_URL ?? new URL('bench-reference.html', SOROT_URL).href;
export const DIST = process.env.SOROT_DIST ?? path.join(ROOT, 'dist');
export const OUT = process.env.BENCH_OUT ?? path.join(ROOT, 'target/bench');
const PROBE = path.join(HERE, 'probe.js');

/** The same flags as tests/browser/harness.mjs, plus a GC we can call. */
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--enable-precise-memory-info',
];

/** The viewport both pages are measured in (the browser tests' size). */
export const VIEWPORT = { width: 1400, height: 900 };

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: FLAGS });
}

/** Reads `--name value` (or `--name=value`) from argv. */
export function option(argv, name) {
  const i = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (i < 0) return null;
  return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1] ?? null;
}

/**
 * Opens one page in a fresh browser context with the probe installed:
 * Sorot once its article is rendered and its storage has settled, the
 * reference once its file input is there. Page errors are collected.
 */
export async function openPage(browser, kind) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: VIEWPORT });
  await context.addInitScript({ path: PROBE });
  const page = await context.newPage();
  page.benchErrors = [];
  page.on('pageerror', (error) => page.benchErrors.push(error.message));
  if (kind === 'sorot') {
    await page.goto(SOROT_URL);
    await page.waitForSelector('article .seg', { timeout: 60_000 });
    await storageSettled(page);
  } else {
    await page.goto(REFERENCE_URL);
    await page.waitForSelector('input[type=file]', { state: 'attached' });
  }
  page.cdp = await context.newCDPSession(page);
  return page;
}

/** Waits until Sorot has stored everything (or says it cannot store). */
export async function storageSettled(page, timeout = 180_000) {
  await page.waitForSelector('[data-storage="saved"], [data-storage="off"]', { state: 'attached', timeout });
}

/** Waits for two animation frames, so what a key press started has rendered. */
export async function framesPassed(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** JS heap in use after a full garbage collection, plus WebAssembly memory, in bytes. */
export async function memory(page) {
  await page.cdp.send('HeapProfiler.collectGarbage');
  await page.cdp.send('Performance.enable');
  const { metrics } = await page.cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? null;
  const wasm = await page.evaluate(() => window.__bench.wasmBytes());
  return { heap, wasm };
}

/** Runs `trigger` (a click, a menu choice) and returns the download it starts: its name and text. */
export async function download(page, trigger, timeout = 120_000) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout }), trigger()]);
  const where = await file.path();
  return { name: file.suggestedFilename(), text: fs.readFileSync(where, 'utf8') };
}

/** Clicks the button named exactly `name`. */
export function clickButton(page, name, timeout = 120_000) {
  return () => page.getByRole('button', { name, exact: true }).click({ timeout });
}

// Hostile and broken files: each gets a message naming the file and the
// problem, and the work already open stays exactly as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, tag, exportJson, assertOffsetsValid, screenshot, HTTP_URL } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const KAO = { context: 'Jenderal ASEAN, Kao Kim Hourn, menyoroti' };

/** The exported state, to compare before and after a bad file. */
async function snapshot(page) {
  const { json } = await exportJson(page);
  return json;
}

async function open(page, name, bytes) {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(bytes) });
}

test('bad files are refused by name and reason; the open work is untouched', async () => {
  const page = await openApp(browser, HTTP_URL);
  await tag(page, 'Kao Kim Hourn', '1', KAO);
  const before = await snapshot(page);
  const cases = [
    ['kosong.txt', [], /kosong\.txt: the file is empty/],
    ['bom-only.txt', [0xef, 0xbb, 0xbf], /bom-only\.txt: the file is empty/],
    ['gambar.txt', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00], /gambar\.txt: .*(not UTF-8|binary)/],
    ['utf16-rusak.txt', [0xff, 0xfe, 0x41], /utf16-rusak\.txt: .*not valid UTF-16/],
  ];
  for (const [name, bytes, message] of cases) {
    await open(page, name, bytes);
    await page.waitForFunction((name) => document.querySelector('.notice.problem')?.textContent.includes(name), name);
    assert.match(await page.locator('.notice.problem').textContent(), message);
    await page.getByRole('button', { name: /Dismiss|Cancel/ }).click();
  }
  assert.equal(await page.locator('.doc-item').count(), 1);
  assert.deepEqual(await snapshot(page), before);
  await page.context().close();
});

test('invalid UTF-8 is refused with the bad byte, or opened with marked replacements on request', async () => {
  const page = await openApp(browser, HTTP_URL);
  await tag(page, 'Kao Kim Hourn', '1', KAO);
  const before = await snapshot(page);
  const latin1 = [0x4b, 0x6f, 0x72, 0x62, 0x61, 0x6e, 0x0a, 0x43, 0x61, 0x66, 0xe9, 0x20, 0x42, 0x61, 0x6c, 0x69];
  await open(page, 'latin1.txt', latin1);
  await page.waitForSelector('.notice.problem');
  assert.match(await page.locator('.notice.problem').textContent(), /latin1\.txt: the file is not UTF-8 text \(first bad byte at position 10\)/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.deepEqual(await snapshot(page), before);
  await open(page, 'latin1.txt', latin1);
  await page.getByRole('button', { name: /Open with/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('.doc-item').length === 2);
  await tag(page, 'Bali', '3');
  const after = await snapshot(page);
  assertOffsetsValid(after);
  const doc = after.documents[1];
  assert.equal(doc.id, 'latin1 (with replacements)');
  assert.equal(doc.text, 'Korban\nCaf\ufffd Bali');
  assert.deepEqual(doc.spans.map((s) => [s.start, s.end]), [[12, 16]]);
  await page.context().close();
});

test('a UTF-8 BOM is dropped and UTF-16 is decoded; offsets count the text, not the BOM', async () => {
  const page = await openApp(browser, HTTP_URL);
  await open(page, 'bom.txt', [0xef, 0xbb, 0xbf, ...Buffer.from('Judul\nKe Myawaddy')]);
  await page.waitForFunction(() => document.querySelector('article h1')?.textContent === 'Judul');
  await tag(page, 'Myawaddy', '3');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Dua 💩\r\nDi Bangkok', 'utf16le')]);
  await open(page, 'utf16.txt', utf16);
  await page.waitForFunction(() => document.querySelector('article h1')?.textContent === 'Dua 💩');
  await tag(page, 'Bangkok', '3');
  const json = await snapshot(page);
  assertOffsetsValid(json);
  assert.deepEqual(json.documents.slice(1).map((d) => [d.text, d.spans[0].start]), [['Judul\nKe Myawaddy', 9], ['Dua 💩\r\nDi Bangkok', 10]]);
  await page.context().close();
});

test('text that looks like HTML or script is shown as text, never run', async () => {
  const page = await openApp(browser, HTTP_URL);
  const alerts = [];
  page.on('dialog', (dialog) => { alerts.push(dialog.message()); dialog.dismiss(); });
  const hostile = '<img src=x onerror=alert(1)> judul\n</article><script>alert(2)</script> di <b>Myawaddy</b>';
  await open(page, '<svg onload=alert(3)>.txt', Buffer.from(hostile));
  await page.waitForFunction(() => document.querySelectorAll('.doc-item').length === 2);
  await tag(page, 'Myawaddy', '3', { context: '<b>Myawaddy</b>' });
  assert.equal(await page.locator('article h1').textContent(), '<img src=x onerror=alert(1)> judul');
  assert.equal(await page.locator('article img, article script, article b, svg[onload]').count(), 0);
  const json = await snapshot(page);
  assert.equal(json.documents[1].text, hostile);
  assert.deepEqual(alerts, []);
  await page.context().close();
});

test('a file with hundreds of problems is counted by kind, fits the window, lists them on demand and closes with Escape', async () => {
  const page = await openApp(browser, HTTP_URL);
  const text = 'Kao Kim Hourn tiba di Bali.\n';
  const ann = ['T1\tACTOR 0 13\tKao Kim Hourn', 'T2\tLOCATION 22 26\tBali'];
  for (let i = 1; i <= 227; i++) ann.push(`A${i}\tNegated T1`);
  for (let i = 1; i <= 72; i++) ann.push(`R${i}\tACTS_IN Arg1:T1 Arg2:T2`);
  for (let i = 1; i <= 74; i++) ann.push(`#${i}\tAnnotatorNotes T1\tcatatan ${i}`);
  const files = [
    { name: 'wn071.txt', mimeType: 'text/plain', buffer: Buffer.from(text) },
    { name: 'wn071.ann', mimeType: 'text/plain', buffer: Buffer.from(ann.join('\n') + '\n') },
  ];
  await page.locator('input[type=file]').setInputFiles(files);
  await page.waitForSelector('.notice.problem .notice-details');
  const message = await page.locator('.notice.problem .notice-text').textContent();
  assert.match(message, /Opened 1 document from wn071\.txt, wn071\.ann; 373 problems skipped: 227 × an attribute, 74 × a note other than value=<JSON>, 72 × a relation/);
  const toolbar = await page.locator('.top-bars').boundingBox();
  const notice = await page.locator('.notice.problem').boundingBox();
  const viewport = page.viewportSize();
  assert.ok(notice.y > toolbar.y + toolbar.height, 'the notice stays below the toolbar');
  assert.ok(notice.y + notice.height <= viewport.height, 'the notice fits the window');
  await page.getByText('Show all 373').click();
  assert.equal(await page.locator('.notice-details li').count(), 373);
  const open = await page.locator('.notice.problem').boundingBox();
  assert.ok(open.y > toolbar.y + toolbar.height && open.y + open.height <= viewport.height, 'opened, it still fits');
  const cancel = await page.locator('.notice-dismiss').boundingBox();
  assert.ok(cancel.y + cancel.height <= viewport.height, 'its close button is within reach');
  await screenshot(page, 'report.png');
  await page.locator('article').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Escape');
  await page.waitForSelector('.notice.problem', { state: 'detached' });
  assert.deepEqual(page.sorotErrors, []);
});

// Layout that holds: the room each demo keeps before the module mounts it (so the text under
// it does not jump), labels on one line, and the printout (figure, This step, trace table;
// no controls; black on white).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, open } from './helpers.mjs';
import { browserForFile, clean } from './suite.mjs';

const browser = browserForFile();

/// Every demo's height on `path` before the module mounts it (its wasm held back) and after.
async function heights(path, viewport) {
  const context = await browser().newContext({ viewport });
  const page = await context.newPage();
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route('**/*.wasm', async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(BASE + path);
  const measure = () => page.$$eval('[data-descent]', (all) => all.map((e) => e.getBoundingClientRect().height));
  // The stylesheet has applied once the box has its frame (before the module, it has no other).
  await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-descent]')).borderTopStyle === 'solid');
  const kept = await measure();
  release();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-descent]')].every((e) =>
    e.hasAttribute('data-descent-mounted') && e.querySelector('.descent-formula')?.textContent));
  const mounted = await measure();
  await context.close();
  return { kept, mounted };
}

for (const [path, what] of [['/', 'the full demo keeps its'], ['/examples/blog.html', "the blog's four demos keep their"]]) {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    test(`${what} room before the module loads (${viewport.width}×${viewport.height})`, async () => {
      const { kept, mounted } = await heights(path, viewport);
      assert.equal(kept.length, mounted.length);
      for (const [k, h] of kept.entries()) {
        // Within 6 %: under the demo, the text moves by at most a few lines.
        assert.ok(Math.abs(h - mounted[k]) <= 0.06 * mounted[k], `demo ${k}: kept ${h} px, mounted ${mounted[k]} px`);
      }
    });
  }
}

test('every label stays on one line, on a wide screen and on a phone, without sideways scrolling', async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const page = await open(browser(), '/#preset=bowl', { viewport });
    await page.evaluate(() => document.querySelectorAll('.descent details').forEach((d) => (d.open = true)));
    const labels = await page.$$eval('.descent-field > .descent-label', (all) => all.filter((l) => l.offsetParent).map((l) => {
      const text = document.createRange();
      text.selectNodeContents(l);
      return { label: l.textContent, lines: text.getClientRects().length, text: text.getBoundingClientRect().width, box: l.getBoundingClientRect().width };
    }));
    assert.ok(labels.some((l) => l.label === 'Learning rate'));
    for (const l of labels) {
      assert.equal(l.lines, 1, `"${l.label}" on one line at ${viewport.width} px`);
      assert.ok(l.text <= l.box + 0.01, `"${l.label}" fits its column (${l.text} > ${l.box}) at ${viewport.width} px`);
    }
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling');
    await clean(page);
  }
});

test('printing gives the figure, This step and the trace table, black on white, without controls', async () => {
  const page = await open(browser(), '/#preset=local&explain=1&at=3', { colorScheme: 'dark', reducedMotion: 'reduce' });
  // Light pixels of the plot as shown: its canvas through the filter the stylesheet gives it.
  const corner = () => page.$eval('.descent-base', (c) => {
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [c.width, c.height];
    const ctx = copy.getContext('2d', { willReadFrequently: true });
    ctx.filter = getComputedStyle(c).filter;
    ctx.drawImage(c, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let light = 0;
    for (let k = 0; k < data.length; k += 4) if (data[k] > 200 && data[k + 1] > 200 && data[k + 2] > 200) light++;
    return light;
  });
  assert.equal(await corner(), 0, 'on a dark screen, the plot is dark');
  assert.equal(await page.isVisible('.descent-table-scroll'), false, 'the trace table starts closed');
  // What a browser does when it prints: the event, then the print media.
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  for (const shown of ['.descent-plot', '.descent-formula', '.descent-status', '.descent-explain', '.descent-loss', '.descent-table-scroll']) {
    assert.ok(await page.isVisible(shown), `${shown} is printed`);
  }
  assert.ok(await page.$$eval('.descent-table tbody tr', (rows) => rows.length) >= 4, 'the trace table has its rows');
  for (const hidden of ['.descent-slider', '.descent-play', '.descent-select', '.descent-controls', '.descent-embed', '.descent-trace > summary', '.descent-copy']) {
    assert.equal(await page.isVisible(hidden), false, `${hidden} is not printed`);
  }
  assert.ok(await corner() > 1000, 'the plot is printed light');
  const colours = await page.$eval('.descent', (el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
  assert.deepEqual(colours, ['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
  // Done printing: as it was.
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  assert.equal(await page.isVisible('.descent-table-scroll'), false, 'the trace table is closed again');
  assert.ok(await page.isVisible('.descent-slider'));
  assert.equal(await corner(), 0, 'the plot is dark again');
  await clean(page);
});

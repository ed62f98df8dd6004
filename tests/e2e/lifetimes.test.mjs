// A demo that is mounted again takes with it everything it held on the page: its listeners,
// observers, timers and animation frame. Changing the link 200 times (each change mounts the
// demo again) must leave as many listeners and DOM nodes, and about as much memory, as it found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './helpers.mjs';
import { browserForFile, clean } from './suite.mjs';

const browser = browserForFile();

/// The page's event listeners, DOM nodes, JavaScript heap and wasm memory, after a collection.
async function meter(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const wasm = await page.evaluate(async () => (await (await import('./www/pkg/descent.js')).default()).memory.buffer.byteLength);
    return { listeners: m.JSEventListeners, nodes: m.Nodes, heap: m.JSHeapUsedSize, wasm };
  };
}

test('changing the link 200 times grows neither listeners nor memory', async () => {
  const page = await open(browser(), '/');
  const measure = await meter(page);
  // Each change mounts the demo again from the link; the number box then shows the new rate.
  const change = async (i) => {
    const lr = String(Number((0.01 + (i % 150) / 1000).toFixed(3)));
    await page.evaluate((h) => { location.hash = h; }, `lr=${lr}&preset=${i % 2 ? 'sine' : 'notch'}`);
    await page.waitForFunction((v) => {
      const box = document.querySelector('.descent-field-lr .descent-number');
      return box && box.value === v && document.querySelector('.descent-formula').textContent !== '';
    }, lr);
  };
  for (let i = 0; i < 20; i++) await change(i);
  const before = await measure();
  for (let i = 20; i < 200; i++) await change(i);
  const after = await measure();
  const report = JSON.stringify({ before, after });
  assert.equal(await page.locator('.descent-layout').count(), 1, 'one demo on the page');
  assert.ok(after.listeners <= before.listeners, `event listeners did not grow: ${report}`);
  assert.ok(after.nodes <= before.nodes + 50, `DOM nodes did not grow: ${report}`);
  assert.ok(after.heap < before.heap + 2e6, `the JavaScript heap grew by less than 2 MB: ${report}`);
  assert.ok(after.wasm <= before.wasm + 2 ** 20, `the wasm memory grew by at most 1 MiB: ${report}`);
  // And the demo that is left works.
  await page.click('.descent-reset');
  await page.click('.descent-step');
  await page.waitForFunction(() => /^step 1 of/.test(document.querySelector('.descent-status').textContent));
  await clean(page);
});

test('a demo taken off the page lets go of its listeners', async () => {
  const page = await open(browser(), '/');
  const measure = await meter(page);
  const before = await measure();
  await page.evaluate(() => document.querySelector('#demo').remove());
  // The demo sees it is gone at its observers' next report; then its listeners go: the 10 on
  // its root, the link's and the two media queries'.
  let after;
  for (let tries = 0; tries < 100; tries++) {
    after = await measure();
    if (before.listeners - after.listeners >= 13) break;
    await page.waitForTimeout(50);
  }
  assert.ok(before.listeners - after.listeners >= 13, `listeners went: ${JSON.stringify({ before, after })}`);
  // Put back on the page, it mounts again and works.
  await page.evaluate(async () => {
    const el = document.createElement('div');
    el.id = 'demo';
    el.setAttribute('data-descent', '');
    document.querySelector('main').prepend(el);
    (await import('./www/pkg/descent.js')).mountAll();
  });
  await page.waitForSelector('[data-descent-mounted] .descent-status');
  await page.click('.descent-reset');
  await page.click('.descent-step');
  await page.waitForFunction(() => /^step 1 of/.test(document.querySelector('.descent-status').textContent));
  await clean(page);
});

test('a demo put back on the page after it was taken off can be mounted again', async () => {
  const page = await open(browser(), '/');
  const measure = await meter(page);
  const before = await measure();
  const demo = await page.evaluateHandle(() => {
    const el = document.querySelector('#demo');
    el.remove();
    return el;
  });
  for (let tries = 0; tries < 100 && before.listeners - (await measure()).listeners < 13; tries++) {
    await page.waitForTimeout(50);
  }
  await page.evaluate(async (el) => {
    document.querySelector('main').prepend(el);
    (await import('./www/pkg/descent.js')).mountAll();
  }, demo);
  await page.click('.descent-reset');
  await page.click('.descent-step');
  await page.waitForFunction(() => /^step 1 of/.test(document.querySelector('.descent-status').textContent));
  assert.equal(await page.locator('.descent-layout').count(), 1);
  await clean(page);
});

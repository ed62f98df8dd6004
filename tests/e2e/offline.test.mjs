// Offline once loaded: descent's own pages (the full demo, the iframe page), served from dist/,
// register a service worker that keeps the app shell; reloaded with the network gone, the demo
// still opens and answers its sliders. A page that only embeds a demo registers none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, mounted, pixels, DIST } from './helpers.mjs';
import { browserForFile, clean } from './suite.mjs';

const browser = browserForFile();

// Records every call to navigator.serviceWorker.register, as the page makes it.
const recordRegistrations = () => {
  window.__registered = [];
  const register = ServiceWorkerContainer.prototype.register;
  ServiceWorkerContainer.prototype.register = function (url, ...rest) {
    window.__registered.push(String(url));
    return register.call(this, url, ...rest);
  };
};

/// Waits until the plot's overlay differs from `before` (polled once a frame).
async function plotChanged(page, before) {
  for (let frame = 0; frame < 600; frame++) {
    if ((await pixels(page)).hash !== before.hash) return;
    await page.evaluate(() => new Promise(requestAnimationFrame));
  }
  assert.fail('the plot did not change');
}

async function dragLearningRate(page, fraction) {
  const box = await page.locator('.descent-field-lr .descent-slider').boundingBox();
  await page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
}

for (const [name, path] of [['the full demo', '/#preset=local'], ['the iframe page', '/www/embed.html#preset=local']]) {
  test(`${name} works offline once loaded: reloaded without a network, its slider moves the plot`, async () => {
    const page = await open(browser(), path, { base: DIST, init: recordRegistrations });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    assert.equal((await page.evaluate(() => window.__registered)).length, 1, 'one registration');

    await page.context().setOffline(true);
    const served = [];
    page.on('response', (r) => served.push([new URL(r.url()).pathname, r.fromServiceWorker()]));
    await page.reload();
    await mounted(page);
    // Every file of the page came from the worker's cache, none from the network.
    const paths = served.map(([p]) => p);
    for (const file of ['/www/pkg/descent_bg.wasm', '/www/pkg/descent.js', '/www/descent.css']) {
      assert.ok(paths.includes(file), `${file} was loaded: ${paths}`);
    }
    assert.deepEqual(served.filter(([, cached]) => !cached), [], 'everything from the cache');
    const before = await pixels(page);
    const status = await page.textContent('.descent-status');
    await dragLearningRate(page, 0.8);
    await page.waitForFunction((s) => document.querySelector('.descent-status').textContent !== s, status);
    await plotChanged(page, before);
    assert.deepEqual(page.problems, [], 'no console errors or failed requests');
    // The network was really gone, for the worker too: with its cache emptied, it cannot
    // fetch a file of the shell.
    const refetched = await page.evaluate(async () => {
      for (const name of await caches.keys()) await caches.delete(name);
      return fetch('/www/descent.css').then(() => 'fetched', () => 'failed');
    });
    assert.equal(refetched, 'failed');
    await page.context().close();
  });
}

test('a page that only embeds a demo registers no service worker', async () => {
  const page = await open(browser(), '/examples/blog.html', { base: DIST, init: recordRegistrations });
  // Registration would happen once the page has loaded and a demo mounted: both are done here.
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.evaluate(() => new Promise(requestAnimationFrame));
  assert.deepEqual(await page.evaluate(() => window.__registered), []);
  assert.deepEqual(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
  await clean(page);
});

test('the full demo links a web app manifest with its name, colours and the favicon', async () => {
  const page = await open(browser(), '/', { base: DIST });
  const href = await page.$eval('link[rel="manifest"]', (l) => l.href);
  const manifest = await page.evaluate(async (url) => (await fetch(url)).json(), href);
  assert.equal(manifest.short_name, 'descent');
  assert.equal(manifest.display, 'standalone');
  assert.equal(new URL(manifest.start_url, href).pathname, '/');
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/);
  assert.match(manifest.background_color, /^#[0-9a-f]{6}$/);
  const [icon] = manifest.icons;
  assert.equal(icon.sizes, 'any');
  assert.equal(icon.type, 'image/svg+xml');
  const svg = await page.evaluate(async (url) => (await fetch(url)).text(), new URL(icon.src, href).href);
  assert.match(svg, /^<svg/);
  await clean(page);
});

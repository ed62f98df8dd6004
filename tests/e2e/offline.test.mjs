// Offline once loaded: descent's own pages (the full demo, the iframe page), served from dist/,
// register a service worker that keeps the app shell; reloaded with the network gone, the demo
// still opens and answers its sliders. A page that only embeds a demo registers none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/// A copy of dist/ on a server of its own, to deploy a new version to: files are read from the
/// copy at each request, as a static host does.
async function hostOfCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'descent-deploy-'));
  cpSync(fileURLToPath(new URL('../../dist/', import.meta.url)), dir, { recursive: true });
  const types = { html: 'text/html', js: 'text/javascript', css: 'text/css', wasm: 'application/wasm', svg: 'image/svg+xml', webmanifest: 'application/manifest+json' };
  const server = createServer((request, response) => {
    let path = new URL(request.url, 'http://host').pathname;
    if (path.endsWith('/')) path += 'index.html';
    try {
      const body = readFileSync(join(dir, path));
      response.writeHead(200, { 'Content-Type': types[path.split('.').pop()] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /// A new deploy: the stylesheet gains a line, and the worker lists it with `hash` (its
    /// true hash unless given) under `version`.
    deploy({ version, hash }) {
      const css = join(dir, 'www/descent.css');
      const oldHash = createHash('sha1').update(readFileSync(css)).digest('hex');
      writeFileSync(css, `${readFileSync(css, 'utf8')}\n/* the next deploy */\n`);
      const worker = readFileSync(join(dir, 'sw.js'), 'utf8')
        .replace(/version: "[0-9a-f]+"/, `version: "${version}"`)
        .replace(oldHash, hash ?? createHash('sha1').update(readFileSync(css)).digest('hex'));
      writeFileSync(join(dir, 'sw.js'), worker);
    },
    close() {
      server.closeAllConnections();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const cacheNames = (page) => page.evaluate(async () => (await caches.keys()).map((k) => k.split(' ').pop()));
const styleServed = (page) => page.evaluate(async () => (await (await fetch('/www/descent.css')).text()).includes('the next deploy'));
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null);
/// Waits in the page until `condition` (an async test, which waitForFunction would take for
/// true at once: a promise is truthy) holds.
const until = (page, condition) => page.evaluate(async (source) => {
  const test = new Function(`return (${source})()`);
  while (!(await test())) await new Promise((resolve) => setTimeout(resolve, 20));
}, condition.toString());

test('a new deploy waits until no page of the old one is open, then replaces its cache', async (t) => {
  const host = await hostOfCopy();
  t.after(() => host.close());
  const page = await open(browser(), '/', { base: host.url });
  await controlled(page);
  const [first] = await cacheNames(page);
  host.deploy({ version: 'a11ed0ffcafe0002' });
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await until(page, () => navigator.serviceWorker.getRegistration().then((r) => r.waiting !== null));
  // Installed beside the old one; the open page still gets the old files, never a mix.
  assert.deepEqual((await cacheNames(page)).sort(), [first, 'a11ed0ffcafe0002'].sort());
  assert.equal(await styleServed(page), false);
  assert.deepEqual(page.problems, []);
  const context = page.context();
  await page.close();
  const next = await context.newPage();
  await next.goto(host.url + '/');
  await until(next, () => caches.keys().then((k) => k.length === 1));
  assert.deepEqual(await cacheNames(next), ['a11ed0ffcafe0002'], 'the old cache is gone');
  await controlled(next);
  assert.equal(await styleServed(next), true);
  await context.close();
});

test('a deploy whose files do not match their hashes is refused: the old version stays whole', async (t) => {
  const host = await hostOfCopy();
  t.after(() => host.close());
  const page = await open(browser(), '/', { base: host.url });
  await controlled(page);
  const before = await cacheNames(page);
  // The worker of a new version, but the stylesheet the host serves is not the one it lists.
  host.deploy({ version: 'a11ed0ffcafe0003', hash: '0'.repeat(40) });
  const state = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration.update();
    const worker = registration.installing ?? registration.waiting;
    if (!worker) return 'no new worker';
    await new Promise((resolve) => {
      const settled = () => worker.state !== 'installing' && resolve();
      worker.addEventListener('statechange', settled);
      settled();
    });
    return worker.state;
  });
  assert.equal(state, 'redundant', 'the new worker was refused');
  assert.deepEqual(await cacheNames(page), before);
  assert.equal(await styleServed(page), false);
  await page.context().close();
});

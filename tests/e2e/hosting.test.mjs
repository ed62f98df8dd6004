// A blogger hosts dist/ on one site and embeds a demo in a post on another: the post's
// <div data-descent> loads descent.js from the first. With the host sending
// Access-Control-Allow-Origin the demo mounts; without it, the author's fallback content stays
// and one visible line says why, with nothing on the console but the browser's CORS message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { open, statusMatches, DIST } from './helpers.mjs';
import { browserForFile, clean } from './suite.mjs';

const browser = browserForFile();
/// dist/ served without CORS headers, as a host that was never configured for it.
const NO_CORS = process.env.DIST_NO_CORS_URL;

/// The blog: a post at /post.html?from=URL embeds a demo from the dist/ site at URL. It is
/// another origin than either dist/ server (another port).
let blog;
before(async () => {
  blog = createServer((request, response) => {
    const from = new URL(request.url, 'http://blog').searchParams.get('from') ?? '';
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A post</title>
<link rel="icon" href="data:,">
<script src="${from}/www/descent.js" defer></script></head>
<body><main><h1>A post</h1>
<div data-descent id="demo" data-preset="notch" data-lr="0.5">
  <a class="fallback" href="${from}/#preset=notch&amp;lr=0.5">Open the gradient-descent demo</a>
</div>
<p>The text goes on.</p></main></body></html>`;
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise((resolve) => blog.listen(0, '127.0.0.1', resolve));
});
after(() => blog?.close());
const post = (from) => ({ base: `http://127.0.0.1:${blog.address().port}`, path: `/post.html?from=${encodeURIComponent(from)}` });

test('with CORS, the embed from another site mounts, and registers no worker on the blog', async () => {
  const { base, path } = post(DIST);
  const page = await open(browser(), path, { base });
  await statusMatches(page, /^step \d+ of/);
  assert.equal(await page.locator('#demo .fallback').count(), 0, 'the fallback made way for the demo');
  assert.equal(await page.locator('.descent-load-failed').count(), 0);
  await page.waitForFunction(() => document.readyState === 'complete');
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  await clean(page);
});

test('without CORS, the fallback stays and one line says why', { skip: !NO_CORS && 'DIST_NO_CORS_URL is not set' }, async () => {
  const { base, path } = post(NO_CORS);
  const page = await open(browser(), path, { base, mounted: false });
  const line = page.locator('#demo .descent-load-failed');
  await line.waitFor();
  assert.match(
    await line.textContent(),
    /^The demo could not load its module from http:\/\/127\.0\.0\.1:\d+\/www\/pkg\/descent\.js: its host does not let other sites use its files \(it sends no Access-Control-Allow-Origin header\)\.$/,
  );
  assert.equal(await line.getAttribute('role'), 'alert');
  assert.ok(await line.isVisible());
  assert.ok(await page.locator('#demo .fallback').isVisible(), 'the fallback link stays');
  assert.equal(await page.locator('.descent-load-failed').count(), 1, 'one line');
  assert.equal(await page.locator('[data-descent-mounted]').count(), 0);
  // Only the browser's own report of the blocked requests: no uncaught error.
  const blocked = new RegExp(`blocked by CORS policy|net::ERR_FAILED|^request failed: ${NO_CORS}/`);
  assert.deepEqual(page.problems.filter((p) => !blocked.test(p)), []);
  assert.ok(page.problems.some((p) => /blocked by CORS policy/.test(p)), 'the console names CORS');
  await page.context().close();
});

test('a module the host cannot find: the fallback stays and the line names the file and the answer', async () => {
  const { base, path } = post(DIST);
  const page = await open(browser(), path, {
    base,
    mounted: false,
    prepare: (context) => context.route('**/www/pkg/descent_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not found' })),
  });
  const line = page.locator('#demo .descent-load-failed');
  await line.waitFor();
  assert.match(await line.textContent(), /^The demo could not load its module from http:\/\/127\.0\.0\.1:\d+\/www\/pkg\/descent_bg\.wasm: the host answered 404/);
  assert.ok(await page.locator('#demo .fallback').isVisible());
  assert.equal(await page.locator('[data-descent-mounted]').count(), 0);
  // The 404s themselves, and nothing else.
  assert.deepEqual(page.problems.filter((p) => !/404/.test(p)), []);
  await page.context().close();
});

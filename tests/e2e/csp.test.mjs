// The built dist/ site, served under the strict Content-Security-Policy
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';
//   img-src 'self' data: blob:
// works on every page with no violation: no inline script, no inline style, no eval.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, DIST, statusMatches } from './helpers.mjs';
import { browserForFile } from './suite.mjs';

const browser = browserForFile();

async function strict(page) {
  const policy = await page.evaluate(async () =>
    (await fetch(location.href)).headers.get('content-security-policy'));
  assert.match(policy ?? '', /script-src 'self' 'wasm-unsafe-eval'/, 'the page is served with the policy');
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violations');
  assert.deepEqual(page.problems, [], 'no console errors or failed requests');
  await page.context().close();
}

test('the full demo works under the strict policy: sliders, play, lessons, typing, exports', async () => {
  const page = await open(browser(), '/#preset=local', { base: DIST });
  const box = await page.locator('.descent-field-lr .descent-slider').boundingBox();
  await page.mouse.click(box.x + box.width * 0.7, box.y + box.height / 2);
  await page.click('.descent-reset');
  await page.click('.descent-play');
  await statusMatches(page, /^step [1-9]/);
  await page.selectOption('.descent-field-lesson select', 'notch');
  await page.locator('.descent-caption').waitFor();
  await page.fill('.descent-field-f input', 'x^4 - 2*x^2');
  await page.press('.descent-field-f input', 'Enter');
  await page.waitForFunction(() => document.querySelector('.descent-formula').textContent === 'f(x) = x⁴ − 2x²');
  await Promise.all([page.waitForEvent('download'), page.click('.descent-png')]);
  await Promise.all([page.waitForEvent('download'), page.click('.descent-csv')]);
  await page.click('.descent-embed');
  await page.click('.descent-trace summary');
  await page.waitForSelector('.descent-table tbody tr');
  await strict(page);
});

test('the blog page and the iframe page work under the strict policy', async () => {
  for (const path of ['/examples/blog.html', '/www/embed.html#lesson=momentum&controls=momentum']) {
    const page = await open(browser(), path, { base: DIST });
    await statusMatches(page, /^step \d+ of/);
    await strict(page);
  }
});

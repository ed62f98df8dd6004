// The demo page, served by `cargo xtask serve`, driven in headless Chromium with real input
// events. Every test also checks that the session logged no console error and no failed request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { CLI, open, pixels, settle, statusMatches } from './helpers.mjs';
import { browserForFile, clean } from './suite.mjs';

const browser = browserForFile();

const status = (page) => page.textContent('.descent-status');

test('the page draws a curve through the wasm module, with a favicon and no errors', async () => {
  const page = await open(browser());
  await settle(page);
  const base = await pixels(page, '.descent-base');
  assert.ok(base.ink > 10000, 'the curve and axes are on the canvas');
  assert.equal(await page.textContent('.descent-formula'), 'f(x) = x²');
  const icon = await page.evaluate(async () => (await fetch(document.querySelector('link[rel=icon]').href)).status);
  assert.equal(icon, 200);
  await clean(page);
});

test('dragging the learning-rate slider with the mouse changes the picture while dragging', async () => {
  const page = await open(browser());
  await settle(page);
  const before = await pixels(page);
  const box = await page.locator('.descent-field-lr .descent-slider').boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.66, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, y, { steps: 4 });
  const during = await pixels(page);
  assert.notEqual(during.hash, before.hash, 'redrawn on input, before the mouse is released');
  await page.mouse.move(box.x + box.width * 0.82, y, { steps: 4 });
  await page.mouse.up();
  const value = Number(await page.inputValue('.descent-field-lr .descent-number'));
  assert.ok(value > 0.2, `the learning rate went up (${value})`);
  assert.match(await status(page), new RegExp(`η = ${value}`));
  await clean(page);
});

test('each preset draws a different picture', async () => {
  const page = await open(browser(), '/', { reducedMotion: 'reduce' });
  const names = await page.$$eval('.descent-field-preset option', (os) => os.filter((o) => !o.hidden).map((o) => o.value));
  assert.ok(names.length >= 6, names.join());
  const seen = new Set();
  for (const name of names) {
    await page.selectOption('.descent-field-preset select', name);
    await page.waitForTimeout(100);
    const p = await pixels(page, '.descent-base');
    assert.ok(!seen.has(p.hash), `${name} looks like another preset`);
    seen.add(p.hash);
  }
  await clean(page);
});

test('a bad function shows an alert and keeps the last curve; a good one replaces it', async () => {
  const page = await open(browser(), '/', { reducedMotion: 'reduce' });
  const box = page.locator('.descent-field-f input');
  const curve = await pixels(page, '.descent-base');
  await box.fill('x^2 + (3*x');
  await box.press('Enter');
  const alert = page.locator('.descent-alert');
  await alert.waitFor({ state: 'visible' });
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.match(await alert.textContent(), /missing '\)' at position 7/);
  assert.equal((await pixels(page, '.descent-base')).hash, curve.hash, 'the last good curve stays');
  await box.fill('sin(2*x) + 0.1*x^2');
  // No Enter: applied after a pause in typing.
  await alert.waitFor({ state: 'hidden' });
  assert.equal(await page.textContent('.descent-formula'), 'f(x) = sin(2x) + 0.1x²');
  assert.notEqual((await pixels(page, '.descent-base')).hash, curve.hash);
  await clean(page);
});

test('playing moves the ball and the status; keys step, step back and reset', async () => {
  const page = await open(browser());
  await settle(page);
  await page.click('.descent-reset');
  await statusMatches(page, /^step 0 of 30 · x = 8 ·/);
  const still = await pixels(page);
  await page.click('.descent-play');
  await statusMatches(page, /^step [1-9]/);
  assert.notEqual((await pixels(page)).hash, still.hash, 'the ball moved');
  await page.click('.descent-play');
  await page.click('.descent-reset');
  await statusMatches(page, /^step 0 of/);
  // The keys work wherever focus is on the page, but not inside a text box.
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  await statusMatches(page, /^step 1 of/);
  await page.keyboard.press('ArrowRight');
  await statusMatches(page, /^step 2 of/);
  await page.keyboard.press('ArrowLeft');
  await statusMatches(page, /^step 1 of/);
  await page.keyboard.press('r');
  await statusMatches(page, /^step 0 of/);
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('.descent-play').textContent === 'Pause');
  await page.keyboard.press('Space');
  await page.focus('.descent-field-f input');
  await page.keyboard.press('r');
  assert.equal(await page.inputValue('.descent-field-f input'), 'x^2r', 'typing is not a shortcut');
  await clean(page);
});

test('the ball runs off and the page says why', async () => {
  const page = await open(browser(), '/', { reducedMotion: 'reduce' });
  await page.selectOption('.descent-field-preset select', 'post-quadratic');
  await page.fill('.descent-field-lr .descent-number', '1.06');
  await page.fill('.descent-field-steps input', '100');
  await page.waitForFunction(() => /diverged at step \d+/.test(document.querySelector('.descent-reason').textContent));
  assert.match(await page.textContent('.descent-reason'), /η·f″ = 2\.12 > 2/);
  await clean(page);
});

test('clicking on the plot sets the start', async () => {
  const page = await open(browser(), '/', { reducedMotion: 'reduce' });
  const plot = await page.locator('.descent-overlay').boundingBox();
  await page.mouse.click(plot.x + plot.width * 0.3, plot.y + plot.height * 0.5);
  const x0 = Number(await page.inputValue('.descent-field-x0 .descent-number'));
  assert.ok(x0 < 0 && x0 > -8, `x0 = ${x0}`);
  await clean(page);
});

test('the trace table and its CSV show the numbers the CLI prints', async () => {
  const page = await open(browser(), '/', { reducedMotion: 'reduce' });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('.descent-trace summary');
  await page.waitForSelector('.descent-table tbody tr');
  const rows = await page.$$eval('.descent-table tbody tr', (trs) => trs.length);
  assert.equal(rows, 31);
  await page.click('.descent-copy');
  await page.locator('.descent-copy-note', { hasText: 'Copied' }).waitFor();
  const csv = await page.evaluate(() => navigator.clipboard.readText());
  const expected = execFileSync(CLI, ['trace', '--preset', 'quadratic', '--format', 'csv'], { encoding: 'utf8' });
  assert.equal(csv, expected);
  await clean(page);
});

test('the phone layout puts the controls under the plot, with touch-sized targets', async () => {
  const page = await open(browser(), '/', { viewport: { width: 390, height: 844 }, hasTouch: true });
  const plot = await page.locator('.descent-plot').boundingBox();
  const panel = await page.locator('.descent-panel').boundingBox();
  assert.ok(panel.y > plot.y + plot.height, 'controls below the plot');
  // A check box is touched through its label, which must be large enough.
  const small = await page.$$eval('.descent button, .descent select, .descent input, .descent summary', (els) =>
    els
      .filter((e) => e.offsetParent !== null)
      .map((e) => (e.type === 'checkbox' ? e.labels[0] : e))
      .filter((e) => e.getBoundingClientRect().height < 44)
      .map((e) => e.className || e.tagName));
  assert.deepEqual(small, []);
  await clean(page);
});

test('a schedule shapes the learning rate: its controls appear when they matter, and its chart follows', async () => {
  const page = await open(browser(), '/', { reducedMotion: 'reduce' });
  const visible = (key) => page.isVisible(`.descent-field-${key}`);
  assert.equal(await visible('stepsize'), false, 'no step size for exponential decay');
  assert.equal(await visible('decay'), true);
  const flat = await pixels(page, '.descent-rate-base');
  assert.ok(flat.ink > 1000, 'the rate chart is drawn');
  await page.selectOption('.descent-field-schedule select', 'step');
  await page.locator('.descent-field-stepsize').waitFor();
  assert.equal(await visible('decay'), true);
  await page.selectOption('.descent-field-schedule select', 'cosine');
  await page.locator('.descent-field-decay').waitFor({ state: 'hidden' });
  assert.equal(await visible('stepsize'), false);
  // Cosine annealing: the rate falls to 0 over the budget, so its line reaches the bottom.
  await page.waitForFunction(() => /η = 0(\s|$)/.test(document.querySelector('.descent-status').textContent));
  const cosine = await pixels(page, '.descent-rate-overlay');
  await page.fill('.descent-field-warmup input', '10');
  await page.waitForFunction(() => location.hash.includes('warmup=10') && location.hash.includes('schedule=cosine'));
  assert.notEqual((await pixels(page, '.descent-rate-overlay')).hash, cosine.hash, 'the warmup shows');
  assert.equal(await page.getAttribute('.descent-rate', 'role'), 'img');
  await clean(page);
});

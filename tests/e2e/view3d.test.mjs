// The 3-D view: the 2-D | 3-D switch redraws the plot as a surface, a drag turns it and the
// link gains the angles, a click puts the ball where it lands, Shift and the arrows turn it
// from the keyboard, Reset view goes back, a log-scaled axis says so, and the presenter and
// phone layouts hold. Every test also checks for console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, pixels } from './helpers.mjs';
import { browserForFile, clean } from './suite.mjs';

const browser = browserForFile();

/// The link's value of `key`, or null.
const linked = (page, key) => page.evaluate((k) => new URLSearchParams(location.hash.slice(1)).get(k), key);

/// Waits until the static layer's pixels differ from `before`, and returns them.
async function changed(page, before, selector = '.descent-base') {
  for (;;) {
    const now = await pixels(page, selector);
    if (now.hash !== before.hash) return now;
    await page.waitForTimeout(20);
  }
}

/// The centre of the plot, in page pixels.
async function centre(page) {
  const box = await page.locator('.descent-overlay').boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, box };
}

test('the switch draws a surface in 3-D, and back', async () => {
  const page = await open(browser(), '/#preset=himmelblau', { reducedMotion: 'reduce' });
  assert.ok(await page.isVisible('.descent-field-view'), 'the switch shows for f(x, y)');
  assert.ok(!(await page.isVisible('.descent-view-reset')), 'no Reset view on the map');
  const map = await pixels(page, '.descent-base');
  const marks = await pixels(page, '.descent-overlay');
  await page.selectOption('.descent-field-view select', '3d');
  const surface = await changed(page, map);
  await changed(page, marks, '.descent-overlay');
  await page.waitForFunction(() => location.hash.includes('view=3d'));
  assert.ok(await page.isVisible('.descent-view-reset'));
  const label = await page.getAttribute('.descent-overlay', 'aria-label');
  assert.match(label, /^3-D surface of f\(x, y\) = .*, seen from yaw −60° and pitch 30°, with the ball at \(x, y\) = .*, where f\(x, y\) = /);
  // The axes are named, and the height axis is f's.
  const ticks = await page.$$eval('.descent-plot .descent-tick', (s) => s.filter((e) => e.offsetParent).map((e) => e.textContent));
  for (const name of ['x', 'y', 'f(x, y)']) assert.ok(ticks.includes(name), `${name} in ${ticks}`);
  // The loss chart, the status and the controls are as they were.
  assert.match(await page.textContent('.descent-status'), /^step \d+ of \d+ · \(x, y\) = /);
  await page.selectOption('.descent-field-view select', '2d');
  const back = await changed(page, surface);
  assert.equal(back.hash, map.hash, 'the same map again');
  // One variable: no switch.
  await page.selectOption('.descent-field-preset select', 'quadratic');
  await page.locator('.descent-field-view').waitFor({ state: 'hidden' });
  await clean(page);
});

test('a drag turns the view, and the link gains yaw and pitch', async () => {
  const page = await open(browser(), '/#preset=bowl&view=3d', { reducedMotion: 'reduce' });
  const before = await pixels(page, '.descent-base');
  const x0 = await page.inputValue('.descent-field-x0 .descent-number');
  const { x, y } = await centre(page);
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let k = 1; k <= 10; k++) await page.mouse.move(x + 6 * k, y + 2 * k);
  await page.mouse.up();
  await page.waitForFunction(() => location.hash.includes('yaw=') && location.hash.includes('pitch='));
  // 60 px right and 20 down at half a degree per pixel.
  assert.equal(await linked(page, 'yaw'), '-90');
  assert.equal(await linked(page, 'pitch'), '40');
  await changed(page, before);
  assert.match(await page.getAttribute('.descent-overlay', 'aria-label'), /seen from yaw −90° and pitch 40°/);
  assert.equal(await page.inputValue('.descent-field-x0 .descent-number'), x0, 'a drag does not move the start');
  // Reloaded from the link: the same picture.
  const turned = await pixels(page, '.descent-base');
  const url = page.url();
  const again = await open(browser(), url.slice(url.indexOf('/#')), { reducedMotion: 'reduce' });
  assert.equal((await pixels(again, '.descent-base')).hash, turned.hash);
  await clean(again);
  // Reset view: the first angle, and the link forgets the angles.
  await page.click('.descent-view-reset');
  await page.waitForFunction(() => !location.hash.includes('yaw='));
  assert.equal((await changed(page, turned)).hash, before.hash);
  await clean(page);
});

test('a click on the surface puts the ball where it lands', async () => {
  const page = await open(browser(), '/#preset=bowl&view=3d&pitch=60', { reducedMotion: 'reduce' });
  const { box } = await centre(page);
  // A point on the bowl's near slope, away from the old start.
  const at = { x: box.x + box.width * 0.45, y: box.y + box.height * 0.62 };
  await page.mouse.click(at.x, at.y);
  await page.waitForFunction(() => location.hash.includes('x0=') && location.hash.includes('y0='));
  assert.equal(await linked(page, 'yaw'), null, 'a click does not turn');
  // Back to the start: the ball is drawn under the pointer.
  await page.click('.descent-reset');
  await page.waitForFunction(() => /^step 0 of/.test(document.querySelector('.descent-status').textContent));
  const ball = await page.evaluate(([px, py]) => {
    const c = document.querySelector('.descent-overlay');
    const r = c.getBoundingClientRect();
    const s = c.width / r.width;
    const ctx = c.getContext('2d');
    const size = Math.round(24 * s);
    const data = ctx.getImageData(Math.round((px - r.left) * s) - size / 2, Math.round((py - r.top) * s) - size / 2, size, size).data;
    // The path's and ball's orange.
    let n = 0;
    for (let k = 0; k < data.length; k += 4) if (data[k + 3] > 200 && Math.abs(data[k] - 213) < 30 && Math.abs(data[k + 1] - 94) < 30 && data[k + 2] < 60) n++;
    return n;
  }, [at.x, at.y]);
  assert.ok(ball > 50, `the ball is under the click (${ball} orange pixels within 12 px)`);
  await clean(page);
});

test('Shift and the arrow keys turn the view when the plot has the focus; plain arrows still step', async () => {
  const page = await open(browser(), '/#preset=himmelblau&view=3d', { reducedMotion: 'reduce' });
  await page.focus('.descent-overlay');
  await page.keyboard.press('Shift+ArrowRight');
  await page.waitForFunction(() => location.hash.includes('yaw=-70'));
  await page.keyboard.press('Shift+ArrowUp');
  await page.waitForFunction(() => location.hash.includes('pitch=35'));
  await page.keyboard.press('r');
  await page.waitForFunction(() => /^step 0 of/.test(document.querySelector('.descent-status').textContent));
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /^step 1 of/.test(document.querySelector('.descent-status').textContent));
  assert.equal(await linked(page, 'yaw'), '-70', 'a plain arrow steps, it does not turn');
  await clean(page);
});

test('a basins map is painted on the surface', async () => {
  const page = await open(browser(), '/#preset=wells&view=3d', { reducedMotion: 'reduce' });
  const plain = await pixels(page, '.descent-base');
  await page.selectOption('.descent-field-map select', 'basins');
  await page.waitForFunction(() => document.querySelector('.descent-map')?.getAttribute('aria-busy') === 'false', null, { timeout: 60000 });
  const painted = await changed(page, plain);
  // Back to no map: the surface's own colours again.
  await page.selectOption('.descent-field-map select', 'none');
  assert.equal((await changed(page, painted)).hash, plain.hash);
  await clean(page);
});

test('Rosenbrock is drawn on a log-scaled height axis, labelled so', async () => {
  const page = await open(browser(), '/#preset=rosenbrock&view=3d', { reducedMotion: 'reduce' });
  const ticks = await page.$$eval('.descent-plot .descent-tick', (s) => s.filter((e) => e.offsetParent).map((e) => e.textContent));
  assert.ok(ticks.includes('f(x, y), log scale'), ticks.join(' '));
  await clean(page);
});

test('the 3-D view works in presenter mode and on a phone, where a tap sets the start', async () => {
  const wide = await open(browser(), '/#preset=wells&view=3d&race=gd,momentum,adam&presenter=1', { reducedMotion: 'reduce' });
  const fits = await wide.evaluate(() => document.documentElement.scrollWidth <= innerWidth);
  assert.ok(fits, 'no sideways scrolling');
  assert.ok((await pixels(wide, '.descent-base')).ink > 1000);
  await clean(wide);
  const page = await open(browser(), '/#preset=wells&view=3d&pitch=70', {
    viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, reducedMotion: 'reduce',
  });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling');
  assert.equal(await page.$eval('.descent-overlay', (e) => getComputedStyle(e).touchAction), 'none', 'a finger turns the view, not the page');
  const before = await pixels(page, '.descent-overlay');
  const { x, y } = await centre(page);
  await page.touchscreen.tap(x + 20, y + 10);
  await page.waitForFunction(() => location.hash.includes('x0='));
  await changed(page, before, '.descent-overlay');
  await clean(page);
});

// Maps in the browser: each map changes the pixels, a click sets the start or the rate, a slider
// still answers while a 2-D map computes, and awkward functions draw without an error. (That
// the browser computes the command line's numbers to the bit is checked by tests/web.rs.) No
// test may log a console error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, pixels } from './helpers.mjs';
import { browserForFile, clean } from './suite.mjs';

const browser = browserForFile();
const still = { reducedMotion: 'reduce' };

/// Waits until the map's box says its map is done.
async function mapDone(page) {
  await page.waitForFunction(() => {
    const box = document.querySelector('.descent-map');
    return box && !box.hidden && box.getAttribute('aria-busy') === 'false';
  }, null, { timeout: 60000 });
}

/// Chooses map `value` in the Map menu, and waits until the map's box shows it.
async function chooseMap(page, value) {
  const title = { basins: 'Basins', sweep: 'Learning rate', phase: 'Momentum' }[value];
  await page.selectOption('.descent-field-map select', value);
  await page.waitForFunction((t) => document.querySelector('.descent-map-title')?.textContent.startsWith(t), title);
}

/// Waits until the pixels of `selector` differ from `hash`.
async function changes(page, selector, hash) {
  for (let k = 0; (await pixels(page, selector)).hash === hash; k++) {
    assert.ok(k < 100, `${selector} never changed`);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
}

test('each map changes the pixels, and its key names what the runs reach', async () => {
  const page = await open(browser(), '/#preset=local&steps=500', still);
  assert.equal(await page.isHidden('.descent-map'), true, 'no map until one is chosen');
  const plain = await pixels(page, '.descent-base');
  await chooseMap(page, 'basins');
  await mapDone(page);
  // The global minimum's colour (blue, paled by the steps its runs took, 55% over white)
  // fills the band under the curve.
  const band = { band: [200, 213, 227] };
  const basins = await pixels(page, '.descent-base', 0, band);
  assert.notEqual(basins.hash, plain.hash, 'the band of basins is drawn under the curve');
  assert.ok(basins.near.band > 2000, `the band: ${basins.near.band} pixels`);
  const key = await page.textContent('.descent-map-key');
  assert.match(key, /x\* = −1\.301, f = −3\.5139/);
  assert.match(key, /x\* = 1\.131, f = −1\.0702/);
  assert.equal(await page.isHidden('.descent-map-chart'), true, 'basins are drawn on the plot');
  await page.waitForFunction(() => /map=basins/.test(location.hash));

  await chooseMap(page, 'sweep');
  await mapDone(page);
  assert.equal(await page.isVisible('.descent-map-chart'), true);
  const sweep = await pixels(page, '.descent-map-base');
  assert.ok(sweep.ink > 1000, 'the sweep is drawn');
  const after = (await pixels(page, '.descent-base', 0, band)).near.band;
  assert.ok(after * 10 < basins.near.band, `the band is gone: ${after} pixels of its colour left`);
  assert.match(await page.textContent('.descent-map-title'), /^Learning rate/);

  await chooseMap(page, 'phase');
  assert.equal(await page.inputValue('.descent-field-method select'), 'momentum', 'the momentum map picks momentum');
  await mapDone(page);
  const phase = await pixels(page, '.descent-map-base');
  assert.notEqual(phase.hash, sweep.hash);
  await page.fill('.descent-field-momentum input:not([type=range])', '0.5');
  await changes(page, '.descent-map-base', phase.hash);

  // A function of two variables: basins over the plane, the contours on top.
  const plane = await open(browser(), '/#preset=himmelblau&steps=300', still);
  const field = await pixels(plane, '.descent-base');
  await chooseMap(plane, 'basins');
  await mapDone(plane);
  assert.notEqual((await pixels(plane, '.descent-base')).hash, field.hash);
  assert.equal((await plane.$$('.descent-map-key li')).length, 4, 'Himmelblau\'s four minima');
  await clean(plane);
  await clean(page);
});

test('a click on the plot sets the start; on a map\'s chart, the rate (and the momentum)', async () => {
  const page = await open(browser(), '/#preset=post-quadratic&map=sweep&lr=0.2', still);
  await mapDone(page);
  const chart = await page.locator('.descent-map-overlay').boundingBox();
  // Far right is the largest rate: a click there sets a rate well above 0.2.
  await page.mouse.click(chart.x + chart.width * 0.85, chart.y + chart.height / 2);
  await page.waitForFunction(() => Number(document.querySelector('.descent-field-lr input:not([type=range])').value) > 0.5);
  await page.waitForFunction(() => /lr=/.test(location.hash) && !/lr=0\.2(&|$)/.test(location.hash));
  // Basins: a click on the plot moves the start there.
  await chooseMap(page, 'basins');
  await mapDone(page);
  const x0 = await page.inputValue('.descent-field-x0 input:not([type=range])');
  const plot = await page.locator('.descent-overlay').boundingBox();
  await page.mouse.click(plot.x + plot.width * 0.3, plot.y + plot.height / 2);
  await page.waitForFunction((before) => document.querySelector('.descent-field-x0 input:not([type=range])').value !== before, x0);
  assert.equal(await page.getAttribute('.descent-map', 'aria-busy'), 'false', 'moving the start keeps the map');

  const phase = await open(browser(), '/#preset=local&method=momentum&map=phase&steps=300', still);
  await mapDone(phase);
  const box = await phase.locator('.descent-map-overlay').boundingBox();
  await phase.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.2);
  await phase.waitForFunction(() => Number(document.querySelector('.descent-field-momentum input:not([type=range])').value) > 0.6);
  await clean(phase);
  await clean(page);
});

test('a slider answers while a 2-D map computes, and the map follows it', async () => {
  const page = await open(browser(), '/#preset=himmelblau&steps=300&map=basins', still);
  // While the map is still being computed, the rate changes: the status says so at once, and
  // the map starts again (it depends on the rate).
  await page.waitForFunction(() => document.querySelector('.descent-map').getAttribute('aria-busy') === 'true');
  await page.fill('.descent-field-lr input:not([type=range])', '0.015');
  await page.waitForFunction(() => /η = 0\.015/.test(document.querySelector('.descent-status').textContent));
  assert.equal(await page.getAttribute('.descent-map', 'aria-busy'), 'true', 'answered before the map was done');
  await mapDone(page);
  await page.waitForFunction(() => /lr=0\.015/.test(location.hash));
  await clean(page);
});

test('maps of awkward functions draw without an error and say what happened', async () => {
  const cases = [
    ['f=sqrt(x)%20%2B%20(x%20-%202)%5E2&map=basins&steps=300', /f undefined at the start/],
    ['f=-x%5E2&map=basins', /diverged/],
    ['f=0*x%20%2B%201&map=basins', /and 394 more places where runs end/],
    ['f=(x%5E2%20-%201)%5E2%20%2B%20y%5E2&map=basins&steps=200', /\(x\*, y\*\) = \(−1, 0\).*\(x\*, y\*\) = \(1, 0\)/],
    ['f=x%5E2%20%2B%20y%5E2%20%2B%20z%5E2&map=basins', /one or two variables/],
  ];
  for (const [hash, says] of cases) {
    const page = await open(browser(), `/#${hash}`, still);
    await page.waitForFunction(() => {
      const box = document.querySelector('.descent-map');
      return box && !box.hidden && box.getAttribute('aria-busy') !== 'true';
    });
    const text = await page.textContent('.descent-map');
    assert.match(text, says, hash);
    await clean(page);
  }
});

// Functions of x and y, and races: the contour view sets the start where it is clicked, a race
// draws one path per optimizer that takes part, and a typed f(x, y) with a mistake shows the
// alert while the last good surface stays. Every test also checks for console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { CLI, open, pixels } from './helpers.mjs';
import { browserForFile, clean } from './suite.mjs';

const browser = browserForFile();

/// The light theme's colour of each method (the page's --descent-* custom properties).
const COLOURS = {
  gd: [0xd5, 0x5e, 0x00],
  momentum: [0xb0, 0x78, 0x00],
  nesterov: [0x00, 0x9e, 0x73],
  adagrad: [0xcc, 0x79, 0xa7],
  rmsprop: [0x2b, 0x83, 0xc4],
};

/// How many pixels of the overlay (paths and balls, the faded parts of a path included) have
/// each method's colour.
async function inkByMethod(page) {
  return (await pixels(page, '.descent-overlay', 0, COLOURS)).near;
}

/// The centre of the tick label `text` on the x axis (bottom) or the y axis (left).
async function tick(page, axis, text) {
  const plot = await page.locator('.descent-plot').boundingBox();
  const boxes = await page.$$eval('.descent-plot .descent-tick', (spans) =>
    spans.map((s) => ({ text: s.textContent, box: s.getBoundingClientRect().toJSON() })));
  const found = boxes.find(({ text: t, box }) =>
    t === text && (axis === 'x' ? box.y > plot.y + plot.height * 0.8 : box.x < plot.x + plot.width * 0.1));
  assert.ok(found, `a tick labelled ${text} on the ${axis} axis (${boxes.map((b) => b.text).join(' ')})`);
  return axis === 'x' ? found.box.x + found.box.width / 2 : found.box.y + found.box.height / 2;
}

test('a function of x and y is drawn as a coloured contour map with its own start y0', async () => {
  const page = await open(browser(), '/#preset=himmelblau', { reducedMotion: 'reduce' });
  assert.equal(await page.textContent('.descent-formula'), 'f(x, y) = (x² + y − 11)² + (x + y² − 7)²');
  assert.ok(await page.isVisible('.descent-field-y0'), 'the y0 control shows for f(x, y)');
  assert.equal(await page.textContent('.descent-field-f label'), 'f(x, y) =');
  assert.equal(await page.textContent('.descent-loss-title'), 'f(x, y) at each step');
  // A heatmap fills the plot: nearly every pixel of the static layer inside the axes is
  // coloured, not the page's white.
  const coloured = await page.evaluate(() => {
    const c = document.querySelector('.descent-base');
    const ctx = c.getContext('2d');
    const data = ctx.getImageData(c.width * 0.3, c.height * 0.3, c.width * 0.4, c.height * 0.4).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (!(data[i] > 240 && data[i + 1] > 240 && data[i + 2] > 240)) n++;
    return n / (data.length / 4);
  });
  assert.ok(coloured > 0.95, `the middle of the plot is coloured (${coloured})`);
  // Back to one variable: the y0 control goes away and the curve returns.
  await page.selectOption('.descent-field-preset select', 'quadratic');
  assert.equal(await page.textContent('.descent-formula'), 'f(x) = x²');
  assert.equal(await page.textContent('.descent-loss-title'), 'f(x) at each step');
  assert.ok(!(await page.isVisible('.descent-field-y0')), 'no y0 control for f(x)');
  await clean(page);
});

test('a surface typed over a curve starts off the x axis, so both coordinates move', async () => {
  const page = await open(browser(), '/', { reducedMotion: 'reduce' });
  assert.equal(await page.inputValue('.descent-field-y0 .descent-number'), '0');
  await page.fill('.descent-field-f input', 'x^2 + 3*y^2');
  await page.press('.descent-field-f input', 'Enter');
  await page.waitForFunction(() => document.querySelector('.descent-formula').textContent.startsWith('f(x, y)'));
  assert.equal(await page.inputValue('.descent-field-y0 .descent-number'), '5');
  // The menu of presets says a typed function is showing, not the preset it replaced.
  assert.equal(await page.$eval('.descent-field-preset select', (s) => s.selectedOptions[0].textContent), 'Typed function');
  await page.waitForFunction(() => /y0=5/.test(location.hash));
  // Another surface keeps the start the user chose.
  await page.fill('.descent-field-y0 .descent-number', '-2');
  await page.press('.descent-field-y0 .descent-number', 'Enter');
  await page.fill('.descent-field-f input', 'x^2 + y^2');
  await page.press('.descent-field-f input', 'Enter');
  await page.waitForFunction(() => document.querySelector('.descent-formula').textContent === 'f(x, y) = x² + y²');
  assert.equal(await page.inputValue('.descent-field-y0 .descent-number'), '-2');
  await clean(page);
});

test('clicking the contour map moves the start to the point clicked', async () => {
  const page = await open(browser(), '/#preset=bowl', { reducedMotion: 'reduce' });
  const before = await pixels(page);
  const x = await tick(page, 'x', '2');
  const y = await tick(page, 'y', '−2');
  await page.mouse.click(x, y);
  await page.waitForFunction(() => document.querySelector('.descent-field-x0 .descent-number').value !== '-2.5');
  const x0 = Number(await page.inputValue('.descent-field-x0 .descent-number'));
  const y0 = Number(await page.inputValue('.descent-field-y0 .descent-number'));
  assert.ok(Math.abs(x0 - 2) < 0.1, `x0 = ${x0}, clicked at x = 2`);
  assert.ok(Math.abs(y0 + 2) < 0.1, `y0 = ${y0}, clicked at y = −2`);
  const after = await pixels(page);
  assert.notEqual(after.hash, before.hash, 'the path starts from the new point');
  // The link follows (after a moment's pause).
  await page.waitForFunction(() => /x0=[\d.]+/.test(location.hash) && /y0=-[\d.]+/.test(location.hash));
  await clean(page);
});

test('a race draws one path per optimizer that takes part, and a toggle removes one', async () => {
  // A long valley, where the three take visibly different ways down.
  const valley = 'f=x^2%2B10*y^2&x0=-2.5&y0=1&lr=0.04&xmin=-3&xmax=3&ymin=-1.5&ymax=1.5';
  const page = await open(browser(), `/#${valley}&race=gd,momentum,rmsprop`, { reducedMotion: 'reduce' });
  const legend = () => page.$$eval('.descent-legend-item', (items) => items.map((i) => i.dataset.method));
  assert.deepEqual(await legend(), ['gd', 'momentum', 'rmsprop']);
  let ink = await inkByMethod(page);
  for (const m of ['gd', 'momentum', 'rmsprop']) assert.ok(ink[m] > 150, `a ${m} path is drawn (${JSON.stringify(ink)})`);
  for (const m of ['nesterov', 'adagrad']) assert.ok(ink[m] < 20, `no ${m} path (${JSON.stringify(ink)})`);
  assert.match(await page.textContent('.descent-status'), /leader: (Gradient descent|Momentum|RMSProp) at \(x, y\)/);
  const reason = await page.textContent('.descent-reason');
  for (const name of ['Gradient descent', 'Momentum', 'RMSProp']) assert.match(reason, new RegExp(`${name}: `));
  // Copy CSV copies every method's run, as the command line's --race prints them.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('.descent-trace summary');
  assert.match(await page.textContent('.descent-table caption'), /^Gradient descent's run; Copy CSV copies every method's\./);
  await page.click('.descent-copy');
  await page.locator('.descent-copy-note', { hasText: 'Copied' }).waitFor();
  const csv = await page.evaluate(() => navigator.clipboard.readText());
  const expected = execFileSync(CLI, ['trace', '--f', 'x^2+10*y^2', '--x0', '-2.5', '--y0', '1', '--lr', '0.04',
    '--xmin', '-3', '--xmax', '3', '--ymin', '-1.5', '--ymax', '1.5', '--race', 'gd,momentum,rmsprop', '--format', 'csv'],
  { encoding: 'utf8' });
  assert.equal(csv, expected);
  assert.equal(csv.split('\n')[0], 'method,step,x,y,f,dfdx,dfdy,lr,curv');

  // Momentum leaves the race: its colour goes from the plot, its entry from the legend.
  await page.click('.descent-check-item:has(input[data-value="momentum"])');
  await page.waitForFunction(() => document.querySelectorAll('.descent-legend-item').length === 2);
  assert.deepEqual(await legend(), ['gd', 'rmsprop']);
  ink = await inkByMethod(page);
  assert.ok(ink.momentum < 20, `the momentum path is gone (${JSON.stringify(ink)})`);
  assert.ok(ink.gd > 150 && ink.rmsprop > 150, `the others stay (${JSON.stringify(ink)})`);
  await page.waitForFunction(() => location.hash.includes('race=gd,rmsprop'));
  await clean(page);
});

test('a race works on a curve too: one ball per optimizer', async () => {
  // At step 4 the three balls are in three places.
  const page = await open(browser(), '/#preset=local&race=gd,nesterov,adagrad&at=4', { reducedMotion: 'reduce' });
  const ink = await inkByMethod(page);
  for (const m of ['gd', 'nesterov', 'adagrad']) assert.ok(ink[m] > 50, `${m} is drawn (${JSON.stringify(ink)})`);
  assert.ok(ink.rmsprop < 20, `no rmsprop (${JSON.stringify(ink)})`);
  assert.equal(await page.locator('.descent-legend-item').count(), 3);
  assert.match(await page.textContent('.descent-status'), /leader: (Gradient descent|Nesterov|AdaGrad) at x = /);
  await clean(page);
});

test('a typed f(x, y) with a mistake shows the alert and keeps the last good surface', async () => {
  const page = await open(browser(), '/#preset=bowl', { reducedMotion: 'reduce' });
  const before = await pixels(page, '.descent-base');
  const box = page.locator('.descent-field-f input');
  await box.fill('x^2 + 3*y^');
  await box.press('Enter');
  const alert = page.locator('.descent-alert');
  await alert.waitFor({ state: 'visible' });
  assert.match(await alert.textContent(), /ends too early at position 11: something is missing after '\^'/);
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  assert.equal((await pixels(page, '.descent-base')).hash, before.hash, 'the last good surface stays');
  // Corrected, the new surface is drawn and the alert goes.
  await box.fill('x^2 + 3*y^2');
  await box.press('Enter');
  await alert.waitFor({ state: 'hidden' });
  assert.equal(await page.textContent('.descent-formula'), 'f(x, y) = x² + 3y²');
  assert.notEqual((await pixels(page, '.descent-base')).hash, before.hash, 'a new surface');
  await clean(page);
});

test('a function of three variables plots each coordinate against the step, started from a Start box', async () => {
  const page = await open(browser(), '/', { reducedMotion: 'reduce' });
  const f = 'x^2 - 2*x + y^2 + z^2 + z*y';
  await page.fill('.descent-field-f input', f);
  await page.press('.descent-field-f input', 'Enter');
  await page.waitForFunction(() => document.querySelector('.descent-formula').textContent.startsWith('f(x, y, z) = '));
  // The sliders of a curve's start give way to one box with a number per variable.
  await page.locator('.descent-field-start').waitFor();
  assert.equal(await page.isVisible('.descent-field-x0'), false);
  assert.equal(await page.isVisible('.descent-field-y0'), false);
  const before = await pixels(page);
  await page.fill('.descent-field-start input', '2, -5, 7');
  await page.press('.descent-field-start input', 'Enter');
  await page.waitForFunction(() => location.hash.includes('start=2,-5,7') && !/x0=/.test(location.hash));
  // Reduced motion: the ball is shown at the end of its run at once.
  await page.waitForFunction(() => document.querySelector('.descent-status').textContent.includes('step 30 of 30 · (x, y, z) = (1.0012, −0.2543, 0.2544)'));
  const after = await pixels(page);
  assert.notEqual(after.hash, before.hash, 'the coordinates start elsewhere');
  // A start with the wrong count is refused, naming the count; the last good start stays.
  await page.fill('.descent-field-start input', '1, 2');
  await page.press('.descent-field-start input', 'Enter');
  await page.locator('.descent-error', { hasText: 'Start needs 3 numbers, one per variable (x, y, z); got 2' }).waitFor();
  assert.ok((await page.evaluate(() => location.hash)).includes('start=2,-5,7'));
  assert.equal((await pixels(page)).hash, after.hash);
  // Copy CSV gives what the command line prints for the same run.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.fill('.descent-field-start input', '2, -5, 7');
  await page.press('.descent-field-start input', 'Enter');
  await page.click('.descent-trace summary');
  await page.waitForSelector('.descent-table tbody tr');
  const heads = await page.$$eval('.descent-table thead th', (ths) => ths.map((th) => th.textContent));
  assert.ok(heads.includes('z'), heads.join(' '));
  await page.click('.descent-copy');
  await page.locator('.descent-copy-note', { hasText: 'Copied' }).waitFor();
  const csv = await page.evaluate(() => navigator.clipboard.readText());
  const cli = execFileSync(CLI, ['trace', '--f', f, '--start', '2,-5,7', '--lr', '0.1', '--format', 'csv'], { encoding: 'utf8' });
  assert.equal(csv, cli);
  assert.ok(csv.startsWith('step,x,y,z,f,dfdx,dfdy,dfdz,lr\n0,2,-5,7,39,2,-3,9,0.1\n'), csv.slice(0, 80));
  await clean(page);
});

test('a link opens a race in nine variables, each coordinate a labelled line', async () => {
  const f = encodeURIComponent('(x1-1)^2 + (x2-2)^2 + (x3-3)^2 + (x4-4)^2 + (x5-5)^2 + (x6-6)^2 + (x7-7)^2 + (x8-8)^2 + (x9-9)^2');
  const page = await open(browser(), `/#f=${f}&start=0,0,0,0,0,0,0,0,0&lr=0.1&race=gd,adam&at=10`, { reducedMotion: 'reduce' });
  await page.waitForFunction(() => document.querySelector('.descent-formula').textContent.startsWith('f(x1, …, x9) = '));
  assert.equal(await page.inputValue('.descent-field-start input'), '0,0,0,0,0,0,0,0,0');
  const legend = await page.$$eval('.descent-legend li', (lis) => lis.map((li) => li.textContent));
  assert.equal(legend.length, 2, legend.join(' | '));
  const marks = await pixels(page, '.descent-overlay');
  assert.ok(marks.ink > 2000, 'the lines are drawn');
  await clean(page);
});

// Explain mode and challenges in the browser: the This step panel against the trace table, the
// arrows, the gauge, the Step scrubber, the read-out under the pointer, a challenge link, and
// an accessibility audit (axe-core) in both themes. No test may log a console error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { open, pixels, statusMatches } from './helpers.mjs';
import { browserForFile, clean } from './suite.mjs';

const browser = browserForFile();
const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const still = { reducedMotion: 'reduce' };
const lines = (page) => page.textContent('.descent-explain-lines');

/// Moves the Step scrubber to step `k` as a person would (its input event), and waits for the
/// status to say so.
async function seek(page, k) {
  await page.locator('.descent-scrub input').fill(String(k));
  await statusMatches(page, new RegExp(`^step ${k} of `));
}

/// The trace table's rows, as text cells.
async function tableRows(page) {
  await page.click('.descent-trace summary');
  await page.waitForSelector('.descent-table tbody tr');
  return page.$$eval('.descent-table tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
}

test('the panel writes each update with the trace table\'s numbers, for gradient descent, momentum and Adam', async () => {
  for (const method of ['gd', 'momentum', 'adam']) {
    const page = await open(browser(), `/#preset=post-quadratic&explain=1&method=${method}&momentum=0.5`, still);
    const rows = await tableRows(page);
    for (const k of [0, 3, 7]) {
      await seek(page, k);
      const text = await lines(page);
      const last = text.trim().split('\n').at(-1);
      // From the table's x at step k, with its η (and, for gradient descent, its slope), to
      // its x at step k + 1.
      assert.ok(last.endsWith(`= ${rows[k + 1][1]}`), `${method} at ${k}: ${last}`);
      assert.ok(last.includes(`= ${rows[k][1]} − ${rows[k][4]} × `), `${method} at ${k}: ${last}`);
      if (method === 'gd') assert.ok(last.includes(rows[k][3]), last);
      if (method === 'adam') assert.match(text, /m̂/);
    }
    assert.equal(await page.textContent('.descent-explain-title'), 'This step');
    await clean(page);
  }
});

test('the arrows appear and vanish with Explain', async () => {
  const page = await open(browser(), '/#preset=bowl&method=momentum&momentum=0.8&at=3', still);
  const off = await pixels(page);
  await page.check('.descent-field-explain input');
  await page.waitForSelector('.descent-explain:not([hidden])');
  const on = await pixels(page);
  assert.notEqual(on.hash, off.hash, 'the arrows are drawn');
  await page.waitForFunction(() => location.hash.includes('explain=1'));
  await page.uncheck('.descent-field-explain input');
  await page.waitForSelector('.descent-explain[hidden]', { state: 'attached' });
  assert.equal((await pixels(page)).hash, off.hash, 'and go again');
  await clean(page);
});

test('the gauge says 2.12 at η = 1.06 on the post\'s parabola, in the warning colour', async () => {
  const page = await open(browser(), '/#preset=post-quadratic&lr=1.06&explain=1&at=2', still);
  const words = page.locator('.descent-gauge-words');
  assert.equal(await words.textContent(), 'Steps overshoot where η·f″ > 2; here it is 2.12.');
  assert.ok(await words.evaluate((el) => el.classList.contains('descent-warn')));
  assert.equal(await page.getAttribute('.descent-gauge', 'value'), '2.12');
  await clean(page);
});

test('the Step scrubber moves the ball, the status and the link', async () => {
  const page = await open(browser(), '/#steps=40', still);
  const before = await pixels(page);
  await seek(page, 17);
  assert.notEqual((await pixels(page)).hash, before.hash, 'the ball moved');
  await page.waitForFunction(() => location.hash.includes('at=17'));
  await seek(page, 2);
  assert.equal(await page.getAttribute('.descent-scrub input', 'aria-valuetext'), 'step 2 of 40');
  await clean(page);
});

test('a read-out says what lies under the pointer on the loss chart and on the curve', async () => {
  const page = await open(browser(), '/', still);
  const loss = await page.locator('.descent-loss-overlay').boundingBox();
  await page.mouse.move(loss.x + loss.width * 0.5, loss.y + loss.height * 0.5);
  await page.waitForFunction(() => /^step \d+ · f = /.test(document.querySelector('.descent-readout').textContent));
  // Said politely by its spoken twin (not at every pixel), never taking the focus.
  await page.waitForFunction(() => /^step \d+ · f = /.test(document.querySelector('.descent-said').textContent));
  assert.equal(await page.getAttribute('.descent-said', 'aria-live'), 'polite');
  const plot = await page.locator('.descent-overlay').boundingBox();
  await page.mouse.move(plot.x + plot.width * 0.6, plot.y + plot.height * 0.5);
  await page.waitForFunction(() => /^x = .* · f\(x\) = .* · f′\(x\) = /.test(document.querySelector('.descent-readout').textContent));
  const focused = await page.evaluate(() => document.activeElement === document.body);
  assert.ok(focused, 'the read-out never takes the focus');
  await clean(page);
});

test('a challenge link states its goal, reports failure, then success after the right change', async () => {
  const page = await open(browser(), '/#lesson=goldilocks', still);
  assert.equal(await page.textContent('.descent-goal'), 'Reach f ≤ −11.99 within 10 steps');
  await statusMatches(page, /^Goal missed: the lowest f within 10 steps was /);
  assert.equal(await page.getAttribute('.descent-reason', 'aria-live'), 'polite', 'the stop reason is said');
  await page.fill('.descent-field-lr .descent-number', '0.5');
  await statusMatches(page, /^Goal reached at step 1 · /);
  await page.waitForFunction(() => location.hash.startsWith('#lesson=goldilocks&lr=0.5'));
  // The menu groups the challenges.
  const group = await page.$$eval('.descent-field-lesson optgroup option', (os) => os.map((o) => o.value));
  assert.deepEqual(group, ['goldilocks', 'over-the-hill', 'into-the-notch']);
  await clean(page);
});

test('hostile goals are refused or clamped with the usual notice, never injected', async () => {
  const page = await open(browser(), '/#goal=%3Cimg%20src=x%3E&within=1e99', still);
  assert.equal(await page.$('.descent-goal img'), null);
  const notice = await page.textContent('.descent-notice');
  assert.match(notice, /Goal must be a number/);
  assert.match(notice, /Within .* is out of range/);
  await clean(page);
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe-core finds no violations with Explain on, in the ${colorScheme} theme`, async () => {
    const page = await open(browser(), '/#preset=bowl&race=gd,momentum,rmsprop&explain=1&goal=0.01&at=4', { ...still, colorScheme });
    await page.evaluate(axe);
    const found = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(found, []);
    // Several demos on one page are told apart: each is a region named for its function.
    assert.equal(await page.getAttribute('[data-descent-mounted]', 'role'), 'region');
    assert.equal(await page.getAttribute('[data-descent-mounted]', 'aria-label'), 'Gradient descent on f(x, y) = x² + y²');
    await clean(page);
  });
}

test('a half-typed function is not an alert until typing stops; the alert is tied to its box', async () => {
  const page = await open(browser(), '/', still);
  const box = page.locator('.descent-field-f input');
  await box.fill('');
  await box.pressSequentially('x^4 - 3*x^', { delay: 50 });
  // Well past the 400 ms a good function waits, and short of the 1.5 s a bad one does.
  await page.waitForTimeout(700);
  assert.equal(await page.isHidden('.descent-alert'), true, 'no alert mid-word');
  await page.locator('h1').click();
  await page.waitForSelector('.descent-alert:not([hidden])');
  const described = await box.getAttribute('aria-describedby');
  assert.equal(await page.getAttribute('.descent-alert', 'id'), described);
  await clean(page);
});

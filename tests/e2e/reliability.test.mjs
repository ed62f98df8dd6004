// Never breaks: hostile values in every box, a panic that the page survives, a million steps
// at the fastest speed with flat memory and steady frames, and 2 000 random user actions.
// All against the built dist/ site under the strict Content-Security-Policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, DIST, statusMatches } from './helpers.mjs';
import { browserForFile, clean as cleanPage } from './suite.mjs';

const browser = browserForFile();

async function clean(page) {
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violations');
  await cleanPage(page);
}

/// Sets an input's value as a person's paste would, bypassing its own filtering, then lets
/// the page see the edit.
const paste = (page, selector, value) =>
  page.evaluate(([sel, v]) => {
    const el = document.querySelector(sel);
    el.value = v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, [selector, value]);

test('hostile values in the boxes are clamped or refused, with a message, never run', async () => {
  const page = await open(browser(), '/', { base: DIST, reducedMotion: 'reduce' });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const error = page.locator('.descent-error');

  await paste(page, '.descent-field-lr .descent-number', '1e308');
  await error.waitFor();
  assert.equal(await error.textContent(), 'Learning rate 1e308 is out of range: using 10');
  assert.equal(await page.inputValue('.descent-field-lr .descent-number'), '10');
  await statusMatches(page, /η = 10$/);

  await paste(page, '.descent-field-x0 .descent-number', '-0');
  await statusMatches(page, /^step \d+ of 30 · x = /);
  assert.equal(await page.inputValue('.descent-field-x0 .descent-number'), '0');

  // Typed key by key: a number box lets through only what can be part of a number.
  const steps = page.locator('.descent-field-steps input');
  for (const v of ['NaN', 'Infinity', '-Infinity']) {
    await steps.fill('');
    await steps.pressSequentially(v);
    await steps.press('Tab');
  }
  assert.match(await page.textContent('.descent-status'), /of 30 /, 'no word got in as a number');
  await steps.fill('');
  await steps.pressSequentially('1e999');
  await error.filter({ hasText: /Steps 1e99+ is out of range: using 1000000/ }).waitFor();
  await statusMatches(page, /of 1000000 /);

  const f = '.descent-field-f input';
  await paste(page, f, 'x+'.repeat(5000) + 'x');
  await page.locator('.descent-alert', { hasText: 'expression too long (10001 characters): the limit is 500' }).waitFor();
  await paste(page, f, '<img src=x onerror=alert(1)><script>alert(2)</script>');
  await page.locator('.descent-alert', { hasText: "unexpected '<' at position 1" }).waitFor();
  await paste(page, f, 'x^1e308 + 1/0');
  await page.locator('.descent-alert').waitFor({ state: 'hidden' });
  assert.match(await page.textContent('.descent-reason'), /not a finite number|budget|converged|diverged/);
  assert.equal(await page.$$eval('.descent img, .descent script', (els) => els.length), 0);
  assert.deepEqual(dialogs, []);
  await clean(page);
});

test('an edge of the view typed past the other is refused with the reason, and dragging still works', async () => {
  // The monkey test once found this: the view's left edge typed far right of its right edge,
  // then a drag on the plot, panicked in a clamp with its bounds reversed.
  const page = await open(browser(), '/#preset=bowl', { base: DIST, reducedMotion: 'reduce' });
  await page.click('.descent-more summary');
  await paste(page, '.descent-field-xmin .descent-number', '1e308');
  await page.locator('.descent-error', { hasText: "The view's left edge (x = 1×10⁹) must be less than its right edge (x = 3)." }).waitFor();
  await paste(page, '.descent-field-ymax .descent-number', '-1e308');
  await page.locator('.descent-error', { hasText: "The view's bottom edge (y = −3) must be less than its top edge (y = −1×10⁹)." }).waitFor();
  // The view did not change: the boxes show its edges again once the edit is over.
  assert.equal(await page.inputValue('.descent-field-xmin .descent-number'), '-3');
  assert.equal(await page.inputValue('.descent-field-ymax .descent-number'), '3');
  const plot = await page.locator('.descent-overlay').boundingBox();
  await page.mouse.move(plot.x + plot.width * 0.6, plot.y + plot.height * 0.4);
  await page.mouse.down();
  await page.mouse.move(plot.x + plot.width * 0.7, plot.y + plot.height * 0.3, { steps: 3 });
  await page.mouse.up();
  await statusMatches(page, /^step \d+ of \d+ · \(x, y\) = \(\d/);
  await clean(page);
});

test('without a clipboard (a page served over plain http), Copy says so and the demo goes on', async () => {
  const page = await open(browser(), '/', { base: DIST, reducedMotion: 'reduce', init: () => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
  } });
  await page.click('.descent-trace summary');
  await page.click('.descent-copy');
  await page.locator('.descent-copy-note', { hasText: 'Copying is not available here' }).waitFor();
  await page.click('.descent-reset');
  await page.click('.descent-step');
  await statusMatches(page, /^step 1 of 30/);
  await clean(page);
});

test('a panic shows a banner whose Reset brings the demo back', async () => {
  const page = await open(browser(), '/#preset=notch&lr=0.3', { base: DIST });
  await page.evaluate(async () => (await import('./www/pkg/descent.js')).panicNextFrame());
  await page.click('.descent-step');
  const banner = page.locator('.descent-stopped');
  await banner.waitFor();
  assert.equal(await banner.getAttribute('role'), 'alert');
  assert.match(await banner.textContent(), /Something went wrong and the demo stopped/);
  // The panic itself is reported on the console, as it should be; nothing else is.
  const others = page.problems.filter((p) => !/panic asked for by the reliability tests|unreachable/.test(p));
  assert.deepEqual(others, []);
  page.problems.length = 0;
  await Promise.all([page.waitForNavigation(), page.click('.descent-restart')]);
  await page.waitForSelector('[data-descent-mounted] .descent-status');
  assert.equal(await page.$$eval('.descent-stopped', (b) => b.length), 0);
  assert.equal(new URL(page.url()).hash, '', 'back to the default settings');
  await page.click('.descent-reset');
  await page.click('.descent-step');
  await statusMatches(page, /^step 1 of 30/);
  await clean(page);
});

test('a million steps at the fastest speed: bounded memory, steady frames', async () => {
  // |x| never flattens and never runs away: the ball bounces around 0 for the whole budget.
  // Each animation frame's work: the page's frame callbacks, timed around (the shipped module
  // has no timings of its own).
  const init = () => {
    window.__frames = [];
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => raf((t) => {
      const start = performance.now();
      try {
        callback(t);
      } finally {
        window.__frames.push(performance.now() - start);
      }
    });
  };
  const page = await open(browser(), '/#f=abs(x)&x0=5&lr=0.3&steps=1000000&speed=100000', { base: DIST, init });
  const sample = () => page.evaluate(async () => {
    const m = await import('./www/pkg/descent.js');
    const exports = await m.default();
    return {
      wasm: exports.memory.buffer.byteLength,
      heap: performance.memory ? performance.memory.usedJSHeapSize : 0,
      step: Number((document.querySelector('.descent-status').textContent.match(/^step (\d+)/) ?? [])[1]),
      frames: window.__frames.splice(0),
    };
  });
  await page.click('.descent-reset');
  await sample();
  await page.click('.descent-play');
  const samples = [];
  const started = Date.now();
  for (;;) {
    await page.waitForTimeout(1000);
    const s = await sample();
    samples.push(s);
    if (s.step >= 1000000 || Date.now() - started > 120000) break;
  }
  const last = samples[samples.length - 1];
  assert.equal(last.step, 1000000, 'the whole budget was played');
  await page.locator('.descent-reason', { hasText: 'step budget spent: 1000000 steps' }).waitFor();
  // Memory: whatever the first tenth of the run needs, the rest needs no more.
  const settled = samples[Math.floor(samples.length / 4)];
  assert.ok(last.wasm <= settled.wasm + 2 ** 21, `wasm memory grew from ${settled.wasm} to ${last.wasm}`);
  assert.ok(last.heap <= settled.heap + 8 * 2 ** 20, `JS heap grew from ${settled.heap} to ${last.heap}`);
  // Frames: the last part of the run is no slower than the first.
  const frames = samples.flatMap((s) => s.frames);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const early = median(frames.slice(0, Math.floor(frames.length / 4)));
  const late = median(frames.slice(-Math.floor(frames.length / 4)));
  assert.ok(frames.length > 100, `${frames.length} frames`);
  assert.ok(late <= Math.max(2 * early, early + 0.5), `frames went from ${early} ms to ${late} ms`);
  console.log(`# million steps: ${samples.length} s, wasm memory ${settled.wasm} → ${last.wasm} bytes, ` +
    `JS heap ${settled.heap} → ${last.heap} bytes, frame median ${early} → ${late} ms over ${frames.length} frames`);
  await clean(page);
});

/// A small seeded generator (mulberry32), so a failing sequence can be replayed.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('2 000 random actions leave no console error and a page that still answers', async () => {
  const seed = Number(process.env.MONKEY_SEED ?? 20261123);
  const actions = Number(process.env.MONKEY_ACTIONS ?? 2000);
  const rnd = random(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const page = await open(browser(), '/', { base: DIST });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const numbers = ['0', '-0', '1', '-1', '0.5', '1e308', '-1e308', '1e-308', '3.7', '-12', '99999', '0.001'];
  const texts = ['x^2', 'sin(x)', 'x^4 - 3*x^2 + x', '(x', 'x+', '2x', 'z', '<b>', 'ln(x)', '1/x', 'abs(x)', 'x²', '', 'max(x, 1)', 'exp(x)'];
  const keys = ['Space', 'ArrowLeft', 'ArrowRight', 'r', 'R', 'Tab', 'Escape', 'Enter', 'a', 'p'];
  const done = [];
  for (let k = 0; k < actions; k++) {
    const kind = pick(['click', 'click', 'select', 'number', 'slider', 'text', 'plot', 'key', 'key', 'resize']);
    done.push(kind);
    try {
      switch (kind) {
        case 'click': {
          const buttons = await page.$$('.descent-play, .descent-step, .descent-back, .descent-reset, .descent-embed, .descent-link, .descent summary');
          await pick(buttons).click({ timeout: 500 });
          break;
        }
        case 'select': {
          const select = pick(await page.$$('.descent select'));
          const options = await select.$$eval('option', (os) => os.map((o) => o.value));
          await select.selectOption(pick(options), { timeout: 500 });
          break;
        }
        case 'number': {
          const box = pick(await page.$$('.descent-number'));
          if (await box.isVisible()) {
            await box.fill(pick(numbers), { timeout: 500 });
            if (rnd() < 0.5) await box.press('Tab', { timeout: 500 });
          }
          break;
        }
        case 'slider': {
          const slider = pick(await page.$$('.descent-slider'));
          const b = await slider.boundingBox();
          if (b) {
            const y = b.y + b.height / 2;
            await page.mouse.move(b.x + rnd() * b.width, y);
            await page.mouse.down();
            await page.mouse.move(b.x + rnd() * b.width, y, { steps: 3 });
            await page.mouse.up();
          }
          break;
        }
        case 'text': {
          const input = page.locator('.descent-field-f input');
          await input.fill(pick(texts), { timeout: 500 });
          if (rnd() < 0.5) await input.press('Enter', { timeout: 500 });
          break;
        }
        case 'plot': {
          const b = await page.locator('.descent-overlay').boundingBox();
          if (b) {
            await page.mouse.move(b.x + rnd() * b.width, b.y + rnd() * b.height);
            await page.mouse.down();
            await page.mouse.move(b.x + rnd() * b.width, b.y + rnd() * b.height, { steps: 2 });
            await page.mouse.up();
          }
          break;
        }
        case 'key':
          if (rnd() < 0.5) await page.locator('h1').click({ timeout: 500 });
          await page.keyboard.press(pick(keys));
          break;
        case 'resize':
          await page.setViewportSize({ width: 360 + Math.floor(rnd() * 1240), height: 480 + Math.floor(rnd() * 520) });
          break;
      }
    } catch (e) {
      // An element that moved or vanished (a hidden box, a closed section) is a skipped
      // action, not a failure; the page's own errors are what this test is about.
      if (!/Timeout|not visible|detached|outside of the viewport|not attached|intercepts pointer|Element is not/.test(String(e))) {
        throw new Error(`action ${k} (${kind}, seed ${seed}): ${e}`);
      }
    }
  }
  // Still answering: a reset and a step update the words.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.locator('h1').click();
  await page.keyboard.press('r');
  // (After a challenge, the status begins with its verdict.)
  await statusMatches(page, /(^|· )step 0 of/);
  await page.click('.descent-step');
  await statusMatches(page, /(^|· )step 1 of/);
  assert.deepEqual(dialogs, []);
  const counts = done.reduce((c, k) => ({ ...c, [k]: (c[k] ?? 0) + 1 }), {});
  console.log(`# monkey: ${actions} actions with seed ${seed}: ${JSON.stringify(counts)}`);
  await clean(page);
});

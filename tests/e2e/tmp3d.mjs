// The browser benchmark (run by `cargo xtask bench` against the built dist/ site): times, on
// www/bench.html at 960×540 CSS px and devicePixelRatio 2,
//   (a) full redraw: a slider's input event through recomputing the 200-step run and redrawing
//       curve, axes, path, ball and words, synchronously;
//   (b) ball frame: the work of one animation frame while the ball moves (curve cached), and
//       the same with Explain on;
//   (c) first frame: from navigation to the first drawn frame;
//   (f) maps: choosing a map to its last cell, and a slider's input to the painted frame while
//       a 2-D map computes;
// each over at least 200 samples after a warm-up, plus the gzipped size of what dist/ ships.
// Writes target/bench/browser.json, prints a table, and exits 1 when a budget is missed.
import { launch } from './helpers.mjs';
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8000';
const root = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const WARMUP = 20;

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
};
const summary = (xs) => ({ median: quantile(xs, 0.5), p95: quantile(xs, 0.95), samples: xs.length });

const browser = await launch();
const newPage = async (reducedMotion) => {
  const context = await browser.newContext({ viewport: { width: 1500, height: 900 }, deviceScaleFactor: 2, reducedMotion });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(m.text()); });
  page.on('pageerror', (e) => page.problems.push(e.message));
  return page;
};
/// Waits until the page has drawn its first frame.
const ready = async (page) => {
  await page.waitForSelector('[data-descent-mounted] .descent-status');
  for (;;) {
    const first = await page.evaluate(async () => (await import('/www/pkg/descent.js')).benchStats().firstFrameMs);
    if (first !== null) return first;
    await page.waitForTimeout(5);
  }
};

// (h) The 3-D view (the bowl, its 48×48 mesh): a drag turning it, from each pointer move to
//     the floor, the surface and the balls redrawn, measured as the full redraw is; and the
//     frames while the ball moves over the cached surface, as (b) measures them.
const turning = await newPage('reduce');
await turning.goto(`${BASE}/#preset=bowl&view=3d&steps=1000`);
await ready(turning);
const view3dRotate = await turning.evaluate(async ([n]) => {
  const m = await import('/www/pkg/descent.js');
  const el = document.querySelector('.descent-overlay');
  const r = el.getBoundingClientRect();
  const ev = (type, dx, dy) => el.dispatchEvent(new PointerEvent(type, {
    bubbles: true, pointerId: 1, isPrimary: true, button: 0, buttons: type === 'pointerup' ? 0 : 1,
    clientX: r.left + r.width / 2 + dx, clientY: r.top + r.height / 2 + dy,
  }));
  const painted = () => new Promise((done) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = done;
    ch.port2.postMessage(0);
  }));
  ev('pointerdown', 0, 0);
  await painted();
  const out = [];
  for (let k = 0; k < n + 5; k++) {
    const t0 = performance.now();
    // Back and forth across 200 px, up and down across 60: every angle a redraw.
    ev('pointermove', 10 + 2 * (k % 100) * (k % 200 < 100 ? 1 : -1), 8 + (k % 30) * 2);
    m.renderNow(false);
    const t1 = performance.now();
    if (k >= 5) out.push(t1 - t0);
    await painted();
  }
  ev('pointerup', 0, 0);
  return out;
}, [SAMPLES]);
await turning.context().close();
const rolling = await newPage('no-preference');
await rolling.goto(`${BASE}/#preset=bowl&view=3d&steps=100000&lr=0.0001&speed=60`);
await ready(rolling);
const view3dBall = [];
await rolling.evaluate(async () => (await import('/www/pkg/descent.js')).benchStats());
while (view3dBall.length < SAMPLES + WARMUP) {
  await rolling.waitForTimeout(250);
  const label = await rolling.textContent('.descent-play');
  if (label !== 'Pause') await rolling.click('.descent-play');
  const got = await rolling.evaluate(async () => [...(await import('/www/pkg/descent.js')).benchStats().movingFrameMs]);
  view3dBall.push(...got);
}
await rolling.context().close();


console.log('rotate', summary(view3dRotate), 'ball', summary(view3dBall.slice(WARMUP)), turning.problems, rolling.problems);
await browser.close();

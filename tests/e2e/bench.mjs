// The browser benchmark (run by `cargo xtask bench` against the built dist/ site): times, on
// www/bench.html at 960×540 CSS px and devicePixelRatio 2,
//   (a) full redraw: a slider's input event through recomputing the 200-step run and redrawing
//       curve, axes, path, ball and words, synchronously;
//   (b) ball frame: the work of one animation frame while the ball moves (curve cached), and
//       the same with Explain on;
//   (c) first frame: from navigation to the first drawn frame;
//   (f) maps: choosing a map to its last cell, and a slider's input to the painted frame while
//       a 2-D map computes;
//   (i) layout shift while the full page, the example post and the iframe embed load;
// each over at least 200 samples after a warm-up, plus the gzipped size of what dist/ ships.
// Writes target/bench/browser.json, prints a table, and exits 1 when a budget is missed.
import { launch } from './helpers.mjs';
import { coldFirstFigure, descentFirst, plainFirst, sliderFrames } from './bench-load.mjs';
import { layoutShifts } from './shifts.mjs';
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

/// Times a drag on the element `selector` of `page`: a press at `down`, then each of `moves`
/// (every point [fx, fy, dx, dy]: fx, fy of the element's width and height from its corner,
/// plus dx, dy CSS pixels) timed from the `pointermove` to `renderNow` done, as the full
/// redraw is timed; the first 5 moves warm up.
const dragTimes = (page, selector, down, moves) => page.evaluate(async ([selector, down, moves]) => {
  const m = await import('/www/pkg/descent.js');
  const el = document.querySelector(selector);
  const r = el.getBoundingClientRect();
  // (A move drags only with a button down: `buttons` says which are, 1 the main one.)
  const ev = (type, [fx, fy, dx, dy]) => el.dispatchEvent(new PointerEvent(type, {
    bubbles: true, pointerId: 1, isPrimary: true, button: 0, buttons: type === 'pointerup' ? 0 : 1,
    clientX: r.left + fx * r.width + dx, clientY: r.top + fy * r.height + dy,
  }));
  const painted = () => new Promise((done) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = done;
    ch.port2.postMessage(0);
  }));
  ev('pointerdown', down);
  await painted();
  const out = [];
  for (const [k, at] of moves.entries()) {
    const t0 = performance.now();
    ev('pointermove', at);
    m.renderNow(false);
    const t1 = performance.now();
    if (k >= 5) out.push(t1 - t0);
    await painted();
  }
  ev('pointerup', down);
  return out;
}, [selector, down, moves]);

// (a) Full redraw after a slider's input event, and the same with the curve cached.
const still = await newPage('reduce');
await still.goto(`${BASE}/www/bench.html`);
await ready(still);
const redraw = await still.evaluate(async ([n, warm]) => {
  const m = await import('./pkg/descent.js');
  const slider = document.querySelector('.descent-field-lr .descent-slider');
  const out = { full: [], cached: [] };
  for (const kind of ['full', 'cached']) {
    for (let k = 0; k < n + warm; k++) {
      const t0 = performance.now();
      slider.value = String(350 + (k % 150));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      m.renderNow(kind === 'full');
      const t1 = performance.now();
      if (k >= warm) out[kind].push(t1 - t0);
      await new Promise((r) => requestAnimationFrame(r));
    }
  }
  return out;
}, [SAMPLES, WARMUP]);
const steps = await still.textContent('.descent-status');

// (b) Frames while the ball moves; then the same with Explain on (the This step panel, the
//     arrows and the gauge follow the ball).
const moving = await newPage('no-preference');
await moving.goto(`${BASE}/www/bench.html`);
await ready(moving);
const ballFrames = async () => {
  const frames = [];
  await moving.evaluate(async () => (await import('./pkg/descent.js')).benchStats());
  while (frames.length < SAMPLES + WARMUP) {
    await moving.waitForTimeout(250);
    const label = await moving.textContent('.descent-play');
    if (label !== 'Pause') await moving.click('.descent-play');
    const got = await moving.evaluate(async () => [...(await import('./pkg/descent.js')).benchStats().movingFrameMs]);
    frames.push(...got);
  }
  return frames.slice(WARMUP);
};
const ball = await ballFrames();
await moving.check('.descent-field-explain input');
await moving.waitForSelector('.descent-explain:not([hidden])');
const ballExplained = await ballFrames();
// A page still playing would compete for the CPU with every measure after this one.
await moving.context().close();

// (e) The field of a typed f(x, y) on a 300×300 grid (Rosenbrock, typed).
const fieldMs = await still.evaluate(async ([n, warm]) => {
  const m = await import('./pkg/descent.js');
  const out = [];
  for (let k = 0; k < n + warm; k++) {
    const ms = m.benchField('(1 - x)^2 + 100*(y - x^2)^2', 300);
    if (k >= warm) out.push(ms);
  }
  return out;
}, [SAMPLES, WARMUP]);

// (f) Maps: from choosing a map in the Map menu to its last cell drawn (the page computes it
//     6 ms per frame, coarse to fine), at least 5 runs each; and, while a 2-D map computes, a
//     slider's input to the painted frame.
const MAP_RUNS = Math.max(5, Math.round(SAMPLES / 20));
const maps = await newPage('reduce');
const mapTimes = async (hash, value) => {
  await maps.goto(`${BASE}/#${hash}`);
  await ready(maps);
  return maps.evaluate(async ([value, runs]) => {
    const select = document.querySelector('.descent-field-map select');
    const box = document.querySelector('.descent-map');
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const choose = (v) => {
      select.value = v;
      select.dispatchEvent(new Event('input', { bubbles: true }));
    };
    const out = [];
    for (let k = 0; k < runs + 1; k++) {
      choose('none');
      while (!box.hidden) await frame();
      const t0 = performance.now();
      choose(value);
      do await frame(); while (box.hidden || box.getAttribute('aria-busy') !== 'false');
      if (k > 0) out.push(performance.now() - t0);
    }
    return out;
  }, [value, MAP_RUNS]);
};
const basins1d = await mapTimes('preset=local&steps=1000', 'basins');
const sweep = await mapTimes('preset=post-quadratic&steps=1000', 'sweep');
const basins2d = await mapTimes('preset=himmelblau&steps=300', 'basins');
const phase = await mapTimes('preset=local&method=momentum&momentum=0.5&steps=300', 'phase');
// A slider moved while the 2-D map computes: its input event to the frame after it is
// painted (a message posted in the frame's callback arrives once the frame is painted).
await maps.goto(`${BASE}/#preset=himmelblau&steps=300&map=basins`);
await ready(maps);
const duringMap = await maps.evaluate(async ([n]) => {
  const box = document.querySelector('.descent-map');
  const x0 = document.querySelector('.descent-field-x0 .descent-slider');
  const lr = document.querySelector('.descent-field-lr .descent-slider');
  const painted = () => new Promise((r) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = r;
    ch.port2.postMessage(0);
  }));
  const out = [];
  let runs = 0;
  while (out.length < n) {
    // A new map (the rate changed), then the start moved while it computes.
    lr.value = String(500 + (runs++ % 2));
    lr.dispatchEvent(new Event('input', { bubbles: true }));
    await painted();
    for (let k = 0; box.getAttribute('aria-busy') === 'true' && out.length < n; k++) {
      const t0 = performance.now();
      x0.value = String(300 + (k % 400));
      x0.dispatchEvent(new Event('input', { bubbles: true }));
      await painted();
      out.push(performance.now() - t0);
    }
  }
  return { out, runs };
}, [SAMPLES]);

// (g) Dragging a point of a 200-point fit: from each pointer move to the surface, the path
//     and the model redrawn (MSE from its moments, cross-entropy point by point on a coarser
//     grid while the point is held), measured as the full redraw is.
const fitDrag = async (preset, label) => {
  let seed = 7;
  const unit = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const points = Array.from({ length: 200 }, () => {
    const x = Math.round((-3 + 6 * unit()) * 100) / 100;
    const y = label ? Number(unit() < 1 / (1 + Math.exp(-1.5 * x))) : Math.round((1.5 * x + 2 + 2 * unit() - 1) * 100) / 100;
    return `${x},${y}`;
  });
  await maps.goto(`${BASE}/#preset=${preset}&data=${points.join('~')}`);
  await ready(maps);
  await maps.waitForSelector('.descent-data:not([hidden])');
  const moves = Array.from({ length: SAMPLES + 5 }, (_, k) => [0.3 + 0.4 * ((k % 20) / 20), 0.2 + 0.5 * ((k % 7) / 7), 0, 0]);
  return dragTimes(maps, '.descent-data-overlay', [0.5, 0.2, 0, 0], moves);
};
const fitMse = await fitDrag('line-fit', false);
const fitCe = await fitDrag('logistic', true);

// (h) The 3-D view (the bowl, its 48×48 mesh): a drag turning it, from each pointer move to
//     the floor, the surface and the balls redrawn, measured as the full redraw is; and the
//     frames while the ball moves over the cached surface, as (b) measures them.
const turning = await newPage('reduce');
await turning.goto(`${BASE}/#preset=bowl&view=3d&steps=1000`);
await ready(turning);
// Back and forth across 200 px, up and down across 60: every move a new angle.
const turns = Array.from({ length: SAMPLES + 5 }, (_, k) => [0.5, 0.5, 10 + 2 * (k % 100) * (k % 200 < 100 ? 1 : -1), 8 + (k % 30) * 2]);
const view3dRotate = await dragTimes(turning, '.descent-overlay', [0.5, 0.5, 0, 0], turns);
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

// (c) First frame, over fresh loads.
const loads = await newPage('reduce');
const first = [];
for (let k = 0; k < SAMPLES + 5; k++) {
  await loads.goto(`${BASE}/www/bench.html`);
  const ms = await ready(loads);
  if (k >= 5) first.push(ms);
}

// (c2) Side by side with the plain-JavaScript reference page (www/bench-plain.html), each
//      measured the same way: the cold first figure (a fresh browser per load) and a
//      slider's whole frame, input to painted (see bench-load.mjs).
const COLD = Number(process.env.BENCH_COLD ?? 15);
const SIDE = 'preset=quadratic&at=8';
const cold = {
  descent: await coldFirstFigure(`${BASE}/#${SIDE}`, descentFirst, COLD),
  plain: await coldFirstFigure(`${BASE}/www/bench-plain.html`, plainFirst, COLD),
};
const sides = await newPage('reduce');
await sides.goto(`${BASE}/#${SIDE}`);
await ready(sides);
const sliderWhole = { descent: await sliderFrames(sides, '.descent-field-lr .descent-slider', [350, 500], SAMPLES) };
await sides.goto(`${BASE}/www/bench-plain.html`);
await sides.waitForFunction(plainFirst);
sliderWhole.plain = await sliderFrames(sides, '#lr', [50, 200], SAMPLES);
// (i) Layout shift while the page loads: the full page, the example post, the iframe embed.
const shifts = await layoutShifts(browser, BASE);

// (d) What dist/ ships.
// Gzipped on the fly at the default level, and as dist/ ships it (its zopfli `.gz` copy, which
// `cargo xtask serve --dist` and hosts with precompressed files send).
const gz = (path) => gzipSync(readFileSync(root + path)).length;
const shipped = (path) => (existsSync(root + path + '.gz') ? statSync(root + path + '.gz').size : gz(path));
const result = {
  full_redraw_ms: summary(redraw.full),
  cached_curve_redraw_ms: summary(redraw.cached),
  ball_frame_ms: summary(ball),
  ball_frame_explain_ms: summary(ballExplained),
  field_300_ms: summary(fieldMs),
  first_frame_ms: quantile(first, 0.5),
  first_frame_p95_ms: quantile(first, 0.95),
  wasm_gzip_bytes: shipped('dist/www/pkg/descent_bg.wasm'),
  js_gzip_bytes: shipped('dist/www/pkg/descent.js') + shipped('dist/www/descent.js'),
  wasm_gzip6_bytes: gz('dist/www/pkg/descent_bg.wasm'),
  js_gzip6_bytes: gz('dist/www/pkg/descent.js') + gz('dist/www/descent.js'),
  settings: steps.trim(),
  device_pixel_ratio: 2,
  plot_css_px: [960, 540],
};
Object.assign(result, {
  basins_1d_ms: summary(basins1d),
  sweep_ms: summary(sweep),
  basins_2d_ms: summary(basins2d),
  phase_ms: summary(phase),
  map_input_to_frame_ms: { ...summary(duringMap.out), maps: duringMap.runs },
  fit_drag_ms: { mse: summary(fitMse), cross_entropy: summary(fitCe) },
  view3d_rotate_ms: summary(view3dRotate),
  view3d_ball_ms: summary(view3dBall.slice(WARMUP)),
  cold_first_figure_ms: { descent: summary(cold.descent), plain_js: summary(cold.plain) },
  slider_whole_frame_ms: { descent: summary(sliderWhole.descent), plain_js: summary(sliderWhole.plain) },
  ...shifts,
});
for (const p of [still, moving, loads, maps, turning, rolling, sides]) {
  if (p.problems.length) throw new Error(`console errors during the benchmark: ${p.problems.join('; ')}`);
}
await browser.close();

mkdirSync(root + 'target/bench', { recursive: true });
writeFileSync(root + 'target/bench/browser.json', JSON.stringify(result, null, 2) + '\n');

// KB = 1000 bytes: the stricter reading of the budget.
const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
const ms = (v) => `${v.toFixed(2)} ms`;
const budgets = [
  ['full redraw (slider input → curve, axes, path, ball)', `median ${ms(result.full_redraw_ms.median)}, p95 ${ms(result.full_redraw_ms.p95)}`, 'median ≤ 1.5 ms, p95 ≤ 4 ms', result.full_redraw_ms.median <= 1.5 && result.full_redraw_ms.p95 <= 4],
  ['  same, curve cached (what a slider really costs)', `median ${ms(result.cached_curve_redraw_ms.median)}, p95 ${ms(result.cached_curve_redraw_ms.p95)}`, '', null],
  ['ball frame (only the ball and path move)', `median ${ms(result.ball_frame_ms.median)}, p95 ${ms(result.ball_frame_ms.p95)}`, 'p95 ≤ 1 ms', result.ball_frame_ms.p95 <= 1],
  ['  same, Explain on (panel, arrows, gauge)', `median ${ms(result.ball_frame_explain_ms.median)}, p95 ${ms(result.ball_frame_explain_ms.p95)}`, 'median ≤ +0.3 ms', result.ball_frame_explain_ms.median <= result.ball_frame_ms.median + 0.3],
  ['field of a typed f(x, y), 300×300 grid (all of it:', `median ${ms(result.field_300_ms.median)}, p95 ${ms(result.field_300_ms.p95)}`, 'median < 10 ms', result.field_300_ms.median < 10],
  ['  values, colours, contour lines)', '', '', null],
  ['basins of 400 starts on local (choose → last cell)', `median ${ms(result.basins_1d_ms.median)}, p95 ${ms(result.basins_1d_ms.p95)}`, 'median ≤ 100 ms', result.basins_1d_ms.median <= 100],
  ['learning-rate sweep, 200 rates', `median ${ms(result.sweep_ms.median)}, p95 ${ms(result.sweep_ms.p95)}`, 'median ≤ 150 ms', result.sweep_ms.median <= 150],
  ['basins of 150×150 starts × 300 steps, Himmelblau', `median ${ms(result.basins_2d_ms.median)}, p95 ${ms(result.basins_2d_ms.p95)}`, 'median ≤ 2 s', result.basins_2d_ms.median <= 2000],
  ['momentum map, 100×100 (η, β)', `median ${ms(result.phase_ms.median)}, p95 ${ms(result.phase_ms.p95)}`, 'median ≤ 2 s', result.phase_ms.median <= 2000],
  ['slider input → painted frame, 2-D map computing', `median ${ms(result.map_input_to_frame_ms.median)}, p95 ${ms(result.map_input_to_frame_ms.p95)}`, 'p95 ≤ 50 ms', result.map_input_to_frame_ms.p95 <= 50],
  ['drag a point of 200, line fit (MSE): move → redrawn', `median ${ms(result.fit_drag_ms.mse.median)}, p95 ${ms(result.fit_drag_ms.mse.p95)}`, 'median ≤ 16 ms, p95 ≤ 33 ms', result.fit_drag_ms.mse.median <= 16 && result.fit_drag_ms.mse.p95 <= 33],
  ['  same, logistic regression (cross-entropy)', `median ${ms(result.fit_drag_ms.cross_entropy.median)}, p95 ${ms(result.fit_drag_ms.cross_entropy.p95)}`, 'median ≤ 16 ms, p95 ≤ 33 ms', result.fit_drag_ms.cross_entropy.median <= 16 && result.fit_drag_ms.cross_entropy.p95 <= 33],
  ['3-D view: drag turning the bowl (48×48 mesh),', `median ${ms(result.view3d_rotate_ms.median)}, p95 ${ms(result.view3d_rotate_ms.p95)}`, 'p95 ≤ 16 ms', result.view3d_rotate_ms.p95 <= 16],
  ['  move → floor, surface, balls redrawn', '', '', null],
  ['3-D view: ball frame over the cached surface', `median ${ms(result.view3d_ball_ms.median)}, p95 ${ms(result.view3d_ball_ms.p95)}`, 'median ≤ 2 ms', result.view3d_ball_ms.median <= 2],
  ['cold first figure (fresh browser, 1280×800 @2)', `median ${ms(result.cold_first_figure_ms.descent.median)}, p95 ${ms(result.cold_first_figure_ms.descent.p95)}`, 'median ≤ 150 ms', result.cold_first_figure_ms.descent.median <= 150],
  ['  plain-JS reference page, same way', `median ${ms(result.cold_first_figure_ms.plain_js.median)}, p95 ${ms(result.cold_first_figure_ms.plain_js.p95)}`, '', null],
  ['  descent beyond the reference (medians)', ms(result.cold_first_figure_ms.descent.median - result.cold_first_figure_ms.plain_js.median), '', null],
  ['slider: input → painted frame, all of it', `median ${ms(result.slider_whole_frame_ms.descent.median)}, p95 ${ms(result.slider_whole_frame_ms.descent.p95)}`, 'median ≤ 3.5 ms', result.slider_whole_frame_ms.descent.median <= 3.5],
  ['  plain-JS reference page, same way', `median ${ms(result.slider_whole_frame_ms.plain_js.median)}, p95 ${ms(result.slider_whole_frame_ms.plain_js.p95)}`, '', null],
  ['  descent beyond the reference (medians)', ms(result.slider_whole_frame_ms.descent.median - result.slider_whole_frame_ms.plain_js.median), '', null],
  ['first frame (navigation → first drawn frame)', `median ${ms(result.first_frame_ms)}, p95 ${ms(result.first_frame_p95_ms)}`, '≤ 300 ms', result.first_frame_ms <= 300],
  ['wasm + js, gzipped as shipped (zopfli)', `${kb(result.wasm_gzip_bytes)} + ${kb(result.js_gzip_bytes)} = ${kb(result.wasm_gzip_bytes + result.js_gzip_bytes)}`, '≤ 150 KB', result.wasm_gzip_bytes + result.js_gzip_bytes <= 150 * 1000],
  ['  same, gzipped on the fly (gzip -6)', `${kb(result.wasm_gzip6_bytes)} + ${kb(result.js_gzip6_bytes)} = ${kb(result.wasm_gzip6_bytes + result.js_gzip6_bytes)}`, '', null],
  ['layout shift while loading: the full page', result.cls_page.toFixed(3), '≤ 0.02', result.cls_page <= 0.02],
  ['  the example post (four demos)', result.cls_blog.toFixed(3), '≤ 0.02', result.cls_blog <= 0.02],
  ['  the iframe embed (alone, and framed)', result.cls_iframe.toFixed(3), '≤ 0.02', result.cls_iframe <= 0.02],
];
console.log(`\nbrowser benchmark: ${SAMPLES} samples each, 960×540 CSS px at devicePixelRatio 2 (${result.settings})`);
for (const [what, got, budget, ok] of budgets) {
  const verdict = ok === null ? '' : ok ? 'ok' : 'MISSED';
  console.log(`  ${what.padEnd(54)} ${got.padEnd(34)} ${budget.padEnd(30)} ${verdict}`);
}
console.log('written to target/bench/browser.json');
process.exit(budgets.every(([, , , ok]) => ok !== false) ? 0 : 1);

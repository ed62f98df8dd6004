// Ad-hoc profiler: self time by function during redraw loops, ball frames or field
// recomputes (not a test): node profile.mjs [cached|full|ball|field]. It drives the benchmark's
// hooks (`renderNow`, `benchField`), which only a module built with the `bench` feature has:
// serve target/bench/site (left by `cargo xtask bench --browser`) at BASE_URL.
import { launch } from './helpers.mjs';
const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8000';
const mode = process.argv[2] ?? 'cached';
const b = await launch();
const c = await b.newContext({ viewport: { width: 1500, height: 900 }, deviceScaleFactor: 2, reducedMotion: mode === 'ball' ? 'no-preference' : 'reduce' });
const p = await c.newPage();
await p.goto(`${BASE}/www/bench.html`);
await p.waitForSelector('[data-descent-mounted] .descent-status');
await p.waitForTimeout(500);
const cdp = await c.newCDPSession(p);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
if (mode === 'field') {
  await p.evaluate(async () => {
    const m = await import('./pkg/descent.js');
    for (let k = 0; k < 100; k++) m.benchField('(1 - x)^2 + 100*(y - x^2)^2', 300);
  });
} else if (mode === 'ball') {
  await p.click('.descent-play');
  await p.waitForTimeout(3000);
} else {
  await p.evaluate(async (full) => {
    const m = await import('./pkg/descent.js');
    const slider = document.querySelector('.descent-field-lr .descent-slider');
    for (let k = 0; k < 300; k++) {
      slider.value = String(350 + (k % 150));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      m.renderNow(full);
    }
  }, mode === 'full');
}
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const dt = profile.timeDeltas;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const counts = new Map();
profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, t] of counts) {
  const n = byId.get(id);
  const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`;
  self.set(name, (self.get(name) ?? 0) + t);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((t / 1000).toFixed(1).padStart(8), 'ms', ((100 * t) / total).toFixed(1).padStart(5), '%', name.slice(0, 110));
await b.close();

// The benchmark's side-by-side measures, taken the same way on descent's page and on the
// plain-JavaScript reference page (www/bench-plain.html):
// - the cold first figure: a fresh browser with an empty profile per load (no HTTP cache, no
//   compiled code kept), 1280×800 at devicePixelRatio 2, from navigation to the first figure
//   drawn;
// - a slider's whole frame: from its input event to the frame painted, counting the input
//   handler and the next frame's work (its animation callbacks, style, layout and paint), not
//   the wait for that frame.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

/// A fresh browser with an empty profile, at the size the budgets name.
async function fresh() {
  const dir = mkdtempSync(join(tmpdir(), 'descent-cold-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 2,
    reducedMotion: 'reduce',
  });
  return { context, close: async () => { await context.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/// Milliseconds from navigation to the first figure of `url`, each load in a fresh browser;
/// `first` reads the page's own record of it (null until drawn).
export async function coldFirstFigure(url, first, n) {
  const out = [];
  for (let k = 0; k < n; k++) {
    const b = await fresh();
    try {
      const page = b.context.pages()[0] ?? (await b.context.newPage());
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(url);
      // Polled from here: `first` may be async, and waitForFunction takes a promise for true.
      let ms = null;
      while (ms === null) {
        ms = await page.evaluate(first);
        if (ms === null) await page.waitForTimeout(5);
      }
      out.push(ms);
      if (problems.length) throw new Error(`errors loading ${url}: ${problems.join('; ')}`);
    } finally {
      await b.close();
    }
  }
  return out;
}

/// descent's record of its first drawn frame (null until then).
export const descentFirst = async () => {
  if (!document.querySelector('[data-descent-mounted]')) return null;
  return (await import('/www/pkg/descent.js')).benchStats().firstFrameMs;
};

/// The reference page's record of its first figure.
export const plainFirst = () => window.plainFirstFrameMs ?? null;

/// A slider's whole frame on `page`, `n` times (after 5 to warm up): the slider `selector`
/// moves between `lo` and `hi`.
export function sliderFrames(page, selector, [lo, hi], n) {
  return page.evaluate(async ([selector, lo, hi, n]) => {
    const slider = document.querySelector(selector);
    const frame = () => new Promise(requestAnimationFrame);
    // Runs after the frame in which it is posted has been rendered.
    const painted = () => new Promise((resolve) => {
      const c = new MessageChannel();
      c.port1.onmessage = () => resolve(performance.now());
      c.port2.postMessage(0);
    });
    const out = [];
    for (let k = 0; k < n + 5; k++) {
      await frame();
      const t0 = performance.now();
      slider.value = String(lo + (k % 2 ? 0 : 1) * (hi - lo) * ((k % 7) + 1) / 8);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const handled = performance.now() - t0;
      // The page asked for its frame while handling the input: its callback runs before this one.
      const start = await frame();
      const end = await painted();
      if (k >= 5) out.push(handled + (end - start));
    }
    return out;
  }, [selector, lo, hi, n]);
}

// Shared by the end-to-end tests: Debian's Chromium driven by playwright-core (never a browser
// download), a page that records every console error, and small helpers to read the canvas.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8000';
/// The built dist/ site, served with the strict Content-Security-Policy (see xtask).
export const DIST = process.env.DIST_URL ?? BASE;
/// The `descent` command line that `cargo test` built: `cargo xtask test` says where, from
/// `cargo metadata` (so a CARGO_TARGET_DIR anywhere works); by hand, the repository's target/.
export const CLI = process.env.DESCENT_CLI ?? fileURLToPath(new URL('../../target/debug/descent', import.meta.url));

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/// A new page that collects console errors, uncaught exceptions and failed requests (a 404 for
/// a favicon included) into `page.problems`, and waits until the demo has painted (unless
/// `options.mounted` is false: for a page where it must not mount).
export async function open(browser, path = '/', options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    reducedMotion: options.reducedMotion ?? 'no-preference',
    colorScheme: options.colorScheme ?? 'light',
    hasTouch: options.hasTouch ?? false,
    acceptDownloads: true,
  });
  // Set up the context first (routes, say).
  if (options.prepare) await options.prepare(context);
  const page = await context.newPage();
  page.problems = [];
  // Content-Security-Policy violations, as the page sees them.
  if (options.init) await page.addInitScript(options.init);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') page.problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => page.problems.push(`uncaught: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) page.problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  page.on('requestfailed', (r) => page.problems.push(`request failed: ${r.url()}`));
  await page.goto((options.base ?? BASE) + path);
  if (options.mounted === false) return page;
  await mounted(page);
  return page;
}

/// Waits until the demo has mounted and painted its first frame.
export async function mounted(page) {
  await page.waitForSelector('[data-descent-mounted] .descent-base');
  await page.waitForFunction(() => {
    const c = document.querySelector('.descent-base');
    // The formula is written in the frame that paints the plot's static layer.
    const painted = document.querySelector('.descent-formula')?.textContent;
    return c && c.width > 10 && painted !== '';
  });
}

/// A fingerprint of a canvas's pixels (so a test can tell whether the picture changed): a
/// hash, the count of pixels with any ink, and for each of `colours` (name: [r, g, b]) the
/// count of solid pixels within 24 of it on every channel.
export async function pixels(page, selector = '.descent-overlay', index = 0, colours = {}) {
  return page.evaluate(([sel, i, colours]) => {
    const c = document.querySelectorAll(sel)[i];
    // Read a copy, so the page's own canvas is never read back (and never slowed down).
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const ctx = copy.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(c, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    let ink = 0;
    const near = Object.fromEntries(Object.keys(colours).map((k) => [k, 0]));
    for (let k = 0; k < data.length; k += 4) {
      const v = data[k] * 3 + data[k + 1] * 5 + data[k + 2] * 7 + data[k + 3];
      h = (h * 31 + v) >>> 0;
      if (data[k + 3] > 0) ink++;
      if (data[k + 3] < 100) continue;
      for (const [name, [r, g, b]] of Object.entries(colours)) {
        if (Math.abs(data[k] - r) < 24 && Math.abs(data[k + 1] - g) < 24 && Math.abs(data[k + 2] - b) < 24) near[name]++;
      }
    }
    return { hash: h, ink, near };
  }, [selector, index, colours]);
}

/// Waits until the status line matches `pattern`.
export async function statusMatches(page, pattern, scope = '') {
  await page.waitForFunction(([s, src, flags]) => {
    const el = document.querySelector(`${s} .descent-status`);
    return el && new RegExp(src, flags).test(el.textContent);
  }, [scope, pattern.source, pattern.flags]);
}

/// Waits until the animation has stopped (the Play button says Play again).
export async function settle(page, scope = '') {
  await page.waitForFunction((s) => {
    const b = document.querySelector(`${s} .descent-play`);
    return b && b.textContent === 'Play';
  }, scope, { timeout: 30000 });
}

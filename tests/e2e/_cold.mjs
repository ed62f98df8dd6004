import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
const url = process.argv[2];
for (let k = 0; k < 3; k++) {
  const ctx = await chromium.launchPersistentContext(mkdtempSync('/tmp/cold-'), { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2, reducedMotion: 'reduce' });
  const page = ctx.pages()[0];
  await page.goto(url);
  await page.waitForFunction(async () => document.querySelector('[data-descent-mounted]') && (await import('/www/pkg/descent.js')).benchStats().firstFrameMs !== null, null, { polling: 5 });
  const r = await page.evaluate(async () => {
    const res = performance.getEntriesByType('resource').map((e) => `${e.name.split('/').pop()} start ${e.startTime.toFixed(0)} end ${e.responseEnd.toFixed(0)}`);
    const nav = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByType('paint').map((e) => `${e.name} ${e.startTime.toFixed(0)}`);
    return { res, dcl: nav.domContentLoadedEventEnd.toFixed(0), resp: nav.responseEnd.toFixed(0), paint, first: (await import('/www/pkg/descent.js')).benchStats().firstFrameMs.toFixed(0), t: (window.__t||[]).map(([n,v]) => n + " " + v.toFixed(1)), marks: performance.getEntriesByType('mark').map((m) => `${m.name} ${m.startTime.toFixed(0)}`) };
  });
  console.log(JSON.stringify(r));
  await ctx.close();
}

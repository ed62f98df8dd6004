// A check of the page in Firefox (not part of `cargo xtask test`; see docs/browsers.md): Debian's
// firefox-esr driven through WebDriver BiDi by puppeteer-core, no browser downloaded. Against a
// running `cargo xtask serve`: BASE_URL=http://127.0.0.1:8000 node firefox.mjs
// It loads the page, reads every label (each on one line), moves the learning rate from the
// keyboard, plays, opens a lesson, a race and the example post, and fails on any console error.
import assert from 'node:assert/strict';

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8000';
const { default: puppeteer } = await import('puppeteer-core').catch(() => {
  console.error('puppeteer-core is not installed: cd tests/e2e && npm install --no-save puppeteer-core');
  process.exit(2);
});
const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
  headless: true,
});
const problems = [];
const page = await browser.newPage();
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warn') problems.push(`${m.type()}: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
const drawn = () => [...document.querySelectorAll('[data-descent]')].every((e) => e.querySelector('.descent-formula')?.textContent);
const status = () => page.$eval('.descent-status', (e) => e.textContent);
const step = (what) => console.log(`ok ${what}`);

await page.setViewport({ width: 1280, height: 800 });
await page.goto(`${BASE}/#preset=bowl`);
await page.waitForFunction(drawn);
step(`${await browser.version()}: the page mounts and draws ${await page.$eval('.descent-formula', (e) => e.textContent)}`);
for (const width of [1280, 390]) {
  await page.setViewport({ width, height: 844 });
  await page.evaluate(() => document.querySelectorAll('.descent details').forEach((d) => (d.open = true)));
  const labels = await page.$$eval('.descent-field > .descent-label', (all) => all.filter((l) => l.offsetParent).map((l) => {
    const text = document.createRange();
    text.selectNodeContents(l);
    return [l.textContent, text.getClientRects().length, text.getBoundingClientRect().width, l.getBoundingClientRect().width];
  }));
  for (const [label, lines, text, box] of labels) {
    assert.equal(lines, 1, `"${label}" on one line at ${width} px`);
    assert.ok(text <= box + 0.01, `"${label}" fits its column at ${width} px (${text} > ${box})`);
  }
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `no sideways scrolling at ${width} px`);
  const lr = labels.find(([l]) => l === 'Learning rate');
  step(`${labels.length} labels on one line at ${width} px ("Learning rate": ${lr[2].toFixed(2)} px in ${lr[3].toFixed(2)} px)`);
}
await page.setViewport({ width: 1280, height: 800 });
await page.goto(`${BASE}/#preset=quadratic`);
await page.waitForFunction(drawn);
await page.focus('.descent-field-lr .descent-slider');
const before = await status();
for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowRight');
await page.waitForFunction((b) => document.querySelector('.descent-status').textContent !== b, {}, before);
step(`the learning-rate slider answers the keys: ${await status()}`);
await page.click('.descent-play');
await page.waitForFunction(() => /step [1-9]/.test(document.querySelector('.descent-status').textContent));
step(`Play runs: ${await status()}`);
await page.select('.descent-field-lesson select', 'momentum');
await page.waitForFunction(() => !document.querySelector('.descent-caption').hidden);
step(`a lesson: ${(await page.$eval('.descent-caption', (e) => e.textContent)).slice(0, 60)}…`);
await page.goto(`${BASE}/#preset=wells&race=gd,momentum,adam&at=40`);
await page.waitForFunction(() => /leader/.test(document.querySelector('.descent-status')?.textContent ?? ''));
step(`a race: ${await status()}`);
await page.goto(`${BASE}/examples/blog.html`);
await page.waitForFunction(drawn);
step(`the example post: ${await page.$$eval('[data-descent-mounted]', (all) => all.length)} demos`);
await browser.close();
assert.deepEqual(problems, [], 'no console errors or warnings');
step('no console errors or warnings');

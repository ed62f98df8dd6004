// Sharing, embedding and teaching: links that reopen a state, several independent instances,
// hostile links, the iframe page, lessons, presenter mode and exports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, pixels, settle, statusMatches } from './helpers.mjs';
import { browserForFile, clean } from './suite.mjs';

const browser = browserForFile();

const values = (page, scope = '') =>
  page.$$eval(`${scope} .descent-number, ${scope} .descent-select, ${scope} .descent-text`, (els) =>
    els.map((e) => `${e.closest('.descent-field').className}=${e.value}`));

test('a link reopens the same slider values, step and status', async () => {
  const page = await open(browser(), '/', { reducedMotion: 'reduce' });
  await page.selectOption('.descent-field-preset select', 'local');
  await page.fill('.descent-field-lr .descent-number', '0.02');
  await page.fill('.descent-field-momentum .descent-number', '0.85');
  await page.click('.descent-reset');
  for (let k = 0; k < 5; k++) await page.click('.descent-step');
  await statusMatches(page, /^step 5 of/);
  await page.waitForFunction(() => location.hash.includes('at=5'));
  const url = page.url();
  assert.match(url, /#preset=local&.*lr=0\.02.*momentum=0\.85/);
  const shown = await values(page);
  const status = await page.textContent('.descent-status');
  const again = await open(browser(), url.replace(/^http:\/\/[^/]+/, ''), { reducedMotion: 'reduce' });
  assert.deepEqual(await values(again), shown);
  await statusMatches(again, new RegExp('^' + status.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$'));
  await clean(page);
  await clean(again);
});

test('the Copy link button copies the same link', async () => {
  const page = await open(browser(), '/#preset=notch&lr=0.3&decay=0.97', { reducedMotion: 'reduce' });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('.descent-link');
  await page.locator('.descent-share-note', { hasText: 'Link copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /\/#preset=notch&lr=0\.3&decay=0\.97/);
  await clean(page);
});

test('two instances on the blog page respond independently', async () => {
  const page = await open(browser(), '/examples/blog.html', { reducedMotion: 'reduce' });
  const count = await page.$$eval('[data-descent-mounted]', (els) => els.length);
  assert.ok(count >= 3, `${count} instances`);
  assert.deepEqual(await page.$$eval('#rate .descent-field', (fs) => fs.map((f) => f.className.split(' ')[1])), ['descent-field-lr']);
  // Each is a region with a name of its own: its title, or its function.
  assert.equal(await page.getAttribute('#rate', 'aria-label'), 'The Goldilocks learning rate');
  assert.match(await page.getAttribute('#notch', 'aria-label'), /^Gradient descent on f\(x\) = /);
  assert.equal(await page.textContent('#rate .descent-goal'), 'Reach f ≤ −11.99 within 10 steps');
  const notchBefore = { pixels: await pixels(page, '#notch .descent-overlay'), status: await page.textContent('#notch .descent-status') };
  const rateBefore = await pixels(page, '#rate .descent-overlay');
  await page.fill('#rate .descent-number', '0.9');
  await statusMatches(page, /η = 0\.9/, '#rate');
  assert.notEqual((await pixels(page, '#rate .descent-overlay')).hash, rateBefore.hash);
  assert.equal((await pixels(page, '#notch .descent-overlay')).hash, notchBefore.pixels.hash, 'the other instance did not move');
  assert.equal(await page.textContent('#notch .descent-status'), notchBefore.status);
  await page.fill('#notch .descent-field-decay .descent-number', '0.95');
  await statusMatches(page, /η = 0\.0\d/, '#notch');
  assert.match(await page.textContent('#rate .descent-status'), /η = 0\.9/);
  assert.equal(page.url().includes('#'), false, 'embedded instances leave the page link alone');
  await clean(page);
});

test('instances off screen do not animate until scrolled into view', async () => {
  const page = await open(browser(), '/examples/blog.html');
  await statusMatches(page, /^step [1-9]/, '#rate');
  await page.waitForTimeout(600);
  assert.match(await page.textContent('#momentum .descent-status'), /^step 0 of/);
  await page.locator('#momentum').scrollIntoViewIfNeeded();
  await statusMatches(page, /^step [1-9]/, '#momentum');
  await clean(page);
});

test('a hostile link is harmless: clamped, refused, never run', async () => {
  const long = 'x'.repeat(10000);
  const hash = `#lr=1e400&x0=NaN&momentum=-Infinity&bogus=1&f=${encodeURIComponent('<img src=x onerror=alert(1)>')}&steps=%ZZ&method=%3Cb%3E&h=${long}`;
  const dialogs = [];
  const context = await browser().newContext();
  const page = await context.newPage();
  page.problems = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(m.text()); });
  page.on('pageerror', (e) => page.problems.push(e.message));
  await page.goto(`${process.env.BASE_URL ?? 'http://127.0.0.1:8000'}/${hash}`);
  await page.waitForSelector('[data-descent-mounted] .descent-status');
  await statusMatches(page, /^step \d+ of 30/);
  assert.deepEqual(dialogs, []);
  assert.equal(await page.$$eval('.descent img', (els) => els.length), 0, 'nothing from the link becomes HTML');
  assert.equal(await page.inputValue('.descent-field-lr .descent-number'), '10');
  const notice = await page.textContent('.descent-notice');
  assert.match(notice, /could not be used/);
  assert.match(notice, /Learning rate 1e400 is out of range: using 10/);
  assert.match(notice, /unknown setting 'bogus'/);
  assert.match(await page.textContent('.descent-alert'), /unexpected '<' at position 1/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('the iframe page reports its height and the host sizes the frame', async () => {
  const page = await open(browser(), '/examples/iframe.html', { reducedMotion: 'reduce' }).catch(async () => null);
  // The host page itself has no instance: open it plainly.
  const context = await browser().newContext({ reducedMotion: 'reduce' });
  const host = await context.newPage();
  const problems = [];
  host.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await host.goto(`${process.env.BASE_URL ?? 'http://127.0.0.1:8000'}/examples/iframe.html`);
  await host.waitForFunction(() => parseFloat(document.querySelector('#frame').style.height) > 300, null, { timeout: 20000 });
  const frame = host.frameLocator('#frame');
  await frame.locator('.descent-caption').waitFor();
  // The caption's arrival changes the content's height; the host follows once the frame has
  // told it (on a busy machine, a moment later): wait for the two to agree.
  const fits = () => {
    const f = document.querySelector('#frame');
    return Math.abs(parseFloat(f.style.height) - f.contentDocument.documentElement.scrollHeight) <= 2;
  };
  await host.waitForFunction(fits, null, { timeout: 20000 });
  assert.deepEqual(await frame.locator('.descent-field').evaluateAll((fs) => fs.map((f) => f.className.split(' ')[1])), ['descent-field-lr', 'descent-field-decay']);
  assert.deepEqual(problems, []);
  await context.close();
  if (page) await page.context().close();
});

test('a lesson sets up its scenario with a caption written from the live state', async () => {
  const page = await open(browser(), '/', { reducedMotion: 'reduce' });
  await page.selectOption('.descent-field-lesson select', 'diverge');
  const caption = page.locator('.descent-caption');
  await caption.waitFor();
  assert.match(await caption.textContent(), /η·f″ = 1\.06 · 2 = 2\.12.*leaves the view at step \d+/);
  assert.equal(await page.inputValue('.descent-field-preset select'), 'post-quadratic');
  await page.fill('.descent-field-lr .descent-number', '0.4');
  await page.waitForFunction(() => /settles/.test(document.querySelector('.descent-caption').textContent));
  assert.match(await caption.textContent(), /η·f″ = 0\.4 · 2 = 0\.8/);
  await page.selectOption('.descent-field-preset select', 'sine');
  await caption.waitFor({ state: 'hidden' });
  assert.equal(await page.inputValue('.descent-field-lesson select'), '');
  await clean(page);
});

test('links hide controls and turn on presenter mode', async () => {
  const page = await open(browser(), '/#preset=sine&hide=decay,momentum,steps&presenter=1', { reducedMotion: 'reduce' });
  const fields = await page.$$eval('.descent-field', (fs) => fs.map((f) => f.className.split(' ')[1]));
  for (const hidden of ['descent-field-decay', 'descent-field-momentum', 'descent-field-steps']) {
    assert.ok(!fields.includes(hidden), `${hidden} is hidden`);
  }
  assert.ok(fields.includes('descent-field-lr'));
  assert.ok(await page.$eval('.descent', (el) => el.classList.contains('descent-presenter')));
  const size = await page.$eval('.descent-status', (el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(size >= 20, `presenter type is large (${size}px)`);
  await page.click('.descent-more summary');
  await page.uncheck('.descent-field-presenter input');
  await page.waitForFunction(() => !document.querySelector('.descent').classList.contains('descent-presenter'));
  await clean(page);
});

test('exports: a PNG at twice the size, the CSV, and the embed snippets', async () => {
  const page = await open(browser(), '/#preset=notch&lr=0.2', { reducedMotion: 'reduce' });
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('.descent-png')]);
  assert.equal(png.suggestedFilename(), 'descent.png');
  const bytes = readFileSync(await png.path());
  const width = bytes.readUInt32BE(16);
  const css = await page.$eval('.descent-plot', (el) => el.getBoundingClientRect().width);
  assert.equal(width, Math.round(css * 2));
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('.descent-csv')]);
  const text = readFileSync(await csv.path(), 'utf8');
  assert.match(text, /^step,x,f,df,lr,curv\n0,8,/);
  await page.click('.descent-embed');
  assert.equal(await page.getAttribute('.descent-embed', 'aria-expanded'), 'true');
  const div = await page.inputValue('.descent-field-snippet:nth-child(2) textarea');
  assert.match(div, /<div data-descent data-preset="notch" data-lr="0\.2">\n/);
  assert.match(div, /src="http:\/\/127\.0\.0\.1:\d+\/www\/descent\.js" defer>/);
  // Inside the div, the fallback: a link to the full demo in the same state.
  assert.match(div, /\n {2}<a href="http:\/\/127\.0\.0\.1:\d+\/#preset=notch&amp;lr=0\.2">Open the gradient-descent demo<\/a>\n<\/div>$/);
  const frame = await page.inputValue('.descent-field-snippet:nth-child(1) textarea');
  assert.match(frame, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/www\/embed\.html#preset=notch&amp;lr=0\.2"/);
  await clean(page);
});

// Fitting data on the page: dragging a point and adding one (the surface, the path and the
// model follow, the link carries the points), pasted data with a bad line (the alert names the
// line, the last good data stays), a batch change, and a seeded link whose Copy CSV is what
// `descent fit` prints for the same points, byte for byte. Every test checks for console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, open, pixels, statusMatches } from './helpers.mjs';
import { browserForFile, clean } from './suite.mjs';

const browser = browserForFile();

/// The data chart's margins in CSS pixels (render::data).
const MARGINS = { left: 44, top: 8, right: 12, bottom: 24 };

/// The data chart's view [xmin, xmax, ymin, ymax] of a line fit's points (render::data_view):
/// their ranges with a tenth of room on each side, at least 1.
function view(points) {
  const range = (i) => {
    const v = points.map((p) => p[i]);
    const [lo, hi] = [Math.min(...v), Math.max(...v)];
    const pad = Math.max(0.1 * (hi - lo), 1);
    return [lo - pad, hi + pad];
  };
  return [...range(0), ...range(1)];
}

/// The page coordinates of the data point (x, y) on the data chart showing `points`.
async function at(page, [x, y], points) {
  const VIEW = view(points);
  const box = await page.locator('.descent-data-overlay').boundingBox();
  const w = box.width - MARGINS.left - MARGINS.right;
  const h = box.height - MARGINS.top - MARGINS.bottom;
  return [
    box.x + MARGINS.left + ((x - VIEW[0]) / (VIEW[1] - VIEW[0])) * w,
    box.y + MARGINS.top + ((VIEW[3] - y) / (VIEW[3] - VIEW[2])) * h,
  ];
}

/// The link's `data` value, once the link holds `pattern`.
async function dataInLink(page, pattern) {
  await page.waitForFunction((src) => new RegExp(src).test(decodeURIComponent(location.hash)), pattern.source);
  const hash = await page.evaluate(() => location.hash);
  return new URLSearchParams(hash.slice(1)).get('data');
}

test('dragging a point moves the model, the surface and the path; a click adds one', async () => {
  const page = await open(browser(), '/#preset=line-fit&data=0,1~1,2~2,3&at=100', { reducedMotion: 'reduce' });
  await page.locator('.descent-data').waitFor();
  const model = await pixels(page, '.descent-data-overlay');
  const points = await pixels(page, '.descent-data-base');
  const surface = await pixels(page, '.descent-base');
  const path = await pixels(page, '.descent-overlay');
  assert.ok(model.ink > 200, 'the line is drawn');
  // Drag (1, 2) down to (1, 0.5).
  const start = [[0, 1], [1, 2], [2, 3]];
  const [x0, y0] = await at(page, [1, 2], start);
  const [x1, y1] = await at(page, [1, 0.5], start);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x1, (y0 + y1) / 2, { steps: 4 });
  await page.mouse.move(x1, y1, { steps: 4 });
  await page.mouse.up();
  const data = await dataInLink(page, /data=0,1~(?!1,2~)[^~]+~2,3/);
  const moved = data.split('~')[1].split(',').map(Number);
  assert.ok(Math.abs(moved[0] - 1) < 0.05 && Math.abs(moved[1] - 0.5) < 0.05, data);
  assert.notEqual((await pixels(page, '.descent-data-overlay')).hash, model.hash, 'the model moved');
  assert.notEqual((await pixels(page, '.descent-data-base')).hash, points.hash, 'the point moved');
  assert.notEqual((await pixels(page, '.descent-base')).hash, surface.hash, 'another surface');
  assert.notEqual((await pixels(page, '.descent-overlay')).hash, path.hash, 'another path');
  // A click on empty space adds a point there.
  const [x2, y2] = await at(page, [2.5, 0.5], data.split('~').map((p) => p.split(',').map(Number)));
  await page.mouse.click(x2, y2);
  const added = await dataInLink(page, /data=(?:[^~&]+~){3}[^~&]+/);
  const last = added.split('~')[3].split(',').map(Number);
  assert.ok(Math.abs(last[0] - 2.5) < 0.05 && Math.abs(last[1] - 0.5) < 0.05, added);
  // The text box says the same points.
  await page.click('.descent-data-edit summary');
  const text = await page.inputValue('.descent-data-edit textarea');
  assert.equal(text.trim().split('\n').length, 5, text);
  await clean(page);
});

test('pasted data with a bad line is refused with an alert naming the line', async () => {
  const page = await open(browser(), '/#preset=line-fit', { reducedMotion: 'reduce' });
  await page.click('.descent-data-edit summary');
  const before = await page.inputValue('.descent-data-edit textarea');
  const chart = await pixels(page, '.descent-data-base');
  await page.fill('.descent-data-edit textarea', 'x,y\n1,2\n2,3\n3,four\n');
  await page.click('.descent-data-edit button');
  await page.locator('.descent-error', { hasText: "line 4: 'four' is not a number" }).waitFor();
  assert.equal((await pixels(page, '.descent-data-base')).hash, chart.hash, 'the last good data stays');
  // Good data replaces it: the chart changes and the link carries it.
  await page.fill('.descent-data-edit textarea', 'x,y\n1,2\n2,3\n3,4.5\n');
  await page.click('.descent-data-edit button');
  const data = await dataInLink(page, /data=1,2~2,3~3,4\.5/);
  assert.equal(data, '1,2~2,3~3,4.5');
  assert.equal(await page.locator('.descent-error').isHidden(), true);
  assert.notEqual(await page.inputValue('.descent-data-edit textarea'), before);
  await clean(page);
});

test('a batch below the data size counts epochs and shows the batch loss faintly', async () => {
  const page = await open(browser(), '/#preset=line-fit&at=100', { reducedMotion: 'reduce' });
  await statusMatches(page, /^step \d+ of 100 /);
  assert.ok(!(await page.textContent('.descent-status')).includes('epoch'));
  const loss = await pixels(page, '.descent-loss-overlay');
  await page.fill('.descent-field-batch input', '4');
  await statusMatches(page, /· epoch 11$/);
  await page.waitForFunction(() => location.hash.includes('batch=4'));
  assert.notEqual((await pixels(page, '.descent-loss-overlay')).hash, loss.hash);
  await clean(page);
});

test('a seeded link gives the page and descent fit the same CSV, byte for byte', async () => {
  const page = await open(browser(), '/#preset=line-fit&batch=4&seed=3&method=adam&lr=0.05', { reducedMotion: 'reduce' });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('.descent-data-edit summary');
  const file = join(mkdtempSync(join(tmpdir(), 'descent-fit-')), 'points.csv');
  writeFileSync(file, await page.inputValue('.descent-data-edit textarea'));
  await page.click('.descent-trace summary');
  await page.waitForSelector('.descent-table tbody tr');
  await page.click('.descent-copy');
  await page.locator('.descent-copy-note', { hasText: 'Copied' }).waitFor();
  const csv = await page.evaluate(() => navigator.clipboard.readText());
  const cli = execFileSync(CLI, ['fit', '--data', file, '--batch', '4', '--seed', '3', '--method', 'adam', '--lr', '0.05', '--format', 'csv'], { encoding: 'utf8' });
  assert.ok(csv.startsWith('step,w,b,loss,batch_loss,lr\n0,0,0,'), csv.slice(0, 80));
  assert.equal(csv.split('\n').length, 103, 'a header, steps 0 to 100, a final newline');
  assert.equal(csv, cli);
  // Another seed, other batches.
  const other = execFileSync(CLI, ['fit', '--data', file, '--batch', '4', '--seed', '4', '--method', 'adam', '--lr', '0.05', '--format', 'csv'], { encoding: 'utf8' });
  assert.notEqual(other, csv);
  await clean(page);
});

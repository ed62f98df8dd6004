// Export → SVG: the page's figure, drawn by the same code as `descent plot`. The same state
// gives the same bytes in the page and on the command line, the file parses as SVG in the
// browser, and nothing is logged to the console.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { open, CLI } from './helpers.mjs';
import { browserForFile, clean } from './suite.mjs';

const browser = browserForFile();

/// The SVG the page's Export → SVG saves, as text.
async function exported(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('.descent-svg')]);
  assert.equal(file.suggestedFilename(), 'descent.svg');
  return readFileSync(await file.path(), 'utf8');
}

/// The link's pairs as `descent plot` flags.
const flags = (hash) => [...new URLSearchParams(hash)].flatMap(([k, v]) => [`--${k}`, v]);

for (const hash of [
  'preset=bowl&lr=0.3&at=5',
  'f=x%5E4%20-%203*x%5E2%20%2B%20x&x0=2&lr=0.05&steps=40&explain=1&at=12',
  'preset=wells&race=gd,momentum,adam&view=3d&yaw=-40&pitch=35&at=9',
]) {
  test(`the page saves the SVG descent plot draws: ${hash}`, async () => {
    const page = await open(browser(), `/#${hash}`, { reducedMotion: 'reduce' });
    const svg = await exported(page);
    const cli = execFileSync(CLI, ['plot', ...flags(hash)], { encoding: 'utf8' });
    assert.ok(svg.length > 1000, `${svg.length} bytes`);
    assert.ok(svg === cli, `the page's SVG (${svg.length} bytes) is the command line's (${cli.length} bytes)`);
    // The browser reads it as an SVG document, with no parse error.
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.localName };
    }, svg);
    assert.deepEqual(parsed, { error: null, root: 'svg' });
    await clean(page);
  });
}

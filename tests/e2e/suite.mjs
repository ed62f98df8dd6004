// What every end-to-end test file shares: one browser for its tests, and the check that ends
// each test's page.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './helpers.mjs';

/// One headless Chromium for the tests of a file: launched before the first, closed after the
/// last. Returns a function that gives it.
export function browserForFile() {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

/// Ends a test's page: no console error and no failed request may have happened on it.
export async function clean(page) {
  assert.deepEqual(page.problems, [], 'no console errors or failed requests');
  await page.context().close();
}

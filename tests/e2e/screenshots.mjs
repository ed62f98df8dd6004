// Takes the screenshots in docs/: `node tests/e2e/screenshots.mjs` with the demo served at
// BASE_URL (cargo xtask serve). The first three show the post's parabola a few steps in, so the
// tangent, the next step's arrow and the fading path are all visible; then a race on a
// surface, Explain mode at both sizes, the maps, and a fit to data.
import { launch, open, settle } from './helpers.mjs';
import { fileURLToPath } from 'node:url';

const docs = fileURLToPath(new URL('../../docs/', import.meta.url));
const browser = await launch();
const shots = [
  ['screenshot.png', { width: 1280, height: 800 }, 'light'],
  ['screenshot-phone.png', { width: 390, height: 844 }, 'light'],
  ['screenshot-dark.png', { width: 1280, height: 800 }, 'dark'],
];
for (const [name, viewport, colorScheme] of shots) {
  const page = await open(browser, '/', { viewport, deviceScaleFactor: 2, colorScheme, reducedMotion: 'reduce' });
  await settle(page);
  await page.selectOption('.descent-field-preset select', 'post-quadratic');
  await page.fill('.descent-field-lr .descent-number', '0.8');
  await page.click('.descent-reset');
  for (let k = 0; k < 4; k++) await page.click('.descent-step');
  await settle(page);
  await page.screenshot({ path: docs + name, fullPage: viewport.width < 500 });
  if (page.problems.length) console.error(name, page.problems);
  await page.context().close();
}
const race = await open(browser, '/#preset=wells&race=gd,momentum,adam', {
  viewport: { width: 1280, height: 800 },
  deviceScaleFactor: 2,
  reducedMotion: 'reduce',
});
await race.screenshot({ path: docs + 'screenshot-race.png' });
if (race.problems.length) console.error('screenshot-race.png', race.problems);
// Explain on: the update written out, the arrows and the gauge, the whole page.
for (const [name, viewport] of [
  ['screenshot-explain.png', { width: 1280, height: 800 }],
  ['screenshot-explain-phone.png', { width: 390, height: 844 }],
]) {
  const page = await open(browser, '/#preset=local&method=momentum&momentum=0.6&lr=0.05&explain=1&at=2', {
    viewport,
    deviceScaleFactor: 2,
    reducedMotion: 'reduce',
  });
  await page.screenshot({ path: docs + name, fullPage: true });
  if (page.problems.length) console.error(name, page.problems);
  await page.context().close();
}
// The maps, each once it is done.
for (const [name, hash] of [
  ['screenshot-basins.png', 'lesson=which-valley'],
  ['screenshot-basins-wells.png', 'lesson=which-valley-wells'],
  ['screenshot-sweep.png', 'lesson=goldilocks'],
  ['screenshot-phase.png', 'preset=local&method=momentum&momentum=0.5&steps=300&map=phase'],
  ['screenshot-maps-phone.png', 'lesson=goldilocks'],
]) {
  const phone = name.includes('phone');
  const page = await open(browser, `/#${hash}`, {
    viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 800 },
    deviceScaleFactor: 2,
    reducedMotion: 'reduce',
  });
  await page.waitForFunction(() => document.querySelector('.descent-map')?.getAttribute('aria-busy') === 'false', null, { timeout: 60000 });
  await page.screenshot({ path: docs + name, fullPage: phone });
  if (page.problems.length) console.error(name, page.problems);
  await page.context().close();
}
// Fitting data: a line fit with one point per step (the data beside the loss surface), on a
// desktop and on a phone.
for (const [name, viewport] of [
  ['screenshot-fit.png', { width: 1280, height: 800 }],
  ['screenshot-fit-phone.png', { width: 390, height: 844 }],
]) {
  const page = await open(browser, '/#lesson=noisy-steps&at=40', { viewport, deviceScaleFactor: 2, reducedMotion: 'reduce' });
  await page.screenshot({ path: docs + name, fullPage: viewport.width < 500 });
  if (page.problems.length) console.error(name, page.problems);
  await page.context().close();
}
// The 3-D view: the first post's h(x, y) = x² + y², Himmelblau, and a race on wells, on a
// desktop and on a phone.
for (const [name, hash] of [
  ['screenshot-3d-bowl', 'preset=bowl&view=3d'],
  ['screenshot-3d-himmelblau', 'preset=himmelblau&view=3d'],
  ['screenshot-3d-race', 'preset=wells&view=3d&race=gd,momentum,adam'],
]) {
  for (const [suffix, viewport] of [['', { width: 1280, height: 800 }], ['-phone', { width: 390, height: 844 }]]) {
    const page = await open(browser, `/#${hash}`, { viewport, deviceScaleFactor: 2, reducedMotion: 'reduce' });
    await page.screenshot({ path: `${docs}${name}${suffix}.png` });
    if (page.problems.length) console.error(name, page.problems);
    await page.context().close();
  }
}
await browser.close();

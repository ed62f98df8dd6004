// Cumulative layout shift, as Lighthouse and Chrome's web vitals count it: the `layout-shift`
// entries (buffered, so those before the observer count too) without recent input, summed,
// read once every demo on the page has mounted and drawn. Used by the benchmark.

/// Records the page's layout shifts from its first moment (in every frame of it).
const observe = () => {
  window.__shifts = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
};

/// Every demo of the document mounted and its figure drawn (the formula is written in the
/// frame that paints the plot).
const mounted = () => {
  const all = [...document.querySelectorAll('[data-descent]')];
  return all.length > 0 && all.every((e) => e.hasAttribute('data-descent-mounted') && e.querySelector('.descent-formula')?.textContent);
};

/// Two frames after `ready` holds in `frame`: anything the mount moved has been laid out and
/// reported.
const settled = (frame) => frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/// The layout shift of loading `path`, the worst over a desktop and a phone viewport. With
/// `iframe`, the page holds the demo in an iframe: the host's shifts and the frame's, added,
/// once the frame has been sized to its demo.
async function shiftOf(browser, base, path, iframe) {
  let worst = 0;
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.addInitScript(observe);
    await page.goto(base + path);
    let total;
    if (iframe) {
      const handle = await page.waitForSelector('iframe');
      const frame = await handle.contentFrame();
      await frame.waitForFunction(mounted);
      // The host sizes the frame when the demo reports its height.
      await page.waitForFunction(() => document.querySelector('iframe').style.height !== '');
      await settled(frame);
      await settled(page);
      total = (await page.evaluate(() => window.__shifts)) + (await frame.evaluate(() => window.__shifts));
    } else {
      await page.waitForFunction(mounted);
      await settled(page);
      total = await page.evaluate(() => window.__shifts);
    }
    worst = Math.max(worst, total);
    await context.close();
  }
  return worst;
}

/// The layout shifts of the full page, the example post and the iframe embed (the embed page
/// alone, and the example page that frames it: the worse of the two).
export async function layoutShifts(browser, base) {
  return {
    cls_page: await shiftOf(browser, base, '/', false),
    cls_blog: await shiftOf(browser, base, '/examples/blog.html', false),
    cls_iframe: Math.max(
      await shiftOf(browser, base, '/www/embed.html#lesson=notch&controls=lr,decay', false),
      await shiftOf(browser, base, '/examples/iframe.html', true),
    ),
  };
}

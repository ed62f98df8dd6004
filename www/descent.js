// descent: one <script src=".../descent.js" defer> mounts an independent demo in every
// <div data-descent> element of the page. It brings its own stylesheet and wasm module,
// both found next to this file, so it works from any static host.
//
// It is a classic script (older snippets load it with type="module", which works as well): a
// host that does not send CORS headers then still runs it, and the box says why the demo
// cannot load instead of staying empty. Whatever the author put inside the box stays until the
// demo mounts, and stays if it never does.
(() => {
  const here = document.currentScript?.src
    ?? [...document.scripts].map((s) => s.src).find((src) => /\/descent\.js([?#]|$)/.test(src))
    ?? new URL('www/descent.js', document.baseURI).href;
  const css = new URL('descent.css', here).href;
  const glue = new URL('pkg/descent.js', here).href;
  const wasm = new URL('pkg/descent_bg.wasm', here).href;
  const linked = [...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === css);
  if (!linked) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = css;
    document.head.append(link);
  }

  // A bug that stops the wasm module (a panic) must not leave a dead page: every demo shows what
  // happened, with a Reset that starts the page again from its default settings.
  const stopped = () => {
    if (document.documentElement.hasAttribute('data-descent-stopped')) return;
    document.documentElement.setAttribute('data-descent-stopped', '');
    for (const el of document.querySelectorAll('[data-descent]')) {
      const banner = document.createElement('div');
      banner.className = 'descent-stopped';
      banner.setAttribute('role', 'alert');
      const words = document.createElement('p');
      words.textContent = 'Something went wrong and the demo stopped. Reset starts it again with its default settings.';
      const reset = document.createElement('button');
      reset.type = 'button';
      reset.className = 'descent-button descent-restart';
      reset.textContent = 'Reset';
      reset.addEventListener('click', () => location.replace(location.pathname + location.search));
      banner.append(words, reset);
      el.prepend(banner);
    }
  };
  const runs = typeof WebAssembly === 'object';
  const isTrap = (error) => runs && error instanceof WebAssembly.RuntimeError;
  addEventListener('error', (e) => { if (isTrap(e.error)) stopped(); });
  addEventListener('unhandledrejection', (e) => { if (isTrap(e.reason)) stopped(); });

  // One line under the author's fallback content in every box that did not mount.
  const failed = (line) => {
    for (const el of document.querySelectorAll('[data-descent]:not([data-descent-mounted])')) {
      const p = document.createElement('p');
      p.className = 'descent-load-failed';
      p.setAttribute('role', 'alert');
      p.textContent = line;
      el.append(p);
    }
  };

  // Why `url` did not load, in words a student understands: asked again, does the host answer
  // with an error, not at all, or only to a request that may not read the answer (no CORS)?
  const cause = async (url, error) => {
    if (runs && error instanceof WebAssembly.CompileError) return 'it is not a WebAssembly module this browser can run';
    try {
      const answer = await fetch(url, { cache: 'no-store' });
      if (!answer.ok) return `the host answered ${answer.status} ${answer.statusText}`.trim();
      return String(error?.message ?? error);
    } catch {
      try {
        await fetch(url, { mode: 'no-cors', cache: 'no-store' });
        return 'its host does not let other sites use its files (it sends no Access-Control-Allow-Origin header)';
      } catch {
        return navigator.onLine === false ? 'this computer is offline' : 'its host could not be reached';
      }
    }
  };
  const loading = async (url, promise) => {
    try {
      return await promise;
    } catch (error) {
      if (isTrap(error)) throw error;
      const reason = await cause(url, error);
      throw Object.assign(new Error(`The demo could not load its module from ${url}: ${reason}.`), { descentLoad: true });
    }
  };

  // The pages that are descent's own (the full demo, the iframe page, served from dist/) name
  // their service worker in <meta name="descent-worker">: it keeps them working offline. A page
  // that only embeds a demo has none, so no worker is ever registered on another site. It is
  // registered once the page has loaded, never before the first frame.
  const offline = () => {
    const meta = document.querySelector('meta[name="descent-worker"]');
    if (!meta || !navigator.serviceWorker) return;
    const register = () => navigator.serviceWorker.register(new URL(meta.content, document.baseURI)).catch(() => {});
    if (document.readyState === 'complete') register();
    else addEventListener('load', register, { once: true });
  };

  const parsed = new Promise((resolve) => {
    if (document.readyState === 'loading') addEventListener('DOMContentLoaded', resolve, { once: true });
    else resolve();
  });
  // The module and its glue load side by side.
  const module = fetch(wasm).then((r) => (r.ok ? r : Promise.reject(new Error(r.statusText))));
  module.catch(() => {}); // Reported below, if the glue loads.
  (async () => {
    if (!runs) throw new Error('this browser cannot run WebAssembly');
    const { default: init, mountAll } = await loading(glue, import(glue));
    await loading(wasm, module.then((response) => init({ module_or_path: response })));
    // For the benchmark: when the module was ready (compiled and instantiated).
    performance.mark('descent-module');
    await parsed;
    mountAll(here);
    offline();
  })().catch((error) => {
    if (isTrap(error)) return stopped();
    failed(error.descentLoad ? error.message : `The demo could not start: ${error?.message ?? error}`);
  });
})();

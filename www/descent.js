// descent: one <script type="module" src=".../descent.js"> mounts an independent demo in every
// <div data-descent> element of the page. It brings its own stylesheet and wasm module,
// both found next to this file, so it works from any static host.
import init, { mountAll } from './pkg/descent.js';

const here = import.meta.url;
const css = new URL('descent.css', here).href;
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
const isTrap = (error) => error instanceof WebAssembly.RuntimeError;
addEventListener('error', (e) => { if (isTrap(e.error)) stopped(); });
addEventListener('unhandledrejection', (e) => { if (isTrap(e.reason)) stopped(); });

init({ module_or_path: new URL('pkg/descent_bg.wasm', here) })
  .then(() => {
    // For the benchmark: when the module was ready (compiled and instantiated).
    performance.mark('descent-module');
    return mountAll(here);
  })
  .catch((err) => {
    if (isTrap(err)) return stopped();
    for (const el of document.querySelectorAll('[data-descent]')) {
      el.textContent = 'The gradient-descent demo could not start in this browser: ' + err;
      el.classList.add('descent-failed');
    }
  });

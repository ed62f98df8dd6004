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

init({ module_or_path: new URL('pkg/descent_bg.wasm', here) })
  .then(() => mountAll(here))
  .catch((err) => {
    for (const el of document.querySelectorAll('[data-descent]')) {
      el.textContent = 'The gradient-descent demo could not start in this browser: ' + err;
      el.classList.add('descent-failed');
    }
  });

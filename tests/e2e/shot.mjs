// A one-off screenshot (not a test): node shot.mjs PATH OUT [width height]
import { launch, open } from './helpers.mjs';
const [path, out, w = 1280, h = 800] = process.argv.slice(2);
const b = await launch();
const p = await open(b, path, { viewport: { width: +w, height: +h }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
await p.waitForTimeout(800);
await p.screenshot({ path: out, fullPage: false });
console.log(p.problems);
await b.close();

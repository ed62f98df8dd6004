// The benchmark's reference: descent's default figure (f(x) = x² from x0 = 8, 30 steps of
// gradient descent) in plain JavaScript and Canvas2D, with one slider for the learning rate.
// It records when its first figure is drawn (window.plainFirstFrameMs, from navigation).
const f = (x) => x * x;
const df = (x) => 2 * x;
const X = [-10, 10];
const STEPS = 30;
const plot = document.getElementById('plot');
const loss = document.getElementById('loss');
const status = document.getElementById('status');
const slider = document.getElementById('lr');

/// The run: x and f(x) at every step.
const run = (lr) => {
  const xs = [8];
  for (let k = 0; k < STEPS; k++) xs.push(xs[k] - lr * df(xs[k]));
  return xs;
};

/// Sizes a canvas's backing store to its CSS box at the device pixel ratio; its context, its
/// CSS width and height.
const fit = (canvas) => {
  const dpr = devicePixelRatio;
  const r = canvas.getBoundingClientRect();
  const [w, h] = [Math.round(r.width * dpr), Math.round(r.height * dpr)];
  // Resized only when its box changed (a new backing store costs more than the drawing).
  if (canvas.width !== w || canvas.height !== h) [canvas.width, canvas.height] = [w, h];
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return [ctx, r.width, r.height];
};

/// Axes with five ticks each way, and a map from data to CSS pixels.
const axes = (ctx, w, h, x, y) => {
  const m = { l: 52, r: 14, t: 10, b: 26 };
  const px = (v) => m.l + ((v - x[0]) / (x[1] - x[0])) * (w - m.l - m.r);
  const py = (v) => h - m.b - ((v - y[0]) / (y[1] - y[0])) * (h - m.t - m.b);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = '#d8dee4';
  ctx.fillStyle = '#57606a';
  ctx.font = '12px sans-serif';
  ctx.lineWidth = 1;
  for (let k = 0; k <= 4; k++) {
    const vx = x[0] + ((x[1] - x[0]) * k) / 4;
    const vy = y[0] + ((y[1] - y[0]) * k) / 4;
    ctx.beginPath();
    ctx.moveTo(px(vx), m.t);
    ctx.lineTo(px(vx), h - m.b);
    ctx.moveTo(m.l, py(vy));
    ctx.lineTo(w - m.r, py(vy));
    ctx.stroke();
    ctx.textAlign = 'center';
    ctx.fillText(String(+vx.toFixed(2)), px(vx), h - 8);
    ctx.textAlign = 'right';
    ctx.fillText(String(+vy.toFixed(2)), m.l - 6, py(vy) + 4);
  }
  return [px, py];
};

const dot = (ctx, x, y, r, colour) => {
  ctx.fillStyle = colour;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fill();
};

let at = 0;
const draw = () => {
  const lr = slider.value / 1000;
  const xs = run(lr);
  const [ctx, w, h] = fit(plot);
  const [px, py] = axes(ctx, w, h, X, [0, 100]);
  ctx.strokeStyle = '#0072b2';
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (let k = 0; k <= 400; k++) {
    const x = X[0] + ((X[1] - X[0]) * k) / 400;
    if (k === 0) ctx.moveTo(px(x), py(f(x)));
    else ctx.lineTo(px(x), py(f(x)));
  }
  ctx.stroke();
  at = Math.min(STEPS, 8);
  ctx.strokeStyle = '#d55e00';
  ctx.beginPath();
  xs.slice(0, at + 1).forEach((x, k) => (k ? ctx.lineTo(px(x), py(f(x))) : ctx.moveTo(px(x), py(f(x)))));
  ctx.stroke();
  xs.slice(0, at).forEach((x) => dot(ctx, px(x), py(f(x)), 3, '#d55e00'));
  const x = xs[at];
  // The tangent, and the next step's arrow.
  ctx.strokeStyle = '#009e73';
  ctx.beginPath();
  ctx.moveTo(px(x - 2), py(f(x) - 2 * df(x)));
  ctx.lineTo(px(x + 2), py(f(x) + 2 * df(x)));
  ctx.stroke();
  ctx.strokeStyle = '#c2549a';
  ctx.beginPath();
  ctx.moveTo(px(x), py(f(x)));
  ctx.lineTo(px(x - lr * df(x)), py(f(x)));
  ctx.stroke();
  dot(ctx, px(x), py(f(x)), 7, '#d55e00');
  const [lctx, lw, lh] = fit(loss);
  const [lx, ly] = axes(lctx, lw, lh, [0, STEPS], [0, f(8)]);
  lctx.strokeStyle = '#d55e00';
  lctx.lineWidth = 2;
  lctx.beginPath();
  xs.forEach((v, k) => (k ? lctx.lineTo(lx(k), ly(f(v))) : lctx.moveTo(lx(k), ly(f(v)))));
  lctx.stroke();
  status.textContent = `step ${at} of ${STEPS}: x = ${x.toPrecision(5)}, f(x) = ${f(x).toPrecision(5)}, learning rate ${lr}`;
};

let queued = false;
slider.addEventListener('input', () => {
  if (queued) return;
  queued = true;
  requestAnimationFrame(() => {
    queued = false;
    draw();
  });
});
draw();
window.plainFirstFrameMs = performance.now();

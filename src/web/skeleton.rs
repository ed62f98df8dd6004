//! The fixed part of a demo's page, as one HTML template: parsed by the browser in one go
//! (`innerHTML`), then its elements looked up by class. Building the same elements one call at
//! a time cost some 10 KB of the wasm module (every tag, class, attribute and append a call of
//! its own). The controls of the parameter table, and everything that depends on a demo's
//! settings or on what a person types, are still made element by element and take their text
//! through text nodes only: nothing but this constant is ever parsed as HTML.
//!
//! The template has no inline script, style or handler (the strict Content-Security-Policy):
//! the canvases' positions are set through the CSSOM ([`super::layout::Chart::find`]).

/// The demo: the stage (notice, formula, caption, error, goal, the views, the toolbar, the
/// legend, the status, the This step panel, the small charts, the read-out) beside the panel
/// (the controls' groups, the trace table, sharing). [`super::controls`] puts each control in
/// `.descent-controls`, `.descent-more-grid` or `.descent-toolbar`.
pub const SKELETON: &str = "\
<div class=\"descent-layout\"><div class=\"descent-stage\">\
<p class=\"descent-notice\" role=\"status\" hidden></p>\
<p class=\"descent-formula\"></p>\
<p class=\"descent-caption\" aria-live=\"polite\" hidden></p>\
<p class=\"descent-error\" role=\"alert\" hidden></p>\
<p class=\"descent-goal\" hidden></p>\
<div class=\"descent-views\">\
<div class=\"descent-plot\"><canvas class=\"descent-base\" aria-hidden=\"true\"></canvas>\
<canvas class=\"descent-overlay\" role=\"img\" tabindex=\"0\"></canvas></div>\
<section class=\"descent-data\" hidden><h3 class=\"descent-data-title\">The data</h3>\
<div class=\"descent-data-chart\" role=\"img\"><canvas class=\"descent-data-base\"></canvas>\
<canvas class=\"descent-data-overlay\"></canvas></div>\
<p class=\"descent-data-note\">Drag a point to move it, click empty space to add one, \
double-click or hold one to remove it.</p>\
<details class=\"descent-data-edit\"><summary>Edit the points as text</summary>\
<textarea class=\"descent-data-text\" aria-label=\"The points, one x,y per line\" \
spellcheck=\"false\" rows=\"6\"></textarea>\
<button class=\"descent-button\" type=\"button\" data-action=\"data\">Apply</button>\
</details></section>\
<section class=\"descent-map\" hidden><h3 class=\"descent-map-title\"></h3>\
<div class=\"descent-map-chart\" role=\"img\"><canvas class=\"descent-map-base\"></canvas>\
<canvas class=\"descent-map-overlay\"></canvas></div>\
<ul class=\"descent-map-key\"></ul><p class=\"descent-map-note\"></p></section>\
</div>\
<div class=\"descent-toolbar\"><div class=\"descent-buttons\" role=\"group\" aria-label=\"Playback\">\
<button class=\"descent-button descent-play\" type=\"button\" title=\"Play or pause (Space)\" \
data-action=\"play\">Play</button>\
<button class=\"descent-button descent-back\" type=\"button\" title=\"One step back (←)\" \
data-action=\"back\">Step back</button>\
<button class=\"descent-button descent-step\" type=\"button\" title=\"One step (→)\" \
data-action=\"step\">Step</button>\
<button class=\"descent-button descent-reset\" type=\"button\" title=\"Back to the start (R)\" \
data-action=\"reset\">Reset</button></div>\
<button class=\"descent-button descent-view-reset\" type=\"button\" \
title=\"Turn the 3-D view back to its first angle\" data-action=\"view-reset\">Reset view</button>\
<label class=\"descent-scrub\"><span>Step</span>\
<input class=\"descent-slider\" type=\"range\" data-key=\"seek\" min=\"0\"></label>\
</div>\
<ul class=\"descent-legend\" aria-label=\"Race\" hidden></ul>\
<p class=\"descent-status\" role=\"status\" aria-live=\"polite\"></p>\
<p class=\"descent-reason\"></p>\
<section class=\"descent-explain\" hidden><h2 class=\"descent-explain-title\">This step</h2>\
<p class=\"descent-explain-lines\"></p>\
<ul class=\"descent-arrow-key\" aria-label=\"Arrows on the plot\">\
<li class=\"descent-arrow-grad\">gradient step −η·∇f</li>\
<li class=\"descent-arrow-carried\">carried velocity</li>\
<li class=\"descent-arrow-step\">step taken</li>\
<li class=\"descent-arrow-full\">the step all the points would take</li></ul>\
<meter class=\"descent-gauge\" min=\"0\" max=\"4\" low=\"1.999\" high=\"2\" optimum=\"0\" \
aria-label=\"η·f″ against the limit 2\"></meter>\
<p class=\"descent-gauge-words\"></p></section>\
<div class=\"descent-charts\"><div class=\"descent-chart\">\
<p class=\"descent-loss-title\" aria-hidden=\"true\">f(x) at each step</p>\
<div class=\"descent-loss\" role=\"img\" aria-label=\"Chart of f(x) at each step\">\
<canvas class=\"descent-loss-base\"></canvas><canvas class=\"descent-loss-overlay\"></canvas>\
</div></div>\
<div class=\"descent-chart descent-chart-rate\">\
<p class=\"descent-loss-title\" aria-hidden=\"true\">η at each step</p>\
<div class=\"descent-rate\" role=\"img\" aria-label=\"Chart of the learning rate η at each step\">\
<canvas class=\"descent-rate-base\"></canvas><canvas class=\"descent-rate-overlay\"></canvas>\
</div></div></div>\
<p class=\"descent-readout\" aria-hidden=\"true\"></p>\
<p class=\"descent-said\" aria-live=\"polite\"></p>\
</div>\
<div class=\"descent-panel\"><div class=\"descent-controls\">\
<p class=\"descent-alert\" role=\"alert\" hidden></p></div>\
<details class=\"descent-more\"><summary>More settings</summary>\
<div class=\"descent-more-grid\"></div></details>\
<details class=\"descent-trace\"><summary>Trace table</summary>\
<div class=\"descent-table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Trace table\">\
<table class=\"descent-table\"></table></div>\
<div class=\"descent-trace-tools\">\
<button class=\"descent-button descent-copy\" type=\"button\" title=\"Copy the trace as CSV\" \
data-action=\"copy\">Copy CSV</button>\
<span class=\"descent-copy-note\" role=\"status\"></span></div></details>\
<div class=\"descent-share\" role=\"group\" aria-label=\"Share and export\">\
<div class=\"descent-share-buttons\">\
<button class=\"descent-button descent-link\" type=\"button\" \
title=\"Copy a link that reopens this state\" data-action=\"link\">Copy link</button>\
<button class=\"descent-button descent-embed\" type=\"button\" \
title=\"Show the code to embed this state\" data-action=\"embed\" aria-expanded=\"false\">Embed</button>\
<button class=\"descent-button descent-png\" type=\"button\" \
title=\"Save the plot as a PNG image, at twice the size\" data-action=\"png\">PNG</button>\
<button class=\"descent-button descent-svg\" type=\"button\" \
title=\"Save the plot and the loss chart as an SVG figure, as descent plot draws it\" \
data-action=\"svg\">SVG</button>\
<button class=\"descent-button descent-csv\" type=\"button\" title=\"Save the trace as a CSV file\" \
data-action=\"csv\">CSV</button></div>\
<p class=\"descent-share-note\" role=\"status\"></p>\
<div class=\"descent-snippets\" hidden>\
<div class=\"descent-field descent-field-snippet\">\
<label class=\"descent-label\">As an iframe</label>\
<textarea class=\"descent-snippet\" readonly rows=\"4\" spellcheck=\"false\"></textarea></div>\
<div class=\"descent-field descent-field-snippet\">\
<label class=\"descent-label\">As a script and a div</label>\
<textarea class=\"descent-snippet\" readonly rows=\"4\" spellcheck=\"false\"></textarea></div>\
</div></div>\
</div></div>";

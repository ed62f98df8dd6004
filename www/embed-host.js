// For pages that embed descent in an <iframe>: each frame reports the height of its content,
// and this sizes the frame to fit it, so it never shows a scroll bar.
addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.descent !== 'height' || !Number.isFinite(data.height)) return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) frame.style.height = `${Math.ceil(data.height)}px`;
  }
});

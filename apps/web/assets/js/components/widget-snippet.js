// The widget's copy-paste snippet and its live preview. The preview runs the
// real /widget.js from this origin in preview mode (data-preview: it shows the
// survey but stores no answer); a same-origin GET carries no Origin header,
// so the preview needs no allowed origin.
import { h } from '../dom.js';

/** The script tag to paste into a page, one attribute per line. */
export function snippetText({ scriptUrl, publishableKey, touchpointKey, locale, signed }) {
  const attrs = [
    `src="${scriptUrl}"`,
    `data-workspace-key="${publishableKey}"`,
    `data-touchpoint="${touchpointKey}"`,
    locale && `data-locale="${locale}"`,
    // Filled in by the site's server: the id and its HMAC-SHA256 with the identity secret.
    signed && 'data-person-id="<%= user.id %>"',
    signed && 'data-person-hash="<%= userHash %>"',
    'async',
  ].filter(Boolean);
  return `<script\n  ${attrs.join('\n  ')}\n></script>`;
}

let runs = 0;

/**
 * Shows a fresh run of the widget for the touchpoint in `slot`. Each run gets
 * its own target: a run still fetching when the next starts renders into its
 * own hidden target (the widget falls back to <body> when its target is gone).
 */
export function runPreview(slot, { publishableKey, touchpointKey, locale }) {
  for (const old of slot.querySelectorAll('.preview-run')) {
    if (old.childElementCount > 0) old.remove();
    else Object.assign(old, { hidden: true }).removeAttribute('data-testid');
  }
  for (const script of slot.querySelectorAll('script')) script.remove();
  if (!touchpointKey) return;
  const id = `widget-preview-${++runs}`;
  slot.append(h('div', { id, class: 'preview-run', 'data-testid': 'widget-preview-target' }));
  const script = document.createElement('script');
  script.src = '/widget.js';
  Object.assign(script.dataset, { workspaceKey: publishableKey, touchpoint: touchpointKey, target: `#${id}`, preview: 'true' });
  if (locale) script.dataset.locale = locale;
  slot.append(script);
}

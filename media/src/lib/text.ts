// Showing server text as text: bidi-isolated (a right-to-left name cannot reorder what follows it),
// long values folded with a "Show all" button, and invisible direction or zero-width characters pointed out.
import { h } from './dom';

/** Characters that reorder or hide text; a reviewer should know they are there. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\uFEFF]/g;
/** Longer values are folded; the full text is one click (or Compare / Open as JSON) away. */
export const FOLD_AT = 1_000;
/**
 * Wrapping one unbroken run of many thousand characters costs the browser seconds (a 1 MB run: half a minute),
 * so text with such a run is shown unwrapped, scrolling sideways.
 */
const UNBROKEN_RUN = /\S{2000}/;

export function invisibleCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(INVISIBLE)) {
    found.add(`U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
    if (found.size >= 8) break;
  }
  return [...found];
}

/** An isolated run of server text: `dir=auto` lets RTL text read naturally without leaking its direction. */
export function textSpan(text: string, className = 'value'): HTMLSpanElement {
  return h('span', { class: className, dir: 'auto' }, text);
}

/** A value that may be long or contain line breaks, with a warning about invisible characters. */
export function valueBlock(text: string, label: string): HTMLElement {
  const container = h('div', { class: 'value-block' });
  const body = h('span', { class: UNBROKEN_RUN.test(text) ? 'value multiline nowrap' : 'value multiline', dir: 'auto' });
  container.append(body);
  if (text.length > FOLD_AT) {
    body.textContent = text.slice(0, FOLD_AT);
    const more = h('span', { class: 'fold-marker', 'aria-hidden': 'true' }, '…');
    const toggle = h('button', { type: 'button', class: 'link-button', 'aria-expanded': 'false', 'aria-label': `Show all of ${label}` }, `Show all (${text.length.toLocaleString('en-US')} characters)`);
    toggle.addEventListener('click', () => {
      const expanded = toggle.getAttribute('aria-expanded') === 'true';
      body.textContent = expanded ? text.slice(0, FOLD_AT) : text;
      more.hidden = !expanded;
      toggle.setAttribute('aria-expanded', String(!expanded));
      toggle.textContent = expanded ? `Show all (${text.length.toLocaleString('en-US')} characters)` : 'Show less';
    });
    container.append(more, toggle);
  } else {
    body.textContent = text;
  }
  const invisible = invisibleCharacters(text);
  if (invisible.length > 0) {
    container.append(h('p', { class: 'warning', role: 'note' }, `Contains invisible direction or zero-width characters (${invisible.join(', ')}): the text may not read as it looks.`));
  }
  return container;
}

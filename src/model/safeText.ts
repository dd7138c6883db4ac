// Makes server text safe to show on one line: a hostile summary or display name must not be able to fake
// another label, hide text, reverse the reading order or break a line.

// Bidi embeddings/overrides/isolates and marks, zero-width space, word joiners and the BOM: invisible characters
// that can reorder or hide text. Shown as visible escapes so a reviewer sees that they were there. The zero-width
// (non-)joiners U+200C/U+200D stay: Persian, Indic scripts and emoji sequences need them.
const INVISIBLE = /[\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\uFEFF]/;
// C0 and C1 controls except tab, CR and LF (line breaks are handled separately), and DEL.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Anything singleLine would change: controls, invisible/bidi characters, tabs, line breaks, surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SPECIAL = /[\u0000-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\uFEFF\u2028\u2029\uD800-\uDFFF]/;

export const DEFAULT_LABEL_LENGTH = 120;

function escapeCodePoint(ch: string): string {
  return `\\u${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * One line of readable text: line breaks become ' ↵ ', tabs a space, control and invisible/bidi characters
 * a visible escape such as '\u202E', broken surrogates U+FFFD; truncated to `maxLength` code points with '…'
 * (an escape is never cut in half).
 */
export function singleLine(text: string, maxLength = DEFAULT_LABEL_LENGTH): string {
  const limit = Math.max(1, Math.floor(maxLength));
  // Most labels are short plain text: return them untouched without walking them character by character.
  if (text.length <= limit && !SPECIAL.test(text)) return text;
  // Every code point takes at most two code units and yields at least one character, so nothing past this
  // cut can reach the output; it keeps a 100 KB value from being walked whole for a 120-character label.
  const cut = text.length > 2 * limit + 2 ? text.slice(0, 2 * limit + 2) : text;
  const flattened = cut.replace(LONE_SURROGATE, '\uFFFD').replace(LINE_BREAK, ' ↵ ').replace(/\t/g, ' ');
  const pieces: string[] = [];
  const lengths: number[] = [];
  let length = 0;
  for (const ch of flattened) {
    const piece = CONTROL.test(ch) || INVISIBLE.test(ch) ? escapeCodePoint(ch) : ch;
    const pieceLength = piece === ch ? 1 : piece.length;
    if (length + pieceLength > limit) {
      while (length > limit - 1) {
        pieces.pop();
        length -= lengths.pop() ?? length;
      }
      return `${pieces.join('').trimEnd()}…`;
    }
    pieces.push(piece);
    lengths.push(pieceLength);
    length += pieceLength;
  }
  return pieces.join('');
}

// Text from records and case files put into Markdown as text only: every such value goes into a code span,
// where Markdown makes no link, image, HTML or emphasis of it, on one line (singleLine shows line breaks,
// controls and bidi overrides visibly). In a table cell a pipe is escaped, as GFM asks even inside code.
// No vscode import.
import { singleLine } from '../model/safeText';

/** A value as inline code: `text`, with a fence longer than any run of backticks in it. */
export function code(text: string, maxLength = 200, inTable = false): string {
  const line = singleLine(text, maxLength);
  if (line.trim() === '') return '(empty)';
  const longestRun = Math.max(0, ...[...line.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  // The spaces inside the fence are stripped again by Markdown (one on each side), so a value that begins
  // or ends with a backtick or a space still reads as it is.
  const span = `${fence} ${line} ${fence}`;
  return inTable ? span.replace(/\|/g, '\\|') : span;
}

/** A table row of cells already made safe (by code() or fixed text). */
export function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)];
}

// Streams the JSON values of a file: JSON Lines (one value a line: our JSON Lines export, Cloud records, Data
// Center audit log files and events, one saved page a line), or JSON documents spread over lines (a saved API
// answer, pretty-printed, several one after another, or an array of them). Memory holds one value at a time:
// one line, one document, or one element of a top-level array.
import { ExportFileError } from '../../../exportFile/read/csvRows';

export type ValueHandler = (value: unknown, line: number) => void;

/** The most characters one JSON document may hold (a saved page is a few MB; this guards the host's memory). */
export const MAX_DOCUMENT_CHARS = 256 * 1024 * 1024;

function parseValue(text: string, line: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ExportFileError('this is not valid JSON (JSON Lines, or JSON documents, were expected)', line);
  }
}

/**
 * Reads every value; resolves with how many were read. A line longer than `maxLineChars` is refused before it
 * is held whole (a file without line breaks would otherwise be read into memory at once).
 */
export async function readJsonValues(text: AsyncIterable<string>, onValue: ValueHandler, signal?: AbortSignal, maxLineChars = MAX_DOCUMENT_CHARS): Promise<number> {
  let pending = '';
  let line = 0;
  let count = 0;
  let scanner: DocumentScanner | undefined;
  const take = (lineText: string): void => {
    line++;
    if (scanner) return scanner.feed(lineText, line);
    const trimmed = lineText.trim();
    if (trimmed === '') return;
    // A whole line that is one value is JSON Lines; the first line that is not starts a document.
    if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
      let value: unknown;
      try {
        value = JSON.parse(trimmed) as unknown;
      } catch {
        value = undefined;
      }
      if (value !== undefined) {
        count++;
        return onValue(value, line);
      }
    }
    if (count > 0) throw new ExportFileError('this line is not a JSON value like the lines before it', line);
    scanner = new DocumentScanner((value, at) => {
      count++;
      onValue(value, at);
    });
    scanner.feed(lineText, line);
  };
  for await (const chunk of text) {
    if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
    pending += chunk;
    if (pending.length > maxLineChars && !pending.includes('\n')) {
      throw new ExportFileError(`a line is longer than ${Math.round(maxLineChars / 1024 / 1024)} MiB of text`, line + 1);
    }
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      take(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  }
  if (pending !== '') take(pending);
  scanner?.end(line);
  return count;
}

/**
 * Finds where each top-level JSON value ends (or each element of a top-level array), tracking nesting and
 * strings, and parses it. Fed line by line.
 */
class DocumentScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private inArray = false;
  private value = '';
  private valueLine = 0;

  constructor(private readonly onValue: ValueHandler) {}

  feed(lineText: string, line: number): void {
    const text = `${lineText}\n`;
    let start = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92) this.escaped = true;
        else if (c === 34) this.inString = false;
        continue;
      }
      const base = this.inArray ? 1 : 0;
      if (this.depth === base) {
        // Between values: whitespace, commas between array elements, the array's own brackets.
        if (c === 32 || c === 9 || c === 10 || c === 13) continue;
        if (this.inArray && c === 44) continue;
        if (!this.inArray && c === 91 && this.value === '') {
          this.inArray = true;
          this.depth = 1;
          continue;
        }
        if (this.inArray && c === 93) {
          this.inArray = false;
          this.depth = 0;
          continue;
        }
        if (c !== 123 && c !== 91) throw new ExportFileError(`unexpected ${JSON.stringify(text[i])} where a JSON object was expected`, line);
        start = i;
        this.valueLine = line;
      }
      if (c === 34) this.inString = true;
      else if (c === 123 || c === 91) this.depth++;
      else if (c === 125 || c === 93) {
        this.depth--;
        if (this.depth === base) {
          const piece = text.slice(start === -1 ? 0 : start, i + 1);
          const whole = this.value + piece;
          this.value = '';
          start = -1;
          this.onValue(parseValue(whole, this.valueLine), this.valueLine);
        }
      }
    }
    if (this.depth > (this.inArray ? 1 : 0) || this.inString) {
      this.value += start === -1 ? text : text.slice(start);
      if (this.value.length > MAX_DOCUMENT_CHARS) throw new ExportFileError(`a JSON document starting here is larger than ${MAX_DOCUMENT_CHARS / 1024 / 1024} MB; save it as JSON Lines to open it`, this.valueLine);
    }
  }

  end(line: number): void {
    if (this.depth !== 0 || this.inString) throw new ExportFileError('this is not valid JSON: the file ends inside the JSON document that starts here (it was cut short)', this.valueLine || line);
  }
}

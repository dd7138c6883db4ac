// Streams CSV text through papaparse row by row, with the physical line each row starts on (quoted cells
// may span lines), so a problem can be reported as "line N". Memory stays flat: papaparse keeps only the
// unfinished row between chunks, and the text is kept only from the current row on (RowText).
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import * as Papa from 'papaparse';
import { RowText } from './rowText';

/** A problem in a file being read, with the line it is on (1-based) when known. */
export class ExportFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `Line ${line}: ${message}`);
    this.name = 'ExportFileError';
  }
}

/**
 * The longest row and cell read. papaparse holds a row until it ends, so a quoted cell never closed would
 * otherwise pull the rest of the file into one string; beyond these the file is refused instead.
 */
export interface RowLimits {
  maxRowChars: number;
  maxCellChars: number;
}

export const DEFAULT_ROW_LIMITS: RowLimits = { maxRowChars: 16 * 1024 * 1024, maxCellChars: 8 * 1024 * 1024 };

/** Called with each non-empty row; throwing stops the read and rejects with the error. */
export type RowHandler = (cells: string[], line: number) => void;

/** Line breaks inside a cell: CRLF, LF and a lone CR each count once, as editors count them. */
export function lineBreaksIn(cell: string): number {
  let n = 0;
  for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n++;
  for (let i = cell.indexOf('\r'); i !== -1; i = cell.indexOf('\r', i + 1)) if (cell.charCodeAt(i + 1) !== 10) n++;
  return n;
}

function breaksInRow(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) if (cell.length > 0 && (cell.includes('\n') || cell.includes('\r'))) n += lineBreaksIn(cell);
  return n;
}

/**
 * Reads every row; resolves with the number of non-empty rows. Blank lines are skipped but counted as lines.
 * The line break is taken from the first line (papaparse would guess from its first chunk, which may end
 * before the first line does).
 */
export async function readCsvRows(text: AsyncIterable<string>, onRow: RowHandler, signal?: AbortSignal, limits: RowLimits = DEFAULT_ROW_LIMITS): Promise<number> {
  const { newline, rest } = await detectNewline(text);
  const rowText = new RowText(newline);
  const bounded = async function* (): AsyncIterable<string> {
    for await (const chunk of rowText.keep(rest)) {
      // The row being read has grown past the limit before papaparse could end it.
      if (rowText.held > limits.maxRowChars + chunk.length) throw new ExportFileError(rowTooLong(limits.maxRowChars));
      yield chunk;
    }
  };
  return parseRows(bounded(), newline, rowText, onRow, signal, limits);
}

function mib(chars: number): number {
  return Math.round(chars / 1024 / 1024);
}

function rowTooLong(maxChars: number): string {
  return `a row is longer than ${mib(maxChars)} MiB of text (is a quoted cell never closed?); the file is not opened, to protect VS Code's memory`;
}

async function detectNewline(text: AsyncIterable<string>): Promise<{ newline: '\r\n' | '\n' | '\r'; rest: AsyncIterable<string> }> {
  const iterator = text[Symbol.asyncIterator]();
  const head: string[] = [];
  let seen = '';
  let newline: '\r\n' | '\n' | '\r' = '\r\n';
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    seen += next.value;
    const lf = seen.indexOf('\n');
    const cr = seen.indexOf('\r');
    if (cr !== -1 && cr === seen.length - 1 && lf === -1) continue; // a CR at the end: is an LF next?
    if (lf !== -1 && (cr === -1 || cr > lf)) newline = '\n';
    else if (cr !== -1) newline = seen.charCodeAt(cr + 1) === 10 ? '\r\n' : '\r';
    else continue;
    break;
  }
  async function* rest(): AsyncIterable<string> {
    try {
      yield* head;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // Stopped early (a bad row, a cancel): the source is told, so that it closes its file now.
      await iterator.return?.();
    }
  }
  return { newline, rest: rest() };
}

function parseRows(text: AsyncIterable<string>, newline: '\r\n' | '\n' | '\r', rowText: RowText, onRow: RowHandler, signal: AbortSignal | undefined, limits: RowLimits): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const input = Readable.from(text, { objectMode: true });
    let line = 1;
    let rowStart = 0;
    let rows = 0;
    let failure: unknown;
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (!input.destroyed) input.destroy();
      if (error === undefined) resolve(rows);
      else reject(error instanceof Error ? error : new Error('CSV reading failed'));
    };
    const onAbort = (): void => finish(signal?.reason instanceof Error ? signal.reason : new Error('cancelled'));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    Papa.parse<string[]>(input, {
      header: false,
      // Audit exports are comma-separated; papaparse's guess can pick a tab in a small file whose values hold tabs.
      delimiter: ',',
      newline,
      dynamicTyping: false,
      skipEmptyLines: false,
      step: (results, parser) => {
        if (settled) return parser.abort();
        const cells = results.data;
        const start = line;
        const rowEnd = results.meta.cursor;
        const rowLength = rowEnd - rowStart;
        // Only a row whose text holds a line break besides its own end needs its cells counted.
        if (rowText.breaksWithin(rowStart, rowEnd)) line += breaksInRow(cells);
        line++;
        rowStart = rowEnd;
        rowText.release(rowEnd);
        try {
          const error = results.errors[0];
          if (error) throw new ExportFileError(describePapaError(error), start);
          if (cells.length === 1 && cells[0] === '') return;
          // No cell is longer than its row: most rows need no look at their cells.
          if (rowLength > limits.maxCellChars && cells.some((c) => c.length > limits.maxCellChars)) {
            throw new ExportFileError(`a cell is longer than ${mib(limits.maxCellChars)} MiB of text; the file is not opened, to protect VS Code's memory`, start);
          }
          rows++;
          onRow(cells, start);
        } catch (e) {
          failure = e;
          parser.abort();
          finish(e);
        }
      },
      complete: () => finish(failure),
      error: (error: Error) => finish(error),
    });
  });
}

function describePapaError(error: Papa.ParseError): string {
  switch (error.code) {
    case 'MissingQuotes':
      return 'a quoted cell is never closed (a double quote is missing)';
    case 'InvalidQuotes':
      return 'a quoted cell is followed by other characters (a stray double quote)';
    default:
      return `the CSV cannot be read (${error.message})`;
  }
}

/** Decodes UTF-8 bytes to text chunk by chunk; invalid UTF-8 is an error, never silently replaced. */
export async function* utf8Text(bytes: AsyncIterable<Uint8Array>): AsyncIterable<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  for await (const chunk of bytes) {
    yield decode(decoder, chunk, offset, true);
    offset += chunk.length;
  }
  yield decode(decoder, new Uint8Array(0), offset, false);
}

function decode(decoder: TextDecoder, chunk: Uint8Array, offset: number, stream: boolean): string {
  try {
    return decoder.decode(chunk, { stream });
  } catch {
    throw new ExportFileError(`the file is not UTF-8 text (an invalid byte sequence near byte ${offset})`);
  }
}

// A pass-through stream placed between the download and its temporary file: it takes the SHA-256, the size
// and (for a CSV) the record count while the bytes go by, so the manifest needs no second read of the file.
// Chunks are passed on untouched, and pipe() keeps the file's backpressure.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import * as Papa from 'papaparse';
import { FILE_CHUNK_BYTES } from '../read/localFile';
import { CsvEndCheck } from './csvEndCheck';
import { FormulaCellCounter } from './formulaCells';
import { CsvRecordCounter } from './csvRecordCounter';
import { Utf8Validator } from './utf8Validator';

export interface StreamedDigest {
  bytes: number;
  sha256: string;
  /** Undefined when the count needs the papaparse reading (a ZIP, or a CSV the streaming count declines). */
  records: number | undefined;
  /** For a CSV that does not end like a complete file (a body ended mid-row): why. */
  incomplete?: string;
  /** For a CSV: cells a spreadsheet program would run as formulas. */
  formulaCells?: number;
}

export class DigestingStream extends Transform {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly counter: CsvRecordCounter | undefined;
  private readonly endCheck: CsvEndCheck | undefined;
  private readonly formulas: FormulaCellCounter | undefined;
  private readonly utf8 = new Utf8Validator();
  /** The file's first FILE_CHUNK_BYTES: the chunk papaparse guesses the delimiter from. */
  private readonly head: Uint8Array[] = [];
  private headBytes = 0;
  private digest: StreamedDigest | undefined;

  constructor(csv: boolean) {
    super();
    this.counter = csv ? new CsvRecordCounter() : undefined;
    this.endCheck = csv ? new CsvEndCheck() : undefined;
    this.formulas = csv ? new FormulaCellCounter() : undefined;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (this.counter) {
      this.counter.update(chunk);
      this.endCheck?.update(chunk);
      this.formulas?.update(chunk);
      this.utf8.update(chunk);
      if (this.headBytes < FILE_CHUNK_BYTES) {
        const part = chunk.subarray(0, FILE_CHUNK_BYTES - this.headBytes);
        this.head.push(Uint8Array.from(part));
        this.headBytes += part.length;
      }
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const incomplete = this.endCheck?.problem();
    this.digest = {
      bytes: this.bytes,
      sha256: this.hash.digest('hex'),
      records: this.csvRecords(),
      ...(incomplete === undefined ? {} : { incomplete }),
      ...(this.formulas ? { formulaCells: this.formulas.formulaCells } : {}),
    };
    callback();
  }

  /** The digest of everything written; only once the stream has finished. */
  result(): StreamedDigest {
    if (!this.digest) throw new Error('DigestingStream: the stream has not finished');
    return this.digest;
  }

  private csvRecords(): number | undefined {
    const counter = this.counter;
    if (!counter) return undefined;
    const records = counter.finish();
    const newline = counter.detectedNewline;
    if (records === undefined || newline === undefined || !this.utf8.finish()) return undefined;
    return papaparseReadsCommas(Buffer.concat(this.head), newline) ? records : undefined;
  }
}

/**
 * papaparse guesses the delimiter from its first chunk (the file's first FILE_CHUNK_BYTES, decoded); the
 * streaming count assumes commas, so any other guess (or none) leaves the count to papaparse.
 */
function papaparseReadsCommas(head: Uint8Array, newline: '\r\n' | '\n'): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return false;
  }
  const guess = Papa.parse<string[]>(text, { newline, preview: 1 });
  return guess.meta.delimiter === ',' && !guess.errors.some((e) => e.code === 'UndetectableDelimiter');
}

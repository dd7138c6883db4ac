// Reads one entry of a ZIP file without extracting anything to disk. The central directory is read
// first (random access), so the entry count and every name are checked before a byte is inflated, and
// entry data is located by its recorded size. Why not fflate's streaming Unzip: exports use data
// descriptors (sizes unknown up front), and Unzip then ends an entry at the first "PK\x07\x08" it meets,
// which occurs by chance inside large compressed data; inflating is still fflate's (Inflate).
import * as zlib from 'node:zlib';
import { TextDecoder } from 'node:util';
import { Inflate } from 'fflate';
import { ExportFileError } from './csvRows';

/** What the reader needs from a file: its size and reads at a position. */
export interface RandomAccess {
  readonly size: number;
  read(position: number, length: number): Promise<Uint8Array>;
}

export interface ZipLimits {
  /** Most entries (files and folders) an archive may list. */
  maxEntries: number;
  /** Most bytes one entry may inflate to. */
  maxEntryBytes: number;
  /**
   * Most bytes an entry may inflate to per compressed byte (a "ZIP bomb" guard for files opened as
   * snapshots; counting a server export's records sets none).
   */
  maxRatio?: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 64, maxEntryBytes: 8 * 1024 ** 3 };
/** Below this an entry is never refused for its ratio (an empty or tiny file compresses absurdly well). */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export interface ZipEntry {
  name: string;
  compression: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_CENTRAL_DIRECTORY_BYTES = 16 * 1024 * 1024;
const READ_SLICE = 64 * 1024;

function zipError(message: string): ExportFileError {
  return new ExportFileError(`not a usable ZIP export: ${message}`);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u64(v: DataView, at: number): number {
  const value = v.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw zipError('a size or offset is out of range');
  return Number(value);
}

/** Lists the entries from the central directory, refusing unsafe names and more than `maxEntries`. */
export async function listZipEntries(file: RandomAccess, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipEntry[]> {
  const { count, offset, length } = await centralDirectory(file);
  if (count > limits.maxEntries) throw zipError(`it lists ${count} entries; at most ${limits.maxEntries} are accepted`);
  if (length > MAX_CENTRAL_DIRECTORY_BYTES || offset + length > file.size) throw zipError('its central directory is damaged');
  const bytes = await file.read(offset, length);
  const v = view(bytes);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || v.getUint32(at, true) !== CENTRAL_SIGNATURE) throw zipError('its central directory is damaged');
    const flags = v.getUint16(at + 8, true);
    const nameLength = v.getUint16(at + 28, true);
    const extraLength = v.getUint16(at + 30, true);
    const commentLength = v.getUint16(at + 32, true);
    if (at + 46 + nameLength + extraLength + commentLength > bytes.length) throw zipError('its central directory is damaged');
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      name: (flags & 0x800) !== 0 ? new TextDecoder('utf-8').decode(nameBytes) : latin1(nameBytes),
      compression: v.getUint16(at + 10, true),
      flags,
      crc32: v.getUint32(at + 16, true),
      compressedSize: v.getUint32(at + 20, true),
      size: v.getUint32(at + 24, true),
      localHeaderOffset: v.getUint32(at + 42, true),
    };
    applyZip64Extra(entry, bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    const unsafe = unsafeNameReason(entry.name);
    if (unsafe) throw zipError(`the entry name ${JSON.stringify(entry.name.slice(0, 80))} ${unsafe}`);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Why an entry name is refused, or undefined when it is safe. Nothing is extracted, but a name that would
 * escape a folder (zip-slip) only appears in hostile archives, so the archive is refused outright.
 */
export function unsafeNameReason(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if ([...name].some((c) => c.charCodeAt(0) < 0x20)) return 'contains control characters';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  if (name.split('/').some((segment) => segment === '..')) return 'climbs out of the archive (..)';
  return undefined;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function applyZip64Extra(entry: ZipEntry, extra: Uint8Array): void {
  const v = view(extra);
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = v.getUint16(at, true);
    const size = v.getUint16(at + 2, true);
    if (id === 0x0001) {
      let p = at + 4;
      const take = (): number => {
        if (p + 8 > at + 4 + size) throw zipError('a ZIP64 field is damaged');
        const value = u64(v, p);
        p += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = take();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = take();
      return;
    }
    at += 4 + size;
  }
}

async function centralDirectory(file: RandomAccess): Promise<{ count: number; offset: number; length: number }> {
  if (file.size < 22) throw zipError('the file is too short');
  const tailLength = Math.min(file.size, 22 + 0xffff + 20);
  const tailStart = file.size - tailLength;
  const tail = await file.read(tailStart, tailLength);
  const v = view(tail);
  let eocd = -1;
  for (let at = tail.length - 22; at >= 0; at--) {
    if (v.getUint32(at, true) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw zipError('the end of its central directory is missing (is it a ZIP file, or cut short?)');
  if (v.getUint16(eocd + 4, true) !== 0 || v.getUint16(eocd + 6, true) !== 0) throw zipError('multi-part archives are not supported');
  let count = v.getUint16(eocd + 10, true);
  let length = v.getUint32(eocd + 12, true);
  let offset = v.getUint32(eocd + 16, true);
  if (count === 0xffff || length === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || v.getUint32(locator, true) !== ZIP64_LOCATOR_SIGNATURE) throw zipError('its ZIP64 directory is missing');
    const recordOffset = u64(v, locator + 8);
    if (recordOffset + 56 > file.size) throw zipError('its ZIP64 directory is damaged');
    const record = view(await file.read(recordOffset, 56));
    if (record.getUint32(0, true) !== ZIP64_EOCD_SIGNATURE) throw zipError('its ZIP64 directory is damaged');
    count = u64(record, 32);
    length = u64(record, 40);
    offset = u64(record, 48);
  }
  return { count, offset, length };
}

/**
 * The entry's content, inflated chunk by chunk. Refuses encrypted entries and unknown compression, stops at
 * `maxEntryBytes`, and checks the recorded size and CRC-32 at the end.
 */
export async function* readZipEntry(file: RandomAccess, entry: ZipEntry, limits: ZipLimits = DEFAULT_ZIP_LIMITS, signal?: AbortSignal): AsyncIterable<Uint8Array> {
  if ((entry.flags & 0x1) !== 0) throw zipError(`${entry.name} is encrypted`);
  if (entry.compression !== 0 && entry.compression !== 8) throw zipError(`${entry.name} uses compression method ${entry.compression}; only deflate and stored are read`);
  if (entry.size > limits.maxEntryBytes) throw zipError(`${entry.name} would inflate to ${entry.size} bytes; at most ${limits.maxEntryBytes} are accepted`);
  // The ratio is judged on the bytes inflated too: the directory's sizes are the archive's own claim.
  const maxRatio = limits.maxRatio ?? Number.POSITIVE_INFINITY;
  const ratioLimit = Math.max(RATIO_FLOOR_BYTES, entry.compressedSize * maxRatio);
  const tooCompressed = (): ExportFileError =>
    zipError(`${entry.name} is compressed more than ${maxRatio}:1, more than an audit log export is; it is not opened, to protect VS Code's memory`);
  if (entry.size > ratioLimit) throw tooCompressed();
  const header = view(await file.read(entry.localHeaderOffset, 30));
  if (header.byteLength < 30 || header.getUint32(0, true) !== LOCAL_SIGNATURE) throw zipError(`the data of ${entry.name} is not where the directory says`);
  const dataStart = entry.localHeaderOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > file.size) throw zipError(`the data of ${entry.name} runs past the end of the file`);

  let produced = 0;
  let crc = 0;
  const pending: Uint8Array[] = [];
  const accept = (data: Uint8Array): void => {
    produced += data.length;
    if (produced > limits.maxEntryBytes) throw zipError(`${entry.name} inflates to more than ${limits.maxEntryBytes} bytes`);
    if (produced > ratioLimit) throw tooCompressed();
    crc = crc32(data, crc);
    pending.push(data);
  };
  let ended = entry.compression === 0;
  const inflater = entry.compression === 8 ? new Inflate((data, final) => {
    accept(data);
    if (final) ended = true;
  }) : undefined;

  for (let at = dataStart; at < dataEnd; at += READ_SLICE) {
    if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
    const slice = await file.read(at, Math.min(READ_SLICE, dataEnd - at));
    const last = at + slice.length >= dataEnd;
    try {
      if (inflater) inflater.push(slice, last);
      else accept(slice);
    } catch (e) {
      if (e instanceof ExportFileError) throw e;
      throw zipError(`the compressed data of ${entry.name} is damaged`);
    }
    while (pending.length > 0) {
      const chunk = pending.shift();
      if (chunk) yield chunk;
    }
  }
  if (inflater && entry.compressedSize === 0) inflater.push(new Uint8Array(0), true);
  if (!ended) throw zipError(`the compressed data of ${entry.name} ends early`);
  if (produced !== entry.size) throw zipError(`${entry.name} inflated to ${produced} bytes, not the ${entry.size} its directory records`);
  if (crc !== entry.crc32) throw zipError(`${entry.name} fails its CRC-32 check`);
}

function crc32(data: Uint8Array, previous: number): number {
  return zlib.crc32(data, previous) >>> 0;
}

/** The archive's one CSV entry: an export holds exactly one; folders and other files are ignored. */
export function csvEntry(entries: readonly ZipEntry[]): ZipEntry {
  const csv = entries.filter((e) => !e.name.endsWith('/') && /\.csv$/i.test(e.name));
  if (csv.length === 0) throw zipError('it holds no .csv file');
  if (csv.length > 1) throw zipError(`it holds ${csv.length} .csv files; an audit log export holds one`);
  return csv[0];
}

/** Entries holding audit data: CSV exports, JSON (saved answers, JSON Lines) and Data Center audit log files. */
export function auditEntries(entries: readonly ZipEntry[]): ZipEntry[] {
  const audit = entries.filter((e) => !e.name.endsWith('/') && /\.(csv|json|jsonl|ndjson|log)$/i.test(e.name));
  if (audit.length === 0) throw zipError('it holds no .csv, .json, .jsonl or .log file');
  return audit;
}

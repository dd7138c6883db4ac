// Checks that a byte stream is UTF-8 (as strictly as the fatal TextDecoder the CSV reader uses) without
// decoding it: node's native isUtf8 over each chunk, with a character split between chunks carried over.
import { isUtf8 } from 'node:buffer';

/** The length a lead byte announces; 1 for bytes that cannot start a sequence (isUtf8 then refuses them). */
function sequenceLength(lead: number): number {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

/** Where the chunk's last character starts when it is cut short by the chunk's end; `end` otherwise. */
function completeEnd(chunk: Uint8Array, start: number): number {
  const end = chunk.length;
  for (let i = end - 1; i >= start && i >= end - 4; i--) {
    const byte = chunk[i];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: the lead is further back
    return byte >= 0xc0 && sequenceLength(byte) > end - i ? i : end;
  }
  return end;
}

export class Utf8Validator {
  private carry: Uint8Array = new Uint8Array(0);
  private valid = true;

  update(chunk: Uint8Array): void {
    if (!this.valid || chunk.length === 0) return;
    let start = 0;
    if (this.carry.length > 0) {
      const need = sequenceLength(this.carry[0]) - this.carry.length;
      const joined = new Uint8Array(this.carry.length + Math.min(need, chunk.length));
      joined.set(this.carry);
      joined.set(chunk.subarray(0, joined.length - this.carry.length), this.carry.length);
      if (chunk.length < need) {
        this.carry = joined;
        return;
      }
      this.carry = new Uint8Array(0);
      if (!isUtf8(joined)) {
        this.valid = false;
        return;
      }
      start = need;
    }
    const end = completeEnd(chunk, start);
    if (!isUtf8(chunk.subarray(start, end))) {
      this.valid = false;
      return;
    }
    if (end < chunk.length) this.carry = chunk.slice(end);
  }

  /** True when every byte so far was UTF-8 and no character is left unfinished. */
  finish(): boolean {
    return this.valid && this.carry.length === 0;
  }
}

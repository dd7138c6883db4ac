// A streaming ZIP holding one entry, built with fflate as the bytes arrive: nothing is buffered
// beyond the deflate window and the chunks waiting to be written.
import { Zip, ZipDeflate } from 'fflate';
import type { StreamWriter } from './reply';

/** Wraps `out` so that what is written to the result lands, deflated, in entry `filename`. */
export function zipEntryWriter(out: StreamWriter, filename: string): { writer: StreamWriter; finish(): Promise<void> } {
  const pending: Uint8Array[] = [];
  let failure: Error | undefined;
  const zip = new Zip((error, data) => {
    if (error) {
      failure = error;
      return;
    }
    pending.push(data);
  });
  // Level 1: an export is mostly repeated text; speed matters more than the last few percent.
  const entry = new ZipDeflate(filename, { level: 1 });
  entry.mtime = new Date();
  zip.add(entry);

  const flush = async (): Promise<void> => {
    if (failure) {
      throw failure;
    }
    while (pending.length > 0) {
      const chunk = pending.shift();
      if (chunk) {
        await out.write(chunk);
      }
    }
  };
  return {
    writer: {
      write: async (chunk) => {
        entry.push(chunk);
        await flush();
      },
    },
    finish: async () => {
      entry.push(new Uint8Array(0), true);
      zip.end();
      await flush();
    },
  };
}

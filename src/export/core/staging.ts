// A local folder as the place an export is finished in: temporary files there under hidden random names,
// then placed under their final names without replacing anything (placeFiles.ts), and whatever was not
// placed removed. No vscode: src/export/target.ts adds the workspace checks and turns paths into URIs.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { temporaryName } from '../../exportFile/naming';
import { placeFiles, removeLeftover, type PendingFile } from './placeFiles';

/** A place to write temporary files, and how to put finished ones into the target (`Placed`: a path or a URI). */
export interface Staging<Placed> {
  /** A fresh temporary path for a file that will be called `finalName`. */
  tempPath(finalName: string): string;
  place(stem: string, files: readonly PendingFile[]): Promise<Placed[]>;
  /** Removes what staging created (temporary files already placed are gone). */
  dispose(): Promise<void>;
}

/** Staging in `folder` itself (an existing folder, its real path), so placing is a link on one file system. */
export function folderStaging(folder: string): Staging<string> {
  const temps: string[] = [];
  return {
    tempPath: (finalName) => {
      const p = path.join(folder, temporaryName(finalName, randomBytes(6).toString('hex')));
      temps.push(p);
      return p;
    },
    place: async (stem, files) => (await placeFiles(folder, stem, files)).map((f) => f.path),
    dispose: async () => {
      for (const p of temps) await removeLeftover(p);
    },
  };
}

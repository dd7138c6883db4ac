// What the export commands return (for tests and automation) and how a failure is told to the user.
import { AuditError } from '../api';
import { ExportFileError } from '../exportFile/read/csvRows';
import type { ExportManifest } from '../exportFile/manifest';
import { TargetProblem } from '../workspaceFiles/exportFolder';

export type FailureKind = 'cancelled' | 'refused' | 'failed' | AuditError['kind'];

export type ExportResult =
  | { ok: true; uri: string; manifestUri: string; manifest: ExportManifest; files?: Array<{ uri: string; manifestUri: string; manifest: ExportManifest }> }
  | { ok: false; kind: FailureKind; message: string };

export function failure(kind: FailureKind, message: string): ExportResult {
  return { ok: false, kind, message };
}

/** Classifies an error from the export pipeline into a result with a user-facing sentence. */
export function failureFrom(error: unknown, signal: AbortSignal): ExportResult & { ok: false } {
  if (signal.aborted || (error instanceof AuditError && error.kind === 'cancelled')) {
    return { ok: false, kind: 'cancelled', message: 'The export was cancelled; no file was written.' };
  }
  if (error instanceof AuditError) return { ok: false, kind: error.kind, message: `${error.message} No file was written.` };
  if (error instanceof TargetProblem) return { ok: false, kind: 'refused', message: error.message };
  if (error instanceof ExportFileError) return { ok: false, kind: 'badResponse', message: `The export from Confluence cannot be read: ${error.message} No file was written.` };
  const text = error instanceof Error ? error.message : String(error);
  return { ok: false, kind: 'failed', message: `The export failed: ${text}. No file was written.` };
}

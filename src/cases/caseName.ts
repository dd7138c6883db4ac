// A case's name is its file's name: audit-cases/<name>.case.json. Names are kept portable (Windows, macOS,
// Linux) and free of anything that could climb out of the folder. No vscode import.
import { CASE_SUFFIX } from './caseFile';

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9 ._-]{0,62}[A-Za-z0-9_-])?$/;
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/** Why a name cannot be a case's, or undefined when it can. */
export function caseNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'A case needs a name.';
  if (name.length > 64) return 'A case name has at most 64 characters.';
  if (!NAME.test(name)) return 'Use letters, digits, spaces, dots, dashes and underscores; begin with a letter or digit and end with a letter, digit, dash or underscore.';
  if (name.includes('..')) return 'A case name cannot hold "..".';
  if (RESERVED.test(name)) return `"${name}" is a reserved file name on Windows.`;
  return undefined;
}

export function caseFileName(name: string): string {
  return `${name}${CASE_SUFFIX}`;
}

/** The case's name from its file's name; undefined for other files (or names a case cannot have). */
export function caseNameOf(fileName: string): string | undefined {
  if (!fileName.endsWith(CASE_SUFFIX)) return undefined;
  const name = fileName.slice(0, -CASE_SUFFIX.length);
  return caseNameProblem(name) === undefined ? name : undefined;
}

// The prose cells of a Data Center CSV export (as its writer builds them, one item a line, CRLF-joined):
// changed values "[Name] was changed from [old] to [new]" (a side left out when it is empty) and associated
// objects "[name] [type]". Our own CSVs write the same lists as JSON; both are read here.
import type { AffectedObject, ChangedValue } from '../../../api/types';
import { FormatProblem, preview } from '../../../exportFile/format/formatProblem';

const CHANGED = /^\[(.*?)\] was changed(?: from \[(.*?)\])?(?: to \[(.*)\])?$/s;
const OBJECT = /^\[(.*)\] \[([^\]]*)\]$/s;

function lines(cell: string): string[] {
  return cell.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '');
}

/** A JSON list in a cell (our own exports) or prose lines (Data Center). */
function isJsonList(cell: string): boolean {
  return cell.trimStart().startsWith('[{') || cell.trim() === '[]';
}

function jsonList(cell: string, what: string): Record<string, unknown>[] {
  let value: unknown;
  try {
    value = JSON.parse(cell) as unknown;
  } catch {
    throw new FormatProblem(`${what} is neither a JSON list nor "[…]" lines: ${preview(cell)}`);
  }
  if (!Array.isArray(value) || !value.every((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v))) {
    throw new FormatProblem(`${what} is not a JSON list of objects: ${preview(cell)}`);
  }
  return value;
}

function text(o: Record<string, unknown>, key: string): string {
  const v = o[key];
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

export function changedValuesCell(cell: string, what = 'The changed values'): ChangedValue[] {
  if (cell.trim() === '') return [];
  if (isJsonList(cell)) {
    return jsonList(cell, what).map((o) => {
      const value: ChangedValue = { name: text(o, 'name'), oldValue: text(o, 'oldValue'), newValue: text(o, 'newValue') };
      // Markers keep their presence and content: only a marker that holds something means hidden.
      if (typeof o.hiddenOldValue === 'string') value.hiddenOldValue = o.hiddenOldValue;
      if (typeof o.hiddenNewValue === 'string') value.hiddenNewValue = o.hiddenNewValue;
      return value;
    });
  }
  return lines(cell).map((line) => {
    const m = CHANGED.exec(line);
    // A line of another shape is kept whole rather than dropped: nothing in the file goes missing.
    if (!m) return { name: line, oldValue: '', newValue: '' };
    return { name: m[1], oldValue: m[2] ?? '', newValue: m[3] ?? '' };
  });
}

export function objectsCell(cell: string, what = 'The associated objects'): AffectedObject[] {
  if (cell.trim() === '') return [];
  if (isJsonList(cell)) return jsonList(cell, what).map((o) => ({ name: text(o, 'name'), objectType: text(o, 'objectType') }));
  return lines(cell).map((line) => {
    const m = OBJECT.exec(line);
    return m ? { name: m[1], objectType: m[2] } : { name: line, objectType: '' };
  });
}

// Checking parsed JSON from a file we do not trust (a case file someone sent) against an exact shape: closed
// sets of fields, types, lengths, counts and times, each failure a CaseProblem that names where it is
// ("records[2].record.author.displayName must be a string, not a number"). No vscode import.

/** What is wrong with a case file, in a sentence that names the place (the message is shown as it is). */
export class CaseProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseProblem';
  }
}

export type Raw = Record<string, unknown>;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    default:
      return typeof value === 'object' ? 'an object' : typeof value;
  }
}

/** A field name quoted for a message (names come from the file: short, one line, escaped by JSON). */
function fieldName(name: string): string {
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
}

/**
 * A plain object with exactly the `required` fields and any of the `optional` ones. Names are read with
 * getOwnPropertyNames, so a `__proto__` or `constructor` key from JSON.parse counts as an unexpected field.
 */
export function objectAt(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Raw {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CaseProblem(`${path} must be an object, not ${typeName(value)}`);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new CaseProblem(`${path} must be a plain object`);
  if (Object.getOwnPropertySymbols(value).length > 0) throw new CaseProblem(`${path} has symbol keys`);
  const names = Object.getOwnPropertyNames(value);
  for (const name of names) {
    if (!required.includes(name) && !optional.includes(name)) throw new CaseProblem(`${path} has an unexpected field ${fieldName(name)}`);
    const descriptor = Object.getOwnPropertyDescriptor(value, name);
    if (!descriptor || !('value' in descriptor)) throw new CaseProblem(`${path}.${name} is not a data field`);
  }
  for (const name of required) if (!names.includes(name)) throw new CaseProblem(`${path} lacks the field ${fieldName(name)}`);
  return value as Raw;
}

/** Whether the object has the (optional) field at all. */
export function has(object: Raw, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, name);
}

export interface StringRule {
  /** Most UTF-16 code units. */
  max: number;
  min?: number;
  /** Refuse C0/C1 controls (line breaks included): names, tags, ids. */
  oneLine?: boolean;
  pattern?: RegExp;
  /** What the pattern asks for, for the message. */
  patternText?: string;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

export function stringAt(value: unknown, path: string, rule: StringRule): string {
  if (typeof value !== 'string') throw new CaseProblem(`${path} must be a string, not ${typeName(value)}`);
  if (value.length > rule.max) throw new CaseProblem(`${path} is ${value.length} characters long; at most ${rule.max} are allowed`);
  if (value.length < (rule.min ?? 0)) throw new CaseProblem(rule.min === 1 ? `${path} is empty` : `${path} is shorter than ${rule.min} characters`);
  if (rule.oneLine && CONTROL.test(value)) throw new CaseProblem(`${path} contains a line break or control character`);
  if (rule.pattern && !rule.pattern.test(value)) throw new CaseProblem(`${path} is not ${rule.patternText ?? 'in the expected form'}`);
  return value;
}

export function nullableStringAt(value: unknown, path: string, rule: StringRule): string | null {
  return value === null ? null : stringAt(value, path, rule);
}

export function booleanAt(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new CaseProblem(`${path} must be true or false, not ${typeName(value)}`);
  return value;
}

export function integerAt(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new CaseProblem(`${path} must be a whole number, not ${typeName(value)}`);
  if (value < min || value > max) throw new CaseProblem(`${path} is ${value}; it must lie in ${min}..${max}`);
  return value;
}

export function listAt(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) throw new CaseProblem(`${path} must be a list, not ${typeName(value)}`);
  if (value.length > max) throw new CaseProblem(`${path} holds ${value.length} items; at most ${max} are allowed`);
  return value;
}

/** The latest instant a JavaScript Date can hold. */
export const MAX_EPOCH_MS = 8.64e15;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** An ISO 8601 time in UTC with milliseconds, exactly as Date.toISOString writes it; its epoch milliseconds. */
export function isoTimeAt(value: unknown, path: string): number {
  const text = stringAt(value, path, { max: 24 });
  const ms = ISO_UTC.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms) || new Date(ms).toISOString() !== text) throw new CaseProblem(`${path} is not a time such as 2026-01-31T23:59:59.000Z: ${JSON.stringify(text)}`);
  return ms;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

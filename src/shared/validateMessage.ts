// Strict validation of everything a webview sends to the host: a CLOSED set of message types, each with an
// exact shape (no missing or extra fields, right types, ranges and lengths). A webview is a browser page
// showing attacker-influenced text, so its messages are treated as hostile input. No dependencies.

import { RETENTION_UNITS } from '../api/types';
import {
  LIMITS,
  PIVOTS,
  type DetailState,
  type PanelKind,
  type RequestType,
  type RetentionDraft,
  type RetentionState,
  type WebviewRequest,
} from './protocol';

export type Validation<T> = { ok: true; message: T } | { ok: false; reason: string };

/** A field check returns a problem, or undefined when the value is acceptable. */
type Check = (value: unknown) => string | undefined;

const integerIn =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max ? undefined : `must be a whole number in ${min}..${max}`;

const oneOf =
  (allowed: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && allowed.includes(v) ? undefined : 'is not one of the allowed values';

const isBoolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');

const stringMatching =
  (pattern: RegExp, maxLength: number): Check =>
  (v) =>
    typeof v === 'string' && v.length <= maxLength && pattern.test(v) ? undefined : 'is not an acceptable string';

const exactObject =
  (fields: Record<string, Check>, optional: readonly string[] = []): Check =>
  (v) => {
    const problem = shapeProblem(v, fields, optional);
    return problem === undefined ? undefined : `(${problem})`;
  };

const requestId = integerIn(0, LIMITS.maxRequestId);
const barIndex = integerIn(0, LIMITS.maxBarIndex);
const period = exactObject({ number: integerIn(1, LIMITS.maxRetentionNumber), units: oneOf(RETENTION_UNITS) });

/** The closed set: every message type, the panel that may send it, and its fields besides `type`. */
const SHAPES: Record<RequestType, { panel: PanelKind; fields: Record<string, Check> }> = {
  'detail.ready': { panel: 'detail', fields: { requestId } },
  'detail.copyJson': { panel: 'detail', fields: { requestId } },
  'detail.openJson': { panel: 'detail', fields: { requestId } },
  'detail.compare': { panel: 'detail', fields: { requestId, index: integerIn(0, LIMITS.maxChangedValueIndex) } },
  'detail.pivot': { panel: 'detail', fields: { requestId, pivot: oneOf(PIVOTS) } },
  'detail.setPinned': { panel: 'detail', fields: { requestId, pinned: isBoolean } },
  'retention.ready': { panel: 'retention', fields: { requestId } },
  'retention.refresh': { panel: 'retention', fields: { requestId } },
  'retention.preview': { panel: 'retention', fields: { requestId, period } },
  'retention.cancelPreview': { panel: 'retention', fields: { requestId } },
  'retention.save': { panel: 'retention', fields: { requestId, period, loaded: period } },
  'timeline.ready': { panel: 'timeline', fields: { requestId } },
  'timeline.cancel': { panel: 'timeline', fields: { requestId } },
  'timeline.recount': { panel: 'timeline', fields: { requestId } },
  'timeline.reveal': { panel: 'timeline', fields: { requestId, index: barIndex } },
  'timeline.select': { panel: 'timeline', fields: { requestId, from: barIndex, to: barIndex } },
};

const MESSAGE_TYPES = Object.keys(SHAPES) as RequestType[];

function isMessageType(value: unknown): value is RequestType {
  return typeof value === 'string' && (MESSAGE_TYPES as string[]).includes(value);
}

/**
 * Whether `value` is a plain data object with exactly `fields` (plus `optional` ones), each passing its check.
 * Own property names are read with getOwnPropertyNames so non-enumerable or `__proto__` keys count as extra;
 * symbol keys and non-plain prototypes are refused outright.
 */
function shapeProblem(value: unknown, fields: Record<string, Check>, optional: readonly string[] = []): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return 'not a plain object';
  if (Object.getOwnPropertySymbols(value).length > 0) return 'symbol keys';
  const record = value as Record<string, unknown>;
  const names = Object.getOwnPropertyNames(value);
  for (const name of names) {
    if (!Object.prototype.hasOwnProperty.call(fields, name)) return `unexpected field ${JSON.stringify(name.slice(0, 40))}`;
    const descriptor = Object.getOwnPropertyDescriptor(value, name);
    if (!descriptor || !('value' in descriptor)) return `field ${name} is an accessor`;
  }
  for (const [name, check] of Object.entries(fields)) {
    const present = names.includes(name);
    if (!present) {
      if (optional.includes(name)) continue;
      return `missing field ${name}`;
    }
    const problem = check(record[name]);
    if (problem !== undefined) return `field ${name} ${problem}`;
  }
  return undefined;
}

/**
 * Validates one message from a webview. With `panel`, only that panel's message types are accepted (the
 * retention webview cannot send detail requests and vice versa).
 */
export function validateWebviewMessage(raw: unknown, panel?: PanelKind): Validation<WebviewRequest> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'message is not an object' };
  const type: unknown = Object.getOwnPropertyDescriptor(raw, 'type')?.value;
  if (!isMessageType(type)) return { ok: false, reason: 'unknown message type' };
  const shape = SHAPES[type];
  if (panel !== undefined && shape.panel !== panel) return { ok: false, reason: `${type} is not a ${panel} message` };
  const problem = shapeProblem(raw, { type: () => undefined, ...shape.fields });
  if (problem !== undefined) return { ok: false, reason: `${type}: ${problem}` };
  // Every field was checked against the closed shape of `type` above.
  return { ok: true, message: raw as WebviewRequest };
}

// ---------------------------------------------------------------------------------------------------------
// Panel state handed back by VS Code's serializer: it was written by the webview, so it is checked too.

const SITE_ID = /^[A-Za-z0-9-]{8,64}$/;
const RECORD_KEY = /^[0-9a-f]{16,128}$/; // recordKey() is a sha256 in hex

const identity = exactObject({
  siteId: stringMatching(SITE_ID, 64),
  creationDate: integerIn(0, 8.64e15),
  key: stringMatching(RECORD_KEY, 256),
});

const draft = exactObject({ number: stringMatching(/^[^\n]*$/, 32), units: stringMatching(/^[A-Z_]*$/, 32), basedOn: period }, ['basedOn']);

export function validateDetailState(raw: unknown): DetailState | undefined {
  return shapeProblem(raw, { identity, pinned: isBoolean }) === undefined ? (raw as DetailState) : undefined;
}

export function validateRetentionState(raw: unknown): RetentionState | undefined {
  return shapeProblem(raw, { siteId: stringMatching(SITE_ID, 64), draft }, ['draft']) === undefined ? (raw as RetentionState) : undefined;
}

export function validateRetentionDraft(raw: unknown): RetentionDraft | undefined {
  return draft(raw) === undefined ? (raw as RetentionDraft) : undefined;
}

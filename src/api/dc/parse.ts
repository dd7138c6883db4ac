// Defensive parsing of advanced auditing answers: every string is hostile text, every field may be
// missing or of another type; what we do not know is kept, never dropped silently.
import { AuditError } from '../errors';
import { DC_COVERAGE_LEVELS, type DcAffectedObject, type DcAuditEvent, type DcAuthor, type DcChangedValue, type DcCoverage, type DcCoverageLevel, type DcEventsPage, type DcExtraAttribute } from './types';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function optionalText(v: unknown): string | undefined {
  const t = text(v);
  return t === '' ? undefined : t;
}

function bad(what: string): AuditError {
  return new AuditError('badResponse', `Confluence sent an advanced auditing answer this extension cannot read: ${what}.`, { retryable: false });
}

/**
 * An event's time in epoch ms: ISO text ("2021-11-23T00:39:37.908Z") or audit log files' {epochSecond, nano};
 * undefined when it is neither. Shared with the offline reader of saved answers and audit log files.
 */
export function dcEventTime(v: unknown): number | undefined {
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  if (isObject(v) && typeof v.epochSecond === 'number' && Number.isFinite(v.epochSecond)) {
    const nano = typeof v.nano === 'number' && Number.isFinite(v.nano) ? v.nano : 0;
    return v.epochSecond * 1000 + Math.floor(nano / 1e6);
  }
  return undefined;
}

function timeOf(v: unknown): { time: number; timestampText: string } | undefined {
  const time = dcEventTime(v);
  if (time === undefined) return undefined;
  if (!isObject(v)) return { time, timestampText: String(v) };
  const nano = typeof v.nano === 'number' && Number.isFinite(v.nano) ? v.nano : 0;
  const second = new Date(Number(v.epochSecond) * 1000);
  // A second no Date can hold (a corrupt line) is shown as sent rather than failing the whole page.
  const text = Number.isNaN(second.getTime()) ? `${String(v.epochSecond)} s` : `${second.toISOString().slice(0, 19)}.${String(nano).padStart(9, '0')}Z`;
  return { time, timestampText: text };
}

function authorOf(v: unknown): DcAuthor {
  const a = isObject(v) ? v : {};
  return { name: text(a.name), type: text(a.type), id: text(a.id), uri: optionalText(a.uri), avatarUri: optionalText(a.avatarUri) };
}

function objectOf(v: unknown): DcAffectedObject | undefined {
  if (!isObject(v)) return undefined;
  return { name: text(v.name), type: text(v.type), id: optionalText(v.id), uri: optionalText(v.uri) };
}

function changedOf(v: unknown): DcChangedValue | undefined {
  if (!isObject(v)) return undefined;
  const value: DcChangedValue = { key: text(v.key) || text(v.i18nKey), i18nKey: optionalText(v.i18nKey) };
  if (typeof v.from === 'string') value.from = v.from;
  if (typeof v.to === 'string') value.to = v.to;
  return value;
}

function attributeOf(v: unknown): DcExtraAttribute | undefined {
  if (!isObject(v)) return undefined;
  return { name: text(v.name) || text(v.nameI18nKey), nameI18nKey: optionalText(v.nameI18nKey), value: text(v.value) };
}

const KNOWN = new Set(['timestamp', 'author', 'type', 'auditType', 'affectedObjects', 'changedValues', 'source', 'system', 'method', 'extraAttributes', 'version']);

function listOf<T>(v: unknown, item: (x: unknown) => T | undefined): T[] {
  const out: T[] = [];
  if (!Array.isArray(v)) return out;
  for (const x of v) {
    const parsed = item(x);
    if (parsed !== undefined) out.push(parsed);
  }
  return out;
}

/** Fields this parser does not know (often none: the loop is skipped for the usual key count). */
function extraFields(v: Json): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const k in v) {
    if (!KNOWN.has(k) || k === 'version') extra[k] = v[k];
  }
  return extra;
}

/** One event of `/events` (`type`) or of an audit log file line (`auditType`, `version`). */
export function parseDcEvent(v: unknown): DcAuditEvent {
  if (!isObject(v)) throw bad('an event is not an object');
  const when = timeOf(v.timestamp);
  if (!when) throw bad(`an event has no readable timestamp (${JSON.stringify(v.timestamp)?.slice(0, 60) ?? 'none'})`);
  const type = isObject(v.type) ? v.type : isObject(v.auditType) ? v.auditType : {};
  return {
    time: when.time,
    timestampText: when.timestampText,
    author: authorOf(v.author),
    category: text(type.category),
    categoryI18nKey: optionalText(type.categoryI18nKey),
    action: text(type.action),
    actionI18nKey: optionalText(type.actionI18nKey),
    area: optionalText(type.area),
    level: optionalText(type.level),
    affectedObjects: listOf(v.affectedObjects, objectOf),
    changedValues: listOf(v.changedValues, changedOf),
    source: text(v.source),
    system: text(v.system),
    method: text(v.method),
    extraAttributes: listOf(v.extraAttributes, attributeOf),
    extra: extraFields(v),
  };
}

/** `{entities: [...], pagingInfo: {nextPageCursor?}}`. */
export function parseDcEventsPage(v: unknown): DcEventsPage {
  if (!isObject(v) || !Array.isArray(v.entities)) throw bad('the answer has no "entities" list');
  const paging = isObject(v.pagingInfo) ? v.pagingInfo : {};
  const cursor = optionalText(paging.nextPageCursor);
  return { events: v.entities.map(parseDcEvent), ...(cursor !== undefined ? { nextPageCursor: cursor } : {}) };
}

/** `{levelByArea: {AREA: "BASE", ...}}`; levels in any case, unknown ones left out. */
export function parseDcCoverage(v: unknown): DcCoverage {
  if (!isObject(v) || !isObject(v.levelByArea)) throw bad('the coverage answer has no "levelByArea"');
  const levelByArea: Record<string, DcCoverageLevel> = {};
  for (const [area, level] of Object.entries(v.levelByArea)) {
    const l = text(level).toLowerCase();
    if ((DC_COVERAGE_LEVELS as readonly string[]).includes(l)) levelByArea[area] = l as DcCoverageLevel;
  }
  return { levelByArea };
}

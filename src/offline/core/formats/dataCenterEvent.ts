// Data Center advanced-auditing events (/rest/auditing/1.0/events entities, lines of a node's *.audit.log file)
// in an offline table. Loading checks each event strictly (a field that is not text, a list that is not a list
// of objects: the file is refused) and keeps its fields as cells, the first affected object and changed value
// by field and the rest as JSON. A record is made when shown, by the API client's own parser (parseDcEvent)
// and the live Data Center source's dcEventRecord (src/sources/dc/dcRecord.ts), shaped as a file's events have
// always been shown (FILE_EVENT): what the record model has no place for (method, system, area, level, ids and
// extra attributes) is kept as source fields.
import { dcEventTime, parseDcEvent } from '../../../api/dc/parse';
import type { DcAuditEvent } from '../../../api/dc/types';
import { FormatProblem, preview } from '../../../exportFile/format/formatProblem';
import { dcEventRecord, FILE_EVENT } from '../../../sources/dc/dcRecord';
import type { RowCodec, RowSink } from '../recordTable';

type Json = Record<string, unknown>;

// The cells kept per event, by position.
const AUTHOR_NAME = 0;
const AUTHOR_ID = 1;
const AUTHOR_TYPE = 2;
const AUTHOR_URI = 3;
const SOURCE = 4;
const CATEGORY = 5;
const ACTION = 6;
const AREA = 7;
const LEVEL = 8;
const ACTION_KEY = 9;
const CATEGORY_KEY = 10;
const METHOD = 11;
const SYSTEM = 12;
const VERSION = 13;
const OBJECT_NAME = 14;
const OBJECT_TYPE = 15;
const OBJECT_ID = 16;
const OBJECT_URI = 17;
/** '' without objects, '[]' with one (the cells above), else the others as JSON. */
const MORE_OBJECTS = 18;
const CHANGE_NAME = 19;
const CHANGE_FROM = 20;
const CHANGE_TO = 21;
/** '' without changed values, '[]' with one (the cells above), else the others as JSON. */
const MORE_CHANGES = 22;
/** '' without extra attributes, else all of them as JSON. */
const ATTRIBUTES = 23;
const WIDTH = 24;

const NO_FIELDS: Json = {};

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A field's value as text (numbers and booleans written out), or FormatProblem naming `where.key`. Given the
 * value rather than the object and key: a property read at each call site stays a fast, named one.
 */
function text(v: unknown, where: string, key: string): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new FormatProblem(`${where}.${key} is not text`);
}

/** The list under `key`, every item an object (or FormatProblem); absent and null read as empty. */
function list(v: unknown, key: string): readonly Json[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new FormatProblem(`"${key}" is not a list`);
  for (let i = 0; i < v.length; i++) if (!isObject(v[i])) throw new FormatProblem(`"${key}"[${i}] is not an object`);
  return v as Json[];
}

const ZONED = /(Z|[+-]\d{2}:?\d{2})$/i;

/** The event's time; an ISO time must name its zone (a file's time is never guessed to be local). */
function instant(v: unknown): number {
  const ms = typeof v === 'string' && !ZONED.test(v.trim()) ? undefined : dcEventTime(v);
  if (ms !== undefined && Number.isFinite(ms)) return ms;
  throw new FormatProblem(`"timestamp" is not a time (ISO 8601 with a zone, or {epochSecond, nano}, was expected): ${preview(JSON.stringify(v) ?? '')}`);
}

interface ObjectFields {
  id: string;
  uri: string;
  name: string;
  type: string;
}

interface ChangeFields {
  key: string;
  from: string;
  to: string;
}

const NO_OBJECT: ObjectFields = { id: '', uri: '', name: '', type: '' };
const NO_CHANGE: ChangeFields = { key: '', from: '', to: '' };

function object(o: Json): ObjectFields {
  return { id: text(o.id, 'affectedObjects', 'id'), uri: text(o.uri, 'affectedObjects', 'uri'), name: text(o.name, 'affectedObjects', 'name'), type: text(o.type, 'affectedObjects', 'type') };
}

function change(v: Json): ChangeFields {
  return { key: text(v.key, 'changedValues', 'key') || text(v.i18nKey, 'changedValues', 'i18nKey'), from: text(v.from, 'changedValues', 'from'), to: text(v.to, 'changedValues', 'to') };
}

function attribute(a: Json): { name: string; value: string } {
  return { name: text(a.name, 'extraAttributes', 'name') || text(a.nameI18nKey, 'extraAttributes', 'nameI18nKey'), value: text(a.value, 'extraAttributes', 'value') };
}

/** What follows the first item of a list: '' for none at all, '[]' for no more, or the others as JSON. */
function rest<T>(items: readonly Json[], normal: (item: Json) => T): string {
  if (items.length === 0) return '';
  return items.length === 1 ? '[]' : JSON.stringify(items.slice(1).map(normal));
}

/** Adds events to a table: their fields are read and checked once, into cells reused from row to row. */
export class DataCenterEvents {
  private readonly cells = new Array<string>(WIDTH).fill('');

  constructor(private readonly sink: RowSink) {}

  add(raw: unknown): void {
    if (!isObject(raw)) throw new FormatProblem('an event is not an object');
    const type = isObject(raw.auditType) ? raw.auditType : isObject(raw.type) ? raw.type : NO_FIELDS;
    const who = isObject(raw.author) ? raw.author : NO_FIELDS;
    const c = this.cells;
    c[AUTHOR_NAME] = text(who.name, 'author', 'name');
    c[AUTHOR_URI] = text(who.uri, 'author', 'uri');
    c[AUTHOR_ID] = text(who.id, 'author', 'id');
    c[AUTHOR_TYPE] = text(who.type, 'author', 'type');
    const objects = list(raw.affectedObjects, 'affectedObjects');
    const first = objects.length > 0 ? object(objects[0]) : NO_OBJECT;
    c[OBJECT_ID] = first.id;
    c[OBJECT_URI] = first.uri;
    c[OBJECT_NAME] = first.name;
    c[OBJECT_TYPE] = first.type;
    c[MORE_OBJECTS] = rest(objects, object);
    const changes = list(raw.changedValues, 'changedValues');
    const firstChange = changes.length > 0 ? change(changes[0]) : NO_CHANGE;
    c[CHANGE_NAME] = firstChange.key;
    c[CHANGE_FROM] = firstChange.from;
    c[CHANGE_TO] = firstChange.to;
    c[MORE_CHANGES] = rest(changes, change);
    c[METHOD] = text(raw.method, 'event', 'method');
    c[SYSTEM] = text(raw.system, 'event', 'system');
    c[AREA] = text(type.area, 'type', 'area');
    c[LEVEL] = text(type.level, 'type', 'level');
    c[ACTION_KEY] = text(type.actionI18nKey, 'type', 'actionI18nKey');
    c[CATEGORY_KEY] = text(type.categoryI18nKey, 'type', 'categoryI18nKey');
    c[VERSION] = text(raw.version, 'event', 'version');
    const attributes = list(raw.extraAttributes, 'extraAttributes');
    c[ATTRIBUTES] = attributes.length === 0 ? '' : JSON.stringify(attributes.map(attribute));
    c[SOURCE] = text(raw.source, 'event', 'source');
    const time = instant(raw.timestamp);
    c[ACTION] = text(type.action, 'type', 'action');
    c[CATEGORY] = text(type.category, 'type', 'category');
    this.sink.add(c, time);
  }
}

/** The items after the first, as `rest` wrote them. */
function moreOf<T>(cell: string): T[] {
  return cell === '' || cell === '[]' ? [] : (JSON.parse(cell) as T[]);
}

/** The event the kept cells stand for, as the API would have sent it (its time is the table's). */
function eventOf(c: readonly string[], creationDate: number): DcAuditEvent {
  const objects = c[MORE_OBJECTS] === '' ? [] : [{ id: c[OBJECT_ID], uri: c[OBJECT_URI], name: c[OBJECT_NAME], type: c[OBJECT_TYPE] }, ...moreOf<ObjectFields>(c[MORE_OBJECTS])];
  const changes = c[MORE_CHANGES] === '' ? [] : [{ key: c[CHANGE_NAME], from: c[CHANGE_FROM], to: c[CHANGE_TO] }, ...moreOf<ChangeFields>(c[MORE_CHANGES])];
  const second = Math.floor(creationDate / 1000);
  return parseDcEvent({
    timestamp: { epochSecond: second, nano: (creationDate - second * 1000) * 1e6 },
    author: { name: c[AUTHOR_NAME], id: c[AUTHOR_ID], type: c[AUTHOR_TYPE], uri: c[AUTHOR_URI] },
    type: { category: c[CATEGORY], action: c[ACTION], area: c[AREA], level: c[LEVEL], actionI18nKey: c[ACTION_KEY], categoryI18nKey: c[CATEGORY_KEY] },
    affectedObjects: objects,
    changedValues: changes,
    extraAttributes: c[ATTRIBUTES] === '' ? [] : (JSON.parse(c[ATTRIBUTES]) as Json[]),
    source: c[SOURCE],
    system: c[SYSTEM],
    method: c[METHOD],
    version: c[VERSION],
  });
}

function objectStrings(cell: string): string[] {
  return moreOf<ObjectFields>(cell).flatMap((o) => [o.name, o.type]);
}

function changeStrings(cell: string): string[] {
  return moreOf<ChangeFields>(cell).flatMap((v) => [v.key, v.from, v.to]);
}

/** How events are kept: cells checked as they were read, records made by the API's parser when shown. */
export const DATA_CENTER_EVENT_CODEC: RowCodec = {
  width: WIDTH,
  searchedColumns: [AUTHOR_NAME, SOURCE, CATEGORY, ACTION, OBJECT_NAME, OBJECT_TYPE, MORE_OBJECTS, CHANGE_NAME, CHANGE_FROM, CHANGE_TO, MORE_CHANGES],
  check: () => undefined,
  searched: (column, value) => (column === MORE_OBJECTS ? objectStrings(value) : column === MORE_CHANGES ? changeStrings(value) : [value]),
  record: (cells, creationDate) => dcEventRecord(eventOf(cells, creationDate), FILE_EVENT, creationDate),
};

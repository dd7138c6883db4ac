// Deterministic files in every shape the offline reader opens (Data Center audit log lines and events answers,
// Data Center CSV exports in both orders, CSVs recognised by name, our "Export Shown Records" CSV, our own
// export, Cloud JSON Lines), with hostile text, zones around DST changes and every optional part present or
// not. Used to pin the records and search results the reader gives for them (recordsUnchanged.test.ts).
import fc from 'fast-check';
import type { AuditRecord } from '../../../src/api/types';
import { csvHeader, recordToCsvRow } from '../../../src/exportFile/format/safeCsv';
import { csvLine } from '../../../simulator/csv';
import { arbitraryRecord, exportCsv } from './records';

/** mulberry32: the same numbers on every run and machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const TEXTS = ['Dana Whitfield', "Zoë O'Brien", '=1+1', '"quoted, with comma"', 'two\r\nlines', 'null', '', ' spaced ', '[bracket]', 'Ünïcødé 🙂', '-2', 'x'.repeat(40), 'Space permission added', 'Permissions', 'Users and groups'];
const PEOPLE = ['Dana Whitfield', 'Sam Okoye', 'Anonymous', 'System', "Zoë O'Brien", 'null'];
const ADDRESSES = ['192.0.2.45', '2001:db8::7', '', '203.0.113.9, 10.0.0.1', 'not an address'];
const USER_LINKS = ['dwhitfield', 'j%C3%B6rg', 'a+b', 'null', '%E0%A4%A', ''];

function text(d: Dice): string {
  return d.pick(TEXTS);
}

/** One Data Center event: an audit log file line ({epochSecond, nano}, auditType) or an /events entity. */
export function dataCenterEvent(d: Dice, i: number, fileLine: boolean): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  const objects = Array.from({ length: d.int(4) }, (_, k) => {
    const o: Record<string, unknown> = { name: d.chance(0.8) ? `Space ${d.int(20)}` : text(d), type: d.pick(['Space', 'Page', 'Group', 'User', '']) };
    if (d.chance(0.7)) o.id = d.chance(0.9) ? String(65536 + d.int(50)) : 98305;
    if (d.chance(0.4)) o.uri = `http://wiki.example.test/display/S${k}`;
    return o;
  });
  if (d.chance(0.95)) event.affectedObjects = objects;
  const type = { action: d.pick(['Space permission added', 'User deactivated', 'Page created', text(d)]), actionI18nKey: 'audit.logging.summary.x', area: d.pick(['PERMISSIONS', 'USER_MANAGEMENT']), category: d.pick(['Permissions', 'Users and groups', text(d)]), categoryI18nKey: 'audit.logging.category.x', level: d.pick(['BASE', 'ADVANCED', 3]) };
  if (!fileLine) delete (type as Partial<typeof type>).area;
  event[fileLine ? 'auditType' : 'type'] = type;
  const author: Record<string, unknown> = { id: d.pick(['-2', '8a7b6c5d4e3f20110', 42, '', 'null']), name: d.pick(PEOPLE), type: d.pick(['user', 'system', '']) };
  if (d.chance(0.5)) author.uri = `http://wiki.example.test/admin/users/viewuser.action?username=${d.pick(USER_LINKS)}&x=1`;
  if (d.chance(0.2)) author.avatarUri = '';
  event.author = author;
  event.changedValues = Array.from({ length: d.int(4) }, () => {
    const v: Record<string, unknown> = {};
    if (d.chance(0.8)) v.key = d.pick(['Type', 'Group', 'Active', '']);
    if (d.chance(0.8)) v.i18nKey = d.pick(['Type', 'audit.logging.changed.value']);
    if (d.chance(0.7)) v.from = d.chance(0.9) ? text(d) : 7;
    if (d.chance(0.7)) v.to = d.chance(0.9) ? text(d) : true;
    return v;
  });
  event.extraAttributes = Array.from({ length: d.pick([0, 0, 0, 1, 2]) }, () => (d.chance(0.5) ? { name: 'Node', value: `node-${d.int(3)}` } : { nameI18nKey: 'audit.attr.reason', value: text(d) }));
  if (d.chance(0.9)) event.method = d.pick(['Browser', 'System', 'REST', '']);
  event.source = d.pick(ADDRESSES);
  if (d.chance(0.9)) event.system = 'http://wiki.example.test:8090';
  if (fileLine) event.version = '1.0';
  const second = 1_700_000_000 + d.int(500_000) - (i % 3);
  if (fileLine) event.timestamp = { epochSecond: second, nano: d.pick([0, 125_000_000, 999_999_999, 123]) };
  else event.timestamp = d.chance(0.8) ? new Date(second * 1000 + d.int(1000)).toISOString() : '2023-11-14T23:13:20.250+01:00';
  return event;
}

export function auditLogLines(seed: number, count: number): string {
  const d = new Dice(seed);
  return Array.from({ length: count }, (_, i) => `${JSON.stringify(dataCenterEvent(d, i, true))}\n`).join('');
}

export function eventsAnswer(seed: number, count: number): string {
  const d = new Dice(seed);
  return JSON.stringify({ entities: Array.from({ length: count }, (_, i) => dataCenterEvent(d, i, false)), pagingInfo: { nextPageCursor: '1,2' } }, null, 2);
}

const DC_HEADER = 'Date,Time zone,Category,Address,Summary,Description,Author,Author name,Changed object,Changed object type,Details,Associated items\r\n';

/** Wall-clock times in zones, some an hour from a DST change (Berlin and New York, 2023). */
function wallTime(d: Dice): { time: string; zone: string } {
  const zone = d.pick(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata']);
  const day = d.pick(['2023-03-26', '2023-10-29', '2023-03-12', '2023-11-05', '2024-02-29', '2023-07-01']);
  const hour = String(d.int(5)).padStart(2, '0');
  const rest = `${String(d.int(60)).padStart(2, '0')}:${String(d.int(60)).padStart(2, '0')}`;
  const time = d.pick([`${day} ${hour}:${rest}`, `${day}T${hour}:${rest}`, `${day} ${hour}:${rest}.250`, ` ${day} ${hour}:${rest}`, `${day} ${hour}:${rest.slice(0, 2)}`]);
  return { time, zone: d.chance(0.95) ? zone : ` ${zone}` };
}

function proseChanges(d: Dice): string {
  if (d.chance(0.1)) return JSON.stringify([{ name: text(d), oldValue: 'a', newValue: 'b', hiddenOldValue: '' }]);
  const lines = Array.from({ length: d.int(4) }, () =>
    d.pick([`[${text(d)}] was changed from [${text(d)}] to [${text(d)}]`, `[Type] was changed to [EDITSPACE]`, `[Key] was changed from [RN]`, '[Flag] was changed', 'free text line']),
  );
  return lines.join(d.pick(['\r\n', '\n']));
}

function proseObjects(d: Dice): string {
  if (d.chance(0.1)) return JSON.stringify([{ name: text(d), objectType: 'Group' }]);
  return Array.from({ length: d.int(3) }, () => d.pick([`[${text(d)}] [Group]`, '[Handbook] [Space]', 'loose words'])).join('\r\n');
}

/** A Data Center CSV export: values as its writer puts them, or (headed) under their own headings. */
export function dataCenterCsv(seed: number, count: number, headed: boolean): string {
  const d = new Dice(seed);
  const rows = Array.from({ length: count }, () => {
    const { time, zone } = wallTime(d);
    const username = d.pick(['dwhitfield', '557058:aa56', '', 'null']);
    const name = d.pick(PEOPLE);
    const category = d.pick(['Permissions', 'Users and groups', text(d)]);
    const address = d.pick(['192.0.2.45', '2001:db8::7', '']);
    const summary = d.pick(['Space permission added', 'User deactivated', text(d)]);
    const description = d.pick(['', 'Added, with care', text(d)]);
    const object = d.pick(['Handbook', 'Pat Lee', text(d)]);
    const cells = headed
      ? [time, zone, category, address, summary, description, username, name, object, d.pick(['Space', 'User']), proseChanges(d), proseObjects(d)]
      : [time, zone, username, name, category, address, summary, description, object, object, proseChanges(d), proseObjects(d)];
    return csvLine(cells);
  });
  return DC_HEADER + rows.join('');
}

/** A CSV whose columns are recognised by name: flags, epoch times, extra columns (one name twice). */
export function namedCsv(seed: number, count: number): string {
  const d = new Dice(seed);
  const header = ['Timestamp', 'Action', 'User', 'IP address', 'Category', 'Description', 'Object', 'Object type', 'Changed values', 'Associated objects', 'sysAdmin', 'superAdmin', 'Username', 'Account id', 'Public name', 'Node', 'Node', 'Comment'];
  const rows = Array.from({ length: count }, () => {
    const ms = 1_700_000_000_000 + d.int(1e9);
    const time = d.pick([String(ms), String(ms / 1000), new Date(ms).toISOString(), '2023-11-14T23:13:20+01:00', '2023-11-14 22:13:20Z']);
    return csvLine([time, text(d), d.pick(PEOPLE), d.pick(ADDRESSES), text(d), text(d), text(d), text(d), proseChanges(d), proseObjects(d), d.pick(['yes', 'no', 'TRUE', 'false', '']), d.pick(['', 'Yes', 'no']), d.pick(['jdoe', '', 'null']), d.pick(['acc-1', '', 'null']), d.pick(['Unknown user', '', 'null']), d.pick(['node-1', '']), d.pick(['a', '']), text(d)]);
  });
  return csvLine(header) + rows.join('');
}

function records(seed: number, count: number): AuditRecord[] {
  return fc.sample(arbitraryRecord, { seed, numRuns: count });
}

/** Our "Export Shown Records" CSV (formula guards, times in a zone, the epoch column). */
export function shownCsv(seed: number, count: number): string {
  // Its epoch column is read as milliseconds only from 12 digits on (2001 onwards).
  const dated = records(seed, count).map((r) => ({ ...r, creationDate: 1_000_000_000_000 + (r.creationDate % 3_000_000_000_000) }));
  return csvHeader() + dated.map((r) => recordToCsvRow(r, 'Europe/Berlin')).join('');
}

export function ownExportCsv(seed: number, count: number): string {
  return exportCsv(records(seed, count));
}

/** Cloud records, one per line, with Data Center audit log lines between some of them. */
export function mixedJsonLines(seed: number, count: number): string {
  const d = new Dice(seed);
  return records(seed, count)
    .map((r, i) => `${JSON.stringify(i % 3 === 0 ? dataCenterEvent(d, i, true) : r)}\n`)
    .join('');
}

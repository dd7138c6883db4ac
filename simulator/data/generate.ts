// Seeded audit records of any count, generated lazily: only the sorted creation dates are kept
// (8 bytes a record); each record is rebuilt on demand from (seed, index), so 1,000,000 records
// fit easily and an export of 2,000,000 is produced while it streams.
import type { AuditRecord, AuditRecordAuthor } from '../../src/api/types';
import { Prng, hash32, hashUnit } from '../prng';
import { buildEvent, type EventParts } from './events';
import { HOSTILE_STRINGS, HOSTILE_TARGETS, type HostileTarget } from './hostile';
import { createWorld, type Person, type World } from './world';

const SALT_TIMES = 0x71e5;
const SALT_RECORD = 0x4ec0;
const SALT_DUPLICATE = 0xd0b1;
const SALT_LENIENT_OPS = 0x1e01;
const SALT_LENIENT_DATE = 0x1e02;

/** Share of records that repeat the previous record exactly (same content, same millisecond). */
export const DUPLICATE_RATE = 0.003;
/** Share of records carrying a hostile string. */
export const HOSTILE_RATE = 0.01;
/** With lenientShapes, share of records sent with `operations: {}` and with a string creationDate. */
const LENIENT_RATE = 0.1;

export interface SeededDataOptions {
  records: number;
  seed: number;
  /** Epoch ms of the newest possible record. */
  anchor: number;
  periodMs: number;
}

export class SeededData {
  readonly seed: number;
  readonly count: number;
  /** Creation dates, newest first (non-increasing). */
  readonly times: Float64Array;
  private readonly world: World;

  constructor(options: SeededDataOptions) {
    this.seed = options.seed;
    this.count = options.records;
    this.world = createWorld(options.seed);
    this.times = spreadTimes(options, (k) => this.isDuplicate(k));
  }

  /** True when record k repeats record k-1 exactly. Never chains, so k-1 is an original. */
  isDuplicate(k: number): boolean {
    return k > 0 && this.rawDuplicate(k) && !this.rawDuplicate(k - 1);
  }

  record(k: number): AuditRecord {
    const source = this.isDuplicate(k) ? k - 1 : k;
    return this.build(source, this.times[k] ?? 0);
  }

  /** A new event dated `creationDate` (for records that "arrive" while a client pages). */
  fresh(n: number, creationDate: number): AuditRecord {
    // Indexes past the seeded range give new, still deterministic, events.
    return this.build(this.count + n, creationDate);
  }

  /** The record as a lenient real server may send it: `operations: {}`, string creationDate. */
  lenientRecord(k: number): unknown {
    const source = this.isDuplicate(k) ? k - 1 : k;
    const record: Record<string, unknown> = { ...this.record(k) };
    if (hashUnit(this.seed, source, SALT_LENIENT_OPS) < LENIENT_RATE) {
      record['author'] = { ...(record['author'] as AuditRecordAuthor), operations: {} };
    }
    if (hashUnit(this.seed, source, SALT_LENIENT_DATE) < LENIENT_RATE) {
      record['creationDate'] = String(record['creationDate']);
    }
    return record;
  }

  private rawDuplicate(k: number): boolean {
    return hashUnit(this.seed, k, SALT_DUPLICATE) < DUPLICATE_RATE;
  }

  private build(index: number, creationDate: number): AuditRecord {
    const rng = new Prng(hash32(this.seed, index, SALT_RECORD));
    const event = buildEvent(rng, this.world);
    const person = this.actorFor(rng, event);
    const author = person ? cloneAuthor(person.author) : cloneAuthor(this.world.system);
    const addresses = person ? person.addresses : this.world.systemAddresses;
    const record: AuditRecord = {
      author,
      remoteAddress: rng.pick(addresses),
      creationDate,
      summary: event.summary,
      description: event.description,
      category: event.category,
      sysAdmin: event.sysAdmin && person !== undefined && person.isAdmin,
      affectedObject: { ...event.affectedObject },
      changedValues: event.changedValues.map((v) => ({ ...v })),
      associatedObjects: event.associatedObjects.map((o) => ({ ...o })),
    };
    if (person) {
      record.superAdmin = false;
    }
    if (rng.chance(HOSTILE_RATE)) {
      plantHostile(record, rng.pick(HOSTILE_STRINGS), rng.pick(HOSTILE_TARGETS), person !== undefined);
    }
    return record;
  }

  /** undefined means the System author. */
  private actorFor(rng: Prng, event: EventParts): Person | undefined {
    switch (event.actor) {
      case 'system':
        return undefined;
      case 'app':
        return rng.pick(this.world.apps);
      case 'admin':
        return rng.pick(this.world.admins);
      case 'user':
        return rng.chance(0.05) ? rng.pick(this.world.apps) : rng.pick(this.world.people);
    }
  }
}

function cloneAuthor(author: AuditRecordAuthor): AuditRecordAuthor {
  const copy = { ...author };
  if (Array.isArray(author.operations)) {
    copy.operations = author.operations.map((o) => ({ ...o }));
  }
  return copy;
}

function plantHostile(record: AuditRecord, value: string, target: HostileTarget, hasPerson: boolean): void {
  switch (target) {
    case 'description':
      record.description = value;
      return;
    case 'affectedObject':
      record.affectedObject.name = value;
      return;
    case 'associatedObject': {
      const first = record.associatedObjects[0];
      if (first) {
        first.name = value;
      } else {
        record.associatedObjects.push({ name: value, objectType: 'Page' });
      }
      return;
    }
    case 'changedValue': {
      const first = record.changedValues[0];
      if (first && !first.hiddenNewValue) {
        first.newValue = value;
      } else {
        record.changedValues.push({ name: 'Title', oldValue: '', newValue: value, hiddenOldValue: '', hiddenNewValue: '' });
      }
      return;
    }
    case 'authorName':
      if (hasPerson) {
        record.author.displayName = value;
        record.author.publicName = value;
      } else {
        record.description = value;
      }
      return;
  }
}

/**
 * Spreads `records` creation dates over [anchor - period, anchor], newest first, as uniform order
 * statistics built from exponential gaps: O(n), already sorted, deterministic per seed.
 */
function spreadTimes(options: SeededDataOptions, isDuplicate: (k: number) => boolean): Float64Array {
  const n = options.records;
  const times = new Float64Array(n);
  const rng = new Prng(hash32(options.seed, SALT_TIMES));
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += -Math.log(1 - rng.next());
    times[k] = sum;
  }
  const total = sum - Math.log(1 - rng.next());
  const anchor = Math.floor(options.anchor);
  const oldest = anchor - options.periodMs;
  for (let k = 0; k < n; k++) {
    const t = Math.round(anchor - options.periodMs * ((times[k] ?? 0) / total));
    times[k] = Math.min(anchor, Math.max(oldest, t));
  }
  for (let k = 1; k < n; k++) {
    if (isDuplicate(k)) {
      times[k] = times[k - 1] ?? 0;
    }
  }
  return times;
}

// The seeded data: deterministic per seed, spread over the period, realistic shapes, hostile strings,
// exact duplicates, and a million records served without trouble.
import * as assert from 'node:assert/strict';
import type { AuditRecord } from '../../../src/api/types';
import { HOSTILE_STRINGS, HUGE_VALUE, startSimulator, type Simulator } from '../../../simulator';
import { asPage, basic, getJson } from './http';
import { assertMatchesSchema } from './specSchemas';

const ANCHOR = Date.UTC(2025, 8, 1, 9, 15);
const DAY = 24 * 3600 * 1000;

function strings(r: AuditRecord): string[] {
  return [
    r.summary, r.description, r.category, r.author.displayName, r.author.publicName ?? '', r.affectedObject.name,
    ...r.associatedObjects.map((o) => o.name), ...r.changedValues.flatMap((v) => [v.oldValue, v.newValue]),
  ];
}

describe('simulator: seeded data', () => {
  let sim: Simulator;
  let records: AuditRecord[];

  before(async () => {
    sim = await startSimulator({ records: 20_000, seed: 7, anchor: ANCHOR, periodDays: 120 });
    records = sim.allRecords();
  });
  after(() => sim.stop());

  it('is the same for the same seed and different for another', async () => {
    const again = await startSimulator({ records: 20_000, seed: 7, anchor: ANCHOR, periodDays: 120 });
    const other = await startSimulator({ records: 20_000, seed: 8, anchor: ANCHOR, periodDays: 120 });
    try {
      assert.deepEqual(again.allRecords(), records);
      assert.equal(again.cloudId, sim.cloudId);
      assert.notDeepEqual(other.allRecords().slice(0, 50), records.slice(0, 50));
      assert.notEqual(other.cloudId, sim.cloudId);
      // Secrets are never derived from the seed.
      assert.notEqual(again.admin.apiToken, sim.admin.apiToken);
    } finally {
      await Promise.all([again.stop(), other.stop()]);
    }
  });

  it('has the requested count, spread over [anchor - period, anchor], newest first', () => {
    assert.equal(records.length, 20_000);
    const first = records[0];
    const last = records[records.length - 1];
    assert.ok(first && last);
    assert.ok(first.creationDate <= ANCHOR && first.creationDate > ANCHOR - DAY);
    assert.ok(last.creationDate >= ANCHOR - 120 * DAY && last.creationDate < ANCHOR - 119 * DAY);
    for (let i = 1; i < records.length; i++) {
      assert.ok((records[i - 1]?.creationDate ?? 0) >= (records[i]?.creationDate ?? 0));
    }
    assert.ok(records.every((r) => Number.isInteger(r.creationDate)));
  });

  it('validates against the spec, every record', () => {
    for (const r of records) {
      assertMatchesSchema('AuditRecord', r);
    }
  });

  it('looks like real Confluence Cloud: categories, summaries, authors, addresses, changed values, groups', () => {
    const categories = new Set(records.map((r) => r.category));
    // The names real Cloud sites send (see ../shared/notes/real-formats.md), not our guesses ('Space', 'Pages').
    for (const c of ['Permissions', 'Users and groups', 'Global config and administration', 'Apps', 'Spaces', 'Security', 'Page']) {
      assert.ok(categories.has(c), c);
    }
    assert.ok(!categories.has('Space') && !categories.has('Pages'));
    const summaries = new Set(records.map((r) => r.summary));
    for (const s of ['Space permission added', 'User added to group', 'Group created', 'Global settings changed', 'App installed', 'Space exported', 'Page deleted']) {
      assert.ok(summaries.has(s), s);
    }
    const hostile = new Set<string>(HOSTILE_STRINGS);
    const authors = records.map((r) => r.author).filter((a) => !hostile.has(a.displayName));
    for (const a of authors) {
      assert.equal(a.operations, null, 'real records carry operations: null');
      assert.equal(a.accountType, '', 'real records carry accountType ""');
      assert.equal(a.publicName, 'Unknown user', 'real Cloud sends "Unknown user" for everyone');
      assert.equal(a.isGuest, undefined, 'isGuest does not appear in real records');
      assert.equal(typeof a.externalCollaborator, 'boolean');
    }
    const system = records.filter((r) => r.author.displayName === 'System');
    assert.ok(system.length > 100);
    for (const r of system) {
      assert.equal(r.author.accountId, undefined);
      assert.equal(r.author.username, undefined);
      assert.equal(r.author.userKey, undefined);
    }
    const people = records.filter((r) => r.author.accountId !== undefined);
    assert.ok(people.length > 1000);
    for (const r of people) {
      assert.equal(r.author.username, r.author.accountId, 'real Cloud repeats the account id as the username');
      assert.match(r.author.userKey ?? '', /^[0-9a-f]{32}$/);
    }
    assert.ok(people.some((r) => r.author.isExternalCollaborator === true) && people.some((r) => r.author.isExternalCollaborator === false));
    assert.ok(records.some((r) => /^\d+\.\d+\.\d+\.\d+$/.test(r.remoteAddress)));
    assert.ok(records.some((r) => r.remoteAddress.includes(':')));
    const values = records.flatMap((r) => r.changedValues);
    assert.ok(values.every((v) => typeof v.hiddenOldValue === 'string' && typeof v.hiddenNewValue === 'string'), 'every value carries both markers');
    assert.ok(values.some((v) => v.hiddenOldValue === '' && v.hiddenNewValue === '' && v.oldValue !== v.newValue), 'visible values have empty markers');
    assert.ok(values.some((v) => v.hiddenOldValue !== '' && v.hiddenNewValue !== '' && v.oldValue === '' && v.newValue === ''), 'a hidden value has markers that hold something');
    assert.ok(records.some((r) => r.changedValues.some((v) => v.name === 'Active' && v.oldValue === 'Yes' && v.newValue === 'No')));
    assert.ok(records.some((r) => r.summary === 'User deactivated' && r.affectedObject.name === '' && r.affectedObject.objectType === ''));
    assert.ok(records.some((r) => [r.affectedObject, ...r.associatedObjects].some((o) => o.objectType === 'Group' && /^confluence-users:[0-9a-f-]{36}$/.test(o.name))));
    assert.ok(records.some((r) => r.associatedObjects.length > 0));
  });

  it('carries every hostile string in about 1% of records, the 100 KB value included', () => {
    const hostile = new Set<string>(HOSTILE_STRINGS);
    const carrying = records.filter((r) => strings(r).some((s) => hostile.has(s)));
    assert.ok(carrying.length > 100 && carrying.length < 400, `${carrying.length} hostile records`);
    const seen = new Set(carrying.flatMap((r) => strings(r).filter((s) => hostile.has(s))));
    for (const s of HOSTILE_STRINGS) {
      assert.ok(seen.has(s), `missing ${JSON.stringify(s.slice(0, 40))}`);
    }
    assert.equal(HUGE_VALUE.length, 100 * 1024);
    for (const needle of ['<img src=x onerror=alert(1)>', '=HYPERLINK("http://evil")', '\u202E', 'تقرير', 'דוח']) {
      assert.ok(HOSTILE_STRINGS.some((s) => s.includes(needle)), needle);
    }
  });

  it('contains some exactly identical records (same content, same millisecond)', () => {
    let identical = 0;
    for (let i = 1; i < records.length; i++) {
      if (JSON.stringify(records[i]) === JSON.stringify(records[i - 1])) {
        identical++;
      }
    }
    assert.ok(identical >= 10 && identical < 200, `${identical} duplicates`);
  });

  it('serves a million records', async function () {
    this.timeout(30_000);
    const big = await startSimulator({ records: 1_000_000, seed: 1, anchor: ANCHOR });
    try {
      const res = await getJson(`${big.url}/wiki/rest/api/audit?start=999000&limit=1000`, basic(big.admin));
      assert.equal(res.status, 200);
      assertMatchesSchema('AuditRecordArray', res.body);
      const p = asPage(res.body);
      assert.equal(p.size, 1000);
      assert.equal(p._links['next'], undefined);
      assert.ok((p.results[999]?.creationDate ?? 0) >= ANCHOR - 90 * DAY);
    } finally {
      await big.stop();
    }
  });
});

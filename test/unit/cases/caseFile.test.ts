// The case file format (issue 15 §3): a round trip keeps every record, tag, note, source and query exactly;
// the text is stable, pretty and diffable; and a case file from someone else is checked in full: wrong types,
// huge strings, prototype keys, missing fields, bad times and records that are not records are refused with
// a message that names where the problem is.
import * as assert from 'node:assert/strict';
import { recordKey } from '../../../src/api/recordKey';
import { addToCase, parseTags, setNote } from '../../../src/cases/caseEdits';
import { caseText, emptyCase, type CaseFile } from '../../../src/cases/caseFile';
import { caseFileName, caseNameOf, caseNameProblem } from '../../../src/cases/caseName';
import { CASE_LIMITS, parseCase } from '../../../src/cases/parseCase';
import { CaseProblem } from '../../../src/cases/shape';
import { CLOUD, draft, hostileRecord, NOW, plainRecord, SNAPSHOT } from './fixtures';

function sampleCase(): CaseFile {
  let file = emptyCase(NOW - 3_600_000);
  // Added newest first and from two sources: the file still lists them oldest first.
  file = addToCase(file, [draft(plainRecord(120_000, 'Newest')), draft(hostileRecord())], { tags: ['exfil', 'étape 2'], note: 'Seen by the SOC.\nSecond line.' }, NOW).file;
  file = addToCase(file, [draft(plainRecord(0, 'Oldest'), SNAPSHOT)], { tags: [], note: '' }, NOW + 1000).file;
  return file;
}

/** The sample case as JSON, changed by `mutate`, as text: what a hostile sender could hand over. */
function mutated(mutate: (doc: Record<string, unknown> & { records: Record<string, unknown>[]; sources: Record<string, unknown>[] }) => void): string {
  const doc = JSON.parse(caseText(sampleCase())) as Record<string, unknown> & { records: Record<string, unknown>[]; sources: Record<string, unknown>[] };
  mutate(doc);
  return JSON.stringify(doc, null, 2);
}

function refused(text: string, message: RegExp): void {
  assert.throws(() => parseCase(text), (e: unknown) => {
    assert.ok(e instanceof CaseProblem, `a CaseProblem, not ${String(e)}`);
    assert.match(e.message, message);
    assert.ok(e.message.length < 400, `a short message: ${e.message.length} characters`);
    return true;
  });
}

describe('Case file format', () => {
  it('round-trips every record, tag, note, source and query exactly', () => {
    const file = sampleCase();
    const parsed = parseCase(caseText(file));
    assert.deepEqual(parsed, file);
    assert.equal(parsed.records.length, 3);
    assert.deepEqual(parsed.records.map((r) => r.record.summary.slice(0, 6)), ['Oldest', '=HYPER', 'Newest'], 'oldest first');
    const hostile = parsed.records[1];
    assert.deepEqual(hostile.record, hostileRecord(), 'the hostile record comes back as it was, redaction markers and source fields included');
    assert.equal(hostile.key, recordKey(hostileRecord()));
    assert.deepEqual(hostile.tags, ['exfil', 'étape 2']);
    assert.equal(hostile.note, 'Seen by the SOC.\nSecond line.');
    assert.equal(parsed.records[0].source, SNAPSHOT.id);
    assert.equal(parsed.records[1].query, parsed.records[2].query, 'one query for records added from the same window');
    assert.notEqual(parsed.records[0].query, parsed.records[1].query, 'another for the other source');
    assert.deepEqual(parsed.queries.map((q) => [q.id, q.source, q.query]), [['q1', CLOUD.id, 'author:alice -summary:viewed'], ['q2', SNAPSHOT.id, 'author:alice -summary:viewed']]);
    assert.deepEqual(parsed.sources.map((s) => s.id).sort(), [CLOUD.id, SNAPSHOT.id].sort());
  });

  it('writes a stable, pretty text in a fixed order, so a change is a small diff', () => {
    const file = sampleCase();
    const text = caseText(file);
    assert.equal(caseText(parseCase(text)), text, 'reading and writing again gives the same bytes');
    assert.ok(text.endsWith('}\n'));
    assert.match(text, /^\{\n {2}"kind": "confluence-audit-case",\n {2}"formatVersion": 1,\n {2}"createdAt": "2026-/);
    const recordText = JSON.stringify((JSON.parse(text) as { records: { record: unknown }[] }).records[1].record);
    assert.ok(recordText.indexOf('"affectedObject"') < recordText.indexOf('"author"') && recordText.indexOf('"author"') < recordText.indexOf('"category"'), 'record keys sorted');
    const changed = caseText(setNote(file, `${CLOUD.id}\n${file.records[2].key}`, 'Now with a note'));
    const before = text.split('\n');
    const after = changed.split('\n');
    assert.equal(after.length, before.length);
    assert.deepEqual(after.filter((line, i) => line !== before[i]), ['      "note": "Now with a note",'], 'one line changes');
  });

  it('refuses what is not JSON, or not a case file of this version', () => {
    refused('{"kind": "confluence-audit-case",', /not valid JSON/);
    refused('[]', /the case must be an object, not a list/);
    refused(mutated((d) => void (d.kind = 'confluence-audit-export-manifest')), /not a Confluence Audit case file/);
    refused(mutated((d) => void (d.formatVersion = 2)), /case format version 2 is not supported/);
    refused('x'.repeat(CASE_LIMITS.fileBytes + 1), /larger than/);
  });

  it('refuses wrong types, naming the field', () => {
    refused(mutated((d) => void (d.records[0].note = 5)), /^records\[0\]\.note must be a string, not a number$/);
    refused(mutated((d) => void (d.records[0].tags = 'exfil')), /^records\[0\]\.tags must be a list, not a string$/);
    refused(mutated((d) => void (d.records[0].query = 7)), /^records\[0\]\.query must be a string, not a number$/);
    refused(mutated((d) => void ((d as Record<string, unknown>).sources = {})), /^sources must be a list, not an object$/);
    refused(mutated((d) => void ((d.records[1].record as { sysAdmin: unknown }).sysAdmin = 'yes')), /^records\[1\]\.record\.sysAdmin must be true or false, not a string$/);
    refused(mutated((d) => void ((d.records[1].record as { creationDate: unknown }).creationDate = '1764079260000')), /records\[1\]\.record\.creationDate must be a whole number, not a string/);
  });

  it('refuses huge strings and too many items', () => {
    refused(mutated((d) => void (d.records[0].note = 'x'.repeat(20_000))), /^records\[0\]\.note is 20000 characters long; at most 10000 are allowed$/);
    refused(mutated((d) => void ((d.records[2].record as { summary: unknown }).summary = 'x'.repeat(2_000_000))), /records\[2\]\.record\.summary is 2000000 characters long; at most 1048576/);
    refused(mutated((d) => void (d.records[0].tags = Array.from({ length: 21 }, (_, i) => `t${i}`))), /records\[0\]\.tags holds 21 items; at most 20/);
    refused(mutated((d) => void (d.records = Array.from({ length: CASE_LIMITS.records + 1 }, () => ({})))), /^records holds 10001 items; at most 10000 are allowed$/);
    refused(mutated((d) => void (d.sources[0].label = 'a\nb')), /sources\[0\]\.label contains a line break/);
  });

  it('refuses prototype keys and fields it does not know, and pollutes nothing', () => {
    const proto = caseText(sampleCase()).replace('"note": ""', '"note": "", "__proto__": { "polluted": true }');
    refused(proto, /^records\[0\] has an unexpected field "__proto__"$/);
    refused(mutated((d) => void Object.defineProperty(d, 'constructor', { value: { prototype: { polluted: true } }, enumerable: true })), /^the case has an unexpected field "constructor"$/);
    const inRecord = caseText(sampleCase()).replace('"category": "Permissions"', '"category": "Permissions", "__proto__": { "isAdmin": true }');
    refused(inRecord, /^records\[0\]\.record has an unexpected field "__proto__"$/);
    refused(mutated((d) => void ((d.records[0].record as Record<string, unknown>).script = '<script>')), /records\[0\]\.record has an unexpected field "script"/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
  });

  it('refuses missing fields', () => {
    refused(mutated((d) => void delete d.records[0].fetchedAt), /^records\[0\] lacks the field "fetchedAt"$/);
    refused(mutated((d) => void delete d.queries), /^the case lacks the field "queries"$/);
    refused(mutated((d) => void delete (d.records[1].record as Record<string, unknown>).author), /^records\[1\]\.record lacks the field "author"$/);
  });

  it('refuses bad times', () => {
    refused(mutated((d) => void (d.records[0].fetchedAt = '2026-13-01T00:00:00.000Z')), /^records\[0\]\.fetchedAt is not a time such as 2026-01-31T23:59:59\.000Z: "2026-13-01T00:00:00\.000Z"$/);
    refused(mutated((d) => void (d.records[0].addedAt = '2026-02-30T00:00:00.000Z')), /records\[0\]\.addedAt is not a time/);
    refused(mutated((d) => void (d.createdAt = 'yesterday')), /^createdAt is not a time/);
    refused(mutated((d) => void (d.records[0].fetchedAt = 1764079260000)), /records\[0\]\.fetchedAt must be a string, not a number/);
    refused(mutated((d) => void (((d.queries as Record<string, Record<string, unknown>>[])[0].window).end = '2020-01-01T00:00:00.000Z')), /queries\[0\]\.window ends before it starts/);
  });

  it('refuses records that are not records, or not the copy that was added', () => {
    refused(mutated((d) => void (d.records[0].record = 'Space permission added')), /^records\[0\]\.record must be an object, not a string$/);
    refused(mutated((d) => void (d.records[0].record = null)), /^records\[0\]\.record must be an object, not null$/);
    refused(mutated((d) => void ((d.records[0].record as { author: { type: string } }).author.type = 'admin')), /records\[0\]\.record\.author\.type must be "user"/);
    refused(mutated((d) => void ((d.records[0].record as { changedValues: unknown }).changedValues = [{ name: 'x' }])), /records\[0\]\.record\.changedValues\[0\] lacks the field "oldValue"/);
    refused(mutated((d) => void ((d.records[0].record as { author: { operations: unknown } }).author.operations = [{ operation: 'rm -rf', targetType: 'x' }])), /operations\[0\]\.operation is not an operation Confluence names/);
    refused(mutated((d) => void ((d.records[0].record as { creationDate: number }).creationDate = -1)), /creationDate is -1; it must lie in/);
    refused(mutated((d) => void ((d.records[0].record as { summary: string }).summary = 'Oldest, edited')), /^records\[0\]\.record does not match its key: the copy of the record was changed after it was added$/);
    refused(mutated((d) => void (d.records[0].key = 'not a key')), /records\[0\]\.key is not a SHA-256 in hex/);
  });

  it('refuses sources with credentials or of other schemes, and references to nothing', () => {
    refused(mutated((d) => void (d.sources[0].url = 'https://admin:hunter2@acme.atlassian.net/')), /^sources\[0\]\.url carries a user name or password; a case file never holds credentials$/);
    refused(mutated((d) => void (d.sources[0].url = 'javascript:alert(1)')), /sources\[0\]\.url must be an https, http or file URL/);
    refused(mutated((d) => void (d.sources[0].kind = 'ftp')), /sources\[0\]\.kind must be one of cloud, dc, org, snapshot/);
    refused(mutated((d) => void (d.records[0].source = 'elsewhere')), /^records\[0\]\.source names "elsewhere", which is not in sources$/);
    refused(mutated((d) => void (d.records[0].query = 'q99')), /records\[0\]\.query names "q99", which is not in queries/);
    refused(mutated((d) => void d.records.push(d.records[0])), /^records\[3\] has the same source and key as an earlier item$/);
  });

  it('refuses tags that are blank, hold a comma or repeat', () => {
    refused(mutated((d) => void (d.records[1].tags = [' '])), /records\[1\]\.tags\[0\] is not a tag/);
    refused(mutated((d) => void (d.records[1].tags = ['a,b'])), /records\[1\]\.tags\[0\] is not a tag \(not blank, no comma\)/);
    refused(mutated((d) => void (d.records[1].tags = ['a', 'a'])), /records\[1\]\.tags\[1\] has the same text as an earlier item/);
    assert.deepEqual(parseTags(' exfil, , étape 2,exfil '), ['exfil', 'étape 2']);
  });

  it('names cases as files, portably', () => {
    assert.equal(caseFileName('incident-42'), 'incident-42.case.json');
    assert.equal(caseNameOf('incident-42.case.json'), 'incident-42');
    assert.equal(caseNameOf('notes.json'), undefined);
    assert.equal(caseNameOf('../x.case.json'), undefined);
    assert.equal(caseNameProblem('Incident 42'), undefined);
    for (const bad of ['', ' lead', '../up', 'a/b', 'trail.', 'con', 'x'.repeat(65), 'a..b', 'tab\there']) assert.ok(caseNameProblem(bad), bad);
  });
});

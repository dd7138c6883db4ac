// The cases of a workspace (issue 15 §3): several cases, one active; adding records with tags and a note, the
// same record kept once, removing, editing; written to audit-cases/ atomically, never over a file that changed
// on disk or does not read as a case, never through a link that leads out of the workspace.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addToCase, removeFromCase, setNote, setTags } from '../../../src/cases/caseEdits';
import { entryId } from '../../../src/cases/caseFile';
import { NodeCaseFolder } from '../../../src/cases/caseFolder';
import { CaseStore } from '../../../src/cases/caseStore';
import { parseCase } from '../../../src/cases/parseCase';
import { CaseProblem } from '../../../src/cases/shape';
import { CLOUD, draft, hostileRecord, NOW, plainRecord, SNAPSHOT } from './fixtures';

function memoryState(): Map<string, unknown> & { update(key: string, value: unknown): Promise<void> } {
  const map = new Map<string, unknown>();
  return Object.assign(map, { update: async (key: string, value: unknown) => void (value === undefined ? map.delete(key) : map.set(key, value)) });
}

describe('Case store', () => {
  let dir: string;
  let workspace: string;
  let store: CaseStore;
  let changes: number;
  const file = (name: string): string => path.join(workspace, 'audit-cases', `${name}.case.json`);

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'case-store-'));
    workspace = path.join(dir, 'workspace');
    mkdirSync(workspace);
    store = new CaseStore(() => new NodeCaseFolder(workspace), memoryState(), () => NOW);
    changes = 0;
    store.onDidChange(() => changes++);
  });

  afterEach(() => {
    store.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps several cases, one of them active', async () => {
    assert.deepEqual(await store.names(), []);
    assert.equal(store.activeName, undefined);
    await store.create('incident-42');
    assert.equal(store.activeName, 'incident-42');
    await store.create('Phishing wave');
    assert.equal(store.activeName, 'Phishing wave', 'a new case becomes the active one');
    assert.deepEqual(await store.names(), ['incident-42', 'Phishing wave']);
    await store.setActive('incident-42');
    assert.equal(store.activeName, 'incident-42');
    assert.ok(changes >= 3);
    const loaded = await store.load('Phishing wave');
    assert.ok(loaded.ok && loaded.file.records.length === 0);
    await assert.rejects(store.create('incident-42'), /there is a case named "incident-42" already \(audit-cases\/incident-42\.case\.json\)/);
    await assert.rejects(store.create('../escape'), CaseProblem);
    assert.deepEqual(readdirSync(path.join(workspace, 'audit-cases')).sort(), ['Phishing wave.case.json', 'incident-42.case.json']);
  });

  it('adds records with tags and a note, keeps the same record once, removes and edits', async () => {
    await store.create('incident-42');
    const first = await store.edit('incident-42', (f) => {
      const outcome = addToCase(f, [draft(plainRecord(120_000, 'Second')), draft(hostileRecord())], { tags: ['exfil'], note: 'Look here' }, NOW);
      return { file: outcome.file, result: outcome };
    });
    assert.equal(first.added, 2);
    const again = await store.edit('incident-42', (f) => {
      const outcome = addToCase(f, [draft(hostileRecord()), draft(plainRecord(0, 'First'), SNAPSHOT)], { tags: ['exfil', 'admin'], note: 'Other note' }, NOW + 1);
      return { file: outcome.file, result: outcome };
    });
    assert.deepEqual([again.added, again.already], [1, 1]);
    let loaded = parseCase(readFileSync(file('incident-42'), 'utf8'));
    assert.deepEqual(loaded.records.map((r) => r.record.summary.slice(0, 6)), ['First', '=HYPER', 'Second']);
    const hostile = loaded.records[1];
    assert.deepEqual(hostile.tags, ['exfil', 'admin'], 'the same record is kept once; the new tag is added to it');
    assert.equal(hostile.note, 'Look here', 'its note is kept');
    assert.equal(loaded.records[0].note, 'Other note');

    const id = entryId(hostile);
    await store.edit('incident-42', (f) => ({ file: setTags(setNote(f, id, 'Edited'), id, ['confirmed']), result: undefined }));
    loaded = parseCase(readFileSync(file('incident-42'), 'utf8'));
    assert.deepEqual([loaded.records[1].note, loaded.records[1].tags], ['Edited', ['confirmed']]);

    await store.edit('incident-42', (f) => ({ file: removeFromCase(f, entryId(loaded.records[0])), result: undefined }));
    loaded = parseCase(readFileSync(file('incident-42'), 'utf8'));
    assert.equal(loaded.records.length, 2);
    assert.deepEqual(loaded.sources.map((s) => s.id), [CLOUD.id], 'a source no record comes from any more is dropped');
    await assert.rejects(store.edit('incident-42', (f) => ({ file: removeFromCase(f, 'gone'), result: undefined })), /no longer in the case/);
    assert.deepEqual(readdirSync(path.join(workspace, 'audit-cases')), ['incident-42.case.json'], 'no temporary file is left');
  });

  it('refuses tags and notes a case file could not hold', async () => {
    await store.create('c');
    const add = (tags: string[], note: string) => store.edit('c', (f) => ({ file: addToCase(f, [draft(plainRecord(0))], { tags, note }, NOW).file, result: undefined }));
    await assert.rejects(add(['a,b'], ''), /the tags\[0\] is not a tag/);
    await assert.rejects(add([], 'x'.repeat(10_001)), /the note is 10001 characters long/);
    const withCredentials = { ...draft(plainRecord(0)), source: { ...CLOUD, url: 'https://user:secret@acme.atlassian.net/?token=abc#x' } };
    await store.edit('c', (f) => ({ file: addToCase(f, [withCredentials], { tags: [], note: '' }, NOW).file, result: undefined }));
    const text = readFileSync(file('c'), 'utf8');
    assert.doesNotMatch(text, /secret|token=abc|user:/, 'a URL is kept without its credentials, query or fragment');
    assert.match(text, /"url": "https:\/\/acme\.atlassian\.net\/"/);
  });

  it('never overwrites a case that changed on disk meanwhile, or one that does not read as a case', async () => {
    await store.create('c');
    await assert.rejects(
      store.edit('c', (f) => {
        writeFileSync(file('c'), readFileSync(file('c'), 'utf8').replace('"records": []', '"records": [] '));
        return { file: addToCase(f, [draft(plainRecord(0))], { tags: [], note: '' }, NOW).file, result: undefined };
      }),
      /audit-cases\/c\.case\.json changed on disk while this change was made; it was not overwritten/,
    );
    assert.match(readFileSync(file('c'), 'utf8'), /"records": \[\] \n/, 'the change on disk is kept');
    writeFileSync(file('c'), '{"kind": "confluence-audit-case", "formatVersion": 1, "__proto__": {}}');
    await assert.rejects(store.edit('c', (f) => ({ file: f, result: undefined })), /audit-cases\/c\.case\.json is not a usable case file: the case has an unexpected field "__proto__"\. It was not changed/);
    const loaded = await store.load('c');
    assert.ok(!loaded.ok && /not a usable case file/.test(loaded.problem));
    assert.match(readFileSync(file('c'), 'utf8'), /__proto__/, 'the broken file is left as it was');
  });

  it('reads no case through a symbolic link, and none from a folder that leads outside the workspace', async () => {
    const outside = path.join(dir, 'outside');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'secret.txt'), 'not a case');
    mkdirSync(path.join(workspace, 'audit-cases'));
    symlinkSync(path.join(outside, 'secret.txt'), file('linked'));
    const linked = await store.load('linked');
    assert.ok(!linked.ok && /is not a regular file/.test(linked.problem), JSON.stringify(linked));
    rmSync(path.join(workspace, 'audit-cases'), { recursive: true });
    symlinkSync(outside, path.join(workspace, 'audit-cases'));
    await assert.rejects(store.names(), /leads outside the workspace folder/);
    await assert.rejects(store.create('c'), /leads outside the workspace folder/);
    assert.deepEqual(readdirSync(outside), ['secret.txt']);
  });

  it('announces a change made on disk, not the echo of its own write', async () => {
    await store.create('c');
    await store.edit('c', (f) => ({ file: addToCase(f, [draft(plainRecord(0))], { tags: [], note: '' }, NOW).file, result: undefined }));
    const before = changes;
    await store.fileChanged('c.case.json');
    assert.equal(changes, before, 'the watcher seeing our own write changes nothing');
    writeFileSync(file('c'), readFileSync(file('c'), 'utf8').replace('"note": ""', '"note": "from git"'));
    await store.fileChanged('c.case.json');
    assert.equal(changes, before + 1);
    const loaded = await store.load('c');
    assert.ok(loaded.ok && loaded.file.records[0].note === 'from git');
  });

  it('says so when there is no workspace folder', async () => {
    const none = new CaseStore(() => undefined, memoryState());
    assert.match(none.unavailable() ?? '', /open a local folder first/);
    assert.deepEqual(await none.names(), []);
    await assert.rejects(none.create('c'), /open a local folder first/);
  });
});

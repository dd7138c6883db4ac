// CSV exports whose columns are not ours (Cloud's export has no public sample): columns recognised by name in
// several spellings and languages, and an unknown header handed to a column choice instead of a refusal.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadExport } from '../../../src/offline/core/loadExport';
import { UnknownHeaderError } from '../../../src/offline/core/formats/foreignCsv';
import { headerKey, recognizeColumns } from '../../../src/offline/core/formats/csvColumns';

describe('offline: CSV exports with columns we did not write', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'foreign-csv-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, text: string): string {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  }

  it('recognises columns by name in several spellings and languages', () => {
    assert.deepEqual(recognizeColumns(['Timestamp', 'Action', 'User', 'IP address', 'Event type']), { time: 0, summary: 1, author: 2, address: 3, category: 4 });
    assert.deepEqual(recognizeColumns(['Datum', 'Änderung', 'Autor', 'IP-Adresse', 'Kategorie', 'Beschreibung']), { time: 0, summary: 1, author: 2, address: 3, category: 4, description: 5 });
    assert.deepEqual(recognizeColumns(['Horodatage', 'Modification', 'Auteur', 'Adresse IP']), { time: 0, summary: 1, author: 2, address: 3 });
    assert.equal(headerKey(['When ', 'WHAT']), headerKey(['when', 'what']));
  });

  it('opens a CSV whose columns are recognised by name, keeping the other columns as source fields', async () => {
    const { table } = await loadExport(file('cloud.csv', 'Timestamp,Action,User,IP address,Event type,Ticket\n2024-03-01T10:00:00Z,Page deleted,Rae Kim,198.51.100.5,Page,INC-7\n2024-03-01T11:30:00+01:00,Space created,Rae Kim,198.51.100.5,Spaces,\n'));
    assert.equal(table.size, 2);
    const newest = table.record(0);
    assert.equal(newest.creationDate, Date.UTC(2024, 2, 1, 10, 30));
    assert.equal(newest.summary, 'Space created');
    assert.equal(newest.sourceFields, undefined);
    const older = table.record(1);
    assert.deepEqual({ summary: older.summary, author: older.author.displayName, address: older.remoteAddress, category: older.category }, { summary: 'Page deleted', author: 'Rae Kim', address: '198.51.100.5', category: 'Page' });
    assert.deepEqual(older.sourceFields, [{ name: 'Ticket', value: 'INC-7' }]);
  });

  it('asks which column holds what when the header is unknown, and reads the file with that choice', async () => {
    const p = file('odd.csv', 'Occurred,What,Who,Origin\n1700000000000,Group created,Sam,203.0.113.9\n');
    const asked: string[][] = [];
    const { table } = await loadExport(p, { chooseColumns: async (header) => (asked.push([...header]), { time: 0, summary: 1, author: 2, address: 3 }) });
    assert.deepEqual(asked, [['Occurred', 'What', 'Who', 'Origin']]);
    const r = table.record(0);
    assert.deepEqual({ time: r.creationDate, summary: r.summary, author: r.author.displayName, address: r.remoteAddress }, { time: 1700000000000, summary: 'Group created', author: 'Sam', address: '203.0.113.9' });
  });

  it('refuses an unknown header at line 1 when no choice is made, and a bad time naming its line', async () => {
    const p = file('odd2.csv', 'Occurred,What\n1700000000000,x\n');
    await assert.rejects(loadExport(p), (e: unknown) => e instanceof UnknownHeaderError && e.line === 1 && /time column/.test(e.message));
    await assert.rejects(loadExport(p, { chooseColumns: async () => undefined }), UnknownHeaderError);
    const bad = file('bad-time.csv', 'Timestamp,Action\n2024-03-01T10:00:00Z,a\nyesterday,b\n');
    await assert.rejects(loadExport(bad), (e: unknown) => e instanceof Error && /^Line 3: "Timestamp" is not a time/.test(e.message));
  });
});

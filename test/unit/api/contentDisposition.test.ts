// The server's file name for an export (Content-Disposition) is hostile text: only a safe base name is kept.
import * as assert from 'node:assert/strict';
import { contentDispositionFileName } from '../../../src/api/contentDisposition';
import { buildManifest, manifestText, parseManifest } from '../../../src/exportFile/manifest';

describe('api: Content-Disposition file names', () => {
  it('reads Data Center\'s and Cloud\'s names, preferring filename*', () => {
    assert.equal(contentDispositionFileName('attachment; filename="Auditing Export 2025-06-01T12:00:00Z.csv"'), 'Auditing Export 2025-06-01T12:00:00Z.csv');
    assert.equal(contentDispositionFileName("attachment; filename=\"a.csv\"; filename*=UTF-8''%C3%A4udit%20log.zip"), 'äudit log.zip');
    assert.equal(contentDispositionFileName('attachment; filename=plain.csv'), 'plain.csv');
    assert.equal(contentDispositionFileName(undefined), undefined);
    assert.equal(contentDispositionFileName('attachment'), undefined);
  });

  it('keeps no folders, control or bidi characters, and at most 200 characters', () => {
    assert.equal(contentDispositionFileName('attachment; filename="../../.bashrc"'), '.bashrc');
    assert.equal(contentDispositionFileName('attachment; filename="C:\\\\Windows\\\\evil.csv"'), 'evil.csv');
    assert.equal(contentDispositionFileName('attachment; filename="ab\u202Etxt.exe\r\nX-Evil: 1"'), 'abtxt.exeX-Evil: 1');
    assert.equal(contentDispositionFileName('attachment; filename=".."'), undefined);
    assert.equal(contentDispositionFileName(`attachment; filename="${'x'.repeat(500)}"`)?.length, 200);
  });

  it('the manifest records the format received, the one asked for, and the server\'s name', () => {
    const manifest = buildManifest({
      file: 'export.csv', site: { url: 'https://wiki.example.test', label: 'Wiki' }, start: 0, end: 1000, format: 'csv', requestedFormat: 'zip',
      source: 'server', digest: { bytes: 10, sha256: 'a'.repeat(64), records: 1 }, serverFileName: 'Auditing Export 1970-01-01T00:00:01Z.csv',
      extension: { id: 'x', version: '1' }, exportedAt: 1000,
    });
    assert.equal(manifest.query.format, 'csv');
    assert.equal(manifest.query.requestedFormat, 'zip');
    assert.deepEqual(parseManifest(manifestText(manifest)), manifest);
  });
});

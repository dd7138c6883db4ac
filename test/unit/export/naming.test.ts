// Export names and the export folder setting.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { exportFolderSegments, isInside } from '../../../src/workspaceFiles/folderSetting';
import { formatBytes } from '../../../src/export/core/formatBytes';
import { candidateName, compactUtc, exportStem, manifestNameFor, siteSlug, slug, temporaryName } from '../../../src/exportFile/naming';

describe('export: names', () => {
  it('describes site, window and qualifier in a portable name', () => {
    const stem = exportStem({ site: 'https://acme.atlassian.net', start: Date.UTC(2025, 0, 1), end: Date.UTC(2025, 0, 8, 23, 59, 59, 999) });
    assert.equal(stem, 'confluence-audit_acme.atlassian.net_20250101T000000Z_20250108T235959Z');
    assert.equal(candidateName(stem, 'csv', 1), `${stem}.csv`);
    assert.equal(candidateName(stem, 'zip', 2), `${stem}-2.zip`);
    assert.equal(manifestNameFor(`${stem}.csv`), `${stem}.csv.manifest.json`);
    assert.equal(
      exportStem({ site: 'http://127.0.0.1:8090/confluence', start: 0, end: 1000, qualifier: 'search Zoë "=cmd"/../x' }),
      'confluence-audit_127.0.0.1-8090_19700101T000000Z_19700101T000001Z_search-zoe-cmd-.-x',
    );
    assert.equal(temporaryName('a.csv', 'abc'), '.a.csv.abc.part');
    assert.equal(compactUtc(Date.UTC(2026, 10, 25, 21, 5, 9, 450)), '20261125T210509Z');
  });

  it('never yields a name with path separators, reserved characters or a leading dot (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), (site, qualifier) => {
        const stem = exportStem({ site, start: 0, end: 1, qualifier });
        assert.match(stem, /^confluence-audit_[a-z0-9][a-z0-9.-]*_\d{8}T\d{6}Z_\d{8}T\d{6}Z(_[a-z0-9][a-z0-9.-]*)?$/);
        assert.ok(!stem.includes('..'));
        assert.ok(stem.length < 200);
      }),
    );
    assert.equal(slug('...'), 'export');
    assert.equal(siteSlug('not a url'), 'not-a-url');
  });

  it('formats sizes for progress messages', () => {
    assert.equal(formatBytes(0), '0 bytes');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(25 * 1024 * 1024), '25 MB');
  });
});

describe('export: folder setting', () => {
  it('accepts relative folders inside the workspace', () => {
    assert.deepEqual(exportFolderSegments(undefined), { ok: true, segments: ['audit-exports'] });
    assert.deepEqual(exportFolderSegments('evidence/2025'), { ok: true, segments: ['evidence', '2025'] });
    assert.deepEqual(exportFolderSegments('./out\\audit/'), { ok: true, segments: ['out', 'audit'] });
    assert.deepEqual(exportFolderSegments(''), { ok: true, segments: [] });
  });

  it('refuses absolute paths, drives, URLs, home, .. and .git (workspace settings are not trusted)', () => {
    for (const bad of ['/etc', '\\\\server\\share', 'C:\\Users', 'c:/x', 'file:///tmp', '~/exports', '../outside', 'a/../../b', '.git/hooks', 'a/.GIT', 'a:b', 'x\u0001y']) {
      const verdict = exportFolderSegments(bad);
      assert.equal(verdict.ok, false, bad);
    }
  });

  it('tells whether a resolved path lies inside another', () => {
    assert.equal(isInside('/w/proj', '/w/proj/audit-exports'), true);
    assert.equal(isInside('/w/proj', '/w/proj'), true);
    assert.equal(isInside('/w/proj', '/w/project-evil/x'), false);
    assert.equal(isInside('C:\\w', 'C:\\w\\a', '\\'), true);
  });
});

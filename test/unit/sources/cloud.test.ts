// A configured site behind the source seam: its identity and row, the notices that replace its windows
// when it cannot be read, and every page telling the site's session how the call went.
import * as assert from 'node:assert/strict';
import { AuditError, type RecordPager } from '../../../src/api';
import { Emitter } from '../../../src/model/emitter';
import type { SiteConfig } from '../../../src/sites/siteConfig';
import type { SiteState } from '../../../src/sites/siteState';
import { CloudSources } from '../../../src/sources/cloud/cloudSources';
import type { RecordClient, SiteAccess } from '../../../src/sources/cloud/siteAccess';
import type { SourceChange, SourceList, SourceWindow } from '../../../src/sources/source';
import { recordAt } from '../tree/fakes';

const SITE: SiteConfig = { id: 'site-1', label: 'Acme', url: 'https://acme.atlassian.net', deployment: 'cloud', authKind: 'basic', email: 'a@acme.test' };
const DC: SiteConfig = { id: 'site-2', label: 'Intranet', url: 'https://wiki.acme.test', deployment: 'datacenter', authKind: 'bearer' };
const WINDOW: SourceWindow = { kind: 'range', startDate: Date.UTC(2025, 0, 14), endDate: Date.UTC(2025, 0, 15) - 1 };

/** A client whose pages are given by the test: a list of records, or an error to throw. */
function clientOf(...pages: Array<ReturnType<typeof recordAt>[] | Error>): RecordClient & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    pager: (query) => {
      asked.push(query);
      const pager: RecordPager = {
        window: { startDate: 0, endDate: 0 },
        pageSize: 100,
        get done() {
          return pages.length === 0;
        },
        next: async () => {
          const page = pages.shift() ?? [];
          if (page instanceof Error) throw page;
          return page;
        },
      };
      return pager;
    },
  };
}

class FakeSites implements SiteAccess {
  readonly states = new Map<string, SiteState>();
  readonly noted: string[] = [];
  readonly changes = new Emitter<string | undefined>();
  readonly onDidChange = this.changes.event;
  client: SiteAccess['client'] = async () => ({ ok: true, client: clientOf() });
  readonly store = { get: (id: string) => this.list.find((s) => s.id === id) };

  constructor(readonly list: SiteConfig[]) {}

  sites(): SiteConfig[] {
    return this.list;
  }
  state(siteId: string): SiteState {
    return this.states.get(siteId) ?? { kind: 'unknown' };
  }
  noteError(siteId: string, error: AuditError): void {
    this.noted.push(`${siteId} ${error.kind}: ${error.message}`);
  }
  noteSuccess(siteId: string): void {
    this.noted.push(`${siteId} ok`);
  }
}

function sourcesOver(sites: FakeSites): { cloud: SourceList; logged: string[] } {
  const logged: string[] = [];
  return { cloud: new CloudSources(sites, (level, text) => logged.push(`${level}: ${text}`)), logged };
}

describe('sources: the configured sites', () => {
  it('lists every site as a source in the order of the site list, and finds one by id', () => {
    const { cloud } = sourcesOver(new FakeSites([SITE, DC]));
    assert.deepEqual(cloud.sources().map((s) => s.id), ['site-1', 'site-2']);
    assert.equal(cloud.source('site-2')?.label, 'Intranet');
    assert.equal(cloud.source('snapshot:abc'), undefined);
  });

  it('says a site must be read again when its session changes (one site, or all)', () => {
    const sites = new FakeSites([SITE]);
    const { cloud } = sourcesOver(sites);
    const seen: SourceChange[] = [];
    cloud.onDidChangeSources((change) => seen.push(change));
    sites.changes.fire('site-1');
    sites.changes.fire(undefined);
    assert.deepEqual(seen, [{ sourceId: 'site-1', reload: true }, { sourceId: undefined, reload: true }]);
  });

  it('is a configured source with the presets, server search and export, and a retention period', () => {
    const source = sourcesOver(new FakeSites([SITE])).cloud.source('site-1');
    assert.ok(source);
    assert.equal(source.kind, 'cloud');
    assert.equal(source.lifetime, 'configured');
    assert.deepEqual(source.windows.map((w) => w.id), ['last-hour', 'last-24-hours', 'last-7-days', 'last-30-days', 'last-3-months', 'last-year']);
    assert.deepEqual(source.capabilities, { search: true, serverFilters: [] });
    assert.deepEqual(source.serverExport?.formats, ['csv', 'zip']);
    assert.equal(source.retention?.editable, true);
    assert.deepEqual(source.origin, { url: 'https://acme.atlassian.net', label: 'Acme', recordSite: 'Acme' });
  });

  it('shows the site\'s state on its row and in the menus', () => {
    const sites = new FakeSites([SITE, DC]);
    const { cloud } = sourcesOver(sites);
    assert.deepEqual(cloud.source('site-1')?.row('utc'), {
      label: 'Acme',
      icon: 'globe',
      description: undefined,
      tooltip: 'https://acme.atlassian.net\nConfluence Cloud',
      contextValue: 'site unknown',
      accessibilityLabel: 'Site Acme',
    });
    sites.states.set('site-2', { kind: 'tokenRejected', message: 'Unauthorized' });
    const row = cloud.source('site-2')?.row('utc');
    assert.equal(row?.description, 'token rejected');
    assert.equal(row?.contextValue, 'site tokenRejected');
    assert.equal(row?.tooltip, 'https://wiki.acme.test\nConfluence Data Center');
    assert.equal(row?.accessibilityLabel, 'Site Intranet, token rejected');
  });
});

describe('sources: reading a configured site', () => {
  it('shows what the credentials lack instead of the windows, each with the next action', async () => {
    const sites = new FakeSites([SITE]);
    const source = sourcesOver(sites).cloud.source('site-1');
    assert.ok(source);
    const cases: Array<[SiteState, string, string]> = [
      [{ kind: 'tokenRequired' }, 'Token required for Acme.', 'Sign In…'],
      [{ kind: 'tokenRejected', message: 'Unauthorized' }, 'Confluence rejected the token for Acme (401).', 'Sign In Again…'],
      [{ kind: 'notAdmin', message: 'Forbidden' }, 'This account cannot read the audit log of Acme (403).', 'Test Connection'],
    ];
    for (const [state, text, action] of cases) {
      sites.states.set('site-1', state);
      const access = await source.open();
      assert.ok(!access.ok);
      assert.deepEqual(access.notices.map((n) => [n.text, n.action?.title, n.action?.args]), [[text, action, ['site-1']]]);
    }
    sites.states.delete('site-1');
    sites.client = async () => ({ ok: false, state: { kind: 'tokenRequired' } });
    const missing = await source.open();
    assert.ok(!missing.ok);
    assert.equal(missing.notices[0].text, 'Token required for Acme.', 'no stored token found while opening');
  });

  it('reads through the site\'s client and tells the session each page went well', async () => {
    const sites = new FakeSites([SITE]);
    const client = clientOf([recordAt(WINDOW.endDate)], []);
    sites.client = async () => ({ ok: true, client });
    const access = await sourcesOver(sites).cloud.source('site-1')?.open();
    assert.ok(access?.ok);
    const pager = access.reader.pager(WINDOW, { pageSize: 50 });
    assert.equal((await pager.next()).length, 1);
    assert.deepEqual(client.asked, [WINDOW]);
    assert.deepEqual(sites.noted, ['site-1 ok']);
  });

  it('tells the session and the log what a failed page says, and still fails the page', async () => {
    const sites = new FakeSites([SITE]);
    sites.client = async () => ({ ok: true, client: clientOf(new AuditError('unauthorized', 'Token refused.'), new TypeError('x is undefined')) });
    const { cloud, logged } = sourcesOver(sites);
    const access = await cloud.source('site-1')?.open();
    assert.ok(access?.ok);
    const pager = access.reader.pager(WINDOW, { pageSize: 50 });
    await assert.rejects(pager.next(), /Token refused/);
    await assert.rejects(pager.next(), /x is undefined/);
    assert.deepEqual(sites.noted, ['site-1 unauthorized: Token refused.', 'site-1 network: Unexpected error: x is undefined']);
    assert.deepEqual(logged, [
      'warn: Loading 2025-01-14T00:00:00.000Z – 2025-01-14T23:59:59.999Z failed: Token refused.',
      'warn: Loading 2025-01-14T00:00:00.000Z – 2025-01-14T23:59:59.999Z failed: Unexpected error: x is undefined',
    ]);
  });
});

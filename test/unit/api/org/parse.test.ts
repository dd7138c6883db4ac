// Defensive parsing: wrong types dropped (still visible in raw), unknown fields kept, hostile strings
// kept exactly, unplaceable events rejected loudly, cursors read from meta or links.
import * as assert from 'node:assert/strict';
import { HOSTILE_STRINGS } from '../../../../simulator';
import { AuditError } from '../../../../src/api';
import { parseEventActions, parseOrgEvent, parseOrgEventPage, parseOrgListPage, parseTime } from '../../../../src/api/org';

const documented = {
  id: 'e-1',
  type: 'events',
  attributes: {
    time: '2025-01-15T10:42:10.123Z',
    action: 'confluence_added_space_permission',
    actor: { id: '557058:abc', name: 'Alice Anderson', email: 'alice@example.com', auth: { authType: 'api-token', tokenId: 't-1', tokenLabel: 'CI bot' }, links: { self: 'x' } },
    context: [{ id: 'cloud-1', type: 'sites', attributes: { siteName: 'acme' }, links: {} }, { id: '42', type: 'space', attributes: { key: 'ENG', name: 'Engineering' } }],
    container: [{ id: 'org-1', type: 'organizations', attributes: { name: 'Acme' }, links: { self: 'y' } }],
    location: { ip: '203.0.113.5', geo: '52.52,13.405', countryName: 'Germany', regionName: 'Berlin', city: 'Berlin' },
    processedAt: '2025-01-15T10:42:11.000Z',
    futureField: { nested: true },
  },
  links: { self: 'z' },
  message: { content: 'Alice added a permission', format: 'simple' },
};

describe('org parsing', () => {
  it('reads the documented event and keeps what it does not know in raw', () => {
    const e = parseOrgEvent(documented);
    assert.equal(e.time, Date.UTC(2025, 0, 15, 10, 42, 10, 123));
    assert.equal(e.timeText, '2025-01-15T10:42:10.123Z');
    assert.equal(e.processedAt, Date.UTC(2025, 0, 15, 10, 42, 11));
    assert.deepEqual(e.actor, { id: '557058:abc', name: 'Alice Anderson', email: 'alice@example.com', auth: { authType: 'api-token', tokenId: 't-1', tokenLabel: 'CI bot' } });
    assert.deepEqual(e.context.map((c) => c.type), ['sites', 'space']);
    assert.deepEqual(e.context[1].links, {});
    assert.equal(e.location?.city, 'Berlin');
    assert.deepEqual(e.message, { content: 'Alice added a permission', format: 'simple' });
    assert.deepEqual((e.raw.attributes as Record<string, unknown>).futureField, { nested: true });
  });

  it('drops fields of the wrong type instead of trusting them', () => {
    const odd = structuredClone(documented) as unknown as { attributes: Record<string, unknown>; message: unknown };
    odd.attributes.actor = { id: 7, name: ['x'], email: { a: 1 }, auth: 'api-token' };
    odd.attributes.context = 'sites';
    odd.attributes.location = [1, 2];
    odd.attributes.processedAt = 'yesterday';
    odd.message = 42;
    const e = parseOrgEvent(odd);
    assert.deepEqual(e.actor, { id: '' });
    assert.deepEqual(e.context, []);
    assert.equal(e.location, undefined);
    assert.equal(e.processedAt, undefined);
    assert.equal(e.message, undefined);
    assert.equal((e.raw.attributes as Record<string, unknown>).context, 'sites', 'still visible in raw');
  });

  it('keeps hostile strings exactly as sent', () => {
    for (const s of HOSTILE_STRINGS) {
      const hostile = structuredClone(documented);
      hostile.attributes.actor.auth.tokenLabel = s;
      hostile.message.content = s;
      const e = parseOrgEvent(hostile);
      assert.equal(e.actor.auth?.tokenLabel, s);
      assert.equal(e.message?.content, s);
    }
  });

  it('rejects an event it cannot place: no id, no readable time, no action', () => {
    for (const broken of [
      { ...documented, id: undefined },
      { ...documented, attributes: { ...documented.attributes, time: 'soon' } },
      { ...documented, attributes: { ...documented.attributes, time: 1 } },
      { ...documented, attributes: { ...documented.attributes, action: '' } },
      'an event',
    ]) {
      assert.throws(() => parseOrgEvent(broken), (e: unknown) => e instanceof AuditError && e.kind === 'badResponse' && /organization API sent an answer/.test(e.message));
    }
  });

  it('pages: cursor from meta.next, else from links.next as a URL or a bare cursor; other item types skipped', () => {
    assert.equal(parseOrgEventPage({ data: [documented], meta: { next: 'm1', page_size: 5 }, links: { next: 'https://api.atlassian.com/x?cursor=l1' } }).next, 'm1');
    assert.equal(parseOrgEventPage({ data: [], meta: { next: null }, links: { next: 'https://api.atlassian.com/x?cursor=l1' } }).next, 'l1');
    assert.equal(parseOrgEventPage({ data: [], links: { next: 'bare' } }).next, 'bare');
    assert.equal(parseOrgEventPage({ data: [], meta: { next: null }, links: {} }).next, undefined);
    const mixed = parseOrgEventPage({ data: [documented, { id: 'n', type: 'notices' }], meta: { page_size: 5 } });
    assert.equal(mixed.events.length, 1);
    assert.equal(mixed.skipped, 1);
    assert.equal(mixed.pageSize, 5);
    assert.throws(() => parseOrgEventPage({ data: 'none' }), AuditError);
    assert.throws(() => parseOrgEventPage([]), AuditError);
  });

  it('organizations and event actions', () => {
    const list = parseOrgListPage({ data: [{ id: 'o1', type: 'orgs', attributes: { name: 'Acme' } }, { id: 'o2', attributes: {} }], links: { next: 'c' } });
    assert.deepEqual(list.orgs.map((o) => [o.id, o.name]), [['o1', 'Acme'], ['o2', 'o2']]);
    assert.equal(list.next, 'c');
    const actions = parseEventActions({ data: [{ id: 'a', attributes: { displayName: 'A', groupDisplayName: 'G', groupDisplayNames: ['H'] } }, { id: 'b', attributes: {} }, { attributes: {} }] });
    assert.deepEqual(actions.map((a) => [a.id, a.displayName, a.groupDisplayNames]), [['a', 'A', ['G', 'H']], ['b', 'b', []]]);
  });

  it('times: ISO, epoch ms as a number or digits; nothing else', () => {
    assert.equal(parseTime('2025-01-15T00:00:00Z'), Date.UTC(2025, 0, 15));
    assert.equal(parseTime(1736899200000), 1736899200000);
    assert.equal(parseTime('1736899200000'), 1736899200000);
    for (const bad of ['', 'now', '15/01/2025', Number.NaN, null, {}]) {
      assert.equal(parseTime(bad), undefined, JSON.stringify(bad));
    }
  });
});

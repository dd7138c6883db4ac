// Defensive parsing of the organization API's JSON. Every value is checked for its type; a field of
// the wrong type is dropped (it stays visible in `raw`), while an item without an id, a readable
// time or an action cannot be placed or de-duplicated, so the page fails loudly instead of losing it.
import { AuditError } from '../errors';
import { orgMessages } from './messages';
import type { OrgApiKey, OrgActor, OrgActorAuth, OrgEvent, OrgEventAction, OrgEventLocation, OrgEventMessage, OrgEventObject, OrgEventPage, OrgListPage, OrgSummary } from './types';

type Json = Record<string, unknown>;

function fail(what: string): never {
  throw new AuditError('badResponse', orgMessages.badResponse(what), { retryable: false });
}

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function record(v: unknown): Json {
  return isRecord(v) ? v : {};
}

function optString(o: Json, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}

/** Only the defined properties, so `{}` stays `{}` and deepEqual-based tests stay honest. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function requiredString(o: Json, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') {
    fail(`${where}.${key} is missing or not a string`);
  }
  return v;
}

/** ISO 8601 text or epoch ms (number or digits) → epoch ms; undefined when unreadable. */
export function parseTime(v: unknown): number | undefined {
  if (typeof v === 'number') {
    return Number.isFinite(v) ? v : undefined;
  }
  if (typeof v !== 'string' || v.trim() === '') {
    return undefined;
  }
  if (/^\d{1,16}$/.test(v.trim())) {
    return Number(v.trim());
  }
  // Date.parse accepts odd things ("1"), so require a date-looking text.
  if (!/^\d{4}-\d{2}-\d{2}/.test(v.trim())) {
    return undefined;
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

function parseObjects(v: unknown): OrgEventObject[] {
  if (!Array.isArray(v)) {
    return [];
  }
  return v.filter(isRecord).map((o) => ({
    id: typeof o.id === 'string' ? o.id : '',
    type: typeof o.type === 'string' ? o.type : '',
    attributes: record(o.attributes),
    links: record(o.links),
  }));
}

function parseAuth(v: unknown): OrgActorAuth | undefined {
  if (!isRecord(v)) {
    return undefined;
  }
  return defined({ authType: optString(v, 'authType'), tokenId: optString(v, 'tokenId'), tokenLabel: optString(v, 'tokenLabel') });
}

function parseActor(v: unknown): OrgActor {
  const o = record(v);
  return defined({ id: optString(o, 'id') ?? '', name: optString(o, 'name'), email: optString(o, 'email'), auth: parseAuth(o.auth) });
}

function parseLocation(v: unknown): OrgEventLocation | undefined {
  if (!isRecord(v)) {
    return undefined;
  }
  return defined({
    ip: optString(v, 'ip'), geo: optString(v, 'geo'), countryName: optString(v, 'countryName'),
    regionName: optString(v, 'regionName'), city: optString(v, 'city'),
  });
}

function parseMessage(v: unknown): OrgEventMessage | undefined {
  if (!isRecord(v)) {
    return undefined;
  }
  return defined({ content: optString(v, 'content'), format: optString(v, 'format') });
}

/** One item of `data[]`: `{id, type: "events", attributes: {...}, links, message}`. */
export function parseOrgEvent(item: unknown, where = 'event'): OrgEvent {
  if (!isRecord(item)) {
    fail(`${where} is not an object`);
  }
  const id = requiredString(item, 'id', where);
  const attributes = record(item.attributes);
  const timeText = requiredString(attributes, 'time', `${where}.attributes`);
  const time = parseTime(timeText);
  if (time === undefined) {
    fail(`${where}.attributes.time is not a date`);
  }
  // The documented page puts `message` beside `attributes`; accept it inside too.
  const message = parseMessage(item.message ?? attributes.message);
  const processedAt = parseTime(attributes.processedAt);
  return defined({
    id,
    time,
    timeText,
    action: requiredString(attributes, 'action', `${where}.attributes`),
    actor: parseActor(attributes.actor),
    context: parseObjects(attributes.context),
    container: parseObjects(attributes.container),
    location: parseLocation(attributes.location),
    message,
    processedAt,
    raw: item,
  });
}

/** The next page's cursor: `meta.next`, else `links.next` (a bare cursor or a URL with `cursor=`). */
export function nextCursor(json: unknown): string | undefined {
  if (!isRecord(json)) {
    return undefined;
  }
  const meta = record(json.meta);
  const fromMeta = optString(meta, 'next');
  if (fromMeta !== undefined && fromMeta !== '') {
    return fromMeta;
  }
  const link = optString(record(json.links), 'next');
  if (link === undefined || link === '') {
    return undefined;
  }
  if (/^https?:\/\//i.test(link) || link.startsWith('/')) {
    let url: URL;
    try {
      url = new URL(link, 'https://api.atlassian.com');
    } catch {
      return undefined;
    }
    const cursor = url.searchParams.get('cursor');
    return cursor === null || cursor === '' ? undefined : cursor;
  }
  return link;
}

function dataOf(json: unknown, what: string): { page: Json; data: unknown[] } {
  if (!isRecord(json)) {
    fail(`${what} is not a JSON object`);
  }
  const data = json.data ?? [];
  if (!Array.isArray(data)) {
    fail(`${what}.data is not a list`);
  }
  return { page: json, data };
}

export function parseOrgEventPage(json: unknown): OrgEventPage {
  const { page, data } = dataOf(json, 'the events page');
  const events: OrgEvent[] = [];
  let skipped = 0;
  data.forEach((item, i) => {
    // A future item type in the list is not an event: skip it rather than misread it.
    if (isRecord(item) && typeof item.type === 'string' && item.type !== 'events') {
      skipped++;
      return;
    }
    events.push(parseOrgEvent(item, `data[${i}]`));
  });
  const size = record(page.meta).page_size;
  return defined({ events, next: nextCursor(page), pageSize: typeof size === 'number' && Number.isSafeInteger(size) && size > 0 ? size : undefined, skipped });
}

export function parseOrgListPage(json: unknown): OrgListPage {
  const { page, data } = dataOf(json, 'the organizations page');
  const orgs: OrgSummary[] = data.map((item, i) => {
    if (!isRecord(item)) {
      fail(`data[${i}] is not an object`);
    }
    const id = requiredString(item, 'id', `data[${i}]`);
    return { id, name: optString(record(item.attributes), 'name') ?? id, raw: item };
  });
  return defined({ orgs, next: nextCursor(page) });
}

export function parseEventActions(json: unknown): OrgEventAction[] {
  const { data } = dataOf(json, 'the event actions');
  return data.filter(isRecord).flatMap((item) => {
    const id = optString(item, 'id');
    if (id === undefined || id === '') {
      return [];
    }
    const attributes = record(item.attributes);
    const groups = Array.isArray(attributes.groupDisplayNames) ? attributes.groupDisplayNames.filter((g): g is string => typeof g === 'string') : [];
    const single = optString(attributes, 'groupDisplayName');
    return [{
      id,
      displayName: optString(attributes, 'displayName') ?? id,
      groupDisplayNames: single !== undefined && !groups.includes(single) ? [single, ...groups] : groups,
      raw: item,
    }];
  });
}

/**
 * The organization's API keys (`GET /admin/api-access/v1/orgs/{orgId}/api-keys`): id, name and the dates
 * the API gives. A key value is never listed, so which entry is the caller's own key only its user knows.
 */
export function parseApiKeys(json: unknown): OrgApiKey[] {
  const { data } = dataOf(json, 'the API keys');
  return data.filter(isRecord).flatMap((item) => {
    const id = optString(item, 'id');
    if (id === undefined || id === '') {
      return [];
    }
    const createdBy = record(item.createdBy);
    return [defined({
      id,
      label: optString(item, 'label') ?? '',
      createdAt: parseTime(item.createdAt),
      expiresAt: parseTime(item.expiresAt),
      createdBy: optString(createdBy, 'name') ?? optString(createdBy, 'email'),
    })];
  });
}

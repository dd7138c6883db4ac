// An organization event in the normalised shape every source hands out: the Cloud record's fields where
// they mean the same (actor → author, IP → remote address, action's display name → summary, message →
// description, containers and context → associated objects), and every field of the event as a source
// field, so the detail view shows them all without knowing this source. Strings stay as sent: hostile,
// rendered as text by the views.
import type { AffectedObject } from '../../api/types';
import type { OrgEvent, OrgEventObject } from '../../api/org';
import type { SourceField, SourcedRecord } from '../../model/sourceFields';

/** The category every organization event is listed under (the org log has no categories; actions group it). */
export const ORG_CATEGORY = 'Organization';

/** What the record keeps of an event's object: its type and the name people read (name, key, URL), else its id. */
function objectName(o: OrgEventObject): string {
  for (const key of ['name', 'displayName', 'key', 'url', 'siteName']) {
    const value = o.attributes[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return o.id;
}

function toObject(o: OrgEventObject): AffectedObject {
  return { name: objectName(o), objectType: o.type };
}

function describeObject(o: OrgEventObject): string {
  const name = objectName(o);
  return name === o.id ? `${o.type} ${o.id}` : `${o.type} ${name} (${o.id})`;
}

function field(out: SourceField[], name: string, value: string | number | undefined): void {
  if (value === undefined || value === '') return;
  out.push({ name, value: String(value) });
}

function sourceFields(e: OrgEvent, actionName: string | undefined): SourceField[] {
  const out: SourceField[] = [];
  field(out, 'Action', actionName);
  field(out, 'Action id', e.action);
  field(out, 'Actor', e.actor.name);
  field(out, 'Actor e-mail', e.actor.email);
  field(out, 'Actor account id', e.actor.id);
  field(out, 'Auth type', e.actor.auth?.authType);
  field(out, 'Token label', e.actor.auth?.tokenLabel);
  field(out, 'Token id', e.actor.auth?.tokenId);
  e.context.forEach((o) => field(out, 'Context', describeObject(o)));
  e.container.forEach((o) => field(out, 'Container', describeObject(o)));
  field(out, 'IP address', e.location?.ip);
  field(out, 'Geo', e.location?.geo);
  field(out, 'City', e.location?.city);
  field(out, 'Region', e.location?.regionName);
  field(out, 'Country', e.location?.countryName);
  field(out, 'Message', e.message?.content);
  field(out, 'Message format', e.message?.format);
  field(out, 'Time (as sent)', e.timeText);
  if (e.processedAt !== undefined) field(out, 'Processed at', new Date(e.processedAt).toISOString());
  field(out, 'Event id', e.id);
  return out;
}

/** `actionNames` maps action ids to display names (`…/event-actions`); an unknown action shows its id. */
export function orgEventRecord(e: OrgEvent, actionNames: ReadonlyMap<string, string>): SourcedRecord {
  const actionName = actionNames.get(e.action);
  const objects = [...e.container, ...e.context].map(toObject);
  const displayName = e.actor.name ?? e.actor.email ?? e.actor.id;
  return {
    author: { type: 'user', displayName, accountId: e.actor.id, ...(e.actor.name !== undefined ? { publicName: e.actor.name } : {}) },
    remoteAddress: e.location?.ip ?? '',
    creationDate: e.time,
    summary: actionName ?? e.action,
    description: e.message?.content ?? '',
    category: ORG_CATEGORY,
    sysAdmin: false,
    affectedObject: objects[0] ?? { name: '', objectType: '' },
    changedValues: [],
    associatedObjects: objects.slice(1),
    sourceFields: sourceFields(e, actionName),
  };
}

// A stored audit record as Data Center advanced auditing sends it (`/rest/auditing/1.0/events`
// entities), in the shape of real DC 7.14 answers: ISO timestamp, author{name,type,id,uri,avatarUri},
// type{category,action,+i18n keys}, affectedObjects[{name,type,uri?,id?}], changedValues[{key,i18nKey,
// from?,to?}] (an empty side is left out), source, system, method, extraAttributes.
import type { AuditRecord } from '../../src/api/types';

export interface DcWireEvent {
  timestamp: string;
  author: { name: string; type: string; id: string; uri: string; avatarUri: string };
  type: { categoryI18nKey: string; category: string; actionI18nKey: string; action: string };
  affectedObjects: Array<{ name: string; type: string; uri?: string; id?: string }>;
  changedValues: Array<{ key: string; i18nKey: string; from?: string; to?: string }>;
  source: string;
  system: string;
  method: string;
  extraAttributes: Array<{ nameI18nKey: string; name: string; value: string }>;
}

function i18nKey(prefix: string, text: string): string {
  return `${prefix}.${text.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '')}`;
}

export function toDcEvent(record: AuditRecord, system: string): DcWireEvent {
  const author = record.author;
  const isSystem = author.type !== 'user' || (author.accountId ?? author.userKey ?? author.username) == null;
  const id = author.userKey ?? author.accountId ?? author.username ?? '';
  const username = author.username ?? author.accountId ?? '';
  const objects: DcWireEvent['affectedObjects'] = [];
  const primary = record.affectedObject;
  if (primary && primary.name !== '') {
    objects.push(objectOf(primary.name, primary.objectType, system));
  }
  for (const o of record.associatedObjects ?? []) {
    objects.push(objectOf(o.name, o.objectType, system));
  }
  return {
    timestamp: new Date(record.creationDate).toISOString(),
    author: isSystem
      ? { name: 'System', type: 'system', id: '-2', uri: '', avatarUri: '' }
      : {
          name: author.displayName,
          type: 'user',
          id,
          uri: `${system}/admin/users/viewuser.action?username=${encodeURIComponent(username)}`,
          avatarUri: '',
        },
    type: {
      categoryI18nKey: i18nKey('audit.logging.category', record.category),
      category: record.category,
      actionI18nKey: i18nKey('audit.logging.summary', record.summary),
      action: record.summary,
    },
    affectedObjects: objects,
    changedValues: (record.changedValues ?? []).map((v) => ({
      key: v.name,
      i18nKey: v.name,
      ...(v.oldValue !== '' ? { from: v.oldValue } : {}),
      ...(v.newValue !== '' ? { to: v.newValue } : {}),
    })),
    source: record.remoteAddress,
    system,
    method: isSystem ? 'System' : 'Browser',
    extraAttributes: record.description
      ? [{ nameI18nKey: 'audit.logging.description', name: 'Description', value: record.description }]
      : [],
  };
}

function objectOf(name: string, type: string, system: string): DcWireEvent['affectedObjects'][number] {
  // Spaces and pages have ids and links; users and groups are named (as in real answers).
  if (/space/i.test(type)) return { name, type, uri: `${system}/display/${encodeURIComponent(name)}`, id: String(hashId(name)) };
  if (/page|blog/i.test(type)) return { name, type, uri: `${system}/pages/viewpage.action?pageId=${hashId(name)}`, id: String(hashId(name)) };
  return { name, type };
}

/** A stable number for an object name (real ids are database ids). */
function hashId(name: string): number {
  let h = 98_304;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) % 2_000_000_011;
  return h;
}

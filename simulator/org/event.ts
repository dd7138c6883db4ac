// How the simulator holds one organization event (times as epoch ms; `seq` is the processing order
// the poll API pages in). shape.ts turns it into the documented JSON.

export interface StoredOrgEvent {
  id: string;
  time: number;
  processedAt: number;
  /** Position in processing order: strictly increasing with processedAt, ties broken at insert. */
  seq: number;
  action: string;
  actor: { id: string; name: string; email: string; auth?: { authType: string; tokenId: string; tokenLabel: string } };
  context: Array<{ id: string; type: string; attributes: Record<string, string> }>;
  location?: { ip: string; geo: string; countryName: string; regionName: string; city: string };
  message: { content: string; format: string };
}

/** What a test may say about an event it inserts; the rest is filled in. */
export interface OrgEventInsert {
  time: number;
  action?: string;
  actorAccountId?: string;
  ip?: string;
  message?: string;
}

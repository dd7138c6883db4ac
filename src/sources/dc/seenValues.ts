// What a Data Center site's loaded events named: offered as facet values, and used to turn the view's
// filter values (names, as the user reads them) into what advanced auditing filters by (user ids,
// "type,id" of objects). Bounded, since a long session may load many events.
import type { DcAuditEvent } from '../../api/dc';
import type { FilterKind } from '../../model/filters';

const MAX_VALUES = 2000;

function fold(text: string): string {
  return text.trim().normalize('NFC').toLowerCase();
}

class BoundedIndex<T> {
  private readonly map = new Map<string, T[]>();
  private readonly shown = new Map<string, string>();

  add(key: string, value: T, same: (a: T, b: T) => boolean): void {
    if (key.trim() === '') return;
    const k = fold(key);
    const list = this.map.get(k);
    if (list) {
      if (!list.some((v) => same(v, value))) list.push(value);
      return;
    }
    if (this.map.size >= MAX_VALUES) return;
    this.map.set(k, [value]);
    this.shown.set(k, key);
  }

  get(key: string): readonly T[] {
    return this.map.get(fold(key)) ?? [];
  }

  keys(): string[] {
    return [...this.shown.values()];
  }
}

export interface ObjectRef {
  type: string;
  id: string;
}

export class SeenValues {
  private readonly userIds = new BoundedIndex<string>();
  private readonly objects = new BoundedIndex<ObjectRef>();
  private readonly categories = new BoundedIndex<string>();
  private readonly addresses = new BoundedIndex<string>();

  note(events: readonly DcAuditEvent[]): void {
    const sameText = (a: string, b: string): boolean => a === b;
    for (const e of events) {
      const { author } = e;
      if (author.id !== '') {
        this.userIds.add(author.id, author.id, sameText);
        this.userIds.add(author.name, author.id, sameText);
      }
      for (const o of e.affectedObjects) {
        // The server matches an object by type and id; one without an id cannot be asked for.
        if (o.id !== undefined) this.objects.add(o.name, { type: o.type, id: o.id }, (a, b) => a.type === b.type && a.id === b.id);
      }
      this.categories.add(e.category, e.category, sameText);
      this.addresses.add(e.source, e.source, sameText);
    }
  }

  /** The user ids a filter value names: an id or name seen; undefined when it names none seen. */
  userIdsOf(value: string): readonly string[] | undefined {
    const ids = this.userIds.get(value);
    return ids.length > 0 ? ids : undefined;
  }

  objectsNamed(name: string): readonly ObjectRef[] {
    return this.objects.get(name);
  }

  facet(kind: FilterKind): string[] {
    switch (kind) {
      case 'authors':
        return this.userIds.keys();
      case 'categories':
        return this.categories.keys();
      case 'affectedObjects':
        return this.objects.keys();
      case 'remoteAddresses':
        return this.addresses.keys();
    }
  }
}

// One object per node id: VS Code matches a refresh event to the element it listed by object identity, so
// the tree hands out the same object for the same id and updates it in place.
import type { AuditNode } from './nodes';

export class NodeCache {
  private readonly nodes = new Map<string, AuditNode>();

  /** The cached node with `fresh`'s id, updated to `fresh`; or `fresh` itself, cached from now on. */
  node<T extends AuditNode>(fresh: T): T {
    const existing = this.nodes.get(fresh.id);
    if (existing && existing.kind === fresh.kind) {
      Object.assign(existing, fresh);
      return existing as T;
    }
    this.nodes.set(fresh.id, fresh);
    return fresh;
  }

  get(id: string): AuditNode | undefined {
    return this.nodes.get(id);
  }
}

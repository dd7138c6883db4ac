// Announces the waits of automatic retries (a 429's Retry-After, a backoff) to whoever started the
// request, keyed by the request's AbortSignal. The signal already travels from the caller to every retry
// loop, so the tree node that waits can say until when, and offer Cancel (which aborts that signal),
// without a callback threaded through the pager and the client.
import type { AuditErrorKind } from './errors';

export interface RetryWait {
  /** Epoch ms when the next attempt starts. */
  until: number;
  /** Why it waits: 'rateLimited' for a 429, otherwise the failure being retried. */
  kind: AuditErrorKind;
  /** Whose rate limit, when not Confluence's (e.g. "the organization API"). */
  service?: string;
}

type Listener = (wait: RetryWait | undefined) => void;

const listeners = new WeakMap<AbortSignal, Set<Listener>>();
/** Signals made from others (anySignal): a wait announced on one is announced on its sources too. */
const sources = new WeakMap<AbortSignal, readonly AbortSignal[]>();

/**
 * AbortSignal.any() whose retry waits still reach the listeners of each source: a client that joins the
 * caller's signal with its own (a site's lifetime) must not hide its waits from the caller.
 */
export function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  const joined = AbortSignal.any([...signals]);
  sources.set(joined, signals);
  return joined;
}

/** Calls `listener` with each wait of requests made with `signal`, and undefined when one ends. */
export function observeRetryWaits(signal: AbortSignal, listener: Listener): () => void {
  let set = listeners.get(signal);
  if (!set) {
    set = new Set();
    listeners.set(signal, set);
  }
  set.add(listener);
  return () => void set.delete(listener);
}

export function announceRetryWait(signal: AbortSignal | undefined, wait: RetryWait | undefined): void {
  if (!signal) return;
  for (const listener of listeners.get(signal) ?? []) {
    try {
      listener(wait);
    } catch {
      // A listener's failure must not break the request it observes.
    }
  }
  for (const source of sources.get(signal) ?? []) announceRetryWait(source, wait);
}

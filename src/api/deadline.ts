// The overall deadline of one request, head and body together: undici's body timeout is per chunk, so a
// server trickling a byte at a time would otherwise hold a request open for as long as it likes.
import { AuditError } from './errors';
import { messages } from './messages';

/** Runs `attempt` with a signal that also aborts after `ms`; a deadline abort becomes a 'timeout' naming the limit. */
export async function withDeadline<T>(host: string, ms: number, signal: AbortSignal | undefined, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), ms);
  const joined = signal === undefined ? deadline.signal : AbortSignal.any([signal, deadline.signal]);
  try {
    return await attempt(joined);
  } catch (e) {
    if (deadline.signal.aborted && signal?.aborted !== true) {
      throw new AuditError('timeout', messages.timeoutTotal(host, ms), { code: 'DEADLINE_TOTAL', cause: e });
    }
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

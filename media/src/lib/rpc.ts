// Requests to the extension host. Every request settles: with the host's response (success or error as
// data), or with a timeout error when the host stays silent. Progress from the host keeps a long request
// alive; while a modal dialog is open in VS Code ('confirming') there is no deadline.
import {
  REQUEST_TIMEOUT_MS,
  type HostMessage,
  type ProgressMessage,
  type RequestType,
  type Result,
  type ResultTypes,
  type WebviewRequest,
} from '../../../src/shared/protocol';
import { postToHost } from './vscodeApi';

export type Outgoing<K extends RequestType> = Omit<Extract<WebviewRequest, { type: K }>, 'requestId'>;
type Notification = Exclude<HostMessage, { type: 'response' } | { type: 'progress' }>;

interface Pending {
  settle(result: Result<unknown>): void;
  onProgress?: (progress: ProgressMessage) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

function timeoutResult(): Result<never> {
  return {
    ok: false,
    error: { kind: 'timeout', message: `VS Code did not answer within ${REQUEST_TIMEOUT_MS / 1000} s. Try again; if it keeps happening, reload the window.` },
  };
}

function isHostMessage(data: unknown): data is HostMessage {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string';
}

export class HostChannel {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly onNotification: (message: Notification) => void) {
    window.addEventListener('message', (event: MessageEvent<unknown>) => this.receive(event.data));
  }

  request<K extends RequestType>(message: Outgoing<K> & { type: K }, onProgress?: (progress: ProgressMessage) => void): Promise<Result<ResultTypes[K]>> {
    const requestId = this.nextId++;
    return new Promise<Result<ResultTypes[K]>>((resolve) => {
      const entry: Pending = { settle: (r) => resolve(r as Result<ResultTypes[K]>), onProgress, timer: undefined };
      this.pending.set(requestId, entry);
      this.arm(requestId, entry);
      postToHost({ ...message, requestId });
    });
  }

  private arm(requestId: number, entry: Pending): void {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.finish(requestId, timeoutResult()), REQUEST_TIMEOUT_MS);
  }

  private finish(requestId: number, result: Result<unknown>): void {
    const entry = this.pending.get(requestId);
    if (!entry) return;
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    this.pending.delete(requestId);
    entry.settle(result);
  }

  private receive(data: unknown): void {
    if (!isHostMessage(data)) return;
    switch (data.type) {
      case 'response':
        this.finish(data.requestId, data.result);
        return;
      case 'progress': {
        const entry = this.pending.get(data.requestId);
        if (!entry) return;
        if (data.stage === 'confirming') {
          if (entry.timer !== undefined) clearTimeout(entry.timer);
          entry.timer = undefined;
        } else {
          this.arm(data.requestId, entry);
        }
        entry.onProgress?.(data);
        return;
      }
      default:
        this.onNotification(data);
    }
  }
}

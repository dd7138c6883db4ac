// Routes messages from one webview: validate against the closed protocol, call the ONE handler for that
// message type, and answer with exactly one response (errors as data). Pure (no 'vscode'): the handlers and
// the post function are injected, so the tests drive it with forged messages and spy effects.
import { AuditError } from '../api/errors';
import {
  PROGRESS_HEARTBEAT_MS,
  type DetailRequest,
  type HostMessage,
  type PanelKind,
  type ProgressMessage,
  type ProtocolError,
  type ResponseMessage,
  type ResultTypes,
  type RetentionRequest,
  type TimelineRequest,
  type WebviewRequest,
} from '../shared/protocol';
import { validateWebviewMessage } from '../shared/validateMessage';

export type PanelRequest<P extends PanelKind> = P extends 'detail' ? DetailRequest : P extends 'retention' ? RetentionRequest : TimelineRequest;
export type Progress = (stage: ProgressMessage['stage'], message: string) => void;

/** One handler per message type of the panel: the fixed action that message maps to. */
export type Handlers<P extends PanelKind> = {
  [K in PanelRequest<P>['type']]: (request: Extract<WebviewRequest, { type: K }>, progress: Progress) => Promise<ResultTypes[K]>;
};

/** A failure a handler reports on purpose; becomes { ok: false, error } in the response. */
export class RequestError extends Error {
  constructor(
    readonly kind: string,
    message: string,
    readonly serverMessage?: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

export interface RouterLog {
  warn(message: string): void;
  error(message: string): void;
}

export interface RouterOptions<P extends PanelKind> {
  panel: P;
  handlers: Handlers<P>;
  /** Sends to the webview; failures (a disposed panel) are swallowed by the router. */
  post: (message: HostMessage) => unknown;
  log: RouterLog;
  heartbeatMs?: number;
}

export function toProtocolError(e: unknown): ProtocolError {
  if (e instanceof AuditError || e instanceof RequestError) {
    const error: ProtocolError = { kind: e.kind, message: e.message };
    if (e.serverMessage !== undefined) error.serverMessage = e.serverMessage;
    return error;
  }
  const detail = e instanceof Error ? e.message : String(e);
  return { kind: 'internal', message: `Something went wrong: ${detail}` };
}

export class MessageRouter<P extends PanelKind> {
  private rejectedCount = 0;

  constructor(private readonly options: RouterOptions<P>) {}

  /** How many messages were rejected (for tests and diagnostics). */
  get rejected(): number {
    return this.rejectedCount;
  }

  /**
   * Handles one raw message. Resolves once the response is posted; a rejected message is logged and gets no
   * response (nothing in it can be trusted, not even its requestId).
   */
  async handle(raw: unknown): Promise<void> {
    const { panel, log } = this.options;
    const validation = validateWebviewMessage(raw, panel);
    if (!validation.ok) {
      this.rejectedCount += 1;
      log.warn(`Rejected a message from the ${panel} webview: ${validation.reason}.`);
      return;
    }
    await this.dispatch(validation.message as PanelRequest<P>);
  }

  private async dispatch(request: PanelRequest<P>): Promise<void> {
    const { requestId } = request;
    let stage: ProgressMessage['stage'] = 'working';
    let stageMessage = 'Working…';
    const progress: Progress = (s, message) => {
      stage = s;
      stageMessage = message;
      this.send({ type: 'progress', requestId, stage, message });
    };
    // A slow server is not a hang: keep telling the webview this request is alive.
    const heartbeat = setInterval(() => this.send({ type: 'progress', requestId, stage, message: stageMessage }), this.options.heartbeatMs ?? PROGRESS_HEARTBEAT_MS);
    let response: ResponseMessage;
    try {
      const value = await this.invoke(request, progress);
      response = { type: 'response', requestId, request: request.type, result: { ok: true, value } } as ResponseMessage;
    } catch (e) {
      const error = toProtocolError(e);
      if (error.kind === 'internal') this.options.log.error(`${request.type} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      response = { type: 'response', requestId, request: request.type, result: { ok: false, error } };
    } finally {
      clearInterval(heartbeat);
    }
    this.send(response);
  }

  private invoke(request: PanelRequest<P>, progress: Progress): Promise<unknown> {
    // The handler table is keyed by the validated type, so each type reaches exactly its own handler.
    const handler = this.options.handlers[request.type as keyof Handlers<P>] as unknown as (r: PanelRequest<P>, p: Progress) => Promise<unknown>;
    return handler(request, progress);
  }

  private send(message: HostMessage): void {
    try {
      const sent = this.options.post(message);
      if (isThenable(sent)) sent.then(undefined, () => undefined);
    } catch {
      // The panel was closed while the request ran: nobody is left to tell.
    }
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

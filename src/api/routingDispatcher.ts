// A dispatcher that sends each request direct or through the proxy, by origin (NO_PROXY rules).
// The class extends undici's Dispatcher, so it is defined on first use rather than when the module
// loads: the extension bundle loads undici only when the first request is made (see
// scripts/bundle/undici-lazy.cjs), and a top-level `extends` would load it at activation.
import { Dispatcher } from 'undici';

type Routing = (direct: Dispatcher, proxied: Dispatcher, bypass: (origin: URL) => boolean) => Dispatcher;

let create: Routing | undefined;

function defineRoutingDispatcher(): Routing {
  class RoutingDispatcher extends Dispatcher {
    constructor(
      private readonly direct: Dispatcher,
      private readonly proxied: Dispatcher,
      private readonly bypass: (origin: URL) => boolean,
    ) {
      super();
    }

    pick(origin: string | URL | undefined): Dispatcher {
      if (origin === undefined) {
        return this.direct;
      }
      return this.bypass(typeof origin === 'string' ? new URL(origin) : origin) ? this.direct : this.proxied;
    }

    override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
      return this.pick(options.origin).dispatch(options, handler);
    }

    override close(): Promise<void>;
    override close(callback: () => void): void;
    override close(callback?: () => void): Promise<void> | void {
      const done = Promise.all([this.direct.close(), this.proxied.close()]).then(() => undefined);
      if (callback === undefined) {
        return done;
      }
      void done.then(callback, callback);
    }

    override destroy(err: Error | null, callback: () => void): void;
    override destroy(callback: () => void): void;
    override destroy(err: Error | null): Promise<void>;
    override destroy(): Promise<void>;
    override destroy(a?: Error | null | (() => void), b?: () => void): Promise<void> | void {
      const err = typeof a === 'function' ? null : a ?? null;
      const callback = typeof a === 'function' ? a : b;
      const done = Promise.all([this.direct.destroy(err), this.proxied.destroy(err)]).then(() => undefined);
      if (callback === undefined) {
        return done;
      }
      void done.then(callback, callback);
    }
  }
  return (direct, proxied, bypass) => new RoutingDispatcher(direct, proxied, bypass);
}

export function routingDispatcher(direct: Dispatcher, proxied: Dispatcher, bypass: (origin: URL) => boolean): Dispatcher {
  create ??= defineRoutingDispatcher();
  return create(direct, proxied, bypass);
}

// Events without VS Code. The layers that must not import 'vscode' (tree state, sources) offer events of
// the same shape as vscode.Event, so the extension subscribes to them and disposes them like any other.

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> implements Disposable {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        // As vscode.EventEmitter does: one failing listener must not stop the others or the code that
        // fired; the error surfaces on its own tick, where the host (or mocha) reports it.
        setTimeout(() => {
          throw error;
        }, 0);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}

// Where the tree keeps what survives a window reload (filters, custom windows, searches): VS Code's
// Memento satisfies this, a Map does in tests.

export interface KeyValueState {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

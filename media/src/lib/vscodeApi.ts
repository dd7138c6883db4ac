// The webview side of VS Code's channel: acquireVsCodeApi() may be called once per page, so it is wrapped
// here and shared. State set with setState survives the panel being hidden and, through the panel
// serializer, a reload.

interface VsCodeApi<S> {
  postMessage(message: unknown): void;
  getState(): S | undefined;
  setState(state: S): void;
}

declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

let api: VsCodeApi<unknown> | undefined;

function vscode(): VsCodeApi<unknown> {
  api ??= acquireVsCodeApi<unknown>();
  return api;
}

export function postToHost(message: unknown): void {
  vscode().postMessage(message);
}

/** The saved state as stored; callers check its shape (it is whatever an older version of the page saved). */
export function loadState(): unknown {
  return vscode().getState();
}

export function saveState(state: unknown): void {
  vscode().setState(state);
}

// Minimal types for code that runs inside the page (page.evaluate, init scripts). The project compiles
// tests without the DOM library, so these describe just what the tests touch; at runtime they are the
// browser's own objects.

export interface PageElement {
  id: string;
  textContent: string | null;
  attributes: ArrayLike<{ name: string }> & Iterable<{ name: string }>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
  getBoundingClientRect(): { top: number; bottom: number };
}

export interface PageDocument {
  body: PageElement;
  activeElement: PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
  addEventListener(type: 'securitypolicyviolation', listener: (e: { violatedDirective: string; blockedURI: string; sourceFile: string }) => void): void;
}

export interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

/** The page's window with what the shim adds. */
export interface PageWindow {
  document: PageDocument;
  innerHeight: number;
  __posted: Record<string, unknown>[];
  __state: unknown;
  __violations: Violation[];
  __pwned?: unknown;
  __dispatch(message: unknown): void;
  acquireVsCodeApi(): unknown;
  dispatchEvent(event: unknown): boolean;
}

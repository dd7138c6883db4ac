// Building the page from data without ever parsing HTML: every string becomes a text node. Attributes are
// limited to a fixed list that cannot run script or navigate (no on*, href, src or style).

type Child = Node | string | null | undefined | false;

const SAFE_ATTRIBUTES = new Set([
  'id', 'class', 'role', 'dir', 'lang', 'title', 'type', 'for', 'name', 'value', 'inputmode', 'autocomplete',
  'spellcheck', 'maxlength', 'tabindex', 'scope', 'colspan', 'hidden', 'disabled', 'novalidate', 'aria-label',
  'aria-labelledby', 'aria-describedby', 'aria-live', 'aria-pressed', 'aria-expanded', 'aria-controls',
  'aria-invalid', 'aria-busy', 'aria-atomic', 'aria-hidden', 'aria-required', 'data-field', 'data-action',
  'aria-selected', 'aria-multiselectable', 'aria-activedescendant', 'aria-orientation',
]);

export type Attributes = Record<string, string | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (!SAFE_ATTRIBUTES.has(name)) throw new Error(`Attribute ${name} is not allowed`);
    element.setAttribute(name, value === true ? '' : value);
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`Missing #${id}`);
  return element;
}

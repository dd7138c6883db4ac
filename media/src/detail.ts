// The record detail webview. Every value from the record is inserted as text (h() / textContent); the page
// holds no links, and each button sends a fixed request that names a field, never a value.
import type { AuthorView, ChangedValueView, DetailReady, ObjectView, Pivot, ProtocolError, SourceFieldsOrigin, ValueView } from '../../src/shared/protocol';
import { append, byId, h, replaceChildren } from './lib/dom';
import { HostChannel } from './lib/rpc';
import { textSpan, valueBlock } from './lib/text';
import { saveState } from './lib/vscodeApi';

const app = byId('app', HTMLElement);
const channel = new HostChannel((message) => {
  if (message.type === 'detail.show') render({ view: message.view, pinned: message.pinned, identity: message.identity });
});
let pinned = false;

// ----------------------------------------------------------------------------------------------------------
// Status line: results of actions and errors, announced to screen readers. It moves next to the button
// that was used: at the bottom of a long record it was off-screen, so a click seemed to do nothing.

const status = h('p', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });

function placeStatusNear(button: HTMLElement): void {
  // The block that holds the button (the toolbar, a paragraph, a field list or the changes table).
  const block = button.closest('.toolbar, p, dl, table');
  if (block && block.nextElementSibling !== status) block.after(status);
}

function showStatus(text: string, isError = false): void {
  status.classList.toggle('error', isError);
  status.textContent = text;
}

function showError(error: ProtocolError): void {
  showStatus(error.serverMessage ? `${error.message} (Confluence: ${error.serverMessage})` : error.message, true);
}

async function run(button: HTMLButtonElement, busyText: string, send: () => Promise<{ ok: boolean; error?: ProtocolError }>, doneText?: (value: unknown) => string): Promise<void> {
  button.disabled = true;
  placeStatusNear(button);
  showStatus(busyText);
  try {
    const result = await send();
    if (result.ok) showStatus(doneText ? doneText((result as { value?: unknown }).value) : '');
    else if (result.error) showError(result.error);
  } finally {
    button.disabled = false;
  }
}

function actionButton(label: string, ariaLabel: string, onClick: (button: HTMLButtonElement) => void, className = 'action'): HTMLButtonElement {
  const button = h('button', { type: 'button', class: className, 'aria-label': ariaLabel }, label);
  button.addEventListener('click', () => onClick(button));
  return button;
}

function pivotButton(pivot: Pivot, label: string, ariaLabel: string): HTMLButtonElement {
  return actionButton(label, ariaLabel, (button) => {
    void run(button, 'Working…', () => channel.request({ type: 'detail.pivot', pivot }), (value) => (value as { done: string }).done);
  }, 'pivot');
}

// ----------------------------------------------------------------------------------------------------------
// Fields

type Row = [label: string, value: Node | string, extra?: Node | false];

function definitionList(rows: (Row | false)[], label: string): HTMLDListElement {
  const list = h('dl', { class: 'fields', 'aria-label': label });
  for (const row of rows) {
    if (!row) continue;
    const [term, value, extra] = row;
    const dd = h('dd', {}, typeof value === 'string' ? textSpan(value) : value);
    if (extra) append(dd, ' ', extra);
    append(list, h('dt', {}, term), dd);
  }
  return list;
}

function none(text = 'None'): HTMLSpanElement {
  return h('span', { class: 'none' }, text);
}

function textOrNone(text: string, label: string): Node {
  return text.trim() === '' ? none('(empty)') : text.length > 200 || /[\r\n]/.test(text) ? valueBlock(text, label) : textSpan(text);
}

function yesNo(value: boolean | undefined): string {
  return value === undefined ? 'Not reported' : value ? 'Yes' : 'No';
}

function section(title: string, id: string, ...content: (Node | false)[]): HTMLElement {
  const heading = h('h2', { id: `${id}-heading` }, title);
  return h('section', { 'aria-labelledby': `${id}-heading` }, heading, ...content);
}

function authorRows(author: AuthorView): Row[] {
  if (author.system) return [['Author', h('span', { class: 'system' }, 'System (Confluence itself, no user account)')]];
  const rows: Row[] = [['Display name', textOrNone(author.displayName, 'display name')]];
  if (author.publicName !== undefined) rows.push(['Public name', textSpan(author.publicName)]);
  rows.push(['Account ID', author.accountId !== undefined ? textSpan(author.accountId, 'value mono') : none('Not reported')]);
  if (author.accountType !== undefined) rows.push(['Account type', textSpan(author.accountType)]);
  if (author.type !== '') rows.push(['Type', textSpan(author.type)]);
  if (author.username !== undefined) rows.push(['Username', textSpan(author.username, 'value mono')]);
  if (author.userKey !== undefined) rows.push(['User key', textSpan(author.userKey, 'value mono')]);
  rows.push(['Guest', yesNo(author.isGuest)]);
  rows.push(['External collaborator', yesNo(author.isExternalCollaborator)]);
  return rows;
}

/** The heading over a record's source fields: where the host says they come from, never a guess here. */
const FIELDS_FROM: Record<SourceFieldsOrigin, string> = {
  file: 'the file',
  dataCenter: 'Data Center',
  organization: 'the organization log',
  site: 'the Confluence site',
};

function objectText(o: ObjectView): Node {
  const name = o.name.trim() === '' ? none('(no name)') : textSpan(o.name);
  return o.objectType === '' ? name : h('span', {}, name, ' ', h('span', { class: 'object-type' }, '(', textSpan(o.objectType), ')'));
}

function valueCell(v: ValueView, label: string): HTMLTableCellElement {
  switch (v.kind) {
    case 'hidden':
      return h('td', { class: 'hidden-value' }, h('span', { class: 'badge', title: 'Confluence redacted this value; it is not empty.' }, 'Hidden by Confluence'));
    case 'empty':
      return h('td', {}, none('(empty)'));
    case 'text':
      return h('td', {}, valueBlock(v.text, label));
  }
}

function changedValuesTable(values: ChangedValueView[]): Node {
  if (values.length === 0) return h('p', {}, none('No changed values.'));
  const body = h('tbody');
  values.forEach((cv, index) => {
    const name = cv.name === '' ? '(unnamed)' : cv.name;
    const compare = cv.comparable
      ? actionButton('Compare', `Compare old and new ${name} in a diff editor`, (button) => {
          void run(button, 'Opening the diff editor…', () => channel.request({ type: 'detail.compare', index }));
        })
      : false;
    append(
      body,
      h('tr', {}, h('th', { scope: 'row' }, textSpan(name)), valueCell(cv.oldValue, `old ${name}`), valueCell(cv.newValue, `new ${name}`), h('td', {}, compare || '')),
    );
  });
  return h(
    'table',
    { class: 'changes', 'aria-label': 'Changed values, old and new' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Value'), h('th', { scope: 'col' }, 'Old'), h('th', { scope: 'col' }, 'New'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
    body,
  );
}

function associatedList(objects: ObjectView[]): Node {
  if (objects.length === 0) return h('p', {}, none());
  return h('ul', { class: 'objects' }, ...objects.map((o) => h('li', {}, objectText(o))));
}

// ----------------------------------------------------------------------------------------------------------
// The page

function toolbar(): HTMLElement {
  const pin = actionButton(pinned ? 'Unpin' : 'Pin', pinned ? 'Unpin: the next record you open replaces this one' : 'Pin: keep this record open; the next record opens in a new panel', (button) => {
    void run(button, '', () => channel.request({ type: 'detail.setPinned', pinned: !pinned }).then((result) => {
      if (result.ok) {
        pinned = result.value.pinned;
        updatePin(button);
      }
      return result;
    }), () => (pinned ? 'Pinned: the next record opens in a new panel.' : 'Unpinned: the next record replaces this one.'));
  });
  pin.setAttribute('aria-pressed', String(pinned));
  const copy = actionButton('Copy as JSON', 'Copy this record as JSON', (button) => {
    void run(button, 'Copying…', () => channel.request({ type: 'detail.copyJson' }), () => 'Copied the record as JSON.');
  });
  const open = actionButton('Open as JSON', 'Open this record as a read-only JSON document (text alternative)', (button) => {
    void run(button, 'Opening…', () => channel.request({ type: 'detail.openJson' }));
  });
  return h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Record actions' }, pin, copy, open);
}

function updatePin(button: HTMLButtonElement): void {
  button.textContent = pinned ? 'Unpin' : 'Pin';
  button.setAttribute('aria-pressed', String(pinned));
  button.setAttribute('aria-label', pinned ? 'Unpin: the next record you open replaces this one' : 'Pin: keep this record open; the next record opens in a new panel');
}

function render(ready: DetailReady): void {
  const { view } = ready;
  pinned = ready.pinned;
  saveState({ identity: ready.identity, pinned: ready.pinned });
  const { pivots } = view;
  const notes = view.notes.length
    ? h('section', { class: 'notes', 'aria-label': 'Notes about this record' }, ...view.notes.map((n) => h('p', { class: 'note', role: 'note' }, n)))
    : false;
  const event = section(
    'Event',
    'event',
    definitionList(
      [
        [`Time (${view.time.zoneLabel})`, textSpan(view.time.zoned, 'value mono')],
        // The UTC line only adds something when the chosen zone is not UTC itself.
        view.time.zoned !== view.time.utc && ['Time (UTC)', textSpan(view.time.utc, 'value mono')],
        ['Change', textOrNone(view.summary, 'change')],
        ['Event type', textOrNone(view.category, 'event type')],
        ['Description', textOrNone(view.description, 'description')],
        ['Remote address', textOrNone(view.remoteAddress, 'remote address'), pivots.remoteAddress && pivotButton('remoteAddress', 'Filter by this address', 'Filter the Audit Log view by this remote address')],
        ['System administrator action', yesNo(view.sysAdmin)],
        ['Super administrator action', yesNo(view.superAdmin)],
      ],
      'Event fields',
    ),
  );
  const author = section(
    'Author',
    'author',
    definitionList(authorRows(view.author), 'Author fields'),
    pivots.author && h('p', {}, pivotButton('author', 'Filter by this author', 'Filter the Audit Log view by this author')),
  );
  const affected = section(
    'Affected object',
    'affected',
    h('p', {}, objectText(view.affectedObject), ' ', pivots.affectedObject && pivotButton('affectedObject', 'Filter by this object', 'Filter the Audit Log view by this affected object')),
  );
  const associated = section('Associated objects', 'associated', associatedList(view.associatedObjects));
  const changes = section('Changed values', 'changes', changedValuesTable(view.changedValues));
  // What the record's source said that the record model has no place for, under the source's name.
  const from = view.sourceFields ? FIELDS_FROM[view.sourceFields.from] : undefined;
  const source = view.sourceFields && from && view.sourceFields.fields.length > 0
    ? section(`From ${from}`, 'source', definitionList(view.sourceFields.fields.map((f): [string, Node] => [f.name, textSpan(f.value)]), `Fields from ${from}`))
    : false;
  const around = pivots.around
    ? h('p', {}, pivotButton('around', 'Show events 15 minutes around this one', 'Add a time window of 15 minutes before and after this record to the Audit Log view'))
    : false;

  replaceChildren(
    app,
    h('header', {}, h('h1', { dir: 'auto' }, view.title), h('p', { class: 'subtitle' }, textSpan(view.siteLabel), ' · ', textSpan(view.time.zoned, 'value mono')), toolbar()),
    notes,
    event,
    author,
    affected,
    associated,
    changes,
    source,
    around,
    status,
  );
  app.setAttribute('aria-busy', 'false');
}

function renderUnavailable(error: ProtocolError): void {
  const retry = actionButton('Try again', 'Try loading the record again', () => void load());
  replaceChildren(app, h('h1', {}, 'Audit record'), h('p', { class: 'error', role: 'alert' }, error.message), h('p', {}, retry));
  app.setAttribute('aria-busy', 'false');
}

async function load(): Promise<void> {
  app.setAttribute('aria-busy', 'true');
  const result = await channel.request({ type: 'detail.ready' });
  if (result.ok) render(result.value);
  else renderUnavailable(result.error);
}

void load();

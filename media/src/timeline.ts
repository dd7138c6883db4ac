// The timeline webview: bars of record counts per bucket, oldest on the left, stacked by category. Click a
// bar to reveal its bucket in the tree; drag across bars (or Shift+arrows) to select a range and add it as
// a window. The chart is a listbox (arrows move, Shift extends, Enter acts); the table says the same in text.
import type { ProtocolError, TimelineView } from '../../src/shared/protocol';
import { byId, h, replaceChildren } from './lib/dom';
import { HostChannel } from './lib/rpc';
import { barElement, fillTable, legend } from './lib/timelineChart';

const app = byId('app', HTMLElement);
const channel = new HostChannel((message) => {
  if (message.type === 'timeline.show') render(message.view);
});

let view: TimelineView | undefined;
let anchor = -1;
let focus = -1;
let dragging = false;

const heading = h('h1', { id: 'title', class: 'value' });
const subtitle = h('p', { class: 'subtitle' });
const progress = h('p', { id: 'progress', role: 'status', 'aria-live': 'polite' });
const stop = h('button', { type: 'button', id: 'stop', class: 'secondary', hidden: true }, 'Stop Counting');
const recount = h('button', { type: 'button', id: 'recount', class: 'secondary', hidden: true }, 'Count Again');
const addWindow = h('button', { type: 'button', id: 'add-window', disabled: true }, 'Add Window from Selection');
const selection = h('p', { id: 'selection', role: 'status', 'aria-live': 'polite' });
const legendSlot = h('div', { id: 'legend-slot' });
const chart = h('div', { id: 'chart', class: 'chart', role: 'listbox', tabindex: '0', 'aria-multiselectable': 'true', 'aria-orientation': 'horizontal', 'aria-label': 'Records per bucket, oldest first. Arrow keys move, Shift extends the selection, Enter reveals a bucket or adds the selected range as a window.', 'aria-describedby': 'selection' });
const table = h('table', { id: 'table', class: 'table' });
const status = h('p', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' });

function showError(error: ProtocolError): void {
  status.classList.add('error');
  status.textContent = error.message;
}

function range(): [number, number] | undefined {
  if (anchor < 0 || focus < 0) return undefined;
  return [Math.min(anchor, focus), Math.max(anchor, focus)];
}

function paintSelection(): void {
  const r = range();
  const bars = view?.chart.bars ?? [];
  chart.querySelectorAll<HTMLElement>('.bar').forEach((el, i) => {
    const selected = r !== undefined && i >= r[0] && i <= r[1];
    el.setAttribute('aria-selected', String(selected));
    el.classList.toggle('focused', i === focus);
  });
  if (focus >= 0) chart.setAttribute('aria-activedescendant', `bar-${focus}`);
  else chart.removeAttribute('aria-activedescendant');
  addWindow.disabled = r === undefined;
  if (!r) {
    selection.textContent = 'Nothing selected.';
  } else {
    const total = bars.slice(r[0], r[1] + 1).reduce((n, b) => n + b.total, 0);
    const what = r[0] === r[1] ? bars[r[0]].label : `${bars[r[0]].label} to ${bars[r[1]].label}`;
    selection.textContent = `Selected ${what}: ${total.toLocaleString('en-US')} records counted.`;
  }
}

function render(next: TimelineView): void {
  view = next;
  const bars = next.chart.bars;
  if (focus >= bars.length) anchor = focus = -1;
  heading.textContent = `Timeline: ${next.windowLabel}`;
  subtitle.textContent = `${next.sourceLabel} · times in ${next.zoneLabel} · newest on the right`;
  const p = next.progress;
  progress.textContent =
    p.state === 'counting'
      ? `Counting… ${p.counted} of ${p.buckets} buckets counted.`
      : `${p.counted} of ${p.buckets} buckets counted${p.failed > 0 ? `, ${p.failed} failed: ${p.failure ?? 'unknown error'}` : ''}${p.state === 'cancelled' ? ' (stopped)' : ''}.` +
        (p.stale ? ' The tree was refreshed since: these counts are of the window as it was then.' : '');
  stop.hidden = p.state !== 'counting' && p.state !== 'idle';
  // A failed bucket, a stop or a refresh of the tree: counting again is one click away.
  recount.hidden = !(p.state === 'cancelled' || (p.state === 'complete' && (p.failed > 0 || p.stale)));
  replaceChildren(legendSlot, legend(next.chart));
  const scale = Math.max(0, ...bars.map((b) => b.total));
  replaceChildren(chart, ...bars.map((bar, i) => barElement(next.chart, bar, i, scale)));
  if (bars.length === 0) chart.append(h('p', {}, 'This window has no buckets.'));
  fillTable(table, next.chart);
  paintSelection();
  app.setAttribute('aria-busy', String(p.state === 'counting'));
}

async function reveal(index: number): Promise<void> {
  const answer = await channel.request({ type: 'timeline.reveal', index });
  if (!answer.ok) showError(answer.error);
}

async function addSelected(): Promise<void> {
  const r = range();
  if (!r) return;
  status.classList.remove('error');
  status.textContent = 'Adding the window…';
  const answer = await channel.request({ type: 'timeline.select', from: r[0], to: r[1] });
  if (answer.ok) status.textContent = `Added the window ${answer.value.window} to the tree.`;
  else showError(answer.error);
}

function barIndex(target: EventTarget | null): number {
  const bar = target instanceof Element ? target.closest('.bar') : null;
  return bar ? Number(bar.id.slice('bar-'.length)) : -1;
}

chart.addEventListener('mousedown', (e) => {
  const i = barIndex(e.target);
  if (i < 0) return;
  e.preventDefault();
  chart.focus();
  dragging = true;
  anchor = focus = i;
  paintSelection();
});
chart.addEventListener('mouseover', (e) => {
  const i = barIndex(e.target);
  if (!dragging || i < 0 || i === focus) return;
  focus = i;
  paintSelection();
});
window.addEventListener('mouseup', () => {
  if (!dragging) return;
  dragging = false;
  // A click on one bar reveals its bucket; a drag across bars adds their range as a window.
  if (anchor === focus) void reveal(focus);
  else void addSelected();
});

chart.addEventListener('keydown', (e) => {
  const count = view?.chart.bars.length ?? 0;
  if (count === 0) return;
  const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, Home: -count, End: count };
  if (e.key in moves) {
    e.preventDefault();
    const next = Math.min(count - 1, Math.max(0, (focus < 0 ? count : focus) + moves[e.key]));
    focus = next;
    if (!e.shiftKey || anchor < 0) anchor = next;
    paintSelection();
  } else if (e.key === 'Enter' && focus >= 0) {
    e.preventDefault();
    if (anchor === focus) void reveal(focus);
    else void addSelected();
  } else if (e.key === 'Escape') {
    anchor = focus = -1;
    paintSelection();
  }
});

stop.addEventListener('click', () => {
  stop.disabled = true;
  void channel.request({ type: 'timeline.cancel' }).then((answer) => {
    stop.disabled = false;
    if (!answer.ok) showError(answer.error);
  });
});
recount.addEventListener('click', () => {
  recount.disabled = true;
  void channel.request({ type: 'timeline.recount' }).then((answer) => {
    recount.disabled = false;
    if (!answer.ok) showError(answer.error);
  });
});
addWindow.addEventListener('click', () => void addSelected());

async function start(): Promise<void> {
  const answer = await channel.request({ type: 'timeline.ready' });
  if (!answer.ok) {
    replaceChildren(app, h('p', { class: 'error', role: 'alert' }, answer.error.message));
    return;
  }
  replaceChildren(
    app,
    heading,
    subtitle,
    h('div', { class: 'toolbar' }, progress, stop, recount, addWindow),
    legendSlot,
    chart,
    selection,
    status,
    h('h2', {}, 'As a table'),
    table,
  );
  render(answer.value);
}

void start();

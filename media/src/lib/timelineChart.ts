// Drawing a timeline as elements: stacked bars (heights through the CSSOM, which the CSP allows, never a
// style attribute), a legend, and the same numbers as a table. Category names are server text: always
// text nodes or attribute values, never markup.
import type { TimelineBar, TimelineChart } from '../../../src/shared/protocol';
import { h, replaceChildren } from './dom';

/** Theme chart colours (c0…c5 in timeline.css), then "other". */
export const PALETTE_SIZE = 6;

export function categoryName(category: string): string {
  return category === '' ? '(no category)' : category;
}

function plural(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'record' : 'records'}`;
}

/** "12 records", "at least 12 records" while counting, "not counted" or "failed" for the rest. */
export function totalText(bar: TimelineBar): string {
  switch (bar.state) {
    case 'counted':
      return plural(bar.total);
    case 'counting':
      return `at least ${plural(bar.total)} (counting)`;
    case 'failed':
      return bar.total > 0 ? `at least ${plural(bar.total)} (failed to load the rest)` : 'failed to load';
    default:
      return bar.total > 0 ? `at least ${plural(bar.total)} (not counted yet)` : 'not counted yet';
  }
}

function parts(chart: TimelineChart, bar: TimelineBar): Array<[string, number]> {
  const out: Array<[string, number]> = chart.categories.map((c, i) => [categoryName(c), bar.counts[i]]);
  if (bar.other > 0) out.push(['other categories', bar.other]);
  return out.filter(([, n]) => n > 0);
}

/** What a screen reader says for a bar. */
export function barLabel(chart: TimelineChart, bar: TimelineBar): string {
  const detail = parts(chart, bar).map(([name, n]) => `${name} ${n}`).join(', ');
  return `${bar.label}: ${totalText(bar)}${detail ? `; ${detail}` : ''}`;
}

export function legend(chart: TimelineChart): HTMLElement {
  const items = chart.categories.map((c, i) => h('li', {}, h('span', { class: `swatch c${i}`, 'aria-hidden': 'true' }), h('span', { class: 'value' }, categoryName(c))));
  if (chart.bars.some((b) => b.other > 0)) items.push(h('li', {}, h('span', { class: 'swatch other', 'aria-hidden': 'true' }), 'Other categories'));
  return h('ul', { id: 'legend', class: 'legend', 'aria-label': 'Categories' }, ...items);
}

/** One bar: a column of segments, the first category at the bottom. */
export function barElement(chart: TimelineChart, bar: TimelineBar, index: number, scale: number): HTMLElement {
  const stack = h('div', { class: 'stack', 'aria-hidden': 'true' });
  stack.style.height = `${scale > 0 ? (bar.total / scale) * 100 : 0}%`;
  const segments: Array<[string, number]> = chart.categories.map((_, i) => [`c${i}`, bar.counts[i]]);
  segments.push(['other', bar.other]);
  for (const [cls, n] of segments) {
    if (n <= 0) continue;
    const segment = h('div', { class: `segment ${cls}` });
    segment.style.height = `${(n / bar.total) * 100}%`;
    stack.append(segment);
  }
  return h('div', { id: `bar-${index}`, class: `bar ${bar.state}`, role: 'option', 'aria-selected': 'false', 'aria-label': barLabel(chart, bar), title: barLabel(chart, bar) }, stack);
}

/** The text alternative: every bar as a row, every stacked category as a column. */
export function fillTable(table: HTMLTableElement, chart: TimelineChart): void {
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Bucket'), h('th', { scope: 'col' }, 'Records'), ...chart.categories.map((c) => h('th', { scope: 'col', class: 'value' }, categoryName(c))), h('th', { scope: 'col' }, 'Other'));
  const rows = chart.bars.map((bar) =>
    h('tr', {}, h('th', { scope: 'row' }, bar.label), h('td', { class: 'total' }, totalText(bar)), ...bar.counts.map((n) => h('td', {}, String(n))), h('td', {}, String(bar.other))),
  );
  replaceChildren(table, h('caption', {}, 'Records per bucket and category, oldest first'), h('thead', {}, head), h('tbody', {}, ...rows));
}

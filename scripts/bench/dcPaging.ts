// Data Center paging: the advanced auditing client's iterator over a 100,000-event window (cursor
// paging, parsing every event, keeping the window) versus a bare undici loop that follows the same
// cursor. A cursor loop cannot avoid JSON.parse (the cursor is inside the JSON), so the baseline parses.
import { createDispatcher } from '../../src/api';
import { DcAuditingClient } from '../../src/api/dc';
import { bareAgent, bareText } from './clients';
import { ratio, type FigureResult } from './results';
import { startSimProcess } from './simProcess';
import { median, rotate } from './stats';

const EVENTS = 100_000;
const PAGE = 1000;
const ANCHOR = Date.UTC(2025, 0, 15, 12, 0, 0);

export async function dcPagingFigure(repetitions: number): Promise<FigureResult> {
  const started = Date.now();
  const sim = await startSimProcess({ records: EVENTS, seed: 11, anchor: ANCHOR, fixedNow: ANCHOR, periodDays: 30, requestLogLimit: 1000 });
  const window = { startDate: 0, endDate: ANCHOR };
  const base = `${sim.url}/confluence/rest/auditing/1.0/events`;
  const authorization = `Bearer ${sim.pat}`;
  try {
    const expected = await sim.rangeSize(window.startDate, window.endDate);
    const ours = async (): Promise<void> => {
      const client = new DcAuditingClient({ siteUrl: `${sim.url}/confluence`, credentials: { kind: 'bearer', token: sim.pat }, dispatcher: createDispatcher({ env: {} }) });
      let n = 0;
      for await (const _event of client.allEvents(window, { pageSize: PAGE })) n++;
      await client.close();
      if (n !== expected) throw new Error(`the client returned ${n} events, the window holds ${expected}`);
    };
    let bytes = 0;
    const baseline = async (): Promise<void> => {
      const agent = bareAgent();
      bytes = 0;
      let cursor: string | undefined;
      const from = encodeURIComponent(new Date(window.startDate).toISOString());
      const to = encodeURIComponent(new Date(window.endDate).toISOString());
      do {
        const text = await bareText(agent, `${base}?from=${from}&to=${to}&limit=${PAGE}${cursor ? `&pageCursor=${encodeURIComponent(cursor)}` : ''}`, authorization);
        bytes += text.length;
        cursor = (JSON.parse(text) as { pagingInfo?: { nextPageCursor?: string } }).pagingInfo?.nextPageCursor;
      } while (cursor !== undefined);
      await agent.close();
    };
    await ours(); // warm-up
    await baseline();
    const samples = await rotate(repetitions, { ours, baseline });
    const o = median(samples.ours);
    const b = median(samples.baseline);
    const r = ratio(o, b);
    return {
      id: 'dcPaging',
      seconds: (Date.now() - started) / 1000,
      rows: [{
        figure: `Data Center paging ${expected.toLocaleString('en')} events: client iterator vs bare cursor loop`,
        unit: 'ms',
        ours: o,
        baseline: b,
        ratio: r,
        goal: 'ratio ≤ 1.25',
        met: r <= 1.25,
        samples,
        notes: `pages of ${PAGE}, ${(bytes / 1024 ** 2).toFixed(0)} MB of JSON; the baseline parses each page to find its cursor`,
      }],
      details: { events: expected, pageSize: PAGE, jsonChars: bytes },
    };
  } finally {
    await sim.stop();
  }
}

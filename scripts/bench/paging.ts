// Paging: the client's iterator over a 100,000-record window (keyset paging, parsing, validation,
// de-duplication) versus a bare undici loop fetching the same pages and doing nothing with them.
import { median, rotate } from './stats';
import { basicAuth, bareAgent, bareGet, bareText, benchClient } from './clients';
import { ratio, type FigureResult } from './results';
import { startSimProcess } from './simProcess';

export const PAGING_RECORDS = 100_000;
const PAGE = 1000;
const ANCHOR = Date.UTC(2025, 0, 15, 12, 0, 0);

export async function pagingFigure(repetitions: number): Promise<FigureResult> {
  const started = Date.now();
  const sim = await startSimProcess({ records: PAGING_RECORDS, seed: 11, anchor: ANCHOR, fixedNow: ANCHOR, periodDays: 30, requestLogLimit: 1000 });
  const window = { startDate: 0, endDate: ANCHOR };
  try {
    const expected = await sim.rangeSize(window.startDate, window.endDate);
    const ours = async (): Promise<void> => {
      const client = benchClient(sim);
      let n = 0;
      for await (const _record of client.records({ kind: 'range', ...window }, { pageSize: PAGE })) n++;
      await client.close();
      if (n !== expected) throw new Error(`the client returned ${n} records, the window holds ${expected}`);
    };
    let baselineBytes = 0;
    const baseline = async (): Promise<void> => {
      const agent = bareAgent();
      const auth = basicAuth(sim);
      baselineBytes = 0;
      for (let start = 0; start < expected; start += PAGE) {
        const url = `${sim.url}/wiki/rest/api/audit?startDate=${window.startDate}&endDate=${window.endDate}&start=${start}&limit=${PAGE}`;
        baselineBytes += await bareGet(agent, url, auth);
      }
      await agent.close();
    };
    // Not a goal, a yardstick: the bare loop plus decoding and JSON.parse of each page, the least any
    // client that looks at the records must do.
    const parseFloor = async (): Promise<void> => {
      const agent = bareAgent();
      const auth = basicAuth(sim);
      for (let start = 0; start < expected; start += PAGE) {
        const url = `${sim.url}/wiki/rest/api/audit?startDate=${window.startDate}&endDate=${window.endDate}&start=${start}&limit=${PAGE}`;
        JSON.parse(await bareText(agent, url, auth));
      }
      await agent.close();
    };
    await ours(); // warm-up: JIT and the simulator's caches, for every side
    await baseline();
    await parseFloor();
    const all = await rotate(repetitions, { ours, baseline, parseFloor });
    const samples = { ours: all.ours, baseline: all.baseline };
    const o = median(samples.ours);
    const b = median(samples.baseline);
    const f = median(all.parseFloor);
    const r = ratio(o, b);
    return {
      id: 'paging',
      seconds: (Date.now() - started) / 1000,
      rows: [{
        figure: `Paging ${expected.toLocaleString('en')} records: client iterator vs bare undici loop`,
        unit: 'ms',
        ours: o,
        baseline: b,
        ratio: r,
        goal: 'ratio ≤ 1.15',
        met: r <= 1.15,
        samples,
        notes: `pages of ${PAGE}, ${(baselineBytes / 1024 ** 2).toFixed(0)} MB of JSON; bare loop + JSON.parse ${f.toFixed(0)} ms (ours ${ratio(o, f).toFixed(2)}× that)`,
      }],
      details: { records: expected, pageSize: PAGE, jsonBytes: baselineBytes, parseFloorMs: all.parseFloor },
    };
  } finally {
    await sim.stop();
  }
}

// Messages between the benchmark and its simulator child (simHost.ts).
import type { SimulatorOptions } from '../../simulator';

export const SIM_OPTIONS_ENV = 'CONFLUENCE_AUDIT_BENCH_SIM';

/** SimulatorOptions that survive JSON; `fixedNow` freezes the server clock. */
export type SimHostOptions = Omit<SimulatorOptions, 'now' | 'tls'> & { fixedNow?: number };

export interface LoggedRequest {
  method: string;
  url: string;
  /** Epoch ms when the request arrived. */
  time: number;
  status?: number;
}

export type HostQuery =
  | { kind: 'requests' }
  | { kind: 'counts' }
  | { kind: 'clearRequests' }
  | { kind: 'rangeSize'; startDate: number; endDate: number };

export type HostRequest = HostQuery & { id: number };

export type HostReply =
  | { kind: 'ready'; url: string; email: string; token: string; pat: string }
  | { kind: 'requests'; id: number; requests: LoggedRequest[] }
  | { kind: 'counts'; id: number; counts: Record<string, number> }
  | { kind: 'rangeSize'; id: number; size: number }
  | { kind: 'done'; id: number };

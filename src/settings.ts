// Typed access to the extension's display settings (not the site list, which SiteStore owns).
import * as vscode from 'vscode';
import type { Granularity } from './model/buckets';
import type { ZoneSetting } from './model/timeZone';
import type { TreeSettings } from './tree/deps';

const GRANULARITIES: readonly Granularity[] = ['auto', 'hour', 'day', 'week', 'month'];

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('confluenceAudit');
}

export function zoneSetting(): ZoneSetting {
  return config().get<string>('timeZone') === 'utc' ? 'utc' : 'local';
}

export function treeSettings(): TreeSettings {
  const pageSize = config().get<number>('pageSize') ?? 100;
  const granularity = config().get<string>('bucketGranularity') ?? 'auto';
  return {
    zone: zoneSetting(),
    pageSize: Math.min(1000, Math.max(10, Math.floor(pageSize))),
    granularity: GRANULARITIES.includes(granularity as Granularity) ? (granularity as Granularity) : 'auto',
  };
}

export function autoRefreshMinutes(): number {
  const minutes = config().get<number>('autoRefreshMinutes') ?? 0;
  return Number.isFinite(minutes) && minutes > 0 ? Math.min(1440, minutes) : 0;
}

export function affectsTreeDisplay(e: vscode.ConfigurationChangeEvent): boolean {
  return ['timeZone', 'pageSize', 'bucketGranularity'].some((key) => e.affectsConfiguration(`confluenceAudit.${key}`));
}

// Proxy and certificate settings for our undici dispatcher. VS Code patches Node's http/https and fetch,
// but not the undici package we bundle, so we read VS Code's `http.*` settings ourselves.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';

export interface NetworkSettings {
  proxy?: string;
  noProxy: string[];
  strictSSL: boolean;
  caCertificatePaths: string[];
}

/** Only user/machine values count for the CA list: a workspace must not decide whom we trust. */
export function readNetworkSettings(): NetworkSettings {
  const http = vscode.workspace.getConfiguration('http');
  const proxy = http.get<string>('proxy')?.trim();
  const noProxy = http.get<string[]>('noProxy') ?? [];
  const strictSSL = http.get<boolean>('proxyStrictSSL') ?? true;
  const ca = vscode.workspace.getConfiguration('confluenceAudit.network').inspect<unknown>('caCertificates');
  const paths = Array.isArray(ca?.globalValue) ? ca.globalValue : [];
  return {
    proxy: proxy ? proxy : undefined,
    noProxy: noProxy.filter((v) => typeof v === 'string' && v.trim() !== ''),
    strictSSL,
    caCertificatePaths: paths.filter((p): p is string => typeof p === 'string' && p.trim() !== ''),
  };
}

export function affectsNetwork(e: vscode.ConfigurationChangeEvent): boolean {
  return (
    e.affectsConfiguration('http.proxy') ||
    e.affectsConfiguration('http.noProxy') ||
    e.affectsConfiguration('http.proxyStrictSSL') ||
    e.affectsConfiguration('confluenceAudit.network.caCertificates')
  );
}

/** Reads the PEM files; a file that cannot be read is reported, not silently skipped. */
export async function loadCaCertificates(paths: string[]): Promise<{ pems: string[]; problems: string[] }> {
  const pems: string[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    try {
      const text = await readFile(path, 'utf8');
      if (!text.includes('-----BEGIN CERTIFICATE-----')) problems.push(`${path} holds no PEM certificate`);
      else pems.push(text);
    } catch (error) {
      problems.push(`${path} could not be read (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return { pems, problems };
}

// The model layer: pure TypeScript (no 'vscode'), shared by the extension host, tests and benchmarks.
export * from './timeZone';
export * from './wallCalendar';
export * from './timeWindow';
export * from './buckets';
export * from './ipAddress';
export * from './filters';
export * from './safeText';
export * from './recordView';
export * from './recordList';

// Runs a test body with the process's time zone set, so 'local' can be tested on a machine set to UTC.
// Node re-reads process.env.TZ when it is assigned (Date and Intl both follow it).
export function withProcessTz<T>(zone: string, body: () => T): T {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    return body();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

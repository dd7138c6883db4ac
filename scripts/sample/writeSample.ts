// `npm run sample`: writes the sample audit log from scripts/sample/sampleLog.ts. Run it after changing the
// generator or the simulator's data; the unit test fails until the committed file matches again.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SAMPLE_FILE, sampleCsv, sampleRecords } from './sampleLog';

// out/scripts/sample → the repository.
const root = path.resolve(__dirname, '..', '..', '..');
const file = path.join(root, ...SAMPLE_FILE);
const records = sampleRecords();
const text = sampleCsv(records);
writeFileSync(file, text);
const oldest = new Date(records[records.length - 1].creationDate).toISOString();
const newest = new Date(records[0].creationDate).toISOString();
console.log(`Wrote ${path.relative(root, file)}: ${records.length} records from ${oldest} to ${newest}, ${Buffer.byteLength(text)} bytes.`);

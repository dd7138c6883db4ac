// Reads JSON into a table being built: JSON Lines (one record per line, as "Export Shown Records" writes them;
// Cloud records; Data Center events and audit log lines) or JSON documents (saved pages, events answers).
// A value that is none of these throws ExportFileError naming its line.
import { FormatProblem } from '../../exportFile/format/formatProblem';
import { ExportFileError } from '../../exportFile/read/csvRows';
import { BuiltRecords } from './exportRows';
import { DATA_CENTER_EVENT_CODEC, DataCenterEvents } from './formats/dataCenterEvent';
import { readJsonValues } from './formats/jsonValues';
import { addJsonValue, type JsonTargets } from './formats/jsonRecords';
import type { RecordTableBuilder } from './recordTable';

export async function jsonInto(builder: RecordTableBuilder, text: AsyncIterable<string>, maxLineChars: number, signal?: AbortSignal): Promise<void> {
  const built = new BuiltRecords((codec) => builder.sink(codec));
  const events = new DataCenterEvents(builder.sink(DATA_CENTER_EVENT_CODEC));
  const targets: JsonTargets = { record: (record) => built.add(record), dataCenterEvent: (raw) => events.add(raw) };
  await readJsonValues(
    text,
    (value, line) => {
      try {
        addJsonValue(value, targets);
      } catch (e) {
        if (e instanceof FormatProblem) throw new ExportFileError(e.message, line);
        throw e;
      }
    },
    signal,
    maxLineChars,
  );
}

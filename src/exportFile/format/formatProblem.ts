// A problem in a cell or row of an audit file, and how a cell is quoted in the message. Every reader (our own
// export format and the formats offline review recognises) reports with these; the caller adds the line.

/** A cell or row that does not fit the format; the caller adds the line number. */
export class FormatProblem extends Error {}

/** A short, single-line view of a cell for messages (cells are attacker-controlled and may be huge). */
export function preview(raw: string): string {
  const flat = raw.replace(/[\r\n\t]/g, ' ');
  return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 40)}…` : flat);
}

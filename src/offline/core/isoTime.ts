// The two times every row of our own CSV export holds, read without regular expressions: its "Creation date"
// (epoch milliseconds) and its "Date" as Date#toISOString writes it. Anything else gives NaN, and the caller
// reads it the general way (with its message when it cannot be read).

const ZERO = 48;

function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - ZERO;
  return d >= 0 && d <= 9 ? d : NaN;
}

function number(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + digit(text, i);
  return n;
}

/** 1 to 15 digits (always a safe integer), as Number() reads them; NaN for anything else. */
export function plainEpochMillis(text: string): number {
  return text.length === 0 || text.length > 15 ? NaN : number(text, 0, text.length);
}

/**
 * "yyyy-MM-ddTHH:mm:ss.sssZ" with every field in its range, as Date.parse reads it (which lets a day run into
 * the next month, as Date.UTC does); NaN for anything else, including years before 100 (which Date.UTC reads
 * as 19xx) and the hour 24.
 */
export function isoMillis(text: string): number {
  if (text.length !== 24) return NaN;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 46 || text.charCodeAt(23) !== 90) return NaN;
  const year = number(text, 0, 4);
  const month = number(text, 5, 7);
  const day = number(text, 8, 10);
  const hour = number(text, 11, 13);
  const minute = number(text, 14, 16);
  const second = number(text, 17, 19);
  const ms = number(text, 20, 23);
  if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59 && ms >= 0)) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

// The two times every row of our own CSV export holds, read without regular expressions: its "Creation date"
// (epoch milliseconds) and its "Date" as Date#toISOString writes it. Anything else gives NaN, and the caller
// reads it the general way (with its message when it cannot be read).

const ZERO = 48;

function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - ZERO;
  return d >= 0 && d <= 9 ? d : NaN;
}

/** The number the digits in [from, to) write; NaN when one is not a digit. */
export function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + digit(text, i);
  return n;
}

const DAY = 86_400_000;

/**
 * Date.UTC for a year from 100 on, a month 1-12, a day 1-31 (a day past the month's end runs into the next
 * month, as in Date.UTC) and a time of day in range: plain arithmetic (days from the civil date, proleptic
 * Gregorian), as Date.UTC is a call into the runtime that costs more than the rest of reading a row's time.
 */
export function civilMillis(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146_097 + dayOfEra - 719_468;
  return days * DAY + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/** 1 to 15 digits (always a safe integer), as Number() reads them; NaN for anything else. */
export function plainEpochMillis(text: string): number {
  return text.length === 0 || text.length > 15 ? NaN : digits(text, 0, text.length);
}

/**
 * "yyyy-MM-ddTHH:mm:ss.sssZ" with every field in its range, as Date.parse reads it (which lets a day run into
 * the next month, as Date.UTC does); NaN for anything else, including years before 100 (which Date.UTC reads
 * as 19xx) and the hour 24.
 */
export function isoMillis(text: string): number {
  if (text.length !== 24) return NaN;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 46 || text.charCodeAt(23) !== 90) return NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  const ms = digits(text, 20, 23);
  if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59 && ms >= 0)) return NaN;
  return civilMillis(year, month, day, hour, minute, second, ms);
}

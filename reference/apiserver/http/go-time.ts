/**
 * metav1.Time and metav1.MicroTime as the api-server decodes them: Go's
 * time.Parse with layout RFC3339 (`2006-01-02T15:04:05Z07:00`) or
 * RFC3339Micro (`2006-01-02T15:04:05.000000Z07:00`), with its error messages
 *   parsing time "2024-13-01T00:00:00Z": month out of range
 *   parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"
 * and the value as the api-server writes it back: UTC, whole seconds for a
 * Time, microseconds for a MicroTime.
 */

export type TimeLayout = 'time' | 'micro-time';

const LAYOUTS: Record<TimeLayout, { text: string; elements: string[] }> = {
  time: { text: '2006-01-02T15:04:05Z07:00', elements: ['2006', '-', '01', '-', '02', 'T', '15', ':', '04', ':', '05', 'Z07:00'] },
  'micro-time': { text: '2006-01-02T15:04:05.000000Z07:00', elements: ['2006', '-', '01', '-', '02', 'T', '15', ':', '04', ':', '05', '.000000', 'Z07:00'] },
};

/** Go time's own quote: ASCII as is (with \" and \\), every other byte as \xNN. */
function quote(s: string): string {
  let out = '"';
  for (const byte of Buffer.from(s, 'utf8')) {
    if (byte >= 0x80 || byte < 0x20) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += (byte === 0x22 || byte === 0x5c ? '\\' : '') + String.fromCharCode(byte);
  }
  return out + '"';
}

const isDigitAt = (s: string, i: number) => i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39;

/** Go's getnum: one or two digits (exactly two when fixed). */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigitAt(s, 0)) return undefined;
  if (!isDigitAt(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export class TimeParseError extends Error {}

/** Parses `value` as Go does; returns the canonical text the api-server would store, or throws TimeParseError with Go's message. */
export function parseGoTime(value: string, layout: TimeLayout): string {
  const { text: layoutText, elements } = LAYOUTS[layout];
  const fail = (message: string): never => {
    throw new TimeParseError(`parsing time ${quote(value)}${message}`);
  };
  const cannotParse = (rest: string, element: string): never => fail(` as ${quote(layoutText)}: cannot parse ${quote(rest)} as ${quote(element)}`);
  let rest = value;
  const t = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, nanos: 0, offsetSeconds: 0 };
  const number = (element: string, fixed: boolean, range?: [string, number]) => {
    const got = getnum(rest, fixed) ?? cannotParse(rest, element);
    if (range && (got[0] < (range[0] === 'month' ? 1 : 0) || got[0] >= range[1])) {
      rest = got[1];
      fail(`: ${range[0]} out of range`);
    }
    rest = got[1];
    return got[0];
  };
  for (const element of elements) {
    switch (element) {
      case '2006':
        if (rest.length < 4 || !isDigitAt(rest, 0) || !/^\d{4}$/.test(rest.slice(0, 4))) cannotParse(rest, element);
        t.year = Number(rest.slice(0, 4));
        rest = rest.slice(4);
        break;
      case '01': t.month = number(element, true, ['month', 13]); break;
      case '02': t.day = number(element, true); break;
      case '15': t.hour = number(element, false, ['hour', 24]); break;
      case '04': t.minute = number(element, true, ['minute', 60]); break;
      case '05':
        t.second = number(element, true, ['second', 60]);
        // A fraction the layout does not ask for is still read (Go's special case), unless the layout has one next.
        if (layout === 'time' && rest.length >= 2 && '.,'.includes(rest[0]!) && isDigitAt(rest, 1)) {
          let n = 2;
          while (isDigitAt(rest, n)) n++;
          t.nanos = Number(rest.slice(1, Math.min(n, 10)).padEnd(9, '0'));
          rest = rest.slice(n);
        }
        break;
      case '.000000':
        if (rest.length < 7 || !'.,'.includes(rest[0]!) || !/^\d{6}$/.test(rest.slice(1, 7))) cannotParse(rest, element);
        t.nanos = Number(rest.slice(1, 7)) * 1000;
        rest = rest.slice(7);
        break;
      case 'Z07:00': {
        if (rest.startsWith('Z')) {
          rest = rest.slice(1);
          break;
        }
        const hold = rest;
        if (rest.length < 6 || rest[3] !== ':') cannotParse(hold, element);
        const hours = getnum(rest.slice(1, 3), true);
        const minutes = hours && getnum(rest.slice(4, 6), true);
        rest = rest.slice(6);
        // Go checks the ranges before the syntax, and allows 24 hours and 60 minutes.
        if (hours && hours[0] > 24) fail(': time zone offset hour out of range');
        if (minutes && minutes[0] > 60) fail(': time zone offset minute out of range');
        if (!hours || !minutes || (hold[0] !== '+' && hold[0] !== '-')) cannotParse(hold, element);
        t.offsetSeconds = (hold[0] === '-' ? -1 : 1) * (hours![0] * 60 + minutes![0]) * 60;
        break;
      }
      default:
        if (!rest.startsWith(element)) cannotParse(rest, element);
        rest = rest.slice(element.length);
    }
  }
  if (rest.length) fail(`: extra text: ${quote(rest)}`);
  if (t.day < 1 || t.day > daysIn(t.month, t.year)) fail(': day out of range');
  return canonical(t, layout);
}

function canonical(t: { year: number; month: number; day: number; hour: number; minute: number; second: number; nanos: number; offsetSeconds: number }, layout: TimeLayout): string {
  const date = new Date(0);
  date.setUTCFullYear(t.year, t.month - 1, t.day);
  date.setUTCHours(t.hour, t.minute, t.second - t.offsetSeconds, 0);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const seconds = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return layout === 'time' ? `${seconds}Z` : `${seconds}.${pad(Math.floor(t.nanos / 1000), 6)}Z`;
}

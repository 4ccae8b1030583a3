// Formatting for people: money from decimal strings (never floats) and dates as the mall sees
// them. Core sends times as RFC 3339 already in the mall's offset, so the local date and time are
// the string's own digits; no browser time zone is involved.

/** `"1234.5"` → `"¥1,234.50"`; exact for any decimal string. */
export function formatCny(amount: string): string {
  const text = amount.trim();
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return text;
  const [, sign, intDigits, fracDigits = ""] = match;
  let int = intDigits.replace(/^0+(?=\d)/, "") || "0";
  let frac = fracDigits.padEnd(2, "0");
  if (frac.length > 2) {
    // Round half away from zero on the third decimal, in decimal arithmetic.
    const roundUp = frac[2] >= "5";
    frac = frac.slice(0, 2);
    if (roundUp) {
      const cents = (BigInt(int) * 100n + BigInt(frac) + 1n).toString().padStart(3, "0");
      int = cents.slice(0, -2);
      frac = cents.slice(-2);
    }
  }
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const isZero = /^0*$/.test(int) && /^0*$/.test(frac);
  return `${sign && !isZero ? "-" : ""}¥${grouped}.${frac}`;
}

/** `344374` → `"344,374"`: counts grouped the same in both languages, whatever the computer's
 * locale (WebKit under a C locale would not group at all). */
export function formatCount(count: number): string {
  return count.toLocaleString("en-US", { maximumFractionDigits: 0 });
}

/** `"2027-03-06T00:00:00+08:00"` → `"2027-03-06"`. */
export function localDate(rfc3339: string): string {
  return rfc3339.slice(0, 10);
}

/** `"2027-03-06T10:30:00+08:00"` → `"2027-03-06 10:30"`. */
export function localDateTime(rfc3339: string): string {
  return `${rfc3339.slice(0, 10)} ${rfc3339.slice(11, 16)}`;
}

/**
 * How a campaign bound reads in a form: the date alone when it is the day's first second (a start)
 * or last second (an end), else date and time.
 */
export function boundForInput(rfc3339: string, bound: "start" | "end"): string {
  const time = rfc3339.slice(11, 19);
  if ((bound === "start" && time === "00:00:00") || (bound === "end" && time === "23:59:59")) {
    return localDate(rfc3339);
  }
  return localDateTime(rfc3339);
}

/** "2027-03-06 → 2027-03-09", or a single day. */
export function dateRange(start: string, end: string): string {
  const a = localDate(start);
  const b = localDate(end);
  return a === b ? a : `${a} → ${b}`;
}

/** Orders two decimal strings exactly (no floats): negative, zero or positive. */
export function compareDecimal(a: string, b: string): number {
  const scaled = (s: string): bigint => {
    const [int, frac = ""] = s.trim().split(".");
    const negative = int.startsWith("-");
    const digits = BigInt(`${int.replace("-", "") || "0"}${frac.padEnd(8, "0").slice(0, 8)}`);
    return negative ? -digits : digits;
  };
  const d = scaled(a) - scaled(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** A `Date` the calendar component hands back (local midnight) as `YYYY-MM-DD`. */
export function dateKey(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `YYYY-MM-DD` plus `days` (calendar arithmetic in UTC, so no DST can shift it). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/**
 * A campaign bound moved to another day, as the editor would type it: keeps the wall-clock time,
 * and stays a plain date when the bound is a whole day.
 */
export function movedBound(rfc3339: string, newDate: string, bound: "start" | "end"): string {
  const kept = boundForInput(rfc3339, bound);
  return kept.length === 10 ? newDate : `${newDate} ${kept.slice(11)}`;
}

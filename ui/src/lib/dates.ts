// Dates as the mall's office types and reads them. A date field holds a canonical value core
// reads (`2027-03-08`, `2027-03-08 18:30`) and shows it in the user's language (2027年3月8日,
// Mar 8, 2027); typed text is read in the common forms, the same ones core's `parse_local`
// reads (core/src/time.rs), so what is typed and what is saved agree.

import type { Lang } from "./bindings";

export type Typed = { date: string; time: string };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const pad = (n: number) => String(n).padStart(2, "0");

/** `YYYY-MM-DD` when y-m-d is a real day of a four-digit year, else null. */
export function isoDay(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || y < 1000 || y > 9999) return null;
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The next `m`-`d` on or after `today` (`YYYY-MM-DD`): "3月8日" typed in December is next March. */
export function nextDay(m: number, d: number, today: string): string | null {
  const year = Number(today.slice(0, 4));
  for (let ahead = 0; ahead <= 8; ahead++) {
    const day = isoDay(year + ahead, m, d);
    if (day && day >= today) return day;
  }
  return null;
}

function readTime(text: string): string | null {
  // Core gives times as RFC 3339 in the mall's zone (…T00:00:00+08:00): the wall time is what
  // the user reads and types, so the offset goes.
  const t = text.trim().replace(/(?:Z|[+-]\d{2}:?\d{2})$/, "");
  if (!t) return "";
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(t);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h < 24 && min < 60 ? `${pad(h)}:${pad(min)}` : null;
}

/**
 * Reads a typed date (and time): `2027-03-08`, `2027/3/8`, `2027.3.8`, `2027年3月8日`, `3月8日`
 * (the next such day from the mall's `today`), `Mar 8, 2027`, each optionally followed by
 * `18:30` (a full-width colon too). Null when it is none of these.
 */
export function readTyped(text: string, today: string): Typed | null {
  const t = text.trim().replace(/：/g, ":").replace(/\u3000/g, " ");
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(.*))?$/.exec(t);
  if (m) {
    const date = isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
    const time = readTime(m[4] ?? "");
    return date && time !== null ? { date, time } : null;
  }
  m = /^(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(.*))?$/.exec(t);
  if (m) {
    const date = nextDay(Number(m[1]), Number(m[2]), today);
    const time = readTime(m[3] ?? "");
    return date && time !== null ? { date, time } : null;
  }
  m = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s+(.*))?$/.exec(t);
  if (m) {
    const month = MONTHS.findIndex((x) => x.toLowerCase() === m![1].toLowerCase()) + 1;
    const date = month > 0 ? isoDay(Number(m[3]), month, Number(m[2])) : null;
    const time = readTime(m[4] ?? "");
    return date && time !== null ? { date, time } : null;
  }
  return null;
}

/** The value core reads: `2027-03-08` or `2027-03-08 18:30`. */
export function canonical(typed: Typed): string {
  return typed.time ? `${typed.date} ${typed.time}` : typed.date;
}

/** A value as the user reads it: 2027年3月8日 18:30 in Chinese, Mar 8, 2027 18:30 in English. */
export function showDate(value: string, lang: Lang): string {
  const typed = readTyped(value, "1000-01-01");
  if (!typed) return value;
  const [y, m, d] = typed.date.split("-").map(Number);
  const day = lang === "zh-CN" ? `${y}年${m}月${d}日` : `${MONTHS[m - 1]} ${d}, ${y}`;
  return typed.time ? `${day} ${typed.time}` : day;
}

/** Today in the IANA zone `zone` (the mall's), as `YYYY-MM-DD`. */
export function todayIn(zone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** `day` moved by `n` days (`YYYY-MM-DD`, calendar arithmetic, no time zone). */
export function shiftDay(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** The weeks (Monday first, as in China) that show month `month` (1–12) of `year`. */
export function monthWeeks(year: number, month: number): { day: string; inMonth: boolean }[][] {
  const first = `${year}-${pad(month)}-01`;
  const weekday = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7; // Monday = 0
  let day = shiftDay(first, -weekday);
  const weeks = [];
  do {
    const week = [];
    for (let i = 0; i < 7; i++) {
      week.push({ day, inMonth: Number(day.slice(5, 7)) === month });
      day = shiftDay(day, 1);
    }
    weeks.push(week);
  } while (Number(day.slice(5, 7)) === month);
  return weeks;
}

/** A month's title: 2027年3月, March 2027. */
export function monthTitle(year: number, month: number, lang: Lang): string {
  if (lang === "zh-CN") return `${year}年${month}月`;
  const names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  return `${names[month - 1]} ${year}`;
}

/** Weekday names from Monday. */
export function weekdayNames(lang: Lang): string[] {
  return lang === "zh-CN" ? ["一", "二", "三", "四", "五", "六", "日"] : ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
}

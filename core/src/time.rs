//! Time as people in the mall see it: every date or time typed or shown is in the mall's IANA
//! zone; storage holds UTC unix seconds.
//!
//! Campaign ends are inclusive: "ends on 2026-03-09" means through 23:59:59 of that day in the
//! mall's zone. Bills carry whole seconds, so an inclusive last second loses nothing.

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// How an input bound should be read when only a date is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// A date means the first second of that day.
    Start,
    /// A date means the last second of that day.
    End,
}

/// Why a time input could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeInputError {
    /// Not a date or date-time in a known format.
    Unreadable,
    /// A local time that the zone skips (a daylight-saving gap).
    Nonexistent,
}

/// A date as people type it, in the ISO form: `2027/3/8`, `2027.3.8` and `2027年3月8日` become
/// `2027-03-08`; a full-width colon or space in the time is read like its ASCII twin.
fn usual_form(text: &str) -> String {
    let text = text
        .trim()
        .replace('：', ":")
        .replace('\u{3000}', " ")
        .replace(['年', '月'], "-")
        .replace('日', " ");
    let text = text.trim();
    let (date, time) = text.split_once([' ', 'T']).unwrap_or((text, ""));
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let date = match parts.as_slice() {
        [y, m, d]
            if y.len() == 4 && !m.is_empty() && m.len() <= 2 && !d.is_empty() && d.len() <= 2 =>
        {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        _ => date.to_string(),
    };
    let time = time.trim();
    if time.is_empty() {
        date
    } else {
        format!("{date} {time}")
    }
}

/// A day written without its year, as in `3月8日` or `3月8日 10:00`, with the year filled in:
/// the next such day on or after `today` (the mall's today), so "3月8日" typed in December
/// means next March. Anything else comes back unchanged.
pub fn with_year(text: &str, today: NaiveDate) -> String {
    let trimmed = text.trim();
    let Some((month, rest)) = trimmed.split_once('月') else {
        return text.to_string();
    };
    let Some((day, time)) = rest.split_once('日') else {
        return text.to_string();
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(month) || !digits(day) {
        return text.to_string();
    }
    let (Ok(m), Ok(d)) = (month.parse::<u32>(), day.parse::<u32>()) else {
        return text.to_string();
    };
    // 2月29日 waits for the next leap year: at most eight years ahead (1896 → 1904).
    let next = (0..=8)
        .filter_map(|ahead| NaiveDate::from_ymd_opt(today.year() + ahead, m, d))
        .find(|date| *date >= today);
    match next {
        Some(date) => format!("{}{}", date.format("%Y-%m-%d "), time.trim())
            .trim()
            .to_string(),
        None => text.to_string(),
    }
}

/// Today in `zone`, by the system clock (the clock [`crate::api::Api`] uses).
pub fn today_in(zone: Tz) -> NaiveDate {
    Utc::now().with_timezone(&zone).date_naive()
}

/// A calendar day as people type it (`2027-03-08`, `2027/3/8`, `2027.3.8`, `2027年3月8日`, or
/// `3月8日`: the next March 8 from `today`).
pub fn parse_day_on(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&usual_form(&with_year(text, today)), "%Y-%m-%d")
        .ok()
        .filter(four_digit_year)
}

/// Years people mean have four digits: `0-3-8` or a widget's runaway `275760` are typos.
fn four_digit_year(date: &NaiveDate) -> bool {
    (1000..=9999).contains(&date.year())
}

/// [`parse_day_on`] with the system's today in Beijing time: for inputs that carry no mall
/// (statistics ranges; the mall's zone decides the year only around New Year's Eve).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    parse_day_on(text, today_in(chrono_tz::Asia::Shanghai))
}

/// Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]`, `YYYY-MM-DDTHH:MM[:SS]` (all in `zone`; the
/// date may also be written `2027/3/8`, `2027.3.8`, `2027年3月8日`, or `3月8日` for the next
/// March 8 from the mall's today) or an RFC 3339 instant with its own offset.
pub fn parse_local(text: &str, zone: Tz, bound: Bound) -> Result<DateTime<Utc>, TimeInputError> {
    parse_local_on(text, zone, bound, today_in(zone))
}

/// [`parse_local`] with the mall's today given, for a year-less `3月8日`.
pub fn parse_local_on(
    text: &str,
    zone: Tz,
    bound: Bound,
    today: NaiveDate,
) -> Result<DateTime<Utc>, TimeInputError> {
    if let Ok(instant) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(instant.with_timezone(&Utc));
    }
    let text = &usual_form(&with_year(text, today));
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Ok(instant.with_timezone(&Utc));
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        if !four_digit_year(&date) {
            return Err(TimeInputError::Unreadable);
        }
        return match bound {
            Bound::Start => start_of_day(date, zone),
            Bound::End => {
                let next = date.succ_opt().ok_or(TimeInputError::Unreadable)?;
                Ok(start_of_day(next, zone)? - chrono::Duration::seconds(1))
            }
        };
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            if !four_digit_year(&naive.date()) {
                return Err(TimeInputError::Unreadable);
            }
            return local_to_utc(naive, zone);
        }
    }
    Err(TimeInputError::Unreadable)
}

/// The first instant of `date` in `zone` (midnight, or the first valid time after a gap).
pub fn start_of_day(date: NaiveDate, zone: Tz) -> Result<DateTime<Utc>, TimeInputError> {
    let midnight = date.and_time(NaiveTime::MIN);
    match zone.from_local_datetime(&midnight) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        // A zone that skips midnight: the day starts when the gap ends, one hour later at most.
        LocalResult::None => local_to_utc(midnight + chrono::Duration::hours(1), zone),
    }
}

/// A local wall-clock time in `zone` as UTC; the earlier reading of an ambiguous time.
pub fn local_to_utc(naive: NaiveDateTime, zone: Tz) -> Result<DateTime<Utc>, TimeInputError> {
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(TimeInputError::Nonexistent),
    }
}

/// A stored instant (unix seconds) in the mall's zone.
pub fn local(ts: i64, zone: Tz) -> DateTime<Tz> {
    Utc.timestamp_opt(ts, 0)
        .single()
        .unwrap_or_else(|| Utc.timestamp_opt(0, 0).single().expect("epoch"))
        .with_timezone(&zone)
}

/// RFC 3339 with the zone's offset, e.g. `2026-03-08T00:00:00+08:00`.
pub fn rfc3339(ts: i64, zone: Tz) -> String {
    local(ts, zone).to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// The zone named by an IANA id such as `Asia/Shanghai`.
pub fn parse_zone(name: &str) -> Option<Tz> {
    name.trim().parse::<Tz>().ok()
}

/// How a stored bound (RFC 3339 in the mall's zone) reads in a form: the date alone when it is
/// the day's first second (a start) or last second (an end), else date and minute — what
/// `parse_local` reads back to the same instant.
pub fn bound_for_input(rfc3339: &str, bound: Bound) -> String {
    let date = rfc3339.get(..10).unwrap_or(rfc3339);
    let time = rfc3339.get(11..19).unwrap_or("");
    let whole_day = match bound {
        Bound::Start => time == "00:00:00",
        Bound::End => time == "23:59:59",
    };
    if whole_day {
        date.to_string()
    } else {
        format!("{date} {}", rfc3339.get(11..16).unwrap_or(""))
    }
}

/// Now, in whole seconds.
pub fn now_ts() -> i64 {
    Utc::now().timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHANGHAI: Tz = chrono_tz::Asia::Shanghai;

    fn ts(text: &str) -> i64 {
        DateTime::parse_from_rfc3339(text).unwrap().timestamp()
    }

    #[test]
    fn dates_are_read_as_people_type_them() {
        let iso = parse_local("2027-03-08", SHANGHAI, Bound::Start).unwrap();
        for typed in [
            "2027/3/8",
            "2027.3.8",
            "2027年3月8日",
            " 2027-3-8 ",
            "2027/03/08",
        ] {
            assert_eq!(
                parse_local(typed, SHANGHAI, Bound::Start),
                Ok(iso),
                "{typed}"
            );
        }
        let evening = parse_local("2027-03-08 18:30", SHANGHAI, Bound::Start).unwrap();
        for typed in ["2027/3/8 18:30", "2027年3月8日 18：30", "2027年3月8日18:30"] {
            assert_eq!(
                parse_local(typed, SHANGHAI, Bound::Start),
                Ok(evening),
                "{typed}"
            );
        }
        assert_eq!(
            parse_local("3/8/2027", SHANGHAI, Bound::Start),
            Err(TimeInputError::Unreadable)
        );
        assert_eq!(
            parse_local("2027/13/8", SHANGHAI, Bound::Start),
            Err(TimeInputError::Unreadable)
        );
    }

    #[test]
    fn a_day_without_its_year_is_the_next_such_day_in_the_malls_zone() {
        let december = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(parse_day_on("3月8日", december), Some(day(2027, 3, 8)));
        assert_eq!(parse_day_on(" 12月3日 ", december), Some(day(2026, 12, 3)));
        assert_eq!(parse_day_on("12月2日", december), Some(day(2027, 12, 2)));
        assert_eq!(parse_day_on("2月29日", december), Some(day(2028, 2, 29)));
        assert_eq!(parse_day_on("2月30日", december), None);
        // A year typed is kept, even a past one.
        assert_eq!(
            parse_day_on("2025年3月8日", december),
            Some(day(2025, 3, 8))
        );
        assert_eq!(with_year("3月8日 10：30", december), "2027-03-08 10：30");
        let at = parse_local_on("3月8日 10:30", SHANGHAI, Bound::Start, december).unwrap();
        assert_eq!(at.timestamp(), ts("2027-03-08T10:30:00+08:00"));
        let end = parse_local_on("3月9日", SHANGHAI, Bound::End, december).unwrap();
        assert_eq!(end.timestamp(), ts("2027-03-09T23:59:59+08:00"));
        assert_eq!(
            parse_local_on("月8日", SHANGHAI, Bound::Start, december),
            Err(TimeInputError::Unreadable)
        );
        // The mall's today decides: on 2027-03-08 local, 3月8日 is that very day.
        let march8 = parse_local_on("3月8日", SHANGHAI, Bound::Start, day(2027, 3, 8)).unwrap();
        assert_eq!(march8.timestamp(), ts("2027-03-08T00:00:00+08:00"));
    }

    #[test]
    fn years_beyond_four_digits_are_refused() {
        for typed in ["275760-03-08", "+275760-03-08T10:00", "20270-3-8", "0-3-8"] {
            assert_eq!(
                parse_local(typed, SHANGHAI, Bound::Start),
                Err(TimeInputError::Unreadable),
                "{typed}"
            );
        }
    }

    #[test]
    fn a_date_end_covers_the_whole_local_day() {
        let end = parse_local("2026-03-09", SHANGHAI, Bound::End).unwrap();
        assert_eq!(end.timestamp(), ts("2026-03-09T23:59:59+08:00"));
        assert_eq!(
            rfc3339(end.timestamp(), SHANGHAI),
            "2026-03-09T23:59:59+08:00"
        );
    }

    #[test]
    fn a_date_start_is_local_midnight() {
        let start = parse_local("2026-03-08", SHANGHAI, Bound::Start).unwrap();
        assert_eq!(start.timestamp(), ts("2026-03-07T16:00:00Z"));
    }

    #[test]
    fn date_times_and_offsets_are_read() {
        let a = parse_local("2026-03-08 10:30", SHANGHAI, Bound::Start).unwrap();
        let b = parse_local("2026-03-08T10:30:00", SHANGHAI, Bound::Start).unwrap();
        let c = parse_local("2026-03-08T02:30:00Z", SHANGHAI, Bound::Start).unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(
            parse_local("March 8", SHANGHAI, Bound::Start),
            Err(TimeInputError::Unreadable)
        );
        assert_eq!(
            parse_local("2026-02-30", SHANGHAI, Bound::Start),
            Err(TimeInputError::Unreadable)
        );
    }

    #[test]
    fn daylight_saving_gaps_are_refused_and_days_still_end() {
        let ny: Tz = chrono_tz::America::New_York;
        assert_eq!(
            parse_local("2026-03-08 02:30", ny, Bound::Start),
            Err(TimeInputError::Nonexistent)
        );
        // 2026-03-08 is 23 hours long in New York; its last second is still 23:59:59 local.
        let end = parse_local("2026-03-08", ny, Bound::End).unwrap();
        assert_eq!(rfc3339(end.timestamp(), ny), "2026-03-08T23:59:59-04:00");
    }

    #[test]
    fn zones_are_parsed_by_iana_name() {
        assert_eq!(parse_zone("Asia/Shanghai"), Some(SHANGHAI));
        assert_eq!(parse_zone("Mars/Olympus"), None);
    }
}

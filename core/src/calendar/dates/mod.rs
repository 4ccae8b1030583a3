//! When each festival falls in a given Gregorian year.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;
use ts_rs::TS;
use tyme4rs::tyme::lunar::LunarDay;
use tyme4rs::tyme::solar::SolarTerm;

use super::{festival_by_id, CalendarError, Festival, FestivalKind, FESTIVALS};

/// The calendar covers what the lunar library and retail planning need.
pub const FIRST_YEAR: i32 = 1901;
pub const LAST_YEAR: i32 = 2100;

/// A festival on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FestivalDay {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub kind: FestivalKind,
    /// `YYYY-MM-DD`.
    #[ts(type = "string")]
    pub date: NaiveDate,
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The `n`th `weekday` of a month (n from 1).
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n as u8)
}

/// The Gregorian date of a lunar day; `None` outside the library's range.
fn lunar(lunar_year: i32, month: i64, day: usize) -> Option<NaiveDate> {
    let d = LunarDay::new(lunar_year as isize, month as isize, day).ok()?;
    let s = d.get_solar_day();
    ymd(
        s.get_year() as i32,
        s.get_month() as u32,
        s.get_day() as u32,
    )
}

fn qingming(year: i32) -> Option<NaiveDate> {
    let s = SolarTerm::from_name(year as isize, "清明").get_solar_day();
    ymd(
        s.get_year() as i32,
        s.get_month() as u32,
        s.get_day() as u32,
    )
}

/// The festival's date in a festival year: for lunar festivals the lunar year, whose day may
/// fall in the next Gregorian year (腊八 of lunar 2026 is in January 2027).
fn in_festival_year(f: &Festival, year: i32) -> Option<NaiveDate> {
    match f.id {
        "new-year" => ymd(year, 1, 1),
        "valentines" => ymd(year, 2, 14),
        "womens-day" => ymd(year, 3, 8),
        "consumer-day" => ymd(year, 3, 15),
        "labour-day" => ymd(year, 5, 1),
        "520" => ymd(year, 5, 20),
        "618" => ymd(year, 6, 18),
        "national-day" => ymd(year, 10, 1),
        "double-11" => ymd(year, 11, 11),
        "double-12" => ymd(year, 12, 12),
        "christmas" => ymd(year, 12, 25),
        "mothers-day" => nth_weekday(year, 5, Weekday::Sun, 2),
        "fathers-day" => nth_weekday(year, 6, Weekday::Sun, 3),
        "qingming" => qingming(year),
        "spring-festival" => lunar(year, 1, 1),
        "new-years-eve" => lunar(year, 1, 1).map(|d| d - Duration::days(1)),
        "lantern" => lunar(year, 1, 15),
        "dragon-boat" => lunar(year, 5, 5),
        "qixi" => lunar(year, 7, 7),
        "mid-autumn" => lunar(year, 8, 15),
        "double-ninth" => lunar(year, 9, 9),
        "laba" => lunar(year, 12, 8),
        _ => None,
    }
}

fn check_year(year: i32) -> Result<(), CalendarError> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(CalendarError::YearOutOfRange(year))
    }
}

fn day(f: &Festival, date: NaiveDate) -> FestivalDay {
    FestivalDay {
        id: f.id.to_string(),
        name_zh: f.name_zh.to_string(),
        name_en: f.name_en.to_string(),
        kind: f.kind,
        date,
    }
}

/// Every festival occurrence whose date falls in Gregorian `year`, by date.
pub fn festival_days(year: i32) -> Result<Vec<FestivalDay>, CalendarError> {
    check_year(year)?;
    let mut days: Vec<FestivalDay> = FESTIVALS
        .iter()
        .flat_map(|f| {
            // A lunar festival of the previous lunar year can land in January of this one.
            [year - 1, year]
                .into_iter()
                .filter_map(|y| in_festival_year(f, y))
                .filter(|d| d.year() == year)
                .map(|d| day(f, d))
                .collect::<Vec<_>>()
        })
        .collect();
    days.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    days.dedup();
    Ok(days)
}

/// The festival's date in Gregorian `year` (the first, if a lunar one falls twice).
pub fn date_of(id: &str, year: i32) -> Result<NaiveDate, CalendarError> {
    let f = festival_by_id(id).ok_or_else(|| CalendarError::UnknownFestival(id.to_string()))?;
    check_year(year)?;
    [year - 1, year, year + 1]
        .into_iter()
        .filter_map(|y| in_festival_year(f, y))
        .find(|d| d.year() == year)
        .ok_or(CalendarError::YearOutOfRange(year))
}

/// The festival's occurrence nearest to `around` (used to move a campaign to "the same festival
/// next year", where a lunar festival can cross into another Gregorian year).
pub fn nearest_occurrence(id: &str, around: NaiveDate) -> Result<NaiveDate, CalendarError> {
    let f = festival_by_id(id).ok_or_else(|| CalendarError::UnknownFestival(id.to_string()))?;
    check_year(around.year())?;
    (around.year() - 1..=around.year() + 1)
        .filter_map(|y| in_festival_year(f, y))
        .min_by_key(|d| (*d - around).num_days().abs())
        .ok_or(CalendarError::YearOutOfRange(around.year()))
}

/// The default campaign window around a festival day: from two days before through the day
/// after (3.8 → 3-6 … 3-9), the span malls in the demo data run.
pub fn default_window(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    (date - Duration::days(2), date + Duration::days(1))
}

#[cfg(test)]
mod tests;

//! The retail festival catalog: the days a mall's marketing year is planned around.
//!
//! A campaign may carry one festival tag (its `id`); the tag is how "the same festival last
//! year" is found for comparisons and how a campaign is cloned onto next year.
//!
//! Dates are computed for any year 1901–2100: fixed days, weekday rules, and lunar days and the
//! 清明 solar term through the `tyme4rs` calendar library (no hand-written lunar table).

mod dates;

use serde::Serialize;
use ts_rs::TS;

pub use dates::{
    date_of, default_window, festival_days, nearest_occurrence, FestivalDay, FIRST_YEAR, LAST_YEAR,
};

use crate::text::Localized;

/// Errors of the festival calendar.
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    #[error("year {0} is outside the festival calendar; use a year from 1901 to 2100")]
    YearOutOfRange(i32),
    #[error("festival '{0}' is not in the festival calendar; choose one from the calendar's list")]
    UnknownFestival(String),
}

impl CalendarError {
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::YearOutOfRange(_) => "calendar.year_out_of_range",
            CalendarError::UnknownFestival(_) => "calendar.unknown_festival",
        }
    }

    pub fn localized(&self) -> Localized {
        let zh = match self {
            CalendarError::YearOutOfRange(y) => {
                format!("年份 {y} 超出节日日历范围；请使用 1901 到 2100 之间的年份")
            }
            CalendarError::UnknownFestival(f) => {
                format!("节日“{f}”不在节日目录中；请从节日列表中选择")
            }
        };
        Localized::new(self.to_string(), zh)
    }
}

/// How a festival's date is found each year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum FestivalKind {
    /// The same Gregorian month and day every year.
    Fixed,
    /// A day of the Chinese lunisolar calendar.
    Lunar,
    /// A weekday rule such as "second Sunday of May".
    Rule,
    /// A solar term (节气).
    SolarTerm,
}

/// A festival of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Festival {
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub kind: FestivalKind,
}

const fn festival(
    id: &'static str,
    name_zh: &'static str,
    name_en: &'static str,
    kind: FestivalKind,
) -> Festival {
    Festival {
        id,
        name_zh,
        name_en,
        kind,
    }
}

use FestivalKind::{Fixed, Lunar, Rule, SolarTerm};

/// Every festival PromoDesk knows, in calendar order of a typical year.
pub const FESTIVALS: &[Festival] = &[
    festival("new-year", "元旦", "New Year's Day", Fixed),
    festival("new-years-eve", "除夕", "Chinese New Year's Eve", Lunar),
    festival("spring-festival", "春节", "Spring Festival", Lunar),
    festival("valentines", "情人节", "Valentine's Day", Fixed),
    festival("lantern", "元宵节", "Lantern Festival", Lunar),
    festival("womens-day", "3.8 女神节", "Women's Day (3.8)", Fixed),
    festival(
        "consumer-day",
        "3.15 消费者权益日",
        "Consumer Rights Day",
        Fixed,
    ),
    festival("qingming", "清明", "Qingming", SolarTerm),
    festival("labour-day", "五一劳动节", "Labour Day", Fixed),
    festival("mothers-day", "母亲节", "Mother's Day", Rule),
    festival("520", "5.20", "5.20 Love Day", Fixed),
    festival("dragon-boat", "端午节", "Dragon Boat Festival", Lunar),
    festival("618", "6.18", "6.18 Shopping Festival", Fixed),
    festival("fathers-day", "父亲节", "Father's Day", Rule),
    festival("qixi", "七夕", "Qixi", Lunar),
    festival("mid-autumn", "中秋节", "Mid-Autumn Festival", Lunar),
    festival("national-day", "国庆节", "National Day", Fixed),
    festival("double-ninth", "重阳节", "Double Ninth Festival", Lunar),
    festival("double-11", "双11", "Double 11", Fixed),
    festival("double-12", "双12", "Double 12", Fixed),
    festival("christmas", "圣诞节", "Christmas", Fixed),
    festival("laba", "腊八节", "Laba Festival", Lunar),
];

/// The festival with this id.
pub fn festival_by_id(id: &str) -> Option<&'static Festival> {
    FESTIVALS.iter().find(|f| f.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_womens_day_is_known() {
        let mut ids: Vec<_> = FESTIVALS.iter().map(|f| f.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), FESTIVALS.len());
        assert_eq!(festival_by_id("womens-day").unwrap().name_zh, "3.8 女神节");
        assert!(festival_by_id("black-friday").is_none());
    }
}

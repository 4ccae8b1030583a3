//! Festival dates checked against published calendars (the Chinese government's holiday
//! notices and Hong Kong Observatory's Gregorian–lunar tables), not against the library itself.

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn on(year: i32, id: &str) -> Vec<NaiveDate> {
    festival_days(year)
        .unwrap()
        .into_iter()
        .filter(|f| f.id == id)
        .map(|f| f.date)
        .collect()
}

#[test]
fn spring_festival_and_mid_autumn_in_2027() {
    assert_eq!(on(2027, "spring-festival"), [d("2027-02-06")]);
    assert_eq!(on(2027, "mid-autumn"), [d("2027-09-15")]);
    assert_eq!(on(2027, "new-years-eve"), [d("2027-02-05")]);
}

#[test]
fn lunar_festivals_across_several_years() {
    let cases = [
        ("spring-festival", "1950-02-17"),
        ("spring-festival", "2000-02-05"),
        ("spring-festival", "2024-02-10"),
        ("spring-festival", "2025-01-29"),
        ("spring-festival", "2026-02-17"),
        ("spring-festival", "2028-01-26"),
        ("new-years-eve", "2025-01-28"),
        ("new-years-eve", "2026-02-16"),
        ("lantern", "2025-02-12"),
        ("lantern", "2026-03-03"),
        ("dragon-boat", "2024-06-10"),
        ("dragon-boat", "2025-05-31"),
        ("dragon-boat", "2026-06-19"),
        ("qixi", "2025-08-29"),
        ("qixi", "2026-08-19"),
        ("mid-autumn", "2024-09-17"),
        ("mid-autumn", "2025-10-06"),
        ("mid-autumn", "2026-09-25"),
        ("double-ninth", "2025-10-29"),
        ("qingming", "2024-04-04"),
        ("qingming", "2025-04-04"),
        ("qingming", "2026-04-05"),
        ("qingming", "2027-04-05"),
    ];
    for (id, date) in cases {
        let date = d(date);
        assert!(
            on(date.year(), id).contains(&date),
            "{id} {date}: {:?}",
            on(date.year(), id)
        );
    }
}

#[test]
fn laba_of_the_previous_lunar_year_falls_in_january() {
    assert_eq!(on(2025, "laba"), [d("2025-01-07")]);
    assert_eq!(on(2026, "laba"), [d("2026-01-26")]);
}

#[test]
fn fixed_and_rule_festivals() {
    let days = festival_days(2027).unwrap();
    let date = |id: &str| days.iter().find(|f| f.id == id).unwrap().date;
    assert_eq!(date("womens-day"), d("2027-03-08"));
    assert_eq!(date("double-11"), d("2027-11-11"));
    assert_eq!(date("mothers-day"), d("2027-05-09"));
    assert_eq!(date("fathers-day"), d("2027-06-20"));
    assert_eq!(date("520"), d("2027-05-20"));
    assert!(
        days.windows(2).all(|w| w[0].date <= w[1].date),
        "sorted by date"
    );
    assert!(days.iter().all(|f| f.date.year() == 2027));
}

#[test]
fn the_whole_range_is_covered_and_outside_is_refused() {
    for year in [FIRST_YEAR, 1984, 2100] {
        let days = festival_days(year).unwrap();
        assert!(days.iter().any(|f| f.id == "mid-autumn"), "{year}");
        assert!(days.iter().any(|f| f.id == "qingming"), "{year}");
    }
    assert!(matches!(
        festival_days(1900),
        Err(CalendarError::YearOutOfRange(1900))
    ));
    assert!(matches!(
        festival_days(2101),
        Err(CalendarError::YearOutOfRange(2101))
    ));
}

#[test]
fn nearest_occurrence_moves_lunar_festivals() {
    // Spring festival 2026-02-17; a year later it is 2027-02-06, not 2027-02-17.
    let next = nearest_occurrence("spring-festival", d("2027-02-17")).unwrap();
    assert_eq!(next, d("2027-02-06"));
    assert_eq!(date_of("mid-autumn", 2027).unwrap(), d("2027-09-15"));
    assert!(date_of("black-friday", 2027).is_err());
}

#[test]
fn default_window_spans_two_days_before_to_the_day_after() {
    assert_eq!(
        default_window(d("2027-03-08")),
        (d("2027-03-06"), d("2027-03-09"))
    );
}

//! Civil time in Finland (Europe/Helsinki) without a time-zone database:
//! UTC+2, and UTC+3 from the last Sunday of March 01:00 UTC to the last
//! Sunday of October 01:00 UTC (the EU rule, in force since 1996).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let first_of_next =
        if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) }
            .expect("valid month");
    let mut day = first_of_next - Duration::days(1);
    while day.weekday() != Weekday::Sun {
        day -= Duration::days(1);
    }
    day
}

/// The offset from UTC, in hours, at the instant `t`.
pub fn helsinki_offset_hours(t: DateTime<Utc>) -> i64 {
    let year = t.year();
    let at_one = |d: NaiveDate| Utc.from_utc_datetime(&d.and_hms_opt(1, 0, 0).expect("valid time"));
    let summer_starts = at_one(last_sunday(year, 3));
    let summer_ends = at_one(last_sunday(year, 10));
    if t >= summer_starts && t < summer_ends {
        3
    } else {
        2
    }
}

/// The local date and time in Helsinki at the instant `t`.
pub fn helsinki_local(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc() + Duration::hours(helsinki_offset_hours(t))
}

/// The instant a Helsinki calendar day begins.
pub fn helsinki_midnight(day: chrono::NaiveDate) -> DateTime<Utc> {
    let naive = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    // The offset at that midnight: try the winter offset, correct if summer.
    let guess = naive.and_utc() - Duration::hours(2);
    naive.and_utc() - Duration::hours(helsinki_offset_hours(guess))
}

/// The instant of a Helsinki wall-clock time: in the hour the clocks go
/// back, the earlier (summer) one; a time the clocks skip in spring is
/// taken as winter time.
pub fn helsinki_instant(local: NaiveDateTime) -> DateTime<Utc> {
    [3, 2]
        .into_iter()
        .map(|offset| (offset, local.and_utc() - Duration::hours(offset)))
        .find(|(offset, t)| helsinki_offset_hours(*t) == *offset)
        .map_or(local.and_utc() - Duration::hours(2), |(_, t)| t)
}

/// The calendar date in Helsinki at instant `t` ("today" for the rules).
pub fn helsinki_today(t: DateTime<Utc>) -> chrono::NaiveDate {
    helsinki_local(t).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helsinki_midnight_is_the_start_of_the_local_day() {
        let d = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(helsinki_midnight(d), utc(2027, 2, 28, 22, 0));
        let summer = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert_eq!(helsinki_midnight(summer), utc(2026, 6, 30, 21, 0));
        assert_eq!(helsinki_today(helsinki_midnight(d)), d);
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn winter_is_utc_plus_two_and_summer_utc_plus_three() {
        assert_eq!(helsinki_offset_hours(utc(2026, 1, 15, 12, 0)), 2);
        assert_eq!(helsinki_offset_hours(utc(2026, 7, 15, 12, 0)), 3);
    }

    #[test]
    fn the_switches_happen_at_one_utc_on_the_last_sundays() {
        // 2026: 29 March and 25 October.
        assert_eq!(helsinki_offset_hours(utc(2026, 3, 29, 0, 59)), 2);
        assert_eq!(helsinki_offset_hours(utc(2026, 3, 29, 1, 0)), 3);
        assert_eq!(helsinki_offset_hours(utc(2026, 10, 25, 0, 59)), 3);
        assert_eq!(helsinki_offset_hours(utc(2026, 10, 25, 1, 0)), 2);
    }

    #[test]
    fn a_helsinki_wall_clock_time_is_its_instant_in_either_season() {
        let local = |y, m, d, h| NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, 15, 0).unwrap();
        assert_eq!(helsinki_instant(local(2026, 1, 15, 8)), utc(2026, 1, 15, 6, 15));
        assert_eq!(helsinki_instant(local(2026, 7, 15, 8)), utc(2026, 7, 15, 5, 15));
        for t in [utc(2026, 3, 29, 4, 15), utc(2026, 10, 25, 3, 15), utc(2026, 12, 5, 21, 15)] {
            assert_eq!(helsinki_instant(helsinki_local(t)), t);
        }
    }

    #[test]
    fn late_evening_utc_is_already_the_next_day_in_helsinki() {
        let local = helsinki_local(utc(2026, 11, 23, 22, 30));
        assert_eq!(local.date(), NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    }
}

//! Laboratory results over time (DOMAIN.md §8): one test's values as a
//! series, where each stands against the reference range, and the geometry
//! of its chart. Pure: the page draws the chart as server-rendered SVG from
//! [`chart`], so the browser needs no script and no chart library.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A laboratory test's code as laboratories print it (`P -Krea`,
/// `B -HbA1c`, `fP -Kol-LDL`): the specimen (ASCII letters), one space, then
/// `-` and the test's name (ASCII letters, digits and `-`); 32 bytes at most.
pub fn parse_test_code(s: &str) -> Option<&str> {
    let (specimen, name) = s.split_once(" -")?;
    let ok = s.len() <= 32
        && !specimen.is_empty()
        && specimen.bytes().all(|b| b.is_ascii_alphabetic())
        && name.bytes().any(|b| b.is_ascii_alphanumeric())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    ok.then_some(s)
}

/// The range a healthy adult's value usually lies in; either end may be open
/// (LDL cholesterol has only an upper limit).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReferenceRange {
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// Where a value stands against the reference range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RangePosition {
    Below,
    Within,
    Above,
}

impl ReferenceRange {
    pub fn position(&self, value: f64) -> RangePosition {
        match (self.low, self.high) {
            (Some(low), _) if value < low => RangePosition::Below,
            (_, Some(high)) if value > high => RangePosition::Above,
            _ => RangePosition::Within,
        }
    }
}

/// One result of a test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabResult {
    pub recorded_on: NaiveDate,
    pub value: f64,
}

/// Which way the last values went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Trend {
    Rising,
    Falling,
    Steady,
}

/// How many of the last results a trend compares.
pub const TREND_RESULTS: usize = 3;

/// The trend of the last [`TREND_RESULTS`] results (oldest first): rising or
/// falling when the newest differs from the first of them by 5 % or more,
/// else steady; `None` with fewer than two results.
pub fn trend(results: &[LabResult]) -> Option<Trend> {
    let last = &results[results.len().saturating_sub(TREND_RESULTS)..];
    let (first, newest) = (last.first()?.value, last.get(1).and(last.last())?.value);
    let change = (newest - first) / first.abs().max(f64::EPSILON);
    Some(if change >= 0.05 {
        Trend::Rising
    } else if change <= -0.05 {
        Trend::Falling
    } else {
        Trend::Steady
    })
}

/// A point of the chart, in the SVG's user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartPoint {
    pub x: f64,
    pub y: f64,
    pub position: RangePosition,
}

/// What the chart draws, in user units of a `width` × `height` view box.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    /// The plot area: left, top, right, bottom.
    pub plot: (f64, f64, f64, f64),
    /// The reference range as a band: its top and bottom (open ends reach
    /// the plot's edge); none without a range.
    pub band: Option<(f64, f64)>,
    pub points: Vec<ChartPoint>,
    /// The first of January of each labelled year, and the year.
    pub x_ticks: Vec<(f64, i32)>,
    /// Round values on the value axis, and where they are.
    pub y_ticks: Vec<(f64, f64)>,
}

/// The chart's view box. It is drawn at the column's width (at most 40rem):
/// about 0.75 of its size on a phone, so its 13-unit labels stay near 10 px
/// there and near 17 px on a desktop; the table beside it holds every value
/// in text.
pub const CHART_WIDTH: f64 = 480.0;
pub const CHART_HEIGHT: f64 = 300.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 28.0;

/// A "nice" step near `raw`: 1, 2 or 5 times a power of ten.
fn nice_step(raw: f64) -> f64 {
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// The chart of results (oldest first) against `reference`; `None` without
/// results. The value axis spans the values and the range's closed ends,
/// widened to round ticks; the time axis spans the first to the last result
/// (a single day is widened to a year around it).
pub fn chart(results: &[LabResult], reference: ReferenceRange) -> Option<Chart> {
    let first = results.iter().map(|r| r.recorded_on).min()?;
    let last = results.iter().map(|r| r.recorded_on).max()?;
    let (first, last) = if first == last {
        (first - chrono::Duration::days(183), last + chrono::Duration::days(183))
    } else {
        (first, last)
    };
    let bounds = results.iter().map(|r| r.value).chain(reference.low).chain(reference.high);
    let (lo, hi) = bounds.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let spread = if hi > lo { hi - lo } else { hi.abs().max(1.0) };
    let step = nice_step(spread / 5.0);
    let (y_min, y_max) = ((lo / step).floor() * step, (hi / step).ceil() * step);
    let (y_min, y_max) = if y_max > y_min { (y_min, y_max) } else { (y_min - step, y_max + step) };

    let (left, top, right, bottom) = (LEFT, TOP, CHART_WIDTH - RIGHT, CHART_HEIGHT - BOTTOM);
    let days = (last - first).num_days() as f64;
    let x_of = |d: NaiveDate| left + (d - first).num_days() as f64 / days * (right - left);
    let y_of = |v: f64| bottom - (v - y_min) / (y_max - y_min) * (bottom - top);

    let points = results
        .iter()
        .map(|r| ChartPoint { x: x_of(r.recorded_on), y: y_of(r.value), position: reference.position(r.value) })
        .collect();
    let band = (reference.low.is_some() || reference.high.is_some())
        .then(|| (reference.high.map_or(top, y_of), reference.low.map_or(bottom, y_of)));
    let years: Vec<i32> = ((first.year() + 1)..=last.year()).collect();
    let every = years.len().div_ceil(6).max(1);
    let x_ticks = years
        .iter()
        .filter(|y| ((*y - years[0]) as usize).is_multiple_of(every))
        .filter_map(|y| NaiveDate::from_ymd_opt(*y, 1, 1).map(|d| (x_of(d), *y)))
        .collect();
    let ticks = ((y_max - y_min) / step).round() as usize;
    let y_ticks = (0..=ticks).map(|i| y_min + i as f64 * step).map(|v| (y_of(v), v)).collect();
    Some(Chart {
        width: CHART_WIDTH,
        height: CHART_HEIGHT,
        plot: (left, top, right, bottom),
        band,
        points,
        x_ticks,
        y_ticks,
    })
}

/// The chart's line through its points, as an SVG `points` attribute.
pub fn polyline(chart: &Chart) -> String {
    chart.points.iter().map(|p| format!("{:.1},{:.1}", p.x, p.y)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {

    fn series(values: &[f64]) -> Vec<LabResult> {
        let day = |i: usize| NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(i as u64 * 30);
        values.iter().enumerate().map(|(i, v)| LabResult { recorded_on: day(i), value: *v }).collect()
    }

    #[test]
    fn the_trend_compares_the_last_three_values_and_ignores_changes_under_five_percent() {
        assert_eq!(trend(&series(&[])), None);
        assert_eq!(trend(&series(&[80.0])), None);
        assert_eq!(trend(&series(&[80.0, 84.0])), Some(Trend::Rising));
        assert_eq!(trend(&series(&[80.0, 83.0])), Some(Trend::Steady));
        // Only the last three count: an old low value does not make a rise.
        assert_eq!(trend(&series(&[40.0, 90.0, 95.0, 91.0])), Some(Trend::Steady));
        assert_eq!(trend(&series(&[120.0, 110.0, 95.0])), Some(Trend::Falling));
        assert_eq!(trend(&series(&[0.0, 0.0])), Some(Trend::Steady));
    }

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn r(on: NaiveDate, value: f64) -> LabResult {
        LabResult { recorded_on: on, value }
    }

    const KREA: ReferenceRange = ReferenceRange { low: Some(50.0), high: Some(90.0) };

    #[test]
    fn test_codes_are_written_as_laboratories_print_them() {
        for good in ["P -Krea", "B -HbA1c", "fP -Kol-LDL", "B -Hb", "P -TSH"] {
            assert_eq!(parse_test_code(good), Some(good));
        }
        let long = format!("P -{}", "x".repeat(30));
        for bad in ["", "P-Krea", "P Krea", "P  -Krea", " -Krea", "P -", "P -Krea'; --", "../x", "P -Kr ea", &long] {
            assert_eq!(parse_test_code(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_value_stands_below_within_or_above_the_range() {
        assert_eq!(KREA.position(49.9), RangePosition::Below);
        assert_eq!(KREA.position(50.0), RangePosition::Within, "the limits belong to the range");
        assert_eq!(KREA.position(90.0), RangePosition::Within);
        assert_eq!(KREA.position(91.0), RangePosition::Above);
        let ldl = ReferenceRange { low: None, high: Some(3.0) };
        assert_eq!(ldl.position(0.1), RangePosition::Within, "no lower limit");
        assert_eq!(ldl.position(3.1), RangePosition::Above);
    }

    #[test]
    fn points_follow_time_left_to_right_and_value_bottom_to_top() {
        let c = chart(&[r(d(2016, 1, 1), 60.0), r(d(2021, 1, 1), 95.0), r(d(2026, 1, 1), 80.0)], KREA).unwrap();
        let (left, top, right, bottom) = c.plot;
        assert_eq!(c.points[0].x, left);
        assert_eq!(c.points[2].x, right);
        assert!((c.points[1].x - (left + right) / 2.0).abs() < 1.0, "halfway in time is halfway across");
        assert!(c.points[1].y < c.points[2].y && c.points[2].y < c.points[0].y, "higher values are higher up");
        assert!(c.points.iter().all(|p| p.y >= top && p.y <= bottom));
        assert_eq!(c.points[1].position, RangePosition::Above);
        // The band: 90 above 50, inside the plot.
        let (band_top, band_bottom) = c.band.unwrap();
        assert!(top <= band_top && band_top < band_bottom && band_bottom <= bottom);
    }

    #[test]
    fn the_value_axis_has_round_ticks_covering_values_and_range() {
        let c = chart(&[r(d(2020, 1, 1), 61.0), r(d(2022, 1, 1), 97.0)], KREA).unwrap();
        let values: Vec<f64> = c.y_ticks.iter().map(|(_, v)| *v).collect();
        assert_eq!(values.first(), Some(&50.0));
        assert_eq!(values.last(), Some(&100.0));
        assert!(values.windows(2).all(|w| w[1] - w[0] == 10.0), "{values:?}");
        let ldl = ReferenceRange { low: None, high: Some(3.0) };
        let c = chart(&[r(d(2020, 1, 1), 2.4), r(d(2022, 1, 1), 3.8)], ldl).unwrap();
        let values: Vec<f64> = c.y_ticks.iter().map(|(_, v)| *v).collect();
        assert!(values[0] <= 2.4 && *values.last().unwrap() >= 3.8, "{values:?}");
        let (band_top, band_bottom) = c.band.unwrap();
        assert_eq!(band_bottom, c.plot.3, "an open lower end reaches the plot's bottom");
        assert!(band_top > c.plot.1);
    }

    #[test]
    fn ten_years_get_at_most_six_year_labels_and_one_day_still_draws() {
        let c = chart(&[r(d(2016, 3, 1), 60.0), r(d(2026, 11, 1), 80.0)], KREA).unwrap();
        assert!(c.x_ticks.len() <= 6 && c.x_ticks.len() >= 4, "{:?}", c.x_ticks);
        assert_eq!(c.x_ticks[0].1, 2017);
        let one = chart(&[r(d(2026, 11, 1), 80.0)], KREA).unwrap();
        assert!(one.points[0].x > one.plot.0 && one.points[0].x < one.plot.2, "a single result sits inside");
        assert_eq!(chart(&[], KREA), None);
        let c =
            chart(&[r(d(2020, 1, 1), 5.0), r(d(2021, 1, 1), 5.0)], ReferenceRange { low: None, high: None }).unwrap();
        assert!(c.band.is_none() && c.y_ticks.len() >= 2, "a flat series without a range still has an axis");
    }
}

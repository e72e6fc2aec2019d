use super::*;
use chrono::TimeZone;

fn typed(kind: &str, systolic: &str, diastolic: &str, pulse: &str, value: &str) -> Typed {
    Typed {
        kind: kind.into(),
        systolic: systolic.into(),
        diastolic: diastolic.into(),
        pulse: pulse.into(),
        value: value.into(),
        ..Typed::default()
    }
}

fn bp(s: &str, d: &str, p: &str) -> Result<Reading, WellbeingError> {
    parse_reading(&typed("blood_pressure", s, d, p, ""))
}

#[test]
fn a_blood_pressure_reads_whole_mmhg_with_an_optional_pulse() {
    assert_eq!(bp("142", "88", "71"), Ok(Reading::BloodPressure { systolic: 142, diastolic: 88, pulse: Some(71) }));
    assert_eq!(bp(" 128 ", "79", ""), Ok(Reading::BloodPressure { systolic: 128, diastolic: 79, pulse: None }));
}

#[test]
fn a_blood_pressure_out_of_what_a_body_measures_or_upside_down_is_refused() {
    use WellbeingError::*;
    assert_eq!(bp("", "88", ""), Err(NotANumber(Field::Systolic)));
    assert_eq!(bp("abc", "88", ""), Err(NotANumber(Field::Systolic)));
    assert_eq!(bp("142.5", "88", ""), Err(NotANumber(Field::Systolic)), "mmHg are whole");
    assert_eq!(bp("1e3", "88", ""), Err(NotANumber(Field::Systolic)));
    assert_eq!(bp("-120", "80", ""), Err(NotANumber(Field::Systolic)));
    assert_eq!(bp("NaN", "80", ""), Err(NotANumber(Field::Systolic)));
    assert_eq!(bp("400", "88", ""), Err(OutOfRange(Field::Systolic)));
    assert_eq!(bp("49", "30", ""), Err(OutOfRange(Field::Systolic)));
    assert_eq!(bp("140", "20", ""), Err(OutOfRange(Field::Diastolic)));
    assert_eq!(bp("140", "90", "300"), Err(OutOfRange(Field::Pulse)));
    assert_eq!(bp("90", "120", ""), Err(DiastolicNotBelowSystolic));
    assert_eq!(bp("120", "120", ""), Err(DiastolicNotBelowSystolic));
    assert_eq!(bp(&"9".repeat(10_000), "80", ""), Err(NotANumber(Field::Systolic)));
}

#[test]
fn weight_and_glucose_take_one_decimal_with_a_comma_or_a_point() {
    let weight = |v| parse_reading(&typed("weight", "", "", "", v));
    let glucose = |v| parse_reading(&typed("blood_glucose", "", "", "", v));
    assert_eq!(weight("72,4"), Ok(Reading::Weight { tenths: 724 }));
    assert_eq!(weight("72.4"), Ok(Reading::Weight { tenths: 724 }));
    assert_eq!(weight("80"), Ok(Reading::Weight { tenths: 800 }));
    assert_eq!(glucose("6,1"), Ok(Reading::BloodGlucose { tenths: 61 }));
    assert_eq!(weight("72,45"), Err(WellbeingError::NotANumber(Field::Weight)));
    assert_eq!(weight("7,2,4"), Err(WellbeingError::NotANumber(Field::Weight)));
    assert_eq!(weight("0,4"), Err(WellbeingError::OutOfRange(Field::Weight)));
    assert_eq!(glucose("60"), Err(WellbeingError::OutOfRange(Field::Glucose)));
    assert_eq!(glucose(","), Err(WellbeingError::NotANumber(Field::Glucose)));
    assert_eq!(parse_reading(&typed("temperature", "", "", "", "37")), Err(WellbeingError::Kind));
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 5, 10, 0, 0).unwrap()
}

fn born() -> NaiveDate {
    NaiveDate::from_ymd_opt(1955, 10, 27).unwrap()
}

#[test]
fn the_time_is_a_helsinki_time_not_in_the_future_nor_before_birth() {
    let day = |s| crate::api::filters::parse_typed_date(s);
    assert_eq!(
        parse_measured_at(day("2026-12-05"), "07:30", born(), now()),
        Ok(Utc.with_ymd_and_hms(2026, 12, 5, 5, 30, 0).unwrap())
    );
    assert_eq!(
        parse_measured_at(day("1.7.2026"), "7.30", born(), now()),
        Ok(Utc.with_ymd_and_hms(2026, 7, 1, 4, 30, 0).unwrap())
    );
    assert_eq!(parse_measured_at(day("2026-12-05"), "12:02", born(), now()), Err(WellbeingError::Future));
    assert!(parse_measured_at(day("2026-12-05"), "12:01", born(), now()).is_ok(), "a minute for the clock on the wall");
    assert_eq!(parse_measured_at(day("2026-12-05"), "12:00", born(), now()), Ok(now()), "now is not the future");
    assert_eq!(parse_measured_at(day("2027-01-01"), "08:00", born(), now()), Err(WellbeingError::Future));
    assert_eq!(parse_measured_at(day("1950-01-01"), "08:00", born(), now()), Err(WellbeingError::BeforeBirth));
    assert_eq!(parse_measured_at(day("31.2.2026"), "08:00", born(), now()), Err(WellbeingError::Date));
    assert_eq!(parse_measured_at(None, "08:00", born(), now()), Err(WellbeingError::Date));
    assert_eq!(parse_measured_at(day("2026-12-01"), "25:00", born(), now()), Err(WellbeingError::Time));
    assert_eq!(parse_measured_at(day("2026-12-01"), "", born(), now()), Err(WellbeingError::Time));
}

fn m(id: i64, day: u32, reading: Reading, corrects: Option<i64>) -> Measurement {
    let at = Utc.with_ymd_and_hms(2026, 11, day, 6, 0, 0).unwrap();
    Measurement { id, measured_at: at, reading, recorded_at: at, by_guardian: false, corrects }
}

fn pressure(systolic: u16, diastolic: u16) -> Reading {
    Reading::BloodPressure { systolic, diastolic, pulse: Some(70) }
}

#[test]
fn a_correction_supersedes_one_measurement_of_its_kind_once_and_both_stay_listed() {
    let all = [
        m(1, 1, pressure(150, 95), None),
        m(2, 2, pressure(185, 80), None),
        m(3, 2, pressure(135, 80), Some(2)),
        m(4, 3, Reading::Weight { tenths: 724 }, None),
    ];
    assert_eq!(check_correction(&all, 1, MeasurementKind::BloodPressure), Ok(()));
    assert_eq!(check_correction(&all, 2, MeasurementKind::BloodPressure), Err(WellbeingError::AlreadyCorrected));
    assert_eq!(check_correction(&all, 3, MeasurementKind::BloodPressure), Ok(()), "a correction may be corrected");
    assert_eq!(check_correction(&all, 4, MeasurementKind::BloodPressure), Err(WellbeingError::OtherKind));
    assert_eq!(check_correction(&all, 99, MeasurementKind::Weight), Err(WellbeingError::NothingToCorrect));

    let listed = listed(&all, MeasurementKind::BloodPressure);
    let ids: Vec<_> = listed.iter().map(|l| (l.measurement.id, l.corrected_by)).collect();
    assert_eq!(ids, [(3, None), (2, Some(3)), (1, None)], "newest first, the corrected one with its correction");
    // The chart draws only what is in force.
    let systolic: Vec<f64> = series(&all, Field::Systolic).iter().map(|r| r.value).collect();
    assert_eq!(systolic, [150.0, 135.0]);
    assert_eq!(series(&all, Field::Weight)[0].value, 72.4);
}

#[test]
fn a_stored_measurement_fills_the_form_as_it_parses_back() {
    for reading in [pressure(142, 88), Reading::Weight { tenths: 724 }, Reading::BloodGlucose { tenths: 61 }] {
        let stored = m(1, 20, reading, None);
        let t = typed_of(&stored);
        assert_eq!(parse_reading(&t), Ok(reading));
        let date = crate::api::filters::parse_typed_date(&t.date);
        assert_eq!(parse_measured_at(date, &t.time, born(), now()), Ok(stored.measured_at));
    }
}

#[test]
fn the_bands_say_the_home_targets() {
    use crate::domain::laboratory::RangePosition;
    assert_eq!(band(Field::Systolic).position(135.0), RangePosition::Above, "the target is under 135");
    assert_eq!(band(Field::Systolic).position(134.0), RangePosition::Within);
    assert_eq!(band(Field::Diastolic).position(85.0), RangePosition::Above);
    assert_eq!(band(Field::Glucose).position(3.9), RangePosition::Below);
}

//! Wellbeing data (DOMAIN.md §8; the Kanta PHR, seed 004): measurements
//! the citizen records themself (blood pressure, weight, blood glucose),
//! never mixed with what professionals record. Append-only: a wrong value
//! is corrected by a new measurement that supersedes it, and both stay.
//! Parsed at the edge from what a form sends; pure.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::laboratory::{LabResult, ReferenceRange};
use super::time::{helsinki_instant, helsinki_local};

/// What a citizen measures at home.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MeasurementKind {
    BloodPressure,
    Weight,
    BloodGlucose,
}

string_form!(MeasurementKind {
    BloodPressure => "blood_pressure",
    Weight => "weight",
    BloodGlucose => "blood_glucose",
});

/// One measured value: blood pressure in mmHg (with the pulse, per minute,
/// when the meter gave it); weight in tenths of a kilogram; blood glucose
/// in tenths of a mmol/l.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reading {
    BloodPressure { systolic: u16, diastolic: u16, pulse: Option<u16> },
    Weight { tenths: u32 },
    BloodGlucose { tenths: u32 },
}

impl Reading {
    pub fn kind(&self) -> MeasurementKind {
        match self {
            Reading::BloodPressure { .. } => MeasurementKind::BloodPressure,
            Reading::Weight { .. } => MeasurementKind::Weight,
            Reading::BloodGlucose { .. } => MeasurementKind::BloodGlucose,
        }
    }
}

/// One stored measurement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measurement {
    pub id: i64,
    pub measured_at: DateTime<Utc>,
    pub reading: Reading,
    /// When it was written into the portal.
    pub recorded_at: DateTime<Utc>,
    /// Recorded by a guardian for a child (else by the person).
    pub by_guardian: bool,
    /// The measurement this one corrects.
    pub corrects: Option<i64>,
}

/// A measurement to record: what, when, by a guardian (their citizen id)
/// or the person, and which earlier one it corrects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewMeasurement {
    pub reading: Reading,
    pub measured_at: DateTime<Utc>,
    pub recorded_by: Option<i64>,
    pub corrects: Option<i64>,
}

/// A field of the measurement form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Systolic,
    Diastolic,
    Pulse,
    Weight,
    Glucose,
}

/// Why a measurement is not recorded; nothing is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WellbeingError {
    /// No such kind of measurement.
    Kind,
    /// The date is missing or not a date.
    Date,
    /// The time is missing or not a time of day.
    Time,
    /// Measured after now.
    Future,
    /// Measured before the person was born.
    BeforeBirth,
    /// A field is missing or not a number.
    NotANumber(Field),
    /// A number outside what a body can measure.
    OutOfRange(Field),
    /// The lower (diastolic) pressure is not below the upper (systolic).
    DiastolicNotBelowSystolic,
    /// No such measurement of the person's to correct.
    NothingToCorrect,
    /// The measurement was corrected already: correct the correction.
    AlreadyCorrected,
    /// A correction is of the same kind as what it corrects.
    OtherKind,
    /// A guardian records a child's wellbeing data only while the guardian
    /// may see it: before the child turns 10 (DOMAIN.md §6).
    GuardianAgeLimit,
}

/// What a body can measure, as a home meter shows it (the form's limits).
pub fn limits(field: Field) -> (f64, f64) {
    match field {
        Field::Systolic => (50.0, 300.0),
        Field::Diastolic => (30.0, 200.0),
        Field::Pulse => (25.0, 250.0),
        Field::Weight => (0.5, 400.0),
        Field::Glucose => (0.5, 50.0),
    }
}

/// A number as typed: digits with at most one decimal, `.` or `,` (Finnish
/// and Swedish write `72,4`), within the field's limits.
fn number(field: Field, typed: &str) -> Result<f64, WellbeingError> {
    let s = typed.trim().replace(',', ".");
    let well_formed = !s.is_empty()
        && s.len() <= 8
        && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && s.matches('.').count() <= 1
        && !s.starts_with('.')
        && !s.ends_with('.')
        && s.split('.').nth(1).is_none_or(|decimals| decimals.len() == 1);
    let value: f64 = if well_formed { s.parse().map_err(|_| WellbeingError::NotANumber(field))? } else { f64::NAN };
    if value.is_nan() {
        return Err(WellbeingError::NotANumber(field));
    }
    let (low, high) = limits(field);
    if value < low || value > high {
        return Err(WellbeingError::OutOfRange(field));
    }
    Ok(value)
}

fn whole(field: Field, typed: &str) -> Result<u16, WellbeingError> {
    let v = number(field, typed)?;
    if v.fract() != 0.0 {
        return Err(WellbeingError::NotANumber(field));
    }
    Ok(v as u16)
}

fn tenths(field: Field, typed: &str) -> Result<u32, WellbeingError> {
    Ok((number(field, typed)? * 10.0).round() as u32)
}

/// The values of a form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Typed {
    pub kind: String,
    pub date: String,
    pub time: String,
    pub systolic: String,
    pub diastolic: String,
    pub pulse: String,
    pub value: String,
    /// The id of the measurement a correction corrects; empty for a new one.
    pub corrects: String,
}

/// The reading a form asks for.
pub fn parse_reading(typed: &Typed) -> Result<Reading, WellbeingError> {
    match MeasurementKind::parse(typed.kind.trim()).ok_or(WellbeingError::Kind)? {
        MeasurementKind::BloodPressure => {
            let systolic = whole(Field::Systolic, &typed.systolic)?;
            let diastolic = whole(Field::Diastolic, &typed.diastolic)?;
            let pulse = if typed.pulse.trim().is_empty() { None } else { Some(whole(Field::Pulse, &typed.pulse)?) };
            if diastolic >= systolic {
                return Err(WellbeingError::DiastolicNotBelowSystolic);
            }
            Ok(Reading::BloodPressure { systolic, diastolic, pulse })
        }
        MeasurementKind::Weight => Ok(Reading::Weight { tenths: tenths(Field::Weight, &typed.value)? }),
        MeasurementKind::BloodGlucose => Ok(Reading::BloodGlucose { tenths: tenths(Field::Glucose, &typed.value)? }),
    }
}

/// When it was measured: a Helsinki date (`YYYY-MM-DD` or `D.M.YYYY`) and
/// time (`HH:MM`), not after `now` (a minute's leeway for the clock on the
/// wall) and not before the person was born.
pub fn parse_measured_at(
    date: Option<NaiveDate>,
    time: &str,
    born: NaiveDate,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, WellbeingError> {
    let date = date.ok_or(WellbeingError::Date)?;
    let time = time.trim();
    let time = (time.len() <= 8)
        .then(|| NaiveTime::parse_from_str(time, "%H:%M").or_else(|_| NaiveTime::parse_from_str(time, "%H.%M")).ok())
        .flatten()
        .ok_or(WellbeingError::Time)?;
    let at = helsinki_instant(date.and_time(time));
    if date < born {
        return Err(WellbeingError::BeforeBirth);
    }
    if at > now + Duration::minutes(1) {
        return Err(WellbeingError::Future);
    }
    Ok(at)
}

/// A form's values as a stored measurement shows them (for the correction
/// form, which starts from the value it corrects).
pub fn typed_of(m: &Measurement) -> Typed {
    let local = helsinki_local(m.measured_at);
    let one = |t: u32| format!("{},{}", t / 10, t % 10);
    let mut typed = Typed {
        kind: m.reading.kind().as_str().to_string(),
        date: local.date().format("%Y-%m-%d").to_string(),
        time: local.time().format("%H:%M").to_string(),
        ..Typed::default()
    };
    match m.reading {
        Reading::BloodPressure { systolic, diastolic, pulse } => {
            typed.systolic = systolic.to_string();
            typed.diastolic = diastolic.to_string();
            typed.pulse = pulse.map(|p| p.to_string()).unwrap_or_default();
        }
        Reading::Weight { tenths } | Reading::BloodGlucose { tenths } => typed.value = one(tenths),
    }
    typed
}

/// Checks a correction of `corrects` against the person's measurements.
pub fn check_correction(all: &[Measurement], corrects: i64, kind: MeasurementKind) -> Result<(), WellbeingError> {
    let target = all.iter().find(|m| m.id == corrects).ok_or(WellbeingError::NothingToCorrect)?;
    if all.iter().any(|m| m.corrects == Some(corrects)) {
        return Err(WellbeingError::AlreadyCorrected);
    }
    if target.reading.kind() != kind {
        return Err(WellbeingError::OtherKind);
    }
    Ok(())
}

/// One measurement as the page lists it: in force, or corrected (then by
/// which one), and what it corrected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listed {
    pub measurement: Measurement,
    pub corrected_by: Option<i64>,
}

/// The measurements of one kind, newest measurement first; each knows the
/// one that corrected it, if any.
pub fn listed(all: &[Measurement], kind: MeasurementKind) -> Vec<Listed> {
    let mut of_kind: Vec<Listed> = all
        .iter()
        .filter(|m| m.reading.kind() == kind)
        .map(|m| Listed {
            measurement: m.clone(),
            corrected_by: all.iter().find(|c| c.corrects == Some(m.id)).map(|c| c.id),
        })
        .collect();
    of_kind.sort_by_key(|l| std::cmp::Reverse((l.measurement.measured_at, l.measurement.id)));
    of_kind
}

/// The values in force of one quantity over time, oldest first, for the
/// chart (the laboratory's): systolic or diastolic pressure, pulse, weight
/// in kg, glucose in mmol/l.
pub fn series(all: &[Measurement], field: Field) -> Vec<LabResult> {
    let corrected: std::collections::BTreeSet<i64> = all.iter().filter_map(|m| m.corrects).collect();
    let mut points: Vec<(DateTime<Utc>, f64)> = all
        .iter()
        .filter(|m| !corrected.contains(&m.id))
        .filter_map(|m| {
            let v = match (field, m.reading) {
                (Field::Systolic, Reading::BloodPressure { systolic, .. }) => f64::from(systolic),
                (Field::Diastolic, Reading::BloodPressure { diastolic, .. }) => f64::from(diastolic),
                (Field::Pulse, Reading::BloodPressure { pulse: Some(p), .. }) => f64::from(p),
                (Field::Weight, Reading::Weight { tenths }) => f64::from(tenths) / 10.0,
                (Field::Glucose, Reading::BloodGlucose { tenths }) => f64::from(tenths) / 10.0,
                _ => return None,
            };
            Some((m.measured_at, v))
        })
        .collect();
    points.sort_by_key(|(at, _)| *at);
    points.into_iter().map(|(at, value)| LabResult { recorded_on: helsinki_local(at).date(), value }).collect()
}

/// The band drawn behind a quantity's chart: the home blood pressure
/// target (Current Care: under 135/85 mmHg at home), a resting pulse of
/// 50–100, the fasting plasma glucose reference 4.0–6.0 mmol/l; none for
/// weight.
pub fn band(field: Field) -> ReferenceRange {
    match field {
        Field::Systolic => ReferenceRange { low: None, high: Some(134.0) },
        Field::Diastolic => ReferenceRange { low: None, high: Some(84.0) },
        Field::Pulse => ReferenceRange { low: Some(50.0), high: Some(100.0) },
        Field::Glucose => ReferenceRange { low: Some(4.0), high: Some(6.0) },
        Field::Weight => ReferenceRange { low: None, high: None },
    }
}

#[cfg(test)]
#[path = "wellbeing_tests.rs"]
mod tests;

//! The demo people's wellbeing data (DOMAIN.md §8, §9): Helmi's home blood
//! pressure over two years, at target on losartan and amlodipine until
//! this autumn, when it rose (and she asked for a higher dose), with one
//! typing slip she corrected; Matti's fasting glucose since his type 2
//! diabetes was found, falling on metformin. Deterministic: the same values
//! every time, dates relative to `today`.

use crate::domain::wellbeing::Reading;

/// One measurement: days before `today`, the Helsinki time of day, the
/// value, and the earlier measurement of the person's list it corrects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoMeasurement {
    pub days_ago: i64,
    pub hour: u32,
    pub minute: u32,
    pub reading: Reading,
    pub corrects: Option<usize>,
}

/// A small deterministic wobble in `-spread..=spread` for day `i` (no
/// random numbers: the demo is the same every time it is seeded).
fn wobble(i: i64, salt: i64, spread: i64) -> i64 {
    let x = (i * 7919 + salt * 104_729) % 1_000_003;
    x % (2 * spread + 1) - spread
}

/// Helmi measures in the morning once a week, before her medicines.
pub fn helmi_blood_pressure() -> Vec<DemoMeasurement> {
    let mut out = Vec::new();
    for week in (0..105).rev() {
        let days_ago = week * 7 + 2;
        // At target (under 135/85) until about three months ago; then rising.
        let rise = if days_ago < 95 { (95 - days_ago) / 8 } else { 0 };
        let systolic = 129 + rise + wobble(week, 1, 5);
        let diastolic = 77 + rise / 2 + wobble(week, 2, 3);
        let pulse = 68 + wobble(week, 3, 5);
        out.push(DemoMeasurement {
            days_ago,
            hour: 7,
            minute: (10 + 5 * wobble(week, 4, 2)) as u32,
            reading: Reading::BloodPressure {
                systolic: systolic as u16,
                diastolic: diastolic as u16,
                pulse: Some(pulse as u16),
            },
            corrects: None,
        });
    }
    // Twenty-three days ago she typed 183 for 138, and corrected it the same morning.
    let slip = out.iter().position(|m| m.days_ago == 23).expect("a measurement 23 days ago");
    out[slip].reading = Reading::BloodPressure { systolic: 183, diastolic: 84, pulse: Some(71) };
    out.push(DemoMeasurement {
        days_ago: 23,
        hour: 7,
        minute: 12,
        reading: Reading::BloodPressure { systolic: 138, diastolic: 84, pulse: Some(71) },
        corrects: Some(slip),
    });
    out
}

/// Matti measures his fasting glucose on Monday and Thursday mornings
/// since the diabetes was found (300 days ago, metformin from then).
pub fn matti_fasting_glucose() -> Vec<DemoMeasurement> {
    let mut out = Vec::new();
    let mut days_ago = 296;
    let mut i = 0;
    while days_ago > 0 {
        // From about 8.4 down to about 6.6 mmol/l over the first four months.
        let settled = (296 - days_ago).min(120);
        let tenths = 84 - settled * 18 / 120 + wobble(i, 5, 4);
        out.push(DemoMeasurement {
            days_ago,
            hour: 6,
            minute: (45 + 3 * wobble(i, 6, 3)) as u32,
            reading: Reading::BloodGlucose { tenths: tenths as u32 },
            corrects: None,
        });
        days_ago -= if i % 2 == 0 { 3 } else { 4 };
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::wellbeing::{parse_reading, Typed};

    /// Every seeded value is one the form would take (within a body's
    /// limits, diastolic under systolic), and a correction corrects an
    /// earlier measurement of its kind.
    #[test]
    fn every_seeded_value_is_one_the_form_accepts() {
        for list in [helmi_blood_pressure(), matti_fasting_glucose()] {
            for (i, m) in list.iter().enumerate() {
                let typed = match m.reading {
                    Reading::BloodPressure { systolic, diastolic, pulse } => Typed {
                        kind: "blood_pressure".into(),
                        systolic: systolic.to_string(),
                        diastolic: diastolic.to_string(),
                        pulse: pulse.map(|p| p.to_string()).unwrap_or_default(),
                        ..Typed::default()
                    },
                    Reading::Weight { tenths } | Reading::BloodGlucose { tenths } => Typed {
                        kind: m.reading.kind().as_str().into(),
                        value: format!("{},{}", tenths / 10, tenths % 10),
                        ..Typed::default()
                    },
                };
                assert_eq!(parse_reading(&typed), Ok(m.reading), "{m:?}");
                assert!(m.days_ago > 0 && m.hour < 24 && m.minute < 60, "{m:?}");
                if let Some(c) = m.corrects {
                    assert!(c < i && list[c].reading.kind() == m.reading.kind());
                }
            }
        }
    }

    #[test]
    fn helmi_was_at_target_for_most_of_two_years_and_above_it_lately() {
        let bp = helmi_blood_pressure();
        assert!(bp.len() > 100 && bp.iter().map(|m| m.days_ago).max() >= Some(720));
        let mean = |from: i64, to: i64| {
            let s: Vec<u16> = bp
                .iter()
                .filter(|m| m.corrects.is_none() && m.days_ago >= from && m.days_ago < to && m.days_ago != 23)
                .map(|m| match m.reading {
                    Reading::BloodPressure { systolic, .. } => systolic,
                    _ => 0,
                })
                .collect();
            s.iter().map(|v| f64::from(*v)).sum::<f64>() / s.len() as f64
        };
        assert!(mean(120, 800) < 135.0, "at target before");
        assert!(mean(0, 30) >= 135.0, "above the target lately");
    }
}

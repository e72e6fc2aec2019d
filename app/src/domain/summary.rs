//! The patient summary (DOMAIN.md §8): the essentials of a person's health
//! data on one page, as the International Patient Summary orders them:
//! critical risk information with allergies first, current diagnoses,
//! medicines in use, vaccinations, recent procedures and the latest result
//! of each laboratory test. Pure: the records the asker may see and the day
//! come in; every line keeps its source (the service event it is in).

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::laboratory::{trend, LabResult, RangePosition, ReferenceRange, Trend, TREND_RESULTS};
use super::records::{Entry, EntryKind, Prescription, PrescriptionState};

/// A diagnosis is current when it was recorded within this many days, or
/// at more than one visit (a condition that is followed up).
pub const CURRENT_DIAGNOSIS_DAYS: i64 = 365;
/// Procedures of this many years are recent.
pub const RECENT_PROCEDURE_YEARS: i64 = 5;
/// A test whose latest result is older than this many years is left out.
pub const LATEST_RESULT_YEARS: i64 = 2;

/// The headings of the IPS document (`ips.rs`), in its language.
#[derive(Debug, Clone, Copy)]
pub struct IpsTitles {
    pub document: &'static str,
    pub allergies: &'static str,
    pub problems: &'static str,
    pub medications: &'static str,
    pub immunizations: &'static str,
    pub procedures: &'static str,
    pub results: &'static str,
    pub alerts: &'static str,
    /// "None recorded" in a section's narrative.
    pub none: &'static str,
    /// Who made the document: the portal.
    pub author: &'static str,
}

/// What a critical risk entry is about; allergies come first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RiskKind {
    MedicineAllergy,
    OtherAllergy,
    Other,
}

/// The kind of a critical risk entry, by the heading it starts with
/// ("Lääkeaineallergia: penisilliini …"), as Kanta's risk information is
/// written.
pub fn risk_kind(text: &str) -> RiskKind {
    let heading = text.split(':').next().unwrap_or("").trim().to_lowercase();
    let medicine =
        ["lääkeaineallergia", "lääkeaineyliherkkyys", "läkemedelsallergi", "medicine allergy", "drug allergy"];
    if medicine.contains(&heading.as_str()) {
        RiskKind::MedicineAllergy
    } else if ["allergia", "allergi", "allergy", "yliherkkyys"].iter().any(|w| heading.contains(w)) {
        RiskKind::OtherAllergy
    } else {
        RiskKind::Other
    }
}

/// An ICD-10 code at the start of a diagnosis entry ("I10 Essentiaalinen
/// verenpainetauti"): the code and the rest, or None.
pub fn icd10(text: &str) -> Option<(&str, &str)> {
    let (code, rest) = text.split_once(' ')?;
    let b = code.as_bytes();
    let head = b.len() >= 3 && b[0].is_ascii_uppercase() && b[1].is_ascii_digit() && b[2].is_ascii_digit();
    let tail = match &b[3.min(b.len())..] {
        [] => true,
        [b'.', more @ ..] => (1..=2).contains(&more.len()) && more.iter().all(|c| c.is_ascii_alphanumeric()),
        _ => false,
    };
    (head && tail).then_some((code, rest.trim()))
}

/// A diagnosis that is current, by its newest entry.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrentDiagnosis<'a> {
    pub code: Option<&'a str>,
    pub name: &'a str,
    pub latest: &'a Entry,
    /// On how many days it was recorded.
    pub days: usize,
}

/// The latest result of a test, with where it lies and where the last
/// results went.
#[derive(Debug, Clone, PartialEq)]
pub struct LatestResult<'a> {
    pub test: &'a str,
    pub unit: &'a str,
    pub latest: &'a LabResult,
    /// The service event it was recorded in.
    pub event: i64,
    pub position: RangePosition,
    pub reference: ReferenceRange,
    pub trend: Option<Trend>,
}

/// One test's results as the summary reads them (oldest first).
#[derive(Debug, Clone, PartialEq)]
pub struct TestResults {
    pub test: String,
    pub unit: String,
    pub reference: ReferenceRange,
    pub results: Vec<(LabResult, i64)>,
}

/// The critical risk entries, each text once (its newest entry):
/// medicine allergies, other allergies, then the rest, newest first within
/// each.
pub fn critical_risks(entries: &[Entry]) -> Vec<&Entry> {
    let mut out: Vec<&Entry> = vec![];
    for e in entries.iter().filter(|e| e.kind == EntryKind::CriticalRisk) {
        match out.iter_mut().find(|o| o.text == e.text) {
            Some(o) if e.recorded_on > o.recorded_on => *o = e,
            Some(_) => {}
            None => out.push(e),
        }
    }
    out.sort_by(|a, b| (risk_kind(&a.text), b.recorded_on).cmp(&(risk_kind(&b.text), a.recorded_on)));
    out
}

/// The diagnoses recorded within [`CURRENT_DIAGNOSIS_DAYS`] of `today`, or on
/// more than one day, each once (by its ICD-10 code, or its text without
/// one), the most recently recorded first.
pub fn current_diagnoses(entries: &[Entry], today: NaiveDate) -> Vec<CurrentDiagnosis<'_>> {
    let mut all: Vec<(CurrentDiagnosis, Vec<NaiveDate>)> = vec![];
    for e in entries.iter().filter(|e| e.kind == EntryKind::Diagnosis) {
        let (code, name) = icd10(&e.text).map_or((None, e.text.as_str()), |(c, n)| (Some(c), n));
        let key = |d: &CurrentDiagnosis| if code.is_some() { d.code == code } else { d.name == name };
        match all.iter_mut().find(|(d, _)| key(d)) {
            Some((d, days)) => {
                if e.recorded_on > d.latest.recorded_on {
                    *d = CurrentDiagnosis { code, name, latest: e, days: 0 };
                }
                days.push(e.recorded_on);
            }
            None => all.push((CurrentDiagnosis { code, name, latest: e, days: 0 }, vec![e.recorded_on])),
        }
    }
    let since = today - Duration::days(CURRENT_DIAGNOSIS_DAYS);
    let mut out: Vec<CurrentDiagnosis> = all
        .into_iter()
        .map(|(mut d, mut days)| {
            days.sort();
            days.dedup();
            d.days = days.len();
            d
        })
        .filter(|d| d.latest.recorded_on >= since || d.days > 1)
        .collect();
    out.sort_by(|a, b| b.latest.recorded_on.cmp(&a.latest.recorded_on).then(a.name.cmp(b.name)));
    out
}

/// The medicines in use: valid prescriptions, each medicine and strength
/// once (its newest prescription), by name.
pub fn medicines_in_use(prescriptions: &[Prescription], today: NaiveDate) -> Vec<&Prescription> {
    let mut out: Vec<&Prescription> = vec![];
    for p in prescriptions.iter().filter(|p| p.state(today) == PrescriptionState::Valid) {
        match out.iter_mut().find(|o| o.medicine == p.medicine && o.strength == p.strength) {
            Some(o) if p.prescribed_on > o.prescribed_on => *o = p,
            Some(_) => {}
            None => out.push(p),
        }
    }
    out.sort_by(|a, b| a.medicine.cmp(&b.medicine).then(a.strength.cmp(&b.strength)));
    out
}

/// The procedures of the last [`RECENT_PROCEDURE_YEARS`] years, newest first.
pub fn recent_procedures(entries: &[Entry], today: NaiveDate) -> Vec<&Entry> {
    let since = today - Duration::days(365 * RECENT_PROCEDURE_YEARS);
    let mut out: Vec<&Entry> =
        entries.iter().filter(|e| e.kind == EntryKind::Procedure && e.recorded_on >= since).collect();
    out.sort_by_key(|e| std::cmp::Reverse(e.recorded_on));
    out
}

/// The latest result of each test with one within [`LATEST_RESULT_YEARS`]
/// years, in the order the tests come.
pub fn latest_results(tests: &[TestResults], today: NaiveDate) -> Vec<LatestResult<'_>> {
    let since = today - Duration::days(365 * LATEST_RESULT_YEARS);
    tests
        .iter()
        .filter_map(|t| {
            let (latest, event) = t.results.last()?;
            if latest.recorded_on < since {
                return None;
            }
            let last: Vec<LabResult> = t.results.iter().rev().take(TREND_RESULTS).rev().map(|r| r.0.clone()).collect();
            Some(LatestResult {
                test: &t.test,
                unit: &t.unit,
                latest,
                event: *event,
                position: t.reference.position(latest.value),
                reference: t.reference,
                trend: trend(&last),
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "summary_tests.rs"]
mod tests;

//! The server function of the patient summary page: the essentials of the
//! session's subject's health data (`domain::summary` chooses them) as far as
//! the asker may see, each line with the service event it comes from.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::vaccinations::VaccinationView;
use crate::domain::laboratory::{RangePosition, Trend};
use crate::domain::summary::RiskKind;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourcedLine {
    pub recorded_on: NaiveDate,
    pub text: String,
    /// The service event it was recorded in.
    pub event: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskLine {
    pub kind: RiskKind,
    pub line: SourcedLine,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiagnosisLine {
    pub code: Option<String>,
    /// The newest entry: its day, the diagnosis's name, its event.
    pub line: SourcedLine,
    /// On how many days it was recorded.
    pub days: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MedicineLine {
    pub prescription: i64,
    pub medicine: String,
    pub strength: String,
    pub form: Option<String>,
    pub atc_code: Option<String>,
    pub dosage: String,
    pub purpose: Option<String>,
    pub valid_until: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultLine {
    pub test: String,
    pub unit: String,
    pub value: f64,
    pub recorded_on: NaiveDate,
    pub event: i64,
    pub position: RangePosition,
    pub trend: Option<Trend>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatientSummaryView {
    pub risks: Vec<RiskLine>,
    pub diagnoses: Vec<DiagnosisLine>,
    pub medicines: Vec<MedicineLine>,
    /// The newest dose of each vaccine.
    pub vaccinations: Vec<VaccinationView>,
    pub procedures: Vec<SourcedLine>,
    pub results: Vec<ResultLine>,
}

#[server(endpoint = "patient_summary")]
pub async fn patient_summary() -> Result<PatientSummaryView, AppError> {
    use crate::server::*;
    let subject = require_subject_for(crate::domain::declarations::Sector::Healthcare).await?;
    let data = ssr::SummaryData::load(&pool()?, &subject).await?;
    Ok(data.view(today()?))
}

#[cfg(feature = "ssr")]
pub use ssr::SummaryData;

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::domain::ips::{SummaryParts, Vaccinated};
    use crate::domain::records::{Entry, Prescription};
    use crate::domain::summary::{self, TestResults};
    use crate::server::{Db, Subject};

    /// What the summary is chosen from: the subject's data the asker may see.
    pub struct SummaryData {
        pub entries: Vec<Entry>,
        pub prescriptions: Vec<Prescription>,
        pub vaccinations: Vec<VaccinationView>,
        pub tests: Vec<TestResults>,
    }

    impl SummaryData {
        /// Four statements, whatever the length of the history.
        pub async fn load(pool: &Db, subject: &Subject) -> Result<SummaryData, AppError> {
            let (citizen, visibility) = (subject.citizen, subject.visibility);
            let vaccinations = pool
                .vaccinations(citizen, visibility)
                .await?
                .into_iter()
                .map(|v| VaccinationView {
                    recorded_on: v.recorded_on,
                    vaccine: v.vaccine,
                    dose: v.dose,
                    event: v.event.0,
                })
                .collect();
            Ok(SummaryData {
                entries: pool.summary_entries(citizen, visibility).await?,
                prescriptions: visibility.prescriptions(pool.load_prescriptions(citizen).await?),
                vaccinations,
                tests: pool.laboratory_results(citizen, visibility).await?,
            })
        }

        /// The summary's parts, chosen as of `today`.
        pub fn parts(&self, today: NaiveDate) -> SummaryParts<'_> {
            SummaryParts {
                risks: summary::critical_risks(&self.entries),
                diagnoses: summary::current_diagnoses(&self.entries, today),
                medicines: summary::medicines_in_use(&self.prescriptions, today),
                vaccinations: crate::api::vaccinations::latest_per_vaccine(&self.vaccinations)
                    .into_iter()
                    .map(|v| Vaccinated { on: v.recorded_on, vaccine: v.vaccine.clone(), dose: v.dose })
                    .collect(),
                procedures: summary::recent_procedures(&self.entries, today),
                results: summary::latest_results(&self.tests, today),
            }
        }

        pub fn view(&self, today: NaiveDate) -> PatientSummaryView {
            let parts = self.parts(today);
            let line =
                |e: &Entry| SourcedLine { recorded_on: e.recorded_on, text: e.text.clone(), event: e.service_event.0 };
            PatientSummaryView {
                risks: parts
                    .risks
                    .iter()
                    .map(|e| RiskLine { kind: summary::risk_kind(&e.text), line: line(e) })
                    .collect(),
                diagnoses: parts
                    .diagnoses
                    .iter()
                    .map(|d| DiagnosisLine {
                        code: d.code.map(str::to_string),
                        line: SourcedLine { text: d.name.to_string(), ..line(d.latest) },
                        days: d.days,
                    })
                    .collect(),
                medicines: parts
                    .medicines
                    .iter()
                    .map(|p| MedicineLine {
                        prescription: p.id.0,
                        medicine: p.medicine.clone(),
                        strength: p.strength.clone(),
                        form: p.form.clone(),
                        atc_code: p.atc_code.clone(),
                        dosage: p.dosage.clone(),
                        purpose: p.purpose.clone(),
                        valid_until: p.valid_until,
                    })
                    .collect(),
                vaccinations: crate::api::vaccinations::latest_per_vaccine(&self.vaccinations)
                    .into_iter()
                    .cloned()
                    .collect(),
                procedures: parts.procedures.iter().map(|e| line(e)).collect(),
                results: parts
                    .results
                    .iter()
                    .map(|r| ResultLine {
                        test: r.test.to_string(),
                        unit: r.unit.to_string(),
                        value: r.latest.value,
                        recorded_on: r.latest.recorded_on,
                        event: r.event,
                        position: r.position,
                        trend: r.trend,
                    })
                    .collect(),
            }
        }
    }
}

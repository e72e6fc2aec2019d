//! The citizen's records as the domain sees them (DOMAIN.md §1): service
//! events in registers, their entries, and prescriptions with dispensings.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::decision::Item;
use super::declarations::{PrescriptionId, ProviderId, Register, Sector, ServiceEventId};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RegisterId(pub String);

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct UnitId(pub String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EntryId(pub i64);

/// The kinds of entry: the healthcare kinds of §1, and social welfare client documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntryKind {
    VisitSummary,
    Diagnosis,
    LaboratoryResult,
    ImagingStudy,
    Vaccination,
    CriticalRisk,
    Referral,
    Measurement,
    Procedure,
    CarePlan,
    Certificate,
    ClientDocument,
}

string_form!(EntryKind {
    VisitSummary => "visit_summary",
    Diagnosis => "diagnosis",
    LaboratoryResult => "laboratory_result",
    ImagingStudy => "imaging_study",
    Vaccination => "vaccination",
    CriticalRisk => "critical_risk",
    Referral => "referral",
    Measurement => "measurement",
    Procedure => "procedure",
    CarePlan => "care_plan",
    Certificate => "certificate",
    ClientDocument => "client_document",
});

impl EntryKind {
    pub fn sector(self) -> Sector {
        match self {
            EntryKind::ClientDocument => Sector::SocialWelfare,
            _ => Sector::Healthcare,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    pub provider: ProviderId,
    pub name: String,
}

/// One appointment or episode of care, in one register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceEvent {
    pub id: ServiceEventId,
    pub register_id: RegisterId,
    pub register: Register,
    pub unit: Unit,
    pub started_on: NaiveDate,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: EntryId,
    pub service_event: ServiceEventId,
    pub kind: EntryKind,
    pub recorded_on: NaiveDate,
    pub text: String,
    /// A laboratory result's test, when its value is known (its page
    /// follows the test over time).
    pub lab_test: Option<String>,
}

impl Entry {
    /// The entry as the sharing decision sees it.
    pub fn item(&self, event: &ServiceEvent) -> Item {
        Item::Entry { register: event.register.clone(), service_event: event.id }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispensing {
    pub pharmacy: ProviderId,
    pub dispensed_on: NaiveDate,
    pub amount: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PrescriptionState {
    Valid,
    Expired,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prescription {
    pub id: PrescriptionId,
    pub prescriber: ProviderId,
    pub prescriber_unit: Unit,
    pub medicine: String,
    pub strength: String,
    pub dosage: String,
    pub prescribed_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub amount: u32,
    pub amount_unit: String,
    /// The pharmaceutical form (lääkemuoto), when the prescription names it.
    pub form: Option<String>,
    /// The medicine's ATC code, when the prescription names it.
    pub atc_code: Option<String>,
    /// What it is for (käyttötarkoitus), as the prescriber wrote it.
    pub purpose: Option<String>,
    pub dispensings: Vec<Dispensing>,
    pub class: super::renewal::MedicineClass,
}

impl Prescription {
    /// Valid through its last day.
    pub fn state(&self, today: NaiveDate) -> PrescriptionState {
        if today <= self.valid_until {
            PrescriptionState::Valid
        } else {
            PrescriptionState::Expired
        }
    }

    pub fn amount_left(&self) -> u32 {
        self.amount.saturating_sub(self.dispensings.iter().map(|d| d.amount).sum())
    }

    /// The prescription as the decision's item; `renewal_with` is the
    /// provider an open renewal request of it was sent to, if any.
    pub fn item(&self, renewal_with: Option<ProviderId>) -> Item {
        Item::Prescription { id: self.id, prescriber: self.prescriber.clone(), class: self.class, renewal_with }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rx(amount: u32, dispensed: &[u32]) -> Prescription {
        Prescription {
            id: PrescriptionId(1),
            prescriber: ProviderId("pirkanmaa".into()),
            prescriber_unit: Unit {
                id: UnitId("u".into()),
                provider: ProviderId("pirkanmaa".into()),
                name: "U".into(),
            },
            medicine: "Metformin".into(),
            strength: "500 mg".into(),
            dosage: "1 x 2".into(),
            prescribed_on: d(2025, 1, 1),
            valid_until: d(2026, 1, 1),
            amount,
            amount_unit: "tabl".into(),
            form: None,
            atc_code: None,
            purpose: None,
            class: crate::domain::renewal::MedicineClass::Ordinary,
            dispensings: dispensed
                .iter()
                .map(|a| Dispensing {
                    pharmacy: ProviderId("apteekki".into()),
                    dispensed_on: d(2025, 2, 1),
                    amount: *a,
                })
                .collect(),
        }
    }

    #[test]
    fn an_entry_kind_belongs_to_one_sector() {
        assert_eq!(EntryKind::ClientDocument.sector(), Sector::SocialWelfare);
        assert_eq!(EntryKind::Vaccination.sector(), Sector::Healthcare);
    }

    #[test]
    fn a_prescription_is_valid_through_its_last_day() {
        let p = rx(100, &[]);
        assert_eq!(p.state(d(2026, 1, 1)), PrescriptionState::Valid);
        assert_eq!(p.state(d(2026, 1, 2)), PrescriptionState::Expired);
    }

    #[test]
    fn amount_left_subtracts_dispensings_and_never_goes_below_zero() {
        assert_eq!(rx(100, &[30, 30]).amount_left(), 40);
        assert_eq!(rx(100, &[60, 60]).amount_left(), 0);
        assert_eq!(rx(100, &[]).amount_left(), 100);
    }
}

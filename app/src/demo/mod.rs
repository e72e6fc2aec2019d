//! The demo people's records and declarations (DOMAIN.md §9), built as plain
//! data: deterministic (the same rows, with dates relative to `today`, every
//! time), no I/O. The server's seed writes it; the benchmark reads it. The
//! people are in `people.rs`; their entries' texts and values (laboratory
//! results, vaccinations) and the event and prescription builders in
//! `entries.rs`.

mod catalogue;
mod entries;
mod family;
mod helmi;
mod people;
pub mod plausibility;
mod stories;
pub mod wellbeing;

pub use catalogue::{LabTest, Medicine, Vaccine, LAB_TESTS, VACCINES};
pub use entries::{line_entry, typical_size, valid_until, Body, Line, Story};
pub use people::demo_people;

use chrono::NaiveDate;

use crate::domain::declarations::{CrossSector, RegisterKind, Sector};
use crate::domain::renewal::{MedicineClass, RenewalState};

/// (register id, provider id, kind as stored)
pub const REGISTERS: &[(&str, &str, &str)] = &[
    ("helsinki/patient", "helsinki", "patient"),
    ("hus/patient", "hus", "patient"),
    ("vantaa-kerava/patient", "vantaa-kerava", "patient"),
    ("vantaa-kerava/social", "vantaa-kerava", "social_welfare_client"),
    ("pirkanmaa/patient", "pirkanmaa", "patient"),
    ("pirkanmaa/social", "pirkanmaa", "social_welfare_client"),
    ("varsinais-suomi/patient", "varsinais-suomi", "patient"),
    ("pohjois-pohjanmaa/patient", "pohjois-pohjanmaa", "patient"),
    ("pohjois-pohjanmaa/social", "pohjois-pohjanmaa", "social_welfare_client"),
    ("kanta-hame/patient", "kanta-hame", "patient"),
    ("kanta-hame/social", "kanta-hame", "social_welfare_client"),
    ("lahiklinikka/patient", "lahiklinikka", "patient"),
    ("kide-terveys/patient", "kide-terveys", "patient"),
    ("kide-terveys/occupational", "kide-terveys", "occupational_health"),
];

/// Whom a unit serves: a clinician reads a child's visit at an adults'
/// clinic as an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Serves {
    Everyone,
    Children,
    Adults,
}

/// A unit of a provider as the demo records it.
#[derive(Debug, Clone, Copy)]
pub struct DemoUnit {
    pub id: &'static str,
    pub provider: &'static str,
    pub name: &'static str,
    pub serves: Serves,
    /// Offered for prescription renewal requests (DOMAIN.md §8).
    pub takes_renewal_requests: bool,
}

const fn unit(
    id: &'static str,
    provider: &'static str,
    name: &'static str,
    serves: Serves,
    takes_renewal_requests: bool,
) -> DemoUnit {
    DemoUnit { id, provider, name, serves, takes_renewal_requests }
}

/// The demo's units: health centres and private clinics take renewal
/// requests; hospital clinics, occupational health, dental care and social
/// services do not.
#[rustfmt::skip]
pub const UNITS: &[DemoUnit] = &[
    unit("helsinki-kallio", "helsinki", "Kallion terveysasema", Serves::Everyone, true),
    unit("helsinki-neuvola", "helsinki", "Kallion lastenneuvola", Serves::Children, false),
    unit("helsinki-kouluterveys", "helsinki", "Kallion peruskoulun kouluterveydenhuolto", Serves::Children, false),
    unit("helsinki-hammas", "helsinki", "Kallion hammashoitola", Serves::Everyone, false),
    unit("hus-meilahti", "hus", "HUS Meilahden sairaala, sisätautien poliklinikka", Serves::Adults, false),
    unit("hus-neurologia", "hus", "HUS Meilahden sairaala, neurologian poliklinikka", Serves::Adults, false),
    unit("hus-silma", "hus", "HUS Silmätautien klinikka", Serves::Everyone, false),
    unit("hus-lastensairaala", "hus", "HUS Uusi lastensairaala, lasten päivystys", Serves::Children, false),
    unit("vantaa-tikkurila", "vantaa-kerava", "Tikkurilan terveysasema", Serves::Everyone, true),
    unit("vantaa-sosiaali", "vantaa-kerava", "Vantaan aikuissosiaalityö", Serves::Adults, false),
    unit("pirkanmaa-hervanta", "pirkanmaa", "Hervannan terveysasema", Serves::Everyone, true),
    unit("pirkanmaa-tays", "pirkanmaa", "Tays Keskussairaala, fysiatrian poliklinikka", Serves::Adults, false),
    unit("pirkanmaa-tays-pkl", "pirkanmaa", "Tays Keskussairaala, yhteispäivystys", Serves::Everyone, false),
    unit("pirkanmaa-sosiaali", "pirkanmaa", "Tampereen aikuissosiaalityö", Serves::Adults, false),
    unit("pirkanmaa-tays-kasi", "pirkanmaa", "Tays Keskussairaala, käsikirurgian poliklinikka", Serves::Adults, false),
    unit("vs-turku", "varsinais-suomi", "Turun terveysasema, Keskusta", Serves::Everyone, true),
    unit("vs-tyks", "varsinais-suomi", "Tyks T-sairaala, sisätautien poliklinikka", Serves::Adults, false),
    unit("vs-tyks-ortopedia", "varsinais-suomi", "Tyks Kirurginen sairaala, ortopedian poliklinikka", Serves::Adults, false),
    unit("pp-oulu", "pohjois-pohjanmaa", "Oulun terveysasema, Keskusta", Serves::Everyone, true),
    unit("pp-sosiaali", "pohjois-pohjanmaa", "Oulun sosiaalipalvelut, aikuissosiaalityö", Serves::Adults, false),
    unit("kh-hameenlinna", "kanta-hame", "Hämeenlinnan terveysasema", Serves::Everyone, true),
    unit("kh-sosiaali", "kanta-hame", "Hämeenlinnan vanhuspalvelut, kotihoito", Serves::Adults, false),
    unit("kh-khks", "kanta-hame", "Kanta-Hämeen keskussairaala, sisätautien poliklinikka", Serves::Adults, false),
    unit("lahiklinikka-tampere", "lahiklinikka", "Lähiklinikka Tampere", Serves::Everyone, true),
    unit("kide-helsinki", "kide-terveys", "Kide Terveys Helsinki", Serves::Everyone, true),
    unit("kide-tyoterveys", "kide-terveys", "Kide Työterveys Helsinki", Serves::Adults, false),
];

/// The story of the benchmark's `n`th synthetic visit in `register` (a
/// social welfare register's own, occupational health's own, else an
/// adult's common visit).
pub fn synthetic_story(register: &str, n: u64) -> &'static Story {
    use stories::*;
    const HEALTH: [&Story; 7] = [
        &COMMON_COLD,
        &COMMON_COLD_SHORT,
        &LOW_BACK_PAIN,
        &MATTI_DIABETES_CHECK,
        &JUHANI_ASTHMA_CHECK,
        &ELINA_MIGRAINE,
        &LIISA_ECZEMA,
    ];
    const SOCIAL: [&Story; 2] = [&MATTI_SOCIAL_WORK, &JUHANI_INCOME_SUPPORT];
    if register.ends_with("/social") {
        SOCIAL[(n % 2) as usize]
    } else if register.ends_with("/occupational") {
        &ELINA_OCCUPATIONAL
    } else {
        HEALTH[(n % HEALTH.len() as u64) as usize]
    }
}

/// The medicine of the benchmark's synthetic prescriptions.
pub fn synthetic_medicine() -> Medicine {
    catalogue::SIMVASTATIINI
}

/// The unit a register's visits are recorded at when nothing else says: a
/// social welfare register's office, occupational health's own unit, else
/// the provider's first unit that serves everyone.
pub fn unit_of_register(register: &str) -> &'static str {
    let (provider, kind) = register.split_once('/').unwrap_or((register, ""));
    let units = || UNITS.iter().filter(move |u| u.provider == provider);
    let found = match kind {
        "social" => units().find(|u| u.id.contains("sosiaali")),
        "occupational" => units().find(|u| u.id.contains("tyoterveys")),
        _ => units().find(|u| u.serves == Serves::Everyone),
    };
    found.or_else(|| units().next()).expect("a unit per provider").id
}

#[derive(Debug, Clone)]
pub struct DemoEntry {
    pub kind: &'static str,
    pub recorded_on: NaiveDate,
    pub text: String,
    /// A laboratory result's value (every laboratory_result entry has one).
    pub lab: Option<DemoLab>,
    /// A vaccination's vaccine and dose (every vaccination entry has one).
    pub vaccination: Option<(&'static str, u32)>,
}

/// A laboratory result as a value.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoLab {
    pub test: &'static str,
    pub value: f64,
    pub unit: &'static str,
    pub reference_low: Option<f64>,
    pub reference_high: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct DemoEvent {
    pub register: &'static str,
    pub unit: &'static str,
    pub started_on: NaiveDate,
    pub title: String,
    pub entries: Vec<DemoEntry>,
}

#[derive(Debug, Clone)]
pub struct DemoPrescription {
    pub prescriber: &'static str,
    pub unit: &'static str,
    pub medicine: &'static str,
    pub strength: &'static str,
    /// The pharmaceutical form (lääkemuoto) and the ATC code.
    pub form: &'static str,
    pub atc: &'static str,
    /// What it is for (käyttötarkoitus).
    pub purpose: &'static str,
    pub dosage: &'static str,
    pub prescribed_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub amount: i64,
    pub amount_unit: &'static str,
    /// (pharmacy, date, amount)
    pub dispensings: Vec<(&'static str, NaiveDate, i64)>,
    pub class: MedicineClass,
}

/// A renewal request the person sent, with what the provider did with it.
#[derive(Debug, Clone)]
pub struct DemoRenewal {
    /// Index in [`DemoPerson::prescriptions`].
    pub prescription: usize,
    /// The unit it was sent to (one that takes renewal requests).
    pub unit: &'static str,
    pub sent_days_ago: i64,
    pub message: Option<&'static str>,
    /// (state, days ago), in order.
    pub states: Vec<(RenewalState, i64)>,
}

#[derive(Debug, Clone)]
pub enum DemoActor {
    Citizen,
    /// A guardian, by identity code.
    Guardian(&'static str),
    Professional(&'static str),
}

/// A declaration, referring to the person's own events and prescriptions by
/// their index in [`DemoPerson::events`] and [`DemoPerson::prescriptions`].
#[derive(Debug, Clone)]
pub enum DemoDeclaration {
    Consent(Sector),
    CrossConsent(CrossSector),
    DenyEvent(usize, bool),
    DenyPrescription(usize, bool),
    DenyRegister(&'static str, RegisterKind, bool),
    DenyComprehensive(Sector, bool),
    DenyUusimaa(bool),
    /// A declaration that refers to none of the person's data (a will, the
    /// consent to disclose prescriptions abroad).
    Event(crate::domain::declarations::DeclarationEvent),
}

#[derive(Debug, Clone)]
pub struct DemoViewing {
    /// The organisation that received the data, and its unit.
    pub provider: &'static str,
    pub unit: &'static str,
    pub days_ago: i64,
    /// The disclosed data: "{service event's title}: {what of it}", of an
    /// event in another provider's register (a disclosure through Kanta).
    pub what: &'static str,
    pub purpose: &'static str,
    /// On which basis it was disclosed (DOMAIN.md §7): `consent`,
    /// `uusimaa`, `emergency`, `prescription_in_care`, `prescription_dispensing`.
    pub basis: &'static str,
}

#[derive(Debug, Clone)]
pub struct DemoPerson {
    pub code: &'static str,
    pub events: Vec<DemoEvent>,
    pub prescriptions: Vec<DemoPrescription>,
    /// (days ago, actor, declaration)
    pub declarations: Vec<(i64, DemoActor, DemoDeclaration)>,
    pub viewings: Vec<DemoViewing>,
    /// Identity codes of the children this person is the guardian of.
    pub guardian_of: Vec<&'static str>,
    /// The e-authorisations this person gave: (the agent's identity code,
    /// valid from, valid until).
    pub authorised: Vec<(&'static str, NaiveDate, NaiveDate, crate::domain::acting::AuthorisedMatters)>,
    pub renewals: Vec<DemoRenewal>,
    /// Wellbeing data the person recorded, oldest first.
    pub wellbeing: Vec<wellbeing::DemoMeasurement>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use std::collections::BTreeSet;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn every_laboratory_entry_has_a_value_and_helmi_has_ten_year_series() {
        let people = demo_people(today());
        for p in &people {
            for x in p.events.iter().flat_map(|e| &e.entries) {
                assert_eq!(x.kind == "laboratory_result", x.lab.is_some(), "{}", x.text);
                assert_eq!(x.kind == "vaccination", x.vaccination.is_some(), "{}", x.text);
                if let Some(lab) = &x.lab {
                    assert!(x.text.starts_with(lab.test) && x.text.ends_with(lab.unit), "{}", x.text);
                }
            }
        }
        let helmi = people.iter().find(|p| p.code == "271055-988J").unwrap();
        for test in ["P -Krea", "B -HbA1c", "fP -Kol-LDL"] {
            let series: Vec<(NaiveDate, f64, Option<f64>)> = helmi
                .events
                .iter()
                .flat_map(|e| &e.entries)
                .filter_map(|x| {
                    x.lab.as_ref().filter(|l| l.test == test).map(|l| (x.recorded_on, l.value, l.reference_high))
                })
                .collect();
            assert!(series.len() >= 20, "{test}: {}", series.len());
            let first = series.iter().map(|s| s.0).min().unwrap();
            let last = series.iter().map(|s| s.0).max().unwrap();
            assert!((last - first).num_days() >= 10 * 365, "{test}: {first}..{last}");
            assert!(series.iter().any(|s| s.2.is_some_and(|high| s.1 > high)), "{test}: some values above the range");
            assert!(series.iter().any(|s| s.2.is_some_and(|high| s.1 <= high)), "{test}: some within it");
        }
    }

    #[test]
    fn helmi_has_a_long_history_in_six_registers() {
        let people = demo_people(today());
        let helmi = people.iter().find(|p| p.code == "271055-988J").unwrap();
        let entries: usize = helmi.events.iter().map(|e| e.entries.len()).sum();
        let registers: BTreeSet<_> = helmi.events.iter().map(|e| e.register).collect();
        assert!(entries >= 2000, "{entries}");
        assert!(registers.len() >= 6, "{registers:?}");
        assert!(helmi.prescriptions.len() >= 40);
    }

    #[test]
    fn matti_has_data_in_pirkanmaa_varsinais_suomi_and_a_private_register() {
        let people = demo_people(today());
        let matti = people.iter().find(|p| p.code == "040762-913N").unwrap();
        let registers: BTreeSet<_> = matti.events.iter().map(|e| e.register).collect();
        for r in ["pirkanmaa/patient", "pirkanmaa/social", "varsinais-suomi/patient", "lahiklinikka/patient"] {
            assert!(registers.contains(r), "{r}");
        }
        let t = today();
        assert!(matti.prescriptions.iter().any(|p| p.valid_until >= t), "a valid prescription");
        assert!(matti.prescriptions.iter().any(|p| p.valid_until < t), "an expired prescription");
        assert!(matti.prescriptions.iter().any(|p| !p.dispensings.is_empty()), "a dispensed prescription");
    }

    #[test]
    fn liisa_denied_a_valid_prescription_after_a_consent_given_before_2024() {
        let people = demo_people(today());
        let liisa = people.iter().find(|p| p.code == "231190-924R").unwrap();
        let DemoDeclaration::DenyPrescription(i, _) = liisa.declarations[2].2 else { panic!("a prescription denial") };
        assert!(liisa.prescriptions[i].valid_until >= today(), "the denied prescription is valid");
        let consent_on = today() - Duration::days(liisa.declarations[0].0);
        assert!(matches!(liisa.declarations[0].2, DemoDeclaration::Consent(Sector::Healthcare)));
        assert!(consent_on < NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
    }

    #[test]
    fn juhani_has_healthcare_data_in_two_counties_and_a_consent_before_his_denial() {
        let people = demo_people(today());
        let juhani = people.iter().find(|p| p.code == "300178-935E").unwrap();
        let registers: BTreeSet<_> = juhani.events.iter().map(|e| e.register).collect();
        assert!(registers.contains("pirkanmaa/patient") && registers.contains("pohjois-pohjanmaa/patient"));
        assert!(matches!(juhani.declarations[0], (600, _, DemoDeclaration::Consent(Sector::Healthcare))));
    }

    /// The log shows disclosures through Kanta (DOMAIN.md §7): each names an
    /// event of the person's recorded before it, in another provider's
    /// register than the receiver's (use within one register is not listed).
    #[test]
    fn every_seeded_viewing_is_a_disclosure_of_another_providers_data_before_it() {
        for person in demo_people(today()) {
            for v in &person.viewings {
                let title = v.what.split(':').next().unwrap();
                let disclosed = person
                    .events
                    .iter()
                    .find(|e| e.title == title && e.started_on <= today() - Duration::days(v.days_ago));
                let event = disclosed.unwrap_or_else(|| panic!("{}: {} names no earlier event", person.code, v.what));
                let owner = event.register.split('/').next().unwrap();
                assert_ne!(owner, v.provider, "{}: {} is the receiver's own register", person.code, v.what);
                assert!(
                    ["consent", "uusimaa", "emergency", "prescription_in_care", "prescription_dispensing"]
                        .contains(&v.basis),
                    "{}",
                    v.basis
                );
            }
        }
    }

    #[test]
    fn elinas_disclosures_after_her_uusimaa_denial_are_emergencies() {
        let people = demo_people(today());
        let elina = people.iter().find(|p| p.code == "150571-946J").unwrap();
        let after: Vec<_> = elina.viewings.iter().filter(|v| v.days_ago < 500).collect();
        assert!(after.len() >= 2, "some after the Uusimaa denial");
        assert!(after.iter().all(|v| v.basis == "emergency" && v.purpose == "emergency"), "{after:?}");
        assert!(elina.viewings.iter().filter(|v| v.days_ago >= 500).all(|v| v.basis == "uusimaa"));
    }

    #[test]
    fn the_data_is_deterministic() {
        let a = demo_people(today());
        let b = demo_people(today());
        let texts = |p: &[DemoPerson]| {
            p.iter()
                .flat_map(|p| p.events.iter().flat_map(|e| e.entries.iter().map(|x| x.text.clone())))
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(&a), texts(&b));
    }

    #[test]
    fn every_register_and_unit_referred_to_exists() {
        for p in demo_people(today()) {
            for e in &p.events {
                assert!(REGISTERS.iter().any(|r| r.0 == e.register), "{}", e.register);
                assert!(UNITS.iter().any(|u| u.id == e.unit), "{}", e.unit);
            }
            for d in &p.declarations {
                if let DemoDeclaration::DenyEvent(i, _) = d.2 {
                    assert!(i < p.events.len());
                }
                if let DemoDeclaration::DenyPrescription(i, _) = d.2 {
                    assert!(i < p.prescriptions.len());
                }
            }
        }
    }
}

#[cfg(test)]
mod kind_tests {
    use super::*;
    use crate::domain::declarations::RegisterKind;
    use crate::domain::records::EntryKind;

    #[test]
    fn every_demo_entry_kind_and_register_kind_is_a_domain_value() {
        for p in demo_people(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()) {
            for e in &p.events {
                for x in &e.entries {
                    assert!(EntryKind::parse(x.kind).is_some(), "{}", x.kind);
                }
            }
        }
        for (_, _, kind) in REGISTERS {
            assert!(RegisterKind::parse(kind).is_some(), "{kind}");
        }
    }
}

//! What the front page shows at a glance: what is new since the
//! last login, which prescriptions need attention, and the state of the use
//! of the data. Pure: a function of the data and the time.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::declarations::{Declaration, PrescriptionId, Sector};
use super::records::Prescription;
use super::time::helsinki_today;
use super::validity::valid_now;

/// How far ahead a prescription's end counts as soon, and how far back
/// "new" reaches for someone who has never logged in before.
pub const DAYS: i64 = 30;

/// From when something counts as new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// The login before this session's.
    LastLogin(DateTime<Utc>),
    /// No earlier login: the last `DAYS` days.
    LastDays,
}

impl Since {
    pub fn of(previous_login: Option<DateTime<Utc>>) -> Since {
        previous_login.map_or(Since::LastDays, Since::LastLogin)
    }

    /// The instant new viewings count from.
    pub fn instant(self, now: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            Since::LastLogin(at) => at,
            Since::LastDays => now - Duration::days(DAYS),
        }
    }

    /// The first day whose entries count as new. Entries carry a date
    /// only, so an entry of the day of the last login counts: it may have
    /// been written after the login.
    pub fn first_day(self, now: DateTime<Utc>) -> NaiveDate {
        helsinki_today(self.instant(now))
    }
}

/// Why a prescription needs the citizen's attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Attention {
    /// Valid, and ends within `DAYS` days (on this day, inclusive).
    EndsOn(NaiveDate),
    /// Valid, but nothing of it is left to dispense.
    NothingLeft,
}

/// A prescription as the front page needs it: how long it is valid and how
/// much of it is left to dispense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrescriptionLeft {
    pub id: PrescriptionId,
    /// The medicine and its strength.
    pub name: String,
    pub valid_until: NaiveDate,
    pub amount_left: u32,
}

impl PrescriptionLeft {
    pub fn of(p: &Prescription) -> PrescriptionLeft {
        PrescriptionLeft {
            id: p.id,
            name: format!("{} {}", p.medicine, p.strength),
            valid_until: p.valid_until,
            amount_left: p.amount_left(),
        }
    }
}

/// The valid prescriptions that end within `DAYS` days or have nothing left
/// to dispense, the soonest to end first.
pub fn prescriptions_needing_attention(
    prescriptions: &[PrescriptionLeft],
    today: NaiveDate,
) -> Vec<(&PrescriptionLeft, Attention)> {
    let mut out: Vec<_> = prescriptions
        .iter()
        .filter(|p| today <= p.valid_until)
        .filter_map(|p| {
            if p.valid_until <= today + Duration::days(DAYS) {
                Some((p, Attention::EndsOn(p.valid_until)))
            } else if p.amount_left == 0 {
                Some((p, Attention::NothingLeft))
            } else {
                None
            }
        })
        .collect();
    out.sort_by_key(|(p, _)| (p.valid_until, p.id));
    out
}

/// The use of the data in one line: the consents to data sharing per
/// sector, how many denials are valid, and when anything last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataUseAtAGlance {
    pub consents: Vec<(Sector, bool)>,
    pub valid_denials: usize,
    pub last_change: Option<DateTime<Utc>>,
}

pub fn data_use_at_a_glance(declarations: &[Declaration], now: DateTime<Utc>) -> DataUseAtAGlance {
    let valid = valid_now(declarations, now);
    DataUseAtAGlance {
        consents: [Sector::Healthcare, Sector::SocialWelfare]
            .into_iter()
            .map(|s| (s, valid.consents.contains_key(&s)))
            .collect(),
        valid_denials: valid.denials.len(),
        last_change: declarations.iter().map(|d| d.at).filter(|at| *at <= now).max(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::declarations::{
        Actor, DeclarationEvent, DeclarationId, DenialScope, PrescriptionId, ProviderId,
    };
    use crate::domain::records::{Dispensing, Unit, UnitId};
    use chrono::TimeZone;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn rx(id: i64, valid_until: NaiveDate, amount: u32, dispensed: u32) -> Prescription {
        Prescription {
            id: PrescriptionId(id),
            prescriber: ProviderId("kanta-hame".into()),
            prescriber_unit: Unit {
                id: UnitId("u".into()),
                provider: ProviderId("kanta-hame".into()),
                name: "U".into(),
            },
            medicine: format!("M{id}"),
            strength: "1 mg".into(),
            dosage: "1".into(),
            prescribed_on: valid_until - Duration::days(365),
            valid_until,
            amount,
            amount_unit: "tabl".into(),
            form: None,
            atc_code: None,
            purpose: None,
            class: crate::domain::renewal::MedicineClass::Ordinary,
            dispensings: (dispensed > 0)
                .then(|| Dispensing {
                    pharmacy: ProviderId("p".into()),
                    dispensed_on: day(2026, 1, 1),
                    amount: dispensed,
                })
                .into_iter()
                .collect(),
        }
    }

    #[test]
    fn a_prescription_needs_attention_when_it_ends_within_30_days_or_nothing_is_left() {
        let today = day(2026, 11, 27);
        let all = [
            rx(1, day(2026, 12, 27), 100, 0), // the 30th day: soon
            rx(2, day(2026, 12, 28), 100, 0), // the 31st day: not yet
            rx(3, day(2027, 6, 1), 100, 100), // far off, but used up
            rx(4, day(2026, 11, 26), 100, 0), // ended yesterday: not valid
            rx(5, today, 100, 100),           // ends today, and used up: its end first
        ];
        let all: Vec<_> = all.iter().map(PrescriptionLeft::of).collect();
        let got: Vec<_> = prescriptions_needing_attention(&all, today).into_iter().map(|(p, a)| (p.id.0, a)).collect();
        assert_eq!(
            got,
            [(5, Attention::EndsOn(today)), (1, Attention::EndsOn(day(2026, 12, 27))), (3, Attention::NothingLeft)]
        );
    }

    fn at(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 10, 0, 0).unwrap()
    }

    fn declared(id: i64, on: u32, event: DeclarationEvent) -> Declaration {
        Declaration { id: DeclarationId(id), at: at(on), actor: Actor::Citizen, event }
    }

    #[test]
    fn the_data_use_line_counts_what_is_valid_now_and_the_last_change() {
        let decls = [
            declared(1, 2, DeclarationEvent::ConsentGiven(Sector::Healthcare)),
            declared(
                2,
                3,
                DeclarationEvent::DenialSet {
                    scope: DenialScope::Comprehensive(Sector::SocialWelfare),
                    allow_in_emergency: false,
                },
            ),
            declared(3, 4, DeclarationEvent::DenialSet { scope: DenialScope::Uusimaa, allow_in_emergency: false }),
            declared(4, 5, DeclarationEvent::DenialCancelled { denial: DeclarationId(3) }),
        ];
        let line = data_use_at_a_glance(&decls, at(20));
        assert_eq!(line.consents, [(Sector::Healthcare, true), (Sector::SocialWelfare, false)]);
        assert_eq!(line.valid_denials, 1);
        assert_eq!(line.last_change, Some(at(5)));
        // As of the 4th, the cancellation had not happened.
        assert_eq!(data_use_at_a_glance(&decls, at(4)).valid_denials, 2);
        assert_eq!(
            data_use_at_a_glance(&[], at(4)),
            DataUseAtAGlance {
                consents: vec![(Sector::Healthcare, false), (Sector::SocialWelfare, false)],
                valid_denials: 0,
                last_change: None
            }
        );
    }

    #[test]
    fn new_counts_from_the_day_of_the_last_login_or_30_days_back() {
        let now = at(27);
        // 23:30 UTC on the 9th is already the 10th in Helsinki.
        let login = Utc.with_ymd_and_hms(2026, 11, 9, 23, 30, 0).unwrap();
        assert_eq!(Since::of(Some(login)).first_day(now), day(2026, 11, 10));
        assert_eq!(Since::of(Some(login)).instant(now), login);
        assert_eq!(Since::of(None), Since::LastDays);
        assert_eq!(Since::LastDays.first_day(now), day(2026, 10, 28));
    }
}

//! How a citizen lists their own records: the parsed filter of
//! the records pages, the keyset page cursor, and what a guardian may see of
//! a child's data (DOMAIN.md §6). Pure: no I/O. How URLs write the filter
//! and the cursor is `api::filters`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::declarations::{ProviderId, Sector, ServiceEventId};
use super::records::{Dispensing, EntryKind, Prescription, RegisterId};

/// Service events per page of the records lists.
pub const EVENTS_PER_PAGE: usize = 20;

/// Which records page: healthcare registers or social welfare client registers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RecordSection {
    Health,
    SocialWelfare,
}

impl RecordSection {
    pub fn sector(self) -> Sector {
        match self {
            RecordSection::Health => Sector::Healthcare,
            RecordSection::SocialWelfare => Sector::SocialWelfare,
        }
    }
}

/// A parsed filter: every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordFilter {
    pub register: Option<RegisterId>,
    pub provider: Option<ProviderId>,
    pub kind: Option<EntryKind>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub after: Option<PageCursor>,
    /// Show the page of events just newer than this one instead.
    pub before: Option<PageCursor>,
}

/// Where the next page starts: after this service event in the order
/// "newest first" (start date descending, then id descending).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageCursor {
    pub started_on: NaiveDate,
    pub event: ServiceEventId,
}

/// Rows per page of a log the citizen reads (views made while acting for
/// them).
pub const LOG_ROWS_PER_PAGE: usize = 50;

/// Where the next page of a log starts: after this row, in the order
/// "newest first" (time descending, then id descending). In a URL as
/// `{microseconds since 1970}.{id}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogCursor {
    pub at: chrono::DateTime<chrono::Utc>,
    pub id: i64,
}

impl LogCursor {
    pub fn encode(self) -> String {
        format!("{}.{}", self.at.timestamp_micros(), self.id)
    }

    pub fn parse(s: &str) -> Option<Self> {
        let (at, id) = s.split_once('.')?;
        let at = chrono::DateTime::from_timestamp_micros(at.parse().ok()?)?;
        Some(LogCursor { at, id: id.parse().ok()? })
    }
}

/// What a person may see of a citizen's data (DOMAIN.md §6): all of their
/// own; of a child under 18 in their guardianship, what was recorded before
/// the child turned 10; of an adult who gave them an e-authorisation, the
/// sectors whose matters it names (healthcare: health data, prescriptions,
/// laboratory results, vaccinations; social welfare: client documents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visibility {
    /// The first day that is not shown, if any.
    before: Option<NaiveDate>,
    healthcare: bool,
    social_welfare: bool,
}

impl Visibility {
    /// All of it: the citizen's own view.
    pub const EVERYTHING: Visibility = Visibility { before: None, healthcare: true, social_welfare: true };

    /// What was recorded before `limit`, in both sectors.
    pub fn recorded_before(limit: NaiveDate) -> Self {
        Visibility { before: Some(limit), ..Visibility::EVERYTHING }
    }

    /// Only the sectors named, of what `self` shows.
    pub fn of_sectors(self, healthcare: bool, social_welfare: bool) -> Self {
        Visibility {
            healthcare: self.healthcare && healthcare,
            social_welfare: self.social_welfare && social_welfare,
            ..self
        }
    }

    pub fn shows(self, recorded_on: NaiveDate) -> bool {
        self.before.is_none_or(|limit| recorded_on < limit)
    }

    /// Whether the data of this sector is shown at all.
    pub fn covers(self, sector: Sector) -> bool {
        match sector {
            Sector::Healthcare => self.healthcare,
            Sector::SocialWelfare => self.social_welfare,
        }
    }

    /// Whether an item of `sector` recorded on `recorded_on` is shown.
    pub fn shows_of(self, sector: Sector, recorded_on: NaiveDate) -> bool {
        self.covers(sector) && self.shows(recorded_on)
    }

    /// What of `items` the asker may see, each by its sector and the day it
    /// was recorded (a renewal request by its own days, not its
    /// prescription's; a view of the data by its time). Every reader of rows
    /// dated apart from the item they belong to goes through this.
    pub fn keep<T: Recorded>(self, items: Vec<T>) -> Vec<T> {
        if self == Visibility::EVERYTHING {
            return items;
        }
        items.into_iter().filter(|i| self.shows_of(i.sector(), i.recorded_on())).collect()
    }

    /// The prescriptions the asker may see, each with only the dispensings
    /// recorded before the limit (so what is left is counted from those).
    pub fn prescriptions(self, items: Vec<Prescription>) -> Vec<Prescription> {
        self.keep(items)
            .into_iter()
            .map(|mut p| {
                p.dispensings = self.keep(std::mem::take(&mut p.dispensings));
                p
            })
            .collect()
    }

    /// The first day that is not shown, if any.
    pub fn limit(self) -> Option<NaiveDate> {
        self.before
    }
}

/// Something recorded on a day of its own, which a guardian's age limit
/// is decided by (DOMAIN.md §6), in a sector, which an e-authorisation's
/// matters are (healthcare unless said otherwise: prescriptions, their
/// dispensings and renewal requests are).
pub trait Recorded {
    fn recorded_on(&self) -> NaiveDate;
    fn sector(&self) -> Sector {
        Sector::Healthcare
    }
}

impl Recorded for Prescription {
    fn recorded_on(&self) -> NaiveDate {
        self.prescribed_on
    }
}

impl Recorded for Dispensing {
    fn recorded_on(&self) -> NaiveDate {
        self.dispensed_on
    }
}

/// The birthday on which a person born on `born` turns `years` (29 February
/// birthdays fall on 1 March in common years).
pub fn birthday(born: NaiveDate, years: i32) -> NaiveDate {
    let year = born.year() + years;
    NaiveDate::from_ymd_opt(year, born.month(), born.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .unwrap_or(born)
}

/// A guardian acting for a child born on `born`, on `today`: `None` when the
/// child is 18 or older (nobody acts for an adult), else what may be seen.
pub fn guardian_visibility(born: NaiveDate, today: NaiveDate) -> Option<Visibility> {
    (today < birthday(born, 18)).then(|| Visibility::recorded_before(birthday(born, 10)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_guardian_sees_what_was_recorded_before_the_child_turned_ten() {
        // Sofia, born 2 June 2010, is 16 on 24 November 2026.
        let v = guardian_visibility(d(2010, 6, 2), d(2026, 11, 24)).unwrap();
        assert_eq!(v, Visibility::recorded_before(d(2020, 6, 2)));
        assert!(v.shows(d(2020, 6, 1)));
        assert!(!v.shows(d(2020, 6, 2)));
        // Eetu, 8: everything recorded so far is before his tenth birthday.
        let v = guardian_visibility(d(2018, 2, 19), d(2026, 11, 24)).unwrap();
        assert!(v.shows(d(2026, 11, 24)));
    }

    #[test]
    fn a_guardian_sees_a_prescription_from_before_ten_without_what_was_dispensed_after() {
        use crate::domain::declarations::{PrescriptionId, ProviderId};
        use crate::domain::records::{Unit, UnitId};
        let dispensed = |on| Dispensing { pharmacy: ProviderId("apteekki".into()), dispensed_on: on, amount: 30 };
        let prescription = |on, dispensings| Prescription {
            id: PrescriptionId(1),
            prescriber: ProviderId("hus".into()),
            prescriber_unit: Unit { id: UnitId("u".into()), provider: ProviderId("hus".into()), name: "u".into() },
            medicine: "Salbutamoli".into(),
            strength: "0,1 mg/annos".into(),
            dosage: "1–2 inhalaatiota".into(),
            prescribed_on: on,
            valid_until: on + chrono::Duration::days(730),
            amount: 90,
            amount_unit: "annos".into(),
            form: None,
            atc_code: None,
            purpose: None,
            dispensings,
            class: crate::domain::renewal::MedicineClass::Ordinary,
        };
        let limit = Visibility::recorded_before(d(2020, 6, 2));
        let kept = limit.prescriptions(vec![
            prescription(d(2020, 1, 10), vec![dispensed(d(2020, 1, 11)), dispensed(d(2020, 6, 2))]),
            prescription(d(2020, 6, 2), vec![]),
        ]);
        assert_eq!(kept.len(), 1, "the one prescribed after the tenth birthday is not shown");
        assert_eq!(kept[0].dispensings, [dispensed(d(2020, 1, 11))], "nor what was dispensed after it");
        assert_eq!(kept[0].amount_left(), 60);
        let all =
            Visibility::EVERYTHING.prescriptions(vec![prescription(d(2020, 1, 10), vec![dispensed(d(2024, 1, 1))])]);
        assert_eq!(all[0].dispensings.len(), 1);
    }

    #[test]
    fn a_log_cursor_reads_back_what_it_wrote_and_nothing_else() {
        let c = LogCursor { at: chrono::DateTime::from_timestamp_micros(1_764_000_000_123_456).unwrap(), id: 42 };
        assert_eq!(LogCursor::parse(&c.encode()), Some(c));
        for bad in ["", ".", "1.", ".2", "x.2", "1.y", "1.2.3", "99999999999999999999.1", "1764000000123456"] {
            assert_eq!(LogCursor::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn nobody_acts_for_an_adult() {
        assert_eq!(guardian_visibility(d(2008, 11, 24), d(2026, 11, 24)), None);
        assert!(guardian_visibility(d(2008, 11, 25), d(2026, 11, 24)).is_some());
    }

    #[test]
    fn leap_day_birthdays_fall_on_the_first_of_march() {
        assert_eq!(birthday(d(2012, 2, 29), 10), d(2022, 3, 1));
        assert_eq!(birthday(d(2012, 2, 29), 12), d(2024, 2, 29));
    }
}

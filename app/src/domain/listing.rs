//! How a citizen lists their own records (issue 4): the parsed filter of
//! the records pages, the keyset page cursor, and what a guardian may see of
//! a child's data (DOMAIN.md §6). Pure: no I/O. How URLs write the filter
//! and the cursor is `api::filters`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::declarations::{ProviderId, Sector, ServiceEventId};
use super::records::{EntryKind, RegisterId};

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

/// What a person may see of a citizen's data (DOMAIN.md §6): all of their
/// own; of a child under 18 in their guardianship, what was recorded before
/// the child turned 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Everything,
    RecordedBefore(NaiveDate),
}

impl Visibility {
    pub fn shows(self, recorded_on: NaiveDate) -> bool {
        match self {
            Visibility::Everything => true,
            Visibility::RecordedBefore(limit) => recorded_on < limit,
        }
    }

    /// The first day that is not shown, if any.
    pub fn limit(self) -> Option<NaiveDate> {
        match self {
            Visibility::Everything => None,
            Visibility::RecordedBefore(d) => Some(d),
        }
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
    (today < birthday(born, 18)).then(|| Visibility::RecordedBefore(birthday(born, 10)))
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
        assert_eq!(v, Visibility::RecordedBefore(d(2020, 6, 2)));
        assert!(v.shows(d(2020, 6, 1)));
        assert!(!v.shows(d(2020, 6, 2)));
        // Eetu, 8: everything recorded so far is before his tenth birthday.
        let v = guardian_visibility(d(2018, 2, 19), d(2026, 11, 24)).unwrap();
        assert!(v.shows(d(2026, 11, 24)));
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

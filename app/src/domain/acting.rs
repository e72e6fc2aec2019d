//! Acting for someone else (DOMAIN.md §6, §8): a guardian for a child
//! under 18, or an adult for another adult by an e-authorisation. Which
//! right holds on a day, and what it lets the actor see and do. Pure: the
//! guardianship and the authorisations come in, the day too.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::listing::{birthday, guardian_visibility, Visibility};

/// Whose data is shown when it is not the citizen's own, and by which right
/// (for the header on every page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActingFor {
    pub name: String,
    pub right: ActingRight,
    /// The last day the right holds.
    pub until: NaiveDate,
}

/// By which right one person sees another's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActingRight {
    /// A guardian, for a child under 18 (from the population register).
    Guardian,
    /// An e-authorisation (Suomi.fi), for an adult.
    Authorisation,
}

string_form!(ActingRight {
    Guardian => "guardian",
    Authorisation => "authorisation",
});

impl ActingRight {
    /// Whether the right allows declarations (consents, denials, a notice
    /// confirmation for the child): a guardian's does; an e-authorisation
    /// never does, it allows viewing and renewal requests only (§6, §8).
    pub fn may_declare(self) -> bool {
        matches!(self, ActingRight::Guardian)
    }

    /// Whether the right reaches a matter that is otherwise the person's
    /// own: an agent's view of who viewed the principal's data, and a
    /// guardian's of the child's wellbeing data.
    pub fn reaches(self, matter: OwnMatter) -> bool {
        matches!(
            (self, matter),
            (ActingRight::Authorisation, OwnMatter::ViewingLog) | (ActingRight::Guardian, OwnMatter::WellbeingData)
        )
    }
}

/// What only the person themself does or sees, whoever acts for them
/// (DOMAIN.md §6, §8). Acting for someone otherwise means seeing their data
/// within the right's limits, sending renewal requests, and for a guardian
/// confirming the notice and giving and withdrawing consents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OwnMatter {
    /// Setting and cancelling denials, the prescriptions' emergency
    /// permission included: a guardian asks for one at a unit (seed 004).
    Denials,
    /// Seeing or making the living will and the organ donation testament.
    Wills,
    /// The consent to disclose prescriptions abroad: a minor's are never
    /// disclosed, and an agent makes no declarations.
    AbroadConsent,
    /// Who viewed the data: not shown to a guardian.
    ViewingLog,
    /// The wellbeing data and the consents to share it: a guardian's for a
    /// child too, never an agent's (kanta.fi: "the assignee cannot process
    /// … wellbeing data").
    WellbeingData,
}

string_form!(OwnMatter {
    Denials => "denials",
    Wills => "wills",
    AbroadConsent => "abroad_consent",
    ViewingLog => "viewing_log",
    WellbeingData => "wellbeing_data",
});

/// The matters an e-authorisation names (Suomi.fi): "managing matters
/// related to healthcare" (health data, prescriptions, laboratory results,
/// vaccinations, renewal requests) and, separately, social welfare matters
/// (client documents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorisedMatters {
    pub healthcare: bool,
    pub social_welfare: bool,
}

/// An e-authorisation: its days, from `valid_from` to `valid_until`, both
/// included (Helsinki dates), and its matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorisationPeriod {
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub matters: AuthorisedMatters,
}

impl AuthorisationPeriod {
    pub fn holds_on(self, day: NaiveDate) -> bool {
        self.valid_from <= day && day <= self.valid_until
    }
}

/// What acting for a person amounts to on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Acting {
    pub right: ActingRight,
    pub visibility: Visibility,
    /// The last day the right holds.
    pub until: NaiveDate,
}

/// Whether, and how, one person may act for another on `today`:
/// `child_born` is the other's birth date when they are in the person's
/// guardianship; `authorisations` are the e-authorisations the other gave
/// the person. A guardianship of a child under 18 comes first (what was
/// recorded before the child turned 10: `guardian_visibility`); else the
/// authorisations valid today show what the principal sees of the sectors
/// their matters name; else nothing: an expired or future authorisation
/// does nothing.
pub fn acting_on(
    child_born: Option<NaiveDate>,
    authorisations: &[AuthorisationPeriod],
    today: NaiveDate,
) -> Option<Acting> {
    if let Some(born) = child_born {
        if let Some(visibility) = guardian_visibility(born, today) {
            let until = birthday(born, 18) - Duration::days(1);
            return Some(Acting { right: ActingRight::Guardian, visibility, until });
        }
    }
    let valid: Vec<_> = authorisations.iter().filter(|a| a.holds_on(today)).collect();
    let until = valid.iter().map(|a| a.valid_until).max()?;
    let healthcare = valid.iter().any(|a| a.matters.healthcare);
    let social_welfare = valid.iter().any(|a| a.matters.social_welfare);
    let visibility = Visibility::EVERYTHING.of_sectors(healthcare, social_welfare);
    Some(Acting { right: ActingRight::Authorisation, visibility, until })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const BOTH: AuthorisedMatters = AuthorisedMatters { healthcare: true, social_welfare: true };

    fn period(from: NaiveDate, until: NaiveDate) -> AuthorisationPeriod {
        AuthorisationPeriod { valid_from: from, valid_until: until, matters: BOTH }
    }

    #[test]
    fn an_authorisation_holds_from_its_first_day_to_its_last_both_included() {
        let a = [period(d(2025, 6, 1), d(2027, 5, 31))];
        assert_eq!(acting_on(None, &a, d(2025, 5, 31)), None, "the day before");
        for day in [d(2025, 6, 1), d(2026, 11, 27), d(2027, 5, 31)] {
            let acting = acting_on(None, &a, day).unwrap();
            assert_eq!(acting.right, ActingRight::Authorisation);
            assert_eq!(acting.visibility, Visibility::EVERYTHING, "both matters: the principal's data as they see it");
            assert_eq!(acting.until, d(2027, 5, 31));
        }
        assert_eq!(acting_on(None, &a, d(2027, 6, 1)), None, "an expired authorisation does nothing");
    }

    #[test]
    fn an_authorisation_shows_only_the_sectors_its_matters_name() {
        use crate::domain::declarations::Sector;
        let healthcare_only = AuthorisedMatters { healthcare: true, social_welfare: false };
        let a = [AuthorisationPeriod { matters: healthcare_only, ..period(d(2025, 6, 1), d(2027, 5, 31)) }];
        let v = acting_on(None, &a, d(2026, 1, 1)).unwrap().visibility;
        assert!(v.covers(Sector::Healthcare) && !v.covers(Sector::SocialWelfare));
        // A second, social welfare authorisation valid today adds its sector; an expired one does not.
        let social = AuthorisedMatters { healthcare: false, social_welfare: true };
        let expired = AuthorisationPeriod { matters: social, ..period(d(2020, 1, 1), d(2020, 12, 31)) };
        assert!(!acting_on(None, &[a[0], expired], d(2026, 1, 1)).unwrap().visibility.covers(Sector::SocialWelfare));
        let valid = AuthorisationPeriod { matters: social, ..period(d(2026, 1, 1), d(2026, 12, 31)) };
        assert_eq!(acting_on(None, &[a[0], valid], d(2026, 6, 1)).unwrap().visibility, Visibility::EVERYTHING);
    }

    #[test]
    fn of_several_authorisations_the_one_valid_today_counts_and_the_latest_end_is_shown() {
        let a = [period(d(2020, 1, 1), d(2022, 12, 31)), period(d(2026, 1, 1), d(2026, 12, 31))];
        assert_eq!(acting_on(None, &a, d(2024, 3, 1)), None, "between the two");
        assert_eq!(acting_on(None, &a, d(2026, 3, 1)).unwrap().until, d(2026, 12, 31));
        let overlapping = [period(d(2026, 1, 1), d(2026, 12, 31)), period(d(2026, 6, 1), d(2028, 5, 31))];
        assert_eq!(acting_on(None, &overlapping, d(2026, 7, 1)).unwrap().until, d(2028, 5, 31));
        assert_eq!(acting_on(None, &[], d(2026, 7, 1)), None);
    }

    #[test]
    fn a_guardianship_of_a_minor_comes_first_and_ends_at_eighteen() {
        let born = d(2010, 6, 2);
        let a = [period(d(2026, 1, 1), d(2030, 12, 31))];
        let minor = acting_on(Some(born), &a, d(2026, 11, 27)).unwrap();
        assert_eq!(minor.right, ActingRight::Guardian);
        assert_eq!(minor.visibility, Visibility::recorded_before(d(2020, 6, 2)));
        assert_eq!(minor.until, d(2028, 6, 1));
        // An adult child: the guardianship is over; an authorisation may hold.
        let adult = acting_on(Some(born), &a, d(2028, 6, 2)).unwrap();
        assert_eq!(adult.right, ActingRight::Authorisation);
        assert_eq!(acting_on(Some(born), &[], d(2028, 6, 2)), None);
    }

    #[test]
    fn a_guardian_handles_no_denials_wills_abroad_consent_or_viewing_log_of_a_child() {
        for m in [OwnMatter::Denials, OwnMatter::Wills, OwnMatter::AbroadConsent, OwnMatter::ViewingLog] {
            assert!(!ActingRight::Guardian.reaches(m), "{m:?}");
        }
        assert!(ActingRight::Authorisation.reaches(OwnMatter::ViewingLog));
        for m in [OwnMatter::Denials, OwnMatter::Wills, OwnMatter::AbroadConsent] {
            assert!(!ActingRight::Authorisation.reaches(m), "{m:?}");
        }
    }

    #[test]
    fn a_guardian_handles_a_childs_wellbeing_data_and_an_agent_never() {
        assert!(ActingRight::Guardian.reaches(OwnMatter::WellbeingData));
        assert!(!ActingRight::Authorisation.reaches(OwnMatter::WellbeingData));
    }

    #[test]
    fn only_a_guardian_may_declare() {
        assert!(ActingRight::Guardian.may_declare());
        assert!(!ActingRight::Authorisation.may_declare());
    }
}

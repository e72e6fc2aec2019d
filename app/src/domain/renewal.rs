//! Prescription renewal requests (DOMAIN.md §8, issue 12): which
//! prescriptions may be asked to be renewed, what a request's message may
//! hold, and the states a request goes through. Pure: the prescription's
//! class and dates come in, the day too.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// A prescribed medicine's class, as the Prescription Centre flags it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MedicineClass {
    Ordinary,
    /// A narcotic: never renewed by request, never disclosed abroad.
    Narcotic,
    /// Another medicine acting on the central nervous system: never
    /// disclosed abroad.
    CentralNervousSystem,
}

string_form!(MedicineClass {
    Ordinary => "ordinary",
    Narcotic => "narcotic",
    CentralNervousSystem => "cns",
});

/// Where a renewal request is. A new request is `Sent`; the provider moves
/// it on (here only in seeded data: there is no professionals' side).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RenewalState {
    Sent,
    InProgress,
    Renewed,
    Declined,
}

string_form!(RenewalState {
    Sent => "sent",
    InProgress => "in_progress",
    Renewed => "renewed",
    Declined => "declined",
});

impl RenewalState {
    /// Still with the provider: a second request for the same prescription
    /// would only be a duplicate.
    pub fn is_open(self) -> bool {
        matches!(self, RenewalState::Sent | RenewalState::InProgress)
    }
}

/// How long after its last valid day a prescription may still be asked to
/// be renewed ("recently expired").
pub const RENEWABLE_DAYS_AFTER_EXPIRY: i64 = 180;
/// The longest message to the provider, in characters.
pub const MESSAGE_MAX_CHARS: usize = 500;

/// Why a renewal request is refused; nothing is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RenewalRefusal {
    /// Narcotic prescriptions are renewed only at an appointment.
    Narcotic,
    /// Expired more than `RENEWABLE_DAYS_AFTER_EXPIRY` days ago.
    ExpiredTooLongAgo,
    /// A request for it is still sent or in progress.
    AlreadyRequested,
    /// The message is longer than `MESSAGE_MAX_CHARS`.
    MessageTooLong,
    /// The message holds control characters or direction overrides
    /// (`domain::text`).
    MessageNotText,
    /// The provider is not one that renews prescriptions (unknown, or a pharmacy).
    Provider,
}

/// Whether a prescription of `class`, valid until `valid_until`, may be
/// asked to be renewed on `today`, given the states of its earlier requests.
pub fn may_request_renewal(
    class: MedicineClass,
    valid_until: NaiveDate,
    earlier: &[RenewalState],
    today: NaiveDate,
) -> Result<(), RenewalRefusal> {
    if class == MedicineClass::Narcotic {
        return Err(RenewalRefusal::Narcotic);
    }
    if today > valid_until + Duration::days(RENEWABLE_DAYS_AFTER_EXPIRY) {
        return Err(RenewalRefusal::ExpiredTooLongAgo);
    }
    if earlier.iter().any(|s| s.is_open()) {
        return Err(RenewalRefusal::AlreadyRequested);
    }
    Ok(())
}

/// The message as typed (kept exactly, markup and all: pages escape it),
/// or None when nothing but white space was typed.
pub fn message(typed: &str) -> Result<Option<String>, RenewalRefusal> {
    if typed.chars().count() > MESSAGE_MAX_CHARS {
        return Err(RenewalRefusal::MessageTooLong);
    }
    if !super::text::is_clean(typed) {
        return Err(RenewalRefusal::MessageNotText);
    }
    Ok((!typed.trim().is_empty()).then(|| typed.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_valid_or_recently_expired_ordinary_prescription_may_be_renewed() {
        let until = d(2026, 6, 30);
        let ok = |today| may_request_renewal(MedicineClass::Ordinary, until, &[], today);
        assert_eq!(ok(d(2026, 1, 1)), Ok(()), "valid");
        assert_eq!(ok(d(2026, 6, 30)), Ok(()), "its last day");
        assert_eq!(ok(until + Duration::days(RENEWABLE_DAYS_AFTER_EXPIRY)), Ok(()), "the last day it may be asked");
        assert_eq!(ok(until + Duration::days(RENEWABLE_DAYS_AFTER_EXPIRY + 1)), Err(RenewalRefusal::ExpiredTooLongAgo));
        assert_eq!(
            may_request_renewal(MedicineClass::CentralNervousSystem, until, &[], d(2026, 1, 1)),
            Ok(()),
            "only narcotics are refused"
        );
    }

    #[test]
    fn a_narcotic_is_never_renewed_by_request() {
        assert_eq!(
            may_request_renewal(MedicineClass::Narcotic, d(2027, 1, 1), &[], d(2026, 1, 1)),
            Err(RenewalRefusal::Narcotic)
        );
    }

    #[test]
    fn one_open_request_per_prescription_and_a_closed_one_does_not_count() {
        let until = d(2027, 1, 1);
        let today = d(2026, 11, 27);
        for open in [RenewalState::Sent, RenewalState::InProgress] {
            assert_eq!(
                may_request_renewal(MedicineClass::Ordinary, until, &[RenewalState::Declined, open], today),
                Err(RenewalRefusal::AlreadyRequested)
            );
        }
        let closed = [RenewalState::Renewed, RenewalState::Declined];
        assert_eq!(may_request_renewal(MedicineClass::Ordinary, until, &closed, today), Ok(()));
    }

    #[test]
    fn a_message_is_kept_exactly_as_typed_up_to_its_limit() {
        assert_eq!(message(""), Ok(None));
        assert_eq!(message("  \n "), Ok(None));
        let markup = "  <b>Kiitos</b> & <script>alert(1)</script>\n";
        assert_eq!(message(markup), Ok(Some(markup.to_string())), "stored as typed; the page escapes it");
        let at_limit = "ä".repeat(MESSAGE_MAX_CHARS);
        assert_eq!(message(&at_limit), Ok(Some(at_limit.clone())), "characters, not bytes");
        assert_eq!(message(&format!("{at_limit}a")), Err(RenewalRefusal::MessageTooLong));
    }

    #[test]
    fn a_message_with_control_characters_or_direction_overrides_is_refused() {
        for bad in ["Kiitos\0", "\u{1b}[31mpunainen", "\u{202e}kiitos", "a\u{2067}b"] {
            assert_eq!(message(bad), Err(RenewalRefusal::MessageNotText), "{bad:?}");
        }
        assert_eq!(message("Rivi\r\nrivi"), Ok(Some("Rivi\r\nrivi".to_string())));
    }
}

//! Prescription renewal requests (DOMAIN.md §8): which
//! prescriptions may be asked to be renewed, what a request's message may
//! hold, and the states a request goes through. Pure: the prescription's
//! class and dates come in, the day too.

use chrono::{DateTime, Duration, NaiveDate, Utc};
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
    /// Sent back to the citizen (e.g. to book an appointment instead).
    Returned,
    /// Not handled within [`HANDLED_WITHIN_DAYS`]: derived from time, never
    /// stored (`RenewalState::as_of`).
    Expired,
}

string_form!(RenewalState {
    Sent => "sent",
    InProgress => "in_progress",
    Renewed => "renewed",
    Declined => "declined",
    Returned => "returned",
    Expired => "expired",
});

/// A request not handled within this many days after it was sent expires.
pub const HANDLED_WITHIN_DAYS: i64 = 8;

impl RenewalState {
    /// The state of a request at `now`, and since when: the recorded state
    /// (`recorded_at`), except that one still "sent" `HANDLED_WITHIN_DAYS`
    /// after it was sent has expired then. No background job: time alone.
    pub fn as_of(
        self,
        recorded_at: DateTime<Utc>,
        sent_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> (RenewalState, DateTime<Utc>) {
        let expires = sent_at + Duration::days(HANDLED_WITHIN_DAYS);
        match self {
            RenewalState::Sent if now >= expires => (RenewalState::Expired, expires),
            state => (state, recorded_at),
        }
    }

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
    /// The unit is not one that takes renewal requests (unknown, a pharmacy,
    /// a hospital clinic, social services).
    Unit,
    /// The mobile number for a text message is not a Finnish mobile number.
    Mobile,
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

/// The mobile number for a text message about the result, as typed:
/// spaces and hyphens are ignored; `+358`, `00358` or `0`, then a Finnish
/// mobile prefix (`4…` or `50…`) and the rest, 7 to 10 digits in all after
/// the prefix's zero; kept in international form. None when left empty.
pub fn mobile_number(typed: &str) -> Result<Option<String>, RenewalRefusal> {
    let compact: String = typed.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if compact.is_empty() {
        return Ok(None);
    }
    let national = ["+358", "00358", "0"].iter().find_map(|p| compact.strip_prefix(p)).ok_or(RenewalRefusal::Mobile)?;
    let mobile = national.starts_with('4') || national.starts_with("50");
    if mobile && (7..=10).contains(&national.len()) && national.bytes().all(|b| b.is_ascii_digit()) {
        Ok(Some(format!("+358{national}")))
    } else {
        Err(RenewalRefusal::Mobile)
    }
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
    fn a_request_still_sent_after_eight_days_has_expired_and_may_be_sent_again() {
        use chrono::TimeZone;
        let sent = Utc.with_ymd_and_hms(2026, 11, 1, 10, 0, 0).unwrap();
        let day = |d: i64| sent + Duration::days(d);
        assert_eq!(RenewalState::Sent.as_of(sent, sent, day(8) - Duration::seconds(1)), (RenewalState::Sent, sent));
        assert_eq!(RenewalState::Sent.as_of(sent, sent, day(8)), (RenewalState::Expired, day(8)));
        assert_eq!(
            RenewalState::InProgress.as_of(day(1), sent, day(30)),
            (RenewalState::InProgress, day(1)),
            "being handled"
        );
        assert_eq!(RenewalState::Returned.as_of(day(2), sent, day(30)), (RenewalState::Returned, day(2)));
        for closed in [RenewalState::Expired, RenewalState::Returned] {
            assert!(!closed.is_open());
            assert_eq!(
                may_request_renewal(MedicineClass::Ordinary, day(300).date_naive(), &[closed], day(30).date_naive()),
                Ok(())
            );
        }
    }

    #[test]
    fn a_mobile_number_is_finnish_and_kept_in_international_form() {
        assert_eq!(mobile_number(""), Ok(None));
        assert_eq!(mobile_number("  "), Ok(None));
        for (typed, kept) in [
            ("040 123 4567", "+358401234567"),
            ("+358 40 123 4567", "+358401234567"),
            ("050-1234567", "+358501234567"),
            ("00358451234567", "+358451234567"),
        ] {
            assert_eq!(mobile_number(typed), Ok(Some(kept.to_string())), "{typed}");
        }
        for bad in
            ["09 123 4567", "+46 70 123 4567", "040 123 456a", "04", "+358 40 1234 567 890", "0401234567\u{202e}"]
        {
            assert_eq!(mobile_number(bad), Err(RenewalRefusal::Mobile), "{bad}");
        }
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

//! The audit log's kinds of event, and login throttling: how
//! many failed logins pause logging in for one identity code or from one
//! client address, and for how long. Pure: counts in, a decision out; the
//! counts come from the audit log, so every instance decides alike.

use chrono::{DateTime, Duration, Utc};

/// What an audit event records. Its string form is written once, here (and
/// in the migration's CHECK, which the database holds it to).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditKind {
    Login,
    LoginFailed,
    LoginThrottled,
    Logout,
    /// A session ended: unused for the idle timeout, or at its absolute lifetime.
    SessionExpired,
    /// A guardian began to act for a child.
    ActingFor,
    /// Back to one's own data.
    ActingForSelf,
    /// A request for someone else's data was refused.
    AccessRefused,
    /// An identification through the identification service did not log
    /// the citizen in (the event's detail says why).
    IdentificationFailed,
    /// A copy of the record was downloaded (the detail says which).
    CopyDownloaded,
}

string_form!(AuditKind {
    Login => "login",
    LoginFailed => "login_failed",
    LoginThrottled => "login_throttled",
    Logout => "logout",
    SessionExpired => "session_expired",
    ActingFor => "acting_for",
    ActingForSelf => "acting_for_self",
    AccessRefused => "access_refused",
    IdentificationFailed => "identification_failed",
    CopyDownloaded => "copy_downloaded",
});

/// Failed logins of one identity code from one client address (since the
/// code's last successful login) that pause logging in with that code from
/// that address: the guesser is stopped, the citizen elsewhere is not.
pub const FAILURES_PER_CODE_AND_ADDRESS: i64 = 5;
/// Failed logins from one client address, whatever the codes, that pause
/// logging in from it.
pub const FAILURES_PER_ADDRESS: i64 = 20;
/// Failures of one code from every address together (since its last
/// successful login) within [`CODE_WINDOW_SECONDS`] that pause logging in
/// with the code from anywhere: a guesser with many addresses gets a few
/// tries a minute, and a citizen's correct password waits at most that
/// minute, never the quarter of an hour a stranger could otherwise impose.
pub const FAILURES_PER_CODE: i64 = 10;
/// The per-address windows: failures count for this long.
pub const THROTTLE_MINUTES: i64 = 15;
/// The per-code window, in seconds.
pub const CODE_WINDOW_SECONDS: i64 = 60;

/// Where the failures that count start: of an address, and of a code from
/// one address, `THROTTLE_MINUTES` ago; of a code from everywhere,
/// `CODE_WINDOW_SECONDS` ago.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleWindows {
    pub address: DateTime<Utc>,
    pub code: DateTime<Utc>,
}

pub fn throttle_windows(now: DateTime<Utc>) -> ThrottleWindows {
    ThrottleWindows {
        address: now - Duration::minutes(THROTTLE_MINUTES),
        code: now - Duration::seconds(CODE_WINDOW_SECONDS),
    }
}

/// Failed logins counted in their windows (failures of a code only after
/// its last successful login).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoginFailures {
    /// Of this identity code from this client address.
    pub of_code_from_address: i64,
    /// Of this identity code from every address.
    pub of_code: i64,
    /// From this client address, whatever the codes.
    pub from_address: i64,
}

/// Whether a login attempt is refused before its password is checked. A
/// refused attempt gets the same answer whatever the password and whether
/// or not the code exists.
pub fn login_throttled(f: LoginFailures) -> bool {
    f.of_code_from_address >= FAILURES_PER_CODE_AND_ADDRESS
        || f.from_address >= FAILURES_PER_ADDRESS
        || f.of_code >= FAILURES_PER_CODE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failures(of_code_from_address: i64, of_code: i64, from_address: i64) -> LoginFailures {
        LoginFailures { of_code_from_address, of_code, from_address }
    }

    #[test]
    fn a_guesser_is_paused_on_the_code_from_their_address_and_on_their_address() {
        assert!(!login_throttled(LoginFailures::default()));
        assert!(!login_throttled(failures(FAILURES_PER_CODE_AND_ADDRESS - 1, 4, FAILURES_PER_ADDRESS - 1)));
        assert!(login_throttled(failures(FAILURES_PER_CODE_AND_ADDRESS, 5, 5)));
        assert!(login_throttled(failures(0, 0, FAILURES_PER_ADDRESS)));
    }

    #[test]
    fn failures_from_other_addresses_pause_the_code_only_when_many_come_within_a_minute() {
        // The citizen at a new address after a stranger's five failures elsewhere.
        assert!(!login_throttled(failures(0, FAILURES_PER_CODE_AND_ADDRESS, 0)));
        assert!(!login_throttled(failures(0, FAILURES_PER_CODE - 1, 0)));
        assert!(login_throttled(failures(0, FAILURES_PER_CODE, 0)));
    }

    #[test]
    fn the_windows_are_fifteen_minutes_for_an_address_and_one_for_a_code() {
        let now = DateTime::parse_from_rfc3339("2026-11-26T12:00:00Z").unwrap().with_timezone(&Utc);
        let w = throttle_windows(now);
        assert_eq!(w.address.to_rfc3339(), "2026-11-26T11:45:00+00:00");
        assert_eq!(w.code.to_rfc3339(), "2026-11-26T11:59:00+00:00");
    }

    #[test]
    fn each_kind_has_its_own_string() {
        let all = [
            AuditKind::Login,
            AuditKind::LoginFailed,
            AuditKind::LoginThrottled,
            AuditKind::Logout,
            AuditKind::SessionExpired,
            AuditKind::ActingFor,
            AuditKind::ActingForSelf,
            AuditKind::AccessRefused,
        ];
        let names: std::collections::HashSet<_> = all.iter().map(|k| k.as_str()).collect();
        assert_eq!(names.len(), all.len());
    }
}

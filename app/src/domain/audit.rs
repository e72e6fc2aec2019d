//! The audit log's kinds of event, and login throttling (issue 16): how
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
});

/// Failed logins of one identity code (since its last successful login)
/// that pause logging in with it.
pub const FAILURES_PER_CODE: i64 = 5;
/// Failed logins from one client address that pause logging in from it.
pub const FAILURES_PER_ADDRESS: i64 = 20;
/// Failures count for this long: a pause lasts at most this long.
pub const THROTTLE_MINUTES: i64 = 15;

/// Where the failures that count start: `THROTTLE_MINUTES` ago.
pub fn throttle_window_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::minutes(THROTTLE_MINUTES)
}

/// Whether a login attempt is refused before its password is checked:
/// `of_code` failures of its identity code since the later of the window's
/// start and the code's last successful login, `from_address` failures from
/// its client address within the window. A refused attempt gets the same
/// answer whatever the password and whether or not the code exists.
pub fn login_throttled(of_code: i64, from_address: i64) -> bool {
    of_code >= FAILURES_PER_CODE || from_address >= FAILURES_PER_ADDRESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fifth_failure_of_a_code_or_the_twentieth_from_an_address_pauses_logins() {
        assert!(!login_throttled(0, 0));
        assert!(!login_throttled(FAILURES_PER_CODE - 1, FAILURES_PER_ADDRESS - 1));
        assert!(login_throttled(FAILURES_PER_CODE, 0));
        assert!(login_throttled(0, FAILURES_PER_ADDRESS));
    }

    #[test]
    fn the_window_is_fifteen_minutes() {
        let now = DateTime::parse_from_rfc3339("2026-11-26T12:00:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(throttle_window_start(now).to_rfc3339(), "2026-11-26T11:45:00+00:00");
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

//! Form keys bound to the session and to the form's subject.
//!
//! A page that offers declarations carries one key: 16 hex digits of a
//! random nonce, then 16 of an HMAC-SHA256 tag over the session id, the
//! subject (whose data the page was rendered for) and the nonce, under the
//! deployment's secret (one row in the database, shared by every instance).
//! Each form appends `-` and its own name. The key is also the form's
//! one-time key: a double submit records one event.
//!
//! A key therefore only works in the session that loaded the page and for
//! the person the page was about: a made-up key, a key from another session
//! (e.g. before logging in again) or a page loaded for oneself and submitted
//! after switching to a child in another tab are all refused.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The deployment's secret for form keys; never printed.
#[derive(Clone)]
pub struct FormKeySecret(std::sync::Arc<[u8]>);

impl FormKeySecret {
    pub fn new(bytes: &[u8]) -> Self {
        FormKeySecret(bytes.into())
    }
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for FormKeySecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FormKeySecret(***)")
    }
}

/// The first part of a form's key: the page's key.
pub const PAGE_KEY_LEN: usize = 32;

fn tag(secret: &[u8], session: &str, subject: i64, nonce: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(format!("kanta-form-key\n{session}\n{subject}\n{nonce}").as_bytes());
    mac.finalize().into_bytes()[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// A new page key for this session and subject.
pub fn issue(secret: &[u8], session: &str, subject: i64, nonce: u64) -> String {
    let nonce = format!("{nonce:016x}");
    let tag = tag(secret, session, subject, &nonce);
    format!("{nonce}{tag}")
}

/// Whether `key` has a form key's shape: a page key (32 lowercase hex
/// digits), optionally `-` and the form's name (lowercase ASCII, digits,
/// `-`, `_`), at most 80 bytes. Bytes, not string slices: a multi-byte
/// character anywhere must not panic.
pub fn well_formed(key: &str) -> bool {
    let bytes = key.as_bytes();
    (PAGE_KEY_LEN..=80).contains(&bytes.len())
        && bytes[..PAGE_KEY_LEN].iter().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
        && bytes[PAGE_KEY_LEN..].first().is_none_or(|b| *b == b'-')
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-' || *b == b'_')
}

/// Whether a well-formed `key` was issued in this session for this subject.
pub fn verify(secret: &[u8], session: &str, subject: i64, key: &str) -> bool {
    if !well_formed(key) {
        return false;
    }
    let (nonce, tag_hex) = (&key[..16], &key[16..PAGE_KEY_LEN]);
    let expected = tag(secret, session, subject, nonce);
    // Constant time: compare every byte.
    expected.bytes().zip(tag_hex.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn a_key_works_in_its_session_for_its_subject_with_any_form_name() {
        let key = issue(SECRET, "session-a", 7, 42);
        assert_eq!(key.len(), PAGE_KEY_LEN);
        assert!(verify(SECRET, "session-a", 7, &key));
        assert!(verify(SECRET, "session-a", 7, &format!("{key}-consent-healthcare")));
    }

    #[test]
    fn another_session_subject_secret_or_a_changed_digit_is_refused() {
        let key = issue(SECRET, "session-a", 7, 42);
        assert!(!verify(SECRET, "session-b", 7, &key));
        assert!(!verify(SECRET, "session-a", 8, &key));
        assert!(!verify(b"another secret", "session-a", 7, &key));
        let mut forged = key.clone().into_bytes();
        forged[20] = if forged[20] == b'0' { b'1' } else { b'0' };
        assert!(!verify(SECRET, "session-a", 7, std::str::from_utf8(&forged).unwrap()));
        assert!(!verify(SECRET, "session-a", 7, &format!("{:032x}", 1)));
    }

    #[test]
    fn odd_keys_are_refused_without_panicking() {
        let key = issue(SECRET, "s", 1, 1);
        for odd in [
            String::new(),
            key[..31].to_string(),
            format!("{}ä{}", "a".repeat(31), "b".repeat(10)),
            format!("{key}x"),
            format!("{key}-Ä"),
            key.to_uppercase(),
            format!("{key}-{}", "a".repeat(60)),
        ] {
            assert!(!verify(SECRET, "s", 1, &odd), "{odd}");
        }
    }
}

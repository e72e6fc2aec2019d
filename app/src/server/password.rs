//! Password hashing with argon2id (OWASP parameters: 19 MiB, 2 iterations,
//! 1 lane), always off the async worker threads.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;

use crate::error::AppError;

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password (blocking: call from `spawn_blocking` or a CLI).
pub fn hash_blocking(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon2().hash_password(password.as_bytes(), &salt).expect("argon2 hashing").to_string()
}

/// A hash that no password of ours matches, verified for unknown identity
/// codes so that they take as long as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_blocking("decoy: no account has this password"))
}

/// At most two verifications per core run at once (each holds 19 MiB and a
/// core for tens of milliseconds); more logins wait for a turn, so a burst
/// of logins (or an attack) cannot take all memory or starve the pages.
fn hashing_turns() -> &'static tokio::sync::Semaphore {
    static TURNS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    TURNS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new(2 * cores)
    })
}

/// Verifies `password` against `stored` (or against the decoy when there is
/// no stored hash), on the blocking pool. Only `Ok(true)` means a match.
pub async fn verify(stored: Option<String>, password: String) -> Result<bool, AppError> {
    let _turn = hashing_turns().acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(move || {
        let (hash, real) = match stored.as_deref() {
            Some(h) => (h, true),
            None => (decoy_hash(), false),
        };
        let parsed = match PasswordHash::new(hash) {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(error = %e, "stored password hash does not parse");
                return false;
            }
        };
        let ok = argon2().verify_password(password.as_bytes(), &parsed).is_ok();
        ok && real
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "password verification task failed");
        AppError::Internal
    })
}

/// Warms the decoy hash so the first unknown-code login is not faster.
pub async fn warm_up() {
    let _ = tokio::task::spawn_blocking(|| decoy_hash().len()).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_password() {
        let hash = hash_blocking("kanta-demo");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert_eq!(verify(Some(hash.clone()), "kanta-demo".into()).await, Ok(true));
        assert_eq!(verify(Some(hash), "kanta-demo ".into()).await, Ok(false));
    }

    #[tokio::test]
    async fn no_stored_hash_never_verifies() {
        assert_eq!(verify(None, "decoy: no account has this password".into()).await, Ok(false));
    }
}

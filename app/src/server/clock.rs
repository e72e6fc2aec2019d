//! The portal's clock: the system's, or in the tests one that a test moves
//! forward, so that every rule that reads "now" (a session's idle timeout
//! and lifetime, the notice in force, a consent's validity, a renewal
//! request's state) is tested by moving time instead of waiting for it.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

/// The system's time, plus an offset only a test's clock moves.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_ms: Option<Arc<AtomicI64>>,
}

impl Clock {
    pub fn system() -> Self {
        Self::default()
    }

    /// A clock a test moves forward with [`Clock::advance`].
    pub fn adjustable() -> Self {
        Clock { offset_ms: Some(Arc::new(AtomicI64::new(0))) }
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::milliseconds(self.offset_ms.as_ref().map_or(0, |o| o.load(Ordering::SeqCst)))
    }

    /// Moves an adjustable clock forward; the system's cannot be moved.
    pub fn advance(&self, by: std::time::Duration) {
        if let Some(offset) = &self.offset_ms {
            offset.fetch_add(i64::try_from(by.as_millis()).unwrap_or(i64::MAX), Ordering::SeqCst);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_adjustable_clock_moves() {
        let system = Clock::system();
        system.advance(std::time::Duration::from_secs(3600));
        assert!((system.now() - Utc::now()).num_seconds().abs() < 5);
        let test = Clock::adjustable();
        test.advance(std::time::Duration::from_secs(3600));
        let ahead = (test.now() - Utc::now()).num_seconds();
        assert!((3595..=3600).contains(&ahead), "{ahead}");
    }
}

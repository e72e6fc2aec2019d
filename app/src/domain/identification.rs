//! Strong electronic identification as the Finnish Trust Network defines it:
//! the levels of assurance a provider states (`acr`), which of them the
//! portal accepts for health and social welfare data, and what a citizen is
//! told when an identification does not log them in.

use serde::{Deserialize, Serialize};

/// The FTN's `acr` value for the substantial level of assurance.
pub const ACR_SUBSTANTIAL: &str = "http://ftn.ficora.fi/2017/loa2";
/// The FTN's `acr` value for the high level of assurance.
pub const ACR_HIGH: &str = "http://ftn.ficora.fi/2017/loa3";

/// A level of assurance the portal accepts: the FTN's two. Anything else
/// (a low level, another scheme's value, none) is not strong identification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssuranceLevel {
    Substantial,
    High,
}

impl AssuranceLevel {
    pub fn from_acr(acr: &str) -> Option<AssuranceLevel> {
        match acr {
            ACR_SUBSTANTIAL => Some(AssuranceLevel::Substantial),
            ACR_HIGH => Some(AssuranceLevel::High),
            _ => None,
        }
    }

    pub fn acr(self) -> &'static str {
        match self {
            AssuranceLevel::Substantial => ACR_SUBSTANTIAL,
            AssuranceLevel::High => ACR_HIGH,
        }
    }
}

/// Why an identification did not log the citizen in, as they are told it.
/// The audit log keeps the finer cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdentificationFailure {
    /// The citizen cancelled at the identification service.
    Cancelled,
    /// The answer does not belong to an identification begun in this
    /// browser (no such identification under way, or another `state`).
    NotThisBrowser,
    /// The identification service refused to complete it (e.g. the code
    /// was used already, or it expired).
    Rejected,
    /// The identification could not be verified (its signature, encryption,
    /// issuer, audience, time or nonce).
    NotVerified,
    /// Identified, but not at the substantial or high level.
    LevelTooLow,
    /// Identified, but the portal holds no data of this person.
    UnknownPerson,
    /// The identification service did not answer (down, or too slow).
    Unavailable,
}

impl IdentificationFailure {
    pub fn status(self) -> u16 {
        match self {
            IdentificationFailure::NotThisBrowser => 400,
            IdentificationFailure::Cancelled | IdentificationFailure::Rejected | IdentificationFailure::NotVerified => {
                401
            }
            IdentificationFailure::LevelTooLow | IdentificationFailure::UnknownPerson => 403,
            IdentificationFailure::Unavailable => 503,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_ftn_levels_substantial_and_high_are_accepted() {
        assert_eq!(AssuranceLevel::from_acr(ACR_HIGH), Some(AssuranceLevel::High));
        assert_eq!(AssuranceLevel::from_acr(ACR_SUBSTANTIAL), Some(AssuranceLevel::Substantial));
        for other in ["http://ftn.ficora.fi/2017/loa1", "loa3", "", "http://eidas.europa.eu/LoA/low"] {
            assert_eq!(AssuranceLevel::from_acr(other), None, "{other}");
        }
        for level in [AssuranceLevel::Substantial, AssuranceLevel::High] {
            assert_eq!(AssuranceLevel::from_acr(level.acr()), Some(level));
        }
    }
}

//! Strong identification through OpenID Connect, as the Finnish Trust
//! Network's profile (Traficom recommendation 213/2023 S) asks of a relying
//! party: the authorisation code flow with PKCE, `state` and `nonce`; the
//! request as a signed request object (JAR); `private_key_jwt` at the token
//! endpoint; the ID token signed by the provider and encrypted to the
//! portal, checked against the provider's published keys (fetched again for
//! a key not yet seen); `iss`, `aud`, `exp`, `iat`, `nonce` and the level of
//! assurance checked; the personal identity code from a configured claim.
//! The portal publishes its own public keys at [`JWKS_PATH`]. Logging out
//! ends the provider's session too (RP-initiated logout).
//!
//! Routes: `GET /identify?next=…` begins (a redirect to the provider),
//! `GET /identify/callback` completes, and every failure is a translated
//! page with its status and an audit event, never a 500.

pub mod keys;
mod provider;
mod routes;
pub mod tokens;
#[cfg(test)]
mod tokens_tests;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use keys::PortalKeys;
use provider::ProviderClient;
pub use routes::router;

/// Where the portal publishes its public keys.
pub const JWKS_PATH: &str = "/.well-known/jwks.json";
/// The personal identity code's claim unless configured otherwise.
pub const DEFAULT_IDENTITY_CLAIM: &str = "personal_identity_code";

/// How the portal identifies citizens (`--oidc-*`, README).
#[derive(Debug, Clone)]
pub struct IdentificationSettings {
    /// The provider's issuer URL (its metadata is under it).
    pub issuer: String,
    pub client_id: String,
    pub signing_key: PathBuf,
    pub encryption_key: PathBuf,
    /// The claim that carries the personal identity code.
    pub identity_claim: String,
    /// The portal's address as browsers reach it: the redirect and
    /// post-logout URIs are under it.
    pub public_url: String,
    /// How long a call to the provider may take.
    pub timeout: Duration,
}

/// The relying party, ready: its keys loaded, the provider's client made.
#[derive(Clone)]
pub struct Identification(Arc<Inner>);

struct Inner {
    settings: IdentificationSettings,
    keys: PortalKeys,
    provider: ProviderClient,
}

impl Identification {
    pub fn new(settings: IdentificationSettings) -> Result<Identification, String> {
        let keys = PortalKeys::load(&settings.signing_key, &settings.encryption_key)?;
        let provider = ProviderClient::new(&settings.issuer, settings.timeout)?;
        Ok(Identification(Arc::new(Inner { settings, keys, provider })))
    }

    fn redirect_uri(&self) -> String {
        format!("{}/identify/callback", self.0.settings.public_url.trim_end_matches('/'))
    }

    fn post_logout_uri(&self) -> String {
        format!("{}/login?logged_out", self.0.settings.public_url.trim_end_matches('/'))
    }
}

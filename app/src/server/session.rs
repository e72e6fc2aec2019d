//! The portal's session, typed (as zero2prod's `TypedSession`): what a
//! session holds is named here once, with its type, and nowhere else; the
//! server functions and the middleware ask it questions instead of reading
//! keys. The session store reads the citizen's id by `CITIZEN_ID` (to audit
//! a swept session).

use tower_sessions::session::Error;
use tower_sessions::Session;

use super::rows::CitizenId;

/// The session key of the logged-in citizen's id.
pub const CITIZEN_ID: &str = "citizen_id";
/// The login's time (Unix seconds): the absolute lifetime counts from it.
const LOGGED_IN_AT: &str = "logged_in_at";
/// When a request last extended the session (Unix seconds).
const SEEN_AT: &str = "seen_at";
/// The person the citizen acts for, if any: a child, or an adult who gave
/// them an e-authorisation.
const ACTING_FOR: &str = "acting_for";
/// What the last action did, for the next page to say once (`api::flash`).
const FLASH: &str = "flash";
/// Whether the citizen could act for someone when they logged in: the menu
/// then offers the choice of whose matters to handle.
const ACTS_FOR_OTHERS: &str = "acts_for_others";
/// An identification under way in this browser: what its answer must match.
const PENDING_IDENTIFICATION: &str = "pending_identification";
/// Where logging out sends the citizen to end the identification service's
/// session too (RP-initiated logout), for a citizen who identified there.
const PROVIDER_LOGOUT: &str = "provider_logout";

/// What an identification begun in this browser keeps until its answer
/// comes back: the `state` the answer must carry, the `nonce` its ID token
/// must carry, the PKCE verifier, the page to go to after logging in, and
/// when it began (Unix seconds).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PendingIdentification {
    pub state: String,
    pub nonce: String,
    pub code_verifier: String,
    pub next: Option<String>,
    pub started_at: i64,
}

#[derive(Debug, Clone)]
pub struct TypedSession(Session);

impl From<Session> for TypedSession {
    fn from(session: Session) -> Self {
        TypedSession(session)
    }
}

impl TypedSession {
    /// Logs `citizen` in at `at` (Unix seconds): a new session id, and
    /// nothing of an earlier session (e.g. whom it acted for) kept.
    pub async fn log_in(&self, citizen: CitizenId, at: i64) -> Result<(), Error> {
        self.0.cycle_id().await?;
        self.0.clear().await;
        self.0.insert(LOGGED_IN_AT, at).await?;
        self.0.insert(CITIZEN_ID, citizen.0).await
    }

    /// Who is logged in.
    pub async fn citizen(&self) -> Result<Option<CitizenId>, Error> {
        Ok(self.0.get::<i64>(CITIZEN_ID).await?.map(CitizenId))
    }

    /// When the citizen logged in (Unix seconds).
    pub async fn logged_in_at(&self) -> Result<Option<i64>, Error> {
        self.0.get(LOGGED_IN_AT).await
    }

    /// When a request last extended the session (Unix seconds).
    pub async fn seen_at(&self) -> Result<Option<i64>, Error> {
        self.0.get(SEEN_AT).await
    }

    pub async fn mark_seen(&self, at: i64) -> Result<(), Error> {
        self.0.insert(SEEN_AT, at).await
    }

    /// Whether the citizen could act for someone at login.
    pub async fn acts_for_others(&self) -> Result<Option<bool>, Error> {
        self.0.get(ACTS_FOR_OTHERS).await
    }

    pub async fn set_acts_for_others(&self, yes: bool) -> Result<(), Error> {
        self.0.insert(ACTS_FOR_OTHERS, yes).await
    }

    /// Whom the citizen acts for, if anyone.
    pub async fn acting_for(&self) -> Result<Option<CitizenId>, Error> {
        Ok(self.0.get::<i64>(ACTING_FOR).await?.map(CitizenId))
    }

    pub async fn act_for(&self, other: CitizenId) -> Result<(), Error> {
        self.0.insert(ACTING_FOR, other.0).await
    }

    /// Back to the citizen's own data; answers whom they acted for.
    pub async fn stop_acting(&self) -> Result<Option<CitizenId>, Error> {
        Ok(self.0.remove::<i64>(ACTING_FOR).await?.map(CitizenId))
    }

    /// Keeps what an action did for the next page to say.
    pub async fn set_flash(&self, flash: &crate::api::flash::Flash) -> Result<(), Error> {
        self.0.insert(FLASH, flash).await
    }

    /// What the last action did, once: read and forgotten. A session
    /// without one is not written (a removal would save the session).
    pub async fn take_flash(&self) -> Result<Option<crate::api::flash::Flash>, Error> {
        if self.0.get_value(FLASH).await?.is_none() {
            return Ok(None);
        }
        self.0.remove(FLASH).await
    }

    /// Begins an identification in this browser (a later one replaces it).
    pub async fn set_pending_identification(&self, pending: &PendingIdentification) -> Result<(), Error> {
        self.0.insert(PENDING_IDENTIFICATION, pending).await
    }

    /// The identification under way, once: its answer is accepted at most
    /// once, whatever the outcome.
    pub async fn take_pending_identification(&self) -> Result<Option<PendingIdentification>, Error> {
        if self.0.get_value(PENDING_IDENTIFICATION).await?.is_none() {
            return Ok(None);
        }
        self.0.remove(PENDING_IDENTIFICATION).await
    }

    /// Where logging out goes next to end the identification service's session.
    pub async fn provider_logout(&self) -> Result<Option<String>, Error> {
        self.0.get(PROVIDER_LOGOUT).await
    }

    pub async fn set_provider_logout(&self, url: &str) -> Result<(), Error> {
        self.0.insert(PROVIDER_LOGOUT, url).await
    }

    /// The session's id (none before anything was stored in it).
    pub fn id(&self) -> Option<String> {
        self.0.id().map(|id| id.to_string())
    }

    /// Deletes the session on the server (the cookie goes with it).
    pub async fn end(&self) -> Result<(), Error> {
        self.0.flush().await
    }
}

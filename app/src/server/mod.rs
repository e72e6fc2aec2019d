//! Server-only glue for the server functions: context, sessions, passwords,
//! status codes and redirects. Compiled with the `ssr` feature only.

pub mod assets;
pub mod clock;
mod cookies;
pub mod db;
pub mod form_key;
pub mod password;
pub mod rows;
pub mod session;
pub mod sql;
mod subject;

pub use clock::Clock;
pub use cookies::*;
pub use db::Db;
pub use rows::CitizenId;
pub use session::TypedSession;
pub use subject::*;

use axum::http::header::ACCEPT;
use http::request::Parts;
use leptos::prelude::*;

use crate::error::AppError;

/// Settings the server functions need, provided as Leptos context.
#[derive(Debug, Clone)]
pub struct PortalConfig {
    /// Demo mode: the demo people are listed and may log in with a password.
    pub demo_mode: bool,
    /// Citizens identify through an identification service (OpenID Connect):
    /// its origin, where logging out goes on to (the pages' `form-action`).
    pub identification: Option<String>,
    /// When cross-sector consents open (configurable so tests can move it).
    pub cross_sector_opens: chrono::DateTime<chrono::Utc>,
    /// Behind TLS: every cookie is marked Secure.
    pub secure_cookies: bool,
    /// Signs the form keys (shared by every instance through the database).
    pub form_key_secret: form_key::FormKeySecret,
    /// What every rule that reads "now" reads: the system's time, or a
    /// test's clock that the test moves.
    pub clock: Clock,
    /// A session ends this long after its last request, and this long after
    /// its login however active (the header says when).
    pub idle_timeout: std::time::Duration,
    pub session_lifetime: std::time::Duration,
}

pub fn pool() -> Result<Db, AppError> {
    use_context::<Db>().ok_or_else(|| {
        tracing::error!("no database pool in the Leptos context");
        AppError::Internal
    })
}

pub fn config() -> Result<PortalConfig, AppError> {
    use_context::<PortalConfig>().ok_or_else(|| {
        tracing::error!("no portal configuration in the Leptos context");
        AppError::Internal
    })
}

/// Now, by the portal's clock (`PortalConfig::clock`).
pub fn now() -> Result<chrono::DateTime<chrono::Utc>, AppError> {
    Ok(config()?.clock.now())
}

/// Today in Helsinki, by the portal's clock.
pub fn today() -> Result<chrono::NaiveDate, AppError> {
    Ok(crate::domain::time::helsinki_today(now()?))
}

pub async fn session() -> Result<TypedSession, AppError> {
    let session = leptos_axum::extract::<tower_sessions::Session>().await.map_err(|e| {
        tracing::error!(error = ?e, "no session layer in front of a server function");
        AppError::Internal
    })?;
    Ok(session.into())
}

/// A session store that failed: logged, and "try again shortly".
pub fn store_failed(e: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %e, "session store failed");
    AppError::Unavailable
}

/// The citizen of this session, or `NotAuthenticated`.
pub async fn require_citizen() -> Result<(TypedSession, CitizenId), AppError> {
    let session = session().await?;
    match session.citizen().await.map_err(store_failed)? {
        Some(id) => Ok((session, id)),
        None => Err(AppError::NotAuthenticated),
    }
}

/// The citizen of this session, who must also have confirmed the current
/// notice: no data is shown before that.
pub async fn require_informed_citizen() -> Result<(TypedSession, CitizenId), AppError> {
    let (session, citizen) = require_citizen().await?;
    if standing_of(citizen).await?.is_none_or(|s| s.notice_due.is_some()) {
        return Err(AppError::NoticeNotConfirmed);
    }
    Ok((session, citizen))
}

/// The citizen's standing as the session guard read it for this page
/// request (`GuardedCitizen` in the request's extensions), or from the
/// database (a server function called on its own, which the guard does not
/// see). A page asks once, not once per server function.
pub async fn standing_of(citizen: CitizenId) -> Result<Option<rows::CitizenStanding>, AppError> {
    let guarded = request_parts().and_then(|p| p.extensions.get::<GuardedCitizen>().cloned());
    match guarded {
        Some(g) if g.citizen == citizen => Ok(Some(g.standing)),
        _ => Ok(pool()?.citizen_standing(citizen, today()?).await?),
    }
}

/// Left in a page request's extensions by the session guard.
#[derive(Debug, Clone)]
pub struct GuardedCitizen {
    pub citizen: CitizenId,
    pub standing: rows::CitizenStanding,
    /// Whether this page request's view, made while acting for someone
    /// else, is in the log already (shared by the page's server functions).
    pub view_logged: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

fn request_parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// The client's IP address, as the server's `client_address` layer found it
/// (the peer, or behind a trusted proxy the address the proxy saw).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::IpAddr);

/// The client's address, for the audit log and login throttling.
pub fn client_address() -> Option<String> {
    request_parts()?.extensions.get::<ClientAddress>().map(|c| c.0.to_string())
}

/// Appends an event to the audit log with the client's address. Best effort:
/// a failure is logged and the request goes on (logins record theirs
/// themselves, and fail with it).
pub async fn audit(kind: crate::domain::audit::AuditKind, citizen: Option<CitizenId>, subject: Option<i64>) {
    let (Ok(pool), Ok(at)) = (pool(), now()) else { return };
    let address = client_address();
    if let Err(e) = pool.record_audit(at, kind, citizen, subject, None, address.as_deref()).await {
        tracing::error!(error = ?e, kind = kind.as_str(), "could not write the audit log");
    }
}

/// A plain HTML form post (no JavaScript) asks for `text/html`.
pub fn is_plain_form_post() -> bool {
    request_parts()
        .and_then(|p| p.headers.get(ACCEPT).and_then(|v| v.to_str().ok()).map(|v| v.contains("text/html")))
        .unwrap_or(false)
}

/// After a successful form: a plain form post is redirected (303-like PRG);
/// the hydrated app gets the path back and navigates itself.
pub fn navigate_after_form(path: &str) -> String {
    if is_plain_form_post() {
        leptos_axum::redirect(path);
    }
    path.to_string()
}

/// A database error becomes the user-facing kind, the cause kept in the
/// log: an outage is "try again shortly", anything else an internal error.
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        if is_outage(&e) {
            tracing::error!(error = %e, "database unavailable");
            AppError::Unavailable
        } else {
            tracing::error!(error = %e, "database error");
            AppError::Internal
        }
    }
}

/// Whether an error means the database is away (down, restarting, out of
/// connections) rather than a fault in a statement: the user gets the 503
/// "try again shortly" message, and the request can simply be retried.
pub fn is_outage(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed | sqlx::Error::Tls(_) => true,
        sqlx::Error::Protocol(_) | sqlx::Error::WorkerCrashed => true,
        // PostgreSQL: 08… connection exception, 57P0… shutdown / cannot connect now, 53300 too many
        // connections, 25006 a write on a node that is (still) a replica: a failover under way.
        sqlx::Error::Database(d) => {
            d.code().is_some_and(|c| c.starts_with("08") || c.starts_with("57P") || c == "53300" || c == "25006")
        }
        _ => false,
    }
}

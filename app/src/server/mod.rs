//! Server-only glue for the server functions: context, sessions, passwords,
//! status codes and redirects. Compiled with the `ssr` feature only.

pub mod assets;
pub mod db;
pub mod form_key;
pub mod password;
pub mod rows;
pub mod sql;

pub use db::Db;
pub use rows::CitizenId;

use axum::http::header::ACCEPT;
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use tower_sessions::Session;

use crate::error::AppError;
use crate::i18n::{Locale, LANGUAGE_COOKIE};

/// Session key of the logged-in citizen's id.
pub const CITIZEN_ID_KEY: &str = "citizen_id";
/// Session key of the login's time (Unix seconds): the absolute lifetime
/// counts from it.
pub const LOGGED_IN_AT_KEY: &str = "logged_in_at";
/// Session key of when a request last extended the session (Unix seconds).
pub const SEEN_AT_KEY: &str = "seen_at";

/// Settings the server functions need, provided as Leptos context.
#[derive(Debug, Clone)]
pub struct PortalConfig {
    pub demo_mode: bool,
    /// When cross-sector consents open (configurable so tests can move it).
    pub cross_sector_opens: chrono::DateTime<chrono::Utc>,
    /// Behind TLS: every cookie is marked Secure.
    pub secure_cookies: bool,
    /// Signs the form keys (shared by every instance through the database).
    pub form_key_secret: form_key::FormKeySecret,
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

pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = ?e, "no session layer in front of a server function");
        AppError::Internal
    })
}

/// The citizen of this session, or `NotAuthenticated`.
pub async fn require_citizen() -> Result<(Session, CitizenId), AppError> {
    let session = session().await?;
    match session.get::<i64>(CITIZEN_ID_KEY).await {
        Ok(Some(id)) => Ok((session, CitizenId(id))),
        Ok(None) => Err(AppError::NotAuthenticated),
        Err(e) => {
            tracing::error!(error = %e, "session store failed");
            Err(AppError::Unavailable)
        }
    }
}

/// The citizen of this session, who must also have confirmed the current
/// notice: no data is shown before that.
pub async fn require_informed_citizen() -> Result<(Session, CitizenId), AppError> {
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
        _ => Ok(pool()?.citizen_standing(citizen).await?),
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

/// Session key of the person the citizen acts for, if any: a child, or an
/// adult who gave them an e-authorisation.
pub const ACTING_FOR_KEY: &str = "acting_for";

/// Whose data a request reads, and how much of it the asker may see.
#[derive(Debug, Clone)]
pub struct Subject {
    /// The logged-in person.
    pub asker: CitizenId,
    /// The person whose data is read: the asker, or someone they act for.
    pub citizen: CitizenId,
    pub visibility: crate::domain::listing::Visibility,
    /// When acting for someone else: their name and by which right.
    pub acting: Option<crate::api::ActingFor>,
}

impl Subject {
    /// Whether the asker may make declarations for the subject: always for
    /// themself, a guardian for a child, never by an e-authorisation.
    pub fn may_declare(&self) -> bool {
        self.acting.as_ref().is_none_or(|a| a.right.may_declare())
    }

    /// The principal's name when the asker acts by an e-authorisation: the
    /// pages show their declarations without a form.
    pub fn view_only_for(&self) -> Option<String> {
        self.acting.as_ref().filter(|_| !self.may_declare()).map(|a| a.name.clone())
    }

    /// Whether the asker handles this matter of the subject's: always
    /// their own; someone acting for them only where the right reaches it.
    pub fn handles(&self, matter: crate::domain::acting::OwnMatter) -> bool {
        self.acting.as_ref().is_none_or(|a| a.right.reaches(matter))
    }

    /// The name of the person acted for, by a guardian.
    pub fn child_name(&self) -> Option<String> {
        use crate::domain::acting::ActingRight;
        self.acting.as_ref().filter(|a| a.right == ActingRight::Guardian).map(|a| a.name.clone())
    }
}

/// The informed citizen of this session and whose data they are looking
/// at, for a view: a view made while acting for someone else is logged
/// (once per page request) with the actor, the right and the path, and is
/// not shown if it cannot be logged.
pub async fn require_subject() -> Result<Subject, AppError> {
    let subject = session_subject().await?;
    log_view(&subject).await?;
    Ok(subject)
}

/// `require_subject` for a page of one sector's data: refused (403, naming
/// the sector, in the audit log, no view logged) when the asker acts by an
/// e-authorisation whose matters do not include it.
pub async fn require_subject_for(sector: crate::domain::declarations::Sector) -> Result<Subject, AppError> {
    let subject = session_subject().await?;
    if !subject.visibility.covers(sector) {
        let refused = AppError::NotAuthorisedFor(sector);
        return Err(refuse_access(&subject, "a sector the authorisation does not name", None, refused).await);
    }
    log_view(&subject).await?;
    Ok(subject)
}

/// Logs this page request's view of the subject's data when the asker acts
/// for someone else (once per page request): every page that shows a
/// subject's data goes through here, by `require_subject` or on its own
/// (a page that also checks what the asker may do).
pub async fn log_view(subject: &Subject) -> Result<(), AppError> {
    if let Some(acting) = &subject.acting {
        let guarded = request_parts().and_then(|p| p.extensions.get::<GuardedCitizen>().cloned());
        let first = guarded.is_none_or(|g| !g.view_logged.swap(true, std::sync::atomic::Ordering::SeqCst));
        if first {
            let what = request_parts().map(|p| p.uri.path().to_string()).unwrap_or_default();
            let address = client_address();
            pool()?
                .record_acting_viewing(
                    chrono::Utc::now(),
                    subject.asker,
                    subject.citizen,
                    acting.right,
                    &what,
                    address.as_deref(),
                )
                .await?;
        }
    }
    Ok(())
}

/// The informed citizen of this session and whose data they are looking
/// at, without logging a view: for the header, and for writes (which are
/// recorded themselves). Acting for someone else is re-checked on every
/// request (the guardianship, the child's age, the authorisation's dates
/// come from the database and today's date, not the session); when it no
/// longer holds, the session falls back to the citizen's own data.
pub async fn session_subject() -> Result<Subject, AppError> {
    use crate::domain::listing::Visibility;
    let (session, asker) = require_informed_citizen().await?;
    let own = Subject { asker, citizen: asker, visibility: Visibility::EVERYTHING, acting: None };
    let other = match session.get::<i64>(ACTING_FOR_KEY).await {
        Ok(Some(other)) => CitizenId(other),
        Ok(None) => return Ok(own),
        Err(e) => {
            tracing::error!(error = %e, "session store failed");
            return Err(AppError::Unavailable);
        }
    };
    let today = crate::domain::time::helsinki_today(chrono::Utc::now());
    let relation = pool()?.relation_to(asker, other).await?;
    match relation.and_then(|r| r.acting_on(today).map(|a| (r.person, a))) {
        Some((person, a)) => Ok(Subject {
            asker,
            citizen: person.id,
            visibility: a.visibility,
            acting: Some(crate::api::ActingFor { name: person.full_name, right: a.right, until: a.until }),
        }),
        None => {
            tracing::warn!(
                citizen = asker.0,
                other = other.0,
                "acting for someone no longer allowed; back to own data"
            );
            let _ = session.remove::<i64>(ACTING_FOR_KEY).await;
            Ok(own)
        }
    }
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
    let Ok(pool) = pool() else { return };
    let address = client_address();
    if let Err(e) = pool.record_audit(chrono::Utc::now(), kind, citizen, subject, None, address.as_deref()).await {
        tracing::error!(error = ?e, kind = kind.as_str(), "could not write the audit log");
    }
}

/// Refuses a request for an item that is not the subject's, or that the
/// rules hide from the asker (a guardian and a 10–17-year-old's data): the
/// refusal goes to the log and the audit log (asker, subject, address), and
/// `error` (404 or 403, as the caller answers) is returned.
pub async fn refuse_access(subject: &Subject, what: &'static str, id: Option<i64>, error: AppError) -> AppError {
    tracing::warn!(citizen = subject.citizen.0, by = subject.asker.0, what, id, "access refused");
    audit(crate::domain::audit::AuditKind::AccessRefused, Some(subject.asker), Some(subject.citizen.0)).await;
    error
}

/// Refuses a matter that is the subject's own when the asker does not
/// handle it (`Subject::handles`): 403 naming the matter, in the audit log.
pub async fn require_handles(subject: &Subject, matter: crate::domain::acting::OwnMatter) -> Result<(), AppError> {
    if subject.handles(matter) {
        return Ok(());
    }
    Err(refuse_access(subject, matter.as_str(), None, AppError::OwnMatter(matter)).await)
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

/// The cookie that keeps a failed no-JavaScript login's identity code.
pub const LOGIN_PREFILL_COOKIE: &str = "kanta_login_code";

/// A cookie's value in these request headers.
pub fn cookie(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A cookie of the current request.
pub fn request_cookie(name: &str) -> Option<String> {
    cookie(&request_parts()?.headers, name)
}

/// Sets (for five minutes, for the login page only) or clears the prefill
/// cookie. Only the characters an identity code can have are kept.
pub fn set_login_prefill(code: Option<&str>) {
    let Some(res) = use_context::<ResponseOptions>() else { return };
    let value: String =
        code.unwrap_or("").chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '+').take(20).collect();
    let max_age = if value.is_empty() { 0 } else { 300 };
    let secure = use_context::<PortalConfig>().is_some_and(|c| c.secure_cookies);
    let cookie = format!(
        "{LOGIN_PREFILL_COOKIE}={value}; Path=/login; Max-Age={max_age}; HttpOnly; SameSite=Strict{}",
        if secure { "; Secure" } else { "" }
    );
    if let Ok(v) = http::HeaderValue::from_str(&cookie) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}

/// The language of the current request: the cookie, then Accept-Language.
pub fn request_locale(headers: &http::HeaderMap) -> Locale {
    let accept = headers.get(http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Locale::negotiate(cookie(headers, LANGUAGE_COOKIE).as_deref(), accept)
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
        // PostgreSQL: 08… connection exception, 57P0… shutdown / cannot connect now, 53300 too many connections.
        sqlx::Error::Database(d) => {
            d.code().is_some_and(|c| c.starts_with("08") || c.starts_with("57P") || c == "53300")
        }
        _ => false,
    }
}

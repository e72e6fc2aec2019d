//! Logging in and out. Citizens identify through the identification service
//! (OpenID Connect, the server's `identification` module); the demo people
//! may also log in with a password, and only when the server runs in demo
//! mode. Both ways end in [`begin_session`].

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoLogin {
    pub full_name: String,
    pub identity_code: String,
}

/// How this server lets citizens log in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginWays {
    /// Through the identification service (the first choice when there is one).
    pub identification: bool,
    /// With a password: the demo people, in demo mode only.
    pub password: bool,
    /// The demo people, listed in demo mode.
    pub demo_people: Vec<DemoLogin>,
}

/// The login page's choices.
#[server(endpoint = "login_options")]
pub async fn login_options() -> Result<LoginWays, AppError> {
    use crate::server::*;
    let config = config()?;
    let demo_people = if config.demo_mode {
        let pool = pool()?;
        let people = pool.demo_logins().await?;
        people.into_iter().map(|(full_name, identity_code)| DemoLogin { full_name, identity_code }).collect()
    } else {
        Vec::new()
    };
    Ok(LoginWays { identification: config.identification.is_some(), password: config.demo_mode, demo_people })
}

/// What the login form had in its identity code field when a login without
/// JavaScript failed (kept in a short-lived cookie for the login page only,
/// never in the URL), so that nothing typed is lost.
#[server(endpoint = "login_prefill")]
pub async fn login_prefill() -> Result<Option<String>, AppError> {
    use crate::server::*;
    Ok(request_cookie(LOGIN_PREFILL_COOKIE).filter(|v| !v.is_empty()))
}

/// Logs in with the identity code and password (demo mode only). Unknown
/// codes and wrong passwords get the same answer after the same work.
/// Answers the path to go to next (see [`begin_session`]).
#[server(endpoint = "login")]
pub async fn login(
    identity_code: String,
    password: String,
    #[server(default)] next: Option<String>,
) -> Result<String, AppError> {
    use crate::server::*;
    let result = login_inner(identity_code.clone(), password, next).await;
    if is_plain_form_post() {
        // Without JavaScript the page is reloaded: keep what was typed (or forget it on success).
        let keep = if result.is_err() { Some(identity_code.as_str()) } else { None };
        set_login_prefill(keep);
    }
    result
}

#[cfg(feature = "ssr")]
async fn login_inner(identity_code: String, password: String, next: Option<String>) -> Result<String, AppError> {
    use crate::domain::audit::{login_throttled, throttle_windows, AuditKind};
    use crate::domain::IdentityCode;
    use crate::server::*;

    if !config()?.demo_mode {
        return Err(AppError::PasswordLoginOff);
    }
    let code = IdentityCode::parse(&identity_code).map_err(AppError::InvalidIdentityCode)?;
    if password.is_empty() {
        return Err(AppError::PasswordMissing);
    }
    let pool = pool()?;
    let now = now()?;
    let address = client_address();
    let audit = |kind, citizen: Option<CitizenId>| {
        let (pool, address) = (pool.clone(), address.clone());
        let code = code.as_str().to_string();
        async move { pool.record_audit(now, kind, citizen, None, Some(&code), address.as_deref()).await }
    };
    // Too many failures of this code from this address, from this address,
    // or of this code within the last minute: refused before any lookup or
    // password work, the same whatever the password.
    let failures = pool.login_failures(code.as_str(), address.as_deref(), throttle_windows(now)).await?;
    if login_throttled(failures) {
        tracing::warn!(?failures, "login throttled");
        audit(AuditKind::LoginThrottled, None).await?;
        return Err(AppError::LoginThrottled);
    }
    let found = pool.find_citizen_for_login(&code).await?;
    let (id, hash) = match found {
        Some(c) => (Some(c.id), c.password_hash),
        None => (None, None),
    };
    let verified = password::verify(hash, password).await?;
    let Some(id) = id.filter(|_| verified) else {
        tracing::info!("login refused");
        audit(AuditKind::LoginFailed, id).await?;
        return Err(AppError::BadCredentials);
    };
    let session = session().await?;
    let next = begin_session(&pool, &session, id, now, next.as_deref()).await?;
    set_was_logged_in(true);
    audit(AuditKind::Login, Some(id)).await?;
    tracing::info!(citizen = id.0, "logged in");
    Ok(navigate_after_form(next))
}

/// Starts the session of a citizen who has just proved who they are (by
/// identification or, in demo mode, a password): a new session id, nothing
/// of an earlier session kept ("acting for" never survives a new login),
/// the login recorded. Answers where to go: the notice when it is due; then
/// the page asked for (`next`, a path of this site only); else, for someone
/// who may act for others, the choice of whose matters to handle; else the
/// front page. The caller writes the audit event (it knows how).
#[cfg(feature = "ssr")]
pub async fn begin_session<'a>(
    pool: &crate::server::Db,
    session: &crate::server::TypedSession,
    id: crate::server::CitizenId,
    now: chrono::DateTime<chrono::Utc>,
    next: Option<&'a str>,
) -> Result<&'a str, AppError> {
    use crate::server::store_failed;
    session.log_in(id, now.timestamp()).await.map_err(store_failed)?;
    let today = crate::domain::time::helsinki_today(now);
    let acts_for_others = !crate::api::acting::people_on(pool, id, today).await?.is_empty();
    session.set_acts_for_others(acts_for_others).await.map_err(store_failed)?;
    pool.record_login(id, now).await?;
    Ok(if pool.notice_due_for(id, today).await?.is_some() {
        "/notice"
    } else if let Some(next) = next.and_then(crate::api::return_path::return_path) {
        next
    } else if acts_for_others {
        "/whose"
    } else {
        "/"
    })
}

/// Logs out: the session is deleted on the server and the cookie cleared.
/// A citizen who identified through the identification service is then
/// sent there to end its session too (RP-initiated logout), which sends
/// them back to the login page.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<String, AppError> {
    use crate::server::*;
    let session = session().await?;
    if let Ok(Some(id)) = session.citizen().await {
        audit(crate::domain::audit::AuditKind::Logout, Some(id), None).await;
    }
    let provider_logout = session.provider_logout().await.ok().flatten();
    session.end().await.map_err(store_failed)?;
    // Logged out, not timed out.
    set_was_logged_in(false);
    Ok(navigate_after_form(provider_logout.as_deref().unwrap_or("/login?logged_out")))
}

//! HTTP concerns around the Leptos app: the session guard (login first, then
//! the notice), the language switch, security headers and error pages.

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use app::error::AppError;
use app::i18n::{Locale, LANGUAGE_COOKIE};
use app::server::{request_locale, Db, GuardedCitizen, TypedSession};

use crate::SecureCookies;

/// Where the built site's files are served: names from the workspace's
/// leptos metadata (see build.rs).
pub const PKG_PREFIX: &str = concat!("/", env!("KANTA_SITE_PKG_DIR"), "/");
const STYLESHEET: &str = concat!("/", env!("KANTA_SITE_PKG_DIR"), "/", env!("KANTA_SITE_OUTPUT_NAME"), ".css");

/// Paths that need no session: static files, server functions (which check
/// for themselves), the language switch, the health check, and
/// identification (it begins the session).
fn is_public(path: &str) -> bool {
    path.starts_with(PKG_PREFIX)
        || path.starts_with("/api/")
        || path.starts_with("/lang/")
        || matches!(
            path,
            "/health" | "/favicon.svg" | "/favicon.ico" | "/robots.txt" | "/identify" | "/identify/callback"
        )
        || path == crate::identification::JWKS_PATH
}

/// How long a session lives: `idle` without a request, `absolute` after its
/// login however active.
#[derive(Clone)]
pub struct SessionLifetime {
    pub idle: std::time::Duration,
    pub absolute: std::time::Duration,
    /// For the audit log.
    pub pool: Db,
    /// What "now" is (a test moves it).
    pub clock: app::server::Clock,
}

/// Keeps an active citizen's session alive and ends an old one. The session
/// layer extends a session's expiry only when the session is saved, and a
/// read does not save it; so a request that comes more than a quarter of the
/// idle timeout (at most a minute) after the last extension records the time,
/// which saves the session with a new expiry: at most one write a minute per
/// session, not one per request. A session older than its absolute lifetime
/// is deleted; the request goes on without one (the login page, or 401).
pub async fn session_lifetime(
    State(life): State<SessionLifetime>,
    session: Session,
    req: Request,
    next: Next,
) -> Response {
    // Static files, the health check and the language switch never load the
    // session (nor touch the database); server functions and pages do.
    let path = req.uri().path();
    if is_public(path) && !path.starts_with("/api/") {
        return next.run(req).await;
    }
    let session = TypedSession::from(session);
    if let Ok(Some(citizen)) = session.citizen().await {
        let now = life.clock.now().timestamp();
        let since = |at: Option<i64>| at.map(|t| now.saturating_sub(t));
        let seconds = |d: std::time::Duration| i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
        let age = since(session.logged_in_at().await.ok().flatten());
        let seen = session.seen_at().await.ok().flatten();
        // Idle since the last extension (or the login): the store expires it
        // by the same measure, this sees it first when the clock is moved.
        let idle = since(seen).or(age);
        let ended = if age.is_none_or(|age| age >= seconds(life.absolute)) {
            Some("older than its absolute lifetime")
        } else if idle.is_some_and(|idle| idle >= seconds(life.idle)) {
            Some("idle")
        } else {
            None
        };
        if let Some(why) = ended {
            tracing::info!("session ended: {why}");
            if let Err(e) = session.end().await {
                tracing::error!(error = %e, "could not delete the session");
            }
            let address = req.extensions().get::<app::server::ClientAddress>().map(|c| c.0.to_string());
            let kind = app::domain::audit::AuditKind::SessionExpired;
            if let Err(e) =
                life.pool.record_audit(life.clock.now(), kind, Some(citizen), None, None, address.as_deref()).await
            {
                tracing::error!(error = ?e, "could not write the audit log");
            }
        } else {
            let every = i64::try_from((life.idle / 4).as_secs().clamp(1, 60)).unwrap_or(60);
            if since(seen).is_none_or(|s| s >= every) {
                let _ = session.mark_seen(now).await;
            }
        }
    }
    next.run(req).await
}

/// Every page but the login page needs a session; a citizen who has not
/// confirmed the current notice is sent to it from every other page.
/// Server-side, so it holds without JavaScript and for a typed-in URL.
pub async fn session_guard(
    State(pool): State<Db>,
    State(clock): State<app::server::Clock>,
    State(SecureCookies(secure)): State<SecureCookies>,
    session: Session,
    mut req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_string();
    if is_public(&path) {
        return next.run(req).await;
    }
    let citizen = match TypedSession::from(session).citizen().await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "session store failed");
            return error_page(&req, AppError::Unavailable);
        }
    };
    match (path.as_str(), citizen) {
        // No session to load, so check the database itself: during an
        // outage the login page is the same clear 503 as every other page.
        ("/login", None) if !pool.is_reachable(crate::db::ACQUIRE_TIMEOUT).await => {
            tracing::error!("database unavailable");
            error_page(&req, AppError::Unavailable)
        }
        ("/login", None) => next.run(req).await,
        ("/login", Some(_)) => Redirect::to("/").into_response(),
        (_, None) => login_to_return(&req, secure),
        (_, Some(citizen)) => {
            match pool.citizen_standing(citizen, app::domain::time::helsinki_today(clock.now())).await {
                Ok(Some(s)) if s.notice_due.is_some() && path != "/notice" => Redirect::to("/notice").into_response(),
                Ok(Some(standing)) => {
                    // The page's server functions read it instead of asking again.
                    req.extensions_mut().insert(GuardedCitizen { citizen, standing, view_logged: Default::default() });
                    next.run(req).await
                }
                Ok(None) => next.run(req).await,
                Err(e) => error_page(&req, e.into()),
            }
        }
    }
}

/// The login page for a page asked for without a session: it says the
/// session ended when this browser was logged in (the "was logged in"
/// cookie, cleared so it is said once), and the page is gone back to after
/// logging in (`next`, a path of this site only).
fn login_to_return(req: &Request, secure: bool) -> Response {
    let mut query = Vec::new();
    let was_in = app::server::cookie(req.headers(), app::server::WAS_LOGGED_IN_COOKIE).is_some_and(|v| v == "1");
    if was_in {
        query.push("timed_out".to_string());
    }
    let asked = req.uri().path_and_query().map_or("/", |p| p.as_str());
    match app::api::return_path::return_path(asked) {
        Some(path) if path != "/" && req.method() == axum::http::Method::GET => {
            query.push(format!("next={}", app::api::filters::percent_encode(path)));
        }
        _ => {}
    }
    let to = if query.is_empty() { "/login".to_string() } else { format!("/login?{}", query.join("&")) };
    let mut res = Redirect::to(&to).into_response();
    if was_in {
        let cleared = app::server::was_logged_in_cookie(false, secure).to_string();
        if let Ok(v) = header::HeaderValue::from_str(&cleared) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// A refusal before any server function runs: a browser's form post gets a
/// translated page; a script the typed error as JSON, like every other
/// server function's error.
fn refuse(req: &Request, error: AppError) -> Response {
    let wants_html = header_str(req, header::ACCEPT).is_some_and(|a| a.contains("text/html"));
    if wants_html {
        return error_page(req, error);
    }
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    (status, axum::Json(error)).into_response()
}

pub(crate) fn header_str(req: &Request, name: header::HeaderName) -> Option<&str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

/// A server function that does not exist: a translated 404, never the
/// framework's diagnostics.
pub async fn unknown_server_fn(req: Request) -> Response {
    refuse(&req, AppError::NotFound)
}

/// Refuses requests that change state from another site (cross-site request
/// forgery, login CSRF included), before sessions or server functions see
/// them: any method but GET/HEAD whose `Origin` is not this site (by the
/// `Host` the request came to) or whose browser says `Sec-Fetch-Site:
/// cross-site`. A request with neither header (not a browser) passes this
/// check. Server functions also accept only the content type the forms send
/// (urlencoded), so a cross-site `text/plain` post cannot reach them.
pub async fn refuse_cross_site(req: Request, next: Next) -> Response {
    let method = req.method();
    if method == axum::http::Method::GET || method == axum::http::Method::HEAD {
        return next.run(req).await;
    }
    let host = header_str(&req, header::HOST).unwrap_or_default();
    let same_origin = |origin: &str| {
        origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            .is_some_and(|authority| authority == host)
    };
    let cross_site = header_str(&req, header::ORIGIN).is_some_and(|o| !same_origin(o))
        || header_str(&req, header::HeaderName::from_static("sec-fetch-site")).is_some_and(|s| s == "cross-site");
    if cross_site {
        tracing::warn!(path = req.uri().path(), "refused a cross-site request");
        return refuse(&req, AppError::CrossSite);
    }
    if req.uri().path().starts_with("/api/") {
        let form = header_str(&req, header::CONTENT_TYPE)
            .and_then(|ct| ct.split(';').next())
            .is_some_and(|ct| ct.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"));
        if !form {
            return refuse(&req, AppError::UnsupportedContentType);
        }
    }
    next.run(req).await
}

/// A small translated error page (e.g. 503 while the database is away,
/// with a link to try again: the page asked for, or for a form the page it
/// was sent from).
fn error_page(req: &Request, error: AppError) -> Response {
    let locale = request_locale(req.headers());
    let t = locale.texts();
    let again = if req.method() == axum::http::Method::GET {
        req.uri().path_and_query().map_or("/", |p| p.as_str()).to_string()
    } else {
        let referer = header_str(req, header::REFERER)
            .and_then(|r| r.split_once("://"))
            .and_then(|(_, r)| r.find('/').map(|i| r[i..].to_string()));
        referer.filter(|p| is_local_path(p)).unwrap_or_else(|| "/".into())
    };
    let again = (matches!(error, AppError::Unavailable) && is_local_path(&again)).then_some(again);
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    plain_page(locale, status, error.message(t), again.as_deref().map(|href| (href, t.try_again)))
}

/// A page of its own, without the app's frame (it must render when the app
/// or the database cannot): the service's name, a message, and a link on.
pub(crate) fn plain_page(locale: Locale, status: StatusCode, message: &str, link: Option<(&str, &str)>) -> Response {
    let t = locale.texts();
    let escape = |s: &str| s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;");
    let link = link
        .map(|(href, text)| format!("<p><a href=\"{}\">{}</a></p>", escape(href), escape(text)))
        .unwrap_or_default();
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{name}</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main id=\"main\"><h1>{name}</h1><p>{message}</p>{link}</main></body></html>",
        lang = locale.code(),
        css = app::server::assets::SiteAssets::get().map_or(STYLESHEET, |a| a.stylesheet.as_str()),
        name = t.service_name,
        message = escape(message),
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

/// A path on this site that can go in a `Location` header as it is:
/// visible ASCII only (anything else would not be a valid header value).
pub(crate) fn is_local_path(b: &str) -> bool {
    b.starts_with('/') && !b.starts_with("//") && !b.contains('\\') && b.bytes().all(|c| (0x21..0x7f).contains(&c))
}

#[derive(Deserialize)]
pub struct Back {
    back: Option<String>,
}

/// `/lang/{code}?back=/path`: remembers the language in a cookie and goes
/// back to the page (only ever to a path on this site).
pub async fn set_language(
    State(SecureCookies(secure)): State<SecureCookies>,
    Path(code): Path<String>,
    Query(Back { back }): Query<Back>,
) -> Response {
    let back = back.filter(|b| is_local_path(b)).unwrap_or_else(|| "/".into());
    let Some(locale) = Locale::from_code(&code) else {
        return Redirect::to(&back).into_response();
    };
    let cookie = tower_sessions::cookie::Cookie::build((LANGUAGE_COOKIE, locale.code()))
        .path("/")
        .max_age(time::Duration::days(365))
        .same_site(tower_sessions::cookie::SameSite::Lax)
        .secure(secure)
        .build();
    let mut res = Redirect::to(&back).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie.to_string()) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

/// The session layer answers a bare 500 when it cannot save a session (the
/// database went away during the request): said instead as the 503 every
/// other outage gets (the page, or the typed error), never a bare 500.
pub async fn session_save_failed(req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let head = Request::from_parts(parts.clone(), axum::body::Body::empty());
    let res = next.run(Request::from_parts(parts, body)).await;
    let bare = res.status() == StatusCode::INTERNAL_SERVER_ERROR
        && axum::body::HttpBody::size_hint(res.body()).exact() == Some(0);
    if bare {
        return refuse(&head, AppError::Unavailable);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_switch_goes_back_only_to_a_local_path_it_can_put_in_a_header() {
        assert!(is_local_path("/records?kind=diagnosis&after=2024-01-01.5"));
        for bad in ["//evil.example", "https://evil.example", "/\\evil", "/ä", "/a b", "/a\nb", ""] {
            assert!(!is_local_path(bad), "{bad}");
        }
    }

    #[test]
    fn only_static_files_server_functions_and_the_switch_are_public() {
        assert!(is_public("/pkg/kanta.wasm"));
        assert!(is_public("/api/login"));
        assert!(is_public("/lang/sv"));
        assert!(!is_public("/"));
        assert!(!is_public("/notice"));
        assert!(!is_public("/login"));
        assert!(!is_public("/pkgx"));
    }
}

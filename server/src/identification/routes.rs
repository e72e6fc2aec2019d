//! The relying party's three routes: begin an identification, complete it,
//! and the portal's public keys. Plain redirects and pages: no JavaScript.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde::Deserialize;
use tower_sessions::Session;

use app::domain::audit::AuditKind;
use app::domain::identification::{AssuranceLevel, IdentificationFailure};
use app::domain::IdentityCode;
use app::error::AppError;
use app::i18n::Locale;
use app::server::session::PendingIdentification;
use app::server::{request_locale, CitizenId, ClientAddress, Clock, Db, TypedSession};

use super::provider::ProviderError;
use super::tokens::{self, AuthorizationRequest, Expected, TokenProblem};
use super::{Identification, JWKS_PATH};
use crate::web::plain_page;

/// An identification's answer is accepted this long after it began.
const PENDING_SECONDS: i64 = 15 * 60;

#[derive(Clone)]
struct RouteState {
    ident: Identification,
    pool: Db,
    clock: Clock,
    secure_cookies: bool,
}

/// The routes, with what they need.
pub fn router<S: Clone + Send + Sync + 'static>(
    ident: Identification,
    pool: Db,
    clock: Clock,
    secure_cookies: bool,
) -> Router<S> {
    Router::new()
        .route("/identify", get(begin))
        .route("/identify/callback", get(complete))
        .route(JWKS_PATH, get(jwks))
        .with_state(RouteState { ident, pool, clock, secure_cookies })
}

/// The portal's public keys (request signing, token encryption).
async fn jwks(State(s): State<RouteState>) -> Response {
    let mut res = Json(s.ident.0.keys.public_jwks.clone()).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    res
}

/// Who asks, for the audit log and the page.
struct Asker {
    locale: Locale,
    address: Option<String>,
}

impl Asker {
    fn of(headers: &HeaderMap, address: Option<Extension<ClientAddress>>) -> Asker {
        Asker { locale: request_locale(headers), address: address.map(|Extension(a)| a.0.to_string()) }
    }
}

#[derive(Deserialize)]
struct Begin {
    next: Option<String>,
}

/// `GET /identify?next=…`: a new `state`, `nonce` and PKCE verifier kept in
/// this browser's session, and off to the provider with a signed request.
async fn begin(
    State(s): State<RouteState>,
    session: Session,
    headers: HeaderMap,
    address: Option<Extension<ClientAddress>>,
    Query(q): Query<Begin>,
) -> Response {
    let asker = Asker::of(&headers, address);
    let next = q.next.filter(|n| app::api::return_path::return_path(n).is_some());
    let meta = match s.ident.0.provider.metadata().await {
        Ok(m) => m,
        Err(e) => return s.unavailable(&asker, &e, next.as_deref()).await,
    };
    let now = s.clock.now();
    let pending = PendingIdentification {
        state: tokens::random_token(),
        nonce: tokens::random_token(),
        code_verifier: tokens::random_token(),
        next,
        started_at: now.timestamp(),
    };
    if let Err(e) = TypedSession::from(session).set_pending_identification(&pending).await {
        tracing::error!(error = %e, "session store failed");
        return app_error_page(&asker, AppError::Unavailable);
    }
    let redirect_uri = s.ident.redirect_uri();
    let client_id = s.ident.0.settings.client_id.as_str();
    let request = AuthorizationRequest {
        issuer: &meta.issuer,
        client_id,
        redirect_uri: &redirect_uri,
        state: &pending.state,
        nonce: &pending.nonce,
        code_verifier: &pending.code_verifier,
        ui_locales: asker.locale.code(),
    };
    let signed = match tokens::request_object(&s.ident.0.keys, &request, now) {
        Ok(jwt) => jwt,
        Err(e) => {
            tracing::error!(error = %e, "cannot sign the request object");
            return app_error_page(&asker, AppError::Internal);
        }
    };
    let params = [("client_id", client_id), ("response_type", "code"), ("scope", tokens::SCOPE), ("request", &signed)];
    match reqwest::Url::parse_with_params(&meta.authorization_endpoint, params) {
        Ok(url) => Redirect::to(url.as_str()).into_response(),
        Err(e) => s.unavailable(&asker, &ProviderError::Unavailable(e.to_string()), None).await,
    }
}

#[derive(Deserialize)]
struct Answer {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    /// RFC 9207: the issuer of the answer, when the provider names it (a
    /// defence against mixing up answers of two providers).
    iss: Option<String>,
}

/// `GET /identify/callback?code=…&state=…`: the answer must belong to the
/// identification begun in this browser (once); the code is exchanged with
/// the client's signed assertion and the PKCE verifier; the ID token is
/// decrypted and checked; the person must be one the portal knows. Then the
/// session begins as after any login.
async fn complete(
    State(s): State<RouteState>,
    session: Session,
    headers: HeaderMap,
    address: Option<Extension<ClientAddress>>,
    Query(q): Query<Answer>,
) -> Response {
    use IdentificationFailure as F;
    let asker = Asker::of(&headers, address);
    let session = TypedSession::from(session);
    let now = s.clock.now();
    let pending = match session.take_pending_identification().await {
        Ok(p) => p,
        Err(e) => {
            tracing::error!(error = %e, "session store failed");
            return app_error_page(&asker, AppError::Unavailable);
        }
    };
    let matches = |p: &PendingIdentification| {
        q.state.as_deref().is_some_and(|st| tokens::constant_time_eq(st.as_bytes(), p.state.as_bytes()))
    };
    let Some(pending) = pending.filter(matches) else {
        return s.fail(&asker, F::NotThisBrowser, "state", None, None).await;
    };
    if now.timestamp() - pending.started_at > PENDING_SECONDS {
        return s.fail(&asker, F::NotThisBrowser, "expired", None, None).await;
    }
    if let Some(error) = q.error.as_deref() {
        let failure = if error == "access_denied" { F::Cancelled } else { F::Rejected };
        return s.fail(&asker, failure, &format!("provider_error:{}", clean(error)), None, None).await;
    }
    let Some(code) = q.code.as_deref().filter(|c| !c.is_empty()) else {
        return s.fail(&asker, F::Rejected, "no_code", None, None).await;
    };
    let meta = match s.ident.0.provider.metadata().await {
        Ok(m) => m,
        Err(e) => return s.unavailable(&asker, &e, pending.next.as_deref()).await,
    };
    if q.iss.as_deref().is_some_and(|iss| iss != meta.issuer) {
        return s.fail(&asker, F::NotVerified, "answer_wrong_issuer", None, None).await;
    }
    let client_id = s.ident.0.settings.client_id.as_str();
    let assertion = match tokens::client_assertion(&s.ident.0.keys, client_id, &meta.token_endpoint, now) {
        Ok(a) => a,
        Err(e) => {
            tracing::error!(error = %e, "cannot sign the client assertion");
            return app_error_page(&asker, AppError::Internal);
        }
    };
    let redirect_uri = s.ident.redirect_uri();
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", &redirect_uri),
        ("code_verifier", &pending.code_verifier),
        ("client_id", client_id),
        ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
        ("client_assertion", &assertion),
    ];
    let token = match s.ident.0.provider.exchange(&meta.token_endpoint, &form).await {
        Ok(t) => t,
        Err(ProviderError::Refused(e)) => {
            return s.fail(&asker, F::Rejected, &format!("code_refused:{}", clean(&e)), None, None).await
        }
        Err(e) => return s.unavailable(&asker, &e, pending.next.as_deref()).await,
    };
    let identity_claim = s.ident.0.settings.identity_claim.as_str();
    let expected = Expected { issuer: &meta.issuer, client_id, nonce: &pending.nonce, identity_claim };
    let identified = match s.check(&token, &expected, now).await {
        Ok(who) => who,
        Err(Ok(problem)) => return s.fail(&asker, problem.failure(), problem.code(), None, None).await,
        Err(Err(e)) => return s.unavailable(&asker, &e, pending.next.as_deref()).await,
    };
    let Ok(code) = IdentityCode::parse(&identified.identity_code) else {
        return s.fail(&asker, F::NotVerified, "identity_code_malformed", None, None).await;
    };
    let id = match s.pool.find_citizen_for_login(&code).await {
        Ok(Some(c)) => c.id,
        Ok(None) => return s.fail(&asker, F::UnknownPerson, "unknown_person", None, Some(code.as_str())).await,
        Err(e) => return app_error_page(&asker, e.into()),
    };
    let next = match app::api::begin_session(&s.pool, &session, id, now, pending.next.as_deref()).await {
        Ok(next) => next.to_string(),
        Err(e) => return app_error_page(&asker, e),
    };
    if let Some(end_session) = &meta.end_session_endpoint {
        let post_logout = s.ident.post_logout_uri();
        let params = [
            ("id_token_hint", identified.signed.as_str()),
            ("post_logout_redirect_uri", &post_logout),
            ("client_id", client_id),
            ("ui_locales", asker.locale.code()),
        ];
        if let Ok(url) = reqwest::Url::parse_with_params(end_session, params) {
            if let Err(e) = session.set_provider_logout(url.as_str()).await {
                tracing::error!(error = %e, "session store failed");
                return app_error_page(&asker, AppError::Unavailable);
            }
        }
    }
    let level = match identified.level {
        AssuranceLevel::High => "identified:high",
        AssuranceLevel::Substantial => "identified:substantial",
    };
    s.audit(AuditKind::Login, Some(id), Some(code.as_str()), &asker, level).await;
    tracing::info!(citizen = id.0, level, "identified");
    let mut res = Redirect::to(&next).into_response();
    let cookie = app::server::was_logged_in_cookie(true, s.secure_cookies).to_string();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

impl RouteState {
    /// The ID token checked; a key not yet seen makes the provider's keys be
    /// fetched once more (key rotation) before it is refused.
    async fn check(
        &self,
        token: &str,
        expected: &Expected<'_>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<tokens::Identified, Result<TokenProblem, ProviderError>> {
        let provider = &self.ident.0.provider;
        let keys = provider.keys(false).await.map_err(Err)?;
        match tokens::identify(token, &self.ident.0.keys, &keys, expected, now) {
            Err(TokenProblem::UnknownKey) => {
                let keys = provider.keys(true).await.map_err(Err)?;
                tokens::identify(token, &self.ident.0.keys, &keys, expected, now).map_err(Ok)
            }
            other => other.map_err(Ok),
        }
    }

    async fn audit(&self, kind: AuditKind, citizen: Option<CitizenId>, code: Option<&str>, a: &Asker, detail: &str) {
        let address = a.address.as_deref();
        if let Err(e) = self.pool.record_identification(self.clock.now(), kind, citizen, code, address, detail).await {
            tracing::error!(error = ?e, "could not write the audit log");
        }
    }

    /// A failed identification: audited with its cause, and a translated
    /// page with its status and the way back to logging in.
    async fn fail(
        &self,
        a: &Asker,
        failure: IdentificationFailure,
        detail: &str,
        citizen: Option<CitizenId>,
        code: Option<&str>,
    ) -> Response {
        tracing::warn!(detail, "identification failed");
        self.audit(AuditKind::IdentificationFailed, citizen, code, a, detail).await;
        let t = a.locale.texts();
        let status = StatusCode::from_u16(failure.status()).unwrap_or(StatusCode::BAD_REQUEST);
        plain_page(
            a.locale,
            status,
            t.identification.failure(failure),
            Some(("/login", t.identification.back_to_login)),
        )
    }

    /// The provider did not answer as it should: a 503 page that offers to
    /// try again (the same identification, the same page to go to after).
    async fn unavailable(&self, a: &Asker, e: &ProviderError, next: Option<&str>) -> Response {
        tracing::error!(error = ?e, "identification service unavailable");
        self.audit(AuditKind::IdentificationFailed, None, None, a, "provider_unavailable").await;
        let t = a.locale.texts();
        let again = match next {
            Some(next) => format!("/identify?next={}", app::api::filters::percent_encode(next)),
            None => "/identify".to_string(),
        };
        let message = t.identification.failure(IdentificationFailure::Unavailable);
        plain_page(a.locale, StatusCode::SERVICE_UNAVAILABLE, message, Some((&again, t.try_again)))
    }
}

fn app_error_page(a: &Asker, error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    plain_page(a.locale, status, error.message(a.locale.texts()), None)
}

/// A provider's error code as the audit log keeps it: short, and only the
/// characters such codes have (it came in a URL anyone can write).
fn clean(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').take(40).collect()
}

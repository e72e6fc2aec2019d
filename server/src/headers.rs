//! Headers every response carries: caching by path, the security headers,
//! and a Content-Security-Policy on every HTML answer.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::web::PKG_PREFIX;
use crate::SecureCookies;

/// The Content-Security-Policy of an HTML answer that is not a rendered
/// page: its stylesheet and nothing else.
const NO_SCRIPT_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Headers every response carries. Pages with personal data are never
/// stored by the browser, so Back after logout shows nothing; static files
/// are kept for good when their name carries their content's hash.
pub async fn security_headers(
    State(SecureCookies(secure)): State<SecureCookies>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path();
    let cache = if !path.starts_with(PKG_PREFIX) {
        "no-store"
    } else if app::server::assets::is_content_hashed(path) {
        // Its name changes with its content: kept for a year, never asked again.
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // same-origin: a form post without JavaScript is sent back to its page by its Referer.
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if secure {
        // Behind TLS: browsers use HTTPS only, for a year.
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    // A page Leptos renders sets its own policy (with the response's nonce);
    // every other HTML answer (the error pages) runs no script at all.
    let is_html = h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    if is_html && !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(NO_SCRIPT_POLICY));
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}

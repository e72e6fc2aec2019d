//! What leaves a server function, shaped on its way out: a typed error gets
//! its HTTP status, a redirect stays on this site (or goes to the
//! identification service), and a page without an island loses Leptos's
//! empty hydration scripts.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::error::AppError;

use crate::web::{header_str, is_local_path};

/// Where a server function's redirect may go besides this site: the
/// identification service's origin (logging out goes on there), if any.
#[derive(Debug, Clone, Default)]
pub struct RedirectTargets(pub Option<String>);

/// Gives a server function's typed error its HTTP status (401, 403, 400, …)
/// in one place. server_fn answers every error with 500; a plain form post
/// (no JavaScript) is a redirect back to its page and is left alone.
pub async fn api_error_status(State(targets): State<RedirectTargets>, req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let host = header_str(&req, header::HOST).unwrap_or_default().to_string();
    let mut res = next.run(req).await;
    if is_api {
        keep_redirect_local(&mut res, &host, targets.0.as_deref());
    }
    if !is_api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    match serde_json::from_slice::<AppError>(&bytes) {
        Ok(error) => {
            parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            if error == AppError::BadRequest {
                tracing::info!("server function arguments did not deserialise");
            }
        }
        Err(_) => tracing::error!("a server function failed without a typed error"),
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// A failed form post without JavaScript is sent back to its page by the
/// request's `Referer`, which another site can set: a redirect anywhere but
/// this site (or the identification service, `also`) goes to the front page
/// instead (no open redirect).
fn keep_redirect_local(res: &mut Response, host: &str, also: Option<&str>) {
    let Some(location) = res.headers().get(header::LOCATION).and_then(|l| l.to_str().ok()) else { return };
    let on_this_site = ["http://", "https://"]
        .iter()
        .filter_map(|scheme| location.strip_prefix(scheme))
        .any(|rest| rest.split(['/', '?', '#']).next() == Some(host));
    let to_provider = also.is_some_and(|origin| location.strip_prefix(origin).is_some_and(|r| r.starts_with('/')));
    if !is_local_path(location) && !on_this_site && !to_provider {
        tracing::warn!("refused a redirect to another site");
        res.headers_mut().insert(header::LOCATION, HeaderValue::from_static("/"));
    }
}

/// What Leptos appends to every page it renders for hydration, when there is
/// nothing in it: no resource, no error, no pending chunk.
const EMPTY_HYDRATION_SCRIPTS: [&str; 2] = [
    "__RESOLVED_RESOURCES=[];__SERIALIZED_ERRORS=[];__PENDING_RESOURCES=[];__RESOURCE_RESOLVERS=[];",
    "__INCOMPLETE_CHUNKS=[];",
];

/// A page without an island runs no script at all: Leptos's empty
/// hydration bootstrap is taken out of it. A page with an island keeps it
/// (the islands read it), and so does one with data in it.
pub async fn pages_without_scripts(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    if !is_html || res.headers().contains_key(header::CONTENT_ENCODING) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let html = match axum::body::to_bytes(body, 64 * 1024 * 1024).await.map(|b| String::from_utf8(b.to_vec())) {
        Ok(Ok(html)) => html,
        Ok(Err(e)) => return Response::from_parts(parts, axum::body::Body::from(e.into_bytes())),
        Err(e) => {
            tracing::error!(error = %e, "a page's body failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(without_empty_hydration_scripts(html)))
}

fn without_empty_hydration_scripts(mut html: String) -> String {
    if html.contains("<leptos-island") {
        return html;
    }
    for content in EMPTY_HYDRATION_SCRIPTS {
        let end_tag = format!("{content}</script>");
        let Some(end) = html.find(&end_tag) else { continue };
        // Its opening tag (with the nonce) ends right before the content.
        let Some(start) = html[..end].rfind("<script") else { continue };
        if html[start..end].ends_with('>') && !html[start..end - 1].contains('>') {
            html.replace_range(start..end + end_tag.len(), "");
        }
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_without_an_island_loses_only_the_empty_hydration_scripts() {
        let empty = format!(
            "<body><p>x</p></body><script nonce=\"n1\">{}</script><script nonce=\"n1\">{}</script>",
            EMPTY_HYDRATION_SCRIPTS[0], EMPTY_HYDRATION_SCRIPTS[1]
        );
        assert_eq!(without_empty_hydration_scripts(empty.clone()), "<body><p>x</p></body>");
        let island = empty.replace("<p>x</p>", "<leptos-island data-component=\"Print\"></leptos-island>");
        assert_eq!(without_empty_hydration_scripts(island.clone()), island);
        let with_data = empty.replace("__RESOLVED_RESOURCES=[]", "__RESOLVED_RESOURCES=[\"{}\",]");
        assert_eq!(
            without_empty_hydration_scripts(with_data.clone()),
            with_data.replace(&format!("<script nonce=\"n1\">{}</script>", EMPTY_HYDRATION_SCRIPTS[1]), "")
        );
    }
}

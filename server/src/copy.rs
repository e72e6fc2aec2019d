//! `GET /patient-summary/download?format=ips|record`: a copy of the record
//! in FHIR R4 as a file. The portal's own code decides who may have which
//! copy (`app::api::export`), in the same context a server function runs in;
//! the body streams as it is written. A refusal is a plain page in the
//! asker's language with the status of its error, never a half-written file.

use axum::body::Body;
use axum::extract::{Query, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;
use leptos::reactive::computed::ScopedFuture;
use leptos::reactive::owner::Owner;

use app::error::AppError;
use app::i18n::Locale;

use crate::web::plain_page;

pub async fn download(context: impl Fn() + Clone + Send + 'static, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let locale = app::server::request_locale(&parts.headers);
    // The copy is always of the session's subject: a request naming anything
    // but one format (another citizen's id, say) is refused, not ignored.
    let pairs = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri).map(|q| q.0);
    let format = match pairs.as_deref() {
        Ok([]) => None,
        Ok([(name, value)]) if name == "format" => Some(value.chars().take(20).collect::<String>()),
        _ => return refusal(locale, AppError::BadRequest),
    };
    let owner = Owner::new();
    let copy = owner
        .with(|| {
            ScopedFuture::new(async move {
                provide_context(parts);
                context();
                app::api::export::prepare_copy(format.as_deref(), locale).await
            })
        })
        .await;
    match copy {
        Ok(copy) => {
            let disposition = format!("attachment; filename=\"{}\"", copy.filename);
            let mut res = Body::from_stream(copy.body).into_response();
            let headers = res.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/fhir+json; charset=utf-8"));
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
        Err(error) => refusal(locale, error),
    }
}

/// A refused copy: the error's status and its message, with the way on.
fn refusal(locale: Locale, error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let t = locale.texts();
    let link = match error {
        AppError::NotAuthenticated => ("/login?next=/patient-summary", t.identification.back_to_login),
        AppError::NoticeNotConfirmed => ("/notice", t.summary.back),
        _ => ("/patient-summary", t.summary.title),
    };
    plain_page(locale, status, error.message(t), Some(link))
}

pub mod data_use;
pub mod home;
pub mod islands;
pub mod layout;
pub mod login;
pub mod not_found;
pub mod notice;
pub mod prescriptions;
pub mod records;

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{Locale, Texts};

pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

pub fn use_texts() -> &'static Texts {
    use_locale().texts()
}

/// An error of a form, announced to screen readers.
#[component]
pub fn ErrorSummary(error: AppError) -> impl IntoView {
    let t = use_texts();
    view! {
        <div class="error-summary" role="alert">
            <h2>{t.error_heading}</h2>
            <p>{error.message(t)}</p>
        </div>
    }
}

/// What a page shows when its data could not be loaded: the login page or
/// the notice when that is the reason, else the translated message.
#[component]
pub fn LoadError(error: AppError) -> impl IntoView {
    use leptos_router::components::Redirect;
    match error {
        AppError::NotAuthenticated => view! { <Redirect path="/login"/> }.into_any(),
        AppError::NoticeNotConfirmed => view! { <Redirect path="/notice"/> }.into_any(),
        other => {
            // The page answers with the error's status (404 for what is not
            // the citizen's or does not exist), not 200: routes render
            // asynchronously, so the status is set before anything is sent.
            // (A notice version that does not exist is a page not found.)
            #[cfg(feature = "ssr")]
            let status = if matches!(other, AppError::UnknownNoticeVersion) { 404 } else { other.status() };
            #[cfg(feature = "ssr")]
            if let (Some(res), Ok(status)) =
                (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(status))
            {
                res.set_status(status);
            }
            view! { <ErrorSummary error=other/> }.into_any()
        }
    }
}

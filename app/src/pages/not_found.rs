use crate::pages::PageTitle;
use leptos::prelude::*;

use super::use_texts;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_texts();
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <PageTitle title=t.not_found_title />
        <h1>{t.not_found_title}</h1>
        <p>{t.not_found_body}</p>
        <p>
            <a href="/">{t.back_to_front_page}</a>
        </p>
    }
}

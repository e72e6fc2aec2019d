/// A form of one button that withdraws a declaration: the action, the
/// one-time form key and the button's words. (A macro, not a component:
/// `ActionForm` is generic over each server function's type.)
macro_rules! withdraw_form {
    ($action:expr, $form_key:expr, $label:expr) => {
        view! {
            <ActionForm action=$action>
                <input type="hidden" name="form_key" value=$form_key/>
                <button type="submit" class="button button--secondary">{$label}</button>
            </ActionForm>
        }
    };
}

pub mod abroad;
pub mod chart;
pub mod data_use;
pub mod event;
pub mod glance;
pub mod home;
pub mod inputs;
pub mod islands;
pub mod laboratory;
pub mod layout;
pub mod login;
pub mod not_found;
pub mod notice;
pub mod patient_summary;
pub mod prescriptions;
pub mod records;
pub mod renewals;
pub mod subject;
pub mod table;
pub mod vaccinations;
pub mod wellbeing;
pub mod whose;
pub mod wills;

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{Locale, Texts};

pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

pub fn use_texts() -> &'static Texts {
    use_locale().texts()
}

/// The document's title: the page's, then the service's. `leptos_meta`
/// writes a title's text into `<head>` unescaped, and a page's title may
/// come from the URL (a laboratory test's code) or from stored data (an
/// event, a medicine, a notice): every title is escaped here, the one way
/// into `<title>`, so none can end the element and add markup.
#[component]
pub fn PageTitle(#[prop(into)] title: String) -> impl IntoView {
    let t = use_texts();
    view! { <leptos_meta::Title text=escaped_text(&format!("{title} – {}", t.service_name)) /> }
}

/// Text for an element whose content Leptos writes unescaped (`<title>`,
/// `<textarea>`): `&`, `<` and `>` as character references, which the
/// browser decodes back to exactly the text.
fn escaped_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// A page's data, loaded before the page is sent: the page when it loaded,
/// else what `LoadError` shows (the login page, the notice, or the
/// translated error with its status).
pub fn loaded<T, V>(
    data: Resource<Result<T, AppError>>,
    page: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let t = use_texts();
    view! {
        <Suspense fallback=move || {
            view! { <p>{t.loading}</p> }
        }>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(d) => page(d).into_any(),
                        Err(e) => view! { <LoadError error=e /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// What an empty list says instead, in words.
#[component]
pub fn EmptyState(text: &'static str) -> impl IntoView {
    view! {
        <p class="empty-state" data-testid="empty-state">
            {text}
        </p>
    }
}

/// A list's data as [`loaded`], with `empty` said in words when there is
/// nothing to list.
pub fn loaded_list<T, V>(
    data: Resource<Result<Vec<T>, AppError>>,
    empty: &'static str,
    page: impl Fn(Vec<T>) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    loaded(
        data,
        move |all: Vec<T>| {
            if all.is_empty() {
                view! { <EmptyState text=empty /> }.into_any()
            } else {
                page(all).into_any()
            }
        },
    )
}

/// A textarea's text as the server writes it into the page. Leptos writes
/// a `<textarea>`'s children unescaped (it is a raw text element to it), so
/// a text holding `</textarea><script>` would end the field and run as
/// markup: `&`, `<` and `>` are escaped here, which the browser decodes back
/// to exactly what was typed. The parser drops one line feed right after
/// the start tag, so one is written first: a text that begins with a line
/// break keeps it. Every pre-filled textarea writes its text through this.
/// (Pages render on the server only; no island renders a textarea.)
pub fn textarea_text(text: &str) -> String {
    format!("\n{}", escaped_text(text))
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
        AppError::NotAuthenticated => view! { <Redirect path="/login" /> }.into_any(),
        AppError::NoticeNotConfirmed => view! { <Redirect path="/notice" /> }.into_any(),
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
            // The database is away: the same page again is the way on.
            let again = matches!(other, AppError::Unavailable).then(|| {
                let location = leptos_router::hooks::use_location();
                let here = move || {
                    let search = location.search.get();
                    let path = location.pathname.get();
                    if search.is_empty() {
                        path
                    } else {
                        format!("{path}?{search}")
                    }
                };
                view! {
                    <p>
                        <a href=here data-testid="try-again">
                            {use_texts().try_again}
                        </a>
                    </p>
                }
            });
            view! {
                <ErrorSummary error=other />
                {again}
            }
            .into_any()
        }
    }
}

/// A select's options from `choices`, `current` selected.
pub fn choice_options(choices: Vec<crate::api::records::Choice>, current: Option<&str>) -> impl IntoView {
    choices
        .into_iter()
        .map(|c| {
            let is = current == Some(c.value.as_str());
            view! {
                <option value=c.value selected=is>
                    {c.label}
                </option>
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_textarea_text_cannot_end_its_field_and_keeps_a_leading_line_break() {
        assert_eq!(super::textarea_text("a</textarea><script>&"), "\na&lt;/textarea&gt;&lt;script&gt;&amp;");
        assert_eq!(super::textarea_text("\nx"), "\n\nx");
    }
}

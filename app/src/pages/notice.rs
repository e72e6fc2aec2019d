use crate::pages::PageTitle;
use leptos::prelude::*;

use super::{use_locale, use_texts, ErrorSummary, LoadError};
use crate::api::{current_notice, ConfirmNotice, NoticeView};

/// "Information about the Kanta Services": opens first at login until the
/// current version is confirmed; can always be read again.
#[component]
pub fn NoticePage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let notice = Resource::new(move || locale, current_notice);
    view! {
        <PageTitle title=t.notice_page_title />
        <Suspense fallback=move || {
            view! { <p>{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match notice.await {
                    Ok(n) => view! { <NoticeText notice=n /> }.into_any(),
                    Err(e) => {
                        view! {
                            <h1>{t.notice_page_title}</h1>
                            <LoadError error=e />
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn NoticeText(notice: NoticeView) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let confirm = ServerAction::<ConfirmNotice>::new();
    let published = (t.notice_version_published)(&locale.date(notice.published_on), notice.version.as_str());
    let version = notice.version.to_string();
    let due = notice.confirmation.is_none();
    let footer = match notice.confirmation {
        Some(c) => view! {
            <div class="notice-status">
                <p>{(t.notice_already_confirmed)(&locale.date_time(c.confirmed_at))}</p>
                <p>
                    <a href="/">{t.notice_continue}</a>
                </p>
            </div>
        }
        .into_any(),
        None => view! {
            <div class="notice-confirm">
                {move || confirm.value().get().and_then(Result::err).map(|e| view! { <ErrorSummary error=e /> })}
                <p>{t.notice_confirm_explanation}</p> <ActionForm action=confirm>
                    <input type="hidden" name="version" value=version />
                    <button type="submit" class="button">
                        {t.notice_confirm_button}
                    </button>
                </ActionForm>
            </div>
        }
        .into_any(),
    };
    view! {
        {due.then(|| view! { <p class="notice-due">{t.notice_due_intro}</p> })}
        <article class="notice">
            <h1>{notice.title}</h1>
            <p class="notice__meta">{published}</p>
            <NoticeBody body=notice.body />
        </article>
        {footer}
    }
}

/// The stored text, as headings and paragraphs; rendered as text, never as HTML.
#[component]
pub fn NoticeBody(body: String) -> impl IntoView {
    use crate::domain::notice::{notice_blocks, NoticeBlock};
    notice_blocks(&body)
        .into_iter()
        .map(|block| match block {
            NoticeBlock::Heading(h) => view! { <h2>{h}</h2> }.into_any(),
            NoticeBlock::Paragraph(p) => view! { <p>{p}</p> }.into_any(),
        })
        .collect_view()
}

//! One service event's own page: every entry, the register that holds it,
//! and sharing of the visit (denied, or the way to deny it).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::records::EventCard;
use super::{use_locale, use_texts, LoadError, PageTitle};
use crate::api::records::{service_event_page, EventSharing};
use crate::domain::records::EntryKind;
use crate::error::AppError;

/// One service event: every entry and the register that holds it.
#[component]
pub fn ServiceEventPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let params = use_params_map();
    let id = Memo::new(move |_| params.get().get("id").and_then(|s| s.parse::<i64>().ok()));
    let event = Resource::new(
        move || (id.get(), locale),
        |(id, locale)| async move {
            match id {
                Some(id) => service_event_page(id, locale).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || {
            view! { <p>{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match event.await {
                    Ok(e) => {
                        let back = if e.entries.iter().any(|x| x.kind == EntryKind::ClientDocument) {
                            ("/social-welfare", t.back_to_social)
                        } else {
                            ("/records", t.back_to_health)
                        };
                        let stored = (t.event_stored_in)(&e.register_name);
                        let sharing = e.sharing.map(|s| view! { <EventSharingPanel event=e.id sharing=s /> });
                        view! {
                            <PageTitle title=e.title.clone() />
                            <p>
                                <a href=back.0>{back.1}</a>
                            </p>
                            <h1>{e.title.clone()}</h1>
                            <p class="lead" data-testid="stored-in">
                                {stored}
                            </p>
                            <EventCard event=e link=false />
                            {sharing}
                        }
                            .into_any()
                    }
                    Err(e) => {
                        view! {
                            <PageTitle title=t.records_health_title />
                            <h1>{t.records_health_title}</h1>
                            <LoadError error=e />
                            <p>
                                <a href="/records">{t.back_to_health}</a>
                            </p>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// Sharing of this visit: denied already, or the way to deny it (the
/// denial's own confirmation step), with how denials and consents meet.
#[component]
fn EventSharingPanel(event: i64, sharing: EventSharing) -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="panel" aria-labelledby="event-sharing" data-testid="event-sharing">
            <h2 id="event-sharing">{t.event_sharing_heading}</h2>
            {match sharing {
                EventSharing::Denied => {
                    view! {
                        <p>{t.event_denied}</p>
                        <p>
                            <a href="/data-use">{t.event_denials_link}</a>
                        </p>
                    }
                        .into_any()
                }
                EventSharing::Deniable => {
                    view! {
                        <p>{t.event_deny_explain}</p>
                        <p>
                            <a
                                class="button button--secondary"
                                href=format!("/data-use/denials/new?kind=service_event&target={event}")
                            >
                                {t.event_deny_link}
                            </a>
                        </p>
                        <p>
                            <a href="/data-use/preview?situation=emergency">{t.event_emergency_link}</a>
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

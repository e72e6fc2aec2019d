use leptos::prelude::*;
use leptos_meta::Title;

use super::{use_locale, use_texts, LoadError};
use crate::api::front_page;
use crate::domain::ConfirmationChannel;
use crate::i18n::fill;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let page = Resource::new(move || locale, front_page);
    view! {
        <Title text=format!("{} – {}", t.home_title, t.service_name)/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => {
                        let c = p.confirmation;
                        let date = locale.local_date(c.confirmed_at);
                        let version = c.version.to_string();
                        let status = match c.channel {
                            ConfirmationChannel::Online => fill(
                                t.notice_confirmed_online,
                                &[("date", &date), ("version", &version)],
                            ),
                            ConfirmationChannel::InPerson { provider_name } => fill(
                                t.notice_confirmed_in_person,
                                &[("date", &date), ("version", &version), ("provider", &provider_name)],
                            ),
                        };
                        view! {
                            <h1>{fill(t.greeting, &[("name", &p.full_name)])}</h1>
                            <section class="panel" aria-labelledby="notice-status-title">
                                <h2 id="notice-status-title">{t.notice_page_title}</h2>
                                <p data-testid="notice-status">{status}</p>
                                <p><a href="/notice">{t.read_notice_again}</a></p>
                            </section>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <h1>{t.home_title}</h1><LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

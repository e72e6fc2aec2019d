use crate::pages::PageTitle;
use leptos::prelude::*;

use super::subject::SubjectText;

use super::{use_locale, use_texts, LoadError};
use crate::api::acting::{people_to_act_for, ActFor, ActForView};
use crate::api::front_page;
use crate::domain::acting::ActingRight;
use crate::domain::ConfirmationChannel;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let page = Resource::new(move || locale, front_page);
    view! {
        <PageTitle title=t.home_title />
        <Suspense fallback=move || {
            view! { <p>{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => {
                        let c = p.confirmation;
                        let uusimaa = p.glance.uusimaa_sharing;
                        let date = locale.local_date(c.confirmed_at);
                        let version = c.version.to_string();
                        let status = match c.channel {
                            ConfirmationChannel::Online => (t.notice_confirmed_online)(&date, &version),
                            ConfirmationChannel::OnlineByGuardian { .. } => (t.notice_confirmed_online)(&date, &version),
                            ConfirmationChannel::InPerson { provider_name } => {
                                (t.notice_confirmed_in_person)(&date, &provider_name, &version)
                            }
                        };
                        view! {
                            <h1>{(t.greeting)(&p.full_name)}</h1>
                            <p data-testid="previous-login">
                                {match p.previous_login {
                                    Some(at) => (t.previous_login)(&locale.date_time(at)),
                                    None => t.first_login.to_string(),
                                }}
                            </p>
                            <super::glance::NeedsAttention glance=p.glance.clone() />
                            <super::glance::AtAGlance glance=p.glance />
                            <section class="panel" aria-labelledby="notice-status-title">
                                <h2 id="notice-status-title">{t.notice_page_title}</h2>
                                <p data-testid="notice-status">{status}</p>
                                {uusimaa
                                    .map(|shared| {
                                        let said = if shared {
                                            t.notice_effect_uusimaa
                                        } else {
                                            t.notice_effect_uusimaa_denied
                                        };
                                        view! {
                                            <p data-testid="notice-effect">
                                                {said} " " <a href="/data-use#du-denials">{t.denials_heading}</a>
                                            </p>
                                        }
                                    })}
                                {p
                                    .subject_notice
                                    .map(|(name, theirs)| {
                                        let said = match theirs {
                                            Some(c) => {
                                                (t
                                                    .notice_of_confirmed)(
                                                    &name,
                                                    &locale.local_date(c.confirmed_at),
                                                    &c.version.to_string(),
                                                )
                                            }
                                            None => (t.notice_of_not_confirmed)(&name),
                                        };
                                        view! { <p data-testid="subject-notice">{said}</p> }
                                    })}
                                <p>
                                    <a href="/notice">{t.read_notice_again}</a>
                                </p>
                            </section>
                            <section class="panel" aria-labelledby="your-data-title">
                                <h2 id="your-data-title">
                                    <SubjectText own=t.your_data_title other=t.data_of />
                                </h2>
                                <ul class="section-links">
                                    <li>
                                        <a href="/patient-summary">{t.summary.link}</a>
                                    </li>
                                    <li>
                                        <a href="/records">{t.nav_health_data}</a>
                                    </li>
                                    <li>
                                        <a href="/social-welfare">{t.nav_social_welfare}</a>
                                    </li>
                                    <li>
                                        <a href="/prescriptions">{t.nav_prescriptions}</a>
                                    </li>
                                    <li>
                                        <a href="/laboratory">{t.lab_title}</a>
                                    </li>
                                    <li>
                                        <a href="/vaccinations">{t.vacc_title}</a>
                                    </li>
                                    <li>
                                        <a href="/wellbeing">{t.wellbeing.link}</a>
                                    </li>
                                    <li>
                                        <a href="/wills">{t.wills.title}</a>
                                    </li>
                                    <li>
                                        <a href="/data-use">{t.nav_data_use}</a>
                                    </li>
                                </ul>
                            </section>
                            <PeopleToActFor />
                        }
                            .into_any()
                    }
                    Err(e) => {
                        view! {
                            <h1>{t.home_title}</h1>
                            <LoadError error=e />
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The people the citizen may act for today, each one click away: children
/// in their guardianship, and adults who gave them an e-authorisation.
#[component]
pub fn PeopleToActFor() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let people = Resource::new(|| (), |_| people_to_act_for());
    let act = ServerAction::<ActFor>::new();
    let list = move |people: Vec<ActForView>| {
        view! {
            <ul class="children">
                {people
                    .into_iter()
                    .map(|p| {
                        let note = match p.age {
                            Some(age) => t.age_years.of(age as usize),
                            None => (t.authorisation_valid_until)(&locale.date(p.until)),
                        };
                        view! {
                            <li>
                                <ActionForm action=act>
                                    <input type="hidden" name="person" value=p.id />
                                    <button type="submit" class="button button--secondary">
                                        {(t.act_for_button)(&p.full_name)}
                                    </button>
                                    " "
                                    <span class="muted">{note}</span>
                                </ActionForm>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    };
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let (children, adults): (Vec<_>, Vec<_>) = people
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .partition(|p| p.right == ActingRight::Guardian);
                view! {
                    {move || act.value().get().and_then(Result::err).map(|e| view! { <super::ErrorSummary error=e /> })}
                    {(!children.is_empty())
                        .then(|| {
                            view! {
                                <section class="panel" aria-labelledby="children-title">
                                    <h2 id="children-title">{t.children_title}</h2>
                                    <p>{t.children_intro}</p>
                                    {list(children)}
                                </section>
                            }
                        })}
                    {(!adults.is_empty())
                        .then(|| {
                            view! {
                                <section class="panel" aria-labelledby="authorised-title" data-testid="authorisations">
                                    <h2 id="authorised-title">{t.authorised_title}</h2>
                                    <p>{t.authorised_intro}</p>
                                    {list(adults)}
                                </section>
                            }
                        })}
                }
            })}
        </Suspense>
    }
}

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::{use_locale, use_texts};
use crate::api::acting::ActForSelf;
use crate::api::filters::percent_encode;
use crate::api::flash::FlashNote;
use crate::api::{session_citizen, LoggedInCitizen, Logout};
use crate::i18n::Locale;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let t = use_texts();
    let citizen = Resource::new(|| (), |_| session_citizen());
    provide_context(citizen);
    let locale = use_locale();
    provide_context(Flashes(Resource::new(move || locale, crate::api::flash::take_flash)));
    view! {
        <a class="skip-link" href="#main">
            {t.skip_to_content}
        </a>
        // Wide screens show the language switch, the session and the
        // sections in the header; a phone shows the service, whose data it
        // is, and a menu that opens without JavaScript (a disclosure
        // element) with the same three. The stylesheet shows one or the other.
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="/">
                    <span class="brand__name">{t.service_name}</span>
                    <span class="brand__tagline">{t.service_tagline}</span>
                </a>
                <WhoseData />
                <div class="header-wide">
                    <LanguageSwitch />
                    <SessionBox />
                </div>
                <details class="header-menu">
                    <summary>{t.menu_label}</summary>
                    <div class="header-menu__panel">
                        <SiteNav />
                        <LanguageSwitch />
                        <SessionBox />
                    </div>
                </details>
            </div>
            <div class="header-wide">
                <SiteNav />
            </div>
        </header>
        <main id="main" tabindex="-1">
            <IdleWarning />
            <FlashMessage />
            <ActingForBanner />
            {children()}
        </main>
        <footer class="site-footer">
            <p>{t.footer_text}</p>
            <p>{t.footer_demo}</p>
        </footer>
    }
}

/// The last action's status message, taken once per page (`api::flash`).
#[derive(Clone, Copy)]
struct Flashes(Resource<Result<Option<FlashNote>, crate::error::AppError>>);

/// What the last action did, said once (`api::flash`): a status message,
/// read by screen readers, with or without JavaScript. `place`: the section
/// this one stands in (the message whose place it is); None: the top of the
/// page, for a message without a place.
#[component]
pub fn FlashMessage(#[prop(optional)] place: Option<&'static str>) -> impl IntoView {
    use_context::<Flashes>().map(|Flashes(flash)| {
        view! {
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    flash
                        .await
                        .ok()
                        .flatten()
                        .filter(|note| note.place.as_deref() == place)
                        .map(|note| {
                            view! {
                                <p class="flash" role="status" data-testid="flash">
                                    {note.text}
                                </p>
                            }
                        })
                })}
            </Suspense>
        }
    })
}

/// Shortly before the session ends, a warning with the way to keep it: the
/// page itself, loaded again. Without a script: the stylesheet shows it
/// after the delay its class names (`idle-warning--after-N`, minutes).
#[component]
fn IdleWarning() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let citizen = use_session_citizen();
    let location = use_location();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let (at, after) = citizen.await.ok().flatten()?.session_ends_at?;
                let here = move || {
                    let search = location.search.get();
                    let path = location.pathname.get();
                    if search.is_empty() { path } else { format!("{path}?{search}") }
                };
                Some(
                    view! {
                        <p class=format!("idle-warning idle-warning--after-{after}") data-testid="idle-warning">
                            {(t.idle_warning)(&locale.time(at))}
                            " "
                            <a href=here>{t.stay_logged_in}</a>
                        </p>
                    },
                )
            })}
        </Suspense>
    }
}

/// Plain links to the server, which sets the cookie and sends the visitor
/// back: works the same with and without JavaScript.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let t = use_texts();
    let current = use_locale();
    let location = use_location();
    view! {
        <nav class="language-switch" aria-label=t.language_switch_label>
            <ul>
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        let href = move || {
                            let search = location.search.get();
                            let search = search.trim_start_matches('?');
                            let path = location.pathname.get();
                            let back = if search.is_empty() { path } else { format!("{path}?{search}") };
                            format!("/lang/{}?back={}", l.code(), percent_encode(&back))
                        };
                        // Leptos gives the query without its `?`.
                        view! {
                            <li>
                                <a
                                    href=href
                                    rel="external"
                                    lang=l.code()
                                    hreflang=l.code()
                                    aria-current=(l == current).then_some("true")
                                >
                                    {l.endonym()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn SessionBox() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let citizen = use_session_citizen();
    let logout = ServerAction::<Logout>::new();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match citizen.await {
                    Ok(Some(c)) => {
                        Some(
                            view! {
                                <div class="session-box">
                                    <span class="session-box__who">{(t.logged_in_as)(&c.full_name)}</span>
                                    {c
                                        .acts_for_others
                                        .then(|| {
                                            view! {
                                                <a class="session-box__whose" href="/whose">
                                                    {t.whose_link}
                                                </a>
                                            }
                                        })}
                                    {c
                                        .session_ends_at
                                        .map(|(at, _)| {
                                            view! {
                                                <span class="session-box__ends" data-testid="session-ends">
                                                    {(t.session_ends)(&locale.time(at))}
                                                </span>
                                            }
                                        })}
                                    <ActionForm action=logout>
                                        <button type="submit" class="button button--secondary">
                                            {t.logout}
                                        </button>
                                    </ActionForm>
                                </div>
                            },
                        )
                    }
                    _ => None,
                }
            })}
        </Suspense>
    }
}

/// Whose data the pages show: the citizen's, or the child's they act for.
#[component]
fn WhoseData() -> impl IntoView {
    let t = use_texts();
    let citizen = use_session_citizen();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                citizen
                    .await
                    .ok()
                    .flatten()
                    .map(|c| {
                        let class = if c.acting_for.is_some() { "whose-data whose-data--other" } else { "whose-data" };
                        let name = c.acting_for.map(|a| a.name).unwrap_or(c.full_name);
                        // On a wide screen the session box names the citizen;
                        // this line shows there only for someone else's data.
                        view! {
                            <p class=class data-testid="whose-data">
                                {(t.showing_data_of)(&name)}
                            </p>
                        }
                    })
            })}
        </Suspense>
    }
}

type SessionResource = Resource<Result<Option<LoggedInCitizen>, crate::error::AppError>>;

pub(crate) fn use_session_citizen() -> SessionResource {
    expect_context::<SessionResource>()
}

/// The sections of the service, for a logged-in citizen.
#[component]
fn SiteNav() -> impl IntoView {
    let t = use_texts();
    let citizen = use_session_citizen();
    let location = use_location();
    let links = [
        ("/", t.nav_front_page),
        ("/records", t.nav_health_data),
        ("/social-welfare", t.nav_social_welfare),
        ("/prescriptions", t.nav_prescriptions),
        ("/data-use", t.nav_data_use),
    ];
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                matches!(citizen.await, Ok(Some(_)))
                    .then(|| {
                        view! {
                            <nav class="site-nav" aria-label=t.main_navigation_label>
                                <ul>
                                    {links
                                        .into_iter()
                                        .map(|(href, label)| {
                                            let current = move || {
                                                let path = location.pathname.get();
                                                let here = if href == "/" {
                                                    path == "/"
                                                } else {
                                                    path.starts_with(href)
                                                };
                                                here.then_some("page")
                                            };
                                            view! {
                                                <li>
                                                    <a href=href aria-current=current>
                                                        {label}
                                                    </a>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </nav>
                        }
                    })
            })}
        </Suspense>
    }
}

/// Says whose data is on the page and by which right (a guardian's, or an
/// e-authorisation's), with what the right allows and the one click back
/// to the citizen's own data.
#[component]
fn ActingForBanner() -> impl IntoView {
    use crate::domain::acting::ActingRight;
    let t = use_texts();
    let locale = use_locale();
    let citizen = use_session_citizen();
    let back = ServerAction::<ActForSelf>::new();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let acting = citizen.await.ok().flatten().and_then(|c| c.acting_for);
                acting
                    .map(|a| {
                        let (said, limit) = match a.right {
                            ActingRight::Guardian => ((t.acting_for_banner)(&a.name), t.guardian_limit_note),
                            ActingRight::Authorisation => {
                                (
                                    (t.acting_by_authorisation_banner)(&a.name, &locale.date(a.until)),
                                    t.authorisation_limit_note,
                                )
                            }
                        };
                        view! {
                            <div
                                class="acting-for"
                                role="region"
                                aria-label=t.acting_region_label
                                data-testid="acting-for"
                            >
                                <p>{said}</p>
                                <p class="muted">{limit}</p>
                                <ActionForm action=back>
                                    <button type="submit" class="button button--secondary">
                                        {t.act_for_self_button}
                                    </button>
                                </ActionForm>
                            </div>
                        }
                    })
            })}
        </Suspense>
    }
}

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::{hard_navigate, use_locale, use_texts};
use crate::api::{session_citizen, Logout};
use crate::i18n::{fill, Locale};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let t = use_texts();
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="/">
                    <span class="brand__name">{t.service_name}</span>
                    <span class="brand__tagline">{t.service_tagline}</span>
                </a>
                <LanguageSwitch/>
                <SessionBox/>
            </div>
        </header>
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{t.footer_text}</p>
            <p>{t.footer_demo}</p>
        </footer>
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
                        let href = move || format!("/lang/{}?back={}", l.code(), location.pathname.get());
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
    let citizen = Resource::new(|| (), |_| session_citizen());
    let logout = ServerAction::<Logout>::new();
    Effect::new(move |_| {
        if let Some(Ok(path)) = logout.value().get() {
            hard_navigate(&path);
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match citizen.await {
                    Ok(Some(c)) => Some(view! {
                        <div class="session-box">
                            <span class="session-box__who">{fill(t.logged_in_as, &[("name", &c.full_name)])}</span>
                            <ActionForm action=logout>
                                <button type="submit" class="button button--secondary">{t.logout}</button>
                            </ActionForm>
                        </div>
                    }),
                    _ => None,
                }
            })}
        </Suspense>
    }
}

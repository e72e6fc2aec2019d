//! The portal's one shared crate: domain rules (pure, unit-tested), server
//! functions, and the pages. Compiled with `ssr` for the server and with
//! `hydrate` for the browser, where only the islands (`pages::islands`) run.

#![recursion_limit = "256"]

pub mod api;
pub mod demo;
pub mod domain;
pub mod error;
pub mod i18n;
mod pages;
#[cfg(feature = "ssr")]
pub mod server;

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
#[cfg(feature = "ssr")]
use leptos_meta::MetaTags;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::pages::abroad::AbroadPage;
use crate::pages::data_use::{
    DataUsePage, DenialConfirmPage, EndingConfirmPage, HistoryPage, NoticeVersionPage, PreviewPage, SummaryPage,
    ViewingsPage,
};
use crate::pages::event::ServiceEventPage;
use crate::pages::laboratory::{LaboratoryPage, LaboratoryTestPage};
use crate::pages::patient_summary::PatientSummaryPage;
use crate::pages::prescriptions::PrescriptionsPage;
use crate::pages::records::{HealthDataPage, SocialWelfarePage};
use crate::pages::renewals::{RenewalFormPage, RenewalsPage};
use crate::pages::vaccinations::VaccinationsPage;
use crate::pages::wellbeing::{CorrectMeasurementPage, WellbeingPage};
use crate::pages::whose::WhosePage;
use crate::pages::wills::WillsPage;

use crate::i18n::Locale;
use crate::pages::{home::HomePage, layout::Layout, login::LoginPage, not_found::NotFound, notice::NoticePage};

/// The language of this page, from the request (cookie, then
/// Accept-Language). Pages render on the server only; an island gets its
/// texts from the page as properties.
pub fn initial_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().map(|p| server::request_locale(&p.headers)).unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Locale::default()
    }
}

/// The HTML document around the app (server only). It loads no script:
/// a page that has an island adds the hydration scripts beside it
/// (`pages::islands`).
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = initial_locale();
    let assets = server::assets::SiteAssets::of(&options);
    set_content_security_policy();
    // Pages are not hydrated (only islands are, from their own properties):
    // nothing a page loaded is serialized into it for the browser.
    if let Some(shared) = Owner::current_shared_context() {
        shared.set_is_hydrating(false);
    }
    provide_context(options);
    provide_context(pages::islands::IslandScriptsOnPage::default());
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="stylesheet" href=assets.stylesheet.clone() />
                <link rel="icon" href=assets.icon.clone() type="image/svg+xml" />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// A strict Content-Security-Policy: scripts only from us or with this
/// response's nonce (which Leptos puts on its own inline scripts). Forms
/// post to us; the logout form's answer may go on to the identification
/// service (browsers hold a form's redirects to `form-action` too).
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use leptos::nonce::use_nonce;
    if let (Some(nonce), Some(res)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>()) {
        let provider = use_context::<crate::server::PortalConfig>().and_then(|c| c.identification);
        let form_action = provider.map_or("'self'".to_string(), |origin| format!("'self' {origin}"));
        let policy = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
             object-src 'none'; base-uri 'self'; form-action {form_action}; frame-ancestors 'none'"
        );
        if let Ok(value) = http::HeaderValue::from_str(&policy) {
            res.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(initial_locale());

    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/notice") view=NoticePage ssr=SsrMode::Async />
                    <Route path=path!("/records") view=HealthDataPage ssr=SsrMode::Async />
                    <Route path=path!("/records/events/:id") view=ServiceEventPage ssr=SsrMode::Async />
                    <Route path=path!("/social-welfare") view=SocialWelfarePage ssr=SsrMode::Async />
                    <Route path=path!("/prescriptions") view=PrescriptionsPage ssr=SsrMode::Async />
                    <Route path=path!("/prescriptions/renewals") view=RenewalsPage ssr=SsrMode::Async />
                    <Route path=path!("/prescriptions/abroad") view=AbroadPage ssr=SsrMode::Async />
                    <Route path=path!("/wills") view=WillsPage ssr=SsrMode::Async />
                    <Route path=path!("/whose") view=WhosePage ssr=SsrMode::Async />
                    <Route path=path!("/prescriptions/:id/renewal") view=RenewalFormPage ssr=SsrMode::Async />
                    <Route path=path!("/laboratory") view=LaboratoryPage ssr=SsrMode::Async />
                    <Route path=path!("/vaccinations") view=VaccinationsPage ssr=SsrMode::Async />
                    <Route path=path!("/patient-summary") view=PatientSummaryPage ssr=SsrMode::Async />
                    <Route path=path!("/wellbeing") view=WellbeingPage ssr=SsrMode::Async />
                    <Route path=path!("/wellbeing/correct/:id") view=CorrectMeasurementPage ssr=SsrMode::Async />
                    <Route path=path!("/laboratory/:test") view=LaboratoryTestPage ssr=SsrMode::Async />
                    <Route path=path!("/data-use") view=DataUsePage ssr=SsrMode::Async />
                    <Route path=path!("/data-use/denials/new") view=DenialConfirmPage ssr=SsrMode::Async />
                    <Route path=path!("/data-use/end") view=EndingConfirmPage ssr=SsrMode::Async />
                    <Route path=path!("/data-use/history") view=HistoryPage ssr=SsrMode::Async />
                    <Route path=path!("/data-use/summary") view=SummaryPage ssr=SsrMode::Async />
                    <Route path=path!("/data-use/viewings") view=ViewingsPage ssr=SsrMode::Async />
                    <Route path=path!("/data-use/preview") view=PreviewPage ssr=SsrMode::Async />
                    <Route path=path!("/data-use/notice/:version") view=NoticeVersionPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}

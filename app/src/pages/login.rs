use crate::pages::PageTitle;
use leptos::prelude::*;

use super::{use_texts, ErrorSummary};
use crate::api::{login_options, login_prefill, Login, LoginWays};
use crate::error::AppError;

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_texts();
    let login = ServerAction::<Login>::new();
    let options = Resource::new(|| (), |_| login_options());
    let prefill = Resource::new(|| (), |_| login_prefill());
    let query = leptos_router::hooks::use_query_map();
    let logged_out = query.with_untracked(|q| q.get("logged_out").is_some());
    let timed_out = query.with_untracked(|q| q.get("timed_out").is_some());
    // Back to the page asked for, after logging in (checked again there).
    let next = query.with_untracked(|q| q.get("next")).filter(|n| crate::api::return_path::return_path(n).is_some());

    view! {
        <PageTitle title=t.login_title />
        <div class="narrow">
            <h1>{t.login_title}</h1>
            {logged_out
                .then(|| {
                    view! {
                        <p class="flash" role="status" data-testid="flash">
                            {t.logged_out}
                        </p>
                    }
                })}
            {timed_out
                .then(|| {
                    view! {
                        <p class="flash" role="status" data-testid="timed-out">
                            {t.session_ended}
                        </p>
                    }
                })}
            <Suspense fallback=|| ()>
                {move || {
                    let next = next.clone();
                    Suspend::new(async move {
                        let typed = prefill.await.ok().flatten().unwrap_or_default();
                        match options.await {
                            Ok(options) => view! { <LoginChoices options next typed login /> }.into_any(),
                            Err(e) => view! { <ErrorSummary error=e /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let people = options.await.map(|o| o.demo_people).unwrap_or_default();
                    (!people.is_empty())
                        .then(|| {
                            view! {
                                <section class="demo-logins" aria-labelledby="demo-logins-title">
                                    <h2 id="demo-logins-title">{t.demo_logins_title}</h2>
                                    <p>{t.demo_logins_intro}</p>
                                    <table>
                                        <thead>
                                            <tr>
                                                <th scope="col">{t.demo_name}</th>
                                                <th scope="col">{t.demo_identity_code}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {people
                                                .into_iter()
                                                .map(|p| {
                                                    view! {
                                                        <tr>
                                                            <td>{p.full_name}</td>
                                                            <td>
                                                                <code>{p.identity_code}</code>
                                                            </td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </section>
                            }
                        })
                })}
            </Suspense>
        </div>
    }
}

/// Identification first, when the server has an identification service;
/// then, in demo mode, the password form; neither: a plain statement.
#[component]
fn LoginChoices(options: LoginWays, next: Option<String>, typed: String, login: ServerAction<Login>) -> impl IntoView {
    let t = use_texts();
    let ti = t.identification;
    let identify_href = match &next {
        Some(next) => format!("/identify?next={}", crate::api::filters::percent_encode(next)),
        None => "/identify".to_string(),
    };
    let identification = options.identification.then(|| {
        view! {
            <div class="identify">
                <p>{ti.identify_intro}</p>
                <p>
                    <a class="button" href=identify_href rel="external" data-testid="identify">
                        {ti.identify_button}
                    </a>
                </p>
            </div>
        }
    });
    let heading = options.identification.then(|| view! { <h2>{ti.password_heading}</h2> });
    let password = options.password.then(|| {
        view! {
            {heading}
            <p>{t.login_intro}</p>
            <PasswordForm next typed login />
        }
    });
    let none = (!options.identification && !options.password).then(|| view! { <p>{ti.no_login}</p> });
    view! {
        {identification}
        {password}
        {none}
    }
}

/// The demo people's password login.
#[component]
fn PasswordForm(next: Option<String>, typed: String, login: ServerAction<Login>) -> impl IntoView {
    let t = use_texts();
    let error = move || login.value().get().and_then(Result::err);
    let code_invalid = move || matches!(error(), Some(AppError::InvalidIdentityCode(_) | AppError::BadCredentials));
    let password_invalid = move || matches!(error(), Some(AppError::PasswordMissing | AppError::BadCredentials));
    view! {
        {move || error().map(|e| view! { <ErrorSummary error=e /> })}
        <ActionForm action=login>
            {next.map(|next| view! { <input type="hidden" name="next" value=next /> })} <div class="field">
                <label for="identity_code">{t.identity_code_label}</label>
                <p id="identity_code_hint" class="hint">
                    {t.identity_code_hint}
                </p>
                <input
                    id="identity_code"
                    name="identity_code"
                    type="text"
                    autocomplete="username"
                    autocapitalize="characters"
                    spellcheck="false"
                    maxlength="20"
                    value=typed
                    aria-describedby="identity_code_hint"
                    aria-invalid=move || code_invalid().then_some("true")
                />
            </div> <div class="field">
                <label for="password">{t.password_label}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    aria-invalid=move || password_invalid().then_some("true")
                />
            </div> <button type="submit" class="button">
                {t.login_button}
            </button>
        </ActionForm>
    }
}

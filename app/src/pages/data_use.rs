//! Management of Data Use: the notice and its confirmations, consents,
//! denials (with a confirmation step), history, a printable summary, who
//! viewed the data, and the "who can see my data" preview. Every form is an
//! `ActionForm` (a plain POST without JavaScript) or a GET form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{use_locale, use_texts, ErrorSummary, LoadError};
use crate::api::data_use::*;
use crate::api::records::Choice;
use crate::domain::data_use::{cross_code, sector_code};
use crate::domain::declarations::{CrossSector, Sector};
use crate::domain::ConfirmationChannel;
use crate::i18n::{fill, Texts};

#[component]
fn DataUseNav(current: &'static str) -> impl IntoView {
    let t = use_texts();
    let links = [
        ("/data-use", t.du_overview),
        ("/data-use/history", t.du_history),
        ("/data-use/summary", t.du_summary),
        ("/data-use/viewings", t.du_viewings),
        ("/data-use/preview", t.du_preview),
    ];
    view! {
        <nav class="subnav" aria-label=t.du_subnav_label>
            <ul>
                {links
                    .into_iter()
                    .map(|(href, label)| view! {
                        <li><a href=href aria-current=(href == current).then_some("page")>{label}</a></li>
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

fn sector_name(t: &'static Texts, s: Sector) -> &'static str {
    match s {
        Sector::Healthcare => t.sector_healthcare,
        Sector::SocialWelfare => t.sector_social_welfare,
    }
}

fn cross_name(t: &'static Texts, c: CrossSector) -> &'static str {
    match c {
        CrossSector::HealthcareToSocialWelfare => t.cross_health_to_social,
        CrossSector::SocialWelfareToHealthcare => t.cross_social_to_health,
    }
}

#[component]
pub fn DataUsePage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let page = Resource::new(move || locale, data_use_page);
    view! {
        <Title text=format!("{} – {}", t.nav_data_use, t.service_name)/>
        <h1>{t.nav_data_use}</h1>
        <DataUseNav current="/data-use"/>
        <p class="lead">{t.data_use_intro}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <DataUseSections page=p/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DataUseSections(page: DataUseView) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let give = ServerAction::<GiveConsent>::new();
    let withdraw = ServerAction::<WithdrawConsent>::new();
    let give_cross = ServerAction::<GiveCrossConsent>::new();
    let withdraw_cross = ServerAction::<WithdrawCrossConsent>::new();
    let cancel = ServerAction::<CancelDenial>::new();
    let update = ServerAction::<UpdateConsent>::new();
    let allow_rx = ServerAction::<AllowPrescriptionEmergency>::new();
    let withdraw_rx = ServerAction::<WithdrawPrescriptionEmergency>::new();
    let confirm_child = ServerAction::<ConfirmChildNotice>::new();
    let error = move || {
        [
            give.value().get(),
            withdraw.value().get(),
            give_cross.value().get(),
            withdraw_cross.value().get(),
            cancel.value().get(),
            update.value().get(),
            allow_rx.value().get(),
            withdraw_rx.value().get(),
            confirm_child.value().get(),
        ]
        .into_iter()
        .flatten()
        .find_map(Result::err)
    };
    let key = page.form_key.clone();
    let confirmed = page.confirmations.iter().any(|c| c.version == page.current_version);
    let confirmations = page.confirmations.clone();

    view! {
        {move || error().map(|e| view! { <ErrorSummary error=e/> })}

        <section class="panel" aria-labelledby="du-notice">
            <h2 id="du-notice">{t.notice_page_title}</h2>
            <p>{fill(t.du_notice_current, &[("version", page.current_version.as_str())])}</p>
            {(!confirmed).then(|| view! { <p><strong>{t.du_notice_not_confirmed}</strong></p> })}
            {page.child_name.clone().filter(|_| !confirmed).map(|child| {
                let current = page.current_version.as_str().to_string();
                let href = format!("/data-use/notice/{current}");
                view! {
                    <p>{fill(t.du_confirm_for_child_explain, &[("name", &child)])}" "<a href=href>{fill(t.du_read_version, &[("version", &current)])}</a></p>
                    <ActionForm action=confirm_child>
                        <input type="hidden" name="version" value=current.clone()/>
                        <button type="submit" class="button">{fill(t.du_confirm_for_child_button, &[("name", &child)])}</button>
                    </ActionForm>
                }
            })}
            <h3>{t.du_confirmations_heading}</h3>
            {if confirmations.is_empty() {
                view! { <p>{t.du_no_confirmations}</p> }.into_any()
            } else {
                view! {
                    <table data-testid="confirmations">
                        <thead><tr><th scope="col">{t.col_version}</th><th scope="col">{t.col_time}</th><th scope="col">{t.col_channel}</th></tr></thead>
                        <tbody>
                            {confirmations.into_iter().map(|c| {
                                let channel = match c.channel {
                                    ConfirmationChannel::Online => t.channel_online.to_string(),
                                    ConfirmationChannel::OnlineByGuardian { guardian_name } => fill(t.channel_online_by_guardian, &[("name", &guardian_name)]),
                                    ConfirmationChannel::InPerson { provider_name } => fill(t.channel_in_person, &[("provider", &provider_name)]),
                                };
                                view! { <tr><td>{c.version.to_string()}</td><td>{locale.date_time(c.confirmed_at)}</td><td>{channel}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <ul class="inline-links">
                {page.versions.iter().map(|v| {
                    let href = format!("/data-use/notice/{}", v.as_str());
                    view! { <li><a href=href>{fill(t.du_read_version, &[("version", v.as_str())])}</a></li> }
                }).collect_view()}
            </ul>
        </section>

        <section class="panel" aria-labelledby="du-consents">
            <h2 id="du-consents">{t.consents_heading}</h2>
            {page.consents.into_iter().map(|c| {
                let (title, explain) = match c.sector {
                    Sector::Healthcare => (t.consent_healthcare_title, t.consent_healthcare_explain),
                    Sector::SocialWelfare => (t.consent_social_title, t.consent_social_explain),
                };
                let code = sector_code(c.sector);
                let state = match c.given_at {
                    Some(at) => fill(t.consent_given_on, &[("date", &locale.local_date(at))]),
                    None => t.consent_not_given.to_string(),
                };
                let form_key = format!("{key}-consent-{code}");
                // A consent given before 2024 covers sharing through Kanta only.
                let to_update = c.to_update.then(|| {
                    let form_key = format!("{key}-update-{code}");
                    view! {
                        <div class="callout" data-testid="consent-to-update">
                            <p>{t.consent_before_2024}</p>
                            <ActionForm action=update>
                                <input type="hidden" name="sector" value=code/>
                                <input type="hidden" name="form_key" value=form_key/>
                                <button type="submit" class="button">{fill(t.consent_update_button, &[("sector", sector_name(t, c.sector))])}</button>
                            </ActionForm>
                        </div>
                    }
                });
                let form = if c.given_at.is_some() {
                    view! {
                        <ActionForm action=withdraw>
                            <input type="hidden" name="sector" value=code/>
                            <input type="hidden" name="form_key" value=form_key/>
                            <button type="submit" class="button button--secondary">{fill(t.consent_withdraw_button, &[("sector", sector_name(t, c.sector))])}</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! {
                        <ActionForm action=give>
                            <input type="hidden" name="sector" value=code/>
                            <input type="hidden" name="form_key" value=form_key/>
                            <button type="submit" class="button">{fill(t.consent_give_button, &[("sector", sector_name(t, c.sector))])}</button>
                        </ActionForm>
                    }.into_any()
                };
                view! {
                    <div class="declaration" data-testid=format!("consent-{code}")>
                        <h3>{title}</h3>
                        <p>{explain}</p>
                        <p class="state" data-testid="state">{state}</p>
                        {to_update}
                        {form}
                    </div>
                }
            }).collect_view()}
        </section>

        <section class="panel" aria-labelledby="du-cross">
            <h2 id="du-cross">{t.cross_heading}</h2>
            <p>{t.cross_explain}</p>
            {if !page.cross_open {
                view! { <p data-testid="cross-not-open">{fill(t.cross_not_open, &[("date", &locale.date(page.cross_opens_on))])}</p> }.into_any()
            } else {
                page.cross.into_iter().map(|c| {
                    let code = cross_code(c.direction);
                    let name = cross_name(t, c.direction);
                    let state = match c.given_at {
                        Some(at) => fill(t.consent_given_on, &[("date", &locale.local_date(at))]),
                        None => t.consent_not_given.to_string(),
                    };
                    let form_key = format!("{key}-cross-{code}");
                    let form = if c.given_at.is_some() {
                        view! {
                            <ActionForm action=withdraw_cross>
                                <input type="hidden" name="direction" value=code/>
                                <input type="hidden" name="form_key" value=form_key/>
                                <button type="submit" class="button button--secondary">{fill(t.cross_withdraw_button, &[("direction", name)])}</button>
                            </ActionForm>
                        }.into_any()
                    } else {
                        view! {
                            <ActionForm action=give_cross>
                                <input type="hidden" name="direction" value=code/>
                                <input type="hidden" name="form_key" value=form_key/>
                                <button type="submit" class="button">{fill(t.cross_give_button, &[("direction", name)])}</button>
                            </ActionForm>
                        }.into_any()
                    };
                    view! {
                        <div class="declaration" data-testid=format!("cross-{code}")>
                            <p class="state" data-testid="state">{state}</p>
                            {form}
                        </div>
                    }
                }).collect_view().into_any()
            }}
        </section>

        <section class="panel" aria-labelledby="du-denials">
            <h2 id="du-denials">{t.denials_heading}</h2>
            <p>{t.denials_explain}</p>
            {if page.denials.is_empty() {
                view! { <p data-testid="no-denials">{t.denials_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="denials" data-testid="denials">
                        {page.denials.into_iter().map(|d| {
                            let form_key = format!("{key}-cancel-{}", d.id);
                            view! {
                                <li class="declaration" data-testid="denial">
                                    <p><strong>{d.description}</strong></p>
                                    <p class="muted">{fill(t.denial_set_on, &[("date", &locale.local_date(d.set_at))])}
                                        {d.allow_in_emergency.then(|| format!(" {}", t.denial_emergency_yes))}</p>
                                    {if d.cancellable {
                                        view! {
                                            <ActionForm action=cancel>
                                                <input type="hidden" name="denial" value=d.id/>
                                                <input type="hidden" name="form_key" value=form_key/>
                                                <button type="submit" class="button button--secondary">{t.denial_cancel_button}</button>
                                            </ActionForm>
                                        }.into_any()
                                    } else {
                                        view! { <p class="muted" data-testid="denial-not-cancellable">{t.denial_not_cancellable}</p> }.into_any()
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h3>{t.new_denial_heading}</h3>
            <div class="new-denials">
                {(!page.event_choices.is_empty()).then(|| view! {
                    <NewDenialForm kind="service_event" legend=t.denial_kind_event choices=page.event_choices.clone()/>
                })}
                {(!page.register_choices.is_empty()).then(|| view! {
                    <NewDenialForm kind="register" legend=t.denial_kind_register choices=page.register_choices.clone()/>
                })}
                {(!page.prescription_choices.is_empty()).then(|| view! {
                    <NewDenialForm kind="prescription" legend=t.denial_kind_prescription choices=page.prescription_choices.clone()/>
                })}
                <NewDenialForm
                    kind="comprehensive"
                    legend=t.denial_kind_comprehensive
                    choices=vec![
                        Choice { value: "healthcare".into(), label: t.consent_healthcare_title.into() },
                        Choice { value: "social_welfare".into(), label: t.consent_social_title.into() },
                    ]
                />
                {page.has_uusimaa_data.then(|| view! { <NewDenialForm kind="uusimaa" legend=t.denial_kind_uusimaa choices=vec![]/> })}
            </div>
            {(!page.prescription_choices.is_empty() || page.prescription_emergency.is_some()).then(|| {
                let form_key = format!("{key}-rx-emergency");
                view! {
                    <div class="declaration" data-testid="prescription-emergency">
                        <h3>{t.rx_emergency_heading}</h3>
                        <p>{t.rx_emergency_explain}</p>
                        {match page.prescription_emergency {
                            Some(at) => view! {
                                <p class="state" data-testid="state">{fill(t.rx_emergency_allowed, &[("date", &locale.local_date(at))])}</p>
                                <ActionForm action=withdraw_rx>
                                    <input type="hidden" name="form_key" value=form_key/>
                                    <button type="submit" class="button button--secondary">{t.rx_emergency_withdraw_button}</button>
                                </ActionForm>
                            }.into_any(),
                            None => view! {
                                <p class="state" data-testid="state">{t.rx_emergency_not_allowed}</p>
                                <ActionForm action=allow_rx>
                                    <input type="hidden" name="form_key" value=form_key/>
                                    <button type="submit" class="button button--secondary">{t.rx_emergency_allow_button}</button>
                                </ActionForm>
                            }.into_any(),
                        }}
                    </div>
                }
            })}
        </section>
    }
}

/// The first step of a new denial: a GET form to its confirmation page.
#[component]
fn NewDenialForm(kind: &'static str, legend: &'static str, choices: Vec<Choice>) -> impl IntoView {
    let t = use_texts();
    let select_id = format!("denial-{kind}-target");
    let emergency_id = format!("denial-{kind}-emergency");
    view! {
        <form class="new-denial" method="get" action="/data-use/denials/new" data-testid=format!("new-denial-{kind}")>
            <fieldset>
                <legend>{legend}</legend>
                <input type="hidden" name="kind" value=kind/>
                {(kind == "register").then(|| view! { <p class="muted">{t.denial_register_explain}</p> })}
                {(!choices.is_empty()).then(|| view! {
                    <div class="field">
                        <label for=select_id.clone()>{legend}</label>
                        <select id=select_id.clone() name="target">
                            {choices.into_iter().map(|c| view! { <option value=c.value>{c.label}</option> }).collect_view()}
                        </select>
                    </div>
                })}
                // A prescription's emergency permission is one choice for all of them
                // (below); the Uusimaa denial never holds in an emergency (rule 6).
                {(kind != "prescription" && kind != "uusimaa").then(|| view! {
                    <div class="checkbox">
                        <input type="checkbox" id=emergency_id.clone() name="emergency" value="on"/>
                        <label for=emergency_id>{t.new_denial_emergency}</label>
                    </div>
                })}
                <button type="submit" class="button button--secondary">{t.new_denial_continue}</button>
            </fieldset>
        </form>
    }
}

/// The confirmation step of a denial: its consequence in plain words.
#[component]
pub fn DenialConfirmPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let query = use_query_map();
    let args = Memo::new(move |_| {
        let q = query.get();
        (q.get("kind").unwrap_or_default(), q.get("target").unwrap_or_default(), q.get("emergency"))
    });
    let consequence = Resource::new(
        move || (args.get(), locale),
        |((kind, target, emergency), locale)| denial_consequence(kind, target, emergency, locale),
    );
    let set = ServerAction::<SetDenial>::new();
    view! {
        <Title text=format!("{} – {}", t.confirm_denial_title, t.service_name)/>
        <h1>{t.confirm_denial_title}</h1>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match consequence.await {
                    Ok(c) => view! {
                        {move || set.value().get().and_then(Result::err).map(|e| view! { <ErrorSummary error=e/> })}
                        <p class="lead" data-testid="denial-what">{fill(t.confirm_denial_what, &[("denial", &c.description)])}</p>
                        <ul class="consequences" data-testid="consequences">
                            {c.consequences.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                        </ul>
                        <ActionForm action=set>
                            <input type="hidden" name="kind" value=c.kind/>
                            <input type="hidden" name="target" value=c.target/>
                            {c.allow_in_emergency.then(|| view! { <input type="hidden" name="emergency" value="on"/> })}
                            <input type="hidden" name="form_key" value=format!("{}-denial", c.form_key)/>
                            <button type="submit" class="button">{t.confirm_denial_button}</button>
                        </ActionForm>
                        <p><a href="/data-use">{t.confirm_denial_back}</a></p>
                    }.into_any(),
                    Err(e) => view! {
                        <LoadError error=e/>
                        <p><a href="/data-use">{t.back_to_data_use}</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn HistoryPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let rows = Resource::new(move || locale, declaration_history);
    view! {
        <Title text=format!("{} – {}", t.history_title, t.service_name)/>
        <h1>{t.history_title}</h1>
        <DataUseNav current="/data-use/history"/>
        <p class="lead">{t.history_intro}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) if rows.is_empty() => view! { <p class="empty-state">{t.history_empty}</p> }.into_any(),
                    Ok(rows) => view! {
                        <div class="table-scroll">
                        <table data-testid="history">
                            <thead><tr>
                                <th scope="col">{t.col_time}</th><th scope="col">{t.col_event}</th>
                                <th scope="col">{t.col_actor}</th><th scope="col">{t.col_channel}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr><td>{locale.date_time(r.at)}</td><td>{r.event}</td><td>{r.actor}</td><td>{r.channel}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// All valid consents and denials, laid out for printing.
#[component]
pub fn SummaryPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let page = Resource::new(move || locale, data_use_page);
    let session = expect_context::<Resource<Result<Option<crate::api::LoggedInCitizen>, crate::error::AppError>>>();
    view! {
        <Title text=format!("{} – {}", t.summary_title, t.service_name)/>
        <div class="page-heading">
            <h1>{t.summary_title}</h1>
            <super::islands::PrintButton/>
        </div>
        <DataUseNav current="/data-use/summary"/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let who = session.await.ok().flatten().map(|c| c.acting_for.unwrap_or(c.full_name)).unwrap_or_default();
                match page.await {
                    Ok(p) => {
                        let today = locale.local_date(chrono::Utc::now());
                        let consents: Vec<String> = p.consents.iter().filter_map(|c| c.given_at.map(|at| format!(
                            "{}: {}", sector_name(t, c.sector), fill(t.consent_given_on, &[("date", &locale.local_date(at))])))).chain(
                            p.cross.iter().filter_map(|c| c.given_at.map(|at| format!(
                                "{}: {}", cross_name(t, c.direction), fill(t.consent_given_on, &[("date", &locale.local_date(at))]))))).collect();
                        let denials: Vec<String> = p.denials.iter().map(|d| {
                            let mut s = format!("{} – {}", d.description, fill(t.denial_set_on, &[("date", &locale.local_date(d.set_at))]));
                            if d.allow_in_emergency { s.push(' '); s.push_str(t.denial_emergency_yes); }
                            s
                        }).collect();
                        view! {
                            <div class="summary" data-testid="summary">
                                <p>{fill(t.summary_for, &[("name", &who)])}" "{fill(t.summary_valid_on, &[("date", &today)])}</p>
                                <h2>{t.consents_heading}</h2>
                                {if consents.is_empty() { view! { <p>{t.summary_none}</p> }.into_any() } else {
                                    view! { <ul data-testid="summary-consents">{consents.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul> }.into_any()
                                }}
                                <h2>{t.denials_heading}</h2>
                                {if denials.is_empty() { view! { <p>{t.summary_none}</p> }.into_any() } else {
                                    view! { <ul data-testid="summary-denials">{denials.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul> }.into_any()
                                }}
                            </div>
                        }.into_any()
                    }
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ViewingsPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let query = use_query_map();
    let args = Memo::new(move |_| {
        let q = query.get();
        (q.get("provider"), q.get("from"), q.get("to"))
    });
    let page = Resource::new(
        move || (args.get(), locale),
        |((provider, from, to), locale)| viewings_page(provider, from, to, locale),
    );
    view! {
        <Title text=format!("{} – {}", t.viewings_title, t.service_name)/>
        <h1>{t.viewings_title}</h1>
        <DataUseNav current="/data-use/viewings"/>
        <p class="lead">{t.viewings_intro}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let (provider, from, to) = args.get_untracked();
                let result = page.await;
                let (choices, error) = match &result {
                    Ok(v) => (v.provider_choices.clone(), None),
                    Err(e) => (vec![], Some(e.clone())),
                };
                let form = view! {
                    <form class="filters" method="get" action="/data-use/viewings" role="search" aria-label=t.filter_heading>
                        <div class="filters__fields">
                            <div class="field">
                                <label for="viewings-provider">{t.col_provider}</label>
                                <select id="viewings-provider" name="provider">
                                    <option value="">{t.filter_any}</option>
                                    {choices.into_iter().map(|c| {
                                        let is = provider.as_deref() == Some(c.value.as_str());
                                        view! { <option value=c.value selected=is>{c.label}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="viewings-from">{t.filter_viewed_from}</label>
                                <input id="viewings-from" name="from" type="date" value=from.unwrap_or_default()/>
                            </div>
                            <div class="field">
                                <label for="viewings-to">{t.filter_viewed_to}</label>
                                <input id="viewings-to" name="to" type="date" value=to.unwrap_or_default()/>
                            </div>
                        </div>
                        <div class="filters__actions">
                            <button type="submit" class="button">{t.filter_apply}</button>
                            <a href="/data-use/viewings">{t.filter_clear}</a>
                        </div>
                    </form>
                };
                match (result, error) {
                    (_, Some(e @ crate::error::AppError::BadFilter(_))) => view! { <ErrorSummary error=e/>{form} }.into_any(),
                    (_, Some(e)) => view! { <LoadError error=e/> }.into_any(),
                    (Ok(v), None) if v.viewings.is_empty() => view! { {form}<p class="empty-state" data-testid="empty-state">{t.viewings_empty}</p> }.into_any(),
                    (Ok(v), None) => view! {
                        {form}
                        <div class="table-scroll">
                        <table data-testid="viewings">
                            <thead><tr>
                                <th scope="col">{t.col_time}</th><th scope="col">{t.col_provider}</th><th scope="col">{t.col_unit}</th>
                                <th scope="col">{t.col_what}</th><th scope="col">{t.col_purpose}</th>
                            </tr></thead>
                            <tbody>
                                {v.viewings.into_iter().map(|x| view! {
                                    <tr><td>{locale.date_time(x.at)}</td><td>{x.provider}</td><td>{x.unit}</td><td>{x.what}</td><td>{x.purpose}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }.into_any(),
                    (Err(e), None) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn PreviewPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let query = use_query_map();
    let args = Memo::new(move |_| {
        let q = query.get();
        (q.get("viewer"), q.get("situation"))
    });
    let page = Resource::new(
        move || (args.get(), locale),
        |((viewer, situation), locale)| preview_page(viewer, situation, locale),
    );
    view! {
        <Title text=format!("{} – {}", t.preview_title, t.service_name)/>
        <h1>{t.preview_title}</h1>
        <DataUseNav current="/data-use/preview"/>
        <p class="lead">{t.preview_intro}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <PreviewResult page=p/> }.into_any(),
                    Err(e @ crate::error::AppError::BadForm(_)) => view! {
                        <ErrorSummary error=e/>
                        <p><a href="/data-use/preview">{t.preview_choose}</a></p>
                    }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PreviewResult(page: PreviewView) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let chosen = page.viewer.clone();
    let emergency = page.situation == "emergency";
    view! {
        <form class="filters" method="get" action="/data-use/preview" aria-label=t.preview_title>
            <div class="filters__fields">
                <div class="field">
                    <label for="preview-viewer">{t.preview_viewer}</label>
                    <select id="preview-viewer" name="viewer">
                        <option value="">{t.preview_choose}</option>
                        {page.viewer_choices.into_iter().map(|c| {
                            let is = chosen.as_deref() == Some(c.value.as_str());
                            view! { <option value=c.value selected=is>{c.label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <fieldset class="field">
                    <legend>{t.preview_situation}</legend>
                    <div class="checkbox">
                        <input type="radio" id="situation-treatment" name="situation" value="treatment" checked=!emergency/>
                        <label for="situation-treatment">{t.situation_treatment}</label>
                    </div>
                    <div class="checkbox">
                        <input type="radio" id="situation-emergency" name="situation" value="emergency" checked=emergency/>
                        <label for="situation-emergency">{t.situation_emergency}</label>
                    </div>
                </fieldset>
            </div>
            <div class="filters__actions">
                <button type="submit" class="button">{t.preview_show}</button>
            </div>
        </form>
        {chosen.is_some().then(|| if page.rows.is_empty() {
            view! { <p class="empty-state">{t.preview_nothing}</p> }.into_any()
        } else {
            view! {
                <h2>{t.preview_counts_heading}</h2>
                <div class="table-scroll">
                <table data-testid="preview-counts">
                    <thead><tr><th scope="col">{t.col_register}</th><th scope="col">{t.col_visible}</th><th scope="col">{t.col_hidden}</th></tr></thead>
                    <tbody>
                        {page.counts.into_iter().map(|c| view! {
                            <tr><th scope="row">{c.register}</th><td>{c.visible}</td><td>{c.hidden}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
                <h2>{t.preview_items_heading}</h2>
                <div class="table-scroll">
                <table data-testid="preview">
                    <thead><tr>
                        <th scope="col">{t.col_item}</th><th scope="col">{t.col_date}</th><th scope="col">{t.col_register}</th>
                        <th scope="col">{t.col_decision}</th><th scope="col">{t.col_reason}</th>
                    </tr></thead>
                    <tbody>
                        {page.rows.into_iter().map(|r| {
                            let (word, class) = if r.visible { (t.decision_visible, "badge badge--ok") } else { (t.decision_hidden, "badge badge--muted") };
                            view! {
                                <tr data-visible=r.visible.to_string() data-testid="preview-row">
                                    <td>{r.label}</td><td>{locale.date(r.date)}</td><td>{r.register}</td>
                                    <td><span class=class>{word}</span></td><td>{r.reason}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any()
        })}
    }
}

/// Any version of the notice, read again.
#[component]
pub fn NoticeVersionPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let params = use_params_map();
    let version = Memo::new(move |_| params.get().get("version").unwrap_or_default());
    let text = Resource::new(move || (version.get(), locale), |(v, locale)| notice_version_text(v, locale));
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match text.await {
                    Ok(n) => view! {
                        <Title text=format!("{} – {}", n.title, t.service_name)/>
                        <p><a href="/data-use">{t.back_to_data_use}</a></p>
                        <article class="notice">
                            <h1>{n.title}</h1>
                            <p class="notice__meta">{fill(t.notice_version_published, &[("version", n.version.as_str()), ("date", &locale.date(n.published_on))])}</p>
                            <super::notice::NoticeBody body=n.body/>
                        </article>
                    }.into_any(),
                    Err(e) => view! {
                        <Title text=format!("{} – {}", t.notice_page_title, t.service_name)/>
                        <h1>{t.notice_page_title}</h1>
                        <LoadError error=e/>
                        <p><a href="/data-use">{t.back_to_data_use}</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

//! The history of every declaration, the printable summary, and professionals' viewings.

use leptos::prelude::*;

use super::*;

#[component]
pub fn HistoryPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let rows = Resource::new(move || locale, declaration_history);
    view! {
        <PageTitle title=t.history_title />
        <h1>{t.history_title}</h1>
        <DataUseNav current="/data-use/history" />
        <p class="lead">{t.history_intro}</p>
        {loaded(
            rows,
            move |rows| {
                if rows.is_empty() {
                    return view! { <p class="empty-state">{t.history_empty}</p> }.into_any();
                }
                view! {
                    <div class="table-scroll">
                        <table class="stack" data-testid="history">
                            <thead>
                                <tr>
                                    <th scope="col">{t.col_time}</th>
                                    <th scope="col">{t.col_event}</th>
                                    <th scope="col">{t.col_actor}</th>
                                    <th scope="col">{t.col_channel}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|r| {
                                        view! {
                                            <tr>
                                                <td data-label=t.col_time>{locale.date_time(r.at)}</td>
                                                <td data-label=t.col_event>{r.event}</td>
                                                <td data-label=t.col_actor>{r.actor}</td>
                                                <td data-label=t.col_channel>{r.channel}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            },
        )}
    }
}

/// All valid consents and denials, laid out for printing.
#[component]
pub fn SummaryPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let page = Resource::new(move || locale, data_use_page);
    let renewals = Resource::new(move || locale, crate::api::renewals::renewal_requests);
    let session = expect_context::<Resource<Result<Option<crate::api::LoggedInCitizen>, crate::error::AppError>>>();
    view! {
        <PageTitle title=t.summary_title />
        <div class="page-heading">
            <h1>{t.summary_title}</h1>
            <crate::pages::islands::PrintButton />
        </div>
        <DataUseNav current="/data-use/summary" />
        <Suspense fallback=move || {
            view! { <p>{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                let who = session
                    .await
                    .ok()
                    .flatten()
                    .map(|c| c.acting_for.map(|a| a.name).unwrap_or(c.full_name))
                    .unwrap_or_default();
                let (page, renewals) = (page.await, renewals.await);
                match page.and_then(|p| renewals.map(|r| (p, r))) {
                    Ok((p, renewals)) => {
                        let today = locale.local_date(p.as_of);
                        let renewals: Vec<String> = renewals
                            .into_iter()
                            .map(|r| {
                                format!(
                                    "{} – {}",
                                    r.medicine,
                                    (t.renewal_state)(r.state, &locale.local_date(r.state_at)),
                                )
                            })
                            .collect();
                        let consents: Vec<String> = p
                            .consents
                            .iter()
                            .filter_map(|c| {
                                c.given_at
                                    .map(|at| {
                                        format!(
                                            "{}: {}",
                                            t.sector(c.sector),
                                            (t.consent_given_on)(&locale.local_date(at)),
                                        )
                                    })
                            })
                            .chain(
                                p
                                    .cross
                                    .iter()
                                    .filter_map(|c| {
                                        c.given_at
                                            .map(|at| {
                                                format!(
                                                    "{}: {}",
                                                    t.cross_sector(c.direction),
                                                    (t.consent_given_on)(&locale.local_date(at)),
                                                )
                                            })
                                    }),
                            )
                            .collect();
                        let wills: Vec<String> = p
                            .living_will_saved
                            .map(|at| (t.wills.summary_living_will)(&locale.local_date(at)))
                            .into_iter()
                            .chain(
                                p
                                    .organ_donation
                                    .map(|(at, yes)| (t
                                        .wills
                                        .summary_organ)(
                                        if yes { t.wills.answer_yes } else { t.wills.answer_no },
                                        &locale.local_date(at),
                                    )),
                            )
                            .collect();
                        let for_child = p.child_name.is_some();
                        let abroad: Vec<String> = p
                            .abroad_consent
                            .iter()
                            .map(|(at, countries)| (t.wills.abroad_given)(&locale.local_date(*at), countries))
                            .collect();
                        let denials: Vec<String> = p
                            .denials
                            .iter()
                            .map(|d| {
                                let mut s = format!(
                                    "{} – {}",
                                    d.description,
                                    (t.denial_set_on)(&locale.local_date(d.set_at)),
                                );
                                if d.allow_in_emergency {
                                    s.push(' ');
                                    s.push_str(t.denial_emergency_yes);
                                }
                                s
                            })
                            .collect();
                        // A guardian sees neither (DOMAIN.md §6): said so, not "none".
                        view! {
                            <div class="summary" data-testid="summary">
                                <p>{(t.summary_for)(&who)}" "{(t.summary_valid_on)(&today)}</p>
                                <h2>{t.consents_heading}</h2>
                                {if consents.is_empty() {
                                    view! { <p>{t.summary_none}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul data-testid="summary-consents">
                                            {consents.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }}
                                <h2>{t.denials_heading}</h2>
                                {if denials.is_empty() {
                                    view! { <p>{t.summary_none}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul data-testid="summary-denials">
                                            {denials.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }}
                                <h2>{t.wills.summary_wills}</h2>
                                {if for_child {
                                    view! { <p>{t.err_own_wills}</p> }.into_any()
                                } else if wills.is_empty() {
                                    view! { <p>{t.summary_none}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul data-testid="summary-wills">
                                            {wills.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }}
                                <h2>{t.wills.summary_abroad}</h2>
                                {if for_child {
                                    view! { <p>{t.err_own_abroad_consent}</p> }.into_any()
                                } else if abroad.is_empty() {
                                    view! { <p>{t.summary_none}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul data-testid="summary-abroad">
                                            {abroad.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }}
                                <h2>{t.summary_renewals_heading}</h2>
                                {if renewals.is_empty() {
                                    view! { <p>{t.summary_none}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul data-testid="summary-renewals">
                                            {renewals.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }}
                            </div>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
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
        (q.get("provider"), q.get("from"), q.get("to"), q.get("acting_after"))
    });
    let page = Resource::new(
        move || (args.get(), locale),
        |((provider, from, to, acting_after), locale)| viewings_page(provider, from, to, acting_after, locale),
    );
    view! {
        <PageTitle title=t.viewings_title />
        <h1>{t.viewings_title}</h1>
        <DataUseNav current="/data-use/viewings" />
        <p class="lead">{t.viewings_intro}</p>
        <Suspense fallback=move || {
            view! { <p>{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                let (provider, from, to, _) = args.get_untracked();
                let result = page.await;
                let (choices, error) = match &result {
                    Ok(v) => (v.provider_choices.clone(), None),
                    Err(e) => (vec![], Some(e.clone())),
                };
                let form = view! {
                    <form
                        class="filters"
                        method="get"
                        action="/data-use/viewings"
                        role="search"
                        aria-label=t.filter_heading
                    >
                        <div class="filters__fields">
                            <div class="field">
                                <label for="viewings-provider">{t.col_provider}</label>
                                <select id="viewings-provider" name="provider">
                                    <option value="">{t.filter_any}</option>
                                    {choices
                                        .into_iter()
                                        .map(|c| {
                                            let is = provider.as_deref() == Some(c.value.as_str());
                                            view! {
                                                <option value=c.value selected=is>
                                                    {c.label}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="viewings-from">{t.filter_viewed_from}</label>
                                <input id="viewings-from" name="from" type="date" value=from.unwrap_or_default() />
                            </div>
                            <div class="field">
                                <label for="viewings-to">{t.filter_viewed_to}</label>
                                <input id="viewings-to" name="to" type="date" value=to.unwrap_or_default() />
                            </div>
                        </div>
                        <div class="filters__actions">
                            <button type="submit" class="button">
                                {t.filter_apply}
                            </button>
                            <a href="/data-use/viewings">{t.filter_clear}</a>
                        </div>
                    </form>
                };
                match (result, error) {
                    (_, Some(e @ crate::error::AppError::BadFilter(_))) => {
                        view! {
                            <ErrorSummary error=e />
                            {form}
                        }
                            .into_any()
                    }
                    (_, Some(e)) => view! { <LoadError error=e /> }.into_any(),
                    (Ok(v), None) if v.viewings.is_empty() => {
                        view! {
                            {form}
                            <p class="empty-state" data-testid="empty-state">
                                {t.viewings_empty}
                            </p>
                        }
                            .into_any()
                    }
                    (Ok(v), None) => {
                        view! {
                            {form}
                            <div class="table-scroll">
                                <table class="stack" data-testid="viewings">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t.col_time}</th>
                                            <th scope="col">{t.col_provider}</th>
                                            <th scope="col">{t.col_unit}</th>
                                            <th scope="col">{t.col_what}</th>
                                            <th scope="col">{t.col_purpose}</th>
                                            <th scope="col">{t.col_basis}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {v
                                            .viewings
                                            .into_iter()
                                            .map(|x| {
                                                view! {
                                                    <tr>
                                                        <td data-label=t.col_time>{locale.date_time(x.at)}</td>
                                                        <td data-label=t.col_provider>{x.provider}</td>
                                                        <td data-label=t.col_unit>{x.unit}</td>
                                                        <td data-label=t.col_what>{x.what}</td>
                                                        <td data-label=t.col_purpose>{x.purpose}</td>
                                                        <td data-label=t.col_basis>{x.basis}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                            .into_any()
                    }
                    (Err(e), None) => view! { <LoadError error=e /> }.into_any(),
                }
            })}
        </Suspense>
        <ActingViewings page />
    }
}

/// Views by people acting for the subject (a guardian, an authorised adult).
#[component]
fn ActingViewings(page: Resource<Result<ViewingsView, crate::error::AppError>>) -> impl IntoView {
    use crate::domain::acting::ActingRight;
    let t = use_texts();
    let locale = use_locale();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok((views, next)) = page.await.map(|v| (v.by_people_acting, v.acting_next)) else {
                    return ().into_any();
                };
                // Nothing of it when the page itself was refused (a guardian).
                view! {
                    <section class="panel" aria-labelledby="acting-viewings-title">
                        <h2 id="acting-viewings-title">{t.acting_viewings_heading}</h2>
                        <p>{t.acting_viewings_intro}</p>
                        {if views.is_empty() {
                            view! { <p data-testid="no-acting-viewings">{t.acting_viewings_none}</p> }.into_any()
                        } else {
                            view! {
                                <div
                                    class="table-scroll"
                                    role="region"
                                    aria-label=t.acting_viewings_heading
                                    tabindex="0"
                                >
                                    <table class="stack" data-testid="acting-viewings">
                                        <thead>
                                            <tr>
                                                <th scope="col">{t.col_time}</th>
                                                <th scope="col">{t.acting_viewings_who}</th>
                                                <th scope="col">{t.acting_viewings_right}</th>
                                                <th scope="col">{t.col_what}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {views
                                                .into_iter()
                                                .map(|v| {
                                                    let right = match v.right {
                                                        ActingRight::Guardian => t.acting_right_guardian,
                                                        ActingRight::Authorisation => t.acting_right_authorisation,
                                                    };
                                                    view! {
                                                        <tr>
                                                            <td data-label=t.col_time>{locale.date_time(v.at)}</td>
                                                            <td data-label=t.acting_viewings_who>{v.who}</td>
                                                            <td data-label=t.acting_viewings_right>{right}</td>
                                                            <td data-label=t.col_what>{v.page}</td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                {next
                                    .map(|cursor| {
                                        view! {
                                            <p>
                                                <a
                                                    href=format!(
                                                        "/data-use/viewings?acting_after={cursor}#acting-viewings-title",
                                                    )
                                                    data-testid="acting-viewings-older"
                                                >
                                                    {t.acting_viewings_older}
                                                </a>
                                            </p>
                                        }
                                    })}
                            }
                                .into_any()
                        }}
                    </section>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

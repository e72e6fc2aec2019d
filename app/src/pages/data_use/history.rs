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
        {loaded_list(
            rows,
            t.history_empty,
            move |rows| {
                let columns = vec![t.col_time, t.col_event, t.col_actor, t.col_channel];
                let rows = rows
                    .into_iter()
                    .map(|r| {
                        Row::new(
                            vec![
                                locale.date_time(r.at).into_any(),
                                r.event.into_any(),
                                r.actor.into_any(),
                                r.channel.into_any(),
                            ],
                        )
                    })
                    .collect();
                view! {
                    <div class="table-scroll">
                        <StackedTable testid="history" columns rows />
                    </div>
                }
                    .into_any()
            },
        )}
    }
}

/// One part of the printable summary: its heading, then its lines, or
/// "none", or why the asker does not see that part (`refused`).
#[component]
fn SummaryPart(
    heading: &'static str,
    testid: &'static str,
    lines: Vec<String>,
    #[prop(optional_no_strip)] refused: Option<&'static str>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <h2>{heading}</h2>
        {match (refused, lines.is_empty()) {
            (Some(why), _) => view! { <p>{why}</p> }.into_any(),
            (None, true) => view! { <p>{t.summary_none}</p> }.into_any(),
            (None, false) => {
                view! { <ul data-testid=testid>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }
                    .into_any()
            }
        }}
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
                        let given = |what: &str, at| {
                            format!("{what}: {}", (t.consent_given_on)(&locale.local_date(at)))
                        };
                        let consents: Vec<String> = p
                            .consents
                            .iter()
                            .filter_map(|c| c.given_at.map(|at| given(t.sector(c.sector), at)))
                            .chain(
                                p
                                    .cross
                                    .iter()
                                    .filter_map(|c| c.given_at.map(|at| given(t.cross_sector(c.direction), at))),
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
                            .chain(
                                p
                                    .summary_abroad_consent
                                    .iter()
                                    .map(|(at, countries)| (t.summary.abroad_given)(&locale.local_date(*at), countries)),
                            )
                            .collect();
                        let w = t.wellbeing;
                        let sector = |s| if s == Sector::Healthcare { w.consent_healthcare } else { w.consent_social };
                        let wellbeing: Vec<String> = (p.wellbeing_consents.iter().flatten())
                            .filter_map(|c| {
                                c.given_at
                                    .map(|at| {
                                        format!(
                                            "{}: {}",
                                            sector(c.sector),
                                            (w.consent_given_on)(&locale.local_date(at)),
                                        )
                                    })
                            })
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
                                <SummaryPart heading=t.consents_heading testid="summary-consents" lines=consents />
                                <SummaryPart heading=t.denials_heading testid="summary-denials" lines=denials />
                                {p
                                    .wellbeing_consents
                                    .is_some()
                                    .then(|| {
                                        view! {
                                            <SummaryPart
                                                heading=w.consent_heading
                                                testid="summary-wellbeing"
                                                lines=wellbeing
                                            />
                                        }
                                    })}
                                <SummaryPart
                                    heading=t.wills.summary_wills
                                    testid="summary-wills"
                                    lines=wills
                                    refused=for_child.then_some(t.err_own_wills)
                                />
                                <SummaryPart
                                    heading=t.wills.summary_abroad
                                    testid="summary-abroad"
                                    lines=abroad
                                    refused=for_child.then_some(t.err_own_abroad_consent)
                                />
                                <SummaryPart
                                    heading=t.summary_renewals_heading
                                    testid="summary-renewals"
                                    lines=renewals
                                />
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
                                    {choice_options(choices, provider.as_deref())}
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
                            <EmptyState text=t.viewings_empty />
                        }
                            .into_any()
                    }
                    (Ok(v), None) => {
                        let columns = vec![
                            t.col_time,
                            t.col_provider,
                            t.col_unit,
                            t.col_what,
                            t.col_purpose,
                            t.col_basis,
                        ];
                        let rows = v
                            .viewings
                            .into_iter()
                            .map(|x| {
                                Row::new(
                                    vec![
                                        locale.date_time(x.at).into_any(),
                                        x.provider.into_any(),
                                        x.unit.into_any(),
                                        x.what.into_any(),
                                        x.purpose.into_any(),
                                        x.basis.into_any(),
                                    ],
                                )
                            })
                            .collect();
                        view! {
                            {form}
                            <div class="table-scroll">
                                <StackedTable testid="viewings" columns rows />
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
                            let columns = vec![t.col_time, t.acting_viewings_who, t.acting_viewings_right, t.col_what];
                            let rows = views
                                .into_iter()
                                .map(|v| {
                                    let right = match v.right {
                                        ActingRight::Guardian => t.acting_right_guardian,
                                        ActingRight::Authorisation => t.acting_right_authorisation,
                                    };
                                    Row::new(
                                        vec![
                                            locale.date_time(v.at).into_any(),
                                            v.who.into_any(),
                                            right.into_any(),
                                            v.page.into_any(),
                                        ],
                                    )
                                })
                                .collect();
                            view! {
                                <div
                                    class="table-scroll"
                                    role="region"
                                    aria-label=t.acting_viewings_heading
                                    tabindex="0"
                                >
                                    <StackedTable testid="acting-viewings" columns rows />
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

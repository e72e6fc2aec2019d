//! The history of every declaration, and professionals' viewings.

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

//! Prescription renewal requests: the list of the subject's
//! requests with their states, and the form for one prescription (a plain
//! POST without JavaScript). A message is shown exactly as it was typed:
//! the view escapes it like any text.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::table::{Row, StackedTable};
use super::{loaded_list, use_locale, use_texts, ErrorSummary, LoadError, PageTitle};
use crate::api::renewals::{renewal_form, renewal_requests, SendRenewalRequest};
use crate::domain::renewal::MESSAGE_MAX_CHARS;

#[component]
pub fn RenewalsPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let all = Resource::new(move || locale, renewal_requests);
    view! {
        <PageTitle title=t.renewals_title />
        <h1>{t.renewals_title}</h1>
        <p class="lead">{t.renewals_intro}</p>
        {loaded_list(
            all,
            t.renewals_empty,
            move |all| {
                let columns = vec![
                    t.renewal_col_medicine,
                    t.renewal_col_sent,
                    t.renewal_col_provider,
                    t.renewal_col_state,
                    t.renewal_col_message,
                ];
                let rows = all
                    .into_iter()
                    .map(|r| {
                        let sent_by = r
                            .sent_by
                            .map(|name| {
                                view! {
                                    <br />
                                    <span class="muted">{(t.renewal_sent_by)(&name)}</span>
                                }
                            });
                        let unit = r
                            .unit
                            .map(|unit| {
                                view! {
                                    {unit}
                                    <br />
                                }
                            });
                        let mobile = r
                            .mobile
                            .map(|number| {
                                view! {
                                    <br />
                                    <span class="muted" data-testid="mobile">
                                        {(t.renewal_text_to)(&number)}
                                    </span>
                                }
                            });
                        let state = (t.renewal_state)(r.state, &locale.local_date(r.state_at));
                        Row::marked(
                            r.state.as_str(),
                            vec![
                                r.medicine.into_any(),
                                view! {
                                    {locale.local_date(r.sent_at)}
                                    {sent_by}
                                }
                                    .into_any(),
                                view! {
                                    {unit}
                                    {r.provider}
                                }
                                    .into_any(),
                                view! { <span data-testid="state">{state}</span> }.into_any(),
                                view! {
                                    <div class="message-cell">
                                        <span class="message" dir="auto" data-testid="message">
                                            {r.message.unwrap_or_default()}
                                        </span>
                                        {mobile}
                                    </div>
                                }
                                    .into_any(),
                            ],
                        )
                    })
                    .collect();
                view! {
                    <div class="table-scroll" role="region" aria-label=t.renewals_title tabindex="0">
                        <StackedTable testid="renewals" columns rows mark="data-state" />
                    </div>
                }
            },
        )}
        <p>
            <a href="/prescriptions">{t.back_to_prescriptions}</a>
        </p>
    }
}

#[component]
pub fn RenewalFormPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let params = use_params_map();
    let id = Memo::new(move |_| params.get().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(-1));
    let form = Resource::new(move || (id.get(), locale), |(id, locale)| renewal_form(id, locale));
    let send = ServerAction::<SendRenewalRequest>::new();
    view! {
        <Suspense fallback=move || {
            view! { <p>{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(f) => {
                        view! {
                            <PageTitle title=(t.renewal_form_title)(&f.medicine) />
                            <h1>{(t.renewal_form_title)(&f.medicine)}</h1>
                            {move || {
                                send.value().get().and_then(Result::err).map(|e| view! { <ErrorSummary error=e /> })
                            }}
                            <p class="lead">{(t.renewal_form_intro)(&locale.date(f.valid_until))}</p>
                            <ActionForm action=send>
                                <input type="hidden" name="prescription" value=f.prescription />
                                <input type="hidden" name="form_key" value=f.form_key />
                                <div class="field">
                                    <label for="renewal-unit">{t.renewal_unit_label}</label>
                                    <select id="renewal-unit" name="unit">
                                        {f
                                            .units
                                            .into_iter()
                                            .map(|c| {
                                                let label = if c.value == f.prescriber_unit {
                                                    (t.renewal_prescriber_choice)(&c.label)
                                                } else {
                                                    c.label
                                                };
                                                view! { <option value=c.value>{label}</option> }
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="renewal-message">{(t.renewal_message_label)(MESSAGE_MAX_CHARS)}</label>
                                    <textarea
                                        id="renewal-message"
                                        name="message"
                                        dir="auto"
                                        rows="4"
                                        maxlength=MESSAGE_MAX_CHARS
                                    ></textarea>
                                </div>
                                <div class="field">
                                    <label for="renewal-mobile">{t.renewal_mobile_label}</label>
                                    <p class="hint" id="renewal-mobile-hint">
                                        {t.renewal_mobile_hint}
                                    </p>
                                    <input
                                        id="renewal-mobile"
                                        name="mobile"
                                        type="tel"
                                        autocomplete="tel"
                                        inputmode="tel"
                                        maxlength="20"
                                        aria-describedby="renewal-mobile-hint"
                                    />
                                </div>
                                <button type="submit" class="button">
                                    {t.renewal_send_button}
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                    Err(e) => {
                        view! {
                            <PageTitle title=t.renewals_title />
                            <h1>{t.renewals_title}</h1>
                            <LoadError error=e />
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
        <p>
            <a href="/prescriptions">{t.back_to_prescriptions}</a>
        </p>
    }
}

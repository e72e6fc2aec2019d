//! Prescriptions abroad: the consent to disclose prescriptions
//! to pharmacies in the participating countries, what each valid
//! prescription amounts to abroad, and the forms that give, change and
//! withdraw the consent (plain posts without JavaScript).

use leptos::prelude::*;

use super::inputs::{Check, CheckRow};

use super::table::{Row, StackedTable};
use super::{loaded, use_locale, use_texts, ErrorSummary, PageTitle};
use crate::api::abroad::{
    abroad_page, AbroadStatus, AbroadView, GiveAbroadConsent, GiveSummaryAbroadConsent, WithdrawAbroadConsent,
    WithdrawSummaryAbroadConsent,
};

#[component]
pub fn AbroadPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let page = Resource::new(move || locale, abroad_page);
    view! {
        <PageTitle title=t.wills.abroad_title />
        <h1>{t.wills.abroad_title}</h1>
        <p class="lead">{t.wills.abroad_intro}</p>
        {loaded(page, |page| view! { <Abroad page=page /> })}
        <p>
            <a href="/prescriptions">{t.back_to_prescriptions}</a>
        </p>
    }
}

#[component]
fn Abroad(page: AbroadView) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let give = ServerAction::<GiveAbroadConsent>::new();
    let withdraw = ServerAction::<WithdrawAbroadConsent>::new();
    let give_summary = ServerAction::<GiveSummaryAbroadConsent>::new();
    let withdraw_summary = ServerAction::<WithdrawSummaryAbroadConsent>::new();
    let errors = move || {
        [give.value().get(), withdraw.value().get(), give_summary.value().get(), withdraw_summary.value().get()]
            .into_iter()
            .flatten()
            .find_map(Result::err)
            .map(|e| view! { <ErrorSummary error=e /> })
    };
    let has_one = page.consent.is_some();
    let selected = page.selected.clone();
    let all = page.all_countries;
    let summary_key = page.form_key.clone();
    let summary_given = page.summary_consent.is_some();
    let summary_status = match page.summary_consent {
        Some(at) => (t.summary.abroad_given)(&locale.local_date(at), &page.summary_countries),
        None => (t.summary.abroad_none)(&page.summary_countries),
    };
    let rows = page
        .prescriptions
        .into_iter()
        .map(|p| {
            let status = match p.status {
                AbroadStatus::Disclosed => t.wills.rx_disclosed,
                AbroadStatus::NoConsent => t.wills.rx_not_disclosed,
                AbroadStatus::Denied => t.wills.rx_denied,
                AbroadStatus::NeverNarcotic => t.wills.rx_never_narcotic,
                AbroadStatus::NeverCentralNervousSystem => t.wills.rx_never_cns,
            };
            Row::marked(format!("{:?}", p.status), vec![p.medicine.into_any(), status.into_any()])
        })
        .collect();
    view! {
        {errors}
        {page.view_only_for.map(|name| view! { <p class="callout">{(t.wills.view_only)(&name)}</p> })}
        <section class="panel" aria-labelledby="abroad-consent">
            <h2 id="abroad-consent">{t.wills.abroad_title}</h2>
            <p data-testid="abroad-consent">
                {match page.consent {
                    Some((at, countries)) => (t.wills.abroad_given)(&locale.local_date(at), &countries),
                    None => t.wills.abroad_none.to_string(),
                }}
            </p>
            {page
                .form_key
                .map(|key| {
                    let (give_key, withdraw_key) = (format!("{key}-abroad"), format!("{key}-abroad-withdraw"));
                    view! {
                        <ActionForm action=give>
                            <input type="hidden" name="form_key" value=give_key />
                            <fieldset class="field">
                                <legend>{t.wills.abroad_choice}</legend>
                                <CheckRow kind=Check::Box id="abroad-all" name="all" value="yes" checked=all>
                                    {t.wills.abroad_all_choice}
                                </CheckRow>
                                <p class="hint">{t.wills.abroad_or_choose}</p>
                                {page
                                    .countries
                                    .into_iter()
                                    .map(|c| {
                                        let id = format!("abroad-{}", c.value);
                                        let checked = selected.contains(&c.value);
                                        view! {
                                            <CheckRow
                                                kind=Check::Box
                                                id=id
                                                name="countries[]"
                                                value=c.value
                                                checked=checked
                                            >
                                                {c.label}
                                            </CheckRow>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                            <button type="submit" class="button">
                                {if has_one { t.wills.change_abroad } else { t.wills.give_abroad }}
                            </button>
                        </ActionForm>
                        {has_one.then(|| withdraw_form!(withdraw, withdraw_key, t.wills.withdraw_abroad))}
                    }
                })}
        </section>
        <section class="panel" aria-labelledby="summary-abroad">
            <h2 id="summary-abroad">{t.summary.abroad_title}</h2>
            <p>{t.summary.abroad_intro}</p>
            <p data-testid="summary-abroad-consent">{summary_status}</p>
            {summary_key
                .map(|key| {
                    let key = if summary_given {
                        format!("{key}-summary-abroad-withdraw")
                    } else {
                        format!("{key}-summary-abroad")
                    };
                    if summary_given {
                        withdraw_form!(withdraw_summary, key, t.summary.abroad_withdraw).into_any()
                    } else {
                        view! {
                            <ActionForm action=give_summary>
                                <input type="hidden" name="form_key" value=key />
                                <button type="submit" class="button">
                                    {t.summary.abroad_give}
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                })}
        </section>
        <section class="panel" aria-labelledby="abroad-prescriptions">
            <h2 id="abroad-prescriptions">{t.wills.abroad_prescriptions}</h2>
            <div class="table-scroll" role="region" aria-labelledby="abroad-prescriptions" tabindex="0">
                <StackedTable
                    testid="abroad-prescriptions"
                    columns=vec![t.wills.col_medicine, t.wills.col_abroad]
                    rows
                    mark="data-status"
                />
            </div>
        </section>
    }
}

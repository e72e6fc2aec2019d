//! Prescriptions from the Prescription Centre: valid, expired or all, each
//! with its prescriber, validity, amount left and dispensings. The page has
//! a print layout (style/main.css, `@media print`).

use crate::pages::PageTitle;
use leptos::prelude::*;

use super::subject::SubjectText;
use leptos_router::hooks::use_query_map;

use super::islands::PrintButton;
use super::table::{Row, StackedTable};
use super::{use_locale, use_texts, EmptyState, ErrorSummary, LoadError};
use crate::api::records::{prescriptions_page, PrescriptionFilter, PrescriptionView};
use crate::error::AppError;

#[component]
pub fn PrescriptionsPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let query = use_query_map();
    let state = Memo::new(move |_| query.get().get("state"));
    let page = Resource::new(move || (state.get(), locale), |(state, locale)| prescriptions_page(state, locale));
    view! {
        <PageTitle title=t.prescriptions_title />
        <div class="page-heading">
            <h1>{t.prescriptions_title}</h1>
            <PrintButton />
        </div>
        <p class="lead">
            <SubjectText own=t.prescriptions_intro other=t.prescriptions_intro_of />
        </p>
        <ul class="plain-list">
            <li>
                <a href="/prescriptions/renewals">{t.renewals_link}</a>
            </li>
            <li>
                <a href="/prescriptions/abroad">{t.wills.abroad_link}</a>
            </li>
        </ul>
        <Suspense fallback=move || {
            view! { <p>{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                let wanted = PrescriptionFilter::parse(state.get_untracked().as_deref());
                match page.await {
                    Ok(p) => {
                        let wanted = wanted.unwrap_or(PrescriptionFilter::Valid);
                        let counts = [p.valid_count, p.expired_count, p.valid_count + p.expired_count];
                        let empty = match wanted {
                            PrescriptionFilter::Valid => t.rx_empty_valid,
                            PrescriptionFilter::Expired => t.rx_empty_expired,
                            PrescriptionFilter::All => t.rx_empty_all,
                        };
                        view! {
                            <nav class="tabs" aria-label=t.rx_filter_label>
                                <ul>
                                    {PrescriptionFilter::ALL
                                        .into_iter()
                                        .zip(counts)
                                        .map(|(f, n)| {
                                            let label = match f {
                                                PrescriptionFilter::Valid => t.rx_show_valid,
                                                PrescriptionFilter::Expired => t.rx_show_expired,
                                                PrescriptionFilter::All => t.rx_show_all,
                                            };
                                            view! {
                                                <li>
                                                    <a
                                                        href=format!("/prescriptions?state={}", f.as_str())
                                                        aria-current=(f == wanted).then_some("page")
                                                    >
                                                        {(label)(&n.to_string())}
                                                    </a>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </nav>
                            {if p.shown.is_empty() {
                                view! { <EmptyState text=empty /> }.into_any()
                            } else {
                                view! {
                                    <ul class="prescriptions" data-testid="prescription-list">
                                        {p
                                            .shown
                                            .into_iter()
                                            .map(|rx| {
                                                view! {
                                                    <li>
                                                        <PrescriptionCard rx />
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                        }
                            .into_any()
                    }
                    Err(e @ AppError::BadFilter(_)) => {
                        view! {
                            <ErrorSummary error=e />
                            <p>
                                <a href="/prescriptions">{t.prescriptions_title}</a>
                            </p>
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
fn PrescriptionCard(rx: PrescriptionView) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let labelled_by = format!("rx-{}", rx.id);
    let heading_id = format!("rx-{}", rx.id);
    let (badge, badge_class) =
        if rx.valid { (t.rx_badge_valid, "badge badge--ok") } else { (t.rx_badge_expired, "badge badge--muted") };
    let left = format!("{} / {} {}", rx.amount_left, rx.amount, rx.amount_unit);
    view! {
        <article
            class="prescription"
            aria-labelledby=labelled_by
            data-testid="prescription"
            data-valid=rx.valid.to_string()
        >
            <header class="prescription__header">
                <h2 id=heading_id>{format!("{} {}", rx.medicine, rx.strength)}</h2>
                <span class=badge_class>{badge}</span>
            </header>
            <dl class="facts">
                {rx
                    .purpose
                    .map(|purpose| {
                        view! {
                            <div>
                                <dt>{t.rx_purpose}</dt>
                                <dd data-testid="purpose">{purpose}</dd>
                            </div>
                        }
                    })}
                {rx
                    .form
                    .map(|form| {
                        view! {
                            <div>
                                <dt>{t.rx_form}</dt>
                                <dd>{form}</dd>
                            </div>
                        }
                    })} <div>
                    <dt>{t.rx_dosage}</dt>
                    <dd>{rx.dosage}</dd>
                </div> <div>
                    <dt>{t.rx_prescriber}</dt>
                    <dd>{format!("{}, {}", rx.prescriber_provider, rx.prescriber_unit)}</dd>
                </div> <div>
                    <dt>{t.rx_prescribed_on}</dt>
                    <dd>{locale.date(rx.prescribed_on)}</dd>
                </div> <div>
                    <dt>{t.rx_valid_until}</dt>
                    <dd>{locale.date(rx.valid_until)}</dd>
                </div> <div>
                    <dt>{t.rx_amount_left}</dt>
                    <dd data-testid="amount-left">{left}</dd>
                </div>
                {rx
                    .atc_code
                    .map(|atc| {
                        view! {
                            <div class="muted">
                                <dt>{t.rx_atc}</dt>
                                <dd data-testid="atc">{atc}</dd>
                            </div>
                        }
                    })}
            </dl>
            {rx
                .renewal
                .map(|(state, at)| {
                    view! {
                        <p data-testid="renewal-state">
                            <a href="/prescriptions/renewals">{t.rx_latest_renewal}</a>
                            ": "
                            {(t.renewal_state)(state, &locale.local_date(at))}
                        </p>
                    }
                })}
            {if rx.renewable {
                let href = format!("/prescriptions/{}/renewal", rx.id);
                let medicine = format!("{} {}", rx.medicine, rx.strength);
                Some(
                    view! {
                        <p>
                            <a class="button button--secondary" href=href>
                                {(t.renewal_request_link)(&medicine)}
                            </a>
                        </p>
                    }
                        .into_any(),
                )
            } else {
                rx.narcotic
                    .then(|| {
                        view! {
                            <p class="muted" data-testid="narcotic">
                                {t.renewal_narcotic_note}
                            </p>
                        }
                            .into_any()
                    })
            }}
            <h3>{t.rx_dispensings}</h3>
            {if rx.dispensings.is_empty() {
                view! { <p class="muted">{t.rx_no_dispensings}</p> }.into_any()
            } else {
                let columns = vec![t.rx_pharmacy, t.rx_dispensed_on, t.rx_amount];
                let unit = rx.amount_unit.clone();
                let rows = rx
                    .dispensings
                    .into_iter()
                    .map(|d| {
                        Row::new(
                            vec![
                                d.pharmacy.into_any(),
                                locale.date(d.dispensed_on).into_any(),
                                format!("{} {}", d.amount, unit).into_any(),
                            ],
                        )
                    })
                    .collect();
                view! { <StackedTable testid="dispensings" columns rows /> }.into_any()
            }}
        </article>
    }
}

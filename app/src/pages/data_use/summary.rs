//! The printable summary of every valid consent and denial (seed 004).

use leptos::prelude::*;

use super::*;

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

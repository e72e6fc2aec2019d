//! Vaccinations: one list of every vaccination entry with the
//! vaccine, the dose and the date, newest first, each date leading to the
//! service event it was recorded in.

use leptos::prelude::*;

use super::{loaded, use_locale, use_texts, PageTitle};
use crate::api::vaccinations::vaccinations;

#[component]
pub fn VaccinationsPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let all = Resource::new(|| (), |_| vaccinations());
    view! {
        <PageTitle title=t.vacc_title />
        <h1>{t.vacc_title}</h1>
        <p class="lead">{t.vacc_intro}</p>
        {loaded(
            all,
            move |all| {
                if all.is_empty() {
                    return view! {
                        <p class="empty-state" data-testid="empty-state">
                            {t.vacc_none}
                        </p>
                    }
                        .into_any();
                }
                view! {
                    <table class="stack" data-testid="vaccinations">
                        <thead>
                            <tr>
                                <th scope="col">{t.vacc_col_date}</th>
                                <th scope="col">{t.vacc_col_vaccine}</th>
                                <th scope="col">{t.vacc_col_dose}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {all
                                .into_iter()
                                .map(|v| {
                                    view! {
                                        <tr>
                                            <td data-label=t.vacc_col_date>
                                                <a href=format!(
                                                    "/records/events/{}",
                                                    v.event,
                                                )>{locale.date(v.recorded_on)}</a>
                                            </td>
                                            <td data-label=t.vacc_col_vaccine>{v.vaccine}</td>
                                            <td data-label=t.vacc_col_dose>{(t.vacc_dose)(&v.dose.to_string())}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            },
        )}
        <p>
            <a href="/">{t.vacc_back}</a>
        </p>
    }
}

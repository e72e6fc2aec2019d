//! Vaccinations: one list of every vaccination entry with the
//! vaccine, the dose and the date, newest first, each date leading to the
//! service event it was recorded in.

use leptos::prelude::*;

use super::table::{Row, StackedTable};
use super::{loaded_list, use_locale, use_texts, PageTitle};
use crate::api::vaccinations::{latest_per_vaccine, vaccinations, VaccinationView};

#[component]
pub fn VaccinationsPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let all = Resource::new(|| (), |_| vaccinations());
    view! {
        <PageTitle title=t.vacc_title />
        <h1>{t.vacc_title}</h1>
        <p class="lead">{t.vacc_intro}</p>
        {loaded_list(
            all,
            t.vacc_none,
            move |all| {
                let row = |v: &VaccinationView| {
                    let href = format!("/records/events/{}", v.event);
                    Row::new(
                        vec![
                            view! { <a href=href>{locale.date(v.recorded_on)}</a> }.into_any(),
                            v.vaccine.clone().into_any(),
                            (t.vacc_dose)(&v.dose.to_string()).into_any(),
                        ],
                    )
                };
                let columns = || vec![t.vacc_col_date, t.vacc_col_vaccine, t.vacc_col_dose];
                let latest: Vec<Row> = latest_per_vaccine(&all).into_iter().map(row).collect();
                let rows: Vec<Row> = all.iter().map(row).collect();
                view! {
                    <h2>{t.vacc_latest_heading}</h2>
                    <StackedTable testid="vaccinations-latest" columns=columns() rows=latest />
                    <h2>{t.vacc_all_heading}</h2>
                    <StackedTable testid="vaccinations" columns=columns() rows />
                }
            },
        )}
        <p>
            <a href="/">{t.vacc_back}</a>
        </p>
    }
}

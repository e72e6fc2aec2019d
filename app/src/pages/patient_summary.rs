//! The patient summary: the essentials of the health data on one page, in
//! the International Patient Summary's order (critical risks with allergies
//! first, current diagnoses, medicines in use, vaccinations, recent
//! procedures, the latest laboratory results), every line linked to its
//! source; and the copies of the record in FHIR R4 to download (plain
//! links: no JavaScript needed).

use leptos::prelude::*;

use super::islands::PrintButton;
use super::laboratory::{position_label, test_href};
use super::table::{Row, StackedTable};
use super::{loaded, use_locale, use_texts, EmptyState, PageTitle};
use crate::api::summary::{patient_summary, PatientSummaryView, SourcedLine};
use crate::domain::laboratory::Trend;
use crate::domain::summary::RiskKind;
use crate::i18n::{Locale, SummaryTexts};

fn event_link(locale: Locale, s: &'static SummaryTexts, line: &SourcedLine) -> AnyView {
    let href = format!("/records/events/{}", line.event);
    let label = format!("{}: {}", s.source, locale.date(line.recorded_on));
    view! { <a href=href>{label}</a> }.into_any()
}

/// A section with its heading, what it is drawn from, and its table or
/// that it is empty.
fn section(
    id: &'static str,
    heading: &'static str,
    rule: Option<&'static str>,
    table: Option<AnyView>,
    empty: &'static str,
) -> AnyView {
    view! {
        <section class="summary-section" aria-labelledby=id data-testid=id>
            <h2 id=id>{heading}</h2>
            {rule.map(|r| view! { <p class="muted">{r}</p> })}
            {match table {
                Some(t) => t,
                None => view! { <EmptyState text=empty /> }.into_any(),
            }}
        </section>
    }
    .into_any()
}

fn tables(v: PatientSummaryView) -> impl IntoView {
    let t = use_texts();
    let s = t.summary;
    let locale = use_locale();
    let nonempty = |rows: Vec<Row>, view: fn(Vec<Row>) -> AnyView| (!rows.is_empty()).then(|| view(rows));
    let risks: Vec<Row> = v
        .risks
        .iter()
        .map(|r| {
            let kind = match r.kind {
                RiskKind::MedicineAllergy => "medicine-allergy",
                RiskKind::OtherAllergy => "allergy",
                RiskKind::Other => "other",
            };
            Row::marked(kind, vec![r.line.text.clone().into_any(), event_link(locale, s, &r.line)])
        })
        .collect();
    let diagnoses: Vec<Row> = v
        .diagnoses
        .iter()
        .map(|d| {
            let name = if d.days > 1 {
                format!("{} ({})", d.line.text, (s.recorded_days)(d.days))
            } else {
                d.line.text.clone()
            };
            Row::new(vec![
                d.code.clone().unwrap_or_default().into_any(),
                name.into_any(),
                event_link(locale, s, &d.line),
            ])
        })
        .collect();
    let medicines: Vec<Row> = v
        .medicines
        .iter()
        .map(|m| {
            let name = [Some(m.medicine.as_str()), Some(m.strength.as_str()), m.form.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            let href = format!("/prescriptions#rx-{}", m.prescription);
            let how = match &m.purpose {
                Some(p) => format!("{}. {p}.", m.dosage.trim_end_matches('.')),
                None => m.dosage.clone(),
            };
            let until = (s.medicine_until)(&locale.date(m.valid_until));
            Row::new(vec![
                view! { <a href=href>{name}</a> }.into_any(),
                m.atc_code.clone().unwrap_or_default().into_any(),
                view! { {how} <br /> <span class="muted">{until}</span> }.into_any(),
            ])
        })
        .collect();
    let vaccinations: Vec<Row> = v
        .vaccinations
        .iter()
        .map(|x| {
            let line = SourcedLine { recorded_on: x.recorded_on, text: x.vaccine.clone(), event: x.event };
            Row::new(vec![x.vaccine.clone().into_any(), event_link(locale, s, &line)])
        })
        .collect();
    let procedures: Vec<Row> =
        v.procedures.iter().map(|p| Row::new(vec![p.text.clone().into_any(), event_link(locale, s, p)])).collect();
    let results: Vec<Row> = v
        .results
        .iter()
        .map(|r| {
            let line = SourcedLine { recorded_on: r.recorded_on, text: r.test.clone(), event: r.event };
            let trend = match r.trend {
                Some(Trend::Rising) => s.trend_rising,
                Some(Trend::Falling) => s.trend_falling,
                Some(Trend::Steady) => s.trend_steady,
                None => "",
            };
            let value = format!("{} {} ({})", locale.number(r.value), r.unit, position_label(t, r.position));
            Row::marked(
                format!("{:?}", r.position).to_lowercase(),
                vec![
                    view! { <a href=test_href(&r.test)>{t.lab_name(&r.test)}</a> }.into_any(),
                    value.into_any(),
                    trend.into_any(),
                    event_link(locale, s, &line),
                ],
            )
        })
        .collect();
    view! {
        {section(
            "summary-risks",
            s.risks,
            None,
            nonempty(
                risks,
                |rows| {
                    view! {
                        <StackedTable
                            testid="risks"
                            columns=vec![use_texts().summary.col_what, use_texts().summary.col_source]
                            rows
                            mark="data-kind"
                        />
                    }
                        .into_any()
                },
            ),
            s.risks_none,
        )}
        {section(
            "summary-diagnoses",
            s.diagnoses,
            Some(s.diagnoses_rule),
            nonempty(
                diagnoses,
                |rows| {
                    let s = use_texts().summary;
                    view! {
                        <StackedTable testid="diagnoses" columns=vec![s.col_code, s.col_what, s.col_source] rows />
                    }
                        .into_any()
                },
            ),
            s.diagnoses_none,
        )}
        {section(
            "summary-medicines",
            s.medicines,
            None,
            nonempty(
                medicines,
                |rows| {
                    let s = use_texts().summary;
                    view! { <StackedTable testid="medicines" columns=vec![s.col_what, s.col_code, s.col_use] rows /> }
                        .into_any()
                },
            ),
            s.medicines_none,
        )}
        {section(
            "summary-vaccinations",
            s.vaccinations,
            None,
            nonempty(
                vaccinations,
                |rows| {
                    let s = use_texts().summary;
                    view! { <StackedTable testid="vaccinations" columns=vec![s.col_what, s.col_source] rows /> }
                        .into_any()
                },
            ),
            s.vaccinations_none,
        )}
        {section(
            "summary-procedures",
            s.procedures,
            Some(s.procedures_rule),
            nonempty(
                procedures,
                |rows| {
                    let s = use_texts().summary;
                    view! { <StackedTable testid="procedures" columns=vec![s.col_what, s.col_source] rows /> }
                        .into_any()
                },
            ),
            s.procedures_none,
        )}
        {section(
            "summary-results",
            s.results,
            Some(s.results_rule),
            nonempty(
                results,
                |rows| {
                    let s = use_texts().summary;
                    view! {
                        <StackedTable
                            testid="results"
                            columns=vec![s.col_what, s.col_value, s.col_trend, s.col_source]
                            rows
                            mark="data-position"
                        />
                    }
                        .into_any()
                },
            ),
            s.results_none,
        )}
    }
}

#[component]
pub fn PatientSummaryPage() -> impl IntoView {
    let t = use_texts();
    let s = t.summary;
    let summary = Resource::new(|| (), |_| patient_summary());
    view! {
        <PageTitle title=s.title />
        <h1>{s.title}</h1>
        <p class="lead">{s.intro}</p>
        <PrintButton />
        {loaded(summary, tables)}
        <section class="no-print" aria-labelledby="summary-download" data-testid="summary-download">
            <h2 id="summary-download">{s.download_heading}</h2>
            <p>{s.download_intro}</p>
            <ul class="link-list">
                <li>
                    <a href="/patient-summary/download?format=ips" data-testid="download-ips">
                        {s.download_ips}
                    </a>
                </li>
                <li>
                    <a href="/patient-summary/download?format=record" data-testid="download-record">
                        {s.download_record}
                    </a>
                </li>
            </ul>
        </section>
        <p>
            <a href="/">{s.back}</a>
        </p>
    }
}

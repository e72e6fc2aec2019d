//! Wellbeing data: what the person measured at home, each kind over time
//! (the laboratory's chart, with the home targets as bands) and listed
//! newest first, every value marked as self-recorded; the forms that
//! record a measurement and correct one (plain POSTs without JavaScript;
//! a refused form comes back with what was typed); the consents to share
//! the data, as they stand.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::chart::TimeChart;
use super::table::{Row, StackedTable};
use super::{loaded, use_locale, use_texts, ErrorSummary, PageTitle};
use crate::api::wellbeing::{wellbeing_measurement, wellbeing_page, RecordMeasurement, WellbeingView};
use crate::domain::declarations::Sector;
use crate::domain::laboratory::chart;
use crate::domain::wellbeing::{band, series, typed_of, Field, Listed, Measurement, MeasurementKind, Reading, Typed};
use crate::i18n::Locale;

/// Rows listed before the rest fold away.
const LATEST_ROWS: usize = 10;

/// A reading as the page writes it: `142/88 mmHg, 71/min`, `72,4 kg`.
pub fn reading_text(locale: Locale, reading: Reading) -> String {
    let tenths = |t: u32| locale.number(f64::from(t) / 10.0);
    match reading {
        Reading::BloodPressure { systolic, diastolic, pulse: Some(p) } => {
            format!("{systolic}/{diastolic} mmHg, {p}/min")
        }
        Reading::BloodPressure { systolic, diastolic, pulse: None } => format!("{systolic}/{diastolic} mmHg"),
        Reading::Weight { tenths: t } => format!("{} kg", tenths(t)),
        Reading::BloodGlucose { tenths: t } => format!("{} mmol/l", tenths(t)),
    }
}

#[component]
pub fn WellbeingPage() -> impl IntoView {
    let t = use_texts();
    let page = Resource::new(|| (), |_| wellbeing_page());
    view! {
        <PageTitle title=t.wellbeing.title />
        <h1>{t.wellbeing.title}</h1>
        <p class="lead">{t.wellbeing.intro}</p>
        <p class="callout" data-testid="own-entries">
            {t.wellbeing.own_entries}
        </p>
        {loaded(page, |page| view! { <Wellbeing page /> })}
    }
}

#[component]
fn Wellbeing(page: WellbeingView) -> impl IntoView {
    let t = use_texts();
    let w = t.wellbeing;
    let locale = use_locale();
    let record = ServerAction::<RecordMeasurement>::new();
    let error = move || record.value().get().and_then(Result::err).map(|e| view! { <ErrorSummary error=e /> });
    let consents = page.consents.iter().map(|(sector, at)| {
        let name = if *sector == Sector::Healthcare { w.consent_healthcare } else { w.consent_social };
        let state = at.map_or(w.consent_not_given.to_string(), |at| (w.consent_given_on)(&locale.local_date(at)));
        view! { <li data-testid=format!("wb-consent-{}", sector.as_str())>{format!("{name}: {state}")}</li> }
    });
    let can_correct = page.form_key.is_some();
    let forms = page.form_key.clone().map(|key| {
        let typed = page.typed.clone().filter(|t| t.corrects.is_empty());
        view! {
            <section class="panel" aria-labelledby="wb-record" data-testid="wb-record">
                <h2 id="wb-record">{w.record_heading}</h2>
                {MeasurementKind::ALL
                    .iter()
                    .map(|kind| {
                        let typed = typed.clone().filter(|t| t.kind == kind.as_str());
                        let key = format!("{key}-{}", kind.as_str().replace('_', "-"));
                        view! { <MeasurementForm kind=*kind typed key today=page.today corrects=None action=record /> }
                    })
                    .collect_view()}
            </section>
        }
    });
    view! {
        {error}
        {page
            .child_name
            .is_some()
            .then(|| {
                view! {
                    <p class="callout" data-testid="guardian-limit">
                        {w.guardian_limit}
                    </p>
                }
            })}
        <section class="panel" aria-labelledby="wb-consents">
            <h2 id="wb-consents">{w.consent_heading}</h2>
            <p>{w.consent_explain}</p>
            <ul class="plain-list">{consents.collect_view()}</ul>
            <p>
                <a href="/data-use#du-wellbeing">{w.consent_where}</a>
            </p>
        </section>
        {forms}
        {page
            .kinds
            .into_iter()
            .map(|(kind, listed)| view! { <KindSection kind listed all=page.all.clone() can_correct /> })
            .collect_view()}
    }
}

/// The form of one kind: a new measurement, or (`corrects`) a correction.
#[component]
fn MeasurementForm(
    kind: MeasurementKind,
    typed: Option<Typed>,
    key: String,
    today: chrono::NaiveDate,
    corrects: Option<i64>,
    action: ServerAction<RecordMeasurement>,
) -> impl IntoView {
    let w = use_texts().wellbeing;
    let code = kind.as_str();
    let typed = typed.unwrap_or_default();
    let date = if typed.date.is_empty() { today.format("%Y-%m-%d").to_string() } else { typed.date.clone() };
    let id = move |field: &str| format!("wb-{code}-{field}");
    let field = move |name: &'static str, label: &'static str, value: String, mode: &'static str| {
        view! {
            <div class="field">
                <label for=id(name)>{label}</label>
                <input id=id(name) name=name type="text" inputmode=mode autocomplete="off" value=value size="6" />
            </div>
        }
    };
    let values = match kind {
        MeasurementKind::BloodPressure => view! {
            {field("systolic", w.systolic, typed.systolic.clone(), "numeric")}
            {field("diastolic", w.diastolic, typed.diastolic.clone(), "numeric")}
            {field("pulse", w.pulse_optional, typed.pulse.clone(), "numeric")}
        }
        .into_any(),
        MeasurementKind::Weight => field("value", w.weight_kg, typed.value.clone(), "decimal").into_any(),
        MeasurementKind::BloodGlucose => field("value", w.glucose_mmol, typed.value.clone(), "decimal").into_any(),
    };
    view! {
        <ActionForm action=action attr:class="measurement-form" attr:data-testid=format!("wb-form-{code}")>
            <fieldset>
                <legend>{w.kind(kind)}</legend>
                <input type="hidden" name="kind" value=code />
                <input type="hidden" name="form_key" value=key />
                <input type="hidden" name="corrects" value=corrects.map(|c| c.to_string()).unwrap_or_default() />
                <div class="field">
                    <label for=id("date")>{w.date}</label>
                    <input id=id("date") name="date" type="date" value=date />
                </div>
                <div class="field">
                    <label for=id("time")>{w.time}</label>
                    <input id=id("time") name="time" type="time" value=typed.time.clone() />
                </div>
                {values}
                <button type="submit" class="button">
                    {w.save}
                </button>
            </fieldset>
        </ActionForm>
    }
}

/// One kind: its charts (what is in force) and its measurements, the
/// latest first and the rest folded.
#[component]
fn KindSection(kind: MeasurementKind, listed: Vec<Listed>, all: Vec<Measurement>, can_correct: bool) -> impl IntoView {
    let t = use_texts();
    let w = t.wellbeing;
    let locale = use_locale();
    let code = kind.as_str();
    let heading = format!("wb-{code}-heading");
    let (fields, note): (&[Field], Option<&'static str>) = match kind {
        MeasurementKind::BloodPressure => (&[Field::Systolic, Field::Diastolic], Some(w.pressure_target)),
        MeasurementKind::Weight => (&[Field::Weight], None),
        MeasurementKind::BloodGlucose => (&[Field::Glucose], Some(w.glucose_band)),
    };
    let find = |id: i64| all.iter().find(|m| m.id == id);
    let charts = fields
        .iter()
        .filter_map(|f| {
            let name = match f {
                Field::Systolic => w.systolic,
                Field::Diastolic => w.diastolic,
                Field::Weight => w.weight_kg,
                _ => w.glucose_mmol,
            };
            let points = series(&all, *f);
            let c = chart(&points, band(*f))?;
            let description = format!("{} {}", (w.n_values)(points.len()), note.unwrap_or_default());
            let id = match f {
                Field::Systolic => "wb-chart-systolic",
                Field::Diastolic => "wb-chart-diastolic",
                Field::Weight => "wb-chart-weight",
                _ => "wb-chart-glucose",
            };
            Some(view! { <TimeChart id title=(w.chart_title)(name) description chart=c /> })
        })
        .collect_view();
    let columns = vec![w.col_measured, w.col_value, w.col_recorded_by, w.col_correction];
    let row = |l: &Listed| {
        let m = &l.measurement;
        let when = locale.date_time(m.measured_at);
        let by = if m.by_guardian { w.guardian_recorded } else { w.self_recorded };
        let mut notes = Vec::new();
        if let Some(c) = l.corrected_by.and_then(find) {
            notes.push((w.corrected_to)(&reading_text(locale, c.reading), &locale.local_date(c.recorded_at)));
        }
        if let Some(o) = m.corrects.and_then(find) {
            notes.push((w.corrects)(&reading_text(locale, o.reading)));
        }
        let link = (can_correct && l.corrected_by.is_none()).then(|| {
            let label = format!("{} {} {}", w.correct, reading_text(locale, m.reading), when);
            view! {
                <a href=format!("/wellbeing/correct/{}", m.id) aria-label=label>
                    {w.correct}
                </a>
            }
        });
        let state = if l.corrected_by.is_some() { "corrected" } else { "in-force" };
        Row::marked(
            state,
            vec![
                when.clone().into_any(),
                view! { <span class="reading">{reading_text(locale, m.reading)}</span> }.into_any(),
                view! { <span class="self-recorded">{by}</span> }.into_any(),
                view! { {notes.join(". ")} " " {link} }.into_any(),
            ],
        )
    };
    let (latest, earlier) = listed.split_at(listed.len().min(LATEST_ROWS));
    let earlier_rows: Vec<Row> = earlier.iter().map(row).collect();
    let n_earlier = earlier_rows.len();
    let rows: Vec<Row> = latest.iter().map(row).collect();
    view! {
        <section class="panel" id=format!("wb-{code}") aria-labelledby=heading.clone() data-testid=format!("wb-{code}")>
            <h2 id=heading.clone()>{w.kind(kind)}</h2>
            {if rows.is_empty() {
                view! { <p class="empty-state">{w.none}</p> }.into_any()
            } else {
                view! {
                    <p>{(w.n_values)(listed.len())}</p>
                    {note.map(|n| view! { <p>{n}</p> })}
                    {charts}
                    <StackedTable
                        testid="wb-table"
                        caption=w.kind(kind).to_string()
                        columns=columns.clone()
                        rows
                        mark="data-state"
                    />
                    {(n_earlier > 0)
                        .then(|| {
                            view! {
                                <details>
                                    <summary>{(w.n_values)(n_earlier)}</summary>
                                    <StackedTable testid="wb-earlier" columns rows=earlier_rows mark="data-state" />
                                </details>
                            }
                        })}
                }
                    .into_any()
            }}
        </section>
    }
}

/// `/wellbeing/correct/{id}`: the form that corrects one measurement,
/// filled with its values (or with what a refused correction had).
#[component]
pub fn CorrectMeasurementPage() -> impl IntoView {
    let t = use_texts();
    let w = t.wellbeing;
    let locale = use_locale();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let data = Resource::new(move || id, wellbeing_measurement);
    let record = ServerAction::<RecordMeasurement>::new();
    let error = move || record.value().get().and_then(Result::err).map(|e| view! { <ErrorSummary error=e /> });
    view! {
        <PageTitle title=w.correct_title />
        <h1>{w.correct_title}</h1>
        {error}
        {loaded(
            data,
            move |(m, typed, key)| {
                let kind = m.reading.kind();
                let typed = typed.unwrap_or_else(|| typed_of(&m));
                let today = crate::domain::time::helsinki_today(m.recorded_at);
                view! {
                    <p class="lead">{w.correct_intro}</p>
                    <p data-testid="wb-original">
                        {format!("{}: {}", locale.date_time(m.measured_at), reading_text(locale, m.reading))}
                    </p>
                    <MeasurementForm
                        kind
                        typed=Some(typed)
                        key=format!("{key}-correct")
                        today
                        corrects=Some(m.id)
                        action=record
                    />
                }
            },
        )}
        <p>
            <a href="/wellbeing">{w.back}</a>
        </p>
    }
}

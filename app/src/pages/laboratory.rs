//! Laboratory results over time: the tests the subject has
//! results of, and one test's results as a chart and a table. The chart is
//! SVG drawn on the server from `domain::laboratory::chart` (no script, no
//! chart library), with the reference range as a band and the values
//! outside it marked by shape as well as colour; the table beside it holds
//! every value in text and is the chart's text alternative. The page has a
//! print layout (style/main.css, `@media print`).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::chart::TimeChart;
use super::islands::PrintButton;
use super::table::{Row, StackedTable};
use super::{loaded, loaded_list, use_locale, use_texts, PageTitle};
use crate::api::filters::percent_encode;
use crate::api::laboratory::{laboratory_series, laboratory_tests, LabSeriesView};
use crate::domain::laboratory::{chart, trend, RangePosition, ReferenceRange};
use crate::i18n::{Locale, Texts};

/// The link to a test's page.
pub fn test_href(test: &str) -> String {
    format!("/laboratory/{}", percent_encode(test))
}

pub(super) fn position_label(t: &'static Texts, p: RangePosition) -> &'static str {
    match p {
        RangePosition::Below => t.lab_below,
        RangePosition::Within => t.lab_within,
        RangePosition::Above => t.lab_above,
    }
}

fn range_text(t: &'static Texts, locale: Locale, r: ReferenceRange, unit: &str) -> Option<String> {
    let range = match (r.low, r.high) {
        (Some(low), Some(high)) => format!("{}–{}", locale.number(low), locale.number(high)),
        (None, Some(high)) => (t.lab_range_at_most)(&locale.number(high)),
        (Some(low), None) => (t.lab_range_at_least)(&locale.number(low)),
        (None, None) => return None,
    };
    Some((t.lab_reference)(&range, unit))
}

#[component]
pub fn LaboratoryPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let tests = Resource::new(|| (), |_| laboratory_tests());
    view! {
        <PageTitle title=t.lab_title />
        <h1>{t.lab_title}</h1>
        <p class="lead">{t.lab_intro}</p>
        {loaded_list(
            tests,
            t.lab_none,
            move |tests| {
                let columns = vec![t.lab_col_test, t.lab_col_results, t.lab_col_latest];
                let rows = tests
                    .into_iter()
                    .map(|x| {
                        Row::new(
                            vec![
                                view! { <a href=test_href(&x.test)>{(t.lab_chart_title)(&t.lab_name(&x.test))}</a> }
                                    .into_any(),
                                x.results.into_any(),
                                locale.date(x.last_on).into_any(),
                            ],
                        )
                    })
                    .collect();
                view! { <StackedTable testid="lab-tests" class="lab-tests" columns rows row_headers=true /> }
            },
        )}
        <p>
            <a href="/records">{t.back_to_health}</a>
        </p>
    }
}

#[component]
pub fn LaboratoryTestPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let test = Memo::new(move |_| params.get().get("test").unwrap_or_default());
    let series = Resource::new(move || test.get(), laboratory_series);
    // Pages render on the server only: the title is the URL's test, once.
    let title = (t.lab_chart_title)(&t.lab_name(&test.get_untracked()));
    view! {
        <PageTitle title=title.clone() />
        <div class="page-heading">
            <h1>{title}</h1>
            <PrintButton />
        </div>
        {loaded(series, |s| view! { <Series s /> })}
        <p class="no-print">
            <a href="/laboratory">{t.lab_back}</a>
        </p>
    }
}

#[component]
fn Series(s: LabSeriesView) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let range = range_text(t, locale, s.reference, &s.unit);
    let value_label = (t.lab_col_value)(&s.unit);
    let outside = s.results.iter().filter(|r| r.position != RangePosition::Within).count();
    let (first, last) = match (s.results.first(), s.results.last()) {
        (Some(f), Some(l)) => (locale.date(f.recorded_on), locale.date(l.recorded_on)),
        _ => Default::default(),
    };
    let summary = format!(
        "{} {} {}.",
        (t.lab_span)(&first, &last),
        t.lab_n_results.of(s.results.len()),
        t.lab_n_outside.of(outside)
    );
    let results: Vec<_> = s
        .results
        .iter()
        .map(|r| crate::domain::laboratory::LabResult { recorded_on: r.recorded_on, value: r.value })
        .collect();
    let drawn = chart(&results, s.reference);
    // Where the latest stands, only where the test has a reference range.
    let has_range = s.reference.low.is_some() || s.reference.high.is_some();
    let latest = s.results.last().map(|r| r.position).filter(|_| has_range);
    let went = trend(&results).map(|trend| (t.lab_trend)(trend, latest));
    let columns: Vec<std::borrow::Cow<'static, str>> =
        vec![t.lab_col_date.into(), value_label.into(), t.lab_col_range.into()];
    let rows = s
        .results
        .iter()
        .rev()
        .map(|r| {
            let href = format!("/records/events/{}", r.event);
            Row::marked(
                format!("{:?}", r.position).to_lowercase(),
                vec![
                    view! { <a href=href>{locale.date(r.recorded_on)}</a> }.into_any(),
                    locale.number(r.value).into_any(),
                    position_label(t, r.position).into_any(),
                ],
            )
        })
        .collect();
    view! {
        <p class="lead" data-testid="lab-summary">
            {summary.clone()}
        </p>
        {went.map(|w| view! { <p data-testid="lab-trend">{w}</p> })}
        {range.clone().map(|r| view! { <p data-testid="lab-reference">{r}</p> })}
        {drawn
            .map(|c| {
                let description = format!("{summary} {}", range.clone().unwrap_or_default());
                let title = (t.lab_chart_title)(&t.lab_name(&s.test));
                view! { <TimeChart id="lab-chart" title description chart=c /> }
            })}
        <StackedTable
            testid="lab-results"
            class="lab-results"
            caption=(t.lab_table_caption)(&t.lab_name(&s.test))
            columns
            rows
            mark="data-position"
        />
    }
}

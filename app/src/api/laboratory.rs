//! Server functions of the laboratory pages: the tests the
//! subject has results of, and one test's results over time. Like every
//! records function they read only the session's subject (the citizen, or a
//! child they act for, as far as a guardian may see).

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::laboratory::{RangePosition, ReferenceRange};
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabTestView {
    pub test: String,
    pub unit: String,
    pub results: i64,
    pub last_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabResultView {
    pub recorded_on: NaiveDate,
    pub value: f64,
    pub position: RangePosition,
    /// The service event the result was recorded in.
    pub event: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabSeriesView {
    pub test: String,
    pub unit: String,
    pub reference: ReferenceRange,
    /// Oldest first.
    pub results: Vec<LabResultView>,
}

/// The laboratory tests the subject has results of, by code (letter case aside).
#[server(endpoint = "laboratory_tests")]
pub async fn laboratory_tests() -> Result<Vec<LabTestView>, AppError> {
    use crate::server::*;
    let subject = require_subject_for(crate::domain::declarations::Sector::Healthcare).await?;
    let mut tests = pool()?.laboratory_tests(subject.citizen, subject.visibility).await?;
    // By code, letter case aside (`fP -Gluk` beside `B -Hb`), the same
    // whatever the database's collation.
    tests.sort_by_key(|t| t.test.to_lowercase());
    Ok(tests
        .into_iter()
        .map(|t| LabTestView { test: t.test, unit: t.unit, results: t.results, last_on: t.last_on })
        .collect())
}

/// One test's results over time; a code that is not a test code is a
/// `BadFilter`, a test without results `NotFound`.
#[server(endpoint = "laboratory_series")]
pub async fn laboratory_series(test: String) -> Result<LabSeriesView, AppError> {
    use crate::api::filters::FilterError;
    use crate::domain::laboratory::parse_test_code;
    use crate::server::*;
    let subject = require_subject_for(crate::domain::declarations::Sector::Healthcare).await?;
    let code = parse_test_code(test.trim()).ok_or(AppError::BadFilter(FilterError::LabTest))?;
    let series =
        pool()?.laboratory_series(subject.citizen, code, subject.visibility).await?.ok_or(AppError::NotFound)?;
    let reference = series.reference;
    Ok(LabSeriesView {
        test: series.test,
        unit: series.unit,
        reference,
        results: series
            .results
            .into_iter()
            .map(|(r, event)| LabResultView {
                recorded_on: r.recorded_on,
                value: r.value,
                position: reference.position(r.value),
                event: event.0,
            })
            .collect(),
    })
}

//! The server function of the vaccinations page: every
//! vaccination of the session's subject, newest first, as far as the asker
//! may see.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VaccinationView {
    pub recorded_on: NaiveDate,
    pub vaccine: String,
    /// The dose's number in its series (1 for the first).
    pub dose: u32,
    /// The service event it was recorded in.
    pub event: i64,
}

#[server(endpoint = "vaccinations")]
pub async fn vaccinations() -> Result<Vec<VaccinationView>, AppError> {
    use crate::server::*;
    let subject = require_subject_for(crate::domain::declarations::Sector::Healthcare).await?;
    let all = pool()?.vaccinations(subject.citizen, subject.visibility).await?;
    Ok(all
        .into_iter()
        .map(|v| VaccinationView { recorded_on: v.recorded_on, vaccine: v.vaccine, dose: v.dose, event: v.event.0 })
        .collect())
}

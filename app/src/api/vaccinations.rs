//! The server function of the vaccinations page: every
//! vaccination of the session's subject, newest first, as far as the asker
//! may see.

#[cfg(test)]
use chrono::Datelike;
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

/// The vaccine a name names, without the product in brackets:
/// "Influenssarokote (Vaxigrip Tetra)" is an "Influenssarokote".
pub fn vaccine_kind(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name).trim()
}

/// The newest vaccination of each vaccine (whatever the product), newest
/// first; `all` is newest first, as the server function answers.
pub fn latest_per_vaccine(all: &[VaccinationView]) -> Vec<&VaccinationView> {
    let mut seen = std::collections::HashSet::new();
    all.iter().filter(|v| seen.insert(vaccine_kind(&v.vaccine))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(day: u32, vaccine: &str, dose: u32) -> VaccinationView {
        VaccinationView {
            recorded_on: NaiveDate::from_ymd_opt(2024, 1, day).unwrap(),
            vaccine: vaccine.into(),
            dose,
            event: 1,
        }
    }

    #[test]
    fn each_vaccine_once_by_its_newest_dose_whatever_the_product() {
        let all = [
            v(20, "Influenssarokote (Vaxigrip Tetra)", 1),
            v(15, "Pneumokokkirokote (Prevenar 20)", 1),
            v(10, "Influenssarokote (Vaxigrip)", 1),
            v(5, "dT-rokote (diTeBooster)", 2),
            v(1, "dT-rokote (diTeBooster)", 1),
        ];
        let latest: Vec<_> = latest_per_vaccine(&all).into_iter().map(|v| (v.recorded_on.day(), v.dose)).collect();
        assert_eq!(latest, [(20, 1), (15, 1), (5, 2)]);
        assert_eq!(vaccine_kind("Influenssarokote, nenäsumute (Fluenz Tetra)"), "Influenssarokote, nenäsumute");
        assert_eq!(vaccine_kind("Rokote"), "Rokote");
    }
}

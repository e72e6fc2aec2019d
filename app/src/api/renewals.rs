//! Prescription renewal requests (DOMAIN.md §8): the subject's
//! requests and their states, the form for one prescription, and sending
//! it. The citizen, a guardian for a child and an adult with an
//! e-authorisation may send one (the one thing an authorisation lets its
//! holder do besides viewing); who sent it is taken from the session.

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::records::Choice;
#[cfg(feature = "ssr")]
use crate::domain::declarations::Sector;
use crate::domain::renewal::RenewalState;
use crate::error::AppError;
use crate::i18n::Locale;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenewalView {
    pub id: i64,
    pub prescription: i64,
    /// The medicine and its strength.
    pub medicine: String,
    pub provider: String,
    /// The unit it was sent to (None for a request that named only the provider).
    pub unit: Option<String>,
    /// As it was typed; the page escapes it like any text.
    pub message: Option<String>,
    /// For a text message about the result.
    pub mobile: Option<String>,
    pub sent_at: DateTime<Utc>,
    /// Who sent it, when not the citizen.
    pub sent_by: Option<String>,
    pub state: RenewalState,
    pub state_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenewalFormView {
    pub prescription: i64,
    pub medicine: String,
    pub valid_until: NaiveDate,
    /// The unit that prescribed it.
    pub prescriber_unit: String,
    /// The units that take renewal requests (DOMAIN.md §8): the prescribing
    /// unit first, then the prescriber's other units, then the others by
    /// provider and name. No pharmacy, hospital clinic or social service.
    pub units: Vec<Choice>,
    pub form_key: String,
}

/// The subject's renewal requests, newest first, as far as the asker may
/// see their prescriptions.
#[server(endpoint = "renewal_requests")]
pub async fn renewal_requests(locale: Locale) -> Result<Vec<RenewalView>, AppError> {
    use crate::server::*;
    let subject = require_subject_for(Sector::Healthcare).await?;
    let pool = pool()?;
    let names = pool.provider_names(locale).await?;
    Ok(subject
        .visibility
        .keep(pool.renewal_requests(subject.citizen, now()?).await?)
        .into_iter()
        .filter(|r| subject.visibility.shows_of(Sector::Healthcare, r.prescribed_on))
        .map(|r| RenewalView {
            id: r.id,
            prescription: r.prescription.0,
            medicine: r.medicine,
            provider: crate::api::records::provider_name(&names, &r.provider.0).to_string(),
            unit: r.unit,
            message: r.message,
            mobile: r.mobile,
            sent_at: r.sent_at,
            sent_by: r.sent_by.map(|(name, _)| name),
            state: r.state,
            state_at: r.state_at,
        })
        .collect())
}

/// The form of a renewal request for one of the subject's prescriptions:
/// 404 if it is not theirs (or hidden from the asker), 409 naming why if it
/// cannot be renewed by request now. Nothing is written.
#[server(endpoint = "renewal_form")]
pub async fn renewal_form(prescription: i64, locale: Locale) -> Result<RenewalFormView, AppError> {
    use crate::server::*;
    let subject = require_subject_for(Sector::Healthcare).await?;
    let candidate = ssr::renewable(&subject, prescription).await?;
    let mut units = pool()?.renewal_units(locale).await?;
    // A stable sort keeps the query's order within each group.
    units.sort_by_key(|u| (u.id != candidate.prescriber_unit, u.provider != candidate.prescriber));
    Ok(RenewalFormView {
        prescription,
        medicine: candidate.medicine,
        valid_until: candidate.valid_until,
        prescriber_unit: candidate.prescriber_unit.0,
        units: units
            .into_iter()
            .map(|u| Choice { value: u.id.0, label: format!("{} – {}", u.name, u.provider_name) })
            .collect(),
        form_key: format!("{}-renewal", crate::api::data_use::declare::new_form_key(&subject).await?),
    })
}

/// Sends a renewal request for the subject. Every refusal names its field
/// or reason (400 or 409) and writes nothing; a repeated form key records
/// once.
#[server(endpoint = "send_renewal_request")]
pub async fn send_renewal_request(
    prescription: i64,
    unit: String,
    #[server(default)] message: String,
    #[server(default)] mobile: String,
    form_key: String,
) -> Result<String, AppError> {
    use crate::domain::declarations::PrescriptionId;
    use crate::domain::records::UnitId;
    use crate::server::rows::NewRenewalRequest;
    use crate::server::*;
    let subject = session_subject().await?;
    if !subject.visibility.covers(Sector::Healthcare) {
        let refused = AppError::NotAuthorisedFor(Sector::Healthcare);
        return Err(refuse_access(&subject, "renewal request", None, refused).await);
    }
    crate::api::data_use::declare::check_form_key(&subject, &form_key).await?;
    let message = crate::domain::renewal::message(&message).map_err(AppError::Renewal)?;
    let mobile = crate::domain::renewal::mobile_number(&mobile).map_err(AppError::Renewal)?;
    // Whether it may be renewed is decided in the transaction, after a
    // repeated form key is recognised (a double submit answers as the first).
    ssr::subjects_prescription(&subject, prescription).await?;
    let request = NewRenewalRequest {
        prescription: PrescriptionId(prescription),
        unit: UnitId(unit),
        message,
        sent_by: subject.acting.as_ref().map(|a| (a.right, subject.asker)),
        mobile,
    };
    let pool = pool()?;
    match pool.record_renewal_request(subject.citizen, &request, now()?, Some(&form_key)).await? {
        Ok(id) => {
            tracing::info!(citizen = subject.citizen.0, by = subject.asker.0, request = id, "renewal request sent");
            crate::api::flash::say_next(crate::api::flash::Flash::RenewalSent).await;
            Ok(navigate_after_form("/prescriptions/renewals"))
        }
        Err(refused) => {
            tracing::info!(citizen = subject.citizen.0, ?refused, "renewal request refused");
            Err(AppError::Renewal(refused))
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::Sector;
    use crate::error::AppError;
    use crate::server::rows::RenewalCandidate;
    use crate::server::*;

    /// The subject's prescription, if the asker may see it (404 otherwise,
    /// in the audit log).
    pub async fn subjects_prescription(subject: &Subject, prescription: i64) -> Result<RenewalCandidate, AppError> {
        use crate::domain::declarations::PrescriptionId;
        let found = pool()?.renewable_prescription(subject.citizen, PrescriptionId(prescription)).await?;
        match found.filter(|c| subject.visibility.shows_of(Sector::Healthcare, c.prescribed_on)) {
            Some(candidate) => Ok(candidate),
            None => Err(refuse_access(subject, "prescription", Some(prescription), AppError::NotFound).await),
        }
    }

    /// The subject's prescription (as `subjects_prescription`), if the
    /// domain lets it be renewed by request today (409 naming why otherwise).
    pub async fn renewable(subject: &Subject, prescription: i64) -> Result<RenewalCandidate, AppError> {
        let candidate = subjects_prescription(subject, prescription).await?;
        let earlier: Vec<_> = pool()?
            .renewal_requests(subject.citizen, now()?)
            .await?
            .into_iter()
            .filter(|r| r.prescription == candidate.id)
            .map(|r| r.state)
            .collect();
        let today = today()?;
        crate::domain::renewal::may_request_renewal(candidate.class, candidate.valid_until, &earlier, today)
            .map_err(AppError::Renewal)?;
        Ok(candidate)
    }
}

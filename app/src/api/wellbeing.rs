//! Server functions of the wellbeing data (DOMAIN.md §8): the subject's
//! measurements and the consents to share them, and recording or
//! correcting a measurement. The person handles them, and a guardian for
//! a child within §6's limits (what was recorded before the child turned
//! 10; recording only while the child is under 10); an agent never
//! (refused, 403, in the audit log).

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::declarations::Sector;
use crate::domain::wellbeing::{Listed, Measurement, MeasurementKind, Typed};
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WellbeingView {
    /// The child whose data is shown, when a guardian acts for one.
    pub child_name: Option<String>,
    /// Every measurement the asker may see, oldest first (for the charts).
    pub all: Vec<Measurement>,
    /// Each kind's measurements, newest first, with their corrections.
    pub kinds: Vec<(MeasurementKind, Vec<Listed>)>,
    /// The consents to share wellbeing data: since when, per sector.
    pub consents: Vec<(Sector, Option<DateTime<Utc>>)>,
    /// A key for the forms when the asker may record now: None for a
    /// guardian of a child of 10 or more.
    pub form_key: Option<String>,
    /// What a failed form had in it (without JavaScript), to fill it again.
    pub typed: Option<Typed>,
    pub today: NaiveDate,
}

/// The subject's wellbeing data and the consents to share it.
#[server(endpoint = "wellbeing_page")]
pub async fn wellbeing_page() -> Result<WellbeingView, AppError> {
    use crate::domain::acting::OwnMatter;
    use crate::domain::validity::valid_now;
    use crate::domain::wellbeing::listed;
    use crate::server::*;
    let subject = session_subject().await?;
    require_handles(&subject, OwnMatter::WellbeingData).await?;
    log_view(&subject).await?;
    let pool = pool()?;
    let now = now()?;
    let today = crate::domain::time::helsinki_today(now);
    let all = pool.measurements(subject.citizen, subject.visibility).await?;
    let declarations = pool.declarations(subject.citizen).await?;
    let valid = valid_now(&declarations, now);
    let at_of = |id| declarations.iter().find(|d| d.id == id).map(|d| d.at);
    let may_record = subject.visibility.shows(today);
    Ok(WellbeingView {
        child_name: subject.child_name(),
        kinds: MeasurementKind::ALL.iter().map(|k| (*k, listed(&all, *k))).collect(),
        all,
        consents: [Sector::Healthcare, Sector::SocialWelfare]
            .into_iter()
            .map(|s| (s, valid.wellbeing_consents.get(&s).and_then(|id| at_of(*id))))
            .collect(),
        form_key: if may_record { Some(crate::api::data_use::declare::new_form_key(&subject).await?) } else { None },
        typed: wellbeing_typed(),
        today,
    })
}

/// One of the subject's measurements, for the correction form (`NotFound`
/// for what is not theirs or not visible to the asker).
#[server(endpoint = "wellbeing_measurement")]
pub async fn wellbeing_measurement(id: i64) -> Result<(Measurement, Option<Typed>, String), AppError> {
    use crate::domain::acting::OwnMatter;
    use crate::server::*;
    let subject = session_subject().await?;
    require_handles(&subject, OwnMatter::WellbeingData).await?;
    if !subject.visibility.shows(crate::domain::time::helsinki_today(now()?)) {
        let refused = AppError::Wellbeing(crate::domain::wellbeing::WellbeingError::GuardianAgeLimit);
        return Err(refuse_access(&subject, "wellbeing record by a guardian", None, refused).await);
    }
    log_view(&subject).await?;
    let all = pool()?.measurements(subject.citizen, subject.visibility).await?;
    let m = all.into_iter().find(|m| m.id == id).ok_or(AppError::NotFound)?;
    let typed = wellbeing_typed().filter(|t| t.corrects == id.to_string());
    Ok((m, typed, crate::api::data_use::declare::new_form_key(&subject).await?))
}

/// Records a measurement, or a correction of one (`corrects`, its id).
/// Without JavaScript a refused form's values are kept for the page it
/// came back to.
#[server(endpoint = "record_measurement")]
#[allow(clippy::too_many_arguments)]
pub async fn record_measurement(
    #[server(default)] kind: String,
    #[server(default)] date: String,
    #[server(default)] time: String,
    #[server(default)] systolic: String,
    #[server(default)] diastolic: String,
    #[server(default)] pulse: String,
    #[server(default)] value: String,
    #[server(default)] corrects: String,
    form_key: String,
) -> Result<String, AppError> {
    use crate::server::*;
    let typed = Typed { kind, date, time, systolic, diastolic, pulse, value, corrects };
    let result = ssr::record(&typed, &form_key).await;
    if is_plain_form_post() {
        set_wellbeing_typed(result.is_err().then_some(&typed));
    }
    result
}

/// Gives the consent to share wellbeing data with a sector: offered only
/// once a notice is confirmed (a child's, by the guardian, first).
#[server(endpoint = "give_wellbeing_consent")]
pub async fn give_wellbeing_consent(sector: String, form_key: String) -> Result<String, AppError> {
    use crate::api::forms::FormError;
    use crate::domain::declarations::DeclarationEvent;
    use crate::server::*;
    let s = Sector::parse(&sector).ok_or(AppError::BadForm(FormError::Sector))?;
    let subject = session_subject().await?;
    if pool()?.confirmation_instants(subject.citizen).await?.is_empty() {
        return Err(AppError::NoticeNotConfirmed);
    }
    crate::api::data_use::declare::declare(DeclarationEvent::WellbeingConsentGiven(s), &form_key).await
}

/// Withdraws the consent to share wellbeing data with a sector (after the
/// confirmation step, `/data-use/end?what=wellbeing`).
#[server(endpoint = "withdraw_wellbeing_consent")]
pub async fn withdraw_wellbeing_consent(sector: String, form_key: String) -> Result<String, AppError> {
    use crate::api::forms::FormError;
    use crate::domain::declarations::DeclarationEvent;
    let s = Sector::parse(&sector).ok_or(AppError::BadForm(FormError::Sector))?;
    crate::api::data_use::declare::declare(DeclarationEvent::WellbeingConsentWithdrawn(s), &form_key).await
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::domain::acting::OwnMatter;
    use crate::domain::wellbeing::{parse_measured_at, parse_reading, NewMeasurement, WellbeingError};
    use crate::server::*;

    /// Checks who asks, for whom, and the form; then records.
    pub async fn record(typed: &Typed, form_key: &str) -> Result<String, AppError> {
        let subject = session_subject().await?;
        require_handles(&subject, OwnMatter::WellbeingData).await?;
        crate::api::data_use::declare::check_form_key(&subject, form_key).await?;
        let now = now()?;
        if !subject.visibility.shows(crate::domain::time::helsinki_today(now)) {
            let refused = AppError::Wellbeing(WellbeingError::GuardianAgeLimit);
            return Err(refuse_access(&subject, "wellbeing record by a guardian", None, refused).await);
        }
        let reading = parse_reading(typed).map_err(AppError::Wellbeing)?;
        let pool = pool()?;
        let (code, _, _) = pool.citizen_person(subject.citizen).await?.ok_or(AppError::NotFound)?;
        let born = crate::domain::IdentityCode::parse(&code).map_err(|_| AppError::Internal)?.birth_date();
        let date = crate::api::filters::parse_typed_date(typed.date.trim());
        let measured_at = parse_measured_at(date, &typed.time, born, now).map_err(AppError::Wellbeing)?;
        let corrects = match typed.corrects.trim() {
            "" => None,
            id => Some(id.parse::<i64>().map_err(|_| AppError::Wellbeing(WellbeingError::NothingToCorrect))?),
        };
        let recorded_by = (subject.asker != subject.citizen).then_some(subject.asker.0);
        let new = NewMeasurement { reading, measured_at, recorded_by, corrects };
        match pool.record_measurement(subject.citizen, new, subject.visibility, now, form_key).await? {
            Ok(id) => {
                tracing::info!(
                    citizen = subject.citizen.0,
                    by = subject.asker.0,
                    measurement = id,
                    "measurement recorded"
                );
                crate::api::flash::say_next(crate::api::flash::Flash::MeasurementSaved).await;
                Ok(navigate_after_form(&format!("/wellbeing#wb-{}", reading.kind().as_str())))
            }
            Err(e) => Err(AppError::Wellbeing(e)),
        }
    }
}

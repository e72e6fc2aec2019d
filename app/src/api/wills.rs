//! The living will and the organ donation testament (DOMAIN.md §8): the
//! citizen's valid ones and every earlier version, and the forms that save,
//! replace and withdraw them. Each is a declaration event, so the history,
//! the summary and one-time form keys are those of consents and denials.
//! Only the person themself sees or makes them: a guardian or an agent is
//! refused (DOMAIN.md §6).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::validity::LivingWillVersion;
use crate::domain::wills::OrganDonation;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WillsView {
    pub living_will: Option<LivingWillVersion>,
    /// Earlier versions, newest first.
    pub earlier: Vec<LivingWillVersion>,
    pub organ_donation: Option<(DateTime<Utc>, OrganDonation)>,
    pub form_key: String,
}

/// The subject's living will (every version) and organ donation testament.
#[server(endpoint = "wills_page")]
pub async fn wills_page() -> Result<WillsView, AppError> {
    use crate::domain::validity::{living_will_versions, valid_now};
    use crate::server::*;
    // Only the person themself sees them (DOMAIN.md §6): refused, and no view.
    let subject = session_subject().await?;
    require_handles(&subject, crate::domain::acting::OwnMatter::Wills).await?;
    log_view(&subject).await?;
    let declarations = pool()?.declarations(subject.citizen).await?;
    let now = now()?;
    let valid = valid_now(&declarations, now);
    let at_of = |id| declarations.iter().find(|d| d.id == id).map_or(now, |d| d.at);
    let mut earlier = living_will_versions(&declarations);
    let living_will = earlier.pop_if(|v| v.ended_at.is_none());
    earlier.reverse();
    Ok(WillsView {
        living_will,
        earlier,
        organ_donation: valid.organ_donation.map(|(id, o)| (at_of(id), o)),
        form_key: crate::api::data_use::declare::new_form_key(&subject).await?,
    })
}

/// Saves the living will, or a new version of it. At least one section,
/// each within its limit, kept exactly as typed.
#[server(endpoint = "save_living_will")]
pub async fn save_living_will(
    #[server(default)] care: String,
    #[server(default)] end_of_life: String,
    #[server(default)] person_to_hear: String,
    form_key: String,
) -> Result<String, AppError> {
    use crate::domain::declarations::DeclarationEvent;
    let will =
        crate::domain::wills::LivingWill::parse(&care, &end_of_life, &person_to_hear).map_err(AppError::BadWillForm)?;
    crate::api::data_use::declare::declare_then(DeclarationEvent::LivingWillSaved(will), &form_key, "/wills").await
}

#[server(endpoint = "withdraw_living_will")]
pub async fn withdraw_living_will(form_key: String) -> Result<String, AppError> {
    use crate::domain::declarations::DeclarationEvent;
    crate::api::data_use::declare::declare_then(DeclarationEvent::LivingWillWithdrawn, &form_key, "/wills").await
}

/// Saves the organ donation testament: `yes` or `no`, a restriction only
/// with a yes.
#[server(endpoint = "declare_organ_donation")]
pub async fn declare_organ_donation(
    #[server(default)] donate: String,
    #[server(default)] restriction: String,
    form_key: String,
) -> Result<String, AppError> {
    use crate::domain::declarations::DeclarationEvent;
    let donation = OrganDonation::parse(&donate, &restriction).map_err(AppError::BadWillForm)?;
    let event = DeclarationEvent::OrganDonationDeclared(donation);
    crate::api::data_use::declare::declare_then(event, &form_key, "/wills").await
}

#[server(endpoint = "withdraw_organ_donation")]
pub async fn withdraw_organ_donation(form_key: String) -> Result<String, AppError> {
    use crate::domain::declarations::DeclarationEvent;
    crate::api::data_use::declare::declare_then(DeclarationEvent::OrganDonationWithdrawn, &form_key, "/wills").await
}

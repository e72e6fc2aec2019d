//! The living will and the organ donation testament (issue 12, DOMAIN.md
//! §8): the subject's valid ones and every earlier version, and the forms
//! that save, replace and withdraw them. Each is a declaration event, so
//! the history, the summary, one-time form keys and the rules of who may
//! declare are those of consents and denials; a guardian cannot make a
//! child's living will, an e-authorisation makes nothing.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::wills::{LivingWill, OrganDonation};
use crate::error::AppError;

/// One version of the living will, with when it was saved and, for an
/// earlier one, when it was replaced or withdrawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LivingWillVersion {
    pub saved_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub will: LivingWill,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WillsView {
    /// The principal's name when the asker acts by an e-authorisation.
    pub view_only_for: Option<String>,
    /// A guardian acting for a child: no living will form.
    pub for_child: bool,
    pub living_will: Option<LivingWillVersion>,
    /// Earlier versions, newest first.
    pub earlier: Vec<LivingWillVersion>,
    pub organ_donation: Option<(DateTime<Utc>, OrganDonation)>,
    /// None when the asker may not declare for the subject: no forms.
    pub form_key: Option<String>,
}

/// The subject's living will (every version) and organ donation testament.
#[server(endpoint = "wills_page")]
pub async fn wills_page() -> Result<WillsView, AppError> {
    use crate::domain::declarations::DeclarationEvent;
    use crate::server::*;
    let subject = require_subject().await?;
    let declarations = pool()?.declarations(subject.citizen).await?;
    let mut versions: Vec<LivingWillVersion> = Vec::new();
    let mut organ_donation = None;
    for d in &declarations {
        match &d.event {
            DeclarationEvent::LivingWillSaved(_) | DeclarationEvent::LivingWillWithdrawn => {
                // A new version or a withdrawal ends the version in force.
                if let Some(in_force) = versions.last_mut().filter(|v| v.ended_at.is_none()) {
                    in_force.ended_at = Some(d.at);
                }
                if let DeclarationEvent::LivingWillSaved(will) = &d.event {
                    versions.push(LivingWillVersion { saved_at: d.at, ended_at: None, will: will.clone() });
                }
            }
            DeclarationEvent::OrganDonationDeclared(o) => organ_donation = Some((d.at, o.clone())),
            DeclarationEvent::OrganDonationWithdrawn => organ_donation = None,
            _ => {}
        }
    }
    let living_will = versions.last().filter(|v| v.ended_at.is_none()).cloned();
    if living_will.is_some() {
        versions.pop();
    }
    versions.reverse();
    let form_key =
        if subject.may_declare() { Some(crate::api::data_use::declare::new_form_key(&subject).await?) } else { None };
    Ok(WillsView {
        view_only_for: subject.acting.as_ref().filter(|_| !subject.may_declare()).map(|a| a.name.clone()),
        for_child: subject.child_name().is_some(),
        living_will,
        earlier: versions,
        organ_donation,
        form_key,
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
    let will = LivingWill::parse(&care, &end_of_life, &person_to_hear).map_err(AppError::BadWillForm)?;
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

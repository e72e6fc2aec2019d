//! Server functions of Management of Data Use. Every one acts on
//! the session's subject only (the citizen, or a child they act for); the
//! actor of a declaration is derived from the session, never taken from a
//! form, so it cannot be forged.

#[cfg(feature = "ssr")]
pub(crate) mod declare;
mod denials;
mod ending;
mod history;
#[cfg(feature = "ssr")]
pub(crate) mod names;
mod preview;

pub use denials::*;
pub use ending::*;
pub use history::*;
pub use preview::*;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::records::Choice;
use crate::domain::declarations::{CrossSector, Sector};
use crate::domain::{NoticeConfirmation, NoticeVersion};
use crate::error::AppError;
use crate::i18n::Locale;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsentView {
    pub sector: Sector,
    pub given_at: Option<DateTime<Utc>>,
    /// Given before 1 January 2024 and not updated: covers sharing through
    /// the Kanta Services only, and may be updated.
    pub to_update: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrossConsentView {
    pub direction: CrossSector,
    pub given_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DenialView {
    pub id: i64,
    pub description: String,
    /// Whether the asker may cancel it: only the person themself.
    pub cancellable: bool,
    pub allow_in_emergency: bool,
    pub set_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataUseView {
    /// The child whose data is managed, when a guardian acts for one.
    pub child_name: Option<String>,
    /// The principal's name when the asker acts by an e-authorisation: they
    /// may see the declarations, never make or cancel one.
    pub view_only_for: Option<String>,
    pub current_version: NoticeVersion,
    pub versions: Vec<NoticeVersion>,
    pub confirmations: Vec<NoticeConfirmation>,
    pub consents: Vec<ConsentView>,
    pub cross_open: bool,
    pub cross_opens_on: NaiveDate,
    /// The instant the consents and denials were decided valid (the printed summary's date).
    pub as_of: DateTime<Utc>,
    pub cross: Vec<CrossConsentView>,
    pub denials: Vec<DenialView>,
    pub event_choices: Vec<Choice>,
    /// The registers holding the subject's data that may be denied as a
    /// whole (a private provider's ordinary register is not one of them).
    pub register_choices: Vec<Choice>,
    pub prescription_choices: Vec<Choice>,
    /// Since when healthcare may see denied prescriptions in an emergency.
    pub prescription_emergency: Option<DateTime<Utc>>,
    pub has_uusimaa_data: bool,
    /// A one-time key for the forms of this page: a double submit records
    /// once. None when the asker may not declare for the subject: no forms.
    pub form_key: Option<String>,
    /// Since when the valid living will is in force.
    pub living_will_saved: Option<DateTime<Utc>>,
    /// The valid organ donation testament: since when, and yes or no.
    pub organ_donation: Option<(DateTime<Utc>, bool)>,
    /// The valid consent to disclose prescriptions abroad: since when,
    /// and where it reaches in words.
    pub abroad_consent: Option<(DateTime<Utc>, String)>,
    /// The valid consent to disclose the patient summary abroad: since
    /// when, and the countries in words.
    pub summary_abroad_consent: Option<(DateTime<Utc>, String)>,
    /// The consents to share wellbeing data, per sector (`to_update` is
    /// always false); None for an agent, who never handles wellbeing data.
    pub wellbeing_consents: Option<Vec<ConsentView>>,
}

/// What the server functions of this page share (server only).
#[cfg(feature = "ssr")]
mod ssr {
    pub use super::declare::{check_form_key, declare, declaring_subject, new_form_key, page_form_key};
    pub use super::names::Names;
}

/// Everything of the Management of Data Use page, for the session's subject.
#[server(endpoint = "data_use_page")]
pub async fn data_use_page(locale: Locale) -> Result<DataUseView, AppError> {
    use crate::domain::acting::OwnMatter;
    use crate::domain::declarations::DenialScope;
    use crate::domain::validity::valid_now;
    use crate::server::*;
    let subject = require_subject().await?;
    let pool = pool()?;
    let opens = config()?.cross_sector_opens;
    let now = now()?;
    let names = ssr::Names::load(&pool, subject.citizen, locale, subject.visibility).await?;
    let declarations = pool.declarations(subject.citizen).await?;
    let valid = valid_now(&declarations, now);
    let at_of = |id: crate::domain::declarations::DeclarationId| declarations.iter().find(|d| d.id == id).map(|d| d.at);
    let published = pool.published_notice_versions().await?;
    let mut versions: Vec<NoticeVersion> = published.iter().map(|(v, _)| v.clone()).collect();
    versions.sort();
    let current_version = pool.current_notice_version(crate::domain::time::helsinki_today(now)).await?;
    let confirmations = pool.notice_confirmations(subject.citizen, locale).await?;

    let events = names.visible_events(subject.visibility);
    let prescriptions = names.visible_prescriptions(subject.visibility);
    // What the asker handles of the subject's own matters (DOMAIN.md §6):
    // a guardian neither sets denials nor sees the wills or the abroad consent.
    let denials_handled = subject.handles(OwnMatter::Denials);
    let wills_shown = subject.handles(OwnMatter::Wills);
    let abroad_shown = subject.child_name().is_none();
    let denied = |scope: &DenialScope| valid.denials.iter().any(|d| d.scope == *scope);
    let (denial_events, denial_prescriptions) =
        if denials_handled { (events.as_slice(), prescriptions.as_slice()) } else { (&[][..], &[][..]) };
    let provider_kinds: std::collections::HashMap<_, _> =
        pool.providers(locale).await?.into_iter().map(|p| (p.id, p.kind)).collect();
    let registers = crate::api::records::choices(
        denial_events
            .iter()
            .filter(|e| {
                provider_kinds
                    .get(&e.register.provider)
                    .is_some_and(|kind| crate::domain::data_use::register_may_be_denied(*kind, e.register.kind))
            })
            .map(|e| DenialScope::Register(e.register.provider.clone(), e.register.kind))
            .filter(|scope| !denied(scope))
            .map(|scope| (crate::api::forms::denial_form_values(&scope).1, names.scope(&scope))),
    );

    Ok(DataUseView {
        as_of: now,
        child_name: subject.child_name(),
        view_only_for: subject.view_only_for(),
        current_version,
        versions,
        confirmations,
        consents: [Sector::Healthcare, Sector::SocialWelfare]
            .into_iter()
            .map(|s| ConsentView {
                sector: s,
                given_at: valid.consents.get(&s).and_then(|id| at_of(*id)),
                to_update: valid.consents_to_update.contains(&s),
            })
            .collect(),
        cross_open: now >= opens,
        cross_opens_on: crate::domain::time::helsinki_today(opens),
        cross: [CrossSector::HealthcareToSocialWelfare, CrossSector::SocialWelfareToHealthcare]
            .into_iter()
            .map(|c| CrossConsentView {
                direction: c,
                given_at: valid.cross_sector_consents.get(&c).and_then(|id| at_of(*id)),
            })
            .collect(),
        denials: valid
            .denials
            .iter()
            .map(|d| DenialView {
                id: d.id.0,
                description: names.scope(&d.scope),
                cancellable: denials_handled && names.within_reach(&d.scope, subject.visibility),
                allow_in_emergency: d.allow_in_emergency,
                set_at: at_of(d.id).unwrap_or(now),
            })
            .collect(),
        has_uusimaa_data: events.iter().any(|e| e.register.uusimaa_party),
        // What a valid denial covers already is not offered for another one.
        event_choices: denial_events
            .iter()
            .filter(|e| !denied(&DenialScope::ServiceEvent(e.id)))
            .map(|e| Choice { value: e.id.0.to_string(), label: names.event_label(e) })
            .collect(),
        prescription_choices: denial_prescriptions
            .iter()
            .filter(|p| !denied(&DenialScope::Prescription(p.id)))
            .map(|p| Choice { value: p.id.0.to_string(), label: names.prescription_label(p) })
            .collect(),
        register_choices: registers,
        prescription_emergency: valid.prescription_emergency.and_then(at_of),
        living_will_saved: valid.living_will.as_ref().filter(|_| wills_shown).and_then(|(id, _)| at_of(*id)),
        organ_donation: (valid.organ_donation.as_ref().filter(|_| wills_shown))
            .and_then(|(id, o)| at_of(*id).map(|at| (at, o.donate))),
        abroad_consent: (valid.abroad_consent.as_ref().filter(|_| abroad_shown))
            .and_then(|(id, c)| at_of(*id).map(|at| (at, names.countries(c)))),
        summary_abroad_consent: (valid.summary_abroad_consent.filter(|_| abroad_shown))
            .and_then(|id| at_of(id).map(|at| (at, names.summary_countries()))),
        wellbeing_consents: subject.handles(OwnMatter::WellbeingData).then(|| {
            [Sector::Healthcare, Sector::SocialWelfare]
                .into_iter()
                .map(|s| ConsentView {
                    sector: s,
                    given_at: valid.wellbeing_consents.get(&s).and_then(|id| at_of(*id)),
                    to_update: false,
                })
                .collect()
        }),
        form_key: ssr::page_form_key(&subject).await?,
    })
}

#[server(endpoint = "give_consent")]
pub async fn give_consent(sector: String, form_key: String) -> Result<String, AppError> {
    use crate::api::forms::FormError;
    use crate::domain::declarations::DeclarationEvent;
    use crate::domain::declarations::Sector;
    let s = Sector::parse(&sector).ok_or(AppError::BadForm(FormError::Sector))?;
    ssr::declare(DeclarationEvent::ConsentGiven(s), &form_key).await
}

#[server(endpoint = "withdraw_consent")]
pub async fn withdraw_consent(sector: String, form_key: String) -> Result<String, AppError> {
    use crate::api::forms::FormError;
    use crate::domain::declarations::DeclarationEvent;
    use crate::domain::declarations::Sector;
    let s = Sector::parse(&sector).ok_or(AppError::BadForm(FormError::Sector))?;
    ssr::declare(DeclarationEvent::ConsentWithdrawn(s), &form_key).await
}

/// Updates a consent given before 2024 to cover sharing by other means too.
#[server(endpoint = "update_consent")]
pub async fn update_consent(sector: String, form_key: String) -> Result<String, AppError> {
    use crate::api::forms::FormError;
    use crate::domain::declarations::DeclarationEvent;
    use crate::domain::declarations::Sector;
    let s = Sector::parse(&sector).ok_or(AppError::BadForm(FormError::Sector))?;
    ssr::declare(DeclarationEvent::ConsentUpdated(s), &form_key).await
}

/// Lets healthcare see the denied prescriptions in an emergency (one choice
/// for all of them).
#[server(endpoint = "allow_prescription_emergency")]
pub async fn allow_prescription_emergency(form_key: String) -> Result<String, AppError> {
    ssr::declare(crate::domain::declarations::DeclarationEvent::PrescriptionEmergencyAllowed, &form_key).await
}

#[server(endpoint = "withdraw_prescription_emergency")]
pub async fn withdraw_prescription_emergency(form_key: String) -> Result<String, AppError> {
    ssr::declare(crate::domain::declarations::DeclarationEvent::PrescriptionEmergencyWithdrawn, &form_key).await
}

#[server(endpoint = "give_cross_consent")]
pub async fn give_cross_consent(direction: String, form_key: String) -> Result<String, AppError> {
    use crate::api::forms::FormError;
    use crate::domain::declarations::CrossSector;
    use crate::domain::declarations::DeclarationEvent;
    let c = CrossSector::parse(&direction).ok_or(AppError::BadForm(FormError::Sector))?;
    ssr::declare(DeclarationEvent::CrossSectorConsentGiven(c), &form_key).await
}

#[server(endpoint = "withdraw_cross_consent")]
pub async fn withdraw_cross_consent(direction: String, form_key: String) -> Result<String, AppError> {
    use crate::api::forms::FormError;
    use crate::domain::declarations::CrossSector;
    use crate::domain::declarations::DeclarationEvent;
    let c = CrossSector::parse(&direction).ok_or(AppError::BadForm(FormError::Sector))?;
    ssr::declare(DeclarationEvent::CrossSectorConsentWithdrawn(c), &form_key).await
}
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticeVersionView {
    pub version: NoticeVersion,
    pub published_on: NaiveDate,
    pub title: String,
    pub body: String,
}

/// Any published version of the notice, to read again.
#[server(endpoint = "notice_version_text")]
pub async fn notice_version_text(version: String, locale: Locale) -> Result<NoticeVersionView, AppError> {
    use crate::server::*;
    require_citizen().await?;
    let version = NoticeVersion::parse(&version).map_err(|_| AppError::UnknownNoticeVersion)?;
    let pool = pool()?;
    let text = pool.notice_text(&version, locale).await?.ok_or(AppError::UnknownNoticeVersion)?;
    Ok(NoticeVersionView { version, published_on: text.published_on, title: text.title, body: text.body })
}

/// A guardian acting for a child confirms, online, that the child's
/// guardian has received the current notice (DOMAIN.md §6). Only while
/// acting for a child; the citizen's own confirmation is on the notice page.
/// The form's key binds it to the child it was loaded for: posted after
/// switching to another child, it confirms nothing (409).
#[server(endpoint = "confirm_child_notice")]
pub async fn confirm_child_notice(version: String, form_key: String) -> Result<String, AppError> {
    use crate::server::*;
    let subject = ssr::declaring_subject().await?;
    if subject.child_name().is_none() {
        return Err(AppError::Forbidden);
    }
    ssr::check_form_key(&subject, &form_key).await?;
    let version = NoticeVersion::parse(&version).map_err(|_| AppError::UnknownNoticeVersion)?;
    let pool = pool()?;
    let now = now()?;
    let current = pool.current_notice_version(crate::domain::time::helsinki_today(now)).await?;
    if version != current {
        return Err(AppError::NoticeVersionOutdated);
    }
    pool.confirm_notice_online(subject.citizen, &version, now, Some(subject.asker)).await?;
    tracing::info!(child = subject.citizen.0, guardian = subject.asker.0, %version, "notice confirmed by a guardian");
    crate::api::flash::say_next(crate::api::flash::Flash::NoticeConfirmed).await;
    Ok(navigate_after_form("/data-use"))
}

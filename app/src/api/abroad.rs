//! The consent to disclose prescriptions to pharmacies abroad (DOMAIN.md
//! §8): where it reaches, what each valid prescription amounts
//! to abroad (decided by `domain::decision`, as the preview decides it),
//! and the forms that give, change and withdraw it; beside it, the consent
//! to disclose the patient summary to healthcare abroad.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::records::Choice;
use crate::error::AppError;
use crate::i18n::Locale;

/// What a valid prescription amounts to abroad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AbroadStatus {
    /// A pharmacy in some consented country sees it.
    Disclosed,
    /// No consent covers any country.
    NoConsent,
    /// The citizen denied this prescription.
    Denied,
    /// A narcotic: never disclosed abroad.
    NeverNarcotic,
    /// A central nervous system medicine: never disclosed abroad.
    NeverCentralNervousSystem,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AbroadPrescription {
    pub medicine: String,
    pub status: AbroadStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AbroadView {
    pub view_only_for: Option<String>,
    /// When the valid consent was given, and where it reaches in words.
    pub consent: Option<(DateTime<Utc>, String)>,
    pub all_countries: bool,
    /// Every participating country; `selected` are the consent's chosen ones.
    pub countries: Vec<Choice>,
    pub selected: Vec<String>,
    /// The subject's valid prescriptions, newest first.
    pub prescriptions: Vec<AbroadPrescription>,
    /// Since when the patient summary may be disclosed abroad, if it may.
    pub summary_consent: Option<DateTime<Utc>>,
    /// The countries whose healthcare receives patient summaries, in words.
    pub summary_countries: String,
    pub form_key: Option<String>,
}

#[server(endpoint = "abroad_page")]
pub async fn abroad_page(locale: Locale) -> Result<AbroadView, AppError> {
    use crate::domain::decision::{decide, Decision, Reason, Situation, Viewer, ViewerRole};
    use crate::domain::renewal::MedicineClass;
    use crate::domain::validity::valid_now;
    use crate::domain::wills::AbroadCountries;
    use crate::server::*;
    // A minor's prescriptions are never disclosed abroad, and nobody gives
    // the consent for a child (DOMAIN.md §6): a guardian is refused; an
    // agent sees it as it stands.
    let subject = session_subject().await?;
    if subject.child_name().is_some() {
        require_handles(&subject, crate::domain::acting::OwnMatter::AbroadConsent).await?;
    }
    log_view(&subject).await?;
    let pool = pool()?;
    let names = crate::api::data_use::names::Names::load(&pool, subject.citizen, locale, subject.visibility).await?;
    let declarations = pool.declarations(subject.citizen).await?;
    let now = now()?;
    let opens = config()?.cross_sector_opens;
    let valid = valid_now(&declarations, now);
    let today = crate::domain::time::helsinki_today(now);
    let consent = valid.abroad_consent.as_ref();
    let prescriptions = names
        .visible_prescriptions(subject.visibility)
        .into_iter()
        .filter(|p| p.valid_until >= today)
        .map(|p| {
            // Seen by a pharmacy in any participating country?
            let decisions = names.countries.iter().map(|(country, _)| {
                let viewer = Viewer {
                    provider: None,
                    role: ViewerRole::PharmacyAbroad(*country),
                    uusimaa_party: false,
                    situation: Situation::Treatment,
                };
                decide(&p.item(None), &viewer, &valid, now, opens)
            });
            let decisions: Vec<Decision> = decisions.collect();
            let status = if decisions.iter().any(|d| d.is_visible()) {
                AbroadStatus::Disclosed
            } else {
                match decisions.first().map(|d| d.reason()) {
                    Some(Reason::NeverAbroad) if p.class == MedicineClass::Narcotic => AbroadStatus::NeverNarcotic,
                    Some(Reason::NeverAbroad) => AbroadStatus::NeverCentralNervousSystem,
                    Some(Reason::PrescriptionDenied(_)) => AbroadStatus::Denied,
                    _ => AbroadStatus::NoConsent,
                }
            };
            AbroadPrescription { medicine: format!("{} {}", p.medicine, p.strength), status }
        })
        .collect();
    let selected = match consent {
        Some((_, AbroadCountries::Chosen(set))) => set.iter().map(|c| c.as_str().to_string()).collect(),
        _ => Vec::new(),
    };
    let given_at = |id| declarations.iter().find(|d| d.id == id).map(|d| d.at).unwrap_or(now);
    Ok(AbroadView {
        view_only_for: subject.view_only_for(),
        consent: consent.map(|(id, c)| (given_at(*id), names.countries(c))),
        all_countries: matches!(consent, Some((_, AbroadCountries::All))),
        countries: names
            .countries
            .iter()
            .map(|(code, name)| Choice { value: code.as_str().to_string(), label: name.clone() })
            .collect(),
        selected,
        prescriptions,
        summary_consent: valid.summary_abroad_consent.map(given_at),
        summary_countries: names.summary_countries(),
        form_key: crate::api::data_use::declare::page_form_key(&subject).await?,
    })
}

/// Gives the consent, or replaces it (e.g. extends it to another country):
/// every participating country (`all`), or the chosen `countries`.
#[server(endpoint = "give_abroad_consent")]
pub async fn give_abroad_consent(
    #[server(default)] all: Option<String>,
    #[server(default)] countries: Vec<String>,
    form_key: String,
) -> Result<String, AppError> {
    use crate::domain::declarations::DeclarationEvent;
    use crate::domain::wills::AbroadCountries;
    use crate::server::*;
    let taking_part: Vec<_> = pool()?.abroad_countries(Locale::En).await?.into_iter().map(|(c, _)| c).collect();
    let all = all.is_some_and(|v| !v.is_empty());
    let reach = AbroadCountries::parse(all, &countries, &taking_part).map_err(AppError::BadWillForm)?;
    let event = DeclarationEvent::AbroadConsentGiven(reach);
    crate::api::data_use::declare::declare_then(event, &form_key, "/prescriptions/abroad").await
}

#[server(endpoint = "withdraw_abroad_consent")]
pub async fn withdraw_abroad_consent(form_key: String) -> Result<String, AppError> {
    use crate::domain::declarations::DeclarationEvent;
    let event = DeclarationEvent::AbroadConsentWithdrawn;
    crate::api::data_use::declare::declare_then(event, &form_key, "/prescriptions/abroad").await
}

/// Gives the consent to disclose the patient summary to healthcare abroad
/// (every country that receives summaries).
#[server(endpoint = "give_summary_abroad_consent")]
pub async fn give_summary_abroad_consent(form_key: String) -> Result<String, AppError> {
    use crate::domain::declarations::DeclarationEvent;
    let event = DeclarationEvent::SummaryAbroadConsentGiven;
    crate::api::data_use::declare::declare_then(event, &form_key, "/prescriptions/abroad").await
}

#[server(endpoint = "withdraw_summary_abroad_consent")]
pub async fn withdraw_summary_abroad_consent(form_key: String) -> Result<String, AppError> {
    use crate::domain::declarations::DeclarationEvent;
    let event = DeclarationEvent::SummaryAbroadConsentWithdrawn;
    crate::api::data_use::declare::declare_then(event, &form_key, "/prescriptions/abroad").await
}

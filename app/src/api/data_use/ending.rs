//! The confirmation step before a declaration ends: a denial cancelled, a
//! consent withdrawn. What ends and what follows, in plain words; nothing is
//! written until the citizen confirms (with the ordinary server function).

#[cfg(feature = "ssr")]
use super::ssr;
use super::*;

/// What the step is for: the kind (`denial`, `consent`, `cross`) and the
/// value the confirming form sends (the denial's id, the sector's or the
/// direction's code).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndingView {
    pub what: String,
    pub target: String,
    /// The declaration that ends, in words: a denial's description, or the
    /// whole sentence for a consent (each sector's own phrase).
    pub description: String,
    /// Plain sentences: what changes, and what does not.
    pub consequences: Vec<String>,
    pub form_key: String,
}

/// The confirmation step of cancelling a valid denial (`what=denial`,
/// `target` its id) or withdrawing a valid consent (`consent`, a sector;
/// `cross`, a direction; `wellbeing`, a sector). Refused as the forms themselves would be: by an
/// agent, by a guardian for a child's denial, for what is not valid.
#[server(endpoint = "ending_step")]
pub async fn ending_step(
    what: String,
    #[server(default)] target: String,
    locale: Locale,
) -> Result<EndingView, AppError> {
    use crate::api::forms::FormError;
    use crate::domain::acting::OwnMatter;
    use crate::domain::declarations::DeclarationId;
    use crate::domain::validity::{valid_now, DeclarationError};
    use crate::server::*;
    let subject = ssr::declaring_subject().await?;
    let pool = pool()?;
    let t = locale.texts();
    let declarations = pool.declarations(subject.citizen).await?;
    let valid = valid_now(&declarations, now()?);
    let (description, consequences) = match what.as_str() {
        "denial" => {
            require_handles(&subject, OwnMatter::Denials).await?;
            let id = target.parse::<i64>().map_err(|_| AppError::NotFound)?;
            let denial = valid.denials.iter().find(|d| d.id == DeclarationId(id));
            let names = ssr::Names::load(&pool, subject.citizen, locale, subject.visibility).await?;
            let denial = denial
                .filter(|d| names.within_reach(&d.scope, subject.visibility))
                .ok_or(AppError::Declaration(DeclarationError::NoDenialToCancel))?;
            let description = names.scope(&denial.scope);
            (description, vec![t.ending_denial_after.to_string()])
        }
        "consent" => {
            let sector = Sector::parse(&target).ok_or(AppError::BadForm(FormError::Sector))?;
            if !valid.consents.contains_key(&sector) {
                return Err(AppError::Declaration(DeclarationError::NoConsentToWithdraw));
            }
            let (what_ends, no_longer) = match sector {
                Sector::Healthcare => (t.ending_what_healthcare, t.ending_consent_after_healthcare),
                Sector::SocialWelfare => (t.ending_what_social, t.ending_consent_after_social),
            };
            let mut after = vec![no_longer.to_string(), t.ending_consent_same_register.to_string()];
            if sector == Sector::Healthcare {
                after.push(t.ending_consent_emergency.to_string());
                after.push(t.ending_consent_uusimaa.to_string());
            }
            after.push(t.ending_consent_prescriptions.to_string());
            (what_ends.to_string(), after)
        }
        "cross" => {
            let direction = CrossSector::parse(&target).ok_or(AppError::BadForm(FormError::Sector))?;
            if !valid.cross_sector_consents.contains_key(&direction) {
                return Err(AppError::Declaration(DeclarationError::NoConsentToWithdraw));
            }
            let what_ends = match direction {
                CrossSector::HealthcareToSocialWelfare => t.ending_what_health_to_social,
                CrossSector::SocialWelfareToHealthcare => t.ending_what_social_to_health,
            };
            (what_ends.to_string(), vec![t.ending_cross_after.to_string()])
        }
        "wellbeing" => {
            require_handles(&subject, OwnMatter::WellbeingData).await?;
            let sector = Sector::parse(&target).ok_or(AppError::BadForm(FormError::Sector))?;
            if !valid.wellbeing_consents.contains_key(&sector) {
                return Err(AppError::Declaration(DeclarationError::NoConsentToWithdraw));
            }
            let after = vec![t.wellbeing.ending_after.to_string(), t.wellbeing.ending_kept.to_string()];
            ((t.wellbeing.ending_what)(sector).to_string(), after)
        }
        _ => return Err(AppError::NotFound),
    };
    // It names the subject's data: a view like any page's.
    log_view(&subject).await?;
    Ok(EndingView { what, target, description, consequences, form_key: ssr::new_form_key(&subject).await? })
}

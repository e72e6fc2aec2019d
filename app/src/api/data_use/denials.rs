//! A new denial's confirmation step, setting it, and cancelling one.

#[cfg(feature = "ssr")]
use super::ssr;
use super::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsequenceView {
    pub kind: String,
    pub target: String,
    pub allow_in_emergency: bool,
    pub description: String,
    /// Plain sentences: who will no longer see what, and what continues.
    pub consequences: Vec<String>,
    pub form_key: String,
}

/// The confirmation step of a new denial: what it covers and what follows,
/// in plain words. Nothing is written.
#[server(endpoint = "denial_consequence")]
pub async fn denial_consequence(
    kind: String,
    #[server(default)] target: String,
    #[server(default)] emergency: Option<String>,
    locale: Locale,
) -> Result<ConsequenceView, AppError> {
    use crate::api::forms::{denial_form_values, parse_denial};
    use crate::server::*;
    let scope = parse_denial(&kind, &target).map_err(AppError::BadForm)?;
    let subject = ssr::declaring_subject().await?;
    require_handles(&subject, crate::domain::acting::OwnMatter::Denials).await?;
    // It names the subject's data: a view like any page's.
    log_view(&subject).await?;
    let pool = pool()?;
    let names = ssr::Names::load(&pool, subject.citizen, locale, subject.visibility).await?;
    names.refuse_unless_within_reach(&subject, &scope).await?;
    let allow = names.allows_emergency(&scope, emergency.as_deref());
    let (kind, target) = denial_form_values(&scope);
    Ok(ConsequenceView {
        kind: kind.to_string(),
        target,
        allow_in_emergency: allow,
        description: names.scope(&scope),
        consequences: names.consequences(&scope, allow),
        form_key: ssr::new_form_key(&subject).await?,
    })
}

#[server(endpoint = "set_denial")]
pub async fn set_denial(
    kind: String,
    #[server(default)] target: String,
    #[server(default)] emergency: Option<String>,
    form_key: String,
) -> Result<String, AppError> {
    use crate::api::forms::parse_denial;
    use crate::domain::declarations::DeclarationEvent;
    use crate::server::*;
    let scope = parse_denial(&kind, &target).map_err(AppError::BadForm)?;
    // Only the person themself sets a denial (DOMAIN.md §6), of their own
    // data; the domain checks again in the transaction.
    let subject = ssr::declaring_subject().await?;
    require_handles(&subject, crate::domain::acting::OwnMatter::Denials).await?;
    let names = ssr::Names::load(&pool()?, subject.citizen, Locale::default(), subject.visibility).await?;
    names.refuse_unless_within_reach(&subject, &scope).await?;
    let allow_in_emergency = names.allows_emergency(&scope, emergency.as_deref());
    ssr::declare(DeclarationEvent::DenialSet { scope, allow_in_emergency }, &form_key).await
}

#[server(endpoint = "cancel_denial")]
pub async fn cancel_denial(denial: i64, form_key: String) -> Result<String, AppError> {
    use crate::domain::declarations::{DeclarationEvent, DeclarationId};
    use crate::server::*;
    // Only the person themself cancels a denial (DOMAIN.md §6).
    let subject = ssr::declaring_subject().await?;
    require_handles(&subject, crate::domain::acting::OwnMatter::Denials).await?;
    ssr::declare(DeclarationEvent::DenialCancelled { denial: DeclarationId(denial) }, &form_key).await
}

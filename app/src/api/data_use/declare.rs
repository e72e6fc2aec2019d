//! One-time form keys and recording a declaration (server only).

use crate::domain::declarations::{Actor, DeclarationEvent};
use crate::error::AppError;
use crate::server::*;

/// The id of this request's session, which form keys are bound to.
async fn session_id() -> Result<String, AppError> {
    session().await?.id().ok_or(AppError::NotAuthenticated)
}

/// A fresh page key for the forms of a page about `subject`, bound to
/// this session (see `server::form_key`).
pub async fn new_form_key(subject: &Subject) -> Result<String, AppError> {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let secret = config()?.form_key_secret;
    Ok(form_key::issue(secret.bytes(), &session_id().await?, subject.citizen.0, OsRng.next_u64()))
}

/// A page's form key when the asker may declare for the subject; none (so
/// the page draws no form) when they may not.
pub async fn page_form_key(subject: &Subject) -> Result<Option<String>, AppError> {
    if subject.may_declare() {
        Ok(Some(new_form_key(subject).await?))
    } else {
        Ok(None)
    }
}

/// Checks a submitted form key: well formed (else 400), issued in this
/// session for this subject. A key issued in this session for someone
/// else the asker may act for (a child, an adult who authorised them)
/// means the subject changed since the page was loaded (409, nothing
/// written); any other key is stale or forged.
pub async fn check_form_key(subject: &Subject, key: &str) -> Result<(), AppError> {
    if !form_key::well_formed(key) {
        return Err(AppError::BadRequest);
    }
    let secret = config()?.form_key_secret;
    let session = session_id().await?;
    if form_key::verify(secret.bytes(), &session, subject.citizen.0, key) {
        return Ok(());
    }
    let pool = pool()?;
    let relations = pool.relations_of(subject.asker).await?;
    let others = std::iter::once(subject.asker).chain(relations.into_iter().map(|r| r.person.id));
    let mut others = others.filter(|c| *c != subject.citizen);
    if others.any(|c| form_key::verify(secret.bytes(), &session, c.0, key)) {
        tracing::info!(citizen = subject.citizen.0, "a form for another subject was refused");
        Err(AppError::SubjectChanged)
    } else {
        tracing::info!(citizen = subject.citizen.0, "a form key not issued in this session was refused");
        Err(AppError::FormExpired)
    }
}

/// The session's subject, for a declaration or its confirmation step:
/// refused (403, in the audit log) when the asker acts by an
/// e-authorisation, which never allows declarations (DOMAIN.md §6, §8).
pub async fn declaring_subject() -> Result<Subject, AppError> {
    let subject = session_subject().await?;
    if !subject.may_declare() {
        let refused = AppError::AgentMayNotDeclare;
        return Err(refuse_access(&subject, "declaration by an authorised agent", None, refused).await);
    }
    Ok(subject)
}

/// Records one declaration for the session's subject, by the session's
/// person (the citizen, or the guardian acting for a child); then
/// Management of Data Use.
pub async fn declare(event: DeclarationEvent, form_key: &str) -> Result<String, AppError> {
    declare_then(event, form_key, "/data-use").await
}

/// Records one declaration (as [`declare`]); then the page `after`, at the
/// section that shows what changed (with its status message there).
pub async fn declare_then(event: DeclarationEvent, form_key: &str, after: &str) -> Result<String, AppError> {
    let subject = declaring_subject().await?;
    if let Some(matter) = event.own_matter() {
        require_handles(&subject, matter).await?;
    }
    check_form_key(&subject, form_key).await?;
    let actor = if subject.asker == subject.citizen { Actor::Citizen } else { Actor::Guardian(subject.asker.0) };
    let pool = pool()?;
    if let DeclarationEvent::DenialCancelled { denial } = &event {
        // Someone else's declaration: refused as not theirs (403), before
        // the domain's "no such valid denial" (409) for their own.
        if pool.declaration_owner(*denial).await? != Some(subject.citizen) {
            let refused = AppError::Declaration(crate::domain::validity::DeclarationError::NotTheCitizensData);
            return Err(refuse_access(&subject, "declaration", Some(denial.0), refused).await);
        }
    }
    let opens = config()?.cross_sector_opens;
    match pool.record_declaration(subject.citizen, &actor, &event, now()?, opens, Some(form_key)).await {
        Ok(Ok(id)) => {
            tracing::info!(
                citizen = subject.citizen.0,
                by = subject.asker.0,
                declaration = id.0,
                "declaration recorded"
            );
            crate::api::flash::say_next(crate::api::flash::Flash::Declared(id.0)).await;
            Ok(navigate_after_form(&crate::api::flash::after_declaring(after, &event)))
        }
        Ok(Err(e @ crate::domain::validity::DeclarationError::NotTheCitizensData)) => {
            Err(refuse_access(&subject, "declared item", None, AppError::Declaration(e)).await)
        }
        Ok(Err(e)) => {
            tracing::info!(citizen = subject.citizen.0, error = ?e, "declaration refused");
            Err(AppError::Declaration(e))
        }
        Err(e) => Err(e.into()),
    }
}

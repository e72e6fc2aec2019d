//! Whose data a request reads and how much of it the asker may see: the
//! citizen's own, or a child's or a principal's, re-checked on every
//! request; the views logged while acting for someone; refusals.

use super::*;

/// Whose data a request reads, and how much of it the asker may see.
#[derive(Debug, Clone)]
pub struct Subject {
    /// The logged-in person.
    pub asker: CitizenId,
    /// The person whose data is read: the asker, or someone they act for.
    pub citizen: CitizenId,
    pub visibility: crate::domain::listing::Visibility,
    /// When acting for someone else: their name and by which right.
    pub acting: Option<crate::domain::acting::ActingFor>,
}

impl Subject {
    /// Whether the asker may make declarations for the subject: always for
    /// themself, a guardian for a child, never by an e-authorisation.
    pub fn may_declare(&self) -> bool {
        self.acting.as_ref().is_none_or(|a| a.right.may_declare())
    }

    /// The principal's name when the asker acts by an e-authorisation: the
    /// pages show their declarations without a form.
    pub fn view_only_for(&self) -> Option<String> {
        self.acting.as_ref().filter(|_| !self.may_declare()).map(|a| a.name.clone())
    }

    /// Whether the asker handles this matter of the subject's: always
    /// their own; someone acting for them only where the right reaches it.
    pub fn handles(&self, matter: crate::domain::acting::OwnMatter) -> bool {
        self.acting.as_ref().is_none_or(|a| a.right.reaches(matter))
    }

    /// The name of the person acted for, by a guardian.
    pub fn child_name(&self) -> Option<String> {
        use crate::domain::acting::ActingRight;
        self.acting.as_ref().filter(|a| a.right == ActingRight::Guardian).map(|a| a.name.clone())
    }
}

/// The informed citizen of this session and whose data they are looking
/// at, for a view: a view made while acting for someone else is logged
/// (once per page request) with the actor, the right and the path, and is
/// not shown if it cannot be logged.
pub async fn require_subject() -> Result<Subject, AppError> {
    let subject = session_subject().await?;
    log_view(&subject).await?;
    Ok(subject)
}

/// `require_subject` for a page of one sector's data: refused (403, naming
/// the sector, in the audit log, no view logged) when the asker acts by an
/// e-authorisation whose matters do not include it.
pub async fn require_subject_for(sector: crate::domain::declarations::Sector) -> Result<Subject, AppError> {
    let subject = session_subject().await?;
    if !subject.visibility.covers(sector) {
        let refused = AppError::NotAuthorisedFor(sector);
        return Err(refuse_access(&subject, "a sector the authorisation does not name", None, refused).await);
    }
    log_view(&subject).await?;
    Ok(subject)
}

/// Logs this page request's view of the subject's data when the asker acts
/// for someone else (once per page request): every page that shows a
/// subject's data goes through here, by `require_subject` or on its own
/// (a page that also checks what the asker may do).
pub async fn log_view(subject: &Subject) -> Result<(), AppError> {
    if let Some(acting) = &subject.acting {
        let guarded = request_parts().and_then(|p| p.extensions.get::<GuardedCitizen>().cloned());
        let first = guarded.is_none_or(|g| !g.view_logged.swap(true, std::sync::atomic::Ordering::SeqCst));
        if first {
            let what = request_parts().map(|p| p.uri.path().to_string()).unwrap_or_default();
            let address = client_address();
            pool()?
                .record_acting_viewing(now()?, subject.asker, subject.citizen, acting.right, &what, address.as_deref())
                .await?;
        }
    }
    Ok(())
}

/// The informed citizen of this session and whose data they are looking
/// at, without logging a view: for the header, and for writes (which are
/// recorded themselves). Acting for someone else is re-checked on every
/// request (the guardianship, the child's age, the authorisation's dates
/// come from the database and today's date, not the session); when it no
/// longer holds, the session falls back to the citizen's own data.
pub async fn session_subject() -> Result<Subject, AppError> {
    use crate::domain::listing::Visibility;
    let (session, asker) = require_informed_citizen().await?;
    let own = Subject { asker, citizen: asker, visibility: Visibility::EVERYTHING, acting: None };
    let Some(other) = session.acting_for().await.map_err(store_failed)? else {
        return Ok(own);
    };
    let today = today()?;
    let relation = pool()?.relation_to(asker, other).await?;
    match relation.and_then(|r| r.acting_on(today).map(|a| (r.person, a))) {
        Some((person, a)) => Ok(Subject {
            asker,
            citizen: person.id,
            visibility: a.visibility,
            acting: Some(crate::domain::acting::ActingFor { name: person.full_name, right: a.right, until: a.until }),
        }),
        None => {
            tracing::warn!(
                citizen = asker.0,
                other = other.0,
                "acting for someone no longer allowed; back to own data"
            );
            let _ = session.stop_acting().await;
            Ok(own)
        }
    }
}

/// Refuses a request for an item that is not the subject's, or that the
/// rules hide from the asker (a guardian and a 10–17-year-old's data): the
/// refusal goes to the log and the audit log (asker, subject, address), and
/// `error` (404 or 403, as the caller answers) is returned.
pub async fn refuse_access(subject: &Subject, what: &'static str, id: Option<i64>, error: AppError) -> AppError {
    tracing::warn!(citizen = subject.citizen.0, by = subject.asker.0, what, id, "access refused");
    audit(crate::domain::audit::AuditKind::AccessRefused, Some(subject.asker), Some(subject.citizen.0)).await;
    error
}

/// Refuses a matter that is the subject's own when the asker does not
/// handle it (`Subject::handles`): 403 naming the matter, in the audit log.
pub async fn require_handles(subject: &Subject, matter: crate::domain::acting::OwnMatter) -> Result<(), AppError> {
    if subject.handles(matter) {
        return Ok(());
    }
    Err(refuse_access(subject, matter.as_str(), None, AppError::OwnMatter(matter)).await)
}

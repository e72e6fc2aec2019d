//! Server functions: thin. Each checks who is asking, calls the domain and
//! the repository, and answers a typed [`AppError`] (the server gives each
//! kind its HTTP status in one place, `server/src/web.rs`).

pub mod abroad;
pub mod acting;
pub mod data_use;
#[cfg(feature = "ssr")]
pub mod export;
pub mod filters;
pub mod flash;
pub mod forms;
pub mod glance;
pub mod laboratory;
pub mod login;
pub mod records;
pub mod renewals;
pub mod return_path;
pub mod summary;
pub mod vaccinations;
pub mod wellbeing;
pub mod wills;

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use acting::ActingFor;
pub use login::*;

use crate::domain::{NoticeConfirmation, NoticeVersion};
use crate::error::AppError;
use crate::i18n::Locale;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoggedInCitizen {
    pub full_name: String,
    /// Whose data is shown and by which right, when it is not the citizen's own.
    pub acting_for: Option<ActingFor>,
    /// When the session ends if nothing more is asked of the portal, and
    /// after how many minutes this page warns of it (`warn_after_minutes`).
    pub session_ends_at: Option<(chrono::DateTime<chrono::Utc>, u32)>,
    /// Whether the citizen may act for someone (chosen at login).
    pub acts_for_others: bool,
}

/// How many whole minutes before `ends_at` a page shown at `now` warns
/// that the session is ending: five minutes before it (at once when fewer
/// are left), at most an hour after the page was shown (the stylesheet's
/// `idle-warning--after-N` classes).
pub fn warn_after_minutes(now: chrono::DateTime<chrono::Utc>, ends_at: chrono::DateTime<chrono::Utc>) -> u32 {
    let minutes = (ends_at - now).num_minutes() - 5;
    u32::try_from(minutes.clamp(0, 60)).unwrap_or(0)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticeView {
    pub version: NoticeVersion,
    pub published_on: NaiveDate,
    pub title: String,
    pub body: String,
    /// The citizen's confirmation of this version, if any.
    pub confirmation: Option<NoticeConfirmation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontPageView {
    pub full_name: String,
    pub confirmation: NoticeConfirmation,
    /// The login before this session's, if any.
    pub previous_login: Option<chrono::DateTime<chrono::Utc>>,
    /// For the subject: the citizen, or the child they act for.
    pub glance: glance::GlanceView,
    /// While acting for someone: their name and their own confirmation of
    /// the current notice, if they have one (the asker's is `confirmation`).
    pub subject_notice: Option<(String, Option<NoticeConfirmation>)>,
}

/// Who is logged in, for the header; `None` for an anonymous visitor.
#[server(endpoint = "session_citizen")]
pub async fn session_citizen() -> Result<Option<LoggedInCitizen>, AppError> {
    use crate::server::*;
    let session = session().await?;
    let Some(id) = session.citizen().await.ok().flatten() else {
        return Ok(None);
    };
    let Some(full_name) = standing_of(id).await?.map(|s| s.full_name) else {
        return Ok(None);
    };
    let acting = matches!(session.acting_for().await, Ok(Some(_)));
    let acting_for = if acting { session_subject().await.ok().and_then(|s| s.acting) } else { None };
    let now = now()?;
    let session_ends_at = session_ends_at(&session).await.map(|at| (at, warn_after_minutes(now, at)));
    let acts_for_others = session.acts_for_others().await.ok().flatten().unwrap_or(false);
    Ok(Some(LoggedInCitizen { full_name, acting_for, session_ends_at, acts_for_others }))
}

/// When the session ends without another request: its last extension (the
/// session middleware has recorded this request's) plus the idle timeout,
/// or its login plus its lifetime, whichever comes first.
#[cfg(feature = "ssr")]
async fn session_ends_at(session: &crate::server::TypedSession) -> Option<chrono::DateTime<chrono::Utc>> {
    let config = crate::server::config().ok()?;
    let logged_in = session.logged_in_at().await.ok().flatten()?;
    let seen = session.seen_at().await.ok().flatten().unwrap_or(logged_in);
    let at = |secs: i64, d: std::time::Duration| {
        chrono::DateTime::from_timestamp(secs, 0)?.checked_add_signed(chrono::Duration::from_std(d).ok()?)
    };
    at(seen, config.idle_timeout).into_iter().chain(at(logged_in, config.session_lifetime)).min()
}

/// The current version of the notice in the given language, with the
/// citizen's confirmation of it if there is one.
#[server(endpoint = "current_notice")]
pub async fn current_notice(locale: Locale) -> Result<NoticeView, AppError> {
    use crate::server::*;
    let (_, citizen) = require_citizen().await?;
    let pool = pool()?;
    let version = pool.current_notice_version(today()?).await?;
    let text = pool.notice_text(&version, locale).await?.ok_or_else(|| {
        tracing::error!(%version, ?locale, "notice text missing");
        AppError::Internal
    })?;
    let confirmations = pool.notice_confirmations(citizen, locale).await?;
    let confirmation = crate::domain::notice::confirmation_of(&version, &confirmations).cloned();
    Ok(NoticeView { version, published_on: text.published_on, title: text.title, body: text.body, confirmation })
}

/// The citizen confirms, online, that they have received the current version.
#[server(endpoint = "confirm_notice")]
pub async fn confirm_notice(version: String) -> Result<String, AppError> {
    use crate::server::*;
    let (_, citizen) = require_citizen().await?;
    let version = NoticeVersion::parse(&version).map_err(|_| AppError::UnknownNoticeVersion)?;
    let pool = pool()?;
    let published = pool.published_notice_versions().await?;
    if !published.iter().any(|(v, _)| *v == version) {
        return Err(AppError::UnknownNoticeVersion);
    }
    let now = now()?;
    let current = pool.current_notice_version(crate::domain::time::helsinki_today(now)).await?;
    if version != current {
        return Err(AppError::NoticeVersionOutdated);
    }
    pool.confirm_notice_online(citizen, &version, now, None).await?;
    tracing::info!(citizen = citizen.0, %version, "notice confirmed online");
    crate::api::flash::say_next(crate::api::flash::Flash::NoticeConfirmed).await;
    let session = session().await?;
    let choose = session.acts_for_others().await.ok().flatten().unwrap_or(false)
        && session.acting_for().await.ok().flatten().is_none();
    Ok(navigate_after_form(if choose { "/whose" } else { "/" }))
}

/// The front page: greeting, the confirmation of the current notice, and
/// the subject's data at a glance.
#[server(endpoint = "front_page")]
pub async fn front_page(locale: Locale) -> Result<FrontPageView, AppError> {
    use crate::server::*;
    let subject = require_subject().await?;
    let citizen = subject.asker;
    let pool = pool()?;
    let standing = standing_of(citizen).await?.ok_or(AppError::NotAuthenticated)?;
    let (full_name, current) = (standing.full_name, standing.current_notice);
    let confirmations = pool.notice_confirmations(citizen, locale).await?;
    let confirmation = crate::domain::notice::confirmation_of(&current, &confirmations)
        .cloned()
        .ok_or(AppError::NoticeNotConfirmed)?;
    let previous_login = pool.previous_login(citizen).await?;
    let own = if subject.acting.is_none() { confirmations.as_slice() } else { &[] };
    let glance = glance::load(&pool, &subject, previous_login, own).await?;
    let subject_notice = match &subject.acting {
        Some(acting) => {
            let theirs = pool.notice_confirmations(subject.citizen, locale).await?;
            Some((acting.name.clone(), crate::domain::notice::confirmation_of(&current, &theirs).cloned()))
        }
        None => None,
    };
    Ok(FrontPageView { full_name, confirmation, previous_login, glance, subject_notice })
}

#[cfg(test)]
mod session_warning_tests {
    use chrono::{Duration, TimeZone, Utc};

    use super::warn_after_minutes;

    #[test]
    fn the_warning_comes_five_minutes_before_the_end_at_once_when_fewer_are_left_and_within_an_hour() {
        let now = Utc.with_ymd_and_hms(2026, 12, 5, 12, 0, 0).unwrap();
        assert_eq!(warn_after_minutes(now, now + Duration::minutes(30)), 25);
        // A session extended 50 s ago: the warning is still at least five minutes before.
        assert_eq!(warn_after_minutes(now, now + Duration::minutes(29) + Duration::seconds(10)), 24);
        assert_eq!(warn_after_minutes(now, now + Duration::minutes(4)), 0);
        assert_eq!(warn_after_minutes(now, now - Duration::minutes(1)), 0);
        assert_eq!(warn_after_minutes(now, now + Duration::hours(12)), 60);
    }
}

//! What the last action did, said once on the next page: the action keeps
//! it in the session (`TypedSession::set_flash`), and the page after the
//! redirect shows it as a status message, so a citizen always learns that
//! a consent was given, a denial set or a request sent, with or without
//! JavaScript.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flash {
    /// A declaration was recorded (its id): said in the history's words.
    Declared(i64),
    /// The current notice was confirmed online.
    NoticeConfirmed,
    /// A prescription renewal request was sent.
    RenewalSent,
}

/// Keeps what an action did for the next page. Best effort: the action
/// itself succeeded, so a session store that fails here is logged only.
#[cfg(feature = "ssr")]
pub async fn say_next(flash: Flash) {
    match crate::server::session().await {
        Ok(session) => {
            if let Err(e) = session.set_flash(&flash).await {
                tracing::error!(error = %e, "could not keep the status message");
            }
        }
        Err(e) => tracing::error!(error = ?e, "no session for the status message"),
    }
}

/// The last action's status message in this language, once (None: there
/// is none, or it is no longer about the data shown).
#[server(endpoint = "take_flash")]
pub async fn take_flash(locale: Locale) -> Result<Option<String>, AppError> {
    use crate::server::*;
    let session = session().await?;
    let Some(flash) = session.take_flash().await.map_err(store_failed)? else {
        return Ok(None);
    };
    let t = locale.texts();
    Ok(match flash {
        Flash::NoticeConfirmed => Some(t.flash_notice_confirmed.to_string()),
        Flash::RenewalSent => Some(t.flash_renewal_sent.to_string()),
        Flash::Declared(id) => {
            let subject = session_subject().await?;
            let pool = pool()?;
            let declarations = pool.declarations(subject.citizen).await?;
            match declarations.iter().find(|d| d.id.0 == id) {
                Some(d) => {
                    let names =
                        crate::api::data_use::names::Names::load(&pool, subject.citizen, locale, subject.visibility)
                            .await?;
                    Some((t.flash_saved)(&names.event(d, &declarations)))
                }
                None => None,
            }
        }
    })
}

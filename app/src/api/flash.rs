//! What the last action did, said once on the next page: the action keeps
//! it in the session (`TypedSession::set_flash`), and the page after the
//! redirect shows it as a status message, so a citizen always learns that
//! a consent was given, a denial set or a request sent, with or without
//! JavaScript.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::declarations::DeclarationEvent;
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
    /// A wellbeing measurement was recorded.
    MeasurementSaved,
}

/// A status message and where on its page it belongs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlashNote {
    pub text: String,
    /// The id of the section that shows the changed item (the redirect's
    /// fragment): the message is said there. None: at the top of the page.
    pub place: Option<String>,
}

/// The section of its page that shows what a declaration changed: the
/// fragment the action redirects to and the place of its status message.
pub fn place_of(event: &DeclarationEvent) -> Option<&'static str> {
    use DeclarationEvent::*;
    match event {
        ConsentGiven(_) | ConsentWithdrawn(_) | ConsentUpdated(_) => Some("du-consents"),
        CrossSectorConsentGiven(_) | CrossSectorConsentWithdrawn(_) => Some("du-cross"),
        DenialSet { .. } | DenialCancelled { .. } | PrescriptionEmergencyAllowed | PrescriptionEmergencyWithdrawn => {
            Some("du-denials")
        }
        LivingWillSaved(_) | LivingWillWithdrawn => Some("living-will"),
        OrganDonationDeclared(_) | OrganDonationWithdrawn => Some("organ-donation"),
        AbroadConsentGiven(_) | AbroadConsentWithdrawn | SummaryAbroadConsentGiven | SummaryAbroadConsentWithdrawn => {
            None
        }
        WellbeingConsentGiven(_) | WellbeingConsentWithdrawn(_) => Some("du-wellbeing"),
    }
}

/// The page `path` at the section that shows what `event` changed.
pub fn after_declaring(path: &str, event: &DeclarationEvent) -> String {
    match place_of(event) {
        Some(place) => format!("{path}#{place}"),
        None => path.to_string(),
    }
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
pub async fn take_flash(locale: Locale) -> Result<Option<FlashNote>, AppError> {
    use crate::server::*;
    let session = session().await?;
    let Some(flash) = session.take_flash().await.map_err(store_failed)? else {
        return Ok(None);
    };
    let t = locale.texts();
    let at_top = |text: &str| Some(FlashNote { text: text.to_string(), place: None });
    Ok(match flash {
        Flash::NoticeConfirmed => at_top(t.flash_notice_confirmed),
        Flash::RenewalSent => at_top(t.flash_renewal_sent),
        Flash::MeasurementSaved => at_top(t.wellbeing.saved),
        Flash::Declared(id) => {
            let subject = session_subject().await?;
            let pool = pool()?;
            let declarations = pool.declarations(subject.citizen).await?;
            match declarations.iter().find(|d| d.id.0 == id) {
                Some(d) => {
                    let names =
                        crate::api::data_use::names::Names::load(&pool, subject.citizen, locale, subject.visibility)
                            .await?;
                    let place = place_of(&d.event).map(str::to_string);
                    Some(FlashNote { text: (t.flash_saved)(&names.event(d, &declarations)), place })
                }
                None => None,
            }
        }
    })
}

//! Server functions of Management of Data Use (issue 5). Every one acts on
//! the session's subject only (the citizen, or a child they act for); the
//! actor of a declaration is derived from the session, never taken from a
//! form, so it cannot be forged.

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
    /// Whether the asker may cancel it: not a guardian's for a denial of
    /// what they cannot see.
    pub cancellable: bool,
    pub allow_in_emergency: bool,
    pub set_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataUseView {
    /// The child whose data is managed, when a guardian acts for one.
    pub child_name: Option<String>,
    pub current_version: NoticeVersion,
    pub versions: Vec<NoticeVersion>,
    pub confirmations: Vec<NoticeConfirmation>,
    pub consents: Vec<ConsentView>,
    pub cross_open: bool,
    pub cross_opens_on: NaiveDate,
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
    /// A one-time key for the forms of this page: a double submit records once.
    pub form_key: String,
}

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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub at: DateTime<Utc>,
    pub event: String,
    pub actor: String,
    pub channel: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViewingView {
    pub provider: String,
    pub unit: String,
    pub at: DateTime<Utc>,
    pub what: String,
    pub purpose: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViewingsView {
    pub viewings: Vec<ViewingView>,
    pub provider_choices: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub label: String,
    pub register: String,
    pub date: NaiveDate,
    pub visible: bool,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisterCount {
    pub register: String,
    pub visible: usize,
    pub hidden: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewView {
    pub viewer_choices: Vec<Choice>,
    /// The chosen viewer and situation, as the form writes them.
    pub viewer: Option<String>,
    pub situation: String,
    pub rows: Vec<PreviewRow>,
    pub counts: Vec<RegisterCount>,
}

#[cfg(feature = "ssr")]
mod ssr {
    use std::collections::HashMap;

    use super::*;
    use crate::domain::decision::Reason;
    use crate::domain::declarations::{
        Actor, Declaration, DeclarationEvent, DeclarationId, DenialScope, PrescriptionId, ProviderId, RegisterKind,
        ServiceEventId,
    };
    use crate::domain::listing::Visibility;
    use crate::domain::records::{Prescription, ServiceEvent};
    use crate::i18n::{fill, Texts};
    use crate::server::*;

    /// What the descriptions of declarations refer to, in one language.
    /// The names of the subject's items, as far as the asker may see them:
    /// a guardian's `Names` hold only what was recorded before the child
    /// turned 10 (DOMAIN.md §6), so nothing built from them (denials,
    /// history, choices, confirmation steps) can name or reach the rest.
    pub struct Names {
        pub locale: Locale,
        pub providers: HashMap<String, String>,
        pub events: HashMap<ServiceEventId, ServiceEvent>,
        pub prescriptions: HashMap<PrescriptionId, Prescription>,
        /// Items of the subject the asker may not see (only ever counted
        /// in, never named).
        hidden_events: std::collections::HashSet<ServiceEventId>,
        hidden_prescriptions: std::collections::HashSet<PrescriptionId>,
    }

    impl Names {
        pub async fn load(
            pool: &Db,
            citizen: CitizenId,
            locale: Locale,
            visibility: Visibility,
        ) -> Result<Self, AppError> {
            let providers = record_repo::provider_names(pool, locale).await.map_err(db_error)?;
            let (events, hidden_events): (Vec<_>, Vec<_>) = repo::load_service_events(pool, citizen)
                .await
                .map_err(db_error)?
                .into_iter()
                .partition(|e| visibility.shows(e.started_on));
            let (prescriptions, hidden_prescriptions): (Vec<_>, Vec<_>) = repo::load_prescriptions(pool, citizen)
                .await
                .map_err(db_error)?
                .into_iter()
                .partition(|p| visibility.shows(p.prescribed_on));
            Ok(Names {
                locale,
                providers,
                events: events.into_iter().map(|e| (e.id, e)).collect(),
                prescriptions: prescriptions.into_iter().map(|p| (p.id, p)).collect(),
                hidden_events: hidden_events.into_iter().map(|e| e.id).collect(),
                hidden_prescriptions: hidden_prescriptions.into_iter().map(|p| p.id).collect(),
            })
        }

        /// The service events the asker may see, newest first.
        pub fn visible_events(&self, visibility: Visibility) -> Vec<&ServiceEvent> {
            let mut events: Vec<_> = self.events.values().filter(|e| visibility.shows(e.started_on)).collect();
            events.sort_by_key(|e| std::cmp::Reverse((e.started_on, e.id)));
            events
        }

        /// The prescriptions the asker may see, newest first.
        pub fn visible_prescriptions(&self, visibility: Visibility) -> Vec<&Prescription> {
            let mut prescriptions: Vec<_> =
                self.prescriptions.values().filter(|p| visibility.shows(p.prescribed_on)).collect();
            prescriptions.sort_by_key(|p| std::cmp::Reverse((p.prescribed_on, p.id)));
            prescriptions
        }

        /// Whether a denial of this scope refers to the subject's own data
        /// that the asker may see (a guardian: what was recorded before the
        /// child turned 10).
        pub fn within_reach(&self, scope: &DenialScope, visibility: Visibility) -> bool {
            match scope {
                DenialScope::ServiceEvent(id) => self.events.get(id).is_some_and(|e| visibility.shows(e.started_on)),
                DenialScope::Prescription(id) => {
                    self.prescriptions.get(id).is_some_and(|p| visibility.shows(p.prescribed_on))
                }
                DenialScope::Register(p, kind) => {
                    self.events.values().any(|e| e.register.provider == *p && e.register.kind == *kind)
                }
                DenialScope::Provider(p) => {
                    self.events.values().any(|e| e.register.provider == *p)
                        || self.prescriptions.values().any(|x| x.prescriber == *p)
                }
                DenialScope::Comprehensive(_) | DenialScope::Uusimaa => true,
            }
        }

        /// A new denial's target must be `within_reach`; otherwise the
        /// request is refused as not the citizen's data (403), and audited.
        pub async fn refuse_unless_within_reach(&self, subject: &Subject, scope: &DenialScope) -> Result<(), AppError> {
            if self.within_reach(scope, subject.visibility) {
                return Ok(());
            }
            let refused = AppError::Declaration(crate::domain::declarations::DeclarationError::NotTheCitizensData);
            Err(refuse_access(subject, "denial target", None, refused).await)
        }

        /// Whether a new denial allows emergencies: the form's checkbox, where
        /// the scope can carry it at all (`DenialScope::may_allow_emergency`;
        /// the comprehensive form offers both sectors in one list, so a
        /// social welfare choice ignores the box, and the confirmation step
        /// says the denial holds in an emergency).
        pub fn allows_emergency(&self, scope: &DenialScope, checkbox: Option<&str>) -> bool {
            let event_sector = match scope {
                DenialScope::ServiceEvent(id) => self.events.get(id).map(|e| e.register.kind.sector()),
                _ => None,
            };
            checkbox.is_some_and(|v| !v.is_empty()) && scope.may_allow_emergency(event_sector)
        }

        pub fn t(&self) -> &'static Texts {
            self.locale.texts()
        }

        pub fn provider(&self, id: &ProviderId) -> String {
            crate::api::records::provider_name(&self.providers, &id.0).to_string()
        }

        pub fn sector(&self, s: Sector) -> &'static str {
            match s {
                Sector::Healthcare => self.t().sector_healthcare,
                Sector::SocialWelfare => self.t().sector_social_welfare,
            }
        }

        /// A register as a sentence names it, e.g. "the patient register of HUS".
        pub fn register(&self, provider: &ProviderId, kind: RegisterKind) -> String {
            let t = self.t();
            let register = match kind {
                RegisterKind::Patient => t.register_patient,
                RegisterKind::OccupationalHealth => t.register_occupational,
                RegisterKind::SocialWelfareClient => t.register_social_welfare,
            };
            fill(t.register_in_sentence, &[("register", register), ("provider", &self.provider(provider))])
        }

        pub fn cross(&self, c: CrossSector) -> &'static str {
            match c {
                CrossSector::HealthcareToSocialWelfare => self.t().cross_health_to_social,
                CrossSector::SocialWelfareToHealthcare => self.t().cross_social_to_health,
            }
        }

        pub fn event_label(&self, e: &ServiceEvent) -> String {
            fill(
                self.t().event_label,
                &[
                    ("title", &e.title),
                    ("date", &self.locale.date(e.started_on)),
                    ("provider", &self.provider(&e.register.provider)),
                ],
            )
        }

        pub fn prescription_label(&self, p: &Prescription) -> String {
            fill(
                self.t().prescription_label,
                &[
                    ("medicine", &format!("{} {}", p.medicine, p.strength)),
                    ("date", &self.locale.date(p.prescribed_on)),
                ],
            )
        }

        /// A denial's scope in plain words.
        pub fn scope(&self, scope: &DenialScope) -> String {
            let t = self.t();
            match scope {
                DenialScope::ServiceEvent(id) => match self.events.get(id) {
                    Some(e) => fill(t.denial_of_event, &[("event", &self.event_label(e))]),
                    None if self.hidden_events.contains(id) => t.denial_of_hidden.to_string(),
                    None => t.denial_of_unknown.to_string(),
                },
                DenialScope::Prescription(id) => match self.prescriptions.get(id) {
                    Some(p) => fill(t.denial_of_prescription, &[("prescription", &self.prescription_label(p))]),
                    None if self.hidden_prescriptions.contains(id) => t.denial_of_hidden.to_string(),
                    None => t.denial_of_unknown.to_string(),
                },
                DenialScope::Register(p, kind) => self.register(p, *kind),
                DenialScope::Provider(p) => fill(t.denial_of_provider, &[("provider", &self.provider(p))]),
                DenialScope::Comprehensive(s) => fill(t.denial_comprehensive, &[("sector", self.sector(*s))]),
                DenialScope::Uusimaa => t.denial_uusimaa.to_string(),
            }
        }

        /// Who will no longer see what, and what continues, in plain sentences.
        pub fn consequences(&self, scope: &DenialScope, allow_in_emergency: bool) -> Vec<String> {
            let t = self.t();
            let mut out = vec![match scope {
                DenialScope::ServiceEvent(_) => t.consequence_event.to_string(),
                DenialScope::Prescription(_) => t.consequence_prescription.to_string(),
                DenialScope::Register(p, kind) => {
                    fill(t.consequence_register, &[("register", &self.register(p, *kind))])
                }
                DenialScope::Provider(p) => fill(t.consequence_provider, &[("provider", &self.provider(p))]),
                DenialScope::Comprehensive(s) => fill(t.consequence_comprehensive, &[("sector", self.sector(*s))]),
                DenialScope::Uusimaa => t.consequence_uusimaa.to_string(),
            }];
            if matches!(scope, DenialScope::Prescription(_)) {
                out.push(t.consequence_at_the_pharmacy.to_string());
                out.push(t.consequence_prescriber_continues.to_string());
                // One permission covers all denied prescriptions (DOMAIN.md §4).
                out.push(t.consequence_prescription_emergency.to_string());
            } else if matches!(scope, DenialScope::Uusimaa) {
                // It turns off the Uusimaa rule only: the emergency rule still applies.
                out.push(t.consequence_same_register.to_string());
                out.push(t.consequence_uusimaa_emergency.to_string());
            } else {
                out.push(t.consequence_same_register.to_string());
                out.push(
                    if allow_in_emergency { t.consequence_emergency_allowed } else { t.consequence_emergency_denied }
                        .to_string(),
                );
            }
            out.push(t.consequence_cancel_any_time.to_string());
            out
        }

        pub fn event(&self, d: &Declaration, all: &[Declaration]) -> String {
            let t = self.t();
            match &d.event {
                DeclarationEvent::ConsentGiven(s) => fill(t.history_consent_given, &[("sector", self.sector(*s))]),
                DeclarationEvent::ConsentWithdrawn(s) => {
                    fill(t.history_consent_withdrawn, &[("sector", self.sector(*s))])
                }
                DeclarationEvent::ConsentUpdated(s) => fill(t.history_consent_updated, &[("sector", self.sector(*s))]),
                DeclarationEvent::PrescriptionEmergencyAllowed => t.history_rx_emergency_allowed.to_string(),
                DeclarationEvent::PrescriptionEmergencyWithdrawn => t.history_rx_emergency_withdrawn.to_string(),
                DeclarationEvent::CrossSectorConsentGiven(c) => {
                    fill(t.history_cross_given, &[("direction", self.cross(*c))])
                }
                DeclarationEvent::CrossSectorConsentWithdrawn(c) => {
                    fill(t.history_cross_withdrawn, &[("direction", self.cross(*c))])
                }
                DeclarationEvent::DenialSet { scope, allow_in_emergency } => {
                    let mut s = fill(t.history_denial_set, &[("denial", &self.scope(scope))]);
                    if *allow_in_emergency {
                        s.push_str(t.history_emergency_allowed);
                    }
                    s
                }
                DeclarationEvent::DenialCancelled { denial } => {
                    let what = all
                        .iter()
                        .find(|x| x.id == *denial)
                        .and_then(|x| match &x.event {
                            DeclarationEvent::DenialSet { scope, .. } => Some(self.scope(scope)),
                            _ => None,
                        })
                        .unwrap_or_else(|| t.denial_of_unknown.to_string());
                    fill(t.history_denial_cancelled, &[("denial", &what)])
                }
            }
        }

        /// The plain-language reason of a decision.
        pub fn reason(&self, r: Reason, declarations: &[Declaration]) -> String {
            let t = self.t();
            let when = |id: DeclarationId| {
                declarations.iter().find(|d| d.id == id).map(|d| self.locale.local_date(d.at)).unwrap_or_default()
            };
            match r {
                Reason::SameRegister => t.reason_same_register.to_string(),
                Reason::Prescriber => t.reason_prescriber.to_string(),
                Reason::PrescriptionDenied(id) => fill(t.reason_prescription_denied, &[("date", &when(id))]),
                Reason::PrescriptionEmergencyAllowed(id) => {
                    fill(t.reason_prescription_emergency, &[("date", &when(id))])
                }
                Reason::Emergency => t.reason_emergency.to_string(),
                Reason::PrescriptionInTreatment => t.reason_prescription_in_treatment.to_string(),
                Reason::PrescriptionDispensing => t.reason_prescription_dispensing.to_string(),
                Reason::NotInformed => t.reason_not_informed.to_string(),
                Reason::PharmacySeesOnlyPrescriptions => t.reason_pharmacy_only_prescriptions.to_string(),
                Reason::CrossSectorNotOpen => t.reason_cross_not_open.to_string(),
                Reason::NoCrossSectorConsent => t.reason_no_cross_consent.to_string(),
                Reason::Denied(id) => fill(t.reason_denied, &[("date", &when(id))]),
                Reason::Uusimaa => t.reason_uusimaa.to_string(),
                Reason::Consent(id) => fill(t.reason_consent, &[("date", &when(id))]),
                Reason::NoConsent => t.reason_no_consent.to_string(),
            }
        }

        pub fn actor(&self, a: &Actor, guardians: &HashMap<i64, String>) -> (String, String) {
            let t = self.t();
            match a {
                Actor::Citizen => (t.actor_you.to_string(), t.channel_online.to_string()),
                Actor::Guardian(id) => (
                    fill(t.actor_guardian, &[("name", guardians.get(id).map(String::as_str).unwrap_or(""))]),
                    t.channel_online.to_string(),
                ),
                Actor::Professional(p) => (
                    fill(t.actor_professional, &[("provider", &self.provider(p))]),
                    fill(t.channel_in_person, &[("provider", &self.provider(p))]),
                ),
            }
        }
    }

    /// The id of this request's session, which form keys are bound to.
    async fn session_id() -> Result<String, AppError> {
        let session = session().await?;
        session.id().map(|id| id.to_string()).ok_or(AppError::NotAuthenticated)
    }

    /// A fresh page key for the forms of a page about `subject`, bound to
    /// this session (see `server::form_key`).
    pub async fn new_form_key(subject: &Subject) -> Result<String, AppError> {
        use argon2::password_hash::rand_core::{OsRng, RngCore};
        let secret = config()?.form_key_secret;
        Ok(form_key::issue(secret.bytes(), &session_id().await?, subject.citizen.0, OsRng.next_u64()))
    }

    /// Checks a submitted form key: well formed (else 400), issued in this
    /// session for this subject. A key issued in this session for someone
    /// else the asker may act for means the subject changed since the page
    /// was loaded (409, nothing written); any other key is stale or forged.
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
        let children = record_repo::children_of(&pool, subject.asker).await.map_err(db_error)?;
        let others = std::iter::once(subject.asker).chain(children.into_iter().map(|c| c.id));
        let mut others = others.filter(|c| *c != subject.citizen);
        if others.any(|c| form_key::verify(secret.bytes(), &session, c.0, key)) {
            tracing::info!(citizen = subject.citizen.0, "a form for another subject was refused");
            Err(AppError::SubjectChanged)
        } else {
            tracing::info!(citizen = subject.citizen.0, "a form key not issued in this session was refused");
            Err(AppError::FormExpired)
        }
    }

    /// Records one declaration for the session's subject, by the session's
    /// person (the citizen, or the guardian acting for a child).
    pub async fn declare(event: DeclarationEvent, form_key: &str) -> Result<String, AppError> {
        let subject = require_subject().await?;
        check_form_key(&subject, form_key).await?;
        let actor = if subject.asker == subject.citizen { Actor::Citizen } else { Actor::Guardian(subject.asker.0) };
        let pool = pool()?;
        if let DeclarationEvent::DenialCancelled { denial } = &event {
            // Someone else's declaration: refused as not theirs (403), before
            // the domain's "no such valid denial" (409) for their own.
            if data_use_repo::declaration_owner(&pool, *denial).await.map_err(db_error)? != Some(subject.citizen) {
                let refused = AppError::Declaration(crate::domain::declarations::DeclarationError::NotTheCitizensData);
                return Err(refuse_access(&subject, "declaration", Some(denial.0), refused).await);
            }
        }
        let opens = config()?.cross_sector_opens;
        match repo::record_declaration(&pool, subject.citizen, &actor, &event, Utc::now(), opens, Some(form_key)).await
        {
            Ok(id) => {
                tracing::info!(
                    citizen = subject.citizen.0,
                    by = subject.asker.0,
                    declaration = id.0,
                    "declaration recorded"
                );
                Ok(navigate_after_form("/data-use"))
            }
            Err(repo::RecordError::Refused(e @ crate::domain::declarations::DeclarationError::NotTheCitizensData)) => {
                Err(refuse_access(&subject, "declared item", None, AppError::Declaration(e)).await)
            }
            Err(repo::RecordError::Refused(e)) => {
                tracing::info!(citizen = subject.citizen.0, error = ?e, "declaration refused");
                Err(AppError::Declaration(e))
            }
            Err(repo::RecordError::Database(e)) => Err(db_error(e)),
        }
    }
}

/// Everything of the Management of Data Use page, for the session's subject.
#[server(endpoint = "data_use_page")]
pub async fn data_use_page(locale: Locale) -> Result<DataUseView, AppError> {
    use crate::domain::declarations::valid_at;
    use crate::server::*;
    let subject = require_subject().await?;
    let pool = pool()?;
    let opens = config()?.cross_sector_opens;
    let now = chrono::Utc::now();
    let names = ssr::Names::load(&pool, subject.citizen, locale, subject.visibility).await?;
    let declarations = data_use_repo::declarations(&pool, subject.citizen).await.map_err(db_error)?;
    let valid = valid_at(&declarations, &[], now + chrono::Duration::nanoseconds(1));
    let at_of = |id: crate::domain::declarations::DeclarationId| declarations.iter().find(|d| d.id == id).map(|d| d.at);
    let published = repo::published_notice_versions(&pool).await?;
    let mut versions: Vec<NoticeVersion> = published.iter().map(|(v, _)| v.clone()).collect();
    versions.sort();
    let current_version = repo::current_notice_version(&pool).await?;
    let confirmations = repo::notice_confirmations(&pool, subject.citizen, locale).await?;

    let events = names.visible_events(subject.visibility);
    let prescriptions = names.visible_prescriptions(subject.visibility);
    let provider_kinds: std::collections::HashMap<_, _> =
        data_use_repo::providers(&pool, locale).await.map_err(db_error)?.into_iter().map(|p| (p.id, p.kind)).collect();
    let registers = crate::api::records::choices(
        events
            .iter()
            .filter(|e| {
                provider_kinds
                    .get(&e.register.provider)
                    .is_some_and(|kind| crate::domain::data_use::register_may_be_denied(*kind, e.register.kind))
            })
            .map(|e| {
                let scope =
                    crate::domain::declarations::DenialScope::Register(e.register.provider.clone(), e.register.kind);
                (crate::domain::data_use::denial_form_values(&scope).1, names.scope(&scope))
            }),
    );

    Ok(DataUseView {
        child_name: subject.child_name.clone(),
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
                cancellable: names.within_reach(&d.scope, subject.visibility),
                allow_in_emergency: d.allow_in_emergency,
                set_at: at_of(d.id).unwrap_or(now),
            })
            .collect(),
        has_uusimaa_data: events.iter().any(|e| e.register.uusimaa_party),
        event_choices: events
            .iter()
            .map(|e| Choice { value: e.id.0.to_string(), label: names.event_label(e) })
            .collect(),
        prescription_choices: prescriptions
            .iter()
            .map(|p| Choice { value: p.id.0.to_string(), label: names.prescription_label(p) })
            .collect(),
        register_choices: registers,
        prescription_emergency: valid.prescription_emergency.and_then(at_of),
        form_key: ssr::new_form_key(&subject).await?,
    })
}

#[server(endpoint = "give_consent")]
pub async fn give_consent(sector: String, form_key: String) -> Result<String, AppError> {
    use crate::domain::data_use::{parse_sector, FormError};
    use crate::domain::declarations::DeclarationEvent;
    let s = parse_sector(&sector).ok_or(AppError::BadForm(FormError::Sector))?;
    ssr::declare(DeclarationEvent::ConsentGiven(s), &form_key).await
}

#[server(endpoint = "withdraw_consent")]
pub async fn withdraw_consent(sector: String, form_key: String) -> Result<String, AppError> {
    use crate::domain::data_use::{parse_sector, FormError};
    use crate::domain::declarations::DeclarationEvent;
    let s = parse_sector(&sector).ok_or(AppError::BadForm(FormError::Sector))?;
    ssr::declare(DeclarationEvent::ConsentWithdrawn(s), &form_key).await
}

/// Updates a consent given before 2024 to cover sharing by other means too.
#[server(endpoint = "update_consent")]
pub async fn update_consent(sector: String, form_key: String) -> Result<String, AppError> {
    use crate::domain::data_use::{parse_sector, FormError};
    use crate::domain::declarations::DeclarationEvent;
    let s = parse_sector(&sector).ok_or(AppError::BadForm(FormError::Sector))?;
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
    use crate::domain::data_use::{parse_cross, FormError};
    use crate::domain::declarations::DeclarationEvent;
    let c = parse_cross(&direction).ok_or(AppError::BadForm(FormError::Sector))?;
    ssr::declare(DeclarationEvent::CrossSectorConsentGiven(c), &form_key).await
}

#[server(endpoint = "withdraw_cross_consent")]
pub async fn withdraw_cross_consent(direction: String, form_key: String) -> Result<String, AppError> {
    use crate::domain::data_use::{parse_cross, FormError};
    use crate::domain::declarations::DeclarationEvent;
    let c = parse_cross(&direction).ok_or(AppError::BadForm(FormError::Sector))?;
    ssr::declare(DeclarationEvent::CrossSectorConsentWithdrawn(c), &form_key).await
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
    use crate::domain::data_use::{denial_form_values, parse_denial};
    use crate::server::*;
    let scope = parse_denial(&kind, &target).map_err(AppError::BadForm)?;
    let subject = require_subject().await?;
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
    use crate::domain::data_use::parse_denial;
    use crate::domain::declarations::DeclarationEvent;
    use crate::server::*;
    let scope = parse_denial(&kind, &target).map_err(AppError::BadForm)?;
    // Only what the asker may see of the subject's data (a guardian: what was
    // recorded before the child turned 10); the domain checks again in the
    // transaction.
    let subject = require_subject().await?;
    let names = ssr::Names::load(&pool()?, subject.citizen, Locale::default(), subject.visibility).await?;
    names.refuse_unless_within_reach(&subject, &scope).await?;
    let allow_in_emergency = names.allows_emergency(&scope, emergency.as_deref());
    ssr::declare(DeclarationEvent::DenialSet { scope, allow_in_emergency }, &form_key).await
}

#[server(endpoint = "cancel_denial")]
pub async fn cancel_denial(denial: i64, form_key: String) -> Result<String, AppError> {
    use crate::domain::declarations::{DeclarationEvent, DeclarationId};
    use crate::domain::listing::Visibility;
    use crate::server::*;
    // A guardian cannot cancel a denial of what they cannot see (DOMAIN.md §6).
    let subject = require_subject().await?;
    if subject.visibility != Visibility::Everything {
        let pool = pool()?;
        let declarations = data_use_repo::declarations(&pool, subject.citizen).await.map_err(db_error)?;
        let scope = declarations.iter().find(|d| d.id.0 == denial).and_then(|d| match &d.event {
            DeclarationEvent::DenialSet { scope, .. } => Some(scope.clone()),
            _ => None,
        });
        if let Some(scope) = scope {
            let names = ssr::Names::load(&pool, subject.citizen, Locale::default(), subject.visibility).await?;
            if !names.within_reach(&scope, subject.visibility) {
                return Err(refuse_access(&subject, "hidden denial", Some(denial), AppError::Forbidden).await);
            }
        }
    }
    ssr::declare(DeclarationEvent::DenialCancelled { denial: DeclarationId(denial) }, &form_key).await
}

/// Every declaration event of the subject, newest first. Nothing ever
/// disappears from it.
#[server(endpoint = "declaration_history")]
pub async fn declaration_history(locale: Locale) -> Result<Vec<HistoryRow>, AppError> {
    use crate::domain::declarations::Actor;
    use crate::server::*;
    let subject = require_subject().await?;
    let pool = pool()?;
    let names = ssr::Names::load(&pool, subject.citizen, locale, subject.visibility).await?;
    let declarations = data_use_repo::declarations(&pool, subject.citizen).await.map_err(db_error)?;
    let guardian_ids: Vec<i64> = declarations
        .iter()
        .filter_map(|d| match d.actor {
            Actor::Guardian(id) => Some(id),
            _ => None,
        })
        .collect();
    let guardians = data_use_repo::citizen_names(&pool, &guardian_ids).await.map_err(db_error)?.into_iter().collect();
    let mut rows: Vec<HistoryRow> = declarations
        .iter()
        .map(|d| {
            let (actor, channel) = names.actor(&d.actor, &guardians);
            HistoryRow { at: d.at, event: names.event(d, &declarations), actor, channel }
        })
        .collect();
    rows.reverse();
    Ok(rows)
}

/// Professionals' viewings of the subject's data, newest first.
#[server(endpoint = "viewings_page")]
pub async fn viewings_page(
    #[server(default)] provider: Option<String>,
    #[server(default)] from: Option<String>,
    #[server(default)] to: Option<String>,
    locale: Locale,
) -> Result<ViewingsView, AppError> {
    use crate::domain::listing::{RawFilter, RecordSection};
    use crate::server::*;
    let subject = require_subject().await?;
    // The same fields, the same rules and messages as the records filters.
    let filter = RawFilter { provider, from, to, ..RawFilter::default() }
        .parse(RecordSection::Health)
        .map_err(AppError::BadFilter)?;
    let pool = pool()?;
    let names = record_repo::provider_names(&pool, locale).await.map_err(db_error)?;
    // A guardian sees the viewings made before the child turned 10 (DOMAIN.md §6).
    let seen = |v: &data_use_repo::Viewing| subject.visibility.shows(crate::domain::time::helsinki_today(v.viewed_at));
    let all: Vec<data_use_repo::Viewing> = data_use_repo::viewings(&pool, subject.citizen, None, None, None)
        .await
        .map_err(db_error)?
        .into_iter()
        .filter(seen)
        .collect();
    let provider_choices = crate::api::records::choices(
        all.iter()
            .map(|v| (v.provider.0.clone(), crate::api::records::provider_name(&names, &v.provider.0).to_string())),
    );
    let shown = data_use_repo::viewings(&pool, subject.citizen, filter.provider.as_ref(), filter.from, filter.to)
        .await
        .map_err(db_error)?;
    let t = locale.texts();
    Ok(ViewingsView {
        viewings: shown
            .into_iter()
            .filter(seen)
            .map(|v| ViewingView {
                provider: crate::api::records::provider_name(&names, &v.provider.0).to_string(),
                unit: v.unit_name,
                at: v.viewed_at,
                what: v.what,
                purpose: match v.purpose.as_str() {
                    "treatment" => t.purpose_treatment,
                    "emergency" => t.purpose_emergency,
                    "social_welfare_service" => t.purpose_social_welfare,
                    _ => t.purpose_dispensing,
                }
                .to_string(),
            })
            .collect(),
        provider_choices,
    })
}

/// "Who can see my data, and why": every item of the subject's data, for
/// the chosen viewer and situation, decided by the rules of DOMAIN.md §5 as
/// of now. Entries of one service event share their decision, so the
/// preview lists service events and prescriptions.
#[server(endpoint = "preview_page")]
pub async fn preview_page(
    #[server(default)] viewer: Option<String>,
    #[server(default)] situation: Option<String>,
    locale: Locale,
) -> Result<PreviewView, AppError> {
    use crate::domain::data_use::{
        parse_situation, parse_viewer_choice, preview, situation_code, viewer_choice, FormError,
    };
    use crate::domain::decision::{Item, Viewer, ViewerRole};
    use crate::domain::declarations::valid_at;
    use crate::i18n::fill;
    use crate::server::*;
    let subject = require_subject().await?;
    let situation = parse_situation(situation.as_deref().unwrap_or("").trim()).map_err(AppError::BadForm)?;
    let pool = pool()?;
    let t = locale.texts();
    let providers = data_use_repo::providers(&pool, locale).await.map_err(db_error)?;
    let role_name = |r: ViewerRole| match r {
        ViewerRole::Healthcare { occupational_health: false } => t.role_healthcare,
        ViewerRole::Healthcare { occupational_health: true } => t.role_occupational,
        ViewerRole::SocialWelfare => t.role_social_welfare,
        ViewerRole::Pharmacy => t.role_pharmacy,
    };
    let viewer_choices: Vec<Choice> = providers
        .iter()
        .flat_map(|p| p.kind.roles(p.has_occupational_register).into_iter().map(move |r| (p, r)))
        .map(|(p, r)| Choice {
            value: viewer_choice(&p.id, r),
            label: fill(t.viewer_label, &[("provider", &p.name), ("role", role_name(r))]),
        })
        .collect();
    let chosen = viewer.as_deref().map(str::trim).filter(|v| !v.is_empty());
    let Some(chosen) = chosen else {
        return Ok(PreviewView {
            viewer_choices,
            viewer: None,
            situation: situation_code(situation).into(),
            rows: vec![],
            counts: vec![],
        });
    };
    let (provider_id, role) = parse_viewer_choice(chosen).map_err(AppError::BadForm)?;
    let provider = providers
        .iter()
        .find(|p| p.id == provider_id && p.kind.roles(p.has_occupational_register).contains(&role))
        .ok_or(AppError::BadForm(FormError::Viewer))?;
    let viewer = Viewer { provider: provider.id.clone(), role, uusimaa_party: provider.uusimaa_party, situation };

    let names = ssr::Names::load(&pool, subject.citizen, locale, subject.visibility).await?;
    let declarations = data_use_repo::declarations(&pool, subject.citizen).await.map_err(db_error)?;
    let confirmations = data_use_repo::confirmation_instants(&pool, subject.citizen).await.map_err(db_error)?;
    let now = chrono::Utc::now();
    let opens = config()?.cross_sector_opens;
    let valid = valid_at(&declarations, &confirmations, now);

    let events = names.visible_events(subject.visibility);
    let prescriptions = names.visible_prescriptions(subject.visibility);
    let mut items: Vec<((String, String, NaiveDate), Item)> = Vec::new();
    for e in &events {
        let register = crate::api::records::register_label(locale, &names.providers, &e.register);
        items.push((
            (e.title.clone(), register, e.started_on),
            Item::Entry { register: e.register.clone(), service_event: e.id },
        ));
    }
    for p in &prescriptions {
        let label = format!("{} {}", p.medicine, p.strength);
        items.push(((label, t.prescription_centre.to_string(), p.prescribed_on), p.item()));
    }
    let decided = preview(&items, &viewer, &valid, now, opens);
    let mut counts: Vec<RegisterCount> = Vec::new();
    let rows = decided
        .into_iter()
        .map(|((label, register, date), d)| {
            match counts.iter_mut().find(|c| c.register == *register) {
                Some(c) => {
                    if d.is_visible() {
                        c.visible += 1
                    } else {
                        c.hidden += 1
                    }
                }
                None => counts.push(RegisterCount {
                    register: register.clone(),
                    visible: usize::from(d.is_visible()),
                    hidden: usize::from(!d.is_visible()),
                }),
            }
            PreviewRow {
                label: label.clone(),
                register: register.clone(),
                date: *date,
                visible: d.is_visible(),
                reason: names.reason(d.reason(), &declarations),
            }
        })
        .collect();
    Ok(PreviewView {
        viewer_choices,
        viewer: Some(chosen.to_string()),
        situation: situation_code(situation).into(),
        rows,
        counts,
    })
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
    let text = repo::notice_text(&pool, &version, locale).await?.ok_or(AppError::UnknownNoticeVersion)?;
    Ok(NoticeVersionView { version, published_on: text.published_on, title: text.title, body: text.body })
}

/// A guardian acting for a child confirms, online, that the child's
/// guardian has received the current notice (DOMAIN.md §6). Only while
/// acting for a child; the citizen's own confirmation is on the notice page.
#[server(endpoint = "confirm_child_notice")]
pub async fn confirm_child_notice(version: String) -> Result<String, AppError> {
    use crate::server::*;
    let subject = require_subject().await?;
    if subject.asker == subject.citizen {
        return Err(AppError::Forbidden);
    }
    let version = NoticeVersion::parse(&version).map_err(|_| AppError::UnknownNoticeVersion)?;
    let pool = pool()?;
    let current = repo::current_notice_version(&pool).await?;
    if version != current {
        return Err(AppError::NoticeVersionOutdated);
    }
    repo::confirm_notice_online_by(&pool, subject.citizen, &version, chrono::Utc::now(), Some(subject.asker)).await?;
    tracing::info!(child = subject.citizen.0, guardian = subject.asker.0, %version, "notice confirmed by a guardian");
    Ok(navigate_after_form("/data-use"))
}

//! The one error type of the server-function layer. It crosses the wire
//! (serialised), so it carries kinds, never internal causes: those are logged
//! on the server where they happen. Each kind maps to one translated message
//! and one HTTP status.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::api::filters::FilterError;
use crate::api::forms::FormError;
use crate::domain::acting::OwnMatter;
use crate::domain::renewal::RenewalRefusal;
use crate::domain::validity::DeclarationError;
use crate::domain::wellbeing::WellbeingError;
use crate::domain::wills::WillFormError;
use crate::domain::IdentityCodeError;
use crate::i18n::Texts;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    InvalidIdentityCode(IdentityCodeError),
    PasswordMissing,
    BadCredentials,
    NotAuthenticated,
    NoticeNotConfirmed,
    UnknownNoticeVersion,
    NoticeVersionOutdated,
    BadRequest,
    /// A filter or page link of a records page did not parse.
    BadFilter(FilterError),
    /// The asker may not act on this person's data.
    Forbidden,
    /// A declaration asked by someone acting by an e-authorisation, which
    /// never allows one (DOMAIN.md §6, §8); nothing was written.
    AgentMayNotDeclare,
    /// A declaration that makes no sense now; nothing was written.
    Declaration(DeclarationError),
    /// A field of a Management of Data Use form does not parse.
    BadForm(FormError),
    /// A renewal request that cannot be sent; nothing was written.
    Renewal(RenewalRefusal),
    /// A field of a will's or the abroad consent's form; nothing was written.
    BadWillForm(WillFormError),
    /// A measurement that is not recorded (a field, or a correction that
    /// makes no sense); nothing was written.
    Wellbeing(WellbeingError),
    /// A page of a sector that the asker's e-authorisation does not name.
    NotAuthorisedFor(crate::domain::declarations::Sector),
    /// A matter only the person themself handles, asked by someone acting
    /// for them (a guardian, an agent); nothing was written or shown.
    OwnMatter(OwnMatter),
    /// No such item among the data the asker may see (also when it exists
    /// but is someone else's: the answer does not tell the two apart).
    NotFound,
    /// A request body over the server's limit (forms are small).
    TooLarge,
    /// A state-changing request from another site (CSRF); nothing was done.
    CrossSite,
    /// A server-function call whose body is not the forms' content type.
    UnsupportedContentType,
    /// The form was loaded for another person than the one the session now
    /// acts for (e.g. "act for child" in another tab); nothing was written.
    SubjectChanged,
    /// Too many failed logins of this identity code or from this address:
    /// logging in is paused (the same answer whatever the password).
    LoginThrottled,
    /// Strong identification did not log the citizen in.
    Identification(crate::domain::identification::IdentificationFailure),
    /// A password login on a server not in demo mode: citizens identify
    /// through the identification service only.
    PasswordLoginOff,
    /// The form's key was not issued in this session (stale after a new
    /// login, or made up); nothing was written.
    FormExpired,
    Internal,
    Unavailable,
    /// Only ever made on the client: the server could not be reached.
    Network,
}

impl AppError {
    pub fn message(&self, t: &'static Texts) -> &'static str {
        match self {
            AppError::InvalidIdentityCode(kind) => match kind {
                IdentityCodeError::WrongLength => t.err_identity_code_length,
                IdentityCodeError::NotDigits => t.err_identity_code_digits,
                IdentityCodeError::BadCenturySign => t.err_identity_code_century,
                IdentityCodeError::ImpossibleDate => t.err_identity_code_date,
                IdentityCodeError::BadIndividualNumber => t.err_identity_code_individual,
                IdentityCodeError::WrongCheckCharacter => t.err_identity_code_check,
            },
            AppError::PasswordMissing => t.err_password_missing,
            AppError::BadCredentials => t.err_bad_credentials,
            AppError::NotAuthenticated => t.err_not_authenticated,
            AppError::NoticeNotConfirmed => t.err_notice_not_confirmed,
            AppError::UnknownNoticeVersion => t.err_unknown_notice_version,
            AppError::NoticeVersionOutdated => t.err_notice_version_outdated,
            AppError::BadRequest => t.err_bad_request,
            AppError::BadFilter(field) => match field {
                FilterError::Register => t.err_filter_register,
                FilterError::Provider => t.err_filter_provider,
                FilterError::Kind => t.err_filter_kind,
                FilterError::From => t.err_filter_from,
                FilterError::To => t.err_filter_to,
                FilterError::Range => t.err_filter_range,
                FilterError::Cursor => t.err_filter_cursor,
                FilterError::PrescriptionState => t.err_filter_prescription_state,
                FilterError::LabTest => t.err_filter_lab_test,
                FilterError::CopyFormat => t.err_filter_copy_format,
            },
            AppError::Forbidden => t.err_forbidden,
            AppError::AgentMayNotDeclare => t.err_agent_declares,
            AppError::Declaration(e) => match e {
                DeclarationError::ConsentAlreadyGiven => t.err_consent_already_given,
                DeclarationError::NoConsentToWithdraw => t.err_no_consent_to_withdraw,
                DeclarationError::CrossSectorNotOpenYet => t.err_cross_sector_not_open,
                DeclarationError::NoDenialToCancel => t.err_no_denial_to_cancel,
                DeclarationError::NotTheCitizensData => t.err_not_the_citizens_data,
                DeclarationError::DenialAlreadyValid => t.err_denial_already_valid,
                DeclarationError::NoConsentToUpdate => t.err_no_consent_to_update,
                DeclarationError::EmergencyPermissionAlreadyGiven => t.err_emergency_permission_already_given,
                DeclarationError::NoEmergencyPermissionToWithdraw => t.err_no_emergency_permission_to_withdraw,
                DeclarationError::EmergencyPermissionNotApplicable => t.err_emergency_permission_not_applicable,
                DeclarationError::Unchanged => t.wills.err_unchanged,
                DeclarationError::NoLivingWillToWithdraw => t.wills.err_no_living_will,
                DeclarationError::NoOrganDonationToWithdraw => t.wills.err_no_organ_donation,
            },
            AppError::BadWillForm(e) => match e {
                WillFormError::LivingWillEmpty => t.wills.err_living_will_empty,
                WillFormError::CareTooLong => t.wills.err_care_too_long,
                WillFormError::EndOfLifeTooLong => t.wills.err_end_of_life_too_long,
                WillFormError::PersonTooLong => t.wills.err_person_too_long,
                WillFormError::DonationChoice => t.wills.err_donation_choice,
                WillFormError::RestrictionTooLong => t.wills.err_restriction_too_long,
                WillFormError::RestrictionWithNo => t.wills.err_restriction_with_no,
                WillFormError::Countries => t.wills.err_countries,
                WillFormError::NotText => t.err_not_text,
            },
            AppError::NotAuthorisedFor(crate::domain::declarations::Sector::Healthcare) => {
                t.err_authorisation_not_healthcare
            }
            AppError::NotAuthorisedFor(crate::domain::declarations::Sector::SocialWelfare) => {
                t.err_authorisation_not_social
            }
            AppError::OwnMatter(m) => match m {
                OwnMatter::Denials => t.err_own_denials,
                OwnMatter::Wills => t.err_own_wills,
                OwnMatter::AbroadConsent => t.err_own_abroad_consent,
                OwnMatter::ViewingLog => t.err_own_viewing_log,
                OwnMatter::WellbeingData => t.wellbeing.err_agent,
            },
            AppError::Wellbeing(e) => t.wellbeing.error(*e),
            AppError::BadForm(e) => match e {
                FormError::Sector => t.err_form_sector,
                FormError::DenialKind => t.err_form_denial_kind,
                FormError::DenialTarget => t.err_form_denial_target,
                FormError::Viewer => t.err_form_viewer,
                FormError::Situation => t.err_form_situation,
            },
            AppError::Renewal(e) => match e {
                RenewalRefusal::Narcotic => t.err_renewal_narcotic,
                RenewalRefusal::ExpiredTooLongAgo => t.err_renewal_expired,
                RenewalRefusal::AlreadyRequested => t.err_renewal_already_requested,
                RenewalRefusal::MessageTooLong => t.err_renewal_message_too_long,
                RenewalRefusal::MessageNotText => t.err_not_text,
                RenewalRefusal::Unit => t.err_renewal_unit,
                RenewalRefusal::Mobile => t.err_renewal_mobile,
            },
            AppError::NotFound => t.err_not_found,
            AppError::TooLarge => t.err_too_large,
            AppError::CrossSite => t.err_cross_site,
            AppError::UnsupportedContentType => t.err_bad_request,
            AppError::SubjectChanged => t.err_subject_changed,
            AppError::FormExpired => t.err_form_expired,
            AppError::LoginThrottled => t.err_login_throttled,
            AppError::Identification(f) => t.identification.failure(*f),
            AppError::PasswordLoginOff => t.identification.password_login_off,
            AppError::Internal => t.err_internal,
            AppError::Unavailable => t.err_unavailable,
            AppError::Network => t.err_network,
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::InvalidIdentityCode(_)
            | AppError::PasswordMissing
            | AppError::UnknownNoticeVersion
            | AppError::BadRequest
            | AppError::BadFilter(_)
            | AppError::BadForm(_)
            | AppError::BadWillForm(_) => 400,
            AppError::Declaration(DeclarationError::NotTheCitizensData)
            | AppError::OwnMatter(_)
            | AppError::NotAuthorisedFor(_) => 403,
            AppError::Declaration(_) => 409,
            AppError::Renewal(
                RenewalRefusal::MessageTooLong
                | RenewalRefusal::MessageNotText
                | RenewalRefusal::Unit
                | RenewalRefusal::Mobile,
            ) => 400,
            AppError::Renewal(_) => 409,
            AppError::Wellbeing(e) => match e {
                WellbeingError::NothingToCorrect => 404,
                WellbeingError::AlreadyCorrected => 409,
                WellbeingError::GuardianAgeLimit => 403,
                _ => 400,
            },
            AppError::BadCredentials | AppError::NotAuthenticated => 401,
            AppError::NoticeNotConfirmed | AppError::Forbidden | AppError::AgentMayNotDeclare => 403,
            AppError::NotFound => 404,
            AppError::TooLarge => 413,
            AppError::CrossSite => 403,
            AppError::UnsupportedContentType => 415,
            AppError::SubjectChanged => 409,
            AppError::FormExpired => 403,
            AppError::LoginThrottled => 429,
            AppError::Identification(f) => f.status(),
            AppError::PasswordLoginOff => 403,
            AppError::NoticeVersionOutdated => 409,
            AppError::Internal => 500,
            AppError::Unavailable | AppError::Network => 503,
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The body was over the limit (http-body-util's LengthLimitError).
            ServerFnErrorErr::Deserialization(e) if e.contains("length limit exceeded") => AppError::TooLarge,
            // The arguments did not deserialise, or the body was not UTF-8
            // (on the server, `Deserialization` is the request body): a
            // forged or broken request.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::BadRequest
            }
            ServerFnErrorErr::Request(_) => AppError::Network,
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failed");
                let _ = other;
                AppError::Internal
            }
        }
    }
}

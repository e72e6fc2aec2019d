//! The one error type of the server-function layer. It crosses the wire
//! (serialised), so it carries kinds, never internal causes: those are logged
//! on the server where they happen. Each kind maps to one translated message
//! and one HTTP status.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

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
            | AppError::BadRequest => 400,
            AppError::BadCredentials | AppError::NotAuthenticated => 401,
            AppError::NoticeNotConfirmed => 403,
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
            // The arguments did not deserialise: a forged or broken request.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::BadRequest,
            ServerFnErrorErr::Request(_) => AppError::Network,
            _ => AppError::Internal,
        }
    }
}

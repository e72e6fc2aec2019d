//! What the portal signs and what it checks, without I/O: the signed
//! authorisation request (JAR), the client assertion (`private_key_jwt`),
//! and the ID token, decrypted with the portal's key, its signature checked
//! against the provider's keys and its claims against what this login
//! expects, at an injected "now". The cryptography is josekit's (OpenSSL).

use base64::Engine;
use chrono::{DateTime, Utc};
use josekit::jwk::JwkSet;
use josekit::jws::JwsHeader;
use josekit::jwt::{self, JwtPayload};
use serde_json::Value;
use sha2::{Digest, Sha256};

use app::domain::identification::{AssuranceLevel, IdentificationFailure, ACR_HIGH, ACR_SUBSTANTIAL};

use super::keys::PortalKeys;

/// How far the provider's clock may be from ours.
pub const CLOCK_SKEW_SECONDS: i64 = 60;
/// What the portal asks the provider for.
pub const SCOPE: &str = "openid profile personal_identity_code";

/// 32 random bytes, base64url: a `state`, a `nonce`, a PKCE verifier, a `jti`.
pub fn random_token() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// PKCE's S256 challenge of a verifier.
pub fn code_challenge(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// The authorisation request's parameters, all of them inside the signed
/// request object.
pub struct AuthorizationRequest<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub state: &'a str,
    pub nonce: &'a str,
    pub code_verifier: &'a str,
    /// The citizen's language, for the provider's pages.
    pub ui_locales: &'a str,
}

fn system_time(at: DateTime<Utc>) -> std::time::SystemTime {
    std::time::UNIX_EPOCH + std::time::Duration::from_secs(u64::try_from(at.timestamp()).unwrap_or(0))
}

/// The signed request object (RFC 9101), valid for five minutes. Every
/// identification asks for a fresh authentication (`prompt=login`) at the
/// substantial or high level.
pub fn request_object(keys: &PortalKeys, r: &AuthorizationRequest, now: DateTime<Utc>) -> Result<String, String> {
    let mut header = JwsHeader::new();
    header.set_token_type("oauth-authz-req+jwt");
    let mut p = JwtPayload::new();
    p.set_issuer(r.client_id);
    p.set_audience(vec![r.issuer]);
    p.set_issued_at(&system_time(now));
    p.set_not_before(&system_time(now));
    p.set_expires_at(&system_time(now + chrono::Duration::minutes(5)));
    p.set_jwt_id(random_token());
    let claims = [
        ("client_id", r.client_id.to_string()),
        ("response_type", "code".to_string()),
        ("redirect_uri", r.redirect_uri.to_string()),
        ("scope", SCOPE.to_string()),
        ("state", r.state.to_string()),
        ("nonce", r.nonce.to_string()),
        ("code_challenge", code_challenge(r.code_verifier)),
        ("code_challenge_method", "S256".to_string()),
        ("acr_values", format!("{ACR_HIGH} {ACR_SUBSTANTIAL}")),
        ("prompt", "login".to_string()),
        ("ui_locales", r.ui_locales.to_string()),
    ];
    for (name, value) in claims {
        p.set_claim(name, Some(Value::String(value))).map_err(|e| e.to_string())?;
    }
    jwt::encode_with_signer(&p, &header, &keys.signer).map_err(|e| e.to_string())
}

/// The client's authentication at the token endpoint (`private_key_jwt`):
/// a JWT about itself, for the token endpoint, valid for a minute.
pub fn client_assertion(
    keys: &PortalKeys,
    client_id: &str,
    token_endpoint: &str,
    now: DateTime<Utc>,
) -> Result<String, String> {
    let mut header = JwsHeader::new();
    header.set_token_type("JWT");
    let mut p = JwtPayload::new();
    p.set_issuer(client_id);
    p.set_subject(client_id);
    p.set_audience(vec![token_endpoint]);
    p.set_issued_at(&system_time(now));
    p.set_expires_at(&system_time(now + chrono::Duration::minutes(1)));
    p.set_jwt_id(random_token());
    jwt::encode_with_signer(&p, &header, &keys.signer).map_err(|e| e.to_string())
}

/// Why an ID token was not accepted. `code` goes in the audit log; the
/// citizen is told the `failure`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    /// A signed token that was not encrypted to the portal.
    NotEncrypted,
    /// Encrypted, but not to the portal's key (or tampered with).
    Undecryptable,
    /// `alg: none`.
    Unsigned,
    /// Signed by a key the provider does not publish (after a refetch).
    UnknownKey,
    /// The signature does not verify with the key its `kid` names.
    BadSignature,
    Malformed,
    WrongIssuer,
    WrongAudience,
    Expired,
    IssuedInTheFuture,
    WrongNonce,
    LevelTooLow,
    NoIdentityCode,
}

impl TokenProblem {
    pub fn code(self) -> &'static str {
        match self {
            TokenProblem::NotEncrypted => "token_not_encrypted",
            TokenProblem::Undecryptable => "token_undecryptable",
            TokenProblem::Unsigned => "token_unsigned",
            TokenProblem::UnknownKey => "token_unknown_key",
            TokenProblem::BadSignature => "token_bad_signature",
            TokenProblem::Malformed => "token_malformed",
            TokenProblem::WrongIssuer => "token_wrong_issuer",
            TokenProblem::WrongAudience => "token_wrong_audience",
            TokenProblem::Expired => "token_expired",
            TokenProblem::IssuedInTheFuture => "token_issued_in_the_future",
            TokenProblem::WrongNonce => "token_wrong_nonce",
            TokenProblem::LevelTooLow => "level_too_low",
            TokenProblem::NoIdentityCode => "token_no_identity_code",
        }
    }

    pub fn failure(self) -> IdentificationFailure {
        match self {
            TokenProblem::LevelTooLow => IdentificationFailure::LevelTooLow,
            _ => IdentificationFailure::NotVerified,
        }
    }
}

/// What this login expects of its ID token.
pub struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a str,
    /// The claim that carries the personal identity code.
    pub identity_claim: &'a str,
}

/// Who the ID token says was identified, and how strongly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identified {
    /// As the provider wrote it; the caller parses it as an identity code.
    pub identity_code: String,
    pub level: AssuranceLevel,
    /// The signed (inner) token: the `id_token_hint` of the logout.
    pub signed: String,
}

/// The whole check: decrypt, verify the signature, check the claims.
pub fn identify(
    token: &str,
    keys: &PortalKeys,
    provider_keys: &JwkSet,
    expected: &Expected,
    now: DateTime<Utc>,
) -> Result<Identified, TokenProblem> {
    let signed = decrypt(token, keys)?;
    let payload = verify_signature(&signed, provider_keys)?;
    let (identity_code, level) = check_claims(&payload, expected, now)?;
    Ok(Identified { identity_code, level, signed })
}

/// The JWE's content, a signed JWT. A three-part token was never encrypted.
pub fn decrypt(token: &str, keys: &PortalKeys) -> Result<String, TokenProblem> {
    match token.split('.').count() {
        5 => {}
        3 => return Err(TokenProblem::NotEncrypted),
        _ => return Err(TokenProblem::Malformed),
    }
    let (content, _header) =
        josekit::jwe::deserialize_compact(token, &keys.decrypter).map_err(|_| TokenProblem::Undecryptable)?;
    String::from_utf8(content).map_err(|_| TokenProblem::Malformed)
}

/// The payload of a JWT signed (RS256) by the provider key its `kid` names.
pub fn verify_signature(signed: &str, provider_keys: &JwkSet) -> Result<JwtPayload, TokenProblem> {
    let header = jwt::decode_header(signed).map_err(|_| TokenProblem::Malformed)?;
    match header.claim("alg").and_then(Value::as_str) {
        Some("RS256") => {}
        Some("none") | None => return Err(TokenProblem::Unsigned),
        Some(_) => return Err(TokenProblem::BadSignature),
    }
    let kid = header.claim("kid").and_then(Value::as_str).ok_or(TokenProblem::UnknownKey)?;
    let key = provider_keys
        .get(kid)
        .into_iter()
        .find(|k| k.key_use().is_none_or(|u| u == "sig"))
        .ok_or(TokenProblem::UnknownKey)?;
    let verifier = josekit::jws::RS256.verifier_from_jwk(key).map_err(|_| TokenProblem::BadSignature)?;
    let (payload, _) = jwt::decode_with_verifier(signed, &verifier).map_err(|_| TokenProblem::BadSignature)?;
    Ok(payload)
}

/// The claims (OpenID Connect Core §3.1.3.7): the issuer, this client as
/// the audience (and the authorised party when there are several), the
/// times with a minute's skew, this login's nonce, the level of assurance,
/// and the identity code. Answers the code and the level.
pub fn check_claims(
    p: &JwtPayload,
    expected: &Expected,
    now: DateTime<Utc>,
) -> Result<(String, AssuranceLevel), TokenProblem> {
    if p.issuer() != Some(expected.issuer) {
        return Err(TokenProblem::WrongIssuer);
    }
    let audience = p.audience().unwrap_or_default();
    let azp = p.claim("azp").and_then(Value::as_str);
    let for_us = audience.contains(&expected.client_id)
        && (audience.len() == 1 || azp == Some(expected.client_id))
        && azp.is_none_or(|a| a == expected.client_id);
    if !for_us {
        return Err(TokenProblem::WrongAudience);
    }
    let seconds = |t: Option<std::time::SystemTime>| {
        t.and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).and_then(|d| i64::try_from(d.as_secs()).ok())
    };
    let now = now.timestamp();
    match seconds(p.expires_at()) {
        Some(exp) if exp + CLOCK_SKEW_SECONDS > now => {}
        _ => return Err(TokenProblem::Expired),
    }
    match seconds(p.issued_at()) {
        Some(iat) if iat - CLOCK_SKEW_SECONDS <= now => {}
        Some(_) => return Err(TokenProblem::IssuedInTheFuture),
        None => return Err(TokenProblem::Malformed),
    }
    let nonce = p.claim("nonce").and_then(Value::as_str).unwrap_or_default();
    if !constant_time_eq(nonce.as_bytes(), expected.nonce.as_bytes()) {
        return Err(TokenProblem::WrongNonce);
    }
    let level =
        p.claim("acr").and_then(Value::as_str).and_then(AssuranceLevel::from_acr).ok_or(TokenProblem::LevelTooLow)?;
    let code = p
        .claim(expected.identity_claim)
        .and_then(Value::as_str)
        .filter(|c| !c.is_empty())
        .ok_or(TokenProblem::NoIdentityCode)?;
    Ok((code.to_string(), level))
}

/// Compares secrets without stopping at the first difference.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

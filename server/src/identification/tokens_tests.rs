//! The ID token checks against crafted tokens: every case a real provider
//! will not produce on request (a wrong nonce, a foreign signature, an
//! expired token, a low level…), each made by signing and encrypting with
//! josekit exactly as a provider would, then changing one thing.

use chrono::{DateTime, TimeZone, Utc};
use josekit::jwe::JweHeader;
use josekit::jwk::alg::rsa::RsaKeyPair;
use josekit::jwk::{Jwk, JwkSet, KeyPair};
use josekit::jws::JwsHeader;
use josekit::jwt::{self, JwtPayload};
use serde_json::{json, Value};

use super::keys::PortalKeys;
use super::tokens::*;
use app::domain::identification::{AssuranceLevel, ACR_HIGH, ACR_SUBSTANTIAL};

const ISSUER: &str = "https://tunnistus.example";
const CLIENT: &str = "kanta-portal";
const NONCE: &str = "n-0S6_WzA2Mj";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 5, 10, 0, 0).unwrap()
}

struct Provider {
    pair: RsaKeyPair,
    kid: String,
}

impl Provider {
    fn new(kid: &str) -> Provider {
        Provider { pair: RsaKeyPair::generate(2048).unwrap(), kid: kid.to_string() }
    }

    fn public(&self) -> Jwk {
        let mut jwk = self.pair.to_jwk_public_key();
        jwk.set_key_id(self.kid.as_str());
        jwk.set_key_use("sig");
        jwk
    }

    fn sign(&self, claims: &Value) -> String {
        let mut signer = josekit::jws::RS256.signer_from_pem(self.pair.to_pem_private_key()).unwrap();
        signer.set_key_id(self.kid.as_str());
        let payload = JwtPayload::from_map(claims.as_object().unwrap().clone()).unwrap();
        jwt::encode_with_signer(&payload, &JwsHeader::new(), &signer).unwrap()
    }
}

fn portal() -> PortalKeys {
    let sig = RsaKeyPair::generate(2048).unwrap().to_pem_private_key();
    let enc = RsaKeyPair::generate(2048).unwrap().to_pem_private_key();
    PortalKeys::from_pems(&sig, &enc).unwrap()
}

/// Encrypts to the portal's published encryption key, as the provider does.
fn encrypt_to(keys: &PortalKeys, signed: &str) -> String {
    let enc = keys.public_jwks["keys"][1].as_object().unwrap().clone();
    let jwk = Jwk::from_map(enc).unwrap();
    let encrypter = josekit::jwe::RSA_OAEP.encrypter_from_jwk(&jwk).unwrap();
    let mut header = JweHeader::new();
    header.set_content_encryption("A256GCM");
    header.set_content_type("JWT");
    josekit::jwe::serialize_compact(signed.as_bytes(), &header, &encrypter).unwrap()
}

fn good_claims() -> Value {
    let t = now().timestamp();
    json!({
        "iss": ISSUER, "aud": CLIENT, "sub": "5e0e4b", "iat": t - 5, "exp": t + 300,
        "nonce": NONCE, "acr": ACR_HIGH, "personal_identity_code": "010203A123B",
    })
}

fn with(change: impl FnOnce(&mut Value)) -> Value {
    let mut claims = good_claims();
    change(&mut claims);
    claims
}

fn without(name: &str) -> Value {
    let mut claims = good_claims();
    claims.as_object_mut().unwrap().remove(name);
    claims
}

fn expected() -> Expected<'static> {
    Expected { issuer: ISSUER, client_id: CLIENT, nonce: NONCE, identity_claim: "personal_identity_code" }
}

fn set_of(keys: &[Jwk]) -> JwkSet {
    let mut set = JwkSet::new();
    for k in keys {
        set.push_key(k.clone());
    }
    set
}

#[test]
fn a_token_signed_by_the_provider_and_encrypted_to_the_portal_identifies_the_person() {
    let (keys, provider) = (portal(), Provider::new("k1"));
    let token = encrypt_to(&keys, &provider.sign(&good_claims()));
    let who = identify(&token, &keys, &set_of(&[provider.public()]), &expected(), now()).unwrap();
    assert_eq!(who.identity_code, "010203A123B");
    assert_eq!(who.level, AssuranceLevel::High);
    assert_eq!(who.signed.split('.').count(), 3, "the inner JWS is kept for the logout's id_token_hint");
    let substantial = encrypt_to(&keys, &provider.sign(&with(|c| c["acr"] = json!(ACR_SUBSTANTIAL))));
    let who = identify(&substantial, &keys, &set_of(&[provider.public()]), &expected(), now()).unwrap();
    assert_eq!(who.level, AssuranceLevel::Substantial);
}

fn problem(keys: &PortalKeys, provider: &Provider, token: &str) -> TokenProblem {
    identify(token, keys, &set_of(&[provider.public()]), &expected(), now()).unwrap_err()
}

#[test]
fn a_token_not_encrypted_or_encrypted_to_another_key_is_refused() {
    let (keys, provider) = (portal(), Provider::new("k1"));
    let signed = provider.sign(&good_claims());
    assert_eq!(problem(&keys, &provider, &signed), TokenProblem::NotEncrypted);
    let someone_else = portal();
    assert_eq!(problem(&keys, &provider, &encrypt_to(&someone_else, &signed)), TokenProblem::Undecryptable);
    let token = encrypt_to(&keys, &signed);
    let mut parts: Vec<String> = token.split('.').map(String::from).collect();
    parts[3] = parts[3].chars().rev().collect(); // the ciphertext tampered with
    assert_eq!(problem(&keys, &provider, &parts.join(".")), TokenProblem::Undecryptable);
    assert_eq!(problem(&keys, &provider, "a.b"), TokenProblem::Malformed);
}

#[test]
fn an_unsigned_token_or_one_signed_by_another_key_is_refused() {
    let (keys, provider) = (portal(), Provider::new("k1"));
    let payload = JwtPayload::from_map(good_claims().as_object().unwrap().clone()).unwrap();
    let unsigned = jwt::encode_unsecured(&payload, &JwsHeader::new()).unwrap();
    assert_eq!(problem(&keys, &provider, &encrypt_to(&keys, &unsigned)), TokenProblem::Unsigned);
    // An impostor's key under the provider's kid: the signature does not verify.
    let impostor = Provider::new("k1");
    let forged = encrypt_to(&keys, &impostor.sign(&good_claims()));
    assert_eq!(problem(&keys, &provider, &forged), TokenProblem::BadSignature);
    // A key the provider does not publish (the caller refetches once, then refuses).
    let rotated = Provider::new("k2");
    let unknown = encrypt_to(&keys, &rotated.sign(&good_claims()));
    assert_eq!(problem(&keys, &provider, &unknown), TokenProblem::UnknownKey);
    let after_refetch = set_of(&[provider.public(), rotated.public()]);
    assert!(identify(&unknown, &keys, &after_refetch, &expected(), now()).is_ok());
}

#[test]
fn the_issuer_audience_and_nonce_must_be_this_logins() {
    let (keys, provider) = (portal(), Provider::new("k1"));
    let check = |claims: Value| problem(&keys, &provider, &encrypt_to(&keys, &provider.sign(&claims)));
    assert_eq!(check(with(|c| c["iss"] = json!("https://evil.example"))), TokenProblem::WrongIssuer);
    assert_eq!(check(with(|c| c["aud"] = json!("another-service"))), TokenProblem::WrongAudience);
    assert_eq!(check(with(|c| c["aud"] = json!([CLIENT, "another-service"]))), TokenProblem::WrongAudience);
    assert_eq!(check(with(|c| c["azp"] = json!("another-service"))), TokenProblem::WrongAudience);
    assert_eq!(check(with(|c| c["nonce"] = json!("replayed-from-another-login"))), TokenProblem::WrongNonce);
    assert_eq!(check(without("nonce")), TokenProblem::WrongNonce);
    // Several audiences with this client as the authorised party are fine.
    let shared = with(|c| {
        c["aud"] = json!([CLIENT, "another-service"]);
        c["azp"] = json!(CLIENT);
    });
    assert!(identify(
        &encrypt_to(&keys, &provider.sign(&shared)),
        &keys,
        &set_of(&[provider.public()]),
        &expected(),
        now()
    )
    .is_ok());
}

#[test]
fn an_expired_token_or_one_issued_in_the_future_is_refused_beyond_a_minutes_skew() {
    let (keys, provider) = (portal(), Provider::new("k1"));
    let t = now().timestamp();
    let check = |claims: Value| {
        identify(&encrypt_to(&keys, &provider.sign(&claims)), &keys, &set_of(&[provider.public()]), &expected(), now())
    };
    assert_eq!(check(with(|c| c["exp"] = json!(t - CLOCK_SKEW_SECONDS))).unwrap_err(), TokenProblem::Expired);
    assert!(check(with(|c| c["exp"] = json!(t - CLOCK_SKEW_SECONDS + 1))).is_ok(), "within the skew");
    assert_eq!(check(without("exp")).unwrap_err(), TokenProblem::Expired);
    assert_eq!(
        check(with(|c| c["iat"] = json!(t + CLOCK_SKEW_SECONDS + 1))).unwrap_err(),
        TokenProblem::IssuedInTheFuture
    );
    assert!(check(with(|c| c["iat"] = json!(t + CLOCK_SKEW_SECONDS))).is_ok());
}

#[test]
fn only_substantial_or_high_identification_with_an_identity_code_logs_in() {
    let (keys, provider) = (portal(), Provider::new("k1"));
    let check = |claims: Value| problem(&keys, &provider, &encrypt_to(&keys, &provider.sign(&claims)));
    assert_eq!(check(with(|c| c["acr"] = json!("http://ftn.ficora.fi/2017/loa1"))), TokenProblem::LevelTooLow);
    assert_eq!(check(without("acr")), TokenProblem::LevelTooLow);
    assert_eq!(TokenProblem::LevelTooLow.failure(), app::domain::identification::IdentificationFailure::LevelTooLow);
    assert_eq!(check(without("personal_identity_code")), TokenProblem::NoIdentityCode);
    assert_eq!(check(with(|c| c["personal_identity_code"] = json!(""))), TokenProblem::NoIdentityCode);
}

#[test]
fn the_request_object_and_client_assertion_are_signed_by_the_portals_published_key() {
    let keys = portal();
    let request = AuthorizationRequest {
        issuer: ISSUER,
        client_id: CLIENT,
        redirect_uri: "https://omakanta.example/identify/callback",
        state: "s",
        nonce: NONCE,
        code_verifier: "verifier",
        ui_locales: "sv",
    };
    let published = Jwk::from_map(keys.public_jwks["keys"][0].as_object().unwrap().clone()).unwrap();
    let verifier = josekit::jws::RS256.verifier_from_jwk(&published).unwrap();
    let (p, header) = jwt::decode_with_verifier(request_object(&keys, &request, now()).unwrap(), &verifier).unwrap();
    assert_eq!(header.claim("kid").and_then(Value::as_str), Some(keys.signing_kid.as_str()));
    assert_eq!(p.issuer(), Some(CLIENT));
    assert_eq!(p.audience(), Some(vec![ISSUER]));
    assert_eq!(p.claim("code_challenge").and_then(Value::as_str), Some(code_challenge("verifier").as_str()));
    assert_eq!(p.claim("code_challenge_method"), Some(&json!("S256")));
    assert_eq!(p.claim("nonce"), Some(&json!(NONCE)));
    assert_eq!(p.claim("ui_locales"), Some(&json!("sv")));
    assert_eq!(p.claim("prompt"), Some(&json!("login")));
    let (a, _) = jwt::decode_with_verifier(
        client_assertion(&keys, CLIENT, "https://t.example/token", now()).unwrap(),
        &verifier,
    )
    .unwrap();
    assert_eq!((a.issuer(), a.subject()), (Some(CLIENT), Some(CLIENT)));
    assert_eq!(a.audience(), Some(vec!["https://t.example/token"]));
    assert!(a.jwt_id().is_some_and(|j| j.len() >= 43), "a fresh jti of 32 random bytes");
    // RFC 7636's example.
    assert_eq!(
        code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
    assert!(constant_time_eq(b"abc", b"abc") && !constant_time_eq(b"abc", b"abd") && !constant_time_eq(b"ab", b"abc"));
}

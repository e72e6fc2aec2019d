//! The identification service over HTTP: its metadata (discovery), its
//! public keys (fetched again when a token names a key not yet seen: key
//! rotation), and the token endpoint. Every call has a deadline, so a
//! provider that is down or slow becomes "not available" in seconds.

use std::sync::Arc;
use std::time::Duration;

use josekit::jwk::JwkSet;
use serde::Deserialize;
use tokio::sync::RwLock;

/// What the portal uses of the provider's metadata.
#[derive(Debug, Clone, Deserialize)]
pub struct Metadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    pub end_session_endpoint: Option<String>,
}

/// Why a call to the provider did not give what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderError {
    /// No answer in time, a refused connection, a server error or an answer
    /// that is not what the protocol says: try again later.
    Unavailable(String),
    /// The provider answered, and said no (e.g. `invalid_grant`: a code
    /// used already or expired).
    Refused(String),
}

pub struct ProviderClient {
    http: reqwest::Client,
    issuer: String,
    metadata: RwLock<Option<Arc<Metadata>>>,
    keys: RwLock<Option<Arc<JwkSet>>>,
}

impl ProviderClient {
    pub fn new(issuer: &str, timeout: Duration) -> Result<ProviderClient, String> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("cannot make the identification service's HTTP client: {e}"))?;
        let issuer = issuer.trim_end_matches('/').to_string();
        Ok(ProviderClient { http, issuer, metadata: RwLock::new(None), keys: RwLock::new(None) })
    }

    /// The provider's metadata, fetched once and kept; it must name the
    /// configured issuer.
    pub async fn metadata(&self) -> Result<Arc<Metadata>, ProviderError> {
        if let Some(m) = self.metadata.read().await.as_ref() {
            return Ok(m.clone());
        }
        let url = format!("{}/.well-known/openid-configuration", self.issuer);
        let m: Metadata = self.get_json(&url).await?;
        if m.issuer.trim_end_matches('/') != self.issuer {
            return Err(ProviderError::Unavailable(format!("the metadata names another issuer: {}", m.issuer)));
        }
        let m = Arc::new(m);
        *self.metadata.write().await = Some(m.clone());
        Ok(m)
    }

    /// The provider's public keys: the ones kept, or (`refetch`, or none
    /// kept yet) fetched again.
    pub async fn keys(&self, refetch: bool) -> Result<Arc<JwkSet>, ProviderError> {
        if !refetch {
            if let Some(k) = self.keys.read().await.as_ref() {
                return Ok(k.clone());
            }
        }
        let uri = self.metadata().await?.jwks_uri.clone();
        let body = self.get_bytes(&uri).await?;
        let set = JwkSet::from_bytes(&body).map_err(|e| ProviderError::Unavailable(format!("bad JWK set: {e}")))?;
        let set = Arc::new(set);
        *self.keys.write().await = Some(set.clone());
        Ok(set)
    }

    /// Exchanges an authorisation code at the token endpoint; answers the
    /// ID token as the provider sent it (encrypted).
    pub async fn exchange(&self, token_endpoint: &str, form: &[(&str, &str)]) -> Result<String, ProviderError> {
        let res = self.http.post(token_endpoint).form(form).send().await.map_err(unavailable)?;
        let status = res.status();
        let bytes = res.bytes().await.map_err(unavailable)?;
        let body: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|e| ProviderError::Unavailable(format!("token endpoint answered {status}: {e}")))?;
        if status.is_client_error() {
            let error = body.get("error").and_then(|e| e.as_str()).unwrap_or("refused");
            return Err(ProviderError::Refused(error.to_string()));
        }
        if !status.is_success() {
            return Err(ProviderError::Unavailable(format!("token endpoint answered {status}")));
        }
        body.get("id_token")
            .and_then(|t| t.as_str())
            .map(str::to_string)
            .ok_or_else(|| ProviderError::Refused("no id_token".to_string()))
    }

    async fn get_bytes(&self, url: &str) -> Result<Vec<u8>, ProviderError> {
        let res = self.http.get(url).send().await.map_err(unavailable)?;
        if !res.status().is_success() {
            return Err(ProviderError::Unavailable(format!("{url} answered {}", res.status())));
        }
        Ok(res.bytes().await.map_err(unavailable)?.to_vec())
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, ProviderError> {
        let body = self.get_bytes(url).await?;
        serde_json::from_slice(&body).map_err(|e| ProviderError::Unavailable(format!("{url}: {e}")))
    }
}

fn unavailable(e: reqwest::Error) -> ProviderError {
    ProviderError::Unavailable(e.to_string())
}

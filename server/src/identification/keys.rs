//! The portal's own keys for identification: one RSA key signs its request
//! objects and client assertions (RS256), another decrypts the ID tokens the
//! provider encrypts to it (RSA-OAEP). Both are PEM files; their public
//! halves are published as a JWK set (`/.well-known/jwks.json`), each with
//! its RFC 7638 thumbprint as `kid`.

use std::path::{Path, PathBuf};

use base64::Engine;
use josekit::jwe::alg::rsaes::RsaesJweDecrypter;
use josekit::jwk::alg::rsa::RsaKeyPair;
use josekit::jwk::{Jwk, KeyPair};
use josekit::jws::alg::rsassa::RsassaJwsSigner;
use sha2::{Digest, Sha256};

/// The two key files' default names (under the data directory's `oidc/`).
pub const SIGNING_KEY_FILE: &str = "signing-key.pem";
pub const ENCRYPTION_KEY_FILE: &str = "encryption-key.pem";
/// The public JWK set, for a provider configured with a file.
pub const PUBLIC_JWKS_FILE: &str = "jwks.json";

/// The portal's keys, loaded.
pub struct PortalKeys {
    pub signer: RsassaJwsSigner,
    pub decrypter: RsaesJweDecrypter,
    /// The signing key's `kid`, put in the header of what it signs.
    pub signing_kid: String,
    /// The public keys as a JWK set document.
    pub public_jwks: serde_json::Value,
}

impl PortalKeys {
    /// Loads the two PEM files (PKCS#8 or PKCS#1 RSA private keys).
    pub fn load(signing: &Path, encryption: &Path) -> Result<PortalKeys, String> {
        let read = |p: &Path| std::fs::read(p).map_err(|e| format!("cannot read the key file {}: {e}", p.display()));
        let (signing_pem, encryption_pem) = (read(signing)?, read(encryption)?);
        PortalKeys::from_pems(&signing_pem, &encryption_pem).map_err(|(which, e)| {
            let path = if which == "sig" { signing } else { encryption };
            format!("{} is not an RSA private key: {e}", path.display())
        })
    }

    /// The keys from their PEM texts; an error names the key (`sig`, `enc`).
    pub fn from_pems(signing_pem: &[u8], encryption_pem: &[u8]) -> Result<PortalKeys, (&'static str, String)> {
        let sig_err = |e: josekit::JoseError| ("sig", e.to_string());
        let enc_err = |e: josekit::JoseError| ("enc", e.to_string());
        let mut sig = RsaKeyPair::from_pem(signing_pem).map_err(sig_err)?.to_jwk_public_key();
        let mut enc = RsaKeyPair::from_pem(encryption_pem).map_err(enc_err)?.to_jwk_public_key();
        let signing_kid = thumbprint(&sig).map_err(|e| ("sig", e))?;
        let encryption_kid = thumbprint(&enc).map_err(|e| ("enc", e))?;
        for (jwk, kid, key_use, alg) in
            [(&mut sig, &signing_kid, "sig", "RS256"), (&mut enc, &encryption_kid, "enc", "RSA-OAEP")]
        {
            jwk.set_key_id(kid.as_str());
            jwk.set_key_use(key_use);
            jwk.set_algorithm(alg);
        }
        let mut signer = josekit::jws::RS256.signer_from_pem(signing_pem).map_err(sig_err)?;
        signer.set_key_id(signing_kid.as_str());
        let decrypter = josekit::jwe::RSA_OAEP.decrypter_from_pem(encryption_pem).map_err(enc_err)?;
        let public_jwks = serde_json::json!({ "keys": [jwk_json(&sig), jwk_json(&enc)] });
        Ok(PortalKeys { signer, decrypter, signing_kid, public_jwks })
    }
}

fn jwk_json(jwk: &Jwk) -> serde_json::Value {
    serde_json::Value::Object(jwk.as_ref().clone())
}

/// RFC 7638: the SHA-256 of the key's required members in lexical order.
fn thumbprint(public: &Jwk) -> Result<String, String> {
    let member = |name: &str| public.parameter(name).and_then(|v| v.as_str()).ok_or(format!("the key has no {name}"));
    let canonical = format!(r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#, member("e")?, member("n")?);
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes())))
}

/// `kanta-server keys`: creates the two keys at their paths when they are
/// missing (an existing key is never replaced) and writes the public JWK set
/// beside the signing key. Answers the files written.
pub fn generate_missing(signing: &Path, encryption: &Path) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for path in [signing, encryption] {
        if path.exists() {
            continue;
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let pair = RsaKeyPair::generate(2048).map_err(|e| e.to_string())?;
        write_private(path, &pair.to_pem_private_key())?;
        written.push(path.to_path_buf());
    }
    let keys = PortalKeys::load(signing, encryption)?;
    let jwks = signing.with_file_name(PUBLIC_JWKS_FILE);
    std::fs::write(&jwks, keys.public_jwks.to_string()).map_err(|e| format!("cannot write {}: {e}", jwks.display()))?;
    written.push(jwks);
    Ok(written)
}

/// A private key, readable by its owner only.
fn write_private(path: &Path, pem: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    file.write_all(pem).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_load_publish_their_public_halves_only_and_are_never_replaced() {
        let dir = std::env::temp_dir().join(format!("kanta-keys-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (sig, enc) = (dir.join(SIGNING_KEY_FILE), dir.join(ENCRYPTION_KEY_FILE));
        let first = generate_missing(&sig, &enc).unwrap();
        assert_eq!(first.len(), 3);
        let before = std::fs::read(&sig).unwrap();
        assert_eq!(generate_missing(&sig, &enc).unwrap().len(), 1, "only the public set is written again");
        assert_eq!(std::fs::read(&sig).unwrap(), before);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&sig).unwrap().permissions().mode() & 0o077, 0, "the owner's only");
        }
        let keys = PortalKeys::load(&sig, &enc).unwrap();
        let file: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(PUBLIC_JWKS_FILE)).unwrap()).unwrap();
        assert_eq!(file, keys.public_jwks);
        let published = keys.public_jwks["keys"].as_array().unwrap();
        assert_eq!(published.len(), 2);
        for key in published {
            assert!(key.get("d").is_none() && key.get("p").is_none(), "no private member: {key}");
            assert_eq!(key["kty"], "RSA");
        }
        assert_eq!(published[0]["use"], "sig");
        assert_eq!(published[0]["kid"], keys.signing_kid.as_str());
        assert_eq!(published[1]["use"], "enc");
        assert_eq!(published[1]["alg"], "RSA-OAEP");
        assert_ne!(published[0]["kid"], published[1]["kid"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_or_wrong_key_file_is_named() {
        let e = PortalKeys::load(Path::new("/nonexistent/a.pem"), Path::new("/nonexistent/b.pem")).err().unwrap();
        assert!(e.contains("/nonexistent/a.pem"), "{e}");
        let dir = std::env::temp_dir().join(format!("kanta-badkeys-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("x.pem"), "not a key").unwrap();
        let e = PortalKeys::load(&dir.join("x.pem"), &dir.join("x.pem")).err().unwrap();
        assert!(e.contains("not an RSA private key"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

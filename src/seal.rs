//! Values kept encrypted at rest (an endpoint's custom headers): XChaCha20-Poly1305 under the
//! daemon's key, as `seal1:<base64 of nonce and ciphertext>`. The key is the configured
//! `daemon.encryption_key` (every daemon on a shared store must have the same), else
//! `<data_dir>/encryption_key`, made on first start (see `daemon`).

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

const PREFIX: &str = "seal1:";

/// Seals and opens values under one key.
#[derive(Clone)]
pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(…)")
    }
}

/// A 32-byte key from its base64 text (what `daemon.encryption_key` and the key file hold).
pub fn parse_key(text: &str) -> Result<[u8; 32], String> {
    let bytes = B64.decode(text.trim()).map_err(|e| format!("not base64: {e}"))?;
    bytes.try_into().map_err(|b: Vec<u8>| format!("{} bytes; it must be 32 (base64 of 32 random bytes)", b.len()))
}

/// A new random key, as base64.
pub fn new_key() -> String {
    B64.encode(rand::random::<[u8; 32]>())
}

impl Sealer {
    pub fn new(key: &[u8; 32]) -> Sealer {
        Sealer { cipher: XChaCha20Poly1305::new(key.into()) }
    }

    pub fn seal(&self, plain: &str) -> String {
        let nonce: [u8; 24] = rand::random();
        let sealed = self.cipher.encrypt(&XNonce::from(nonce), plain.as_bytes()).expect("in-memory encryption");
        let mut out = nonce.to_vec();
        out.extend(sealed);
        format!("{PREFIX}{}", B64.encode(out))
    }

    /// The value sealed in `text`, or why it cannot be had (another key, damaged).
    pub fn open(&self, text: &str) -> Result<String, String> {
        let bytes = text.strip_prefix(PREFIX).and_then(|b| B64.decode(b).ok()).ok_or("not a sealed value")?;
        if bytes.len() < 24 {
            return Err("a sealed value too short".into());
        }
        let (nonce, sealed) = bytes.split_at(24);
        let nonce: [u8; 24] = nonce.try_into().expect("24 bytes");
        let plain = self.cipher.decrypt(&XNonce::from(nonce), sealed).map_err(|_| {
            "sealed under another key: every daemon on a shared store needs the same daemon.encryption_key".to_string()
        })?;
        String::from_utf8(plain).map_err(|_| "not text".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_under_their_key_only() {
        let key = parse_key(&new_key()).unwrap();
        let s = Sealer::new(&key);
        let sealed = s.seal("Bearer t0ps3cret");
        assert!(sealed.starts_with("seal1:") && !sealed.contains("t0ps3cret"));
        assert_ne!(sealed, s.seal("Bearer t0ps3cret"), "a fresh nonce each time");
        assert_eq!(s.open(&sealed).unwrap(), "Bearer t0ps3cret");
        let other = Sealer::new(&parse_key(&new_key()).unwrap());
        assert!(other.open(&sealed).unwrap_err().contains("another key"));
        assert!(parse_key("c2hvcnQ=").unwrap_err().contains("32"));
    }
}

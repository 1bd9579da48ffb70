//! Outgoing webhook signatures (`docs/webhooks.md` "Signatures"): `X-Pulse-Signature: t=<unix>,v1=<hex>` over
//! `"<t>.<body>"`, and Standard Webhooks' `webhook-signature: v1,<base64>` over
//! `"<id>.<t>.<body>"`. The key is the endpoint secret `whsec_<base64>`, base64-decoded. An
//! endpoint may instead sign with Standard Webhooks' asymmetric scheme: `v1a,<base64 ed25519>`
//! over the same content, under a `whsk_` key (base64 of private ‖ public) whose public half,
//! `whpk_<base64>`, is what receivers verify with (and all pulse ever shows).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

/// How far a receiver lets `webhook-timestamp` drift (the reference libraries use 5 minutes).
pub const TOLERANCE_SECS: u64 = 300;

/// A new endpoint secret: `whsec_` + base64 of 32 random bytes.
pub fn new_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("whsec_{}", STANDARD.encode(bytes))
}

/// A key an attempt is signed with.
#[derive(Clone)]
pub enum Key {
    /// `whsec_`: HMAC-SHA256 (`v1`, and `X-Pulse-Signature`).
    Hmac(Vec<u8>),
    /// `whsk_`: ed25519 (`v1a`).
    Ed25519(Box<ed25519_dalek::SigningKey>),
}

/// The signing key of an endpoint secret, `whsec_…` or `whsk_…`.
pub fn key(secret: &str) -> Result<Key, String> {
    match secret.strip_prefix("whsk_") {
        Some(b64) => {
            let bytes = STANDARD.decode(b64).map_err(|_| "the key is not whsk_ followed by base64".to_string())?;
            let private: [u8; 32] = bytes
                .get(..32)
                .and_then(|b| b.try_into().ok())
                .ok_or("a whsk_ key holds 64 bytes (private ‖ public)")?;
            Ok(Key::Ed25519(Box::new(ed25519_dalek::SigningKey::from_bytes(&private))))
        }
        None => secret_key(secret).map(Key::Hmac),
    }
}

/// A new asymmetric endpoint key: `whsk_` + base64 of the private and public halves.
pub fn new_asymmetric_secret() -> String {
    let private: [u8; 32] = rand::random();
    let signing = ed25519_dalek::SigningKey::from_bytes(&private);
    let mut both = private.to_vec();
    both.extend(signing.verifying_key().to_bytes());
    format!("whsk_{}", STANDARD.encode(both))
}

/// The `whpk_` public key of a `whsk_` secret (`None` for a `whsec_` one).
pub fn public_key(secret: &str) -> Option<String> {
    match key(secret) {
        Ok(Key::Ed25519(k)) => Some(format!("whpk_{}", STANDARD.encode(k.verifying_key().to_bytes()))),
        _ => None,
    }
}

/// `v1a,<base64>` for one ed25519 key.
pub fn asymmetric_signature(key: &ed25519_dalek::SigningKey, id: &str, timestamp: u64, body: &[u8]) -> String {
    use ed25519_dalek::Signer;
    let mut content = format!("{id}.{timestamp}.").into_bytes();
    content.extend_from_slice(body);
    format!("v1a,{}", STANDARD.encode(key.sign(&content).to_bytes()))
}

/// The HMAC key of a `whsec_` secret.
pub fn secret_key(secret: &str) -> Result<Vec<u8>, String> {
    let b64 = secret.strip_prefix("whsec_").unwrap_or(secret);
    STANDARD.decode(b64).map_err(|_| "the secret is not whsec_ followed by base64".to_string())
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes any key length");
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().to_vec()
}

/// `v1,<base64>` for one key (Standard Webhooks).
pub fn standard_signature(key: &[u8], id: &str, timestamp: u64, body: &[u8]) -> String {
    let sig = hmac(key, &[id.as_bytes(), b".", timestamp.to_string().as_bytes(), b".", body]);
    format!("v1,{}", STANDARD.encode(sig))
}

/// The hex `v1` value of `X-Pulse-Signature` for one key.
pub fn pulse_signature(key: &[u8], timestamp: u64, body: &[u8]) -> String {
    hmac(key, &[timestamp.to_string().as_bytes(), b".", body]).iter().map(|b| format!("{b:02x}")).collect()
}

/// Every signature header of one attempt, signed with each of `keys` (current first, then
/// keys still in their rotation grace period).
pub fn headers(keys: &[Key], id: &str, timestamp: u64, body: &[u8]) -> Vec<(&'static str, String)> {
    let hmac_keys: Vec<&Vec<u8>> = keys
        .iter()
        .filter_map(|k| match k {
            Key::Hmac(k) => Some(k),
            Key::Ed25519(_) => None,
        })
        .collect();
    let standard = keys
        .iter()
        .map(|k| match k {
            Key::Hmac(k) => standard_signature(k, id, timestamp, body),
            Key::Ed25519(k) => asymmetric_signature(k, id, timestamp, body),
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = Vec::with_capacity(4);
    // pulse's own scheme is HMAC only: an asymmetric endpoint gets Standard Webhooks' alone.
    if !hmac_keys.is_empty() {
        let pulse = std::iter::once(format!("t={timestamp}"))
            .chain(hmac_keys.iter().map(|k| format!("v1={}", pulse_signature(k, timestamp, body))))
            .collect::<Vec<_>>()
            .join(",");
        out.push(("x-pulse-signature", pulse));
    }
    out.push(("webhook-id", id.to_string()));
    out.push(("webhook-timestamp", timestamp.to_string()));
    out.push(("webhook-signature", standard));
    out
}

/// What a receiver checks, in order; the error says which check failed.
pub fn verify(secret: &str, headers: &[(String, String)], body: &[u8], now: u64) -> Result<&'static str, String> {
    if let Some(public) = secret.strip_prefix("whpk_") {
        return verify_asymmetric(public, headers, body, now);
    }
    let key = secret_key(secret)?;
    let get = |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim());
    let within = |ts: u64| -> Result<(), String> {
        if ts + TOLERANCE_SECS < now {
            return Err(format!("timestamp {ts} is more than {TOLERANCE_SECS} s old (replayed or delayed delivery)"));
        }
        if ts > now + TOLERANCE_SECS {
            return Err(format!("timestamp {ts} is more than {TOLERANCE_SECS} s in the future (check clocks)"));
        }
        Ok(())
    };
    if let (Some(id), Some(ts), Some(sigs)) = (get("webhook-id"), get("webhook-timestamp"), get("webhook-signature")) {
        let ts: u64 = ts.parse().map_err(|_| format!("webhook-timestamp `{ts}` is not a Unix time"))?;
        within(ts)?;
        let expected = standard_signature(&key, id, ts, body);
        let matched = sigs.split(' ').any(|s| bool::from(s.as_bytes().ct_eq(expected.as_bytes())));
        return if matched {
            Ok("webhook-signature (Standard Webhooks)")
        } else {
            Err("webhook-signature does not match: wrong secret, or the body was changed after signing".into())
        };
    }
    if let Some(value) = get("x-pulse-signature") {
        let mut ts = None;
        let mut sigs = Vec::new();
        for part in value.split(',') {
            match part.trim().split_once('=') {
                Some(("t", v)) => ts = v.parse::<u64>().ok(),
                Some(("v1", v)) => sigs.push(v.to_string()),
                _ => {}
            }
        }
        let ts = ts.ok_or("X-Pulse-Signature has no t=<unix time>")?;
        within(ts)?;
        let expected = pulse_signature(&key, ts, body);
        return if sigs.iter().any(|s| bool::from(s.as_bytes().ct_eq(expected.as_bytes()))) {
            Ok("X-Pulse-Signature")
        } else {
            Err("X-Pulse-Signature does not match: wrong secret, or the body was changed after signing".into())
        };
    }
    Err("no signature headers: expected webhook-id, webhook-timestamp and webhook-signature, or X-Pulse-Signature"
        .into())
}

/// [`verify`] for a `whpk_` public key: one of the `v1a` signatures matches.
fn verify_asymmetric(
    public: &str,
    headers: &[(String, String)],
    body: &[u8],
    now: u64,
) -> Result<&'static str, String> {
    use ed25519_dalek::Verifier;
    let bytes = STANDARD.decode(public).map_err(|_| "the key is not whpk_ followed by base64".to_string())?;
    let bytes: [u8; 32] = bytes.try_into().map_err(|_| "a whpk_ key holds 32 bytes".to_string())?;
    let key = ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|e| format!("not an ed25519 public key: {e}"))?;
    let get = |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim());
    let (Some(id), Some(ts), Some(sigs)) = (get("webhook-id"), get("webhook-timestamp"), get("webhook-signature"))
    else {
        return Err("no webhook-id, webhook-timestamp and webhook-signature headers to verify a v1a signature".into());
    };
    let ts: u64 = ts.parse().map_err(|_| format!("webhook-timestamp `{ts}` is not a Unix time"))?;
    if ts + TOLERANCE_SECS < now || ts > now + TOLERANCE_SECS {
        return Err(format!("timestamp {ts} is more than {TOLERANCE_SECS} s from now (replayed, delayed, or clocks)"));
    }
    let mut content = format!("{id}.{ts}.").into_bytes();
    content.extend_from_slice(body);
    let matched = sigs.split(' ').filter_map(|s| s.strip_prefix("v1a,")).any(|s| {
        let sig = STANDARD.decode(s).ok().and_then(|b| ed25519_dalek::Signature::from_slice(&b).ok());
        sig.is_some_and(|sig| key.verify(&content, &sig).is_ok())
    });
    if matched {
        Ok("webhook-signature v1a (Standard Webhooks, ed25519)")
    } else {
        Err("no v1a signature matches: wrong public key, or the body was changed after signing".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_webhooks_published_vector() {
        // libraries/rust of the Standard Webhooks specification.
        let key = secret_key("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD").unwrap();
        let sig = standard_signature(
            &key,
            "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
            1649367553,
            br#"{"email":"test@example.com","username":"test_user"}"#,
        );
        assert_eq!(sig, "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=");
    }

    #[test]
    fn svix_published_vector() {
        let key = STANDARD.decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let sig = standard_signature(&key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, br#"{"test": 2432232314}"#);
        assert_eq!(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn rotation_signs_with_every_key_and_verify_accepts_either() {
        let (a, b) = (new_secret(), new_secret());
        let keys = vec![key(&a).unwrap(), key(&b).unwrap()];
        let h: Vec<(String, String)> =
            headers(&keys, "evt_1", 1000, b"{}").into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        assert_eq!(h[3].1.split(' ').count(), 2);
        assert_eq!(h[0].1.matches("v1=").count(), 2);
        assert!(verify(&a, &h, b"{}", 1000).is_ok());
        assert!(verify(&b, &h, b"{}", 1000).is_ok());
        assert!(verify(&new_secret(), &h, b"{}", 1000).unwrap_err().contains("does not match"));
        assert!(verify(&a, &h, b"{ }", 1000).unwrap_err().contains("body was changed"));
        assert!(verify(&a, &h, b"{}", 2000).unwrap_err().contains("old"));
        let pulse_only: Vec<_> = h.iter().filter(|(k, _)| k == "x-pulse-signature").cloned().collect();
        assert_eq!(verify(&a, &pulse_only, b"{}", 1000), Ok("X-Pulse-Signature"));
    }

    #[test]
    fn secrets_are_32_bytes() {
        assert_eq!(secret_key(&new_secret()).unwrap().len(), 32);
    }

    #[test]
    fn v1a_signs_with_ed25519_and_verifies_with_the_public_key_only() {
        let secret = new_asymmetric_secret();
        let public = public_key(&secret).unwrap();
        assert!(secret.starts_with("whsk_") && public.starts_with("whpk_"));
        assert_eq!(public_key(&new_secret()), None, "whsec_ secrets have none");
        let h: Vec<(String, String)> = headers(&[key(&secret).unwrap()], "evt_1", 1000, b"{}")
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        assert!(h.iter().all(|(k, _)| k != "x-pulse-signature"));
        assert!(h[2].1.starts_with("v1a,"));
        assert!(verify(&public, &h, b"{}", 1000).unwrap().contains("v1a"));
        assert!(verify(&public, &h, b"{ }", 1000).is_err(), "a changed body");
        let other = public_key(&new_asymmetric_secret()).unwrap();
        assert!(verify(&other, &h, b"{}", 1000).is_err(), "another key");
    }
}

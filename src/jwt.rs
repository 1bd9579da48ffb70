//! HS256 JSON Web Tokens (LiveKit's access tokens and webhook signatures, console links):
//! jsonwebtoken for the format and the claims' checks, RustCrypto's HMAC-SHA256 for the
//! signature. pulse signs and verifies HS256 only, so it hands jsonwebtoken a provider of that
//! one algorithm instead of enabling a backend: the RustCrypto backend brings RSA and the NIST
//! curves into every build (README, "What a fresh machine waits for").

use hmac::{Hmac, Mac};
use jsonwebtoken::crypto::{CryptoProvider, JwkUtils, JwtSigner, JwtVerifier};
use jsonwebtoken::errors::{Error, ErrorKind};
use jsonwebtoken::signature::{self, Signer, Verifier};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::Sha256;

/// Signs `claims` as an HS256 token (`{"typ":"JWT","alg":"HS256"}`) under `secret`.
pub fn encode<T: Serialize>(claims: &T, secret: &[u8]) -> String {
    install();
    // HS256 over a serializable value cannot fail: any key length is a valid HMAC key.
    jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &EncodingKey::from_secret(secret))
        .expect("HS256 signing never fails")
}

/// The claims of `token` if its HS256 signature under `secret` holds and `validation` passes.
/// A token naming any other algorithm is refused (`InvalidAlgorithm`).
pub fn decode<T: DeserializeOwned>(token: &str, secret: &[u8], validation: &Validation) -> Result<T, Error> {
    install();
    jsonwebtoken::decode::<T>(token, &DecodingKey::from_secret(secret), validation).map(|d| d.claims)
}

/// A validation of HS256 tokens (jsonwebtoken's defaults: `exp` required, 60 s leeway).
pub fn hs256() -> Validation {
    Validation::new(Algorithm::HS256)
}

/// Makes [`PROVIDER`] jsonwebtoken's provider for this process. jsonwebtoken keeps it in a
/// `OnceLock`: the first call sets it, later ones find it set (the `Err`, ignored).
fn install() {
    let _ = PROVIDER.install_default();
}

static PROVIDER: CryptoProvider = CryptoProvider {
    signer_factory: |alg, key| Ok(Box::new(Hs256(mac(alg, key.try_get_hmac_secret()?)?))),
    verifier_factory: |alg, key| Ok(Box::new(Hs256(mac(alg, key.try_get_hmac_secret()?)?))),
    jwk_utils: JwkUtils::new_unimplemented(),
};

fn mac(alg: &Algorithm, secret: &[u8]) -> Result<Hmac<Sha256>, Error> {
    if *alg != Algorithm::HS256 {
        return Err(ErrorKind::InvalidAlgorithm.into());
    }
    <Hmac<Sha256> as Mac>::new_from_slice(secret).map_err(|_| ErrorKind::InvalidKeyFormat.into())
}

/// HMAC-SHA256 keyed with a token's secret, as signer and as verifier.
struct Hs256(Hmac<Sha256>);

impl Signer<Vec<u8>> for Hs256 {
    fn try_sign(&self, msg: &[u8]) -> Result<Vec<u8>, signature::Error> {
        let mut mac = self.0.clone();
        mac.update(msg);
        Ok(mac.finalize().into_bytes().to_vec())
    }
}

impl Verifier<Vec<u8>> for Hs256 {
    fn verify(&self, msg: &[u8], signature: &Vec<u8>) -> Result<(), signature::Error> {
        let mut mac = self.0.clone();
        mac.update(msg);
        // Constant-time comparison (hmac's `verify_slice`).
        mac.verify_slice(signature).map_err(signature::Error::from_source)
    }
}

impl JwtSigner for Hs256 {
    fn algorithm(&self) -> Algorithm {
        Algorithm::HS256
    }
}

impl JwtVerifier for Hs256 {
    fn algorithm(&self) -> Algorithm {
        Algorithm::HS256
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, serde::Deserialize, Debug, PartialEq)]
    struct C {
        iss: String,
        exp: u64,
    }

    #[test]
    fn signs_as_rfc_7515_says_and_verifies_only_with_the_secret() {
        let c = C { iss: "devkey".into(), exp: crate::util::unix_now() + 60 };
        let t = encode(&c, b"secret");
        let mut parts = t.split('.');
        let (h, p, s) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
        // The signature is HMAC-SHA256 of `header.payload`, base64url without padding.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(b"secret").unwrap();
        mac.update(format!("{h}.{p}").as_bytes());
        use base64::Engine;
        let want = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        assert_eq!(s, want);
        assert_eq!(decode::<C>(&t, b"secret", &hs256()).unwrap(), c);
        assert!(decode::<C>(&t, b"wrong", &hs256()).is_err());
        let mut other = hs256();
        other.algorithms = vec![Algorithm::HS512];
        assert!(decode::<C>(&t, b"secret", &other).is_err(), "an algorithm other than HS256 is refused");
    }

    #[test]
    fn a_token_signed_with_another_algorithm_is_refused() {
        // A well-formed HS512 token, signed with the right secret: only the algorithm is wrong.
        use base64::Engine;
        let b = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let signed =
            format!("{}.{}", b.encode(br#"{"alg":"HS512","typ":"JWT"}"#), b.encode(br#"{"iss":"x","exp":9999999999}"#));
        let mut mac = <Hmac<sha2::Sha512> as Mac>::new_from_slice(b"secret").unwrap();
        mac.update(signed.as_bytes());
        let t = format!("{signed}.{}", b.encode(mac.finalize().into_bytes()));
        let mut v = hs256();
        v.algorithms = vec![Algorithm::HS512];
        let e = decode::<C>(&t, b"secret", &v).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::InvalidAlgorithm, "the provider refuses HS512");
        assert!(decode::<C>(&t, b"secret", &hs256()).is_err());
    }
}

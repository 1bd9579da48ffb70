//! LiveKit access tokens: HS256 JWTs with `iss` = API key, a short life and exactly the grant
//! each call needs (reference/livekit.md §2.1).

use serde::{Deserialize, Serialize};

/// The `video` grant. Only the fields a token needs are serialized.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct VideoGrant {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub room_record: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ingress_admin: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub room_list: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub room_admin: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub room_join: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_publish: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_subscribe: Option<bool>,
}

/// The claims pulse puts in a token.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Claims {
    pub iss: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub nbf: u64,
    pub iat: u64,
    pub exp: u64,
    pub video: VideoGrant,
}

/// How long a server-to-LiveKit token lives: long enough for one call and its retries.
pub const SERVICE_TOKEN_TTL_SECS: u64 = 600;

/// Signs `claims` with the API secret.
pub fn sign(claims: &Claims, api_secret: &str) -> String {
    crate::jwt::encode(claims, api_secret.as_bytes())
}

/// A token for one server API call, valid from now for [`SERVICE_TOKEN_TTL_SECS`].
pub fn service_token(api_key: &str, api_secret: &str, grant: VideoGrant) -> String {
    let now = crate::util::unix_now();
    sign(
        &Claims {
            iss: api_key.into(),
            sub: None,
            name: None,
            nbf: now,
            iat: now,
            exp: now + SERVICE_TOKEN_TTL_SECS,
            video: grant,
        },
        api_secret,
    )
}

/// A token a participant joins `room` with.
pub struct JoinToken<'a> {
    pub room: &'a str,
    pub identity: &'a str,
    pub name: Option<&'a str>,
    pub ttl_secs: u64,
    pub can_publish: bool,
    pub can_subscribe: bool,
}

impl JoinToken<'_> {
    /// Signs the join token; returns it with its expiry (Unix seconds).
    pub fn sign(&self, api_key: &str, api_secret: &str) -> (String, u64) {
        let now = crate::util::unix_now();
        let exp = now + self.ttl_secs;
        let claims = Claims {
            iss: api_key.into(),
            sub: Some(self.identity.into()),
            name: self.name.map(Into::into),
            nbf: now,
            iat: now,
            exp,
            video: VideoGrant {
                room_join: true,
                room: Some(self.room.into()),
                can_publish: Some(self.can_publish),
                can_subscribe: Some(self.can_subscribe),
                ..Default::default()
            },
        };
        (sign(&claims, api_secret), exp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn payload(token: &str) -> serde_json::Value {
        let part = token.split('.').nth(1).unwrap();
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[test]
    fn service_token_carries_only_the_grant_and_an_expiry() {
        let t = service_token("devkey", "secret", VideoGrant { room_record: true, ..Default::default() });
        let p = payload(&t);
        assert_eq!(p["iss"], "devkey");
        assert_eq!(p["video"], serde_json::json!({"roomRecord": true}));
        let (nbf, exp) = (p["nbf"].as_u64().unwrap(), p["exp"].as_u64().unwrap());
        assert_eq!(exp - nbf, SERVICE_TOKEN_TTL_SECS);
        assert!(p.get("sub").is_none());
        // Verified with the secret, HS256, as LiveKit's verifier does.
        let mut v = crate::jwt::hs256();
        v.set_issuer(&["devkey"]);
        crate::jwt::decode::<serde_json::Value>(&t, b"secret", &v).unwrap();
        assert!(crate::jwt::decode::<serde_json::Value>(&t, b"wrong", &v).is_err());
    }

    #[test]
    fn join_token_claims() {
        let j = JoinToken {
            room: "prj_1__stage",
            identity: "alice",
            name: Some("Alice"),
            ttl_secs: 3600,
            can_publish: false,
            can_subscribe: true,
        };
        let (t, exp) = j.sign("devkey", "secret");
        let p = payload(&t);
        assert_eq!(p["sub"], "alice");
        assert_eq!(p["name"], "Alice");
        assert_eq!(p["exp"].as_u64().unwrap(), exp);
        assert_eq!(
            p["video"],
            serde_json::json!({"roomJoin": true, "room": "prj_1__stage", "canPublish": false, "canSubscribe": true})
        );
    }
}

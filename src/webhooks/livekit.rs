//! LiveKit's webhooks as pulse receives them (reference/livekit.md §3): verification exactly
//! as LiveKit signs, and a lenient model of `WebhookEvent`.

use base64::Engine;
use serde::Deserialize;
use sha2::Digest;
use subtle::ConstantTimeEq;

use crate::livekit::models::{EgressInfo, IngressInfo, de_i64, de_string};
pub use crate::livekit::models::{Participant, Room, Track};

/// Why a LiveKit webhook was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntakeRejection {
    #[error("missing Authorization header")]
    MissingToken,
    #[error("invalid token: {0}")]
    BadToken(String),
    #[error("the body does not match the token's sha256 claim")]
    BodyMismatch,
}

/// What a LiveKit webhook token claims about its body.
#[derive(Deserialize)]
pub struct WebhookClaims {
    /// Base64 SHA-256 of the body.
    #[serde(default)]
    pub sha256: String,
}

impl WebhookClaims {
    /// Whether `body` is the body the token was signed for: the `sha256` claim equal
    /// (constant time) to the base64 SHA-256 of the raw body.
    pub fn check_body(&self, body: &[u8]) -> Result<(), IntakeRejection> {
        let digest = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(body));
        if bool::from(self.sha256.as_bytes().ct_eq(digest.as_bytes())) && !self.sha256.is_empty() {
            Ok(())
        } else {
            Err(IntakeRejection::BodyMismatch)
        }
    }
}

/// Verifies `Authorization` (raw JWT or `Bearer …`) alone: HS256 with the API secret, `iss` =
/// API key, `exp`/`nbf` with 60 s leeway — what can be checked before the body arrives. The
/// claims it returns check the body ([`WebhookClaims::check_body`]).
pub fn verify_token(auth: Option<&str>, api_key: &str, api_secret: &str) -> Result<WebhookClaims, IntakeRejection> {
    let raw = auth.map(str::trim).filter(|a| !a.is_empty()).ok_or(IntakeRejection::MissingToken)?;
    let token = raw.strip_prefix("Bearer ").unwrap_or(raw).trim();
    let mut validation = crate::jwt::hs256();
    validation.set_issuer(&[api_key]);
    validation.set_required_spec_claims(&["exp", "iss"]);
    validation.validate_nbf = true;
    validation.leeway = 60;
    crate::jwt::decode::<WebhookClaims>(token, api_secret.as_bytes(), &validation)
        .map_err(|e| IntakeRejection::BadToken(e.to_string()))
}

/// `WebhookEvent`: camelCase from LiveKit (snake_case accepted too), unknown fields and event
/// names kept as they are.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct WebhookEvent {
    #[serde(deserialize_with = "de_string")]
    pub event: String,
    #[serde(deserialize_with = "de_string")]
    pub id: String,
    #[serde(alias = "createdAt", deserialize_with = "de_i64")]
    pub created_at: i64,
    pub room: Option<Room>,
    pub participant: Option<Participant>,
    pub track: Option<Track>,
    #[serde(alias = "egressInfo")]
    pub egress_info: Option<EgressInfo>,
    #[serde(alias = "ingressInfo")]
    pub ingress_info: Option<IngressInfo>,
    /// An agent job (`agent_job_*`), kept as LiveKit sent it.
    pub job: Option<serde_json::Value>,
    /// Why a room ended (`room_finished`), e.g. `ROOM_END_IDLE_TIMEOUT`; newer servers only.
    #[serde(alias = "roomEndReason", deserialize_with = "de_string")]
    pub room_end_reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_livekit_camel_case_with_unknown_fields() {
        let body = r#"{"event":"egress_ended","room":{"sid":"RM_1","name":"prj_1__r"},
            "egressInfo":{"egressId":"EG_1","roomName":"prj_1__r","status":"EGRESS_COMPLETE","startedAt":"1","endedAt":"2",
              "segmentResults":[{"playlistName":"p","duration":"6000000000","size":"99","playlistLocation":"https://x"}]},
            "id":"EV_1","createdAt":"1767229200","version":{"unixMicro":"1"},"agentNew":true}"#;
        let e: WebhookEvent = serde_json::from_str(body).unwrap();
        assert_eq!((e.event.as_str(), e.id.as_str(), e.created_at), ("egress_ended", "EV_1", 1767229200));
        let info = e.egress_info.unwrap();
        assert_eq!(info.segment_results[0].size, 99);
        let p: WebhookEvent = serde_json::from_str(
            r#"{"event":"track_published","participant":{"identity":"enc","joinedAt":"5"},"track":{"sid":"TR_1","type":"VIDEO"}}"#,
        )
        .unwrap();
        assert_eq!(p.track.unwrap().kind, "VIDEO");
        assert_eq!(p.participant.unwrap().joined_at, 5);
    }
}

//! LiveKit's webhooks as pulse receives them (reference/livekit.md §3): verification exactly
//! as LiveKit signs, and a lenient model of `WebhookEvent`.

use base64::Engine;
use serde::Deserialize;
use sha2::Digest;
use subtle::ConstantTimeEq;

use crate::livekit::models::{EgressInfo, IngressInfo, de_i64};

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
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.set_issuer(&[api_key]);
    validation.set_required_spec_claims(&["exp", "iss"]);
    validation.validate_nbf = true;
    validation.leeway = 60;
    let claims = jsonwebtoken::decode::<WebhookClaims>(
        token,
        &jsonwebtoken::DecodingKey::from_secret(api_secret.as_bytes()),
        &validation,
    )
    .map_err(|e| IntakeRejection::BadToken(e.to_string()))?
    .claims;
    Ok(claims)
}

fn de_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// `Room` (LiveKit sends a minimal one with egress/ingress events).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Room {
    #[serde(deserialize_with = "de_string")]
    pub sid: String,
    #[serde(deserialize_with = "de_string")]
    pub name: String,
    #[serde(deserialize_with = "de_string")]
    pub metadata: String,
}

/// `ParticipantInfo`, the fields pulse forwards.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Participant {
    #[serde(deserialize_with = "de_string")]
    pub sid: String,
    #[serde(deserialize_with = "de_string")]
    pub identity: String,
    #[serde(deserialize_with = "de_string")]
    pub name: String,
    #[serde(alias = "joinedAt", deserialize_with = "de_i64")]
    pub joined_at: i64,
    #[serde(deserialize_with = "de_string")]
    pub metadata: String,
    #[serde(deserialize_with = "de_map")]
    pub attributes: std::collections::BTreeMap<String, String>,
    /// `STANDARD`, `INGRESS`, `EGRESS`, `SIP`, `AGENT` (protojson leaves out the first).
    #[serde(deserialize_with = "de_participant_kind")]
    pub kind: String,
    /// Why it left: LiveKit's `DisconnectReason` (e.g. `CLIENT_INITIATED`), empty when unknown.
    #[serde(alias = "disconnectReason", deserialize_with = "de_disconnect_reason")]
    pub disconnect_reason: String,
}

/// `TrackInfo`, the fields pulse forwards (and needs to mute ingress tracks).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Track {
    #[serde(deserialize_with = "de_string")]
    pub sid: String,
    /// `AUDIO` / `VIDEO` / `DATA` (or 0 / 1 / 2).
    #[serde(rename = "type", deserialize_with = "de_track_type")]
    pub kind: String,
    /// `CAMERA`, `MICROPHONE`, `SCREEN_SHARE`, `SCREEN_SHARE_AUDIO`; empty when unknown.
    #[serde(deserialize_with = "de_track_source")]
    pub source: String,
    #[serde(deserialize_with = "de_string")]
    pub name: String,
    #[serde(alias = "mimeType", deserialize_with = "de_string")]
    pub mime_type: String,
    pub simulcast: bool,
    pub muted: bool,
    pub width: u32,
    pub height: u32,
}

/// Protobuf enums as protojson writes them (names; numbers from older or other encoders),
/// by position. The zero value, which protojson leaves out, reads as the first name.
const PARTICIPANT_KINDS: &[&str] = &["STANDARD", "INGRESS", "EGRESS", "SIP", "AGENT"];
const TRACK_TYPES: &[&str] = &["AUDIO", "VIDEO", "DATA"];
const TRACK_SOURCES: &[&str] = &["", "CAMERA", "MICROPHONE", "SCREEN_SHARE", "SCREEN_SHARE_AUDIO"];
const DISCONNECT_REASONS: &[&str] = &[
    "",
    "CLIENT_INITIATED",
    "DUPLICATE_IDENTITY",
    "SERVER_SHUTDOWN",
    "PARTICIPANT_REMOVED",
    "ROOM_DELETED",
    "STATE_MISMATCH",
    "JOIN_FAILURE",
    "MIGRATION",
    "SIGNAL_CLOSE",
    "ROOM_CLOSED",
    "USER_UNAVAILABLE",
    "USER_REJECTED",
    "SIP_TRUNK_FAILURE",
    "CONNECTION_TIMEOUT",
    "MEDIA_FAILURE",
];

fn enum_name<'de, D: serde::Deserializer<'de>>(d: D, names: &[&str]) -> Result<String, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) if s == "UNKNOWN_REASON" => String::new(),
        serde_json::Value::String(s) => s,
        serde_json::Value::Number(n) => {
            let i = n.as_u64().unwrap_or(0) as usize;
            names.get(i).map_or_else(|| i.to_string(), |s| s.to_string())
        }
        _ => names[0].to_string(),
    })
}

fn de_participant_kind<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    enum_name(d, PARTICIPANT_KINDS)
}

fn de_disconnect_reason<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    enum_name(d, DISCONNECT_REASONS)
}

fn de_track_type<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    enum_name(d, TRACK_TYPES)
}

fn de_track_source<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    enum_name(d, TRACK_SOURCES)
}

fn de_map<'de, D: serde::Deserializer<'de>>(d: D) -> Result<std::collections::BTreeMap<String, String>, D::Error> {
    Ok(Option::deserialize(d)?.unwrap_or_default())
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

//! Twirp JSON models for the LiveKit calls pulse makes (reference/livekit.md §1.3).
//!
//! Requests are sent lowerCamelCase. Responses are read leniently: snake_case (what the
//! open-source server sends) or camelCase (webhooks, maybe Cloud), int64 as string or
//! number, enums as names or numbers, unknown fields ignored, missing fields defaulted.

use serde::{Deserialize, Deserializer, Serialize};

use crate::media::Storage;

/// `S3Upload`.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct S3Upload {
    pub access_key: String,
    pub secret: String,
    pub region: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub endpoint: String,
    pub bucket: String,
    pub force_path_style: bool,
}

impl From<&Storage> for S3Upload {
    fn from(s: &Storage) -> Self {
        S3Upload {
            access_key: s.access_key_id.clone(),
            secret: s.secret_access_key.clone(),
            region: s.region.clone(),
            endpoint: s.endpoint.clone().unwrap_or_default(),
            bucket: s.bucket.clone(),
            force_path_style: s.force_path_style,
        }
    }
}

/// `SegmentedFileOutput` (HLS).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SegmentedFileOutput {
    pub protocol: &'static str,
    pub filename_prefix: String,
    pub playlist_name: String,
    pub live_playlist_name: String,
    pub segment_duration: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s3: Option<S3Upload>,
}

/// `EncodedFileOutput` (MP4).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct EncodedFileOutput {
    pub file_type: &'static str,
    pub filepath: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s3: Option<S3Upload>,
}

/// `DirectFileOutput` (track egress, no transcoding).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DirectFileOutput {
    pub filepath: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s3: Option<S3Upload>,
}

/// `StreamOutput` (RTMP).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StreamOutput {
    pub protocol: &'static str,
    pub urls: Vec<String>,
}

/// `ImageOutput`: a snapshot every `capture_interval` seconds, numbered
/// (`<filename_prefix>_<index>.jpeg`).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ImageOutput {
    pub capture_interval: u32,
    pub width: u32,
    pub height: u32,
    pub filename_prefix: String,
    pub filename_suffix: &'static str,
    pub image_codec: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s3: Option<S3Upload>,
}

/// The outputs shared by the composite requests: at most one of each kind (§1.5).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Outputs {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub file_outputs: Vec<EncodedFileOutput>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stream_outputs: Vec<StreamOutput>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub segment_outputs: Vec<SegmentedFileOutput>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub image_outputs: Vec<ImageOutput>,
}

/// `RoomCompositeEgressRequest`.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RoomCompositeEgressRequest {
    pub room_name: String,
    pub layout: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub audio_only: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub video_only: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    #[serde(flatten)]
    pub outputs: Outputs,
}

/// `TrackCompositeEgressRequest`.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TrackCompositeEgressRequest {
    pub room_name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub audio_track_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub video_track_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    #[serde(flatten)]
    pub outputs: Outputs,
}

/// `TrackEgressRequest`.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TrackEgressRequest {
    pub room_name: String,
    pub track_id: String,
    pub file: DirectFileOutput,
}

/// `StopEgressRequest`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StopEgressRequest {
    pub egress_id: String,
}

/// `UpdateStreamRequest`: RTMP targets added to or removed from a live stream egress.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateStreamRequest {
    pub egress_id: String,
    pub add_output_urls: Vec<String>,
    pub remove_output_urls: Vec<String>,
}

/// `ListEgressRequest`.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListEgressRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub room_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub egress_id: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub active: bool,
}

/// `CreateIngressRequest`.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreateIngressRequest {
    pub input_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub name: String,
    pub room_name: String,
    pub participant_identity: String,
    pub participant_name: String,
}

/// `ListIngressRequest`.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListIngressRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub room_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ingress_id: Option<String>,
}

/// `DeleteIngressRequest`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteIngressRequest {
    pub ingress_id: String,
}

/// `MuteRoomTrackRequest`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MuteRoomTrackRequest {
    pub room: String,
    pub identity: String,
    pub track_sid: String,
    pub muted: bool,
}

/// `ListRoomsRequest` (used as a reachability probe).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ListRoomsRequest {}

// ---------------------------------------------------------------- responses

/// `ListRoomsResponse`: the rooms open now.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ListRoomsResponse {
    pub rooms: Vec<RoomInfo>,
}

/// `Room`, the fields pulse reads (protojson leaves out zeros).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RoomInfo {
    pub sid: String,
    pub name: String,
    #[serde(alias = "num_publishers", deserialize_with = "de_u32_any")]
    pub num_publishers: u32,
}

/// A uint32 as a JSON number or string.
fn de_u32_any<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(match v {
        serde_json::Value::Number(n) => n.as_u64().unwrap_or(0) as u32,
        serde_json::Value::String(s) => s.parse().unwrap_or(0),
        _ => 0,
    })
}

/// Accepts an int64 as a JSON string (protojson) or number.
pub fn de_i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum V {
        N(i64),
        F(f64),
        S(String),
        Null(()),
    }
    Ok(match V::deserialize(d)? {
        V::N(n) => n,
        V::F(f) => f as i64,
        V::S(s) if s.is_empty() => 0,
        V::S(s) => s.parse().map_err(serde::de::Error::custom)?,
        V::Null(()) => 0,
    })
}

/// Accepts an enum as its name or its number; numbers map through `names`.
fn de_enum<'de, D: Deserializer<'de>>(d: D, names: &[&str]) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum V {
        N(u64),
        S(String),
        Null(()),
    }
    Ok(match V::deserialize(d)? {
        V::S(s) => s,
        V::N(n) => names.get(n as usize).map(|s| s.to_string()).unwrap_or_else(|| n.to_string()),
        V::Null(()) => names[0].to_string(),
    })
}

/// `EgressStatus` names in protobuf order.
pub const EGRESS_STATUSES: &[&str] = &[
    "EGRESS_STARTING",
    "EGRESS_ACTIVE",
    "EGRESS_ENDING",
    "EGRESS_COMPLETE",
    "EGRESS_FAILED",
    "EGRESS_ABORTED",
    "EGRESS_LIMIT_REACHED",
];

/// `IngressState.Status` names in protobuf order.
pub const INGRESS_STATUSES: &[&str] =
    &["ENDPOINT_INACTIVE", "ENDPOINT_BUFFERING", "ENDPOINT_PUBLISHING", "ENDPOINT_ERROR", "ENDPOINT_COMPLETE"];

fn de_egress_status<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    de_enum(d, EGRESS_STATUSES)
}

fn de_ingress_status<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    de_enum(d, INGRESS_STATUSES)
}

pub fn de_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

fn de_vec<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// `EgressInfo`, the fields pulse reads.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct EgressInfo {
    #[serde(alias = "egressId", deserialize_with = "de_string")]
    pub egress_id: String,
    #[serde(alias = "roomId", deserialize_with = "de_string")]
    pub room_id: String,
    #[serde(alias = "roomName", deserialize_with = "de_string")]
    pub room_name: String,
    #[serde(deserialize_with = "de_egress_status")]
    pub status: String,
    #[serde(alias = "startedAt", deserialize_with = "de_i64")]
    pub started_at: i64,
    #[serde(alias = "endedAt", deserialize_with = "de_i64")]
    pub ended_at: i64,
    #[serde(alias = "updatedAt", deserialize_with = "de_i64")]
    pub updated_at: i64,
    #[serde(deserialize_with = "de_string")]
    pub error: String,
    #[serde(alias = "errorCode")]
    pub error_code: i32,
    #[serde(deserialize_with = "de_string")]
    pub details: String,
    #[serde(alias = "fileResults", deserialize_with = "de_vec")]
    pub file_results: Vec<FileInfo>,
    #[serde(alias = "segmentResults", deserialize_with = "de_vec")]
    pub segment_results: Vec<SegmentsInfo>,
    #[serde(alias = "imageResults", deserialize_with = "de_vec")]
    pub image_results: Vec<ImagesInfo>,
    /// The start request, echoed (credentials redacted): which of pulse's egress this is, when
    /// pulse never heard LiveKit's answer to the start.
    #[serde(alias = "roomComposite")]
    pub room_composite: Option<EchoedRequest>,
    #[serde(alias = "trackComposite")]
    pub track_composite: Option<EchoedRequest>,
    pub track: Option<EchoedRequest>,
}

impl EgressInfo {
    /// The object keys the egress uploads to: HLS playlists and file paths.
    pub fn output_keys(&self) -> Vec<&str> {
        let mut out = Vec::new();
        for r in [&self.room_composite, &self.track_composite, &self.track].into_iter().flatten() {
            let outputs = r.segment_outputs.iter().chain(&r.file_outputs).chain(&r.file);
            out.extend(outputs.flat_map(|o| [o.playlist_name.as_str(), o.filepath.as_str()]).filter(|k| !k.is_empty()));
        }
        out
    }
}

/// The part of an echoed start request that says where it uploads.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct EchoedRequest {
    #[serde(alias = "segmentOutputs", deserialize_with = "de_vec")]
    pub segment_outputs: Vec<EchoedOutput>,
    #[serde(alias = "fileOutputs", deserialize_with = "de_vec")]
    pub file_outputs: Vec<EchoedOutput>,
    pub file: Option<EchoedOutput>,
}

/// One echoed output: an HLS playlist or a file path.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct EchoedOutput {
    #[serde(alias = "playlistName", deserialize_with = "de_string")]
    pub playlist_name: String,
    #[serde(deserialize_with = "de_string")]
    pub filepath: String,
}

/// `FileInfo`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct FileInfo {
    #[serde(deserialize_with = "de_string")]
    pub filename: String,
    #[serde(deserialize_with = "de_i64")]
    pub duration: i64,
    #[serde(deserialize_with = "de_i64")]
    pub size: i64,
    #[serde(deserialize_with = "de_string")]
    pub location: String,
}

/// `SegmentsInfo`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct SegmentsInfo {
    #[serde(alias = "playlistName", deserialize_with = "de_string")]
    pub playlist_name: String,
    #[serde(deserialize_with = "de_i64")]
    pub duration: i64,
    #[serde(deserialize_with = "de_i64")]
    pub size: i64,
    #[serde(alias = "playlistLocation", deserialize_with = "de_string")]
    pub playlist_location: String,
    #[serde(alias = "segmentCount", deserialize_with = "de_i64")]
    pub segment_count: i64,
}

/// `ImagesInfo`: the snapshots an image output has taken.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct ImagesInfo {
    #[serde(alias = "filenamePrefix", deserialize_with = "de_string")]
    pub filename_prefix: String,
    #[serde(alias = "imageCount", deserialize_with = "de_i64")]
    pub image_count: i64,
}

/// `ListEgressResponse`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ListEgressResponse {
    #[serde(deserialize_with = "de_vec")]
    pub items: Vec<EgressInfo>,
}

/// `IngressState`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct IngressState {
    #[serde(deserialize_with = "de_ingress_status")]
    pub status: String,
    #[serde(deserialize_with = "de_string")]
    pub error: String,
    /// Unix nanoseconds (int64, a string in JSON): when this session of it began and ended.
    #[serde(alias = "startedAt", deserialize_with = "de_i64")]
    pub started_at: i64,
    #[serde(alias = "endedAt", deserialize_with = "de_i64")]
    pub ended_at: i64,
}

/// `IngressInfo`, the fields pulse reads.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct IngressInfo {
    #[serde(alias = "ingressId", deserialize_with = "de_string")]
    pub ingress_id: String,
    #[serde(deserialize_with = "de_string")]
    pub name: String,
    #[serde(alias = "streamKey", deserialize_with = "de_string")]
    pub stream_key: String,
    #[serde(deserialize_with = "de_string")]
    pub url: String,
    #[serde(alias = "roomName", deserialize_with = "de_string")]
    pub room_name: String,
    #[serde(alias = "participantIdentity", deserialize_with = "de_string")]
    pub participant_identity: String,
    pub state: Option<IngressState>,
}

/// `ListIngressResponse`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ListIngressResponse {
    #[serde(deserialize_with = "de_vec")]
    pub items: Vec<IngressInfo>,
}

/// Any answer whose content pulse ignores.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Ignored {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_snake_case_with_string_int64() {
        let body = r#"{"egress_id":"EG_1","room_id":"RM_1","room_name":"prj__r","status":"EGRESS_ACTIVE",
            "started_at":"1767225600123456789","ended_at":"0","updated_at":"1","error":"","error_code":0,
            "details":"","file_results":[],"segment_results":[{"playlist_name":"p","duration":"6000000000",
            "size":"10","playlist_location":"https://x/p","segment_count":"1","live_playlist_name":""}],
            "stream_results":[],"room_composite":null,"backup_storage_used":false,"retry_count":0,"new_field":1}"#;
        let info: EgressInfo = serde_json::from_str(body).unwrap();
        assert_eq!(info.egress_id, "EG_1");
        assert_eq!(info.status, "EGRESS_ACTIVE");
        assert_eq!(info.started_at, 1_767_225_600_123_456_789);
        assert_eq!(info.segment_results[0].duration, 6_000_000_000);
    }

    #[test]
    fn reads_camel_case_numbers_and_numeric_enums() {
        let body = r#"{"egressId":"EG_2","roomName":"r","status":3,"startedAt":12,"segmentResults":null}"#;
        let info: EgressInfo = serde_json::from_str(body).unwrap();
        assert_eq!((info.egress_id.as_str(), info.status.as_str(), info.started_at), ("EG_2", "EGRESS_COMPLETE", 12));
        let ing: IngressInfo =
            serde_json::from_str(r#"{"ingressId":"IN_1","streamKey":"k","state":{"status":2}}"#).unwrap();
        assert_eq!(ing.state.unwrap().status, "ENDPOINT_PUBLISHING");
    }

    #[test]
    fn sends_camel_case_and_omits_empty() {
        let req = RoomCompositeEgressRequest {
            room_name: "prj__r".into(),
            layout: "grid".into(),
            audio_only: false,
            video_only: false,
            preset: None,
            outputs: Outputs {
                stream_outputs: vec![StreamOutput { protocol: "RTMP", urls: vec!["rtmp://x/y".into()] }],
                ..Default::default()
            },
        };
        assert_eq!(
            serde_json::to_value(&req).unwrap(),
            serde_json::json!({"roomName": "prj__r", "layout": "grid",
                "streamOutputs": [{"protocol": "RTMP", "urls": ["rtmp://x/y"]}]})
        );
    }
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
    /// Why it left: LiveKit's `DisconnectReason` (e.g. `CLIENT_INITIATED`, `UNKNOWN_REASON`).
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
    /// `CAMERA`, `MICROPHONE`, `SCREEN_SHARE`, `SCREEN_SHARE_AUDIO`, or `UNKNOWN`.
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
const TRACK_SOURCES: &[&str] = &["UNKNOWN", "CAMERA", "MICROPHONE", "SCREEN_SHARE", "SCREEN_SHARE_AUDIO"];
const DISCONNECT_REASONS: &[&str] = &[
    "UNKNOWN_REASON",
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

fn de_participant_kind<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    de_enum(d, PARTICIPANT_KINDS)
}

fn de_disconnect_reason<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    de_enum(d, DISCONNECT_REASONS)
}

fn de_track_type<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    de_enum(d, TRACK_TYPES)
}

fn de_track_source<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    de_enum(d, TRACK_SOURCES)
}

fn de_map<'de, D: Deserializer<'de>>(d: D) -> Result<std::collections::BTreeMap<String, String>, D::Error> {
    Ok(Option::deserialize(d)?.unwrap_or_default())
}

/// `ListParticipantsRequest`.
#[derive(Debug, Serialize)]
pub struct ListParticipantsRequest {
    pub room: String,
}

/// `ListParticipantsResponse`: who is in the room now.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListParticipantsResponse {
    pub participants: Vec<Participant>,
}

//! Wire types of the control-plane HTTP API (`docs/openapi.json` is generated from them), shared by the daemon and the CLI client.
//!
//! Requests refuse unknown fields (an unknown JSON field is a 400 naming it) and
//! keep every field optional so the daemon, not serde, names what is missing.

use serde::{Deserialize, Serialize};

/// The body of every non-2xx answer: `{"error": {...}}`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// What went wrong, machine-readable (`code`) and human-readable (`message`).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// One page of a list answer, newest first.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub data: Vec<T>,
    pub pagination: Pagination,
}

/// Where a page sits in the whole list.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Pagination {
    pub page: u32,
    pub limit: u32,
    pub total: u64,
    pub total_pages: u64,
}

// ---------------------------------------------------------------- projects

/// `POST /v1/projects`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateProject {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = String, required = true, min_length = 1)]
    pub name: Option<String>,
    /// Creates a webhook endpoint for the project (all events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    /// Per-project upload settings, overriding the daemon's `[storage]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<crate::media::StorageConfig>,
}

/// A project as every answer shows it: never a key.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct Project {
    pub project_id: String,
    pub name: String,
    pub api_key_prefix: String,
    /// The project's own upload target, credentials left out; null when it uses the daemon's.
    #[serde(default)]
    pub storage: Option<crate::media::StorageView>,
    pub created_at: String,
    /// What it may use (`PUT /v1/projects/:id/limits`).
    #[serde(default)]
    pub limits: ProjectLimits,
}

/// A project's limits (null: none). Over a hard one an egress start or ingress create is
/// refused with 403 naming it; over a soft one it goes ahead, logged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProjectLimits {
    pub egress_minutes_per_month: Option<u64>,
    pub participant_minutes_per_month: Option<u64>,
    pub concurrent_egress: Option<u32>,
    pub soft: bool,
}

/// `PUT /v1/projects/:id/limits`: the limits to change (absent: as they are; 0: none).
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectLimitsRequest {
    /// Egress minutes per UTC calendar month (each egress rounded up to a minute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub egress_minutes_per_month: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_minutes_per_month: Option<u64>,
    /// Egress running at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrent_egress: Option<u32>,
    /// Soft limits only warn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soft: Option<bool>,
}

/// The answer to `POST /v1/projects`: the only one that carries the API key.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CreatedProject {
    pub project: Project,
    pub api_key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_endpoint: Option<Endpoint>,
}

/// The answer to `POST /v1/projects/:id/rotate-key`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RotatedKey {
    pub project_id: String,
    pub api_key: String,
}

/// The answer to `DELETE /v1/projects/:id`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Deleted {
    pub id: String,
    pub deleted: bool,
}

// ---------------------------------------------------------------- egress

/// `POST /v1/media/egress/start`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartEgress {
    pub room_name: Option<String>,
    #[schema(value_type = Option<crate::model::OutputType>)]
    pub output_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<crate::model::EgressKind>)]
    pub egress_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<crate::model::Layout>)]
    pub layout_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(pattern = "^[A-Za-z0-9._-]{1,128}(/part-([2-9]|10))?$")]
    pub filename: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rtmp_urls: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_track_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_track_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_only: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_only: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// How many times to try the start when LiveKit fails in a way that may pass (unreachable,
    /// overloaded, no egress capacity), 1 to 20 (default 5; 1: fail at once). Retries back off
    /// (1 s, 2 s, 4 s, … up to 60 s) and survive a restart of the daemon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 1, maximum = 20)]
    pub start_attempts: Option<u32>,
    /// Stop the egress this long after it became active, e.g. "90m" or "4h" (1 s to 7 days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_duration: Option<String>,
    /// Several outputs in one egress (one LiveKit request): any of `hls`, `file`, `rtmp`,
    /// `images`, each at most once, e.g. `["hls", "file", "rtmp"]`. `output_type`, if given
    /// too, must be the first. Room and track composite egress only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<crate::model::OutputType>>)]
    pub outputs: Option<Vec<String>>,
    /// Image snapshots (`images` output): seconds between two, 1 to 3600 (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 1, maximum = 3600)]
    pub image_interval_secs: Option<u32>,
    /// Image snapshots' width and height in pixels, 16 to 3840 and 16 to 2160 (default 1280×720).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 16, maximum = 3840)]
    pub image_width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 16, maximum = 2160)]
    pub image_height: Option<u32>,
}

/// `POST /v1/media/rules` and `PATCH /v1/media/rules/:id`: a recording rule.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleRequest {
    /// A glob on the project's room names (`*`, `?`); `*` (every room) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_glob: Option<String>,
    /// `room_started` (the default) or `track_published` (the first track published).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<crate::model::RuleTrigger>)]
    pub trigger: Option<String>,
    /// What to start: the body of `POST /v1/media/egress/start` without `room_name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub egress: Option<StartEgress>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// A recording rule as the API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Rule {
    pub rule_id: String,
    pub room_glob: String,
    pub trigger: String,
    pub egress: StartEgress,
    pub enabled: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// `POST /v1/media/egress/stop`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StopEgress {
    #[schema(value_type = String, required = true, min_length = 1)]
    pub egress_id: Option<String>,
}

/// `POST /v1/media/egress/update`: RTMP targets added to or removed from a live RTMP egress.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateEgress {
    #[schema(value_type = String, required = true, min_length = 1)]
    pub egress_id: Option<String>,
    /// rtmp:// or rtmps:// URLs to start sending to (at most 10 targets in all).
    pub add_rtmp_urls: Option<Vec<String>>,
    /// URLs to stop sending to, as they were given (with their stream keys).
    pub remove_rtmp_urls: Option<Vec<String>>,
}

/// An egress: one recording or restream of a room or track.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct Egress {
    pub egress_id: String,
    pub livekit_egress_id: Option<String>,
    pub project_id: String,
    pub room_name: String,
    pub egress_type: String,
    /// The first output.
    pub output_type: String,
    /// Every output, `output_type` first.
    pub outputs: Vec<String>,
    pub layout_type: Option<String>,
    pub filename: Option<String>,
    pub status: String,
    pub livekit_status: Option<String>,
    pub cdn_playback_url: Option<String>,
    pub file_url: Option<String>,
    pub rtmp_urls: Vec<String>,
    pub error: Option<String>,
    pub created_at: String,
    pub started_at: Option<String>,
    pub ended_at: Option<String>,
    pub updated_at: String,
    /// The recording rule that started it, if one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_id: Option<String>,
    /// A rule's recording restarted after a failure: which part of it this is (2 and up; its
    /// filename ends in `/part-<n>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<u32>,
    /// HLS and file output, once ended: what pulse found in the object store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording: Option<Recording>,
    /// The request's `max_duration`, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_duration_secs: Option<u64>,
    /// The `images` output: its settings, and the latest snapshot LiveKit has reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub images: Option<Images>,
    /// A start LiveKit failed at least once: its attempts, and while it is still `pending`,
    /// when the next one is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_retry: Option<StartRetry>,
}

/// An egress's image snapshots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Images {
    pub interval_secs: u32,
    pub width: u32,
    pub height: u32,
    /// The object key prefix: snapshots are `<prefix>_00000.jpeg`, `<prefix>_00001.jpeg`, …
    pub object_prefix: String,
    /// How many LiveKit has reported taking so far.
    pub count: u64,
    /// The CDN URL of the latest reported snapshot (with a CDN configured and one taken).
    pub latest_url: Option<String>,
}

/// The attempts of an egress's start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StartRetry {
    /// Attempts made so far (the one being made included).
    pub attempts: u32,
    /// The request's `start_attempts`.
    pub max_attempts: u32,
    /// What LiveKit answered the last failed attempt.
    pub last_error: Option<String>,
    /// While the egress is still `pending`: when the next attempt is due.
    pub next_attempt_at: Option<String>,
}

/// The check of an ended recording in the object store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Recording {
    /// `pending`, `verified`, `failed` or `not_verified` (no storage configured).
    pub verification: String,
    /// True once the playlist or MP4 was found, not empty (and, for HLS, every segment).
    pub verified: bool,
    /// The key pulse told egress to upload to.
    pub object_key: Option<String>,
    /// Bytes found in the store (HLS: the playlist and everything beside it).
    pub size_bytes: Option<u64>,
    /// HLS: the segments the playlist names.
    pub segments: Option<u32>,
    /// What was missing, why it was not verified, or the last error reaching the store.
    pub detail: Option<String>,
    /// Looks that could not reach the store so far.
    pub attempts: u32,
    pub checked_at: Option<String>,
    /// While pending: the next look.
    pub next_check_at: Option<String>,
}

// ---------------------------------------------------------------- ingress

/// `POST /v1/media/ingress/create`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateIngress {
    #[schema(value_type = String, required = true, min_length = 1, max_length = 128)]
    pub room_name: Option<String>,
    #[schema(value_type = String, required = true, min_length = 1)]
    pub participant_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_identity: Option<String>,
    #[schema(value_type = crate::model::IngressKind, required = true)]
    pub ingress_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_enabled: Option<bool>,
}

/// An ingress: a way for an encoder to publish into a room.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct Ingress {
    pub ingress_id: String,
    pub livekit_ingress_id: String,
    pub project_id: String,
    pub ingress_type: String,
    pub name: Option<String>,
    pub room_name: String,
    pub participant_name: String,
    pub participant_identity: String,
    pub rtmp_url: Option<String>,
    /// Whole only in the create answer; `****wxyz` everywhere after.
    pub rtmp_stream_key: Option<String>,
    pub whip_url: Option<String>,
    pub url: Option<String>,
    pub status: String,
    pub error: Option<String>,
    pub audio_enabled: bool,
    pub video_enabled: bool,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

// ---------------------------------------------------------------- rooms

/// `POST /v1/rooms/token`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    #[schema(value_type = String, required = true, min_length = 1, max_length = 128)]
    pub room_name: Option<String>,
    #[schema(value_type = String, required = true, min_length = 1)]
    pub identity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 60, maximum = 604800)]
    pub ttl_seconds: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_publish: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_subscribe: Option<bool>,
}

/// A LiveKit join token for the project's namespaced room.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TokenResponse {
    pub token: String,
    pub livekit_url: String,
    pub room_name: String,
    pub identity: String,
    pub expires_at: String,
}

// ---------------------------------------------------------------- operations

/// `GET /v1/status`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Status {
    pub version: String,
    pub uptime_seconds: u64,
    pub store_size_bytes: u64,
    pub store: StoreStatus,
    pub livekit: LiveKitStatus,
    pub webhooks: WebhookStatus,
}

/// Which store the daemon runs on, and whether it runs the one-at-a-time jobs
/// (reconciliation, retention) — on a shared store, exactly one daemon does.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StoreStatus {
    pub backend: String,
    pub leader: bool,
}

/// The delivery queue, as `/v1/status` shows it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WebhookStatus {
    pub queue_depth: u64,
    pub due: u64,
    pub in_flight: u64,
    pub delivered: u64,
    pub failed: u64,
}

/// Whether the daemon can reach LiveKit, and how fast it answered.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LiveKitStatus {
    pub url: String,
    pub reachable: bool,
    pub latency_ms: Option<u64>,
    pub error: Option<String>,
}

// ---------------------------------------------------------------- webhooks

/// What customers receive (`docs/webhooks.md` "Payload").
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct PulseEvent {
    pub id: String,
    pub event: String,
    pub timestamp: u64,
    pub project_id: String,
    pub room_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub livekit_event_id: Option<String>,
    pub data: serde_json::Value,
}

// ---------------------------------------------------------------- event payloads (`data`)

/// A room, as events name it (the project's own name, without pulse's prefix).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct RoomRef {
    pub sid: String,
    pub name: String,
    /// LiveKit's room metadata, when the room has some.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
}

/// A participant, as events name it, with LiveKit's fields.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct ParticipantRef {
    pub sid: String,
    pub identity: String,
    pub name: String,
    pub joined_at: Option<String>,
    /// LiveKit's participant kind: `STANDARD`, `INGRESS`, `EGRESS`, `SIP` or `AGENT`.
    #[serde(default = "standard")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub attributes: std::collections::BTreeMap<String, String>,
    /// Why it left (`participant_left`, `participant_connection_aborted`): LiveKit's
    /// `DisconnectReason`, e.g. `CLIENT_INITIATED`, `CONNECTION_TIMEOUT`, `ROOM_DELETED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disconnect_reason: Option<String>,
}

fn standard() -> String {
    "STANDARD".into()
}

/// A published track, as `track_published` and `track_unpublished` name it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct TrackRef {
    pub sid: String,
    /// `AUDIO`, `VIDEO` or `DATA`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `CAMERA`, `MICROPHONE`, `SCREEN_SHARE` or `SCREEN_SHARE_AUDIO`; absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub name: String,
    pub mime_type: String,
    pub simulcast: bool,
    pub muted: bool,
    /// Video only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

/// `data` of `room_started` and `room_ended`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct RoomEventData {
    pub room: RoomRef,
    /// Why the room ended (`room_ended`), as LiveKit says it, e.g. `ROOM_END_IDLE_TIMEOUT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_reason: Option<String>,
    /// True when pulse learned it by reconciling with LiveKit (`ListRooms`), its webhook
    /// having been lost; absent otherwise.
    #[serde(default, skip_serializing_if = "is_false")]
    pub reconciled: bool,
}

fn is_false(b: &bool) -> bool {
    !b
}

/// `data` of `participant_joined`, `participant_left` and `participant_connection_aborted`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct ParticipantEventData {
    pub participant: ParticipantRef,
    pub room: RoomRef,
    /// True when pulse learned it by reconciling with LiveKit (`ListParticipants`); absent
    /// otherwise.
    #[serde(default, skip_serializing_if = "is_false")]
    pub reconciled: bool,
}

/// `data` of `track_published` and `track_unpublished`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct TrackEventData {
    pub track: TrackRef,
    pub participant: ParticipantRef,
    pub room: RoomRef,
}

/// `data` of `agent_job_started` and `agent_job_ended`: LiveKit's `Job`, as LiveKit sent it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct AgentJobEventData {
    #[schema(value_type = Object)]
    pub job: serde_json::Value,
    pub room: RoomRef,
}

/// `data` of `egress_started` and `egress_ended`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct EgressEventData {
    pub egress: Egress,
}

/// `data` of `egress_failed`: the egress and why it failed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct EgressFailedData {
    pub egress: Egress,
    pub reason: Option<String>,
}

/// `data` of `egress_restarted`: a rule's egress failed mid-session and its recording goes on
/// in a new egress, the next part (`<filename>/part-<n>`), while the room session lasts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct EgressRestartedData {
    /// The new egress, `pending` until LiveKit starts it.
    pub egress: Egress,
    /// The egress that failed.
    pub previous_egress_id: String,
    /// LiveKit's status and error for the failure (e.g. `EGRESS_ABORTED: …`).
    pub reason: String,
    /// The new egress's part of the recording (2 for the first restart).
    pub part: u32,
}

/// `data` of `endpoint.failing`, `endpoint.exhausted`, `endpoint.recovered` and
/// `endpoint.disabled`: which endpoint (sent to the project's other endpoints), and why.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct EndpointEventData {
    pub endpoint: Endpoint,
    /// The last answer (`HTTP 500: …`, a timeout, …) or why it was disabled.
    pub reason: Option<String>,
    /// Since when it has been failing (not on `endpoint.recovered`).
    pub failing_since: Option<String>,
    /// The delivery (webhook log) and event whose attempt made the change, if one did.
    pub delivery_id: Option<String>,
    pub event_id: Option<String>,
}

/// `data` of `usage.threshold`: a project's monthly use reached 80 % or 100 % of a limit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct UsageThresholdData {
    pub project_id: String,
    /// `egress_minutes_per_month` or `participant_minutes_per_month`.
    pub limit: String,
    /// 80 or 100.
    pub percent: u32,
    pub limit_value: u64,
    pub used: u64,
    /// The start of the UTC month it counts in.
    pub period_start: String,
    /// Whether the limit refuses (hard) or only warns (soft).
    pub soft: bool,
}

/// A recording as `recording_available` and `recording_failed` describe it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct RecordingInfo {
    /// HLS: the CDN URL of the playlist (or where LiveKit said it uploaded it).
    pub playlist_url: Option<String>,
    /// File: the CDN URL of the MP4 (or where LiveKit said it uploaded it).
    pub file_url: Option<String>,
    /// The key pulse told egress to upload to.
    pub object_key: Option<String>,
    pub duration_seconds: f64,
    /// Bytes found in the store when verified, else as LiveKit reported them.
    pub size_bytes: u64,
    /// HLS: the segments the playlist names.
    pub segments: Option<u32>,
    /// True only when pulse found the recording in the object store.
    pub verified: bool,
    /// `verified`, `failed` or `not_verified` (no storage configured).
    pub verification: Option<String>,
    /// What was missing, or why it was not verified.
    pub detail: Option<String>,
    /// Each file output of the egress (HLS, MP4): where it is, all checked together.
    pub outputs: Vec<RecordedOutput>,
}

/// One file output of a recording.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct RecordedOutput {
    /// `hls` or `file`.
    pub output_type: String,
    pub object_key: String,
    /// The CDN URL, or where LiveKit said it uploaded it.
    pub url: Option<String>,
}

/// `data` of `recording_available` and `recording_failed` (`reason` on failure).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct RecordingEventData {
    pub egress: Egress,
    pub recording: RecordingInfo,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `data` of `ingress_started` and `ingress_ended`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct IngressEventData {
    pub ingress: Ingress,
}

/// `granularity` of `GET /v1/usage` (the document's view; the handler checks the text).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Hour,
    Day,
}

/// `group_by` of `GET /v1/usage`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    Meter,
    Room,
}

/// `POST /v1/webhooks/endpoints`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateEndpoint {
    #[schema(value_type = String, required = true, min_length = 1)]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Globs on the project's room names (`*`, `?`): only events of matching rooms. Absent or
    /// empty: every room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_items = 32)]
    pub rooms: Option<Vec<String>>,
    /// The waits before each retry of a failed delivery, e.g. `["1m", "10m", "1h"]` (1 to 20
    /// waits of 1 s to 24 h, at most 3 days in all). Absent: the daemon's schedule (5 m, 10 m,
    /// 30 m, 30 m unless its `[webhooks] retry_schedule` says otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_items = 20)]
    pub retry_schedule: Option<Vec<String>>,
    /// Conditions on the event as delivered, all of which must hold: `<path> == <value>`,
    /// `<path> != <value>` or `<path> in [<values>]`, e.g. `data.egress.output_type == "hls"`
    /// (see `docs/webhooks.md`). Absent or empty: every event its names and rooms select.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_items = 10)]
    pub filters: Option<Vec<String>>,
    /// Disable the endpoint after this many days of nothing but failures, 0 to 90 (0: never;
    /// default 5). `POST …/recover` enables it again and queues what failed meanwhile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(maximum = 90)]
    pub disable_after_days: Option<u32>,
    /// Headers sent with every delivery, e.g. `{"Authorization": "Bearer …"}` (up to 20; not
    /// `Host`, `Content-Length`, `Content-Type` or the signature headers). Kept encrypted;
    /// answers show them masked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<std::collections::BTreeMap<String, String>>,
    /// `v1` (the default): HMAC-SHA256 with a `whsec_` secret, as Standard Webhooks' `v1` and
    /// `X-Pulse-Signature`; `v1a`: Standard Webhooks' ed25519 signatures, verified with the
    /// endpoint's `whpk_` public key (its private key never leaves pulse).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(pattern = "^v1a?$")]
    pub signature: Option<String>,
    /// At most this many deliveries per second to it (1 to 1000), across every daemon;
    /// deliveries beyond it wait in the queue, other endpoints' do not. Absent: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 1, maximum = 1000)]
    pub rate_limit: Option<u32>,
    /// `resource`: one egress's, one ingress's or one room's deliveries go out in the order
    /// they were made, each once the one before it was delivered or failed for good (the wait
    /// is that resource's alone). `none` (the default): as soon as each is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(pattern = "^(none|resource)$")]
    pub ordering: Option<String>,
}

/// `PATCH /v1/webhooks/endpoints/:id`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchEndpoint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Replaces the room globs (`[]`: every room).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_items = 32)]
    pub rooms: Option<Vec<String>>,
    /// Replaces the retry schedule (`[]`: the daemon's), for deliveries created from now on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_items = 20)]
    pub retry_schedule: Option<Vec<String>>,
    /// Replaces the payload conditions (`[]`: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_items = 10)]
    pub filters: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(maximum = 90)]
    pub disable_after_days: Option<u32>,
    /// Replaces the custom headers (`{}`: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<std::collections::BTreeMap<String, String>>,
    /// Replaces the rate limit (deliveries per second, 1 to 1000; 0: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(maximum = 1000)]
    pub rate_limit: Option<u32>,
    /// `resource` or `none`; deliveries made from now on follow it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(pattern = "^(none|resource)$")]
    pub ordering: Option<String>,
}

/// `POST /v1/webhooks/endpoints/:id/recover`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecoverEndpoint {
    /// Queue again every delivery to it that failed since then: RFC 3339, or a duration back
    /// from now (`48h`). Absent: since it began failing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
}

/// The answer to `POST /v1/webhooks/endpoints/:id/recover`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct Recovered {
    pub endpoint: Endpoint,
    /// Failed deliveries queued again (each gets the endpoint's retry schedule anew).
    pub requeued: u64,
}

/// `POST /v1/webhooks/endpoints/:id/rotate-secret`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RotateSecret {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(maximum = 604800)]
    pub grace_seconds: Option<u64>,
}

/// A customer's webhook endpoint. `secret` only in the answers that create or reveal it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct Endpoint {
    pub endpoint_id: String,
    pub url: String,
    pub events: Vec<String>,
    /// Room globs; empty: every room.
    pub rooms: Vec<String>,
    /// The endpoint's own waits before each retry (`90s`, `5m`, `2h`); null: the daemon's.
    pub retry_schedule: Option<Vec<String>>,
    /// Conditions on the event, all of which must hold; empty: none.
    pub filters: Vec<String>,
    /// Disabled after this many days of nothing but failures (0: never).
    pub disable_after_days: u32,
    /// At most this many deliveries per second (null: no limit).
    pub rate_limit: Option<u32>,
    /// `resource` (each resource's deliveries in order) or `none`.
    pub ordering: String,
    /// Since when its deliveries have been failing (null: they are not).
    pub failing_since: Option<String>,
    /// Its custom headers, values masked.
    pub headers: std::collections::BTreeMap<String, String>,
    /// `v1` (HMAC, `whsec_`) or `v1a` (ed25519).
    pub signature: String,
    /// `v1a`: the `whpk_` public key receivers verify with, readable at any time.
    pub public_key: Option<String>,
    pub description: Option<String>,
    pub enabled: bool,
    pub disabled_reason: Option<String>,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

/// `GET /v1/webhooks/endpoints/:id/stats`: the last 24 hours of an endpoint.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct EndpointStats {
    pub endpoint_id: String,
    pub window_hours: u32,
    pub delivered: u64,
    pub failed: u64,
    /// Pending or retrying.
    pub pending: u64,
    /// delivered / (delivered + failed); absent when nothing finished.
    pub success_rate: Option<f64>,
    /// The last 7 UTC days, oldest first (today so far last): what the console charts.
    pub daily: Vec<DayStats>,
}

/// One UTC day of an endpoint's deliveries (by when each was created).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct DayStats {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub delivered: u64,
    pub failed: u64,
    pub success_rate: Option<f64>,
}

/// `POST /v1/console/links`: a console link for one project.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsoleLinkRequest {
    /// How long the link works, in seconds: 60 to 604800 (7 days); 3600 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 60, maximum = 604800)]
    pub ttl_seconds: Option<u64>,
    /// With the admin token: the project to open. With a project key: that project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Whether the console may also add, change and remove the project's endpoints and
    /// rotate their secrets (nothing else); default false: it only looks and replays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manage: Option<bool>,
}

/// A console link: open `<control plane URL><path>` in a browser.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ConsoleLink {
    pub project_id: String,
    /// Whether it may change the project's endpoints.
    #[serde(default)]
    pub manage: bool,
    /// `/console#link=<token>`: the token stays in the fragment, which browsers never send.
    pub path: String,
    pub token: String,
    pub expires_at: String,
}

/// `GET /v1/webhooks/endpoints/:id/secret`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EndpointSecret {
    pub endpoint_id: String,
    pub secret: String,
}

/// One delivery: one event to one endpoint (`docs/webhooks.md` "Logs and replay").
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct WebhookLog {
    pub id: String,
    pub event_id: String,
    pub event: String,
    pub endpoint_id: String,
    pub url: String,
    pub status: String,
    pub attempt_count: u32,
    pub max_attempts: u32,
    pub next_attempt_at: Option<String>,
    pub last_status_code: Option<u16>,
    pub last_error: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub delivered_at: Option<String>,
}

/// One HTTP attempt of a delivery.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct Attempt {
    pub attempt: u32,
    pub at: String,
    pub status_code: Option<u16>,
    pub duration_ms: u64,
    /// `timeout`, `connect`, `dns`, `tls`, `http_status` or `blocked_target`.
    pub error: Option<String>,
    pub response_body: Option<String>,
    /// `scheduled` or `manual`.
    pub trigger: String,
    pub url: String,
}

/// `GET /v1/webhooks/logs/:id`: the log with its payload and every attempt, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WebhookLogDetail {
    #[serde(flatten)]
    pub log: WebhookLog,
    pub payload: serde_json::Value,
    pub attempts: Vec<Attempt>,
}

/// `POST /v1/webhooks/logs/:id/replay`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplayRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// `POST /v1/webhooks/test`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TestEventRequest {
    #[schema(value_type = crate::model::EventKind, required = true)]
    pub event: Option<String>,
}

/// The answer to `POST /v1/webhooks/test`: the event and the deliveries it made.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TestEventResult {
    pub event: PulseEvent,
    pub deliveries: Vec<WebhookLog>,
}

/// The answer to `POST /v1/webhooks/logs/:id/replay`: the attempt just made and the log after it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReplayResult {
    pub attempt: Attempt,
    pub log: WebhookLog,
}

// ---------------------------------------------------------------- usage

/// `GET /v1/usage` query.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct UsageQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    pub granularity: Option<String>,
    pub group_by: Option<String>,
}

/// A project's usage over a span (`GET /v1/usage`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct Usage {
    pub project_id: String,
    pub from: String,
    pub to: String,
    /// `hour` or `day` (UTC).
    pub granularity: String,
    /// `meter` or `room`.
    pub group_by: String,
    /// One per bucket and meter (and room, with `group_by=room`), oldest first.
    pub rows: Vec<UsageRow>,
    /// Each meter over the whole span; with `webhook_deliveries` and
    /// `webhook_deliveries_succeeded` (deliveries created in the span).
    pub totals: std::collections::BTreeMap<String, u64>,
}

/// What one meter measured in one bucket.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct UsageRow {
    /// The bucket's start (RFC 3339, UTC).
    pub start: String,
    /// With `group_by=room`: the room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    /// `participant_minutes`, `egress_minutes.hls` (`.file`, `.rtmp`, `.images`),
    /// `ingress_minutes.rtmp` (`.whip`, `.url`), `recording_bytes`.
    pub meter: String,
    /// Minutes (each use rounded up to a whole minute) or bytes.
    pub quantity: u64,
    /// How many uses (sessions, egress, recordings) make it up.
    pub uses: u64,
}

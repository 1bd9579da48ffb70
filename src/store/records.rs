//! What the store keeps: one record type per resource, typed (enums, integer times), separate
//! from the API's JSON so either can change without the other. `rev` counts a record's writes
//! and is what conditional writes compare.

use serde::{Deserialize, Serialize};

use crate::ids::*;
use crate::media::StorageConfig;
use crate::model::*;

/// A project with its key hash and, if it overrides the daemon's, its storage credentials.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ProjectRecord {
    pub id: ProjectId,
    pub name: String,
    /// Hex SHA-256 of the current API key.
    pub key_hash: String,
    /// What answers show of the key (`pulse_key_abcdef…`).
    pub key_prefix: String,
    pub storage: Option<StorageConfig>,
    pub created_ms: Millis,
    pub rev: u64,
    /// What the project may use (see `core::limits`); self-describing so it may grow.
    #[serde(default, with = "self_describing")]
    pub limits: ProjectLimits,
}

/// A project's limits: `None` is no limit. Over a hard one, an egress start or an ingress
/// create is refused (403); over a soft one it goes ahead, logged and answered with a warning.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct ProjectLimits {
    pub egress_minutes_per_month: Option<u64>,
    pub participant_minutes_per_month: Option<u64>,
    pub concurrent_egress: Option<u32>,
    pub soft: bool,
    /// The `usage.threshold` events sent: `<period start ms>:<limit>:<percent>`, this month's.
    pub sent: Vec<String>,
}

/// An egress.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EgressRecord {
    pub id: EgressId,
    pub livekit_id: Option<String>,
    pub project_id: ProjectId,
    pub room_name: String,
    pub kind: EgressKind,
    pub output: OutputType,
    pub layout: Option<Layout>,
    pub filename: Option<String>,
    pub status: EgressStatus,
    pub livekit_status: Option<String>,
    pub cdn_playback_url: Option<String>,
    pub file_url: Option<String>,
    /// Masked: stream keys are never stored.
    pub rtmp_urls: Vec<String>,
    pub error: Option<String>,
    pub created_ms: Millis,
    pub started_ms: Option<Millis>,
    pub ended_ms: Option<Millis>,
    pub updated_ms: Millis,
    pub rev: u64,
    /// The recording rule that started it, if one did.
    #[serde(default)]
    pub rule_id: Option<RuleId>,
    /// HLS and file output, once ended: what the object store holds.
    #[serde(default)]
    pub recording: Option<RecordingCheck>,
    /// While the start is not settled (and after, for the record): its attempts.
    #[serde(default)]
    pub start: Option<StartRetry>,
    /// Stopped this long after it became active, if set.
    #[serde(default)]
    pub max_duration_ms: Option<Millis>,
    /// The outputs besides `output` (one LiveKit request takes one of each kind).
    #[serde(default, with = "self_describing")]
    pub outputs: Box<EgressOutputs>,
}

impl EgressRecord {
    /// Every output, `output` first.
    pub fn output_types(&self) -> Vec<OutputType> {
        std::iter::once(self.output).chain(self.outputs.also.iter().copied()).collect()
    }

    pub fn has_output(&self, t: OutputType) -> bool {
        self.output == t || self.outputs.also.contains(&t)
    }
}

/// An egress's outputs besides its first, and its image snapshots' settings. Kept
/// self-describing (see [`self_describing`]), so it may grow without a new record format.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct EgressOutputs {
    /// The output types after `output`, in the request's order; empty: one output.
    pub also: Vec<OutputType>,
    pub images: Option<Box<ImageSettings>>,
}

/// Image snapshots: one every `interval_secs`, `width`×`height`, under `prefix`
/// (`<prefix>_<00000>.jpeg`, …); `count` is how many LiveKit last reported.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct ImageSettings {
    pub interval_secs: u32,
    pub width: u32,
    pub height: u32,
    pub prefix: String,
    /// The CDN URL of `prefix`, when a CDN is configured.
    pub url_prefix: Option<String>,
    pub count: u64,
}

/// A start's attempts: kept on the record so that a start that fails for a reason that may
/// pass is tried again after a crash too, and never twice at once.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StartRetry {
    /// The start request as given, its filename fixed (so a retry writes to the same keys)
    /// and without its RTMP URLs: stream keys are never stored.
    pub request: String,
    /// Attempts made, or being made, so far; and the most the request allows.
    pub attempts: u32,
    pub max_attempts: u32,
    /// When the next attempt is due; while one is being made, when it is presumed cut off.
    pub next_ms: Millis,
    pub last_error: Option<String>,
}

/// The check of an ended recording in the object store, and what LiveKit reported of it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RecordingCheck {
    pub state: RecordingState,
    /// Bytes found in the store (HLS: the playlist and every object beside it).
    pub size_bytes: Option<u64>,
    /// HLS: how many segments the playlist names.
    pub segments: Option<u32>,
    /// What was missing, why it was not verified, or the last error reaching the store.
    pub detail: Option<String>,
    /// Checks that could not reach the store so far.
    pub attempts: u32,
    /// While `pending`: when to look next.
    pub next_ms: Millis,
    pub checked_ms: Option<Millis>,
    /// What LiveKit reported: the recording's length and where it uploaded it.
    pub duration_ns: i64,
    pub reported_size: i64,
    pub location: Option<String>,
}

/// A recording rule: which rooms of a project, what egress to start in them (the options of
/// `egress start`, kept as their JSON without `room_name`), and when.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RuleRecord {
    pub id: RuleId,
    pub project_id: ProjectId,
    /// A glob on the project's own room names (`*` any run, `?` one character).
    pub room_glob: String,
    pub trigger: RuleTrigger,
    /// `StartEgress` as JSON, without `room_name`.
    pub egress: String,
    pub enabled: bool,
    pub created_ms: Millis,
    pub updated_ms: Millis,
    pub rev: u64,
}

/// A room's or a participant's session on LiveKit, as pulse learned it: from the webhook that
/// began it (or the reconciler's first sight of it) to the one that ended it (or the
/// reconciler's finding it gone). Each transition is produced once, whoever reports it first;
/// the usage meters read their minutes from these.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SessionRecord {
    pub project_id: ProjectId,
    /// The room session's LiveKit sid (`RM_…`).
    pub room_sid: String,
    /// The project's own room name.
    pub room_name: String,
    /// `None` for the room's own session; the participant's sid (`PA_…`) for a participant's.
    pub participant_sid: Option<String>,
    pub identity: Option<String>,
    pub started_ms: Millis,
    pub ended_ms: Option<Millis>,
    /// Learned from the reconciler (its start, its end), not from LiveKit's webhook.
    pub started_reconciled: bool,
    pub ended_reconciled: bool,
    pub rev: u64,
}

impl SessionRecord {
    /// The participant's sid, or `""` for the room's own session (the key's last part).
    pub fn participant_key(&self) -> &str {
        self.participant_sid.as_deref().unwrap_or("")
    }
}

/// An ingress (its stream key only masked).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IngressRecord {
    pub id: IngressId,
    pub livekit_id: String,
    pub project_id: ProjectId,
    pub kind: IngressKind,
    pub name: Option<String>,
    pub room_name: String,
    pub participant_name: String,
    pub participant_identity: String,
    pub rtmp_url: Option<String>,
    pub rtmp_stream_key: Option<String>,
    pub whip_url: Option<String>,
    pub url: Option<String>,
    pub status: IngressStatus,
    pub error: Option<String>,
    pub audio_enabled: bool,
    pub video_enabled: bool,
    pub created_ms: Millis,
    pub updated_ms: Millis,
    pub deleted_ms: Option<Millis>,
    pub rev: u64,
    /// When it has been active (publishing or buffering): the usage meters count these.
    #[serde(default, with = "self_describing")]
    pub activity: IngressActivity,
}

/// An ingress's active spans, oldest first (the last one open while it is active); at most
/// [`IngressActivity::KEEP`], the oldest dropped.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct IngressActivity {
    pub spans: Vec<(Millis, Option<Millis>)>,
}

impl IngressActivity {
    pub const KEEP: usize = 1000;
}

/// One signing secret; `expires_ms` is set once a rotation retires it.
#[derive(Clone, Serialize, Deserialize, PartialEq)]
pub struct SecretEntry {
    pub secret: String,
    pub expires_ms: Option<Millis>,
}

impl std::fmt::Debug for SecretEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretEntry(<redacted>, expires_ms={:?})", self.expires_ms)
    }
}

/// What an endpoint asks for beyond its URL and event names. It grows without a new record
/// format: the sled backend's compact encoding keeps it as JSON ([`self_describing`]), so a
/// field added later reads as its default in records written before.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct EndpointOptions {
    /// Globs on the project's room names; empty: every room. An event without a room (none
    /// today) goes only to endpoints without room globs.
    pub rooms: Vec<String>,
    /// Seconds to wait before each retry; empty: the daemon's `[webhooks] retry_schedule`.
    pub retry_schedule_secs: Vec<u64>,
    /// Conditions on the event as delivered, all of which must hold (see `core::filters`).
    pub filters: Vec<String>,
    /// How its deliveries have been going (see `core::health`).
    pub health: EndpointHealth,
    /// Disabled after this many days of nothing but failures; `None`: the default (5), 0: never.
    pub disable_after_days: Option<u32>,
    /// Headers sent with every delivery: names as given, values sealed (`crate::seal`).
    pub headers: Vec<(String, String)>,
    /// At most this many scheduled attempts per second to it, across every daemon.
    pub rate_limit: Option<u32>,
    /// One resource's deliveries (an egress's, an ingress's, a room's) go out in the order
    /// they were made, each after the one before settled.
    pub ordered: bool,
}

impl EndpointOptions {
    /// Days of nothing but failures after which the endpoint is disabled (0: never); 5, Svix's
    /// figure, unless it says otherwise.
    pub fn disable_after_days(&self) -> u32 {
        self.disable_after_days.unwrap_or(5)
    }
}

/// An endpoint's health: since when it has been failing, and whether `endpoint.exhausted` has
/// been sent in this failing spell.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct EndpointHealth {
    pub failing_since_ms: Option<Millis>,
    pub exhausted_sent: bool,
}

/// Serde for a field that must stay readable as it grows: itself in self-describing formats
/// (JSON, PostgreSQL's jsonb), a JSON string in compact ones (postcard, which has no field
/// names and so cannot skip or default a field).
pub mod self_describing {
    use serde::de::{DeserializeOwned, Error as _};
    use serde::ser::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            v.serialize(s)
        } else {
            serde_json::to_string(v).map_err(S::Error::custom)?.serialize(s)
        }
    }

    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        if d.is_human_readable() {
            T::deserialize(d)
        } else {
            serde_json::from_str(&String::deserialize(d)?).map_err(D::Error::custom)
        }
    }
}

/// A customer's webhook endpoint with its secrets, newest first.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EndpointRecord {
    pub id: EndpointId,
    pub project_id: ProjectId,
    pub url: String,
    /// Empty: every event.
    pub events: Vec<EventKind>,
    pub description: Option<String>,
    pub enabled: bool,
    pub disabled_reason: Option<String>,
    pub created_ms: Millis,
    pub secrets: Vec<SecretEntry>,
    pub rev: u64,
    #[serde(default, with = "self_describing")]
    pub options: EndpointOptions,
}

impl EndpointRecord {
    /// The secrets that sign now: the current one and any still in their grace period.
    pub fn signing_secrets(&self, now: Millis) -> Vec<&str> {
        self.secrets.iter().filter(|s| s.expires_ms.is_none_or(|t| t > now)).map(|s| s.secret.as_str()).collect()
    }

    /// The secret that signs from now on (the one answers reveal).
    pub fn current_secret(&self) -> Option<&str> {
        self.secrets.first().map(|s| s.secret.as_str())
    }

    /// Whether this endpoint wants `event`.
    pub fn wants(&self, event: EventKind) -> bool {
        self.enabled && (self.events.is_empty() || self.events.contains(&event))
    }
}

/// A pulse event: its payload kept as the exact bytes every attempt sends.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventRecord {
    pub id: EventId,
    pub project_id: ProjectId,
    pub kind: EventKind,
    pub payload: String,
    pub created_ms: Millis,
}

/// One HTTP attempt of a delivery.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AttemptRecord {
    pub at_ms: Millis,
    pub status_code: Option<u16>,
    pub duration_ms: u64,
    pub error: Option<ErrorClass>,
    pub response_body: Option<String>,
    pub trigger: Trigger,
    pub url: String,
}

/// A delivery: one event to one endpoint, with every attempt. `due_ms` is when the worker
/// next sends it (none once it is delivered or failed; a lease while an attempt is out).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DeliveryRecord {
    pub id: DeliveryId,
    pub project_id: ProjectId,
    pub event_id: EventId,
    pub event: EventKind,
    pub endpoint_id: EndpointId,
    pub url: String,
    pub status: DeliveryStatus,
    pub max_attempts: u32,
    pub due_ms: Option<Millis>,
    /// When the next scheduled attempt is meant to happen (the API's `next_attempt_at`);
    /// unlike `due_ms` it is not moved by a lease.
    pub next_attempt_ms: Option<Millis>,
    pub last_status_code: Option<u16>,
    pub last_error: Option<String>,
    pub attempts: Vec<AttemptRecord>,
    pub created_ms: Millis,
    pub updated_ms: Millis,
    pub delivered_ms: Option<Millis>,
    pub rev: u64,
    /// For an endpoint that orders its deliveries by resource: the resource (`egress:<id>`,
    /// `ingress:<id>`, `room:<name>`). A delivery with one goes out only once every earlier
    /// unsettled delivery to the same endpoint with the same key has settled. Last, so that
    /// sled reads older records as this with `None` (see `keys::decode_old`).
    #[serde(default)]
    pub order_key: Option<String>,
}

impl DeliveryRecord {
    /// Scheduled attempts made so far (manual replays do not count against the schedule).
    pub fn scheduled_attempts(&self) -> u32 {
        self.attempts.iter().filter(|a| a.trigger == Trigger::Scheduled).count() as u32
    }
}

/// Records for tests, filled with plausible values.
#[cfg(test)]
pub mod samples {
    use super::*;

    /// A delivery of `room_started` to endpoint `we_1`.
    pub fn delivery(project: &str, id: &str, status: DeliveryStatus, due: Option<Millis>) -> DeliveryRecord {
        DeliveryRecord {
            id: id.into(),
            project_id: project.into(),
            event_id: format!("evt_{id}").into(),
            event: EventKind::RoomStarted,
            endpoint_id: "we_1".into(),
            url: "https://x".into(),
            status,
            max_attempts: 5,
            due_ms: due,
            next_attempt_ms: due,
            last_status_code: None,
            last_error: None,
            attempts: vec![],
            created_ms: 0,
            updated_ms: 0,
            delivered_ms: None,
            rev: 0,
            order_key: None,
        }
    }

    /// A project with key hash `key_hash`.
    pub fn project(id: &str, key_hash: &str) -> ProjectRecord {
        ProjectRecord {
            id: id.into(),
            name: "a".into(),
            key_hash: key_hash.into(),
            key_prefix: "p".into(),
            storage: None,
            created_ms: 0,
            rev: 0,
            limits: Default::default(),
        }
    }
}

/// A write sent with an `Idempotency-Key`: whose key it is (`owner`, a project id or
/// `admin`), a fingerprint of the request, and, once it has been answered, the answer to give
/// again byte for byte. Without `status` it is still being answered. Kept 24 hours.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IdempotencyRecord {
    pub owner: String,
    pub key: String,
    /// Hex SHA-256 of the method, path and body.
    pub fingerprint: String,
    pub status: Option<u16>,
    pub body: Option<String>,
    pub created_ms: Millis,
    pub rev: u64,
}

impl IdempotencyRecord {
    /// How long a key is kept and honoured: 24 hours, as Stripe keeps them.
    pub const KEEP_MS: Millis = 24 * 3600 * 1000;
}

//! The domain's vocabulary: every status, kind and event name as an enum, with the one string
//! each has on the wire. The store keeps these, the core decides with them, the API prints them.

use serde::{Deserialize, Serialize};

/// Unix milliseconds: how every time is kept and compared (text only at the API's edge).
pub type Millis = i64;

/// Now, in Unix milliseconds.
pub fn now_ms() -> Millis {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as Millis).unwrap_or(0)
}

/// Unix milliseconds as the API's RFC 3339 text (millisecond precision, UTC).
pub fn rfc3339_ms(ms: Millis) -> String {
    crate::util::rfc3339(std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms.max(0) as u64))
}

/// Declares a string-backed enum: its variants, their wire names, parsing and listing.
macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses a wire name.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The wire names, for error messages.
            pub fn names() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        // The OpenAPI document names the same values the code parses.
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($text),+]))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

named_enum!(
    /// Where an egress is in its life: `pending` → `active` → `stopping` → `ended`, or `failed`.
    EgressStatus { Pending = "pending", Active = "active", Stopping = "stopping", Ended = "ended", Failed = "failed" }
);

impl EgressStatus {
    /// `ended` and `failed` never change again.
    pub fn is_final(self) -> bool {
        matches!(self, EgressStatus::Ended | EgressStatus::Failed)
    }

    /// Lifecycle order: pending < active < stopping < final. Status only moves forward.
    pub fn rank(self) -> u8 {
        match self {
            EgressStatus::Pending => 0,
            EgressStatus::Active => 1,
            EgressStatus::Stopping => 2,
            EgressStatus::Ended | EgressStatus::Failed => 3,
        }
    }
}

named_enum!(
    /// What an egress records.
    EgressKind { RoomComposite = "room_composite", TrackComposite = "track_composite", Track = "track" }
);

named_enum!(
    /// Where an egress writes.
    OutputType { Hls = "hls", Rtmp = "rtmp", File = "file", Images = "images" }
);

named_enum!(
    /// A room composite's layout.
    Layout { Speaker = "speaker", Grid = "grid", Single = "single" }
);

named_enum!(
    /// How an encoder reaches an ingress.
    IngressKind { Rtmp = "rtmp", Whip = "whip", Url = "url" }
);

named_enum!(
    /// Whether an ingress is publishing.
    IngressStatus { Inactive = "inactive", Active = "active", Error = "error", Deleted = "deleted" }
);

named_enum!(
    /// A delivery's state: `pending` → `delivered`, or `retrying` → … → `failed`.
    DeliveryStatus { Pending = "pending", Retrying = "retrying", Delivered = "delivered", Failed = "failed" }
);

named_enum!(
    /// What set off an attempt.
    Trigger { Scheduled = "scheduled", Manual = "manual" }
);

named_enum!(
    /// Why an attempt failed.
    ErrorClass {
        Timeout = "timeout",
        Connect = "connect",
        Dns = "dns",
        Tls = "tls",
        HttpStatus = "http_status",
        BlockedTarget = "blocked_target",
    }
);

named_enum!(
    /// The events customers receive.
    EventKind {
        RoomStarted = "room_started",
        RoomEnded = "room_ended",
        ParticipantJoined = "participant_joined",
        ParticipantLeft = "participant_left",
        EgressStarted = "egress_started",
        EgressEnded = "egress_ended",
        RecordingAvailable = "recording_available",
        IngressStarted = "ingress_started",
        IngressEnded = "ingress_ended",
        // New kinds go last: stored records keep a kind's position.
        EgressFailed = "egress_failed",
        RecordingFailed = "recording_failed",
        ParticipantConnectionAborted = "participant_connection_aborted",
        TrackPublished = "track_published",
        TrackUnpublished = "track_unpublished",
        EgressUpdated = "egress_updated",
        AgentJobStarted = "agent_job_started",
        AgentJobEnded = "agent_job_ended",
        EgressRestarted = "egress_restarted",
        EndpointFailing = "endpoint.failing",
        EndpointExhausted = "endpoint.exhausted",
        EndpointRecovered = "endpoint.recovered",
        EndpointDisabled = "endpoint.disabled",
        UsageThreshold = "usage.threshold",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for e in EventKind::ALL {
            assert_eq!(EventKind::parse(e.as_str()), Some(*e));
        }
        assert_eq!(EgressStatus::parse("stopping"), Some(EgressStatus::Stopping));
        assert_eq!(EgressStatus::parse("STOPPING"), None);
        assert!(EgressStatus::Failed.is_final() && !EgressStatus::Stopping.is_final());
    }

    #[test]
    fn millis_render_as_rfc3339() {
        assert_eq!(rfc3339_ms(1_767_225_600_123), "2026-01-01T00:00:00.123Z");
    }
}

named_enum!(
    /// When a recording rule starts its egress: when LiveKit reports the room started, or when
    /// the first participant publishes a track in it.
    RuleTrigger { RoomStarted = "room_started", TrackPublished = "track_published" }
);

named_enum!(
    /// Where checking an ended recording in the object store stands: `pending` until pulse has
    /// looked (and while the store cannot be reached), then `verified` or `failed`;
    /// `not_verified` when no storage is configured, so there is nothing pulse can look in.
    RecordingState { Pending = "pending", Verified = "verified", Failed = "failed", NotVerified = "not_verified" }
);

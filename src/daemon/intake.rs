//! `POST /v1/webhooks/livekit`: LiveKit's webhooks, verified as LiveKit signs them, routed to
//! a project, turned into record changes and pulse events, and acknowledged only once all of
//! that is on disk (SPEC §2.4 "From LiveKit").

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use serde_json::json;
use warp::http::StatusCode;

use super::AppState;
use super::handlers::Answer;
use super::pipeline::{Draft, Outcome};
use super::reject::ApiError;
use crate::webhooks::livekit::{WebhookEvent, verify};

/// Intake counters for `/v1/status` and `/metrics`.
#[derive(Debug, Default)]
pub struct IntakeMetrics {
    pub received: AtomicU64,
    pub rejected_signatures: AtomicU64,
    pub duplicates: AtomicU64,
    pub dropped_unknown: AtomicU64,
}

/// The answer LiveKit gets (it reads only the status).
#[derive(serde::Serialize)]
pub struct Ack {
    pub status: &'static str,
}

fn split_room(room: &str) -> Option<(&str, &str)> {
    room.split_once("__").filter(|(p, _)| p.starts_with("prj_"))
}

/// `POST /v1/webhooks/livekit`.
pub async fn livekit(st: Arc<AppState>, auth: Option<String>, body: Bytes) -> Answer<Ack> {
    let m = &st.intake;
    let lk = &st.settings.livekit;
    if let Err(why) = verify(auth.as_deref(), &body, &lk.api_key, &lk.api_secret) {
        m.rejected_signatures.fetch_add(1, Ordering::Relaxed);
        tracing::warn!(reason = %why, "refused a LiveKit webhook");
        return Err(ApiError::unauthenticated(format!("LiveKit webhook refused: {why}")));
    }
    let event: WebhookEvent = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("LiveKit webhook body is not a WebhookEvent: {e}")))?;
    m.received.fetch_add(1, Ordering::Relaxed);
    let lk_id = Some(event.id.as_str()).filter(|i| !i.is_empty());
    let outcome = route(&st, &event, lk_id).await?;
    match outcome {
        Routed::Duplicate => {
            m.duplicates.fetch_add(1, Ordering::Relaxed);
        }
        Routed::Dropped => {
            m.dropped_unknown.fetch_add(1, Ordering::Relaxed);
            tracing::debug!(event = %event.event, "LiveKit event for no known project: dropped");
        }
        Routed::Done => {}
    }
    Ok((StatusCode::OK, Ack { status: "ok" }))
}

enum Routed {
    Done,
    Duplicate,
    Dropped,
}

impl<T> From<Outcome<T>> for Routed {
    fn from(o: Outcome<T>) -> Self {
        match o {
            Outcome::Duplicate => Routed::Duplicate,
            Outcome::Unknown => Routed::Dropped,
            Outcome::Applied(..) => Routed::Done,
        }
    }
}

async fn route(st: &AppState, e: &WebhookEvent, lk_id: Option<&str>) -> Result<Routed, ApiError> {
    let p = &st.pipeline;
    // By egress/ingress id first (the store knows which project owns it). The pipeline has
    // already recorded the LiveKit event id, also for a record pulse does not own.
    if let Some(info) = &e.egress_info {
        return Ok(p.apply_egress(info, lk_id).await?.into());
    }
    if let Some(info) = &e.ingress_info {
        return Ok(p.apply_ingress(info, lk_id).await?.into());
    }
    // Then by the `<project_id>__` room prefix.
    let room = e.room.clone().unwrap_or_default();
    let Some((project_id, room_name)) = split_room(&room.name) else {
        return drop_unknown(st, lk_id).await;
    };
    if st.store.project(project_id)?.is_none() {
        return drop_unknown(st, lk_id).await;
    }
    let name = match e.event.as_str() {
        "room_started" => "room_started",
        "room_finished" => "room_ended",
        "participant_joined" => "participant_joined",
        "participant_left" | "participant_connection_aborted" => "participant_left",
        "track_published" => {
            mute_if_disabled(st, project_id, &room.name, e);
            return drop_unknown(st, lk_id).await.map(|_| Routed::Done);
        }
        _ => return drop_unknown(st, lk_id).await,
    };
    let room_json = json!({"sid": room.sid, "name": room_name});
    let data = match &e.participant {
        Some(pt) if name.starts_with("participant") => json!({
            "participant": {
                "sid": pt.sid, "identity": pt.identity, "name": pt.name,
                "joined_at": (pt.joined_at > 0).then(|| crate::util::rfc3339(
                    std::time::UNIX_EPOCH + std::time::Duration::from_secs(pt.joined_at as u64))),
            },
            "room": room_json,
        }),
        _ => json!({ "room": room_json }),
    };
    let draft = Draft { project_id, event: name, room_name: Some(room_name), livekit_event_id: lk_id, data };
    Ok(p.room_event(draft).await?.into())
}

async fn drop_unknown(st: &AppState, lk_id: Option<&str>) -> Result<Routed, ApiError> {
    match lk_id {
        Some(id) if !st.pipeline.drop_event(id).await? => Ok(Routed::Duplicate),
        _ => Ok(Routed::Dropped),
    }
}

/// An ingress created with `audio_enabled`/`video_enabled` false: mute that kind of track as
/// soon as the ingress participant publishes it. Runs after the acknowledgement.
fn mute_if_disabled(st: &AppState, project_id: &str, livekit_room: &str, e: &WebhookEvent) {
    let (Some(pt), Some(track)) = (&e.participant, &e.track) else { return };
    let Ok(ingresses) = st.store.ingress().list(project_id) else { return };
    let Some(ingress) = ingresses.into_iter().find(|i| {
        i.deleted_at.is_none()
            && i.participant_identity == pt.identity
            && livekit_room.ends_with(&format!("__{}", i.room_name))
    }) else {
        return;
    };
    let disabled = match track.kind.as_str() {
        "AUDIO" => !ingress.audio_enabled,
        "VIDEO" => !ingress.video_enabled,
        _ => false,
    };
    if !disabled {
        return;
    }
    let (livekit, room, identity, sid) =
        (st.livekit.clone(), livekit_room.to_string(), pt.identity.clone(), track.sid.clone());
    tokio::spawn(async move {
        match livekit.mute_published_track(&room, &identity, &sid).await {
            Ok(()) => tracing::info!(%room, %identity, track = %sid, "muted a track the ingress disabled"),
            Err(err) => tracing::warn!(%room, %identity, track = %sid, error = %err, "could not mute ingress track"),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::split_room;

    #[test]
    fn room_prefix() {
        assert_eq!(split_room("prj_01ab__town__hall"), Some(("prj_01ab", "town__hall")));
        assert_eq!(split_room("someone-elses-room"), None);
        assert_eq!(split_room("x__y"), None);
    }
}

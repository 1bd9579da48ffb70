//! LiveKit's events, routed: by egress/ingress id to the record that changes, else by the
//! `<project>__` room prefix to a room or participant event. Verification of the signature is
//! the caller's (it is how the request authenticates).

use std::sync::atomic::Ordering;

use super::events::{Draft, Outcome};
use super::sessions::{SessionRef, Step};
use super::validate::split_room;
use super::{Core, CoreResult, views};
use crate::api;
use crate::model::{EventKind, RuleTrigger};
use crate::webhooks::livekit::{Participant, Track, WebhookEvent};

/// What became of one LiveKit event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Routed {
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

/// LiveKit's room, participant, track and agent-job event names → pulse's (LiveKit's
/// `room_finished` is pulse's `room_ended`; the others keep their names).
fn room_event(name: &str) -> Option<EventKind> {
    Some(match name {
        "room_started" => EventKind::RoomStarted,
        "room_finished" => EventKind::RoomEnded,
        "participant_joined" => EventKind::ParticipantJoined,
        "participant_left" => EventKind::ParticipantLeft,
        "participant_connection_aborted" => EventKind::ParticipantConnectionAborted,
        "track_published" => EventKind::TrackPublished,
        "track_unpublished" => EventKind::TrackUnpublished,
        "agent_job_started" => EventKind::AgentJobStarted,
        "agent_job_ended" => EventKind::AgentJobEnded,
        _ => return None,
    })
}

/// Which session a room or participant event begins or ends (and the participant, for a
/// participant's); `None` for other events, or when LiveKit left out a sid.
fn session_step<'a>(
    kind: EventKind,
    room_sid: &str,
    participant: Option<&'a Participant>,
) -> Option<(Step, Option<&'a Participant>)> {
    if room_sid.is_empty() {
        return None;
    }
    let pt = participant.filter(|p| !p.sid.is_empty());
    match kind {
        EventKind::RoomStarted => Some((Step::Begin, None)),
        EventKind::RoomEnded => Some((Step::End, None)),
        EventKind::ParticipantJoined => Some((Step::Begin, Some(pt?))),
        EventKind::ParticipantLeft | EventKind::ParticipantConnectionAborted => Some((Step::End, Some(pt?))),
        _ => None,
    }
}

/// Empty, or a protobuf enum's zero value, as absent.
fn some(s: &str) -> Option<String> {
    (!matches!(s, "" | "UNKNOWN" | "UNKNOWN_REASON")).then(|| s.to_string())
}

pub(super) fn participant_ref(pt: &Participant) -> api::ParticipantRef {
    api::ParticipantRef {
        sid: pt.sid.clone(),
        identity: pt.identity.clone(),
        name: pt.name.clone(),
        joined_at: (pt.joined_at > 0).then(|| crate::model::rfc3339_ms(pt.joined_at * 1000)),
        kind: some(&pt.kind).unwrap_or_else(|| "STANDARD".into()),
        metadata: some(&pt.metadata),
        attributes: pt.attributes.clone(),
        disconnect_reason: some(&pt.disconnect_reason),
    }
}

fn track_ref(t: &Track) -> api::TrackRef {
    let video = t.kind == "VIDEO";
    api::TrackRef {
        sid: t.sid.clone(),
        kind: t.kind.clone(),
        source: some(&t.source),
        name: t.name.clone(),
        mime_type: t.mime_type.clone(),
        simulcast: t.simulcast,
        muted: t.muted,
        width: video.then_some(t.width),
        height: video.then_some(t.height),
    }
}

/// The `data` of a room, participant, track or agent-job event.
fn room_data(kind: EventKind, e: &WebhookEvent, room: api::RoomRef) -> serde_json::Value {
    // Referenced, not cloned: this runs for every participant event the intake takes.
    let participant =
        || e.participant.as_ref().map_or_else(|| participant_ref(&Participant::default()), participant_ref);
    match kind {
        EventKind::ParticipantJoined | EventKind::ParticipantLeft | EventKind::ParticipantConnectionAborted => {
            views::data(api::ParticipantEventData { participant: participant(), room, reconciled: false })
        }
        EventKind::TrackPublished | EventKind::TrackUnpublished => views::data(api::TrackEventData {
            track: e.track.as_ref().map_or_else(|| track_ref(&Track::default()), track_ref),
            participant: participant(),
            room,
        }),
        EventKind::AgentJobStarted | EventKind::AgentJobEnded => {
            views::data(api::AgentJobEventData { job: e.job.clone().unwrap_or_default(), room })
        }
        _ => views::data(api::RoomEventData {
            room,
            end_reason: some(&e.room_end_reason).filter(|_| kind == EventKind::RoomEnded),
            reconciled: false,
        }),
    }
}

impl Core {
    /// Takes in one verified LiveKit event; returns once everything it produced is durable.
    pub async fn take_livekit_event(&self, e: &WebhookEvent) -> CoreResult<Routed> {
        self.metrics.received.fetch_add(1, Ordering::Relaxed);
        let lk_id = Some(e.id.as_str()).filter(|i| !i.is_empty());
        let routed = self.route(e, lk_id).await?;
        let counter = match routed {
            Routed::Duplicate => &self.metrics.duplicates,
            Routed::Dropped => &self.metrics.dropped_unknown,
            Routed::Done => return Ok(routed),
        };
        counter.fetch_add(1, Ordering::Relaxed);
        Ok(routed)
    }

    async fn route(&self, e: &WebhookEvent, lk_id: Option<&str>) -> CoreResult<Routed> {
        if let Some(info) = &e.egress_info {
            return Ok(self.apply_egress_info(info, lk_id).await?.into());
        }
        if let Some(info) = &e.ingress_info {
            return Ok(self.apply_ingress_info(info, lk_id).await?.into());
        }
        let mut room = e.room.clone().unwrap_or_default();
        if room.name.is_empty()
            && let Some(job_room) = e.job.as_ref().and_then(|j| j.get("room"))
        {
            // An agent job names its room inside the job.
            room.sid = job_room.get("sid").and_then(|v| v.as_str()).unwrap_or_default().into();
            room.name = job_room.get("name").and_then(|v| v.as_str()).unwrap_or_default().into();
        }
        let Some((project_id, room_name)) = split_room(&room.name) else {
            return Ok(self.drop_event(lk_id).await?.into());
        };
        let Some(endpoints) = self.store.project_endpoints(&project_id.into()).await? else {
            return Ok(self.drop_event(lk_id).await?.into());
        };
        let Some(kind) = room_event(&e.event) else {
            return Ok(self.drop_event(lk_id).await?.into());
        };
        let room_ref =
            api::RoomRef { sid: room.sid.clone(), name: room_name.to_string(), metadata: some(&room.metadata) };
        let data = room_data(kind, e, room_ref);
        let draft = Draft { project_id, kind, room_name: Some(room_name), livekit_event_id: lk_id, data };
        let routed = match session_step(kind, &room.sid, e.participant.as_ref()) {
            // A room or participant session with its LiveKit sids: begun and ended once, as
            // its session record says (also against what the reconciler found).
            Some((step, participant)) => {
                let s = SessionRef {
                    project_id,
                    room_sid: &room.sid,
                    room_name,
                    participant_sid: participant.map(|p| p.sid.as_str()),
                    identity: participant.map(|p| p.identity.as_str()),
                    began_ms: participant.map(|p| p.joined_at * 1000),
                    at_ms: (e.created_at > 0).then_some(e.created_at * 1000),
                };
                self.session_event(&s, step, false, draft, &endpoints).await?.into()
            }
            None => self.room_event(draft, &endpoints).await?.into(),
        };
        // After the room's own event is stored; a duplicate webhook runs them again, and the
        // session key makes that harmless (and completes a start a crash cut short).
        match kind {
            EventKind::RoomStarted => self.run_rules(project_id, room_name, &room.sid, RuleTrigger::RoomStarted).await,
            EventKind::RoomEnded => {
                self.room_finished(project_id, room_name).await;
                if !room.sid.is_empty() {
                    self.end_participants(project_id, &room.sid).await;
                }
            }
            EventKind::TrackPublished => {
                self.mute_if_disabled(project_id, &room.name, e).await;
                self.run_rules(project_id, room_name, &room.sid, RuleTrigger::TrackPublished).await;
            }
            _ => {}
        }
        Ok(routed)
    }

    /// An ingress created with `audio_enabled`/`video_enabled` false: mute that kind of track
    /// as soon as the ingress participant publishes it. The mute runs after the answer.
    async fn mute_if_disabled(&self, project_id: &str, livekit_room: &str, e: &WebhookEvent) {
        let (Some(pt), Some(track)) = (&e.participant, &e.track) else { return };
        let Some(room_name) = split_room(livekit_room).map(|(_, r)| r.to_string()) else { return };
        let filter = crate::store::IngressFilter { room_name: Some(room_name), include_deleted: false };
        let all = crate::store::PageReq { page: 1, limit: u32::MAX };
        let Ok(found) = self.store.ingress_list(&project_id.into(), &filter, all).await else { return };
        let Some(ingress) = found.items.into_iter().find(|i| i.participant_identity == pt.identity) else { return };
        let disabled = match track.kind.as_str() {
            "AUDIO" => !ingress.audio_enabled,
            "VIDEO" => !ingress.video_enabled,
            _ => false,
        };
        if !disabled {
            return;
        }
        let (livekit, room, identity, sid) =
            (self.livekit.clone(), livekit_room.to_string(), pt.identity.clone(), track.sid.clone());
        tokio::spawn(async move {
            match livekit.mute_published_track(&room, &identity, &sid).await {
                Ok(()) => tracing::info!(%room, %identity, track = %sid, "muted a track the ingress disabled"),
                Err(err) => {
                    tracing::warn!(%room, %identity, track = %sid, error = %err, "could not mute ingress track")
                }
            }
        });
    }
}

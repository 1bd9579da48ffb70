//! LiveKit's events, routed: by egress/ingress id to the record that changes, else by the
//! `<project>__` room prefix to a room or participant event. Verification of the signature is
//! the caller's (it is how the request authenticates).

use std::sync::atomic::Ordering;

use super::events::{Draft, Outcome};
use super::validate::split_room;
use super::{Core, CoreResult, views};
use crate::api;
use crate::model::{EventKind, RuleTrigger};
use crate::webhooks::livekit::WebhookEvent;

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

/// LiveKit's room and participant event names → pulse's.
fn room_event(name: &str) -> Option<EventKind> {
    Some(match name {
        "room_started" => EventKind::RoomStarted,
        "room_finished" => EventKind::RoomEnded,
        "participant_joined" => EventKind::ParticipantJoined,
        "participant_left" | "participant_connection_aborted" => EventKind::ParticipantLeft,
        _ => return None,
    })
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
        let room = e.room.clone().unwrap_or_default();
        let Some((project_id, room_name)) = split_room(&room.name) else {
            return Ok(self.drop_event(lk_id).await?.into());
        };
        let Some(endpoints) = self.store.project_endpoints(&project_id.into()).await? else {
            return Ok(self.drop_event(lk_id).await?.into());
        };
        let Some(kind) = room_event(&e.event) else {
            if e.event == "track_published" {
                self.mute_if_disabled(project_id, &room.name, e).await;
                self.run_rules(project_id, room_name, &room.sid, RuleTrigger::TrackPublished).await;
                return Ok(match self.drop_event(lk_id).await? {
                    Outcome::Duplicate => Routed::Duplicate,
                    _ => Routed::Done,
                });
            }
            return Ok(self.drop_event(lk_id).await?.into());
        };
        let room_ref = api::RoomRef { sid: room.sid.clone(), name: room_name.to_string() };
        let data = match &e.participant {
            Some(pt) if matches!(kind, EventKind::ParticipantJoined | EventKind::ParticipantLeft) => {
                let participant = api::ParticipantRef {
                    sid: pt.sid.clone(),
                    identity: pt.identity.clone(),
                    name: pt.name.clone(),
                    joined_at: (pt.joined_at > 0).then(|| crate::model::rfc3339_ms(pt.joined_at * 1000)),
                };
                views::data(api::ParticipantEventData { participant, room: room_ref })
            }
            _ => views::data(api::RoomEventData { room: room_ref }),
        };
        let draft = Draft { project_id, kind, room_name: Some(room_name), livekit_event_id: lk_id, data };
        let routed = self.room_event(draft, &endpoints).await?.into();
        // After the room's own event is stored; a duplicate webhook runs them again, and the
        // session key makes that harmless (and completes a start a crash cut short).
        match kind {
            EventKind::RoomStarted => self.run_rules(project_id, room_name, &room.sid, RuleTrigger::RoomStarted).await,
            EventKind::RoomEnded => self.room_finished(project_id, room_name).await,
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

//! Upkeep the core owns: reconciliation (LiveKit drops webhooks it cannot deliver in ~30 s, so
//! egress that has not ended is polled with `ListEgress`, and rooms and participants with
//! `ListRooms` and `ListParticipants`) and retention pruning.

use std::collections::HashSet;

use super::events::{Draft, Outcome};
use super::sessions::{SessionRef, Step};
use super::{Core, views};
use crate::api;
use crate::livekit::models::Participant;
use crate::model::{EventKind, Millis, RuleTrigger, now_ms};
use crate::store::SessionRecord;

impl Core {
    /// Polls every egress that has not ended once; returns how many LiveKit answered for.
    pub async fn reconcile_once(&self) -> usize {
        let pending = match self.store.egress_unfinished().await {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(error = %e, "reconciler cannot read egress");
                return 0;
            }
        };
        let mut seen = 0;
        for egress in pending {
            let Some(lk) = egress.livekit_id.as_deref() else { continue };
            match self.livekit.get_egress(lk).await {
                Ok(Some(info)) => {
                    seen += 1;
                    if let Err(e) = self.apply_egress_info(&info, None).await {
                        tracing::error!(egress_id = %egress.id, error = %e, "reconciler could not store an update");
                    }
                }
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "reconciler cannot reach LiveKit; will retry");
                    break;
                }
            }
        }
        self.resolve_orphans(now_ms() - super::starts::ATTEMPT_LEASE_MS).await;
        seen += self.reconcile_rooms().await;
        seen
    }

    /// Reconciles rooms and participants with LiveKit (`ListRooms`, `ListParticipants`), as
    /// LiveKit drops webhooks it cannot deliver: a session pulse holds open whose room or
    /// participant LiveKit no longer lists has ended (`room_ended`, `participant_left`), and
    /// one LiveKit lists that pulse never heard of has begun (`room_started`,
    /// `participant_joined`), each once and marked `reconciled`; a webhook that arrives later
    /// finds the transition made. Also runs the recording rules of every open pulse room (a
    /// room whose `room_started` was lost is still recorded, once per session). Returns how
    /// many pulse rooms LiveKit listed.
    pub async fn reconcile_rooms(&self) -> usize {
        // What pulse holds open, read before LiveKit is asked: a session begun after this read
        // is not taken for one LiveKit has forgotten.
        let open = match self.store.sessions_open(None).await {
            Ok(o) => o,
            Err(e) => {
                tracing::error!(error = %e, "reconciler cannot read sessions");
                return 0;
            }
        };
        let rooms = match self.livekit.list_rooms().await {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(error = %e, "reconciler cannot list LiveKit's rooms; will retry");
                return 0;
            }
        };
        let live: HashSet<&str> = rooms.iter().map(|r| r.sid.as_str()).collect();
        // Sessions of rooms LiveKit no longer has: participants first, then the room.
        for s in open.iter().filter(|s| !live.contains(s.room_sid.as_str())) {
            if s.participant_sid.is_some() {
                self.reconciled(s, Step::End, None).await;
            }
        }
        for s in open.iter().filter(|s| !live.contains(s.room_sid.as_str()) && s.participant_sid.is_none()) {
            self.reconciled(s, Step::End, None).await;
        }
        let rules = self.store.any_rules().await.unwrap_or(false);
        let mut seen = 0;
        for room in &rooms {
            let Some((project, name)) = super::validate::split_room(&room.name) else { continue };
            if room.sid.is_empty() || !matches!(self.store.project(&project.into()).await, Ok(Some(_))) {
                continue;
            }
            seen += 1;
            let held = |pa: Option<&str>| {
                open.iter()
                    .find(|s| s.room_sid == room.sid && s.participant_sid.as_deref() == pa && s.project_id == project)
            };
            let session = |pa: Option<&str>, identity: Option<&str>, began_ms: Option<Millis>| SessionRecord {
                project_id: project.into(),
                room_sid: room.sid.clone(),
                room_name: name.into(),
                participant_sid: pa.map(Into::into),
                identity: identity.map(Into::into),
                started_ms: began_ms.unwrap_or_default(),
                ended_ms: None,
                started_reconciled: true,
                ended_reconciled: false,
                rev: 0,
            };
            if held(None).is_none() {
                self.reconciled(&session(None, None, None), Step::Begin, None).await;
            }
            match self.livekit.list_participants(&room.name).await {
                Ok(participants) => {
                    let here: HashSet<&str> = participants.iter().map(|p| p.sid.as_str()).collect();
                    for s in open.iter().filter(|s| s.project_id == project && s.room_sid == room.sid) {
                        if let Some(pa) = s.participant_sid.as_deref()
                            && !here.contains(pa)
                        {
                            self.reconciled(s, Step::End, None).await;
                        }
                    }
                    for p in participants.iter().filter(|p| !p.sid.is_empty() && held(Some(&p.sid)).is_none()) {
                        let s = session(Some(&p.sid), Some(&p.identity), Some(p.joined_at * 1000));
                        self.reconciled(&s, Step::Begin, Some(p)).await;
                    }
                }
                Err(e) => tracing::warn!(room = %room.name, error = %e, "reconciler cannot list a room's participants"),
            }
            if rules {
                self.run_rules(project, name, &room.sid, RuleTrigger::RoomStarted).await;
                if room.num_publishers > 0 {
                    self.run_rules(project, name, &room.sid, RuleTrigger::TrackPublished).await;
                }
            }
        }
        seen
    }

    /// Ends what is still open of a room's participants' sessions once the room has ended
    /// (their `participant_left` lost, or not sent), each with `participant_left` marked
    /// `reconciled`.
    pub async fn end_participants(&self, project_id: &str, room_sid: &str) {
        match self.store.sessions_in_room(&project_id.into(), room_sid).await {
            Ok(all) => {
                for s in all.iter().filter(|s| s.ended_ms.is_none()) {
                    self.reconciled(s, Step::End, None).await;
                }
            }
            Err(e) => tracing::error!(error = %e, "cannot read a room's participants"),
        }
    }

    /// One transition the reconciler found, with its event marked `reconciled` (`p`: what
    /// LiveKit listed of the participant, when it listed them).
    async fn reconciled(&self, s: &SessionRecord, step: Step, p: Option<&Participant>) {
        let endpoints = match self.store.project_endpoints(&s.project_id).await {
            Ok(Some(e)) => e,
            Ok(None) => return,
            Err(e) => {
                tracing::error!(error = %e, "reconciler cannot read endpoints");
                return;
            }
        };
        let room = api::RoomRef { sid: s.room_sid.clone(), name: s.room_name.clone(), metadata: None };
        let (kind, data) = match (&s.participant_sid, step) {
            (None, Step::Begin) => {
                (EventKind::RoomStarted, views::data(api::RoomEventData { room, end_reason: None, reconciled: true }))
            }
            (None, Step::End) => {
                (EventKind::RoomEnded, views::data(api::RoomEventData { room, end_reason: None, reconciled: true }))
            }
            (Some(pa), step) => {
                let mut listed = p.cloned().unwrap_or_default();
                listed.sid.clone_from(pa);
                if listed.identity.is_empty() {
                    listed.identity = s.identity.clone().unwrap_or_default();
                }
                if listed.joined_at == 0 {
                    listed.joined_at = s.started_ms / 1000;
                }
                let participant = super::intake::participant_ref(&listed);
                let kind = if step == Step::Begin { EventKind::ParticipantJoined } else { EventKind::ParticipantLeft };
                (kind, views::data(api::ParticipantEventData { participant, room, reconciled: true }))
            }
        };
        let r = SessionRef {
            project_id: &s.project_id,
            room_sid: &s.room_sid,
            room_name: &s.room_name,
            participant_sid: s.participant_sid.as_deref(),
            identity: s.identity.as_deref(),
            began_ms: (s.started_ms > 0).then_some(s.started_ms),
            at_ms: None,
        };
        let draft =
            Draft { project_id: &s.project_id, kind, room_name: Some(&s.room_name), livekit_event_id: None, data };
        match self.session_event(&r, step, true, draft, &endpoints).await {
            Ok(Outcome::Applied(())) => {
                tracing::info!(project_id = %s.project_id, room = %s.room_name, event = %kind, "reconciled a lost LiveKit event")
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "reconciler could not store a session's change"),
        }
    }

    /// Deletes finished delivery logs, events and LiveKit event ids past the retention period.
    pub async fn prune(&self) {
        let cutoff: Millis = now_ms() - self.settings.webhooks.retention.as_millis() as Millis;
        match self.store.prune(cutoff).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(pruned = n, "pruned old webhook logs"),
            Err(e) => tracing::error!(error = %e, "pruning failed"),
        }
    }
}

//! Pulse events: built from a transition, written in the same commit as the change that caused
//! them together with one delivery per interested endpoint (the outbox), and announced only
//! once that commit is durable.

use std::sync::atomic::Ordering;

use serde_json::Value;

use super::{Core, CoreResult};
use crate::api::PulseEvent;
use crate::ids::*;
use crate::model::{DeliveryStatus, EventKind, now_ms};
use crate::store::{Changes, Committed, DeliveryRecord, EndpointRecord, EventRecord, Expect, Notice, Op};
use crate::util::new_id;

/// One event to produce.
pub struct Draft<'a> {
    pub project_id: &'a str,
    pub kind: EventKind,
    pub room_name: Option<&'a str>,
    pub livekit_event_id: Option<&'a str>,
    pub data: Value,
}

/// What a commit of events came to.
#[derive(Debug)]
pub enum Outcome<T> {
    /// LiveKit sent this event id before; nothing was written.
    Duplicate,
    /// No record matches (an egress or ingress pulse does not own).
    Unknown,
    /// Stored (and its events announced); `T` is the record after the change.
    Applied(T),
}

/// Whether an endpoint with room globs `globs` wants an event of `room` (every room when it has
/// none; an event without a room only then).
fn rooms_match(globs: &[String], room: Option<&str>) -> bool {
    globs.is_empty() || room.is_some_and(|r| globs.iter().any(|g| super::validate::glob_match(g, r)))
}

/// The resource an event is about, for endpoints that order deliveries by resource: its
/// egress, its ingress, else its room. Events about none (an endpoint's, a project's usage)
/// are not ordered.
pub fn order_key(room: Option<&str>, data: &Value) -> Option<String> {
    let id = |path: &str| data.pointer(path).and_then(Value::as_str);
    match (id("/egress/egress_id"), id("/ingress/ingress_id"), room) {
        (Some(e), _, _) => Some(format!("egress:{e}")),
        (None, Some(i), _) => Some(format!("ingress:{i}")),
        (None, None, Some(r)) => Some(format!("room:{r}")),
        (None, None, None) => None,
    }
}

impl Core {
    /// Adds one event and a delivery per endpoint that wants it to `changes`; returns the event
    /// and those deliveries.
    pub fn emit(
        &self,
        changes: &mut Changes,
        endpoints: &[EndpointRecord],
        d: Draft,
    ) -> (PulseEvent, Vec<DeliveryRecord>) {
        let now = now_ms();
        let event = PulseEvent {
            id: new_id("evt"),
            event: d.kind.as_str().into(),
            timestamp: (now / 1000) as u64,
            project_id: d.project_id.into(),
            room_name: d.room_name.map(Into::into),
            livekit_event_id: d.livekit_event_id.map(Into::into),
            data: d.data,
        };
        let payload = serde_json::to_string(&event).expect("events serialize");
        changes.push(Op::PutEvent(EventRecord {
            id: event.id.as_str().into(),
            project_id: event.project_id.as_str().into(),
            kind: d.kind,
            payload,
            created_ms: now,
        }));
        let mut deliveries = Vec::new();
        let order_key =
            endpoints.iter().any(|e| e.options.ordered).then(|| order_key(d.room_name, &event.data)).flatten();
        // The event as delivered, for endpoints with payload conditions (made once, if any).
        let as_json = std::cell::OnceCell::new();
        let wanted = |e: &&EndpointRecord| {
            e.project_id == event.project_id
                && e.wants(d.kind)
                && rooms_match(&e.options.rooms, d.room_name)
                && (e.options.filters.is_empty()
                    || super::filters::matches(
                        &e.options.filters,
                        as_json.get_or_init(|| serde_json::to_value(&event).unwrap_or_default()),
                    ))
        };
        for ep in endpoints.iter().filter(wanted) {
            let delivery = DeliveryRecord {
                id: DeliveryId::mint(),
                project_id: event.project_id.as_str().into(),
                event_id: event.id.as_str().into(),
                event: d.kind,
                endpoint_id: ep.id.clone(),
                url: ep.url.clone(),
                status: DeliveryStatus::Pending,
                max_attempts: self.attempts_for(ep),
                due_ms: Some(now),
                next_attempt_ms: Some(now),
                last_status_code: None,
                last_error: None,
                attempts: Vec::new(),
                created_ms: now,
                updated_ms: now,
                delivered_ms: None,
                rev: 1,
                order_key: order_key.clone().filter(|_| ep.options.ordered),
            };
            changes.push(Op::PutDelivery(delivery.clone(), Expect::New));
            deliveries.push(delivery);
        }
        (event, deliveries)
    }

    /// Commits `changes`; when applied, tells the worker and the live stream about `events`.
    pub async fn commit_events(&self, changes: Changes, events: &[PulseEvent]) -> CoreResult<Committed> {
        // Only a commit that queued deliveries has work for the worker: waking it for every
        // event of a project without endpoints cost 3 % of the intake's CPU.
        let queued = changes.ops.iter().any(|op| matches!(op, Op::PutDelivery(..)));
        let done = self.store.commit(changes).await?;
        if done == Committed::Applied {
            self.published(events, queued);
        }
        Ok(done)
    }

    fn published(&self, events: &[PulseEvent], queued: bool) {
        if events.is_empty() {
            return;
        }
        self.metrics.events.fetch_add(events.len() as u64, Ordering::Relaxed);
        if queued {
            self.wake.notify_one();
        }
        for e in events {
            let _ = self.stream.send(e.clone());
        }
    }

    /// Until `stop` fires, passes on what other daemons sharing the store committed: their
    /// events to this daemon's live streams (read back only when someone is watching), and a
    /// wake-up to the worker. Returns at once on a store no other daemon shares.
    pub async fn follow_other_daemons(self: std::sync::Arc<Self>, mut stop: tokio::sync::watch::Receiver<bool>) {
        let Some(mut notices) = self.store.notices() else { return };
        loop {
            let notice = tokio::select! {
                n = notices.recv() => n,
                _ = stop.changed() => return,
            };
            match notice {
                Ok(Notice::Due) => self.wake.notify_one(),
                Ok(Notice::Event { project_id, event_id }) => {
                    if self.stream.receiver_count() == 0 {
                        continue;
                    }
                    match self.store.event(&project_id, &event_id).await {
                        Ok(Some(e)) => match serde_json::from_str::<PulseEvent>(&e.payload) {
                            Ok(ev) => drop(self.stream.send(ev)),
                            Err(err) => tracing::warn!(event = %event_id, error = %err, "unreadable event payload"),
                        },
                        Ok(None) => {}
                        Err(err) => {
                            tracing::debug!(event = %event_id, error = %err, "could not read another daemon's event")
                        }
                    }
                }
                // Fell behind: the worker looks anyway; a live stream misses what it missed.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                    tracing::warn!(missed = n, "fell behind other daemons' notices");
                    self.wake.notify_one();
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
            }
        }
    }

    /// A room or participant event to the project's `endpoints`: no record changes, one
    /// pulse event.
    pub async fn room_event(&self, d: Draft<'_>, endpoints: &[EndpointRecord]) -> CoreResult<Outcome<()>> {
        let mut changes = Changes { livekit_event: d.livekit_event_id.map(Into::into), ops: Vec::new() };
        let (event, _) = self.emit(&mut changes, endpoints, d);
        Ok(match self.commit_events(changes, std::slice::from_ref(&event)).await? {
            Committed::Applied => Outcome::Applied(()),
            _ => Outcome::Duplicate,
        })
    }

    /// Records a LiveKit event id that routed nowhere, so its retries count as duplicates;
    /// [`Outcome::Unknown`] the first time.
    pub async fn drop_event(&self, livekit_event_id: Option<&str>) -> CoreResult<Outcome<()>> {
        let Some(id) = livekit_event_id else { return Ok(Outcome::Unknown) };
        let changes = Changes { livekit_event: Some(id.into()), ops: Vec::new() };
        Ok(match self.store.commit(changes).await? {
            Committed::Applied => Outcome::Unknown,
            _ => Outcome::Duplicate,
        })
    }
}

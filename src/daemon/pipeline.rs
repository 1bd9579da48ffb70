//! Pulse events (SPEC §2.4): produced from state transitions, exactly once, in the same
//! transaction that changes the record, together with one delivery per interested endpoint
//! (the outbox). Webhook intake, the reconciler and the egress handlers all come through here,
//! so a webhook and a poll reporting the same transition produce one event.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{Value, json};

use super::handlers::egress::{apply_info, rank};
use super::handlers::ingress::map_state;
use crate::api::{Egress, Ingress, PulseEvent, WebhookLog};
use crate::livekit::models::{EgressInfo, IngressInfo};
use crate::store::{DeliveryRecord, EndpointRecord, EventRecord, Store, StoreError, Tx, TxError};
use crate::util::{new_id, now_rfc3339, unix_now};

/// The pulse event names.
pub const EVENTS: &[&str] = &[
    "room_started",
    "room_ended",
    "participant_joined",
    "participant_left",
    "egress_started",
    "egress_ended",
    "recording_available",
    "ingress_started",
    "ingress_ended",
];

/// What the pipeline did with one input.
#[derive(Debug)]
pub enum Outcome<T> {
    /// LiveKit sent this event id before; nothing was written.
    Duplicate,
    /// No record matches (an egress or ingress pulse did not start).
    Unknown,
    /// Stored; `T` is the record after the change.
    Applied(T, Vec<PulseEvent>),
}

/// Counters the pipeline keeps for `/v1/status` and `/metrics`.
#[derive(Debug, Default)]
pub struct PipelineCounters {
    pub events: AtomicU64,
}

/// Produces events and deliveries; wakes the delivery worker and the SSE streams.
pub struct Pipeline {
    store: Store,
    max_attempts: u32,
    wake: Arc<tokio::sync::Notify>,
    stream: tokio::sync::broadcast::Sender<PulseEvent>,
    pub counters: PipelineCounters,
}

/// One event to produce inside a transaction.
pub struct Draft<'a> {
    pub project_id: &'a str,
    pub event: &'a str,
    pub room_name: Option<&'a str>,
    pub livekit_event_id: Option<&'a str>,
    pub data: Value,
}

impl Pipeline {
    /// A pipeline whose deliveries get `max_attempts` scheduled attempts.
    pub fn new(store: Store, max_attempts: u32, wake: Arc<tokio::sync::Notify>) -> Self {
        let (stream, _) = tokio::sync::broadcast::channel(1024);
        Pipeline { store, max_attempts, wake, stream, counters: PipelineCounters::default() }
    }

    /// Events as they are committed, for `GET /v1/webhooks/stream`.
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<PulseEvent> {
        self.stream.subscribe()
    }

    /// Writes one event and its deliveries inside `tx`.
    pub fn emit(&self, tx: &Tx, endpoints: &[EndpointRecord], d: Draft) -> Result<PulseEvent, TxError> {
        let event = PulseEvent {
            id: new_id("evt"),
            event: d.event.into(),
            timestamp: unix_now(),
            project_id: d.project_id.into(),
            room_name: d.room_name.map(Into::into),
            livekit_event_id: d.livekit_event_id.map(Into::into),
            data: d.data,
        };
        let payload = serde_json::to_string(&event).expect("events serialize");
        let now = now_rfc3339();
        tx.put_event(&EventRecord {
            project_id: event.project_id.clone(),
            event_id: event.id.clone(),
            event: event.event.clone(),
            payload,
            created_at: now.clone(),
        })?;
        let due = now_ms();
        for ep in endpoints.iter().filter(|e| e.project_id == event.project_id && e.wants(&event.event)) {
            tx.put_delivery(&DeliveryRecord {
                project_id: event.project_id.clone(),
                log: WebhookLog {
                    id: new_id("whl"),
                    event_id: event.id.clone(),
                    event: event.event.clone(),
                    endpoint_id: ep.endpoint.endpoint_id.clone(),
                    url: ep.endpoint.url.clone(),
                    status: "pending".into(),
                    attempt_count: 0,
                    max_attempts: self.max_attempts,
                    next_attempt_at: Some(now.clone()),
                    last_status_code: None,
                    last_error: None,
                    created_at: now.clone(),
                    updated_at: now.clone(),
                    delivered_at: None,
                },
                attempts: Vec::new(),
                due_ms: Some(due),
            })?;
        }
        Ok(event)
    }

    /// Makes a transaction's writes durable, then tells the worker and the streams.
    pub async fn commit(&self, events: &[PulseEvent]) -> Result<(), StoreError> {
        self.store.commit().await?;
        self.published(events);
        Ok(())
    }

    /// Tells the worker and the streams about events that are on disk.
    pub fn published(&self, events: &[PulseEvent]) {
        if events.is_empty() {
            return;
        }
        self.counters.events.fetch_add(events.len() as u64, Ordering::Relaxed);
        self.wake.notify_one();
        for e in events {
            let _ = self.stream.send(e.clone());
        }
    }

    /// Changes an egress (found by LiveKit id) with `change`, producing the events of the
    /// transition. With `livekit_event_id`, a second delivery of the same LiveKit event is a
    /// [`Outcome::Duplicate`]. Not yet durable: call [`Pipeline::commit`].
    pub fn egress_tx(
        &self,
        tx: &Tx,
        endpoints: &[EndpointRecord],
        livekit_id: &str,
        livekit_event_id: Option<&str>,
        info: Option<&EgressInfo>,
        change: &(dyn Fn(&mut Egress) -> bool + Sync),
    ) -> Result<Outcome<Egress>, TxError> {
        if !tx.first_sight(livekit_event_id)? {
            return Ok(Outcome::Duplicate);
        }
        let Some(mut egress) = tx.egress_by_livekit(livekit_id)? else {
            return Ok(Outcome::Unknown);
        };
        let before = egress.clone();
        if !change(&mut egress) {
            return Ok(Outcome::Applied(egress, Vec::new()));
        }
        tx.put_egress(&egress)?;
        let mut events = Vec::new();
        for (name, data) in egress_events(&before, &egress, info) {
            events.push(self.emit(
                tx,
                endpoints,
                Draft {
                    project_id: &egress.project_id,
                    event: name,
                    room_name: Some(&egress.room_name),
                    livekit_event_id,
                    data,
                },
            )?);
        }
        Ok(Outcome::Applied(egress, events))
    }

    /// Applies LiveKit's view of an egress, durably; the events of any transition go out.
    pub async fn apply_egress(
        &self,
        info: &EgressInfo,
        livekit_event_id: Option<&str>,
    ) -> Result<Outcome<Egress>, StoreError> {
        self.change_egress(&info.egress_id, livekit_event_id, Some(info), &|e| apply_info(e, info)).await
    }

    /// Changes an egress durably with `change` (see [`Pipeline::egress_tx`]).
    pub async fn change_egress(
        &self,
        livekit_id: &str,
        livekit_event_id: Option<&str>,
        info: Option<&EgressInfo>,
        change: &(dyn Fn(&mut Egress) -> bool + Sync),
    ) -> Result<Outcome<Egress>, StoreError> {
        let endpoints = match self.store.egress().by_livekit_id(livekit_id)? {
            Some(e) => self.store.endpoints(&e.project_id)?,
            None => Vec::new(),
        };
        let outcome =
            self.store.transact(|tx| self.egress_tx(tx, &endpoints, livekit_id, livekit_event_id, info, change))?;
        self.settle(outcome, livekit_event_id).await
    }

    /// Makes a transaction durable before its caller answers: what it applied (then tells the
    /// worker and the streams), the LiveKit event id it recorded, or, for a duplicate, the
    /// first delivery's writes, which another request may not have flushed yet.
    async fn settle<T>(&self, outcome: Outcome<T>, livekit_event_id: Option<&str>) -> Result<Outcome<T>, StoreError> {
        match &outcome {
            Outcome::Applied(_, events) => self.commit(events).await?,
            _ if livekit_event_id.is_some() => self.store.commit().await?,
            _ => {}
        }
        Ok(outcome)
    }

    /// Applies LiveKit's view of an ingress, durably.
    pub async fn apply_ingress(
        &self,
        info: &IngressInfo,
        livekit_event_id: Option<&str>,
    ) -> Result<Outcome<Ingress>, StoreError> {
        let endpoints = match self.store.ingress().by_livekit_id(&info.ingress_id)? {
            Some(i) => self.store.endpoints(&i.project_id)?,
            None => Vec::new(),
        };
        let outcome = self.store.transact(|tx| {
            if !tx.first_sight(livekit_event_id)? {
                return Ok(Outcome::Duplicate);
            }
            let Some(mut ingress) = tx.ingress_by_livekit(&info.ingress_id)? else {
                return Ok(Outcome::Unknown);
            };
            if ingress.deleted_at.is_some() {
                return Ok(Outcome::Applied(ingress, Vec::new()));
            }
            let (status, error) = map_state(info);
            let was_active = ingress.status == "active";
            if ingress.status == status && ingress.error == error {
                return Ok(Outcome::Applied(ingress, Vec::new()));
            }
            ingress.status = status.into();
            ingress.error = error;
            ingress.updated_at = now_rfc3339();
            tx.put_ingress(&ingress)?;
            let name = match (was_active, status == "active") {
                (false, true) => Some("ingress_started"),
                (true, false) => Some("ingress_ended"),
                _ => None,
            };
            let mut events = Vec::new();
            if let Some(name) = name {
                events.push(self.emit(
                    tx,
                    &endpoints,
                    Draft {
                        project_id: &ingress.project_id,
                        event: name,
                        room_name: Some(&ingress.room_name),
                        livekit_event_id,
                        data: json!({ "ingress": ingress }),
                    },
                )?);
            }
            Ok(Outcome::Applied(ingress, events))
        })?;
        self.settle(outcome, livekit_event_id).await
    }

    /// A room or participant event: no record changes, one pulse event.
    pub async fn room_event(&self, d: Draft<'_>) -> Result<Outcome<()>, StoreError> {
        let endpoints = self.store.endpoints(d.project_id)?;
        let outcome = self.store.transact(|tx| {
            if !tx.first_sight(d.livekit_event_id)? {
                return Ok(Outcome::Duplicate);
            }
            let draft = Draft {
                project_id: d.project_id,
                event: d.event,
                room_name: d.room_name,
                livekit_event_id: d.livekit_event_id,
                data: d.data.clone(),
            };
            Ok(Outcome::Applied((), vec![self.emit(tx, &endpoints, draft)?]))
        })?;
        self.settle(outcome, d.livekit_event_id).await
    }

    /// Records a LiveKit event id that routed nowhere, so its retries are not counted twice.
    pub async fn drop_event(&self, livekit_event_id: &str) -> Result<bool, StoreError> {
        let fresh = self.store.transact(|tx| tx.first_sight(Some(livekit_event_id)))?;
        self.store.commit().await?;
        Ok(fresh)
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

/// The events one egress transition produces: `egress_started` when it leaves `pending` for a
/// running state, `egress_ended` when it becomes final, `recording_available` when it ended
/// with HLS or file output.
pub fn egress_events(before: &Egress, after: &Egress, info: Option<&EgressInfo>) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    let started = rank(&before.status) == 0 && matches!(after.status.as_str(), "active" | "stopping");
    if started {
        out.push(("egress_started", json!({ "egress": after })));
    }
    if !before.is_final() && after.is_final() {
        out.push(("egress_ended", json!({ "egress": after })));
        if after.status == "ended" && after.output_type != "rtmp" {
            out.push(("recording_available", json!({ "egress": after, "recording": recording(after, info) })));
        }
    }
    out
}

/// `recording`: CDN URLs, duration and size, from LiveKit's results where it sent them.
fn recording(e: &Egress, info: Option<&EgressInfo>) -> Value {
    let seg = info.and_then(|i| i.segment_results.first());
    let file = info.and_then(|i| i.file_results.first());
    let duration_ns = seg.map(|s| s.duration).or(file.map(|f| f.duration)).unwrap_or(0);
    let size = seg.map(|s| s.size).or(file.map(|f| f.size)).unwrap_or(0);
    json!({
        "playlist_url": e.cdn_playback_url.clone().or_else(|| seg.map(|s| s.playlist_location.clone()).filter(|s| !s.is_empty())),
        "file_url": e.file_url.clone().or_else(|| file.map(|f| f.location.clone()).filter(|s| !s.is_empty())),
        "duration_seconds": (duration_ns as f64 / 1e9),
        "size_bytes": size,
    })
}

//! The core: every domain rule of pulse and the services that apply them — egress, ingress,
//! projects, endpoints, LiveKit intake, deliveries, replay — free of HTTP and of any storage
//! engine. It talks to LiveKit through `livekit`, to customers through `webhooks::sender`,
//! and keeps state through the storage interface (`store`), whatever backend is behind it.
//!
//! Rules are pure functions over the store's records (`egress::apply_info`,
//! `deliveries::after_attempt`, …); services read, apply a rule, and commit the result with a
//! precondition on what they read, re-reading when someone else wrote first.

pub mod buckets;
pub mod deliveries;
pub mod duration;
pub mod egress;
pub mod endpoints;
pub mod error;
pub mod events;
pub mod filters;
pub mod health;
pub mod idempotency;
pub mod ingress;
pub mod intake;
pub mod limits;
pub mod pacing;
pub mod projects;
pub mod reconcile;
pub mod recordings;
pub mod refresh;
pub mod restarts;
pub mod rooms;
pub mod rules;
pub mod sessions;
pub mod starts;
pub mod streams;
pub mod usage;
pub mod validate;
pub mod views;

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

pub use error::{CoreError, CoreResult};

use crate::api::PulseEvent;
use crate::config::Settings;
use crate::livekit::LiveKit;
use crate::objects::Objects;
use crate::store::Store;
use crate::webhooks::sender::Sender;

/// Counters the core keeps for `/v1/status` and `/metrics`.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Pulse events produced.
    pub events: AtomicU64,
    /// LiveKit webhooks accepted, refused for their signature, already seen, or for nothing
    /// pulse knows.
    pub received: AtomicU64,
    pub rejected_signatures: AtomicU64,
    pub duplicates: AtomicU64,
    pub dropped_unknown: AtomicU64,
    /// Deliveries that reached a final status.
    pub delivered: AtomicU64,
    pub failed: AtomicU64,
    /// Usage answers given from the stored buckets, and from the records.
    pub usage_from_buckets: AtomicU64,
    pub usage_from_records: AtomicU64,
    /// Buckets the aggregation wrote.
    pub usage_buckets_settled: AtomicU64,
}

/// The services, over one store, one LiveKit and one delivery sender.
pub struct Core {
    pub store: Arc<dyn Store>,
    pub livekit: LiveKit,
    pub sender: Sender,
    /// Reads the object store to verify recordings.
    pub objects: Objects,
    pub settings: Settings,
    pub metrics: Metrics,
    stream: tokio::sync::broadcast::Sender<PulseEvent>,
    wake: Arc<tokio::sync::Notify>,
    refresh: refresh::Gate,
    /// Fires when a recording is due for a check.
    verify: Arc<tokio::sync::Notify>,
    /// RTMP URLs of the starts this daemon is making, by egress id (see `starts`).
    stream_keys: std::sync::Mutex<std::collections::HashMap<String, Vec<String>>>,
    /// Seals what is kept encrypted at rest (endpoints' custom headers).
    pub sealer: crate::seal::Sealer,
    /// Projects whose usage buckets have had their first pass (see `buckets`).
    usage_ready: std::sync::Mutex<std::collections::HashSet<crate::ids::ProjectId>>,
}

impl Core {
    pub fn new(store: Arc<dyn Store>, settings: Settings) -> Self {
        let (stream, _) = tokio::sync::broadcast::channel(1024);
        Core {
            store,
            livekit: LiveKit::new(&settings.livekit),
            sender: Sender::new(&settings.webhooks),
            objects: Objects::default(),
            metrics: Metrics::default(),
            stream,
            wake: Arc::new(tokio::sync::Notify::new()),
            refresh: refresh::Gate::new(std::time::Duration::from_secs(1)),
            verify: Arc::new(tokio::sync::Notify::new()),
            stream_keys: Default::default(),
            usage_ready: Default::default(),
            // The daemon always sets the key; a core made otherwise (tests) seals for itself.
            sealer: crate::seal::Sealer::new(&settings.encryption_key.unwrap_or_else(rand::random)),
            settings,
        }
    }

    /// Events as they are committed (the live stream).
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<PulseEvent> {
        self.stream.subscribe()
    }

    /// Fires when new deliveries may be due (the worker waits on it).
    pub fn wake(&self) -> Arc<tokio::sync::Notify> {
        self.wake.clone()
    }

    /// Fires when a recording may be due for a check (the verifier waits on it).
    pub fn verify_wake(&self) -> Arc<tokio::sync::Notify> {
        self.verify.clone()
    }

    /// Scheduled attempts per delivery: the first plus one per retry delay.
    pub fn max_attempts(&self) -> u32 {
        self.settings.webhooks.retry_schedule.len() as u32 + 1
    }

    /// The same for a delivery to `ep`: by its own retry schedule, if it has one.
    pub fn attempts_for(&self, ep: &crate::store::EndpointRecord) -> u32 {
        match ep.options.retry_schedule_secs.len() {
            0 => self.max_attempts(),
            n => n as u32 + 1,
        }
    }
}

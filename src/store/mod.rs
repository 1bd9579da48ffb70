//! The storage interface: what the core asks of any backend, grouped by resource, in the
//! store's own record types. Backends live one per folder (`sled/`); nothing outside a
//! backend's folder sees its types.
//!
//! Writes go through one door, [`Writes::commit`]: a [`Changes`] is applied atomically (all of
//! it or none), with its preconditions checked in the same step, and the call returns only
//! once it is durable. Reads take a filter and a page; the backend filters and pages with its
//! own indexes.

pub mod copy;
pub mod postgres;
pub mod records;
pub mod sled;
pub mod usage;

use std::collections::HashMap;
use std::path::PathBuf;

use async_trait::async_trait;

#[cfg(test)]
pub use records::samples;
pub use records::*;
pub use usage::{Settlement, Span, Usage, UsageBucket, UsageCount, UsageMark, UsageView};

use crate::ids::*;
use crate::model::{DeliveryStatus, EgressStatus, EventKind, Millis};

/// Why the store failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error(
        "data dir {0} is in use by another pulse daemon (sled holds a lock on it); stop that daemon or use another --data-dir"
    )]
    Locked(PathBuf),
    #[error("cannot open the store in {path}: {reason}")]
    Open { path: PathBuf, reason: String },
    /// A shared store could not be reached or set up at start (the message names the key).
    #[error("{0}")]
    Connect(String),
    #[error("store I/O failed: {0}")]
    Io(String),
    #[error("stored record is unreadable: {0}")]
    Data(String),
    /// The writer's queue is full: the caller should come back shortly (503 + Retry-After).
    #[error("the store is busy; retry shortly")]
    Busy,
    /// A shared store cannot be reached now (its server is down or restarting); the caller
    /// should come back shortly (503 + Retry-After). Nothing was written.
    #[error("the store is unavailable: {0}")]
    Unavailable(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// What a write expects of the record it replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Whatever is there (or nothing).
    Any,
    /// Nothing may be there yet.
    New,
    /// The record must still be at this revision (compare-and-swap).
    Rev(u64),
    /// Written only if nothing is there yet; if something is, it stays and the write is
    /// skipped (not a conflict).
    IfAbsent,
}

/// One write inside a [`Changes`].
#[derive(Debug, Clone)]
pub enum Op {
    PutProject(ProjectRecord, Expect),
    /// Removes a project and everything it owns.
    DeleteProject(ProjectId),
    PutEgress(EgressRecord, Expect),
    PutIngress(IngressRecord, Expect),
    PutEndpoint(EndpointRecord, Expect),
    DeleteEndpoint {
        project_id: ProjectId,
        id: EndpointId,
        expect: Expect,
    },
    PutEvent(EventRecord),
    PutDelivery(DeliveryRecord, Expect),
    PutRule(RuleRecord, Expect),
    DeleteRule {
        project_id: ProjectId,
        id: RuleId,
    },
    /// Records a LiveKit event id as taken in at `seen_ms` (copying a store: retries of what
    /// the old store took in stay duplicates).
    SeenLiveKitEvent {
        id: String,
        seen_ms: Millis,
    },
    PutIdempotency(IdempotencyRecord, Expect),
    DeleteIdempotency {
        owner: String,
        key: String,
    },
    PutSession(SessionRecord, Expect),
    /// Recomputed usage buckets and the marks they settle (see [`usage`]); a conflict when
    /// another settlement of the project landed first.
    SettleUsage(Settlement),
}

/// What [`Upkeep::export`] reads, in the order a copy writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Projects,
    Rules,
    Endpoints,
    Egress,
    Ingress,
    Events,
    Deliveries,
    LiveKitEvents,
    Sessions,
}

impl Kind {
    pub const ALL: &'static [Kind] = &[
        Kind::Projects,
        Kind::Rules,
        Kind::Endpoints,
        Kind::Egress,
        Kind::Ingress,
        Kind::Events,
        Kind::Deliveries,
        Kind::LiveKitEvents,
        Kind::Sessions,
    ];
}

/// One batch of an export: the writes that recreate it, and where the next one starts.
#[derive(Debug, Clone, Default)]
pub struct Export {
    pub ops: Vec<Op>,
    pub next: Option<String>,
}

/// Writes applied together or not at all. The store sets each written record's `rev`.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// LiveKit's event id: if it was taken in before, nothing is written and the answer is
    /// [`Committed::Duplicate`]; otherwise it is recorded with the rest.
    pub livekit_event: Option<String>,
    pub ops: Vec<Op>,
}

impl Changes {
    /// Adds a write.
    pub fn push(&mut self, op: Op) {
        self.ops.push(op);
    }
}

/// What a commit did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Committed {
    /// Everything is durable.
    Applied,
    /// The LiveKit event id was seen before; nothing was written.
    Duplicate,
    /// A precondition failed (named); nothing was written.
    Conflict(String),
}

/// Which page of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageReq {
    /// From 1.
    pub page: u32,
    pub limit: u32,
}

impl PageReq {
    /// How many items come before the page.
    pub fn skip(self) -> usize {
        (self.page.max(1) as usize - 1).saturating_mul(self.limit as usize)
    }
}

/// One page of a list, newest first, and how many match in all.
#[derive(Debug, Clone)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// Egress list filters.
#[derive(Debug, Clone, Default)]
pub struct EgressFilter {
    pub status: Option<EgressStatus>,
    pub room_name: Option<String>,
}

/// Ingress list filters.
#[derive(Debug, Clone, Default)]
pub struct IngressFilter {
    pub room_name: Option<String>,
    pub include_deleted: bool,
}

/// Delivery log filters (`since`/`until` bound `created_ms`, inclusive).
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    pub status: Option<DeliveryStatus>,
    pub event: Option<EventKind>,
    pub endpoint_id: Option<EndpointId>,
    pub since_ms: Option<Millis>,
    pub until_ms: Option<Millis>,
}

/// A request for due deliveries: each one returned is leased to `lease_until_ms`.
#[derive(Debug, Clone, Default)]
pub struct Claim {
    pub now_ms: Millis,
    pub lease_until_ms: Millis,
    pub limit: usize,
    /// At most this many attempts out at once per endpoint, counting `in_flight`.
    pub per_endpoint: usize,
    pub in_flight: HashMap<String, usize>,
    /// At most this many per project, counting `in_flight_projects`.
    pub per_project: usize,
    pub in_flight_projects: HashMap<String, usize>,
    /// For a backend that walks its schedule: how many due entries it may look at (`None`:
    /// its own bound). Walking past capped entries is what finds another tenant's delivery
    /// behind one tenant's backlog, and what costs when there is nobody else to find.
    pub scan: Option<usize>,
    /// Endpoints not to take from now (their rate limit has no slot soon).
    pub held: std::collections::HashSet<String>,
}

impl Claim {
    /// The deliveries this claim may still take for `project` and `endpoint`, after `taken`
    /// (what it has chosen so far) and what is in flight.
    pub fn room(&self, taken: &Taken, project: &str, endpoint: &str) -> bool {
        let ep =
            self.in_flight.get(endpoint).copied().unwrap_or(0) + taken.endpoints.get(endpoint).copied().unwrap_or(0);
        let pr = self.in_flight_projects.get(project).copied().unwrap_or(0)
            + taken.projects.get(project).copied().unwrap_or(0);
        ep < self.per_endpoint && pr < self.per_project && !self.held.contains(endpoint)
    }

    /// Endpoints and projects already at their limit (a backend can skip their rows).
    pub fn full(&self) -> (Vec<String>, Vec<String>) {
        let at = |m: &HashMap<String, usize>, cap: usize| -> Vec<String> {
            m.iter().filter(|(_, n)| **n >= cap).map(|(k, _)| k.clone()).collect()
        };
        let mut endpoints = at(&self.in_flight, self.per_endpoint);
        endpoints.extend(self.held.iter().cloned());
        (endpoints, at(&self.in_flight_projects, self.per_project))
    }
}

/// What a claim has chosen so far, by endpoint and by project.
#[derive(Debug, Default)]
pub struct Taken {
    pub endpoints: HashMap<String, usize>,
    pub projects: HashMap<String, usize>,
}

impl Taken {
    pub fn add(&mut self, project: &str, endpoint: &str) {
        *self.endpoints.entry(endpoint.to_string()).or_insert(0) += 1;
        *self.projects.entry(project.to_string()).or_insert(0) += 1;
    }
}

/// The delivery queue at a glance.
#[derive(Debug, Clone, Copy, Default)]
pub struct QueueCounts {
    /// Scheduled deliveries (pending or retrying, leased or not).
    pub scheduled: u64,
    /// Of those, due now.
    pub due: u64,
}

/// Group-commit statistics (what durability costs).
#[derive(Debug, Clone, Copy, Default)]
pub struct CommitStats {
    pub batches: u64,
    pub commands: u64,
    pub flush_nanos: u64,
    pub sync_nanos: u64,
}

/// The one way to write.
#[async_trait]
pub trait Writes: Send + Sync {
    /// Applies `changes` atomically and durably (see [`Changes`], [`Committed`]).
    async fn commit(&self, changes: Changes) -> Result<Committed>;
}

/// Projects, their keys, and the idempotency keys of the writes made with them.
#[async_trait]
pub trait Projects: Send + Sync {
    async fn project(&self, id: &ProjectId) -> Result<Option<ProjectRecord>>;
    async fn project_by_key_hash(&self, hash: &str) -> Result<Option<ProjectRecord>>;
    async fn projects(&self, page: PageReq) -> Result<Paged<ProjectRecord>>;
    /// The request kept under an idempotency key, if any (expired ones included until pruned).
    async fn idempotency(&self, owner: &str, key: &str) -> Result<Option<IdempotencyRecord>>;
}

/// Egress and ingress records.
#[async_trait]
pub trait Media: Send + Sync {
    /// A project's egress by pulse id or LiveKit id; another project's finds nothing.
    async fn egress(&self, project_id: &ProjectId, id: &str) -> Result<Option<EgressRecord>>;
    /// Any project's egress by LiveKit id (routing LiveKit's events).
    async fn egress_by_livekit(&self, livekit_id: &str) -> Result<Option<EgressRecord>>;
    async fn egress_list(
        &self,
        project_id: &ProjectId,
        filter: &EgressFilter,
        page: PageReq,
    ) -> Result<Paged<EgressRecord>>;
    /// Every project's egress that has not ended (the reconciler's work).
    /// Ended egress whose recording is still to be checked in the object store and is due by
    /// `now_ms`.
    async fn egress_to_verify(&self, now_ms: Millis) -> Result<Vec<EgressRecord>>;
    async fn egress_unfinished(&self) -> Result<Vec<EgressRecord>>;
    async fn ingress(&self, project_id: &ProjectId, id: &str) -> Result<Option<IngressRecord>>;
    async fn rule(&self, project_id: &ProjectId, id: &RuleId) -> Result<Option<RuleRecord>>;
    /// A project's recording rules, newest first.
    async fn rules(&self, project_id: &ProjectId) -> Result<Vec<RuleRecord>>;
    /// Whether any project has a recording rule (else the reconciler need not list rooms).
    async fn any_rules(&self) -> Result<bool>;
    async fn ingress_by_livekit(&self, livekit_id: &str) -> Result<Option<IngressRecord>>;
    async fn ingress_list(
        &self,
        project_id: &ProjectId,
        filter: &IngressFilter,
        page: PageReq,
    ) -> Result<Paged<IngressRecord>>;
}

/// Endpoints, events, deliveries and their logs (each project's).
#[async_trait]
pub trait Webhooks: Projects + Send + Sync {
    async fn endpoint(&self, project_id: &ProjectId, id: &EndpointId) -> Result<Option<EndpointRecord>>;
    /// A project's endpoints, newest first.
    async fn endpoints(&self, project_id: &ProjectId) -> Result<Vec<EndpointRecord>>;
    async fn event(&self, project_id: &ProjectId, id: &EventId) -> Result<Option<EventRecord>>;
    /// A project's endpoints, newest first, or `None` when there is no such project: what a
    /// LiveKit event needs to be routed, read together (one round trip on a shared database).
    async fn project_endpoints(&self, project_id: &ProjectId) -> Result<Option<Vec<EndpointRecord>>> {
        match self.project(project_id).await? {
            Some(_) => Ok(Some(self.endpoints(project_id).await?)),
            None => Ok(None),
        }
    }
    /// What one attempt of a delivery needs: its endpoint and its event, read together.
    async fn attempt_context(
        &self,
        project_id: &ProjectId,
        endpoint_id: &EndpointId,
        event_id: &EventId,
    ) -> Result<(Option<EndpointRecord>, Option<EventRecord>)> {
        Ok((self.endpoint(project_id, endpoint_id).await?, self.event(project_id, event_id).await?))
    }
    async fn delivery(&self, project_id: &ProjectId, id: &DeliveryId) -> Result<Option<DeliveryRecord>>;
    async fn deliveries(
        &self,
        project_id: &ProjectId,
        filter: &LogFilter,
        page: PageReq,
    ) -> Result<Paged<DeliveryRecord>>;
}

/// Room and participant sessions (what LiveKit's room and participant events began and ended).
#[async_trait]
pub trait Sessions: Send + Sync {
    /// A room's session (`participant_sid` `None`) or a participant's in it.
    async fn session(
        &self,
        project_id: &ProjectId,
        room_sid: &str,
        participant_sid: Option<&str>,
    ) -> Result<Option<SessionRecord>>;
    /// Every room session that has not ended, of one project or of every one, and its
    /// participants' sessions that have not (the reconciler's work, the open uses). A
    /// participant's session always has its room's (see `core::sessions`); a backend may also
    /// return open participants' sessions of rooms that have ended.
    async fn sessions_open(&self, project_id: Option<&ProjectId>) -> Result<Vec<SessionRecord>>;
    /// The participants' sessions of one room session, ended or not.
    async fn sessions_in_room(&self, project_id: &ProjectId, room_sid: &str) -> Result<Vec<SessionRecord>>;
    /// Every session of a project, rooms' and participants', ended or not (the usage meters).
    async fn sessions_of_project(&self, project_id: &ProjectId) -> Result<Vec<SessionRecord>>;
}

/// The durable delivery schedule.
#[async_trait]
pub trait Queue: Send + Sync {
    /// Leases up to `claim.limit` due deliveries, earliest first, and returns them (with their
    /// new `due_ms`). How a lease is kept is the backend's: in memory for sled, which one
    /// daemon owns; a leased row for a shared database.
    async fn claim_due(&self, claim: Claim) -> Result<Vec<DeliveryRecord>>;
    async fn queue_counts(&self, now_ms: Millis) -> Result<QueueCounts>;
    /// The same for one project's deliveries.
    async fn project_queue_counts(&self, project_id: &ProjectId, now_ms: Millis) -> Result<QueueCounts>;
    /// The earliest scheduled time, if anything is scheduled.
    async fn next_due(&self) -> Result<Option<Millis>>;
    /// Takes the endpoint's next send slot under a limit of one per `interval_ms` (GCRA, see
    /// [`take_slot`]), if that slot begins within `horizon_ms`; on a shared database the slots
    /// are shared by every daemon.
    async fn rate_slot(&self, endpoint_id: &EndpointId, interval_ms: Millis, horizon_ms: Millis) -> Result<Slot>;
}

/// An endpoint's send slot under its rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Taken: send after this many ms.
    Taken { wait_ms: Millis },
    /// None soon: ask again after this many ms.
    Later { wait_ms: Millis },
}

/// The generic cell rate algorithm: `tat` is when the endpoint's next slot begins (none: it
/// never sent). A slot beginning within `horizon` of `now` is taken (the next begins
/// `interval` after it); a later one is not, and the caller asks again when it is within
/// reach. Slots are spaced exactly: no bursts, however long the endpoint was idle.
pub fn take_slot(tat: Option<Millis>, now: Millis, interval: Millis, horizon: Millis) -> (Option<Millis>, Slot) {
    let start = tat.unwrap_or(now).max(now);
    if start - now > horizon {
        return (tat, Slot::Later { wait_ms: start - horizon - now });
    }
    (Some(start + interval), Slot::Taken { wait_ms: start - now })
}

/// Housekeeping and introspection.
#[async_trait]
pub trait Upkeep: Send + Sync {
    /// Deletes finished deliveries, their events and LiveKit event ids older than `cutoff_ms`,
    /// and idempotency keys past their 24 hours.
    async fn prune(&self, cutoff_ms: Millis) -> Result<u64>;
    /// Up to `limit` records of `kind`, in key order from the cursor `after` (a previous
    /// batch's `next`), as the writes that recreate them elsewhere (`pulse store copy`).
    async fn export(&self, kind: Kind, after: Option<String>, limit: usize) -> Result<Export>;
    /// How many records of `kind` there are (a copy's progress bar).
    async fn count(&self, kind: Kind) -> Result<u64>;
    fn size_on_disk(&self) -> u64;
    fn commit_stats(&self) -> CommitStats;
    /// Makes everything durable and stops taking writes (shutdown).
    async fn close(&self) -> Result<()>;
}

/// What another daemon sharing the store has committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// New deliveries may be due: look now rather than at the next poll.
    Due,
    /// An event another daemon committed (for this daemon's live streams).
    Event { project_id: ProjectId, event_id: EventId },
}

/// What daemons sharing one store coordinate through it. A store one daemon owns (sled) keeps
/// the defaults: no notices, always the leader, no shared admin token.
#[async_trait]
pub trait Cluster: Send + Sync {
    /// The backend's name, as `/v1/status` shows it.
    fn backend(&self) -> &'static str;
    /// Notices from the other daemons, as they come.
    fn notices(&self) -> Option<tokio::sync::broadcast::Receiver<Notice>> {
        None
    }
    /// Whether this daemon runs the one-at-a-time jobs (reconciliation, retention) now.
    async fn lead(&self) -> bool {
        true
    }
    /// The admin token every daemon on this store shares: the one kept, else `fresh`, kept
    /// from now on. `None` when the store is not shared (the token lives in the data dir).
    async fn shared_admin_token(&self, _fresh: &str) -> Result<Option<String>> {
        Ok(None)
    }
}

/// Which backend, and where.
#[derive(Clone, PartialEq, Eq)]
pub enum Backend {
    /// sled in the data dir: one daemon.
    Embedded,
    /// A PostgreSQL database several daemons share.
    Postgres { url: String, pool_size: usize },
}

impl std::fmt::Debug for Backend {
    // The URL may carry a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Backend::Embedded => f.write_str("Embedded"),
            Backend::Postgres { pool_size, .. } => write!(f, "Postgres(url=<redacted>, pool_size={pool_size})"),
        }
    }
}

/// Opens the embedded backend in `dir` with `cache_mb` of page cache.
pub fn open_embedded(dir: &std::path::Path, cache_mb: u64) -> Result<std::sync::Arc<dyn Store>> {
    Ok(std::sync::Arc::new(sled::SledStore::open(dir, cache_mb)?))
}

/// Opens the configured backend (the one place that chooses one).
pub async fn open(backend: &Backend, dir: &std::path::Path, cache_mb: u64) -> Result<std::sync::Arc<dyn Store>> {
    match backend {
        Backend::Embedded => open_embedded(dir, cache_mb),
        Backend::Postgres { url, pool_size } => {
            Ok(std::sync::Arc::new(postgres::PgStore::open(url, *pool_size).await?))
        }
    }
}

/// A whole backend.
pub trait Store: Writes + Projects + Media + Webhooks + Sessions + Usage + Queue + Upkeep + Cluster {}

impl<T: Writes + Projects + Media + Webhooks + Sessions + Usage + Queue + Upkeep + Cluster> Store for T {}

#[cfg(test)]
mod tests {
    use super::{Slot, take_slot};

    #[test]
    fn slots_are_spaced_by_the_interval_and_taken_only_within_the_horizon() {
        // 4 per second (250 ms apart), taken up to 300 ms ahead.
        let (tat, s) = take_slot(None, 1_000, 250, 300);
        assert_eq!((tat, s), (Some(1_250), Slot::Taken { wait_ms: 0 }));
        let (tat, s) = take_slot(tat, 1_010, 250, 300);
        assert_eq!((tat, s), (Some(1_500), Slot::Taken { wait_ms: 240 }));
        // The next begins at 1,500, 490 ms ahead: not yet; ask again at 1,200.
        let (same, s) = take_slot(tat, 1_010, 250, 300);
        assert_eq!((same, s), (tat, Slot::Later { wait_ms: 190 }));
        // Idle for long: one slot now, no burst of the ones missed.
        let (tat, s) = take_slot(Some(1_500), 60_000, 250, 300);
        assert_eq!((tat, s), (Some(60_250), Slot::Taken { wait_ms: 0 }));
    }
}

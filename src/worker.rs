//! The delivery worker: claims due deliveries from the store in batches (each leased past the
//! request timeout, so a crash makes it due again and a slow attempt is never sent twice at
//! once), sends them within the global, per-endpoint and per-project limits, and records each
//! outcome through the core. Nothing here decides what an outcome means; `core::deliveries`
//! does. The per-project limit is the fairness rule: one tenant's slow or hanging endpoints
//! hold at most that many of the daemon's slots, and the claim walks past their backlog to
//! other tenants' due deliveries.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::core::Core;
use crate::core::deliveries::Sending;
use crate::model::{Millis, Trigger, now_ms};
use crate::store::Claim;

/// How much lower the delivery threads' scheduling priority is than the rest of the daemon
/// (a nice increment: weight 110 against 1024). When the CPU is short, as in a storm of
/// LiveKit webhooks, the intake goes first: LiveKit waits on its answer and gives up on a
/// webhook it cannot deliver within about 30 s, while a delivery lost nothing by waiting in
/// the durable queue. With CPU to spare the increment changes nothing.
const DELIVERY_NICE: i32 = 10;

/// The most deliveries one claim takes.
const CLAIM_BATCH: usize = 256;
/// How many deliveries per endpoint the worker holds leased, as a multiple of the attempts it
/// lets out at once: the extra wait in the endpoint's lane and go out as attempts finish,
/// without waiting for the next claim. With only as many leased as could be out, every slot
/// that freed waited for a claim (a few ms on PostgreSQL, one claim after another), and a
/// one-endpoint storm went at the pace of claims.
const LEASED_PER_SLOT: usize = 2;
/// How far a claim walks past due deliveries it cannot take (their endpoint or project is at
/// its limit): a short walk each time, and the whole due backlog at most every [`DEEP_EVERY`].
/// A deep walk on every claim made a one-endpoint storm walk 50,000 keys per attempt (85 s
/// instead of 15 s for 60,000 events); never walking deep would let one tenant's backlog hide
/// another's delivery. This way another tenant waits at most about `DEEP_EVERY` for a walk.
const SHALLOW_SCAN: usize = 512;
const DEEP_EVERY: Duration = Duration::from_millis(100);

/// Lowers the calling thread's priority by [`DELIVERY_NICE`] (Linux keeps a nice value per
/// thread). Failure leaves it as it was, which is only slower.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        let tid = rustix::thread::gettid();
        let now = rustix::process::getpriority_process(Some(tid)).unwrap_or(0);
        let _ = rustix::process::setpriority_process(Some(tid), now + DELIVERY_NICE);
    }
}

/// Deliveries the worker holds (leased, waiting for their endpoint's lane or being sent), by
/// endpoint and by project, and each endpoint's lane: the attempts it may have out at once.
#[derive(Default)]
struct Busy {
    endpoints: HashMap<String, usize>,
    projects: HashMap<String, usize>,
    lanes: HashMap<String, Arc<Semaphore>>,
}

impl Busy {
    /// Counts one more held for `endpoint` and answers its lane (`lane` permits when new).
    fn add(&mut self, project: &str, endpoint: &str, lane: usize) -> Arc<Semaphore> {
        *self.endpoints.entry(endpoint.to_string()).or_insert(0) += 1;
        *self.projects.entry(project.to_string()).or_insert(0) += 1;
        self.lanes.entry(endpoint.to_string()).or_insert_with(|| Arc::new(Semaphore::new(lane))).clone()
    }

    fn remove(&mut self, project: &str, endpoint: &str) {
        for (map, k) in [(&mut self.endpoints, endpoint), (&mut self.projects, project)] {
            if let Some(n) = map.get_mut(k) {
                *n -= 1;
                if *n == 0 {
                    map.remove(k);
                }
            }
        }
        if !self.endpoints.contains_key(endpoint) {
            self.lanes.remove(endpoint);
        }
    }
}

/// Sends deliveries.
pub struct Worker {
    core: Arc<Core>,
    global: Arc<Semaphore>,
    busy: Mutex<Busy>,
    /// When the last claim walked the whole due backlog.
    last_deep: Mutex<std::time::Instant>,
    /// Endpoints whose rate limit put an attempt off, and until when: claims leave them out
    /// meanwhile rather than take their backlog only to put it off again.
    held: Mutex<HashMap<String, Millis>>,
    /// Attempts in flight (for `/v1/status` and `/metrics`).
    pub in_flight: AtomicU64,
}

impl Worker {
    pub fn new(core: Arc<Core>) -> Self {
        let global = Arc::new(Semaphore::new(core.settings.webhooks.max_in_flight));
        let long_ago = std::time::Instant::now().checked_sub(DEEP_EVERY).unwrap_or_else(std::time::Instant::now);
        Worker {
            core,
            global,
            busy: Mutex::new(Busy::default()),
            last_deep: Mutex::new(long_ago),
            held: Mutex::new(HashMap::new()),
            in_flight: AtomicU64::new(0),
        }
    }

    /// Deliveries held for one project (in flight or waiting in their lane).
    pub fn in_flight_for(&self, project_id: &str) -> u64 {
        self.busy().projects.get(project_id).copied().unwrap_or(0) as u64
    }

    /// This claim's walk: `None` (the store's whole bound) when the last deep one is
    /// [`DEEP_EVERY`] old, else [`SHALLOW_SCAN`].
    fn scan_depth(&self) -> Option<usize> {
        let mut last = self.last_deep.lock().unwrap_or_else(|e| e.into_inner());
        if last.elapsed() >= DEEP_EVERY {
            *last = std::time::Instant::now();
            None
        } else {
            Some(SHALLOW_SCAN)
        }
    }

    fn busy(&self) -> std::sync::MutexGuard<'_, Busy> {
        self.busy.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs the worker on threads of its own (half the cores, at least one) at the lower
    /// priority of [`DELIVERY_NICE`]; the receiver resolves once it has stopped.
    pub fn spawn(
        self: Arc<Self>,
        shutdown: tokio::sync::watch::Receiver<bool>,
    ) -> std::io::Result<tokio::sync::oneshot::Receiver<()>> {
        let threads = std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1));
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(threads)
            .thread_name("pulse-delivery")
            .on_thread_start(lower_priority)
            .enable_all()
            .build()?;
        let (done_tx, done_rx) = tokio::sync::oneshot::channel();
        std::thread::Builder::new().name("pulse-delivery".into()).spawn(move || {
            lower_priority();
            rt.block_on(self.run(shutdown));
            // Attempts still running past the drain are dropped with the runtime; their
            // deliveries stay leased and come due again, as after a crash.
            rt.shutdown_background();
            let _ = done_tx.send(());
        })?;
        Ok(done_rx)
    }

    /// Runs until `shutdown` fires, then waits (bounded) for attempts in flight.
    pub async fn run(self: Arc<Self>, mut shutdown: tokio::sync::watch::Receiver<bool>) {
        let wake = self.core.wake();
        loop {
            if *shutdown.borrow() {
                break;
            }
            let wait = match self.dispatch_due().await {
                Ok(wait) => wait,
                Err(e) => {
                    tracing::error!(error = %e, "delivery scheduler could not claim from the store");
                    Duration::from_secs(1)
                }
            };
            if wait.is_zero() {
                continue;
            }
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(wait) => {}
                _ = shutdown.changed() => {}
            }
        }
        // Drain: let attempts in flight finish, up to one timeout.
        let w = &self.core.settings.webhooks;
        let _ =
            tokio::time::timeout(w.timeout + Duration::from_secs(1), self.global.acquire_many(w.max_in_flight as u32))
                .await;
    }

    /// Claims and starts as many due deliveries as there are free slots; returns how long to
    /// sleep (zero: claim again at once).
    async fn dispatch_due(self: &Arc<Self>) -> Result<Duration, crate::store::StoreError> {
        let w = &self.core.settings.webhooks;
        let free = self.global.available_permits().min(CLAIM_BATCH);
        let now = now_ms();
        if free > 0 {
            let (in_flight, in_flight_projects) = {
                let b = self.busy();
                (b.endpoints.clone(), b.projects.clone())
            };
            // A delivery waits in its lane for at most `LEASED_PER_SLOT - 1` attempts ahead of
            // it (a timeout each), then is sent (another): its lease covers them all.
            let claim = Claim {
                now_ms: now,
                lease_until_ms: now
                    + (LEASED_PER_SLOT as u32 * w.timeout + Duration::from_secs(5)).as_millis() as Millis,
                limit: free,
                per_endpoint: w.max_in_flight_per_endpoint * LEASED_PER_SLOT,
                in_flight,
                per_project: w.max_in_flight_per_project,
                in_flight_projects,
                scan: self.scan_depth(),
                held: {
                    let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
                    held.retain(|_, until| *until > now);
                    held.keys().cloned().collect()
                },
            };
            let claimed = self.core.store.claim_due(claim).await?;
            let full = claimed.len() == free;
            for d in claimed {
                let Ok(slot) = self.global.clone().try_acquire_owned() else { break };
                let lane = self.busy().add(&d.project_id, &d.endpoint_id, w.max_in_flight_per_endpoint);
                let me = self.clone();
                tokio::spawn(async move {
                    let (id, project, endpoint) = (d.id.clone(), d.project_id.clone(), d.endpoint_id.clone());
                    // Never closed: the lane lives as long as a delivery holds it.
                    let turn = lane.acquire_owned().await;
                    me.in_flight.fetch_add(1, Ordering::Relaxed);
                    let sent = me.core.send_attempt(d, Trigger::Scheduled, None).await;
                    // The slot is free once the request is done; the delivery stays leased
                    // until its outcome is recorded, so it is not sent again meanwhile.
                    me.in_flight.fetch_sub(1, Ordering::Relaxed);
                    drop(turn);
                    me.busy().remove(&project, &endpoint);
                    drop(slot);
                    if let Ok(Sending::Deferred { until_ms }) = &sent {
                        me.held.lock().unwrap_or_else(|e| e.into_inner()).insert(endpoint.to_string(), *until_ms);
                    }
                    me.core.wake().notify_one();
                    let recorded = async {
                        match sent? {
                            Sending::Sent(s) => me.core.record_attempt(*s).await.map(drop),
                            Sending::Deferred { .. } => Ok(()),
                        }
                    };
                    if let Err(e) = recorded.await {
                        tracing::debug!(delivery = %id, error = %e, "delivery attempt not recorded");
                    }
                });
            }
            if full {
                return Ok(Duration::ZERO);
            }
        }
        Ok(match self.core.store.next_due().await? {
            Some(ms) if ms > now => Duration::from_millis(((ms - now) as u64).min(1000)),
            // Due now but not claimable (its endpoint or project is at its limit, or beyond a
            // shallow walk): a finishing attempt wakes us; otherwise look again, deep, soon.
            Some(_) => DEEP_EVERY,
            None => Duration::from_secs(1),
        })
    }
}

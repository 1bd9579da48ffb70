//! The delivery worker: sends due deliveries, signed, and records every attempt (SPEC §2.4
//! "Delivery"). The schedule lives in the store, so nothing is lost to a crash: a delivery
//! being attempted is leased (its due time moved past the request timeout), and if the daemon
//! dies mid-attempt it simply becomes due again.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};

use super::pipeline::now_ms;
use super::ssrf::{BLOCKED, Guard, VettedResolver};
use crate::api::Attempt;
use crate::config::WebhookSettings;
use crate::store::{DeliveryRecord, Due, Store, StoreError};
use crate::util::{now_rfc3339, rfc3339, unix_now};
use crate::webhooks::signing;

/// How much of a response body an attempt keeps.
const BODY_LIMIT: usize = 4096;
/// Latency histogram bucket bounds, seconds.
pub const BUCKETS: &[f64] = &[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// Delivery counters for `/v1/status` and `/metrics`.
#[derive(Debug, Default)]
pub struct WorkerMetrics {
    pub delivered: AtomicU64,
    pub failed: AtomicU64,
    pub attempts_ok: AtomicU64,
    pub attempts_failed: AtomicU64,
    pub in_flight: AtomicU64,
    pub latency_buckets: [AtomicU64; 11],
    pub latency_count: AtomicU64,
    pub latency_sum_ms: AtomicU64,
}

/// Sends deliveries.
pub struct Worker {
    store: Store,
    http: reqwest::Client,
    guard: Arc<Guard>,
    settings: WebhookSettings,
    global: Arc<Semaphore>,
    per_endpoint: Mutex<HashMap<String, Arc<Semaphore>>>,
    claimed: Mutex<HashSet<String>>,
    wake: Arc<Notify>,
    pub metrics: WorkerMetrics,
}

/// The outcome of one HTTP attempt.
struct Sent {
    status: Option<u16>,
    error: Option<&'static str>,
    detail: Option<String>,
    body: Option<String>,
    retry_after: Option<Duration>,
    duration: Duration,
}

impl Worker {
    /// A worker with its own HTTP client: no redirects, the configured timeout, and a resolver
    /// that connects only to addresses the guard allows.
    pub fn new(store: Store, settings: WebhookSettings, wake: Arc<Notify>) -> Self {
        let guard =
            Arc::new(Guard { allow_private: settings.allow_private_targets, allowed: settings.allowed_cidrs.clone() });
        let _ = crate::http_client(Duration::from_secs(1)); // installs the TLS provider once
        let http = reqwest::Client::builder()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(Arc::new(VettedResolver(guard.clone())))
            .user_agent(concat!("pulse-webhooks/", env!("CARGO_PKG_VERSION")))
            .build()
            .expect("the TLS backend initializes");
        Worker {
            global: Arc::new(Semaphore::new(settings.max_in_flight)),
            per_endpoint: Mutex::new(HashMap::new()),
            claimed: Mutex::new(HashSet::new()),
            store,
            http,
            guard,
            settings,
            wake,
            metrics: WorkerMetrics::default(),
        }
    }

    /// The SSRF policy (also used when endpoints are created).
    pub fn guard(&self) -> &Guard {
        &self.guard
    }

    /// Scheduled attempts per delivery: the first plus one per retry delay.
    pub fn max_attempts(&self) -> u32 {
        self.settings.retry_schedule.len() as u32 + 1
    }

    fn endpoint_slot(&self, endpoint_id: &str) -> Option<OwnedSemaphorePermit> {
        let sem = self
            .per_endpoint
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(endpoint_id.to_string())
            .or_insert_with(|| Arc::new(Semaphore::new(self.settings.max_in_flight_per_endpoint)))
            .clone();
        sem.try_acquire_owned().ok()
    }

    /// Runs until `shutdown` fires, then waits (bounded) for attempts in flight.
    pub async fn run(self: Arc<Self>, mut shutdown: tokio::sync::watch::Receiver<bool>) {
        loop {
            if *shutdown.borrow() {
                break;
            }
            let wait = match self.dispatch_due() {
                Ok(wait) => wait,
                Err(e) => {
                    tracing::error!(error = %e, "delivery scheduler could not read the store");
                    Duration::from_secs(1)
                }
            };
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(wait) => {}
                _ = shutdown.changed() => {}
            }
        }
        // Drain: let attempts in flight finish, up to one timeout.
        let _ = tokio::time::timeout(
            self.settings.timeout + Duration::from_secs(1),
            self.global.acquire_many(self.settings.max_in_flight as u32),
        )
        .await;
    }

    /// Starts every due delivery that has a free slot; returns how long to sleep.
    fn dispatch_due(self: &Arc<Self>) -> Result<Duration, StoreError> {
        let now = now_ms();
        for Due { due_ms, key, endpoint_id } in self.store.due(now, 1024)? {
            if self.claimed.lock().unwrap_or_else(|e| e.into_inner()).contains(&key) {
                continue;
            }
            let Some(endpoint_slot) = self.endpoint_slot(&endpoint_id) else {
                continue; // this endpoint is busy; others still get their turn
            };
            let Ok(global_slot) = self.global.clone().try_acquire_owned() else {
                break; // everything is busy; a finishing attempt wakes us
            };
            // Lease: past the request timeout, so a crash mid-attempt makes it due again
            // and a slow attempt is never sent twice at once.
            let lease = now + (self.settings.timeout + Duration::from_secs(5)).as_millis() as u64;
            let claimed = self.store.transact(|tx| match tx.delivery(&key)? {
                Some(mut cur) if cur.due_ms == Some(due_ms) => {
                    cur.due_ms = Some(lease);
                    tx.put_delivery(&cur)?;
                    Ok(Some(cur))
                }
                _ => Ok(None),
            })?;
            let Some(d) = claimed else { continue };
            self.claimed.lock().unwrap_or_else(|e| e.into_inner()).insert(key.clone());
            let me = self.clone();
            tokio::spawn(async move {
                me.metrics.in_flight.fetch_add(1, Ordering::Relaxed);
                if let Err(e) = me.attempt_record(d, "scheduled", None).await {
                    tracing::error!(delivery = %key, error = %e, "could not record a delivery attempt");
                }
                me.metrics.in_flight.fetch_sub(1, Ordering::Relaxed);
                me.claimed.lock().unwrap_or_else(|e| e.into_inner()).remove(&key);
                drop((endpoint_slot, global_slot));
                me.wake.notify_one();
            });
        }
        let next = self.store.next_due()?;
        Ok(match next {
            Some(ms) if ms > now => Duration::from_millis((ms - now).min(1000)),
            Some(_) => Duration::from_millis(20),
            None => Duration::from_secs(1),
        })
    }

    /// One signed attempt of delivery `key`, recorded. `scheduled` attempts move the
    /// schedule; `manual` ones (replay) never reschedule. Returns the attempt.
    pub async fn attempt(&self, key: &str, trigger: &str, url_override: Option<&str>) -> Result<Attempt, StoreError> {
        let Some(d) = self.store.delivery_by_key(key)? else {
            return Err(StoreError::Data(format!("delivery {key} vanished")));
        };
        self.attempt_record(d, trigger, url_override).await
    }

    /// [`Worker::attempt`] for a delivery already read (the scheduler's claim returns it).
    async fn attempt_record(
        &self,
        d: DeliveryRecord,
        trigger: &str,
        url_override: Option<&str>,
    ) -> Result<Attempt, StoreError> {
        let key = &d.key();
        let endpoint = self.store.endpoint(&d.project_id, &d.log.endpoint_id)?;
        let event = self.store.event(&d.project_id, &d.log.event_id)?;
        let (endpoint, event) = match (endpoint, event) {
            (Some(ep), Some(ev)) if ep.endpoint.enabled || trigger == "manual" => (ep, ev),
            (ep, _) => {
                // Nothing to send to (disabled or deleted endpoint) or nothing to send.
                let why = match ep {
                    Some(ep) => format!(
                        "endpoint disabled{}",
                        ep.endpoint.disabled_reason.map(|r| format!(": {r}")).unwrap_or_default()
                    ),
                    None => "endpoint deleted".into(),
                };
                self.finish(key, None, Some(why)).await?;
                return Err(StoreError::Data("no endpoint to deliver to".into()));
            }
        };
        let url = url_override.unwrap_or(&endpoint.endpoint.url).to_string();
        let now = unix_now();
        let keys: Vec<Vec<u8>> =
            endpoint.signing_secrets(now).into_iter().filter_map(|s| signing::secret_key(s).ok()).collect();
        let sent = self.send(&url, &d, &event.payload, &keys, now).await;
        let attempt = Attempt {
            attempt: d.attempts.len() as u32 + 1,
            at: rfc3339(std::time::UNIX_EPOCH + Duration::from_secs(now)),
            status_code: sent.status,
            duration_ms: sent.duration.as_millis() as u64,
            error: sent.error.map(Into::into),
            response_body: sent.body.clone(),
            trigger: trigger.into(),
            url: url.clone(),
        };
        self.observe(&sent);
        let gone = sent.status == Some(410) && trigger == "scheduled";
        let ok = sent.error.is_none();
        let last_error = sent.detail.clone();
        let delay = if ok { None } else { Some(self.retry_delay(&d, sent.retry_after)) };
        let attempt_clone = attempt.clone();
        let ended = self.store.transact(|tx| {
            let Some(mut cur) = tx.delivery(key)? else { return Ok(None) };
            let now_text = now_rfc3339();
            cur.attempts.push(attempt_clone.clone());
            cur.log.attempt_count = cur.attempts.len() as u32;
            cur.log.last_status_code = attempt_clone.status_code;
            cur.log.last_error = last_error.clone();
            cur.log.updated_at = now_text.clone();
            let scheduled = cur.attempts.iter().filter(|a| a.trigger == "scheduled").count() as u32;
            if ok {
                cur.log.status = "delivered".into();
                cur.log.delivered_at.get_or_insert(now_text);
                cur.log.next_attempt_at = None;
                cur.due_ms = None;
            } else if trigger == "scheduled" {
                if gone || scheduled >= cur.log.max_attempts {
                    cur.log.status = "failed".into();
                    cur.log.next_attempt_at = None;
                    cur.due_ms = None;
                } else {
                    let wait = delay.unwrap_or_default();
                    let due = now_ms() + wait.as_millis() as u64;
                    cur.log.status = "retrying".into();
                    cur.log.next_attempt_at = Some(rfc3339(std::time::UNIX_EPOCH + Duration::from_millis(due)));
                    cur.due_ms = Some(due);
                }
            }
            if gone && let Some(mut ep) = tx.endpoint(&cur.project_id, &cur.log.endpoint_id)? {
                ep.endpoint.enabled = false;
                ep.endpoint.disabled_reason = Some(format!("{url} answered 410 Gone at {}", cur.log.updated_at));
                tx.put_endpoint(&ep)?;
            }
            tx.put_delivery(&cur)?;
            Ok(Some(cur.log.status.clone()))
        })?;
        match ended.as_deref() {
            Some("delivered") if trigger == "scheduled" || d.log.status != "delivered" => {
                self.metrics.delivered.fetch_add(1, Ordering::Relaxed);
            }
            Some("failed") if d.log.status != "failed" => {
                self.metrics.failed.fetch_add(1, Ordering::Relaxed);
            }
            _ => {}
        }
        if gone {
            tracing::warn!(endpoint_id = %d.log.endpoint_id, %url, "endpoint answered 410 Gone: disabled");
            self.store.commit().await?;
        }
        Ok(attempt)
    }

    /// Marks a delivery failed without an attempt (its endpoint is gone or disabled).
    async fn finish(&self, key: &str, status: Option<u16>, why: Option<String>) -> Result<(), StoreError> {
        self.store.transact(|tx| {
            if let Some(mut cur) = tx.delivery(key)? {
                cur.log.status = "failed".into();
                cur.log.last_status_code = status.or(cur.log.last_status_code);
                cur.log.last_error = why.clone();
                cur.log.next_attempt_at = None;
                cur.log.updated_at = now_rfc3339();
                cur.due_ms = None;
                tx.put_delivery(&cur)?;
            }
            Ok(())
        })?;
        self.metrics.failed.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn retry_delay(&self, d: &DeliveryRecord, retry_after: Option<Duration>) -> Duration {
        // `d` is the delivery before this attempt was recorded: count this one too.
        let done = d.attempts.iter().filter(|a| a.trigger == "scheduled").count() + 1;
        retry_delay(&self.settings.retry_schedule, self.settings.jitter, done, retry_after, rand::random::<f64>())
    }

    async fn send(&self, url: &str, d: &DeliveryRecord, payload: &str, keys: &[Vec<u8>], ts: u64) -> Sent {
        let started = Instant::now();
        let fail = |error: &'static str, detail: String| Sent {
            status: None,
            error: Some(error),
            detail: Some(detail),
            body: None,
            retry_after: None,
            duration: started.elapsed(),
        };
        let parsed = match reqwest::Url::parse(url) {
            Ok(u) => u,
            Err(e) => return fail("connect", format!("bad URL: {e}")),
        };
        if let Err(e) = self.guard.check_literal(&parsed) {
            return fail("blocked_target", e);
        }
        let mut req = self
            .http
            .post(parsed)
            .header("content-type", "application/json")
            .header("x-pulse-event", &d.log.event)
            .body(payload.to_string());
        for (name, value) in signing::headers(keys, &d.log.event_id, ts, payload.as_bytes()) {
            req = req.header(name, value);
        }
        let resp = match req.send().await {
            Ok(r) => r,
            Err(e) => {
                let text = crate::error_chain(&e);
                let class = if text.contains(BLOCKED) {
                    "blocked_target"
                } else if e.is_timeout() {
                    "timeout"
                } else if text.contains("dns error") || text.contains("failed to lookup") {
                    "dns"
                } else if text.contains("certificate") || text.contains("tls") || text.contains("TLS") {
                    "tls"
                } else {
                    "connect"
                };
                return fail(class, text);
            }
        };
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|_| status == 429 || status == 503)
            .map(Duration::from_secs);
        let body = read_limited(resp, self.settings.timeout.saturating_sub(started.elapsed())).await;
        let duration = started.elapsed();
        if (200..300).contains(&status) {
            return Sent { status: Some(status), error: None, detail: None, body, retry_after, duration };
        }
        let detail = match status {
            300..=399 => format!("HTTP {status}: redirects are not followed"),
            _ => format!("HTTP {status}"),
        };
        Sent { status: Some(status), error: Some("http_status"), detail: Some(detail), body, retry_after, duration }
    }

    fn observe(&self, sent: &Sent) {
        let m = &self.metrics;
        if sent.error.is_none() { &m.attempts_ok } else { &m.attempts_failed }.fetch_add(1, Ordering::Relaxed);
        let secs = sent.duration.as_secs_f64();
        for (i, bound) in BUCKETS.iter().enumerate() {
            if secs <= *bound {
                m.latency_buckets[i].fetch_add(1, Ordering::Relaxed);
            }
        }
        m.latency_count.fetch_add(1, Ordering::Relaxed);
        m.latency_sum_ms.fetch_add(sent.duration.as_millis() as u64, Ordering::Relaxed);
    }
}

/// The wait after `done` scheduled attempts: the schedule's delay spread by ±`jitter` (`roll`
/// is uniform in [0, 1)), or `Retry-After` clamped to [delay, 2 × delay] (SPEC §2.4).
pub fn retry_delay(
    schedule: &[Duration],
    jitter: f64,
    done: usize,
    retry_after: Option<Duration>,
    roll: f64,
) -> Duration {
    let base = schedule.get(done.saturating_sub(1)).or(schedule.last()).copied().unwrap_or(Duration::from_secs(300));
    if let Some(ra) = retry_after {
        return ra.clamp(base, base * 2);
    }
    if jitter > 0.0 {
        return base.mul_f64((1.0 + jitter * (roll * 2.0 - 1.0)).max(0.0));
    }
    base
}

/// The first 4 KiB of a response body (lossy UTF-8), within what is left of the timeout.
async fn read_limited(mut resp: reqwest::Response, budget: Duration) -> Option<String> {
    let mut buf = Vec::new();
    let read = async {
        while buf.len() < BODY_LIMIT {
            match resp.chunk().await {
                Ok(Some(chunk)) => buf.extend_from_slice(&chunk),
                _ => break,
            }
        }
    };
    let _ = tokio::time::timeout(budget.max(Duration::from_millis(100)), read).await;
    if buf.is_empty() {
        return None;
    }
    buf.truncate(BODY_LIMIT);
    Some(String::from_utf8_lossy(&buf).into_owned())
}

#[cfg(test)]
mod tests {
    use super::retry_delay;
    use std::time::Duration;

    #[test]
    fn delays_follow_the_schedule_with_bounded_jitter_and_clamped_retry_after() {
        let s: Vec<Duration> = [300, 600, 1800, 1800].map(Duration::from_secs).to_vec();
        let d = |done, ra, roll| retry_delay(&s, 0.0, done, ra, roll);
        // After attempt 1 wait 5 m, after 2 wait 10 m, then 30 m.
        assert_eq!(d(1, None, 0.5), Duration::from_secs(300));
        assert_eq!(d(2, None, 0.5), Duration::from_secs(600));
        assert_eq!(d(4, None, 0.5), Duration::from_secs(1800));
        // Retry-After is honoured within [delay, 2 × delay].
        assert_eq!(d(1, Some(Duration::from_secs(450)), 0.5), Duration::from_secs(450));
        assert_eq!(d(1, Some(Duration::from_secs(5)), 0.5), Duration::from_secs(300));
        assert_eq!(d(1, Some(Duration::from_secs(9999)), 0.5), Duration::from_secs(600));
        // ±20 % jitter stays within its bounds.
        assert_eq!(retry_delay(&s, 0.2, 1, None, 0.0), Duration::from_secs(240));
        assert_eq!(retry_delay(&s, 0.2, 1, None, 0.999_999).as_secs(), 359);
        assert_eq!(retry_delay(&s, 0.2, 1, None, 0.5), Duration::from_secs(300));
    }
}

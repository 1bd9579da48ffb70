//! One signed HTTP attempt of a delivery, and what came of it. Knows HTTP, signatures and the
//! SSRF guard; knows nothing of schedules or the store (the core decides what an outcome means).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::config::WebhookSettings;
use crate::model::ErrorClass;
use crate::ssrf::{BLOCKED, Guard, VettedResolver};
use crate::webhooks::signing;

/// How much of a response body an attempt keeps.
const BODY_LIMIT: usize = 4096;
/// Latency histogram bucket bounds, seconds.
pub const BUCKETS: &[f64] = &[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// Attempt counters and latency, for `/metrics`.
#[derive(Debug, Default)]
pub struct SendMetrics {
    pub ok: AtomicU64,
    pub failed: AtomicU64,
    pub latency_buckets: [AtomicU64; 11],
    pub latency_count: AtomicU64,
    pub latency_sum_ms: AtomicU64,
}

/// What one attempt brought back.
#[derive(Debug, Clone)]
pub struct Sent {
    pub status: Option<u16>,
    pub error: Option<ErrorClass>,
    /// A line for people: why it failed.
    pub detail: Option<String>,
    pub body: Option<String>,
    pub retry_after: Option<Duration>,
    pub duration: Duration,
}

/// What to send.
pub struct Message<'a> {
    pub url: &'a str,
    pub event: &'a str,
    pub event_id: &'a str,
    pub payload: &'a str,
    /// Decoded signing keys (current first).
    pub keys: &'a [signing::Key],
    pub timestamp: u64,
    /// The endpoint's own headers, opened.
    pub headers: &'a [(String, String)],
}

/// Sends deliveries over one keep-alive client: no redirects, no proxies, the configured
/// timeout, and a resolver that connects only to addresses the guard allows.
pub struct Sender {
    http: reqwest::Client,
    guard: Arc<Guard>,
    timeout: Duration,
    pub metrics: SendMetrics,
}

impl Sender {
    pub fn new(settings: &WebhookSettings) -> Self {
        let guard =
            Arc::new(Guard { allow_private: settings.allow_private_targets, allowed: settings.allowed_cidrs.clone() });
        // The provider only: a client from `http_client` here would be built to be dropped,
        // and every build loads the system's CA certificates.
        crate::install_tls_provider();
        let http = reqwest::Client::builder()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            // reqwest pools by host, not by endpoint: several endpoints on one host (a
            // customer's behind one load balancer) share its idle connections. Keeping only
            // one endpoint's worth (16) made most attempts to 100 endpoints on one host open
            // a new connection (connect, and close, were the delivery threads' top syscalls);
            // as many as may be in flight at all are kept, and idle ones close after 90 s.
            .pool_max_idle_per_host(settings.max_in_flight.max(1))
            .dns_resolver(Arc::new(VettedResolver(guard.clone())))
            .user_agent(concat!("pulse-webhooks/", env!("CARGO_PKG_VERSION")))
            .build()
            .expect("the TLS backend initializes");
        Sender { http, guard, timeout: settings.timeout, metrics: SendMetrics::default() }
    }

    /// The SSRF policy (also checked when endpoints are created).
    pub fn guard(&self) -> &Guard {
        &self.guard
    }

    /// One signed attempt.
    pub async fn send(&self, m: Message<'_>) -> Sent {
        let sent = self.send_inner(m).await;
        self.observe(&sent);
        sent
    }

    async fn send_inner(&self, m: Message<'_>) -> Sent {
        let started = Instant::now();
        let fail = |error: ErrorClass, detail: String| Sent {
            status: None,
            error: Some(error),
            detail: Some(detail),
            body: None,
            retry_after: None,
            duration: started.elapsed(),
        };
        let parsed = match reqwest::Url::parse(m.url) {
            Ok(u) => u,
            Err(e) => return fail(ErrorClass::Connect, format!("bad URL: {e}")),
        };
        if let Err(e) = self.guard.check_literal(&parsed) {
            return fail(ErrorClass::BlockedTarget, e);
        }
        let mut req = self.http.post(parsed);
        for (name, value) in m.headers {
            req = req.header(name.as_str(), value.as_str());
        }
        let mut req =
            req.header("content-type", "application/json").header("x-pulse-event", m.event).body(m.payload.to_string());
        for (name, value) in signing::headers(m.keys, m.event_id, m.timestamp, m.payload.as_bytes()) {
            req = req.header(name, value);
        }
        let resp = match req.send().await {
            Ok(r) => r,
            Err(e) => {
                let text = crate::error_chain(&e);
                let class = if text.contains(BLOCKED) {
                    ErrorClass::BlockedTarget
                } else if e.is_timeout() {
                    ErrorClass::Timeout
                } else if text.contains("dns error") || text.contains("failed to lookup") {
                    ErrorClass::Dns
                } else if text.contains("certificate") || text.contains("tls") || text.contains("TLS") {
                    ErrorClass::Tls
                } else {
                    ErrorClass::Connect
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
        let body = read_limited(resp, self.timeout.saturating_sub(started.elapsed())).await;
        let duration = started.elapsed();
        if (200..300).contains(&status) {
            return Sent { status: Some(status), error: None, detail: None, body, retry_after, duration };
        }
        let detail = match status {
            300..=399 => format!("HTTP {status}: redirects are not followed"),
            _ => format!("HTTP {status}"),
        };
        Sent {
            status: Some(status),
            error: Some(ErrorClass::HttpStatus),
            detail: Some(detail),
            body,
            retry_after,
            duration,
        }
    }

    fn observe(&self, sent: &Sent) {
        let m = &self.metrics;
        if sent.error.is_none() { &m.ok } else { &m.failed }.fetch_add(1, Ordering::Relaxed);
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

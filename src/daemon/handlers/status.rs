//! `GET /v1/status` (SPEC §2.7): version, uptime, store size and whether LiveKit answers.

use std::sync::Arc;

use super::{Answer, ok};
use std::sync::atomic::Ordering;

use crate::api::{LiveKitStatus, Status, WebhookStatus};
use crate::daemon::AppState;
use crate::daemon::auth::Caller;

/// `GET /v1/status` (any valid key or the admin token).
pub async fn status(st: Arc<AppState>, caller: Caller) -> Answer<Status> {
    st.anyone(&caller)?;
    let probe = st.livekit.probe().await;
    ok(Status {
        version: env!("CARGO_PKG_VERSION").into(),
        uptime_seconds: st.started.elapsed().as_secs(),
        store_size_bytes: st.store.size_on_disk(),
        livekit: LiveKitStatus {
            url: st.livekit.url().into(),
            reachable: probe.is_ok(),
            latency_ms: probe.as_ref().ok().map(|d| d.as_millis() as u64),
            error: probe.err().map(|e| e.to_string()),
        },
        webhooks: WebhookStatus {
            queue_depth: st.store.scheduled_count() as u64,
            due: st.store.due_count(crate::daemon::pipeline::now_ms()) as u64,
            in_flight: st.worker.metrics.in_flight.load(Ordering::Relaxed),
            delivered: st.worker.metrics.delivered.load(Ordering::Relaxed),
            failed: st.worker.metrics.failed.load(Ordering::Relaxed),
        },
    })
}

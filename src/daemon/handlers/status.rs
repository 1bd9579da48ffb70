//! `GET /v1/status`: version, uptime, store size, whether LiveKit answers, the delivery queue.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::{Answer, ok};
use crate::api::{LiveKitStatus, Status, StoreStatus, WebhookStatus};
use crate::daemon::AppState;
use crate::daemon::auth::Caller;

/// `GET /v1/status` (any valid key or the admin token).
pub async fn status(st: Arc<AppState>, caller: Caller) -> Answer<Status> {
    st.anyone(&caller).await?;
    let core = &st.core;
    let probe = core.livekit.probe().await;
    let queue = core.store.queue_counts(crate::model::now_ms()).await?;
    ok(Status {
        version: env!("CARGO_PKG_VERSION").into(),
        uptime_seconds: st.started.elapsed().as_secs(),
        store_size_bytes: core.store.size_on_disk(),
        store: StoreStatus { backend: core.store.backend().into(), leader: core.store.lead().await },
        livekit: LiveKitStatus {
            url: core.livekit.url().into(),
            reachable: probe.is_ok(),
            latency_ms: probe.as_ref().ok().map(|d| d.as_millis() as u64),
            error: probe.err().map(|e| e.to_string()),
        },
        webhooks: WebhookStatus {
            queue_depth: queue.scheduled,
            due: queue.due,
            in_flight: st.worker.in_flight.load(Ordering::Relaxed),
            delivered: core.metrics.delivered.load(Ordering::Relaxed),
            failed: core.metrics.failed.load(Ordering::Relaxed),
        },
    })
}

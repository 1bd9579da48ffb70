//! `GET /v1/status`: version, uptime, store size, whether LiveKit answers, the delivery queue.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::{Answer, ok};
use crate::api::{LiveKitStatus, Status, StoreStatus, WebhookStatus};
use crate::daemon::AppState;
use crate::daemon::auth::Caller;
use crate::model::DeliveryStatus;
use crate::store::{LogFilter, PageReq};

/// `GET /health`: the daemon answers (no credentials).
#[utoipa::path(
    get,
    path = "/health",
    tag = "status",
    summary = "Liveness: the daemon answers",
    responses((status = 200, description = "Up", body = Object, example = json!({"status": "ok"}))),
    security(())
)]
pub async fn health() -> Answer<serde_json::Value> {
    ok(serde_json::json!({"status": "ok"}))
}

/// `GET /v1/openapi.json`: this document (no credentials).
#[utoipa::path(
    get,
    path = "/v1/openapi.json",
    tag = "status",
    summary = "This OpenAPI 3.1 document",
    responses((status = 200, description = "The document", body = Object)),
    security(())
)]
pub async fn openapi(document: &'static str) -> warp::reply::Response {
    let mut r = warp::reply::Response::new(document.into());
    r.headers_mut().insert("content-type", warp::http::HeaderValue::from_static("application/json"));
    r
}

/// `GET /metrics`: Prometheus text (no credentials; keep it off public listeners).
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "status",
    summary = "Prometheus metrics of the intake, the delivery queue and the store",
    responses((status = 200, description = "Prometheus text exposition", content_type = "text/plain; version=0.0.4", body = String)),
    security(())
)]
pub async fn metrics(st: Arc<AppState>) -> warp::reply::Response {
    let mut r = warp::reply::Response::new(crate::daemon::metrics::render(&st).await.into());
    r.headers_mut().insert("content-type", warp::http::HeaderValue::from_static("text/plain; version=0.0.4"));
    r
}

/// `GET /v1/status` (any valid key or the admin token). A project key sees its own project's
/// delivery figures; the admin token the daemon's.
#[utoipa::path(
    get,
    path = "/v1/status",
    tag = "status",
    summary = "The daemon's health, queue and LiveKit reachability",
    responses((status = 200, description = "Success", body = Status), crate::daemon::reject::Errors),
    security(("project_key" = []), ("admin_token" = []))
)]
pub async fn status(st: Arc<AppState>, caller: Caller) -> Answer<Status> {
    let project = st.project_or_admin(&caller).await?;
    let core = &st.core;
    let probe = core.livekit.probe().await;
    let now = crate::model::now_ms();
    let webhooks = match &project {
        None => {
            let queue = core.store.queue_counts(now).await?;
            WebhookStatus {
                queue_depth: queue.scheduled,
                due: queue.due,
                in_flight: st.worker.in_flight.load(Ordering::Relaxed),
                delivered: core.metrics.delivered.load(Ordering::Relaxed),
                failed: core.metrics.failed.load(Ordering::Relaxed),
            }
        }
        Some(p) => {
            let queue = core.store.project_queue_counts(&p.id, now).await?;
            let total = |status| {
                let filter = LogFilter { status: Some(status), ..Default::default() };
                let store = core.store.clone();
                let id = p.id.clone();
                async move { store.deliveries(&id, &filter, PageReq { page: 1, limit: 1 }).await.map(|p| p.total) }
            };
            WebhookStatus {
                queue_depth: queue.scheduled,
                due: queue.due,
                in_flight: st.worker.in_flight_for(&p.id),
                delivered: total(DeliveryStatus::Delivered).await?,
                failed: total(DeliveryStatus::Failed).await?,
            }
        }
    };
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
        webhooks,
    })
}

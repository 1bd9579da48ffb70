//! Webhook routes: endpoints, delivery logs, replay, test events and the live event stream.
//! The rules are the core's (`core::endpoints`, `core::deliveries`).

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;

use super::{Answer, ListQuery, created, ok};
use crate::api::*;
use crate::core::deliveries::LogQuery;
use crate::daemon::AppState;
use crate::daemon::auth::{Access, Caller};
use crate::daemon::reject::ApiError;
use crate::daemon::reject::parse_json;

/// `POST /v1/webhooks/endpoints`.
#[utoipa::path(
    post,
    path = "/v1/webhooks/endpoints",
    tag = "webhooks",
    summary = "Add a webhook endpoint (its secret is in the answer)",
    request_body = CreateEndpoint,
    responses((status = 201, description = "Success", body = Endpoint), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn create_endpoint(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Endpoint> {
    let p = st.endpoint_manager(&caller).await?;
    let req: CreateEndpoint = parse_json(&body)?;
    created(st.core.create_endpoint(&p, req).await?)
}

/// `GET /v1/webhooks/endpoints`.
#[utoipa::path(
    get,
    path = "/v1/webhooks/endpoints",
    tag = "webhooks",
    summary = "List webhook endpoints",
    params(super::PageParams),
    responses((status = 200, description = "Success", body = Page<Endpoint>), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn list_endpoints(st: Arc<AppState>, caller: Caller, q: HashMap<String, String>) -> Answer<Page<Endpoint>> {
    let p = st.viewer(&caller).await?.0;
    let q = ListQuery::parse(&q, &[])?;
    ok(st.core.list_endpoints(&p, q.page()).await?)
}

/// `GET /v1/webhooks/endpoints/:id`.
#[utoipa::path(
    get,
    path = "/v1/webhooks/endpoints/{id}",
    tag = "webhooks",
    summary = "Get a webhook endpoint",
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = Endpoint), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn get_endpoint(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Endpoint> {
    let p = st.viewer(&caller).await?.0;
    ok(st.core.get_endpoint(&p, &id).await?)
}

/// `GET /v1/webhooks/endpoints/:id/stats`.
#[utoipa::path(
    get,
    path = "/v1/webhooks/endpoints/{id}/stats",
    tag = "webhooks",
    summary = "An endpoint's last 24 hours: delivered, failed, pending, success rate",
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = EndpointStats), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn endpoint_stats(id: String, st: Arc<AppState>, caller: Caller) -> Answer<EndpointStats> {
    let p = st.viewer(&caller).await?.0;
    ok(st.core.endpoint_stats(&p, &id).await?)
}

/// `GET /v1/webhooks/endpoints/:id/secret`.
#[utoipa::path(
    get,
    path = "/v1/webhooks/endpoints/{id}/secret",
    tag = "webhooks",
    summary = "Reveal an endpoint's signing secret",
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = EndpointSecret), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn endpoint_secret(id: String, st: Arc<AppState>, caller: Caller) -> Answer<EndpointSecret> {
    let p = st.project(&caller).await?;
    ok(st.core.endpoint_secret(&p, &id).await?)
}

/// `PATCH /v1/webhooks/endpoints/:id`.
#[utoipa::path(
    patch,
    path = "/v1/webhooks/endpoints/{id}",
    tag = "webhooks",
    summary = "Change an endpoint (URL, events, enabled)",
    request_body = Option<PatchEndpoint>,
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = Endpoint), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn patch_endpoint(id: String, st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Endpoint> {
    let p = st.endpoint_manager(&caller).await?;
    let req: PatchEndpoint = parse_json(&body)?;
    ok(st.core.patch_endpoint(&p, &id, req).await?)
}

/// `DELETE /v1/webhooks/endpoints/:id`.
#[utoipa::path(
    delete,
    path = "/v1/webhooks/endpoints/{id}",
    tag = "webhooks",
    summary = "Delete an endpoint",
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = Deleted), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn delete_endpoint(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Deleted> {
    let p = st.endpoint_manager(&caller).await?;
    ok(st.core.delete_endpoint(&p, &id).await?)
}

/// `POST /v1/webhooks/endpoints/:id/recover`.
#[utoipa::path(
    post,
    path = "/v1/webhooks/endpoints/{id}/recover",
    tag = "webhooks",
    summary = "Enable an endpoint again and queue what failed since a time",
    request_body = Option<RecoverEndpoint>,
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = Recovered), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn recover_endpoint(id: String, st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Recovered> {
    let p = st.project(&caller).await?;
    let req: RecoverEndpoint = parse_json(&body)?;
    ok(st.core.recover_endpoint(&p, &id, req).await?)
}

/// `POST /v1/webhooks/endpoints/:id/rotate-secret`.
#[utoipa::path(
    post,
    path = "/v1/webhooks/endpoints/{id}/rotate-secret",
    tag = "webhooks",
    summary = "Rotate an endpoint's secret (the old one signs too for a grace period)",
    request_body = Option<RotateSecret>,
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = Endpoint), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn rotate_secret(id: String, st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Endpoint> {
    let p = st.endpoint_manager(&caller).await?;
    let req: RotateSecret = parse_json(&body)?;
    ok(st.core.rotate_secret(&p, &id, req).await?)
}

/// `GET /v1/webhooks/logs?page&limit&status&event&endpoint_id&since&until`.
#[utoipa::path(
    get,
    path = "/v1/webhooks/logs",
    tag = "webhooks",
    summary = "Delivery logs, newest first",
    params(super::PageParams,("status" = Option<crate::model::DeliveryStatus>, Query, description = "Only deliveries in this state"),("event" = Option<crate::model::EventKind>, Query, description = "Only this event"),("endpoint_id" = Option<String>, Query, description = "Only this endpoint"),("since" = Option<String>, Query, description = "RFC 3339 time: created at or after"),("until" = Option<String>, Query, description = "RFC 3339 time: created before")),
    responses((status = 200, description = "Success", body = Page<WebhookLog>), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn list_logs(st: Arc<AppState>, caller: Caller, q: HashMap<String, String>) -> Answer<Page<WebhookLog>> {
    let p = st.viewer(&caller).await?.0;
    let q = ListQuery::parse(&q, &["status", "event", "endpoint_id", "since", "until"])?;
    let logs = LogQuery {
        status: q.filter("status"),
        event: q.filter("event"),
        endpoint_id: q.filter("endpoint_id"),
        since: q.filter("since"),
        until: q.filter("until"),
    };
    ok(st.core.list_logs(&p, logs, q.page()).await?)
}

/// `GET /v1/webhooks/logs/:id`.
#[utoipa::path(
    get,
    path = "/v1/webhooks/logs/{id}",
    tag = "webhooks",
    summary = "One delivery: its payload and every attempt",
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = WebhookLogDetail), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn get_log(id: String, st: Arc<AppState>, caller: Caller) -> Answer<WebhookLogDetail> {
    let p = st.viewer(&caller).await?.0;
    ok(st.core.get_log(&p, &id).await?)
}

/// `POST /v1/webhooks/logs/:id/replay`.
#[utoipa::path(
    post,
    path = "/v1/webhooks/logs/{id}/replay",
    tag = "webhooks",
    summary = "Send a delivery again now (optionally to another URL)",
    request_body = Option<ReplayRequest>,
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = ReplayResult), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn replay(id: String, st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<ReplayResult> {
    let (p, access) = st.viewer(&caller).await?;
    let req: ReplayRequest = parse_json(&body)?;
    if matches!(access, Access::Link(_)) && req.url.is_some() {
        return Err(ApiError::forbidden("a console link replays to the endpoint's own URL only; leave out url"));
    }
    ok(st.core.replay(&p, &id, req).await?)
}

/// `POST /v1/webhooks/test`.
#[utoipa::path(
    post,
    path = "/v1/webhooks/test",
    tag = "webhooks",
    summary = "Send a sample event to the project's endpoints",
    request_body = TestEventRequest,
    responses((status = 201, description = "Success", body = TestEventResult), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn test_event(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<TestEventResult> {
    let p = st.viewer(&caller).await?.0;
    let req: TestEventRequest = parse_json(&body)?;
    created(st.core.test_event(&p, req).await?)
}

/// `GET /v1/webhooks/stream`: the project's events as Server-Sent Events, as they are created.
#[utoipa::path(
    get,
    path = "/v1/webhooks/stream",
    tag = "webhooks",
    summary = "The project's events as they happen (Server-Sent Events)",
    description = "Each event is an SSE `data:` line holding a PulseEvent; the stream stays open.",
    responses(
        (status = 200, description = "An event stream", content_type = "text/event-stream", body = String),
        crate::daemon::reject::Errors
    ),
    security(("project_key" = []))
)]
pub async fn stream(st: Arc<AppState>, caller: Caller) -> warp::reply::Response {
    use warp::Reply;
    let p = match st.viewer(&caller).await {
        Ok((p, _)) => p,
        Err(e) => return crate::daemon::reject::reply::<()>(Err(e)),
    };
    let project_id = p.id;
    let rx = st.core.subscribe();
    let stop = st.stopping.clone();
    let events = futures_util::stream::unfold((rx, project_id, stop), |(mut rx, pid, mut stop)| async move {
        loop {
            let received = tokio::select! {
                r = rx.recv() => r,
                // Shutdown: end the stream so the connection can close.
                _ = stop.wait_for(|s| *s) => return None,
            };
            match received {
                Ok(e) if pid == e.project_id => {
                    let ev = warp::sse::Event::default().id(e.id.clone()).event(e.event.clone());
                    let ev = ev.json_data(&e).unwrap_or_else(|_| warp::sse::Event::default());
                    return Some((Ok::<_, Infallible>(ev), (rx, pid, stop)));
                }
                Ok(_) => continue,
                // A slow reader missed some: say so rather than stall everyone.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                    let ev = warp::sse::Event::default().event("lagged").data(n.to_string());
                    return Some((Ok(ev), (rx, pid, stop)));
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    let keep = warp::sse::keep_alive().interval(Duration::from_secs(15)).stream(events);
    warp::sse::reply(keep).into_response()
}

//! The webhook API (SPEC §2.4): endpoints, delivery logs, replay, test events and the live
//! event stream. Delivery itself is `daemon::worker`; event production `daemon::pipeline`.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use serde_json::json;

use super::{Answer, ListQuery, created, ok, one_of, required};
use crate::api::*;
use crate::daemon::AppState;
use crate::daemon::auth::Caller;
use crate::daemon::pipeline::{Draft, EVENTS};
use crate::daemon::reject::{ApiError, parse_json};
use crate::store::{DeliveryRecord, EndpointRecord, ProjectRecord, SecretEntry};
use crate::util::{new_id, now_rfc3339, rfc3339, unix_now};
use crate::webhooks::signing;

const MAX_GRACE: u64 = 7 * 86_400;

fn validate_events(events: &[String]) -> Result<(), ApiError> {
    for e in events {
        one_of("events", e, EVENTS)?;
    }
    Ok(())
}

async fn check_url(st: &AppState, url: &str) -> Result<(), ApiError> {
    st.worker.guard().check_url(url).await.map_err(|m| ApiError::invalid("url", m))
}

/// Creates an endpoint (also used by project creation with `webhook_url`).
pub async fn create_endpoint_record(
    st: &AppState,
    project_id: &str,
    req: CreateEndpoint,
) -> Result<EndpointRecord, ApiError> {
    let url = required("url", req.url)?;
    check_url(st, &url).await?;
    let events = req.events.unwrap_or_default();
    validate_events(&events)?;
    if req.description.as_ref().is_some_and(|d| d.chars().count() > 256) {
        return Err(ApiError::invalid("description", "description must be at most 256 characters"));
    }
    let record = EndpointRecord {
        project_id: project_id.into(),
        endpoint: Endpoint {
            endpoint_id: new_id("we"),
            url,
            events,
            description: req.description,
            enabled: true,
            disabled_reason: None,
            created_at: now_rfc3339(),
            secret: None,
        },
        secrets: vec![SecretEntry { secret: signing::new_secret(), expires_at: None }],
    };
    st.store.put_endpoint(&record)?;
    Ok(record)
}

/// The endpoint as the answers that reveal its secret show it.
pub fn with_secret(r: &EndpointRecord) -> Endpoint {
    Endpoint { secret: r.current_secret().map(Into::into), ..r.endpoint.clone() }
}

fn find_endpoint(st: &AppState, p: &ProjectRecord, id: &str) -> Result<EndpointRecord, ApiError> {
    st.store.endpoint(&p.project.project_id, id)?.ok_or_else(|| ApiError::not_found(format!("webhook endpoint {id}")))
}

/// `POST /v1/webhooks/endpoints`.
pub async fn create_endpoint(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Endpoint> {
    let p = st.project(&caller)?;
    let req: CreateEndpoint = parse_json(&body)?;
    let record = create_endpoint_record(&st, &p.project.project_id, req).await?;
    st.store.commit().await?;
    created(with_secret(&record))
}

/// `GET /v1/webhooks/endpoints`.
pub async fn list_endpoints(st: Arc<AppState>, caller: Caller, q: HashMap<String, String>) -> Answer<Page<Endpoint>> {
    let p = st.project(&caller)?;
    let q = ListQuery::parse(&q, &[])?;
    ok(q.page(st.store.endpoints(&p.project.project_id)?.into_iter().map(|r| r.endpoint).collect()))
}

/// `GET /v1/webhooks/endpoints/:id`.
pub async fn get_endpoint(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Endpoint> {
    let p = st.project(&caller)?;
    ok(find_endpoint(&st, &p, &id)?.endpoint)
}

/// `GET /v1/webhooks/endpoints/:id/secret`.
pub async fn endpoint_secret(id: String, st: Arc<AppState>, caller: Caller) -> Answer<EndpointSecret> {
    let p = st.project(&caller)?;
    let r = find_endpoint(&st, &p, &id)?;
    ok(EndpointSecret { endpoint_id: id, secret: r.current_secret().unwrap_or_default().into() })
}

/// `PATCH /v1/webhooks/endpoints/:id`.
pub async fn patch_endpoint(id: String, st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Endpoint> {
    let p = st.project(&caller)?;
    let req: PatchEndpoint = parse_json(&body)?;
    let mut r = find_endpoint(&st, &p, &id)?;
    if let Some(url) = req.url {
        check_url(&st, &url).await?;
        r.endpoint.url = url;
    }
    if let Some(events) = req.events {
        validate_events(&events)?;
        r.endpoint.events = events;
    }
    if let Some(d) = req.description {
        r.endpoint.description = Some(d).filter(|d| !d.is_empty());
    }
    if let Some(enabled) = req.enabled {
        r.endpoint.enabled = enabled;
        if enabled {
            r.endpoint.disabled_reason = None;
        } else {
            r.endpoint.disabled_reason.get_or_insert_with(|| "disabled through the API".into());
        }
    }
    st.store.put_endpoint(&r)?;
    st.store.commit().await?;
    ok(r.endpoint)
}

/// `DELETE /v1/webhooks/endpoints/:id`.
pub async fn delete_endpoint(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Deleted> {
    let p = st.project(&caller)?;
    if !st.store.delete_endpoint(&p.project.project_id, &id)? {
        return Err(ApiError::not_found(format!("webhook endpoint {id}")));
    }
    st.store.commit().await?;
    ok(Deleted { id, deleted: true })
}

/// `POST /v1/webhooks/endpoints/:id/rotate-secret`: a new secret signs from now on; the old
/// one keeps signing too for `grace_seconds` (default 1 day, at most 7).
pub async fn rotate_secret(id: String, st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Endpoint> {
    let p = st.project(&caller)?;
    let req: RotateSecret = parse_json(&body)?;
    let grace = req.grace_seconds.unwrap_or(86_400);
    if grace > MAX_GRACE {
        return Err(ApiError::invalid("grace_seconds", format!("grace_seconds must be at most {MAX_GRACE} (7 days)")));
    }
    let mut r = find_endpoint(&st, &p, &id)?;
    let now = unix_now();
    for s in r.secrets.iter_mut().filter(|s| s.expires_at.is_none()) {
        s.expires_at = Some(now + grace);
    }
    r.secrets.retain(|s| s.expires_at.is_none_or(|t| t > now));
    r.secrets.insert(0, SecretEntry { secret: signing::new_secret(), expires_at: None });
    st.store.put_endpoint(&r)?;
    st.store.commit().await?;
    ok(with_secret(&r))
}

/// `since`/`until`: RFC 3339, or a duration back from now (`24h`), as comparable RFC 3339 text.
fn time_bound(name: &str, v: &str) -> Result<String, ApiError> {
    if let Ok(t) = humantime::parse_rfc3339_weak(v) {
        return Ok(rfc3339(t));
    }
    match crate::util::parse_duration(v) {
        Ok(d) => Ok(rfc3339(SystemTime::now() - d)),
        Err(_) => {
            Err(ApiError::invalid(name, format!("{name} must be RFC 3339 (2026-01-02T03:04:05Z) or a duration (24h)")))
        }
    }
}

/// `GET /v1/webhooks/logs?page&limit&status&event&endpoint_id&since&until`.
pub async fn list_logs(st: Arc<AppState>, caller: Caller, q: HashMap<String, String>) -> Answer<Page<WebhookLog>> {
    let p = st.project(&caller)?;
    let q = ListQuery::parse(&q, &["status", "event", "endpoint_id", "since", "until"])?;
    if let Some(s) = q.filter("status") {
        one_of("status", s, &["pending", "retrying", "delivered", "failed"])?;
    }
    if let Some(e) = q.filter("event") {
        one_of("event", e, EVENTS)?;
    }
    let since = q.filter("since").map(|v| time_bound("since", v)).transpose()?;
    let until = q.filter("until").map(|v| time_bound("until", v)).transpose()?;
    let logs = st
        .store
        .deliveries(&p.project.project_id, |d| {
            let l = &d.log;
            q.filter("status").is_none_or(|s| l.status == s)
                && q.filter("event").is_none_or(|e| l.event == e)
                && q.filter("endpoint_id").is_none_or(|e| l.endpoint_id == e)
                && since.as_deref().is_none_or(|s| l.created_at.as_str() >= s)
                && until.as_deref().is_none_or(|u| l.created_at.as_str() <= u)
        })?
        .into_iter()
        .map(|d| d.log)
        .collect();
    ok(q.page(logs))
}

fn find_log(st: &AppState, p: &ProjectRecord, id: &str) -> Result<DeliveryRecord, ApiError> {
    st.store.delivery(&p.project.project_id, id)?.ok_or_else(|| ApiError::not_found(format!("webhook log {id}")))
}

/// `GET /v1/webhooks/logs/:id`.
pub async fn get_log(id: String, st: Arc<AppState>, caller: Caller) -> Answer<WebhookLogDetail> {
    let p = st.project(&caller)?;
    let d = find_log(&st, &p, &id)?;
    let payload = st
        .store
        .event(&d.project_id, &d.log.event_id)?
        .and_then(|e| serde_json::from_str(&e.payload).ok())
        .unwrap_or(serde_json::Value::Null);
    ok(WebhookLogDetail { log: d.log, payload, attempts: d.attempts })
}

/// `POST /v1/webhooks/logs/:id/replay`: one signed attempt now (trigger `manual`), recorded;
/// answers with its outcome. `url` overrides the endpoint's URL for this attempt only.
pub async fn replay(id: String, st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<ReplayResult> {
    let p = st.project(&caller)?;
    let req: ReplayRequest = parse_json(&body)?;
    let d = find_log(&st, &p, &id)?;
    if let Some(url) = &req.url {
        check_url(&st, url).await?;
    }
    let attempt = st
        .worker
        .attempt(&d.key(), "manual", req.url.as_deref())
        .await
        .map_err(|e| ApiError::conflict(format!("cannot replay {id}: {e}")))?;
    st.store.commit().await?;
    let log = find_log(&st, &p, &id)?.log;
    ok(ReplayResult { attempt, log })
}

/// A sample `data` for a test event, shaped like the real one and marked `test`.
fn sample(event: &str, project_id: &str) -> serde_json::Value {
    let now = now_rfc3339();
    let egress = json!({"egress_id": "eg_test", "livekit_egress_id": "EG_test", "project_id": project_id,
        "room_name": "test-room", "egress_type": "room_composite", "output_type": "hls", "layout_type": "speaker",
        "filename": "test", "status": if event == "egress_started" { "active" } else { "ended" },
        "livekit_status": null, "cdn_playback_url": null, "file_url": null, "rtmp_urls": [], "error": null,
        "created_at": now, "started_at": now, "ended_at": null, "updated_at": now});
    let room = json!({"sid": "RM_test", "name": "test-room"});
    match event {
        "egress_started" | "egress_ended" => json!({"test": true, "egress": egress}),
        "recording_available" => json!({"test": true, "egress": egress, "recording": {
            "playlist_url": null, "file_url": null, "duration_seconds": 0.0, "size_bytes": 0}}),
        "ingress_started" | "ingress_ended" => json!({"test": true, "ingress": {"ingress_id": "in_test",
            "room_name": "test-room", "status": if event == "ingress_started" { "active" } else { "inactive" }}}),
        "participant_joined" | "participant_left" => json!({"test": true, "room": room,
            "participant": {"sid": "PA_test", "identity": "test-user", "name": "Test User", "joined_at": now}}),
        _ => json!({"test": true, "room": room}),
    }
}

/// `POST /v1/webhooks/test`: a sample event of that type to the project's endpoints.
pub async fn test_event(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<TestEventResult> {
    let p = st.project(&caller)?;
    let req: TestEventRequest = parse_json(&body)?;
    let name = required("event", req.event)?;
    one_of("event", &name, EVENTS)?;
    let pid = p.project.project_id.clone();
    let endpoints = st.store.endpoints(&pid)?;
    let data = sample(&name, &pid);
    let event = st.store.transact(|tx| {
        let draft = Draft {
            project_id: &pid,
            event: &name,
            room_name: Some("test-room"),
            livekit_event_id: None,
            data: data.clone(),
        };
        st.pipeline.emit(tx, &endpoints, draft)
    })?;
    st.pipeline.commit(std::slice::from_ref(&event)).await?;
    let deliveries = st.store.deliveries(&pid, |d| d.log.event_id == event.id)?.into_iter().map(|d| d.log).collect();
    created(TestEventResult { event, deliveries })
}

/// `GET /v1/webhooks/stream`: the project's events as Server-Sent Events, as they are created.
pub async fn stream(st: Arc<AppState>, caller: Caller) -> warp::reply::Response {
    use warp::Reply;
    let p = match st.project(&caller) {
        Ok(p) => p,
        Err(e) => return crate::daemon::reject::reply::<()>(Err(e)),
    };
    let project_id = p.project.project_id;
    let rx = st.pipeline.subscribe();
    let stop = st.stopping.clone();
    let events = futures_util::stream::unfold((rx, project_id, stop), |(mut rx, pid, mut stop)| async move {
        loop {
            let received = tokio::select! {
                r = rx.recv() => r,
                // Shutdown: end the stream so the connection can close.
                _ = stop.wait_for(|s| *s) => return None,
            };
            match received {
                Ok(e) if e.project_id == pid => {
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

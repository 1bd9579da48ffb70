//! Egress routes: start, stop, get, list. The rules are the core's (`core::egress`).

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;

use super::{Answer, ListQuery, created, ok};
use crate::api::{Egress, Page, StartEgress, StopEgress, UpdateEgress};
use crate::core::validate::{one_of, required};
use crate::daemon::AppState;
use crate::daemon::auth::Caller;
use crate::daemon::reject::parse_json;
use crate::model::EgressStatus;
use crate::store::EgressFilter;

/// `POST /v1/media/egress/start`.
#[utoipa::path(
    post,
    path = "/v1/media/egress/start",
    tag = "egress",
    summary = "Start an egress (HLS, MP4 file or RTMP) in a room",
    request_body = StartEgress,
    responses((status = 201, description = "Success", body = Egress), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn start(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Egress> {
    let project = st.project(&caller).await?;
    let req: StartEgress = parse_json(&body)?;
    created(st.core.start_egress(&project, req).await?)
}

/// `POST /v1/media/egress/stop`.
#[utoipa::path(
    post,
    path = "/v1/media/egress/stop",
    tag = "egress",
    summary = "Stop an egress",
    request_body = StopEgress,
    responses((status = 200, description = "Success", body = Egress), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn stop(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Egress> {
    let project = st.project(&caller).await?;
    let req: StopEgress = parse_json(&body)?;
    let id = required("egress_id", req.egress_id)?;
    ok(st.core.stop_egress(&project, &id).await?)
}

/// `POST /v1/media/egress/update`.
#[utoipa::path(
    post,
    path = "/v1/media/egress/update",
    tag = "egress",
    summary = "Add or remove RTMP targets of a live rtmp egress (LiveKit's UpdateStream)",
    request_body = UpdateEgress,
    responses((status = 200, description = "Success", body = Egress), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn update(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Egress> {
    let project = st.project(&caller).await?;
    let req: UpdateEgress = parse_json(&body)?;
    ok(st.core.update_egress_stream(&project, req).await?)
}

/// `GET /v1/media/egress/:id`.
#[utoipa::path(
    get,
    path = "/v1/media/egress/{id}",
    tag = "egress",
    summary = "Get an egress (pulse or LiveKit id)",
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = Egress), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn get(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Egress> {
    let project = st.viewer(&caller).await?.0;
    ok(st.core.get_egress(&project, &id).await?)
}

/// `GET /v1/media/egress?page&limit&status&room_name`.
#[utoipa::path(
    get,
    path = "/v1/media/egress",
    tag = "egress",
    summary = "List egress, newest first",
    params(super::PageParams,("status" = Option<EgressStatus>, Query, description = "Only egress in this state"),("room_name" = Option<String>, Query, description = "Only this room")),
    responses((status = 200, description = "Success", body = Page<Egress>), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn list(st: Arc<AppState>, caller: Caller, q: HashMap<String, String>) -> Answer<Page<Egress>> {
    let project = st.viewer(&caller).await?.0;
    let q = ListQuery::parse(&q, &["status", "room_name"])?;
    let status =
        q.filter("status").map(|s| one_of("status", s, EgressStatus::parse, &EgressStatus::names())).transpose()?;
    let filter = EgressFilter { status, room_name: q.filter("room_name").map(Into::into) };
    ok(st.core.list_egress(&project, filter, q.page()).await?)
}

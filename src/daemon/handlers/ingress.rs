//! Ingress routes: create, get, list, soft delete. The rules are the core's (`core::ingress`).

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;

use super::{Answer, ListQuery, created, ok};
use crate::api::{CreateIngress, Ingress, Page};
use crate::daemon::AppState;
use crate::daemon::auth::Caller;
use crate::daemon::reject::parse_json;
use crate::store::IngressFilter;

/// `POST /v1/media/ingress/create`.
#[utoipa::path(
    post,
    path = "/v1/media/ingress/create",
    tag = "ingress",
    summary = "Create an RTMP, WHIP or URL ingress",
    request_body = CreateIngress,
    responses((status = 201, description = "Success", body = Ingress), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn create(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Ingress> {
    let project = st.project(&caller).await?;
    let req: CreateIngress = parse_json(&body)?;
    created(st.core.create_ingress(&project, req).await?)
}

/// `GET /v1/media/ingress/:id`.
#[utoipa::path(
    get,
    path = "/v1/media/ingress/{id}",
    tag = "ingress",
    summary = "Get an ingress",
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = Ingress), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn get(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Ingress> {
    let project = st.viewer(&caller).await?.0;
    ok(st.core.get_ingress(&project, &id).await?)
}

/// `GET /v1/media/ingress?page&limit&room_name&include_deleted`.
#[utoipa::path(
    get,
    path = "/v1/media/ingress",
    tag = "ingress",
    summary = "List ingress, newest first",
    params(super::PageParams,("room_name" = Option<String>, Query, description = "Only this room"),("include_deleted" = Option<bool>, Query, description = "Include deleted ingress")),
    responses((status = 200, description = "Success", body = Page<Ingress>), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn list(st: Arc<AppState>, caller: Caller, q: HashMap<String, String>) -> Answer<Page<Ingress>> {
    let project = st.viewer(&caller).await?.0;
    let q = ListQuery::parse(&q, &["room_name", "include_deleted"])?;
    let filter =
        IngressFilter { room_name: q.filter("room_name").map(Into::into), include_deleted: q.flag("include_deleted")? };
    ok(st.core.list_ingress(&project, filter, q.page()).await?)
}

/// `DELETE /v1/media/ingress/:id`.
#[utoipa::path(
    delete,
    path = "/v1/media/ingress/{id}",
    tag = "ingress",
    summary = "Delete an ingress",
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = Ingress), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn delete(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Ingress> {
    let project = st.project(&caller).await?;
    ok(st.core.delete_ingress(&project, &id).await?)
}

//! Recording-rule routes: create, list, get, update, delete. The rules are the core's
//! (`core::rules`).

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;

use super::{Answer, ListQuery, created, ok};
use crate::api::{Deleted, Page, Rule, RuleRequest};
use crate::daemon::AppState;
use crate::daemon::auth::Caller;
use crate::daemon::reject::parse_json;

/// `POST /v1/media/rules`.
#[utoipa::path(
    post,
    path = "/v1/media/rules",
    tag = "rules",
    summary = "Create a recording rule",
    request_body = RuleRequest,
    responses((status = 201, description = "Success", body = Rule), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn create(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Rule> {
    let project = st.project(&caller).await?;
    let req: RuleRequest = parse_json(&body)?;
    created(st.core.create_rule(&project, req).await?)
}

/// `GET /v1/media/rules`.
#[utoipa::path(
    get,
    path = "/v1/media/rules",
    tag = "rules",
    summary = "List recording rules",
    params(super::PageParams),
    responses((status = 200, description = "Success", body = Page<Rule>), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn list(st: Arc<AppState>, caller: Caller, q: HashMap<String, String>) -> Answer<Page<Rule>> {
    let project = st.viewer(&caller).await?.0;
    let q = ListQuery::parse(&q, &[])?;
    ok(st.core.list_rules(&project, q.page()).await?)
}

/// `GET /v1/media/rules/:id`.
#[utoipa::path(
    get,
    path = "/v1/media/rules/{id}",
    tag = "rules",
    summary = "Get a recording rule",
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = Rule), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn get(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Rule> {
    let project = st.viewer(&caller).await?.0;
    ok(st.core.get_rule(&project, &id).await?)
}

/// `PATCH /v1/media/rules/:id`: the fields given change, the rest stay.
#[utoipa::path(
    patch,
    path = "/v1/media/rules/{id}",
    tag = "rules",
    summary = "Change a recording rule (the fields given)",
    request_body = Option<RuleRequest>,
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = Rule), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn update(id: String, st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Rule> {
    let project = st.project(&caller).await?;
    let req: RuleRequest = parse_json(&body)?;
    ok(st.core.update_rule(&project, &id, req).await?)
}

/// `DELETE /v1/media/rules/:id`.
#[utoipa::path(
    delete,
    path = "/v1/media/rules/{id}",
    tag = "rules",
    summary = "Delete a recording rule",
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = Deleted), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn delete(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Deleted> {
    let project = st.project(&caller).await?;
    ok(st.core.delete_rule(&project, &id).await?)
}

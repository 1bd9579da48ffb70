//! Project routes (admin): create, list, get, limits, rotate-key, delete. The rules are the core's
//! (`core::projects`).

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;

use super::{Answer, ListQuery, created, ok};
use crate::api::{CreateProject, CreatedProject, Deleted, Page, Project, ProjectLimitsRequest, RotatedKey};
use crate::daemon::AppState;
use crate::daemon::auth::Caller;
use crate::daemon::reject::{ApiError, parse_json};

/// `POST /v1/projects`.
#[utoipa::path(
    post,
    path = "/v1/projects",
    tag = "projects",
    summary = "Create a project (its API key is shown once)",
    request_body = CreateProject,
    responses((status = 201, description = "Success", body = CreatedProject), crate::daemon::reject::Errors),
    security(("admin_token" = []))
)]
pub async fn create(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<CreatedProject> {
    st.admin(&caller)?;
    let req: CreateProject = parse_json(&body)?;
    created(st.core.create_project(req).await?)
}

/// `GET /v1/projects`.
#[utoipa::path(
    get,
    path = "/v1/projects",
    tag = "projects",
    summary = "List projects",
    params(super::PageParams),
    responses((status = 200, description = "Success", body = Page<Project>), crate::daemon::reject::Errors),
    security(("admin_token" = []))
)]
pub async fn list(st: Arc<AppState>, caller: Caller, q: HashMap<String, String>) -> Answer<Page<Project>> {
    st.admin(&caller)?;
    let q = ListQuery::parse(&q, &[])?;
    ok(st.core.list_projects(q.page()).await?)
}

/// `GET /v1/projects/:id`.
#[utoipa::path(
    get,
    path = "/v1/projects/{id}",
    tag = "projects",
    summary = "Get a project (admin, or the project's own key)",
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = Project), crate::daemon::reject::Errors),
    security(("project_key" = []), ("admin_token" = []))
)]
pub async fn get(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Project> {
    st.admin(&caller)?;
    ok(st.core.get_project(&id).await?)
}

/// `PUT /v1/projects/:id/limits`.
#[utoipa::path(
    put,
    path = "/v1/projects/{id}/limits",
    tag = "projects",
    summary = "Set a project's limits (concurrent egress, egress and participant minutes per month)",
    request_body = ProjectLimitsRequest,
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = Project), crate::daemon::reject::Errors),
    security(("admin_token" = []))
)]
pub async fn set_limits(id: String, st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Project> {
    st.admin(&caller)?;
    let req: ProjectLimitsRequest = parse_json(&body)?;
    ok(st.core.set_limits(&id, req).await?)
}

/// `POST /v1/projects/:id/rotate-key`.
#[utoipa::path(
    post,
    path = "/v1/projects/{id}/rotate-key",
    tag = "projects",
    summary = "Replace a project's API key (shown once)",
    params(("id" = String, Path, description = "The resource's id")),
    responses((status = 200, description = "Success", body = RotatedKey), crate::daemon::reject::Errors),
    security(("admin_token" = []))
)]
pub async fn rotate_key(id: String, st: Arc<AppState>, caller: Caller) -> Answer<RotatedKey> {
    st.admin(&caller)?;
    ok(st.core.rotate_key(&id).await?)
}

/// `DELETE /v1/projects/:id[?force=true]`.
#[utoipa::path(
    delete,
    path = "/v1/projects/{id}",
    tag = "projects",
    summary = "Delete a project and everything it owns",
    params(("id" = String, Path, description = "The resource's id"),("force" = Option<bool>, Query, description = "Delete even with active egress (they are stopped)")),
    responses((status = 200, description = "Success", body = Deleted), crate::daemon::reject::Errors),
    security(("admin_token" = []))
)]
pub async fn delete(id: String, st: Arc<AppState>, caller: Caller, q: HashMap<String, String>) -> Answer<Deleted> {
    st.admin(&caller)?;
    let force = match q.get("force").map(String::as_str) {
        None | Some("false") => false,
        Some("true") | Some("") => true,
        Some(v) => return Err(ApiError::invalid("force", format!("force must be true or false, not `{v}`"))),
    };
    if let Some(other) = q.keys().find(|k| *k != "force") {
        return Err(ApiError::invalid(other, format!("unknown query parameter `{other}`; use force")));
    }
    ok(st.core.delete_project(&id, force).await?)
}

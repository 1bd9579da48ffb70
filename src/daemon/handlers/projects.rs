//! Project routes (admin): create, list, get, rotate-key, delete. The rules are the core's
//! (`core::projects`).

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;

use super::{Answer, ListQuery, created, ok};
use crate::api::{CreateProject, CreatedProject, Deleted, Page, Project, RotatedKey};
use crate::daemon::AppState;
use crate::daemon::auth::Caller;
use crate::daemon::reject::{ApiError, parse_json};

/// `POST /v1/projects`.
pub async fn create(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<CreatedProject> {
    st.admin(&caller)?;
    let req: CreateProject = parse_json(&body)?;
    created(st.core.create_project(req).await?)
}

/// `GET /v1/projects`.
pub async fn list(st: Arc<AppState>, caller: Caller, q: HashMap<String, String>) -> Answer<Page<Project>> {
    st.admin(&caller)?;
    let q = ListQuery::parse(&q, &[])?;
    ok(st.core.list_projects(q.page()).await?)
}

/// `GET /v1/projects/:id`.
pub async fn get(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Project> {
    st.admin(&caller)?;
    ok(st.core.get_project(&id).await?)
}

/// `POST /v1/projects/:id/rotate-key`.
pub async fn rotate_key(id: String, st: Arc<AppState>, caller: Caller) -> Answer<RotatedKey> {
    st.admin(&caller)?;
    ok(st.core.rotate_key(&id).await?)
}

/// `DELETE /v1/projects/:id[?force=true]`.
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

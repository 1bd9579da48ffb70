//! Projects (admin, SPEC §2.1): create, list, get, rotate-key, delete. Keys are answered once
//! and stored as SHA-256 hashes.

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;

use super::{Answer, ListQuery, created, ok, required};
use crate::api::{CreateEndpoint, CreateProject, CreatedProject, Deleted, Page, Project, RotatedKey};
use crate::daemon::AppState;
use crate::daemon::auth::Caller;
use crate::daemon::reject::{ApiError, parse_json};
use crate::store::ProjectRecord;
use crate::util::{new_id, new_secret, now_rfc3339, sha256_hex};

/// A new API key and what may be shown of it.
fn new_key() -> (String, String, String) {
    let key = new_secret("pulse_key_");
    let prefix = format!("{}…", &key[.."pulse_key_".len() + 6]);
    let hash = sha256_hex(key.as_bytes());
    (key, prefix, hash)
}

/// `POST /v1/projects`.
pub async fn create(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<CreatedProject> {
    st.admin(&caller)?;
    let req: CreateProject = parse_json(&body)?;
    let name = required("name", req.name)?;
    if name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(ApiError::invalid("name", "name must be 1 to 64 characters, without control characters"));
    }
    let storage_view = match &req.storage {
        Some(s) => Some(s.validate("storage.").map_err(|e| ApiError::invalid(&e.field, e.to_string()))?.view()),
        None => None,
    };
    if let Some(url) = &req.webhook_url {
        st.worker.guard().check_url(url).await.map_err(|m| ApiError::invalid("webhook_url", m))?;
    }
    let (api_key, api_key_prefix, api_key_hash) = new_key();
    let project =
        Project { project_id: new_id("prj"), name, api_key_prefix, storage: storage_view, created_at: now_rfc3339() };
    let record = ProjectRecord { project: project.clone(), api_key_hash, storage: req.storage };
    st.store.insert_project(&record)?;
    let webhook_endpoint = match req.webhook_url {
        Some(url) => {
            let ep =
                CreateEndpoint { url: Some(url), events: None, description: Some("created with the project".into()) };
            let r = super::webhooks::create_endpoint_record(&st, &project.project_id, ep).await?;
            Some(super::webhooks::with_secret(&r))
        }
        None => None,
    };
    st.store.commit().await?;
    tracing::info!(project_id = %project.project_id, "project created");
    created(CreatedProject { project, api_key, webhook_endpoint })
}

/// `GET /v1/projects`.
pub async fn list(st: Arc<AppState>, caller: Caller, q: HashMap<String, String>) -> Answer<Page<Project>> {
    st.admin(&caller)?;
    let q = ListQuery::parse(&q, &[])?;
    ok(q.page(st.store.projects()?.into_iter().map(|r| r.project).collect()))
}

fn find(st: &AppState, id: &str) -> Result<ProjectRecord, ApiError> {
    st.store.project(id)?.ok_or_else(|| ApiError::not_found(format!("project {id}")))
}

/// `GET /v1/projects/:id`.
pub async fn get(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Project> {
    st.admin(&caller)?;
    ok(find(&st, &id)?.project)
}

/// `POST /v1/projects/:id/rotate-key`: the old key stops working in the same write.
pub async fn rotate_key(id: String, st: Arc<AppState>, caller: Caller) -> Answer<RotatedKey> {
    st.admin(&caller)?;
    let mut record = find(&st, &id)?;
    let old_hash = record.api_key_hash.clone();
    let (api_key, prefix, hash) = new_key();
    record.api_key_hash = hash;
    record.project.api_key_prefix = prefix;
    st.store.replace_key(&record, &old_hash)?;
    st.store.commit().await?;
    tracing::info!(project_id = %id, "project key rotated");
    ok(RotatedKey { project_id: id, api_key })
}

/// `DELETE /v1/projects/:id[?force=true]`: refused while egress is running, unless forced;
/// forced, running egress is stopped and live ingress deleted on LiveKit first.
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
    let record = find(&st, &id)?;
    let active: Vec<_> = st.store.egress().list(&id)?.into_iter().filter(|e| !e.is_final()).collect();
    if !active.is_empty() && !force {
        return Err(ApiError::conflict(format!(
            "project {id} has {} active egress ({}); stop it first or delete with ?force=true",
            active.len(),
            active.iter().map(|e| e.egress_id.as_str()).collect::<Vec<_>>().join(", ")
        )));
    }
    for e in &active {
        if let Some(lk) = &e.livekit_egress_id
            && let Err(err) = st.livekit.stop_egress(lk).await
        {
            tracing::warn!(egress_id = %e.egress_id, error = %err, "could not stop egress of deleted project");
        }
    }
    for i in st.store.ingress().list(&id)?.into_iter().filter(|i| i.deleted_at.is_none()) {
        if let Err(err) = st.livekit.delete_ingress(&i.livekit_ingress_id).await {
            tracing::warn!(ingress_id = %i.ingress_id, error = %err, "could not delete ingress of deleted project");
        }
    }
    st.store.delete_project(&record)?;
    st.store.commit().await?;
    tracing::info!(project_id = %id, force, "project deleted");
    ok(Deleted { id, deleted: true })
}

//! Projects: create (optionally with a first webhook endpoint, in the same commit), list, get,
//! key rotation and delete with its cascade. Keys are answered once and stored as SHA-256
//! hashes.

use super::validate::required;
use super::{Core, CoreError, CoreResult, views};
use crate::api::{self, CreateEndpoint, CreateProject, CreatedProject};
use crate::ids::*;
use crate::model::now_ms;
use crate::store::{Changes, Committed, Expect, Op, PageReq, ProjectRecord};
use crate::util::{new_secret, sha256_hex};

/// A new API key, what may be shown of it, and its hash.
fn new_key() -> (String, String, String) {
    let key = new_secret("pulse_key_");
    let prefix = format!("{}…", &key[.."pulse_key_".len() + 6]);
    let hash = sha256_hex(key.as_bytes());
    (key, prefix, hash)
}

impl Core {
    /// The project whose key this is, if any. The store finds it by hash; the hash is
    /// compared again in constant time so no path branches on partial matches.
    pub async fn project_for_key(&self, key: &str) -> CoreResult<Option<ProjectRecord>> {
        use subtle::ConstantTimeEq;
        if !key.starts_with("pulse_key_") {
            return Ok(None);
        }
        let hash = sha256_hex(key.as_bytes());
        Ok(self
            .store
            .project_by_key_hash(&hash)
            .await?
            .filter(|p| bool::from(p.key_hash.as_bytes().ct_eq(hash.as_bytes()))))
    }

    pub async fn create_project(&self, req: CreateProject) -> CoreResult<CreatedProject> {
        let name = required("name", req.name)?;
        if name.chars().count() > 64 || name.chars().any(char::is_control) {
            return Err(CoreError::invalid("name", "name must be 1 to 64 characters, without control characters"));
        }
        if let Some(s) = &req.storage {
            s.validate("storage.").map_err(|e| CoreError::invalid(&e.field, e.to_string()))?;
        }
        let (api_key, key_prefix, key_hash) = new_key();
        let record = ProjectRecord {
            limits: Default::default(),
            id: ProjectId::mint(),
            name,
            key_hash,
            key_prefix,
            storage: req.storage,
            created_ms: now_ms(),
            rev: 1,
        };
        let mut changes = Changes { livekit_event: None, ops: vec![Op::PutProject(record.clone(), Expect::New)] };
        let endpoint = match req.webhook_url {
            Some(url) => {
                let ep = CreateEndpoint {
                    url: Some(url),
                    description: Some("created with the project".into()),
                    ..Default::default()
                };
                let ep = self.new_endpoint(&record.id, ep).await.map_err(|e| match e {
                    CoreError::Invalid { message, .. } => CoreError::invalid("webhook_url", message),
                    e => e,
                })?;
                changes.push(Op::PutEndpoint(ep.clone(), Expect::New));
                Some(ep)
            }
            None => None,
        };
        self.store.commit(changes).await?;
        tracing::info!(project_id = %record.id, "project created");
        Ok(CreatedProject {
            project: views::project(&record),
            api_key,
            webhook_endpoint: endpoint.as_ref().map(views::endpoint_with_secret),
        })
    }

    pub async fn list_projects(&self, page: PageReq) -> CoreResult<api::Page<api::Project>> {
        Ok(views::page(self.store.projects(page).await?, page, views::project))
    }

    pub(super) async fn find_project(&self, id: &str) -> CoreResult<ProjectRecord> {
        self.store.project(&id.into()).await?.ok_or_else(|| CoreError::not_found(format!("project {id}")))
    }

    pub async fn get_project(&self, id: &str) -> CoreResult<api::Project> {
        Ok(views::project(&self.find_project(id).await?))
    }

    /// A new key; the old one stops working in the same commit.
    pub async fn rotate_key(&self, id: &str) -> CoreResult<api::RotatedKey> {
        loop {
            let current = self.find_project(id).await?;
            let (api_key, prefix, hash) = new_key();
            let mut next = current.clone();
            next.key_hash = hash;
            next.key_prefix = prefix;
            let changes = Changes { livekit_event: None, ops: vec![Op::PutProject(next, Expect::Rev(current.rev))] };
            if let Committed::Applied = self.store.commit(changes).await? {
                tracing::info!(project_id = %id, "project key rotated");
                return Ok(api::RotatedKey { project_id: id.into(), api_key });
            }
        }
    }

    /// Deletes a project and everything it owns. Refused while egress is running, unless
    /// `force`: then running egress is stopped and live ingress deleted on LiveKit first.
    pub async fn delete_project(&self, id: &str, force: bool) -> CoreResult<api::Deleted> {
        let project = self.find_project(id).await?;
        let active: Vec<_> = self.store.egress_unfinished().await?.into_iter().filter(|e| e.project_id == id).collect();
        if !active.is_empty() && !force {
            return Err(CoreError::Conflict(format!(
                "project {id} has {} active egress ({}); stop it first or delete with ?force=true",
                active.len(),
                active.iter().map(|e| e.id.as_str()).collect::<Vec<_>>().join(", ")
            )));
        }
        for e in &active {
            if let Some(lk) = &e.livekit_id
                && let Err(err) = self.livekit.stop_egress(lk).await
            {
                tracing::warn!(egress_id = %e.id, error = %err, "could not stop egress of deleted project");
            }
        }
        let live = crate::store::IngressFilter { room_name: None, include_deleted: false };
        let all = PageReq { page: 1, limit: u32::MAX };
        for i in self.store.ingress_list(&project.id, &live, all).await?.items {
            if let Err(err) = self.livekit.delete_ingress(&i.livekit_id).await {
                tracing::warn!(ingress_id = %i.id, error = %err, "could not delete ingress of deleted project");
            }
        }
        self.store.commit(Changes { livekit_event: None, ops: vec![Op::DeleteProject(id.into())] }).await?;
        tracing::info!(project_id = %id, force, "project deleted");
        Ok(api::Deleted { id: id.into(), deleted: true })
    }
}

//! Ingress: create, get, list, soft delete (SPEC §2.3). The stream key is answered once, at
//! creation, and stored only masked.

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;

use super::{Answer, ListQuery, created, livekit_room, ok, one_of, required, validate_room};
use crate::api::{CreateIngress, Ingress, Page};
use crate::daemon::AppState;
use crate::daemon::auth::Caller;
use crate::daemon::pipeline::Outcome;
use crate::daemon::reject::{ApiError, parse_json};
use crate::livekit::models::{CreateIngressRequest, IngressInfo};
use crate::store::ProjectRecord;
use crate::util::{mask_tail, new_id, now_rfc3339};

/// LiveKit's ingress state → pulse's ingress status.
pub fn map_state(info: &IngressInfo) -> (&'static str, Option<String>) {
    match info.state.as_ref() {
        Some(s) => match s.status.as_str() {
            "ENDPOINT_PUBLISHING" | "ENDPOINT_BUFFERING" => ("active", None),
            "ENDPOINT_ERROR" => ("error", Some(s.error.clone()).filter(|e| !e.is_empty())),
            _ => ("inactive", None),
        },
        None => ("inactive", None),
    }
}

/// Checks a create request and builds the LiveKit request.
pub fn plan(req: &CreateIngress, project_id: &str) -> Result<CreateIngressRequest, ApiError> {
    let room = required("room_name", req.room_name.clone())?;
    validate_room(&room)?;
    let participant = required("participant_name", req.participant_name.clone())?;
    let kind = required("ingress_type", req.ingress_type.clone())?;
    one_of("ingress_type", &kind, &["rtmp", "whip", "url"])?;
    let url = match (kind.as_str(), req.url.as_deref()) {
        ("url", None) => return Err(ApiError::invalid("url", "ingress_type url needs the url to pull from")),
        ("url", Some(u)) => {
            if !["http://", "https://", "srt://"].iter().any(|s| u.starts_with(s) && u.len() > s.len()) {
                return Err(ApiError::invalid("url", "url must be http://, https:// or srt://"));
            }
            Some(u.to_string())
        }
        (_, Some(_)) => return Err(ApiError::invalid("url", "url applies to ingress_type url only")),
        (_, None) => None,
    };
    if !req.audio_enabled.unwrap_or(true) && !req.video_enabled.unwrap_or(true) {
        return Err(ApiError::invalid("audio_enabled", "at least one of audio_enabled and video_enabled must be true"));
    }
    let identity = match &req.participant_identity {
        Some(i) if !i.trim().is_empty() => i.trim().to_string(),
        _ => participant.clone(),
    };
    Ok(CreateIngressRequest {
        input_type: match kind.as_str() {
            "rtmp" => "RTMP_INPUT",
            "whip" => "WHIP_INPUT",
            _ => "URL_INPUT",
        },
        url,
        name: req.name.clone().unwrap_or_default(),
        room_name: livekit_room(project_id, &room),
        participant_identity: identity,
        participant_name: participant,
    })
}

/// `POST /v1/media/ingress/create`.
pub async fn create(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Ingress> {
    let project = st.project(&caller)?;
    let req: CreateIngress = parse_json(&body)?;
    let lk_req = plan(&req, &project.project.project_id)?;
    let info = st.livekit.create_ingress(&lk_req).await.map_err(ApiError::livekit)?;
    let kind = req.ingress_type.clone().unwrap_or_default();
    let key = info.stream_key.clone();
    let (status, error) = map_state(&info);
    let now = now_rfc3339();
    let base_url = Some(info.url.clone()).filter(|u| !u.is_empty());
    let whip = |k: &str| base_url.as_ref().map(|u| format!("{}/{k}", u.trim_end_matches('/')));
    let mut record = Ingress {
        ingress_id: new_id("in"),
        livekit_ingress_id: info.ingress_id.clone(),
        project_id: project.project.project_id.clone(),
        ingress_type: kind.clone(),
        name: req.name.clone(),
        room_name: req.room_name.clone().unwrap_or_default().trim().to_string(),
        participant_name: lk_req.participant_name.clone(),
        participant_identity: lk_req.participant_identity.clone(),
        rtmp_url: if kind == "rtmp" { base_url.clone() } else { None },
        rtmp_stream_key: (kind == "rtmp" && !key.is_empty()).then(|| mask_tail(&key)),
        whip_url: if kind == "whip" { whip(&mask_tail(&key)) } else { None },
        url: if kind == "url" { lk_req.url.clone() } else { None },
        status: status.into(),
        error,
        audio_enabled: req.audio_enabled.unwrap_or(true),
        video_enabled: req.video_enabled.unwrap_or(true),
        created_at: now.clone(),
        updated_at: now,
        deleted_at: None,
    };
    let stored = async {
        st.store.ingress().put(&record)?;
        st.store.commit().await
    };
    if let Err(e) = stored.await {
        // Not stored means not ours: take it back off LiveKit rather than leave a live key behind.
        let _ = st.livekit.delete_ingress(&info.ingress_id).await;
        return Err(e.into());
    }
    tracing::info!(ingress_id = %record.ingress_id, livekit_ingress_id = %info.ingress_id, "ingress created");
    // The one answer that carries the key.
    if kind == "rtmp" && !key.is_empty() {
        record.rtmp_stream_key = Some(key.clone());
    }
    if kind == "whip" {
        record.whip_url = whip(&key);
    }
    created(record)
}

fn find(st: &AppState, project: &ProjectRecord, id: &str) -> Result<Ingress, ApiError> {
    st.store.ingress().get(&project.project.project_id, id)?.ok_or_else(|| ApiError::not_found(format!("ingress {id}")))
}

/// `GET /v1/media/ingress/:id`: refreshed from LiveKit's `ListIngress` when LiveKit answers.
pub async fn get(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Ingress> {
    let project = st.project(&caller)?;
    let mut ingress = find(&st, &project, &id)?;
    if ingress.deleted_at.is_none() {
        // Through the pipeline, so a change noticed here produces its event exactly once.
        match st.livekit.get_ingress(&ingress.livekit_ingress_id).await {
            Ok(Some(info)) => {
                if let Outcome::Applied(i, _) = st.pipeline.apply_ingress(&info, None).await? {
                    ingress = i;
                }
            }
            Ok(None) => {}
            Err(e) => {
                tracing::warn!(ingress_id = %ingress.ingress_id, error = %e, "could not refresh ingress from LiveKit")
            }
        }
    }
    ok(ingress)
}

/// `GET /v1/media/ingress?page&limit&room_name&include_deleted`.
pub async fn list(st: Arc<AppState>, caller: Caller, q: HashMap<String, String>) -> Answer<Page<Ingress>> {
    let project = st.project(&caller)?;
    let q = ListQuery::parse(&q, &["room_name", "include_deleted"])?;
    let include_deleted = q.flag("include_deleted")?;
    let items = st
        .store
        .ingress()
        .list(&project.project.project_id)?
        .into_iter()
        .filter(|i| include_deleted || i.deleted_at.is_none())
        .filter(|i| q.filter("room_name").is_none_or(|r| i.room_name == r))
        .collect();
    ok(q.page(items))
}

/// `DELETE /v1/media/ingress/:id`: deletes on LiveKit, keeps the record as `deleted`.
/// Deleting a deleted ingress answers it unchanged, so scripts can retry.
pub async fn delete(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Ingress> {
    let project = st.project(&caller)?;
    let mut ingress = find(&st, &project, &id)?;
    if ingress.deleted_at.is_some() {
        return ok(ingress);
    }
    match st.livekit.delete_ingress(&ingress.livekit_ingress_id).await {
        Ok(_) => {}
        // Already gone on LiveKit: the delete has the effect the caller wants.
        Err(e) if e.twirp_code() == Some("not_found") => {}
        Err(e) => return Err(ApiError::livekit(e)),
    }
    let now = now_rfc3339();
    ingress.status = "deleted".into();
    ingress.deleted_at = Some(now.clone());
    ingress.updated_at = now;
    st.store.ingress().put(&ingress)?;
    st.store.commit().await?;
    tracing::info!(ingress_id = %ingress.ingress_id, "ingress deleted");
    ok(ingress)
}

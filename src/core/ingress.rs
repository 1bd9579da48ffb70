//! Ingress: the create plan, LiveKit's state mapping and its transition events, and the
//! services create, get, list and (soft) delete. The stream key is answered once, at creation,
//! and stored only masked.

use super::events::{Draft, Outcome};
use super::refresh::Refreshed;
use super::validate::{livekit_room, one_of, required};
use super::{Core, CoreError, CoreResult, views};
use crate::api::{self, CreateIngress};
use crate::ids::*;
use crate::livekit::models::{CreateIngressRequest, IngressInfo};
use crate::model::{EventKind, IngressKind, IngressStatus, now_ms};
use crate::store::{Changes, Committed, Expect, IngressFilter, IngressRecord, Op, PageReq, ProjectRecord};
use crate::util::mask_tail;

/// LiveKit's ingress state → pulse's status and error.
pub fn map_state(info: &IngressInfo) -> (IngressStatus, Option<String>) {
    match info.state.as_ref() {
        Some(s) => match s.status.as_str() {
            "ENDPOINT_PUBLISHING" | "ENDPOINT_BUFFERING" => (IngressStatus::Active, None),
            "ENDPOINT_ERROR" => (IngressStatus::Error, Some(s.error.clone()).filter(|e| !e.is_empty())),
            _ => (IngressStatus::Inactive, None),
        },
        None => (IngressStatus::Inactive, None),
    }
}

/// Moves `i` to LiveKit's state; returns the event the change produces, if any. A deleted
/// ingress no longer changes.
pub fn apply_state(i: &mut IngressRecord, info: &IngressInfo, now: i64) -> Option<EventKind> {
    if i.deleted_ms.is_some() {
        return None;
    }
    let (status, error) = map_state(info);
    if i.status == status && i.error == error {
        return None;
    }
    let was_active = i.status == IngressStatus::Active;
    i.status = status;
    i.error = error;
    i.updated_ms = now;
    // LiveKit's times (nanoseconds) when it gives them, else now.
    let at = |ns: Option<i64>| ns.filter(|n| *n > 0).map(|n| n / 1_000_000).filter(|ms| *ms <= now).unwrap_or(now);
    let state = info.state.as_ref();
    let spans = &mut i.activity.spans;
    match (was_active, status == IngressStatus::Active) {
        (false, true) => {
            spans.push((at(state.map(|s| s.started_at)), None));
            if spans.len() > crate::store::IngressActivity::KEEP {
                spans.remove(0);
            }
        }
        (true, false) => {
            if let Some(last) = spans.last_mut().filter(|s| s.1.is_none()) {
                last.1 = Some(at(state.map(|s| s.ended_at)).max(last.0));
            }
        }
        _ => {}
    }
    match (was_active, status == IngressStatus::Active) {
        (false, true) => Some(EventKind::IngressStarted),
        (true, false) => Some(EventKind::IngressEnded),
        _ => None,
    }
}

/// Checks a create request and builds the LiveKit request.
pub fn plan(req: &CreateIngress, project_id: &str) -> CoreResult<(IngressKind, CreateIngressRequest)> {
    let room = required("room_name", req.room_name.clone())?;
    super::validate::room(&room)?;
    let participant = required("participant_name", req.participant_name.clone())?;
    let kind = required("ingress_type", req.ingress_type.clone())?;
    let kind = one_of("ingress_type", &kind, IngressKind::parse, &IngressKind::names())?;
    let url = match (kind, req.url.as_deref()) {
        (IngressKind::Url, None) => {
            return Err(CoreError::invalid("url", "ingress_type url needs the url to pull from"));
        }
        (IngressKind::Url, Some(u)) => {
            super::validate::text("url", u, super::validate::MAX_URL)?;
            if !["http://", "https://", "srt://"].iter().any(|s| u.starts_with(s) && u.len() > s.len()) {
                return Err(CoreError::invalid("url", "url must be http://, https:// or srt://"));
            }
            super::validate::url_shape("url", u, &["http", "https", "srt"])?;
            Some(u.to_string())
        }
        (_, Some(_)) => return Err(CoreError::invalid("url", "url applies to ingress_type url only")),
        (_, None) => None,
    };
    if !req.audio_enabled.unwrap_or(true) && !req.video_enabled.unwrap_or(true) {
        return Err(CoreError::invalid(
            "audio_enabled",
            "at least one of audio_enabled and video_enabled must be true",
        ));
    }
    let identity = match &req.participant_identity {
        Some(i) if !i.trim().is_empty() => i.trim().to_string(),
        _ => participant.clone(),
    };
    let request = CreateIngressRequest {
        input_type: match kind {
            IngressKind::Rtmp => "RTMP_INPUT",
            IngressKind::Whip => "WHIP_INPUT",
            IngressKind::Url => "URL_INPUT",
        },
        url,
        name: req.name.clone().unwrap_or_default(),
        room_name: livekit_room(project_id, &room),
        participant_identity: identity,
        participant_name: participant,
    };
    Ok((kind, request))
}

impl Core {
    /// Creates an ingress on LiveKit, then stores it; the answer is the only one with the key.
    pub async fn create_ingress(&self, project: &ProjectRecord, req: CreateIngress) -> CoreResult<api::Ingress> {
        let (kind, lk_req) = plan(&req, &project.id)?;
        self.check_limits(project, "this ingress create").await?;
        // LiveKit's ingress worker fetches a pull URL from inside the operator's network: the
        // same address policy as webhook endpoints keeps it off metadata services and
        // internal hosts.
        if let Some(url) = &lk_req.url {
            self.sender
                .guard()
                .check_target(url, &["http", "https", "srt"])
                .await
                .map_err(|m| CoreError::invalid("url", m))?;
        }
        let info = self.livekit.create_ingress(&lk_req).await?;
        let key = info.stream_key.clone();
        let (status, error) = map_state(&info);
        let now = now_ms();
        let base_url = Some(info.url.clone()).filter(|u| !u.is_empty());
        let whip = |k: &str| base_url.as_ref().map(|u| format!("{}/{k}", u.trim_end_matches('/')));
        let record = IngressRecord {
            activity: Default::default(),
            id: IngressId::mint(),
            livekit_id: info.ingress_id.clone(),
            project_id: project.id.clone(),
            kind,
            name: req.name.clone(),
            room_name: req.room_name.clone().unwrap_or_default().trim().to_string(),
            participant_name: lk_req.participant_name.clone(),
            participant_identity: lk_req.participant_identity.clone(),
            rtmp_url: if kind == IngressKind::Rtmp { base_url.clone() } else { None },
            rtmp_stream_key: (kind == IngressKind::Rtmp && !key.is_empty()).then(|| mask_tail(&key)),
            whip_url: if kind == IngressKind::Whip { whip(&mask_tail(&key)) } else { None },
            url: if kind == IngressKind::Url { lk_req.url.clone() } else { None },
            status,
            error,
            audio_enabled: req.audio_enabled.unwrap_or(true),
            video_enabled: req.video_enabled.unwrap_or(true),
            created_ms: now,
            updated_ms: now,
            deleted_ms: None,
            rev: 1,
        };
        let stored = self
            .store
            .commit(Changes { livekit_event: None, ops: vec![Op::PutIngress(record.clone(), Expect::New)] })
            .await;
        if let Err(e) = stored {
            // Not stored means not ours: take it back off LiveKit rather than leave a live key.
            let _ = self.livekit.delete_ingress(&info.ingress_id).await;
            return Err(e.into());
        }
        tracing::info!(ingress_id = %record.id, livekit_ingress_id = %info.ingress_id, "ingress created");
        let mut answer = views::ingress(&record);
        if kind == IngressKind::Rtmp && !key.is_empty() {
            answer.rtmp_stream_key = Some(key.clone());
        }
        if kind == IngressKind::Whip {
            answer.whip_url = whip(&key);
        }
        Ok(answer)
    }

    /// Applies LiveKit's view of an ingress, producing `ingress_started`/`ingress_ended` once.
    pub async fn apply_ingress_info(
        &self,
        info: &IngressInfo,
        livekit_event: Option<&str>,
    ) -> CoreResult<Outcome<IngressRecord>> {
        loop {
            let Some(before) = self.store.ingress_by_livekit(&info.ingress_id).await? else {
                return Ok(match self.drop_event(livekit_event).await? {
                    Outcome::Duplicate => Outcome::Duplicate,
                    _ => Outcome::Unknown,
                });
            };
            let mut after = before.clone();
            let event = apply_state(&mut after, info, now_ms());
            let mut changes = Changes { livekit_event: livekit_event.map(Into::into), ops: Vec::new() };
            let mut events = Vec::new();
            if after != before {
                changes.push(Op::PutIngress(after.clone(), Expect::Rev(before.rev)));
            } else if livekit_event.is_none() {
                return Ok(Outcome::Applied(after));
            }
            if let Some(kind) = event {
                let endpoints = self.store.endpoints(&after.project_id).await?;
                let draft = Draft {
                    project_id: &after.project_id,
                    kind,
                    room_name: Some(&after.room_name),
                    livekit_event_id: livekit_event,
                    data: views::data(api::IngressEventData { ingress: views::ingress(&after) }),
                };
                events.push(self.emit(&mut changes, &endpoints, draft).0);
            }
            match self.commit_events(changes, &events).await? {
                Committed::Applied => {
                    if after != before {
                        after.rev = before.rev + 1;
                    }
                    return Ok(Outcome::Applied(after));
                }
                Committed::Duplicate => return Ok(Outcome::Duplicate),
                Committed::Conflict(_) => continue,
            }
        }
    }

    async fn find_ingress(&self, project: &ProjectRecord, id: &str) -> CoreResult<IngressRecord> {
        self.store.ingress(&project.id, id).await?.ok_or_else(|| CoreError::not_found(format!("ingress {id}")))
    }

    /// An ingress, refreshed from LiveKit at most once a second (shared by concurrent reads).
    pub async fn get_ingress(&self, project: &ProjectRecord, id: &str) -> CoreResult<api::Ingress> {
        let ingress = self.find_ingress(project, id).await?;
        if ingress.deleted_ms.is_some() {
            return Ok(views::ingress(&ingress));
        }
        let refreshed = self
            .refresh
            .run(&ingress.id, || async {
                match self.livekit.get_ingress(&ingress.livekit_id).await {
                    Ok(Some(info)) => match self.apply_ingress_info(&info, None).await? {
                        Outcome::Applied(i) => Ok(Some(i)),
                        _ => Ok(None),
                    },
                    Ok(None) => Ok(None),
                    Err(e) => {
                        tracing::warn!(ingress_id = %ingress.id, error = %e, "could not refresh ingress from LiveKit");
                        Ok::<_, CoreError>(None)
                    }
                }
            })
            .await?;
        let ingress = match refreshed {
            Refreshed::Fresh | Refreshed::Ran(None) => ingress,
            Refreshed::Ran(Some(i)) => i,
            Refreshed::Waited => self.find_ingress(project, id).await?,
        };
        Ok(views::ingress(&ingress))
    }

    /// A page of the project's ingress, newest first.
    pub async fn list_ingress(
        &self,
        project: &ProjectRecord,
        filter: IngressFilter,
        page: PageReq,
    ) -> CoreResult<api::Page<api::Ingress>> {
        let found = self.store.ingress_list(&project.id, &filter, page).await?;
        Ok(views::page(found, page, views::ingress))
    }

    /// Deletes on LiveKit and keeps the record as `deleted`. Deleting a deleted ingress answers
    /// it unchanged, so scripts can retry.
    pub async fn delete_ingress(&self, project: &ProjectRecord, id: &str) -> CoreResult<api::Ingress> {
        let ingress = self.find_ingress(project, id).await?;
        if ingress.deleted_ms.is_some() {
            return Ok(views::ingress(&ingress));
        }
        match self.livekit.delete_ingress(&ingress.livekit_id).await {
            Ok(_) => {}
            // Already gone on LiveKit: the delete has the effect the caller wants.
            Err(e) if e.twirp_code() == Some("not_found") => {}
            Err(e) => return Err(e.into()),
        }
        let mut current = ingress;
        loop {
            let now = now_ms();
            let mut after = current.clone();
            after.status = IngressStatus::Deleted;
            after.deleted_ms = Some(now);
            // A deleted ingress publishes no more: its open span (the usage meters') ends.
            if let Some(last) = after.activity.spans.last_mut().filter(|s| s.1.is_none()) {
                last.1 = Some(now.max(last.0));
            }
            after.updated_ms = now;
            let changes =
                Changes { livekit_event: None, ops: vec![Op::PutIngress(after.clone(), Expect::Rev(current.rev))] };
            match self.store.commit(changes).await? {
                Committed::Conflict(_) => current = self.find_ingress(project, id).await?,
                _ => {
                    self.refresh.forget(&after.id);
                    tracing::info!(ingress_id = %after.id, "ingress deleted");
                    return Ok(views::ingress(&after));
                }
            }
        }
    }
}

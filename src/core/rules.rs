//! Recording rules: per project, which rooms (a glob on the project's room names), what egress
//! to start (the options of `egress start`) and when (`room_started`, or the first track
//! published). When LiveKit reports the trigger, the rule's egress starts once per room
//! session — the session's key is taken in the same commit as the pending egress, so a
//! duplicate webhook, a second daemon or a retry finds it taken — and it is stopped when the
//! room finishes if LiveKit has not stopped it already.

use super::validate::{check_glob, glob_match, one_of};
use super::{Core, CoreError, CoreResult, views};
use crate::api::{self, RuleRequest, StartEgress};
use crate::ids::*;
use crate::model::{EgressStatus, RuleTrigger, now_ms};
use crate::store::{Changes, Committed, EgressFilter, Expect, Op, PageReq, ProjectRecord, RuleRecord};

/// The most rules one project keeps.
const MAX_RULES: usize = 50;

/// The egress options a rule starts, checked as `egress start` checks them; errors name the
/// field as `egress.<field>`.
fn check_egress(core: &Core, project: &ProjectRecord, egress: &StartEgress) -> CoreResult<()> {
    if egress.room_name.is_some() {
        return Err(CoreError::invalid(
            "egress.room_name",
            "a rule's egress takes its room from the trigger; remove room_name",
        ));
    }
    let mut probe = egress.clone();
    probe.room_name = Some("rule-check".into());
    let storage = core.storage_for(project)?;
    super::starts::start_attempts(egress.start_attempts)
        .and_then(|_| {
            super::egress::plan(probe, &project.id, core.settings.cdn_base_url.as_deref(), storage.as_ref()).map(drop)
        })
        .map_err(|e| match e {
            CoreError::Invalid { field, message, now } => {
                CoreError::Invalid { field: Some(format!("egress.{}", field.unwrap_or_default())), message, now }
            }
            other => other,
        })
}

impl Core {
    fn rule_from(
        &self,
        project: &ProjectRecord,
        req: &RuleRequest,
        base: Option<&RuleRecord>,
    ) -> CoreResult<RuleRecord> {
        let now = now_ms();
        let room_glob = match (&req.room_glob, base) {
            (Some(g), _) => g.trim().to_string(),
            (None, Some(b)) => b.room_glob.clone(),
            (None, None) => "*".into(),
        };
        check_glob("room_glob", &room_glob)?;
        let trigger = match (&req.trigger, base) {
            (Some(t), _) => one_of("trigger", t, RuleTrigger::parse, &RuleTrigger::names())?,
            (None, Some(b)) => b.trigger,
            (None, None) => RuleTrigger::RoomStarted,
        };
        let egress = match (&req.egress, base) {
            (Some(e), _) => {
                check_egress(self, project, e)?;
                serde_json::to_string(e).expect("requests serialize")
            }
            (None, Some(b)) => b.egress.clone(),
            (None, None) => {
                return Err(CoreError::invalid("egress", "egress is required: what to start, as for egress start"));
            }
        };
        Ok(RuleRecord {
            id: base.map_or_else(RuleId::mint, |b| b.id.clone()),
            project_id: project.id.clone(),
            room_glob,
            trigger,
            egress,
            enabled: req.enabled.or(base.map(|b| b.enabled)).unwrap_or(true),
            created_ms: base.map_or(now, |b| b.created_ms),
            updated_ms: now,
            rev: base.map_or(0, |b| b.rev),
        })
    }

    pub async fn create_rule(&self, project: &ProjectRecord, req: RuleRequest) -> CoreResult<api::Rule> {
        let rule = self.rule_from(project, &req, None)?;
        if self.store.rules(&project.id).await?.len() >= MAX_RULES {
            // The project's state, not the request, is what is wrong: 409, as for any conflict.
            return Err(CoreError::Conflict(format!("a project keeps at most {MAX_RULES} rules; remove one first")));
        }
        self.store.commit(Changes { livekit_event: None, ops: vec![Op::PutRule(rule.clone(), Expect::New)] }).await?;
        Ok(views::rule(&rule))
    }

    async fn find_rule(&self, project: &ProjectRecord, id: &str) -> CoreResult<RuleRecord> {
        self.store.rule(&project.id, &id.into()).await?.ok_or_else(|| CoreError::not_found(format!("rule {id}")))
    }

    pub async fn get_rule(&self, project: &ProjectRecord, id: &str) -> CoreResult<api::Rule> {
        Ok(views::rule(&self.find_rule(project, id).await?))
    }

    /// A project's rules, newest first, paged (a project keeps at most [`MAX_RULES`]).
    pub async fn list_rules(&self, project: &ProjectRecord, page: PageReq) -> CoreResult<api::Page<api::Rule>> {
        let all = self.store.rules(&project.id).await?;
        let total = all.len() as u64;
        let items = all.into_iter().skip(page.skip()).take(page.limit as usize).collect();
        Ok(views::page(crate::store::Paged { items, total }, page, views::rule))
    }

    /// Changes the fields `req` names; the rest stay.
    pub async fn update_rule(&self, project: &ProjectRecord, id: &str, req: RuleRequest) -> CoreResult<api::Rule> {
        loop {
            let current = self.find_rule(project, id).await?;
            let next = self.rule_from(project, &req, Some(&current))?;
            let op = Op::PutRule(next.clone(), Expect::Rev(current.rev));
            if let Committed::Applied = self.store.commit(Changes { livekit_event: None, ops: vec![op] }).await? {
                return Ok(views::rule(&next));
            }
        }
    }

    pub async fn delete_rule(&self, project: &ProjectRecord, id: &str) -> CoreResult<api::Deleted> {
        self.find_rule(project, id).await?;
        let op = Op::DeleteRule { project_id: project.id.clone(), id: id.into() };
        self.store.commit(Changes { livekit_event: None, ops: vec![op] }).await?;
        Ok(api::Deleted { id: id.into(), deleted: true })
    }

    /// LiveKit reported `trigger` in `room` (the project's own name) during the session
    /// `room_sid`: starts each matching rule's egress once for that session. Failures are
    /// logged and surface as the egress's own `egress_failed`; they never fail the webhook.
    pub async fn run_rules(&self, project_id: &str, room: &str, room_sid: &str, trigger: RuleTrigger) {
        if room_sid.is_empty() {
            return;
        }
        // Every track_published and room_started passes here: one read when no rule matches.
        let Ok(rules) = self.store.rules(&project_id.into()).await else { return };
        let matching: Vec<&RuleRecord> =
            rules.iter().filter(|r| r.enabled && r.trigger == trigger && glob_match(&r.room_glob, room)).collect();
        if matching.is_empty() {
            return;
        }
        let Ok(Some(project)) = self.store.project(&project_id.into()).await else { return };
        for rule in matching {
            let mut req: StartEgress = match serde_json::from_str(&rule.egress) {
                Ok(r) => r,
                Err(e) => {
                    tracing::error!(rule = %rule.id, error = %e, "unreadable rule");
                    continue;
                }
            };
            req.room_name = Some(room.to_string());
            let session = format!("rule:{}:{room_sid}", rule.id);
            match self.start_egress_as(&project, req, Some((&rule.id, session))).await {
                Ok(Some(e)) => {
                    tracing::info!(rule = %rule.id, %room, egress_id = %e.egress_id, "rule started an egress")
                }
                Ok(None) => tracing::debug!(rule = %rule.id, %room, "rule already started for this room session"),
                Err(e) => tracing::warn!(rule = %rule.id, %room, error = %e, "rule could not start its egress"),
            }
        }
    }

    /// The room finished: stops what rules started in it that LiveKit has not ended, and
    /// settles the rule's starts not yet made (a restart's next part, say) as failed.
    pub async fn room_finished(&self, project_id: &str, room: &str) {
        let Ok(Some(project)) = self.store.project(&project_id.into()).await else { return };
        let filter = EgressFilter { status: None, room_name: Some(room.to_string()) };
        let Ok(found) = self.store.egress_list(&project.id, &filter, PageReq { page: 1, limit: 100 }).await else {
            return;
        };
        let ours = found.items.iter().filter(|e| e.rule_id.is_some() && !e.status.is_final());
        for e in ours.clone().filter(|e| e.livekit_id.is_none() && e.status == EgressStatus::Pending) {
            let mut after = e.clone();
            let now = now_ms();
            after.status = EgressStatus::Failed;
            after.error = Some("the room finished before LiveKit started this egress".into());
            (after.ended_ms, after.updated_ms) = (Some(now), now);
            if let Err(err) = self.commit_egress(e, after, None, None).await {
                tracing::debug!(egress_id = %e.id, error = %err, "rule's pending start not settled");
            }
        }
        for e in ours.filter(|e| e.livekit_id.is_some()) {
            match self.stop_egress(&project, &e.id).await {
                Ok(_) => tracing::info!(egress_id = %e.id, %room, "stopped a rule's egress: the room finished"),
                Err(err) => tracing::debug!(egress_id = %e.id, error = %err, "rule's egress not stopped"),
            }
        }
    }
}

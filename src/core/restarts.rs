//! Restarting a recording rule's egress that failed mid-session: once per failure, while its
//! room session goes on, into the next part of the same recording (`<filename>/part-<n>`), up
//! to [`MAX_PARTS`]. The part is planned in the very commit that records the failure (so
//! however often and wherever the failure is reported, one restart follows it, and a crash
//! right after loses none) as a pending start whose first attempt the egress sweep makes.

use super::validate::{MAX_PARTS, filename_part};
use super::{Core, views};
use crate::api::{self, StartEgress};
use crate::livekit::models::EgressInfo;
use crate::model::{EgressStatus, now_ms};
use crate::store::{EgressFilter, EgressRecord, PageReq};

/// Why `before` → `after` calls for a restart, if it does: a rule's egress that had begun
/// recording and then failed (`EGRESS_FAILED`, `EGRESS_ABORTED`) or hit a LiveKit limit
/// (`EGRESS_LIMIT_REACHED`). A start that never got going is the start's retries' business.
pub fn restart_reason(before: &EgressRecord, after: &EgressRecord) -> Option<String> {
    if before.status.is_final() || !after.status.is_final() || after.rule_id.is_none() || after.started_ms.is_none() {
        return None;
    }
    let limit = after.livekit_status.as_deref() == Some("EGRESS_LIMIT_REACHED");
    if after.status != EgressStatus::Failed && !limit {
        return None;
    }
    let status = after.livekit_status.clone().unwrap_or_else(|| after.status.as_str().to_uppercase());
    Some(match &after.error {
        Some(error) => format!("{status}: {error}"),
        None => status,
    })
}

/// A planned restart: the pending part, and the `data` of its `egress_restarted`.
pub struct Restart {
    pub egress: EgressRecord,
    pub data: serde_json::Value,
}

impl Core {
    /// The next part of `failed`'s recording, if it is due one (see [`restart_reason`]): the
    /// room session has not ended (`info` names it), the rule is still there and enabled, and
    /// the recording has fewer than [`MAX_PARTS`] parts. `None`, logged, otherwise.
    pub(super) async fn plan_restart(
        &self,
        before: &EgressRecord,
        failed: &EgressRecord,
        info: Option<&EgressInfo>,
    ) -> Option<Restart> {
        let reason = restart_reason(before, failed)?;
        let rule_id = failed.rule_id.as_ref()?;
        let skip = |why: &str| {
            tracing::info!(egress_id = %failed.id, rule = %rule_id, why, "rule's egress failed; not restarted");
            None
        };
        let room_sid = info.map(|i| i.room_id.as_str()).unwrap_or_default();
        let session = match room_sid {
            "" => None,
            sid => self.store.session(&failed.project_id, sid, None).await.ok().flatten(),
        };
        if session.as_ref().is_some_and(|s| s.ended_ms.is_some()) {
            return skip("the room session has ended");
        }
        let session_start = session.map(|s| s.started_ms);
        let Ok(Some(rule)) = self.store.rule(&failed.project_id, rule_id).await else {
            return skip("the rule no longer exists");
        };
        if !rule.enabled {
            return skip("the rule is disabled");
        }
        let Ok(Some(project)) = self.store.project(&failed.project_id).await else { return None };
        // The part after this one: by its filename, or (RTMP has none) by counting the rule's
        // egress of this room session up to this one.
        let (base, part) = filename_part(failed.filename.as_deref().unwrap_or_default());
        let mut next = part + 1;
        if let Some(since) = session_start {
            let filter = EgressFilter { status: None, room_name: Some(failed.room_name.clone()) };
            let listed = self.store.egress_list(&project.id, &filter, PageReq { page: 1, limit: 100 }).await.ok()?;
            let parts = listed
                .items
                .iter()
                .filter(|e| e.rule_id.as_ref() == Some(rule_id) && (since..=failed.created_ms).contains(&e.created_ms));
            next = next.max(parts.count() as u32 + 1);
        }
        if next > MAX_PARTS {
            return skip("the recording has its most parts");
        }
        let mut req: StartEgress = serde_json::from_str(&rule.egress).ok()?;
        req.room_name = Some(failed.room_name.clone());
        req.filename = failed.filename.as_ref().map(|_| format!("{base}/part-{next}"));
        let (mut egress, _, retry) = match self.prepare_start(&project, &req, now_ms()) {
            Ok(planned) => planned,
            Err(err) => {
                tracing::warn!(egress_id = %failed.id, error = %err, "rule's egress failed; its restart cannot be planned");
                return None;
            }
        };
        egress.rule_id = Some(rule_id.clone());
        egress.max_duration_ms = failed.max_duration_ms;
        egress.start = Some(retry);
        tracing::warn!(egress_id = %failed.id, next_egress_id = %egress.id, part = next, %reason,
            "rule's egress failed mid-session; restarting it into the next part");
        let data = views::data(api::EgressRestartedData {
            egress: views::egress(&egress),
            previous_egress_id: failed.id.to_string(),
            reason,
            part: next,
        });
        Some(Restart { egress, data })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_egress(status: EgressStatus, livekit: &str, started: bool) -> EgressRecord {
        let req = serde_json::from_value(serde_json::json!({"room_name": "live", "output_type": "hls"})).unwrap();
        let mut e = super::super::egress::plan(req, "prj_1", None, None).unwrap().egress;
        e.status = status;
        e.rule_id = Some("rul_1".into());
        e.livekit_status = Some(livekit.into());
        e.started_ms = started.then_some(1);
        e
    }

    #[test]
    fn only_a_rule_egress_that_had_begun_and_then_failed_or_hit_a_limit_restarts() {
        let live = rule_egress(EgressStatus::Active, "EGRESS_ACTIVE", true);
        let mut aborted = rule_egress(EgressStatus::Failed, "EGRESS_ABORTED", true);
        aborted.error = Some("pipeline aborted".into());
        assert_eq!(restart_reason(&live, &aborted).as_deref(), Some("EGRESS_ABORTED: pipeline aborted"));
        let limit = rule_egress(EgressStatus::Ended, "EGRESS_LIMIT_REACHED", true);
        assert_eq!(restart_reason(&live, &limit).as_deref(), Some("EGRESS_LIMIT_REACHED"));
        let complete = rule_egress(EgressStatus::Ended, "EGRESS_COMPLETE", true);
        assert_eq!(restart_reason(&live, &complete), None, "a recording that ended well");
        let never = rule_egress(EgressStatus::Failed, "EGRESS_FAILED", false);
        assert_eq!(restart_reason(&rule_egress(EgressStatus::Pending, "EGRESS_STARTING", false), &never), None);
        assert_eq!(restart_reason(&aborted, &aborted), None, "already final: once per failure");
        let mut by_hand = aborted.clone();
        by_hand.rule_id = None;
        assert_eq!(restart_reason(&live, &by_hand), None, "not a rule's");
    }
}

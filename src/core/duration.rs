//! An egress's `max_duration`: once it has been active that long, it is stopped (its
//! `egress_ended` follows as for any stop), so a forgotten recording or restream does not run
//! up a bill for days.

use super::Core;
use crate::model::{EgressStatus, Millis, now_ms};
use crate::store::EgressRecord;

/// Whether `e` has run past its `max_duration` at `now` (and is not already being stopped).
pub fn overdue(e: &EgressRecord, now: Millis) -> bool {
    match (e.max_duration_ms, e.started_ms) {
        (Some(max), Some(started)) => e.status == EgressStatus::Active && now - started >= max,
        _ => false,
    }
}

impl Core {
    /// Stops every egress of `unfinished` past its `max_duration`; answers how many were asked
    /// to stop.
    pub(super) async fn stop_overdue_among(&self, unfinished: &[EgressRecord]) -> usize {
        let now = now_ms();
        let mut stopped = 0;
        for e in unfinished.iter().filter(|e| overdue(e, now)) {
            let Ok(Some(project)) = self.store.project(&e.project_id).await else { continue };
            match self.stop_egress(&project, &e.id).await {
                Ok(_) => {
                    stopped += 1;
                    tracing::info!(egress_id = %e.id, max_secs = e.max_duration_ms.unwrap_or(0) / 1000,
                        "stopped an egress at its max_duration");
                }
                Err(err) => {
                    tracing::warn!(egress_id = %e.id, error = %err, "could not stop an egress at its max_duration")
                }
            }
        }
        stopped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_active_egress_past_its_limit_is_overdue() {
        let req = serde_json::from_value(serde_json::json!({"room_name": "r", "output_type": "hls"})).unwrap();
        let mut e = super::super::egress::plan(req, "prj_1", None, None).unwrap().egress;
        e.max_duration_ms = Some(60_000);
        e.status = EgressStatus::Active;
        e.started_ms = Some(1_000);
        assert!(!overdue(&e, 60_999));
        assert!(overdue(&e, 61_000));
        e.status = EgressStatus::Stopping;
        assert!(!overdue(&e, 61_000), "already stopping");
        e.status = EgressStatus::Active;
        e.max_duration_ms = None;
        assert!(!overdue(&e, 1_000_000));
    }
}

//! Upkeep the core owns: reconciliation (LiveKit drops webhooks it cannot deliver in ~30 s, so
//! egress that has not ended is polled with `ListEgress`) and retention pruning.

use super::Core;
use crate::model::{Millis, RuleTrigger, now_ms};

impl Core {
    /// Polls every egress that has not ended once; returns how many LiveKit answered for.
    pub async fn reconcile_once(&self) -> usize {
        let pending = match self.store.egress_unfinished().await {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(error = %e, "reconciler cannot read egress");
                return 0;
            }
        };
        let mut seen = 0;
        for egress in pending {
            let Some(lk) = egress.livekit_id.as_deref() else { continue };
            match self.livekit.get_egress(lk).await {
                Ok(Some(info)) => {
                    seen += 1;
                    if let Err(e) = self.apply_egress_info(&info, None).await {
                        tracing::error!(egress_id = %egress.id, error = %e, "reconciler could not store an update");
                    }
                }
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "reconciler cannot reach LiveKit; will retry");
                    break;
                }
            }
        }
        self.resolve_orphans(now_ms() - super::starts::ATTEMPT_LEASE_MS).await;
        seen += self.reconcile_rooms().await;
        seen
    }

    /// Runs the recording rules of every pulse room LiveKit lists as open: a room whose
    /// `room_started` webhook was lost is still recorded (once per session: the webhook and
    /// this pass share the session key). Returns how many pulse rooms were seen.
    pub async fn reconcile_rooms(&self) -> usize {
        if !self.store.any_rules().await.unwrap_or(false) {
            return 0;
        }
        let rooms = match self.livekit.list_rooms().await {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(error = %e, "reconciler cannot list LiveKit's rooms; will retry");
                return 0;
            }
        };
        let mut seen = 0;
        for room in rooms {
            let Some((project, name)) = super::validate::split_room(&room.name) else { continue };
            seen += 1;
            self.run_rules(project, name, &room.sid, RuleTrigger::RoomStarted).await;
            if room.num_publishers > 0 {
                self.run_rules(project, name, &room.sid, RuleTrigger::TrackPublished).await;
            }
        }
        seen
    }

    /// Deletes finished delivery logs, events and LiveKit event ids past the retention period.
    pub async fn prune(&self) {
        let cutoff: Millis = now_ms() - self.settings.webhooks.retention.as_millis() as Millis;
        match self.store.prune(cutoff).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(pruned = n, "pruned old webhook logs"),
            Err(e) => tracing::error!(error = %e, "pruning failed"),
        }
    }
}

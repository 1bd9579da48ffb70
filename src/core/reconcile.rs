//! Upkeep the core owns: reconciliation (LiveKit drops webhooks it cannot deliver in ~30 s, so
//! egress that has not ended is polled with `ListEgress`) and retention pruning.

use super::Core;
use crate::model::{Millis, now_ms};

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

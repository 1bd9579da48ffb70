//! Background upkeep: the reconciliation poller (LiveKit drops webhooks it cannot deliver in
//! ~30 s, so non-final egress is polled with `ListEgress`) and retention pruning.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::AppState;

/// Polls every non-final egress once; returns how many LiveKit answered for.
pub async fn reconcile_once(st: &AppState) -> usize {
    let pending = match st.store.egress().all(|e| !e.is_final() && e.livekit_egress_id.is_some()) {
        Ok(p) => p,
        Err(e) => {
            tracing::error!(error = %e, "reconciler cannot read egress");
            return 0;
        }
    };
    let mut seen = 0;
    for egress in pending {
        let lk = egress.livekit_egress_id.as_deref().unwrap_or_default();
        match st.livekit.get_egress(lk).await {
            Ok(Some(info)) => {
                seen += 1;
                if let Err(e) = st.pipeline.apply_egress(&info, None).await {
                    tracing::error!(egress_id = %egress.egress_id, error = %e, "reconciler could not store an update");
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

/// Runs the poller and the pruner until `stop` fires.
pub async fn run(st: Arc<AppState>, mut stop: tokio::sync::watch::Receiver<bool>) {
    let mut poll = tokio::time::interval(st.settings.livekit.reconcile_interval);
    poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut prune = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tokio::select! {
            _ = poll.tick() => { reconcile_once(&st).await; }
            _ = prune.tick() => {
                let cutoff = crate::util::rfc3339(SystemTime::now() - st.settings.webhooks.retention);
                match st.store.prune(&cutoff) {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(pruned = n, %cutoff, "pruned old webhook logs"),
                    Err(e) => tracing::error!(error = %e, "pruning failed"),
                }
            }
            _ = stop.changed() => break,
        }
    }
}

//! Pacing an endpoint's deliveries: its rate limit (a send slot per attempt, shared by every
//! daemon through the store) and the deferral of an attempt that has no slot soon. Ordering by
//! resource needs nothing here: the store's claim only hands out a resource's first unsettled
//! delivery (see `Claim` and `events::order_key`).

use std::time::Duration;

use super::deliveries::Next;
use super::{Core, CoreResult};
use crate::model::{Millis, now_ms};
use crate::store::{DeliveryRecord, EndpointRecord, Slot};

/// How far ahead an attempt may take its endpoint's slot and wait for it, holding its worker
/// slot meanwhile. Further ahead, the delivery is put off instead (a write) and its endpoint
/// left out of claims until then, so that a slow endpoint's backlog never holds the slots
/// other endpoints' deliveries need.
pub const HORIZON_MS: Millis = 250;

/// The most deliveries per second an endpoint may ask for.
pub const MAX_RATE: u32 = 1000;

/// The time between two of an endpoint's attempts under a limit of `per_second`.
pub fn interval_ms(per_second: u32) -> Millis {
    (1000 / per_second.clamp(1, MAX_RATE) as Millis).max(1)
}

/// `d` put off until `until`, unattempted: due then, with nothing else changed.
pub fn deferred(d: &DeliveryRecord, until: Millis, now: Millis) -> Next {
    let mut next = d.clone();
    next.due_ms = Some(until);
    next.next_attempt_ms = Some(until);
    next.updated_ms = now;
    Next { delivery: next, disable_endpoint: false }
}

impl Core {
    /// Waits for `endpoint`'s next send slot when it has a rate limit. `None`: send now.
    /// `Some(until)`: no slot soon; the delivery has been put off until then (committed).
    pub(super) async fn pace(&self, d: &DeliveryRecord, endpoint: &EndpointRecord) -> CoreResult<Option<Millis>> {
        let Some(per_second) = endpoint.options.rate_limit else { return Ok(None) };
        match self.store.rate_slot(&endpoint.id, interval_ms(per_second), HORIZON_MS).await? {
            Slot::Taken { wait_ms } => {
                if wait_ms > 0 {
                    tokio::time::sleep(Duration::from_millis(wait_ms as u64)).await;
                }
                Ok(None)
            }
            Slot::Later { wait_ms } => {
                let now = now_ms();
                let until = now + wait_ms.max(1);
                self.record(d, |cur| deferred(cur, until, now), |_| String::new(), None).await?;
                Ok(Some(until))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DeliveryStatus;
    use crate::store::samples::delivery;

    #[test]
    fn a_deferred_delivery_is_due_later_with_nothing_else_changed() {
        let d = delivery("prj_1", "whl_1", DeliveryStatus::Retrying, Some(100));
        let next = deferred(&d, 900, 50).delivery;
        assert_eq!((next.due_ms, next.next_attempt_ms, next.updated_ms), (Some(900), Some(900), 50));
        assert_eq!((next.status, next.attempts.len(), next.rev), (d.status, 0, d.rev));
    }

    #[test]
    fn intervals_are_whole_milliseconds_within_the_bounds() {
        assert_eq!(
            (interval_ms(1), interval_ms(3), interval_ms(1000), interval_ms(5000), interval_ms(0)),
            (1000, 333, 1, 1, 1000)
        );
    }
}

//! Endpoint health and the operational events it produces: `endpoint.failing` (the first failed
//! attempt after a success), `endpoint.exhausted` (a delivery used its last attempt; once per
//! failing spell), `endpoint.recovered` (the first success after failing) and
//! `endpoint.disabled` (410 Gone, or by hand). Each is produced once per transition, in the
//! commit of the attempt that caused it (a compare-and-swap on the endpoint), and goes to the
//! project's *other* endpoints that name it in their events, and to the operator's log.

use serde_json::Value;

use super::events::Draft;
use super::{Core, CoreResult, views};
use crate::api;
use crate::model::{DeliveryStatus, EventKind, Millis, now_ms, rfc3339_ms};
use crate::store::{
    Changes, DeliveryRecord, EndpointHealth, EndpointRecord, Expect, LogFilter, Op, PageReq, ProjectRecord,
};

/// What one attempt's outcome says about its endpoint.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    pub ok: bool,
    /// The delivery used its last scheduled attempt.
    pub exhausted: bool,
    /// The endpoint answered 410 Gone: it is disabled.
    pub gone: bool,
}

/// The endpoint's health after `o` at `now`, and the events the change produces; with
/// `disable_after` (ms), a failure that long after it began failing disables it. Pure.
pub fn next_health(
    health: &EndpointHealth,
    o: Outcome,
    now: Millis,
    disable_after: Option<Millis>,
) -> (EndpointHealth, Vec<EventKind>) {
    let mut next = health.clone();
    let mut events = Vec::new();
    if o.ok {
        if health.failing_since_ms.is_some() {
            next = EndpointHealth::default();
            events.push(EventKind::EndpointRecovered);
        }
    } else {
        if health.failing_since_ms.is_none() {
            next.failing_since_ms = Some(now);
            next.exhausted_sent = false;
            events.push(EventKind::EndpointFailing);
        }
        if o.exhausted && !o.gone && !next.exhausted_sent {
            next.exhausted_sent = true;
            events.push(EventKind::EndpointExhausted);
        }
    }
    let overdue = |since: Millis| disable_after.is_some_and(|after| now - since >= after);
    if o.gone || (!o.ok && next.failing_since_ms.is_some_and(overdue)) {
        events.push(EventKind::EndpointDisabled);
    }
    (next, events)
}

/// The outcome of the attempt that turned `before` into `after` (`gone`: disabled for a 410).
pub fn outcome(before: &DeliveryRecord, after: &DeliveryRecord, gone: bool) -> Outcome {
    Outcome {
        ok: after.status == DeliveryStatus::Delivered && after.attempts.len() > before.attempts.len(),
        exhausted: after.status == DeliveryStatus::Failed && before.status != DeliveryStatus::Failed,
        gone,
    }
}

/// How long an endpoint may fail before its policy disables it (`None`: never).
fn disable_after(ep: &EndpointRecord) -> Option<Millis> {
    match ep.options.disable_after_days() {
        0 => None,
        days => Some(Millis::from(days) * 24 * 3600 * 1000),
    }
}

/// `data` of an endpoint's operational event.
pub fn payload(ep: &EndpointRecord, kind: EventKind, d: Option<&DeliveryRecord>, reason: Option<String>) -> Value {
    let since = match kind {
        EventKind::EndpointRecovered => None,
        _ => ep.options.health.failing_since_ms.map(rfc3339_ms),
    };
    views::data(api::EndpointEventData {
        endpoint: views::endpoint(ep),
        reason,
        failing_since: since,
        delivery_id: d.map(|d| d.id.to_string()),
        event_id: d.map(|d| d.event_id.to_string()),
    })
}

/// A failed delivery queued again, due at `now`, with as many attempts again as a fresh one
/// to its endpoint gets (`attempts`).
pub fn requeued(d: &DeliveryRecord, attempts: u32, now: Millis) -> DeliveryRecord {
    let mut next = d.clone();
    next.status = DeliveryStatus::Pending;
    next.max_attempts = d.scheduled_attempts() + attempts;
    next.due_ms = Some(now);
    next.next_attempt_ms = Some(now);
    next.updated_ms = now;
    next
}

impl Core {
    /// Enables an endpoint again (its health starts anew) and queues every delivery to it that
    /// failed since `req.since` (default: since it began failing), in batches, each durable.
    pub async fn recover_endpoint(
        &self,
        project: &ProjectRecord,
        id: &str,
        req: api::RecoverEndpoint,
    ) -> CoreResult<api::Recovered> {
        let since = req.since.as_deref().map(|s| super::validate::time_bound("since", s)).transpose()?;
        let before = self.store.endpoint(&project.id, &id.into()).await?;
        let before = before.ok_or_else(|| super::CoreError::not_found(format!("endpoint {id}")))?;
        let since = since.or(before.options.health.failing_since_ms).unwrap_or(0);
        let ep = self
            .change_endpoint(project, id, |r| {
                r.enabled = true;
                r.disabled_reason = None;
                r.options.health = EndpointHealth::default();
            })
            .await?;
        let attempts = self.attempts_for(&ep);
        let filter = LogFilter {
            status: Some(DeliveryStatus::Failed),
            endpoint_id: Some(ep.id.clone()),
            since_ms: Some(since),
            ..Default::default()
        };
        let mut requeued_count = 0u64;
        // Each batch leaves the failed set, so the first page is always the next batch; a
        // batch someone else changed meanwhile is read again, a bounded number of times.
        for _ in 0..10_000 {
            let batch = self.store.deliveries(&project.id, &filter, PageReq { page: 1, limit: 100 }).await?;
            if batch.items.is_empty() {
                break;
            }
            let now = now_ms();
            let ops = batch.items.iter().map(|d| Op::PutDelivery(requeued(d, attempts, now), Expect::Rev(d.rev)));
            let changes = Changes { livekit_event: None, ops: ops.collect() };
            if self.store.commit(changes).await? == crate::store::Committed::Applied {
                requeued_count += batch.items.len() as u64;
                self.wake.notify_one();
            }
        }
        tracing::info!(endpoint_id = %ep.id, requeued = requeued_count, "endpoint recovered");
        Ok(api::Recovered { endpoint: views::endpoint(&ep), requeued: requeued_count })
    }

    /// Adds to `changes` what the attempt that made `after` (of `before`) means for its
    /// endpoint: its new health (and, for a 410, disabled) and the operational events. `seen`
    /// is the endpoint as the attempt found it: when it shows nothing to change (the common
    /// case, a healthy endpoint answering), nothing is read. Returns the events.
    pub(super) async fn endpoint_health(
        &self,
        changes: &mut Changes,
        seen: Option<&EndpointRecord>,
        before: &DeliveryRecord,
        after: &DeliveryRecord,
        gone: bool,
        disable_reason: impl Fn() -> String,
    ) -> CoreResult<Vec<api::PulseEvent>> {
        let o = outcome(before, after, gone);
        let now = after.updated_ms;
        if let Some(seen) = seen
            && !gone
            && next_health(&seen.options.health, o, now, disable_after(seen)).1.is_empty()
        {
            return Ok(Vec::new());
        }
        let Some(mut ep) = self.store.endpoint(&after.project_id, &after.endpoint_id).await? else {
            return Ok(Vec::new());
        };
        let (health, mut kinds) = next_health(&ep.options.health, o, now, disable_after(&ep));
        if kinds.is_empty() && !gone {
            return Ok(Vec::new());
        }
        let by_policy = !gone && kinds.contains(&EventKind::EndpointDisabled);
        if by_policy && !ep.enabled {
            kinds.retain(|k| *k != EventKind::EndpointDisabled);
        }
        let disable_reason = match (by_policy, health.failing_since_ms) {
            (true, Some(since)) => format!(
                "disabled by its policy: nothing but failures since {} ({} days)",
                rfc3339_ms(since),
                ep.options.disable_after_days()
            ),
            _ => disable_reason(),
        };
        let rev = ep.rev;
        ep.options.health = health;
        if (gone || by_policy) && ep.enabled {
            ep.enabled = false;
            ep.disabled_reason = Some(disable_reason.clone());
        }
        changes.push(Op::PutEndpoint(ep.clone(), Expect::Rev(rev)));
        let reason = match after.last_status_code {
            _ if gone || by_policy => Some(disable_reason),
            Some(code) => {
                Some(format!("HTTP {code}{}", after.last_error.as_ref().map(|e| format!(": {e}")).unwrap_or_default()))
            }
            None => after.last_error.clone(),
        };
        self.operational_events(changes, &ep, &kinds, Some(after), reason).await
    }

    /// Emits `kinds` about `ep` to the project's other endpoints, and logs each.
    pub(super) async fn operational_events(
        &self,
        changes: &mut Changes,
        ep: &EndpointRecord,
        kinds: &[EventKind],
        d: Option<&DeliveryRecord>,
        reason: Option<String>,
    ) -> CoreResult<Vec<api::PulseEvent>> {
        if kinds.is_empty() {
            return Ok(Vec::new());
        }
        // Only endpoints that name these events get them: one that takes "every event" was
        // set up for LiveKit's, and an endpoint's failing must not flood its siblings.
        let others: Vec<EndpointRecord> =
            self.store.endpoints(&ep.project_id).await?.into_iter().filter(|o| o.id != ep.id).collect();
        let mut out = Vec::new();
        for kind in kinds {
            let others: Vec<EndpointRecord> = others.iter().filter(|o| o.events.contains(kind)).cloned().collect();
            tracing::warn!(project_id = %ep.project_id, endpoint_id = %ep.id, event = kind.as_str(),
                reason = reason.as_deref().unwrap_or(""), "endpoint health changed");
            let draft = Draft {
                project_id: &ep.project_id,
                kind: *kind,
                room_name: None,
                livekit_event_id: None,
                data: payload(ep, *kind, d, reason.clone()),
            };
            out.push(self.emit(changes, &others, draft).0);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAIL: Outcome = Outcome { ok: false, exhausted: false, gone: false };
    const OK: Outcome = Outcome { ok: true, exhausted: false, gone: false };

    #[test]
    fn each_transition_produces_its_event_once() {
        let healthy = EndpointHealth::default();
        let (failing, e) = next_health(&healthy, FAIL, 10, None);
        assert_eq!((e, failing.failing_since_ms), (vec![EventKind::EndpointFailing], Some(10)));
        assert!(next_health(&failing, FAIL, 20, None).1.is_empty(), "still failing: nothing new");
        let (spent, e) = next_health(&failing, Outcome { exhausted: true, ..FAIL }, 30, None);
        assert_eq!(e, [EventKind::EndpointExhausted]);
        assert!(
            next_health(&spent, Outcome { exhausted: true, ..FAIL }, 40, None).1.is_empty(),
            "once per failing spell"
        );
        let (back, e) = next_health(&spent, OK, 50, None);
        assert_eq!((&e, &back), (&vec![EventKind::EndpointRecovered], &EndpointHealth::default()));
        assert!(next_health(&back, OK, 60, None).1.is_empty());
        let (_, e) = next_health(&healthy, Outcome { gone: true, ..FAIL }, 70, None);
        assert_eq!(e, [EventKind::EndpointFailing, EventKind::EndpointDisabled], "a 410 is no exhaustion");
        let week = Some(7 * 24 * 3600 * 1000);
        let (_, e) = next_health(&failing, FAIL, 10 + 6 * 24 * 3600 * 1000, week);
        assert!(e.is_empty(), "six days of failures: not yet");
        let (_, e) = next_health(&failing, FAIL, 10 + 7 * 24 * 3600 * 1000, week);
        assert_eq!(e, [EventKind::EndpointDisabled], "seven: disabled by the policy");
        assert!(next_health(&failing, OK, 10 + 8 * 24 * 3600 * 1000, week).1 == [EventKind::EndpointRecovered]);
    }
}

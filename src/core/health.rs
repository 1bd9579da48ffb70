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
use crate::model::{DeliveryStatus, EventKind, Millis, rfc3339_ms};
use crate::store::{Changes, DeliveryRecord, EndpointHealth, EndpointRecord, Expect, Op};

/// What one attempt's outcome says about its endpoint.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    pub ok: bool,
    /// The delivery used its last scheduled attempt.
    pub exhausted: bool,
    /// The endpoint answered 410 Gone: it is disabled.
    pub gone: bool,
}

/// The endpoint's health after `o` at `now`, and the events the change produces. Pure.
pub fn next_health(health: &EndpointHealth, o: Outcome, now: Millis) -> (EndpointHealth, Vec<EventKind>) {
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
    if o.gone {
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

impl Core {
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
        disable_reason: String,
    ) -> CoreResult<Vec<api::PulseEvent>> {
        let o = outcome(before, after, gone);
        let now = after.updated_ms;
        if let Some(seen) = seen
            && !gone
            && next_health(&seen.options.health, o, now).1.is_empty()
        {
            return Ok(Vec::new());
        }
        let Some(mut ep) = self.store.endpoint(&after.project_id, &after.endpoint_id).await? else {
            return Ok(Vec::new());
        };
        let (health, kinds) = next_health(&ep.options.health, o, now);
        if kinds.is_empty() && !gone {
            return Ok(Vec::new());
        }
        let rev = ep.rev;
        ep.options.health = health;
        if gone {
            ep.enabled = false;
            ep.disabled_reason = Some(disable_reason.clone());
        }
        changes.push(Op::PutEndpoint(ep.clone(), Expect::Rev(rev)));
        let reason = match after.last_status_code {
            _ if gone => Some(disable_reason),
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
        let (failing, e) = next_health(&healthy, FAIL, 10);
        assert_eq!((e, failing.failing_since_ms), (vec![EventKind::EndpointFailing], Some(10)));
        assert!(next_health(&failing, FAIL, 20).1.is_empty(), "still failing: nothing new");
        let (spent, e) = next_health(&failing, Outcome { exhausted: true, ..FAIL }, 30);
        assert_eq!(e, [EventKind::EndpointExhausted]);
        assert!(next_health(&spent, Outcome { exhausted: true, ..FAIL }, 40).1.is_empty(), "once per failing spell");
        let (back, e) = next_health(&spent, OK, 50);
        assert_eq!((&e, &back), (&vec![EventKind::EndpointRecovered], &EndpointHealth::default()));
        assert!(next_health(&back, OK, 60).1.is_empty());
        let (_, e) = next_health(&healthy, Outcome { gone: true, ..FAIL }, 70);
        assert_eq!(e, [EventKind::EndpointFailing, EventKind::EndpointDisabled], "a 410 is no exhaustion");
    }
}

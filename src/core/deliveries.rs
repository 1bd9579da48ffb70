//! Deliveries: the state machine (an attempt's outcome → the delivery's next state, a pure
//! function), one attempt end to end (load, send, record with compare-and-swap), delivery logs,
//! replay and test events.

use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::json;

use super::events::Draft;
use super::validate::{one_of, required, time_bound};
use super::{Core, CoreError, CoreResult, views};
use crate::api::{self, ReplayRequest, TestEventRequest};
use crate::model::{DeliveryStatus, EventKind, Millis, Trigger, now_ms};
use crate::store::{
    AttemptRecord, Changes, Committed, DeliveryRecord, EndpointRecord, Expect, LogFilter, Op, PageReq, ProjectRecord,
};
use crate::webhooks::sender::{Message, Sent};
use crate::webhooks::signing;

/// The wait after `done` scheduled attempts: the schedule's delay spread by ±`jitter` (`roll`
/// is uniform in [0, 1)), or `Retry-After` clamped to [delay, 2 × delay].
pub fn retry_delay(
    schedule: &[Duration],
    jitter: f64,
    done: usize,
    retry_after: Option<Duration>,
    roll: f64,
) -> Duration {
    let base = schedule.get(done.saturating_sub(1)).or(schedule.last()).copied().unwrap_or(Duration::from_secs(300));
    if let Some(ra) = retry_after {
        return ra.clamp(base, base * 2);
    }
    if jitter > 0.0 {
        return base.mul_f64((1.0 + jitter * (roll * 2.0 - 1.0)).max(0.0));
    }
    base
}

/// What an attempt means for its delivery.
#[derive(Debug, Clone, PartialEq)]
pub struct Next {
    pub delivery: DeliveryRecord,
    /// The endpoint answered 410 Gone to a scheduled attempt: disable it.
    pub disable_endpoint: bool,
}

/// The delivery state machine: `d` after `attempt`, made at `now`. A success delivers; a
/// scheduled failure retries after `delay` until the last scheduled attempt (or a 410), then
/// fails; a manual attempt (replay) is recorded but never reschedules.
pub fn after_attempt(
    d: &DeliveryRecord,
    attempt: AttemptRecord,
    detail: Option<String>,
    delay: Duration,
    now: Millis,
) -> Next {
    let mut next = d.clone();
    let ok = attempt.error.is_none();
    let scheduled = attempt.trigger == Trigger::Scheduled;
    let gone = scheduled && attempt.status_code == Some(410);
    next.last_status_code = attempt.status_code;
    next.last_error = detail;
    next.updated_ms = now;
    next.attempts.push(attempt);
    if ok {
        next.status = DeliveryStatus::Delivered;
        next.delivered_ms.get_or_insert(now);
        next.next_attempt_ms = None;
        next.due_ms = None;
    } else if scheduled {
        if gone || next.scheduled_attempts() >= next.max_attempts {
            next.status = DeliveryStatus::Failed;
            next.next_attempt_ms = None;
            next.due_ms = None;
        } else {
            let due = now + delay.as_millis() as Millis;
            next.status = DeliveryStatus::Retrying;
            next.next_attempt_ms = Some(due);
            next.due_ms = Some(due);
        }
    }
    Next { delivery: next, disable_endpoint: gone }
}

/// A delivery that cannot be attempted (its endpoint is gone or disabled) fails, unattempted.
pub fn unsendable(d: &DeliveryRecord, why: String, now: Millis) -> DeliveryRecord {
    let mut next = d.clone();
    next.status = DeliveryStatus::Failed;
    next.last_error = Some(why);
    next.next_attempt_ms = None;
    next.due_ms = None;
    next.updated_ms = now;
    next
}

/// What the sending half of an attempt came to.
pub enum Sending {
    /// Sent; its outcome is still to be recorded.
    Sent(Box<SentAttempt>),
    /// Not sent: the endpoint's rate limit had no slot soon, and the delivery was put off
    /// until then (see `core::pacing`).
    Deferred { until_ms: Millis },
}

/// An attempt sent and not yet recorded.
pub struct SentAttempt {
    delivery: DeliveryRecord,
    attempt: AttemptRecord,
    detail: Option<String>,
    delay: Duration,
    target: String,
    /// The endpoint as the attempt found it (none: replayed to another URL).
    endpoint: Option<EndpointRecord>,
}

/// The filters of a log query, checked.
pub struct LogQuery<'a> {
    pub status: Option<&'a str>,
    pub event: Option<&'a str>,
    pub endpoint_id: Option<&'a str>,
    pub since: Option<&'a str>,
    pub until: Option<&'a str>,
}

impl LogQuery<'_> {
    pub fn filter(&self) -> CoreResult<LogFilter> {
        Ok(LogFilter {
            status: self
                .status
                .map(|s| one_of("status", s, DeliveryStatus::parse, &DeliveryStatus::names()))
                .transpose()?,
            event: self.event.map(|e| one_of("event", e, EventKind::parse, &EventKind::names())).transpose()?,
            endpoint_id: self.endpoint_id.map(Into::into),
            since_ms: self.since.map(|v| time_bound("since", v)).transpose()?,
            until_ms: self.until.map(|v| time_bound("until", v)).transpose()?,
        })
    }
}

impl Core {
    /// The wait before retrying `d`: by its endpoint's schedule, or the daemon's.
    fn retry_delay_for(
        &self,
        d: &DeliveryRecord,
        endpoint: Option<&EndpointRecord>,
        retry_after: Option<Duration>,
    ) -> Duration {
        // `d` is the delivery before this attempt was recorded: count this one too.
        let done = d.scheduled_attempts() as usize + 1;
        let w = &self.settings.webhooks;
        let own: Vec<Duration> = endpoint
            .map(|e| e.options.retry_schedule_secs.iter().map(|s| Duration::from_secs(*s)).collect())
            .unwrap_or_default();
        let schedule = if own.is_empty() { &w.retry_schedule } else { &own };
        retry_delay(schedule, w.jitter, done, retry_after, rand::random::<f64>())
    }

    fn count_final(&self, before: &DeliveryRecord, after: &DeliveryRecord) {
        match after.status {
            DeliveryStatus::Delivered
                if before.status != DeliveryStatus::Delivered
                    || after.attempts.last().is_some_and(|a| a.trigger == Trigger::Scheduled) =>
            {
                self.metrics.delivered.fetch_add(1, Ordering::Relaxed);
            }
            DeliveryStatus::Failed if before.status != DeliveryStatus::Failed => {
                self.metrics.failed.fetch_add(1, Ordering::Relaxed);
            }
            _ => {}
        }
    }

    /// Commits `step(current)` for delivery `d`, re-reading when another writer got there
    /// first. With `attempted` (the endpoint as the attempt found it), what the attempt means
    /// for the endpoint goes in the same commit: its health and operational events, and, when
    /// asked, its disabling (see `core::health`).
    pub(super) async fn record(
        &self,
        d: &DeliveryRecord,
        step: impl Fn(&DeliveryRecord) -> Next,
        disable_reason: impl Fn(&DeliveryRecord) -> String,
        attempted: Option<Option<&EndpointRecord>>,
    ) -> CoreResult<DeliveryRecord> {
        let mut current = d.clone();
        loop {
            let Next { delivery, disable_endpoint } = step(&current);
            let mut changes =
                Changes { livekit_event: None, ops: vec![Op::PutDelivery(delivery.clone(), Expect::Rev(current.rev))] };
            let events = match attempted {
                // Only the first try may trust the endpoint as the attempt found it.
                Some(seen) => {
                    let seen = seen.filter(|_| current.rev == d.rev);
                    let why = || disable_reason(&delivery);
                    self.endpoint_health(&mut changes, seen, &current, &delivery, disable_endpoint, why).await?
                }
                None => Vec::new(),
            };
            match self.commit_events(changes, &events).await? {
                Committed::Applied => {
                    self.count_final(&current, &delivery);
                    if disable_endpoint {
                        tracing::warn!(endpoint_id = %d.endpoint_id, "endpoint answered 410 Gone: disabled");
                    }
                    return Ok(delivery);
                }
                _ => {
                    current = self
                        .store
                        .delivery(&d.project_id, &d.id)
                        .await?
                        .ok_or_else(|| CoreError::not_found(format!("webhook log {}", d.id)))?;
                }
            }
        }
    }

    /// One signed attempt of `d`, recorded. `Scheduled` attempts move the schedule; `Manual`
    /// ones (replay) never do. `url` overrides the endpoint's URL for this attempt only.
    pub async fn attempt(
        &self,
        d: DeliveryRecord,
        trigger: Trigger,
        url: Option<&str>,
    ) -> CoreResult<(AttemptRecord, DeliveryRecord)> {
        match self.send_attempt(d, trigger, url).await? {
            Sending::Sent(sent) => self.record_attempt(*sent).await,
            // Only scheduled attempts are paced, and those are not made here.
            Sending::Deferred { .. } => Err(CoreError::Conflict("the endpoint's rate limit put it off".into())),
        }
    }

    /// The sending half of [`Core::attempt`]: loads what to send, sends it, and says what to
    /// record (the worker frees its slot between the two).
    pub async fn send_attempt(&self, d: DeliveryRecord, trigger: Trigger, url: Option<&str>) -> CoreResult<Sending> {
        let (endpoint, event) = self.store.attempt_context(&d.project_id, &d.endpoint_id, &d.event_id).await?;
        let Some(event) = event else {
            return Err(CoreError::Conflict(format!("the event of {} was pruned; nothing to send", d.id)));
        };
        let endpoint: Option<EndpointRecord> = match (endpoint, trigger, url) {
            (Some(ep), Trigger::Manual, _) => Some(ep),
            (Some(ep), Trigger::Scheduled, _) if ep.enabled => Some(ep),
            (None, Trigger::Manual, Some(_)) => None,
            (None, Trigger::Manual, None) => {
                return Err(CoreError::Conflict(format!(
                    "the endpoint of {} was deleted; replay it to another URL with `url` (pulse webhooks replay {} --to URL)",
                    d.id, d.id
                )));
            }
            (ep, _, _) => {
                let why = match ep {
                    Some(ep) => {
                        format!("endpoint disabled{}", ep.disabled_reason.map(|r| format!(": {r}")).unwrap_or_default())
                    }
                    None => "endpoint deleted".into(),
                };
                let now = now_ms();
                self.record(
                    &d,
                    |cur| Next { delivery: unsendable(cur, why.clone(), now), disable_endpoint: false },
                    |_| String::new(),
                    None,
                )
                .await?;
                return Err(CoreError::Conflict("no endpoint to deliver to".into()));
            }
        };
        // Only the schedule is paced: a replay is someone asking for it now.
        if let (Some(ep), Trigger::Scheduled) = (&endpoint, trigger)
            && let Some(until_ms) = self.pace(&d, ep).await?
        {
            return Ok(Sending::Deferred { until_ms });
        }
        let target = url.map(str::to_string).or_else(|| endpoint.as_ref().map(|e| e.url.clone())).unwrap_or_default();
        let now = now_ms();
        // Without an endpoint (deleted; replay to another URL), nothing signs but nothing leaks.
        let keys: Vec<signing::Key> = endpoint
            .as_ref()
            .map(|ep| ep.signing_secrets(now).into_iter().filter_map(|s| signing::key(s).ok()).collect())
            .unwrap_or_default();
        // The endpoint's own headers, opened for this attempt; a value sealed under another
        // daemon's key is left out, and said so.
        let custom: Vec<(String, String)> = endpoint
            .iter()
            .flat_map(|ep| &ep.options.headers)
            .filter_map(|(name, sealed)| match self.sealer.open(sealed) {
                Ok(v) => Some((name.clone(), v)),
                Err(e) => {
                    tracing::error!(endpoint_id = %d.endpoint_id, header = %name, error = %e, "cannot open a custom header");
                    None
                }
            })
            .collect();
        let sent: Sent = self
            .sender
            .send(Message {
                url: &target,
                event: d.event.as_str(),
                event_id: &d.event_id,
                payload: &event.payload,
                keys: &keys,
                timestamp: (now / 1000) as u64,
                headers: &custom,
            })
            .await;
        let attempt = AttemptRecord {
            at_ms: (now / 1000) * 1000,
            status_code: sent.status,
            duration_ms: sent.duration.as_millis() as u64,
            error: sent.error,
            response_body: sent.body.clone(),
            trigger,
            url: target.clone(),
        };
        let delay = if sent.error.is_none() {
            Duration::ZERO
        } else {
            self.retry_delay_for(&d, endpoint.as_ref(), sent.retry_after)
        };
        Ok(Sending::Sent(Box::new(SentAttempt { delivery: d, attempt, detail: sent.detail, delay, target, endpoint })))
    }

    /// The recording half of [`Core::attempt`].
    pub async fn record_attempt(&self, s: SentAttempt) -> CoreResult<(AttemptRecord, DeliveryRecord)> {
        let SentAttempt { delivery: d, attempt, detail, delay, target, endpoint } = s;
        let done = now_ms();
        // An attempt to another URL (a replay `--to`) says nothing about the endpoint.
        let attempted = (endpoint.as_ref().is_some_and(|ep| ep.url == target)).then_some(endpoint.as_ref());
        let recorded = self
            .record(
                &d,
                |cur| after_attempt(cur, attempt.clone(), detail.clone(), delay, done),
                |cur| format!("{target} answered 410 Gone at {}", crate::model::rfc3339_ms(cur.updated_ms)),
                attempted,
            )
            .await?;
        Ok((attempt, recorded))
    }

    /// A page of the project's delivery logs, newest first.
    pub async fn list_logs(
        &self,
        project: &ProjectRecord,
        q: LogQuery<'_>,
        page: PageReq,
    ) -> CoreResult<api::Page<api::WebhookLog>> {
        let filter = q.filter()?;
        Ok(views::page(self.store.deliveries(&project.id, &filter, page).await?, page, views::log))
    }

    async fn find_log(&self, project: &ProjectRecord, id: &str) -> CoreResult<DeliveryRecord> {
        self.store
            .delivery(&project.id, &id.into())
            .await?
            .ok_or_else(|| CoreError::not_found(format!("webhook log {id}")))
    }

    /// A log with its payload and every attempt.
    pub async fn get_log(&self, project: &ProjectRecord, id: &str) -> CoreResult<api::WebhookLogDetail> {
        let d = self.find_log(project, id).await?;
        let payload = self
            .store
            .event(&d.project_id, &d.event_id)
            .await?
            .and_then(|e| serde_json::from_str(&e.payload).ok())
            .unwrap_or(serde_json::Value::Null);
        Ok(api::WebhookLogDetail { log: views::log(&d), payload, attempts: views::attempts(&d) })
    }

    /// One signed attempt now (trigger `manual`), recorded; answers with its outcome.
    pub async fn replay(&self, project: &ProjectRecord, id: &str, req: ReplayRequest) -> CoreResult<api::ReplayResult> {
        let d = self.find_log(project, id).await?;
        if let Some(url) = &req.url {
            self.check_url(url).await?;
        }
        let n = d.attempts.len() + 1;
        let (attempt, after) = self.attempt(d, Trigger::Manual, req.url.as_deref()).await?;
        Ok(api::ReplayResult { attempt: views::attempt(n, &attempt), log: views::log(&after) })
    }

    /// A sample event of that type to the project's endpoints.
    pub async fn test_event(&self, project: &ProjectRecord, req: TestEventRequest) -> CoreResult<api::TestEventResult> {
        let name = required("event", req.event)?;
        let kind = one_of("event", &name, EventKind::parse, &EventKind::names())?;
        let endpoints = self.store.endpoints(&project.id).await?;
        let mut changes = Changes::default();
        let draft = Draft {
            project_id: &project.id,
            kind,
            room_name: Some("test-room"),
            livekit_event_id: None,
            data: sample(kind, &project.id),
        };
        let (event, deliveries) = self.emit(&mut changes, &endpoints, draft);
        self.commit_events(changes, std::slice::from_ref(&event)).await?;
        Ok(api::TestEventResult { event, deliveries: deliveries.iter().map(views::log).collect() })
    }
}

/// A sample `data` for a test event, shaped like the real one and marked `test`.
fn sample(event: EventKind, project_id: &str) -> serde_json::Value {
    let now = crate::util::now_rfc3339();
    let egress = json!({"egress_id": "eg_test", "livekit_egress_id": "EG_test", "project_id": project_id,
        "room_name": "test-room", "egress_type": "room_composite", "output_type": "hls", "layout_type": "speaker",
        "filename": "test", "status": match event { EventKind::EgressStarted => "active", EventKind::EgressFailed => "failed", _ => "ended" },
        "livekit_status": null, "cdn_playback_url": null, "file_url": null, "rtmp_urls": [], "error": null,
        "created_at": now, "started_at": now, "ended_at": null, "updated_at": now});
    let room = json!({"sid": "RM_test", "name": "test-room"});
    let participant = json!({"sid": "PA_test", "identity": "test-user", "name": "Test User", "joined_at": now,
        "kind": "STANDARD"});
    match event {
        EventKind::EgressStarted | EventKind::EgressEnded | EventKind::EgressUpdated => {
            json!({"test": true, "egress": egress})
        }
        EventKind::EgressFailed => {
            json!({"test": true, "egress": egress, "reason": "LiveKit answered invalid_argument: template not found"})
        }
        EventKind::EndpointFailing
        | EventKind::EndpointExhausted
        | EventKind::EndpointRecovered
        | EventKind::EndpointDisabled => json!({"test": true, "endpoint": {"endpoint_id": "we_test",
            "url": "https://example.com/hooks", "events": [], "rooms": [], "filters": [], "retry_schedule": null,
            "description": null, "enabled": event != EventKind::EndpointDisabled,
            "disabled_reason": null, "created_at": now}, "reason": "HTTP 500: Internal Server Error",
            "failing_since": now, "delivery_id": "whl_test", "event_id": "evt_test"}),
        EventKind::UsageThreshold => json!({"test": true, "project_id": project_id,
            "limit": "egress_minutes_per_month", "percent": 80, "limit_value": 6000, "used": 4800,
            "period_start": "2026-12-01T00:00:00.000Z", "soft": false}),
        EventKind::EgressRestarted => json!({"test": true, "egress": egress, "previous_egress_id": "eg_failed",
            "reason": "EGRESS_ABORTED: Start signal not received", "part": 2}),
        EventKind::RecordingAvailable => json!({"test": true, "egress": egress, "recording": {
            "playlist_url": null, "file_url": null, "object_key": format!("{project_id}/hls/test/index.m3u8"),
            "duration_seconds": 0.0, "size_bytes": 0, "segments": 0, "verified": true, "verification": "verified",
            "detail": null}}),
        EventKind::RecordingFailed => json!({"test": true, "egress": egress, "recording": {
            "playlist_url": null, "file_url": null, "object_key": format!("{project_id}/hls/test/index.m3u8"),
            "duration_seconds": 0.0, "size_bytes": 0, "segments": null, "verified": false, "verification": "failed",
            "detail": "the playlist `test/index.m3u8` is not in bucket `recordings`"},
            "reason": "the playlist `test/index.m3u8` is not in bucket `recordings`"}),
        EventKind::IngressStarted | EventKind::IngressEnded => {
            json!({"test": true, "ingress": {"ingress_id": "in_test",
            "room_name": "test-room", "status": if event == EventKind::IngressStarted { "active" } else { "inactive" }}})
        }
        EventKind::ParticipantJoined | EventKind::ParticipantLeft | EventKind::ParticipantConnectionAborted => {
            json!({"test": true, "room": room, "participant": participant})
        }
        EventKind::TrackPublished | EventKind::TrackUnpublished => json!({"test": true, "room": room,
            "participant": participant, "track": {"sid": "TR_test", "type": "VIDEO", "source": "CAMERA",
            "name": "camera", "mime_type": "video/VP8", "simulcast": true, "muted": false, "width": 1280, "height": 720}}),
        EventKind::AgentJobStarted | EventKind::AgentJobEnded => json!({"test": true, "room": room,
            "job": {"id": "AJ_test", "type": "JT_ROOM", "room": {"sid": "RM_test", "name": "test-room"}}}),
        _ => json!({"test": true, "room": room}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ErrorClass;

    fn delivery(max_attempts: u32) -> DeliveryRecord {
        let d = crate::store::samples::delivery("prj_1", "whl_1", DeliveryStatus::Pending, Some(0));
        DeliveryRecord { max_attempts, rev: 1, ..d }
    }

    fn attempt(code: Option<u16>, trigger: Trigger) -> AttemptRecord {
        let ok = code.is_some_and(|c| (200..300).contains(&c));
        AttemptRecord {
            at_ms: 0,
            status_code: code,
            duration_ms: 1,
            error: if ok {
                None
            } else if code.is_some() {
                Some(ErrorClass::HttpStatus)
            } else {
                Some(ErrorClass::Connect)
            },
            response_body: None,
            trigger,
            url: "https://x".into(),
        }
    }

    #[test]
    fn failures_retry_on_schedule_then_fail() {
        let d = delivery(2);
        let n = after_attempt(
            &d,
            attempt(Some(500), Trigger::Scheduled),
            Some("HTTP 500".into()),
            Duration::from_secs(5),
            1000,
        );
        assert_eq!(n.delivery.status, DeliveryStatus::Retrying);
        assert_eq!(n.delivery.due_ms, Some(6000));
        let n = after_attempt(&n.delivery, attempt(None, Trigger::Scheduled), None, Duration::from_secs(5), 7000);
        assert_eq!(n.delivery.status, DeliveryStatus::Failed);
        assert_eq!((n.delivery.due_ms, n.delivery.attempts.len()), (None, 2));
    }

    #[test]
    fn success_delivers_and_gone_disables() {
        let n = after_attempt(&delivery(5), attempt(Some(204), Trigger::Scheduled), None, Duration::ZERO, 9);
        assert_eq!(
            (n.delivery.status, n.delivery.delivered_ms, n.delivery.due_ms),
            (DeliveryStatus::Delivered, Some(9), None)
        );
        let n = after_attempt(&delivery(5), attempt(Some(410), Trigger::Scheduled), None, Duration::ZERO, 9);
        assert!(n.disable_endpoint);
        assert_eq!(n.delivery.status, DeliveryStatus::Failed);
    }

    #[test]
    fn a_manual_attempt_never_reschedules() {
        let mut failed = delivery(1);
        failed.status = DeliveryStatus::Failed;
        failed.due_ms = None;
        let n = after_attempt(&failed, attempt(Some(500), Trigger::Manual), None, Duration::from_secs(5), 1);
        assert_eq!((n.delivery.status, n.delivery.due_ms), (DeliveryStatus::Failed, None));
        assert!(!after_attempt(&failed, attempt(Some(410), Trigger::Manual), None, Duration::ZERO, 1).disable_endpoint);
        let n = after_attempt(&failed, attempt(Some(200), Trigger::Manual), None, Duration::ZERO, 2);
        assert_eq!(n.delivery.status, DeliveryStatus::Delivered);
    }

    #[test]
    fn delays_follow_the_schedule_with_bounded_jitter_and_clamped_retry_after() {
        let s: Vec<Duration> = [300, 600, 1800, 1800].map(Duration::from_secs).to_vec();
        let d = |done, ra, roll| retry_delay(&s, 0.0, done, ra, roll);
        assert_eq!(d(1, None, 0.5), Duration::from_secs(300));
        assert_eq!(d(2, None, 0.5), Duration::from_secs(600));
        assert_eq!(d(4, None, 0.5), Duration::from_secs(1800));
        assert_eq!(d(1, Some(Duration::from_secs(450)), 0.5), Duration::from_secs(450));
        assert_eq!(d(1, Some(Duration::from_secs(5)), 0.5), Duration::from_secs(300));
        assert_eq!(d(1, Some(Duration::from_secs(9999)), 0.5), Duration::from_secs(600));
        assert_eq!(retry_delay(&s, 0.2, 1, None, 0.0), Duration::from_secs(240));
        assert_eq!(retry_delay(&s, 0.2, 1, None, 0.999_999).as_secs(), 359);
        assert_eq!(retry_delay(&s, 0.2, 1, None, 0.5), Duration::from_secs(300));
    }

    #[test]
    fn time_bounds_refuse_what_reaches_before_1970() {
        assert!(time_bound("since", "24h").is_ok());
        for v in ["99999999999h", "600000000000000000s", "\u{80}", "1\u{e9}", ""] {
            match time_bound("since", v) {
                Err(CoreError::Invalid { field, .. }) => assert_eq!(field.as_deref(), Some("since")),
                other => panic!("{v}: {other:?}"),
            }
        }
    }
}

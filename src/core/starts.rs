//! Starting an egress so that it survives failure. The pending record is durable before
//! LiveKit is called, and it keeps the start's attempts ([`StartRetry`]): a failure that may
//! pass (LiveKit unreachable, overloaded, out of egress workers) is tried again with backoff,
//! up to the request's `start_attempts`, by the sweep of the leading daemon, after a crash too.
//! Every attempt after the first is taken with a compare-and-swap (two daemons never make it
//! at once) and first looks for the egress in LiveKit by its object key: an answer lost to a
//! timeout may hide a start that happened, so one request never records twice.

use std::collections::HashMap;

use super::egress::{Plan, StartRequest, apply_info, plan};
use super::events::Outcome;
use super::validate::livekit_room;
use super::{Core, CoreError, CoreResult, recordings, views};
use crate::api::{self, StartEgress};
use crate::ids::RuleId;
use crate::livekit::LiveKitError;
use crate::livekit::models::EgressInfo;
use crate::model::{EgressStatus, Millis, OutputType, now_ms};
use crate::store::{Changes, Committed, EgressRecord, Expect, Op, ProjectRecord, StartRetry};

/// Attempts a start gets unless its request says otherwise, and the most it may ask for.
pub const DEFAULT_ATTEMPTS: u32 = 5;
pub const MAX_ATTEMPTS: u32 = 20;

/// How long one attempt may take before it is presumed cut off (the daemon making it died):
/// LiveKit's call timeout, with room to spare.
pub const ATTEMPT_LEASE_MS: Millis = 90_000;

/// How long an RTMP start's retry waits for the daemon that holds its stream keys before the
/// leader settles it without them.
const KEYS_GRACE_MS: Millis = 30_000;

/// The wait after `done` failed attempts: 1 s, 2 s, 4 s, … at most 60 s.
pub fn backoff_ms(done: u32) -> Millis {
    (1000 << done.saturating_sub(1).min(6)).min(60_000)
}

/// Whether a failed LiveKit call may pass when made again.
pub fn retryable(e: &LiveKitError) -> bool {
    match e {
        LiveKitError::Unreachable { .. } | LiveKitError::BadResponse { .. } => true,
        LiveKitError::Twirp { status, code, .. } => {
            *status >= 500 || matches!(code.as_str(), "unavailable" | "resource_exhausted")
        }
        LiveKitError::Unauthorized { .. } => false,
    }
}

/// Why an attempt did not start the egress.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    LiveKit(#[from] LiveKitError),
    /// Nothing can be sent again (named): the start ends here.
    #[error("{0}")]
    Unsendable(String),
}

/// What follows attempt `retry.attempts` failing with `err` at `now`: the state to wait in for
/// the next attempt, or `None` when the start has failed for good.
pub fn after_failure(retry: &StartRetry, err: &LiveKitError, now: Millis) -> Option<StartRetry> {
    if !retryable(err) || retry.attempts >= retry.max_attempts {
        return None;
    }
    Some(StartRetry { next_ms: now + backoff_ms(retry.attempts), last_error: Some(err.to_string()), ..retry.clone() })
}

/// Egress still `pending` without a LiveKit id: no start of theirs answered yet.
fn unanswered(unfinished: &[EgressRecord]) -> impl Iterator<Item = &EgressRecord> {
    unfinished.iter().filter(|e| e.status == EgressStatus::Pending && e.livekit_id.is_none())
}

/// Whether LiveKit's `info` is the egress `e` started (by the object key it uploads to; an
/// RTMP egress has none, so any egress in the room that pulse does not track and that began
/// after `e` was created).
fn is_ours(e: &EgressRecord, info: &EgressInfo) -> bool {
    match recordings::object_key(e) {
        Some(key) => info.output_keys().contains(&key.as_str()),
        None => info.started_at == 0 || info.started_at / 1_000_000 >= e.created_ms - 1000,
    }
}

/// A start request's `start_attempts`, checked (what a rule's egress is checked with too).
pub fn start_attempts(asked: Option<u32>) -> CoreResult<u32> {
    match asked {
        None => Ok(DEFAULT_ATTEMPTS),
        Some(n) if (1..=MAX_ATTEMPTS).contains(&n) => Ok(n),
        Some(n) => {
            Err(CoreError::invalid("start_attempts", format!("start_attempts must be 1 to {MAX_ATTEMPTS}, not {n}")))
        }
    }
}

impl Core {
    /// Starts an egress for an API caller: its answer is the pending egress (retrying, if the
    /// first attempt failed in a way that may pass) or the egress LiveKit started.
    pub async fn start_egress(&self, project: &ProjectRecord, req: StartEgress) -> CoreResult<api::Egress> {
        let started = self.start_egress_as(project, req, None).await?;
        started.ok_or_else(|| CoreError::Conflict("this egress was started already".into()))
    }

    /// Starts an egress; with `rule`, as that rule's start for one room session: `(rule id,
    /// a key naming the session)`. The key is taken in the same commit as the pending record,
    /// like a LiveKit event id, so however often and wherever the trigger is reported, one
    /// start wins; the others answer `None`. The first attempt is made here; a failure that
    /// ends the start (not one that may pass, or the last attempt) is the caller's error.
    pub async fn start_egress_as(
        &self,
        project: &ProjectRecord,
        req: StartEgress,
        rule: Option<(&str, String)>,
    ) -> CoreResult<Option<api::Egress>> {
        let (mut egress, request, retry) = self.prepare_start(project, &req, now_ms() + ATTEMPT_LEASE_MS)?;
        self.check_limits(project, "this egress start").await?;
        egress.rule_id = rule.as_ref().map(|(id, _)| RuleId::from(*id));
        let retry = StartRetry { attempts: 1, ..retry };
        egress.start = Some(retry.clone());
        let claim = rule.map(|(_, key)| key);
        let first = self
            .store
            .commit(Changes { livekit_event: claim, ops: vec![Op::PutEgress(egress.clone(), Expect::New)] })
            .await?;
        if first != Committed::Applied {
            return Ok(None);
        }
        egress.rev = 1;
        if let Some(urls) = req.rtmp_urls.filter(|u| !u.is_empty()) {
            self.stream_keys().insert(egress.id.to_string(), urls);
        }
        let sent = self.send_start(&request).await.map_err(Failure::from);
        self.settle_attempt(egress, retry, sent, true).await.map(Some)
    }

    /// Checks `req` and builds the pending record, the LiveKit request and the start's
    /// attempts (none made yet; the first due at `next_ms`).
    pub(super) fn prepare_start(
        &self,
        project: &ProjectRecord,
        req: &StartEgress,
        next_ms: Millis,
    ) -> CoreResult<(EgressRecord, StartRequest, StartRetry)> {
        let max_attempts = start_attempts(req.start_attempts)?;
        let storage = self.storage_for(project)?;
        let Plan { egress, request } =
            plan(req.clone(), &project.id, self.settings.cdn_base_url.as_deref(), storage.as_ref())?;
        // What a retry sends again: the same request, to the same keys; never the stream keys.
        let kept = StartEgress { filename: egress.filename.clone(), rtmp_urls: None, ..req.clone() };
        let retry = StartRetry {
            request: serde_json::to_string(&kept).unwrap_or_default(),
            attempts: 0,
            max_attempts,
            next_ms,
            last_error: None,
        };
        Ok((egress, request, retry))
    }

    /// The RTMP URLs (stream keys and all) of starts this daemon is making: in memory only.
    fn stream_keys(&self) -> std::sync::MutexGuard<'_, HashMap<String, Vec<String>>> {
        self.stream_keys.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn send_start(&self, request: &StartRequest) -> Result<EgressInfo, LiveKitError> {
        match request {
            StartRequest::RoomComposite(r) => self.livekit.start_room_composite(r).await,
            StartRequest::TrackComposite(r) => self.livekit.start_track_composite(r).await,
            StartRequest::Track(r) => self.livekit.start_track(r).await,
        }
    }

    /// Records what attempt `retry.attempts` on `before` came to. With `first`, an attempt that
    /// ends the start in failure is the caller's error too.
    async fn settle_attempt(
        &self,
        before: EgressRecord,
        retry: StartRetry,
        sent: Result<EgressInfo, Failure>,
        first: bool,
    ) -> CoreResult<api::Egress> {
        let now = now_ms();
        let mut after = before.clone();
        after.updated_ms = now;
        let (info, err) = match sent {
            Ok(info) => {
                after.livekit_id = Some(info.egress_id.clone());
                apply_info(&mut after, &info, now);
                self.stream_keys().remove(before.id.as_str());
                (Some(info), None)
            }
            Err(err) => match match &err {
                Failure::LiveKit(e) => after_failure(&retry, e, now),
                Failure::Unsendable(_) => None,
            } {
                Some(next) => {
                    tracing::warn!(egress_id = %before.id, attempt = retry.attempts, error = %err,
                        "egress start failed; will retry");
                    after.start = Some(next);
                    (None, None)
                }
                None => {
                    after.status = EgressStatus::Failed;
                    after.error = Some(if retry.attempts > 1 {
                        format!("{err} (after {} attempts)", retry.attempts)
                    } else {
                        err.to_string()
                    });
                    after.ended_ms = Some(now);
                    after.start = Some(StartRetry { last_error: Some(err.to_string()), ..retry });
                    self.stream_keys().remove(before.id.as_str());
                    tracing::warn!(egress_id = %before.id, error = %err, "egress start failed");
                    (None, Some(err))
                }
            },
        };
        let e = match self.commit_egress(&before, after, info.as_ref(), None).await? {
            Outcome::Applied(e) => e,
            _ => before,
        };
        if let Some(lk) = &e.livekit_id {
            tracing::info!(egress_id = %e.id, livekit_egress_id = %lk, "egress started");
        }
        match err {
            Some(Failure::LiveKit(err)) if first => Err(err.into()),
            Some(Failure::Unsendable(why)) if first => Err(CoreError::Conflict(why)),
            _ => Ok(views::egress(&e)),
        }
    }

    /// The daemon's one-second egress sweep, over one read of the unfinished egress: the start
    /// attempts that are due (see [`Core::retry_due_starts`]) and, on the leader, the stops at
    /// `max_duration` (`core::duration`).
    pub async fn egress_tick(&self, lead: bool) {
        if !lead && self.stream_keys().is_empty() {
            return;
        }
        let unfinished = self.unfinished().await;
        self.retry_starts_among(&unfinished, lead, false).await;
        if lead {
            self.stop_overdue_among(&unfinished).await;
        }
    }

    /// Makes the starts that are due again: on the leader, every one; elsewhere, those whose
    /// stream keys this daemon holds. With `all` (a daemon that owns its store, at start), every
    /// unsettled start now, whatever its time: whoever was making it is gone.
    pub async fn retry_due_starts(&self, lead: bool, all: bool) -> usize {
        if !lead && self.stream_keys().is_empty() {
            return 0;
        }
        let unfinished = self.unfinished().await;
        self.retry_starts_among(&unfinished, lead, all).await
    }

    async fn retry_starts_among(&self, unfinished: &[EgressRecord], lead: bool, all: bool) -> usize {
        let held: Vec<String> = self.stream_keys().keys().cloned().collect();
        let now = now_ms();
        let mut made = 0;
        for e in unanswered(unfinished) {
            let Some(next) = e.start.as_ref().map(|s| s.next_ms) else { continue };
            if !all && next > now {
                continue;
            }
            let mine = held.iter().any(|h| h == e.id.as_str());
            let take = match (e.has_output(OutputType::Rtmp), mine) {
                (_, true) => true,
                // Another daemon may hold its stream keys; once it plainly does not, the leader
                // settles it without them.
                // A rule's start reads them from its rule.
                (true, false) => lead && (all || e.rule_id.is_some() || now > next + KEYS_GRACE_MS),
                (false, false) => lead,
            };
            if take && self.retry_start(e.clone()).await {
                made += 1;
            }
        }
        made
    }

    /// Every egress that has not ended (none, logged, when the store cannot say).
    pub(super) async fn unfinished(&self) -> Vec<EgressRecord> {
        self.store.egress_unfinished().await.unwrap_or_else(|err| {
            tracing::error!(error = %err, "cannot read the unfinished egress");
            Vec::new()
        })
    }

    /// One more attempt at `e`'s start, if this daemon wins it. Answers whether it did.
    async fn retry_start(&self, e: EgressRecord) -> bool {
        let Some(retry) = e.start.clone() else { return false };
        let now = now_ms();
        let mut taken = e.clone();
        taken.start =
            Some(StartRetry { attempts: retry.attempts + 1, next_ms: now + ATTEMPT_LEASE_MS, ..retry.clone() });
        let taken = match self.commit_egress(&e, taken, None, None).await {
            Ok(Outcome::Applied(t)) => t,
            // Another daemon took this attempt, or the egress changed: leave it.
            _ => return false,
        };
        let result = self.attempt_again(&taken, &retry.request).await;
        let Some(retry) = taken.start.clone() else { return true };
        if let Err(err) = self.settle_attempt(taken, retry, result, false).await {
            tracing::error!(egress_id = %e.id, error = %err, "could not record a start's attempt");
        }
        true
    }

    /// The first egress LiveKit lists in `e`'s room that `matches` and that no record tracks.
    async fn untracked_in_room(
        &self,
        e: &EgressRecord,
        matches: impl Fn(&EgressInfo) -> bool,
    ) -> Result<Option<EgressInfo>, LiveKitError> {
        let listed = self.livekit.list_egress_in_room(&livekit_room(&e.project_id, &e.room_name)).await?;
        for info in listed.into_iter().filter(|i| matches(i)) {
            if matches!(self.store.egress_by_livekit(&info.egress_id).await, Ok(None)) {
                return Ok(Some(info));
            }
        }
        Ok(None)
    }

    /// Looks for `e` in LiveKit (the last answer may have been lost), else sends its start
    /// again.
    async fn attempt_again(&self, e: &EgressRecord, request: &str) -> Result<EgressInfo, Failure> {
        if let Some(info) = self.untracked_in_room(e, |i| is_ours(e, i)).await? {
            tracing::warn!(egress_id = %e.id, livekit_egress_id = %info.egress_id,
                "adopted an egress LiveKit started although its answer was lost");
            return Ok(info);
        }
        let unusable = Failure::Unsendable;
        let mut req: StartEgress = serde_json::from_str(request)
            .map_err(|err| unusable(format!("the kept start request is unreadable: {err}")))?;
        if e.has_output(OutputType::Rtmp) {
            let held = self.stream_keys().get(e.id.as_str()).cloned();
            match held.or(self.rule_stream_keys(e).await) {
                Some(urls) => req.rtmp_urls = Some(urls),
                None => {
                    return Err(unusable(
                        "the daemon that took this start stopped before LiveKit answered, and stream keys are never \
                         stored, so it cannot be sent again; start it again"
                            .into(),
                    ));
                }
            }
        }
        let project = match self.store.project(&e.project_id).await {
            Ok(Some(p)) => p,
            _ => return Err(unusable("the project no longer exists".into())),
        };
        let storage = self.storage_for(&project).map_err(|err| unusable(err.to_string()))?;
        let Plan { request, .. } = plan(req, &project.id, self.settings.cdn_base_url.as_deref(), storage.as_ref())
            .map_err(|err| unusable(err.to_string()))?;
        Ok(self.send_start(&request).await?)
    }

    /// The RTMP URLs of the rule that started `e`, which keeps them (as it must, to start).
    async fn rule_stream_keys(&self, e: &EgressRecord) -> Option<Vec<String>> {
        let rule = self.store.rule(&e.project_id, e.rule_id.as_ref()?).await.ok()??;
        let req: StartEgress = serde_json::from_str(&rule.egress).ok()?;
        req.rtmp_urls.filter(|u| !u.is_empty())
    }

    /// Settles egress left `pending` without a LiveKit id and without a start's attempts (an
    /// earlier build's), created before `created_before`: the daemon that started them died
    /// before LiveKit answered. An egress LiveKit lists in the room with the same output key
    /// is adopted; otherwise the egress fails with `egress_failed` saying so. (A start with
    /// its attempts is the sweep's: see [`Core::retry_due_starts`].) Returns how many were
    /// settled.
    pub async fn resolve_orphans(&self, created_before: Millis) -> usize {
        let now = now_ms();
        let unfinished = self.unfinished().await;
        let mut settled = 0;
        for e in unanswered(&unfinished).filter(|e| e.start.is_none() && e.created_ms < created_before) {
            let key = recordings::object_key(e);
            let by_key = |i: &EgressInfo| key.as_deref().is_some_and(|k| i.output_keys().contains(&k));
            let adopted = match self.untracked_in_room(e, by_key).await {
                Ok(found) => found,
                Err(err) => {
                    tracing::warn!(error = %err, "cannot ask LiveKit about an unanswered start; will retry");
                    break;
                }
            };
            let mut after = e.clone();
            match &adopted {
                Some(info) => {
                    after.livekit_id = Some(info.egress_id.clone());
                    apply_info(&mut after, info, now);
                    after.updated_ms = now;
                }
                None => {
                    after.status = EgressStatus::Failed;
                    after.error = Some(
                        "the daemon stopped before LiveKit answered the start, and LiveKit lists no such egress in the room"
                            .into(),
                    );
                    after.ended_ms = Some(now);
                    after.updated_ms = now;
                }
            }
            match self.commit_egress(e, after, adopted.as_ref(), None).await {
                Ok(_) => {
                    settled += 1;
                    let how = if adopted.is_some() { "adopted" } else { "failed" };
                    tracing::warn!(egress_id = %e.id, how, "settled an egress whose start was never answered");
                }
                Err(err) => tracing::error!(egress_id = %e.id, error = %err, "could not settle an unanswered start"),
            }
        }
        settled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn retry(attempts: u32, max_attempts: u32) -> StartRetry {
        StartRetry { request: "{}".into(), attempts, max_attempts, next_ms: 0, last_error: None }
    }

    fn twirp(status: u16, code: &str) -> LiveKitError {
        LiveKitError::Twirp { status, code: code.into(), msg: "m".into() }
    }

    #[test]
    fn backoff_doubles_to_a_minute() {
        let waits: Vec<Millis> = (1..=9).map(backoff_ms).collect();
        assert_eq!(waits, [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    }

    #[test]
    fn a_failure_that_may_pass_waits_for_the_next_attempt_until_the_last() {
        let next = after_failure(&retry(1, 5), &twirp(503, "unavailable"), 10_000).unwrap();
        assert_eq!((next.attempts, next.next_ms), (1, 11_000));
        assert!(next.last_error.unwrap().contains("m"));
        assert!(after_failure(&retry(5, 5), &twirp(503, "unavailable"), 0).is_none(), "the last attempt");
        assert!(after_failure(&retry(1, 5), &twirp(404, "not_found"), 0).is_none(), "cannot pass");
        assert!(after_failure(&retry(1, 5), &twirp(429, "resource_exhausted"), 0).is_some(), "no egress workers");
        assert!(after_failure(&retry(1, 1), &twirp(503, "unavailable"), 0).is_none(), "start_attempts 1");
    }
}

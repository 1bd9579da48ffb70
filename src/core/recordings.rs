//! Verified recordings: when an HLS or file egress ends, pulse looks in the object store before
//! it says `recording_available`. The check's state lives on the egress record (so it survives
//! a crash and any daemon can finish it); a check that cannot reach the store is retried with
//! backoff, like a delivery, and then gives up as `recording_failed`.

use serde_json::Value;

use super::{Core, CoreResult, views};
use crate::api;
use crate::livekit::models::EgressInfo;
use crate::media;
use crate::model::{EgressStatus, Millis, OutputType, RecordingState, now_ms};
use crate::objects::{CheckError, Found};
use crate::store::{EgressRecord, RecordingCheck};

/// Seconds before each further look at a store that could not be reached: about 69 minutes in
/// all, so a store that is down for an hour does not lose a recording's verdict.
pub const RETRY_SECS: &[i64] = &[1, 2, 5, 15, 30, 60, 120, 300, 600, 1200, 1800];

/// Why a recording is not verified when no storage is configured.
pub const NOT_VERIFIED: &str = "not verified: no [storage] is configured, so LiveKit's egress uploaded to its own default storage, which pulse cannot read";

/// Whether an egress's recording is checked at all: HLS and file output that ended well.
pub fn has_recording(e: &EgressRecord) -> bool {
    e.status == EgressStatus::Ended && !file_outputs(e).is_empty()
}

/// An egress's file outputs (HLS, MP4), in its order, with the key pulse told egress to upload
/// each to: the HLS playlist, the MP4.
pub fn file_outputs(e: &EgressRecord) -> Vec<(OutputType, String)> {
    let key = |t| media::object_key(t, &e.project_id, e.filename.as_deref()).map(|k| (t, k));
    e.output_types().into_iter().filter_map(key).collect()
}

/// The key of the egress's first file output.
pub fn object_key(e: &EgressRecord) -> Option<String> {
    file_outputs(e).into_iter().next().map(|(_, k)| k)
}

/// The check an ended recording starts with: `pending` (due now) when there is storage to look
/// in, `not_verified` when there is none. Keeps what LiveKit reported of it.
pub fn on_end(info: Option<&EgressInfo>, storage: bool, now: Millis) -> RecordingCheck {
    let seg = info.and_then(|i| i.segment_results.first());
    let file = info.and_then(|i| i.file_results.first());
    let location =
        seg.map(|s| s.playlist_location.clone()).or(file.map(|f| f.location.clone())).filter(|s| !s.is_empty());
    RecordingCheck {
        state: if storage { RecordingState::Pending } else { RecordingState::NotVerified },
        size_bytes: None,
        segments: None,
        detail: (!storage).then(|| NOT_VERIFIED.to_string()),
        attempts: 0,
        next_ms: now,
        checked_ms: None,
        duration_ns: seg.map(|s| s.duration).or(file.map(|f| f.duration)).unwrap_or(0),
        reported_size: seg.map(|s| s.size).or(file.map(|f| f.size)).unwrap_or(0),
        location,
    }
}

/// What one look at the store found: the recording, something missing, the store out of reach,
/// or no storage to look in (it was removed since the egress ended).
pub type Looked = Option<Result<Found, CheckError>>;

/// The check after one look: `verified`, `failed` with what was missing, `not_verified`, or
/// still `pending` with the next look scheduled, until [`RETRY_SECS`] runs out.
pub fn after_check(check: &RecordingCheck, looked: Looked, now: Millis) -> RecordingCheck {
    let mut next = check.clone();
    next.checked_ms = Some(now);
    match looked {
        None => {
            next.state = RecordingState::NotVerified;
            next.detail = Some(NOT_VERIFIED.into());
        }
        Some(Ok(found)) => {
            next.state = RecordingState::Verified;
            next.size_bytes = Some(found.size_bytes);
            next.segments = found.segments;
            next.detail = None;
        }
        Some(Err(CheckError::Missing(what))) => {
            next.state = RecordingState::Failed;
            next.detail = Some(what);
        }
        Some(Err(CheckError::Unreachable(why))) => {
            next.attempts += 1;
            match RETRY_SECS.get(check.attempts as usize) {
                Some(secs) => {
                    next.next_ms = now + secs * 1000;
                    next.detail = Some(why);
                }
                None => {
                    next.state = RecordingState::Failed;
                    next.detail =
                        Some(format!("the object store could not be read in {} attempts: {why}", next.attempts));
                }
            }
        }
    }
    next
}

/// Every file output's look as one: found when each was (bytes summed, HLS's segments), else
/// what was missing (every such output named), else the store out of reach.
pub fn all_found(looks: Vec<Result<Found, CheckError>>) -> Result<Found, CheckError> {
    let (mut total, mut missing, mut unreachable) = (Found { size_bytes: 0, segments: None }, Vec::new(), None);
    for look in looks {
        match look {
            Ok(f) => {
                total.size_bytes += f.size_bytes;
                total.segments = total.segments.or(f.segments);
            }
            Err(CheckError::Missing(what)) => missing.push(what),
            Err(CheckError::Unreachable(why)) => unreachable = Some(why),
        }
    }
    match (missing.is_empty(), unreachable) {
        (false, _) => Err(CheckError::Missing(missing.join("; "))),
        (true, Some(why)) => Err(CheckError::Unreachable(why)),
        (true, None) => Ok(total),
    }
}

/// `recording` in `recording_available` and `recording_failed`: URLs, length, what LiveKit
/// reported and what pulse found.
pub fn view(e: &EgressRecord) -> api::RecordingInfo {
    let check = e.recording.as_ref();
    let location = check.and_then(|c| c.location.clone());
    let (playlist_url, file_url) = match e.output {
        OutputType::Hls => (e.cdn_playback_url.clone().or(location), e.file_url.clone()),
        _ => (e.cdn_playback_url.clone(), e.file_url.clone().or(location)),
    };
    let outputs = file_outputs(e)
        .into_iter()
        .map(|(t, object_key)| api::RecordedOutput {
            output_type: t.as_str().into(),
            url: if t == OutputType::Hls { playlist_url.clone() } else { file_url.clone() },
            object_key,
        })
        .collect();
    api::RecordingInfo {
        outputs,
        playlist_url,
        file_url,
        object_key: object_key(e),
        duration_seconds: check.map_or(0.0, |c| c.duration_ns as f64 / 1e9),
        size_bytes: check
            .and_then(|c| c.size_bytes)
            .unwrap_or_else(|| check.map_or(0, |c| c.reported_size.max(0) as u64)),
        segments: check.and_then(|c| c.segments),
        verified: check.is_some_and(|c| c.state == RecordingState::Verified),
        verification: check.map(|c| c.state.as_str().into()),
        detail: check.and_then(|c| c.detail.clone()),
    }
}

/// The payload of `recording_available` / `recording_failed`.
pub fn payload(e: &EgressRecord) -> Value {
    let reason = e.recording.as_ref().filter(|c| c.state == RecordingState::Failed).and_then(|c| c.detail.clone());
    views::data(api::RecordingEventData { egress: views::egress(e), recording: view(e), reason })
}

impl Core {
    /// Looks in the store for one egress's recording, if its check is due, and commits the
    /// verdict with its event. Another daemon finishing it first is fine: the commit is a
    /// compare-and-swap, and the loser finds the check no longer due.
    pub async fn verify_recording(&self, e: &EgressRecord) -> CoreResult<()> {
        let (Some(check), Some(livekit_id)) = (e.recording.clone(), e.livekit_id.as_deref()) else { return Ok(()) };
        if check.state != RecordingState::Pending || check.next_ms > now_ms() {
            return Ok(());
        }
        let Some(project) = self.store.project(&e.project_id).await? else { return Ok(()) };
        let outputs = file_outputs(e);
        let looked = match self.storage_for(&project) {
            Ok(None) => None,
            Err(err) => Some(Err(CheckError::Unreachable(err.to_string()))),
            Ok(Some(_)) if outputs.is_empty() => {
                Some(Err(CheckError::Missing("the egress has no filename to look for".into())))
            }
            Ok(Some(storage)) => {
                let mut found = Vec::new();
                for (t, key) in &outputs {
                    found.push(match t {
                        OutputType::Hls => self.objects.check_hls(&storage, key).await,
                        _ => self.objects.check_file(&storage, key).await,
                    });
                }
                Some(all_found(found))
            }
        };
        if let Some(Err(CheckError::Unreachable(why))) = &looked {
            tracing::warn!(egress_id = %e.id, attempt = check.attempts + 1, error = %why, "cannot check a recording; will retry");
        }
        let done = after_check(&check, looked, now_ms());
        let outcome = self
            .change_egress(livekit_id, None, None, |rec, now| {
                // Only over the check this look started from: a newer one is someone else's.
                if rec.recording.as_ref() != Some(&check) {
                    return false;
                }
                rec.recording = Some(done.clone());
                rec.updated_ms = now;
                true
            })
            .await?;
        if let super::events::Outcome::Applied(rec) = outcome
            && let Some(c) = rec.recording.as_ref().filter(|c| c.state != RecordingState::Pending)
        {
            tracing::info!(egress_id = %rec.id, verdict = c.state.as_str(), detail = ?c.detail, "recording checked");
        }
        Ok(())
    }

    /// Checks every recording that is due; returns how many were looked at.
    pub async fn verify_due(&self) -> usize {
        let due = match self.store.egress_to_verify(now_ms()).await {
            Ok(d) => d,
            Err(err) => {
                tracing::error!(error = %err, "cannot read the recordings to check");
                return 0;
            }
        };
        // A few at a time: one slow store must not hold up every other project's.
        use futures_util::StreamExt;
        let n = due.len();
        futures_util::stream::iter(due)
            .for_each_concurrent(8, |e| async move {
                if let Err(err) = self.verify_recording(&e).await {
                    tracing::error!(egress_id = %e.id, error = %err, "could not store a recording check");
                }
            })
            .await;
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending() -> RecordingCheck {
        on_end(None, true, 1_000)
    }

    #[test]
    fn without_storage_a_recording_is_not_verified() {
        let c = on_end(None, false, 5);
        assert_eq!(c.state, RecordingState::NotVerified);
        assert!(c.detail.unwrap().contains("[storage]"));
    }

    #[test]
    fn found_verifies_and_missing_fails_at_once() {
        let ok = after_check(&pending(), Some(Ok(Found { size_bytes: 9, segments: Some(2) })), 2_000);
        assert_eq!(
            (ok.state, ok.size_bytes, ok.segments, ok.checked_ms),
            (RecordingState::Verified, Some(9), Some(2), Some(2_000))
        );
        let missing = after_check(&pending(), Some(Err(CheckError::Missing("no playlist".into()))), 2_000);
        assert_eq!((missing.state, missing.detail.as_deref()), (RecordingState::Failed, Some("no playlist")));
    }

    #[test]
    fn an_unreachable_store_is_retried_with_backoff_then_fails() {
        let mut c = pending();
        let mut now = 1_000;
        for (i, secs) in RETRY_SECS.iter().enumerate() {
            c = after_check(&c, Some(Err(CheckError::Unreachable("refused".into()))), now);
            assert_eq!((c.state, c.attempts, c.next_ms), (RecordingState::Pending, i as u32 + 1, now + secs * 1000));
            now = c.next_ms;
        }
        c = after_check(&c, Some(Err(CheckError::Unreachable("refused".into()))), now);
        assert_eq!(c.state, RecordingState::Failed);
        assert!(c.detail.unwrap().contains("12 attempts: refused"));
        assert!(RETRY_SECS.iter().sum::<i64>() >= 3600, "an hour-long outage is ridden out");
    }

    #[test]
    fn several_file_outputs_are_found_only_when_each_is() {
        let found = |n| Ok(Found { size_bytes: n, segments: None });
        let hls = Ok(Found { size_bytes: 10, segments: Some(3) });
        let both = all_found(vec![hls, found(5)]).unwrap();
        assert_eq!((both.size_bytes, both.segments), (15, Some(3)));
        let missing = |w: &str| Err(CheckError::Missing(w.into()));
        let unreachable = Err(CheckError::Unreachable("refused".into()));
        match all_found(vec![missing("no playlist"), found(5), missing("no mp4"), unreachable]) {
            Err(CheckError::Missing(w)) => assert_eq!(w, "no playlist; no mp4"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            all_found(vec![found(1), Err(CheckError::Unreachable("x".into()))]),
            Err(CheckError::Unreachable(_))
        ));
    }

    #[test]
    fn storage_removed_since_the_end_is_not_verified() {
        assert_eq!(after_check(&pending(), None, 2).state, RecordingState::NotVerified);
    }
}

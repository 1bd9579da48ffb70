//! Room and participant sessions: each begins once and ends once, whether LiveKit's webhook or
//! the reconciler reports it first, and its event goes out in the same commit as the change.
//! The session record is what recognises a late webhook as a transition already made, so
//! these events need no LiveKit event id kept for deduplication.

use super::events::{Draft, Outcome};
use super::{Core, CoreResult};
use crate::model::{Millis, now_ms};
use crate::store::{Changes, Committed, EndpointRecord, Expect, Op, SessionRecord};

/// Which session a transition is about.
#[derive(Debug, Clone)]
pub struct SessionRef<'a> {
    pub project_id: &'a str,
    pub room_sid: &'a str,
    pub room_name: &'a str,
    /// `None`: the room's own session.
    pub participant_sid: Option<&'a str>,
    pub identity: Option<&'a str>,
    /// When it began, as LiveKit says (a participant's `joined_at`), if it says.
    pub began_ms: Option<Millis>,
    /// When LiveKit says the webhook's event happened (its `createdAt`): a begin without
    /// `began_ms`, or an end, happened then, however late the webhook arrives (the usage meters
    /// count from these). `None` (the reconciler): when pulse learns of it.
    pub at_ms: Option<Millis>,
}

/// A session beginning or ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Begin,
    End,
}

impl SessionRef<'_> {
    fn record(&self, now: Millis, reconciled: bool) -> SessionRecord {
        SessionRecord {
            project_id: self.project_id.into(),
            room_sid: self.room_sid.into(),
            room_name: self.room_name.into(),
            participant_sid: self.participant_sid.map(Into::into),
            identity: self.identity.map(Into::into),
            started_ms: self.began_ms.or(self.at_ms).filter(|ms| *ms > 0 && *ms <= now).unwrap_or(now),
            ended_ms: None,
            started_reconciled: reconciled,
            ended_reconciled: false,
            rev: 0,
        }
    }
}

/// A transition to make: the session's new state and the precondition it is written under.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub record: SessionRecord,
    pub expect: Expect,
    /// Whether it is news: `false` for an end the reconciler inferred (when it found the room
    /// or participant gone) corrected to the time LiveKit's late webhook gives. The event went
    /// out with the inferred end; the meters count from the corrected one.
    pub announce: bool,
}

/// What a transition writes given the session as it stands (`None`: not yet seen): the
/// session's new state and its precondition, or nothing when the transition was made before
/// (a repeated webhook, or the reconciler got there first and its time stands).
pub fn transition(
    current: Option<&SessionRecord>,
    s: &SessionRef,
    step: Step,
    reconciled: bool,
    now: Millis,
) -> Option<Change> {
    let change = |record, expect| Some(Change { record, expect, announce: true });
    // Ended now, never before it started, by whoever says so.
    let ended = |mut r: SessionRecord| {
        r.ended_ms = Some(now.max(r.started_ms));
        r.ended_reconciled = reconciled;
        r
    };
    match (step, current) {
        (Step::Begin, None) => change(s.record(now, reconciled), Expect::New),
        (Step::Begin, Some(_)) => None,
        // An end whose beginning was never heard of: the session is recorded whole.
        (Step::End, None) => change(ended(s.record(now, reconciled)), Expect::New),
        (Step::End, Some(cur)) if cur.ended_ms.is_none() => change(ended(cur.clone()), Expect::Rev(cur.rev)),
        // The reconciler ended it when it noticed (after a restart, say); LiveKit's webhook,
        // arriving late, says when it really ended: that time is the truth, and no news.
        (Step::End, Some(cur)) if cur.ended_reconciled && !reconciled && cur.ended_ms.is_some_and(|e| now < e) => {
            Some(Change { record: ended(cur.clone()), expect: Expect::Rev(cur.rev), announce: false })
        }
        (Step::End, Some(_)) => None,
    }
}

impl Core {
    /// Makes a session's transition and commits its event (`draft`) with it, once: a
    /// transition already made is [`Outcome::Duplicate`] and writes nothing.
    pub async fn session_event(
        &self,
        s: &SessionRef<'_>,
        step: Step,
        reconciled: bool,
        draft: Draft<'_>,
        endpoints: &[EndpointRecord],
    ) -> CoreResult<Outcome<()>> {
        // A beginning is tried as new first (the common case, one write and no read); an end
        // needs the session's revision.
        let mut current = match step {
            Step::Begin => None,
            Step::End => self.store.session(&s.project_id.into(), s.room_sid, s.participant_sid).await?,
        };
        loop {
            // An end happened when LiveKit says it did (not in the future, not before now's
            // begin: `transition` keeps the end at or after the start).
            let now = now_ms();
            let at = match step {
                Step::End => s.at_ms.filter(|t| *t > 0 && *t <= now).unwrap_or(now),
                Step::Begin => now,
            };
            let Some(Change { record, expect, announce }) = transition(current.as_ref(), s, step, reconciled, at)
            else {
                return Ok(Outcome::Duplicate);
            };
            let mut changes = Changes { livekit_event: None, ops: vec![Op::PutSession(record, expect)] };
            if !announce {
                // A correction: the session's time only (its usage hour is marked with it).
                match self.commit_events(changes, &[]).await? {
                    Committed::Applied | Committed::Duplicate => return Ok(Outcome::Duplicate),
                    Committed::Conflict(_) => {
                        current = self.store.session(&s.project_id.into(), s.room_sid, s.participant_sid).await?;
                        continue;
                    }
                }
            }
            if s.participant_sid.is_some() {
                // A participant's session always has its room's, even when the room's start
                // was never heard of (no event for that: the reconciler reports rooms), so
                // that ending the room ends its participants.
                let room =
                    SessionRef { participant_sid: None, identity: None, began_ms: None, at_ms: None, ..s.clone() };
                changes.push(Op::PutSession(room.record(now_ms(), false), Expect::IfAbsent));
            }
            let d = Draft { data: draft.data.clone(), ..draft };
            let (event, _) = self.emit(&mut changes, endpoints, d);
            match self.commit_events(changes, std::slice::from_ref(&event)).await? {
                Committed::Applied => return Ok(Outcome::Applied(())),
                Committed::Duplicate => return Ok(Outcome::Duplicate),
                // Someone else wrote the session first: decide again on what is there now.
                Committed::Conflict(_) => {
                    current = self.store.session(&s.project_id.into(), s.room_sid, s.participant_sid).await?;
                    if current.is_none() {
                        // Written and gone again (the project was deleted): nothing to do.
                        return Ok(Outcome::Duplicate);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn participant() -> SessionRef<'static> {
        SessionRef {
            project_id: "prj_1",
            room_sid: "RM_1",
            room_name: "r",
            participant_sid: Some("PA_1"),
            identity: Some("alice"),
            began_ms: Some(1_000),
            at_ms: None,
        }
    }

    #[test]
    fn each_transition_happens_once() {
        let s = participant();
        let Change { record: joined, expect, .. } = transition(None, &s, Step::Begin, false, 5_000).unwrap();
        assert_eq!((joined.started_ms, joined.ended_ms, expect), (1_000, None, Expect::New));
        assert!(transition(Some(&joined), &s, Step::Begin, true, 6_000).is_none(), "a second begin is a repeat");
        let joined = SessionRecord { rev: 1, ..joined };
        let Change { record: left, expect, .. } = transition(Some(&joined), &s, Step::End, true, 9_000).unwrap();
        assert_eq!((left.ended_ms, left.ended_reconciled, expect), (Some(9_000), true, Expect::Rev(1)));
        assert!(transition(Some(&left), &s, Step::End, false, 9_500).is_none(), "a late webhook is a repeat");
        assert!(transition(Some(&left), &s, Step::End, true, 8_000).is_none(), "the reconciler again");
        assert!(transition(Some(&left), &s, Step::Begin, false, 9_500).is_none(), "a late join after the leave");
    }

    #[test]
    fn an_end_without_its_beginning_records_the_whole_session() {
        let s = SessionRef { began_ms: None, ..participant() };
        let Change { record: r, expect, .. } = transition(None, &s, Step::End, false, 7_000).unwrap();
        assert_eq!((r.started_ms, r.ended_ms, expect), (7_000, Some(7_000), Expect::New));
        let future = SessionRef { began_ms: Some(99_000), ..participant() };
        let r = transition(None, &future, Step::Begin, false, 7_000).unwrap().record;
        assert_eq!(r.started_ms, 7_000, "a start in the future is not believed");
    }

    #[test]
    fn a_late_leave_corrects_the_end_the_reconciler_inferred_without_news() {
        let s = participant();
        let joined = SessionRecord { rev: 1, ..transition(None, &s, Step::Begin, false, 5_000).unwrap().record };
        // After a restart the reconciler finds the participant gone and ends it then.
        let inferred =
            SessionRecord { rev: 2, ..transition(Some(&joined), &s, Step::End, true, 90_000).unwrap().record };
        let c = transition(Some(&inferred), &s, Step::End, false, 7_000).unwrap();
        assert_eq!(
            (c.record.ended_ms, c.record.ended_reconciled, c.expect, c.announce),
            (Some(7_000), false, Expect::Rev(2), false)
        );
        let corrected = SessionRecord { rev: 3, ..c.record };
        assert!(transition(Some(&corrected), &s, Step::End, false, 7_000).is_none(), "then a repeat");
        // A webhook saying it ended after the inferred end (or with no time: now) changes nothing.
        assert!(transition(Some(&inferred), &s, Step::End, false, 95_000).is_none());
        // A leave before the join is not believed: the end stays at or after the start.
        let early = transition(Some(&inferred), &s, Step::End, false, 500).unwrap();
        assert_eq!(early.record.ended_ms, Some(1_000));
    }
}

//! Usage meters, read from the records pulse already keeps durably: participant minutes (each
//! participant's session, join to leave, reconciled ones included), egress minutes per output
//! kind (start to end), ingress minutes per type (each span it was active), recording bytes
//! (what the recording checks found), webhook deliveries.
//! Each use is rounded up to a whole minute, as LiveKit Cloud bills, and counted in the bucket
//! (UTC hour or day) it began in; a use still open counts up to now. An answer is read from
//! the stored buckets (`core::buckets`) and the open uses when nothing in its span is stale,
//! else from the records themselves; either way it is exact, and a late or duplicate webhook
//! (which changes the records once, see `core::sessions`) shows at once.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::Ordering;

use super::{Core, CoreError, CoreResult};
use crate::api;
use crate::model::{DeliveryStatus, Millis, RecordingState, now_ms, rfc3339_ms};
use crate::store::usage::{ceil, floor};
use crate::store::{
    EgressFilter, EgressRecord, IngressFilter, IngressRecord, LogFilter, PageReq, ProjectRecord, SessionRecord, Span,
    UsageBucket,
};

const MINUTE: Millis = 60_000;
pub(super) const HOUR: Millis = crate::store::usage::HOUR_MS;
pub(super) const DAY: Millis = crate::store::usage::DAY_MS;

/// One use: which meter, in which room, from when, how much; `open` while it still grows with
/// the clock (a session not left, an egress not ended, an ingress publishing).
#[derive(Debug, Clone, PartialEq)]
pub struct Use {
    pub meter: String,
    pub room: String,
    pub start_ms: Millis,
    pub quantity: u64,
    pub open: bool,
}

/// Whole minutes from `start` to `end`, rounded up (a 10-second use is one minute).
pub fn minutes(start: Millis, end: Millis) -> u64 {
    ((end - start).max(0) as u64).div_ceil(MINUTE as u64)
}

/// A participant's session as a use (a room's own session is not metered), ending at
/// `room_end` at the latest: nobody stays in a room that has ended, even when their
/// `participant_left` was lost and the reconciler has not yet closed the session.
pub fn participant_use(s: &SessionRecord, room_end: Option<Millis>, now: Millis) -> Option<Use> {
    s.participant_sid.as_ref()?;
    let end = match (s.ended_ms, room_end) {
        (Some(e), _) => Some(e),
        (None, Some(r)) => Some(r.max(s.started_ms)),
        (None, None) => None,
    };
    Some(Use {
        meter: "participant_minutes".into(),
        room: s.room_name.clone(),
        start_ms: s.started_ms,
        quantity: minutes(s.started_ms, end.unwrap_or(now)),
        open: end.is_none(),
    })
}

/// The participants' uses among `sessions` (a project's, or its open ones), each capped by its
/// room's end when the room's session is among them.
pub fn participant_uses(sessions: &[SessionRecord], now: Millis) -> Vec<Use> {
    let rooms: HashMap<&str, Option<Millis>> =
        sessions.iter().filter(|s| s.participant_sid.is_none()).map(|s| (s.room_sid.as_str(), s.ended_ms)).collect();
    sessions.iter().filter_map(|s| participant_use(s, rooms.get(s.room_sid.as_str()).copied().flatten(), now)).collect()
}

/// When an egress began recording and its whole minutes since, up to its end (or its last
/// change, for a finished one LiveKit gave no end) or now (`None`: it never began).
pub fn egress_minutes(e: &EgressRecord, now: Millis) -> Option<(Millis, u64)> {
    let start = e.started_ms?;
    Some((start, minutes(start, egress_end(e).unwrap_or(now).max(start))))
}

fn egress_end(e: &EgressRecord) -> Option<Millis> {
    e.ended_ms.or(e.status.is_final().then_some(e.updated_ms))
}

/// An egress's uses: its minutes once per output kind (from when it began recording), and its
/// recording's bytes once checked.
pub fn egress_uses(e: &EgressRecord, now: Millis) -> Vec<Use> {
    let Some((start, quantity)) = egress_minutes(e, now) else { return Vec::new() };
    let open = egress_end(e).is_none();
    let mut out: Vec<Use> = e
        .output_types()
        .into_iter()
        .map(|t| Use {
            meter: format!("egress_minutes.{}", t.as_str()),
            room: e.room_name.clone(),
            start_ms: start,
            quantity,
            open,
        })
        .collect();
    if let Some(c) = e.recording.as_ref().filter(|c| c.state == RecordingState::Verified) {
        out.push(Use {
            meter: "recording_bytes".into(),
            room: e.room_name.clone(),
            start_ms: start,
            quantity: c.size_bytes.unwrap_or(0),
            open: false,
        });
    }
    out
}

/// An ingress's uses: each span it was active (publishing or buffering), by its type; a span
/// a deleted ingress left open ends with the deletion.
pub fn ingress_uses(i: &IngressRecord, now: Millis) -> Vec<Use> {
    i.activity
        .spans
        .iter()
        .map(|(start, end)| {
            let end = end.or(i.deleted_ms.map(|d| d.max(*start)));
            Use {
                meter: format!("ingress_minutes.{}", i.kind.as_str()),
                room: i.room_name.clone(),
                start_ms: *start,
                quantity: minutes(*start, end.unwrap_or(now)),
                open: end.is_none(),
            }
        })
        .collect()
}

/// `hour` or `day` → the bucket length.
fn granularity(g: Option<&str>) -> CoreResult<Span> {
    match g.unwrap_or("day") {
        "day" => Ok(Span::Day),
        "hour" => Ok(Span::Hour),
        other => Err(CoreError::invalid("granularity", format!("granularity must be hour or day, not `{other}`"))),
    }
}

/// Some uses of one meter in one room that began at `start_ms`: one use, or a stored bucket's
/// count of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    pub start_ms: Millis,
    pub room: String,
    pub meter: String,
    pub quantity: u64,
    pub uses: u64,
}

impl From<&Use> for Tally {
    fn from(u: &Use) -> Tally {
        Tally { start_ms: u.start_ms, room: u.room.clone(), meter: u.meter.clone(), quantity: u.quantity, uses: 1 }
    }
}

/// A stored bucket's counts as tallies at its start.
pub fn tallies(b: &UsageBucket) -> impl Iterator<Item = Tally> + '_ {
    b.counts.iter().map(|c| Tally {
        start_ms: b.start_ms,
        room: c.room.clone(),
        meter: c.meter.clone(),
        quantity: c.quantity,
        uses: c.uses,
    })
}

/// Tallies summed by bucket start, room and meter: (quantity, uses).
pub type Sums = BTreeMap<(Millis, String, String), (u64, u64)>;

/// Sums `tallies` into the buckets of length `bucket` they began in, by room and meter (all
/// rooms as one, `""`, without `by_room`).
pub fn sums<'a>(tallies: impl IntoIterator<Item = &'a Tally>, bucket: Millis, by_room: bool) -> Sums {
    let mut sums = Sums::new();
    for t in tallies {
        let room = if by_room { t.room.clone() } else { String::new() };
        let sum = sums.entry((floor(t.start_ms, bucket), room, t.meter.clone())).or_default();
        sum.0 += t.quantity;
        sum.1 += t.uses;
    }
    sums
}

/// Sums the tallies in `[from, to)` into rows: per bucket and meter, and per room with
/// `by_room`.
pub fn rows(tallies: &[Tally], from: Millis, to: Millis, bucket: Millis, by_room: bool) -> Vec<api::UsageRow> {
    let within = tallies.iter().filter(|t| (from..to).contains(&t.start_ms));
    sums(within, bucket, by_room)
        .into_iter()
        .map(|((start, room, meter), (quantity, uses))| api::UsageRow {
            start: rfc3339_ms(start),
            room: by_room.then_some(room),
            meter,
            quantity,
            uses,
        })
        .collect()
}

impl Core {
    /// Every egress of a project, page by page (the meters and the limits read them all).
    pub(super) async fn all_egress(&self, project: &ProjectRecord) -> CoreResult<Vec<EgressRecord>> {
        let mut all = Vec::new();
        for page in 1.. {
            let got =
                self.store.egress_list(&project.id, &EgressFilter::default(), PageReq { page, limit: 100 }).await?;
            let last = got.items.len() < 100;
            all.extend(got.items);
            if last {
                break;
            }
        }
        Ok(all)
    }

    /// Every use of a project, read from its records: the aggregation's input, and the answer
    /// when the stored buckets cannot give it.
    pub(super) async fn uses_of(&self, project: &ProjectRecord, now: Millis) -> CoreResult<Vec<Use>> {
        let mut uses = participant_uses(&self.store.sessions_of_project(&project.id).await?, now);
        for e in self.all_egress(project).await? {
            uses.extend(egress_uses(&e, now));
        }
        uses.extend(self.ingress_uses_of(project, true, now).await?);
        Ok(uses)
    }

    /// The uses of a project's ingress (the deleted ones too, with `deleted`), page by page.
    async fn ingress_uses_of(&self, project: &ProjectRecord, deleted: bool, now: Millis) -> CoreResult<Vec<Use>> {
        let filter = IngressFilter { room_name: None, include_deleted: deleted };
        let mut uses = Vec::new();
        for page in 1.. {
            let got = self.store.ingress_list(&project.id, &filter, PageReq { page, limit: 100 }).await?;
            for i in &got.items {
                uses.extend(ingress_uses(i, now));
            }
            if got.items.len() < 100 {
                break;
            }
        }
        Ok(uses)
    }

    /// The uses still open (what the buckets leave out), from the records that can have one:
    /// the open rooms' participants, the egress not finished, the ingress not deleted.
    async fn open_uses(&self, project: &ProjectRecord, now: Millis) -> CoreResult<Vec<Use>> {
        let sessions = self.store.sessions_open(Some(&project.id)).await?;
        let rooms: std::collections::HashSet<&str> =
            sessions.iter().filter(|s| s.participant_sid.is_none()).map(|s| s.room_sid.as_str()).collect();
        let mut uses: Vec<Use> = sessions
            .iter()
            .filter(|s| rooms.contains(s.room_sid.as_str()))
            .filter_map(|s| participant_use(s, None, now))
            .collect();
        for e in self.store.egress_unfinished().await?.iter().filter(|e| e.project_id == project.id) {
            uses.extend(egress_uses(e, now));
        }
        uses.extend(self.ingress_uses_of(project, false, now).await?);
        uses.retain(|u| u.open);
        Ok(uses)
    }

    /// The tallies of `[from, to)` from the stored buckets and the open uses, when those give
    /// the answer whole: the span begins on an hour and ends on one (or now), the project's
    /// first pass has landed, and no hour of the span is marked stale, before the reads or
    /// after them, with no settlement landing in between (else `None`: read the records).
    /// Asked by day, the span's whole days come from the day buckets.
    async fn stored_tallies(
        &self,
        project: &ProjectRecord,
        (from, to): (Millis, Millis),
        span: Span,
        now: Millis,
    ) -> CoreResult<Option<Vec<Tally>>> {
        if from.rem_euclid(HOUR) != 0 || (to.rem_euclid(HOUR) != 0 && to < now) {
            return Ok(None);
        }
        let end = ceil(to, HOUR);
        let before = self.store.usage_view(&project.id, from, end).await?;
        if !before.ready || !before.marked.is_empty() {
            return Ok(None);
        }
        let (days_from, days_to) = match span {
            Span::Day if ceil(from, DAY) < floor(end, DAY) => (ceil(from, DAY), floor(end, DAY)),
            _ => (end, end),
        };
        let mut buckets = self.store.usage_buckets(&project.id, Span::Hour, from, days_from).await?;
        buckets.extend(self.store.usage_buckets(&project.id, Span::Day, days_from, days_to).await?);
        buckets.extend(self.store.usage_buckets(&project.id, Span::Hour, days_to, end).await?);
        let mut out: Vec<Tally> = buckets.iter().flat_map(tallies).collect();
        out.extend(self.open_uses(project, now).await?.iter().map(Tally::from));
        let after = self.store.usage_view(&project.id, from, end).await?;
        if after.generation != before.generation || !after.marked.is_empty() {
            return Ok(None);
        }
        Ok(Some(out))
    }

    /// A project's usage between `from` and `to` (RFC 3339, or a duration back from now that
    /// starts at the top of its hour; default the last 30 days to now), in hour or day
    /// buckets, by meter or by room.
    pub async fn usage(&self, project: &ProjectRecord, q: api::UsageQuery) -> CoreResult<api::Usage> {
        let now = now_ms();
        let from = match q.from.as_deref() {
            Some(v) if super::validate::is_duration(v) => floor(super::validate::time_bound("from", v)?, HOUR),
            Some(v) => super::validate::time_bound("from", v)?,
            None => floor(now - 30 * DAY, HOUR),
        };
        let to = match q.to.as_deref() {
            Some(v) => super::validate::time_bound("to", v)?,
            None => now,
        };
        // A window that ends before it begins holds nothing (it is not an error: the answer is
        // simply empty). Rows exist only where a use began, so a long span costs no more than
        // the uses in it: no bound on the number of buckets is needed.
        let to = to.max(from);
        let span = granularity(q.granularity.as_deref())?;
        let by_room = match q.group_by.as_deref().unwrap_or("meter") {
            "meter" => false,
            "room" => true,
            other => {
                return Err(CoreError::invalid("group_by", format!("group_by must be meter or room, not `{other}`")));
            }
        };
        let tallies = match self.stored_tallies(project, (from, to), span, now).await? {
            Some(t) => {
                self.metrics.usage_from_buckets.fetch_add(1, Ordering::Relaxed);
                t
            }
            None => {
                self.metrics.usage_from_records.fetch_add(1, Ordering::Relaxed);
                self.uses_of(project, now).await?.iter().map(Tally::from).collect()
            }
        };
        let rows = rows(&tallies, from, to, span.ms(), by_room);
        let mut totals: BTreeMap<String, u64> = BTreeMap::new();
        for r in &rows {
            *totals.entry(r.meter.clone()).or_default() += r.quantity;
        }
        let count = |status: Option<DeliveryStatus>| {
            let f = LogFilter { status, since_ms: Some(from), until_ms: Some(to - 1), ..Default::default() };
            async move { self.store.deliveries(&project.id, &f, PageReq { page: 1, limit: 1 }).await.map(|p| p.total) }
        };
        totals.insert("webhook_deliveries".into(), count(None).await?);
        totals.insert("webhook_deliveries_succeeded".into(), count(Some(DeliveryStatus::Delivered)).await?);
        Ok(api::Usage {
            project_id: project.id.to_string(),
            from: rfc3339_ms(from),
            to: rfc3339_ms(to),
            granularity: span.as_str().into(),
            group_by: if by_room { "room" } else { "meter" }.into(),
            rows,
            totals,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_use_is_rounded_up_to_a_minute() {
        assert_eq!([minutes(0, 0), minutes(0, 1), minutes(0, 60_000), minutes(0, 60_001)], [0, 1, 1, 2]);
    }

    #[test]
    fn nobody_outlasts_their_room() {
        let s = |pa: Option<&str>, start: Millis, end: Option<Millis>| SessionRecord {
            project_id: "p".into(),
            room_sid: "RM_1".into(),
            room_name: "r".into(),
            participant_sid: pa.map(Into::into),
            identity: None,
            started_ms: start,
            ended_ms: end,
            started_reconciled: false,
            ended_reconciled: false,
            rev: 1,
        };
        let open_room = [s(None, 0, None), s(Some("PA_1"), 0, None)];
        let u = participant_uses(&open_room, 10 * MINUTE);
        assert_eq!((u.len(), u[0].quantity, u[0].open), (1, 10, true));
        let ended_room = [s(None, 0, Some(3 * MINUTE)), s(Some("PA_1"), 0, None)];
        let u = participant_uses(&ended_room, 10 * MINUTE);
        assert_eq!((u[0].quantity, u[0].open), (3, false), "its participant_left lost, it ends with the room");
    }

    #[test]
    fn uses_are_summed_in_the_bucket_they_began_in() {
        let u = |meter: &str, room: &str, start: Millis, q: u64| Use {
            meter: meter.into(),
            room: room.into(),
            start_ms: start,
            quantity: q,
            open: false,
        };
        let uses = [
            u("participant_minutes", "a", HOUR + 5, 3),
            u("participant_minutes", "b", HOUR + 10, 4),
            u("participant_minutes", "a", 2 * HOUR, 5),
            u("egress_minutes.hls", "a", 2 * HOUR + 1, 7),
            u("participant_minutes", "a", 10 * DAY, 100),
        ];
        let uses: Vec<Tally> = uses.iter().map(Tally::from).collect();
        let by_meter = rows(&uses, 0, DAY, HOUR, false);
        let got: Vec<(String, &str, u64, u64)> =
            by_meter.iter().map(|r| (r.start.clone(), r.meter.as_str(), r.quantity, r.uses)).collect();
        assert_eq!(
            got,
            [
                (rfc3339_ms(HOUR), "participant_minutes", 7, 2),
                (rfc3339_ms(2 * HOUR), "egress_minutes.hls", 7, 1),
                (rfc3339_ms(2 * HOUR), "participant_minutes", 5, 1),
            ],
            "the use of day 10 is outside the span"
        );
        let by_room = rows(&uses, 0, DAY, DAY, true);
        assert_eq!(by_room.len(), 3);
        assert_eq!((by_room[0].room.as_deref(), by_room[0].quantity), (Some("a"), 7));
    }
}

//! Usage meters, read from the records pulse already keeps durably: participant minutes (each
//! participant's session, join to leave, reconciled ones included), egress minutes per output
//! kind (start to end), ingress minutes per type (each span it was active), recording bytes
//! (what the recording checks found), webhook deliveries.
//! Each use is rounded up to a whole minute, as LiveKit Cloud bills, and counted in the bucket
//! (UTC hour or day) it began in; a use still open counts up to now. The figures are computed
//! from those records at each ask: asking again changes nothing, downtime needs no catching up,
//! and a late or duplicate webhook (which changes the records once, see `core::sessions`) shows
//! at once.

use std::collections::BTreeMap;

use super::{Core, CoreError, CoreResult};
use crate::api;
use crate::model::{DeliveryStatus, Millis, RecordingState, now_ms, rfc3339_ms};
use crate::store::{
    EgressFilter, EgressRecord, IngressFilter, IngressRecord, LogFilter, PageReq, ProjectRecord, SessionRecord,
};

const MINUTE: Millis = 60_000;
const HOUR: Millis = 3_600_000;
const DAY: Millis = 24 * HOUR;

/// One use: which meter, in which room, from when to when, how much.
#[derive(Debug, Clone, PartialEq)]
pub struct Use {
    pub meter: String,
    pub room: String,
    pub start_ms: Millis,
    pub quantity: u64,
}

/// Whole minutes from `start` to `end`, rounded up (a 10-second use is one minute).
pub fn minutes(start: Millis, end: Millis) -> u64 {
    ((end - start).max(0) as u64).div_ceil(MINUTE as u64)
}

/// A participant's session as a use (a room's own session is not metered).
pub fn participant_use(s: &SessionRecord, now: Millis) -> Option<Use> {
    s.participant_sid.as_ref()?;
    let end = s.ended_ms.unwrap_or(now);
    Some(Use {
        meter: "participant_minutes".into(),
        room: s.room_name.clone(),
        start_ms: s.started_ms,
        quantity: minutes(s.started_ms, end),
    })
}

/// When an egress began recording and its whole minutes since, up to its end or now (`None`:
/// it never began).
pub fn egress_minutes(e: &EgressRecord, now: Millis) -> Option<(Millis, u64)> {
    let start = e.started_ms?;
    Some((start, minutes(start, e.ended_ms.unwrap_or(now).max(start))))
}

/// An egress's uses: its minutes once per output kind (from when it began recording), and its
/// recording's bytes once checked.
pub fn egress_uses(e: &EgressRecord, now: Millis) -> Vec<Use> {
    let Some((start, quantity)) = egress_minutes(e, now) else { return Vec::new() };
    let mut out: Vec<Use> = e
        .output_types()
        .into_iter()
        .map(|t| Use {
            meter: format!("egress_minutes.{}", t.as_str()),
            room: e.room_name.clone(),
            start_ms: start,
            quantity,
        })
        .collect();
    if let Some(c) = e.recording.as_ref().filter(|c| c.state == RecordingState::Verified) {
        out.push(Use {
            meter: "recording_bytes".into(),
            room: e.room_name.clone(),
            start_ms: start,
            quantity: c.size_bytes.unwrap_or(0),
        });
    }
    out
}

/// An ingress's uses: each span it was active (publishing or buffering), by its type.
pub fn ingress_uses(i: &IngressRecord, now: Millis) -> Vec<Use> {
    i.activity
        .spans
        .iter()
        .map(|(start, end)| Use {
            meter: format!("ingress_minutes.{}", i.kind.as_str()),
            room: i.room_name.clone(),
            start_ms: *start,
            quantity: minutes(*start, end.unwrap_or(now)),
        })
        .collect()
}

/// `hour` or `day` → the bucket length.
fn granularity(g: Option<&str>) -> CoreResult<(&'static str, Millis)> {
    match g.unwrap_or("day") {
        "day" => Ok(("day", DAY)),
        "hour" => Ok(("hour", HOUR)),
        other => Err(CoreError::invalid("granularity", format!("granularity must be hour or day, not `{other}`"))),
    }
}

/// Sums `uses` in `[from, to)` into rows: per bucket and meter, and per room with `by_room`.
pub fn rows(uses: &[Use], from: Millis, to: Millis, bucket: Millis, by_room: bool) -> Vec<api::UsageRow> {
    let mut sums: BTreeMap<(Millis, String, String), (u64, u64)> = BTreeMap::new();
    for u in uses.iter().filter(|u| (from..to).contains(&u.start_ms)) {
        let start = u.start_ms - u.start_ms.rem_euclid(bucket);
        let room = if by_room { u.room.clone() } else { String::new() };
        let sum = sums.entry((start, room, u.meter.clone())).or_default();
        sum.0 += u.quantity;
        sum.1 += 1;
    }
    sums.into_iter()
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

    /// A project's usage between `from` and `to` (RFC 3339 or a duration back from now;
    /// default the last 30 days to now), in hour or day buckets, by meter or by room.
    pub async fn usage(&self, project: &ProjectRecord, q: api::UsageQuery) -> CoreResult<api::Usage> {
        let now = now_ms();
        let from = match q.from.as_deref() {
            Some(v) => super::validate::time_bound("from", v)?,
            None => now - 30 * DAY,
        };
        let to = match q.to.as_deref() {
            Some(v) => super::validate::time_bound("to", v)?,
            None => now,
        };
        // A window that ends before it begins holds nothing (it is not an error: the answer is
        // simply empty). Rows exist only where a use began, so a long span costs no more than
        // the uses in it: no bound on the number of buckets is needed.
        let to = to.max(from);
        let (name, bucket) = granularity(q.granularity.as_deref())?;
        let by_room = match q.group_by.as_deref().unwrap_or("meter") {
            "meter" => false,
            "room" => true,
            other => {
                return Err(CoreError::invalid("group_by", format!("group_by must be meter or room, not `{other}`")));
            }
        };
        let mut uses: Vec<Use> = Vec::new();
        for s in self.store.sessions_of_project(&project.id).await? {
            uses.extend(participant_use(&s, now));
        }
        for e in self.all_egress(project).await? {
            uses.extend(egress_uses(&e, now));
        }
        let every = IngressFilter { room_name: None, include_deleted: true };
        for page in 1.. {
            let got = self.store.ingress_list(&project.id, &every, PageReq { page, limit: 100 }).await?;
            for i in &got.items {
                uses.extend(ingress_uses(i, now));
            }
            if got.items.len() < 100 {
                break;
            }
        }
        let rows = rows(&uses, from, to, bucket, by_room);
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
            granularity: name.into(),
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
    fn uses_are_summed_in_the_bucket_they_began_in() {
        let u = |meter: &str, room: &str, start: Millis, q: u64| Use {
            meter: meter.into(),
            room: room.into(),
            start_ms: start,
            quantity: q,
        };
        let uses = [
            u("participant_minutes", "a", HOUR + 5, 3),
            u("participant_minutes", "b", HOUR + 10, 4),
            u("participant_minutes", "a", 2 * HOUR, 5),
            u("egress_minutes.hls", "a", 2 * HOUR + 1, 7),
            u("participant_minutes", "a", 10 * DAY, 100),
        ];
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

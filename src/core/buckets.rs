//! The usage aggregation: on the leading daemon, every `usage.aggregate_interval`, the hours
//! that writes marked stale (see `store::usage`) are recomputed from the records into stored
//! hour and day buckets, and a project never aggregated gets all its hours at once.
//!
//! A pass reads the marks first and the records after them, and its settlement clears only
//! the marks it read, in one commit with the buckets: a write that lands meanwhile keeps its
//! mark for the next pass, a pass cut off (a SIGKILL, a lost leadership) leaves the marks for
//! the next one, and recomputing an hour from the same records writes the same bucket.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::Ordering;

use super::usage::{DAY, HOUR, Sums, Tally, Use, sums};
use super::{Core, CoreResult};
use crate::ids::ProjectId;
use crate::model::{Millis, now_ms};
use crate::store::usage::floor;
use crate::store::{Changes, Committed, Op, PageReq, Settlement, Span, UsageBucket, UsageCount, UsageMark, UsageView};

/// The most marks one pass takes (the rest wait for the next).
const MARKS_PER_PASS: usize = 10_000;

/// The bucket of `span` starting at `start_ms`, from the closed uses' `sums` of that span.
fn bucket(project_id: &ProjectId, span: Span, start_ms: Millis, sums: &Sums) -> UsageBucket {
    let first = (start_ms, String::new(), String::new());
    let counts = sums
        .range(first..)
        .take_while(|((start, _, _), _)| *start == start_ms)
        .map(|((_, room, meter), (quantity, uses))| UsageCount {
            room: room.clone(),
            meter: meter.clone(),
            quantity: *quantity,
            uses: *uses,
        })
        .collect();
    UsageBucket { project_id: project_id.clone(), span, start_ms, counts }
}

/// What a pass writes for a project, given where its buckets stand, the marks read for it
/// and its uses: the buckets of the marked hours (every hour with a closed use, when the
/// project was never aggregated), and the days those hours are in, each whole (an hour or a
/// day left without uses is written empty, which removes it).
pub fn settlement(project_id: &ProjectId, view: &UsageView, marks: &[UsageMark], uses: &[Use]) -> Settlement {
    let closed: Vec<Tally> = uses.iter().filter(|u| !u.open).map(Tally::from).collect();
    let hourly = sums(&closed, HOUR, true);
    let daily = sums(&closed, DAY, true);
    let mut hours: BTreeSet<Millis> = marks.iter().map(|m| m.hour_ms).collect();
    if !view.ready {
        hours.extend(hourly.keys().map(|(start, _, _)| *start));
    }
    let days: BTreeSet<Millis> = hours.iter().map(|h| floor(*h, DAY)).collect();
    let mut buckets: Vec<UsageBucket> = hours.iter().map(|h| bucket(project_id, Span::Hour, *h, &hourly)).collect();
    buckets.extend(days.iter().map(|d| bucket(project_id, Span::Day, *d, &daily)));
    Settlement { project_id: project_id.clone(), generation: view.generation, buckets, cleared: marks.to_vec() }
}

impl Core {
    /// One pass of the aggregation: settles every project with marks, and every project
    /// whose first pass has not landed (new ones, or all of them after an upgrade). Returns
    /// how many buckets it wrote.
    pub async fn aggregate_usage(&self) -> CoreResult<usize> {
        let mut work: BTreeMap<ProjectId, Vec<UsageMark>> = BTreeMap::new();
        for m in self.store.usage_marks(MARKS_PER_PASS).await? {
            work.entry(m.project_id.clone()).or_default().push(m);
        }
        for page in 1.. {
            let got = self.store.projects(PageReq { page, limit: 100 }).await?;
            for p in &got.items {
                if !self.ready_projects().contains(&p.id) {
                    work.entry(p.id.clone()).or_default();
                }
            }
            if got.items.len() < 100 {
                break;
            }
        }
        let mut written = 0;
        for (id, marks) in work {
            match self.settle_usage(&id, &marks).await {
                Ok(n) => written += n,
                Err(e) => tracing::warn!(project_id = %id, error = %e, "cannot aggregate usage; next pass retries"),
            }
        }
        Ok(written)
    }

    /// Projects whose first pass has landed, as this daemon last saw them.
    fn ready_projects(&self) -> std::sync::MutexGuard<'_, std::collections::HashSet<ProjectId>> {
        self.usage_ready.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn settle_usage(&self, id: &ProjectId, marks: &[UsageMark]) -> CoreResult<usize> {
        let Some(project) = self.store.project(id).await? else { return Ok(0) };
        let view = self.store.usage_view(id, 0, 0).await?;
        if view.ready && marks.is_empty() {
            self.ready_projects().insert(id.clone());
            return Ok(0);
        }
        let uses = self.uses_of(&project, now_ms()).await?;
        let plan = settlement(id, &view, marks, &uses);
        let n = plan.buckets.len();
        match self.store.commit(Changes { livekit_event: None, ops: vec![Op::SettleUsage(plan)] }).await? {
            Committed::Applied => {
                self.ready_projects().insert(id.clone());
                self.metrics.usage_buckets_settled.fetch_add(n as u64, Ordering::Relaxed);
                Ok(n)
            }
            // Another daemon's pass landed first: the next pass looks again.
            _ => Ok(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn used(room: &str, start: Millis, q: u64, open: bool) -> Use {
        Use { meter: "participant_minutes".into(), room: room.into(), start_ms: start, quantity: q, open }
    }

    fn mark(hour: Millis) -> UsageMark {
        UsageMark { project_id: "p".into(), hour_ms: hour, token: 1 }
    }

    #[test]
    fn a_first_pass_stores_every_hour_and_day_with_closed_uses() {
        let uses = [
            used("a", HOUR + 5, 3, false),
            used("a", HOUR + 9, 4, false),
            used("b", 3 * HOUR, 5, false),
            used("a", 5 * HOUR, 100, true),
            used("a", DAY + 1, 7, false),
        ];
        let s = settlement(&"p".into(), &UsageView::default(), &[], &uses);
        type Row = (Span, Millis, Vec<(String, u64, u64)>);
        let got: Vec<Row> = s
            .buckets
            .iter()
            .map(|b| (b.span, b.start_ms, b.counts.iter().map(|c| (c.room.clone(), c.quantity, c.uses)).collect()))
            .collect();
        assert_eq!(
            got,
            [
                (Span::Hour, HOUR, vec![("a".into(), 7, 2)]),
                (Span::Hour, 3 * HOUR, vec![("b".into(), 5, 1)]),
                (Span::Hour, DAY, vec![("a".into(), 7, 1)]),
                (Span::Day, 0, vec![("a".into(), 7, 2), ("b".into(), 5, 1)]),
                (Span::Day, DAY, vec![("a".into(), 7, 1)]),
            ],
            "the open use is left out"
        );
        assert_eq!(s.generation, 0);
    }

    #[test]
    fn a_later_pass_rewrites_only_the_marked_hours_and_their_days() {
        let view = UsageView { ready: true, generation: 4, marked: Vec::new() };
        let uses = [used("a", HOUR, 3, false), used("a", 2 * HOUR, 4, false), used("a", DAY + HOUR, 9, false)];
        let s = settlement(&"p".into(), &view, &[mark(2 * HOUR), mark(7 * HOUR)], &uses);
        let got: Vec<(Span, Millis, u64)> =
            s.buckets.iter().map(|b| (b.span, b.start_ms, b.counts.iter().map(|c| c.quantity).sum())).collect();
        assert_eq!(got, [(Span::Hour, 2 * HOUR, 4), (Span::Hour, 7 * HOUR, 0), (Span::Day, 0, 7)]);
        assert_eq!((s.generation, s.cleared.len()), (4, 2));
        let again = settlement(&"p".into(), &view, &[mark(2 * HOUR), mark(7 * HOUR)], &uses);
        assert_eq!(again, s, "the same records give the same buckets");
    }
}

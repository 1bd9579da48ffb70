//! Per-project limits: concurrent egress, egress minutes and participant minutes per calendar
//! month (UTC), as the usage meters count them (`core::usage`). An egress start or ingress
//! create over a hard limit is refused, naming the limit and the figure; over a soft one it
//! goes ahead, logged. Reaching 80 % and 100 % of a monthly limit is `usage.threshold`, once a
//! month, from the leader's periodic check.

use super::usage::{egress_minutes, participant_uses};
use super::{Core, CoreError, CoreResult};
use crate::api;
use crate::model::{Millis, now_ms, rfc3339_ms};
use crate::store::{PageReq, ProjectLimits, ProjectRecord};

/// The start of the UTC calendar month `now` is in: its RFC 3339 date's month, day one.
pub fn month_start(now: Millis) -> Millis {
    let first = format!("{}-01T00:00:00Z", &rfc3339_ms(now)[..7]);
    humantime::parse_rfc3339(&first)
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_millis() as Millis)
}

/// What a project has used this month, and now.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Used {
    pub egress_minutes: u64,
    pub participant_minutes: u64,
    pub concurrent_egress: u32,
}

/// The first limit `used` is at or over, as (name, limit, used). Pure.
pub fn over(limits: &ProjectLimits, used: &Used) -> Option<(&'static str, u64, u64)> {
    let checks = [
        ("concurrent_egress", limits.concurrent_egress.map(u64::from), u64::from(used.concurrent_egress)),
        ("egress_minutes_per_month", limits.egress_minutes_per_month, used.egress_minutes),
        ("participant_minutes_per_month", limits.participant_minutes_per_month, used.participant_minutes),
    ];
    checks.into_iter().find_map(|(name, limit, used)| limit.filter(|l| used >= *l).map(|l| (name, l, used)))
}

/// The thresholds a monthly limit has reached and not yet announced this period: (limit,
/// percent, limit value, used). Pure.
pub fn crossings(limits: &ProjectLimits, used: &Used, period: Millis) -> Vec<(&'static str, u32, u64, u64)> {
    let mut out = Vec::new();
    let monthly = [
        ("egress_minutes_per_month", limits.egress_minutes_per_month, used.egress_minutes),
        ("participant_minutes_per_month", limits.participant_minutes_per_month, used.participant_minutes),
    ];
    for (name, limit, used) in monthly {
        let Some(limit) = limit.filter(|l| *l > 0) else { continue };
        for percent in [80u32, 100] {
            let sent = limits.sent.contains(&format!("{period}:{name}:{percent}"));
            if !sent && used * 100 >= limit * u64::from(percent) {
                out.push((name, percent, limit, used));
            }
        }
    }
    out
}

impl Core {
    /// The leader's check of every project with monthly limits: each threshold (80 %, 100 %)
    /// reached is `usage.threshold` to the project's endpoints that name it, once per month,
    /// recorded in the same commit as the event. Returns how many were sent.
    pub async fn usage_thresholds(&self) -> usize {
        let mut sent = 0;
        let now = now_ms();
        let period = month_start(now);
        for page in 1.. {
            let Ok(got) = self.store.projects(PageReq { page, limit: 100 }).await else { break };
            for p in got.items.iter().filter(|p| {
                p.limits.egress_minutes_per_month.is_some() || p.limits.participant_minutes_per_month.is_some()
            }) {
                match self.announce_thresholds(p, now, period).await {
                    Ok(n) => sent += n,
                    Err(e) => tracing::warn!(project_id = %p.id, error = %e, "cannot check usage thresholds"),
                }
            }
            if got.items.len() < 100 {
                break;
            }
        }
        sent
    }

    async fn announce_thresholds(&self, p: &ProjectRecord, now: Millis, period: Millis) -> CoreResult<usize> {
        let used = self.used(p, now).await?;
        let found = crossings(&p.limits, &used, period);
        if found.is_empty() {
            return Ok(0);
        }
        let mut next = p.clone();
        // Only this month's marks are kept.
        next.limits.sent.retain(|s| s.starts_with(&format!("{period}:")));
        let mut changes = crate::store::Changes::default();
        let endpoints: Vec<crate::store::EndpointRecord> = self
            .store
            .endpoints(&p.id)
            .await?
            .into_iter()
            .filter(|e| e.events.contains(&crate::model::EventKind::UsageThreshold))
            .collect();
        let mut events = Vec::new();
        for (limit, percent, limit_value, figure) in &found {
            next.limits.sent.push(format!("{period}:{limit}:{percent}"));
            tracing::warn!(project_id = %p.id, limit, percent, used = figure, "usage threshold reached");
            let data = super::views::data(api::UsageThresholdData {
                project_id: p.id.to_string(),
                limit: limit.to_string(),
                percent: *percent,
                limit_value: *limit_value,
                used: *figure,
                period_start: rfc3339_ms(period),
                soft: p.limits.soft,
            });
            let draft = super::events::Draft {
                project_id: &p.id,
                kind: crate::model::EventKind::UsageThreshold,
                room_name: None,
                livekit_event_id: None,
                data,
            };
            events.push(self.emit(&mut changes, &endpoints, draft).0);
        }
        changes.push(crate::store::Op::PutProject(next, crate::store::Expect::Rev(p.rev)));
        // Another daemon or a limits change got there first: the next pass sees theirs.
        Ok(match self.commit_events(changes, &events).await? {
            crate::store::Committed::Applied => found.len(),
            _ => 0,
        })
    }

    async fn used(&self, project: &ProjectRecord, now: Millis) -> CoreResult<Used> {
        let since = month_start(now);
        let mut used = Used::default();
        if project.limits.participant_minutes_per_month.is_some() {
            let sessions = self.store.sessions_of_project(&project.id).await?;
            for u in participant_uses(&sessions, now).iter().filter(|u| u.start_ms >= since) {
                used.participant_minutes += u.quantity;
            }
        }
        for e in self.all_egress(project).await? {
            if !e.status.is_final() {
                used.concurrent_egress += 1;
            }
            // An egress's minutes once, whatever its outputs.
            if let Some((_, minutes)) = egress_minutes(&e, now).filter(|(start, _)| *start >= since) {
                used.egress_minutes += minutes;
            }
        }
        Ok(used)
    }

    /// Before `what` (an egress start, an ingress create): refused over a hard limit; over a
    /// soft one, logged. No limits: nothing is read.
    pub async fn check_limits(&self, project: &ProjectRecord, what: &str) -> CoreResult<()> {
        let l = &project.limits;
        if l.concurrent_egress.is_none()
            && l.egress_minutes_per_month.is_none()
            && l.participant_minutes_per_month.is_none()
        {
            return Ok(());
        }
        let now = now_ms();
        let used = self.used(project, now).await?;
        let Some((name, limit, figure)) = over(l, &used) else { return Ok(()) };
        let period = if name == "concurrent_egress" {
            "now".to_string()
        } else {
            format!("since {}", rfc3339_ms(month_start(now)))
        };
        let message = format!(
            "the project's {} limit {name} = {limit} is reached ({figure} {period}); {what} {}",
            if l.soft { "soft" } else { "hard" },
            if l.soft {
                "goes ahead"
            } else {
                "is refused: raise the limit (pulse projects limits set) or wait for the next period"
            }
        );
        tracing::warn!(project_id = %project.id, limit = name, used = figure, soft = l.soft, "{message}");
        if l.soft { Ok(()) } else { Err(CoreError::Forbidden(message)) }
    }

    /// Sets a project's limits (admin); the fields absent stay as they are, 0 removes one.
    pub async fn set_limits(&self, id: &str, req: api::ProjectLimitsRequest) -> CoreResult<api::Project> {
        loop {
            let current = self.find_project(id).await?;
            let mut next = current.clone();
            let set = |v: Option<u64>, old: Option<u64>| match v {
                Some(0) => None,
                Some(n) => Some(n),
                None => old,
            };
            let l = &mut next.limits;
            l.egress_minutes_per_month = set(req.egress_minutes_per_month, l.egress_minutes_per_month);
            l.participant_minutes_per_month = set(req.participant_minutes_per_month, l.participant_minutes_per_month);
            l.concurrent_egress =
                set(req.concurrent_egress.map(u64::from), l.concurrent_egress.map(u64::from)).map(|n| n as u32);
            if let Some(soft) = req.soft {
                l.soft = soft;
            }
            let op = crate::store::Op::PutProject(next.clone(), crate::store::Expect::Rev(current.rev));
            let changes = crate::store::Changes { livekit_event: None, ops: vec![op] };
            if self.store.commit(changes).await? == crate::store::Committed::Applied {
                return Ok(super::views::project(&next));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_start_on_the_first_utc() {
        // 2026-12-06T15:20:00Z → 2026-12-01; 2024-02-29 → 2024-02-01; 2027-01-01 stays.
        assert_eq!(rfc3339_ms(month_start(1_796_570_400_000)), "2026-12-01T00:00:00.000Z");
        assert_eq!(rfc3339_ms(month_start(1_709_208_000_000)), "2024-02-01T00:00:00.000Z");
        assert_eq!(month_start(1_798_761_600_000), 1_798_761_600_000);
    }

    #[test]
    fn the_first_limit_reached_is_named() {
        let limits =
            ProjectLimits { concurrent_egress: Some(2), egress_minutes_per_month: Some(100), ..Default::default() };
        let used = |c, m| Used { concurrent_egress: c, egress_minutes: m, participant_minutes: 0 };
        assert_eq!(over(&limits, &used(1, 99)), None);
        assert_eq!(over(&limits, &used(2, 0)), Some(("concurrent_egress", 2, 2)));
        assert_eq!(over(&limits, &used(0, 120)), Some(("egress_minutes_per_month", 100, 120)));
        assert_eq!(over(&ProjectLimits::default(), &used(100, 100_000)), None);
    }
}

//! Stored usage buckets: what the leading daemon's aggregation keeps per project and hour (and
//! day), and the marks that say which hours a write has made stale since.
//!
//! Every commit that writes a metered record (a session, an egress, an ingress) marks the hour
//! its use begins in, in the same transaction ([`marked_hour`]); a settlement writes the
//! recomputed buckets and clears exactly the marks it read, so a write that lands meanwhile
//! leaves its mark for the next pass. Buckets hold closed uses only: a use still open changes
//! with the clock, and is read from its record at each ask.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::{Op, Result};
use crate::ids::ProjectId;
use crate::model::Millis;

pub const HOUR_MS: Millis = 3_600_000;
pub const DAY_MS: Millis = 24 * HOUR_MS;

/// The start of the `unit` (an hour, a day) that `t` falls in.
pub fn floor(t: Millis, unit: Millis) -> Millis {
    t - t.rem_euclid(unit)
}

/// `t` if it begins a `unit`, else the start of the next one.
pub fn ceil(t: Millis, unit: Millis) -> Millis {
    floor(t + unit - 1, unit)
}

/// A bucket's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Span {
    Hour,
    Day,
}

impl Span {
    pub fn as_str(self) -> &'static str {
        match self {
            Span::Hour => "hour",
            Span::Day => "day",
        }
    }
    pub fn ms(self) -> Millis {
        match self {
            Span::Hour => HOUR_MS,
            Span::Day => DAY_MS,
        }
    }
}

/// One meter's closed uses in one room that began in a bucket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageCount {
    pub room: String,
    pub meter: String,
    pub quantity: u64,
    pub uses: u64,
}

/// A project's closed uses that began in `[start_ms, start_ms + span)`, by room and meter.
/// A bucket without counts is not kept (writing one removes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageBucket {
    pub project_id: ProjectId,
    pub span: Span,
    pub start_ms: Millis,
    pub counts: Vec<UsageCount>,
}

/// An hour a write made stale; `token` tells this mark from a later one of the same hour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageMark {
    pub project_id: ProjectId,
    pub hour_ms: Millis,
    pub token: u64,
}

/// Where a project's buckets stand.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UsageView {
    /// A first pass has stored every hour of the project's (until then, nothing stored is
    /// whole).
    pub ready: bool,
    /// Settlements so far: a read that sees it move knows a settlement landed under it.
    pub generation: u64,
    /// Hours in the asked span with a mark (stale buckets), ascending.
    pub marked: Vec<Millis>,
}

/// A settlement: the project's buckets as recomputed, and the marks that were read before.
/// Applied only if the project's generation is still `generation` (one settlement at a
/// time, whichever daemon leads); it then becomes `generation + 1` and the project is ready.
#[derive(Debug, Clone, PartialEq)]
pub struct Settlement {
    pub project_id: ProjectId,
    pub generation: u64,
    pub buckets: Vec<UsageBucket>,
    pub cleared: Vec<UsageMark>,
}

/// The hour a write makes stale, if it writes a metered record: a participant's session by
/// its start, an egress by when it began recording, an ingress by its latest active span (the
/// only one a write changes).
pub fn marked_hour(op: &Op) -> Option<(&ProjectId, Millis)> {
    let start = match op {
        Op::PutSession(s, _) if s.participant_sid.is_some() => Some(s.started_ms),
        Op::PutEgress(e, _) => e.started_ms,
        Op::PutIngress(i, _) => i.activity.spans.last().map(|s| s.0),
        _ => None,
    }?;
    let project = match op {
        Op::PutSession(s, _) => &s.project_id,
        Op::PutEgress(e, _) => &e.project_id,
        Op::PutIngress(i, _) => &i.project_id,
        _ => return None,
    };
    Some((project, floor(start, HOUR_MS)))
}

/// The usage buckets and their marks.
#[async_trait]
pub trait Usage: Send + Sync {
    /// Up to `limit` marks of every project, oldest first (the aggregation's work).
    async fn usage_marks(&self, limit: usize) -> Result<Vec<UsageMark>>;
    /// A project's state and its marked hours in `[from_ms, to_ms)`.
    async fn usage_view(&self, project_id: &ProjectId, from_ms: Millis, to_ms: Millis) -> Result<UsageView>;
    /// A project's buckets of `span` that begin in `[from_ms, to_ms)`, oldest first.
    async fn usage_buckets(
        &self,
        project_id: &ProjectId,
        span: Span,
        from_ms: Millis,
        to_ms: Millis,
    ) -> Result<Vec<UsageBucket>>;
}

//! The usage buckets and their marks in sled's key space:
//!
//! ```text
//! UM/<project>/<hour ms, 8 bytes BE>               → token (u64 BE): the hour is stale
//! UB/<project>/<h|d>/<start ms, 8 bytes BE>        → the bucket's counts (postcard)
//! US/<project>                                     → (generation, ready) (postcard)
//! ```

use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;

use super::{SledStore, io};
use crate::ids::ProjectId;
use crate::model::Millis;
use crate::store::{Result, Settlement, Span, StoreError, Usage, UsageBucket, UsageCount, UsageMark, UsageView};

/// The next mark's token. Seeded from the clock when the writer starts, so a token written
/// by this run never repeats one an earlier run left in the tree.
static NEXT_TOKEN: AtomicU64 = AtomicU64::new(0);

pub fn seed_tokens() {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64);
    NEXT_TOKEN.fetch_max(now, Ordering::Relaxed);
}

/// A fresh mark value.
pub fn token() -> Vec<u8> {
    NEXT_TOKEN.fetch_add(1, Ordering::Relaxed).to_be_bytes().to_vec()
}

fn at(prefix: &[u8], ms: Millis) -> Vec<u8> {
    let mut k = prefix.to_vec();
    k.extend_from_slice(&(ms.max(0) as u64).to_be_bytes());
    k
}

pub fn marks_of(project: &str) -> Vec<u8> {
    format!("UM/{project}/").into_bytes()
}

pub fn mark_key(project: &str, hour_ms: Millis) -> Vec<u8> {
    at(&marks_of(project), hour_ms)
}

pub fn buckets_of(project: &str) -> Vec<u8> {
    format!("UB/{project}/").into_bytes()
}

fn span_prefix(project: &str, span: Span) -> Vec<u8> {
    let tag = match span {
        Span::Hour => "h",
        Span::Day => "d",
    };
    format!("UB/{project}/{tag}/").into_bytes()
}

pub fn state_key(project: &str) -> Vec<u8> {
    format!("US/{project}").into_bytes()
}

fn bad(e: postcard::Error) -> StoreError {
    StoreError::Data(e.to_string())
}

fn be(b: &[u8]) -> u64 {
    b.try_into().map_or(0, u64::from_be_bytes)
}

/// (generation, ready) from a state value.
pub fn state(v: Option<&[u8]>) -> Result<(u64, bool)> {
    v.map_or(Ok((0, false)), |b| postcard::from_bytes(b).map_err(bad))
}

/// A key and what to write there (`None`: remove it).
pub type KeyWrite = (Vec<u8>, Option<Vec<u8>>);

/// What a settlement writes, once its generation is checked: each bucket (removed when it has
/// no counts), each mark still holding the token that was read removed, the next state.
pub fn settled(s: &Settlement) -> Result<Vec<KeyWrite>> {
    let mut out = Vec::with_capacity(s.buckets.len() + 1);
    for b in &s.buckets {
        let k = at(&span_prefix(&b.project_id, b.span), b.start_ms);
        let v = (!b.counts.is_empty()).then(|| postcard::to_allocvec(&b.counts)).transpose().map_err(bad)?;
        out.push((k, v));
    }
    let next = postcard::to_allocvec(&(s.generation + 1, true)).map_err(bad)?;
    out.push((state_key(&s.project_id), Some(next)));
    Ok(out)
}

#[async_trait]
impl Usage for SledStore {
    async fn usage_marks(&self, limit: usize) -> Result<Vec<UsageMark>> {
        let mut out = Vec::new();
        for kv in self.tree.scan_prefix(b"UM/").take(limit) {
            let (k, v) = kv.map_err(io)?;
            // UM/<project>/<8 bytes>
            let Some(project) = k.get(3..k.len().saturating_sub(9)) else { continue };
            out.push(UsageMark {
                project_id: String::from_utf8_lossy(project).into_owned().into(),
                hour_ms: be(&k[k.len() - 8..]) as Millis,
                token: be(&v),
            });
        }
        Ok(out)
    }

    async fn usage_view(&self, project_id: &ProjectId, from_ms: Millis, to_ms: Millis) -> Result<UsageView> {
        let (generation, ready) = state(self.tree.get(state_key(project_id)).map_err(io)?.as_deref())?;
        let mut marked = Vec::new();
        for k in self.tree.range(mark_key(project_id, from_ms)..mark_key(project_id, to_ms.max(from_ms))).keys() {
            let k = k.map_err(io)?;
            marked.push(be(&k[k.len() - 8..]) as Millis);
        }
        Ok(UsageView { ready, generation, marked })
    }

    async fn usage_buckets(
        &self,
        project_id: &ProjectId,
        span: Span,
        from_ms: Millis,
        to_ms: Millis,
    ) -> Result<Vec<UsageBucket>> {
        let prefix = span_prefix(project_id, span);
        let mut out = Vec::new();
        for kv in self.tree.range(at(&prefix, from_ms)..at(&prefix, to_ms.max(from_ms))) {
            let (k, v) = kv.map_err(io)?;
            let counts: Vec<UsageCount> = postcard::from_bytes(&v).map_err(bad)?;
            out.push(UsageBucket {
                project_id: project_id.clone(),
                span,
                start_ms: be(&k[k.len() - 8..]) as Millis,
                counts,
            });
        }
        Ok(out)
    }
}

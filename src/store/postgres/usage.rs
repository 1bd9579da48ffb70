//! Reading the usage buckets and their marks in PostgreSQL (`usage_buckets`, `usage_marks`,
//! `usage_state`, migration 7; a settlement is written by `write`).

use async_trait::async_trait;
use tokio_postgres::types::Json;

use super::{PgStore, pg};
use crate::ids::ProjectId;
use crate::model::Millis;
use crate::store::{Result, Span, StoreError, Usage, UsageBucket, UsageCount, UsageMark, UsageView};

#[async_trait]
impl Usage for PgStore {
    async fn usage_marks(&self, limit: usize) -> Result<Vec<UsageMark>> {
        let rows = self
            .query("SELECT id, project_id, hour_ms FROM usage_marks ORDER BY id LIMIT $1", &[&(limit as i64)])
            .await?;
        Ok(rows
            .iter()
            .map(|r| UsageMark {
                token: r.get::<_, i64>(0) as u64,
                project_id: r.get::<_, String>(1).into(),
                hour_ms: r.get(2),
            })
            .collect())
    }

    async fn usage_view(&self, project_id: &ProjectId, from_ms: Millis, to_ms: Millis) -> Result<UsageView> {
        let c = self.client().await?;
        let state = c
            .query_opt("SELECT generation, ready FROM usage_state WHERE project_id = $1", &[&project_id])
            .await
            .map_err(pg)?;
        let marked = c
            .query(
                "SELECT DISTINCT hour_ms FROM usage_marks WHERE project_id = $1 AND hour_ms >= $2 AND hour_ms < $3 \
                 ORDER BY hour_ms",
                &[&project_id, &from_ms, &to_ms],
            )
            .await
            .map_err(pg)?;
        Ok(UsageView {
            ready: state.as_ref().is_some_and(|r| r.get(1)),
            generation: state.map_or(0, |r| r.get::<_, i64>(0) as u64),
            marked: marked.iter().map(|r| r.get(0)).collect(),
        })
    }

    async fn usage_buckets(
        &self,
        project_id: &ProjectId,
        span: Span,
        from_ms: Millis,
        to_ms: Millis,
    ) -> Result<Vec<UsageBucket>> {
        let rows = self
            .query(
                "SELECT start_ms, data FROM usage_buckets \
                 WHERE project_id = $1 AND span = $2 AND start_ms >= $3 AND start_ms < $4 ORDER BY start_ms",
                &[&project_id, &span.as_str(), &from_ms, &to_ms],
            )
            .await?;
        rows.iter()
            .map(|r| {
                let Json(counts): Json<Vec<UsageCount>> = r.try_get(1).map_err(|e| StoreError::Data(e.to_string()))?;
                Ok(UsageBucket { project_id: project_id.clone(), span, start_ms: r.get(0), counts })
            })
            .collect()
    }
}

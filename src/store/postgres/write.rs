//! The writes: a commit as one transaction (dedupe key, preconditions, every op), and a claim
//! of due deliveries with `FOR UPDATE SKIP LOCKED`.

use std::collections::HashMap;

use deadpool_postgres::{Object, Transaction};
use tokio_postgres::types::ToSql;

use super::rows::{self, PgRow, decode};
use super::{Notice, pg};
use crate::store::{
    Changes, Claim, Committed, DeliveryRecord, EgressRecord, EndpointRecord, Expect, IngressRecord, Op, ProjectRecord,
    Result,
};

/// Tables a project's data lives in (deleting a project empties them of it).
const PROJECT_TABLES: &[&str] = &["egress", "ingress", "endpoints", "events", "deliveries", "projects"];

/// Applies `changes` in one transaction; answers what it did and the notices to send once it
/// is committed.
pub async fn commit(client: &mut Object, changes: Changes) -> Result<(Committed, Vec<Notice>)> {
    let tx = client.transaction().await.map_err(pg)?;
    if let Some(id) = &changes.livekit_event {
        // First, so that a second daemon taking the same id waits here for this transaction
        // and then finds it taken.
        let stmt = tx
            .prepare_cached("INSERT INTO livekit_events (id, seen_ms) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .await
            .map_err(pg)?;
        if tx.execute(&stmt, &[id, &crate::model::now_ms()]).await.map_err(pg)? == 0 {
            tx.rollback().await.map_err(pg)?;
            return Ok((Committed::Duplicate, Vec::new()));
        }
    }
    let mut notices = Vec::new();
    for op in changes.ops {
        if let Op::PutEvent(e) = &op {
            notices.push(Notice::Event { project_id: e.project_id.clone(), event_id: e.id.clone() });
        }
        if let Err(why) = apply(&tx, op).await? {
            tx.rollback().await.map_err(pg)?;
            return Ok((Committed::Conflict(why), Vec::new()));
        }
    }
    tx.commit().await.map_err(pg)?;
    Ok((Committed::Applied, notices))
}

async fn apply(tx: &Transaction<'_>, op: Op) -> Result<std::result::Result<(), String>> {
    match op {
        Op::PutProject(r, e) => put::<ProjectRecord>(tx, &r, e).await,
        Op::PutEgress(r, e) => put::<EgressRecord>(tx, &r, e).await,
        Op::PutIngress(r, e) => put::<IngressRecord>(tx, &r, e).await,
        Op::PutEndpoint(r, e) => put::<EndpointRecord>(tx, &r, e).await,
        Op::PutEvent(r) => put(tx, &r, Expect::New).await,
        Op::PutDelivery(r, e) => put::<DeliveryRecord>(tx, &r, e).await,
        Op::DeleteEndpoint { project_id, id, expect } => {
            let n = match expect {
                Expect::Rev(r) => {
                    let sql = "DELETE FROM endpoints WHERE project_id = $1 AND id = $2 AND rev = $3";
                    exec(tx, sql, &[&project_id, &id, &(r as i64)]).await?
                }
                _ => exec(tx, "DELETE FROM endpoints WHERE project_id = $1 AND id = $2", &[&project_id, &id]).await?,
            };
            if n == 0 && matches!(expect, Expect::Rev(_)) {
                return Ok(Err(why_not::<EndpointRecord>(tx, &[project_id, id]).await?));
            }
            Ok(Ok(()))
        }
        Op::SeenLiveKitEvent { id, seen_ms } => {
            let sql = "INSERT INTO livekit_events (id, seen_ms) VALUES ($1, $2) ON CONFLICT DO NOTHING";
            exec(tx, sql, &[&id, &seen_ms]).await?;
            Ok(Ok(()))
        }
        Op::DeleteProject(id) => {
            for t in PROJECT_TABLES {
                exec(tx, &format!("DELETE FROM {t} WHERE project_id = $1"), &[&id]).await?;
            }
            Ok(Ok(()))
        }
    }
}

async fn exec(tx: &Transaction<'_>, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64> {
    let stmt = tx.prepare_cached(sql).await.map_err(pg)?;
    tx.execute(&stmt, params).await.map_err(pg)
}

/// Writes one record under `expect`; `Err` inside `Ok` names the failed precondition.
async fn put<T: PgRow>(tx: &Transaction<'_>, rec: &T, expect: Expect) -> Result<std::result::Result<(), String>> {
    let (sql, params) = rows::put(rec, expect);
    let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p.as_ref() as &(dyn ToSql + Sync)).collect();
    if exec(tx, &sql, &refs).await? > 0 {
        return Ok(Ok(()));
    }
    Ok(Err(match expect {
        Expect::New => format!("{} already exists", T::WHAT),
        _ => why_not::<T>(tx, &rec.key()).await?,
    }))
}

/// Why a conditional write of a `T` at `key` touched nothing.
async fn why_not<T: PgRow>(tx: &Transaction<'_>, key: &[String]) -> Result<String> {
    let sql = format!("SELECT 1 FROM {} WHERE {}", T::TABLE, rows::key_match(T::KEY));
    let params: Vec<&(dyn ToSql + Sync)> = key.iter().map(|k| k as &(dyn ToSql + Sync)).collect();
    let stmt = tx.prepare_cached(&sql).await.map_err(pg)?;
    Ok(if tx.query_opt(&stmt, &params).await.map_err(pg)?.is_some() {
        format!("{} changed meanwhile", T::WHAT)
    } else {
        format!("{} no longer exists", T::WHAT)
    })
}

/// Leases up to `c.limit` due deliveries (earliest first, within the per-endpoint caps) to
/// `c.lease_until_ms`. Rows another daemon is claiming are skipped, not waited for.
pub async fn claim(client: &mut Object, c: Claim) -> Result<Vec<DeliveryRecord>> {
    let tx = client.transaction().await.map_err(pg)?;
    let scan = (c.limit * 4 + 64) as i64;
    let stmt = tx
        .prepare_cached(
            "SELECT project_id, id, endpoint_id FROM deliveries WHERE due_ms <= $1 \
             ORDER BY due_ms LIMIT $2 FOR UPDATE SKIP LOCKED",
        )
        .await
        .map_err(pg)?;
    let due = tx.query(&stmt, &[&c.now_ms, &scan]).await.map_err(pg)?;
    let mut busy: HashMap<String, usize> = c.in_flight;
    let (mut projects, mut ids) = (Vec::new(), Vec::new());
    for row in &due {
        let endpoint: String = row.get(2);
        let n = busy.entry(endpoint).or_insert(0);
        if *n >= c.per_endpoint {
            continue;
        }
        *n += 1;
        projects.push(row.get::<_, String>(0));
        ids.push(row.get::<_, String>(1));
        if ids.len() >= c.limit {
            break;
        }
    }
    if ids.is_empty() {
        tx.rollback().await.map_err(pg)?;
        return Ok(Vec::new());
    }
    let stmt = tx
        .prepare_cached(
            "UPDATE deliveries d SET due_ms = $1 FROM unnest($2::text[], $3::text[]) AS c(project_id, id) \
             WHERE d.project_id = c.project_id AND d.id = c.id RETURNING d.rev, d.data, d.due_ms",
        )
        .await
        .map_err(pg)?;
    let rows = tx.query(&stmt, &[&c.lease_until_ms, &projects, &ids]).await.map_err(pg)?;
    tx.commit().await.map_err(pg)?;
    let mut out = rows.iter().map(decode).collect::<Result<Vec<DeliveryRecord>>>()?;
    out.sort_by_key(|d| d.created_ms);
    Ok(out)
}

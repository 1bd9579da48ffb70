//! The writes: a commit as one transaction (dedupe key, preconditions, every op), and a claim
//! of due deliveries with `FOR UPDATE SKIP LOCKED`.

use deadpool_postgres::{Object, Transaction};
use tokio_postgres::types::ToSql;

use super::rows::{self, PgRow, Value, decode};
use super::{Notice, pg};
use crate::store::{Changes, Claim, Committed, DeliveryRecord, EndpointRecord, Expect, Op, Result, Taken};

/// Tables a project's data lives in (deleting a project empties them of it).
const PROJECT_TABLES: &[&str] = &["egress", "ingress", "rules", "endpoints", "events", "deliveries", "projects"];

/// What it means when a statement of a commit touches no row.
enum IfNone {
    /// Nothing: it was allowed to find nothing.
    Fine,
    /// The LiveKit event id was taken in before.
    Duplicate,
    /// A record that had to be new exists.
    Exists(&'static str),
    /// A compare-and-swap missed: find out whether the record changed or went.
    Missed { table: &'static str, what: &'static str, key_cols: &'static [&'static str], key: Vec<String> },
}

/// One statement of a commit.
struct Step {
    sql: String,
    params: Vec<Value>,
    if_none: IfNone,
}

fn step(sql: impl Into<String>, params: Vec<Value>, if_none: IfNone) -> Step {
    Step { sql: sql.into(), params, if_none }
}

fn put_step<T: PgRow>(rec: &T, expect: Expect) -> Step {
    let (sql, params) = rows::put(rec, expect);
    let if_none = match expect {
        Expect::New => IfNone::Exists(T::WHAT),
        Expect::Rev(_) => IfNone::Missed { table: T::TABLE, what: T::WHAT, key_cols: T::KEY, key: rec.key() },
        Expect::Any => IfNone::Fine,
    };
    step(sql, params, if_none)
}

fn steps(op: Op, out: &mut Vec<Step>) {
    match op {
        Op::PutProject(r, e) => out.push(put_step(&r, e)),
        Op::PutEgress(r, e) => out.push(put_step(&r, e)),
        Op::PutIngress(r, e) => out.push(put_step(&r, e)),
        Op::PutEndpoint(r, e) => out.push(put_step(&r, e)),
        Op::PutEvent(r) => out.push(put_step(&r, Expect::New)),
        Op::PutDelivery(r, e) => out.push(put_step(&r, e)),
        Op::PutRule(r, e) => out.push(put_step(&r, e)),
        Op::DeleteRule { project_id, id } => out.push(step(
            "DELETE FROM rules WHERE project_id = $1 AND id = $2",
            vec![Box::new(project_id), Box::new(id)],
            IfNone::Fine,
        )),
        Op::DeleteEndpoint { project_id, id, expect } => out.push(match expect {
            Expect::Rev(r) => step(
                "DELETE FROM endpoints WHERE project_id = $1 AND id = $2 AND rev = $3",
                vec![Box::new(project_id.clone()), Box::new(id.clone()), Box::new(r as i64)],
                IfNone::Missed {
                    table: EndpointRecord::TABLE,
                    what: EndpointRecord::WHAT,
                    key_cols: EndpointRecord::KEY,
                    key: vec![project_id.into(), id.into()],
                },
            ),
            _ => step(
                "DELETE FROM endpoints WHERE project_id = $1 AND id = $2",
                vec![Box::new(project_id), Box::new(id)],
                IfNone::Fine,
            ),
        }),
        Op::SeenLiveKitEvent { id, seen_ms } => out.push(step(
            "INSERT INTO livekit_events (id, seen_ms) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            vec![Box::new(id), Box::new(seen_ms)],
            IfNone::Fine,
        )),
        Op::DeleteProject(id) => {
            for t in PROJECT_TABLES {
                out.push(step(
                    format!("DELETE FROM {t} WHERE project_id = $1"),
                    vec![Box::new(id.clone())],
                    IfNone::Fine,
                ));
            }
        }
    }
}

/// Applies `changes` in one transaction; answers what it did and the notices to send once it
/// is committed. The statements are pipelined (sent together, in order, answered together):
/// a commit costs three round trips however many records it writes.
pub async fn commit(client: &mut Object, changes: Changes) -> Result<(Committed, Vec<Notice>)> {
    let mut plan = Vec::with_capacity(changes.ops.len() + 1);
    if let Some(id) = &changes.livekit_event {
        // First, so that a second daemon taking the same id waits here for this transaction
        // and then finds it taken.
        plan.push(step(
            "INSERT INTO livekit_events (id, seen_ms) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            vec![Box::new(id.clone()), Box::new(crate::model::now_ms())],
            IfNone::Duplicate,
        ));
    }
    let mut notices = Vec::new();
    for op in changes.ops {
        if let Op::PutEvent(e) = &op {
            notices.push(Notice::Event { project_id: e.project_id.clone(), event_id: e.id.clone() });
        }
        steps(op, &mut plan);
    }
    let tx = client.transaction().await.map_err(pg)?;
    let statements =
        futures_util::future::try_join_all(plan.iter().map(|s| tx.prepare_cached(&s.sql))).await.map_err(pg)?;
    let params: Vec<Vec<&(dyn ToSql + Sync)>> =
        plan.iter().map(|s| s.params.iter().map(|p| p.as_ref() as &(dyn ToSql + Sync)).collect()).collect();
    let counts = futures_util::future::try_join_all(
        statements.iter().zip(&params).map(|(stmt, p)| tx.execute(stmt, p.as_slice())),
    )
    .await
    .map_err(pg)?;
    for (s, n) in plan.iter().zip(counts) {
        if n > 0 {
            continue;
        }
        let answer = match &s.if_none {
            IfNone::Fine => continue,
            IfNone::Duplicate => Committed::Duplicate,
            IfNone::Exists(what) => Committed::Conflict(format!("{what} already exists")),
            IfNone::Missed { table, what, key_cols, key } => {
                Committed::Conflict(why_not(&tx, table, what, key_cols, key).await?)
            }
        };
        tx.rollback().await.map_err(pg)?;
        return Ok((answer, Vec::new()));
    }
    tx.commit().await.map_err(pg)?;
    Ok((Committed::Applied, notices))
}

/// Why a conditional write at `key` touched nothing.
async fn why_not(tx: &Transaction<'_>, table: &str, what: &str, key_cols: &[&str], key: &[String]) -> Result<String> {
    let sql = format!("SELECT 1 FROM {table} WHERE {}", rows::key_match(key_cols));
    let params: Vec<&(dyn ToSql + Sync)> = key.iter().map(|k| k as &(dyn ToSql + Sync)).collect();
    let stmt = tx.prepare_cached(&sql).await.map_err(pg)?;
    Ok(if tx.query_opt(&stmt, &params).await.map_err(pg)?.is_some() {
        format!("{what} changed meanwhile")
    } else {
        format!("{what} no longer exists")
    })
}

/// Leases up to `c.limit` due deliveries (earliest first, within the per-endpoint and
/// per-project limits) to `c.lease_until_ms`. Rows of endpoints or projects already at their
/// limit are passed over in the scan, so one tenant's backlog never hides another's; rows
/// another daemon is claiming are skipped, not waited for.
pub async fn claim(client: &mut Object, c: Claim) -> Result<Vec<DeliveryRecord>> {
    let tx = client.transaction().await.map_err(pg)?;
    let scan = (c.limit * 4 + 64) as i64;
    let (full_endpoints, full_projects) = c.full();
    let stmt = tx
        .prepare_cached(
            "SELECT project_id, id, endpoint_id FROM deliveries WHERE due_ms <= $1 \
             AND NOT (endpoint_id = ANY($3)) AND NOT (project_id = ANY($4)) \
             ORDER BY due_ms LIMIT $2 FOR UPDATE SKIP LOCKED",
        )
        .await
        .map_err(pg)?;
    let due = tx.query(&stmt, &[&c.now_ms, &scan, &full_endpoints, &full_projects]).await.map_err(pg)?;
    let mut taken = Taken::default();
    let (mut projects, mut ids) = (Vec::new(), Vec::new());
    for row in &due {
        let (project, id, endpoint): (String, String, String) = (row.get(0), row.get(1), row.get(2));
        if !c.room(&taken, &project, &endpoint) {
            continue;
        }
        taken.add(&project, &endpoint);
        projects.push(project);
        ids.push(id);
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

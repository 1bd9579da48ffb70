//! The writes: a commit as one transaction (dedupe key, preconditions, every op), and a claim
//! of due deliveries with `FOR UPDATE SKIP LOCKED`.

use deadpool_postgres::{Object, Transaction};
use tokio_postgres::types::ToSql;

use tokio_postgres::types::Json;

use super::rows::{self, PgRow, Value, decode};
use super::{Notice, pg};
use crate::model::Millis;
use crate::store::{Changes, Claim, Committed, DeliveryRecord, EndpointRecord, Expect, Op, Result, Settlement, Taken};

/// Tables a project's data lives in (deleting a project empties them of it).
const PROJECT_TABLES: &[&str] = &[
    "egress",
    "ingress",
    "rules",
    "endpoints",
    "events",
    "deliveries",
    "sessions",
    "usage_buckets",
    "usage_marks",
    "usage_state",
    "projects",
];

/// What it means when a statement of a commit touches no row.
enum IfNone {
    /// Nothing: it was allowed to find nothing.
    Fine,
    /// The LiveKit event id was taken in before.
    Duplicate,
    /// A record that had to be new exists.
    Exists(&'static str),
    /// A precondition missed, as named.
    Conflict(&'static str),
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
        Expect::Any | Expect::IfAbsent => IfNone::Fine,
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
        Op::PutIdempotency(r, e) => out.push(put_step(&r, e)),
        Op::PutSession(r, e) => out.push(put_step(&r, e)),
        Op::DeleteIdempotency { owner, key } => out.push(step(
            "DELETE FROM idempotency WHERE owner = $1 AND key = $2",
            vec![Box::new(owner), Box::new(key)],
            IfNone::Fine,
        )),
        Op::SettleUsage(s) => settle(s, out),
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

const SETTLED: &str = "usage buckets were settled meanwhile";

/// The statements of a settlement (see `store::usage`): the generation moved on (or created)
/// first, so that two daemons settling one project cannot both land; each bucket written (or
/// removed when empty); the marks that were read deleted.
fn settle(s: Settlement, out: &mut Vec<Step>) {
    out.push(if s.generation == 0 {
        step(
            "INSERT INTO usage_state (project_id, generation, ready) VALUES ($1, 1, true) ON CONFLICT DO NOTHING",
            vec![Box::new(s.project_id.clone())],
            IfNone::Conflict(SETTLED),
        )
    } else {
        step(
            "UPDATE usage_state SET generation = generation + 1, ready = true \
             WHERE project_id = $1 AND generation = $2",
            vec![Box::new(s.project_id.clone()), Box::new(s.generation as i64)],
            IfNone::Conflict(SETTLED),
        )
    });
    for b in s.buckets {
        let key: Vec<Value> = vec![Box::new(b.project_id), Box::new(b.span.as_str()), Box::new(b.start_ms)];
        out.push(if b.counts.is_empty() {
            step("DELETE FROM usage_buckets WHERE project_id = $1 AND span = $2 AND start_ms = $3", key, IfNone::Fine)
        } else {
            let mut params = key;
            params.push(Box::new(Json(b.counts)));
            step(
                "INSERT INTO usage_buckets (project_id, span, start_ms, data) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (project_id, span, start_ms) DO UPDATE SET data = EXCLUDED.data",
                params,
                IfNone::Fine,
            )
        });
    }
    if !s.cleared.is_empty() {
        let ids: Vec<i64> = s.cleared.iter().map(|m| m.token as i64).collect();
        out.push(step("DELETE FROM usage_marks WHERE id = ANY($1)", vec![Box::new(ids)], IfNone::Fine));
    }
}

/// One commit, turned into statements: what it writes, the LiveKit event id it takes, and the
/// notices to send once it is durable.
pub struct Plan {
    livekit_event: Option<String>,
    steps: Vec<Step>,
    notices: Vec<Notice>,
    /// The hours its metered records make stale (see `store::usage`): written as one
    /// statement per transaction, each hour once, however many plans a batch holds.
    marks: Vec<(String, Millis)>,
}

impl Plan {
    pub fn new(changes: Changes) -> Plan {
        let mut plan =
            Plan { livekit_event: changes.livekit_event, steps: Vec::new(), notices: Vec::new(), marks: Vec::new() };
        plan.steps.reserve(changes.ops.len());
        for op in changes.ops {
            if let Op::PutEvent(e) = &op {
                plan.notices.push(Notice::Event { project_id: e.project_id.clone(), event_id: e.id.clone() });
            }
            if let Some((project, hour)) = crate::store::usage::marked_hour(&op) {
                plan.marks.push((project.to_string(), hour));
            }
            steps(op, &mut plan.steps);
        }
        plan
    }

    /// The notices, once the plan is committed.
    pub fn notices(self) -> Vec<Notice> {
        self.notices
    }
}

/// One statement marking the distinct hours of `plans` stale, if they mark any.
fn marks_step<'a>(plans: impl Iterator<Item = &'a Plan>) -> Option<Step> {
    let mut marks: Vec<&(String, Millis)> = plans.flat_map(|p| &p.marks).collect();
    marks.sort_unstable();
    marks.dedup();
    if marks.is_empty() {
        return None;
    }
    let projects: Vec<String> = marks.iter().map(|m| m.0.clone()).collect();
    let hours: Vec<Millis> = marks.iter().map(|m| m.1).collect();
    Some(step(
        "INSERT INTO usage_marks (project_id, hour_ms) SELECT * FROM unnest($1::text[], $2::bigint[])",
        vec![Box::new(projects), Box::new(hours)],
        IfNone::Fine,
    ))
}

fn seen_step(id: &str) -> Step {
    step(
        "INSERT INTO livekit_events (id, seen_ms) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        vec![Box::new(id.to_string()), Box::new(crate::model::now_ms())],
        IfNone::Duplicate,
    )
}

/// Sends `steps` together, in order, and answers how many rows each touched.
async fn pipeline(tx: &Transaction<'_>, steps: &[&Step]) -> Result<Vec<u64>> {
    let statements =
        futures_util::future::try_join_all(steps.iter().map(|s| tx.prepare_cached(&s.sql))).await.map_err(pg)?;
    let params: Vec<Vec<&(dyn ToSql + Sync)>> =
        steps.iter().map(|s| s.params.iter().map(|p| p.as_ref() as &(dyn ToSql + Sync)).collect()).collect();
    futures_util::future::try_join_all(statements.iter().zip(&params).map(|(stmt, p)| tx.execute(stmt, p.as_slice())))
        .await
        .map_err(pg)
}

/// Applies one plan in one transaction and answers what it did. The statements are pipelined
/// (sent together, in order, answered together): a commit costs three round trips however
/// many records it writes.
pub async fn commit(client: &mut Object, plan: &Plan) -> Result<Committed> {
    let seen = plan.livekit_event.as_deref().map(seen_step);
    // The event id first, so that a second daemon taking the same id waits here for this
    // transaction and then finds it taken.
    let marks = marks_step(std::iter::once(plan));
    let all: Vec<&Step> = seen.iter().chain(&plan.steps).chain(&marks).collect();
    let tx = client.transaction().await.map_err(pg)?;
    let counts = pipeline(&tx, &all).await?;
    for (s, n) in all.iter().zip(counts) {
        if n > 0 {
            continue;
        }
        let answer = match &s.if_none {
            IfNone::Fine => continue,
            IfNone::Duplicate => Committed::Duplicate,
            IfNone::Exists(what) => Committed::Conflict(format!("{what} already exists")),
            IfNone::Conflict(why) => Committed::Conflict(why.to_string()),
            IfNone::Missed { table, what, key_cols, key } => {
                Committed::Conflict(why_not(&tx, table, what, key_cols, key).await?)
            }
        };
        tx.rollback().await.map_err(pg)?;
        return Ok(answer);
    }
    tx.commit().await.map_err(pg)?;
    Ok(Committed::Applied)
}

/// Applies several plans in one transaction (group commit: one WAL flush and three round
/// trips for all of them). First the LiveKit event ids, in one statement and in sorted order
/// (so two daemons lock them in the same order); then every statement of the plans whose id
/// was new, pipelined. `None` when the batch cannot be answered as a whole (a statement failed
/// or a precondition missed): nothing of it is written, and each plan must be committed alone
/// to get its own answer.
pub async fn commit_batch(client: &mut Object, plans: &[Plan]) -> Result<Option<Vec<Committed>>> {
    let mut ids: Vec<&str> = plans.iter().filter_map(|p| p.livekit_event.as_deref()).collect();
    ids.sort_unstable();
    ids.dedup();
    let tx = client.transaction().await.map_err(pg)?;
    let mut fresh = std::collections::HashSet::new();
    if !ids.is_empty() {
        let stmt = tx
            .prepare_cached(
                "INSERT INTO livekit_events (id, seen_ms) SELECT id, $2 FROM unnest($1::text[]) AS t(id) \
                 ON CONFLICT DO NOTHING RETURNING id",
            )
            .await
            .map_err(pg)?;
        for row in tx.query(&stmt, &[&ids, &crate::model::now_ms()]).await.map_err(pg)? {
            fresh.insert(row.get::<_, String>(0));
        }
    }
    // Each new id belongs to the first plan that names it; a later one is its duplicate.
    let answers: Vec<Committed> = plans
        .iter()
        .map(|p| match &p.livekit_event {
            Some(id) if !fresh.remove(id) => Committed::Duplicate,
            _ => Committed::Applied,
        })
        .collect();
    let applied = || plans.iter().zip(&answers).filter(|(_, a)| **a == Committed::Applied).map(|(p, _)| p);
    let marks = marks_step(applied());
    let all: Vec<&Step> = applied().flat_map(|p| &p.steps).chain(&marks).collect();
    let whole = match pipeline(&tx, &all).await {
        Ok(counts) => all.iter().zip(counts).all(|(s, n)| n > 0 || matches!(s.if_none, IfNone::Fine)),
        Err(_) => false,
    };
    if !whole {
        let _ = tx.rollback().await;
        return Ok(None);
    }
    tx.commit().await.map_err(pg)?;
    Ok(Some(answers))
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
/// limit are passed over in the scan, so one tenant's backlog never hides another's.
///
/// The scan is a plain read: only the rows chosen from it are locked, and those another
/// daemon is claiming are skipped, not waited for (`SKIP LOCKED`); one leased meanwhile is no
/// longer due when its lock is taken and is left out. Locking the whole scan instead wrote a
/// lock for every row looked at (a one-endpoint storm locked 128 rows to take a few).
pub async fn claim(client: &mut Object, c: Claim) -> Result<Vec<DeliveryRecord>> {
    // The whole bound on a deep walk, the shallow one otherwise (see `Claim::scan`): the scan
    // is most of a claim's cost.
    let deep = c.limit * 4 + 64;
    let scan = c.scan.map_or(deep, |s| s.min(deep)) as i64;
    let (full_endpoints, full_projects) = c.full();
    let stmt = client
        .prepare_cached(
            "SELECT project_id, id, endpoint_id FROM deliveries d WHERE due_ms <= $1 \
             AND NOT (endpoint_id = ANY($3)) AND NOT (project_id = ANY($4)) \
             AND (order_key IS NULL OR NOT EXISTS (SELECT 1 FROM deliveries o \
                  WHERE o.endpoint_id = d.endpoint_id AND o.order_key = d.order_key \
                  AND o.due_ms IS NOT NULL AND o.id COLLATE \"C\" < d.id COLLATE \"C\")) \
             ORDER BY due_ms LIMIT $2",
        )
        .await
        .map_err(pg)?;
    let due = client.query(&stmt, &[&c.now_ms, &scan, &full_endpoints, &full_projects]).await.map_err(pg)?;
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
        return Ok(Vec::new());
    }
    // A lease need not wait for the WAL flush (`synchronous_commit` off for this transaction
    // alone, so nothing of it outlives the claim on a pooled connection): other daemons see it
    // as soon as it commits, and if the server itself crashes before the flush, the lease is
    // forgotten and the delivery is due again, which is what a lease is for. BEGIN, the lease
    // and COMMIT go out together: a claim costs two round trips.
    let stmt = client
        .prepare_cached(
            "WITH c AS (SELECT d.project_id, d.id FROM deliveries d \
             JOIN unnest($2::text[], $3::text[]) AS u(project_id, id) ON d.project_id = u.project_id AND d.id = u.id \
             WHERE d.due_ms <= $4 FOR UPDATE OF d SKIP LOCKED) \
             UPDATE deliveries d SET due_ms = $1 FROM c \
             WHERE d.project_id = c.project_id AND d.id = c.id RETURNING d.rev, d.data, d.due_ms",
        )
        .await
        .map_err(pg)?;
    // A failed lease makes the COMMIT a rollback; either way the transaction ends here.
    let (begun, rows, ended) = futures_util::future::join3(
        client.batch_execute("BEGIN; SET LOCAL synchronous_commit TO OFF"),
        client.query(&stmt, &[&c.lease_until_ms, &projects, &ids, &c.now_ms]),
        client.batch_execute("COMMIT"),
    )
    .await;
    begun.map_err(pg)?;
    let rows = rows.map_err(pg)?;
    ended.map_err(pg)?;
    let mut out = rows.iter().map(decode).collect::<Result<Vec<DeliveryRecord>>>()?;
    out.sort_by_key(|d| d.created_ms);
    Ok(out)
}

//! The shared backend: PostgreSQL, for several daemons on one database. The only code in
//! pulse that names tokio-postgres.
//!
//! A commit is one transaction (synchronous commit: it returns once the WAL is flushed, and
//! PostgreSQL shares flushes between concurrent commits by itself). A LiveKit event id is a
//! unique key, so a retried webhook is a duplicate on whichever daemon it lands. Deliveries are
//! claimed with `FOR UPDATE SKIP LOCKED` and leased by moving their due time past the request
//! timeout, so a dead daemon's claims simply come due again. Daemons tell each other about new
//! events with `NOTIFY`, and one of them at a time (an advisory lock) runs the singleton jobs;
//! see `listen`.

mod batch;
mod listen;
mod rows;
mod schema;
mod usage;
mod write;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio::sync::{broadcast, mpsc};
use tokio_postgres::NoTls;
use tokio_postgres::types::ToSql;

use rows::{PgRow, decode};

use super::*;
use crate::ids::*;
use crate::model::Millis;

/// How long a request waits for a connection (or to make one) before answering 503.
const POOL_WAIT: Duration = Duration::from_secs(2);
/// How long connecting to the server may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// The PostgreSQL store. Cheap to clone.
#[derive(Clone)]
pub struct PgStore {
    pool: Pool,
    shared: Arc<Shared>,
}

/// What the store's background tasks share with it.
struct Shared {
    /// This daemon's name in notices (so it skips its own).
    instance: String,
    notices: broadcast::Sender<Notice>,
    /// Notices to send, coalesced by the notifier.
    outbox: mpsc::UnboundedSender<Notice>,
    leader: AtomicBool,
    size: AtomicU64,
    commits: AtomicU64,
    commit_nanos: AtomicU64,
    /// Commits on their way to the committers (see `batch`), and the transactions they took.
    jobs: mpsc::Sender<batch::Job>,
    batches: Arc<AtomicU64>,
}

/// A tokio-postgres error as the store's: what says the server is unreachable is
/// [`StoreError::Unavailable`] (503, retry), the rest an I/O failure.
fn pg(e: tokio_postgres::Error) -> StoreError {
    use tokio_postgres::error::SqlState;
    let lost = match e.code() {
        None => true,
        Some(c) => {
            c.code().starts_with("08")
                || [SqlState::ADMIN_SHUTDOWN, SqlState::CRASH_SHUTDOWN, SqlState::CANNOT_CONNECT_NOW].contains(c)
                || *c == SqlState::TOO_MANY_CONNECTIONS
        }
    };
    if lost { StoreError::Unavailable(e.to_string()) } else { StoreError::Io(e.to_string()) }
}

/// No connection to be had: whatever the server said (refused, restarting, not accepting
/// connections to this database), it is away for now.
fn pool_err(e: deadpool_postgres::PoolError) -> StoreError {
    StoreError::Unavailable(e.to_string())
}

/// Where a URL points, without its password (for messages).
fn describe(cfg: &tokio_postgres::Config) -> String {
    use tokio_postgres::config::Host;
    let host = match cfg.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(Host::Unix(p)) => p.display().to_string(),
        None => "localhost".into(),
    };
    let port = cfg.get_ports().first().copied().unwrap_or(5432);
    format!(
        "{}@{host}:{port}/{}",
        cfg.get_user().unwrap_or("(user)"),
        cfg.get_dbname().unwrap_or(cfg.get_user().unwrap_or("(database)"))
    )
}

impl PgStore {
    /// Connects to `url` with at most `pool_size` connections, applies the migrations the
    /// database lacks and starts the listener. Every failure names `store.url`.
    pub async fn open(url: &str, pool_size: usize) -> Result<PgStore> {
        let fail = |what: String| StoreError::Connect(format!("store.url: {what}"));
        let mut cfg: tokio_postgres::Config = url.parse().map_err(|e| {
            fail(format!("not a PostgreSQL URL ({e}); use postgres://user:password@host:5432/database"))
        })?;
        cfg.connect_timeout(CONNECT_TIMEOUT);
        if cfg.get_application_name().is_none() {
            cfg.application_name("pulse");
        }
        let at = describe(&cfg);
        // One connection first: a wrong URL, password or host fails here, once, clearly.
        let (mut client, conn) =
            cfg.connect(NoTls).await.map_err(|e| fail(format!("cannot connect to {at}: {}", reason(&e))))?;
        let driver = tokio::spawn(conn);
        schema::migrate(&mut client).await.map_err(|e| fail(format!("cannot migrate the schema in {at}: {e}")))?;
        let size: i64 = client
            .query_one("SELECT pg_database_size(current_database())", &[])
            .await
            .map_err(|e| fail(format!("cannot read from {at}: {e}")))?
            .get(0);
        drop(client);
        let _ = driver.await;

        let manager =
            Manager::from_config(cfg.clone(), NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        let pool = Pool::builder(manager)
            .max_size(pool_size.max(1))
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(POOL_WAIT))
            .create_timeout(Some(POOL_WAIT))
            .recycle_timeout(Some(POOL_WAIT))
            .build()
            .map_err(|e| fail(e.to_string()))?;
        let (notices, _) = broadcast::channel(4096);
        let (outbox, outbox_rx) = mpsc::unbounded_channel();
        let batches = Arc::new(AtomicU64::new(0));
        let jobs = batch::start(pool.clone(), pool_size, batches.clone());
        let shared = Arc::new(Shared {
            instance: crate::util::new_id("pd"),
            notices,
            outbox,
            leader: AtomicBool::new(false),
            size: AtomicU64::new(size as u64),
            commits: AtomicU64::new(0),
            commit_nanos: AtomicU64::new(0),
            jobs,
            batches,
        });
        tokio::spawn(listen::listener(cfg, Arc::downgrade(&shared)));
        tokio::spawn(listen::notifier(pool.clone(), shared.instance.clone(), outbox_rx));
        tracing::info!(database = %at, pool_size, "store: PostgreSQL");
        Ok(PgStore { pool, shared })
    }

    async fn client(&self) -> Result<deadpool_postgres::Object> {
        self.pool.get().await.map_err(pool_err)
    }

    /// Rows of `sql`.
    async fn query(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<tokio_postgres::Row>> {
        let c = self.client().await?;
        let stmt = c.prepare_cached(sql).await.map_err(pg)?;
        c.query(&stmt, params).await.map_err(pg)
    }

    /// One record of `T` by its key.
    async fn one<T: PgRow>(&self, key: &[&str]) -> Result<Option<T>> {
        let sql = format!("SELECT {} FROM {} WHERE {}", T::SELECT, T::TABLE, rows::key_match(T::KEY));
        let params: Vec<&(dyn ToSql + Sync)> = key.iter().map(|k| k as &(dyn ToSql + Sync)).collect();
        self.query(&sql, &params).await?.first().map(decode).transpose()
    }

    /// One record of `T` found by `column = value`, within `project` when given.
    async fn by<T: PgRow>(&self, column: &str, value: &str, project: Option<&str>) -> Result<Option<T>> {
        let rows = match project {
            Some(p) => {
                let sql =
                    format!("SELECT {} FROM {} WHERE {column} = $1 AND project_id = $2 LIMIT 1", T::SELECT, T::TABLE);
                self.query(&sql, &[&value, &p]).await?
            }
            None => {
                let sql = format!("SELECT {} FROM {} WHERE {column} = $1 LIMIT 1", T::SELECT, T::TABLE);
                self.query(&sql, &[&value]).await?
            }
        };
        rows.first().map(decode).transpose()
    }

    /// A page of `T` matching `filter` (with `params` from `$1`), newest first, and the total.
    async fn page<T: PgRow>(&self, filter: &str, params: &[&(dyn ToSql + Sync)], page: PageReq) -> Result<Paged<T>> {
        let n = params.len();
        let list = format!(
            "SELECT {} FROM {} WHERE {filter} ORDER BY id DESC LIMIT ${} OFFSET ${}",
            T::SELECT,
            T::TABLE,
            n + 1,
            n + 2
        );
        let limit = i64::from(page.limit);
        let offset = page.skip() as i64;
        let mut all: Vec<&(dyn ToSql + Sync)> = params.to_vec();
        all.push(&limit);
        all.push(&offset);
        let items = self.query(&list, &all).await?.iter().map(decode).collect::<Result<Vec<T>>>()?;
        // The count is only needed when the page does not already tell it.
        let total = if page.skip() == 0 && items.len() < page.limit as usize {
            items.len() as u64
        } else {
            let count = format!("SELECT count(*) FROM {} WHERE {filter}", T::TABLE);
            let rows = self.query(&count, params).await?;
            rows.first().map_or(0, |r| r.get::<_, i64>(0)) as u64
        };
        Ok(Paged { items, total })
    }
}

/// Why a connection failed, in a line (tokio-postgres puts the cause in `source`).
fn reason(e: &tokio_postgres::Error) -> String {
    use std::error::Error;
    match e.source() {
        Some(s) => format!("{e}: {s}"),
        None => e.to_string(),
    }
}

#[async_trait]
impl Writes for PgStore {
    async fn commit(&self, changes: Changes) -> Result<Committed> {
        let t0 = std::time::Instant::now();
        let (done, notices) = batch::commit(&self.shared.jobs, changes).await?;
        self.shared.commits.fetch_add(1, Ordering::Relaxed);
        self.shared.commit_nanos.fetch_add(t0.elapsed().as_nanos() as u64, Ordering::Relaxed);
        for n in notices {
            let _ = self.shared.outbox.send(n);
        }
        Ok(done)
    }
}

#[async_trait]
impl Projects for PgStore {
    async fn project(&self, id: &ProjectId) -> Result<Option<ProjectRecord>> {
        self.one(&[id]).await
    }

    async fn project_by_key_hash(&self, hash: &str) -> Result<Option<ProjectRecord>> {
        self.by("key_hash", hash, None).await
    }

    async fn idempotency(&self, owner: &str, key: &str) -> Result<Option<IdempotencyRecord>> {
        self.one(&[owner, key]).await
    }

    async fn projects(&self, page: PageReq) -> Result<Paged<ProjectRecord>> {
        // Projects have no `id` column of their own: order by the key.
        let limit = i64::from(page.limit);
        let offset = page.skip() as i64;
        let rows = self
            .query("SELECT rev, data FROM projects ORDER BY project_id DESC LIMIT $1 OFFSET $2", &[&limit, &offset])
            .await?;
        let items = rows.iter().map(decode).collect::<Result<Vec<ProjectRecord>>>()?;
        let total = self.query("SELECT count(*) FROM projects", &[]).await?.first().map_or(0, |r| r.get::<_, i64>(0));
        Ok(Paged { items, total: total as u64 })
    }
}

#[async_trait]
impl Media for PgStore {
    async fn egress(&self, project_id: &ProjectId, id: &str) -> Result<Option<EgressRecord>> {
        match self.by("livekit_id", id, Some(project_id)).await? {
            Some(e) => Ok(Some(e)),
            None => self.one(&[project_id, id]).await,
        }
    }

    async fn egress_by_livekit(&self, livekit_id: &str) -> Result<Option<EgressRecord>> {
        self.by("livekit_id", livekit_id, None).await
    }

    async fn egress_list(
        &self,
        project_id: &ProjectId,
        f: &EgressFilter,
        page: PageReq,
    ) -> Result<Paged<EgressRecord>> {
        let status = f.status.map(|s| s.as_str().to_string());
        let mut filter = "project_id = $1".to_string();
        let mut params: Vec<&(dyn ToSql + Sync)> = vec![&project_id];
        if let Some(s) = &status {
            params.push(s);
            filter += &format!(" AND status = ${}", params.len());
        }
        if let Some(r) = &f.room_name {
            params.push(r);
            filter += &format!(" AND room_name = ${}", params.len());
        }
        self.page(&filter, &params, page).await
    }

    async fn egress_unfinished(&self) -> Result<Vec<EgressRecord>> {
        let rows = self.query("SELECT rev, data FROM egress WHERE status NOT IN ('ended', 'failed')", &[]).await?;
        rows.iter().map(decode).collect()
    }

    async fn egress_to_verify(&self, now_ms: Millis) -> Result<Vec<EgressRecord>> {
        let rows = self.query("SELECT rev, data FROM egress WHERE verify_due <= $1", &[&now_ms]).await?;
        rows.iter().map(decode).collect()
    }

    async fn ingress(&self, project_id: &ProjectId, id: &str) -> Result<Option<IngressRecord>> {
        match self.by("livekit_id", id, Some(project_id)).await? {
            Some(i) => Ok(Some(i)),
            None => self.one(&[project_id, id]).await,
        }
    }

    async fn ingress_by_livekit(&self, livekit_id: &str) -> Result<Option<IngressRecord>> {
        self.by("livekit_id", livekit_id, None).await
    }

    async fn rule(&self, project_id: &ProjectId, id: &RuleId) -> Result<Option<RuleRecord>> {
        self.one(&[project_id, id]).await
    }

    async fn any_rules(&self) -> Result<bool> {
        Ok(!self.query("SELECT 1 FROM rules LIMIT 1", &[]).await?.is_empty())
    }

    async fn rules(&self, project_id: &ProjectId) -> Result<Vec<RuleRecord>> {
        let rows =
            self.query("SELECT rev, data FROM rules WHERE project_id = $1 ORDER BY id DESC", &[&project_id]).await?;
        rows.iter().map(decode).collect()
    }

    async fn ingress_list(
        &self,
        project_id: &ProjectId,
        f: &IngressFilter,
        page: PageReq,
    ) -> Result<Paged<IngressRecord>> {
        let mut filter = "project_id = $1".to_string();
        let mut params: Vec<&(dyn ToSql + Sync)> = vec![&project_id];
        if !f.include_deleted {
            filter += " AND NOT deleted";
        }
        if let Some(r) = &f.room_name {
            params.push(r);
            filter += &format!(" AND room_name = ${}", params.len());
        }
        self.page(&filter, &params, page).await
    }
}

#[async_trait]
impl Webhooks for PgStore {
    async fn endpoint(&self, project_id: &ProjectId, id: &EndpointId) -> Result<Option<EndpointRecord>> {
        self.one(&[project_id, id]).await
    }

    async fn endpoints(&self, project_id: &ProjectId) -> Result<Vec<EndpointRecord>> {
        let rows = self
            .query("SELECT rev, data FROM endpoints WHERE project_id = $1 ORDER BY id DESC", &[&project_id])
            .await?;
        rows.iter().map(decode).collect()
    }

    async fn event(&self, project_id: &ProjectId, id: &EventId) -> Result<Option<EventRecord>> {
        self.one(&[project_id, id]).await
    }

    async fn project_endpoints(&self, project_id: &ProjectId) -> Result<Option<Vec<EndpointRecord>>> {
        // One row with NULLs for a project without endpoints, none for no project.
        let rows = self
            .query(
                "SELECT e.rev, e.data FROM projects p LEFT JOIN endpoints e ON e.project_id = p.project_id \
                 WHERE p.project_id = $1 ORDER BY e.id DESC",
                &[&project_id],
            )
            .await?;
        if rows.is_empty() {
            return Ok(None);
        }
        let found = rows.iter().filter(|r| r.try_get::<_, Option<i64>>("rev").ok().flatten().is_some());
        Ok(Some(found.map(decode).collect::<Result<_>>()?))
    }

    async fn attempt_context(
        &self,
        project_id: &ProjectId,
        endpoint_id: &EndpointId,
        event_id: &EventId,
    ) -> Result<(Option<EndpointRecord>, Option<EventRecord>)> {
        // Every delivery attempt reads both: one round trip instead of two.
        let rows = self
            .query(
                "SELECT 'w' AS kind, rev, data FROM endpoints WHERE project_id = $1 AND id = $2 \
                 UNION ALL SELECT 'v', rev, data FROM events WHERE project_id = $1 AND id = $3",
                &[&project_id, &endpoint_id, &event_id],
            )
            .await?;
        let (mut endpoint, mut event) = (None, None);
        for row in &rows {
            match row.try_get::<_, &str>("kind").map_err(|e| StoreError::Data(e.to_string()))? {
                "w" => endpoint = Some(decode(row)?),
                _ => event = Some(decode(row)?),
            }
        }
        Ok((endpoint, event))
    }

    async fn delivery(&self, project_id: &ProjectId, id: &DeliveryId) -> Result<Option<DeliveryRecord>> {
        self.one(&[project_id, id]).await
    }

    async fn deliveries(&self, project_id: &ProjectId, f: &LogFilter, page: PageReq) -> Result<Paged<DeliveryRecord>> {
        let status = f.status.map(|s| s.as_str().to_string());
        let event = f.event.map(|e| e.as_str().to_string());
        let mut filter = "project_id = $1".to_string();
        let mut params: Vec<&(dyn ToSql + Sync)> = vec![&project_id];
        let endpoint = f.endpoint_id.as_ref().map(|e| e.to_string());
        for (column, value) in [("status", &status), ("event", &event), ("endpoint_id", &endpoint)] {
            if let Some(v) = value {
                params.push(v);
                filter += &format!(" AND {column} = ${}", params.len());
            }
        }
        if let Some(s) = &f.since_ms {
            params.push(s);
            filter += &format!(" AND created_ms >= ${}", params.len());
        }
        if let Some(u) = &f.until_ms {
            params.push(u);
            filter += &format!(" AND created_ms <= ${}", params.len());
        }
        self.page(&filter, &params, page).await
    }
}

#[async_trait]
impl Sessions for PgStore {
    async fn session(
        &self,
        project_id: &ProjectId,
        room_sid: &str,
        participant_sid: Option<&str>,
    ) -> Result<Option<SessionRecord>> {
        self.one(&[project_id, &rows::session_id(room_sid, participant_sid)]).await
    }

    async fn sessions_open(&self, project_id: Option<&ProjectId>) -> Result<Vec<SessionRecord>> {
        let rows = match project_id {
            Some(p) => {
                self.query(
                    "SELECT rev, data FROM sessions WHERE ended_ms IS NULL AND project_id = $1 ORDER BY id",
                    &[p],
                )
                .await?
            }
            None => {
                self.query("SELECT rev, data FROM sessions WHERE ended_ms IS NULL ORDER BY project_id, id", &[]).await?
            }
        };
        rows.iter().map(decode).collect()
    }

    async fn sessions_of_project(&self, project_id: &ProjectId) -> Result<Vec<SessionRecord>> {
        let rows =
            self.query("SELECT rev, data FROM sessions WHERE project_id = $1 ORDER BY id", &[&project_id]).await?;
        rows.iter().map(decode).collect()
    }

    async fn sessions_in_room(&self, project_id: &ProjectId, room_sid: &str) -> Result<Vec<SessionRecord>> {
        let room = rows::session_id(room_sid, None);
        let rows = self
            .query(
                "SELECT rev, data FROM sessions WHERE project_id = $1 AND room_sid = $2 AND id <> $3 ORDER BY id",
                &[&project_id, &room_sid, &room],
            )
            .await?;
        rows.iter().map(decode).collect()
    }
}

#[async_trait]
impl Queue for PgStore {
    /// `store::take_slot` in one statement, on the database's clock so that every daemon's
    /// slots line up: the upsert takes the slot when it begins within the horizon; otherwise
    /// it writes nothing and the row as it was says when to ask again.
    async fn rate_slot(&self, endpoint_id: &EndpointId, interval_ms: Millis, horizon_ms: Millis) -> Result<Slot> {
        let c = self.client().await?;
        let stmt = c
            .prepare_cached(
                "WITH n AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms), \
                 up AS (INSERT INTO endpoint_rates AS r (endpoint_id, tat_ms) SELECT $1, ms + $2 FROM n \
                   ON CONFLICT (endpoint_id) DO UPDATE SET tat_ms = greatest(r.tat_ms, EXCLUDED.tat_ms - $2) + $2 \
                   WHERE greatest(r.tat_ms, EXCLUDED.tat_ms - $2) <= EXCLUDED.tat_ms - $2 + $3 \
                   RETURNING tat_ms) \
                 SELECT (SELECT tat_ms FROM up), ms, (SELECT tat_ms FROM endpoint_rates WHERE endpoint_id = $1) FROM n",
            )
            .await
            .map_err(pg)?;
        let row = c.query_one(&stmt, &[&endpoint_id, &interval_ms, &horizon_ms]).await.map_err(pg)?;
        let (taken, now, before): (Option<i64>, i64, Option<i64>) = (row.get(0), row.get(1), row.get(2));
        Ok(match taken {
            Some(tat) => Slot::Taken { wait_ms: (tat - interval_ms - now).max(0) },
            None => Slot::Later { wait_ms: (before.unwrap_or(now) - horizon_ms - now).max(0) },
        })
    }

    async fn claim_due(&self, c: Claim) -> Result<Vec<DeliveryRecord>> {
        if c.limit == 0 {
            return Ok(Vec::new());
        }
        let mut client = self.client().await?;
        write::claim(&mut client, c).await
    }

    async fn queue_counts(&self, now_ms: Millis) -> Result<QueueCounts> {
        let rows = self
            .query(
                "SELECT count(*), count(*) FILTER (WHERE due_ms <= $1) FROM deliveries WHERE due_ms IS NOT NULL",
                &[&now_ms],
            )
            .await?;
        let r = rows.first().ok_or_else(|| StoreError::Data("no count".into()))?;
        Ok(QueueCounts { scheduled: r.get::<_, i64>(0) as u64, due: r.get::<_, i64>(1) as u64 })
    }

    async fn project_queue_counts(&self, project_id: &ProjectId, now_ms: Millis) -> Result<QueueCounts> {
        let rows = self
            .query(
                "SELECT count(*), count(*) FILTER (WHERE due_ms <= $1) FROM deliveries \
                 WHERE due_ms IS NOT NULL AND project_id = $2",
                &[&now_ms, &project_id],
            )
            .await?;
        let r = rows.first().ok_or_else(|| StoreError::Data("no count".into()))?;
        Ok(QueueCounts { scheduled: r.get::<_, i64>(0) as u64, due: r.get::<_, i64>(1) as u64 })
    }

    async fn next_due(&self) -> Result<Option<Millis>> {
        let rows = self.query("SELECT min(due_ms) FROM deliveries WHERE due_ms IS NOT NULL", &[]).await?;
        Ok(rows.first().and_then(|r| r.get::<_, Option<i64>>(0)))
    }
}

#[async_trait]
impl Upkeep for PgStore {
    async fn prune(&self, cutoff_ms: Millis) -> Result<u64> {
        let c = self.client().await?;
        let mut deliveries = 0;
        // In steps, so that no one statement holds many row locks for long.
        loop {
            let n = c
                .execute(
                    "DELETE FROM deliveries WHERE ctid IN (SELECT ctid FROM deliveries \
                     WHERE due_ms IS NULL AND created_ms < $1 LIMIT 5000)",
                    &[&cutoff_ms],
                )
                .await
                .map_err(pg)?;
            deliveries += n;
            if n < 5000 {
                break;
            }
        }
        c.execute("DELETE FROM events WHERE created_ms < $1", &[&cutoff_ms]).await.map_err(pg)?;
        c.execute("DELETE FROM livekit_events WHERE seen_ms < $1", &[&cutoff_ms]).await.map_err(pg)?;
        // A slot in the past says nothing the next one will not.
        c.execute("DELETE FROM endpoint_rates WHERE tat_ms < $1", &[&cutoff_ms]).await.map_err(pg)?;
        let stale = crate::model::now_ms() - IdempotencyRecord::KEEP_MS;
        c.execute("DELETE FROM idempotency WHERE created_ms < $1", &[&stale]).await.map_err(pg)?;
        Ok(deliveries)
    }

    async fn export(&self, kind: Kind, after: Option<String>, limit: usize) -> Result<Export> {
        // Keyset paging on each table's primary key; the cursor is `<project>\u{1f}<id>`.
        let (table, select, two_part) = match kind {
            Kind::Projects => ("projects", ProjectRecord::SELECT, false),
            Kind::Rules => ("rules", RuleRecord::SELECT, true),
            Kind::Endpoints => ("endpoints", EndpointRecord::SELECT, true),
            Kind::Egress => ("egress", EgressRecord::SELECT, true),
            Kind::Ingress => ("ingress", IngressRecord::SELECT, true),
            Kind::Events => ("events", EventRecord::SELECT, true),
            Kind::Deliveries => ("deliveries", DeliveryRecord::SELECT, true),
            Kind::LiveKitEvents => ("livekit_events", "id, seen_ms", false),
            Kind::Sessions => ("sessions", SessionRecord::SELECT, true),
        };
        let first = if kind == Kind::LiveKitEvents { "id" } else { "project_id" };
        let after = after.unwrap_or_default();
        let (a, b) = after.split_once('\u{1f}').unwrap_or((&after, ""));
        let limit = limit as i64;
        let rows = if two_part {
            let sql = format!(
                "SELECT project_id, id, {select} FROM {table} WHERE (project_id, id) > ($1, $2) \
                 ORDER BY project_id, id LIMIT $3"
            );
            self.query(&sql, &[&a, &b, &limit]).await?
        } else {
            let sql =
                format!("SELECT {first} AS k, {select} FROM {table} WHERE {first} > $1 ORDER BY {first} LIMIT $2");
            self.query(&sql, &[&a, &limit]).await?
        };
        let mut out = Export::default();
        for row in &rows {
            out.ops.push(match kind {
                Kind::Projects => Op::PutProject(decode(row)?, Expect::Any),
                Kind::Rules => Op::PutRule(decode(row)?, Expect::Any),
                Kind::Endpoints => Op::PutEndpoint(decode(row)?, Expect::Any),
                Kind::Egress => Op::PutEgress(decode(row)?, Expect::Any),
                Kind::Ingress => Op::PutIngress(decode(row)?, Expect::Any),
                Kind::Events => Op::PutEvent(decode(row)?),
                Kind::Deliveries => Op::PutDelivery(decode(row)?, Expect::Any),
                Kind::LiveKitEvents => Op::SeenLiveKitEvent { id: row.get("id"), seen_ms: row.get("seen_ms") },
                Kind::Sessions => Op::PutSession(decode(row)?, Expect::Any),
            });
            out.next = Some(if two_part {
                format!("{}\u{1f}{}", row.get::<_, String>("project_id"), row.get::<_, String>("id"))
            } else {
                row.get("k")
            });
        }
        if rows.len() < limit as usize {
            out.next = None;
        }
        Ok(out)
    }

    async fn count(&self, kind: Kind) -> Result<u64> {
        let table = match kind {
            Kind::Projects => "projects",
            Kind::Rules => "rules",
            Kind::Endpoints => "endpoints",
            Kind::Egress => "egress",
            Kind::Ingress => "ingress",
            Kind::Events => "events",
            Kind::Deliveries => "deliveries",
            Kind::LiveKitEvents => "livekit_events",
            Kind::Sessions => "sessions",
        };
        let rows = self.query(&format!("SELECT count(*) FROM {table}"), &[]).await?;
        Ok(rows.first().map_or(0, |r| r.get::<_, i64>(0)) as u64)
    }

    fn size_on_disk(&self) -> u64 {
        self.shared.size.load(Ordering::Relaxed)
    }

    fn commit_stats(&self) -> CommitStats {
        let commits = self.shared.commits.load(Ordering::Relaxed);
        let nanos = self.shared.commit_nanos.load(Ordering::Relaxed);
        CommitStats {
            batches: self.shared.batches.load(Ordering::Relaxed),
            commands: commits,
            flush_nanos: nanos,
            sync_nanos: 0,
        }
    }

    async fn close(&self) -> Result<()> {
        // Every acknowledged commit is already durable; this only lets the connections go.
        self.pool.close();
        Ok(())
    }
}

#[async_trait]
impl Cluster for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    fn notices(&self) -> Option<broadcast::Receiver<Notice>> {
        Some(self.shared.notices.subscribe())
    }

    async fn lead(&self) -> bool {
        self.shared.leader.load(Ordering::Relaxed)
    }

    async fn shared_admin_token(&self, fresh: &str) -> Result<Option<String>> {
        let c = self.client().await?;
        c.execute("INSERT INTO pulse_meta (key, value) VALUES ('admin_token', $1) ON CONFLICT DO NOTHING", &[&fresh])
            .await
            .map_err(pg)?;
        let rows = c.query("SELECT value FROM pulse_meta WHERE key = 'admin_token'", &[]).await.map_err(pg)?;
        Ok(rows.first().map(|r| r.get(0)))
    }
}

//! The PostgreSQL schema, as numbered migrations embedded in the binary. Each daemon applies
//! the ones its database lacks at start, under an advisory lock, so daemons starting together
//! take turns; a migration is never edited once released, only followed by a new one.

/// The advisory lock that serialises migrations (any constant nobody else uses).
pub const MIGRATION_LOCK: i64 = 0x7075_6c73_655f_6d67; // "pulse_mg"

/// `(version, SQL)`, in order.
pub const MIGRATIONS: &[(i32, &str)] = &[
    (
        1,
        r#"
-- Every record keeps its columns for indexes and its whole self in `data` (JSON, so an
-- operator can read it with psql); `rev` counts its writes (compare-and-swap).
CREATE TABLE projects (
    project_id text PRIMARY KEY,
    key_hash   text NOT NULL UNIQUE,
    rev        bigint NOT NULL,
    data       jsonb NOT NULL
);

CREATE TABLE egress (
    project_id text NOT NULL,
    id         text NOT NULL,
    livekit_id text,
    status     text NOT NULL,
    room_name  text NOT NULL,
    rev        bigint NOT NULL,
    data       jsonb NOT NULL,
    PRIMARY KEY (project_id, id)
);
CREATE INDEX egress_livekit ON egress (livekit_id) WHERE livekit_id IS NOT NULL;
CREATE INDEX egress_status ON egress (project_id, status, id);
CREATE INDEX egress_unfinished ON egress (id) WHERE status NOT IN ('ended', 'failed');

CREATE TABLE ingress (
    project_id text NOT NULL,
    id         text NOT NULL,
    livekit_id text NOT NULL,
    room_name  text NOT NULL,
    deleted    boolean NOT NULL,
    rev        bigint NOT NULL,
    data       jsonb NOT NULL,
    PRIMARY KEY (project_id, id)
);
CREATE INDEX ingress_livekit ON ingress (livekit_id);

CREATE TABLE endpoints (
    project_id text NOT NULL,
    id         text NOT NULL,
    rev        bigint NOT NULL,
    data       jsonb NOT NULL,
    PRIMARY KEY (project_id, id)
);

CREATE TABLE events (
    project_id text NOT NULL,
    id         text NOT NULL,
    created_ms bigint NOT NULL,
    rev        bigint NOT NULL,
    data       jsonb NOT NULL,
    PRIMARY KEY (project_id, id)
);
CREATE INDEX events_created ON events (created_ms);

CREATE TABLE deliveries (
    project_id  text NOT NULL,
    id          text NOT NULL,
    endpoint_id text NOT NULL,
    event       text NOT NULL,
    status      text NOT NULL,
    -- When a worker may next take it: the schedule, or a lease's end while an attempt is
    -- out (a dead daemon's lease simply comes due). NULL once delivered or failed.
    due_ms      bigint,
    created_ms  bigint NOT NULL,
    rev         bigint NOT NULL,
    data        jsonb NOT NULL,
    PRIMARY KEY (project_id, id)
);
CREATE INDEX deliveries_due ON deliveries (due_ms) WHERE due_ms IS NOT NULL;
CREATE INDEX deliveries_status ON deliveries (project_id, status, id);
CREATE INDEX deliveries_event ON deliveries (project_id, event, id);
CREATE INDEX deliveries_endpoint ON deliveries (project_id, endpoint_id, id);
CREATE INDEX deliveries_finished ON deliveries (created_ms) WHERE due_ms IS NULL;

-- LiveKit event ids taken in: the unique key that makes a retried webhook a duplicate on
-- whichever daemon it lands.
CREATE TABLE livekit_events (
    id      text PRIMARY KEY,
    seen_ms bigint NOT NULL
);
CREATE INDEX livekit_events_seen ON livekit_events (seen_ms);

-- Values every daemon shares (the admin token).
CREATE TABLE pulse_meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);
"#,
    ),
    (
        2,
        r#"
-- Recording rules (what egress to start in which rooms, and when).
CREATE TABLE rules (
    project_id text NOT NULL,
    id         text NOT NULL,
    rev        bigint NOT NULL,
    data       jsonb NOT NULL,
    PRIMARY KEY (project_id, id)
);
"#,
    ),
    (
        3,
        r#"
-- When an ended recording is next to be checked in the object store (NULL once it has been).
ALTER TABLE egress ADD COLUMN verify_due bigint;
CREATE INDEX egress_verify ON egress (verify_due) WHERE verify_due IS NOT NULL;
"#,
    ),
    (
        4,
        r#"
-- Idempotency keys of API writes and the answers they got (kept 24 hours).
CREATE TABLE idempotency (
    owner      text NOT NULL,
    key        text NOT NULL,
    created_ms bigint NOT NULL,
    rev        bigint NOT NULL,
    data       jsonb NOT NULL,
    PRIMARY KEY (owner, key)
);
CREATE INDEX idempotency_created ON idempotency (created_ms);
"#,
    ),
    (
        5,
        r#"
-- Room and participant sessions: what LiveKit's room and participant events began and ended
-- (id: `<room sid>/<participant sid>`, the room's own `<room sid>/`).
CREATE TABLE sessions (
    project_id text NOT NULL,
    id         text NOT NULL,
    room_sid   text NOT NULL,
    started_ms bigint NOT NULL,
    ended_ms   bigint,
    rev        bigint NOT NULL,
    data       jsonb NOT NULL,
    PRIMARY KEY (project_id, id)
);
CREATE INDEX sessions_open ON sessions (project_id, id) WHERE ended_ms IS NULL;
CREATE INDEX sessions_started ON sessions (project_id, started_ms);
"#,
    ),
    (
        6,
        r#"
-- An ordered endpoint's deliveries carry the resource they are about; a claim takes one only
-- when no earlier unsettled delivery to that endpoint has the same key.
ALTER TABLE deliveries ADD COLUMN order_key text;
CREATE INDEX deliveries_order ON deliveries (endpoint_id, order_key, id COLLATE "C")
    WHERE order_key IS NOT NULL AND due_ms IS NOT NULL;

-- Each rate-limited endpoint's next free slot (GCRA's theoretical arrival time, in the
-- database's clock): one row, updated by every daemon that sends to it.
CREATE TABLE endpoint_rates (
    endpoint_id text PRIMARY KEY,
    tat_ms      bigint NOT NULL
);
"#,
    ),
    (
        7,
        r#"
-- Usage buckets (see store::usage): a project's closed uses per hour and per day, by room
-- and meter, as the leading daemon's aggregation last settled them.
CREATE TABLE usage_buckets (
    project_id text NOT NULL,
    span       text NOT NULL,
    start_ms   bigint NOT NULL,
    data       jsonb NOT NULL,
    PRIMARY KEY (project_id, span, start_ms)
);

-- The hours a write made stale since, one row per write (inserted, never updated: writes on
-- several daemons never wait for each other here); a settlement deletes the rows it read.
CREATE TABLE usage_marks (
    id         bigserial PRIMARY KEY,
    project_id text NOT NULL,
    hour_ms    bigint NOT NULL
);
CREATE INDEX usage_marks_hour ON usage_marks (project_id, hour_ms);

-- Each project's settlements so far, and whether a first pass stored all its hours.
CREATE TABLE usage_state (
    project_id text PRIMARY KEY,
    generation bigint NOT NULL,
    ready      boolean NOT NULL
);
"#,
    ),
];

/// Applies the migrations `client`'s database lacks, holding [`MIGRATION_LOCK`] meanwhile
/// (a daemon that starts alongside waits, then finds nothing left to do).
pub async fn migrate(client: &mut tokio_postgres::Client) -> Result<(), tokio_postgres::Error> {
    client.execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK]).await?;
    let result = apply(client).await;
    let unlocked = client.execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK]).await;
    result.and(unlocked.map(drop))
}

async fn apply(client: &mut tokio_postgres::Client) -> Result<(), tokio_postgres::Error> {
    client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS pulse_schema (version integer PRIMARY KEY, applied_ms bigint NOT NULL)",
        )
        .await?;
    let have: Option<i32> = client.query_one("SELECT max(version) FROM pulse_schema", &[]).await?.get(0);
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| Some(*v) > have) {
        let tx = client.transaction().await?;
        tx.batch_execute(sql).await?;
        tx.execute(
            "INSERT INTO pulse_schema (version, applied_ms) VALUES ($1, $2)",
            &[version, &crate::model::now_ms()],
        )
        .await?;
        tx.commit().await?;
        tracing::info!(version, "store: applied schema migration");
    }
    Ok(())
}

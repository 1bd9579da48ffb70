//! How each record maps onto its table: the key columns, the indexed columns beside the
//! record's JSON, and the SQL that writes one under an [`Expect`].

use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio_postgres::types::{Json, ToSql};

use crate::model::RecordingState;
use crate::store::{
    DeliveryRecord, EgressRecord, EndpointRecord, EventRecord, Expect, IdempotencyRecord, IngressRecord, ProjectRecord,
    Result, RuleRecord, SessionRecord, StoreError,
};

/// A column value to bind.
pub type Value = Box<dyn ToSql + Sync + Send>;

/// Typed ids bind as the text they are.
macro_rules! ids_to_sql {
    ($($t:ty),*) => {$(
        impl ToSql for $t {
            fn to_sql(
                &self,
                ty: &tokio_postgres::types::Type,
                out: &mut bytes::BytesMut,
            ) -> std::result::Result<tokio_postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
                self.as_str().to_sql(ty, out)
            }
            fn accepts(ty: &tokio_postgres::types::Type) -> bool {
                <&str as ToSql>::accepts(ty)
            }
            tokio_postgres::types::to_sql_checked!();
        }
    )*};
}
ids_to_sql!(
    crate::ids::ProjectId,
    crate::ids::EgressId,
    crate::ids::IngressId,
    crate::ids::EndpointId,
    crate::ids::RuleId,
    crate::ids::EventId,
    crate::ids::DeliveryId
);

/// A record kept in a table of its own.
pub trait PgRow: Serialize + DeserializeOwned + Send + Sync {
    const TABLE: &'static str;
    /// What errors call it.
    const WHAT: &'static str;
    /// The primary key's columns.
    const KEY: &'static [&'static str];
    /// Indexed columns besides the key, `rev` and `data`.
    const COLS: &'static [&'static str];
    /// What reads select (`rev` and `data` first).
    const SELECT: &'static str = "rev, data";
    fn key(&self) -> Vec<String>;
    fn cols(&self) -> Vec<Value>;
    fn set_rev(&mut self, rev: u64);
    /// Takes what the row's columns hold over what its JSON does.
    fn adopt(&mut self, row: &tokio_postgres::Row) -> Result<()> {
        let rev: i64 = row.try_get("rev").map_err(data)?;
        self.set_rev(rev as u64);
        Ok(())
    }
}

fn data(e: tokio_postgres::Error) -> StoreError {
    StoreError::Data(e.to_string())
}

/// Decodes a row selected with `T::SELECT`.
pub fn decode<T: PgRow>(row: &tokio_postgres::Row) -> Result<T> {
    let Json(mut rec): Json<T> = row.try_get("data").map_err(data)?;
    rec.adopt(row)?;
    Ok(rec)
}

/// The statement that writes a `T` under `expect`, and its parameters; it returns the new
/// `rev`, or no row when the precondition failed.
pub fn put<T: PgRow>(rec: &T, expect: Expect) -> (String, Vec<Value>) {
    let mut params: Vec<Value> = rec.key().into_iter().map(|k| Box::new(k) as Value).collect();
    params.extend(rec.cols());
    params.push(Box::new(Json(serde_json::to_value(rec).unwrap_or_default())));
    let names: Vec<&str> = T::KEY.iter().chain(T::COLS).copied().collect();
    let n = names.len();
    let t = T::TABLE;
    let sql = match expect {
        Expect::Rev(r) => {
            params.push(Box::new(r as i64));
            let set: Vec<String> = T::COLS
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = ${}", T::KEY.len() + i + 1))
                .chain([format!("data = ${}", n + 1), "rev = rev + 1".into()])
                .collect();
            format!("UPDATE {t} SET {} WHERE {} AND rev = ${} RETURNING rev", set.join(", "), key_match(T::KEY), n + 2)
        }
        Expect::New | Expect::Any | Expect::IfAbsent => {
            let placeholders: Vec<String> = (1..=n + 1).map(|i| format!("${i}")).collect();
            let insert =
                format!("INSERT INTO {t} ({}, data, rev) VALUES ({}, 1)", names.join(", "), placeholders.join(", "));
            if expect != Expect::Any {
                format!("{insert} ON CONFLICT DO NOTHING RETURNING rev")
            } else {
                let set: Vec<String> = T::COLS
                    .iter()
                    .map(|c| format!("{c} = EXCLUDED.{c}"))
                    .chain(["data = EXCLUDED.data".into(), format!("rev = {t}.rev + 1")])
                    .collect();
                format!("{insert} ON CONFLICT ({}) DO UPDATE SET {} RETURNING rev", T::KEY.join(", "), set.join(", "))
            }
        }
    };
    (sql, params)
}

/// `k1 = $1 AND k2 = $2` over the key columns.
pub fn key_match(key: &[&str]) -> String {
    key.iter().enumerate().map(|(i, c)| format!("{c} = ${}", i + 1)).collect::<Vec<_>>().join(" AND ")
}

/// The `(project_id, id)` key and the `rev` field that every record but projects and events has.
macro_rules! project_keyed {
    () => {
        const KEY: &'static [&'static str] = &["project_id", "id"];
        fn key(&self) -> Vec<String> {
            vec![self.project_id.to_string(), self.id.to_string()]
        }
        fn set_rev(&mut self, rev: u64) {
            self.rev = rev;
        }
    };
}

impl PgRow for ProjectRecord {
    const TABLE: &'static str = "projects";
    const WHAT: &'static str = "project";
    const KEY: &'static [&'static str] = &["project_id"];
    const COLS: &'static [&'static str] = &["key_hash"];
    fn key(&self) -> Vec<String> {
        vec![self.id.to_string()]
    }
    fn cols(&self) -> Vec<Value> {
        vec![Box::new(self.key_hash.clone())]
    }
    fn set_rev(&mut self, rev: u64) {
        self.rev = rev;
    }
}

impl PgRow for EgressRecord {
    project_keyed!();
    const TABLE: &'static str = "egress";
    const WHAT: &'static str = "egress";
    const COLS: &'static [&'static str] = &["livekit_id", "status", "room_name", "verify_due"];
    fn cols(&self) -> Vec<Value> {
        let verify_due = self.recording.as_ref().filter(|r| r.state == RecordingState::Pending).map(|r| r.next_ms);
        vec![
            Box::new(self.livekit_id.clone()),
            Box::new(self.status.as_str().to_string()),
            Box::new(self.room_name.clone()),
            Box::new(verify_due),
        ]
    }
}

impl PgRow for IngressRecord {
    project_keyed!();
    const TABLE: &'static str = "ingress";
    const WHAT: &'static str = "ingress";
    const COLS: &'static [&'static str] = &["livekit_id", "room_name", "deleted"];
    fn cols(&self) -> Vec<Value> {
        vec![Box::new(self.livekit_id.clone()), Box::new(self.room_name.clone()), Box::new(self.deleted_ms.is_some())]
    }
}

impl PgRow for IdempotencyRecord {
    const TABLE: &'static str = "idempotency";
    const WHAT: &'static str = "idempotency key";
    const KEY: &'static [&'static str] = &["owner", "key"];
    const COLS: &'static [&'static str] = &["created_ms"];
    fn key(&self) -> Vec<String> {
        vec![self.owner.clone(), self.key.clone()]
    }
    fn cols(&self) -> Vec<Value> {
        vec![Box::new(self.created_ms)]
    }
    fn set_rev(&mut self, rev: u64) {
        self.rev = rev;
    }
}

/// A session's `id` column: `<room sid>/<participant sid>` (`<room sid>/` for the room's own).
pub fn session_id(room_sid: &str, participant_sid: Option<&str>) -> String {
    format!("{room_sid}/{}", participant_sid.unwrap_or(""))
}

impl PgRow for SessionRecord {
    const TABLE: &'static str = "sessions";
    const WHAT: &'static str = "session";
    const KEY: &'static [&'static str] = &["project_id", "id"];
    const COLS: &'static [&'static str] = &["room_sid", "started_ms", "ended_ms"];
    fn key(&self) -> Vec<String> {
        vec![self.project_id.to_string(), session_id(&self.room_sid, self.participant_sid.as_deref())]
    }
    fn cols(&self) -> Vec<Value> {
        vec![Box::new(self.room_sid.clone()), Box::new(self.started_ms), Box::new(self.ended_ms)]
    }
    fn set_rev(&mut self, rev: u64) {
        self.rev = rev;
    }
}

impl PgRow for RuleRecord {
    project_keyed!();
    const TABLE: &'static str = "rules";
    const WHAT: &'static str = "recording rule";
    const COLS: &'static [&'static str] = &[];
    fn cols(&self) -> Vec<Value> {
        vec![]
    }
}

impl PgRow for EndpointRecord {
    project_keyed!();
    const TABLE: &'static str = "endpoints";
    const WHAT: &'static str = "webhook endpoint";
    const COLS: &'static [&'static str] = &[];
    fn cols(&self) -> Vec<Value> {
        vec![]
    }
}

impl PgRow for EventRecord {
    const TABLE: &'static str = "events";
    const WHAT: &'static str = "event";
    const KEY: &'static [&'static str] = &["project_id", "id"];
    const COLS: &'static [&'static str] = &["created_ms"];
    fn key(&self) -> Vec<String> {
        vec![self.project_id.to_string(), self.id.to_string()]
    }
    fn cols(&self) -> Vec<Value> {
        vec![Box::new(self.created_ms)]
    }
    fn set_rev(&mut self, _: u64) {}
}

impl PgRow for DeliveryRecord {
    project_keyed!();
    const TABLE: &'static str = "deliveries";
    const WHAT: &'static str = "delivery";
    const COLS: &'static [&'static str] = &["endpoint_id", "event", "status", "due_ms", "created_ms", "order_key"];
    const SELECT: &'static str = "rev, data, due_ms";
    fn cols(&self) -> Vec<Value> {
        vec![
            Box::new(self.endpoint_id.clone()),
            Box::new(self.event.as_str().to_string()),
            Box::new(self.status.as_str().to_string()),
            Box::new(self.due_ms),
            Box::new(self.created_ms),
            Box::new(self.order_key.clone()),
        ]
    }
    /// `due_ms` is the column's: a claim moves it to the lease's end without rewriting the
    /// record.
    fn adopt(&mut self, row: &tokio_postgres::Row) -> Result<()> {
        self.rev = row.try_get::<_, i64>("rev").map_err(data)? as u64;
        self.due_ms = row.try_get("due_ms").map_err(data)?;
        Ok(())
    }
}

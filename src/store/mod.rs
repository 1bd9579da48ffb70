//! The storage interface: typed records over sled. This module (with `tx` and `webhooks`) is
//! the only one that imports sled; every other module sees records, never trees or bytes.
//!
//! Durability: writes land in sled's page cache; [`Store::commit`] makes them durable. Commits
//! from many tasks are grouped: one flusher thread flushes once for everyone waiting (sled
//! 0.34's `flush_async` deadlocks with ~7 concurrent waiters, sled#1308, so it is never used).

mod tx;
mod webhooks;

pub use tx::{Tx, TxError};
pub use webhooks::{DeliveryRecord, Due, EndpointRecord, EventRecord, SecretEntry};

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use sled::Transactional;

use crate::api::{Egress, Ingress, Project};
use crate::media::StorageConfig;

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "data dir {0} is in use by another pulse daemon (sled holds a lock on it); stop that daemon or use another --data-dir"
    )]
    Locked(PathBuf),
    #[error("cannot open the store in {path}: {reason}")]
    Open { path: PathBuf, reason: String },
    #[error("store I/O failed: {0}")]
    Io(String),
    #[error("stored record is unreadable: {0}")]
    Data(String),
}

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> Self {
        StoreError::Io(e.to_string())
    }
}

impl From<sled::transaction::TransactionError<StoreError>> for StoreError {
    fn from(e: sled::transaction::TransactionError<StoreError>) -> Self {
        match e {
            sled::transaction::TransactionError::Abort(e) => e,
            sled::transaction::TransactionError::Storage(e) => e.into(),
        }
    }
}

type Result<T> = std::result::Result<T, StoreError>;

/// A project as stored: its public face plus what only the daemon may see.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProjectRecord {
    pub project: Project,
    /// Hex SHA-256 of the current API key.
    pub api_key_hash: String,
    /// The project's own upload settings (credentials included), if it overrides the daemon's.
    pub storage: Option<StorageConfig>,
}

/// A record owned by a project, optionally known to LiveKit by its own id.
pub trait Owned: Serialize + DeserializeOwned {
    fn project_id(&self) -> &str;
    fn id(&self) -> &str;
    fn livekit_id(&self) -> Option<&str>;
}

impl Owned for Egress {
    fn project_id(&self) -> &str {
        &self.project_id
    }
    fn id(&self) -> &str {
        &self.egress_id
    }
    fn livekit_id(&self) -> Option<&str> {
        self.livekit_egress_id.as_deref()
    }
}

impl Owned for Ingress {
    fn project_id(&self) -> &str {
        &self.project_id
    }
    fn id(&self) -> &str {
        &self.ingress_id
    }
    fn livekit_id(&self) -> Option<&str> {
        Some(&self.livekit_ingress_id)
    }
}

/// Records keyed `<project_id>/<id>` (ids are time-sortable, so a reverse prefix scan lists
/// newest first), with an index from LiveKit's id to that key.
pub struct Collection<T> {
    pub(super) records: sled::Tree,
    pub(super) by_livekit: sled::Tree,
    _t: std::marker::PhantomData<fn() -> T>,
}

pub(super) fn encode<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(v).map_err(|e| StoreError::Data(e.to_string()))
}

pub(super) fn decode<T: DeserializeOwned>(b: &[u8]) -> Result<T> {
    serde_json::from_slice(b).map_err(|e| StoreError::Data(e.to_string()))
}

impl<T: Owned> Collection<T> {
    fn open(db: &sled::Db, name: &str) -> Result<Self> {
        Ok(Self {
            records: db.open_tree(name)?,
            by_livekit: db.open_tree(format!("{name}_by_livekit"))?,
            _t: std::marker::PhantomData,
        })
    }

    /// Inserts or replaces a record and its LiveKit-id index entry, atomically.
    pub fn put(&self, record: &T) -> Result<()> {
        let key = format!("{}/{}", record.project_id(), record.id());
        let value = encode(record)?;
        (&self.records, &self.by_livekit).transaction(|(records, index)| {
            records.insert(key.as_bytes(), value.as_slice())?;
            if let Some(lk) = record.livekit_id() {
                index.insert(lk.as_bytes(), key.as_bytes())?;
            }
            Ok(())
        })?;
        Ok(())
    }

    /// A project's record by pulse id or LiveKit id; another project's id finds nothing.
    pub fn get(&self, project_id: &str, id: &str) -> Result<Option<T>> {
        let key = match self.by_livekit.get(id.as_bytes())? {
            Some(key) => key.to_vec(),
            None => format!("{project_id}/{id}").into_bytes(),
        };
        if !key.starts_with(format!("{project_id}/").as_bytes()) {
            return Ok(None);
        }
        self.records.get(key)?.map(|v| decode(&v)).transpose()
    }

    /// Any project's record by LiveKit id (for routing LiveKit's events).
    pub fn by_livekit_id(&self, livekit_id: &str) -> Result<Option<T>> {
        match self.by_livekit.get(livekit_id.as_bytes())? {
            Some(key) => self.records.get(key)?.map(|v| decode(&v)).transpose(),
            None => Ok(None),
        }
    }

    /// A project's records, newest first.
    pub fn list(&self, project_id: &str) -> Result<Vec<T>> {
        self.records.scan_prefix(format!("{project_id}/")).rev().map(|kv| decode(&kv?.1)).collect()
    }

    /// Every project's records matching `keep` (for the reconciler and shutdown).
    pub fn all(&self, mut keep: impl FnMut(&T) -> bool) -> Result<Vec<T>> {
        let mut out = Vec::new();
        for kv in self.records.iter() {
            let record: T = decode(&kv?.1)?;
            if keep(&record) {
                out.push(record);
            }
        }
        Ok(out)
    }

    pub(super) fn delete_project(&self, project_id: &str) -> Result<()> {
        for record in self.list(project_id)? {
            if let Some(lk) = record.livekit_id() {
                self.by_livekit.remove(lk.as_bytes())?;
            }
            self.records.remove(format!("{project_id}/{}", record.id()))?;
        }
        Ok(())
    }
}

type Waiter = tokio::sync::oneshot::Sender<std::result::Result<(), String>>;

struct Inner {
    db: sled::Db,
    projects: sled::Tree,
    keys: sled::Tree,
    egress: Collection<Egress>,
    ingress: Collection<Ingress>,
    /// `<project>/<we_id>` → endpoint with its secrets.
    endpoints: sled::Tree,
    /// `<project>/<evt_id>` → event with its exact payload bytes.
    events: sled::Tree,
    /// `<project>/<whl_id>` → delivery (webhook log) with its attempts.
    deliveries: sled::Tree,
    /// `<due unix ms, 8 bytes BE><delivery key>` → delivery key: the durable schedule.
    due: sled::Tree,
    /// LiveKit event id → Unix seconds first seen (dedupe).
    livekit_events: sled::Tree,
    flush_tx: mpsc::Sender<Waiter>,
    stats: Arc<CommitStats>,
}

/// What group commit costs: how many flushes, how many commits they carried, and the time in
/// sled's flush (sync_file_range) and in the extra fdatasync.
#[derive(Debug, Default)]
pub struct CommitStats {
    pub groups: AtomicU64,
    pub waiters: AtomicU64,
    pub flush_nanos: AtomicU64,
    pub sync_nanos: AtomicU64,
}

/// The daemon's state. Cheap to clone; all clones share one database.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

impl Store {
    /// Opens (or creates) the store in `dir`. A second daemon on the same dir is refused.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Open { path: dir.to_path_buf(), reason: e.to_string() })?;
        let path = dir.join("db");
        let db = sled::Config::new().path(&path).open().map_err(|e| {
            let reason = e.to_string();
            if reason.contains("could not acquire lock") {
                StoreError::Locked(dir.to_path_buf())
            } else {
                StoreError::Open { path: path.clone(), reason }
            }
        })?;
        let (flush_tx, flush_rx) = mpsc::channel::<Waiter>();
        let flusher_db = db.clone();
        // sled's flush ends in sync_file_range (data pages only); an fdatasync of the same
        // file afterwards also persists the metadata and drains the disk cache, which is what
        // power-loss durability needs. Both happen once per group of commits.
        let data_file = File::open(path.join("db")).ok();
        // fdatasync persists a file's contents, not its name: make the directory entries of a
        // new store durable once, here.
        for d in [path.as_path(), dir] {
            if let Ok(f) = File::open(d) {
                let _ = f.sync_all();
            }
        }
        let stats = Arc::new(CommitStats::default());
        let flusher_stats = stats.clone();
        std::thread::Builder::new()
            .name("pulse-store-flusher".into())
            .spawn(move || flusher(flusher_db, data_file, flush_rx, &flusher_stats))
            .map_err(|e| StoreError::Open { path: path.clone(), reason: e.to_string() })?;
        Ok(Store {
            inner: Arc::new(Inner {
                projects: db.open_tree("projects")?,
                keys: db.open_tree("api_keys")?,
                egress: Collection::open(&db, "egress")?,
                ingress: Collection::open(&db, "ingress")?,
                endpoints: db.open_tree("endpoints")?,
                events: db.open_tree("events")?,
                deliveries: db.open_tree("deliveries")?,
                due: db.open_tree("due")?,
                livekit_events: db.open_tree("livekit_events")?,
                stats,
                db,
                flush_tx,
            }),
        })
    }

    /// Waits until every write made before this call is on disk. Concurrent callers share
    /// one flush.
    pub async fn commit(&self) -> Result<()> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.inner.flush_tx.send(tx).map_err(|_| StoreError::Io("the flusher thread has stopped".into()))?;
        rx.await.map_err(|_| StoreError::Io("the flusher thread has stopped".into()))?.map_err(StoreError::Io)
    }

    /// Group-commit statistics since the store opened.
    pub fn commit_stats(&self) -> &CommitStats {
        &self.inner.stats
    }

    /// Flushes synchronously (for shutdown).
    pub fn flush_blocking(&self) -> Result<()> {
        self.inner.db.flush()?;
        Ok(())
    }

    /// Bytes the store occupies on disk.
    pub fn size_on_disk(&self) -> u64 {
        self.inner.db.size_on_disk().unwrap_or(0)
    }

    // ------------------------------------------------------------ projects

    /// Stores a new project and indexes its key hash, atomically.
    pub fn insert_project(&self, record: &ProjectRecord) -> Result<()> {
        let id = record.project.project_id.as_bytes();
        let value = encode(record)?;
        (&self.inner.projects, &self.inner.keys).transaction(|(projects, keys)| {
            projects.insert(id, value.as_slice())?;
            keys.insert(record.api_key_hash.as_bytes(), id)?;
            Ok(())
        })?;
        Ok(())
    }

    /// A project by id.
    pub fn project(&self, id: &str) -> Result<Option<ProjectRecord>> {
        self.inner.projects.get(id.as_bytes())?.map(|v| decode(&v)).transpose()
    }

    /// The project whose key hashes to `hash`. The caller compares hashes in constant time.
    pub fn project_by_key_hash(&self, hash: &str) -> Result<Option<ProjectRecord>> {
        match self.inner.keys.get(hash.as_bytes())? {
            Some(id) => self.inner.projects.get(id)?.map(|v| decode(&v)).transpose(),
            None => Ok(None),
        }
    }

    /// Every project, newest first.
    pub fn projects(&self) -> Result<Vec<ProjectRecord>> {
        self.inner.projects.iter().rev().map(|kv| decode(&kv?.1)).collect()
    }

    /// Swaps a project's key: the old hash stops resolving in the same atomic step.
    pub fn replace_key(&self, record: &ProjectRecord, old_hash: &str) -> Result<()> {
        let id = record.project.project_id.as_bytes();
        let value = encode(record)?;
        (&self.inner.projects, &self.inner.keys).transaction(|(projects, keys)| {
            keys.remove(old_hash.as_bytes())?;
            keys.insert(record.api_key_hash.as_bytes(), id)?;
            projects.insert(id, value.as_slice())?;
            Ok(())
        })?;
        Ok(())
    }

    /// Removes a project, its key and every record it owns.
    pub fn delete_project(&self, record: &ProjectRecord) -> Result<()> {
        let id = &record.project.project_id;
        self.inner.egress.delete_project(id)?;
        self.inner.ingress.delete_project(id)?;
        self.delete_webhook_data(id)?;
        (&self.inner.projects, &self.inner.keys).transaction(|(projects, keys)| {
            keys.remove(record.api_key_hash.as_bytes())?;
            projects.remove(id.as_bytes())?;
            Ok(())
        })?;
        Ok(())
    }

    /// Egress records.
    pub fn egress(&self) -> &Collection<Egress> {
        &self.inner.egress
    }

    /// Ingress records.
    pub fn ingress(&self) -> &Collection<Ingress> {
        &self.inner.ingress
    }
}

fn flusher(db: sled::Db, data_file: Option<File>, rx: mpsc::Receiver<Waiter>, stats: &CommitStats) {
    while let Ok(first) = rx.recv() {
        let mut waiters = vec![first];
        waiters.extend(rx.try_iter());
        let t0 = Instant::now();
        let flushed = db.flush().map(|_| ()).map_err(|e| e.to_string());
        let t1 = Instant::now();
        let result = flushed.and_then(|()| match &data_file {
            Some(f) => f.sync_data().map_err(|e| e.to_string()),
            None => Ok(()),
        });
        stats.groups.fetch_add(1, Ordering::Relaxed);
        stats.waiters.fetch_add(waiters.len() as u64, Ordering::Relaxed);
        stats.flush_nanos.fetch_add((t1 - t0).as_nanos() as u64, Ordering::Relaxed);
        stats.sync_nanos.fetch_add(t1.elapsed().as_nanos() as u64, Ordering::Relaxed);
        for w in waiters {
            let _ = w.send(result.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn egress(project: &str, id: &str, lk: Option<&str>) -> Egress {
        Egress {
            egress_id: id.into(),
            livekit_egress_id: lk.map(Into::into),
            project_id: project.into(),
            room_name: "r".into(),
            egress_type: "room_composite".into(),
            output_type: "hls".into(),
            layout_type: None,
            filename: None,
            status: "pending".into(),
            livekit_status: None,
            cdn_playback_url: None,
            file_url: None,
            rtmp_urls: vec![],
            error: None,
            created_at: String::new(),
            started_at: None,
            ended_at: None,
            updated_at: String::new(),
        }
    }

    #[tokio::test]
    async fn isolation_lookup_and_order() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.egress().put(&egress("prj_a", "eg_1", Some("EG_1"))).unwrap();
        store.egress().put(&egress("prj_a", "eg_2", None)).unwrap();
        store.egress().put(&egress("prj_b", "eg_3", Some("EG_3"))).unwrap();
        store.commit().await.unwrap();
        assert_eq!(store.egress().get("prj_a", "EG_1").unwrap().unwrap().egress_id, "eg_1");
        assert!(store.egress().get("prj_a", "EG_3").unwrap().is_none(), "foreign LiveKit id");
        assert!(store.egress().get("prj_a", "eg_3").unwrap().is_none(), "foreign pulse id");
        let ids: Vec<_> = store.egress().list("prj_a").unwrap().into_iter().map(|e| e.egress_id).collect();
        assert_eq!(ids, ["eg_2", "eg_1"]);
        assert_eq!(store.egress().by_livekit_id("EG_3").unwrap().unwrap().project_id, "prj_b");
    }

    #[tokio::test]
    async fn prune_removes_only_finished_old_deliveries_and_their_events() {
        use crate::api::WebhookLog;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let record = |id: &str, created: &str, due: Option<u64>| DeliveryRecord {
            project_id: "prj_a".into(),
            log: WebhookLog {
                id: id.into(),
                event_id: format!("evt_{id}"),
                event: "room_started".into(),
                endpoint_id: "we_1".into(),
                url: "https://x".into(),
                status: if due.is_some() { "retrying" } else { "delivered" }.into(),
                attempt_count: 1,
                max_attempts: 5,
                next_attempt_at: None,
                last_status_code: None,
                last_error: None,
                created_at: created.into(),
                updated_at: created.into(),
                delivered_at: None,
            },
            attempts: vec![],
            due_ms: due,
        };
        store
            .transact(|tx| {
                for (id, created, due) in [
                    ("old", "2020-01-01T00:00:00.000Z", None),
                    ("old_due", "2020-01-01T00:00:00.000Z", Some(1)),
                    ("new", "2030-01-01T00:00:00.000Z", None),
                ] {
                    tx.put_delivery(&record(id, created, due))?;
                    tx.put_event(&EventRecord {
                        project_id: "prj_a".into(),
                        event_id: format!("evt_{id}"),
                        event: "room_started".into(),
                        payload: "{}".into(),
                        created_at: created.into(),
                    })?;
                }
                Ok(())
            })
            .unwrap();
        assert_eq!(store.prune("2025-01-01T00:00:00.000Z").unwrap(), 1);
        let left: Vec<_> = store.deliveries("prj_a", |_| true).unwrap().into_iter().map(|d| d.log.id).collect();
        assert_eq!(left, ["old_due", "new"], "a delivery still scheduled is never pruned");
        assert!(store.event("prj_a", "evt_old").unwrap().is_none());
        assert!(store.event("prj_a", "evt_new").unwrap().is_some());
        assert_eq!(store.due(u64::MAX, 10).unwrap().len(), 1);
    }

    #[tokio::test]
    async fn second_open_is_refused_and_data_survives_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            let err = Store::open(dir.path()).err().expect("second open must fail");
            assert!(matches!(err, StoreError::Locked(_)), "{err}");
            store.egress().put(&egress("prj_a", "eg_1", None)).unwrap();
            let commits: Vec<_> = (0..32).map(|_| store.commit()).collect();
            for c in futures_util::future::join_all(commits).await {
                c.unwrap();
            }
        }
        // sled releases the lock once the flusher thread has dropped its handle.
        let mut tries = 0;
        let store = loop {
            match Store::open(dir.path()) {
                Ok(s) => break s,
                Err(_) if tries < 50 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(e) => panic!("{e}"),
            }
        };
        assert!(store.egress().get("prj_a", "eg_1").unwrap().is_some());
    }
}

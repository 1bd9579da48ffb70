//! The embedded backend: sled, one tree, one writer thread (`writer`) and lock-free reads from
//! any task. The only code in pulse that names sled.

mod cache;
mod due;
mod keys;
mod merge;
mod migrate;
mod usage;
mod writer;

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use async_trait::async_trait;
use tokio::sync::{mpsc, oneshot};

use keys::{Row, counter, decode, id_bound, key};
use writer::{Cmd, Stats};

use super::*;
use crate::ids::*;
use crate::model::{DeliveryStatus, Millis};

/// Commands waiting for the writer before callers are told to come back later.
const QUEUE_CAPACITY: usize = 8192;
/// The most schedule entries one claim walks (keys only: a few milliseconds).
const CLAIM_SCAN: usize = 50_000;
/// How long a write waits for room in a full queue before it answers [`StoreError::Busy`].
const QUEUE_WAIT: Duration = Duration::from_millis(250);

/// The sled store. Cheap to clone.
#[derive(Clone)]
pub struct SledStore {
    db: ::sled::Db,
    tree: ::sled::Tree,
    tx: mpsc::Sender<Cmd>,
    stats: Arc<Stats>,
    leases: Arc<Leases>,
    cache: Arc<cache::ReadCache>,
    /// The schedule by endpoint, taken after `leases` when both are held.
    due: Arc<std::sync::Mutex<due::DueIndex>>,
    /// Each rate-limited endpoint's next slot (see `store::take_slot`): one daemon owns the
    /// store, so its memory is where the slots are.
    rates: Arc<std::sync::Mutex<HashMap<String, Millis>>>,
}

type LeaseGuard<'a> = std::sync::MutexGuard<'a, HashMap<String, (Millis, u64)>>;

/// Deliveries handed to a worker and not yet rewritten. One daemon owns a sled store, so a
/// lease needs no write: it lives here until the attempt's outcome is applied or it expires.
/// A crash forgets it, and the delivery is simply due again (at least once).
#[derive(Default)]
pub struct Leases {
    /// `<project>/<delivery>` → (until, the revision that was leased).
    held: std::sync::Mutex<HashMap<String, (Millis, u64)>>,
}

impl Leases {
    /// Claims hold this while they scan, and the writer while it applies a batch and makes it
    /// durable: a claim never hands out a delivery whose creation is not yet on disk.
    fn lock(&self) -> LeaseGuard<'_> {
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Ends the leases of deliveries now written at a newer revision than the one leased, under
    /// the lock the caller holds. (A batch that created a delivery can be applied, claimed from
    /// and only then released: its revision is the leased one, so that lease stays.)
    fn release_in(held: &mut LeaseGuard<'_>, written: &[(String, u64)]) {
        for (k, rev) in written {
            if held.get(k).is_some_and(|(_, leased)| leased < rev) {
                held.remove(k);
            }
        }
    }

    fn holds(&self, held: &LeaseGuard<'_>, key: &str, now: Millis) -> bool {
        held.get(key).is_some_and(|(until, _)| *until > now)
    }
}

/// sled's errors as the store's.
fn io(e: ::sled::Error) -> StoreError {
    StoreError::Io(e.to_string())
}

/// Whether the store at `path` is (or, new, will be) written with zstd page compression. sled
/// refuses to open a store with another setting than the one it was created with, and data
/// dirs from builds before compression are uncompressed: they stay so (`pulse store copy`
/// into a new dir compresses one).
fn compressed(path: &Path) -> bool {
    match std::fs::read(path.join("conf")) {
        Ok(conf) => !String::from_utf8_lossy(&conf).lines().any(|l| l.trim() == "use_compression: false"),
        Err(_) => true,
    }
}

impl SledStore {
    /// Opens (or creates) the store in `dir`, with at most `cache_mb` of page cache. A second
    /// daemon on the same dir is refused.
    pub fn open(dir: &Path, cache_mb: u64) -> Result<SledStore> {
        Self::open_with_queue(dir, cache_mb, QUEUE_CAPACITY)
    }

    /// [`SledStore::open`] with `queue` commands waiting for the writer at most.
    pub fn open_with_queue(dir: &Path, cache_mb: u64, queue: usize) -> Result<SledStore> {
        crate::dirs::create_private_dir(dir)
            .map_err(|e| StoreError::Open { path: dir.to_path_buf(), reason: e.to_string() })?;
        let path = dir.join("db");
        let db = ::sled::Config::new()
            .path(&path)
            .cache_capacity(cache_mb * 1024 * 1024)
            // The writer flushes every batch itself; sled's own timer would only add flushes.
            .flush_every_ms(None)
            .use_compression(compressed(&path))
            // zstd's fast mode without Huffman-coded literals (level -1, vendor/sled/PULSE.md):
            // the one writer thread compresses every fragment it writes, and the tables of
            // level 1 cost 12 % of the daemon's CPU in a storm for ~15 % fewer bytes.
            .compression_factor(-1)
            .open()
            .map_err(|e| {
                let reason = e.to_string();
                if reason.contains("could not acquire lock") {
                    StoreError::Locked(dir.to_path_buf())
                } else {
                    StoreError::Open { path: path.clone(), reason }
                }
            })?;
        let tree = db.open_tree("pulse").map_err(|e| StoreError::Open { path: path.clone(), reason: e.to_string() })?;
        // sled made its files under the process's umask; an earlier build's were 0644.
        crate::dirs::tighten(&path).map_err(|e| StoreError::Open { path: path.clone(), reason: e.to_string() })?;
        migrate::delivery_index(&db, &tree).map_err(|e| StoreError::Open {
            path: path.clone(),
            reason: format!("rebuilding the delivery index: {e}"),
        })?;
        // The first builds kept JSON records in one tree per resource; they are not migrated.
        if db.tree_names().iter().any(|n| n.as_ref() == b"deliveries")
            && db.open_tree("deliveries").is_ok_and(|t| !t.is_empty())
        {
            tracing::warn!(
                dir = %dir.display(),
                "this data dir holds records from an earlier pulse build's layout; they are not read (not migrated)"
            );
        }
        // sled creates its files with the process's umask: keep its directory to the owner, so
        // that webhook secrets and storage credentials are unreadable to others whatever
        // modes the files inside get.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700))
                .map_err(|e| StoreError::Open { path: path.clone(), reason: e.to_string() })?;
        }
        let data_file = File::open(path.join("db")).ok();
        // fdatasync persists a file's contents, not its name: make the directory entries of a
        // new store durable once, here.
        for d in [path.as_path(), dir] {
            if let Ok(f) = File::open(d) {
                let _ = f.sync_all();
            }
        }
        let (tx, rx) = mpsc::channel(queue.max(1));
        let stats = Arc::new(Stats::default());
        let leases = Arc::new(Leases::default());
        let cache = Arc::new(cache::ReadCache::default());
        let due = Arc::new(std::sync::Mutex::new(
            due::DueIndex::load(&tree).map_err(|e| StoreError::Open { path: path.clone(), reason: e.to_string() })?,
        ));
        let shared =
            writer::Shared { stats: stats.clone(), leases: leases.clone(), cache: cache.clone(), due: due.clone() };
        let (wdb, wtree) = (db.clone(), tree.clone());
        std::thread::Builder::new()
            .name("pulse-store-writer".into())
            .spawn(move || writer::run(wdb, wtree, data_file, rx, shared))
            .map_err(|e| StoreError::Open { path: path.clone(), reason: e.to_string() })?;
        Ok(SledStore { db, tree, tx, stats, leases, cache, due, rates: Default::default() })
    }

    /// How many keys the store holds and their bytes (keys and values), for size diagnostics:
    /// what is on disk beyond this is sled's overhead and not yet reclaimed rewrites.
    /// Keys and their bytes (key and value) per key group: the key up to its first `/`,
    /// counters as `#`.
    pub fn live_bytes_by_group(&self) -> std::collections::BTreeMap<String, (u64, u64)> {
        let mut out = std::collections::BTreeMap::<String, (u64, u64)>::new();
        for (k, v) in self.tree.iter().flatten() {
            let end = if k.first() == Some(&b'#') { 1 } else { k.iter().position(|&c| c == b'/').unwrap_or(k.len()) };
            let e = out.entry(String::from_utf8_lossy(&k[..end]).into_owned()).or_default();
            e.0 += 1;
            e.1 += (k.len() + v.len()) as u64;
        }
        out
    }

    async fn ask<T>(&self, make: impl FnOnce(writer::Reply<T>) -> Cmd) -> Result<T> {
        let (reply, answer) = oneshot::channel();
        let stopped = || StoreError::Io("the store's writer has stopped".into());
        match self.tx.send_timeout(make(reply), QUEUE_WAIT).await {
            Ok(()) => {}
            Err(mpsc::error::SendTimeoutError::Timeout(_)) => return Err(StoreError::Busy),
            Err(mpsc::error::SendTimeoutError::Closed(_)) => return Err(stopped()),
        }
        answer.await.map_err(|_| stopped())?
    }

    /// Reads a project with `read` and keeps it in the read cache, unless a batch that wrote
    /// projects or endpoints was applied meanwhile.
    fn cache_project(&self, read: impl FnOnce() -> Result<Option<ProjectRecord>>) -> Result<Option<ProjectRecord>> {
        let generation = self.cache.generation();
        let found = read()?;
        if let Some(p) = &found {
            self.cache.put_project(generation, p);
        }
        Ok(found)
    }

    fn get<T: Row>(&self, k: &[u8]) -> Result<Option<T>> {
        self.tree.get(k).map_err(io)?.map(|v| decode(&v)).transpose()
    }

    fn count(&self, group: &[u8]) -> Result<u64> {
        Ok(self
            .tree
            .get(counter(group))
            .map_err(io)?
            .and_then(|v| v.as_ref().try_into().ok())
            .map_or(0, u64::from_be_bytes))
    }

    /// The egress a `<tag>/<egress id>` → project lookup group points at.
    fn egress_listed(&self, tag: &[u8]) -> Result<Vec<EgressRecord>> {
        let mut out = Vec::new();
        for kv in self.tree.scan_prefix(tag) {
            let (k, p) = kv.map_err(io)?;
            let id = String::from_utf8_lossy(&k[tag.len()..]);
            out.extend(self.get::<EgressRecord>(&key(&["G", &String::from_utf8_lossy(&p), &id], false))?);
        }
        Ok(out)
    }

    /// A record found through a lookup key whose value is `<project>/<id>`, if it belongs to
    /// `project` (any project when `None`).
    fn via<T: Row>(&self, tag: &str, lookup: &[u8], project: Option<&str>) -> Result<Option<T>> {
        let Some(target) = self.tree.get(lookup).map_err(io)? else {
            return Ok(None);
        };
        let target = String::from_utf8_lossy(&target);
        let Some((p, id)) = target.split_once('/') else { return Ok(None) };
        if project.is_some_and(|want| want != p) {
            return Ok(None);
        }
        self.get(&key(&[tag, p, id], false))
    }

    /// One page of `groups` (newest first, their scans merged by id), within the id range
    /// `bounds`; records come from `primary` (the groups' own values when `None`); `keep`
    /// filters what the groups cannot, which makes the scan read every record in range.
    fn page<T: Row>(&self, q: GroupQuery<'_, T>) -> Result<Paged<T>> {
        let GroupQuery { groups, bounds, primary, keep, page } = q;
        let load = |group: &[u8], k: &[u8], v: &[u8]| -> Result<Option<T>> {
            match &primary {
                None => decode(v).map(Some),
                Some(tag) => {
                    let id = std::str::from_utf8(&k[group.len()..]).unwrap_or_default();
                    self.get(&key(&[tag.0, tag.1, id], false))
                }
            }
        };
        let mut scan = merge::Merged::new(&self.tree, &groups, bounds.as_ref());
        let skip = page.skip();
        let limit = page.limit as usize;
        let mut items = Vec::new();
        if keep.is_none() && bounds.is_none() {
            let mut total = 0;
            for g in &groups {
                total += self.count(g)?;
            }
            for _ in 0..skip {
                if scan.next()?.is_none() {
                    break;
                }
            }
            while items.len() < limit {
                let Some((g, k, v)) = scan.next()? else { break };
                items.extend(load(&groups[g], &k, &v)?);
            }
            return Ok(Paged { items, total });
        }
        let mut total = 0u64;
        while let Some((g, k, v)) = scan.next()? {
            let in_window = (total as usize) >= skip && items.len() < limit;
            match &keep {
                None => {
                    if in_window {
                        items.extend(load(&groups[g], &k, &v)?);
                    }
                    total += 1;
                }
                Some(keep) => {
                    if let Some(r) = load(&groups[g], &k, &v)?
                        && keep(&r)
                    {
                        if in_window {
                            items.push(r);
                        }
                        total += 1;
                    }
                }
            }
        }
        Ok(Paged { items, total })
    }

    /// The delivery index groups of `project` that `f`'s status, event and endpoint match,
    /// read from their counters (a group exists while it has members).
    fn delivery_groups(&self, project: &str, f: &LogFilter) -> Result<Vec<Vec<u8>>> {
        let prefix = counter(&key(&[keys::DELIVERY_INDEX, project], true));
        let mut out = Vec::new();
        for kv in self.tree.scan_prefix(&prefix) {
            let (k, _) = kv.map_err(io)?;
            let rest = String::from_utf8_lossy(&k[prefix.len()..]);
            let mut parts = rest.trim_end_matches('/').splitn(3, '/');
            let (Some(status), Some(event), Some(endpoint)) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            if f.status.is_none_or(|s| s.as_str() == status)
                && f.event.is_none_or(|e| e.as_str() == event)
                && f.endpoint_id.as_deref().is_none_or(|ep| ep == endpoint)
            {
                out.push(k[1..].to_vec());
            }
        }
        Ok(out)
    }
}

/// The key group holding every record of `kind`.
fn kind_prefix(kind: Kind) -> &'static [u8] {
    match kind {
        Kind::Projects => b"P/",
        Kind::Rules => b"R/",
        Kind::Endpoints => b"W/",
        Kind::Egress => b"G/",
        Kind::Ingress => b"I/",
        Kind::Events => b"V/",
        Kind::Deliveries => b"D/",
        Kind::LiveKitEvents => b"L/",
        Kind::Sessions => b"S/",
    }
}

/// A check a record must pass to be listed.
type Keep<'a, T> = Box<dyn Fn(&T) -> bool + 'a>;

/// What [`SledStore::page`] reads.
struct GroupQuery<'a, T> {
    groups: Vec<Vec<u8>>,
    bounds: Option<(String, String)>,
    /// `(tag, project)` of the records an index group points at.
    primary: Option<(&'a str, &'a str)>,
    keep: Option<Keep<'a, T>>,
    page: PageReq,
}

#[async_trait]
impl Writes for SledStore {
    async fn commit(&self, changes: Changes) -> Result<Committed> {
        self.ask(|r| Cmd::Commit(changes, r)).await
    }
}

#[async_trait]
impl Projects for SledStore {
    async fn project(&self, id: &ProjectId) -> Result<Option<ProjectRecord>> {
        if let Some(p) = self.cache.project(id) {
            return Ok(Some(p));
        }
        self.cache_project(|| self.get(&key(&["P", id], false)))
    }

    async fn project_by_key_hash(&self, hash: &str) -> Result<Option<ProjectRecord>> {
        if let Some(p) = self.cache.project_by_hash(hash) {
            return Ok(Some(p));
        }
        self.cache_project(|| match self.tree.get(key(&["K", hash], false)).map_err(io)? {
            Some(id) => self.get(&key(&["P", &String::from_utf8_lossy(&id)], false)),
            None => Ok(None),
        })
    }

    async fn projects(&self, page: PageReq) -> Result<Paged<ProjectRecord>> {
        self.page(GroupQuery { groups: vec![b"P/".to_vec()], bounds: None, primary: None, keep: None, page })
    }

    async fn idempotency(&self, owner: &str, k: &str) -> Result<Option<IdempotencyRecord>> {
        self.get(&key(&["Y", owner, k], false))
    }
}

#[async_trait]
impl Media for SledStore {
    async fn egress(&self, project_id: &ProjectId, id: &str) -> Result<Option<EgressRecord>> {
        match self.via("G", &key(&["GL", id], false), Some(project_id))? {
            Some(e) => Ok(Some(e)),
            None => self.get(&key(&["G", project_id, id], false)),
        }
    }

    async fn egress_by_livekit(&self, livekit_id: &str) -> Result<Option<EgressRecord>> {
        self.via("G", &key(&["GL", livekit_id], false), None)
    }

    async fn egress_list(
        &self,
        project_id: &ProjectId,
        f: &EgressFilter,
        page: PageReq,
    ) -> Result<Paged<EgressRecord>> {
        let (group, primary) = match f.status {
            Some(s) => (key(&["Gs", project_id, s.as_str()], true), Some(("G", project_id.as_str()))),
            None => (key(&["G", project_id], true), None),
        };
        let keep: Option<Keep<'_, EgressRecord>> =
            f.room_name.as_ref().map(|room| Box::new(move |e: &EgressRecord| &e.room_name == room) as Box<_>);
        self.page(GroupQuery { groups: vec![group], bounds: None, primary, keep, page })
    }

    async fn egress_unfinished(&self) -> Result<Vec<EgressRecord>> {
        self.egress_listed(b"GU/")
    }

    async fn egress_to_verify(&self, now_ms: Millis) -> Result<Vec<EgressRecord>> {
        let mut out = self.egress_listed(b"GV/")?;
        out.retain(|e| e.recording.as_ref().is_some_and(|r| r.next_ms <= now_ms));
        Ok(out)
    }

    async fn ingress(&self, project_id: &ProjectId, id: &str) -> Result<Option<IngressRecord>> {
        match self.via("I", &key(&["IL", id], false), Some(project_id))? {
            Some(i) => Ok(Some(i)),
            None => self.get(&key(&["I", project_id, id], false)),
        }
    }

    async fn ingress_by_livekit(&self, livekit_id: &str) -> Result<Option<IngressRecord>> {
        self.via("I", &key(&["IL", livekit_id], false), None)
    }

    async fn rule(&self, project_id: &ProjectId, id: &RuleId) -> Result<Option<RuleRecord>> {
        self.get(&key(&["R", project_id, id], false))
    }

    async fn any_rules(&self) -> Result<bool> {
        Ok(self.tree.scan_prefix(b"R/").next().is_some())
    }

    async fn rules(&self, project_id: &ProjectId) -> Result<Vec<RuleRecord>> {
        self.tree.scan_prefix(key(&["R", project_id], true)).rev().map(|kv| decode(&kv.map_err(io)?.1)).collect()
    }

    async fn ingress_list(
        &self,
        project_id: &ProjectId,
        f: &IngressFilter,
        page: PageReq,
    ) -> Result<Paged<IngressRecord>> {
        let (group, primary) = if f.include_deleted {
            (key(&["I", project_id], true), None)
        } else {
            (key(&["Ia", project_id], true), Some(("I", project_id.as_str())))
        };
        let keep: Option<Keep<'_, IngressRecord>> =
            f.room_name.as_ref().map(|room| Box::new(move |i: &IngressRecord| &i.room_name == room) as Box<_>);
        self.page(GroupQuery { groups: vec![group], bounds: None, primary, keep, page })
    }
}

#[async_trait]
impl Webhooks for SledStore {
    async fn endpoint(&self, project_id: &ProjectId, id: &EndpointId) -> Result<Option<EndpointRecord>> {
        if let Some(all) = self.cache.endpoints(project_id) {
            return Ok(all.iter().find(|e| &e.id == id).cloned());
        }
        self.get(&key(&["W", project_id, id], false))
    }

    async fn endpoints(&self, project_id: &ProjectId) -> Result<Vec<EndpointRecord>> {
        if let Some(all) = self.cache.endpoints(project_id) {
            return Ok(all.as_ref().clone());
        }
        let generation = self.cache.generation();
        let all: Vec<EndpointRecord> = self
            .tree
            .scan_prefix(key(&["W", project_id], true))
            .rev()
            .map(|kv| decode(&kv.map_err(io)?.1))
            .collect::<Result<_>>()?;
        self.cache.put_endpoints(generation, project_id, Arc::new(all.clone()));
        Ok(all)
    }

    async fn event(&self, project_id: &ProjectId, id: &EventId) -> Result<Option<EventRecord>> {
        self.get(&key(&["V", project_id, id], false))
    }

    async fn delivery(&self, project_id: &ProjectId, id: &DeliveryId) -> Result<Option<DeliveryRecord>> {
        self.get(&key(&["D", project_id, id], false))
    }

    async fn deliveries(&self, project_id: &ProjectId, f: &LogFilter, page: PageReq) -> Result<Paged<DeliveryRecord>> {
        let p = project_id;
        let filtered = f.status.is_some() || f.event.is_some() || f.endpoint_id.is_some();
        let (groups, primary) = match filtered {
            true => (self.delivery_groups(p, f)?, Some(("D", p.as_str()))),
            false => (vec![key(&["D", p], true)], None),
        };
        let bounds = (f.since_ms.is_some() || f.until_ms.is_some()).then(|| {
            (
                id_bound("whl", f.since_ms.unwrap_or(0), false),
                id_bound("whl", f.until_ms.unwrap_or(Millis::MAX >> 20), true),
            )
        });
        self.page(GroupQuery { groups, bounds, primary, keep: None, page })
    }
}

#[async_trait]
impl Queue for SledStore {
    async fn rate_slot(&self, endpoint_id: &EndpointId, interval_ms: Millis, horizon_ms: Millis) -> Result<Slot> {
        let mut rates = self.rates.lock().unwrap_or_else(|e| e.into_inner());
        let now = crate::model::now_ms();
        let (tat, slot) =
            crate::store::take_slot(rates.get(endpoint_id.as_str()).copied(), now, interval_ms, horizon_ms);
        if let Some(t) = tat {
            rates.insert(endpoint_id.to_string(), t);
        }
        // An endpoint idle for a second has nothing to remember.
        rates.retain(|_, t| *t > now - 1_000);
        Ok(slot)
    }

    async fn claim_due(&self, c: Claim) -> Result<Vec<DeliveryRecord>> {
        let mut out = Vec::new();
        if c.limit == 0 {
            return Ok(out);
        }
        let mut taken = Taken::default();
        let end = keys::due_key(c.now_ms.saturating_add(1), "", "");
        // The walk is the in-memory schedule (`due.rs`): an endpoint or project at its limit is
        // passed in one step, however long its backlog, so that one tenant's backlog never
        // hides another's due delivery. `c.scan` bounds the steps (entries and endpoints).
        let bound = c.scan.unwrap_or(CLAIM_SCAN).min(CLAIM_SCAN);
        let mut steps = 0;
        let mut leases = self.leases.lock();
        let due = self.due.lock().unwrap_or_else(|e| e.into_inner());
        'endpoints: for (endpoint, ks) in due.due_before(&end) {
            for k in ks {
                if steps >= bound {
                    break 'endpoints;
                }
                steps += 1;
                let Ok(target) = std::str::from_utf8(&k[keys::QUEUE.len() + 8..]) else { continue };
                let Some((project, id)) = target.split_once('/') else { continue };
                if !c.room(&taken, project, endpoint) {
                    continue 'endpoints;
                }
                if self.leases.holds(&leases, target, c.now_ms) || due.waits_its_turn(k) {
                    continue;
                }
                let Some(mut d) = self.get::<DeliveryRecord>(&key(&["D", project, id], false))? else { continue };
                // Only the record's own due time counts (the index follows the tree).
                let due_ms = k.get(2..10).and_then(|b| b.try_into().ok()).map(|b| u64::from_be_bytes(b) as Millis);
                if d.due_ms != due_ms {
                    continue;
                }
                leases.insert(target.to_string(), (c.lease_until_ms, d.rev));
                d.due_ms = Some(c.lease_until_ms);
                taken.add(project, endpoint);
                out.push(d);
                if out.len() >= c.limit {
                    break 'endpoints;
                }
            }
        }
        Ok(out)
    }

    async fn queue_counts(&self, now_ms: Millis) -> Result<QueueCounts> {
        let scheduled = self.count(keys::QUEUE)?;
        let end = keys::due_key(now_ms.saturating_add(1), "", "");
        let due = self.tree.range(keys::QUEUE.to_vec()..end).keys().count() as u64;
        let leased = self.leases.lock().values().filter(|(until, _)| *until > now_ms).count() as u64;
        Ok(QueueCounts { scheduled, due: due.saturating_sub(leased) })
    }

    async fn project_queue_counts(&self, project_id: &ProjectId, now_ms: Millis) -> Result<QueueCounts> {
        let mut scheduled = 0;
        for status in [DeliveryStatus::Pending, DeliveryStatus::Retrying] {
            let f = LogFilter { status: Some(status), ..Default::default() };
            for g in self.delivery_groups(project_id, &f)? {
                scheduled += self.count(&g)?;
            }
        }
        let end = keys::due_key(now_ms.saturating_add(1), "", "");
        let prefix = format!("{project_id}/");
        let leases = self.leases.lock();
        let mut due = 0;
        for k in self.tree.range(keys::QUEUE.to_vec()..end).keys().take(CLAIM_SCAN) {
            let k = k.map_err(io)?;
            let target = std::str::from_utf8(&k[keys::QUEUE.len() + 8..]).unwrap_or_default();
            if target.starts_with(&prefix) && !self.leases.holds(&leases, target, now_ms) {
                due += 1;
            }
        }
        Ok(QueueCounts { scheduled, due })
    }

    async fn next_due(&self) -> Result<Option<Millis>> {
        // The first schedule entry that is not leased out (leases sit at the front).
        let leases = self.leases.lock();
        let now = crate::model::now_ms();
        for k in self.tree.scan_prefix(keys::QUEUE).keys().take(leases.len() + 1) {
            let k = k.map_err(io)?;
            let target = std::str::from_utf8(&k[keys::QUEUE.len() + 8..]).unwrap_or_default();
            if self.leases.holds(&leases, target, now) {
                continue;
            }
            return Ok(k.get(2..10).and_then(|b| b.try_into().ok()).map(|b| u64::from_be_bytes(b) as Millis));
        }
        Ok(None)
    }
}

#[async_trait]
impl Upkeep for SledStore {
    async fn prune(&self, cutoff_ms: Millis) -> Result<u64> {
        let mut total = 0;
        loop {
            let (n, more) = self.ask(|r| Cmd::Prune(cutoff_ms, r)).await?;
            total += n;
            if !more {
                return Ok(total);
            }
        }
    }

    async fn export(&self, kind: Kind, after: Option<String>, limit: usize) -> Result<Export> {
        let prefix = kind_prefix(kind);
        let mut end = prefix.to_vec();
        end.push(0xff);
        let start = match &after {
            // Just past the cursor.
            Some(a) => {
                let mut k = a.as_bytes().to_vec();
                k.push(0);
                k
            }
            None => prefix.to_vec(),
        };
        let mut out = Export::default();
        for kv in self.tree.range(start..end).take(limit) {
            let (k, v) = kv.map_err(io)?;
            out.ops.push(match kind {
                Kind::Projects => Op::PutProject(decode(&v)?, Expect::Any),
                Kind::Rules => Op::PutRule(decode(&v)?, Expect::Any),
                Kind::Endpoints => Op::PutEndpoint(decode(&v)?, Expect::Any),
                Kind::Egress => Op::PutEgress(decode(&v)?, Expect::Any),
                Kind::Ingress => Op::PutIngress(decode(&v)?, Expect::Any),
                Kind::Events => Op::PutEvent(decode(&v)?),
                Kind::Deliveries => Op::PutDelivery(decode(&v)?, Expect::Any),
                Kind::LiveKitEvents => Op::SeenLiveKitEvent {
                    id: String::from_utf8_lossy(&k[2..]).into_owned(),
                    seen_ms: v.as_ref().try_into().map_or(0, u64::from_be_bytes) as Millis,
                },
                Kind::Sessions => Op::PutSession(decode(&v)?, Expect::Any),
            });
            out.next = Some(String::from_utf8_lossy(&k).into_owned());
        }
        if out.ops.len() < limit {
            out.next = None;
        }
        Ok(out)
    }

    async fn count(&self, kind: Kind) -> Result<u64> {
        if kind == Kind::Projects {
            return self.count(b"P/");
        }
        let prefix = kind_prefix(kind);
        Ok(self.tree.scan_prefix(prefix).keys().count() as u64)
    }

    fn size_on_disk(&self) -> u64 {
        self.db.size_on_disk().unwrap_or(0)
    }

    fn commit_stats(&self) -> CommitStats {
        let s = &self.stats;
        CommitStats {
            batches: s.batches.load(Ordering::Relaxed),
            commands: s.commands.load(Ordering::Relaxed),
            flush_nanos: s.flush_nanos.load(Ordering::Relaxed),
            sync_nanos: s.sync_nanos.load(Ordering::Relaxed),
        }
    }

    async fn close(&self) -> Result<()> {
        self.ask(Cmd::Close).await
    }
}

#[async_trait]
impl Sessions for SledStore {
    async fn session(
        &self,
        project_id: &ProjectId,
        room_sid: &str,
        participant_sid: Option<&str>,
    ) -> Result<Option<SessionRecord>> {
        let k = keys::session_key("S", project_id, room_sid, participant_sid);
        self.tree.get(k).map_err(io)?.map(|v| decode(&v)).transpose()
    }

    async fn sessions_open(&self, project_id: Option<&ProjectId>) -> Result<Vec<SessionRecord>> {
        let mut out = Vec::new();
        let prefix = project_id.map_or(b"SU/".to_vec(), |p| key(&["SU", p], true));
        for k in self.tree.scan_prefix(prefix).keys() {
            let k = k.map_err(io)?;
            // SU/… → S/…: the same parts after the tag; the room's participants follow it.
            let mut room = b"S".to_vec();
            room.extend_from_slice(&k[2..]);
            let Some(v) = self.tree.get(&room).map_err(io)? else { continue };
            let room: SessionRecord = decode(&v)?;
            let participants = self.sessions_in_room(&room.project_id, &room.room_sid).await?;
            out.push(room);
            out.extend(participants.into_iter().filter(|s| s.ended_ms.is_none()));
        }
        Ok(out)
    }

    async fn sessions_of_project(&self, project_id: &ProjectId) -> Result<Vec<SessionRecord>> {
        self.tree.scan_prefix(key(&["S", project_id], true)).map(|kv| decode(&kv.map_err(io)?.1)).collect()
    }

    async fn sessions_in_room(&self, project_id: &ProjectId, room_sid: &str) -> Result<Vec<SessionRecord>> {
        let mut prefix = keys::session_key("S", project_id, room_sid, None);
        prefix.push(b'/');
        self.tree.scan_prefix(prefix).map(|kv| decode(&kv.map_err(io)?.1)).collect()
    }
}

/// One daemon owns a sled store: nothing to coordinate.
impl Cluster for SledStore {
    fn backend(&self) -> &'static str {
        "sled"
    }
}

#[cfg(test)]
mod tests;

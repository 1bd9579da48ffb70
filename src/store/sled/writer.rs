//! The one writer: a thread that owns every write to the tree. Requests hand it commands over a
//! bounded channel; it takes everything waiting as one batch, applies each command against the
//! batch so far (so later commands see earlier ones), writes the batch with one atomic
//! `apply_batch`, makes it durable once (sled's flush, then `fdatasync`), and only then answers
//! every command in it. No per-request transaction, no conflict retries, no thread per flush.

use std::collections::HashMap;
use std::fs::File;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

use tokio::sync::{mpsc, oneshot};

use super::keys::{Entry, PROJECT_GROUPS, Row, counter, decode, id_bound, key, seen_key};
use super::{io, usage};
use crate::model::Millis;
use crate::store::{
    Changes, Committed, DeliveryRecord, EgressRecord, EndpointRecord, EventRecord, Expect, IdempotencyRecord,
    IngressRecord, Op, ProjectRecord, Result, RuleRecord, SessionRecord, Settlement, StoreError,
};

/// The most commands one batch takes (bounds the time before the first is answered).
const MAX_BATCH: usize = 2048;
/// Takes whatever commands are waiting, up to a batch.
fn drain(rx: &mut mpsc::Receiver<Cmd>, cmds: &mut Vec<Cmd>) {
    while cmds.len() < MAX_BATCH {
        match rx.try_recv() {
            Ok(c) => cmds.push(c),
            Err(_) => break,
        }
    }
}

/// The most records one prune command deletes (keeps batches short; prune loops).
pub const PRUNE_STEP: u64 = 5_000;

pub type Reply<T> = oneshot::Sender<Result<T>>;

/// What the writer is asked to do.
pub enum Cmd {
    Commit(Changes, Reply<Committed>),
    /// Deletes up to [`PRUNE_STEP`] old records; answers how many deliveries went and whether
    /// more remain.
    Prune(Millis, Reply<(u64, bool)>),
    Close(Reply<()>),
    /// Holds the writer (tests of a writer that has fallen behind).
    #[cfg(test)]
    Stall(std::time::Duration),
}

/// A command's answer, held until its batch is durable.
enum Done {
    Commit(Reply<Committed>, Result<Committed>),
    Prune(Reply<(u64, bool)>, Result<(u64, bool)>),
    Close(Reply<()>),
}

impl Done {
    fn send(self, failed: Option<&StoreError>) {
        fn fail<T>(failed: Option<&StoreError>, r: Result<T>) -> Result<T> {
            match failed {
                Some(e) => Err(e.clone()),
                None => r,
            }
        }
        match self {
            Done::Commit(tx, r) => drop(tx.send(fail(failed, r))),
            Done::Prune(tx, r) => drop(tx.send(fail(failed, r))),
            Done::Close(tx) => drop(tx.send(fail(failed, Ok(())))),
        }
    }
}

/// Counters the writer keeps (group commit's cost).
#[derive(Debug, Default)]
pub struct Stats {
    pub batches: AtomicU64,
    pub commands: AtomicU64,
    pub flush_nanos: AtomicU64,
    pub sync_nanos: AtomicU64,
    /// Set when a flush failed: nothing more is acknowledged until a restart.
    pub broken: AtomicBool,
}

/// A schedule key the batch writes (with its endpoint) or removes (`None`).
type QueueChange = (Vec<u8>, Option<Vec<u8>>);

/// The tree as the batch being built sees it: the current command's writes (`stage`) over the
/// batch's (`overlay`) over what is on disk.
struct View<'a> {
    tree: &'a ::sled::Tree,
    overlay: HashMap<Vec<u8>, Option<Vec<u8>>>,
    stage: HashMap<Vec<u8>, Option<Vec<u8>>>,
    /// Deliveries this batch wrote (and the current command's), with their new revisions: a
    /// lease taken on an older revision ends once the batch is applied.
    released: Vec<(String, u64)>,
    stage_released: Vec<(String, u64)>,
    /// Whether the batch wrote a project or an endpoint (the read cache starts over).
    touched_config: bool,
}

impl<'a> View<'a> {
    fn new(tree: &'a ::sled::Tree) -> Self {
        View {
            tree,
            overlay: HashMap::new(),
            stage: HashMap::new(),
            released: Vec::new(),
            stage_released: Vec::new(),
            touched_config: false,
        }
    }

    fn get(&self, k: &[u8]) -> Result<Option<Vec<u8>>> {
        if let Some(v) = self.stage.get(k).or_else(|| self.overlay.get(k)) {
            return Ok(v.clone());
        }
        Ok(self.tree.get(k).map_err(io)?.map(|v| v.to_vec()))
    }

    fn put(&mut self, k: Vec<u8>, v: Vec<u8>) {
        self.stage.insert(k, Some(v));
    }

    fn del(&mut self, k: Vec<u8>) {
        self.stage.insert(k, None);
    }

    fn count(&mut self, group: &[u8], delta: i64) -> Result<()> {
        let k = counter(group);
        let now = self.get(&k)?.and_then(|v| v.try_into().ok()).map_or(0, u64::from_be_bytes);
        let next = now.saturating_add_signed(delta);
        if next == 0 {
            self.del(k)
        } else {
            self.put(k, next.to_be_bytes().to_vec())
        }
        Ok(())
    }

    /// Every key under `prefix`, on disk or written by this batch, with its value.
    fn scan(&self, prefix: &[u8]) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let mut all = std::collections::BTreeMap::new();
        for kv in self.tree.scan_prefix(prefix) {
            let (k, v) = kv.map_err(io)?;
            all.insert(k.to_vec(), Some(v.to_vec()));
        }
        for (k, v) in self.overlay.iter().chain(self.stage.iter()).filter(|(k, _)| k.starts_with(prefix)) {
            all.insert(k.clone(), v.clone());
        }
        Ok(all.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect())
    }

    fn keep_stage(&mut self) {
        self.overlay.extend(self.stage.drain());
        self.released.append(&mut self.stage_released);
    }

    fn drop_stage(&mut self) {
        self.stage.clear();
        self.stage_released.clear();
    }

    /// The batch to apply, the deliveries it released, and its schedule keys (for the index).
    fn into_batch(self) -> (::sled::Batch, Vec<(String, u64)>, Vec<QueueChange>) {
        let mut batch = ::sled::Batch::default();
        let mut queue = Vec::new();
        for (k, v) in self.overlay {
            if k.starts_with(super::keys::QUEUE) {
                queue.push((k.clone(), v.clone()));
            }
            match v {
                Some(v) => batch.insert(k, v),
                None => batch.remove(k),
            }
        }
        (batch, self.released, queue)
    }
}

/// Writes `rec` over whatever it replaces, keeping every index and counter in step. `Err`
/// inside `Ok` is a failed precondition, named.
fn put_row<T: Row>(v: &mut View, mut rec: T, expect: Expect, what: &str) -> Result<std::result::Result<T, String>> {
    let old: Option<T> = v.get(&rec.primary())?.map(|b| decode(&b)).transpose()?;
    match (expect, &old) {
        (Expect::New, Some(_)) => return Ok(Err(format!("{what} already exists"))),
        (Expect::IfAbsent, Some(_)) => return Ok(Ok(rec)),
        (Expect::Rev(_), None) => return Ok(Err(format!("{what} no longer exists"))),
        (Expect::Rev(r), Some(o)) if o.rev() != r => return Ok(Err(format!("{what} changed meanwhile"))),
        _ => {}
    }
    rec.set_rev(old.as_ref().map_or(1, |o| o.rev() + 1));
    let new = rec.entries()?;
    let old = old.map(|o| o.entries()).transpose()?.unwrap_or_default();
    for e in &old {
        if !new.iter().any(|n| n.key == e.key) {
            v.del(e.key.clone());
            if let Some(g) = &e.group {
                v.count(g, -1)?;
            }
        }
    }
    for Entry { key, value, group } in new {
        let existed = old.iter().any(|o| o.key == key);
        v.put(key, value);
        if let (Some(g), false) = (group, existed) {
            v.count(&g, 1)?;
        }
    }
    Ok(Ok(rec))
}

/// Removes the record at `primary` and every key it occupies; false when there was none.
fn delete_row<T: Row>(v: &mut View, primary: &[u8]) -> Result<bool> {
    let Some(old) = v.get(primary)?.map(|b| decode::<T>(&b)).transpose()? else { return Ok(false) };
    for e in old.entries()? {
        v.del(e.key);
        if let Some(g) = &e.group {
            v.count(g, -1)?;
        }
    }
    Ok(true)
}

fn apply_op(v: &mut View, op: Op) -> Result<std::result::Result<(), String>> {
    if matches!(op, Op::PutProject(..) | Op::DeleteProject(_) | Op::PutEndpoint(..) | Op::DeleteEndpoint { .. }) {
        // Set even if this op fails: a needless invalidation costs one read.
        v.touched_config = true;
    }
    // A metered record's hour is marked stale with it (see `store::usage`).
    let mark = crate::store::usage::marked_hour(&op).map(|(p, hour)| usage::mark_key(p, hour));
    let done = match op {
        Op::PutProject(r, e) => put_row(v, r, e, "project")?.map(drop),
        Op::PutEgress(r, e) => put_row(v, r, e, "egress")?.map(drop),
        Op::PutIngress(r, e) => put_row(v, r, e, "ingress")?.map(drop),
        Op::PutEndpoint(r, e) => put_row(v, r, e, "webhook endpoint")?.map(drop),
        Op::PutEvent(r) => put_row(v, r, Expect::New, "event")?.map(drop),
        Op::PutRule(r, e) => put_row(v, r, e, "recording rule")?.map(drop),
        Op::DeleteRule { project_id, id } => {
            delete_row::<RuleRecord>(v, &key(&["R", &project_id, &id], false))?;
            Ok(())
        }
        Op::PutDelivery(r, e) => put_row(v, r, e, "delivery")?.map(|d| {
            v.stage_released.push((format!("{}/{}", d.project_id, d.id), d.rev));
        }),
        Op::DeleteEndpoint { project_id, id, expect } => {
            let primary = key(&["W", &project_id, &id], false);
            let old: Option<EndpointRecord> = v.get(&primary)?.map(|b| decode(&b)).transpose()?;
            match (expect, old) {
                (Expect::Rev(r), Some(o)) if o.rev != r => Err("webhook endpoint changed meanwhile".into()),
                (Expect::Rev(_), None) => Err("webhook endpoint no longer exists".into()),
                _ => {
                    delete_row::<EndpointRecord>(v, &primary)?;
                    Ok(())
                }
            }
        }
        Op::DeleteProject(id) => {
            delete_project(v, &id)?;
            Ok(())
        }
        Op::SeenLiveKitEvent { id, seen_ms } => {
            v.put(seen_key(&id), (seen_ms.max(0) as u64).to_be_bytes().to_vec());
            Ok(())
        }
        Op::PutIdempotency(r, e) => put_row(v, r, e, "idempotency key")?.map(drop),
        Op::PutSession(r, e) => put_row(v, r, e, "session")?.map(drop),
        Op::SettleUsage(s) => settle_usage(v, &s)?,
        Op::DeleteIdempotency { owner, key: k } => {
            delete_row::<IdempotencyRecord>(v, &key(&["Y", &owner, &k], false))?;
            Ok(())
        }
    };
    if let (Ok(()), Some(k)) = (&done, mark) {
        v.put(k, usage::token());
    }
    Ok(done)
}

/// Applies a settlement if the project's generation is still the one it was computed at.
fn settle_usage(v: &mut View, s: &Settlement) -> Result<std::result::Result<(), String>> {
    let (generation, _) = usage::state(v.get(&usage::state_key(&s.project_id))?.as_deref())?;
    if generation != s.generation {
        return Ok(Err("usage buckets were settled meanwhile".into()));
    }
    for (k, val) in usage::settled(s)? {
        match val {
            Some(val) => v.put(k, val),
            None => v.del(k),
        }
    }
    for m in &s.cleared {
        let k = usage::mark_key(&m.project_id, m.hour_ms);
        if v.get(&k)?.is_some_and(|t| t == m.token.to_be_bytes()) {
            v.del(k);
        }
    }
    Ok(Ok(()))
}

fn delete_project(v: &mut View, id: &str) -> Result<()> {
    for prefix in [usage::marks_of(id), usage::buckets_of(id)] {
        for (k, _) in v.scan(&prefix)? {
            v.del(k);
        }
    }
    v.del(usage::state_key(id));
    for (k, _) in v.scan(&key(&["G", id], true))? {
        delete_row::<EgressRecord>(v, &k)?;
    }
    for (k, _) in v.scan(&key(&["I", id], true))? {
        delete_row::<IngressRecord>(v, &k)?;
    }
    for (k, _) in v.scan(&key(&["W", id], true))? {
        delete_row::<EndpointRecord>(v, &k)?;
    }
    for (k, _) in v.scan(&key(&["R", id], true))? {
        delete_row::<RuleRecord>(v, &k)?;
    }
    for (k, _) in v.scan(&key(&["V", id], true))? {
        delete_row::<EventRecord>(v, &k)?;
    }
    for (k, _) in v.scan(&key(&["D", id], true))? {
        delete_row::<DeliveryRecord>(v, &k)?;
    }
    for (k, _) in v.scan(&key(&["S", id], true))? {
        delete_row::<SessionRecord>(v, &k)?;
    }
    // Counters of groups that are empty now were removed with their last member; these are
    // any left behind.
    for g in PROJECT_GROUPS {
        for (k, _) in v.scan(&counter(&key(&[g, id], true)))? {
            v.del(k);
        }
    }
    delete_row::<ProjectRecord>(v, &key(&["P", id], false))?;
    Ok(())
}

fn commit(v: &mut View, changes: Changes) -> Result<Committed> {
    if let Some(id) = &changes.livekit_event
        && v.get(&seen_key(id))?.is_some()
    {
        return Ok(Committed::Duplicate);
    }
    for op in changes.ops {
        if let Err(why) = apply_op(v, op)? {
            v.drop_stage();
            return Ok(Committed::Conflict(why));
        }
    }
    // Last, so that a LiveKit id is never recorded without what it brought.
    if let Some(id) = &changes.livekit_event {
        v.put(seen_key(id), (crate::model::now_ms() as u64).to_be_bytes().to_vec());
    }
    Ok(Committed::Applied)
}

fn prune(v: &mut View, cutoff: Millis) -> Result<(u64, bool)> {
    let mut deliveries = 0;
    let mut removed = 0;
    let projects: Vec<String> = v
        .tree
        .scan_prefix(b"P/")
        .keys()
        .filter_map(|k| k.ok())
        .map(|k| String::from_utf8_lossy(&k[2..]).into())
        .collect();
    for p in projects {
        let group = key(&["D", &p], true);
        let mut end = group.clone();
        end.extend_from_slice(id_bound("whl", cutoff, false).as_bytes());
        let old: Vec<_> = v.tree.range(group..end).filter_map(|kv| kv.ok()).collect();
        for (k, val) in old {
            let d: DeliveryRecord = decode(&val)?;
            if d.due_ms.is_none() && delete_row::<DeliveryRecord>(v, &k)? {
                deliveries += 1;
                removed += 1;
                if removed >= PRUNE_STEP {
                    v.keep_stage();
                    return Ok((deliveries, true));
                }
            }
        }
        let group = key(&["V", &p], true);
        let mut end = group.clone();
        end.extend_from_slice(id_bound("evt", cutoff, false).as_bytes());
        let old: Vec<_> = v.tree.range(group..end).keys().filter_map(|k| k.ok()).collect();
        for k in old {
            if delete_row::<EventRecord>(v, &k)? {
                removed += 1;
            }
        }
    }
    let stale = crate::model::now_ms() - IdempotencyRecord::KEEP_MS;
    let keys: Vec<_> = v.tree.scan_prefix(b"Y/").filter_map(|kv| kv.ok()).collect();
    for (k, val) in keys {
        if decode::<IdempotencyRecord>(&val)?.created_ms < stale {
            v.del(k.to_vec());
        }
    }
    let seen: Vec<_> = v.tree.scan_prefix(b"L/").filter_map(|kv| kv.ok()).collect();
    for (k, at) in seen {
        let at = at.as_ref().try_into().map_or(0, u64::from_be_bytes) as Millis;
        if at < cutoff {
            v.del(k.to_vec());
        }
    }
    v.keep_stage();
    Ok((deliveries, removed >= PRUNE_STEP))
}

fn apply(v: &mut View, cmd: Cmd) -> std::result::Result<Option<Done>, (Done, StoreError)> {
    // A command that fails leaves nothing behind in the batch; the others still commit.
    let done = match cmd {
        Cmd::Commit(changes, tx) => {
            let r = commit(v, changes);
            match &r {
                Ok(_) => v.keep_stage(),
                Err(_) => v.drop_stage(),
            }
            Done::Commit(tx, r)
        }
        Cmd::Prune(cutoff, tx) => {
            let r = prune(v, cutoff);
            if r.is_err() {
                v.drop_stage();
            }
            Done::Prune(tx, r)
        }
        Cmd::Close(tx) => return Err((Done::Close(tx), StoreError::Io("closing".into()))),
        #[cfg(test)]
        Cmd::Stall(d) => {
            std::thread::sleep(d);
            return Ok(None);
        }
    };
    Ok(Some(done))
}

/// The writer's loop: batch, apply, flush once, answer. Ends when every sender is gone or
/// after a [`Cmd::Close`].
/// What the writer shares with the readers.
pub struct Shared {
    pub stats: Arc<Stats>,
    pub leases: Arc<super::Leases>,
    pub cache: Arc<super::cache::ReadCache>,
    pub due: Arc<std::sync::Mutex<super::due::DueIndex>>,
}

pub fn run(db: ::sled::Db, tree: ::sled::Tree, data_file: Option<File>, mut rx: mpsc::Receiver<Cmd>, shared: Shared) {
    let Shared { stats, leases, cache, due } = shared;
    usage::seed_tokens();
    let mut closing = None;
    while closing.is_none() {
        let Some(first) = rx.blocking_recv() else { break };
        let mut cmds = vec![first];
        drain(&mut rx, &mut cmds);
        let n = cmds.len() as u64;
        let mut view = View::new(&tree);
        let mut done = Vec::with_capacity(cmds.len());
        for cmd in cmds {
            match apply(&mut view, cmd) {
                Ok(d) => done.extend(d),
                Err((close, _)) => closing = Some(close),
            }
        }
        let t0 = Instant::now();
        let failed = if stats.broken.load(Ordering::Relaxed) {
            Some(StoreError::Io("an earlier flush failed; restart the daemon".into()))
        } else if view.overlay.is_empty() {
            None // nothing written: whatever these commands read was made durable before
        } else {
            let touched_config = view.touched_config;
            let (batch, released, queue) = view.into_batch();
            let mut held = leases.lock();
            let r = durable(&db, &tree, batch, data_file.as_ref(), &stats, t0).err();
            super::Leases::release_in(&mut held, &released);
            if r.is_none() {
                let mut due = due.lock().unwrap_or_else(|e| e.into_inner());
                for (k, v) in queue {
                    match v {
                        Some(ep) => due.put(k, &String::from_utf8_lossy(&ep)),
                        None => due.remove(&k),
                    }
                }
            }
            if touched_config {
                cache.invalidate();
            }
            r
        };
        if failed.is_some() {
            stats.broken.store(true, Ordering::Relaxed);
        }
        stats.batches.fetch_add(1, Ordering::Relaxed);
        stats.commands.fetch_add(n, Ordering::Relaxed);
        for d in done {
            d.send(failed.as_ref());
        }
    }
    if let Some(close) = closing {
        let r = db.flush().map(drop).map_err(io);
        // Let go of the database before answering, so that once the caller drops its own
        // handle the data dir is free for the next process.
        drop((tree, db));
        close.send(r.as_ref().err());
    }
}

fn durable(
    db: &::sled::Db,
    tree: &::sled::Tree,
    batch: ::sled::Batch,
    data_file: Option<&File>,
    stats: &Stats,
    t0: Instant,
) -> Result<()> {
    tree.apply_batch(batch).map_err(io)?;
    // sled's flush ends in sync_file_range (data pages only); the fdatasync after it also
    // persists the file's metadata and drains the disk's cache, which power loss needs.
    db.flush().map_err(io)?;
    let t1 = Instant::now();
    if let Some(f) = data_file {
        f.sync_data().map_err(|e| StoreError::Io(e.to_string()))?;
    }
    stats.flush_nanos.fetch_add((t1 - t0).as_nanos() as u64, Ordering::Relaxed);
    stats.sync_nanos.fetch_add(t1.elapsed().as_nanos() as u64, Ordering::Relaxed);
    Ok(())
}

//! The sled backend against the storage interface's promises.

use super::*;
use crate::model::*;
use crate::store::samples::{delivery, project};

fn egress(project: &str, id: &str, lk: Option<&str>, status: EgressStatus) -> EgressRecord {
    EgressRecord {
        id: id.into(),
        livekit_id: lk.map(Into::into),
        project_id: project.into(),
        room_name: "r".into(),
        kind: EgressKind::RoomComposite,
        output: OutputType::Hls,
        layout: None,
        filename: None,
        status,
        livekit_status: None,
        cdn_playback_url: None,
        file_url: None,
        rtmp_urls: vec![],
        error: None,
        created_ms: 0,
        started_ms: None,
        ended_ms: None,
        updated_ms: 0,
        rev: 0,
        rule_id: None,
        recording: None,
        start: None,
        max_duration_ms: None,
        outputs: Default::default(),
    }
}

async fn put(s: &SledStore, ops: Vec<Op>) -> Committed {
    s.commit(Changes { livekit_event: None, ops }).await.unwrap()
}

const ALL: PageReq = PageReq { page: 1, limit: 100 };

#[tokio::test]
async fn isolation_lookup_order_and_status_index() {
    let dir = tempfile::tempdir().unwrap();
    let s = SledStore::open(dir.path(), 8).unwrap();
    put(
        &s,
        vec![
            Op::PutEgress(egress("prj_a", "eg_1", Some("EG_1"), EgressStatus::Active), Expect::New),
            Op::PutEgress(egress("prj_a", "eg_2", None, EgressStatus::Pending), Expect::New),
            Op::PutEgress(egress("prj_b", "eg_3", Some("EG_3"), EgressStatus::Active), Expect::New),
        ],
    )
    .await;
    assert_eq!(s.egress(&"prj_a".into(), "EG_1").await.unwrap().unwrap().id, "eg_1");
    assert!(s.egress(&"prj_a".into(), "EG_3").await.unwrap().is_none(), "foreign LiveKit id");
    assert!(s.egress(&"prj_a".into(), "eg_3").await.unwrap().is_none(), "foreign pulse id");
    let list = s.egress_list(&"prj_a".into(), &EgressFilter::default(), ALL).await.unwrap();
    assert_eq!(list.items.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["eg_2", "eg_1"]);
    assert_eq!(list.total, 2);
    let active = EgressFilter { status: Some(EgressStatus::Active), room_name: None };
    assert_eq!(s.egress_list(&"prj_a".into(), &active, ALL).await.unwrap().total, 1);
    assert_eq!(s.egress_by_livekit("EG_3").await.unwrap().unwrap().project_id, "prj_b");
    assert_eq!(s.egress_unfinished().await.unwrap().len(), 3);
}

#[tokio::test]
async fn preconditions_and_dedupe_write_nothing_when_they_fail() {
    let dir = tempfile::tempdir().unwrap();
    let s = SledStore::open(dir.path(), 8).unwrap();
    let e = egress("prj_a", "eg_1", Some("EG_1"), EgressStatus::Pending);
    assert_eq!(put(&s, vec![Op::PutEgress(e.clone(), Expect::New)]).await, Committed::Applied);
    assert!(matches!(put(&s, vec![Op::PutEgress(e.clone(), Expect::New)]).await, Committed::Conflict(_)));
    let stored = s.egress(&"prj_a".into(), "eg_1").await.unwrap().unwrap();
    assert_eq!(stored.rev, 1);
    let mut ended = stored.clone();
    ended.status = EgressStatus::Ended;
    // A stale revision fails and takes the rest of its commit with it.
    let stale = vec![
        Op::PutDelivery(delivery("prj_a", "whl_1", DeliveryStatus::Pending, Some(5)), Expect::New),
        Op::PutEgress(ended.clone(), Expect::Rev(7)),
    ];
    assert!(matches!(put(&s, stale).await, Committed::Conflict(_)));
    assert!(s.delivery(&"prj_a".into(), &"whl_1".into()).await.unwrap().is_none());
    assert_eq!(put(&s, vec![Op::PutEgress(ended, Expect::Rev(1))]).await, Committed::Applied);
    let after = s.egress(&"prj_a".into(), "eg_1").await.unwrap().unwrap();
    assert_eq!((after.rev, after.status), (2, EgressStatus::Ended));
    assert!(s.egress_unfinished().await.unwrap().is_empty(), "the unfinished index follows the status");
    let seen = || Changes { livekit_event: Some("EV_1".into()), ops: vec![] };
    assert_eq!(s.commit(seen()).await.unwrap(), Committed::Applied);
    assert_eq!(s.commit(seen()).await.unwrap(), Committed::Duplicate);
}

#[tokio::test]
async fn recordings_to_verify_follow_their_check() {
    let dir = tempfile::tempdir().unwrap();
    let s = SledStore::open(dir.path(), 8).unwrap();
    let mut e = egress("prj_a", "eg_1", Some("EG_1"), EgressStatus::Ended);
    e.recording = Some(crate::core::recordings::on_end(None, true, 1_000));
    put(&s, vec![Op::PutEgress(e.clone(), Expect::New)]).await;
    assert!(s.egress_to_verify(999).await.unwrap().is_empty(), "not due yet");
    assert_eq!(s.egress_to_verify(1_000).await.unwrap()[0].id, "eg_1");
    e.rev = 1;
    e.recording.as_mut().unwrap().state = RecordingState::Verified;
    put(&s, vec![Op::PutEgress(e.clone(), Expect::Rev(1))]).await;
    assert!(s.egress_to_verify(i64::MAX).await.unwrap().is_empty(), "verified leaves the index");
}

#[tokio::test]
async fn logs_page_filter_and_count_with_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let s = SledStore::open(dir.path(), 8).unwrap();
    let mut ops = Vec::new();
    for i in 0..30 {
        let status = if i % 3 == 0 { DeliveryStatus::Failed } else { DeliveryStatus::Delivered };
        ops.push(Op::PutDelivery(delivery("prj_a", &crate::util::new_id("whl"), status, None), Expect::New));
    }
    ops.push(Op::PutDelivery(
        delivery("prj_b", &crate::util::new_id("whl"), DeliveryStatus::Failed, None),
        Expect::New,
    ));
    put(&s, ops).await;
    let page = |p, f: LogFilter| {
        let s = s.clone();
        async move { s.deliveries(&"prj_a".into(), &f, PageReq { page: p, limit: 4 }).await.unwrap() }
    };
    let first = page(1, LogFilter::default()).await;
    assert_eq!((first.total, first.items.len()), (30, 4));
    let last = page(8, LogFilter::default()).await;
    assert_eq!(last.items.len(), 2);
    assert!(first.items[0].id > first.items[1].id, "newest first");
    let failed = LogFilter { status: Some(DeliveryStatus::Failed), ..Default::default() };
    let f = page(1, failed.clone()).await;
    assert_eq!(f.total, 10);
    assert!(f.items.iter().all(|d| d.status == DeliveryStatus::Failed));
    let both = LogFilter { endpoint_id: Some("we_1".into()), ..failed };
    assert_eq!(page(3, both).await.total, 10);
    let none = LogFilter { until_ms: Some(1), ..Default::default() };
    assert_eq!(page(1, none).await.total, 0, "ids minted now are after 1970");
}

#[tokio::test]
async fn claims_lease_what_is_due_within_the_endpoint_cap() {
    let dir = tempfile::tempdir().unwrap();
    let s = SledStore::open(dir.path(), 8).unwrap();
    let t = now_ms() - 100;
    let ops = (0..5)
        .map(|i| {
            let d = delivery("prj_a", &format!("whl_{i}"), DeliveryStatus::Pending, Some(t + i));
            Op::PutDelivery(d, Expect::New)
        })
        .collect();
    put(&s, ops).await;
    assert_eq!(s.queue_counts(t + 2).await.unwrap().due, 3);
    let lease = t + 60_000;
    let claim = |limit| Claim {
        now_ms: t + 10,
        lease_until_ms: lease,
        limit,
        per_endpoint: 2,
        in_flight: Default::default(),
        per_project: 100,
        in_flight_projects: Default::default(),
        scan: None,
        held: Default::default(),
    };
    let got = s.claim_due(claim(10)).await.unwrap();
    assert_eq!(got.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["whl_0", "whl_1"], "two per endpoint");
    assert!(got.iter().all(|d| d.due_ms == Some(lease)));
    let counts = s.queue_counts(t + 10).await.unwrap();
    assert_eq!((counts.scheduled, counts.due), (5, 3), "leased ones are no longer due");
    assert_eq!(s.next_due().await.unwrap(), Some(t + 2));
    // A shallow walk stops at its bound: past the two leased entries there is nothing in reach.
    let shallow = Claim { in_flight: [("we_1".to_string(), 0)].into(), scan: Some(2), ..claim(10) };
    assert!(s.claim_due(shallow).await.unwrap().is_empty());
    // Leased ones are not handed out twice, even with room at the endpoint.
    let more = Claim { in_flight: [("we_1".to_string(), 0)].into(), ..claim(10) };
    let again = s.claim_due(more).await.unwrap();
    assert_eq!(again.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["whl_2", "whl_3"]);
    // A write at the leased revision (the batch that created it, released late) keeps it.
    Leases::release_in(&mut s.leases.lock(), &[("prj_a/whl_0".into(), got[0].rev)]);
    assert!(s.leases.lock().contains_key("prj_a/whl_0"));
    // Writing the outcome ends the lease.
    let mut done = got[0].clone();
    done.status = DeliveryStatus::Delivered;
    done.due_ms = None;
    let rev = done.rev;
    assert_eq!(put(&s, vec![Op::PutDelivery(done, Expect::Rev(rev))]).await, Committed::Applied);
    assert!(!s.leases.lock().contains_key("prj_a/whl_0"));
    assert_eq!(s.queue_counts(t + 10).await.unwrap().scheduled, 4);
}

#[tokio::test]
async fn prune_removes_only_finished_old_deliveries_and_deleting_a_project_removes_all() {
    let dir = tempfile::tempdir().unwrap();
    let s = SledStore::open(dir.path(), 8).unwrap();
    let project = project("prj_a", "h");
    let old = |ms| format!("whl_{}", ulid::Ulid::from_parts(ms, 1).to_string().to_lowercase());
    put(
        &s,
        vec![
            Op::PutProject(project, Expect::New),
            Op::PutDelivery(delivery("prj_a", &old(1_000), DeliveryStatus::Delivered, None), Expect::New),
            Op::PutDelivery(delivery("prj_a", &old(2_000), DeliveryStatus::Retrying, Some(5)), Expect::New),
            Op::PutDelivery(
                delivery("prj_a", &crate::util::new_id("whl"), DeliveryStatus::Delivered, None),
                Expect::New,
            ),
        ],
    )
    .await;
    assert_eq!(s.prune(1_000_000).await.unwrap(), 1);
    assert_eq!(s.deliveries(&"prj_a".into(), &LogFilter::default(), ALL).await.unwrap().total, 2);
    assert!(s.project_by_key_hash("h").await.unwrap().is_some());
    put(&s, vec![Op::DeleteProject("prj_a".into())]).await;
    assert!(s.project_by_key_hash("h").await.unwrap().is_none());
    assert_eq!(s.deliveries(&"prj_a".into(), &LogFilter::default(), ALL).await.unwrap().total, 0);
    assert_eq!(s.queue_counts(i64::MAX).await.unwrap().scheduled, 0);
    let left: Vec<_> = s.tree.iter().keys().map(|k| String::from_utf8_lossy(&k.unwrap()).into_owned()).collect();
    assert!(left.is_empty(), "nothing of the project is left: {left:?}");
}

#[tokio::test]
async fn second_open_is_refused_and_data_survives_reopen() {
    let dir = tempfile::tempdir().unwrap();
    {
        let s = SledStore::open(dir.path(), 8).unwrap();
        let err = SledStore::open(dir.path(), 8).err().expect("second open must fail");
        assert!(matches!(err, StoreError::Locked(_)), "{err}");
        let commits: Vec<_> = (0..32)
            .map(|i| {
                let op =
                    Op::PutEgress(egress("prj_a", &format!("eg_{i:02}"), None, EgressStatus::Pending), Expect::New);
                s.commit(Changes { livekit_event: None, ops: vec![op] })
            })
            .collect();
        for c in futures_util::future::join_all(commits).await {
            assert_eq!(c.unwrap(), Committed::Applied);
        }
        assert!(s.commit_stats().batches < 32, "concurrent commits share flushes");
        s.close().await.unwrap();
    }
    // sled releases the lock once the writer thread has dropped its handle.
    let mut tries = 0;
    let s = loop {
        match SledStore::open(dir.path(), 8) {
            Ok(s) => break s,
            Err(_) if tries < 50 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("{e}"),
        }
    };
    assert_eq!(s.egress_list(&"prj_a".into(), &EgressFilter::default(), ALL).await.unwrap().total, 32);
}

/// Reopens the store in `dir` once the last handle's writer has let go of it.
fn reopen(dir: &std::path::Path) -> SledStore {
    for _ in 0..50 {
        if let Ok(s) = SledStore::open(dir, 8) {
            return s;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    SledStore::open(dir, 8).unwrap()
}

/// Updates of single keys are written as uncompressed zstd frames (vendor/sled/PULSE.md,
/// item 10), whole pages compressed: after a restart every record reads back as written,
/// from small ones to one bigger than a zstd block (128 KiB).
#[tokio::test]
async fn records_written_as_raw_and_compressed_frames_read_back_after_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let mut want = Vec::new();
    {
        let s = SledStore::open(dir.path(), 8).unwrap();
        for i in 0..300 {
            let e = egress("prj_a", &format!("eg_{i:03}"), None, EgressStatus::Pending);
            assert_eq!(put(&s, vec![Op::PutEgress(e, Expect::New)]).await, Committed::Applied);
        }
        for i in (0..300).step_by(3) {
            let mut e = s.egress(&"prj_a".into(), &format!("eg_{i:03}")).await.unwrap().unwrap();
            let rev = e.rev;
            e.status = EgressStatus::Failed;
            e.error = Some(if i == 150 { "x".repeat(200 * 1024) } else { format!("failed {i}") });
            assert_eq!(put(&s, vec![Op::PutEgress(e, Expect::Rev(rev))]).await, Committed::Applied);
        }
        for i in 0..300 {
            want.push(s.egress(&"prj_a".into(), &format!("eg_{i:03}")).await.unwrap().unwrap());
        }
        s.close().await.unwrap();
    }
    let s = reopen(dir.path());
    for w in &want {
        let got = s.egress(&"prj_a".into(), &w.id).await.unwrap().expect("every record survives");
        assert_eq!((got.status, &got.error, got.rev), (w.status, &w.error, w.rev), "{}", w.id);
    }
    assert_eq!(s.egress(&"prj_a".into(), "eg_150").await.unwrap().unwrap().error.unwrap().len(), 200 * 1024);
}

#[tokio::test]
async fn a_writer_that_falls_behind_answers_busy_not_ok() {
    let dir = tempfile::tempdir().unwrap();
    let s = SledStore::open_with_queue(dir.path(), 8, 2).unwrap();
    // Hold the writer, then fill its queue: the next commit waits its 250 ms and gives up.
    s.tx.send(writer::Cmd::Stall(std::time::Duration::from_secs(2))).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let op = |i: u32| Op::PutEgress(egress("prj_a", &format!("eg_{i}"), None, EgressStatus::Pending), Expect::New);
    let queued: Vec<_> = (0..2).map(|i| s.commit(Changes { livekit_event: None, ops: vec![op(i)] })).collect();
    let (queued, refused) = tokio::join!(futures_util::future::join_all(queued), async {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        s.commit(Changes { livekit_event: None, ops: vec![op(9)] }).await
    });
    assert!(matches!(refused, Err(StoreError::Busy)), "{refused:?}");
    assert!(queued.into_iter().all(|c| c.unwrap() == Committed::Applied), "what was queued still commits");
    assert!(s.egress(&"prj_a".into(), "eg_9").await.unwrap().is_none(), "nothing of the refused commit was written");
}

#[tokio::test]
async fn new_stores_are_compressed_and_an_uncompressed_one_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let s = SledStore::open(dir.path(), 8).unwrap();
    put(&s, vec![Op::PutProject(project("prj_a", "a"), Expect::New)]).await;
    s.close().await.unwrap();
    drop(s);
    let conf = String::from_utf8_lossy(&std::fs::read(dir.path().join("db/conf")).unwrap()).into_owned();
    assert!(conf.contains("use_compression: true"), "{conf}");

    // A data dir from a build before compression: sled refuses to open it with compression on.
    let old = tempfile::tempdir().unwrap();
    {
        let db = ::sled::Config::new().path(old.path().join("db")).open().unwrap();
        db.open_tree("pulse").unwrap();
        db.flush().unwrap();
    }
    let s = SledStore::open(old.path(), 8).unwrap();
    put(&s, vec![Op::PutProject(project("prj_b", "b"), Expect::New)]).await;
    assert_eq!(s.projects(ALL).await.unwrap().total, 1);
    let conf = String::from_utf8_lossy(&std::fs::read(old.path().join("db/conf")).unwrap()).into_owned();
    assert!(conf.contains("use_compression: false"), "it stays as it was: {conf}");
}

/// Deliveries of every (status, event, endpoint) mix, ids in creation order.
fn mixed(project: &str, n: usize) -> Vec<DeliveryRecord> {
    let statuses = [DeliveryStatus::Delivered, DeliveryStatus::Failed, DeliveryStatus::Retrying];
    let events = [EventKind::RoomStarted, EventKind::ParticipantJoined, EventKind::EgressEnded];
    (0..n)
        .map(|i| {
            let mut d = delivery(project, &format!("whl_{i:04}"), statuses[i % 3], None);
            d.event = events[(i / 3) % 3];
            d.endpoint_id = format!("we_{}", i % 2).into();
            d
        })
        .collect()
}

/// Every filter, page and page size the store answers as the records themselves say.
async fn assert_filters_match(s: &SledStore, all: &[DeliveryRecord]) {
    let filters = [None, Some(DeliveryStatus::Failed), Some(DeliveryStatus::Retrying)].into_iter().flat_map(|status| {
        [None, Some(EventKind::ParticipantJoined)].into_iter().flat_map(move |event| {
            [None, Some("we_1")].into_iter().map(move |ep| LogFilter {
                status,
                event,
                endpoint_id: ep.map(Into::into),
                ..Default::default()
            })
        })
    });
    for f in filters {
        let mut want: Vec<&str> = all
            .iter()
            .filter(|d| {
                f.status.is_none_or(|s| d.status == s)
                    && f.event.is_none_or(|e| d.event == e)
                    && f.endpoint_id.as_ref().is_none_or(|ep| &d.endpoint_id == ep)
            })
            .map(|d| d.id.as_str())
            .collect();
        want.reverse();
        for (page, limit) in [(1, 5), (3, 5), (2, 7), (1, 1000)] {
            let got = s.deliveries(&"prj_a".into(), &f, PageReq { page, limit }).await.unwrap();
            let skip = ((page - 1) * limit) as usize;
            let expect: Vec<&str> = want.iter().skip(skip).take(limit as usize).copied().collect();
            assert_eq!(got.items.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), expect, "{f:?} page {page}");
            assert_eq!(got.total, want.len() as u64, "{f:?}");
        }
    }
}

#[tokio::test]
async fn every_filter_mix_merges_its_index_groups_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let s = SledStore::open(dir.path(), 8).unwrap();
    let all = mixed("prj_a", 60);
    put(&s, all.iter().cloned().map(|d| Op::PutDelivery(d, Expect::New)).collect()).await;
    assert_filters_match(&s, &all).await;
    // A status change moves the delivery between groups and their counts.
    let mut moved = s.delivery(&"prj_a".into(), &"whl_0002".into()).await.unwrap().unwrap();
    moved.status = DeliveryStatus::Delivered;
    let rev = moved.rev;
    put(&s, vec![Op::PutDelivery(moved, Expect::Rev(rev))]).await;
    let mut all = all;
    all[2].status = DeliveryStatus::Delivered;
    assert_filters_match(&s, &all).await;
    let counts = s.project_queue_counts(&"prj_a".into(), 0).await.unwrap();
    assert_eq!(counts.scheduled, all.iter().filter(|d| d.status == DeliveryStatus::Retrying).count() as u64);
}

#[tokio::test]
async fn a_data_dir_with_the_three_old_delivery_indexes_is_rebuilt_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let all = mixed("prj_a", 45);
    {
        let s = SledStore::open(dir.path(), 8).unwrap();
        put(&s, all.iter().cloned().map(|d| Op::PutDelivery(d, Expect::New)).collect()).await;
        // Back to what an earlier build wrote: one index per filter, with counters.
        let mut batch = ::sled::Batch::default();
        for k in s.tree.scan_prefix(b"Dx/").keys().chain(s.tree.scan_prefix(b"#Dx/").keys()) {
            batch.remove(k.unwrap());
        }
        let mut counts = HashMap::<Vec<u8>, u64>::new();
        for d in &all {
            for g in [
                keys::key(&["Ds", "prj_a", d.status.as_str()], true),
                keys::key(&["De", "prj_a", d.event.as_str()], true),
                keys::key(&["Dp", "prj_a", &d.endpoint_id], true),
            ] {
                let mut k = g.clone();
                k.extend_from_slice(d.id.as_bytes());
                batch.insert(k, Vec::<u8>::new());
                *counts.entry(g).or_default() += 1;
            }
        }
        for (g, n) in counts {
            batch.insert(keys::counter(&g), n.to_be_bytes().to_vec());
        }
        s.tree.apply_batch(batch).unwrap();
        s.close().await.unwrap();
    }
    let s = loop {
        match SledStore::open(dir.path(), 8) {
            Ok(s) => break s,
            Err(StoreError::Locked(_)) => std::thread::sleep(std::time::Duration::from_millis(20)),
            Err(e) => panic!("{e}"),
        }
    };
    assert_filters_match(&s, &all).await;
    for old in ["Ds/", "De/", "Dp/", "#Ds/", "#De/", "#Dp/"] {
        assert!(s.tree.scan_prefix(old).next().is_none(), "{old} keys are gone");
    }
}

//! Writes a large store directly through the storage interface (the daemon is not running):
//! projects with known keys, and delivery logs with their events, as the intake would have.

use std::path::Path;

use pulse::model::*;
use pulse::store::sled::SledStore;
use pulse::store::*;

/// Writes `total` logs across `projects` projects; returns each project's API key.
pub async fn logs(dir: &Path, total: usize, projects: usize) -> Vec<String> {
    let store = SledStore::open(dir, 64).unwrap();
    let mut keys = Vec::new();
    let mut ids = Vec::new();
    for p in 0..projects {
        let key = format!("pulse_key_bench{p:04}0123456789abcdefghijklmnopqrstuv");
        let id = pulse::ids::ProjectId::mint();
        let record = ProjectRecord {
            id: id.clone(),
            name: format!("bench-{p}"),
            key_hash: pulse::util::sha256_hex(key.as_bytes()),
            key_prefix: format!("{}…", &key[..16]),
            storage: None,
            created_ms: now_ms(),
            rev: 0,
            limits: Default::default(),
        };
        store.commit(Changes { livekit_event: None, ops: vec![Op::PutProject(record, Expect::New)] }).await.unwrap();
        keys.push(key);
        ids.push(id);
    }
    let per = total / projects;
    let batch = 2000;
    let mut handles = Vec::new();
    for (p, project) in ids.iter().enumerate() {
        let mut written = 0;
        while written < per {
            let n = batch.min(per - written);
            let mut ops = Vec::with_capacity(n * 2);
            for i in 0..n {
                let now = now_ms();
                let evt = pulse::ids::EventId::mint();
                let payload = serde_json::json!({"id": evt, "event": "participant_joined", "timestamp": now / 1000,
                    "project_id": project, "room_name": "stage", "livekit_event_id": format!("EV_{p}_{written}_{i}"),
                    "data": {"participant": {"sid": format!("PA_{i}"), "identity": format!("viewer-{written}-{i}"),
                    "name": "Viewer", "joined_at": null}, "room": {"sid": "RM_b", "name": "stage"}}})
                .to_string();
                ops.push(Op::PutEvent(EventRecord {
                    id: evt.clone(),
                    project_id: project.clone(),
                    kind: EventKind::ParticipantJoined,
                    payload,
                    created_ms: now,
                }));
                let failed = (written + i) % 10 == 0;
                ops.push(Op::PutDelivery(
                    DeliveryRecord {
                        id: pulse::ids::DeliveryId::mint(),
                        project_id: project.clone(),
                        event_id: evt,
                        event: EventKind::ParticipantJoined,
                        endpoint_id: "we_bench".into(),
                        url: "https://hooks.example.com/pulse".into(),
                        status: if failed { DeliveryStatus::Failed } else { DeliveryStatus::Delivered },
                        max_attempts: 5,
                        due_ms: None,
                        next_attempt_ms: None,
                        last_status_code: Some(if failed { 500 } else { 200 }),
                        last_error: failed.then(|| "HTTP 500".into()),
                        attempts: vec![AttemptRecord {
                            at_ms: now,
                            status_code: Some(if failed { 500 } else { 200 }),
                            duration_ms: 3,
                            error: failed.then_some(ErrorClass::HttpStatus),
                            response_body: Some("ok".into()),
                            trigger: Trigger::Scheduled,
                            url: "https://hooks.example.com/pulse".into(),
                        }],
                        created_ms: now,
                        updated_ms: now,
                        delivered_ms: (!failed).then_some(now),
                        rev: 0,
                        order_key: None,
                    },
                    Expect::New,
                ));
            }
            let s = store.clone();
            handles.push(tokio::spawn(async move { s.commit(Changes { livekit_event: None, ops }).await.unwrap() }));
            if handles.len() >= 8 {
                for h in handles.drain(..) {
                    h.await.unwrap();
                }
            }
            written += n;
        }
    }
    for h in handles {
        h.await.unwrap();
    }
    store.close().await.unwrap();
    drop(store);
    keys
}

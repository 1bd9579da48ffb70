//! LiveKit's whole webhook event set, forwarded as pulse events with LiveKit's fields kept,
//! end to end: LiveKit's signed webhooks in, the real daemon, signed deliveries out.

use serde_json::{Value, json};

use crate::support::receiver::Received;
use crate::support::{Progress, TestEnv};

fn one<'a>(got: &'a [Received], event: &str) -> &'a Value {
    let all: Vec<_> = got.iter().filter(|r| r.json["event"] == event).collect();
    assert_eq!(all.len(), 1, "{event} exactly once: {:#?}", got.iter().map(|r| &r.json["event"]).collect::<Vec<_>>());
    &all[0].json
}

#[test]
fn livekit_whole_event_set_arrives_with_livekit_fields() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let rx = env.receiver();
    let (_, secret) = env.endpoint(&key, &rx.url, &[]);
    rx.trust(&secret);
    // The --events filter takes the new names.
    let some = env.receiver();
    let add = env.pulse(
        &key,
        &[
            "webhooks",
            "endpoints",
            "add",
            &some.url,
            "--events",
            "track_published,participant_connection_aborted",
            "--json",
        ],
    );
    add.code(0);
    some.trust(add.json()["secret"].as_str().unwrap());

    env.fake.set_progress(Progress::Stuck);
    let e = env
        .pulse(
            &key,
            &[
                "egress",
                "start",
                "--room",
                "stage",
                "--output",
                "rtmp",
                "--rtmp-url",
                "rtmp://a.example/live/k1",
                "--json",
            ],
        )
        .json();
    let lk = e["livekit_egress_id"].as_str().unwrap().to_string();
    let room = json!({"sid": "RM_1", "name": format!("{project}__stage"), "metadata": "{\"show\":1}"});
    let pa = json!({"sid": "PA_1", "identity": "alice", "name": "Alice", "joinedAt": "1767225600",
        "metadata": "m", "attributes": {"role": "host"}, "kind": "AGENT"});
    let egress = |status: &str| {
        json!({"egressId": lk, "roomName": format!("{project}__stage"), "status": status,
        "startedAt": "1767225600000000000", "streamResults": [{"url": "rtmp://a.example/live/k1"}]})
    };
    let job = json!({"id": "AJ_1", "type": "JT_ROOM", "room": {"sid": "RM_1", "name": format!("{project}__stage")}, "state": {"status": "JS_RUNNING"}});
    let webhooks = [
        json!({"event": "room_started", "room": room}),
        json!({"event": "participant_joined", "room": room, "participant": pa}),
        json!({"event": "track_published", "room": room, "participant": pa, "track": {"sid": "TR_v", "type": "VIDEO",
            "source": "CAMERA", "name": "cam", "mimeType": "video/VP8", "simulcast": true, "width": 1280, "height": 720}}),
        json!({"event": "track_unpublished", "room": room, "participant": pa, "track": {"sid": "TR_a", "type": 0,
            "source": 2, "mimeType": "audio/opus"}}),
        json!({"event": "agent_job_started", "job": job}),
        json!({"event": "agent_job_ended", "room": room, "job": job}),
        json!({"event": "egress_updated", "room": room, "egressInfo": egress("EGRESS_ACTIVE")}),
        json!({"event": "egress_updated", "room": room, "egressInfo": egress("EGRESS_ENDING")}),
        json!({"event": "participant_left", "room": room, "participant": {"sid": "PA_1", "identity": "alice", "disconnectReason": "CLIENT_INITIATED"}}),
        json!({"event": "participant_connection_aborted", "room": room, "participant": {"sid": "PA_2", "identity": "bob", "disconnectReason": 14}}),
        json!({"event": "room_finished", "room": room, "roomEndReason": "ROOM_END_IDLE_TIMEOUT"}),
    ];
    for (i, mut w) in webhooks.into_iter().enumerate() {
        w["id"] = json!(format!("EV_set_{i}"));
        assert_eq!(env.livekit_webhook(&w), 200, "{w}");
    }
    let got = rx.wait_for(10, |g| g.len() >= 11);
    assert!(got.iter().all(|r| r.standard_ok && r.pulse_ok));

    let started = one(&got, "room_started");
    assert_eq!(started["data"]["room"], json!({"sid": "RM_1", "name": "stage", "metadata": "{\"show\":1}"}));
    let joined = one(&got, "participant_joined");
    assert_eq!(joined["data"]["participant"]["kind"], "AGENT");
    assert_eq!(joined["data"]["participant"]["metadata"], "m");
    assert_eq!(joined["data"]["participant"]["attributes"], json!({"role": "host"}));
    let published = one(&got, "track_published");
    assert_eq!(
        published["data"]["track"],
        json!({"sid": "TR_v", "type": "VIDEO", "source": "CAMERA", "name": "cam", "mime_type": "video/VP8",
            "simulcast": true, "muted": false, "width": 1280, "height": 720})
    );
    assert_eq!(published["data"]["participant"]["identity"], "alice");
    let unpublished = one(&got, "track_unpublished");
    assert_eq!(unpublished["data"]["track"]["type"], "AUDIO", "enum numbers read as names");
    assert_eq!(unpublished["data"]["track"]["source"], "MICROPHONE");
    assert!(unpublished["data"]["track"].get("width").is_none(), "no size for audio");
    for ev in ["agent_job_started", "agent_job_ended"] {
        let j = one(&got, ev);
        assert_eq!(j["data"]["job"]["id"], "AJ_1");
        assert_eq!(j["data"]["room"]["name"], "stage", "routed by the job's room");
        assert_eq!(j["room_name"], "stage");
    }
    assert_eq!(one(&got, "egress_started")["data"]["egress"]["status"], "active");
    assert_eq!(one(&got, "egress_updated")["data"]["egress"]["status"], "stopping");
    let left = one(&got, "participant_left");
    assert_eq!(left["data"]["participant"]["disconnect_reason"], "CLIENT_INITIATED");
    let aborted = one(&got, "participant_connection_aborted");
    assert_eq!(aborted["data"]["participant"]["disconnect_reason"], "CONNECTION_TIMEOUT");
    let ended = one(&got, "room_ended");
    assert_eq!(ended["data"]["end_reason"], "ROOM_END_IDLE_TIMEOUT");

    // The filtered endpoint got exactly its two.
    let theirs = some.wait_for(10, |g| g.len() >= 2);
    std::thread::sleep(std::time::Duration::from_millis(200));
    let mut names: Vec<_> = some.got().iter().map(|r| r.json["event"].as_str().unwrap().to_string()).collect();
    names.sort();
    assert_eq!(names, ["participant_connection_aborted", "track_published"], "{theirs:?}");
    // And test events exist for the new names.
    env.pulse(&key, &["webhooks", "test", "track_unpublished"]).code(0);
}

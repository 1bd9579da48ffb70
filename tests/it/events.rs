//! LiveKit's whole webhook event set, forwarded as pulse events with LiveKit's fields kept,
//! end to end: LiveKit's signed webhooks in, the real daemon, signed deliveries out.

use serde_json::{Value, json};

use super::support::receiver::Received;
use super::support::{Progress, TestEnv};

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

/// (event, participant identity or "") of every delivery so far, sorted; and whether each was
/// marked `reconciled`.
fn transitions(got: &[Received]) -> Vec<(String, String, bool)> {
    let mut out: Vec<_> = got
        .iter()
        .map(|r| {
            let d = &r.json["data"];
            (
                r.json["event"].as_str().unwrap().to_string(),
                d["participant"]["identity"].as_str().unwrap_or("").to_string(),
                d["reconciled"] == json!(true),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn lost_room_and_participant_webhooks_are_reconciled_once() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let rx = env.receiver();
    let (_, secret) = env.endpoint(&key, &rx.url, &[]);
    rx.trust(&secret);
    let lk_room = format!("{project}__town-hall");
    let room = json!({"sid": "RM_1", "name": lk_room});
    let pa = |sid: &str, who: &str| json!({"sid": sid, "identity": who, "name": who, "joinedAt": "1767225600"});
    let send = |id: &str, mut w: Value| {
        w["id"] = json!(id);
        assert_eq!(env.livekit_webhook(&w), 200);
    };
    send("EV_r1", json!({"event": "room_started", "room": room}));
    send("EV_r2", json!({"event": "participant_joined", "room": room, "participant": pa("PA_1", "alice")}));
    send("EV_r3", json!({"event": "participant_joined", "room": room, "participant": pa("PA_2", "bob")}));
    // LiveKit retries one with a new id: the session says it happened already.
    send("EV_r3b", json!({"event": "participant_joined", "room": room, "participant": pa("PA_2", "bob")}));
    rx.wait_for(10, |g| g.len() >= 3);

    // bob's participant_left was lost; carol joined without a webhook pulse got.
    env.fake.set_rooms(vec![json!({"sid": "RM_1", "name": lk_room, "numParticipants": 2})]);
    env.fake.set_participants(&lk_room, vec![pa("PA_1", "alice"), pa("PA_3", "carol")]);
    let st = env.state();
    env.rt.block_on(st.core.reconcile_once());
    env.rt.block_on(st.core.reconcile_once());
    rx.wait_for(10, |g| g.len() >= 5);
    // The lost webhooks arrive after all: the same transitions, not new ones.
    send("EV_r4", json!({"event": "participant_left", "room": room, "participant": pa("PA_2", "bob")}));
    send("EV_r5", json!({"event": "participant_joined", "room": room, "participant": pa("PA_3", "carol")}));

    // The room ends with its webhook lost.
    env.fake.set_rooms(vec![]);
    env.rt.block_on(st.core.reconcile_once());
    env.rt.block_on(st.core.reconcile_once());
    rx.wait_for(10, |g| g.len() >= 8);
    send("EV_r6", json!({"event": "room_finished", "room": room}));
    send("EV_r7", json!({"event": "participant_left", "room": room, "participant": pa("PA_1", "alice")}));

    // A room pulse never heard of at all.
    let other = format!("{project}__side");
    env.fake.set_rooms(vec![json!({"sid": "RM_2", "name": other})]);
    env.fake.set_participants(&other, vec![pa("PA_9", "dave")]);
    env.rt.block_on(st.core.reconcile_once());
    rx.wait_for(10, |g| g.len() >= 10);
    // It ends with its webhook, dave's participant_left lost: ending the room ends him.
    send("EV_r8", json!({"event": "room_finished", "room": {"sid": "RM_2", "name": other}}));
    let got = rx.wait_for(10, |g| g.len() >= 12);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let got = if rx.got().len() > got.len() { rx.got() } else { got };
    let t = |e: &str, who: &str, rec: bool| (e.to_string(), who.to_string(), rec);
    let mut want = vec![
        t("room_started", "", false),
        t("participant_joined", "alice", false),
        t("participant_joined", "bob", false),
        t("participant_left", "bob", true),
        t("participant_joined", "carol", true),
        t("participant_left", "alice", true),
        t("participant_left", "carol", true),
        t("room_ended", "", true),
        t("room_started", "", true),
        t("participant_joined", "dave", true),
        t("room_ended", "", false),
        t("participant_left", "dave", true),
    ];
    want.sort();
    assert_eq!(transitions(&got), want);
    assert!(got.iter().all(|r| r.standard_ok && r.pulse_ok));
    let reconciled_left = got
        .iter()
        .find(|r| r.json["event"] == "participant_left" && r.json["data"]["participant"]["identity"] == "bob")
        .unwrap();
    assert!(
        reconciled_left.json.get("livekit_event_id").is_none_or(|v| v.is_null()),
        "no LiveKit id for what reconciliation found"
    );
    assert_eq!(reconciled_left.json["room_name"], "town-hall");
    // LiveKit was asked as it is meant to be: ListParticipants with roomAdmin for that room.
    let asked = env.fake.requests_to("ListParticipants");
    assert!(!asked.is_empty());
    assert_eq!(asked[0].claims["video"]["room"], json!(lk_room));
}

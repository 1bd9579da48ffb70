//! Recording rules: created and checked like `egress start`, and run when LiveKit reports the
//! trigger — once per room session however often it is reported, stopped when the room
//! finishes.

use serde_json::{Value, json};

use super::support::TestEnv;

fn room_webhook(env: &TestEnv, id: &str, event: &str, project: &str, room: &str, sid: &str) {
    let body = json!({"event": event, "id": id, "room": {"sid": sid, "name": format!("{project}__{room}")}});
    assert_eq!(env.livekit_webhook(&body), 200);
}

fn api(env: &TestEnv, key: &str, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let (s, _, v) = env.api(method, path, Some(("x-pulse-key", key)), body.map(|b| b.to_string().into_bytes()));
    (s, v)
}

#[test]
fn rules_are_checked_like_egress_start_and_name_the_field() {
    let env = TestEnv::start();
    let (_, key) = env.project("a");
    for (body, field) in [
        (json!({"egress": {"output_type": "dash"}}), "egress.output_type"),
        (json!({"egress": {"room_name": "x", "output_type": "hls"}}), "egress.room_name"),
        (json!({"egress": {"output_type": "rtmp"}}), "egress.rtmp_urls"),
        (json!({"trigger": "sometimes", "egress": {"output_type": "hls"}}), "trigger"),
        (json!({"room_glob": "live-*"}), "egress"),
        (json!({"room_glob": "", "egress": {"output_type": "hls"}}), "room_glob"),
    ] {
        let (s, v) = api(&env, &key, "POST", "/v1/media/rules", Some(body.clone()));
        assert_eq!((s, v["error"]["field"].as_str()), (400, Some(field)), "{body}: {v}");
    }
    let (s, v) = api(&env, &key, "GET", "/v1/media/rules", None);
    assert_eq!((s, v["pagination"]["total"].as_u64()), (200, Some(0)), "nothing was created: {v}");

    // Create, get, update, list, delete.
    let (s, r) = api(
        &env,
        &key,
        "POST",
        "/v1/media/rules",
        Some(json!({"room_glob": "live-*", "egress": {"output_type": "hls"}})),
    );
    assert_eq!(s, 201, "{r}");
    assert_eq!((r["trigger"].as_str(), r["enabled"].as_bool()), (Some("room_started"), Some(true)));
    let id = r["rule_id"].as_str().unwrap();
    let (s, u) =
        api(&env, &key, "PATCH", &format!("/v1/media/rules/{id}"), Some(json!({"trigger": "track_published"})));
    assert_eq!(
        (s, u["trigger"].as_str(), u["room_glob"].as_str()),
        (200, Some("track_published"), Some("live-*")),
        "{u}"
    );
    let (_, got) = api(&env, &key, "GET", &format!("/v1/media/rules/{id}"), None);
    assert_eq!(got["trigger"], "track_published");
    let (_, other) = env.project("b");
    let (s, _) = api(&env, &other, "GET", &format!("/v1/media/rules/{id}"), None);
    assert_eq!(s, 404, "another project's key finds nothing");
    let (s, _) = api(&env, &key, "DELETE", &format!("/v1/media/rules/{id}"), None);
    assert_eq!(s, 200);
    let (s, _) = api(&env, &key, "GET", &format!("/v1/media/rules/{id}"), None);
    assert_eq!(s, 404);
}

#[test]
fn a_rule_starts_one_egress_per_room_session_and_stops_it_when_the_room_finishes() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let (s, r) = api(
        &env,
        &key,
        "POST",
        "/v1/media/rules",
        Some(json!({"room_glob": "live-*", "egress": {"output_type": "hls", "layout_type": "grid"}})),
    );
    assert_eq!(s, 201, "{r}");
    let rule = r["rule_id"].as_str().unwrap().to_string();
    let starts = |env: &TestEnv| env.fake.requests_to("StartRoomCompositeEgress");

    // The room starts, reported twice (a retried webhook and a second report of the same
    // session): one egress, with the rule's options, in the project's namespaced room.
    room_webhook(&env, "EV_1", "room_started", &project, "live-1", "RM_s1");
    room_webhook(&env, "EV_1", "room_started", &project, "live-1", "RM_s1");
    room_webhook(&env, "EV_1b", "room_started", &project, "live-1", "RM_s1");
    let sent = starts(&env);
    assert_eq!(sent.len(), 1, "one start for one room session");
    assert_eq!(sent[0].body["roomName"], format!("{project}__live-1"));
    assert_eq!(sent[0].body["layout"], "grid");
    // A room the glob does not match starts nothing.
    room_webhook(&env, "EV_2", "room_started", &project, "backstage", "RM_s2");
    assert_eq!(starts(&env).len(), 1);

    let (_, list) = api(&env, &key, "GET", "/v1/media/egress?room_name=live-1", None);
    let egress = &list["data"][0];
    assert_eq!(egress["rule_id"], rule.as_str(), "{list}");
    let lk = egress["livekit_egress_id"].as_str().unwrap().to_string();

    // The room finishes: the rule's egress is stopped.
    room_webhook(&env, "EV_3", "room_finished", &project, "live-1", "RM_s1");
    let stops = env.fake.requests_to("StopEgress");
    assert_eq!(stops.len(), 1);
    assert_eq!(stops[0].body["egressId"], lk.as_str());

    // A new session of the same room is recorded again.
    room_webhook(&env, "EV_4", "room_started", &project, "live-1", "RM_s3");
    assert_eq!(starts(&env).len(), 2);
}

#[test]
fn a_track_published_rule_waits_for_the_first_track() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let body = json!({"trigger": "track_published", "egress": {"output_type": "file"}});
    assert_eq!(api(&env, &key, "POST", "/v1/media/rules", Some(body)).0, 201);
    room_webhook(&env, "EV_1", "room_started", &project, "talk", "RM_t");
    assert!(env.fake.requests_to("StartRoomCompositeEgress").is_empty(), "not on room_started");
    for (i, track) in ["TR_a", "TR_v"].iter().enumerate() {
        let body = json!({"event": "track_published", "id": format!("EV_t{i}"),
            "room": {"sid": "RM_t", "name": format!("{project}__talk")},
            "participant": {"sid": "PA_1", "identity": "host"},
            "track": {"sid": track, "type": "AUDIO"}});
        assert_eq!(env.livekit_webhook(&body), 200);
    }
    assert_eq!(env.fake.requests_to("StartRoomCompositeEgress").len(), 1, "the first track starts it, once");
}

#[test]
fn pulse_rules_add_list_get_remove() {
    let env = TestEnv::start();
    let (_, key) = env.project("a");
    let add = env.pulse(&key, &["rules", "add", "--rooms", "live-*", "--output", "hls", "--layout", "grid", "--json"]);
    add.code(0);
    let r = add.json();
    assert_eq!((r["room_glob"].as_str(), r["egress"]["layout_type"].as_str()), (Some("live-*"), Some("grid")), "{r}");
    let id = r["rule_id"].as_str().unwrap();
    let list = env.pulse(&key, &["rules", "list"]);
    list.code(0);
    assert!(list.stdout.contains(id) && list.stdout.contains("RULE ID"), "{}", list.stdout);
    env.pulse(&key, &["rules", "get", id, "--json"]).code(0);
    let multi = env.pulse(&key, &["rules", "add", "--output", "hls,file,images", "--image-every", "30s", "--json"]);
    assert_eq!(multi.code(0).json()["egress"]["outputs"], serde_json::json!(["hls", "file", "images"]));
    let bad = env.pulse(&key, &["rules", "add", "--output", "rtmp"]);
    assert_ne!(bad.code, 0);
    assert!(bad.stderr.contains("rtmp_urls"), "{}", bad.stderr);
    env.pulse(&key, &["rules", "remove", id]).code(0);
    assert_ne!(env.pulse(&key, &["rules", "get", id]).code, 0);
}

#[test]
fn the_reconciler_starts_a_rule_whose_room_started_webhook_was_lost_once() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let body = json!({"room_glob": "live-*", "egress": {"output_type": "hls"}});
    assert_eq!(api(&env, &key, "POST", "/v1/media/rules", Some(body)).0, 201);
    // LiveKit lists the room (its room_started webhook never came), and a room of no project.
    env.fake.set_rooms(vec![
        json!({"sid": "RM_lost", "name": format!("{project}__live-7"), "numParticipants": 3}),
        json!({"sid": "RM_x", "name": "someone-elses-room"}),
    ]);
    let st = env.state();
    env.rt.block_on(st.core.reconcile_once());
    let starts = env.fake.requests_to("StartRoomCompositeEgress");
    assert_eq!(starts.len(), 1);
    assert_eq!(starts[0].body["roomName"], format!("{project}__live-7"));
    // The late webhook and the next pass find the session started.
    room_webhook(&env, "EV_late", "room_started", &project, "live-7", "RM_lost");
    env.rt.block_on(st.core.reconcile_once());
    assert_eq!(env.fake.requests_to("StartRoomCompositeEgress").len(), 1);
}

#[test]
fn a_refused_start_is_retried_when_it_may_pass_and_fails_with_the_reason_when_not() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let rx = env.receiver();
    env.endpoint(&key, &rx.url, &["egress_failed"]);
    let body = json!({"room_glob": "live-*", "egress": {"output_type": "hls"}});
    assert_eq!(api(&env, &key, "POST", "/v1/media/rules", Some(body)).0, 201);

    // LiveKit overloaded once: the rule's start is tried again (after a second) and starts.
    env.fake.fail_next(503, "unavailable", "no egress workers available");
    room_webhook(&env, "EV_1", "room_started", &project, "live-1", "RM_1");
    super::support::eventually(15, "the retried start", || {
        (env.fake.requests_to("StartRoomCompositeEgress").len() == 2).then_some(())
    });
    let list = super::support::eventually(15, "the egress started", || {
        let (_, list) = api(&env, &key, "GET", "/v1/media/egress?room_name=live-1", None);
        list["data"][0]["livekit_egress_id"].is_string().then_some(list)
    });
    assert_eq!(list["data"].as_array().unwrap().len(), 1, "{list}");
    assert_ne!(list["data"][0]["status"], "failed", "{list}");
    assert_eq!(list["data"][0]["start_retry"]["attempts"], 2, "{list}");

    // Refused for a reason a retry cannot change: one try, egress_failed with the reason.
    env.fake.fail_next(400, "invalid_argument", "template not found");
    room_webhook(&env, "EV_2", "room_started", &project, "live-2", "RM_2");
    assert_eq!(env.fake.requests_to("StartRoomCompositeEgress").len(), 3);
    let (_, list) = api(&env, &key, "GET", "/v1/media/egress?room_name=live-2", None);
    assert_eq!(list["data"][0]["status"], "failed", "{list}");
    let got = rx.wait_for(10, |g| !g.is_empty());
    assert_eq!(got[0].json["event"], "egress_failed");
    assert!(got[0].body.contains("template not found"), "{}", got[0].body);
}

#[test]
fn room_is_the_same_flag_as_rooms_and_both_are_in_the_help() {
    let env = TestEnv::start();
    let (_, key) = env.project("acme");
    let add = env.pulse(&key, &["rules", "add", "--room", "stage-*", "--output", "hls", "--json"]);
    add.code(0);
    assert_eq!(add.json()["room_glob"], "stage-*");
    let help = env.pulse(&key, &["rules", "add", "--help"]);
    assert!(help.stdout.contains("--rooms <GLOB>"), "{}", help.stdout);
    assert!(help.stdout.contains("[alias: --room]"), "{}", help.stdout);
}

#[test]
fn a_rule_egress_that_fails_mid_session_restarts_once_per_failure_into_the_next_part() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let rx = env.receiver();
    env.endpoint(&key, &rx.url, &["egress_restarted", "egress_failed"]);
    let body = json!({"room_glob": "live-*", "egress": {"output_type": "hls", "filename": "show"}});
    assert_eq!(api(&env, &key, "POST", "/v1/media/rules", Some(body)).0, 201);
    room_webhook(&env, "EV_1", "room_started", &project, "live-1", "RM_1");
    let starts = |env: &TestEnv| env.fake.requests_to("StartRoomCompositeEgress");
    assert_eq!(starts(&env).len(), 1);
    let (_, list) = api(&env, &key, "GET", "/v1/media/egress?room_name=live-1", None);
    let first = list["data"][0].clone();
    let lk = first["livekit_egress_id"].as_str().unwrap().to_string();

    // LiveKit aborts it after it had recorded a while; the webhook is reported twice (with
    // distinct ids, as a retrying sender may): one restart, into part 2 of the same recording.
    let ended = |id: &str, lk: &str, status: &str, error: &str| {
        let now_ns = super::support::receiver::now() * 1_000_000_000;
        let hook = json!({"event": "egress_ended", "id": id, "room": {"sid": "RM_1", "name": format!("{project}__live-1")},
            "egressInfo": {"egressId": lk, "roomId": "RM_1", "roomName": format!("{project}__live-1"), "status": status,
                "startedAt": (now_ns - 60_000_000_000i64).to_string(), "endedAt": now_ns.to_string(), "error": error}});
        assert_eq!(env.livekit_webhook(&hook), 200);
    };
    ended("EV_a1", &lk, "EGRESS_ABORTED", "Start signal not received");
    ended("EV_a2", &lk, "EGRESS_ABORTED", "Start signal not received");
    let sent = super::support::eventually(15, "the restart's start", || {
        let s = starts(&env);
        (s.len() == 2).then_some(s)
    });
    let prefix = sent[1].body["segmentOutputs"][0]["playlistName"].as_str().unwrap().to_string();
    assert!(prefix.ends_with("/hls/show/part-2/index.m3u8"), "{prefix}");
    let got = rx.wait_for(15, |g| g.iter().any(|r| r.json["event"] == "egress_restarted"));
    let restarted = got.iter().find(|r| r.json["event"] == "egress_restarted").unwrap();
    let data = &restarted.json["data"];
    assert_eq!((data["part"].as_u64(), data["previous_egress_id"].as_str()), (Some(2), first["egress_id"].as_str()));
    assert!(data["reason"].as_str().unwrap().contains("EGRESS_ABORTED"), "{data}");
    let second = data["egress"]["egress_id"].as_str().unwrap().to_string();
    let part2 = super::support::eventually(15, "part 2 started", || {
        let (_, e) = api(&env, &key, "GET", &format!("/v1/media/egress/{second}"), None);
        e["livekit_egress_id"].is_string().then_some(e)
    });
    assert_eq!((part2["part"].as_u64(), part2["filename"].as_str()), (Some(2), Some("show/part-2")), "{part2}");
    assert_eq!(part2["rule_id"], first["rule_id"]);
    let (_, e) = api(&env, &key, "GET", &format!("/v1/media/egress/{}", first["egress_id"].as_str().unwrap()), None);
    assert_eq!((e["status"].as_str(), e["part"].as_u64()), (Some("failed"), None), "{e}");

    // A limit reached restarts too (part 3); a recording that completes does not.
    ended("EV_b1", part2["livekit_egress_id"].as_str().unwrap(), "EGRESS_LIMIT_REACHED", "");
    let sent = super::support::eventually(15, "part 3", || {
        let s = starts(&env);
        (s.len() == 3).then_some(s)
    });
    assert!(sent[2].body["segmentOutputs"][0]["playlistName"].as_str().unwrap().ends_with("/show/part-3/index.m3u8"));
    let (_, list) = api(&env, &key, "GET", "/v1/media/egress?room_name=live-1", None);
    let part3 = list["data"].as_array().unwrap().iter().find(|e| e["part"] == 3).unwrap().clone();
    let lk3 = super::support::eventually(15, "part 3 started", || {
        let (_, e) =
            api(&env, &key, "GET", &format!("/v1/media/egress/{}", part3["egress_id"].as_str().unwrap()), None);
        e["livekit_egress_id"].as_str().map(String::from)
    });
    ended("EV_c1", &lk3, "EGRESS_COMPLETE", "");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(starts(&env).len(), 3, "a completed recording is not restarted");
    let restarts = rx.got().iter().filter(|r| r.json["event"] == "egress_restarted").count();
    assert_eq!(restarts, 2, "one egress_restarted per failure");

    // Once the room session has ended, a failure is not restarted.
    room_webhook(&env, "EV_2", "room_started", &project, "live-2", "RM_2");
    let (_, list) = api(&env, &key, "GET", "/v1/media/egress?room_name=live-2", None);
    let lk4 = list["data"][0]["livekit_egress_id"].as_str().unwrap().to_string();
    room_webhook(&env, "EV_3", "room_finished", &project, "live-2", "RM_2");
    let hook = json!({"event": "egress_ended", "id": "EV_d1", "room": {"sid": "RM_2", "name": format!("{project}__live-2")},
        "egressInfo": {"egressId": lk4, "roomId": "RM_2", "roomName": format!("{project}__live-2"),
            "status": "EGRESS_ABORTED", "startedAt": "1000000000", "endedAt": "2000000000"}});
    assert_eq!(env.livekit_webhook(&hook), 200);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(starts(&env).len(), 4, "no restart after the room finished");
}

#[test]
fn a_rule_keeps_its_stream_keys_and_shows_them_masked() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let url = "rtmp://live.example.com/app/sk_live_secret_key";
    let body = json!({"room_glob": "live-*", "egress": {"output_type": "rtmp", "rtmp_urls": [url]}});
    let (s, r) = api(&env, &key, "POST", "/v1/media/rules", Some(body));
    assert_eq!(s, 201, "{r}");
    let id = r["rule_id"].as_str().unwrap();
    for (_, shown) in [(0, r.clone()), api(&env, &key, "GET", &format!("/v1/media/rules/{id}"), None)] {
        let text = shown.to_string();
        assert!(!text.contains("sk_live_secret_key") && text.contains("rtmp://live.example.com"), "{text}");
    }
    let list = env.pulse(&key, &["rules", "list", "--json"]);
    assert!(!list.stdout.contains("sk_live_secret_key"), "{}", list.stdout);
    // The rule still starts with the real key.
    room_webhook(&env, "EV_1", "room_started", &project, "live-1", "RM_1");
    let starts = env.fake.requests_to("StartRoomCompositeEgress");
    assert_eq!(starts[0].body["streamOutputs"][0]["urls"][0], url);
}
